// console.log line-width decisions: objects/arrays near the 72/80 column limits, grouped numeric arrays.
for (let n = 1; n <= 8; n++) {
  const o = {};
  for (let i = 0; i < n; i++) o["key" + i] = "v".repeat(n);
  console.log(o);
}
for (let n = 3; n <= 9; n++) console.log(Array.from({ length: n }, (_, i) => "s".repeat(i * 2)));
console.log([{ a: 1, b: 2, c: 3 }, { a: 1, b: 2, c: 3 }, { a: 1, b: 2, c: 3 }, { a: 1, b: 2, c: 3 }]);
console.log({ arr: Array.from({ length: 10 }, (_, i) => ({ id: i })) });
console.log({ level1: { level2: { a: "x".repeat(40), b: "y".repeat(40) } } });
console.log([[1, 2, 3], [4, 5, 6], [7, 8, 9]], Array.from({ length: 7 }, (_, i) => [i, i * i]));
console.log(new Map(Array.from({ length: 6 }, (_, i) => ["key" + i, { value: i * 1000 }])));
console.log(new Set(Array.from({ length: 30 }, (_, i) => i)));
console.log(Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)));
console.log([1.5, -2.25, 100, 3, -0.125, 42, 7, 8, 9, 10, 11, 12]);
console.log([true, false, null, undefined, 1, "a", true, false, null, undefined, 1, "a"]);
console.log("a".repeat(100), ["a".repeat(100)], { k: "b".repeat(80) });
console.log(["x\ny", "multi\nline\nstring that is rather long to force wrapping of the array"]);
console.log({ f: function () {}, g: class {}, h: Symbol("h"), i: null });
