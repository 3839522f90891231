// Legacy sloppy-mode code still found in old scripts: with, arguments.callee, var redeclaration,
// prototype-based classes, IIFE modules, octal escapes, function declarations in if.
var counterModule = (function () {
  var count = 0;
  function change(by) { count += by; return count; }
  return { inc: function () { return change(1); }, dec: function () { return change(-1); }, get value() { return count; } };
})();
counterModule.inc(); counterModule.inc(); counterModule.dec();
console.log(counterModule.value, typeof count);

function Person(name, age) {
  if (!(this instanceof Person)) return new Person(name, age);
  this.name = name;
  this.age = age;
}
Person.prototype.greet = function () { return "Hi, I'm " + this.name; };
Person.prototype.toString = function () { return "Person(" + this.name + ", " + this.age + ")"; };
function Employee(name, age, title) {
  Person.call(this, name, age);
  this.title = title;
}
Employee.prototype = Object.create(Person.prototype);
Employee.prototype.constructor = Employee;
Employee.prototype.greet = function () { return Person.prototype.greet.call(this) + ", the " + this.title; };
var e = new Employee("Sam", 40, "CTO");
var p = Person("NoNew", 5);
console.log(e.greet(), String(e), p.greet(), e instanceof Person, e.constructor.name, Object.keys(e));
console.log(e, p);

var factorial = function (n) { return n <= 1 ? 1 : n * arguments.callee(n - 1); };
console.log(factorial(6));
var ctx = { x: 10, y: 20 };
with (ctx) {
  var fromWith = x + y;
  x = 99;
}
console.log(fromWith, ctx.x);
var dup = 1;
var dup = 2;
console.log(dup, "\101\102\x43\u0044", "\0".length, 0o17, 0b101, 0x1F);
if (true) {
  function declaredInIf() { return "declared in if"; }
}
console.log(declaredInIf());
function defaults(a, b) {
  a = a || "default-a";
  b = typeof b !== "undefined" ? b : "default-b";
  return a + "/" + b;
}
console.log(defaults(), defaults("x", 0), defaults(0, null));
var self = this;
var obj = {
  items: [1, 2, 3],
  total: 0,
  sum: function () {
    var that = this;
    this.items.forEach(function (i) { that.total += i; });
    return this.total;
  },
};
console.log(obj.sum(), typeof self);
var arr = new Array(3);
for (var i = 0; i < arr.length; i++) arr[i] = i * i;
console.log(arr, Array.prototype.slice.call(arguments_like(1, 2, 3)));
function arguments_like() { return arguments; }
console.log([].concat.apply([], [[1], [2, 3], [4]]), Math.max.apply(null, [4, 8, 2]), String.prototype.split.call("a,b", ","));
var proto = { shared: [] };
var o1 = Object.create(proto), o2 = Object.create(proto);
o1.shared.push("oops");
console.log(o2.shared, o1.hasOwnProperty("shared"));
var date = new Date(Date.UTC(2001, 8, 9, 1, 46, 40));
console.log(date.getTime(), +date, date.valueOf() === Number(date), typeof (date - 0));
label1: for (var a = 0; a < 3; a++) { for (var b = 0; b < 3; b++) { if (b === 1) continue label1; if (a === 2) break label1; } }
console.log(a, b, void "ignored", typeof void 0);
