//! Iteration opcodes: stepping and closing iterator records kept in two
//! registers (iterator, `next` method), array spread, and for-in
//! enumeration (EnumerateObjectProperties, 14.7.5.9) through a
//! `ForInIterator` object.
//!
//! Invariant: an iterator result object is rooted while its `done` and
//! `value` getters may run; errors from `return()` during a throw
//! completion are swallowed (the original exception wins).

use hashbrown::HashSet;

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::heap::Tracer;
use crate::object::ObjectKind;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// The TypeError for an iterator result that is not an object.
pub(crate) fn not_an_iter_result(vm: &mut Vm, v: Value) -> JsError {
    JsError::type_error(format!(
        "Iterator result {} is not an object",
        vm.display_value(v)
    ))
}

/// `for await`'s step on an awaited result: TypeError unless an object;
/// None when done, else Some(IteratorValue).
pub(crate) fn unpack_iter_result(vm: &mut Vm, result: Value) -> JsResult<Option<Value>> {
    let Value::Object(r) = result else {
        return Err(not_an_iter_result(vm, result));
    };
    let done = vm.get(r, PropertyKey::Atom(atoms::DONE), result)?;
    if vm.to_boolean(done) {
        return Ok(None);
    }
    // `result` stays in its register (a root) while the getter runs.
    Ok(Some(vm.get(r, PropertyKey::Atom(atoms::VALUE), result)?))
}

/// IteratorStepValue over a register pair: Some(value) or None when done.
pub(crate) fn iterator_step(vm: &mut Vm, iter: Value, next: Value) -> JsResult<Option<Value>> {
    let result = vm.call(next, iter, &[])?;
    let Value::Object(r) = result else {
        return Err(JsError::type_error(format!(
            "Iterator result {} is not an object",
            vm.display_value(result)
        )));
    };
    let base = vm.roots_len();
    vm.push_root(result);
    let out = (|| {
        let done = vm.get(r, PropertyKey::Atom(atoms::DONE), result)?;
        if vm.to_boolean(done) {
            return Ok(None);
        }
        Ok(Some(vm.get(r, PropertyKey::Atom(atoms::VALUE), result)?))
    })();
    vm.truncate_roots(base);
    out
}

/// IteratorClose with a normal completion.
pub(crate) fn iterator_close(vm: &mut Vm, iter: Value) -> JsResult<()> {
    let Some(ret) = vm.get_method(iter, PropertyKey::Atom(atoms::RETURN))? else {
        return Ok(());
    };
    let r = vm.call(ret, iter, &[])?;
    if !r.is_object() {
        return Err(JsError::type_error(format!(
            "Iterator result {} is not an object",
            vm.display_value(r)
        )));
    }
    Ok(())
}

/// IteratorClose with a throw completion: everything `return()` does is
/// ignored (an uncatchable termination still propagates on its own at the
/// next safepoint).
pub(crate) fn iterator_close_for_throw(vm: &mut Vm, iter: Value) {
    if let Ok(Some(ret)) = vm.get_method(iter, PropertyKey::Atom(atoms::RETURN)) {
        let _ = vm.call(ret, iter, &[]);
    }
}

/// `[...iterable]` inside an array literal.
pub(crate) fn array_append_spread(vm: &mut Vm, arr: Value, iterable: Value) -> JsResult<()> {
    let mut rec = vm.get_iterator(iterable)?;
    let base = vm.roots_len();
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let r = (|| {
        while let Some(v) = vm.iterator_step_value(&mut rec)? {
            crate::interp::ops_property::array_push(vm, arr, v)?;
        }
        Ok(())
    })();
    vm.truncate_roots(base);
    r
}

/// The state of a for-in enumeration: the object of the prototype chain
/// being enumerated, its string keys (snapshot at the time it is reached),
/// and every key already produced or shadowing.
pub struct ForInIterator {
    object: Option<ObjId>,
    keys: Vec<PropertyKey>,
    pos: usize,
    loaded: bool,
    visited: HashSet<PropertyKey>,
}

impl ForInIterator {
    pub fn trace(&self, t: &mut Tracer) {
        if let Some(o) = self.object {
            t.mark_object(o);
        }
    }
}

/// `ForInEnumerate`: a new for-in iterator over ToObject(v) (nothing for
/// null and undefined).
pub(crate) fn for_in_enumerate(vm: &mut Vm, v: Value) -> JsResult<Value> {
    let object = if v.is_nullish() {
        None
    } else {
        Some(vm.to_object(v)?)
    };
    let it = vm.alloc_object(
        ObjectKind::ForInIterator(Box::new(ForInIterator {
            object,
            keys: Vec::new(),
            pos: 0,
            loaded: false,
            visited: HashSet::new(),
        })),
        None,
    );
    Ok(Value::Object(it))
}

fn state(vm: &mut Vm, it: ObjId) -> Option<&mut ForInIterator> {
    match &mut vm.heap.obj_mut(it).kind {
        ObjectKind::ForInIterator(s) => Some(s),
        _ => None,
    }
}

/// `ForInNext`: the next key as a String, or None when done. Keys deleted
/// before they are reached are skipped; keys of prototypes shadowed by an
/// already-visited key are not produced again.
pub(crate) fn for_in_next(vm: &mut Vm, iter: Value) -> JsResult<Option<Value>> {
    let Value::Object(it) = iter else {
        return Err(crate::interp::run::bad_code("ForInNext on a non-iterator"));
    };
    loop {
        let Some(s) = state(vm, it) else {
            return Err(crate::interp::run::bad_code("ForInNext on a non-iterator"));
        };
        let Some(obj) = s.object else {
            return Ok(None);
        };
        if !s.loaded {
            let keys = vm.own_property_keys(obj)?;
            let Some(s) = state(vm, it) else {
                return Ok(None);
            };
            s.keys = keys
                .into_iter()
                .filter(|k| !matches!(k, PropertyKey::Symbol(_)))
                .collect();
            s.pos = 0;
            s.loaded = true;
            continue;
        }
        if let Some(&key) = s.keys.get(s.pos) {
            s.pos += 1;
            if s.visited.contains(&key) {
                continue;
            }
            let desc = vm.get_own_property(obj, key)?;
            let Some(desc) = desc else {
                continue;
            };
            if let Some(s) = state(vm, it) {
                s.visited.insert(key);
            }
            if desc.enumerable == Some(true) {
                return Ok(Some(vm.key_to_value(key)));
            }
            continue;
        }
        let proto = vm.get_prototype_of(obj)?;
        if let Some(s) = state(vm, it) {
            s.object = proto;
            s.keys = Vec::new();
            s.loaded = false;
        }
    }
}
