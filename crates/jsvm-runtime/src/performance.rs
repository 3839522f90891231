//! The clock seen by programs: `performance.now()` and
//! `performance.timeOrigin`, and under `--virtual-time` the engine's clock
//! hook (`VmOptions::clock`), so `Date.now()`, `new Date()` and `Date()`
//! read the virtual clock.
//!
//! Invariant: everything here reads the host `Clock`, so in virtual mode
//! the values only change when the event loop moves the clock.

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

use crate::host::with_host;

pub fn install(vm: &mut Vm, virtual_time: bool) {
    let performance = vm.new_plain_object();
    vm.define_method(performance, "now", 0, performance_now);
    let origin = with_host(|h| h.clock.time_origin());
    let key = vm.key("timeOrigin");
    vm.define_value(performance, key, Value::Number(origin), Attrs::ALL);
    let tag = vm.new_string("Performance");
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    vm.define_value(
        performance,
        tag_key,
        Value::String(tag),
        Attrs::CONFIGURABLE_ONLY,
    );
    let global = vm.global_object();
    let key = vm.key("performance");
    vm.define_value(global, key, Value::Object(performance), Attrs::METHOD);

    if virtual_time {
        vm.options.clock = Some(virtual_date_now);
    }
}

/// `performance.now()`: milliseconds since the time origin.
fn performance_now(_vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(with_host(|h| h.clock.precise_now())))
}

/// The engine's clock in virtual mode: the wall clock at start plus the
/// virtual time elapsed.
fn virtual_date_now() -> f64 {
    with_host(|h| h.clock.wall_now())
}
