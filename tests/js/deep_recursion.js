// Deep (but finite) recursion of 5000 frames, mutual recursion, and runaway recursion -> RangeError.
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
console.log(depth(5000));
const isEven = (n) => (n === 0 ? true : isOdd(n - 1));
const isOdd = (n) => (n === 0 ? false : isEven(n - 1));
console.log(isEven(5000), isOdd(4999));
function sumList(node) { return node ? node.v + sumList(node.next) : 0; }
let list = null;
for (let i = 1; i <= 5000; i++) list = { v: i, next: list };
console.log(sumList(list));
function buildTree(d) { return d === 0 ? null : { l: buildTree(d - 1), r: buildTree(d - 1) }; }
function count(t) { return t ? 1 + count(t.l) + count(t.r) : 0; }
console.log(count(buildTree(16)));
function ackermann(m, n) { return m === 0 ? n + 1 : n === 0 ? ackermann(m - 1, 1) : ackermann(m - 1, ackermann(m, n - 1)); }
console.log(ackermann(2, 300));
class Node { constructor(v, kids = []) { this.v = v; this.kids = kids; } sum() { return this.v + this.kids.reduce((s, k) => s + k.sum(), 0); } }
let chain = new Node(1);
for (let i = 0; i < 150; i++) chain = new Node(1, [chain]);
console.log(chain.sum());
function runaway(n) { return runaway(n + 1) + 1; }
try {
  runaway(0);
} catch (e) {
  console.log(e instanceof RangeError, e.name, e.message);
}
const obj = {};
obj.toString = function () { return "" + this; };
try { String(obj); } catch (e) { console.log("toString loop:", e.name); }
const nested = [];
let cur = nested;
for (let i = 0; i < 1000; i++) { const next = []; cur.push(next); cur = next; }
console.log(JSON.stringify(nested).length);
try {
  const a = []; a[0] = a;
  a.join();
  console.log("join cycle ok", a.join() === "");
} catch (e) { console.log("join", e.name); }
console.log("still alive");
