// Operators with a small integer literal operand (compiled to the `*Imm`
// instructions) must behave exactly like the general forms.
const values = [0, -0, 1, -1, 7.5, -7.5, 2147483647, -2147483648, 4294967296, NaN, Infinity,
  -Infinity, "12", "x", "", true, null, undefined, [], [3], {}];
const show = (v) => (Object.is(v, -0) ? "-0" : typeof v === "string" ? JSON.stringify(v) : String(v));
for (const v of values) {
  const row = [
    v + 1, v - 1, v * 3, 3 * v, v / 2, v % 2, v % -3, v & 6, 6 & v, v | 1, v ^ 5, v << 3, v >> 1,
    v >>> 0, v * 0, v + 0, v - 0,
  ];
  const cmp = [v < 1, v <= 1, v > 1, v >= 1, 1 < v, 1 >= v, v === 1, v !== 1, 0 === v];
  const jumps = [];
  if (v < 0) jumps.push("lt");
  if (v <= 0) jumps.push("le");
  if (v > 0) jumps.push("gt");
  if (v >= 0) jumps.push("ge");
  if (v === 0) jumps.push("eq");
  if (v !== 0) jumps.push("ne");
  if (2 > v) jumps.push("flip");
  let c = v;
  c += 5;
  let d = v;
  d %= 4;
  console.log(show(v), row.map(show).join(" "), cmp.join(" "), jumps.join(","), show(c), show(d));
}
// Conversions run once each, in order, for objects with valueOf.
const log = [];
const o = { valueOf() { log.push("valueOf"); return 10; } };
console.log(o + 1, o - 1, 2 * o, o % 3, 1 < o, o >= 10, log.length);
// BigInt operands keep their errors and results.
console.log(10n * 2n, 7n % 2n);
for (const f of [() => 1n + 1, () => 2 * 1n, () => 1n >>> 0]) {
  try {
    f();
  } catch (e) {
    console.log(e.constructor.name);
  }
}
// Members and elements updated in place with literals.
const obj = { n: 1, a: [1, 2] };
obj.n += 41;
obj.a[1] *= 21;
obj.n <<= 1;
console.log(obj.n, obj.a[1]);
