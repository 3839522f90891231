// console.log of TypedArrays, ArrayBuffers and DataViews as Node shows them.
const u = new Uint8Array([1, 2, 3]);
console.log(u, new Float64Array(2), new ArrayBuffer(4), new DataView(new ArrayBuffer(2)), [new Int16Array(0)], u.buffer);
console.log(new Uint8Array(10), new Int32Array([-1, 100000, 7, 8, 9, 10, 11]), new Float32Array([0.5, -0, NaN]));
console.log(new Uint8Array(150), new ArrayBuffer(120));
const t = new Uint16Array([1, 2]); t.extra = "x"; console.log(t, { nested: { deeper: new Uint8Array([5]) } });
console.log("%o", new Uint8Array([1, 2]));
console.log("%o", new ArrayBuffer(2));
console.log(new Uint8Array(new ArrayBuffer(8), 2, 3), new Uint8ClampedArray([300, -5]));
class MyBytes extends Uint8Array {}
console.log(new MyBytes(2), Object.create(Uint8Array.prototype) instanceof Uint8Array);
const ab = new ArrayBuffer(8); const dv = new DataView(ab, 2, 4); console.log(dv);
