//! Modules (ECMA-262 16.2.1.7 ParseModule): the module's import and export
//! entries, its requested modules, the scope analysis of its top level
//! (the module environment), and the plain-data result [`ModuleCode`]
//! that the engine turns into a Source Text Module Record.
//!
//! Invariant: the module scope's slot 0 is the hidden `%module` binding
//! (the engine stores the module record there when it creates the
//! environment); every binding another module or the engine must reach by
//! slot (exports, hoisted functions, namespace imports) is captured, so it
//! lives in the module environment; import bindings other than namespace
//! imports have no slot and are read with `GetImport` by their index in
//! [`ModuleCode::imports`].

use std::rc::Rc;

use hashbrown::HashSet;
use jsvm_bytecode::{BindingKind, FunctionCode, FunctionKind as FK, ScopeDescriptor};
use jsvm_syntax::ast::*;

use crate::declarations::{lexical_declarations, top_level_functions, var_declarations, LexDecl};
use crate::resolver::Resolver;
use crate::scope::{SKind, ScopeId};

/// The name of the module scope's hidden slot 0 (the module record).
pub const MODULE_SLOT_NAME: &str = "%module";
/// The local name of `export default <expression>` and of anonymous
/// default function/class declarations (the spec's `*default*`).
pub const DEFAULT_LOCAL_NAME: &str = "*default*";

pub use jsvm_syntax::ast::ImportPhase;

/// A ModuleRequest Record (16.2.1.3.1): a specifier, its import attributes
/// (sorted by key) and the phase it is imported at (requests differing
/// only in phase are distinct; the host loads the same module for them).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ModuleRequest {
    pub specifier: String,
    pub attributes: Vec<(String, String)>,
    pub phase: ImportPhase,
}

/// An ImportEntry whose [[ImportName]] is a name (not a namespace): its
/// index in [`ModuleCode::imports`] is the `GetImport` index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportEntry {
    /// Index into [`ModuleCode::requests`].
    pub request: u32,
    pub import_name: String,
    pub local_name: String,
}

/// `import * as ns from "m"`: an immutable binding in slot `slot`,
/// initialized with the namespace of the requested module at link time
/// (its deferred namespace for `import defer`, its source object for
/// `import source`, by the phase of the request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamespaceImport {
    pub request: u32,
    pub local_name: String,
    pub slot: u32,
}

/// A local ExportEntry: `export_name` is the binding in slot `slot`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalExport {
    pub export_name: String,
    pub local_name: String,
    pub slot: u32,
}

/// An indirect ExportEntry (a re-export). `import_name` is `None` for
/// `export * as ns from "m"` (the namespace of the requested module).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndirectExport {
    pub export_name: String,
    pub request: u32,
    pub import_name: Option<String>,
}

/// A function declaration of the module's top level, instantiated into
/// slot `slot` of the module environment by InitializeEnvironment.
#[derive(Debug, Clone)]
pub struct HoistedFunction {
    pub slot: u32,
    pub code: Rc<FunctionCode>,
}

/// A compiled module: everything a Source Text Module Record needs.
#[derive(Debug, Clone)]
pub struct ModuleCode {
    /// The module body, run by ExecuteModule in the module environment
    /// (an async body when `has_tla`).
    pub body: Rc<FunctionCode>,
    /// The module environment's layout; slot 0 is [`MODULE_SLOT_NAME`].
    pub scope: Rc<ScopeDescriptor>,
    /// [[RequestedModules]], in source order without duplicates.
    pub requests: Vec<ModuleRequest>,
    /// Named and default imports (the `GetImport` table).
    pub imports: Vec<ImportEntry>,
    pub namespace_imports: Vec<NamespaceImport>,
    pub local_exports: Vec<LocalExport>,
    pub indirect_exports: Vec<IndirectExport>,
    /// `export * from "m"`: indices into `requests`.
    pub star_exports: Vec<u32>,
    pub functions: Vec<HoistedFunction>,
    /// [[HasTLA]]: the body contains a top-level `await`.
    pub has_tla: bool,
}

/// The import/export entries of a module before slots are known.
#[derive(Default)]
pub(crate) struct Entries {
    pub requests: Vec<ModuleRequest>,
    /// (request, import name or None for a namespace import, local name).
    pub imports: Vec<(u32, Option<String>, String)>,
    /// (export name, local name) of local exports.
    pub local: Vec<(String, String)>,
    pub indirect: Vec<IndirectExport>,
    pub star: Vec<u32>,
}

fn utf16_text(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

impl Entries {
    fn request(
        &mut self,
        source: &StringLiteral<'_>,
        attrs: &[ImportAttribute<'_>],
        phase: ImportPhase,
    ) -> u32 {
        let mut attributes: Vec<(String, String)> = attrs
            .iter()
            .map(|a| (a.key.name.to_string(), utf16_text(a.value.value)))
            .collect();
        attributes.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let r = ModuleRequest {
            specifier: utf16_text(source.value),
            attributes,
            phase,
        };
        match self.requests.iter().position(|x| *x == r) {
            Some(i) => i as u32,
            None => {
                self.requests.push(r);
                (self.requests.len() - 1) as u32
            }
        }
    }

    /// ImportEntries, ExportEntries and ModuleRequests of a module body,
    /// with the export entries split as ParseModule does (16.2.1.7 steps
    /// 10-11): a local export of an imported name becomes an indirect one
    /// (unless the import is a namespace import).
    pub fn collect(body: &[Statement<'_>]) -> Entries {
        let mut e = Entries::default();
        let mut exports: Vec<(String, String)> = Vec::new();
        for s in body {
            match s {
                Statement::Import(d) => {
                    let r = e.request(d.source, d.attributes, d.phase);
                    for spec in d.specifiers {
                        match spec {
                            // `import source x`: the binding is the source.
                            ImportSpecifier::Default { local, .. }
                                if d.phase == ImportPhase::Source =>
                            {
                                e.imports.push((r, None, local.name.into()))
                            }
                            ImportSpecifier::Default { local, .. } => {
                                e.imports
                                    .push((r, Some("default".into()), local.name.into()))
                            }
                            ImportSpecifier::Namespace { local, .. } => {
                                e.imports.push((r, None, local.name.into()))
                            }
                            ImportSpecifier::Named {
                                imported, local, ..
                            } => e
                                .imports
                                .push((r, Some(imported.name.into()), local.name.into())),
                        }
                    }
                }
                Statement::ExportAll(d) => {
                    let r = e.request(d.source, d.attributes, ImportPhase::Evaluation);
                    match &d.exported {
                        Some(name) => e.indirect.push(IndirectExport {
                            export_name: name.name.into(),
                            request: r,
                            import_name: None,
                        }),
                        None => e.star.push(r),
                    }
                }
                Statement::ExportNamed(d) => {
                    if let Some(source) = d.source {
                        let r = e.request(source, d.attributes, ImportPhase::Evaluation);
                        for spec in d.specifiers {
                            e.indirect.push(IndirectExport {
                                export_name: spec.exported.name.into(),
                                request: r,
                                import_name: Some(spec.local.name.into()),
                            });
                        }
                    } else if let Some(decl) = &d.declaration {
                        for n in declared_names(decl) {
                            exports.push((n.clone(), n));
                        }
                    } else {
                        for spec in d.specifiers {
                            exports.push((spec.exported.name.into(), spec.local.name.into()));
                        }
                    }
                }
                Statement::ExportDefault(d) => {
                    let local = default_local_name(d);
                    exports.push(("default".into(), local.into()));
                }
                _ => {}
            }
        }
        for (export_name, local_name) in exports {
            match e.imports.iter().find(|i| i.2 == local_name) {
                // A re-export of a single imported name, or of an imported
                // namespace object (ImportName ~all~).
                Some((r, import_name, _)) => e.indirect.push(IndirectExport {
                    export_name,
                    request: *r,
                    import_name: import_name.clone(),
                }),
                None => e.local.push((export_name, local_name)),
            }
        }
        e
    }
}

/// The BoundNames of an exported declaration.
fn declared_names(s: &Statement<'_>) -> Vec<String> {
    let mut out = Vec::new();
    match s {
        Statement::VariableDeclaration(d) => {
            for decl in d.declarations {
                let mut ids = Vec::new();
                crate::declarations::bound_names(&decl.target, &mut ids);
                out.extend(ids.iter().map(|i| i.name.to_string()));
            }
        }
        Statement::FunctionDeclaration(f) => {
            if let Some(id) = f.id {
                out.push(id.name.into());
            }
        }
        Statement::ClassDeclaration(c) => {
            if let Some(id) = c.id {
                out.push(id.name.into());
            }
        }
        _ => {}
    }
    out
}

/// The local binding name of an `export default` declaration.
pub(crate) fn default_local_name<'a>(d: &ExportDefaultDeclaration<'a>) -> &'a str {
    match d.declaration {
        ExportDefaultKind::Function(f) => f.id.map_or(DEFAULT_LOCAL_NAME, |i| i.name),
        ExportDefaultKind::Class(c) => c.id.map_or(DEFAULT_LOCAL_NAME, |i| i.name),
        ExportDefaultKind::Expression(_) => DEFAULT_LOCAL_NAME,
    }
}

/// The module's top-level statements with `export` wrappers of
/// declarations removed (`export var/let/const/function/class`).
pub(crate) fn unwrapped_body<'a>(body: &[Statement<'a>]) -> Vec<Statement<'a>> {
    body.iter()
        .map(|s| match s {
            Statement::ExportNamed(ExportNamedDeclaration {
                declaration: Some(d),
                ..
            }) => *d,
            other => *other,
        })
        .collect()
}

/// The function declarations instantiated at link time: the top-level
/// ones (exported or not) and `export default function`.
pub(crate) fn hoisted_functions<'a>(body: &[Statement<'a>]) -> Vec<&'a Function<'a>> {
    let mut out = Vec::new();
    for s in body {
        match s {
            Statement::ExportNamed(ExportNamedDeclaration {
                declaration: Some(Statement::FunctionDeclaration(f)),
                ..
            }) => out.push(*f),
            Statement::ExportDefault(ExportDefaultDeclaration {
                declaration: ExportDefaultKind::Function(f),
                ..
            }) => out.push(*f),
            other => top_level_functions(std::slice::from_ref(other), &mut out),
        }
    }
    out
}

impl Resolver {
    /// Pass 1 over a module: the module scope (hidden `%module` and
    /// `this`, imports, vars, functions, lexical declarations, the default
    /// export's binding), then every statement.
    pub fn module(program: &Program<'_>, entries: &Entries) -> Resolver {
        let mut r = Resolver::new();
        r.strict = true;
        let root = r.tree.new_scope(SKind::Module, None, 0);
        r.new_func(FK::Script, true, root);
        r.scope = root;
        r.var_scope = Some(root);
        r.tree.scopes[root].var_scope = true;
        let m = r
            .tree
            .declare(root, MODULE_SLOT_NAME, BindingKind::Hidden, 0);
        r.tree.bindings[m].captured = true;
        r.tree.bindings[m].used = true;
        r.tree.declare(root, "this", BindingKind::Hidden, 0);
        // Imports: immutable and initialized before any code runs.
        let mut index = 0u32;
        for (_, import_name, local) in &entries.imports {
            let b = r.tree.declare(root, local, BindingKind::Const, 0);
            let binding = &mut r.tree.bindings[b];
            binding.tdz = false;
            if import_name.is_some() {
                binding.import = Some(index);
                index += 1;
            } else {
                binding.captured = true;
                binding.used = true;
            }
        }
        let body = unwrapped_body(program.body);
        let mut lex = Vec::new();
        lexical_declarations(&body, false, &mut lex);
        let lex_names: HashSet<&str> = lex
            .iter()
            .filter_map(|d| match d {
                LexDecl::Variable(id, _, _) => Some(id.name),
                LexDecl::Class(c) => c.id.map(|i| i.name),
                LexDecl::Function(_) => None,
            })
            .collect();
        let vars = var_declarations(&body, false, &lex_names);
        for id in &vars.vars {
            r.tree.declare(root, id.name, BindingKind::Var, 0);
        }
        for f in hoisted_functions(program.body) {
            let name = f.id.map_or(DEFAULT_LOCAL_NAME, |i| i.name);
            let b = r.tree.declare(root, name, BindingKind::Let, 0);
            let binding = &mut r.tree.bindings[b];
            binding.tdz = false;
            binding.captured = true;
            binding.used = true;
        }
        r.declare_lexical(root, &lex);
        for s in program.body {
            if let Statement::ExportDefault(d) = s {
                match d.declaration {
                    ExportDefaultKind::Class(c) => {
                        let name = c.id.map_or(DEFAULT_LOCAL_NAME, |i| i.name);
                        r.tree.declare(root, name, BindingKind::Let, c.span.end);
                    }
                    ExportDefaultKind::Expression(_) => {
                        r.tree
                            .declare(root, DEFAULT_LOCAL_NAME, BindingKind::Let, d.span.end);
                    }
                    _ => {}
                }
            }
        }
        // Exported bindings are read by other modules through the
        // environment.
        for (_, local) in &entries.local {
            if let Some(&b) = r.tree.scopes[root].names.get(local.as_str()) {
                let binding = &mut r.tree.bindings[b];
                if binding.import.is_none() {
                    binding.captured = true;
                    binding.used = true;
                }
            }
        }
        r.statements(program.body);
        r.tree.finish_analysis();
        r
    }

    /// `export default ...` in pass 1.
    pub(crate) fn export_default(&mut self, d: &ExportDefaultDeclaration<'_>) {
        match d.declaration {
            ExportDefaultKind::Function(f) => self.function(f, false),
            ExportDefaultKind::Class(c) => {
                self.class(c);
                let name = c.id.map_or(DEFAULT_LOCAL_NAME, |i| i.name);
                self.reference(name, c.span.end);
            }
            ExportDefaultKind::Expression(e) => {
                self.expr(&e);
                self.reference(DEFAULT_LOCAL_NAME, u32::MAX);
            }
        }
    }

    /// An `await` (or `for await`) at the top level of a module makes its
    /// body async ([[HasTLA]]). Scripts and eval code cannot contain one
    /// outside functions (an early error), so function 0 is always a
    /// module here.
    pub(crate) fn top_level_await(&mut self) {
        if self.func != 0 {
            return;
        }
        if let Some(f) = self.tree.funcs.get_mut(0) {
            if f.kind == FK::Script {
                f.is_async = true;
            }
        }
    }
}

/// The module scope of a module's scope tree.
pub(crate) fn module_scope(r: &Resolver) -> ScopeId {
    r.tree.funcs.first().map_or(0, |f| f.root)
}

/// Emits the module and assembles its [`ModuleCode`]: slots for the
/// namespace imports and local exports, the `GetImport` table.
pub(crate) fn finish(
    r: &Resolver,
    program: &Program<'_>,
    source: Rc<jsvm_bytecode::SourceText>,
    entries: Entries,
) -> Result<ModuleCode, crate::CompileError> {
    let root = module_scope(r);
    let (body, functions) = crate::emit::compile_module(r, program, source)?;
    let scope = r.tree.scopes[root]
        .descriptor
        .clone()
        .ok_or_else(|| crate::CompileError::internal("module scope without a descriptor"))?;
    let slot_of = |name: &str| -> Result<u32, crate::CompileError> {
        r.tree.scopes[root]
            .names
            .get(name)
            .and_then(|&b| r.tree.bindings[b].slot)
            .ok_or_else(|| {
                crate::CompileError::internal(&format!("module binding {name} has no slot"))
            })
    };
    let mut imports = Vec::new();
    let mut namespace_imports = Vec::new();
    for (request, import_name, local_name) in entries.imports {
        match import_name {
            Some(import_name) => imports.push(ImportEntry {
                request,
                import_name,
                local_name,
            }),
            None => {
                let slot = slot_of(&local_name)?;
                namespace_imports.push(NamespaceImport {
                    request,
                    local_name,
                    slot,
                })
            }
        }
    }
    let mut local_exports = Vec::new();
    for (export_name, local_name) in entries.local {
        let slot = slot_of(&local_name)?;
        local_exports.push(LocalExport {
            export_name,
            local_name,
            slot,
        });
    }
    Ok(ModuleCode {
        has_tla: body.is_async,
        body,
        scope,
        requests: entries.requests,
        imports,
        namespace_imports,
        local_exports,
        indirect_exports: entries.indirect,
        star_exports: entries.star,
        functions,
    })
}
