// Regex-heavy validation and extraction: lookbehind, named groups, unicode, sticky, flags.
const validators = {
  email: /^[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}$/i,
  phone: /^\+?(\d{1,3})?[-. ]?\(?(\d{3})\)?[-. ]?(\d{3})[-. ]?(\d{4})$/,
  hexColor: /^#(?:[0-9a-f]{3}){1,2}$/i,
  ipv4: /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/,
  strongPassword: /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^\w\s]).{8,}$/,
  isoDate: /^(?<year>\d{4})-(?<month>0[1-9]|1[0-2])-(?<day>0[1-9]|[12]\d|3[01])$/,
};
const samples = {
  email: ["a@b.co", "first.last+tag@sub.example.org", "bad@", "@bad.com", "x@y.z"],
  phone: ["555-123-4567", "(555) 123 4567", "+1 555.123.4567", "12345"],
  hexColor: ["#fff", "#A0b1C2", "#abcd", "fff"],
  ipv4: ["192.168.0.1", "255.255.255.255", "256.1.1.1", "1.2.3"],
  strongPassword: ["Passw0rd!", "password", "SHORT1!a", "NoDigits!!"],
  isoDate: ["2024-02-29", "2024-13-01", "1999-12-31"],
};
for (const [kind, list] of Object.entries(samples)) {
  console.log(kind.padEnd(15), list.map((s) => `${s}:${validators[kind].test(s) ? "ok" : "no"}`).join("  "));
}
const { groups } = validators.isoDate.exec("2024-02-29");
console.log(groups, { ...groups }, Object.getPrototypeOf(groups));
const phoneMatch = "+1 555.123.4567".match(validators.phone);
console.log(phoneMatch.slice(1), phoneMatch.index, phoneMatch.input);

const log = `2024-01-05 12:00:01 [INFO] user=alice action=login ip=10.0.0.1
2024-01-05 12:03:17 [WARN] user=bob action=failed_login ip=10.0.0.7
2024-01-05 12:04:55 [ERROR] user=bob action=locked ip=10.0.0.7
2024-01-06 08:15:00 [INFO] user=carol action=logout ip=10.0.0.9`;
const lineRe = /^(?<date>\S+) (?<time>\S+) \[(?<level>\w+)\] (?<rest>.*)$/gm;
for (const m of log.matchAll(lineRe)) {
  const fields = Object.fromEntries([...m.groups.rest.matchAll(/(\w+)=(\S+)/g)].map(([, k, v]) => [k, v]));
  console.log(m.groups.level.padEnd(5), m.groups.time, fields);
}
console.log(log.match(/(?<=user=)\w+/g), log.match(/\d+(?= action)/g), log.match(/(?<!\d)\.\d+$/gm));
console.log("price: $42.50, tax: $3.40".replace(/\$(\d+)\.(\d+)/g, (m, d, c, off) => `${d}€${c}@${off}`));
console.log("aBc DeF".replace(/(?<first>\w)(\w*)/g, (...args) => { const g = args.at(-1); return g.first.toUpperCase() + args[2].toLowerCase(); }));
const sticky = /\d+/y;
sticky.lastIndex = 3;
console.log(sticky.test("abc123"), sticky.lastIndex, sticky.test("abc123"), sticky.lastIndex);
const glob = /o/g;
console.log(glob.exec("foo").index, glob.lastIndex, glob.exec("foo").index, glob.exec("foo"), glob.lastIndex);
console.log(/\p{L}+/u.exec("123 héllo wörld")[0], "ÀÉÎ".match(/\p{Lu}/gu).length, /^.$/u.test("😀"));
console.log(/a.c/s.test("a\nc"), /a.c/.test("a\nc"), /^b/m.test("a\nb"), new RegExp("a+", "gi").flags, /x/gimsuy.flags);
console.log(/(a)|(b)/.exec("b"), "abc".match(/z/), "abc".match(/z/g), "aaa".lastIndexOf("a"));
const re = new RegExp(String.raw`\b(${["cat", "dog"].join("|")})s?\b`, "gi");
console.log("Cats and dogs and a DOG and catalog".match(re), re.source, String(re));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
console.log(escapeRe("1+1=2? (yes) [x] {y} a.b*c"), new RegExp(escapeRe("a.b")).test("axb"));
console.log("one  two\tthree\nfour".split(/\s+/), "a1b2c3".split(/\d/), "a1b2c3".split(/(\d)/), "test".split(""));
console.log("2024-01-05".replace(/(\d+)-(\d+)-(\d+)/, "$3/$2/$1 ($0 $4 $$ $& $` $')"));
console.log(/(\d+)-\1/.test("12-12"), /(?<n>x)\k<n>/.test("xx"), /[^]/.test("\n"), /\bfoo\B/.test("foobar"), /^\u{1F600}$/u.test("😀"));
