//! Expressions (ECMA-262 13): primary, member/call/new, optional chains,
//! unary/update, binary operators by precedence climbing, conditional,
//! assignment (with the destructuring cover grammar), yield, await,
//! templates, array and object literals.
//!
//! Invariant: an Object/Array literal may carry deferred [`CoverErrors`] out
//! of `parse_assignment_cover` only when it is the whole AssignmentExpression
//! (so it can still become a pattern); every other expression has its cover
//! errors reported before it is returned.

use super::*;

/// Binary operator precedence (higher binds tighter).
const PREC_COALESCE: u8 = 1;
const PREC_RELATIONAL: u8 = 8;
const PREC_SHIFT: u8 = 9;
const PREC_EXP: u8 = 12;

enum BinOp {
    Binary(BinaryOperator),
    Logical(LogicalOperator),
}

fn binary_op(kind: Kind, in_: bool) -> Option<(u8, BinOp)> {
    use BinaryOperator as B;
    use Kind as K;
    use LogicalOperator as L;
    let r = match kind {
        K::QuestionQuestion => (PREC_COALESCE, BinOp::Logical(L::Coalesce)),
        K::PipePipe => (2, BinOp::Logical(L::Or)),
        K::AmpAmp => (3, BinOp::Logical(L::And)),
        K::Pipe => (4, BinOp::Binary(B::BitOr)),
        K::Caret => (5, BinOp::Binary(B::BitXor)),
        K::Amp => (6, BinOp::Binary(B::BitAnd)),
        K::EqEq => (7, BinOp::Binary(B::Eq)),
        K::NotEq => (7, BinOp::Binary(B::NotEq)),
        K::EqEqEq => (7, BinOp::Binary(B::StrictEq)),
        K::NotEqEq => (7, BinOp::Binary(B::StrictNotEq)),
        K::Lt => (PREC_RELATIONAL, BinOp::Binary(B::Lt)),
        K::Gt => (PREC_RELATIONAL, BinOp::Binary(B::Gt)),
        K::LtEq => (PREC_RELATIONAL, BinOp::Binary(B::LtEq)),
        K::GtEq => (PREC_RELATIONAL, BinOp::Binary(B::GtEq)),
        K::Instanceof => (PREC_RELATIONAL, BinOp::Binary(B::Instanceof)),
        K::In if in_ => (PREC_RELATIONAL, BinOp::Binary(B::In)),
        K::Shl => (PREC_SHIFT, BinOp::Binary(B::Shl)),
        K::Shr => (PREC_SHIFT, BinOp::Binary(B::Shr)),
        K::UShr => (PREC_SHIFT, BinOp::Binary(B::UShr)),
        K::Plus => (10, BinOp::Binary(B::Add)),
        K::Minus => (10, BinOp::Binary(B::Sub)),
        K::Star => (11, BinOp::Binary(B::Mul)),
        K::Slash => (11, BinOp::Binary(B::Div)),
        K::Percent => (11, BinOp::Binary(B::Rem)),
        K::StarStar => (PREC_EXP, BinOp::Binary(B::Exp)),
        _ => return None,
    };
    Some(r)
}

fn assign_op(kind: Kind) -> Option<AssignmentOperator> {
    use AssignmentOperator as A;
    use Kind as K;
    Some(match kind {
        K::Eq => A::Assign,
        K::PlusEq => A::Add,
        K::MinusEq => A::Sub,
        K::StarEq => A::Mul,
        K::SlashEq => A::Div,
        K::PercentEq => A::Rem,
        K::StarStarEq => A::Exp,
        K::ShlEq => A::Shl,
        K::ShrEq => A::Shr,
        K::UShrEq => A::UShr,
        K::PipeEq => A::BitOr,
        K::CaretEq => A::BitXor,
        K::AmpEq => A::BitAnd,
        K::AmpAmpEq => A::And,
        K::PipePipeEq => A::Or,
        K::QuestionQuestionEq => A::Coalesce,
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    // --- Expression / AssignmentExpression ------------------------------------

    /// Expression[In]: a comma-separated sequence.
    pub fn parse_expression(&mut self, in_: bool) -> PResult<Expression<'a>> {
        self.parse_expression_cover(in_, None)
    }

    /// Expression with the first item's cover errors deferred to `cover`
    /// (used by `for (... of/in ...)` heads).
    pub fn parse_expression_cover(
        &mut self,
        in_: bool,
        cover: Option<&mut CoverErrors>,
    ) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let first = self.parse_assignment_cover(in_, cover)?;
        if !self.at(Kind::Comma) {
            return Ok(first);
        }
        let mut list = self.vec();
        list.push(first);
        while self.eat(Kind::Comma)? {
            list.push(self.parse_assignment(in_)?);
        }
        Ok(Expression::Sequence(self.alloc(SequenceExpression {
            span: self.span_from(start),
            expressions: list.into_bump_slice(),
        })))
    }

    /// AssignmentExpression[In].
    pub fn parse_assignment(&mut self, in_: bool) -> PResult<Expression<'a>> {
        self.parse_assignment_cover(in_, None)
    }

    /// AssignmentExpression; with `outer`, cover errors of an object/array
    /// literal that is the whole expression are left to the caller.
    pub fn parse_assignment_cover(
        &mut self,
        in_: bool,
        outer: Option<&mut CoverErrors>,
    ) -> PResult<Expression<'a>> {
        self.enter()?;
        let saved_arrow = self.potential_arrow_at;
        let saved_in = self.in_allowed;
        let r = self.parse_assignment_inner(in_, outer);
        self.potential_arrow_at = saved_arrow;
        self.in_allowed = saved_in;
        self.leave();
        r
    }

    fn parse_assignment_inner(
        &mut self,
        in_: bool,
        outer: Option<&mut CoverErrors>,
    ) -> PResult<Expression<'a>> {
        if self.at(Kind::Yield) && self.ctx.yield_ {
            if self.tok.escaped {
                return err(
                    self.tok.start,
                    "keyword must not contain escaped characters",
                );
            }
            return self.parse_yield(in_);
        }
        let start = self.tok.start;
        self.potential_arrow_at = start;
        self.in_allowed = in_;
        let mut own = CoverErrors::default();
        let has_outer = outer.is_some();
        let cover = match outer {
            Some(c) => c,
            None => &mut own,
        };
        let left = self.parse_conditional(in_, cover)?;
        if matches!(left, Expression::Arrow(_)) && left.span().start == start {
            return Ok(left);
        }
        let is_literal = matches!(left, Expression::Object(_) | Expression::Array(_))
            && left.span().start == start;
        if !is_literal {
            Self::check_cover_from(cover, start)?;
        }
        if let Some(op) = assign_op(self.tok.kind) {
            let parenthesized_target = matches!(left, Expression::Identifier(_)) && {
                let s = left.span();
                self.parenthesized.contains(&(s.start, s.end))
            };
            let target = if op == AssignmentOperator::Assign && is_literal {
                // The literal was a pattern all along: its deferred errors vanish.
                Self::clear_cover_from(cover, start);
                self.assignment_pattern_from(left)?
            } else {
                self.simple_target_from(left, op.logical_operator().is_none())?
            };
            self.next()?;
            let right = self.parse_assignment(in_)?;
            return Ok(Expression::Assignment(self.alloc(AssignmentExpression {
                span: self.span_from(start),
                operator: op,
                left: target,
                right,
                parenthesized_target,
            })));
        }
        if !has_outer {
            Self::check_cover_from(cover, 0)?;
        }
        Ok(left)
    }

    /// Reports deferred cover errors at or after `from`.
    pub fn check_cover_from(cover: &CoverErrors, from: u32) -> PResult<()> {
        if let Some(at) = cover.shorthand_assign.filter(|&a| a >= from) {
            return err(at, "invalid shorthand property initializer");
        }
        if let Some(at) = cover.double_proto.filter(|&a| a >= from) {
            return err(
                at,
                "duplicate __proto__ fields are not allowed in object literals",
            );
        }
        Ok(())
    }

    fn clear_cover_from(cover: &mut CoverErrors, from: u32) {
        if cover.shorthand_assign.is_some_and(|a| a >= from) {
            cover.shorthand_assign = None;
        }
        if cover.double_proto.is_some_and(|a| a >= from) {
            cover.double_proto = None;
        }
    }

    /// Validates a simple assignment target (identifier or member; a call in
    /// sloppy code when `allow_call`, Annex B web-compat).
    pub fn simple_target_from(
        &mut self,
        expr: Expression<'a>,
        allow_call: bool,
    ) -> PResult<Pattern<'a>> {
        match expr {
            Expression::Identifier(id) => {
                if self.ctx.strict && matches!(id.name, "eval" | "arguments") {
                    return err(
                        id.span.start,
                        format!("cannot assign to '{}' in strict mode", id.name),
                    );
                }
                Ok(Pattern::Identifier(id))
            }
            Expression::Member(_) | Expression::SuperMember(_) => Ok(Pattern::Expression(expr)),
            Expression::Call(_) if allow_call && !self.ctx.strict => Ok(Pattern::Expression(expr)),
            _ => err(expr.span().start, "invalid assignment target"),
        }
    }

    // --- yield / await ---------------------------------------------------------

    fn parse_yield(&mut self, in_: bool) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        if self.ctx.in_params {
            return err(start, "yield expression not allowed in formal parameters");
        }
        self.marks.yield_expr.get_or_insert(start);
        self.next()?;
        let mut delegate = false;
        let mut argument = None;
        if !self.tok.newline_before {
            if self.at(Kind::Star) {
                delegate = true;
                self.next()?;
                argument = Some(self.parse_assignment(in_)?);
            } else if self.starts_expression() {
                argument = Some(self.parse_assignment(in_)?);
            }
        }
        Ok(Expression::Yield(self.alloc(YieldExpression {
            span: self.span_from(start),
            argument,
            delegate,
        })))
    }

    /// Whether the current token can begin an AssignmentExpression (for the
    /// optional operand of `yield`).
    fn starts_expression(&self) -> bool {
        use Kind::*;
        match self.tok.kind {
            RParen | RBracket | RBrace | Comma | Semicolon | Colon | Eof | Question | Arrow
            | In | Instanceof | QuestionQuestion | PipePipe | AmpAmp | Pipe | Caret | Amp
            | EqEq | NotEq | EqEqEq | NotEqEq | Lt | Gt | LtEq | GtEq | Shl | Shr | UShr | Star
            | Percent | StarStar | Dot | QuestionDot | TemplateMiddle | TemplateTail => false,
            k if k.is_assign_op() && k != SlashEq => false,
            _ => true,
        }
    }

    fn parse_await(&mut self) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        if self.ctx.in_params {
            return err(start, "await expression not allowed in formal parameters");
        }
        self.marks.await_expr.get_or_insert(start);
        if self.module && !self.ctx.return_ {
            self.flags.has_top_level_await = true;
        }
        self.next()?;
        let argument = self.parse_unary_checked()?;
        Ok(Expression::Await(self.alloc(AwaitExpression {
            span: self.span_from(start),
            argument,
        })))
    }

    // --- conditional and binary ------------------------------------------------

    fn parse_conditional(&mut self, in_: bool, cover: &mut CoverErrors) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let test = self.parse_binary(in_, cover)?;
        if matches!(test, Expression::Arrow(_)) && test.span().start == start {
            return Ok(test);
        }
        if !self.at(Kind::Question) {
            return Ok(test);
        }
        Self::check_cover_from(cover, start)?;
        self.next()?;
        let consequent = self.parse_assignment(true)?;
        self.expect(Kind::Colon)?;
        let alternate = self.parse_assignment(in_)?;
        Ok(Expression::Conditional(self.alloc(ConditionalExpression {
            span: self.span_from(start),
            test,
            consequent,
            alternate,
        })))
    }

    fn parse_binary(&mut self, in_: bool, cover: &mut CoverErrors) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let left = if self.at(Kind::PrivateName) {
            self.parse_private_in(in_, 0)?
        } else {
            self.parse_unary(cover)?
        };
        if matches!(left, Expression::Arrow(_)) && left.span().start == start {
            return Ok(left);
        }
        if binary_op(self.tok.kind, in_).is_none() {
            return Ok(left);
        }
        Self::check_cover_from(cover, start)?;
        self.parse_binary_rhs(start, left, 0, in_)
    }

    /// `#x in obj` at the start of a RelationalExpression.
    fn parse_private_in(&mut self, in_: bool, min_prec: u8) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let name = self.tok.name();
        if !(in_
            && min_prec <= PREC_RELATIONAL
            && self.peek().kind == Kind::In
            && !self.peek().escaped)
        {
            return err(start, "unexpected private name");
        }
        let pn = self.alloc(PrivateName {
            span: Span::new(start, self.tok.end),
            name,
        });
        self.reference_private(name, start)?;
        self.next()?;
        self.next()?; // `in`
        let right_start = self.tok.start;
        let right = self.parse_binary_operand(in_, PREC_RELATIONAL + 1)?;
        let _ = right_start;
        Ok(Expression::PrivateIn(self.alloc(PrivateInExpression {
            span: self.span_from(start),
            name: pn,
            right,
        })))
    }

    /// An operand followed by operators of precedence >= `min_prec`.
    fn parse_binary_operand(&mut self, in_: bool, min_prec: u8) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let left = if self.at(Kind::PrivateName) {
            self.parse_private_in(in_, min_prec)?
        } else {
            self.parse_unary_checked()?
        };
        self.parse_binary_rhs(start, left, min_prec, in_)
    }

    fn parse_binary_rhs(
        &mut self,
        start: u32,
        mut left: Expression<'a>,
        min_prec: u8,
        in_: bool,
    ) -> PResult<Expression<'a>> {
        while let Some((prec, op)) = binary_op(self.tok.kind, in_) {
            if prec < min_prec || (self.tok.escaped && self.tok.kind.is_identifier_name()) {
                if self.tok.escaped && prec >= min_prec {
                    return err(
                        self.tok.start,
                        "keyword must not contain escaped characters",
                    );
                }
                break;
            }
            let op_at = self.tok.start;
            let left_bare = left.span().start == start;
            if prec == PREC_EXP
                && left_bare
                && matches!(left, Expression::Unary(_) | Expression::Await(_))
            {
                return err(op_at, "unary operator used immediately before exponentiation expression; parentheses are required");
            }
            self.next()?;
            let right_start = self.tok.start;
            let right = if prec == PREC_EXP {
                self.enter()?;
                let r = self.parse_binary_operand(in_, prec);
                self.leave();
                r?
            } else {
                self.parse_binary_operand(in_, prec + 1)?
            };
            let right_bare = right.span().start == right_start;
            let span = Span::new(start, self.prev_end);
            left = match op {
                BinOp::Binary(operator) => Expression::Binary(self.alloc(BinaryExpression {
                    span,
                    operator,
                    left,
                    right,
                })),
                BinOp::Logical(operator) => {
                    let mixes = |e: &Expression<'a>, bare: bool| {
                        bare && matches!(e, Expression::Logical(l)
                            if (l.operator == LogicalOperator::Coalesce) != (operator == LogicalOperator::Coalesce))
                    };
                    if mixes(&left, left_bare) || mixes(&right, right_bare) {
                        return err(
                            op_at,
                            "cannot mix '??' with '&&' or '||' without parentheses",
                        );
                    }
                    Expression::Logical(self.alloc(LogicalExpression {
                        span,
                        operator,
                        left,
                        right,
                    }))
                }
            };
        }
        Ok(left)
    }

    // --- unary / update ----------------------------------------------------------

    /// A UnaryExpression that cannot become a pattern.
    pub fn parse_unary_checked(&mut self) -> PResult<Expression<'a>> {
        let mut cover = CoverErrors::default();
        let e = self.parse_unary(&mut cover)?;
        Self::check_cover_from(&cover, 0)?;
        Ok(e)
    }

    fn parse_unary(&mut self, cover: &mut CoverErrors) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let op = match self.tok.kind {
            Kind::Minus => Some(UnaryOperator::Minus),
            Kind::Plus => Some(UnaryOperator::Plus),
            Kind::Bang => Some(UnaryOperator::Not),
            Kind::Tilde => Some(UnaryOperator::BitNot),
            Kind::Typeof if !self.tok.escaped => Some(UnaryOperator::Typeof),
            Kind::Void if !self.tok.escaped => Some(UnaryOperator::Void),
            Kind::Delete if !self.tok.escaped => Some(UnaryOperator::Delete),
            _ => None,
        };
        if let Some(operator) = op {
            self.next()?;
            self.enter()?;
            let arg_start = self.tok.start;
            let argument = self.parse_unary_checked();
            self.leave();
            let argument = argument?;
            if operator == UnaryOperator::Delete {
                if self.ctx.strict && matches!(argument, Expression::Identifier(_)) {
                    return err(
                        arg_start,
                        "delete of an unqualified identifier in strict mode",
                    );
                }
                if Self::is_private_reference(&argument) {
                    return err(arg_start, "private fields cannot be deleted");
                }
            }
            return Ok(Expression::Unary(self.alloc(UnaryExpression {
                span: self.span_from(start),
                operator,
                argument,
            })));
        }
        if matches!(self.tok.kind, Kind::PlusPlus | Kind::MinusMinus) {
            let operator = if self.at(Kind::PlusPlus) {
                UpdateOperator::Increment
            } else {
                UpdateOperator::Decrement
            };
            self.next()?;
            self.enter()?;
            let argument = self.parse_unary_checked();
            self.leave();
            let argument = argument?;
            self.simple_target_from(argument, true)?;
            return Ok(Expression::Update(self.alloc(UpdateExpression {
                span: self.span_from(start),
                operator,
                prefix: true,
                argument,
            })));
        }
        if self.at(Kind::Await) && self.ctx.await_ {
            if self.tok.escaped {
                return err(
                    self.tok.start,
                    "keyword must not contain escaped characters",
                );
            }
            self.enter()?;
            let r = self.parse_await();
            self.leave();
            return r;
        }
        let expr = self.parse_lhs(cover)?;
        if matches!(self.tok.kind, Kind::PlusPlus | Kind::MinusMinus) && !self.tok.newline_before {
            if matches!(expr, Expression::Arrow(_)) && expr.span().start == start {
                return Ok(expr);
            }
            Self::check_cover_from(cover, start)?;
            self.simple_target_from(expr, true)?;
            let operator = if self.at(Kind::PlusPlus) {
                UpdateOperator::Increment
            } else {
                UpdateOperator::Decrement
            };
            self.next()?;
            return Ok(Expression::Update(self.alloc(UpdateExpression {
                span: self.span_from(start),
                operator,
                prefix: false,
                argument: expr,
            })));
        }
        Ok(expr)
    }

    /// `x.#p`, `x?.#p`, `x?.y.#p` (for the `delete` early error).
    fn is_private_reference(e: &Expression<'a>) -> bool {
        match e {
            Expression::Member(m) => matches!(m.property, MemberProperty::Private(_)),
            Expression::Chain(c) => Self::is_private_reference(&c.expression),
            _ => false,
        }
    }

    // --- LeftHandSideExpression ----------------------------------------------------

    /// LeftHandSideExpression: new/call/member/optional chains.
    pub fn parse_lhs(&mut self, cover: &mut CoverErrors) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let expr = match self.tok.kind {
            Kind::New if !self.tok.escaped => self.parse_new()?,
            Kind::Super if !self.tok.escaped => self.parse_super()?,
            Kind::Import if !self.tok.escaped => self.parse_import_expression()?,
            _ => {
                let e = self.parse_primary(cover)?;
                if matches!(e, Expression::Arrow(_)) && e.span().start == start {
                    return Ok(e);
                }
                // `async (...)`: a call or the head of an async arrow.
                if let Expression::Identifier(id) = e {
                    if id.name == "async"
                        && self.at(Kind::LParen)
                        && !self.tok.newline_before
                        && start == self.potential_arrow_at
                        && id.span.end - id.span.start == 5
                    {
                        let call = self.parse_async_call_or_arrow(start, e)?;
                        if matches!(call, Expression::Arrow(_)) {
                            return Ok(call);
                        }
                        return self.parse_subscripts(start, call, false);
                    }
                }
                e
            }
        };
        if !self.at_subscript() {
            return Ok(expr);
        }
        Self::check_cover_from(cover, start)?;
        self.parse_subscripts(start, expr, false)
    }

    fn at_subscript(&self) -> bool {
        matches!(
            self.tok.kind,
            Kind::Dot
                | Kind::QuestionDot
                | Kind::LBracket
                | Kind::LParen
                | Kind::NoSubstitutionTemplate
                | Kind::TemplateHead
        )
    }

    /// Member accesses, calls (unless `no_call`), tagged templates and
    /// optional chains after `expr`.
    pub fn parse_subscripts(
        &mut self,
        start: u32,
        mut expr: Expression<'a>,
        no_call: bool,
    ) -> PResult<Expression<'a>> {
        let mut in_chain = false;
        loop {
            match self.tok.kind {
                Kind::Dot => {
                    self.next()?;
                    let property = self.parse_member_name()?;
                    expr = self.member(start, expr, property, false);
                }
                Kind::QuestionDot => {
                    if no_call {
                        return err(self.tok.start, "invalid optional chain from new expression");
                    }
                    in_chain = true;
                    self.next()?;
                    match self.tok.kind {
                        Kind::LParen => {
                            let arguments = self.parse_arguments(None)?;
                            expr = self.call(start, expr, arguments, true);
                        }
                        Kind::LBracket => {
                            self.next()?;
                            let e = self.parse_expression(true)?;
                            self.expect(Kind::RBracket)?;
                            expr = self.member(start, expr, MemberProperty::Computed(e), true);
                        }
                        Kind::NoSubstitutionTemplate | Kind::TemplateHead => {
                            return err(
                                self.tok.start,
                                "invalid tagged template on optional chain",
                            );
                        }
                        _ => {
                            let property = self.parse_member_name()?;
                            expr = self.member(start, expr, property, true);
                        }
                    }
                }
                Kind::LBracket => {
                    self.next()?;
                    let e = self.parse_expression(true)?;
                    self.expect(Kind::RBracket)?;
                    expr = self.member(start, expr, MemberProperty::Computed(e), false);
                }
                Kind::LParen if !no_call => {
                    let arguments = self.parse_arguments(None)?;
                    expr = self.call(start, expr, arguments, false);
                }
                Kind::NoSubstitutionTemplate | Kind::TemplateHead => {
                    if in_chain {
                        return err(self.tok.start, "invalid tagged template on optional chain");
                    }
                    self.enter()?;
                    let quasi = self.parse_template(true);
                    self.leave();
                    let quasi = quasi?;
                    expr = Expression::TaggedTemplate(self.alloc(TaggedTemplateExpression {
                        span: self.span_from(start),
                        tag: expr,
                        quasi,
                    }));
                }
                _ => break,
            }
        }
        if in_chain {
            expr = Expression::Chain(self.alloc(ChainExpression {
                span: self.span_from(start),
                expression: expr,
            }));
        }
        Ok(expr)
    }

    /// The name after `.` or `?.`: an IdentifierName or a private name.
    fn parse_member_name(&mut self) -> PResult<MemberProperty<'a>> {
        if self.at(Kind::PrivateName) {
            let name = self.tok.name();
            let at = self.tok.start;
            let pn = self.alloc(PrivateName {
                span: Span::new(at, self.tok.end),
                name,
            });
            self.reference_private(name, at)?;
            self.next()?;
            return Ok(MemberProperty::Private(pn));
        }
        let id = self.parse_identifier_name()?;
        Ok(MemberProperty::Static(self.alloc(id)))
    }

    fn member(
        &self,
        start: u32,
        object: Expression<'a>,
        property: MemberProperty<'a>,
        optional: bool,
    ) -> Expression<'a> {
        Expression::Member(self.alloc(MemberExpression {
            span: self.span_from(start),
            object,
            property,
            optional,
        }))
    }

    fn call(
        &mut self,
        start: u32,
        callee: Expression<'a>,
        arguments: &'a [Argument<'a>],
        optional: bool,
    ) -> Expression<'a> {
        let is_direct_eval =
            !optional && matches!(callee, Expression::Identifier(id) if id.name == "eval");
        if is_direct_eval {
            self.flags.contains_direct_eval = true;
        }
        Expression::Call(self.alloc(CallExpression {
            span: self.span_from(start),
            callee,
            arguments,
            optional,
            is_direct_eval,
        }))
    }

    /// Arguments `( ... )`; with `cover`, deferred errors go there (async
    /// arrow heads).
    pub fn parse_arguments(
        &mut self,
        mut cover: Option<&mut CoverErrors>,
    ) -> PResult<&'a [Argument<'a>]> {
        self.expect(Kind::LParen)?;
        let mut args = self.vec();
        while !self.at(Kind::RParen) {
            if self.at(Kind::Ellipsis) {
                let start = self.tok.start;
                self.next()?;
                let argument = self.parse_assignment_cover(true, cover.as_deref_mut())?;
                args.push(Argument::Spread(self.alloc(SpreadElement {
                    span: self.span_from(start),
                    argument,
                })));
                if self.at(Kind::Comma) {
                    self.spread_with_comma.insert(start);
                }
            } else {
                args.push(Argument::Expression(
                    self.parse_assignment_cover(true, cover.as_deref_mut())?,
                ));
            }
            if !self.at(Kind::RParen) {
                self.expect(Kind::Comma)?;
            }
        }
        self.next()?;
        Ok(args.into_bump_slice())
    }

    /// `new MemberExpression Arguments?`, `new.target`.
    fn parse_new(&mut self) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        self.next()?;
        if self.at(Kind::Dot) {
            self.next()?;
            if !self.at_kw(Kind::Target) {
                return self.unexpected();
            }
            if !self.ctx.new_target {
                return err(start, "new.target expression is not allowed here");
            }
            self.next()?;
            return Ok(Expression::NewTarget(self.span_from(start)));
        }
        self.enter()?;
        let r = self.parse_new_rest(start);
        self.leave();
        r
    }

    fn parse_new_rest(&mut self, start: u32) -> PResult<Expression<'a>> {
        let callee_start = self.tok.start;
        let callee = match self.tok.kind {
            Kind::New if !self.tok.escaped => self.parse_new()?,
            Kind::Super if !self.tok.escaped => {
                let e = self.parse_super()?;
                if matches!(e, Expression::SuperCall(_)) {
                    return err(callee_start, "'super' keyword unexpected here");
                }
                e
            }
            Kind::Import if !self.tok.escaped => {
                if self.peek().kind != Kind::Dot || self.peek2().kind != Kind::Meta {
                    return err(callee_start, "cannot use new with import");
                }
                self.parse_import_expression()?
            }
            _ => {
                self.potential_arrow_at = u32::MAX;
                let mut cover = CoverErrors::default();
                let e = self.parse_primary(&mut cover)?;
                Self::check_cover_from(&cover, 0)?;
                e
            }
        };
        let callee = self.parse_subscripts(callee_start, callee, true)?;
        let arguments: &'a [Argument<'a>] = if self.at(Kind::LParen) {
            self.parse_arguments(None)?
        } else {
            &[]
        };
        Ok(Expression::New(self.alloc(NewExpression {
            span: self.span_from(start),
            callee,
            arguments,
        })))
    }

    /// `super.x`, `super[x]`, `super(...)`.
    fn parse_super(&mut self) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        self.next()?;
        match self.tok.kind {
            Kind::LParen => {
                if !self.ctx.super_call {
                    return err(start, "'super' keyword unexpected here");
                }
                self.flags.uses_this = true;
                let arguments = self.parse_arguments(None)?;
                Ok(Expression::SuperCall(self.alloc(SuperCallExpression {
                    span: self.span_from(start),
                    arguments,
                })))
            }
            Kind::Dot | Kind::LBracket => {
                if !self.ctx.super_prop {
                    return err(start, "'super' keyword unexpected here");
                }
                self.flags.uses_this = true;
                let property = if self.at(Kind::Dot) {
                    self.next()?;
                    if self.at(Kind::PrivateName) {
                        return err(self.tok.start, "unexpected private name after super");
                    }
                    let id = self.parse_identifier_name()?;
                    MemberProperty::Static(self.alloc(id))
                } else {
                    self.next()?;
                    let e = self.parse_expression(true)?;
                    self.expect(Kind::RBracket)?;
                    MemberProperty::Computed(e)
                };
                Ok(Expression::SuperMember(self.alloc(SuperMemberExpression {
                    span: self.span_from(start),
                    property,
                })))
            }
            _ => err(start, "'super' keyword unexpected here"),
        }
    }

    /// `import(...)`, `import.defer(...)`, `import.source(...)` and
    /// `import.meta`.
    fn parse_import_expression(&mut self) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut phase = ImportPhase::Evaluation;
        if self.at(Kind::Dot) {
            self.next()?;
            let word = if self.tok.kind == Kind::Identifier && !self.tok.escaped {
                self.src.get(self.tok.start as usize..self.tok.end as usize)
            } else {
                None
            };
            phase = match word {
                Some("defer") => ImportPhase::Defer,
                Some("source") => ImportPhase::Source,
                _ => {
                    if !self.at_kw(Kind::Meta) {
                        return self.unexpected();
                    }
                    if !self.module {
                        return err(start, "cannot use 'import.meta' outside a module");
                    }
                    self.next()?;
                    return Ok(Expression::ImportMeta(self.span_from(start)));
                }
            };
            self.next()?;
        }
        if !self.at(Kind::LParen) {
            return self.unexpected();
        }
        self.next()?;
        let source = self.parse_assignment(true)?;
        let mut options = None;
        if self.eat(Kind::Comma)? && !self.at(Kind::RParen) {
            options = Some(self.parse_assignment(true)?);
            self.eat(Kind::Comma)?;
        }
        self.expect(Kind::RParen)?;
        Ok(Expression::ImportCall(self.alloc(ImportCallExpression {
            span: self.span_from(start),
            phase,
            source,
            options,
        })))
    }

    // --- PrimaryExpression ------------------------------------------------------

    pub fn check_legacy_octal(&self) -> PResult<()> {
        if let Some(at) = self.tok.legacy_octal {
            if self.ctx.strict {
                return err(
                    at,
                    if self.tok.kind == Kind::String {
                        "octal escape sequences are not allowed in strict mode"
                    } else {
                        "octal literals are not allowed in strict mode"
                    },
                );
            }
        }
        Ok(())
    }

    fn parse_primary(&mut self, cover: &mut CoverErrors) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let span = Span::new(start, self.tok.end);
        let kind = self.tok.kind;
        if self.tok.escaped && kind.is_identifier_name() && kind.is_always_reserved() {
            return err(start, "keyword must not contain escaped characters");
        }
        let e = match kind {
            Kind::This => {
                self.flags.uses_this = true;
                self.next()?;
                Expression::This(span)
            }
            Kind::Null => {
                self.next()?;
                Expression::Null(span)
            }
            Kind::True | Kind::False => {
                self.next()?;
                Expression::Boolean(self.alloc(BooleanLiteral {
                    span,
                    value: kind == Kind::True,
                }))
            }
            Kind::Number => {
                self.check_legacy_octal()?;
                let value = match self.tok.value {
                    TokenValue::Number(v) => v,
                    _ => 0.0,
                };
                self.next()?;
                Expression::Number(self.alloc(NumberLiteral { span, value }))
            }
            Kind::BigInt => {
                let (digits, radix) = match self.tok.value {
                    TokenValue::BigInt(d, r) => (d, r),
                    _ => ("0", 10),
                };
                self.next()?;
                Expression::BigInt(self.alloc(BigIntLiteral {
                    span,
                    digits,
                    radix,
                }))
            }
            Kind::String => {
                self.check_legacy_octal()?;
                let value = self.string_value();
                self.next()?;
                Expression::String(self.alloc(StringLiteral { span, value }))
            }
            Kind::Slash | Kind::SlashEq => {
                self.rescan_regexp()?;
                let (pattern, flags) = match self.tok.value {
                    TokenValue::RegExp(p, f) => (p, f),
                    _ => ("", ""),
                };
                regexp::validate_regexp(pattern, flags, self.tok.start)?;
                let span = Span::new(start, self.tok.end);
                self.next()?;
                Expression::RegExp(self.alloc(RegExpLiteral {
                    span,
                    pattern,
                    flags,
                }))
            }
            Kind::NoSubstitutionTemplate | Kind::TemplateHead => {
                Expression::Template(self.parse_template(false)?)
            }
            Kind::LBracket => self.parse_array_literal(cover)?,
            Kind::LBrace => self.parse_object_literal(cover)?,
            Kind::LParen => self.parse_paren_or_arrow()?,
            Kind::Function if !self.tok.escaped => {
                Expression::Function(self.parse_function_expression(start, false)?)
            }
            Kind::Class if !self.tok.escaped => Expression::Class(self.parse_class(false, false)?),
            Kind::Async if !self.tok.escaped => {
                let next = self.peek();
                if next.kind == Kind::Function && !next.escaped && !next.newline_before {
                    self.next()?;
                    Expression::Function(self.parse_function_expression(start, true)?)
                } else if start == self.potential_arrow_at
                    && !next.newline_before
                    && next.kind.is_identifier_like()
                    && self.peek2().kind == Kind::Arrow
                {
                    // `async x => ...`
                    self.next()?;
                    return self.parse_async_arrow_with_identifier(start);
                } else {
                    self.parse_identifier_expression()?
                }
            }
            Kind::PrivateName => return err(start, "unexpected private name"),
            _ if self.at_identifier_like() => self.parse_identifier_expression()?,
            _ => return self.unexpected(),
        };
        Ok(e)
    }

    /// An IdentifierReference, or `x => ...`.
    fn parse_identifier_expression(&mut self) -> PResult<Expression<'a>> {
        let tok = self.tok;
        let start = tok.start;
        self.check_identifier(&tok, false)?;
        let id = self.ident_here();
        self.next()?;
        if self.at(Kind::Arrow) && start == self.potential_arrow_at {
            if self.tok.newline_before {
                return self.unexpected();
            }
            // The parameter is a BindingIdentifier.
            self.check_identifier(&tok, true)?;
            return self.parse_arrow_from_identifier(start, id, false);
        }
        self.note_identifier_reference(id.name, start)?;
        Ok(Expression::Identifier(self.alloc(id)))
    }

    /// `` `...${e}...` ``; in untagged templates invalid escapes are errors.
    pub fn parse_template(&mut self, tagged: bool) -> PResult<&'a TemplateLiteral<'a>> {
        let start = self.tok.start;
        let mut quasis = self.vec();
        let mut expressions = self.vec();
        loop {
            let tok = self.tok;
            if !tagged {
                if let Some(at) = tok.legacy_octal {
                    return err(at, "invalid escape sequence in template");
                }
            }
            let (cooked, raw) = match tok.value {
                TokenValue::Template { cooked, raw } => (cooked, raw),
                _ => return self.unexpected(),
            };
            quasis.push(TemplateElement {
                span: Span::new(tok.start, tok.end),
                cooked,
                raw,
            });
            match tok.kind {
                Kind::NoSubstitutionTemplate | Kind::TemplateTail => {
                    self.next()?;
                    break;
                }
                Kind::TemplateHead | Kind::TemplateMiddle => {
                    self.next()?;
                    expressions.push(self.parse_expression(true)?);
                    if !self.at(Kind::RBrace) {
                        return self.unexpected();
                    }
                    self.rescan_template()?;
                }
                _ => return self.unexpected(),
            }
        }
        Ok(self.alloc(TemplateLiteral {
            span: self.span_from(start),
            quasis: quasis.into_bump_slice(),
            expressions: expressions.into_bump_slice(),
        }))
    }

    // --- array and object literals -----------------------------------------------

    fn parse_array_literal(&mut self, cover: &mut CoverErrors) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut elements = self.vec();
        loop {
            match self.tok.kind {
                Kind::RBracket => break,
                Kind::Comma => {
                    elements.push(ArrayElement::Hole(Span::new(
                        self.tok.start,
                        self.tok.start,
                    )));
                    self.next()?;
                    continue;
                }
                Kind::Ellipsis => {
                    let s = self.tok.start;
                    self.next()?;
                    let argument = self.parse_assignment_cover(true, Some(cover))?;
                    elements.push(ArrayElement::Spread(self.alloc(SpreadElement {
                        span: self.span_from(s),
                        argument,
                    })));
                    if self.at(Kind::Comma) {
                        self.spread_with_comma.insert(s);
                    }
                }
                _ => {
                    let e = self.parse_assignment_cover(true, Some(cover))?;
                    elements.push(ArrayElement::Expression(e));
                }
            }
            if !self.at(Kind::RBracket) {
                self.expect(Kind::Comma)?;
            }
        }
        self.next()?;
        Ok(Expression::Array(self.alloc(ArrayExpression {
            span: self.span_from(start),
            elements: elements.into_bump_slice(),
        })))
    }

    fn parse_object_literal(&mut self, cover: &mut CoverErrors) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut properties = self.vec();
        let mut has_proto = false;
        while !self.at(Kind::RBrace) {
            if self.at(Kind::Ellipsis) {
                let s = self.tok.start;
                self.next()?;
                let argument = self.parse_assignment_cover(true, Some(cover))?;
                properties.push(ObjectProperty::Spread(self.alloc(SpreadElement {
                    span: self.span_from(s),
                    argument,
                })));
                if self.at(Kind::Comma) {
                    self.spread_with_comma.insert(s);
                }
            } else {
                let p = self.parse_property_definition(cover, &mut has_proto)?;
                properties.push(ObjectProperty::Property(p));
            }
            if !self.at(Kind::RBrace) {
                self.expect(Kind::Comma)?;
            }
        }
        self.next()?;
        Ok(Expression::Object(self.alloc(ObjectExpression {
            span: self.span_from(start),
            properties: properties.into_bump_slice(),
        })))
    }

    /// Whether the token after a `get`/`set`/`async`/`static` word makes that
    /// word a property name itself rather than a modifier.
    pub fn modifier_is_name(next: &Token<'a>) -> bool {
        matches!(
            next.kind,
            Kind::LParen
                | Kind::Colon
                | Kind::Comma
                | Kind::RBrace
                | Kind::Eq
                | Kind::Semicolon
                | Kind::Eof
        )
    }

    fn parse_property_definition(
        &mut self,
        cover: &mut CoverErrors,
        has_proto: &mut bool,
    ) -> PResult<&'a Property<'a>> {
        let start = self.tok.start;
        let mut is_async = false;
        let mut is_generator = false;
        let mut kind = PropertyKind::Init;
        if self.at_kw(Kind::Async) {
            let next = self.peek();
            if !Self::modifier_is_name(&next) && !next.newline_before {
                is_async = true;
                self.next()?;
            }
        }
        if self.at(Kind::Star) {
            is_generator = true;
            self.next()?;
        }
        if !is_async && !is_generator && (self.at_kw(Kind::Get) || self.at_kw(Kind::Set)) {
            let next = self.peek();
            if !Self::modifier_is_name(&next) {
                kind = if self.at(Kind::Get) {
                    PropertyKind::Get
                } else {
                    PropertyKind::Set
                };
                self.next()?;
            }
        }
        let key_tok = self.tok;
        let key = self.parse_property_key()?;
        if self.at(Kind::LParen) {
            let fkind = match kind {
                PropertyKind::Init => FunctionKind::Method,
                PropertyKind::Get => FunctionKind::Getter,
                PropertyKind::Set => FunctionKind::Setter,
            };
            let f = self.parse_method_function(start, fkind, is_async, is_generator)?;
            return Ok(self.alloc(Property {
                span: self.span_from(start),
                kind,
                key,
                value: Expression::Function(f),
                method: kind == PropertyKind::Init,
                shorthand: false,
                is_proto_setter: false,
            }));
        }
        if is_async || is_generator || kind != PropertyKind::Init {
            return self.unexpected();
        }
        if self.at(Kind::Colon) {
            self.next()?;
            let value = self.parse_assignment_cover(true, Some(cover))?;
            let is_proto = match key {
                PropertyKey::Identifier(id) => id.name == "__proto__",
                PropertyKey::String(s) => s.value.iter().copied().eq("__proto__".encode_utf16()),
                _ => false,
            };
            if is_proto {
                if *has_proto {
                    cover.double_proto.get_or_insert(key.span().start);
                }
                *has_proto = true;
            }
            return Ok(self.alloc(Property {
                span: self.span_from(start),
                kind,
                key,
                value,
                method: false,
                shorthand: false,
                is_proto_setter: is_proto,
            }));
        }
        // Shorthand `{ x }` or CoverInitializedName `{ x = 1 }`.
        let PropertyKey::Identifier(id) = key else {
            return self.unexpected();
        };
        if !key_tok.kind.is_identifier_like() {
            return err(
                key_tok.start,
                format!("unexpected reserved word '{}'", id.name),
            );
        }
        if key_tok.escaped && key_tok.kind.is_always_reserved() {
            return err(key_tok.start, "keyword must not contain escaped characters");
        }
        self.check_identifier(&key_tok, false)?;
        if (key_tok.kind == Kind::Yield && self.ctx.yield_)
            || (key_tok.kind == Kind::Await && self.ctx.await_)
        {
            return err(key_tok.start, format!("unexpected '{}'", id.name));
        }
        self.note_identifier_reference(id.name, id.span.start)?;
        let value = if self.at(Kind::Eq) {
            cover.shorthand_assign.get_or_insert(self.tok.start);
            self.next()?;
            let default = self.parse_assignment(true)?;
            Expression::Assignment(self.alloc(AssignmentExpression {
                span: self.span_from(start),
                operator: AssignmentOperator::Assign,
                left: Pattern::Identifier(id),
                right: default,
                parenthesized_target: false,
            }))
        } else {
            Expression::Identifier(id)
        };
        Ok(self.alloc(Property {
            span: self.span_from(start),
            kind,
            key,
            value,
            method: false,
            shorthand: true,
            is_proto_setter: false,
        }))
    }

    /// PropertyName: IdentifierName, string, number, bigint or `[expr]`.
    pub fn parse_property_key(&mut self) -> PResult<PropertyKey<'a>> {
        let span = Span::new(self.tok.start, self.tok.end);
        let key = match self.tok.kind {
            Kind::String => {
                self.check_legacy_octal()?;
                let value = self.string_value();
                PropertyKey::String(self.alloc(StringLiteral { span, value }))
            }
            Kind::Number => {
                self.check_legacy_octal()?;
                let value = match self.tok.value {
                    TokenValue::Number(v) => v,
                    _ => 0.0,
                };
                PropertyKey::Number(self.alloc(NumberLiteral { span, value }))
            }
            Kind::BigInt => {
                let (digits, radix) = match self.tok.value {
                    TokenValue::BigInt(d, r) => (d, r),
                    _ => ("0", 10),
                };
                PropertyKey::BigInt(self.alloc(BigIntLiteral {
                    span,
                    digits,
                    radix,
                }))
            }
            Kind::LBracket => {
                self.next()?;
                let e = self.parse_assignment(true)?;
                self.expect(Kind::RBracket)?;
                return Ok(PropertyKey::Computed(e));
            }
            k if k.is_identifier_name() => PropertyKey::Identifier(self.alloc(self.ident_here())),
            _ => return self.unexpected(),
        };
        self.next()?;
        Ok(key)
    }

    // --- parentheses and arrows ----------------------------------------------------

    /// `( Expression )` or arrow parameters `( ... ) =>`.
    fn parse_paren_or_arrow(&mut self) -> PResult<Expression<'a>> {
        let start = self.tok.start;
        let can_arrow = start == self.potential_arrow_at;
        let in_ = self.in_allowed;
        self.next()?;
        let saved_marks = std::mem::take(&mut self.marks);
        let saved_flags = std::mem::take(&mut self.flags);
        let mut cover = CoverErrors::default();
        let mut items = self.vec();
        let mut rest = None;
        let mut trailing_comma = None;
        while !self.at(Kind::RParen) {
            if self.at(Kind::Ellipsis) {
                let s = self.tok.start;
                self.next()?;
                let target = self.parse_binding_pattern()?;
                if !self.at(Kind::RParen) {
                    return err(
                        self.tok.start,
                        "rest parameter must be last formal parameter",
                    );
                }
                rest = Some((target, s));
                break;
            }
            items.push(self.parse_assignment_cover(true, Some(&mut cover))?);
            if self.at(Kind::Comma) {
                let comma_at = self.tok.start;
                self.next()?;
                if self.at(Kind::RParen) {
                    trailing_comma = Some(comma_at);
                }
            } else {
                break;
            }
        }
        let close = self.tok.start;
        self.expect(Kind::RParen)?;
        let inner_marks = std::mem::replace(&mut self.marks, saved_marks);
        let param_flags = std::mem::replace(&mut self.flags, saved_flags);
        self.flags.merge(param_flags);
        if self.at(Kind::Arrow) && can_arrow {
            if self.tok.newline_before {
                return self.unexpected();
            }
            if let Some(at) = inner_marks.yield_expr {
                return err(at, "yield expression not allowed in arrow parameters");
            }
            if let Some(at) = inner_marks.await_expr {
                return err(at, "await expression not allowed in arrow parameters");
            }
            // `await` as a parameter name matters to an enclosing async arrow head.
            self.marks.await_ident = self.marks.await_ident.or(inner_marks.await_ident);
            let params = self.cover_to_params(start, &items, rest.map(|r| r.0))?;
            let _ = in_;
            return self.parse_arrow_function(start, params, false, param_flags);
        }
        self.marks.merge(inner_marks);
        if let Some((_, at)) = rest {
            return err(at, "unexpected rest element");
        }
        if let Some(at) = trailing_comma {
            return err(at, "unexpected trailing comma");
        }
        if items.is_empty() {
            return err(close, "unexpected token ')'");
        }
        Self::check_cover_from(&cover, 0)?;
        let expr = if items.len() == 1 {
            items[0]
        } else {
            let first = items[0].span().start;
            let last = items[items.len() - 1].span().end;
            Expression::Sequence(self.alloc(SequenceExpression {
                span: Span::new(first, last),
                expressions: items.into_bump_slice(),
            }))
        };
        // Only these kinds care whether they were parenthesised (pattern rules).
        if matches!(
            expr,
            Expression::Identifier(_)
                | Expression::Object(_)
                | Expression::Array(_)
                | Expression::Assignment(_)
        ) {
            let s = expr.span();
            self.parenthesized.insert((s.start, s.end));
        }
        Ok(expr)
    }

    /// `async ( ... )` as a call, or as the head of an async arrow.
    fn parse_async_call_or_arrow(
        &mut self,
        start: u32,
        callee: Expression<'a>,
    ) -> PResult<Expression<'a>> {
        let saved_marks = std::mem::take(&mut self.marks);
        let saved_flags = std::mem::take(&mut self.flags);
        let mut cover = CoverErrors::default();
        let arguments = self.parse_arguments(Some(&mut cover))?;
        let inner_marks = std::mem::replace(&mut self.marks, saved_marks);
        let param_flags = std::mem::replace(&mut self.flags, saved_flags);
        self.flags.merge(param_flags);
        if self.at(Kind::Arrow) {
            if self.tok.newline_before {
                return self.unexpected();
            }
            if let Some(at) = inner_marks.yield_expr {
                return err(at, "yield expression not allowed in arrow parameters");
            }
            if let Some(at) = inner_marks.await_expr.or(inner_marks.await_ident) {
                return err(at, "'await' is not allowed in async arrow parameters");
            }
            let mut items = self.vec();
            let mut rest = None;
            for (i, a) in arguments.iter().enumerate() {
                match a {
                    Argument::Expression(e) => items.push(*e),
                    Argument::Spread(s) => {
                        if i + 1 != arguments.len()
                            || self.spread_with_comma.contains(&s.span.start)
                        {
                            return err(
                                s.span.start,
                                "rest parameter must be last formal parameter",
                            );
                        }
                        rest = Some(self.pattern_from(s.argument, true)?);
                    }
                }
            }
            let params = self.cover_to_params(start, &items, rest)?;
            return self.parse_arrow_function(start, params, true, param_flags);
        }
        self.marks.merge(inner_marks);
        Self::check_cover_from(&cover, 0)?;
        Ok(self.call(start, callee, arguments, false))
    }
}
