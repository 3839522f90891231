//! Interned property-key strings ("atoms").
//!
//! Invariant: two atoms are equal iff their strings are equal; an atom never
//! holds a canonical array index (those are `PropertyKey::Index`). Atoms are
//! never freed (a later optimisation may collect them).
//! OWNER: engine-core helper (interner implementation); the well-known list
//! may be extended by anyone who needs a name (append only).

use hashbrown::HashTable;

use crate::string::{Flat, StrView};
use crate::value::StrId;

/// An interned string used as a property key or identifier name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(pub u32);

/// Declares well-known atoms as constants `atoms::NAME` with fixed indices,
/// interned first (in this order) by every `Atoms` table.
macro_rules! well_known_atoms {
    ($($name:ident = $text:literal,)*) => {
        /// Well-known atoms, usable as constants.
        pub mod atoms {
            use super::Atom;
            well_known_atoms!(@consts 0u32; $($name,)*);
        }
        /// The texts of the well-known atoms, in index order.
        pub const WELL_KNOWN_ATOM_TEXTS: &[&str] = &[$($text,)*];
    };
    (@consts $i:expr; $name:ident, $($rest:ident,)*) => {
        pub const $name: Atom = Atom($i);
        well_known_atoms!(@consts $i + 1u32; $($rest,)*);
    };
    (@consts $i:expr;) => {};
}

well_known_atoms! {
    EMPTY = "",
    LENGTH = "length",
    PROTOTYPE = "prototype",
    CONSTRUCTOR = "constructor",
    NAME = "name",
    MESSAGE = "message",
    STACK = "stack",
    CAUSE = "cause",
    ERRORS = "errors",
    VALUE = "value",
    DONE = "done",
    NEXT = "next",
    RETURN = "return",
    THROW = "throw",
    GET = "get",
    SET = "set",
    WRITABLE = "writable",
    ENUMERABLE = "enumerable",
    CONFIGURABLE = "configurable",
    TO_STRING = "toString",
    VALUE_OF = "valueOf",
    TO_JSON = "toJSON",
    CALLEE = "callee",
    CALLER = "caller",
    ARGUMENTS = "arguments",
    UNDEFINED = "undefined",
    NULL = "null",
    TRUE = "true",
    FALSE = "false",
    THEN = "then",
    INDEX = "index",
    INPUT = "input",
    GROUPS = "groups",
    INDICES = "indices",
    LAST_INDEX = "lastIndex",
    FLAGS = "flags",
    SOURCE = "source",
    PROTO = "__proto__",
    RAW = "raw",
    JOIN = "join",
    EXEC = "exec",
    DEFAULT = "default",
    ANONYMOUS = "anonymous",
    OBJECT = "object",
    FUNCTION = "function",
    NUMBER = "number",
    STRING = "string",
    BOOLEAN = "boolean",
    SYMBOL = "symbol",
    BIGINT = "bigint",
    NAN = "NaN",
    INFINITY = "Infinity",
    GLOBAL_THIS = "globalThis",
    HAS = "has",
    ADD = "add",
    SIZE = "size",
    KEYS = "keys",
    VALUES = "values",
    ENTRIES = "entries",
    RESOLVE = "resolve",
    REJECT = "reject",
    EVAL = "eval",
}

/// The interner: a hashbrown table of indices into `texts`, hashed over
/// UTF-16 code units so Latin-1 and UTF-16 spellings of a text meet.
/// OWNER: engine-core helper.
pub struct Atoms {
    texts: Vec<Flat>,
    table: HashTable<u32>,
    /// A heap string for each atom, created on demand (`Vm::atom_string`);
    /// these are GC roots (atoms are never freed).
    pub(crate) strings: Vec<Option<StrId>>,
}

impl Atoms {
    /// A table holding the well-known atoms at their fixed indices.
    pub fn new() -> Atoms {
        let mut a = Atoms {
            texts: Vec::new(),
            table: HashTable::new(),
            strings: Vec::new(),
        };
        for t in WELL_KNOWN_ATOM_TEXTS {
            a.intern_view(Flat::from_rust(t).view());
        }
        a
    }
    /// Interns `v`. The caller must have checked that `v` is not a canonical
    /// array index (see `StrView::as_array_index`); `Vm::key` does.
    pub fn intern_view(&mut self, v: StrView<'_>) -> Atom {
        let h = v.hash_units();
        let texts = &self.texts;
        if let Some(&i) = self.table.find(h, |&i| texts[i as usize].view().eq_view(v)) {
            return Atom(i);
        }
        let i = self.texts.len() as u32;
        self.texts.push(v.to_flat());
        self.strings.push(None);
        let texts = &self.texts;
        self.table
            .insert_unique(h, i, |&j| texts[j as usize].view().hash_units());
        Atom(i)
    }
    pub fn intern_str(&mut self, s: &str) -> Atom {
        self.intern_view(Flat::from_rust(s).view())
    }
    /// The atom for `v` if it was interned before.
    pub fn lookup(&self, v: StrView<'_>) -> Option<Atom> {
        let h = v.hash_units();
        self.table
            .find(h, |&i| self.texts[i as usize].view().eq_view(v))
            .map(|&i| Atom(i))
    }
    /// The text of an atom.
    pub fn view(&self, a: Atom) -> StrView<'_> {
        match self.texts.get(a.0 as usize) {
            Some(f) => f.view(),
            None => StrView::Latin1(&[]),
        }
    }
    pub fn to_rust(&self, a: Atom) -> String {
        self.view(a).to_rust_lossy()
    }
    pub fn len(&self) -> usize {
        self.texts.len()
    }
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_atoms_have_fixed_indices() {
        let mut a = Atoms::new();
        assert_eq!(a.intern_str("length"), atoms::LENGTH);
        assert_eq!(a.intern_str("eval"), atoms::EVAL);
        assert_eq!(a.to_rust(atoms::PROTOTYPE), "prototype");
    }

    #[test]
    fn latin1_and_utf16_spellings_meet() {
        let mut a = Atoms::new();
        let x = a.intern_str("caf\u{e9}");
        let units: Vec<u16> = "caf\u{e9}".encode_utf16().collect();
        let y = a.intern_view(StrView::Utf16(&units));
        assert_eq!(x, y);
        let z = a.intern_str("\u{3c0}");
        assert_ne!(x, z);
        assert_eq!(a.to_rust(z), "\u{3c0}");
    }
}
