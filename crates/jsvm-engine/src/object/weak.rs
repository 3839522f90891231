//! Weak collections' storage: `WeakTable`, the ephemeron table behind
//! WeakMap and WeakSet, and `WeakKey`, what may be held weakly (objects and
//! non-registered symbols, ECMAScript 9.13 CanBeHeldWeakly).
//!
//! Invariant (enforced by the collector, see `heap::gc`): a table does not
//! keep its keys alive; an entry's value is marked only once its key is
//! marked (iterated to a fixpoint); after marking, entries whose key died are
//! removed. Built-ins only insert, look up and remove entries.

use hashbrown::HashMap;

use crate::heap::Tracer;
use crate::value::{ObjId, SymId, Value};

/// A value that can be held weakly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WeakKey {
    Object(ObjId),
    Symbol(SymId),
}

impl WeakKey {
    pub fn to_value(self) -> Value {
        match self {
            WeakKey::Object(o) => Value::Object(o),
            WeakKey::Symbol(s) => Value::Symbol(s),
        }
    }
}

/// Ephemeron entries key -> value (WeakSet stores `undefined` values).
#[derive(Default)]
pub struct WeakTable {
    /// Boxed so that the object holding the table stays small.
    entries: Box<HashMap<WeakKey, Value>>,
}

impl WeakTable {
    pub fn new() -> WeakTable {
        WeakTable::default()
    }
    pub fn get(&self, k: WeakKey) -> Option<Value> {
        self.entries.get(&k).copied()
    }
    pub fn has(&self, k: WeakKey) -> bool {
        self.entries.contains_key(&k)
    }
    pub fn set(&mut self, k: WeakKey, v: Value) {
        self.entries.insert(k, v);
    }
    /// Removes the entry; true if there was one.
    pub fn delete(&mut self, k: WeakKey) -> bool {
        self.entries.remove(&k).is_some()
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Called while tracing the owning object: registers the table for the
    /// ephemeron fixpoint (nothing is marked here).
    pub(crate) fn trace(&self, t: &mut Tracer) {
        if !self.entries.is_empty() {
            t.note_ephemeron_table();
        }
    }
    /// Entries whose key is marked but whose value may not be.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&WeakKey, &Value)> {
        self.entries.iter()
    }
    /// Drops entries whose key is dead.
    pub(crate) fn retain(&mut self, mut alive: impl FnMut(WeakKey) -> bool) {
        self.entries.retain(|k, _| alive(*k));
    }
}
