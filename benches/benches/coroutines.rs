//! Coroutine costs: one generator resume/suspend round trip (`it.next()` on
//! a suspended generator), values pulled through for-of from a generator,
//! and one `await` of a plain value (a promise job turn).
//!
//! Each measured script does `N` operations; the throughput line gives the
//! time per operation.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jsvm_benches::{run, vm_with};

const N: u64 = 100_000;

fn generators(c: &mut Criterion) {
    let mut group = c.benchmark_group("generator");
    group.throughput(Throughput::Elements(N));

    let mut vm =
        vm_with("function* forever() { for (;;) yield 1; } var it = forever(); it.next();");
    let resume = format!("for (let i = 0; i < {N}; i++) it.next();");
    group.bench_function("resume_round_trip", |b| b.iter(|| run(&mut vm, &resume)));

    let mut vm = vm_with("function* range(n) { for (let i = 0; i < n; i++) yield i; }");
    let for_of = format!("{{ let s = 0; for (const x of range({N})) s += x; }}");
    group.bench_function("for_of_values", |b| b.iter(|| run(&mut vm, &for_of)));

    let mut vm = vm_with("var empty = 0;");
    let baseline = format!("for (let i = 0; i < {N}; i++) empty++;");
    group.bench_function("loop_baseline", |b| b.iter(|| run(&mut vm, &baseline)));
    group.finish();
}

fn awaits(c: &mut Criterion) {
    let mut group = c.benchmark_group("async");
    group.throughput(Throughput::Elements(N));
    let mut vm = vm_with("async function awaits(n) { for (let i = 0; i < n; i++) await i; }");
    let script = format!("awaits({N});");
    group.bench_function("await_tick", |b| b.iter(|| run(&mut vm, &script)));
    group.finish();
}

criterion_group!(benches, generators, awaits);
criterion_main!(benches);
