// A module importing itself: namespace keys, live bindings, the TDZ of a
// binding read through the namespace, import.meta, top-level await.
import * as self from "./module_self_import.mjs";
import { counter as c, bump as b } from "./module_self_import.mjs";

export let counter = 0;
export function bump() {
  counter++;
}
console.log(Reflect.ownKeys(self).length, self[Symbol.toStringTag]);
try {
  self.later;
} catch (e) {
  console.log("TDZ:", e.constructor.name);
}
b();
bump();
console.log("live:", c, self.counter, b === bump);
export const later = "initialized";
console.log(Object.keys(self).join(","), self.later);
console.log(typeof import.meta, Object.getPrototypeOf(import.meta));
console.log(await Promise.resolve("awaited"), this);
