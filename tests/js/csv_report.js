// CSV parsing (with quoted fields) and a formatted text report.
const csv = `name,department,salary,start
"Smith, John",Engineering,85000,2019-04-01
Jane Doe,Marketing,62000,2020-11-15
"O""Brien, Pat",Engineering,97000,2015-02-20
Li Wei,Sales,54000,2021-07-01
Ana Gomez,Marketing,71000,2018-09-10
Tom Hardy,Sales,49500,2022-01-03`;

function parseLine(line) {
  const fields = [];
  let cur = "", inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') inQuotes = false;
      else cur += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ",") { fields.push(cur); cur = ""; }
    else cur += c;
  }
  fields.push(cur);
  return fields;
}

function parseCsv(text) {
  const [header, ...rows] = text.trim().split("\n").map(parseLine);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const people = parseCsv(csv).map((p) => ({ ...p, salary: Number(p.salary) }));
console.log(people[2]);

const cols = [
  ["name", 16, "left"],
  ["department", 12, "left"],
  ["salary", 10, "right"],
  ["start", 11, "right"],
];
const fmt = (v, w, align) => (align === "left" ? String(v).padEnd(w) : String(v).padStart(w));
const line = cols.map(([, w]) => "-".repeat(w)).join("-+-");
console.log(cols.map(([n, w, a]) => fmt(n.toUpperCase(), w, a)).join(" | "));
console.log(line);
for (const p of people) {
  console.log(cols.map(([n, w, a]) => fmt(n === "salary" ? p[n].toLocaleString("en-US") : p[n], w, a)).join(" | "));
}
console.log(line);

const byDept = people.reduce((acc, p) => {
  (acc[p.department] ||= []).push(p);
  return acc;
}, {});
for (const [dept, list] of Object.entries(byDept).sort(([a], [b]) => a.localeCompare(b))) {
  const total = list.reduce((s, p) => s + p.salary, 0);
  const avg = total / list.length;
  console.log(`${dept.padEnd(12, ".")} n=${list.length} total=${total} avg=${avg.toFixed(1)} max=${Math.max(...list.map((p) => p.salary))}`);
}
const senior = people.filter((p) => p.start < "2019").map((p) => p.name);
console.log("senior:", senior);
const years = people.map((p) => +p.start.slice(0, 4));
console.log(Math.min(...years), Math.max(...years), years.sort().join());
console.log(JSON.stringify(people.slice(0, 2)));
