//! `setTimeout` / `setInterval` / `clearTimeout` / `clearInterval` scheduled
//! exactly as Node's `lib/internal/timers.js` does, so that programs see the
//! same order: one list per duration (timers in insertion order, all with
//! the same `msecs`), the lists in a priority queue by (expiry, list id);
//! a pass at loop time `now` runs the due timers list by list, and a list
//! whose first timer is not yet due gets a new expiry and a new id.
//!
//! `setTimeout` returns a `Timeout` object (it is also the callback's
//! `this`) with `ref`, `unref`, `hasRef`, `refresh`, `close` and
//! `[Symbol.toPrimitive]` (the numeric id, which `clearTimeout` accepts).
//!
//! Invariant: a timer is in `Timers::active` exactly while it is scheduled
//! or running its callback; then (and only then) its Timeout object is held
//! in the host slab. The object keeps the record needed to reschedule it
//! (`refresh`) under the host's private key: `[id, callback, msecs (-1 once
//! cleared), repeat, refed, ...args]`.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, VecDeque};

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::errors::invalid_arg_type;
use crate::host::{private_key, slab_get, slab_insert, slab_remove, with_host};
use crate::tasks::{array_values, call_rooted};

/// Node's TIMEOUT_MAX (2^31 - 1 ms); longer delays become 1 ms.
const TIMEOUT_MAX: f64 = 2_147_483_647.0;

/// Record layout on a Timeout object.
const REC_ID: u32 = 0;
const REC_CALLBACK: u32 = 1;
const REC_MSECS: u32 = 2;
const REC_REPEAT: u32 = 3;
const REC_REFED: u32 = 4;
const REC_ARGS: usize = 5;

/// A priority-queue key: (expiry, list id), smallest first.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Key(f64, u64);

impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

/// Node's TimersList: the timers of one duration.
struct List {
    msecs: f64,
    expiry: f64,
    /// (timer id, enrollment) in insertion order; an entry is stale when
    /// the timer is no longer active with that enrollment.
    entries: VecDeque<(u32, u64)>,
    /// Entries that are not stale.
    live: usize,
}

/// An active timer.
struct Timer {
    /// Slab index of the Timeout object.
    slot: u32,
    msecs: f64,
    /// Loop time when it was (re)scheduled (`_idleStart`).
    start: f64,
    /// `Some(enrollment)` while in a list (not while its callback runs).
    enrolled: Option<u64>,
    refed: bool,
}

#[derive(Default)]
pub struct Timers {
    active: HashMap<u32, Timer>,
    lists: HashMap<u64, List>,
    /// Duration (f64 bits) -> id of its list.
    by_msecs: HashMap<u64, u64>,
    queue: BinaryHeap<Reverse<Key>>,
    refed: usize,
    next_timer_id: u32,
    next_list_id: u64,
    next_enrollment: u64,
    /// Timeout.prototype (rooted through the slab).
    proto: Option<ObjId>,
}

impl Timers {
    /// Puts active timer `id` at the end of the list for its duration,
    /// started at `start` (Node's `insert`; moves it if already listed).
    fn insert(&mut self, id: u32, start: f64) {
        let Some(t) = self.active.get_mut(&id) else {
            return;
        };
        let msecs = t.msecs;
        let was_enrolled = t.enrolled.is_some();
        let enrollment = self.next_enrollment;
        self.next_enrollment += 1;
        t.enrolled = Some(enrollment);
        t.start = start;
        if was_enrolled {
            if let Some(list) = self.list_for(msecs) {
                list.live = list.live.saturating_sub(1);
            }
        }
        let list_id = match self.by_msecs.get(&msecs.to_bits()) {
            Some(&l) => l,
            None => {
                let l = self.next_list_id;
                self.next_list_id += 1;
                let expiry = start + msecs;
                self.lists.insert(
                    l,
                    List {
                        msecs,
                        expiry,
                        entries: VecDeque::new(),
                        live: 0,
                    },
                );
                self.by_msecs.insert(msecs.to_bits(), l);
                self.queue.push(Reverse(Key(expiry, l)));
                l
            }
        };
        if let Some(list) = self.lists.get_mut(&list_id) {
            list.entries.push_back((id, enrollment));
            list.live += 1;
        }
    }

    fn list_for(&mut self, msecs: f64) -> Option<&mut List> {
        let id = *self.by_msecs.get(&msecs.to_bits())?;
        self.lists.get_mut(&id)
    }

    fn delete_list(&mut self, list_id: u64) {
        if let Some(list) = self.lists.remove(&list_id) {
            if self.by_msecs.get(&list.msecs.to_bits()) == Some(&list_id) {
                self.by_msecs.remove(&list.msecs.to_bits());
            }
        }
    }

    /// Node's `unenroll`: takes timer `id` out of its list (deleting the
    /// list if that empties it) and out of the active set. Returns its slab
    /// index so the caller can release it.
    fn unenroll(&mut self, id: u32) -> Option<u32> {
        let t = self.active.remove(&id)?;
        if t.refed {
            self.refed -= 1;
        }
        if let Some(&list_id) = self.by_msecs.get(&t.msecs.to_bits()) {
            let empty = match self.lists.get_mut(&list_id) {
                Some(list) => {
                    if t.enrolled.is_some() {
                        list.live = list.live.saturating_sub(1);
                    }
                    list.live == 0
                }
                None => false,
            };
            if empty {
                self.delete_list(list_id);
            }
        }
        Some(t.slot)
    }

    fn is_current(&self, id: u32, enrollment: u64) -> bool {
        self.active
            .get(&id)
            .is_some_and(|t| t.enrolled == Some(enrollment))
    }

    /// The next timer to run in a pass at loop time `now` (Node's
    /// `processTimers` and `listOnTimeout`, one timer at a time): it is
    /// taken out of its list; None when no list is due.
    fn next_due(&mut self, now: f64) -> Option<u32> {
        loop {
            let Reverse(Key(expiry, list_id)) = *self.queue.peek()?;
            let valid = self.lists.get(&list_id).is_some_and(|l| l.expiry == expiry);
            if !valid {
                self.queue.pop();
                continue;
            }
            if expiry > now {
                return None;
            }
            while let Some(list) = self.lists.get(&list_id) {
                let msecs = list.msecs;
                let Some(&(id, enrollment)) = list.entries.front() else {
                    // The list ran dry: drop it.
                    self.queue.pop();
                    self.delete_list(list_id);
                    break;
                };
                if !self.is_current(id, enrollment) {
                    if let Some(list) = self.lists.get_mut(&list_id) {
                        list.entries.pop_front();
                    }
                    continue;
                }
                let start = self.active.get(&id).map_or(now, |t| t.start);
                if now - start < msecs {
                    // Not yet: the list waits for its first timer, under a
                    // new id (so it sorts after lists made meanwhile).
                    let new_id = self.next_list_id;
                    self.next_list_id += 1;
                    let new_expiry = (start + msecs).max(now + 1.0);
                    self.queue.pop();
                    if let Some(mut list) = self.lists.remove(&list_id) {
                        list.expiry = new_expiry;
                        self.lists.insert(new_id, list);
                        self.by_msecs.insert(msecs.to_bits(), new_id);
                    }
                    self.queue.push(Reverse(Key(new_expiry, new_id)));
                    break;
                }
                if let Some(list) = self.lists.get_mut(&list_id) {
                    list.entries.pop_front();
                    list.live = list.live.saturating_sub(1);
                }
                if let Some(t) = self.active.get_mut(&id) {
                    t.enrolled = None;
                }
                return Some(id);
            }
        }
    }

    /// The earliest expiry of any list (the next time a pass can run
    /// something).
    fn next_expiry(&mut self) -> Option<f64> {
        while let Some(&Reverse(Key(expiry, list_id))) = self.queue.peek() {
            if self
                .lists
                .get(&list_id)
                .is_some_and(|l| l.expiry == expiry && l.live > 0)
            {
                return Some(expiry);
            }
            if self.lists.get(&list_id).is_some_and(|l| l.expiry == expiry) {
                // Only stale entries left: the list is as good as gone.
                self.delete_list(list_id);
            }
            self.queue.pop();
        }
        None
    }
}

pub fn install(vm: &mut Vm) {
    let proto = vm.new_plain_object();
    slab_insert(vm, Value::Object(proto));
    vm.define_method(proto, "refresh", 0, timeout_refresh);
    vm.define_method(proto, "unref", 0, timeout_unref);
    vm.define_method(proto, "ref", 0, timeout_ref);
    vm.define_method(proto, "hasRef", 0, timeout_has_ref);
    vm.define_method(proto, "close", 0, timeout_close);
    let to_primitive = vm.symbols.to_primitive;
    vm.define_method_sym(proto, to_primitive, 1, timeout_to_primitive);
    vm.make_constructor("Timeout", 0, illegal_constructor, proto);
    with_host(|h| h.timers.proto = Some(proto));

    vm.define_global_function("setTimeout", 2, set_timeout);
    vm.define_global_function("setInterval", 2, set_interval);
    vm.define_global_function("clearTimeout", 1, clear_timer);
    vm.define_global_function("clearInterval", 1, clear_timer);
}

/// Host classes cannot be constructed from JavaScript.
pub fn illegal_constructor(_vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    Err(jsvm_engine::error::JsError::type_error(
        "Illegal constructor",
    ))
}

/// Node's delay coercion: `after *= 1`, then anything outside
/// [1, TIMEOUT_MAX] (NaN included) is 1, with a warning above the maximum.
fn coerce_delay(vm: &mut Vm, v: Value) -> JsResult<f64> {
    let after = vm.to_number(v)?;
    if (1.0..=TIMEOUT_MAX).contains(&after) {
        return Ok(after);
    }
    if after > TIMEOUT_MAX {
        let shown = jsvm_engine::num::number_to_string(after);
        crate::report::warning(
            "TimeoutOverflowWarning",
            &format!(
                "{shown} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1."
            ),
        );
    }
    Ok(1.0)
}

fn schedule(vm: &mut Vm, a: &CallArgs, repeat: bool) -> JsResult<Value> {
    let callback = a.arg(0);
    if !vm.is_callable(callback) {
        return Err(invalid_arg_type(vm, "callback", "function", callback));
    }
    let msecs = coerce_delay(vm, a.arg(1))?;
    let (proto, id) = with_host(|h| {
        h.timers.next_timer_id += 1;
        (h.timers.proto, h.timers.next_timer_id)
    });
    let timeout = vm.new_object(proto);
    let mut record = vec![
        Value::Number(id as f64),
        callback,
        Value::Number(msecs),
        Value::Boolean(repeat),
        Value::Boolean(true),
    ];
    record.extend_from_slice(a.rest(2));
    let record = vm.new_array_with_proto(&record, None);
    let key = private_key(vm);
    vm.define_value(timeout, key, Value::Object(record), Attrs::NONE);
    activate(vm, id, timeout, msecs, true);
    Ok(Value::Object(timeout))
}

/// Makes timer `id` active and schedules it from now.
fn activate(vm: &mut Vm, id: u32, timeout: ObjId, msecs: f64, refed: bool) {
    let slot = slab_insert(vm, Value::Object(timeout));
    with_host(|h| {
        let start = h.clock.loop_now();
        let timers = &mut h.timers;
        timers.active.insert(
            id,
            Timer {
                slot,
                msecs,
                start,
                enrolled: None,
                refed,
            },
        );
        if refed {
            timers.refed += 1;
        }
        timers.insert(id, start);
    });
}

fn set_timeout(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    schedule(vm, a, false)
}

fn set_interval(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    schedule(vm, a, true)
}

/// A Timeout object's record, if `v` is one.
fn record_of(vm: &mut Vm, v: Value) -> Option<ObjId> {
    let Value::Object(o) = v else {
        return None;
    };
    let key = private_key(vm);
    match vm.get_own_property(o, key) {
        Ok(Some(d)) => match d.value {
            Some(Value::Object(r)) => Some(r),
            _ => None,
        },
        _ => None,
    }
}

fn record_get(vm: &mut Vm, record: ObjId, i: u32) -> Value {
    vm.get_prop(record, PropertyKey::Index(i))
        .unwrap_or(Value::Undefined)
}

fn record_set(vm: &mut Vm, record: ObjId, i: u32, v: Value) {
    vm.define_value(record, PropertyKey::Index(i), v, Attrs::ALL);
}

fn record_number(vm: &mut Vm, record: ObjId, i: u32) -> f64 {
    match record_get(vm, record, i) {
        Value::Number(n) => n,
        _ => f64::NAN,
    }
}

/// Stops timer `id` for good (clearTimeout / close).
fn clear_id(vm: &mut Vm, id: u32) {
    if let Some(slot) = with_host(|h| h.timers.unenroll(id)) {
        let timeout = slab_get(vm, slot);
        slab_remove(vm, slot);
        if let Some(record) = record_of(vm, timeout) {
            record_set(vm, record, REC_MSECS, Value::Number(-1.0));
        }
    }
}

/// `clearTimeout(timer)` / `clearInterval(timer)`: a Timeout object, or
/// its numeric id (as a number or a string); anything else is ignored.
fn clear_timer(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let v = a.arg(0);
    if let Some(record) = record_of(vm, v) {
        let id = record_number(vm, record, REC_ID);
        record_set(vm, record, REC_MSECS, Value::Number(-1.0));
        if id >= 0.0 {
            clear_id(vm, id as u32);
        }
        return Ok(Value::Undefined);
    }
    let id = match v {
        Value::Number(n) => n,
        Value::String(s) => {
            let text = vm.string_to_rust(s);
            text.trim().parse::<f64>().unwrap_or(f64::NAN)
        }
        _ => f64::NAN,
    };
    if id >= 1.0 && id <= u32::MAX as f64 && id.fract() == 0.0 {
        clear_id(vm, id as u32);
    }
    Ok(Value::Undefined)
}

fn this_record(vm: &mut Vm, a: &CallArgs) -> JsResult<ObjId> {
    record_of(vm, a.this).ok_or_else(|| {
        jsvm_engine::error::JsError::type_error("Illegal invocation: not a Timeout object")
    })
}

/// `timeout.refresh()`: restarts the timer from now with its duration,
/// reactivating it if it already fired (not if it was cleared).
fn timeout_refresh(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let record = this_record(vm, a)?;
    let msecs = record_number(vm, record, REC_MSECS);
    if msecs.is_nan() || msecs < 0.0 {
        return Ok(a.this);
    }
    let id = record_number(vm, record, REC_ID) as u32;
    let refed = matches!(record_get(vm, record, REC_REFED), Value::Boolean(true));
    let is_active = with_host(|h| {
        let now = h.clock.loop_now();
        let timers = &mut h.timers;
        if timers.active.contains_key(&id) {
            timers.insert(id, now);
            true
        } else {
            false
        }
    });
    if !is_active {
        if let Value::Object(timeout) = a.this {
            activate(vm, id, timeout, msecs, refed);
        }
    }
    Ok(a.this)
}

fn set_refed(vm: &mut Vm, a: &CallArgs, refed: bool) -> JsResult<Value> {
    let record = this_record(vm, a)?;
    record_set(vm, record, REC_REFED, Value::Boolean(refed));
    let id = record_number(vm, record, REC_ID) as u32;
    with_host(|h| {
        let timers = &mut h.timers;
        if let Some(t) = timers.active.get_mut(&id) {
            if t.refed != refed {
                t.refed = refed;
                if refed {
                    timers.refed += 1;
                } else {
                    timers.refed -= 1;
                }
            }
        }
    });
    Ok(a.this)
}

fn timeout_ref(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    set_refed(vm, a, true)
}

fn timeout_unref(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    set_refed(vm, a, false)
}

fn timeout_has_ref(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let record = this_record(vm, a)?;
    Ok(Value::Boolean(matches!(
        record_get(vm, record, REC_REFED),
        Value::Boolean(true)
    )))
}

fn timeout_close(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let record = this_record(vm, a)?;
    let id = record_number(vm, record, REC_ID);
    record_set(vm, record, REC_MSECS, Value::Number(-1.0));
    if id >= 0.0 {
        clear_id(vm, id as u32);
    }
    Ok(a.this)
}

fn timeout_to_primitive(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let record = this_record(vm, a)?;
    Ok(record_get(vm, record, REC_ID))
}

/// True while a referenced timer is scheduled (it keeps the loop alive).
pub fn has_refed() -> bool {
    with_host(|h| h.timers.refed > 0)
}

/// When the next list is due, if any timer is scheduled.
pub fn next_expiry() -> Option<f64> {
    with_host(|h| h.timers.next_expiry())
}

/// The next timer due in a pass at loop time `now`.
pub fn next_due(now: f64) -> Option<u32> {
    with_host(|h| h.timers.next_due(now))
}

/// Runs the callback of timer `id` (just taken by `next_due`) with the
/// Timeout as `this`, then reschedules an interval or retires a timeout
/// (Node's `listOnTimeout` body, its `finally` included).
pub fn fire(vm: &mut Vm, id: u32) -> JsResult<()> {
    let Some(slot) = with_host(|h| h.timers.active.get(&id).map(|t| t.slot)) else {
        return Ok(());
    };
    let timeout = slab_get(vm, slot);
    let mark = vm.roots_len();
    vm.push_root(timeout);
    let result = match record_of(vm, timeout) {
        Some(record) => {
            let values = array_values(vm, record);
            let repeat = matches!(values.get(REC_REPEAT as usize), Some(Value::Boolean(true)));
            // An interval restarts from the time its callback began.
            let start = with_host(|h| h.clock.loop_now());
            let callback = values
                .get(REC_CALLBACK as usize)
                .copied()
                .unwrap_or(Value::Undefined);
            let args = values.get(REC_ARGS..).unwrap_or(&[]).to_vec();
            let result = call_rooted(vm, callback, timeout, &args).map(|_| ());
            retire_or_repeat(vm, id, repeat, start);
            result
        }
        None => {
            retire_or_repeat(vm, id, false, 0.0);
            Ok(())
        }
    };
    vm.truncate_roots(mark);
    result
}

fn retire_or_repeat(vm: &mut Vm, id: u32, repeat: bool, start: f64) {
    let released = with_host(|h| {
        let timers = &mut h.timers;
        let t = timers.active.get(&id)?;
        if repeat {
            timers.insert(id, start);
            None
        } else if t.enrolled.is_none() {
            // Not refreshed by its own callback: done.
            timers.unenroll(id)
        } else {
            None
        }
    });
    if let Some(slot) = released {
        slab_remove(vm, slot);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timers_with(specs: &[(u32, f64, f64)]) -> Timers {
        let mut t = Timers::default();
        for &(id, msecs, start) in specs {
            t.active.insert(
                id,
                Timer {
                    slot: id,
                    msecs,
                    start,
                    enrolled: None,
                    refed: true,
                },
            );
            t.refed += 1;
            t.insert(id, start);
        }
        t
    }

    fn pass(t: &mut Timers, now: f64) -> Vec<u32> {
        let mut ran = Vec::new();
        while let Some(id) = t.next_due(now) {
            ran.push(id);
            t.unenroll(id);
        }
        ran
    }

    #[test]
    fn due_timers_run_by_expiry_then_list_order() {
        let mut t = timers_with(&[(1, 30.0, 0.0), (2, 1.0, 0.0), (3, 1.0, 0.0), (4, 10.0, 0.0)]);
        assert_eq!(pass(&mut t, 0.0), Vec::<u32>::new());
        assert_eq!(t.next_expiry(), Some(1.0));
        assert_eq!(pass(&mut t, 1.0), vec![2, 3]);
        assert_eq!(pass(&mut t, 50.0), vec![4, 1]);
        assert_eq!(t.next_expiry(), None);
        assert_eq!(t.refed, 0);
    }

    #[test]
    fn a_late_pass_runs_whole_lists_in_turn() {
        // Node runs list 10 (a1, a2) before list 3 (b1) even though b1 is
        // due before a2, when the pass is late enough for all three.
        let mut t = timers_with(&[(1, 10.0, 0.0), (2, 10.0, 8.0), (3, 3.0, 9.0)]);
        assert_eq!(pass(&mut t, 20.0), vec![1, 2, 3]);
    }

    #[test]
    fn a_list_not_yet_due_is_requeued() {
        let mut t = timers_with(&[(1, 10.0, 0.0), (2, 10.0, 5.0)]);
        assert_eq!(pass(&mut t, 10.0), vec![1]);
        assert_eq!(t.next_expiry(), Some(15.0));
        assert_eq!(pass(&mut t, 15.0), vec![2]);
    }

    #[test]
    fn a_requeued_list_sorts_after_lists_made_while_it_ran() {
        // Node gives list 10 a new id when it finds timer 2 not yet due,
        // after timer 1's callback made list 2; both then expire at 12.
        let mut t = timers_with(&[(1, 10.0, 0.0), (2, 10.0, 2.0)]);
        assert_eq!(t.next_due(10.0), Some(1));
        t.active.insert(
            3,
            Timer {
                slot: 3,
                msecs: 2.0,
                start: 10.0,
                enrolled: None,
                refed: true,
            },
        );
        t.refed += 1;
        t.insert(3, 10.0);
        t.unenroll(1);
        assert_eq!(pass(&mut t, 10.0), Vec::<u32>::new());
        assert_eq!(pass(&mut t, 12.0), vec![3, 2]);
    }

    #[test]
    fn clearing_the_last_timer_drops_the_list() {
        let mut t = timers_with(&[(1, 5.0, 0.0), (2, 7.0, 0.0)]);
        assert!(t.unenroll(1).is_some());
        assert!(t.unenroll(1).is_none());
        assert_eq!(t.next_expiry(), Some(7.0));
        assert_eq!(pass(&mut t, 100.0), vec![2]);
    }
}
