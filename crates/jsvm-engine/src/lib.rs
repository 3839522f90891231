//! jsvm-engine: values, the heap and its collector, objects and shapes, the
//! interpreter, coroutines, realms, built-ins, the job queue and the embedding
//! API. Everything above this crate (runtime, CLI, conformance runner, benches)
//! goes through the embedding API (`api`).

pub mod api;
pub mod atom;
pub mod bigint;
pub mod builtins;
pub mod date;
pub mod describe;
pub mod disasm;
pub mod error;
pub mod function;
pub mod heap;
pub mod interp;
pub mod jobs;
pub mod module;
pub mod num;
pub mod object;
pub mod ops;
pub mod property;
pub mod realm;
pub mod string;
pub mod value;
pub mod vm;
