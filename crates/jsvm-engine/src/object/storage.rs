//! Own-property storage of one object: named properties in a shape (or a
//! dictionary) plus a slot vector, and indexed properties in a dense vector
//! with holes or a sparse map.
//!
//! Invariants: `slots.len()` equals the slot count of the shape (or the
//! dictionary's high-water mark); a dense element is always a writable,
//! enumerable, configurable data property and `Value::Uninit` marks a hole;
//! once `sparse` is `Some`, every element lives there and `dense` is empty.
//! Nothing here knows about exotic behaviour or runs JS.

use hashbrown::HashMap;

use super::dense::DenseVec;
use super::shape::{DictProps, PropFlags, PropSlot, ShapeId, ShapeTable, MAX_SHAPE_PROPERTIES};
use super::{Object, Prop, Props};
use crate::value::{PropertyKey, Value};

/// Past the end of the dense vector, writes further than this go sparse
/// (unless the vector is large enough to absorb them).
const DENSE_SLACK: usize = 1024;

/// Indexed properties.
#[derive(Default)]
pub(crate) struct Elements {
    pub dense: DenseVec,
    pub sparse: Option<Box<HashMap<u32, Prop>>>,
}

impl Elements {
    pub fn get(&self, i: u32) -> Option<Prop> {
        match &self.sparse {
            Some(m) => m.get(&i).copied(),
            None => match self.dense.get(i as usize) {
                Some(Value::Uninit) | None => None,
                Some(&v) => Some(Prop::data(v, PropFlags::DEFAULT)),
            },
        }
    }
    pub fn is_empty(&self) -> bool {
        match &self.sparse {
            Some(m) => m.is_empty(),
            None => self.dense.is_empty(),
        }
    }
    /// Stores element `i` (creating or replacing it).
    pub fn put(&mut self, i: u32, p: Prop) {
        let default = p.flags == PropFlags::DEFAULT;
        if self.sparse.is_none() && default {
            let idx = i as usize;
            let len = self.dense.len();
            if idx < len {
                self.dense[idx] = p.value;
                return;
            }
            if idx <= len + DENSE_SLACK || idx < len * 2 {
                self.dense.resize(idx, Value::Uninit);
                self.dense.push(p.value);
                return;
            }
        }
        let m = self.make_sparse();
        m.insert(i, p);
        let n = m.len();
        if default && n >= 64 && n.is_power_of_two() {
            self.maybe_densify();
        }
    }
    /// Moves a sparse map back to the dense vector when it holds only
    /// default-attribute elements that fill at least half of their range.
    fn maybe_densify(&mut self) {
        let Some(m) = &self.sparse else {
            return;
        };
        if m.values().any(|p| p.flags != PropFlags::DEFAULT) {
            return;
        }
        let top = m.keys().max().map_or(0, |&k| k as usize + 1);
        if top > m.len() * 2 {
            return;
        }
        let mut dense = DenseVec::new();
        dense.resize(top, Value::Uninit);
        for (&k, p) in m.iter() {
            if let Some(x) = dense.get_mut(k as usize) {
                *x = p.value;
            }
        }
        self.dense = dense;
        self.sparse = None;
    }
    /// Removes element `i`; true if it existed.
    pub fn remove(&mut self, i: u32) -> bool {
        match &mut self.sparse {
            Some(m) => m.remove(&i).is_some(),
            None => {
                let idx = i as usize;
                match self.dense.get(idx) {
                    None | Some(Value::Uninit) => false,
                    Some(_) => {
                        if idx + 1 == self.dense.len() {
                            self.dense.pop();
                            while let Some(Value::Uninit) = self.dense.last() {
                                self.dense.pop();
                            }
                        } else {
                            self.dense[idx] = Value::Uninit;
                        }
                        true
                    }
                }
            }
        }
    }
    pub fn make_sparse(&mut self) -> &mut HashMap<u32, Prop> {
        if self.sparse.is_none() {
            let mut m = HashMap::with_capacity(self.dense.len());
            for (i, &v) in self.dense.iter().enumerate() {
                if !matches!(v, Value::Uninit) {
                    m.insert(i as u32, Prop::data(v, PropFlags::DEFAULT));
                }
            }
            self.dense = DenseVec::new();
            self.sparse = Some(Box::new(m));
        }
        match &mut self.sparse {
            Some(m) => m,
            None => unreachable!("sparse map was just created"),
        }
    }
    /// The present indices, ascending.
    pub fn indices(&self) -> Vec<u32> {
        match &self.sparse {
            Some(m) => {
                let mut v: Vec<u32> = m.keys().copied().collect();
                v.sort_unstable();
                v
            }
            None => self
                .dense
                .iter()
                .enumerate()
                .filter(|(_, v)| !matches!(v, Value::Uninit))
                .map(|(i, _)| i as u32)
                .collect(),
        }
    }
    pub fn for_each_value(&self, mut f: impl FnMut(Value)) {
        match &self.sparse {
            Some(m) => {
                for p in m.values() {
                    f(p.value);
                    f(p.setter);
                }
            }
            None => {
                for &v in self.dense.iter() {
                    f(v);
                }
            }
        }
    }
}

impl Object {
    /// Where named property `key` (not an index) lives, if it is own.
    #[inline]
    pub(crate) fn lookup_named(&self, shapes: &ShapeTable, key: PropertyKey) -> Option<PropSlot> {
        match &self.props {
            Props::Shape(s) => shapes.lookup(*s, key),
            Props::Dict(d) => shapes.dict(*d).lookup(key),
        }
    }
    #[inline]
    pub(crate) fn read_slot(&self, p: PropSlot) -> Prop {
        let v = self
            .slots
            .get(p.slot as usize)
            .copied()
            .unwrap_or(Value::Undefined);
        let setter = if p.flags.is_accessor() {
            self.slots
                .get(p.slot as usize + 1)
                .copied()
                .unwrap_or(Value::Undefined)
        } else {
            Value::Undefined
        };
        Prop {
            value: v,
            setter,
            flags: p.flags,
        }
    }
    /// The own property `key` from storage (no exotic behaviour).
    #[inline]
    pub(crate) fn find_own(&self, shapes: &ShapeTable, key: PropertyKey) -> Option<Prop> {
        match key {
            PropertyKey::Index(i) => self.elements.get(i),
            _ => self.lookup_named(shapes, key).map(|p| self.read_slot(p)),
        }
    }
    /// Creates or replaces own property `key` in storage.
    pub(crate) fn put_own(&mut self, shapes: &mut ShapeTable, key: PropertyKey, p: Prop) {
        if let PropertyKey::Index(i) = key {
            self.elements.put(i, p);
            return;
        }
        match self.lookup_named(shapes, key) {
            Some(cur) if cur.flags == p.flags => self.write_slots(cur.slot, p),
            Some(cur) => self.reconfigure(shapes, key, cur, p),
            None => self.add_named(shapes, key, p),
        }
    }
    /// ValidateAndApplyPropertyDescriptor for an ordinary object and the
    /// descriptor { [[Value]]: v, [[Writable]]: true, [[Enumerable]]: true,
    /// [[Configurable]]: true } (CreateDataProperty): refused only for a
    /// non-configurable existing property or a new one on a non-extensible
    /// object.
    pub(crate) fn create_data_own(
        &mut self,
        shapes: &mut ShapeTable,
        key: PropertyKey,
        v: Value,
    ) -> bool {
        let p = Prop::data(v, PropFlags::DEFAULT);
        if let PropertyKey::Index(i) = key {
            return match self.elements.get(i) {
                None if !self.is_extensible() => false,
                Some(c) if !c.flags.configurable() => false,
                _ => {
                    self.elements.put(i, p);
                    true
                }
            };
        }
        match self.lookup_named(shapes, key) {
            None if !self.is_extensible() => false,
            None => {
                self.add_named(shapes, key, p);
                true
            }
            Some(c) if !c.flags.configurable() => false,
            Some(c) if c.flags == p.flags => {
                self.write_slots(c.slot, p);
                true
            }
            Some(c) => {
                self.reconfigure(shapes, key, c, p);
                true
            }
        }
    }
    fn write_slots(&mut self, slot: u32, p: Prop) {
        let s = slot as usize;
        if let Some(x) = self.slots.get_mut(s) {
            *x = p.value;
        }
        if p.flags.is_accessor() {
            if let Some(x) = self.slots.get_mut(s + 1) {
                *x = p.setter;
            }
        }
    }
    fn add_named(&mut self, shapes: &mut ShapeTable, key: PropertyKey, p: Prop) {
        if let Props::Shape(s) = self.props {
            if shapes.count(s) >= MAX_SHAPE_PROPERTIES {
                self.make_dictionary(shapes);
            }
        }
        let slot = match self.props {
            Props::Shape(s) => {
                // The new property takes the next slots.
                let slot = shapes.slot_count(s);
                let ns = shapes.add(s, key, p.flags);
                self.set_props(shapes, Props::Shape(ns));
                slot
            }
            Props::Dict(d) => {
                let slot = self.slots.len() as u32;
                shapes.dict_mut(d).insert(
                    key,
                    PropSlot {
                        slot,
                        flags: p.flags,
                    },
                );
                slot
            }
        };
        if slot as usize == self.slots.len() {
            self.slots.push(p.value);
            if p.flags.is_accessor() {
                self.slots.push(p.setter);
            }
            return;
        }
        let need = slot as usize + p.flags.width() as usize;
        if self.slots.len() < need {
            self.slots.resize(need, Value::Undefined);
        }
        self.write_slots(slot, p);
    }
    /// Changes an existing property's flags (and values).
    fn reconfigure(&mut self, shapes: &mut ShapeTable, key: PropertyKey, cur: PropSlot, p: Prop) {
        if let Props::Shape(s) = self.props {
            if cur.flags.width() == p.flags.width() {
                // Rebuild the chain with the new flags: same slots.
                let mut ns = ShapeId::ROOT;
                for (k, ps) in shapes.entries(s) {
                    let f = if k == key { p.flags } else { ps.flags };
                    ns = shapes.add(ns, k, f);
                }
                self.set_props(shapes, Props::Shape(ns));
                self.write_slots(cur.slot, p);
                return;
            }
            self.make_dictionary(shapes);
        }
        if let Props::Dict(d) = self.props {
            let slot = if cur.flags.width() == p.flags.width() {
                cur.slot
            } else {
                // Data <-> accessor: new slots at the end; clear the old.
                for i in 0..cur.flags.width() {
                    if let Some(x) = self.slots.get_mut((cur.slot + i) as usize) {
                        *x = Value::Undefined;
                    }
                }
                let s = self.slots.len() as u32;
                self.slots
                    .resize(s as usize + p.flags.width() as usize, Value::Undefined);
                s
            };
            shapes.dict_mut(d).insert(
                key,
                PropSlot {
                    slot,
                    flags: p.flags,
                },
            );
            self.write_slots(slot, p);
        }
    }
    /// Removes own property `key` from storage; true if it existed.
    pub(crate) fn remove_own(&mut self, shapes: &mut ShapeTable, key: PropertyKey) -> bool {
        if let PropertyKey::Index(i) = key {
            return self.elements.remove(i);
        }
        let Some(cur) = self.lookup_named(shapes, key) else {
            return false;
        };
        if let Props::Shape(s) = self.props {
            if let Some((k, _)) = shapes.last(s) {
                if k == key {
                    // Deleting the newest property: back to the parent shape.
                    let parent = shapes.parent(s).unwrap_or(ShapeId::ROOT);
                    self.set_props(shapes, Props::Shape(parent));
                    self.slots.truncate(shapes.slot_count(parent) as usize);
                    return true;
                }
            }
            self.make_dictionary(shapes);
        }
        if let Props::Dict(d) = self.props {
            shapes.dict_mut(d).remove(key);
            for i in 0..cur.flags.width() {
                if let Some(x) = self.slots.get_mut((cur.slot + i) as usize) {
                    *x = Value::Undefined;
                }
            }
        }
        true
    }
    /// Replaces every named property's flags with `f(flags)` (same kind:
    /// data stays data), in one pass.
    pub(crate) fn reflag_all(
        &mut self,
        shapes: &mut ShapeTable,
        f: impl Fn(PropFlags) -> PropFlags,
    ) {
        match self.props {
            Props::Shape(s) => {
                let mut ns = ShapeId::ROOT;
                for (k, ps) in shapes.entries(s) {
                    ns = shapes.add(ns, k, f(ps.flags));
                }
                self.set_props(shapes, Props::Shape(ns));
            }
            Props::Dict(d) => {
                for e in shapes.dict_mut(d).order.iter_mut().flatten() {
                    e.slot.flags = f(e.slot.flags);
                }
            }
        }
    }
    pub(crate) fn make_dictionary(&mut self, shapes: &mut ShapeTable) {
        if let Props::Shape(s) = self.props {
            let mut d = DictProps::default();
            for (k, ps) in shapes.entries(s) {
                d.insert(k, ps);
            }
            let d = shapes.new_dict(d);
            self.set_props(shapes, Props::Dict(d));
        }
    }
    /// Named own keys in creation order: (strings, symbols).
    pub(crate) fn named_keys(&self, shapes: &ShapeTable) -> (Vec<PropertyKey>, Vec<PropertyKey>) {
        let mut strings = Vec::new();
        let mut symbols = Vec::new();
        let mut push = |k: PropertyKey| match k {
            PropertyKey::Symbol(_) => symbols.push(k),
            _ => strings.push(k),
        };
        match &self.props {
            Props::Shape(s) => {
                for (k, _) in shapes.entries(*s) {
                    push(k);
                }
            }
            Props::Dict(d) => {
                for e in shapes.dict(*d).entries() {
                    push(e.key);
                }
            }
        }
        (strings, symbols)
    }
}
