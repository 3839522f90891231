// Bit-twiddling utilities: CRC32, djb2/FNV hashes, base64 by hand, RLE, bit sets.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(str) {
  let crc = 0xffffffff;
  for (let i = 0; i < str.length; i++) crc = CRC_TABLE[(crc ^ str.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
const djb2 = (s) => [...s].reduce((h, c) => ((h << 5) + h + c.charCodeAt(0)) | 0, 5381) >>> 0;
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}
for (const s of ["", "a", "hello world", "The quick brown fox jumps over the lazy dog"]) {
  console.log(JSON.stringify(s).padEnd(46), crc32(s).toString(16).padStart(8, "0"), djb2(s), fnv1a(s).toString(16));
}
const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function b64encode(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b = 0, c = 0] = bytes.slice(i, i + 3);
    const n = (a << 16) | (b << 8) | c;
    out += ALPHA[(n >> 18) & 63] + ALPHA[(n >> 12) & 63] + (i + 1 < bytes.length ? ALPHA[(n >> 6) & 63] : "=") + (i + 2 < bytes.length ? ALPHA[n & 63] : "=");
  }
  return out;
}
function b64decode(str) {
  const clean = str.replace(/=+$/, "");
  const bytes = [];
  let buf = 0, bits = 0;
  for (const ch of clean) {
    buf = (buf << 6) | ALPHA.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; bytes.push((buf >> bits) & 0xff); }
  }
  return bytes;
}
const utf8 = (s) => [...unescape(encodeURIComponent(s))].map((c) => c.charCodeAt(0));
const fromUtf8 = (bytes) => decodeURIComponent(escape(String.fromCharCode(...bytes)));
for (const s of ["Man", "Ma", "M", "hello, wörld ✓", ""]) {
  const enc = b64encode(utf8(s));
  console.log(enc, fromUtf8(b64decode(enc)) === s);
}
const rle = (s) => s.replace(/(.)\1*/g, (m, c) => (m.length > 1 ? m.length : "") + c);
const unrle = (s) => s.replace(/(\d+)(.)/g, (_, n, c) => c.repeat(+n));
const sample = "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW";
console.log(rle(sample), unrle(rle(sample)) === sample, rle("abc"), rle(""));
class BitSet {
  constructor(size) { this.words = new Array(Math.ceil(size / 32)).fill(0); }
  set(i) { this.words[i >>> 5] |= 1 << (i & 31); return this; }
  has(i) { return (this.words[i >>> 5] & (1 << (i & 31))) !== 0; }
  count() { return this.words.reduce((n, w) => { w = w - ((w >>> 1) & 0x55555555); w = (w & 0x33333333) + ((w >>> 2) & 0x33333333); return n + ((Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24)); }, 0); }
}
const bs = new BitSet(100);
[0, 1, 31, 32, 63, 64, 99].forEach((i) => bs.set(i));
console.log(bs.count(), bs.has(31), bs.has(30), bs.words.map((w) => (w >>> 0).toString(2).length));
console.log(encodeURIComponent("a b&c=d/é?"), encodeURI("http://x.com/a b?q=é#f"), decodeURI("%41%20"), escape("a b+é"), unescape("%u00e9%20"));
console.log((0xdeadbeef).toString(2).length, 0xdeadbeef | 0, 0xdeadbeef >>> 0, (-1 >>> 0).toString(16), 1 << 32, 1 << 33, 2 ** 32 >> 0);
