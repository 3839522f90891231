// Adding properties with [[Set]] at one site while the prototype chain
// changes: setters and read-only properties appearing on a prototype must
// win over the cached addition.
class A {
  constructor(v) {
    this.x = v;
    this.y = v + 1;
  }
}
class B extends A {
  constructor(v) {
    super(v);
    this.z = v * 2;
  }
}
const out = [];
for (let i = 0; i < 3; i++) out.push(new B(i));
console.log(JSON.stringify(out));

Object.defineProperty(A.prototype, "y", {
  set(v) {
    console.log("setter y", v);
  },
  configurable: true,
});
const b = new B(10);
console.log(Object.keys(b), b.y);
delete A.prototype.y;
console.log(Object.keys(new B(20)));

Object.defineProperty(Object.prototype, "z", { value: "ro", writable: false, configurable: true });
try {
  const c = new B(30);
  console.log("sloppy add over read-only", Object.keys(c), c.z);
} catch (e) {
  console.log(e.constructor.name);
}
delete Object.prototype.z;
console.log(Object.keys(new B(40)));

function addTo(o, v) {
  o.p = v;
  return o;
}
for (let i = 0; i < 3; i++) addTo({}, i);
console.log(Object.keys(addTo(Object.preventExtensions({}), 1)));
const proto = { set p(v) { console.log("proto setter", v); } };
console.log(Object.keys(addTo(Object.create(proto), 5)));
const withP = {};
Object.setPrototypeOf(withP, proto);
console.log(Object.keys(addTo(withP, 6)));
console.log(Object.keys(addTo({}, 7)), addTo({}, 8).p);
const frozenProto = Object.freeze({ p: 1 });
console.log(Object.keys(addTo(Object.create(frozenProto), 9)));
