//! Syntactic write analysis: can evaluating an expression assign a name in
//! the current function? The emitter asks this before it reads a register
//! local in place (no defensive copy) while later operands are evaluated.
//!
//! Invariant: the answer is conservative. It is `true` whenever an
//! assignment, update or destructuring target naming `name`, a `super()`
//! call (which binds `this`), a direct eval or a class (computed keys and
//! heritage run inline) occurs in code the expression runs in the current
//! function. Nested function bodies are skipped: a binding assigned from
//! another function is captured, so it never lives in a register, and only
//! register locals are ever read in place.

use jsvm_syntax::ast::*;

/// Whether evaluating `e` may assign the binding called `name`.
pub(crate) fn expr_writes(e: &Expression<'_>, name: &str) -> bool {
    match e {
        Expression::Identifier(_)
        | Expression::This(_)
        | Expression::Null(_)
        | Expression::Boolean(_)
        | Expression::Number(_)
        | Expression::BigInt(_)
        | Expression::String(_)
        | Expression::RegExp(_)
        | Expression::Function(_)
        | Expression::Arrow(_)
        | Expression::NewTarget(_)
        | Expression::ImportMeta(_) => false,
        Expression::Class(_) => true,
        Expression::Template(t) => exprs_write(t.expressions, name),
        Expression::TaggedTemplate(t) => {
            expr_writes(&t.tag, name) || exprs_write(t.quasi.expressions, name)
        }
        Expression::Array(a) => a.elements.iter().any(|el| match el {
            ArrayElement::Hole(_) => false,
            ArrayElement::Spread(s) => expr_writes(&s.argument, name),
            ArrayElement::Expression(x) => expr_writes(x, name),
        }),
        Expression::Object(o) => o.properties.iter().any(|p| match p {
            ObjectProperty::Property(p) => key_writes(&p.key, name) || expr_writes(&p.value, name),
            ObjectProperty::Spread(s) => expr_writes(&s.argument, name),
        }),
        Expression::Unary(u) => expr_writes(&u.argument, name),
        Expression::Update(u) => target_names(&u.argument, name) || expr_writes(&u.argument, name),
        Expression::Binary(b) => expr_writes(&b.left, name) || expr_writes(&b.right, name),
        Expression::Logical(l) => expr_writes(&l.left, name) || expr_writes(&l.right, name),
        Expression::Conditional(c) => {
            expr_writes(&c.test, name)
                || expr_writes(&c.consequent, name)
                || expr_writes(&c.alternate, name)
        }
        Expression::Assignment(a) => pattern_writes(&a.left, name) || expr_writes(&a.right, name),
        Expression::Sequence(s) => exprs_write(s.expressions, name),
        Expression::Member(m) => expr_writes(&m.object, name) || member_writes(&m.property, name),
        Expression::SuperMember(m) => member_writes(&m.property, name),
        Expression::Call(c) => {
            c.is_direct_eval || expr_writes(&c.callee, name) || args_write(c.arguments, name)
        }
        Expression::SuperCall(c) => name == "this" || args_write(c.arguments, name),
        Expression::New(n) => expr_writes(&n.callee, name) || args_write(n.arguments, name),
        Expression::Chain(c) => expr_writes(&c.expression, name),
        Expression::Yield(y) => y.argument.as_ref().is_some_and(|a| expr_writes(a, name)),
        Expression::Await(a) => expr_writes(&a.argument, name),
        Expression::ImportCall(i) => {
            expr_writes(&i.source, name) || i.options.as_ref().is_some_and(|o| expr_writes(o, name))
        }
        Expression::PrivateIn(p) => expr_writes(&p.right, name),
    }
}

pub(crate) fn exprs_write(es: &[Expression<'_>], name: &str) -> bool {
    es.iter().any(|e| expr_writes(e, name))
}

/// Whether evaluating call arguments `args` may assign `name`.
pub(crate) fn args_write(args: &[Argument<'_>], name: &str) -> bool {
    args.iter().any(|a| match a {
        Argument::Expression(e) => expr_writes(e, name),
        Argument::Spread(s) => expr_writes(&s.argument, name),
    })
}

fn key_writes(k: &PropertyKey<'_>, name: &str) -> bool {
    match k {
        PropertyKey::Computed(e) => expr_writes(e, name),
        _ => false,
    }
}

fn member_writes(p: &MemberProperty<'_>, name: &str) -> bool {
    match p {
        MemberProperty::Computed(e) => expr_writes(e, name),
        _ => false,
    }
}

/// An update/compound target that is the identifier `name`.
fn target_names(e: &Expression<'_>, name: &str) -> bool {
    matches!(e, Expression::Identifier(id) if id.name == name)
}

/// Whether a destructuring or assignment target (with its defaults,
/// computed keys and member targets) may assign `name`.
fn pattern_writes(p: &Pattern<'_>, name: &str) -> bool {
    match p {
        Pattern::Identifier(id) => id.name == name,
        Pattern::Expression(e) => expr_writes(e, name),
        Pattern::Object(o) => {
            o.properties
                .iter()
                .any(|prop| key_writes(&prop.key, name) || element_writes(&prop.value, name))
                || o.rest.as_ref().is_some_and(|r| pattern_writes(r, name))
        }
        Pattern::Array(a) => {
            a.elements
                .iter()
                .flatten()
                .any(|el| element_writes(el, name))
                || a.rest.as_ref().is_some_and(|r| pattern_writes(r, name))
        }
    }
}

fn element_writes(el: &BindingElement<'_>, name: &str) -> bool {
    pattern_writes(&el.target, name) || el.default.as_ref().is_some_and(|d| expr_writes(d, name))
}

#[cfg(test)]
mod tests {
    use jsvm_syntax::ast::{Expression, Statement};
    use jsvm_syntax::{parse_script, Bump, ParseOptions};

    use super::expr_writes;

    /// Whether the expression statement `src` may assign `name`.
    fn writes(src: &str, name: &str) -> bool {
        let arena = Bump::new();
        let program = parse_script(&arena, src, &ParseOptions::default()).expect("parses");
        let Some(Statement::Expression(s)) = program.body.first() else {
            panic!("not an expression statement: {src}");
        };
        let e: &Expression<'_> = &s.expression;
        expr_writes(e, name)
    }

    #[test]
    fn assignments_and_updates_write() {
        assert!(writes("(x = 1)", "x"));
        assert!(writes("(x += 1)", "x"));
        assert!(writes("x++", "x"));
        assert!(writes("--x", "x"));
        assert!(writes("f(a, (x ||= 2))", "x"));
        assert!(writes("[a, x] = arr", "x"));
        assert!(writes("({ k: { x } } = o)", "x"));
        assert!(writes("[a = (x = 1)] = arr", "x"));
        assert!(writes("o[(x = 1)]", "x"));
        assert!(writes("`${x++}`", "x"));
        assert!(writes("a ? b : (x = c)", "x"));
        assert!(writes("eval('x = 1')", "x"));
        assert!(writes("(class { [x = 1]() {} })", "x"));
    }

    #[test]
    fn reads_and_nested_functions_do_not_write() {
        assert!(!writes("x + f(x) + o[x] + o.x", "x"));
        assert!(!writes("(y = x)", "x"));
        assert!(!writes("o.x = 1", "x"));
        assert!(!writes("({ x: 1 })", "x"));
        assert!(!writes("(() => { x = 1; })", "x"));
        assert!(!writes("(function () { x++; })", "x"));
        assert!(!writes("y++", "x"));
    }
}
