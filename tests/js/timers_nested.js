// Timers as Node runs them: nested timers, delay clamping, extra arguments,
// `this`, Timeout objects (ref/unref/hasRef/refresh/close/toPrimitive),
// intervals cleared from inside, setImmediate against setTimeout.
const out = [];
const log = (m) => out.push(m);

// Clamping: 0, negative, NaN, strings and objects (valueOf) all count;
// anything below 1 ms is 1 ms, so these run in creation order.
setTimeout(() => log("delay 0"), 0);
setTimeout(() => log("delay -5"), -5);
setTimeout(() => log("delay NaN"), NaN);
setTimeout(() => log("delay undefined"));
setTimeout(() => log("delay '1'"), "1");
setTimeout(() => log("delay {valueOf: 1}"), { valueOf() { return 1; } });
setTimeout(() => log("delay 1.5"), 1.5);

// Extra arguments and `this` (the Timeout object).
setTimeout(function (a, b, c) {
  log(`args ${a} ${b} ${c} this=${typeof this} hasRef=${this.hasRef()}`);
}, 2, "x", 2, undefined);

// Nested timers: a zero-delay timer set inside a timer runs in a later pass,
// after timers that were already due.
setTimeout(() => {
  log("outer A");
  setTimeout(() => log("nested from A"), 0);
  Promise.resolve().then(() => log("microtask after A"));
}, 20);
setTimeout(() => log("outer B (same 20 ms list)"), 20);

// An interval cleared from inside its own callback, with arguments.
let n = 0;
const iv = setInterval((step) => {
  n += step;
  log(`interval n=${n}`);
  if (n >= 6) clearInterval(iv);
}, 35, 2);

// clearTimeout accepts the Timeout object, its numeric id, and clearInterval
// clears timeouts too; junk is ignored.
const t1 = setTimeout(() => log("never t1"), 4);
const t2 = setTimeout(() => log("never t2"), 4);
const t3 = setTimeout(() => log("never t3"), 4);
clearTimeout(t1);
clearTimeout(+t2);
clearInterval(t3);
clearTimeout(undefined);
clearTimeout(null);
clearTimeout({});
clearTimeout("nope");
log(`ids are numbers: ${typeof +t1} ${+t1 !== +t2}`);
log(`Timeout methods: ${["ref", "unref", "hasRef", "refresh", "close"].every((m) => typeof t1[m] === "function")}`);
log(`unref returns the timer: ${t1.unref() === t1}, hasRef now ${t1.hasRef()}, ref again ${t1.ref().hasRef()}`);

// An unreferenced timer still runs while other timers keep the loop alive.
setTimeout(() => log("unref'd 50 ms timer ran"), 50).unref();

// refresh() restarts a timer from now; one that already fired runs again.
const r = setTimeout(() => log("refreshed timer ran"), 50);
setTimeout(() => { r.refresh(); log("refreshing at 85 ms"); }, 85);

// close() is clearTimeout.
setTimeout(() => log("never closed"), 1).close();

// setImmediate vs setTimeout inside a timer callback: the immediate first.
// An immediate cleared before it runs, and one cleared by an earlier one.
setTimeout(() => {
  setTimeout(() => log("timeout 0 from timer"), 0);
  setImmediate((x) => log(`immediate from timer ${x}`), "arg");
  const im = setImmediate(() => log("never immediate"));
  clearImmediate(im);
  let victim;
  setImmediate(() => { log("immediate 1 clears immediate 2"); clearImmediate(victim); });
  victim = setImmediate(() => log("never immediate 2"));
}, 115);

setTimeout(() => {
  log("last");
  console.log(out.join("\n"));
}, 160);

// Errors: the callback must be a function; a symbol delay throws.
for (const bad of [undefined, 5, "str", {}]) {
  try { setTimeout(bad, 1); } catch (e) { log(`${e.name} ${e.code}: ${e.message}`); }
}
try { setTimeout(() => {}, Symbol("s")); } catch (e) { log(`${e.name}: ${e.message}`); }
try { setImmediate(); } catch (e) { log(`${e.name} ${e.code}: ${e.message}`); }
