//! The built-in objects, one module per spec chapter. Each module has
//! `pub fn init(vm: &mut Vm, realm: RealmId)` that fills in the realm's
//! intrinsics it owns (see `realm.rs` for the creation order).

use crate::value::RealmId;
use crate::vm::Vm;

pub mod array;
pub mod array_buffer;
pub mod array_fast;
pub mod array_from_async;
pub mod array_iteration;
pub mod array_methods;
pub mod array_sort;
pub mod async_from_sync;
pub mod atomics;
pub mod bigint;
pub mod boolean;
pub mod class_support;
#[cfg(test)]
pub mod class_test_support;
pub mod coroutines;
pub mod data_view;
pub mod date;
pub mod error;
pub mod function;
pub mod global;
pub mod iterator;
pub mod iterator_chunking;
pub mod iterator_consumers;
pub mod iterator_helpers;
pub mod iterator_zip;
pub mod json;
pub mod map;
pub mod math;
pub mod number;
pub mod object;
pub mod ordered_table;
pub mod promise;
pub mod proxy;
pub mod reflect;
pub mod regexp;
pub mod regexp_methods;
pub mod set;
pub mod string;
pub mod string_methods;
pub mod string_regexp;
pub mod support;
pub mod symbol;
pub mod typed_array;
pub mod weak;

/// Runs every built-in module's `init` for `realm`, in dependency order.
pub fn init_realm(vm: &mut Vm, realm: RealmId) {
    object::init(vm, realm);
    function::init(vm, realm);
    symbol::init(vm, realm);
    error::init(vm, realm);
    iterator::init(vm, realm);
    iterator_helpers::init(vm, realm);
    iterator_consumers::init(vm, realm);
    iterator_chunking::init(vm, realm);
    iterator_zip::init(vm, realm);
    coroutines::init(vm, realm);
    async_from_sync::init(vm, realm);
    array::init(vm, realm);
    string::init(vm, realm);
    number::init(vm, realm);
    bigint::init(vm, realm);
    boolean::init(vm, realm);
    math::init(vm, realm);
    json::init(vm, realm);
    regexp::init(vm, realm);
    map::init(vm, realm);
    set::init(vm, realm);
    weak::init(vm, realm);
    date::init(vm, realm);
    reflect::init(vm, realm);
    proxy::init(vm, realm);
    promise::init(vm, realm);
    array_buffer::init(vm, realm);
    typed_array::init(vm, realm);
    data_view::init(vm, realm);
    atomics::init(vm, realm);
    global::init(vm, realm);
}
