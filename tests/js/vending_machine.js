// Vending machine state machine with Symbol states, WeakMap-private data and WeakSet tracking.
const State = Object.freeze({ IDLE: Symbol("idle"), HAS_MONEY: Symbol("hasMoney"), DISPENSING: Symbol("dispensing"), OUT_OF_ORDER: Symbol("outOfOrder") });
const priv = new WeakMap();
const serviced = new WeakSet();

class VendingMachine {
  constructor(stock) {
    priv.set(this, { state: State.IDLE, credit: 0, stock: new Map(Object.entries(stock)), sales: [] });
  }
  get state() { return priv.get(this).state.description; }
  get credit() { return priv.get(this).credit; }
  #transition(to) {
    const p = priv.get(this);
    const allowed = {
      [State.IDLE]: [State.HAS_MONEY, State.OUT_OF_ORDER],
      [State.HAS_MONEY]: [State.HAS_MONEY, State.DISPENSING, State.IDLE],
      [State.DISPENSING]: [State.IDLE, State.HAS_MONEY],
      [State.OUT_OF_ORDER]: [State.IDLE],
    };
    if (!allowed[p.state].includes(to)) throw new Error(`illegal transition ${p.state.description} -> ${to.description}`);
    p.state = to;
  }
  insert(coins) {
    const p = priv.get(this);
    const valid = [5, 10, 25, 100];
    const bad = coins.filter((c) => !valid.includes(c));
    p.credit += coins.filter((c) => valid.includes(c)).reduce((a, b) => a + b, 0);
    if (p.credit > 0) this.#transition(State.HAS_MONEY);
    return bad;
  }
  select(item) {
    const p = priv.get(this);
    const entry = p.stock.get(item);
    if (!entry) return `unknown item ${item}`;
    if (entry.count === 0) return `${item} sold out`;
    if (p.credit < entry.price) return `need ${entry.price - p.credit} more for ${item}`;
    this.#transition(State.DISPENSING);
    entry.count--;
    p.credit -= entry.price;
    p.sales.push({ item, price: entry.price });
    const change = this.#makeChange(p.credit);
    p.credit = 0;
    this.#transition(State.IDLE);
    return `dispensed ${item}, change ${JSON.stringify(change)}`;
  }
  #makeChange(amount) {
    const out = {};
    for (const c of [100, 25, 10, 5]) {
      const n = Math.floor(amount / c);
      if (n) { out[c] = n; amount -= n * c; }
    }
    return out;
  }
  cancel() {
    const p = priv.get(this);
    const refund = p.credit;
    p.credit = 0;
    if (p.state === State.HAS_MONEY) this.#transition(State.IDLE);
    return refund;
  }
  breakDown() { this.#transition(State.OUT_OF_ORDER); }
  service() { serviced.add(this); this.#transition(State.IDLE); }
  report() {
    const { sales, stock } = priv.get(this);
    const revenue = sales.reduce((s, x) => s + x.price, 0);
    return { revenue: `$${(revenue / 100).toFixed(2)}`, sold: sales.map((s) => s.item), left: Object.fromEntries([...stock].map(([k, v]) => [k, v.count])) };
  }
}

const vm = new VendingMachine({ cola: { price: 125, count: 2 }, chips: { price: 75, count: 1 }, gum: { price: 35, count: 0 } });
const steps = [
  () => vm.select("cola"),
  () => vm.insert([100, 3, 25]),
  () => vm.state,
  () => vm.select("cola"),
  () => vm.insert([100, 100]),
  () => vm.select("chips"),
  () => vm.insert([25]),
  () => vm.select("gum"),
  () => vm.select("water"),
  () => vm.cancel(),
  () => vm.insert([100, 25, 10]),
  () => vm.select("cola"),
  () => vm.insert([100, 25]),
  () => vm.select("cola"),
  () => vm.cancel(),
  () => vm.breakDown(),
  () => vm.insert([5]),
  () => vm.service(),
  () => vm.report(),
];
steps.forEach((step, i) => {
  try {
    const r = step();
    console.log(String(i).padStart(2), vm.state.padEnd(10), vm.credit, r);
  } catch (e) {
    console.log(String(i).padStart(2), vm.state.padEnd(10), "ERROR", e.message);
  }
});
console.log(serviced.has(vm), serviced.has({}), priv.has(vm), Object.keys(vm), vm);
console.log(Object.values(State).map(String), State.IDLE.toString(), typeof State.IDLE);
