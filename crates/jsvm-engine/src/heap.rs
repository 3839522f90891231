//! The garbage-collected heap: arenas of objects, strings, symbols,
//! environments and big BigInts addressed by handles (`ObjId`, `StrId`,
//! `SymId`, `EnvId`, `BigId`),
//! the shape table, and a tracing mark-sweep, non-moving collector
//! (`heap::gc`).
//!
//! Invariant: a handle indexes a live slot of its arena as long as the thing
//! it names is reachable from a root (see docs/gc.md). Each arena keeps a
//! bitmap of its live slots and the tracer one of the marked ones, so the
//! sweep finds the dead a word at a time and touches only them. Freed
//! slots go on a free list and are reused, lowest first; in GC stress mode
//! they are poisoned instead, so any use of a collected handle panics with
//! "use of collected object".
//! OWNER: engine-core helper.

pub(crate) mod external;
pub mod gc;
#[cfg(test)]
mod tests;

use crate::interp::closure::Closure;
use crate::interp::env::Environment;
use crate::object::shape::{ShapeId, ShapeTable};
use crate::object::{Object, ObjectKind, Props, Slots};
use crate::string::{JsString, Repr, StrView};
use crate::value::{BigId, BigIntValue, EnvId, ObjId, PropertyKey, StrId, SymId, Value};

/// A symbol's data.
pub struct Symbol {
    /// [[Description]].
    pub description: Option<StrId>,
    /// True for symbols created by `Symbol.for` (never collected, cannot be
    /// held weakly).
    pub registered: bool,
}

enum Slot<T> {
    Live(T),
    Free,
    /// Collected in stress mode: never reused.
    Poisoned,
}

/// One arena: a vector of slots, a bitmap of the live ones and a free list.
///
/// The bitmap lets the sweep find the dead slots a word (64 slots) at a
/// time by comparing it with the mark bitmap, so it touches the memory of
/// the objects it frees and never that of the survivors or of free slots.
pub(crate) struct Arena<T> {
    slots: Vec<Slot<T>>,
    /// Bit `i % 64` of word `i / 64` is set iff `slots[i]` is `Live`.
    live_bits: Vec<u64>,
    /// Free slots; the sweep pushes them highest first, so allocation
    /// reuses the lowest first.
    free: Vec<u32>,
    live: usize,
    /// The old slots: bit `i` is set iff slot `i` survived the last
    /// collection and was not written since (the mark bits that collection
    /// left; a minor collection starts from them, see `heap::gc`).
    old: Vec<u64>,
    /// Old slots written since the last collection (their `old` bit
    /// cleared by `remember`): the next minor collection traces them as
    /// roots, since they may now point to young things.
    remembered: Vec<u32>,
}

/// A bitmap with one bit per arena slot (a `Tracer`'s mark bits).
#[inline]
fn bit_test(bits: &[u64], i: u32) -> bool {
    bits.get((i >> 6) as usize)
        .is_some_and(|w| w & (1u64 << (i & 63)) != 0)
}

impl<T> Arena<T> {
    fn new() -> Arena<T> {
        Arena {
            // Slot 0 is never handed out, so handles can be non-zero (see
            // `ObjId`).
            slots: vec![Slot::Poisoned],
            live_bits: Vec::new(),
            free: Vec::new(),
            live: 0,
            old: Vec::new(),
            remembered: Vec::new(),
        }
    }
    /// The write barrier, run before slot `i` is mutated: an old slot
    /// leaves the old set and joins the remembered set, so a minor
    /// collection traces what it points to now. Only the first write after
    /// a collection pays more than a bit test.
    #[inline(always)]
    fn remember(&mut self, i: u32) {
        if bit_test(&self.old, i) {
            self.add_remembered(i);
        }
    }
    #[cold]
    #[inline(never)]
    fn add_remembered(&mut self, i: u32) {
        if let Some(w) = self.old.get_mut((i >> 6) as usize) {
            *w &= !(1u64 << (i & 63));
            self.remembered.push(i);
        }
    }
    /// Records that slot `i` became live.
    #[inline(always)]
    fn set_live(&mut self, i: usize) {
        let w = i >> 6;
        if w >= self.live_bits.len() {
            self.live_bits.resize(w + 1, 0);
        }
        if let Some(word) = self.live_bits.get_mut(w) {
            *word |= 1u64 << (i & 63);
        }
    }
    /// Allocates the value `make` builds, built right in its slot when the
    /// optimizer can (large values are not moved twice).
    #[inline(always)]
    fn alloc_with(&mut self, make: impl FnOnce() -> T) -> u32 {
        self.live += 1;
        if let Some(i) = self.free.pop() {
            if let Some(s) = self.slots.get_mut(i as usize) {
                // A slot on the free list holds nothing to drop, so the old
                // value is forgotten (no drop glue runs on the hot path).
                let old = std::mem::replace(s, Slot::Live(make()));
                debug_assert!(matches!(old, Slot::Free));
                std::mem::forget(old);
                self.set_live(i as usize);
                return i;
            }
        }
        let i = self.slots.len();
        assert!(i < u32::MAX as usize, "heap arena exhausted");
        self.slots.push(Slot::Live(make()));
        self.set_live(i);
        i as u32
    }
    #[inline]
    fn alloc(&mut self, v: T) -> u32 {
        self.alloc_with(|| v)
    }
    #[inline]
    #[track_caller]
    fn get(&self, i: u32) -> &T {
        match self.slots.get(i as usize) {
            Some(Slot::Live(v)) => v,
            _ => collected(),
        }
    }
    #[inline]
    #[track_caller]
    fn get_mut(&mut self, i: u32) -> &mut T {
        match self.slots.get_mut(i as usize) {
            Some(Slot::Live(v)) => v,
            _ => collected(),
        }
    }
    fn try_get(&self, i: u32) -> Option<&T> {
        match self.slots.get(i as usize) {
            Some(Slot::Live(v)) => Some(v),
            _ => None,
        }
    }
    fn is_live(&self, i: u32) -> bool {
        matches!(self.slots.get(i as usize), Some(Slot::Live(_)))
    }
    pub(crate) fn capacity(&self) -> usize {
        self.slots.len()
    }
    /// Asks the CPU to start loading slot `i` into the cache (the marker
    /// does this a few objects ahead of tracing them). A no-op for an index
    /// out of range and on other architectures.
    #[inline(always)]
    fn prefetch(&self, i: u32) {
        #[cfg(target_arch = "x86_64")]
        if let Some(s) = self.slots.get(i as usize) {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            // Every cache line the slot touches (it need not start on one).
            let start = (s as *const Slot<T>).cast::<i8>();
            let first = start.wrapping_sub(start as usize % 64);
            let end = start.wrapping_add(std::mem::size_of::<Slot<T>>());
            let mut line = first;
            while line < end {
                // SAFETY: a prefetch is only a hint: it never faults and
                // has no effect the program can observe; the lines are
                // those of a live allocation anyway.
                unsafe { _mm_prefetch::<_MM_HINT_T0>(line) };
                line = line.wrapping_add(64);
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = i;
    }
    /// Frees every live slot whose bit in `marked` is clear; returns how
    /// many. Only the freed slots are touched.
    fn sweep(&mut self, marked: &[u64], poison: bool) -> usize {
        let mut n = 0;
        // Highest first, so the free list hands out the lowest slots first.
        for w in (0..self.live_bits.len()).rev() {
            let Some(word) = self.live_bits.get_mut(w) else {
                continue;
            };
            let keep = marked.get(w).copied().unwrap_or(0);
            let mut dead = *word & !keep;
            if dead == 0 {
                continue;
            }
            *word &= keep;
            while dead != 0 {
                let b = 63 - dead.leading_zeros() as usize;
                dead &= !(1u64 << b);
                let i = w * 64 + b;
                if let Some(s) = self.slots.get_mut(i) {
                    n += 1;
                    if poison {
                        *s = Slot::Poisoned;
                    } else {
                        *s = Slot::Free;
                        self.free.push(i as u32);
                    }
                }
            }
        }
        self.live -= n;
        n
    }
}

#[cold]
#[track_caller]
fn collected() -> ! {
    panic!("use of collected object (a handle was not rooted across a GC; see docs/gc.md)")
}

/// The heap.
pub struct Heap {
    pub(crate) objects: Arena<Object>,
    pub(crate) strings: Arena<JsString>,
    pub(crate) symbols: Arena<Symbol>,
    pub(crate) envs: Arena<Environment>,
    /// BigInts of magnitude 2^64 or more (immutable; smaller ones are
    /// inline in `BigIntValue`).
    pub(crate) bigints: Arena<num_bigint::BigInt>,
    /// BigInt constants of compiled code, interned by value and never
    /// collected (a code unit's constant table is not traced).
    pub(crate) bigint_constants: hashbrown::HashMap<num_bigint::BigInt, BigId>,
    /// The `Atomics.waitAsync` waiters (every WaiterList of the agent),
    /// oldest first; their buffers and promises are roots.
    pub(crate) atomics_waiters: Vec<crate::builtins::atomics::Waiter>,
    /// The hidden-class transition tree (shapes are never collected).
    pub shapes: ShapeTable,
    /// The cache of [[Get]] made from Rust (`object::ic`; holds no roots).
    pub(crate) get_cache: crate::object::ic::GetCache,
    /// Bytes (roughly) allocated since the last collection.
    pub(crate) debt: usize,
    /// Collect when `debt` reaches this (`YOUNG_BUDGET`, see `gc_collect`;
    /// 0 in stress mode, see `Vm::maybe_gc`).
    pub(crate) threshold: usize,
    /// The live size the last full collection found (see `gc_collect`).
    pub(crate) full_base: usize,
    /// The bytes of old things: what the last full collection found plus
    /// what minor collections promoted since.
    pub(crate) old_bytes: usize,
    /// Whether the next minor collection makes its survivors old (every
    /// other one does: an object must survive one or two minor
    /// collections to be promoted, so the ones only in flight at a
    /// collection do not become old garbage).
    pub(crate) promote_next: bool,
    /// Whether the next collection is a full one.
    pub(crate) next_full: bool,
    /// Poison freed slots instead of reusing them.
    pub(crate) poison: bool,
    /// Number of completed collections.
    pub gc_count: u64,
    /// The last collection's tracer, whose buffers the next one reuses.
    pub(crate) spare_tracer: Option<Box<Tracer>>,
    /// The stack trace string of each error object (the value the
    /// `Error.prototype.stack` getter reports). Entries of dead objects are
    /// dropped by the collector.
    pub(crate) error_stacks: hashbrown::HashMap<ObjId, StrId>,
}

/// The smallest growth of the old things that triggers a full collection.
const MIN_THRESHOLD: usize = 2 << 20;

/// What the collector counts for an environment (its arena slot plus a
/// typical payload).
pub(crate) const ENV_BYTES: usize = 64;

/// The allocation debt that triggers a minor collection.
const YOUNG_BUDGET: usize = 2 << 20;

impl Heap {
    pub fn new() -> Heap {
        Heap {
            objects: Arena::new(),
            strings: Arena::new(),
            symbols: Arena::new(),
            envs: Arena::new(),
            bigints: Arena::new(),
            bigint_constants: hashbrown::HashMap::new(),
            atomics_waiters: Vec::new(),
            shapes: ShapeTable::new(),
            get_cache: Default::default(),
            debt: 0,
            threshold: MIN_THRESHOLD,
            full_base: 0,
            old_bytes: 0,
            promote_next: false,
            next_full: true,
            poison: false,
            gc_count: 0,
            spare_tracer: None,
            error_stacks: hashbrown::HashMap::new(),
        }
    }

    // ---- Objects ----
    pub fn alloc_object(&mut self, o: Object) -> ObjId {
        // (Storage outside the arena slot counts itself as it is
        // allocated; see `external`.)
        self.debt += std::mem::size_of::<Object>();
        ObjId::from_index(self.objects.alloc(o))
    }
    /// Allocates a fresh extensible object from its parts (see
    /// `Object::from_parts`), built in its arena slot. Inlined, so the
    /// parts go straight into the slot; its callers are out of line.
    #[inline(always)]
    pub(crate) fn alloc_object_from(
        &mut self,
        kind: ObjectKind,
        proto: Option<ObjId>,
        props: Props,
        slots: Slots,
    ) -> ObjId {
        self.debt += std::mem::size_of::<Object>();
        ObjId::from_index(
            self.objects
                .alloc_with(|| Object::from_parts(kind, proto, props, slots)),
        )
    }
    #[inline]
    #[track_caller]
    pub fn obj(&self, o: ObjId) -> &Object {
        self.objects.get(o.index())
    }
    #[inline]
    #[track_caller]
    pub fn obj_mut(&mut self, o: ObjId) -> &mut Object {
        self.objects.remember(o.index());
        self.objects.get_mut(o.index())
    }
    /// `obj_mut` for a write whose only new reference is `v`: the barrier
    /// runs only when `v` may be young. A reference from an old thing to
    /// an old one needs no remembering, since a minor collection keeps
    /// every old thing; nor does a value that is no reference at all (a
    /// number, say). What such a write drops needs no barrier either.
    #[inline(always)]
    #[track_caller]
    pub fn obj_mut_storing(&mut self, o: ObjId, v: Value) -> &mut Object {
        if self.may_be_young(v) {
            self.objects.remember(o.index());
        }
        self.objects.get_mut(o.index())
    }
    /// `env_mut` for a write whose only new reference is `v` (see
    /// `obj_mut_storing`).
    #[inline(always)]
    pub fn env_mut_storing(&mut self, e: EnvId, v: Value) -> &mut Environment {
        if self.may_be_young(v) {
            self.envs.remember(e.0);
        }
        self.envs.get_mut(e.0)
    }
    /// Whether `v` is a heap thing outside the old set (young, or old but
    /// written since the last collection).
    #[inline(always)]
    fn may_be_young(&self, v: Value) -> bool {
        match v {
            Value::Object(o) => !bit_test(&self.objects.old, o.index()),
            Value::String(s) => !bit_test(&self.strings.old, s.0),
            Value::Symbol(s) => !bit_test(&self.symbols.old, s.0),
            Value::BigInt(BigIntValue::Heap(b)) => !bit_test(&self.bigints.old, b.0),
            _ => false,
        }
    }
    /// `obj_mut` without the write barrier, for writes that store no
    /// reference: the collector's (which only drops references) and
    /// flags.
    #[inline]
    pub(crate) fn obj_mut_unbarriered(&mut self, o: ObjId) -> &mut Object {
        self.objects.get_mut(o.index())
    }
    /// An object and the shape table at once (for storage updates).
    #[inline]
    #[track_caller]
    pub fn objects_get_mut(&mut self, o: ObjId) -> (&mut Object, &mut ShapeTable) {
        self.objects.remember(o.index());
        (self.objects.get_mut(o.index()), &mut self.shapes)
    }
    pub fn is_live_object(&self, o: ObjId) -> bool {
        self.objects.is_live(o.index())
    }
    /// Number of live objects.
    pub fn object_count(&self) -> usize {
        self.objects.live
    }

    // ---- Strings ----
    pub fn alloc_string(&mut self, s: JsString) -> StrId {
        self.debt += s.size_estimate();
        StrId(self.strings.alloc(s))
    }
    #[inline]
    #[track_caller]
    pub fn string(&self, s: StrId) -> &JsString {
        self.strings.get(s.0)
    }
    /// The contents of a string (a rope is flattened now, once).
    #[track_caller]
    pub fn str(&self, s: StrId) -> StrView<'_> {
        let js = self.strings.get(s.0);
        match &js.repr {
            Repr::Flat(f) => f.view(),
            Repr::Rope(r) => r
                .flat
                .get_or_init(|| {
                    let f = self.flatten(s);
                    let bytes = match &f {
                        crate::string::Flat::Latin1(b) => b.len(),
                        crate::string::Flat::Utf16(u) => u.len() * 2,
                    };
                    external::note(bytes);
                    f
                })
                .view(),
        }
    }
    /// Concatenates the leaves of rope `s` (iteratively: ropes can be deep).
    fn flatten(&self, s: StrId) -> crate::string::Flat {
        let mut latin1 = true;
        let mut stack = vec![s];
        let mut leaves: Vec<StrView<'_>> = Vec::new();
        while let Some(x) = stack.pop() {
            let js = self.strings.get(x.0);
            match &js.repr {
                Repr::Flat(f) => leaves.push(f.view()),
                Repr::Rope(r) => match r.flat.get() {
                    Some(f) => leaves.push(f.view()),
                    None => {
                        stack.push(r.right);
                        stack.push(r.left);
                        continue;
                    }
                },
            }
            if let Some(StrView::Utf16(_)) = leaves.last() {
                latin1 = false;
            }
        }
        if latin1 {
            let mut out = Vec::new();
            for l in leaves {
                if let StrView::Latin1(b) = l {
                    out.extend_from_slice(b);
                }
            }
            crate::string::Flat::Latin1(out.into())
        } else {
            let mut out = Vec::new();
            for l in leaves {
                out.extend(l.units());
            }
            crate::string::Flat::from_units(&out)
        }
    }
    pub fn string_count(&self) -> usize {
        self.strings.live
    }

    // ---- Symbols ----
    pub fn alloc_symbol(&mut self, s: Symbol) -> SymId {
        self.debt += std::mem::size_of::<Symbol>();
        SymId(self.symbols.alloc(s))
    }
    #[track_caller]
    pub fn symbol(&self, s: SymId) -> &Symbol {
        self.symbols.get(s.0)
    }

    // ---- BigInts ----
    /// Stores a BigInt of magnitude 2^64 or more (use `bigint::make` for
    /// any value: it keeps the canonical form).
    pub(crate) fn alloc_bigint(&mut self, n: num_bigint::BigInt) -> BigId {
        self.debt += 32 + (n.bits() / 8) as usize;
        BigId(self.bigints.alloc(n))
    }
    #[inline]
    #[track_caller]
    pub fn bigint(&self, b: BigId) -> &num_bigint::BigInt {
        self.bigints.get(b.0)
    }
    pub fn bigint_count(&self) -> usize {
        self.bigints.live
    }

    // ---- Environments ----
    pub fn alloc_env(&mut self, e: Environment) -> EnvId {
        self.debt += std::mem::size_of::<Environment>() + 64;
        EnvId(self.envs.alloc(e))
    }
    #[inline]
    #[track_caller]
    pub fn env(&self, e: EnvId) -> &Environment {
        self.envs.get(e.0)
    }
    #[inline]
    #[track_caller]
    pub fn env_mut(&mut self, e: EnvId) -> &mut Environment {
        self.envs.remember(e.0);
        self.envs.get_mut(e.0)
    }

    /// Adds `bytes` to the allocation debt (for memory an arena slot owns
    /// indirectly, e.g. a growing element vector).
    #[inline]
    pub fn add_debt(&mut self, bytes: usize) {
        self.debt += bytes;
    }
    /// True when the next safepoint should collect.
    #[inline]
    pub fn wants_gc(&self) -> bool {
        self.debt + external::pending() >= self.threshold
    }
}

/// The mark state of one collection: mark bits per arena and worklists (no
/// recursion, so deep object graphs cannot overflow the Rust stack).
pub struct Tracer {
    /// Mark bitmaps, one bit per arena slot (see `Arena::live_bits`).
    pub(crate) obj_marks: Vec<u64>,
    pub(crate) str_marks: Vec<u64>,
    pub(crate) sym_marks: Vec<u64>,
    pub(crate) env_marks: Vec<u64>,
    pub(crate) big_marks: Vec<u64>,
    pub(crate) shape_marks: Vec<u64>,
    /// Marks of the property dictionaries (`ShapeTable::sweep_dicts`).
    pub(crate) dict_marks: Vec<u64>,
    pub(crate) obj_work: Vec<u32>,
    pub(crate) str_work: Vec<u32>,
    pub(crate) env_work: Vec<u32>,
    pub(crate) sym_work: Vec<u32>,
    pub(crate) shape_work: Vec<u32>,
    /// The object being traced (for `note_ephemeron_table`).
    pub(crate) current: Option<ObjId>,
    /// Bytes of the objects, strings and environments traced.
    pub(crate) traced_bytes: usize,
    /// Bytes of the remembered old objects a minor collection traces
    /// again (not promoted, so not new old bytes).
    pub(crate) remembered_bytes: usize,
    /// Set by a minor collection that leaves its survivors young: the old
    /// sets and remembered sets it started from, which `finish` restores.
    pub(crate) keep_young: Option<KeepYoung>,
    /// Objects holding ephemeron tables, for the fixpoint and the sweep.
    pub(crate) ephemeron_tables: Vec<ObjId>,
    /// WeakRef objects, to clear dead targets after marking.
    pub(crate) weak_refs: Vec<ObjId>,
}

/// The state a non-promoting minor collection returns to (see
/// `Tracer::keep_young`): the old sets of the object, string, symbol,
/// environment and BigInt arenas, and the remembered objects and
/// environments. Its survivors are traced again by the next collection,
/// which the restored remembered sets make find them.
pub(crate) struct KeepYoung {
    marks: [Vec<u64>; 5],
    remembered: (Vec<u32>, Vec<u32>),
}

/// A cleared bitmap of `n` bits.
fn bitmap(n: usize) -> Vec<u64> {
    vec![0; n.div_ceil(64)]
}

/// Sizes `bits` for `n` bits, cleared first when `clear`.
fn resize_marks(bits: &mut Vec<u64>, n: usize, clear: bool) {
    if clear {
        bits.clear();
    }
    bits.resize(n.div_ceil(64), 0);
}

/// The starting marks of a collection over `arena`: its old set (minor)
/// or nothing (full).
fn take_marks<T>(marks: &mut Vec<u64>, arena: &mut Arena<T>, full: bool) {
    *marks = std::mem::take(&mut arena.old);
    resize_marks(marks, arena.capacity(), full);
}

/// Sets bit `i` of `bits`; true when it was clear (false when already set
/// or out of range).
#[inline(always)]
fn bit_set(bits: &mut [u64], i: u32) -> bool {
    match bits.get_mut((i >> 6) as usize) {
        Some(w) => {
            let m = 1u64 << (i & 63);
            let fresh = *w & m == 0;
            *w |= m;
            fresh
        }
        None => false,
    }
}

impl Tracer {
    /// The tracer of a new collection: the previous collection's buffers
    /// (`Heap::spare_tracer`) cleared and resized, or new ones. Reusing them
    /// spares the allocator a few large allocations and frees per
    /// collection (with glibc, each large free makes it consolidate every
    /// small free chunk, and a collection has just freed many).
    pub(crate) fn new(heap: &mut Heap, full: bool, promote: bool) -> Tracer {
        let mut t = match heap.spare_tracer.take() {
            Some(b) => *b,
            None => Tracer::fresh(heap),
        };
        // A minor collection starts with the old things marked (they are
        // not traced again unless remembered); a full one from nothing.
        take_marks(&mut t.obj_marks, &mut heap.objects, full);
        take_marks(&mut t.str_marks, &mut heap.strings, full);
        take_marks(&mut t.sym_marks, &mut heap.symbols, full);
        take_marks(&mut t.env_marks, &mut heap.envs, full);
        take_marks(&mut t.big_marks, &mut heap.bigints, full);
        // Shapes are never freed and dictionaries only with their object,
        // so their marks simply carry over between minor collections.
        resize_marks(&mut t.shape_marks, heap.shapes.len(), full);
        resize_marks(&mut t.dict_marks, heap.shapes.dict_capacity(), full);
        t.obj_work.clear();
        t.str_work.clear();
        t.env_work.clear();
        t.sym_work.clear();
        t.shape_work.clear();
        t.current = None;
        t.ephemeron_tables.clear();
        t.weak_refs.clear();
        // The remembered old things are roots of a minor collection (and
        // traced anyway by a full one).
        t.traced_bytes = 0;
        t.remembered_bytes = 0;
        t.keep_young = (!full && !promote).then(|| KeepYoung {
            marks: [
                t.obj_marks.clone(),
                t.str_marks.clone(),
                t.sym_marks.clone(),
                t.env_marks.clone(),
                t.big_marks.clone(),
            ],
            remembered: (
                heap.objects.remembered.clone(),
                heap.envs.remembered.clone(),
            ),
        });
        let objects = std::mem::take(&mut heap.objects.remembered);
        let envs = std::mem::take(&mut heap.envs.remembered);
        if !full {
            for i in objects {
                t.mark_object(ObjId::from_index(i));
                t.remembered_bytes += heap.objects.try_get(i).map_or(0, Object::footprint);
            }
            for i in envs {
                t.mark_env(EnvId(i));
                t.remembered_bytes += ENV_BYTES;
            }
        }
        t
    }
    /// Ends a collection: the mark bits become the arenas' old sets and
    /// the buffers are kept for the next collection.
    pub(crate) fn finish(mut self, heap: &mut Heap) {
        match self.keep_young.take() {
            Some(k) => {
                let [o, s, y, e, b] = k.marks;
                (heap.objects.old, heap.strings.old, heap.symbols.old) = (o, s, y);
                (heap.envs.old, heap.bigints.old) = (e, b);
                (heap.objects.remembered, heap.envs.remembered) = k.remembered;
            }
            None => {
                heap.objects.old = std::mem::take(&mut self.obj_marks);
                heap.strings.old = std::mem::take(&mut self.str_marks);
                heap.symbols.old = std::mem::take(&mut self.sym_marks);
                heap.envs.old = std::mem::take(&mut self.env_marks);
                heap.bigints.old = std::mem::take(&mut self.big_marks);
            }
        }
        heap.spare_tracer = Some(Box::new(self));
    }
    fn fresh(heap: &Heap) -> Tracer {
        Tracer {
            obj_marks: bitmap(heap.objects.capacity()),
            str_marks: bitmap(heap.strings.capacity()),
            sym_marks: bitmap(heap.symbols.capacity()),
            env_marks: bitmap(heap.envs.capacity()),
            big_marks: bitmap(heap.bigints.capacity()),
            shape_marks: bitmap(heap.shapes.len()),
            dict_marks: bitmap(heap.shapes.dict_capacity()),
            obj_work: Vec::new(),
            str_work: Vec::new(),
            env_work: Vec::new(),
            sym_work: Vec::new(),
            shape_work: Vec::new(),
            current: None,
            traced_bytes: 0,
            remembered_bytes: 0,
            keep_young: None,
            ephemeron_tables: Vec::new(),
            weak_refs: Vec::new(),
        }
    }
    #[inline(always)]
    pub fn mark_value(&mut self, v: Value) {
        match v {
            Value::Object(o) => self.mark_object(o),
            Value::String(s) => self.mark_string(s),
            Value::Symbol(s) => self.mark_symbol(s),
            Value::BigInt(BigIntValue::Heap(b)) => self.mark_bigint(b),
            _ => {}
        }
    }
    /// Marks a heap BigInt (a leaf: no worklist).
    #[inline]
    pub fn mark_bigint(&mut self, b: BigId) {
        bit_set(&mut self.big_marks, b.0);
    }
    #[inline(always)]
    pub fn mark_object(&mut self, o: ObjId) {
        if bit_set(&mut self.obj_marks, o.index()) {
            self.obj_work.push(o.index());
        }
    }
    #[inline]
    pub fn mark_string(&mut self, s: StrId) {
        if bit_set(&mut self.str_marks, s.0) {
            self.str_work.push(s.0);
        }
    }
    #[inline]
    pub fn mark_symbol(&mut self, s: SymId) {
        // A symbol's description is marked when the symbol is processed in
        // `gc::mark` (symbols are leaves apart from that).
        if bit_set(&mut self.sym_marks, s.0) {
            self.sym_work.push(s.0);
        }
    }
    #[inline]
    pub fn mark_env(&mut self, e: EnvId) {
        if bit_set(&mut self.env_marks, e.0) {
            self.env_work.push(e.0);
        }
    }
    #[inline]
    pub fn mark_key(&mut self, k: PropertyKey) {
        if let PropertyKey::Symbol(s) = k {
            self.mark_symbol(s);
        }
    }
    #[inline]
    /// Keeps a dictionary-mode object's property dictionary.
    pub(crate) fn mark_dict(&mut self, d: crate::object::shape::DictId) {
        bit_set(&mut self.dict_marks, d.0);
    }
    pub fn mark_shape(&mut self, s: ShapeId) {
        if bit_set(&mut self.shape_marks, s.0) {
            self.shape_work.push(s.0);
        }
    }
    /// Called by `WeakTable::trace`: the object being traced holds an
    /// ephemeron table.
    pub fn note_ephemeron_table(&mut self) {
        if let Some(o) = self.current {
            self.ephemeron_tables.push(o);
        }
    }
    /// Called when tracing a WeakRef object.
    pub fn note_weak_ref(&mut self) {
        if let Some(o) = self.current {
            self.weak_refs.push(o);
        }
    }
    /// True once `o` is marked (for ephemeron checks).
    pub fn is_object_marked(&self, o: ObjId) -> bool {
        bit_test(&self.obj_marks, o.index())
    }
    pub fn is_symbol_marked(&self, s: SymId) -> bool {
        bit_test(&self.sym_marks, s.0)
    }
}

/// Traces a bytecode closure's handles (the interpreter's `Closure::trace`).
pub(crate) fn trace_closure(c: &Closure, t: &mut Tracer) {
    c.trace(t);
}

/// Traces an environment's handles (the interpreter's `Environment::trace`).
pub(crate) fn trace_env(e: &Environment, t: &mut Tracer) {
    e.trace(t);
}
