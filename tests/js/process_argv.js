// process.argv is [executable, absolute script path, ...arguments]; the
// other process properties a script commonly reads.
const [exe, script, ...args] = process.argv;
console.log("arguments:", args);
console.log("argv length:", process.argv.length);
console.log("executable is absolute:", exe.startsWith("/"), exe === process.execPath);
console.log("script:", script.startsWith("/"), script.split("/").pop());
console.log("platform:", process.platform, typeof process.arch, typeof process.pid);
console.log("version:", /^v\d+\.\d+\.\d+/.test(process.version), typeof process.versions);
console.log("env:", typeof process.env, typeof process.env.PATH, process.env.JSVM_SURELY_UNSET);
console.log("exitCode:", process.exitCode);
console.log("cwd:", process.cwd().startsWith("/"));
console.log("uptime:", typeof process.uptime(), process.uptime() >= 0);
const [s, ns] = process.hrtime();
console.log("hrtime:", Number.isInteger(s), Number.isInteger(ns), ns < 1e9);
const d = process.hrtime([s, ns]);
console.log("hrtime diff:", d[0] >= 0, d[1] >= 0);
console.log("performance:", typeof performance.now(), performance.now() >= 0, performance.timeOrigin > 1.6e12);
console.log(Object.prototype.toString.call(process));
console.log("stdout.write returns", process.stdout.write("partial line, "));
process.stdout.write("then the rest\n");
