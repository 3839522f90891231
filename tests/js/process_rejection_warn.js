// --unhandled-rejections=warn: an unhandled rejection prints a warning to
// stderr and the program carries on (exit 0).
Promise.reject(new Error("first"));
Promise.reject("second");
setTimeout(() => console.log("the timer still runs"), 1);
console.log("script end");
