//! Token kinds and the token record the lexer hands to the parser.
//!
//! Invariant: every reserved word and contextual keyword has its own kind,
//! decided on the *decoded* name; `Token::escaped` says whether the source
//! spelled it with `\u` escapes (then it can never act as a keyword).

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    Eof,
    // --- names ---
    Identifier,
    PrivateName,
    // --- literals ---
    Number,
    BigInt,
    String,
    /// `` `...` `` without substitutions.
    NoSubstitutionTemplate,
    /// `` `...${ ``
    TemplateHead,
    /// `}...${` (after rescanning a `}`).
    TemplateMiddle,
    /// `` }...` `` (after rescanning a `}`).
    TemplateTail,
    /// `/.../flags` (after rescanning a `/` or `/=`).
    RegExp,
    // --- punctuators ---
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Dot,
    Ellipsis,
    Semicolon,
    Comma,
    Lt,
    Gt,
    LtEq,
    GtEq,
    EqEq,
    NotEq,
    EqEqEq,
    NotEqEq,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    StarStar,
    PlusPlus,
    MinusMinus,
    Shl,
    Shr,
    UShr,
    Amp,
    Pipe,
    Caret,
    Bang,
    Tilde,
    AmpAmp,
    PipePipe,
    QuestionQuestion,
    Question,
    QuestionDot,
    Colon,
    Eq,
    PlusEq,
    MinusEq,
    StarEq,
    SlashEq,
    PercentEq,
    StarStarEq,
    ShlEq,
    ShrEq,
    UShrEq,
    AmpEq,
    PipeEq,
    CaretEq,
    AmpAmpEq,
    PipePipeEq,
    QuestionQuestionEq,
    Arrow,
    // --- reserved words (ReservedWord) ---
    Await,
    Break,
    Case,
    Catch,
    Class,
    Const,
    Continue,
    Debugger,
    Default,
    Delete,
    Do,
    Else,
    Enum,
    Export,
    Extends,
    False,
    Finally,
    For,
    Function,
    If,
    Import,
    In,
    Instanceof,
    New,
    Null,
    Return,
    Super,
    Switch,
    This,
    Throw,
    True,
    Try,
    Typeof,
    Var,
    Void,
    While,
    With,
    Yield,
    // --- strict mode reserved words ---
    Implements,
    Interface,
    Let,
    Package,
    Private,
    Protected,
    Public,
    Static,
    // --- contextual keywords (plain identifiers elsewhere) ---
    As,
    Async,
    From,
    Get,
    Meta,
    Of,
    Set,
    Target,
}

impl Kind {
    /// The kind of an identifier-name with this (decoded) text.
    pub fn from_name(name: &str) -> Kind {
        use Kind::*;
        match name {
            "await" => Await,
            "break" => Break,
            "case" => Case,
            "catch" => Catch,
            "class" => Class,
            "const" => Const,
            "continue" => Continue,
            "debugger" => Debugger,
            "default" => Default,
            "delete" => Delete,
            "do" => Do,
            "else" => Else,
            "enum" => Enum,
            "export" => Export,
            "extends" => Extends,
            "false" => False,
            "finally" => Finally,
            "for" => For,
            "function" => Function,
            "if" => If,
            "import" => Import,
            "in" => In,
            "instanceof" => Instanceof,
            "new" => New,
            "null" => Null,
            "return" => Return,
            "super" => Super,
            "switch" => Switch,
            "this" => This,
            "throw" => Throw,
            "true" => True,
            "try" => Try,
            "typeof" => Typeof,
            "var" => Var,
            "void" => Void,
            "while" => While,
            "with" => With,
            "yield" => Yield,
            "implements" => Implements,
            "interface" => Interface,
            "let" => Let,
            "package" => Package,
            "private" => Private,
            "protected" => Protected,
            "public" => Public,
            "static" => Static,
            "as" => As,
            "async" => Async,
            "from" => From,
            "get" => Get,
            "meta" => Meta,
            "of" => Of,
            "set" => Set,
            "target" => Target,
            _ => Identifier,
        }
    }

    /// Any IdentifierName: identifiers, reserved words, contextual keywords.
    pub fn is_identifier_name(self) -> bool {
        self == Kind::Identifier || self as u8 >= Kind::Await as u8
    }

    /// Tokens that can be an identifier in some context: identifiers,
    /// contextual keywords, strict-mode reserved words, `yield`, `await`.
    pub fn is_identifier_like(self) -> bool {
        self == Kind::Identifier || (self.is_identifier_name() && !self.is_always_reserved())
    }

    /// Reserved words that can never be identifiers (except `await` and
    /// `yield`, which depend on context).
    pub fn is_always_reserved(self) -> bool {
        (self as u8) >= Kind::Await as u8 && (self as u8) < Kind::Yield as u8 && self != Kind::Await
    }

    /// Words reserved only in strict mode code.
    pub fn is_strict_reserved(self) -> bool {
        (self as u8) >= Kind::Implements as u8 && (self as u8) <= Kind::Static as u8
            || self == Kind::Yield
    }

    /// Contextual keywords, which are ordinary identifiers.
    pub fn is_contextual(self) -> bool {
        (self as u8) >= Kind::As as u8
    }

    /// Assignment operators (`=`, `+=`, ...).
    pub fn is_assign_op(self) -> bool {
        use Kind::*;
        matches!(
            self,
            Eq | PlusEq
                | MinusEq
                | StarEq
                | SlashEq
                | PercentEq
                | StarStarEq
                | ShlEq
                | ShrEq
                | UShrEq
                | AmpEq
                | PipeEq
                | CaretEq
                | AmpAmpEq
                | PipePipeEq
                | QuestionQuestionEq
        )
    }
}

/// The value a token carries, beyond its kind and position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TokenValue<'a> {
    None,
    /// Identifier names and private names (decoded, without `#`).
    Name(&'a str),
    Number(f64),
    /// Digits without prefix/separators/`n`, and the radix.
    BigInt(&'a str, u32),
    String(&'a [u16]),
    /// Template pieces: cooked (`None` if an escape is invalid) and raw.
    Template {
        cooked: Option<&'a [u16]>,
        raw: &'a str,
    },
    /// Pattern and flags source text.
    RegExp(&'a str, &'a str),
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub kind: Kind,
    /// Byte offset of the first character.
    pub start: u32,
    /// Byte offset just past the last character.
    pub end: u32,
    /// A line terminator (or a multi-line comment containing one) precedes it.
    pub newline_before: bool,
    /// The identifier name contained `\u` escapes.
    pub escaped: bool,
    /// A legacy octal literal (`017`), a non-octal decimal starting with 0
    /// (`08`), or a string with a legacy octal / `\8` `\9` escape: all early
    /// errors in strict mode code. For template tokens: the first invalid
    /// escape (an error unless the template is tagged). The offset is where
    /// to report it.
    pub legacy_octal: Option<u32>,
    pub value: TokenValue<'a>,
}

impl<'a> Token<'a> {
    pub fn eof(at: u32) -> Token<'a> {
        Token {
            kind: Kind::Eof,
            start: at,
            end: at,
            newline_before: false,
            escaped: false,
            legacy_octal: None,
            value: TokenValue::None,
        }
    }

    /// The decoded name of an identifier-like or private-name token.
    pub fn name(&self) -> &'a str {
        match self.value {
            TokenValue::Name(n) => n,
            _ => "",
        }
    }
}
