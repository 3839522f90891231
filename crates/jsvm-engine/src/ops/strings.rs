//! Strings, atoms, property keys and symbols: creation, conversion and
//! concatenation.

use crate::atom::Atom;
use crate::heap::Symbol;
use crate::string::{Flat, JsString, Repr, StrBuilder, StrView};
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
            StrView::Latin1([]) | StrView::Utf16([]) => self.empty_string,
            StrView::Latin1([b]) => self.unit_strings[*b as usize],
            StrView::Utf16([u]) if *u < 256 => self.unit_strings[*u as usize],
            _ => self.heap.alloc_string(JsString::flat(v.to_flat())),
        }
    }
    /// A string with body `f` (the shared empty and one-unit strings when
    /// they fit).
    pub fn new_string_flat(&mut self, f: Flat) -> StrId {
        match f.view() {
            StrView::Latin1([]) | StrView::Utf16([]) => self.empty_string,
            StrView::Latin1([b]) => self.unit_strings[*b as usize],
            StrView::Utf16([u]) if *u < 256 => self.unit_strings[*u as usize],
            _ => self.heap.alloc_string(JsString::flat(f)),
        }
    }
    /// The string a builder holds.
    pub fn new_string_built(&mut self, b: StrBuilder) -> StrId {
        self.new_string_flat(b.finish())
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
        let v = self.heap.str(s).slice(start, end);
        match v {
            StrView::Latin1([]) | StrView::Utf16([]) => self.empty_string,
            StrView::Latin1([b]) => self.unit_strings[*b as usize],
            StrView::Utf16([u]) if *u < 256 => self.unit_strings[*u as usize],
            _ => {
                let flat = v.to_flat();
                self.heap.alloc_string(JsString::flat(flat))
            }
        }
    }
    /// `a + b` for strings: short results are copied, long ones become a
    /// rope (flattened on first read), so repeated `s += x` is linear.
    pub fn concat_strings(&mut self, a: StrId, b: StrId) -> StrId {
        let (x, y) = (self.heap.string(a), self.heap.string(b));
        let (la, lb) = (x.len(), y.len());
        if la == 0 {
            return b;
        }
        if lb == 0 {
            return a;
        }
        let total = la + lb;
        let depth = x.rope_depth().max(y.rope_depth()) + 1;
        if total >= ROPE_MIN && depth <= ROPE_MAX_DEPTH {
            return self
                .heap
                .alloc_string(JsString::rope(a, b, total as u32, depth));
        }
        let flat = match (&x.repr, &y.repr) {
            (Repr::Flat(Flat::Latin1(p)), Repr::Flat(Flat::Latin1(q))) => {
                let mut v = Vec::with_capacity(total);
                v.extend_from_slice(p);
                v.extend_from_slice(q);
                Flat::Latin1(v.into())
            }
            // A rope too deep to extend (or a mix of representations):
            // copied leaf by leaf, without flattening the operands.
            _ => {
                let mut out = StrBuilder::with_capacity(total);
                self.push_string(&mut out, a);
                self.push_string(&mut out, b);
                out.finish()
            }
        };
        self.heap.alloc_string(JsString::flat(flat))
    }
    /// Appends the contents of `s` to `out`. A rope that was never read is
    /// walked leaf by leaf instead of being flattened (a temporary such as
    /// a joined part is then copied once, not twice).
    pub fn push_string(&self, out: &mut StrBuilder, s: StrId) {
        let mut stack = match &self.heap.string(s).repr {
            Repr::Flat(f) => return out.push_view(f.view()),
            Repr::Rope(r) => match r.flat.get() {
                Some(f) => return out.push_view(f.view()),
                None => vec![r.right, r.left],
            },
        };
        while let Some(x) = stack.pop() {
            match &self.heap.string(x).repr {
                Repr::Flat(f) => out.push_view(f.view()),
                Repr::Rope(r) => match r.flat.get() {
                    Some(f) => out.push_view(f.view()),
                    None => {
                        stack.push(r.right);
                        stack.push(r.left);
                    }
                },
            }
        }
    }
    /// The maximum string length (in code units).
    pub const MAX_STRING_LENGTH: usize = (1 << 30) - 25;

    /// The UTF-16 code units of a string (copied). Prefer borrowing
    /// `self.heap.str(s)` (a `StrView`) where the copy is not needed, or
    /// `with_units` for short strings.
    pub fn string_units(&self, s: StrId) -> Vec<u16> {
        self.heap.str(s).to_units()
    }
    /// Runs `f` on the code units of `s`: borrowed for UTF-16 strings,
    /// widened into a stack buffer for short Latin-1 ones, copied
    /// otherwise.
    pub fn with_units<R>(&self, s: StrId, f: impl FnOnce(&[u16]) -> R) -> R {
        const STACK: usize = 64;
        match self.heap.str(s) {
            StrView::Utf16(u) => f(u),
            StrView::Latin1(b) if b.len() <= STACK => {
                let mut buf = [0u16; STACK];
                for (d, &c) in buf.iter_mut().zip(b) {
                    *d = c as u16;
                }
                f(&buf[..b.len()])
            }
            v => f(&v.to_units()),
        }
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
    /// The property key text `v` converts to, without making a heap
    /// string (as `string_to_key` would give for a string with that text).
    pub fn key_from_view(&mut self, v: StrView<'_>) -> PropertyKey {
        match v.as_array_index() {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::Atom(self.atoms.intern_view(v)),
        }
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

#[cfg(test)]
mod tests {
    use crate::string::{StrBuilder, StrView};
    use crate::vm::{Vm, VmOptions};

    fn vm() -> Vm {
        Vm::new_with_interp(VmOptions::default(), crate::interp::InterpState::new())
    }

    #[test]
    fn ropes_are_appended_without_flattening() {
        let mut vm = vm();
        let a = vm.new_string(&"a".repeat(40));
        let b = vm.new_string(&"é".repeat(40));
        let c = vm.new_string_utf16(&[0x100; 30]);
        let ab = vm.concat_strings(a, b);
        let abc = vm.concat_strings(ab, c);
        let cab = vm.concat_strings(c, ab);
        let whole = vm.concat_strings(abc, cab);
        let mut out = StrBuilder::new();
        vm.push_string(&mut out, whole);
        let mut want = vm.heap.str(abc).to_units();
        want.extend(vm.heap.str(cab).to_units());
        assert_eq!(out.view().to_units(), want);
        // Reading `ab` caches its flat copy; `abc` is then walked through it.
        let _ = vm.heap.str(ab);
        let mut again = StrBuilder::new();
        vm.push_string(&mut again, abc);
        assert_eq!(again.view().len(), 110);
        let mut latin = StrBuilder::new();
        vm.push_string(&mut latin, ab);
        assert!(matches!(latin.view(), StrView::Latin1(_)));
    }

    #[test]
    fn short_and_shared_strings() {
        let mut vm = vm();
        let x = vm.new_string_view(StrView::Utf16(&[0x41]));
        assert_eq!(x, vm.unit_string(0x41));
        let e = vm.new_string_view(StrView::Latin1(&[]));
        assert_eq!(e, vm.empty_string());
        let s = vm.new_string("hello");
        assert_eq!(vm.substring(s, 1, 2), vm.unit_string(b'e' as u16));
        assert_eq!(vm.substring(s, 0, 9), s);
        let n = vm.new_string(" 12 ");
        assert_eq!(vm.string_to_number(n), 12.0);
        let n = vm.new_string("0x1F");
        assert_eq!(vm.string_to_number(n), 31.0);
        let n = vm.new_string("42");
        assert_eq!(vm.string_to_number(n), 42.0);
        assert_eq!(vm.with_units(n, |u| u.to_vec()), vec![0x34, 0x32]);
    }
}
