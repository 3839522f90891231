// Spreadsheet: cell formulas with references, ranges, SUM/AVG/MAX, dependency order and cycle errors.
class CycleError extends Error { constructor(path) { super(`cycle: ${path.join(" -> ")}`); this.name = "CycleError"; } }
class Sheet {
  #cells = new Map();
  #cache = new Map();
  set(ref, raw) { this.#cells.set(ref, String(raw)); this.#cache.clear(); return this; }
  static parseRef(ref) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new SyntaxError(`bad ref ${ref}`);
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { col, row: Number(m[2]) };
  }
  static colName(n) { let s = ""; while (n > 0) { const r = (n - 1) % 26; s = String.fromCharCode(65 + r) + s; n = Math.floor((n - 1) / 26); } return s; }
  static expandRange(a, b) {
    const p = Sheet.parseRef(a), q = Sheet.parseRef(b);
    const refs = [];
    for (let r = Math.min(p.row, q.row); r <= Math.max(p.row, q.row); r++)
      for (let c = Math.min(p.col, q.col); c <= Math.max(p.col, q.col); c++) refs.push(Sheet.colName(c) + r);
    return refs;
  }
  get(ref, stack = []) {
    if (stack.includes(ref)) throw new CycleError([...stack, ref]);
    if (this.#cache.has(ref)) return this.#cache.get(ref);
    const raw = this.#cells.get(ref) ?? "";
    let value;
    if (raw.startsWith("=")) value = this.#evaluate(raw.slice(1), [...stack, ref]);
    else if (raw !== "" && !Number.isNaN(Number(raw))) value = Number(raw);
    else value = raw;
    this.#cache.set(ref, value);
    return value;
  }
  #evaluate(expr, stack) {
    const fns = {
      SUM: (xs) => xs.reduce((a, b) => a + b, 0),
      AVG: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
      MAX: (xs) => Math.max(...xs),
      MIN: (xs) => Math.min(...xs),
      COUNT: (xs) => xs.length,
    };
    const withFns = expr.replace(/([A-Z]+)\(([A-Z]+\d+):([A-Z]+\d+)\)/g, (_, fn, a, b) => {
      if (!(fn in fns)) throw new ReferenceError(`unknown function ${fn}`);
      const nums = Sheet.expandRange(a, b).map((r) => this.get(r, stack)).filter((v) => typeof v === "number");
      return String(fns[fn](nums));
    });
    const substituted = withFns.replace(/\b[A-Z]+\d+\b/g, (ref) => {
      const v = this.get(ref, stack);
      return typeof v === "number" ? `(${v})` : JSON.stringify(v);
    });
    if (!/^[\d\s+\-*/().e"A-Za-z]*$/.test(substituted)) throw new SyntaxError(`bad formula ${expr}`);
    return Function(`"use strict"; return (${substituted});`)();
  }
  render(cols, rows) {
    const header = "    " + Array.from({ length: cols }, (_, c) => Sheet.colName(c + 1).padStart(10)).join("");
    const lines = [header];
    for (let r = 1; r <= rows; r++) {
      const cells = Array.from({ length: cols }, (_, c) => {
        const ref = Sheet.colName(c + 1) + r;
        try {
          const v = this.get(ref);
          return (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v).padStart(10);
        } catch (e) {
          return `#${e.name.replace("Error", "").toUpperCase() || "ERR"}`.padStart(10);
        }
      });
      lines.push(String(r).padStart(4) + cells.join(""));
    }
    return lines.join("\n");
  }
}
const sheet = new Sheet()
  .set("A1", "Item").set("B1", "Qty").set("C1", "Price").set("D1", "Total")
  .set("A2", "pens").set("B2", 10).set("C2", 1.5).set("D2", "=B2*C2")
  .set("A3", "pads").set("B3", 4).set("C3", 3.25).set("D3", "=B3*C3")
  .set("A4", "ink").set("B4", 2).set("C4", 12).set("D4", "=B4*C4")
  .set("A5", "sum").set("B5", "=SUM(B2:B4)").set("C5", "=AVG(C2:C4)").set("D5", "=SUM(D2:D4)")
  .set("A6", "max").set("D6", "=MAX(D2:D4) - MIN(D2:D4)").set("B6", "=COUNT(A1:D4)")
  .set("A7", "cycle").set("B7", "=C7+1").set("C7", "=B7*2").set("D7", "=FOO(A1:A2)");
console.log(sheet.render(4, 7));
try { sheet.get("B7"); } catch (e) { console.log(`${e.name}: ${e.message}`); }
console.log(Sheet.expandRange("B2", "C3"), Sheet.colName(28), Sheet.colName(702), Sheet.parseRef("AB12"));
sheet.set("B2", 100);
console.log(sheet.get("D5"), sheet.get("B5"));
