//! The `Vm`: one agent's whole state (heap, atoms, realms, interpreter stack,
//! job queue, roots). Every engine operation takes `&mut Vm`.
//!
//! GC rule (see docs/gc.md): collection happens only at safepoints inside the
//! interpreter (`Vm::maybe_gc`). Native code never triggers a collection by
//! itself, but anything that can run JS (calls, getters, setters, proxies,
//! ToPrimitive...) can reach a safepoint: a handle held in a Rust local across
//! such a call must be rooted with `Vm::push_root`. The root stack is trimmed
//! back automatically when a native function returns, so natives push and
//! never pop.
//!
//! OWNER: engine-core helper (struct layout and these methods), except the
//! `interp` field which the interpreter helper owns.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::atom::Atoms;
use crate::heap::Heap;
use crate::interp::InterpState;
use crate::jobs::JobQueue;
use crate::realm::{Realm, WellKnownSymbols};
use crate::string::{Flat, JsString};
use crate::value::{RealmId, StrId, SymId, Value};
use hashbrown::HashMap;

/// Options fixed when a `Vm` is created.
#[derive(Clone, Debug)]
pub struct VmOptions {
    /// Collect at every safepoint (finds missing roots; slow).
    pub gc_stress: bool,
    /// In stress mode, collect at every `gc_stress_interval`-th safepoint
    /// (1 = every safepoint). `JSVM_GC_STRESS=N` sets it.
    pub gc_stress_interval: u32,
    /// Maximum JS call depth before a RangeError is thrown.
    pub max_call_depth: usize,
    /// Maximum nested native->JS re-entries (each costs Rust stack). On
    /// Linux the remaining Rust stack is also checked (see
    /// `Vm::stack_exhausted`), so this can be generous there.
    pub max_native_depth: usize,
    /// The host's clock: the current time in milliseconds since the Unix
    /// epoch, read by `Date.now()`, `new Date()` and `Date()` (None: the
    /// system clock). A runtime with virtual time sets it.
    pub clock: Option<fn() -> f64>,
}

impl Default for VmOptions {
    fn default() -> Self {
        VmOptions {
            gc_stress: std::env::var_os("JSVM_GC_STRESS").is_some_and(|v| v != "0"),
            gc_stress_interval: std::env::var("JSVM_GC_STRESS")
                .ok()
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|&n| n > 0)
                .unwrap_or(1),
            max_call_depth: 10_000,
            max_native_depth: if cfg!(target_os = "linux") {
                10_000
            } else {
                400
            },
            clock: None,
        }
    }
}

pub struct Vm {
    /// Safepoints passed in GC stress mode (for `gc_stress_interval`).
    pub stress_safepoints: u32,
    pub heap: Heap,
    pub atoms: Atoms,
    pub realms: Vec<Realm>,
    /// The realm of the running execution context.
    pub current_realm: RealmId,
    /// Register stack and call frames (owned by the interpreter).
    pub interp: InterpState,
    /// Rooted temporaries of native code (see the module doc).
    pub roots: Vec<Value>,
    /// Embedder-held values (timer callbacks, ...) that must stay alive.
    pub persistent: Vec<Option<Value>>,
    /// Promise jobs and other host-enqueued jobs (HostEnqueuePromiseJob).
    pub jobs: JobQueue,
    pub options: VmOptions,
    /// Set by another thread to stop execution (checked at safepoints).
    pub interrupt: Arc<AtomicBool>,
    /// The well-known symbols (agent-wide).
    pub symbols: WellKnownSymbols,
    /// The GlobalSymbolRegistry (`Symbol.for`), keyed by UTF-16 text.
    pub(crate) symbol_registry: HashMap<Vec<u16>, SymId>,
    /// One-unit strings for units 0..256 (rooted; `unit_string`).
    pub(crate) unit_strings: Vec<StrId>,
    /// The empty string (rooted).
    pub(crate) empty_string: StrId,
    /// Current nesting of native calls (checked against `max_native_depth`).
    pub(crate) native_depth: usize,
    /// WeakRef targets kept alive until the current job ends
    /// (AddToKeptObjects / ClearKeptObjects).
    pub kept_alive: Vec<Value>,
    /// Lowest usable address of the creating thread's stack (0: unknown).
    pub(crate) stack_low: usize,
}

/// Rust stack kept free below the last native->JS re-entry: enough for the
/// deepest native work between two checks (parsing, regexp compilation).
const STACK_MARGIN: usize = 512 << 10;

/// The lowest address of the current thread's stack (Linux; 0 elsewhere or
/// on failure).
#[cfg(target_os = "linux")]
fn stack_low_bound() -> usize {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; it is
    // destroyed after reading the stack bounds and never used again.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return 0;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if r != 0 {
            return 0;
        }
        addr as usize
    }
}

#[cfg(not(target_os = "linux"))]
fn stack_low_bound() -> usize {
    0
}

impl Vm {
    /// Builds a complete agent around an interpreter state: the heap, the
    /// atom table, the well-known symbols and a first realm (the current
    /// one) with all its intrinsics. `Vm::new` (interpreter helper) is
    /// meant to be `Vm::new_with_interp(options, <a fresh InterpState>)`.
    pub fn new_with_interp(options: VmOptions, interp: InterpState) -> Vm {
        let mut heap = Heap::new();
        heap.poison = options.gc_stress;
        if options.gc_stress {
            heap.threshold = 0;
        }
        let symbols = WellKnownSymbols::allocate(&mut heap);
        let empty_string = heap.alloc_string(JsString::flat(Flat::Latin1(Box::new([]))));
        let unit_strings = (0..256u16)
            .map(|u| heap.alloc_string(JsString::flat(Flat::Latin1(Box::new([u as u8])))))
            .collect();
        let mut vm = Vm {
            stress_safepoints: 0,
            heap,
            atoms: Atoms::new(),
            realms: Vec::new(),
            current_realm: RealmId(0),
            interp,
            roots: Vec::new(),
            persistent: Vec::new(),
            jobs: JobQueue::new(),
            options,
            interrupt: Arc::new(AtomicBool::new(false)),
            symbols,
            symbol_registry: HashMap::new(),
            unit_strings,
            empty_string,
            native_depth: 0,
            kept_alive: Vec::new(),
            stack_low: stack_low_bound(),
        };
        let r = vm.create_realm();
        vm.current_realm = r;
        vm
    }

    /// A safepoint: collects when the allocation debt is over the threshold
    /// (or always in GC stress mode). Only the interpreter calls this, at
    /// points where every live handle is in a register, an environment, or
    /// another root (see docs/gc.md).
    #[inline]
    pub fn maybe_gc(&mut self) {
        if self.heap.wants_gc() {
            self.gc_safepoint();
        }
    }

    /// A safepoint past the threshold: a collection is due, or in stress
    /// mode (whose threshold stays 0, so every safepoint lands here) one
    /// more safepoint to count.
    #[cold]
    #[inline(never)]
    fn gc_safepoint(&mut self) {
        if self.options.gc_stress {
            self.stress_safepoints = self.stress_safepoints.wrapping_add(1);
            let interval = self.options.gc_stress_interval.max(1);
            if self.stress_safepoints.is_multiple_of(interval) {
                // Mostly minor collections, so that a missing write
                // barrier shows up as a use of a collected object.
                let full = self
                    .stress_safepoints
                    .is_multiple_of(interval.saturating_mul(8));
                self.gc_collect(full);
            }
            return;
        }
        self.gc_collect(self.heap.next_full);
    }

    /// True when less than a safety margin of Rust stack is left (checked
    /// at every native->JS re-entry; always false where the stack bounds
    /// are unknown).
    #[inline]
    pub fn stack_exhausted(&self) -> bool {
        if self.stack_low == 0 {
            return false;
        }
        let marker = 0u8;
        let sp = std::ptr::addr_of!(marker) as usize;
        sp < self.stack_low.saturating_add(STACK_MARGIN)
    }

    /// The intrinsics of the current realm.
    #[inline]
    pub fn intrinsics(&self) -> &crate::realm::Intrinsics {
        &self.realms[self.current_realm.0 as usize].intrinsics
    }
    /// The realm record of `r`.
    pub fn realm(&self, r: RealmId) -> &Realm {
        &self.realms[r.0 as usize]
    }
    pub fn realm_mut(&mut self, r: RealmId) -> &mut Realm {
        &mut self.realms[r.0 as usize]
    }

    /// Roots `v` until the current native function returns (or, at top
    /// level, until `truncate_roots`).
    #[inline]
    pub fn push_root(&mut self, v: Value) {
        self.roots.push(v);
    }
    pub fn roots_len(&self) -> usize {
        self.roots.len()
    }
    pub fn truncate_roots(&mut self, len: usize) {
        self.roots.truncate(len);
    }
    /// True when the embedder asked execution to stop.
    #[inline]
    pub fn interrupted(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed)
    }
}
