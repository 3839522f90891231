//! `ObjectKind`: what kind of object a heap object is (its internal slots
//! beyond the ordinary ones), and how the collector traces each kind.
//!
//! Other helpers may add variants (append only) together with their arm in
//! `trace`.
//!
//! Invariant: every handle stored inside a variant is reported to the tracer
//! by `trace`; a handle that is not reported may be collected while still in
//! use (a stress-mode GC run then panics with "use of collected object").

use crate::function::NativeFn;
use crate::heap::Tracer;
use crate::object::weak::{WeakKey, WeakTable};
use crate::value::{EnvId, ObjId, RealmId, StrId, SymId, Value};

/// The captured values of a built-in closure, in one allocation (none
/// for the many built-ins that capture nothing), so that a function object
/// stays small. Reads and writes go through the slice it derefs to.
#[derive(Default)]
pub struct NativeSlots(super::dense::DenseVec);

impl NativeSlots {
    pub fn new() -> NativeSlots {
        NativeSlots::default()
    }
    pub fn from_slice(values: &[Value]) -> NativeSlots {
        NativeSlots(super::dense::DenseVec::from_slice(values))
    }
}

impl std::ops::Deref for NativeSlots {
    type Target = [Value];
    #[inline]
    fn deref(&self) -> &[Value] {
        &self.0
    }
}

impl std::ops::DerefMut for NativeSlots {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Value] {
        &mut self.0
    }
}

/// A built-in (Rust) function object's data (ECMAScript 10.3).
pub struct NativeFunction {
    pub f: NativeFn,
    /// The realm the function was created in ([[Realm]]).
    pub realm: RealmId,
    /// Captured values (e.g. a promise's resolving functions' state), read
    /// with `Vm::native_slot`.
    pub slots: NativeSlots,
}

/// A bound function exotic object's data (ECMAScript 10.4.1).
pub struct BoundFunction {
    pub target: ObjId,
    pub this: Value,
    pub args: Box<[Value]>,
}

/// A proxy exotic object's data (ECMAScript 10.5). Both are `None` once the
/// proxy is revoked.
pub struct ProxyData {
    pub target: Option<ObjId>,
    pub handler: Option<ObjId>,
}

/// One mapped parameter of a mapped arguments object (10.4.4): index `i`
/// of the arguments object aliases slot `slot` of environment `env`. How a
/// slot is read and written is the interpreter's business (see
/// `object::arguments`).
#[derive(Clone, Copy, Debug)]
pub struct MappedArg {
    pub env: EnvId,
    pub slot: u32,
}

/// An arguments exotic object's data (10.4.4). Unmapped (strict) arguments
/// objects have an empty `map`.
pub struct ArgumentsData {
    /// `map[i]` is the [[ParameterMap]] entry for index `i` (None once the
    /// mapping was removed or for indices beyond the formals).
    pub map: Vec<Option<MappedArg>>,
}

/// What kind of object this is.
pub enum ObjectKind {
    /// An ordinary object.
    Ordinary,
    /// An Array exotic object (10.4.2). Its `length` is kept here, not in
    /// the shape.
    Array { length: u32, length_writable: bool },
    /// A built-in function object.
    Function(NativeFunction),
    /// A bound function exotic object.
    BoundFunction(Box<BoundFunction>),
    /// A function object created from bytecode (ECMAScript function object).
    Closure(crate::interp::closure::Closure),
    /// An object with [[ErrorData]].
    Error,
    /// Boolean wrapper ([[BooleanData]]).
    Boolean(bool),
    /// Number wrapper ([[NumberData]]).
    Number(f64),
    /// String exotic object ([[StringData]], 10.4.3).
    String(StrId),
    /// Symbol wrapper ([[SymbolData]]).
    Symbol(SymId),
    /// A Date ([[DateValue]], a time value or NaN).
    Date(f64),
    /// A proxy exotic object.
    Proxy(ProxyData),
    /// An arguments exotic object.
    Arguments(ArgumentsData),
    /// A WeakMap: entries are ephemerons (see `object::weak`).
    WeakMap(WeakTable),
    /// A WeakSet: a `WeakTable` whose values are all `undefined`.
    WeakSet(WeakTable),
    /// A WeakRef ([[WeakRefTarget]]); `None` once the target was collected.
    WeakRef(Option<WeakKey>),
    /// An Array Iterator (23.1.5.1); see `builtins::iterator`.
    ArrayIterator(crate::builtins::iterator::ArrayIteratorData),
    /// A String Iterator (22.1.5.1); see `builtins::iterator`.
    StringIterator(crate::builtins::iterator::StringIteratorData),
    /// A Map ([[MapData]]); see `builtins::map`.
    Map(Box<crate::builtins::ordered_table::OrderedTable>),
    /// A Set ([[SetData]]); see `builtins::set`.
    Set(Box<crate::builtins::ordered_table::OrderedTable>),
    /// A Map Iterator (24.1.5); see `builtins::map`.
    MapIterator(crate::builtins::ordered_table::TableIteratorData),
    /// A Set Iterator (24.2.6); see `builtins::set`.
    SetIterator(crate::builtins::ordered_table::TableIteratorData),
    /// A RegExp ([[RegExpMatcher]], [[OriginalSource]], [[OriginalFlags]]).
    RegExp(Box<crate::builtins::regexp::RegExpData>),
    /// A RegExp String Iterator (22.2.9).
    RegExpStringIterator(Box<crate::builtins::regexp::RegExpStringIteratorData>),
    /// A FinalizationRegistry (26.2); see `builtins::weak`.
    FinalizationRegistry(Box<crate::builtins::weak::FinalizationRegistryData>),
    /// A for-in enumeration in progress (never visible to JS); see
    /// `interp::ops_iter`.
    ForInIterator(Box<crate::interp::ForInIterator>),
    /// An object made by `JSON.rawJSON` ([[IsRawJSON]]); see `builtins::json`.
    RawJson,
    /// A generator, async function or async generator activation; see
    /// `interp::coroutine`. (Boxed: inline it would make every object pay
    /// for its size.)
    Coroutine(Box<crate::interp::coroutine::Coroutine>),
    /// An Async-from-Sync Iterator ([[SyncIteratorRecord]]); see
    /// `builtins::async_from_sync`.
    AsyncFromSyncIterator { iterator: ObjId, next: Value },
    /// An Iterator Helper (27.1.2.1); see `builtins::iterator_helpers`.
    IteratorHelper(Box<crate::builtins::iterator_helpers::IteratorHelperData>),
    /// A %WrapForValidIteratorPrototype% object ([[Iterated]]); see
    /// `builtins::iterator`.
    WrapForValidIterator(crate::builtins::iterator::WrapForValidIteratorData),
    /// A promise ([[PromiseState]], [[PromiseResult]], reactions); see
    /// `builtins::promise`.
    Promise(crate::builtins::promise::PromiseData),
    /// An ArrayBuffer or SharedArrayBuffer ([[ArrayBufferData]],
    /// [[ArrayBufferMaxByteLength]]); see `builtins::array_buffer`.
    ArrayBuffer(Box<crate::builtins::array_buffer::ArrayBufferData>),
    /// A TypedArray, an integer-indexed exotic object (10.4.5)
    /// ([[ViewedArrayBuffer]], [[TypedArrayName]], [[ByteOffset]],
    /// [[ArrayLength]]); see `builtins::typed_array`.
    TypedArray(Box<crate::builtins::typed_array::TypedArrayData>),
    /// A DataView ([[DataView]], [[ViewedArrayBuffer]], [[ByteOffset]],
    /// [[ByteLength]]); see `builtins::data_view`.
    DataView(Box<crate::builtins::data_view::DataViewData>),
    /// BigInt wrapper ([[BigIntData]]); see `builtins::bigint`.
    BigInt(crate::value::BigIntValue),
    /// A module record, which is also its module namespace exotic object
    /// (10.4.6), or a deferred namespace object; see `module`.
    Module(Box<crate::module::ModuleObject>),
}

impl ObjectKind {
    /// Reports every handle this kind holds (except weak ones).
    pub fn trace(&self, t: &mut Tracer) {
        match self {
            ObjectKind::Ordinary
            | ObjectKind::Array { .. }
            | ObjectKind::Error
            | ObjectKind::Boolean(_)
            | ObjectKind::Number(_)
            | ObjectKind::Date(_) => {}
            ObjectKind::Function(f) => {
                for v in f.slots.iter() {
                    t.mark_value(*v);
                }
            }
            ObjectKind::BoundFunction(b) => {
                t.mark_object(b.target);
                t.mark_value(b.this);
                for v in b.args.iter() {
                    t.mark_value(*v);
                }
            }
            ObjectKind::Closure(c) => crate::heap::trace_closure(c, t),
            ObjectKind::String(s) => t.mark_string(*s),
            ObjectKind::Symbol(s) => t.mark_symbol(*s),
            ObjectKind::Proxy(p) => {
                if let Some(o) = p.target {
                    t.mark_object(o);
                }
                if let Some(o) = p.handler {
                    t.mark_object(o);
                }
            }
            ObjectKind::Arguments(a) => {
                for m in a.map.iter().flatten() {
                    t.mark_env(m.env);
                }
            }
            ObjectKind::WeakMap(w) | ObjectKind::WeakSet(w) => w.trace(t),
            // The target is held weakly; the collector clears it.
            ObjectKind::WeakRef(_) => t.note_weak_ref(),
            ObjectKind::ArrayIterator(it) => it.trace(t),
            ObjectKind::StringIterator(it) => it.trace(t),
            ObjectKind::Map(m) | ObjectKind::Set(m) => m.trace(t),
            ObjectKind::MapIterator(it) | ObjectKind::SetIterator(it) => it.trace(t),
            ObjectKind::RegExp(r) => r.trace(t),
            ObjectKind::RegExpStringIterator(it) => it.trace(t),
            ObjectKind::FinalizationRegistry(f) => f.trace(t),
            ObjectKind::ForInIterator(it) => it.trace(t),
            ObjectKind::RawJson => {}
            ObjectKind::Coroutine(c) => c.trace(t),
            ObjectKind::AsyncFromSyncIterator { iterator, next } => {
                crate::builtins::async_from_sync::trace_record(*iterator, *next, t)
            }
            ObjectKind::IteratorHelper(h) => h.trace(t),
            ObjectKind::WrapForValidIterator(w) => w.trace(t),
            ObjectKind::Promise(p) => p.trace(t),
            // Buffers hold bytes only.
            ObjectKind::ArrayBuffer(_) => {}
            ObjectKind::TypedArray(ta) => t.mark_object(ta.buffer),
            ObjectKind::DataView(dv) => t.mark_object(dv.buffer),
            ObjectKind::BigInt(b) => t.mark_value(Value::BigInt(*b)),
            ObjectKind::Module(m) => m.trace(t),
        }
    }

    /// True for the kinds that have a [[Call]] internal method (a proxy is
    /// callable iff its target was; see `Object::flags`).
    pub fn is_function_kind(&self) -> bool {
        matches!(
            self,
            ObjectKind::Function(_) | ObjectKind::BoundFunction(_) | ObjectKind::Closure(_)
        )
    }
}
