// Tagged templates: html escaping, dedent, raw strings, sql-like builders.
const escape = (s) => String(s).replace(/[&<>'"]/g, (c) => `&#${c.charCodeAt(0)};`);
function html(strings, ...values) {
  return strings.reduce((out, str, i) => {
    const v = values[i - 1];
    const rendered = Array.isArray(v) ? v.join("") : v && v.__safe ? v.value : escape(v);
    return out + rendered + str;
  });
}
const safe = (value) => ({ __safe: true, value });
const items = ["<b>bold</b>", "Tom & Jerry", `"quoted"`];
const page = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul><p>${safe("<em>trusted</em>")}</p>`;
console.log(page);

function dedent(strings, ...values) {
  const raw = String.raw({ raw: strings.raw }, ...values);
  const lines = raw.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join("\n").trimEnd();
}
console.log(dedent`
    function hello() {
      return "${"world"}";
    }
    path: C:\new\table
`);

function sql(strings, ...values) {
  const params = [];
  const text = strings.reduce((acc, s, i) => {
    params.push(values[i - 1]);
    return `${acc}$${params.length}${s}`;
  });
  return { text, params };
}
const id = 5, name = "O'Reilly";
console.log(sql`SELECT * FROM users WHERE id = ${id} AND name = ${name}`);

function inspect(strings, ...values) {
  return { cooked: [...strings], raw: strings.raw, values, frozen: Object.isFrozen(strings), isArray: Array.isArray(strings) };
}
console.log(inspect`a\tb${1}\u0041${2}`);
const calls = [];
const tag = (s) => { calls.push(s); return s; };
for (let i = 0; i < 2; i++) tag`same site`;
console.log(calls[0] === calls[1], tag`x` === tag`x`);
console.log(String.raw`\d+\.\w*${1 + 1}\n`, String.raw`\u{1F600}`.length, `\u{1F600}`.length);
const currency = (strings, ...vals) => strings.raw.map((s, i) => s + (i < vals.length ? `$${vals[i].toFixed(2)}` : "")).join("");
console.log(currency`Total: ${19.999} plus tax ${1.6}.`);
const nestedT = `outer ${`inner ${`deepest ${1 + 2}`}`} end`;
console.log(nestedT, `multi
line`, `${[1, 2]}${{}}${null}${undefined}`);
const obj = { toString() { return "TS"; }, valueOf() { return 42; } };
console.log(`${obj}`, obj + "", String(obj), obj * 1);
function tagNoSubst(s) { return s.length + ":" + s[0]; }
console.log(tagNoSubst`plain`, (function () { return this; }).call(5) instanceof Number);
const member = { fmt: (s, ...v) => v.map((x) => x * 2).join("|") };
console.log(member.fmt`${1}${2}${3}`, member["fmt"]`${10}`);
