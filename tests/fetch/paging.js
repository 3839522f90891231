// Paging an API with an async generator, then request bodies, redirects
// and response headers. Usage: jsvm paging.js BASE_URL
const base = process.argv[2];

async function* users() {
  let page = 1;
  while (true) {
    const res = await fetch(`${base}/users?page=${page}`);
    const { data, hasMore } = await res.json();
    yield* data;
    if (!hasMore) return;
    page++;
  }
}

async function main() {
  const names = [];
  for await (const user of users()) names.push(user.name);
  console.log(names.join(", "));
  let seen = 0;
  for await (const user of users()) {
    if (++seen > 2) break;
    console.log("first page only:", user.id);
  }
  console.log("pages served", (await (await fetch(`${base}/stats`)).json()).pages);

  const posted = await fetch(`${base}/echo`, {
    method: "post",
    headers: { "X-Test": "yes" },
    body: JSON.stringify({ a: 1 }),
  });
  console.log(posted.status, posted.ok, posted.statusText, posted.type, posted.headers.get("content-type"));
  console.log(await posted.json());

  const put = await fetch(new Request(`${base}/echo`, { method: "PUT", body: new Uint8Array([104, 105]) }));
  console.log((await put.json()).body);
  const form = await fetch(`${base}/echo`, { method: "POST", body: new URLSearchParams({ q: "a b", n: "1" }) });
  console.log(await form.json());

  const redirected = await fetch(`${base}/redirect`);
  console.log(redirected.redirected, redirected.url === `${base}/users?page=3`, (await redirected.json()).data.length);
  const manual = await fetch(`${base}/redirect`, { redirect: "manual" });
  console.log(manual.status, manual.redirected, manual.headers.get("location"));
  try {
    await fetch(`${base}/redirect`, { redirect: "error" });
  } catch (e) {
    console.log(e.name, e.message, e.cause.message);
  }

  const h = await fetch(`${base}/headers`);
  console.log(h.headers.get("x-multi"), h.headers.getSetCookie(), [...h.headers.keys()].join(","));
  try {
    h.headers.set("x", "y");
  } catch (e) {
    console.log("response headers are immutable:", e.name);
  }
  const copy = h.clone();
  console.log(await h.text(), await copy.text(), h.bodyUsed, copy.bodyUsed);
}
main();
