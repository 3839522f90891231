// Proxy-based validation, logging, defaults, negative array indices, and revocable proxies.
function validated(target, schema) {
  return new Proxy(target, {
    set(obj, prop, value, receiver) {
      const rule = schema[prop];
      if (!rule) throw new TypeError(`Unknown field "${String(prop)}"`);
      if (typeof value !== rule.type) throw new TypeError(`${String(prop)} must be ${rule.type}, got ${typeof value}`);
      if (rule.min !== undefined && value < rule.min) throw new RangeError(`${String(prop)} must be >= ${rule.min}`);
      return Reflect.set(obj, prop, value, receiver);
    },
    deleteProperty(obj, prop) {
      if (schema[prop]?.required) throw new Error(`Cannot delete required field ${String(prop)}`);
      return Reflect.deleteProperty(obj, prop);
    },
  });
}
const person = validated({}, { name: { type: "string", required: true }, age: { type: "number", min: 0 }, email: { type: "string" } });
person.name = "Grace";
person.age = 85;
person.email = "g@navy.mil";
for (const attempt of [() => (person.age = -1), () => (person.age = "old"), () => (person.nickname = "x"), () => delete person.name]) {
  try { attempt(); } catch (e) { console.log(`${e.name}: ${e.message}`); }
}
delete person.email;
console.log(person, Object.keys(person), JSON.stringify(person));

const accessLog = [];
const traced = new Proxy({ a: 1, nested: { b: 2 } }, {
  get(t, p, r) { if (typeof p === "string") accessLog.push(`get ${p}`); return Reflect.get(t, p, r); },
  has(t, p) { accessLog.push(`has ${String(p)}`); return p in t; },
  ownKeys(t) { accessLog.push("ownKeys"); return Reflect.ownKeys(t); },
  getOwnPropertyDescriptor(t, p) { accessLog.push(`gopd ${String(p)}`); return Reflect.getOwnPropertyDescriptor(t, p); },
});
traced.a; traced.nested.b; "a" in traced; "zzz" in traced;
Object.keys(traced);
const { a, ...others } = traced;
console.log(accessLog);

const withDefaults = (obj, def) => new Proxy(obj, { get: (t, p) => (p in t ? t[p] : def) });
const counts = withDefaults({}, 0);
for (const w of "to be or not to be".split(" ")) counts[w]++;
console.log({ ...counts }, counts.missing);

const negArray = (arr) => new Proxy(arr, {
  get(t, p, r) {
    if (typeof p === "string" && /^-\d+$/.test(p)) p = String(t.length + Number(p));
    return Reflect.get(t, p, r);
  },
});
const na = negArray([10, 20, 30, 40]);
console.log(na[-1], na[-4], na[0], na.length, na.slice(1), Array.isArray(na));

const { proxy, revoke } = Proxy.revocable({ secret: 42 }, {});
console.log(proxy.secret);
revoke();
try { proxy.secret; } catch (e) { console.log(e.constructor.name, "after revoke"); }

const fnProxy = new Proxy(function add(a, b) { return a + b; }, {
  apply(target, thisArg, args) { return `result=${target(...args)} argc=${args.length}`; },
  construct(target, args) { return { constructed: args }; },
});
console.log(fnProxy(2, 3), new fnProxy(1, 2), typeof fnProxy);
const readOnly = (o) => new Proxy(o, {
  set() { return false; },
  defineProperty() { return false; },
  get(t, p) { const v = Reflect.get(t, p); return v && typeof v === "object" ? readOnly(v) : v; },
});
const ro = readOnly({ x: 1, deep: { y: 2 } });
ro.x = 100;
ro.deep.y = 200;
console.log(ro.x, ro.deep.y);
try { (function () { "use strict"; ro.x = 5; })(); } catch (e) { console.log(e instanceof TypeError); }
const arrObserved = [];
const observed = new Proxy([], { set(t, p, v) { arrObserved.push(`${p}=${JSON.stringify(v)}`); t[p] = v; return true; } });
observed.push("a", "b");
observed.length = 1;
console.log(arrObserved, observed.length);
