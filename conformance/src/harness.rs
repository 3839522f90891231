//! The harness files and how a test's source is composed from them
//! (INTERPRETING.md: "Test262-Defined Bindings", the `async` flag,
//! `includes`, "Strict Mode").
//!
//! Invariant: every harness file is read once, when the `Harness` is built;
//! composing a test never touches the file system.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::frontmatter::Metadata;

/// One way of running a test. Default tests run as `Sloppy` and `Strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Non-strict global code, harness prepended.
    Sloppy,
    /// `"use strict";` first, then the harness, then the test.
    Strict,
    /// The test file exactly as it is, no harness (`raw` flag).
    Raw,
    /// Module code (`module` flag).
    Module,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
            Mode::Raw => "raw",
            Mode::Module => "module",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The modes a test runs in, in order.
pub fn modes(meta: &Metadata) -> Vec<Mode> {
    let f = &meta.flags;
    if f.module {
        vec![Mode::Module]
    } else if f.raw {
        vec![Mode::Raw]
    } else if f.only_strict {
        vec![Mode::Strict]
    } else if f.no_strict {
        vec![Mode::Sloppy]
    } else {
        vec![Mode::Sloppy, Mode::Strict]
    }
}

/// The contents of `harness/`, keyed by path relative to it (`assert.js`,
/// `sm/non262.js`).
pub struct Harness {
    files: HashMap<String, String>,
}

/// A test's full source for one mode.
#[derive(Debug)]
pub struct Composed {
    pub source: String,
    /// How many lines come before the test's own first line; an error
    /// reported on line `<= prefix_lines` is in the harness, not the test.
    pub prefix_lines: u32,
}

/// The directive a strict run starts with (INTERPRETING.md, "Strict Mode").
pub const STRICT_PREFIX: &str = "\"use strict\";\n";

impl Harness {
    /// Reads every `.js` file under `dir` (recursively).
    pub fn load(dir: &Path) -> Result<Harness, String> {
        let mut files = HashMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let entries =
                std::fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
            for entry in entries {
                let path = entry.map_err(|e| e.to_string())?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "js") {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    let rel = path
                        .strip_prefix(dir)
                        .map_err(|e| e.to_string())?
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    files.insert(rel, text);
                }
            }
        }
        for required in ["assert.js", "sta.js", "doneprintHandle.js"] {
            if !files.contains_key(required) {
                return Err(format!("{} has no {required}", dir.display()));
            }
        }
        Ok(Harness { files })
    }

    /// A harness from in-memory files (for tests).
    #[cfg(test)]
    pub fn from_files(files: &[(&str, &str)]) -> Harness {
        Harness {
            files: files
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    pub fn get(&self, name: &str) -> Result<&str, String> {
        self.files
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| format!("harness file `{name}` not found"))
    }

    /// The harness files a test loads, in order: assert.js and sta.js (not
    /// for `raw`), doneprintHandle.js for `async`, then `includes`.
    pub fn file_names(meta: &Metadata) -> Vec<&str> {
        let mut names = Vec::new();
        if meta.flags.raw {
            return names;
        }
        names.push("assert.js");
        names.push("sta.js");
        if meta.flags.is_async {
            names.push("doneprintHandle.js");
        }
        for inc in &meta.includes {
            if !names.contains(&inc.as_str()) {
                names.push(inc);
            }
        }
        names
    }

    /// The harness files of a module test, as one script run before the
    /// test module (in the same realm).
    pub fn prelude(&self, meta: &Metadata) -> Result<String, String> {
        let mut source = String::new();
        for n in Self::file_names(meta) {
            source.push_str(self.get(n)?);
            source.push('\n');
        }
        Ok(source)
    }

    /// Composes the script for `mode`: the strict directive (strict mode
    /// only), `prelude` (host definitions some callers need in JS, e.g. the
    /// CLI cross-check), the harness files, then the test source.
    pub fn compose(
        &self,
        meta: &Metadata,
        mode: Mode,
        test_source: &str,
        prelude: &str,
    ) -> Result<Composed, String> {
        if mode == Mode::Raw || mode == Mode::Module {
            return Ok(Composed {
                source: test_source.to_string(),
                prefix_lines: 0,
            });
        }
        let names = Self::file_names(meta);
        let mut parts = Vec::with_capacity(names.len());
        for n in &names {
            parts.push(self.get(n)?);
        }
        let extra: usize = parts.iter().map(|p| p.len() + 1).sum();
        let mut source = String::with_capacity(
            STRICT_PREFIX.len() + prelude.len() + extra + test_source.len() + 1,
        );
        if mode == Mode::Strict {
            source.push_str(STRICT_PREFIX);
        }
        if !prelude.is_empty() {
            source.push_str(prelude);
            source.push('\n');
        }
        for p in parts {
            source.push_str(p);
            source.push('\n');
        }
        let prefix_lines = count_lines(&source);
        source.push_str(test_source);
        Ok(Composed {
            source,
            prefix_lines,
        })
    }
}

/// Number of line terminators (LF, CRLF, CR, LS, PS) in `s`.
pub fn count_lines(s: &str) -> u32 {
    let mut n = 0u32;
    let mut prev_cr = false;
    for c in s.chars() {
        match c {
            '\n' if prev_cr => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => n += 1,
            _ => {}
        }
        prev_cr = c == '\r';
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::parse;

    fn harness() -> Harness {
        Harness::from_files(&[
            ("assert.js", "var assert;"),
            ("sta.js", "function Test262Error() {}\n// two lines"),
            ("doneprintHandle.js", "function $DONE() {}"),
            ("compareArray.js", "var cmp;"),
        ])
    }

    #[test]
    fn mode_selection() {
        let m = |flags: &str| parse(&format!("/*---\nflags: [{flags}]\n---*/")).unwrap();
        assert_eq!(modes(&m("")), [Mode::Sloppy, Mode::Strict]);
        assert_eq!(modes(&m("onlyStrict")), [Mode::Strict]);
        assert_eq!(modes(&m("noStrict")), [Mode::Sloppy]);
        assert_eq!(modes(&m("raw")), [Mode::Raw]);
        assert_eq!(modes(&m("module")), [Mode::Module]);
        assert_eq!(modes(&m("async, generated")), [Mode::Sloppy, Mode::Strict]);
    }

    #[test]
    fn composition_order() {
        let h = harness();
        let meta = parse("/*---\nflags: [async]\nincludes: [compareArray.js]\n---*/").unwrap();
        let c = h.compose(&meta, Mode::Strict, "test();", "").unwrap();
        assert_eq!(
            c.source,
            "\"use strict\";\nvar assert;\nfunction Test262Error() {}\n// two lines\nfunction $DONE() {}\nvar cmp;\ntest();"
        );
        assert_eq!(c.prefix_lines, 6);
        let c = h
            .compose(&meta, Mode::Sloppy, "test();", "var print;")
            .unwrap();
        assert!(c.source.starts_with("var print;\nvar assert;"));
        assert_eq!(c.prefix_lines, 6);
    }

    #[test]
    fn raw_is_untouched() {
        let h = harness();
        let meta = parse("/*---\nflags: [raw]\n---*/\n'use strict'").unwrap();
        assert!(Harness::file_names(&meta).is_empty());
        let c = h.compose(&meta, Mode::Raw, "x", "prelude").unwrap();
        assert_eq!(c.source, "x");
        assert_eq!(c.prefix_lines, 0);
    }

    #[test]
    fn missing_include_is_an_error() {
        let meta = parse("/*---\nincludes: [nope.js]\n---*/").unwrap();
        assert!(harness().compose(&meta, Mode::Sloppy, "", "").is_err());
    }

    #[test]
    fn line_counting() {
        assert_eq!(count_lines("a\nb\r\nc\rd\u{2028}e"), 4);
        assert_eq!(count_lines(""), 0);
    }
}
