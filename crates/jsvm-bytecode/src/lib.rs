//! jsvm-bytecode: the opcode table, instruction encoding, `FunctionCode`
//! and the disassembler.
//!
//! Architecture invariant: this crate knows neither the AST nor the heap.
//! Everything about an opcode comes from the one table in `opcodes.rs`
//! (enum, encoder, decoder, disassembler and `docs/bytecode.md` are
//! generated from it), and a `FunctionCode` is plain immutable data shared
//! as `Rc<FunctionCode>`.
//!
//! This page is the contract between the compiler (`jsvm-compiler`) and the
//! interpreter (`jsvm-engine`). The per-opcode semantics are in the table
//! (rendered in `docs/bytecode.md`); the conventions they rely on are here.
//!
//! # Encoding
//!
//! An instruction is one opcode byte followed by its operands in table
//! order, each at the fixed width of its kind ([`OperandKind::size`]),
//! little-endian, unaligned. [`Instruction::decode`] gives a typed view;
//! [`Opcode::size`] is the instruction length. A `JumpOffset` is relative to
//! the first byte of the jumping instruction: `target = pc + offset`.
//!
//! # Frames
//!
//! A call to a function with `FunctionCode` `f` pushes a frame with:
//! - `f.register_count` registers. The first `min(argc, f.param_count)`
//!   arguments are copied to `R[0 ..]`; all other registers start undefined.
//!   The full argument list stays available to `CreateMappedArguments`,
//!   `CreateUnmappedArguments` and `CreateRestArray`. Default values and
//!   destructuring of parameters are ordinary compiled code.
//! - the callee (function object), the this value (bound by
//!   OrdinaryCallBindThis before the frame starts: sloppy functions get the
//!   global this for undefined/null and boxed primitives; strict ones the
//!   value as is), new.target (undefined for [[Call]]).
//! - `env`, the current environment, initially the function object's
//!   [[Environment]] (scripts and indirect eval: the global environment;
//!   direct eval: the caller's current `env`), and a count of environments
//!   this frame pushed (`PushScope`/`PushWithScope` add one, `PopScope`
//!   removes one) used by exception handlers.
//!
//! `this`, `new.target`, the callee and the home object are read once by
//! `LoadThis`, `LoadNewTarget`, `LoadCallee`, `LoadHomeObject` at function
//! entry into compiler-managed bindings ("hidden bindings", see below);
//! nothing else reads frame state. Script code and eval code never use
//! these four opcodes (script-level `this` is `LoadGlobalThis`).
//!
//! [[Construct]] of a `Normal` or `ClassConstructor` function: the
//! interpreter creates the this object (OrdinaryCreateFromConstructor with
//! new.target) and runs the frame; `Return src` yields `R[src]` if it is an
//! Object, else that this object. A `DerivedConstructor` frame has no this
//! value at all: the compiler tracks it in a binding and only ever returns
//! with `DerivedReturn`, whose result is the construct result. [[Call]] of
//! a class constructor throws TypeError "Class constructor C cannot be
//! invoked without 'new'" without pushing a frame.
//!
//! # Bindings: registers, environment slots, globals, names
//!
//! Every binding the compiler resolves statically is one of:
//! - a register (not captured by any closure): lexical bindings start as
//!   the `<uninitialized>` marker (`LoadUninit`) where a TDZ read is
//!   possible, and reads are guarded by `CheckInit reg, name`;
//! - a slot of a declarative environment: captured bindings, all bindings
//!   of a scope (and of every enclosing scope in the function and its
//!   enclosing functions) that contains a direct eval, and bindings a
//!   `with` body may reach by name. A scope with such bindings is
//!   materialized by `PushScope K[scope]` (a [`ScopeDescriptor`]: slot
//!   names, kinds, which start `<uninitialized>`), read and written with
//!   `GetSlot`/`SetSlot depth, slot` where `depth` counts environments
//!   outward from `env` (object environments of `with` count too), or the
//!   TDZ-checked `GetSlotChecked`/`SetSlotChecked`. `CopyScope` implements
//!   CreatePerIterationEnvironment for captured `let` in `for` loops;
//! - a global (not found in any enclosing scope, no `with`/sloppy eval in
//!   between): `GetGlobal`, `TypeofGlobal`, `SetGlobal`, each checking the
//!   realm's global lexical record first, then the global object;
//! - dynamic: where a `with` or a sloppy direct eval can intervene,
//!   `GetName`/`SetName`/`TypeofName`/`DeleteName`/`GetNameWithThis` walk
//!   `env` by name. Declarative environments are searched by their
//!   descriptor's slot names (kind `Hidden` never matches) plus names that
//!   sloppy direct eval added. Assignments to such names resolve their
//!   reference before evaluating the right-hand side (`ResolveName`, then
//!   `GetNameRef`/`SetNameRef`), as the spec requires.
//!
//! Registers can hold three internal kinds of values besides JS values,
//! never visible to JS code: the `<uninitialized>` TDZ marker
//! (`LoadUninit`, also in environment slots), Private Names
//! (`NewPrivateName`) and name references (`ResolveName`). The interpreter
//! must trace the latter two for the GC.
//!
//! Assignments to `const` bindings compile to `ThrowConst TypeError
//! "Assignment to constant variable."` (after the TDZ check the spec
//! requires). Dynamic assignments use the slot's [`BindingKind`].
//!
//! The environment in which sloppy direct eval declares `var`s (a
//! function's variable environment, descriptor with `var_scope` and
//! `growable`) must be able to grow by name: the engine keeps added names
//! beside the descriptor's slots. Static slot indices never change.
//!
//! # Hidden bindings: this, new.target, super, the active function
//!
//! A non-arrow function that uses `this` (itself, in nested arrows, or
//! through a direct eval) copies it at entry (`LoadThis`) into a binding
//! named [`hidden::THIS`] (kind `Hidden`), a register or, if arrows or eval
//! need it, an environment slot that arrows read with `GetSlot`. Likewise
//! [`hidden::NEW_TARGET`] (`LoadNewTarget`), [`hidden::HOME_OBJECT`]
//! (`LoadHomeObject`, for `super.x`) and, in derived constructors,
//! [`hidden::FUNCTION`] (`LoadCallee`, the active function for `super()`).
//! Arrow functions therefore need nothing from the interpreter: a closure
//! captures its environment and that is all.
//!
//! In a derived constructor the `this` binding starts `<uninitialized>`.
//! Reads are `CheckThisInit`-guarded; `super(args)` compiles to
//! `GetSuperConstructor f, active_function` (before the arguments),
//! argument evaluation, `SuperConstruct r, f, new_target, args`, a raw read
//! of the this binding + `CheckThisUninit`, the store of `r` into the this
//! binding, then the class's instance initializer (below). Returns go
//! through `DerivedReturn value, this_raw`.
//!
//! # Classes: who does what
//!
//! The compiler emits, for `class C extends B { ... }`:
//! 1. the class scope (inner binding `C`, TDZ; one binding per private name
//!    `#x` holding a fresh `NewPrivateName`; hidden slots for computed field
//!    keys, private methods and the initializers);
//! 2. the heritage expression, then `CreateDerivedClass` (or `CreateClass`),
//!    which creates the prototype, the constructor `F` from its
//!    FunctionCode (a compiler-synthesized one for a default constructor),
//!    `F.prototype` and `proto.constructor`;
//! 3. every element in order: methods/accessors as `Closure` +
//!    `SetHomeObject` + `DefineMethod`/`DefineGetter`/`DefineSetter` on the
//!    prototype or `F` (enumerable 0); computed keys evaluated once with
//!    `ToPropertyKey`; private methods' closures kept in hidden slots;
//! 4. an instance initializer: a synthetic `Method` function (home object =
//!    proto) that adds the private methods/accessors to `this`
//!    (`AddPrivateMethod`/`AddPrivateAccessor`) and then defines the
//!    instance fields in order (`DefineField`/`DefinePrivateField`); the
//!    class's constructor calls it (`Call` with this = the new object) at
//!    entry (base class) or right after each `super()` returns (derived).
//!    The interpreter keeps no [[Fields]] or [[PrivateMethods]] of its own;
//! 5. initialization of the inner binding `C`, static private methods added
//!    to `F`, then a synthetic static initializer `Method` (home object =
//!    `F`) called with this = `F`, which evaluates static fields and static
//!    blocks (each block its own `Method` closure called with this = `F`)
//!    in order.
//!
//! # Functions and names
//!
//! `Closure` creates the function object with `name` from
//! `FunctionCode::name` (compile-time function name inference included).
//! For names only known at run time (computed keys) the compiler follows
//! with `SetFunctionName`, which overwrites that `name` property.
//! Object-literal methods and accessors get `SetHomeObject`.
//!
//! # Exceptions and finally
//!
//! `FunctionCode::handlers` lists handlers innermost first. When an
//! instruction at `pc` throws, the first handler with `start <= pc < end`
//! catches: the interpreter pops environments until the frame's pushed
//! count equals `env_depth`, stores the exception in `R[exception]` and
//! continues at `target`. No matching handler: the frame is popped and the
//! exception propagates to the caller. `finally` is compiled code: a
//! completion-kind register and a value register, and a dispatch after the
//! finally body (rethrow, return, or jump on to the break/continue target),
//! so the interpreter knows nothing of it.
//!
//! # Eval
//!
//! `CallEval` (`CallEvalSpread` for `eval(...args)`) is emitted for every
//! direct eval candidate (a call of the plain identifier `eval`). The
//! interpreter checks the callee is %eval%, parses the source with
//! `jsvm_compiler::parse_options_for_eval(site)`, compiles it with
//! `jsvm_compiler::compile_eval(program, name, Some(site))` passing the
//! [`EvalSite`] constant of the call site (strictness, the static
//! environment chain, the function context), and runs the resulting `Eval`
//! FunctionCode in a new frame whose `env` is the caller's current `env`;
//! the frame's `Return` value is the eval's completion value. Eval code
//! reads the caller's `this`, `new.target`, home object and active
//! function from the hidden bindings in that chain (which direct eval
//! forces into environments), so eval frames need no frame state. Sloppy
//! eval code declares its `var`s and functions with
//! `EvalDeclarationInstantiation`; strict eval code keeps them in its own
//! scope. Indirect eval compiles with `compile_eval(program, name, None)`
//! and runs in the global environment. Scripts also return their
//! completion value.
//!
//! The compiler (like the parser) recurses once per syntactic nesting
//! level: call it on a thread with a large stack (16 MiB).
//!
//! # Globals
//!
//! A script starts with `GlobalDeclarationInstantiation K[decls], flags`
//! (all of the spec's checks and bindings, top-level functions included);
//! top-level `let`/`const`/`class` are then initialized with
//! `InitGlobalLexical`.
//!
//! # Iteration
//!
//! An iterator record is two registers (iterator, `next` method) from
//! `GetIterator`. Destructuring steps with `IteratorStep` (which maintains a
//! done register) and closes with `IteratorClose` unless done; for-of steps
//! with `ForOfNext` (jumping out when done). Abrupt exits close the
//! iterator: break/return/continue-outward with `IteratorClose` (its errors
//! propagate), throws with `IteratorCloseForThrow` then a rethrow of the
//! original exception.

// Spec notation like [[Call]] is not an intra-doc link.
#![allow(rustdoc::broken_intra_doc_links)]

mod builder;
mod disasm;
mod docs;
mod function;
mod opcode_macro;
mod opcodes;
mod operand;
mod verify;

pub use builder::{patch_jump, BuildError, CodeBuilder, Label};
pub use disasm::{disassemble, format_instruction};
pub use docs::opcode_reference_markdown;
pub use function::{
    BindingKind, Constant, Declarations, EvalFunctionContext, EvalScope, EvalSite, FunctionCode,
    FunctionKind, Handler, LineEntry, ScopeDescriptor, ScopeKind, SlotInfo, SourceText,
};
pub use opcode_macro::{OpFlags, OpcodeGroup, OperandInfo};
pub use opcodes::{Instruction, Opcode, OPCODE_GROUPS};
pub use operand::{
    ConstIdx, Count, Depth, ErrorKind, Flag, IcSlot, Imm, JumpOffset, Operand, OperandKind,
    OperandValue, Reg, SlotIdx,
};
pub use verify::verify;

/// Names of the compiler's hidden bindings (kind [`BindingKind::Hidden`]).
/// They cannot collide with identifiers; `compile_eval` finds them in an
/// [`EvalSite`]'s scopes.
pub mod hidden {
    /// The function's this value.
    pub const THIS: &str = "this";
    /// The function's new.target.
    pub const NEW_TARGET: &str = "new.target";
    /// The function's [[HomeObject]] (for `super.x`).
    pub const HOME_OBJECT: &str = "%home";
    /// The active function (derived constructors, for `super()`).
    pub const FUNCTION: &str = "%fn";
    /// The `arguments` object is an ordinary binding named `arguments`.
    pub const ARGUMENTS: &str = "arguments";
}
