// Inheritance chains with super calls, super property access, and mixins.
class Animal {
  static registry = [];
  constructor(name, sound = "...") {
    this.name = name;
    this.sound = sound;
    Animal.registry.push(this);
  }
  speak() { return `${this.name} says ${this.sound}`; }
  get kind() { return "animal"; }
  toString() { return `${this.constructor.name}(${this.name})`; }
  static describe() { return `class ${this.name} with ${this.registry.length} registered`; }
}
class Dog extends Animal {
  constructor(name, breed) {
    super(name, "woof");
    this.breed = breed;
  }
  speak() { return super.speak() + "!"; }
  get kind() { return `dog/${super.kind}`; }
  static describe() { return "Dogs: " + super.describe(); }
}
class Puppy extends Dog {
  constructor(name, breed, ageMonths) {
    super(name, breed);
    this.ageMonths = ageMonths;
  }
  speak() { return super.speak().replace("woof", "yip"); }
  get kind() { return `puppy/${super.kind}`; }
}

const animals = [new Animal("Generic"), new Dog("Rex", "collie"), new Puppy("Bit", "pug", 3)];
for (const a of animals) console.log(a.speak().padEnd(20), a.kind.padEnd(22), String(a));
console.log(Puppy.describe(), Object.getPrototypeOf(Puppy) === Dog, Puppy.registry === Animal.registry);
console.log(animals[2] instanceof Animal, animals[1] instanceof Puppy, Dog.prototype.isPrototypeOf(animals[2]));
console.log(animals[2]);

const Serializable = (Base) => class extends Base {
  serialize() { return JSON.stringify(this); }
};
const Comparable = (Base) => class extends Base {
  compareTo(other) { return this.value - other.value; }
};
class Item { constructor(value) { this.value = value; } }
class SmartItem extends Serializable(Comparable(Item)) {
  constructor(value, label) { super(value); this.label = label; }
}
const items = [new SmartItem(5, "e"), new SmartItem(2, "b"), new SmartItem(9, "i")];
console.log(items.sort((a, b) => a.compareTo(b)).map((i) => i.serialize()).join(" "));
console.log(Object.getPrototypeOf(SmartItem.prototype).constructor.name === "", SmartItem.name);

function OldStyle(x) { this.x = x; }
OldStyle.prototype.getX = function () { return this.x; };
class NewStyle extends OldStyle {
  constructor() { super(42); }
  getX() { return super.getX() * 2; }
}
console.log(new NewStyle().getX(), new NewStyle() instanceof OldStyle);

const base = { greet() { return "hi from base"; } };
const derived = { __proto__: base, greet() { return super.greet() + " via derived"; } };
console.log(derived.greet(), Object.getPrototypeOf(derived) === base);

class Shape {
  constructor() { if (new.target === Shape) throw new TypeError("Shape is abstract"); }
  area() { throw new Error("not implemented"); }
}
class Sq extends Shape { constructor(s) { super(); this.s = s; } area() { return this.s ** 2; } }
try { new Shape(); } catch (e) { console.log(e.message); }
console.log(new Sq(4).area());
class NoSuper extends Object { constructor() { return { custom: true }; } }
console.log(new NoSuper());
try {
  class Bad extends Animal { constructor() { this.x = 1; super("x"); } }
  new Bad();
} catch (e) {
  console.log(e.constructor.name);
}
class MyArray extends Array {
  sum() { return this.reduce((a, b) => a + b, 0); }
}
const ma = MyArray.from([1, 2, 3]);
const mapped = ma.map((x) => x * 10);
console.log(ma.sum(), mapped.sum(), mapped instanceof MyArray, ma.length, mapped);
