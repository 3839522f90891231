async function f(x) { console.log("f start", x); const y = await x; console.log("f got", y); return y * 2; }
const p = f(21);
console.log("sync after call", p instanceof Promise);
p.then(v => console.log("resolved", v));
Promise.resolve().then(() => console.log("tick 1")).then(() => console.log("tick 2")).then(() => console.log("tick 3"));
async function g() { throw new Error("bad"); }
g().catch(e => console.log("caught", e.message));
async function h() { try { await Promise.reject(new Error("rej")); } catch (e) { console.log("h caught", e.message); return "h done"; } }
h().then(console.log);
const arrow = async (a, b = await0()) => a + b;
function await0() { return 1; }
arrow(1).then(v => console.log("arrow", v));
async function order() {
  console.log("o1");
  await null;
  console.log("o2");
  await new Promise(r => setTimeout(r, 10));
  console.log("o3 after timer");
}
order();

class C { async m() { return this.v; } v = 5; static async s() { return "static"; } }
new C().m().then(v => console.log("method", v));
C.s().then(console.log);
async function params(a = (() => { throw new Error("param") })()) {}
params().catch(e => console.log("param error rejects", e.message));
console.log(Object.prototype.toString.call(f), Object.getPrototypeOf(f) === Function.prototype, f.hasOwnProperty("prototype"));
async function thenable() { return { then(r) { console.log("then called"); r("thenable value"); } }; }
thenable().then(console.log);
