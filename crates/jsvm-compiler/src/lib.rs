//! jsvm-compiler: scope analysis, register allocation and bytecode
//! emission, from a `jsvm_syntax` AST to `jsvm_bytecode::FunctionCode`.
//!
//! Architecture invariant: the compiler never sees heap values; its whole
//! output is plain `FunctionCode` data. Pass 1 (`resolver`) builds the scope
//! tree and decides where every binding lives (register, environment slot,
//! global, or by name); pass 2 (`emit`) walks the AST again and emits code,
//! looking scopes up by node. Temporaries are allocated as a stack, and the
//! emitter checks after every statement that none leaked.
//!
//! The public entry points:
//! - [`compile_script`]: a Script (with GlobalDeclarationInstantiation).
//! - [`compile_eval`]: eval code, direct (with the call site's
//!   [`EvalSite`]) or indirect (`None`).
//! - [`compile_function`]: a function parsed by
//!   `jsvm_syntax::parse_dynamic_function` (the Function constructor).
//! - [`compile_module`]: a Module, as plain [`ModuleCode`] (its body, its
//!   import/export entries and requested modules, its hoisted functions).
//! - [`parse_options_for_eval`]: the `ParseOptions` for direct eval code.
//!
//! Recursion: the compiler recurses once per level of syntactic nesting;
//! like the parser it must run on a thread with a large stack (16 MiB
//! covers `jsvm_syntax::MAX_NESTING_DEPTH`).

mod declarations;
mod emit;
mod module;
mod resolver;
mod scope;

pub use module::{
    HoistedFunction, ImportEntry, ImportPhase, IndirectExport, LocalExport, ModuleCode,
    ModuleRequest, NamespaceImport, DEFAULT_LOCAL_NAME, MODULE_SLOT_NAME,
};

#[cfg(test)]
mod module_tests;
#[cfg(test)]
mod tests;

use std::fmt;
use std::rc::Rc;

use jsvm_bytecode::{
    BindingKind, EvalFunctionContext, EvalScope, EvalSite, FunctionCode, FunctionKind, SourceText,
};
use jsvm_syntax::ast::{Program, Span};
use jsvm_syntax::{DynamicFunction, ParseOptions};

/// Why compilation failed. The engine reports it as a SyntaxError.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
    /// Byte offset into the compiled source text.
    pub offset: u32,
    /// 1-based line and UTF-16 column (0 when unknown).
    pub line: u32,
    pub column: u32,
}

impl CompileError {
    /// "not yet supported: what" (for features the compiler lacks).
    #[allow(dead_code)]
    pub(crate) fn unsupported(what: &str, span: Span) -> CompileError {
        CompileError {
            message: format!("not yet supported: {what}"),
            offset: span.start,
            line: 0,
            column: 0,
        }
    }

    pub(crate) fn new(message: impl Into<String>, span: Span) -> CompileError {
        CompileError {
            message: message.into(),
            offset: span.start,
            line: 0,
            column: 0,
        }
    }

    pub(crate) fn internal(what: &str) -> CompileError {
        CompileError {
            message: format!("internal compiler error: {what}"),
            offset: 0,
            line: 0,
            column: 0,
        }
    }

    fn locate(mut self, source: &str) -> CompileError {
        if self.line == 0 {
            let (l, c) = jsvm_syntax::LineIndex::new(source).line_col(self.offset);
            self.line = l;
            self.column = c;
        }
        self
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: SyntaxError: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for CompileError {}

/// Compiles a Script. `name` is the script's name for stack traces.
pub fn compile_script(program: &Program<'_>, name: &str) -> Result<Rc<FunctionCode>, CompileError> {
    let source = Rc::new(SourceText {
        name: name.into(),
        text: program.source.into(),
    });
    if program.source_type == jsvm_syntax::ast::SourceType::Module {
        return Err(CompileError::new(
            "a module must be compiled with compile_module",
            program.span,
        )
        .locate(program.source));
    }
    let r = resolver::Resolver::script(program);
    if let Some(e) = r.error {
        return Err(e.locate(program.source));
    }
    emit::compile_program(&r.tree, program, source, None).map_err(|e| e.locate(program.source))
}

/// Compiles a Module (ParseModule, 16.2.1.7, after the parser's early
/// errors). `name` is the module's name for stack traces.
pub fn compile_module(program: &Program<'_>, name: &str) -> Result<ModuleCode, CompileError> {
    let source = Rc::new(SourceText {
        name: name.into(),
        text: program.source.into(),
    });
    let entries = module::Entries::collect(program.body);
    let r = resolver::Resolver::module(program, &entries);
    if let Some(e) = r.error {
        return Err(e.locate(program.source));
    }
    module::finish(&r, program, source, entries).map_err(|e| e.locate(program.source))
}

/// Compiles eval code. `site` is the direct eval call site's context
/// (from the `CallEval` instruction's constant); `None` for indirect eval.
/// `name` is reported in stack traces.
pub fn compile_eval(
    program: &Program<'_>,
    name: &str,
    site: Option<&EvalSite>,
) -> Result<Rc<FunctionCode>, CompileError> {
    let source = Rc::new(SourceText {
        name: name.into(),
        text: program.source.into(),
    });
    let r = resolver::Resolver::eval(program, site);
    if let Some(e) = r.error {
        return Err(e.locate(program.source));
    }
    emit::compile_program(&r.tree, program, source, Some(site))
        .map_err(|e| e.locate(program.source))
}

/// Compiles a function made by the Function constructor (CreateDynamicFunction).
/// The result is the FunctionCode of the function itself; the engine
/// creates the function object with `Closure` semantics in the global
/// environment.
pub fn compile_function(
    function: &DynamicFunction<'_>,
    name: &str,
) -> Result<Rc<FunctionCode>, CompileError> {
    let source = Rc::new(SourceText {
        name: name.into(),
        text: function.source.into(),
    });
    let r = resolver::Resolver::dynamic_function(function.function);
    if let Some(e) = r.error {
        return Err(e.locate(function.source));
    }
    emit::compile_dynamic_function(&r.tree, function.function, function.source, source)
        .map_err(|e| e.locate(function.source))
}

/// The `ParseOptions` for direct eval code called at `site`.
pub fn parse_options_for_eval(site: &EvalSite) -> ParseOptions {
    let kind = match site.function {
        EvalFunctionContext::Global => None,
        EvalFunctionContext::Function(k) => Some(k),
    };
    let mut private_names = Vec::new();
    for s in &site.scopes {
        if let EvalScope::Declarative(d) = s {
            for slot in d.slots.iter() {
                if slot.kind == BindingKind::PrivateName {
                    let n = slot.name.trim_start_matches('#').to_string();
                    if !private_names.contains(&n) {
                        private_names.push(n);
                    }
                }
            }
        }
    }
    ParseOptions {
        strict: site.strict,
        allow_new_target: kind.is_some(),
        allow_super_property: matches!(
            kind,
            Some(
                FunctionKind::Method
                    | FunctionKind::Getter
                    | FunctionKind::Setter
                    | FunctionKind::ClassConstructor
                    | FunctionKind::DerivedConstructor
            )
        ),
        allow_super_call: kind == Some(FunctionKind::DerivedConstructor),
        in_class_field_initializer: site.in_class_field_initializer,
        private_names,
    }
}
