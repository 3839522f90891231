// round_trip_generator: one generator resume/suspend round trip per
// operation, `it.next()` on a suspended generator that yields the next
// count. round_trip_call.js does the same work through a method call that
// returns a fresh { value, done } object; jsvm-bench reports both per
// operation (start-up subtracted) and their ratio.

const OPS = 3000000;

function* counter() {
  let k = 0;
  for (;;) yield k++;
}

function pull(it, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += it.next().value;
  return sum;
}

console.log(`round_trip_generator: ops=${OPS} sum=${pull(counter(), OPS)}`);
