//! End-to-end tests of the interpreter: small scripts through
//! `Vm::eval_script`, checking the completion value's ToString.

use crate::api::EvalError;
use crate::error::JsError;
use crate::value::Value;
use crate::vm::{Vm, VmOptions};

/// Runs `f` on a thread with a stack large enough for the parser and the
/// compiler (see `jsvm_syntax::MAX_NESTING_DEPTH`).
fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .expect("spawn test thread")
        .join()
        .expect("test thread panicked")
}

/// The completion value of `src` as a string, or "Throw: <error display>"
/// / "SyntaxError: <message>".
fn eval_to_string(vm: &mut Vm, src: &str) -> String {
    match vm.eval_script(src, "test.js") {
        Ok(v) => display(vm, v),
        Err(EvalError::Syntax(s)) => format!("SyntaxError: {}", s.message),
        Err(EvalError::Thrown(e)) => {
            let e = match e {
                JsError::Native(_) => JsError::Throw(vm.error_to_value(e)),
                e => e,
            };
            match e {
                JsError::Throw(v) => {
                    let s = match vm.to_string(v) {
                        Ok(s) => vm.string_to_rust(s),
                        Err(_) => "<unprintable>".to_string(),
                    };
                    format!("Throw: {s}")
                }
                other => format!("{other:?}"),
            }
        }
    }
}

fn display(vm: &mut Vm, v: Value) -> String {
    match vm.to_string(v) {
        Ok(s) => vm.string_to_rust(s),
        Err(_) => format!("{v:?}"),
    }
}

/// Asserts that `src`'s completion value converts to `expected`.
fn check(src: &'static str, expected: &'static str) {
    let got = big_stack(move || {
        let mut vm = Vm::new(VmOptions::default());
        eval_to_string(&mut vm, src)
    });
    assert_eq!(got, expected, "for script:\n{src}");
}

/// Same with every safepoint collecting (finds missing roots).
fn check_stress(src: &'static str, expected: &'static str) {
    let got = big_stack(move || {
        let mut vm = Vm::new(VmOptions {
            gc_stress: true,
            ..VmOptions::default()
        });
        eval_to_string(&mut vm, src)
    });
    assert_eq!(got, expected, "for script (gc stress):\n{src}");
}

#[test]
fn arithmetic_and_strings() {
    check("1 + 2 * 3", "7");
    check("'a' + 1 + 2", "a12");
    check("1 + 2 + 'a'", "3a");
    check("7 % 3 + 2 ** 10", "1025");
    check("(5 >>> 1) | (1 << 4)", "18");
    check("-'3' + +'4'", "1");
    check("var x = 5; x++; x += 2; x", "8");
    check(
        "[1 < 2, 'b' > 'a', null == undefined, NaN === NaN].join()",
        "true,true,true,false",
    );
}

#[test]
fn variables_and_control_flow() {
    check("var s = 0; for (var i = 0; i < 10; i++) s += i; s", "45");
    check(
        "let s = 0; let i = 0; while (true) { if (++i > 5) break; if (i % 2) continue; s += i; } s",
        "6",
    );
    check(
        "var r; switch (3) { case 1: r = 'a'; break; case 3: r = 'c'; default: r += '!'; } r",
        "c!",
    );
    check("let a = 1; { let a = 2; } a", "1");
    check("typeof undeclared", "undefined");
    check("x; var x = 1;", "undefined");
}

#[test]
fn functions_and_closures() {
    check("function f(a, b) { return a + b; } f(2, 3)", "5");
    check(
        "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(20)",
        "6765",
    );
    check(
        "function counter() { let n = 0; return () => ++n; } var c = counter(); c(); c(); c()",
        "3",
    );
    check(
        "var fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); fs.map(f => f()).join()",
        "0,1,2",
    );
    check("(function () { return arguments.length; })(1, 2, 3)", "3");
    check("function f(a) { arguments[0] = 9; return a; } f(1)", "9");
    check(
        "function f(a) { 'use strict'; arguments[0] = 9; return a; } f(1)",
        "1",
    );
    check("function f(...r) { return r.length; } f(1, 2, 3, 4)", "4");
    check("function f(a = 2, b = a * 2) { return b; } f()", "4");
    check("(function f() { return typeof f; })()", "function");
    check("var o = { m() { return this.x; }, x: 4 }; o.m()", "4");
    check("function F(x) { this.x = x; } new F(7).x", "7");
    check("function f() { return this; } f() === globalThis", "true");
}

#[test]
fn exceptions() {
    check("try { throw 1; } catch (e) { e + 1 }", "2");
    check("var r = ''; try { r += 'a'; null.x; } catch (e) { r += e.constructor.name; } finally { r += 'f'; } r", "aTypeErrorf");
    check(
        "function f() { try { return 1; } finally { g = 2; } } var g; f() + g",
        "3",
    );
    check(
        "undefinedVar",
        "Throw: ReferenceError: undefinedVar is not defined",
    );
    check(
        "let z = z;",
        "Throw: ReferenceError: Cannot access 'z' before initialization",
    );
    check(
        "const c = 1; c = 2;",
        "Throw: TypeError: Assignment to constant variable.",
    );
    check("function thrower() { throw new Error('boom'); } try { thrower(); } catch (e) { e.message }", "boom");
}

#[test]
fn objects_arrays_and_properties() {
    check("var o = { a: 1, b: { c: 2 } }; o.b.c + o['a']", "3");
    check("var a = [1, 2, 3]; a[5] = 6; a.length", "6");
    check("var a = [1, , 3]; 1 in a", "false");
    check(
        "var o = { get x() { return 5; }, set x(v) { this.y = v; } }; o.x = 3; o.x + o.y",
        "8",
    );
    check("var o = {a: 1}; delete o.a; 'a' in o", "false");
    check(
        "var { a, b: [c, d = 4] } = { a: 1, b: [2] }; a + c + d",
        "7",
    );
    check("var [x, ...y] = [1, 2, 3]; y.length", "2");
    check(
        "var o = { ...{ a: 1, b: 2 }, c: 3 }; Object.keys(o).join()",
        "a,b,c",
    );
    check("[...'abc', ...[1, 2]].join('-')", "a-b-c-1-2");
    check("'abc'.length + 'abc'[1]", "3b");
    check("Math.max(...[1, 5, 3])", "5");
}

#[test]
fn iteration() {
    check("var s = ''; for (var k in { a: 1, b: 2 }) s += k; s", "ab");
    check(
        "var p = { a: 1 }; var o = Object.create(p); o.b = 2; var s = ''; for (var k in o) s += k; s",
        "ba",
    );
    check("var s = 0; for (const v of [1, 2, 3]) s += v; s", "6");
    check(
        "var s = ''; for (const [k, v] of new Map([['a', 1]])) s += k + v; s",
        "a1",
    );
    check(
        "var closed = false; var it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; }, return() { closed = true; return {}; } }; } }; for (var v of it) break; closed",
        "true",
    );
}

#[test]
fn classes() {
    check(
        "class A { constructor(x) { this.x = x; } get dbl() { return this.x * 2; } } new A(4).dbl",
        "8",
    );
    check(
        "class A { m() { return 'A'; } } class B extends A { m() { return 'B' + super.m(); } } new B().m()",
        "BA",
    );
    check(
        "class A { constructor() { this.a = 1; } } class B extends A { constructor() { super(); this.b = 2; } } var b = new B(); b.a + b.b",
        "3",
    );
    check(
        "class A { #x = 5; getX() { return this.#x; } } new A().getX()",
        "5",
    );
    check(
        "class A { #m() { return 7; } static has(o) { return #m in o; } call() { return this.#m(); } } [new A().call(), A.has(new A()), A.has({})].join()",
        "7,true,false",
    );
    check("class A { static s = 3; x = A.s + 1; } new A().x", "4");
    check(
        "class A {} try { A(); } catch (e) { e.message }",
        "Class constructor A cannot be invoked without 'new'",
    );
    check(
        "class A { constructor() { return { z: 1 }; } } class B extends A { constructor() { super(); } } new B().z",
        "1",
    );
}

#[test]
fn eval_and_function_constructor() {
    check("eval('1 + 2')", "3");
    check(
        "var x = 1; function f() { var x = 2; return eval('x'); } f()",
        "2",
    );
    check(
        "var x = 1; function f() { var x = 2; return (0, eval)('x'); } f()",
        "1",
    );
    check("function f() { eval('var y = 3'); return y; } f()", "3");
    check("new Function('a', 'b', 'return a * b')(3, 4)", "12");
    check("eval('let q = 1; q') + typeof q", "1undefined");
}

#[test]
fn with_statement() {
    check("var o = { a: 1 }; var a = 2; with (o) { a }", "1");
    check("var o = { a: 1 }; with (o) { a = 5; } o.a", "5");
}

#[test]
fn templates() {
    check("var x = 3; `a${x}b${x + 1}`", "a3b4");
    check("function tag(s) { return s.raw[0]; } tag`\\n`", "\\n");
    check(
        "function t(s) { return s; } function f() { return t`x`; } f() === f()",
        "true",
    );
}

#[test]
fn deep_recursion_is_a_range_error() {
    check(
        "function r() { return r(); } try { r(); } catch (e) { e instanceof RangeError }",
        "true",
    );
}

#[test]
fn stack_traces() {
    check(
        "function inner() { return new Error('x').stack; }\nfunction outer() { return inner(); }\nouter()",
        "Error: x\n    at inner (test.js:1:27)\n    at outer (test.js:2:27)\n    at test.js:3:1",
    );
}

#[test]
fn stack_trace_receivers() {
    check(
        "class Dog { speak() { return this.bark(); } bark() { return new Error('b').stack; } }\nvar o = { m() { return new Dog().speak(); } };\no.m()",
        "Error: b\n    at Dog.bark (test.js:1:61)\n    at Dog.speak (test.js:1:30)\n    at Object.m (test.js:2:24)\n    at test.js:3:1",
    );
}

#[test]
fn callee_names_in_errors() {
    check(
        "const obj = {}; try { obj.notfn(); } catch (e) { e.message }",
        "obj.notfn is not a function",
    );
    check(
        "var o = { a: {} }; try { o.a.b(); } catch (e) { e.message }",
        "o.a.b is not a function",
    );
    check(
        "function g() { return {}; } try { g().x(); } catch (e) { e.message }",
        "g(...).x is not a function",
    );
    check(
        "class A { m() { this.q(); } } try { new A().m(); } catch (e) { e.message }",
        "this.q is not a function",
    );
    check(
        "try { new Math.max(); } catch (e) { e.message }",
        "Math.max is not a constructor",
    );
    check(
        "function t() { let f = 3; f(); } try { t(); } catch (e) { e.message }",
        "3 is not a function",
    );
}

#[test]
fn inline_caches_stay_correct() {
    // Prototype method cache: changes to the prototype, the prototype chain
    // and shadowing own properties are all seen.
    check(
        "class A { m() { return 1; } } var a = new A(); function f(o) { return o.m(); } var r = [f(a)]; A.prototype.m = function () { return 2; }; r.push(f(a)); a.m = () => 3; r.push(f(a)); Object.setPrototypeOf(a, { m() { return 4; } }); delete a.m; r.push(f(a)); r.join()",
        "1,2,3,4",
    );
    // An array's own `length` is never answered from a prototype cache.
    check(
        "function len(o) { return o.length; } [len({ length: 5 }), len([1, 2]), len('abc')].join()",
        "5,2,3",
    );
    // `length` of arrays (growing, truncated, sparse, subclassed, with a
    // prototype that has its own `length`) and of strings, read at one site.
    check(
        "class L extends Array {} var p = [1, 2, 3]; var sub = new L(4); var sp = []; sp[99] = 1; \
         var a = [1, 2]; Object.setPrototypeOf(a, { length: 40 }); \
         function len(o) { return o.length; } var r = []; \
         for (var o of [[], [1], p, sub, sp, a, 'ab', '', 'h\\u00e9llo']) r.push(len(o)); \
         p.push(4); r.push(len(p)); p.length = 1; r.push(len(p)); r.push(len({ length: 'x' })); r.join()",
        "0,1,3,4,100,2,2,0,5,4,1,x",
    );
    check("var s = 0; for (var i = 0; i < 3; i++) { var o = i == 1 ? { get x() { return 10; } } : { x: 1 }; s += o.x; } s", "12");
    check(
        "[7 % 3, 1 / (-7 % 7), 5.5 % 2, -5 % 3, 1 / (-0 % 5)].join()",
        "1,-Infinity,1.5,-2,-Infinity",
    );
}

#[test]
fn global_lexical_shadows_cached_global_property() {
    let got = big_stack(|| {
        let mut vm = Vm::new(VmOptions::default());
        let a = eval_to_string(
            &mut vm,
            "globalThis.x = 1; function f() { return x; } f() + f()",
        );
        let b = eval_to_string(&mut vm, "let x = 2; f()");
        let c = eval_to_string(&mut vm, "x = 3; f()");
        format!("{a} {b} {c}")
    });
    assert_eq!(got, "2 2 3");
}

#[test]
fn assignment_names_anonymous_functions_only_through_an_identifier_ref() {
    // A parenthesized target is not an IdentifierRef (13.15.2).
    check(
        "var f, g, h, k, m; (f) = function () {}; g = function () {}; ((h)) = () => {}; \
         k ||= class {}; (m) ??= function () {}; [f.name, g.name, h.name, k.name, m.name].join()",
        ",g,,k,",
    );
}

#[test]
fn refused_derived_returns_throw_past_the_constructor() {
    // [[Construct]] refuses the result after the constructor's context is
    // gone (10.2.2 steps 12.c, 14): its own handlers do not see the error.
    check(
        "class C extends Object { constructor() { try { return 1; } catch (e) { super(); } } } \
         class D extends Object { constructor() { try { return; } catch (e) { super(); } } } \
         var r = []; \
         for (var K of [C, D]) { try { new K(); r.push('none'); } catch (e) { r.push(e.constructor.name); } } \
         for (var K of [C, D]) { try { Reflect.construct(K, []); r.push('none'); } catch (e) { r.push(e.constructor.name); } } \
         r.join()",
        "TypeError,ReferenceError,TypeError,ReferenceError",
    );
    // The error's stack still starts in the constructor, at the closing
    // brace of its body for the implicit return.
    check(
        "class D extends Object { constructor() {\n  } }\n\
         var s; try { new D(); } catch (e) { s = e.stack.split('\\n').slice(1, 3).join(' | '); } s",
        "    at new D (test.js:2:3) |     at test.js:3:14",
    );
}

#[test]
fn cached_global_lexical_stores_keep_const_and_tdz_errors() {
    // Each store site runs several times, so later runs use its cache.
    check(
        "function early() { z = 5; } var r = []; \
         for (var i = 0; i < 2; i++) { try { early(); } catch (e) { r.push(e.constructor.name); } } \
         let z = 1; early(); r.push(z); \
         let n = 0; const c = 1; function inc() { n = n + 1; } function setC() { c = 2; } \
         for (var i = 0; i < 3; i++) inc(); r.push(n); \
         for (var i = 0; i < 2; i++) { try { setC(); } catch (e) { r.push(e.constructor.name); } } \
         r.push(c); r.join()",
        "ReferenceError,ReferenceError,5,3,TypeError,TypeError,1",
    );
}

#[test]
fn interrupt_stops_infinite_loop() {
    big_stack(|| {
        let mut vm = Vm::new(VmOptions::default());
        let flag = vm.interrupt.clone();
        let t = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        let r = vm.eval_script("while (true) {}", "loop.js");
        t.join().expect("timer thread");
        assert!(matches!(
            r,
            Err(EvalError::Thrown(JsError::Terminate(
                crate::error::Termination::Interrupted
            )))
        ));
    });
}

#[test]
fn gc_stress() {
    check_stress(
        "var a = []; for (var i = 0; i < 50; i++) a.push({ v: 'x' + i }); a.map(o => o.v).join('').length",
        "140",
    );
    check_stress(
        "class P { #v; constructor(v) { this.#v = v; } get v() { return this.#v; } } var s = 0; for (var i = 0; i < 20; i++) s += new P(i).v; s",
        "190",
    );
}

#[test]
fn property_caches_follow_prototype_changes() {
    // Two receiver shapes at one site, methods two levels up, a getter.
    check(
        "class A { get g() { return this.x + 1; } m() { return 'A'; } }
         class B extends A { n() { return 'B'; } }
         var s = '';
         var objs = [new B(), new A(), Object.assign(new B(), { y: 1 })];
         for (var i = 0; i < 6; i++) { var o = objs[i % 3]; o.x = i; s += o.m() + o.g; }
         s",
        "A1A2A3A4A5A6",
    );
    // A method added to the middle prototype shadows the cached one; a
    // deleted one falls through; a new [[Prototype]] is seen.
    check(
        "class A { m() { return 'A'; } } class B extends A {}
         var b = new B(), out = [];
         function f() { return b.m(); }
         out.push(f());
         B.prototype.m = function () { return 'B'; }; out.push(f());
         delete B.prototype.m; out.push(f());
         Object.setPrototypeOf(b, { m() { return 'P'; } }); out.push(f());
         Object.defineProperty(A.prototype, 'm', { get() { return () => 'G'; } });
         Object.setPrototypeOf(b, B.prototype); out.push(f());
         out.join('')",
        "ABAPG",
    );
    // A getter that throws, and one that is undefined.
    check(
        "var p = { get t() { throw new Error('no'); } }; Object.defineProperty(p, 'u', { set(v) {} });
         var o = Object.create(p), r = [];
         for (var i = 0; i < 3; i++) { try { o.t; } catch (e) { r.push(e.message); } r.push(String(o.u)); }
         r.join()",
        "no,undefined,no,undefined,no,undefined",
    );
}

#[test]
fn prototype_caches_see_changes_beyond_the_first_prototype() {
    // The cached chain is checked by an epoch, not object by object: a new
    // link between the prototypes, a shadowing property added to the first
    // prototype while it is a dictionary, and a holder turned dictionary
    // are all seen.
    check(
        "class A { m() { return 'A'; } } class B extends A {}
         var b = new B(), out = [];
         function f() { return b.m(); }
         out.push(f());
         Object.setPrototypeOf(B.prototype, { m() { return 'L'; } }); out.push(f());
         for (var i = 0; i < 100; i++) B.prototype['p' + i] = i;
         delete B.prototype.p3;
         out.push(f());
         B.prototype.m = function () { return 'D'; }; out.push(f());
         delete B.prototype.m; out.push(f());
         out.join('')",
        "ALLDL",
    );
    // A holder four prototypes up: a property added in the middle of the
    // chain, a link in the middle replaced, the holder's method replaced;
    // Object.prototype five up is served uncached.
    check(
        "class A { m() { return 'A'; } } class B extends A {} class C extends B {}
         class D extends C {}
         var d = new D(), out = [];
         function f() { return d.m() + d.hasOwnProperty('m'); }
         out.push(f());
         B.prototype.m = () => 'B'; out.push(f());
         Object.setPrototypeOf(C.prototype, A.prototype); out.push(f());
         A.prototype.m = () => 'Z'; out.push(f());
         out.join()",
        "Afalse,Bfalse,Afalse,Zfalse",
    );
    // Properties added to the holder through a cached add, and a class
    // field defined on an object that is some other object's prototype.
    check(
        "var p = { m() { return 1; } }, o = Object.create(p), out = [];
         function f() { return o.m(); }
         function add(x) { x.m = function () { return 2; }; }
         out.push(f()); add({}); add(Object.create(null)); out.push(f());
         var q = Object.create(p); Object.setPrototypeOf(o, q); out.push(f());
         add(q); out.push(f());
         class C { m = () => 3; } var c = new C(); o = Object.create(c); out.push(f());
         out.join('')",
        "11123",
    );
}

#[test]
fn instanceof_caches_stay_correct() {
    // One site seeing several classes, then a @@hasInstance of its own
    // (which the subclass inherits), a replaced `prototype`, a primitive,
    // a proxy in the chain (its trap runs) and a non-object `prototype`
    // (TypeError).
    check(
        "class A {} class B extends A {} class C {}
         function is(o, k) { return o instanceof k; }
         var out = [is(new B(), A), is(new A(), B), is(new C(), A), is(new B(), B), is(1, A)];
         Object.defineProperty(A, Symbol.hasInstance, { value: (o) => o === 1 });
         out.push(is(1, A), is(new B(), A), is(new B(), B));
         function F() {} var f = new F(); out.push(is(f, F)); F.prototype = {}; out.push(is(f, F));
         var log = [];
         var p = new Proxy({}, { getPrototypeOf() { log.push('trap'); return Object.prototype; } });
         out.push(is(Object.create(p), Object), log.length);
         F.prototype = 1;
         try { is(f, F); } catch (e) { out.push(e.constructor.name); }
         out.join()",
        "true,false,false,true,false,true,false,false,true,false,true,1,TypeError",
    );
}

#[test]
fn prepared_callbacks_bind_this_as_a_call_would() {
    // Sloppy callbacks see the global object for undefined, a fresh wrapper
    // per call for a primitive; strict ones and arrows get it as given.
    check(
        "[1, 2].map(function () { return this === globalThis; }).join()",
        "true,true",
    );
    check(
        "var seen = []; [1, 2].forEach(function () { seen.push(this); }, 7); \
         typeof seen[0] + (seen[0] !== seen[1]) + (seen[0] + seen[1])",
        "objecttrue14",
    );
    check(
        "[1].map(function () { 'use strict'; return this; }, 'x').join() + \
         [1].map(function () { 'use strict'; return typeof this; }).join()",
        "xundefined",
    );
    check("[3, 1, 2].sort((a, b) => a - b).join()", "1,2,3");
    check(
        "[1, 2, 3].reduce((a, b) => a + b) + [1, 2].reduceRight((a, b) => a + '' + b)",
        "621",
    );
    // A callback that recurses deeply still reports a RangeError.
    check(
        "function f(n) { return [n].map(m => f(m + 1))[0]; } \
         try { f(0) } catch (e) { e instanceof RangeError }",
        "true",
    );
}
