//! What an embedder needs to display a value the way Node's `util.inspect`
//! does: the kind of object behind a handle (array, function, error, boxed
//! primitive, date, map, ...) without running any JavaScript.
//!
//! Invariant: nothing here calls into JS or allocates heap objects, so a
//! formatter can call it at any time.

use crate::builtins::iterator::IterKind;
use crate::builtins::ordered_table::table_of;
use crate::builtins::promise::PromiseState;
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

/// The display-relevant kind of an object.
#[derive(Clone, Debug)]
pub enum ObjectInfo {
    Ordinary,
    Array,
    /// Any callable; `class` is true for class constructors.
    Function {
        class: bool,
        flavor: FunctionFlavor,
    },
    Error,
    /// Boolean, Number, String, Symbol or BigInt wrapper object.
    Boxed(Value),
    /// A Date with its time value (NaN when invalid).
    Date(f64),
    /// A proxy, its target and handler (`None` once revoked).
    Proxy {
        target: Option<ObjId>,
        handler: Option<ObjId>,
    },
    Arguments,
    /// A Map's entries in insertion order.
    Map(Vec<(Value, Value)>),
    /// A Set's values in insertion order.
    Set(Vec<Value>),
    /// A RegExp's `/source/flags` text.
    RegExp(String),
    /// WeakMap, WeakSet or WeakRef (contents are not shown).
    Weak(&'static str),
    /// A promise: its state and [[PromiseResult]] (undefined while
    /// pending).
    Promise(PromiseState, Value),
    /// A Map Iterator or Set Iterator (`map` tells which) with the entries
    /// it has yet to produce, as V8's preview gives them: flat
    /// `[key, value, key, value, ...]` when `pairs` (entries iterators),
    /// else the keys or values.
    CollectionIterator {
        map: bool,
        pairs: bool,
        entries: Vec<Value>,
    },
    /// A TypedArray: its constructor name, current length and its first
    /// (at most 100) elements (Numbers, or BigInts for BigInt64Array and
    /// BigUint64Array).
    TypedArray {
        name: &'static str,
        length: usize,
        values: Vec<Value>,
    },
    /// An ArrayBuffer or SharedArrayBuffer: its first (at most 100) bytes
    /// and its byte length (`None` when detached).
    ArrayBuffer {
        shared: bool,
        bytes: Vec<u8>,
        byte_length: Option<usize>,
    },
    DataView,
    /// A module namespace object (`import * as ns`).
    ModuleNamespace,
    /// Kinds not listed above (shown like ordinary objects).
    Other,
}

/// How many elements or bytes of a typed array or buffer are described
/// (Node's `maxArrayLength`).
const PREVIEW_LIMIT: usize = 100;

/// What sort of function, for `[Function: f]` vs `[AsyncFunction: f]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionFlavor {
    Normal,
    Async,
    Generator,
    AsyncGenerator,
}

impl Vm {
    /// Describes the object `o` for display.
    pub fn inspect_info(&self, o: ObjId) -> ObjectInfo {
        match &self.heap.obj(o).kind {
            ObjectKind::Ordinary => ObjectInfo::Ordinary,
            ObjectKind::Array { .. } => ObjectInfo::Array,
            ObjectKind::Function(_) | ObjectKind::BoundFunction(_) => ObjectInfo::Function {
                class: false,
                flavor: FunctionFlavor::Normal,
            },
            ObjectKind::Closure(c) => closure_info(c),
            ObjectKind::Error => ObjectInfo::Error,
            ObjectKind::Boolean(b) => ObjectInfo::Boxed(Value::Boolean(*b)),
            ObjectKind::Number(n) => ObjectInfo::Boxed(Value::Number(*n)),
            ObjectKind::String(s) => ObjectInfo::Boxed(Value::String(*s)),
            ObjectKind::Symbol(s) => ObjectInfo::Boxed(Value::Symbol(*s)),
            ObjectKind::BigInt(b) => ObjectInfo::Boxed(Value::BigInt(*b)),
            ObjectKind::Date(t) => ObjectInfo::Date(*t),
            ObjectKind::Proxy(p) => ObjectInfo::Proxy {
                target: p.target,
                handler: p.handler,
            },
            ObjectKind::Arguments(_) => ObjectInfo::Arguments,
            ObjectKind::WeakMap(_) => ObjectInfo::Weak("WeakMap"),
            ObjectKind::WeakSet(_) => ObjectInfo::Weak("WeakSet"),
            ObjectKind::WeakRef(_) => ObjectInfo::Weak("WeakRef"),
            ObjectKind::Map(t) => ObjectInfo::Map(t.entries().collect()),
            ObjectKind::Set(t) => ObjectInfo::Set(t.entries().map(|(k, _)| k).collect()),
            ObjectKind::Promise(_) => match self.promise_state(o) {
                Some((state, result)) => ObjectInfo::Promise(state, result),
                None => ObjectInfo::Other,
            },
            ObjectKind::TypedArray(_) => match self.typed_array_info(o, PREVIEW_LIMIT) {
                Some(info) => ObjectInfo::TypedArray {
                    name: info.name,
                    length: info.length,
                    values: info.values,
                },
                None => ObjectInfo::Other,
            },
            ObjectKind::ArrayBuffer(b) => ObjectInfo::ArrayBuffer {
                shared: b.shared,
                bytes: b
                    .bytes
                    .as_deref()
                    .map(|v| v[..v.len().min(PREVIEW_LIMIT)].to_vec())
                    .unwrap_or_default(),
                byte_length: b.bytes.as_ref().map(Vec::len),
            },
            ObjectKind::DataView(_) => ObjectInfo::DataView,
            ObjectKind::MapIterator(it) => self.iterator_preview(true, it),
            ObjectKind::SetIterator(it) => self.iterator_preview(false, it),
            ObjectKind::RegExp(r) => {
                let text = |s: Option<crate::value::StrId>| {
                    s.map(|s| self.heap.str(s).to_rust_lossy())
                        .unwrap_or_default()
                };
                let source = text(r.source);
                let source = if source.is_empty() {
                    "(?:)".to_string()
                } else {
                    source
                };
                ObjectInfo::RegExp(format!("/{}/{}", source, text(r.flags)))
            }
            ObjectKind::Module(_) => ObjectInfo::ModuleNamespace,
            _ => ObjectInfo::Other,
        }
    }

    /// The entries a Map/Set iterator has yet to produce (V8's
    /// previewEntries): those of its collection at or after its cursor.
    fn iterator_preview(
        &self,
        map: bool,
        it: &crate::builtins::ordered_table::TableIteratorData,
    ) -> ObjectInfo {
        let pairs = it.kind == IterKind::Entries;
        let mut entries = Vec::new();
        if let Some((target, cursor)) = &it.target {
            if let Some(table) = table_of(self, *target) {
                let from = cursor.position();
                for (k, v) in table.entries() {
                    if table.find(&self.heap, k).is_some_and(|pos| pos < from) {
                        continue;
                    }
                    match (pairs, map, it.kind) {
                        (true, true, _) => entries.extend([k, v]),
                        (true, false, _) => entries.extend([k, k]),
                        (false, true, IterKind::Values) => entries.push(v),
                        (false, _, _) => entries.push(k),
                    }
                }
            }
        }
        ObjectInfo::CollectionIterator {
            map,
            pairs,
            entries,
        }
    }

    /// The description of a symbol, if it has one.
    pub fn symbol_description(&self, s: crate::value::SymId) -> Option<String> {
        self.heap
            .symbol(s)
            .description
            .map(|d| self.heap.str(d).to_rust_lossy())
    }
}

fn closure_info(c: &crate::interp::closure::Closure) -> ObjectInfo {
    let code = c.code();
    let flavor = match (code.is_async, code.generator) {
        (false, false) => FunctionFlavor::Normal,
        (true, false) => FunctionFlavor::Async,
        (false, true) => FunctionFlavor::Generator,
        (true, true) => FunctionFlavor::AsyncGenerator,
    };
    ObjectInfo::Function {
        class: c.is_class_constructor(),
        flavor,
    }
}
