//! String literals, template pieces and their escape sequences (12.9.4,
//! 12.9.6, B.1.2 legacy octal escapes).
//!
//! Invariant: string values are produced as UTF-16 code units (escapes may
//! yield lone surrogates); template raw values have CR and CRLF normalised to
//! LF.

use super::chars::hex_value;
use super::{lex_error, Kind, LResult, Lexer, Token, TokenValue};

/// The outcome of one escape sequence.
enum Escape {
    Ok,
    /// A legacy octal (or `\8`/`\9`) escape at this offset: fine in sloppy
    /// string literals, an error in strict code.
    LegacyOctal(usize),
    /// Not a valid escape (a NotEscapeSequence in templates).
    Invalid(usize, &'static str),
}

fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp >= 0x10000 {
        let c = cp - 0x10000;
        out.push(0xD800 | (c >> 10) as u16);
        out.push(0xDC00 | (c & 0x3FF) as u16);
    } else {
        out.push(cp as u16);
    }
}

impl<'a> Lexer<'a> {
    /// Reads one escape sequence; `pos` is at the backslash.
    fn read_escape(&mut self, template: bool, out: &mut Vec<u16>) -> Escape {
        let at = self.pos;
        self.pos += 1;
        let Some(c) = self.char_at(self.pos) else {
            return Escape::Invalid(at, "unterminated escape sequence");
        };
        let simple = match c {
            'b' => Some(8),
            't' => Some(9),
            'n' => Some(10),
            'v' => Some(11),
            'f' => Some(12),
            'r' => Some(13),
            '"' => Some(0x22),
            '\'' => Some(0x27),
            '\\' => Some(0x5C),
            _ => None,
        };
        if let Some(unit) = simple {
            self.pos += 1;
            out.push(unit);
            return Escape::Ok;
        }
        match c {
            // LineContinuation: contributes nothing.
            '\r' => {
                self.pos += 1;
                if self.peek_byte(0) == b'\n' {
                    self.pos += 1;
                }
                Escape::Ok
            }
            '\n' | '\u{2028}' | '\u{2029}' => {
                self.pos += c.len_utf8();
                Escape::Ok
            }
            '0' if !self.peek_byte(1).is_ascii_digit() => {
                self.pos += 1;
                out.push(0);
                Escape::Ok
            }
            '0'..='7' => {
                if template {
                    return Escape::Invalid(
                        at,
                        "octal escape sequences are not allowed in templates",
                    );
                }
                let first = self.peek_byte(0) - b'0';
                self.pos += 1;
                let mut value = first as u32;
                let max_len = if first <= 3 { 3 } else { 2 };
                let mut len = 1;
                while len < max_len && matches!(self.peek_byte(0), b'0'..=b'7') {
                    value = value * 8 + (self.peek_byte(0) - b'0') as u32;
                    self.pos += 1;
                    len += 1;
                }
                out.push(value as u16);
                Escape::LegacyOctal(at)
            }
            '8' | '9' => {
                if template {
                    return Escape::Invalid(at, "\\8 and \\9 are not allowed in templates");
                }
                self.pos += 1;
                out.push(c as u16);
                Escape::LegacyOctal(at)
            }
            'x' => {
                self.pos += 1;
                match (hex_value(self.peek_byte(0)), hex_value(self.peek_byte(1))) {
                    (Some(h), Some(l)) => {
                        self.pos += 2;
                        out.push((h * 16 + l) as u16);
                        Escape::Ok
                    }
                    _ => Escape::Invalid(at, "invalid hexadecimal escape sequence"),
                }
            }
            'u' => {
                self.pos += 1;
                match self.read_unicode_escape_body(at) {
                    Ok(cp) => {
                        push_code_point(out, cp);
                        Escape::Ok
                    }
                    Err(_) => Escape::Invalid(at, "invalid Unicode escape sequence"),
                }
            }
            _ => {
                // NonEscapeCharacter: the character itself.
                self.pos += c.len_utf8();
                push_code_point(out, c as u32);
                Escape::Ok
            }
        }
    }

    /// Scans a string literal; `pos` is at the opening quote.
    pub(super) fn scan_string(&mut self, start: usize, quote: u8) -> LResult<Token<'a>> {
        self.pos += 1;
        let content_start = self.pos;
        // Fast path: no escapes.
        loop {
            match self.bytes.get(self.pos) {
                None | Some(b'\n') | Some(b'\r') => {
                    return lex_error(start, "unterminated string literal")
                }
                Some(&b) if b == quote => {
                    let text = &self.src[content_start..self.pos];
                    self.pos += 1;
                    let value: &'a [u16] = if text.is_ascii() {
                        self.arena
                            .alloc_slice_fill_iter(text.bytes().map(|b| b as u16))
                    } else {
                        let v: Vec<u16> = text.encode_utf16().collect();
                        self.arena.alloc_slice_copy(&v)
                    };
                    return Ok(self.make(Kind::String, start, false, TokenValue::String(value)));
                }
                Some(b'\\') => break,
                Some(_) => self.pos += 1,
            }
        }
        let mut out = std::mem::take(&mut self.buf16);
        out.clear();
        out.extend(self.src[content_start..self.pos].encode_utf16());
        let mut legacy = None;
        let result = loop {
            let Some(c) = self.char_at(self.pos) else {
                break lex_error(start, "unterminated string literal");
            };
            match c {
                '\\' => match self.read_escape(false, &mut out) {
                    Escape::Ok => {}
                    Escape::LegacyOctal(at) => {
                        legacy.get_or_insert(at as u32);
                    }
                    Escape::Invalid(at, msg) => break lex_error(at, msg),
                },
                '\n' | '\r' => break lex_error(start, "unterminated string literal"),
                _ if c as u32 == quote as u32 => {
                    self.pos += 1;
                    let value = self.arena.alloc_slice_copy(&out);
                    let mut tok = self.make(Kind::String, start, false, TokenValue::String(value));
                    tok.legacy_octal = legacy;
                    break Ok(tok);
                }
                _ => {
                    self.pos += c.len_utf8();
                    push_code_point(&mut out, c as u32);
                }
            }
        };
        self.buf16 = out;
        result
    }

    /// Scans a template piece; `pos` is at the opening `` ` `` or the `}`
    /// that ends a substitution.
    pub(super) fn scan_template(&mut self, start: usize, _newline: bool) -> LResult<Token<'a>> {
        let head = self.bytes.get(start) == Some(&b'`');
        self.pos = start + 1;
        let content_start = self.pos;
        let mut out = std::mem::take(&mut self.buf16);
        out.clear();
        let mut error: Option<u32> = None;
        let mut has_cr = false;
        let result = loop {
            let Some(c) = self.char_at(self.pos) else {
                break lex_error(start, "unterminated template literal");
            };
            match c {
                '`' => {
                    let content_end = self.pos;
                    self.pos += 1;
                    let kind = if head {
                        Kind::NoSubstitutionTemplate
                    } else {
                        Kind::TemplateTail
                    };
                    break Ok((kind, content_end));
                }
                '$' if self.peek_byte(1) == b'{' => {
                    let content_end = self.pos;
                    self.pos += 2;
                    let kind = if head {
                        Kind::TemplateHead
                    } else {
                        Kind::TemplateMiddle
                    };
                    break Ok((kind, content_end));
                }
                '\\' => {
                    if self.peek_byte(1) == b'\r' {
                        has_cr = true;
                    }
                    match self.read_escape(true, &mut out) {
                        Escape::Ok | Escape::LegacyOctal(_) => {}
                        Escape::Invalid(at, _) => {
                            error.get_or_insert(at as u32);
                        }
                    }
                }
                '\r' => {
                    has_cr = true;
                    self.pos += 1;
                    if self.peek_byte(0) == b'\n' {
                        self.pos += 1;
                    }
                    out.push(10);
                }
                _ => {
                    self.pos += c.len_utf8();
                    push_code_point(&mut out, c as u32);
                }
            }
        };
        let result = result.map(|(kind, content_end)| {
            let raw_src = &self.src[content_start..content_end];
            let raw: &'a str = if has_cr {
                let normalized = raw_src.replace("\r\n", "\n").replace('\r', "\n");
                self.arena.alloc_str(&normalized)
            } else {
                raw_src
            };
            let cooked = if error.is_some() {
                None
            } else {
                Some(&*self.arena.alloc_slice_copy(&out))
            };
            let mut tok = self.make(kind, start, false, TokenValue::Template { cooked, raw });
            tok.legacy_octal = error;
            tok
        });
        self.buf16 = out;
        result
    }
}
