//! Heap string storage: immutable strings with UTF-16 semantics in a
//! Latin-1 / UTF-16 dual representation, plus ropes for cheap concatenation.
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
            _ => self.len() == other.len() && self.units().eq(other.units()),
        }
    }
    /// Code-unit order (IsLessThan on strings).
    pub fn cmp_view(self, other: StrView<'_>) -> std::cmp::Ordering {
        match (self, other) {
            (StrView::Latin1(a), StrView::Latin1(b)) => a.cmp(b),
            (StrView::Utf16(a), StrView::Utf16(b)) => a.cmp(b),
            _ => self.units().cmp(other.units()),
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
        let mut v: u64 = 0;
        for (i, u) in self.units().enumerate() {
            if !(b'0' as u16..=b'9' as u16).contains(&u) {
                return None;
            }
            if i == 0 && u == b'0' as u16 && n > 1 {
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
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for u in self.units() {
            h = (h ^ u as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^ (h >> 29)
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
