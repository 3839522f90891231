// Array.fromAsync: async iterables, sync iterables of promises, array-likes,
// mapping, errors and the order of ticks against other promise jobs.
// (Node 20, the reference here, lacks Array.fromAsync: this .out was
// checked by hand against the spec, tick order included.)
const log = [];
async function* gen() {
  yield 1;
  yield Promise.resolve(2);
  yield 3;
}

async function main() {
  console.log(await Array.fromAsync(gen()));
  console.log(await Array.fromAsync([Promise.resolve("a"), "b", Promise.resolve("c")]));
  console.log(await Array.fromAsync({ length: 3, 0: "x", 1: Promise.resolve("y"), 2: "z" }));
  console.log(await Array.fromAsync([1, 2, 3], async (v, i) => v * 10 + i));
  console.log(await Array.fromAsync(new Set([4, 5]), function (v) { return v + this.d; }, { d: 100 }));

  class MyArray { constructor(...args) { this.args = args; } }
  const custom = await Array.fromAsync.call(MyArray, [7, 8]);
  console.log(custom instanceof MyArray, custom.length, custom[0], custom[1], custom.args.length);
  const likeCustom = await Array.fromAsync.call(MyArray, { length: 2, 0: "p", 1: "q" });
  console.log(likeCustom.args, likeCustom.length);

  try {
    await Array.fromAsync([1], 5);
  } catch (e) {
    console.log("not callable:", e.constructor.name);
  }
  const p = Array.fromAsync(null);
  console.log("rejects, not throws:", p instanceof Promise);
  await p.catch((e) => console.log("null:", e.constructor.name));

  // A throwing mapper closes the iterator (return() is called and awaited).
  const closing = {
    [Symbol.asyncIterator]() {
      return {
        next: async () => ({ value: 1, done: false }),
        return: async () => { console.log("return called"); return {}; },
      };
    },
  };
  await Array.fromAsync(closing, () => { throw new Error("boom"); })
    .catch((e) => console.log("mapper error:", e.message));

  // A rejected element of a sync iterable rejects the result.
  await Array.fromAsync([Promise.reject(new Error("bad element"))])
    .catch((e) => console.log("element error:", e.message));

  // Tick order against a chain of plain promise jobs.
  const done = Array.fromAsync([1, 2]).then(() => log.push("fromAsync done"));
  let chain = Promise.resolve();
  for (let i = 0; i < 8; i++) chain = chain.then(() => log.push("tick " + i));
  await Promise.all([done, chain]);
  console.log(log.join(", "));
  console.log(Array.fromAsync.length, Array.fromAsync.name);
}
main();
