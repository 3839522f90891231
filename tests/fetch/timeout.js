// AbortSignal.timeout: a TimeoutError DOMException, and an unreferenced
// timer. Usage: jsvm timeout.js BASE_URL
const base = process.argv[2];

async function main() {
  const started = Date.now();
  try {
    await fetch(`${base}/slow?id=timeout`, { signal: AbortSignal.timeout(100) });
    console.log("no timeout?");
  } catch (e) {
    console.log(e.name, e.message, e.code, Date.now() - started >= 90);
  }
  // jsvm closes the connection of an aborted request at once; Node's
  // undici leaves it open (node prints false here, after 5 s).
  const res = await fetch(`${base}/closed?id=timeout`);
  console.log("server saw the connection closed:", (await res.json()).closed);

  // A timeout that never fires does not keep the program alive.
  const signal = AbortSignal.timeout(60000);
  const ok = await fetch(`${base}/echo`, { signal });
  console.log(ok.status, signal.aborted);
}
main();
