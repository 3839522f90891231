//! `jsvm --dump-bytecode`: parse and compile a script without running it and
//! return the disassembly of its code and nested functions.
//! OWNER: lead.

use crate::api::SyntaxErrorInfo;

/// The bytecode listing of `source` compiled as a classic script, or the
/// syntax error that stopped it.
pub fn disassemble_script(source: &str, filename: &str) -> Result<String, SyntaxErrorInfo> {
    let arena = jsvm_syntax::Bump::new();
    let error = |message: String, line: u32, column: u32| SyntaxErrorInfo {
        message,
        file: filename.to_string(),
        line,
        column,
        source_line: source
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("")
            .to_string(),
    };
    let program = jsvm_syntax::parse_script(&arena, source, &Default::default())
        .map_err(|e| error(e.message, e.line, e.column))?;
    let code = jsvm_compiler::compile_script(&program, filename)
        .map_err(|e| error(e.message, e.line, e.column))?;
    Ok(jsvm_bytecode::disassemble(&code))
}
