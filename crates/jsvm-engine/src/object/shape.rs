//! Shapes (hidden classes): a transition tree keyed by (key, flags); each
//! shape knows its property count, the slot of each key and their creation
//! order. Also the dictionary-mode property map used by objects that had
//! properties deleted, reconfigured into another kind, or too many added.
//!
//! Invariants: shapes are immutable once created and never collected, so a
//! `(ShapeId, slot)` pair cached by an inline cache stays meaningful: any
//! object whose shape is `s` has the same keys, flags and slots as every other
//! object with shape `s`. A data property takes one slot; an accessor takes
//! two consecutive slots (getter, setter; `undefined` when absent). Array
//! indices never live in shapes (they are elements).

use std::hash::{BuildHasherDefault, Hasher};

/// A hash map keyed by property keys, with `KeyHasher`.
type KeyMap<K, V> = hashbrown::HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// A fast hasher for property keys (a tag and a 32-bit id, never
/// attacker-chosen bytes): a multiply-rotate mix per word, as in rustc's
/// FxHasher.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(26) ^ w).wrapping_mul(Self::K);
    }
}

impl Hasher for KeyHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown takes the top bits for its control bytes: fold the
        // well-mixed high half down as well.
        self.0 ^ (self.0 >> 29)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn write_isize(&mut self, i: isize) {
        self.add(i as u64);
    }
}

use crate::atom::atoms;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey};

/// Handle of a shape in the `ShapeTable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ShapeId(pub u32);

impl ShapeId {
    /// The empty shape every new object starts with.
    pub const ROOT: ShapeId = ShapeId(0);
    /// What `Vm::shape_of` reports for a dictionary-mode object; no inline
    /// cache entry ever matches it.
    pub const DICTIONARY: ShapeId = ShapeId(u32::MAX);
}

/// Property attribute bits (`Attrs`) plus whether it is an accessor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PropFlags(pub u8);

impl PropFlags {
    pub const WRITABLE: u8 = 1;
    pub const ENUMERABLE: u8 = 2;
    pub const CONFIGURABLE: u8 = 4;
    pub const ACCESSOR: u8 = 8;
    /// A data property with the given attributes.
    pub fn data(a: Attrs) -> PropFlags {
        PropFlags(a.0 & 7)
    }
    /// An accessor property with the given enumerable/configurable bits.
    pub fn accessor(enumerable: bool, configurable: bool) -> PropFlags {
        let mut f = Self::ACCESSOR;
        if enumerable {
            f |= Self::ENUMERABLE;
        }
        if configurable {
            f |= Self::CONFIGURABLE;
        }
        PropFlags(f)
    }
    pub fn writable(self) -> bool {
        self.0 & Self::WRITABLE != 0
    }
    pub fn enumerable(self) -> bool {
        self.0 & Self::ENUMERABLE != 0
    }
    pub fn configurable(self) -> bool {
        self.0 & Self::CONFIGURABLE != 0
    }
    pub fn is_accessor(self) -> bool {
        self.0 & Self::ACCESSOR != 0
    }
    /// Slots the property takes.
    pub fn width(self) -> u32 {
        if self.is_accessor() {
            2
        } else {
            1
        }
    }
    /// Writable, enumerable, configurable data.
    pub const DEFAULT: PropFlags = PropFlags(7);
}

/// Where an own property lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PropSlot {
    pub slot: u32,
    pub flags: PropFlags,
}

/// Shapes with at most this many properties are searched linearly; larger
/// ones use the hash map of their property table.
const LINEAR_LOOKUP_MAX: u32 = 8;
/// Objects with more properties than this go to dictionary mode.
pub const MAX_SHAPE_PROPERTIES: u32 = 1024;

/// The properties of a chain of shapes, in creation order, shared by every
/// shape of one unbranched transition path: a shape with `count` properties
/// sees the first `count` entries. Adding a property to the shape at the end
/// of the table appends in place; adding to a shape in the middle (a branch)
/// copies its prefix into a new table. So lookups are O(1) and a path of n
/// shapes costs O(n) memory, not O(n^2).
#[derive(Default)]
struct PropTable {
    entries: Vec<(PropertyKey, PropSlot)>,
    /// Key -> index in `entries`, kept once the table holds more than
    /// `LINEAR_LOOKUP_MAX` entries (empty before: small shapes are searched
    /// linearly).
    index: KeyMap<PropertyKey, u32>,
}

impl PropTable {
    fn with_entries(entries: Vec<(PropertyKey, PropSlot)>) -> PropTable {
        let mut t = PropTable {
            entries,
            index: KeyMap::default(),
        };
        t.index_if_large();
        t
    }
    /// Appends an entry (a key not yet in the table).
    fn push(&mut self, key: PropertyKey, slot: PropSlot) {
        self.entries.push((key, slot));
        if !self.index.is_empty() {
            self.index.insert(key, self.entries.len() as u32 - 1);
        } else {
            self.index_if_large();
        }
    }
    fn index_if_large(&mut self) {
        if self.entries.len() > LINEAR_LOOKUP_MAX as usize && self.index.is_empty() {
            self.index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.0, i as u32))
                .collect();
        }
    }
}

/// The transitions out of a shape: almost always none or one, kept inline;
/// further ones in a map.
#[derive(Default)]
struct Transitions {
    first: Option<((PropertyKey, PropFlags), ShapeId)>,
    more: KeyMap<(PropertyKey, PropFlags), ShapeId>,
}

impl Transitions {
    fn get(&self, k: (PropertyKey, PropFlags)) -> Option<ShapeId> {
        match self.first {
            Some((f, s)) if f == k => Some(s),
            Some(_) => self.more.get(&k).copied(),
            None => None,
        }
    }
    fn insert(&mut self, k: (PropertyKey, PropFlags), s: ShapeId) {
        if self.first.is_none() {
            self.first = Some((k, s));
        } else {
            self.more.insert(k, s);
        }
    }
}

struct Shape {
    parent: Option<ShapeId>,
    /// The property this shape added to its parent (meaningless on the root).
    key: PropertyKey,
    flags: PropFlags,
    slot: u32,
    /// Number of properties.
    count: u32,
    /// Number of slots the properties use.
    slot_count: u32,
    transitions: Transitions,
    /// Index of its property table in `ShapeTable::tables`.
    table: u32,
}

/// The shapes of objects whose properties are always the same keys with
/// the same attributes in the same order. Each is reached from the root
/// through the ordinary transitions, so it is the very shape that defining
/// the properties one by one would give (inline caches cannot tell the
/// difference); creating such an object with its final shape skips the
/// transitions and the slot vector's growth.
#[derive(Clone, Copy, Debug)]
pub struct CommonShapes {
    /// A fresh built-in function (CreateBuiltinFunction): `length` then
    /// `name`, both configurable only.
    pub builtin_function: ShapeId,
    /// CreateIterResultObject: `value` then `done`, both writable,
    /// enumerable and configurable.
    pub iter_result: ShapeId,
}

/// All shapes of a heap.
pub struct ShapeTable {
    shapes: Vec<Shape>,
    /// The property tables shapes share (see `PropTable`).
    tables: Vec<PropTable>,
    /// See `CommonShapes`.
    pub common: CommonShapes,
    /// The dictionaries of dictionary-mode objects, by `DictId` (`None`:
    /// free, listed in `free_dicts`).
    dicts: Vec<Option<DictProps>>,
    free_dicts: Vec<u32>,
    /// The validity epoch of the prototype-chain inline caches (see
    /// `interp::ic`): advanced whenever an object some cache entry relies
    /// on (`flags::PROTO_CACHED`) changes shape or prototype, or dies.
    proto_epoch: u64,
    /// The objects flagged `PROTO_CACHED`, for the collector to notice
    /// their death (a new object could take a dead one's id).
    proto_cached: Vec<ObjId>,
}

impl ShapeTable {
    /// The current prototype-chain cache epoch.
    #[inline(always)]
    pub(crate) fn proto_epoch(&self) -> u64 {
        self.proto_epoch
    }
    /// Makes every prototype-chain cache entry stale.
    #[cold]
    pub(crate) fn invalidate_proto_caches(&mut self) {
        self.proto_epoch += 1;
    }
    /// Lists `o`, which the caller has just flagged `PROTO_CACHED`.
    pub(crate) fn note_proto_cached(&mut self, o: ObjId) {
        self.proto_cached.push(o);
    }
    /// Drops the listed objects that `live` says are dead (and so the
    /// entries relying on them), after marking.
    pub(crate) fn forget_dead_protos(&mut self, live: impl Fn(ObjId) -> bool) {
        let before = self.proto_cached.len();
        self.proto_cached.retain(|&o| live(o));
        if self.proto_cached.len() != before {
            self.invalidate_proto_caches();
        }
    }
    /// Stores a new dictionary.
    pub(crate) fn new_dict(&mut self, d: DictProps) -> DictId {
        if let Some(i) = self.free_dicts.pop() {
            if let Some(slot) = self.dicts.get_mut(i as usize) {
                *slot = Some(d);
                return DictId(i);
            }
        }
        self.dicts.push(Some(d));
        DictId((self.dicts.len() - 1) as u32)
    }
    #[track_caller]
    pub(crate) fn dict(&self, id: DictId) -> &DictProps {
        match self.dicts.get(id.0 as usize) {
            Some(Some(d)) => d,
            _ => panic!("use of a freed property dictionary"),
        }
    }
    #[track_caller]
    pub(crate) fn dict_mut(&mut self, id: DictId) -> &mut DictProps {
        match self.dicts.get_mut(id.0 as usize) {
            Some(Some(d)) => d,
            _ => panic!("use of a freed property dictionary"),
        }
    }
    /// Number of dictionary ids in use or free (the mark bitmap's size).
    pub(crate) fn dict_capacity(&self) -> usize {
        self.dicts.len()
    }
    /// Frees every dictionary whose bit in `marked` is clear (its object
    /// died in this collection).
    pub(crate) fn sweep_dicts(&mut self, marked: &[u64]) {
        for (i, d) in self.dicts.iter_mut().enumerate() {
            let keep = marked
                .get(i / 64)
                .is_some_and(|w| w & (1u64 << (i % 64)) != 0);
            if d.is_some() && !keep {
                *d = None;
                self.free_dicts.push(i as u32);
            }
        }
    }
    pub fn new() -> ShapeTable {
        let mut t = ShapeTable {
            common: CommonShapes {
                builtin_function: ShapeId::ROOT,
                iter_result: ShapeId::ROOT,
            },
            shapes: vec![Shape {
                parent: None,
                key: PropertyKey::Index(0),
                flags: PropFlags(0),
                slot: 0,
                count: 0,
                slot_count: 0,
                transitions: Transitions::default(),
                table: 0,
            }],
            tables: vec![PropTable::default()],
            dicts: Vec::new(),
            free_dicts: Vec::new(),
            proto_epoch: 0,
            proto_cached: Vec::new(),
        };
        t.common = CommonShapes {
            builtin_function: t.path(&[
                (atoms::LENGTH, PropFlags::data(Attrs::CONFIGURABLE_ONLY)),
                (atoms::NAME, PropFlags::data(Attrs::CONFIGURABLE_ONLY)),
            ]),
            iter_result: t.path(&[
                (atoms::VALUE, PropFlags::DEFAULT),
                (atoms::DONE, PropFlags::DEFAULT),
            ]),
        };
        t
    }
    /// The shape reached from the root by adding `props` in order.
    fn path(&mut self, props: &[(crate::atom::Atom, PropFlags)]) -> ShapeId {
        props.iter().fold(ShapeId::ROOT, |s, &(a, f)| {
            self.add(s, PropertyKey::Atom(a), f)
        })
    }
    pub fn len(&self) -> usize {
        self.shapes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
    fn get(&self, s: ShapeId) -> &Shape {
        // Shapes are never freed and ids only come from this table.
        &self.shapes[s.0 as usize]
    }
    pub fn count(&self, s: ShapeId) -> u32 {
        self.get(s).count
    }
    pub fn slot_count(&self, s: ShapeId) -> u32 {
        self.get(s).slot_count
    }
    pub fn parent(&self, s: ShapeId) -> Option<ShapeId> {
        self.get(s).parent
    }
    /// The key and slot info the shape added (None for the root).
    pub fn last(&self, s: ShapeId) -> Option<(PropertyKey, PropSlot)> {
        let sh = self.get(s);
        sh.parent.map(|_| {
            (
                sh.key,
                PropSlot {
                    slot: sh.slot,
                    flags: sh.flags,
                },
            )
        })
    }
    /// The child of `s` with `key` added (created on first use).
    pub fn add(&mut self, s: ShapeId, key: PropertyKey, flags: PropFlags) -> ShapeId {
        if let Some(c) = self.get(s).transitions.get((key, flags)) {
            return c;
        }
        let parent = self.get(s);
        let slot = PropSlot {
            slot: parent.slot_count,
            flags,
        };
        let (count, slot_count) = (parent.count, parent.slot_count);
        let n = count as usize;
        let mut table = parent.table;
        let shared = &self.tables[table as usize];
        if shared.entries.len() != n {
            // A branch: copy the prefix this shape sees.
            let entries = shared.entries.get(..n).unwrap_or(&[]).to_vec();
            table = self.tables.len() as u32;
            self.tables.push(PropTable::with_entries(entries));
        }
        self.tables[table as usize].push(key, slot);
        let child = Shape {
            parent: Some(s),
            key,
            flags,
            slot: slot.slot,
            count: count + 1,
            slot_count: slot_count + flags.width(),
            transitions: Transitions::default(),
            table,
        };
        let id = ShapeId(self.shapes.len() as u32);
        self.shapes.push(child);
        self.shapes[s.0 as usize]
            .transitions
            .insert((key, flags), id);
        id
    }
    /// Where `key` lives in objects of shape `s`.
    #[inline]
    pub fn lookup(&self, s: ShapeId, key: PropertyKey) -> Option<PropSlot> {
        let sh = self.get(s);
        let n = sh.count as usize;
        if n == 0 {
            return None;
        }
        let t = self.tables.get(sh.table as usize)?;
        if sh.count <= LINEAR_LOOKUP_MAX {
            return t
                .entries
                .get(..n)?
                .iter()
                .rev()
                .find(|e| e.0 == key)
                .map(|e| e.1);
        }
        let &i = t.index.get(&key)?;
        if (i as usize) < n {
            t.entries.get(i as usize).map(|e| e.1)
        } else {
            None
        }
    }
    /// The properties of shape `s` in creation order.
    pub fn entries(&self, s: ShapeId) -> Vec<(PropertyKey, PropSlot)> {
        let sh = self.get(s);
        self.tables
            .get(sh.table as usize)
            .and_then(|t| t.entries.get(..sh.count as usize))
            .unwrap_or(&[])
            .to_vec()
    }
}

/// One dictionary-mode property.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DictEntry {
    pub key: PropertyKey,
    pub slot: PropSlot,
}

/// A dictionary-mode object's property table, kept in the shape table
/// (so that an object's `Props` is 8 bytes) and freed by the collector
/// when no live object points to it (`ShapeTable::sweep_dicts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DictId(pub(crate) u32);

/// Dictionary-mode properties: a hash map plus an insertion-ordered list
/// (deleted entries leave `None` until the next compaction).
#[derive(Default)]
pub(crate) struct DictProps {
    pub map: KeyMap<PropertyKey, u32>,
    pub order: Vec<Option<DictEntry>>,
}

impl DictProps {
    pub fn lookup(&self, key: PropertyKey) -> Option<PropSlot> {
        let &i = self.map.get(&key)?;
        self.order
            .get(i as usize)
            .copied()
            .flatten()
            .map(|e| e.slot)
    }
    pub fn insert(&mut self, key: PropertyKey, slot: PropSlot) {
        if let Some(&i) = self.map.get(&key) {
            if let Some(Some(e)) = self.order.get_mut(i as usize) {
                e.slot = slot;
                return;
            }
        }
        self.map.insert(key, self.order.len() as u32);
        self.order.push(Some(DictEntry { key, slot }));
    }
    pub fn remove(&mut self, key: PropertyKey) -> Option<PropSlot> {
        let i = self.map.remove(&key)?;
        let e = self.order.get_mut(i as usize)?.take()?;
        if self.order.len() > 16 && self.map.len() * 2 < self.order.len() {
            self.compact();
        }
        Some(e.slot)
    }
    fn compact(&mut self) {
        self.order.retain(|e| e.is_some());
        self.map.clear();
        for (i, e) in self.order.iter().enumerate() {
            if let Some(e) = e {
                self.map.insert(e.key, i as u32);
            }
        }
    }
    pub fn entries(&self) -> impl Iterator<Item = &DictEntry> {
        self.order.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atom::Atom;

    #[test]
    fn transitions_are_shared() {
        let mut t = ShapeTable::new();
        let a = PropertyKey::Atom(Atom(100));
        let b = PropertyKey::Atom(Atom(101));
        let s1 = t.add(ShapeId::ROOT, a, PropFlags::DEFAULT);
        let s2 = t.add(s1, b, PropFlags::accessor(true, true));
        assert_eq!(t.add(ShapeId::ROOT, a, PropFlags::DEFAULT), s1);
        assert_eq!(t.lookup(s2, b).map(|p| p.slot), Some(1));
        assert_eq!(t.slot_count(s2), 3);
        assert_eq!(t.lookup(s1, b), None);
        let keys: Vec<_> = t.entries(s2).into_iter().map(|e| e.0).collect();
        assert_eq!(keys, vec![a, b]);
    }

    #[test]
    fn large_shapes_use_a_table() {
        let mut t = ShapeTable::new();
        let mut s = ShapeId::ROOT;
        for i in 0..50 {
            s = t.add(s, PropertyKey::Atom(Atom(1000 + i)), PropFlags::DEFAULT);
        }
        for i in 0..50 {
            assert_eq!(
                t.lookup(s, PropertyKey::Atom(Atom(1000 + i)))
                    .map(|p| p.slot),
                Some(i)
            );
        }
        assert_eq!(t.lookup(s, PropertyKey::Atom(Atom(5))), None);
    }

    #[test]
    fn branching_paths_keep_their_own_view() {
        let mut t = ShapeTable::new();
        let k = |i: u32| PropertyKey::Atom(Atom(500 + i));
        let mut a = ShapeId::ROOT;
        for i in 0..20 {
            a = t.add(a, k(i), PropFlags::DEFAULT);
        }
        // Branch off the middle of the path.
        let mut mid = ShapeId::ROOT;
        for i in 0..10 {
            mid = t.add(mid, k(i), PropFlags::DEFAULT);
        }
        let b = t.add(mid, k(99), PropFlags::DEFAULT);
        assert_eq!(t.lookup(b, k(99)).map(|p| p.slot), Some(10));
        assert_eq!(t.lookup(b, k(15)), None);
        assert_eq!(t.lookup(a, k(99)), None);
        assert_eq!(t.lookup(a, k(15)).map(|p| p.slot), Some(15));
        assert_eq!(t.lookup(mid, k(12)), None);
        assert_eq!(t.entries(b).len(), 11);
        assert_eq!(t.entries(b)[10].0, k(99));
    }
}
