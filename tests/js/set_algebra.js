// Set algebra on permissions and course enrolments (hand-written union/intersection/difference).
const union = (...sets) => new Set(sets.flatMap((s) => [...s]));
const intersection = (a, ...rest) => new Set([...a].filter((x) => rest.every((s) => s.has(x))));
const difference = (a, b) => new Set([...a].filter((x) => !b.has(x)));
const symmetric = (a, b) => union(difference(a, b), difference(b, a));
const isSubset = (a, b) => [...a].every((x) => b.has(x));

const roles = {
  viewer: new Set(["read"]),
  editor: new Set(["read", "write", "comment"]),
  admin: new Set(["read", "write", "comment", "delete", "invite"]),
  auditor: new Set(["read", "export"]),
};
const users = { ann: ["editor"], bob: ["viewer", "auditor"], cy: ["admin"], dee: [] };
const perms = (u) => union(...users[u].map((r) => roles[r]), new Set());
for (const u of Object.keys(users)) console.log(u.padEnd(4), [...perms(u)].sort().join(","));
console.log(isSubset(roles.viewer, roles.editor), isSubset(roles.auditor, roles.admin), [...difference(roles.admin, roles.editor)]);
console.log(symmetric(roles.auditor, roles.editor), intersection(roles.admin, roles.editor, roles.auditor));

const enrol = new Map([
  ["math", new Set(["ann", "bob", "cy", "eve"])],
  ["physics", new Set(["bob", "cy", "fay"])],
  ["art", new Set(["ann", "dee", "eve", "fay"])],
]);
const everyone = union(...enrol.values());
console.log(everyone.size, [...everyone].sort());
const courseCount = new Map([...everyone].map((s) => [s, [...enrol].filter(([, set]) => set.has(s)).map(([c]) => c)]));
console.log(courseCount);
const pairs = [];
const names = [...enrol.keys()];
for (let i = 0; i < names.length; i++)
  for (let j = i + 1; j < names.length; j++) {
    const a = enrol.get(names[i]), b = enrol.get(names[j]);
    const jaccard = intersection(a, b).size / union(a, b).size;
    pairs.push([`${names[i]}~${names[j]}`, +jaccard.toFixed(3)]);
  }
console.log(pairs.sort((x, y) => y[1] - x[1]));
const s = new Set([1, 2, 3]);
for (const x of s) { if (x < 3) s.add(x + 10); if (x === 2) s.delete(1); }
console.log(s, s.size);
const m = new Map([["a", 1]]);
m.set(NaN, "nan").set(0, "zero").set(-0, "negzero");
console.log(m, m.get(NaN), [...m.keys()], Object.is([...m.keys()][2], 0));
const dedupeBy = (arr, key) => [...new Map(arr.map((x) => [key(x), x])).values()];
console.log(dedupeBy([{ id: 1, v: "a" }, { id: 2, v: "b" }, { id: 1, v: "c" }], (x) => x.id));
const seen = new WeakSet();
const objs = [{}, {}, {}];
objs.forEach((o, i) => i % 2 && seen.add(o));
console.log(objs.map((o) => seen.has(o)), seen.has(objs[1]), seen.delete(objs[1]), seen.has(objs[1]));
const counts = [..."mississippi"].reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map());
console.log(new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))), Math.max(...counts.values()));
const grouped = new Map();
for (const w of ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]) grouped.set(w[0], [...(grouped.get(w[0]) ?? []), w]);
console.log(grouped, Array.from(grouped, ([k, v]) => `${k}:${v.length}`).join(" "), new Set("hello"), new Set([[1], [1]]).size);
