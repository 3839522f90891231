// inventory.mjs and pricing.mjs import each other: each only uses the
// other's bindings inside functions, which are hoisted at link time.
import { log } from "./log.mjs";
import { priceOf } from "./pricing.mjs";
import catalog from "../data/catalog.json" with { type: "json" };
log("inventory", "start");
const counts = new Map(catalog.items.map((i) => [i.name, i.stock]));
export function stock(item) {
  return counts.get(item) ?? 0;
}
export function items() {
  return [...counts.keys()].filter((i) => priceOf(i) > 0);
}
export function restock(item, n) {
  counts.set(item, stock(item) + n);
}
