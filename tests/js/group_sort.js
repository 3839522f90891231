// Sorting and grouping records: stable sort, multi-key comparators, reduce, Map groups.
const records = [
  { id: 1, name: "Widget", category: "tools", price: 9.99, stock: 120, rating: 4.5 },
  { id: 2, name: "Gadget", category: "electronics", price: 24.5, stock: 0, rating: 4.1 },
  { id: 3, name: "Doohickey", category: "tools", price: 4.25, stock: 35, rating: 3.9 },
  { id: 4, name: "Thingamajig", category: "toys", price: 15, stock: 8, rating: 4.5 },
  { id: 5, name: "Gizmo", category: "electronics", price: 99.95, stock: 14, rating: 4.8 },
  { id: 6, name: "Whatsit", category: "toys", price: 3.5, stock: 200, rating: 3.2 },
  { id: 7, name: "apple peeler", category: "kitchen", price: 7.75, stock: 60, rating: 4.1 },
  { id: 8, name: "Zester", category: "kitchen", price: 11, stock: 0, rating: 4.5 },
];

const by = (...keys) => (a, b) => {
  for (const k of keys) {
    const desc = k.startsWith("-");
    const key = desc ? k.slice(1) : k;
    const x = a[key], y = b[key];
    const c = typeof x === "string" ? x.localeCompare(y) : x - y;
    if (c !== 0) return desc ? -c : c;
  }
  return 0;
};

console.log(records.slice().sort(by("-rating", "price")).map((r) => `${r.rating}/${r.price}`).join(" "));
console.log(records.toSorted(by("category", "-price")).map((r) => r.name));
console.log(records.map((r) => r.name).sort());
console.log([10, 9, 1, 100, 25].sort(), [10, 9, 1, 100, 25].sort((a, b) => b - a));

const groups = new Map();
for (const r of records) {
  if (!groups.has(r.category)) groups.set(r.category, []);
  groups.get(r.category).push(r);
}
for (const [cat, items] of groups) {
  const value = items.reduce((s, r) => s + r.price * r.stock, 0);
  console.log(cat.padEnd(12), items.length, value.toFixed(2).padStart(9), items.map((r) => r.id));
}
const grouped = records.reduce((g, r) => { (g[r.stock === 0 ? "out" : r.stock < 20 ? "low" : "ok"] ??= []).push(r); return g; }, {});
console.log(grouped && Object.fromEntries(Object.entries(grouped).map(([k, v]) => [k, v.map((r) => r.id)])));
const index = Object.fromEntries(records.map((r) => [r.id, r.name]));
console.log(index);
const [cheapest, ...others] = records.toSorted((a, b) => a.price - b.price);
console.log(cheapest.name, others.length, others.at(-1).name);
console.log(records.some((r) => r.stock === 0), records.every((r) => r.price > 1), records.findLast((r) => r.rating === 4.5).name, records.findLastIndex((r) => r.price > 50));
const chunk = (arr, n) => arr.reduce((acc, x, i) => (i % n ? acc[acc.length - 1].push(x) : acc.push([x]), acc), []);
console.log(chunk(records.map((r) => r.id), 3));
const uniq = [...new Set(records.map((r) => r.rating))].sort((a, b) => a - b);
console.log(uniq, records.map((r) => r.category).filter((c, i, a) => a.indexOf(c) === i));
const totals = records.reduceRight((acc, r) => ({ ...acc, [r.category]: (acc[r.category] ?? 0) + r.stock }), {});
console.log(totals);
console.log([["b", 2], ["a", 1]].flatMap(([k, v]) => [k, v * 10]), [1, [2, [3, [4]]]].flat(Infinity));
console.log(records.with(0, { id: 0 }).slice(0, 2), records.toReversed()[0].id, records.toSpliced(1, 6).map((r) => r.id));
