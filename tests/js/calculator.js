// Tokenizer and recursive-descent calculator with variables and functions.
class CalcError extends Error { name = "CalcError"; }

function tokenize(src) {
  const tokens = [];
  const re = /\s*(?:(\d+\.?\d*(?:e[+-]?\d+)?)|([A-Za-z_]\w*)|(\*\*|[-+*/%^(),=]))/gy;
  let m;
  let last = 0;
  while (last < src.length && (m = re.exec(src))) {
    if (m[1] !== undefined) tokens.push({ type: "num", value: parseFloat(m[1]) });
    else if (m[2] !== undefined) tokens.push({ type: "id", value: m[2] });
    else tokens.push({ type: "op", value: m[3] });
    last = re.lastIndex;
  }
  if (src.slice(last).trim()) throw new CalcError(`Unexpected character at ${last}: '${src.slice(last).trim()[0]}'`);
  return tokens;
}

function evaluate(src, env) {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const eat = (v) => {
    const t = toks[pos];
    if (v !== undefined && (!t || t.value !== v)) throw new CalcError(`Expected '${v}' but found ${t ? `'${t.value}'` : "end"}`);
    pos++;
    return t;
  };
  function expr() {
    let v = term();
    while (peek()?.value === "+" || peek()?.value === "-") v = eat().value === "+" ? v + term() : v - term();
    return v;
  }
  function term() {
    let v = power();
    for (;;) {
      const op = peek()?.value;
      if (op === "*") { eat(); v *= power(); }
      else if (op === "/") {
        eat();
        const d = power();
        if (d === 0) throw new CalcError("Division by zero");
        v /= d;
      } else if (op === "%") { eat(); v %= power(); }
      else return v;
    }
  }
  function power() {
    const base = unary();
    if (peek()?.value === "^" || peek()?.value === "**") { eat(); return base ** power(); }
    return base;
  }
  function unary() {
    if (peek()?.value === "-") { eat(); return -unary(); }
    if (peek()?.value === "+") { eat(); return +unary(); }
    return primary();
  }
  function primary() {
    const t = eat();
    if (!t) throw new CalcError("Unexpected end of input");
    if (t.type === "num") return t.value;
    if (t.type === "id") {
      if (peek()?.value === "(") {
        eat("(");
        const args = [];
        if (peek()?.value !== ")") do { args.push(expr()); } while (peek()?.value === "," && eat());
        eat(")");
        const fn = Math[t.value];
        if (typeof fn !== "function") throw new CalcError(`Unknown function ${t.value}`);
        return fn(...args);
      }
      if (t.value in env) return env[t.value];
      if (t.value.toUpperCase() in Math) return Math[t.value.toUpperCase()];
      throw new CalcError(`Unknown variable ${t.value}`);
    }
    if (t.value === "(") { const v = expr(); eat(")"); return v; }
    throw new CalcError(`Unexpected '${t.value}'`);
  }
  let target = null;
  if (toks[1]?.value === "=" && toks[0].type === "id") { target = toks[0].value; pos = 2; }
  const result = expr();
  if (pos < toks.length) throw new CalcError(`Unexpected '${toks[pos].value}'`);
  if (target) env[target] = result;
  return result;
}

const env = Object.create(null);
const lines = [
  "1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ** 2", "x = 10 / 4", "y = x * 2 + 1",
  "max(x, y, 3) + min(1, 2)", "sqrt(16) + abs(-3.5)", "pi * 2", "10 % 4 + 1e2",
  "1 / 0", "2 * (3 + ", "foo + 1", "3 $ 4", "hypot(3, 4)", "round(2.5) + floor(-0.5)", "nope(1)",
];
for (const line of lines) {
  try {
    console.log(`${line.padEnd(26)} => ${evaluate(line, env)}`);
  } catch (e) {
    console.log(`${line.padEnd(26)} !! ${e.name}: ${e.message}`);
  }
}
console.log(env, Object.keys(env));
