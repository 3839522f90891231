//! Date.parse (21.4.3.2): the spec's Date Time String Format (21.4.1.32),
//! then, for anything else, the legacy forms V8 accepts ("2022/03/01 10:00",
//! "March 1, 2022", "Tue Mar 01 2022 10:00:00 GMT+0100 (CET)", "03/01/2022",
//! the toString and toUTCString outputs). The legacy rules are V8's, which
//! the spec leaves to the implementation:
//!
//! - the input is split into numbers, the symbols `: - + . )`, words (runs
//!   of code units ≥ 'A' that are not white space), white space,
//!   parenthesized text (ignored) and other single characters (ignored);
//! - a word is recognized by its first three letters: month names (any
//!   length), `am`/`pm`, `ut`/`utc`/`gmt`/`z` and the US zones
//!   `est edt cst cdt mst mdt pst pdt`, and `t`; other words are ignored
//!   before the first number and an error after it;
//! - a number followed by `:` (or `.` inside a time) is a time field, a sign
//!   after a time or after UTC/GMT starts an offset (`+hh`, `+hhmm`,
//!   `+hh:mm`), and other numbers are date fields read as month/day/year
//!   unless the first is not a day number (then year/month/day); two-digit
//!   years are 19xx (50..99) or 20xx (0..49);
//! - the result is local time unless a zone was given.
//!
//! Invariant: parsing never panics; any input that is not accepted gives
//! NaN, and every result passes TimeClip.

use super::local::utc_from_local;
use super::time::{make_date, make_day, make_time, time_clip, MAX_TIME, MS_PER_DAY};
use crate::num::is_js_whitespace;

/// "No value yet" in the composers.
const NONE: i32 = i32::MIN;
/// Digits of a number beyond this many are dropped (V8 keeps 9).
const MAX_SIGNIFICANT_DIGITS: usize = 9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordKind {
    MonthName,
    AmPm,
    TimeZoneName,
    TimeSeparator,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    /// Digits: their value (first 9 significant digits) and their count.
    Number {
        value: i32,
        length: usize,
    },
    /// One of `: - + . )`.
    Symbol(u16),
    /// A word: its kind, its keyword value, and whether it is exactly "z".
    Word {
        kind: WordKind,
        value: i32,
        is_z: bool,
    },
    WhiteSpace,
    /// Parenthesized text or an unrecognized character.
    Unknown,
    End,
    /// A hard error found while reading the ISO format.
    Invalid,
}

impl Token {
    fn is_number(self) -> bool {
        matches!(self, Token::Number { .. })
    }

    fn is_fixed_length_number(self, n: usize) -> bool {
        matches!(self, Token::Number { length, .. } if length == n)
    }

    fn number(self) -> i32 {
        match self {
            Token::Number { value, .. } => value,
            _ => 0,
        }
    }

    fn is_symbol(self, c: u8) -> bool {
        self == Token::Symbol(c as u16)
    }

    fn ascii_sign(self) -> Option<i32> {
        match self {
            Token::Symbol(0x2B) => Some(1),
            Token::Symbol(0x2D) => Some(-1),
            _ => None,
        }
    }

    fn is_keyword_z(self) -> bool {
        matches!(self, Token::Word { is_z: true, .. })
    }

    fn is_time_separator(self) -> bool {
        matches!(
            self,
            Token::Word {
                kind: WordKind::TimeSeparator,
                ..
            }
        )
    }
}

/// Keywords by their (up to) three lower-case letters.
const KEYWORDS: &[(&[u8], WordKind, i32)] = &[
    (b"jan", WordKind::MonthName, 1),
    (b"feb", WordKind::MonthName, 2),
    (b"mar", WordKind::MonthName, 3),
    (b"apr", WordKind::MonthName, 4),
    (b"may", WordKind::MonthName, 5),
    (b"jun", WordKind::MonthName, 6),
    (b"jul", WordKind::MonthName, 7),
    (b"aug", WordKind::MonthName, 8),
    (b"sep", WordKind::MonthName, 9),
    (b"oct", WordKind::MonthName, 10),
    (b"nov", WordKind::MonthName, 11),
    (b"dec", WordKind::MonthName, 12),
    (b"am", WordKind::AmPm, 0),
    (b"pm", WordKind::AmPm, 12),
    (b"ut", WordKind::TimeZoneName, 0),
    (b"utc", WordKind::TimeZoneName, 0),
    (b"z", WordKind::TimeZoneName, 0),
    (b"gmt", WordKind::TimeZoneName, 0),
    (b"cdt", WordKind::TimeZoneName, -5),
    (b"cst", WordKind::TimeZoneName, -6),
    (b"edt", WordKind::TimeZoneName, -4),
    (b"est", WordKind::TimeZoneName, -5),
    (b"mdt", WordKind::TimeZoneName, -6),
    (b"mst", WordKind::TimeZoneName, -7),
    (b"pdt", WordKind::TimeZoneName, -7),
    (b"pst", WordKind::TimeZoneName, -8),
    (b"t", WordKind::TimeSeparator, 0),
];

/// Splits the input into [`Token`]s, with one token of lookahead.
struct Tokenizer<'a> {
    input: &'a [u16],
    pos: usize,
    next: Token,
}

impl<'a> Tokenizer<'a> {
    fn new(input: &'a [u16]) -> Self {
        let mut t = Tokenizer {
            input,
            pos: 0,
            next: Token::End,
        };
        t.next = t.scan();
        t
    }

    fn peek(&self) -> Token {
        self.next
    }

    fn next(&mut self) -> Token {
        let current = self.next;
        self.next = self.scan();
        current
    }

    fn skip_symbol(&mut self, c: u8) -> bool {
        if self.next.is_symbol(c) {
            self.next();
            true
        } else {
            false
        }
    }

    fn ch(&self) -> Option<u16> {
        self.input.get(self.pos).copied()
    }

    fn scan(&mut self) -> Token {
        let Some(c) = self.ch() else {
            return Token::End;
        };
        if (0x30..=0x39).contains(&c) {
            return self.scan_number();
        }
        if matches!(c, 0x3A | 0x2D | 0x2B | 0x2E | 0x29) {
            self.pos += 1;
            return Token::Symbol(c);
        }
        if c >= 0x41 && !is_js_whitespace(c) {
            return self.scan_word();
        }
        if is_js_whitespace(c) {
            while self.ch().is_some_and(is_js_whitespace) {
                self.pos += 1;
            }
            return Token::WhiteSpace;
        }
        if c == 0x28 {
            // Parenthesized text, nested, to the end if unbalanced.
            let mut depth = 0usize;
            while let Some(c) = self.ch() {
                if c == 0x29 {
                    depth = depth.saturating_sub(1);
                } else if c == 0x28 {
                    depth += 1;
                }
                self.pos += 1;
                if depth == 0 {
                    break;
                }
            }
            return Token::Unknown;
        }
        self.pos += 1;
        Token::Unknown
    }

    fn scan_number(&mut self) -> Token {
        let start = self.pos;
        while self.ch() == Some(0x30) {
            self.pos += 1;
        }
        let mut value: i32 = 0;
        let mut significant = 0;
        while let Some(c) = self.ch().filter(|c| (0x30..=0x39).contains(c)) {
            if significant < MAX_SIGNIFICANT_DIGITS {
                value = value * 10 + (c - 0x30) as i32;
            }
            significant += 1;
            self.pos += 1;
        }
        Token::Number {
            value,
            length: self.pos - start,
        }
    }

    fn scan_word(&mut self) -> Token {
        let mut prefix = [0u16; 3];
        let mut length = 0;
        while let Some(c) = self.ch().filter(|&c| c >= 0x41 && !is_js_whitespace(c)) {
            if length < 3 {
                prefix[length] = if (0x41..=0x5A).contains(&c) {
                    c + 0x20
                } else {
                    c
                };
            }
            length += 1;
            self.pos += 1;
        }
        for &(key, kind, value) in KEYWORDS {
            let mut padded = [0u16; 3];
            for (slot, &b) in padded.iter_mut().zip(key) {
                *slot = b as u16;
            }
            // Longer words match only month names ("September").
            if padded == prefix && (length <= 3 || kind == WordKind::MonthName) {
                let is_z = kind == WordKind::TimeZoneName && length == 1 && prefix[0] == 0x7A;
                return Token::Word { kind, value, is_z };
            }
        }
        Token::Word {
            kind: WordKind::Unknown,
            value: 0,
            is_z: false,
        }
    }
}

fn between(x: i32, lo: i32, hi: i32) -> bool {
    (lo..=hi).contains(&x)
}

fn is_month(x: i32) -> bool {
    between(x, 1, 12)
}

fn is_day(x: i32) -> bool {
    between(x, 1, 31)
}

fn is_hour(x: i32) -> bool {
    between(x, 0, 23)
}

fn is_minute(x: i32) -> bool {
    between(x, 0, 59)
}

fn is_millisecond(x: i32) -> bool {
    between(x, 0, 999)
}

/// Collects up to three date numbers and a named month.
#[derive(Default)]
struct DayComposer {
    comp: [i32; 3],
    index: usize,
    named_month: Option<i32>,
    is_iso_date: bool,
}

impl DayComposer {
    fn add(&mut self, n: i32) -> bool {
        if self.index < 3 {
            self.comp[self.index] = n;
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn is_empty(&self) -> bool {
        self.index == 0
    }

    /// (year, month 1..=12, day) or `None` when the fields are not a date.
    fn write(&mut self) -> Option<(i32, i32, i32)> {
        if self.index < 1 {
            return None;
        }
        // Missing day and month default to 1 (and so does a missing year,
        // which then reads as 2001).
        while self.index < 3 {
            self.comp[self.index] = 1;
            self.index += 1;
        }
        let [c0, c1, c2] = self.comp;
        let (mut year, month, day) = match self.named_month {
            None if self.is_iso_date || !is_day(c0) => (c0, c1, c2),
            None => (c2, c0, c1),
            Some(month) if !is_day(c0) => (c0, month, c1),
            Some(month) => (c1, month, c0),
        };
        if !self.is_iso_date {
            if between(year, 0, 49) {
                year += 2000;
            } else if between(year, 50, 99) {
                year += 1900;
            }
        }
        (is_month(month) && is_day(day)).then_some((year, month, day))
    }
}

/// Collects hour, minute, second, millisecond and an AM/PM offset.
struct TimeComposer {
    comp: [i32; 4],
    index: usize,
    hour_offset: Option<i32>,
}

impl TimeComposer {
    fn new() -> Self {
        TimeComposer {
            comp: [0; 4],
            index: 0,
            hour_offset: None,
        }
    }

    fn is_empty(&self) -> bool {
        self.index == 0
    }

    fn is_expecting(&self, n: i32) -> bool {
        (self.index == 1 && is_minute(n))
            || (self.index == 2 && is_minute(n))
            || (self.index == 3 && is_millisecond(n))
    }

    fn add(&mut self, n: i32) -> bool {
        if self.index < 4 {
            self.comp[self.index] = n;
            self.index += 1;
            true
        } else {
            false
        }
    }

    fn add_final(&mut self, n: i32) -> bool {
        if !self.add(n) {
            return false;
        }
        while self.index < 4 {
            self.comp[self.index] = 0;
            self.index += 1;
        }
        true
    }

    /// (hour, minute, second, millisecond) or `None` when out of range.
    fn write(&self) -> Option<(i32, i32, i32, i32)> {
        let mut comp = [0; 4];
        comp[..self.index].copy_from_slice(&self.comp[..self.index]);
        let [mut hour, minute, second, ms] = comp;
        if let Some(offset) = self.hour_offset {
            if !between(hour, 0, 12) {
                return None;
            }
            hour = hour % 12 + offset;
        }
        let in_range =
            is_hour(hour) && is_minute(minute) && is_minute(second) && is_millisecond(ms);
        // 24:00:00.000 is the end of the day.
        if !(in_range || (hour == 24 && minute == 0 && second == 0 && ms == 0)) {
            return None;
        }
        Some((hour, minute, second, ms))
    }
}

/// Collects a UTC offset.
struct TimeZoneComposer {
    sign: i32,
    hour: i32,
    minute: i32,
}

impl TimeZoneComposer {
    fn new() -> Self {
        TimeZoneComposer {
            sign: NONE,
            hour: NONE,
            minute: NONE,
        }
    }

    /// A named zone with this whole-hour offset.
    fn set(&mut self, offset_hours: i32) {
        self.sign = if offset_hours < 0 { -1 } else { 1 };
        self.hour = offset_hours.abs();
        self.minute = 0;
    }

    fn is_expecting(&self, n: i32) -> bool {
        self.hour != NONE && self.minute == NONE && is_minute(n)
    }

    fn is_utc(&self) -> bool {
        self.hour == 0 && self.minute == 0
    }

    fn is_empty(&self) -> bool {
        self.hour == NONE
    }

    /// The offset in seconds, `Some(None)` for local time, `None` if invalid.
    fn write(&self) -> Option<Option<i64>> {
        if self.sign == NONE {
            return Some(None);
        }
        let hour = if self.hour == NONE { 0 } else { self.hour } as u32;
        let minute = if self.minute == NONE { 0 } else { self.minute } as u32;
        // V8 computes this in wrapping 32-bit arithmetic and rejects totals
        // beyond its small-integer range; absurd offsets behave the same.
        let total = hour
            .wrapping_mul(3600)
            .wrapping_add(minute.wrapping_mul(60));
        if total > i32::MAX as u32 {
            return None;
        }
        let total = total as i64;
        Some(Some(if self.sign < 0 { -total } else { total }))
    }
}

/// The first three significant digits of a fraction of a second.
fn read_milliseconds(token: Token) -> i32 {
    let Token::Number { value, length } = token else {
        return 0;
    };
    match length {
        1 => value * 100,
        2 => value * 10,
        3 => value,
        _ => {
            let mut length = length.min(MAX_SIGNIFICANT_DIGITS);
            let mut factor = 1;
            while length > 3 {
                factor *= 10;
                length -= 1;
            }
            value / factor
        }
    }
}

/// Reads the Date Time String Format (21.4.1.32). Returns the first token
/// it could not use (for the legacy reader to continue with), `End` when
/// the whole input was an ISO date, or `Invalid` for a hard error.
fn parse_iso(
    scanner: &mut Tokenizer,
    day: &mut DayComposer,
    time: &mut TimeComposer,
    tz: &mut TimeZoneComposer,
) -> Token {
    // Date: [+-]yyyyyy or yyyy, then optional -MM and -DD.
    if let Some(sign) = scanner.peek().ascii_sign() {
        let sign_token = scanner.next();
        if !scanner.peek().is_fixed_length_number(6) {
            return sign_token;
        }
        let year = scanner.next().number();
        if sign < 0 && year == 0 {
            return sign_token;
        }
        day.add(sign * year);
    } else if scanner.peek().is_fixed_length_number(4) {
        day.add(scanner.next().number());
    } else {
        return scanner.next();
    }
    if scanner.skip_symbol(b'-') {
        let p = scanner.peek();
        if !p.is_fixed_length_number(2) || !is_month(p.number()) {
            return scanner.next();
        }
        day.add(scanner.next().number());
        if scanner.skip_symbol(b'-') {
            let p = scanner.peek();
            if !p.is_fixed_length_number(2) || !is_day(p.number()) {
                return scanner.next();
            }
            day.add(scanner.next().number());
        }
    }
    if !scanner.peek().is_time_separator() {
        if scanner.peek() != Token::End {
            return scanner.next();
        }
    } else {
        // THH:mm[:ss[.sss]][Z|±hh:mm]
        scanner.next();
        let p = scanner.peek();
        if !p.is_fixed_length_number(2) || !between(p.number(), 0, 24) {
            return Token::Invalid;
        }
        // 24 is allowed only as 24:00[:00[.000]].
        let hour_is_24 = p.number() == 24;
        time.add(scanner.next().number());
        if !scanner.skip_symbol(b':') {
            return Token::Invalid;
        }
        let p = scanner.peek();
        if !p.is_fixed_length_number(2) || !is_minute(p.number()) || (hour_is_24 && p.number() > 0)
        {
            return Token::Invalid;
        }
        time.add(scanner.next().number());
        if scanner.skip_symbol(b':') {
            let p = scanner.peek();
            if !p.is_fixed_length_number(2)
                || !is_minute(p.number())
                || (hour_is_24 && p.number() > 0)
            {
                return Token::Invalid;
            }
            time.add(scanner.next().number());
            if scanner.skip_symbol(b'.') {
                let p = scanner.peek();
                if !p.is_number() || (hour_is_24 && p.number() > 0) {
                    return Token::Invalid;
                }
                // Any number of fraction digits (at least one).
                time.add(read_milliseconds(scanner.next()));
            }
        }
        if scanner.peek().is_keyword_z() {
            scanner.next();
            tz.set(0);
        } else if let Some(sign) = scanner.peek().ascii_sign() {
            scanner.next();
            tz.sign = sign;
            if scanner.peek().is_fixed_length_number(4) {
                // The ±hhmm extension.
                let hhmm = scanner.next().number();
                let (hour, minute) = (hhmm / 100, hhmm % 100);
                if !is_hour(hour) || !is_minute(minute) {
                    return Token::Invalid;
                }
                tz.hour = hour;
                tz.minute = minute;
            } else {
                let p = scanner.peek();
                if !p.is_fixed_length_number(2) || !is_hour(p.number()) {
                    return Token::Invalid;
                }
                tz.hour = scanner.next().number();
                if !scanner.skip_symbol(b':') {
                    return Token::Invalid;
                }
                let p = scanner.peek();
                if !p.is_fixed_length_number(2) || !is_minute(p.number()) {
                    return Token::Invalid;
                }
                tz.minute = scanner.next().number();
            }
        }
        if scanner.peek() != Token::End {
            return Token::Invalid;
        }
    }
    // Date-only forms are UTC; date-time forms without an offset are local.
    if tz.is_empty() && time.is_empty() {
        tz.set(0);
    }
    day.is_iso_date = true;
    Token::End
}

/// The broken-down result of a successful parse.
struct Parsed {
    year: i32,
    month: i32,
    day: i32,
    hour: i32,
    minute: i32,
    second: i32,
    millisecond: i32,
    /// Seconds east of UTC, or `None` for local time.
    utc_offset: Option<i64>,
}

/// Runs the ISO reader and then the legacy reader over `input`.
fn parse_fields(input: &[u16]) -> Option<Parsed> {
    let mut scanner = Tokenizer::new(input);
    let mut day = DayComposer::default();
    let mut time = TimeComposer::new();
    let mut tz = TimeZoneComposer::new();

    let mut token = parse_iso(&mut scanner, &mut day, &mut time, &mut tz);
    if token == Token::Invalid {
        return None;
    }
    let mut has_read_number = !day.is_empty();
    while token != Token::End {
        match token {
            Token::Number { value: n, .. } => {
                has_read_number = true;
                if scanner.skip_symbol(b':') {
                    if scanner.skip_symbol(b':') {
                        // "n::" is n hours and zero minutes.
                        if !time.is_empty() {
                            return None;
                        }
                        time.add(n);
                        time.add(0);
                    } else {
                        if !time.add(n) {
                            return None;
                        }
                        if scanner.peek().is_symbol(b'.') {
                            scanner.next();
                        }
                    }
                } else if scanner.skip_symbol(b'.') && time.is_expecting(n) {
                    time.add(n);
                    if !scanner.peek().is_number() {
                        return None;
                    }
                    time.add_final(read_milliseconds(scanner.next()));
                } else if tz.is_expecting(n) {
                    tz.minute = n;
                } else if time.is_expecting(n) {
                    time.add_final(n);
                    // A finished time must be followed by the end, white
                    // space, "Z" or a sign.
                    let p = scanner.peek();
                    if !(p == Token::End
                        || p == Token::WhiteSpace
                        || p.is_keyword_z()
                        || p.ascii_sign().is_some())
                    {
                        return None;
                    }
                } else {
                    if !day.add(n) {
                        return None;
                    }
                    scanner.skip_symbol(b'-');
                }
            }
            Token::Word { kind, value, .. } => {
                if kind == WordKind::AmPm && !time.is_empty() {
                    time.hour_offset = Some(value);
                } else if kind == WordKind::MonthName {
                    day.named_month = Some(value);
                    scanner.skip_symbol(b'-');
                } else if kind == WordKind::TimeZoneName && has_read_number {
                    tz.set(value);
                } else {
                    // Other words are allowed only before the first number,
                    // and must be separated from it.
                    if has_read_number || scanner.peek().is_number() {
                        return None;
                    }
                }
            }
            Token::Symbol(_)
                if token.ascii_sign().is_some() && (tz.is_utc() || !time.is_empty()) =>
            {
                // A UTC offset after a time or after UTC/GMT.
                tz.sign = token.ascii_sign().unwrap_or(1);
                let (mut n, mut length) = (0, 0);
                if let Token::Number { value, length: l } = scanner.peek() {
                    scanner.next();
                    n = value;
                    length = l;
                }
                has_read_number = true;
                if scanner.peek().is_symbol(b':') {
                    tz.hour = n;
                    tz.minute = NONE;
                } else if length == 1 || length == 2 {
                    tz.hour = n;
                    tz.minute = 0;
                } else if length == 3 || length == 4 {
                    tz.hour = n / 100;
                    tz.minute = n % 100;
                } else {
                    return None;
                }
            }
            Token::Symbol(c) if (c == 0x2B || c == 0x2D || c == 0x29) && has_read_number => {
                return None;
            }
            _ => {}
        }
        token = scanner.next();
    }

    let (year, month, d) = day.write()?;
    let (hour, minute, second, millisecond) = time.write()?;
    let utc_offset = tz.write()?;
    Some(Parsed {
        year,
        month,
        day: d,
        hour,
        minute,
        second,
        millisecond,
        utc_offset,
    })
}

/// Date.parse of a UTF-16 string: the time value, or NaN.
pub fn parse_date_utf16(input: &[u16]) -> f64 {
    let Some(p) = parse_fields(input) else {
        return f64::NAN;
    };
    let day = make_day(p.year as f64, (p.month - 1) as f64, p.day as f64);
    let time = make_time(
        p.hour as f64,
        p.minute as f64,
        p.second as f64,
        p.millisecond as f64,
    );
    let date = make_date(day, time);
    let utc = match p.utc_offset {
        None => {
            // Local times may lie up to a day beyond the UTC range.
            if date.is_nan() || date.abs() > MAX_TIME + 10.0 * MS_PER_DAY {
                return f64::NAN;
            }
            utc_from_local(date)
        }
        Some(offset) => date - offset as f64 * 1000.0,
    };
    time_clip(utc)
}

/// Date.parse (21.4.3.2): the time value `s` denotes, or NaN.
pub fn parse_date(s: &str) -> f64 {
    let units: Vec<u16> = s.encode_utf16().collect();
    parse_date_utf16(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAN: f64 = f64::NAN;

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[test]
    fn absolute_forms() {
        // Strings with a zone (or UTC date-only forms) and invalid strings;
        // values from node 20's Date.parse.
        let cases: &[(&str, f64)] = &[
            ("2022-03-01", 1646092800000.0),
            ("2022-03-01T10:00Z", 1646128800000.0),
            ("2022-03-01T10:00:00.000Z", 1646128800000.0),
            ("2022-03-01T10:00:00+01:00", 1646125200000.0),
            ("2022-03-01T10:00:00.123456789Z", 1646128800123.0),
            ("2022-03-01T10:00:00.1Z", 1646128800100.0),
            ("2022-03-01T24:00:00Z", 1646179200000.0),
            ("2022-03-01T24:00:01Z", NAN),
            ("2022-03", 1646092800000.0),
            ("2022", 1640995200000.0),
            ("+002022-03-01", 1646092800000.0),
            ("-000001-01-01T00:00:00Z", -62198755200000.0),
            ("-000000-01-01T00:00:00Z", NAN),
            ("-000000-03-31T01:45", NAN),
            ("+275760-09-13T00:00:00.000Z", 8640000000000000.0),
            ("+275760-09-13T00:00:00.001Z", NAN),
            ("-271821-04-20T00:00:00.000Z", -8640000000000000.0),
            ("-271821-04-19T23:59:59.999Z", NAN),
            ("-271821-04-19T23:00-01:00", -8640000000000000.0),
            ("2022-02-31", 1646265600000.0),
            ("2022-13-01", NAN),
            ("2022-03-01T10:00:00+0100", 1646125200000.0),
            ("2022-03-01T10:00:00 Z", NAN),
            ("2022-03-01T10:00:00Z ", NAN),
            ("2022-03-01T1:00", NAN),
            (
                "Tue Mar 01 2022 10:00:00 GMT+0100 (Central European Standard Time)",
                1646125200000.0,
            ),
            ("Tue Mar 01 2022 10:00:00 GMT-0500 (EST)", 1646146800000.0),
            ("Tue, 01 Mar 2022 09:00:00 GMT", 1646125200000.0),
            ("Tue, 01 Mar 2022 09:00:00 UTC", 1646125200000.0),
            ("01 Mar 2022 09:00 EST", 1646143200000.0),
            ("Mar 1 2022 10:00:00.123 GMT+05:30", 1646109000123.0),
            ("Mar 1 2022 GMT+5", 1646074800000.0),
            ("Mar 1 2022 UTC+0530", 1646073000000.0),
            ("Mar 1 2022 UTC-08:00", 1646121600000.0),
            ("Mar 1 2022 10:00 +0100", 1646125200000.0),
            ("Mar 1 2022 10:00 -5", 1646146800000.0),
            ("Mar 1 2022 10:00 PDT", 1646154000000.0),
            ("Mar 1 2022 10:00 UT", 1646128800000.0),
            ("Mar 1 2022 10:00 GMT+", NAN),
            ("Mar 1 2022 10:00 GMT+123456", NAN),
            ("Mar 1 2022 10:00 GMT+1:30", 1646123400000.0),
            ("Mon, 25 Dec 1995 13:30:00 +0430", 819882000000.0),
            ("Fri, 01 Jan -0001 00:00:00 GMT", NAN),
            ("Sat Sep 13 275760 00:00:00 GMT+0000", 8640000000000000.0),
            ("Sat Sep 13 275760 00:00:01 GMT+0000", NAN),
            ("2022-03-01T10:00:00.000-00:00", 1646128800000.0),
            ("2022-03-01t10:00z", 1646128800000.0),
            ("", NAN),
            ("Invalid Date", NAN),
            ("2022-03-01T10:00:60Z", NAN),
            ("2022-03-01T25:00Z", NAN),
            ("2022-03-01T", NAN),
            ("2022-03-01Tx", NAN),
            ("foo2022", NAN),
            ("2022 foo", NAN),
            ("Mar 1 2022)", NAN),
            ("Mar 32 2022", NAN),
            ("Mays 5 2022 UTC", 1651708800000.0),
            ("Ma 5 2022", NAN),
            ("2022-03-01T10:00:00.000Z garbage", NAN),
            ("Mar 1 2022 10:00 garbage", NAN),
            ("Thursday, March 1, 2022 UTC", 1646092800000.0),
            ("(comment) Mar 1 2022 UTC", 1646092800000.0),
            ("Mar (x) 1 2022 (y) 10:00 GMT", 1646128800000.0),
            ("2022-03-01T10:00:00+24:00", NAN),
            ("2022-03-01T10:00:00+23:59", 1646042460000.0),
            ("10z-123456789012:", 3064703312000.0),
            ("May 2022 5 UTC", 1651708800000.0),
        ];
        for &(s, want) in cases {
            let got = parse_date(s);
            assert!(same(got, want), "Date.parse({s:?}) = {got}, want {want}");
        }
    }

    #[test]
    fn local_forms() {
        // Strings read as local time: node 20's local fields of the result
        // (the same in every zone), checked here through UTC(t).
        let cases: &[(&str, Option<[i64; 7]>)] = &[
            ("2022-03-01T10:00", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("2022-03-01T10:00:00", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("2022-3-1", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("2022-03-01 10:00", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("2022/03/01", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("2022/03/01 10:00", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("2022/3/1 10:00:00", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("March 1, 2022", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("Mar 1, 2022 10:00:00", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("1 March 2022", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("Tue Mar 01 2022", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("03/01/2022", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("3/1/2022", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("3/1/22", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("3/1/50", Some([1950, 2, 1, 0, 0, 0, 0])),
            ("3/1", Some([2001, 2, 1, 0, 0, 0, 0])),
            ("March 1", Some([2001, 2, 1, 0, 0, 0, 0])),
            ("March 2022", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("2022 March 1", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("Sept 5 2022", Some([2022, 8, 5, 0, 0, 0, 0])),
            ("Mar 1 2022 10:00 PM", Some([2022, 2, 1, 22, 0, 0, 0])),
            ("Mar 1 2022 12:00 AM", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("Mar 1 2022 12:00 PM", Some([2022, 2, 1, 12, 0, 0, 0])),
            ("Mar 1 2022 13:00 PM", None),
            ("Mar 1 2022 10 PM", None),
            ("Mar 1 2022 10:00:00.5", Some([2022, 2, 1, 10, 0, 0, 500])),
            ("Mar 1 2022 10::", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("1.2.2022", Some([2022, 0, 2, 0, 0, 0, 0])),
            ("2022.03.01", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("10:00 2022-03-01", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("10:00 Mar 1 2022", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("foo 2022-03-01", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("Mar 1 2022 24:00", Some([2022, 2, 2, 0, 0, 0, 0])),
            ("Mar 1 2022 24:01", None),
            ("Mar 1 2022 10:00 am", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("am 10:00 Mar 1 2022", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("12/25/1995 1:30 PM", Some([1995, 11, 25, 13, 30, 0, 0])),
            ("2022-03-01 10:00", Some([2022, 2, 1, 10, 0, 0, 0])),
            ("Mar\t1\n2022", Some([2022, 2, 1, 0, 0, 0, 0])),
            ("1/2/3 4:5:6", Some([2003, 0, 2, 4, 5, 6, 0])),
            ("Jan 1 10000", Some([10000, 0, 1, 0, 0, 0, 0])),
            ("Sep 13 275760", Some([275760, 8, 13, 0, 0, 0, 0])),
            ("Apr 20 -271821", None),
            ("-000000-01-01", Some([2001, 0, 1, 0, 0, 0, 0])),
            ("0", Some([2000, 0, 1, 0, 0, 0, 0])),
            ("12", Some([2001, 11, 1, 0, 0, 0, 0])),
            ("2022-03-01T24:00", Some([2022, 2, 2, 0, 0, 0, 0])),
        ];
        for &(s, want) in cases {
            let got = parse_date(s);
            match want {
                None => assert!(got.is_nan(), "Date.parse({s:?}) = {got}, want NaN"),
                Some([y, mo, d, h, mi, sec, ms]) => {
                    let local = make_date(
                        make_day(y as f64, mo as f64, d as f64),
                        make_time(h as f64, mi as f64, sec as f64, ms as f64),
                    );
                    let want = time_clip(utc_from_local(local));
                    assert!(same(got, want), "Date.parse({s:?}) = {got}, want {want}");
                }
            }
        }
    }

    #[test]
    fn utf16_input() {
        let units: Vec<u16> = "2022-03-01T10:00:00Z".encode_utf16().collect();
        assert_eq!(parse_date_utf16(&units), 1646128800000.0);
        // A lone surrogate is a word: ignored before the first number, but
        // it must be separated from it (node: NaN, then 2022-01-01 local).
        let glued = [0xD800u16, 0x32, 0x30, 0x32, 0x32];
        assert!(parse_date_utf16(&glued).is_nan());
        let spaced = [0xD800u16, 0x20, 0x32, 0x30, 0x32, 0x32];
        assert!(parse_date_utf16(&spaced).is_finite());
    }
}
