//! Parses and compiles every test262 file under test/language and
//! test/built-ins (or the directories given as arguments) and reports how
//! many compile. Module tests and negative parse tests are skipped; files
//! the parser rejects are counted separately.
//!
//! Usage: cargo run -p jsvm-compiler --example test262_compile -- [dirs...]
//! Set `VERBOSE=1` to list every compile error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "js")
            && !p.to_string_lossy().contains("_FIXTURE")
        {
            out.push(p);
        }
    }
}

/// The frontmatter's flags and whether it is a negative parse/early test.
fn metadata(src: &str) -> (Vec<String>, bool) {
    let Some(start) = src.find("/*---") else {
        return (Vec::new(), false);
    };
    let Some(end) = src[start..].find("---*/") else {
        return (Vec::new(), false);
    };
    let meta = &src[start..start + end];
    let mut flags = Vec::new();
    for line in meta.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("flags:") {
            let rest = rest.trim().trim_start_matches('[').trim_end_matches(']');
            flags.extend(
                rest.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            );
        }
    }
    let negative_parse = meta.contains("negative:")
        && (meta.contains("phase: parse") || meta.contains("phase: early"));
    (flags, negative_parse)
}

#[derive(Default)]
struct Stats {
    files: usize,
    skipped_module: usize,
    skipped_negative: usize,
    parse_errors: usize,
    compiled: usize,
    unsupported: BTreeMap<String, usize>,
    errors: BTreeMap<String, usize>,
    panics: usize,
}

fn run(dirs: Vec<PathBuf>) -> Stats {
    let verbose = std::env::var_os("VERBOSE").is_some();
    let mut files = Vec::new();
    for d in &dirs {
        collect(d, &mut files);
    }
    let mut st = Stats::default();
    for path in files {
        st.files += 1;
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let (flags, negative) = metadata(&src);
        if flags.iter().any(|f| f == "module") {
            st.skipped_module += 1;
            continue;
        }
        if negative {
            st.skipped_negative += 1;
            continue;
        }
        let text = if flags.iter().any(|f| f == "onlyStrict") {
            format!("\"use strict\";\n{src}")
        } else {
            src
        };
        let result = std::panic::catch_unwind(|| {
            let arena = jsvm_syntax::Bump::new();
            let program = match jsvm_syntax::parse_script(
                &arena,
                &text,
                &jsvm_syntax::ParseOptions::default(),
            ) {
                Ok(p) => p,
                Err(_) => return None,
            };
            Some(
                jsvm_compiler::compile_script(&program, "test").and_then(|code| {
                    jsvm_bytecode::verify(&code).map_err(|e| jsvm_compiler::CompileError {
                        message: format!("verify: {e}"),
                        offset: 0,
                        line: 0,
                        column: 0,
                    })
                }),
            )
        });
        match result {
            Err(_) => {
                st.panics += 1;
                eprintln!("PANIC {}", path.display());
            }
            Ok(None) => st.parse_errors += 1,
            Ok(Some(Ok(()))) => st.compiled += 1,
            Ok(Some(Err(e))) => {
                if let Some(what) = e.message.strip_prefix("not yet supported: ") {
                    *st.unsupported.entry(what.to_string()).or_default() += 1;
                } else {
                    *st.errors.entry(e.message.clone()).or_default() += 1;
                    if verbose {
                        eprintln!("ERROR {}: {}", path.display(), e);
                    }
                }
            }
        }
    }
    st
}

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        let root = Path::new("/work/shared/test262/test");
        dirs = vec![root.join("language"), root.join("built-ins")];
    }
    std::panic::set_hook(Box::new(|_| {}));
    let st = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || run(dirs))
        .expect("spawn")
        .join()
        .expect("join");
    println!("files:               {}", st.files);
    println!("skipped (module):    {}", st.skipped_module);
    println!("skipped (negative):  {}", st.skipped_negative);
    println!("parse errors:        {}", st.parse_errors);
    println!("compiled:            {}", st.compiled);
    let unsupported: usize = st.unsupported.values().sum();
    println!("not yet supported:   {unsupported}");
    for (k, v) in &st.unsupported {
        println!("    {v:6}  {k}");
    }
    let errors: usize = st.errors.values().sum();
    println!("other compile errors: {errors}");
    for (k, v) in &st.errors {
        println!("    {v:6}  {k}");
    }
    println!("panics:              {}", st.panics);
}
