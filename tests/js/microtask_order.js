// Node's order of microtasks: process.nextTick callbacks first, then the
// promise job queue (then-callbacks, queueMicrotask, await resumptions),
// repeated until both are empty; all before the next timer or immediate.
const out = [];
const log = (m) => out.push(m);

setTimeout(() => log("timeout 1"), 0);

Promise.resolve().then(() => {
  log("then 1");
  process.nextTick(() => log("tick from then 1"));
  queueMicrotask(() => log("micro from then 1"));
}).then(() => log("then 1b"));
queueMicrotask(() => log("micro 1"));
process.nextTick(() => {
  log("tick 1");
  Promise.resolve().then(() => log("then from tick 1"));
  process.nextTick(() => log("tick from tick 1"));
});

async function task(name) {
  log(`${name} start`);
  await null;
  log(`${name} after await 1`);
  await new Promise((resolve) => setTimeout(resolve, 5));
  log(`${name} after timer await`);
  return name;
}
task("a").then((v) => log(`task ${v} resolved`));
task("b");

const thenable = { then(resolve) { log("thenable.then called"); resolve("T"); } };
Promise.resolve(thenable).then((v) => log(`thenable resolved ${v}`));

setTimeout(() => {
  log("timeout 2");
  queueMicrotask(() => log("micro in timeout 2"));
  process.nextTick(() => log("tick in timeout 2"));
}, 0);
setTimeout(() => {
  log("timeout 3");
  setTimeout(() => log("timeout from timeout 3"), 0);
  setImmediate(() => {
    log("immediate");
    process.nextTick(() => log("tick in immediate"));
    Promise.resolve().then(() => log("then in immediate"));
  });
}, 0);

setTimeout(() => console.log(out.join("\n")), 30);
log("sync end");
