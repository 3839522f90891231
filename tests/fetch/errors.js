// The errors Node gives for bad input and failed requests.
// Usage: jsvm errors.js BASE_URL REFUSED_URL
const [, , base, refused] = process.argv;

async function main() {
  try {
    await fetch("not a url");
  } catch (e) {
    console.log(`${e.name}: ${e.message} | ${e.cause.name}: ${e.cause.message}`, e.cause.code, e.cause.input);
  }
  try {
    await fetch("/relative/path");
  } catch (e) {
    console.log(e.message);
  }
  try {
    await fetch(refused);
  } catch (e) {
    const host = new URL(refused).host;
    console.log(e.name, e.message, e.cause.code, e.cause.syscall, e.cause.message === `connect ECONNREFUSED ${host}`);
  }
  // The resolver rejects a 70-character label without asking any server.
  const host = "a".repeat(70) + ".invalid";
  try {
    await fetch(`http://${host}/`);
  } catch (e) {
    console.log(e.name, e.message, e.cause.code, e.cause.syscall, e.cause.hostname === host);
  }

  const missing = await fetch(`${base}/missing`);
  console.log(missing.status, missing.ok, missing.statusText, await missing.json());
  try {
    await (await fetch(`${base}/bad-json`)).json();
  } catch (e) {
    console.log("bad JSON:", e.name, e instanceof SyntaxError);
  }
  const once = await fetch(`${base}/echo`);
  await once.text();
  try {
    await once.text();
  } catch (e) {
    console.log(`${e.name}: ${e.message}`);
  }
  try {
    await once.arrayBuffer();
  } catch (e) {
    console.log(e.message);
  }
  console.log("bodyUsed:", once.bodyUsed);

  for (const make of [
    () => new Request(base, { method: "GET", body: "x" }),
    () => new Request(base, { method: "CONNECT" }),
    () => new Headers([["only-a-name"]]),
    () => new Headers({ "bad name": "x" }),
    () => new Headers({ a: "bad\nvalue" }),
    () => new Response("x", { status: 99 }),
    () => new Response("x", { status: 204 }),
    () => new URL("nope"),
    () => new TextDecoder("nope"),
    () => new TextDecoder("utf8", { fatal: true }).decode(new Uint8Array([0xc3])),
    () => new TextDecoder().decode("a string"),
  ]) {
    try {
      make();
      console.log("no error?");
    } catch (e) {
      console.log(e.name, e.code ?? "");
    }
  }
}
main();
