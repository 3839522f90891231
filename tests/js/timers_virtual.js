// Timers spanning 30 seconds: with --virtual-time they run in the same order
// without waiting; elapsed-time checks compare against the requested delays.
const t0 = performance.now();
const d0 = Date.now();
const log = [];
const at = (label) => log.push(label);

// An interval every second, 30 times, cleared from inside its callback.
let ticks = 0;
const iv = setInterval(() => {
  ticks++;
  if (ticks % 10 === 0) at(`tick ${ticks} late=${performance.now() - t0 < ticks * 1000}`);
  if (ticks === 30) {
    clearInterval(iv);
    at(`interval cleared, Date.now advanced: ${Date.now() - d0 >= 30000}`);
  }
}, 1000);

// Retry with exponential backoff: 100, 200, 400, ... ms until the 8th try.
function attempt(n, delay) {
  at(`attempt ${n}`);
  if (n === 8) return at(`gave up after ${Math.round((performance.now() - t0) / 100) >= 254 ? "25.4s+" : "too soon"}`);
  setTimeout(attempt, delay, n + 1, delay * 2);
}
setTimeout(attempt, 100, 1, 200);

// A debounced save: bursts of calls 300 ms apart, then quiet.
let pending = null;
let saves = 0;
function save(v) {
  clearTimeout(pending);
  pending = setTimeout(() => { saves++; at(`saved ${v} (#${saves})`); }, 500);
}
for (let i = 0; i < 5; i++) setTimeout(save, 2000 + i * 300, `draft${i}`);
setTimeout(save, 9000, "final");

// A chain of thirteen 2.5 s steps that outlives the interval.
(function step(i) {
  if (i === 13) {
    at(`chain done at >= 32.5s: ${performance.now() - t0 >= 32500}`);
    console.log(log.join("\n"));
    return;
  }
  setTimeout(step, 2500, i + 1);
})(0);
