async function* counter(n) {
  try {
    for (let i = 0; i < n; i++) {
      await null;
      yield i;
    }
    return "end";
  } finally {
    console.log("counter finally");
  }
}
async function* pages() {
  for (let p = 1; p <= 3; p++) {
    const data = await new Promise(r => setTimeout(() => r([p * 10, p * 10 + 1]), 5));
    yield* data;
  }
}
async function* upper(src) {
  for await (const x of src) yield typeof x === "string" ? x.toUpperCase() : x * 2;
}
(async () => {
  for await (const x of counter(3)) console.log("got", x);
  for await (const x of pages()) { console.log("page item", x); if (x === 21) break; }
  for await (const x of [Promise.resolve(1), 2, Promise.resolve(3)]) console.log("sync src", x);
  for await (const x of upper(["a", "b"])) console.log(x);
  const it = counter(5);
  console.log(await it.next(), await it.return("early"), await it.next());
  const q = counter(3);
  const ps = [q.next(), q.next(), q.next(), q.next(), q.next()];
  console.log(await Promise.all(ps));
  async function* thrower() { yield 1; throw new Error("gen err"); }
  try { for await (const x of thrower()) console.log("t", x); } catch (e) { console.log("caught", e.message); }
  const obj = { async *[Symbol.asyncIterator]() { yield "custom"; } };
  for await (const v of obj) console.log(v);
  console.log(Object.prototype.toString.call(counter(1)), Object.getPrototypeOf(counter).constructor.name);
  const manual = { i: 0, [Symbol.asyncIterator]() { return this; }, next() { return Promise.resolve({ value: this.i++, done: this.i > 3 }); }, return() { console.log("manual return"); return Promise.resolve({ done: true }); } };
  for await (const v of manual) { console.log("manual", v); if (v === 1) break; }
  async function* delegating() { const r = yield* counter(2); console.log("delegate result", r); }
  for await (const v of delegating()) console.log("d", v);
})();
