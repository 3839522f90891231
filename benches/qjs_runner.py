#!/usr/bin/env python3
"""Runs one JavaScript file on QuickJS-ng through PyPI's `quickjs-ng`
wrapper (`pip install quickjs-ng`), for jsvm-bench when no `qjs` executable
is installed: the wheel ships the engine as a Python extension, not a program.

The wrapper's bare context has the language, `performance` and
`queueMicrotask` but no host: this script adds what the benchmark programs
use, the way Node behaves:
  - console.log/info/debug (stdout) and console.error/warn (stderr): the
    arguments joined by spaces, strings raw, everything else through String();
  - setTimeout/clearTimeout/setInterval/clearInterval: a timer heap ordered
    by (due time, creation order); a delay below 1 ms (or not a number) is
    1 ms, as in Node;
  - an event loop: run the script, drain the job queue, then repeatedly wait
    for the earliest timer, fire it and drain the jobs again, until no timer
    is left.
An uncaught exception (from the script, a job or a timer) is printed to
stderr and ends the run with exit status 1.

Usage: qjs_runner.py FILE.js
"""

import sys
import time

try:
    import quickjs
except ImportError:
    sys.stderr.write("qjs_runner.py: the quickjs-ng package is missing (pip install quickjs-ng)\n")
    sys.exit(2)

PRELUDE = r"""
(() => {
  const show = (v) => (typeof v === "string" ? v : String(v));
  const line = (args) => Array.prototype.map.call(args, show).join(" ");
  const out = globalThis.__host_stdout;
  const err = globalThis.__host_stderr;
  delete globalThis.__host_stdout;
  delete globalThis.__host_stderr;
  globalThis.console = {
    log(...a) { out(line(a)); },
    info(...a) { out(line(a)); },
    debug(...a) { out(line(a)); },
    error(...a) { err(line(a)); },
    warn(...a) { err(line(a)); },
  };

  // A binary min-heap of timer records ordered by (due, seq); cancelled
  // records stay in the heap and are skipped when they reach the top.
  const heap = [];
  const active = new Map(); // id -> record
  let seq = 0;
  let nextId = 1;
  const before = (a, b) => a.due < b.due || (a.due === b.due && a.seq < b.seq);
  function push(rec) {
    heap.push(rec);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  }
  function pop() {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
  function delayOf(ms) {
    const n = Number(ms);
    return n >= 1 && n <= 2147483647 ? Math.trunc(n) : 1;
  }
  function schedule(fn, ms, args, repeat) {
    if (typeof fn !== "function") throw new TypeError("The callback must be a function");
    const delay = delayOf(ms);
    const rec = { id: nextId++, fn, args, delay, repeat, due: performance.now() + delay, seq: seq++ };
    active.set(rec.id, rec);
    push(rec);
    return rec.id;
  }
  function cancel(id) {
    const rec = active.get(typeof id === "object" && id !== null ? id.id : id);
    if (rec) {
      rec.cancelled = true;
      active.delete(rec.id);
    }
  }
  globalThis.setTimeout = (fn, ms, ...args) => schedule(fn, ms, args, false);
  globalThis.setInterval = (fn, ms, ...args) => schedule(fn, ms, args, true);
  globalThis.clearTimeout = cancel;
  globalThis.clearInterval = cancel;

  // For the loop below: milliseconds until the earliest live timer is due
  // (0 if overdue), or -1 when none is left.
  globalThis.__host_next_delay = () => {
    while (heap.length > 0 && heap[0].cancelled) pop();
    if (heap.length === 0) return -1;
    return Math.max(0, heap[0].due - performance.now());
  };
  // Fires the earliest live timer.
  globalThis.__host_fire = () => {
    while (heap.length > 0 && heap[0].cancelled) pop();
    if (heap.length === 0) return;
    const rec = pop();
    if (rec.repeat) {
      rec.due = performance.now() + rec.delay;
      rec.seq = seq++;
      push(rec);
    } else {
      active.delete(rec.id);
    }
    rec.fn(...rec.args);
  };
})();
"""


def write_line(stream):
    def write(text):
        stream.write(text)
        stream.write("\n")

    return write


def report(error):
    sys.stdout.flush()
    sys.stderr.write(f"Uncaught {error}\n")
    sys.stderr.flush()
    sys.exit(1)


def drain(ctx):
    while True:
        try:
            if not ctx.execute_pending_job():
                return
        except quickjs.JSException as e:
            report(e)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: qjs_runner.py FILE.js\n")
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        source = f.read()
    ctx = quickjs.Context()
    ctx.add_callable("__host_stdout", write_line(sys.stdout))
    ctx.add_callable("__host_stderr", write_line(sys.stderr))
    ctx.eval(PRELUDE)
    next_delay = ctx.get("__host_next_delay")
    fire = ctx.get("__host_fire")
    try:
        ctx.eval(source)
    except quickjs.JSException as e:
        report(e)
    drain(ctx)
    while True:
        delay = next_delay()
        if delay < 0:
            break
        if delay > 0:
            time.sleep(delay / 1000.0)
        try:
            fire()
        except quickjs.JSException as e:
            report(e)
        drain(ctx)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
