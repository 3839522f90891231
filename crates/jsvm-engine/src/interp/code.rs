//! `CodeUnit`: a compiled `FunctionCode` plus what the engine derives from it
//! once — materialized constants (strings as heap strings, names as property
//! keys, scope descriptors with interned names), the nested functions' units,
//! and the inline caches.
//!
//! Invariant: a `FunctionCode` gets exactly one `CodeUnit` per compilation
//! (nested functions are reached through their parent's `children` cells), so
//! per-site state (inline caches) is shared by every closure of that code.
//! Constant strings are atom strings (roots forever) or entries of
//! `InterpState::index_strings`, so a unit holds no handle the collector must
//! trace.

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use jsvm_bytecode::{
    Constant, FunctionCode, FunctionKind, Instruction, OpFlags, Opcode, OperandValue,
};

use crate::interp::env::ScopeInfo;
use crate::object::shape::ShapeId;
use crate::value::{ObjId, PropertyKey, StrId, Value};
use crate::vm::Vm;

/// A constant as the interpreter uses it.
pub enum Mat {
    /// Not directly usable by a value-loading opcode (functions, templates,
    /// declarations, eval sites, ...): read from `FunctionCode::constants`.
    Other,
    /// A Number, String or BigInt constant.
    Value(Value),
    /// A `Name`: as a property key and as a string value.
    Name { key: PropertyKey, string: StrId },
    /// A `Scope`: the descriptor with its names interned.
    Scope(Rc<ScopeInfo>),
    /// A BigInt literal whose text does not parse (a compiler bug: the
    /// parser validates literals); loading it is an internal error.
    BigInt,
    /// A `Shape`: the final shape of the literal's object (None when a name
    /// is an array index or repeats, which the compiler never emits).
    Shape(Option<ShapeId>),
}

/// What an inline cache remembers about one property access site.
///
/// Invariant: an entry is only used after re-checking everything it depends
/// on (shapes and prototype identity), so a stale entry is a miss, never a
/// wrong answer; the `ObjId`s in `Proto` are dereferenced only after the receiver's
/// prototype link shows they are still alive.
#[derive(Clone, Copy, Debug)]
pub enum IcEntry {
    Empty,
    /// An own data property: objects with `shape` have it in `slot`.
    Own(ShapeId, u32),
    /// A property of a prototype (see `ProtoEntry`).
    Proto(ProtoEntry),
    /// An own data property of the global object with `shape`, in `slot`,
    /// valid while `InterpState::global_lexicals` is still `lexicals` (no
    /// global lexical binding, which could shadow it, was created since).
    Global {
        shape: ShapeId,
        slot: u32,
        lexicals: u64,
    },
    /// The global lexical binding `name`, at `index` in the global
    /// environment's list (bindings are never removed or moved).
    GlobalLexical {
        index: u32,
        name: crate::atom::Atom,
    },
    /// Defining the site's property (a default data property) on an
    /// extensible ordinary object of shape `from` gives it shape `to`, the
    /// value in `slot`, the next slot.
    Transition {
        from: ShapeId,
        to: ShapeId,
        slot: u32,
    },
    /// `SetProp` adding its property (see `AddEntry`).
    Add(AddEntry),
}

/// A [[Set]] that adds a data property: receivers of shape `from` (plain
/// extensible ordinary objects) whose prototype chain is exactly
/// `protos[..depth]` with those shapes, none holding the key, get the
/// property in `slot` (the next one) and shape `to`. (With the chain's
/// shapes unchanged no prototype has a setter or a read-only property
/// of that name, so OrdinarySet ends in CreateDataProperty on the
/// receiver.)
#[derive(Clone, Copy, Debug)]
pub struct AddEntry {
    pub from: ShapeId,
    pub to: ShapeId,
    pub slot: u32,
    pub depth: u8,
    pub protos: [(ObjId, ShapeId); ADD_CHAIN_MAX],
}

/// The longest prototype chain an `AddEntry` records (an instance of a
/// class extending one other class, then Object.prototype).
pub const ADD_CHAIN_MAX: usize = 3;

/// Where a prototype holds a property for receivers of one shape: the
/// receiver (with `shape`, which lacks the key) has [[Prototype]] `first`;
/// `holder` is `first` or one of its prototypes, and has the property in
/// `slot`: a data value, or the getter of an accessor when `getter`. What
/// lies beyond the receiver was checked when the entry was made, and holds
/// while the prototype-chain cache epoch is still `epoch` (see
/// `interp::ic`).
#[derive(Clone, Copy, Debug)]
pub struct ProtoEntry {
    pub shape: ShapeId,
    pub first: ObjId,
    pub holder: ObjId,
    pub slot: u32,
    pub getter: bool,
    /// The key is "length", which an Array or String receiver answers
    /// from its kind (see `interp::ic::kind_ok`).
    pub length: bool,
    pub epoch: u64,
}

/// One inline-cache site: two entries, the most recently filled first (see
/// `interp::ic`).
pub struct Ic {
    pub ways: [Cell<IcEntry>; IC_WAYS],
}

/// Entries per property site: enough for the receivers of a small class
/// hierarchy (a site that sees more shapes misses on the oldest).
pub const IC_WAYS: usize = 4;

/// A `FunctionCode` with the engine's derived per-code state.
pub struct CodeUnit {
    pub code: Rc<FunctionCode>,
    /// Indexed like `code.constants`.
    pub consts: Box<[Mat]>,
    /// Units of nested `Function` constants, created on first use.
    children: Box<[OnceCell<Rc<CodeUnit>>]>,
    /// Inline caches, indexed by `IcSlot`.
    pub ics: Box<[Ic]>,
    /// The code creates an arguments object or a rest array, so a frame
    /// must keep the full argument list.
    pub needs_args: bool,
    /// Every instruction decodes, every register operand is below
    /// `register_count`, every jump and handler target is the start of an
    /// instruction, and the last instruction does not fall through. So the
    /// loop indexes registers and decodes instructions without checks.
    pub valid: bool,
    /// The initial `name` property value (`FunctionCode::name`).
    pub name: StrId,
    /// What a [[Call]] from a call instruction may skip (see
    /// `frame::push_call`): the unit is `valid`, keeps no argument copy
    /// and is not a class constructor.
    pub plain_call: bool,
    /// [[ThisMode]] is lexical or strict: the this value is bound as given.
    pub this_as_given: bool,
}

impl CodeUnit {
    /// Materializes the constants of `code`.
    pub fn new(vm: &mut Vm, code: Rc<FunctionCode>) -> Rc<CodeUnit> {
        let consts = code
            .constants
            .iter()
            .map(|c| match c {
                Constant::Number(n) => Mat::Value(Value::Number(*n)),
                Constant::String(units) => Mat::Value(Value::String(permanent_string(vm, units))),
                Constant::Name(s) => {
                    let units: Vec<u16> = s.encode_utf16().collect();
                    let string = permanent_string(vm, &units);
                    let key = vm.key(s);
                    Mat::Name { key, string }
                }
                Constant::BigInt(text) => match crate::bigint::parse_literal(text) {
                    Some(n) => Mat::Value(Value::BigInt(crate::bigint::constant(&mut vm.heap, n))),
                    None => Mat::BigInt,
                },
                Constant::Scope(d) => Mat::Scope(Rc::new(ScopeInfo::new(vm, d.clone()))),
                Constant::Shape(names) => Mat::Shape(literal_shape(vm, names)),
                _ => Mat::Other,
            })
            .collect();
        let children = code.constants.iter().map(|_| OnceCell::new()).collect();
        let ics = (0..code.ic_count)
            .map(|_| Ic {
                ways: std::array::from_fn(|_| Cell::new(IcEntry::Empty)),
            })
            .collect();
        let (needs_args, valid) = scan(&code);
        let name_units: Vec<u16> = code.name.encode_utf16().collect();
        let name = permanent_string(vm, &name_units);
        let plain_call = valid && !needs_args && !code.kind.is_class_constructor();
        let this_as_given = code.kind == FunctionKind::Arrow || code.strict;
        Rc::new(CodeUnit {
            plain_call,
            this_as_given,
            code,
            consts,
            children,
            ics,
            needs_args,
            valid,
            name,
        })
    }

    /// The unit of the nested function constant `idx` (None if `idx` is not
    /// a `Function` constant).
    pub fn child(&self, vm: &mut Vm, idx: u32) -> Option<Rc<CodeUnit>> {
        let cell = self.children.get(idx as usize)?;
        if let Some(u) = cell.get() {
            return Some(u.clone());
        }
        let Some(Constant::Function(f)) = self.code.constants.get(idx as usize) else {
            return None;
        };
        let u = CodeUnit::new(vm, f.clone());
        Some(cell.get_or_init(|| u).clone())
    }

    /// The key of `Name` constant `idx`.
    #[inline]
    pub fn key(&self, idx: u32) -> Option<PropertyKey> {
        match self.consts.get(idx as usize) {
            Some(Mat::Name { key, .. }) => Some(*key),
            _ => None,
        }
    }

    /// The scope info of `Scope` constant `idx`.
    pub fn scope(&self, idx: u32) -> Option<Rc<ScopeInfo>> {
        match self.consts.get(idx as usize) {
            Some(Mat::Scope(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// The raw constant `idx`.
    pub fn constant(&self, idx: u32) -> Option<&Constant> {
        self.code.constants.get(idx as usize)
    }
}

/// A heap string for constant text that stays alive as long as the `Vm`:
/// an atom's string, or for canonical array index strings (which are never
/// atoms) an entry of `InterpState::index_strings`.
pub fn permanent_string(vm: &mut Vm, units: &[u16]) -> StrId {
    let s = vm.new_string_utf16(units);
    match vm.string_to_key(s) {
        PropertyKey::Atom(a) => vm.atom_string(a),
        PropertyKey::Index(i) => *vm.interp.index_strings.entry(i).or_insert(s),
        // Strings never become symbol keys.
        PropertyKey::Symbol(_) => s,
    }
}

/// The shape of an object whose data properties (default attributes) are
/// `names`, in order; None if a name is an array index or repeats.
fn literal_shape(vm: &mut Vm, names: &[Box<str>]) -> Option<ShapeId> {
    let mut shape = ShapeId::ROOT;
    for name in names {
        let key = vm.key(name);
        let shapes = &mut vm.heap.shapes;
        if !matches!(key, PropertyKey::Atom(_)) || shapes.lookup(shape, key).is_some() {
            return None;
        }
        shape = shapes.add(shape, key, crate::object::shape::PropFlags::DEFAULT);
    }
    Some(shape)
}

/// One pass over the code: whether it needs the full argument list, and
/// whether it is well-formed (see `CodeUnit::valid`).
fn scan(code: &FunctionCode) -> (bool, bool) {
    let bytes = &code.code;
    let regs = code.register_count;
    let mut needs_args = false;
    // Instruction starts, and the jump targets to check against them.
    let mut starts = vec![false; bytes.len() + 1];
    let mut targets: Vec<i64> = Vec::new();
    let mut last_ends = false;
    let mut pc = 0;
    while pc < bytes.len() {
        let Some(i) = Instruction::decode(bytes, pc) else {
            return (needs_args, false);
        };
        starts[pc] = true;
        let op = i.opcode();
        if matches!(
            op,
            Opcode::CreateMappedArguments
                | Opcode::CreateUnmappedArguments
                | Opcode::CreateRestArray
        ) {
            needs_args = true;
        }
        for (_, v) in i.operand_values() {
            match v {
                OperandValue::Reg(r) if r.0 >= regs => return (needs_args, false),
                OperandValue::JumpOffset(off) => targets.push(pc as i64 + off.0 as i64),
                _ => {}
            }
        }
        last_ends = op.flags().contains(OpFlags::ENDS);
        pc += op.size();
    }
    // Control never runs off the end, and every jump or handler lands on
    // an instruction: so the loop may decode without bounds checks.
    let lands = |t: i64| usize::try_from(t).is_ok_and(|t| t < bytes.len() && starts[t]);
    let well_formed = last_ends
        && targets.iter().all(|&t| lands(t))
        && code.handlers.iter().all(|h| lands(h.target as i64));
    (needs_args, well_formed)
}
