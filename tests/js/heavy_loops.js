// Heavy: a 1e6-iteration numeric loop plus (smaller) allocation, array, Map and sieve work.
let sum = 0;
for (let i = 0; i < 1e6; i++) sum += i % 7 === 0 ? i : -1;
console.log(sum);

let x = 0;
let i = 0;
while (i < 200000) { x = (x * 31 + i) % 1000003; i++; }
console.log(x);

const points = [];
for (let k = 0; k < 50000; k++) points.push({ x: k % 100, y: (k * 7) % 113 });
let dist = 0;
for (const p of points) dist += Math.sqrt(p.x * p.x + p.y * p.y);
console.log(dist.toFixed(3), points.length);

const arr = Array.from({ length: 100000 }, (_, k) => (k * 2654435761) % 1000);
const filtered = arr.filter((v) => v % 3 === 0).map((v) => v * 2);
const reduced = filtered.reduce((a, b) => a + b, 0);
console.log(filtered.length, reduced);
const sorted = arr.slice(0, 30000).sort((a, b) => a - b);
console.log(sorted[0], sorted[15000], sorted[29999]);

const counts = new Map();
for (let k = 0; k < 50000; k++) {
  const key = "k" + (k % 1000);
  counts.set(key, (counts.get(key) || 0) + 1);
}
console.log(counts.size, counts.get("k999"));
const objCounts = {};
for (let k = 0; k < 50000; k++) objCounts[k % 500] = (objCounts[k % 500] || 0) + 1;
console.log(Object.keys(objCounts).length, objCounts[499]);

function collatz(n) { let steps = 0; while (n !== 1) { n = n % 2 ? 3 * n + 1 : n / 2; steps++; } return steps; }
let best = 0, bestN = 0;
for (let n = 1; n < 5000; n++) { const s = collatz(n); if (s > best) { best = s; bestN = n; } }
console.log(bestN, best);
const sieve = new Array(100001).fill(true);
sieve[0] = sieve[1] = false;
for (let p = 2; p * p <= 100000; p++) if (sieve[p]) for (let m = p * p; m <= 100000; m += p) sieve[m] = false;
console.log(sieve.reduce((c, v) => c + (v ? 1 : 0), 0));
