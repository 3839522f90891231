// A small shop: several modules importing each other (inventory and
// pricing form a cycle), top-level await in config.mjs and here, a JSON
// module, a dynamic import, and a namespace object printed with console.log.
import { log, order } from "./lib/log.mjs";
import config from "./lib/config.mjs";
import * as format from "./lib/format.mjs";
import { restock, stock, items } from "./lib/inventory.mjs";
import { priceOf, total as sum } from "./lib/pricing.mjs";
import catalog from "./data/catalog.json" with { type: "json" };

log("main", "start");
console.log("modules evaluated in order:", order.join(" > "));
console.log("currency:", config.currency, "tax:", config.tax);
console.log(format);
console.log(catalog.name, "has", items().length, "items");

for (const item of items()) {
  console.log(format.line(item, stock(item), priceOf(item), config.currency));
}

restock("pear", 5);
console.log("pears after restock:", stock("pear"));

// Live binding: `order` grows as more modules run.
const plugin = await import("./plugins/discount.mjs");
console.log("plugin loaded:", plugin.name, "order now:", order.length);
const cart = [["apple", 2], ["pear", 3]];
const gross = sum(cart);
console.log("gross:", format.money(gross, config.currency));
console.log("net:", format.money(plugin.apply(gross), config.currency));

// A second dynamic import gives the same namespace object.
const again = await import("./plugins/discount.mjs");
console.log("same namespace:", again === plugin, Object.isFrozen(again));
console.log("import.meta.url ends with main.mjs:", import.meta.url.endsWith("/main.mjs"));
log("main", "end");
