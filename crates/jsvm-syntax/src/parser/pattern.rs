//! Binding patterns (14.3.3) and the reinterpretation of expressions as
//! destructuring assignment patterns (13.15.5) or arrow parameters (15.3):
//! the cover grammars.
//!
//! Invariant: a pattern produced here satisfies the target rules of its kind:
//! binding patterns contain only BindingIdentifiers, never parenthesised;
//! assignment patterns contain identifiers (not `eval`/`arguments` in strict
//! code) and member expressions; a rest element is last and has no default.

use super::*;

impl<'a> Parser<'a> {
    /// Reinterprets the object/array literal on the left of `=` as an
    /// AssignmentPattern.
    pub fn assignment_pattern_from(&mut self, e: Expression<'a>) -> PResult<Pattern<'a>> {
        self.pattern_from(e, false)
    }

    fn check_strict_target(&self, id: &Identifier<'a>) -> PResult<()> {
        if self.ctx.strict && matches!(id.name, "eval" | "arguments") {
            return err(
                id.span.start,
                format!("cannot assign to '{}' in strict mode", id.name),
            );
        }
        Ok(())
    }

    /// Converts an expression to a pattern: an assignment target
    /// (`binding == false`) or a binding pattern (arrow parameters).
    pub fn pattern_from(&mut self, e: Expression<'a>, binding: bool) -> PResult<Pattern<'a>> {
        match e {
            Expression::Identifier(id) => {
                if binding && self.is_parenthesized(id.span) {
                    return err(id.span.start, "invalid destructuring target");
                }
                self.check_strict_target(id)?;
                Ok(Pattern::Identifier(id))
            }
            Expression::Member(_) | Expression::SuperMember(_) if !binding => {
                Ok(Pattern::Expression(e))
            }
            Expression::Object(o) if !self.is_parenthesized(o.span) => {
                let mut properties = self.vec();
                let mut rest = None;
                let n = o.properties.len();
                for (i, prop) in o.properties.iter().enumerate() {
                    match prop {
                        ObjectProperty::Property(p) => {
                            if p.method || p.kind != PropertyKind::Init {
                                return err(p.span.start, "invalid destructuring target");
                            }
                            let value = if p.shorthand {
                                match p.value {
                                    Expression::Identifier(id) => {
                                        self.check_strict_target(id)?;
                                        BindingElement {
                                            span: p.span,
                                            target: Pattern::Identifier(id),
                                            default: None,
                                        }
                                    }
                                    Expression::Assignment(a) => {
                                        if let Pattern::Identifier(id) = a.left {
                                            self.check_strict_target(id)?;
                                        }
                                        BindingElement {
                                            span: a.span,
                                            target: a.left,
                                            default: Some(a.right),
                                        }
                                    }
                                    _ => return err(p.span.start, "invalid destructuring target"),
                                }
                            } else {
                                self.element_from(p.value, binding)?
                            };
                            properties.push(PatternProperty {
                                span: p.span,
                                key: p.key,
                                value,
                                shorthand: p.shorthand,
                            });
                        }
                        ObjectProperty::Spread(s) => {
                            if i + 1 != n || self.spread_with_comma.contains(&s.span.start) {
                                return err(s.span.start, "rest element must be last element");
                            }
                            let target = self.pattern_from(s.argument, binding)?;
                            if matches!(target, Pattern::Object(_) | Pattern::Array(_)) {
                                return err(
                                    s.argument.span().start,
                                    "`...` must be followed by an assignable reference",
                                );
                            }
                            rest = Some(target);
                        }
                    }
                }
                Ok(Pattern::Object(self.alloc(ObjectPattern {
                    span: o.span,
                    properties: properties.into_bump_slice(),
                    rest,
                })))
            }
            Expression::Array(a) if !self.is_parenthesized(a.span) => {
                let mut elements = self.vec();
                let mut rest = None;
                let n = a.elements.len();
                for (i, el) in a.elements.iter().enumerate() {
                    match el {
                        ArrayElement::Hole(_) => elements.push(None),
                        ArrayElement::Spread(s) => {
                            if i + 1 != n || self.spread_with_comma.contains(&s.span.start) {
                                return err(s.span.start, "rest element must be last element");
                            }
                            rest = Some(self.pattern_from(s.argument, binding)?);
                        }
                        ArrayElement::Expression(e) => {
                            elements.push(Some(self.element_from(*e, binding)?))
                        }
                    }
                }
                Ok(Pattern::Array(self.alloc(ArrayPattern {
                    span: a.span,
                    elements: elements.into_bump_slice(),
                    rest,
                })))
            }
            _ => err(e.span().start, "invalid destructuring target"),
        }
    }

    /// An element with an optional default (`target = default`).
    fn element_from(&mut self, e: Expression<'a>, binding: bool) -> PResult<BindingElement<'a>> {
        if let Expression::Assignment(a) = e {
            if a.operator == AssignmentOperator::Assign && !self.is_parenthesized(a.span) {
                if binding {
                    self.check_binding_pattern(&a.left)?;
                }
                return Ok(BindingElement {
                    span: a.span,
                    target: a.left,
                    default: Some(a.right),
                });
            }
        }
        let target = self.pattern_from(e, binding)?;
        Ok(BindingElement {
            span: e.span(),
            target,
            default: None,
        })
    }

    /// Checks that an (assignment) pattern is also a valid binding pattern.
    pub fn check_binding_pattern(&self, p: &Pattern<'a>) -> PResult<()> {
        match p {
            Pattern::Identifier(id) => {
                if self.is_parenthesized(id.span) {
                    return err(id.span.start, "invalid destructuring target");
                }
                self.check_strict_target(id)
            }
            Pattern::Expression(e) => err(e.span().start, "invalid destructuring target"),
            Pattern::Object(o) => {
                for prop in o.properties {
                    self.check_binding_pattern(&prop.value.target)?;
                }
                if let Some(r) = &o.rest {
                    self.check_binding_pattern(r)?;
                }
                Ok(())
            }
            Pattern::Array(a) => {
                for el in a.elements.iter().flatten() {
                    self.check_binding_pattern(&el.target)?;
                }
                if let Some(r) = &a.rest {
                    self.check_binding_pattern(r)?;
                }
                Ok(())
            }
        }
    }

    /// Turns the items of `( ... )` or `async( ... )` into arrow parameters.
    pub fn cover_to_params(
        &mut self,
        start: u32,
        items: &[Expression<'a>],
        rest: Option<Pattern<'a>>,
    ) -> PResult<FormalParameters<'a>> {
        let mut params = self.vec();
        for e in items {
            params.push(self.element_from(*e, true)?);
        }
        if let Some(r) = &rest {
            self.check_binding_pattern(r)?;
        }
        Ok(FormalParameters {
            span: self.span_from(start),
            items: params.into_bump_slice(),
            rest,
        })
    }

    /// BoundNames of a pattern, with their offsets.
    pub fn collect_bound_names(p: &Pattern<'a>, out: &mut Vec<(&'a str, u32)>) {
        match p {
            Pattern::Identifier(id) => out.push((id.name, id.span.start)),
            Pattern::Expression(_) => {}
            Pattern::Object(o) => {
                for prop in o.properties {
                    Self::collect_bound_names(&prop.value.target, out);
                }
                if let Some(r) = &o.rest {
                    Self::collect_bound_names(r, out);
                }
            }
            Pattern::Array(a) => {
                for el in a.elements.iter().flatten() {
                    Self::collect_bound_names(&el.target, out);
                }
                if let Some(r) = &a.rest {
                    Self::collect_bound_names(r, out);
                }
            }
        }
    }

    // --- binding patterns parsed directly ---------------------------------------

    /// BindingIdentifier | ObjectBindingPattern | ArrayBindingPattern.
    pub fn parse_binding_pattern(&mut self) -> PResult<Pattern<'a>> {
        match self.tok.kind {
            Kind::LBracket => {
                self.enter()?;
                let r = self.parse_array_binding_pattern();
                self.leave();
                r
            }
            Kind::LBrace => {
                self.enter()?;
                let r = self.parse_object_binding_pattern();
                self.leave();
                r
            }
            _ => {
                let id = self.parse_binding_identifier()?;
                Ok(Pattern::Identifier(self.alloc(id)))
            }
        }
    }

    /// A binding pattern with an optional initializer.
    pub fn parse_binding_element(&mut self) -> PResult<BindingElement<'a>> {
        let start = self.tok.start;
        let target = self.parse_binding_pattern()?;
        let default = if self.eat(Kind::Eq)? {
            Some(self.parse_assignment(true)?)
        } else {
            None
        };
        Ok(BindingElement {
            span: self.span_from(start),
            target,
            default,
        })
    }

    fn parse_array_binding_pattern(&mut self) -> PResult<Pattern<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut elements = self.vec();
        let mut rest = None;
        loop {
            match self.tok.kind {
                Kind::RBracket => break,
                Kind::Comma => {
                    elements.push(None);
                    self.next()?;
                    continue;
                }
                Kind::Ellipsis => {
                    self.next()?;
                    rest = Some(self.parse_binding_pattern()?);
                    if !self.at(Kind::RBracket) {
                        return err(self.tok.start, "rest element must be last element");
                    }
                    break;
                }
                _ => elements.push(Some(self.parse_binding_element()?)),
            }
            if !self.at(Kind::RBracket) {
                self.expect(Kind::Comma)?;
            }
        }
        self.next()?;
        Ok(Pattern::Array(self.alloc(ArrayPattern {
            span: self.span_from(start),
            elements: elements.into_bump_slice(),
            rest,
        })))
    }

    fn parse_object_binding_pattern(&mut self) -> PResult<Pattern<'a>> {
        let start = self.tok.start;
        self.next()?;
        let mut properties = self.vec();
        let mut rest = None;
        while !self.at(Kind::RBrace) {
            if self.at(Kind::Ellipsis) {
                self.next()?;
                let id = self.parse_binding_identifier()?;
                rest = Some(Pattern::Identifier(self.alloc(id)));
                if !self.at(Kind::RBrace) {
                    return err(self.tok.start, "rest element must be last element");
                }
                break;
            }
            let p_start = self.tok.start;
            let key_tok = self.tok;
            let key = self.parse_property_key()?;
            if self.eat(Kind::Colon)? {
                let value = self.parse_binding_element()?;
                properties.push(PatternProperty {
                    span: self.span_from(p_start),
                    key,
                    value,
                    shorthand: false,
                });
            } else {
                let PropertyKey::Identifier(id) = key else {
                    return self.unexpected();
                };
                if !key_tok.kind.is_identifier_like() {
                    return err(
                        key_tok.start,
                        format!("unexpected reserved word '{}'", id.name),
                    );
                }
                self.check_identifier(&key_tok, true)?;
                let default = if self.eat(Kind::Eq)? {
                    Some(self.parse_assignment(true)?)
                } else {
                    None
                };
                properties.push(PatternProperty {
                    span: self.span_from(p_start),
                    key,
                    value: BindingElement {
                        span: self.span_from(p_start),
                        target: Pattern::Identifier(id),
                        default,
                    },
                    shorthand: true,
                });
            }
            if !self.at(Kind::RBrace) {
                self.expect(Kind::Comma)?;
            }
        }
        self.next()?;
        Ok(Pattern::Object(self.alloc(ObjectPattern {
            span: self.span_from(start),
            properties: properties.into_bump_slice(),
            rest,
        })))
    }
}
