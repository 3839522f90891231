//! End-to-end tests: every `tests/js/NAME.js` (a script) and
//! `tests/js/NAME.mjs` (an ES module) in the repository is run with the
//! `jsvm` binary, and so is the entry `main.mjs` of every multi-file module
//! program `tests/modules/NAME/`. Its stdout must equal `NAME.out` (what
//! `node NAME.js` prints; `main.out` for a module program), and its exit
//! code must be 0 unless a `NAME.exit` file gives another one (then stderr
//! must contain each line of `NAME.err`, if any). A `NAME.flags` file holds
//! jsvm options to put before the script (e.g. `--virtual-time`), a
//! `NAME.args` file arguments to put after it (one per line each). Under GC
//! stress the programs named in `tests/js/HEAVY` are skipped. Regenerate an
//! expectation with
//! `node tests/js/NAME.js $(cat tests/js/NAME.args) > tests/js/NAME.out`
//! (for `--virtual-time` programs node's real-time output is the
//! expectation; for a module program, run node on its `main.mjs` from its
//! directory).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn js_files_print_what_node_prints() {
    let dir = repo_root().join("tests/js");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/js exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "js" || e == "mjs"))
        .collect();
    files.extend(module_programs());
    files.sort();
    // Under GC stress, skip the programs listed in tests/js/HEAVY (see there).
    if std::env::var_os("JSVM_GC_STRESS").is_some_and(|v| v != "0") {
        let heavy = std::fs::read_to_string(dir.join("HEAVY")).unwrap_or_default();
        let heavy: Vec<&str> = heavy
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        files.retain(|f| {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !heavy.contains(&name)
        });
    }
    assert!(!files.is_empty(), "no tests in {}", dir.display());
    let mut failures = Vec::new();
    for file in &files {
        let out = Command::new(env!("CARGO_BIN_EXE_jsvm"))
            .args(lines_of(&file.with_extension("flags")))
            .arg(file)
            .args(lines_of(&file.with_extension("args")))
            .output()
            .expect("jsvm runs");
        let expected_out = std::fs::read_to_string(file.with_extension("out")).unwrap_or_default();
        let expected_code: i32 = std::fs::read_to_string(file.with_extension("exit"))
            .map(|s| s.trim().parse().expect("exit file holds a number"))
            .unwrap_or(0);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code().unwrap_or(-1);
        let mut problems = Vec::new();
        if stdout != expected_out {
            problems.push(format!(
                "stdout differs:\n--- expected\n{expected_out}--- got\n{stdout}"
            ));
        }
        if code != expected_code {
            problems.push(format!("exit code {code}, expected {expected_code}"));
        }
        if let Ok(err_lines) = std::fs::read_to_string(file.with_extension("err")) {
            for line in err_lines.lines().filter(|l| !l.is_empty()) {
                if !stderr.contains(line) {
                    problems.push(format!("stderr lacks {line:?}"));
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}:\n{}\nstderr:\n{stderr}",
                file.display(),
                problems.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} end-to-end tests failed:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

/// The entry modules `tests/modules/NAME/main.mjs` of the multi-file module
/// programs.
fn module_programs() -> Vec<PathBuf> {
    let Ok(dirs) = std::fs::read_dir(repo_root().join("tests/modules")) else {
        return Vec::new();
    };
    dirs.map(|e| e.expect("readable dir entry").path().join("main.mjs"))
        .filter(|p| p.is_file())
        .collect()
}

/// The multi-file module programs are found (a typo in the layout must not
/// silently skip them).
#[test]
fn module_programs_exist() {
    assert!(
        module_programs().len() >= 2,
        "tests/modules has no programs"
    );
}

/// The non-empty lines of an optional file.
fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// `--virtual-time` runs a program whose timers span seconds in a blink,
/// with the output node gives in real time.
#[test]
fn virtual_time_does_not_wait() {
    let file = repo_root().join("tests/js/timers_virtual.js");
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_jsvm"))
        .arg("--virtual-time")
        .arg(&file)
        .output()
        .expect("jsvm runs");
    let elapsed = start.elapsed();
    let expected = std::fs::read_to_string(file.with_extension("out")).expect("expected output");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    assert!(out.status.success());
    assert!(
        elapsed < Duration::from_secs(2),
        "took {elapsed:?} for timers spanning 30 s"
    );
}
