// Custom iterables (Symbol.iterator without generators) consumed by for-of, spread, destructuring, Array.from.
class Range {
  constructor(start, end, step = 1) { Object.assign(this, { start, end, step }); }
  [Symbol.iterator]() {
    let cur = this.start;
    const { end, step } = this;
    return {
      next: () => {
        if (step > 0 ? cur < end : cur > end) {
          const value = cur;
          cur += step;
          return { value, done: false };
        }
        return { value: undefined, done: true };
      },
      [Symbol.iterator]() { return this; },
    };
  }
}
console.log([...new Range(0, 5)], [...new Range(10, 0, -3)], Array.from(new Range(1, 4), (x) => x * x));
let total = 0;
for (const n of new Range(1, 101)) total += n;
console.log(total);
const [first, second, ...restOfRange] = new Range(5, 10);
console.log(first, second, restOfRange, Math.max(...new Range(0, 50, 7)));
console.log(new Set(new Range(0, 3)), new Map([...new Range(0, 3)].map((i) => [i, i * 10])));

class LinkedList {
  #head = null;
  #size = 0;
  static from(iterable) { const l = new LinkedList(); for (const x of iterable) l.push(x); return l; }
  push(value) {
    const node = { value, next: null };
    if (!this.#head) this.#head = node;
    else { let n = this.#head; while (n.next) n = n.next; n.next = node; }
    this.#size++;
    return this;
  }
  get size() { return this.#size; }
  [Symbol.iterator]() {
    let node = this.#head;
    return { next() { if (!node) return { done: true, value: undefined }; const value = node.value; node = node.next; return { done: false, value }; } };
  }
  map(fn) { return LinkedList.from(Array.from(this, fn)); }
  toString() { return [...this].join(" -> "); }
}
const list = LinkedList.from("abc").push("d");
console.log(`${list}`, list.size, String(list.map((c) => c.toUpperCase())));

const closed = [];
class Closable {
  constructor(n) { this.n = n; }
  [Symbol.iterator]() {
    let i = 0;
    const n = this.n;
    return {
      next: () => ({ value: i, done: i++ >= n }),
      return: (v) => { closed.push(`closed at ${i}`); return { done: true, value: v }; },
    };
  }
}
for (const x of new Closable(10)) { if (x === 2) break; }
const [c1, c2] = new Closable(5);
try { for (const x of new Closable(5)) { if (x === 3) throw new Error("boom"); } } catch (e) { closed.push(e.message); }
for (const x of new Closable(2)) {}
console.log(closed, c1, c2);

const fib = {
  [Symbol.iterator]() {
    let [a, b] = [0, 1];
    return { next() { [a, b] = [b, a + b]; return { value: a, done: false }; } };
  },
};
const firstTen = [];
for (const f of fib) { if (firstTen.length === 10) break; firstTen.push(f); }
console.log(firstTen);
const it = [10, 20, 30][Symbol.iterator]();
console.log(it.next(), [...it], it.next());
const entries = Object.entries({ x: 1, y: 2 });
for (const [k, v] of entries) console.log(k, v);
console.log(Array.from({ length: 3, 0: "a", 2: "c" }), Array.from("héllo"), Array.from(new Map([[1, 2]]).keys()));
try { for (const x of { notIterable: true }) {} } catch (e) { console.log(e.constructor.name); }
try { [...123]; } catch (e) { console.log(e.constructor.name); }
