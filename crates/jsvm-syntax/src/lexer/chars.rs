//! Character classes of ECMAScript source text (12.2 WhiteSpace, 12.3 Line
//! Terminators, 12.7 Names and Keywords).
//!
//! Invariant: `is_id_start`/`is_id_continue` follow the Unicode ID_Start /
//! ID_Continue properties (not XID_*) plus `$`, `_`, ZWNJ and ZWJ, as the
//! spec requires.

/// WhiteSpace: TAB, VT, FF, ZWNBSP, and any Space_Separator (Zs).
pub fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{B}' | '\u{C}' | ' ' | '\u{A0}' | '\u{FEFF}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// LineTerminator: LF, CR, LS, PS.
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Code points in ID_Start but not XID_Start (NFKC modifications, UAX #31).
fn id_start_not_xid(c: char) -> bool {
    matches!(
        c,
        '\u{037A}' | '\u{0E33}' | '\u{0EB3}' | '\u{309B}' | '\u{309C}' | '\u{FC5E}'
            ..='\u{FC63}'
                | '\u{FDFA}'
                | '\u{FDFB}'
                | '\u{FE70}'
                | '\u{FE72}'
                | '\u{FE74}'
                | '\u{FE76}'
                | '\u{FE78}'
                | '\u{FE7A}'
                | '\u{FE7C}'
                | '\u{FE7E}'
                | '\u{FF9E}'
                | '\u{FF9F}'
    )
}

/// Code points in ID_Continue but not XID_Continue.
fn id_continue_not_xid(c: char) -> bool {
    matches!(
        c,
        '\u{037A}' | '\u{309B}' | '\u{309C}' | '\u{FC5E}'
            ..='\u{FC63}'
                | '\u{FDFA}'
                | '\u{FDFB}'
                | '\u{FE70}'
                | '\u{FE72}'
                | '\u{FE74}'
                | '\u{FE76}'
                | '\u{FE78}'
                | '\u{FE7A}'
                | '\u{FE7C}'
                | '\u{FE7E}'
    )
}

/// IdentifierStartChar: UnicodeIDStart, `$`, `_`.
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '$' || c == '_'
    } else {
        unicode_ident::is_xid_start(c) || id_start_not_xid(c)
    }
}

/// IdentifierPartChar: UnicodeIDContinue, `$`, ZWNJ, ZWJ.
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '$' || c == '_'
    } else {
        unicode_ident::is_xid_continue(c)
            || id_continue_not_xid(c)
            || id_start_not_xid(c)
            || c == '\u{200C}'
            || c == '\u{200D}'
    }
}

/// The value of a hexadecimal digit.
pub fn hex_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some((b - b'0') as u32),
        b'a'..=b'f' => Some((b - b'a' + 10) as u32),
        b'A'..=b'F' => Some((b - b'A' + 10) as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_id_start('a') && is_id_start('$') && is_id_start('℮'));
        assert!(is_id_start('\u{309B}'));
        assert!(!is_id_start('1') && is_id_continue('1'));
        assert!(is_id_continue('\u{200D}'));
        assert!(is_whitespace('\u{FEFF}') && is_whitespace('\u{3000}'));
        assert!(!is_whitespace('\u{180E}'));
        assert!(is_line_terminator('\u{2029}'));
    }
}
