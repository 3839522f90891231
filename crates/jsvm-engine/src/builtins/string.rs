//! The String constructor, its static methods and String.prototype's setup
//! (ECMAScript 22.1), plus the code-unit level helpers the string methods
//! share (receivers, code point decoding). Searching, comparing and
//! trimming work on borrowed `StrView`s (crate::string), never on copies.
//! The methods themselves live in `string_methods` (indexing, searching,
//! padding, case, normalization, Annex B) and `string_regexp` (the methods
//! that dispatch through @@match/@@replace/@@search/@@split, and
//! GetSubstitution).
//!
//! Invariant: strings are handled as UTF-16 code units; lone surrogates are
//! preserved everywhere except where the spec says otherwise (toWellFormed,
//! the U+FFFD of code point decoding).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, StrId, Value};
use crate::vm::Vm;

use super::string_methods as m;
use super::string_regexp as r;
use super::support::{intrinsics, intrinsics_mut, kind, link_constructor, new_object_with_kind};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).string_prototype;
        let name = vm.key("String");
        let ctor = vm.new_native_function(name, 1, string_ctor, true);
        intrinsics_mut(vm, realm).string = ctor;
        link_constructor(vm, ctor, proto);
        let statics: &[(&str, u32, NativeFn)] = &[
            ("fromCharCode", 1, from_char_code),
            ("fromCodePoint", 1, from_code_point),
            ("raw", 1, raw),
        ];
        for &(n, len, f) in statics {
            vm.define_method(ctor, n, len, f);
        }
        let methods: &[(&str, u32, NativeFn)] = &[
            ("at", 1, m::at),
            ("charAt", 1, m::char_at),
            ("charCodeAt", 1, m::char_code_at),
            ("codePointAt", 1, m::code_point_at_method),
            ("concat", 1, m::concat),
            ("endsWith", 1, m::ends_with),
            ("includes", 1, m::includes),
            ("indexOf", 1, m::index_of),
            ("isWellFormed", 0, m::is_well_formed),
            ("lastIndexOf", 1, m::last_index_of),
            ("localeCompare", 1, m::locale_compare),
            ("match", 1, r::match_),
            ("matchAll", 1, r::match_all),
            ("normalize", 0, m::normalize),
            ("padEnd", 1, m::pad_end),
            ("padStart", 1, m::pad_start),
            ("repeat", 1, m::repeat),
            ("replace", 2, r::replace),
            ("replaceAll", 2, r::replace_all),
            ("search", 1, r::search),
            ("slice", 2, m::slice),
            ("split", 2, r::split),
            ("startsWith", 1, m::starts_with),
            ("substring", 2, m::substring),
            ("substr", 2, m::substr),
            ("toLocaleLowerCase", 0, m::to_lower_case),
            ("toLocaleUpperCase", 0, m::to_upper_case),
            ("toLowerCase", 0, m::to_lower_case),
            ("toString", 0, to_string),
            ("toUpperCase", 0, m::to_upper_case),
            ("toWellFormed", 0, m::to_well_formed),
            ("trim", 0, m::trim),
            ("valueOf", 0, value_of),
            // Annex B.2.2.2 - B.2.2.14: HTML methods.
            ("anchor", 1, m::anchor),
            ("big", 0, m::big),
            ("blink", 0, m::blink),
            ("bold", 0, m::bold),
            ("fixed", 0, m::fixed),
            ("fontcolor", 1, m::fontcolor),
            ("fontsize", 1, m::fontsize),
            ("italics", 0, m::italics),
            ("link", 1, m::link),
            ("small", 0, m::small),
            ("strike", 0, m::strike),
            ("sub", 0, m::sub),
            ("sup", 0, m::sup),
        ];
        for &(n, len, f) in methods {
            vm.define_method(proto, n, len, f);
        }
        // trimLeft/trimRight are the same function objects (B.2.2.15-16).
        let trim_start = vm.define_method(proto, "trimStart", 0, m::trim_start);
        let trim_end = vm.define_method(proto, "trimEnd", 0, m::trim_end);
        super::support::define_named(
            vm,
            proto,
            "trimLeft",
            Value::Object(trim_start),
            Attrs::METHOD,
        );
        super::support::define_named(
            vm,
            proto,
            "trimRight",
            Value::Object(trim_end),
            Attrs::METHOD,
        );
        let iter = vm.symbols.iterator;
        vm.define_method_sym(proto, iter, 0, string_iterator);
    });
}

// ---- Receivers ----

/// thisStringValue(value) (22.1.3.35.1).
pub fn this_string_value(vm: &Vm, v: Value, method: &str) -> JsResult<StrId> {
    match v {
        Value::String(s) => Ok(s),
        Value::Object(o) => match kind(vm, o) {
            ObjectKind::String(s) => Ok(*s),
            _ => Err(not_a_string(method)),
        },
        _ => Err(not_a_string(method)),
    }
}

fn not_a_string(method: &str) -> JsError {
    JsError::type_error(format!(
        "String.prototype.{method} requires that 'this' be a String"
    ))
}

/// RequireObjectCoercible(this) then ToString: the receiver of almost every
/// String.prototype method, rooted.
#[inline]
pub fn this_str(vm: &mut Vm, args: &CallArgs, method: &str) -> JsResult<StrId> {
    // The receiver is rooted by the caller for the whole call.
    if let Value::String(s) = args.this {
        return Ok(s);
    }
    let this = require_object_coercible(args.this, method)?;
    let s = vm.to_string(this)?;
    vm.push_root(Value::String(s));
    Ok(s)
}

/// RequireObjectCoercible(this).
pub fn require_object_coercible(v: Value, method: &str) -> JsResult<Value> {
    if v.is_nullish() {
        let what = if v.is_null() { "null" } else { "undefined" };
        return Err(JsError::type_error(format!(
            "String.prototype.{method} called on {what}"
        )));
    }
    Ok(v)
}

/// ToString(v) as code units (the string is not kept).
pub fn to_units(vm: &mut Vm, v: Value) -> JsResult<Vec<u16>> {
    let s = vm.to_string(v)?;
    Ok(vm.string_units(s))
}

/// A new string value from code units.
pub fn str_value(vm: &mut Vm, units: &[u16]) -> Value {
    Value::String(vm.new_string_utf16(units))
}

// ---- Code unit helpers ----

pub fn is_lead(u: u16) -> bool {
    (0xD800..0xDC00).contains(&u)
}

pub fn is_trail(u: u16) -> bool {
    (0xDC00..0xE000).contains(&u)
}

/// CodePointAt(string, position) (11.1.4): (code point, code unit count,
/// is unpaired surrogate).
pub fn code_point_at(s: &[u16], pos: usize) -> (u32, usize, bool) {
    let first = s[pos];
    if !is_lead(first) && !is_trail(first) {
        return (first as u32, 1, false);
    }
    if is_trail(first) || pos + 1 == s.len() {
        return (first as u32, 1, true);
    }
    let second = s[pos + 1];
    if !is_trail(second) {
        return (first as u32, 1, true);
    }
    let cp = ((first as u32 - 0xD800) << 10) + (second as u32 - 0xDC00) + 0x10000;
    (cp, 2, false)
}

/// UTF16EncodeCodePoint.
pub fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp < 0x10000 {
        out.push(cp as u16);
    } else {
        let c = cp - 0x10000;
        out.push(0xD800 + (c >> 10) as u16);
        out.push(0xDC00 + (c & 0x3FF) as u16);
    }
}

// ---- The constructor and statics ----

/// String(value) (22.1.1.1).
fn string_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = if args.args.is_empty() {
        vm.new_string("")
    } else {
        let v = args.arg(0);
        match (args.new_target, v) {
            (None, Value::Symbol(sym)) => {
                let text = symbol_descriptive_string(vm, sym);
                return Ok(str_value(vm, &text));
            }
            _ => vm.to_string(v)?,
        }
    };
    let Some(nt) = args.new_target else {
        return Ok(Value::String(s));
    };
    vm.push_root(Value::String(s));
    let proto = vm.get_prototype_from_constructor(nt, |i| i.string_prototype)?;
    Ok(Value::Object(string_create(vm, s, proto)))
}

/// StringCreate(value, prototype) (10.4.3.4).
pub fn string_create(vm: &mut Vm, s: StrId, proto: ObjId) -> ObjId {
    new_object_with_kind(vm, Some(proto), ObjectKind::String(s))
}

/// SymbolDescriptiveString(sym) (20.4.3.3.1).
pub fn symbol_descriptive_string(vm: &Vm, sym: crate::value::SymId) -> Vec<u16> {
    let mut out: Vec<u16> = "Symbol(".encode_utf16().collect();
    if let Some(d) = vm.heap.symbol(sym).description {
        out.extend(vm.string_units(d));
    }
    out.push(b')' as u16);
    out
}

/// String.fromCharCode(...codeUnits) (22.1.2.1).
fn from_char_code(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut out = Vec::with_capacity(args.args.len());
    for &a in args.args {
        let n = vm.to_number(a)?;
        out.push(crate::num::to_uint16(n));
    }
    Ok(str_value(vm, &out))
}

/// String.fromCodePoint(...codePoints) (22.1.2.2).
fn from_code_point(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut out = Vec::with_capacity(args.args.len());
    for &a in args.args {
        let n = vm.to_number(a)?;
        if !crate::num::is_integral_number(n) || !(0.0..=1114111.0).contains(&n) {
            return Err(JsError::range_error(format!(
                "Invalid code point {}",
                crate::num::number_to_string(n)
            )));
        }
        push_code_point(&mut out, n as u32);
    }
    Ok(str_value(vm, &out))
}

/// String.raw(template, ...substitutions) (22.1.2.4).
fn raw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let subs = args.rest(1);
    let cooked = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(cooked));
    let raw_v = vm.get_prop(cooked, PropertyKey::Atom(atoms::RAW))?;
    let literals = vm.to_object(raw_v)?;
    vm.push_root(Value::Object(literals));
    let count = vm.length_of_array_like(literals)? as u64;
    let mut out = crate::string::StrBuilder::new();
    if count == 0 {
        return Ok(Value::String(vm.empty_string()));
    }
    let mut i = 0u64;
    loop {
        let lit = super::array::get_index(vm, literals, i)?;
        let lit = vm.to_string(lit)?;
        out.push_view(vm.heap.str(lit));
        if i + 1 == count {
            return Ok(Value::String(vm.new_string_built(out)));
        }
        if let Some(&sub) = subs.get(i as usize) {
            let sub = vm.to_string(sub)?;
            out.push_view(vm.heap.str(sub));
        }
        if out.len() > super::array_methods::MAX_STRING_LENGTH {
            return Err(JsError::range_error("Invalid string length"));
        }
        i += 1;
    }
}

/// String.prototype.toString (22.1.3.31).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::String(this_string_value(vm, args.this, "toString")?))
}

/// String.prototype.valueOf (22.1.3.35).
fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::String(this_string_value(vm, args.this, "valueOf")?))
}

/// String.prototype[@@iterator] (22.1.3.36).
fn string_iterator(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_str(vm, args, "[Symbol.iterator]")?;
    Ok(Value::Object(super::iterator::create_string_iterator(
        vm, s,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points() {
        let s = [0xD83D, 0xDE00, 0xD800, 0x41];
        assert_eq!(code_point_at(&s, 0), (0x1F600, 2, false));
        assert_eq!(code_point_at(&s, 1), (0xDE00, 1, true));
        assert_eq!(code_point_at(&s, 2), (0xD800, 1, true));
    }
}

#[cfg(test)]
mod vm_tests {
    use super::super::support::testing::*;
    use crate::value::Value;

    fn str_call(vm: &mut crate::vm::Vm, method: &str, this: &str, args: &[Value]) -> String {
        let t = s(vm, this);
        let r = call(vm, &format!("String.prototype.{method}"), t, args);
        err_text(vm, r).trim_start_matches("ok: ").to_string()
    }

    #[test]
    fn basics() {
        let mut vm = vm();
        assert_eq!(str_call(&mut vm, "at", "abc", &[n(-1.0)]), "c");
        assert_eq!(str_call(&mut vm, "charCodeAt", "abc", &[n(1.0)]), "98");
        assert_eq!(str_call(&mut vm, "codePointAt", "😀", &[n(0.0)]), "128512");
        let x = s(&mut vm, "b");
        assert_eq!(str_call(&mut vm, "indexOf", "abcb", &[x, n(2.0)]), "3");
        assert_eq!(str_call(&mut vm, "lastIndexOf", "abcb", &[x]), "3");
        assert_eq!(
            str_call(&mut vm, "slice", "abcdef", &[n(1.0), n(-1.0)]),
            "bcde"
        );
        assert_eq!(
            str_call(&mut vm, "substring", "abcdef", &[n(4.0), n(1.0)]),
            "bcd"
        );
        assert_eq!(
            str_call(&mut vm, "substr", "abcdef", &[n(-3.0), n(2.0)]),
            "de"
        );
        let zero = s(&mut vm, "0");
        assert_eq!(str_call(&mut vm, "padStart", "5", &[n(3.0), zero]), "005");
        let xyz = s(&mut vm, "xyz");
        assert_eq!(str_call(&mut vm, "padEnd", "ab", &[n(7.0), xyz]), "abxyzxy");
        assert_eq!(str_call(&mut vm, "repeat", "ab", &[n(3.0)]), "ababab");
        assert!(str_call(&mut vm, "repeat", "ab", &[n(-1.0)]).starts_with("RangeError"));
        assert_eq!(str_call(&mut vm, "trim", "\u{FEFF} a \n", &[]), "a");
        assert_eq!(str_call(&mut vm, "toUpperCase", "straße", &[]), "STRASSE");
        assert_eq!(
            str_call(&mut vm, "toLowerCase", "ὈΔΥΣΣΕΎΣ", &[]),
            "ὀδυσσεύς"
        );
        assert_eq!(str_call(&mut vm, "normalize", "o\u{308}", &[]), "ö");
        let q = s(&mut vm, "a\"b");
        assert_eq!(
            str_call(&mut vm, "anchor", "x", &[q]),
            "<a name=\"a&quot;b\">x</a>"
        );
        let sep = s(&mut vm, ",");
        let r = str_call(&mut vm, "split", "a,b,,c", &[sep]);
        assert_eq!(r, "a,b,,c");
        let sep = s(&mut vm, "");
        let t = s(&mut vm, "abc");
        let parts = call(&mut vm, "String.prototype.split", t, &[sep, n(2.0)]).unwrap();
        assert_eq!(joined(&mut vm, parts), "a,b");
        let re = s(&mut vm, "b");
        let with = s(&mut vm, "[$&$`$']");
        assert_eq!(str_call(&mut vm, "replace", "abc", &[re, with]), "a[bac]c");
        let re = s(&mut vm, "a");
        let with = s(&mut vm, "$$");
        assert_eq!(str_call(&mut vm, "replaceAll", "aXa", &[re, with]), "$X$");
        let r = call(
            &mut vm,
            "String.fromCodePoint",
            Value::Undefined,
            &[n(0x1F600 as f64), n(65.0)],
        )
        .unwrap();
        assert_eq!(text(&mut vm, r), "😀A");
        let r = call(
            &mut vm,
            "String.fromCodePoint",
            Value::Undefined,
            &[n(-1.0)],
        );
        assert!(err_text(&mut vm, r).starts_with("RangeError"));
    }

    #[test]
    fn string_object() {
        let mut vm = vm();
        let ctor = path(&mut vm, "String");
        let x = s(&mut vm, "hey");
        let o = vm.construct(ctor, &[x], None).unwrap();
        let len = vm.length_of_array_like(obj(o)).unwrap();
        assert_eq!(len, 3.0);
        let r = call(&mut vm, "String.prototype.valueOf", o, &[]).unwrap();
        assert_eq!(text(&mut vm, r), "hey");
        let sym = Value::Symbol(vm.new_symbol(None));
        let r = call(&mut vm, "String", Value::Undefined, &[sym]).unwrap();
        assert_eq!(text(&mut vm, r), "Symbol()");
    }
}

#[cfg(test)]
pub(crate) mod stress_tests {
    use crate::vm::{Vm, VmOptions};

    /// Evaluates `src` with a collection at every safepoint (a handle the
    /// string methods forgot to root would be used after being freed) and
    /// returns the string it evaluates to.
    pub(crate) fn run(src: &str) -> String {
        let mut vm = Vm::new_with_interp(
            VmOptions {
                gc_stress: true,
                ..VmOptions::default()
            },
            crate::interp::InterpState::new(),
        );
        let v = vm.eval_script(src, "t.js").expect("runs");
        let s = vm.to_string(v).expect("string");
        vm.string_to_rust(s)
    }

    #[test]
    fn conversions_that_run_js_keep_strings_alive() {
        let prelude = "
            function churn() { let a = []; for (let i = 0; i < 50; i++) a.push({ i }); return a.length; }
            const pos = (n) => ({ valueOf() { churn(); return n; } });
            const str = (s) => ({ toString() { churn(); return s; } });
            const big = 'ab'.repeat(40) + 'needle' + 'cd'.repeat(40);
        ";
        let cases = [
            ("[big.indexOf(str('needle' + ''), pos(3)), big.indexOf('zz')]", "80,-1"),
            ("[big.lastIndexOf(str('ab'), pos(100)), big.lastIndexOf('ab', NaN)]", "78,78"),
            ("[big.includes(str('needle'), pos(81)), big.includes('needle', pos(80))]", "false,true"),
            ("[big.startsWith(str('needle'), pos(80)), big.endsWith(str('needle'), pos(86))]", "true,true"),
            ("'5'.padStart(pos(4), str('xy')) + '|' + 'a'.padEnd(pos(3))", "xyx5|a  "),
            ("str('ab' + 'c'.repeat(70)).toString().repeat(pos(2)).length", "144"),
            ("'x'.concat(str('y'), str(1), 'z')", "xy1z"),
            ("big.slice(pos(78), pos(86))", "abneedle"),
            ("'\\u00e9t\\u00e9'.localeCompare(str('ete'), undefined, { get sensitivity() { churn(); return 'base'; } })", "0"),
            ("'x'.anchor(str('a\"b'))", "<a name=\"a&quot;b\">x</a>"),
            ("'A-B-C'.toLowerCase().split(str('-'), pos(2)).join()", "a,b"),
            ("'a.b.c'.replaceAll(str('.'), (m, p) => { churn(); return '' + p; })", "a1b3c"),
            ("'\\u0100bc'.replace(str('b'), str('$&$&'))", "\u{100}bbc"),
            ("[1, 'two', null, 3].join(str('; '))", "1; two; ; 3"),
        ];
        for (expr, want) in cases {
            assert_eq!(run(&format!("{prelude} String({expr})")), want, "{expr}");
        }
    }

    #[test]
    fn utf16_receivers_and_lone_surrogates() {
        let cases = [
            ("'\\ud800a\\ud800'.indexOf('\\ud800', 1)", "2"),
            ("'\\ud800a\\ud800'.lastIndexOf('\\ud800a')", "0"),
            ("'a\\u0100b'.indexOf('b')", "2"),
            ("'ab'.indexOf('\\u0100')", "-1"),
            ("'ab'.indexOf('', 5)", "2"),
            ("'ab'.lastIndexOf('', 1)", "1"),
            ("'\\u2028 x\\u3000'.trim().length", "1"),
            (
                "'\\ud800'.isWellFormed() + ',' + 'abc'.isWellFormed()",
                "false,true",
            ),
            ("'a\\ud800'.toWellFormed().charCodeAt(1)", "65533"),
            ("'\\u00ff\\u00df'.toUpperCase()", "\u{178}SS"),
            ("'\\u00c9A'.toLowerCase()", "\u{e9}a"),
            ("'\\u0100'.repeat(3).length", "3"),
            ("'abc'.padStart(6, '\\u0100').charCodeAt(0)", "256"),
        ];
        for (expr, want) in cases {
            assert_eq!(run(&format!("String({expr})")), want, "{expr}");
        }
    }
}
