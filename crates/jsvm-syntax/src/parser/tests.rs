//! Parser unit tests: `check(source, expected)` compares the AST dump (or,
//! for an expected error, `"error: <message part>"`) of a script.

use crate::dump::dump_program;
use crate::{parse_module, parse_script, Bump, ParseOptions};

fn run(src: &str, module: bool, opts: &ParseOptions) -> String {
    let arena = Bump::new();
    let r = if module {
        parse_module(&arena, src, opts)
    } else {
        parse_script(&arena, src, opts)
    };
    match r {
        Ok(p) => dump_program(&p),
        Err(e) => format!("error: {}", e.message),
    }
}

#[track_caller]
fn compare(src: &str, got: String, expected: &str) {
    if expected == "error" {
        assert!(
            got.starts_with("error: "),
            "source: {src}\nexpected an error, got: {got}"
        );
    } else if let Some(msg) = expected.strip_prefix("error: ") {
        assert!(
            got.starts_with("error: ") && got.contains(msg),
            "source: {src}\nexpected error containing {msg:?}\ngot: {got}"
        );
    } else {
        assert_eq!(got, expected, "source: {src}");
    }
}

/// Parses `src` as a script and compares with `expected`.
#[track_caller]
fn check(src: &str, expected: &str) {
    compare(src, run(src, false, &ParseOptions::default()), expected);
}

#[track_caller]
fn check_module(src: &str, expected: &str) {
    compare(src, run(src, true, &ParseOptions::default()), expected);
}

#[track_caller]
fn ok(src: &str) {
    let got = run(src, false, &ParseOptions::default());
    assert!(!got.starts_with("error: "), "source: {src}\n{got}");
}

#[track_caller]
fn fails(src: &str) {
    let got = run(src, false, &ParseOptions::default());
    assert!(
        got.starts_with("error: "),
        "source: {src} should fail, got\n{got}"
    );
}

#[test]
fn expressions_and_precedence() {
    check("a + b * c ** d ** e;", "(expr (+ a (* b (** c (** d e)))))");
    check("a ?? b ?? c;", "(expr (?? (?? a b) c))");
    check("(a || b) ?? c;", "(expr (?? (|| a b) c))");
    check("a || b ?? c;", "error: cannot mix");
    check("a ?? b && c;", "error: cannot mix");
    check("-a ** 2;", "error: exponentiation");
    check("(-a) ** 2;", "(expr (** (- a) 2))");
    check("a = b ? c : d, e;", "(expr (, (= a (? b c d)) e))");
    check("x = y += 1;", "(expr (= x (+= y 1)))");
    check("a &&= b; c ??= d;", "(expr (&&= a b))\n(expr (??= c d))");
    check(
        "typeof void !~-+x;",
        "(expr (typeof (void (! (~ (- (+ x)))))))",
    );
    check("a++ + ++b;", "(expr (+ (x++ a) (++x b)))");
    check("a\n++b", "(expr a)\n(expr (++x b))");
    check("1 = 2;", "error: invalid assignment target");
    check("a + 1 = 2;", "error: invalid assignment target");
    check("#x in y;", "error: private");
    check(
        "a in b; 'x' instanceof c;",
        "(expr (in a b))\n(expr (instanceof \"x\" c))",
    );
}

#[test]
fn members_calls_chains() {
    check("a.b[c](d, ...e);", "(expr (call (. (. a b) [c]) d ...e))");
    check("a?.b.c();", "(expr (chain (call (. (?. a b) c))))");
    check("(a?.b).c;", "(expr (. (chain (?. a b)) c))");
    check("a?.[0]?.(1);", "(expr (chain (call?. (?. a [0]) 1)))");
    check("a?.b`t`;", "error: optional chain");
    check("new a?.b();", "error: optional chain");
    check("a?.b = 1;", "error: invalid assignment target");
    check("new new X()();", "(expr (new (new X)))");
    check("new X;", "(expr (new X))");
    check("new X().y;", "(expr (. (new X) y))");
    check(
        "eval(x); (eval)(y); eval?.(z);",
        "(expr (direct-eval eval x))\n(expr (direct-eval eval y))\n(expr (chain (call?. eval z)))",
    );
    check("import(a, b);", "(expr (import a b))");
    check("f()[0] = 1;", "(expr (= (. (call f) [0]) 1))");
    check("f() = 1;", "(expr (= (call f) 1))");
    check("'use strict'; f() = 1;", "error: invalid assignment target");
    check("f() &&= 1;", "error: invalid assignment target");
    check("a.if.class;", "(expr (. (. a if) class))");
}

#[test]
fn literals() {
    check(
        "0x10 + 0o7 + 0b11 + 1e3 + 1_000 + .5;",
        "(expr (+ (+ (+ (+ (+ 16 7) 3) 1000) 1000) 0.5))",
    );
    check("010; 08;", "(expr 8)\n(expr 8)");
    check("'use strict'; 010;", "error: octal");
    check("'use strict'; 08;", "error: octal");
    check("'\\07'; 'use strict';", "error: octal");
    check("function f() { '\\07'; 'use strict'; }", "error: octal");
    check(
        "'use strict'; '\\0';",
        "(directive \"use strict\")\n(directive \"\\0\")",
    );
    check("'use strict'; '\\8';", "error: octal");
    check("123n; 0xffn;", "(expr 123n10)\n(expr ffn16)");
    check("x = '\\ud800';", "(expr (= x \"\\\\ud800\"))");
    check("/a+/gi; x = /[/]/;", "(expr /a+/gi)\n(expr (= x /[/]/))");
    check("/a/gg;", "error: duplicate flag");
    check("/(/;", "error: invalid regular expression");
    check("/a/uv;", "error: cannot be combined");
    check("`a${b}c${d}`;", "(expr (template \"a\" b \"c\" d \"\"))");
    check(
        "tag`\\unicode`;",
        "(expr (tagged tag (template undefined)))",
    );
    check("`\\unicode`;", "error: invalid escape sequence in template");
    check("x = a\n/b/g;", "(expr (= x (/ (/ a b) g)))");
}

#[test]
fn objects_arrays_and_patterns() {
    check("({a, b: 1, [c]: 2, 'd': 3, 4: 5, get e() {}, set e(v) {}, f() {}, *g() {}, async h() {}, ...i});",
        "(expr (object (shorthand a) (: b 1) (: [c] 2) (: \"d\" 3) (: 4 5) (prop e (get ())) (prop e (set (v))) (prop f (method ())) (prop g (method* ())) (prop h (async-method ())) ...i))");
    check("({__proto__: a, __proto__: b});", "error: __proto__");
    check(
        "({__proto__: a, __proto__: b} = c);",
        "(expr (= (obj-pat (: __proto__ a) (: __proto__ b)) c))",
    );
    check(
        "({__proto__: a, ['__proto__']: b, __proto__() {}});",
        "(expr (object (__proto__ a) (: [\"__proto__\"] b) (prop __proto__ (method ()))))",
    );
    check("({a = 1});", "error: shorthand property initializer");
    check("({a = 1} = b);", "(expr (= (obj-pat (= a 1)) b))");
    check("[{a = 1}] = b;", "(expr (= (arr-pat (obj-pat (= a 1))) b))");
    check(
        "[a, , [b], ...c] = d;",
        "(expr (= (arr-pat a _ (arr-pat b) ...c) d))",
    );
    check("[...a, b] = c;", "error: rest element");
    check("[...a,] = c;", "error: rest element");
    check("({...{a}} = c);", "error: assignable");
    check(
        "({a: b.c, d: e[f]} = g);",
        "(expr (= (obj-pat (: a (. b c)) (: d (. e [f]))) g))",
    );
    check(
        "[(a)] = b; [(a.b)] = c;",
        "(expr (= (arr-pat a) b))\n(expr (= (arr-pat (. a b)) c))",
    );
    check("[({a})] = b;", "error: destructuring");
    check("({a}) = b;", "error: invalid assignment target");
    check(
        "[a = 1, [b] = 2] = c;",
        "(expr (= (arr-pat (= a 1) (= (arr-pat b) 2)) c))",
    );
    check("'use strict'; [eval] = a;", "error: strict");
    check("({a: 1} = b);", "error: destructuring");
    check(
        "[, , ] ; [a, , ];",
        "(expr (array _ _))\n(expr (array a _))",
    );
}

#[test]
fn arrows() {
    check("x => x;", "(expr (arrow (x) x))");
    check(
        "(a, b = 1, [c], {d}, ...e) => {};",
        "(expr (arrow (a (= b 1) (arr-pat c) (obj-pat d) ...e)))",
    );
    check("({a = 1}) => a;", "(expr (arrow ((obj-pat (= a 1))) a))");
    check(
        "async (a) => await a;",
        "(expr (async-arrow (a) (await a)))",
    );
    check("async x => x;", "(expr (async-arrow (x) x))");
    check("async (x);", "(expr (call async x))");
    check("async\n(x) => x;", "error: unexpected");
    check("(a)\n=> a;", "error: unexpected");
    check("(a, a) => 1;", "error: duplicate parameter");
    check("((a)) => 1;", "error: destructuring");
    check("(a, ...b,) => 1;", "error: rest parameter");
    check("(a,) => 1;", "(expr (arrow (a) 1))");
    check("(a,);", "error: trailing comma");
    check("() => {} + 1;", "error: unexpected");
    check("() => {}\n+ 1;", "(expr (arrow ()))\n(expr (+ 1))");
    check("a + b => c;", "error: unexpected");
    check("(x = yield) => 1;", "(expr (arrow ((= x yield)) 1))");
    check("function* g() { (x = yield) => 1; }", "error: yield");
    check("async function f() { (x = await 1) => 1; }", "error: await");
    check("async (await) => 1;", "error: await");
    check("async (x = (await) => 1) => 1;", "error: await");
    check("(eval) => { 'use strict'; };", "error: strict");
    check("(a = 1) => { 'use strict'; };", "error: non-simple");
    check("x => y => z;", "(expr (arrow (x) (arrow (y) z)))");
    check("for (x => x in y;;);", "error");
    check(
        "async function f() { for await (x of y); }",
        "(async-function f () (for-await-of x y (empty)))",
    );
    check("for (async of x);", "error: async");
    check("for (async.x of y);", "(for-of (. async x) y (empty))");
    check(
        "async function f() { for await (async of x); }",
        "(async-function f () (for-await-of async x (empty)))",
    );
}

#[test]
fn functions_and_flags() {
    let arena = Bump::new();
    let p = parse_script(
        &arena,
        "function f(a, b = 1) { return () => arguments[0] + this + eval('x'); }",
        &ParseOptions::default(),
    )
    .unwrap();
    let crate::ast::Statement::FunctionDeclaration(f) = p.body[0] else {
        panic!()
    };
    assert!(f.uses_arguments && f.uses_this && f.contains_direct_eval);
    assert!(!f.has_simple_parameter_list && !f.strict);
    assert_eq!(f.span.source_text(p.source), p.source);
    assert_eq!(f.params.expected_argument_count(), 1);
    let p = parse_script(
        &arena,
        "function g() { 'use strict'; function h() {} }",
        &ParseOptions::default(),
    )
    .unwrap();
    let crate::ast::Statement::FunctionDeclaration(g) = p.body[0] else {
        panic!()
    };
    assert!(g.strict && g.has_use_strict_directive && !g.uses_arguments && !g.contains_direct_eval);
    let crate::ast::Statement::FunctionDeclaration(h) = g.body.statements[1] else {
        panic!()
    };
    assert!(h.strict && !h.has_use_strict_directive);
    check("function f(a, a) {}", "(function f (a a))");
    check(
        "function f(a, a) { 'use strict'; }",
        "error: duplicate parameter",
    );
    check("function f(a, [a]) {}", "error: duplicate parameter");
    check("function eval() { 'use strict'; }", "error: strict mode");
    check(
        "function f(implements) { 'use strict'; }",
        "error: strict mode",
    );
    check(
        "function* g() { yield; yield* a; yield\na; }",
        "(function* g () (expr (yield)) (expr (yield* a)) (expr (yield)) (expr a))",
    );
    check("function* g(a = yield) {}", "error: yield");
    check("async function f(a = await 1) {}", "error: await");
    check("function* yield() {}", "(function* yield ())");
    check("(function* yield() {});", "error: yield");
    check("(async function await() {});", "error: await");
    check("function f() { return; }", "(function f () (return))");
    check("return;", "error: illegal return");
    check("new.target;", "error: new.target");
    check(
        "function f() { new.target; }",
        "(function f () (expr new.target))",
    );
    check("({ get a(x) {} });", "error: getter");
    check("({ set a() {} });", "error: setter");
    check("({ set a(...x) {} });", "error: setter");
    check("function f(...a = 1) {}", "error: rest parameter");
    check("function f(...a,) {}", "error: rest parameter");
    check("super.x;", "error: super");
    check(
        "({ m() { super.x; } });",
        "(expr (object (prop m (method () (expr (. super x))))))",
    );
    check("({ m() { super(); } });", "error: super");
    check("function f() { super.x; }", "error: super");
}

#[test]
fn statements_and_scopes() {
    check(
        "let x; const y = 1; var z;",
        "(let x)\n(const (= y 1))\n(var z)",
    );
    check("let x; let x;", "error: already been declared");
    check("let x; var x;", "error: already been declared");
    check("var x; let x;", "error: already been declared");
    check("{ var x; } let x;", "error: already been declared");
    check("let x; { var x; }", "error: already been declared");
    check(
        "var x; var x; function x() {}",
        "(var x)\n(var x)\n(function x ())",
    );
    check(
        "{ function f() {} function f() {} }",
        "(block (function f ()) (function f ()))",
    );
    check(
        "'use strict'; { function f() {} function f() {} }",
        "error: already been declared",
    );
    check(
        "{ function* f() {} function f() {} }",
        "error: already been declared",
    );
    check("const x;", "error: missing initializer");
    check("let [a];", "error: missing initializer");
    check("let let = 1;", "error: let");
    check("let\nx = 1;", "(let (= x 1))");
    check("if (a) let\nx = 1;", "(if a (expr let))\n(expr (= x 1))");
    check("if (a) let [x] = 1;", "error: lexical declaration");
    check("let [a, a] = b;", "error: already been declared");
    check(
        "try {} catch (e) { var e; }",
        "(try (block) (catch e (block (var e))))",
    );
    check(
        "try {} catch ([e]) { var e; }",
        "error: already been declared",
    );
    check(
        "try {} catch (e) { let e; }",
        "error: already been declared",
    );
    check(
        "try {} catch (e) { { let e; } }",
        "(try (block) (catch e (block (block (let e)))))",
    );
    check(
        "try {} catch { } finally { }",
        "(try (block) (catch _ (block)) (finally (block)))",
    );
    check("try {}", "error: missing catch");
    check("function f(a) { let a; }", "error: already been declared");
    check(
        "function f(a) { var a; function a() {} }",
        "(function f (a) (var a) (function a ()))",
    );
    check(
        "for (let i = 0; i < 1; i++) { let i; }",
        "(for (let (= i 0)) (< i 1) (x++ i) (block (let i)))",
    );
    check(
        "for (let i of x) { var i; }",
        "error: already been declared",
    );
    check(
        "switch (x) { case 1: let a; case 2: let a; }",
        "error: already been declared",
    );
    check("switch (x) { default: default: }", "error: default");
    check("for (var x = 1 in y);", "(for-in (var (= x 1)) y (empty))");
    check("'use strict'; for (var x = 1 in y);", "error: initializer");
    check("for (let x = 1 of y);", "error: initializer");
    check("for (let x, y of z);", "error: single binding");
    check("for (let of x);", "error");
    check("for (let in x);", "(for-in let x (empty))");
    check("for (let.x of y);", "error: let");
    check("for ([a, b] of c);", "(for-of (arr-pat a b) c (empty))");
    check(
        "for ({a = 1} of c);",
        "(for-of (obj-pat (= a 1)) c (empty))",
    );
    check("for (a, b of c);", "error: invalid assignment target");
    check("for (x of a, b);", "error");
    check("do x; while (0) y;", "(do-while (expr x) 0)\n(expr y)");
    check("with (a) b;", "(with a (expr b))");
    check("'use strict'; with (a) b;", "error: with");
    check(
        "if (a) function f() {} else function g() {}",
        "(if a (block (function f ())) (block (function g ())))",
    );
    check("'use strict'; if (a) function f() {}", "error: function");
    check("if (a) function* f() {}", "error");
    check("while (a) function f() {}", "error: function");
    check("a: function f() {}", "(label a (function f ()))");
    check(
        "'use strict'; a: function f() {}",
        "error: labelled function",
    );
    check("if (x) a: function f() {}", "error: labelled function");
    check("a: a: ;", "error: label 'a' has already");
    check("a: { break a; }", "(label a (block (break a)))");
    check("a: { continue a; }", "error: continue");
    check(
        "a: b: while (1) continue a;",
        "(label a (label b (while 1 (continue a))))",
    );
    check(
        "a: while (1) { function f() { break a; } }",
        "error: undefined label",
    );
    check("break;", "error: illegal break");
    check("continue;", "error: illegal continue");
    check(
        "switch (x) { case 1: break; }",
        "(switch x (case 1 (break)))",
    );
    check("switch (x) { case 1: continue; }", "error: continue");
    check("throw\nx;", "error: newline after throw");
    check("a\nb", "(expr a)\n(expr b)");
    check("a b", "error: unexpected token");
    check("debugger;", "(debugger)");
    check("'use strict'; delete x;", "error: delete");
    check("'use strict'; delete (x);", "error: delete");
    check("'use strict'; eval = 1;", "error: eval");
    check("'use strict'; arguments++;", "error: arguments");
    check("'use strict'; var implements;", "error: reserved");
    check(
        "var yield, let, static, await, async, of;",
        "(var yield let static await async of)",
    );
    check("var if;", "error");
    check("var \\u0069f;", "error");
    check("var l\\u0065t;", "(var let)");
    check("\\u0069f (1);", "error: escaped");
}

#[test]
fn classes() {
    check("class A extends B { constructor() { super(); } static x = 1; #y; get #z() {} set #z(v) {} static { this; } }",
        "(class A (extends B) (derived-constructor () (expr (super-call))) (static-field x 1) (field #y) (method #z (get ())) (method #z (set (v))) (static (expr this)))");
    check("class A { constructor() { super(); } }", "error: super");
    check(
        "class A { constructor() {} constructor() {} }",
        "error: one constructor",
    );
    check("class A { get constructor() {} }", "error: constructor");
    check("class A { *constructor() {} }", "error: constructor");
    check("class A { constructor = 1 }", "error: constructor");
    check("class A { static prototype() {} }", "error: prototype");
    check(
        "class A { static constructor() {} }",
        "(class A (static-method constructor (method ())))",
    );
    check("class A { #constructor; }", "error: #constructor");
    check("class A { #a; #a; }", "error: already been declared");
    check(
        "class A { get #a() {} static set #a(v) {} }",
        "error: already been declared",
    );
    check("class A { m() { this.#b; } }", "error: must be declared");
    check(
        "class A { m() { this.#b; } #b; }",
        "(class A (method m (method () (expr (. this #b)))) (field #b))",
    );
    check("class A { #b; m() { class B { n() { this.#b; } } } }", "(class A (field #b) (method m (method () (class B (method n (method () (expr (. this #b))))))))");
    check(
        "class A { #b; m(o) { return #b in o; } }",
        "(class A (field #b) (method m (method (o) (return (in #b o)))))",
    );
    check(
        "class A { #b; m() { delete this.#b; } }",
        "error: private fields cannot be deleted",
    );
    check("class A { x = arguments; }", "error: arguments");
    check("class A { x = () => arguments; }", "error: arguments");
    check(
        "class A { x = function () { arguments; }; }",
        "(class A (field x (function ())))"
            .replace("())", "() (expr arguments))")
            .as_str(),
    );
    check("class A { static { return; } }", "error: return");
    check("class A { static { await; } }", "error: await");
    check("class A { static { arguments; } }", "error: arguments");
    check("class let {}", "error: reserved");
    check("class A { m() { with (a) {} } }", "error: with");
    check(
        "class A { get\n*x() {} }",
        "(class A (field get) (method x (method* ())))",
    );
    check(
        "class A { get; set; static; async; }",
        "(class A (field get) (field set) (field static) (field async))",
    );
    check(
        "class A { static async *m() {} }",
        "(class A (static-method m (async-method* ())))",
    );
    check(
        "class A { 'constructor'() {} }",
        "(class A (constructor ()))",
    );
    check(
        "class A { ['constructor']() {} }",
        "(class A (method [\"constructor\"] (method ())))",
    );
    check("class A { x\ny }", "(class A (field x) (field y))");
    check("class A { x y }", "error");
    check(
        "class A extends B { x = super.y; }",
        "(class A (extends B) (field x (. super y)))",
    );
    check("class A extends B { x = super(); }", "error: super");
}

#[test]
fn modules() {
    check_module(
        "import a, {b as c, 'd' as e, default as f} from 'm'; import * as ns from 'n' with { type: 'json' }; export {a, c as 'x'}; export * from 'o'; export * as p from 'q'; export default 1;",
        "(import (default a) (b c) (\"d\" e) (default f) \"m\")\n(import (* ns) \"n\" (with (type \"json\")))\n(export (a a) (c \"x\"))\n(export-all \"o\")\n(export-all p \"q\")\n(export-default 1)",
    );
    check_module(
        "export default function () {}",
        "(export-default (function ()))",
    );
    check_module(
        "export default async function f() {}",
        "(export-default (async-function f ()))",
    );
    check_module("export default class {}", "(export-default (class))");
    check_module(
        "export let x = 1, y; export function f() {} export class C {}",
        "(export (let (= x 1) y))\n(export (function f ()))\n(export (class C))",
    );
    check_module("export {x};", "error: not defined");
    check_module("export {x}; var x;", "(export (x x))\n(var x)");
    check_module("export {x}; { var x; }", "(export (x x))\n(block (var x))");
    check_module(
        "export {x as y, z as y}; var x, z;",
        "error: duplicate export",
    );
    check_module(
        "export default 1; export default 2;",
        "error: duplicate export",
    );
    check_module("export {'a'};", "error: string export names");
    check_module("export {'\\ud800' as a} from 'm';", "error: well-formed");
    check_module("import {if} from 'm';", "error: reserved");
    check_module(
        "import {a} from 'm'; var a;",
        "error: already been declared",
    );
    check_module(
        "import {a as b, c as b} from 'm';",
        "error: already been declared",
    );
    check_module(
        "function f() {} function f() {}",
        "error: already been declared",
    );
    check_module("{ import a from 'm'; }", "error: top level");
    check("import a from 'm';", "error: outside a module");
    check_module("await 1;", "(expr (await 1))");
    check_module("var await;", "error: await");
    check_module("import.meta;", "(expr import.meta)");
    // Deferred evaluation and source phase imports (proposals).
    check_module(
        "import defer * as ns from 'm'; import defer from 'n';",
        "(import-defer (* ns) \"m\")\n(import (default defer) \"n\")",
    );
    check_module(
        "import source s from 'm'; import source from 'n'; import source from from 'o';",
        "(import-source (default s) \"m\")\n(import (default source) \"n\")\n(import-source (default from) \"o\")",
    );
    check_module("import defer x from 'm';", "error: unexpected");
    check_module("import defer {x} from 'm';", "error: unexpected");
    check_module("export defer * as ns from 'm';", "error: unexpected");
    check(
        "import.defer(a); import.source(b);",
        "(expr (import.defer a))\n(expr (import.source b))",
    );
    check("new import.defer(a);", "error: new with import");
    check("import.defer();", "error: unexpected");
    check("typeof import.source;", "error: unexpected");
    check("import.meta;", "error: import.meta");
    check_module("<!-- x", "error");
    check("<!-- x\n-->y\nz", "(expr z)");
    check_module("010;", "error: octal");
    check_module(
        "import {a} from 'm' with { type: 'json', type: 'x' };",
        "error: duplicate import attribute",
    );
    check_module(
        "export async function f() {}",
        "(export (async-function f ()))",
    );
    check_module("new.target", "error: new.target");
    check_module("let await;", "error: await");
}

#[test]
fn eval_contexts() {
    let opts = ParseOptions {
        allow_new_target: true,
        allow_super_property: true,
        allow_super_call: true,
        private_names: vec!["x".into()],
        ..ParseOptions::default()
    };
    compare(
        "",
        run("new.target; super.a; super(); this.#x;", false, &opts),
        "(expr new.target)\n(expr (. super a))\n(expr (super-call))\n(expr (. this #x))",
    );
    compare("", run("this.#y;", false, &opts), "error: must be declared");
    let strict = ParseOptions {
        strict: true,
        ..ParseOptions::default()
    };
    compare("", run("with (a) {}", false, &strict), "error: with");
    let field = ParseOptions {
        in_class_field_initializer: true,
        ..ParseOptions::default()
    };
    compare("", run("arguments;", false, &field), "error: arguments");
    compare(
        "",
        run("#!/usr/bin/env x\n1", false, &ParseOptions::default()),
        "(expr 1)",
    );
    compare("", run(" #!x\n1", false, &ParseOptions::default()), "error");
}

#[test]
fn dynamic_functions() {
    use crate::{parse_dynamic_function, DynamicFunctionKind as K};
    let arena = Bump::new();
    let f = parse_dynamic_function(&arena, "a, b", "return a + b", K::Normal).unwrap();
    assert_eq!(f.source, "function anonymous(a, b\n) {\nreturn a + b\n}");
    assert_eq!(f.function.params.items.len(), 2);
    assert_eq!(f.function.span.source_text(f.source), f.source);
    assert!(parse_dynamic_function(&arena, "a) {", "}(", K::Normal).is_err());
    assert!(parse_dynamic_function(&arena, "/*", "*/){", K::Normal).is_err());
    assert!(parse_dynamic_function(&arena, "", "yield 1", K::Generator).is_ok());
    assert!(parse_dynamic_function(&arena, "", "await 1", K::Async).is_ok());
    assert!(parse_dynamic_function(&arena, "", "await 1", K::Normal).is_err());
    assert!(parse_dynamic_function(&arena, "a = yield", "", K::Generator).is_err());
    assert!(parse_dynamic_function(&arena, "", "#!x\n", K::Normal).is_err());
    assert!(parse_dynamic_function(&arena, "a, a", "'use strict'", K::Normal).is_err());
    assert!(parse_dynamic_function(&arena, "a, a", "", K::Normal).is_ok());
    assert!(parse_dynamic_function(&arena, "", "super.x", K::Normal).is_err());
    assert!(parse_dynamic_function(&arena, "", "new.target", K::Normal).is_ok());
    assert!(parse_dynamic_function(&arena, "-->", "", K::Normal).is_err());
    assert!(parse_dynamic_function(&arena, "\n-->", "", K::Normal).is_ok());
    assert!(parse_dynamic_function(&arena, "", "-->", K::Normal).is_ok());
}

#[test]
fn errors_have_positions() {
    let arena = Bump::new();
    let e = parse_script(&arena, "var a;\n  let let = 1;", &ParseOptions::default()).unwrap_err();
    assert_eq!((e.line, e.column), (2, 7));
    assert_eq!(
        e.to_string(),
        "2:7: SyntaxError: 'let' cannot be a lexically bound name"
    );
    let e = parse_script(&arena, "'𝒳' +", &ParseOptions::default()).unwrap_err();
    assert_eq!((e.line, e.column), (1, 7));
}

#[test]
fn misc_annex_b_and_asi() {
    ok("if (a) ; else ;");
    ok("var a = b\n(c)");
    ok("x\n++\ny");
    fails("x\n++");
    ok("a = b\n/c/g");
    ok("var f = function () {}\n[1].map(f)");
    ok("return_ = 1");
    fails("for (;;) let\n[a] = 1;");
    ok("for (;;) let\nx = 1");
    ok("yield = 1; await = 2; async = 3; let = 4;");
    fails("'use strict'; yield = 1;");
    ok("function* g() { var o = { yield: 1 }; o.yield; }");
    fails("function* g() { var yield; }");
    ok("async function f() { var o = { await: 1 }; }");
    fails("async function f() { var await; }");
    ok("label: for (;;) { break label; }");
    ok("a = { async *[x]() {}, async get() {}, get: 1, set() {}, static: 2 }");
    fails("x = function* () { yield\n* 2; }");
    ok("x = function* () { yield\n2; }");
    ok("`${a}${b}`");
    ok("a ? b => c : d => e");
    ok("(a, b) => { return a; }");
    ok("async () => {}; async () => async () => await 1;");
    ok("x = async\nfunction f() {}");
    ok("var \\u{1d49c} = 1;");
    ok("a\u{2028}b");
    ok("'\u{2028}\u{2029}'");
    fails("'\n'");
    ok("({ 'a': 1, 1.5: 2, 3n: 3 })");
    ok("({ if: 1, class: 2 }).if");
    ok("[a, b] = [b, a]");
    ok("({ a, b } = c)");
    ok("x = { get a() { return 1 }, set a(v) {} }");
    ok("class A { static async\n m() {} }");
    ok("var a = 1, b = (2, 3);");
    ok("a?.b?.c?.()");
    ok("a ?. b");
    ok("x = a?.5:1");
}

#[test]
fn regexp_early_errors() {
    for bad in [
        "/(?<a>.)(?<a>.)/",
        "/\\k<a>/u",
        "/(?<a>.)\\k<b>/",
        "/a{2,1}/",
        "/(?i-i:a)/",
        "/[b-a]/",
        "/\\p{Foo}/u",
        "/{1}/u",
        "/{1}/",
        "/a**/",
        "/\\u{110000}/u",
        "/(?<a/",
        "/[\\d-a]/u",
        "/\\c/u",
        "/\\-/u",
        "/(?ii:a)/",
        "/a{1/u",
        "/]/u",
        "/}/u",
        "/(?<𝒜>.)\\k<𝒝>/",
        "/x/Z",
        "/[a&&&b]/v",
        "/(?=a)*/u",
        "/\\1/u",
        "/(?<a>x)|(?<a>y)\\k<a>(?<a>z)/",
    ] {
        fails(&format!("x = {bad};"));
    }
    for good in [
        "/(?<a>.)|(?<a>.)/",
        "/\\k<a>/",
        "/]/",
        "/}/",
        "/a{/",
        "/\\c/",
        "/[\\d-a]/",
        "/(?i:a)/",
        "/(?-i:a)/",
        "/(?i-m:a)/",
        "/\\p{L}/u",
        "/\\p{RGI_Emoji}/v",
        "/[\\q{abc}--\\q{a}]/v",
        "/(?=a)*/",
        "/\\1/",
        "/\\8/",
        "/[\\b]/",
        "/\\u{1F600}/u",
        "/(?<𝒜>.)\\k<𝒜>/u",
        "/a/dgimsy",
        "/(?<a>x)|(?<a>y)/",
        "/\\P{Script=Greek}/u",
        "/[^]/",
        "/$^\\b\\B/",
        "/\\c1/",
        "/[\\c_]/",
        "/\\a/",
        "/(?:)/",
        "/a{,5}/",
        "/\\01/",
        "/[\\01]/",
        "/\\x1/",
        "/\\u12/",
        "/\\k/",
        "/(?=a){2}/",
        "/\\_/",
        "/[a-\\d]/",
        "/\\p{L}/",
        "/{/",
        "/a{1,2/",
        "/\\ud800\\udc00/u",
        "/[\\ud800-\\udbff]/",
        "/\\//",
        "/[/]/",
        "/\\u{12}/",
    ] {
        ok(&format!("x = {good};"));
    }
}

/// Function source spans are what `Function.prototype.toString` returns.
#[test]
fn function_source_spans() {
    use crate::ast::*;
    fn first_function<'a>(p: &Program<'a>) -> &'a Function<'a> {
        fn in_expr<'a>(e: &Expression<'a>) -> Option<&'a Function<'a>> {
            match e {
                Expression::Function(f) | Expression::Arrow(f) => Some(f),
                Expression::Object(o) => o.properties.iter().find_map(|p| match p {
                    ObjectProperty::Property(p) => in_expr(&p.value),
                    _ => None,
                }),
                Expression::Assignment(a) => in_expr(&a.right),
                Expression::Class(c) => c.constructor.or_else(|| {
                    c.elements.iter().find_map(|e| match e {
                        ClassElement::Method(m) => Some(m.function),
                        _ => None,
                    })
                }),
                _ => None,
            }
        }
        match p.body[0] {
            Statement::FunctionDeclaration(f) => f,
            Statement::Expression(e) => in_expr(&e.expression).expect("a function"),
            _ => panic!("no function"),
        }
    }
    for (src, expected) in [
        (
            "function /* a */ f /* b */ ( x ) /* g */ { ; }/* after */",
            "function /* a */ f /* b */ ( x ) /* g */ { ; }",
        ),
        (
            "x = { /* before */f /* a */ ( /* b */ ) /* c */ { /* d */ }/* after */ }",
            "f /* a */ ( /* b */ ) /* c */ { /* d */ }",
        ),
        ("x = { get /* a */ f() {} }", "get /* a */ f() {}"),
        (
            "x = { async /* a */ * /* b */ f() {} }",
            "async /* a */ * /* b */ f() {}",
        ),
        ("x = { [ /* a */ 'f' ] () {} }", "[ /* a */ 'f' ] () {}"),
        ("x = class { static /* a */ f() {} }", "f() {}"),
        ("x = class { constructor ( ) { } }", "constructor ( ) { }"),
        (
            "x = /* before */( /* a */ a ) /* e */ => /* f */ { ; }/* after */",
            "( /* a */ a ) /* e */ => /* f */ { ; }",
        ),
        (
            "x = async /* a */ a /* b */ => /* c */ a /* after */",
            "async /* a */ a /* b */ => /* c */ a",
        ),
        ("x = async ( a ) => a", "async ( a ) => a"),
        (
            "x = async function /* a */ * /* b */ f () {}",
            "async function /* a */ * /* b */ f () {}",
        ),
    ] {
        let arena = Bump::new();
        let p = parse_script(&arena, src, &ParseOptions::default()).unwrap();
        let f = first_function(&p);
        assert_eq!(f.span.source_text(src), expected, "{src}");
    }
}
