//! Unit tests of the collector: reclamation of unreachable cycles, roots,
//! ephemerons, WeakRefs, ropes and the stress-mode poisoning.

use crate::interp::InterpState;
use crate::object::kind::ObjectKind;
use crate::object::weak::{WeakKey, WeakTable};
use crate::property::Attrs;
use crate::value::{PropertyKey, Value};
use crate::vm::{Vm, VmOptions};

fn vm(stress: bool) -> Vm {
    let opts = VmOptions {
        gc_stress: stress,
        ..VmOptions::default()
    };
    Vm::new_with_interp(opts, InterpState::new())
}

#[test]
fn unreachable_cycle_is_reclaimed() {
    let mut vm = vm(false);
    vm.collect_garbage();
    let before = vm.heap.object_count();
    let k = vm.key("next");
    let mut first = None;
    let mut prev = None;
    for _ in 0..1000 {
        let o = vm.new_plain_object();
        if let Some(p) = prev {
            vm.define_value(p, k, Value::Object(o), Attrs::ALL);
        }
        first.get_or_insert(o);
        prev = Some(o);
    }
    // Close the cycle.
    if let (Some(p), Some(f)) = (prev, first) {
        vm.define_value(p, k, Value::Object(f), Attrs::ALL);
    }
    assert_eq!(vm.heap.object_count(), before + 1000);
    vm.collect_garbage();
    assert_eq!(vm.heap.object_count(), before);
    // Freed slots are reused.
    let cap = vm.heap.objects.capacity();
    for _ in 0..1000 {
        vm.new_plain_object();
    }
    assert_eq!(vm.heap.objects.capacity(), cap);
}

#[test]
fn rooted_values_survive() {
    let mut vm = vm(false);
    let a = vm.new_plain_object();
    let b = vm.new_plain_object();
    let s = vm.new_string("kept alive through a property");
    let k = vm.key("b");
    vm.define_value(a, k, Value::Object(b), Attrs::ALL);
    let ks = vm.key("s");
    vm.define_value(b, ks, Value::String(s), Attrs::ALL);
    let base = vm.roots_len();
    vm.push_root(Value::Object(a));
    let slot = vm.add_persistent(Value::Object(b));
    vm.collect_garbage();
    vm.collect_garbage();
    assert!(vm.heap.is_live_object(a));
    let got = vm.get_prop(b, ks).unwrap();
    assert_eq!(
        vm.string_to_rust(got.as_string().unwrap()),
        "kept alive through a property"
    );
    vm.truncate_roots(base);
    vm.release_persistent(slot);
    vm.collect_garbage();
    assert!(!vm.heap.is_live_object(a));
    assert!(!vm.heap.is_live_object(b));
}

#[test]
fn weak_map_entries_are_ephemerons() {
    let mut vm = vm(false);
    let map = vm.alloc_object(ObjectKind::WeakMap(WeakTable::new()), None);
    let live_key = vm.new_plain_object();
    let dead_key = vm.new_plain_object();
    let v1 = vm.new_plain_object();
    let v2 = vm.new_plain_object();
    // v2 refers back to its own key: still collectable (an ephemeron cycle).
    let k = vm.key("k");
    vm.define_value(v2, k, Value::Object(dead_key), Attrs::ALL);
    if let ObjectKind::WeakMap(t) = &mut vm.heap.obj_mut(map).kind {
        t.set(WeakKey::Object(live_key), Value::Object(v1));
        t.set(WeakKey::Object(dead_key), Value::Object(v2));
    }
    let base = vm.roots_len();
    vm.push_root(Value::Object(map));
    vm.push_root(Value::Object(live_key));
    vm.collect_garbage();
    assert!(vm.heap.is_live_object(v1));
    assert!(!vm.heap.is_live_object(v2));
    assert!(!vm.heap.is_live_object(dead_key));
    if let ObjectKind::WeakMap(t) = &vm.heap.obj(map).kind {
        assert_eq!(t.len(), 1);
        assert!(t.has(WeakKey::Object(live_key)));
    }
    vm.truncate_roots(base);
}

#[test]
fn weak_ref_target_is_cleared() {
    let mut vm = vm(false);
    let target = vm.new_plain_object();
    let wr = vm.alloc_object(ObjectKind::WeakRef(Some(WeakKey::Object(target))), None);
    vm.push_root(Value::Object(wr));
    vm.collect_garbage();
    assert!(matches!(vm.heap.obj(wr).kind, ObjectKind::WeakRef(None)));
}

#[test]
fn flattened_rope_releases_its_parts() {
    let mut vm = vm(false);
    let mut s = vm.new_string(&"x".repeat(100));
    for _ in 0..100 {
        let p = vm.new_string(&"y".repeat(100));
        s = vm.concat_strings(s, p);
    }
    vm.push_root(Value::String(s));
    let _ = vm.heap.str(s);
    vm.collect_garbage();
    let live = vm.heap.string_count();
    assert_eq!(vm.string_len(s), 10_100);
    // The 200 intermediate strings are gone; only s and the permanent ones stay.
    let fresh = self::vm(false);
    let mut fresh = fresh;
    fresh.collect_garbage();
    assert!(live <= fresh.heap.string_count() + 1, "{live}");
}

#[test]
#[should_panic(expected = "use of collected object")]
fn stress_mode_poisons_collected_handles() {
    let mut vm = vm(true);
    let o = vm.new_plain_object();
    vm.maybe_gc();
    let _ = vm.heap.obj(o);
}

#[test]
fn sweep_frees_exactly_the_unmarked_across_bitmap_words() {
    let mut vm = vm(false);
    vm.collect_garbage();
    let before = vm.heap.object_count();
    let base = vm.roots_len();
    let mut kept = Vec::new();
    for i in 0..200 {
        let o = vm.new_plain_object();
        if i % 3 == 0 {
            vm.push_root(Value::Object(o));
            kept.push(o);
        }
    }
    // Twice: the second collection reuses the first one's tracer.
    for _ in 0..2 {
        vm.collect_garbage();
        assert_eq!(vm.heap.object_count(), before + kept.len());
        assert!(kept.iter().all(|&o| vm.heap.is_live_object(o)));
    }
    // The freed slots are handed out again, lowest first.
    let cap = vm.heap.objects.capacity();
    let a = vm.new_plain_object();
    let b = vm.new_plain_object();
    assert!(a.index() < b.index());
    assert_eq!(vm.heap.objects.capacity(), cap);
    vm.truncate_roots(base);
    vm.collect_garbage();
    assert_eq!(vm.heap.object_count(), before);
}

/// Every object pays for the largest `ObjectKind` variant and for the
/// fixed fields, so rare or large payloads live behind a pointer.
#[test]
fn objects_stay_small() {
    use crate::object::kind::{NativeFunction, ObjectKind};
    use std::mem::size_of;
    assert_eq!(size_of::<crate::object::Elements>(), 16);
    assert_eq!(size_of::<crate::object::weak::WeakTable>(), 8);
    assert!(size_of::<NativeFunction>() <= 24);
    assert!(size_of::<crate::builtins::promise::PromiseData>() <= 24);
    assert!(size_of::<ObjectKind>() <= 32);
    assert_eq!(size_of::<crate::object::Props>(), 8);
    assert!(size_of::<crate::object::Object>() <= 104);
    assert_eq!(size_of::<Option<crate::value::ObjId>>(), 4);
    // An arena slot costs no more than the object (the kind's tag has room
    // for the free and poisoned markers).
    assert_eq!(
        size_of::<super::Slot<crate::object::Object>>(),
        size_of::<crate::object::Object>()
    );
    assert!(size_of::<crate::object::Object>() <= 72 + size_of::<ObjectKind>());
}

/// A dictionary-mode object's table lives in the shape table: it keeps its
/// keys and values alive with the object and is freed (and reused) after.
#[test]
fn property_dictionaries_live_and_die_with_their_object() {
    use crate::object::Props;
    let mut vm = vm(false);
    let make = |vm: &mut Vm| {
        let o = vm.new_plain_object();
        for name in ["a", "b", "c"] {
            let k = vm.key(name);
            let s = vm.new_string(&format!("value of {name}"));
            vm.define_value(o, k, Value::String(s), Attrs::ALL);
        }
        // Deleting a property other than the newest makes a dictionary.
        let a = vm.key("a");
        let (obj, shapes) = vm.heap.objects_get_mut(o);
        assert!(obj.remove_own(shapes, a));
        match vm.heap.obj(o).props {
            Props::Dict(d) => (o, d),
            Props::Shape(_) => panic!("expected a dictionary-mode object"),
        }
    };
    let (o, d) = make(&mut vm);
    let base = vm.roots_len();
    vm.push_root(Value::Object(o));
    vm.collect_garbage();
    let c = vm.key("c");
    let got = vm.get_prop(o, c).unwrap();
    assert_eq!(vm.string_to_rust(got.as_string().unwrap()), "value of c");
    vm.truncate_roots(base);
    vm.collect_garbage();
    assert!(!vm.heap.is_live_object(o));
    let (_, again) = make(&mut vm);
    assert_eq!(again, d, "the freed dictionary is reused");
}

/// Register copies that can no longer be read do not keep values alive: the
/// destination of the call a frame waits in, and the saved registers of a
/// coroutine whose frame is running. Each loop turn's `make()` result was
/// kept alive through the next turn's `make()` by both.
#[test]
fn dead_register_copies_do_not_retain() {
    use crate::builtins::support::testing::{path, text};
    let mut vm = vm(true);
    let src = "
        var log = [];
        var refs = [];
        function make(i) {
            var o = { i };
            refs.push(new WeakRef(o));
            // A collection runs at this allocation (stress mode).
            var filler = [{}, {}];
            if (i > 0) log.push(refs[i - 1].deref() === undefined);
            return o;
        }
        async function consume(x) { await null; return x.i; }
        async function run() {
            for (let i = 0; i < 3; i++) log.push(await consume(make(i)));
        }
        run();
    ";
    vm.eval_script(src, "test.js").expect("script runs");
    vm.run_jobs().expect("jobs run");
    let log = path(&mut vm, "log");
    assert_eq!(text(&mut vm, log), "0,true,1,true,2");
}

#[test]
fn minor_collections_keep_young_objects_stored_in_old_ones() {
    let mut vm = vm(false);
    let old = vm.new_plain_object();
    let base = vm.roots_len();
    vm.push_root(Value::Object(old));
    vm.collect_garbage();
    // `old` is old now; a young object reachable only through it must
    // survive minor collections (the write barrier remembers `old`), both
    // the one that keeps survivors young and the one that promotes them.
    let young = vm.new_plain_object();
    let k = vm.key("young");
    vm.define_value(old, k, Value::Object(young), Attrs::ALL);
    let garbage = vm.new_plain_object();
    vm.gc_collect(false);
    vm.gc_collect(false);
    vm.gc_collect(false);
    assert!(vm.heap.is_live_object(young));
    assert!(!vm.heap.is_live_object(garbage));
    assert!(matches!(vm.get_prop(old, k).unwrap(), Value::Object(o) if o == young));
    // Once dropped, a promoted object is found by the next full collection.
    vm.define_value(old, k, Value::Undefined, Attrs::ALL);
    vm.gc_collect(false);
    assert!(vm.heap.is_live_object(young));
    vm.collect_garbage();
    assert!(!vm.heap.is_live_object(young));
    vm.truncate_roots(base);
}

#[test]
fn only_stores_that_may_make_an_old_to_young_reference_are_remembered() {
    let mut vm = vm(false);
    let old = vm.new_plain_object();
    let other_old = vm.new_plain_object();
    let base = vm.roots_len();
    vm.push_root(Value::Object(old));
    vm.push_root(Value::Object(other_old));
    vm.collect_garbage();
    // Neither a number nor an old object needs the barrier...
    assert!(vm.set_element_fast(old, 0, Value::Number(1.0)));
    assert!(vm.set_element_fast(old, 1, Value::Object(other_old)));
    assert!(vm.set_element_fast(old, 0, Value::Number(2.0)));
    assert!(vm.heap.objects.remembered.is_empty());
    // ...a young object does, and survives minor collections through it.
    let young = vm.new_plain_object();
    assert!(vm.set_element_fast(old, 0, Value::Object(young)));
    assert_eq!(vm.heap.objects.remembered, [old.index()]);
    vm.gc_collect(false);
    vm.gc_collect(false);
    vm.gc_collect(false);
    assert!(vm.heap.is_live_object(young));
    assert!(matches!(vm.get_element_fast(old, 0), Some(Value::Object(o)) if o == young));
    vm.truncate_roots(base);
}

#[test]
fn a_dead_prototype_stales_the_caches_relying_on_it() {
    // A property cache entry for receivers whose prototype is `p` must not
    // answer for a new object that took `p`'s id after `p` died.
    let mut vm = vm(false);
    let run = |vm: &mut Vm, src: &str| match vm.eval_script(src, "test.js") {
        Ok(v) => v,
        Err(_) => panic!("script threw: {src}"),
    };
    run(
        &mut vm,
        "var p = { m: 1 }; function f(o) { return o.m; } f(Object.create(p)); f(Object.create(p));",
    );
    let Value::Object(dead) = run(&mut vm, "p") else {
        panic!("p is an object");
    };
    run(&mut vm, "p = null;");
    vm.collect_garbage();
    assert!(!vm.heap.is_live_object(dead));
    // Objects of another shape (`m` in the second slot) until one reuses
    // the dead prototype's id.
    let Value::Object(qs) = run(
        &mut vm,
        "var qs = []; for (var i = 0; i < 1000; i++) qs.push({ x: 0, m: 2 }); qs",
    ) else {
        panic!("qs is an array");
    };
    let reused = (0..1000).find(
        |&i| matches!(vm.get_prop(qs, PropertyKey::Index(i)), Ok(Value::Object(o)) if o == dead),
    );
    let Some(i) = reused else {
        panic!("no new object took the dead prototype's id");
    };
    let got = run(&mut vm, &format!("f(Object.create(qs[{i}]))"));
    assert!(matches!(got, Value::Number(n) if n == 2.0));
}
