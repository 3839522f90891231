//! The event loop (DESIGN.md, The event loop): after the entry script, drain
//! the job queue; then repeatedly take the earliest due timer (ties in
//! creation order), run it, drain the job queue; exit when no timers remain.
//!
//! Invariant: timer callbacks and their extra arguments are held as engine
//! persistent roots from `setTimeout` until the timer fires for the last time
//! or is cleared, and released exactly once.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::time::{Duration, Instant};

use jsvm_engine::api::CallArgs;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

/// Node clamps delays below 1 ms (and above 2^31-1 ms) to 1 ms.
const MAX_DELAY_MS: f64 = 2_147_483_647.0;

struct Timer {
    callback: usize,
    args: Vec<usize>,
    /// `Some(ms)` for setInterval.
    repeat: Option<u64>,
}

#[derive(Default)]
struct Timers {
    /// (due time in ms since `start`, sequence number, timer id).
    queue: BinaryHeap<Reverse<(u64, u64, u32)>>,
    live: HashMap<u32, Timer>,
    next_id: u32,
    next_seq: u64,
    start: Option<Instant>,
}

impl Timers {
    fn now_ms(&mut self) -> u64 {
        let start = *self.start.get_or_insert_with(Instant::now);
        start.elapsed().as_millis() as u64
    }
}

thread_local! {
    static TIMERS: RefCell<Timers> = RefCell::new(Timers::default());
}

pub fn install(vm: &mut Vm) {
    TIMERS.with(|t| *t.borrow_mut() = Timers::default());
    vm.define_global_function("setTimeout", 2, set_timeout);
    vm.define_global_function("setInterval", 2, set_interval);
    vm.define_global_function("clearTimeout", 1, clear_timer);
    vm.define_global_function("clearInterval", 1, clear_timer);
}

fn delay_ms(vm: &mut Vm, v: Value) -> JsResult<u64> {
    let ms = if v.is_undefined() {
        0.0
    } else {
        vm.to_number(v)?
    };
    Ok(if (1.0..=MAX_DELAY_MS).contains(&ms) {
        ms as u64
    } else {
        1
    })
}

fn add_timer(vm: &mut Vm, a: &CallArgs, repeat: bool) -> JsResult<Value> {
    let callback = a.arg(0);
    if !vm.is_callable(callback) {
        return Err(JsError::type_error(
            "The \"callback\" argument must be of type function",
        ));
    }
    let ms = delay_ms(vm, a.arg(1))?;
    let callback = vm.add_persistent(callback);
    let args = a.rest(2).iter().map(|&v| vm.add_persistent(v)).collect();
    let id = TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        t.next_id += 1;
        let id = t.next_id;
        let due = t.now_ms() + ms;
        let seq = t.next_seq;
        t.next_seq += 1;
        t.queue.push(Reverse((due, seq, id)));
        t.live.insert(
            id,
            Timer {
                callback,
                args,
                repeat: repeat.then_some(ms),
            },
        );
        id
    });
    Ok(Value::Number(id as f64))
}

fn set_timeout(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    add_timer(vm, a, false)
}

fn set_interval(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    add_timer(vm, a, true)
}

fn clear_timer(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Value::Number(n) = a.arg(0) {
        let removed = TIMERS.with(|t| t.borrow_mut().live.remove(&(n as u32)));
        if let Some(timer) = removed {
            release(vm, &timer);
        }
    }
    Ok(Value::Undefined)
}

fn release(vm: &mut Vm, timer: &Timer) {
    vm.release_persistent(timer.callback);
    for &slot in &timer.args {
        vm.release_persistent(slot);
    }
}

/// Takes the next live timer in due order, sleeping until it is due.
/// Returns its id, or `None` when no timers remain.
fn next_due_timer() -> Option<u32> {
    loop {
        let (due, id, now) = TIMERS.with(|t| {
            let mut t = t.borrow_mut();
            let Reverse((due, _, id)) = *t.queue.peek()?;
            let now = t.now_ms();
            Some((due, id, now))
        })?;
        if !TIMERS.with(|t| t.borrow().live.contains_key(&id)) {
            TIMERS.with(|t| t.borrow_mut().queue.pop());
            continue;
        }
        if due > now {
            std::thread::sleep(Duration::from_millis(due - now));
            continue;
        }
        TIMERS.with(|t| t.borrow_mut().queue.pop());
        return Some(id);
    }
}

/// Runs jobs and timers until nothing is left. An exception escaping a job
/// or a timer callback ends the loop with that error.
pub fn run(vm: &mut Vm) -> JsResult<()> {
    vm.run_jobs()?;
    while let Some(id) = next_due_timer() {
        let (callback, args, repeat) = match TIMERS.with(|t| {
            t.borrow()
                .live
                .get(&id)
                .map(|timer| (timer.callback, timer.args.clone(), timer.repeat))
        }) {
            Some(x) => x,
            None => continue,
        };
        match repeat {
            Some(ms) => TIMERS.with(|t| {
                let mut t = t.borrow_mut();
                let due = t.now_ms() + ms;
                let seq = t.next_seq;
                t.next_seq += 1;
                t.queue.push(Reverse((due, seq, id)));
            }),
            None => {
                if let Some(timer) = TIMERS.with(|t| t.borrow_mut().live.remove(&id)) {
                    // The callback and arguments stay reachable through
                    // `callback_value`/`arg_values` below until the call.
                    let f = vm.get_persistent(timer.callback);
                    let argv: Vec<Value> =
                        timer.args.iter().map(|&s| vm.get_persistent(s)).collect();
                    let mark = vm.roots_len();
                    vm.push_root(f);
                    for &v in &argv {
                        vm.push_root(v);
                    }
                    release(vm, &timer);
                    let result = vm.call(f, Value::Undefined, &argv);
                    vm.truncate_roots(mark);
                    result?;
                    vm.run_jobs()?;
                    continue;
                }
            }
        }
        let f = vm.get_persistent(callback);
        let argv: Vec<Value> = args.iter().map(|&s| vm.get_persistent(s)).collect();
        vm.call(f, Value::Undefined, &argv)?;
        vm.run_jobs()?;
    }
    Ok(())
}
