//! Deep nesting gives a SyntaxError, never a stack overflow, on a thread
//! with the 16 MiB stack the engine gives the parser.

use jsvm_syntax::{parse_script, Bump, ParseOptions};

fn parse_on_big_stack(src: String) -> Result<(), String> {
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || {
            let arena = Bump::new();
            parse_script(&arena, &src, &ParseOptions::default())
                .map(|_| ())
                .map_err(|e| e.message)
        })
        .expect("spawn")
        .join()
        .expect("parser thread panicked")
}

fn nested(open: &str, middle: &str, close: &str, n: usize) -> String {
    format!("{}{}{}", open.repeat(n), middle, close.repeat(n))
}

#[test]
fn moderate_nesting_parses() {
    for (open, middle, close) in [
        ("(", "1", ")"),
        ("[", "", "]"),
        ("{", "", "}"),
        ("{a:", "1", "}"),
        ("a = ", "1", ""),
        ("- ", "1", ""),
        ("!", "x", ""),
        ("new ", "X", ""),
        ("if (x) ", ";", ""),
        ("function f() {", "", "}"),
        ("() => ", "1", ""),
        ("x ? y : ", "z", ""),
        ("`${", "1", "}`"),
        ("f(", "", ")"),
        ("2 ** ", "2", ""),
        ("class A { m() {", "", "} }"),
    ] {
        let src = if open == "{a:" {
            format!("({})", nested(open, middle, close, 1000))
        } else {
            nested(open, middle, close, 1000)
        };
        assert_eq!(parse_on_big_stack(src), Ok(()), "1000 x {open:?}");
    }
    let deep_pattern = format!("var {}a{} = 1;", "[".repeat(1000), "]".repeat(1000));
    assert_eq!(parse_on_big_stack(deep_pattern), Ok(()));
}

#[test]
fn extreme_nesting_is_a_syntax_error() {
    for (open, middle, close) in [
        ("(", "1", ")"),
        ("[", "", "]"),
        ("{", "", "}"),
        ("a = ", "1", ""),
        ("- ", "1", ""),
        ("new ", "X", ""),
        ("if (x) ", ";", ""),
        ("function f() {", "", "}"),
        ("() => ", "1", ""),
        ("`${", "1", "}`"),
        ("2 ** ", "2", ""),
        ("class A { m() {", "", "} }"),
        ("a.b(", "", ")"),
    ] {
        let src = nested(open, middle, close, 100_000);
        let r = parse_on_big_stack(src);
        assert_eq!(r, Err("too much nesting".to_string()), "100000 x {open:?}");
    }
    let deep_pattern = format!("var {}a{} = 1;", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        parse_on_big_stack(deep_pattern),
        Err("too much nesting".to_string())
    );
}

#[test]
fn long_flat_sequences_are_fine() {
    let src = "a + ".repeat(200_000) + "a;";
    assert_eq!(parse_on_big_stack(src), Ok(()));
    let src = "x;\n".repeat(200_000);
    assert_eq!(parse_on_big_stack(src), Ok(()));
    let src = format!("[{}]", "1,".repeat(200_000));
    assert_eq!(parse_on_big_stack(src), Ok(()));
    let src = "a.b".to_string() + &".c".repeat(200_000);
    assert_eq!(parse_on_big_stack(src), Ok(()));
}
