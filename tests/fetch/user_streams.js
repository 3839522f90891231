// new ReadableStream({ start, pull, cancel }) with the default controller
// and reader.
async function all(stream) {
  const out = [];
  for await (const v of stream) out.push(v);
  return out;
}

async function main() {
  let pulls = 0;
  const rs = new ReadableStream(
    {
      start(c) {
        console.log("start: desiredSize", c.desiredSize);
        c.enqueue(1);
        console.log("after enqueue:", c.desiredSize);
      },
      pull(c) {
        pulls++;
        if (pulls <= 3) c.enqueue(pulls * 10);
        else c.close();
      },
    },
    { highWaterMark: 2 },
  );
  console.log(await all(rs), pulls, rs.locked);

  const failing = new ReadableStream({
    pull(c) {
      c.error(new Error("boom"));
    },
  });
  try {
    await all(failing);
  } catch (e) {
    console.log("caught", e.message);
  }

  const endless = new ReadableStream({
    pull(c) {
      c.enqueue("x");
    },
    cancel(reason) {
      console.log("cancelled with", reason);
    },
  });
  for await (const v of endless) break;
  console.log("locked after break:", endless.locked);

  const single = new ReadableStream({
    start(c) {
      c.enqueue("a");
      c.close();
    },
  });
  const reader = single.getReader();
  console.log(await reader.read(), await reader.read(), single.locked);
  try {
    single.getReader();
  } catch (e) {
    console.log("second reader:", e.name, e.code);
  }
  reader.releaseLock();
  console.log("locked after release:", single.locked);
  await reader.closed.catch((e) => console.log("closed rejects after release:", e.name));

  const [t1, t2] = new ReadableStream({
    start(c) {
      c.enqueue("p");
      c.enqueue("q");
      c.close();
    },
  }).tee();
  console.log(await all(t1), await all(t2));

  new ReadableStream({
    start(c) {
      c.close();
      try {
        c.enqueue(1);
      } catch (e) {
        console.log("enqueue after close:", e.name, e.code);
      }
    },
  });

  const body = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode("from "));
      c.enqueue(new TextEncoder().encode("a stream"));
      c.close();
    },
  });
  console.log(await new Response(body).text());
  const notBytes = new ReadableStream({
    start(c) {
      c.enqueue("text");
      c.close();
    },
  });
  await new Response(notBytes).text().catch((e) => console.log("non-bytes chunk:", e.name));
  console.log(
    new CountQueuingStrategy({ highWaterMark: 3 }).highWaterMark,
    new ByteLengthQueuingStrategy({ highWaterMark: 8 }).size(new Uint8Array(5)),
  );
  const sized = new ReadableStream(
    {
      start(c) {
        c.enqueue("abc");
        console.log("desiredSize with a size():", c.desiredSize);
      },
    },
    { highWaterMark: 10, size: (chunk) => chunk.length },
  );
  console.log(sized.locked, Object.prototype.toString.call(sized));
}
main();
