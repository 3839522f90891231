// round_trip_call: the JS call that round_trip_generator.js is measured
// against: `it.next()` on a plain object whose method returns a fresh
// { value, done } object with the next count, as a generator's next does.

const OPS = 3000000;

function counter() {
  let k = 0;
  return {
    next() {
      return { value: k++, done: false };
    },
  };
}

function pull(it, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += it.next().value;
  return sum;
}

console.log(`round_trip_call: ops=${OPS} sum=${pull(counter(), OPS)}`);
