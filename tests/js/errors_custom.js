// Custom errors, try/catch/finally, error properties.
class ValidationError extends Error {
  constructor(field, message) {
    super(message);
    this.name = "ValidationError";
    this.field = field;
  }
}
function validate(user) {
  if (!user.name) throw new ValidationError("name", "name is required");
  if (user.age < 0) throw new RangeError("age must be positive");
  return true;
}
for (const u of [{ name: "a", age: 1 }, { age: 3 }, { name: "b", age: -1 }]) {
  try {
    console.log("valid", validate(u));
  } catch (e) {
    console.log(e.name, e.message, e instanceof ValidationError, e instanceof Error, e.field);
  } finally {
    console.log("checked", JSON.stringify(u));
  }
}
function f() {
  try {
    return "try";
  } finally {
    console.log("finally runs before return");
  }
}
console.log(f());
try {
  null.x;
} catch (e) {
  console.log(e instanceof TypeError, e.constructor.name);
}
try {
  undefinedVariable;
} catch (e) {
  console.log(e.name, e.message);
}
const err = new Error("outer", { cause: new Error("inner") });
console.log(err.cause.message, String(err), Object.prototype.toString.call(err));
console.log(typeof err.stack, err.stack.split("\n")[0]);
label: for (let i = 0; i < 3; i++) {
  for (let j = 0; j < 3; j++) {
    if (j === 1) continue label;
    if (i === 2) break label;
    console.log(i, j);
  }
}
