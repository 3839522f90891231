//! Pass 1: builds the scope tree for a whole compilation unit (script, eval
//! code or dynamic function) and resolves every reference once, to learn
//! which bindings are captured (referenced from another function, reached
//! by name through `with`/eval, or visible to a direct eval).
//!
//! Invariant: this walk creates scopes for exactly the nodes (and in the
//! same nesting) that the emitter enters, keyed by node address and `Tag`,
//! so pass 2 finds every scope it needs in `ScopeTree::node_scopes`.

use hashbrown::HashSet;
use jsvm_bytecode::{BindingKind, EvalScope, EvalSite, FunctionKind as FK};
use jsvm_syntax::ast::*;

use crate::declarations::{
    bound_names, has_parameter_expressions, lexical_declarations, top_level_functions,
    var_declarations, LexDecl,
};
use crate::scope::{node_key, parse_import_slot_name, FuncId, SKind, ScopeId, ScopeTree, Tag};
use crate::CompileError;

pub(crate) struct Resolver {
    pub tree: ScopeTree,
    pub(crate) scope: ScopeId,
    pub(crate) func: FuncId,
    /// The var scope sloppy direct eval declares into, for the current
    /// function context (None at script top level: the global object).
    pub(crate) var_scope: Option<ScopeId>,
    pub(crate) strict: bool,
    pub error: Option<CompileError>,
}

/// Maps an AST function kind to the bytecode kind.
pub(crate) fn function_kind(k: jsvm_syntax::ast::FunctionKind) -> FK {
    use jsvm_syntax::ast::FunctionKind as A;
    match k {
        A::Normal => FK::Normal,
        A::Arrow => FK::Arrow,
        A::Method | A::ClassFieldInitializer | A::ClassStaticBlock => FK::Method,
        A::Getter => FK::Getter,
        A::Setter => FK::Setter,
        A::ClassConstructor => FK::ClassConstructor,
        A::DerivedConstructor => FK::DerivedConstructor,
    }
}

impl Resolver {
    pub(crate) fn new() -> Resolver {
        Resolver {
            tree: ScopeTree::default(),
            scope: 0,
            func: 0,
            var_scope: None,
            strict: false,
            error: None,
        }
    }

    pub(crate) fn new_func(&mut self, kind: FK, strict: bool, root: ScopeId) -> FuncId {
        self.tree.funcs.push(crate::scope::Func {
            kind,
            strict,
            root,
            scope: root,
            body_scope: root,
            field_initializer: false,
            arguments: None,
            mapped_arguments: false,
            generator: false,
            is_async: false,
        });
        self.tree.funcs.len() - 1
    }

    /// Pass 1 over a script.
    pub fn script(program: &Program<'_>) -> Resolver {
        let mut r = Resolver::new();
        r.strict = program.strict;
        let root = r.tree.new_scope(SKind::Script, None, 0);
        r.new_func(FK::Script, program.strict, root);
        r.scope = root;
        // Top-level functions and var/let/const/class are globals; only
        // Annex B candidates need recording (their flags).
        let blocked = top_level_lexical_names(program.body);
        if !program.strict {
            let decls = var_declarations(program.body, true, &blocked);
            for (i, f) in decls.annex_b.iter().enumerate() {
                r.tree
                    .annex_b_global
                    .insert(*f as *const Function as usize, i);
            }
        }
        r.statements(program.body);
        r.tree.finish_analysis();
        r
    }

    /// Pass 1 over eval code with the call site's context (None: indirect
    /// eval, which runs in the global environment).
    pub fn eval(program: &Program<'_>, site: Option<&EvalSite>) -> Resolver {
        let mut r = Resolver::new();
        r.strict = program.strict;
        // The external chain, outermost first.
        let mut parent = None;
        if let Some(site) = site {
            for s in site.scopes.iter().rev() {
                let id = match s {
                    EvalScope::With => r.tree.new_scope(SKind::ExternalWith, parent, usize::MAX),
                    EvalScope::Declarative(d) => {
                        let id = r.tree.new_scope(SKind::External, parent, usize::MAX);
                        for (i, slot) in d.slots.iter().enumerate() {
                            // A module's import binding, seen by this eval.
                            let import = match slot.kind {
                                BindingKind::Hidden => parse_import_slot_name(&slot.name),
                                _ => None,
                            };
                            let (name, kind) = match import {
                                Some((_, name)) => (name, BindingKind::Const),
                                None => (&*slot.name, slot.kind),
                            };
                            let b = r.tree.declare(id, name, kind, 0);
                            let binding = &mut r.tree.bindings[b];
                            binding.captured = true;
                            binding.used = true;
                            binding.tdz = slot.uninit;
                            binding.slot = Some(i as u32);
                            binding.import = import.map(|(index, _)| index);
                        }
                        let sc = &mut r.tree.scopes[id];
                        sc.growable = d.growable;
                        sc.var_scope = d.var_scope;
                        sc.descriptor = Some(d.clone());
                        id
                    }
                };
                parent = Some(id);
            }
        }
        let root = r.tree.new_scope(SKind::Eval, parent, 0);
        r.new_func(FK::Eval, program.strict, root);
        r.scope = root;
        let strict = program.strict;
        let lex_names = top_level_lexical_names(program.body);
        if strict {
            // Strict eval code keeps everything in its own var scope.
            r.tree.scopes[root].var_scope = true;
            r.var_scope = Some(root);
            let decls = var_declarations(program.body, false, &lex_names);
            for id in &decls.vars {
                r.tree.declare(root, id.name, BindingKind::Var, 0);
            }
            let mut fns = Vec::new();
            top_level_functions(program.body, &mut fns);
            for f in fns {
                if let Some(id) = f.id {
                    r.tree.declare(root, id.name, BindingKind::Var, 0);
                }
            }
        } else {
            // Sloppy: vars and functions go to the caller's var scope.
            r.var_scope = r.nearest_external_var_scope(parent);
            let decls = var_declarations(program.body, true, &lex_names);
            for (i, f) in decls.annex_b.iter().enumerate() {
                r.tree
                    .annex_b_global
                    .insert(*f as *const Function as usize, i);
            }
        }
        let mut lex = Vec::new();
        lexical_declarations(program.body, false, &mut lex);
        r.declare_lexical(root, &lex);
        r.statements(program.body);
        r.tree.finish_analysis();
        r
    }

    fn nearest_external_var_scope(&self, mut s: Option<ScopeId>) -> Option<ScopeId> {
        while let Some(id) = s {
            if self.tree.scopes[id].var_scope {
                return Some(id);
            }
            s = self.tree.scopes[id].parent;
        }
        None
    }

    /// Pass 1 over a dynamic function (Function constructor): `f` is
    /// compiled as a function expression whose scope is the global one.
    pub fn dynamic_function(f: &Function<'_>) -> Resolver {
        let mut r = Resolver::new();
        r.strict = false;
        let root = r.tree.new_scope(SKind::Script, None, 0);
        r.new_func(FK::Script, false, root);
        r.scope = root;
        r.function(f, false);
        r.tree.finish_analysis();
        r
    }

    // ----- references -------------------------------------------------

    /// Resolves a reference to `name` at source offset `pos`.
    pub fn reference(&mut self, name: &str, pos: u32) {
        let l = self.tree.lookup(self.scope, name);
        if let Some(b) = l.binding {
            let bfunc = self.tree.binding_func(b);
            let same_func = bfunc == self.func;
            let is_switch = self.tree.scopes[self.tree.bindings[b].scope].kind == SKind::Switch;
            let binding = &mut self.tree.bindings[b];
            binding.used = true;
            if !same_func || l.dynamic {
                binding.captured = true;
            }
            if binding.tdz && same_func && (pos < binding.decl_end || is_switch) {
                binding.needs_uninit_load = true;
            }
        }
    }

    fn hidden(&mut self, name: &str) {
        self.reference(name, u32::MAX);
    }

    // ----- declarations -----------------------------------------------

    pub(crate) fn declare_lexical(&mut self, scope: ScopeId, decls: &[LexDecl<'_>]) {
        for d in decls {
            match d {
                LexDecl::Variable(id, is_const, end) => {
                    let kind = if *is_const {
                        BindingKind::Const
                    } else {
                        BindingKind::Let
                    };
                    self.tree.declare(scope, id.name, kind, *end);
                }
                LexDecl::Class(c) => {
                    if let Some(id) = c.id {
                        self.tree
                            .declare(scope, id.name, BindingKind::Let, c.span.end);
                    }
                }
                LexDecl::Function(f) => {
                    if let Some(id) = f.id {
                        let b = self.tree.declare(scope, id.name, BindingKind::Let, 0);
                        self.tree.bindings[b].tdz = false;
                    }
                }
            }
        }
    }

    /// Enters a block-like scope for `body` if it declares anything.
    fn block_scope(
        &mut self,
        key: (usize, Tag),
        body: &[Statement<'_>],
        kind: SKind,
    ) -> Option<ScopeId> {
        let mut lex = Vec::new();
        lexical_declarations(body, true, &mut lex);
        if lex.is_empty() {
            return None;
        }
        let s = self.tree.new_scope(kind, Some(self.scope), self.func);
        self.tree.node_scopes.insert(key, s);
        self.declare_lexical(s, &lex);
        Some(s)
    }

    // ----- statements -------------------------------------------------

    pub(crate) fn statements(&mut self, body: &[Statement<'_>]) {
        for s in body {
            self.statement(s);
        }
    }

    pub(crate) fn statement(&mut self, s: &Statement<'_>) {
        match s {
            Statement::Empty(_) | Statement::Debugger(_) => {}
            Statement::Expression(e) => self.expr(&e.expression),
            Statement::Block(b) => self.block(b),
            Statement::VariableDeclaration(d) => self.var_declaration(d),
            Statement::FunctionDeclaration(f) => self.function(f, false),
            Statement::ClassDeclaration(c) => {
                self.class(c);
                if let Some(id) = c.id {
                    self.reference(id.name, c.span.end);
                }
            }
            Statement::If(i) => {
                self.expr(&i.test);
                self.statement(&i.consequent);
                if let Some(a) = &i.alternate {
                    self.statement(a);
                }
            }
            Statement::For(f) => self.for_statement(f),
            Statement::ForIn(f) => self.for_in_of(*f, &f.left, &f.right, &f.body, f.span),
            Statement::ForOf(f) => {
                if f.is_await {
                    self.top_level_await();
                }
                self.for_in_of(*f, &f.left, &f.right, &f.body, f.span)
            }
            Statement::While(w) => {
                self.expr(&w.test);
                self.statement(&w.body);
            }
            Statement::DoWhile(w) => {
                self.statement(&w.body);
                self.expr(&w.test);
            }
            Statement::Continue(_) | Statement::Break(_) => {}
            Statement::Return(r) => {
                if let Some(a) = &r.argument {
                    self.expr(a);
                }
            }
            Statement::With(w) => {
                self.expr(&w.object);
                let s = self
                    .tree
                    .new_scope(SKind::With, Some(self.scope), self.func);
                self.tree.node_scopes.insert(node_key(*w, Tag::With), s);
                let saved = self.scope;
                self.scope = s;
                self.statement(&w.body);
                self.scope = saved;
            }
            Statement::Switch(sw) => {
                self.expr(&sw.discriminant);
                let body: Vec<Statement<'_>> = sw
                    .cases
                    .iter()
                    .flat_map(|c| c.consequent.iter().copied())
                    .collect();
                let saved = self.scope;
                if let Some(s) = self.block_scope(node_key(*sw, Tag::Switch), &body, SKind::Switch)
                {
                    self.scope = s;
                }
                for c in sw.cases {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.statements(c.consequent);
                }
                self.scope = saved;
            }
            Statement::Labeled(l) => self.statement(&l.body),
            Statement::Throw(t) => self.expr(&t.argument),
            Statement::Try(t) => {
                self.block(t.block);
                if let Some(h) = t.handler {
                    let saved = self.scope;
                    if let Some(p) = &h.param {
                        let s = self
                            .tree
                            .new_scope(SKind::Catch, Some(self.scope), self.func);
                        self.tree
                            .node_scopes
                            .insert(node_key(h, Tag::CatchParam), s);
                        let mut names = Vec::new();
                        bound_names(p, &mut names);
                        let simple = matches!(p, Pattern::Identifier(_));
                        for n in names {
                            if simple {
                                self.tree.declare(s, n.name, BindingKind::Var, 0);
                            } else {
                                self.tree.declare(s, n.name, BindingKind::Let, p.span().end);
                            }
                        }
                        self.scope = s;
                        self.binding_pattern(p);
                    }
                    self.block(h.body);
                    self.scope = saved;
                }
                if let Some(f) = t.finalizer {
                    self.block(f);
                }
            }
            Statement::Import(_) | Statement::ExportAll(_) => {}
            Statement::ExportNamed(d) => {
                if let Some(decl) = &d.declaration {
                    self.statement(decl);
                } else if d.source.is_none() {
                    for s in d.specifiers {
                        self.reference(s.local.name, u32::MAX);
                    }
                }
            }
            Statement::ExportDefault(d) => self.export_default(d),
        }
    }

    fn block(&mut self, b: &BlockStatement<'_>) {
        let saved = self.scope;
        if let Some(s) = self.block_scope(node_key(b, Tag::Block), b.body, SKind::Block) {
            self.scope = s;
        }
        self.statements(b.body);
        self.scope = saved;
    }

    fn var_declaration(&mut self, d: &VariableDeclaration<'_>) {
        for decl in d.declarations {
            if let Some(init) = &decl.init {
                self.expr(init);
            }
            self.binding_pattern(&decl.target);
        }
    }

    fn for_statement(&mut self, f: &ForStatement<'_>) {
        let saved = self.scope;
        if let Some(ForInit::VariableDeclaration(d)) = &f.init {
            if d.kind != VariableKind::Var {
                let s = self
                    .tree
                    .new_scope(SKind::Block, Some(self.scope), self.func);
                self.tree.node_scopes.insert(node_key(f, Tag::ForHead), s);
                let mut lex = Vec::new();
                lexical_declarations(&[Statement::VariableDeclaration(d)], true, &mut lex);
                self.declare_lexical(s, &lex);
                self.scope = s;
            }
        }
        match &f.init {
            Some(ForInit::VariableDeclaration(d)) => self.var_declaration(d),
            Some(ForInit::Expression(e)) => self.expr(e),
            None => {}
        }
        if let Some(t) = &f.test {
            self.expr(t);
        }
        if let Some(u) = &f.update {
            self.expr(u);
        }
        self.statement(&f.body);
        self.scope = saved;
    }

    fn for_in_of<T: crate::scope::ScopeNode>(
        &mut self,
        node: &T,
        left: &ForTarget<'_>,
        right: &Expression<'_>,
        body: &Statement<'_>,
        _span: Span,
    ) {
        let saved = self.scope;
        let lexical = match left {
            ForTarget::VariableDeclaration(d) if d.kind != VariableKind::Var => Some(*d),
            _ => None,
        };
        if let Some(d) = lexical {
            // TDZ scope for the right-hand side.
            let mut lex = Vec::new();
            lexical_declarations(&[Statement::VariableDeclaration(d)], true, &mut lex);
            let tdz = self
                .tree
                .new_scope(SKind::Block, Some(self.scope), self.func);
            self.tree
                .node_scopes
                .insert(node_key(node, Tag::ForTdz), tdz);
            self.declare_lexical(tdz, &lex);
            for &b in &self.tree.scopes[tdz].bindings.clone() {
                self.tree.bindings[b].decl_end = u32::MAX;
            }
            self.scope = tdz;
            self.expr(right);
            self.scope = saved;
            let iter = self
                .tree
                .new_scope(SKind::Block, Some(self.scope), self.func);
            self.tree
                .node_scopes
                .insert(node_key(node, Tag::ForIter), iter);
            self.declare_lexical(iter, &lex);
            for &b in &self.tree.scopes[iter].bindings.clone() {
                self.tree.bindings[b].decl_end = d.span.end;
            }
            self.scope = iter;
            if let Some(decl) = d.declarations.first() {
                self.binding_pattern(&decl.target);
            }
        } else {
            match left {
                ForTarget::VariableDeclaration(d) => {
                    // `var` (Annex B: `for (var x = init in o)`).
                    for decl in d.declarations {
                        if let Some(init) = &decl.init {
                            self.expr(init);
                        }
                        self.binding_pattern(&decl.target);
                    }
                }
                ForTarget::Pattern(_) => {}
            }
            self.expr(right);
            // Assignment targets are evaluated per iteration after the RHS.
            if let ForTarget::Pattern(p) = left {
                self.assignment_pattern(p);
            }
        }
        self.statement(body);
        self.scope = saved;
    }

    // ----- patterns ---------------------------------------------------

    /// A binding pattern: defaults and computed keys are expressions; the
    /// bound identifiers are written (resolved as references).
    fn binding_pattern(&mut self, p: &Pattern<'_>) {
        self.pattern(p, false)
    }

    /// Visits a pattern: expressions inside, and each bound identifier as
    /// a write (at its start for assignments, which check the TDZ; as an
    /// initialization otherwise, which does not).
    fn pattern(&mut self, p: &Pattern<'_>, assign: bool) {
        match p {
            Pattern::Identifier(id) => {
                let pos = if assign { id.span.start } else { u32::MAX };
                self.reference(id.name, pos)
            }
            Pattern::Expression(e) => self.expr(e),
            Pattern::Object(o) => {
                for prop in o.properties {
                    if let PropertyKey::Computed(k) = &prop.key {
                        self.expr(k);
                    }
                    if let Some(d) = &prop.value.default {
                        self.expr(d);
                    }
                    self.pattern(&prop.value.target, assign);
                }
                if let Some(r) = &o.rest {
                    self.pattern(r, assign);
                }
            }
            Pattern::Array(a) => {
                for e in a.elements.iter().flatten() {
                    if let Some(d) = &e.default {
                        self.expr(d);
                    }
                    self.pattern(&e.target, assign);
                }
                if let Some(r) = &a.rest {
                    self.pattern(r, assign);
                }
            }
        }
    }

    fn assignment_pattern(&mut self, p: &Pattern<'_>) {
        self.pattern(p, true)
    }

    // ----- expressions ------------------------------------------------

    fn exprs(&mut self, list: &[Expression<'_>]) {
        for e in list {
            self.expr(e);
        }
    }

    fn arguments(&mut self, args: &[Argument<'_>]) {
        for a in args {
            match a {
                Argument::Expression(e) => self.expr(e),
                Argument::Spread(s) => self.expr(&s.argument),
            }
        }
    }

    fn property_key(&mut self, k: &PropertyKey<'_>) {
        match k {
            PropertyKey::Computed(e) => self.expr(e),
            PropertyKey::Private(p) => self.reference(&format!("#{}", p.name), p.span.start),
            _ => {}
        }
    }

    fn member_property(&mut self, p: &MemberProperty<'_>) {
        match p {
            MemberProperty::Static(_) => {}
            MemberProperty::Computed(e) => self.expr(e),
            MemberProperty::Private(n) => self.reference(&format!("#{}", n.name), n.span.start),
        }
    }

    pub(crate) fn expr(&mut self, e: &Expression<'_>) {
        match e {
            Expression::Identifier(id) => self.reference(id.name, id.span.start),
            Expression::This(_) => self.hidden("this"),
            Expression::Null(_)
            | Expression::Boolean(_)
            | Expression::Number(_)
            | Expression::BigInt(_)
            | Expression::String(_)
            | Expression::RegExp(_) => {}
            Expression::Template(t) => self.exprs(t.expressions),
            Expression::TaggedTemplate(t) => {
                self.expr(&t.tag);
                self.exprs(t.quasi.expressions);
            }
            Expression::Array(a) => {
                for el in a.elements {
                    match el {
                        ArrayElement::Hole(_) => {}
                        ArrayElement::Spread(s) => self.expr(&s.argument),
                        ArrayElement::Expression(e) => self.expr(e),
                    }
                }
            }
            Expression::Object(o) => {
                for p in o.properties {
                    match p {
                        ObjectProperty::Property(p) => {
                            self.property_key(&p.key);
                            self.expr(&p.value);
                        }
                        ObjectProperty::Spread(s) => self.expr(&s.argument),
                    }
                }
            }
            Expression::Function(f) => {
                let named = f.id.is_some() && f.kind == jsvm_syntax::ast::FunctionKind::Normal;
                self.function(f, named)
            }
            Expression::Arrow(f) => self.function(f, false),
            Expression::Class(c) => self.class(c),
            Expression::Unary(u) => self.expr(&u.argument),
            Expression::Update(u) => self.expr(&u.argument),
            Expression::Binary(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expression::Logical(l) => {
                self.expr(&l.left);
                self.expr(&l.right);
            }
            Expression::Conditional(c) => {
                self.expr(&c.test);
                self.expr(&c.consequent);
                self.expr(&c.alternate);
            }
            Expression::Assignment(a) => {
                if a.operator == AssignmentOperator::Assign {
                    self.assignment_pattern(&a.left);
                } else {
                    self.pattern(&a.left, true);
                }
                self.expr(&a.right);
            }
            Expression::Sequence(s) => self.exprs(s.expressions),
            Expression::Member(m) => {
                self.expr(&m.object);
                self.member_property(&m.property);
            }
            Expression::SuperMember(m) => {
                self.hidden("this");
                self.hidden("%home");
                self.member_property(&m.property);
            }
            Expression::Call(c) => {
                if c.is_direct_eval {
                    self.direct_eval();
                }
                self.expr(&c.callee);
                self.arguments(c.arguments);
            }
            Expression::SuperCall(c) => {
                self.hidden("%fn");
                self.hidden("new.target");
                self.arguments(c.arguments);
                self.hidden("this");
                self.super_call_init();
            }
            Expression::New(n) => {
                self.expr(&n.callee);
                self.arguments(n.arguments);
            }
            Expression::Chain(c) => self.expr(&c.expression),
            Expression::Yield(y) => {
                if let Some(a) = &y.argument {
                    self.expr(a);
                }
            }
            Expression::Await(a) => {
                self.top_level_await();
                self.expr(&a.argument)
            }
            Expression::NewTarget(_) => self.hidden("new.target"),
            Expression::ImportMeta(_) => {}
            Expression::ImportCall(i) => {
                self.expr(&i.source);
                if let Some(o) = &i.options {
                    self.expr(o);
                }
            }
            Expression::PrivateIn(p) => {
                self.reference(&format!("#{}", p.name.name), p.name.span.start);
                self.expr(&p.right);
            }
        }
    }

    /// `super()` also runs the class's instance initializer.
    fn super_call_init(&mut self) {
        if let Some(class) = self.tree.enclosing_of_kind(self.scope, SKind::Class) {
            if self.tree.scopes[class].has_instance_init {
                self.hidden("%init");
            }
        }
    }

    fn direct_eval(&mut self) {
        self.tree.scopes[self.scope].has_eval = true;
        if !self.strict {
            if let Some(v) = self.var_scope {
                self.tree.scopes[v].growable = true;
            }
        }
    }

    // ----- functions --------------------------------------------------

    /// A function node (declaration, expression, arrow, method, accessor,
    /// constructor). `named_expression`: a function expression with its
    /// own name binding.
    pub fn function(&mut self, f: &Function<'_>, named_expression: bool) {
        let kind = function_kind(f.kind);
        let saved = (self.scope, self.func, self.var_scope, self.strict);
        let strict = f.strict;
        let func = self.new_func(kind, strict, 0);
        self.tree.funcs[func].generator = f.is_generator;
        self.tree.funcs[func].is_async = f.is_async;
        self.tree.node_funcs.insert(node_key(f, Tag::Func), func);
        self.func = func;
        self.strict = strict;

        let mut parent = self.scope;
        let mut root = None;
        if named_expression {
            if let Some(id) = f.id {
                let s = self.tree.new_scope(SKind::FunctionName, Some(parent), func);
                self.tree.node_scopes.insert(node_key(f, Tag::FuncName), s);
                self.tree.declare(s, id.name, BindingKind::FunctionName, 0);
                parent = s;
                root = Some(s);
            }
        }
        let param_exprs = has_parameter_expressions(&f.params);
        if !strict && param_exprs && f.contains_direct_eval {
            let s = self.tree.new_scope(SKind::ParamEvalVar, Some(parent), func);
            self.tree.node_scopes.insert(node_key(f, Tag::ParamEval), s);
            self.tree.scopes[s].var_scope = true;
            self.tree.scopes[s].growable = true;
            parent = s;
            root.get_or_insert(s);
        }
        let fscope = self.tree.new_scope(SKind::Function, Some(parent), func);
        self.tree.node_scopes.insert(node_key(f, Tag::Func), fscope);
        let root = root.unwrap_or(fscope);
        self.tree.funcs[func].root = root;
        self.tree.funcs[func].scope = fscope;

        self.declare_hidden(fscope, kind);

        // Parameters.
        let simple = f.has_simple_parameter_list;
        let mut param_names: Vec<&Identifier<'_>> = Vec::new();
        for (i, p) in f.params.items.iter().enumerate() {
            let mut names = Vec::new();
            bound_names(&p.target, &mut names);
            for n in &names {
                let b = self
                    .tree
                    .declare(fscope, n.name, BindingKind::Var, p.span.end);
                if simple {
                    self.tree.bindings[b].param_index = Some(i as u16);
                } else {
                    self.tree.bindings[b].tdz = true;
                    self.tree.bindings[b].decl_end = p.span.end;
                }
            }
            param_names.extend(names);
        }
        if let Some(r) = &f.params.rest {
            let mut names = Vec::new();
            bound_names(r, &mut names);
            for n in &names {
                let b = self
                    .tree
                    .declare(fscope, n.name, BindingKind::Var, r.span().end);
                self.tree.bindings[b].tdz = true;
                self.tree.bindings[b].decl_end = r.span().end;
            }
            param_names.extend(names);
        }

        // Body declarations.
        let body = f.body.statements;
        let mut lex = Vec::new();
        lexical_declarations(body, false, &mut lex);
        let mut fns = Vec::new();
        top_level_functions(body, &mut fns);
        let lex_names: HashSet<&str> = lex
            .iter()
            .filter_map(|d| match d {
                LexDecl::Variable(id, _, _) => Some(id.name),
                LexDecl::Class(c) => c.id.map(|i| i.name),
                LexDecl::Function(_) => None,
            })
            .collect();

        // `arguments` (FunctionDeclarationInstantiation steps 15-18).
        if kind != FK::Arrow
            && !param_names.iter().any(|n| n.name == "arguments")
            && (param_exprs
                || (!fns
                    .iter()
                    .any(|g| g.id.is_some_and(|i| i.name == "arguments"))
                    && !lex_names.contains("arguments")))
        {
            let b = self.tree.declare(fscope, "arguments", BindingKind::Var, 0);
            self.tree.bindings[b].used = false;
            self.tree.funcs[func].arguments = Some(b);
            self.tree.funcs[func].mapped_arguments = !strict && simple;
        }

        let bscope = if param_exprs {
            let s = self.tree.new_scope(SKind::FunctionBody, Some(fscope), func);
            self.tree.node_scopes.insert(node_key(f, Tag::FuncBody), s);
            s
        } else {
            fscope
        };
        self.tree.funcs[func].body_scope = bscope;
        self.tree.scopes[bscope].var_scope = true;
        if !strict && f.contains_direct_eval {
            self.tree.scopes[bscope].growable = true;
        }

        let mut blocked: HashSet<&str> = lex_names.clone();
        for n in &param_names {
            blocked.insert(n.name);
        }
        let decls = var_declarations(body, !strict, &blocked);
        for id in &decls.vars {
            self.tree.declare(bscope, id.name, BindingKind::Var, 0);
        }
        for g in &fns {
            if let Some(id) = g.id {
                self.tree.declare(bscope, id.name, BindingKind::Var, 0);
            }
        }
        for g in &decls.annex_b {
            if let Some(id) = g.id {
                let b = self.tree.declare(bscope, id.name, BindingKind::Var, 0);
                self.tree
                    .annex_b_bindings
                    .insert(*g as *const Function as usize, b);
            }
        }
        self.declare_lexical(bscope, &lex);

        // Walk parameters, then the body.
        self.scope = fscope;
        self.var_scope = if !strict && param_exprs && f.contains_direct_eval {
            self.tree
                .node_scopes
                .get(&node_key(f, Tag::ParamEval))
                .copied()
        } else {
            Some(bscope)
        };
        for p in f.params.items {
            if let Some(d) = &p.default {
                self.expr(d);
            }
            self.binding_pattern(&p.target);
        }
        if let Some(r) = &f.params.rest {
            self.binding_pattern(r);
        }
        self.scope = bscope;
        self.var_scope = Some(bscope);
        if kind == FK::ClassConstructor {
            // Base constructors run the instance initializer on entry.
            self.hidden("this");
            self.super_call_init();
        }
        self.statements(body);

        (self.scope, self.func, self.var_scope, self.strict) = saved;
    }

    /// Declares the hidden bindings a non-arrow function provides.
    fn declare_hidden(&mut self, fscope: ScopeId, kind: FK) {
        if kind == FK::Arrow {
            return;
        }
        let this = self.tree.declare(fscope, "this", BindingKind::Hidden, 0);
        if kind == FK::DerivedConstructor {
            // Read by every return (DerivedReturn).
            self.tree.bindings[this].tdz = true;
            self.tree.bindings[this].needs_uninit_load = true;
            self.tree.bindings[this].used = true;
        }
        self.tree
            .declare(fscope, "new.target", BindingKind::Hidden, 0);
        if !matches!(kind, FK::Normal | FK::Script | FK::Eval) {
            self.tree.declare(fscope, "%home", BindingKind::Hidden, 0);
        }
        if kind == FK::DerivedConstructor {
            self.tree.declare(fscope, "%fn", BindingKind::Hidden, 0);
        }
    }

    /// A synthetic method (field initializer, static block) scope.
    fn synthetic_method(
        &mut self,
        key: (usize, Tag),
        field_initializer: bool,
    ) -> (FuncId, ScopeId) {
        let func = self.new_func(FK::Method, true, 0);
        self.tree.funcs[func].field_initializer = field_initializer;
        let s = self.tree.new_scope(SKind::Function, Some(self.scope), func);
        self.tree.funcs[func].root = s;
        self.tree.funcs[func].scope = s;
        self.tree.funcs[func].body_scope = s;
        self.tree.scopes[s].var_scope = true;
        self.tree.node_funcs.insert(key, func);
        self.tree.node_scopes.insert(key, s);
        self.declare_hidden(s, FK::Method);
        (func, s)
    }

    // ----- classes ----------------------------------------------------

    pub fn class(&mut self, c: &Class<'_>) {
        let saved = (self.scope, self.func, self.var_scope, self.strict);
        self.strict = true;
        let cs = self
            .tree
            .new_scope(SKind::Class, Some(self.scope), self.func);
        self.tree.node_scopes.insert(node_key(c, Tag::Class), cs);
        if let Some(id) = c.id {
            self.tree
                .declare(cs, id.name, BindingKind::Const, c.span.end);
        }
        let mut has_instance_init = false;
        for (i, el) in c.elements.iter().enumerate() {
            match el {
                ClassElement::Method(m) => {
                    if let PropertyKey::Private(p) = &m.key {
                        self.tree
                            .declare(cs, &format!("#{}", p.name), BindingKind::PrivateName, 0);
                        if !m.is_static {
                            has_instance_init = true;
                            self.tree
                                .declare(cs, &format!("%pm{i}"), BindingKind::Hidden, 0);
                        }
                    }
                }
                ClassElement::Field(f) => {
                    if let PropertyKey::Private(p) = &f.key {
                        self.tree
                            .declare(cs, &format!("#{}", p.name), BindingKind::PrivateName, 0);
                    }
                    if let PropertyKey::Computed(_) = &f.key {
                        self.tree
                            .declare(cs, &format!("%key{i}"), BindingKind::Hidden, 0);
                    }
                    if !f.is_static {
                        has_instance_init = true;
                    }
                }
                ClassElement::StaticBlock(_) => {}
            }
        }
        self.tree.declare(cs, "%init", BindingKind::Hidden, 0);
        self.tree.scopes[cs].has_instance_init = has_instance_init;
        self.scope = cs;
        if let Some(h) = &c.super_class {
            self.expr(h);
        }
        match c.constructor {
            Some(ctor) => self.function(ctor, false),
            None => {
                // The default constructor.
                let kind = if c.super_class.is_some() {
                    FK::DerivedConstructor
                } else {
                    FK::ClassConstructor
                };
                let func = self.new_func(kind, true, 0);
                let s = self.tree.new_scope(SKind::Function, Some(cs), func);
                self.tree.funcs[func].root = s;
                self.tree.funcs[func].scope = s;
                self.tree.funcs[func].body_scope = s;
                self.tree.node_funcs.insert(node_key(c, Tag::Func), func);
                self.tree.node_scopes.insert(node_key(c, Tag::Func), s);
                if kind == FK::ClassConstructor {
                    self.tree.declare(s, "this", BindingKind::Hidden, 0);
                }
                let (sf, ss) = (self.func, self.scope);
                self.func = func;
                self.scope = s;
                if kind == FK::ClassConstructor {
                    self.hidden("this");
                }
                self.super_call_init();
                self.func = sf;
                self.scope = ss;
            }
        }
        // Element keys and methods, in order.
        for (i, el) in c.elements.iter().enumerate() {
            match el {
                ClassElement::Method(m) => {
                    self.property_key(&m.key);
                    self.function(m.function, false);
                    if let PropertyKey::Private(_) = &m.key {
                        if !m.is_static {
                            self.reference(&format!("%pm{i}"), 0);
                        }
                    }
                }
                ClassElement::Field(f) => {
                    self.property_key(&f.key);
                    if let PropertyKey::Computed(_) = &f.key {
                        self.reference(&format!("%key{i}"), 0);
                    }
                }
                ClassElement::StaticBlock(_) => {}
            }
        }
        // The instance initializer.
        if has_instance_init {
            self.hidden("%init");
            let (func, s) = self.synthetic_method(node_key(c, Tag::InstanceInit), true);
            let outer = (self.scope, self.func, self.var_scope);
            self.func = func;
            self.scope = s;
            self.var_scope = Some(s);
            self.hidden("this");
            for (i, el) in c.elements.iter().enumerate() {
                match el {
                    ClassElement::Method(m) if !m.is_static => {
                        if let PropertyKey::Private(p) = &m.key {
                            self.reference(&format!("#{}", p.name), 0);
                            self.reference(&format!("%pm{i}"), 0);
                        }
                    }
                    ClassElement::Field(f) if !f.is_static => self.field(i, f),
                    _ => {}
                }
            }
            (self.scope, self.func, self.var_scope) = outer;
        }
        if let Some(id) = c.id {
            self.reference(id.name, c.span.end);
        }
        // Static private methods are added to F by the class code.
        for el in c.elements {
            if let ClassElement::Method(m) = el {
                if let (true, PropertyKey::Private(p)) = (m.is_static, &m.key) {
                    self.reference(&format!("#{}", p.name), 0);
                }
            }
        }
        // The static initializer.
        let has_static = c.elements.iter().any(|el| match el {
            ClassElement::Field(f) => f.is_static,
            ClassElement::StaticBlock(_) => true,
            ClassElement::Method(_) => false,
        });
        if has_static {
            let (func, s) = self.synthetic_method(node_key(c, Tag::StaticInit), true);
            let outer = (self.scope, self.func, self.var_scope);
            self.func = func;
            self.scope = s;
            self.var_scope = Some(s);
            self.hidden("this");
            for (i, el) in c.elements.iter().enumerate() {
                match el {
                    ClassElement::Field(f) if f.is_static => self.field(i, f),
                    ClassElement::StaticBlock(b) => self.static_block(b),
                    _ => {}
                }
            }
            (self.scope, self.func, self.var_scope) = outer;
        }
        (self.scope, self.func, self.var_scope, self.strict) = saved;
    }

    fn field(&mut self, i: usize, f: &ClassField<'_>) {
        match &f.key {
            PropertyKey::Computed(_) => self.reference(&format!("%key{i}"), 0),
            PropertyKey::Private(p) => self.reference(&format!("#{}", p.name), 0),
            _ => {}
        }
        if let Some(v) = &f.value {
            self.expr(v);
        }
    }

    fn static_block(&mut self, b: &StaticBlock<'_>) {
        let (func, s) = self.synthetic_method(node_key(b, Tag::StaticBlock), false);
        let outer = (self.scope, self.func, self.var_scope);
        self.func = func;
        self.scope = s;
        self.var_scope = Some(s);
        let mut lex = Vec::new();
        lexical_declarations(b.body, false, &mut lex);
        let lex_names: HashSet<&str> = lex
            .iter()
            .filter_map(|d| match d {
                LexDecl::Variable(id, _, _) => Some(id.name),
                LexDecl::Class(c) => c.id.map(|i| i.name),
                LexDecl::Function(_) => None,
            })
            .collect();
        let decls = var_declarations(b.body, false, &lex_names);
        for id in &decls.vars {
            self.tree.declare(s, id.name, BindingKind::Var, 0);
        }
        let mut fns = Vec::new();
        top_level_functions(b.body, &mut fns);
        for g in fns {
            if let Some(id) = g.id {
                self.tree.declare(s, id.name, BindingKind::Var, 0);
            }
        }
        self.declare_lexical(s, &lex);
        self.statements(b.body);
        (self.scope, self.func, self.var_scope) = outer;
    }
}

/// Top-level LexicallyDeclaredNames (let/const/class) of a body.
fn top_level_lexical_names<'a>(body: &[Statement<'a>]) -> HashSet<&'a str> {
    let mut lex = Vec::new();
    lexical_declarations(body, false, &mut lex);
    lex.iter()
        .filter_map(|d| match d {
            LexDecl::Variable(id, _, _) => Some(id.name),
            LexDecl::Class(c) => c.id.map(|i| i.name),
            LexDecl::Function(_) => None,
        })
        .collect()
}
