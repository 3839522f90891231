// Minimal Markdown-to-HTML converter using regular expressions.
function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function inline(text) {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/\*(.+?)\*/g, "<em>$1</em>")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
}

function markdown(src) {
  const lines = src.split("\n");
  const out = [];
  let list = null;
  let para = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(para.join(" "))}</p>`);
    para = [];
  };
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of lines) {
    let m;
    if ((m = line.match(/^(#{1,6})\s+(.*)$/))) {
      flushPara(); closeList();
      const level = m[1].length;
      const id = m[2].toLowerCase().replace(/[^\w]+/g, "-").replace(/^-|-$/g, "");
      out.push(`<h${level} id="${id}">${inline(m[2])}</h${level}>`);
    } else if ((m = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(line))) {
      flushPara();
      const kind = /\d/.test(m[1]) ? "ol" : "ul";
      if (list !== kind) { closeList(); out.push(`<${kind}>`); list = kind; }
      out.push(`  <li>${inline(m[2])}</li>`);
    } else if (line.trim() === "") {
      flushPara(); closeList();
    } else {
      closeList();
      para.push(line.trim());
    }
  }
  flushPara(); closeList();
  return out.join("\n");
}

const doc = `# Hello, World!
This is **bold** and *italic* text with \`code <b>\`.
It continues here & links to [the site](https://example.com/?a=1&b=2).

## Shopping List
- eggs
- **fresh** milk
* bread

1. first
2. second with \`x < y\`

### The End
Bye "friend".`;

console.log(markdown(doc));
const words = doc.match(/\b[a-z]{5,}\b/gi);
console.log(words.length, words.slice(0, 6));
const named = "2024-03-15".replace(/(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/, "$<d>/$<m>/$<y>");
console.log(named);
const re = /(\w+)@(\w+)\.com/g;
const emails = "a@x.com, bob@yy.com; carl@zzz.com";
for (const m of emails.matchAll(re)) console.log(m.index, m[1], m[2]);
console.log("a-b_c d".split(/[-_ ]/), "CamelCaseString".replace(/([A-Z])/g, " $1").trim());
console.log(/^[\w.]+$/.test("file.name_1"), "x".repeat(3).replace(/x/y, "y"));
