// JSON parse/stringify with nesting, replacers, revivers and indentation.
const text = '{"users":[{"name":"Ann","age":31,"tags":["a","b"]},{"name":"Bob","age":25,"tags":[]}],"ok":true,"n":null}';
const data = JSON.parse(text);
console.log(data.users.length, data.users[0].name, data.ok, data.n);
console.log(JSON.stringify(data));
console.log(JSON.stringify(data.users[0], null, 2));
console.log(JSON.stringify({ a: 1, b: [1, 2], c: "x" }, ["a", "c"]));
console.log(JSON.stringify({ a: 1, b: 2 }, (k, v) => (typeof v === "number" ? v * 10 : v)));
const revived = JSON.parse('{"d":"2020-01-02","x":5}', (k, v) => (k === "x" ? v + 1 : v));
console.log(revived);
console.log(JSON.stringify([undefined, () => 1, Symbol("s"), NaN, -0, "é\u2028"]));
console.log(JSON.stringify({ toJSON() { return { wrapped: true }; } }));
try {
  JSON.parse("{bad json}");
} catch (e) {
  console.log(e.name, e instanceof SyntaxError);
}
const circular = { name: "loop" };
circular.self = circular;
try {
  JSON.stringify(circular);
} catch (e) {
  console.log(e.name);
}
console.log(JSON.stringify("he said \"hi\"\n"), JSON.stringify({ nested: { deep: [1, { x: [] }] } }, null, "--"));
