//! Unit tests for the promise built-ins, the job order they produce, the
//! rejection tracker and the Rust promise API.

use super::*;
use crate::builtins::support::testing::{n, path, text, vm};

/// Runs `src`, drains the job queue, and returns `String(log)` where the
/// script keeps `var log = []`.
fn run(vm: &mut Vm, src: &str) -> String {
    let full = format!("var log = []; function L(x) {{ log.push(x); }}\n{src}");
    vm.eval_script(&full, "test.js").expect("script runs");
    vm.run_jobs().expect("jobs run");
    let v = path(vm, "log");
    text(vm, v)
}

fn check(src: &str, expected: &str) {
    let mut vm = vm();
    assert_eq!(run(&mut vm, src), expected, "for {src}");
}

#[test]
fn then_order_and_values() {
    check(
        "Promise.resolve(1).then(v => L('a' + v)); L('sync'); \
         Promise.resolve(2).then(v => { L('b' + v); return v + 1; }).then(v => L('c' + v));",
        "sync,a1,b2,c3",
    );
}

#[test]
fn thenable_resolution_takes_two_extra_ticks() {
    // Resolving with a native promise goes through a
    // NewPromiseResolveThenableJob, then the inner then's reaction job.
    check(
        "var p = Promise.resolve(); \
         new Promise(r => r(p)).then(() => L('outer')); \
         p.then(() => L('t1')).then(() => L('t2')).then(() => L('t3'));",
        "t1,t2,outer,t3",
    );
}

#[test]
fn then_getter_is_read_synchronously() {
    check(
        "var t = { get then() { L('get'); return f => f(1); } }; \
         new Promise(r => { r(t); L('after'); }).then(v => L('v' + v));",
        "get,after,v1",
    );
}

#[test]
fn self_resolution_rejects_with_type_error() {
    check(
        "var r; var p = new Promise(x => r = x); r(p); \
         p.catch(e => L(e instanceof TypeError));",
        "true",
    );
}

#[test]
fn resolving_functions_resolve_once() {
    check(
        "new Promise((res, rej) => { res(1); rej(2); res(3); }).then(v => L(v), e => L('e' + e));",
        "1",
    );
}

#[test]
fn executor_throw_rejects() {
    check(
        "new Promise(() => { throw 'x'; }).catch(e => L('caught ' + e));",
        "caught x",
    );
}

#[test]
fn finally_passes_values_through() {
    check(
        "Promise.resolve(1).finally(() => 5).then(v => L(v)); \
         Promise.reject(2).finally(() => 6).catch(e => L('e' + e));",
        "1,e2",
    );
}

#[test]
fn combinators() {
    check(
        "Promise.all([1, Promise.resolve(2)]).then(v => L('all:' + v)); \
         Promise.allSettled([Promise.reject(1)]).then(v => L(v[0].status + v[0].reason)); \
         Promise.any([Promise.reject(1), 3]).then(v => L('any:' + v)); \
         Promise.race([new Promise(() => {}), 4]).then(v => L('race:' + v)); \
         Promise.any([]).catch(e => L(e.name + e.errors.length));",
        "AggregateError0,all:1,2,rejected1,any:3,race:4",
    );
}

#[test]
fn keyed_combinators() {
    check(
        "Promise.allKeyed({ a: 1, b: Promise.resolve(2) }) \
           .then(o => L(Object.getPrototypeOf(o) === null && o.a + o.b)); \
         Promise.allSettledKeyed({ x: Promise.reject(1) }).then(o => L(o.x.status));",
        "3,rejected",
    );
}

#[test]
fn iterator_closed_on_abrupt_completion() {
    check(
        "var it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; }, \
           return() { L('closed'); return {}; } }; } }; \
         var C = function(ex) { return new Promise(ex); }; C.resolve = function() { throw 'r'; }; \
         Promise.all.call(C, it).catch(e => L('rej ' + e));",
        "closed,rej r",
    );
}

#[test]
fn builtin_function_shapes() {
    check(
        "var rf; new Promise(r => rf = r); L(rf.length + rf.name + ':' + rf.hasOwnProperty('prototype')); \
         L(Promise.length + Promise.name + Promise.prototype.then.length); \
         L(Object.prototype.toString.call(Promise.resolve())); \
         L(Promise[Symbol.species] === Promise);",
        "1:false,1Promise2,[object Promise],true",
    );
}

#[test]
fn unhandled_rejections_are_tracked() {
    let mut vm = vm();
    run(
        &mut vm,
        "Promise.reject(1); Promise.reject(2).catch(() => {}); \
         var late = Promise.reject(3); Promise.resolve().then(() => late.catch(() => {})); \
         Promise.resolve().then(() => { throw 4; });",
    );
    // Only `late` got a handler after its rejection.
    vm.collect_garbage();
    let list = vm.take_unhandled_rejections();
    let reasons: Vec<Value> = list.iter().map(|&(_, r)| r).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(matches!(reasons[0], Value::Number(x) if x == 1.0));
    assert!(matches!(reasons[1], Value::Number(x) if x == 4.0));
    for &(p, _) in &list {
        assert!(matches!(
            vm.promise_state(p),
            Some((PromiseState::Rejected, _))
        ));
    }
    assert!(vm.take_unhandled_rejections().is_empty());
    assert!(!vm.has_unhandled_rejections());
}

#[test]
fn rust_api_resolve_and_then() {
    let mut vm = vm();
    let p = new_promise(&mut vm);
    vm.push_root(Value::Object(p));
    let ctor = Value::Object(vm.intrinsics().promise);
    let cap = new_promise_capability(&mut vm, ctor).unwrap();
    cap.root(&mut vm);
    perform_promise_then(
        &mut vm,
        p,
        Reaction::Callable(Value::Undefined),
        Reaction::Callable(Value::Undefined),
        Some(cap),
    );
    resolve_promise(&mut vm, p, n(7.0)).unwrap();
    assert!(
        matches!(vm.promise_state(p), Some((PromiseState::Fulfilled, Value::Number(x))) if x == 7.0)
    );
    vm.run_jobs().unwrap();
    let Value::Object(q) = cap.promise else {
        panic!("capability promise is an object")
    };
    assert!(
        matches!(vm.promise_state(q), Some((PromiseState::Fulfilled, Value::Number(x))) if x == 7.0)
    );
    // PromiseResolve returns a promise of the same constructor unchanged.
    let c = vm.intrinsics().promise;
    assert_eq!(promise_resolve(&mut vm, c, Value::Object(q)).unwrap(), q);
    // Rejecting a settled promise does nothing.
    reject_promise(&mut vm, q, n(1.0));
    assert!(matches!(
        vm.promise_state(q),
        Some((PromiseState::Fulfilled, _))
    ));
    assert!(new_promise_capability(&mut vm, n(1.0)).is_err());
}

#[test]
fn await_reactions_make_no_promise_and_run_in_order() {
    let mut vm = vm();
    let p = new_promise(&mut vm);
    vm.push_root(Value::Object(p));
    let c = vm.new_plain_object();
    vm.push_root(Value::Object(c));
    perform_promise_then(&mut vm, p, Reaction::Await(c), Reaction::Await(c), None);
    reject_promise(&mut vm, p, n(1.0));
    // The promise had a handler: nothing is reported.
    assert!(!vm.has_unhandled_rejections());
    assert_eq!(vm.jobs.len(), 1);
    // resume_after_await's catchable errors do not escape the job.
    vm.run_jobs().unwrap();
}

#[test]
fn survives_gc_stress() {
    let opts = crate::vm::VmOptions {
        gc_stress: true,
        gc_stress_interval: 1,
        ..crate::vm::VmOptions::default()
    };
    let mut vm = Vm::new(opts);
    let out = run(
        &mut vm,
        "var ps = []; for (var i = 0; i < 20; i++) ps.push(new Promise(r => r({ then(f) { f(i); } }))); \
         Promise.all(ps).then(v => L(v.length)); \
         Promise.allSettled(ps.concat([Promise.reject('x')])).then(v => L(v[20].status)); \
         Promise.any([Promise.reject(1), Promise.reject(2)]).catch(e => L(e.errors.join('+'))); \
         Promise.allKeyed({ a: ps[0], [Symbol('s')]: 1 }).then(o => L(Object.getOwnPropertySymbols(o).length)); \
         Promise.resolve(3).finally(() => ({ then(f) { f(); } })).then(v => L(v));",
    );
    assert_eq!(out, "1+2,1,20,rejected,3");
}

#[test]
fn derived_promise_of_then_resolves_like_a_capability() {
    check(
        "var p2 = Promise.resolve().then(() => p2); p2.catch(e => L(e instanceof TypeError)); \
         Promise.resolve().then(() => ({ then(r) { r('th'); } })).then(v => L(v)); \
         Promise.reject(1).then(null, e => { throw e + 1; }).catch(e => L('e' + e));",
        "true,e2,th",
    );
}

#[test]
fn resolving_with_a_native_promise_keeps_its_ticks_and_lookups() {
    check(
        "var p = Promise.resolve(1); new Promise(r => r(p)).then(v => L('resolved ' + v)); \
         Promise.resolve().then(() => L('t1')).then(() => L('t2')).then(() => L('t3')).then(() => L('t4')); \
         var q = Promise.resolve(2); \
         Object.defineProperty(q, 'constructor', { get() { L('ctor get'); return Promise; } }); \
         Promise.resolve().then(() => q).then(v => L('q ' + v)); \
         var bad = Promise.resolve(3); \
         Object.defineProperty(bad, 'constructor', { get() { throw new Error('boom'); } }); \
         new Promise(r => r(bad)).catch(e => L('caught ' + e.message)); \
         class Sub extends Promise {} \
         new Promise(r => r(Sub.resolve(4))).then(v => L('sub ' + v)); \
         (async () => { for await (const x of [1, 2]) L('fa ' + x); })(); \
         new Promise(r => r(Promise.reject(5))).catch(e => L('rej ' + e));",
        "t1,t2,ctor get,caught boom,fa 1,resolved 1,t3,sub 4,rej 5,t4,q 2,fa 2",
    );
}

#[test]
fn async_from_sync_iteration_is_observably_unchanged() {
    check(
        "Object.defineProperty(Object.prototype, 'then', { get() { \
           if (this && 'done' in this) L('then@' + this.value); return undefined; }, configurable: true }); \
         (async () => { for await (const x of [1, Promise.resolve(2)]) L('x' + x); L('end1'); })(); \
         var it = { i: 0, [Symbol.iterator]() { return this; }, \
           next() { return { value: this.i++ ? Promise.reject('R') : 7, done: false }; }, \
           return() { L('return'); return {}; } }; \
         (async () => { try { for await (const x of it) L('y' + x); } catch (e) { L('caught ' + e); } })(); \
         async function* g() { yield* [10, 20]; } \
         (async () => { const gi = g(); L('n ' + (await gi.next()).value); \
           L('r ' + (await gi.return(5)).value); })(); \
         (async () => { for await (const x of [{ then(f) { L('thenable'); f(9); } }]) L('z' + x); })(); \
         Promise.resolve().then(() => L('a')).then(() => L('b')).then(() => L('c')) \
           .then(() => L('d')).then(() => L('e')).then(() => { L('f'); delete Object.prototype.then; });",
        "then@1,then@7,then@10,thenable,a,x1,y7,then@10,then@9,b,then@2,return,n 10,z9,c,x2,\
         caught R,then@5,then@undefined,d,then@undefined,e,end1,then@5,f,r 5",
    );
}

#[test]
fn perform_await_enqueues_the_same_jobs_without_a_promise() {
    let mut vm = vm();
    run(
        &mut vm,
        "var thenable = { get then() { L('get then'); return f => f(1); } }; \
         var plain = { get then() { L('get plain'); return 5; } }; \
         var bad = { get then() { throw 'boom'; } };",
    );
    let c = vm.new_plain_object();
    vm.push_root(Value::Object(c));
    perform_await(&mut vm, c, n(1.0)).unwrap();
    assert_eq!(vm.jobs.len(), 1);
    for (name, jobs) in [("plain", 2), ("bad", 3), ("thenable", 4)] {
        let v = path(&mut vm, name);
        perform_await(&mut vm, c, v).unwrap();
        assert_eq!(vm.jobs.len(), jobs, "{name}");
    }
    let p = new_promise(&mut vm);
    perform_await(&mut vm, c, Value::Object(p)).unwrap();
    assert_eq!(vm.jobs.len(), 4, "a pending promise gets a reaction");
    vm.run_jobs().unwrap();
    let log = path(&mut vm, "log");
    assert_eq!(text(&mut vm, log), "get plain,get then");
    assert!(!vm.has_unhandled_rejections());
}
