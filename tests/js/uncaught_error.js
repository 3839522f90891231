// An uncaught exception prints its name and message and exits with 1.
console.log("before");
function explode() {
  throw new TypeError("cannot frobnicate");
}
explode();
console.log("never");
