//! Property descriptors (ECMAScript 6.2.6, the Property Descriptor type).

use crate::value::{ObjId, Value};

/// A property descriptor with every field optional, as the spec defines it.
/// Data descriptors have `value`/`writable`; accessor ones `get`/`set`
/// (`Some(None)` = present and undefined).
#[derive(Clone, Copy, Debug, Default)]
pub struct PropertyDescriptor {
    pub value: Option<Value>,
    pub writable: Option<bool>,
    pub get: Option<Option<ObjId>>,
    pub set: Option<Option<ObjId>>,
    pub enumerable: Option<bool>,
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    /// A complete data descriptor.
    pub fn data(value: Value, writable: bool, enumerable: bool, configurable: bool) -> Self {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(writable),
            get: None,
            set: None,
            enumerable: Some(enumerable),
            configurable: Some(configurable),
        }
    }
    /// `{ value, writable: true, enumerable: true, configurable: true }`.
    pub fn data_default(value: Value) -> Self {
        Self::data(value, true, true, true)
    }
    /// A complete accessor descriptor.
    pub fn accessor(
        get: Option<ObjId>,
        set: Option<ObjId>,
        enumerable: bool,
        configurable: bool,
    ) -> Self {
        PropertyDescriptor {
            value: None,
            writable: None,
            get: Some(get),
            set: Some(set),
            enumerable: Some(enumerable),
            configurable: Some(configurable),
        }
    }
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }
}

/// Attribute bits for the common built-in property layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attrs(pub u8);

impl Attrs {
    pub const WRITABLE: Attrs = Attrs(1);
    pub const ENUMERABLE: Attrs = Attrs(2);
    pub const CONFIGURABLE: Attrs = Attrs(4);
    /// Built-in methods: writable, non-enumerable, configurable.
    pub const METHOD: Attrs = Attrs(1 | 4);
    /// Ordinary assignment: all three.
    pub const ALL: Attrs = Attrs(1 | 2 | 4);
    /// Constants like `Math.PI`: none.
    pub const NONE: Attrs = Attrs(0);
    /// Only configurable (e.g. a function's `length` and `name`).
    pub const CONFIGURABLE_ONLY: Attrs = Attrs(4);
    pub fn writable(self) -> bool {
        self.0 & 1 != 0
    }
    pub fn enumerable(self) -> bool {
        self.0 & 2 != 0
    }
    pub fn configurable(self) -> bool {
        self.0 & 4 != 0
    }
}
