//! Tests of the iterator helpers and the iterator proposals (zip,
//! chunks/windows, includes, join): small scripts run with GC stress on,
//! checking their completion value.

use crate::vm::{Vm, VmOptions};

/// Runs `src` on a big stack with GC stress on, returning ToString of
/// its completion value (or the Debug form of the error).
fn run(src: &'static str) -> String {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut vm = Vm::new(VmOptions {
                gc_stress: true,
                ..VmOptions::default()
            });
            match vm.eval_script(src, "test.js") {
                Ok(v) => {
                    let s = vm.to_string(v).expect("ToString");
                    vm.string_to_rust(s)
                }
                Err(e) => format!("{e:?}"),
            }
        })
        .expect("spawn")
        .join()
        .expect("no panic")
}

const LOGGED: &str =
    "var log = []; function src(n) { var i = 0; return { __proto__: Iterator.prototype, \
     next() { log.push('next'); return { value: i, done: i++ >= n }; }, \
     return() { log.push('return'); return {}; } }; }";

fn with_logged(body: &str) -> &'static str {
    Box::leak(format!("{LOGGED} {body}").into_boxed_str())
}

#[test]
fn lazy_helpers_compose() {
    assert_eq!(
        run(with_logged(
            "src(10).filter(x => x % 2).map((x, i) => x * 10 + i).drop(1).take(2).toArray().join()"
        )),
        "31,52"
    );
    assert_eq!(
        run("[1, 2].values().flatMap(x => [x, [x]]).toArray().length"),
        "4"
    );
    assert_eq!(
        run("Iterator.concat([1], [2, 3]).toArray().join()"),
        "1,2,3"
    );
}

#[test]
fn validation_closes_before_reading_next() {
    assert_eq!(
        run(with_logged(
            "var r = []; for (var a of [undefined, -1, NaN, 2 ** 53]) { \
             try { src(1).take(a); } catch (e) { r.push(e.name); } } r.join() + ' ' + log.join()"
        )),
        "RangeError,RangeError,RangeError,RangeError return,return,return,return"
    );
    assert_eq!(
        run(with_logged(
            "try { src(1).flatMap(1); } catch (e) { e.name + ' ' + log.join(); }"
        )),
        "TypeError return"
    );
}

#[test]
fn return_follows_generator_states() {
    // Not started: closes the underlying iterator, then stays completed.
    assert_eq!(
        run(with_logged(
            "var h = src(3).map(x => x); h.return(); h.next().done + ' ' + log.join()"
        )),
        "true return"
    );
    // Exhausted: return() is not forwarded.
    assert_eq!(
        run(with_logged(
            "var h = src(0).map(x => x); h.next(); h.return(); log.join()"
        )),
        "next"
    );
    // Re-entering a running helper throws.
    assert_eq!(
        run("var h = [1].values().map(() => { try { h.next(); } catch (e) { return e.name; } }); h.next().value"),
        "TypeError"
    );
    assert_eq!(
        run("var h = [1].values().map(() => { try { h.return(); } catch (e) { return e.name; } }); h.next().value"),
        "TypeError"
    );
}

#[test]
fn take_closes_when_its_limit_is_reached() {
    assert_eq!(
        run(with_logged("src(5).take(1).toArray(); log.join()")),
        "next,return"
    );
}

#[test]
fn chunks_and_windows() {
    assert_eq!(
        run("JSON.stringify([1, 2, 3, 4, 5].values().chunks(2).toArray())"),
        "[[1,2],[3,4],[5]]"
    );
    assert_eq!(
        run("JSON.stringify([1, 2, 3].values().windows(2).toArray())"),
        "[[1,2],[2,3]]"
    );
    assert_eq!(
        run("JSON.stringify([1].values().windows(2, 'allow-partial').toArray())"),
        "[[1]]"
    );
    // The last partial chunk is yielded after the end: return() then does
    // not close the (already done) iterator.
    assert_eq!(
        run(with_logged(
            "var c = src(1).chunks(2); c.next(); c.return(); log.join()"
        )),
        "next,next"
    );
}

#[test]
fn zip_closes_the_open_iterators_in_reverse() {
    assert_eq!(
        run(with_logged(
            "var z = Iterator.zip([src(2), [1, 2].values(), src(3)]); z.next(); z.return(); log.join()"
        )),
        "next,next,return,return"
    );
    assert_eq!(
        run("JSON.stringify(Iterator.zip([[1, 2], [3]], { mode: 'longest', padding: [0, 9] }).toArray())"),
        "[[1,3],[2,9]]"
    );
    assert_eq!(
        run("var r = Iterator.zipKeyed({ a: [1], b: [2, 3] }).toArray(); JSON.stringify(r) + Object.getPrototypeOf(r[0])"),
        "[{\"a\":1,\"b\":2}]null"
    );
    assert_eq!(
        run("try { Iterator.zip([[1], [1, 2]], { mode: 'strict' }).toArray(); } catch (e) { e.name }"),
        "TypeError"
    );
}

#[test]
fn includes_and_join() {
    assert_eq!(run("[1, NaN].values().includes(NaN)"), "true");
    assert_eq!(run("[1, 2, 3].values().includes(1, 1)"), "false");
    assert_eq!(run("[1, null, 'x'].values().join('-')"), "1--x");
    assert_eq!(
        run(with_logged("src(3).includes(1); log.join()")),
        "next,next,return"
    );
}
