// A promise rejected with a non-Error reason and never handled: Node wraps
// it in an UnhandledPromiseRejection error that names the reason.
console.log("before");
new Promise((_, reject) => reject({ code: 42 }));
