// Warehouse inventory: records with nested data, reorder rules, aggregated report with aligned columns.
const warehouse = {
  name: "Central",
  locations: [
    { code: "A1", items: [{ sku: "BOLT-10", qty: 1200, unitCost: 0.04 }, { sku: "NUT-10", qty: 800, unitCost: 0.03 }] },
    { code: "A2", items: [{ sku: "WASH-10", qty: 90, unitCost: 0.01 }, { sku: "BOLT-12", qty: 0, unitCost: 0.06 }] },
    { code: "B1", items: [{ sku: "DRILL-X", qty: 4, unitCost: 89.5 }, { sku: "SAW-Y", qty: 2, unitCost: 120 }] },
    { code: "B2", items: [{ sku: "BOLT-10", qty: 300, unitCost: 0.04 }] },
  ],
};
const rules = { "BOLT-10": { min: 2000, batch: 1000 }, "WASH-10": { min: 100, batch: 500 }, "DRILL-X": { min: 5, batch: 5 }, "BOLT-12": { min: 50, batch: 200 } };

const totals = new Map();
for (const { code, items } of warehouse.locations) {
  for (const { sku, qty, unitCost } of items) {
    const t = totals.get(sku) ?? { sku, qty: 0, value: 0, locations: [] };
    t.qty += qty;
    t.value += qty * unitCost;
    if (qty > 0) t.locations.push(code);
    totals.set(sku, t);
  }
}
const rows = [...totals.values()].sort((a, b) => b.value - a.value || a.sku.localeCompare(b.sku));
const money = (v) => v.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const header = ["SKU", "QTY", "VALUE", "WHERE", "ACTION"];
const table = rows.map((r) => {
  const rule = rules[r.sku];
  let action = "-";
  if (rule && r.qty < rule.min) {
    const batches = Math.ceil((rule.min - r.qty) / rule.batch);
    action = `order ${batches * rule.batch}`;
  }
  return [r.sku, String(r.qty), money(r.value), r.locations.join("+") || "(none)", action];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const fmtRow = (row) => row.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
console.log(`Inventory report: ${warehouse.name}`);
console.log(fmtRow(header));
console.log(widths.map((w) => "=".repeat(w)).join("  "));
table.forEach((row) => console.log(fmtRow(row)));
const grand = rows.reduce((s, r) => s + r.value, 0);
console.log(`${"TOTAL".padEnd(widths[0])}  ${String(rows.reduce((s, r) => s + r.qty, 0)).padStart(widths[1])}  ${money(grand).padStart(widths[2])}`);
const outOfStock = rows.filter((r) => r.qty === 0).map((r) => r.sku);
const byPrefix = Object.entries(rows.reduce((acc, r) => { const p = r.sku.split("-")[0]; acc[p] = (acc[p] ?? 0) + r.qty; return acc; }, {}));
console.log({ outOfStock, byPrefix, share: rows.map((r) => `${r.sku}:${((r.value / grand) * 100).toFixed(1)}%`) });
const snapshot = structuredCloneLike(warehouse);
snapshot.locations[0].items[0].qty = -1;
console.log(warehouse.locations[0].items[0].qty, snapshot.locations[0].items[0].qty);
function structuredCloneLike(v) { return JSON.parse(JSON.stringify(v)); }
console.log(JSON.stringify(rows[0], null, 2));
