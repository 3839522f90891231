//! The recursive-descent parser (ECMA-262 chapters 13-16 and Annex B).
//!
//! Split by topic: expressions ([`expression`]), statements ([`statement`]),
//! functions and arrows ([`function`]), classes ([`class`]), patterns and the
//! cover grammars ([`pattern`]), modules ([`module`]), and the declaration
//! bookkeeping for early errors ([`scope`]).
//!
//! Invariants: every production either returns a node that satisfies the
//! spec's early errors or a [`ParseError`]; recursion depth is bounded by
//! [`crate::MAX_NESTING_DEPTH`] (checked in [`Parser::enter`]), so no input can
//! overflow the stack.

mod class;
mod expression;
mod function;
mod module;
mod pattern;
mod regexp;
mod scope;
mod statement;

use bumpalo::collections::Vec as BVec;
use bumpalo::Bump;

use crate::ast::*;
use crate::lexer::{Kind, LexError, Lexer, LexerState, Token, TokenValue};
use scope::Scopes;

/// An error with a byte offset; turned into a [`crate::SyntaxError`] with
/// line and column at the API boundary.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub offset: u32,
}

impl From<LexError> for ParseError {
    fn from(e: LexError) -> ParseError {
        ParseError {
            message: e.message,
            offset: e.offset,
        }
    }
}

pub type PResult<T> = Result<T, ParseError>;

pub(crate) fn err<T>(offset: u32, message: impl Into<String>) -> PResult<T> {
    Err(ParseError {
        message: message.into(),
        offset,
    })
}

/// The syntactic context: grammar parameters and what the enclosing code
/// allows. Saved and replaced when entering functions, classes, blocks.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    pub strict: bool,
    /// [Yield]: `yield` is a YieldExpression (generator bodies/params).
    pub yield_: bool,
    /// [Await]: `await` is an AwaitExpression (async bodies/params, module
    /// top level).
    pub await_: bool,
    /// `await` may not be an identifier (module code, static blocks, class
    /// field initializers inside async code).
    pub await_reserved: bool,
    /// `return` is allowed.
    pub return_: bool,
    /// `new.target` is allowed.
    pub new_target: bool,
    /// `super.x` is allowed.
    pub super_prop: bool,
    /// `super()` is allowed.
    pub super_call: bool,
    /// `arguments` is an early error (class field initializers, static blocks).
    pub no_arguments: bool,
    /// Parsing formal parameters: yield/await expressions are errors.
    pub in_params: bool,
    /// In a class static block: `await` expressions/identifiers are errors,
    /// as are `arguments` and `return`.
    pub in_static_block: bool,
    /// Inside a class field initializer (arrow functions inherit it).
    pub in_field_init: bool,
}

/// Per-function facts recorded for the compiler.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FnFlags {
    pub uses_this: bool,
    pub uses_arguments: bool,
    pub contains_direct_eval: bool,
    pub has_top_level_await: bool,
}

impl FnFlags {
    fn merge(&mut self, other: FnFlags) {
        self.uses_this |= other.uses_this;
        self.uses_arguments |= other.uses_arguments;
        self.contains_direct_eval |= other.contains_direct_eval;
        self.has_top_level_await |= other.has_top_level_await;
    }
}

/// Positions recorded while parsing something that may turn out to be arrow
/// parameters (a parenthesised list or `async (...)` arguments): these are
/// errors only if it does.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ArrowMarks {
    pub yield_expr: Option<u32>,
    pub await_expr: Option<u32>,
    pub await_ident: Option<u32>,
}

impl ArrowMarks {
    fn merge(&mut self, other: ArrowMarks) {
        self.yield_expr = self.yield_expr.or(other.yield_expr);
        self.await_expr = self.await_expr.or(other.await_expr);
        self.await_ident = self.await_ident.or(other.await_ident);
    }
}

/// Errors that are errors only if an object/array literal is *not*
/// reinterpreted as a destructuring pattern (Acorn-style deferred errors).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CoverErrors {
    /// `{ a = 1 }` (CoverInitializedName).
    pub shorthand_assign: Option<u32>,
    /// A second `__proto__: v` in one object literal.
    pub double_proto: Option<u32>,
}

/// A label in scope: its name and whether it labels an iteration statement.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label<'a> {
    pub name: &'a str,
    pub is_loop: bool,
}

/// Break/continue context of the current function.
#[derive(Debug, Default)]
pub(crate) struct JumpContext<'a> {
    pub labels: Vec<Label<'a>>,
    /// How many labels on top of `labels` directly label the statement
    /// being parsed.
    pub label_set: usize,
    pub loop_depth: u32,
    pub breakable_depth: u32,
}

/// Private names of one class body.
#[derive(Debug, Default)]
pub(crate) struct PrivateScope<'a> {
    /// Declared names: name -> (kind, is_static, how many declarations:
    /// 2 only for a getter/setter pair).
    pub declared:
        std::collections::HashMap<&'a str, (MethodKindOrField, bool, u8), scope::BuildFxHasher>,
    /// Referenced names not (yet) found, with the reference offset.
    pub unresolved: Vec<(&'a str, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MethodKindOrField {
    Field,
    Method,
    Get,
    Set,
}

pub(crate) struct Parser<'a> {
    pub arena: &'a Bump,
    pub src: &'a str,
    lexer: Lexer<'a>,
    /// The current token.
    pub tok: Token<'a>,
    /// One token of lookahead, with the lexer state after it.
    peeked: Option<(Token<'a>, LexerState)>,
    /// End offset of the previous token.
    pub prev_end: u32,
    pub module: bool,
    pub ctx: Context,
    pub flags: FnFlags,
    pub marks: ArrowMarks,
    pub jumps: JumpContext<'a>,
    pub scopes: Scopes<'a>,
    pub privates: Vec<PrivateScope<'a>>,
    /// Private names visible from outside the source (direct eval in a class).
    pub outer_private_names: Vec<String>,
    /// Spans of expressions written in parentheses (for pattern validity).
    pub parenthesized: std::collections::HashSet<(u32, u32), scope::BuildFxHasher>,
    /// Rest/spread elements followed by a comma (invalid as pattern rest).
    pub spread_with_comma: std::collections::HashSet<u32, scope::BuildFxHasher>,
    /// Where an arrow function may start (the start of the current
    /// AssignmentExpression).
    pub potential_arrow_at: u32,
    /// [In] of the current AssignmentExpression (for concise arrow bodies).
    pub in_allowed: bool,
    /// `export { x }` local names, checked when the module is complete.
    pub pending_export_locals: Vec<(&'a str, u32)>,
    depth: u32,
}

impl<'a> Parser<'a> {
    pub fn new(arena: &'a Bump, src: &'a str, module: bool) -> Parser<'a> {
        Parser {
            arena,
            src,
            lexer: Lexer::new(arena, src, module),
            tok: Token::eof(0),
            peeked: None,
            prev_end: 0,
            module,
            ctx: Context::default(),
            flags: FnFlags::default(),
            marks: ArrowMarks::default(),
            jumps: JumpContext::default(),
            scopes: Scopes::new(),
            privates: Vec::new(),
            outer_private_names: Vec::new(),
            parenthesized: Default::default(),
            spread_with_comma: Default::default(),
            potential_arrow_at: u32::MAX,
            in_allowed: true,
            pending_export_locals: Vec::new(),
            depth: 0,
        }
    }

    // --- allocation helpers -------------------------------------------

    #[inline]
    pub fn alloc<T>(&self, value: T) -> &'a T {
        self.arena.alloc(value)
    }

    #[inline]
    pub fn vec<T>(&self) -> BVec<'a, T> {
        BVec::new_in(self.arena)
    }

    // --- tokens ------------------------------------------------------------

    /// Reads the first token (after an optional hashbang).
    pub fn start(&mut self, allow_hashbang: bool) -> PResult<Option<&'a str>> {
        let hashbang = if allow_hashbang {
            self.lexer.skip_hashbang()
        } else {
            None
        };
        self.tok = self.lexer.next_token()?;
        Ok(hashbang)
    }

    /// Advances to the next token.
    pub fn next(&mut self) -> PResult<()> {
        self.prev_end = self.tok.end;
        self.tok = match self.peeked.take() {
            Some((tok, state)) => {
                self.lexer.restore(state);
                tok
            }
            None => self.lexer.next_token()?,
        };
        Ok(())
    }

    /// The token after the current one (lexed in the InputElementDiv goal).
    /// A lexing error yields an `Eof` token; it is reported when reached.
    pub fn peek(&mut self) -> Token<'a> {
        if let Some((tok, _)) = self.peeked {
            return tok;
        }
        let saved = self.lexer.state();
        let tok = self
            .lexer
            .next_token()
            .unwrap_or_else(|e| Token::eof(e.offset));
        let after = self.lexer.state();
        self.lexer.restore(saved);
        self.peeked = Some((tok, after));
        tok
    }

    /// The token after [`Parser::peek`]'s (not cached).
    pub fn peek2(&mut self) -> Token<'a> {
        self.peek();
        let Some((_, after)) = self.peeked else {
            return Token::eof(self.tok.end);
        };
        let saved = self.lexer.state();
        self.lexer.restore(after);
        let tok = self
            .lexer
            .next_token()
            .unwrap_or_else(|e| Token::eof(e.offset));
        self.lexer.restore(saved);
        tok
    }

    /// Rescans the current `/` or `/=` as a regular expression literal.
    pub fn rescan_regexp(&mut self) -> PResult<()> {
        self.peeked = None;
        let nl = self.tok.newline_before;
        self.tok = self.lexer.rescan_regexp(self.tok.start, nl)?;
        Ok(())
    }

    /// Rescans the current `}` as a template continuation.
    pub fn rescan_template(&mut self) -> PResult<()> {
        self.peeked = None;
        self.tok = self.lexer.rescan_template_continuation(self.tok.start)?;
        Ok(())
    }

    #[inline]
    pub fn at(&self, kind: Kind) -> bool {
        self.tok.kind == kind
    }

    /// The current token is the keyword `kind` spelled without escapes.
    #[inline]
    pub fn at_kw(&self, kind: Kind) -> bool {
        self.tok.kind == kind && !self.tok.escaped
    }

    pub fn eat(&mut self, kind: Kind) -> PResult<bool> {
        if self.tok.kind == kind && !self.tok.escaped {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub fn expect(&mut self, kind: Kind) -> PResult<()> {
        if self.tok.kind == kind && !self.tok.escaped {
            self.next()
        } else {
            self.unexpected()
        }
    }

    /// An "unexpected token" error at the current token.
    pub fn unexpected<T>(&self) -> PResult<T> {
        let t = &self.tok;
        if t.escaped && t.kind != Kind::Identifier {
            return err(t.start, "keyword must not contain escaped characters");
        }
        let text = Span::new(t.start, t.end).source_text(self.src);
        match t.kind {
            Kind::Eof => err(t.start, "unexpected end of input"),
            Kind::String => err(t.start, "unexpected string"),
            Kind::Number | Kind::BigInt => err(t.start, "unexpected number"),
            Kind::NoSubstitutionTemplate | Kind::TemplateHead => {
                err(t.start, "unexpected template string")
            }
            _ => {
                let shown: String = text.chars().take(30).collect();
                err(t.start, format!("unexpected token '{shown}'"))
            }
        }
    }

    /// Automatic semicolon insertion (12.10): consumes `;`, or accepts the
    /// end of a statement before `}`, end of input, or a line break.
    pub fn semicolon(&mut self) -> PResult<()> {
        if self.at(Kind::Semicolon) {
            return self.next();
        }
        if self.at(Kind::RBrace) || self.at(Kind::Eof) || self.tok.newline_before {
            return Ok(());
        }
        self.unexpected()
    }

    /// Whether a semicolon could be inserted here (for restricted productions
    /// and optional operands).
    pub fn can_insert_semicolon(&self) -> bool {
        self.at(Kind::Semicolon)
            || self.at(Kind::RBrace)
            || self.at(Kind::Eof)
            || self.tok.newline_before
    }

    pub fn span_from(&self, start: u32) -> Span {
        Span::new(start, self.prev_end)
    }

    // --- nesting -------------------------------------------------------------

    /// Enters one level of syntactic nesting.
    #[inline]
    pub fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > crate::MAX_NESTING_DEPTH {
            return err(self.tok.start, "too much nesting");
        }
        Ok(())
    }

    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    // --- names ---------------------------------------------------------------

    /// The current token as an identifier node (no validity check).
    pub fn ident_here(&self) -> Identifier<'a> {
        Identifier {
            span: Span::new(self.tok.start, self.tok.end),
            name: self.tok.name(),
        }
    }

    /// Checks that a token usable as an identifier may be used as one
    /// (IdentifierReference / BindingIdentifier / LabelIdentifier static
    /// semantics) in the current context.
    pub fn check_identifier(&mut self, tok: &Token<'a>, binding: bool) -> PResult<()> {
        let kind = tok.kind;
        let at = tok.start;
        if kind == Kind::Identifier || kind.is_contextual() {
            if binding && self.ctx.strict && matches!(tok.name(), "eval" | "arguments") {
                return err(
                    at,
                    format!("'{}' cannot be bound in strict mode", tok.name()),
                );
            }
            return Ok(());
        }
        match kind {
            Kind::Yield => {
                if self.ctx.yield_ || self.ctx.strict {
                    return err(at, "'yield' is not a valid identifier here");
                }
                Ok(())
            }
            Kind::Await => {
                if self.ctx.await_
                    || self.ctx.await_reserved
                    || self.module
                    || self.ctx.in_static_block
                {
                    return err(at, "'await' is not a valid identifier here");
                }
                self.marks.await_ident.get_or_insert(at);
                Ok(())
            }
            k if k.is_strict_reserved() => {
                if self.ctx.strict {
                    return err(
                        at,
                        format!("'{}' is a reserved word in strict mode", tok.name()),
                    );
                }
                Ok(())
            }
            k if k.is_identifier_name() => {
                err(at, format!("unexpected reserved word '{}'", tok.name()))
            }
            _ => {
                let _ = binding;
                err(at, "expected an identifier")
            }
        }
    }

    /// Whether the current token can be an identifier at all (possibly an
    /// invalid one in this context).
    pub fn at_identifier_like(&self) -> bool {
        self.tok.kind.is_identifier_like()
    }

    /// Parses a BindingIdentifier and checks it.
    pub fn parse_binding_identifier(&mut self) -> PResult<Identifier<'a>> {
        if !self.at_identifier_like() {
            return self.unexpected();
        }
        let tok = self.tok;
        self.check_identifier(&tok, true)?;
        let id = self.ident_here();
        self.next()?;
        Ok(id)
    }

    /// Parses an IdentifierName (any word, e.g. after `.`).
    pub fn parse_identifier_name(&mut self) -> PResult<Identifier<'a>> {
        if !self.tok.kind.is_identifier_name() {
            return self.unexpected();
        }
        let id = self.ident_here();
        self.next()?;
        Ok(id)
    }

    /// Records a reference to `arguments` (and checks where it is allowed).
    pub fn note_identifier_reference(&mut self, name: &str, at: u32) -> PResult<()> {
        if name == "arguments" {
            if self.ctx.no_arguments {
                return err(at, "'arguments' is not allowed in class field initializer or static initialization block");
            }
            self.flags.uses_arguments = true;
        }
        Ok(())
    }

    /// A string's value as text (for directive checks and names).
    pub fn utf16_to_str(&self, units: &[u16]) -> Option<&'a str> {
        String::from_utf16(units)
            .ok()
            .map(|s| &*self.arena.alloc_str(&s))
    }

    /// Pushes a fresh private-name scope for a class body.
    pub fn push_private_scope(&mut self) {
        self.privates.push(PrivateScope::default());
    }

    /// Records a reference `#name` at `at`.
    pub fn reference_private(&mut self, name: &'a str, at: u32) -> PResult<()> {
        match self.privates.last_mut() {
            Some(scope) => {
                scope.unresolved.push((name, at));
                Ok(())
            }
            None => {
                if self.outer_private_names.iter().any(|n| n == name) {
                    Ok(())
                } else {
                    err(
                        at,
                        format!("private field '#{name}' must be declared in an enclosing class"),
                    )
                }
            }
        }
    }

    /// Pops a class's private scope, resolving its references; unresolved
    /// ones move to the enclosing class (or fail at the outermost class).
    pub fn pop_private_scope(&mut self) -> PResult<()> {
        let Some(scope) = self.privates.pop() else {
            return Ok(());
        };
        for (name, at) in scope.unresolved {
            if scope.declared.contains_key(name) {
                continue;
            }
            self.reference_private(name, at)?;
        }
        Ok(())
    }

    pub fn is_parenthesized(&self, span: Span) -> bool {
        self.parenthesized.contains(&(span.start, span.end))
    }

    /// The token's string value (for string literal tokens).
    pub fn string_value(&self) -> &'a [u16] {
        match self.tok.value {
            TokenValue::String(s) => s,
            _ => &[],
        }
    }
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/// Parses a whole Script or Module.
pub(crate) fn parse_program<'a>(
    arena: &'a Bump,
    src: &'a str,
    module: bool,
    opts: &crate::ParseOptions,
) -> PResult<Program<'a>> {
    if src.len() >= u32::MAX as usize {
        return err(0, "source text too large");
    }
    let mut p = Parser::new(arena, src, module);
    p.outer_private_names = opts.private_names.clone();
    p.ctx = Context {
        strict: module || opts.strict,
        await_: module,
        await_reserved: module,
        new_target: opts.allow_new_target,
        super_prop: opts.allow_super_property,
        super_call: opts.allow_super_call,
        no_arguments: opts.in_class_field_initializer,
        in_field_init: opts.in_class_field_initializer,
        ..Context::default()
    };
    let hashbang = p.start(true)?;
    p.scopes.push(if module {
        scope::ScopeKind::Module
    } else {
        scope::ScopeKind::Function
    });
    let body = if module {
        p.parse_module_items()?
    } else {
        let (body, strict) = p.parse_directives_and_statements(Kind::Eof, None)?;
        p.ctx.strict |= strict;
        body
    };
    if !p.at(Kind::Eof) {
        return p.unexpected();
    }
    if module {
        p.check_module_exports()?;
    }
    p.scopes.pop();
    Ok(Program {
        span: Span::new(0, src.len() as u32),
        source: src,
        source_type: if module {
            SourceType::Module
        } else {
            SourceType::Script
        },
        strict: p.ctx.strict,
        hashbang,
        body,
        contains_direct_eval: p.flags.contains_direct_eval,
        has_top_level_await: p.flags.has_top_level_await,
    })
}

/// Regular expression validation without a source position.
pub(crate) fn validate_regexp_source(pattern: &str, flags: &str) -> Result<(), String> {
    regexp::validate_regexp(pattern, flags, 0).map_err(|e| e.message)
}

/// CreateDynamicFunction's parsing steps.
pub(crate) fn parse_dynamic_function<'a>(
    arena: &'a Bump,
    params: &str,
    body: &str,
    kind: crate::DynamicFunctionKind,
) -> Result<crate::DynamicFunction<'a>, crate::SyntaxError> {
    use crate::DynamicFunctionKind as K;
    let (is_async, is_generator) = match kind {
        K::Normal => (false, false),
        K::Generator => (false, true),
        K::Async => (true, false),
        K::AsyncGenerator => (true, true),
    };
    let to_syntax = |src: &str, e: ParseError| crate::make_syntax_error(src, e);
    // 1. The parameters alone must be FormalParameters[?Yield, ?Await].
    {
        let scratch = Bump::new();
        let params_src: &str = scratch.alloc_str(params);
        let mut p = Parser::new(&scratch, params_src, false);
        p.lexer.set_at_line_start(false);
        p.ctx.yield_ = is_generator;
        p.ctx.await_ = is_async;
        let r = p.start(false).and_then(|_| {
            p.scopes.push(scope::ScopeKind::Function);
            p.parse_formal_parameter_list(Kind::Eof)
        });
        if let Err(e) = r {
            return Err(to_syntax(params_src, e));
        }
        if !p.at(Kind::Eof) {
            return Err(to_syntax(params_src, p.unexpected::<()>().unwrap_err()));
        }
    }
    // 2. The body alone must be a FunctionBody[?Yield, ?Await].
    {
        let scratch = Bump::new();
        let body_src: &str = scratch.alloc_str(&format!("\n{body}\n"));
        let mut p = Parser::new(&scratch, body_src, false);
        p.ctx = Context {
            yield_: is_generator,
            await_: is_async,
            return_: true,
            new_target: true,
            ..Context::default()
        };
        let r = p.start(false).and_then(|_| {
            p.scopes.push(scope::ScopeKind::Function);
            p.parse_directives_and_statements(Kind::Eof, None)
        });
        if let Err(e) = r {
            return Err(to_syntax(body_src, e));
        }
    }
    // 3. The assembled source text, parsed as one function expression.
    let prefix = match kind {
        K::Normal => "function",
        K::Generator => "function*",
        K::Async => "async function",
        K::AsyncGenerator => "async function*",
    };
    let source: &'a str =
        arena.alloc_str(&format!("{prefix} anonymous({params}\n) {{\n{body}\n}}"));
    let mut p = Parser::new(arena, source, false);
    let result = (|| {
        p.start(false)?;
        p.scopes.push(scope::ScopeKind::Function);
        let f = p.parse_dynamic_function_expression()?;
        if !p.at(Kind::Eof) {
            return p.unexpected();
        }
        Ok(f)
    })();
    match result {
        Ok(function) => Ok(crate::DynamicFunction { source, function }),
        Err(e) => Err(to_syntax(source, e)),
    }
}

#[cfg(test)]
mod tests;
