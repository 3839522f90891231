import { log } from "../lib/log.mjs";
log("discount", "start");
export const name = "ten-percent";
export function apply(amount) {
  return amount * 0.9;
}
