// console.log of classes, accessors, private fields, errors with custom stacks, subclasses of built-ins.
class A { static count = 3; static helper() {} get g() { return 1; } set s(v) {} }
console.log(A, [A]);
const o = { get a() { return 1; }, set b(v) {}, get c() { return 2; }, set c(v) {} };
console.log(o);
class P { #priv = 1; pub = 2; }
console.log(new P());
const err = new Error("boom");
err.stack = "Error: boom\n    at fake (file.js:1:1)";
console.log(err);
console.log({ err });
const e3 = new RangeError("extra");
e3.stack = "RangeError: extra\n    at x (y.js:2:3)";
e3.code = "E_CODE";
console.log(e3);
function Legacy() { this.a = 1; }
console.log(new Legacy(), Object.create(Legacy.prototype));
console.log(Object.assign(() => {}, { prop: 1 }), Object.assign(function named() {}, { a: [1] }));
const arr = [1, 2, 3];
arr.prop = "x";
arr[-1] = "neg";
console.log(arr);
console.log(new (class extends Map { extra = 1; })([[1, 2]]));
console.log(new (class Foo extends Set {})([1]));
console.log(new (class Bar extends Array {})(3));
console.log(Object.setPrototypeOf({ x: 1 }, null));
console.log(new Proxy({ a: 1 }, {}), new Proxy([1, 2], {}));
console.log([new Number(-0), new String("")], Object(true));
console.log({ __proto__: { x: 1 }, y: 2 });
class Q { constructor() { this.self = this; } }
console.log(new Q());
