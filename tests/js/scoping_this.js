// Scoping and `this`: hoisting, TDZ, block functions, arguments, call/apply/bind, arrow this, getters.
console.log(typeof hoisted, hoisted(), typeof notYet);
function hoisted() { return "hoisted works"; }
var notYet = () => 1;
try { tdz; } catch (e) { console.log(e.name, e.message); }
let tdz = 1;
{
  function inBlock() { return "block fn"; }
  console.log(inBlock());
}
console.log(typeof inBlock);
var shadow = "outer";
function shadowTest() {
  console.log(shadow);
  var shadow = "inner";
  return shadow;
}
console.log(shadowTest());
function args() {
  arguments[0] = "changed";
  return [arguments.length, typeof arguments, Array.isArray(arguments), [...arguments], Array.prototype.slice.call(arguments, 1)];
}
console.log(args("a", "b", "c"));
function strictArgs(a) { "use strict"; arguments[0] = "changed"; return a; }
function sloppyArgs(a) { arguments[0] = "changed"; return a; }
console.log(strictArgs("orig"), sloppyArgs("orig"));
const obj = {
  name: "obj",
  regular() { return this?.name; },
  arrow: () => typeof this,
  nested() { return [1].map(function () { return this; }, "thisArg")[0] + "|" + [1].map(() => this.name)[0]; },
  delayed() { const self = this; return function () { return self.name; }; },
};
const { regular } = obj;
console.log(obj.regular(), regular(), obj.arrow(), obj.nested(), obj.delayed()());
console.log(obj.regular.call({ name: "called" }), obj.regular.apply({ name: "applied" }), obj.regular.bind({ name: "bound" }).call({ name: "ignored" }));
function sloppyThis() { return typeof this; }
function strictThis() { "use strict"; return this; }
console.log(sloppyThis(), strictThis(), sloppyThis.call(5), strictThis.call(5), typeof strictThis.call("s"));
class Clicker {
  count = 0;
  handlers = { arrow: () => ++this.count, method() { return this === undefined ? "undef" : typeof this.count; } };
}
const ck = new Clicker();
const { arrow, method } = ck.handlers;
console.log(arrow(), arrow(), ck.count, ck.handlers.method(), method.call(undefined));
for (var vi = 0; vi < 3; vi++) {}
for (let li = 0; li < 3; li++) {}
console.log(vi, typeof li);
const counterFactory = function counter() { return typeof counter; };
console.log(counterFactory(), typeof counter);
label: { var inLabel = "var escapes block"; }
console.log(inLabel);
switch (1) { case 1: let caseScoped = "case"; console.log(caseScoped); }
try { undefinedVariable = 5; console.log("sloppy global created", globalThis.undefinedVariable); } catch (e) { console.log(e.name); }
(function () { "use strict"; try { anotherUndefined = 5; } catch (e) { console.log("strict:", e.name); } })();
const fns = {};
for (const name of ["a", "b"]) fns[name] = function () { return name; };
console.log(fns.a(), fns.b(), fns.a.name, (() => {}).name, (function () {}).name, ({ m() {} }).m.name, ({ ["comp" + "uted"]: () => 1 }).computed.name);
const getterObj = { _v: 1, get v() { return this._v; } };
const child = Object.create(getterObj);
child._v = 42;
console.log(child.v, getterObj.v);
console.log(typeof globalThis, typeof window, typeof self, globalThis.Array === Array, "parseInt" in globalThis);
var globalVar = 1;
let globalLet = 2;
console.log(globalThis.globalLet, typeof globalVar, typeof globalLet);
console.log(eval("1 + 2"), eval("var evalVar = 'from eval'; evalVar"), typeof evalVar, (0, eval)("typeof Math"));
console.log(new Function("a", "b", "return a * b")(6, 7), Function("return typeof this")());
