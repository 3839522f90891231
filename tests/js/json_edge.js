// JSON in practice: escaping, unicode, toJSON, replacer arrays, indentation, reviver, errors.
const data = {
  text: 'quote " backslash \\ newline \n tab \t bell \u0007 nul \u0000',
  unicode: "café ☕ 😀 \u2028 \u2029",
  lone: "\ud800x\udc00",
  nums: [0, -0, 1e21, 1e-7, 0.1, NaN, Infinity, -Infinity, 2 ** 53],
  nested: { empty: {}, emptyArr: [], deep: { a: [{ b: null }] } },
  date: new Date(Date.UTC(2020, 5, 15, 8, 30)),
  custom: { toJSON(key) { return `custom(${key})`; } },
  skipped: undefined,
  fn() {},
  sym: Symbol("s"),
  [Symbol("hidden")]: 1,
  boxed: [new String("s"), new Number(5), new Boolean(false)],
  arrHoles: [1, , undefined, () => 1, Symbol()],
};
console.log(JSON.stringify(data));
console.log(JSON.stringify(data.nested, null, 4));
console.log(JSON.stringify(data.nums, null, "--"));
console.log(JSON.stringify({ a: [1, { b: 2 }], c: "x" }, null, 20).split("\n")[1].length);
console.log(JSON.stringify([{ z: 1, a: 2, m: { z: 3, a: 4 } }], ["a", "m"]));
console.log(JSON.stringify({ a: 1, b: [1, 2], c: { d: 1 } }, function (k, v) { return k === "" ? v : Array.isArray(v) ? v.length : typeof v === "object" ? "obj" : v * 100; }));
console.log(JSON.stringify("plain"), JSON.stringify(42), JSON.stringify(null), JSON.stringify(undefined), JSON.stringify(() => 1), JSON.stringify([undefined]));
const text = JSON.stringify(data);
const back = JSON.parse(text);
console.log(back.text === data.text, back.unicode === data.unicode, back.nums, back.date, typeof back.date);
const revived = JSON.parse(text, (k, v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : v));
console.log(revived.date instanceof Date, revived.date.getUTCHours());
const removed = JSON.parse('{"keep":1,"drop":2,"arr":[1,2,3]}', (k, v) => (k === "drop" ? undefined : k === "1" ? "one" : v));
console.log(removed);
const order = [];
JSON.parse('{"a":{"b":1,"c":[2,3]},"d":4}', function (k, v) { order.push(k); return v; });
console.log(order.join(","));
const bad = ["{a:1}", "[1,]", "'single'", '{"a":1}}', "01", "1.", '"\\x41"', "", "nul", "[1 2]", '{"a" 1}', "\t[\n1\r]"];
for (const b of bad) {
  try { console.log("ok", JSON.stringify(b), JSON.parse(b)); } catch (e) { console.log("err", JSON.stringify(b), e.name); }
}
console.log(JSON.parse(' [1, "2", {"3": [true, false, null]}, -0.5e2, 1E3] '), JSON.parse('"\\u00e9\\n\\/"'));
console.log(JSON.parse('{"__proto__": {"polluted": true}}').polluted, {}.polluted, Object.keys(JSON.parse('{"__proto__": 1}')));
console.log(JSON.parse('{"a":1,"a":2}'), JSON.parse("1e400"), JSON.parse("-0"), Object.is(JSON.parse("-0"), -0));
class Money { constructor(c) { this.cents = c; } toJSON() { return { amount: this.cents / 100, currency: "EUR" }; } }
console.log(JSON.stringify({ price: new Money(1250), list: [new Money(1)] }, null, 1));
const map = new Map([["a", 1]]);
console.log(JSON.stringify({ map, set: new Set([1]), mapAsObj: Object.fromEntries(map), re: /x/g, err: new Error("e") }));
console.log(JSON[Symbol.toStringTag], Object.keys(JSON), typeof JSON.parse);
