// Fast paths of the interpreter checked against the general semantics:
// object-literal shape transitions, for-of over arrays, methods of string
// and number primitives, natives and closures called from natives.

// Object literals built at one site from objects of different states.
function make(v, extra) {
  const o = { a: v, b: v + 1 };
  if (extra) o.c = extra;
  return o;
}
const objs = [];
for (let i = 0; i < 5; i++) objs.push(make(i, i % 2 ? "x" : undefined));
console.log(JSON.stringify(objs));
console.log(Object.keys({ a: 1, b: 2, a: 3 }), { a: 1, b: 2, a: 3 }.a);

// A field defined on a frozen or non-extensible object fails as before.
class Base {
  constructor(o) {
    return o;
  }
}
class WithField extends Base {
  f = 1;
}
for (const target of [{}, {}, Object.preventExtensions({}), {}]) {
  try {
    const r = new WithField(target);
    console.log("defined", r.f, Object.isExtensible(r));
  } catch (e) {
    console.log(e.constructor.name);
  }
}

// for-of over arrays: holes read through the prototype, growth during the
// loop, a replaced next, typed arrays, keys/entries, a resumed iterator.
Array.prototype[1] = "from proto";
for (const x of [0, , 2]) console.log(x);
delete Array.prototype[1];
const grow = [1, 2];
for (const x of grow) {
  if (grow.length < 4) grow.push(x * 10);
  console.log("grow", x);
}
for (const x of new Int16Array([-1, 2])) console.log("typed", x);
for (const [k, v] of ["p", "q"].entries()) console.log("entry", k, v);
const it = [7, 8, 9][Symbol.iterator]();
it.next();
for (const x of it) console.log("rest", x);
console.log("after", it.next().done);
const saved = Object.getPrototypeOf(it).next;
Object.getPrototypeOf(it).next = function () {
  const r = saved.call(this);
  if (!r.done) r.value = "patched " + r.value;
  return r;
};
for (const x of [1, 2]) console.log(x);
Object.getPrototypeOf(it).next = saved;

// Methods of primitives, including ones added to the prototypes later.
let codes = 0;
for (let i = 0; i < 5; i++) codes += "hello".charCodeAt(i);
console.log(codes, (12.345).toFixed(1), "abc".length, "abc"[1]);
String.prototype.shout = function () {
  return this.toUpperCase() + "!";
};
Number.prototype.twice = function () {
  return this * 2;
};
for (let i = 0; i < 3; i++) console.log("hey".shout(), (i).twice());
Object.defineProperty(String.prototype, "first", {
  get() {
    return this[0];
  },
  configurable: true,
});
for (let i = 0; i < 2; i++) console.log("xyz".first);
delete String.prototype.first;
console.log("xyz".first);

// Natives calling closures, and closures passed to natives.
console.log([3, 1, 2].map((x) => x * 2).filter((x) => x > 2).reduce((a, b) => a + b, 0));
console.log(["b", "a"].sort().concat(Array.from("cd", (c) => c + c)).join());
