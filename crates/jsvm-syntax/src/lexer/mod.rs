//! The lexer (ECMA-262 chapter 12, and Annex B.1 HTML-like comments).
//!
//! The lexer works on demand: the parser asks for the next token, and for the
//! two places where the lexical goal depends on the syntactic context it asks
//! for a rescan: a `/` or `/=` where an expression may start is rescanned as
//! a RegularExpressionLiteral ([`Lexer::rescan_regexp`]), and a `}` that
//! closes a template substitution is rescanned as a TemplateMiddle/Tail
//! ([`Lexer::rescan_template_continuation`]).
//!
//! Invariant: the lexer never needs to know about strict mode. Everything
//! that is an error only in strict code (legacy octal literals and escapes)
//! is recorded on the token for the parser to check.

mod chars;
mod numeric;
mod string;
pub mod token;

pub use chars::{is_id_continue, is_id_start, is_line_terminator, is_whitespace};
pub use token::{Kind, Token, TokenValue};

use bumpalo::Bump;

/// An error found while scanning: message and byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub message: String,
    pub offset: u32,
}

pub type LResult<T> = Result<T, LexError>;

pub(crate) fn lex_error<T>(offset: usize, message: impl Into<String>) -> LResult<T> {
    Err(LexError {
        message: message.into(),
        offset: offset as u32,
    })
}

/// Where the lexer is; saved and restored for lookahead.
#[derive(Debug, Clone, Copy)]
pub struct LexerState {
    pos: usize,
    at_line_start: bool,
}

/// An on-demand tokenizer over one source text.
pub struct Lexer<'a> {
    arena: &'a Bump,
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Module goal: HTML-like comments are not recognised.
    module: bool,
    /// Only white space and comments since the last line terminator or the
    /// start of input (where `-->` starts a comment).
    at_line_start: bool,
    /// Scratch buffer for string values.
    buf16: Vec<u16>,
}

impl<'a> Lexer<'a> {
    pub fn new(arena: &'a Bump, src: &'a str, module: bool) -> Lexer<'a> {
        Lexer {
            arena,
            src,
            bytes: src.as_bytes(),
            pos: 0,
            module,
            at_line_start: true,
            buf16: Vec::new(),
        }
    }

    /// Whether the start of input counts as the start of a line (where
    /// `-->` begins a comment): true for scripts, false for the parameter
    /// text of dynamic functions.
    pub fn set_at_line_start(&mut self, value: bool) {
        self.at_line_start = value;
    }

    pub fn state(&self) -> LexerState {
        LexerState {
            pos: self.pos,
            at_line_start: self.at_line_start,
        }
    }

    pub fn restore(&mut self, state: LexerState) {
        self.pos = state.pos;
        self.at_line_start = state.at_line_start;
    }

    /// Skips a HashbangComment at the very start of the input and returns
    /// its text (without `#!`).
    pub fn skip_hashbang(&mut self) -> Option<&'a str> {
        if self.pos != 0 || !self.src.starts_with("#!") {
            return None;
        }
        let start = 2;
        let mut end = start;
        for (i, c) in self.src[start..].char_indices() {
            if is_line_terminator(c) {
                break;
            }
            end = start + i + c.len_utf8();
        }
        self.pos = end;
        Some(&self.src[start..end])
    }

    #[inline]
    fn peek_byte(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    /// The character at `pos` (or `None` at the end).
    #[inline]
    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    fn make(
        &self,
        kind: Kind,
        start: usize,
        newline_before: bool,
        value: TokenValue<'a>,
    ) -> Token<'a> {
        Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            newline_before,
            escaped: false,
            legacy_octal: None,
            value,
        }
    }

    /// Skips white space, line terminators and comments. Returns whether a
    /// line terminator was crossed.
    fn skip_trivia(&mut self) -> LResult<bool> {
        let mut newline = false;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            match b {
                b' ' | b'\t' | 0x0B | 0x0C => self.pos += 1,
                b'\n' | b'\r' => {
                    self.pos += 1;
                    newline = true;
                    self.at_line_start = true;
                }
                b'/' => match self.peek_byte(1) {
                    b'/' => self.skip_line_comment(2),
                    b'*' => {
                        if self.skip_block_comment()? {
                            newline = true;
                            self.at_line_start = true;
                        }
                    }
                    _ => break,
                },
                // B.1.1 SingleLineHTMLOpenComment.
                b'<' if !self.module && self.src[self.pos..].starts_with("<!--") => {
                    self.skip_line_comment(4)
                }
                // B.1.1 HTMLCloseComment: only first on a line.
                b'-' if !self.module
                    && self.at_line_start
                    && self.src[self.pos..].starts_with("-->") =>
                {
                    self.skip_line_comment(3)
                }
                0x80.. => {
                    let Some(c) = self.char_at(self.pos) else {
                        break;
                    };
                    if is_whitespace(c) {
                        self.pos += c.len_utf8();
                    } else if c == '\u{2028}' || c == '\u{2029}' {
                        self.pos += c.len_utf8();
                        newline = true;
                        self.at_line_start = true;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        Ok(newline)
    }

    /// Skips `skip` bytes and the rest of the line (not the terminator).
    fn skip_line_comment(&mut self, skip: usize) {
        self.pos += skip;
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'\n' | b'\r' => return,
                0xE2 if self.peek_byte(1) == 0x80 && matches!(self.peek_byte(2), 0xA8 | 0xA9) => {
                    return
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips `/* ... */`; returns whether it contained a line terminator.
    fn skip_block_comment(&mut self) -> LResult<bool> {
        let start = self.pos;
        self.pos += 2;
        let mut newline = false;
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'*' if self.peek_byte(1) == b'/' => {
                    self.pos += 2;
                    return Ok(newline);
                }
                b'\n' | b'\r' => {
                    newline = true;
                    self.pos += 1;
                }
                0xE2 if self.peek_byte(1) == 0x80 && matches!(self.peek_byte(2), 0xA8 | 0xA9) => {
                    newline = true;
                    self.pos += 3;
                }
                _ => self.pos += 1,
            }
        }
        lex_error(start, "unterminated comment")
    }

    /// Scans the next token in the InputElementDiv goal (a `/` is division;
    /// the parser rescans it when it wants a regular expression).
    pub fn next_token(&mut self) -> LResult<Token<'a>> {
        let newline = self.skip_trivia()?;
        let mut tok = self.scan(newline)?;
        tok.newline_before = newline;
        self.at_line_start = false;
        Ok(tok)
    }

    fn scan(&mut self, newline: bool) -> LResult<Token<'a>> {
        let start = self.pos;
        let Some(&b) = self.bytes.get(self.pos) else {
            return Ok(Token::eof(self.pos as u32));
        };
        use Kind::*;
        let kind = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'$' | b'_' | b'\\' => return self.scan_identifier(start),
            b'0'..=b'9' => return self.scan_number(start),
            b'"' | b'\'' => return self.scan_string(start, b),
            b'`' => return self.scan_template(start, newline),
            b'#' => return self.scan_private_name(start),
            b'.' => {
                if self.peek_byte(1).is_ascii_digit() {
                    return self.scan_number(start);
                }
                if self.peek_byte(1) == b'.' && self.peek_byte(2) == b'.' {
                    self.pos += 3;
                    Ellipsis
                } else {
                    self.pos += 1;
                    Dot
                }
            }
            b'(' => self.one(LParen),
            b')' => self.one(RParen),
            b'{' => self.one(LBrace),
            b'}' => self.one(RBrace),
            b'[' => self.one(LBracket),
            b']' => self.one(RBracket),
            b';' => self.one(Semicolon),
            b',' => self.one(Comma),
            b':' => self.one(Colon),
            b'~' => self.one(Tilde),
            b'<' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'<', b'=') => self.n(3, ShlEq),
                (b'<', _) => self.n(2, Shl),
                (b'=', _) => self.n(2, LtEq),
                _ => self.n(1, Lt),
            },
            b'>' => match (self.peek_byte(1), self.peek_byte(2), self.peek_byte(3)) {
                (b'>', b'>', b'=') => self.n(4, UShrEq),
                (b'>', b'>', _) => self.n(3, UShr),
                (b'>', b'=', _) => self.n(3, ShrEq),
                (b'>', _, _) => self.n(2, Shr),
                (b'=', _, _) => self.n(2, GtEq),
                _ => self.n(1, Gt),
            },
            b'=' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'=', b'=') => self.n(3, EqEqEq),
                (b'=', _) => self.n(2, EqEq),
                (b'>', _) => self.n(2, Arrow),
                _ => self.n(1, Eq),
            },
            b'!' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'=', b'=') => self.n(3, NotEqEq),
                (b'=', _) => self.n(2, NotEq),
                _ => self.n(1, Bang),
            },
            b'+' => match self.peek_byte(1) {
                b'+' => self.n(2, PlusPlus),
                b'=' => self.n(2, PlusEq),
                _ => self.n(1, Plus),
            },
            b'-' => match self.peek_byte(1) {
                b'-' => self.n(2, MinusMinus),
                b'=' => self.n(2, MinusEq),
                _ => self.n(1, Minus),
            },
            b'*' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'*', b'=') => self.n(3, StarStarEq),
                (b'*', _) => self.n(2, StarStar),
                (b'=', _) => self.n(2, StarEq),
                _ => self.n(1, Star),
            },
            b'/' => match self.peek_byte(1) {
                b'=' => self.n(2, SlashEq),
                _ => self.n(1, Slash),
            },
            b'%' => match self.peek_byte(1) {
                b'=' => self.n(2, PercentEq),
                _ => self.n(1, Percent),
            },
            b'&' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'&', b'=') => self.n(3, AmpAmpEq),
                (b'&', _) => self.n(2, AmpAmp),
                (b'=', _) => self.n(2, AmpEq),
                _ => self.n(1, Amp),
            },
            b'|' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'|', b'=') => self.n(3, PipePipeEq),
                (b'|', _) => self.n(2, PipePipe),
                (b'=', _) => self.n(2, PipeEq),
                _ => self.n(1, Pipe),
            },
            b'^' => match self.peek_byte(1) {
                b'=' => self.n(2, CaretEq),
                _ => self.n(1, Caret),
            },
            b'?' => match (self.peek_byte(1), self.peek_byte(2)) {
                (b'?', b'=') => self.n(3, QuestionQuestionEq),
                (b'?', _) => self.n(2, QuestionQuestion),
                // `?.` not followed by a digit (`a?.5:b` is a conditional).
                (b'.', d) if !d.is_ascii_digit() => self.n(2, QuestionDot),
                _ => self.n(1, Question),
            },
            0x80.. => {
                let c = self.char_at(self.pos).unwrap_or('\u{FFFD}');
                if is_id_start(c) {
                    return self.scan_identifier(start);
                }
                return lex_error(
                    start,
                    format!("unexpected character '{}'", c.escape_debug()),
                );
            }
            _ => {
                let c = b as char;
                return lex_error(
                    start,
                    format!("unexpected character '{}'", c.escape_debug()),
                );
            }
        };
        Ok(self.make(kind, start, false, TokenValue::None))
    }

    #[inline]
    fn one(&mut self, kind: Kind) -> Kind {
        self.pos += 1;
        kind
    }

    #[inline]
    fn n(&mut self, len: usize, kind: Kind) -> Kind {
        self.pos += len;
        kind
    }

    /// Reads `\uXXXX` or `\u{X...}` at `pos` (which is at the backslash) and
    /// returns the code point.
    fn read_identifier_escape(&mut self) -> LResult<char> {
        let start = self.pos;
        if self.peek_byte(1) != b'u' {
            return lex_error(start, "invalid escape in identifier");
        }
        self.pos += 2;
        let cp = self.read_unicode_escape_body(start)?;
        match char::from_u32(cp) {
            Some(c) => Ok(c),
            None => lex_error(start, "invalid Unicode escape in identifier"),
        }
    }

    /// After `\u`: reads `XXXX` or `{X...}`; returns the code point value
    /// (may be a surrogate).
    fn read_unicode_escape_body(&mut self, err_at: usize) -> LResult<u32> {
        if self.peek_byte(0) == b'{' {
            self.pos += 1;
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(d) = chars::hex_value(self.peek_byte(0)) {
                value = value.saturating_mul(16).saturating_add(d);
                if value > 0x10FFFF {
                    return lex_error(err_at, "Unicode escape out of range");
                }
                digits += 1;
                self.pos += 1;
            }
            if digits == 0 || self.peek_byte(0) != b'}' {
                return lex_error(err_at, "invalid Unicode escape");
            }
            self.pos += 1;
            Ok(value)
        } else {
            let mut value = 0;
            for _ in 0..4 {
                match chars::hex_value(self.peek_byte(0)) {
                    Some(d) => value = value * 16 + d,
                    None => return lex_error(err_at, "invalid Unicode escape"),
                }
                self.pos += 1;
            }
            Ok(value)
        }
    }

    /// Scans an IdentifierName (12.7) starting at `start`.
    fn scan_identifier(&mut self, start: usize) -> LResult<Token<'a>> {
        let (name, escaped) = self.read_identifier_name(start)?;
        let mut tok = self.make(Kind::from_name(name), start, false, TokenValue::Name(name));
        tok.escaped = escaped;
        Ok(tok)
    }

    /// Reads an IdentifierName at `pos`; returns the decoded text and whether
    /// it had escapes.
    fn read_identifier_name(&mut self, start: usize) -> LResult<(&'a str, bool)> {
        // Fast path: ASCII without escapes.
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if b.is_ascii_alphanumeric() || b == b'$' || b == b'_' {
                self.pos += 1;
            } else {
                break;
            }
        }
        let b = self.peek_byte(0);
        if b != b'\\' && b < 0x80 {
            if self.pos == start {
                return lex_error(start, "expected an identifier");
            }
            return Ok((&self.src[start..self.pos], false));
        }
        // Slow path: non-ASCII characters or escapes.
        let mut name = String::from(&self.src[start..self.pos]);
        let mut escaped = false;
        loop {
            let b = self.peek_byte(0);
            let first = name.is_empty();
            if b == b'\\' {
                let at = self.pos;
                let c = self.read_identifier_escape()?;
                let ok = if first {
                    is_id_start(c)
                } else {
                    is_id_continue(c)
                };
                if !ok {
                    return lex_error(at, "invalid character in identifier escape");
                }
                name.push(c);
                escaped = true;
            } else if b.is_ascii_alphanumeric() || b == b'$' || b == b'_' {
                if first && b.is_ascii_digit() {
                    break;
                }
                name.push(b as char);
                self.pos += 1;
            } else if b >= 0x80 {
                let Some(c) = self.char_at(self.pos) else {
                    break;
                };
                let ok = if first {
                    is_id_start(c)
                } else {
                    is_id_continue(c)
                };
                if !ok {
                    break;
                }
                name.push(c);
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if name.is_empty() {
            return lex_error(start, "expected an identifier");
        }
        Ok((self.arena.alloc_str(&name), escaped))
    }

    /// `#name`: a PrivateIdentifier.
    fn scan_private_name(&mut self, start: usize) -> LResult<Token<'a>> {
        self.pos += 1;
        let b = self.peek_byte(0);
        let starts_name = b == b'\\'
            || b.is_ascii_alphabetic()
            || b == b'$'
            || b == b'_'
            || (b >= 0x80 && self.char_at(self.pos).is_some_and(is_id_start));
        if !starts_name {
            return lex_error(start, "unexpected character '#'");
        }
        let (name, escaped) = self.read_identifier_name(self.pos)?;
        let mut tok = self.make(Kind::PrivateName, start, false, TokenValue::Name(name));
        tok.escaped = escaped;
        Ok(tok)
    }

    /// Rescans the `/` or `/=` token at `start` as a RegularExpressionLiteral
    /// (12.9.5). Pattern and flags are returned as source text, unvalidated.
    pub fn rescan_regexp(&mut self, start: u32, newline_before: bool) -> LResult<Token<'a>> {
        let start = start as usize;
        self.pos = start + 1;
        let mut in_class = false;
        loop {
            let Some(c) = self.char_at(self.pos) else {
                return lex_error(start, "unterminated regular expression");
            };
            if is_line_terminator(c) {
                return lex_error(start, "unterminated regular expression");
            }
            self.pos += c.len_utf8();
            match c {
                '\\' => {
                    let Some(n) = self.char_at(self.pos) else {
                        return lex_error(start, "unterminated regular expression");
                    };
                    if is_line_terminator(n) {
                        return lex_error(start, "unterminated regular expression");
                    }
                    self.pos += n.len_utf8();
                }
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                _ => {}
            }
        }
        let pattern = &self.src[start + 1..self.pos - 1];
        let flags_start = self.pos;
        while let Some(c) = self.char_at(self.pos) {
            if c == '\\' {
                return lex_error(self.pos, "invalid regular expression flags");
            }
            if !is_id_continue(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let flags = &self.src[flags_start..self.pos];
        self.at_line_start = false;
        Ok(self.make(
            Kind::RegExp,
            start,
            newline_before,
            TokenValue::RegExp(pattern, flags),
        ))
    }

    /// Rescans the `}` at `start` as the continuation of a template
    /// (TemplateMiddle or TemplateTail).
    pub fn rescan_template_continuation(&mut self, start: u32) -> LResult<Token<'a>> {
        self.pos = start as usize;
        let tok = self.scan_template(start as usize, false)?;
        self.at_line_start = false;
        Ok(tok)
    }
}

#[cfg(test)]
mod tests;
