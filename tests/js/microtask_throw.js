// queueMicrotask checks its argument; a microtask that throws a string is an
// uncaught exception: the rest of the microtasks and the timers never run.
for (const bad of [undefined, null, 1, "f", {}]) {
  try {
    queueMicrotask(bad);
  } catch (e) {
    console.log(`${e.name} ${e.code}: ${e.message}`);
  }
}
setTimeout(() => console.log("never: timer"), 0);
queueMicrotask(() => console.log("microtask 1"));
queueMicrotask(() => {
  console.log("microtask 2 throws");
  throw "plain string";
});
queueMicrotask(() => console.log("never: microtask 3"));
console.log("script end");
