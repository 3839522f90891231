//! Engine hot paths other than coroutines: the front end's throughput
//! (lexing + parsing, and compiling, in bytes of source per second, on a
//! ~1.5 MB script generated from a varied template) and a warm inline-cache
//! property get.
//!
//! Each interpreter bench runs a script doing `N` operations; its throughput
//! line gives the time per operation, and `loop_baseline` the cost of the
//! bare loop around it.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use jsvm_benches::source_gen::generated_script;
use jsvm_benches::{run, vm_with};

/// Size of the generated front-end input.
const SOURCE_BYTES: usize = 1_500_000;
const N: u64 = 100_000;

fn frontend(c: &mut Criterion) {
    let source = generated_script(SOURCE_BYTES);
    let mut group = c.benchmark_group("frontend");
    group.throughput(Throughput::Bytes(source.len() as u64));
    // A run takes 0.1-0.3 s: ten equal samples of a few runs each.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(6));

    // Lexing and parsing to the AST (the arena is part of the cost).
    group.bench_function("parse", |b| {
        b.iter(|| {
            let arena = jsvm_syntax::Bump::new();
            match jsvm_syntax::parse_script(&arena, &source, &Default::default()) {
                Ok(program) => std::hint::black_box(program.body.len()),
                Err(e) => panic!("generated source does not parse: {e}"),
            }
        })
    });

    // Scope analysis, register allocation and emission, from one AST.
    let arena = jsvm_syntax::Bump::new();
    let program = match jsvm_syntax::parse_script(&arena, &source, &Default::default()) {
        Ok(p) => p,
        Err(e) => panic!("generated source does not parse: {e}"),
    };
    group.bench_function("compile", |b| {
        b.iter(
            || match jsvm_compiler::compile_script(&program, "generated.js") {
                Ok(code) => code,
                Err(e) => panic!("generated source does not compile: {e:?}"),
            },
        )
    });
    group.finish();
}

fn properties(c: &mut Criterion) {
    let mut group = c.benchmark_group("property");
    group.throughput(Throughput::Elements(N));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));

    // One monomorphic load site, warmed up by the setup run: every get hits
    // the inline cache (same shape, slot known).
    let mut vm = vm_with(
        "var point = { x: 1, y: 2, z: 3 }; var sink = 0;\
         function getY(n) { const p = point; let s = 0; for (let i = 0; i < n; i++) s += p.y; return s; }\
         getY(1000);",
    );
    let script = format!("sink = getY({N});");
    group.bench_function("ic_get_warm", |b| b.iter(|| run(&mut vm, &script)));

    let mut vm = vm_with(
        "var sink = 0;\
         function loop(n) { const one = 1; let s = 0; for (let i = 0; i < n; i++) s += one; return s; }\
         loop(1000);",
    );
    let script = format!("sink = loop({N});");
    group.bench_function("loop_baseline", |b| b.iter(|| run(&mut vm, &script)));
    group.finish();
}

criterion_group!(benches, frontend, properties);
criterion_main!(benches);
