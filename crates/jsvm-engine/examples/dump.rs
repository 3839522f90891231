//! Prints the bytecode of a script (a debugging aid for the interpreter).
//! With a second argument, also compiles it as direct eval code at the
//! script's first direct eval call site and prints that.
use jsvm_bytecode::{Constant, EvalSite, FunctionCode};

fn find_site(code: &FunctionCode) -> Option<EvalSite> {
    for c in code.constants.iter() {
        match c {
            Constant::EvalSite(s) => return Some((**s).clone()),
            Constant::Function(f) => {
                if let Some(s) = find_site(f) {
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}

fn main() {
    let src = std::env::args().nth(1).unwrap_or_default();
    let eval_src = std::env::args().nth(2);
    let arena = jsvm_syntax::Bump::new();
    match jsvm_syntax::parse_script(&arena, &src, &Default::default()) {
        Ok(p) => match jsvm_compiler::compile_script(&p, "dump.js") {
            Ok(code) => {
                print!("{}", jsvm_bytecode::disassemble(&code));
                if let (Some(e), Some(site)) = (eval_src, find_site(&code)) {
                    let opts = jsvm_compiler::parse_options_for_eval(&site);
                    let arena = jsvm_syntax::Bump::new();
                    match jsvm_syntax::parse_script(&arena, &e, &opts) {
                        Ok(p) => match jsvm_compiler::compile_eval(&p, "<eval>", Some(&site)) {
                            Ok(c) => {
                                print!("\n--- eval code ---\n{}", jsvm_bytecode::disassemble(&c))
                            }
                            Err(e) => println!("eval compile error: {e}"),
                        },
                        Err(e) => println!("eval syntax error: {e}"),
                    }
                }
            }
            Err(e) => println!("compile error: {e}"),
        },
        Err(e) => println!("syntax error: {e}"),
    }
}
