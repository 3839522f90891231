// Conway's Game of Life on a small toroidal grid, rendered as text, plus pattern detection.
class Life {
  constructor(rows, cols, alive = []) {
    this.rows = rows;
    this.cols = cols;
    this.cells = Array.from({ length: rows }, () => new Array(cols).fill(false));
    for (const [r, c] of alive) this.cells[r][c] = true;
    this.generation = 0;
  }
  static parse(text) {
    const lines = text.trim().split("\n").map((l) => l.trim());
    const alive = [];
    lines.forEach((line, r) => [...line].forEach((ch, c) => ch === "#" && alive.push([r, c])));
    return new Life(lines.length, lines[0].length, alive);
  }
  neighbors(r, c) {
    let n = 0;
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) {
        if (!dr && !dc) continue;
        if (this.cells[(r + dr + this.rows) % this.rows][(c + dc + this.cols) % this.cols]) n++;
      }
    return n;
  }
  step() {
    this.cells = this.cells.map((row, r) => row.map((alive, c) => {
      const n = this.neighbors(r, c);
      return alive ? n === 2 || n === 3 : n === 3;
    }));
    this.generation++;
    return this;
  }
  get population() { return this.cells.flat().filter(Boolean).length; }
  toString() { return this.cells.map((row) => row.map((a) => (a ? "#" : ".")).join("")).join("\n"); }
  key() { return this.cells.map((row) => row.reduce((bits, a, i) => bits | (a ? 1 << i : 0), 0).toString(36)).join(":"); }
}

const glider = Life.parse(`
  .#......
  ..#.....
  ###.....
  ........
  ........
  ........`);
console.log(`gen ${glider.generation} pop ${glider.population}\n${glider}`);
for (let i = 0; i < 4; i++) glider.step();
console.log(`gen ${glider.generation} pop ${glider.population}\n${glider}`);

function findPeriod(life, maxGen = 50) {
  const seen = new Map();
  for (let g = 0; g <= maxGen; g++) {
    const k = life.key();
    if (seen.has(k)) return { start: seen.get(k), period: g - seen.get(k) };
    seen.set(k, g);
    life.step();
  }
  return null;
}
const blinker = Life.parse(`
  .....
  ..#..
  ..#..
  ..#..
  .....`);
const block = Life.parse(`
  ....
  .##.
  .##.
  ....`);
const toad = Life.parse(`
  ......
  ......
  ..###.
  .###..
  ......
  ......`);
console.log(findPeriod(blinker), findPeriod(block), findPeriod(toad), findPeriod(Life.parse("#..\n...\n...")));
const history = [];
const r = Life.parse(`
  ..........
  ....##....
  ...##.....
  ....#.....
  ..........
  ..........
  ..........
  ..........`);
for (let i = 0; i < 12; i++) history.push(r.step().population);
console.log(history.join(","), r.key());
