// Well-known symbols and protocols: toPrimitive, toStringTag, hasInstance, species, isConcatSpreadable.
class Money {
  constructor(cents, currency = "USD") { this.cents = cents; this.currency = currency; }
  [Symbol.toPrimitive](hint) {
    if (hint === "number") return this.cents / 100;
    if (hint === "string") return `${(this.cents / 100).toFixed(2)} ${this.currency}`;
    return this.cents / 100;
  }
  get [Symbol.toStringTag]() { return "Money"; }
}
const price = new Money(1999);
console.log(`${price}`, +price, price + 1, price * 2, String(price), price > 10, Object.prototype.toString.call(price));
console.log([new Money(500), new Money(150)].sort((a, b) => a - b).map(String));

class Even { static [Symbol.hasInstance](n) { return Number.isInteger(n) && n % 2 === 0; } }
console.log(2 instanceof Even, 3 instanceof Even, "4" instanceof Even);

class TrackedArray extends Array {
  static get [Symbol.species]() { return Array; }
}
const ta = TrackedArray.of(1, 2, 3);
const mapped = ta.map((x) => x * 2);
console.log(ta instanceof TrackedArray, mapped instanceof TrackedArray, mapped.constructor.name, ta.constructor.name);

const spreadable = { length: 2, 0: "x", 1: "y", [Symbol.isConcatSpreadable]: true };
const notSpread = [9, 8];
notSpread[Symbol.isConcatSpreadable] = false;
console.log([1].concat(spreadable, notSpread).length, [1].concat(spreadable));

const s1 = Symbol("id"), s2 = Symbol("id");
console.log(s1 === s2, s1.toString(), s1.description, Symbol.for("k") === Symbol.for("k"), Symbol.keyFor(s1));
const record = { [s1]: 1, visible: 2 };
console.log(Object.keys(record), JSON.stringify(record), record[s1], Object.getOwnPropertySymbols(record).map((s) => s.description));
try { `${s1}`; } catch (e) { console.log(e.constructor.name); }
console.log(typeof Symbol.iterator, Symbol.iterator.toString(), Symbol.asyncIterator.description);

const matcher = { [Symbol.match](s) { return s.length > 3 ? [s] : null; }, [Symbol.replace](s, r) { return `${r}(${s})`; } };
console.log("long".match(matcher), "ab".match(matcher), "x".replace(matcher, "R"));
const splitter = { [Symbol.split](s, lim) { return s.split("").slice(0, lim ?? Infinity); } };
console.log("hello".split(splitter, 3));
const searcher = { [Symbol.search](s) { return s.indexOf("!"); } };
console.log("hey!".search(searcher));
const re = /a/;
re[Symbol.match] = false;
console.log("/a/".startsWith(re));

const unscopables = Array.prototype[Symbol.unscopables];
console.log(Object.getPrototypeOf(unscopables), unscopables.flat, unscopables.includes);
class Temperature {
  static #unit = "C";
  constructor(v) { this.v = v; }
  static [Symbol.hasInstance](x) { return "v" in Object(x); }
  valueOf() { return this.v; }
  toString() { return `${this.v}°${Temperature.#unit}`; }
}
const t = new Temperature(20);
console.log(t + 5, `${t}`, t > 15, { v: 1 } instanceof Temperature, [t] + "");
const dateLike = { [Symbol.toPrimitive]: (h) => (h === "default" ? "DEFAULT" : h) };
console.log(dateLike + "", `${dateLike}`, +{ [Symbol.toPrimitive]: () => 7 }, new Date(0)[Symbol.toPrimitive]("number"));
console.log(Object.getOwnPropertyNames(Symbol).filter((k) => typeof Symbol[k] === "symbol").sort().join(","));
