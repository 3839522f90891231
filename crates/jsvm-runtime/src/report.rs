//! How errors reach the terminal: syntax errors as `file:line:col:
//! SyntaxError: message` with the source line and a caret, uncaught
//! exceptions as `Uncaught Name: message` plus the stack, like Node, and
//! process warnings as `(jsvm:PID) Name: message`.
//!
//! Invariant: stdout is flushed before anything is written to stderr, so
//! the two streams interleave in program order on a terminal.

use std::io::Write;

use jsvm_engine::api::SyntaxErrorInfo;
use jsvm_engine::error::JsError;
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

use crate::inspect::inspect_uncaught;

/// `file:line:col: SyntaxError: message`, the line, and a caret under the
/// column.
pub fn format_syntax_error(info: &SyntaxErrorInfo) -> String {
    let line = info.source_line.trim_end_matches(['\r', '\n']);
    // The column counts UTF-16 units; tabs are kept so the caret lines up.
    let caret_pad: String = line
        .chars()
        .flat_map(|c| std::iter::repeat_n(c, c.len_utf16()))
        .take(info.column.saturating_sub(1) as usize)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{}:{}:{}: SyntaxError: {}\n{}\n{}^",
        info.file, info.line, info.column, info.message, line, caret_pad
    )
}

/// Prints an uncaught exception to stderr, after what the program wrote
/// to stdout: `Uncaught ` and the thrown value as Node shows it (a string
/// raw, anything else, errors included, as `util.inspect` formats it: an
/// error's stack with the constructor name put in front when it differs
/// from `name`, then its extra own properties, `[cause]` and `[errors]`
/// in braces).
pub fn print_uncaught(vm: &mut Vm, err: &JsError) {
    let text = uncaught_text(vm, err);
    let _ = std::io::stdout().lock().flush();
    let _ = writeln!(std::io::stderr().lock(), "Uncaught {text}");
}

/// The text after `Uncaught ` for an exception.
pub fn uncaught_text(vm: &mut Vm, err: &JsError) -> String {
    if !err.is_catchable() {
        return vm.error_report(err).display;
    }
    let value = vm.error_to_value(err.clone());
    let mark = vm.roots_len();
    vm.push_root(value);
    let text = match value {
        Value::String(s) => vm.string_to_rust(s),
        _ => inspect_uncaught(vm, value),
    };
    vm.truncate_roots(mark);
    text
}

/// Prints a process warning to stderr: `(jsvm:PID) Name: message`.
pub fn warning(name: &str, message: &str) {
    let _ = std::io::stdout().lock().flush();
    let _ = writeln!(
        std::io::stderr().lock(),
        "(jsvm:{}) {name}: {message}",
        std::process::id()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_the_column() {
        let info = SyntaxErrorInfo {
            message: "Unexpected token ';'".into(),
            file: "a.js".into(),
            line: 2,
            column: 9,
            source_line: "let x = ;".into(),
        };
        assert_eq!(
            format_syntax_error(&info),
            "a.js:2:9: SyntaxError: Unexpected token ';'\nlet x = ;\n        ^"
        );
    }
}
