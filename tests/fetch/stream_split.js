// Chunked streaming with multi-byte characters split across chunks.
// Usage: jsvm stream_split.js BASE_URL
const base = process.argv[2];

async function main() {
  const res = await fetch(`${base}/stream`);
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  let bytes = 0;
  let allUint8 = true;
  for await (const chunk of res.body) {
    chunks++;
    bytes += chunk.length;
    allUint8 = allUint8 && chunk instanceof Uint8Array;
    text += decoder.decode(chunk, { stream: true });
  }
  text += decoder.decode();
  console.log(text.trimEnd());
  console.log(bytes, "bytes; several chunks:", chunks > 1, "; all Uint8Array:", allUint8, "; used:", res.bodyUsed);

  const res2 = await fetch(`${base}/stream`);
  const reader = res2.body.getReader();
  const parts = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  console.log("locked while the reader holds it:", res2.body.locked);
  reader.releaseLock();
  console.log("locked after releaseLock:", res2.body.locked);
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  console.log("same text:", new TextDecoder().decode(joined) === text);

  const whole = await (await fetch(`${base}/stream`)).text();
  console.log("text() length:", whole.length, whole === text);
  const buffer = await (await fetch(`${base}/stream`)).arrayBuffer();
  console.log("arrayBuffer() bytes:", buffer.byteLength, buffer instanceof ArrayBuffer);
  const view = await (await fetch(`${base}/stream`)).bytes();
  console.log("bytes():", view.constructor.name, view.length);
}
main();
