// Throwing a plain object: stderr shows it as util.inspect formats it
// (`Uncaught { status: 404, ... }`) and the exit code is 1.
console.log("before");
function fail() {
  throw { status: 404, reason: "not found", tags: ["a", "b"] };
}
fail();
