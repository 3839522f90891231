//! WeakMap (24.3), WeakSet (24.4), WeakRef (26.1) and FinalizationRegistry
//! (26.2), with CanBeHeldWeakly (9.13).
//!
//! WeakMap/WeakSet entries live in `object::weak::WeakTable`, whose
//! ephemeron semantics the collector implements. A WeakRef's target is
//! cleared by the collector once unreachable; creating a WeakRef and
//! `deref` keep the target alive until the end of the current job
//! (AddToKeptObjects through `Vm::kept_alive`).
//!
//! A FinalizationRegistry holds its targets and unregister tokens weakly
//! through a hidden WeakSet (`liveness`) containing every target and token
//! it has seen: the collector drops the entries of dead keys, so a cell
//! whose target is missing from that set has a dead target. `reconcile`
//! moves such cells' held values to `pending` (and forgets dead tokens)
//! before every operation that could insert a key, so a handle reused by a
//! new object is never confused with the dead one. Cleanup callbacks run
//! only from `cleanupSome`; the host never schedules cleanup jobs (the spec
//! allows callbacks never to run).
//!
//! Invariant: `liveness` contains every target and every token of the
//! registry's live cells (after `reconcile`).

use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::heap::Tracer;
use crate::object::kind::ObjectKind;
use crate::object::weak::{WeakKey, WeakTable};
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::support::{
    define_to_string_tag, intrinsics, kind, kind_mut, link_constructor, new_object_with_kind,
};

/// One registration of a FinalizationRegistry ([[Cells]] record).
pub struct FinalizationCell {
    /// [[WeakRefTarget]] (held weakly: not traced).
    pub target: WeakKey,
    /// [[HeldValue]] (held strongly).
    pub held: Value,
    /// [[UnregisterToken]] (held weakly: not traced).
    pub token: Option<WeakKey>,
}

/// A FinalizationRegistry's internal slots.
pub struct FinalizationRegistryData {
    /// [[CleanupCallback]].
    pub cleanup: Value,
    pub cells: Vec<FinalizationCell>,
    /// A hidden WeakSet holding every live target and token.
    pub liveness: ObjId,
    /// Held values of cells whose target died, waiting for a cleanup call.
    pub pending: Vec<Value>,
}

impl FinalizationRegistryData {
    pub fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.cleanup);
        t.mark_object(self.liveness);
        for c in &self.cells {
            t.mark_value(c.held);
        }
        for v in &self.pending {
            t.mark_value(*v);
        }
    }
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let ins = intrinsics(vm, realm).clone();
        let install = super::class_support::install_constructor;

        // WeakMap
        let ctor = install(vm, realm, "WeakMap", 0, weak_map_constructor, |i, c| {
            i.weak_map = c
        });
        link_constructor(vm, ctor, ins.weak_map_prototype);
        let methods: &[(&str, u32, NativeFn)] = &[
            ("delete", 1, weak_map_delete),
            ("get", 1, weak_map_get),
            ("getOrInsert", 2, weak_map_get_or_insert),
            ("getOrInsertComputed", 2, weak_map_get_or_insert_computed),
            ("has", 1, weak_map_has),
            ("set", 2, weak_map_set),
        ];
        for &(name, len, f) in methods {
            vm.define_method(ins.weak_map_prototype, name, len, f);
        }
        define_to_string_tag(vm, ins.weak_map_prototype, "WeakMap");

        // WeakSet
        let ctor = install(vm, realm, "WeakSet", 0, weak_set_constructor, |i, c| {
            i.weak_set = c
        });
        link_constructor(vm, ctor, ins.weak_set_prototype);
        let methods: &[(&str, u32, NativeFn)] = &[
            ("add", 1, weak_set_add),
            ("delete", 1, weak_set_delete),
            ("has", 1, weak_set_has),
        ];
        for &(name, len, f) in methods {
            vm.define_method(ins.weak_set_prototype, name, len, f);
        }
        define_to_string_tag(vm, ins.weak_set_prototype, "WeakSet");

        // WeakRef
        let ctor = install(vm, realm, "WeakRef", 1, weak_ref_constructor, |i, c| {
            i.weak_ref = c
        });
        link_constructor(vm, ctor, ins.weak_ref_prototype);
        vm.define_method(ins.weak_ref_prototype, "deref", 0, weak_ref_deref);
        define_to_string_tag(vm, ins.weak_ref_prototype, "WeakRef");

        // FinalizationRegistry
        let ctor = install(
            vm,
            realm,
            "FinalizationRegistry",
            1,
            finalization_registry_constructor,
            |i, c| i.finalization_registry = c,
        );
        let proto = ins.finalization_registry_prototype;
        link_constructor(vm, ctor, proto);
        let methods: &[(&str, u32, NativeFn)] = &[
            ("cleanupSome", 0, finalization_registry_cleanup_some),
            ("register", 2, finalization_registry_register),
            ("unregister", 1, finalization_registry_unregister),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
        define_to_string_tag(vm, proto, "FinalizationRegistry");
    });
}

/// CanBeHeldWeakly(v) (9.13): objects and symbols not in the global
/// symbol registry.
pub fn can_be_held_weakly(vm: &Vm, v: Value) -> Option<WeakKey> {
    match v {
        Value::Object(o) => Some(WeakKey::Object(o)),
        Value::Symbol(s) if !vm.heap.symbol(s).registered => Some(WeakKey::Symbol(s)),
        _ => None,
    }
}

fn incompatible(class: &str, method: &str) -> JsError {
    JsError::type_error(format!(
        "{class}.prototype.{method} called on an incompatible receiver"
    ))
}

// ---- WeakMap ----

fn weak_map_table<'a>(vm: &'a mut Vm, this: Value, method: &str) -> JsResult<&'a mut WeakTable> {
    let Some(o) = this.as_object() else {
        return Err(incompatible("WeakMap", method));
    };
    match kind_mut(vm, o) {
        ObjectKind::WeakMap(t) => Ok(t),
        _ => Err(incompatible("WeakMap", method)),
    }
}

/// WeakMap ( [ iterable ] ) (24.3.1.1).
fn weak_map_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error("Constructor WeakMap requires 'new'"));
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.weak_map_prototype)?;
    let map = new_object_with_kind(vm, Some(proto), ObjectKind::WeakMap(WeakTable::new()));
    vm.push_root(Value::Object(map));
    let iterable = args.arg(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(map));
    }
    let adder = vm.get_prop(map, PropertyKey::Atom(crate::atom::atoms::SET))?;
    if !vm.is_callable(adder) {
        return Err(JsError::type_error(
            "'set' returned for WeakMap is not callable",
        ));
    }
    vm.push_root(adder);
    super::map::add_entries_from_iterable(vm, map, iterable, adder)?;
    Ok(Value::Object(map))
}

/// WeakMap.prototype.delete ( key ) (24.3.3.2).
fn weak_map_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_map_table(vm, args.this, "delete")?;
    Ok(Value::Boolean(key.is_some_and(|k| t.delete(k))))
}

/// WeakMap.prototype.get ( key ) (24.3.3.3).
fn weak_map_get(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_map_table(vm, args.this, "get")?;
    Ok(key.and_then(|k| t.get(k)).unwrap_or(Value::Undefined))
}

/// WeakMap.prototype.getOrInsert ( key, value ) (proposal-upsert).
fn weak_map_get_or_insert(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_map_table(vm, args.this, "getOrInsert")?;
    let Some(k) = key else {
        return Err(JsError::type_error("Invalid value used as weak map key"));
    };
    if let Some(v) = t.get(k) {
        return Ok(v);
    }
    t.set(k, args.arg(1));
    Ok(args.arg(1))
}

/// WeakMap.prototype.getOrInsertComputed ( key, callbackfn ) (proposal-upsert).
fn weak_map_get_or_insert_computed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    weak_map_table(vm, args.this, "getOrInsertComputed")?;
    let callback = args.arg(1);
    if !vm.is_callable(callback) {
        return Err(JsError::type_error(
            "WeakMap.prototype.getOrInsertComputed: callback is not a function",
        ));
    }
    let Some(k) = can_be_held_weakly(vm, args.arg(0)) else {
        return Err(JsError::type_error("Invalid value used as weak map key"));
    };
    if let Some(v) = weak_map_table(vm, args.this, "getOrInsertComputed")?.get(k) {
        return Ok(v);
    }
    let value = vm.call(callback, Value::Undefined, &[args.arg(0)])?;
    weak_map_table(vm, args.this, "getOrInsertComputed")?.set(k, value);
    Ok(value)
}

/// WeakMap.prototype.has ( key ) (24.3.3.4).
fn weak_map_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_map_table(vm, args.this, "has")?;
    Ok(Value::Boolean(key.is_some_and(|k| t.has(k))))
}

/// WeakMap.prototype.set ( key, value ) (24.3.3.5).
fn weak_map_set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_map_table(vm, args.this, "set")?;
    let Some(k) = key else {
        return Err(JsError::type_error("Invalid value used as weak map key"));
    };
    t.set(k, args.arg(1));
    Ok(args.this)
}

// ---- WeakSet ----

fn weak_set_table<'a>(vm: &'a mut Vm, this: Value, method: &str) -> JsResult<&'a mut WeakTable> {
    let Some(o) = this.as_object() else {
        return Err(incompatible("WeakSet", method));
    };
    match kind_mut(vm, o) {
        ObjectKind::WeakSet(t) => Ok(t),
        _ => Err(incompatible("WeakSet", method)),
    }
}

/// WeakSet ( [ iterable ] ) (24.4.1.1).
fn weak_set_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error("Constructor WeakSet requires 'new'"));
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.weak_set_prototype)?;
    let set = new_object_with_kind(vm, Some(proto), ObjectKind::WeakSet(WeakTable::new()));
    vm.push_root(Value::Object(set));
    let iterable = args.arg(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(set));
    }
    let adder = vm.get_prop(set, PropertyKey::Atom(crate::atom::atoms::ADD))?;
    if !vm.is_callable(adder) {
        return Err(JsError::type_error(
            "'add' returned for WeakSet is not callable",
        ));
    }
    vm.push_root(adder);
    let mut rec = vm.get_iterator(iterable)?;
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let item = super::support::Slot::new(vm, Value::Undefined);
    loop {
        let Some(next) = vm.iterator_step_value(&mut rec)? else {
            return Ok(Value::Object(set));
        };
        item.set(vm, next);
        if let Err(e) = vm.call(adder, Value::Object(set), &[next]) {
            return vm.iterator_close(&rec, Err(e));
        }
    }
}

/// WeakSet.prototype.add ( value ) (24.4.3.1).
fn weak_set_add(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_set_table(vm, args.this, "add")?;
    let Some(k) = key else {
        return Err(JsError::type_error("Invalid value used in weak set"));
    };
    t.set(k, Value::Undefined);
    Ok(args.this)
}

/// WeakSet.prototype.delete ( value ) (24.4.3.3).
fn weak_set_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_set_table(vm, args.this, "delete")?;
    Ok(Value::Boolean(key.is_some_and(|k| t.delete(k))))
}

/// WeakSet.prototype.has ( value ) (24.4.3.4).
fn weak_set_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = can_be_held_weakly(vm, args.arg(0));
    let t = weak_set_table(vm, args.this, "has")?;
    Ok(Value::Boolean(key.is_some_and(|k| t.has(k))))
}

// ---- WeakRef ----

/// WeakRef ( target ) (26.1.1.1).
fn weak_ref_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error("Constructor WeakRef requires 'new'"));
    };
    let Some(target) = can_be_held_weakly(vm, args.arg(0)) else {
        return Err(JsError::type_error("WeakRef: invalid target"));
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.weak_ref_prototype)?;
    vm.kept_alive.push(target.to_value());
    let r = new_object_with_kind(vm, Some(proto), ObjectKind::WeakRef(Some(target)));
    Ok(Value::Object(r))
}

/// WeakRef.prototype.deref ( ) (26.1.3.2).
fn weak_ref_deref(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let target = match args.this.as_object().map(|o| kind(vm, o)) {
        Some(ObjectKind::WeakRef(t)) => *t,
        _ => return Err(incompatible("WeakRef", "deref")),
    };
    match target {
        Some(k) => {
            vm.kept_alive.push(k.to_value());
            Ok(k.to_value())
        }
        None => Ok(Value::Undefined),
    }
}

// ---- FinalizationRegistry ----

fn registry(vm: &Vm, this: Value, method: &str) -> JsResult<ObjId> {
    match this.as_object() {
        Some(o) if matches!(kind(vm, o), ObjectKind::FinalizationRegistry(_)) => Ok(o),
        _ => Err(incompatible("FinalizationRegistry", method)),
    }
}

/// FinalizationRegistry ( cleanupCallback ) (26.2.1.1).
fn finalization_registry_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error(
            "Constructor FinalizationRegistry requires 'new'",
        ));
    };
    let cleanup = args.arg(0);
    if !vm.is_callable(cleanup) {
        return Err(JsError::type_error(
            "FinalizationRegistry: cleanup must be callable",
        ));
    }
    let proto = vm.get_prototype_from_constructor(nt, |i| i.finalization_registry_prototype)?;
    let liveness = new_object_with_kind(vm, None, ObjectKind::WeakSet(WeakTable::new()));
    let fr = new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::FinalizationRegistry(Box::new(FinalizationRegistryData {
            cleanup,
            cells: Vec::new(),
            liveness,
            pending: Vec::new(),
        })),
    );
    Ok(Value::Object(fr))
}

/// Moves cells whose target died to `pending` and forgets dead tokens (see
/// the module doc).
fn reconcile(vm: &mut Vm, fr: ObjId) {
    let liveness = match kind(vm, fr) {
        ObjectKind::FinalizationRegistry(d) => d.liveness,
        _ => return,
    };
    let alive: Vec<(bool, bool)> = {
        let table = match kind(vm, liveness) {
            ObjectKind::WeakSet(t) => t,
            _ => return,
        };
        match kind(vm, fr) {
            ObjectKind::FinalizationRegistry(d) => d
                .cells
                .iter()
                .map(|c| (table.has(c.target), c.token.is_none_or(|t| table.has(t))))
                .collect(),
            _ => return,
        }
    };
    if let ObjectKind::FinalizationRegistry(d) = kind_mut(vm, fr) {
        let mut kept = Vec::with_capacity(d.cells.len());
        for (mut cell, (target_alive, token_alive)) in d.cells.drain(..).zip(alive) {
            if !target_alive {
                d.pending.push(cell.held);
                continue;
            }
            if !token_alive {
                cell.token = None;
            }
            kept.push(cell);
        }
        d.cells = kept;
    }
}

/// FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] )
/// (26.2.3.2).
fn finalization_registry_register(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let fr = registry(vm, args.this, "register")?;
    let target = args.arg(0);
    let held = args.arg(1);
    let token = args.arg(2);
    let Some(target_key) = can_be_held_weakly(vm, target) else {
        return Err(JsError::type_error(
            "FinalizationRegistry.prototype.register: invalid target",
        ));
    };
    if vm.same_value(target, held) {
        return Err(JsError::type_error(
            "FinalizationRegistry.prototype.register: target and holdings must not be same",
        ));
    }
    let token_key = match can_be_held_weakly(vm, token) {
        Some(k) => Some(k),
        None if token.is_undefined() => None,
        None => {
            return Err(JsError::type_error(
                "FinalizationRegistry.prototype.register: invalid unregister token",
            ))
        }
    };
    reconcile(vm, fr);
    let liveness = match kind_mut(vm, fr) {
        ObjectKind::FinalizationRegistry(d) => {
            d.cells.push(FinalizationCell {
                target: target_key,
                held,
                token: token_key,
            });
            d.liveness
        }
        _ => return Ok(Value::Undefined),
    };
    if let ObjectKind::WeakSet(t) = kind_mut(vm, liveness) {
        t.set(target_key, Value::Undefined);
        if let Some(k) = token_key {
            t.set(k, Value::Undefined);
        }
    }
    Ok(Value::Undefined)
}

/// FinalizationRegistry.prototype.unregister ( unregisterToken ) (26.2.3.3).
fn finalization_registry_unregister(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let fr = registry(vm, args.this, "unregister")?;
    let Some(token) = can_be_held_weakly(vm, args.arg(0)) else {
        return Err(JsError::type_error(
            "FinalizationRegistry.prototype.unregister: invalid unregister token",
        ));
    };
    reconcile(vm, fr);
    let mut removed = false;
    if let ObjectKind::FinalizationRegistry(d) = kind_mut(vm, fr) {
        let before = d.cells.len();
        d.cells.retain(|c| c.token != Some(token));
        removed = d.cells.len() != before;
    }
    Ok(Value::Boolean(removed))
}

/// FinalizationRegistry.prototype.cleanupSome ( [ callback ] ) (the
/// proposal's CleanupFinalizationRegistry): calls the callback (or the
/// registry's) with the held value of every cell whose target was
/// collected.
fn finalization_registry_cleanup_some(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let fr = registry(vm, args.this, "cleanupSome")?;
    let callback = args.arg(0);
    if !callback.is_undefined() && !vm.is_callable(callback) {
        return Err(JsError::type_error(
            "FinalizationRegistry.prototype.cleanupSome: callback must be callable",
        ));
    }
    reconcile(vm, fr);
    let callback = match kind(vm, fr) {
        ObjectKind::FinalizationRegistry(d) if callback.is_undefined() => d.cleanup,
        _ => callback,
    };
    loop {
        let held = match kind_mut(vm, fr) {
            ObjectKind::FinalizationRegistry(d) if !d.pending.is_empty() => d.pending.remove(0),
            _ => return Ok(Value::Undefined),
        };
        vm.push_root(held);
        vm.call(callback, Value::Undefined, &[held])?;
    }
}

#[cfg(test)]
mod tests {
    use super::super::class_test_support::{call, is_true, new, num, try_call, vm};
    use super::super::support::current;
    use super::*;

    #[test]
    fn weak_map_keys() {
        let mut vm = vm();
        let ctor = current(&vm).weak_map;
        let m = new(&mut vm, ctor, &[]);
        let k = Value::Object(vm.new_plain_object());
        call(&mut vm, m, "set", &[k, Value::Number(5.0)]);
        assert_eq!(num(call(&mut vm, m, "get", &[k])), 5.0);
        assert!(try_call(&mut vm, m, "set", &[Value::Number(1.0), Value::Number(1.0)]).is_err());
        let sym = Value::Symbol(vm.new_symbol(None));
        call(&mut vm, m, "set", &[sym, Value::Number(6.0)]);
        assert!(is_true(call(&mut vm, m, "has", &[sym])));
        assert!(!is_true(call(&mut vm, m, "delete", &[Value::Number(1.0)])));
    }

    #[test]
    fn weak_map_does_not_keep_keys_alive() {
        let mut vm = vm();
        let ctor = current(&vm).weak_map;
        let m = new(&mut vm, ctor, &[]);
        let slot = vm.add_persistent(m);
        let k = vm.new_plain_object();
        let v = vm.new_plain_object();
        call(&mut vm, m, "set", &[Value::Object(k), Value::Object(v)]);
        vm.collect_garbage();
        assert!(!vm.heap.is_live_object(k));
        assert!(!vm.heap.is_live_object(v));
        vm.release_persistent(slot);
    }

    #[test]
    fn finalization_registry_register_unregister() {
        let mut vm = vm();
        let ctor = current(&vm).finalization_registry;
        let name = vm.key("cb");
        let cb = Value::Object(vm.new_native_function(name, 1, |_, _| Ok(Value::Undefined), false));
        let fr = new(&mut vm, ctor, &[cb]);
        let target = Value::Object(vm.new_plain_object());
        let token = Value::Object(vm.new_plain_object());
        assert!(try_call(&mut vm, fr, "register", &[target, target]).is_err());
        assert!(try_call(&mut vm, fr, "register", &[Value::Number(1.0), target]).is_err());
        call(
            &mut vm,
            fr,
            "register",
            &[target, Value::Number(1.0), token],
        );
        assert!(is_true(call(&mut vm, fr, "unregister", &[token])));
        assert!(!is_true(call(&mut vm, fr, "unregister", &[token])));
        assert!(try_call(&mut vm, fr, "unregister", &[Value::Number(1.0)]).is_err());
    }
}
