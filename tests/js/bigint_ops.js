// BigInt arithmetic, comparisons, equality and conversions (6.1.6.2, 13.x).
const big = 2n ** 100n;
console.log(big, -big, big * big);
console.log(10n + 20n, 10n - 20n, 6n * 7n, 7n / 2n, -7n / 2n, 7n % -2n, -7n % 2n);
console.log(0x1fn, 0o17n, 0b101n, 1_000_000n, 18446744073709551615n + 1n);
console.log(-1n & 255n, -256n | 255n, -5n ^ 3n, ~0n, ~-1n, ~big);
console.log(1n << 64n, -5n >> 1n, 5n >> -2n, -1n >> 1000n, big >> 99n);
let i = 9007199254740991n;
i++;
i++;
console.log(i, typeof i, typeof Object(i));
let j = 0n;
console.log(j--, j, --j, -j);
for (const [a, b] of [[1n, 1], [1n, 1.5], [2n, 1.5], [1n, "1"], [1n, "x"], [0n, ""], [1n, true], [big, 2 ** 100]]) {
  console.log(String(a), JSON.stringify(b), a == b, a < b, a > b, a <= b, a >= b);
}
console.log(1n === 1n, big === 2n ** 100n, 1n === 1, Object.is(0n, -0n), [1n, 2n].includes(2n));
console.log(0n ? "truthy" : "falsy", 1n ? "truthy" : "falsy", !0n, !!big);
console.log(`${big}`, "x" + 1n, 1n + "x", String(-42n), (255n).toString(16), (-255n).toString(2));
console.log(Number(big), Number(2n ** 53n + 1n), parseFloat(big), +String(3n));
const o = { [1n]: "one", 2n: "two" };
console.log(o[1], o["2"], Object.keys(o));
const m = new Map([[1n, "a"], [big, "b"]]);
console.log(m.get(1n), m.get(2n ** 100n), new Set([1n, 1n, 2n ** 64n, 2n ** 64n]).size);
const errors = [
  () => 1n + 1,
  () => 1n * 1.5,
  () => +1n,
  () => 1n >>> 0n,
  () => 1n / 0n,
  () => 1n % 0n,
  () => 2n ** -1n,
  () => Math.abs(1n),
  () => 1n < Symbol(),
  () => JSON.stringify({ a: 1n }),
  () => new BigInt(1),
  () => BigInt(1.5),
  () => BigInt("1.5"),
  () => BigInt(undefined),
];
for (const f of errors) {
  try {
    console.log("no error", f());
  } catch (e) {
    console.log(e.constructor.name);
  }
}
console.log([3n, 1n, 2n, -5n].sort(), [10n, 9n, 1n].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
