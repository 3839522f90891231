//! How errors reach the terminal: syntax errors as `file:line:col:
//! SyntaxError: message` with the source line and a caret, uncaught
//! exceptions as `Uncaught Name: message` plus the stack, like Node.

use jsvm_engine::api::SyntaxErrorInfo;
use jsvm_engine::error::JsError;
use jsvm_engine::vm::Vm;

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

/// Prints an uncaught exception to stderr.
pub fn print_uncaught(vm: &mut Vm, err: &JsError) {
    let report = vm.error_report(err);
    eprintln!("Uncaught {}", report.display);
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
