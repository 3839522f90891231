//! Helpers the Map, Set, WeakMap, WeakSet, WeakRef, FinalizationRegistry,
//! RegExp and Date built-ins share for realm setup: installing a class
//! constructor in place of the realm's placeholder and the standard
//! `get [Symbol.species]` accessor.
//!
//! Invariant: nothing here runs JavaScript.

use crate::error::JsResult;
use crate::function::{CallArgs, NativeFn};
use crate::property::Attrs;
use crate::realm::Intrinsics;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::support::intrinsics_mut;

/// Creates the constructor `name` (a native function with [[Construct]])
/// in the current realm and records it in the realm's intrinsics with
/// `set`, replacing the placeholder. Returns the constructor.
pub fn install_constructor(
    vm: &mut Vm,
    realm: RealmId,
    name: &str,
    length: u32,
    f: NativeFn,
    set: fn(&mut Intrinsics, ObjId),
) -> ObjId {
    let key = vm.key(name);
    let ctor = vm.new_native_function(key, length, f, true);
    set(intrinsics_mut(vm, realm), ctor);
    ctor
}

/// Defines `get [Symbol.species]` (returning the this value) on `ctor`.
pub fn define_species_getter(vm: &mut Vm, ctor: ObjId) {
    let species = vm.symbols.species;
    vm.define_accessor(
        ctor,
        PropertyKey::Symbol(species),
        Some(species_getter),
        None,
        Attrs::CONFIGURABLE_ONLY,
    );
}

fn species_getter(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this)
}
