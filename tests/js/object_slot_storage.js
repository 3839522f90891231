// Property slots across the inline boundary: objects keep their first two
// property values inside the object and the rest in a separate vector.
// Adding, deleting, redefining (data <-> accessor, which takes two slots)
// and dictionary mode must all see the same values in the same order.

function show(label, o) {
  const parts = [];
  for (const k of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, k);
    parts.push(String(k) + ("value" in d ? "=" + String(d.value) : "=<accessor>"));
  }
  console.log(label + ": " + parts.join(", "));
}

// Growing one property at a time, from empty to past the inline slots.
const grow = {};
for (let i = 0; i < 7; i++) {
  grow["p" + i] = i * 10;
  if (grow["p" + i] !== i * 10) throw new Error("lost p" + i);
}
show("grow", grow);

// Literals of every size up to six.
const lits = [{}, { a: 1 }, { a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, { a: 1, b: 2, c: 3, d: 4 }, { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }];
lits.forEach((o, i) => show("literal " + i, o));

// Deleting the newest property (back to the parent shape) and re-adding.
const shrink = { a: 1, b: 2, c: 3 };
delete shrink.c;
show("delete c", shrink);
shrink.c = 33;
shrink.d = 44;
show("re-add", shrink);
delete shrink.d;
delete shrink.c;
delete shrink.b;
show("down to one", shrink);
shrink.x = "x";
shrink.y = "y";
shrink.z = "z";
show("up again", shrink);

// An accessor whose getter and setter slots straddle the boundary.
let stored = 0;
const acc = { a: 1 };
Object.defineProperty(acc, "b", {
  get() { return stored; },
  set(v) { stored = v * 2; },
  enumerable: true,
  configurable: true,
});
acc.c = 3;
acc.b = 21;
console.log("accessor:", acc.b, acc.c, JSON.stringify(acc));
// Back to data, then to an accessor again.
Object.defineProperty(acc, "b", { value: "data", writable: true });
show("accessor to data", acc);
Object.defineProperty(acc, "a", { get: () => "getter a", configurable: true });
console.log("data to accessor:", acc.a, acc.b, acc.c);

// Deleting from the middle makes a dictionary; values stay with their keys.
const dict = { a: 1, b: 2, c: 3, d: 4, e: 5 };
delete dict.b;
dict.f = 6;
delete dict.a;
dict.g = 7;
show("dictionary", dict);
console.log("sum", Object.values(dict).reduce((s, v) => s + v, 0));

// Many objects of one shape survive collections with their values intact.
const many = [];
for (let i = 0; i < 20000; i++) many.push({ id: i, kind: "k" + (i % 3), score: i % 7, tags: [i & 1, i & 2] });
let check = 0;
for (const r of many) check = (check * 31 + r.id + r.score + r.kind.length + r.tags[1]) | 0;
console.log("many", many.length, check);
