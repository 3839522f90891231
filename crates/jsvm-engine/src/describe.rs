//! What an embedder needs to display a value the way Node's `util.inspect`
//! does: the kind of object behind a handle (array, function, error, boxed
//! primitive, date, map, ...) without running any JavaScript.
//!
//! Invariant: nothing here calls into JS or allocates heap objects, so a
//! formatter can call it at any time.
//! OWNER: lead.

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
    /// Boolean, Number, String or Symbol wrapper object.
    Boxed(Value),
    /// A Date with its time value (NaN when invalid).
    Date(f64),
    /// A proxy and its target (`None` once revoked).
    Proxy {
        target: Option<ObjId>,
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
    /// Kinds not listed above (shown like ordinary objects).
    Other,
}

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
            ObjectKind::Date(t) => ObjectInfo::Date(*t),
            ObjectKind::Proxy(p) => ObjectInfo::Proxy { target: p.target },
            ObjectKind::Arguments(_) => ObjectInfo::Arguments,
            ObjectKind::WeakMap(_) => ObjectInfo::Weak("WeakMap"),
            ObjectKind::WeakSet(_) => ObjectInfo::Weak("WeakSet"),
            ObjectKind::WeakRef(_) => ObjectInfo::Weak("WeakRef"),
            ObjectKind::Map(t) => ObjectInfo::Map(t.entries().collect()),
            ObjectKind::Set(t) => ObjectInfo::Set(t.entries().map(|(k, _)| k).collect()),
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
            _ => ObjectInfo::Other,
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
