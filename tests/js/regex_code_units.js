// Without the u flag, regexes match UTF-16 code units: "." matches half of an astral character.
console.log(/^.$/.test("😀"), "😀".match(/./g).length, "a😀b".replace(/./g, "x"), "😀".split(/(?:)/).length, /^[^a]$/.test("😀"), /\uD83D/.test("😀"), "😀".search(/\uDE00/));
console.log("😀x".replace(/^./, "?").length, /^..$/.test("😀"), /^.$/u.test("😀"), "a😀".match(/./gu));
