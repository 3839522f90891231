//! Compiler tests: parse + compile snippets and compare the disassembly
//! with snapshot files in `src/snapshots/` (regenerate them with
//! `UPDATE_SNAPSHOTS=1 cargo test -p jsvm-compiler`). Every compile also
//! runs the leak check on temporaries (an internal error fails the test).

use std::path::PathBuf;

use jsvm_bytecode::disassemble;
use jsvm_syntax::{parse_script, Bump, ParseOptions};

use crate::compile_script;

fn compile(src: &str) -> Result<String, String> {
    let arena = Bump::new();
    let program = parse_script(&arena, src, &ParseOptions::default()).map_err(|e| e.to_string())?;
    let code = compile_script(&program, "test.js").map_err(|e| e.to_string())?;
    jsvm_bytecode::verify(&code)?;
    Ok(disassemble(&code))
}

/// Compares the disassembly of `src` with snapshot `name`.
fn check(name: &str, src: &str) {
    let listing = match compile(src) {
        Ok(l) => l,
        Err(e) => panic!("{name}: {e}"),
    };
    let actual = format!("{}\n---\n{listing}", src.trim());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/snapshots")
        .join(format!("{name}.snap"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(&path));
        std::fs::write(&path, &actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        panic!(
            "snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)\n--- expected\n{expected}\n--- actual\n{actual}"
        );
    }
}

/// Compiles `src` and expects a compile error containing `needle`.
fn check_error(src: &str, needle: &str) {
    match compile(src) {
        Ok(_) => panic!("expected an error for {src}"),
        Err(e) => assert!(e.contains(needle), "{e}"),
    }
}

#[test]
fn globals_and_operators() {
    check(
        "globals",
        "var a = 1; let b = a + 2 * 3; const c = `x${b}y`; a **= b; c;",
    );
}

#[test]
fn closures_and_tdz() {
    check(
        "closures",
        "function f(x) { let y = x; { let z = y; var g = () => z + x; } return g; }\n\
         function t() { use(v); let v = 1; return v; }",
    );
}

/// Register locals read in place, results computed into locals, `this`
/// without copies, conditions as fused jumps, rotated loops, plain
/// break/continue jumps, conditional returns.
#[test]
fn hot_loops() {
    check(
        "hot_loops",
        "function g(o, arr) {\n\
           let s = 0, t = 1;\n\
           for (let i = 0; i < arr.length; i++) {\n\
             s += arr[i] * t; o.count = o.count + 1; s = Math.max(s, i);\n\
             if (s === 3) continue;\n\
           }\n\
           while (s !== 0 && !(t < 0) || s == null) s--;\n\
           for (const x of arr) t = x + (t = 2);\n\
           if (s > 10 && t < 5) return s;\n\
           return o.f(s, t) ? s : t;\n\
         }",
    );
}

#[test]
fn loops_and_labels() {
    check(
        "loops",
        "outer: for (let i = 0; i < 3; i++) { for (const x of [1, 2]) { if (x) continue outer; break; } }\n\
         for (var k in {a: 1}) { k; }\n\
         do { } while (false); while (true) { break; }",
    );
}

#[test]
fn per_iteration_bindings() {
    check(
        "per_iteration",
        "var fs = []; for (let i = 0; i < 3; i++) fs.push(() => i);",
    );
}

#[test]
fn try_catch_finally() {
    check(
        "try_finally",
        "function f() { try { return 1; } catch ({message}) { throw message; } finally { g(); } }\n\
         l: try { break l; } finally { h(); }",
    );
}

#[test]
fn destructuring() {
    check(
        "destructuring",
        "var {a, b: [c, , d = 1, ...e], ...rest} = obj; [x.y, z = 2] = arr; ({p: q.r} = o);",
    );
}

#[test]
fn classes() {
    check(
        "classes",
        "class A { #x = 1; static s = 2; [k] = 3; m() { return this.#x; } get g() { return super.g; } static { this.t = 1; } }\n\
         class B extends A { constructor(...a) { super(...a); this.y = () => this; } }",
    );
}

#[test]
fn optional_chaining_and_calls() {
    check(
        "optional",
        "a?.b.c(); a.b?.(1, ...c); (a?.b)(); new F(1); delete a?.[k]; tag`x${1}y`;",
    );
}

#[test]
fn eval_and_with() {
    check(
        "eval_with",
        "function f(a) { var b = 1; eval('a + b'); return () => b; }\n\
         with (o) { x = y; }",
    );
}

#[test]
fn arguments_objects() {
    check(
        "arguments",
        "function m(a, b) { return arguments[0] + a; }\n\
         function u(a, b = 1) { return arguments.length; }",
    );
}

#[test]
fn annex_b_block_functions() {
    check(
        "annex_b",
        "function f() { { function g() {} } return g; } { function h() {} }",
    );
}

#[test]
fn generators() {
    check(
        "generators",
        "function* g(a) { try { const x = yield a; yield* x; } finally { return 1; } }",
    );
}

#[test]
fn async_generators() {
    check(
        "async_generators",
        "async function* g(s) { for await (const x of s) yield x; yield* s; return 1; }",
    );
}

#[test]
fn async_functions() {
    check(
        "async_functions",
        "async function f(a = 1) { try { return await a; } catch { await null; } }",
    );
}

#[test]
fn module_syntax_in_scripts_is_an_error() {
    check_error("import.meta;", "outside a module");
}

#[test]
fn dynamic_import_in_scripts() {
    check(
        "dynamic_import",
        "import('a'); import('b', { with: { type: 'json' } }); import.defer('c'); import.source('d');",
    );
}

#[test]
fn many_snippets_compile_without_leaks() {
    let snippets = [
        "x = a ? b : c; y = (a || b && c) ?? d;",
        "let o = { a, b: 1, [c]: 2, get d() { return 1; }, set d(v) {}, e() { return super.e; }, ...f, __proto__: null };",
        "var [a = 1, [b], {c}] = [];",
        "for (let [k, v] of m) { if (k) break; }",
        "switch (x) { case 1: let y = 2; break; default: y; }",
        "label: { break label; }",
        "(function f() { f = 1; return f; })();",
        "(function () { 'use strict'; return this; })();",
        "class C { static #p() {} static get #q() { return 1; } static set #q(v) {} static m() { return C.#p() + C.#q; } }",
        "class D { #a; has(o) { return #a in o; } }",
        "function f(a, {b, c} = {}, ...[d, e]) { return a + b + c + d + e; }",
        "x++; --y.z; o[k] += 1; o.p ??= 2; a &&= b;",
        "typeof undeclared; delete o.p; delete o[k]; void 0;",
        "function g() { return new.target; }",
        "try { f(); } catch { } finally { }",
        "for (const x of xs) { try { continue; } finally { g(); } }",
        "var f = function () { return arguments; };",
        "if (a) function q() {}",
        "with (o) { f(); }",
        "eval('1'); (0, eval)('2');",
        "class E extends Object { constructor() { super(); eval(''); } }",
        "const {a: {b: [c = () => c]}} = o;",
        "for (x.y of z);",
        "for (var i = 0, j = 10; i < j; i++, j--) ;",
        "a = b = c = 1;",
        "`a${b}c${d}`;",
        "[...a, , b];",
        "1n + 0x10n; /re/g;",
    ];
    for s in snippets {
        if let Err(e) = compile(s) {
            panic!("{s}: {e}");
        }
    }
}

/// Finds the first EvalSite constant in `code` or its nested functions.
fn find_eval_site(
    code: &jsvm_bytecode::FunctionCode,
) -> Option<std::rc::Rc<jsvm_bytecode::EvalSite>> {
    for c in code.constants.iter() {
        match c {
            jsvm_bytecode::Constant::EvalSite(s) => return Some(s.clone()),
            jsvm_bytecode::Constant::Function(f) => {
                if let Some(s) = find_eval_site(f) {
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}

/// Compiles `outer`, takes its first direct eval site and compiles
/// `inner` as eval code there.
fn compile_eval_at(outer: &str, inner: &str) -> Result<String, String> {
    let arena = Bump::new();
    let program =
        parse_script(&arena, outer, &ParseOptions::default()).map_err(|e| e.to_string())?;
    let code = compile_script(&program, "outer.js").map_err(|e| e.to_string())?;
    let site = find_eval_site(&code).ok_or("no eval site")?;
    let opts = crate::parse_options_for_eval(&site);
    let inner_program = parse_script(&arena, inner, &opts).map_err(|e| e.to_string())?;
    let code =
        crate::compile_eval(&inner_program, "eval", Some(&site)).map_err(|e| e.to_string())?;
    Ok(disassemble(&code))
}

fn check_eval(name: &str, outer: &str, inner: &str) {
    let listing = compile_eval_at(outer, inner).unwrap_or_else(|e| panic!("{name}: {e}"));
    let actual = format!("{}\n{}\n---\n{listing}", outer.trim(), inner.trim());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/snapshots")
        .join(format!("{name}.snap"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "snapshot {name} differs\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn sloppy_direct_eval_code() {
    check_eval(
        "eval_sloppy",
        "function f(a) { let b = 2; with (o) { eval('x'); } }",
        "var c = a + b + this; function g() { return c; } { function h() {} } let d = () => d;",
    );
}

#[test]
fn strict_direct_eval_code() {
    check_eval(
        "eval_strict",
        "class C extends B { constructor() { super(); eval('x'); } #p = 1; }",
        "'use strict'; var v = this.#p; super.m(); new.target;",
    );
}

#[test]
fn indirect_eval_code() {
    let arena = Bump::new();
    let p = parse_script(
        &arena,
        "var x = 1; let y = x; function f() {}",
        &ParseOptions::default(),
    )
    .expect("parse");
    let code = crate::compile_eval(&p, "eval", None).expect("compile");
    let listing = disassemble(&code);
    assert!(
        listing.contains("EvalDeclarationInstantiation"),
        "{listing}"
    );
}

#[test]
fn dynamic_function() {
    let arena = Bump::new();
    let f = jsvm_syntax::parse_dynamic_function(
        &arena,
        "a, b = 1",
        "return a + b + this.c;",
        jsvm_syntax::DynamicFunctionKind::Normal,
    )
    .expect("parse");
    let code = crate::compile_function(&f, "anonymous").expect("compile");
    assert_eq!(&*code.name, "anonymous");
    assert_eq!(code.length, 1);
    assert_eq!(code.param_count, 2);
    let listing = disassemble(&code);
    assert!(listing.contains("LoadThis"), "{listing}");
}

#[test]
fn line_table_points_at_throwing_instructions() {
    let arena = Bump::new();
    let src = "var a = 1;\nfoo.bar(a);\n  null.x;";
    let p = parse_script(&arena, src, &ParseOptions::default()).expect("parse");
    let code = compile_script(&p, "t.js").expect("compile");
    let mut pc = 0usize;
    let mut positions = Vec::new();
    while let Some(i) = jsvm_bytecode::Instruction::decode(&code.code, pc) {
        if matches!(
            i.opcode(),
            jsvm_bytecode::Opcode::Call | jsvm_bytecode::Opcode::GetProp
        ) {
            positions.push(code.position_at(pc as u32));
        }
        pc += i.opcode().size();
    }
    assert_eq!(positions, vec![Some((2, 1)), Some((2, 1)), Some((3, 3))]);
}

#[test]
fn deep_nesting_fits_in_16_mib() {
    let depth = 1400;
    let sources = [
        format!("x = {}1{};", "(".repeat(depth), ")".repeat(depth)),
        format!("x = {}1{};", "[".repeat(depth), "]".repeat(depth)),
        format!("{}{}", "{".repeat(depth), "}".repeat(depth)),
        format!("x = {}0;", "a + ".repeat(depth)),
        format!("x = {}0{};", "f(".repeat(depth), ")".repeat(depth)),
        format!(
            "{}x{}",
            "(function(){ ".repeat(depth / 4),
            " })".repeat(depth / 4)
        ),
        format!("{}{}", "if (a) ".repeat(depth), ";"),
    ];
    for src in sources {
        let ok = std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn(move || {
                let arena = Bump::new();
                match parse_script(&arena, &src, &ParseOptions::default()) {
                    Ok(p) => compile_script(&p, "deep.js")
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                    Err(_) => Ok(()),
                }
            })
            .expect("spawn")
            .join();
        match ok {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!("compile error: {e}"),
            Err(_) => panic!("compiler overflowed its stack"),
        }
    }
}
