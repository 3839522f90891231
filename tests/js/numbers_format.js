// Number formatting and math.
console.log(0.1 + 0.2, (0.1 + 0.2).toFixed(2), 1 / 3, 2 ** 53, 2 ** 53 + 1);
console.log((1234.5678).toFixed(1), (0.000001234).toExponential(2), (123.456).toPrecision(4));
console.log((255).toString(16), (255).toString(2), (0.5).toString(2), parseInt("ff", 16), parseFloat("3.14abc"));
console.log(Number("  42  "), Number(""), Number("0x1A"), Number("1e3"), Number("abc"), +true);
console.log(1e21, 1e-7, 123e-20, -0, [0, -0], Object.is(-0, 0), 5 / 0, -5 / 0, 0 / 0);
console.log(Number.MAX_SAFE_INTEGER, Number.EPSILON > 0, Number.isInteger(5.0), Number.isSafeInteger(2 ** 53));
console.log(Math.max(1, 5, 3), Math.min(), Math.round(2.5), Math.round(-2.5), Math.trunc(-4.7), Math.sign(-3));
console.log(Math.floor(-0.5), Math.ceil(0.2), Math.abs(-7.25), Math.hypot(3, 4), Math.cbrt(27), Math.PI.toFixed(5));
console.log((1234567.891).toLocaleString(), (12).toString().padStart(5, "0"), 7 % 3, -7 % 3, 2 ** -1);
console.log(~~3.7, 5 >>> 1, -5 >> 1, -5 >>> 28, 1 << 31, 0xff & 0x0f, 6 ^ 3, 6 | 3);
console.log(isNaN("abc"), isFinite("12"), Number.isNaN("abc"), (25).toString(36), Number("0b101"));
let total = 0;
for (let i = 1; i <= 100; i++) total += i;
console.log(total, total / 7, Math.sqrt(2));
