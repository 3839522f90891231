// console.log of the Web API objects (Node's custom inspectors).
console.log(new TextDecoder(), new TextEncoder());
console.log(new ReadableStream());
console.log(new AbortController(), AbortSignal.abort().aborted);
console.log(new Headers([["b", "1"], ["a", "2"], ["b", "3"]]));
console.log(new URL("http://user:pw@a.test:8080/x/y?q=1&r=two#frag"));
console.log(new URLSearchParams("a=1&b=%20x"), new URLSearchParams());
console.log(new Request("http://a.test/", { method: "POST", body: "x", headers: { "x-k": "v" } }));
console.log(new Response(null, { status: 204, headers: { "x-r": "1" } }));
console.log([new AbortController().signal], { nested: { deeper: new Headers({ a: "1" }) } });
