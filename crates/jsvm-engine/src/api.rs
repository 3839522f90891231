//! The embedding API: what the runtime, the CLI, the conformance runner and
//! the benches use. Nothing outside this crate reaches into engine internals;
//! if an embedder needs something, it is added here.
//!
//! OWNER: interpreter helper (script evaluation, `Vm::new`), engine-core
//! helper (realm creation, object description for console formatting).

use crate::error::{JsError, JsResult};
use crate::function::NativeFn;
use crate::value::{ObjId, RealmId, Value};
use crate::vm::{Vm, VmOptions};

pub use crate::error::{ErrorKind, Termination};
pub use crate::function::CallArgs;
pub use crate::module::{ModuleId, ModuleLoader, Referrer};
pub use crate::property::{Attrs, PropertyDescriptor};
pub use crate::value::{PropertyKey, StrId, SymId};
pub use jsvm_compiler::{ImportPhase, ModuleRequest};

/// A syntax error found before execution (parse or early error), with the
/// position for `file:line:col` reports.
#[derive(Clone, Debug)]
pub struct SyntaxErrorInfo {
    pub message: String,
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in UTF-16 code units.
    pub column: u32,
    /// The source line the error is on (for the caret display).
    pub source_line: String,
}

/// Why evaluating a script did not complete normally.
#[derive(Clone, Debug)]
pub enum EvalError {
    /// The script did not parse (an early SyntaxError; nothing ran).
    Syntax(SyntaxErrorInfo),
    /// It ran and threw (or was terminated).
    Thrown(JsError),
}

/// An uncaught error, rendered for a terminal the way Node prints it:
/// `Uncaught TypeError: message` then `    at f (file:line:col)` lines.
#[derive(Clone, Debug)]
pub struct ErrorReport {
    /// e.g. "TypeError" (or "Uncaught" value display for non-errors).
    pub name: String,
    pub message: String,
    /// The `stack` property text if the thrown value is an Error object.
    pub stack: Option<String>,
    /// Whole display, e.g. "TypeError: bad\n    at f (a.js:1:7)".
    pub display: String,
}

impl Vm {
    /// A new agent with one realm (the current one).
    pub fn new(options: VmOptions) -> Vm {
        Vm::new_with_interp(options, crate::interp::InterpState::new())
    }
    /// Parses, compiles and runs `source` as a classic script in the current
    /// realm (ScriptEvaluation, 16.1.6).
    pub fn eval_script(&mut self, source: &str, filename: &str) -> Result<Value, EvalError> {
        crate::interp::eval_script(self, source, filename)
    }
    /// Runs queued jobs until the queue is empty (or one throws: the error is
    /// returned and the remaining jobs stay queued).
    pub fn run_jobs(&mut self) -> JsResult<()> {
        while self.run_one_job()? {}
        Ok(())
    }
    /// A new realm with its own intrinsics and global object (for
    /// `$262.createRealm`). Does not change the current realm.
    pub fn create_realm(&mut self) -> RealmId {
        self.create_realm_record()
    }
    /// Runs `f` with `realm` as the current realm.
    pub fn with_realm<T>(&mut self, realm: RealmId, f: impl FnOnce(&mut Vm) -> T) -> T {
        let saved = self.current_realm;
        self.current_realm = realm;
        let r = f(self);
        self.current_realm = saved;
        r
    }
    pub fn global_object(&self) -> ObjId {
        self.realm(self.current_realm).global_object
    }
    /// Defines a native function as a writable, configurable, non-enumerable
    /// property of the current realm's global object.
    pub fn define_global_function(&mut self, name: &str, length: u32, f: NativeFn) -> ObjId {
        let g = self.global_object();
        self.define_method(g, name, length, f)
    }
    /// Turns a native error into an error object of the current realm (no-op
    /// for thrown values).
    pub fn error_to_value(&mut self, err: JsError) -> Value {
        match err {
            JsError::Throw(v) => v,
            JsError::Native(n) => Value::Object(self.new_error(n.kind, &n.message)),
            JsError::Terminate(_) => Value::Undefined,
        }
    }
    /// `error_to_value` in `realm`, as a thrown value: for the errors the
    /// spec creates in a realm other than the running one.
    pub(crate) fn error_in_realm(&mut self, err: JsError, realm: RealmId) -> JsError {
        let saved = self.current_realm;
        self.current_realm = realm;
        let v = self.error_to_value(err);
        self.current_realm = saved;
        JsError::Throw(v)
    }
    /// How an uncaught error is shown to users.
    pub fn error_report(&mut self, err: &JsError) -> ErrorReport {
        crate::builtins::error::error_report(self, err)
    }
    /// Keeps `v` alive until `release_persistent`; returns its slot.
    pub fn add_persistent(&mut self, v: Value) -> usize {
        if let Some(i) = self.persistent.iter().position(|s| s.is_none()) {
            self.persistent[i] = Some(v);
            return i;
        }
        self.persistent.push(Some(v));
        self.persistent.len() - 1
    }
    pub fn get_persistent(&self, slot: usize) -> Value {
        self.persistent
            .get(slot)
            .copied()
            .flatten()
            .unwrap_or(Value::Undefined)
    }
    pub fn release_persistent(&mut self, slot: usize) {
        if let Some(s) = self.persistent.get_mut(slot) {
            *s = None;
        }
    }
    /// Runs a full collection now (`$262.gc`, tests).
    pub fn collect_garbage(&mut self) {
        self.gc_collect(true);
    }

    // ---- Modules (see `module`) ----

    /// Installs the host's module loader for the current realm (realms
    /// created later without one use the first realm's).
    pub fn set_module_loader(&mut self, loader: std::rc::Rc<dyn ModuleLoader>) {
        let r = self.current_realm;
        self.realm_mut(r).module_loader = Some(loader);
    }
    /// ParseModule: parses and compiles `source` as a module named `name`
    /// (its path or URL) in the current realm. Loaders call this for each
    /// new module; early errors come back with a position.
    pub fn parse_module(&mut self, source: &str, name: &str) -> Result<ModuleId, EvalError> {
        crate::module::parse_module(self, source, name)
    }
    /// A JSON module (`with { type: "json" }`) from the JSON text `source`:
    /// its default export is the parsed value. Invalid JSON throws a
    /// SyntaxError.
    pub fn json_module(&mut self, source: &str, name: &str) -> JsResult<ModuleId> {
        crate::module::json_module(self, source, name)
    }
    /// A synthetic module whose only export, "default", is `value`
    /// (CreateDefaultExportSyntheticModule: e.g. a text module's string).
    pub fn default_export_module(&mut self, value: Value, name: &str) -> ModuleId {
        crate::module::default_export_module(self, value, name)
    }
    /// The name a module was created with.
    pub fn module_name(&self, m: ModuleId) -> String {
        crate::module::record(self, m.0).map_or_else(String::new, |r| r.name.clone())
    }
    /// Loads `m`'s module graph through the loader (LoadRequestedModules)
    /// and links it (Link). Load and link errors (a missing file, a missing
    /// export) are returned; on success the graph is ready to evaluate.
    pub fn load_and_link_module(&mut self, m: ModuleId) -> JsResult<()> {
        let base = self.roots_len();
        let r = crate::module::load_requested_modules(self, m.0)
            .and_then(|()| crate::module::link(self, m.0));
        self.truncate_roots(base);
        r
    }
    /// Evaluate(): runs the linked module graph of `m` and returns the
    /// promise of its evaluation (settled once every module of it, top-level
    /// awaits included, has run; rejected with the first error). Only a
    /// termination is returned as an error.
    pub fn evaluate_module(&mut self, m: ModuleId) -> JsResult<ObjId> {
        let base = self.roots_len();
        let r = crate::module::evaluate(self, m.0);
        self.truncate_roots(base);
        r
    }
    /// The entry point for a module: `load_and_link_module`, then
    /// `evaluate_module`.
    pub fn eval_module(&mut self, m: ModuleId) -> JsResult<ObjId> {
        self.load_and_link_module(m)?;
        self.evaluate_module(m)
    }
    /// GetModuleNamespace(m) of a linked module.
    pub fn module_namespace(&mut self, m: ModuleId) -> JsResult<ObjId> {
        crate::module::get_module_namespace(self, m.0)
    }
}
