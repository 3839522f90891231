//! Large inputs that would take minutes if some part of the parser were
//! quadratic (each runs in well under a second when linear).

use jsvm_syntax::{parse_module, parse_script, Bump, ParseOptions};

fn parses(src: &str, module: bool) {
    let arena = Bump::new();
    let opts = ParseOptions::default();
    let r = if module {
        parse_module(&arena, src, &opts)
    } else {
        parse_script(&arena, src, &opts)
    };
    assert!(r.is_ok(), "{:?}", r.err());
}

const N: usize = 40_000;

#[test]
fn many_declarations_and_names() {
    let mut s = String::new();
    for i in 0..N {
        s.push_str(&format!("let a{i} = {i}; var b{i}; function c{i}() {{}}\n"));
    }
    parses(&s, false);
    let params: Vec<String> = (0..N).map(|i| format!("p{i}")).collect();
    parses(
        &format!("function f({}) {{ 'use strict'; }}", params.join(",")),
        false,
    );
    parses(&format!("(({}) => 1)", params.join(",")), false);
}

#[test]
fn many_private_names_and_exports() {
    let mut s = String::from("class A {\n");
    for i in 0..N {
        s.push_str(&format!("#f{i} = this.#f{};\n", (i * 7) % N));
    }
    s.push_str("}\n");
    parses(&s, false);
    let mut m = String::new();
    for i in 0..N {
        m.push_str(&format!(
            "export const e{i} = 1;\nexport {{ e{i} as x{i} }};\n"
        ));
    }
    m.push_str("import a from 'm' with {");
    for i in 0..N {
        m.push_str(&format!("k{i}: 'v', "));
    }
    m.push_str("};\n");
    parses(&m, true);
}

#[test]
fn many_object_properties_and_elements() {
    let props: Vec<String> = (0..N).map(|i| format!("k{i}: [{i}, {{ x{i} }}]")).collect();
    parses(&format!("({{ {} }})", props.join(",")), false);
    let targets: Vec<String> = (0..N)
        .map(|i| format!("k{i}: [a{i}, {{ x{i} = 1 }}]"))
        .collect();
    parses(&format!("({{ {} }} = o)", targets.join(",")), false);
    let strings: Vec<String> = (0..N).map(|i| format!("'s{i}\\u0041\\x41'")).collect();
    parses(&format!("[{}]", strings.join(",")), false);
}
