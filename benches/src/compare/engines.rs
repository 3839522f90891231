//! The engines jsvm is compared with, how to find each one and how to ask
//! its version: jsvm itself (`target/release/jsvm`), `node --jitless`,
//! `node`, Boa's `boa` (on PATH or in ~/.cargo/bin), and QuickJS-ng (a `qjs`
//! executable with `--script --std`, or else PyPI's `quickjs-ng` wrapper
//! driven by `benches/qjs_runner.py`).
//!
//! Invariant: an `Engine`'s command, with a file path appended, runs that
//! file as a classic script with console.log and setTimeout available.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One engine to measure.
#[derive(Clone, Debug)]
pub struct Engine {
    /// Short stable name used on the command line (`--engine node`).
    pub key: &'static str,
    /// How it is shown in the tables.
    pub label: String,
    /// The command; the program's path is appended.
    pub command: Vec<String>,
    /// What the engine says its version is (or how it was determined).
    pub version: String,
}

/// Every engine key, in table order (jsvm first: the baseline of the ratios).
pub const ALL_KEYS: [&str; 5] = ["jsvm", "node-jitless", "node", "boa", "qjs"];

/// Finds `name` in PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// The first non-empty line that `cmd` prints (stdout, else stderr).
fn first_line_of(cmd: &[&str]) -> Option<String> {
    let (program, args) = cmd.split_first()?;
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = if out.stdout.iter().any(|b| !b.is_ascii_whitespace()) {
        out.stdout
    } else {
        out.stderr
    };
    String::from_utf8_lossy(&text)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// jsvm at `binary` (an error message if it is not built).
pub fn jsvm(binary: &Path) -> Result<Engine, String> {
    if !is_executable(binary) {
        return Err(format!(
            "{} is not there: build it first with `cargo build --release -p jsvm-cli`",
            binary.display()
        ));
    }
    let bin = path_str(binary);
    let version = first_line_of(&[&bin, "--version"]).unwrap_or_else(|| "unknown".into());
    Ok(Engine {
        key: "jsvm",
        label: "jsvm".into(),
        command: vec![bin],
        version,
    })
}

/// Node, interpreted only (`--jitless`) or with its JITs.
pub fn node(jitless: bool) -> Option<Engine> {
    let bin = path_str(&which("node")?);
    let version = first_line_of(&[&bin, "--version"]).unwrap_or_else(|| "unknown".into());
    let (key, label, mut command) = if jitless {
        (
            "node-jitless",
            "node --jitless",
            vec![bin.clone(), "--jitless".to_string()],
        )
    } else {
        ("node", "node", vec![bin.clone()])
    };
    // `--jitless` alone makes Node warn on stderr about --expose_wasm.
    if jitless {
        command.push("--no-expose-wasm".into());
    }
    Some(Engine {
        key,
        label: label.into(),
        command,
        version: format!("Node.js {version}"),
    })
}

/// Boa's CLI (`cargo install boa_cli`).
pub fn boa() -> Option<Engine> {
    let bin = which("boa").or_else(|| {
        let home = env::var_os("HOME")?;
        let p = Path::new(&home).join(".cargo/bin/boa");
        is_executable(&p).then_some(p)
    })?;
    let bin = path_str(&bin);
    let version = first_line_of(&[&bin, "--version"]).unwrap_or_else(|| "unknown".into());
    Some(Engine {
        key: "boa",
        label: "boa".into(),
        command: vec![bin],
        version,
    })
}

/// QuickJS-ng: a `qjs` executable, or else the PyPI wrapper through
/// `runner` (benches/qjs_runner.py) when `python3` can import `quickjs`.
pub fn quickjs(runner: &Path) -> Option<Engine> {
    if let Some(qjs) = which("qjs") {
        let bin = path_str(&qjs);
        let version = first_line_of(&[&bin, "--version"])
            .or_else(|| first_line_of(&[&bin, "-h"]))
            .unwrap_or_else(|| "unknown".into());
        return Some(Engine {
            key: "qjs",
            label: "qjs".into(),
            command: vec![bin, "--script".into(), "--std".into()],
            version,
        });
    }
    let python = path_str(&which("python3")?);
    let probe = "import importlib.metadata as m, platform; \
                 print('quickjs-ng ' + m.version('quickjs-ng') + ' (PyPI wheel) on Python ' + platform.python_version())";
    let version = first_line_of(&[&python, "-c", probe]).filter(|v| v.starts_with("quickjs-ng"))?;
    if !runner.is_file() {
        return None;
    }
    Some(Engine {
        key: "qjs",
        label: "quickjs-ng (py)".into(),
        command: vec![python, path_str(runner)],
        version,
    })
}

/// The engines named by `keys` (all of them when empty) that are installed,
/// jsvm first; `missing` collects a note for each one that is not.
pub fn detect(
    keys: &[String],
    jsvm_binary: &Path,
    qjs_runner: &Path,
    missing: &mut Vec<String>,
) -> Result<Vec<Engine>, String> {
    let wanted = |k: &str| keys.is_empty() || keys.iter().any(|w| w == k);
    for k in keys {
        if !ALL_KEYS.contains(&k.as_str()) {
            return Err(format!(
                "unknown engine `{k}` (known: {})",
                ALL_KEYS.join(", ")
            ));
        }
    }
    let mut engines = vec![jsvm(jsvm_binary)?];
    let mut add = |key: &str, found: Option<Engine>, hint: &str| {
        if !wanted(key) {
            return;
        }
        match found {
            Some(e) => engines.push(e),
            None => missing.push(format!("{key}: not installed ({hint})")),
        }
    };
    add("node-jitless", node(true), "node on PATH");
    add("node", node(false), "node on PATH");
    add("boa", boa(), "cargo install boa_cli");
    add(
        "qjs",
        quickjs(qjs_runner),
        "qjs on PATH, or pip install quickjs-ng",
    );
    Ok(engines)
}
