// Arbitrary-precision decimal arithmetic on digit strings (no BigInt): add, multiply, factorial, powers.
function add(a, b) {
  let out = "", carry = 0;
  for (let i = a.length - 1, j = b.length - 1; i >= 0 || j >= 0 || carry; i--, j--) {
    const s = (i >= 0 ? a.charCodeAt(i) - 48 : 0) + (j >= 0 ? b.charCodeAt(j) - 48 : 0) + carry;
    out = (s % 10) + out;
    carry = Math.floor(s / 10);
  }
  return out.replace(/^0+(?=\d)/, "");
}
function multiply(a, b) {
  const res = new Array(a.length + b.length).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const p = (a.charCodeAt(i) - 48) * (b.charCodeAt(j) - 48) + res[i + j + 1];
      res[i + j + 1] = p % 10;
      res[i + j] += Math.floor(p / 10);
    }
  }
  return res.join("").replace(/^0+(?=\d)/, "");
}
function compare(a, b) { return a.length !== b.length ? Math.sign(a.length - b.length) : a < b ? -1 : a > b ? 1 : 0; }
function subtract(a, b) {
  if (compare(a, b) < 0) return "-" + subtract(b, a);
  let out = "", borrow = 0;
  for (let i = a.length - 1, j = b.length - 1; i >= 0; i--, j--) {
    let d = a.charCodeAt(i) - 48 - borrow - (j >= 0 ? b.charCodeAt(j) - 48 : 0);
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    out = d + out;
  }
  return out.replace(/^0+(?=\d)/, "");
}
const factorial = (n) => { let r = "1"; for (let i = 2; i <= n; i++) r = multiply(r, String(i)); return r; };
const power = (b, e) => { let r = "1", x = b; while (e > 0) { if (e & 1) r = multiply(r, x); x = multiply(x, x); e >>= 1; } return r; };
const group = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

console.log(add("999999999999999999", "1"), add("0", "0"), add("123456789123456789", "987654321987654321"));
console.log(multiply("123456789", "987654321"), 123456789 * 987654321, multiply("0", "12345"));
console.log(subtract("1000000000000", "1"), subtract("5", "12"), subtract("42", "42"));
const f50 = factorial(50);
console.log(f50, f50.length);
console.log(group(factorial(25)), group("1000"), group("999"));
const p = power("2", 200);
console.log(p, p.length, [...p].reduce((s, d) => s + +d, 0));
let fa = "0", fb = "1";
for (let i = 0; i < 300; i++) [fa, fb] = [fb, add(fa, fb)];
console.log(`fib(300) = ${fa}`, fa.length);
const digitsOf100 = factorial(100);
console.log(digitsOf100.length, digitsOf100.match(/0+$/)[0].length, digitsOf100.slice(0, 20));
console.log(compare("100", "99"), compare("12", "12"), compare("123", "124"), ["10", "9", "100", "1"].sort(compare));
console.log(String(2 ** 64), power("2", 64), Number(power("2", 64)) === 2 ** 64, Number.MAX_SAFE_INTEGER + 2);
