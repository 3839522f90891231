// A syntax error anywhere in the file means nothing runs: the first line's
// console.log never prints, and the error reports file:line:col.
console.log("this must not print");

function ok(a, b) {
  return a + b;
}

const config = {
  name: "app",
  items: [1, 2, 3,
};
