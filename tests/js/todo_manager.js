// A small todo-list manager built from classes.
class Todo {
  static #nextId = 1;
  #done = false;
  constructor(title, priority = "normal", tags = []) {
    this.id = Todo.#nextId++;
    this.title = title;
    this.priority = priority;
    this.tags = tags;
  }
  get done() { return this.#done; }
  complete() { this.#done = true; return this; }
  toString() {
    return `[${this.#done ? "x" : " "}] #${this.id} ${this.title} (${this.priority})`;
  }
}

class TodoList {
  #items = [];
  add(title, opts = {}) {
    const { priority = "normal", tags = [] } = opts;
    const t = new Todo(title, priority, tags);
    this.#items.push(t);
    return t;
  }
  find(id) { return this.#items.find((t) => t.id === id); }
  complete(id) {
    const t = this.find(id);
    if (!t) throw new Error(`No todo with id ${id}`);
    return t.complete();
  }
  remove(id) {
    const i = this.#items.findIndex((t) => t.id === id);
    if (i >= 0) return this.#items.splice(i, 1)[0];
    return null;
  }
  get pending() { return this.#items.filter((t) => !t.done); }
  get size() { return this.#items.length; }
  byTag(tag) { return this.#items.filter((t) => t.tags.includes(tag)); }
  summary() {
    const order = { high: 0, normal: 1, low: 2 };
    return [...this.#items]
      .sort((a, b) => order[a.priority] - order[b.priority] || a.id - b.id)
      .map(String)
      .join("\n");
  }
  [Symbol.iterator]() {
    let i = 0;
    const items = this.#items;
    return { next: () => (i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true }) };
  }
}

const list = new TodoList();
list.add("Buy milk", { tags: ["shopping"] });
list.add("Write report", { priority: "high", tags: ["work"] });
list.add("Call mom", { priority: "low" });
list.add("Fix bug #42", { priority: "high", tags: ["work", "urgent"] });
list.add("Book flights", { tags: ["travel", "shopping"] });

list.complete(2);
list.complete(5);
console.log(list.summary());
console.log("pending:", list.pending.map((t) => t.title));
console.log("work:", list.byTag("work").map((t) => t.id));
console.log("removed:", list.remove(3).title, "size now", list.size);
try {
  list.complete(99);
} catch (e) {
  console.log("error:", e.message);
}
const counts = {};
for (const t of list) {
  if (t.done) continue;
  for (const tag of t.tags) counts[tag] = (counts[tag] ?? 0) + 1;
}
console.log(counts);
console.log(Object.keys(list.find(1)));
console.log(`${list.find(4)}`);
