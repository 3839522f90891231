//! The collation behind `String.prototype.localeCompare`: an approximation
//! of the Unicode Collation Algorithm with the root (CLDR/ICU) order, good
//! for Latin, Greek and Cyrillic text, without the full DUCET table.
//!
//! Each string becomes a list of collation elements with three weights,
//! compared level by level as UCA does (non-ignorable variable weighting,
//! no French accent order):
//! - primary: the base letter. Order of groups: whitespace, punctuation
//!   and symbols (ASCII and Latin-1 in ICU's order, from a small table),
//!   currency signs, digits (by value), Latin letters (a..z with ICU's
//!   extra letters such as ı, ŋ, þ slotted in), other scripts by code point
//!   (Georgian moved before Armenian as in ICU), Han ideographs last.
//! - secondary: accents. Text is canonically decomposed (NFD) and each
//!   combining mark gets its DUCET rank (acute < grave < breve <
//!   circumflex < caron < ring < diaeresis < ... < macron); ø, đ, ł, ħ
//!   are their base letter plus a stroke, æ/œ/ß expand to two letters with
//!   a secondary difference.
//! - tertiary: case and variants: lowercase < uppercase; compatibility
//!   forms (NFKD: ﬁ, ², ½, full-width letters) after the plain ones;
//!   hiragana < katakana; σ < Σ < ς.
//!
//! So `a < A < á < b`, `e < é < f`, `"résumé" > "resume"`, `"10" < "9"`,
//! `"co op" < "co-op" < "coop"` as in Node. Not covered: locale tailorings
//! (the `locales` argument is ignored), contractions, the order of most
//! non-Latin symbols and of letters within non-Latin scripts beyond code
//! point order. Options: `sensitivity`, `numeric`, `ignorePunctuation`
//! and `caseFirst` of Intl.Collator are honoured.
//!
//! Invariant: the comparison is a total preorder on strings (equal
//! elements compare equal), so it is safe as a sort comparator.

use std::cmp::Ordering;

use unicode_normalization::char::{decompose_canonical, decompose_compatible};
use unicode_normalization::UnicodeNormalization;

/// Which differences count (Intl.Collator's `sensitivity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sensitivity {
    Base,
    Accent,
    Case,
    Variant,
}

/// The collator settings localeCompare understands.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub sensitivity: Sensitivity,
    /// Compare runs of digits by their numeric value.
    pub numeric: bool,
    /// Ignore whitespace, punctuation and symbols.
    pub ignore_punctuation: bool,
    /// Uppercase before lowercase.
    pub upper_first: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sensitivity: Sensitivity::Variant,
            numeric: false,
            ignore_punctuation: false,
            upper_first: false,
        }
    }
}

/// One collation element. A zero weight is ignorable at that level.
#[derive(Clone, Copy, Debug)]
struct Element {
    primary: u64,
    secondary: u32,
    tertiary: u32,
}

// Primary groups (the top bits of a primary weight).
const WHITESPACE: u64 = 1;
const PUNCTUATION: u64 = 2;
const SYMBOL: u64 = 3;
const CURRENCY: u64 = 4;
const DIGIT: u64 = 5;
const LATIN: u64 = 6;
const SCRIPT: u64 = 7;
const HAN: u64 = 8;

const fn primary(group: u64, value: u64) -> u64 {
    (group << 40) | value
}

/// Secondary weight of a base character.
const BASE_SECONDARY: u32 = 0x20;
/// The secondary weight that tells æ from "ae" and ß from "ss".
const LIGATURE_SECONDARY: u32 = 0x200;
const LOWER: u32 = 0x02;
const UPPER: u32 = 0x08;

/// Whitespace, punctuation, symbols and currency signs of ASCII and
/// Latin-1 (plus a few common others) in ICU root order; characters in
/// one string are equal at the primary level (they differ at the
/// tertiary level, in the order given).
const VARIABLE_ORDER: &[&str] = &[
    "\t",
    "\n",
    "\u{b}",
    "\u{c}",
    "\r",
    "\u{85}",
    " \u{2028}\u{2029}",
    "_",
    "-\u{2010}\u{2011}",
    "\u{2013}",
    "\u{2014}",
    ",",
    ";",
    ":",
    "!",
    "\u{a1}",
    "?",
    "\u{bf}",
    ".",
    "\u{2026}",
    "\u{b7}",
    "'\u{2018}\u{2019}",
    "\"\u{201c}\u{201d}",
    "\u{ab}",
    "\u{bb}",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\u{a7}",
    "\u{b6}",
    "@",
    "*",
    "/",
    "\\",
    "&",
    "#",
    "%",
    "\u{2022}",
    "`",
    "\u{b4}",
    "^",
    "\u{af}",
    "\u{a8}",
    "\u{b8}",
    "\u{b0}",
    "\u{a9}",
    "\u{ae}",
    "\u{2190}",
    "\u{2192}",
    "+",
    "\u{b1}",
    "\u{f7}",
    "\u{d7}",
    "<",
    "=",
    ">",
    "\u{ac}",
    "|",
    "\u{a6}",
    "~",
    "\u{2264}",
];
/// The first entry of VARIABLE_ORDER that is punctuation, not whitespace.
const FIRST_PUNCTUATION: usize = 7;
/// The first entry that is a symbol rather than punctuation.
const FIRST_SYMBOL: usize = 41;
/// Currency signs in ICU order (others follow by code point).
const CURRENCY_ORDER: &[char] = &['\u{a4}', '\u{a2}', '$', '\u{a3}', '\u{a5}', '\u{20ac}'];

/// Combining marks in DUCET secondary order; marks in one string share a
/// weight. Marks not listed sort after these by code point.
const MARK_ORDER: &[&str] = &[
    "\u{332}",
    "\u{313}\u{343}",
    "\u{314}",
    "\u{301}\u{341}",
    "\u{300}\u{340}",
    "\u{306}",
    "\u{302}",
    "\u{30c}",
    "\u{30a}",
    "\u{342}",
    "\u{308}",
    "\u{344}",
    "\u{30b}",
    "\u{303}",
    "\u{307}",
    "\u{338}",
    "\u{327}",
    "\u{328}",
    "\u{304}",
    "\u{30d}\u{30e}\u{312}\u{315}\u{31a}\u{33d}\u{33e}\u{33f}\u{346}\u{34a}\u{34b}\u{34c}\u{350}\u{351}\u{352}\u{357}\u{35b}\u{35d}\u{35e}",
    "\u{316}\u{317}\u{318}\u{319}\u{31c}\u{31d}\u{31e}\u{31f}\u{320}\u{329}\u{32a}\u{32b}\u{32c}\u{32f}\u{333}\u{33a}\u{33b}\u{33c}\u{347}\u{348}\u{349}\u{34d}\u{34e}\u{353}\u{354}\u{355}\u{356}\u{359}\u{35a}\u{35c}\u{35f}\u{362}",
    "\u{336}\u{337}",
    "\u{335}",
    "\u{305}",
    "\u{309}",
    "\u{30f}",
    "\u{310}",
    "\u{311}",
    "\u{31b}",
    "\u{321}",
    "\u{322}",
    "\u{323}",
    "\u{324}",
    "\u{325}",
    "\u{326}",
    "\u{32d}",
    "\u{32e}",
    "\u{330}",
    "\u{331}",
    "\u{334}",
    "\u{339}",
    "\u{345}",
    "\u{358}",
    "\u{360}",
    "\u{361}",
    // Latin small letters above, in alphabetical order.
    "\u{363}",
    "\u{368}",
    "\u{369}",
    "\u{364}",
    "\u{36a}",
    "\u{365}",
    "\u{36b}",
    "\u{366}",
    "\u{36c}",
    "\u{36d}",
    "\u{367}",
    "\u{36e}",
    "\u{36f}",
];

/// Latin letters that are letters of their own in the root order: the
/// letter they follow and the letter itself (lowercase).
const EXTRA_LATIN: &[(char, char)] = &[
    ('e', '\u{1dd}'),
    ('e', '\u{259}'),
    ('e', '\u{25b}'),
    ('f', '\u{192}'),
    ('i', '\u{131}'),
    ('n', '\u{14b}'),
    ('o', '\u{254}'),
    ('q', '\u{138}'),
    ('s', '\u{283}'),
    ('z', '\u{292}'),
    ('z', '\u{fe}'),
];

/// Letters that are a base letter plus a stroke or bar (secondary
/// difference), with the mark that stands for it.
const STROKED: &[(char, char, char)] = &[
    ('\u{f8}', 'o', '\u{338}'),
    ('\u{d8}', 'O', '\u{338}'),
    ('\u{111}', 'd', '\u{335}'),
    ('\u{110}', 'D', '\u{335}'),
    ('\u{142}', 'l', '\u{337}'),
    ('\u{141}', 'L', '\u{337}'),
    ('\u{127}', 'h', '\u{335}'),
    ('\u{126}', 'H', '\u{335}'),
    ('\u{167}', 't', '\u{335}'),
    ('\u{166}', 'T', '\u{335}'),
    ('\u{180}', 'b', '\u{335}'),
    ('\u{243}', 'B', '\u{335}'),
    ('\u{268}', 'i', '\u{335}'),
    ('\u{1b6}', 'z', '\u{335}'),
    ('\u{1b5}', 'Z', '\u{335}'),
];

/// Secondary weight of a combining mark.
fn mark_weight(c: char) -> u32 {
    match MARK_ORDER.iter().position(|g| g.contains(c)) {
        Some(i) => BASE_SECONDARY + 1 + i as u32,
        None => 0x1000 + c as u32,
    }
}

/// Nonspacing combining marks (secondary-only elements).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x300..=0x36F | 0x483..=0x489 | 0x591..=0x5BD | 0x5BF | 0x5C1..=0x5C2 | 0x5C4..=0x5C5
        | 0x5C7 | 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Characters with no weight at all: controls other than whitespace,
/// format characters, variation selectors, the combining grapheme joiner.
fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x0..=0x8 | 0xE..=0x1F | 0x7F..=0x84 | 0x86..=0x9F | 0xAD | 0x34F | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE0FFF)
}

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Case (tertiary) weight of a base character.
fn case_weight(c: char, compat: bool) -> u32 {
    let upper = c.is_uppercase() || (c.is_alphabetic() && c.to_lowercase().next() != Some(c));
    match (upper, compat) {
        (false, false) => LOWER,
        (false, true) => 0x04,
        (true, false) => UPPER,
        (true, true) => 0x0A,
    }
}

/// Primary weight of a non-mark, non-ignorable character (given in
/// lowercase for letters).
fn primary_of(lower: char) -> u64 {
    let cp = lower as u32 as u64;
    if let Some(i) = VARIABLE_ORDER.iter().position(|g| g.contains(lower)) {
        let group = if i < FIRST_PUNCTUATION {
            WHITESPACE
        } else if i < FIRST_SYMBOL {
            PUNCTUATION
        } else {
            SYMBOL
        };
        return primary(group, i as u64);
    }
    if let Some(i) = CURRENCY_ORDER.iter().position(|&c| c == lower) {
        return primary(CURRENCY, i as u64);
    }
    if let Some(d) = lower.to_digit(10) {
        return primary(DIGIT, d as u64);
    }
    if lower.is_ascii_lowercase() {
        return primary(LATIN, (cp - 'a' as u64) * 16);
    }
    if let Some(n) = EXTRA_LATIN.iter().position(|(_, c)| *c == lower) {
        let after = EXTRA_LATIN[n].0;
        let within = EXTRA_LATIN[..n].iter().filter(|(a, _)| *a == after).count();
        return primary(LATIN, (after as u64 - 'a' as u64) * 16 + 1 + within as u64);
    }
    if lower.is_whitespace() {
        return primary(WHITESPACE, VARIABLE_ORDER.len() as u64 + cp);
    }
    if lower.is_numeric() {
        return primary(DIGIT, 16 + cp);
    }
    if lower.is_alphabetic() {
        return match cp {
            // Other Latin letters: after z.
            0x180..=0x2AF
            | 0x1D00..=0x1DBF
            | 0x2C60..=0x2C7F
            | 0xA720..=0xA7FF
            | 0xAB30..=0xAB6F => primary(LATIN, 26 * 16 + cp),
            _ if is_han(lower) => primary(HAN, cp),
            // Georgian sorts between Cyrillic and Armenian.
            0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => {
                primary(SCRIPT, (0x530 << 8) - 0x1000 + (cp & 0xFFF))
            }
            // Katakana shares its primary with hiragana.
            0x30A1..=0x30F6 => primary(SCRIPT, (cp - 0x60) << 8),
            _ => primary(SCRIPT, cp << 8),
        };
    }
    // Other punctuation and symbols, by block.
    match cp {
        0x2000..=0x206F | 0x2E00..=0x2E7F | 0x3000..=0x303F | 0xFE30..=0xFE4F => {
            primary(PUNCTUATION, VARIABLE_ORDER.len() as u64 + cp)
        }
        0x20A0..=0x20CF => primary(CURRENCY, 16 + cp),
        _ => primary(SYMBOL, VARIABLE_ORDER.len() as u64 + cp),
    }
}

/// Appends the elements of one (canonically decomposed) character.
fn push_elements(out: &mut Vec<Element>, c: char, compat: bool) {
    if is_ignorable(c) {
        return;
    }
    if is_mark(c) {
        out.push(Element {
            primary: 0,
            secondary: mark_weight(c),
            tertiary: LOWER,
        });
        return;
    }
    let tertiary = case_weight(c, compat);
    let base = |out: &mut Vec<Element>, letter: char, tertiary: u32| {
        out.push(Element {
            primary: primary_of(letter),
            secondary: BASE_SECONDARY,
            tertiary,
        });
    };
    let ligature = |out: &mut Vec<Element>, tertiary: u32| {
        out.push(Element {
            primary: 0,
            secondary: LIGATURE_SECONDARY,
            tertiary,
        });
    };
    match c {
        'æ' | 'Æ' | 'œ' | 'Œ' | 'ß' | '\u{1e9e}' => {
            let (a, b) = match c {
                'æ' | 'Æ' => ('a', 'e'),
                'œ' | 'Œ' => ('o', 'e'),
                _ => ('s', 's'),
            };
            base(out, a, tertiary);
            ligature(out, tertiary);
            base(out, b, tertiary);
        }
        'ð' | 'Ð' => {
            base(out, 'd', tertiary);
            ligature(out, tertiary);
        }
        'ς' => base(out, 'σ', 0x19),
        _ => {
            if let Some(&(_, letter, mark)) = STROKED.iter().find(|(s, _, _)| *s == c) {
                base(out, letter.to_ascii_lowercase(), tertiary);
                out.push(Element {
                    primary: 0,
                    secondary: mark_weight(mark),
                    tertiary: LOWER,
                });
                return;
            }
            let lower = c.to_lowercase().next().unwrap_or(c);
            let tertiary = if (0x30A1..=0x30F6).contains(&(c as u32)) {
                tertiary + 0x0C
            } else {
                tertiary
            };
            base(out, lower, tertiary);
        }
    }
}

/// The collation elements of a string (UTF-16, lone surrogates allowed).
fn elements(units: &[u16], options: &Options) -> Vec<Element> {
    let text: String = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect();
    let mut out = Vec::with_capacity(text.len());
    let mut digits: Option<(u64, u32)> = None;
    for c in text.nfd() {
        let mut canonical = String::new();
        decompose_canonical(c, |d| canonical.push(d));
        let mut compat = String::new();
        decompose_compatible(c, |d| compat.push(d));
        // Spacing clones of accents (´ ¨ ¯ ¸ ˘ ...) are symbols of their
        // own, not a space plus a mark.
        if compat.len() > 1 && compat.starts_with(' ') {
            compat = canonical.clone();
        }
        let is_compat = compat != canonical;
        for d in compat.chars() {
            if options.numeric {
                if let Some(v) = d.to_digit(10) {
                    // A run of digits is one element weighted by its value;
                    // the number of digits breaks ties at the tertiary level.
                    let (value, len) = digits.unwrap_or((0, 0));
                    digits = Some((value.saturating_mul(10).saturating_add(v as u64), len + 1));
                    continue;
                }
                if let Some((value, len)) = digits.take() {
                    push_number(&mut out, value, len);
                }
            }
            push_elements(&mut out, d, is_compat);
        }
    }
    if let Some((value, len)) = digits {
        push_number(&mut out, value, len);
    }
    if options.ignore_punctuation {
        out.retain(|e| e.primary == 0 || e.primary >> 40 >= CURRENCY);
    }
    out
}

fn push_number(out: &mut Vec<Element>, value: u64, len: u32) {
    out.push(Element {
        primary: primary(DIGIT, value.min((1 << 40) - 1)),
        secondary: BASE_SECONDARY,
        tertiary: LOWER + len,
    });
}

/// Compares two strings (UTF-16) as `localeCompare` does.
pub fn compare(a: &[u16], b: &[u16], options: &Options) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let (ea, eb) = (elements(a, options), elements(b, options));
    let level = |f: fn(&Element) -> u64| {
        ea.iter()
            .map(f)
            .filter(|&w| w != 0)
            .cmp(eb.iter().map(f).filter(|&w| w != 0))
    };
    let primary = level(|e| e.primary);
    let secondary = || level(|e| e.secondary as u64);
    let tertiary = || {
        let t = level(|e| e.tertiary as u64);
        if options.upper_first {
            t.reverse()
        } else {
            t
        }
    };
    let case_only = || {
        let case = |e: &Element| (e.tertiary == UPPER || e.tertiary == 0x0A) as u64 + 1;
        let t = ea
            .iter()
            .filter(|e| e.primary != 0)
            .map(case)
            .cmp(eb.iter().filter(|e| e.primary != 0).map(case));
        if options.upper_first {
            t.reverse()
        } else {
            t
        }
    };
    match options.sensitivity {
        Sensitivity::Base => primary,
        Sensitivity::Accent => primary.then_with(secondary),
        Sensitivity::Case => primary.then_with(case_only),
        Sensitivity::Variant => primary.then_with(secondary).then_with(tertiary),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(a: &str, b: &str) -> i32 {
        let a: Vec<u16> = a.encode_utf16().collect();
        let b: Vec<u16> = b.encode_utf16().collect();
        match compare(&a, &b, &Options::default()) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| cmp(a, b).cmp(&0));
        v
    }

    #[test]
    fn case_and_accents_are_later_levels() {
        assert_eq!(cmp("a", "B"), -1);
        assert_eq!(cmp("a", "A"), -1);
        assert_eq!(cmp("résumé", "resume"), 1);
        assert_eq!(cmp("10", "9"), -1);
        assert_eq!(cmp("e\u{301}", "é"), 0);
        assert_eq!(
            sorted(&["b", "a", "C", "B", "apple", "Zebra", "é", "e", "f"]),
            ["a", "apple", "b", "B", "C", "e", "é", "f", "Zebra"]
        );
    }

    /// Orders taken from Node 20 (ICU root collation).
    #[test]
    fn matches_icu_on_common_text() {
        assert_eq!(
            sorted(&["co-op", "coop", "co op", "cote", "côte", "coté", "côté", "Cote"]),
            ["co op", "co-op", "coop", "cote", "Cote", "coté", "côte", "côté"]
        );
        assert_eq!(
            sorted(&["ae", "æ", "af", "Æ", "AE", "ss", "ß", "st", "SS", "oe", "œ", "of"]),
            ["ae", "AE", "æ", "Æ", "af", "oe", "œ", "of", "ss", "SS", "ß", "st"]
        );
        assert_eq!(
            sorted(&["á", "à", "â", "ä", "å", "ã", "a", "ā"]),
            ["a", "á", "à", "â", "å", "ä", "ã", "ā"]
        );
        assert_eq!(sorted(&["o", "ø", "p", "ö"]), ["o", "ö", "ø", "p"]);
        assert_eq!(
            sorted(&["σ", "ς", "Σ", "α", "ω"]),
            ["α", "σ", "Σ", "ς", "ω"]
        );
        assert_eq!(
            sorted(&["я", "а", "ё", "е", "ж"]),
            ["а", "е", "ё", "ж", "я"]
        );
        assert_eq!(sorted(&["fi", "ﬁ", "fj"]), ["fi", "ﬁ", "fj"]);
        assert_eq!(
            sorted(&["!", "1", "a", " ", "_", "$"]),
            [" ", "_", "!", "$", "1", "a"]
        );
        assert_eq!(sorted(&["x10", "x2", "x1"]), ["x1", "x10", "x2"]);
        assert_eq!(cmp("a\u{ad}b", "ab"), 0);
    }

    #[test]
    fn options() {
        let u = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
        let base = Options {
            sensitivity: Sensitivity::Base,
            ..Options::default()
        };
        assert_eq!(compare(&u("a"), &u("Á"), &base), Ordering::Equal);
        let numeric = Options {
            numeric: true,
            ..Options::default()
        };
        assert_eq!(compare(&u("x10"), &u("x9"), &numeric), Ordering::Greater);
        assert_eq!(compare(&u("x1"), &u("x01"), &numeric), Ordering::Less);
        let punct = Options {
            ignore_punctuation: true,
            ..Options::default()
        };
        assert_eq!(compare(&u("a-b"), &u("ab"), &punct), Ordering::Equal);
        let upper = Options {
            upper_first: true,
            ..Options::default()
        };
        assert_eq!(compare(&u("a"), &u("A"), &upper), Ordering::Greater);
    }
}
