//! The `Iterator` constructor (27.1.3.1) with `Iterator.from` and
//! %WrapForValidIteratorPrototype% (27.1.3.2.1.1), %Iterator.prototype%
//! (27.1.4) with its `@@iterator`, `@@dispose`, and the `constructor` /
//! `@@toStringTag` accessor pairs, %ArrayIteratorPrototype% (23.1.5) and
//! %StringIteratorPrototype% (22.1.5), plus the iterator objects' internal
//! state (`ObjectKind::ArrayIterator`/`StringIterator`/`WrapForValidIterator`).
//! The iterator helper methods live in `iterator_helpers` (lazy ones) and
//! `iterator_consumers` (eager ones).
//!
//! Invariant: an exhausted iterator drops its iterated object/string (set to
//! `None`), so every later `next()` returns `{ value: undefined, done: true }`
//! without touching it again, as the spec's generator-based definitions do.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::heap::Tracer;
use crate::object::kind::ObjectKind;
use crate::ops::IteratorRecord;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, StrId, Value};
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

/// The state of a %WrapForValidIteratorPrototype% object (what
/// `Iterator.from` returns for an iterator that does not inherit from
/// %Iterator.prototype%).
pub struct WrapForValidIteratorData {
    /// [[Iterated]].
    pub iterated: IteratorRecord,
}

impl WrapForValidIteratorData {
    pub fn trace(&self, t: &mut Tracer) {
        t.mark_object(self.iterated.iterator);
        t.mark_value(self.iterated.next_method);
    }
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let ins = intrinsics(vm, realm);
        let iter_proto = ins.iterator_prototype;
        let array_iter_proto = ins.array_iterator_prototype;
        let string_iter_proto = ins.string_iterator_prototype;
        let wrap_proto = ins.wrap_for_valid_iterator_prototype;
        init_iterator_constructor(vm, realm, iter_proto);
        let sym = vm.symbols.iterator;
        vm.define_method_sym(iter_proto, sym, 0, iterator_prototype_iterator);
        let dispose = vm.symbols.dispose;
        vm.define_method_sym(iter_proto, dispose, 0, iterator_prototype_dispose);
        vm.define_method(wrap_proto, "next", 0, wrap_for_valid_iterator_next);
        vm.define_method(wrap_proto, "return", 0, wrap_for_valid_iterator_return);
        vm.define_method(array_iter_proto, "next", 0, array_iterator_next);
        define_to_string_tag(vm, array_iter_proto, "Array Iterator");
        vm.define_method(string_iter_proto, "next", 0, string_iterator_next);
        define_to_string_tag(vm, string_iter_proto, "String Iterator");
    });
}

/// Installs `Iterator` (replacing the realm's placeholder), `Iterator.from`,
/// `Iterator.prototype` and the `constructor` / `@@toStringTag` accessors.
fn init_iterator_constructor(vm: &mut Vm, realm: RealmId, iter_proto: ObjId) {
    let ctor = super::class_support::install_constructor(
        vm,
        realm,
        "Iterator",
        0,
        iterator_constructor,
        |i, c| i.iterator = c,
    );
    vm.define_value(
        ctor,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(iter_proto),
        Attrs::NONE,
    );
    vm.define_method(ctor, "from", 1, iterator_from);
    vm.define_accessor(
        iter_proto,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Some(iterator_prototype_get_constructor),
        Some(iterator_prototype_set_constructor),
        Attrs::CONFIGURABLE_ONLY,
    );
    let tag = vm.symbols.to_string_tag;
    vm.define_accessor(
        iter_proto,
        PropertyKey::Symbol(tag),
        Some(iterator_prototype_get_to_string_tag),
        Some(iterator_prototype_set_to_string_tag),
        Attrs::CONFIGURABLE_ONLY,
    );
}

/// Iterator ( ) (27.1.3.1.1): an abstract class, constructible only
/// through a subclass.
fn iterator_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error("Constructor Iterator requires 'new'"));
    };
    if nt == args.callee {
        return Err(JsError::type_error(
            "Abstract class Iterator not directly constructable",
        ));
    }
    let proto = vm.get_prototype_from_constructor(nt, |i| i.iterator_prototype)?;
    Ok(Value::Object(new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::Ordinary,
    )))
}

/// How GetIteratorFlattenable treats a primitive argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrimitiveHandling {
    /// Strings are iterated (`Iterator.from`).
    IterateStrings,
    /// Every primitive is a TypeError (`flatMap`).
    Reject,
}

/// GetIteratorDirect(obj) (7.4.2): reads `next` once, without checking it.
pub fn get_iterator_direct(vm: &mut Vm, obj: ObjId) -> JsResult<IteratorRecord> {
    let next_method = vm.get_prop(obj, PropertyKey::Atom(atoms::NEXT))?;
    Ok(IteratorRecord {
        iterator: obj,
        next_method,
        done: false,
    })
}

/// GetIteratorFlattenable(obj, primitiveHandling) (7.4.5). The returned
/// record is not rooted: store or root it before running JavaScript.
pub fn get_iterator_flattenable(
    vm: &mut Vm,
    obj: Value,
    handling: PrimitiveHandling,
) -> JsResult<IteratorRecord> {
    if !obj.is_object() {
        let iterable_string =
            handling == PrimitiveHandling::IterateStrings && obj.as_string().is_some();
        if !iterable_string {
            return Err(JsError::type_error(format!(
                "{} is not an iterator or iterable",
                vm.display_value(obj)
            )));
        }
    }
    let sym = vm.symbols.iterator;
    let iterator = match vm.get_method(obj, PropertyKey::Symbol(sym))? {
        None => obj,
        Some(method) => vm.call(method, obj, &[])?,
    };
    let Value::Object(io) = iterator else {
        return Err(JsError::type_error(format!(
            "{} is not an iterator object",
            vm.display_value(iterator)
        )));
    };
    let base = vm.roots_len();
    vm.push_root(iterator);
    let rec = get_iterator_direct(vm, io);
    vm.truncate_roots(base);
    rec
}

/// Iterator.from ( O ) (27.1.3.2.1).
fn iterator_from(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rec = get_iterator_flattenable(vm, args.arg(0), PrimitiveHandling::IterateStrings)?;
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let ctor = Value::Object(current(vm).iterator);
    if vm.ordinary_has_instance(ctor, Value::Object(rec.iterator))? {
        return Ok(Value::Object(rec.iterator));
    }
    let proto = current(vm).wrap_for_valid_iterator_prototype;
    let wrapper = new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::WrapForValidIterator(WrapForValidIteratorData { iterated: rec }),
    );
    Ok(Value::Object(wrapper))
}

/// RequireInternalSlot(O, [[Iterated]]): the wrapped record.
fn this_wrapper(vm: &Vm, this: Value, method: &str) -> JsResult<IteratorRecord> {
    if let Some(o) = this.as_object() {
        if let ObjectKind::WrapForValidIterator(d) = kind(vm, o) {
            return Ok(d.iterated);
        }
    }
    Err(JsError::type_error(format!(
        "%WrapForValidIteratorPrototype%.{method} called on an incompatible receiver"
    )))
}

/// %WrapForValidIteratorPrototype%.next ( ) (27.1.3.2.1.1.1).
fn wrap_for_valid_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rec = this_wrapper(vm, args.this, "next")?;
    vm.call(rec.next_method, Value::Object(rec.iterator), &[])
}

/// %WrapForValidIteratorPrototype%.return ( ) (27.1.3.2.1.1.2).
fn wrap_for_valid_iterator_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rec = this_wrapper(vm, args.this, "return")?;
    let it = Value::Object(rec.iterator);
    match vm.get_method(it, PropertyKey::Atom(atoms::RETURN))? {
        None => Ok(Value::Object(vm.create_iter_result(Value::Undefined, true))),
        Some(ret) => vm.call(ret, it, &[]),
    }
}

/// %Iterator.prototype% [ @@iterator ] ( ) (27.1.4.13): returns the this
/// value.
fn iterator_prototype_iterator(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this)
}

/// %Iterator.prototype% [ @@dispose ] ( ) (explicit resource management):
/// calls `this.return()` when there is one.
fn iterator_prototype_dispose(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = args.this;
    if let Some(ret) = vm.get_method(o, PropertyKey::Atom(atoms::RETURN))? {
        vm.call(ret, o, &[])?;
    }
    Ok(Value::Undefined)
}

/// get %Iterator.prototype%.constructor (27.1.4.1.1).
fn iterator_prototype_get_constructor(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Object(current(vm).iterator))
}

/// set %Iterator.prototype%.constructor (27.1.4.1.2).
fn iterator_prototype_set_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let home = current(vm).iterator_prototype;
    let key = PropertyKey::Atom(atoms::CONSTRUCTOR);
    setter_that_ignores_prototype_properties(vm, args.this, home, key, args.arg(0))?;
    Ok(Value::Undefined)
}

/// get %Iterator.prototype% [ @@toStringTag ] (27.1.4.14.1).
fn iterator_prototype_get_to_string_tag(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::String(vm.new_string("Iterator")))
}

/// set %Iterator.prototype% [ @@toStringTag ] (27.1.4.14.2).
fn iterator_prototype_set_to_string_tag(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let home = current(vm).iterator_prototype;
    let key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    setter_that_ignores_prototype_properties(vm, args.this, home, key, args.arg(0))?;
    Ok(Value::Undefined)
}

/// SetterThatIgnoresPrototypeProperties ( thisValue, home, p, v ) (7.3.37):
/// assigning through an object that inherits the accessor defines an own
/// data property instead of changing `home`.
fn setter_that_ignores_prototype_properties(
    vm: &mut Vm,
    this: Value,
    home: ObjId,
    p: PropertyKey,
    v: Value,
) -> JsResult<()> {
    let Some(o) = this.as_object() else {
        return Err(JsError::type_error(format!(
            "Cannot set property '{}' on {}",
            vm.key_display(p),
            vm.display_value(this)
        )));
    };
    if o == home {
        return Err(JsError::type_error(format!(
            "Cannot assign to read only property '{}' of object",
            vm.key_display(p)
        )));
    }
    if vm.get_own_property(o, p)?.is_none() {
        vm.create_data_property_or_throw(o, p, v)
    } else {
        vm.set_prop(o, p, v, true)
    }
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
pub(crate) fn array_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
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
    let len = match crate::builtins::typed_array::iteration_length(vm, array) {
        Some(len) => len?,
        None => vm.length_of_array_like(array)? as u64,
    };
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
