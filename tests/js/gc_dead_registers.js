// Register copies the collector treats as dead (a pending call's
// destination, a running coroutine's saved registers) must never be read
// again. Run under JSVM_GC_STRESS=1 this collects at every safepoint.

function churn() {
  let junk = [];
  for (let i = 0; i < 50; i++) junk.push({ i, s: "x" + i });
  return junk.length;
}

function thrower() {
  churn();
  throw new Error("boom");
}

// Inside a try block the destination keeps its old value when the call throws.
function keepsOnThrow() {
  let x = { v: "kept" };
  try {
    x = thrower();
  } catch (e) {
    return x.v + " after " + e.message;
  }
  return "unreachable";
}
console.log(keepsOnThrow());

// Outside a try block the frame dies with the exception.
function diesWithThrow() {
  let x = { v: "lost" };
  x = thrower();
  return x;
}
try {
  diesWithThrow();
} catch (e) {
  console.log("caught " + e.message);
}

// finally reads the old value too.
function finallyReads() {
  let x = { v: "in finally" };
  let seen = "";
  try {
    try {
      x = thrower();
    } finally {
      seen = x.v;
    }
  } catch (e) {}
  return seen;
}
console.log(finallyReads());

// Results of calls in loops, in plain and generator frames.
function* numbers(n) {
  for (let i = 0; i < n; i++) {
    const o = { i, sq: i * i };
    churn();
    yield o;
  }
}
let sum = 0;
for (const o of numbers(5)) sum += o.sq;
const g = numbers(4);
let r;
while (!(r = g.next()).done) sum += r.value.i;
console.log("generators " + sum);

// An async loop whose previous results become garbage while it runs.
async function consume(x) {
  await null;
  churn();
  return x.total;
}
function make(i) {
  churn();
  return { total: i * 10, list: [i, i + 1] };
}
async function run() {
  let acc = 0;
  for (let i = 0; i < 5; i++) acc += await consume(make(i));
  let last = make(7);
  try {
    last = await consume(null);
  } catch (e) {
    acc += last.total;
  }
  return acc;
}
run().then((v) => console.log("async " + v));
