// Ordering puzzles: then vs setTimeout vs queueMicrotask vs await (and
// thenables), nested timers.
console.log("script start");
setTimeout(() => console.log("timeout 0"), 0);
setTimeout(() => {
  console.log("timeout 1");
  Promise.resolve().then(() => console.log("micro inside timeout 1"));
  setTimeout(() => console.log("nested timeout"), 0);
}, 1);
queueMicrotask(() => console.log("microtask 1"));
Promise.resolve()
  .then(() => console.log("then 1"))
  .then(() => console.log("then 2"));
(async () => {
  console.log("async start");
  await undefined;
  console.log("after await 1");
  await Promise.resolve();
  console.log("after await 2");
  await new Promise((r) => setTimeout(r, 0));
  console.log("after timer await");
})();
const resolvedThenable = { then(r) { console.log("thenable then"); r("t"); } };
(async () => console.log("awaited thenable", await resolvedThenable))();
async function a1() { console.log("a1 start"); await a2(); console.log("a1 end"); }
async function a2() { console.log("a2"); }
a1();
new Promise((resolve) => { console.log("executor"); resolve(); }).then(() => console.log("executor then"));
console.log("script end");
