//! Classes (15.7): heritage, methods, accessors, fields, static blocks,
//! private names, and the class early errors (constructor rules, reserved
//! element names, duplicate private names).
//!
//! Invariant: all class code is parsed as strict; each class body has its
//! own private-name scope whose unresolved references move outward when the
//! body ends (see [`Parser::pop_private_scope`]).

use super::scope::{Binding, ScopeKind};
use super::*;

/// Whether a key is the non-computed name `name` (identifier or string).
fn key_is(key: &PropertyKey<'_>, name: &str) -> bool {
    match key {
        PropertyKey::Identifier(id) => id.name == name,
        PropertyKey::String(s) => s.value.iter().copied().eq(name.encode_utf16()),
        _ => false,
    }
}

impl<'a> Parser<'a> {
    /// A class declaration (declares its name) or expression, at `class`.
    pub fn parse_class(&mut self, is_decl: bool, allow_anonymous: bool) -> PResult<&'a Class<'a>> {
        let start = self.tok.start;
        self.expect(Kind::Class)?;
        let saved_strict = self.ctx.strict;
        self.ctx.strict = true;
        let r = self.parse_class_rest(start, is_decl, allow_anonymous);
        self.ctx.strict = saved_strict;
        r
    }

    fn parse_class_rest(
        &mut self,
        start: u32,
        is_decl: bool,
        allow_anonymous: bool,
    ) -> PResult<&'a Class<'a>> {
        let id = if self.at_identifier_like() && !self.at_kw(Kind::Extends) {
            let id = self.parse_binding_identifier()?;
            if is_decl {
                self.scopes
                    .declare_lexical(id.name, Binding::Class, true, id.span.start)?;
            }
            Some(id)
        } else if is_decl && !allow_anonymous {
            return self.unexpected();
        } else {
            None
        };
        let super_class = if self.eat(Kind::Extends)? {
            let mut cover = CoverErrors::default();
            self.potential_arrow_at = u32::MAX;
            let e = self.parse_lhs(&mut cover)?;
            Self::check_cover_from(&cover, 0)?;
            Some(e)
        } else {
            None
        };
        self.expect(Kind::LBrace)?;
        self.push_private_scope();
        let r = self.parse_class_body(super_class.is_some());
        let popped = self.pop_private_scope();
        let (constructor, elements) = r?;
        popped?;
        self.expect(Kind::RBrace)?;
        Ok(self.alloc(Class {
            span: self.span_from(start),
            id,
            super_class,
            constructor,
            elements,
        }))
    }

    fn parse_class_body(
        &mut self,
        derived: bool,
    ) -> PResult<(Option<&'a Function<'a>>, &'a [ClassElement<'a>])> {
        let mut constructor = None;
        let mut elements = self.vec();
        while !self.at(Kind::RBrace) {
            if self.eat(Kind::Semicolon)? {
                continue;
            }
            if self.at(Kind::Eof) {
                return self.unexpected();
            }
            if let Some(el) = self.parse_class_element(derived, &mut constructor)? {
                elements.push(el);
            }
        }
        Ok((constructor, elements.into_bump_slice()))
    }

    fn declare_private(
        &mut self,
        name: &'a str,
        kind: MethodKindOrField,
        is_static: bool,
        at: u32,
    ) -> PResult<()> {
        if name == "constructor" {
            return err(
                at,
                "classes may not have a private field named '#constructor'",
            );
        }
        let Some(scope) = self.privates.last_mut() else {
            return Ok(());
        };
        match scope.declared.get_mut(name) {
            None => {
                scope.declared.insert(name, (kind, is_static, 1));
            }
            Some((k, s, count)) => {
                let pair = matches!(
                    (*k, kind),
                    (MethodKindOrField::Get, MethodKindOrField::Set)
                        | (MethodKindOrField::Set, MethodKindOrField::Get)
                );
                if !pair || *s != is_static || *count > 1 {
                    return err(
                        at,
                        format!("identifier '#{name}' has already been declared"),
                    );
                }
                *count += 1;
            }
        }
        Ok(())
    }

    /// One ClassElement; the constructor goes to `constructor` (and `None`
    /// is returned).
    fn parse_class_element(
        &mut self,
        derived: bool,
        constructor: &mut Option<&'a Function<'a>>,
    ) -> PResult<Option<ClassElement<'a>>> {
        let el_start = self.tok.start;
        let mut is_static = false;
        if self.at_kw(Kind::Static) {
            let next = self.peek();
            if next.kind == Kind::LBrace {
                self.next()?;
                return Ok(Some(self.parse_static_block(el_start)?));
            }
            if !Self::modifier_is_name(&next) {
                is_static = true;
                self.next()?;
            }
        }
        let member_start = self.tok.start;
        let mut is_async = false;
        let mut is_generator = false;
        let mut kind = MethodKind::Method;
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
            if !Self::modifier_is_name(&next) && next.kind != Kind::Star {
                kind = if self.at(Kind::Get) {
                    MethodKind::Get
                } else {
                    MethodKind::Set
                };
                self.next()?;
            }
        }
        let key_at = self.tok.start;
        let key = if self.at(Kind::PrivateName) {
            let name = self.tok.name();
            let pn = self.alloc(PrivateName {
                span: Span::new(self.tok.start, self.tok.end),
                name,
            });
            self.next()?;
            PropertyKey::Private(pn)
        } else {
            self.parse_property_key()?
        };
        if self.at(Kind::LParen) {
            let is_ctor = !is_static && key_is(&key, "constructor");
            if is_ctor && (kind != MethodKind::Method || is_async || is_generator) {
                return err(
                    key_at,
                    "class constructor may not be an accessor, generator or async method",
                );
            }
            if is_static && key_is(&key, "prototype") {
                return err(
                    key_at,
                    "classes may not have a static property named 'prototype'",
                );
            }
            let fkind = if is_ctor {
                if derived {
                    FunctionKind::DerivedConstructor
                } else {
                    FunctionKind::ClassConstructor
                }
            } else {
                match kind {
                    MethodKind::Method => FunctionKind::Method,
                    MethodKind::Get => FunctionKind::Getter,
                    MethodKind::Set => FunctionKind::Setter,
                }
            };
            if let PropertyKey::Private(pn) = key {
                let k = match kind {
                    MethodKind::Method => MethodKindOrField::Method,
                    MethodKind::Get => MethodKindOrField::Get,
                    MethodKind::Set => MethodKindOrField::Set,
                };
                self.declare_private(pn.name, k, is_static, key_at)?;
            }
            let function =
                self.parse_method_function(member_start, fkind, is_async, is_generator)?;
            if is_ctor {
                if constructor.is_some() {
                    return err(key_at, "a class may only have one constructor");
                }
                *constructor = Some(function);
                return Ok(None);
            }
            return Ok(Some(ClassElement::Method(self.alloc(ClassMethod {
                span: self.span_from(el_start),
                key,
                kind,
                is_static,
                function,
            }))));
        }
        if is_async || is_generator || kind != MethodKind::Method {
            return self.unexpected();
        }
        // A field definition.
        if key_is(&key, "constructor") {
            return err(key_at, "classes may not have a field named 'constructor'");
        }
        if is_static && key_is(&key, "prototype") {
            return err(
                key_at,
                "classes may not have a static property named 'prototype'",
            );
        }
        if let PropertyKey::Private(pn) = key {
            self.declare_private(pn.name, MethodKindOrField::Field, is_static, key_at)?;
        }
        let mut value = None;
        let mut flags = FnFlags::default();
        if self.eat(Kind::Eq)? {
            let outer = self.ctx;
            let ctx = Context {
                strict: true,
                yield_: false,
                await_: false,
                await_reserved: self.module || outer.await_ || outer.await_reserved,
                return_: false,
                new_target: true,
                super_prop: true,
                super_call: false,
                no_arguments: true,
                in_params: false,
                in_static_block: false,
                in_field_init: true,
            };
            let saved = self.enter_function(ctx);
            self.scopes.push(ScopeKind::Function);
            let r = self.parse_assignment(true);
            self.scopes.pop();
            flags = self.leave_function(saved);
            value = Some(r?);
        }
        self.semicolon()?;
        Ok(Some(ClassElement::Field(self.alloc(ClassField {
            span: self.span_from(el_start),
            key,
            is_static,
            value,
            contains_direct_eval: flags.contains_direct_eval,
            uses_this: flags.uses_this,
        }))))
    }

    /// `static { ... }` (at `{`).
    fn parse_static_block(&mut self, start: u32) -> PResult<ClassElement<'a>> {
        self.expect(Kind::LBrace)?;
        let ctx = Context {
            strict: true,
            yield_: false,
            await_: false,
            await_reserved: true,
            return_: false,
            new_target: true,
            super_prop: true,
            super_call: false,
            no_arguments: true,
            in_params: false,
            in_static_block: true,
            in_field_init: false,
        };
        let saved = self.enter_function(ctx);
        self.scopes.push(ScopeKind::Function);
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
        self.scopes.pop();
        let flags = self.leave_function(saved);
        r?;
        self.next()?;
        Ok(ClassElement::StaticBlock(self.alloc(StaticBlock {
            span: self.span_from(start),
            body: body.into_bump_slice(),
            contains_direct_eval: flags.contains_direct_eval,
            uses_this: flags.uses_this,
        })))
    }
}
