//! The module loader from files (the host's HostLoadImportedModule and
//! HostGetImportMetaProperties): specifiers relative to the importing
//! module or script (`./`, `../`), absolute paths and `file://` URLs;
//! `.js` and `.mjs` files are ES modules, `with { type: "json" }` loads a
//! JSON module. `import.meta` has `url` (a `file://` URL), `filename` and
//! `dirname`, as in Node.
//!
//! Invariant: the module map holds one record per (canonical path, type):
//! each file is parsed, linked and evaluated at most once per realm, and
//! asking for it again (by any specifier that resolves to it) gives the
//! same record.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use jsvm_engine::api::{
    EvalError, ModuleId, ModuleLoader, ModuleRequest, Referrer, SyntaxErrorInfo,
};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

thread_local! {
    /// The loader of this thread's runtime (one `Runtime` per thread).
    static LOADER: RefCell<Option<Rc<FileLoader>>> = const { RefCell::new(None) };
}

/// Makes a file loader the module loader of `vm` (and of this thread).
pub fn install(vm: &mut Vm) {
    let loader = Rc::new(FileLoader::new());
    LOADER.with(|l| *l.borrow_mut() = Some(loader.clone()));
    vm.set_module_loader(loader);
}

/// This thread's file loader (installed by `install`).
pub fn current() -> Rc<FileLoader> {
    LOADER.with(|l| l.borrow().clone()).unwrap_or_default()
}

/// How a file is loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    JavaScript,
    Json,
}

/// The file loader and its module map.
#[derive(Default)]
pub struct FileLoader {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// The module map: (canonical path, type) -> record.
    map: HashMap<(PathBuf, Kind), ModuleId>,
    /// The file each module was loaded from.
    paths: HashMap<ModuleId, PathBuf>,
    /// The syntax error of the last module that did not parse (for a
    /// `file:line:col` report when it ends the program).
    syntax_error: Option<SyntaxErrorInfo>,
}

impl FileLoader {
    pub fn new() -> FileLoader {
        FileLoader::default()
    }

    /// Creates the entry module from `source` (already read from
    /// `filename`) and enters it in the module map.
    pub fn entry(&self, vm: &mut Vm, source: &str, filename: &str) -> Result<ModuleId, EvalError> {
        let path = absolute(Path::new(filename));
        let canonical = std::fs::canonicalize(&path).unwrap_or(path);
        let m = vm.parse_module(source, filename)?;
        let mut st = self.state.borrow_mut();
        st.map.insert((canonical.clone(), Kind::JavaScript), m);
        st.paths.insert(m, canonical);
        Ok(m)
    }

    /// The syntax error that made the last load fail, if one did.
    pub fn take_syntax_error(&self) -> Option<SyntaxErrorInfo> {
        self.state.borrow_mut().syntax_error.take()
    }

    /// The directory specifiers of `referrer` are relative to, and how the
    /// referrer is named in errors.
    fn base(&self, vm: &Vm, referrer: &Referrer) -> (PathBuf, String) {
        let cwd = std::env::current_dir().unwrap_or_default();
        match referrer {
            Referrer::Module(m) => match self.state.borrow().paths.get(m) {
                Some(p) => (
                    p.parent().map_or(cwd, Path::to_path_buf),
                    p.display().to_string(),
                ),
                None => (cwd, vm.module_name(*m)),
            },
            Referrer::Script(name) => {
                let p = absolute(Path::new(name));
                (
                    p.parent().map_or(cwd, Path::to_path_buf),
                    p.display().to_string(),
                )
            }
            Referrer::Realm => (cwd.clone(), cwd.display().to_string()),
        }
    }
}

/// `path` made absolute against the current directory, with `.` and `..`
/// folded.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Decodes `%XX` escapes of a URL path.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A `file://` URL of an absolute path (percent-encoding what a URL path
/// may not hold).
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'/'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => url.push(b as char),
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// Resolves `specifier` against `base` (Node's ESM resolution for file
/// specifiers).
fn resolve(specifier: &str, base: &Path, referrer: &str) -> JsResult<PathBuf> {
    if let Some(rest) = specifier.strip_prefix("file://") {
        let path = rest.split(['?', '#']).next().unwrap_or("");
        let decoded = percent_decode(path)
            .ok_or_else(|| JsError::type_error(format!("Invalid URL: {specifier}")))?;
        return Ok(absolute(Path::new(&decoded)));
    }
    if specifier.starts_with('/') {
        return Ok(absolute(Path::new(specifier)));
    }
    if specifier.starts_with("./")
        || specifier.starts_with("../")
        || specifier == "."
        || specifier == ".."
    {
        return Ok(absolute(&base.join(specifier)));
    }
    Err(JsError::type_error(format!(
        "Cannot find package '{specifier}' imported from {referrer} (only relative, absolute and file:// specifiers are supported)"
    )))
}

/// The value of the `type` attribute, if any.
fn type_attribute(request: &ModuleRequest) -> Option<&str> {
    request
        .attributes
        .iter()
        .find(|(k, _)| k == "type")
        .map(|(_, v)| v.as_str())
}

impl ModuleLoader for FileLoader {
    fn load(
        &self,
        vm: &mut Vm,
        referrer: &Referrer,
        request: &ModuleRequest,
    ) -> JsResult<ModuleId> {
        let (base, referrer_name) = self.base(vm, referrer);
        let path = resolve(&request.specifier, &base, &referrer_name)?;
        let is_json_file = path.extension().is_some_and(|e| e == "json");
        let kind = match type_attribute(request) {
            None if is_json_file => {
                return Err(JsError::type_error(format!(
                    "Module \"{}\" needs an import attribute of \"type: json\"",
                    file_url(&path)
                )))
            }
            None => Kind::JavaScript,
            Some("json") => Kind::Json,
            Some(other) => {
                return Err(JsError::type_error(format!(
                    "Import attribute \"type\" with value \"{other}\" is not supported"
                )))
            }
        };
        let not_found = || {
            let e = JsError::new(
                jsvm_engine::api::ErrorKind::Error,
                format!(
                    "Cannot find module '{}' imported from {referrer_name}",
                    path.display()
                ),
            );
            Err(e)
        };
        let Ok(canonical) = std::fs::canonicalize(&path) else {
            return not_found();
        };
        if let Some(&m) = self.state.borrow().map.get(&(canonical.clone(), kind)) {
            return Ok(m);
        }
        if canonical.is_dir() {
            return not_found();
        }
        let source = match std::fs::read(&canonical) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => return not_found(),
        };
        let name = path.display().to_string();
        let m = match kind {
            Kind::Json => vm.json_module(&source, &name)?,
            Kind::JavaScript => match vm.parse_module(&source, &name) {
                Ok(m) => m,
                Err(EvalError::Syntax(info)) => {
                    let message = info.message.clone();
                    self.state.borrow_mut().syntax_error = Some(info);
                    return Err(JsError::syntax_error(message));
                }
                Err(EvalError::Thrown(e)) => return Err(e),
            },
        };
        let mut st = self.state.borrow_mut();
        st.map.insert((canonical.clone(), kind), m);
        st.paths.insert(m, canonical);
        Ok(m)
    }

    fn import_meta(&self, vm: &mut Vm, module: ModuleId, meta: ObjId) -> JsResult<()> {
        let Some(path) = self.state.borrow().paths.get(&module).cloned() else {
            return Ok(());
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let props = [
            ("dirname", dir.display().to_string()),
            ("filename", path.display().to_string()),
            ("url", file_url(&path)),
        ];
        for (k, v) in props {
            let key = vm.key(k);
            let s = Value::String(vm.new_string(&v));
            vm.define_property_or_throw(
                meta,
                key,
                jsvm_engine::api::PropertyDescriptor::data(s, true, true, true),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_absolute_and_urls() {
        let base = Path::new("/a/b");
        assert_eq!(
            resolve("./c.mjs", base, "x").ok(),
            Some(PathBuf::from("/a/b/c.mjs"))
        );
        assert_eq!(
            resolve("../c.js", base, "x").ok(),
            Some(PathBuf::from("/a/c.js"))
        );
        assert_eq!(
            resolve("/z/./y.mjs", base, "x").ok(),
            Some(PathBuf::from("/z/y.mjs"))
        );
        assert_eq!(
            resolve("file:///q/r%20s.mjs", base, "x").ok(),
            Some(PathBuf::from("/q/r s.mjs"))
        );
        assert!(resolve("lodash", base, "x").is_err());
    }

    #[test]
    fn file_urls_escape() {
        assert_eq!(file_url(Path::new("/a b/c.mjs")), "file:///a%20b/c.mjs");
    }
}
