// Iterator helpers (ES2025): Iterator, Iterator.from, the lazy helpers
// (map/filter/take/drop/flatMap), the eager ones (reduce/toArray/forEach/
// some/every/find) and Iterator.concat, with the closing rules.

function* naturals() {
  let n = 0;
  while (true) yield n++;
}

// A hand-written iterator that logs every call made on it.
function logged(name, values, log) {
  let i = 0;
  return {
    __proto__: Iterator.prototype,
    next(...args) {
      log.push(`${name}.next(${args.length})`);
      return i < values.length
        ? { value: values[i++], done: false }
        : { value: undefined, done: true };
    },
    return(...args) {
      log.push(`${name}.return(${args.length})`);
      return {};
    },
  };
}

function errorName(f) {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
}

console.log("-- chains");
console.log(
  naturals()
    .filter((n) => n % 2 === 1)
    .map((n) => n * n)
    .drop(1)
    .take(4)
    .toArray()
    .join(","),
);
console.log([..."abc"].values().map((c, i) => c + i).toArray().join(" "));
console.log(
  [1, 2, 3].values().flatMap((n) => Array(n).fill(n)).toArray().join(""),
);
console.log(naturals().take(5).reduce((a, b) => a + b));
console.log(naturals().take(5).reduce((a, b) => a + b, 100));
console.log(naturals().take(4).reduce((acc, v, i) => acc + `[${v}@${i}]`, ""));
console.log(naturals().some((n) => n > 10), naturals().take(3).some((n) => n > 10));
console.log(naturals().take(3).every((n) => n < 10), naturals().every((n) => n < 10));
console.log(naturals().find((n) => n * n > 50), naturals().take(3).find((n) => n > 5));
const seen = [];
console.log(naturals().take(3).forEach((v, i) => seen.push(`${i}:${v}`)), seen.join(" "));
console.log(errorName(() => [].values().reduce((a, b) => a + b)));

console.log("-- laziness and arguments");
{
  const log = [];
  const it = logged("src", [10, 20, 30], log).map((v, i) => {
    log.push(`map(${v}, ${i})`);
    return v / 10;
  });
  log.push("created");
  const r1 = it.next();
  const r2 = it.next("ignored");
  console.log(log.join(" "));
  console.log(r1.value, r1.done, r2.value, r2.done);
  console.log(JSON.stringify(it.next()), JSON.stringify(it.next()));
}

console.log("-- Iterator");
console.log(typeof Iterator, Iterator.length, Iterator.name);
console.log(Iterator.prototype === Object.getPrototypeOf(Object.getPrototypeOf([].values())));
console.log(errorName(() => Iterator()), errorName(() => new Iterator()));
class Countdown extends Iterator {
  constructor(n) {
    super();
    this.n = n;
  }
  next() {
    return this.n > 0 ? { value: this.n--, done: false } : { value: undefined, done: true };
  }
}
const cd = new Countdown(3);
console.log(cd instanceof Iterator, cd.map((x) => x * 10).toArray().join(","));
console.log(Iterator.prototype[Symbol.toStringTag], Iterator.prototype.constructor === Iterator);
console.log(Object.prototype.toString.call(cd), Object.prototype.toString.call(cd.map((x) => x)));
{
  const d = Object.getOwnPropertyDescriptor(Iterator.prototype, "constructor");
  console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable);
  const o = Object.create(Iterator.prototype);
  o.constructor = 5;
  o[Symbol.toStringTag] = "Mine";
  console.log(Object.getOwnPropertyNames(o).join(), o.constructor, String(o));
  console.log(errorName(() => d.set.call(Iterator.prototype, 1)), errorName(() => d.set.call(1, 1)));
  console.log(Iterator.prototype.constructor === Iterator);
}

console.log("-- Iterator.from");
{
  const plain = { i: 0, next() { return { value: this.i++, done: this.i > 3 }; } };
  const wrapped = Iterator.from(plain);
  console.log(wrapped === plain, wrapped instanceof Iterator, wrapped.toArray().join(","));
  const proto = Object.getPrototypeOf(Iterator.from({ next() {} }));
  console.log(Object.getOwnPropertyNames(proto).sort().join(","));
  console.log(JSON.stringify(Iterator.from({ next() {} }).return()));
  const ai = [1, 2].values();
  console.log(Iterator.from(ai) === ai, Iterator.from("a\u{1F600}b").toArray().length);
  const iterable = { [Symbol.iterator]() { return [7, 8].values(); } };
  console.log(Iterator.from(iterable).toArray().join(","));
  console.log(errorName(() => Iterator.from(5)), errorName(() => Iterator.from(null)));
  const log = [];
  const w = Iterator.from({
    next() { return { value: 1, done: false }; },
    return() { log.push("return"); return { done: true, value: "r" }; },
  });
  console.log(JSON.stringify(w.return()), log.join());
}

console.log("-- closing");
{
  const log = [];
  console.log(logged("a", [1, 2, 3, 4], log).take(2).toArray().join(","));
  console.log(log.join(" "));
}
{
  const log = [];
  console.log(logged("b", [1, 2, 3], log).find((v) => v === 2));
  console.log(log.join(" "));
}
{
  const log = [];
  const r = errorName(() =>
    logged("c", [1, 2], log).map(() => { throw new RangeError("boom"); }).next(),
  );
  console.log(r, log.join(" "));
}
{
  const log = [];
  console.log(errorName(() => logged("d", [1], log).map(42)), log.join(" "));
  log.length = 0;
  console.log(errorName(() => logged("e", [1], log).take(-1)), log.join(" "));
  log.length = 0;
  console.log(errorName(() => logged("f", [1], log).drop(NaN)), log.join(" "));
  log.length = 0;
  console.log(errorName(() => Iterator.prototype.map.call(null, () => {})), log.join(" "));
}
{
  const log = [];
  const h = logged("g", [1, 2], log).filter(() => true);
  console.log(JSON.stringify(h.return()), JSON.stringify(h.next()), log.join(" "));
  log.length = 0;
  const h2 = logged("h", [1, 2], log).map((x) => x);
  h2.next();
  h2.return();
  h2.return();
  console.log(JSON.stringify(h2.next()), log.join(" "));
  log.length = 0;
  const h3 = logged("i", [1], log).map((x) => x);
  h3.next();
  h3.next();
  h3.return();
  console.log(log.join(" "));
}
{
  const log = [];
  const outer = logged("outer", [1, 2], log);
  const fm = outer.flatMap((v) => logged(`inner${v}`, [v, v], log));
  fm.next();
  fm.return();
  console.log(log.join(" "));
}

console.log("-- Iterator.concat");
{
  const c = Iterator.concat([1, 2], new Set([3]), "xy".split(""), { [Symbol.iterator]: () => naturals().take(2) });
  console.log(c.toArray().join(","), Object.prototype.toString.call(c));
  console.log(errorName(() => Iterator.concat("abc")), errorName(() => Iterator.concat({})));
  const log = [];
  const cc = Iterator.concat({ [Symbol.iterator]: () => logged("s", [1, 2], log) });
  cc.next();
  cc.return();
  console.log(log.join(" "));
  console.log(Iterator.concat().next().done);
}

console.log("-- generators underneath");
{
  const log = [];
  function* g() {
    try {
      yield 1;
      yield 2;
      yield 3;
    } finally {
      log.push("finally");
    }
  }
  console.log(g().take(2).toArray().join(","), log.join());
  for (const x of g().drop(1)) {
    if (x === 2) break;
  }
  console.log(log.join());
}
