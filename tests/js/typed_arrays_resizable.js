// Resizable ArrayBuffers, length-tracking views, growable
// SharedArrayBuffers, transfer / transferToFixedLength and detached buffers.
// Expected output from node 20 with `--harmony-rab-gsab-transfer` (the flag
// only enables ArrayBuffer.prototype.transfer; newer nodes need no flag).

function show(ta) {
  return ta.constructor.name + '(' + ta.length + ') [' + Array.from(ta).join(', ') + ']';
}
function attempt(label, f) {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, e.constructor.name);
  }
}

// --- Resizing and length tracking ---------------------------------------
const rab = new ArrayBuffer(4, { maxByteLength: 12 });
console.log(rab.resizable, rab.byteLength, rab.maxByteLength);
const tracking = new Uint16Array(rab);
const fixed = new Uint16Array(rab, 0, 2);
const offset = new Uint8Array(rab, 2);
tracking.set([1, 2]);
console.log(show(tracking), show(fixed), show(offset));
rab.resize(10);
tracking[4] = 5;
console.log(show(tracking), show(fixed), show(offset), tracking.byteLength);
rab.resize(3);
console.log(show(tracking), fixed.length, fixed.byteLength, fixed.byteOffset, show(offset));
attempt('fixed view out of bounds:', () => fixed.fill(1));
attempt('read oob:', () => fixed[0]);
attempt('in oob:', () => 0 in fixed);
rab.resize(1);
console.log(show(tracking), offset.length, offset.byteOffset);
rab.resize(6);
console.log(show(tracking), show(fixed), show(offset));
attempt('too big:', () => rab.resize(13));
attempt('fixed resize:', () => new ArrayBuffer(1).resize(1));
attempt('max < length:', () => new ArrayBuffer(4, { maxByteLength: 2 }));
console.log(new ArrayBuffer(2).resizable, new ArrayBuffer(2).maxByteLength);

// Iteration sees the buffer grow.
const grow = new ArrayBuffer(2, { maxByteLength: 4 });
const g8 = new Uint8Array(grow);
const seen = [];
for (const v of g8) {
  seen.push(v);
  if (grow.byteLength < 4) grow.resize(4);
}
console.log(seen.length);

// A DataView tracks too.
const dvBuf = new ArrayBuffer(4, { maxByteLength: 8 });
const dv = new DataView(dvBuf);
const dvFixed = new DataView(dvBuf, 2, 2);
console.log(dv.byteLength, dvFixed.byteLength);
dvBuf.resize(8);
dv.setUint32(4, 7);
console.log(dv.byteLength, dv.getUint32(4));
dvBuf.resize(3);
attempt('dataview oob:', () => dvFixed.byteLength);
attempt('dataview get:', () => dvFixed.getUint8(0));
console.log(dv.byteLength);

// --- SharedArrayBuffer ---------------------------------------------------
const sab = new SharedArrayBuffer(2, { maxByteLength: 8 });
const s8 = new Uint8Array(sab);
console.log(sab.growable, sab.byteLength, sab.maxByteLength, s8.length);
sab.grow(6);
console.log(sab.byteLength, s8.length);
attempt('shrink:', () => sab.grow(1));
console.log(Object.prototype.toString.call(sab), sab.slice(1, 3).byteLength);
attempt('wrong this:', () => ArrayBuffer.prototype.slice.call(sab));

// --- transfer and detached buffers ---------------------------------------
const src = new ArrayBuffer(4, { maxByteLength: 16 });
const srcView = new Uint8Array(src);
srcView.set([1, 2, 3, 4]);
const moved = src.transfer(6);
console.log(src.detached, src.byteLength, moved.byteLength, moved.resizable, moved.maxByteLength);
console.log(show(new Uint8Array(moved)), srcView.length, srcView[0], srcView.byteOffset);
attempt('detached method:', () => srcView.map(x => x));
attempt('detached slice:', () => src.slice(0));
attempt('detached transfer:', () => src.transfer());
attempt('detached view:', () => new Uint8Array(src));
const fixedCopy = moved.transferToFixedLength();
console.log(moved.detached, fixedCopy.resizable, fixedCopy.byteLength);
const shrunk = fixedCopy.transfer(2);
console.log(show(new Uint8Array(shrunk)), fixedCopy.byteLength);
srcView[0] = 9;
console.log(srcView[0], Object.keys(srcView).length, delete srcView[0]);
