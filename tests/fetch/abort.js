// AbortController and AbortSignal with fetch and body streams.
// Usage: jsvm abort.js BASE_URL
const base = process.argv[2];

async function serverSawClose(id) {
  return (await (await fetch(`${base}/closed?id=${id}`)).json()).closed;
}

async function main() {
  const c1 = new AbortController();
  setTimeout(() => c1.abort(), 50);
  try {
    await fetch(`${base}/slow?id=abort1`, { signal: c1.signal });
    console.log("not aborted?");
  } catch (e) {
    console.log("before the response:", e.name, e.message, e instanceof DOMException, e.code);
  }
  // jsvm closes the connection of an aborted request at once; Node's
  // undici leaves it open (node prints false here, after 5 s).
  console.log("server saw the connection closed:", await serverSawClose("abort1"));

  try {
    await fetch(`${base}/echo`, { signal: AbortSignal.abort(new Error("custom reason")) });
  } catch (e) {
    console.log("already aborted:", e.message);
  }

  const c3 = new AbortController();
  const res = await fetch(`${base}/endless?id=abort3`, { signal: c3.signal });
  const reader = res.body.getReader();
  await reader.read();
  c3.abort();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
    }
    console.log("not aborted?");
  } catch (e) {
    console.log("while streaming:", e.name);
  }
  console.log("server saw the connection closed:", await serverSawClose("abort3"));

  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  any.onabort = (event) => console.log("any aborted:", any.reason, event.type, event.isTrusted);
  b.abort("because");
  console.log(any.aborted, a.signal.aborted, b.signal.reason);
  try {
    any.throwIfAborted();
  } catch (e) {
    console.log("throwIfAborted threw:", e);
  }

  const target = new EventTarget();
  let count = 0;
  target.addEventListener("ping", () => count++, { once: true });
  target.dispatchEvent(new Event("ping"));
  target.dispatchEvent(new Event("ping"));
  console.log("once listener ran", count, "time(s)");
  const ctl = new AbortController();
  let calls = 0;
  target.addEventListener("pong", () => calls++, { signal: ctl.signal });
  target.dispatchEvent(new Event("pong"));
  ctl.abort();
  target.dispatchEvent(new Event("pong"));
  console.log("listener removed by its signal after", calls, "call(s)");
  const e = new DOMException("boom", "NotFoundError");
  console.log(e.name, e.message, e.code, e instanceof Error, Object.prototype.toString.call(e));
}
main();
