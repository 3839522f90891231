//! Which test files to run: every `.js` file under the given prefixes of
//! `test/`, minus module fixtures (`_FIXTURE` in the name, INTERPRETING.md
//! "Modules") and, unless asked for explicitly, `intl402` (this engine has no
//! ECMA-402). Invariant: the list is sorted and free of duplicates, and paths
//! are relative to `test/` with `/` separators.

use std::path::Path;

/// Normalizes a user-given prefix: `test/built-ins/Array/` and
/// `./built-ins/Array` both become `built-ins/Array`.
pub fn normalize_prefix(p: &str) -> String {
    let mut s = p.replace('\\', "/");
    while let Some(rest) = s.strip_prefix("./") {
        s = rest.to_string();
    }
    if let Some(rest) = s.strip_prefix("test/") {
        s = rest.to_string();
    }
    s.trim_end_matches('/').to_string()
}

/// True when `path` is `prefix` or lies under it (the empty prefix is
/// everything).
pub fn under(path: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || path == prefix
        || (path.starts_with(prefix) && path.as_bytes().get(prefix.len()) == Some(&b'/'))
}

pub fn is_test_file(name: &str) -> bool {
    name.ends_with(".js") && !name.contains("_FIXTURE")
}

/// All test files under `prefixes` (all of `test/` when empty).
pub fn collect(test_dir: &Path, prefixes: &[String]) -> Result<Vec<String>, String> {
    let prefixes: Vec<String> = if prefixes.is_empty() {
        vec![String::new()]
    } else {
        prefixes.iter().map(|p| normalize_prefix(p)).collect()
    };
    let mut out = Vec::new();
    for prefix in &prefixes {
        let full = if prefix.is_empty() {
            test_dir.to_path_buf()
        } else {
            test_dir.join(prefix)
        };
        let before = out.len();
        if full.is_file() {
            let name = prefix.rsplit('/').next().unwrap_or(prefix);
            if is_test_file(name) {
                out.push(prefix.clone());
            }
        } else if full.is_dir() {
            let keep_intl = prefix.contains("intl402");
            walk(&full, prefix, keep_intl, &mut out)?;
        } else {
            return Err(format!(
                "no such test file or directory: {}",
                full.display()
            ));
        }
        if out.len() == before {
            return Err(format!("no tests under {}", full.display()));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, rel: &str, keep_intl: bool, out: &mut Vec<String>) -> Result<(), String> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let child_rel = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        let is_dir = kind.is_dir() || (kind.is_symlink() && entry.path().is_dir());
        if is_dir {
            if name == "intl402" && !keep_intl {
                continue;
            }
            walk(&entry.path(), &child_rel, keep_intl, out)?;
        } else if is_test_file(&name) {
            out.push(child_rel);
        }
    }
    Ok(())
}

/// The directory of `path` cut to `depth` components (`built-ins/Array` for
/// depth 2); files closer to the root give their whole directory.
pub fn group_of(path: &str, depth: usize) -> String {
    let dirs: Vec<&str> = path.split('/').collect();
    let n = dirs.len().saturating_sub(1).min(depth);
    if n == 0 {
        return ".".to_string();
    }
    dirs[..n].join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(normalize_prefix("test/built-ins/Array/"), "built-ins/Array");
        assert_eq!(normalize_prefix("./language"), "language");
        assert!(under("built-ins/Array/a.js", "built-ins/Array"));
        assert!(!under("built-ins/ArrayBuffer/a.js", "built-ins/Array"));
        assert!(under("x.js", ""));
        assert!(under("a/b.js", "a/b.js"));
    }

    #[test]
    fn fixtures_are_not_tests() {
        assert!(is_test_file("a.js"));
        assert!(!is_test_file("dep_FIXTURE.js"));
        assert!(!is_test_file("a.json"));
    }

    #[test]
    fn groups() {
        assert_eq!(group_of("built-ins/Array/from/a.js", 2), "built-ins/Array");
        assert_eq!(group_of("built-ins/Array/a.js", 3), "built-ins/Array");
        assert_eq!(group_of("built-ins/a.js", 1), "built-ins");
        assert_eq!(group_of("a.js", 2), ".");
    }

    #[test]
    fn walking() {
        let dir = std::env::temp_dir().join(format!("jsvm-test262-select-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in [
            "a/x.js",
            "a/b/y.js",
            "a/b/y_FIXTURE.js",
            "a/intl402/z.js",
            "c/w.js",
        ] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        assert_eq!(
            collect(&dir, &[]).unwrap(),
            ["a/b/y.js", "a/x.js", "c/w.js"]
        );
        assert_eq!(
            collect(&dir, &["test/a/b".into(), "a".into()]).unwrap(),
            ["a/b/y.js", "a/x.js"]
        );
        assert_eq!(
            collect(&dir, &["a/intl402".into()]).unwrap(),
            ["a/intl402/z.js"]
        );
        assert_eq!(collect(&dir, &["c/w.js".into()]).unwrap(), ["c/w.js"]);
        assert!(collect(&dir, &["nope".into()]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
