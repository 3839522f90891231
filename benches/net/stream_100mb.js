// Streams a large UTF-8 body through `for await` and TextDecoder and
// reports the throughput. Usage: ENGINE stream_100mb.js URL
const url = process.argv[2];

async function main() {
  const start = performance.now();
  const res = await fetch(url);
  const decoder = new TextDecoder();
  let bytes = 0;
  let chars = 0;
  let chunks = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    chunks++;
    chars += decoder.decode(chunk, { stream: true }).length;
  }
  chars += decoder.decode().length;
  const seconds = (performance.now() - start) / 1000;
  const mbPerSec = bytes / 1e6 / seconds;
  console.log(JSON.stringify({ bytes, chars, chunks, seconds: +seconds.toFixed(3), mbPerSec: +mbPerSec.toFixed(1) }));
}
main();
