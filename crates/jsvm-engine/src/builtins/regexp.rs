//! RegExp (ECMAScript 22.2): the constructor, RegExpAlloc/RegExpInitialize/
//! RegExpCreate, RegExpBuiltinExec and RegExpExec, RegExp.prototype's
//! exec/test/toString/compile (Annex B) and flag getters, `RegExp.escape`
//! and `RegExp[@@species]`. The symbol-keyed methods (@@match, @@matchAll,
//! @@replace, @@search, @@split), GetSubstitution and the RegExp String
//! Iterator are in `regexp_methods`.
//!
//! Matching is done by the `regress` engine on the string's UTF-16 code
//! units: code-point matching (`find_from_utf16`) with the `u`/`v` flags,
//! code-unit matching (`find_from_ucs2`) without, so indices are code-unit
//! indices and lone surrogates are matched as the spec says (this needs
//! regress's `utf16` feature, enabled in the workspace manifest).
//!
//! Invariant: an object has [[RegExpMatcher]] iff its kind is
//! `ObjectKind::RegExp`; `matcher` is `Some` once RegExpInitialize
//! succeeded, and then `source`/`flags` are its [[OriginalSource]] and
//! [[OriginalFlags]] and `flag_bits` is parsed from `flags`.

use std::rc::Rc;

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::heap::Tracer;
use crate::object::kind::ObjectKind;
use crate::property::{Attrs, PropertyDescriptor};
use crate::value::{ObjId, PropertyKey, RealmId, StrId, Value};
use crate::vm::Vm;

use super::support::{current, intrinsics, kind, kind_mut, link_constructor, new_object_with_kind};

/// The parsed flags of a regular expression.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RegExpFlags {
    pub has_indices: bool,
    pub global: bool,
    pub ignore_case: bool,
    pub multiline: bool,
    pub dot_all: bool,
    pub unicode: bool,
    pub unicode_sets: bool,
    pub sticky: bool,
}

impl RegExpFlags {
    /// Parses a flags string: None if it has a code unit other than
    /// "dgimsuvy", a repeated one, or both "u" and "v" (RegExpInitialize
    /// steps 5-6).
    pub fn parse(units: &[u16]) -> Option<RegExpFlags> {
        let mut f = RegExpFlags::default();
        for &u in units {
            let slot = match u {
                0x64 => &mut f.has_indices,
                0x67 => &mut f.global,
                0x69 => &mut f.ignore_case,
                0x6D => &mut f.multiline,
                0x73 => &mut f.dot_all,
                0x75 => &mut f.unicode,
                0x76 => &mut f.unicode_sets,
                0x79 => &mut f.sticky,
                _ => return None,
            };
            if *slot {
                return None;
            }
            *slot = true;
        }
        if f.unicode && f.unicode_sets {
            return None;
        }
        Some(f)
    }

    /// Code-point matching ("u" or "v").
    pub fn full_unicode(self) -> bool {
        self.unicode || self.unicode_sets
    }
}

/// A RegExp object's internal slots.
pub struct RegExpData {
    /// [[RegExpMatcher]]; `None` between RegExpAlloc and RegExpInitialize.
    pub matcher: Option<Rc<regress::Regex>>,
    /// [[OriginalSource]].
    pub source: Option<StrId>,
    /// [[OriginalFlags]].
    pub flags: Option<StrId>,
    pub flag_bits: RegExpFlags,
    /// The last string `exec`/`test` ran on and its code units, so that a
    /// loop of exec() calls over one long string converts it only once.
    /// The string is traced, so its handle cannot be reused meanwhile.
    pub last_input: Option<(StrId, Rc<[u16]>)>,
    /// [[Realm]]: the realm RegExpAlloc ran in.
    pub realm: RealmId,
    /// [[LegacyFeaturesEnabled]]: made by that realm's own %RegExp% (not a
    /// subclass), which `compile` requires.
    pub legacy_features: bool,
}

impl RegExpData {
    pub fn trace(&self, t: &mut Tracer) {
        if let Some(s) = self.source {
            t.mark_string(s);
        }
        if let Some(s) = self.flags {
            t.mark_string(s);
        }
        if let Some((s, _)) = &self.last_input {
            t.mark_string(*s);
        }
    }
}

/// The code units of `s`, from (and into) `r`'s last-input cache.
fn input_units(vm: &mut Vm, r: ObjId, s: StrId) -> Rc<[u16]> {
    if let Some(d) = regexp_data(vm, r) {
        if let Some((last, units)) = &d.last_input {
            if *last == s {
                return units.clone();
            }
        }
    }
    let units: Rc<[u16]> = vm.string_units(s).into();
    if let ObjectKind::RegExp(d) = kind_mut(vm, r) {
        d.last_input = Some((s, units.clone()));
    }
    units
}

/// The state of a RegExp String Iterator (22.2.9).
pub struct RegExpStringIteratorData {
    /// The regexp, and the string it iterates over; `done` once exhausted.
    pub regexp: ObjId,
    pub string: StrId,
    /// The code units of `string`, converted once.
    pub units: Rc<[u16]>,
    pub global: bool,
    pub full_unicode: bool,
    pub done: bool,
}

impl RegExpStringIteratorData {
    pub fn trace(&self, t: &mut Tracer) {
        t.mark_object(self.regexp);
        t.mark_string(self.string);
    }
}

// ---- Matching through regress ----

/// Runs `re` on `text` from code unit `start`: the first match at or after
/// `start` (code-point matching with `full_unicode`).
pub fn find_match(
    re: &regress::Regex,
    text: &[u16],
    start: usize,
    full_unicode: bool,
) -> Option<regress::Match> {
    if full_unicode {
        re.find_from_utf16(text, start).next()
    } else {
        re.find_from_ucs2(text, start).next()
    }
}

/// The pattern as regress reads it: code points. With "u"/"v" surrogate
/// pairs are decoded; without, each code unit is its own character except
/// inside group names (`(?<name>`, `\k<name>`), where the spec reads
/// surrogate pairs as one code point in every mode.
fn pattern_code_points(units: &[u16], full_unicode: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(units.len());
    let mut in_name = false;
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        let pair = (0xD800..0xDC00).contains(&u)
            && units
                .get(i + 1)
                .is_some_and(|l| (0xDC00..0xE000).contains(l));
        if pair && (full_unicode || in_name) {
            let lo = units[i + 1];
            out.push(0x10000 + (((u as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00));
            i += 2;
            continue;
        }
        if !full_unicode {
            if in_name {
                if u == b'>' as u16 {
                    in_name = false;
                }
            } else if u == b'\\' as u16 {
                // An escape: copy the escaped unit; `\k<` starts a name.
                out.push(u as u32);
                i += 1;
                if let Some(&n) = units.get(i) {
                    out.push(n as u32);
                    i += 1;
                    if n == b'k' as u16 && units.get(i) == Some(&(b'<' as u16)) {
                        in_name = true;
                    }
                }
                continue;
            } else if u == b'(' as u16
                && units.get(i + 1) == Some(&(b'?' as u16))
                && units.get(i + 2) == Some(&(b'<' as u16))
                && !matches!(units.get(i + 3), Some(&0x3D) | Some(&0x21))
            {
                in_name = true;
            }
        }
        out.push(u as u32);
        i += 1;
    }
    out
}

/// Parses and compiles a pattern (the "parse pattern" steps of
/// RegExpInitialize); the error text is regress's.
fn compile(pattern: &[u16], flags: RegExpFlags) -> Result<regress::Regex, String> {
    let rflags = regress::Flags {
        icase: flags.ignore_case,
        multiline: flags.multiline,
        dot_all: flags.dot_all,
        unicode: flags.unicode,
        unicode_sets: flags.unicode_sets,
        no_opt: false,
    };
    let rewritten = rewrite_duplicate_backreferences(pattern, flags.unicode_sets);
    let pattern = rewritten.as_deref().unwrap_or(pattern);
    let cps = pattern_code_points(pattern, flags.full_unicode());
    regress::Regex::from_unicode(cps.into_iter(), rflags).map_err(|e| e.text)
}

/// Duplicate named groups (`(?<x>a)|(?<x>b)`): regress resolves `\k<x>` to
/// the first group named x only, while the spec matches whichever one
/// participated. At most one group of a name is defined at any time (they
/// sit in different alternatives, and a quantifier resets the captures
/// inside it on every iteration), and a backreference to an undefined
/// group matches the empty string, so `\k<x>` is rewritten to `(?:\1\2)`
/// over all the groups named x. Returns None when nothing needs rewriting
/// (the common case) or the pattern is not understood.
fn rewrite_duplicate_backreferences(p: &[u16], unicode_sets: bool) -> Option<Vec<u16>> {
    const BACKSLASH: u16 = b'\\' as u16;
    let is = |i: usize, c: u8| p.get(i) == Some(&(c as u16));
    let name_end = |start: usize| {
        p[start..]
            .iter()
            .position(|&u| u == b'>' as u16)
            .map(|n| start + n)
    };
    let mut groups: Vec<(Vec<u16>, usize)> = Vec::new();
    let mut refs: Vec<(usize, usize, Vec<u16>)> = Vec::new();
    let mut count = 0usize;
    let mut class_depth = 0usize;
    let mut i = 0;
    while i < p.len() {
        let u = p[i];
        if u == BACKSLASH {
            if class_depth == 0 && is(i + 1, b'k') && is(i + 2, b'<') {
                let end = name_end(i + 3)?;
                refs.push((i, end + 1, p[i + 3..end].to_vec()));
                i = end + 1;
            } else {
                i += 2;
            }
            continue;
        }
        if class_depth > 0 {
            if u == b']' as u16 {
                class_depth -= 1;
            } else if u == b'[' as u16 && unicode_sets {
                class_depth += 1;
            }
        } else if u == b'[' as u16 {
            class_depth = 1;
        } else if u == b'(' as u16 {
            if !is(i + 1, b'?') {
                count += 1;
            } else if is(i + 2, b'<') && !is(i + 3, b'=') && !is(i + 3, b'!') {
                count += 1;
                let end = name_end(i + 3)?;
                groups.push((p[i + 3..end].to_vec(), count));
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    let numbers = |name: &[u16]| -> Vec<usize> {
        groups
            .iter()
            .filter(|(n, _)| n == name)
            .map(|&(_, k)| k)
            .collect()
    };
    if refs.iter().all(|(_, _, name)| numbers(name).len() < 2) {
        return None;
    }
    let mut out = Vec::with_capacity(p.len() + 16);
    let mut last = 0;
    for (start, end, name) in &refs {
        let nums = numbers(name);
        if nums.len() < 2 {
            continue;
        }
        out.extend_from_slice(p.get(last..*start)?);
        out.extend("(?:".encode_utf16());
        for k in nums {
            out.push(BACKSLASH);
            out.extend(k.to_string().encode_utf16());
        }
        out.push(b')' as u16);
        last = *end;
    }
    out.extend_from_slice(p.get(last..)?);
    Some(out)
}

// ---- Realm setup ----

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).regexp_prototype;
        let ctor = super::class_support::install_constructor(
            vm,
            realm,
            "RegExp",
            2,
            regexp_constructor,
            |i, c| i.regexp = c,
        );
        link_constructor(vm, ctor, proto);
        super::class_support::define_species_getter(vm, ctor);
        vm.define_method(ctor, "escape", 1, regexp_escape);

        let methods: &[(&str, u32, NativeFn)] = &[
            ("compile", 2, regexp_compile),
            ("exec", 1, regexp_exec),
            ("test", 1, regexp_test),
            ("toString", 0, regexp_to_string),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
        let getters: &[(&str, NativeFn)] = &[
            ("dotAll", get_dot_all),
            ("flags", get_flags),
            ("global", get_global),
            ("hasIndices", get_has_indices),
            ("ignoreCase", get_ignore_case),
            ("multiline", get_multiline),
            ("source", get_source),
            ("sticky", get_sticky),
            ("unicode", get_unicode),
            ("unicodeSets", get_unicode_sets),
        ];
        for &(name, f) in getters {
            let key = vm.key(name);
            vm.define_accessor(proto, key, Some(f), None, Attrs::CONFIGURABLE_ONLY);
        }
        super::regexp_methods::init(vm, realm);
    });
}

// ---- Abstract operations ----

/// The RegExp data of `o`, if `o` has [[RegExpMatcher]].
pub fn regexp_data(vm: &Vm, o: ObjId) -> Option<&RegExpData> {
    match kind(vm, o) {
        ObjectKind::RegExp(d) => Some(d),
        _ => None,
    }
}

/// True if `v` is an object with [[RegExpMatcher]].
pub fn is_regexp_object(vm: &Vm, v: Value) -> bool {
    v.as_object().is_some_and(|o| regexp_data(vm, o).is_some())
}

/// IsRegExp(argument) (7.2.8).
pub fn is_regexp(vm: &mut Vm, v: Value) -> JsResult<bool> {
    let Some(o) = v.as_object() else {
        return Ok(false);
    };
    let sym = vm.symbols.match_;
    let matcher = vm.get_prop(o, PropertyKey::Symbol(sym))?;
    if !matcher.is_undefined() {
        return Ok(vm.to_boolean(matcher));
    }
    Ok(regexp_data(vm, o).is_some())
}

/// RegExpAlloc(newTarget) (22.2.3.2).
fn regexp_alloc(vm: &mut Vm, new_target: ObjId) -> JsResult<ObjId> {
    let proto = vm.get_prototype_from_constructor(new_target, |i| i.regexp_prototype)?;
    let realm = vm.current_realm;
    let legacy_features = new_target == current(vm).regexp;
    let o = new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::RegExp(Box::new(RegExpData {
            matcher: None,
            source: None,
            flags: None,
            flag_bits: RegExpFlags::default(),
            last_input: None,
            realm,
            legacy_features,
        })),
    );
    let desc = PropertyDescriptor {
        value: None,
        writable: Some(true),
        get: None,
        set: None,
        enumerable: Some(false),
        configurable: Some(false),
    };
    vm.define_property_or_throw(o, PropertyKey::Atom(atoms::LAST_INDEX), desc)?;
    Ok(o)
}

/// RegExpInitialize(obj, pattern, flags) (22.2.3.3). `obj` must be rooted.
fn regexp_initialize(vm: &mut Vm, obj: ObjId, pattern: Value, flags: Value) -> JsResult<ObjId> {
    let p = if pattern.is_undefined() {
        vm.new_string("")
    } else {
        vm.to_string(pattern)?
    };
    vm.push_root(Value::String(p));
    let f = if flags.is_undefined() {
        vm.new_string("")
    } else {
        vm.to_string(flags)?
    };
    vm.push_root(Value::String(f));
    let flag_units = vm.string_units(f);
    let Some(bits) = RegExpFlags::parse(&flag_units) else {
        return Err(JsError::syntax_error(format!(
            "Invalid regular expression flags '{}'",
            vm.string_to_rust(f)
        )));
    };
    let pattern_units = vm.string_units(p);
    let re = match compile(&pattern_units, bits) {
        Ok(re) => re,
        Err(msg) => {
            return Err(JsError::syntax_error(format!(
                "Invalid regular expression: /{}/{}: {}",
                vm.string_to_rust(p),
                vm.string_to_rust(f),
                msg
            )))
        }
    };
    if let ObjectKind::RegExp(d) = kind_mut(vm, obj) {
        d.matcher = Some(Rc::new(re));
        d.source = Some(p);
        d.flags = Some(f);
        d.flag_bits = bits;
    }
    vm.set_prop(
        obj,
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(0.0),
        true,
    )?;
    Ok(obj)
}

/// RegExpCreate(P, F) (22.2.3.1): a new RegExp of the current realm (for
/// String.prototype.match, matchAll and search).
pub fn regexp_create(vm: &mut Vm, pattern: Value, flags: Value) -> JsResult<ObjId> {
    let ctor = current(vm).regexp;
    let obj = regexp_alloc(vm, ctor)?;
    vm.push_root(Value::Object(obj));
    regexp_initialize(vm, obj, pattern, flags)
}

/// RegExp ( pattern, flags ) (22.2.4.1).
fn regexp_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let pattern = args.arg(0);
    let flags = args.arg(1);
    let pattern_is_regexp = is_regexp(vm, pattern)?;
    let new_target = match args.new_target {
        Some(nt) => nt,
        None => {
            let nt = args.callee;
            if pattern_is_regexp && flags.is_undefined() {
                if let Some(po) = pattern.as_object() {
                    let pc = vm.get_prop(po, PropertyKey::Atom(atoms::CONSTRUCTOR))?;
                    if vm.same_value(Value::Object(nt), pc) {
                        return Ok(pattern);
                    }
                }
            }
            nt
        }
    };
    let (p, f) = match pattern.as_object().and_then(|o| regexp_data(vm, o)) {
        Some(d) => {
            let p = d.source.map_or(Value::Undefined, Value::String);
            let f = if flags.is_undefined() {
                d.flags.map_or(Value::Undefined, Value::String)
            } else {
                flags
            };
            (p, f)
        }
        None => match pattern.as_object() {
            Some(po) if pattern_is_regexp => {
                let p = vm.get_prop(po, PropertyKey::Atom(atoms::SOURCE))?;
                vm.push_root(p);
                let f = if flags.is_undefined() {
                    vm.get_prop(po, PropertyKey::Atom(atoms::FLAGS))?
                } else {
                    flags
                };
                (p, f)
            }
            _ => (pattern, flags),
        },
    };
    vm.push_root(p);
    vm.push_root(f);
    let obj = regexp_alloc(vm, new_target)?;
    vm.push_root(Value::Object(obj));
    Ok(Value::Object(regexp_initialize(vm, obj, p, f)?))
}

/// AdvanceStringIndex(S, index, unicode) (22.2.7.3).
pub fn advance_string_index(units: &[u16], index: f64, unicode: bool) -> f64 {
    if !unicode || index + 1.0 >= units.len() as f64 {
        return index + 1.0;
    }
    let i = index as usize;
    let lead = units.get(i).copied().unwrap_or(0);
    let trail = units.get(i + 1).copied().unwrap_or(0);
    if (0xD800..0xDC00).contains(&lead) && (0xDC00..0xE000).contains(&trail) {
        index + 2.0
    } else {
        index + 1.0
    }
}

/// True if `f` is the built-in RegExp.prototype.exec of some realm (so
/// RegExpExec may call RegExpBuiltinExec directly with text it already
/// has, which is unobservable).
pub fn is_builtin_exec(vm: &Vm, f: Value) -> bool {
    match f.as_object().map(|o| kind(vm, o)) {
        Some(ObjectKind::Function(nf)) => nf.f as usize == regexp_exec as NativeFn as usize,
        _ => false,
    }
}

/// RegExpExec(R, S) (22.2.7.1). `r` and `s` must be rooted; `units` are
/// the code units of `s`.
pub fn regexp_exec_abstract(vm: &mut Vm, r: ObjId, s: StrId, units: &[u16]) -> JsResult<Value> {
    let exec = vm.get_prop(r, PropertyKey::Atom(atoms::EXEC))?;
    if vm.is_callable(exec) {
        if is_builtin_exec(vm, exec) && regexp_data(vm, r).is_some() {
            return regexp_builtin_exec(vm, r, s, units);
        }
        let result = vm.call(exec, Value::Object(r), &[Value::String(s)])?;
        if !result.is_object() && !result.is_null() {
            return Err(JsError::type_error(
                "RegExp exec method returned something other than an Object or null",
            ));
        }
        return Ok(result);
    }
    if regexp_data(vm, r).is_none() {
        return Err(JsError::type_error(
            "RegExp exec called on an incompatible receiver",
        ));
    }
    regexp_builtin_exec(vm, r, s, units)
}

/// RegExpBuiltinExec(R, S) (22.2.7.2). `r` and `s` must be rooted; `units`
/// are the code units of `s`.
pub fn regexp_builtin_exec(vm: &mut Vm, r: ObjId, s: StrId, units: &[u16]) -> JsResult<Value> {
    let length = units.len() as f64;
    let li = vm.get_prop(r, PropertyKey::Atom(atoms::LAST_INDEX))?;
    let mut last_index = vm.to_length(li)?;
    let (matcher, flags) = match regexp_data(vm, r) {
        Some(d) => (d.matcher.clone(), d.flag_bits),
        None => return Err(JsError::type_error("not a RegExp")),
    };
    let Some(matcher) = matcher else {
        return Err(JsError::type_error("RegExp is not initialized"));
    };
    let global_or_sticky = flags.global || flags.sticky;
    if !global_or_sticky {
        last_index = 0.0;
    }
    let fail = |vm: &mut Vm| -> JsResult<Value> {
        if global_or_sticky {
            vm.set_prop(
                r,
                PropertyKey::Atom(atoms::LAST_INDEX),
                Value::Number(0.0),
                true,
            )?;
        }
        Ok(Value::Null)
    };
    if last_index > length {
        return fail(vm);
    }
    let start = last_index as usize;
    let m = find_match(&matcher, units, start, flags.full_unicode());
    let m = match m {
        Some(m) if !flags.sticky || m.range.start == start => m,
        _ => return fail(vm),
    };
    if global_or_sticky {
        vm.set_prop(
            r,
            PropertyKey::Atom(atoms::LAST_INDEX),
            Value::Number(m.range.end as f64),
            true,
        )?;
    }
    Ok(Value::Object(build_match_result(
        vm,
        s,
        units,
        &m,
        flags.has_indices,
    )))
}

/// Steps 16-35 of RegExpBuiltinExec: the match array with `index`,
/// `input`, `groups` and (for the "d" flag) `indices`.
fn build_match_result(
    vm: &mut Vm,
    s: StrId,
    units: &[u16],
    m: &regress::Match,
    has_indices: bool,
) -> ObjId {
    // regress reports group names with every match of a pattern that has
    // any, so this is "R contains any GroupName".
    let has_groups = m.named_groups().len() > 0;
    let substring = |vm: &mut Vm, r: &std::ops::Range<usize>| -> Value {
        match units.get(r.clone()) {
            Some(piece) => Value::String(vm.new_string_utf16(piece)),
            None => Value::Undefined,
        }
    };
    let mut values = Vec::with_capacity(m.captures.len() + 1);
    values.push(substring(vm, &m.range));
    for c in &m.captures {
        values.push(match c {
            Some(r) => substring(vm, r),
            None => Value::Undefined,
        });
    }
    let a = vm.new_array(&values);
    vm.define_value(
        a,
        PropertyKey::Atom(atoms::INDEX),
        Value::Number(m.range.start as f64),
        Attrs::ALL,
    );
    vm.define_value(
        a,
        PropertyKey::Atom(atoms::INPUT),
        Value::String(s),
        Attrs::ALL,
    );
    let groups = if has_groups {
        let g = vm.new_object(None);
        for (name, range) in m.named_groups() {
            let v = match range {
                Some(r) => substring(vm, &r),
                None => Value::Undefined,
            };
            let key = vm.key(name);
            vm.define_value(g, key, v, Attrs::ALL);
        }
        Value::Object(g)
    } else {
        Value::Undefined
    };
    vm.define_value(a, PropertyKey::Atom(atoms::GROUPS), groups, Attrs::ALL);
    if has_indices {
        let pair = |vm: &mut Vm, r: &Option<std::ops::Range<usize>>| -> Value {
            match r {
                Some(r) => Value::Object(
                    vm.new_array(&[Value::Number(r.start as f64), Value::Number(r.end as f64)]),
                ),
                None => Value::Undefined,
            }
        };
        let mut pairs = Vec::with_capacity(values.len());
        pairs.push(pair(vm, &Some(m.range.clone())));
        for c in &m.captures {
            pairs.push(pair(vm, c));
        }
        let indices = vm.new_array(&pairs);
        let igroups = if has_groups {
            let g = vm.new_object(None);
            for (name, range) in m.named_groups() {
                let v = pair(vm, &range);
                let key = vm.key(name);
                vm.define_value(g, key, v, Attrs::ALL);
            }
            Value::Object(g)
        } else {
            Value::Undefined
        };
        vm.define_value(
            indices,
            PropertyKey::Atom(atoms::GROUPS),
            igroups,
            Attrs::ALL,
        );
        vm.define_value(
            a,
            PropertyKey::Atom(atoms::INDICES),
            Value::Object(indices),
            Attrs::ALL,
        );
    }
    a
}

// ---- RegExp.prototype methods ----

/// RequireInternalSlot(R, [[RegExpMatcher]]).
fn this_regexp(vm: &Vm, this: Value, method: &str) -> JsResult<ObjId> {
    match this.as_object() {
        Some(o) if regexp_data(vm, o).is_some() => Ok(o),
        _ => Err(JsError::type_error(format!(
            "RegExp.prototype.{method} requires that 'this' be a RegExp object"
        ))),
    }
}

/// RegExp.prototype.exec ( string ) (22.2.6.2).
fn regexp_exec(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let r = this_regexp(vm, args.this, "exec")?;
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let units = input_units(vm, r, s);
    regexp_builtin_exec(vm, r, s, &units)
}

/// RegExp.prototype.test ( S ) (22.2.6.16).
fn regexp_test(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(r) = args.this.as_object() else {
        return Err(JsError::type_error(
            "RegExp.prototype.test called on a non-object",
        ));
    };
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let units = match regexp_data(vm, r) {
        Some(_) => input_units(vm, r, s),
        None => vm.string_units(s).into(),
    };
    let m = regexp_exec_abstract(vm, r, s, &units)?;
    Ok(Value::Boolean(!m.is_null()))
}

/// RegExp.prototype.toString ( ) (22.2.6.17).
fn regexp_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(r) = args.this.as_object() else {
        return Err(JsError::type_error(
            "RegExp.prototype.toString called on a non-object",
        ));
    };
    let source = vm.get_prop(r, PropertyKey::Atom(atoms::SOURCE))?;
    let p = vm.to_string(source)?;
    vm.push_root(Value::String(p));
    let flags = vm.get_prop(r, PropertyKey::Atom(atoms::FLAGS))?;
    let f = vm.to_string(flags)?;
    let mut out = vec![b'/' as u16];
    out.extend(vm.string_units(p));
    out.push(b'/' as u16);
    out.extend(vm.string_units(f));
    Ok(Value::String(vm.new_string_utf16(&out)))
}

/// RegExp.prototype.compile ( pattern, flags ) (B.2.4.1).
fn regexp_compile(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_regexp(vm, args.this, "compile")?;
    let allowed =
        regexp_data(vm, o).is_some_and(|d| d.realm == vm.current_realm && d.legacy_features);
    if !allowed {
        return Err(JsError::type_error(
            "RegExp.prototype.compile is not allowed on this RegExp (subclass or other realm)",
        ));
    }
    let pattern = args.arg(0);
    let flags = args.arg(1);
    let (p, f) = match pattern.as_object().and_then(|po| regexp_data(vm, po)) {
        Some(d) => {
            if !flags.is_undefined() {
                return Err(JsError::type_error(
                    "RegExp.prototype.compile: flags must be undefined when the pattern is a RegExp",
                ));
            }
            (
                d.source.map_or(Value::Undefined, Value::String),
                d.flags.map_or(Value::Undefined, Value::String),
            )
        }
        None => (pattern, flags),
    };
    vm.push_root(p);
    vm.push_root(f);
    Ok(Value::Object(regexp_initialize(vm, o, p, f)?))
}

/// get RegExp.prototype.flags (22.2.6.4).
fn get_flags(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(r) = args.this.as_object() else {
        return Err(JsError::type_error(
            "RegExp.prototype.flags getter called on a non-object",
        ));
    };
    let mut out = String::new();
    for (name, c) in [
        ("hasIndices", 'd'),
        ("global", 'g'),
        ("ignoreCase", 'i'),
        ("multiline", 'm'),
        ("dotAll", 's'),
        ("unicode", 'u'),
        ("unicodeSets", 'v'),
        ("sticky", 'y'),
    ] {
        let key = vm.key(name);
        let v = vm.get_prop(r, key)?;
        if vm.to_boolean(v) {
            out.push(c);
        }
    }
    Ok(Value::String(vm.new_string(&out)))
}

/// RegExpHasFlag(R, codeUnit) (22.2.6.4.1) for the flag getters.
fn has_flag(
    vm: &mut Vm,
    this: Value,
    name: &str,
    pick: fn(RegExpFlags) -> bool,
) -> JsResult<Value> {
    let Some(r) = this.as_object() else {
        return Err(JsError::type_error(format!(
            "RegExp.prototype.{name} getter called on a non-object"
        )));
    };
    match regexp_data(vm, r) {
        Some(d) if d.flags.is_some() => Ok(Value::Boolean(pick(d.flag_bits))),
        _ => {
            if r == current(vm).regexp_prototype {
                Ok(Value::Undefined)
            } else {
                Err(JsError::type_error(format!(
                    "RegExp.prototype.{name} getter called on an object that is not a RegExp"
                )))
            }
        }
    }
}

fn get_has_indices(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "hasIndices", |f| f.has_indices)
}
fn get_global(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "global", |f| f.global)
}
fn get_ignore_case(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "ignoreCase", |f| f.ignore_case)
}
fn get_multiline(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "multiline", |f| f.multiline)
}
fn get_dot_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "dotAll", |f| f.dot_all)
}
fn get_unicode(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "unicode", |f| f.unicode)
}
fn get_unicode_sets(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "unicodeSets", |f| f.unicode_sets)
}
fn get_sticky(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    has_flag(vm, args.this, "sticky", |f| f.sticky)
}

/// get RegExp.prototype.source (22.2.6.13).
fn get_source(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(r) = args.this.as_object() else {
        return Err(JsError::type_error(
            "RegExp.prototype.source getter called on a non-object",
        ));
    };
    let src = match regexp_data(vm, r) {
        Some(d) if d.source.is_some() => d.source,
        _ => {
            if r == current(vm).regexp_prototype {
                return Ok(Value::String(vm.new_string("(?:)")));
            }
            return Err(JsError::type_error(
                "RegExp.prototype.source getter called on an object that is not a RegExp",
            ));
        }
    };
    let Some(src) = src else {
        return Ok(Value::Undefined);
    };
    let units = vm.string_units(src);
    let escaped = escape_regexp_pattern(&units);
    Ok(Value::String(vm.new_string_utf16(&escaped)))
}

/// EscapeRegExpPattern(P, F) (22.2.6.13.1): `/` outside classes and line
/// terminators are escaped; the empty pattern is "(?:)".
pub fn escape_regexp_pattern(p: &[u16]) -> Vec<u16> {
    if p.is_empty() {
        return "(?:)".encode_utf16().collect();
    }
    let mut out = Vec::with_capacity(p.len() + 2);
    let mut in_class = false;
    let mut i = 0;
    let push_terminator = |out: &mut Vec<u16>, u: u16| -> bool {
        let esc: &str = match u {
            0x0A => "n",
            0x0D => "r",
            0x2028 => "u2028",
            0x2029 => "u2029",
            _ => return false,
        };
        out.extend(esc.encode_utf16());
        true
    };
    while i < p.len() {
        let u = p[i];
        match u {
            0x5C => {
                out.push(u);
                if let Some(&n) = p.get(i + 1) {
                    if !push_terminator(&mut out, n) {
                        out.push(n);
                    }
                    i += 1;
                }
            }
            0x2F if !in_class => {
                out.push(0x5C);
                out.push(u);
            }
            0x5B => {
                in_class = true;
                out.push(u);
            }
            0x5D => {
                in_class = false;
                out.push(u);
            }
            0x0A | 0x0D | 0x2028 | 0x2029 => {
                out.push(0x5C);
                push_terminator(&mut out, u);
            }
            _ => out.push(u),
        }
        i += 1;
    }
    out
}

/// RegExp.escape ( S ) (22.2.5.1).
fn regexp_escape(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(s) = args.arg(0).as_string() else {
        return Err(JsError::type_error("RegExp.escape requires a string"));
    };
    let units = vm.string_units(s);
    let mut out: Vec<u16> = Vec::with_capacity(units.len() * 2);
    let hex = |out: &mut Vec<u16>, prefix: &str, v: u32, width: usize| {
        out.extend(prefix.encode_utf16());
        out.extend(format!("{v:0width$x}").encode_utf16());
    };
    for r in char::decode_utf16(units.iter().copied()) {
        let cp = match r {
            Ok(c) => c as u32,
            Err(e) => e.unpaired_surrogate() as u32,
        };
        if out.is_empty()
            && (matches!(cp, 0x30..=0x39) || matches!(cp, 0x41..=0x5A) || matches!(cp, 0x61..=0x7A))
        {
            hex(&mut out, "\\x", cp, 2);
            continue;
        }
        // EncodeForRegExpEscape(c).
        if "^$\\.*+?()[]{}|/".chars().any(|c| c as u32 == cp) {
            out.push(b'\\' as u16);
            out.push(cp as u16);
            continue;
        }
        let control = match cp {
            0x09 => Some('t'),
            0x0A => Some('n'),
            0x0B => Some('v'),
            0x0C => Some('f'),
            0x0D => Some('r'),
            _ => None,
        };
        if let Some(c) = control {
            out.push(b'\\' as u16);
            out.push(c as u16);
            continue;
        }
        let other_punct = ",-=<>#&!%:;@~'`\"".chars().any(|c| c as u32 == cp);
        if other_punct || is_whitespace_or_line_terminator(cp) || (0xD800..0xE000).contains(&cp) {
            if cp <= 0xFF {
                hex(&mut out, "\\x", cp, 2);
            } else {
                let mut buf = [0u16; 2];
                let encoded: &[u16] = match char::from_u32(cp) {
                    Some(c) => c.encode_utf16(&mut buf),
                    None => {
                        buf[0] = cp as u16;
                        &buf[..1]
                    }
                };
                for &u in encoded {
                    hex(&mut out, "\\u", u as u32, 4);
                }
            }
            continue;
        }
        match char::from_u32(cp) {
            Some(c) => {
                let mut buf = [0u16; 2];
                out.extend_from_slice(c.encode_utf16(&mut buf));
            }
            None => out.push(cp as u16),
        }
    }
    Ok(Value::String(vm.new_string_utf16(&out)))
}

/// WhiteSpace or LineTerminator (12.2, 12.3).
fn is_whitespace_or_line_terminator(cp: u32) -> bool {
    matches!(
        cp,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

#[cfg(test)]
mod vm_tests {
    use super::super::class_test_support::{call, new, num, prop, s, text, try_call, vm};
    use super::*;

    fn re(vm: &mut Vm, p: &str, f: &str) -> Value {
        let ctor = current(vm).regexp;
        let p = s(vm, p);
        let f = s(vm, f);
        new(vm, ctor, &[p, f])
    }

    #[test]
    fn exec_result_shape() {
        let mut vm = vm();
        let r = re(&mut vm, "(?<y>\\d{4})-(\\d\\d)|(x)", "d");
        let input = s(&mut vm, "on 2024-05!");
        let m = call(&mut vm, r, "exec", &[input]);
        assert_eq!(num(prop(&mut vm, m, "index")), 3.0);
        let zero = prop(&mut vm, m, "0");
        assert_eq!(text(&vm, zero), "2024-05");
        assert!(prop(&mut vm, m, "3").is_undefined());
        let groups = prop(&mut vm, m, "groups");
        let y = prop(&mut vm, groups, "y");
        assert_eq!(text(&vm, y), "2024");
        let indices = prop(&mut vm, m, "indices");
        let i0 = prop(&mut vm, indices, "0");
        assert_eq!(num(prop(&mut vm, i0, "1")), 10.0);
        let ig = prop(&mut vm, indices, "groups");
        let iy = prop(&mut vm, ig, "y");
        assert_eq!(num(prop(&mut vm, iy, "0")), 3.0);
    }

    #[test]
    fn global_and_sticky_last_index() {
        let mut vm = vm();
        let r = re(&mut vm, "a", "g");
        let input = s(&mut vm, "baa");
        call(&mut vm, r, "exec", &[input]);
        assert_eq!(num(prop(&mut vm, r, "lastIndex")), 2.0);
        call(&mut vm, r, "exec", &[input]);
        assert_eq!(num(prop(&mut vm, r, "lastIndex")), 3.0);
        assert!(call(&mut vm, r, "exec", &[input]).is_null());
        assert_eq!(num(prop(&mut vm, r, "lastIndex")), 0.0);
        let y = re(&mut vm, "a", "y");
        assert!(call(&mut vm, y, "exec", &[input]).is_null());
        let key = vm.key("lastIndex");
        let yo = y.as_object().unwrap();
        vm.set_prop(yo, key, Value::Number(1.0), true).unwrap();
        assert!(!call(&mut vm, y, "exec", &[input]).is_null());
    }

    #[test]
    fn code_unit_and_code_point_matching() {
        let mut vm = vm();
        let input = s(&mut vm, "\u{1F600}");
        let r = re(&mut vm, "^.$", "");
        assert!(call(&mut vm, r, "exec", &[input]).is_null());
        let r = re(&mut vm, "^.$", "u");
        assert!(!call(&mut vm, r, "exec", &[input]).is_null());
        // A lone surrogate is matched as itself.
        let lone = Value::String(vm.new_string_utf16(&[0x41, 0xD83D, 0x41]));
        let r = re(&mut vm, "\\uD83D", "");
        let m = call(&mut vm, r, "exec", &[lone]);
        assert_eq!(num(prop(&mut vm, m, "index")), 1.0);
    }

    #[test]
    fn syntax_errors() {
        let mut vm = vm();
        let ctor = current(&vm).regexp;
        for (p, f) in [("(", ""), ("a", "gg"), ("a", "uv"), ("a", "z")] {
            let p = s(&mut vm, p);
            let f = s(&mut vm, f);
            let e = vm.construct(Value::Object(ctor), &[p, f], None);
            assert!(matches!(
                e,
                Err(JsError::Native(n)) if n.kind == crate::error::ErrorKind::SyntaxError
            ));
        }
    }

    #[test]
    fn to_string_flags_and_source() {
        let mut vm = vm();
        let r = re(&mut vm, "a/b", "ygimsd");
        let t = call(&mut vm, r, "toString", &[]);
        assert_eq!(text(&vm, t), "/a\\/b/dgimsy");
        let ctor = current(&vm).regexp;
        let empty = new(&mut vm, ctor, &[]);
        let src = prop(&mut vm, empty, "source");
        assert_eq!(text(&vm, src), "(?:)");
        let proto = Value::Object(current(&vm).regexp_prototype);
        assert!(prop(&mut vm, proto, "global").is_undefined());
        let plain = Value::Object(vm.new_plain_object());
        let getter = vm.key("global");
        let desc = vm
            .get_own_property(current(&vm).regexp_prototype, getter)
            .unwrap()
            .unwrap();
        let g = Value::Object(desc.get.flatten().unwrap());
        assert!(vm.call(g, plain, &[]).is_err());
    }

    #[test]
    fn symbol_methods() {
        let mut vm = vm();
        let input = s(&mut vm, "a1b22c333");
        let r = re(&mut vm, "\\d+", "g");
        let sym = vm.symbols.replace;
        let tmpl = s(&mut vm, "<$&>");
        let out = vm
            .invoke(r, PropertyKey::Symbol(sym), &[input, tmpl])
            .unwrap();
        assert_eq!(text(&vm, out), "a<1>b<22>c<333>");
        let r2 = re(&mut vm, "(?<n>\\d)(\\d)?", "g");
        let tmpl = s(&mut vm, "[$<n>|$2|$10|$$]");
        let out = vm
            .invoke(r2, PropertyKey::Symbol(sym), &[input, tmpl])
            .unwrap();
        assert_eq!(text(&vm, out), "a[1||10|$]b[2|2|20|$]c[3|3|30|$][3||30|$]");
        let split = vm.symbols.split;
        let sep = re(&mut vm, "(\\d)", "");
        let parts = vm
            .invoke(sep, PropertyKey::Symbol(split), &[input])
            .unwrap();
        let joined = call(&mut vm, parts, "join", &[]);
        assert_eq!(text(&vm, joined), "a,1,b,2,,2,c,3,,3,,3,");
        let search = vm.symbols.search;
        let b = re(&mut vm, "b", "");
        let pos = vm.invoke(b, PropertyKey::Symbol(search), &[input]).unwrap();
        assert_eq!(num(pos), 2.0);
        let match_ = vm.symbols.match_;
        let all = vm.invoke(r, PropertyKey::Symbol(match_), &[input]).unwrap();
        let joined = call(&mut vm, all, "join", &[]);
        assert_eq!(text(&vm, joined), "1,22,333");
        let empty = re(&mut vm, "", "g");
        let all = vm
            .invoke(empty, PropertyKey::Symbol(match_), &[input])
            .unwrap();
        assert_eq!(num(prop(&mut vm, all, "length")), 10.0);
    }

    #[test]
    fn escape() {
        let mut vm = vm();
        let ctor = Value::Object(current(&vm).regexp);
        let input = s(&mut vm, "1a.b-c d\n");
        let out = call(&mut vm, ctor, "escape", &[input]);
        assert_eq!(text(&vm, out), "\\x31a\\.b\\x2dc\\x20d\\n");
        assert!(try_call(&mut vm, ctor, "escape", &[Value::Number(1.0)]).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn flags_parse() {
        assert!(RegExpFlags::parse(&u("dgimsuy")).is_some());
        assert!(RegExpFlags::parse(&u("gg")).is_none());
        assert!(RegExpFlags::parse(&u("uv")).is_none());
        assert!(RegExpFlags::parse(&u("x")).is_none());
        assert!(RegExpFlags::parse(&u("v")).is_some_and(|f| f.full_unicode()));
    }

    #[test]
    fn duplicate_name_backreferences() {
        let r = |p: &str| {
            rewrite_duplicate_backreferences(&u(p), false).map(|v| String::from_utf16_lossy(&v))
        };
        assert_eq!(r("(?<a>x)\\k<a>"), None);
        assert_eq!(
            r("(?:(?<x>a)|(?<x>b))\\k<x>"),
            Some("(?:(?<x>a)|(?<x>b))(?:\\1\\2)".to_string())
        );
        assert_eq!(
            r("([)](?<x>a)|(b)(?<x>c)\\k<x>+"),
            Some("([)](?<x>a)|(b)(?<x>c)(?:\\2\\4)+".to_string())
        );
    }

    #[test]
    fn escape_pattern() {
        assert_eq!(escape_regexp_pattern(&u("")), u("(?:)"));
        assert_eq!(escape_regexp_pattern(&u("a/b")), u("a\\/b"));
        assert_eq!(escape_regexp_pattern(&u("[/]")), u("[/]"));
        assert_eq!(escape_regexp_pattern(&u("\\/")), u("\\/"));
        assert_eq!(escape_regexp_pattern(&u("a\nb")), u("a\\nb"));
    }

    #[test]
    fn matching_code_units_and_points() {
        let re = compile(&u("^.$"), RegExpFlags::default()).ok();
        let text = u("😀");
        // Code-unit matching sees two characters.
        assert!(re
            .as_ref()
            .is_some_and(|re| find_match(re, &text, 0, false).is_none()));
        let flags = RegExpFlags::parse(&u("u")).unwrap_or_default();
        let re = compile(&u("^.$"), flags).ok();
        assert!(re.is_some_and(|re| find_match(&re, &text, 0, true).is_some()));
    }
}
