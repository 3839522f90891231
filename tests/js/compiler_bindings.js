// Loop bindings that live in the iteration value's register, plain
// break/continue jumps out of conditions, object literal and member stores
// straight from locals, templates, and class constructors.
const out = [];

// for-of / for-in with let/const bindings: mutation, closures, TDZ, break.
function loops() {
  const r = [];
  for (let x of [1, 2, 3]) {
    x *= 10;
    r.push(x);
  }
  const fns = [];
  for (const x of ["a", "b"]) fns.push(() => x);
  r.push(fns.map((f) => f()).join(""));
  for (const k in { p: 1, q: 2 }) r.push(k);
  let last;
  for (const v of gen()) {
    last = v;
    if (v === 3) break;
  }
  r.push("last" + last, "closed" + closed);
  try {
    for (const x of [x]) r.push(x);
  } catch (e) {
    r.push(e.constructor.name);
  }
  let sum = 0;
  for (const [a, b = 5] of [[1], [2, 3]]) sum += a * b;
  r.push(sum);
  return r.join(" ");
}
let closed = 0;
function* gen() {
  try {
    for (let i = 1; ; i++) yield i;
  } finally {
    closed++;
  }
}
out.push(loops());

// `if (c) break/continue` with and without cleanup on the way out.
function exits() {
  const r = [];
  for (let i = 0; i < 6; i++) {
    if (i === 1) continue;
    if (i % 2 === 0 && i > 2) {
      continue;
    }
    if (i === 5) break;
    r.push(i);
  }
  outer: for (const a of [1, 2, 3]) {
    for (const b of [1, 2, 3]) {
      if (b === 2) continue outer;
      if (a === 3) break outer;
      r.push(a + "" + b);
    }
  }
  for (let i = 0; i < 3; i++) {
    try {
      if (i === 1) continue;
      r.push("t" + i);
    } finally {
      r.push("f" + i);
    }
  }
  blk: {
    if (r.length > 0) break blk;
    r.push("never");
  }
  let n = 0;
  while (true) {
    n++;
    try {
      if (n > 3) break;
    } catch (e) {
      r.push("no");
    }
  }
  r.push("n" + n);
  switch (n) {
    case 4:
      if (n) break;
      r.push("never");
    default:
      r.push("never2");
  }
  for (let i = 0; i < 3; i++) {
    const captured = () => i;
    if (i === 1) continue;
    r.push("c" + captured());
  }
  return r.join(" ");
}
out.push(exits());

// Stores from locals: setters see the value, throwing setters leave the
// object alone, shorthand properties, computed keys that reassign.
function stores() {
  const r = [];
  const seen = [];
  const o = {
    set v(x) {
      seen.push(x);
    },
  };
  let x = 1;
  o.v = x;
  x = 2;
  o.v = x;
  r.push(seen.join());
  const strict = Object.freeze({ a: 1 });
  try {
    (function () {
      "use strict";
      strict.a = x;
    })();
  } catch (e) {
    r.push(e.constructor.name);
  }
  let k = "p";
  const lit = { k, x, [k + "1"]: x, y: x + 1 };
  r.push(JSON.stringify(lit));
  let m = 1;
  const lit2 = { a: m, [(m = 2, "b")]: m, c: m };
  r.push(JSON.stringify(lit2));
  const self = {};
  self.me = self;
  r.push(self.me === self);
  return r.join(" ");
}
out.push(stores());

// Templates starting with a substitution.
function templates() {
  const a = 1;
  const obj = { toString: () => "T" };
  const r = [`${a}`, `${a}x`, `${obj}${a}`, `${"s"}`, `${null}-${undefined}`];
  try {
    const s = Symbol("q");
    r.push(`${s}`);
  } catch (e) {
    r.push(e.constructor.name);
  }
  return r.join("|");
}
out.push(templates());

// Class constructors with and without fields.
class Plain {
  constructor(n) {
    this.n = n;
  }
}
class WithField {
  f = this.constructor.name;
  constructor(n) {
    this.n = n;
  }
}
class Derived extends WithField {
  g = 2;
}
class Empty {}
out.push([new Plain(1).n, new WithField(2).f, new Derived(3).g, new Derived(4).f, typeof new Empty()].join(" "));

// Conditional returns, including inside finally and generators.
function* condGen(x) {
  return x ? yield 1 : 2;
}
const g1 = condGen(true);
g1.next();
const g2 = condGen(false);
out.push([g1.next("sent").value, g2.next().value].join(" "));
function condFinally(x) {
  try {
    return x > 0 ? "pos" : x < 0 ? "neg" : "zero";
  } finally {
    out.push("finally " + x);
  }
}
out.push([condFinally(1), condFinally(-1), condFinally(0)].join(" "));

// var declarations in place, shadowed names, catch parameters.
function vars(p) {
  var a = p + 1;
  var b = a > 1 ? a * 2 : a;
  try {
    throw 5;
  } catch (e) {
    var e = e + 1;
    out.push("catch " + e);
  }
  var f = (p, a + b);
  return [a, b, e, f].join(",");
}
out.push(vars(1));

for (const l of out) console.log(l);
