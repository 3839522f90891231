//! The `Value` type and the handles it carries.
//!
//! Invariant: `Value` is `Copy` and at most 16 bytes. Everything that lives in
//! the garbage-collected heap (objects, strings, symbols, BigInts of 2^64 or
//! more) is reached through a
//! handle (an index into one of the heap's arenas); a handle is only valid
//! while the thing it names is reachable from a root (see `docs/gc.md`).

use crate::atom::Atom;

/// Handle of a heap object (ordinary, exotic, function, ...): the index of
/// its arena slot, never 0 (the object arena leaves slot 0 unused), so an
/// `Option<ObjId>` (an object's prototype) takes 4 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjId(std::num::NonZeroU32);

impl ObjId {
    /// The handle of arena slot `index` (not 0).
    #[inline(always)]
    pub fn from_index(index: u32) -> ObjId {
        match std::num::NonZeroU32::new(index) {
            Some(i) => ObjId(i),
            None => panic!("object slot 0 is never allocated"),
        }
    }
    /// The arena slot index.
    #[inline(always)]
    pub fn index(self) -> u32 {
        self.0.get()
    }
    /// A handle that names no object, for arrays filled before use.
    pub const PLACEHOLDER: ObjId = ObjId(std::num::NonZeroU32::MAX);
}

/// Handle of a heap string (immutable, UTF-16 semantics).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StrId(pub u32);

/// Handle of a symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymId(pub u32);

/// Handle of a heap environment record (declarative, object or global).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnvId(pub u32);

/// Handle of a realm (its intrinsics, global object and global environment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RealmId(pub u32);

/// Handle of a heap BigInt: one whose magnitude does not fit in 64 bits
/// (smaller ones are inline, see `BigIntValue`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BigId(pub u32);

/// A BigInt value (ECMAScript 6.1.6.2): magnitudes below 2^64 inline, larger
/// ones as an immutable heap BigInt (see `bigint`).
///
/// Invariant (canonical form): zero is `Pos(0)`, never `Neg(0)`; `Heap`
/// holds only values whose magnitude is at least 2^64. So a BigInt has
/// exactly one representation, and two inline values are equal exactly when
/// their fields are; an inline value never equals a heap one. (The derived
/// `==` compares representations, so two heap handles of equal values
/// differ: compare values with `bigint::equals`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BigIntValue {
    /// A non-negative value below 2^64.
    Pos(u64),
    /// The negation of a magnitude in 1 ..= 2^64 - 1.
    Neg(u64),
    /// A value of magnitude 2^64 or more.
    Heap(BigId),
}

/// An ECMAScript language value.
#[derive(Clone, Copy, Debug)]
pub enum Value {
    Undefined,
    Null,
    Boolean(bool),
    Number(f64),
    String(StrId),
    Symbol(SymId),
    Object(ObjId),
    /// A BigInt (inline when small, else a heap handle).
    BigInt(BigIntValue),
    /// Internal marker for an uninitialized binding (TDZ) or an array hole.
    /// Never observable by JavaScript code; never stored in a property.
    Uninit,
}

const _: () = assert!(std::mem::size_of::<Value>() <= 16);

impl Value {
    pub const fn number(n: f64) -> Value {
        Value::Number(n)
    }
    pub fn is_undefined(self) -> bool {
        matches!(self, Value::Undefined)
    }
    pub fn is_null(self) -> bool {
        matches!(self, Value::Null)
    }
    /// `undefined` or `null`.
    pub fn is_nullish(self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }
    pub fn is_object(self) -> bool {
        matches!(self, Value::Object(_))
    }
    pub fn as_object(self) -> Option<ObjId> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_number(self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_string(self) -> Option<StrId> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_symbol(self) -> Option<SymId> {
        match self {
            Value::Symbol(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bigint(self) -> Option<BigIntValue> {
        match self {
            Value::BigInt(b) => Some(b),
            _ => None,
        }
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Boolean(b)
    }
}
impl From<ObjId> for Value {
    fn from(o: ObjId) -> Value {
        Value::Object(o)
    }
}
impl From<StrId> for Value {
    fn from(s: StrId) -> Value {
        Value::String(s)
    }
}
impl From<SymId> for Value {
    fn from(s: SymId) -> Value {
        Value::Symbol(s)
    }
}
impl From<BigIntValue> for Value {
    fn from(b: BigIntValue) -> Value {
        Value::BigInt(b)
    }
}

/// A property key: array indices are their own fast path; other strings are
/// interned atoms; symbols are their own keys.
///
/// Invariant: a string that is a canonical array index ("0" ..= "4294967294")
/// is always `Index`, never `Atom`, so equal keys compare equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PropertyKey {
    Index(u32),
    Atom(Atom),
    Symbol(SymId),
}

impl From<Atom> for PropertyKey {
    fn from(a: Atom) -> PropertyKey {
        PropertyKey::Atom(a)
    }
}
impl From<SymId> for PropertyKey {
    fn from(s: SymId) -> PropertyKey {
        PropertyKey::Symbol(s)
    }
}
