//! %IteratorPrototype% (27.1.2) with its `@@iterator`, %ArrayIteratorPrototype%
//! (23.1.5) and %StringIteratorPrototype% (22.1.5), plus the iterator
//! objects' internal state (`ObjectKind::ArrayIterator`/`StringIterator`).
//!
//! Invariant: an exhausted iterator drops its iterated object/string (set to
//! `None`), so every later `next()` returns `{ value: undefined, done: true }`
//! without touching it again, as the spec's generator-based definitions do.

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::heap::Tracer;
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, RealmId, StrId, Value};
use crate::vm::Vm;

use super::support::{
    current, define_to_string_tag, index_key, intrinsics, kind, kind_mut, new_object_with_kind,
};

/// Which values an array iterator yields ([[ArrayLikeIterationKind]]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IterKind {
    Keys,
    Values,
    Entries,
}

/// The state of an Array Iterator object.
pub struct ArrayIteratorData {
    /// The iterated array-like; `None` once the iterator is exhausted.
    pub iterated: Option<ObjId>,
    /// The next index to visit.
    pub next_index: u64,
    pub kind: IterKind,
}

impl ArrayIteratorData {
    pub fn trace(&self, t: &mut Tracer) {
        if let Some(o) = self.iterated {
            t.mark_object(o);
        }
    }
}

/// The state of a String Iterator object.
pub struct StringIteratorData {
    /// The iterated string; `None` once the iterator is exhausted.
    pub string: Option<StrId>,
    /// The next code unit position.
    pub position: usize,
}

impl StringIteratorData {
    pub fn trace(&self, t: &mut Tracer) {
        if let Some(s) = self.string {
            t.mark_string(s);
        }
    }
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let ins = intrinsics(vm, realm);
        let iter_proto = ins.iterator_prototype;
        let array_iter_proto = ins.array_iterator_prototype;
        let string_iter_proto = ins.string_iterator_prototype;
        let sym = vm.symbols.iterator;
        vm.define_method_sym(iter_proto, sym, 0, iterator_prototype_iterator);
        vm.define_method(array_iter_proto, "next", 0, array_iterator_next);
        define_to_string_tag(vm, array_iter_proto, "Array Iterator");
        vm.define_method(string_iter_proto, "next", 0, string_iterator_next);
        define_to_string_tag(vm, string_iter_proto, "String Iterator");
    });
}

/// %IteratorPrototype% [ @@iterator ] (): returns the this value.
fn iterator_prototype_iterator(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this)
}

/// CreateArrayIterator(array, kind) (23.1.5.1) in the current realm.
pub fn create_array_iterator(vm: &mut Vm, array: ObjId, kind: IterKind) -> ObjId {
    let proto = current(vm).array_iterator_prototype;
    new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::ArrayIterator(ArrayIteratorData {
            iterated: Some(array),
            next_index: 0,
            kind,
        }),
    )
}

/// CreateStringIterator: the iterator `String.prototype[@@iterator]` returns.
pub fn create_string_iterator(vm: &mut Vm, s: StrId) -> ObjId {
    let proto = current(vm).string_iterator_prototype;
    new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::StringIterator(StringIteratorData {
            string: Some(s),
            position: 0,
        }),
    )
}

/// %ArrayIteratorPrototype%.next() (23.1.5.2.1).
fn array_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let this = args.this;
    let state = match this.as_object() {
        Some(o) => match kind(vm, o) {
            ObjectKind::ArrayIterator(d) => Some((o, d.iterated, d.next_index, d.kind)),
            _ => None,
        },
        None => None,
    };
    let Some((it, iterated, index, kind)) = state else {
        return Err(JsError::type_error(
            "Array Iterator.prototype.next called on an incompatible receiver",
        ));
    };
    let Some(array) = iterated else {
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    };
    let len = vm.length_of_array_like(array)? as u64;
    if index >= len {
        if let ObjectKind::ArrayIterator(d) = kind_mut(vm, it) {
            d.iterated = None;
        }
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    }
    if let ObjectKind::ArrayIterator(d) = kind_mut(vm, it) {
        d.next_index = index + 1;
    }
    let result = match kind {
        IterKind::Keys => Value::Number(index as f64),
        IterKind::Values => {
            let key = index_key(vm, index);
            vm.get_prop(array, key)?
        }
        IterKind::Entries => {
            let key = index_key(vm, index);
            let v = vm.get_prop(array, key)?;
            Value::Object(vm.new_array(&[Value::Number(index as f64), v]))
        }
    };
    Ok(Value::Object(vm.create_iter_result(result, false)))
}

/// %StringIteratorPrototype%.next() (22.1.5.1.1): yields code points.
fn string_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let this = args.this;
    let state = match this.as_object() {
        Some(o) => match kind(vm, o) {
            ObjectKind::StringIterator(d) => Some((o, d.string, d.position)),
            _ => None,
        },
        None => None,
    };
    let Some((it, string, pos)) = state else {
        return Err(JsError::type_error(
            "String Iterator.prototype.next called on an incompatible receiver",
        ));
    };
    let Some(s) = string else {
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    };
    let len = vm.string_len(s);
    if pos >= len {
        if let ObjectKind::StringIterator(d) = kind_mut(vm, it) {
            d.string = None;
        }
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    }
    let view = vm.heap.str(s);
    let first = view.get(pos).unwrap_or(0);
    let count = if (0xD800..0xDC00).contains(&first)
        && view
            .get(pos + 1)
            .is_some_and(|u| (0xDC00..0xE000).contains(&u))
    {
        2
    } else {
        1
    };
    if let ObjectKind::StringIterator(d) = kind_mut(vm, it) {
        d.position = pos + count;
    }
    let piece = if count == 1 {
        vm.unit_string(first)
    } else {
        vm.substring(s, pos, pos + 2)
    };
    Ok(Value::Object(
        vm.create_iter_result(Value::String(piece), false),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::support::testing::*;
    use crate::value::Value;

    #[test]
    fn string_iterator_yields_code_points() {
        let mut vm = vm();
        let units: Vec<u16> = vec![0x61, 0xD83D, 0xDE00, 0xD800, 0x62];
        let st = Value::String(vm.new_string_utf16(&units));
        let it = {
            let sym = vm.symbols.iterator;
            vm.invoke(st, crate::value::PropertyKey::Symbol(sym), &[])
                .unwrap()
        };
        let next = vm.key("next");
        let value = vm.key("value");
        let mut lens = Vec::new();
        for _ in 0..4 {
            let r = vm.invoke(it, next, &[]).unwrap();
            let v = vm.get_v(r, value).unwrap();
            lens.push(vm.string_len(v.as_string().unwrap()));
        }
        assert_eq!(lens, vec![1, 2, 1, 1]);
        let r = vm.invoke(it, next, &[]).unwrap();
        let done = vm.key("done");
        assert!(matches!(vm.get_v(r, done).unwrap(), Value::Boolean(true)));
        // %IteratorPrototype%[@@iterator] returns this.
        let sym = vm.symbols.iterator;
        let same = vm
            .invoke(it, crate::value::PropertyKey::Symbol(sym), &[])
            .unwrap();
        assert!(vm.same_value(same, it));
    }
}
