import { log } from "./log.mjs";
import { stock } from "./inventory.mjs";
import catalog from "../data/catalog.json" with { type: "json" };
log("pricing", "start");
// Top-level await in a second module of the graph.
const prices = await Promise.resolve(
  Object.fromEntries(catalog.items.map((i) => [i.name, i.price]))
);
export function priceOf(item) {
  return prices[item] ?? 0;
}
export function total(cart) {
  let sum = 0;
  for (const [item, n] of cart) {
    if (n > stock(item)) throw new RangeError(`not enough ${item}`);
    sum += priceOf(item) * n;
  }
  return sum;
}
