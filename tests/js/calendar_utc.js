// Month calendar printer and date arithmetic using only UTC methods and fixed dates.
const DAY = 864e5;
function calendar(year, month) {
  const first = new Date(Date.UTC(year, month, 1));
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const title = `${first.toISOString().slice(0, 7)} (${days} days)`;
  const lines = [title.padStart(Math.floor((20 + title.length) / 2)).padEnd(20), "Mo Tu We Th Fr Sa Su"];
  const offset = (first.getUTCDay() + 6) % 7;
  let row = "   ".repeat(offset);
  for (let d = 1; d <= days; d++) {
    row += String(d).padStart(2) + ((offset + d) % 7 === 0 ? "" : " ");
    if ((offset + d) % 7 === 0) { lines.push(row); row = ""; }
  }
  if (row) lines.push(row.trimEnd());
  return lines.join("\n");
}
console.log(calendar(2024, 1));
console.log(calendar(2023, 9));

function isoWeek(date) {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const dayNum = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dayNum);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  return [d.getUTCFullYear(), Math.ceil(((d - yearStart) / DAY + 1) / 7)];
}
for (const s of ["2021-01-01", "2021-01-04", "2024-12-30", "2026-06-15", "2020-12-31"]) console.log(s, isoWeek(new Date(s)));

function businessDaysBetween(a, b) {
  let count = 0;
  for (let t = a.getTime(); t < b.getTime(); t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) count++;
  }
  return count;
}
console.log(businessDaysBetween(new Date("2024-03-01"), new Date("2024-04-01")), businessDaysBetween(new Date("2024-12-23"), new Date("2025-01-06")));
const age = (birth, on) => {
  let years = on.getUTCFullYear() - birth.getUTCFullYear();
  if (on.getUTCMonth() < birth.getUTCMonth() || (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate())) years--;
  return years;
};
console.log(age(new Date("1990-06-15"), new Date("2024-06-14")), age(new Date("1990-06-15"), new Date("2024-06-15")), age(new Date("2000-02-29"), new Date("2023-02-28")));
const relative = (from, to) => {
  const diff = (to - from) / 1000;
  const abs = Math.abs(diff);
  const [v, unit] = abs < 60 ? [abs, "second"] : abs < 3600 ? [abs / 60, "minute"] : abs < 86400 ? [abs / 3600, "hour"] : [abs / 86400, "day"];
  const n = Math.round(v);
  const text = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
};
const base = Date.UTC(2024, 5, 1, 12);
console.log([30e3, -90e3, 3600e3 * 5, -86400e3 * 3, 1000].map((d) => relative(base, base + d)));
const meetings = [
  { title: "Standup", start: "2024-06-03T09:00:00Z", mins: 15 },
  { title: "Review", start: "2024-06-03T09:10:00Z", mins: 30 },
  { title: "Lunch", start: "2024-06-03T12:00:00Z", mins: 60 },
  { title: "1:1", start: "2024-06-03T12:59:00Z", mins: 30 },
].map((m) => ({ ...m, s: Date.parse(m.start), e: Date.parse(m.start) + m.mins * 6e4 }));
const overlaps = [];
meetings.forEach((a, i) => meetings.slice(i + 1).forEach((b) => { if (a.s < b.e && b.s < a.e) overlaps.push(`${a.title}/${b.title}`); }));
console.log(overlaps, new Date(Math.max(...meetings.map((m) => m.e))).toISOString());
const d = new Date(Date.UTC(2024, 0, 31));
d.setUTCMonth(1);
console.log(d.toISOString(), new Date(Date.UTC(2024, 11, 31, 23, 59, 59, 999) + 1).toISOString(), new Date(Date.UTC(1969, 11, 31)).getTime());
