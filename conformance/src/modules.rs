//! The runner's module host (INTERPRETING.md, "module" flag): a loader
//! that resolves specifiers against the importing file (the test's
//! `_FIXTURE` files sit beside it), with `with { type: "json" }` loading
//! JSON modules; and running a `flags: [module]` test: the harness files
//! as a script, then the test file as the entry module.
//!
//! Invariant: one module record per (file, type) per run (the loader's
//! map), so every specifier naming the same fixture — the test itself
//! included — gives the same module.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use jsvm_engine::api::{EvalError, ModuleId, ModuleLoader, ModuleRequest, Referrer};
use jsvm_engine::builtins::promise::PromiseState;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

/// How a module test ended.
pub enum ModuleOutcome {
    /// The test file did not parse (an early error).
    Parse(jsvm_engine::api::SyntaxErrorInfo),
    /// Loading or linking failed (a missing or unparsable fixture, an
    /// unresolvable import).
    Resolution(JsError),
    /// Evaluation threw (or a job did).
    Runtime(JsError),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    JavaScript,
    Json,
    /// `with { type: "text" }` (the import text proposal): the file's
    /// text is the default export.
    Text,
}

/// The test run's loader: files relative to the test file.
pub struct TestLoader {
    /// The test file (scripts and realms resolve against its directory).
    test_file: PathBuf,
    map: RefCell<HashMap<(PathBuf, Kind), ModuleId>>,
    paths: RefCell<HashMap<ModuleId, PathBuf>>,
}

impl TestLoader {
    pub fn new(test_file: &Path) -> TestLoader {
        TestLoader {
            test_file: test_file.to_path_buf(),
            map: RefCell::new(HashMap::new()),
            paths: RefCell::new(HashMap::new()),
        }
    }

    fn register(&self, path: PathBuf, kind: Kind, m: ModuleId) {
        self.map.borrow_mut().insert((path.clone(), kind), m);
        self.paths.borrow_mut().insert(m, path);
    }
}

/// `.` and `..` folded out of an absolute path.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
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

impl ModuleLoader for TestLoader {
    fn load(
        &self,
        vm: &mut Vm,
        referrer: &Referrer,
        request: &ModuleRequest,
    ) -> JsResult<ModuleId> {
        let from = match referrer {
            Referrer::Module(m) => self.paths.borrow().get(m).cloned(),
            _ => None,
        }
        .unwrap_or_else(|| self.test_file.clone());
        let dir = from.parent().map(Path::to_path_buf).unwrap_or_default();
        let path = normalize(&dir.join(&request.specifier));
        let kind = match request.attributes.iter().find(|(k, _)| k == "type") {
            None => Kind::JavaScript,
            Some((_, t)) if t == "json" => Kind::Json,
            Some((_, t)) if t == "text" => Kind::Text,
            Some((_, t)) => {
                return Err(JsError::type_error(format!(
                    "unsupported module type \"{t}\""
                )))
            }
        };
        if let Some(&m) = self.map.borrow().get(&(path.clone(), kind)) {
            return Ok(m);
        }
        let source = std::fs::read_to_string(&path).map_err(|e| {
            JsError::type_error(format!("Cannot load module {}: {e}", path.display()))
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let m = match kind {
            Kind::Json => vm.json_module(&source, &name)?,
            Kind::Text => {
                let text = Value::String(vm.new_string(&source));
                vm.default_export_module(text, &name)
            }
            Kind::JavaScript => vm.parse_module(&source, &name).map_err(|e| match e {
                EvalError::Syntax(info) => JsError::syntax_error(info.message),
                EvalError::Thrown(e) => e,
            })?,
        };
        self.register(path, kind, m);
        Ok(m)
    }
}

/// Installs a loader for the test file `file` (for `import()` in scripts
/// and for module tests); returns it.
pub fn install(vm: &mut Vm, file: &Path) -> Rc<TestLoader> {
    let loader = Rc::new(TestLoader::new(file));
    vm.set_module_loader(loader.clone());
    loader
}

/// Runs a module test: `harness` as a script, then `source` (the test
/// file `file`) as the entry module, then every job; a rejected
/// evaluation promise is a runtime error.
pub fn run_module_test(
    vm: &mut Vm,
    loader: &TestLoader,
    file: &Path,
    name: &str,
    harness: &str,
    source: &str,
) -> Result<(), ModuleOutcome> {
    match vm.eval_script(harness, "harness") {
        Ok(_) => {}
        Err(EvalError::Thrown(e)) => return Err(ModuleOutcome::Runtime(e)),
        Err(EvalError::Syntax(info)) => {
            return Err(ModuleOutcome::Runtime(JsError::syntax_error(format!(
                "harness: {}",
                info.message
            ))))
        }
    }
    let m = vm.parse_module(source, name).map_err(|e| match e {
        EvalError::Syntax(info) => ModuleOutcome::Parse(info),
        EvalError::Thrown(e) => ModuleOutcome::Runtime(e),
    })?;
    loader.register(normalize(file), Kind::JavaScript, m);
    vm.load_and_link_module(m)
        .map_err(ModuleOutcome::Resolution)?;
    let p = vm.evaluate_module(m).map_err(ModuleOutcome::Runtime)?;
    vm.add_persistent(Value::Object(p));
    vm.run_jobs().map_err(ModuleOutcome::Runtime)?;
    match vm.promise_state(p) {
        Some((PromiseState::Rejected, reason)) => {
            Err(ModuleOutcome::Runtime(JsError::Throw(reason)))
        }
        _ => Ok(()),
    }
}
