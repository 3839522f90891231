// million_generators: memory held by suspended generators. One million
// generators are created, each advanced to its first `yield` and kept in an
// array, so a million suspended frames are live at once (peak RSS is what
// jsvm-bench reports for this program). Every 1000th generator is then
// resumed twice more to show that the frames survived intact.

function* counter(start, step) {
  let n = start;
  for (;;) {
    const delta = yield n;
    n += delta === undefined ? step : delta;
  }
}

const COUNT = 1000000;
const live = [];
let first = 0;
for (let i = 0; i < COUNT; i++) {
  const g = counter(i, (i % 7) + 1);
  first += g.next().value;
  live.push(g);
}

let resumed = 0;
for (let i = 0; i < COUNT; i += 1000) {
  resumed += live[i].next().value;
  resumed += live[i].next(i % 13).value;
}

console.log(`million_generators: live=${live.length} first=${first} resumed=${resumed}`);
