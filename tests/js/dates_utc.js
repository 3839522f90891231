// Date handling with fixed timestamps and UTC accessors only.
const MS_PER_DAY = 86400000;
const base = Date.UTC(2024, 0, 31, 13, 45, 30, 123);
const d = new Date(base);
console.log(base, d.toISOString(), d.getTime() === d.valueOf());
console.log(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
console.log(JSON.stringify({ when: d }), d.toJSON());

function addMonthsUTC(date, n) {
  const r = new Date(date.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}
for (const n of [1, 2, 12, -1, 13]) console.log(`+${n}m`, addMonthsUTC(d, n).toISOString().slice(0, 10));

const isLeap = (y) => new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
console.log([1900, 2000, 2023, 2024, 2100].map((y) => `${y}:${isLeap(y)}`).join(" "));

const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function format(date) {
  const p = (n, w = 2) => String(n).padStart(w, "0");
  return `${days[date.getUTCDay()]} ${p(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}`;
}
console.log(format(d), "|", format(new Date(0)), "|", format(new Date(-MS_PER_DAY * 365.25 * 70)));

const parsed = ["2020-02-29T12:00:00Z", "2020-02-29", "2021-13-01", "1999-12-31T23:59:59.999Z", "2024-06-01T00:00:00+02:00", "garbage"];
for (const s of parsed) {
  const t = Date.parse(s);
  console.log(s.padEnd(26), Number.isNaN(t) ? "Invalid" : new Date(t).toISOString());
}
const diffDays = (a, b) => Math.round((b - a) / MS_PER_DAY);
console.log(diffDays(new Date("2024-01-01T00:00:00Z"), new Date("2024-12-25T00:00:00Z")));
const invalid = new Date(NaN);
console.log(invalid.getTime(), String(invalid), isNaN(invalid));
try { invalid.toISOString(); } catch (e) { console.log(e.name, e.message); }
console.log(new Date(8.64e15).toISOString(), new Date(8.64e15 + 1).getTime());
console.log(new Date(Date.UTC(-1, 0)).toISOString(), new Date(Date.UTC(10000, 0)).toISOString());
const copy = new Date(d);
copy.setUTCHours(25, 61, 61, 1001);
console.log(copy.toISOString(), copy > d, copy - d);
console.log(typeof Date.now(), Date.UTC(2000), Date.length, new Date(2020, 0).constructor === Date);
const sorted = ["2021-05-01T00:00:00Z", "2019-01-01T00:00:00Z", "2020-07-15T00:00:00Z"].map((s) => new Date(s)).sort((a, b) => a - b);
console.log(sorted.map((x) => x.toISOString().slice(0, 7)));
console.log(new Date(Date.UTC(2024, 0, 31)).toUTCString());
