//! Source positions: byte offset -> 1-based line and column.
//!
//! Invariant: lines are split at every ECMAScript LineTerminatorSequence (LF,
//! CR, CRLF, U+2028, U+2029); columns count UTF-16 code units from the start of
//! the line, plus one (as V8 prints them in stack traces).

/// A table of line starts for one source text.
#[derive(Debug, Clone)]
pub struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset of the first character of each line; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
}

impl<'s> LineIndex<'s> {
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0u32];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push((i + 1) as u32),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push((i + 1) as u32);
                }
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    i += 2;
                    line_starts.push((i + 1) as u32);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            source,
            line_starts,
        }
    }

    /// The 1-based line and 1-based UTF-16 column of a byte offset (clamped
    /// to the source; an offset inside a UTF-8 sequence counts from its
    /// character's start).
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let offset = offset.min(self.source.len() as u32);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let mut end = offset as usize;
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.source[start..end].encode_utf16().count() as u32;
        (line as u32 + 1, column + 1)
    }

    /// The text of a 1-based line, without its terminator (for carets in
    /// error messages).
    pub fn line_text(&self, line: u32) -> &'s str {
        let idx = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(idx) else {
            return "";
        };
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.source.len(), |&e| e as usize);
        self.source[start as usize..end].trim_end_matches(['\n', '\r', '\u{2028}', '\u{2029}'])
    }

    /// Number of lines.
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let src = "ab\ncd\r\nef\rg\u{2028}h𝒳x";
        let li = LineIndex::new(src);
        assert_eq!(li.line_col(0), (1, 1));
        assert_eq!(li.line_col(1), (1, 2));
        assert_eq!(li.line_col(3), (2, 1));
        assert_eq!(li.line_col(7), (3, 1));
        assert_eq!(li.line_col(10), (4, 1));
        let h = src.find('h').unwrap() as u32;
        assert_eq!(li.line_col(h), (5, 1));
        let x = src.rfind('x').unwrap() as u32;
        // The astral character counts two UTF-16 units.
        assert_eq!(li.line_col(x), (5, 4));
        assert_eq!(li.line_text(2), "cd");
        assert_eq!(li.line_count(), 5);
    }
}
