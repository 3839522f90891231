//! Strings, atoms, property keys and symbols: creation, conversion and
//! concatenation.

use crate::atom::Atom;
use crate::heap::Symbol;
use crate::string::{Flat, JsString, StrView};
use crate::value::{PropertyKey, StrId, SymId, Value};
use crate::vm::Vm;

/// Concatenations shorter than this are copied flat; longer ones make a
/// rope.
const ROPE_MIN: usize = 64;
/// Ropes deeper than this are flattened when extended.
const ROPE_MAX_DEPTH: u32 = 4096;

impl Vm {
    pub fn new_string(&mut self, s: &str) -> StrId {
        if s.is_empty() {
            return self.empty_string;
        }
        self.heap.alloc_string(JsString::flat(Flat::from_rust(s)))
    }
    pub fn new_string_utf16(&mut self, units: &[u16]) -> StrId {
        match units {
            [] => self.empty_string,
            [u] if *u < 256 => self.unit_strings[*u as usize],
            _ => self
                .heap
                .alloc_string(JsString::flat(Flat::from_units(units))),
        }
    }
    /// A string from Latin-1 bytes (each byte one code unit).
    pub fn new_string_latin1(&mut self, bytes: &[u8]) -> StrId {
        if bytes.is_empty() {
            return self.empty_string;
        }
        self.heap
            .alloc_string(JsString::flat(Flat::Latin1(bytes.into())))
    }
    /// A string holding a copy of `v`.
    pub fn new_string_view(&mut self, v: StrView<'_>) -> StrId {
        match v {
            StrView::Latin1(b) => {
                let b = b.to_vec();
                self.new_string_latin1(&b)
            }
            StrView::Utf16(u) => {
                let u = u.to_vec();
                self.new_string_utf16(&u)
            }
        }
    }
    /// The one-unit string for code unit `u` (cached below 256).
    pub fn unit_string(&mut self, u: u16) -> StrId {
        match self.unit_strings.get(u as usize) {
            Some(&s) => s,
            None => self
                .heap
                .alloc_string(JsString::flat(Flat::Utf16(Box::new([u])))),
        }
    }
    /// The empty string.
    pub fn empty_string(&self) -> StrId {
        self.empty_string
    }
    /// The substring of units `start..end` (clamped).
    pub fn substring(&mut self, s: StrId, start: usize, end: usize) -> StrId {
        let len = self.heap.string(s).len();
        if start == 0 && end >= len {
            return s;
        }
        let flat = self.heap.str(s).slice(start, end).to_flat();
        match flat.view() {
            StrView::Latin1([]) | StrView::Utf16([]) => self.empty_string,
            StrView::Latin1([b]) => self.unit_strings[*b as usize],
            _ => self.heap.alloc_string(JsString::flat(flat)),
        }
    }
    /// `a + b` for strings: short results are copied, long ones become a
    /// rope (flattened on first read), so repeated `s += x` is linear.
    pub fn concat_strings(&mut self, a: StrId, b: StrId) -> StrId {
        let la = self.heap.string(a).len();
        let lb = self.heap.string(b).len();
        if la == 0 {
            return b;
        }
        if lb == 0 {
            return a;
        }
        let total = la + lb;
        let depth = self
            .heap
            .string(a)
            .rope_depth()
            .max(self.heap.string(b).rope_depth())
            + 1;
        if total < ROPE_MIN || depth > ROPE_MAX_DEPTH {
            let va = self.heap.str(a);
            let vb = self.heap.str(b);
            let flat = match (va, vb) {
                (StrView::Latin1(x), StrView::Latin1(y)) => {
                    let mut v = Vec::with_capacity(total);
                    v.extend_from_slice(x);
                    v.extend_from_slice(y);
                    Flat::Latin1(v.into())
                }
                _ => {
                    let mut v: Vec<u16> = Vec::with_capacity(total);
                    v.extend(va.units());
                    v.extend(vb.units());
                    Flat::Utf16(v.into())
                }
            };
            return self.heap.alloc_string(JsString::flat(flat));
        }
        self.heap
            .alloc_string(JsString::rope(a, b, total as u32, depth))
    }
    /// The maximum string length (in code units).
    pub const MAX_STRING_LENGTH: usize = (1 << 30) - 25;

    /// The UTF-16 code units of a string (copied).
    pub fn string_units(&self, s: StrId) -> Vec<u16> {
        self.heap.str(s).to_units()
    }
    /// Same as `string_units`.
    pub fn string_to_rust_units(&self, s: StrId) -> Vec<u16> {
        self.heap.str(s).to_units()
    }
    pub fn string_len(&self, s: StrId) -> usize {
        self.heap.string(s).len()
    }
    /// Lossy conversion for display (lone surrogates become U+FFFD).
    pub fn string_to_rust(&self, s: StrId) -> String {
        self.heap.str(s).to_rust_lossy()
    }
    /// Interns a Rust string as a property key (canonical indices -> Index).
    pub fn key(&mut self, s: &str) -> PropertyKey {
        let f = Flat::from_rust(s);
        let v = f.view();
        match v.as_array_index() {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::Atom(self.atoms.intern_view(v)),
        }
    }
    /// The property key a heap string converts to (cached on the string).
    pub fn string_to_key(&mut self, s: StrId) -> PropertyKey {
        if let Some(k) = self.heap.string(s).key_cache.get() {
            return k;
        }
        let v = self.heap.str(s);
        let k = match v.as_array_index() {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::Atom(self.atoms.intern_view(v)),
        };
        self.heap.string(s).key_cache.set(Some(k));
        k
    }
    pub fn intern(&mut self, s: &str) -> Atom {
        self.atoms.intern_str(s)
    }
    /// The (rooted, cached) heap string of an atom.
    pub fn atom_string(&mut self, a: Atom) -> StrId {
        if let Some(Some(s)) = self.atoms.strings.get(a.0 as usize) {
            return *s;
        }
        let f = self.atoms.view(a).to_flat();
        let s = self.heap.alloc_string(JsString::flat(f));
        self.heap
            .string(s)
            .key_cache
            .set(Some(PropertyKey::Atom(a)));
        if let Some(slot) = self.atoms.strings.get_mut(a.0 as usize) {
            *slot = Some(s);
        }
        s
    }
    /// A property key as a JS value (string or symbol), as
    /// [[OwnPropertyKeys]] results are exposed to JS.
    pub fn key_to_value(&mut self, key: PropertyKey) -> Value {
        match key {
            PropertyKey::Atom(a) => Value::String(self.atom_string(a)),
            PropertyKey::Symbol(s) => Value::Symbol(s),
            PropertyKey::Index(i) => {
                let s = self.number_to_str(i as f64);
                self.heap
                    .string(s)
                    .key_cache
                    .set(Some(PropertyKey::Index(i)));
                Value::String(s)
            }
        }
    }
    pub fn new_symbol(&mut self, description: Option<StrId>) -> SymId {
        self.heap.alloc_symbol(Symbol {
            description,
            registered: false,
        })
    }
    /// Symbol.for(key): the registered symbol for `key` (7.2 GlobalSymbolRegistry).
    pub fn symbol_for(&mut self, key: StrId) -> SymId {
        let units = self.heap.str(key).to_units();
        if let Some(&s) = self.symbol_registry.get(&units) {
            return s;
        }
        let s = self.heap.alloc_symbol(Symbol {
            description: Some(key),
            registered: true,
        });
        self.symbol_registry.insert(units, s);
        s
    }
    /// Symbol.keyFor(sym): the registry key, if registered.
    pub fn symbol_key_for(&self, s: SymId) -> Option<StrId> {
        let sym = self.heap.symbol(s);
        if sym.registered {
            sym.description
        } else {
            None
        }
    }
}
