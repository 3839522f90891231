// Regex details: \s/\w classes, empty matches, split with captures, replacement patterns, lookbehind, unicode properties.
console.log(/\s/.test("\u00a0"), /\s/.test("\ufeff"), /\s/.test("\u2003"), /\w/.test("é"), /\bé/.test("é"), /[\b]/.test("\b"), /\cJ/.test("\n"), /\0/.test("\0"));
console.log("aaa".replace(/a*?/g, "-"), "abc".replace(/(?:)/g, "|"), "xAy".replace(/a/i, "$&$&"), "ß".match(/SS/i), /\u212a/i.test("k"), /\u212a/iu.test("k"));
console.log("a-b-c-d".split("-", 2), "a1b22c333".split(/(\d+)/, 4), "".split(","), "".split(""), "abc".split(/b*/));
console.log("2020-01-02".replace(/(?<y>\d+)-(?<m>\d+)-(?<d>\d+)/, "$<d>.$<m>.$<y> $<nope>|"), "x".replace(/x/, "$1"), "x".replace(/(x)/, "$01$10"));
console.log("aBcD".replace(/[a-z]/g, (c) => c.toUpperCase()), "a.b.c".replaceAll(".", "/"), "aaa".replaceAll(/a/g, (m, off) => off));
try { "a".replaceAll(/a/, "b"); } catch (e) { console.log(e.name); }
console.log(/(a+)+b/.test("a".repeat(20) + "b"), /^(\w+\s?)*$/.test("hello world foo bar"));
const re = /(?<word>\w+)/g;
console.log("hi there".replace(re, (...args) => JSON.stringify(args)));
console.log([..."a1b2".matchAll(/(?<l>[a-z])(?<d>\d)/g)].map((m) => [m[0], m.index, m.groups.l, m.groups.d]));
console.log(/(?<=\$)\d+(\.\d+)?/.exec("cost: $12.50")[0], /(?<=(\d+)(\d+))$/.exec("1053").slice(1), /(?<!\d)x/.exec("1x x").index);
console.log(/[^\d\s]+/.exec("12 ab 3")[0], /[\d-z]+/.exec("a-1z")[0], /[a-c-e]+/.exec("zz-bae")[0], /\//.source, RegExp("/").source, new RegExp("\n").source);
console.log(/(a)|b/.exec("b")[1], "b".replace(/(a)|b/, "[$1]"), "abc".match(/(?<x>z)?c/).groups, /(?:a|ab)(c|bcd)(d*)/.exec("abcd"));
console.log(/^(?:\+|-)?\d+$/.test("-42"), /^[\u4e00-\u9fa5]+$/.test("中文"), /\p{Script=Greek}/u.test("α"), /[\p{Emoji}]/u.test("😀"));
console.log(RegExp.prototype.toString.call(/a/g), /a/.toString(), String(new RegExp("a/b")), new RegExp("").toString(), /[/]/.source);
const r2 = /a/g; r2.lastIndex = 5; console.log("aaa".replace(r2, "b"), r2.lastIndex, "aaa".search(r2), r2.lastIndex);
console.log(/x*/.exec("")[0] === "", "abcabc".lastIndexOf("c", 3), /a{2,}/.test("aa"), /a{,2}/.test("a{,2}"), /\k/.test("k"), /]/.test("]"), /{/.test("{"));
