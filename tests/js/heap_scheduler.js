// Binary heap priority queue and a discrete-event task scheduler simulation.
class MinHeap {
  #items = [];
  #cmp;
  constructor(cmp = (a, b) => a - b) { this.#cmp = cmp; }
  get size() { return this.#items.length; }
  peek() { return this.#items[0]; }
  push(...values) { for (const v of values) { this.#items.push(v); this.#up(this.#items.length - 1); } return this; }
  pop() {
    const items = this.#items;
    if (!items.length) return undefined;
    const top = items[0];
    const last = items.pop();
    if (items.length) { items[0] = last; this.#down(0); }
    return top;
  }
  #up(i) {
    const a = this.#items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#cmp(a[i], a[parent]) >= 0) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  #down(i) {
    const a = this.#items;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < a.length && this.#cmp(a[l], a[m]) < 0) m = l;
      if (r < a.length && this.#cmp(a[r], a[m]) < 0) m = r;
      if (m === i) return;
      [a[i], a[m]] = [a[m], a[i]];
      i = m;
    }
  }
}
const h = new MinHeap().push(5, 3, 8, 1, 9, 2, 7);
const drained = [];
while (h.size) drained.push(h.pop());
console.log(drained, h.pop(), h.peek());
const words = new MinHeap((a, b) => b.length - a.length || a.localeCompare(b));
words.push(..."the quick brown fox jumps over the lazy dog".split(" "));
console.log(Array.from({ length: 4 }, () => words.pop()));

class Scheduler {
  #time = 0;
  #seq = 0;
  #queue = new MinHeap((a, b) => a.at - b.at || a.priority - b.priority || a.seq - b.seq);
  log = [];
  schedule(delay, name, fn, priority = 5) { this.#queue.push({ at: this.#time + delay, name, fn, priority, seq: this.#seq++ }); }
  run(limit = 100) {
    let n = 0;
    while (this.#queue.size && n++ < limit) {
      const task = this.#queue.pop();
      this.#time = task.at;
      this.log.push(`t=${String(task.at).padStart(3)} ${task.name}`);
      task.fn?.(this);
    }
    return this.#time;
  }
  get now() { return this.#time; }
}
const s = new Scheduler();
let ticks = 0;
const heartbeat = (sch) => { if (++ticks < 4) sch.schedule(25, `heartbeat#${ticks + 1}`, heartbeat, 9); };
s.schedule(0, "boot", (sch) => {
  sch.schedule(10, "load config");
  sch.schedule(10, "urgent check", null, 1);
  sch.schedule(25, "heartbeat#1", heartbeat, 9);
  sch.schedule(30, "connect", (x) => x.schedule(15, "connected", (y) => y.schedule(0, "ready")));
});
s.schedule(50, "timeout guard", null, 0);
const end = s.run();
console.log(s.log.join("\n"));
console.log("finished at", end, "ticks", ticks);
const k = 3, stream = [5, 1, 9, 3, 7, 2, 8, 6, 4];
const topK = new MinHeap();
for (const x of stream) { topK.push(x); if (topK.size > k) topK.pop(); }
console.log("top3:", [topK.pop(), topK.pop(), topK.pop()].reverse());
