//! The Function constructor and Function.prototype (ECMAScript 20.2), and
//! bound function creation (10.4.1.3).
//!
//! The Function constructor's CreateDynamicFunction is the interpreter's
//! (`interp::create_dynamic_function`); Function.prototype.toString
//! asks a bytecode closure for its source text (`Closure::source_text`).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::object::kind::BoundFunction;
use crate::object::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm, realm: RealmId) {
    let proto = vm.realm(realm).intrinsics.function_prototype;
    let ctor = vm.make_constructor("Function", 1, function_ctor, proto);
    vm.realm_mut(realm).intrinsics.function = ctor;
    // %Function.prototype% itself: length 0, name "".
    vm.define_value(
        proto,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(0.0),
        Attrs::CONFIGURABLE_ONLY,
    );
    let empty = vm.empty_string();
    vm.define_value(
        proto,
        PropertyKey::Atom(atoms::NAME),
        Value::String(empty),
        Attrs::CONFIGURABLE_ONLY,
    );
    vm.define_method(proto, "apply", 2, apply);
    vm.define_method(proto, "bind", 1, bind);
    vm.define_method(proto, "call", 1, call);
    vm.define_method(proto, "toString", 0, to_string);
    let hi = vm.symbols.has_instance;
    let f = vm.new_native_function(PropertyKey::Symbol(hi), 1, has_instance, false);
    vm.realm_mut(realm).intrinsics.function_has_instance = f;
    vm.define_value(
        proto,
        PropertyKey::Symbol(hi),
        Value::Object(f),
        Attrs::NONE,
    );
    // AddRestrictedFunctionProperties (10.2.4).
    let tte = vm.realm(realm).intrinsics.throw_type_error;
    for a in [atoms::CALLER, atoms::ARGUMENTS] {
        vm.define_accessor_raw(
            proto,
            PropertyKey::Atom(a),
            Some(tte),
            Some(tte),
            Attrs::CONFIGURABLE_ONLY,
        );
    }
    // %ThrowTypeError%: length 0, name "", frozen.
    vm.define_value(
        tte,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(0.0),
        Attrs::NONE,
    );
    vm.define_value(
        tte,
        PropertyKey::Atom(atoms::NAME),
        Value::String(empty),
        Attrs::NONE,
    );
    vm.set_integrity_level_fast(tte, true);
}

/// Function(...args) (20.2.1.1): CreateDynamicFunction is the
/// interpreter's.
fn function_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let nt = args.new_target.unwrap_or(args.callee);
    crate::interp::create_dynamic_function(
        vm,
        crate::interp::DynamicFunctionKind::Normal,
        args.args,
        Some(nt),
    )
}

fn this_callable(vm: &Vm, this: Value, method: &str) -> JsResult<ObjId> {
    match this {
        Value::Object(o) if vm.heap.obj(o).is_callable() => Ok(o),
        _ => Err(JsError::type_error(format!(
            "Function.prototype.{method} called on {} which is not a function",
            vm.display_value(this)
        ))),
    }
}

/// Function.prototype.apply (20.2.3.1).
fn apply(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let f = this_callable(vm, args.this, "apply")?;
    let arr = args.arg(1);
    if arr.is_nullish() {
        return vm.call(Value::Object(f), args.arg(0), &[]);
    }
    let list = vm.create_list_from_array_like(arr)?;
    vm.roots.extend_from_slice(&list);
    vm.call(Value::Object(f), args.arg(0), &list)
}

/// Function.prototype.call (20.2.3.3).
fn call(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let f = this_callable(vm, args.this, "call")?;
    vm.call(Value::Object(f), args.arg(0), args.rest(1))
}

/// Function.prototype.bind (20.2.3.2).
fn bind(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let target = this_callable(vm, args.this, "bind")?;
    let bound_args = args.rest(1);
    let f = vm.bound_function_create(target, args.arg(0), bound_args)?;
    vm.push_root(Value::Object(f));
    let mut l = 0.0;
    if vm.has_own_property(target, PropertyKey::Atom(atoms::LENGTH))? {
        let tl = vm.get(
            target,
            PropertyKey::Atom(atoms::LENGTH),
            Value::Object(target),
        )?;
        if let Value::Number(n) = tl {
            if n == f64::INFINITY {
                l = f64::INFINITY;
            } else if n != f64::NEG_INFINITY {
                let li = crate::num::to_integer_or_infinity(n);
                l = (li - bound_args.len() as f64).max(0.0);
            }
        }
    }
    vm.define_value(
        f,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(l),
        Attrs::CONFIGURABLE_ONLY,
    );
    let tn = vm.get(
        target,
        PropertyKey::Atom(atoms::NAME),
        Value::Object(target),
    )?;
    let mut name: Vec<u16> = "bound ".encode_utf16().collect();
    if let Value::String(s) = tn {
        name.extend(vm.string_units(s));
    }
    let ns = vm.new_string_utf16(&name);
    vm.define_value(
        f,
        PropertyKey::Atom(atoms::NAME),
        Value::String(ns),
        Attrs::CONFIGURABLE_ONLY,
    );
    Ok(Value::Object(f))
}

impl Vm {
    /// BoundFunctionCreate(targetFunction, boundThis, boundArgs) (10.4.1.3).
    pub fn bound_function_create(
        &mut self,
        target: ObjId,
        this: Value,
        args: &[Value],
    ) -> JsResult<ObjId> {
        let proto = self.get_prototype_of(target)?;
        let ctor = self.heap.obj(target).is_constructor();
        let f = self.alloc_object(
            ObjectKind::BoundFunction(Box::new(BoundFunction {
                target,
                this,
                args: args.into(),
            })),
            proto,
        );
        self.heap.obj_mut(f).set_constructor(ctor);
        Ok(f)
    }
}

/// Function.prototype.toString (20.2.3.5).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.this else {
        return Err(JsError::type_error(
            "Function.prototype.toString requires that 'this' be a Function",
        ));
    };
    let obj = vm.heap.obj(o);
    if let ObjectKind::Closure(c) = &obj.kind {
        if let Some(src) = c.source_text() {
            return Ok(Value::String(vm.new_string(&src)));
        }
    }
    if !obj.is_callable() {
        return Err(JsError::type_error(
            "Function.prototype.toString requires that 'this' be a Function",
        ));
    }
    let name = match obj.kind {
        ObjectKind::Function(_) | ObjectKind::Closure(_) => vm.function_name_for_display(o),
        _ => String::new(),
    };
    let text = format!("function {name}() {{ [native code] }}");
    Ok(Value::String(vm.new_string(&text)))
}

/// Function.prototype[@@hasInstance] (20.2.3.6).
fn has_instance(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(
        vm.ordinary_has_instance(args.this, args.arg(0))?,
    ))
}
