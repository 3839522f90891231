// Number converters: roman numerals, English words, ordinals, byte sizes, durations.
const ROMAN = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
const toRoman = (n) => {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`cannot convert ${n}`);
  return ROMAN.reduce((s, [v, sym]) => { while (n >= v) { s += sym; n -= v; } return s; }, "");
};
const fromRoman = (s) => {
  const map = Object.fromEntries(ROMAN.filter(([, r]) => r.length === 1).map(([v, r]) => [r, v]));
  return [...s.toUpperCase()].reduce((acc, ch, i, arr) => (map[ch] < (map[arr[i + 1]] ?? 0) ? acc - map[ch] : acc + map[ch]), 0);
};
for (const n of [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]) console.log(String(n).padStart(4), toRoman(n).padEnd(12), fromRoman(toRoman(n)) === n);
for (const bad of [0, 4000, 2.5, -1]) { try { toRoman(bad); } catch (e) { console.log(e.message); } }

const ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES = ["", "thousand", "million", "billion", "trillion"];
function words(n) {
  if (n === 0) return "zero";
  if (n < 0) return "minus " + words(-n);
  const chunk = (x) => {
    const parts = [];
    if (x >= 100) { parts.push(ONES[Math.floor(x / 100)] + " hundred"); x %= 100; }
    if (x >= 20) { parts.push(TENS[Math.floor(x / 10)] + (x % 10 ? "-" + ONES[x % 10] : "")); }
    else if (x > 0) parts.push(ONES[x]);
    return parts.join(" and ");
  };
  const out = [];
  for (let i = 0; n > 0; i++, n = Math.floor(n / 1000)) {
    const c = n % 1000;
    if (c) out.unshift(chunk(c) + (SCALES[i] ? " " + SCALES[i] : ""));
  }
  return out.join(", ");
}
for (const n of [0, 7, 13, 21, 100, 101, 999, 1000, 1001, 123456, 1000000, 2147483647, -45]) console.log(n, "=>", words(n));
const ordinal = (n) => { const s = ["th", "st", "nd", "rd"], v = n % 100; return n + (s[(v - 20) % 10] || s[v] || s[0]); };
console.log([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal).join(" "));
const bytes = (n) => {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i ? n.toFixed(n < 10 ? 2 : 1) : n} ${units[i]}`;
};
console.log([0, 512, 1024, 1536, 1048576, 5e9, 1.2e13, 2 ** 50].map(bytes));
const duration = (ms) => {
  const parts = [];
  for (const [unit, size] of [["d", 86400000], ["h", 3600000], ["m", 60000], ["s", 1000], ["ms", 1]]) {
    const v = Math.floor(ms / size);
    if (v) { parts.push(v + unit); ms -= v * size; }
  }
  return parts.join(" ") || "0ms";
};
console.log([0, 999, 1000, 61000, 3600000 + 1, 90061001, 1e10].map(duration));
const compact = (n) => {
  for (const [v, s] of [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]]) if (Math.abs(n) >= v) return +(n / v).toFixed(1) + s;
  return String(n);
};
console.log([999, 1000, 1250, 999999, 1500000, -2.5e9, 7.77e12].map(compact));
