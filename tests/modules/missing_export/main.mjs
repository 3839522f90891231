// Importing a name the module does not export is a SyntaxError at link
// time, naming the module and the name; nothing runs.
import { total, discount } from "./prices.mjs";
console.log("never", total, discount);
