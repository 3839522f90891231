// Number-to-string conversions that real code prints: physics, finance, trig tables.
const g = 9.80665;
for (let t = 0; t <= 2; t += 0.25) {
  const h = 100 - 0.5 * g * t * t;
  console.log(t, h, h.toFixed(3), Math.round(h * 100) / 100);
}
console.log([0, 30, 45, 60, 90, 180, 270].map((deg) => {
  const r = (deg * Math.PI) / 180;
  return [deg, Math.sin(r), Math.cos(r), Math.tan(r)];
}));
const rates = [0.01, 0.035, 0.07];
for (const rate of rates) {
  let balance = 1000;
  for (let y = 0; y < 10; y++) balance *= 1 + rate;
  console.log(rate, balance, balance.toFixed(2), balance.toPrecision(6), balance.toExponential(3));
}
console.log(Math.E, Math.LN2, Math.LN10, Math.LOG2E, Math.SQRT1_2, Math.PI * 1e10, Math.PI / 1e10);
console.log(Math.exp(1), Math.log(10), Math.log2(1024), Math.log10(0.001), Math.log1p(1e-10), Math.expm1(1e-10));
console.log(Math.atan2(1, 1), Math.asin(1), Math.acos(-1), Math.sinh(1), Math.cosh(1), Math.tanh(0.5), Math.atanh(0.5));
console.log(Math.fround(5.5), Math.fround(5.05), Math.clz32(1), Math.imul(0xffffffff, 5), Math.pow(2, -1074), Math.pow(-8, 1 / 3));
console.log(1 / 3 * 3, 0.1 * 3, 0.3 / 0.1, 9007199254740993, 1.7976931348623157e308 * 2, -1e-320);
console.log(123456789.123456789, 0.000001, 0.0000001, 1e20, 1e21, 12345678901234567890, 2 ** 64, 2 ** -20);
console.log((25).toString(36), (-255).toString(16), (0.5).toString(2), (3.75).toString(8), (1e21).toString(16).length, Number("0b1011"), Number("0o17"));
console.log(Number.parseFloat("1e-7"), Number.parseInt("  -0x1a"), parseInt("12abc", 36), parseInt(""), parseFloat(".5e1"), parseFloat("-.e1"));
console.log((1234.5678).toFixed(0), (0.5).toFixed(0), (1.5).toFixed(0), (2.5).toFixed(0), (1.45).toFixed(1), (8.345).toFixed(2));
console.log((123.456).toPrecision(1), (123.456).toPrecision(2), (0.00012345).toPrecision(2), (1e-7).toPrecision(3), (123456).toPrecision(3));
console.log((0).toExponential(), (12345).toExponential(), (-0.0001234).toExponential(1), (1.5e300).toExponential(20));
console.log(Number.isSafeInteger(2 ** 53), Number.isInteger(5.0), Number.isFinite("5"), isFinite("5"), isNaN("abc"), Number.isNaN("abc"));
const amounts = [19.99, 5.01, 0.1, 0.2, 100];
const totalCents = amounts.reduce((s, a) => s + Math.round(a * 100), 0);
console.log(amounts.reduce((s, a) => s + a, 0), totalCents / 100, (totalCents / 100).toFixed(2));
console.log(~~3.7, 3.7 | 0, -3.7 | 0, 2 ** 31 | 0, 1 << 31, -1 >>> 0, -1 >>> 28, 5 & 3, 5 | 3, 5 ^ 3, ~5);
console.log(7 % 3, -7 % 3, 7 % -3, 5.5 % 2, -0 % 5, Infinity % 2, 2 ** 0.5, (-2) ** 2, 0 / 0, -1 / 0);
console.log(String(-0), (-0).toFixed(2), JSON.stringify(-0), `${-0}`, [-0] + "", Object.is(-0 + 0, 0), 1 / Math.round(-0.4));
console.log((1e6).toLocaleString(), (1234.5).toLocaleString("en-US"));
