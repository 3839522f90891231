//! Static declaration collection (ECMA-262 8.2 "Static Semantics"): bound
//! names of patterns, VarScopedDeclarations of a function/script/eval
//! body, LexicallyScopedDeclarations of a statement list, and the Annex
//! B.3.2 block-function candidates.
//!
//! Invariant: these walks visit statements only (never expressions or
//! nested functions), so they are linear in the number of statements.

use hashbrown::HashSet;
use jsvm_syntax::ast::*;

/// Appends the BoundNames of a binding pattern.
pub(crate) fn bound_names<'a>(p: &Pattern<'a>, out: &mut Vec<&'a Identifier<'a>>) {
    match p {
        Pattern::Identifier(id) => out.push(id),
        Pattern::Expression(_) => {}
        Pattern::Object(o) => {
            for prop in o.properties {
                bound_names(&prop.value.target, out);
            }
            if let Some(r) = &o.rest {
                bound_names(r, out);
            }
        }
        Pattern::Array(a) => {
            for e in a.elements.iter().flatten() {
                bound_names(&e.target, out);
            }
            if let Some(r) = &a.rest {
                bound_names(r, out);
            }
        }
    }
}

/// A lexically scoped declaration of a statement list.
#[derive(Clone, Copy)]
pub(crate) enum LexDecl<'a> {
    /// `let`/`const` binding: name, is_const, end of its declarator.
    Variable(&'a Identifier<'a>, bool, u32),
    Class(&'a Class<'a>),
    /// A function declaration in a block (lexical there).
    Function(&'a Function<'a>),
}

/// LexicallyScopedDeclarations of a statement list. `functions_are_lexical`
/// is false at function/script top level, where function declarations are
/// var scoped.
pub(crate) fn lexical_declarations<'a>(
    body: &[Statement<'a>],
    functions_are_lexical: bool,
    out: &mut Vec<LexDecl<'a>>,
) {
    for s in body {
        lexical_declaration_of(s, functions_are_lexical, out);
    }
}

fn lexical_declaration_of<'a>(
    s: &Statement<'a>,
    functions_are_lexical: bool,
    out: &mut Vec<LexDecl<'a>>,
) {
    match s {
        Statement::VariableDeclaration(d) if d.kind != VariableKind::Var => {
            let is_const = d.kind == VariableKind::Const;
            for decl in d.declarations {
                let mut names = Vec::new();
                bound_names(&decl.target, &mut names);
                for n in names {
                    out.push(LexDecl::Variable(n, is_const, decl.span.end));
                }
            }
        }
        Statement::ClassDeclaration(c) => out.push(LexDecl::Class(c)),
        Statement::FunctionDeclaration(f) if functions_are_lexical => {
            out.push(LexDecl::Function(f))
        }
        Statement::Labeled(l) => {
            let mut inner = &l.body;
            while let Statement::Labeled(l2) = inner {
                inner = &l2.body;
            }
            if let Statement::FunctionDeclaration(f) = inner {
                if functions_are_lexical {
                    out.push(LexDecl::Function(f));
                }
            }
        }
        _ => {}
    }
}

/// The function declarations that are var scoped at the top level of a
/// body (including labelled ones), in source order.
pub(crate) fn top_level_functions<'a>(body: &[Statement<'a>], out: &mut Vec<&'a Function<'a>>) {
    for s in body {
        let mut inner = s;
        while let Statement::Labeled(l) = inner {
            inner = &l.body;
        }
        if let Statement::FunctionDeclaration(f) = inner {
            out.push(f);
        }
    }
}

/// The result of collecting the var scoped declarations of a body.
#[derive(Default)]
pub(crate) struct VarDecls<'a> {
    /// `var` bound identifiers in source order (duplicates included).
    pub vars: Vec<&'a Identifier<'a>>,
    /// Annex B.3.2 candidate block-level function declarations.
    pub annex_b: Vec<&'a Function<'a>>,
}

/// Collects VarDeclaredNames of a function/script/eval body and, in sloppy
/// code, its Annex B.3.2 block-function candidates. `blocked` are names a
/// `var` at the body's top level may not take over (parameter names and
/// top-level lexical names).
pub(crate) fn var_declarations<'a>(
    body: &[Statement<'a>],
    sloppy: bool,
    blocked: &HashSet<&str>,
) -> VarDecls<'a> {
    let mut c = VarCollector {
        out: VarDecls::default(),
        sloppy,
        enclosing: Vec::new(),
        blocked,
    };
    for s in body {
        c.statement(s);
    }
    c.out
}

struct VarCollector<'a, 'b> {
    out: VarDecls<'a>,
    sloppy: bool,
    /// Lexically declared names of the enclosing blocks (innermost last).
    enclosing: Vec<Vec<&'a str>>,
    blocked: &'b HashSet<&'b str>,
}

impl<'a> VarCollector<'a, '_> {
    fn var_decl(&mut self, d: &VariableDeclaration<'a>) {
        if d.kind == VariableKind::Var {
            for decl in d.declarations {
                bound_names(&decl.target, &mut self.out.vars);
            }
        }
    }

    fn block(&mut self, body: &[Statement<'a>]) {
        let mut lex = Vec::new();
        lexical_declarations(body, true, &mut lex);
        let names: Vec<&'a str> = lex
            .iter()
            .filter_map(|d| match d {
                LexDecl::Variable(id, _, _) => Some(id.name),
                LexDecl::Class(c) => c.id.map(|i| i.name),
                LexDecl::Function(f) => f.id.map(|i| i.name),
            })
            .collect();
        if self.sloppy {
            for s in body {
                if let Statement::FunctionDeclaration(f) = s {
                    self.annex_b_candidate(f, &names);
                }
            }
        }
        self.enclosing.push(names);
        for s in body {
            self.statement(s);
        }
        self.enclosing.pop();
    }

    fn annex_b_candidate(&mut self, f: &'a Function<'a>, own_block: &[&'a str]) {
        if f.is_async || f.is_generator {
            return;
        }
        let Some(id) = f.id else { return };
        let name = id.name;
        if self.blocked.contains(name) {
            return;
        }
        // Another lexical declaration of the name in the same block.
        if own_block.iter().filter(|n| **n == name).count() > 1 {
            return;
        }
        if self.enclosing.iter().any(|names| names.contains(&name)) {
            return;
        }
        self.out.annex_b.push(f);
    }

    fn statement(&mut self, s: &Statement<'a>) {
        match s {
            Statement::VariableDeclaration(d) => self.var_decl(d),
            Statement::Block(b) => self.block(b.body),
            Statement::If(i) => {
                self.statement(&i.consequent);
                if let Some(a) = &i.alternate {
                    self.statement(a);
                }
            }
            Statement::For(f) => {
                let mut head = Vec::new();
                if let Some(ForInit::VariableDeclaration(d)) = &f.init {
                    if d.kind == VariableKind::Var {
                        self.var_decl(d);
                    } else {
                        for decl in d.declarations {
                            let mut ids = Vec::new();
                            bound_names(&decl.target, &mut ids);
                            head.extend(ids.iter().map(|i| i.name));
                        }
                    }
                }
                self.enclosing.push(head);
                self.statement(&f.body);
                self.enclosing.pop();
            }
            Statement::ForIn(f) => self.for_in_of(&f.left, &f.body),
            Statement::ForOf(f) => self.for_in_of(&f.left, &f.body),
            Statement::While(w) => self.statement(&w.body),
            Statement::DoWhile(w) => self.statement(&w.body),
            // A labelled function declaration is declared like one at this
            // level (handled by the callers' function lists).
            Statement::Labeled(l) if !matches!(l.body, Statement::FunctionDeclaration(_)) => {
                self.statement(&l.body)
            }
            Statement::With(w) => self.statement(&w.body),
            Statement::Switch(sw) => {
                let body: Vec<Statement<'a>> = sw
                    .cases
                    .iter()
                    .flat_map(|c| c.consequent.iter().copied())
                    .collect();
                self.block(&body);
            }
            Statement::Try(t) => {
                self.block(t.block.body);
                if let Some(h) = t.handler {
                    let mut names = Vec::new();
                    if let Some(p) = &h.param {
                        if !matches!(p, Pattern::Identifier(_)) {
                            let mut ids = Vec::new();
                            bound_names(p, &mut ids);
                            names.extend(ids.iter().map(|i| i.name));
                        }
                    }
                    self.enclosing.push(names);
                    self.block(h.body.body);
                    self.enclosing.pop();
                }
                if let Some(f) = t.finalizer {
                    self.block(f.body);
                }
            }
            Statement::ExportNamed(e) => {
                if let Some(d) = &e.declaration {
                    self.statement(d);
                }
            }
            _ => {}
        }
    }

    fn for_in_of(&mut self, left: &ForTarget<'a>, body: &Statement<'a>) {
        let mut head = Vec::new();
        if let ForTarget::VariableDeclaration(d) = left {
            if d.kind == VariableKind::Var {
                self.var_decl(d);
            } else {
                for decl in d.declarations {
                    let mut ids = Vec::new();
                    bound_names(&decl.target, &mut ids);
                    head.extend(ids.iter().map(|i| i.name));
                }
            }
        }
        self.enclosing.push(head);
        self.statement(body);
        self.enclosing.pop();
    }
}

/// Whether a parameter list contains expressions (defaults or computed
/// keys in patterns), which give the body its own var scope.
pub(crate) fn has_parameter_expressions(params: &FormalParameters<'_>) -> bool {
    params
        .items
        .iter()
        .any(|p| p.default.is_some() || pattern_has_expressions(&p.target))
        || params.rest.as_ref().is_some_and(pattern_has_expressions)
}

fn pattern_has_expressions(p: &Pattern<'_>) -> bool {
    match p {
        Pattern::Identifier(_) => false,
        Pattern::Expression(_) => true,
        Pattern::Object(o) => {
            o.properties.iter().any(|prop| {
                matches!(prop.key, PropertyKey::Computed(_))
                    || prop.value.default.is_some()
                    || pattern_has_expressions(&prop.value.target)
            }) || o.rest.as_ref().is_some_and(pattern_has_expressions)
        }
        Pattern::Array(a) => {
            a.elements
                .iter()
                .flatten()
                .any(|e| e.default.is_some() || pattern_has_expressions(&e.target))
                || a.rest.as_ref().is_some_and(pattern_has_expressions)
        }
    }
}
