//! String.prototype methods that do not involve regular expressions
//! (ECMAScript 22.1.3 and Annex B.2.2): indexing, searching, slicing,
//! padding, repeating, trimming, case mapping, normalization, well-formedness
//! and the HTML methods.
//!
//! Invariant: each method converts its receiver (RequireObjectCoercible +
//! ToString) first and then its arguments in the spec's order. Case mapping
//! uses the full Unicode mappings (SpecialCasing included) and the
//! Final_Sigma rule; lone surrogates pass through unchanged.
//! `localeCompare` uses the approximate root-locale (ICU) collation of the
//! `collation` submodule.

mod collation;

use unicode_normalization::UnicodeNormalization;

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::string::{Flat, StrBuilder, StrView};
use crate::value::{StrId, Value};
use crate::vm::Vm;

use super::array_methods::MAX_STRING_LENGTH;
use super::string::{
    code_point_at, push_code_point, require_object_coercible, str_value, this_str,
};

fn string_too_long() -> JsError {
    JsError::range_error("Invalid string length")
}

/// ToString(v), rooted (it is read after later conversions that may run
/// JS).
fn rooted_string(vm: &mut Vm, v: Value) -> JsResult<StrId> {
    let s = vm.to_string(v)?;
    vm.push_root(Value::String(s));
    Ok(s)
}

/// The code unit of `s` at `i` (0 when out of range; callers check).
fn unit_at(vm: &Vm, s: StrId, i: usize) -> u16 {
    vm.heap.str(s).get(i).unwrap_or(0)
}

/// String.prototype.at (22.1.3.1).
pub fn at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "at")?;
    let len = vm.string_len(s) as f64;
    let rel = vm.to_integer_or_infinity(args.arg(0))?;
    let k = if rel >= 0.0 { rel } else { len + rel };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    let u = unit_at(vm, s, k as usize);
    Ok(Value::String(vm.unit_string(u)))
}

/// String.prototype.charAt (22.1.3.2).
pub fn char_at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "charAt")?;
    let pos = vm.to_integer_or_infinity(args.arg(0))?;
    if pos < 0.0 || pos >= vm.string_len(s) as f64 {
        return Ok(Value::String(vm.empty_string()));
    }
    let u = unit_at(vm, s, pos as usize);
    Ok(Value::String(vm.unit_string(u)))
}

/// String.prototype.charCodeAt (22.1.3.3).
pub fn char_code_at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "charCodeAt")?;
    let pos = vm.to_integer_or_infinity(args.arg(0))?;
    if pos < 0.0 || pos >= vm.string_len(s) as f64 {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(unit_at(vm, s, pos as usize) as f64))
}

/// String.prototype.codePointAt (22.1.3.4).
pub fn code_point_at_method(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "codePointAt")?;
    let pos = vm.to_integer_or_infinity(args.arg(0))?;
    let len = vm.string_len(s);
    if pos < 0.0 || pos >= len as f64 {
        return Ok(Value::Undefined);
    }
    let i = pos as usize;
    let view = vm.heap.str(s);
    let pair = [view.get(i).unwrap_or(0), view.get(i + 1).unwrap_or(0)];
    let avail = if i + 1 < len { 2 } else { 1 };
    Ok(Value::Number(code_point_at(&pair[..avail], 0).0 as f64))
}

/// String.prototype.concat (22.1.3.5).
pub fn concat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut r = this_str(vm, args, "concat")?;
    let slot = super::support::Slot::new(vm, Value::String(r));
    for &a in args.args {
        let next = vm.to_string(a)?;
        if vm.string_len(r) + vm.string_len(next) > MAX_STRING_LENGTH {
            return Err(string_too_long());
        }
        r = vm.concat_strings(r, next);
        slot.set(vm, Value::String(r));
    }
    Ok(Value::String(r))
}

/// The search string of startsWith/endsWith/includes (rooted): TypeError
/// for regular expressions.
fn non_regexp_search(vm: &mut Vm, v: Value, method: &str) -> JsResult<StrId> {
    if super::regexp::is_regexp(vm, v)? {
        return Err(JsError::type_error(format!(
            "First argument to String.prototype.{method} must not be a regular expression"
        )));
    }
    rooted_string(vm, v)
}

/// Clamps ToIntegerOrInfinity(v) (v undefined -> `default`) into 0..=len.
fn clamped_position(vm: &mut Vm, v: Value, len: usize, default: f64) -> JsResult<usize> {
    let p = if v.is_undefined() {
        default
    } else {
        vm.to_integer_or_infinity(v)?
    };
    Ok(p.max(0.0).min(len as f64) as usize)
}

/// String.prototype.endsWith (22.1.3.7).
pub fn ends_with(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "endsWith")?;
    let search = non_regexp_search(vm, args.arg(0), "endsWith")?;
    let len = vm.string_len(s);
    let end = clamped_position(vm, args.arg(1), len, len as f64)?;
    let Some(start) = end.checked_sub(vm.string_len(search)) else {
        return Ok(Value::Boolean(false));
    };
    let found = vm.heap.str(s).starts_with_at(vm.heap.str(search), start);
    Ok(Value::Boolean(found))
}

/// String.prototype.startsWith (22.1.3.24).
pub fn starts_with(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "startsWith")?;
    let search = non_regexp_search(vm, args.arg(0), "startsWith")?;
    let start = clamped_position(vm, args.arg(1), vm.string_len(s), 0.0)?;
    let found = vm.heap.str(s).starts_with_at(vm.heap.str(search), start);
    Ok(Value::Boolean(found))
}

/// String.prototype.includes (22.1.3.8).
pub fn includes(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "includes")?;
    let search = non_regexp_search(vm, args.arg(0), "includes")?;
    let start = clamped_position(vm, args.arg(1), vm.string_len(s), 0.0)?;
    let found = vm.heap.str(s).find(vm.heap.str(search), start);
    Ok(Value::Boolean(found.is_some()))
}

/// String.prototype.indexOf (22.1.3.9).
pub fn index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "indexOf")?;
    let search = rooted_string(vm, args.arg(0))?;
    let start = clamped_position(vm, args.arg(1), vm.string_len(s), 0.0)?;
    let found = vm.heap.str(s).find(vm.heap.str(search), start);
    Ok(Value::Number(found.map_or(-1.0, |i| i as f64)))
}

/// String.prototype.lastIndexOf (22.1.3.11).
pub fn last_index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "lastIndexOf")?;
    let search = rooted_string(vm, args.arg(0))?;
    let num_pos = vm.to_number(args.arg(1))?;
    let pos = if num_pos.is_nan() {
        f64::INFINITY
    } else {
        crate::num::to_integer_or_infinity(num_pos)
    };
    let start = pos.max(0.0).min(vm.string_len(s) as f64) as usize;
    let found = vm.heap.str(s).rfind(vm.heap.str(search), start);
    Ok(Value::Number(found.map_or(-1.0, |i| i as f64)))
}

/// IsStringWellFormedUnicode.
fn is_well_formed_units(s: &[u16]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (_, n, unpaired) = code_point_at(s, i);
        if unpaired {
            return false;
        }
        i += n;
    }
    true
}

/// String.prototype.isWellFormed (22.1.3.10).
pub fn is_well_formed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "isWellFormed")?;
    Ok(Value::Boolean(match vm.heap.str(s) {
        StrView::Latin1(_) => true,
        StrView::Utf16(u) => is_well_formed_units(u),
    }))
}

/// String.prototype.toWellFormed (22.1.3.30).
pub fn to_well_formed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "toWellFormed")?;
    let StrView::Utf16(u) = vm.heap.str(s) else {
        return Ok(Value::String(s));
    };
    if is_well_formed_units(u) {
        return Ok(Value::String(s));
    }
    let mut out = Vec::with_capacity(u.len());
    let mut i = 0;
    while i < u.len() {
        let (cp, n, unpaired) = code_point_at(u, i);
        if unpaired {
            out.push(0xFFFD);
        } else {
            push_code_point(&mut out, cp);
        }
        i += n;
    }
    Ok(str_value(vm, &out))
}

/// Splits code units into well-formed runs (as Rust strings) and lone
/// surrogates, so that Unicode algorithms can run on the runs.
enum Piece {
    Text(String),
    Lone(u16),
}

fn pieces(s: &[u16]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < s.len() {
        let (cp, n, unpaired) = code_point_at(s, i);
        if unpaired {
            if !cur.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut cur)));
            }
            out.push(Piece::Lone(s[i]));
        } else if let Some(c) = char::from_u32(cp) {
            cur.push(c);
        }
        i += n;
    }
    if !cur.is_empty() {
        out.push(Piece::Text(cur));
    }
    out
}

fn map_pieces(s: &[u16], f: impl Fn(&str) -> String) -> Vec<u16> {
    let mut out = Vec::with_capacity(s.len());
    for p in pieces(s) {
        match p {
            Piece::Text(t) => out.extend(f(&t).encode_utf16()),
            Piece::Lone(u) => out.push(u),
        }
    }
    out
}

/// Lowercases with full mappings and Final_Sigma. Rust's `str::to_lowercase`
/// implements both; a lone surrogate is neither cased nor case-ignorable,
/// so splitting at lone surrogates does not change the sigma context.
pub fn lower_units(s: &[u16]) -> Vec<u16> {
    if s.iter().all(|&u| u < 0x80) {
        return s
            .iter()
            .map(|&u| (u as u8).to_ascii_lowercase() as u16)
            .collect();
    }
    map_pieces(s, |t| t.to_lowercase())
}

/// Uppercases with full mappings (e.g. "ß" -> "SS").
pub fn upper_units(s: &[u16]) -> Vec<u16> {
    if s.iter().all(|&u| u < 0x80) {
        return s
            .iter()
            .map(|&u| (u as u8).to_ascii_uppercase() as u16)
            .collect();
    }
    map_pieces(s, |t| t.to_uppercase())
}

/// Lowercases Latin-1 text, which stays Latin-1 (U+00C0-U+00DE but
/// U+00D7 map 0x20 up, as A-Z do). None when nothing changes.
fn lower_latin1(b: &[u8]) -> Option<Vec<u8>> {
    let lower = |c: u8| match c {
        b'A'..=b'Z' | 0xC0..=0xD6 | 0xD8..=0xDE => c + 0x20,
        _ => c,
    };
    let first = b.iter().position(|&c| lower(c) != c)?;
    let mut out = b.to_vec();
    for c in &mut out[first..] {
        *c = lower(*c);
    }
    Some(out)
}

/// Uppercases Latin-1 text when the result stays Latin-1 (None when a
/// character maps outside it: µ, ß, ÿ). The inner None: nothing changes.
fn upper_latin1(b: &[u8]) -> Option<Option<Vec<u8>>> {
    let upper = |c: u8| match c {
        b'a'..=b'z' | 0xE0..=0xF6 | 0xF8..=0xFE => c - 0x20,
        _ => c,
    };
    if b.iter().any(|&c| matches!(c, 0xB5 | 0xDF | 0xFF)) {
        return None;
    }
    let Some(first) = b.iter().position(|&c| upper(c) != c) else {
        return Some(None);
    };
    let mut out = b.to_vec();
    for c in &mut out[first..] {
        *c = upper(*c);
    }
    Some(Some(out))
}

/// String.prototype.toLowerCase (22.1.3.28); also toLocaleLowerCase.
pub fn to_lower_case(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "toLowerCase")?;
    let flat = match vm.heap.str(s) {
        StrView::Latin1(b) => match lower_latin1(b) {
            Some(out) => Flat::Latin1(out.into()),
            None => return Ok(Value::String(s)),
        },
        StrView::Utf16(u) => Flat::from_units(&lower_units(u)),
    };
    Ok(Value::String(vm.new_string_flat(flat)))
}

/// String.prototype.toUpperCase (22.1.3.29); also toLocaleUpperCase.
pub fn to_upper_case(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "toUpperCase")?;
    let flat = match vm.heap.str(s) {
        StrView::Latin1(b) => match upper_latin1(b) {
            Some(Some(out)) => Flat::Latin1(out.into()),
            Some(None) => return Ok(Value::String(s)),
            None => Flat::from_units(&upper_units(&StrView::Latin1(b).to_units())),
        },
        StrView::Utf16(u) => Flat::from_units(&upper_units(u)),
    };
    Ok(Value::String(vm.new_string_flat(flat)))
}

/// Normalization forms.
#[derive(Clone, Copy)]
enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

fn normalize_units(s: &[u16], form: Form) -> Vec<u16> {
    if s.iter().all(|&u| u < 0x300) {
        // Below U+0300 nothing decomposes or composes except Latin-1
        // compatibility characters under NFKC/NFKD.
        if matches!(form, Form::Nfc | Form::Nfd) && s.iter().all(|&u| u < 0xC0) {
            return s.to_vec();
        }
    }
    map_pieces(s, |t| match form {
        Form::Nfc => t.nfc().collect(),
        Form::Nfd => t.nfd().collect(),
        Form::Nfkc => t.nfkc().collect(),
        Form::Nfkd => t.nfkd().collect(),
    })
}

/// String.prototype.normalize (22.1.3.15).
pub fn normalize(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "normalize")?;
    let form = if args.arg(0).is_undefined() {
        Form::Nfc
    } else {
        let f = vm.to_string(args.arg(0))?;
        let f = vm.heap.str(f);
        match ["NFC", "NFD", "NFKC", "NFKD"]
            .iter()
            .position(|n| f.eq_str(n))
        {
            Some(0) => Form::Nfc,
            Some(1) => Form::Nfd,
            Some(2) => Form::Nfkc,
            Some(3) => Form::Nfkd,
            _ => {
                return Err(JsError::range_error(
                    "The normalization form should be one of NFC, NFD, NFKC, NFKD.",
                ))
            }
        }
    };
    let view = vm.heap.str(s);
    // Below U+00C0 nothing decomposes or composes (NFKC/NFKD change a few
    // Latin-1 compatibility characters such as U+00A0).
    if matches!(form, Form::Nfc | Form::Nfd) {
        if let StrView::Latin1(b) = view {
            if b.iter().all(|&c| c < 0xC0) {
                return Ok(Value::String(s));
            }
        }
    }
    let out = normalize_units(&view.to_units_cow(), form);
    Ok(str_value(vm, &out))
}

/// String.prototype.localeCompare (22.1.3.12; ECMA-402 19.1.1 for the
/// options): the root-locale collation of `collation` (the `locales`
/// argument is ignored; `options` may set `sensitivity`, `numeric`,
/// `ignorePunctuation` and `caseFirst` as for Intl.Collator).
pub fn locale_compare(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "localeCompare")?;
    let that = rooted_string(vm, args.arg(0))?;
    let options = collator_options(vm, args.arg(2))?;
    let (a, b) = (vm.heap.str(s), vm.heap.str(that));
    let order = if a.eq_view(b) {
        std::cmp::Ordering::Equal
    } else {
        collation::compare(&a.to_units_cow(), &b.to_units_cow(), &options)
    };
    Ok(Value::Number(match order {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }))
}

/// The Intl.Collator options localeCompare honours, read in
/// InitializeCollator's order (getters run; bad values throw RangeError).
fn collator_options(vm: &mut Vm, options: Value) -> JsResult<collation::Options> {
    let mut out = collation::Options::default();
    let o = match options {
        Value::Undefined => return Ok(out),
        Value::Object(o) => o,
        _ => vm.to_object(options)?,
    };
    vm.push_root(Value::Object(o));
    let get = |vm: &mut Vm, name: &str| -> JsResult<Value> {
        let key = vm.key(name);
        vm.get(o, key, Value::Object(o))
    };
    let string_option = |vm: &mut Vm, name: &str, allowed: &[&str]| -> JsResult<Option<String>> {
        let v = get(vm, name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        let s = vm.to_string(v)?;
        let s = vm.string_to_rust(s);
        if !allowed.contains(&s.as_str()) {
            return Err(JsError::range_error(format!(
                "Value {s} out of range for Intl.Collator options property {name}"
            )));
        }
        Ok(Some(s))
    };
    string_option(vm, "usage", &["sort", "search"])?;
    string_option(vm, "localeMatcher", &["lookup", "best fit"])?;
    let collation_key = vm.key("collation");
    let c = vm.get(o, collation_key, Value::Object(o))?;
    if !c.is_undefined() {
        vm.to_string(c)?;
    }
    let numeric_key = vm.key("numeric");
    let numeric = vm.get(o, numeric_key, Value::Object(o))?;
    if !numeric.is_undefined() {
        out.numeric = vm.to_boolean(numeric);
    }
    if let Some(cf) = string_option(vm, "caseFirst", &["upper", "lower", "false"])? {
        out.upper_first = cf == "upper";
    }
    if let Some(s) = string_option(vm, "sensitivity", &["base", "accent", "case", "variant"])? {
        out.sensitivity = match s.as_str() {
            "base" => collation::Sensitivity::Base,
            "accent" => collation::Sensitivity::Accent,
            "case" => collation::Sensitivity::Case,
            _ => collation::Sensitivity::Variant,
        };
    }
    let ip_key = vm.key("ignorePunctuation");
    let ip = vm.get(o, ip_key, Value::Object(o))?;
    if !ip.is_undefined() {
        out.ignore_punctuation = vm.to_boolean(ip);
    }
    Ok(out)
}

/// StringPad(S, maxLength, fillString, placement) (22.1.3.17.2).
fn string_pad(vm: &mut Vm, args: &CallArgs, at_start: bool, method: &str) -> JsResult<Value> {
    let s = this_str(vm, args, method)?;
    let max_len = vm.to_length(args.arg(0))?;
    let len = vm.string_len(s);
    if max_len <= len as f64 {
        return Ok(Value::String(s));
    }
    let filler = if args.arg(1).is_undefined() {
        None
    } else {
        Some(vm.to_string(args.arg(1))?)
    };
    let fill = match filler {
        Some(f) => vm.heap.str(f),
        None => StrView::Latin1(b" "),
    };
    if fill.is_empty() {
        return Ok(Value::String(s));
    }
    if max_len > MAX_STRING_LENGTH as f64 {
        return Err(string_too_long());
    }
    let max_len = max_len as usize;
    let mut out = StrBuilder::with_capacity(max_len);
    let view = vm.heap.str(s);
    if !at_start {
        out.push_view(view);
    }
    let mut fill_len = max_len - len;
    while fill_len >= fill.len() {
        out.push_view(fill);
        fill_len -= fill.len();
    }
    out.push_view(fill.slice(0, fill_len));
    if at_start {
        out.push_view(view);
    }
    Ok(Value::String(vm.new_string_built(out)))
}

/// String.prototype.padEnd (22.1.3.16).
pub fn pad_end(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_pad(vm, args, false, "padEnd")
}

/// String.prototype.padStart (22.1.3.17).
pub fn pad_start(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_pad(vm, args, true, "padStart")
}

/// String.prototype.repeat (22.1.3.18).
pub fn repeat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "repeat")?;
    let n = vm.to_integer_or_infinity(args.arg(0))?;
    if n < 0.0 || n == f64::INFINITY {
        return Err(JsError::range_error(format!(
            "Invalid count value: {}",
            crate::num::number_to_string(n)
        )));
    }
    let len = vm.string_len(s);
    if n == 0.0 || len == 0 {
        return Ok(Value::String(vm.empty_string()));
    }
    if n == 1.0 {
        return Ok(Value::String(s));
    }
    if len as f64 * n > MAX_STRING_LENGTH as f64 {
        return Err(string_too_long());
    }
    let flat = match vm.heap.str(s) {
        StrView::Latin1(b) => Flat::Latin1(b.repeat(n as usize).into()),
        StrView::Utf16(u) => Flat::Utf16(u.repeat(n as usize).into()),
    };
    Ok(Value::String(vm.new_string_flat(flat)))
}

/// String.prototype.slice (22.1.3.22).
pub fn slice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "slice")?;
    let len = vm.string_len(s) as f64;
    let from = super::support::relative_index(vm, args.arg(0), len, 0.0)?;
    let to = super::support::relative_index(vm, args.arg(1), len, len)?;
    if from >= to {
        return Ok(Value::String(vm.empty_string()));
    }
    Ok(Value::String(vm.substring(s, from as usize, to as usize)))
}

/// String.prototype.substring (22.1.3.25).
pub fn substring(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "substring")?;
    let len = vm.string_len(s);
    let start = clamped_position(vm, args.arg(0), len, 0.0)?;
    let end = clamped_position(vm, args.arg(1), len, len as f64)?;
    let (from, to) = (start.min(end), start.max(end));
    Ok(Value::String(vm.substring(s, from, to)))
}

/// String.prototype.substr (B.2.2.1).
pub fn substr(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "substr")?;
    let size = vm.string_len(s) as f64;
    let mut start = vm.to_integer_or_infinity(args.arg(0))?;
    if start == f64::NEG_INFINITY {
        start = 0.0;
    } else if start < 0.0 {
        start = (size + start).max(0.0);
    } else {
        start = start.min(size);
    }
    let length = if args.arg(1).is_undefined() {
        size
    } else {
        vm.to_integer_or_infinity(args.arg(1))?
    };
    let length = length.max(0.0).min(size);
    let end = (start + length).min(size);
    if start >= end {
        return Ok(Value::String(vm.empty_string()));
    }
    Ok(Value::String(vm.substring(s, start as usize, end as usize)))
}

/// TrimString(this, where) (22.1.3.32.1).
fn trim_string(
    vm: &mut Vm,
    args: &CallArgs,
    method: &str,
    start: bool,
    end: bool,
) -> JsResult<Value> {
    let s = this_str(vm, args, method)?;
    let (a, b) = vm.heap.str(s).trim_range(start, end);
    Ok(Value::String(vm.substring(s, a, b)))
}

/// String.prototype.trim (22.1.3.32).
pub fn trim(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    trim_string(vm, args, "trim", true, true)
}

/// String.prototype.trimStart (22.1.3.34); also trimLeft.
pub fn trim_start(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    trim_string(vm, args, "trimStart", true, false)
}

/// String.prototype.trimEnd (22.1.3.33); also trimRight.
pub fn trim_end(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    trim_string(vm, args, "trimEnd", false, true)
}

/// CreateHTML(string, tag, attribute, value) (B.2.2.2.1).
fn create_html(
    vm: &mut Vm,
    args: &CallArgs,
    tag: &str,
    attribute: Option<&str>,
) -> JsResult<Value> {
    let this = require_object_coercible(args.this, tag)?;
    let s = rooted_string(vm, this)?;
    let mut out = StrBuilder::new();
    out.push_unit(b'<' as u16);
    out.push_str(tag);
    if let Some(attr) = attribute {
        let v = vm.to_string(args.arg(0))?;
        out.push_unit(b' ' as u16);
        out.push_str(attr);
        out.push_str("=\"");
        let v = vm.heap.str(v);
        let mut rest = v;
        while let Some(q) = rest.find(StrView::Latin1(b"\""), 0) {
            out.push_view(rest.slice(0, q));
            out.push_str("&quot;");
            rest = rest.slice(q + 1, rest.len());
        }
        out.push_view(rest);
        out.push_unit(b'"' as u16);
    }
    out.push_unit(b'>' as u16);
    out.push_view(vm.heap.str(s));
    out.push_str("</");
    out.push_str(tag);
    out.push_unit(b'>' as u16);
    Ok(Value::String(vm.new_string_built(out)))
}

macro_rules! html_methods {
    ($($name:ident => $tag:literal $(, $attr:literal)?;)*) => {$(
        #[doc = concat!("String.prototype.", stringify!($name), " (Annex B.2.2).")]
        pub fn $name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            #[allow(unused_mut, unused_assignments)]
            let mut attr: Option<&str> = None;
            $(attr = Some($attr);)?
            create_html(vm, args, $tag, attr)
        }
    )*};
}

html_methods! {
    anchor => "a", "name";
    big => "big";
    blink => "blink";
    bold => "b";
    fixed => "tt";
    fontcolor => "font", "color";
    fontsize => "font", "size";
    italics => "i";
    link => "a", "href";
    small => "small";
    strike => "strike";
    sub => "sub";
    sup => "sup";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn case_mapping() {
        assert_eq!(upper_units(&u("straße")), u("STRASSE"));
        assert_eq!(lower_units(&u("ΑΣ")), u("ας"));
        assert_eq!(lower_units(&u("Σ")), u("σ"));
        assert_eq!(lower_units(&u("ΑΣ Β")), u("ας β"));
        let lone = [0xD800, b'A' as u16];
        assert_eq!(lower_units(&lone), vec![0xD800, b'a' as u16]);
        assert_eq!(upper_units(&u("ŉ")), u("ʼN"));
    }

    #[test]
    fn latin1_case_mapping_agrees_with_the_general_one() {
        let all: Vec<u8> = (0..=255).collect();
        let wide: Vec<u16> = all.iter().map(|&b| b as u16).collect();
        let lower = lower_latin1(&all).expect("changes");
        assert_eq!(
            lower.iter().map(|&b| b as u16).collect::<Vec<_>>(),
            lower_units(&wide)
        );
        assert!(upper_latin1(&all).is_none(), "µ, ß and ÿ leave Latin-1");
        let plain: Vec<u8> = all
            .iter()
            .copied()
            .filter(|b| !matches!(b, 0xB5 | 0xDF | 0xFF))
            .collect();
        let plain_wide: Vec<u16> = plain.iter().map(|&b| b as u16).collect();
        let upper = upper_latin1(&plain)
            .expect("stays Latin-1")
            .expect("changes");
        assert_eq!(
            upper.iter().map(|&b| b as u16).collect::<Vec<_>>(),
            upper_units(&plain_wide)
        );
        assert_eq!(lower_latin1(b"abc 1"), None);
        assert_eq!(upper_latin1(b"ABC 1"), Some(None));
    }

    #[test]
    fn collation() {
        use std::cmp::Ordering::*;
        let collate = |a: &[u16], b: &[u16]| {
            super::collation::compare(a, b, &super::collation::Options::default())
        };
        assert_eq!(collate(&u("a"), &u("B")), Less);
        assert_eq!(collate(&u("a"), &u("A")), Less);
        assert_eq!(collate(&u("résumé"), &u("resume")), Greater);
        assert_eq!(collate(&u("résumé"), &u("resumf")), Less);
        assert_eq!(collate(&u("o\u{308}"), &u("ö")), Equal);
        assert_eq!(collate(&u("_a"), &u("1")), Less);
        assert_eq!(collate(&u("10"), &u("9")), Less);
        assert_eq!(collate(&u("apple"), &u("Banana")), Less);
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize_units(&u("o\u{308}"), Form::Nfc), u("ö"));
        assert_eq!(normalize_units(&u("ö"), Form::Nfd), u("o\u{308}"));
        assert_eq!(normalize_units(&u("\u{FB01}"), Form::Nfkc), u("fi"));
        assert!(is_well_formed_units(&u("a😀")));
        assert!(!is_well_formed_units(&[0xDC00]));
    }
}
