// A promise rejected with an Error and never handled: once the microtasks
// are drained the rejection is raised as an uncaught exception (exit 1).
// Rejections handled before that point, even a few microtasks later, are
// not reported.
const early = Promise.reject(new Error("handled a microtask later"));
queueMicrotask(() => early.catch((e) => console.log("caught:", e.message)));
async function load() {
  await null;
  throw new Error("load failed");
}
load().catch((e) => console.log("caught:", e.message));
console.log("script end");
setTimeout(() => {
  console.log("timer runs");
  Promise.reject(new TypeError("nobody handles this"));
  Promise.resolve().then(() => console.log("microtasks still drain first"));
}, 1);
setTimeout(() => console.log("never: later timer"), 30);
