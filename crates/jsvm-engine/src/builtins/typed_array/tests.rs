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
