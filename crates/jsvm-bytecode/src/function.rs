//! `FunctionCode` and everything it carries: constants, scope descriptors,
//! declaration lists, the exception handler table and the line table.
//!
//! Invariant: all of it is plain immutable data (no heap values, no
//! interior mutability); a compiled unit is shared as `Rc<FunctionCode>` and
//! the engine may key per-site caches (template objects, inline caches) on
//! the address of the `FunctionCode` plus an index.

use std::rc::Rc;

/// What kind of code a `FunctionCode` is; decides [[Call]]/[[Construct]],
/// the this binding and which hidden bindings exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FunctionKind {
    /// Top-level script code (run once; `this` is the global this).
    Script,
    /// Eval code (run once by `CallEval` or indirect eval).
    Eval,
    /// A function declaration or expression: callable and constructible
    /// (unless generator/async), gets a `prototype` object.
    Normal,
    /// An arrow function: lexical this/new.target/super/arguments, not
    /// constructible, no `prototype`.
    Arrow,
    /// A method (object literal, class, or a compiler-made field initializer
    /// or static block): not constructible, no `prototype`.
    Method,
    /// A `get` accessor function.
    Getter,
    /// A `set` accessor function.
    Setter,
    /// A base class constructor: [[Call]] throws TypeError "Class
    /// constructor X cannot be invoked without 'new'".
    ClassConstructor,
    /// A derived class constructor (`extends`); its frame has no this value
    /// (see the crate docs).
    DerivedConstructor,
}

impl FunctionKind {
    /// Whether function objects of this kind have a [[Construct]] method
    /// (before considering generator/async flags, which remove it).
    pub fn is_constructor(self) -> bool {
        matches!(
            self,
            FunctionKind::Normal
                | FunctionKind::ClassConstructor
                | FunctionKind::DerivedConstructor
        )
    }

    pub fn is_class_constructor(self) -> bool {
        matches!(
            self,
            FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            FunctionKind::Script => "script",
            FunctionKind::Eval => "eval",
            FunctionKind::Normal => "function",
            FunctionKind::Arrow => "arrow",
            FunctionKind::Method => "method",
            FunctionKind::Getter => "getter",
            FunctionKind::Setter => "setter",
            FunctionKind::ClassConstructor => "class constructor",
            FunctionKind::DerivedConstructor => "derived constructor",
        }
    }
}

/// A compiled function, script or eval body.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionCode {
    /// The initial value of the `name` property ("" if anonymous).
    pub name: Box<str>,
    pub kind: FunctionKind,
    /// Strict mode code (strict opcode semantics, this binding).
    pub strict: bool,
    /// A generator function (not yet emitted by the compiler).
    pub generator: bool,
    /// An async function (not yet emitted by the compiler).
    pub is_async: bool,
    /// The `length` property: formal parameters before the first one with a
    /// default value or the rest parameter.
    pub length: u32,
    /// Registers `R[0 .. param_count)` receive the first arguments on entry
    /// (missing ones are undefined); every other register starts undefined.
    pub param_count: u16,
    /// Size of the frame's register window.
    pub register_count: u16,
    /// Number of inline-cache slots used by the code (`IcSlot < ic_count`).
    pub ic_count: u32,
    /// The instructions.
    pub code: Box<[u8]>,
    pub constants: Box<[Constant]>,
    /// Exception handlers, innermost first: the first entry whose range
    /// contains the throwing pc wins.
    pub handlers: Box<[Handler]>,
    /// pc -> source position, sorted by pc; see [`FunctionCode::position_at`].
    pub lines: Box<[LineEntry]>,
    /// The source text this code was compiled from (shared by all the
    /// functions of one script).
    pub source: Rc<SourceText>,
    /// Byte range of this function's source text in `source.text`, for
    /// `Function.prototype.toString` (a class constructor covers the class).
    pub source_start: u32,
    pub source_end: u32,
}

impl FunctionCode {
    /// The source position of the instruction at `pc` (the last line entry
    /// at or before it).
    pub fn position_at(&self, pc: u32) -> Option<(u32, u32)> {
        let i = self.lines.partition_point(|e| e.pc <= pc);
        let e = self.lines.get(i.checked_sub(1)?)?;
        Some((e.line, e.column))
    }

    /// This function's source text, for `Function.prototype.toString`.
    pub fn source_text(&self) -> &str {
        self.source
            .text
            .get(self.source_start as usize..self.source_end as usize)
            .unwrap_or("")
    }

    /// The constant at `index`, if in range.
    pub fn constant(&self, index: crate::ConstIdx) -> Option<&Constant> {
        self.constants.get(index.0 as usize)
    }
}

/// The text of a compiled script (or eval code / dynamic function) and the
/// name it is reported under in stack traces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub name: Box<str>,
    pub text: Box<str>,
}

/// One exception handler: a throw at a pc in `start .. end` continues at
/// `target` with the exception in `R[exception]`, after popping environments
/// until `env_depth` scopes pushed by this frame remain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub exception: crate::Reg,
    /// Number of environments this frame has pushed (`PushScope`,
    /// `PushWithScope`) and not popped at the handler (the interpreter keeps
    /// that count per frame; `CopyScope` does not change it).
    pub env_depth: u16,
}

/// A line-table entry: instructions from `pc` up to the next entry come from
/// `line:column` (1-based; the column counts UTF-16 code units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEntry {
    pub pc: u32,
    pub line: u32,
    pub column: u32,
}

/// A constant-pool entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    Number(f64),
    /// A string value (may contain lone surrogates).
    String(Box<[u16]>),
    /// A property or binding name; the engine interns it as an atom.
    Name(Box<str>),
    /// A BigInt literal's digits without the `n` suffix and without numeric
    /// separators, keeping any `0x`/`0o`/`0b` prefix.
    BigInt(Box<str>),
    /// A nested function (for `Closure`, `CreateClass`, declarations).
    Function(Rc<FunctionCode>),
    /// A regular expression literal: pattern and flags as source text
    /// (validated by the parser).
    RegExp {
        pattern: Box<str>,
        flags: Box<str>,
    },
    /// A template literal site (GetTemplateObject); `cooked[i]` is None where
    /// the cooked string is undefined (invalid escapes in tagged templates).
    Template {
        cooked: Vec<Option<Box<[u16]>>>,
        raw: Vec<Box<[u16]>>,
    },
    /// A declarative environment layout (`PushScope`).
    Scope(Rc<ScopeDescriptor>),
    /// Declared names for `GlobalDeclarationInstantiation` /
    /// `EvalDeclarationInstantiation`.
    Declarations(Box<Declarations>),
    /// The static context of a direct eval call site (`CallEval`).
    EvalSite(Rc<EvalSite>),
    /// Parameter index -> function-scope slot for `CreateMappedArguments`
    /// (None for a parameter name that a later parameter shadows).
    ArgumentsMap(Box<[Option<u32>]>),
    /// The property names of an object literal built by `NewObjectLiteral`,
    /// in order: distinct, and none an array index.
    Shape(Box<[Box<str>]>),
}

/// Where a declarative environment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    /// A function's top-level scope (parameters, vars, top-level lexicals).
    Function,
    /// The separate var scope of a function with parameter expressions.
    FunctionBody,
    /// A block, loop head or switch scope.
    Block,
    /// A catch clause's parameter scope (Annex B.3.4: never conflicts with
    /// eval `var`s).
    Catch,
    /// A class scope (class binding, private names, hidden class data).
    Class,
    /// The scope holding a named function expression's own name.
    FunctionName,
    /// Eval code's own top-level scope.
    Eval,
}

/// The binding kinds a scope slot can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BindingKind {
    /// `var`, parameters, top-level functions, catch parameters: mutable.
    Var,
    /// `let`, `class` declarations, block functions: mutable lexical.
    Let,
    /// `const` and a class's inner name: assignment throws TypeError.
    Const,
    /// A named function expression's own name: assignment is ignored in
    /// sloppy code and throws TypeError in strict code.
    FunctionName,
    /// A private name (`#x`), holding a Private Name value.
    PrivateName,
    /// A compiler-internal binding (`this`, `new.target`, home object,
    /// class data); never found by name lookups.
    Hidden,
}

/// One binding of a declarative environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotInfo {
    pub name: Box<str>,
    pub kind: BindingKind,
    /// The binding starts `<uninitialized>` (TDZ) rather than undefined.
    pub uninit: bool,
}

/// The layout of a declarative environment created by `PushScope`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeDescriptor {
    pub kind: ScopeKind,
    /// This environment is a var scope: sloppy direct eval `var`s land in the
    /// nearest one (a function's variable environment, or strict eval code's
    /// own scope).
    pub var_scope: bool,
    /// Sloppy direct eval in this function may add bindings by name.
    pub growable: bool,
    pub slots: Box<[SlotInfo]>,
}

impl ScopeDescriptor {
    /// The slot index of the non-hidden binding `name`, if any.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.slots
            .iter()
            .position(|s| s.kind != BindingKind::Hidden && &*s.name == name)
            .map(|i| i as u32)
    }
}

/// The names a script or eval body declares at its top level (for
/// `GlobalDeclarationInstantiation` and `EvalDeclarationInstantiation`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Declarations {
    /// Top-level `let`/`const`/`class` names (scripts only): (name, is_const).
    pub lexical: Vec<(Box<str>, bool)>,
    /// Top-level function declarations to instantiate, in initialization
    /// order (the last declaration of a name wins and only it is listed):
    /// (name, index of its `Function` constant).
    pub functions: Vec<(Box<str>, u32)>,
    /// `var` names (without the function names), in declaration order.
    pub vars: Vec<Box<str>>,
    /// Annex B.3.2 candidates: block-level functions that may get a var
    /// binding initialized to undefined; the result per name goes to
    /// `R[flags + i]`.
    pub annex_b: Vec<Box<str>>,
}

/// The static context of a direct eval call: what `compile_eval` needs to
/// compile eval code for this call site.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalSite {
    /// The caller is strict (the eval code is then strict too).
    pub strict: bool,
    /// The environment chain at the call, innermost first, up to but not
    /// including the global environment (exactly the chain the interpreter
    /// has in `env` at the `CallEval`).
    pub scopes: Vec<EvalScope>,
    /// Where the eval code's `this`, `new.target` and `super` come from.
    pub function: EvalFunctionContext,
    /// The call is inside a class field initializer (`arguments` is then an
    /// early error in the eval code).
    pub in_class_field_initializer: bool,
}

/// One environment of an `EvalSite` chain.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalScope {
    Declarative(Rc<ScopeDescriptor>),
    /// A `with` object environment.
    With,
}

/// The function context of an eval call site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalFunctionContext {
    /// Not inside any function (script code, or arrows at script level):
    /// `this` is the global this.
    Global,
    /// Inside a non-arrow function (or arrows within one) of this kind; its
    /// hidden bindings (`this`, `new.target`, home object, active
    /// function) are in the `scopes` chain.
    Function(FunctionKind),
}
