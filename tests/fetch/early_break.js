// Leaving a body early closes the connection; the server reports whether
// it saw the close. Usage: jsvm early_break.js BASE_URL
const base = process.argv[2];

async function serverSawClose(id) {
  const res = await fetch(`${base}/closed?id=${id}`);
  return (await res.json()).closed;
}

async function main() {
  const res = await fetch(`${base}/endless?id=break`);
  let n = 0;
  for await (const chunk of res.body) {
    if (++n === 3) break;
  }
  console.log("read", n, "chunks; locked after break:", res.body.locked);
  console.log("server saw the connection closed:", await serverSawClose("break"));

  const res2 = await fetch(`${base}/endless?id=cancel`);
  const reader = res2.body.getReader();
  await reader.read();
  await reader.cancel("enough");
  console.log("read after cancel:", await reader.read());
  console.log("server saw the connection closed:", await serverSawClose("cancel"));

  const res3 = await fetch(`${base}/endless?id=prevent`);
  for await (const chunk of res3.body.values({ preventCancel: true })) break;
  console.log("preventCancel: locked", res3.body.locked, "used", res3.bodyUsed);
  await res3.body.cancel();
  console.log("server saw the connection closed:", await serverSawClose("prevent"));
}
main();
