// Generators: lazy sequences, the protocol in every state, finally blocks,
// yield*, and the objects around generator functions.
function* range(start, end, step = 1) {
  for (let i = start; i < end; i += step) yield i;
}
console.log([...range(0, 5)], Array.from(range(0, 10, 3)));

function* fib() {
  let [a, b] = [0, 1];
  for (;;) {
    yield a;
    [a, b] = [b, a + b];
  }
}
const firstTen = [];
for (const n of fib()) {
  if (firstTen.length === 10) break;
  firstTen.push(n);
}
console.log(firstTen);

// Values sent in with next(v); the first next's value is ignored.
function* echo() {
  let received = [];
  while (true) {
    const v = yield received.length;
    if (v === undefined) return received;
    received.push(v);
  }
}
const e = echo();
console.log(e.next("ignored"), e.next("a"), e.next("b"), e.next(), e.next());

// return() runs finally blocks, which may yield again.
function* withCleanup() {
  try {
    yield 1;
    yield 2;
  } finally {
    console.log("cleanup");
    yield "from finally";
    console.log("cleanup done");
  }
}
const c = withCleanup();
console.log(c.next());
console.log(c.return(42));
console.log(c.next());
console.log(c.next());

// throw() is delivered at the yield and can be caught there.
function* catcher() {
  while (true) {
    try {
      yield "waiting";
    } catch (err) {
      console.log("caught", err.message);
    }
  }
}
const k = catcher();
k.next();
console.log(k.throw(new Error("boom")));
console.log(k.return("done"), k.next());

// throw() on a suspended-start generator completes it without running it.
function* neverStarted() {
  console.log("not printed");
  yield 1;
}
const ns = neverStarted();
try {
  ns.throw(new Error("early"));
} catch (err) {
  console.log("rethrown:", err.message);
}
console.log(ns.next());

// Re-entry while running is a TypeError.
function* reentrant() {
  try {
    self.next();
  } catch (err) {
    console.log(err.constructor.name, err.message);
  }
  yield 1;
}
const self = reentrant();
self.next();

// yield* delegates values, sent values, and return values.
function* inner() {
  const x = yield "inner 1";
  console.log("inner got", x);
  yield "inner 2";
  return "inner result";
}
function* outer() {
  const r = yield* inner();
  console.log("delegate returned", r);
  yield* [10, 20];
  yield* "ab";
}
const o = outer();
console.log(o.next().value, o.next("sent").value, o.next().value, o.next().value, o.next().value, o.next().value, o.next());

// yield* forwards return() to the inner iterator.
function* innerWithFinally() {
  try {
    yield 1;
  } finally {
    console.log("inner finally");
  }
}
function* outerWithFinally() {
  try {
    yield* innerWithFinally();
  } finally {
    console.log("outer finally");
  }
}
const of = outerWithFinally();
of.next();
console.log(of.return(7));

// Methods, classes, computed and static generators.
const obj = {
  *items() {
    yield* Object.keys(this);
  },
  a: 1,
  b: 2,
};
console.log([...obj.items()]);
class Tree {
  constructor(value, ...children) {
    this.value = value;
    this.children = children;
  }
  *[Symbol.iterator]() {
    yield this.value;
    for (const c of this.children) yield* c;
  }
  static *count(n) {
    while (n > 0) yield n--;
  }
  *#hidden() {
    yield "private";
  }
  hidden() {
    return this.#hidden().next().value;
  }
}
const t = new Tree(1, new Tree(2, new Tree(3)), new Tree(4));
console.log([...t], [...Tree.count(3)], t.hidden());

// Destructuring pulls lazily and closes the iterator.
function* noisy() {
  try {
    yield "x";
    yield "y";
    yield "z";
  } finally {
    console.log("noisy closed");
  }
}
const [first, second] = noisy();
console.log(first, second);

// The objects around generator functions.
function* g() {}
const GeneratorFunction = Object.getPrototypeOf(g).constructor;
console.log(GeneratorFunction.name, Object.prototype.toString.call(g()), String(g.prototype));
console.log(Object.getPrototypeOf(g.prototype) === Object.getPrototypeOf(g).prototype);
console.log(g() instanceof g, typeof g().next, g.hasOwnProperty("caller"));
const dyn = new GeneratorFunction("a", "yield a; yield a * 2;");
console.log([...dyn(21)]);
try {
  new g();
} catch (err) {
  console.log(err.constructor.name);
}
// Arguments are bound at the call, the body runs on the first next().
function* lazy(x = console.log("defaults evaluated")) {
  console.log("body runs");
  yield x;
}
const l = lazy();
console.log("created");
l.next();
