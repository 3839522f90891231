//! `OrderedTable`: the storage behind Map and Set (ECMAScript 24.1, 24.2):
//! an insertion-ordered hash table keyed by SameValueZero.
//!
//! Entries live in a dense vector in insertion order; a deleted entry leaves
//! a tombstone (`None`) so that positions held by live iterators stay valid.
//! The index is a `hashbrown::HashTable` of positions, hashed by the key's
//! SameValueZero hash (strings by their code units, whatever their
//! representation), so lookups compare against the stored keys in the heap
//! and never copy a string. When tombstones outnumber live entries the
//! vector is compacted, and every live `Cursor` (an iterator's position,
//! shared through an `Rc`) moves to the position of the first entry it had
//! not yet visited.
//!
//! Invariant: the index holds exactly the positions of the live entries,
//! each under its entry's stored `hash`; keys are stored normalized (-0 as
//! +0); a cursor never points past `entries.len()`.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use hashbrown::HashTable;

use crate::heap::{Heap, Tracer};
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

/// The SameValueZero hash of a key (-0 and +0 alike, every NaN alike,
/// strings by content).
pub fn key_hash(heap: &Heap, v: Value) -> u64 {
    fn mix(tag: u64, x: u64) -> u64 {
        // splitmix64 finalizer.
        let mut z = x ^ tag.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    match v {
        Value::Undefined | Value::Uninit => mix(1, 0),
        Value::Null => mix(2, 0),
        Value::Boolean(b) => mix(3, b as u64),
        Value::Number(n) => {
            let bits = if n.is_nan() {
                f64::NAN.to_bits()
            } else if n == 0.0 {
                0
            } else {
                n.to_bits()
            };
            mix(4, bits)
        }
        Value::String(s) => mix(5, heap.str(s).hash_units()),
        Value::Symbol(s) => mix(6, s.0 as u64),
        Value::Object(o) => mix(7, o.index() as u64),
        // BigInts are canonical, so equal values have equal representations.
        Value::BigInt(crate::value::BigIntValue::Pos(m)) => mix(8, m),
        Value::BigInt(crate::value::BigIntValue::Neg(m)) => mix(9, m),
        Value::BigInt(crate::value::BigIntValue::Heap(b)) => heap
            .bigint(b)
            .iter_u64_digits()
            .fold(mix(10, heap.bigint(b).bits()), mix),
    }
}

/// SameValueZero(a, b) (7.2.11), reading strings from the heap.
pub fn same_value_zero(heap: &Heap, a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Undefined | Value::Uninit, Value::Undefined | Value::Uninit) => true,
        (Value::Null, Value::Null) => true,
        (Value::Boolean(x), Value::Boolean(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::String(x), Value::String(y)) => x == y || heap.str(x).eq_view(heap.str(y)),
        (Value::Symbol(x), Value::Symbol(y)) => x == y,
        (Value::Object(x), Value::Object(y)) => x == y,
        (Value::BigInt(x), Value::BigInt(y)) => crate::bigint::equals(heap, x, y),
        _ => false,
    }
}

/// Map.prototype.set / Set.prototype.add step: "If key is -0, set key to +0".
pub fn normalize_key(v: Value) -> Value {
    match v {
        // -0 == 0, so this maps both zeros to +0.
        Value::Number(n) => Value::Number(if n == 0.0 { 0.0 } else { n }),
        other => other,
    }
}

/// A position in a table's entry list, kept valid across compaction.
/// Dropping the cursor unregisters it.
pub struct Cursor(Rc<Cell<usize>>);

impl Cursor {
    /// The position of the next entry to look at.
    pub fn position(&self) -> usize {
        self.0.get()
    }
}

/// One live entry.
#[derive(Clone, Copy)]
struct Entry {
    key: Value,
    value: Value,
    hash: u64,
}

/// The table. Values are `Value::Undefined` for sets.
#[derive(Default)]
pub struct OrderedTable {
    entries: Vec<Option<Entry>>,
    /// Positions of the live entries, hashed by their key.
    index: HashTable<usize>,
    /// Positions of live iterators (dead ones are pruned now and then).
    cursors: Vec<Weak<Cell<usize>>>,
}

impl OrderedTable {
    pub fn new() -> OrderedTable {
        OrderedTable::default()
    }

    /// The number of live entries (the `size` getter).
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The position of the entry whose key is SameValueZero to `key`.
    pub fn find(&self, heap: &Heap, key: Value) -> Option<usize> {
        let hash = key_hash(heap, key);
        let entries = &self.entries;
        self.index
            .find(hash, |&pos| {
                entries
                    .get(pos)
                    .copied()
                    .flatten()
                    .is_some_and(|e| e.hash == hash && same_value_zero(heap, e.key, key))
            })
            .copied()
    }

    /// The value stored for `key`.
    pub fn get(&self, heap: &Heap, key: Value) -> Option<Value> {
        let pos = self.find(heap, key)?;
        self.entries.get(pos).copied().flatten().map(|e| e.value)
    }

    pub fn has(&self, heap: &Heap, key: Value) -> bool {
        self.find(heap, key).is_some()
    }

    /// Replaces the value of the entry at `pos` (from `find`).
    pub fn set_value_at(&mut self, pos: usize, value: Value) {
        if let Some(Some(e)) = self.entries.get_mut(pos) {
            e.value = value;
        }
    }

    /// Appends a new entry; `hash` is `key_hash(key)` and the key must not
    /// be present (check with `find` first).
    pub fn push(&mut self, hash: u64, key: Value, value: Value) {
        let key = normalize_key(key);
        let pos = self.entries.len();
        self.entries.push(Some(Entry { key, value, hash }));
        let entries = &self.entries;
        self.index.insert_unique(hash, pos, |&p| {
            entries.get(p).copied().flatten().map_or(0, |e| e.hash)
        });
    }

    /// Removes the entry at `pos` (from `find`).
    pub fn remove_at(&mut self, pos: usize) {
        let Some(Some(e)) = self.entries.get(pos).copied() else {
            return;
        };
        if let Ok(entry) = self.index.find_entry(e.hash, |&p| p == pos) {
            entry.remove();
        }
        if let Some(slot) = self.entries.get_mut(pos) {
            *slot = None;
        }
        let tombstones = self.entries.len() - self.index.len();
        if tombstones > 16 && tombstones > self.index.len() {
            self.compact();
        }
    }

    /// Removes every entry. Live cursors restart at 0, where entries added
    /// later will appear (the spec's "set every entry to empty").
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.cursors.retain(|w| match w.upgrade() {
            Some(c) => {
                c.set(0);
                true
            }
            None => false,
        });
    }

    /// A new cursor at the first entry.
    pub fn cursor(&mut self) -> Cursor {
        let c = Rc::new(Cell::new(0));
        // Keep the list from growing without bound when iterators are
        // created and dropped repeatedly without compaction.
        if self.cursors.len() >= 32 && self.cursors.len().is_power_of_two() {
            self.cursors.retain(|w| w.strong_count() > 0);
        }
        self.cursors.push(Rc::downgrade(&c));
        Cursor(c)
    }

    /// The entry at the cursor (skipping deleted ones) as (key, value),
    /// advancing past it; None when the cursor reached the end.
    pub fn next_entry(&self, cursor: &Cursor) -> Option<(Value, Value)> {
        let mut i = cursor.0.get();
        while i < self.entries.len() {
            let e = self.entries.get(i).copied().flatten();
            i += 1;
            if let Some(e) = e {
                cursor.0.set(i);
                return Some((e.key, e.value));
            }
        }
        cursor.0.set(i);
        None
    }

    /// The live entries in order, as (key, value).
    pub fn entries(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.entries.iter().flatten().map(|e| (e.key, e.value))
    }

    /// A copy with the same live entries (compacted, no cursors).
    pub fn copy(&self) -> OrderedTable {
        let mut t = OrderedTable::new();
        for e in self.entries.iter().flatten() {
            t.push(e.hash, e.key, e.value);
        }
        t
    }

    /// Reports every key and value to the collector.
    pub fn trace(&self, t: &mut Tracer) {
        for (k, v) in self.entries() {
            t.mark_value(k);
            t.mark_value(v);
        }
    }

    /// Drops tombstones, moves live cursors to their new positions and
    /// rebuilds the index.
    fn compact(&mut self) {
        // new_pos[i] = number of live entries before old position i.
        let mut new_pos = Vec::with_capacity(self.entries.len() + 1);
        let mut live = 0usize;
        for e in &self.entries {
            new_pos.push(live);
            if e.is_some() {
                live += 1;
            }
        }
        new_pos.push(live);
        let old_len = self.entries.len();
        self.cursors.retain(|w| match w.upgrade() {
            Some(c) => {
                let p = c.get().min(old_len);
                c.set(new_pos.get(p).copied().unwrap_or(live));
                true
            }
            None => false,
        });
        self.entries.retain(|e| e.is_some());
        self.entries.shrink_to(self.entries.len() * 2);
        self.index.clear();
        let entries = &self.entries;
        for (pos, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                self.index.insert_unique(e.hash, pos, |&p| {
                    entries.get(p).copied().flatten().map_or(0, |e| e.hash)
                });
            }
        }
    }
}

// ---- Operations on the table of a Map or Set object ----

/// The table of `o` if it is a Map or a Set.
pub fn table_of(vm: &Vm, o: ObjId) -> Option<&OrderedTable> {
    match &vm.heap.obj(o).kind {
        ObjectKind::Map(t) | ObjectKind::Set(t) => Some(t),
        _ => None,
    }
}

/// The table of `o` if it is a Map or a Set, mutably.
pub fn table_of_mut(vm: &mut Vm, o: ObjId) -> Option<&mut OrderedTable> {
    match &mut vm.heap.obj_mut(o).kind {
        ObjectKind::Map(t) | ObjectKind::Set(t) => Some(t),
        _ => None,
    }
}

/// The value for `key` in Map/Set `o`.
pub fn table_get(vm: &Vm, o: ObjId, key: Value) -> Option<Value> {
    table_of(vm, o)?.get(&vm.heap, key)
}

/// Whether Map/Set `o` has `key`.
pub fn table_has(vm: &Vm, o: ObjId, key: Value) -> bool {
    table_of(vm, o).is_some_and(|t| t.has(&vm.heap, key))
}

/// Sets `key` (normalized) to `value` in Map/Set `o`, appending it if
/// absent; with `overwrite` false an existing entry is left alone (Set
/// semantics).
pub fn table_set(vm: &mut Vm, o: ObjId, key: Value, value: Value, overwrite: bool) {
    let key = normalize_key(key);
    let found = table_of(vm, o).map(|t| (t.find(&vm.heap, key), key_hash(&vm.heap, key)));
    let Some((pos, hash)) = found else {
        return;
    };
    if let Some(t) = table_of_mut(vm, o) {
        match pos {
            Some(p) if overwrite => t.set_value_at(p, value),
            Some(_) => {}
            None => t.push(hash, key, value),
        }
    }
}

/// Removes `key` from Map/Set `o`; true if it was there.
pub fn table_delete(vm: &mut Vm, o: ObjId, key: Value) -> bool {
    let Some(pos) = table_of(vm, o).and_then(|t| t.find(&vm.heap, key)) else {
        return false;
    };
    if let Some(t) = table_of_mut(vm, o) {
        t.remove_at(pos);
    }
    true
}

/// A new cursor into the table of Map/Set `o`.
pub fn table_cursor(vm: &mut Vm, o: ObjId) -> Option<Cursor> {
    table_of_mut(vm, o).map(|t| t.cursor())
}

/// The next entry of Map/Set `o` at `cursor`.
pub fn table_next(vm: &Vm, o: ObjId, cursor: &Cursor) -> Option<(Value, Value)> {
    table_of(vm, o)?.next_entry(cursor)
}

/// The state of a Map Iterator or Set Iterator object (24.1.5, 24.2.6):
/// the iterated collection and the cursor into its table, dropped (set to
/// `None`) once the iterator is exhausted so that later `next()` calls
/// return done without looking at the collection again.
pub struct TableIteratorData {
    pub target: Option<(ObjId, Cursor)>,
    pub kind: super::iterator::IterKind,
}

impl TableIteratorData {
    pub fn trace(&self, t: &mut Tracer) {
        if let Some((o, _)) = &self.target {
            t.mark_object(*o);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heap() -> Heap {
        Heap::new()
    }

    fn add(h: &Heap, t: &mut OrderedTable, n: f64) {
        let k = Value::Number(n);
        match t.find(h, k) {
            Some(pos) => t.set_value_at(pos, Value::Number(n * 10.0)),
            None => t.push(key_hash(h, k), k, Value::Number(n * 10.0)),
        }
    }

    fn remove(h: &Heap, t: &mut OrderedTable, n: f64) -> bool {
        match t.find(h, Value::Number(n)) {
            Some(pos) => {
                t.remove_at(pos);
                true
            }
            None => false,
        }
    }

    fn next(t: &OrderedTable, c: &Cursor) -> Option<f64> {
        t.next_entry(c).and_then(|(k, _)| k.as_number())
    }

    #[test]
    fn same_value_zero_keys() {
        let h = heap();
        assert_eq!(
            key_hash(&h, Value::Number(-0.0)),
            key_hash(&h, Value::Number(0.0))
        );
        assert_eq!(
            key_hash(&h, Value::Number(f64::NAN)),
            key_hash(&h, Value::Number(-f64::NAN))
        );
        assert!(same_value_zero(&h, Value::Number(-0.0), Value::Number(0.0)));
        assert!(same_value_zero(
            &h,
            Value::Number(f64::NAN),
            Value::Number(f64::NAN)
        ));
        assert!(!same_value_zero(
            &h,
            Value::Number(1.0),
            Value::Boolean(true)
        ));
        assert!(
            matches!(normalize_key(Value::Number(-0.0)), Value::Number(z) if z.is_sign_positive())
        );
    }

    #[test]
    fn insertion_order_and_update() {
        let h = heap();
        let mut t = OrderedTable::new();
        add(&h, &mut t, 3.0);
        add(&h, &mut t, 1.0);
        add(&h, &mut t, 2.0);
        add(&h, &mut t, 3.0);
        let keys: Vec<f64> = t.entries().filter_map(|(k, _)| k.as_number()).collect();
        assert_eq!(keys, vec![3.0, 1.0, 2.0]);
        assert!(matches!(t.get(&h, Value::Number(3.0)), Some(Value::Number(v)) if v == 30.0));
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn iteration_sees_additions_and_skips_deletions() {
        let h = heap();
        let mut t = OrderedTable::new();
        for i in 0..4 {
            add(&h, &mut t, i as f64);
        }
        let c = t.cursor();
        assert_eq!(next(&t, &c), Some(0.0));
        remove(&h, &mut t, 1.0);
        add(&h, &mut t, 4.0);
        assert_eq!(next(&t, &c), Some(2.0));
        assert_eq!(next(&t, &c), Some(3.0));
        assert_eq!(next(&t, &c), Some(4.0));
        assert_eq!(next(&t, &c), None);
    }

    #[test]
    fn compaction_keeps_live_cursors_in_place() {
        let h = heap();
        let mut t = OrderedTable::new();
        for i in 0..100 {
            add(&h, &mut t, i as f64);
        }
        let c = t.cursor();
        for i in 0..10 {
            assert_eq!(next(&t, &c), Some(i as f64));
        }
        // Delete 5..95 (the cursor is at 10): compaction happens meanwhile.
        for i in 5..95 {
            assert!(remove(&h, &mut t, i as f64));
        }
        assert!(t.entries.len() < 100, "compacted");
        let rest: Vec<f64> = std::iter::from_fn(|| next(&t, &c)).collect();
        assert_eq!(rest, vec![95.0, 96.0, 97.0, 98.0, 99.0]);
        for i in (0..5).chain(95..100) {
            assert!(t.has(&h, Value::Number(i as f64)));
        }
        assert!(!t.has(&h, Value::Number(50.0)));
        assert_eq!(t.len(), 10);
    }

    #[test]
    fn clear_restarts_cursors() {
        let h = heap();
        let mut t = OrderedTable::new();
        add(&h, &mut t, 1.0);
        add(&h, &mut t, 2.0);
        let c = t.cursor();
        assert_eq!(next(&t, &c), Some(1.0));
        t.clear();
        assert_eq!(t.len(), 0);
        add(&h, &mut t, 7.0);
        assert_eq!(next(&t, &c), Some(7.0));
        assert_eq!(next(&t, &c), None);
    }

    #[test]
    fn dropped_cursors_are_pruned() {
        let mut t = OrderedTable::new();
        for _ in 0..100 {
            drop(t.cursor());
        }
        assert!(t.cursors.len() <= 64);
    }
}
