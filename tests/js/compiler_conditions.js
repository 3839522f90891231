// Conditions compiled to jumps: && || ! ?: and comparisons (with and
// without integer literals) in if/while/for/do-while/?: tests, with side
// effects that show short-circuiting and evaluation order.
const trace = [];
function t(label, v) {
  trace.push(label);
  return v;
}

function ifs(a, b) {
  const r = [];
  if (t("a", a) && t("b", b)) r.push("and");
  if (t("a", a) || t("b", b)) r.push("or");
  if (!(t("a", a) && t("b", b))) r.push("nand");
  if (!t("a", a) || !t("b", b)) r.push("not-or-not");
  if ((t("a", a) || t("b", b)) && !(t("a2", a) && t("b2", b))) r.push("xor");
  if (t("c", a) ? t("d", b) : t("e", !b)) r.push("cond");
  if ((t("s1", 0), t("s2", a))) r.push("seq");
  return r.join(",");
}
for (const [a, b] of [[true, true], [true, false], [false, true], [false, false], [1, 0], ["", "x"], [null, {}]]) {
  trace.length = 0;
  console.log(String(a), String(b), ifs(a, b), trace.join(""));
}

function compares(x) {
  const r = [];
  if (x < 5) r.push("lt5");
  if (5 < x) r.push("5lt");
  if (x <= 5 && x >= -5) r.push("in");
  if (!(x > 5)) r.push("!gt5");
  if (x === 5 || x === 7) r.push("5or7");
  if (x !== 5 && x !== 7) r.push("not5or7");
  if (5 === x) r.push("eq5");
  if (x == null) r.push("nullish");
  if (x != null) r.push("notnullish");
  if (null == x) r.push("nullish2");
  if (x === undefined) r.push("undef");
  if (x !== undefined) r.push("notundef");
  if (void 0 === x) r.push("undef2");
  if (x == undefined) r.push("nullish3");
  if (x === null) r.push("null");
  if (x > 2.5) r.push("gt2.5");
  if (x < -2147483648) r.push("small");
  if (x < 2147483648) r.push("big");
  return r.join(",");
}
for (const x of [0, 5, 7, -6, 6, NaN, null, undefined, "5", "abc", 5n, -0, 3]) {
  console.log(String(x), compares(x));
}

// A comparison operand with valueOf: conversions happen once, in order.
const calls = [];
const v = (name, n) => ({ valueOf() { calls.push(name); return n; } });
if (v("l", 1) < v("r", 2) && v("l2", 3) >= v("r2", 3)) calls.push("yes");
if (v("k", 9) > 8 || v("never", 0) > 0) calls.push("yes2");
if (!(3 < v("m", 4))) calls.push("no"); else calls.push("else");
console.log(calls.join(" "));

// Literal tests.
let lit = [];
if (true) lit.push("true");
if (0) lit.push("zero");
if ("") lit.push("empty");
if ("0") lit.push("str0");
if (null) lit.push("null");
if (NaN) lit.push("nan");
if (-0) lit.push("negzero");
if (!1) lit.push("not1");
if (1 && "x") lit.push("and");
if (0 || "") lit.push("or");
console.log(lit.join(","));

// Loops with rotated tests.
function loops() {
  const r = [];
  let n = 27;
  let steps = 0;
  while (n !== 1) {
    n = n % 2 === 0 ? n / 2 : 3 * n + 1;
    steps++;
  }
  r.push(steps);
  let i = 0;
  while (i < 10 && i * i !== 49) i++;
  r.push(i);
  let j = 10;
  do {
    j -= 3;
  } while (j > 0 && j !== 4);
  r.push(j);
  let k = 0;
  for (let q = 0; q !== 20; q += 2) {
    if (q === 6) continue;
    if (q === 16) break;
    k += q;
  }
  r.push(k);
  let list = { v: 1, next: { v: 2, next: { v: 3, next: null } } };
  let sum = 0;
  for (let p = list; p != null; p = p.next) sum += p.v;
  r.push(sum);
  let w = 0;
  outer: while (!(w >= 5)) {
    w++;
    for (;;) {
      if (w === 3) continue outer;
      break;
    }
    r.push("w" + w);
  }
  let c = 0;
  while (c++ < 3 || (c < 6 && c !== 5)) {}
  r.push(c);
  let d = 0;
  do d++; while (!(d > 3));
  r.push(d);
  let e = 5;
  while (e) e--;
  r.push(e);
  return r.join(" ");
}
console.log(loops());

// Conditional expressions in value and return position.
function pick(a, b) {
  return a > b ? a : b < 0 ? -b : b;
}
function sign(x) {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN;
}
console.log(pick(3, 2), pick(1, -4), pick(1, 4), sign(5), sign(-5), sign(0), sign("x"));
function retTry(x) {
  try {
    return x ? t("then", 1) : t("else", 2);
  } finally {
    trace.push("finally");
  }
}
trace.length = 0;
console.log(retTry(true), retTry(false), trace.join(","));
const val = (a, b) => (a && b ? "both" : a || b ? "one" : "none");
console.log(val(1, 1), val(0, 1), val(0, 0));
