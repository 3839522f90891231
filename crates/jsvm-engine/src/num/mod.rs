//! Number conversions and formatting with exact JS semantics: ToString in
//! every radix, toFixed / toExponential / toPrecision, StringToNumber,
//! parseInt / parseFloat, the ToInt32 family, and the `Math` helpers whose
//! rules differ from Rust's. Pure functions over Rust values (f64, UTF-16
//! slices, Strings): nothing here touches the heap or engine objects.
//!
//! Invariant: every function is total (NaN, infinities, -0 and any UTF-16
//! input included), never panics, and matches ECMA-262 — and V8 where the
//! spec leaves the choice to the implementation.

mod convert;
mod exact;
mod format;
mod math;
mod parse;
mod to_string;

pub use convert::{
    as_array_index, is_integral_number, relative_index, to_index, to_int16, to_int32, to_int8,
    to_integer_or_infinity, to_length, to_uint16, to_uint32, to_uint8, to_uint8_clamp,
    MAX_SAFE_INTEGER,
};
pub use format::{to_exponential, to_fixed, to_precision};
pub use math::{clz32, fround, hypot, imul, max, min, pow, round, sign};
pub use parse::{is_js_whitespace, parse_float, parse_int, string_to_number};
pub use to_string::{number_to_string, number_to_string_radix};
