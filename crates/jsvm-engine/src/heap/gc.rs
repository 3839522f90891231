//! The collector: stop-the-world, non-moving mark-sweep over the heap's
//! arenas, with ephemeron semantics for weak collections.
//!
//! Roots (the one place they are listed; error objects' stack strings in
//! `Heap::error_stacks` are kept alive by their error object): `vm.roots`, `vm.persistent`,
//! `vm.kept_alive`, every realm (intrinsics, global object, global
//! environment), the job queue, the well-known symbols, the symbol
//! registry, the atoms' strings and the one-unit strings, the interned
//! BigInt constants (`Heap::bigint_constants`), the `Atomics.waitAsync`
//! waiters (`Heap::atomics_waiters`), and the
//! interpreter's state (`interp::trace_roots`). Marking uses worklists, never
//! recursion, and prefetches objects a few ahead of tracing them. Weak tables are traced to a fixpoint: a value is marked only
//! once its key is; afterwards entries with dead keys are dropped and dead
//! WeakRef targets cleared. Then every unmarked slot is freed (or poisoned
//! in stress mode).
//!
//! Collections are full or minor (see docs/gc.md): a minor one starts with
//! the old things (the previous collection's survivors) already marked and
//! adds the remembered ones (old things written since, see
//! `Arena::remember`) as roots.

use super::{trace_env, Heap, Tracer, ENV_BYTES, MIN_THRESHOLD, YOUNG_BUDGET};
use crate::object::kind::ObjectKind;
use crate::object::weak::WeakKey;
use crate::string::Repr;
use crate::value::{ObjId, PropertyKey};
use crate::vm::Vm;

fn key_marked(t: &Tracer, k: WeakKey) -> bool {
    match k {
        WeakKey::Object(o) => t.is_object_marked(o),
        WeakKey::Symbol(s) => t.is_symbol_marked(s),
    }
}

/// How many objects the marker prefetches ahead of tracing them.
const PREFETCH_DISTANCE: usize = 8;

/// Empties the worklists. Objects are traced through a small FIFO of
/// prefetched slots: an object taken off the worklist is prefetched and
/// traced a few objects later, when its memory has arrived (tracing is
/// otherwise one cache miss after another).
fn drain(heap: &Heap, t: &mut Tracer) {
    // A ring of the prefetched objects: `ahead[head..head + len]` (mod
    // PREFETCH_DISTANCE).
    let mut ahead = [0u32; PREFETCH_DISTANCE];
    let (mut head, mut len) = (0usize, 0usize);
    loop {
        while len < PREFETCH_DISTANCE {
            let Some(o) = t.obj_work.pop() else {
                break;
            };
            heap.objects.prefetch(o);
            ahead[(head + len) % PREFETCH_DISTANCE] = o;
            len += 1;
        }
        let next = (len > 0).then(|| {
            let o = ahead[head];
            head = (head + 1) % PREFETCH_DISTANCE;
            len -= 1;
            o
        });
        if let Some(o) = next {
            if let Some(obj) = heap.objects.try_get(o) {
                t.traced_bytes += obj.footprint();
                t.current = Some(ObjId::from_index(o));
                obj.trace(&heap.shapes, t);
                t.current = None;
            }
        } else if let Some(s) = t.str_work.pop() {
            if let Some(js) = heap.strings.try_get(s) {
                t.traced_bytes += js.size_estimate();
                if let Repr::Rope(r) = &js.repr {
                    if r.flat.get().is_none() {
                        t.mark_string(r.left);
                        t.mark_string(r.right);
                    }
                }
            }
        } else if let Some(s) = t.sym_work.pop() {
            if let Some(sym) = heap.symbols.try_get(s) {
                if let Some(d) = sym.description {
                    t.mark_string(d);
                }
            }
        } else if let Some(e) = t.env_work.pop() {
            if let Some(env) = heap.envs.try_get(e) {
                t.traced_bytes += ENV_BYTES;
                trace_env(env, t);
            }
        } else if let Some(sh) = t.shape_work.pop() {
            let id = crate::object::shape::ShapeId(sh);
            if let Some((PropertyKey::Symbol(s), _)) = heap.shapes.last(id) {
                t.mark_symbol(s);
            }
            if let Some(p) = heap.shapes.parent(id) {
                t.mark_shape(p);
            }
        } else {
            break;
        }
    }
}

impl Vm {
    /// Runs a collection: a full one when `full`, else a minor one (which
    /// traces from the roots and the remembered old things only, and
    /// frees only young things).
    pub(crate) fn gc_collect(&mut self, full: bool) {
        crate::interp::clear_dead_registers(self);
        let promote = full || self.heap.promote_next;
        if !full {
            self.heap.promote_next = !promote;
        }
        let mut t = Tracer::new(&mut self.heap, full, promote);
        for &v in &self.roots {
            t.mark_value(v);
        }
        for v in self.persistent.iter().flatten() {
            t.mark_value(*v);
        }
        for &v in &self.kept_alive {
            t.mark_value(v);
        }
        for r in &self.realms {
            r.trace(&mut t);
        }
        self.jobs.trace(&mut t);
        for s in self.symbols.all() {
            t.mark_symbol(s);
        }
        for &s in self.symbol_registry.values() {
            t.mark_symbol(s);
        }
        for s in self.atoms.strings.iter().flatten() {
            t.mark_string(*s);
        }
        for &s in &self.unit_strings {
            t.mark_string(s);
        }
        t.mark_string(self.empty_string);
        for &b in self.heap.bigint_constants.values() {
            t.mark_bigint(b);
        }
        for w in &self.heap.atomics_waiters {
            w.trace(&mut t);
        }
        crate::interp::trace_roots(&self.interp, &mut t);

        // Mark, then the ephemeron fixpoint.
        loop {
            drain(&self.heap, &mut t);
            let tables = t.ephemeron_tables.clone();
            for o in tables {
                if let Some(obj) = self.heap.objects.try_get(o.index()) {
                    if let ObjectKind::WeakMap(w) | ObjectKind::WeakSet(w) = &obj.kind {
                        for (k, v) in w.entries() {
                            if key_marked(&t, *k) {
                                t.mark_value(*v);
                            }
                        }
                    }
                }
            }
            if t.obj_work.is_empty()
                && t.str_work.is_empty()
                && t.sym_work.is_empty()
                && t.env_work.is_empty()
                && t.shape_work.is_empty()
            {
                break;
            }
        }

        // The stack strings of live error objects.
        for (o, s) in &self.heap.error_stacks {
            if t.is_object_marked(*o) {
                t.mark_string(*s);
            }
        }
        drain(&self.heap, &mut t);
        self.heap.error_stacks.retain(|o, _| t.is_object_marked(*o));

        // Clear dead weak entries and targets.
        for &o in &t.ephemeron_tables {
            if let ObjectKind::WeakMap(w) | ObjectKind::WeakSet(w) =
                &mut self.heap.obj_mut_unbarriered(o).kind
            {
                w.retain(|k| key_marked(&t, k));
            }
        }
        for &o in &t.weak_refs {
            if let ObjectKind::WeakRef(target) = &mut self.heap.obj_mut_unbarriered(o).kind {
                if target.is_some_and(|k| !key_marked(&t, k)) {
                    *target = None;
                }
            }
        }

        // A prototype that cache entries rely on may die here, and a new
        // object take its id: those entries must go stale.
        self.heap
            .shapes
            .forget_dead_protos(|o| t.is_object_marked(o));

        // Sweep.
        let poison = self.heap.poison;
        let heap = &mut self.heap;
        heap.objects.sweep(&t.obj_marks, poison);
        heap.strings.sweep(&t.str_marks, poison);
        heap.symbols.sweep(&t.sym_marks, poison);
        heap.envs.sweep(&t.env_marks, poison);
        heap.bigints.sweep(&t.big_marks, poison);
        heap.shapes.sweep_dicts(&t.dict_marks);
        let (traced, remembered_bytes) = (t.traced_bytes, t.remembered_bytes);
        t.finish(heap);
        heap.gc_count += 1;
        heap.debt = 0;
        super::external::reset();
        // What survives a promoting collection is old. Old garbage is found
        // only by a full collection, which comes once the old things have
        // grown by a quarter since the last one, counting what minor
        // collections promoted (the bytes they traced, less the remembered
        // old things); a half let closures_hof and timer_storm peak 10-25%
        // higher. Minor collections come after a fixed allocation budget:
        // their cost is the survivors', not the heap's, so they can come
        // often and keep the peak near the live size.
        if full {
            heap.full_base = traced;
            heap.old_bytes = traced;
        } else if promote {
            heap.old_bytes += traced.saturating_sub(remembered_bytes);
        }
        heap.next_full = heap.old_bytes >= heap.full_base + (heap.full_base / 4).max(MIN_THRESHOLD);
        // In stress mode every safepoint stays a candidate (see
        // `Vm::maybe_gc`).
        heap.threshold = if self.options.gc_stress {
            0
        } else {
            YOUNG_BUDGET
        };
    }
}
