//! Heap string storage: immutable strings with UTF-16 semantics in a
//! Latin-1 / UTF-16 dual representation, plus ropes for cheap concatenation.
//! Also the code-unit algorithms the built-ins run on borrowed `StrView`s
//! instead of copies (StringIndexOf and its reverse, prefix tests,
//! trimming, comparison, hashing), and `StrBuilder`, which builds new text
//! in Latin-1 until a unit >= 256 forces UTF-16.
//!
//! Invariants: a string's length counts UTF-16 code units; a `Latin1` string
//! holds units < 256 one byte each and a `Utf16` string contains at least one
//! unit >= 256 when built through `Flat::from_units` (comparisons never rely
//! on that: views compare unit by unit). A rope is flattened (once, lazily)
//! the first time its contents are read; after that its children are no
//! longer traced, so a `s += x` loop does not keep every intermediate rope
//! alive and costs linear time overall.

use std::cell::{Cell, OnceCell};

use crate::value::{PropertyKey, StrId};

/// A flat string body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flat {
    Latin1(Box<[u8]>),
    Utf16(Box<[u16]>),
}

impl Flat {
    /// From a Rust string (narrowed to Latin-1 when possible).
    pub fn from_rust(s: &str) -> Flat {
        if s.is_ascii() {
            return Flat::Latin1(s.as_bytes().into());
        }
        if s.chars().all(|c| (c as u32) < 256) {
            return Flat::Latin1(s.chars().map(|c| c as u8).collect());
        }
        Flat::Utf16(s.encode_utf16().collect())
    }
    /// From UTF-16 code units (narrowed to Latin-1 when possible).
    pub fn from_units(units: &[u16]) -> Flat {
        if units.iter().all(|&u| u < 256) {
            Flat::Latin1(units.iter().map(|&u| u as u8).collect())
        } else {
            Flat::Utf16(units.into())
        }
    }
    pub fn view(&self) -> StrView<'_> {
        match self {
            Flat::Latin1(b) => StrView::Latin1(b),
            Flat::Utf16(u) => StrView::Utf16(u),
        }
    }
    pub fn len(&self) -> usize {
        self.view().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A borrowed view of a flat string.
#[derive(Clone, Copy, Debug)]
pub enum StrView<'a> {
    Latin1(&'a [u8]),
    Utf16(&'a [u16]),
}

impl<'a> StrView<'a> {
    #[inline]
    pub fn len(self) -> usize {
        match self {
            StrView::Latin1(b) => b.len(),
            StrView::Utf16(u) => u.len(),
        }
    }
    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
    /// The code unit at `i` (None when out of range).
    #[inline]
    pub fn get(self, i: usize) -> Option<u16> {
        match self {
            StrView::Latin1(b) => b.get(i).map(|&c| c as u16),
            StrView::Utf16(u) => u.get(i).copied(),
        }
    }
    /// Iterates over the code units.
    pub fn units(self) -> impl Iterator<Item = u16> + 'a {
        let (a, b) = match self {
            StrView::Latin1(b) => (Some(b.iter().map(|&c| c as u16)), None),
            StrView::Utf16(u) => (None, Some(u.iter().copied())),
        };
        a.into_iter().flatten().chain(b.into_iter().flatten())
    }
    pub fn to_units(self) -> Vec<u16> {
        match self {
            StrView::Latin1(b) => b.iter().map(|&c| c as u16).collect(),
            StrView::Utf16(u) => u.to_vec(),
        }
    }
    /// Lossy conversion (lone surrogates become U+FFFD).
    pub fn to_rust_lossy(self) -> String {
        match self {
            StrView::Latin1(b) => b.iter().map(|&c| c as char).collect(),
            StrView::Utf16(u) => String::from_utf16_lossy(u),
        }
    }
    /// The sub-view of units `start..end` (clamped).
    pub fn slice(self, start: usize, end: usize) -> StrView<'a> {
        let end = end.min(self.len());
        let start = start.min(end);
        match self {
            StrView::Latin1(b) => StrView::Latin1(&b[start..end]),
            StrView::Utf16(u) => StrView::Utf16(&u[start..end]),
        }
    }
    /// StringIndexOf(string, searchValue, fromIndex) (6.1.4.1): the first
    /// index `>= from` where `needle` occurs. An empty needle is found at
    /// `from` itself when `from <= len`.
    pub fn find(self, needle: StrView<'_>, from: usize) -> Option<usize> {
        let len = self.len();
        if needle.is_empty() {
            return (from <= len).then_some(from);
        }
        if from >= len || needle.len() > len - from {
            return None;
        }
        Needle::new(self, needle).find(self, from)
    }
    /// The last index `<= from` where `needle` occurs (lastIndexOf's
    /// search). An empty needle is found at `min(from, len)`.
    pub fn rfind(self, needle: StrView<'_>, from: usize) -> Option<usize> {
        let len = self.len();
        if needle.is_empty() {
            return Some(from.min(len));
        }
        if needle.len() > len {
            return None;
        }
        Needle::new(self, needle).rfind(self, from)
    }
    /// The start indices of at most `limit` non-overlapping occurrences of
    /// `needle`, searching from 0 and resuming `max(needle.len(), 1)` after
    /// each match (so an empty needle matches at every index 0..=len).
    pub fn find_all(self, needle: StrView<'_>, limit: usize) -> Vec<usize> {
        let len = self.len();
        if needle.is_empty() {
            return (0..=len).take(limit).collect();
        }
        let mut out = Vec::new();
        if needle.len() > len {
            return out;
        }
        let n = Needle::new(self, needle);
        let mut from = 0;
        while out.len() < limit {
            match n.find(self, from) {
                Some(p) => {
                    out.push(p);
                    from = p + needle.len();
                }
                None => break,
            }
        }
        out
    }
    /// Whether `needle` occurs at index `at`.
    pub fn starts_with_at(self, needle: StrView<'_>, at: usize) -> bool {
        match at.checked_add(needle.len()) {
            Some(end) if end <= self.len() => self.slice(at, end).eq_view(needle),
            _ => false,
        }
    }
    /// Whether code unit `u` occurs.
    pub fn contains_unit(self, u: u16) -> bool {
        match self {
            StrView::Latin1(b) => u8::try_from(u).is_ok_and(|x| position_of(b, x).is_some()),
            StrView::Utf16(s) => position_of(s, u).is_some(),
        }
    }
    /// Whether every unit is ASCII.
    pub fn is_ascii(self) -> bool {
        match self {
            StrView::Latin1(b) => b.is_ascii(),
            StrView::Utf16(u) => u.iter().all(|&c| c < 0x80),
        }
    }
    /// The range left by TrimString (22.1.3.32.1): JS whitespace and line
    /// terminators removed from the start and/or the end.
    pub fn trim_range(self, start: bool, end: bool) -> (usize, usize) {
        fn range<T: CodeUnit>(s: &[T], start: bool, end: bool) -> (usize, usize) {
            let ws = |c: &T| crate::num::is_js_whitespace((*c).into());
            let a = if start {
                s.iter().position(|c| !ws(c)).unwrap_or(s.len())
            } else {
                0
            };
            let b = if end {
                s[a..].iter().rposition(|c| !ws(c)).map_or(a, |i| a + i + 1)
            } else {
                s.len()
            };
            (a, b)
        }
        match self {
            StrView::Latin1(b) => range(b, start, end),
            StrView::Utf16(u) => range(u, start, end),
        }
    }
    /// The code units, borrowed for UTF-16 and widened (copied) for
    /// Latin-1.
    pub fn to_units_cow(self) -> std::borrow::Cow<'a, [u16]> {
        match self {
            StrView::Latin1(b) => std::borrow::Cow::Owned(b.iter().map(|&c| c as u16).collect()),
            StrView::Utf16(u) => std::borrow::Cow::Borrowed(u),
        }
    }
    /// Appends the code units to `out`.
    pub fn extend_units(self, out: &mut Vec<u16>) {
        match self {
            StrView::Latin1(b) => out.extend(b.iter().map(|&c| c as u16)),
            StrView::Utf16(u) => out.extend_from_slice(u),
        }
    }
    pub fn to_flat(self) -> Flat {
        match self {
            StrView::Latin1(b) => Flat::Latin1(b.into()),
            StrView::Utf16(u) => Flat::from_units(u),
        }
    }
    /// Code-unit equality.
    pub fn eq_view(self, other: StrView<'_>) -> bool {
        match (self, other) {
            (StrView::Latin1(a), StrView::Latin1(b)) => a == b,
            (StrView::Utf16(a), StrView::Utf16(b)) => a == b,
            (StrView::Latin1(a), StrView::Utf16(b)) | (StrView::Utf16(b), StrView::Latin1(a)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| x as u16 == y)
            }
        }
    }
    /// Code-unit order (IsLessThan on strings).
    pub fn cmp_view(self, other: StrView<'_>) -> std::cmp::Ordering {
        match (self, other) {
            (StrView::Latin1(a), StrView::Latin1(b)) => a.cmp(b),
            (StrView::Utf16(a), StrView::Utf16(b)) => a.cmp(b),
            (StrView::Latin1(a), StrView::Utf16(b)) => {
                a.iter().map(|&x| x as u16).cmp(b.iter().copied())
            }
            (StrView::Utf16(a), StrView::Latin1(b)) => {
                a.iter().copied().cmp(b.iter().map(|&x| x as u16))
            }
        }
    }
    /// Equality with a Rust string (compared as UTF-16).
    pub fn eq_str(self, s: &str) -> bool {
        match self {
            StrView::Latin1(b) if s.is_ascii() => b == s.as_bytes(),
            _ => self.units().eq(s.encode_utf16()),
        }
    }
    /// The canonical array index this string denotes ("0".."4294967294",
    /// no leading zeros), if any.
    pub fn as_array_index(self) -> Option<u32> {
        let n = self.len();
        if n == 0 || n > 10 {
            return None;
        }
        if self.get(0) == Some(b'0' as u16) && n > 1 {
            return None;
        }
        let mut v: u64 = 0;
        for i in 0..n {
            let u = self.get(i)?;
            if !(b'0' as u16..=b'9' as u16).contains(&u) {
                return None;
            }
            v = v * 10 + (u - b'0' as u16) as u64;
        }
        if v <= 4_294_967_294 {
            Some(v as u32)
        } else {
            None
        }
    }
    /// A hash over code units, equal for equal strings whatever their
    /// representation.
    pub fn hash_units(self) -> u64 {
        fn fnv<T: CodeUnit>(s: &[T]) -> u64 {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &u in s {
                h = (h ^ Into::<u16>::into(u) as u64).wrapping_mul(0x0000_0100_0000_01b3);
            }
            h ^ (h >> 29)
        }
        match self {
            StrView::Latin1(b) => fnv(b),
            StrView::Utf16(u) => fnv(u),
        }
    }
}

/// A code unit of a flat string body: `u8` for Latin-1, `u16` for UTF-16.
/// Lets searching, parsing and encoding code be written once for both
/// representations.
pub trait CodeUnit: Copy + Eq + Ord + Into<u16> + 'static {
    /// The view of a slice of these units.
    fn view_of(units: &[Self]) -> StrView<'_>;
    /// The unit as `Self`, when it fits.
    fn from_u16(u: u16) -> Option<Self>;
}

impl CodeUnit for u8 {
    #[inline]
    fn view_of(units: &[u8]) -> StrView<'_> {
        StrView::Latin1(units)
    }
    #[inline]
    fn from_u16(u: u16) -> Option<u8> {
        u8::try_from(u).ok()
    }
}

impl CodeUnit for u16 {
    #[inline]
    fn view_of(units: &[u16]) -> StrView<'_> {
        StrView::Utf16(units)
    }
    #[inline]
    fn from_u16(u: u16) -> Option<u16> {
        Some(u)
    }
}

/// The first index of `x` in `s`. Scans in fixed-size blocks whose
/// "contains" test has no early exit, so the compiler can vectorize it.
#[inline]
fn position_of<T: CodeUnit>(s: &[T], x: T) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut blocks = s.chunks_exact(BLOCK);
    let mut base = 0;
    for b in &mut blocks {
        if b.iter().fold(false, |acc, &u| acc | (u == x)) {
            return b.iter().position(|&u| u == x).map(|k| base + k);
        }
        base += BLOCK;
    }
    blocks
        .remainder()
        .iter()
        .position(|&u| u == x)
        .map(|k| base + k)
}

/// The last index of `x` in `s` (block-wise, as `position_of`).
#[inline]
fn rposition_of<T: CodeUnit>(s: &[T], x: T) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut blocks = s.rchunks_exact(BLOCK);
    let mut end = s.len();
    for b in &mut blocks {
        if b.iter().fold(false, |acc, &u| acc | (u == x)) {
            return b.iter().rposition(|&u| u == x).map(|k| end - BLOCK + k);
        }
        end -= BLOCK;
    }
    blocks.remainder().iter().rposition(|&u| u == x)
}

/// The first `i >= from` where `needle` (non-empty) occurs in `hay`.
fn find_units<T: CodeUnit>(hay: &[T], needle: &[T], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut i = from;
    while i <= last_start {
        i += position_of(hay.get(i..=last_start)?, first)?;
        if hay.get(i + 1..i + needle.len()) == Some(rest) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The last `i <= from` where `needle` (non-empty) occurs in `hay`.
fn rfind_units<T: CodeUnit>(hay: &[T], needle: &[T], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut end = from.min(last_start) + 1;
    while end > 0 {
        let i = rposition_of(hay.get(..end)?, first)?;
        if hay.get(i + 1..i + needle.len()) == Some(rest) {
            return Some(i);
        }
        end = i;
    }
    None
}

/// A needle in the representation of the haystack it is searched in.
enum Needle<'a> {
    Latin1(std::borrow::Cow<'a, [u8]>),
    Utf16(std::borrow::Cow<'a, [u16]>),
    /// Cannot occur (a unit >= 256 searched in a Latin-1 string).
    Absent,
}

impl<'a> Needle<'a> {
    fn new(hay: StrView<'_>, needle: StrView<'a>) -> Needle<'a> {
        use std::borrow::Cow;
        match (hay, needle) {
            (StrView::Latin1(_), StrView::Latin1(n)) => Needle::Latin1(Cow::Borrowed(n)),
            (StrView::Utf16(_), StrView::Utf16(n)) => Needle::Utf16(Cow::Borrowed(n)),
            (StrView::Utf16(_), StrView::Latin1(n)) => {
                Needle::Utf16(Cow::Owned(n.iter().map(|&b| b as u16).collect()))
            }
            (StrView::Latin1(_), StrView::Utf16(n)) => {
                match n.iter().map(|&u| u8::try_from(u).ok()).collect() {
                    Some(b) => Needle::Latin1(Cow::Owned(b)),
                    None => Needle::Absent,
                }
            }
        }
    }

    fn find(&self, hay: StrView<'_>, from: usize) -> Option<usize> {
        match (hay, self) {
            (StrView::Latin1(h), Needle::Latin1(n)) => find_units(h, n, from),
            (StrView::Utf16(h), Needle::Utf16(n)) => find_units(h, n, from),
            _ => None,
        }
    }

    fn rfind(&self, hay: StrView<'_>, from: usize) -> Option<usize> {
        match (hay, self) {
            (StrView::Latin1(h), Needle::Latin1(n)) => rfind_units(h, n, from),
            (StrView::Utf16(h), Needle::Utf16(n)) => rfind_units(h, n, from),
            _ => None,
        }
    }
}

/// The decimal text of `n` (|n| < 10^19), written at the end of `buf`.
pub fn integer_digits(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut v = n.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// A string under construction. It stays Latin-1 (one byte a unit) until
/// a unit >= 256 is appended, so building Latin-1 text never needs the
/// scan-and-narrow pass of `Flat::from_units`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StrBuilder {
    Latin1(Vec<u8>),
    Utf16(Vec<u16>),
}

impl Default for StrBuilder {
    fn default() -> Self {
        StrBuilder::Latin1(Vec::new())
    }
}

/// Latin-1 text as UTF-16, with room for `extra` more units.
fn widened(b: &[u8], extra: usize) -> Vec<u16> {
    let mut u = Vec::with_capacity(b.len() + extra.max(b.len() / 2));
    u.extend(b.iter().map(|&c| c as u16));
    u
}

impl StrBuilder {
    pub fn new() -> StrBuilder {
        StrBuilder::default()
    }
    /// An empty builder with room for `n` Latin-1 units.
    pub fn with_capacity(n: usize) -> StrBuilder {
        StrBuilder::Latin1(Vec::with_capacity(n))
    }
    /// Length in code units.
    pub fn len(&self) -> usize {
        match self {
            StrBuilder::Latin1(b) => b.len(),
            StrBuilder::Utf16(u) => u.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Appends one code unit.
    #[inline]
    pub fn push_unit(&mut self, c: u16) {
        match self {
            StrBuilder::Latin1(b) if c < 256 => b.push(c as u8),
            StrBuilder::Utf16(u) => u.push(c),
            StrBuilder::Latin1(b) => {
                let mut u = widened(b, 1);
                u.push(c);
                *self = StrBuilder::Utf16(u);
            }
        }
    }
    /// Appends a Rust string (as UTF-16).
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        match self {
            StrBuilder::Latin1(b) if s.is_ascii() => b.extend_from_slice(s.as_bytes()),
            _ => {
                for c in s.encode_utf16() {
                    self.push_unit(c);
                }
            }
        }
    }
    /// Appends the units of a view.
    #[inline]
    pub fn push_view(&mut self, v: StrView<'_>) {
        match (&mut *self, v) {
            (StrBuilder::Latin1(b), StrView::Latin1(x)) => b.extend_from_slice(x),
            (StrBuilder::Utf16(u), StrView::Latin1(x)) => u.extend(x.iter().map(|&c| c as u16)),
            (StrBuilder::Utf16(u), StrView::Utf16(x)) => u.extend_from_slice(x),
            (StrBuilder::Latin1(b), StrView::Utf16(x)) => {
                if x.iter().all(|&c| c < 256) {
                    b.extend(x.iter().map(|&c| c as u8));
                } else {
                    let mut u = widened(b, x.len());
                    u.extend_from_slice(x);
                    *self = StrBuilder::Utf16(u);
                }
            }
        }
    }
    /// Appends the decimal digits of `n`.
    pub fn push_integer(&mut self, n: i64) {
        let mut buf = [0u8; 20];
        self.push_view(StrView::Latin1(integer_digits(n, &mut buf)));
    }
    /// Appends UTF-16 code units.
    pub fn push_units(&mut self, units: &[u16]) {
        self.push_view(StrView::Utf16(units));
    }
    /// Shortens to `len` units (no effect when already shorter).
    pub fn truncate(&mut self, len: usize) {
        match self {
            StrBuilder::Latin1(b) => b.truncate(len),
            StrBuilder::Utf16(u) => u.truncate(len),
        }
    }
    /// The text so far.
    pub fn view(&self) -> StrView<'_> {
        match self {
            StrBuilder::Latin1(b) => StrView::Latin1(b),
            StrBuilder::Utf16(u) => StrView::Utf16(u),
        }
    }
    /// The finished string body.
    pub fn finish(self) -> Flat {
        match self {
            StrBuilder::Latin1(b) => Flat::Latin1(b.into()),
            StrBuilder::Utf16(u) => Flat::Utf16(u.into()),
        }
    }
    /// The finished text as UTF-16 code units.
    pub fn into_units(self) -> Vec<u16> {
        match self {
            StrBuilder::Latin1(b) => b.iter().map(|&c| c as u16).collect(),
            StrBuilder::Utf16(u) => u,
        }
    }
}

/// A rope node: the concatenation of two strings, flattened on first read.
pub struct Rope {
    pub left: StrId,
    pub right: StrId,
    pub len: u32,
    pub(crate) flat: OnceCell<Flat>,
    /// Depth of the rope tree (1 for a rope of two flat strings).
    pub depth: u32,
}

/// A heap string.
pub struct JsString {
    pub(crate) repr: Repr,
    /// The property key this string converts to, once computed.
    pub(crate) key_cache: Cell<Option<PropertyKey>>,
}

pub(crate) enum Repr {
    Flat(Flat),
    Rope(Rope),
}

impl JsString {
    pub fn flat(f: Flat) -> JsString {
        JsString {
            repr: Repr::Flat(f),
            key_cache: Cell::new(None),
        }
    }
    pub fn rope(left: StrId, right: StrId, len: u32, depth: u32) -> JsString {
        JsString {
            repr: Repr::Rope(Rope {
                left,
                right,
                len,
                flat: OnceCell::new(),
                depth,
            }),
            key_cache: Cell::new(None),
        }
    }
    /// Length in UTF-16 code units.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Flat(f) => f.len(),
            Repr::Rope(r) => r.len as usize,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Bytes of storage, for the allocation debt.
    pub(crate) fn size_estimate(&self) -> usize {
        let body = match &self.repr {
            Repr::Flat(Flat::Latin1(b)) => b.len(),
            Repr::Flat(Flat::Utf16(u)) => u.len() * 2,
            Repr::Rope(_) => 16,
        };
        body + std::mem::size_of::<JsString>()
    }
    pub(crate) fn rope_depth(&self) -> u32 {
        match &self.repr {
            Repr::Flat(_) => 0,
            Repr::Rope(r) => r.depth,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both representations of `s` where possible (the UTF-16 one even
    /// for text below 256, which `from_units` would narrow).
    fn forms(s: &[u16]) -> Vec<Flat> {
        let mut out = vec![Flat::Utf16(s.into())];
        if s.iter().all(|&u| u < 256) {
            out.push(Flat::Latin1(s.iter().map(|&u| u as u8).collect()));
        }
        out
    }

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    /// The spec's StringIndexOf, unit by unit.
    fn naive_find(h: &[u16], n: &[u16], from: usize) -> Option<usize> {
        (from..=h.len()).find(|&i| h.len() - i >= n.len() && h[i..i + n.len()] == *n)
    }

    fn naive_rfind(h: &[u16], n: &[u16], from: usize) -> Option<usize> {
        if n.len() > h.len() {
            return None;
        }
        (0..=from.min(h.len() - n.len()))
            .rev()
            .find(|&i| h[i..i + n.len()] == *n)
    }

    #[test]
    fn find_matches_the_spec_in_every_representation() {
        let mut long = "abcab".repeat(20);
        long.push_str("xyzab");
        let hays: Vec<Vec<u16>> = vec![
            u(""),
            u("a"),
            u("abcab"),
            u(&long),
            u("ÿaÿbÿ"),
            vec![0xD800, 0x61, 0xDC00, 0xD800, 0x61],
            u("a😀b😀"),
        ];
        let needles: Vec<Vec<u16>> = vec![
            u(""),
            u("a"),
            u("ab"),
            u("cab"),
            u("xyzab"),
            u("ÿ"),
            vec![0xD800],
            vec![0xD800, 0x61],
            vec![0xDE00],
            u("😀"),
            vec![0x161],
        ];
        for h in &hays {
            for n in &needles {
                for hf in forms(h) {
                    for nf in forms(n) {
                        let (hv, nv) = (hf.view(), nf.view());
                        for from in 0..h.len() + 3 {
                            assert_eq!(
                                hv.find(nv, from),
                                naive_find(h, n, from),
                                "{h:?} {n:?} {from}"
                            );
                            let expected = if n.is_empty() {
                                Some(from.min(h.len()))
                            } else {
                                naive_rfind(h, n, from)
                            };
                            assert_eq!(hv.rfind(nv, from), expected, "{h:?} {n:?} {from}");
                            let at = from.min(h.len() + 1);
                            let starts = h.len() >= at + n.len() && h[at..at + n.len()] == **n;
                            assert_eq!(hv.starts_with_at(nv, at), starts);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn find_all_is_non_overlapping() {
        let h = Flat::from_rust("aaaa");
        let a = Flat::from_rust("aa");
        assert_eq!(h.view().find_all(a.view(), usize::MAX), vec![0, 2]);
        assert_eq!(h.view().find_all(a.view(), 1), vec![0]);
        let e = Flat::from_rust("");
        assert_eq!(h.view().find_all(e.view(), usize::MAX), vec![0, 1, 2, 3, 4]);
        let wide = Flat::Utf16(u("a,b,,c").into());
        let comma = Flat::from_rust(",");
        assert_eq!(wide.view().find_all(comma.view(), 10), vec![1, 3, 4]);
    }

    #[test]
    fn block_scans_agree_with_plain_scans() {
        let mut s: Vec<u8> = (0..200u32).map(|i| (i % 7) as u8 + b'a').collect();
        s[150] = b'z';
        s[40] = b'z';
        assert_eq!(position_of(&s, b'z'), Some(40));
        assert_eq!(rposition_of(&s, b'z'), Some(150));
        assert_eq!(position_of(&s[41..], b'z'), Some(109));
        assert_eq!(rposition_of(&s[..150], b'z'), Some(40));
        assert_eq!(position_of(&s, b'!'), None);
        assert_eq!(rposition_of(&s, b'!'), None);
        let w: Vec<u16> = (0..100).collect();
        assert_eq!(position_of(&w, 99), Some(99));
        assert_eq!(rposition_of(&w, 0), Some(0));
    }

    #[test]
    fn comparisons_across_representations() {
        let l = Flat::Latin1(b"ab\xff".to_vec().into());
        let w = Flat::Utf16(vec![0x61, 0x62, 0xFF].into());
        assert!(l.view().eq_view(w.view()) && w.view().eq_view(l.view()));
        assert_eq!(l.view().hash_units(), w.view().hash_units());
        let big = Flat::Utf16(vec![0x61, 0x100].into());
        assert_eq!(l.view().cmp_view(big.view()), std::cmp::Ordering::Less);
        assert_eq!(big.view().cmp_view(l.view()), std::cmp::Ordering::Greater);
        assert!(!l.view().eq_view(big.view()));
        assert!(w.view().contains_unit(0xFF) && !l.view().contains_unit(0x100));
    }

    #[test]
    fn trimming() {
        for f in forms(&u("\u{A0} a b\n\t")) {
            assert_eq!(f.view().trim_range(true, true), (2, 5));
            assert_eq!(f.view().trim_range(true, false), (2, 7));
            assert_eq!(f.view().trim_range(false, true), (0, 5));
        }
        let f = Flat::Utf16(vec![0xFEFF, 0x3000].into());
        assert_eq!(f.view().trim_range(true, true), (2, 2));
        assert_eq!(f.view().trim_range(false, true), (0, 0));
    }

    #[test]
    fn integer_text() {
        let mut buf = [0u8; 20];
        for n in [
            0i64,
            1,
            -1,
            10,
            123456789012345,
            -999999999999999,
            i64::MIN + 1,
        ] {
            assert_eq!(integer_digits(n, &mut buf), n.to_string().as_bytes());
        }
        let mut b = StrBuilder::new();
        b.push_integer(-42);
        assert_eq!(b.view().to_units(), u("-42"));
    }

    #[test]
    fn builder_stays_latin1_until_it_must_widen() {
        let mut b = StrBuilder::new();
        b.push_str("ab");
        b.push_unit(0xE9);
        b.push_view(Flat::Utf16(vec![0x63].into()).view());
        assert_eq!(b.clone().finish(), Flat::Latin1(b"ab\xe9c".to_vec().into()));
        b.push_unit(0xD800);
        b.push_str("é😀");
        b.push_view(Flat::Latin1(b"!".to_vec().into()).view());
        let mut want = u("ab\u{E9}c");
        want.push(0xD800);
        want.extend(u("é😀!"));
        assert_eq!(b.len(), want.len());
        assert_eq!(b.view().to_units(), want);
        b.truncate(2);
        assert_eq!(b.into_units(), u("ab"));
    }
}
