//! Unit tests for TypedArrays, ArrayBuffer and DataView run as scripts, plus
//! the host detach hook.

use crate::builtins::support::testing::{path, text, vm};
use crate::vm::Vm;

/// Runs `src` and returns String(result), where the script's completion
/// value is the result.
fn run(vm: &mut Vm, src: &str) -> String {
    match vm.eval_script(src, "test.js") {
        Ok(v) => text(vm, v),
        Err(e) => format!("error: {e:?}"),
    }
}

fn check(src: &str, expected: &str) {
    let mut vm = vm();
    assert_eq!(run(&mut vm, src), expected, "for {src}");
}

#[test]
fn canonical_numeric_keys_never_reach_storage() {
    check(
        "var t = new Uint8Array(2); t['-0'] = 1; t['1.5'] = 2; t.Infinity = 3; t.NaN = 4; \
         t['1e+21'] = 5; t['01'] = 6; \
         [Object.keys(t).join(), t['01'], t['-0'], 'Infinity' in t].join('/')",
        "0,1,01/6//false",
    );
}

#[test]
fn prototype_chain_does_not_see_element_keys() {
    check(
        "Object.prototype[5] = 'proto'; Object.prototype['-1'] = 'neg'; \
         var t = new Int8Array(2); [t[5], t[-1], t[1]].join()",
        ",,0",
    );
}

#[test]
fn set_through_prototype_chain_creates_on_receiver() {
    check(
        "var t = new Int8Array([1, 2]); var o = Object.create(t); o[0] = 9; o[7] = 1; \
         [t[0], Object.keys(o).join(':'), o[0]].join()",
        "1,0,9",
    );
}

#[test]
fn huge_allocations_throw_range_errors() {
    check(
        "var r = []; \
         for (var f of [() => new ArrayBuffer(2 ** 40), () => new Float64Array(2 ** 33), \
                        () => new ArrayBuffer(0, { maxByteLength: 2 ** 50 }), \
                        () => new SharedArrayBuffer(2 ** 45)]) \
           try { f(); r.push('ok'); } catch (e) { r.push(e.name); } r.join()",
        "RangeError,RangeError,RangeError,RangeError",
    );
}

#[test]
fn host_detach_hook_detaches_and_refuses_other_values() {
    let mut vm = vm();
    run(
        &mut vm,
        "var b = new ArrayBuffer(8); var v = new Int32Array(b); v[0] = 5;",
    );
    let b = path(&mut vm, "b");
    assert!(vm.detach_array_buffer(b).is_ok());
    assert_eq!(
        run(
            &mut vm,
            "[b.detached, b.byteLength, v.length, v[0], 0 in v].join()"
        ),
        "true,0,0,,false"
    );
    let v = path(&mut vm, "v");
    assert!(vm.detach_array_buffer(v).is_err());
    run(&mut vm, "var s = new SharedArrayBuffer(1);");
    let s = path(&mut vm, "s");
    assert!(vm.detach_array_buffer(s).is_err());
}

#[test]
fn float16_round_trips_through_dataview() {
    check(
        "var d = new DataView(new ArrayBuffer(2)); d.setFloat16(0, 1.0009765625); \
         var a = d.getFloat16(0); d.setFloat16(0, 65520); \
         [a, d.getFloat16(0), new Float16Array([0.1])[0]].join()",
        "1.0009765625,Infinity,0.0999755859375",
    );
}

#[test]
fn species_results_are_validated() {
    check(
        "class T extends Uint8Array { static get [Symbol.species]() { \
           return function () { return new Uint8Array(1); }; } } \
         try { new T(4).map(x => x); 'no' } catch (e) { e.name }",
        "TypeError",
    );
}

#[test]
fn transfer_to_immutable_detaches_and_freezes_the_bytes() {
    check(
        "var a = new Uint8Array([1, 2, 3]); var b = a.buffer.transferToImmutable(5); \
         var v = new Uint8Array(b); \
         [a.buffer.detached, b.immutable, b.resizable, b.byteLength, b.maxByteLength, \
          Array.from(v).join(':')].join()",
        "true,true,false,5,5,1:2:3:0:0",
    );
}

#[test]
fn slice_to_immutable_copies_and_checks_bounds_late() {
    check(
        "var b = new ArrayBuffer(6, { maxByteLength: 6 }); var u = new Uint8Array(b); \
         for (var i = 0; i < 6; i++) u[i] = i + 1; \
         var s = b.sliceToImmutable(-4, -1); u[2] = 99; \
         var r; try { b.sliceToImmutable(0, { valueOf() { b.resize(2); return 4; } }); } \
         catch (e) { r = e.name; } \
         [Array.from(new Uint8Array(s)).join(':'), s.immutable, b.immutable, r].join()",
        "3:4:5,true,false,RangeError",
    );
}

#[test]
fn immutable_buffers_refuse_resize_transfer_and_detach() {
    let mut vm = vm();
    run(&mut vm, "var b = new ArrayBuffer(4).transferToImmutable();");
    let b = path(&mut vm, "b");
    assert!(vm.detach_array_buffer(b).is_err());
    assert_eq!(
        run(
            &mut vm,
            "var r = []; for (var m of ['resize', 'transfer', 'transferToFixedLength', \
             'transferToImmutable']) try { b[m](1); r.push('ok'); } catch (e) { r.push(e.name); } \
             r.concat(b.detached, b.byteLength).join()"
        ),
        "TypeError,TypeError,TypeError,TypeError,false,4"
    );
}

#[test]
fn views_of_immutable_buffers_do_not_write() {
    check(
        "var t = new Int16Array(new Int16Array([1, 2]).buffer.transferToImmutable()); \
         t[0] = 7; var strict = (function () { 'use strict'; \
           try { t[1] = 7; return 'no'; } catch (e) { return e.name; } })(); \
         var d = Object.getOwnPropertyDescriptor(t, '0'); \
         var r = [t[0], t[1], strict, d.writable, d.configurable, Reflect.set(t, '5', 1), \
                  Reflect.defineProperty(t, '0', { value: 1 }), \
                  Reflect.defineProperty(t, '0', { value: 2 }), Object.isFrozen(Object.freeze(t))]; \
         for (var f of [() => t.fill(0), () => t.set([0]), () => t.reverse(), () => t.sort(), \
                        () => t.copyWithin(0, 1), () => Atomics.store(t, 0, 0), \
                        () => new DataView(t.buffer).setInt8(0, 0)]) \
           try { f(); r.push('ok'); } catch (e) { r.push(e.name); } \
         r.concat(Array.from(t)).join()",
        "1,2,TypeError,false,false,false,true,false,true,\
         TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,1,2",
    );
}

#[test]
fn species_results_must_be_writable() {
    check(
        "var frozen = new Uint8Array(new ArrayBuffer(2).transferToImmutable()); \
         class T extends Uint8Array { static get [Symbol.species]() { \
           return function () { return frozen; }; } } \
         var r = []; for (var f of [() => new T(2).map(x => x), () => new T(2).slice(), \
                                    () => new T(2).subarray().length, \
                                    () => Uint8Array.from.call(function () { return frozen; }, [1])]) \
           try { r.push(f()); } catch (e) { r.push(e.name); } r.join()",
        "TypeError,TypeError,2,TypeError",
    );
}

#[test]
fn base64_and_hex_methods() {
    check(
        "var t = new Uint8Array(4); var r = t.setFromBase64('Zm9v'); \
         [Uint8Array.fromBase64('Zm9vYg').toBase64(), t.toHex(), r.read, r.written, \
          Uint8Array.fromHex('ff00').toBase64({ alphabet: 'base64url', omitPadding: true }), \
          t.setFromHex('0102').written, t.toHex()].join()",
        "Zm9vYg==,666f6f00,4,3,_wA,2,01026f00",
    );
}
