// Records the order in which modules run (a live binding for importers).
export const order = [];
export function log(who, what) {
  if (what === "start") order.push(who);
}
log("log", "start");
