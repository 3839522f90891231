//! `console.log` / `info` / `debug` (stdout) and `error` / `warn` (stderr)
//! with Node's formatting: printf-style specifiers in a leading string
//! (`%s %d %i %f %j %o %O %c %%`), then the remaining arguments separated by
//! spaces, strings raw and everything else through `inspect`.

use std::io::Write;

use jsvm_engine::api::{Attrs, CallArgs};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

use crate::inspect::{display, format_number, inspect};

pub fn install(vm: &mut Vm) {
    let console = vm.new_plain_object();
    vm.define_method(console, "log", 0, log);
    vm.define_method(console, "info", 0, log);
    vm.define_method(console, "debug", 0, log);
    vm.define_method(console, "error", 0, error);
    vm.define_method(console, "warn", 0, error);
    let global = vm.global_object();
    let key = vm.key("console");
    vm.define_value(global, key, Value::Object(console), Attrs::METHOD);
}

fn log(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let line = format_args(vm, a.args)?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (e.g. `jsvm x.js | head`) is not the program's error.
    let _ = writeln!(out, "{line}");
    Ok(Value::Undefined)
}

fn error(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let line = format_args(vm, a.args)?;
    let _ = std::io::stdout().lock().flush();
    let _ = writeln!(std::io::stderr().lock(), "{line}");
    Ok(Value::Undefined)
}

/// Node's `formatWithOptions`.
pub fn format_args(vm: &mut Vm, args: &[Value]) -> JsResult<String> {
    let mut out = String::new();
    let mut rest = args;
    if let Some((Value::String(s), tail)) = args.split_first() {
        let fmt = vm.string_to_rust(*s);
        if fmt.contains('%') {
            let (text, used) = apply_specifiers(vm, &fmt, tail)?;
            out.push_str(&text);
            rest = &tail[used..];
        } else {
            out.push_str(&fmt);
            rest = tail;
        }
        for &v in rest {
            out.push(' ');
            out.push_str(&display(vm, v));
        }
        return Ok(out);
    }
    for (i, &v) in rest.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&display(vm, v));
    }
    Ok(out)
}

/// Replaces printf-style specifiers; returns the text and how many
/// arguments were consumed.
fn apply_specifiers(vm: &mut Vm, fmt: &str, args: &[Value]) -> JsResult<(String, usize)> {
    let mut out = String::new();
    let mut used = 0;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(&spec) = chars.peek() else {
            out.push('%');
            break;
        };
        if spec == '%' {
            chars.next();
            out.push('%');
            continue;
        }
        if !matches!(spec, 's' | 'd' | 'i' | 'f' | 'j' | 'o' | 'O' | 'c') {
            out.push('%');
            continue;
        }
        if used >= args.len() {
            out.push('%');
            continue;
        }
        chars.next();
        let arg = args[used];
        used += 1;
        match spec {
            's' => out.push_str(&match arg {
                Value::Number(n) => format_number(n),
                Value::Object(_) => inspect(vm, arg),
                Value::Symbol(_) => inspect(vm, arg),
                _ => {
                    let s = vm.to_string(arg)?;
                    vm.string_to_rust(s)
                }
            }),
            'd' => out.push_str(&match arg {
                Value::Object(_) | Value::Symbol(_) => "NaN".to_string(),
                _ => format_number(vm.to_number(arg)?),
            }),
            'i' => out.push_str(&match arg {
                Value::Object(_) | Value::Symbol(_) => "NaN".to_string(),
                _ => {
                    let s = vm.to_string(arg)?;
                    let units = vm.string_units(s);
                    format_number(jsvm_engine::num::parse_int(&units, 10))
                }
            }),
            'f' => out.push_str(&match arg {
                Value::Symbol(_) => "NaN".to_string(),
                _ => {
                    let s = vm.to_string(arg)?;
                    let units = vm.string_units(s);
                    format_number(jsvm_engine::num::parse_float(&units))
                }
            }),
            'j' => out.push_str(&json_stringify(vm, arg)?),
            'o' | 'O' => out.push_str(&inspect(vm, arg)),
            _ => {} // %c: CSS, consumed and ignored
        }
    }
    Ok((out, used))
}

/// `JSON.stringify(v)` through the realm's JSON object.
fn json_stringify(vm: &mut Vm, v: Value) -> JsResult<String> {
    let global = vm.global_object();
    let json_key = vm.key("JSON");
    let json = vm.get_prop(global, json_key)?;
    let stringify_key = vm.key("stringify");
    let result = vm.invoke(json, stringify_key, &[v])?;
    Ok(match result {
        Value::String(s) => vm.string_to_rust(s),
        _ => "undefined".into(),
    })
}
