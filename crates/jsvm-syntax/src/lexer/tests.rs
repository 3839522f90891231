//! Lexer unit tests.

use super::*;

fn lex_all(src: &str) -> Result<Vec<(Kind, String)>, LexError> {
    let arena = Bump::new();
    let mut lx = Lexer::new(&arena, src, false);
    let mut out = Vec::new();
    loop {
        let t = lx.next_token()?;
        if t.kind == Kind::Eof {
            return Ok(out);
        }
        let v = match t.value {
            TokenValue::None => String::new(),
            TokenValue::Name(n) => n.to_string(),
            TokenValue::Number(n) => format!("{n}"),
            TokenValue::BigInt(d, r) => format!("{d}r{r}"),
            TokenValue::String(s) => String::from_utf16_lossy(s),
            TokenValue::Template { cooked, raw } => {
                format!("{:?}|{raw}", cooked.map(String::from_utf16_lossy))
            }
            TokenValue::RegExp(p, f) => format!("/{p}/{f}"),
        };
        out.push((t.kind, v));
    }
}

fn kinds(src: &str) -> Vec<Kind> {
    lex_all(src).unwrap().into_iter().map(|(k, _)| k).collect()
}

fn num(src: &str) -> f64 {
    let arena = Bump::new();
    let mut lx = Lexer::new(&arena, src, false);
    match lx.next_token().unwrap().value {
        TokenValue::Number(n) => n,
        v => panic!("not a number: {v:?}"),
    }
}

#[test]
fn punctuators() {
    use Kind::*;
    assert_eq!(
        kinds("a?.b ?? c ??= d >>>= e ** f => ...g?.5:1"),
        vec![
            Identifier,
            QuestionDot,
            Identifier,
            QuestionQuestion,
            Identifier,
            QuestionQuestionEq,
            Identifier,
            UShrEq,
            Identifier,
            StarStar,
            Identifier,
            Arrow,
            Ellipsis,
            Identifier,
            Question,
            Number,
            Colon,
            Number
        ]
    );
}

#[test]
fn numbers() {
    assert_eq!(num("0x1F"), 31.0);
    assert_eq!(num("0o17"), 15.0);
    assert_eq!(num("0b101"), 5.0);
    assert_eq!(num("017"), 15.0);
    assert_eq!(num("019"), 19.0);
    assert_eq!(num("08.5"), 8.5);
    assert_eq!(num("1_000_000"), 1e6);
    assert_eq!(num(".5e1"), 5.0);
    assert_eq!(num("1."), 1.0);
    assert_eq!(num("1e-7"), 1e-7);
    assert!(lex_all("1__0").is_err());
    assert!(lex_all("1_").is_err());
    assert!(lex_all("0_1").is_err());
    assert!(lex_all("1._5").is_err());
    assert!(lex_all("1_.5").is_err());
    assert!(lex_all("3in x").is_err());
    assert!(lex_all("0x").is_err());
    assert!(lex_all("01n").is_err());
    assert!(lex_all("1.5n").is_err());
    assert_eq!(lex_all("0x1_fn").unwrap()[0].1, "1fr16");
}

#[test]
fn strings_and_templates() {
    let t = lex_all(
        r#"'a\x41\u{1F600}\u0042\101\
b'"#,
    )
    .unwrap();
    assert_eq!(t[0].1, "aA😀BAb");
    assert!(lex_all("'a\nb'").is_err());
    assert_eq!(lex_all("'\u{2028}'").unwrap()[0].1, "\u{2028}");
    let t = lex_all("`a\\u{g}${").unwrap();
    assert_eq!(t[0], (Kind::TemplateHead, "None|a\\u{g}".to_string()));
    let t = lex_all("`a\r\nb`").unwrap();
    assert_eq!(t[0].1, "Some(\"a\\nb\")|a\nb");
}

#[test]
fn identifiers_and_comments() {
    let t = lex_all("\\u0061b /* x */ c // y\n <!-- z\n --> w\n d").unwrap();
    assert_eq!(t.len(), 3);
    assert_eq!(t[0], (Kind::Identifier, "ab".to_string()));
    assert_eq!(lex_all("\\u{69}f").unwrap()[0].0, Kind::If);
    assert!(lex_all("\\u0030x").is_err());
    assert!(lex_all("/* x").is_err());
    assert_eq!(kinds("-->x"), vec![]);
    assert_eq!(
        kinds("a-->x"),
        vec![
            Kind::Identifier,
            Kind::MinusMinus,
            Kind::Gt,
            Kind::Identifier
        ]
    );
}

#[test]
fn regexp_rescan() {
    let arena = Bump::new();
    let mut lx = Lexer::new(&arena, "/[/]\\//gi;", false);
    let t = lx.next_token().unwrap();
    assert_eq!(t.kind, Kind::Slash);
    let r = lx.rescan_regexp(t.start, false).unwrap();
    assert_eq!(r.value, TokenValue::RegExp("[/]\\/", "gi"));
    assert_eq!(lx.next_token().unwrap().kind, Kind::Semicolon);
}

#[test]
fn token_is_small() {
    assert!(std::mem::size_of::<Token<'_>>() <= 64);
}
