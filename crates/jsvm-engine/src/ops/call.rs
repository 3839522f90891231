//! Calls and construction (ECMAScript 7.3): the `Vm::call` / `Vm::construct`
//! dispatch over native functions, bound functions, proxies and bytecode
//! closures; instanceof, SpeciesConstructor, GetFunctionRealm,
//! GetPrototypeFromConstructor and array-like helpers.
//!
//! Invariant: every Rust -> function entry goes through `call`/`construct`,
//! which count the nesting depth (`max_native_depth`, RangeError beyond)
//! and trim the root stack back when a native returns.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::ObjectKind;
use crate::realm::Intrinsics;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

enum Callee {
    Native(NativeFn, RealmId),
    Bound(ObjId, Value, Vec<Value>),
    Closure,
    Proxy,
}

/// The longest list CreateListFromArrayLike builds (an implementation
/// limit, like V8's argument count limit).
const MAX_LIST_LENGTH: f64 = 10_000_000.0;

impl Vm {
    fn callee_kind(&self, f: ObjId) -> Option<Callee> {
        Some(match &self.heap.obj(f).kind {
            ObjectKind::Function(n) => Callee::Native(n.f, n.realm),
            ObjectKind::BoundFunction(b) => Callee::Bound(b.target, b.this, b.args.to_vec()),
            ObjectKind::Closure(_) => Callee::Closure,
            ObjectKind::Proxy(_) => Callee::Proxy,
            _ => return None,
        })
    }

    /// Counts a nested call from native code: RangeError when too deep
    /// (by count, or by what is left of the Rust stack). Paired with
    /// `leave_native`.
    #[inline]
    pub(crate) fn enter_native(&mut self) -> JsResult<()> {
        if self.native_depth >= self.options.max_native_depth || self.stack_exhausted() {
            return Err(JsError::range_error("Maximum call stack size exceeded"));
        }
        self.native_depth += 1;
        Ok(())
    }
    #[inline]
    pub(crate) fn leave_native(&mut self) {
        self.native_depth -= 1;
    }

    /// Runs a native function with the callee's realm current.
    fn run_native(
        &mut self,
        f: NativeFn,
        realm: RealmId,
        callee: ObjId,
        this: Value,
        args: &[Value],
        new_target: Option<ObjId>,
    ) -> JsResult<Value> {
        let base = self.roots_len();
        // The callee (its captured slots) and `this` stay alive for the call.
        self.push_root(Value::Object(callee));
        self.push_root(this);
        let saved = self.current_realm;
        self.current_realm = realm;
        let r = f(
            self,
            &CallArgs {
                this,
                args,
                new_target,
                callee,
            },
        );
        // A native error belongs to the function's realm: materialize it
        // there when the caller's realm differs.
        let r = match r {
            Err(e @ JsError::Native(_)) if realm != saved => {
                Err(JsError::Throw(self.error_to_value(e)))
            }
            r => r,
        };
        self.current_realm = saved;
        self.truncate_roots(base);
        r
    }

    /// [[Call]] of the built-in function object `callee`, whose function
    /// and realm are `f` and `realm`.
    #[inline]
    pub(crate) fn call_native(
        &mut self,
        f: NativeFn,
        realm: RealmId,
        callee: ObjId,
        this: Value,
        args: &[Value],
    ) -> JsResult<Value> {
        self.enter_native()?;
        let r = self.run_native(f, realm, callee, this, args, None);
        self.leave_native();
        r
    }

    /// Call(F, V, args): throws TypeError when `f` is not callable.
    pub fn call(&mut self, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
        let Value::Object(fo) = f else {
            return Err(self.not_callable(f));
        };
        // The common callees first: bytecode closures and natives.
        match &self.heap.obj(fo).kind {
            ObjectKind::Closure(_) => {
                self.enter_native()?;
                let r = self.call_closure_hook(fo, this, args);
                self.leave_native();
                return r;
            }
            ObjectKind::Function(n) => {
                let (nf, realm) = (n.f, n.realm);
                return self.call_native(nf, realm, fo, this, args);
            }
            _ => {}
        }
        if !self.heap.obj(fo).is_callable() {
            return Err(self.not_callable(f));
        }
        let Some(kind) = self.callee_kind(fo) else {
            return Err(self.not_callable(f));
        };
        self.enter_native()?;
        let r = match kind {
            Callee::Native(nf, realm) => self.run_native(nf, realm, fo, this, args, None),
            Callee::Bound(target, bthis, mut bargs) => {
                bargs.extend_from_slice(args);
                let base = self.roots_len();
                self.roots.extend_from_slice(&bargs);
                let r = self.call(Value::Object(target), bthis, &bargs);
                self.truncate_roots(base);
                r
            }
            Callee::Closure => self.call_closure_hook(fo, this, args),
            Callee::Proxy => self.proxy_call(fo, this, args),
        };
        self.leave_native();
        r
    }

    /// Construct(F, args, newTarget) (newTarget defaults to F).
    pub fn construct(
        &mut self,
        f: Value,
        args: &[Value],
        new_target: Option<Value>,
    ) -> JsResult<Value> {
        let nt = new_target.unwrap_or(f);
        let (Value::Object(fo), Value::Object(nto)) = (f, nt) else {
            return Err(self.not_constructor(f));
        };
        if !self.heap.obj(fo).is_constructor() {
            return Err(self.not_constructor(f));
        }
        let Some(kind) = self.callee_kind(fo) else {
            return Err(self.not_constructor(f));
        };
        self.enter_native()?;
        let r = match kind {
            Callee::Native(nf, realm) => {
                self.run_native(nf, realm, fo, Value::Undefined, args, Some(nto))
            }
            Callee::Bound(target, _, mut bargs) => {
                // 10.4.1.2 [[Construct]] of a bound function.
                bargs.extend_from_slice(args);
                let nt = if nto == fo { target } else { nto };
                let base = self.roots_len();
                self.roots.extend_from_slice(&bargs);
                let r = self.construct(Value::Object(target), &bargs, Some(Value::Object(nt)));
                self.truncate_roots(base);
                r
            }
            Callee::Closure => self.construct_closure_hook(fo, args, nto),
            Callee::Proxy => self.proxy_construct(fo, args, nto),
        };
        self.leave_native();
        r
    }

    /// Calls a bytecode closure through the interpreter.
    fn call_closure_hook(&mut self, f: ObjId, this: Value, args: &[Value]) -> JsResult<Value> {
        crate::interp::call_closure(self, f, this, args)
    }

    /// Constructs with a bytecode closure through the interpreter.
    fn construct_closure_hook(
        &mut self,
        f: ObjId,
        args: &[Value],
        new_target: ObjId,
    ) -> JsResult<Value> {
        crate::interp::construct_closure(self, f, args, new_target)
    }

    pub(crate) fn not_callable(&self, f: Value) -> JsError {
        JsError::type_error(format!("{} is not a function", self.display_value(f)))
    }
    pub(crate) fn not_constructor(&self, f: Value) -> JsError {
        JsError::type_error(format!("{} is not a constructor", self.display_value(f)))
    }

    /// GetMethod(V, P): undefined/null -> None, non-callable -> TypeError.
    pub fn get_method(&mut self, v: Value, key: PropertyKey) -> JsResult<Option<Value>> {
        let f = self.get_v(v, key)?;
        if f.is_nullish() {
            return Ok(None);
        }
        if !self.is_callable(f) {
            return Err(JsError::type_error(format!(
                "{} is not a function",
                self.display_value(f)
            )));
        }
        Ok(Some(f))
    }
    /// Invoke(V, P, args).
    pub fn invoke(&mut self, v: Value, key: PropertyKey, args: &[Value]) -> JsResult<Value> {
        let f = self.get_v(v, key)?;
        self.call(f, v, args)
    }
    /// OrdinaryHasInstance(C, O) (7.3.21).
    pub fn ordinary_has_instance(&mut self, c: Value, o: Value) -> JsResult<bool> {
        if !self.is_callable(c) {
            return Ok(false);
        }
        let Value::Object(co) = c else {
            return Ok(false);
        };
        if let ObjectKind::BoundFunction(b) = &self.heap.obj(co).kind {
            let t = b.target;
            return self.instance_of(o, Value::Object(t));
        }
        let Value::Object(mut obj) = o else {
            return Ok(false);
        };
        let p = self.get(co, PropertyKey::Atom(atoms::PROTOTYPE), c)?;
        let Value::Object(po) = p else {
            return Err(JsError::type_error(
                "Function has non-object prototype in instanceof check",
            ));
        };
        let base = self.roots_len();
        self.push_root(p);
        let r = loop {
            match self.get_prototype_of(obj) {
                Err(e) => break Err(e),
                Ok(None) => break Ok(false),
                Ok(Some(x)) if x == po => break Ok(true),
                Ok(Some(x)) => obj = x,
            }
        };
        self.truncate_roots(base);
        r
    }
    /// InstanceofOperator(V, target) (13.10.2).
    pub fn instance_of(&mut self, v: Value, target: Value) -> JsResult<bool> {
        if !target.is_object() {
            return Err(JsError::type_error(
                "Right-hand side of 'instanceof' is not an object",
            ));
        }
        let hi = self.symbols.has_instance;
        if let Some(h) = self.get_method(target, PropertyKey::Symbol(hi))? {
            // The built-in @@hasInstance only performs OrdinaryHasInstance.
            if matches!(h, Value::Object(f) if f == self.intrinsics().function_has_instance) {
                return self.ordinary_has_instance(target, v);
            }
            let r = self.call(h, target, &[v])?;
            return Ok(self.to_boolean(r));
        }
        if !self.is_callable(target) {
            return Err(JsError::type_error(
                "Right-hand side of 'instanceof' is not callable",
            ));
        }
        self.ordinary_has_instance(target, v)
    }
    /// SpeciesConstructor(O, defaultConstructor) (7.3.22).
    pub fn species_constructor(&mut self, o: ObjId, default: ObjId) -> JsResult<Value> {
        let c = self.get(o, PropertyKey::Atom(atoms::CONSTRUCTOR), Value::Object(o))?;
        if c.is_undefined() {
            return Ok(Value::Object(default));
        }
        let Value::Object(co) = c else {
            return Err(JsError::type_error("object.constructor is not an object"));
        };
        let sp = self.symbols.species;
        let s = self.get(co, PropertyKey::Symbol(sp), c)?;
        if s.is_nullish() {
            return Ok(Value::Object(default));
        }
        if self.is_constructor(s) {
            return Ok(s);
        }
        Err(JsError::type_error(
            "object.constructor[Symbol.species] is not a constructor",
        ))
    }
    /// GetFunctionRealm(obj) (7.3.24).
    pub fn get_function_realm(&mut self, f: ObjId) -> JsResult<RealmId> {
        let mut o = f;
        loop {
            match &self.heap.obj(o).kind {
                ObjectKind::Function(n) => return Ok(n.realm),
                ObjectKind::Closure(c) => {
                    return Ok(c.function_realm().unwrap_or(self.current_realm))
                }
                ObjectKind::BoundFunction(b) => o = b.target,
                ObjectKind::Proxy(p) => {
                    match p.target {
                        Some(t) => o = t,
                        None => return Err(JsError::type_error(
                            "Cannot perform 'GetFunctionRealm' on a proxy that has been revoked",
                        )),
                    }
                }
                _ => return Ok(self.current_realm),
            }
        }
    }
    /// GetPrototypeFromConstructor(constructor, intrinsicDefaultProto): the
    /// default is picked from the constructor's realm by the selector.
    pub fn get_prototype_from_constructor(
        &mut self,
        ctor: ObjId,
        default: fn(&Intrinsics) -> ObjId,
    ) -> JsResult<ObjId> {
        let p = self.get(
            ctor,
            PropertyKey::Atom(atoms::PROTOTYPE),
            Value::Object(ctor),
        )?;
        if let Value::Object(po) = p {
            return Ok(po);
        }
        let realm = self.get_function_realm(ctor)?;
        Ok(default(&self.realm(realm).intrinsics))
    }
    /// OrdinaryCreateFromConstructor(constructor, intrinsicDefaultProto,
    /// kind) (10.1.13).
    pub fn ordinary_create_from_constructor(
        &mut self,
        ctor: ObjId,
        default: fn(&Intrinsics) -> ObjId,
        kind: ObjectKind,
    ) -> JsResult<ObjId> {
        let proto = self.get_prototype_from_constructor(ctor, default)?;
        Ok(self.alloc_object(kind, Some(proto)))
    }
    /// LengthOfArrayLike(obj) (7.3.18).
    pub fn length_of_array_like(&mut self, o: ObjId) -> JsResult<f64> {
        if let Some(l) = self.array_length_fast(o) {
            return Ok(l as f64);
        }
        let v = self.get(o, PropertyKey::Atom(atoms::LENGTH), Value::Object(o))?;
        self.to_length(v)
    }
    /// CreateListFromArrayLike(obj) (7.3.19).
    pub fn create_list_from_array_like(&mut self, v: Value) -> JsResult<Vec<Value>> {
        let Value::Object(o) = v else {
            return Err(JsError::type_error(
                "CreateListFromArrayLike called on non-object",
            ));
        };
        let len = self.length_of_array_like(o)?;
        if len > MAX_LIST_LENGTH {
            return Err(JsError::range_error("Too many arguments in function call"));
        }
        let base = self.roots_len();
        let mut out = Vec::new();
        let mut i = 0.0;
        while i < len {
            let k = self.index_key(i as u64);
            match self.get(o, k, v) {
                Ok(x) => {
                    self.push_root(x);
                    out.push(x);
                }
                Err(e) => {
                    self.truncate_roots(base);
                    return Err(e);
                }
            }
            i += 1.0;
        }
        self.truncate_roots(base);
        Ok(out)
    }
}
