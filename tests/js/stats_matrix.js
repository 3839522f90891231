// Matrix and statistics utilities with number formatting.
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const variance = (xs) => { const m = mean(xs); return mean(xs.map((x) => (x - m) ** 2)); };
const stddev = (xs) => Math.sqrt(variance(xs));
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  const idx = (p / 100) * (s.length - 1);
  const lo = Math.floor(idx), hi = Math.ceil(idx);
  return s[lo] + (s[hi] - s[lo]) * (idx - lo);
}

const data = [12.5, 7, 3.25, 19, 8.75, 15, 11, 4.5, 22.125, 9];
console.log("mean", mean(data).toFixed(3), "median", median(data), "sd", stddev(data).toFixed(4));
console.log("p90", percentile(data, 90), "p25", percentile(data, 25).toPrecision(4));
console.log(data.map((x) => x.toExponential(2)).join(" "));
console.log((1234.5678).toFixed(2), (0.000001234).toPrecision(2), (1e21).toFixed(2), (255).toString(16), (255).toString(2));
console.log(0.1 + 0.2, 1 / 3, 100 / 7, 2 ** 53, 2 ** 53 + 1, -0, 1e-7, 123e20, 5e-324);
console.log(Number.MAX_SAFE_INTEGER, Number.EPSILON, Number.MIN_VALUE, Number.MAX_VALUE);
console.log(Math.round(2.5), Math.round(-2.5), Math.trunc(-4.7), Math.sign(-3), Math.cbrt(27), Math.hypot(3, 4));
console.log(parseFloat("3.14abc"), parseInt("0x1F"), parseInt("101", 2), Number(""), Number("12px"), +"  42  ");
console.log((1.005).toFixed(2), (-1.5).toFixed(0), (123.456).toFixed(10), Number("1e3"), (0).toFixed(2));

class Matrix {
  constructor(rows) { this.rows = rows; }
  static identity(n) {
    return new Matrix(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))));
  }
  get shape() { return [this.rows.length, this.rows[0].length]; }
  mul(other) {
    const [n, m] = this.shape, [m2, p] = other.shape;
    if (m !== m2) throw new Error(`shape mismatch ${n}x${m} * ${m2}x${p}`);
    const out = Array.from({ length: n }, () => new Array(p).fill(0));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < p; j++)
        for (let k = 0; k < m; k++) out[i][j] += this.rows[i][k] * other.rows[k][j];
    return new Matrix(out);
  }
  transpose() { return new Matrix(this.rows[0].map((_, j) => this.rows.map((r) => r[j]))); }
  determinant() {
    const [n] = this.shape;
    if (n === 1) return this.rows[0][0];
    if (n === 2) return this.rows[0][0] * this.rows[1][1] - this.rows[0][1] * this.rows[1][0];
    return this.rows[0].reduce((acc, v, j) => {
      const minor = new Matrix(this.rows.slice(1).map((r) => r.filter((_, c) => c !== j)));
      return acc + (j % 2 ? -1 : 1) * v * minor.determinant();
    }, 0);
  }
  toString() {
    const w = Math.max(...this.rows.flat().map((v) => String(v).length));
    return this.rows.map((r) => "| " + r.map((v) => String(v).padStart(w)).join(" ") + " |").join("\n");
  }
}
const A = new Matrix([[1, 2, 3], [4, 5, 6]]);
const B = new Matrix([[7, 8], [9, 10], [11, 12]]);
console.log(String(A.mul(B)));
console.log(`${A.transpose()}`);
console.log(new Matrix([[2, -3, 1], [2, 0, -1], [1, 4, 5]]).determinant());
console.log(Matrix.identity(3).rows, A.shape);
try { A.mul(A); } catch (e) { console.log(e.message); }
console.log(A);
