// V8-style error stacks: the header is written from the error's name and
// message when `stack` is first read; constructor frames up to new.target
// are left out; Error.captureStackTrace and Error.stackTraceLimit.
const names = (e) =>
  e.stack
    .split("\n")
    .slice(1)
    .map((l) => l.trim().split(" ")[1])
    .filter((n) => /^(mk|mk2|outer|inner|helper|cap|build|level\d)$/.test(n));

class MyErr extends Error {
  constructor(m) {
    super(m);
    this.name = "MyErr";
  }
}
class SubErr extends MyErr {}
function mk() { return new MyErr("boom"); }
function mk2() { return new SubErr("deeper"); }
const e1 = mk();
console.log(e1.stack.split("\n")[0], names(e1));
const e2 = mk2();
console.log(e2.stack.split("\n")[0], names(e2), e2 instanceof MyErr);

// The header is fixed at the first read.
const e3 = new Error("first");
e3.message = "changed";
e3.name = "Renamed";
console.log(e3.stack.split("\n")[0]);
e3.message = "too late";
console.log(e3.stack.split("\n")[0]);

// Getters for name count, and an empty name leaves only the message.
class Getter extends Error { get name() { return "FromGetter"; } }
console.log(new Getter("g").stack.split("\n")[0]);
const e4 = new TypeError("only message");
e4.name = "";
console.log(JSON.stringify(e4.stack.split("\n")[0]));
console.log(JSON.stringify(new Error("").stack.split("\n")[0]));

// Error.captureStackTrace(obj, fn).
class HttpError extends Error {
  constructor(status, m) {
    super(m);
    Error.captureStackTrace(this, HttpError);
    this.name = "HttpError";
    this.status = status;
  }
}
function helper() { return new HttpError(404, "not found"); }
function outer() { return helper(); }
const h = outer();
console.log(h.stack.split("\n")[0], names(h), h.status);
console.log(Object.keys(h), h instanceof HttpError);

const plain = { name: "Plain", message: "object" };
function cap() { Error.captureStackTrace(plain); }
function build() { cap(); }
build();
plain.message = "read later";
console.log(plain.stack.split("\n")[0], names(plain));
console.log(Object.keys(plain), typeof Object.getOwnPropertyDescriptor(plain, "stack"));
plain.stack = "replaced";
console.log(plain.stack, Object.keys(plain));

function inner() { Error.captureStackTrace(plain, function notOnTheStack() {}); }
inner();
console.log(JSON.stringify(plain.stack));

for (const bad of [1, "s", null, undefined]) {
  try { Error.captureStackTrace(bad); } catch (e) { console.log(e.name, e.message); }
}
try { Error.captureStackTrace(Object.freeze({})); } catch (e) { console.log(e.name); }
console.log(Error.captureStackTrace.length, Error.captureStackTrace.name);

// Error.stackTraceLimit.
console.log(typeof Error.stackTraceLimit, Error.stackTraceLimit,
  JSON.stringify(Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")));
function level1() { return level2(); }
function level2() { return level3(); }
function level3() { return new Error("deep"); }
Error.stackTraceLimit = 2;
console.log(names(level1()));
Error.stackTraceLimit = 0;
console.log(JSON.stringify(level1().stack));
Error.stackTraceLimit = "ten";
console.log(level1().stack);
delete Error.stackTraceLimit;
console.log(level1().stack);
Error.stackTraceLimit = 10;
console.log(names(level1()));
