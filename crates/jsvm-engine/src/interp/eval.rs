//! Code compiled at run time: direct eval (`CallEval`, PerformEval with the
//! caller's environment, 19.2.1.1), indirect eval (the global `eval`
//! function), CreateDynamicFunction (the Function constructor, 20.2.1.1.1),
//! and script evaluation for the embedding API.
//!
//! Invariant: parse and compile errors become SyntaxErrors of the current
//! realm before any code runs; direct eval code runs as a frame of the same
//! dispatch loop (with the caller's `env`), everything else in a nested run.

use jsvm_bytecode::{Constant, Reg};
use jsvm_syntax::{Bump, DynamicFunctionKind, ParseOptions};

use crate::api::{EvalError, SyntaxErrorInfo};
use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::interp::closure::create_closure;
use crate::interp::code::CodeUnit;
use crate::interp::frame::{self, Args, FrameSetup};
use crate::interp::ops_call::{self, ArgRange, Flow};
use crate::interp::run::bad_code;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// The name eval code is reported under in stack traces.
const EVAL_NAME: &str = "<eval>";

/// `CallEval`: direct eval when the callee is the realm's %eval%, an
/// ordinary call otherwise.
pub(crate) fn call_eval(
    vm: &mut Vm,
    unit: &CodeUnit,
    dst: Reg,
    callee: Reg,
    f: Value,
    this: Value,
    args: ArgRange,
    site: u32,
) -> JsResult<Flow> {
    let is_eval = matches!(f, Value::Object(o) if o == vm.intrinsics().eval);
    if !is_eval {
        let site = Some(ops_call::Site { unit, callee });
        return ops_call::call(vm, dst, f, this, args, site);
    }
    let first = match args {
        ArgRange::Regs(start, len) => {
            if len == 0 {
                None
            } else {
                vm.interp.stack.get(start).copied()
            }
        }
        ArgRange::Array(a) => ops_call::spread_list(vm, a)?.first().copied(),
    };
    let Some(x) = first else {
        return Ok(Flow::Value(Value::Undefined));
    };
    let Value::String(s) = x else {
        return Ok(Flow::Value(x));
    };
    let Some(Constant::EvalSite(site)) = unit.constant(site) else {
        return Err(bad_code("CallEval without an EvalSite constant"));
    };
    let source = vm.string_to_rust(s);
    let opts = jsvm_compiler::parse_options_for_eval(site);
    let code = {
        let arena = Bump::new();
        let program = jsvm_syntax::parse_script(&arena, &source, &opts)
            .map_err(|e| JsError::syntax_error(e.message))?;
        jsvm_compiler::compile_eval(&program, EVAL_NAME, Some(site))
            .map_err(|e| JsError::syntax_error(e.message))?
    };
    let eval_unit = CodeUnit::new(vm, code);
    let (env, realm) = match vm.interp.frames.last() {
        Some(fr) => (fr.env, fr.realm),
        None => return Err(bad_code("CallEval without a frame")),
    };
    frame::push_frame(
        vm,
        FrameSetup {
            unit: eval_unit,
            env,
            callee: None,
            this: Value::Undefined,
            new_target: None,
            realm,
            ret: Some(dst),
            construct: false,
        },
        Args::Slice(&[]),
    )?;
    Ok(Flow::Pushed)
}

/// PerformEval(x, strictCaller, direct) for eval calls that do not come
/// from a `CallEval` instruction (the global `eval` function, i.e.
/// indirect eval): the code runs in the current realm's global
/// environment. `direct` only makes the code inherit `strict_caller`.
pub fn perform_eval(vm: &mut Vm, x: Value, strict_caller: bool, direct: bool) -> JsResult<Value> {
    let Value::String(s) = x else {
        return Ok(x);
    };
    let source = vm.string_to_rust(s);
    let opts = ParseOptions {
        strict: direct && strict_caller,
        ..ParseOptions::default()
    };
    let code = {
        let arena = Bump::new();
        let program = jsvm_syntax::parse_script(&arena, &source, &opts)
            .map_err(|e| JsError::syntax_error(e.message))?;
        jsvm_compiler::compile_eval(&program, EVAL_NAME, None)
            .map_err(|e| JsError::syntax_error(e.message))?
    };
    run_global_code(vm, code)
}

/// Runs script or indirect-eval code in the current realm's global
/// environment, in a nested run.
fn run_global_code(vm: &mut Vm, code: std::rc::Rc<jsvm_bytecode::FunctionCode>) -> JsResult<Value> {
    let unit = CodeUnit::new(vm, code);
    let realm = vm.current_realm;
    let env = vm.realm(realm).global_env;
    frame::enter(
        vm,
        FrameSetup {
            unit,
            env,
            callee: None,
            this: Value::Undefined,
            new_target: None,
            realm,
            ret: None,
            construct: false,
        },
        &[],
    )
}

/// CreateDynamicFunction(constructor, newTarget, kind, args) (20.2.1.1.1):
/// the last argument is the body, the others the parameters. The function
/// closes over the current realm's global environment.
pub fn create_dynamic_function(
    vm: &mut Vm,
    kind: DynamicFunctionKind,
    args: &[Value],
    new_target: Option<ObjId>,
) -> JsResult<Value> {
    let mut params = String::new();
    let mut body = String::new();
    if let Some((last, rest)) = args.split_last() {
        for (i, &a) in rest.iter().enumerate() {
            if i > 0 {
                params.push(',');
            }
            let s = vm.to_string(a)?;
            params.push_str(&vm.string_to_rust(s));
        }
        let s = vm.to_string(*last)?;
        body = vm.string_to_rust(s);
    }
    let code = {
        let arena = Bump::new();
        let f = jsvm_syntax::parse_dynamic_function(&arena, &params, &body, kind)
            .map_err(|e| JsError::syntax_error(e.message))?;
        jsvm_compiler::compile_function(&f, "anonymous")
            .map_err(|e| JsError::syntax_error(e.message))?
    };
    let proto = match new_target {
        Some(nt) => Some(vm.get_prototype_from_constructor(
            nt,
            match kind {
                DynamicFunctionKind::Normal => |i| i.function_prototype,
                DynamicFunctionKind::Generator => |i| i.generator_function_prototype,
                DynamicFunctionKind::Async => |i| i.async_function_prototype,
                DynamicFunctionKind::AsyncGenerator => |i| i.async_generator_function_prototype,
            },
        )?),
        None => None,
    };
    let unit = CodeUnit::new(vm, code);
    let anonymous = unit.code.name.is_empty();
    let env = vm.realm(vm.current_realm).global_env;
    let f = create_closure(vm, unit, env, proto);
    if anonymous {
        let n = vm.atom_string(atoms::ANONYMOUS);
        vm.define_value(
            f,
            PropertyKey::Atom(atoms::NAME),
            Value::String(n),
            Attrs::CONFIGURABLE_ONLY,
        );
    }
    Ok(Value::Object(f))
}

/// ScriptEvaluation (16.1.6) for the embedding API: parse (early errors as
/// `EvalError::Syntax` with a position), compile, run in the current realm.
pub(crate) fn eval_script(vm: &mut Vm, source: &str, filename: &str) -> Result<Value, EvalError> {
    let code = {
        let arena = Bump::new();
        let program = jsvm_syntax::parse_script(&arena, source, &ParseOptions::default())
            .map_err(|e| syntax_info(source, filename, e.message, e.line, e.column))?;
        jsvm_compiler::compile_script(&program, filename)
            .map_err(|e| syntax_info(source, filename, e.message, e.line, e.column))?
    };
    let roots = vm.roots_len();
    let r = run_global_code(vm, code);
    vm.truncate_roots(roots);
    r.map_err(EvalError::Thrown)
}

fn syntax_info(source: &str, file: &str, message: String, line: u32, column: u32) -> EvalError {
    let source_line = source
        .replace("\r\n", "\n")
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or("")
        .to_string();
    EvalError::Syntax(SyntaxErrorInfo {
        message,
        file: file.to_string(),
        line,
        column,
        source_line,
    })
}
