// Closures: counters, per-iteration bindings, memoization, currying.
function makeCounter(start = 0) {
  let n = start;
  return { inc: () => ++n, dec: () => --n, get value() { return n; } };
}
const c = makeCounter(5);
c.inc(); c.inc(); c.dec();
console.log(c.value);
const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i * 10);
console.log(fns.map((f) => f()));
var vfns = [];
for (var j = 0; j < 3; j++) vfns.push(() => j);
console.log(vfns.map((f) => f()));
function memo(fn) {
  const cache = new Map();
  return (x) => {
    if (!cache.has(x)) cache.set(x, fn(x));
    return cache.get(x);
  };
}
let calls = 0;
const slowSquare = memo((x) => { calls++; return x * x; });
console.log(slowSquare(4), slowSquare(4), slowSquare(5), calls);
const curry = (f) => (a) => (b) => f(a, b);
console.log(curry(Math.pow)(2)(10));
const compose = (...fs) => (x) => fs.reduceRight((acc, f) => f(acc), x);
console.log(compose((x) => x + 1, (x) => x * 2)(5));
function outer() {
  const secret = "s3cr3t";
  return function inner() { return secret.toUpperCase(); };
}
console.log(outer()());
