//! Statements and declarations (ECMA-262 14, B.3.2-B.3.5): blocks,
//! variable and lexical declarations, control flow, labels, loops (incl.
//! `for-in`/`for-of`/`for await`), switch, try, with, and the Annex B
//! function declarations in `if` clauses and labelled statements.
//!
//! Invariant: every declaration is registered with [`Scopes`] when parsed,
//! and every `break`/`continue` is checked against the labels and loops of
//! the current function when parsed.

use super::scope::{Binding, ScopeKind};
use super::*;

/// Where a statement appears (for Annex B labelled functions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StmtPos {
    /// Directly in a StatementList (labelled functions allowed in sloppy code).
    ListItem,
    /// The body of an if/loop/with/labelled-in-nested statement.
    Nested,
}

impl<'a> Parser<'a> {
    /// StatementListItem: a statement or a declaration.
    pub fn parse_statement_list_item(&mut self) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        if self.tok.escaped {
            return self.parse_statement(StmtPos::ListItem);
        }
        let is_let_decl = self.at_kw(Kind::Let) && self.let_starts_declaration();
        match self.tok.kind {
            Kind::Function => {
                self.jumps.label_set = 0;
                self.enter()?;
                let f = self.parse_function_declaration(start, false, false);
                self.leave();
                Ok(Statement::FunctionDeclaration(f?))
            }
            Kind::Async => {
                let next = self.peek();
                if next.kind == Kind::Function && !next.escaped && !next.newline_before {
                    self.jumps.label_set = 0;
                    self.next()?;
                    self.enter()?;
                    let f = self.parse_function_declaration(start, true, false);
                    self.leave();
                    return Ok(Statement::FunctionDeclaration(f?));
                }
                self.parse_statement(StmtPos::ListItem)
            }
            Kind::Class => {
                self.jumps.label_set = 0;
                self.enter()?;
                let c = self.parse_class(true, false);
                self.leave();
                Ok(Statement::ClassDeclaration(c?))
            }
            Kind::Const => {
                self.jumps.label_set = 0;
                let d = self.parse_variable_declaration(VariableKind::Const, true, false)?;
                self.semicolon()?;
                Ok(Statement::VariableDeclaration(d))
            }
            Kind::Let if is_let_decl => {
                self.jumps.label_set = 0;
                let d = self.parse_variable_declaration(VariableKind::Let, true, false)?;
                self.semicolon()?;
                Ok(Statement::VariableDeclaration(d))
            }
            _ => self.parse_statement(StmtPos::ListItem),
        }
    }

    /// `let` followed by a binding identifier, `[` or `{` starts a
    /// LexicalDeclaration.
    fn let_starts_declaration(&mut self) -> bool {
        let next = self.peek();
        matches!(next.kind, Kind::LBracket | Kind::LBrace) || next.kind.is_identifier_like()
    }

    /// Statement (no declarations except the Annex B cases).
    pub fn parse_statement(&mut self, pos: StmtPos) -> PResult<Statement<'a>> {
        self.enter()?;
        let r = self.parse_statement_inner(pos);
        self.leave();
        r
    }

    fn parse_statement_inner(&mut self, pos: StmtPos) -> PResult<Statement<'a>> {
        let label_set = std::mem::take(&mut self.jumps.label_set);
        let start = self.tok.start;
        let kind = if self.tok.escaped {
            Kind::Identifier
        } else {
            self.tok.kind
        };
        match kind {
            Kind::LBrace => Ok(Statement::Block(self.parse_block(true)?)),
            Kind::Var => {
                let d = self.parse_variable_declaration(VariableKind::Var, true, false)?;
                self.semicolon()?;
                Ok(Statement::VariableDeclaration(d))
            }
            Kind::Semicolon => {
                self.next()?;
                Ok(Statement::Empty(self.span_from(start)))
            }
            Kind::If => self.parse_if(),
            Kind::For | Kind::While | Kind::Do => {
                let n = self.jumps.labels.len();
                for l in &mut self.jumps.labels[n.saturating_sub(label_set)..] {
                    l.is_loop = true;
                }
                match kind {
                    Kind::For => self.parse_for(),
                    Kind::While => {
                        self.next()?;
                        self.expect(Kind::LParen)?;
                        let test = self.parse_expression(true)?;
                        self.expect(Kind::RParen)?;
                        let body = self.parse_loop_body()?;
                        Ok(Statement::While(self.alloc(WhileStatement {
                            span: self.span_from(start),
                            test,
                            body,
                        })))
                    }
                    _ => {
                        self.next()?;
                        let body = self.parse_loop_body()?;
                        self.expect(Kind::While)?;
                        self.expect(Kind::LParen)?;
                        let test = self.parse_expression(true)?;
                        self.expect(Kind::RParen)?;
                        // A semicolon after do-while is always optional.
                        self.eat(Kind::Semicolon)?;
                        Ok(Statement::DoWhile(self.alloc(DoWhileStatement {
                            span: self.span_from(start),
                            body,
                            test,
                        })))
                    }
                }
            }
            Kind::Continue | Kind::Break => self.parse_break_continue(kind == Kind::Continue),
            Kind::Return => {
                if !self.ctx.return_ {
                    return err(start, "illegal return statement");
                }
                self.next()?;
                let argument = if self.can_insert_semicolon() {
                    None
                } else {
                    Some(self.parse_expression(true)?)
                };
                self.semicolon()?;
                Ok(Statement::Return(self.alloc(ReturnStatement {
                    span: self.span_from(start),
                    argument,
                })))
            }
            Kind::With => {
                if self.ctx.strict {
                    return err(start, "strict mode code may not include a with statement");
                }
                self.next()?;
                self.expect(Kind::LParen)?;
                let object = self.parse_expression(true)?;
                self.expect(Kind::RParen)?;
                let body = self.parse_statement(StmtPos::Nested)?;
                Ok(Statement::With(self.alloc(WithStatement {
                    span: self.span_from(start),
                    object,
                    body,
                })))
            }
            Kind::Switch => self.parse_switch(),
            Kind::Throw => {
                self.next()?;
                if self.tok.newline_before {
                    return err(self.tok.start, "illegal newline after throw");
                }
                let argument = self.parse_expression(true)?;
                self.semicolon()?;
                Ok(Statement::Throw(self.alloc(ThrowStatement {
                    span: self.span_from(start),
                    argument,
                })))
            }
            Kind::Try => self.parse_try(),
            Kind::Debugger => {
                self.next()?;
                self.semicolon()?;
                Ok(Statement::Debugger(self.span_from(start)))
            }
            Kind::Function => err(
                start,
                if self.ctx.strict {
                    "in strict mode code, functions can only be declared at top level or inside a block"
                } else {
                    "function declarations are not allowed in this position"
                },
            ),
            Kind::Class | Kind::Const => err(
                start,
                "lexical declaration cannot appear in a single-statement context",
            ),
            Kind::Let if self.peek().kind == Kind::LBracket => err(
                start,
                "lexical declaration cannot appear in a single-statement context",
            ),
            Kind::Async => {
                let next = self.peek();
                if next.kind == Kind::Function && !next.escaped && !next.newline_before {
                    return err(
                        start,
                        "async function declarations are not allowed in this position",
                    );
                }
                self.parse_expression_or_labelled(pos, label_set)
            }
            Kind::Import => {
                let next = self.peek();
                if matches!(next.kind, Kind::LParen | Kind::Dot) {
                    return self.parse_expression_statement();
                }
                err(
                    start,
                    if self.module {
                        "import declarations may only appear at top level of a module"
                    } else {
                        "cannot use import statement outside a module"
                    },
                )
            }
            Kind::Export => err(
                start,
                if self.module {
                    "export declarations may only appear at top level of a module"
                } else {
                    "unexpected token 'export'"
                },
            ),
            _ => self.parse_expression_or_labelled(pos, label_set),
        }
    }

    fn parse_expression_or_labelled(
        &mut self,
        pos: StmtPos,
        label_set: usize,
    ) -> PResult<Statement<'a>> {
        if self.at_identifier_like() && self.peek().kind == Kind::Colon {
            return self.parse_labelled(pos, label_set);
        }
        self.parse_expression_statement()
    }

    fn parse_expression_statement(&mut self) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        let expression = self.parse_expression(true)?;
        self.semicolon()?;
        Ok(Statement::Expression(self.alloc(ExpressionStatement {
            span: self.span_from(start),
            expression,
            directive: None,
        })))
    }

    fn parse_labelled(&mut self, pos: StmtPos, label_set: usize) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        let tok = self.tok;
        self.check_identifier(&tok, false)?;
        let label = self.ident_here();
        self.next()?;
        self.expect(Kind::Colon)?;
        if self.jumps.labels.iter().any(|l| l.name == label.name) {
            return err(
                start,
                format!("label '{}' has already been declared", label.name),
            );
        }
        self.jumps.labels.push(Label {
            name: label.name,
            is_loop: false,
        });
        self.jumps.label_set = label_set + 1;
        let body = if self.at_kw(Kind::Function) {
            self.jumps.label_set = 0;
            if self.ctx.strict || pos == StmtPos::Nested {
                self.jumps.labels.pop();
                return err(
                    self.tok.start,
                    "labelled function declarations are not allowed here",
                );
            }
            if self.peek().kind == Kind::Star {
                self.jumps.labels.pop();
                return err(self.tok.start, "generator declarations cannot be labelled");
            }
            let fstart = self.tok.start;
            self.enter()?;
            let f = self.parse_function_declaration(fstart, false, false);
            self.leave();
            f.map(Statement::FunctionDeclaration)
        } else {
            self.parse_statement(pos)
        };
        self.jumps.labels.pop();
        let body = body?;
        Ok(Statement::Labeled(self.alloc(LabeledStatement {
            span: self.span_from(start),
            label,
            body,
        })))
    }

    fn parse_break_continue(&mut self, is_continue: bool) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut label = None;
        if !self.tok.newline_before && self.at_identifier_like() {
            let tok = self.tok;
            self.check_identifier(&tok, false)?;
            let id = self.ident_here();
            self.next()?;
            match self.jumps.labels.iter().find(|l| l.name == id.name) {
                None => return err(id.span.start, format!("undefined label '{}'", id.name)),
                Some(l) if is_continue && !l.is_loop => {
                    return err(id.span.start, format!("illegal continue statement: '{}' does not denote an iteration statement", id.name));
                }
                _ => {}
            }
            label = Some(id);
        } else if is_continue && self.jumps.loop_depth == 0 {
            return err(
                start,
                "illegal continue statement: no surrounding iteration statement",
            );
        } else if !is_continue && self.jumps.breakable_depth == 0 {
            return err(start, "illegal break statement");
        }
        self.semicolon()?;
        let span = self.span_from(start);
        Ok(if is_continue {
            Statement::Continue(self.alloc(ContinueStatement { span, label }))
        } else {
            Statement::Break(self.alloc(BreakStatement { span, label }))
        })
    }

    /// `{ StatementList }`; `new_scope` is false for catch blocks, which
    /// share the catch parameter's scope.
    pub fn parse_block(&mut self, new_scope: bool) -> PResult<&'a BlockStatement<'a>> {
        let start = self.tok.start;
        self.expect(Kind::LBrace)?;
        if new_scope {
            self.scopes.push(ScopeKind::Block);
        }
        let mut body = self.vec();
        let r = (|| {
            while !self.at(Kind::RBrace) {
                if self.at(Kind::Eof) {
                    return self.unexpected();
                }
                body.push(self.parse_statement_list_item()?);
            }
            Ok(())
        })();
        if new_scope {
            self.scopes.pop();
        }
        r?;
        self.next()?;
        Ok(self.alloc(BlockStatement {
            span: self.span_from(start),
            body: body.into_bump_slice(),
        }))
    }

    /// `var`/`let`/`const` declarations. In a `for` head (`for_head`),
    /// missing initializers are checked by the caller.
    pub fn parse_variable_declaration(
        &mut self,
        kind: VariableKind,
        in_: bool,
        for_head: bool,
    ) -> PResult<&'a VariableDeclaration<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut declarations = self.vec();
        let mut names = Vec::new();
        loop {
            let d_start = self.tok.start;
            let target = self.parse_binding_pattern()?;
            names.clear();
            Self::collect_bound_names(&target, &mut names);
            for &(name, at) in &names {
                match kind {
                    VariableKind::Var => self.scopes.declare_var(name, at)?,
                    _ => {
                        if name == "let" {
                            return err(at, "'let' cannot be a lexically bound name");
                        }
                        let b = if kind == VariableKind::Let {
                            Binding::Let
                        } else {
                            Binding::Const
                        };
                        self.scopes.declare_lexical(name, b, self.ctx.strict, at)?;
                    }
                }
            }
            let init = if self.eat(Kind::Eq)? {
                Some(self.parse_assignment(in_)?)
            } else {
                None
            };
            if init.is_none() && !for_head {
                if kind == VariableKind::Const {
                    return err(d_start, "missing initializer in const declaration");
                }
                if !matches!(target, Pattern::Identifier(_)) {
                    return err(d_start, "missing initializer in destructuring declaration");
                }
            }
            declarations.push(VariableDeclarator {
                span: self.span_from(d_start),
                target,
                init,
            });
            if !self.eat(Kind::Comma)? {
                break;
            }
        }
        Ok(self.alloc(VariableDeclaration {
            span: self.span_from(start),
            kind,
            declarations: declarations.into_bump_slice(),
        }))
    }

    fn parse_if(&mut self) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        self.next()?;
        self.expect(Kind::LParen)?;
        let test = self.parse_expression(true)?;
        self.expect(Kind::RParen)?;
        let consequent = self.parse_if_clause()?;
        let alternate = if self.eat(Kind::Else)? {
            Some(self.parse_if_clause()?)
        } else {
            None
        };
        Ok(Statement::If(self.alloc(IfStatement {
            span: self.span_from(start),
            test,
            consequent,
            alternate,
        })))
    }

    /// An `if` arm; B.3.3 allows a plain function declaration in sloppy
    /// code, which behaves as if wrapped in a block.
    fn parse_if_clause(&mut self) -> PResult<Statement<'a>> {
        if self.at_kw(Kind::Function) && !self.ctx.strict && self.peek().kind != Kind::Star {
            let start = self.tok.start;
            self.scopes.push(ScopeKind::Block);
            self.enter()?;
            let f = self.parse_function_declaration(start, false, false);
            self.leave();
            self.scopes.pop();
            let f = f?;
            let body = self
                .arena
                .alloc_slice_copy(&[Statement::FunctionDeclaration(f)]);
            return Ok(Statement::Block(
                self.alloc(BlockStatement { span: f.span, body }),
            ));
        }
        self.parse_statement(StmtPos::Nested)
    }

    fn parse_loop_body(&mut self) -> PResult<Statement<'a>> {
        self.jumps.loop_depth += 1;
        self.jumps.breakable_depth += 1;
        let r = self.parse_statement(StmtPos::Nested);
        self.jumps.loop_depth -= 1;
        self.jumps.breakable_depth -= 1;
        r
    }

    fn parse_for(&mut self) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut is_await = false;
        if self.at(Kind::Await) {
            if !self.ctx.await_ || self.tok.escaped {
                return self.unexpected();
            }
            if self.module && !self.ctx.return_ {
                self.flags.has_top_level_await = true;
            }
            is_await = true;
            self.next()?;
        }
        self.expect(Kind::LParen)?;
        self.scopes.push(ScopeKind::Block);
        let r = self.parse_for_rest(start, is_await);
        self.scopes.pop();
        r
    }

    fn parse_for_rest(&mut self, start: u32, is_await: bool) -> PResult<Statement<'a>> {
        let init_start = self.tok.start;
        if self.at(Kind::Semicolon) {
            if is_await {
                return self.unexpected();
            }
            return self.parse_for_loop(start, None);
        }
        let decl_kind = if self.at_kw(Kind::Var) {
            Some(VariableKind::Var)
        } else if self.at_kw(Kind::Const) {
            Some(VariableKind::Const)
        } else if self.at_kw(Kind::Let) && self.let_starts_declaration() {
            Some(VariableKind::Let)
        } else {
            None
        };
        if let Some(kind) = decl_kind {
            let decl = self.parse_variable_declaration(kind, false, true)?;
            let is_in = self.at_kw(Kind::In) && !is_await;
            if is_in || self.at_kw(Kind::Of) {
                if decl.declarations.len() != 1 {
                    return err(init_start, "for-in/of loop must declare a single binding");
                }
                let d = &decl.declarations[0];
                if d.init.is_some() {
                    let annex_b = is_in
                        && kind == VariableKind::Var
                        && !self.ctx.strict
                        && matches!(d.target, Pattern::Identifier(_));
                    if !annex_b {
                        return err(
                            d.span.start,
                            "for-in/of loop variable declaration may not have an initializer",
                        );
                    }
                }
                return self.parse_for_in_of(
                    start,
                    ForTarget::VariableDeclaration(decl),
                    !is_in,
                    is_await,
                );
            }
            if is_await {
                return self.unexpected();
            }
            for d in decl.declarations {
                if d.init.is_none() {
                    if kind == VariableKind::Const {
                        return err(d.span.start, "missing initializer in const declaration");
                    }
                    if !matches!(d.target, Pattern::Identifier(_)) {
                        return err(
                            d.span.start,
                            "missing initializer in destructuring declaration",
                        );
                    }
                }
            }
            return self.parse_for_loop(start, Some(ForInit::VariableDeclaration(decl)));
        }
        let starts_with_let = self.at_kw(Kind::Let);
        let starts_with_async = self.at_kw(Kind::Async);
        let mut cover = CoverErrors::default();
        let expr = self.parse_expression_cover(false, Some(&mut cover))?;
        let is_in = self.at_kw(Kind::In) && !is_await;
        if is_in || self.at_kw(Kind::Of) {
            let is_of = !is_in;
            if is_of && starts_with_let {
                return err(
                    init_start,
                    "the left-hand side of a for-of loop may not start with 'let'",
                );
            }
            if is_of && !is_await && starts_with_async {
                if let Expression::Identifier(id) = expr {
                    if id.span.start == init_start && id.span.end - id.span.start == 5 {
                        return err(
                            init_start,
                            "the left-hand side of a for-of loop may not be 'async'",
                        );
                    }
                }
            }
            let is_literal = matches!(expr, Expression::Object(_) | Expression::Array(_))
                && expr.span().start == init_start;
            let target = if is_literal {
                self.assignment_pattern_from(expr)?
            } else {
                Self::check_cover_from(&cover, 0)?;
                self.simple_target_from(expr, true)?
            };
            return self.parse_for_in_of(start, ForTarget::Pattern(target), is_of, is_await);
        }
        if is_await {
            return self.unexpected();
        }
        Self::check_cover_from(&cover, 0)?;
        self.parse_for_loop(start, Some(ForInit::Expression(expr)))
    }

    fn parse_for_loop(&mut self, start: u32, init: Option<ForInit<'a>>) -> PResult<Statement<'a>> {
        self.expect(Kind::Semicolon)?;
        let test = if self.at(Kind::Semicolon) {
            None
        } else {
            Some(self.parse_expression(true)?)
        };
        self.expect(Kind::Semicolon)?;
        let update = if self.at(Kind::RParen) {
            None
        } else {
            Some(self.parse_expression(true)?)
        };
        self.expect(Kind::RParen)?;
        let body = self.parse_loop_body()?;
        Ok(Statement::For(self.alloc(ForStatement {
            span: self.span_from(start),
            init,
            test,
            update,
            body,
        })))
    }

    fn parse_for_in_of(
        &mut self,
        start: u32,
        left: ForTarget<'a>,
        is_of: bool,
        is_await: bool,
    ) -> PResult<Statement<'a>> {
        self.next()?;
        let right = if is_of {
            self.parse_assignment(true)?
        } else {
            self.parse_expression(true)?
        };
        self.expect(Kind::RParen)?;
        let body = self.parse_loop_body()?;
        let span = self.span_from(start);
        Ok(if is_of {
            Statement::ForOf(self.alloc(ForOfStatement {
                span,
                is_await,
                left,
                right,
                body,
            }))
        } else {
            Statement::ForIn(self.alloc(ForInStatement {
                span,
                left,
                right,
                body,
            }))
        })
    }

    fn parse_switch(&mut self) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        self.next()?;
        self.expect(Kind::LParen)?;
        let discriminant = self.parse_expression(true)?;
        self.expect(Kind::RParen)?;
        self.expect(Kind::LBrace)?;
        self.scopes.push(ScopeKind::Block);
        self.jumps.breakable_depth += 1;
        let r = self.parse_switch_cases();
        self.jumps.breakable_depth -= 1;
        self.scopes.pop();
        let cases = r?;
        self.next()?;
        Ok(Statement::Switch(self.alloc(SwitchStatement {
            span: self.span_from(start),
            discriminant,
            cases,
        })))
    }

    fn parse_switch_cases(&mut self) -> PResult<&'a [SwitchCase<'a>]> {
        let mut cases = self.vec();
        let mut has_default = false;
        while !self.at(Kind::RBrace) {
            let c_start = self.tok.start;
            let test = if self.eat(Kind::Case)? {
                Some(self.parse_expression(true)?)
            } else {
                if !self.at_kw(Kind::Default) {
                    return self.unexpected();
                }
                if has_default {
                    return err(c_start, "more than one default clause in switch statement");
                }
                has_default = true;
                self.next()?;
                None
            };
            self.expect(Kind::Colon)?;
            let mut consequent = self.vec();
            while !(self.at(Kind::RBrace) || self.at_kw(Kind::Case) || self.at_kw(Kind::Default)) {
                if self.at(Kind::Eof) {
                    return self.unexpected();
                }
                consequent.push(self.parse_statement_list_item()?);
            }
            cases.push(SwitchCase {
                span: self.span_from(c_start),
                test,
                consequent: consequent.into_bump_slice(),
            });
        }
        Ok(cases.into_bump_slice())
    }

    fn parse_try(&mut self) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        self.next()?;
        let block = self.parse_block(true)?;
        let mut handler = None;
        if self.at_kw(Kind::Catch) {
            let c_start = self.tok.start;
            self.next()?;
            self.scopes.push(ScopeKind::Catch);
            let r = (|| -> PResult<(Option<Pattern<'a>>, &'a BlockStatement<'a>)> {
                let param = if self.eat(Kind::LParen)? {
                    let p = self.parse_binding_pattern()?;
                    self.expect(Kind::RParen)?;
                    let mut names = Vec::new();
                    Self::collect_bound_names(&p, &mut names);
                    let b = if matches!(p, Pattern::Identifier(_)) {
                        Binding::CatchSimple
                    } else {
                        Binding::CatchPattern
                    };
                    for (name, at) in names {
                        self.scopes.declare_lexical(name, b, self.ctx.strict, at)?;
                    }
                    Some(p)
                } else {
                    None
                };
                let body = self.parse_block(false)?;
                Ok((param, body))
            })();
            self.scopes.pop();
            let (param, body) = r?;
            handler = Some(self.alloc(CatchClause {
                span: self.span_from(c_start),
                param,
                body,
            }));
        }
        let finalizer = if self.eat(Kind::Finally)? {
            Some(self.parse_block(true)?)
        } else {
            None
        };
        if handler.is_none() && finalizer.is_none() {
            return err(self.tok.start, "missing catch or finally after try");
        }
        Ok(Statement::Try(self.alloc(TryStatement {
            span: self.span_from(start),
            block,
            handler,
            finalizer,
        })))
    }
}
