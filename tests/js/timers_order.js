// Timers: callbacks run after the synchronous script, ordered by delay, FIFO for equal delays.
const log = [];
const stamp = (msg) => { log.push(msg); console.log(msg); };
setTimeout(() => stamp("timeout 30"), 30);
setTimeout(() => stamp("timeout 0 (first)"), 0);
setTimeout((a, b) => stamp(`timeout 0 (second) args ${a},${b}`), 0, "x", "y");
const cancelled = setTimeout(() => stamp("never"), 5);
clearTimeout(cancelled);
let ticks = 0;
const iv = setInterval(() => {
  ticks++;
  stamp(`interval tick ${ticks}`);
  if (ticks === 3) {
    clearInterval(iv);
    setTimeout(() => {
      stamp("after interval");
      setTimeout(() => stamp(`done: ${log.length} entries`), 0);
    }, 0);
  }
}, 60);
setTimeout(function () { stamp(`this is ${typeof this}`); }, 10);
stamp("sync end");
