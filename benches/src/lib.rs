//! jsvm-benches: what the criterion benches share (a VM with a script
//! loaded, the generated front-end input, the JS benchmark programs and a
//! way to run them in-process), and the engine comparison behind the
//! `jsvm-bench` binary (`compare`).
//!
//! Invariant: everything here reaches the engine through its public
//! crates' APIs (`jsvm_syntax::parse_script`, `jsvm_compiler::compile_script`,
//! `Vm`'s embedding API, `jsvm_runtime::Runtime`), never its internals.

pub mod compare;
pub mod programs;
pub mod source_gen;
pub mod stdout_redirect;

use jsvm_engine::vm::{Vm, VmOptions};

/// A fresh VM that has run `setup` (and drained its jobs).
pub fn vm_with(setup: &str) -> Vm {
    let mut vm = Vm::new(VmOptions::default());
    run(&mut vm, setup);
    vm
}

/// Runs `source` as a script, then all jobs; panics (a benchmark bug) if
/// either throws.
pub fn run(vm: &mut Vm, source: &str) {
    if vm.eval_script(source, "bench.js").is_err() {
        panic!("benchmark script threw: {source}");
    }
    if vm.run_jobs().is_err() {
        panic!("benchmark jobs threw: {source}");
    }
}
