// Typed arrays, ArrayBuffer and DataView: construction, element conversion,
// the integer-indexed exotic behaviour, the %TypedArray%.prototype methods,
// subclassing and species, and a few small programs built on them.

function show(ta) {
  return ta.constructor.name + '(' + ta.length + ') [' + Array.from(ta).join(', ') + ']';
}

// --- Construction -------------------------------------------------------
console.log(show(new Uint8Array(4)));
console.log(show(new Int16Array([1, -2, 70000])));
console.log(show(new Float32Array(new Set([0.1, 2.5]))));
console.log(show(new Uint16Array({ length: 3, 0: 7, 2: 9 })));
console.log(show(new Int32Array(new Uint8Array([250, 251]))));
const shared = new ArrayBuffer(16);
const bytes = new Uint8Array(shared);
const words = new Uint32Array(shared, 4, 2);
words[0] = 0xdeadbeef;
console.log(show(bytes), words.byteOffset, words.byteLength);
console.log(Uint8Array.BYTES_PER_ELEMENT, Float64Array.BYTES_PER_ELEMENT,
  new Int16Array(0).BYTES_PER_ELEMENT);
for (const bad of [() => new Uint8Array(-1), () => new Int32Array(shared, 3),
                   () => new Float64Array(shared, 8, 2), () => Uint8Array(2)]) {
  try { bad(); } catch (e) { console.log(e.constructor.name); }
}

// --- Conversions --------------------------------------------------------
console.log(show(new Int8Array([127, 128, -129, 255.9, NaN, Infinity])));
console.log(show(new Uint8Array([-1, 256, 1.9, '12', true])));
console.log(show(new Uint8ClampedArray([-5, 0.5, 1.5, 2.5, 254.5, 300, NaN])));
console.log(show(new Uint32Array([-1, 2 ** 32 + 5, 2 ** 31])));
console.log(show(new Float32Array([0.1, 1e40, -0, 16777217])));
const f64 = new Float64Array([-0]);
console.log(Object.is(f64[0], -0), 1 / new Float32Array([-0])[0]);

// --- Exotic element access ---------------------------------------------
const ta = new Int16Array([10, 20, 30]);
console.log(ta[1], ta['2'], ta[3], ta[-1], ta['1.5'], ta['-0']);
ta[5] = 99;
ta['-0'] = 5;
ta.foo = 'bar';
console.log(Object.keys(ta), ta.foo, ta[5], '5' in ta, 1 in ta, '-0' in ta);
console.log(Object.getOwnPropertyDescriptor(ta, 0));
console.log(delete ta[0], delete ta[7], Object.getOwnPropertyNames(ta));
console.log(Reflect.defineProperty(ta, 0, { value: 11 }), ta[0]);
console.log(Reflect.defineProperty(ta, 0, { value: 1, writable: false }));
console.log(Reflect.defineProperty(ta, 0, { get() { return 1; } }));
console.log(Reflect.defineProperty(ta, 9, { value: 1 }));
console.log(Object.isExtensible(ta), Object.isFrozen(new Uint8Array(0)));
const child = Object.create(ta);
child[1] = 77;
console.log(ta[1], Object.keys(child), child[1]);
child[10] = 5;
console.log(Object.keys(child));
let i8 = new Int8Array(2);
i8[0] = { valueOf() { return 300; } };
console.log(i8[0]);

// --- Prototype methods --------------------------------------------------
const nums = new Float64Array([3, 1, NaN, -0, 0, 2, -5]);
console.log(show(nums.slice().sort()));
console.log(show(nums.filter(x => x === x).toSorted((a, b) => b - a)));
console.log(nums.indexOf(0), nums.lastIndexOf(0), nums.includes(NaN), nums.indexOf(NaN));
console.log(nums.join('|'), nums.at(-1), nums.at(10));
console.log(nums.find(x => x > 1), nums.findIndex(x => x < 0), nums.findLast(x => x > 1),
  nums.findLastIndex(x => x > 100));
console.log(nums.every(x => typeof x === 'number'), nums.some(x => x > 2));
console.log(nums.reduce((a, b) => a + (b || 0), 0), nums.reduceRight((a, b) => a + ',' + b));
console.log(show(nums.filter(x => x > 0)), show(nums.map(x => x * 2)));
console.log(show(new Int8Array([1, 2, 3, 4, 5]).copyWithin(0, 3)));
console.log(show(new Int8Array([1, 2, 3, 4, 5]).copyWithin(1, 0, 3)));
console.log(show(new Uint8Array(5).fill(7, 1, -1)));
console.log(show(new Uint8Array([1, 2, 3]).reverse()), show(new Uint8Array([1, 2, 3]).toReversed()));
console.log(show(new Uint8Array([1, 2, 3]).with(-1, 9)));
const target = new Uint8Array(6);
target.set([1, 2]);
target.set(new Float64Array([3.7, 300]), 2);
target.set(target.subarray(0, 2), 4);
console.log(show(target));
try { target.set([1, 2, 3], 5); } catch (e) { console.log(e.name); }
const sub = target.subarray(1, 4);
sub[0] = 42;
console.log(show(sub), target[1], sub.byteOffset, sub.buffer === target.buffer);
console.log([...new Uint8Array([5, 6]).entries()].join(' '), [...new Uint8Array(3).keys()].join());
console.log(new Uint8Array([1, 2]).toString(), new Float32Array([1.5]).toLocaleString());
console.log(Int8Array.from([1, 2, 3], x => x * 10).join(), Uint16Array.of(1, 2, 3).join());
console.log(Object.prototype.toString.call(new Uint8ClampedArray(0)),
  new Uint8Array(0)[Symbol.toStringTag], Uint8Array.prototype[Symbol.toStringTag]);
console.log(Uint8Array.prototype.toString === Array.prototype.toString,
  Uint8Array.prototype.values === Uint8Array.prototype[Symbol.iterator]);
const TypedArray = Object.getPrototypeOf(Int8Array);
console.log(TypedArray.name, TypedArray.length, Object.getPrototypeOf(Int8Array.prototype) === TypedArray.prototype);
try { new TypedArray(); } catch (e) { console.log(e.constructor.name); }
try { TypedArray.prototype.map.call([1], x => x); } catch (e) { console.log(e.constructor.name); }

// --- Subclassing and species -------------------------------------------
class Pixels extends Uint8ClampedArray {
  brightness() { return this.reduce((a, b) => a + b, 0) / this.length; }
}
const px = new Pixels([10, 20, 300]);
const half = px.map(v => v / 2);
console.log(half instanceof Pixels, show(half), px.brightness().toFixed(2));
class Plain extends Int16Array { static get [Symbol.species]() { return Int16Array; } }
const p = new Plain([1, 2, 3]);
console.log(p.filter(x => x > 1).constructor.name, p.slice(1).constructor.name,
  p.subarray(1).constructor.name, p.toReversed().constructor.name);

// --- ArrayBuffer and DataView -------------------------------------------
const buf = new ArrayBuffer(12);
const dv = new DataView(buf, 2);
dv.setInt16(0, -2);
dv.setFloat32(2, 1.5, true);
dv.setUint32(6, 0x01020304);
console.log(show(new Uint8Array(buf)));
console.log(dv.getInt16(0), dv.getUint16(0), dv.getFloat32(2, true), dv.getUint8(6),
  dv.getUint32(6, true).toString(16), dv.byteLength, dv.byteOffset);
try { dv.getFloat64(4); } catch (e) { console.log(e.constructor.name); }
try { new DataView(buf, 13); } catch (e) { console.log(e.constructor.name); }
console.log(ArrayBuffer.isView(dv), ArrayBuffer.isView(bytes), ArrayBuffer.isView(buf));
const copy = buf.slice(2, 6);
console.log(copy.byteLength, show(new Uint8Array(copy)), buf.slice(-2).byteLength);
try { new ArrayBuffer(2 ** 40); } catch (e) { console.log(e.constructor.name, e.message); }
try { new ArrayBuffer(-1); } catch (e) { console.log(e.constructor.name); }

// --- Small programs -----------------------------------------------------
// CRC-32 with a precomputed Uint32Array table.
const crcTable = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  crcTable[n] = c;
}
function crc32(data) {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
const text = Uint8Array.from('The quick brown fox jumps over the lazy dog', c => c.charCodeAt(0));
console.log(crc32(text).toString(16));

// A sieve of Eratosthenes over a byte array.
const sieve = new Uint8Array(100).fill(1);
sieve[0] = sieve[1] = 0;
for (let i = 2; i * i < 100; i++) if (sieve[i]) for (let j = i * i; j < 100; j += i) sieve[j] = 0;
console.log(sieve.reduce((acc, v, i) => (v ? acc.concat(i) : acc), []).join(' '));

// Float bits through aliasing views.
const bits = new Float64Array(1);
const halves = new Uint32Array(bits.buffer);
bits[0] = 1;
console.log(halves[1].toString(16), halves[0]);
bits[0] = -Infinity;
console.log(halves[1].toString(16));

// A tiny 3x3 box blur on a grey image.
const W = 4, H = 3;
const img = Uint8ClampedArray.from({ length: W * H }, (_, i) => (i * 37) % 256);
const out = new Uint8ClampedArray(W * H);
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    let sum = 0, count = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < H && xx >= 0 && xx < W) { sum += img[yy * W + xx]; count++; }
      }
    }
    out[y * W + x] = sum / count;
  }
}
console.log(show(out));
