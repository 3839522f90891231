//! Host state shared by the natives and the event loop. Natives only get
//! `&mut Vm`, so the state lives in a thread-local `Host`; JavaScript values
//! it needs (timer objects, tick callbacks) are kept alive in one rooted
//! `Slab` instead of one engine persistent slot each.
//!
//! Invariant: a `Host` borrow is never held across a call that can run
//! JavaScript (every access goes through `with_host`, which ends before the
//! caller calls into the engine); every slab entry is rooted until removed.

use std::cell::RefCell;

use jsvm_engine::api::{Attrs, PropertyKey};
use jsvm_engine::error::{JsError, Termination};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::clock::Clock;
use crate::immediates::Immediates;
use crate::tasks::Ticks;
use crate::timers::Timers;

/// What Node's `--unhandled-rejections=MODE` selects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RejectionMode {
    /// Raise the rejection as an uncaught exception (Node's default).
    #[default]
    Throw,
    /// Raise it as an uncaught exception before `unhandledRejection`
    /// listeners are asked.
    Strict,
    /// Print a warning and carry on.
    Warn,
    /// Print a warning, carry on, and exit with code 1 at the end.
    WarnWithErrorCode,
    /// Say nothing.
    None,
}

/// The value of `process.exitCode` (kept as set: Node returns a numeric
/// string as the string).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ExitCode {
    #[default]
    Undefined,
    Null,
    Number(f64),
    /// A numeric string and its value (`"0x10"` is 16).
    Text(String, f64),
}

impl ExitCode {
    /// The process exit status it stands for (`code || 0`, then the low 8
    /// bits of its int32 value, as the OS keeps them).
    pub fn status(&self) -> i32 {
        let n = match self {
            ExitCode::Undefined | ExitCode::Null => 0.0,
            ExitCode::Number(n) => *n,
            ExitCode::Text(_, n) => *n,
        };
        jsvm_engine::num::to_int32(n) & 0xff
    }
}

pub struct Host {
    pub clock: Clock,
    pub timers: Timers,
    pub immediates: Immediates,
    pub ticks: Ticks,
    pub slab: Slab,
    pub rejection_mode: RejectionMode,
    /// `process.exit(code)` was called: unwinding to the loop with code.
    pub exit_requested: Option<i32>,
    /// `process.exitCode` as the program set it.
    pub exit_code: ExitCode,
    /// Rejections reported so far (Node's "rejection id").
    pub rejection_count: u32,
    /// The symbol under which host objects (Timeout, Immediate) keep their
    /// internal record; rooted through the slab.
    pub private_key: Option<PropertyKey>,
    /// An `uncaughtException` listener threw (the exit code becomes 7).
    pub handler_failed: bool,
    /// The `process` object (rooted through the slab), for runtime events.
    pub process: Option<ObjId>,
    /// The prototypes of the Web API classes (see `host_object`).
    pub protos: crate::host_object::Protos,
    /// The I/O completion queue and what is in flight (see `io`).
    pub io: crate::io::Io,
    /// The fetches in flight (see `fetch`).
    pub fetches: crate::fetch::Fetches,
}

impl Host {
    fn new(clock: Clock, rejection_mode: RejectionMode) -> Host {
        Host {
            clock,
            timers: Timers::default(),
            immediates: Immediates::default(),
            ticks: Ticks::default(),
            slab: Slab::default(),
            rejection_mode,
            exit_requested: None,
            exit_code: ExitCode::Undefined,
            rejection_count: 0,
            private_key: None,
            process: None,
            handler_failed: false,
            protos: Default::default(),
            io: Default::default(),
            fetches: Default::default(),
        }
    }
}

thread_local! {
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
}

/// Installs a fresh host for this thread (one runtime per thread).
pub fn init(vm: &mut Vm, virtual_time: bool, rejection_mode: RejectionMode) {
    let mut host = Host::new(Clock::new(virtual_time), rejection_mode);
    let array = vm.new_array_with_proto(&[], None);
    vm.add_persistent(Value::Object(array));
    host.slab.array = Some(array);
    HOST.with(|h| *h.borrow_mut() = Some(host));
    let desc = vm.new_string("jsvm.internal");
    let sym = vm.new_symbol(Some(desc));
    slab_insert(vm, Value::Symbol(sym));
    with_host(|h| h.private_key = Some(PropertyKey::Symbol(sym)));
}

/// The key of host objects' internal records (see `Host::private_key`).
pub fn private_key(vm: &mut Vm) -> PropertyKey {
    match with_host(|h| h.private_key) {
        Some(k) => k,
        None => vm.key("[[jsvm.internal]]"),
    }
}

/// Runs `f` on the host state. Panics never: before `init` (natives called
/// without a runtime) a default real-time host is created.
pub fn with_host<T>(f: impl FnOnce(&mut Host) -> T) -> T {
    HOST.with(|h| {
        let mut h = h.borrow_mut();
        let host = h.get_or_insert_with(|| Host::new(Clock::new(false), RejectionMode::Throw));
        f(host)
    })
}

/// Ends the program from inside a native: records the exit code, raises the
/// engine's interrupt flag (so no more JavaScript runs even if a native
/// swallows the error) and returns the uncatchable error that unwinds
/// every JavaScript frame back to the event loop.
pub fn request_exit(vm: &mut Vm, code: i32) -> JsError {
    with_host(|h| h.exit_requested = Some(code));
    vm.interrupt
        .store(true, std::sync::atomic::Ordering::Relaxed);
    JsError::Terminate(Termination::Interrupted)
}

/// The exit code `process.exit` asked for, if it was called.
pub fn exit_requested() -> Option<i32> {
    with_host(|h| h.exit_requested)
}

/// Rooted storage for host-held JavaScript values: a null-prototype array
/// whose elements are written with `define_value` (no user code can run)
/// and a free list of its indices.
#[derive(Default)]
pub struct Slab {
    array: Option<ObjId>,
    free: Vec<u32>,
    len: u32,
}

impl Slab {
    fn take_index(&mut self) -> u32 {
        self.free.pop().unwrap_or_else(|| {
            self.len += 1;
            self.len - 1
        })
    }
}

/// Stores `v` in the host slab; returns its index.
pub fn slab_insert(vm: &mut Vm, v: Value) -> u32 {
    let (array, i) = with_host(|h| (h.slab.array, h.slab.take_index()));
    if let Some(a) = array {
        vm.define_value(a, PropertyKey::Index(i), v, Attrs::ALL);
    }
    i
}

/// The value at slab index `i`.
pub fn slab_get(vm: &mut Vm, i: u32) -> Value {
    match with_host(|h| h.slab.array) {
        Some(a) => vm
            .get_prop(a, PropertyKey::Index(i))
            .unwrap_or(Value::Undefined),
        None => Value::Undefined,
    }
}

/// Releases slab index `i` (its value may be collected).
pub fn slab_remove(vm: &mut Vm, i: u32) {
    if let Some(a) = with_host(|h| {
        h.slab.free.push(i);
        h.slab.array
    }) {
        vm.define_value(a, PropertyKey::Index(i), Value::Undefined, Attrs::ALL);
    }
}
