//! jsvm-runtime: the host around the engine. It runs a script, drains the
//! engine's job queue, runs the event loop (timers), and provides the host
//! APIs (console, timers, process). It uses only the engine's embedding API.
//!
//! Invariant: one `Runtime` per thread; host state that natives need (timers,
//! argv) lives in a thread-local `HostState`, since natives only get `&mut Vm`.

mod console;
mod event_loop;
pub mod inspect;
mod report;

use jsvm_engine::api::EvalError;
use jsvm_engine::vm::{Vm, VmOptions};

pub use report::format_syntax_error;

/// How the runtime is configured by its embedder (the CLI).
#[derive(Clone, Debug, Default)]
pub struct RuntimeOptions {
    /// Collect garbage at every safepoint (finds missing GC roots).
    pub gc_stress: bool,
    /// `process.argv` as Node shows it: the executable, the script, then the
    /// script's arguments.
    pub argv: Vec<String>,
}

/// A configured engine plus its host state.
pub struct Runtime {
    vm: Vm,
}

impl Runtime {
    pub fn new(options: &RuntimeOptions) -> Runtime {
        let vm_options = VmOptions {
            gc_stress: options.gc_stress || VmOptions::default().gc_stress,
            ..VmOptions::default()
        };
        let mut vm = Vm::new(vm_options);
        console::install(&mut vm);
        event_loop::install(&mut vm);
        Runtime { vm }
    }

    /// Runs a classic script to completion, event loop included, printing
    /// uncaught errors to stderr. Returns the process exit code.
    pub fn run_script(&mut self, source: &str, filename: &str) -> i32 {
        match self.vm.eval_script(source, filename) {
            Ok(_) => {}
            Err(EvalError::Syntax(info)) => {
                eprintln!("{}", format_syntax_error(&info));
                return 1;
            }
            Err(EvalError::Thrown(err)) => {
                report::print_uncaught(&mut self.vm, &err);
                return 1;
            }
        }
        match event_loop::run(&mut self.vm) {
            Ok(()) => 0,
            Err(err) => {
                report::print_uncaught(&mut self.vm, &err);
                1
            }
        }
    }
}

/// The bytecode listing of a script (`jsvm --dump-bytecode`).
pub fn dump_bytecode(source: &str, filename: &str) -> Result<String, String> {
    jsvm_engine::disasm::disassemble_script(source, filename)
        .map_err(|info| format_syntax_error(&info))
}
