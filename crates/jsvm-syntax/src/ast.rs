//! The abstract syntax tree for ECMAScript 2025 scripts and modules.
//!
//! Stable: other crates depend on this; additive changes only.
//!
//! Every node lives in a `bumpalo::Bump` arena owned by the caller and carries a
//! [`Span`] of byte offsets into the source text. Children are arena references
//! (`&'a T`) and lists are arena slices (`&'a [T]`), so every node is `Copy`
//! where its fields allow and the tree is freed in one go with the arena.
//!
//! Invariants the parser guarantees (the compiler may rely on them):
//! - the tree satisfies every early error of the spec for its goal symbol;
//! - cover grammars are resolved: arrow parameters, destructuring assignment
//!   targets and `async (...)` heads appear as their final node kinds;
//! - parentheses leave no node: `(a)` is `a`. The two places where they are
//!   observable are explicit: the end of an optional chain (`(a?.b).c`),
//!   through [`Expression::Chain`], and an assignment to a parenthesized
//!   identifier (`(f) = function () {}` names no function), through
//!   [`AssignmentExpression::parenthesized_target`];
//! - identifier names have their `\u` escapes decoded; string values are
//!   UTF-16 code units because escapes may produce lone surrogates;
//! - Annex B `if (x) function f() {}` is represented with the function
//!   declaration wrapped in a synthetic [`BlockStatement`] (as B.3.3 says it
//!   behaves), so the compiler never sees a bare declaration as an `if` arm.

use std::fmt;

/// Byte offsets `[start, end)` into the source text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The source text this span covers (empty if out of range).
    pub fn source_text<'s>(&self, source: &'s str) -> &'s str {
        source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

// ---------------------------------------------------------------------------
// Program
// ---------------------------------------------------------------------------

/// Which goal symbol the source was parsed with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SourceType {
    Script,
    Module,
}

/// A parsed Script or Module.
#[derive(Debug, Clone, Copy)]
pub struct Program<'a> {
    pub span: Span,
    /// The full source text (spans index into it).
    pub source: &'a str,
    pub source_type: SourceType,
    /// Strict mode code: modules, a `"use strict"` directive, or
    /// `ParseOptions::strict` (direct eval in strict code).
    pub strict: bool,
    /// The `#!...` line without the `#!` and the line terminator.
    pub hashbang: Option<&'a str>,
    /// Statements (and, in modules, import/export declarations). Directive
    /// prologue entries stay here as ordinary expression statements.
    pub body: &'a [Statement<'a>],
    /// The top level contains a direct `eval(...)` call (not counting nested
    /// non-arrow functions; counting arrows and class field initializers
    /// never, since those record their own).
    pub contains_direct_eval: bool,
    /// Top-level `await` appears (modules only), including `for await`.
    pub has_top_level_await: bool,
}

// ---------------------------------------------------------------------------
// Identifiers and names
// ---------------------------------------------------------------------------

/// An identifier: a binding, a reference, a label or an IdentifierName used
/// as a property name. `name` has escapes decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identifier<'a> {
    pub span: Span,
    pub name: &'a str,
}

/// A private name `#x`; `name` excludes the `#`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivateName<'a> {
    pub span: Span,
    pub name: &'a str,
}

// ---------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
pub struct BooleanLiteral {
    pub span: Span,
    pub value: bool,
}

/// A numeric literal; `value` is the exact Number value (legacy octal,
/// separators and radix prefixes already applied).
#[derive(Debug, Clone, Copy)]
pub struct NumberLiteral {
    pub span: Span,
    pub value: f64,
}

/// A BigInt literal `123n`, `0x1Fn`: `digits` are the digits only (no
/// prefix, no separators, no `n`), in `radix` (2, 8, 10 or 16).
#[derive(Debug, Clone, Copy)]
pub struct BigIntLiteral<'a> {
    pub span: Span,
    pub digits: &'a str,
    pub radix: u32,
}

/// A string literal; `value` is the string value in UTF-16 code units.
#[derive(Debug, Clone, Copy)]
pub struct StringLiteral<'a> {
    pub span: Span,
    pub value: &'a [u16],
}

impl StringLiteral<'_> {
    /// The value as Rust text, if it has no lone surrogates.
    pub fn to_string_lossless(&self) -> Option<String> {
        String::from_utf16(self.value).ok()
    }
}

/// A regular expression literal `/pattern/flags`, as source text. The parser
/// has validated both (pattern syntax for the given flags, flag set).
#[derive(Debug, Clone, Copy)]
pub struct RegExpLiteral<'a> {
    pub span: Span,
    pub pattern: &'a str,
    pub flags: &'a str,
}

/// One literal piece of a template.
#[derive(Debug, Clone, Copy)]
pub struct TemplateElement<'a> {
    pub span: Span,
    /// The cooked string; `None` only in tagged templates whose piece has an
    /// invalid escape (the TV is undefined).
    pub cooked: Option<&'a [u16]>,
    /// The raw string (TRV): source text with CR and CRLF normalised to LF.
    pub raw: &'a str,
}

/// `` `a${x}b` ``: `quasis.len() == expressions.len() + 1`.
#[derive(Debug, Clone, Copy)]
pub struct TemplateLiteral<'a> {
    pub span: Span,
    pub quasis: &'a [TemplateElement<'a>],
    pub expressions: &'a [Expression<'a>],
}

/// ``tag`a${x}b` ``. Each occurrence is its own site (the template object
/// is cached per node; the node's address or span identifies it).
#[derive(Debug, Clone, Copy)]
pub struct TaggedTemplateExpression<'a> {
    pub span: Span,
    pub tag: Expression<'a>,
    pub quasi: &'a TemplateLiteral<'a>,
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

/// An expression. Every variant is a reference or a small value, so the enum
/// is two words and `Copy`.
#[derive(Debug, Clone, Copy)]
pub enum Expression<'a> {
    /// An IdentifierReference (including `arguments`, `eval`, `undefined`).
    Identifier(&'a Identifier<'a>),
    This(Span),
    Null(Span),
    Boolean(&'a BooleanLiteral),
    Number(&'a NumberLiteral),
    BigInt(&'a BigIntLiteral<'a>),
    String(&'a StringLiteral<'a>),
    RegExp(&'a RegExpLiteral<'a>),
    Template(&'a TemplateLiteral<'a>),
    TaggedTemplate(&'a TaggedTemplateExpression<'a>),
    Array(&'a ArrayExpression<'a>),
    Object(&'a ObjectExpression<'a>),
    /// A function expression (kind `Normal`), or a method/getter/setter value
    /// inside an object literal property.
    Function(&'a Function<'a>),
    /// An arrow function (kind `Arrow`).
    Arrow(&'a Function<'a>),
    Class(&'a Class<'a>),
    Unary(&'a UnaryExpression<'a>),
    Update(&'a UpdateExpression<'a>),
    Binary(&'a BinaryExpression<'a>),
    Logical(&'a LogicalExpression<'a>),
    Conditional(&'a ConditionalExpression<'a>),
    Assignment(&'a AssignmentExpression<'a>),
    Sequence(&'a SequenceExpression<'a>),
    Member(&'a MemberExpression<'a>),
    /// `super.x` / `super[x]`.
    SuperMember(&'a SuperMemberExpression<'a>),
    Call(&'a CallExpression<'a>),
    /// `super(...)`.
    SuperCall(&'a SuperCallExpression<'a>),
    New(&'a NewExpression<'a>),
    /// An optional chain `a?.b.c()`: the `optional` flags of the member/call
    /// nodes inside mark where it may short-circuit; short-circuiting makes
    /// the whole `Chain` evaluate to undefined.
    Chain(&'a ChainExpression<'a>),
    Yield(&'a YieldExpression<'a>),
    Await(&'a AwaitExpression<'a>),
    /// `new.target`.
    NewTarget(Span),
    /// `import.meta`.
    ImportMeta(Span),
    /// `import(specifier, options?)`.
    ImportCall(&'a ImportCallExpression<'a>),
    /// `#x in obj`.
    PrivateIn(&'a PrivateInExpression<'a>),
}

impl Expression<'_> {
    pub fn span(&self) -> Span {
        match self {
            Expression::Identifier(n) => n.span,
            Expression::This(s) | Expression::Null(s) => *s,
            Expression::NewTarget(s) | Expression::ImportMeta(s) => *s,
            Expression::Boolean(n) => n.span,
            Expression::Number(n) => n.span,
            Expression::BigInt(n) => n.span,
            Expression::String(n) => n.span,
            Expression::RegExp(n) => n.span,
            Expression::Template(n) => n.span,
            Expression::TaggedTemplate(n) => n.span,
            Expression::Array(n) => n.span,
            Expression::Object(n) => n.span,
            Expression::Function(n) | Expression::Arrow(n) => n.span,
            Expression::Class(n) => n.span,
            Expression::Unary(n) => n.span,
            Expression::Update(n) => n.span,
            Expression::Binary(n) => n.span,
            Expression::Logical(n) => n.span,
            Expression::Conditional(n) => n.span,
            Expression::Assignment(n) => n.span,
            Expression::Sequence(n) => n.span,
            Expression::Member(n) => n.span,
            Expression::SuperMember(n) => n.span,
            Expression::Call(n) => n.span,
            Expression::SuperCall(n) => n.span,
            Expression::New(n) => n.span,
            Expression::Chain(n) => n.span,
            Expression::Yield(n) => n.span,
            Expression::Await(n) => n.span,
            Expression::ImportCall(n) => n.span,
            Expression::PrivateIn(n) => n.span,
        }
    }

    /// IsAnonymousFunctionDefinition: a function, arrow or class expression
    /// without its own name (these get a name by NamedEvaluation).
    pub fn is_anonymous_function_definition(&self) -> bool {
        match self {
            Expression::Function(f) => f.id.is_none(),
            Expression::Arrow(_) => true,
            Expression::Class(c) => c.id.is_none(),
            _ => false,
        }
    }
}

/// An element of an array literal.
#[derive(Debug, Clone, Copy)]
pub enum ArrayElement<'a> {
    /// An elision `[, x]`.
    Hole(Span),
    Spread(&'a SpreadElement<'a>),
    Expression(Expression<'a>),
}

#[derive(Debug, Clone, Copy)]
pub struct ArrayExpression<'a> {
    pub span: Span,
    pub elements: &'a [ArrayElement<'a>],
}

/// `...x` in an array literal, call arguments or object literal.
#[derive(Debug, Clone, Copy)]
pub struct SpreadElement<'a> {
    pub span: Span,
    pub argument: Expression<'a>,
}

/// A property name: static (identifier name, string, number, bigint),
/// computed, or private (class elements and member access only).
#[derive(Debug, Clone, Copy)]
pub enum PropertyKey<'a> {
    /// An IdentifierName (may be a reserved word: `{ if: 1 }`).
    Identifier(&'a Identifier<'a>),
    String(&'a StringLiteral<'a>),
    Number(&'a NumberLiteral),
    BigInt(&'a BigIntLiteral<'a>),
    Computed(Expression<'a>),
    Private(&'a PrivateName<'a>),
}

impl PropertyKey<'_> {
    pub fn span(&self) -> Span {
        match self {
            PropertyKey::Identifier(n) => n.span,
            PropertyKey::String(n) => n.span,
            PropertyKey::Number(n) => n.span,
            PropertyKey::BigInt(n) => n.span,
            PropertyKey::Computed(e) => e.span(),
            PropertyKey::Private(n) => n.span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyKind {
    /// `key: value`, shorthand `key`, or a method `key() {}`.
    Init,
    Get,
    Set,
}

/// A property definition in an object literal.
#[derive(Debug, Clone, Copy)]
pub struct Property<'a> {
    pub span: Span,
    pub kind: PropertyKind,
    pub key: PropertyKey<'a>,
    /// The value; for methods, getters and setters an
    /// [`Expression::Function`] whose kind is `Method`/`Getter`/`Setter`;
    /// for shorthand `{ x }` the identifier reference `x`.
    pub value: Expression<'a>,
    pub method: bool,
    pub shorthand: bool,
    /// `__proto__: v` (non-computed, non-shorthand, non-method): sets the
    /// prototype instead of defining a property (B.3.1 / PropertyDefinitionEvaluation).
    pub is_proto_setter: bool,
}

#[derive(Debug, Clone, Copy)]
pub enum ObjectProperty<'a> {
    Property(&'a Property<'a>),
    Spread(&'a SpreadElement<'a>),
}

#[derive(Debug, Clone, Copy)]
pub struct ObjectExpression<'a> {
    pub span: Span,
    pub properties: &'a [ObjectProperty<'a>],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOperator {
    /// `-`
    Minus,
    /// `+`
    Plus,
    /// `!`
    Not,
    /// `~`
    BitNot,
    Typeof,
    Void,
    Delete,
}

impl UnaryOperator {
    pub fn as_str(self) -> &'static str {
        match self {
            UnaryOperator::Minus => "-",
            UnaryOperator::Plus => "+",
            UnaryOperator::Not => "!",
            UnaryOperator::BitNot => "~",
            UnaryOperator::Typeof => "typeof",
            UnaryOperator::Void => "void",
            UnaryOperator::Delete => "delete",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct UnaryExpression<'a> {
    pub span: Span,
    pub operator: UnaryOperator,
    pub argument: Expression<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOperator {
    Increment,
    Decrement,
}

/// `++x`, `x--`. `argument` is an Identifier or a member expression (or, in
/// sloppy code, a call expression: Annex B web-compat, a runtime
/// ReferenceError after evaluating the call).
#[derive(Debug, Clone, Copy)]
pub struct UpdateExpression<'a> {
    pub span: Span,
    pub operator: UpdateOperator,
    pub prefix: bool,
    pub argument: Expression<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOperator {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `===`
    StrictEq,
    /// `!==`
    StrictNotEq,
    /// `<`
    Lt,
    /// `<=`
    LtEq,
    /// `>`
    Gt,
    /// `>=`
    GtEq,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `>>>`
    UShr,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `**`
    Exp,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    In,
    Instanceof,
}

impl BinaryOperator {
    pub fn as_str(self) -> &'static str {
        use BinaryOperator::*;
        match self {
            Eq => "==",
            NotEq => "!=",
            StrictEq => "===",
            StrictNotEq => "!==",
            Lt => "<",
            LtEq => "<=",
            Gt => ">",
            GtEq => ">=",
            Shl => "<<",
            Shr => ">>",
            UShr => ">>>",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Rem => "%",
            Exp => "**",
            BitOr => "|",
            BitXor => "^",
            BitAnd => "&",
            In => "in",
            Instanceof => "instanceof",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct BinaryExpression<'a> {
    pub span: Span,
    pub operator: BinaryOperator,
    pub left: Expression<'a>,
    pub right: Expression<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicalOperator {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `??`
    Coalesce,
}

#[derive(Debug, Clone, Copy)]
pub struct LogicalExpression<'a> {
    pub span: Span,
    pub operator: LogicalOperator,
    pub left: Expression<'a>,
    pub right: Expression<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct ConditionalExpression<'a> {
    pub span: Span,
    pub test: Expression<'a>,
    pub consequent: Expression<'a>,
    pub alternate: Expression<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentOperator {
    /// `=`
    Assign,
    /// `+=`
    Add,
    /// `-=`
    Sub,
    /// `*=`
    Mul,
    /// `/=`
    Div,
    /// `%=`
    Rem,
    /// `**=`
    Exp,
    /// `<<=`
    Shl,
    /// `>>=`
    Shr,
    /// `>>>=`
    UShr,
    /// `|=`
    BitOr,
    /// `^=`
    BitXor,
    /// `&=`
    BitAnd,
    /// `&&=`
    And,
    /// `||=`
    Or,
    /// `??=`
    Coalesce,
}

impl AssignmentOperator {
    /// The binary operator of a compound arithmetic assignment.
    pub fn binary_operator(self) -> Option<BinaryOperator> {
        use AssignmentOperator as A;
        use BinaryOperator as B;
        Some(match self {
            A::Add => B::Add,
            A::Sub => B::Sub,
            A::Mul => B::Mul,
            A::Div => B::Div,
            A::Rem => B::Rem,
            A::Exp => B::Exp,
            A::Shl => B::Shl,
            A::Shr => B::Shr,
            A::UShr => B::UShr,
            A::BitOr => B::BitOr,
            A::BitXor => B::BitXor,
            A::BitAnd => B::BitAnd,
            A::Assign | A::And | A::Or | A::Coalesce => return None,
        })
    }

    /// The logical operator of a logical assignment (`&&=`, `||=`, `??=`).
    pub fn logical_operator(self) -> Option<LogicalOperator> {
        match self {
            AssignmentOperator::And => Some(LogicalOperator::And),
            AssignmentOperator::Or => Some(LogicalOperator::Or),
            AssignmentOperator::Coalesce => Some(LogicalOperator::Coalesce),
            _ => None,
        }
    }
}

/// `left op right`. With `Assign`, `left` may be any [`Pattern`]
/// (destructuring assignment); with any other operator it is
/// `Pattern::Identifier` or `Pattern::Expression`.
#[derive(Debug, Clone, Copy)]
pub struct AssignmentExpression<'a> {
    pub span: Span,
    pub operator: AssignmentOperator,
    pub left: Pattern<'a>,
    pub right: Expression<'a>,
    /// The target is an identifier written in parentheses, `(x) = ...`:
    /// not an IdentifierRef, so an anonymous function on the right gets
    /// no name (13.15.2, NamedEvaluation).
    pub parenthesized_target: bool,
}

impl AssignmentExpression<'_> {
    /// The name NamedEvaluation gives an anonymous function or class on
    /// the right: the target's, when it is an IdentifierRef.
    pub fn function_name(&self) -> Option<&str> {
        match self.left {
            Pattern::Identifier(id) if !self.parenthesized_target => Some(id.name),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct SequenceExpression<'a> {
    pub span: Span,
    pub expressions: &'a [Expression<'a>],
}

/// The property part of a member access.
#[derive(Debug, Clone, Copy)]
pub enum MemberProperty<'a> {
    /// `.name` (an IdentifierName; may be a reserved word).
    Static(&'a Identifier<'a>),
    /// `[expr]`.
    Computed(Expression<'a>),
    /// `.#name`.
    Private(&'a PrivateName<'a>),
}

/// `object.property`, `object[property]`, `object.#p`; `optional` marks `?.`
/// directly before this access.
#[derive(Debug, Clone, Copy)]
pub struct MemberExpression<'a> {
    pub span: Span,
    pub object: Expression<'a>,
    pub property: MemberProperty<'a>,
    pub optional: bool,
}

/// `super.x` / `super[x]` (never private).
#[derive(Debug, Clone, Copy)]
pub struct SuperMemberExpression<'a> {
    pub span: Span,
    pub property: MemberProperty<'a>,
}

/// An argument in a call or `new`.
#[derive(Debug, Clone, Copy)]
pub enum Argument<'a> {
    Expression(Expression<'a>),
    Spread(&'a SpreadElement<'a>),
}

/// `callee(arguments)`; `optional` marks `?.(`. A call is a direct eval when
/// `is_direct_eval` (callee is the plain identifier `eval`, possibly
/// parenthesised, not optional).
#[derive(Debug, Clone, Copy)]
pub struct CallExpression<'a> {
    pub span: Span,
    pub callee: Expression<'a>,
    pub arguments: &'a [Argument<'a>],
    pub optional: bool,
    pub is_direct_eval: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct SuperCallExpression<'a> {
    pub span: Span,
    pub arguments: &'a [Argument<'a>],
}

/// `new callee(arguments)`; `new C` has empty arguments.
#[derive(Debug, Clone, Copy)]
pub struct NewExpression<'a> {
    pub span: Span,
    pub callee: Expression<'a>,
    pub arguments: &'a [Argument<'a>],
}

#[derive(Debug, Clone, Copy)]
pub struct ChainExpression<'a> {
    pub span: Span,
    /// A Member or Call expression containing at least one `optional` link.
    pub expression: Expression<'a>,
}

/// `yield`, `yield x`, `yield* x`.
#[derive(Debug, Clone, Copy)]
pub struct YieldExpression<'a> {
    pub span: Span,
    pub argument: Option<Expression<'a>>,
    pub delegate: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct AwaitExpression<'a> {
    pub span: Span,
    pub argument: Expression<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct ImportCallExpression<'a> {
    pub span: Span,
    /// `import(...)`, `import.defer(...)` or `import.source(...)`.
    pub phase: ImportPhase,
    pub source: Expression<'a>,
    /// The second argument (`{ with: { type: "json" } }`), if present.
    pub options: Option<Expression<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct PrivateInExpression<'a> {
    pub span: Span,
    pub name: &'a PrivateName<'a>,
    pub right: Expression<'a>,
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

/// A binding or assignment target.
///
/// In binding positions (declarations, parameters, catch) only `Identifier`,
/// `Object` and `Array` occur. In assignment positions (destructuring
/// assignment, `for (x of ...)`, compound assignment) `Expression` also occurs.
#[derive(Debug, Clone, Copy)]
pub enum Pattern<'a> {
    /// A BindingIdentifier, or an IdentifierReference as assignment target.
    Identifier(&'a Identifier<'a>),
    /// An assignment target that is not an identifier: a member expression
    /// (`a.b`, `a[b]`, `a.#p`, `super.x`), or in sloppy code a call
    /// expression (Annex B web-compat: throws ReferenceError at runtime after
    /// the call is evaluated).
    Expression(Expression<'a>),
    Object(&'a ObjectPattern<'a>),
    Array(&'a ArrayPattern<'a>),
}

impl Pattern<'_> {
    pub fn span(&self) -> Span {
        match self {
            Pattern::Identifier(n) => n.span,
            Pattern::Expression(e) => e.span(),
            Pattern::Object(n) => n.span,
            Pattern::Array(n) => n.span,
        }
    }
}

/// A pattern with an optional default: `x = 1`, `[a] = []`, a parameter.
#[derive(Debug, Clone, Copy)]
pub struct BindingElement<'a> {
    pub span: Span,
    pub target: Pattern<'a>,
    pub default: Option<Expression<'a>>,
}

/// `[a, , b = 1, ...rest]`.
#[derive(Debug, Clone, Copy)]
pub struct ArrayPattern<'a> {
    pub span: Span,
    /// `None` is an elision.
    pub elements: &'a [Option<BindingElement<'a>>],
    pub rest: Option<Pattern<'a>>,
}

/// `{ a, b: c = 1, [k]: d, ...rest }`.
#[derive(Debug, Clone, Copy)]
pub struct ObjectPattern<'a> {
    pub span: Span,
    pub properties: &'a [PatternProperty<'a>],
    /// The rest target: an identifier in binding patterns; an identifier or
    /// member expression in assignment patterns.
    pub rest: Option<Pattern<'a>>,
}

/// `key: value = default`; for shorthand `{ a = 1 }` the key is the
/// identifier and `value.target` is the same identifier.
#[derive(Debug, Clone, Copy)]
pub struct PatternProperty<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    pub value: BindingElement<'a>,
    pub shorthand: bool,
}

// ---------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------

/// What kind of function object a [`Function`] node creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    /// A function declaration or expression (generator/async flags separate).
    Normal,
    Arrow,
    /// A method in an object literal or class (`m() {}`), incl. generator and
    /// async methods.
    Method,
    Getter,
    Setter,
    /// The constructor of a class without `extends`.
    ClassConstructor,
    /// The constructor of a class with `extends`.
    DerivedConstructor,
    /// A class field initializer (used in `ParseOptions` contexts; fields
    /// themselves are [`ClassField`] nodes).
    ClassFieldInitializer,
    /// A class static block (used in `ParseOptions` contexts; the blocks
    /// themselves are [`StaticBlock`] nodes).
    ClassStaticBlock,
}

/// Formal parameters `(a, b = 1, [c], ...d)`.
#[derive(Debug, Clone, Copy)]
pub struct FormalParameters<'a> {
    pub span: Span,
    pub items: &'a [BindingElement<'a>],
    pub rest: Option<Pattern<'a>>,
}

impl FormalParameters<'_> {
    /// ExpectedArgumentCount: parameters before the first default or rest.
    pub fn expected_argument_count(&self) -> u32 {
        self.items
            .iter()
            .take_while(|p| p.default.is_none())
            .count() as u32
    }
}

/// A function body: the statements (directive prologue included as
/// expression statements).
#[derive(Debug, Clone, Copy)]
pub struct FunctionBody<'a> {
    pub span: Span,
    pub statements: &'a [Statement<'a>],
}

/// Any function: declaration, expression, arrow, method, accessor,
/// class constructor.
#[derive(Debug, Clone, Copy)]
pub struct Function<'a> {
    /// The whole source text of the function (what
    /// `Function.prototype.toString` returns): from `async`/`function`/`get`/
    /// `static`?/the key/the first parameter through the closing `}` or the
    /// end of the concise arrow body. For class constructors, the span of
    /// the constructor method; the class's own text is in [`Class::span`].
    pub span: Span,
    /// The BindingIdentifier of declarations and named expressions.
    pub id: Option<Identifier<'a>>,
    pub kind: FunctionKind,
    pub is_async: bool,
    pub is_generator: bool,
    pub params: FormalParameters<'a>,
    /// For an arrow with an expression body (`x => x + 1`), a single
    /// `Statement::Return` whose argument is the expression and
    /// `expression_body` is true.
    pub body: FunctionBody<'a>,
    pub expression_body: bool,
    /// The function's code is strict: inherited from the enclosing code, a
    /// class body, or its own `"use strict"` directive.
    pub strict: bool,
    /// Its own directive prologue contains `"use strict"`.
    pub has_use_strict_directive: bool,
    /// IsSimpleParameterList: no defaults, no patterns, no rest.
    pub has_simple_parameter_list: bool,
    /// A direct `eval(...)` call occurs in the parameters or body, including
    /// inside nested arrow functions (which share `this`/`arguments`), but
    /// not inside nested non-arrow functions or classes' methods.
    pub contains_direct_eval: bool,
    /// `arguments` is referenced as an identifier in the parameters or body,
    /// including inside nested arrows (for an arrow: it refers to the
    /// enclosing function's `arguments`). A direct eval may also reference
    /// it: check `contains_direct_eval` too.
    pub uses_arguments: bool,
    /// `this`, `super.x` or `super()` occurs in the body or parameters,
    /// including inside nested arrows.
    pub uses_this: bool,
    /// The parameter names contain duplicates (only possible for sloppy
    /// normal functions with simple parameter lists).
    pub has_duplicate_parameters: bool,
}

impl Function<'_> {
    pub fn is_arrow(&self) -> bool {
        self.kind == FunctionKind::Arrow
    }
}

// ---------------------------------------------------------------------------
// Classes
// ---------------------------------------------------------------------------

/// A class declaration or expression. All its code is strict.
#[derive(Debug, Clone, Copy)]
pub struct Class<'a> {
    /// From `class` to the closing `}` (Function.prototype.toString).
    pub span: Span,
    pub id: Option<Identifier<'a>>,
    pub super_class: Option<Expression<'a>>,
    /// The explicit `constructor(...) {}` (kind `ClassConstructor` or
    /// `DerivedConstructor`); `None` means the default constructor.
    pub constructor: Option<&'a Function<'a>>,
    /// All elements except the constructor, in source order.
    pub elements: &'a [ClassElement<'a>],
}

#[derive(Debug, Clone, Copy)]
pub enum ClassElement<'a> {
    Method(&'a ClassMethod<'a>),
    Field(&'a ClassField<'a>),
    StaticBlock(&'a StaticBlock<'a>),
}

impl ClassElement<'_> {
    pub fn span(&self) -> Span {
        match self {
            ClassElement::Method(n) => n.span,
            ClassElement::Field(n) => n.span,
            ClassElement::StaticBlock(n) => n.span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    Method,
    Get,
    Set,
}

/// A method, getter or setter (static or not, public or private).
#[derive(Debug, Clone, Copy)]
pub struct ClassMethod<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    pub kind: MethodKind,
    pub is_static: bool,
    pub function: &'a Function<'a>,
}

/// A field `x = init;`, `static #y;`, `[k];`. The initializer is evaluated
/// as if it were the body of a method (`this` is the instance or the class;
/// `arguments` is an early error).
#[derive(Debug, Clone, Copy)]
pub struct ClassField<'a> {
    pub span: Span,
    pub key: PropertyKey<'a>,
    pub is_static: bool,
    pub value: Option<Expression<'a>>,
    /// The initializer contains a direct eval (incl. nested arrows).
    pub contains_direct_eval: bool,
    /// The initializer uses `this`/`super` (incl. nested arrows).
    pub uses_this: bool,
}

/// `static { ... }`.
#[derive(Debug, Clone, Copy)]
pub struct StaticBlock<'a> {
    pub span: Span,
    pub body: &'a [Statement<'a>],
    pub contains_direct_eval: bool,
    pub uses_this: bool,
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

/// A statement, declaration, or (in modules) import/export declaration.
#[derive(Debug, Clone, Copy)]
pub enum Statement<'a> {
    Empty(Span),
    Debugger(Span),
    Expression(&'a ExpressionStatement<'a>),
    Block(&'a BlockStatement<'a>),
    /// `var`, `let` or `const`.
    VariableDeclaration(&'a VariableDeclaration<'a>),
    /// A function declaration (id is `Some`, except for
    /// `export default function () {}`, which is only found inside
    /// [`ExportDefaultDeclaration`]).
    FunctionDeclaration(&'a Function<'a>),
    ClassDeclaration(&'a Class<'a>),
    If(&'a IfStatement<'a>),
    For(&'a ForStatement<'a>),
    ForIn(&'a ForInStatement<'a>),
    ForOf(&'a ForOfStatement<'a>),
    While(&'a WhileStatement<'a>),
    DoWhile(&'a DoWhileStatement<'a>),
    Continue(&'a ContinueStatement<'a>),
    Break(&'a BreakStatement<'a>),
    Return(&'a ReturnStatement<'a>),
    With(&'a WithStatement<'a>),
    Switch(&'a SwitchStatement<'a>),
    /// A labelled statement. In sloppy code its body may be a function
    /// declaration (Annex B.3.2), which is then declared like a function
    /// declaration in the enclosing statement list.
    Labeled(&'a LabeledStatement<'a>),
    Throw(&'a ThrowStatement<'a>),
    Try(&'a TryStatement<'a>),
    // --- module items (only in module top level) ---
    Import(&'a ImportDeclaration<'a>),
    ExportNamed(&'a ExportNamedDeclaration<'a>),
    ExportDefault(&'a ExportDefaultDeclaration<'a>),
    ExportAll(&'a ExportAllDeclaration<'a>),
}

impl Statement<'_> {
    pub fn span(&self) -> Span {
        match self {
            Statement::Empty(s) | Statement::Debugger(s) => *s,
            Statement::Expression(n) => n.span,
            Statement::Block(n) => n.span,
            Statement::VariableDeclaration(n) => n.span,
            Statement::FunctionDeclaration(n) => n.span,
            Statement::ClassDeclaration(n) => n.span,
            Statement::If(n) => n.span,
            Statement::For(n) => n.span,
            Statement::ForIn(n) => n.span,
            Statement::ForOf(n) => n.span,
            Statement::While(n) => n.span,
            Statement::DoWhile(n) => n.span,
            Statement::Continue(n) => n.span,
            Statement::Break(n) => n.span,
            Statement::Return(n) => n.span,
            Statement::With(n) => n.span,
            Statement::Switch(n) => n.span,
            Statement::Labeled(n) => n.span,
            Statement::Throw(n) => n.span,
            Statement::Try(n) => n.span,
            Statement::Import(n) => n.span,
            Statement::ExportNamed(n) => n.span,
            Statement::ExportDefault(n) => n.span,
            Statement::ExportAll(n) => n.span,
        }
    }
}

/// An expression statement. `directive` is the raw text (without quotes)
/// when this statement is part of a directive prologue (`"use strict"`).
#[derive(Debug, Clone, Copy)]
pub struct ExpressionStatement<'a> {
    pub span: Span,
    pub expression: Expression<'a>,
    pub directive: Option<&'a str>,
}

#[derive(Debug, Clone, Copy)]
pub struct BlockStatement<'a> {
    pub span: Span,
    pub body: &'a [Statement<'a>],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableKind {
    Var,
    Let,
    Const,
}

#[derive(Debug, Clone, Copy)]
pub struct VariableDeclaration<'a> {
    pub span: Span,
    pub kind: VariableKind,
    pub declarations: &'a [VariableDeclarator<'a>],
}

/// One `target = init` in a declaration. `target` is a binding pattern.
#[derive(Debug, Clone, Copy)]
pub struct VariableDeclarator<'a> {
    pub span: Span,
    pub target: Pattern<'a>,
    pub init: Option<Expression<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct IfStatement<'a> {
    pub span: Span,
    pub test: Expression<'a>,
    pub consequent: Statement<'a>,
    pub alternate: Option<Statement<'a>>,
}

/// The first clause of a `for (;;)`.
#[derive(Debug, Clone, Copy)]
pub enum ForInit<'a> {
    VariableDeclaration(&'a VariableDeclaration<'a>),
    Expression(Expression<'a>),
}

#[derive(Debug, Clone, Copy)]
pub struct ForStatement<'a> {
    pub span: Span,
    pub init: Option<ForInit<'a>>,
    pub test: Option<Expression<'a>>,
    pub update: Option<Expression<'a>>,
    pub body: Statement<'a>,
}

/// The left side of `for-in`/`for-of`: a declaration with exactly one
/// declarator (whose `init` is `None`, except Annex B
/// `for (var x = 1 in o)` in sloppy code), or an assignment target.
#[derive(Debug, Clone, Copy)]
pub enum ForTarget<'a> {
    VariableDeclaration(&'a VariableDeclaration<'a>),
    Pattern(Pattern<'a>),
}

#[derive(Debug, Clone, Copy)]
pub struct ForInStatement<'a> {
    pub span: Span,
    pub left: ForTarget<'a>,
    pub right: Expression<'a>,
    pub body: Statement<'a>,
}

/// `for (x of y)`, `for await (x of y)`.
#[derive(Debug, Clone, Copy)]
pub struct ForOfStatement<'a> {
    pub span: Span,
    pub is_await: bool,
    pub left: ForTarget<'a>,
    pub right: Expression<'a>,
    pub body: Statement<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct WhileStatement<'a> {
    pub span: Span,
    pub test: Expression<'a>,
    pub body: Statement<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct DoWhileStatement<'a> {
    pub span: Span,
    pub body: Statement<'a>,
    pub test: Expression<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct ContinueStatement<'a> {
    pub span: Span,
    pub label: Option<Identifier<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct BreakStatement<'a> {
    pub span: Span,
    pub label: Option<Identifier<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct ReturnStatement<'a> {
    pub span: Span,
    pub argument: Option<Expression<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct WithStatement<'a> {
    pub span: Span,
    pub object: Expression<'a>,
    pub body: Statement<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct SwitchCase<'a> {
    pub span: Span,
    /// `None` for `default:`.
    pub test: Option<Expression<'a>>,
    pub consequent: &'a [Statement<'a>],
}

/// All cases share one lexical scope (the case block).
#[derive(Debug, Clone, Copy)]
pub struct SwitchStatement<'a> {
    pub span: Span,
    pub discriminant: Expression<'a>,
    pub cases: &'a [SwitchCase<'a>],
}

#[derive(Debug, Clone, Copy)]
pub struct LabeledStatement<'a> {
    pub span: Span,
    pub label: Identifier<'a>,
    pub body: Statement<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct ThrowStatement<'a> {
    pub span: Span,
    pub argument: Expression<'a>,
}

/// `catch (param) { body }` or `catch { body }`.
#[derive(Debug, Clone, Copy)]
pub struct CatchClause<'a> {
    pub span: Span,
    pub param: Option<Pattern<'a>>,
    pub body: &'a BlockStatement<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct TryStatement<'a> {
    pub span: Span,
    pub block: &'a BlockStatement<'a>,
    pub handler: Option<&'a CatchClause<'a>>,
    pub finalizer: Option<&'a BlockStatement<'a>>,
}

// ---------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------

/// A ModuleExportName: an IdentifierName or a string literal (which the
/// parser has checked is well-formed Unicode, so it is text here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleExportName<'a> {
    pub span: Span,
    pub name: &'a str,
    pub is_string: bool,
}

/// `with { type: "json" }`: one key/value pair.
#[derive(Debug, Clone, Copy)]
pub struct ImportAttribute<'a> {
    pub span: Span,
    /// The key (IdentifierName or string literal value).
    pub key: ModuleExportName<'a>,
    pub value: &'a StringLiteral<'a>,
}

#[derive(Debug, Clone, Copy)]
pub enum ImportSpecifier<'a> {
    /// `import x from "m"`: imports `"default"`.
    Default { span: Span, local: Identifier<'a> },
    /// `import * as ns from "m"`.
    Namespace { span: Span, local: Identifier<'a> },
    /// `import { a as b, "s" as c, d } from "m"`.
    Named {
        span: Span,
        imported: ModuleExportName<'a>,
        local: Identifier<'a>,
    },
}

/// The phase an import asks for: the module evaluated (plain `import`),
/// its evaluation deferred until its namespace is used (`import defer`,
/// the deferred module evaluation proposal), or its source object only
/// (`import source`, the source phase imports proposal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportPhase {
    Evaluation,
    Defer,
    Source,
}

/// `import ... from "m" with {...};` or `import "m";` (no specifiers).
/// A `Defer` import has exactly one namespace specifier, a `Source` import
/// exactly one default-like specifier (the source object's binding).
#[derive(Debug, Clone, Copy)]
pub struct ImportDeclaration<'a> {
    pub span: Span,
    pub phase: ImportPhase,
    pub specifiers: &'a [ImportSpecifier<'a>],
    pub source: &'a StringLiteral<'a>,
    pub attributes: &'a [ImportAttribute<'a>],
}

/// `local as exported` in `export { ... }` (local is a ModuleExportName
/// only in re-exports `export { "a" as b } from "m"`).
#[derive(Debug, Clone, Copy)]
pub struct ExportSpecifier<'a> {
    pub span: Span,
    pub local: ModuleExportName<'a>,
    pub exported: ModuleExportName<'a>,
}

/// `export var/let/const/function/class ...` (declaration is `Some`,
/// specifiers empty) or `export { a, b as c } (from "m")?`.
#[derive(Debug, Clone, Copy)]
pub struct ExportNamedDeclaration<'a> {
    pub span: Span,
    pub declaration: Option<Statement<'a>>,
    pub specifiers: &'a [ExportSpecifier<'a>],
    pub source: Option<&'a StringLiteral<'a>>,
    pub attributes: &'a [ImportAttribute<'a>],
}

#[derive(Debug, Clone, Copy)]
pub enum ExportDefaultKind<'a> {
    /// `export default function f() {}` / `function () {}` (possibly
    /// async/generator); an unnamed one binds `*default*` and is named
    /// "default".
    Function(&'a Function<'a>),
    /// `export default class C {}` / `class {}`.
    Class(&'a Class<'a>),
    /// `export default expr;` (anonymous functions get the name "default").
    Expression(Expression<'a>),
}

#[derive(Debug, Clone, Copy)]
pub struct ExportDefaultDeclaration<'a> {
    pub span: Span,
    pub declaration: ExportDefaultKind<'a>,
}

/// `export * from "m"` / `export * as ns from "m"`.
#[derive(Debug, Clone, Copy)]
pub struct ExportAllDeclaration<'a> {
    pub span: Span,
    pub exported: Option<ModuleExportName<'a>>,
    pub source: &'a StringLiteral<'a>,
    pub attributes: &'a [ImportAttribute<'a>],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_enums() {
        assert_eq!(std::mem::size_of::<Expression<'_>>(), 16);
        assert_eq!(std::mem::size_of::<Statement<'_>>(), 16);
        assert!(std::mem::size_of::<Pattern<'_>>() <= 24);
    }
}
