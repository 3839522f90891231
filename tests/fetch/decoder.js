// TextDecoder and TextEncoder.
const enc = new TextEncoder();
const text = "aé✓日🚀z";
const bytes = enc.encode(text);
let ok = true;
for (let i = 0; i <= bytes.length; i++) {
  for (let j = i; j <= bytes.length; j++) {
    const d = new TextDecoder();
    const out =
      d.decode(bytes.subarray(0, i), { stream: true }) +
      d.decode(bytes.subarray(i, j), { stream: true }) +
      d.decode(bytes.subarray(j));
    if (out !== text) ok = false;
  }
}
console.log("every split decodes whole:", ok);
const buf = new ArrayBuffer(10);
new Uint8Array(buf).set(enc.encode("xxhixx"));
console.log(new TextDecoder().decode(new DataView(buf, 2, 2)), new TextDecoder().decode(new Uint8Array(buf, 2, 2)), new TextDecoder().decode(buf).length);
console.log(new TextDecoder().decode(new Uint16Array([0x6968])));
const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
console.log(JSON.stringify(new TextDecoder().decode(bom)), JSON.stringify(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bom)));
console.log(JSON.stringify(new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62, 0xe2, 0x82]))));
const d = new TextDecoder(" UTF8 ");
console.log(d.encoding, d.fatal, d.ignoreBOM, new TextDecoder("unicode-1-1-utf-8", { fatal: 1 }).fatal);
console.log(enc.encode("\ud800x"), enc.encodeInto("héllo", new Uint8Array(3)), enc.encoding);
const partial = new TextDecoder();
partial.decode(new Uint8Array([0xe2]), { stream: true });
console.log(JSON.stringify(partial.decode()));
console.log(JSON.stringify(new TextDecoder().decode()), enc.encode().length);
const written = process.stdout.write(enc.encode("bytes through process.stdout.write ✓\n"));
console.log("write returned", written, process.stdout.write(""));
