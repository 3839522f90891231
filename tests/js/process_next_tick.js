// process.nextTick: ticks run before promise jobs after the script and after
// every timer; ticks queued by ticks run in the same round, ticks queued by
// microtasks run once the microtask queue is empty.
const log = (m) => console.log(m);
setTimeout(() => log("timeout 1"), 0);
queueMicrotask(() => {
  log("micro 1");
  process.nextTick(() => log("tick from micro 1"));
  queueMicrotask(() => log("micro from micro 1"));
});
process.nextTick(() => {
  log("tick 1");
  process.nextTick(() => log("tick from tick 1"));
  queueMicrotask(() => log("micro from tick 1"));
});
process.nextTick((a, b) => log(`tick 2 with ${a} ${b}`), "x", "y");
Promise.resolve().then(() => log("then 1"));
queueMicrotask(() => log("micro 2"));
setTimeout(() => {
  log("timeout 2");
  queueMicrotask(() => log("micro in timeout 2"));
  process.nextTick(() => log("tick in timeout 2"));
}, 0);
setTimeout(() => log("timeout 3"), 0);
try {
  process.nextTick("not a function");
} catch (e) {
  log(`${e.name} ${e.code}: ${e.message}`);
}
log("sync");
