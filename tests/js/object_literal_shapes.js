// Object literals of plain named properties are built at once with their
// final shape (NewObjectLiteral); everything else defines properties one by
// one. Both must give the same objects.
let k = 0;
const log = [];
function f(x) { log.push("f" + x); return x; }
const o = { b: f(1), a: f(2), c: () => 1, d: function () {}, e: class {}, g: class { static name() { return "own"; } } };
console.log(JSON.stringify(o), Object.keys(o).join(), o.c.name, o.d.name, o.e.name, typeof o.g.name, log.join());
const p = { 1: "one", x: 1, 2: "two" };
console.log(Object.keys(p).join());
const q = { x: 1, x: 2, y: 3 };
console.log(JSON.stringify(q));
let r = { v: 1 };
r = { v: r.v + 1, prev: r };
console.log(r.v, r.prev.v);
const s = { __proto__: { inherited: true }, own: 1 };
console.log(s.inherited, Object.keys(s).join());
const t = { "__proto__": 5, z: 1 };
console.log(Object.getPrototypeOf(t) === Object.prototype, Object.keys(t).join());
const __proto__ = { shorthand: 1 };
const u = { __proto__, w: 2 };
console.log(Object.keys(u).join(), u.__proto__ === __proto__);
try { const v = { a: 1, b: (() => { throw new Error("mid"); })(), c: 3 }; } catch (e) { console.log("caught", e.message); }
const w = { "a b": 1, "": 2, "ü": 3, 1.5: 4 };
console.log(Object.keys(w).join("|"));
const desc = Object.getOwnPropertyDescriptor({ q: 1 }, "q");
console.log(JSON.stringify(desc));
const many = {}; 
function mk(i) { return { value: i, done: false }; }
let acc = 0; for (let i = 0; i < 1000; i++) { const it = mk(i); acc += it.value; it.extra = i; acc += it.extra; }
console.log(acc);
const big = { a1:1,a2:2,a3:3,a4:4,a5:5,a6:6,a7:7,a8:8,a9:9,a10:10,a11:11,a12:12,a13:13,a14:14,a15:15,a16:16,a17:17,a18:18,a19:19,a20:20,a21:21,a22:22,a23:23,a24:24,a25:25,a26:26,a27:27,a28:28,a29:29,a30:30,a31:31,a32:32,a33:33 };
console.log(Object.keys(big).length, big.a33, big.a1);
const frozen = Object.freeze({ m: 1, n: 2 });
console.log(Object.isFrozen(frozen), Object.isFrozen({ m: 1, n: 2 }));
delete r.prev; console.log(Object.keys(r).join());
