//! Robustness check: parses truncated and mutated copies of the test262
//! `language/` tests (as scripts and as modules) and reports any panic.
//! The parser must return `Ok` or a `SyntaxError` for every input.
//!
//! Usage: `cargo run -p jsvm-syntax --release --example mutate262 -- [every-nth-file]`

use jsvm_syntax::{parse_module, parse_script, Bump, ParseOptions};
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "js") {
            out.push(p);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    walk(Path::new("/work/shared/test262/test/language"), &mut files);
    files.sort();
    // Test every n-th file (default 7).
    let step: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let h = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut seed: u64 = 0x12345678;
            let mut n = 0;
            for (i, f) in files.iter().enumerate() {
                if i % step != 0 {
                    continue;
                }
                let Ok(src) = std::fs::read_to_string(f) else {
                    continue;
                };
                let mut cuts: Vec<usize> = src.char_indices().map(|(i, _)| i).collect();
                cuts.push(src.len());
                for k in 0..20 {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let a = cuts[(seed as usize) % cuts.len()];
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let b = cuts[(seed as usize) % cuts.len()];
                    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                    let text = match k % 3 {
                        0 => src[..lo].to_string(),
                        1 => format!("{}{}", &src[..lo], &src[hi..]),
                        _ => format!(
                            "{}{}{}",
                            &src[..lo],
                            &src[lo..hi].chars().rev().collect::<String>(),
                            &src[hi..]
                        ),
                    };
                    for module in [false, true] {
                        let t2 = text.clone();
                        let r = std::panic::catch_unwind(move || {
                            let arena = Bump::new();
                            if module {
                                let _ = parse_module(&arena, &t2, &ParseOptions::default());
                            } else {
                                let _ = parse_script(&arena, &t2, &ParseOptions::default());
                            }
                        });
                        n += 1;
                        if r.is_err() {
                            println!("PANIC on {} (k={k}, module={module})", f.display());
                            std::fs::write(format!("/tmp/panic-{n}.js"), &text).ok();
                        }
                    }
                }
            }
            println!("{n} parses");
        })
        .unwrap();
    h.join().unwrap();
}
