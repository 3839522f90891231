// Calls of generator.next(v) from bytecode and yield* over generators resume
// the generator's frame in the interpreter loop; they must behave exactly
// like the native protocol path.
function* echo() {
  let got = [];
  try {
    while (true) {
      const v = yield got.length;
      got.push(v);
      if (v === "stop") return got;
    }
  } finally {
    console.log("echo finally", got.length);
  }
}
const e = echo();
console.log(e.next("ignored"), e.next(1), e.next(...[2, 3]), e.next());
console.log(e.next("stop"), e.next("after"));
const next = e.next;
try { next(); } catch (err) { console.log(err.constructor.name); }
try { next.call({}); } catch (err) { console.log(err.constructor.name); }
console.log(next.call(echo()), Reflect.apply(next, echo(), [5]));

function* inner() {
  const a = yield "i1";
  console.log("inner got", a);
  try {
    yield "i2";
  } catch (x) {
    console.log("inner caught", x);
    yield "i3";
  }
  return "inner done";
}
function* outer() {
  const r = yield* inner();
  console.log("outer got", r);
  yield* [10, 20];
  return "outer done";
}
const o = outer();
console.log(o.next(), o.next("A"), o.throw("T"), o.next(), o.next(), o.next(), o.next());
const o2 = outer();
o2.next();
console.log(o2.return("early"), o2.next());

// Deep delegation with values flowing both ways.
function* chain(depth) {
  if (depth === 0) {
    let sum = 0;
    for (let i = 0; i < 3; i++) sum += (yield i) ?? 0;
    return sum;
  }
  return (yield* chain(depth - 1)) * 2;
}
const c = chain(10);
const seen = [];
let r = c.next();
while (!r.done) { seen.push(r.value); r = c.next(r.value + 1); }
console.log(seen.join(","), r.value);

// Errors thrown in a delegated generator reach the caller's handler.
function* failing() { yield 1; throw new RangeError("inner failure"); }
function* wrap() { yield* failing(); }
const w = wrap();
w.next();
try { w.next(); } catch (err) { console.log("caught", err.name, err.message); }
console.log(w.next());
// Generator calling next() on itself while running.
let selfRef;
function* selfish() { selfRef.next(); }
selfRef = selfish();
try { selfRef.next(); } catch (err) { console.log(err.constructor.name, err.message); }
