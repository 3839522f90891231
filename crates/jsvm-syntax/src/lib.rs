//! jsvm-syntax: lexer, parser, AST and early errors for ECMAScript 2025.
//!
//! Architecture invariant: this crate knows nothing of bytecode or the VM. It
//! turns source text into an arena-allocated [`ast::Program`] that satisfies
//! every early error of the spec, or into a [`SyntaxError`] with a position.
//! It never panics and never overflows the stack on any input (nesting depth
//! is bounded; see [`MAX_NESTING_DEPTH`]).
//!
//! Entry points: [`parse_script`], [`parse_module`] (with [`ParseOptions`]
//! for direct eval contexts) and [`parse_dynamic_function`] (the `Function`
//! constructors). The tree is described in [`ast`]; [`dump`] renders it as
//! S-expressions; [`LineIndex`] maps offsets to lines and UTF-16 columns.

pub mod ast;
pub mod dump;
mod lexer;
mod line_index;
mod parser;

pub use ast::Span;
pub use bumpalo::Bump;
pub use lexer::{is_id_continue, is_id_start, is_line_terminator, is_whitespace};
pub use line_index::LineIndex;

use std::fmt;

/// The deepest syntactic nesting the parser accepts before reporting
/// "too much nesting" (1000 nested parentheses, arrays, blocks or functions
/// parse). Each level costs a bounded amount of stack: at this depth the
/// parser needs under 1 MiB in release builds, about 4 MiB with the
/// workspace's dev profile (opt-level 1) and up to ~24 MiB at opt-level 0.
/// Callers run it on a thread with at least 16 MiB of stack.
pub const MAX_NESTING_DEPTH: u32 = 1500;

/// An early (parse-time) SyntaxError.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// Byte offset into the source text that was parsed.
    pub offset: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in UTF-16 code units.
    pub column: u32,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: SyntaxError: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for SyntaxError {}

/// Context for parsing code that is not a plain top-level script/module:
/// direct eval (which inherits its caller's context) and the like.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Start in strict mode (direct eval from strict code).
    pub strict: bool,
    /// `new.target` is allowed (eval inside a non-arrow function, or an arrow
    /// inside one).
    pub allow_new_target: bool,
    /// `super.x` is allowed (eval inside a method, or an arrow inside one).
    pub allow_super_property: bool,
    /// `super(...)` is allowed (eval inside a derived constructor, or an
    /// arrow inside one).
    pub allow_super_call: bool,
    /// The code is inside a class field initializer: `arguments` is an early
    /// error (eval inside a field initializer).
    pub in_class_field_initializer: bool,
    /// Private names (without `#`) declared by the enclosing classes of the
    /// eval call, which the eval code may reference.
    pub private_names: Vec<String>,
}

/// The goal of the body in `Function`, `GeneratorFunction`,
/// `AsyncFunction` and `AsyncGeneratorFunction` constructors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DynamicFunctionKind {
    Normal,
    Generator,
    Async,
    AsyncGenerator,
}

/// The result of [`parse_dynamic_function`]: the synthesized source text
/// (`function anonymous(P\n) {\nBody\n}`) and its function node (spans index
/// into `source`).
#[derive(Debug, Clone, Copy)]
pub struct DynamicFunction<'a> {
    pub source: &'a str,
    pub function: &'a ast::Function<'a>,
}

/// Turns an internal error into a [`SyntaxError`] with line and column.
pub(crate) fn make_syntax_error(source: &str, e: parser::ParseError) -> SyntaxError {
    let (line, column) = LineIndex::new(source).line_col(e.offset);
    SyntaxError {
        message: e.message,
        offset: e.offset,
        line,
        column,
    }
}

/// Parses `source` as a Script (ECMA-262 16.1).
pub fn parse_script<'a>(
    arena: &'a Bump,
    source: &'a str,
    opts: &ParseOptions,
) -> Result<ast::Program<'a>, SyntaxError> {
    parser::parse_program(arena, source, false, opts).map_err(|e| make_syntax_error(source, e))
}

/// Parses `source` as a Module (ECMA-262 16.2). Module code is always strict.
pub fn parse_module<'a>(
    arena: &'a Bump,
    source: &'a str,
    opts: &ParseOptions,
) -> Result<ast::Program<'a>, SyntaxError> {
    parser::parse_program(arena, source, true, opts).map_err(|e| make_syntax_error(source, e))
}

/// CreateDynamicFunction (ECMA-262 20.2.1.1.1): checks `params` as
/// FormalParameters and `body` as a FunctionBody of the given kind, each
/// on its own, then parses the assembled source text
/// `"<prefix> anonymous(" + params + "\n) {\n" + body + "\n}"`.
pub fn parse_dynamic_function<'a>(
    arena: &'a Bump,
    params: &str,
    body: &str,
    kind: DynamicFunctionKind,
) -> Result<DynamicFunction<'a>, SyntaxError> {
    parser::parse_dynamic_function(arena, params, body, kind)
}

/// Validates a regular expression pattern and flags as the early errors of a
/// RegularExpressionLiteral would (for `RegExp(pattern, flags)` parity).
pub fn validate_regexp(pattern: &str, flags: &str) -> Result<(), String> {
    parser::validate_regexp_source(pattern, flags)
}
