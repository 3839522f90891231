// Destructuring with defaults, renaming, nesting, rest, and in parameters/loops.
const user = {
  id: 7,
  profile: { first: "Ada", last: "Lovelace", emails: ["ada@example.com", "ada@math.org"] },
  roles: ["admin", "editor"],
  settings: { theme: undefined, lang: null },
};
const {
  id,
  profile: { first: firstName, last, emails: [primary, secondary = "none", tertiary = "n/a"] },
  roles: [mainRole, ...otherRoles],
  settings: { theme = "light", lang = "en", fontSize = 14 },
  missing: { deep } = { deep: "default-deep" },
} = user;
console.log(id, firstName, last, primary, secondary, tertiary, mainRole, otherRoles, theme, lang, fontSize, deep);

function createButton({ label = "OK", size: { w = 80, h = 24 } = {}, onClick = () => "clicked", ...extra } = {}) {
  return `${label} ${w}x${h} ${onClick()} ${JSON.stringify(extra)}`;
}
console.log(createButton());
console.log(createButton({ label: "Save", size: { w: 120 }, color: "blue", disabled: false }));

let a = 1, b = 2, c = 3;
[a, b, c] = [c, a, b];
console.log(a, b, c);
const [x = 10, , y = 20, ...zs] = [undefined, "skipped", null, 4, 5];
console.log(x, y, zs);
const pairs = new Map([["one", 1], ["two", 2]]);
for (const [word, n] of pairs) console.log(word, n);
for (const { name, tags: [firstTag = "untagged"] = [] } of [{ name: "a", tags: ["t1", "t2"] }, { name: "b" }]) console.log(name, firstTag);
const key = "dyn";
const { [key]: dynValue, [`${key}2`]: dyn2 = "fallback" } = { dyn: "dynamic!" };
console.log(dynValue, dyn2);
const { length, 0: firstChar, [length - 1]: lastChar } = "hello";
console.log(length, firstChar, lastChar);
const swap = ({ a, b }) => ({ a: b, b: a });
console.log(swap({ a: "A", b: "B" }));
const obj = {};
({ p: obj.q, r: obj["s"] = "S-default" } = { p: "P" });
console.log(obj);
const arr = [];
[arr[1], arr[0]] = ["second", "first"];
console.log(arr);
try {
  const { z } = null;
} catch (e) {
  console.log(e instanceof TypeError);
}
try {
  const [q] = {};
} catch (e) {
  console.log(e instanceof TypeError);
}
function f([h, ...t], { k } = { k: "kk" }) { return [h, t.length, k]; }
console.log(f("abc"), f([1], { k: 2 }));
const { a: { b: { c: deepC = "dc" } = {} } = {} } = { a: { b: {} } };
console.log(deepC);
let counter = 0;
const { val = ++counter } = { val: 0 };
const { val2 = ++counter } = {};
console.log(val, val2, counter);
const [m1, m2] = new Set(["s1", "s2", "s3"]);
console.log(m1, m2);
const { ...copy } = Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true }, hidden: { value: 3 } });
console.log(copy);
