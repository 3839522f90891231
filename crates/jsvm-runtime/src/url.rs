//! `URL` and `URLSearchParams` (WHATWG URL Standard), on the `url`
//! crate's parser and its `quirks` setters (the Standard's API
//! algorithms): `new URL(url, base)`, `URL.canParse`, `URL.parse`,
//! `href`, `origin`, `protocol`, `username`, `password`, `host`,
//! `hostname`, `port`, `pathname`, `search`, `searchParams`, `hash`,
//! `toString`, `toJSON`; `URLSearchParams` from a string, pairs or a
//! record, with `append`, `delete`, `get`, `getAll`, `has`, `set`,
//! `sort`, `toString`, `forEach`, `keys`, `values`, `entries`, `size`.
//!
//! Invariant: a URL's record holds its serialization (HREF), parsed again
//! for each access; a URL and its `searchParams` object stay in step:
//! changing the params rewrites the URL's query ("update steps"), and
//! setting `href` or `search` re-reads the params from the query.

use jsvm_engine::api::{Attrs, CallArgs, ErrorKind, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;
use url::{form_urlencoded, quirks, Url};

use crate::host_object::{self as ho, Brand};
use crate::tasks::{array_values, call_rooted};

const U_HREF: u32 = 1;
const U_PARAMS: u32 = 2;
const U_SLOTS: u32 = 2;

const SP_LIST: u32 = 1;
const SP_URL: u32 = 2;
const SP_SLOTS: u32 = 2;

type Getter = fn(&Url) -> &str;
type Setter = fn(&mut Url, &str);

pub fn install(vm: &mut Vm) {
    let (ctor, proto) = ho::define_class(vm, "URL", 1, url_ctor, None);
    ho::register_proto(Brand::Url, proto);
    vm.define_method(ctor, "canParse", 1, url_can_parse);
    vm.define_method(ctor, "parse", 1, url_parse_static);
    ho::accessor(vm, proto, "href", get_href, set_href);
    ho::getter(vm, proto, "origin", get_origin);
    ho::accessor(vm, proto, "protocol", get_protocol, set_protocol);
    ho::accessor(vm, proto, "username", get_username, set_username);
    ho::accessor(vm, proto, "password", get_password, set_password);
    ho::accessor(vm, proto, "host", get_host, set_host);
    ho::accessor(vm, proto, "hostname", get_hostname, set_hostname);
    ho::accessor(vm, proto, "port", get_port, set_port);
    ho::accessor(vm, proto, "pathname", get_pathname, set_pathname);
    ho::accessor(vm, proto, "search", get_search, set_search);
    ho::getter(vm, proto, "searchParams", get_search_params);
    ho::accessor(vm, proto, "hash", get_hash, set_hash);
    vm.define_method(proto, "toString", 0, get_href);
    vm.define_method(proto, "toJSON", 0, get_href);

    let (_, proto) = ho::define_class(vm, "URLSearchParams", 0, params_ctor, None);
    ho::register_proto(Brand::UrlSearchParams, proto);
    vm.define_method(proto, "append", 2, params_append);
    vm.define_method(proto, "delete", 1, params_delete);
    vm.define_method(proto, "get", 1, params_get);
    vm.define_method(proto, "getAll", 1, params_get_all);
    vm.define_method(proto, "has", 1, params_has);
    vm.define_method(proto, "set", 2, params_set);
    vm.define_method(proto, "sort", 0, params_sort);
    vm.define_method(proto, "toString", 0, params_to_string);
    vm.define_method(proto, "forEach", 1, params_for_each);
    vm.define_method(proto, "keys", 0, params_keys);
    vm.define_method(proto, "values", 0, params_values);
    let entries = vm.define_method(proto, "entries", 0, params_entries);
    let key = PropertyKey::Symbol(vm.symbols.iterator);
    vm.define_value(proto, key, Value::Object(entries), Attrs::METHOD);
    ho::getter(vm, proto, "size", params_size);

    let parent = vm.intrinsics().iterator_prototype;
    let it_proto = vm.new_object(Some(parent));
    crate::host::slab_insert(vm, Value::Object(it_proto));
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    let tag = ho::js_string(vm, "URLSearchParams Iterator");
    vm.define_value(it_proto, tag_key, tag, Attrs::CONFIGURABLE_ONLY);
    vm.define_method(it_proto, "next", 0, params_iterator_next);
    ho::register_proto(Brand::UrlSearchParamsIterator, it_proto);
}

/// Node's `TypeError: Invalid URL` (`code` ERR_INVALID_URL, `input`).
pub fn invalid_url_error(vm: &mut Vm, input: &str) -> Value {
    let e = vm.new_error(ErrorKind::TypeError, "Invalid URL");
    let mark = vm.roots_len();
    vm.push_root(Value::Object(e));
    for (k, v) in [("code", "ERR_INVALID_URL"), ("input", input)] {
        let key = vm.key(k);
        let v = ho::js_string(vm, v);
        vm.define_value(e, key, v, Attrs::ALL);
    }
    vm.truncate_roots(mark);
    Value::Object(e)
}

/// Parses `input` against an optional `base` (the URL parser).
fn parse_with_base(input: &str, base: Option<&str>) -> Option<Url> {
    match base {
        None => Url::parse(input).ok(),
        Some(b) => {
            let base = Url::parse(b).ok()?;
            Url::options().base_url(Some(&base)).parse(input).ok()
        }
    }
}

fn url_args(vm: &mut Vm, a: &CallArgs) -> JsResult<(String, Option<String>)> {
    let input = ho::to_usv_string(vm, a.arg(0))?;
    let base = match a.arg(1) {
        Value::Undefined => None,
        v => Some(ho::to_usv_string(vm, v)?),
    };
    Ok((input, base))
}

fn url_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "URL", Brand::Url)?;
    vm.push_root(Value::Object(o));
    if a.args.is_empty() {
        return Err(crate::errors::coded_error(
            vm,
            ErrorKind::TypeError,
            "The \"url\" argument must be specified",
            "ERR_MISSING_ARGS",
        ));
    }
    let (input, base) = url_args(vm, a)?;
    let Some(url) = parse_with_base(&input, base.as_deref()) else {
        let e = invalid_url_error(vm, &input);
        if let (Some(b), Value::Object(eo)) = (base, e) {
            let key = vm.key("base");
            let b = ho::js_string(vm, &b);
            vm.define_value(eo, key, b, Attrs::ALL);
        }
        return Err(JsError::Throw(e));
    };
    init_url(vm, o, &url);
    Ok(Value::Object(o))
}

fn init_url(vm: &mut Vm, o: ObjId, url: &Url) {
    let rec = ho::attach(vm, o, Brand::Url, U_SLOTS);
    let href = ho::js_string(vm, url.as_str());
    ho::set(vm, rec, U_HREF, href);
    let params = ho::new_instance(vm, Brand::UrlSearchParams);
    let prec = ho::attach(vm, params, Brand::UrlSearchParams, SP_SLOTS);
    ho::set(vm, prec, SP_URL, Value::Object(o));
    let list = query_pairs(url);
    store_list(vm, prec, &list);
    ho::set(vm, rec, U_PARAMS, Value::Object(params));
}

fn query_pairs(url: &Url) -> Vec<(String, String)> {
    url.query_pairs()
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect()
}

fn url_can_parse(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (input, base) = url_args(vm, a)?;
    Ok(Value::Boolean(
        parse_with_base(&input, base.as_deref()).is_some(),
    ))
}

fn url_parse_static(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (input, base) = url_args(vm, a)?;
    match parse_with_base(&input, base.as_deref()) {
        Some(url) => {
            let o = ho::new_instance(vm, Brand::Url);
            vm.push_root(Value::Object(o));
            init_url(vm, o, &url);
            Ok(Value::Object(o))
        }
        None => Ok(Value::Null),
    }
}

/// The URL of `this` and its record.
fn this_url(vm: &mut Vm, a: &CallArgs) -> JsResult<(ObjId, Url)> {
    let rec = ho::require(vm, a.this, Brand::Url)?;
    let href = match ho::get(vm, rec, U_HREF) {
        Value::String(s) => vm.string_to_rust(s),
        _ => String::new(),
    };
    let url = Url::parse(&href).map_err(|_| JsError::type_error("Invalid URL"))?;
    Ok((rec, url))
}

/// Stores a changed URL; `reparse_params` re-reads the params list.
fn store_url(vm: &mut Vm, rec: ObjId, url: &Url, reparse_params: bool) {
    let href = ho::js_string(vm, url.as_str());
    ho::set(vm, rec, U_HREF, href);
    if reparse_params {
        if let Some(params) = ho::get_object(vm, rec, U_PARAMS) {
            if let Some(prec) = ho::record(vm, Value::Object(params), Brand::UrlSearchParams) {
                let list = query_pairs(url);
                store_list(vm, prec, &list);
            }
        }
    }
}

fn string_getter(vm: &mut Vm, a: &CallArgs, f: Getter) -> JsResult<Value> {
    let (_, url) = this_url(vm, a)?;
    Ok(ho::js_string(vm, f(&url)))
}

fn string_setter(vm: &mut Vm, a: &CallArgs, f: Setter, reparse: bool) -> JsResult<Value> {
    let (rec, mut url) = this_url(vm, a)?;
    let v = ho::to_usv_string(vm, a.arg(0))?;
    f(&mut url, &v);
    store_url(vm, rec, &url, reparse);
    Ok(Value::Undefined)
}

fn get_href(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::href)
}

fn set_href(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (rec, _) = this_url(vm, a)?;
    let v = ho::to_usv_string(vm, a.arg(0))?;
    match Url::parse(&v) {
        Ok(url) => {
            store_url(vm, rec, &url, true);
            Ok(Value::Undefined)
        }
        Err(_) => Err(JsError::Throw(invalid_url_error(vm, &v))),
    }
}

fn get_origin(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (_, url) = this_url(vm, a)?;
    Ok(ho::js_string(vm, &quirks::origin(&url)))
}

fn get_protocol(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::protocol)
}
fn set_protocol(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(
        vm,
        a,
        |u, v| {
            let _ = quirks::set_protocol(u, v);
        },
        false,
    )
}
fn get_username(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::username)
}
fn set_username(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(
        vm,
        a,
        |u, v| {
            let _ = quirks::set_username(u, v);
        },
        false,
    )
}
fn get_password(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::password)
}
fn set_password(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(
        vm,
        a,
        |u, v| {
            let _ = quirks::set_password(u, v);
        },
        false,
    )
}
fn get_host(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::host)
}
fn set_host(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(
        vm,
        a,
        |u, v| {
            let _ = quirks::set_host(u, v);
        },
        false,
    )
}
fn get_hostname(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::hostname)
}
fn set_hostname(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(
        vm,
        a,
        |u, v| {
            let _ = quirks::set_hostname(u, v);
        },
        false,
    )
}
fn get_port(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::port)
}
fn set_port(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(
        vm,
        a,
        |u, v| {
            let _ = quirks::set_port(u, v);
        },
        false,
    )
}
fn get_pathname(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::pathname)
}
fn set_pathname(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(vm, a, quirks::set_pathname, false)
}
fn get_search(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::search)
}
fn set_search(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(vm, a, quirks::set_search, true)
}
fn get_hash(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_getter(vm, a, quirks::hash)
}
fn set_hash(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    string_setter(vm, a, quirks::set_hash, false)
}

fn get_search_params(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::Url)?;
    Ok(ho::get(vm, rec, U_PARAMS))
}

// ---- URLSearchParams ----

fn list_of(vm: &mut Vm, rec: ObjId) -> Vec<(String, String)> {
    let Some(list) = ho::get_object(vm, rec, SP_LIST) else {
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
    let mark = vm.roots_len();
    let mut values = Vec::with_capacity(list.len() * 2);
    for (n, v) in list {
        let n = ho::js_string(vm, n);
        vm.push_root(n);
        let v = ho::js_string(vm, v);
        vm.push_root(v);
        values.push(n);
        values.push(v);
    }
    let arr = vm.new_array_with_proto(&values, None);
    ho::set(vm, rec, SP_LIST, Value::Object(arr));
    vm.truncate_roots(mark);
}

/// application/x-www-form-urlencoded serialization of a list.
fn serialize(list: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (n, v) in list {
        s.append_pair(n, v);
    }
    s.finish()
}

/// The name/value pairs of `v` if it is a URLSearchParams.
pub fn search_params_list(vm: &mut Vm, v: Value) -> Option<Vec<(String, String)>> {
    let rec = ho::record(vm, v, Brand::UrlSearchParams)?;
    Some(list_of(vm, rec))
}

/// The serialization of `v` if it is a URLSearchParams (fetch bodies).
pub fn search_params_text(vm: &mut Vm, v: Value) -> Option<String> {
    let rec = ho::record(vm, v, Brand::UrlSearchParams)?;
    Some(serialize(&list_of(vm, rec)))
}

/// The params' list changed: store it and run the update steps (the
/// linked URL's query becomes the serialization, or none when empty).
fn update(vm: &mut Vm, rec: ObjId, list: &[(String, String)]) -> JsResult<()> {
    store_list(vm, rec, list);
    let url_obj = ho::get(vm, rec, SP_URL);
    let Some(urec) = ho::record(vm, url_obj, Brand::Url) else {
        return Ok(());
    };
    let href = match ho::get(vm, urec, U_HREF) {
        Value::String(s) => vm.string_to_rust(s),
        _ => return Ok(()),
    };
    if let Ok(mut url) = Url::parse(&href) {
        let q = serialize(list);
        url.set_query(if q.is_empty() { None } else { Some(&q) });
        store_url(vm, urec, &url, false);
    }
    Ok(())
}

fn params_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "URLSearchParams", Brand::UrlSearchParams)?;
    vm.push_root(Value::Object(o));
    let init = a.arg(0);
    let mut list = Vec::new();
    match init {
        Value::Undefined => {}
        Value::Object(io) => {
            if let Some(other) = ho::record(vm, init, Brand::UrlSearchParams) {
                list = list_of(vm, other);
            } else {
                let iter_key = PropertyKey::Symbol(vm.symbols.iterator);
                let method = vm.get_prop(io, iter_key)?;
                if !method.is_nullish() {
                    if !vm.is_callable(method) {
                        return Err(JsError::type_error("Query pairs must be iterable"));
                    }
                    let pairs = vm.iterate_to_list(init)?;
                    for &p in &pairs {
                        vm.push_root(p);
                    }
                    for p in pairs {
                        if !p.is_object() {
                            return Err(JsError::type_error(
                                "Each query pair must be an iterable [name, value] tuple",
                            ));
                        }
                        let items = vm.iterate_to_list(p)?;
                        if items.len() != 2 {
                            return Err(JsError::type_error(
                                "Each query pair must be an iterable [name, value] tuple",
                            ));
                        }
                        let n = ho::to_usv_string(vm, items[0])?;
                        let v = ho::to_usv_string(vm, items[1])?;
                        list.push((n, v));
                    }
                } else {
                    for key in vm.own_property_keys(io)? {
                        if matches!(key, PropertyKey::Symbol(_)) {
                            continue;
                        }
                        let desc = vm.get_own_property(io, key)?;
                        if !desc.is_some_and(|d| d.enumerable.unwrap_or(false)) {
                            continue;
                        }
                        let kv = vm.key_to_value(key);
                        let n = ho::to_usv_string(vm, kv)?;
                        let v = vm.get_prop(io, key)?;
                        let v = ho::to_usv_string(vm, v)?;
                        list.push((n, v));
                    }
                }
            }
        }
        other => {
            let s = ho::to_usv_string(vm, other)?;
            let s = s.strip_prefix('?').unwrap_or(&s);
            list = form_urlencoded::parse(s.as_bytes())
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect();
        }
    }
    let rec = ho::attach(vm, o, Brand::UrlSearchParams, SP_SLOTS);
    store_list(vm, rec, &list);
    Ok(Value::Object(o))
}

fn this_params(vm: &mut Vm, a: &CallArgs) -> JsResult<(ObjId, Vec<(String, String)>)> {
    let rec = ho::require(vm, a.this, Brand::UrlSearchParams)?;
    let list = list_of(vm, rec);
    Ok((rec, list))
}

fn required_args(vm: &mut Vm, a: &CallArgs, n: usize, names: &str) -> JsResult<()> {
    if a.args.len() < n {
        return Err(crate::errors::coded_error(
            vm,
            ErrorKind::TypeError,
            &format!("The {names} must be specified"),
            "ERR_MISSING_ARGS",
        ));
    }
    Ok(())
}

fn params_append(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (rec, mut list) = this_params(vm, a)?;
    required_args(vm, a, 2, "\"name\" and \"value\" arguments")?;
    let n = ho::to_usv_string(vm, a.arg(0))?;
    let v = ho::to_usv_string(vm, a.arg(1))?;
    list.push((n, v));
    update(vm, rec, &list)?;
    Ok(Value::Undefined)
}

fn params_delete(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (rec, mut list) = this_params(vm, a)?;
    required_args(vm, a, 1, "\"name\" argument")?;
    let n = ho::to_usv_string(vm, a.arg(0))?;
    let value = match a.arg(1) {
        Value::Undefined => None,
        v => Some(ho::to_usv_string(vm, v)?),
    };
    list.retain(|(ln, lv)| !(*ln == n && value.as_ref().is_none_or(|v| v == lv)));
    update(vm, rec, &list)?;
    Ok(Value::Undefined)
}

fn params_get(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (_, list) = this_params(vm, a)?;
    required_args(vm, a, 1, "\"name\" argument")?;
    let n = ho::to_usv_string(vm, a.arg(0))?;
    Ok(match list.iter().find(|(ln, _)| *ln == n) {
        Some((_, v)) => ho::js_string(vm, v),
        None => Value::Null,
    })
}

fn params_get_all(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (_, list) = this_params(vm, a)?;
    required_args(vm, a, 1, "\"name\" argument")?;
    let n = ho::to_usv_string(vm, a.arg(0))?;
    let values: Vec<Value> = list
        .iter()
        .filter(|(ln, _)| *ln == n)
        .map(|(_, v)| ho::js_string(vm, v))
        .collect();
    Ok(Value::Object(vm.new_array(&values)))
}

fn params_has(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (_, list) = this_params(vm, a)?;
    required_args(vm, a, 1, "\"name\" argument")?;
    let n = ho::to_usv_string(vm, a.arg(0))?;
    let value = match a.arg(1) {
        Value::Undefined => None,
        v => Some(ho::to_usv_string(vm, v)?),
    };
    Ok(Value::Boolean(list.iter().any(|(ln, lv)| {
        *ln == n && value.as_ref().is_none_or(|v| v == lv)
    })))
}

fn params_set(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (rec, mut list) = this_params(vm, a)?;
    required_args(vm, a, 2, "\"name\" and \"value\" arguments")?;
    let n = ho::to_usv_string(vm, a.arg(0))?;
    let v = ho::to_usv_string(vm, a.arg(1))?;
    match list.iter().position(|(ln, _)| *ln == n) {
        Some(i) => {
            list[i].1 = v;
            let mut seen = false;
            list.retain(|(ln, _)| {
                if *ln != n {
                    return true;
                }
                let keep = !seen;
                seen = true;
                keep
            });
        }
        None => list.push((n, v)),
    }
    update(vm, rec, &list)?;
    Ok(Value::Undefined)
}

/// `sort()`: stable, by the names' UTF-16 code units.
fn params_sort(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (rec, mut list) = this_params(vm, a)?;
    list.sort_by_cached_key(|(n, _)| n.encode_utf16().collect::<Vec<u16>>());
    update(vm, rec, &list)?;
    Ok(Value::Undefined)
}

fn params_to_string(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (_, list) = this_params(vm, a)?;
    Ok(ho::js_string(vm, &serialize(&list)))
}

fn params_size(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (_, list) = this_params(vm, a)?;
    Ok(Value::Number(list.len() as f64))
}

fn params_for_each(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::UrlSearchParams)?;
    let callback = a.arg(0);
    if !vm.is_callable(callback) {
        return Err(crate::errors::invalid_arg_type(
            vm, "callback", "function", callback,
        ));
    }
    let mut i = 0;
    loop {
        let list = list_of(vm, rec);
        let Some((n, v)) = list.get(i) else {
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
    ho::require(vm, a.this, Brand::UrlSearchParams)?;
    Ok(ho::new_pair_iterator(
        vm,
        Brand::UrlSearchParamsIterator,
        a.this,
        kind,
    ))
}

fn params_keys(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    make_iterator(vm, a, 0.0)
}
fn params_values(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    make_iterator(vm, a, 1.0)
}
fn params_entries(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    make_iterator(vm, a, 2.0)
}

fn params_iterator_next(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (rec, params) = ho::pair_iterator_source(vm, a.this, Brand::UrlSearchParamsIterator)?;
    let list = match ho::record(vm, params, Brand::UrlSearchParams) {
        Some(prec) => list_of(vm, prec),
        None => Vec::new(),
    };
    ho::pair_iterator_step(vm, rec, &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_resolve_against_a_base() {
        let u = parse_with_base("../b?x=1#h", Some("http://h.test/a/c/d")).map(|u| u.to_string());
        assert_eq!(u.as_deref(), Some("http://h.test/a/b?x=1#h"));
        assert!(parse_with_base("/x", None).is_none());
        assert!(parse_with_base("x", Some("not a url")).is_none());
    }

    #[test]
    fn params_serialize_as_forms_do() {
        let list = vec![
            ("a b".to_string(), "1&2".to_string()),
            ("é".to_string(), "~".to_string()),
        ];
        assert_eq!(serialize(&list), "a+b=1%262&%C3%A9=%7E");
    }
}
