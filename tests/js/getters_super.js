// Accessors across inheritance, super property assignment, Object.assign vs spread with accessors.
class Base {
  #v = 0;
  get value() { return this.#v; }
  set value(v) { this.#v = v; }
  static get kind() { return "base"; }
}
class Clamped extends Base {
  constructor(min, max) { super(); this.min = min; this.max = max; }
  get value() { return `clamped(${super.value})`; }
  set value(v) { super.value = Math.min(this.max, Math.max(this.min, v)); }
  static get kind() { return `clamped<${super.kind}>`; }
}
const c = new Clamped(0, 10);
c.value = 42;
console.log(c.value, Clamped.kind);
c.value = -5;
console.log(c.value);
class OnlyGetter { get x() { return 1; } }
const og = new OnlyGetter();
og.x = 5;
console.log(og.x);
try { (() => { "use strict"; og.x = 5; })(); } catch (e) { console.log(e.constructor.name); }
class SuperSet { method() { super.prop = "set via super"; return this.prop; } }
console.log(new SuperSet().method());

const src = { a: 1, get b() { return "computed b"; }, set c(v) { this._c = v; } };
const spread = { ...src };
const assigned = Object.assign({}, src);
console.log(spread, assigned, Object.getOwnPropertyDescriptor(spread, "b"));
const target = { set c(v) { this.log = `setter got ${v}`; } };
Object.assign(target, { c: 3 });
console.log(target.log, { ...target, c: 9 });
let getterCalls = 0;
const lazy = {
  get expensive() {
    getterCalls++;
    const v = Array.from({ length: 5 }, (_, i) => i * i);
    Object.defineProperty(this, "expensive", { value: v, enumerable: true });
    return v;
  },
};
console.log(lazy.expensive, lazy.expensive, getterCalls, Object.getOwnPropertyDescriptor(lazy, "expensive").writable);

function defineObservable(obj, key, onChange) {
  let val = obj[key];
  Object.defineProperty(obj, key, {
    get: () => val,
    set: (nv) => { const old = val; val = nv; onChange(key, old, nv); },
    enumerable: true,
    configurable: true,
  });
}
const changes = [];
const model = { title: "draft", count: 0 };
Object.keys(model).forEach((k) => defineObservable(model, k, (...a) => changes.push(a)));
model.title = "final";
model.count++;
model.count += 10;
console.log(changes, model, JSON.stringify(model));
const proto = { get greeting() { return `hello ${this.name}`; } };
const p1 = Object.create(proto, { name: { value: "p1", enumerable: true } });
console.log(p1.greeting, Object.keys(p1), "greeting" in p1, p1.hasOwnProperty("greeting"));
class Temp {
  static #cache = new Map();
  static get cacheSize() { return Temp.#cache.size; }
  static of(n) { if (!Temp.#cache.has(n)) Temp.#cache.set(n, new Temp(n)); return Temp.#cache.get(n); }
  constructor(n) { this.n = n; }
}
console.log(Temp.of(1) === Temp.of(1), Temp.of(2) === Temp.of(1), Temp.cacheSize);
const counter = {
  count: 0,
  get next() { return ++this.count; },
};
console.log(counter.next, counter.next, counter.count, Object.entries(counter));
const arrLike = { get length() { return 3; }, 0: "a", 1: "b", 2: "c" };
console.log(Array.from(arrLike), Array.prototype.join.call(arrLike, "+"));
