//! The String.prototype methods that take a pattern (ECMAScript 22.1.3):
//! match, matchAll, replace, replaceAll, search and split, and
//! GetSubstitution (22.1.3.19.1).
//!
//! Invariant: when the pattern argument is an object, its
//! @@match / @@matchAll / @@replace / @@search / @@split method (if any) is
//! called before the receiver is converted to a string, exactly as the spec
//! orders it; only without such a method does the string algorithm run (for
//! match/matchAll/search, on a RegExp created from the argument).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::value::{PropertyKey, SymId, Value};
use crate::vm::Vm;

use super::array_methods::MAX_STRING_LENGTH;
use super::regexp::{is_regexp, regexp_create};
use super::string::{require_object_coercible, to_units};
use crate::string::StrBuilder;
use crate::value::StrId;

/// If `pattern` is an object and has a method under `sym`, calls it with
/// `pattern` as this and `args`; None when the string algorithm applies.
fn dispatch(vm: &mut Vm, pattern: Value, sym: SymId, args: &[Value]) -> JsResult<Option<Value>> {
    // ES2025: only objects are asked for their @@match/... method, so a
    // primitive's prototype is never consulted.
    if !pattern.is_object() {
        return Ok(None);
    }
    match vm.get_method(pattern, PropertyKey::Symbol(sym))? {
        Some(m) => Ok(Some(vm.call(m, pattern, args)?)),
        None => Ok(None),
    }
}

/// String.prototype.match (22.1.3.13).
pub fn match_(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(args.this, "match")?;
    let regexp = args.arg(0);
    let sym = vm.symbols.match_;
    if let Some(r) = dispatch(vm, regexp, sym, &[o])? {
        return Ok(r);
    }
    let s = vm.to_string(o)?;
    vm.push_root(Value::String(s));
    let rx = regexp_create(vm, regexp, Value::Undefined)?;
    vm.push_root(Value::Object(rx));
    vm.invoke(
        Value::Object(rx),
        PropertyKey::Symbol(sym),
        &[Value::String(s)],
    )
}

/// The "flags must contain g" check of matchAll/replaceAll.
fn require_global_flag(vm: &mut Vm, pattern: Value, method: &str) -> JsResult<()> {
    if !is_regexp(vm, pattern)? {
        return Ok(());
    }
    let Value::Object(po) = pattern else {
        return Ok(());
    };
    let flags = vm.get_prop(po, PropertyKey::Atom(atoms::FLAGS))?;
    if flags.is_nullish() {
        return Err(JsError::type_error(format!(
            "String.prototype.{method} called with a RegExp whose flags are undefined or null"
        )));
    }
    let f = vm.to_string(flags)?;
    if !vm.heap.str(f).contains_unit(b'g' as u16) {
        return Err(JsError::type_error(format!(
            "String.prototype.{method} called with a non-global RegExp argument"
        )));
    }
    Ok(())
}

/// String.prototype.matchAll (22.1.3.14).
pub fn match_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(args.this, "matchAll")?;
    let regexp = args.arg(0);
    let sym = vm.symbols.match_all;
    if regexp.is_object() {
        require_global_flag(vm, regexp, "matchAll")?;
    }
    if let Some(r) = dispatch(vm, regexp, sym, &[o])? {
        return Ok(r);
    }
    let s = vm.to_string(o)?;
    vm.push_root(Value::String(s));
    let g = vm.new_string("g");
    vm.push_root(Value::String(g));
    let rx = regexp_create(vm, regexp, Value::String(g))?;
    vm.push_root(Value::Object(rx));
    vm.invoke(
        Value::Object(rx),
        PropertyKey::Symbol(sym),
        &[Value::String(s)],
    )
}

/// String.prototype.search (22.1.3.23).
pub fn search(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(args.this, "search")?;
    let regexp = args.arg(0);
    let sym = vm.symbols.search;
    if let Some(r) = dispatch(vm, regexp, sym, &[o])? {
        return Ok(r);
    }
    let s = vm.to_string(o)?;
    vm.push_root(Value::String(s));
    let rx = regexp_create(vm, regexp, Value::Undefined)?;
    vm.push_root(Value::Object(rx));
    vm.invoke(
        Value::Object(rx),
        PropertyKey::Symbol(sym),
        &[Value::String(s)],
    )
}

/// GetSubstitution(matched, str, position, captures, namedCaptures,
/// replacementTemplate) (22.1.3.19.1). `captures[i]` is capture i + 1
/// (None for undefined); `named_captures` is undefined or an object, which
/// the caller keeps rooted.
pub fn get_substitution(
    vm: &mut Vm,
    matched: &[u16],
    s: &[u16],
    position: usize,
    captures: &[Option<Vec<u16>>],
    named_captures: Value,
    template: &[u16],
) -> JsResult<Vec<u16>> {
    const DOLLAR: u16 = b'$' as u16;
    let is_digit = |u: u16| (b'0' as u16..=b'9' as u16).contains(&u);
    let len = s.len();
    let mut out = Vec::with_capacity(template.len());
    let mut i = 0;
    while i < template.len() {
        let c = template[i];
        let next = template.get(i + 1).copied();
        if c != DOLLAR || next.is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        let n = next.unwrap_or(0);
        match n {
            _ if n == DOLLAR => {
                out.push(DOLLAR);
                i += 2;
            }
            _ if n == b'&' as u16 => {
                out.extend_from_slice(matched);
                i += 2;
            }
            _ if n == b'`' as u16 => {
                out.extend_from_slice(&s[..position.min(len)]);
                i += 2;
            }
            _ if n == b'\'' as u16 => {
                let tail = (position + matched.len()).min(len);
                out.extend_from_slice(&s[tail..]);
                i += 2;
            }
            _ if is_digit(n) => {
                let d1 = (n - b'0' as u16) as usize;
                let two = template.get(i + 2).copied().filter(|&u| is_digit(u));
                let count = captures.len();
                let (index, digits) = match two {
                    Some(d2) => {
                        let idx = d1 * 10 + (d2 - b'0' as u16) as usize;
                        if idx > count {
                            (d1, 1)
                        } else {
                            (idx, 2)
                        }
                    }
                    None => (d1, 1),
                };
                if (1..=count).contains(&index) {
                    if let Some(cap) = &captures[index - 1] {
                        out.extend_from_slice(cap);
                    }
                } else {
                    out.extend_from_slice(&template[i..i + 1 + digits]);
                }
                i += 1 + digits;
            }
            _ if n == b'<' as u16 => {
                let gt = template[i..].iter().position(|&u| u == b'>' as u16);
                match (gt, named_captures) {
                    (Some(gt), Value::Object(groups)) => {
                        let name = &template[i + 2..i + gt];
                        let key_str = vm.new_string_utf16(name);
                        let key = vm.to_property_key(Value::String(key_str))?;
                        let capture = vm.get_prop(groups, key)?;
                        if !capture.is_undefined() {
                            out.extend(to_units(vm, capture)?);
                        }
                        i += gt + 1;
                    }
                    _ => {
                        out.extend_from_slice(&[DOLLAR, b'<' as u16]);
                        i += 2;
                    }
                }
            }
            _ => {
                out.push(DOLLAR);
                i += 1;
            }
        }
        if out.len() > MAX_STRING_LENGTH {
            return Err(JsError::range_error("Invalid string length"));
        }
    }
    Ok(out)
}

/// ToString(v), rooted.
fn rooted_string(vm: &mut Vm, v: Value) -> JsResult<StrId> {
    let s = vm.to_string(v)?;
    vm.push_root(Value::String(s));
    Ok(s)
}

/// The shared part of replace/replaceAll once the string algorithm applies
/// (22.1.3.19 steps 3-, 22.1.3.20 steps 3-).
fn replace_string(
    vm: &mut Vm,
    o: Value,
    search_value: Value,
    replace_value: Value,
    all: bool,
) -> JsResult<Value> {
    let string = rooted_string(vm, o)?;
    let search = rooted_string(vm, search_value)?;
    let functional = vm.is_callable(replace_value);
    let template = if functional {
        None
    } else {
        Some(rooted_string(vm, replace_value)?)
    };
    let limit = if all { usize::MAX } else { 1 };
    let positions = vm.heap.str(string).find_all(vm.heap.str(search), limit);
    if positions.is_empty() {
        return Ok(Value::String(string));
    }
    let search_len = vm.string_len(search);
    // GetSubstitution works on code units; a template without '$' is the
    // replacement itself.
    let substituted = match template {
        Some(t) if vm.heap.str(t).contains_unit(b'$' as u16) => Some((
            vm.string_units(t),
            vm.string_units(search),
            vm.string_units(string),
        )),
        _ => None,
    };
    let mut out = StrBuilder::new();
    let mut end_of_last = 0;
    for p in positions {
        out.push_view(vm.heap.str(string).slice(end_of_last.min(p), p));
        if functional {
            let r = vm.call(
                replace_value,
                Value::Undefined,
                &[
                    Value::String(search),
                    Value::Number(p as f64),
                    Value::String(string),
                ],
            )?;
            let r = vm.to_string(r)?;
            out.push_view(vm.heap.str(r));
        } else if let Some((template, matched, units)) = &substituted {
            let r = get_substitution(vm, matched, units, p, &[], Value::Undefined, template)?;
            out.push_units(&r);
        } else if let Some(t) = template {
            out.push_view(vm.heap.str(t));
        }
        end_of_last = p + search_len;
        if out.len() > MAX_STRING_LENGTH {
            return Err(JsError::range_error("Invalid string length"));
        }
    }
    let view = vm.heap.str(string);
    if end_of_last < view.len() {
        out.push_view(view.slice(end_of_last, view.len()));
    }
    Ok(Value::String(vm.new_string_built(out)))
}

/// String.prototype.replace (22.1.3.19).
pub fn replace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(args.this, "replace")?;
    let (search_value, replace_value) = (args.arg(0), args.arg(1));
    let sym = vm.symbols.replace;
    if let Some(r) = dispatch(vm, search_value, sym, &[o, replace_value])? {
        return Ok(r);
    }
    replace_string(vm, o, search_value, replace_value, false)
}

/// String.prototype.replaceAll (22.1.3.20).
pub fn replace_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(args.this, "replaceAll")?;
    let (search_value, replace_value) = (args.arg(0), args.arg(1));
    if search_value.is_object() {
        require_global_flag(vm, search_value, "replaceAll")?;
    }
    let sym = vm.symbols.replace;
    if let Some(r) = dispatch(vm, search_value, sym, &[o, replace_value])? {
        return Ok(r);
    }
    replace_string(vm, o, search_value, replace_value, true)
}

/// String.prototype.split (22.1.3.23).
pub fn split(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(args.this, "split")?;
    let (separator, limit) = (args.arg(0), args.arg(1));
    let sym = vm.symbols.split;
    if let Some(r) = dispatch(vm, separator, sym, &[o, limit])? {
        return Ok(r);
    }
    let s = rooted_string(vm, o)?;
    let lim = if limit.is_undefined() {
        u32::MAX
    } else {
        vm.to_uint32(limit)?
    } as usize;
    let r = vm.to_string(separator)?;
    if lim == 0 {
        return Ok(Value::Object(vm.new_array(&[])));
    }
    if separator.is_undefined() {
        return Ok(Value::Object(vm.new_array(&[Value::String(s)])));
    }
    // No JS runs from here on: the new strings need no rooting.
    let len = vm.string_len(s);
    let mut parts: Vec<Value> = Vec::new();
    if vm.string_len(r) == 0 {
        for i in 0..len.min(lim) {
            let u = vm.heap.str(s).get(i).unwrap_or(0);
            parts.push(Value::String(vm.unit_string(u)));
        }
        return Ok(Value::Object(vm.new_array(&parts)));
    }
    if len == 0 {
        return Ok(Value::Object(vm.new_array(&[Value::String(s)])));
    }
    let r_len = vm.string_len(r);
    let positions = vm.heap.str(s).find_all(vm.heap.str(r), lim);
    parts.reserve(positions.len() + 1);
    let mut i = 0;
    for &j in &positions {
        parts.push(Value::String(vm.substring(s, i, j)));
        i = j + r_len;
    }
    if parts.len() < lim {
        parts.push(Value::String(vm.substring(s, i, len)));
    }
    Ok(Value::Object(vm.new_array(&parts)))
}

#[cfg(test)]
mod tests {
    // Runs in GC stress mode, so a missed root fails.
    use crate::builtins::string::stress_tests::run;

    #[test]
    fn split_with_strings() {
        assert_eq!(run("'a,b,,c'.split(',').join('|')"), "a|b||c");
        assert_eq!(run("'a,b,,c'.split(',', 2).join('|')"), "a|b");
        assert_eq!(run("'a,b,'.split(',').length"), "3");
        assert_eq!(run("'abc'.split('').join('|')"), "a|b|c");
        assert_eq!(run("''.split(',').length"), "1");
        assert_eq!(run("''.split('').length"), "0");
        assert_eq!(run("'x\\u0100y\\u0100'.split('\\u0100').join('|')"), "x|y|");
        assert_eq!(run("'x\\u0100y'.split('y').join('|')"), "x\u{100}|");
        assert_eq!(
            run("let n = 0; 'a-b-c'.split('-', { valueOf() { n++; return 2; } }).join() + n"),
            "a,b1"
        );
    }

    #[test]
    fn replace_with_strings() {
        assert_eq!(run("'aXbXc'.replaceAll('X', '--')"), "a--b--c");
        assert_eq!(run(r"'aXbXc'.replace('X', '[$&$`$\'$$]')"), "a[XabXc$]bXc");
        assert_eq!(run("'abc'.replaceAll('', '-')"), "-a-b-c-");
        assert_eq!(run("'abc'.replace('z', '-')"), "abc");
        assert_eq!(
            run("'a1a2'.replaceAll('a', (m, p, s) => { gc_filler = [1, 2]; return m + p + s.length; })"),
            "a041a242"
        );
        assert_eq!(run("'\\u0100ab'.replaceAll('a', 'x')"), "\u{100}xb");
    }
}
