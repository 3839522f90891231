//! The `jsvm` command: run a script like `node file.js`.
//!
//! Invariant: this crate knows only the runtime's public API; everything it
//! prints about a program (errors, output) comes from the runtime.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use jsvm_runtime::{RejectionMode, Runtime, RuntimeOptions};

/// The engine runs on a thread with a large stack: the parser, compiler and
/// native-to-JS re-entry recurse, and their depth limits assume this much.
const STACK_SIZE: usize = 256 * 1024 * 1024;

#[derive(Parser, Debug)]
#[command(
    name = "jsvm",
    version,
    about = "A small JavaScript engine for code that waits",
    after_help = "With no FILE and no -e, the program is read from standard input when it is not a terminal."
)]
struct Cli {
    /// Evaluate CODE as a script instead of reading a file.
    #[arg(short = 'e', long = "eval", value_name = "CODE")]
    eval: Option<String>,

    /// Run FILE (or -e CODE) as an ES module (`.mjs` files always are).
    #[arg(long)]
    module: bool,

    /// Print the bytecode of the script instead of running it.
    #[arg(long)]
    dump_bytecode: bool,

    /// Collect garbage at every safepoint (slow; finds GC rooting bugs).
    #[arg(long)]
    gc_stress: bool,

    /// Run timers in the same order without waiting for them: when nothing
    /// else can run, the clock jumps to the next timer (performance.now()
    /// and Date.now() see the virtual clock).
    #[arg(long)]
    virtual_time: bool,

    /// What to do with a promise rejected without a handler (as Node's
    /// option of the same name).
    #[arg(long, value_enum, value_name = "MODE", default_value = "throw")]
    unhandled_rejections: Rejections,

    /// The script to run, then the arguments passed to it (process.argv;
    /// options after the script are the script's, as in Node).
    #[arg(
        value_name = "FILE [ARGS]",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    operands: Vec<String>,
}

impl Cli {
    /// The script file (none with `-e`: then every operand is an argument).
    fn file(&self) -> Option<PathBuf> {
        match self.eval {
            Some(_) => None,
            None => self.operands.first().map(PathBuf::from),
        }
    }

    /// The script's arguments.
    fn script_args(&self) -> &[String] {
        match self.eval {
            Some(_) => &self.operands,
            None => self.operands.get(1..).unwrap_or(&[]),
        }
    }
}

/// Node's `--unhandled-rejections` modes.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Rejections {
    /// Raise as an uncaught exception unless an `unhandledRejection`
    /// listener takes it.
    Throw,
    /// Raise as an uncaught exception, then tell `unhandledRejection`
    /// listeners.
    Strict,
    /// Print a warning and carry on.
    Warn,
    /// Print a warning, carry on, and exit with code 1.
    WarnWithErrorCode,
    /// Carry on silently.
    None,
}

impl From<Rejections> for RejectionMode {
    fn from(r: Rejections) -> RejectionMode {
        match r {
            Rejections::Throw => RejectionMode::Throw,
            Rejections::Strict => RejectionMode::Strict,
            Rejections::Warn => RejectionMode::Warn,
            Rejections::WarnWithErrorCode => RejectionMode::WarnWithErrorCode,
            Rejections::None => RejectionMode::None,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let worker = std::thread::Builder::new()
        .name("jsvm".into())
        .stack_size(STACK_SIZE)
        .spawn(move || run(cli));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
}

fn run(cli: Cli) -> u8 {
    let (source, filename) = match load(&cli) {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("jsvm: {msg}");
            return 2;
        }
    };
    let as_module = cli.module || (cli.eval.is_none() && filename.ends_with(".mjs"));
    if cli.dump_bytecode && as_module {
        eprintln!("jsvm: --dump-bytecode lists scripts only, not modules");
        return 2;
    }
    if cli.dump_bytecode {
        return match jsvm_runtime::dump_bytecode(&source, &filename) {
            Ok(listing) => {
                print!("{listing}");
                0
            }
            Err(msg) => {
                eprintln!("{msg}");
                1
            }
        };
    }
    let argv0 = std::env::args().next().unwrap_or_else(|| "jsvm".into());
    let exec_path = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| argv0.clone());
    // As in Node: the executable, the script, its arguments.
    let mut argv = vec![exec_path];
    if cli.file().is_some() {
        argv.push(filename.clone());
    }
    argv.extend(cli.script_args().iter().cloned());
    let options = RuntimeOptions {
        gc_stress: cli.gc_stress,
        argv,
        argv0,
        exec_argv: exec_argv(),
        virtual_time: cli.virtual_time,
        unhandled_rejections: cli.unhandled_rejections.into(),
    };
    let mut runtime = Runtime::new(&options);
    let code = if as_module {
        runtime.run_module(&source, &filename)
    } else {
        runtime.run_script(&source, &filename)
    };
    // The OS keeps the low 8 bits (process.exit(-1) is 255, 300 is 44).
    (code & 0xff) as u8
}

/// The runtime's own options: the command-line words before the script.
fn exec_argv() -> Vec<String> {
    let mut out = Vec::new();
    let mut words = std::env::args().skip(1);
    while let Some(w) = words.next() {
        if !w.starts_with('-') || w == "-" {
            break;
        }
        let takes_value = matches!(w.as_str(), "-e" | "--eval" | "--unhandled-rejections");
        out.push(w);
        if takes_value {
            if let Some(v) = words.next() {
                out.push(v);
            }
        }
    }
    out
}

/// The program text and the name errors show for it.
fn load(cli: &Cli) -> Result<(String, String), String> {
    if let Some(code) = &cli.eval {
        return Ok((code.clone(), "[eval]".into()));
    }
    if let Some(path) = &cli.file() {
        let source = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = std::path::absolute(path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string();
        return Ok((source, name));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(
            "no input: give a FILE, -e CODE, or pipe a program on stdin (see --help)".into(),
        );
    }
    let mut source = String::new();
    stdin
        .lock()
        .read_to_string(&mut source)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok((source, "[stdin]".into()))
}
