// Iterator proposals that test262 covers: chunks/windows, includes, join,
// Iterator.zip and Iterator.zipKeyed.

function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}

function show(it) {
  return JSON.stringify(Array.from(it));
}

function errorName(f) {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
}

function logged(name, values, log) {
  let i = 0;
  return {
    __proto__: Iterator.prototype,
    next() {
      log.push(`${name}.next`);
      return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true };
    },
    return() {
      log.push(`${name}.return`);
      return {};
    },
  };
}

console.log("-- chunks / windows");
console.log(show(range(7).chunks(3)), show(range(6).chunks(2)), show(range(0).chunks(5)));
console.log(show(range(5).windows(2)), show(range(2).windows(3)));
console.log(show(range(2).windows(3, "allow-partial")), show(range(4).windows(3, "allow-partial")));
console.log(
  errorName(() => range(1).chunks(0)),
  errorName(() => range(1).chunks(1.5)),
  errorName(() => range(1).windows("2")),
  errorName(() => range(1).windows(2, "sometimes")),
);
{
  const log = [];
  const it = logged("w", [1, 2, 3, 4], log).windows(2);
  it.next();
  it.return();
  console.log(log.join(" "));
}

console.log("-- includes");
console.log(range(5).includes(3), range(5).includes(7), [NaN].values().includes(NaN));
console.log([-0].values().includes(0), range(5).includes(1, 2), range(5).includes(3, 2));
{
  const log = [];
  console.log(logged("i", [1, 2, 3], log).includes(2), log.join(" "));
}

console.log("-- join");
console.log(range(4).join(), range(4).join(" - "), ["a", null, undefined, 1].values().join("|"));
console.log(JSON.stringify(range(0).join()), range(3).join(null));

console.log("-- zip");
console.log(show(Iterator.zip([range(3), "ab".split(""), [true, false, null, 0]])));
console.log(show(Iterator.zip([range(3), range(1)], { mode: "longest", padding: ["p", "q"] })));
console.log(show(Iterator.zip([range(2), range(2)], { mode: "strict" })));
console.log(errorName(() => Iterator.zip([range(2), range(3)], { mode: "strict" }).toArray()));
console.log(show(Iterator.zip([])), errorName(() => Iterator.zip([1])), errorName(() => Iterator.zip([], { mode: "all" })));
{
  const log = [];
  const z = Iterator.zip([logged("a", [1, 2, 3], log), logged("b", [1], log), logged("c", [1, 2], log)]);
  console.log(show(z), log.join(" "));
}

console.log("-- zipKeyed");
{
  const r = Iterator.zipKeyed({ x: range(3), y: "ab".split("") }).toArray();
  console.log(JSON.stringify(r), Object.getPrototypeOf(r[0]));
  const p = Iterator.zipKeyed({ x: range(1), y: range(2) }, { mode: "longest", padding: { x: "X" } });
  console.log(show(p));
}
