// Text utilities: word wrap, justify, case conversion, truncation, unicode-aware helpers.
const lorem = "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs! How vexingly quick daft zebras jump; sphinx of black quartz, judge my vow.";

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
function justify(line, width) {
  const words = line.split(" ");
  if (words.length === 1) return line.padEnd(width);
  let gaps = width - words.join("").length;
  return words.reduce((acc, w, i) => {
    if (i === words.length - 1) return acc + w;
    const n = Math.ceil(gaps / (words.length - 1 - i));
    gaps -= n;
    return acc + w + " ".repeat(n);
  }, "");
}
const center = (s, w, fill = " ") => s.padStart(Math.floor((w + s.length) / 2), fill).padEnd(w, fill);
const wrapped = wrap(lorem, 36);
console.log("+" + "-".repeat(38) + "+");
wrapped.forEach((l, i) => console.log("| " + (i < wrapped.length - 1 ? justify(l, 36) : l.padEnd(36)) + " |"));
console.log("+" + center(" END ", 38, "=") + "+");

const toWords = (s) => s.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[\s_\-]+/).filter(Boolean).map((w) => w.toLowerCase());
const camel = (s) => toWords(s).map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join("");
const snake = (s) => toWords(s).join("_");
const kebab = (s) => toWords(s).join("-");
const title = (s) => toWords(s).map((w) => w.charAt(0).toUpperCase() + w.substring(1)).join(" ");
for (const s of ["hello world", "XMLHttpRequest parser", "already_snake_case", "some-kebab-thing", "  Mixed   Input_here-now "]) {
  console.log([camel(s), snake(s), kebab(s), title(s)].join(" | "));
}
const truncate = (s, n) => (s.length > n ? s.slice(0, n - 1).trimEnd() + "…" : s);
console.log(truncate(lorem, 20), truncate("short", 20), truncate("exactly ten", 11));

const emoji = "I ❤️ JS 🚀🚀 café";
console.log(emoji.length, [...emoji].length, emoji.codePointAt(7), emoji.at(-1), emoji.charAt(2));
console.log("café".normalize("NFD").length, "café".normalize("NFC").length, "e\u0301" === "é", "e\u0301".normalize() === "é");
console.log(String.fromCodePoint(128512, 65, 0x1f680), "ABC".split("").map((c) => c.charCodeAt(0)));
const isPalindrome = (s) => { const t = s.toLowerCase().replace(/[^a-z0-9]/g, ""); return t === [...t].reverse().join(""); };
console.log(["A man, a plan, a canal: Panama", "race a car", "Was it a car or a cat I saw?"].map(isPalindrome));
const countVowels = (s) => (s.match(/[aeiou]/gi) || []).length;
console.log(countVowels(lorem), lorem.split(" ").length, new Set(lorem.toLowerCase().replace(/[^a-z]/g, "")).size);
console.log("  trim me  ".trimStart() + "|", "|" + "  trim me  ".trimEnd(), "abc".localeCompare("abd"), "a,b,,c".split(","), "a,b,c".split(",", 2));
console.log("Hello".startsWith("He"), "Hello".endsWith("lo", 5), "Hello".includes("ell", 2), "hello".search(/l+/), "x".concat(1, [2, 3], null));
console.log("one two three".replace(/(\w+) (\w+)/, "$2 $1"), "aaa".replaceAll("a", "$&$&"), "price: $5".replace("$5", "$$10"));
console.log("%", "50%".padStart(6, "*"), "abc".substr(-2, 1), "abcdef".substring(4, 1), "Straße".toUpperCase(), "İ".toLowerCase().length);
const wordFreq = lorem.toLowerCase().match(/\b[a-z]+\b/g).reduce((m, w) => m.set(w, (m.get(w) || 0) + 1), new Map());
console.log([...wordFreq].filter(([, n]) => n > 1), wordFreq.size);
