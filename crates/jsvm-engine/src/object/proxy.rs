//! Proxy exotic objects (ECMAScript 10.5): every internal method with its
//! trap lookup and invariant checks, in the spec's order.
//!
//! Invariant: the target and handler are rooted for the duration of each
//! internal method (a trap may revoke the proxy and run the collector).

use super::kind::ProxyData;
use super::{ObjectKind, Prop};
use crate::atom::Atom;
use crate::error::{JsError, JsResult};
use crate::property::PropertyDescriptor;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

fn revoked(op: &str) -> JsError {
    JsError::type_error(format!(
        "Cannot perform '{op}' on a proxy that has been revoked"
    ))
}

fn desc_to_prop(d: &PropertyDescriptor) -> Prop {
    use super::shape::PropFlags;
    if d.is_accessor() {
        Prop {
            value: d.get.flatten().map_or(Value::Undefined, Value::Object),
            setter: d.set.flatten().map_or(Value::Undefined, Value::Object),
            flags: PropFlags::accessor(
                d.enumerable.unwrap_or(false),
                d.configurable.unwrap_or(false),
            ),
        }
    } else {
        Prop::data(
            d.value.unwrap_or(Value::Undefined),
            super::ordinary::prop_flags(
                d.writable.unwrap_or(false),
                d.enumerable.unwrap_or(false),
                d.configurable.unwrap_or(false),
            ),
        )
    }
}

impl Vm {
    /// ValidateNonRevokedProxy plus the trap lookup: (target, handler, trap).
    fn proxy_trap(&mut self, o: ObjId, name: &str) -> JsResult<(ObjId, ObjId, Option<Value>)> {
        // Chains of proxies recurse in Rust without passing through `call`.
        if self.stack_exhausted() {
            return Err(JsError::range_error("Maximum call stack size exceeded"));
        }
        let (target, handler) = match &self.heap.obj(o).kind {
            ObjectKind::Proxy(ProxyData {
                target: Some(t),
                handler: Some(h),
            }) => (*t, *h),
            _ => return Err(revoked(name)),
        };
        self.push_root(Value::Object(target));
        self.push_root(Value::Object(handler));
        let key = self.key(name);
        let trap = self.get_method(Value::Object(handler), key)?;
        Ok((target, handler, trap))
    }

    /// Runs `f` and trims the root stack back afterwards.
    fn scoped<T>(&mut self, f: impl FnOnce(&mut Vm) -> JsResult<T>) -> JsResult<T> {
        let base = self.roots_len();
        let r = f(self);
        self.truncate_roots(base);
        r
    }

    /// [[GetPrototypeOf]] (10.5.1).
    pub(crate) fn proxy_get_prototype_of(&mut self, o: ObjId) -> JsResult<Option<ObjId>> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "getPrototypeOf")?;
            let Some(trap) = trap else {
                return vm.get_prototype_of(target);
            };
            let r = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let handler_proto = match r {
                Value::Object(p) => Some(p),
                Value::Null => None,
                _ => {
                    return Err(JsError::type_error(
                        "'getPrototypeOf' on proxy: trap returned neither object nor null",
                    ))
                }
            };
            vm.push_root(r);
            if vm.is_extensible(target)? {
                return Ok(handler_proto);
            }
            if vm.get_prototype_of(target)? != handler_proto {
                return Err(JsError::type_error(
                    "'getPrototypeOf' on proxy: proxy target is non-extensible but the trap did not return its actual prototype",
                ));
            }
            Ok(handler_proto)
        })
    }

    /// [[SetPrototypeOf]] (10.5.2).
    pub(crate) fn proxy_set_prototype_of(&mut self, o: ObjId, v: Option<ObjId>) -> JsResult<bool> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "setPrototypeOf")?;
            let Some(trap) = trap else {
                return vm.set_prototype_of(target, v);
            };
            let vv = v.map_or(Value::Null, Value::Object);
            let r = vm.call(trap, Value::Object(handler), &[Value::Object(target), vv])?;
            if !vm.to_boolean(r) {
                return Ok(false);
            }
            if vm.is_extensible(target)? {
                return Ok(true);
            }
            if vm.get_prototype_of(target)? != v {
                return Err(JsError::type_error(
                    "'setPrototypeOf' on proxy: trap returned truish for setting a new prototype on the non-extensible proxy target",
                ));
            }
            Ok(true)
        })
    }

    /// [[IsExtensible]] (10.5.3).
    pub(crate) fn proxy_is_extensible(&mut self, o: ObjId) -> JsResult<bool> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "isExtensible")?;
            let Some(trap) = trap else {
                return vm.is_extensible(target);
            };
            let r = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let b = vm.to_boolean(r);
            if b != vm.is_extensible(target)? {
                return Err(JsError::type_error(
                    "'isExtensible' on proxy: trap result does not reflect extensibility of proxy target",
                ));
            }
            Ok(b)
        })
    }

    /// [[PreventExtensions]] (10.5.4).
    pub(crate) fn proxy_prevent_extensions(&mut self, o: ObjId) -> JsResult<bool> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "preventExtensions")?;
            let Some(trap) = trap else {
                return vm.prevent_extensions(target);
            };
            let r = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let b = vm.to_boolean(r);
            if b && vm.is_extensible(target)? {
                return Err(JsError::type_error(
                    "'preventExtensions' on proxy: trap returned truish but the proxy target is extensible",
                ));
            }
            Ok(b)
        })
    }

    /// [[GetOwnProperty]] (10.5.5).
    pub(crate) fn proxy_get_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "getOwnPropertyDescriptor")?;
            let Some(trap) = trap else {
                return vm.get_own_property(target, key);
            };
            let kv = vm.key_to_value(key);
            vm.push_root(kv);
            let r = vm.call(trap, Value::Object(handler), &[Value::Object(target), kv])?;
            if !matches!(r, Value::Object(_) | Value::Undefined) {
                return Err(JsError::type_error(
                    "'getOwnPropertyDescriptor' on proxy: trap returned neither object nor undefined",
                ));
            }
            vm.push_root(r);
            let target_desc = vm.get_own_property(target, key)?;
            if r.is_undefined() {
                let Some(td) = target_desc else {
                    return Ok(None);
                };
                if td.configurable == Some(false) {
                    return Err(JsError::type_error(format!(
                        "'getOwnPropertyDescriptor' on proxy: trap returned undefined for property '{}' which is non-configurable in the proxy target",
                        vm.key_display(key)
                    )));
                }
                if !vm.is_extensible(target)? {
                    return Err(JsError::type_error(format!(
                        "'getOwnPropertyDescriptor' on proxy: trap returned undefined for property '{}' which exists in the non-extensible proxy target",
                        vm.key_display(key)
                    )));
                }
                return Ok(None);
            }
            let extensible = vm.is_extensible(target)?;
            let mut rd = vm.to_property_descriptor(r)?;
            complete_property_descriptor(&mut rd);
            if !vm.validate_and_apply(
                None,
                extensible,
                &rd,
                target_desc.as_ref().map(desc_to_prop),
            ) {
                return Err(JsError::type_error(format!(
                    "'getOwnPropertyDescriptor' on proxy: trap returned descriptor for property '{}' that is incompatible with the existing property in the proxy target",
                    vm.key_display(key)
                )));
            }
            if rd.configurable == Some(false) {
                match target_desc {
                    None | Some(PropertyDescriptor {
                        configurable: Some(true),
                        ..
                    }) => {
                        return Err(JsError::type_error(format!(
                            "'getOwnPropertyDescriptor' on proxy: trap reported non-configurability for property '{}' which is either non-existent or configurable in the proxy target",
                            vm.key_display(key)
                        )));
                    }
                    Some(td) => {
                        if rd.writable == Some(false) && td.writable == Some(true) {
                            return Err(JsError::type_error(format!(
                                "'getOwnPropertyDescriptor' on proxy: trap reported non-configurable and writable for property '{}' which is non-configurable, non-writable in the proxy target",
                                vm.key_display(key)
                            )));
                        }
                    }
                }
            }
            Ok(Some(rd))
        })
    }

    /// [[DefineOwnProperty]] (10.5.6).
    pub(crate) fn proxy_define_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "defineProperty")?;
            let Some(trap) = trap else {
                return vm.define_own_property(target, key, desc);
            };
            let desc_obj = vm.from_property_descriptor(Some(desc));
            vm.push_root(desc_obj);
            let kv = vm.key_to_value(key);
            vm.push_root(kv);
            let r = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), kv, desc_obj],
            )?;
            if !vm.to_boolean(r) {
                return Ok(false);
            }
            let target_desc = vm.get_own_property(target, key)?;
            let extensible = vm.is_extensible(target)?;
            let setting_config_false = desc.configurable == Some(false);
            match target_desc {
                None => {
                    if !extensible {
                        return Err(JsError::type_error(format!(
                            "'defineProperty' on proxy: trap returned truish for adding property '{}'  to the non-extensible proxy target",
                            vm.key_display(key)
                        )));
                    }
                    if setting_config_false {
                        return Err(JsError::type_error(format!(
                            "'defineProperty' on proxy: trap returned truish for defining non-configurable property '{}' which is non-existent in the proxy target",
                            vm.key_display(key)
                        )));
                    }
                }
                Some(td) => {
                    if !vm.validate_and_apply(None, extensible, &desc, Some(desc_to_prop(&td))) {
                        return Err(JsError::type_error(format!(
                            "'defineProperty' on proxy: trap returned truish for adding property '{}'  that is incompatible with the existing property in the proxy target",
                            vm.key_display(key)
                        )));
                    }
                    if setting_config_false && td.configurable == Some(true) {
                        return Err(JsError::type_error(format!(
                            "'defineProperty' on proxy: trap returned truish for defining non-configurable property '{}' which is configurable in the proxy target",
                            vm.key_display(key)
                        )));
                    }
                    if td.is_data()
                        && td.configurable == Some(false)
                        && td.writable == Some(true)
                        && desc.writable == Some(false)
                    {
                        return Err(JsError::type_error(format!(
                            "'defineProperty' on proxy: trap returned truish for defining non-configurable property '{}' which cannot be non-writable, unless there exists a corresponding non-configurable, non-writable own property of the target object",
                            vm.key_display(key)
                        )));
                    }
                }
            }
            Ok(true)
        })
    }

    /// [[HasProperty]] (10.5.7).
    pub(crate) fn proxy_has(&mut self, o: ObjId, key: PropertyKey) -> JsResult<bool> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "has")?;
            let Some(trap) = trap else {
                return vm.has_property(target, key);
            };
            let kv = vm.key_to_value(key);
            vm.push_root(kv);
            let r = vm.call(trap, Value::Object(handler), &[Value::Object(target), kv])?;
            let b = vm.to_boolean(r);
            if !b {
                if let Some(td) = vm.get_own_property(target, key)? {
                    if td.configurable == Some(false) {
                        return Err(JsError::type_error(format!(
                            "'has' on proxy: trap returned falsish for property '{}' which exists in the proxy target as non-configurable",
                            vm.key_display(key)
                        )));
                    }
                    if !vm.is_extensible(target)? {
                        return Err(JsError::type_error(format!(
                            "'has' on proxy: trap returned falsish for property '{}' but the proxy target is not extensible",
                            vm.key_display(key)
                        )));
                    }
                }
            }
            Ok(b)
        })
    }

    /// [[Get]] (10.5.8).
    pub(crate) fn proxy_get(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        receiver: Value,
    ) -> JsResult<Value> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "get")?;
            let Some(trap) = trap else {
                return vm.get(target, key, receiver);
            };
            let kv = vm.key_to_value(key);
            vm.push_root(kv);
            let r = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), kv, receiver],
            )?;
            vm.push_root(r);
            if let Some(td) = vm.get_own_property(target, key)? {
                if td.configurable == Some(false) {
                    if td.is_data() && td.writable == Some(false) {
                        let tv = td.value.unwrap_or(Value::Undefined);
                        if !vm.same_value(r, tv) {
                            return Err(JsError::type_error(format!(
                                "'get' on proxy: property '{}' is a read-only and non-configurable data property on the proxy target but the proxy did not return its actual value",
                                vm.key_display(key)
                            )));
                        }
                    }
                    if td.is_accessor() && td.get == Some(None) && !r.is_undefined() {
                        return Err(JsError::type_error(format!(
                            "'get' on proxy: property '{}' is a non-configurable accessor property on the proxy target and does not have a getter function, but the trap did not return 'undefined'",
                            vm.key_display(key)
                        )));
                    }
                }
            }
            Ok(r)
        })
    }

    /// [[Set]] (10.5.9).
    pub(crate) fn proxy_set(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        v: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "set")?;
            let Some(trap) = trap else {
                return vm.set(target, key, v, receiver);
            };
            let kv = vm.key_to_value(key);
            vm.push_root(kv);
            let r = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), kv, v, receiver],
            )?;
            if !vm.to_boolean(r) {
                return Ok(false);
            }
            if let Some(td) = vm.get_own_property(target, key)? {
                if td.configurable == Some(false) {
                    if td.is_data() && td.writable == Some(false) {
                        let tv = td.value.unwrap_or(Value::Undefined);
                        if !vm.same_value(v, tv) {
                            return Err(JsError::type_error(format!(
                                "'set' on proxy: trap returned truish for property '{}' which exists in the proxy target as a non-configurable and non-writable data property with a different value",
                                vm.key_display(key)
                            )));
                        }
                    }
                    if td.is_accessor() && td.set == Some(None) {
                        return Err(JsError::type_error(format!(
                            "'set' on proxy: trap returned truish for property '{}' which exists in the proxy target as a non-configurable and non-writable accessor property without a setter",
                            vm.key_display(key)
                        )));
                    }
                }
            }
            Ok(true)
        })
    }

    /// [[Delete]] (10.5.10).
    pub(crate) fn proxy_delete(&mut self, o: ObjId, key: PropertyKey) -> JsResult<bool> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "deleteProperty")?;
            let Some(trap) = trap else {
                return vm.delete(target, key);
            };
            let kv = vm.key_to_value(key);
            vm.push_root(kv);
            let r = vm.call(trap, Value::Object(handler), &[Value::Object(target), kv])?;
            if !vm.to_boolean(r) {
                return Ok(false);
            }
            let Some(td) = vm.get_own_property(target, key)? else {
                return Ok(true);
            };
            if td.configurable == Some(false) {
                return Err(JsError::type_error(format!(
                    "'deleteProperty' on proxy: trap returned truish for property '{}' which is non-configurable in the proxy target",
                    vm.key_display(key)
                )));
            }
            if !vm.is_extensible(target)? {
                return Err(JsError::type_error(format!(
                    "'deleteProperty' on proxy: trap returned truish for property '{}' but the proxy target is non-extensible",
                    vm.key_display(key)
                )));
            }
            Ok(true)
        })
    }

    /// [[OwnPropertyKeys]] (10.5.11).
    pub(crate) fn proxy_own_keys(&mut self, o: ObjId) -> JsResult<Vec<PropertyKey>> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "ownKeys")?;
            let Some(trap) = trap else {
                return vm.own_property_keys(target);
            };
            let arr = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let Value::Object(arr_obj) = arr else {
                return Err(JsError::type_error(
                    "CreateListFromArrayLike called on non-object",
                ));
            };
            vm.push_root(arr);
            // CreateListFromArrayLike(trapResultArray, property-key).
            let len = vm.length_of_array_like(arr_obj)? as u64;
            let mut keys: Vec<PropertyKey> = Vec::new();
            let mut seen = hashbrown::HashSet::new();
            for i in 0..len {
                let k = vm.index_key(i);
                let v = vm.get(arr_obj, k, arr)?;
                let key = match v {
                    Value::String(_) | Value::Symbol(_) => vm.to_property_key(v)?,
                    _ => {
                        return Err(JsError::type_error(format!(
                            "{} is not a valid property name",
                            vm.display_value(v)
                        )))
                    }
                };
                // Keep the strings alive while we go on (symbols are keys).
                vm.push_root(v);
                keys.push(key);
            }
            for &key in &keys {
                if !seen.insert(key) {
                    return Err(JsError::type_error(format!(
                        "'ownKeys' on proxy: trap returned duplicate entries ('{}')",
                        vm.key_display(key)
                    )));
                }
            }
            let extensible = vm.is_extensible(target)?;
            let target_keys = vm.own_property_keys(target)?;
            let mut configurable = Vec::new();
            let mut nonconfigurable = Vec::new();
            for k in target_keys {
                match vm.get_own_property(target, k)? {
                    Some(d) if d.configurable == Some(false) => nonconfigurable.push(k),
                    _ => configurable.push(k),
                }
            }
            if extensible && nonconfigurable.is_empty() {
                return Ok(keys);
            }
            let mut unchecked: hashbrown::HashSet<PropertyKey> = keys.iter().copied().collect();
            for k in nonconfigurable {
                if !unchecked.remove(&k) {
                    return Err(JsError::type_error(format!(
                        "'ownKeys' on proxy: trap result did not include '{}'",
                        vm.key_display(k)
                    )));
                }
            }
            if extensible {
                return Ok(keys);
            }
            for k in configurable {
                if !unchecked.remove(&k) {
                    return Err(JsError::type_error(format!(
                        "'ownKeys' on proxy: trap result did not include '{}'",
                        vm.key_display(k)
                    )));
                }
            }
            if !unchecked.is_empty() {
                return Err(JsError::type_error(
                    "'ownKeys' on proxy: trap returned extra keys but proxy target is non-extensible",
                ));
            }
            Ok(keys)
        })
    }

    /// [[Call]] (10.5.12).
    pub(crate) fn proxy_call(&mut self, o: ObjId, this: Value, args: &[Value]) -> JsResult<Value> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "apply")?;
            let Some(trap) = trap else {
                return vm.call(Value::Object(target), this, args);
            };
            let arr = vm.new_array(args);
            vm.push_root(Value::Object(arr));
            vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), this, Value::Object(arr)],
            )
        })
    }

    /// [[Construct]] (10.5.13).
    pub(crate) fn proxy_construct(
        &mut self,
        o: ObjId,
        args: &[Value],
        new_target: ObjId,
    ) -> JsResult<Value> {
        self.scoped(|vm| {
            let (target, handler, trap) = vm.proxy_trap(o, "construct")?;
            let Some(trap) = trap else {
                return vm.construct(Value::Object(target), args, Some(Value::Object(new_target)));
            };
            let arr = vm.new_array(args);
            vm.push_root(Value::Object(arr));
            let r = vm.call(
                trap,
                Value::Object(handler),
                &[
                    Value::Object(target),
                    Value::Object(arr),
                    Value::Object(new_target),
                ],
            )?;
            if !r.is_object() {
                return Err(JsError::type_error(
                    "proxy [[Construct]] must return an object",
                ));
            }
            Ok(r)
        })
    }

    /// ProxyCreate(target, handler) (10.5.14).
    pub fn proxy_create(&mut self, target: Value, handler: Value) -> JsResult<ObjId> {
        let (Value::Object(t), Value::Object(h)) = (target, handler) else {
            return Err(JsError::type_error(
                "Cannot create proxy with a non-object as target or handler",
            ));
        };
        let callable = self.heap.obj(t).is_callable();
        let constructor = self.heap.obj(t).is_constructor();
        let p = self.alloc_object(
            ObjectKind::Proxy(ProxyData {
                target: Some(t),
                handler: Some(h),
            }),
            None,
        );
        let obj = self.heap.obj_mut(p);
        obj.set_callable(callable);
        obj.set_constructor(constructor);
        Ok(p)
    }

    /// The atom-or-index key for an integer (for array-like walks).
    pub fn index_key(&mut self, i: u64) -> PropertyKey {
        if i < u32::MAX as u64 {
            PropertyKey::Index(i as u32)
        } else {
            let a: Atom = self.intern(&i.to_string());
            PropertyKey::Atom(a)
        }
    }
}

/// CompletePropertyDescriptor (6.2.6.6).
pub(crate) fn complete_property_descriptor(d: &mut PropertyDescriptor) {
    if d.is_generic() || d.is_data() {
        d.value.get_or_insert(Value::Undefined);
        d.writable.get_or_insert(false);
    } else {
        d.get.get_or_insert(None);
        d.set.get_or_insert(None);
    }
    d.enumerable.get_or_insert(false);
    d.configurable.get_or_insert(false);
}
