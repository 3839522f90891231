//! Module graphs from in-memory sources: a loader over a name → source map
//! (specifiers are names, no path resolution), checked through a global
//! `log` array the modules push to.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use jsvm_compiler::ModuleRequest;

use crate::api::EvalError;
use crate::builtins::promise::PromiseState;
use crate::error::{JsError, JsResult};
use crate::module::{ModuleId, ModuleLoader, Referrer};
use crate::value::{ObjId, Value};
use crate::vm::{Vm, VmOptions};

struct MapLoader {
    files: HashMap<String, String>,
    map: RefCell<HashMap<String, ModuleId>>,
}

impl ModuleLoader for MapLoader {
    fn load(&self, vm: &mut Vm, _: &Referrer, request: &ModuleRequest) -> JsResult<ModuleId> {
        let key = request.specifier.clone();
        if let Some(&m) = self.map.borrow().get(&key) {
            return Ok(m);
        }
        let Some(src) = self.files.get(&key) else {
            return Err(JsError::type_error(format!("Cannot find module '{key}'")));
        };
        let json = request
            .attributes
            .iter()
            .any(|(k, v)| k == "type" && v == "json");
        let m = if json {
            vm.json_module(src, &key)?
        } else {
            vm.parse_module(src, &key).map_err(|e| match e {
                EvalError::Syntax(s) => JsError::syntax_error(s.message),
                EvalError::Thrown(e) => e,
            })?
        };
        self.map.borrow_mut().insert(key, m);
        Ok(m)
    }

    fn import_meta(&self, vm: &mut Vm, module: ModuleId, meta: ObjId) -> JsResult<()> {
        let name = vm.module_name(module);
        let url = Value::String(vm.new_string(&name));
        let key = vm.key("url");
        vm.create_data_property_or_throw(meta, key, url)
    }
}

fn text(vm: &mut Vm, v: Value) -> String {
    match vm.to_string(v) {
        Ok(s) => vm.string_to_rust(s),
        Err(_) => format!("{v:?}"),
    }
}

/// Runs module "main" of `files` with all jobs; returns the `log` joined
/// with spaces, then " | " and the outcome (ok, rejected: reason, or the
/// load/link error).
fn run(files: &[(&str, &str)]) -> String {
    let files: HashMap<String, String> = files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut vm = Vm::new(VmOptions::default());
            let loader = Rc::new(MapLoader {
                files,
                map: RefCell::new(HashMap::new()),
            });
            vm.set_module_loader(loader.clone());
            let _ = vm.eval_script(
                "var log = []; var print = (...a) => log.push(a.join(' '));",
                "setup",
            );
            let request = ModuleRequest {
                specifier: "main".into(),
                attributes: Vec::new(),
                phase: crate::module::ImportPhase::Evaluation,
            };
            let outcome = match loader.load(&mut vm, &Referrer::Realm, &request) {
                Err(e) => {
                    let v = vm.error_to_value(e);
                    format!("load error: {}", text(&mut vm, v))
                }
                Ok(m) => match vm.eval_module(m) {
                    Err(e) => {
                        let v = vm.error_to_value(e);
                        format!("link error: {}", text(&mut vm, v))
                    }
                    Ok(p) => {
                        vm.add_persistent(Value::Object(p));
                        let jobs = vm.run_jobs();
                        match (jobs, vm.promise_state(p)) {
                            (Err(e), _) => format!("job error: {e:?}"),
                            (_, Some((PromiseState::Fulfilled, _))) => "ok".to_string(),
                            (_, Some((PromiseState::Rejected, r))) => {
                                format!("rejected: {}", text(&mut vm, r))
                            }
                            _ => "pending".to_string(),
                        }
                    }
                },
            };
            let log = match vm.eval_script("log.join(' ')", "log") {
                Ok(v) => text(&mut vm, v),
                Err(e) => format!("{e:?}"),
            };
            format!("{log} | {outcome}")
        })
        .expect("spawn")
        .join()
        .expect("test thread panicked")
}

#[test]
fn imports_and_exports() {
    let got = run(&[
        (
            "main",
            "import d, { a, b as bee, 'str name' as s } from 'lib';\n\
             import * as ns from 'lib';\n\
             print(d, a, bee, s, ns.a, ns.default, typeof ns);",
        ),
        (
            "lib",
            "export default 'D'; export const a = 1; let b = 2; export { b, b as 'str name' };",
        ),
    ]);
    assert_eq!(got, "D 1 2 2 1 D object | ok");
}

#[test]
fn live_bindings_and_hoisting() {
    let got = run(&[
        (
            "main",
            "import later, { count, inc } from 'counter';\n\
             print(count); inc(); inc(); print(count); print(typeof later);",
        ),
        (
            "counter",
            "export let count = 0; export function inc() { count++; }\n\
             export default function later() {}",
        ),
    ]);
    assert_eq!(got, "0 2 function | ok");
}

#[test]
fn cycles_see_hoisted_functions_and_tdz() {
    let got = run(&[
        (
            "main",
            "import { b } from 'b'; export function f() { return 'f'; } export let x = 1;\n\
             print('main', b);",
        ),
        (
            "b",
            "import { f, x } from 'main'; export const b = f();\n\
             try { x; } catch (e) { print(e.constructor.name); }\n\
             print('b');",
        ),
    ]);
    assert_eq!(got, "ReferenceError b main f | ok");
}

#[test]
fn reexports_and_star() {
    let got = run(&[
        (
            "main",
            "import * as ns from 'mid'; import { y, z } from 'mid';\n\
             print(Object.keys(ns).join(','), y, Object.prototype.toString.call(z), ns[Symbol.toStringTag]);",
        ),
        (
            "mid",
            "export * from 'leaf'; export { x as y } from 'leaf'; export * as z from 'leaf2';",
        ),
        ("leaf", "export const x = 1, w = 2; export default 3;"),
        ("leaf2", "export const q = 4;"),
    ]);
    assert_eq!(got, "w,x,y,z 1 [object Module] Module | ok");
}

#[test]
fn missing_export_is_a_link_error() {
    let got = run(&[
        ("main", "import { nope } from 'lib';"),
        ("lib", "export const a = 1;"),
    ]);
    assert_eq!(
        got,
        " | link error: SyntaxError: The requested module 'lib' does not provide an export named 'nope'"
    );
}

#[test]
fn ambiguous_star_export_is_a_link_error() {
    let got = run(&[
        ("main", "import { a } from 'mid';"),
        ("mid", "export * from 'x'; export * from 'y';"),
        ("x", "export const a = 1;"),
        ("y", "export const a = 2;"),
    ]);
    assert!(
        got.contains("conflicting star exports for name 'a'"),
        "{got}"
    );
}

#[test]
fn missing_module_is_a_load_error() {
    let got = run(&[("main", "import 'nowhere';")]);
    assert_eq!(
        got,
        " | link error: TypeError: Cannot find module 'nowhere'"
    );
}

#[test]
fn top_level_await_orders_async_siblings() {
    let got = run(&[
        ("main", "import 'a'; import 'b'; print('main');"),
        ("a", "print('a1'); await null; print('a2');"),
        ("b", "print('b1'); await null; print('b2');"),
    ]);
    assert_eq!(got, "a1 b1 a2 b2 main | ok");
}

#[test]
fn top_level_await_rejection_propagates() {
    let got = run(&[
        ("main", "import 'a'; print('never');"),
        ("a", "await null; throw new Error('boom');"),
    ]);
    assert_eq!(got, " | rejected: Error: boom");
}

#[test]
fn sync_throw_rejects_and_is_remembered() {
    let got = run(&[
        (
            "main",
            "import('a').catch(e => print('1', e.message));\n\
             import('a').catch(e => print('2', e.message));",
        ),
        ("a", "print('a runs'); throw new Error('bad');"),
    ]);
    assert_eq!(got, "a runs 1 bad 2 bad | ok");
}

#[test]
fn dynamic_import_and_import_meta() {
    let got = run(&[
        (
            "main",
            "const ns = await import('lib'); print(ns.v, import.meta.url);\n\
             const j = await import('data', { with: { type: 'json' } }); print(j.default.k);\n\
             print(String(Object.getPrototypeOf(import.meta)));",
        ),
        ("lib", "export const v = 'lib';"),
        ("data", "{\"k\": [1, 2]}"),
    ]);
    assert_eq!(got, "lib main 1,2 null | ok");
}

#[test]
fn namespace_object_internals() {
    let got = run(&[
        (
            "main",
            "import * as ns from 'lib';\n\
             print(Object.isExtensible(ns), Reflect.set(ns, 'a', 2), delete ns.zz, Reflect.deleteProperty(ns, 'a'));\n\
             print(JSON.stringify(Object.getOwnPropertyDescriptor(ns, 'a')));\n\
             print(Reflect.ownKeys(ns).length, 'a' in ns, Reflect.setPrototypeOf(ns, {}), Reflect.setPrototypeOf(ns, null));",
        ),
        ("lib", "export let a = 1; export let b;"),
    ]);
    assert_eq!(
        got,
        "false false true false {\"value\":1,\"writable\":true,\"enumerable\":true,\"configurable\":false} 3 true false true | ok"
    );
}

#[test]
fn import_defer_evaluates_on_first_use() {
    let got = run(&[
        (
            "main",
            "import defer * as ns from 'lazy';\n\
             print('before', typeof ns, ns[Symbol.toStringTag]);\n\
             print(ns.value, 'after');\n\
             const again = await import.defer('lazy'); print(again === ns);",
        ),
        ("lazy", "print('lazy runs'); export const value = 'v';"),
    ]);
    assert_eq!(
        got,
        "before object Deferred Module lazy runs v after true | ok"
    );
}

#[test]
fn import_source_of_a_js_module_is_a_syntax_error() {
    let got = run(&[(
        "main",
        "await import.source('main').catch(e => print(e.constructor.name));",
    )]);
    assert_eq!(got, "SyntaxError | ok");
}
