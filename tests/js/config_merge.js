// JSON config merger: deep clone, deep merge, diff, and pretty printing.
const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function deepClone(v) {
  if (Array.isArray(v)) return v.map(deepClone);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepClone(x)]));
  return v;
}

function deepMerge(target, ...sources) {
  const out = deepClone(target);
  for (const src of sources) {
    for (const [key, value] of Object.entries(src)) {
      if (isPlainObject(value) && isPlainObject(out[key])) out[key] = deepMerge(out[key], value);
      else if (Array.isArray(value) && key.endsWith("+")) {
        const k = key.slice(0, -1);
        out[k] = [...(out[k] ?? []), ...value];
      } else out[key] = deepClone(value);
    }
  }
  return out;
}

function diff(a, b, path = "") {
  const changes = [];
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const k of keys) {
    const p = path ? `${path}.${k}` : k;
    const x = a?.[k], y = b?.[k];
    if (isPlainObject(x) && isPlainObject(y)) changes.push(...diff(x, y, p));
    else if (JSON.stringify(x) !== JSON.stringify(y)) changes.push({ path: p, from: x, to: y });
  }
  return changes;
}

const defaults = {
  server: { host: "localhost", port: 8080, tls: { enabled: false } },
  logging: { level: "info", targets: ["stdout"] },
  features: { beta: false },
  retries: 3,
};
const fileConfig = JSON.parse(`{
  "server": { "port": 9000, "tls": { "enabled": true, "cert": "/etc/cert.pem" } },
  "logging": { "targets+": ["file"] },
  "name": "my-app"
}`);
const envConfig = { logging: { level: "debug" }, retries: 5, features: null };

const merged = deepMerge(defaults, fileConfig, envConfig);
console.log(JSON.stringify(merged, null, 2));
console.log(defaults.server.port, defaults.logging.targets);
console.log(diff(defaults, merged));
const { server: { host, port = 80, tls: { cert = "none" } }, ...rest } = merged;
console.log(host, port, cert, Object.keys(rest));
console.log(JSON.stringify(merged, ["server", "port", "name"], "\t"));
console.log(JSON.stringify({ d: new Date(0), u: undefined, f() {}, n: NaN, i: -Infinity, nested: [undefined, () => 1] }));
console.log(JSON.stringify(merged, (k, v) => (typeof v === "number" ? v * 10 : v)));
console.log(JSON.parse('{"a":[1,{"b":2}]}', (k, v) => (typeof v === "number" ? v + 1 : v)));
const frozen = Object.freeze(deepClone(defaults));
console.log(Object.isFrozen(frozen), Object.isFrozen(frozen.server));
console.log(typeof globalThis.JSON, JSON[Symbol.toStringTag]);
