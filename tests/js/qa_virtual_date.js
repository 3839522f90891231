// Under --virtual-time the engine's clock hook drives Date.now(),
// new Date() and Date() alike: timers spanning seconds finish at once, and
// every way of reading the time sees the same (virtual) clock.
const t0 = Date.now();
const d0 = new Date().getTime();
const s0 = Date.parse(Date());
console.log(Math.abs(d0 - t0) < 100, Math.abs(s0 - t0) < 1100, typeof Date(), Number.isInteger(t0));
setTimeout(() => {
  const elapsed = Date.now() - t0;
  const elapsedDate = new Date().getTime() - d0;
  const elapsedString = Date.parse(Date()) - s0;
  console.log("after 3s:", elapsed >= 3000 && elapsed < 3500, elapsedDate >= 3000 && elapsedDate < 3500,
    elapsedString >= 2000 && elapsedString <= 4000);
  setTimeout(() => {
    console.log("after 10s more:", Date.now() - t0 >= 13000, new Date() - d0 < 14000);
  }, 10000);
}, 3000);
