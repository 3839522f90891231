//! The pure text layout half of Node's `util.inspect`: quoting strings and
//! keys, grouping long arrays into columns, and deciding whether an object's
//! entries fit on one line. Nothing here touches the engine, so it is tested
//! alone against outputs taken from Node.
//!
//! Invariant: given the same entry strings, the layout equals Node 20's
//! `util.inspect` with `{ breakLength: 80, compact: 3 }` (console.log's
//! settings) without colours.

/// Console.log's line width.
pub const BREAK_LENGTH: usize = 80;
/// Node's `compact: 3`.
pub const COMPACT: usize = 3;

/// Quotes a string the way Node does inside containers (strEscape):
/// single quotes, unless the string contains single quotes and no double
/// quotes (then double), or both but no backtick (then backticks).
pub fn quote_str(s: &str) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    quote_units(&units)
}

/// [`quote_str`] for UTF-16 text (lone surrogates show as `\uXXXX`).
pub fn quote_units(units: &[u16]) -> String {
    let has = |c: char| units.contains(&(c as u16));
    let quote = if !has('\'') {
        '\''
    } else if !has('"') {
        '"'
    } else if !has('`') && !contains_template(units) {
        '`'
    } else {
        '\''
    };
    let mut out = String::with_capacity(units.len() + 2);
    out.push(quote);
    escape_into(&mut out, units, quote);
    out.push(quote);
    out
}

/// A non-enumerable key's text inside `[...]` (control characters, the
/// backslash and single quotes escaped, as Node's
/// strEscapeSequencesReplacer does).
pub fn escape_key(name: &str) -> String {
    let units: Vec<u16> = name.encode_utf16().collect();
    let mut out = String::new();
    escape_into(&mut out, &units, '\'');
    out
}

fn contains_template(units: &[u16]) -> bool {
    units
        .windows(2)
        .any(|w| w[0] == u16::from(b'$') && w[1] == u16::from(b'{'))
}

/// Node's `meta` escapes: C0 and C1 controls, the backslash, the quote
/// in use, and lone surrogates.
fn escape_into(out: &mut String, units: &[u16], quote: char) {
    for r in char::decode_utf16(units.iter().copied()) {
        let c = match r {
            Ok(c) => c,
            Err(e) => {
                out.push_str(&format!("\\u{:x}", e.unpaired_surrogate()));
                continue;
            }
        };
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
}

/// A property key as Node shows it: bare when it matches
/// `^[a-zA-Z_][a-zA-Z_0-9]*$`, quoted otherwise.
pub fn format_key(name: &str) -> String {
    let mut chars = name.chars();
    let ident = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        _ => false,
    };
    if ident {
        name.to_string()
    } else {
        quote_str(name)
    }
}

/// Node's `isBelowBreakLength`.
fn is_below_break_length(output: &[String], start: usize, base: &str, indentation: usize) -> bool {
    let _ = indentation;
    let mut total = output.len() + start;
    if total + output.len() > BREAK_LENGTH {
        return false;
    }
    for entry in output {
        total += entry.chars().count();
        if total > BREAK_LENGTH {
            return false;
        }
    }
    base.is_empty() || !base.contains('\n')
}

/// What kind of container the entries come from (Node's extrasType).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Extras {
    Object,
    Array,
}

/// Node's `groupArrayElements`: arrays of more than six short entries are
/// laid out in aligned columns. `numeric` is true when every element is a
/// number (then entries are right-aligned). `has_more` says the last entry
/// is the "... n more items" line, which is not grouped.
pub fn group_array_elements(
    output: Vec<String>,
    indentation: usize,
    numeric: bool,
    has_more: bool,
) -> Vec<String> {
    let mut output_len = output.len();
    if has_more {
        output_len -= 1;
    }
    const SEPARATOR_SPACE: usize = 2;
    let data_len: Vec<usize> = output[..output_len]
        .iter()
        .map(|s| s.chars().count())
        .collect();
    let total_length: usize = data_len.iter().map(|l| l + SEPARATOR_SPACE).sum();
    let max_length = data_len.iter().copied().max().unwrap_or(0);
    let actual_max = max_length + SEPARATOR_SPACE;
    if actual_max * 3 + indentation < BREAK_LENGTH
        && (total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6)
    {
        let approx_char_heights = 2.5;
        let average_bias = (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
        let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
        let columns = [
            ((approx_char_heights * biased_max * output_len as f64).sqrt() / biased_max).round()
                as usize,
            (BREAK_LENGTH - indentation) / actual_max,
            COMPACT * 4,
            15,
        ]
        .into_iter()
        .min()
        .unwrap_or(1);
        if columns <= 1 {
            return output;
        }
        let mut max_line_length = Vec::with_capacity(columns);
        for i in 0..columns {
            let mut line_length = 0;
            let mut j = i;
            while j < output_len {
                line_length = line_length.max(data_len[j]);
                j += columns;
            }
            max_line_length.push(line_length + SEPARATOR_SPACE);
        }
        let mut grouped = Vec::new();
        let mut i = 0;
        while i < output_len {
            let max = (i + columns).min(output_len);
            let mut line = String::new();
            for j in i..max - 1 {
                let cell = format!("{}, ", output[j]);
                line.push_str(&pad(&cell, max_line_length[j - i], numeric));
            }
            let last = max - 1;
            if numeric {
                let width = max_line_length[last - i] - SEPARATOR_SPACE;
                line.push_str(&pad(&output[last], width, true));
            } else {
                line.push_str(&output[last]);
            }
            grouped.push(line);
            i += columns;
        }
        if has_more {
            grouped.push(output[output_len].clone());
        }
        return grouped;
    }
    output
}

fn pad(s: &str, width: usize, start: bool) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let fill = " ".repeat(width - len);
    if start {
        fill + s
    } else {
        s.to_string() + &fill
    }
}

/// Node's `reduceToSingleString`: joins the entries on one line when they
/// fit, otherwise one entry per line indented by two more spaces.
/// `inner_depth` is how many object levels below this one were formatted
/// (Node's `ctx.currentDepth - recurseTimes`).
pub fn reduce_to_single_string(
    output: Vec<String>,
    base: &str,
    braces: (&str, &str),
    extras: Extras,
    indentation: usize,
    inner_depth: usize,
    numeric: bool,
    has_more: bool,
) -> String {
    let entries = output.len();
    let output = if extras == Extras::Array && entries > 6 {
        group_array_elements(output, indentation, numeric, has_more)
    } else {
        output
    };
    let prefix = if base.is_empty() {
        String::new()
    } else {
        format!("{base} ")
    };
    if inner_depth < COMPACT && entries == output.len() {
        let start = output.len() + indentation + braces.0.chars().count() + base.len() + 10;
        if is_below_break_length(&output, start, base, indentation) {
            let joined = output.join(", ");
            if !joined.contains('\n') {
                return format!("{prefix}{} {joined} {}", braces.0, braces.1);
            }
        }
    }
    let ind = format!("\n{}", " ".repeat(indentation));
    format!(
        "{prefix}{}{ind}  {}{ind}{}",
        braces.0,
        output.join(&format!(",{ind}  ")),
        braces.1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_node() {
        assert_eq!(quote_str("it's"), "\"it's\"");
        assert_eq!(quote_str("say \"hi\""), "'say \"hi\"'");
        assert_eq!(quote_str("both ' \""), "`both ' \"`");
        assert_eq!(quote_str("a\nb"), "'a\\nb'");
        assert_eq!(quote_str("\u{b}\u{85}"), "'\\x0B\\x85'");
        assert_eq!(quote_units(&[0xd800]), "'\\ud800'");
    }

    #[test]
    fn keys_like_node() {
        assert_eq!(format_key("valid_id"), "valid_id");
        assert_eq!(format_key("a-b"), "'a-b'");
        assert_eq!(format_key("3"), "'3'");
        assert_eq!(format_key("$a"), "'$a'");
    }

    #[test]
    fn groups_numbers_in_columns() {
        let out: Vec<String> = (1..=7).map(|i| i.to_string()).collect();
        let s = reduce_to_single_string(out, "", ("[", "]"), Extras::Array, 0, 0, true, false);
        assert_eq!(s, "[\n  1, 2, 3, 4,\n  5, 6, 7\n]");
        let out: Vec<String> = (0..30).map(|i| (i * 3).to_string()).collect();
        let s = reduce_to_single_string(out, "", ("[", "]"), Extras::Array, 0, 0, true, false);
        assert_eq!(
            s,
            "[\n   0,  3,  6,  9, 12, 15, 18, 21, 24,\n  27, 30, 33, 36, 39, 42, 45, 48, 51,\n  54, 57, 60, 63, 66, 69, 72, 75, 78,\n  81, 84, 87\n]"
        );
    }

    #[test]
    fn long_strings_stay_on_one_line_when_they_fit() {
        let out: Vec<String> = [
            "apple",
            "banana",
            "cherry",
            "date",
            "elderberry",
            "fig",
            "grape",
        ]
        .iter()
        .map(|s| quote_str(s))
        .collect();
        let s = reduce_to_single_string(out, "", ("[", "]"), Extras::Array, 0, 0, false, false);
        assert_eq!(
            s,
            "[ 'apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape' ]"
        );
    }

    #[test]
    fn breaks_objects_past_80_columns() {
        let out = vec![
            format!("a: {}", quote_str(&"x".repeat(50))),
            format!("b: {}", quote_str(&"y".repeat(20))),
        ];
        let s = reduce_to_single_string(out, "", ("{", "}"), Extras::Object, 0, 0, false, false);
        assert!(s.starts_with("{\n  a: 'xxx"));
    }
}
