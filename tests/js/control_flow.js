// Labeled loops, switch with fallthrough, do-while, comma, and finally interplay.
function findPair(matrix, target) {
  let steps = 0;
  search: for (let i = 0; i < matrix.length; i++) {
    for (let j = 0; j < matrix[i].length; j++) {
      steps++;
      if (matrix[i][j] < 0) continue search;
      if (matrix[i][j] === target) {
        return { i, j, steps };
      }
    }
  }
  return { steps };
}
console.log(findPair([[1, 2, 3], [-1, 9, 9], [4, 9, 6]], 9), findPair([[1]], 5));

const primes = [];
outer: for (let n = 2; primes.length < 15; n++) {
  for (const p of primes) {
    if (p * p > n) break;
    if (n % p === 0) continue outer;
  }
  primes.push(n);
}
console.log(primes.join(","));

function classify(code) {
  const out = [];
  switch (Math.floor(code / 100)) {
    case 1:
      out.push("informational");
      break;
    case 2:
      if (code === 204) { out.push("no content"); break; }
      out.push("success");
      break;
    case 3:
      out.push("redirect");
    // falls through
    case 4:
      out.push("client-ish");
      if (code === 404) out.push("not found");
      break;
    case 5: {
      const retry = code === 503;
      out.push(`server error${retry ? " (retry)" : ""}`);
      break;
    }
    default:
      out.push("unknown");
  }
  return out.join("+");
}
console.log([100, 200, 204, 301, 404, 418, 503, 700].map(classify));

function kind(v) {
  switch (true) {
    case v === null: return "null";
    case Array.isArray(v): return "array";
    case typeof v === "object": return "object";
    default: return typeof v;
  }
}
console.log([null, [], {}, 1, "s", undefined, kind].map(kind).join(" "));
switch ("x") { default: console.log("default first"); case "y": console.log("fell to y"); }

let i = 0, log = [];
do { log.push(i); i += 3; } while (i < 10);
console.log(log, i);
let k = 10;
while (k --> 7) log.push(k);
console.log(log);
for (let a = 0, b = 10; a < b; a += 3, b -= 2) log.push(`${a}:${b}`);
console.log(log.slice(-3));

function withFinally(n) {
  const trace = [];
  for (let i = 0; i < n; i++) {
    try {
      if (i === 1) continue;
      if (i === 3) break;
      trace.push(`body${i}`);
    } finally {
      trace.push(`finally${i}`);
    }
  }
  return trace;
}
console.log(withFinally(5));
function returnOverride() {
  try { return "try"; } finally { console.log("cleanup runs"); }
}
console.log(returnOverride());
function finallyWins() { try { throw new Error("lost"); } finally { return "finally wins"; } }
console.log(finallyWins());
const nested = () => {
  try {
    try { throw new TypeError("inner"); }
    catch (e) { throw new RangeError(`wrapped ${e.message}`, { cause: e }); }
  } catch (e) {
    return `${e.name}: ${e.message} (cause ${e.cause.name})`;
  }
};
console.log(nested());
try { null.x; } catch { console.log("optional catch binding"); }
block: {
  console.log("in block");
  if (primes.length) break block;
  console.log("never printed");
}
let s = "";
for (const ch of "héllo✓😀") s += `[${ch}]`;
console.log(s, [..."😀a"].length, "😀a".length);
for (const key in { a: 1, b: 2, __proto__: { inherited: 3 } }) s = key + s;
console.log(s.slice(0, 10));
