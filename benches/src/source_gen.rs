//! A large, varied JavaScript source for the front-end benches (lexing,
//! parsing, compiling): one template of everyday code (functions, classes
//! with fields, getters and private members, loops, destructuring, object
//! and array literals, numbers in every notation, strings with escapes,
//! template literals, regular expressions, arrows, generators, async
//! functions, comments) instantiated again and again with different names
//! and literals until the text reaches the requested size.
//!
//! Invariant: the output is a valid Script (it parses and compiles; the
//! benches check this before timing), deterministic for a given size, and
//! every top-level name is unique, so no instance redeclares another's.

use std::fmt::Write;

/// One instance of the template, with `i` woven into names and literals.
fn unit(out: &mut String, i: usize) {
    let k = i % 97;
    let f = (i as f64) * 0.125 + 1.5;
    // `write!` into a String cannot fail.
    let _ = write!(
        out,
        r#"// Unit {i}: a little of everything a real script contains.
/* Block comment {i}: the lexer skips it
   over several lines. */
function compute_{i}(a, b = {k}, ...rest) {{
  let total = 0;
  for (let j = 0; j < a.length; j++) {{
    if (a[j] % 2 === 0 && a[j] !== b) {{
      total += a[j] * 0x{k:x} + 0b1011 - 0o17 + {f:.3} + 1e-{e};
    }} else if (a[j] > b || rest.length > 0) {{
      total -= (a[j] << 2) >>> 1;
    }} else {{
      continue;
    }}
  }}
  while (total > 1_000_000) total /= 2;
  do {{ total++; }} while (total < {k});
  switch (total % 3) {{
    case 0: return total;
    case 1: total = ~total; break;
    default: total = -total;
  }}
  return total ?? null;
}}

class Shape_{i} extends Object {{
  #id = {i};
  static count = 0;
  name = "shape-{i}";
  constructor(w, h) {{
    super();
    this.w = w;
    this.h = h;
    Shape_{i}.count++;
  }}
  get area() {{ return this.w * this.h; }}
  set area(v) {{ this.w = v / this.h; }}
  #secret() {{ return this.#id * {k}; }}
  describe() {{
    return `Shape ${{this.name}} (${{this.w}}x${{this.h}}) = ${{this.area.toFixed(2)}} #${{this.#secret()}}`;
  }}
  static of(...dims) {{ return new Shape_{i}(...dims); }}
}}

const config_{i} = {{
  id: {i},
  label: 'unit \'{i}\' \u00e9\t\n',
  ratio: {f},
  tags: ["alpha", "beta", "gamma-{k}", `t-${{{k} + 1}}`],
  nested: {{ deep: {{ deeper: [1, 2, [3, 4, {{ five: 5 }}]] }}, flag: true, none: null }},
  [`computed_${{{i}}}`]: {k},
  method() {{ return this.id + {k}; }},
  get lazy() {{ return this.ratio * 2; }},
}};

const matcher_{i} = /^(?:[a-z]+)-(\d{{1,3}})\.(?<ext>js|ts)$/giu;
const splitter_{i} = /[\s,;]+/;

function* walk_{i}(node, depth = 0) {{
  if (!node) return;
  yield [node.key, depth];
  for (const child of node.children ?? []) yield* walk_{i}(child, depth + 1);
}}

async function fetchAll_{i}(urls, limit = {k}) {{
  const results = [];
  for await (const chunk of urls) {{
    try {{
      const {{ status, body: [first, ...others] = [] }} = await chunk;
      results.push(status === 200 ? first : others.length);
    }} catch (err) {{
      results.push(err instanceof TypeError ? -1 : -2);
    }} finally {{
      if (results.length > limit) break;
    }}
  }}
  return results;
}}

const pipeline_{i} = [3, 1, 4, 1, 5, 9, 2, 6, {k}]
  .map((x, idx) => x * idx)
  .filter((x) => x % 3 !== 0)
  .reduce((acc, x) => acc + x, 0);

label_{i}: for (const [key, value] of Object.entries(config_{i})) {{
  for (let n = 0; n < 3; n++) {{
    if (typeof value === "function") continue label_{i};
    if (key === "nested" && n > 1) break label_{i};
  }}
}}

var legacy_{i} = function (x) {{ var self = this; return x in self ? self[x] : void 0; }};
let [first_{i}, , third_{i} = {k}] = [{i}, {k}, undefined];
const {{ id: id_{i}, tags: [tag_{i}] }} = config_{i};
"#,
        e = 1 + i % 9,
    );
}

/// Instances of the template, concatenated until the text is at least
/// `target_bytes` long.
pub fn generated_script(target_bytes: usize) -> String {
    let mut out = String::with_capacity(target_bytes + 4096);
    let mut i = 0;
    while out.len() < target_bytes {
        unit(&mut out, i);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaches_the_size_and_is_deterministic() {
        let a = generated_script(50_000);
        assert!(a.len() >= 50_000);
        assert_eq!(a, generated_script(50_000));
    }

    #[test]
    fn parses_and_compiles() {
        let src = generated_script(20_000);
        let arena = jsvm_syntax::Bump::new();
        let program = jsvm_syntax::parse_script(&arena, &src, &Default::default());
        let program = match program {
            Ok(p) => p,
            Err(e) => panic!("generated script does not parse: {e}"),
        };
        if let Err(e) = jsvm_compiler::compile_script(&program, "generated.js") {
            panic!("generated script does not compile: {e:?}");
        }
    }
}
