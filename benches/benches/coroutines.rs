//! Coroutine costs: one generator resume/suspend round trip (`it.next()` on
//! a suspended generator), values pulled through for-of from a generator,
//! and one `await` of a plain value (a promise job turn).
//!
//! Beside the round trip, in the same group so the report compares them,
//! JS-to-JS calls of the same shape: a method call with no arguments on an
//! object (`o.next()`), once returning a preallocated object and once
//! returning a fresh `{ value, done }` object as `it.next()` does. The goal
//! is a generator round trip no dearer than such a call.
//!
//! Each measured script does `N` operations in a loop inside a function;
//! the throughput line gives the time per operation, and `loop_baseline`
//! the same loop with a property get (`it.length`) instead of the call.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jsvm_benches::{run, vm_with};

const N: u64 = 100_000;

fn generators(c: &mut Criterion) {
    let mut group = c.benchmark_group("generator");
    group.throughput(Throughput::Elements(N));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));

    // Every loop runs inside a function, on registers, so that the loop
    // itself costs little beside the operation measured.
    let mut vm = vm_with(
        "function* forever() { for (;;) yield 1; }\
         function pull(it, n) { for (let i = 0; i < n; i++) it.next(); }\
         var it = forever(); pull(it, 1000);",
    );
    let script = format!("pull(it, {N});");
    group.bench_function("resume_round_trip", |b| b.iter(|| run(&mut vm, &script)));

    let mut vm = vm_with(
        "function makeIter() { const r = { value: 1, done: false }; return { next() { return r; } }; }\
         function pull(it, n) { for (let i = 0; i < n; i++) it.next(); }\
         var it = makeIter(); pull(it, 1000);",
    );
    group.bench_function("js_call_round_trip", |b| b.iter(|| run(&mut vm, &script)));

    let mut vm = vm_with(
        "function makeIter() { let k = 0; return { next() { return { value: k++, done: false }; } }; }\
         function pull(it, n) { for (let i = 0; i < n; i++) it.next(); }\
         var it = makeIter(); pull(it, 1000);",
    );
    group.bench_function("js_call_new_result", |b| b.iter(|| run(&mut vm, &script)));

    let mut vm = vm_with(
        "function* range(n) { for (let i = 0; i < n; i++) yield i; }\
         function sum(n) { let s = 0; for (const x of range(n)) s += x; return s; }",
    );
    let script = format!("sum({N});");
    group.bench_function("for_of_values", |b| b.iter(|| run(&mut vm, &script)));

    let mut vm = vm_with(
        "function pull(it, n) { for (let i = 0; i < n; i++) it.length; }\
         var it = []; pull(it, 1000);",
    );
    let script = format!("pull(it, {N});");
    group.bench_function("loop_baseline", |b| b.iter(|| run(&mut vm, &script)));
    group.finish();
}

fn awaits(c: &mut Criterion) {
    let mut group = c.benchmark_group("async");
    group.throughput(Throughput::Elements(N));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    let mut vm = vm_with("async function awaits(n) { for (let i = 0; i < n; i++) await i; }");
    let script = format!("awaits({N});");
    group.bench_function("await_tick", |b| b.iter(|| run(&mut vm, &script)));
    group.finish();
}

criterion_group!(benches, generators, awaits);
criterion_main!(benches);
