//! Prints the bytecode of a script: `cargo run -p jsvm-compiler --example
//! disasm -- file.js` (or `-e 'source'`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src = match args.as_slice() {
        [flag, code] if flag == "-e" => code.clone(),
        [path] => match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        },
        _ => {
            eprintln!("usage: disasm FILE | disasm -e SOURCE");
            std::process::exit(2);
        }
    };
    let arena = jsvm_syntax::Bump::new();
    let program =
        match jsvm_syntax::parse_script(&arena, &src, &jsvm_syntax::ParseOptions::default()) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
    match jsvm_compiler::compile_script(&program, "input.js") {
        Ok(code) => print!("{}", jsvm_bytecode::disassemble(&code)),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
