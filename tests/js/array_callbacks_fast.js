// Array callbacks take fast paths for dense elements (one lookup per
// element, CreateDataProperty by append); holes, getters, frozen or
// non-extensible species results and proxies must behave as in the spec.

const a = [1, 2, , 4];
console.log(JSON.stringify(a.map((x) => x * 2)), 2 in a.map((x) => x));
console.log(a.filter(() => true).length, a.reduce((s, x) => s + x, 0));

const withGetter = [1, 2, 3];
Object.defineProperty(withGetter, 1, { get() { return 20; } });
console.log(withGetter.map((x) => x).join());

const proto = [, "from proto"];
const holey = [0, , 2];
Object.setPrototypeOf(holey, proto);
console.log(holey.map((x) => x).join("|"));

class Frozen extends Array {
  static get [Symbol.species]() {
    return function (n) {
      return Object.preventExtensions(new Array(n));
    };
  }
}
try {
  Frozen.from([1, 2]).map((x) => x);
} catch (e) {
  console.log(e.constructor.name);
}

class Fixed extends Array {
  static get [Symbol.species]() {
    return function () {
      const r = [7, 8, 9];
      Object.defineProperty(r, "length", { writable: false });
      return r;
    };
  }
}
console.log(JSON.stringify(Fixed.from([1, 2]).map((x) => x * 10)));
try {
  Fixed.from([1, 2, 3, 4]).map((x) => x);
} catch (e) {
  console.log(e.constructor.name);
}

const obj = { length: 3, 0: "a", 2: "c" };
console.log(JSON.stringify(Array.prototype.map.call(obj, (x) => x + "!")));

const p = new Proxy([5, 6], {
  has(t, k) { console.log("has " + String(k)); return k in t; },
  get(t, k) { if (k !== "length" && k !== "constructor") console.log("get " + String(k)); return t[k]; },
});
console.log(Array.prototype.map.call(p, (x) => x + 1).join());

const mutated = [1, 2, 3];
console.log(mutated.map((x, i, arr) => { if (i === 0) arr.pop(); return x; }).length);
console.log([3, 1, 2].findLast((x) => x > 1), [1, 2, 3].indexOf(3), [[1, [2]], 3].flat(2).join());
