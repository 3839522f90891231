// Classes, inheritance, getters, static members, private fields, toString.
class Item {
  #id;
  static count = 0;
  constructor(name, price, qty = 1) {
    this.name = name;
    this.price = price;
    this.qty = qty;
    this.#id = ++Item.count;
  }
  get total() { return this.price * this.qty; }
  get id() { return this.#id; }
  toString() { return `${this.name} x${this.qty} @ ${this.price.toFixed(2)}`; }
  static compare(a, b) { return a.total - b.total; }
}
class DiscountItem extends Item {
  constructor(name, price, qty, discount) {
    super(name, price, qty);
    this.discount = discount;
  }
  get total() { return super.total * (1 - this.discount); }
  toString() { return `${super.toString()} (-${this.discount * 100}%)`; }
}
const items = [
  new Item("pen", 1.5, 10),
  new DiscountItem("book", 12.99, 2, 0.1),
  new Item("bag", 24),
];
items.sort(Item.compare);
for (const it of items) console.log(String(it), "=>", it.total.toFixed(2), "id", it.id);
console.log(items.map((i) => i.name).join(", "), Item.count);
console.log(items[1] instanceof Item, items[1] instanceof DiscountItem, Object.keys(items[1]));
const sum = items.reduce((acc, it) => acc + it.total, 0);
console.log("sum:", Math.round(sum * 100) / 100);
console.log(items[0]);
