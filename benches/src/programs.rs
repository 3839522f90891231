//! The JS benchmark programs: finding them (`../shared/bench`, beside the
//! repository, and our own in `benches/js/`), their expected checksum lines
//! (`expected.txt` in each directory: `name<TAB>line`), and running one
//! in-process through `jsvm_runtime` on a thread with the CLI's stack size.
//!
//! Invariant: a program is identified by its file stem; its run counts as
//! correct only if some line of its stdout equals its expected line exactly.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The Rust stack the `jsvm` CLI gives the engine thread; in-process runs
/// use the same, so deep recursion behaves as it does on the command line.
pub const ENGINE_STACK_SIZE: usize = 256 * 1024 * 1024;

/// One benchmark program.
#[derive(Clone, Debug)]
pub struct Program {
    /// The file stem, e.g. `fib`.
    pub name: String,
    pub path: PathBuf,
    /// The checksum line its stdout must contain (None: no line recorded).
    pub expected: Option<String>,
}

/// The repository's root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `../shared/bench` beside the repository (`/work/shared/bench` for the
/// checkout at `/work/main`), if it exists.
pub fn shared_bench_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/bench");
    dir.is_dir().then(|| dir.canonicalize().unwrap_or(dir))
}

/// `benches/js`: our own programs.
pub fn own_js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("js")
}

/// Parses an `expected.txt`: one `name<TAB>checksum line` per line.
pub fn parse_expected(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, expect)| (name.to_string(), expect.to_string()))
        .collect()
}

/// The `*.js` files of `dir` in name order, each with its line from
/// `dir/expected.txt` (when the file or the line is missing, `expected` is
/// None and every run of the program counts as failed).
pub fn discover(dir: &Path) -> io::Result<Vec<Program>> {
    let expected = match fs::read_to_string(dir.join("expected.txt")) {
        Ok(text) => parse_expected(&text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => HashMap::new(),
        Err(e) => return Err(e),
    };
    let mut programs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("js") {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let name = name.to_string();
        programs.push(Program {
            expected: expected.get(&name).cloned(),
            name,
            path,
        });
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

/// Whether `stdout` has a line equal to `expected`.
pub fn output_matches(stdout: &str, expected: Option<&str>) -> bool {
    match expected {
        Some(want) => stdout.lines().any(|line| line == want),
        None => false,
    }
}

/// Runs `source` as the `jsvm` CLI would (a fresh runtime, the script, the
/// event loop) on a new thread with [`ENGINE_STACK_SIZE`] of stack, and
/// returns its exit status. What it prints goes to this process's stdout.
pub fn run_in_process(source: &str, filename: &str) -> io::Result<i32> {
    let source = source.to_string();
    let filename = filename.to_string();
    let handle = std::thread::Builder::new()
        .name("jsvm-program".into())
        .stack_size(ENGINE_STACK_SIZE)
        .spawn(move || {
            let options = jsvm_runtime::RuntimeOptions {
                argv: vec!["jsvm".into(), filename.clone()],
                argv0: "jsvm".into(),
                ..Default::default()
            };
            let mut runtime = jsvm_runtime::Runtime::new(&options);
            runtime.run_script(&source, &filename)
        })?;
    handle
        .join()
        .map_err(|_| io::Error::other("the engine thread panicked"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_lines_split_at_the_first_tab() {
        let map = parse_expected("fib\tfib: a\tb\n\nbad line\ngen\tgen: 1\n");
        assert_eq!(map.get("fib").map(String::as_str), Some("fib: a\tb"));
        assert_eq!(map.get("gen").map(String::as_str), Some("gen: 1"));
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn a_run_matches_only_on_a_whole_line() {
        assert!(output_matches("x\nfib: 3\n", Some("fib: 3")));
        assert!(!output_matches("fib: 33\n", Some("fib: 3")));
        assert!(!output_matches("fib: 3\n", None));
    }

    #[test]
    fn own_programs_have_expected_lines() {
        let programs = match discover(&own_js_dir()) {
            Ok(p) => p,
            Err(e) => panic!("benches/js: {e}"),
        };
        assert!(!programs.is_empty());
        for p in &programs {
            assert!(p.expected.is_some(), "{} has no expected line", p.name);
        }
    }
}
