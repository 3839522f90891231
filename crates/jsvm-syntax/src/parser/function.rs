//! Functions (15.1-15.8): declarations, expressions, methods, accessors,
//! arrows, async and generator variants, their parameters and bodies,
//! directive prologues, and the parameter early errors.
//!
//! Invariant: entering a function saves and replaces the whole per-function
//! parser state (context, flags, arrow marks, labels) and restores it on
//! exit, so nothing leaks across function boundaries; arrows merge their
//! flags into the enclosing function because they share `this`/`arguments`.

use super::*;

/// Per-function parser state saved across a function boundary.
pub(crate) struct FnSave<'a> {
    ctx: Context,
    flags: FnFlags,
    marks: ArrowMarks,
    jumps: JumpContext<'a>,
    potential_arrow_at: u32,
    in_allowed: bool,
}

fn is_simple(params: &FormalParameters<'_>) -> bool {
    params.rest.is_none()
        && params
            .items
            .iter()
            .all(|p| p.default.is_none() && matches!(p.target, Pattern::Identifier(_)))
}

impl<'a> Parser<'a> {
    pub(crate) fn enter_function(&mut self, ctx: Context) -> FnSave<'a> {
        let saved = FnSave {
            ctx: self.ctx,
            flags: std::mem::take(&mut self.flags),
            marks: std::mem::take(&mut self.marks),
            jumps: std::mem::take(&mut self.jumps),
            potential_arrow_at: self.potential_arrow_at,
            in_allowed: self.in_allowed,
        };
        self.ctx = ctx;
        saved
    }

    /// Restores the enclosing function's state; returns the inner flags.
    pub(crate) fn leave_function(&mut self, saved: FnSave<'a>) -> FnFlags {
        let inner = std::mem::replace(&mut self.flags, saved.flags);
        self.ctx = saved.ctx;
        self.marks = saved.marks;
        self.jumps = saved.jumps;
        self.potential_arrow_at = saved.potential_arrow_at;
        self.in_allowed = saved.in_allowed;
        inner
    }

    /// A function expression at `function` (an `async` before it has been
    /// consumed when `is_async`).
    pub fn parse_function_expression(
        &mut self,
        start: u32,
        is_async: bool,
    ) -> PResult<&'a Function<'a>> {
        self.expect(Kind::Function)?;
        let is_generator = self.eat(Kind::Star)?;
        let id = if self.at_identifier_like() {
            // The name is in the function's own [Yield]/[Await] context.
            let saved = self.ctx;
            self.ctx.yield_ = is_generator;
            self.ctx.await_ = is_async;
            self.ctx.await_reserved = self.module;
            self.ctx.in_static_block = false;
            let r = self.parse_binding_identifier();
            self.ctx = saved;
            Some(r?)
        } else {
            None
        };
        self.parse_function_rest(start, id, FunctionKind::Normal, is_async, is_generator)
    }

    /// A function declaration at `function`; declares its name in the
    /// current scope. `allow_anonymous` for `export default function () {}`.
    pub fn parse_function_declaration(
        &mut self,
        start: u32,
        is_async: bool,
        allow_anonymous: bool,
    ) -> PResult<&'a Function<'a>> {
        self.expect(Kind::Function)?;
        let is_generator = self.eat(Kind::Star)?;
        let id = if self.at_identifier_like() {
            let id = self.parse_binding_identifier()?;
            let plain = !is_async && !is_generator;
            self.scopes
                .declare_function(id.name, plain, self.ctx.strict, id.span.start)?;
            Some(id)
        } else if allow_anonymous {
            None
        } else {
            return self.unexpected();
        };
        self.parse_function_rest(start, id, FunctionKind::Normal, is_async, is_generator)
    }

    /// The function of `Function(...)`: `function anonymous(...) {...}`.
    pub fn parse_dynamic_function_expression(&mut self) -> PResult<&'a Function<'a>> {
        let start = self.tok.start;
        let is_async = self.at_kw(Kind::Async);
        if is_async {
            self.next()?;
        }
        self.parse_function_expression(start, is_async)
    }

    /// A method's parameters and body (the key has been parsed); `start`
    /// is where its source text begins.
    pub fn parse_method_function(
        &mut self,
        start: u32,
        kind: FunctionKind,
        is_async: bool,
        is_generator: bool,
    ) -> PResult<&'a Function<'a>> {
        self.parse_function_rest(start, None, kind, is_async, is_generator)
    }

    /// `( FormalParameters ) { FunctionBody }` for every non-arrow function.
    pub fn parse_function_rest(
        &mut self,
        start: u32,
        id: Option<Identifier<'a>>,
        kind: FunctionKind,
        is_async: bool,
        is_generator: bool,
    ) -> PResult<&'a Function<'a>> {
        let outer = self.ctx;
        let ctx = Context {
            strict: outer.strict,
            yield_: is_generator,
            await_: is_async,
            await_reserved: self.module,
            return_: true,
            new_target: true,
            super_prop: matches!(
                kind,
                FunctionKind::Method
                    | FunctionKind::Getter
                    | FunctionKind::Setter
                    | FunctionKind::ClassConstructor
                    | FunctionKind::DerivedConstructor
            ),
            super_call: kind == FunctionKind::DerivedConstructor,
            no_arguments: false,
            in_params: true,
            in_static_block: false,
            in_field_init: false,
        };
        let saved = self.enter_function(ctx);
        self.scopes.push(scope::ScopeKind::Function);
        let r = self.parse_params_and_body(id, kind);
        self.scopes.pop();
        let strict = self.ctx.strict;
        let flags = self.leave_function(saved);
        let (params, body, use_strict, has_dup) = r?;
        Ok(self.alloc(Function {
            span: self.span_from(start),
            id,
            kind,
            is_async,
            is_generator,
            has_simple_parameter_list: is_simple(&params),
            params,
            body,
            expression_body: false,
            strict,
            has_use_strict_directive: use_strict,
            contains_direct_eval: flags.contains_direct_eval,
            uses_arguments: flags.uses_arguments,
            uses_this: flags.uses_this,
            has_duplicate_parameters: has_dup,
        }))
    }

    fn parse_params_and_body(
        &mut self,
        id: Option<Identifier<'a>>,
        kind: FunctionKind,
    ) -> PResult<(FormalParameters<'a>, FunctionBody<'a>, bool, bool)> {
        let params_start = self.tok.start;
        self.expect(Kind::LParen)?;
        let mut params = self.parse_formal_parameter_list(Kind::RParen)?;
        self.expect(Kind::RParen)?;
        params.span = self.span_from(params_start);
        match kind {
            FunctionKind::Getter if !params.items.is_empty() || params.rest.is_some() => {
                return err(params_start, "getter must not have any formal parameters");
            }
            FunctionKind::Setter if params.items.len() != 1 || params.rest.is_some() => {
                return err(
                    params_start,
                    "setter must have exactly one formal parameter",
                );
            }
            _ => {}
        }
        let simple = is_simple(&params);
        let names = self.declare_params(&params)?;
        self.ctx.in_params = false;
        let was_strict = self.ctx.strict;
        let body_start = self.tok.start;
        self.expect(Kind::LBrace)?;
        let (statements, use_strict) =
            self.parse_directives_and_statements(Kind::RBrace, Some(simple))?;
        self.expect(Kind::RBrace)?;
        let body = FunctionBody {
            span: self.span_from(body_start),
            statements,
        };
        let strict = self.ctx.strict;
        if strict && !was_strict {
            if let Some(id) = &id {
                let k = Kind::from_name(id.name);
                if matches!(id.name, "eval" | "arguments") || k.is_strict_reserved() {
                    return err(
                        id.span.start,
                        format!("unexpected '{}' in strict mode", id.name),
                    );
                }
            }
        }
        let unique = strict || !simple || kind != FunctionKind::Normal;
        let has_dup = self.check_params(&names, unique, strict && !was_strict)?;
        Ok((params, body, use_strict, has_dup))
    }

    /// FormalParameters up to (not including) `end`.
    pub fn parse_formal_parameter_list(&mut self, end: Kind) -> PResult<FormalParameters<'a>> {
        let start = self.tok.start;
        let mut items = self.vec();
        let mut rest = None;
        while !self.at(end) {
            if self.at(Kind::Ellipsis) {
                self.next()?;
                rest = Some(self.parse_binding_pattern()?);
                if self.at(Kind::Eq) {
                    return err(
                        self.tok.start,
                        "rest parameter may not have a default initializer",
                    );
                }
                if !self.at(end) {
                    return err(
                        self.tok.start,
                        "rest parameter must be last formal parameter",
                    );
                }
                break;
            }
            items.push(self.parse_binding_element()?);
            if !self.at(end) {
                self.expect(Kind::Comma)?;
            }
        }
        Ok(FormalParameters {
            span: self.span_from(start),
            items: items.into_bump_slice(),
            rest,
        })
    }

    /// Declares the parameters' bound names in the (new) function scope.
    fn declare_params(&mut self, params: &FormalParameters<'a>) -> PResult<Vec<(&'a str, u32)>> {
        let mut names = Vec::new();
        for p in params.items {
            Self::collect_bound_names(&p.target, &mut names);
        }
        if let Some(r) = &params.rest {
            Self::collect_bound_names(r, &mut names);
        }
        for &(name, at) in &names {
            self.scopes
                .declare_lexical(name, scope::Binding::Param, self.ctx.strict, at)?;
        }
        Ok(names)
    }

    /// Duplicate-parameter and (newly) strict-mode name checks. Returns
    /// whether there are duplicates (allowed only when not `unique`).
    fn check_params(
        &self,
        names: &[(&'a str, u32)],
        unique: bool,
        recheck_strict: bool,
    ) -> PResult<bool> {
        if recheck_strict {
            for &(name, at) in names {
                if matches!(name, "eval" | "arguments")
                    || Kind::from_name(name).is_strict_reserved()
                {
                    return err(at, format!("unexpected '{name}' in strict mode"));
                }
            }
        }
        let dup = if names.len() <= 16 {
            names
                .iter()
                .enumerate()
                .find(|(i, (n, _))| names[..*i].iter().any(|(m, _)| m == n))
                .map(|(_, &(_, at))| at)
        } else {
            let mut seen = std::collections::HashSet::with_capacity_and_hasher(
                names.len(),
                scope::BuildFxHasher::default(),
            );
            names
                .iter()
                .find(|(n, _)| !seen.insert(*n))
                .map(|&(_, at)| at)
        };
        match dup {
            Some(at) if unique => err(at, "duplicate parameter name not allowed in this context"),
            Some(_) => Ok(true),
            None => Ok(false),
        }
    }

    /// A directive prologue followed by statements, up to `end`. With
    /// `simple_params`, this is a function body: `"use strict"` is an error
    /// if the parameter list is not simple. Returns the statements and
    /// whether the prologue contains `"use strict"`.
    pub fn parse_directives_and_statements(
        &mut self,
        end: Kind,
        simple_params: Option<bool>,
    ) -> PResult<(&'a [Statement<'a>], bool)> {
        let mut list = self.vec();
        let mut use_strict = false;
        let mut first_octal: Option<u32> = None;
        while self.at(Kind::String) {
            let tok = self.tok;
            let stmt = self.parse_statement_list_item()?;
            let is_directive = match stmt {
                Statement::Expression(es) => {
                    matches!(es.expression, Expression::String(s) if s.span.start == tok.start && s.span.end == tok.end)
                }
                _ => false,
            };
            if !is_directive {
                list.push(stmt);
                break;
            }
            let raw = &self.src[tok.start as usize + 1..tok.end as usize - 1];
            if let Some(at) = tok.legacy_octal {
                first_octal.get_or_insert(at);
            }
            if raw == "use strict" {
                use_strict = true;
                if simple_params == Some(false) {
                    return err(
                        tok.start,
                        "\"use strict\" not allowed in function with non-simple parameters",
                    );
                }
                self.ctx.strict = true;
            }
            if let Statement::Expression(es) = stmt {
                list.push(Statement::Expression(self.alloc(ExpressionStatement {
                    directive: Some(raw),
                    ..*es
                })));
            }
        }
        if self.ctx.strict {
            if let Some(at) = first_octal {
                return err(at, "octal escape sequences are not allowed in strict mode");
            }
        }
        while !self.at(end) {
            if self.at(Kind::Eof) {
                return self.unexpected();
            }
            list.push(self.parse_statement_list_item()?);
        }
        Ok((list.into_bump_slice(), use_strict))
    }

    // --- arrows ----------------------------------------------------------------

    /// `x => ...` (the identifier has been consumed; at `=>`).
    pub fn parse_arrow_from_identifier(
        &mut self,
        start: u32,
        id: Identifier<'a>,
        is_async: bool,
    ) -> PResult<Expression<'a>> {
        let item = BindingElement {
            span: id.span,
            target: Pattern::Identifier(self.alloc(id)),
            default: None,
        };
        let params = FormalParameters {
            span: id.span,
            items: self.arena.alloc_slice_copy(&[item]),
            rest: None,
        };
        self.parse_arrow_function(start, params, is_async, FnFlags::default())
    }

    /// `async x => ...` (at `x`).
    pub fn parse_async_arrow_with_identifier(&mut self, start: u32) -> PResult<Expression<'a>> {
        let tok = self.tok;
        let saved = self.ctx;
        self.ctx.await_ = true;
        let r = self.check_identifier(&tok, true);
        self.ctx = saved;
        r?;
        let id = self.ident_here();
        self.next()?;
        if !self.at(Kind::Arrow) || self.tok.newline_before {
            return self.unexpected();
        }
        self.parse_arrow_from_identifier(start, id, true)
    }

    /// The body of an arrow function (at `=>`), given its parameters.
    pub fn parse_arrow_function(
        &mut self,
        start: u32,
        params: FormalParameters<'a>,
        is_async: bool,
        param_flags: FnFlags,
    ) -> PResult<Expression<'a>> {
        self.expect(Kind::Arrow)?;
        let in_ = self.in_allowed;
        let outer = self.ctx;
        let ctx = Context {
            strict: outer.strict,
            yield_: false,
            await_: is_async,
            await_reserved: self.module,
            return_: true,
            new_target: outer.new_target,
            super_prop: outer.super_prop,
            super_call: outer.super_call,
            no_arguments: outer.no_arguments,
            in_params: false,
            in_static_block: false,
            in_field_init: outer.in_field_init,
        };
        let saved = self.enter_function(ctx);
        self.flags = param_flags;
        self.scopes.push(scope::ScopeKind::Function);
        let r = self.parse_arrow_body(&params, in_);
        self.scopes.pop();
        let strict = self.ctx.strict;
        let flags = self.leave_function(saved);
        self.flags.merge(flags);
        let (body, expression_body, use_strict) = r?;
        Ok(Expression::Arrow(self.alloc(Function {
            span: self.span_from(start),
            id: None,
            kind: FunctionKind::Arrow,
            is_async,
            is_generator: false,
            has_simple_parameter_list: is_simple(&params),
            params,
            body,
            expression_body,
            strict,
            has_use_strict_directive: use_strict,
            contains_direct_eval: flags.contains_direct_eval,
            uses_arguments: flags.uses_arguments,
            uses_this: flags.uses_this,
            has_duplicate_parameters: false,
        })))
    }

    fn parse_arrow_body(
        &mut self,
        params: &FormalParameters<'a>,
        in_: bool,
    ) -> PResult<(FunctionBody<'a>, bool, bool)> {
        let names = self.declare_params(params)?;
        let was_strict = self.ctx.strict;
        if was_strict {
            for &(name, at) in &names {
                if matches!(name, "eval" | "arguments") {
                    return err(at, format!("unexpected '{name}' in strict mode"));
                }
            }
        }
        let body_start = self.tok.start;
        if self.at(Kind::LBrace) {
            self.next()?;
            let simple = is_simple(params);
            let (statements, use_strict) =
                self.parse_directives_and_statements(Kind::RBrace, Some(simple))?;
            self.expect(Kind::RBrace)?;
            let strict = self.ctx.strict;
            self.check_params(&names, true, strict && !was_strict)?;
            return Ok((
                FunctionBody {
                    span: self.span_from(body_start),
                    statements,
                },
                false,
                use_strict,
            ));
        }
        self.check_params(&names, true, false)?;
        let e = self.parse_assignment(in_)?;
        let span = e.span();
        let ret = Statement::Return(self.alloc(ReturnStatement {
            span,
            argument: Some(e),
        }));
        Ok((
            FunctionBody {
                span,
                statements: self.arena.alloc_slice_copy(&[ret]),
            },
            true,
            false,
        ))
    }
}
