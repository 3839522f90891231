// Reflect and property-descriptor metaprogramming: defineProperty, ownKeys order, construct, apply.
const obj = { b: 2, a: 1, 10: "ten", 2: "two", [Symbol("s")]: "sym" };
Object.defineProperty(obj, "hidden", { value: "h", enumerable: false });
console.log(Reflect.ownKeys(obj), Object.keys(obj), Object.getOwnPropertySymbols(obj).length);
console.log(Reflect.has(obj, "hidden"), Reflect.has(obj, "toString"), Object.hasOwn(obj, "toString"));
console.log(Reflect.getOwnPropertyDescriptor(obj, "hidden"), Object.getOwnPropertyDescriptors({ get g() { return 1; }, v: 2 }));
console.log(Reflect.defineProperty(Object.freeze({}), "x", { value: 1 }), Reflect.set(Object.freeze({ y: 1 }), "y", 2));
console.log(Reflect.apply(Math.max, null, [3, 9, 4]), Reflect.apply(String.prototype.slice, "hello", [1, 3]));
class Base { constructor(x) { this.x = x; this.target = new.target.name; } }
class Other {}
const inst = Reflect.construct(Base, [7], Other);
console.log(inst, inst instanceof Other, inst instanceof Base);
console.log(Reflect.getPrototypeOf([]) === Array.prototype, Reflect.isExtensible(Object.seal({})));
const proto = { greet() { return `hi ${this.name}`; } };
const o = Object.create(proto, { name: { value: "zed", writable: true, enumerable: true } });
console.log(o.greet(), Reflect.setPrototypeOf(o, null), typeof o.greet);
const receiverTest = { get who() { return this.id; }, id: "original" };
console.log(Reflect.get(receiverTest, "who", { id: "receiver" }));
let setterLog = [];
const target = { set v(x) { setterLog.push([this.tag, x]); }, tag: "target" };
Reflect.set(target, "v", 1, { tag: "recv" });
target.v = 2;
console.log(setterLog);

const account = {};
let balance = 100;
Object.defineProperties(account, {
  balance: { get: () => balance, enumerable: true },
  deposit: { value(n) { balance += n; return this; } },
  id: { value: "acct-1", writable: false, enumerable: true },
});
account.deposit(50);
account.id = "changed";
console.log(account, account.balance, Object.keys(account));
"use strict";
const sealed = Object.seal({ keep: 1 });
sealed.keep = 2; sealed.add = 3; delete sealed.keep;
console.log(sealed, Object.isSealed(sealed), Object.isFrozen(sealed));
const frozenArr = Object.freeze([1, 2, 3]);
try { (() => { "use strict"; frozenArr[0] = 9; })(); } catch (e) { console.log(e.name); }
console.log(frozenArr, Object.getOwnPropertyNames(frozenArr));
const symKey = Symbol.for("app.meta");
const tagged = { [symKey]: { version: 3 }, [Symbol.toStringTag]: "Tagged" };
console.log(Object.prototype.toString.call(tagged), tagged[Symbol.for("app.meta")].version, Symbol.keyFor(symKey));
console.log(Object.entries(Object.getOwnPropertyDescriptor(Array.prototype, "map")).map(([k, v]) => `${k}=${typeof v}`).join(" "));
console.log(Object.fromEntries(Reflect.ownKeys(Math).filter((k) => typeof k === "string" && typeof Math[k] === "number").map((k) => [k, Math[k].toFixed(4)])));
const order = {};
order.z = 1; order[5] = 1; order.a = 1; order[1] = 1; order["-1"] = 1; order["01"] = 1; order[4294967295] = 1; order[4294967294] = 1;
console.log(Object.keys(order));
console.log(Function.prototype.toString.call(class A { m() { return 1; } }), (function f(a, b) { return a + b; }).toString());
console.log(Object.is(NaN, NaN), Object.is(0, -0), [NaN].includes(NaN), [NaN].indexOf(NaN));
