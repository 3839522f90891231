// for-of over generators: the in-place resumption path must behave exactly
// like next() + done/value (errors, finally, yield*, re-entrancy, nesting).
function* count(n) {
  try {
    for (let i = 0; i < n; i++) yield i;
    return "ret";
  } finally {
    console.log("count finally", n);
  }
}
let s = 0;
for (const x of count(5)) s += x;
console.log("sum", s);
for (const x of count(10)) {
  if (x === 2) break;
}
function* thrower() {
  yield 1;
  throw new Error("from generator");
}
try {
  for (const x of thrower()) console.log("got", x);
} catch (e) {
  console.log("caught", e.message);
}
// The loop body throwing closes the generator (finally runs).
try {
  for (const x of count(3)) {
    if (x === 1) throw new Error("from body");
  }
} catch (e) {
  console.log("caught", e.message);
}
// yield* of a hand-written iterator: its result objects pass through raw.
const log = [];
const inner = {
  [Symbol.iterator]() { return this; },
  i: 0,
  next() {
    const i = this.i++;
    return {
      get done() { log.push("done " + i); return i >= 2; },
      get value() { log.push("value " + i); return "v" + i; },
    };
  },
};
function* delegating() {
  const r = yield* inner;
  log.push("delegate result " + r);
  yield "after";
}
for (const x of delegating()) log.push("loop " + x);
console.log(log.join(", "));
// A non-object raw result is a TypeError thrown by the loop.
const bad = { [Symbol.iterator]() { return { next() { return 5; } }; } };
function* badDelegate() { yield* bad; }
try { for (const x of badDelegate()) console.log(x); } catch (e) { console.log(e.constructor.name, e.message); }
// Re-entrancy: the body calls next() of its own generator.
let self;
function* reentrant() { yield 1; self.next(); }
self = reentrant();
try { for (const x of self) console.log("reentrant got", x); } catch (e) { console.log(e.constructor.name, e.message); }
// Nesting: an outer generator resumed by for-of runs for-of over an inner one.
function* outer() {
  for (const a of count(2)) {
    for (const b of count(2)) yield `${a}${b}`;
  }
}
console.log([...outer()].join(" "), Array.from(outer()).length);
const pairs = [];
for (const p of outer()) pairs.push(p);
console.log(pairs.join(" "));
// A generator already completed or started by hand.
const g = count(3);
console.log(g.next().value);
for (const x of g) console.log("rest", x);
for (const x of g) console.log("never", x);
// A replaced next method is honoured (it is read once, by GetIterator).
const h = count(2);
h.next = function () { return { done: true }; };
for (const x of h) console.log("never", x);
console.log("replaced next: loop did not run");
// Destructuring in the loop head and labels.
function* entries() { yield [1, "a"]; yield [2, "b"]; }
outerLoop: for (const [k, v] of entries()) {
  for (const c of count(3)) {
    if (c === 1) continue outerLoop;
    console.log(k, v, c);
  }
}
// Stack traces through a generator resumed by for-of.
function* deep() { yield 1; null.x; }
try { for (const x of deep()); } catch (e) { console.log(e.stack.split("\n")[1].trim().startsWith("at deep (")); }
// Deep recursion through for-of over generators throws RangeError.
function* rec(n) { for (const x of rec(n + 1)) yield x; yield n; }
try { for (const x of rec(0)); } catch (e) { console.log(e.constructor.name); }
