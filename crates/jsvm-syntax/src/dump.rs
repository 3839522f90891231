//! A compact S-expression rendering of the AST, for tests and debugging
//! (`jsvm --dump-ast` may use it too).
//!
//! Invariant: the rendering is deterministic and shows structure, operators,
//! names and literal values, but no spans; parentheses in the source leave
//! no trace except through the nodes they produce.

use crate::ast::*;
use std::fmt::Write;

/// Renders a whole program, one top-level statement per line.
pub fn dump_program(p: &Program<'_>) -> String {
    let mut d = Dumper { out: String::new() };
    for (i, s) in p.body.iter().enumerate() {
        if i > 0 {
            d.out.push('\n');
        }
        d.stmt(s);
    }
    d.out
}

/// Renders one expression.
pub fn dump_expression(e: &Expression<'_>) -> String {
    let mut d = Dumper { out: String::new() };
    d.expr(e);
    d.out
}

struct Dumper {
    out: String,
}

fn utf16(s: &[u16]) -> String {
    char::decode_utf16(s.iter().copied())
        .map(|r| {
            r.map_or_else(
                |e| format!("\\u{:04x}", e.unpaired_surrogate()),
                |c| c.to_string(),
            )
        })
        .collect()
}

impl Dumper {
    fn w(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn open(&mut self, tag: &str) {
        self.out.push('(');
        self.out.push_str(tag);
    }

    fn close(&mut self) {
        self.out.push(')');
    }

    fn sp(&mut self) {
        self.out.push(' ');
    }

    fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        for it in items {
            self.sp();
            f(self, it);
        }
    }

    fn stmts(&mut self, body: &[Statement<'_>]) {
        self.list(body, |d, s| d.stmt(s));
    }

    fn stmt(&mut self, s: &Statement<'_>) {
        match s {
            Statement::Empty(_) => self.w("(empty)"),
            Statement::Debugger(_) => self.w("(debugger)"),
            Statement::Expression(e) => {
                self.open(if e.directive.is_some() {
                    "directive"
                } else {
                    "expr"
                });
                self.sp();
                self.expr(&e.expression);
                self.close();
            }
            Statement::Block(b) => {
                self.open("block");
                self.stmts(b.body);
                self.close();
            }
            Statement::VariableDeclaration(v) => self.var_decl(v),
            Statement::FunctionDeclaration(f) => self.function(f),
            Statement::ClassDeclaration(c) => self.class(c),
            Statement::If(i) => {
                self.open("if");
                self.sp();
                self.expr(&i.test);
                self.sp();
                self.stmt(&i.consequent);
                if let Some(a) = &i.alternate {
                    self.sp();
                    self.stmt(a);
                }
                self.close();
            }
            Statement::For(f) => {
                self.open("for");
                self.sp();
                match &f.init {
                    None => self.w("_"),
                    Some(ForInit::VariableDeclaration(v)) => self.var_decl(v),
                    Some(ForInit::Expression(e)) => self.expr(e),
                }
                for e in [&f.test, &f.update] {
                    self.sp();
                    match e {
                        Some(e) => self.expr(e),
                        None => self.w("_"),
                    }
                }
                self.sp();
                self.stmt(&f.body);
                self.close();
            }
            Statement::ForIn(f) => {
                self.open("for-in");
                self.sp();
                self.for_target(&f.left);
                self.sp();
                self.expr(&f.right);
                self.sp();
                self.stmt(&f.body);
                self.close();
            }
            Statement::ForOf(f) => {
                self.open(if f.is_await { "for-await-of" } else { "for-of" });
                self.sp();
                self.for_target(&f.left);
                self.sp();
                self.expr(&f.right);
                self.sp();
                self.stmt(&f.body);
                self.close();
            }
            Statement::While(w) => {
                self.open("while");
                self.sp();
                self.expr(&w.test);
                self.sp();
                self.stmt(&w.body);
                self.close();
            }
            Statement::DoWhile(w) => {
                self.open("do-while");
                self.sp();
                self.stmt(&w.body);
                self.sp();
                self.expr(&w.test);
                self.close();
            }
            Statement::Continue(c) => {
                self.open("continue");
                if let Some(l) = &c.label {
                    self.sp();
                    self.w(l.name);
                }
                self.close();
            }
            Statement::Break(c) => {
                self.open("break");
                if let Some(l) = &c.label {
                    self.sp();
                    self.w(l.name);
                }
                self.close();
            }
            Statement::Return(r) => {
                self.open("return");
                if let Some(e) = &r.argument {
                    self.sp();
                    self.expr(e);
                }
                self.close();
            }
            Statement::With(w) => {
                self.open("with");
                self.sp();
                self.expr(&w.object);
                self.sp();
                self.stmt(&w.body);
                self.close();
            }
            Statement::Switch(s) => {
                self.open("switch");
                self.sp();
                self.expr(&s.discriminant);
                for c in s.cases {
                    self.sp();
                    match &c.test {
                        Some(t) => {
                            self.open("case");
                            self.sp();
                            self.expr(t);
                        }
                        None => self.open("default"),
                    }
                    self.stmts(c.consequent);
                    self.close();
                }
                self.close();
            }
            Statement::Labeled(l) => {
                self.open("label");
                self.sp();
                self.w(l.label.name);
                self.sp();
                self.stmt(&l.body);
                self.close();
            }
            Statement::Throw(t) => {
                self.open("throw");
                self.sp();
                self.expr(&t.argument);
                self.close();
            }
            Statement::Try(t) => {
                self.open("try");
                self.sp();
                self.stmt(&Statement::Block(t.block));
                if let Some(h) = t.handler {
                    self.sp();
                    self.open("catch");
                    self.sp();
                    match &h.param {
                        Some(p) => self.pattern(p),
                        None => self.w("_"),
                    }
                    self.sp();
                    self.stmt(&Statement::Block(h.body));
                    self.close();
                }
                if let Some(f) = t.finalizer {
                    self.sp();
                    self.open("finally");
                    self.sp();
                    self.stmt(&Statement::Block(f));
                    self.close();
                }
                self.close();
            }
            Statement::Import(i) => {
                self.open(match i.phase {
                    ImportPhase::Evaluation => "import",
                    ImportPhase::Defer => "import-defer",
                    ImportPhase::Source => "import-source",
                });
                for s in i.specifiers {
                    self.sp();
                    match s {
                        ImportSpecifier::Default { local, .. } => {
                            let _ = write!(self.out, "(default {})", local.name);
                        }
                        ImportSpecifier::Namespace { local, .. } => {
                            let _ = write!(self.out, "(* {})", local.name);
                        }
                        ImportSpecifier::Named {
                            imported, local, ..
                        } => {
                            let _ =
                                write!(self.out, "({} {})", self.export_name(imported), local.name);
                        }
                    }
                }
                self.sp();
                self.string(i.source.value);
                self.attributes(i.attributes);
                self.close();
            }
            Statement::ExportNamed(e) => {
                self.open("export");
                if let Some(d) = &e.declaration {
                    self.sp();
                    self.stmt(d);
                }
                for s in e.specifiers {
                    let _ = write!(
                        self.out,
                        " ({} {})",
                        self.export_name(&s.local),
                        self.export_name(&s.exported)
                    );
                }
                if let Some(src) = e.source {
                    self.w(" from ");
                    self.string(src.value);
                }
                self.attributes(e.attributes);
                self.close();
            }
            Statement::ExportDefault(e) => {
                self.open("export-default");
                self.sp();
                match &e.declaration {
                    ExportDefaultKind::Function(f) => self.function(f),
                    ExportDefaultKind::Class(c) => self.class(c),
                    ExportDefaultKind::Expression(x) => self.expr(x),
                }
                self.close();
            }
            Statement::ExportAll(e) => {
                self.open("export-all");
                if let Some(n) = &e.exported {
                    let name = self.export_name(n);
                    self.sp();
                    self.w(&name);
                }
                self.sp();
                self.string(e.source.value);
                self.attributes(e.attributes);
                self.close();
            }
        }
    }

    fn export_name(&self, n: &ModuleExportName<'_>) -> String {
        if n.is_string {
            format!("{:?}", n.name)
        } else {
            n.name.to_string()
        }
    }

    fn attributes(&mut self, attrs: &[ImportAttribute<'_>]) {
        if attrs.is_empty() {
            return;
        }
        self.w(" (with");
        for a in attrs {
            let _ = write!(self.out, " ({} {:?})", a.key.name, utf16(a.value.value));
        }
        self.close();
    }

    fn for_target(&mut self, t: &ForTarget<'_>) {
        match t {
            ForTarget::VariableDeclaration(v) => self.var_decl(v),
            ForTarget::Pattern(p) => self.pattern(p),
        }
    }

    fn var_decl(&mut self, v: &VariableDeclaration<'_>) {
        self.open(match v.kind {
            VariableKind::Var => "var",
            VariableKind::Let => "let",
            VariableKind::Const => "const",
        });
        for d in v.declarations {
            self.sp();
            match &d.init {
                Some(init) => {
                    self.open("=");
                    self.sp();
                    self.pattern(&d.target);
                    self.sp();
                    self.expr(init);
                    self.close();
                }
                None => self.pattern(&d.target),
            }
        }
        self.close();
    }

    fn string(&mut self, s: &[u16]) {
        let _ = write!(self.out, "{:?}", utf16(s));
    }

    fn key(&mut self, k: &PropertyKey<'_>) {
        match k {
            PropertyKey::Identifier(id) => self.w(id.name),
            PropertyKey::String(s) => self.string(s.value),
            PropertyKey::Number(n) => {
                let _ = write!(self.out, "{}", n.value);
            }
            PropertyKey::BigInt(b) => {
                let _ = write!(self.out, "{}n{}", b.digits, b.radix);
            }
            PropertyKey::Computed(e) => {
                self.w("[");
                self.expr(e);
                self.w("]");
            }
            PropertyKey::Private(p) => {
                let _ = write!(self.out, "#{}", p.name);
            }
        }
    }

    fn element(&mut self, b: &BindingElement<'_>) {
        match &b.default {
            Some(d) => {
                self.open("=");
                self.sp();
                self.pattern(&b.target);
                self.sp();
                self.expr(d);
                self.close();
            }
            None => self.pattern(&b.target),
        }
    }

    fn pattern(&mut self, p: &Pattern<'_>) {
        match p {
            Pattern::Identifier(id) => self.w(id.name),
            Pattern::Expression(e) => self.expr(e),
            Pattern::Object(o) => {
                self.open("obj-pat");
                for prop in o.properties {
                    self.sp();
                    if prop.shorthand {
                        self.element(&prop.value);
                    } else {
                        self.open(":");
                        self.sp();
                        self.key(&prop.key);
                        self.sp();
                        self.element(&prop.value);
                        self.close();
                    }
                }
                if let Some(r) = &o.rest {
                    self.w(" ...");
                    self.pattern(r);
                }
                self.close();
            }
            Pattern::Array(a) => {
                self.open("arr-pat");
                for el in a.elements {
                    self.sp();
                    match el {
                        Some(b) => self.element(b),
                        None => self.w("_"),
                    }
                }
                if let Some(r) = &a.rest {
                    self.w(" ...");
                    self.pattern(r);
                }
                self.close();
            }
        }
    }

    fn params(&mut self, p: &FormalParameters<'_>) {
        self.w("(");
        for (i, b) in p.items.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            self.element(b);
        }
        if let Some(r) = &p.rest {
            if !p.items.is_empty() {
                self.sp();
            }
            self.w("...");
            self.pattern(r);
        }
        self.w(")");
    }

    fn function(&mut self, f: &Function<'_>) {
        let mut tag = String::new();
        if f.is_async {
            tag.push_str("async-");
        }
        tag.push_str(match f.kind {
            FunctionKind::Normal => "function",
            FunctionKind::Arrow => "arrow",
            FunctionKind::Method => "method",
            FunctionKind::Getter => "get",
            FunctionKind::Setter => "set",
            FunctionKind::ClassConstructor => "constructor",
            FunctionKind::DerivedConstructor => "derived-constructor",
            FunctionKind::ClassFieldInitializer => "field-init",
            FunctionKind::ClassStaticBlock => "static-block",
        });
        if f.is_generator {
            tag.push('*');
        }
        self.open(&tag);
        if let Some(id) = &f.id {
            self.sp();
            self.w(id.name);
        }
        self.sp();
        self.params(&f.params);
        if f.expression_body {
            if let Some(Statement::Return(r)) = f.body.statements.first() {
                if let Some(e) = &r.argument {
                    self.sp();
                    self.expr(e);
                }
            }
        } else {
            self.stmts(f.body.statements);
        }
        self.close();
    }

    fn class(&mut self, c: &Class<'_>) {
        self.open("class");
        if let Some(id) = &c.id {
            self.sp();
            self.w(id.name);
        }
        if let Some(s) = &c.super_class {
            self.w(" (extends ");
            self.expr(s);
            self.close();
        }
        if let Some(ctor) = c.constructor {
            self.sp();
            self.function(ctor);
        }
        for el in c.elements {
            self.sp();
            match el {
                ClassElement::Method(m) => {
                    self.open(if m.is_static {
                        "static-method"
                    } else {
                        "method"
                    });
                    self.sp();
                    self.key(&m.key);
                    self.sp();
                    self.function(m.function);
                    self.close();
                }
                ClassElement::Field(f) => {
                    self.open(if f.is_static { "static-field" } else { "field" });
                    self.sp();
                    self.key(&f.key);
                    if let Some(v) = &f.value {
                        self.sp();
                        self.expr(v);
                    }
                    self.close();
                }
                ClassElement::StaticBlock(b) => {
                    self.open("static");
                    self.stmts(b.body);
                    self.close();
                }
            }
        }
        self.close();
    }

    fn args(&mut self, args: &[Argument<'_>]) {
        for a in args {
            self.sp();
            match a {
                Argument::Expression(e) => self.expr(e),
                Argument::Spread(s) => {
                    self.w("...");
                    self.expr(&s.argument);
                }
            }
        }
    }

    fn member_property(&mut self, p: &MemberProperty<'_>) {
        match p {
            MemberProperty::Static(id) => self.w(id.name),
            MemberProperty::Computed(e) => {
                self.w("[");
                self.expr(e);
                self.w("]");
            }
            MemberProperty::Private(p) => {
                let _ = write!(self.out, "#{}", p.name);
            }
        }
    }

    fn template(&mut self, t: &TemplateLiteral<'_>) {
        self.open("template");
        for (i, q) in t.quasis.iter().enumerate() {
            self.sp();
            match q.cooked {
                Some(c) => self.string(c),
                None => self.w("undefined"),
            }
            if let Some(e) = t.expressions.get(i) {
                self.sp();
                self.expr(e);
            }
        }
        self.close();
    }

    fn expr(&mut self, e: &Expression<'_>) {
        match e {
            Expression::Identifier(id) => self.w(id.name),
            Expression::This(_) => self.w("this"),
            Expression::Null(_) => self.w("null"),
            Expression::Boolean(b) => self.w(if b.value { "true" } else { "false" }),
            Expression::Number(n) => {
                let _ = write!(self.out, "{}", n.value);
            }
            Expression::BigInt(b) => {
                let _ = write!(self.out, "{}n{}", b.digits, b.radix);
            }
            Expression::String(s) => self.string(s.value),
            Expression::RegExp(r) => {
                let _ = write!(self.out, "/{}/{}", r.pattern, r.flags);
            }
            Expression::Template(t) => self.template(t),
            Expression::TaggedTemplate(t) => {
                self.open("tagged");
                self.sp();
                self.expr(&t.tag);
                self.sp();
                self.template(t.quasi);
                self.close();
            }
            Expression::Array(a) => {
                self.open("array");
                for el in a.elements {
                    self.sp();
                    match el {
                        ArrayElement::Hole(_) => self.w("_"),
                        ArrayElement::Spread(s) => {
                            self.w("...");
                            self.expr(&s.argument);
                        }
                        ArrayElement::Expression(e) => self.expr(e),
                    }
                }
                self.close();
            }
            Expression::Object(o) => {
                self.open("object");
                for p in o.properties {
                    self.sp();
                    match p {
                        ObjectProperty::Spread(s) => {
                            self.w("...");
                            self.expr(&s.argument);
                        }
                        ObjectProperty::Property(p) => {
                            if p.method || p.kind != PropertyKind::Init {
                                self.open("prop");
                                self.sp();
                                self.key(&p.key);
                                self.sp();
                                self.expr(&p.value);
                                self.close();
                                continue;
                            }
                            self.open(if p.shorthand {
                                "shorthand"
                            } else if p.is_proto_setter {
                                "__proto__"
                            } else {
                                ":"
                            });
                            if !p.is_proto_setter {
                                self.sp();
                                self.key(&p.key);
                            }
                            if !p.shorthand {
                                self.sp();
                                self.expr(&p.value);
                            }
                            self.close();
                        }
                    }
                }
                self.close();
            }
            Expression::Function(f) | Expression::Arrow(f) => self.function(f),
            Expression::Class(c) => self.class(c),
            Expression::Unary(u) => {
                self.open(u.operator.as_str());
                self.sp();
                self.expr(&u.argument);
                self.close();
            }
            Expression::Update(u) => {
                let op = match (u.operator, u.prefix) {
                    (UpdateOperator::Increment, true) => "++x",
                    (UpdateOperator::Increment, false) => "x++",
                    (UpdateOperator::Decrement, true) => "--x",
                    (UpdateOperator::Decrement, false) => "x--",
                };
                self.open(op);
                self.sp();
                self.expr(&u.argument);
                self.close();
            }
            Expression::Binary(b) => {
                self.open(b.operator.as_str());
                self.sp();
                self.expr(&b.left);
                self.sp();
                self.expr(&b.right);
                self.close();
            }
            Expression::Logical(l) => {
                self.open(match l.operator {
                    LogicalOperator::And => "&&",
                    LogicalOperator::Or => "||",
                    LogicalOperator::Coalesce => "??",
                });
                self.sp();
                self.expr(&l.left);
                self.sp();
                self.expr(&l.right);
                self.close();
            }
            Expression::Conditional(c) => {
                self.open("?");
                self.sp();
                self.expr(&c.test);
                self.sp();
                self.expr(&c.consequent);
                self.sp();
                self.expr(&c.alternate);
                self.close();
            }
            Expression::Assignment(a) => {
                let op = match a.operator.binary_operator() {
                    Some(b) => format!("{}=", b.as_str()),
                    None => match a.operator.logical_operator() {
                        Some(LogicalOperator::And) => "&&=".into(),
                        Some(LogicalOperator::Or) => "||=".into(),
                        Some(LogicalOperator::Coalesce) => "??=".into(),
                        None => "=".into(),
                    },
                };
                self.open(&op);
                self.sp();
                self.pattern(&a.left);
                self.sp();
                self.expr(&a.right);
                self.close();
            }
            Expression::Sequence(s) => {
                self.open(",");
                self.list(s.expressions, |d, e| d.expr(e));
                self.close();
            }
            Expression::Member(m) => {
                self.open(if m.optional { "?." } else { "." });
                self.sp();
                self.expr(&m.object);
                self.sp();
                self.member_property(&m.property);
                self.close();
            }
            Expression::SuperMember(m) => {
                self.open(".");
                self.w(" super ");
                self.member_property(&m.property);
                self.close();
            }
            Expression::Call(c) => {
                self.open(if c.optional {
                    "call?."
                } else if c.is_direct_eval {
                    "direct-eval"
                } else {
                    "call"
                });
                self.sp();
                self.expr(&c.callee);
                self.args(c.arguments);
                self.close();
            }
            Expression::SuperCall(c) => {
                self.open("super-call");
                self.args(c.arguments);
                self.close();
            }
            Expression::New(n) => {
                self.open("new");
                self.sp();
                self.expr(&n.callee);
                self.args(n.arguments);
                self.close();
            }
            Expression::Chain(c) => {
                self.open("chain");
                self.sp();
                self.expr(&c.expression);
                self.close();
            }
            Expression::Yield(y) => {
                self.open(if y.delegate { "yield*" } else { "yield" });
                if let Some(a) = &y.argument {
                    self.sp();
                    self.expr(a);
                }
                self.close();
            }
            Expression::Await(a) => {
                self.open("await");
                self.sp();
                self.expr(&a.argument);
                self.close();
            }
            Expression::NewTarget(_) => self.w("new.target"),
            Expression::ImportMeta(_) => self.w("import.meta"),
            Expression::ImportCall(i) => {
                self.open(match i.phase {
                    ImportPhase::Evaluation => "import",
                    ImportPhase::Defer => "import.defer",
                    ImportPhase::Source => "import.source",
                });
                self.sp();
                self.expr(&i.source);
                if let Some(o) = &i.options {
                    self.sp();
                    self.expr(o);
                }
                self.close();
            }
            Expression::PrivateIn(p) => {
                let _ = write!(self.out, "(in #{} ", p.name.name);
                self.expr(&p.right);
                self.close();
            }
        }
    }
}
