//! Regular expression literal early errors (13.2.7.2): the flags, and the
//! pattern's syntax for those flags.
//!
//! Invariant: a RegExp literal that reaches the AST has valid flags and a
//! pattern that the `regress` engine accepts with them.

use super::{err, PResult};

/// Validates a regular expression literal's flags and pattern.
pub fn validate_regexp(pattern: &str, flags: &str, at: u32) -> PResult<()> {
    let mut seen = 0u32;
    let mut f = regress::Flags {
        no_opt: true,
        ..Default::default()
    };
    for c in flags.chars() {
        let bit = match c {
            'd' => 0,
            'g' => 1,
            'i' => 2,
            'm' => 3,
            's' => 4,
            'u' => 5,
            'v' => 6,
            'y' => 7,
            _ => return err(at, format!("invalid regular expression flags '{flags}'")),
        };
        if seen & (1 << bit) != 0 {
            return err(
                at,
                format!("duplicate flag in regular expression flags '{flags}'"),
            );
        }
        seen |= 1 << bit;
        match c {
            'i' => f.icase = true,
            'm' => f.multiline = true,
            's' => f.dot_all = true,
            'u' => f.unicode = true,
            'v' => f.unicode_sets = true,
            _ => {}
        }
    }
    if f.unicode && f.unicode_sets {
        return err(
            at,
            "regular expression flags 'u' and 'v' cannot be combined",
        );
    }
    match regress::Regex::from_unicode(pattern.chars().map(u32::from), f) {
        Ok(_) => Ok(()),
        Err(e) => err(
            at,
            format!("invalid regular expression: /{pattern}/{flags}: {e}"),
        ),
    }
}
