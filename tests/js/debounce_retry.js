// Function utilities used in apps: debounce/throttle over a fake clock, retry with backoff, pipeline of validators.
let now = 0;
const clock = { now: () => now, timers: [], setTimeout(fn, ms) { const t = { at: now + ms, fn, id: this.timers.length + 1 }; this.timers.push(t); return t.id; }, clearTimeout(id) { this.timers = this.timers.filter((t) => t.id !== id); } };
function advance(ms) {
  const end = now + ms;
  for (;;) {
    const due = clock.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
    if (!due) break;
    clock.timers = clock.timers.filter((t) => t !== due);
    now = due.at;
    due.fn();
  }
  now = end;
}
function debounce(fn, wait) {
  let id = null;
  return (...args) => { clock.clearTimeout(id); id = clock.setTimeout(() => fn(...args), wait); };
}
function throttle(fn, wait) {
  let last = -Infinity;
  return (...args) => { if (clock.now() - last >= wait) { last = clock.now(); fn(...args); } };
}
const out = [];
const search = debounce((q) => out.push(`search(${q})@${now}`), 100);
const scroll = throttle((y) => out.push(`scroll(${y})@${now}`), 50);
for (const [t, q] of [[0, "h"], [30, "he"], [60, "hel"], [250, "help"], [290, "helpe"]]) { advance(t - now); search(q); }
advance(500);
for (let t = 0; t <= 200; t += 20) { advance(20); scroll(t); }
console.log(out);

function retry(fn, { attempts = 3, base = 10 } = {}) {
  const log = [];
  for (let i = 1; i <= attempts; i++) {
    try {
      const r = fn(i);
      log.push(`attempt ${i} ok`);
      return { result: r, log };
    } catch (e) {
      const delay = base * 2 ** (i - 1);
      log.push(`attempt ${i} failed (${e.message}), ${i < attempts ? `retry in ${delay}ms` : "giving up"}`);
    }
  }
  return { result: null, log };
}
console.log(retry((i) => { if (i < 3) throw new Error(`flaky ${i}`); return "data"; }));
console.log(retry(() => { throw new Error("down"); }, { attempts: 2, base: 100 }).log);

const rules = {
  required: (v) => (v === undefined || v === "" ? "is required" : null),
  minLen: (n) => (v) => (typeof v === "string" && v.length < n ? `must be at least ${n} chars` : null),
  pattern: (re, msg) => (v) => (v && !re.test(v) ? msg : null),
  range: (lo, hi) => (v) => (v < lo || v > hi ? `must be between ${lo} and ${hi}` : null),
};
const schema = {
  username: [rules.required, rules.minLen(3), rules.pattern(/^\w+$/, "letters, digits, _ only")],
  email: [rules.required, rules.pattern(/^[^@\s]+@[^@\s]+\.\w+$/, "must be an email")],
  age: [rules.range(13, 120)],
};
const validate = (obj) => Object.entries(schema).reduce((errs, [field, checks]) => {
  const msgs = checks.map((check) => check(obj[field])).filter(Boolean);
  return msgs.length ? { ...errs, [field]: msgs } : errs;
}, {});
console.log(validate({ username: "ab!", email: "nope", age: 7 }));
console.log(validate({ username: "good_name", email: "a@b.io", age: 30 }));
console.log(validate({}));
const tap = (f) => (x) => (f(x), x);
const trace = [];
const result = [1, 2, 3].map(tap((x) => trace.push(`saw ${x}`))).map((x) => x * 10);
console.log(result, trace);
