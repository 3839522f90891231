//! Bytecode function objects (ECMAScript function objects, 10.2): the
//! `Closure` payload stored in `ObjectKind::Closure`, and their creation
//! (OrdinaryFunctionCreate, MakeConstructor, SetFunctionName,
//! SetFunctionLength).
//!
//! Invariant: a closure's code never changes; [[ThisMode]], [[Strict]] and
//! [[ConstructorKind]] are read from `FunctionCode` (kind and strictness),
//! so the payload only adds what varies per closure: the captured
//! environment, the home object and the realm. Class fields and private
//! methods are compiled code (the class's initializer), not closure state.

use std::rc::Rc;

use jsvm_bytecode::{FunctionCode, FunctionKind};

use crate::atom::atoms;
use crate::heap::Tracer;
use crate::interp::code::CodeUnit;
use crate::object::ObjectKind;
use crate::property::Attrs;
use crate::value::{EnvId, ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

/// The payload of a function object created from bytecode.
pub struct Closure {
    pub unit: Rc<CodeUnit>,
    /// [[Environment]].
    pub env: EnvId,
    /// [[HomeObject]] (methods, accessors, class constructors).
    pub home_object: Option<ObjId>,
    /// [[Realm]].
    pub realm: RealmId,
}

impl Closure {
    /// Reports every handle the closure holds (its unit holds none; see
    /// `interp::code`).
    pub fn trace(&self, t: &mut Tracer) {
        t.mark_env(self.env);
        if let Some(h) = self.home_object {
            t.mark_object(h);
        }
    }
    /// [[Realm]] (for GetFunctionRealm).
    pub fn function_realm(&self) -> Option<RealmId> {
        Some(self.realm)
    }
    pub fn code(&self) -> &FunctionCode {
        &self.unit.code
    }
    /// The source text for `Function.prototype.toString`.
    pub fn source_text(&self) -> Option<String> {
        Some(self.unit.code.source_text().to_string())
    }
    /// True for class constructors (their [[Call]] throws).
    pub fn is_class_constructor(&self) -> bool {
        self.unit.code.kind.is_class_constructor()
    }
}

/// Whether functions of this code get [[Construct]].
pub fn code_is_constructor(code: &FunctionCode) -> bool {
    code.kind.is_constructor() && !code.generator && !code.is_async
}

/// OrdinaryFunctionCreate + SetFunctionLength + SetFunctionName (from the
/// compile-time name) + MakeConstructor for ordinary constructors: a new
/// function object of the current realm with prototype `proto` (default
/// %Function.prototype%).
pub fn create_closure(vm: &mut Vm, unit: Rc<CodeUnit>, env: EnvId, proto: Option<ObjId>) -> ObjId {
    let realm = vm.current_realm;
    let code = unit.code.clone();
    let proto = proto.unwrap_or_else(|| {
        let i = vm.intrinsics();
        match (code.generator, code.is_async) {
            (false, false) => i.function_prototype,
            (true, false) => i.generator_function_prototype,
            (false, true) => i.async_function_prototype,
            (true, true) => i.async_generator_function_prototype,
        }
    });
    let name = unit.name;
    let f = vm.alloc_object(
        ObjectKind::Closure(Closure {
            unit,
            env,
            home_object: None,
            realm,
        }),
        Some(proto),
    );
    {
        let obj = vm.heap.obj_mut(f);
        obj.set_constructor(code_is_constructor(&code));
        obj.set_class_constructor(code.kind.is_class_constructor());
    }
    vm.define_value(
        f,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(code.length as f64),
        Attrs::CONFIGURABLE_ONLY,
    );
    vm.define_value(
        f,
        PropertyKey::Atom(atoms::NAME),
        Value::String(name),
        Attrs::CONFIGURABLE_ONLY,
    );
    if code.generator {
        // Generator functions get a prototype for their generator objects
        // (no `constructor`): 15.5.3 / 15.6.3 InstantiateGeneratorFunction*.
        let i = vm.intrinsics();
        let proto_proto = if code.is_async {
            i.async_generator_prototype
        } else {
            i.generator_prototype
        };
        let p = vm.new_object(Some(proto_proto));
        vm.define_value(
            f,
            PropertyKey::Atom(atoms::PROTOTYPE),
            Value::Object(p),
            Attrs::WRITABLE,
        );
    } else if code.kind == FunctionKind::Normal && !code.is_async {
        // MakeConstructor: a fresh prototype object (10.2.5).
        let p = vm.new_plain_object();
        vm.define_value(
            p,
            PropertyKey::Atom(atoms::CONSTRUCTOR),
            Value::Object(f),
            Attrs::METHOD,
        );
        vm.define_value(
            f,
            PropertyKey::Atom(atoms::PROTOTYPE),
            Value::Object(p),
            Attrs::WRITABLE,
        );
    }
    f
}

/// The closure payload of `f`, if it is a bytecode function.
#[inline]
pub fn closure_of(vm: &Vm, f: ObjId) -> Option<&Closure> {
    match &vm.heap.obj(f).kind {
        ObjectKind::Closure(c) => Some(c),
        _ => None,
    }
}

/// Sets [[HomeObject]] of a bytecode function (no-op for other objects).
pub fn set_home_object(vm: &mut Vm, f: ObjId, home: ObjId) {
    if let ObjectKind::Closure(c) = &mut vm.heap.obj_mut(f).kind {
        c.home_object = Some(home);
    }
}
