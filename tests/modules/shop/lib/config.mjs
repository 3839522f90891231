// Top-level await: the configuration is "loaded" asynchronously.
import { log } from "./log.mjs";
log("config", "start");
const settings = await new Promise((resolve) =>
  setTimeout(() => resolve({ currency: "EUR", tax: 0.2 }), 5)
);
export default settings;
