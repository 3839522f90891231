//! RegExp.prototype's symbol-keyed methods (ECMAScript 22.2.6.8-22.2.6.14:
//! @@match, @@matchAll, @@replace, @@search, @@split) and
//! %RegExpStringIteratorPrototype% (22.2.9). GetSubstitution is the one
//! String.prototype.replace uses (`string_regexp::get_substitution`).
//!
//! Invariant: these are generic over the receiver, as the spec says: they
//! only reach the matcher through RegExpExec (`regexp_exec_abstract`),
//! which calls a user-visible `exec` unless it is the built-in one. Every
//! object or string handle kept across a call that can run JavaScript is
//! rooted; text is kept as Rust code-unit vectors where possible.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, PropertyKey, RealmId, StrId, Value};
use crate::vm::Vm;

use super::regexp::{
    advance_string_index, find_match, is_builtin_exec, regexp_data, regexp_exec_abstract,
    RegExpStringIteratorData,
};
use super::string_regexp::get_substitution;
use super::support::{
    current, define_to_string_tag, index_key_f, intrinsics, kind, kind_mut, new_object_with_kind,
    Slot,
};

pub fn init(vm: &mut Vm, realm: RealmId) {
    let proto = intrinsics(vm, realm).regexp_prototype;
    let iter_proto = intrinsics(vm, realm).regexp_string_iterator_prototype;
    let s = vm.symbols;
    vm.define_method_sym(proto, s.match_, 1, symbol_match);
    vm.define_method_sym(proto, s.match_all, 1, symbol_match_all);
    vm.define_method_sym(proto, s.replace, 2, symbol_replace);
    vm.define_method_sym(proto, s.search, 1, symbol_search);
    vm.define_method_sym(proto, s.split, 2, symbol_split);
    vm.define_method(iter_proto, "next", 0, regexp_string_iterator_next);
    define_to_string_tag(vm, iter_proto, "RegExp String Iterator");
}

fn this_object(this: Value, method: &str) -> JsResult<ObjId> {
    this.as_object().ok_or_else(|| {
        JsError::type_error(format!("RegExp.prototype.{method} called on a non-object"))
    })
}

/// ToString(? Get(rx, "flags")) as code units.
fn flags_of(vm: &mut Vm, rx: ObjId) -> JsResult<Vec<u16>> {
    let f = vm.get_prop(rx, PropertyKey::Atom(atoms::FLAGS))?;
    let f = vm.to_string(f)?;
    Ok(vm.string_units(f))
}

fn has_unit(units: &[u16], c: u8) -> bool {
    units.contains(&(c as u16))
}

/// ToString(? Get(result, "0")).
fn match_string(vm: &mut Vm, result: ObjId) -> JsResult<StrId> {
    let m = vm.get_prop(result, PropertyKey::Index(0))?;
    vm.to_string(m)
}

/// The "if matchStr is empty, advance lastIndex" step shared by @@match,
/// @@replace and the RegExp String Iterator.
fn advance_last_index(vm: &mut Vm, rx: ObjId, units: &[u16], full_unicode: bool) -> JsResult<()> {
    let li = vm.get_prop(rx, PropertyKey::Atom(atoms::LAST_INDEX))?;
    let this_index = vm.to_length(li)?;
    let next = advance_string_index(units, this_index, full_unicode);
    vm.set_prop(
        rx,
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(next),
        true,
    )
}

/// RegExp.prototype [ @@match ] ( string ) (22.2.6.8).
fn symbol_match(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_object(args.this, "[Symbol.match]")?;
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let units = vm.string_units(s);
    let flags = flags_of(vm, rx)?;
    if !has_unit(&flags, b'g') {
        return regexp_exec_abstract(vm, rx, s, &units);
    }
    let full_unicode = has_unit(&flags, b'u') || has_unit(&flags, b'v');
    vm.set_prop(
        rx,
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(0.0),
        true,
    )?;
    let a = vm.new_array(&[]);
    vm.push_root(Value::Object(a));
    let result_slot = Slot::new(vm, Value::Undefined);
    let mut n: f64 = 0.0;
    loop {
        let result = regexp_exec_abstract(vm, rx, s, &units)?;
        let Some(res) = result.as_object() else {
            return Ok(if n == 0.0 {
                Value::Null
            } else {
                Value::Object(a)
            });
        };
        result_slot.set(vm, result);
        let match_str = match_string(vm, res)?;
        let key = index_key_f(vm, n);
        vm.create_data_property_or_throw(a, key, Value::String(match_str))?;
        if vm.string_len(match_str) == 0 {
            advance_last_index(vm, rx, &units, full_unicode)?;
        }
        n += 1.0;
    }
}

/// RegExp.prototype [ @@matchAll ] ( string ) (22.2.6.9).
fn symbol_match_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let r = this_object(args.this, "[Symbol.matchAll]")?;
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let default_ctor = current(vm).regexp;
    let c = vm.species_constructor(r, default_ctor)?;
    vm.push_root(c);
    let flags = vm.get_prop(r, PropertyKey::Atom(atoms::FLAGS))?;
    let flags = vm.to_string(flags)?;
    vm.push_root(Value::String(flags));
    let matcher = vm.construct(c, &[Value::Object(r), Value::String(flags)], None)?;
    let Some(matcher) = matcher.as_object() else {
        return Err(JsError::type_error(
            "RegExp species constructor returned a non-object",
        ));
    };
    vm.push_root(Value::Object(matcher));
    let li = vm.get_prop(r, PropertyKey::Atom(atoms::LAST_INDEX))?;
    let last_index = vm.to_length(li)?;
    vm.set_prop(
        matcher,
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(last_index),
        true,
    )?;
    let flag_units = vm.string_units(flags);
    let global = has_unit(&flag_units, b'g');
    let full_unicode = has_unit(&flag_units, b'u') || has_unit(&flag_units, b'v');
    let proto = current(vm).regexp_string_iterator_prototype;
    let units = vm.string_units(s).into();
    let it = new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::RegExpStringIterator(Box::new(RegExpStringIteratorData {
            regexp: matcher,
            string: s,
            units,
            global,
            full_unicode,
            done: false,
        })),
    );
    Ok(Value::Object(it))
}

/// %RegExpStringIteratorPrototype%.next ( ) (22.2.9.2.1).
fn regexp_string_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let state = match args.this.as_object() {
        Some(o) => match kind(vm, o) {
            ObjectKind::RegExpStringIterator(d) => {
                Some((o, d.regexp, d.string, d.global, d.full_unicode, d.done))
            }
            _ => None,
        },
        None => None,
    };
    let Some((it, r, s, global, full_unicode, done)) = state else {
        return Err(JsError::type_error(
            "RegExp String Iterator.prototype.next called on an incompatible receiver",
        ));
    };
    if done {
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    }
    let set_done = |vm: &mut Vm| {
        if let ObjectKind::RegExpStringIterator(d) = kind_mut(vm, it) {
            d.done = true;
        }
    };
    let units = match kind(vm, it) {
        ObjectKind::RegExpStringIterator(d) => d.units.clone(),
        _ => vm.string_units(s).into(),
    };
    let m = regexp_exec_abstract(vm, r, s, &units)?;
    let Some(mo) = m.as_object() else {
        set_done(vm);
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    };
    vm.push_root(m);
    if !global {
        set_done(vm);
        return Ok(Value::Object(vm.create_iter_result(m, false)));
    }
    let match_str = match_string(vm, mo)?;
    if vm.string_len(match_str) == 0 {
        advance_last_index(vm, r, &units, full_unicode)?;
    }
    Ok(Value::Object(vm.create_iter_result(m, false)))
}

/// RegExp.prototype [ @@replace ] ( string, replaceValue ) (22.2.6.11).
fn symbol_replace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_object(args.this, "[Symbol.replace]")?;
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let units = vm.string_units(s);
    let length_s = units.len();
    let mut replace_value = args.arg(1);
    let functional = vm.is_callable(replace_value);
    let mut template: Vec<u16> = Vec::new();
    if !functional {
        let rs = vm.to_string(replace_value)?;
        replace_value = Value::String(rs);
        vm.push_root(replace_value);
        template = vm.string_units(rs);
    }
    let flags = flags_of(vm, rx)?;
    let global = has_unit(&flags, b'g');
    let full_unicode = has_unit(&flags, b'u') || has_unit(&flags, b'v');
    if global {
        vm.set_prop(
            rx,
            PropertyKey::Atom(atoms::LAST_INDEX),
            Value::Number(0.0),
            true,
        )?;
    }
    // Collect the results (each rooted while the later ones are computed).
    let mut results: Vec<ObjId> = Vec::new();
    loop {
        let result = regexp_exec_abstract(vm, rx, s, &units)?;
        let Some(res) = result.as_object() else {
            break;
        };
        vm.push_root(result);
        results.push(res);
        if !global {
            break;
        }
        let match_str = match_string(vm, res)?;
        if vm.string_len(match_str) == 0 {
            advance_last_index(vm, rx, &units, full_unicode)?;
        }
    }
    let mut accumulated: Vec<u16> = Vec::new();
    let mut next_source_position = 0usize;
    let roots_base = vm.roots_len();
    for res in results {
        // The strings of one result are rooted only while it is processed.
        vm.truncate_roots(roots_base);
        let result_length = vm.length_of_array_like(res)?;
        let n_captures = (result_length - 1.0).max(0.0);
        let matched = match_string(vm, res)?;
        let matched_units = vm.string_units(matched);
        let match_length = matched_units.len();
        vm.push_root(Value::String(matched));
        let pos = vm.get_prop(res, PropertyKey::Atom(atoms::INDEX))?;
        let pos = vm.to_integer_or_infinity(pos)?;
        let position = pos.clamp(0.0, length_s as f64) as usize;
        let mut captures: Vec<Value> = Vec::new();
        let mut n = 1.0;
        while n <= n_captures {
            let key = index_key_f(vm, n);
            let mut cap_n = vm.get_prop(res, key)?;
            if !cap_n.is_undefined() {
                cap_n = Value::String(vm.to_string(cap_n)?);
            }
            vm.push_root(cap_n);
            captures.push(cap_n);
            n += 1.0;
        }
        let mut named_captures = vm.get_prop(res, PropertyKey::Atom(atoms::GROUPS))?;
        vm.push_root(named_captures);
        let replacement: Vec<u16> = if functional {
            let mut call_args = Vec::with_capacity(captures.len() + 4);
            call_args.push(Value::String(matched));
            call_args.extend_from_slice(&captures);
            call_args.push(Value::Number(position as f64));
            call_args.push(Value::String(s));
            if !named_captures.is_undefined() {
                call_args.push(named_captures);
            }
            let repl = vm.call(replace_value, Value::Undefined, &call_args)?;
            let repl = vm.to_string(repl)?;
            vm.string_units(repl)
        } else {
            if !named_captures.is_undefined() {
                named_captures = Value::Object(vm.to_object(named_captures)?);
                vm.push_root(named_captures);
            }
            let cap_units: Vec<Option<Vec<u16>>> = captures
                .iter()
                .map(|c| c.as_string().map(|s| vm.string_units(s)))
                .collect();
            get_substitution(
                vm,
                &matched_units,
                &units,
                position,
                &cap_units,
                named_captures,
                &template,
            )?
        };
        if position >= next_source_position {
            if let Some(piece) = units.get(next_source_position..position) {
                accumulated.extend_from_slice(piece);
            }
            accumulated.extend_from_slice(&replacement);
            next_source_position = position + match_length;
        }
    }
    if next_source_position < length_s {
        if let Some(rest) = units.get(next_source_position..) {
            accumulated.extend_from_slice(rest);
        }
    }
    Ok(Value::String(vm.new_string_utf16(&accumulated)))
}

/// RegExp.prototype [ @@search ] ( string ) (22.2.6.12).
fn symbol_search(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_object(args.this, "[Symbol.search]")?;
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let units = vm.string_units(s);
    let previous = vm.get_prop(rx, PropertyKey::Atom(atoms::LAST_INDEX))?;
    vm.push_root(previous);
    if !vm.same_value(previous, Value::Number(0.0)) {
        vm.set_prop(
            rx,
            PropertyKey::Atom(atoms::LAST_INDEX),
            Value::Number(0.0),
            true,
        )?;
    }
    let result = regexp_exec_abstract(vm, rx, s, &units)?;
    vm.push_root(result);
    let current_li = vm.get_prop(rx, PropertyKey::Atom(atoms::LAST_INDEX))?;
    if !vm.same_value(current_li, previous) {
        vm.set_prop(rx, PropertyKey::Atom(atoms::LAST_INDEX), previous, true)?;
    }
    match result.as_object() {
        None => Ok(Value::Number(-1.0)),
        Some(r) => vm.get_prop(r, PropertyKey::Atom(atoms::INDEX)),
    }
}

/// RegExp.prototype [ @@split ] ( string, limit ) (22.2.6.14).
fn symbol_split(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_object(args.this, "[Symbol.split]")?;
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let units = vm.string_units(s);
    let default_ctor = current(vm).regexp;
    let c = vm.species_constructor(rx, default_ctor)?;
    vm.push_root(c);
    let flags = flags_of(vm, rx)?;
    let unicode_matching = has_unit(&flags, b'u') || has_unit(&flags, b'v');
    let mut new_flags = flags.clone();
    if !has_unit(&flags, b'y') {
        new_flags.push(b'y' as u16);
    }
    let new_flags = vm.new_string_utf16(&new_flags);
    vm.push_root(Value::String(new_flags));
    let splitter = vm.construct(c, &[Value::Object(rx), Value::String(new_flags)], None)?;
    let Some(splitter) = splitter.as_object() else {
        return Err(JsError::type_error(
            "RegExp species constructor returned a non-object",
        ));
    };
    vm.push_root(Value::Object(splitter));
    let a = vm.new_array(&[]);
    vm.push_root(Value::Object(a));
    let mut length_a: f64 = 0.0;
    let limit = args.arg(1);
    let lim: f64 = if limit.is_undefined() {
        4294967295.0
    } else {
        vm.to_uint32(limit)? as f64
    };
    if lim == 0.0 {
        return Ok(Value::Object(a));
    }
    let size = units.len();
    if size == 0 {
        let z = regexp_exec_abstract(vm, splitter, s, &units)?;
        if !z.is_null() {
            return Ok(Value::Object(a));
        }
        vm.create_data_property_or_throw(a, PropertyKey::Index(0), Value::String(s))?;
        return Ok(Value::Object(a));
    }
    if let Some(fast) = pristine_matcher(vm, splitter, c) {
        return split_fast(vm, &fast, &units, lim, unicode_matching);
    }
    let z_slot = Slot::new(vm, Value::Undefined);
    let mut p = 0usize;
    let mut q = p;
    while q < size {
        vm.set_prop(
            splitter,
            PropertyKey::Atom(atoms::LAST_INDEX),
            Value::Number(q as f64),
            true,
        )?;
        let z = regexp_exec_abstract(vm, splitter, s, &units)?;
        let Some(zo) = z.as_object() else {
            q = advance_string_index(&units, q as f64, unicode_matching) as usize;
            continue;
        };
        z_slot.set(vm, z);
        let e = vm.get_prop(splitter, PropertyKey::Atom(atoms::LAST_INDEX))?;
        let e = vm.to_length(e)?;
        let e = (e.min(size as f64)) as usize;
        if e == p {
            q = advance_string_index(&units, q as f64, unicode_matching) as usize;
            continue;
        }
        let t = vm.new_string_utf16(units.get(p..q).unwrap_or(&[]));
        let key = index_key_f(vm, length_a);
        vm.create_data_property_or_throw(a, key, Value::String(t))?;
        length_a += 1.0;
        if length_a == lim {
            return Ok(Value::Object(a));
        }
        p = e;
        let n = vm.length_of_array_like(zo)?;
        let number_of_captures = (n - 1.0).max(0.0);
        let mut i = 1.0;
        while i <= number_of_captures {
            let key = index_key_f(vm, i);
            let next_capture = vm.get_prop(zo, key)?;
            let key = index_key_f(vm, length_a);
            vm.create_data_property_or_throw(a, key, next_capture)?;
            i += 1.0;
            length_a += 1.0;
            if length_a == lim {
                return Ok(Value::Object(a));
            }
        }
        q = p;
    }
    let t = vm.new_string_utf16(units.get(p..size).unwrap_or(&[]));
    let key = index_key_f(vm, length_a);
    vm.create_data_property_or_throw(a, key, Value::String(t))?;
    Ok(Value::Object(a))
}

/// The matcher of `splitter` when RegExpExec on it is unobservable: it was
/// made by the realm's own %RegExp% (so no user code has seen it) and
/// %RegExp.prototype%.exec is still the built-in data property.
fn pristine_matcher(
    vm: &mut Vm,
    splitter: ObjId,
    ctor: Value,
) -> Option<std::rc::Rc<regress::Regex>> {
    let ins = current(vm);
    if ctor.as_object() != Some(ins.regexp) {
        return None;
    }
    let proto = ins.regexp_prototype;
    if vm.heap.obj(splitter).proto() != Some(proto) {
        return None;
    }
    let own = vm
        .get_own_property(splitter, PropertyKey::Atom(atoms::EXEC))
        .ok()?;
    if own.is_some() {
        return None;
    }
    let desc = vm
        .get_own_property(proto, PropertyKey::Atom(atoms::EXEC))
        .ok()??;
    if !desc.value.is_some_and(|f| is_builtin_exec(vm, f)) {
        return None;
    }
    regexp_data(vm, splitter)?.matcher.clone()
}

/// The @@split loop for a pristine splitter: instead of a sticky attempt
/// at every position, one forward search finds the next position where
/// the sticky attempt would succeed (the positions before it all fail).
fn split_fast(
    vm: &mut Vm,
    matcher: &regress::Regex,
    units: &[u16],
    lim: f64,
    unicode: bool,
) -> JsResult<Value> {
    let size = units.len();
    let mut pieces: Vec<Value> = Vec::new();
    let base = vm.roots_len();
    let push = |vm: &mut Vm, v: Value, pieces: &mut Vec<Value>| -> bool {
        vm.push_root(v);
        pieces.push(v);
        pieces.len() as f64 == lim
    };
    let mut p = 0usize;
    let mut q = 0usize;
    'outer: while q < size {
        let Some(m) = find_match(matcher, units, q, unicode) else {
            break;
        };
        q = m.range.start;
        if q >= size {
            break;
        }
        let e = m.range.end.min(size);
        if e == p {
            q = advance_string_index(units, q as f64, unicode) as usize;
            continue;
        }
        let t = vm.new_string_utf16(units.get(p..q).unwrap_or(&[]));
        if push(vm, Value::String(t), &mut pieces) {
            break 'outer;
        }
        p = e;
        for c in &m.captures {
            let v = match c.as_ref().and_then(|r| units.get(r.clone())) {
                Some(piece) => Value::String(vm.new_string_utf16(piece)),
                None => Value::Undefined,
            };
            if push(vm, v, &mut pieces) {
                break 'outer;
            }
        }
        q = p;
    }
    if (pieces.len() as f64) < lim {
        let t = vm.new_string_utf16(units.get(p..size).unwrap_or(&[]));
        pieces.push(Value::String(t));
    }
    let a = vm.new_array(&pieces);
    vm.truncate_roots(base);
    Ok(Value::Object(a))
}
