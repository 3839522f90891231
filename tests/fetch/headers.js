// Headers: case-insensitive names, sorted and combined iteration,
// set-cookie kept apart, validation.
const h = new Headers([["Content-Type", "text/plain"], ["X-A", "1"]]);
h.append("x-a", "2");
h.append("Set-Cookie", "a=1");
h.append("set-cookie", "b=2");
console.log(h.get("X-A"), h.get("x-missing"), h.has("content-type"));
console.log([...h]);
console.log([...h.keys()], [...h.values()]);
h.set("X-A", "  3  ");
console.log(h.get("x-a"));
h.delete("Content-Type");
console.log(h.has("content-type"), h.getSetCookie());
h.forEach((value, name, obj) => console.log(name, "=", value, obj === h));
const copy = new Headers(h);
copy.append("x-b", "b");
console.log(h.has("x-b"), copy.has("x-b"));
console.log(new Headers({ b: "2", a: "1" }).entries().next());
console.log(Object.prototype.toString.call(h), h[Symbol.iterator] === h.entries);
const it = h.keys();
h.append("a-first", "1");
console.log("live iteration:", it.next().value);
const r = new Request("http://example.test/x#frag", { headers: { Accept: "text/html" }, method: "post", body: "hi" });
console.log(r.method, r.url, r.headers.get("accept"), r.headers.get("content-type"), r.redirect, r.signal.aborted);
const res = new Response(null, { status: 201, statusText: "Made", headers: [["X", "1"]] });
console.log(res.status, res.statusText, res.ok, res.body, res.headers.get("x"), res.type, res.url);
console.log(Response.json({ a: 1 }).headers.get("content-type"), Response.error().type, Response.redirect("http://example.test/", 301).headers.get("location"));
