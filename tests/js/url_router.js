// A tiny HTTP-style router: path patterns with params, query-string parsing, middleware chain.
function parseUrl(url) {
  const m = /^(?:(\w+):\/\/([^/:?#]+)(?::(\d+))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(url);
  const query = {};
  for (const pair of (m[5] ?? "").split("&").filter(Boolean)) {
    const [k, v = ""] = pair.split("=").map((s) => decodeURIComponent(s.replace(/\+/g, " ")));
    if (k in query) query[k] = [].concat(query[k], v);
    else query[k] = v;
  }
  return { scheme: m[1] ?? null, host: m[2] ?? null, port: m[3] ? Number(m[3]) : null, path: m[4] || "/", query, hash: m[6] ?? null };
}
class Router {
  #routes = [];
  #middleware = [];
  use(fn) { this.#middleware.push(fn); return this; }
  add(method, pattern, handler) {
    const keys = [];
    const source = pattern.replace(/\/:(\w+)(\?)?/g, (_, key, optional) => { keys.push(key); return optional ? "(?:/([^/]+))?" : "/([^/]+)"; }).replace(/\*/g, "(.*)");
    this.#routes.push({ method, re: new RegExp(`^${source}/?$`), keys, handler, pattern });
    return this;
  }
  get(p, h) { return this.add("GET", p, h); }
  post(p, h) { return this.add("POST", p, h); }
  handle(method, url) {
    const req = { method, ...parseUrl(url), params: {}, log: [] };
    const route = this.#routes.find((r) => r.method === method && r.re.test(req.path));
    const res = { status: 404, body: `Cannot ${method} ${req.path}` };
    const chain = [...this.#middleware, (rq, rs) => {
      if (!route) return;
      const values = route.re.exec(rq.path).slice(1);
      route.keys.forEach((k, i) => { if (values[i] !== undefined) rq.params[k] = decodeURIComponent(values[i]); });
      rs.status = 200;
      rs.body = route.handler(rq);
    }];
    let i = 0;
    const next = () => { const fn = chain[i++]; if (fn) fn(req, res, next); };
    try { next(); } catch (e) { res.status = e.status ?? 500; res.body = `${e.name}: ${e.message}`; }
    return { ...res, log: req.log };
  }
}
class HttpError extends Error { constructor(status, msg) { super(msg); this.status = status; this.name = "HttpError"; } }
const users = new Map([["1", { id: 1, name: "Ada" }], ["2", { id: 2, name: "Linus" }]]);
const app = new Router()
  .use((req, res, next) => { req.log.push(`${req.method} ${req.path}`); next(); })
  .use((req, res, next) => { if (req.query.token === "bad") throw new HttpError(401, "bad token"); next(); })
  .get("/", () => "home")
  .get("/users", (req) => [...users.values()].filter((u) => !req.query.q || u.name.toLowerCase().includes(req.query.q)).map((u) => u.name))
  .get("/users/:id", (req) => { const u = users.get(req.params.id); if (!u) throw new HttpError(404, `no user ${req.params.id}`); return u; })
  .get("/files/*", (req) => `file at ${req.path.slice(7)}`)
  .get("/posts/:year/:slug?", (req) => req.params)
  .post("/users", () => { throw new TypeError("read-only store"); });
const requests = [
  ["GET", "/"], ["GET", "/users?q=a"], ["GET", "/users/2"], ["GET", "/users/9"], ["GET", "/users/1?token=bad"],
  ["GET", "/files/a/b/c.txt"], ["GET", "/posts/2024"], ["GET", "/posts/2024/hello%20world/"], ["POST", "/users"], ["DELETE", "/users/1"],
];
for (const [m, u] of requests) {
  const r = app.handle(m, u);
  console.log(`${m.padEnd(6)} ${u.padEnd(30)} ${r.status} ${JSON.stringify(r.body)}`);
}
console.log(parseUrl("https://example.com:8080/a/b?x=1&y=hello+world&x=2&flag&enc=%E2%9C%93#top"));
console.log(parseUrl("/just/path"), parseUrl("?only=query").query);
