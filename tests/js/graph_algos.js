// Graph algorithms: BFS shortest path, DFS cycle detection, topological sort, Dijkstra.
class Graph {
  #adj = new Map();
  constructor(directed = false) { this.directed = directed; }
  addEdge(a, b, w = 1) {
    for (const v of [a, b]) if (!this.#adj.has(v)) this.#adj.set(v, new Map());
    this.#adj.get(a).set(b, w);
    if (!this.directed) this.#adj.get(b).set(a, w);
    return this;
  }
  get vertices() { return [...this.#adj.keys()]; }
  neighbors(v) { return [...(this.#adj.get(v)?.entries() ?? [])]; }
  bfs(start, goal) {
    const prev = new Map([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const v = queue.shift();
      if (v === goal) break;
      for (const [n] of this.neighbors(v)) if (!prev.has(n)) { prev.set(n, v); queue.push(n); }
    }
    if (!prev.has(goal)) return null;
    const path = [];
    for (let v = goal; v !== null; v = prev.get(v)) path.unshift(v);
    return path;
  }
  hasCycle() {
    const state = new Map();
    const visit = (v) => {
      state.set(v, "visiting");
      for (const [n] of this.neighbors(v)) {
        if (state.get(n) === "visiting") return true;
        if (!state.has(n) && visit(n)) return true;
      }
      state.set(v, "done");
      return false;
    };
    return this.vertices.some((v) => !state.has(v) && visit(v));
  }
  topoSort() {
    const indeg = new Map(this.vertices.map((v) => [v, 0]));
    for (const v of this.vertices) for (const [n] of this.neighbors(v)) indeg.set(n, indeg.get(n) + 1);
    const ready = [...indeg].filter(([, d]) => d === 0).map(([v]) => v).sort();
    const order = [];
    while (ready.length) {
      const v = ready.shift();
      order.push(v);
      for (const [n] of this.neighbors(v)) {
        indeg.set(n, indeg.get(n) - 1);
        if (indeg.get(n) === 0) { ready.push(n); ready.sort(); }
      }
    }
    if (order.length !== indeg.size) throw new Error("graph has a cycle");
    return order;
  }
  dijkstra(src) {
    const dist = new Map(this.vertices.map((v) => [v, Infinity]));
    dist.set(src, 0);
    const done = new Set();
    while (done.size < dist.size) {
      let best = null;
      for (const [v, d] of dist) if (!done.has(v) && (best === null || d < dist.get(best))) best = v;
      if (dist.get(best) === Infinity) break;
      done.add(best);
      for (const [n, w] of this.neighbors(best)) {
        const nd = dist.get(best) + w;
        if (nd < dist.get(n)) dist.set(n, nd);
      }
    }
    return dist;
  }
}

const city = new Graph();
[["A", "B", 4], ["A", "C", 2], ["B", "C", 5], ["B", "D", 10], ["C", "E", 3], ["E", "D", 4], ["D", "F", 11], ["G", "H", 1]]
  .forEach(([a, b, w]) => city.addEdge(a, b, w));
console.log(city.bfs("A", "F"), city.bfs("A", "G"), city.bfs("F", "A")?.join("<-"));
console.log(city.dijkstra("A"));
console.log(Object.fromEntries(city.dijkstra("D")));
const deps = new Graph(true);
[["std", "io"], ["io", "fs"], ["std", "fmt"], ["fmt", "fs"], ["app", "std"], ["app", "log"], ["log", "fmt"]].forEach(([a, b]) => deps.addEdge(a, b));
console.log(deps.topoSort(), deps.hasCycle());
deps.addEdge("fs", "app");
console.log(deps.hasCycle());
try { deps.topoSort(); } catch (e) { console.log(e.message); }
const grid = ["S.#.....", ".##.###.", "....#...", "#.#...#E"];
const g2 = new Graph();
grid.forEach((row, y) => [...row].forEach((c, x) => {
  if (c === "#") return;
  if (x + 1 < row.length && row[x + 1] !== "#") g2.addEdge(`${x},${y}`, `${x + 1},${y}`);
  if (y + 1 < grid.length && grid[y + 1][x] !== "#") g2.addEdge(`${x},${y}`, `${x},${y + 1}`);
}));
const path = g2.bfs("0,0", "7,3");
console.log(path.length - 1, "steps");
const drawn = grid.map((r) => [...r]);
for (const p of path.slice(1, -1)) { const [x, y] = p.split(",").map(Number); drawn[y][x] = "*"; }
console.log(drawn.map((r) => r.join("")).join("\n"));
