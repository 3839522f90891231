import { log } from "./log.mjs";
log("format", "start");
export const width = 8;
export function money(amount, currency) {
  return `${amount.toFixed(2)} ${currency}`;
}
export function line(item, count, price, currency) {
  return `${item.padEnd(width)} x${String(count).padStart(2)} @ ${money(price, currency)}`;
}
