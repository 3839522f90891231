// String processing with regular expressions.
const log = `2024-01-15 ERROR Disk full on /dev/sda1
2024-01-15 INFO Backup started
2024-01-16 WARN Memory at 91%
2024-01-16 ERROR Timeout after 30s`;
const lines = log.split("\n");
const errors = lines.filter((l) => /ERROR/.test(l));
console.log(errors.length, errors[1]);
const re = /^(\d{4})-(\d{2})-(\d{2}) (\w+) (.*)$/;
for (const line of lines) {
  const m = line.match(re);
  console.log(m[4].padEnd(5), m[3] + "/" + m[2], m[5].slice(0, 12));
}
const counts = {};
for (const m of log.matchAll(/(ERROR|INFO|WARN)/g)) counts[m[1]] = (counts[m[1]] || 0) + 1;
console.log(counts);
console.log("Hello World".replace(/o/g, "0"), "a-b-c".replaceAll("-", "+"));
console.log("John Smith".replace(/(\w+)\s(\w+)/, "$2, $1"));
console.log("x=1, y=22".replace(/(?<key>\w)=(?<val>\d+)/g, (m, k, v) => `${k.toUpperCase()}:${v * 2}`));
console.log("  trim me  ".trim() + "|", "abc".repeat(3), "Title Case Words".toLowerCase().split(" "));
console.log("camelCaseString".replace(/([A-Z])/g, "_$1").toLowerCase());
const email = /^[\w.+-]+@[\w-]+\.[\w.]+$/;
console.log(["a@b.co", "bad@", "x.y+z@host.org"].map((s) => email.test(s)));
console.log("a1b2c3".split(/\d/), "2024-01-15".split("-").map(Number));
const named = /(?<year>\d{4})-(?<month>\d{2})/.exec("on 2023-07");
console.log(named.groups.year, named.groups.month, named.index);
console.log("ß".toUpperCase(), "İ".length, "😀".length, [..."😀a"].length, "abc".at(-1));
console.log("%", "100%".includes("%"), "abc".localeCompare("abd"), "b".codePointAt(0));
