// JSON.stringify cycle messages (the path V8 prints) and JSON.parse error messages, as Node 20.
const t = (f) => { try { return f(); } catch (e) { return e.name + ": " + e.message; } };
const a = { name: "a" }; a.self = a;
console.log(t(() => JSON.stringify(a)));
const b = { x: { y: { z: {} } } }; b.x.y.z.back = b.x;
console.log(t(() => JSON.stringify(b)));
const c = [1, { arr: [] }]; c[1].arr.push(c);
console.log(t(() => JSON.stringify(c)));
class Foo { constructor() { this.me = this; } }
console.log(t(() => JSON.stringify({ foo: new Foo() })));
const d = Object.create(null); d.loop = d;
console.log(t(() => JSON.stringify(d)));
const e = { l1: { l2: { l3: { l4: { l5: {} } } } } }; e.l1.l2.l3.l4.l5.top = e;
console.log(t(() => JSON.stringify(e)));
const f = { k: [] }; f.k.push({ inner: f.k });
console.log(t(() => JSON.stringify(f)));
const g = {}; g["weird key"] = g; console.log(t(() => JSON.stringify(g)));
for (const s of ["{", "[", "", "{\"a\":", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "tru", "\"abc", "01", "1e", "-", "{a:1}", "[1 2]", "nul", "\"\\x\"", "\"\t\"", "{\"a\":1}}", "123abc", "{\"a\":1 \"b\":2}", "'a'", "[1,2", "{\"a\"}", " "]) console.log(JSON.stringify(s), t(() => JSON.parse(s)));
for (const s of ["{", "[", "", "{\"a\":", "{\"a\"", "{\"a\":1", "{\"a\":1,", "[1", "[1,", "[1,2", "\"abc", "-", "1e", "1.", "{\"a\":1,\"b\"", " ", "{ ", "[ ", "{\"a\": [", "t", "n", "\"\\u12", "{\"a\":1}}", "123abc", "[1] x", "{\"a\":1}\n\n x"]) console.log(JSON.stringify(s), t(() => JSON.parse(s)));
