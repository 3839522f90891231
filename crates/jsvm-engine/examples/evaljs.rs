//! Runs a script given on the command line (or `-f file`) and prints its
//! completion value or the uncaught error (a debugging aid).
use jsvm_engine::api::{CallArgs, EvalError};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::Value;
use jsvm_engine::vm::{Vm, VmOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = if args.get(1).map(String::as_str) == Some("-f") {
        std::fs::read_to_string(args.get(2).cloned().unwrap_or_default()).unwrap_or_default()
    } else {
        args.get(1).cloned().unwrap_or_default()
    };
    let t = std::thread::Builder::new()
        .stack_size(
            std::env::var("STACK_MB")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(256usize)
                << 20,
        )
        .spawn(move || {
            let mut vm = Vm::new(VmOptions::default());
            let console = vm.new_plain_object();
            vm.define_method(console, "log", 0, log);
            let g = vm.global_object();
            let k = vm.key("console");
            vm.define_value(
                g,
                k,
                Value::Object(console),
                jsvm_engine::api::Attrs::METHOD,
            );
            let start = std::time::Instant::now();
            match vm.eval_script(&src, "eval.js") {
                Ok(v) => match vm.to_string(v) {
                    Ok(s) => println!("{}", vm.string_to_rust(s)),
                    Err(_) => println!("{v:?}"),
                },
                Err(EvalError::Syntax(e)) => {
                    println!("SyntaxError {}:{}: {}", e.line, e.column, e.message)
                }
                Err(EvalError::Thrown(e)) => {
                    let r = vm.error_report(&e);
                    println!("Uncaught {}", r.display);
                }
            }
            if std::env::var_os("TIME").is_some() {
                eprintln!("time: {:?}", start.elapsed());
            }
        });
    if let Ok(t) = t {
        let _ = t.join();
    }
}

/// A minimal `console.log`: the arguments' ToString joined by spaces.
fn log(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut parts = Vec::new();
    for &a in args.args {
        let s = vm.to_string(a)?;
        parts.push(vm.string_to_rust(s));
    }
    println!("{}", parts.join(" "));
    Ok(Value::Undefined)
}
