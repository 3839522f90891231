//! jsvm-runtime: the host around the engine. It runs a script, drains the
//! engine's job queue, runs the event loop (timers, immediates), and
//! provides the host APIs (console, timers, queueMicrotask, process,
//! performance; fetch, streams, text encoding, URL, AbortController — see
//! "Network and streams" in docs/architecture.md). It uses only the
//! engine's embedding API.
//!
//! Invariant: one `Runtime` per thread; host state that natives need
//! (timers, ticks, exit code) lives in a thread-local `host::Host`, since
//! natives only get `&mut Vm`.

mod abort;
mod clock;
mod console;
mod dom_exception;
mod encoding;
mod errors;
mod event_loop;
mod event_target;
mod events;
mod fetch;
mod host;
mod host_object;
mod immediates;
pub mod inspect;
mod io;
mod modules;
mod performance;
mod process;
mod promises;
mod rejections;
mod report;
mod streams;
mod tasks;
mod timers;
mod url;

use jsvm_engine::vm::{Vm, VmOptions};

pub use host::RejectionMode;
pub use report::format_syntax_error;

/// How the runtime is configured by its embedder (the CLI).
#[derive(Clone, Debug, Default)]
pub struct RuntimeOptions {
    /// Collect garbage at every safepoint (finds missing GC roots).
    pub gc_stress: bool,
    /// `process.argv` as Node shows it: the executable, the script, then the
    /// script's arguments.
    pub argv: Vec<String>,
    /// `process.argv0`: the executable name as invoked.
    pub argv0: String,
    /// `process.execArgv`: the runtime options given before the script.
    pub exec_argv: Vec<String>,
    /// Run timers without waiting: the clock jumps to the next due timer.
    pub virtual_time: bool,
    /// What to do with promises rejected without a handler.
    pub unhandled_rejections: RejectionMode,
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
        host::init(&mut vm, options.virtual_time, options.unhandled_rejections);
        console::install(&mut vm);
        timers::install(&mut vm);
        immediates::install(&mut vm);
        tasks::install(&mut vm);
        performance::install(&mut vm, options.virtual_time);
        let info = process::ProcessInfo {
            argv: options.argv.clone(),
            argv0: options.argv0.clone(),
            exec_argv: options.exec_argv.clone(),
        };
        process::install(&mut vm, &info);
        io::set_virtual_time(options.virtual_time);
        dom_exception::install(&mut vm);
        event_target::install(&mut vm);
        abort::install(&mut vm);
        encoding::install(&mut vm);
        streams::install(&mut vm);
        url::install(&mut vm);
        fetch::install(&mut vm);
        modules::install(&mut vm);
        Runtime { vm }
    }

    /// Runs a classic script to completion, event loop included, printing
    /// uncaught errors to stderr. Returns the process exit status (0-255).
    pub fn run_script(&mut self, source: &str, filename: &str) -> i32 {
        event_loop::run_program(&mut self.vm, source, filename)
    }

    /// Runs `source` (read from `filename`) as the entry ES module: its
    /// imports load from files relative to it, top-level await included,
    /// then the event loop. Returns the process exit status.
    pub fn run_module(&mut self, source: &str, filename: &str) -> i32 {
        event_loop::run_module_program(&mut self.vm, source, filename)
    }
}

/// The bytecode listing of a script (`jsvm --dump-bytecode`).
pub fn dump_bytecode(source: &str, filename: &str) -> Result<String, String> {
    jsvm_engine::disasm::disassemble_script(source, filename)
        .map_err(|info| format_syntax_error(&info))
}
