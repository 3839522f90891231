// process.exitCode sets the status of a normal exit; the loop still runs
// every timer; beforeExit may schedule more work; exit listeners may change
// the code. Numeric strings are accepted as Node does.
process.exitCode = 4;
console.log("exitCode now", process.exitCode);
let rounds = 0;
process.on("beforeExit", (code) => {
  console.log(`beforeExit ${code}`);
  if (rounds++ < 2) setTimeout(() => console.log(`more work, round ${rounds}`), 1);
});
process.on("exit", (code) => {
  console.log(`exit ${code}`);
  process.exitCode = "5";
});
setTimeout(() => console.log("timer still runs"), 5);
