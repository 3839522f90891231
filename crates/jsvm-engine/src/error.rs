//! Errors as values: every fallible engine operation returns `JsResult<T>`.
//!
//! A `JsError` is either a thrown JS value, a native error (kind + message)
//! that is materialized into an error object of the current realm only when JS
//! code catches it or the embedder asks for it, or an uncatchable termination
//! (interrupt, time limit) that unwinds through every handler.

use crate::value::Value;

pub type JsResult<T> = Result<T, JsError>;

// Nearly every engine function returns a `JsResult<Value>`: keep it small
// (a `Native` error's message is boxed for that).
const _: () = assert!(std::mem::size_of::<JsResult<Value>>() <= 24);

/// The native error constructors (ECMAScript 20.5.5 and 20.5.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Error,
    TypeError,
    RangeError,
    ReferenceError,
    SyntaxError,
    EvalError,
    UriError,
    AggregateError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Error => "Error",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::RangeError => "RangeError",
            ErrorKind::ReferenceError => "ReferenceError",
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::EvalError => "EvalError",
            ErrorKind::UriError => "URIError",
            ErrorKind::AggregateError => "AggregateError",
        }
    }
}

/// Why execution was terminated without a catchable exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Termination {
    /// The embedder's interrupt flag was set (e.g. a test's time limit).
    Interrupted,
}

/// A native error's constructor and message.
#[derive(Clone, Debug)]
pub struct NativeError {
    pub kind: ErrorKind,
    pub message: String,
}

#[derive(Clone, Debug)]
pub enum JsError {
    /// `throw value` (or a materialized native error). The value must be
    /// rooted by whoever holds the error across a call that can run JS.
    Throw(Value),
    /// A native error not yet turned into an object (boxed: errors are
    /// rare, and a small `JsError` keeps every `JsResult` small).
    Native(Box<NativeError>),
    /// Not catchable by JS code.
    Terminate(Termination),
}

impl JsError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> JsError {
        JsError::Native(Box::new(NativeError {
            kind,
            message: message.into(),
        }))
    }
    pub fn type_error(message: impl Into<String>) -> JsError {
        JsError::new(ErrorKind::TypeError, message)
    }
    pub fn range_error(message: impl Into<String>) -> JsError {
        JsError::new(ErrorKind::RangeError, message)
    }
    pub fn reference_error(message: impl Into<String>) -> JsError {
        JsError::new(ErrorKind::ReferenceError, message)
    }
    pub fn syntax_error(message: impl Into<String>) -> JsError {
        JsError::new(ErrorKind::SyntaxError, message)
    }
    pub fn is_catchable(&self) -> bool {
        !matches!(self, JsError::Terminate(_))
    }
}
