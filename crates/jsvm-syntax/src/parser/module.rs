//! Modules (16.2): import and export declarations, import attributes, and
//! the module early errors (duplicate exported names, exports of undeclared
//! bindings, string export names that are not well-formed Unicode).
//!
//! Invariant: import/export declarations are only parsed at the top level of
//! a module; exported local names are checked against the module's top-level
//! declarations once the whole module has been parsed.

use super::scope::Binding;
use super::*;

/// Exported names and local references collected over a module.
#[derive(Default)]
pub(crate) struct ModuleExports<'a> {
    pub exported: Vec<(&'a str, u32)>,
    /// `export { x }` without `from`: names that must be declared.
    pub locals: Vec<(&'a str, u32)>,
}

impl<'a> Parser<'a> {
    /// ModuleItemList.
    pub fn parse_module_items(&mut self) -> PResult<&'a [Statement<'a>]> {
        let mut list = self.vec();
        let mut exports = ModuleExports::default();
        while !self.at(Kind::Eof) {
            let item = if self.at_kw(Kind::Import)
                && !matches!(self.peek().kind, Kind::LParen | Kind::Dot)
            {
                self.parse_import_declaration()?
            } else if self.at_kw(Kind::Export) {
                self.parse_export_declaration(&mut exports)?
            } else {
                self.parse_statement_list_item()?
            };
            list.push(item);
        }
        let mut seen = std::collections::HashSet::with_hasher(scope::BuildFxHasher::default());
        for &(name, at) in &exports.exported {
            if !seen.insert(name) {
                return err(at, format!("duplicate export of '{name}'"));
            }
        }
        self.pending_export_locals = exports.locals;
        Ok(list.into_bump_slice())
    }

    /// Checks that `export { x }` names are declared at the top level.
    pub fn check_module_exports(&mut self) -> PResult<()> {
        for &(name, at) in &self.pending_export_locals {
            if !self.scopes.top_declares(name) {
                return err(at, format!("export '{name}' is not defined in module"));
            }
        }
        Ok(())
    }

    /// A module specifier string.
    fn parse_module_specifier(&mut self) -> PResult<&'a StringLiteral<'a>> {
        if !self.at(Kind::String) {
            return self.unexpected();
        }
        let span = Span::new(self.tok.start, self.tok.end);
        let value = self.string_value();
        self.check_legacy_octal()?;
        self.next()?;
        Ok(self.alloc(StringLiteral { span, value }))
    }

    /// ModuleExportName: IdentifierName or a well-formed string.
    fn parse_module_export_name(&mut self) -> PResult<ModuleExportName<'a>> {
        let span = Span::new(self.tok.start, self.tok.end);
        if self.at(Kind::String) {
            self.check_legacy_octal()?;
            let Some(name) = self.utf16_to_str(self.string_value()) else {
                return err(span.start, "module export name must be well-formed Unicode");
            };
            self.next()?;
            return Ok(ModuleExportName {
                span,
                name,
                is_string: true,
            });
        }
        let id = self.parse_identifier_name()?;
        Ok(ModuleExportName {
            span,
            name: id.name,
            is_string: false,
        })
    }

    /// `with { key: "value", ... }` (optional).
    fn parse_import_attributes(&mut self) -> PResult<&'a [ImportAttribute<'a>]> {
        if !(self.at_kw(Kind::With)) {
            return Ok(&[]);
        }
        self.next()?;
        self.expect(Kind::LBrace)?;
        let mut attrs: BVec<'a, ImportAttribute<'a>> = self.vec();
        let mut seen = std::collections::HashSet::with_hasher(scope::BuildFxHasher::default());
        while !self.at(Kind::RBrace) {
            let start = self.tok.start;
            let key = self.parse_module_export_name()?;
            if !seen.insert(key.name) {
                return err(start, format!("duplicate import attribute '{}'", key.name));
            }
            self.expect(Kind::Colon)?;
            let value = self.parse_module_specifier()?;
            attrs.push(ImportAttribute {
                span: self.span_from(start),
                key,
                value,
            });
            if !self.at(Kind::RBrace) {
                self.expect(Kind::Comma)?;
            }
        }
        self.next()?;
        Ok(attrs.into_bump_slice())
    }

    fn declare_import(&mut self, local: &Identifier<'a>) -> PResult<()> {
        self.scopes
            .declare_lexical(local.name, Binding::Import, true, local.span.start)
    }

    /// The current token is the identifier `word` (a contextual keyword
    /// of a proposal), spelled without escapes.
    fn at_word(&self, word: &str) -> bool {
        self.tok.kind == Kind::Identifier
            && !self.tok.escaped
            && self.src.get(self.tok.start as usize..self.tok.end as usize) == Some(word)
    }

    /// `import defer * as ns from "m"` and `import source x from "m"` (the
    /// current token is `defer` or `source`): `None` when the word is an
    /// ordinary default import binding instead (`import defer from "m"`).
    fn parse_phase_import(&mut self, start: u32) -> PResult<Option<Statement<'a>>> {
        let next = self.peek();
        let phase = if self.at_word("defer") && next.kind == Kind::Star {
            ImportPhase::Defer
        } else if self.at_word("source")
            && next.kind.is_identifier_like()
            && !(next.kind == Kind::From && !next.escaped && self.peek2().kind != Kind::From)
        {
            ImportPhase::Source
        } else {
            return Ok(None);
        };
        self.next()?;
        let s = self.tok.start;
        let spec = if phase == ImportPhase::Defer {
            self.next()?;
            if !self.at_kw(Kind::As) {
                return self.unexpected();
            }
            self.next()?;
            let local = self.parse_binding_identifier()?;
            self.declare_import(&local)?;
            ImportSpecifier::Namespace {
                span: self.span_from(s),
                local,
            }
        } else {
            let local = self.parse_binding_identifier()?;
            self.declare_import(&local)?;
            ImportSpecifier::Default {
                span: self.span_from(s),
                local,
            }
        };
        if !self.at_kw(Kind::From) {
            return self.unexpected();
        }
        self.next()?;
        let source = self.parse_module_specifier()?;
        let attributes = self.parse_import_attributes()?;
        self.semicolon()?;
        let specifiers = self.arena.alloc_slice_copy(&[spec]);
        Ok(Some(Statement::Import(self.alloc(ImportDeclaration {
            span: self.span_from(start),
            phase,
            specifiers,
            source,
            attributes,
        }))))
    }

    fn parse_import_declaration(&mut self) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        self.next()?;
        if self.at_word("defer") || self.at_word("source") {
            if let Some(s) = self.parse_phase_import(start)? {
                return Ok(s);
            }
        }
        let mut specifiers = self.vec();
        if !self.at(Kind::String) {
            if self.at_identifier_like() {
                let s = self.tok.start;
                let local = self.parse_binding_identifier()?;
                self.declare_import(&local)?;
                specifiers.push(ImportSpecifier::Default {
                    span: self.span_from(s),
                    local,
                });
                if self.eat(Kind::Comma)? {
                    if !(self.at(Kind::Star) || self.at(Kind::LBrace)) {
                        return self.unexpected();
                    }
                } else if !self.at_kw(Kind::From) {
                    return self.unexpected();
                }
            }
            if self.at(Kind::Star) {
                let s = self.tok.start;
                self.next()?;
                if !self.at_kw(Kind::As) {
                    return self.unexpected();
                }
                self.next()?;
                let local = self.parse_binding_identifier()?;
                self.declare_import(&local)?;
                specifiers.push(ImportSpecifier::Namespace {
                    span: self.span_from(s),
                    local,
                });
            } else if self.at(Kind::LBrace) {
                self.next()?;
                while !self.at(Kind::RBrace) {
                    let s = self.tok.start;
                    let name_tok = self.tok;
                    let imported = self.parse_module_export_name()?;
                    let local = if self.at_kw(Kind::As) {
                        self.next()?;
                        self.parse_binding_identifier()?
                    } else {
                        if imported.is_string {
                            return err(s, "string import name requires 'as'");
                        }
                        if !name_tok.kind.is_identifier_like() {
                            return err(s, format!("unexpected reserved word '{}'", imported.name));
                        }
                        self.check_identifier(&name_tok, true)?;
                        Identifier {
                            span: imported.span,
                            name: imported.name,
                        }
                    };
                    self.declare_import(&local)?;
                    specifiers.push(ImportSpecifier::Named {
                        span: self.span_from(s),
                        imported,
                        local,
                    });
                    if !self.at(Kind::RBrace) {
                        self.expect(Kind::Comma)?;
                    }
                }
                self.next()?;
            }
            if !self.at_kw(Kind::From) {
                return self.unexpected();
            }
            self.next()?;
        }
        let source = self.parse_module_specifier()?;
        let attributes = self.parse_import_attributes()?;
        self.semicolon()?;
        Ok(Statement::Import(self.alloc(ImportDeclaration {
            span: self.span_from(start),
            phase: ImportPhase::Evaluation,
            specifiers: specifiers.into_bump_slice(),
            source,
            attributes,
        })))
    }

    fn parse_export_declaration(
        &mut self,
        exports: &mut ModuleExports<'a>,
    ) -> PResult<Statement<'a>> {
        let start = self.tok.start;
        self.next()?;
        // export * (as name)? from "m"
        if self.at(Kind::Star) {
            self.next()?;
            let exported = if self.at_kw(Kind::As) {
                self.next()?;
                let name = self.parse_module_export_name()?;
                exports.exported.push((name.name, name.span.start));
                Some(name)
            } else {
                None
            };
            if !self.at_kw(Kind::From) {
                return self.unexpected();
            }
            self.next()?;
            let source = self.parse_module_specifier()?;
            let attributes = self.parse_import_attributes()?;
            self.semicolon()?;
            return Ok(Statement::ExportAll(self.alloc(ExportAllDeclaration {
                span: self.span_from(start),
                exported,
                source,
                attributes,
            })));
        }
        // export { ... } (from "m")?
        if self.at(Kind::LBrace) {
            self.next()?;
            let mut specifiers = self.vec();
            let mut local_toks = Vec::new();
            while !self.at(Kind::RBrace) {
                let s = self.tok.start;
                local_toks.push(self.tok);
                let local = self.parse_module_export_name()?;
                let exported = if self.at_kw(Kind::As) {
                    self.next()?;
                    self.parse_module_export_name()?
                } else {
                    local
                };
                exports.exported.push((exported.name, exported.span.start));
                specifiers.push(ExportSpecifier {
                    span: self.span_from(s),
                    local,
                    exported,
                });
                if !self.at(Kind::RBrace) {
                    self.expect(Kind::Comma)?;
                }
            }
            self.next()?;
            let (source, attributes) = if self.at_kw(Kind::From) {
                self.next()?;
                let source = self.parse_module_specifier()?;
                (Some(source), self.parse_import_attributes()?)
            } else {
                // Local references: identifiers that are not reserved words.
                for (spec, tok) in specifiers.iter().zip(&local_toks) {
                    if spec.local.is_string {
                        return err(spec.local.span.start, "string export names require 'from'");
                    }
                    let k = tok.kind;
                    if k.is_always_reserved() || k.is_strict_reserved() || k == Kind::Await {
                        return err(
                            spec.local.span.start,
                            format!("unexpected reserved word '{}'", spec.local.name),
                        );
                    }
                    exports
                        .locals
                        .push((spec.local.name, spec.local.span.start));
                }
                (None, &[][..])
            };
            self.semicolon()?;
            return Ok(Statement::ExportNamed(self.alloc(ExportNamedDeclaration {
                span: self.span_from(start),
                declaration: None,
                specifiers: specifiers.into_bump_slice(),
                source,
                attributes,
            })));
        }
        // export default ...
        if self.at_kw(Kind::Default) {
            self.next()?;
            exports.exported.push(("default", start));
            let d_start = self.tok.start;
            let declaration = if self.at_kw(Kind::Function) {
                self.enter()?;
                let f = self.parse_function_declaration(d_start, false, true);
                self.leave();
                ExportDefaultKind::Function(f?)
            } else if self.at_kw(Kind::Async) && {
                let n = self.peek();
                n.kind == Kind::Function && !n.escaped && !n.newline_before
            } {
                self.next()?;
                self.enter()?;
                let f = self.parse_function_declaration(d_start, true, true);
                self.leave();
                ExportDefaultKind::Function(f?)
            } else if self.at_kw(Kind::Class) {
                self.enter()?;
                let c = self.parse_class(true, true);
                self.leave();
                ExportDefaultKind::Class(c?)
            } else {
                let e = self.parse_assignment(true)?;
                self.semicolon()?;
                ExportDefaultKind::Expression(e)
            };
            return Ok(Statement::ExportDefault(self.alloc(
                ExportDefaultDeclaration {
                    span: self.span_from(start),
                    declaration,
                },
            )));
        }
        // export declaration
        let declaration = match self.tok.kind {
            Kind::Var | Kind::Const | Kind::Class | Kind::Function if !self.tok.escaped => {
                self.parse_statement_list_item()?
            }
            Kind::Let | Kind::Async if !self.tok.escaped => {
                let s = self.parse_statement_list_item()?;
                if !matches!(
                    s,
                    Statement::VariableDeclaration(_) | Statement::FunctionDeclaration(_)
                ) {
                    return err(start, "unexpected export");
                }
                s
            }
            _ => return self.unexpected(),
        };
        let mut names = Vec::new();
        match declaration {
            Statement::VariableDeclaration(d) => {
                for decl in d.declarations {
                    Self::collect_bound_names(&decl.target, &mut names);
                }
            }
            Statement::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    names.push((id.name, id.span.start));
                }
            }
            Statement::ClassDeclaration(c) => {
                if let Some(id) = &c.id {
                    names.push((id.name, id.span.start));
                }
            }
            _ => {}
        }
        exports.exported.extend(names);
        Ok(Statement::ExportNamed(self.alloc(ExportNamedDeclaration {
            span: self.span_from(start),
            declaration: Some(declaration),
            specifiers: &[],
            source: None,
            attributes: &[],
        })))
    }
}
