// An error rethrown from a catch block after partial work is uncaught: exit code 1,
// stdout keeps what was printed before, stderr names the error and the frames.
class ValidationError extends TypeError {}

function parseAge(text) {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new ValidationError(`age must be an integer, got "${text}"`);
  return n;
}

function loadAll(rows) {
  const out = [];
  for (const row of rows) {
    try {
      out.push(parseAge(row));
    } catch (e) {
      if (row === "skip-me") {
        console.log("skipping", row);
        continue;
      }
      console.log("giving up at", JSON.stringify(row));
      throw e;
    } finally {
      console.log("processed", row);
    }
  }
  return out;
}

console.log(loadAll(["1", "2", "skip-me"]));
loadAll(["3", "4.5", "6"]);
console.log("not reached");
