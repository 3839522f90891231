//! `Headers` (Fetch Standard §5.2): a header list with case-insensitive
//! names, `append`/`set`/`get`/`has`/`delete`/`getSetCookie`, `forEach`,
//! `entries`/`keys`/`values`/`[Symbol.iterator]` over the list sorted by
//! name and combined (values of a repeated name joined with ", ", except
//! `set-cookie`, whose values stay separate), and the guard that makes a
//! response's headers immutable.
//!
//! Names are kept lowercased (as Node's Headers shows them) and values
//! normalized (leading and trailing HTTP whitespace removed); both are
//! byte strings (every character below U+0100, bytes on the wire).
//!
//! Invariant: the record's LIST is a null-prototype array of strings
//! `[name0, value0, name1, value1, ...]` in insertion order, every name
//! a valid lowercase token and every value a valid header value.

use jsvm_engine::api::{CallArgs, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host_object::{self as ho, Brand};
use crate::tasks::{array_values, call_rooted};

const H_LIST: u32 = 1;
const H_GUARD: u32 = 2;
const H_SLOTS: u32 = 2;

/// A Headers object's guard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    None = 0,
    Request = 1,
    Response = 2,
    Immutable = 3,
}

pub fn install(vm: &mut Vm) {
    let (_, proto) = ho::define_class(vm, "Headers", 0, headers_ctor, None);
    ho::register_proto(Brand::Headers, proto);
    vm.define_method(proto, "append", 2, append_method);
    vm.define_method(proto, "delete", 1, delete_method);
    vm.define_method(proto, "get", 1, get_method);
    vm.define_method(proto, "getSetCookie", 0, get_set_cookie_method);
    vm.define_method(proto, "has", 1, has_method);
    vm.define_method(proto, "set", 2, set_method);
    vm.define_method(proto, "forEach", 1, for_each_method);
    vm.define_method(proto, "keys", 0, keys_method);
    vm.define_method(proto, "values", 0, values_method);
    let entries = vm.define_method(proto, "entries", 0, entries_method);
    let key = PropertyKey::Symbol(vm.symbols.iterator);
    vm.define_value(
        proto,
        key,
        Value::Object(entries),
        jsvm_engine::api::Attrs::METHOD,
    );

    let parent = vm.intrinsics().iterator_prototype;
    let it_proto = vm.new_object(Some(parent));
    crate::host::slab_insert(vm, Value::Object(it_proto));
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    let tag = ho::js_string(vm, "Headers Iterator");
    vm.define_value(
        it_proto,
        tag_key,
        tag,
        jsvm_engine::api::Attrs::CONFIGURABLE_ONLY,
    );
    vm.define_method(it_proto, "next", 0, iterator_next);
    ho::register_proto(Brand::HeadersIterator, it_proto);
}

// ---- Header names and values (Fetch §2.2) ----

/// HTTP whitespace: tab, LF, CR, space.
fn is_http_ws(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' ')
}

/// A `token` (RFC 9110): the characters a header name may have.
pub fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Normalizes a header value (strips HTTP whitespace at both ends).
pub fn normalize_value(v: &str) -> &str {
    v.trim_matches(is_http_ws)
}

/// A valid header value: no NUL, CR or LF, no surrounding whitespace
/// (callers normalize first), every character a byte.
pub fn is_valid_value(v: &str) -> bool {
    !v.chars()
        .any(|c| matches!(c, '\0' | '\r' | '\n') || (c as u32) > 0xff)
}

/// WebIDL ByteString conversion: ToString, then a TypeError for any
/// character above U+00FF.
pub fn to_byte_string(vm: &mut Vm, v: Value) -> JsResult<String> {
    let s = vm.to_string(v)?;
    let units = vm.string_units(s);
    if let Some((i, &u)) = units.iter().enumerate().find(|(_, &u)| u > 0xff) {
        return Err(JsError::type_error(format!(
            "Cannot convert argument to a ByteString because the character at index {i} has a value of {u} which is greater than 255."
        )));
    }
    Ok(units.iter().map(|&u| char::from(u as u8)).collect())
}

// ---- The list ----

/// The header list of a Headers record as (name, value) pairs.
fn list_of(vm: &mut Vm, rec: ObjId) -> Vec<(String, String)> {
    let Some(list) = ho::get_object(vm, rec, H_LIST) else {
        return Vec::new();
    };
    let values = array_values(vm, list);
    values
        .chunks(2)
        .filter_map(|pair| match pair {
            [Value::String(n), Value::String(v)] => {
                Some((vm.string_to_rust(*n), vm.string_to_rust(*v)))
            }
            _ => None,
        })
        .collect()
}

fn store_list(vm: &mut Vm, rec: ObjId, list: &[(String, String)]) {
    let mut values = Vec::with_capacity(list.len() * 2);
    let mark = vm.roots_len();
    for (n, v) in list {
        let n = ho::js_string(vm, n);
        vm.push_root(n);
        let v = ho::js_string(vm, v);
        vm.push_root(v);
        values.push(n);
        values.push(v);
    }
    let arr = vm.new_array_with_proto(&values, None);
    ho::set(vm, rec, H_LIST, Value::Object(arr));
    vm.truncate_roots(mark);
}

/// Sort and combine (Fetch §2.2.2): names sorted, values of a repeated
/// name joined by ", ", `set-cookie` values kept apart.
pub fn sort_and_combine(list: &[(String, String)]) -> Vec<(String, String)> {
    let mut names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        if name == "set-cookie" {
            for (_, v) in list.iter().filter(|(n, _)| n == name) {
                out.push((name.to_string(), v.clone()));
            }
        } else {
            let joined: Vec<&str> = list
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .collect();
            out.push((name.to_string(), joined.join(", ")));
        }
    }
    out
}

/// The combined value of `name` (lowercase) in a list.
pub fn get_combined(list: &[(String, String)], name: &str) -> Option<String> {
    let values: Vec<&str> = list
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

// ---- Creating and filling ----

/// A new Headers object with `list` and `guard` (made by the runtime).
pub fn new_headers(vm: &mut Vm, list: &[(String, String)], guard: Guard) -> ObjId {
    let o = ho::new_instance(vm, Brand::Headers);
    let mark = vm.roots_len();
    vm.push_root(Value::Object(o));
    let rec = ho::attach(vm, o, Brand::Headers, H_SLOTS);
    store_list(vm, rec, list);
    ho::set(vm, rec, H_GUARD, Value::Number(guard as u8 as f64));
    vm.truncate_roots(mark);
    o
}

/// The header list of a Headers object (empty for anything else).
pub fn header_list(vm: &mut Vm, headers: Value) -> Vec<(String, String)> {
    match ho::record(vm, headers, Brand::Headers) {
        Some(rec) => list_of(vm, rec),
        None => Vec::new(),
    }
}

/// "Fill" a header list from a HeadersInit: another Headers, a sequence
/// of [name, value] pairs, or a record of names to values.
pub fn fill(
    vm: &mut Vm,
    list: &mut Vec<(String, String)>,
    init: Value,
    what: &str,
) -> JsResult<()> {
    let Value::Object(o) = init else {
        if init.is_nullish() {
            return Ok(());
        }
        return Err(JsError::type_error(format!(
            "{what}: The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'."
        )));
    };
    if let Some(rec) = ho::record(vm, init, Brand::Headers) {
        list.extend(list_of(vm, rec));
        return Ok(());
    }
    let iter_key = PropertyKey::Symbol(vm.symbols.iterator);
    let method = vm.get_prop(o, iter_key)?;
    if !method.is_nullish() {
        let pairs = vm.iterate_to_list(init)?;
        let mark = vm.roots_len();
        for &p in &pairs {
            vm.push_root(p);
        }
        let r = (|| {
            for p in pairs {
                if !p.is_object() {
                    return Err(JsError::type_error(format!(
                        "{what}: The provided value cannot be converted to a sequence."
                    )));
                }
                let items = vm.iterate_to_list(p)?;
                if items.len() != 2 {
                    return Err(JsError::type_error(format!(
                        "{what}: expected name/value pair to be length 2, found {}.",
                        items.len()
                    )));
                }
                let name = to_byte_string(vm, items[0])?;
                let value = to_byte_string(vm, items[1])?;
                append_checked(list, &name, &value, what)?;
            }
            Ok(())
        })();
        vm.truncate_roots(mark);
        return r;
    }
    for key in vm.own_property_keys(o)? {
        if matches!(key, PropertyKey::Symbol(_)) {
            continue;
        }
        let desc = vm.get_own_property(o, key)?;
        if !desc.is_some_and(|d| d.enumerable.unwrap_or(false)) {
            continue;
        }
        let name_value = vm.key_to_value(key);
        let name = to_byte_string(vm, name_value)?;
        let v = vm.get_prop(o, key)?;
        let value = to_byte_string(vm, v)?;
        append_checked(list, &name, &value, what)?;
    }
    Ok(())
}

/// Validates and appends (name lowercased, value normalized).
pub fn append_checked(
    list: &mut Vec<(String, String)>,
    name: &str,
    value: &str,
    what: &str,
) -> JsResult<()> {
    let value = normalize_value(value);
    if !is_token(name) {
        return Err(JsError::type_error(format!(
            "{what}: \"{name}\" is an invalid header name."
        )));
    }
    if !is_valid_value(value) {
        return Err(JsError::type_error(format!(
            "{what}: \"{value}\" is an invalid header value."
        )));
    }
    list.push((name.to_ascii_lowercase(), value.to_string()));
    Ok(())
}

// ---- The class ----

fn headers_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "Headers", Brand::Headers)?;
    vm.push_root(Value::Object(o));
    let mut list = Vec::new();
    fill(vm, &mut list, a.arg(0), "Headers constructor")?;
    let rec = ho::attach(vm, o, Brand::Headers, H_SLOTS);
    store_list(vm, rec, &list);
    ho::set(vm, rec, H_GUARD, Value::Number(Guard::None as u8 as f64));
    Ok(Value::Object(o))
}

fn this_headers(vm: &mut Vm, a: &CallArgs) -> JsResult<ObjId> {
    ho::require(vm, a.this, Brand::Headers)
}

fn check_mutable(vm: &mut Vm, rec: ObjId) -> JsResult<()> {
    if ho::get_number(vm, rec, H_GUARD) == Guard::Immutable as u8 as f64 {
        return Err(JsError::type_error("immutable"));
    }
    Ok(())
}

/// The lowercased, validated name argument.
fn name_arg(vm: &mut Vm, v: Value, what: &str) -> JsResult<String> {
    let name = to_byte_string(vm, v)?;
    if !is_token(&name) {
        return Err(JsError::type_error(format!(
            "{what}: \"{name}\" is an invalid header name."
        )));
    }
    Ok(name.to_ascii_lowercase())
}

fn append_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_headers(vm, a)?;
    let name = to_byte_string(vm, a.arg(0))?;
    let value = to_byte_string(vm, a.arg(1))?;
    let mut list = list_of(vm, rec);
    append_checked(&mut list, &name, &value, "Headers.append")?;
    check_mutable(vm, rec)?;
    store_list(vm, rec, &list);
    Ok(Value::Undefined)
}

fn delete_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_headers(vm, a)?;
    let name = name_arg(vm, a.arg(0), "Headers.delete")?;
    check_mutable(vm, rec)?;
    let mut list = list_of(vm, rec);
    let before = list.len();
    list.retain(|(n, _)| *n != name);
    if list.len() != before {
        store_list(vm, rec, &list);
    }
    Ok(Value::Undefined)
}

fn get_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_headers(vm, a)?;
    let name = name_arg(vm, a.arg(0), "Headers.get")?;
    let list = list_of(vm, rec);
    Ok(match get_combined(&list, &name) {
        Some(v) => ho::js_string(vm, &v),
        None => Value::Null,
    })
}

fn get_set_cookie_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_headers(vm, a)?;
    let list = list_of(vm, rec);
    let values: Vec<Value> = list
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| ho::js_string(vm, v))
        .collect();
    Ok(Value::Object(vm.new_array(&values)))
}

fn has_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_headers(vm, a)?;
    let name = name_arg(vm, a.arg(0), "Headers.has")?;
    let list = list_of(vm, rec);
    Ok(Value::Boolean(list.iter().any(|(n, _)| *n == name)))
}

fn set_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_headers(vm, a)?;
    let name = to_byte_string(vm, a.arg(0))?;
    let value = to_byte_string(vm, a.arg(1))?;
    let mut checked = Vec::new();
    append_checked(&mut checked, &name, &value, "Headers.set")?;
    check_mutable(vm, rec)?;
    let Some((name, value)) = checked.pop() else {
        return Ok(Value::Undefined);
    };
    let mut list = list_of(vm, rec);
    match list.iter().position(|(n, _)| *n == name) {
        Some(i) => {
            list[i].1 = value;
            let mut seen = false;
            list.retain(|(n, _)| {
                if *n != name {
                    return true;
                }
                let keep = !seen;
                seen = true;
                keep
            });
        }
        None => list.push((name, value)),
    }
    store_list(vm, rec, &list);
    Ok(Value::Undefined)
}

/// `forEach(callback, thisArg)`: callback(value, name, headers) for each
/// pair of the sorted, combined list (re-read after every call).
fn for_each_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_headers(vm, a)?;
    let callback = a.arg(0);
    if !vm.is_callable(callback) {
        return Err(crate::errors::invalid_arg_type(
            vm, "callback", "function", callback,
        ));
    }
    let mut i = 0;
    loop {
        let pairs = sort_and_combine(&list_of(vm, rec));
        let Some((n, v)) = pairs.get(i) else {
            break;
        };
        let n = ho::js_string(vm, n);
        vm.push_root(n);
        let v = ho::js_string(vm, v);
        vm.push_root(v);
        call_rooted(vm, callback, a.arg(1), &[v, n, a.this])?;
        i += 1;
    }
    Ok(Value::Undefined)
}

fn make_iterator(vm: &mut Vm, a: &CallArgs, kind: f64) -> JsResult<Value> {
    this_headers(vm, a)?;
    Ok(ho::new_pair_iterator(
        vm,
        Brand::HeadersIterator,
        a.this,
        kind,
    ))
}

fn keys_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    make_iterator(vm, a, 0.0)
}

fn values_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    make_iterator(vm, a, 1.0)
}

fn entries_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    make_iterator(vm, a, 2.0)
}

fn iterator_next(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (rec, headers) = ho::pair_iterator_source(vm, a.this, Brand::HeadersIterator)?;
    let pairs = sort_and_combine(&header_list(vm, headers));
    ho::pair_iterator_step(vm, rec, &pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn sorting_combines_repeated_names_but_not_set_cookie() {
        let list = l(&[
            ("x-b", "1"),
            ("set-cookie", "a=1"),
            ("accept", "text/html"),
            ("x-b", "2"),
            ("set-cookie", "b=2"),
        ]);
        assert_eq!(
            sort_and_combine(&list),
            l(&[
                ("accept", "text/html"),
                ("set-cookie", "a=1"),
                ("set-cookie", "b=2"),
                ("x-b", "1, 2"),
            ])
        );
        assert_eq!(get_combined(&list, "x-b").as_deref(), Some("1, 2"));
        assert_eq!(get_combined(&list, "nope"), None);
    }

    #[test]
    fn names_and_values_are_validated_and_normalized() {
        let mut list = Vec::new();
        assert!(append_checked(&mut list, "Content-Type", "  text/plain \t", "t").is_ok());
        assert_eq!(list, l(&[("content-type", "text/plain")]));
        assert!(append_checked(&mut list, "bad name", "x", "t").is_err());
        assert!(append_checked(&mut list, "x", "a\r\nb", "t").is_err());
        assert!(append_checked(&mut list, "", "x", "t").is_err());
        assert!(is_token("x-custom_1.2"));
        assert!(!is_token("x:y"));
    }
}
