//! Name resolution by name (ResolveBinding, 9.4.2, walking environment
//! records with HasBinding) and the reference operations on what it finds
//! (GetValue, PutValue, typeof, delete); the global environment record's
//! operations (9.1.1.4) used by global code, `GetGlobal`/`SetGlobal` and the
//! declaration instantiations.
//!
//! Invariant: every operation re-checks what the spec re-checks (an object
//! environment's binding can disappear between resolution and use), and
//! errors carry V8's messages ("x is not defined", "Cannot access 'x'
//! before initialization", "Assignment to constant variable.").

use jsvm_bytecode::BindingKind;

use crate::error::{JsError, JsResult};
use crate::interp::env::{DeclSlot, EnvKind, GlobalLexical};
use crate::property::PropertyDescriptor;
use crate::value::{EnvId, ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// Where ResolveBinding found a name.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Binding {
    /// A declarative environment's binding.
    Decl { env: EnvId, slot: DeclSlot },
    /// An object environment record (`with` when `with` is set).
    Object { obj: ObjId, with: bool },
    /// The global environment's declarative record.
    GlobalLexical { genv: EnvId },
    /// The global object (the global environment's object record).
    GlobalObject { obj: ObjId },
    /// Not found; `genv` is the global environment the walk ended in.
    Unresolvable { genv: EnvId },
}

pub(crate) fn not_defined(vm: &Vm, key: PropertyKey) -> JsError {
    JsError::reference_error(format!("{} is not defined", vm.key_display(key)))
}

pub(crate) fn tdz_error(vm: &Vm, key: PropertyKey) -> JsError {
    JsError::reference_error(format!(
        "Cannot access '{}' before initialization",
        vm.key_display(key)
    ))
}

pub(crate) fn const_error() -> JsError {
    JsError::type_error("Assignment to constant variable.")
}

/// ResolveBinding(name) from `env` outward. May run JS (HasProperty on
/// `with` objects and proxies, @@unscopables getters).
pub(crate) fn resolve(vm: &mut Vm, mut env: EnvId, key: PropertyKey) -> JsResult<Binding> {
    loop {
        enum Step {
            Found(Binding),
            Object(ObjId, bool),
            Global(ObjId),
            Next(Option<EnvId>),
        }
        let e = vm.heap.env(env);
        let step = match &e.kind {
            EnvKind::Declarative(d) => match key {
                PropertyKey::Atom(a) => match d.lookup(a) {
                    Some(slot) => Step::Found(Binding::Decl { env, slot }),
                    None => Step::Next(e.outer),
                },
                _ => Step::Next(e.outer),
            },
            EnvKind::Object { object, with } => Step::Object(*object, *with),
            EnvKind::Global(g) => {
                let lex = match key {
                    PropertyKey::Atom(a) => g.lexical_slot(a).is_some(),
                    _ => false,
                };
                if lex {
                    Step::Found(Binding::GlobalLexical { genv: env })
                } else {
                    Step::Global(g.object)
                }
            }
        };
        match step {
            Step::Found(b) => return Ok(b),
            Step::Next(Some(o)) => env = o,
            Step::Next(None) => return Ok(Binding::Unresolvable { genv: env }),
            Step::Object(obj, with) => {
                if object_has_binding(vm, obj, with, key)? {
                    return Ok(Binding::Object { obj, with });
                }
                match vm.heap.env(env).outer {
                    Some(o) => env = o,
                    None => return Ok(Binding::Unresolvable { genv: env }),
                }
            }
            Step::Global(obj) => {
                if vm.has_property(obj, key)? {
                    return Ok(Binding::GlobalObject { obj });
                }
                return Ok(Binding::Unresolvable { genv: env });
            }
        }
    }
}

/// Object Environment Record HasBinding (9.1.1.2.1), with @@unscopables for
/// `with` environments.
fn object_has_binding(vm: &mut Vm, obj: ObjId, with: bool, key: PropertyKey) -> JsResult<bool> {
    if !vm.has_property(obj, key)? {
        return Ok(false);
    }
    if !with {
        return Ok(true);
    }
    let us = vm.symbols.unscopables;
    let unscopables = vm.get(obj, PropertyKey::Symbol(us), Value::Object(obj))?;
    if let Value::Object(u) = unscopables {
        let base = vm.roots_len();
        vm.push_root(unscopables);
        let blocked = vm.get(u, key, unscopables);
        vm.truncate_roots(base);
        if vm.to_boolean(blocked?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// GetBindingValue on a resolved binding (GetValue of a reference).
pub(crate) fn get_binding_value(
    vm: &mut Vm,
    b: Binding,
    key: PropertyKey,
    strict: bool,
) -> JsResult<Value> {
    match b {
        Binding::Decl { env, slot } => {
            let v = match vm.heap.env(env).as_declarative() {
                Some(d) => d.read(slot),
                None => Value::Undefined,
            };
            if matches!(v, Value::Uninit) {
                return Err(tdz_error(vm, key));
            }
            Ok(v)
        }
        Binding::Object { obj, .. } | Binding::GlobalObject { obj, .. } => {
            if !vm.has_property(obj, key)? {
                if strict {
                    return Err(not_defined(vm, key));
                }
                return Ok(Value::Undefined);
            }
            vm.get(obj, key, Value::Object(obj))
        }
        Binding::GlobalLexical { genv } => {
            let v = global_lexical(vm, genv, key).map_or(Value::Undefined, |l| l.value);
            if matches!(v, Value::Uninit) {
                return Err(tdz_error(vm, key));
            }
            Ok(v)
        }
        Binding::Unresolvable { .. } => Err(not_defined(vm, key)),
    }
}

fn global_lexical(vm: &Vm, genv: EnvId, key: PropertyKey) -> Option<GlobalLexical> {
    let PropertyKey::Atom(a) = key else {
        return None;
    };
    vm.heap.env(genv).as_global()?.lexical(a).copied()
}

/// PutValue on a resolved binding (SetMutableBinding of its record).
pub(crate) fn put_binding_value(
    vm: &mut Vm,
    b: Binding,
    key: PropertyKey,
    v: Value,
    strict: bool,
) -> JsResult<()> {
    match b {
        Binding::Decl { env, slot } => {
            let (cur, kind) = match vm.heap.env(env).as_declarative() {
                Some(d) => (d.read(slot), d.kind(slot)),
                None => return Ok(()),
            };
            if matches!(cur, Value::Uninit) {
                return Err(tdz_error(vm, key));
            }
            match kind {
                BindingKind::Const => Err(const_error()),
                BindingKind::FunctionName => {
                    if strict {
                        Err(const_error())
                    } else {
                        Ok(())
                    }
                }
                _ => {
                    if let Some(d) = vm.heap.env_mut(env).as_declarative_mut() {
                        d.write(slot, v);
                    }
                    Ok(())
                }
            }
        }
        Binding::Object { obj, .. } | Binding::GlobalObject { obj, .. } => {
            let still = vm.has_property(obj, key)?;
            if !still && strict {
                return Err(not_defined(vm, key));
            }
            vm.set_prop(obj, key, v, strict)
        }
        Binding::GlobalLexical { genv } => set_global_lexical(vm, genv, key, v),
        Binding::Unresolvable { genv } => {
            if strict {
                return Err(not_defined(vm, key));
            }
            let g = global_object_of(vm, genv);
            vm.set_prop(g, key, v, false)
        }
    }
}

fn set_global_lexical(vm: &mut Vm, genv: EnvId, key: PropertyKey, v: Value) -> JsResult<()> {
    let Some(l) = global_lexical(vm, genv, key) else {
        return Ok(());
    };
    if matches!(l.value, Value::Uninit) {
        return Err(tdz_error(vm, key));
    }
    if l.is_const {
        return Err(const_error());
    }
    if let (PropertyKey::Atom(a), Some(g)) = (key, vm.heap.env_mut(genv).as_global_mut()) {
        if let Some(b) = g.lexical_mut(a) {
            b.value = v;
        }
    }
    Ok(())
}

pub(crate) fn global_object_of(vm: &Vm, genv: EnvId) -> ObjId {
    match vm.heap.env(genv).as_global() {
        Some(g) => g.object,
        None => vm.realm(vm.current_realm).global_object,
    }
}

/// `delete name` (13.5.1.2 with DeleteBinding of each record kind).
pub(crate) fn delete_binding(vm: &mut Vm, b: Binding, key: PropertyKey) -> JsResult<bool> {
    match b {
        Binding::Unresolvable { .. } => Ok(true),
        Binding::Decl { env, slot } => match slot {
            DeclSlot::Extra(i) => {
                if let Some(d) = vm.heap.env_mut(env).as_declarative_mut() {
                    if i < d.extra.len() {
                        d.extra.remove(i);
                    }
                }
                Ok(true)
            }
            DeclSlot::Static(_) => Ok(false),
        },
        Binding::Object { obj, .. } => vm.delete(obj, key),
        Binding::GlobalLexical { .. } => Ok(false),
        // Global DeleteBinding (9.1.1.4.7).
        Binding::GlobalObject { obj, .. } => vm.delete(obj, key),
    }
}

/// The global environment of the running code's realm.
#[inline]
pub(crate) fn current_global_env(vm: &Vm) -> EnvId {
    vm.realm(vm.current_realm).global_env
}

/// `GetGlobal` / `TypeofGlobal` without the inline cache: the global lexical
/// record, then the global object. `typeof_` makes an unresolvable name
/// undefined instead of a ReferenceError.
#[cold]
#[inline(never)]
pub(crate) fn get_global_slow(vm: &mut Vm, key: PropertyKey, typeof_: bool) -> JsResult<Value> {
    let genv = current_global_env(vm);
    if let Some(l) = global_lexical(vm, genv, key) {
        if matches!(l.value, Value::Uninit) {
            return Err(tdz_error(vm, key));
        }
        return Ok(l.value);
    }
    let g = global_object_of(vm, genv);
    if vm.has_property(g, key)? {
        return vm.get(g, key, Value::Object(g));
    }
    if typeof_ {
        Ok(Value::Undefined)
    } else {
        Err(not_defined(vm, key))
    }
}

/// `SetGlobal` without the inline cache.
#[cold]
#[inline(never)]
pub(crate) fn set_global_slow(
    vm: &mut Vm,
    key: PropertyKey,
    v: Value,
    strict: bool,
) -> JsResult<()> {
    let genv = current_global_env(vm);
    if global_lexical(vm, genv, key).is_some() {
        return set_global_lexical(vm, genv, key, v);
    }
    let g = global_object_of(vm, genv);
    let b = if vm.has_property(g, key)? {
        Binding::GlobalObject { obj: g }
    } else {
        Binding::Unresolvable { genv }
    };
    put_binding_value(vm, b, key, v, strict)
}

pub(crate) fn has_lexical_declaration(vm: &Vm, genv: EnvId, key: PropertyKey) -> bool {
    global_lexical(vm, genv, key).is_some()
}

/// HasRestrictedGlobalProperty(N).
pub(crate) fn has_restricted_global_property(
    vm: &mut Vm,
    genv: EnvId,
    key: PropertyKey,
) -> JsResult<bool> {
    let g = global_object_of(vm, genv);
    Ok(match vm.get_own_property(g, key)? {
        None => false,
        Some(d) => d.configurable != Some(true),
    })
}

/// CanDeclareGlobalVar(N).
pub(crate) fn can_declare_global_var(vm: &mut Vm, genv: EnvId, key: PropertyKey) -> JsResult<bool> {
    let g = global_object_of(vm, genv);
    if vm.has_own_property(g, key)? {
        return Ok(true);
    }
    vm.is_extensible(g)
}

/// CanDeclareGlobalFunction(N).
pub(crate) fn can_declare_global_function(
    vm: &mut Vm,
    genv: EnvId,
    key: PropertyKey,
) -> JsResult<bool> {
    let g = global_object_of(vm, genv);
    match vm.get_own_property(g, key)? {
        None => vm.is_extensible(g),
        Some(d) => Ok(d.configurable == Some(true)
            || (d.is_data() && d.writable == Some(true) && d.enumerable == Some(true))),
    }
}

/// CreateGlobalVarBinding(N, D).
pub(crate) fn create_global_var_binding(
    vm: &mut Vm,
    genv: EnvId,
    key: PropertyKey,
    deletable: bool,
) -> JsResult<()> {
    let g = global_object_of(vm, genv);
    let has = vm.has_own_property(g, key)?;
    let ext = vm.is_extensible(g)?;
    if !has && ext {
        vm.define_property_or_throw(
            g,
            key,
            PropertyDescriptor::data(Value::Undefined, true, true, deletable),
        )?;
        vm.set_prop(g, key, Value::Undefined, false)?;
    }
    Ok(())
}

/// CreateGlobalFunctionBinding(N, V, D).
pub(crate) fn create_global_function_binding(
    vm: &mut Vm,
    genv: EnvId,
    key: PropertyKey,
    v: Value,
    deletable: bool,
) -> JsResult<()> {
    let g = global_object_of(vm, genv);
    let existing = vm.get_own_property(g, key)?;
    let desc = match existing {
        None => PropertyDescriptor::data(v, true, true, deletable),
        Some(d) if d.configurable == Some(true) => {
            PropertyDescriptor::data(v, true, true, deletable)
        }
        Some(_) => PropertyDescriptor {
            value: Some(v),
            ..PropertyDescriptor::default()
        },
    };
    vm.define_property_or_throw(g, key, desc)?;
    vm.set_prop(g, key, v, false)?;
    Ok(())
}

/// Creates an uninitialized lexical binding in the global declarative record.
pub(crate) fn create_global_lexical(vm: &mut Vm, genv: EnvId, key: PropertyKey, is_const: bool) {
    if let (PropertyKey::Atom(a), Some(g)) = (key, vm.heap.env_mut(genv).as_global_mut()) {
        g.add_lexical(a, is_const);
        // It may shadow a global object property some cache entry holds.
        vm.interp.global_lexicals += 1;
    }
}

/// InitializeBinding of a global lexical binding.
pub(crate) fn init_global_lexical(vm: &mut Vm, key: PropertyKey, v: Value) {
    let genv = current_global_env(vm);
    if let (PropertyKey::Atom(a), Some(g)) = (key, vm.heap.env_mut(genv).as_global_mut()) {
        if let Some(b) = g.lexical_mut(a) {
            b.value = v;
        }
    }
}

/// The global this value of the current realm.
pub(crate) fn global_this(vm: &Vm) -> Value {
    realm_global_this(vm, vm.current_realm)
}

/// The global this value of `realm`: its global object (realms are made
/// with NewGlobalEnvironment(G, G), 9.1.2.5).
#[inline]
pub(crate) fn realm_global_this(vm: &Vm, realm: crate::value::RealmId) -> Value {
    Value::Object(vm.realm(realm).global_object)
}

/// `typeof` of a resolved name: unresolvable gives "undefined".
pub(crate) fn typeof_name(
    vm: &mut Vm,
    env: EnvId,
    key: PropertyKey,
    strict: bool,
) -> JsResult<Value> {
    let b = resolve(vm, env, key)?;
    let v = match b {
        Binding::Unresolvable { .. } => Value::Undefined,
        b => get_binding_value(vm, b, key, strict)?,
    };
    Ok(Value::String({
        let a = vm.type_of(v);
        vm.atom_string(a)
    }))
}
