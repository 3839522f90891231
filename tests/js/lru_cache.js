// LRU cache built on Map insertion order, plus a memoize helper using it.
class LRUCache {
  #map = new Map();
  hits = 0;
  misses = 0;
  constructor(capacity) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`bad capacity ${capacity}`);
    this.capacity = capacity;
  }
  get(key) {
    if (!this.#map.has(key)) { this.misses++; return undefined; }
    const value = this.#map.get(key);
    this.#map.delete(key);
    this.#map.set(key, value);
    this.hits++;
    return value;
  }
  set(key, value) {
    if (this.#map.has(key)) this.#map.delete(key);
    else if (this.#map.size >= this.capacity) {
      const oldest = this.#map.keys().next().value;
      this.#map.delete(oldest);
      this.onEvict?.(oldest);
    }
    this.#map.set(key, value);
    return this;
  }
  get size() { return this.#map.size; }
  keys() { return [...this.#map.keys()]; }
  entries() { return Array.from(this.#map); }
}

const cache = new LRUCache(3);
const evicted = [];
cache.onEvict = (k) => evicted.push(k);
cache.set("a", 1).set("b", 2).set("c", 3);
cache.get("a");
cache.set("d", 4);
cache.get("b");
cache.set("e", 5);
console.log(cache.keys(), evicted, cache.hits, cache.misses);
console.log(cache.entries());

function memoize(fn, capacity = 100) {
  const c = new LRUCache(capacity);
  const wrapped = function (...args) {
    const key = args.join("|");
    let v = c.get(key);
    if (v === undefined) {
      v = fn.apply(this, args);
      c.set(key, v);
    }
    return v;
  };
  wrapped.cache = c;
  return wrapped;
}

let calls = 0;
const fib = memoize((n) => { calls++; return n < 2 ? n : fib(n - 1) + fib(n - 2); }, 200);
console.log(fib(90), calls, fib.cache.size);
const slowAdd = memoize((a, b) => a + b, 2);
console.log(slowAdd(1, 2), slowAdd(1, 2), slowAdd(2, 3), slowAdd(3, 4), slowAdd(1, 2));
console.log(slowAdd.cache.hits, slowAdd.cache.misses, slowAdd.cache.keys());
try { new LRUCache(0); } catch (e) { console.log(e.name, e.message); }
try { new LRUCache(2.5); } catch (e) { console.log(String(e)); }

const objKey = { id: 1 };
const m = new Map([[objKey, "object"], [NaN, "nan"], [0, "zero"]]);
console.log(m.get({ id: 1 }), m.get(objKey), m.get(NaN), m.get(-0));
const wm = new WeakMap();
wm.set(objKey, { visits: 1 });
wm.get(objKey).visits++;
console.log(wm.get(objKey), wm.has({}), wm.delete(objKey), wm.has(objKey));
console.log(m);
