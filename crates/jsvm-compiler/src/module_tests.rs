//! Module compilation tests: the entry tables ParseModule builds
//! (requests, imports, exports), the module scope layout, and a snapshot of
//! a module body's code (`src/snapshots/module_*.snap`, regenerated with
//! `UPDATE_SNAPSHOTS=1 cargo test -p jsvm-compiler`).

use std::path::PathBuf;

use jsvm_bytecode::disassemble;
use jsvm_syntax::{parse_module, Bump, ParseOptions};

use crate::{compile_module, ImportPhase, IndirectExport, ModuleCode, MODULE_SLOT_NAME};

fn compile(src: &str) -> ModuleCode {
    let arena = Bump::new();
    let program = parse_module(&arena, src, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{src}: {e}"));
    let code = compile_module(&program, "test.mjs").unwrap_or_else(|e| panic!("{src}: {e}"));
    jsvm_bytecode::verify(&code.body).unwrap_or_else(|e| panic!("{src}: {e}"));
    for f in &code.functions {
        jsvm_bytecode::verify(&f.code).unwrap_or_else(|e| panic!("{src}: {e}"));
    }
    code
}

/// Compares the disassembly of a module body and its hoisted functions
/// with snapshot `name`.
fn check(name: &str, src: &str) {
    let code = compile(src);
    let mut listing = disassemble(&code.body);
    for f in &code.functions {
        listing.push_str(&format!("\n--- hoisted into slot {}\n", f.slot));
        listing.push_str(&disassemble(&f.code));
    }
    let actual = format!("{}\n---\n{listing}", src.trim());
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
        "snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn entries_follow_parse_module() {
    let code = compile(
        "import d, { a as b } from './x.js';\n\
         import * as ns from './x.js';\n\
         import defer * as lazy from './y.js';\n\
         import j from './d.json' with { type: 'json' };\n\
         export { b as c, ns, d };\n\
         export * from './z.js';\n\
         export * as all from './z.js';\n\
         export { q as 'str' } from './w.js';\n\
         export let v = 1;\n\
         export default function () {}",
    );
    let specs: Vec<(&str, ImportPhase)> = code
        .requests
        .iter()
        .map(|r| (r.specifier.as_str(), r.phase))
        .collect();
    assert_eq!(
        specs,
        [
            ("./x.js", ImportPhase::Evaluation),
            ("./y.js", ImportPhase::Defer),
            ("./d.json", ImportPhase::Evaluation),
            ("./z.js", ImportPhase::Evaluation),
            ("./w.js", ImportPhase::Evaluation),
        ]
    );
    assert_eq!(
        code.requests[2].attributes,
        [("type".into(), "json".into())]
    );
    let imports: Vec<(&str, &str)> = code
        .imports
        .iter()
        .map(|i| (i.import_name.as_str(), i.local_name.as_str()))
        .collect();
    assert_eq!(imports, [("default", "d"), ("a", "b"), ("default", "j")]);
    assert_eq!(code.namespace_imports.len(), 2);
    let local: Vec<&str> = code
        .local_exports
        .iter()
        .map(|e| e.export_name.as_str())
        .collect();
    assert_eq!(local, ["v", "default"]);
    let indirect = |export: &str, request: u32, import: Option<&str>| IndirectExport {
        export_name: export.into(),
        request,
        import_name: import.map(String::from),
    };
    assert_eq!(
        code.indirect_exports,
        [
            indirect("all", 3, None),
            indirect("str", 4, Some("q")),
            indirect("c", 0, Some("a")),
            indirect("ns", 0, None),
            indirect("d", 0, Some("default")),
        ]
    );
    assert_eq!(code.star_exports, [3]);
    assert_eq!(code.functions.len(), 1);
    assert!(!code.has_tla);
    assert_eq!(&*code.scope.slots[0].name, MODULE_SLOT_NAME);
}

#[test]
fn top_level_await_makes_the_body_async() {
    assert!(compile("await 1;").has_tla);
    assert!(compile("for await (const x of []) {}").has_tla);
    assert!(!compile("async function f() { await 1; }").has_tla);
    assert!(!compile("const f = async () => { await 1; };").has_tla);
}

#[test]
fn module_bodies() {
    check(
        "module_body",
        "import { a } from './a.js';\n\
         export let x = a + 1;\n\
         export function f() { return a; }\n\
         export default class {}\n\
         a = 2;\n\
         console.log(await import.meta, this);",
    );
}
