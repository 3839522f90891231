// Date.prototype.toLocale{,Date,Time}String with Intl.DateTimeFormat
// options, formatted like Node's en-US output (independent of the host's
// time zone: local dates for local formatting, UTC dates with timeZone UTC).
const local = [new Date(2024, 2, 7, 9, 5, 3, 45), new Date(2023, 11, 31, 23, 59, 59), new Date(2024, 0, 1, 0, 0, 0)];
const utc = [new Date(Date.UTC(2024, 2, 7, 9, 5, 3, 45)), new Date(Date.UTC(2024, 6, 4, 12, 30))];
const attempt = (f) => { try { return f(); } catch (e) { return `${e.name}: ${e.message}`; } };
const localOptions = [
  { year: "numeric", month: "long", day: "numeric" },
  { weekday: "long" }, { weekday: "short", month: "short", day: "numeric" },
  { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  { month: "short", day: "numeric" }, { month: "long", year: "numeric" }, { month: "long" },
  { year: "numeric" }, { year: "2-digit", month: "2-digit", day: "2-digit" }, { month: "numeric", day: "numeric" },
  { hour: "2-digit", minute: "2-digit" }, { hour: "numeric" }, { hour: "numeric", minute: "2-digit", hour12: false },
  { hourCycle: "h23" }, { hour12: false }, { hourCycle: "h11", hour: "numeric", minute: "numeric" },
  { minute: "numeric", second: "numeric" }, { second: "2-digit", fractionalSecondDigits: 3 },
  { dateStyle: "full" }, { dateStyle: "long" }, { dateStyle: "medium" }, { dateStyle: "short" },
  { timeStyle: "medium" }, { timeStyle: "short" }, { dateStyle: "full", timeStyle: "short" }, { dateStyle: "medium", timeStyle: "short" },
  { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" },
  { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
  { year: "numeric", era: "short" }, { weekday: "long", hour: "numeric" },
  { dateStyle: "short", year: "numeric" }, { month: "bad" }, { fractionalSecondDigits: 5 }, { timeZone: "Mars/Base" },
];
for (const o of localOptions) {
  console.log(JSON.stringify(o));
  console.log("  ", local.map((d) => attempt(() => d.toLocaleString("en-US", o))).join(" | "));
  console.log("  ", attempt(() => local[0].toLocaleDateString("en-US", o)), "|", attempt(() => local[0].toLocaleTimeString("en-US", o)));
}
const utcOptions = [
  { timeZone: "UTC" }, { timeZone: "UTC", timeZoneName: "short" }, { timeZone: "utc", timeZoneName: "long", hour: "numeric" },
  { timeZone: "Etc/UTC", timeZoneName: "shortOffset" }, { timeStyle: "full", timeZone: "UTC" }, { timeStyle: "long", timeZone: "UTC" },
  { dateStyle: "medium", timeStyle: "long", timeZone: "UTC" }, { timeZone: "UTC", dateStyle: "full" },
];
for (const o of utcOptions) {
  console.log(JSON.stringify(o));
  console.log("  ", utc.map((d) => attempt(() => d.toLocaleString(undefined, o))).join(" | "));
}
console.log(new Date(NaN).toLocaleString("en-US", { month: "long" }), new Date(2024, 0, 1).toLocaleDateString(undefined, {}));
