// An exception thrown by a timer callback is uncaught: stdout keeps what was
// printed, microtasks queued before the throw and later timers never run,
// stderr shows the error, and the exit code is 1.
setTimeout(() => console.log("first timer"), 1);
setTimeout(() => {
  console.log("second timer throws");
  queueMicrotask(() => console.log("never: microtask queued before the throw"));
  throw new RangeError("timer failed");
}, 5);
setTimeout(() => console.log("never: later timer"), 5);
setTimeout(() => console.log("never: much later timer"), 50);
console.log("sync done");
