// A tiny mustache-like template engine: {{var}}, {{a.b.c}}, filters, {{#each}}, {{#if}}.
const filters = {
  upper: (s) => String(s).toUpperCase(),
  lower: (s) => String(s).toLowerCase(),
  money: (n) => `$${Number(n).toFixed(2)}`,
  pad: (s, n = "10") => String(s).padEnd(Number(n)),
  default: (v, d = "") => (v === undefined || v === null || v === "" ? d : v),
  json: (v) => JSON.stringify(v),
  count: (a) => a.length,
};
const lookup = (ctx, path) => path === "." ? ctx["."] : path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), ctx);

function render(tpl, ctx) {
  tpl = tpl.replace(/\{\{#each ([\w.@]+)\}\}([\s\S]*?)\{\{\/each\}\}/g, (_, path, body) => {
    const list = lookup(ctx, path) ?? [];
    return list.map((item, index) => render(body, { ...ctx, ...(typeof item === "object" ? item : {}), ".": item, "@index": index, "@first": index === 0, "@last": index === list.length - 1 })).join("");
  });
  tpl = tpl.replace(/\{\{#if (!?)([\w.@]+)\}\}([\s\S]*?)(?:\{\{else\}\}([\s\S]*?))?\{\{\/if\}\}/g, (_, neg, path, yes, no = "") => {
    let v = lookup(ctx, path);
    if (Array.isArray(v)) v = v.length > 0;
    return (neg ? !v : v) ? render(yes, ctx) : render(no, ctx);
  });
  return tpl.replace(/\{\{\s*([\w.@]+)((?:\s*\|\s*\w+(?::[^|}\s]+)*)*)\s*\}\}/g, (_, path, chain) => {
    let value = lookup(ctx, path);
    for (const f of chain.split("|").map((s) => s.trim()).filter(Boolean)) {
      const [name, ...args] = f.split(":");
      if (!(name in filters)) throw new Error(`Unknown filter "${name}"`);
      value = filters[name](value, ...args);
    }
    return value === undefined ? "" : String(value);
  });
}

const ctx = {
  shop: { name: "corner store", owner: { first: "ada" } },
  items: [
    { name: "apple", price: 0.5, qty: 12 },
    { name: "bread", price: 2.25, qty: 1 },
    { name: "cheese", price: 7, qty: 0 },
  ],
  tags: ["fresh", "local", "cheap"],
  note: "",
  vip: false,
};
const tpl = `== {{ shop.name | upper }} (owner: {{shop.owner.first}}) ==
{{#each items}}{{@index}}. {{name | pad:8}} {{price | money}} x{{qty}}{{#if !qty}} (sold out){{/if}}
{{/each}}Tags: {{#each tags}}{{.}}{{#if @last}}.{{else}}, {{/if}}{{/each}}
Items: {{items | count}} | Note: {{note | default:none}} | Missing: [{{nope.deeper}}]
{{#if vip}}VIP customer{{else}}Regular customer{{/if}}
{{tags | json}}`;
console.log(render(tpl, ctx));
try { render("{{ x | bogus }}", { x: 1 }); } catch (e) { console.log(e.message); }
const total = ctx.items.reduce((s, i) => s + i.price * i.qty, 0);
console.log(render("Total: {{t | money}}, {{n}} lines", { t: total, n: ctx.items.length }));
const compileCache = new Map();
function cached(tplText) {
  if (!compileCache.has(tplText)) compileCache.set(tplText, (c) => render(tplText, c));
  return compileCache.get(tplText);
}
for (const who of ["x", "y"]) console.log(cached("Hi {{who|upper}}!")({ who }));
console.log(compileCache.size);
