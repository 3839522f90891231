//! The `process` global as far as a script runner needs it: `argv`,
//! `argv0`, `execArgv`, `execPath`, `env`, `exit`, `exitCode`, `platform`,
//! `arch`, `pid`, `version`/`versions`, `nextTick`, `stdout`/`stderr`
//! (`write`), `hrtime` (and `hrtime.bigint` when the engine has BigInt),
//! `uptime`, `cwd`, `emitWarning`, and the events in `events.rs`.
//!
//! Invariant: `process.exit` never exits from inside the engine: it records
//! the code and unwinds with an uncatchable error (`host::request_exit`);
//! the runtime flushes output and returns the code.

use std::io::{IsTerminal, Write};

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::errors::{invalid_arg_type, out_of_range};
use crate::host::{request_exit, with_host, ExitCode};

/// What `process` describes about the running program.
#[derive(Clone, Debug, Default)]
pub struct ProcessInfo {
    /// `process.argv`: the executable, the script, then its arguments.
    pub argv: Vec<String>,
    /// `process.argv0`: argv[0] as the program was invoked.
    pub argv0: String,
    /// `process.execArgv`: the runtime's own options.
    pub exec_argv: Vec<String>,
}

pub fn install(vm: &mut Vm, info: &ProcessInfo) {
    let process = vm.new_plain_object();
    let tag = vm.new_string("process");
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    vm.define_value(
        process,
        tag_key,
        Value::String(tag),
        Attrs::CONFIGURABLE_ONLY,
    );

    let exec_path = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| info.argv.first().cloned().unwrap_or_default());
    define_string_array(vm, process, "argv", &info.argv);
    define_string_array(vm, process, "execArgv", &info.exec_argv);
    define_string(vm, process, "argv0", &info.argv0);
    define_string(vm, process, "execPath", &exec_path);
    define_string(vm, process, "title", "jsvm");
    define_string(vm, process, "platform", platform());
    define_string(vm, process, "arch", arch());
    let version = env!("CARGO_PKG_VERSION");
    define_string(vm, process, "version", &format!("v{version}"));
    let versions = vm.new_plain_object();
    define_string(vm, versions, "jsvm", version);
    let key = vm.key("versions");
    vm.define_value(process, key, Value::Object(versions), Attrs::ALL);
    let key = vm.key("pid");
    vm.define_value(
        process,
        key,
        Value::Number(std::process::id() as f64),
        Attrs::ALL,
    );
    install_env(vm, process);

    vm.define_method(process, "exit", 1, process_exit);
    let key = vm.key("exitCode");
    vm.define_accessor(
        process,
        key,
        Some(get_exit_code),
        Some(set_exit_code),
        Attrs::ENUMERABLE,
    );
    vm.define_method(process, "nextTick", 1, crate::tasks::next_tick);
    vm.define_method(process, "uptime", 0, process_uptime);
    vm.define_method(process, "cwd", 0, process_cwd);
    vm.define_method(process, "emitWarning", 1, process_emit_warning);
    install_hrtime(vm, process);
    install_stream(
        vm,
        process,
        "stdout",
        1,
        stdout_write,
        std::io::stdout().is_terminal(),
    );
    install_stream(
        vm,
        process,
        "stderr",
        2,
        stderr_write,
        std::io::stderr().is_terminal(),
    );
    crate::events::install(vm, process);

    let global = vm.global_object();
    let key = vm.key("process");
    vm.define_value(global, key, Value::Object(process), Attrs::METHOD);
}

/// Node's names for the OS and CPU.
fn platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

fn arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "x86" => "ia32",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64",
        other => other,
    }
}

fn define_string(vm: &mut Vm, o: ObjId, name: &str, value: &str) {
    let key = vm.key(name);
    let s = vm.new_string(value);
    vm.define_value(o, key, Value::String(s), Attrs::ALL);
}

fn define_string_array(vm: &mut Vm, o: ObjId, name: &str, values: &[String]) {
    let strings: Vec<Value> = values
        .iter()
        .map(|s| Value::String(vm.new_string(s)))
        .collect();
    let arr = vm.new_array(&strings);
    let key = vm.key(name);
    vm.define_value(o, key, Value::Object(arr), Attrs::ALL);
}

/// `process.env`: the environment as string properties. (Node coerces
/// assigned values to strings; here they are stored as given.)
fn install_env(vm: &mut Vm, process: ObjId) {
    let env = vm.new_plain_object();
    let mut vars: Vec<(String, String)> = std::env::vars_os()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.to_string_lossy().into_owned(),
            )
        })
        .collect();
    vars.sort();
    for (k, v) in vars {
        define_string(vm, env, &k, &v);
    }
    let key = vm.key("env");
    vm.define_value(process, key, Value::Object(env), Attrs::ALL);
}

/// Node's text for a number in a range error: integers above 2^32 get `_`
/// separators (`9_007_199_254_740_992`).
fn range_shown(n: f64) -> String {
    let text = crate::inspect::format_number(n);
    if !(n.is_finite() && n.fract() == 0.0 && n.abs() > 4_294_967_296.0) {
        return text;
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text.as_str()),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// Node's `validateInteger(value, 'code')` with the numeric-string
/// allowance of the `exitCode` setter.
fn validate_exit_code(vm: &mut Vm, v: Value) -> JsResult<ExitCode> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    match v {
        Value::Undefined | Value::Uninit => Ok(ExitCode::Undefined),
        Value::Null => Ok(ExitCode::Null),
        Value::String(s) => {
            let units = vm.string_units(s);
            let n = jsvm_engine::num::string_to_number(&units);
            if !units.is_empty() && jsvm_engine::num::is_integral_number(n) {
                Ok(ExitCode::Text(vm.string_to_rust(s), n))
            } else {
                Err(invalid_arg_type(vm, "code", "number", v))
            }
        }
        Value::Number(n) => {
            if !jsvm_engine::num::is_integral_number(n) {
                Err(out_of_range(vm, "code", "an integer", &range_shown(n)))
            } else if n.abs() > MAX_SAFE {
                Err(out_of_range(
                    vm,
                    "code",
                    ">= -9007199254740991 && <= 9007199254740991",
                    &range_shown(n),
                ))
            } else {
                Ok(ExitCode::Number(n))
            }
        }
        _ => Err(invalid_arg_type(vm, "code", "number", v)),
    }
}

/// `process.exit([code])`: sets `exitCode` when a code is given, then ends
/// the program (the runtime runs `exit` listeners and flushes output).
fn process_exit(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if !a.args.is_empty() {
        let code = validate_exit_code(vm, a.arg(0))?;
        with_host(|h| h.exit_code = code);
    }
    let status = with_host(|h| h.exit_code.status());
    Err(request_exit(vm, status))
}

fn get_exit_code(vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    Ok(match with_host(|h| h.exit_code.clone()) {
        ExitCode::Undefined => Value::Undefined,
        ExitCode::Null => Value::Null,
        ExitCode::Number(n) => Value::Number(n),
        ExitCode::Text(s, _) => Value::String(vm.new_string(&s)),
    })
}

fn set_exit_code(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let code = validate_exit_code(vm, a.arg(0))?;
    with_host(|h| h.exit_code = code);
    Ok(Value::Undefined)
}

fn process_uptime(_vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(with_host(|h| h.clock.precise_now()) / 1000.0))
}

fn process_cwd(vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    let dir = std::env::current_dir()
        .map_err(|e| JsError::new(jsvm_engine::api::ErrorKind::Error, format!("cwd: {e}")))?;
    Ok(Value::String(vm.new_string(&dir.display().to_string())))
}

/// `process.emitWarning(warning[, type[, code]])` (or an options object
/// `{ type, code }`): prints `(jsvm:PID) [code] Type: message` to stderr.
fn process_emit_warning(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let warning = a.arg(0);
    let (mut name, message) = match warning {
        Value::String(s) => ("Warning".to_string(), vm.string_to_rust(s)),
        Value::Object(o) if vm.is_error_object(warning) => {
            let name_key = vm.key("name");
            let message_key = vm.key("message");
            let name = vm.get_prop(o, name_key)?;
            let message = vm.get_prop(o, message_key)?;
            let name = to_rust_string(vm, name)?;
            let message = to_rust_string(vm, message)?;
            (name, message)
        }
        _ => {
            return Err(invalid_arg_type(
                vm,
                "warning",
                "string or an instance of Error",
                warning,
            ))
        }
    };
    let mut code = None;
    match a.arg(1) {
        Value::String(s) => {
            name = vm.string_to_rust(s);
            if let Value::String(c) = a.arg(2) {
                code = Some(vm.string_to_rust(c));
            }
        }
        Value::Object(opts) if !vm.is_callable(a.arg(1)) => {
            let type_key = vm.key("type");
            let code_key = vm.key("code");
            if let Value::String(t) = vm.get_prop(opts, type_key)? {
                name = vm.string_to_rust(t);
            }
            if let Value::String(c) = vm.get_prop(opts, code_key)? {
                code = Some(vm.string_to_rust(c));
            }
        }
        _ => {}
    }
    let text = match code {
        Some(code) => format!("[{code}] {name}"),
        None => name,
    };
    crate::report::warning(&text, &message);
    Ok(Value::Undefined)
}

fn to_rust_string(vm: &mut Vm, v: Value) -> JsResult<String> {
    let s = vm.to_string(v)?;
    Ok(vm.string_to_rust(s))
}

/// `process.hrtime([previous])` and, when the engine has BigInt,
/// `process.hrtime.bigint()`.
fn install_hrtime(vm: &mut Vm, process: ObjId) {
    let hrtime = vm.define_method(process, "hrtime", 1, process_hrtime);
    let global = vm.global_object();
    let key = vm.key("BigInt");
    if let Ok(big) = vm.get_prop(global, key) {
        if vm.is_callable(big) {
            vm.define_method(hrtime, "bigint", 0, process_hrtime_bigint);
        }
    }
}

fn process_hrtime(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let mut nanos = with_host(|h| h.clock.nanos_now()) as f64;
    let prev = a.arg(0);
    if !prev.is_undefined() {
        let Value::Object(arr) = prev else {
            return Err(invalid_arg_type(vm, "time", "an instance of Array", prev));
        };
        if !vm.is_array(prev)? {
            return Err(invalid_arg_type(vm, "time", "an instance of Array", prev));
        }
        let values = crate::tasks::array_values(vm, arr);
        if values.len() != 2 {
            return Err(out_of_range(vm, "time", "2", &values.len().to_string()));
        }
        let secs = vm.to_number(values[0])?;
        let ns = vm.to_number(values[1])?;
        nanos -= secs * 1e9 + ns;
    }
    let secs = (nanos / 1e9).floor();
    let rest = nanos - secs * 1e9;
    let arr = vm.new_array(&[Value::Number(secs), Value::Number(rest.round())]);
    Ok(Value::Object(arr))
}

fn process_hrtime_bigint(vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    let nanos = with_host(|h| h.clock.nanos_now()) as f64;
    let global = vm.global_object();
    let key = vm.key("BigInt");
    let big = vm.get_prop(global, key)?;
    vm.call(big, Value::Undefined, &[Value::Number(nanos.floor())])
}

/// `process.stdout` / `process.stderr`: `write(chunk[, encoding][, cb])`,
/// `fd`, and `isTTY` when the stream is a terminal.
fn install_stream(
    vm: &mut Vm,
    process: ObjId,
    name: &str,
    fd: u32,
    write: jsvm_engine::function::NativeFn,
    tty: bool,
) {
    let stream = vm.new_plain_object();
    vm.define_method(stream, "write", 1, write);
    let key = vm.key("fd");
    vm.define_value(stream, key, Value::Number(fd as f64), Attrs::ALL);
    if tty {
        let key = vm.key("isTTY");
        vm.define_value(stream, key, Value::Boolean(true), Attrs::ALL);
    }
    let key = vm.key(name);
    vm.define_value(process, key, Value::Object(stream), Attrs::ALL);
}

/// The bytes of a `write` chunk (a string as UTF-8, or the bytes a
/// TypedArray or DataView shows), and the callback if one was passed
/// last.
fn chunk_and_callback(vm: &mut Vm, a: &CallArgs) -> JsResult<(Vec<u8>, Option<Value>)> {
    let chunk = a.arg(0);
    let bytes = match chunk {
        Value::String(s) => vm.string_to_rust(s).into_bytes(),
        _ => match vm.buffer_source_kind(chunk) {
            Some(
                jsvm_engine::builtins::typed_array::host::BufferSourceKind::TypedArray(_)
                | jsvm_engine::builtins::typed_array::host::BufferSourceKind::DataView,
            ) => vm.buffer_source_bytes(chunk).unwrap_or(&[]).to_vec(),
            _ => {
                return Err(invalid_arg_type(
                    vm,
                    "chunk",
                    "string or an instance of Buffer, TypedArray, or DataView",
                    chunk,
                ))
            }
        },
    };
    let callback = a.rest(1).iter().copied().find(|&v| vm.is_callable(v));
    Ok((bytes, callback))
}

/// Node calls a write callback once the data is written: here, as a tick.
fn after_write(vm: &mut Vm, callback: Option<Value>) -> JsResult<()> {
    if let Some(cb) = callback {
        crate::tasks::queue_tick(vm, &[cb]);
    }
    Ok(())
}

fn stdout_write(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (bytes, callback) = chunk_and_callback(vm, a)?;
    // A closed pipe is not the program's error (as for console.log).
    let _ = std::io::stdout().lock().write_all(&bytes);
    after_write(vm, callback)?;
    Ok(Value::Boolean(true))
}

fn stderr_write(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (bytes, callback) = chunk_and_callback(vm, a)?;
    let _ = std::io::stdout().lock().flush();
    let _ = std::io::stderr().lock().write_all(&bytes);
    after_write(vm, callback)?;
    Ok(Value::Boolean(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_integers_get_separators() {
        assert_eq!(
            range_shown(9_007_199_254_740_992.0),
            "9_007_199_254_740_992"
        );
        assert_eq!(range_shown(1.5), "1.5");
        assert_eq!(range_shown(-5_000_000_000.0), "-5_000_000_000");
        assert_eq!(range_shown(1000.0), "1000");
    }
}
