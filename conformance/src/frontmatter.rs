//! Test262 metadata: the YAML frontmatter between `/*---` and `---*/`.
//!
//! Only the keys that change how a test runs are read (`includes`, `flags`,
//! `features`, `negative`); everything else (`description`, `info`, `esid`,
//! ...) is skipped. The YAML subset is the one test262 uses: top-level keys at
//! column 0, lists in flow (`[a, b]`, possibly spanning lines) or block
//! (`- a`) style, and `negative` as an indented or flow mapping. Invariant: a
//! successfully parsed `Metadata` only holds flags this runner knows; an
//! unknown flag or a malformed `negative` is an error, so a typo in the suite
//! (or a gap here) never silently changes how a test is judged.

/// The phase a negative test expects its error in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Parsing or early errors: nothing may run.
    Parse,
    /// Module linking (only in module tests).
    Resolution,
    /// Evaluation.
    Runtime,
}

impl Phase {
    /// The name used in the frontmatter.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Parse => "parse",
            Phase::Resolution => "resolution",
            Phase::Runtime => "runtime",
        }
    }
}

/// The `negative` key: the test must throw `error_type` in `phase`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negative {
    pub phase: Phase,
    pub error_type: String,
}

/// The `flags` key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub only_strict: bool,
    pub no_strict: bool,
    pub raw: bool,
    pub module: bool,
    pub is_async: bool,
    pub generated: bool,
    pub can_block_is_false: bool,
    pub can_block_is_true: bool,
}

/// Everything the runner needs from a test's frontmatter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Harness files to load after the default ones, in order.
    pub includes: Vec<String>,
    pub flags: Flags,
    pub features: Vec<String>,
    pub negative: Option<Negative>,
}

/// Parses the frontmatter of a test file.
pub fn parse(source: &str) -> Result<Metadata, String> {
    let start = source
        .find("/*---")
        .ok_or_else(|| "no /*--- frontmatter".to_string())?;
    let body = &source[start + 5..];
    let end = body
        .find("---*/")
        .ok_or_else(|| "unterminated frontmatter (no ---*/)".to_string())?;
    parse_yaml(&body[..end])
}

/// Splits on every JS line terminator sequence (LF, CRLF, CR, LS, PS): a few
/// tests use CR-only line endings, in their frontmatter too.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\n', '\r', '\u{2028}', '\u{2029}']) {
        out.push(&rest[..i]);
        let ch = rest[i..].chars().next().unwrap_or('\n');
        let mut next = i + ch.len_utf8();
        if ch == '\r' && rest[next..].starts_with('\n') {
            next += 1;
        }
        rest = &rest[next..];
    }
    out.push(rest);
    out
}

/// A top-level `key: rest` line (key at column 0).
fn top_level_key(line: &str) -> Option<(&str, &str)> {
    let first = line.chars().next()?;
    if first.is_whitespace() || first == '#' || first == '-' {
        return None;
    }
    let colon = line.find(':')?;
    let key = &line[..colon];
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
    {
        return None;
    }
    Some((key, &line[colon + 1..]))
}

/// Removes a trailing ` # comment` (YAML comments need a space before `#`).
fn strip_comment(s: &str) -> &str {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &s[..i];
        }
    }
    s
}

/// Removes surrounding quotes from a scalar.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

fn parse_yaml(yaml: &str) -> Result<Metadata, String> {
    let lines = lines(yaml);
    let mut meta = Metadata::default();
    let mut i = 0;
    while i < lines.len() {
        let Some((key, rest)) = top_level_key(lines[i]) else {
            i += 1;
            continue;
        };
        i += 1;
        let rest = strip_comment(rest).trim();
        match key {
            "includes" | "flags" | "features" => {
                let items = read_list(key, rest, &lines, &mut i)?;
                match key {
                    "includes" => meta.includes = items,
                    "features" => meta.features = items,
                    _ => meta.flags = parse_flags(&items)?,
                }
            }
            "negative" => meta.negative = Some(read_negative(rest, &lines, &mut i)?),
            _ => {}
        }
    }
    Ok(meta)
}

/// Reads a list value that starts with `rest` on the key's line; `i` is the
/// next line and is advanced past any continuation lines consumed.
fn read_list(key: &str, rest: &str, lines: &[&str], i: &mut usize) -> Result<Vec<String>, String> {
    if let Some(flow) = rest.strip_prefix('[') {
        // Flow list, possibly continued on later lines until `]`.
        let mut text = flow.to_string();
        while !text.contains(']') {
            let Some(line) = lines.get(*i) else {
                return Err(format!("unterminated [ list for `{key}`"));
            };
            text.push(' ');
            text.push_str(strip_comment(line));
            *i += 1;
        }
        let close = text.find(']').unwrap_or(text.len());
        if !text[close + 1..].trim().is_empty() {
            return Err(format!("unexpected text after ] in `{key}`"));
        }
        return Ok(text[..close]
            .split(',')
            .map(unquote)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect());
    }
    if !rest.is_empty() {
        return Err(format!("`{key}` must be a list, found `{rest}`"));
    }
    // Block list: `  - item` lines (blank lines and comments allowed).
    let mut items = Vec::new();
    while let Some(line) = lines.get(*i) {
        let t = strip_comment(line).trim();
        if t.is_empty() {
            *i += 1;
            continue;
        }
        let Some(item) = t.strip_prefix('-') else {
            break;
        };
        if top_level_key(line).is_some() {
            break;
        }
        items.push(unquote(item).to_string());
        *i += 1;
    }
    Ok(items)
}

fn parse_flags(items: &[String]) -> Result<Flags, String> {
    let mut f = Flags::default();
    for item in items {
        match item.as_str() {
            "onlyStrict" => f.only_strict = true,
            "noStrict" => f.no_strict = true,
            "raw" => f.raw = true,
            "module" => f.module = true,
            "async" => f.is_async = true,
            "generated" => f.generated = true,
            "CanBlockIsFalse" => f.can_block_is_false = true,
            "CanBlockIsTrue" => f.can_block_is_true = true,
            // Informational only (the test's output may vary between runs).
            "non-deterministic" => {}
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    if f.only_strict && f.no_strict {
        return Err("both onlyStrict and noStrict".to_string());
    }
    Ok(f)
}

/// Reads `negative:` as a flow mapping on the same line or indented
/// `phase:`/`type:` lines below it.
fn read_negative(rest: &str, lines: &[&str], i: &mut usize) -> Result<Negative, String> {
    let mut phase = None;
    let mut error_type = None;
    let mut set = |k: &str, v: &str| -> Result<(), String> {
        match k.trim() {
            "phase" => {
                phase = Some(match unquote(v) {
                    "parse" => Phase::Parse,
                    "resolution" => Phase::Resolution,
                    "runtime" => Phase::Runtime,
                    other => return Err(format!("unknown negative phase `{other}`")),
                })
            }
            "type" => error_type = Some(unquote(v).to_string()),
            _ => {}
        }
        Ok(())
    };
    if let Some(flow) = rest.strip_prefix('{') {
        let inner = flow
            .split('}')
            .next()
            .ok_or_else(|| "bad negative mapping".to_string())?;
        for pair in inner.split(',') {
            if let Some((k, v)) = pair.split_once(':') {
                set(k, v)?;
            }
        }
    } else if rest.is_empty() {
        while let Some(line) = lines.get(*i) {
            if top_level_key(line).is_some() {
                break;
            }
            let t = strip_comment(line).trim();
            if let Some((k, v)) = t.split_once(':') {
                set(k, v)?;
            }
            *i += 1;
        }
    } else {
        return Err(format!("`negative` must be a mapping, found `{rest}`"));
    }
    match (phase, error_type) {
        (Some(phase), Some(error_type)) if !error_type.is_empty() => {
            Ok(Negative { phase, error_type })
        }
        _ => Err("`negative` needs both phase and type".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(yaml: &str) -> Metadata {
        parse(&format!("// header\n/*---\n{yaml}\n---*/\ncode();\n")).unwrap()
    }

    #[test]
    fn flow_lists_and_flags() {
        let m = meta(
            "description: x\nincludes: [propertyHelper.js, compareArray.js]\nflags: [onlyStrict, async]\nfeatures: [Symbol, 'Symbol.iterator'] # note",
        );
        assert_eq!(m.includes, ["propertyHelper.js", "compareArray.js"]);
        assert_eq!(m.features, ["Symbol", "Symbol.iterator"]);
        assert!(m.flags.only_strict && m.flags.is_async && !m.flags.raw);
        assert_eq!(m.negative, None);
    }

    #[test]
    fn block_lists() {
        let m = meta("features:\n  - Symbol\n  - Symbol.iterator\n\nincludes:\n- a.js\nesid: x");
        assert_eq!(m.features, ["Symbol", "Symbol.iterator"]);
        assert_eq!(m.includes, ["a.js"]);
    }

    #[test]
    fn flow_list_across_lines() {
        let m = meta("includes: [a.js,\n  b.js]\nflags: []");
        assert_eq!(m.includes, ["a.js", "b.js"]);
        assert_eq!(m.flags, Flags::default());
    }

    #[test]
    fn negative_block_and_flow() {
        let m = meta("negative:\n  phase: parse\n  type: SyntaxError\nflags: [raw]");
        assert_eq!(
            m.negative,
            Some(Negative {
                phase: Phase::Parse,
                error_type: "SyntaxError".into()
            })
        );
        assert!(m.flags.raw);
        let m = meta("negative: {phase: runtime, type: Test262Error}");
        assert_eq!(
            m.negative,
            Some(Negative {
                phase: Phase::Runtime,
                error_type: "Test262Error".into()
            })
        );
    }

    #[test]
    fn block_scalars_are_skipped() {
        // Indented lines inside `info: |` look like keys but are not top level.
        let m = meta("info: |\n  flags: [raw]\n  includes: [x.js]\n  - not a list\ndescription: >\n  text\nflags: [noStrict]");
        assert!(m.flags.no_strict && !m.flags.raw);
        assert!(m.includes.is_empty());
    }

    #[test]
    fn cr_only_line_endings() {
        let src = "/*---\rdescription: x\rflags: [noStrict]\rincludes: [a.js]\r---*/\r";
        let m = parse(src).unwrap();
        assert!(m.flags.no_strict);
        assert_eq!(m.includes, ["a.js"]);
    }

    #[test]
    fn errors() {
        assert!(parse("no frontmatter").is_err());
        assert!(parse("/*---\nflags: [bogus]\n---*/").is_err());
        assert!(parse("/*---\nnegative:\n  phase: parse\n---*/").is_err());
        assert!(parse("/*---\nnegative:\n  phase: later\n  type: X\n---*/").is_err());
        assert!(parse("/*---\nflags: [onlyStrict, noStrict]\n---*/").is_err());
        assert!(parse("/*---\nincludes: [a.js\n---*/").is_err());
    }
}
