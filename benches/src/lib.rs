//! Helpers shared by the criterion benches: a VM with a script loaded, and
//! running a snippet that must not throw.

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
