//! The opcode table: every instruction of the VM, with its operands, its
//! semantics in register notation and its flags. Everything else about
//! opcodes (enum, encoder, decoder, disassembler, docs/bytecode.md) is
//! generated from this one macro invocation.
//!
//! Notation: `R[x]` is register `x` of the current frame, `K[x]` is constant
//! `x` of the function's constant pool, `env` is the frame's current
//! environment, `pc` is the address of the instruction itself. "may throw"
//! means the opcode can raise an exception, which is dispatched through the
//! handler table (see the crate docs). The strictness of the current
//! function (`FunctionCode::strict`) decides strict-mode behaviour wherever
//! an opcode says "strict".

use crate::opcode_macro::define_opcodes;

define_opcodes! {
    group "Loads and moves" {
        /// `R[dst] := R[src]`.
        Mov { dst: Reg, src: Reg } [];
        /// `R[dst] := undefined`.
        LoadUndefined { dst: Reg } [];
        /// `R[dst] := null`.
        LoadNull { dst: Reg } [];
        /// `R[dst] := true`.
        LoadTrue { dst: Reg } [];
        /// `R[dst] := false`.
        LoadFalse { dst: Reg } [];
        /// `R[dst] := value` (a Number).
        LoadInt { dst: Reg, value: Imm } [];
        /// `R[dst] := K[index]` as a value: `Number` is a Number, `String` and
        /// `Name` are Strings, `BigInt` is the BigInt its text denotes. No
        /// other constant kind is ever loaded with this opcode.
        LoadConst { dst: Reg, index: ConstIdx } [ALLOCATES];
        /// `R[dst] := <uninitialized>`, the TDZ marker of an uncaptured lexical
        /// binding. The marker is never visible to JS code.
        LoadUninit { dst: Reg } [];
        /// If `R[src]` is `<uninitialized>`, throw ReferenceError
        /// "Cannot access 'K[name]' before initialization" (K[name] is a Name).
        CheckInit { src: Reg, name: ConstIdx } [THROWS];
        /// `R[dst] := frame this`, the this value bound at call time
        /// (OrdinaryCallBindThis: sloppy functions already got undefined/null
        /// replaced by the global this and primitives boxed). Only emitted in
        /// non-arrow functions that are not derived constructors.
        LoadThis { dst: Reg } [];
        /// `R[dst] := frame new.target` (undefined for a [[Call]]).
        LoadNewTarget { dst: Reg } [];
        /// `R[dst] := the frame's function object` (the callee).
        LoadCallee { dst: Reg } [];
        /// `R[dst] := callee.[[HomeObject]]`, or undefined if it has none.
        LoadHomeObject { dst: Reg } [];
        /// `R[dst] := the realm's global this value` ([[GlobalThisValue]]).
        LoadGlobalThis { dst: Reg } [];
        /// If `R[src]` is `<uninitialized>`, throw ReferenceError "Must call super
        /// constructor in derived class before accessing 'this' or returning
        /// from derived constructor". Reads of `this` in derived constructors.
        CheckThisInit { src: Reg } [THROWS];
        /// If `R[src]` is not `<uninitialized>`, throw ReferenceError "Super
        /// constructor may only be called once" (BindThisValue on an
        /// initialized this binding).
        CheckThisUninit { src: Reg } [THROWS];
    }

    group "Environments" {
        /// `env := NewDeclarativeEnvironment(env)` described by the scope
        /// descriptor `K[scope]`: one binding per descriptor slot, each
        /// initialized to `<uninitialized>` if the slot's `uninit` is set,
        /// else undefined.
        PushScope { scope: ConstIdx } [ALLOCATES];
        /// `env := NewObjectEnvironment(ToObject(R[obj]), withEnvironment = true, env)`;
        /// may throw (TypeError for null/undefined).
        PushWithScope { obj: Reg } [THROWS, ALLOCATES];
        /// `env := env.[[OuterEnv]]`.
        PopScope { } [];
        /// CreatePerIterationEnvironment: `env :=` a new declarative environment
        /// with the same descriptor, the same outer environment and a copy of
        /// the current bindings' values.
        CopyScope { } [ALLOCATES];
        /// `R[dst] := E.slots[slot]` where `E` is `env` walked outward `depth`
        /// times (object environments count). No TDZ check: the value may be
        /// `<uninitialized>`.
        GetSlot { dst: Reg, depth: Depth, slot: SlotIdx } [];
        /// As `GetSlot`, but if the value is `<uninitialized>` throw ReferenceError
        /// "Cannot access 'N' before initialization" (N = the slot's name in
        /// E's descriptor).
        GetSlotChecked { dst: Reg, depth: Depth, slot: SlotIdx } [THROWS];
        /// `E.slots[slot] := R[src]` (`E` as in `GetSlot`). Also used to
        /// initialize bindings.
        SetSlot { depth: Depth, slot: SlotIdx, src: Reg } [];
        /// As `SetSlot`, but first throw ReferenceError "Cannot access 'N'
        /// before initialization" if the binding is `<uninitialized>`.
        SetSlotChecked { depth: Depth, slot: SlotIdx, src: Reg } [THROWS];
    }

    group "Globals" {
        /// GlobalDeclarationInstantiation (ECMA-262 16.1.7 with Annex B.3.2.2)
        /// with the names of `K[decls]` (a `Declarations` constant); may throw
        /// (SyntaxError / TypeError as the spec says). In spec order: the
        /// lexical/var conflict checks, CanDeclareGlobalFunction for each
        /// function and CanDeclareGlobalVar for each var; then for each
        /// `annex_b[i]`: `R[flags + i] :=` (global lexical record has no such
        /// binding and CanDeclareGlobalVar(name)), and when true and the name
        /// is not among the functions/vars, CreateGlobalVarBinding(name,
        /// false); then the lexical bindings (uninitialized) in the global
        /// lexical record; each function constant instantiated with `env`
        /// (like `Closure`) and bound with CreateGlobalFunctionBinding(name,
        /// f, false); CreateGlobalVarBinding(name, false) for each var.
        GlobalDeclarationInstantiation { decls: ConstIdx, flags: Reg } [THROWS, ALLOCATES];
        /// `R[dst] :=` the value of global binding `K[name]`: the global lexical
        /// record first (ReferenceError "Cannot access 'x' before
        /// initialization" if uninitialized), then the global object
        /// (HasProperty then Get); ReferenceError "x is not defined" if
        /// neither has it. `ic` may cache the global object lookup.
        GetGlobal { dst: Reg, name: ConstIdx, ic: IcSlot } [THROWS];
        /// `R[dst] := typeof <global K[name]>`: as `GetGlobal` but an
        /// unresolvable name gives "undefined" (TDZ still throws).
        TypeofGlobal { dst: Reg, name: ConstIdx, ic: IcSlot } [THROWS];
        /// `<global K[name]> := R[src]`: the global lexical record first (TDZ
        /// ReferenceError; TypeError "Assignment to constant variable." for a
        /// const), else the global object: if the property does not exist,
        /// strict throws ReferenceError "x is not defined" and sloppy creates
        /// it (Set); otherwise Set(global, name, value, strict).
        SetGlobal { name: ConstIdx, src: Reg, ic: IcSlot } [THROWS];
        /// InitializeBinding of the global lexical binding `K[name]` (created by
        /// `GlobalDeclarationInstantiation`) to `R[src]`.
        InitGlobalLexical { name: ConstIdx, src: Reg } [];
    }

    group "Dynamic name resolution" {
        /// `R[dst] :=` ResolveBinding(K[name]) then GetValue, walking `env`
        /// outward by name: declarative environments by their descriptor's
        /// slot names (hidden slots never match) plus names added by sloppy
        /// direct eval; object environments by HasProperty and, for `with`,
        /// @@unscopables; then the global lexical record and the global
        /// object. May throw (ReferenceError if unresolvable or in TDZ).
        GetName { dst: Reg, name: ConstIdx } [THROWS];
        /// `R[dst] := typeof K[name]` resolved as `GetName`; an unresolvable
        /// name gives "undefined".
        TypeofName { dst: Reg, name: ConstIdx } [THROWS];
        /// As `GetName` into `R[dst]`, and `R[this_dst] :=` the binding object if
        /// the name was found in a `with` object environment, else undefined
        /// (the this value of a call through an identifier).
        GetNameWithThis { dst: Reg, this_dst: Reg, name: ConstIdx } [THROWS];
        /// PutValue(ResolveBinding(K[name]), R[src]) walking `env` as `GetName`
        /// does. Declarative bindings: TDZ ReferenceError; `Const` TypeError
        /// "Assignment to constant variable."; `FunctionName` ignored in
        /// sloppy code, TypeError in strict code. Unresolvable: sloppy creates
        /// a global object property, strict throws ReferenceError.
        SetName { name: ConstIdx, src: Reg } [THROWS];
        /// `R[dst] :=` ResolveBinding(K[name]) walking `env` as `GetName` does:
        /// an internal Reference value naming the Environment Record that
        /// has the binding (object, declarative or global), or
        /// "unresolvable". Used when an assignment must resolve its target
        /// before evaluating the right-hand side. May throw (proxies).
        ResolveName { dst: Reg, name: ConstIdx } [THROWS, ALLOCATES];
        /// `R[dst] :=` GetValue of the reference (`R[ref]`, `K[name]`):
        /// unresolvable throws ReferenceError "x is not defined"; an object
        /// environment whose object no longer has the property gives
        /// undefined (sloppy) or throws ReferenceError (strict); declarative
        /// bindings check the TDZ. May throw.
        GetNameRef { dst: Reg, reference: Reg, name: ConstIdx } [THROWS];
        /// PutValue(reference (`R[ref]`, `K[name]`), R[src]): unresolvable
        /// throws ReferenceError in strict code and sets the global object's
        /// property in sloppy code; otherwise SetMutableBinding(name, value,
        /// strict) on the recorded Environment Record (declarative bindings
        /// as in `SetName`). May throw.
        SetNameRef { reference: Reg, name: ConstIdx, src: Reg } [THROWS];
        /// `R[dst] := delete K[name]` resolved by name: object environments
        /// [[Delete]]; bindings added by sloppy direct eval are deleted (true);
        /// other declarative bindings give false; the global object [[Delete]];
        /// unresolvable gives true.
        DeleteName { dst: Reg, name: ConstIdx } [THROWS];
        /// EvalDeclarationInstantiation (ECMA-262 19.2.1.3 with Annex B.3.2.3
        /// and B.3.4) for sloppy eval code with the names of `K[decls]`
        /// (`lexical` is empty: the eval code's own lexical declarations live
        /// in a scope it pushes itself). varEnv is the first environment
        /// outward from `env` whose descriptor has `var_scope`, or the global
        /// environment. A var or function name throws SyntaxError if an
        /// environment strictly between `env` (inclusive) and varEnv binds it
        /// (any binding kind except `Hidden`/`PrivateName`; object
        /// environments and `Catch` scopes never conflict), if varEnv binds it
        /// as `Let`/`Const`, or, when varEnv is global, if the global lexical
        /// record has it. CanDeclareGlobalFunction / CanDeclareGlobalVar
        /// failures throw TypeError. Then `R[flags + i] :=` whether Annex B
        /// function `annex_b[i]` gets a var binding (no conflict found by the
        /// same walk, and for a global varEnv CanDeclareGlobalVar); functions
        /// are instantiated with `env` and bound in varEnv (SetMutableBinding
        /// if present, else created), missing vars created as undefined.
        /// Bindings created this way are deletable; a declarative varEnv
        /// grows by name.
        EvalDeclarationInstantiation { decls: ConstIdx, flags: Reg } [THROWS, ALLOCATES];
        /// Direct eval candidate. If `R[callee]` is the realm's %eval%: with no
        /// arguments `R[dst] := undefined`; if `R[args]` is not a String,
        /// `R[dst] := R[args]`; else parse and compile it with
        /// `compile_eval` and the `EvalSite` constant `K[site]`, run it with
        /// the current `env`, and `R[dst] :=` its completion value.
        /// Otherwise it is `Call dst, callee, this, args, argc`. May throw.
        CallEval { dst: Reg, callee: Reg, this: Reg, args: Reg, argc: Count, site: ConstIdx } [THROWS, ALLOCATES];
        /// As `CallEval` with the arguments being the elements `0 .. length`
        /// of the compiler-built Array `R[args]` (`eval(...list)`).
        CallEvalSpread { dst: Reg, callee: Reg, this: Reg, args: Reg, site: ConstIdx } [THROWS, ALLOCATES];
    }

    group "Functions and classes" {
        /// `R[dst] :=` a new function object for the `Function` constant
        /// `K[func]` with [[Environment]] = `env`; `name` and `length`
        /// properties from the FunctionCode; ordinary constructors (kind
        /// `Normal`, not generator/async) get a fresh `prototype` object.
        Closure { dst: Reg, func: ConstIdx } [ALLOCATES];
        /// SetFunctionName(R[func], R[key], prefix) for a key only known at run
        /// time: overwrites the `name` property that `Closure`/`CreateClass`
        /// defined. `R[key]` is a property key (a Symbol gives "[desc]" or "").
        /// prefix: 0 none, 1 "get", 2 "set".
        SetFunctionName { func: Reg, key: Reg, prefix: Flag } [ALLOCATES];
        /// `R[func].[[HomeObject]] := R[home]` (methods, accessors, field
        /// initializers and static blocks that may use `super`).
        SetHomeObject { func: Reg, home: Reg } [];
        /// ClassDefinitionEvaluation for a class without `extends`: the proto
        /// `R[proto_dst] := OrdinaryObjectCreate(%Object.prototype%)`, the
        /// constructor `R[dst] :=` a class constructor for `K[func]` (kind
        /// `ClassConstructor`) with prototype %Function.prototype%,
        /// [[Environment]] = `env`, [[HomeObject]] = proto, `name`/`length`
        /// from the FunctionCode, `prototype` = proto (non-writable,
        /// non-enumerable, non-configurable) and `proto.constructor` = F
        /// (writable, non-enumerable, configurable).
        CreateClass { dst: Reg, proto_dst: Reg, func: ConstIdx } [ALLOCATES];
        /// As `CreateClass` for `class extends R[superclass]` (kind
        /// `DerivedConstructor`): null gives protoParent null and constructor
        /// parent %Function.prototype%; otherwise TypeError unless
        /// IsConstructor, protoParent := Get(superclass, "prototype") (TypeError
        /// unless Object or null), constructor parent := superclass. May throw.
        CreateDerivedClass { dst: Reg, proto_dst: Reg, func: ConstIdx, superclass: Reg } [THROWS, ALLOCATES];
        /// DefinePropertyOrThrow(R[obj], ToPropertyKey(R[key]), { value: R[func],
        /// writable: true, enumerable: false, configurable: true }) (class
        /// methods); may throw.
        DefineMethod { obj: Reg, key: Reg, func: Reg } [THROWS];
        /// DefinePropertyOrThrow(R[obj], ToPropertyKey(R[key]), { get: R[func],
        /// enumerable: enumerable == 1, configurable: true }), keeping an
        /// existing setter of an accessor property; may throw.
        DefineGetter { obj: Reg, key: Reg, func: Reg, enumerable: Flag } [THROWS];
        /// As `DefineGetter` for the setter.
        DefineSetter { obj: Reg, key: Reg, func: Reg, enumerable: Flag } [THROWS];
        /// `R[dst] :=` a new Private Name whose description is `K[description]`
        /// (a Name such as "#x"). Private Names are internal values stored in
        /// registers or class-scope slots, never visible to JS.
        NewPrivateName { dst: Reg, description: ConstIdx } [ALLOCATES];
        /// `R[dst] := PrivateGet(R[obj], R[name])`: TypeError if `R[obj]` is not
        /// an object or lacks the element; accessors call the getter
        /// (TypeError if none). May throw.
        GetPrivate { dst: Reg, obj: Reg, name: Reg } [THROWS];
        /// `PrivateSet(R[obj], R[name], R[src])`: TypeError if missing, if a
        /// method, or an accessor without setter. May throw.
        SetPrivate { obj: Reg, name: Reg, src: Reg } [THROWS];
        /// `PrivateFieldAdd(R[obj], R[name], R[src])`: TypeError if `R[obj]`
        /// already has the element. May throw.
        DefinePrivateField { obj: Reg, name: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `PrivateMethodOrAccessorAdd(R[obj], method R[name] := R[func])`:
        /// TypeError if already present. May throw.
        AddPrivateMethod { obj: Reg, name: Reg, func: Reg } [THROWS, ALLOCATES];
        /// `PrivateMethodOrAccessorAdd(R[obj], accessor R[name] { get: R[getter],
        /// set: R[setter] })` where undefined means absent. TypeError if
        /// already present. May throw.
        AddPrivateAccessor { obj: Reg, name: Reg, getter: Reg, setter: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := #x in R[obj]` for the Private Name `R[name]`: TypeError if
        /// `R[obj]` is not an object; else whether it has the element.
        PrivateIn { dst: Reg, name: Reg, obj: Reg } [THROWS];
        /// `R[dst] := R[func].[[GetPrototypeOf]]()` (GetSuperConstructor; `R[func]`
        /// is the active derived constructor).
        GetSuperConstructor { dst: Reg, func: Reg } [];
        /// `R[dst] := Construct(R[ctor], R[args .. args+argc], R[new_target])`;
        /// TypeError "Super constructor is not a constructor" unless
        /// IsConstructor(R[ctor]). Binding `this` and running field
        /// initializers are separate instructions. May throw.
        SuperConstruct { dst: Reg, ctor: Reg, new_target: Reg, args: Reg, argc: Count } [THROWS, ALLOCATES];
        /// As `SuperConstruct` with the arguments being the elements
        /// `0 .. length` of the compiler-built Array `R[args]` (read directly,
        /// without the iteration protocol).
        SuperConstructSpread { dst: Reg, ctor: Reg, new_target: Reg, args: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := super[key]`: `k := ToPropertyKey(R[key])`, `base :=
        /// R[home].[[GetPrototypeOf]]()`, TypeError if base is null or
        /// undefined, then `base.[[Get]](k, R[this])`. May throw.
        GetSuper { dst: Reg, home: Reg, key: Reg, this: Reg } [THROWS];
        /// `super[key] := R[src]`: `k` and `base` as in `GetSuper`, then
        /// `base.[[Set]](k, R[src], R[this])`; a false result throws TypeError
        /// in strict code. May throw.
        SetSuper { home: Reg, key: Reg, src: Reg, this: Reg } [THROWS];
        /// `R[dst] :=` CreateMappedArgumentsObject over the frame's full
        /// argument list: index `i` (for `i < min(argc, map.len())` with
        /// `map[i]` not None) aliases slot `map[i]` of `env`, `K[map]` being an
        /// `ArgumentsMap` constant; `callee` is the frame's function.
        CreateMappedArguments { dst: Reg, map: ConstIdx } [ALLOCATES];
        /// `R[dst] :=` CreateUnmappedArgumentsObject over the frame's full
        /// argument list.
        CreateUnmappedArguments { dst: Reg } [ALLOCATES];
        /// `R[dst] :=` a new Array of the frame's arguments from index `from` on
        /// (empty if fewer).
        CreateRestArray { dst: Reg, from: Count } [ALLOCATES];
    }

    group "Calls and returns" {
        /// `R[dst] := Call(R[callee], R[this], R[args .. args+argc])`; TypeError
        /// if not callable. May throw.
        Call { dst: Reg, callee: Reg, this: Reg, args: Reg, argc: Count } [THROWS, ALLOCATES];
        /// As `Call` with the arguments being the elements `0 .. length` of the
        /// compiler-built Array `R[args]`.
        CallSpread { dst: Reg, callee: Reg, this: Reg, args: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := Construct(R[ctor], R[args .. args+argc], R[ctor])`;
        /// TypeError if not a constructor. May throw.
        New { dst: Reg, ctor: Reg, args: Reg, argc: Count } [THROWS, ALLOCATES];
        /// As `New` with the arguments in the compiler-built Array `R[args]`.
        NewSpread { dst: Reg, ctor: Reg, args: Reg } [THROWS, ALLOCATES];
        /// Return `R[src]` from the frame. In a [[Construct]] frame (never a
        /// derived constructor's) the result is `R[src]` if it is an Object,
        /// else the frame's this.
        Return { src: Reg } [ENDS];
        /// Return from a derived constructor: if `R[src]` is an Object return
        /// it; if it is not undefined throw TypeError "Derived constructors may
        /// only return object or undefined"; else `CheckThisInit this` and
        /// return `R[this]`.
        DerivedReturn { src: Reg, this: Reg } [THROWS, ENDS];
    }

    group "Properties" {
        /// `R[dst] := R[obj][K[name]]`: GetValue with base ToObject(R[obj])
        /// (TypeError "Cannot read properties of null/undefined") and this
        /// value `R[obj]`. `K[name]` is a Name. May throw.
        GetProp { dst: Reg, obj: Reg, name: ConstIdx, ic: IcSlot } [THROWS];
        /// `R[obj][K[name]] := R[src]`: PutValue with base ToObject(R[obj]) and
        /// this value `R[obj]`; a false [[Set]] throws TypeError in strict
        /// code. May throw.
        SetProp { obj: Reg, name: ConstIdx, src: Reg, ic: IcSlot } [THROWS];
        /// `R[dst] := R[obj][R[key]]`: ToObject(R[obj]) first (TypeError for
        /// null/undefined), then ToPropertyKey(R[key]), then [[Get]]. May throw.
        GetElem { dst: Reg, obj: Reg, key: Reg } [THROWS];
        /// `R[obj][R[key]] := R[src]`: ToObject(R[obj]), ToPropertyKey(R[key]),
        /// [[Set]] (strict: TypeError on false). May throw.
        SetElem { obj: Reg, key: Reg, src: Reg } [THROWS];
        /// `R[dst] := delete R[obj][K[name]]`: ToObject then [[Delete]]; strict
        /// throws TypeError on false. May throw.
        DeleteProp { dst: Reg, obj: Reg, name: ConstIdx } [THROWS];
        /// `R[dst] := delete R[obj][R[key]]` (as `DeleteProp`). May throw.
        DeleteElem { dst: Reg, obj: Reg, key: Reg } [THROWS];
        /// `R[dst] := R[key] in R[obj]`: TypeError if `R[obj]` is not an Object,
        /// else HasProperty(R[obj], ToPropertyKey(R[key])). May throw.
        In { dst: Reg, key: Reg, obj: Reg } [THROWS];
        /// `R[dst] := R[obj] instanceof R[ctor]` (InstanceofOperator). May throw.
        InstanceOf { dst: Reg, obj: Reg, ctor: Reg } [THROWS];
    }

    group "Object and array literals" {
        /// `R[dst] := OrdinaryObjectCreate(%Object.prototype%)`.
        NewObject { dst: Reg } [ALLOCATES];
        /// `R[dst] :=` a new ordinary object (prototype %Object.prototype%)
        /// with the data properties `K[shape][i]: R[values + i]` for
        /// `i < count`, in order, all writable, enumerable and configurable:
        /// the object `{ a: x, b: y }` makes with `NewObject` and one
        /// `DefineNamedField` per property, built at once with its final
        /// shape (`K[shape]` is a Shape constant of `count` distinct names,
        /// none an array index).
        NewObjectLiteral { dst: Reg, values: Reg, count: Count, shape: ConstIdx } [ALLOCATES];
        /// `R[dst] :=` a new empty Array; `capacity` is a size hint.
        NewArray { dst: Reg, capacity: Count } [ALLOCATES];
        /// Append `R[src]` to the Array `R[arr]` being built (CreateDataProperty
        /// at index `length`, then `length + 1`).
        ArrayPush { arr: Reg, src: Reg } [ALLOCATES];
        /// Append a hole to the Array `R[arr]` being built (`length + 1`).
        ArrayPushHole { arr: Reg } [ALLOCATES];
        /// Append every value of the iterable `R[iterable]` to the Array `R[arr]`
        /// (GetIterator + IteratorStepValue until done). May throw.
        ArrayAppendSpread { arr: Reg, iterable: Reg } [THROWS, ALLOCATES];
        /// CreateDataPropertyOrThrow(R[obj], ToPropertyKey(R[key]), R[src]). May throw.
        DefineField { obj: Reg, key: Reg, src: Reg } [THROWS, ALLOCATES];
        /// CreateDataPropertyOrThrow(R[obj], K[name], R[src]). May throw.
        /// `ic` caches the shape transition of adding the property.
        DefineNamedField { obj: Reg, name: ConstIdx, src: Reg, ic: IcSlot } [THROWS, ALLOCATES];
        /// `__proto__: v` in an object literal: if `R[src]` is an Object or null,
        /// `R[obj].[[SetPrototypeOf]](R[src])`; otherwise nothing.
        SetProto { obj: Reg, src: Reg } [];
        /// CopyDataProperties(R[dst], R[src], excluded keys R[excluded ..
        /// excluded+count]) (the keys are property keys). Null/undefined
        /// sources copy nothing. May throw.
        CopyDataProperties { dst: Reg, src: Reg, excluded: Reg, count: Count } [THROWS, ALLOCATES];
        /// `R[dst] := RegExpCreate(pattern, flags)` of the `RegExp` constant
        /// `K[regexp]` (a new object per evaluation). May throw.
        NewRegExp { dst: Reg, regexp: ConstIdx } [THROWS, ALLOCATES];
        /// `R[dst] := GetTemplateObject(site)`: the frozen template object for the
        /// `Template` constant `K[template]`, created once per realm and site
        /// (the constant's identity is the site) and cached.
        GetTemplateObject { dst: Reg, template: ConstIdx } [ALLOCATES];
    }

    group "Operators" {
        /// `R[dst] := R[lhs] + R[rhs]` (ApplyStringOrNumericBinaryOperator). May throw.
        Add { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] - R[rhs]`. May throw.
        Sub { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] * R[rhs]`. May throw.
        Mul { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] / R[rhs]`. May throw.
        Div { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] % R[rhs]`. May throw.
        Mod { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] ** R[rhs]`. May throw.
        Exp { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] & R[rhs]`. May throw.
        BitAnd { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] | R[rhs]`. May throw.
        BitOr { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] ^ R[rhs]`. May throw.
        BitXor { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] << R[rhs]`. May throw.
        Shl { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] >> R[rhs]`. May throw.
        Shr { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] >>> R[rhs]` (TypeError for BigInts). May throw.
        UShr { dst: Reg, lhs: Reg, rhs: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] == R[rhs]` (IsLooselyEqual). May throw.
        Eq { dst: Reg, lhs: Reg, rhs: Reg } [THROWS];
        /// `R[dst] := R[lhs] != R[rhs]`. May throw.
        Ne { dst: Reg, lhs: Reg, rhs: Reg } [THROWS];
        /// `R[dst] := R[lhs] === R[rhs]` (IsStrictlyEqual).
        StrictEq { dst: Reg, lhs: Reg, rhs: Reg } [];
        /// `R[dst] := R[lhs] !== R[rhs]`.
        StrictNe { dst: Reg, lhs: Reg, rhs: Reg } [];
        /// `R[dst] := R[lhs] < R[rhs]` (IsLessThan, left first). May throw.
        Lt { dst: Reg, lhs: Reg, rhs: Reg } [THROWS];
        /// `R[dst] := R[lhs] <= R[rhs]`. May throw.
        Le { dst: Reg, lhs: Reg, rhs: Reg } [THROWS];
        /// `R[dst] := R[lhs] > R[rhs]`. May throw.
        Gt { dst: Reg, lhs: Reg, rhs: Reg } [THROWS];
        /// `R[dst] := R[lhs] >= R[rhs]`. May throw.
        Ge { dst: Reg, lhs: Reg, rhs: Reg } [THROWS];
        /// `R[dst] := -R[src]` (ToNumeric, then negate). May throw.
        Neg { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := ~R[src]` (ToNumeric, then bitwise not). May throw.
        BitNot { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := !ToBoolean(R[src])`.
        Not { dst: Reg, src: Reg } [];
        /// `R[dst] := typeof R[src]` (a String).
        Typeof { dst: Reg, src: Reg } [];
        /// `R[dst] := ToNumber(R[src])` (unary `+`; TypeError for BigInt and
        /// Symbol). May throw.
        ToNumber { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := ToNumeric(R[src])` (the old value of `x++`). May throw.
        ToNumeric { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := ToNumeric(R[src]) + 1` (Number or BigInt). May throw.
        Inc { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := ToNumeric(R[src]) - 1`. May throw.
        Dec { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := ToString(R[src])` (template substitutions; TypeError for
        /// Symbol). May throw.
        ToString { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// `R[dst] := ToPropertyKey(R[src])` for an object (a String or
        /// Symbol); a primitive is kept as it is, since its conversion runs
        /// no code and every consumer of the register converts it again.
        /// May throw.
        ToPropertyKey { dst: Reg, src: Reg } [THROWS, ALLOCATES];
        /// RequireObjectCoercible(R[src]): TypeError if null or undefined.
        CheckObjectCoercible { src: Reg } [THROWS];
        /// `R[dst] := R[lhs] + value` (`Add` with a small integer literal on
        /// the right). May throw.
        AddImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] - value`. May throw.
        SubImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] * value`. May throw.
        MulImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] % value`. May throw.
        ModImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] / value`. May throw.
        DivImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] & value`. May throw.
        BitAndImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] | value`. May throw.
        BitOrImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] ^ value`. May throw.
        BitXorImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] << value`. May throw.
        ShlImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] >> value`. May throw.
        ShrImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
        /// `R[dst] := R[lhs] >>> value` (TypeError for BigInts). May throw.
        UShrImm { dst: Reg, lhs: Reg, value: Imm } [THROWS, ALLOCATES];
    }

    group "Jumps" {
        /// `pc := pc + offset`.
        Jump { offset: JumpOffset } [JUMPS, ENDS];
        /// If ToBoolean(R[cond]), `pc := pc + offset`.
        JumpIfTrue { cond: Reg, offset: JumpOffset } [JUMPS];
        /// If not ToBoolean(R[cond]), `pc := pc + offset`.
        JumpIfFalse { cond: Reg, offset: JumpOffset } [JUMPS];
        /// If `R[src]` is null or undefined, `pc := pc + offset`.
        JumpIfNullish { src: Reg, offset: JumpOffset } [JUMPS];
        /// If `R[src]` is neither null nor undefined, `pc := pc + offset`.
        JumpIfNotNullish { src: Reg, offset: JumpOffset } [JUMPS];
        /// If `R[src]` is undefined, `pc := pc + offset`.
        JumpIfUndefined { src: Reg, offset: JumpOffset } [JUMPS];
        /// If `R[src]` is not undefined, `pc := pc + offset`.
        JumpIfNotUndefined { src: Reg, offset: JumpOffset } [JUMPS];
        /// Unless `R[lhs] < R[rhs]`, `pc := pc + offset` (a `Lt` and a
        /// `JumpIfFalse` in one, for conditions). May throw.
        JumpUnlessLt { lhs: Reg, rhs: Reg, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] <= R[rhs]`, `pc := pc + offset`. May throw.
        JumpUnlessLe { lhs: Reg, rhs: Reg, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] > R[rhs]`, `pc := pc + offset`. May throw.
        JumpUnlessGt { lhs: Reg, rhs: Reg, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] >= R[rhs]`, `pc := pc + offset`. May throw.
        JumpUnlessGe { lhs: Reg, rhs: Reg, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] === R[rhs]`, `pc := pc + offset`.
        JumpUnlessStrictEq { lhs: Reg, rhs: Reg, offset: JumpOffset } [JUMPS];
        /// Unless `R[lhs] !== R[rhs]`, `pc := pc + offset`.
        JumpUnlessStrictNe { lhs: Reg, rhs: Reg, offset: JumpOffset } [JUMPS];
        /// Unless `R[lhs] < value`, `pc := pc + offset` (`JumpUnlessLt` with
        /// a small integer literal on the right). May throw.
        JumpUnlessLtImm { lhs: Reg, value: Imm, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] <= value`, `pc := pc + offset`. May throw.
        JumpUnlessLeImm { lhs: Reg, value: Imm, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] > value`, `pc := pc + offset`. May throw.
        JumpUnlessGtImm { lhs: Reg, value: Imm, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] >= value`, `pc := pc + offset`. May throw.
        JumpUnlessGeImm { lhs: Reg, value: Imm, offset: JumpOffset } [JUMPS, THROWS];
        /// Unless `R[lhs] === value`, `pc := pc + offset`.
        JumpUnlessStrictEqImm { lhs: Reg, value: Imm, offset: JumpOffset } [JUMPS];
        /// Unless `R[lhs] !== value`, `pc := pc + offset`.
        JumpUnlessStrictNeImm { lhs: Reg, value: Imm, offset: JumpOffset } [JUMPS];
    }

    group "Iteration" {
        /// GetIterator(R[obj], sync): `R[iter] :=` the iterator, `R[next] :=`
        /// its `next` method (TypeError if @@iterator is not callable or
        /// returns a non-object). May throw.
        GetIterator { iter: Reg, next: Reg, obj: Reg } [THROWS, ALLOCATES];
        /// IteratorStepValue for destructuring: `R[done] := true`; `result :=
        /// Call(R[next], R[iter])` (TypeError if not an Object); if
        /// IteratorComplete(result), `R[value] := undefined`; else `R[value] :=
        /// IteratorValue(result)` and `R[done] := false`. On a throw `R[done]`
        /// stays true. May throw.
        IteratorStep { value: Reg, done: Reg, iter: Reg, next: Reg } [THROWS, ALLOCATES];
        /// for-of step: `result := Call(R[next], R[iter])` (TypeError if not an
        /// Object); if IteratorComplete(result), `pc := pc + exit`; else
        /// `R[dst] := IteratorValue(result)`. May throw.
        ForOfNext { dst: Reg, iter: Reg, next: Reg, exit: JumpOffset } [THROWS, ALLOCATES, JUMPS];
        /// IteratorClose(R[iter], normal completion): `ret := GetMethod(iter,
        /// "return")`; if undefined nothing; else `Call(ret, iter)` and
        /// TypeError if the result is not an Object. May throw.
        IteratorClose { iter: Reg } [THROWS, ALLOCATES];
        /// IteratorClose(R[iter], throw completion): as `IteratorClose`, but any
        /// exception from GetMethod or the call, and the result check, are
        /// ignored (the compiler rethrows the original exception next).
        IteratorCloseForThrow { iter: Reg } [ALLOCATES];
        /// `R[dst] :=` a for-in iterator over ToObject(R[obj]) (EnumerateObjectProperties);
        /// null and undefined give an iterator that is immediately done. May throw.
        ForInEnumerate { dst: Reg, obj: Reg } [THROWS, ALLOCATES];
        /// `R[dst] :=` the for-in iterator `R[iter]`'s next key (a String), or
        /// `pc := pc + exit` when done. May throw (proxies).
        ForInNext { dst: Reg, iter: Reg, exit: JumpOffset } [THROWS, ALLOCATES, JUMPS];
    }

    group "Coroutines" {
        /// The start of a generator body, after FunctionDeclarationInstantiation:
        /// `G := OrdinaryCreateFromConstructor(callee, %GeneratorPrototype%)`,
        /// the frame is suspended into G (state suspended-start, resuming at
        /// the next instruction) and the call completes with G. May throw.
        InitialYield {} [THROWS, ALLOCATES];
        /// GeneratorYield(CreateIterResultObject(R[src], false)): suspends the
        /// frame into its generator and completes the resuming `next`/`throw`/
        /// `return` call with the result. When resumed, `R[dst] :=` the value
        /// sent in and `R[mode] :=` the resumption mode (0 next, 1 throw,
        /// 2 return) for a `ResumeBranch` that follows.
        Yield { dst: Reg, mode: Reg, src: Reg } [ALLOCATES];
        /// As `Yield`, but completes the resuming call with `R[src]` itself
        /// (a `yield*` inner result object, passed on unchanged).
        YieldRaw { dst: Reg, mode: Reg, src: Reg } [];
        /// Dispatch on a resumption mode: next: `pc := pc + offset`; throw:
        /// throw `R[value]`; return: continue with the next instruction (which
        /// returns `R[value]` through the enclosing `finally` blocks).
        ResumeBranch { mode: Reg, value: Reg, offset: JumpOffset } [THROWS, JUMPS];
        /// One `yield*` step (14.4.14) on the inner iterator `R[iter]` with
        /// next method `R[next]`, by the mode `R[mode]` with the received value
        /// `R[recv]`: next: `R[dst] := Call(next, iter, « recv »)`; throw: call
        /// `iter.throw(recv)` (if it has none: IteratorClose(iter) and throw a
        /// TypeError) and set `R[mode]` to next; return: call
        /// `iter.return(recv)`, or if it has none `R[dst] :=
        /// CreateIterResultObject(recv, true)`. A result that is not an Object
        /// is a TypeError. May throw.
        YieldDelegateStep { dst: Reg, iter: Reg, next: Reg, recv: Reg, mode: Reg } [THROWS, ALLOCATES];
        /// Completes the coroutine with `R[src]`: a generator finishes and its
        /// resuming call returns CreateIterResultObject(R[src], true); an async
        /// function resolves its promise with `R[src]` and completes its
        /// current call with the promise.
        CoroutineReturn { src: Reg } [ALLOCATES, ENDS];
        /// The first instruction of an async function: creates its coroutine
        /// object and promise (NewPromiseCapability(%Promise%)). From here on
        /// an exception leaving the frame rejects the promise instead, and the
        /// call completes normally with the promise.
        AsyncStart {} [ALLOCATES];
        /// Await(R[src]) (27.7.5.3): `p := PromiseResolve(%Promise%, R[src])`
        /// (may throw), PerformPromiseThen(p) with reactions that resume this
        /// frame, then suspend: the current call completes with the async
        /// function's promise. When resumed, `R[dst] :=` the settled value and
        /// `R[mode] :=` 0 (fulfilled) or 1 (rejected) for a `ResumeBranch`.
        Await { dst: Reg, mode: Reg, src: Reg } [THROWS, ALLOCATES];
        /// AsyncGeneratorYield(R[src]) (27.6.3.8): resolves the oldest request
        /// with CreateIterResultObject(R[src], false). If another request is
        /// queued, continues at once with its value and mode in `R[dst]` and
        /// `R[mode]`; otherwise suspends until `next`/`throw`/`return`. A
        /// return request's value is awaited first (a rejection resumes as a
        /// throw).
        AsyncYield { dst: Reg, mode: Reg, src: Reg } [ALLOCATES];
        /// As `YieldDelegateStep` for `yield*` in an async generator, except
        /// that the result is not checked (it is awaited first) and a missing
        /// `throw` or `return` method jumps to `pc + none` with `R[mode]` kept.
        AsyncDelegateStep { dst: Reg, iter: Reg, next: Reg, recv: Reg, mode: Reg, none: JumpOffset } [THROWS, ALLOCATES, JUMPS];
        /// If `R[mode]` is the resumption mode `expect`, `pc := pc + offset`.
        JumpIfMode { mode: Reg, expect: Imm, offset: JumpOffset } [JUMPS];
        /// GetIterator(R[obj], async) (7.4.3): `R[iter] :=` the result of
        /// `obj[@@asyncIterator]()`, or CreateAsyncFromSyncIterator of the sync
        /// iterator when there is no such method; `R[next] :=` its `next`. May
        /// throw.
        GetAsyncIterator { iter: Reg, next: Reg, obj: Reg } [THROWS, ALLOCATES];
        /// TypeError if `R[result]` is not an Object; if
        /// IteratorComplete(R[result]), `pc := pc + exit`; else `R[dst] :=`
        /// IteratorValue(R[result]). May throw.
        IterResultUnpack { dst: Reg, result: Reg, exit: JumpOffset } [THROWS, JUMPS];
        /// `R[dst] := GetMethod(R[iter], "return")`; if undefined, `pc := pc +
        /// none`. May throw.
        GetReturnMethod { dst: Reg, iter: Reg, none: JumpOffset } [THROWS, JUMPS];
        /// TypeError if `R[src]` is not an Object (an iterator result).
        CheckIterResult { src: Reg } [THROWS];
    }

    group "Exceptions" {
        /// Throw `R[src]`.
        Throw { src: Reg } [THROWS, ENDS];
        /// Throw a new native error of `kind` with message `K[message]` (a
        /// String), e.g. TypeError "Assignment to constant variable.".
        ThrowConst { kind: ErrorKind, message: ConstIdx } [THROWS, ENDS, ALLOCATES];
    }

    group "Modules" {
        /// `R[dst] :=` the value of import binding `index` of the module whose
        /// environment is `env` walked outward `depth` times (its slot 0 holds
        /// the module record): the exporting module's binding it was linked
        /// to, or that module's namespace object. ReferenceError if the
        /// binding is still uninitialized (or its module has no environment).
        GetImport { dst: Reg, depth: Depth, index: SlotIdx } [THROWS];
        /// `R[dst] := import.meta` of the active module: created on first use
        /// as an ordinary object with a null prototype, whose properties the
        /// host adds (HostGetImportMetaProperties). May throw.
        ImportMeta { dst: Reg } [THROWS, ALLOCATES];
        /// EvaluateImportCall(R[specifier], R[options], phase) (13.3.10.1):
        /// `R[dst] :=` a promise for the namespace of the module the host
        /// loads for ToString(R[specifier]) relative to the active script or
        /// module. `R[options]` is undefined when absent. `phase` is 0 for
        /// `import()`, 1 for `import.defer()`, 2 for `import.source()`.
        /// Errors reject the promise, except a termination.
        ImportCall { dst: Reg, specifier: Reg, options: Reg, phase: Flag } [THROWS, ALLOCATES];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OpFlags, OperandKind};

    #[test]
    fn table_is_consistent() {
        assert!(Opcode::ALL.len() <= 256);
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Opcode::from_u8(i as u8), Some(*op));
            let jumps = op
                .operands()
                .iter()
                .filter(|o| o.kind == OperandKind::JumpOffset)
                .count();
            assert!(jumps <= 1, "{} has several jump operands", op.name());
            assert_eq!(
                jumps == 1,
                op.flags().contains(OpFlags::JUMPS),
                "{}: JUMPS flag must match a JumpOffset operand",
                op.name()
            );
            assert!(!op.doc().trim().is_empty());
        }
    }

    #[test]
    fn encode_decode_round_trip() {
        use crate::{ConstIdx, Count, IcSlot, JumpOffset, Reg};
        let instrs = [
            Instruction::Add {
                dst: Reg(1),
                lhs: Reg(2),
                rhs: Reg(300),
            },
            Instruction::GetProp {
                dst: Reg(0),
                obj: Reg(1),
                name: ConstIdx(70000),
                ic: IcSlot(3),
            },
            Instruction::JumpIfFalse {
                cond: Reg(4),
                offset: JumpOffset(-12),
            },
            Instruction::Call {
                dst: Reg(0),
                callee: Reg(1),
                this: Reg(2),
                args: Reg(3),
                argc: Count(2),
            },
            Instruction::PopScope {},
        ];
        let mut code = Vec::new();
        let mut pcs = Vec::new();
        for i in &instrs {
            pcs.push(code.len());
            i.encode(&mut code);
            assert_eq!(
                code.len() - pcs.last().copied().unwrap_or(0),
                i.opcode().size()
            );
        }
        for (i, pc) in instrs.iter().zip(pcs) {
            assert_eq!(Instruction::decode(&code, pc), Some(*i));
        }
        assert_eq!(Instruction::decode(&code[..3], 0), None);
        assert_eq!(Instruction::decode(&[255], 0), None);
    }
}
