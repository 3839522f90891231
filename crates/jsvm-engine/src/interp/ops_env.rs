//! Environment opcodes that are not one-liners: CreatePerIterationEnvironment
//! (`CopyScope`), GlobalDeclarationInstantiation (16.1.7) and
//! EvalDeclarationInstantiation (19.2.1.3, with Annex B.3.2.2, B.3.2.3 and
//! B.3.4).
//!
//! Invariant: both instantiations perform every check before creating any
//! binding, so a failed check leaves the environments untouched.

use jsvm_bytecode::{BindingKind, Constant, Declarations, ScopeKind};

use crate::error::{JsError, JsResult};
use crate::interp::closure::create_closure;
use crate::interp::code::CodeUnit;
use crate::interp::env::{EnvKind, Environment};
use crate::interp::names::{self, tdz_error};
use crate::interp::run::bad_code;
use crate::value::{EnvId, PropertyKey, Value};
use crate::vm::Vm;

/// `CopyScope`: a new declarative environment with the same descriptor,
/// outer environment and binding values.
pub(crate) fn copy_scope(vm: &mut Vm, env: EnvId) -> JsResult<EnvId> {
    let e = vm.heap.env(env);
    let Some(d) = e.as_declarative() else {
        return Err(bad_code("CopyScope of a non-declarative environment"));
    };
    let copy = Environment {
        outer: e.outer,
        kind: EnvKind::Declarative(crate::interp::env::DeclEnv {
            scope: d.scope.clone(),
            slots: d.slots.clone(),
            extra: d.extra.clone(),
        }),
    };
    Ok(vm.heap.alloc_env(copy))
}

/// The TDZ ReferenceError for slot `slot` of `env`, named by its descriptor.
#[cold]
pub(crate) fn slot_tdz_error(vm: &Vm, env: EnvId, slot: u32) -> JsError {
    let name = vm
        .heap
        .env(env)
        .as_declarative()
        .map_or(crate::atom::atoms::EMPTY, |d| d.scope.name(slot));
    tdz_error(vm, PropertyKey::Atom(name))
}

fn declarations(unit: &CodeUnit, idx: u32) -> JsResult<&Declarations> {
    match unit.constant(idx) {
        Some(Constant::Declarations(d)) => Ok(d),
        _ => Err(bad_code("expected a Declarations constant")),
    }
}

fn redeclared(vm: &Vm, key: PropertyKey) -> JsError {
    JsError::syntax_error(format!(
        "Identifier '{}' has already been declared",
        vm.key_display(key)
    ))
}

fn set_flag_reg(vm: &mut Vm, at: usize, v: bool) {
    if let Some(s) = vm.interp.stack.get_mut(at) {
        *s = Value::Boolean(v);
    }
}

/// Instantiates function constant `idx` with environment `env` and roots it.
fn instantiate(vm: &mut Vm, unit: &CodeUnit, idx: u32, env: EnvId) -> JsResult<Value> {
    let Some(child) = unit.child(vm, idx) else {
        return Err(bad_code("declared function is not a function constant"));
    };
    let f = Value::Object(create_closure(vm, child, env, None));
    vm.push_root(f);
    Ok(f)
}

/// GlobalDeclarationInstantiation(script, env) (16.1.7).
pub(crate) fn global_declaration_instantiation(
    vm: &mut Vm,
    unit: &CodeUnit,
    env: EnvId,
    decls_idx: u32,
    flags_at: usize,
) -> JsResult<()> {
    let decls = declarations(unit, decls_idx)?;
    let genv = if vm.heap.env(env).as_global().is_some() {
        env
    } else {
        names::current_global_env(vm)
    };
    let lexical: Vec<(PropertyKey, bool)> =
        decls.lexical.iter().map(|(n, c)| (vm.key(n), *c)).collect();
    let functions: Vec<(PropertyKey, u32)> = decls
        .functions
        .iter()
        .map(|(n, i)| (vm.key(n), *i))
        .collect();
    let vars: Vec<PropertyKey> = decls.vars.iter().map(|n| vm.key(n)).collect();
    let annex_b: Vec<PropertyKey> = decls.annex_b.iter().map(|n| vm.key(n)).collect();

    // Lexical names against existing declarations. (ES2025 dropped
    // [[VarNames]]: a var created by an earlier script is a non-configurable
    // global property, caught by HasRestrictedGlobalProperty; an
    // eval-created var is configurable and may be shadowed.)
    for &(k, _) in &lexical {
        if names::has_lexical_declaration(vm, genv, k)
            || names::has_restricted_global_property(vm, genv, k)?
        {
            return Err(redeclared(vm, k));
        }
    }
    // Step 5: var names against existing lexical declarations.
    for k in functions.iter().map(|f| f.0).chain(vars.iter().copied()) {
        if names::has_lexical_declaration(vm, genv, k) {
            return Err(redeclared(vm, k));
        }
    }
    // Steps 8-10.
    for &(k, _) in &functions {
        if !names::can_declare_global_function(vm, genv, k)? {
            return Err(JsError::type_error(format!(
                "Cannot declare global function '{}'",
                vm.key_display(k)
            )));
        }
    }
    let mut declared_vars: Vec<PropertyKey> = Vec::new();
    for &k in &vars {
        if functions.iter().any(|f| f.0 == k) || declared_vars.contains(&k) {
            continue;
        }
        if !names::can_declare_global_var(vm, genv, k)? {
            return Err(JsError::type_error(format!(
                "Cannot declare global variable '{}'",
                vm.key_display(k)
            )));
        }
        declared_vars.push(k);
    }
    // Annex B.3.2.2 step 12.
    for (i, &k) in annex_b.iter().enumerate() {
        let mut ok = false;
        if !names::has_lexical_declaration(vm, genv, k)
            && !lexical.iter().any(|l| l.0 == k)
            && names::can_declare_global_var(vm, genv, k)?
        {
            if !functions.iter().any(|f| f.0 == k) && !declared_vars.contains(&k) {
                names::create_global_var_binding(vm, genv, k, false)?;
            }
            ok = true;
        }
        set_flag_reg(vm, flags_at + i, ok);
    }
    // Steps 15-18.
    for &(k, is_const) in &lexical {
        names::create_global_lexical(vm, genv, k, is_const);
    }
    let base = vm.roots_len();
    let r = (|| {
        for &(k, idx) in &functions {
            let f = instantiate(vm, unit, idx, env)?;
            names::create_global_function_binding(vm, genv, k, f, false)?;
        }
        for &k in &declared_vars {
            names::create_global_var_binding(vm, genv, k, false)?;
        }
        Ok(())
    })();
    vm.truncate_roots(base);
    r
}

/// The first var-scope environment outward from `env`, or the global one.
fn var_env(vm: &Vm, mut env: EnvId) -> EnvId {
    loop {
        let e = vm.heap.env(env);
        if e.is_var_scope() || e.as_global().is_some() {
            return env;
        }
        match e.outer {
            Some(o) => env = o,
            None => return env,
        }
    }
}

/// Whether declarative `env` has a binding `key` of one of the lexical
/// kinds (`only_lexical`) or of any visible kind.
fn decl_has(vm: &Vm, env: EnvId, key: PropertyKey, only_lexical: bool) -> bool {
    let (Some(d), PropertyKey::Atom(a)) = (vm.heap.env(env).as_declarative(), key) else {
        return false;
    };
    match d.lookup(a) {
        None => false,
        Some(s) => {
            let k = d.kind(s);
            if only_lexical {
                matches!(k, BindingKind::Let | BindingKind::Const)
            } else {
                k != BindingKind::Hidden
            }
        }
    }
}

/// EvalDeclarationInstantiation for sloppy eval code (19.2.1.3).
pub(crate) fn eval_declaration_instantiation(
    vm: &mut Vm,
    unit: &CodeUnit,
    env: EnvId,
    decls_idx: u32,
    flags_at: usize,
) -> JsResult<()> {
    let decls = declarations(unit, decls_idx)?;
    let venv = var_env(vm, env);
    let global = vm.heap.env(venv).as_global().is_some();
    let functions: Vec<(PropertyKey, u32)> = decls
        .functions
        .iter()
        .map(|(n, i)| (vm.key(n), *i))
        .collect();
    let vars: Vec<PropertyKey> = decls.vars.iter().map(|n| vm.key(n)).collect();
    let annex_b: Vec<PropertyKey> = decls.annex_b.iter().map(|n| vm.key(n)).collect();

    // The environments from `env` up to and including varEnv.
    let mut chain = Vec::new();
    let mut e = env;
    loop {
        chain.push(e);
        if e == venv {
            break;
        }
        match vm.heap.env(e).outer {
            Some(o) => e = o,
            None => break,
        }
    }

    // Step 3: var names against lexical declarations.
    for k in functions.iter().map(|f| f.0).chain(vars.iter().copied()) {
        if global && names::has_lexical_declaration(vm, venv, k) {
            return Err(redeclared(vm, k));
        }
        for &ce in &chain {
            if vm.heap.env(ce).scope_kind() == Some(ScopeKind::Catch) {
                continue;
            }
            // Environments between the eval and varEnv conflict on any
            // binding (HasBinding); varEnv itself (which also holds the
            // function's top-level lexical declarations) only on those.
            if decl_has(vm, ce, k, ce == venv) {
                return Err(redeclared(vm, k));
            }
        }
    }
    // Steps 8-10.
    if global {
        for &(k, _) in &functions {
            if !names::can_declare_global_function(vm, venv, k)? {
                return Err(JsError::type_error(format!(
                    "Cannot declare global function '{}'",
                    vm.key_display(k)
                )));
            }
        }
    }
    let mut declared_vars: Vec<PropertyKey> = Vec::new();
    for &k in &vars {
        if functions.iter().any(|f| f.0 == k) || declared_vars.contains(&k) {
            continue;
        }
        if global && !names::can_declare_global_var(vm, venv, k)? {
            return Err(JsError::type_error(format!(
                "Cannot declare global variable '{}'",
                vm.key_display(k)
            )));
        }
        declared_vars.push(k);
    }
    // Annex B.3.2.3 step 11.
    for (i, &k) in annex_b.iter().enumerate() {
        let mut binding_exists = false;
        for &ce in &chain {
            let is_venv = ce == venv;
            if decl_has(vm, ce, k, is_venv) {
                binding_exists = true;
            }
        }
        let definable = if !binding_exists && global {
            !names::has_lexical_declaration(vm, venv, k)
                && names::can_declare_global_var(vm, venv, k)?
        } else {
            true
        };
        let ok = !binding_exists && definable;
        if ok && !functions.iter().any(|f| f.0 == k) && !declared_vars.contains(&k) {
            if global {
                names::create_global_var_binding(vm, venv, k, true)?;
            } else {
                declare_in(vm, venv, k, None);
            }
        }
        set_flag_reg(vm, flags_at + i, ok);
    }
    // Steps 17-18.
    let base = vm.roots_len();
    let r = (|| {
        for &(k, idx) in &functions {
            let f = instantiate(vm, unit, idx, env)?;
            if global {
                names::create_global_function_binding(vm, venv, k, f, true)?;
            } else {
                declare_in(vm, venv, k, Some(f));
            }
        }
        for &k in &declared_vars {
            if global {
                names::create_global_var_binding(vm, venv, k, true)?;
            } else {
                declare_in(vm, venv, k, None);
            }
        }
        Ok(())
    })();
    vm.truncate_roots(base);
    r
}

/// A var binding in declarative varEnv: an existing binding is set (when
/// `value` is given); a missing one is added by name (deletable).
fn declare_in(vm: &mut Vm, venv: EnvId, key: PropertyKey, value: Option<Value>) {
    let PropertyKey::Atom(a) = key else {
        return;
    };
    let Some(d) = vm.heap.env_mut(venv).as_declarative_mut() else {
        return;
    };
    match d.lookup(a) {
        Some(s) if d.kind(s) != BindingKind::Hidden => {
            if let Some(v) = value {
                d.write(s, v);
            }
        }
        _ => d.extra.push((a, value.unwrap_or(Value::Undefined))),
    }
}
