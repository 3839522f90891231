// A toy Lisp interpreter: tokenizer, reader, environments with closures, tail-heavy recursion.
class LispError extends Error { get name() { return "LispError"; } }
const tokenize = (src) => src.replace(/;.*$/gm, "").replace(/([()'])/g, " $1 ").trim().split(/\s+/).filter(Boolean);
function read(tokens) {
  if (!tokens.length) throw new LispError("unexpected EOF");
  const t = tokens.shift();
  if (t === "(") {
    const list = [];
    while (tokens[0] !== ")") {
      if (!tokens.length) throw new LispError("missing )");
      list.push(read(tokens));
    }
    tokens.shift();
    return list;
  }
  if (t === ")") throw new LispError("unexpected )");
  if (t === "'") return [Symbol.for("quote"), read(tokens)];
  const n = Number(t);
  return Number.isNaN(n) ? Symbol.for(t) : n;
}
class Env {
  constructor(vars = {}, outer = null) { this.vars = new Map(Object.entries(vars)); this.outer = outer; }
  find(name) {
    for (let e = this; e; e = e.outer) if (e.vars.has(name)) return e;
    throw new LispError(`unbound symbol: ${name}`);
  }
  get(name) { return this.find(name).vars.get(name); }
  set(name, v) { this.find(name).vars.set(name, v); }
  define(name, v) { this.vars.set(name, v); }
}
const global = new Env({
  "+": (...a) => a.reduce((x, y) => x + y, 0), "-": (a, ...b) => (b.length ? b.reduce((x, y) => x - y, a) : -a),
  "*": (...a) => a.reduce((x, y) => x * y, 1), "/": (a, b) => a / b, "<": (a, b) => a < b, ">": (a, b) => a > b,
  "=": (a, b) => a === b, mod: (a, b) => a % b, list: (...a) => a, car: (l) => l[0], cdr: (l) => l.slice(1),
  cons: (a, l) => [a, ...l], "null?": (l) => Array.isArray(l) && l.length === 0, length: (l) => l.length,
  map: (f, l) => l.map((x) => f(x)), filter: (f, l) => l.filter((x) => f(x)), apply: (f, l) => f(...l),
});
function evaluate(x, env = global) {
  for (;;) {
    if (typeof x === "symbol") return env.get(Symbol.keyFor(x));
    if (!Array.isArray(x)) return x;
    const [op, ...args] = x;
    switch (typeof op === "symbol" ? Symbol.keyFor(op) : null) {
      case "quote": return args[0];
      case "if": x = evaluate(args[0], env) !== false ? args[1] : args[2]; continue;
      case "define": env.define(Symbol.keyFor(args[0]), evaluate(args[1], env)); return undefined;
      case "set!": env.set(Symbol.keyFor(args[0]), evaluate(args[1], env)); return undefined;
      case "lambda": {
        const params = args[0].map((p) => Symbol.keyFor(p));
        const body = args[1];
        const fn = (...vals) => evaluate(body, new Env(Object.fromEntries(params.map((p, i) => [p, vals[i]])), env));
        fn.lisp = { params, body, env };
        return fn;
      }
      case "begin": args.slice(0, -1).forEach((a) => evaluate(a, env)); x = args.at(-1); continue;
      case "let": {
        const inner = new Env({}, env);
        for (const [name, val] of args[0]) inner.define(Symbol.keyFor(name), evaluate(val, env));
        x = args[1]; env = inner; continue;
      }
      default: {
        const f = evaluate(op, env);
        const vals = args.map((a) => evaluate(a, env));
        if (typeof f !== "function") throw new LispError(`not a procedure: ${show(f)}`);
        if (f.lisp) { env = new Env(Object.fromEntries(f.lisp.params.map((p, i) => [p, vals[i]])), f.lisp.env); x = f.lisp.body; continue; }
        return f(...vals);
      }
    }
  }
}
const show = (v) => Array.isArray(v) ? `(${v.map(show).join(" ")})` : typeof v === "symbol" ? Symbol.keyFor(v) : typeof v === "function" ? "#<procedure>" : v === true ? "#t" : v === false ? "#f" : String(v);
const program = `
(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))
(fact 10)
(define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
(fib 15)
(define count-down (lambda (n acc) (if (= n 0) acc (count-down (- n 1) (+ acc 1)))))
(count-down 20000 0)   ; tail call loop, no stack growth
(define make-counter (lambda () (let ((c 0)) (lambda () (begin (set! c (+ c 1)) c)))))
(define c1 (make-counter))
(c1) (c1) (c1)
(map (lambda (x) (* x x)) '(1 2 3 4))
(filter (lambda (x) (= (mod x 2) 0)) (list 1 2 3 4 5 6))
(cons 'a '(b c))
(apply + (list 1 2 3))
(length '())
(car (cdr '(1 (2 3) 4)))
(undefined-thing 1)
(1 2)
(+ 1 (* 2
`;
const tokens = tokenize(program);
while (tokens.length) {
  const start = tokens.length;
  try {
    const result = evaluate(read(tokens));
    if (result !== undefined) console.log("=>", show(result));
  } catch (e) {
    console.log(`${e.name}: ${e.message}`);
    if (tokens.length === start) tokens.shift();
  }
}
