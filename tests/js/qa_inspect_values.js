// console.log of iterators, promises, generators, functions and errors
// without frames, and the %o / %O / %s / %d / %j specifiers, as Node 20.
const m = new Map([[1, "a"], [2, "b"]]);
console.log(m.entries(), m.keys(), m.values());
console.log(new Set([5, 6]).values(), new Set([5]).entries());
const it = m.keys();
it.next();
console.log(it);
it.next();
it.next();
console.log(it, [m.entries()], { x: m.values() });
const live = new Map([["k1", 1], ["k2", 2], ["k3", 3]]);
const liveIt = live.entries();
liveIt.next();
live.delete("k2");
live.set("k4", 4);
console.log(liveIt);
const big = new Set(Array.from({ length: 120 }, (_, i) => i));
console.log(big.values());
console.log(new Map([[{ a: 1 }, [1, 2]]]).entries());

function* gen() { yield 1; }
async function af() {}
const arrow = async () => {};
console.log(gen, af, arrow, gen(), class A {}, class extends Map {});
console.log([1, 2].values(), "ab"[Symbol.iterator](), "a".matchAll(/a/g));

console.log(Promise.resolve(1), new Promise(() => {}), Promise.resolve({ a: [1, 2] }));
const rejected = Promise.reject(3);
rejected.catch(() => {});
console.log(rejected, [Promise.resolve("s")], { p: Promise.resolve(undefined) });
class MyPromise extends Promise {}
console.log(MyPromise.resolve(2));

(function () { console.log(arguments); })(1, "a");
class Foo { constructor() { this.x = 1; } }
console.log(Foo.prototype, Object.create(Foo.prototype), new Foo());
console.log(Object.create(Object.create(null)), Object.create(null));
console.log(new Proxy({ a: 1 }, {}), new Proxy([1, 2], {}));

Error.stackTraceLimit = 0;
const e = new Error("no frames");
e.code = "E_X";
console.log(e, [new TypeError("inner")]);
class ValidationError extends TypeError {}
console.log(new ValidationError("bad"));
const renamed = new RangeError("r");
renamed.name = "CustomName";
console.log(renamed, { nested: renamed });
console.log(new Error("outer", { cause: new Error("root") }));
console.log(new AggregateError([new Error("a"), 1], "many"));
const weird = new Error("w");
weird.stack = "custom stack text";
console.log(weird);
Error.stackTraceLimit = 10;

console.log("%o", [1, { a: 2 }]);
console.log("%o", { s: "x", n: [1, [2, [3, [4, [5]]]]] });
console.log("%o", "str", 5);
console.log("%o", new Proxy({ a: 1 }, {}));
console.log("%O", { a: { b: { c: { d: 1 } } } });
console.log("%s|%s|%s", { a: { b: 1 } }, [1, [2, [3]]], new (class X { toString() { return "XX"; } })());
console.log("%s %s %s", -0, Symbol("q"), null);
console.log("%d %i %f", "42.5", "42.5", "4.25e1", "extra");
console.log("%d", { valueOf() { return 7; } });
console.log("%j %j", { a: [1] }, undefined);
const circ = { name: "c" };
circ.self = circ;
console.log("%j", circ);
console.log("100%%", "%%", "%s");
console.log("100%%");
console.log("%c styled %s", "color: red", "text");
console.log("a\u000bb", ["\u000b\u0085"]);
