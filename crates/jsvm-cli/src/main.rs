//! The `jsvm` command: run a script like `node file.js`.
//!
//! Invariant: this crate knows only the runtime's public API; everything it
//! prints about a program (errors, output) comes from the runtime.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use jsvm_runtime::{Runtime, RuntimeOptions};

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

    /// Run FILE as an ES module (`.mjs` files always are).
    #[arg(long)]
    module: bool,

    /// Print the bytecode of the script instead of running it.
    #[arg(long)]
    dump_bytecode: bool,

    /// Collect garbage at every safepoint (slow; finds GC rooting bugs).
    #[arg(long)]
    gc_stress: bool,

    /// The script to run.
    file: Option<PathBuf>,

    /// Arguments passed to the script (process.argv).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
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
    if cli.module || filename.ends_with(".mjs") {
        eprintln!("jsvm: ES modules are not supported yet");
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
    let mut argv = vec![std::env::args().next().unwrap_or_else(|| "jsvm".into())];
    if cli.file.is_some() {
        argv.push(filename.clone());
    }
    argv.extend(cli.args.iter().cloned());
    let options = RuntimeOptions {
        gc_stress: cli.gc_stress,
        argv,
    };
    let mut runtime = Runtime::new(&options);
    let code = runtime.run_script(&source, &filename);
    code.clamp(0, 255) as u8
}

/// The program text and the name errors show for it.
fn load(cli: &Cli) -> Result<(String, String), String> {
    if let Some(code) = &cli.eval {
        return Ok((code.clone(), "[eval]".into()));
    }
    if let Some(path) = &cli.file {
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
