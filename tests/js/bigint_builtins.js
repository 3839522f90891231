// The BigInt constructor and prototype (21.2), wrapper objects, JSON,
// BigInt64Array / BigUint64Array, DataView and Atomics with BigInts.
console.log(BigInt(42), BigInt("0x10"), BigInt("  -12  "), BigInt(true), BigInt(""), BigInt(1e21));
console.log(BigInt.asIntN(8, 255n), BigInt.asUintN(8, -1n), BigInt.asIntN(64, 2n ** 63n), BigInt.asUintN(64, -1n));
console.log(BigInt.asIntN(0, 5n), BigInt.asUintN(65, -1n));
console.log((1234567n).toLocaleString(), (-1000n).toLocaleString(), (0n).toLocaleString());
console.log(Object.prototype.toString.call(1n), typeof BigInt.prototype.valueOf.call(Object(7n)));
const w = Object(5n);
console.log(w, typeof w, w + 1n, w == 5n, w === 5n);
BigInt.prototype.toJSON = function () { return this.toString() + "n"; };
console.log(JSON.stringify({ a: 1n, b: [2n, Object(3n)] }));
delete BigInt.prototype.toJSON;

const a = new BigInt64Array([1n, -1n, 2n ** 63n, 2n ** 64n + 5n]);
console.log(a, a.length, a[2], a.includes(-1n), a.indexOf(5n), a.join("|"));
const u = new BigUint64Array(a.buffer);
console.log(u, u[1]);
a.sort();
console.log(a, Array.from(a.map((x) => x * 2n)));
a.fill(7n, 1, 3);
console.log(a, a.reverse(), a.toSorted((x, y) => (x < y ? 1 : -1)));
try { a[0] = 1; } catch (e) { console.log(e.constructor.name); }
try { new BigInt64Array([1]); } catch (e) { console.log(e.constructor.name); }
try { a.set(new Int8Array(1)); } catch (e) { console.log(e.constructor.name); }
try { new Int8Array(a); } catch (e) { console.log(e.constructor.name); }
const dv = new DataView(new ArrayBuffer(16));
dv.setBigInt64(0, -2n);
dv.setBigUint64(8, 2n ** 64n - 1n, true);
console.log(dv.getBigInt64(0), dv.getBigUint64(0), dv.getBigInt64(8, true), dv.getUint8(7));

const sab = new SharedArrayBuffer(16);
const i32 = new Int32Array(sab);
console.log(Atomics.add(i32, 0, 5), Atomics.sub(i32, 0, 2), Atomics.load(i32, 0));
console.log(Atomics.compareExchange(i32, 0, 3, 10), Atomics.exchange(i32, 0, -1), Atomics.load(i32, 0));
console.log(Atomics.and(i32, 1, 0), Atomics.or(i32, 1, 6), Atomics.xor(i32, 1, 3), Atomics.store(i32, 1, -0));
const b64 = new BigInt64Array(sab);
console.log(Atomics.add(b64, 1, 2n ** 64n + 3n), Atomics.load(b64, 1), Atomics.isLockFree(4));
console.log(Atomics.wait(i32, 0, 0), Atomics.wait(i32, 0, -1, 10), Atomics.notify(i32, 0));
const w32 = new Int32Array(new SharedArrayBuffer(8));
const r = Atomics.waitAsync(w32, 1, 0);
console.log(r.async, r.value instanceof Promise, Atomics.waitAsync(w32, 1, 5).value);
r.value.then((v) => console.log("waitAsync:", v));
console.log("notified", Atomics.notify(w32, 1, 1), Atomics.notify(w32, 1));
try { Atomics.wait(new Int32Array(4), 0, 0, 0); } catch (e) { console.log(e.constructor.name); }
try { Atomics.add(new Float64Array(1), 0, 1); } catch (e) { console.log(e.constructor.name); }
try { Atomics.load(i32, 4); } catch (e) { console.log(e.constructor.name); }
console.log(Object.prototype.toString.call(Atomics), 2n ** 64n);
