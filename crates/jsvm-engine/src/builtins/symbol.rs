//! The Symbol constructor and Symbol.prototype (ECMAScript 20.4), with the
//! GlobalSymbolRegistry (`Symbol.for` / `Symbol.keyFor`).

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::object::ObjectKind;
use crate::property::Attrs;
use crate::value::{PropertyKey, RealmId, SymId, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm, realm: RealmId) {
    let proto = vm.realm(realm).intrinsics.symbol_prototype;
    let ctor = vm.make_constructor("Symbol", 0, symbol_ctor, proto);
    vm.realm_mut(realm).intrinsics.symbol = ctor;
    vm.define_method(ctor, "for", 1, symbol_for);
    vm.define_method(ctor, "keyFor", 1, key_for);
    let s = vm.symbols;
    let wk: [(&str, SymId); 15] = [
        ("asyncIterator", s.async_iterator),
        ("hasInstance", s.has_instance),
        ("isConcatSpreadable", s.is_concat_spreadable),
        ("iterator", s.iterator),
        ("match", s.match_),
        ("matchAll", s.match_all),
        ("replace", s.replace),
        ("search", s.search),
        ("species", s.species),
        ("split", s.split),
        ("toPrimitive", s.to_primitive),
        ("toStringTag", s.to_string_tag),
        ("unscopables", s.unscopables),
        ("asyncDispose", s.async_dispose),
        ("dispose", s.dispose),
    ];
    for (name, sym) in wk {
        let k = vm.key(name);
        vm.define_value(ctor, k, Value::Symbol(sym), Attrs::NONE);
    }
    vm.define_method(proto, "toString", 0, to_string);
    vm.define_method(proto, "valueOf", 0, value_of);
    let desc = vm.key("description");
    vm.define_accessor(
        proto,
        desc,
        Some(description),
        None,
        Attrs::CONFIGURABLE_ONLY,
    );
    let tp = s.to_primitive;
    let f = vm.new_native_function(PropertyKey::Symbol(tp), 1, to_primitive, false);
    vm.define_value(
        proto,
        PropertyKey::Symbol(tp),
        Value::Object(f),
        Attrs::CONFIGURABLE_ONLY,
    );
    let tag = vm.new_string("Symbol");
    vm.define_value(
        proto,
        PropertyKey::Symbol(s.to_string_tag),
        Value::String(tag),
        Attrs::CONFIGURABLE_ONLY,
    );
}

/// Symbol([description]) (20.4.1.1).
fn symbol_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if args.new_target.is_some() {
        return Err(JsError::type_error("Symbol is not a constructor"));
    }
    let d = args.arg(0);
    let desc = if d.is_undefined() {
        None
    } else {
        Some(vm.to_string(d)?)
    };
    Ok(Value::Symbol(vm.new_symbol(desc)))
}

/// Symbol.for (20.4.2.2).
fn symbol_for(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = vm.to_string(args.arg(0))?;
    Ok(Value::Symbol(vm.symbol_for(key)))
}

/// Symbol.keyFor (20.4.2.6).
fn key_for(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Symbol(s) = args.arg(0) else {
        return Err(JsError::type_error(format!(
            "{} is not a symbol",
            vm.display_value(args.arg(0))
        )));
    };
    Ok(vm.symbol_key_for(s).map_or(Value::Undefined, Value::String))
}

/// ThisSymbolValue (20.4.3).
fn this_symbol_value(vm: &Vm, v: Value) -> JsResult<SymId> {
    match v {
        Value::Symbol(s) => Ok(s),
        Value::Object(o) => match vm.heap.obj(o).kind {
            ObjectKind::Symbol(s) => Ok(s),
            _ => Err(JsError::type_error(
                "Symbol.prototype method called on incompatible receiver",
            )),
        },
        _ => Err(JsError::type_error(
            "Symbol.prototype method called on incompatible receiver",
        )),
    }
}

impl Vm {
    /// SymbolDescriptiveString (20.4.3.3.1).
    pub fn symbol_descriptive_string(&mut self, s: SymId) -> crate::value::StrId {
        let mut units: Vec<u16> = "Symbol(".encode_utf16().collect();
        if let Some(d) = self.heap.symbol(s).description {
            units.extend(self.heap.str(d).units());
        }
        units.push(b')' as u16);
        self.new_string_utf16(&units)
    }
}

fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_symbol_value(vm, args.this)?;
    Ok(Value::String(vm.symbol_descriptive_string(s)))
}
fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Symbol(this_symbol_value(vm, args.this)?))
}
fn to_primitive(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Symbol(this_symbol_value(vm, args.this)?))
}
fn description(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_symbol_value(vm, args.this)?;
    Ok(vm
        .heap
        .symbol(s)
        .description
        .map_or(Value::Undefined, Value::String))
}
