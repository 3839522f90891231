// An uncaught custom error prints as Node's util.inspect shows it: the
// header uses the name set in the constructor, no `new NotFound` frame,
// then the extra own properties in braces.
class AppError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}
class NotFound extends AppError {
  constructor(what) {
    super(`${what} not found`, "E_NOT_FOUND");
    this.what = what;
  }
}
function lookup(key) {
  throw new NotFound(key);
}
console.log("looking up");
lookup("user:42");
