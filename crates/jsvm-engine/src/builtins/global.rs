//! The global object's own properties (ECMAScript 19): the value
//! properties, the function properties (isNaN, isFinite, the URI functions,
//! Annex B escape/unescape, indirect eval), and the constructor and
//! namespace bindings taken from the realm's intrinsics
//! (SetDefaultGlobalBindings). `parseInt`/`parseFloat` are installed by
//! `builtins::number`.
//!
//! Indirect eval calls the interpreter's
//! `interp::perform_eval(vm, x, strict_caller: false, direct: false)`.
//!
//! Invariant: this module's `init` runs last, after every constructor has
//! replaced its placeholder in `Intrinsics`.

use crate::error::{ErrorKind, JsError, JsResult};
use crate::function::CallArgs;
use crate::property::Attrs;
use crate::string::{CodeUnit, StrBuilder, StrView};
use crate::value::{ObjId, RealmId, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm, realm: RealmId) {
    let g = vm.realm(realm).global_object;
    let k = vm.key("globalThis");
    vm.define_value(g, k, Value::Object(g), Attrs::METHOD);
    for (name, v) in [
        ("Infinity", Value::Number(f64::INFINITY)),
        ("NaN", Value::Number(f64::NAN)),
        ("undefined", Value::Undefined),
    ] {
        let k = vm.key(name);
        vm.define_value(g, k, v, Attrs::NONE);
    }
    let eval = vm.define_method(g, "eval", 1, eval);
    vm.realm_mut(realm).intrinsics.eval = eval;
    let fns: &[(&str, u32, crate::function::NativeFn)] = &[
        ("isFinite", 1, is_finite),
        ("isNaN", 1, is_nan),
        ("decodeURI", 1, decode_uri),
        ("decodeURIComponent", 1, decode_uri_component),
        ("encodeURI", 1, encode_uri),
        ("encodeURIComponent", 1, encode_uri_component),
        ("escape", 1, escape),
        ("unescape", 1, unescape),
    ];
    for &(name, len, f) in fns {
        vm.define_method(g, name, len, f);
    }
    let i = vm.realm(realm).intrinsics.clone();
    let mut bindings: Vec<(&str, ObjId)> = vec![
        ("Object", i.object),
        ("Function", i.function),
        ("Array", i.array),
        ("Iterator", i.iterator),
        ("String", i.string),
        ("Number", i.number),
        ("Boolean", i.boolean),
        ("Symbol", i.symbol),
        ("RegExp", i.regexp),
        ("Date", i.date),
        ("Map", i.map),
        ("Set", i.set),
        ("WeakMap", i.weak_map),
        ("WeakSet", i.weak_set),
        ("WeakRef", i.weak_ref),
        ("FinalizationRegistry", i.finalization_registry),
        ("Proxy", i.proxy),
        ("Reflect", i.reflect),
        ("Math", i.math),
        ("JSON", i.json),
    ];
    let names = [
        ErrorKind::Error,
        ErrorKind::TypeError,
        ErrorKind::RangeError,
        ErrorKind::ReferenceError,
        ErrorKind::SyntaxError,
        ErrorKind::EvalError,
        ErrorKind::UriError,
        ErrorKind::AggregateError,
    ];
    for (n, c) in names.iter().zip(i.errors.iter()) {
        bindings.push((n.name(), *c));
    }
    for (name, o) in bindings {
        let k = vm.key(name);
        vm.define_value(g, k, Value::Object(o), Attrs::METHOD);
    }
}

/// eval(x) called indirectly (19.2.1): PerformEval is the interpreter's.
fn eval(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    crate::interp::perform_eval(vm, args.arg(0), false, false)
}

fn is_finite(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_number(args.arg(0))?;
    Ok(Value::Boolean(n.is_finite()))
}

fn is_nan(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_number(args.arg(0))?;
    Ok(Value::Boolean(n.is_nan()))
}

const URI_RESERVED: &str = ";/?:@&=+$,";
const URI_MARK: &str = "-_.!~*'()";

fn uri_error(msg: &str) -> JsError {
    JsError::new(ErrorKind::UriError, msg)
}

fn is_always_unescaped(u: u16) -> bool {
    u < 128 && ((u as u8).is_ascii_alphanumeric() || URI_MARK.as_bytes().contains(&(u as u8)))
}

/// Runs `f` on the code units of ToString(v) in their own representation
/// and makes the string it builds.
fn map_string(
    vm: &mut Vm,
    v: Value,
    f: impl Fn(&[u8]) -> JsResult<StrBuilder>,
    g: impl Fn(&[u16]) -> JsResult<StrBuilder>,
) -> JsResult<Value> {
    let s = vm.to_string(v)?;
    let out = match vm.heap.str(s) {
        StrView::Latin1(b) => f(b)?,
        StrView::Utf16(u) => g(u)?,
    };
    Ok(Value::String(vm.new_string_built(out)))
}

/// Appends `%XY` for byte `b`.
fn push_percent(out: &mut StrBuilder, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push_unit(b'%' as u16);
    out.push_unit(HEX[(b >> 4) as usize] as u16);
    out.push_unit(HEX[(b & 0xF) as usize] as u16);
}

/// Encode (19.2.6.5) of code units.
fn encode_units<T: CodeUnit>(units: &[T], extra: &str) -> JsResult<StrBuilder> {
    let mut out = StrBuilder::with_capacity(units.len());
    let mut k = 0;
    while k < units.len() {
        let c: u16 = units[k].into();
        if is_always_unescaped(c) || (c < 128 && extra.as_bytes().contains(&(c as u8))) {
            out.push_unit(c);
            k += 1;
            continue;
        }
        let cp = match char::decode_utf16(units[k..].iter().map(|&u| u.into())).next() {
            Some(Ok(ch)) => ch,
            _ => return Err(uri_error("URI malformed")),
        };
        k += cp.len_utf16();
        let mut buf = [0u8; 4];
        for &b in cp.encode_utf8(&mut buf).as_bytes() {
            push_percent(&mut out, b);
        }
    }
    Ok(out)
}

/// Encode (19.2.6.5).
fn encode(vm: &mut Vm, v: Value, extra: &str) -> JsResult<Value> {
    map_string(
        vm,
        v,
        |b| encode_units(b, extra),
        |u| encode_units(u, extra),
    )
}

fn hex_val(u: u16) -> Option<u8> {
    match u {
        0x30..=0x39 => Some((u - 0x30) as u8),
        0x41..=0x46 => Some((u - 0x41 + 10) as u8),
        0x61..=0x66 => Some((u - 0x61 + 10) as u8),
        _ => None,
    }
}

/// ParseHexOctet at `k` (two hex digits).
fn hex_octet<T: CodeUnit>(units: &[T], k: usize) -> Option<u8> {
    let a = hex_val((*units.get(k)?).into())?;
    let b = hex_val((*units.get(k + 1)?).into())?;
    Some(a * 16 + b)
}

/// Decode (19.2.6.6) of code units.
fn decode_units<T: CodeUnit>(units: &[T], preserve: &str) -> JsResult<StrBuilder> {
    let len = units.len();
    let mut out = StrBuilder::with_capacity(len);
    let mut k = 0;
    while k < len {
        let c: u16 = units[k].into();
        if c != b'%' as u16 {
            out.push_unit(c);
            k += 1;
            continue;
        }
        let start = k;
        if k + 3 > len {
            return Err(uri_error("URI malformed"));
        }
        let b = hex_octet(units, k + 1).ok_or_else(|| uri_error("URI malformed"))?;
        k += 2;
        let n = b.leading_ones() as usize;
        if n == 0 {
            if preserve.as_bytes().contains(&b) {
                out.push_view(T::view_of(&units[start..start + 3]));
            } else {
                out.push_unit(b as u16);
            }
            k += 1;
            continue;
        }
        if n == 1 || n > 4 {
            return Err(uri_error("URI malformed"));
        }
        let mut octets = [b, 0, 0, 0];
        if k + 3 * (n - 1) >= len {
            return Err(uri_error("URI malformed"));
        }
        for octet in octets.iter_mut().take(n).skip(1) {
            k += 1;
            if units[k].into() != b'%' as u16 {
                return Err(uri_error("URI malformed"));
            }
            *octet = hex_octet(units, k + 1).ok_or_else(|| uri_error("URI malformed"))?;
            k += 2;
        }
        let ch = std::str::from_utf8(&octets[..n])
            .ok()
            .and_then(|s| s.chars().next())
            .ok_or_else(|| uri_error("URI malformed"))?;
        let mut buf = [0u16; 2];
        out.push_units(ch.encode_utf16(&mut buf));
        k += 1;
    }
    Ok(out)
}

/// Decode (19.2.6.6).
fn decode(vm: &mut Vm, v: Value, preserve: &str) -> JsResult<Value> {
    map_string(
        vm,
        v,
        |b| decode_units(b, preserve),
        |u| decode_units(u, preserve),
    )
}

fn encode_uri(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    encode(vm, args.arg(0), ";/?:@&=+$,#")
}
fn encode_uri_component(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    encode(vm, args.arg(0), "")
}
fn decode_uri(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let preserve = format!("{URI_RESERVED}#");
    decode(vm, args.arg(0), &preserve)
}
fn decode_uri_component(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    decode(vm, args.arg(0), "")
}

/// escape(string) (B.2.1.1) of code units.
fn escape_units<T: CodeUnit>(units: &[T]) -> JsResult<StrBuilder> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = StrBuilder::with_capacity(units.len());
    for &c in units {
        let c: u16 = c.into();
        let plain =
            c < 128 && ((c as u8).is_ascii_alphanumeric() || b"@*_+-./".contains(&(c as u8)));
        if plain {
            out.push_unit(c);
        } else if c < 256 {
            push_percent(&mut out, c as u8);
        } else {
            out.push_str("%u");
            for shift in [12, 8, 4, 0] {
                out.push_unit(HEX[((c >> shift) & 0xF) as usize] as u16);
            }
        }
    }
    Ok(out)
}

/// escape(string) (B.2.1.1).
fn escape(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    map_string(vm, args.arg(0), escape_units, escape_units)
}

/// unescape(string) (B.2.1.2) of code units.
fn unescape_units<T: CodeUnit>(units: &[T]) -> JsResult<StrBuilder> {
    let len = units.len();
    let mut out = StrBuilder::with_capacity(len);
    let mut k = 0;
    while k < len {
        let mut c: u16 = units[k].into();
        if c == b'%' as u16 {
            if k + 6 <= len && units[k + 1].into() == b'u' as u16 {
                let h = units[k + 2..k + 6]
                    .iter()
                    .try_fold(0u16, |a, &d| Some(a * 16 + hex_val(d.into())? as u16));
                if let Some(h) = h {
                    c = h;
                    k += 5;
                }
            } else if k + 3 <= len {
                if let Some(b) = hex_octet(units, k + 1) {
                    c = b as u16;
                    k += 2;
                }
            }
        }
        out.push_unit(c);
        k += 1;
    }
    Ok(out)
}

/// unescape(string) (B.2.1.2).
fn unescape(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    map_string(vm, args.arg(0), unescape_units, unescape_units)
}

#[cfg(test)]
mod tests {
    use super::super::support::testing::*;
    use crate::value::Value;

    fn global(vm: &mut crate::vm::Vm, f: &str, arg: &str) -> String {
        let a = s(vm, arg);
        let r = call(vm, f, Value::Undefined, &[a]);
        err_text(vm, r).trim_start_matches("ok: ").to_string()
    }

    #[test]
    fn uri_functions() {
        let mut vm = vm();
        assert_eq!(
            global(&mut vm, "encodeURIComponent", "a b/é😀"),
            "a%20b%2F%C3%A9%F0%9F%98%80"
        );
        assert_eq!(global(&mut vm, "encodeURI", "a b/é#"), "a%20b/%C3%A9#");
        assert_eq!(
            global(&mut vm, "decodeURIComponent", "a%20b%2F%C3%A9%F0%9F%98%80"),
            "a b/é😀"
        );
        assert_eq!(global(&mut vm, "decodeURI", "%2F%23%C3%A9"), "%2F%23é");
        assert!(global(&mut vm, "decodeURI", "%C3").starts_with("URIError"));
        assert!(global(&mut vm, "decodeURI", "%C3%28").starts_with("URIError"));
        let lone = Value::String(vm.new_string_utf16(&[0x61, 0xD800]));
        let r = call(&mut vm, "encodeURI", Value::Undefined, &[lone]);
        assert_eq!(err_text(&mut vm, r), "URIError: URI malformed");
        assert_eq!(global(&mut vm, "escape", "a é\u{100}"), "a%20%E9%u0100");
        assert_eq!(
            global(&mut vm, "unescape", "a%20%E9%u0100%u01%"),
            "a é\u{100}%u01%"
        );
    }
}
