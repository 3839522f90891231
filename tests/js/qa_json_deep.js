// JSON.stringify / JSON.parse of deeply nested input: everything Node
// handles works (Node's stack allows about 4,000 levels), and far deeper
// input gives Node's RangeError instead of a crash.
const nestArrays = (n) => { let a = []; for (let i = 0; i < n; i++) a = [a]; return a; };
const nestObjects = (n) => { let o = { leaf: true }; for (let i = 0; i < n; i++) o = { o }; return o; };

for (const depth of [1000, 2000, 3000]) {
  const s = JSON.stringify(nestArrays(depth));
  const t = JSON.stringify(nestObjects(depth));
  const u = JSON.stringify(nestObjects(depth), null, 1);
  const v = JSON.stringify(nestArrays(depth / 2), (k, x) => x);
  console.log(depth, s.length, t.length, u.length, v.length, s.slice(0, 5), t.slice(-12));
}
const text = JSON.stringify(nestObjects(3000));
const back = JSON.parse(text);
let d = 0;
for (let o = back; o.o; o = o.o) d++;
console.log("parsed depth", d, JSON.stringify(back) === text);
let calls = 0;
JSON.parse("[".repeat(2500) + "]".repeat(2500), (k, v) => { calls++; return v; });
console.log("reviver calls", calls);
const huge = "[".repeat(100000) + "]".repeat(100000);
console.log("parse 100000", Array.isArray(JSON.parse(huge)));
try {
  JSON.stringify(nestArrays(100000));
  console.log("no error");
} catch (e) {
  console.log(e.name, e.message);
}
const cyclic = [1, [2, [3]]];
cyclic[1][1].push(cyclic);
try { JSON.stringify(cyclic); } catch (e) { console.log(e.name); }
