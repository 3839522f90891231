//! Function objects: native functions (Rust), bytecode closures (see
//! `interp`), bound functions; the calling convention for natives.

use crate::error::JsResult;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

/// What a native function receives.
///
/// `args` are the caller's arguments (rooted by the caller for the duration of
/// the call); `callee` is the function object being called (natives keep
/// captured state in its slots, see `Vm::native_slot`); `new_target` is
/// `Some` when called as a constructor.
pub struct CallArgs<'a> {
    pub this: Value,
    pub args: &'a [Value],
    pub new_target: Option<ObjId>,
    pub callee: ObjId,
}

impl CallArgs<'_> {
    /// The i-th argument, or `undefined` when absent.
    #[inline]
    pub fn arg(&self, i: usize) -> Value {
        self.args.get(i).copied().unwrap_or(Value::Undefined)
    }
    /// The arguments from `i` on (empty when fewer were passed).
    pub fn rest(&self, i: usize) -> &[Value] {
        self.args.get(i..).unwrap_or(&[])
    }
}

/// The signature of every built-in function.
pub type NativeFn = fn(&mut Vm, &CallArgs) -> JsResult<Value>;
