//! The interpreter's inline caches: global names (`GetGlobal`,
//! `TypeofGlobal`, `SetGlobal`) and named properties (`GetProp`, `SetProp`).
//!
//! A property site has `IC_WAYS` ways (most recently filled first), so a
//! site that sees a few receiver shapes still hits. A get may hit an own data
//! property, or a data property or getter of a prototype up to
//! `PROTO_DEPTH_MAX` levels up; a set only hits an own writable data
//! property.
//!
//! Invariant: an entry is used only after re-checking everything it depends
//! on, so a stale entry is a miss, never a wrong answer. Shapes are
//! immutable and a dictionary-mode object reports `ShapeId::DICTIONARY`,
//! which no entry holds. A prototype entry re-checks the receiver's shape
//! and [[Prototype]]; the rest of the chain (the prototypes' shapes and
//! links) is covered by a validity epoch instead of one lookup per object:
//! making the entry flags those prototypes `PROTO_CACHED`, and a shape or
//! [[Prototype]] change of a flagged object (`Object::set_props`,
//! `ordinary_set_prototype_of`), or its death (seen by the collector),
//! advances the epoch, which stales every prototype entry at once.

use std::cell::Cell;

use crate::atom::{atoms, Atom};
use crate::interp::code::{AddEntry, CodeUnit, Ic, IcEntry, ProtoEntry, ADD_CHAIN_MAX};
use crate::interp::names;
use crate::object::ic::PROTO_DEPTH_MAX;
use crate::object::shape::{PropFlags, ShapeId};
use crate::object::{ObjectKind, Props};
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// What the global inline caches found.
enum GlobalHit {
    /// A global lexical binding at this index (its value may be `Uninit`).
    Lexical(usize),
    /// An own data property of the global object in this slot.
    Slot(ObjId, u32),
    /// Neither: take the slow path.
    Miss,
}

/// `GetGlobal`/`SetGlobal`'s lookup: a global lexical binding (cached by
/// index; bindings are never removed), else an own data property of the
/// global object (cached by shape) when no lexical binding shadows it.
/// Global sites use the first way only.
#[inline]
fn global_ic(vm: &Vm, unit: &CodeUnit, key: PropertyKey, ic: u32, for_set: bool) -> GlobalHit {
    let (PropertyKey::Atom(a), Some(site)) = (key, unit.ics.get(ic as usize)) else {
        return GlobalHit::Miss;
    };
    let cache = &site.ways[0];
    let genv = names::current_global_env(vm);
    let Some(g) = vm.heap.env(genv).as_global() else {
        return GlobalHit::Miss;
    };
    let lexicals = vm.interp.global_lexicals;
    let obj = g.object;
    match cache.get() {
        IcEntry::GlobalLexical { index, name } if name == a => {
            return GlobalHit::Lexical(index as usize);
        }
        IcEntry::Global {
            shape,
            slot,
            lexicals: n,
        } if n == lexicals && vm.shape_of(obj) == shape => return GlobalHit::Slot(obj, slot),
        _ => {}
    }
    if let Some(i) = g.lexical_slot(a) {
        cache.set(IcEntry::GlobalLexical { index: i, name: a });
        return GlobalHit::Lexical(i as usize);
    }
    let found = if for_set {
        vm.lookup_own_slot_for_set(obj, a)
    } else {
        vm.lookup_own_slot_key(obj, key)
    };
    match found {
        Some((s, slot)) => {
            cache.set(IcEntry::Global {
                shape: s,
                slot,
                lexicals,
            });
            GlobalHit::Slot(obj, slot)
        }
        None => GlobalHit::Miss,
    }
}

/// `GetGlobal`'s cache probe, inline in the loop: the value when the
/// site's entry still holds (None: see `global_get`).
#[inline(always)]
pub(crate) fn global_probe(vm: &Vm, unit: &CodeUnit, ic: u32) -> Option<Value> {
    let entry = entry_ref(&unit.ics.get(ic as usize)?.ways[0]);
    match *entry {
        IcEntry::Global {
            shape,
            slot,
            lexicals,
        } if lexicals == vm.interp.global_lexicals => {
            // (The global environment's object record is the realm's
            // global object.)
            let o = vm.heap.obj(vm.realm(vm.current_realm).global_object);
            match o.props {
                Props::Shape(s) if s == shape => o.slots.get(slot as usize).copied(),
                _ => None,
            }
        }
        IcEntry::GlobalLexical { index, name } => {
            let g = vm.heap.env(names::current_global_env(vm)).as_global()?;
            match g.lexical.get(index as usize) {
                Some(b) if b.name == name && !matches!(b.value, Value::Uninit) => Some(b.value),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `GetGlobal` after a probe miss: looks the name up and refills the
/// site (None: use the slow path, which also reports TDZ errors).
pub(crate) fn global_get(vm: &Vm, unit: &CodeUnit, key: PropertyKey, ic: u32) -> Option<Value> {
    let g = vm.heap.env(names::current_global_env(vm)).as_global()?;
    match global_ic(vm, unit, key, ic, false) {
        GlobalHit::Lexical(i) => {
            let v = g.lexical.get(i)?.value;
            if matches!(v, Value::Uninit) {
                None
            } else {
                Some(v)
            }
        }
        GlobalHit::Slot(obj, slot) => Some(vm.get_slot(obj, slot)),
        GlobalHit::Miss => None,
    }
}

/// `SetGlobal`'s fast path for the name constant `name`: an initialized
/// mutable lexical binding or a writable data property. False: use the
/// slow path. A site whose entry names a lexical binding stores without
/// decoding the name.
#[inline]
pub(crate) fn global_set(vm: &mut Vm, unit: &CodeUnit, name: u32, ic: u32, v: Value) -> bool {
    if let Some(site) = unit.ics.get(ic as usize) {
        if let IcEntry::GlobalLexical { index, name: a } = *entry_ref(&site.ways[0]) {
            return set_global_lexical(vm, index as usize, Some(a), v);
        }
    }
    let Some(key) = unit.key(name) else {
        return false;
    };
    match global_ic(vm, unit, key, ic, true) {
        GlobalHit::Lexical(i) => set_global_lexical(vm, i, None, v),
        GlobalHit::Slot(obj, slot) => {
            vm.set_slot(obj, slot, v);
            true
        }
        GlobalHit::Miss => false,
    }
}

/// Stores `v` in global lexical binding `index` when it is initialized and
/// mutable (and, given `name`, still that binding).
#[inline]
fn set_global_lexical(vm: &mut Vm, index: usize, name: Option<Atom>, v: Value) -> bool {
    let genv = names::current_global_env(vm);
    // (A refused store may still remember the environment: harmless.)
    let Some(g) = vm.heap.env_mut_storing(genv, v).as_global_mut() else {
        return false;
    };
    match g.lexical.get_mut(index) {
        Some(b)
            if name.is_none_or(|n| n == b.name)
                && !b.is_const
                && !matches!(b.value, Value::Uninit) =>
        {
            b.value = v;
            true
        }
        _ => false,
    }
}

/// Whether a property of an object of this kind may be served by a cache
/// entry (exotic objects answer some keys without their shape).
fn kind_ok(kind: &ObjectKind, key: PropertyKey) -> bool {
    kind_admits(kind, key == PropertyKey::Atom(atoms::LENGTH))
}

/// `kind_ok` for a named key that is "length" or not.
#[inline]
fn kind_admits(kind: &ObjectKind, length: bool) -> bool {
    match kind {
        // Integer-indexed exotic objects answer numeric keys from their
        // buffer, not from properties a shape could describe.
        ObjectKind::Proxy(_) | ObjectKind::TypedArray(_) | ObjectKind::Module(_) => false,
        ObjectKind::Array { .. } | ObjectKind::String(_) => !length,
        _ => true,
    }
}

/// What a `GetProp` cache hit found.
pub(crate) enum PropHit {
    /// A data property, in this slot of this object. (Where, not the value:
    /// the interpreter copies the value straight into the register, with
    /// no 16-byte temporary written in parts and read back whole, which
    /// stalls store forwarding.)
    Slot(ObjId, u32),
    /// An accessor's getter (`undefined` when it has none), to be called
    /// with the receiver.
    Getter(Value),
    /// The "length" of an Array or a String value: an own property no
    /// shape describes, whose value is the length.
    Length(u32),
}

/// Checks `e` against receiver `o` (whose shape is `shape`) and reads the
/// property on a hit.
#[inline(never)]
fn proto_hit(vm: &Vm, o: ObjId, shape: ShapeId, e: &ProtoEntry) -> Option<PropHit> {
    let obj = vm.heap.obj(o);
    if e.shape != shape
        || obj.proto() != Some(e.first)
        || e.epoch != vm.heap.shapes.proto_epoch()
        || !kind_admits(&obj.kind, e.length)
    {
        return None;
    }
    Some(if e.getter {
        PropHit::Getter(vm.get_slot(e.holder, e.slot))
    } else {
        PropHit::Slot(e.holder, e.slot)
    })
}

/// The cacheable location of `key` seen from receiver `o` (with `shape`):
/// an own data property, or a data property or accessor of a prototype at
/// most `PROTO_DEPTH_MAX` levels up, all objects on the way in shape mode.
fn find_entry(vm: &Vm, o: ObjId, shape: ShapeId, key: PropertyKey) -> Option<IcEntry> {
    if shape == ShapeId::DICTIONARY || matches!(key, PropertyKey::Index(_)) {
        return None;
    }
    let obj = vm.heap.obj(o);
    if !kind_ok(&obj.kind, key) {
        return None;
    }
    if let Some(p) = vm.heap.shapes.lookup(shape, key) {
        return (!p.flags.is_accessor()).then_some(IcEntry::Own(shape, p.slot));
    }
    let first = obj.proto()?;
    let mut holder = first;
    for _ in 0..PROTO_DEPTH_MAX {
        let h = vm.heap.obj(holder);
        let hs = vm.shape_of(holder);
        if hs == ShapeId::DICTIONARY || !kind_ok(&h.kind, key) {
            return None;
        }
        if let Some(p) = vm.heap.shapes.lookup(hs, key) {
            return Some(IcEntry::Proto(ProtoEntry {
                shape,
                first,
                holder,
                slot: p.slot,
                getter: p.flags.is_accessor(),
                length: key == PropertyKey::Atom(atoms::LENGTH),
                epoch: vm.heap.shapes.proto_epoch(),
            }));
        }
        holder = h.proto()?;
    }
    None
}

/// `GetProp`'s inline cache for a string or number receiver: a named key
/// other than "length" is never an own property of one, so the lookup
/// starts at the prototype GetValue's ToObject would give.
#[inline(never)]
pub(crate) fn get_prop_primitive(
    vm: &mut Vm,
    unit: &CodeUnit,
    v: Value,
    name: u32,
    ic: u32,
) -> Option<PropHit> {
    let PropertyKey::Atom(a) = unit.key(name)? else {
        return None;
    };
    if a == atoms::LENGTH {
        return match v {
            Value::String(s) => Some(PropHit::Length(vm.string_len(s) as u32)),
            _ => None,
        };
    }
    let proto = match v {
        Value::String(_) => vm.intrinsics().string_prototype,
        Value::Number(_) => vm.intrinsics().number_prototype,
        _ => return None,
    };
    get_prop(vm, unit, proto, name, ic)
}

/// `GetProp`'s inline cache for the property named by constant `name`.
/// None: take [[Get]].
#[inline(always)]
pub(crate) fn get_prop(
    vm: &mut Vm,
    unit: &CodeUnit,
    o: ObjId,
    name: u32,
    ic: u32,
) -> Option<PropHit> {
    let site = unit.ics.get(ic as usize)?;
    let shape = vm.shape_of(o);
    for way in &site.ways {
        match *entry_ref(way) {
            IcEntry::Own(s, slot) if s == shape => {
                return Some(PropHit::Slot(o, slot));
            }
            IcEntry::Proto(ref e) if e.shape == shape => {
                if let Some(hit) = proto_hit(vm, o, shape, e) {
                    return Some(hit);
                }
            }
            _ => {}
        }
    }
    get_prop_miss(vm, site, o, shape, unit.key(name)?)
}

/// `get_prop` when no way hit: finds and caches the property's location.
#[inline(never)]
fn get_prop_miss(
    vm: &mut Vm,
    site: &Ic,
    o: ObjId,
    shape: ShapeId,
    key: PropertyKey,
) -> Option<PropHit> {
    // An array's "length" is an own data property that can be neither
    // deleted nor made an accessor (10.4.2): its value is the length.
    if let (PropertyKey::Atom(atoms::LENGTH), ObjectKind::Array { length, .. }) =
        (key, &vm.heap.obj(o).kind)
    {
        return Some(PropHit::Length(*length));
    }
    let entry = find_entry(vm, o, shape, key)?;
    fill(site, entry);
    match entry {
        IcEntry::Own(_, slot) => Some(PropHit::Slot(o, slot)),
        IcEntry::Proto(e) => {
            vm.rely_on_chain(Some(e.first), Some(e.holder));
            proto_hit(vm, o, shape, &e)
        }
        _ => None,
    }
}

/// `SetProp`'s inline cache for the property named by constant `name`: an
/// own writable data property, or the addition of one. False: take
/// PutValue.
#[inline]
pub(crate) fn set_prop(
    vm: &mut Vm,
    unit: &CodeUnit,
    o: ObjId,
    name: u32,
    ic: u32,
    v: Value,
) -> bool {
    let Some(site) = unit.ics.get(ic as usize) else {
        return false;
    };
    let shape = vm.shape_of(o);
    for way in &site.ways {
        match *entry_ref(way) {
            IcEntry::Own(s, slot) if s == shape => {
                vm.set_slot(o, slot, v);
                return true;
            }
            IcEntry::Add(ref e) if e.from == shape && add_applies(vm, o, e) => {
                let (obj, shapes) = vm.heap.objects_get_mut(o);
                obj.set_props(shapes, Props::Shape(e.to));
                obj.slots.push(v);
                return true;
            }
            _ => {}
        }
    }
    set_prop_miss(vm, site, o, unit.key(name), v)
}

/// `set_prop` when no way hit: caches an own writable data property and
/// sets it.
#[inline(never)]
fn set_prop_miss(vm: &mut Vm, site: &Ic, o: ObjId, key: Option<PropertyKey>, v: Value) -> bool {
    let Some(key @ PropertyKey::Atom(a)) = key else {
        return false;
    };
    if !kind_ok(&vm.heap.obj(o).kind, key) {
        return false;
    }
    match vm.lookup_own_slot_for_set(o, a) {
        Some((s, slot)) => {
            fill(site, IcEntry::Own(s, slot));
            vm.set_slot(o, slot, v);
            true
        }
        None => false,
    }
}

/// Whether `e` holds for receiver `o` (whose shape is `e.from`).
#[inline]
fn add_applies(vm: &Vm, o: ObjId, e: &AddEntry) -> bool {
    let obj = vm.heap.obj(o);
    if !matches!(obj.kind, ObjectKind::Ordinary)
        || !obj.is_extensible()
        || obj.slots.len() != e.slot as usize
    {
        return false;
    }
    let mut p = obj.proto;
    for &(po, ps) in e.protos.iter().take(e.depth as usize) {
        if p != Some(po) || vm.shape_of(po) != ps {
            return false;
        }
        p = vm.heap.obj(po).proto;
    }
    p.is_none()
}

/// Caches the addition a generic `SetProp` (`via_set`, see `AddEntry`) or
/// `DefineNamedField` (see `IcEntry::Transition`) just made, if it added a
/// default data property `key` in the next slot; for a set, only when the
/// receiver's short prototype chain of plain objects lacks the key.
pub(crate) fn note_addition(
    vm: &Vm,
    unit: &CodeUnit,
    o: ObjId,
    key: PropertyKey,
    ic: u32,
    (from, slots): (ShapeId, usize),
    via_set: bool,
) {
    let Some(site) = unit.ics.get(ic as usize) else {
        return;
    };
    let Some(to) = added_shape(vm, o, key, from, slots) else {
        return;
    };
    let slot = slots as u32;
    if !via_set {
        site.ways[0].set(IcEntry::Transition { from, to, slot });
        return;
    }
    let mut protos = [(ObjId::PLACEHOLDER, ShapeId::ROOT); ADD_CHAIN_MAX];
    let mut depth = 0;
    let mut p = vm.heap.obj(o).proto;
    while let Some(po) = p {
        let pobj = vm.heap.obj(po);
        let ps = vm.shape_of(po);
        let plain = matches!(
            pobj.kind,
            ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::Closure(_)
        );
        if depth == ADD_CHAIN_MAX
            || !plain
            || ps == ShapeId::DICTIONARY
            || vm.heap.shapes.lookup(ps, key).is_some()
        {
            return;
        }
        protos[depth] = (po, ps);
        depth += 1;
        p = pobj.proto;
    }
    fill(
        site,
        IcEntry::Add(AddEntry {
            from,
            to,
            slot,
            depth: depth as u8,
            protos,
        }),
    );
}

/// The shape `o` has after a generic define or set that added `key` as a
/// default data property in slot `slots` to shape `from`.
fn added_shape(
    vm: &Vm,
    o: ObjId,
    key: PropertyKey,
    from: ShapeId,
    slots: usize,
) -> Option<ShapeId> {
    let obj = vm.heap.obj(o);
    let Props::Shape(to) = obj.props else {
        return None;
    };
    let added = vm
        .heap
        .shapes
        .lookup(to, key)
        .is_some_and(|p| p.slot as usize == slots && p.flags == PropFlags::DEFAULT);
    (to != from && obj.slots.len() == slots + 1 && added).then_some(to)
}

/// `DefineNamedField`'s cache: the cached transition, applied when the
/// object is an extensible ordinary object of the `from` shape. False:
/// define the generic way, then `note_addition`.
#[inline]
pub(crate) fn define_field(vm: &mut Vm, unit: &CodeUnit, o: ObjId, ic: u32, v: Value) -> bool {
    let Some(site) = unit.ics.get(ic as usize) else {
        return false;
    };
    let IcEntry::Transition { from, to, slot } = *entry_ref(&site.ways[0]) else {
        return false;
    };
    let (obj, shapes) = vm.heap.objects_get_mut(o);
    let applies = matches!(obj.kind, ObjectKind::Ordinary)
        && obj.is_extensible()
        && matches!(obj.props, Props::Shape(s) if s == from)
        && obj.slots.len() == slot as usize;
    if applies {
        obj.set_props(shapes, Props::Shape(to));
        obj.slots.push(v);
    }
    applies
}

/// The shape and slot count of `o` before a `DefineNamedField`, when a
/// transition from there could be cached.
pub(crate) fn transition_start(vm: &Vm, o: ObjId) -> Option<(ShapeId, usize)> {
    let obj = vm.heap.obj(o);
    match obj.props {
        Props::Shape(s) if matches!(obj.kind, ObjectKind::Ordinary) && obj.is_extensible() => {
            Some((s, obj.slots.len()))
        }
        _ => None,
    }
}

/// A way's entry, read in place (`Cell::get` would copy the whole entry,
/// the size of the largest variant, for every way probed).
#[inline(always)]
fn entry_ref(way: &Cell<IcEntry>) -> &IcEntry {
    // SAFETY: entries are only written by `fill` and the global cache
    // updates, never while a reference from here is alive (the probes
    // that take one finish with it before anything can run JS or refill).
    unsafe { &*way.as_ptr() }
}

/// Makes `entry` the site's first way, moving the others down one (the
/// last is dropped).
fn fill(site: &Ic, entry: IcEntry) {
    for i in (1..site.ways.len()).rev() {
        site.ways[i].set(site.ways[i - 1].get());
    }
    site.ways[0].set(entry);
}
