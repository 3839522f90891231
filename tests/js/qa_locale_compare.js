// String.prototype.localeCompare follows ICU's root collation for common
// text: case and accents are later-level differences, punctuation and
// digits sort before letters, æ/ß/ø sort near their base letters.
const byLocale = (a, b) => a.localeCompare(b);
console.log(["b", "a", "C", "B", "apple", "Zebra", "é", "e", "f"].sort(byLocale));
console.log("a".localeCompare("B"), "a".localeCompare("A"), "résumé".localeCompare("resume"), "10".localeCompare("9"));
console.log(["Émile", "Zoë", "zoe", "Ångström", "andrew", "Øyvind", "oliver", "Straße", "strasse", "Œuvre", "oeuvre", "Æsir", "aesir"].sort(byLocale).join(" "));
console.log(["co-op", "coop", "co op", "cote", "côte", "coté", "côté", "Cote"].sort(byLocale).join("|"));
console.log(["item 10", "item 2", "item 1", "Item 1", "item-1", "item_1", "item#1"].sort(byLocale).join("|"));
console.log(["Ωmega", "alpha", "Άλφα", "άλφα", "βήτα", "Москва", "москва", "Ёж", "еж", "жук"].sort(byLocale).join(" "));
console.log(["!", "?", "#", "$", "%", "&", "(", "*", "+", "-", ".", "/", "1", ":", "@", "[", "^", "_", "`", "{", "~", "€", "a", " "].sort(byLocale).join(""));
console.log("a\u0301".localeCompare("\u00e1"), "ﬁ".localeCompare("fi"), "x²".localeCompare("x2"), "a\u00adb".localeCompare("ab"));
// Intl.Collator options through localeCompare.
const words = ["a", "A", "á", "Á", "b"];
for (const sensitivity of ["base", "accent", "case", "variant"]) {
  console.log(sensitivity, words.map((w) => words.map((v) => w.localeCompare(v, undefined, { sensitivity })).join(",")).join(" "));
}
console.log(["file10.txt", "file9.txt", "File1.txt", "file1.txt", "file01.txt"].sort((a, b) => a.localeCompare(b, "en", { numeric: true })).join(" "));
console.log("a-b".localeCompare("ab", undefined, { ignorePunctuation: true }), "a".localeCompare("A", undefined, { caseFirst: "upper" }));
try { "a".localeCompare("b", undefined, { sensitivity: "loud" }); } catch (e) { console.log(e.name); }
// Locale-formatted numbers and dates with the default (en-US) locale.
console.log((1234567.891).toLocaleString(), (0.5).toLocaleString(), (-1000).toLocaleString(), (12).toLocaleString());
const d = new Date(2026, 10, 24, 10, 0, 5);
console.log(d.toLocaleString(), "|", d.toLocaleDateString(), "|", d.toLocaleTimeString());
console.log(new Date(2024, 0, 5, 0, 5, 9).toLocaleString(), new Date(2024, 5, 15, 12, 30).toLocaleTimeString());
console.log([1234.5, new Date(2020, 1, 29, 23, 59, 59)].toLocaleString());
