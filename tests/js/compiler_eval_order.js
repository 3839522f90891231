// Evaluation order around register locals: operands read in place, results
// computed straight into a local's register, `this` of method calls, and
// throwing right-hand sides that must leave the old value.
const log = [];
function out(label, v) {
  log.push(label + "=" + String(v));
}

// Binary operands: a later operand that assigns the earlier local.
function binary() {
  let x = 1;
  out("x+(x=5)", x + (x = 5));
  x = 1;
  out("x+x++", x + x++);
  x = 1;
  out("x*(x+=2)", x * (x += 2));
  x = 1;
  out("x-[x]=[9]", x - ([x] = [9])[0]);
  x = 1;
  out("x+({a:x}={a:7}).a", x + ({ a: x } = { a: 7 }).a);
  x = 1;
  out("x<(x=0)", x < (x = 0));
  let y = 2;
  out("y+(()=>{y=3;return 1})()", y + (() => { y = 3; return 1; })());
  return x + y;
}
out("binary", binary());

// Compound assignment: rhs that assigns the target, rhs that throws.
function compound() {
  let s = 10;
  s += (s = 1);
  out("s+=(s=1)", s);
  s = 10;
  s -= s++;
  out("s-=s++", s);
  s = 10;
  try {
    s += thrower();
  } catch (e) {
    out("caught", e);
  }
  out("s after throw", s);
  s = 10;
  try {
    s = twice(thrower());
  } catch (e) {
    out("caught", e);
  }
  out("s after s=f(throw)", s);
  let t = 5;
  try {
    t = t + { valueOf() { throw "vo"; } };
  } catch (e) {
    out("caught", e);
  }
  out("t after valueOf throw", t);
  let u = 3;
  u = u > 2 ? u * 2 : u + 100;
  out("u cond", u);
  u = (u++, u + 1);
  out("u seq", u);
  let w = 1;
  w = w ? w + (w = 10) : 0;
  out("w", w);
  return s;
}
function thrower() {
  throw "boom";
}
function twice(v) {
  return v * 2;
}
out("compound", compound());

// var declarations computed in place; a throwing initializer keeps the old value.
function vars() {
  var a = 1;
  try {
    var a = a + thrower();
  } catch (e) {
    out("caught", e);
  }
  out("a", a);
  var b = [a, a + 1];
  var c = b.length + a;
  return c;
}
out("vars", vars());

// Array/object literals straight into const bindings.
function literals() {
  const arr = [1, 2, 3];
  const obj = { n: arr.length, first: arr[0] };
  let r;
  try {
    const bad = [1, thrower()];
    r = bad;
  } catch (e) {
    r = "caught " + e;
  }
  return JSON.stringify([arr, obj, r]);
}
out("literals", literals());

// Member targets: the object is read before the rhs, even if the rhs
// reassigns the variable.
function members() {
  let o = { v: 1 };
  const first = o;
  o.v = (o = { v: 2 }).v + 10;
  out("first.v", first.v);
  out("o.v", o.v);
  let k = "a";
  const t = {};
  t[k] = (k = "b");
  out("t", JSON.stringify(t));
  let p = { c: 1 };
  const q = p;
  p.c += (p = { c: 100 }).c;
  out("q.c", q.c);
  out("p.c", p.c);
  let arr = [1, 2];
  let i = 0;
  arr[i] = (i = 1);
  out("arr", arr.join());
  return 0;
}
members();

// `this` of method calls: the object as evaluated before the arguments.
function calls() {
  let o = {
    name: "first",
    who() {
      return this.name;
    },
  };
  out("who", o.who((o = { name: "second", who: o.who })));
  out("who2", o.who());
  let k = "who";
  let m = {
    name: "m",
    who() {
      return this.name + ":" + k;
    },
  };
  out("m[k]", m[k]((k = "changed")));
  let f = function () {
    return "f1";
  };
  out("f()", f((f = () => "f2")));
  out("f() again", f());
  let C = function () {
    this.tag = "C1";
  };
  out("new C", new C((C = function () { this.tag = "C2"; })).tag);
  const counter = {
    n: 0,
    inc() {
      this.n++;
      return this;
    },
  };
  counter.inc().inc().inc();
  out("counter", counter.n);
  return 0;
}
calls();

// Getters with side effects on the object of a compound assignment.
function getters() {
  let hits = [];
  const obj = {
    get x() {
      hits.push("get");
      return 1;
    },
    set x(v) {
      hits.push("set " + v);
    },
  };
  obj.x += 5;
  obj.x++;
  let o2 = obj;
  o2.x = o2.x * 3;
  return hits.join(",");
}
out("getters", getters());

for (const line of log) console.log(line);

// Edge cases: mapped arguments, direct eval, with, closures (no in-place reads).
function f(a) { return a + (arguments[0] = 5) + a; }
console.log(f(1));
function g(a) { "use strict"; return a + (arguments[0] = 5) + a; }
console.log(g(1));
function h(x) { return x + eval("x = 10") + x; }
console.log(h(1));
function w(o) { var x = 1; with (o) { x = x + (x = 3); } return x; }
console.log(w({}), w({x: 7}));
function k() { let x = 1; const r = x + (() => { x = 5; return 0; })(); return [r, x]; }
console.log(k());
function m() { let o = {a: 1, f() { return this.a; }}; return o.f(o = {a: 2}); }
console.log(m());
function n() { let i = 0; const a = [10, 20, 30]; let s = 0; while (i < 3 && a[i++] !== 20) s++; return [i, s]; }
console.log(n());
function p(x) { let c = 0; if (x == null || x === undefined) c++; if (!(x != null)) c += 10; return c; }
console.log(p(null), p(undefined), p(0), p(""), p(NaN));
function q() { var u = undefined; return [u === undefined, u == undefined]; }
console.log(q());
function r2() { let undefined = 5; return [undefined === undefined, 5 === undefined]; }
console.log(r2());
