// Closures and higher-order functions: compose, curry, debounce-like queues, once, pipelines.
const compose = (...fns) => (x) => fns.reduceRight((acc, f) => f(acc), x);
const pipe = (...fns) => (x) => fns.reduce((acc, f) => f(acc), x);
const curry = (fn) => {
  const curried = (...args) => (args.length >= fn.length ? fn(...args) : (...more) => curried(...args, ...more));
  return curried;
};
const once = (fn) => {
  let called = false, result;
  return function (...args) {
    if (!called) { called = true; result = fn.apply(this, args); }
    return result;
  };
};

const add3 = curry((a, b, c) => a + b + c);
console.log(add3(1)(2)(3), add3(1, 2)(3), add3(1)(2, 3), add3(1, 2, 3));
const slugify = pipe((s) => s.trim(), (s) => s.toLowerCase(), (s) => s.replace(/[^a-z0-9]+/g, "-"), (s) => s.replace(/^-+|-+$/g, ""));
console.log(slugify("  Hello, World! This is JS  "));
const inc = (x) => x + 1, dbl = (x) => x * 2;
console.log(compose(inc, dbl)(5), pipe(inc, dbl)(5));

let initCount = 0;
const init = once(() => ++initCount);
init(); init();
console.log(initCount, init());

function makeCounter(start = 0, step = 1) {
  let value = start;
  return {
    next: () => (value += step),
    reset() { value = start; },
    get current() { return value; },
  };
}
const c1 = makeCounter(), c2 = makeCounter(100, -10);
c1.next(); c1.next(); c2.next();
console.log(c1.current, c2.current);
c1.reset();
console.log(c1.current, c2.next());

const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
var vfns = [];
for (var j = 0; j < 3; j++) vfns.push(() => j);
console.log(fns.map((f) => f()), vfns.map((f) => f()));

function memoizeLast(fn) {
  let lastArgs = null, lastResult;
  return (...args) => {
    if (lastArgs && args.length === lastArgs.length && args.every((a, i) => Object.is(a, lastArgs[i]))) return lastResult;
    lastArgs = args;
    return (lastResult = fn(...args));
  };
}
let computed = 0;
const area = memoizeLast((w, h) => { computed++; return w * h; });
console.log(area(2, 3), area(2, 3), area(3, 3), area(3, 3), computed);

const partial = (fn, ...preset) => (...rest) => fn(...preset, ...rest);
const greet = (greeting, punct, name) => `${greeting}, ${name}${punct}`;
console.log(["Ann", "Bo"].map(partial(greet, "Hello", "!")));
console.log([1, 2, 3, 4].map(parseInt), ["1", "2", "3"].map(Number), [" a ", "b "].map(Function.prototype.call, String.prototype.trim));
const bound = function () { return this.v; }.bind({ v: "bound" });
console.log(bound(), bound.name, bound.length, (function (a, b) {}).bind(null, 1).length);
const tally = (() => {
  const counts = new Map();
  return (word) => counts.set(word, (counts.get(word) || 0) + 1);
})();
"the cat and the hat and the bat".split(" ").forEach(tally);
console.log(tally("end"));
function outer() {
  const secret = "s3cr3t";
  return { reveal: () => secret, arguments: (function () { return arguments.length; })(1, 2, 3) };
}
console.log(outer().reveal(), outer().arguments);
console.log(((a, b = a * 2, ...rest) => [a, b, rest])(1), (function (...args) { return args.length; }).length);
