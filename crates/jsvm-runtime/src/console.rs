//! `console.log` / `info` / `debug` (stdout) and `error` / `warn` (stderr)
//! with Node's formatting: printf-style specifiers in a leading string
//! (`%s %d %i %f %j %o %O %c %%`), then the remaining arguments separated by
//! spaces, strings raw and everything else through `inspect`.
//!
//! Invariant: what it prints equals Node 20's `util.format` for the same
//! arguments (the conversions `%s`/`%d`/`%i`/`%f`/`%j` may run JS, as in
//! Node).

use std::io::Write;

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::describe::ObjectInfo;
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::inspect::{display, format_number, inspect, inspect_with, InspectOptions};

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

/// Node's `formatWithOptions`: a leading string with specifiers consumes
/// arguments; the rest follow, separated by spaces (strings raw).
pub fn format_args(vm: &mut Vm, args: &[Value]) -> JsResult<String> {
    let mut out = String::new();
    let mut rest = args;
    if let Some((Value::String(s), tail)) = args.split_first() {
        let fmt = vm.string_to_rust(*s);
        if tail.is_empty() {
            return Ok(fmt);
        }
        let (text, used) = apply_specifiers(vm, &fmt, tail)?;
        out.push_str(&text);
        rest = &tail[used..];
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

/// Replaces printf-style specifiers (formatWithOptionsInternal); returns
/// the text and how many arguments were consumed.
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
        if !matches!(spec, 's' | 'd' | 'i' | 'f' | 'j' | 'o' | 'O' | 'c') || used >= args.len() {
            out.push('%');
            continue;
        }
        chars.next();
        let arg = args[used];
        used += 1;
        match spec {
            's' => out.push_str(&format_s(vm, arg)?),
            // Node: a BigInt prints as `10n`; anything else as Number(x).
            'd' => out.push_str(&match arg {
                Value::BigInt(b) => format!("{}n", vm.bigint_to_rust_string(b)),
                Value::Symbol(_) => "NaN".to_string(),
                _ => match vm.to_numeric(arg)? {
                    Value::BigInt(b) => {
                        let digits = vm.bigint_to_rust_string(b);
                        format_number(digits.parse().unwrap_or(f64::NAN))
                    }
                    n => format_number(vm.to_number(n)?),
                },
            }),
            'i' => out.push_str(&match arg {
                Value::BigInt(b) => format!("{}n", vm.bigint_to_rust_string(b)),
                Value::Symbol(_) => "NaN".to_string(),
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
            'o' => out.push_str(&inspect_with(vm, arg, InspectOptions::percent_o())),
            'O' => out.push_str(&inspect(vm, arg)),
            _ => {} // %c: CSS, consumed and ignored
        }
    }
    Ok((out, used))
}

/// `%s`: numbers as Node formats them, objects with a built-in
/// `toString` inspected at depth 0, everything else through `String()`.
fn format_s(vm: &mut Vm, arg: Value) -> JsResult<String> {
    Ok(match arg {
        Value::Number(n) => format_number(n),
        Value::Symbol(s) => match vm.symbol_description(s) {
            Some(d) => format!("Symbol({d})"),
            None => "Symbol()".into(),
        },
        Value::Object(o) if !vm.is_callable(arg) && has_builtin_to_string(vm, o) => {
            let options = InspectOptions {
                depth: Some(0),
                ..InspectOptions::default()
            };
            inspect_with(vm, arg, options)
        }
        _ => {
            let s = vm.to_string(arg)?;
            vm.string_to_rust(s)
        }
    })
}

/// Node's hasBuiltInToString: the object's `toString` (or
/// `Symbol.toPrimitive`) comes from a built-in prototype, not from the
/// object itself or a user class.
fn has_builtin_to_string(vm: &mut Vm, o: ObjId) -> bool {
    let mut o = o;
    while let ObjectInfo::Proxy { target, .. } = vm.inspect_info(o) {
        match target {
            Some(t) => o = t,
            None => return true,
        }
    }
    let to_string = vm.key("toString");
    let to_primitive = PropertyKey::Symbol(vm.symbols.to_primitive);
    let is_fn = |vm: &mut Vm, key| {
        let v = vm.get_prop(o, key).unwrap_or(Value::Undefined);
        vm.is_callable(v)
    };
    let own = |vm: &mut Vm, obj, key| vm.has_own_property(obj, key).unwrap_or(false);
    let (mut check_to_string, mut check_to_primitive) = (true, true);
    if !is_fn(vm, to_string) {
        if !is_fn(vm, to_primitive) {
            return true;
        } else if own(vm, o, to_primitive) {
            return false;
        }
        check_to_string = false;
    } else if own(vm, o, to_string) {
        return false;
    } else if !is_fn(vm, to_primitive) {
        check_to_primitive = false;
    } else if own(vm, o, to_primitive) {
        return false;
    }
    let mut pointer = o;
    loop {
        match vm.get_prototype_of(pointer).ok().flatten() {
            Some(p) => pointer = p,
            None => return true,
        }
        if (check_to_string && own(vm, pointer, to_string))
            || (check_to_primitive && own(vm, pointer, to_primitive))
        {
            break;
        }
    }
    let ctor_key = vm.key("constructor");
    let Ok(Some(d)) = vm.get_own_property(pointer, ctor_key) else {
        return false;
    };
    let Some(Value::Object(c)) = d.value else {
        return false;
    };
    if !vm.is_callable(Value::Object(c)) {
        return false;
    }
    let name_key = vm.key("name");
    let name = match vm.get_prop(c, name_key) {
        Ok(Value::String(s)) => vm.string_to_rust(s),
        _ => return false,
    };
    let looks = name.len() > 1
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    let global = vm.global_object();
    let key = vm.key(&name);
    looks && vm.has_own_property(global, key).unwrap_or(false)
}

/// `%j`: `JSON.stringify(v)` through the realm's JSON object; `[Circular]`
/// for circular structures.
fn json_stringify(vm: &mut Vm, v: Value) -> JsResult<String> {
    let global = vm.global_object();
    let json_key = vm.key("JSON");
    let json = vm.get_prop(global, json_key)?;
    let stringify_key = vm.key("stringify");
    match vm.invoke(json, stringify_key, &[v]) {
        Ok(Value::String(s)) => Ok(vm.string_to_rust(s)),
        Ok(_) => Ok("undefined".into()),
        Err(e) => {
            let report = vm.error_report(&e);
            if report.name == "TypeError"
                && report.message.starts_with("Converting circular structure")
            {
                Ok("[Circular]".into())
            } else {
                Err(e)
            }
        }
    }
}
