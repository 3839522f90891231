// A small EventEmitter with once, off, wildcard listeners and error events.
class EventEmitter {
  #listeners = new Map();
  on(event, fn) {
    if (!this.#listeners.has(event)) this.#listeners.set(event, []);
    this.#listeners.get(event).push(fn);
    return this;
  }
  once(event, fn) {
    const wrapper = (...args) => {
      this.off(event, wrapper);
      return fn.apply(this, args);
    };
    wrapper.original = fn;
    return this.on(event, wrapper);
  }
  off(event, fn) {
    const list = this.#listeners.get(event);
    if (!list) return this;
    const i = list.findIndex((l) => l === fn || l.original === fn);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.#listeners.delete(event);
    return this;
  }
  emit(event, ...args) {
    const list = this.#listeners.get(event);
    if (event === "error" && !list) {
      throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${args[0]}`);
    }
    for (const fn of [...(list ?? []), ...(this.#listeners.get("*") ?? [])]) {
      fn.call(this, ...args);
    }
    return !!list;
  }
  listenerCount(event) { return this.#listeners.get(event)?.length ?? 0; }
  eventNames() { return [...this.#listeners.keys()]; }
}

class Store extends EventEmitter {
  #state;
  constructor(initial) { super(); this.#state = initial; }
  get state() { return this.#state; }
  set(key, value) {
    const old = this.#state[key];
    if (Object.is(old, value)) return;
    this.#state = { ...this.#state, [key]: value };
    this.emit("change", key, old, value);
    this.emit(`change:${key}`, value);
  }
}

const log = [];
const store = new Store({ count: 0, user: null });
store.on("change", (k, o, n) => log.push(`${k}: ${JSON.stringify(o)} -> ${JSON.stringify(n)}`));
store.once("change:user", function (u) { log.push(`first user ${u.name}; this is store: ${this === store}`); });
store.on("*", (...args) => log.push(`* ${args.length} args`));
store.set("count", 1);
store.set("count", 1);
store.set("user", { name: "ann" });
store.set("user", { name: "bob" });
store.set("count", NaN);
store.set("count", NaN);
console.log(log.join("\n"));
console.log(store.eventNames(), store.listenerCount("change"), store.listenerCount("change:user"));
console.log(store.state);
try {
  store.emit("error", "disk full");
} catch (e) {
  console.log("caught:", e.message);
}
const errs = [];
store.on("error", (e) => errs.push(e.message));
console.log(store.emit("error", new TypeError("bad type")), errs);
const handler = () => log.push("never");
store.on("tick", handler).off("tick", handler);
console.log(store.emit("tick"), store.eventNames());
