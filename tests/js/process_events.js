// process as an event emitter, and the events the runtime emits:
// uncaughtException (the program carries on), unhandledRejection.
const seen = [];
const onFoo = (a, b) => seen.push(`foo ${a} ${b}`);
console.log("on returns process:", process.on("foo", onFoo) === process);
process.once("foo", (a) => seen.push(`foo once ${a}`));
process.prependListener("foo", () => seen.push("foo first"));
console.log("emit with listeners:", process.emit("foo", 1, 2), "count:", process.listenerCount("foo"));
process.emit("foo", 3, 4);
process.off("foo", onFoo);
console.log("emit after off:", process.emit("foo", 5, 6), "without listeners:", process.emit("bar"));
console.log(seen);
try {
  process.on("foo", 42);
} catch (e) {
  console.log(`${e.name} ${e.code}: ${e.message}`);
}
process.removeAllListeners("foo");
console.log("after removeAll:", process.listenerCount("foo"), process.listeners("foo"));

process.on("uncaughtException", (err, origin) => {
  console.log(`uncaughtException: ${err instanceof Error ? err.message : err} (${origin})`);
});
process.on("unhandledRejection", (reason, promise) => {
  console.log(`unhandledRejection: ${reason instanceof Error ? reason.message : reason}, promise: ${promise instanceof Promise}`);
});
setTimeout(() => {
  console.log("timer 1 throws");
  throw new Error("from timer 1");
}, 1);
setTimeout(() => console.log("timer 2 still runs"), 10);
setTimeout(() => {
  Promise.reject(new Error("rejected in timer 3"));
  Promise.reject(42).catch(() => console.log("handled rejection is not reported"));
  queueMicrotask(() => { throw "thrown from a microtask"; });
  process.nextTick(() => console.log("tick after the microtask throw still runs"));
}, 20);
process.on("exit", (code) => console.log(`exit ${code}`));
throw new TypeError("from the main script");
