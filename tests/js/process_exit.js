// process.exit(code) from a timer: output written so far (even without a
// newline) is flushed, `exit` listeners run once with the code, finally
// blocks, pending microtasks and later timers do not run, exit status 3.
process.on("exit", (code) => {
  console.log(`exit listener: code ${code}, exitCode ${process.exitCode}`);
  setTimeout(() => console.log("never: timer from exit listener"), 0);
});
setTimeout(() => {
  process.stdout.write("no newline before exit... ");
  Promise.resolve().then(() => console.log("never: microtask"));
  process.nextTick(() => console.log("never: tick"));
  try {
    process.exit(3);
  } finally {
    console.log("never: finally");
  }
  console.log("never: after exit");
}, 5);
setTimeout(() => console.log("never: later timer"), 20);
try {
  process.exit(1.5);
} catch (e) {
  console.log(`${e.name} ${e.code}: ${e.message}`);
}
try {
  process.exitCode = "abc";
} catch (e) {
  console.log(`${e.name} ${e.code}: ${e.message}`);
}
console.log("script end");
