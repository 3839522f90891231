// Getters/setters, static members, private fields and methods, static blocks.
class Temperature {
  static #instances = 0;
  static scales = ["C", "F", "K"];
  static {
    Temperature.absoluteZero = -273.15;
  }
  #celsius;
  constructor(c) { this.#celsius = c; Temperature.#instances++; }
  static get count() { return Temperature.#instances; }
  static fromFahrenheit(f) { return new Temperature(((f - 32) * 5) / 9); }
  get celsius() { return this.#celsius; }
  set celsius(v) {
    if (typeof v !== "number" || v < Temperature.absoluteZero) throw new RangeError(`invalid temperature ${v}`);
    this.#celsius = v;
  }
  get fahrenheit() { return (this.#celsius * 9) / 5 + 32; }
  set fahrenheit(f) { this.celsius = ((f - 32) * 5) / 9; }
  get kelvin() { return this.#celsius - Temperature.absoluteZero; }
  #format(v, unit) { return `${v.toFixed(1)}°${unit}`; }
  toString() { return [this.#format(this.#celsius, "C"), this.#format(this.fahrenheit, "F")].join(" / "); }
  static isTemperature(x) { return #celsius in x; }
  [Symbol.toPrimitive](hint) { return hint === "number" ? this.#celsius : this.toString(); }
}

const t = new Temperature(21.5);
console.log(String(t), +t, `${t}`, t + "");
t.fahrenheit = 212;
console.log(t.celsius, t.kelvin.toFixed(2));
try { t.celsius = -300; } catch (e) { console.log(e.constructor.name, e.message); }
const t2 = Temperature.fromFahrenheit(-40);
console.log(t2.celsius, Temperature.count, Temperature.scales, Temperature.absoluteZero);
console.log(Temperature.isTemperature(t2), Temperature.isTemperature({}));
console.log(t, Object.keys(t), JSON.stringify(t));
console.log(t2 > t, [t, t2].sort((a, b) => a - b).map(String));
const desc = Object.getOwnPropertyDescriptor(Temperature.prototype, "celsius");
console.log(typeof desc.get, typeof desc.set, desc.enumerable, desc.configurable);
console.log(Object.getOwnPropertyNames(Temperature.prototype));
console.log(Object.getOwnPropertyNames(Temperature).sort());

class Counter {
  #count = 0;
  static #registry = new Map();
  constructor(name) { this.name = name; Counter.#registry.set(name, this); }
  increment = () => { this.#count++; return this; };
  get value() { return this.#count; }
  static get(name) { return Counter.#registry.get(name); }
  #secret() { return "hidden"; }
  reveal() { return this.#secret(); }
}
const c = new Counter("clicks");
const inc = c.increment;
inc(); inc(); inc();
console.log(Counter.get("clicks").value, c.reveal(), Object.keys(c));
try {
  Counter.prototype.reveal.call({});
} catch (e) {
  console.log(e instanceof TypeError);
}
const obj = {
  _x: 1,
  get x() { return this._x * 2; },
  set x(v) { this._x = v; },
  ["computed" + 1]: true,
  method() { return "m"; },
};
obj.x = 5;
console.log(obj.x, obj, Object.entries(obj).length);
class Shape { static create() { return new this(); } describe() { return `I am a ${this.constructor.name}`; } }
class Circle extends Shape {}
console.log(Circle.create().describe(), Shape.create() instanceof Circle);
