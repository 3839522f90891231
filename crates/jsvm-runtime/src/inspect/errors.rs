//! Errors as `util.inspect` shows them (Node's formatError): the `stack`
//! (or `[Name: message]` when there is none), the constructor name put in
//! front when it differs from `name` (`ValidationError [TypeError]: ...`),
//! frames shared with the `cause` folded into `... n lines matching cause
//! stack trace ...`, and `cause` / `errors` added to the keys shown.
//!
//! Invariant: the reads of `name`, `message`, `stack`, `cause` and
//! `errors` may run getters (as in Node); whatever they throw is ignored.

use jsvm_engine::api::PropertyKey;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use super::names::prefix;
use super::Ctx;

impl Ctx {
    /// Node's formatError; `keys` loses the properties already visible in
    /// the stack and gains `cause` / `errors`.
    pub(super) fn format_error(
        &mut self,
        vm: &mut Vm,
        err: ObjId,
        constructor: Option<&str>,
        tag: &str,
        keys: &mut Vec<PropertyKey>,
    ) -> String {
        let name = match get(vm, err, "name") {
            Value::Undefined | Value::Null => "Error".to_string(),
            v => to_display_string(vm, v),
        };
        let stack = stack_string(vm, err);
        // removeDuplicateErrorKeys
        if !self.options.show_hidden && !keys.is_empty() {
            for prop in ["name", "message", "stack"] {
                let k = vm.key(prop);
                if keys.contains(&k) {
                    let v = get(vm, err, prop);
                    let text = to_display_string(vm, v);
                    if stack.contains(&text) {
                        keys.retain(|x| *x != k);
                    }
                }
            }
        }
        let cause_key = vm.key("cause");
        if vm.has_property(err, cause_key).unwrap_or(false) && !keys.contains(&cause_key) {
            keys.push(cause_key);
        }
        let errors_key = vm.key("errors");
        let errors = get(vm, err, "errors");
        if vm.is_array(errors).unwrap_or(false) && !keys.contains(&errors_key) {
            keys.push(errors_key);
        }
        let mut stack = improve_stack(stack, constructor, &name, tag);
        // Ignore the message if the stack contains it.
        let message = match get(vm, err, "message") {
            Value::String(s) => vm.string_to_rust(s),
            _ => String::new(),
        };
        let pos = if message.is_empty() {
            None
        } else {
            match stack.find(&message) {
                Some(0) | None => None,
                Some(p) => Some(p + message.len()),
            }
        };
        let from = pos.unwrap_or(0).min(stack.len());
        let stack_start = stack
            .get(from..)
            .and_then(|s| s.find("\n    at"))
            .map(|i| i + from);
        let top_level_report = self.uncaught && self.seen.is_empty();
        match stack_start {
            None if top_level_report => {}
            None => stack = format!("[{stack}]"),
            Some(start) => {
                let head = stack[..start].to_string();
                let frames = stack_frames(vm, err, &stack[start + 1..]);
                stack = format!("{head}\n{}", frames.join("\n"));
            }
        }
        if self.indentation != 0 {
            let pad = " ".repeat(self.indentation);
            stack = stack.replace('\n', &format!("\n{pad}"));
        }
        stack
    }
}

/// `o[name]` through [[Get]] (undefined if it throws).
fn get(vm: &mut Vm, o: ObjId, name: &str) -> Value {
    let k = vm.key(name);
    let v = vm.get_prop(o, k).unwrap_or(Value::Undefined);
    vm.push_root(v);
    v
}

/// `String(v)` (symbols as `Symbol(desc)`; "" if it throws).
fn to_display_string(vm: &mut Vm, v: Value) -> String {
    if let Value::Symbol(s) = v {
        return super::names::symbol_to_string(vm, s);
    }
    match vm.to_string(v) {
        Ok(s) => vm.string_to_rust(s),
        Err(_) => String::new(),
    }
}

/// Node's getStackString: `error.stack` if truthy, else what
/// Error.prototype.toString gives.
fn stack_string(vm: &mut Vm, err: ObjId) -> String {
    let stack = get(vm, err, "stack");
    let truthy = match stack {
        Value::Undefined | Value::Null | Value::Uninit => false,
        Value::Boolean(b) => b,
        Value::Number(n) => n != 0.0 && !n.is_nan(),
        Value::String(s) => vm.string_len(s) > 0,
        _ => true,
    };
    if truthy {
        return to_display_string(vm, stack);
    }
    let name = match get(vm, err, "name") {
        Value::Undefined => "Error".to_string(),
        v => to_display_string(vm, v),
    };
    let msg = match get(vm, err, "message") {
        Value::Undefined => String::new(),
        v => to_display_string(vm, v),
    };
    if name.is_empty() {
        msg
    } else if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// Node's getStackFrames: the frame lines, with a run shared with the
/// cause's stack replaced by one line.
fn stack_frames(vm: &mut Vm, err: ObjId, frames_text: &str) -> Vec<String> {
    let mut frames: Vec<String> = frames_text.split('\n').map(String::from).collect();
    let cause = get(vm, err, "cause");
    if let Value::Object(c) = cause {
        if vm.is_error_object(cause) {
            let cause_stack = stack_string(vm, c);
            if let Some(start) = cause_stack.find("\n    at") {
                let cause_frames: Vec<&str> = cause_stack[start + 1..].split('\n').collect();
                let (len, offset) = identical_sequence_range(&frames, &cause_frames);
                if len > 0 {
                    let skipped = len - 2;
                    let msg = format!("    ... {skipped} lines matching cause stack trace ...");
                    frames.splice(offset + 1..offset + 1 + skipped, [msg]);
                }
            }
        }
    }
    frames
}

/// Node's identicalSequenceRange: the longest (over 3 lines) run of `a`
/// that also appears in `b`, as (length, offset in `a`).
fn identical_sequence_range(a: &[String], b: &[&str]) -> (usize, usize) {
    for i in 0..a.len().saturating_sub(3) {
        if let Some(pos) = b.iter().position(|x| *x == a[i]) {
            let rest = b.len() - pos;
            if rest > 3 {
                let mut len = 1;
                let max_len = (a.len() - i).min(rest);
                while max_len > len && a[i + len] == b[pos + len] {
                    len += 1;
                }
                if len > 3 {
                    return (len, i);
                }
            }
        }
    }
    (0, 0)
}

/// Node's improveStack: for errors that "look normal", puts the
/// constructor name in front (`Foo [TypeError]: msg` or, when it contains
/// the name, just the constructor name).
fn improve_stack(stack: String, constructor: Option<&str>, name: &str, tag: &str) -> String {
    let mut len = name.len();
    let looks_normal = name.ends_with("Error")
        && stack.starts_with(name)
        && matches!(stack.as_bytes().get(len), None | Some(b':') | Some(b'\n'));
    if constructor.is_some() && !looks_normal {
        return stack;
    }
    let mut fallback = "Error".to_string();
    if constructor.is_none() {
        let start = leading_class_name(&stack);
        len = start.len();
        fallback = if start.is_empty() {
            "Error".into()
        } else {
            start
        };
    }
    let p = prefix(constructor, tag, &fallback, "");
    let p = p.strip_suffix(' ').unwrap_or(&p).to_string();
    if name == p {
        return stack;
    }
    let rest = stack.get(len..).unwrap_or("");
    if p.contains(name) {
        if len == 0 {
            format!("{p}: {stack}")
        } else {
            format!("{p}{rest}")
        }
    } else {
        format!("{p} [{name}]{rest}")
    }
}

/// `/^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/` or
/// `/^([a-z_A-Z0-9-]*Error)$/` applied to a stack: the name at its start.
fn leading_class_name(stack: &str) -> String {
    let bytes = stack.as_bytes();
    if bytes.first().is_some_and(|b| b.is_ascii_uppercase()) {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b"_ []()-".contains(&b);
        let mut end = 1;
        while end < bytes.len() && allowed(bytes[end]) {
            end += 1;
        }
        // Backtrack to a position followed by ':' or "\n    at".
        let mut e = end;
        while e > 1 {
            let rest = &stack[e..];
            if rest.starts_with(':') || rest.starts_with("\n    at") {
                return stack[..e].to_string();
            }
            e -= 1;
        }
    }
    let whole_ok = stack
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if whole_ok && stack.ends_with("Error") {
        return stack.to_string();
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructor_name_goes_in_front() {
        let s = "TypeError: bad\n    at f (a.js:1:1)".to_string();
        assert_eq!(
            improve_stack(s.clone(), Some("ValidationError"), "TypeError", ""),
            "ValidationError [TypeError]: bad\n    at f (a.js:1:1)"
        );
        assert_eq!(
            improve_stack(s.clone(), Some("TypeError"), "TypeError", ""),
            s
        );
        assert_eq!(
            improve_stack("Error: x".into(), Some("MyError"), "Error", ""),
            "MyError: x"
        );
        assert_eq!(
            improve_stack("Error: x".into(), None, "Error", ""),
            "[Error: null prototype]: x"
        );
        assert_eq!(
            improve_stack("Custom: x".into(), Some("Error"), "Custom", ""),
            "Custom: x"
        );
    }

    #[test]
    fn shared_frames_are_found() {
        let a: Vec<String> = ["x", "1", "2", "3", "4", "5"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let b = ["y", "1", "2", "3", "4", "5"];
        assert_eq!(identical_sequence_range(&a, &b), (5, 1));
        assert_eq!(identical_sequence_range(&a, &["1", "2"]), (0, 0));
    }
}
