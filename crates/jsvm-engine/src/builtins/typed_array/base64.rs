//! Uint8Array to and from base64 and hex (ECMAScript 23.3, the former
//! "Uint8Array to/from base64" proposal): `Uint8Array.fromBase64`,
//! `Uint8Array.fromHex`, and `toBase64`, `toHex`, `setFromBase64`,
//! `setFromHex` on %Uint8Array.prototype%.
//!
//! The decoders (FromBase64, FromHex) are pure functions over a string's
//! code units that run no JS: they return what they decoded before any
//! error, because `setFromBase64` / `setFromHex` write those bytes and only
//! then throw (the spec's [[Read]] / [[Bytes]] / [[Error]] record).
//!
//! Invariant: the bytes of a Uint8Array are read or written only after
//! every option has been read (options are user code that may detach or
//! resize the buffer) and after the view was re-checked for being in
//! bounds; a decoder never produces more than `max_len` bytes, so a write
//! always fits the view it was sized for. Views of immutable buffers are
//! refused by the `set` methods before anything else is looked at.

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::string::StrView;
use crate::value::{ObjId, RealmId, StrId, Value};
use crate::vm::Vm;

use super::super::array_buffer::{bytes, bytes_mut, is_immutable};
use super::super::support::intrinsics;
use super::{ta_data, view_length, ElementType};

pub(super) fn init(vm: &mut Vm, realm: RealmId) {
    let k = ElementType::Uint8 as usize;
    let ctor = intrinsics(vm, realm).typed_array_constructors[k];
    let proto = intrinsics(vm, realm).typed_array_prototypes[k];
    vm.define_method(ctor, "fromBase64", 1, from_base64_fn);
    vm.define_method(ctor, "fromHex", 1, from_hex_fn);
    vm.define_method(proto, "setFromBase64", 1, set_from_base64);
    vm.define_method(proto, "setFromHex", 1, set_from_hex);
    vm.define_method(proto, "toBase64", 0, to_base64);
    vm.define_method(proto, "toHex", 0, to_hex);
}

// ---- The decoders (no JS runs) ----

/// The `lastChunkHandling` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LastChunk {
    Loose,
    Strict,
    StopBeforePartial,
}

/// The record FromBase64 and FromHex return: code units consumed, the
/// bytes decoded, and whether decoding stopped at a SyntaxError.
#[derive(Debug, PartialEq, Eq)]
struct Decoded {
    read: usize,
    bytes: Vec<u8>,
    error: bool,
}

fn ok(read: usize, bytes: Vec<u8>) -> Decoded {
    Decoded {
        read,
        bytes,
        error: false,
    }
}

fn failed(read: usize, bytes: Vec<u8>) -> Decoded {
    Decoded {
        read,
        bytes,
        error: true,
    }
}

/// SkipAsciiWhitespace ( string, index ).
fn skip_ascii_whitespace(s: StrView<'_>, mut index: usize) -> usize {
    while let Some(c) = s.get(index) {
        if !matches!(c, 0x09 | 0x0a | 0x0c | 0x0d | 0x20) {
            break;
        }
        index += 1;
    }
    index
}

/// The 6-bit value of a character of the alphabet (base64url swaps "+" and
/// "/" for "-" and "_"); None for any other code unit.
fn sextet(c: u16, url: bool) -> Option<u8> {
    let c = u8::try_from(c).ok()?;
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' if !url => 62,
        b'/' if !url => 63,
        b'-' if url => 62,
        b'_' if url => 63,
        _ => return None,
    })
}

/// DecodeBase64Chunk ( chunk, throwOnExtraBits ) for 2 to 4 sextets,
/// appending to `out`; false (nothing appended) when `throw_on_extra_bits`
/// and a partial chunk's unused bits are not zero.
fn decode_chunk(chunk: &[u8], throw_on_extra_bits: bool, out: &mut Vec<u8>) -> bool {
    let mut n: u32 = 0;
    for (k, &c) in chunk.iter().enumerate().take(4) {
        n |= u32::from(c) << (18 - 6 * k);
    }
    let [_, b0, b1, b2] = n.to_be_bytes();
    match chunk.len() {
        2 => {
            if throw_on_extra_bits && b1 != 0 {
                return false;
            }
            out.push(b0);
        }
        3 => {
            if throw_on_extra_bits && b2 != 0 {
                return false;
            }
            out.extend_from_slice(&[b0, b1]);
        }
        _ => out.extend_from_slice(&[b0, b1, b2]),
    }
    true
}

/// FromBase64 ( string, alphabet, lastChunkHandling [ , maxLength ] ).
fn from_base64(s: StrView<'_>, url: bool, last: LastChunk, max_len: usize) -> JsResult<Decoded> {
    if max_len == 0 {
        return Ok(ok(0, Vec::new()));
    }
    let length = s.len();
    let mut bytes = Vec::new();
    bytes
        .try_reserve(max_len.min(length / 4 * 3 + 3))
        .map_err(|_| JsError::range_error("Out of memory decoding base64"))?;
    let mut read = 0;
    let mut chunk = [0u8; 4];
    let mut chunk_len = 0;
    let mut index = 0;
    loop {
        index = skip_ascii_whitespace(s, index);
        let Some(c) = s.get(index) else {
            if chunk_len > 0 {
                match last {
                    LastChunk::StopBeforePartial => return Ok(ok(read, bytes)),
                    LastChunk::Loose if chunk_len > 1 => {
                        decode_chunk(&chunk[..chunk_len], false, &mut bytes);
                    }
                    LastChunk::Loose | LastChunk::Strict => return Ok(failed(read, bytes)),
                }
            }
            return Ok(ok(length, bytes));
        };
        index += 1;
        if c == u16::from(b'=') {
            if chunk_len < 2 {
                return Ok(failed(read, bytes));
            }
            index = skip_ascii_whitespace(s, index);
            if chunk_len == 2 {
                match s.get(index) {
                    None if last == LastChunk::StopBeforePartial => return Ok(ok(read, bytes)),
                    None => return Ok(failed(read, bytes)),
                    Some(c) if c == u16::from(b'=') => {
                        index = skip_ascii_whitespace(s, index + 1);
                    }
                    Some(_) => {}
                }
            }
            if index < length {
                return Ok(failed(read, bytes));
            }
            let strict = last == LastChunk::Strict;
            if !decode_chunk(&chunk[..chunk_len], strict, &mut bytes) {
                return Ok(failed(read, bytes));
            }
            return Ok(ok(length, bytes));
        }
        let Some(v) = sextet(c, url) else {
            return Ok(failed(read, bytes));
        };
        let remaining = max_len - bytes.len();
        if (remaining == 1 && chunk_len == 2) || (remaining == 2 && chunk_len == 3) {
            return Ok(ok(read, bytes));
        }
        if let Some(slot) = chunk.get_mut(chunk_len) {
            *slot = v;
        }
        chunk_len += 1;
        if chunk_len == 4 {
            decode_chunk(&chunk, false, &mut bytes);
            chunk_len = 0;
            read = index;
            if bytes.len() == max_len {
                return Ok(ok(read, bytes));
            }
        }
    }
}

/// The value of a hex digit.
fn hex_digit(c: u16) -> Option<u8> {
    let c = u8::try_from(c).ok()?;
    (c as char).to_digit(16).map(|d| d as u8)
}

/// FromHex ( string [ , maxLength ] ).
fn from_hex(s: StrView<'_>, max_len: usize) -> JsResult<Decoded> {
    let length = s.len();
    if !length.is_multiple_of(2) {
        return Ok(failed(0, Vec::new()));
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve(max_len.min(length / 2))
        .map_err(|_| JsError::range_error("Out of memory decoding hex"))?;
    let mut read = 0;
    while read < length && bytes.len() < max_len {
        let hi = s.get(read).and_then(hex_digit);
        let lo = s.get(read + 1).and_then(hex_digit);
        let (Some(hi), Some(lo)) = (hi, lo) else {
            return Ok(failed(read, bytes));
        };
        read += 2;
        bytes.push(hi << 4 | lo);
    }
    Ok(ok(read, bytes))
}

// ---- The encoders ----

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The base64 (RFC 4648 section 4) or base64url (section 5) encoding of
/// `data`, with or without padding, as ASCII bytes.
fn encode_base64(data: &[u8], url: bool, pad: bool, out: &mut Vec<u8>) {
    let table = if url { BASE64URL } else { BASE64 };
    let sym = |n: u32, shift: u32| table[((n >> shift) & 63) as usize];
    for group in data.chunks(3) {
        let mut n = 0u32;
        for (k, &b) in group.iter().enumerate() {
            n |= u32::from(b) << (16 - 8 * k);
        }
        out.push(sym(n, 18));
        out.push(sym(n, 12));
        match group.len() {
            1 if pad => out.extend_from_slice(b"=="),
            1 => {}
            2 => {
                out.push(sym(n, 6));
                if pad {
                    out.push(b'=');
                }
            }
            _ => {
                out.push(sym(n, 6));
                out.push(sym(n, 0));
            }
        }
    }
}

/// The lowercase hex encoding of `data`, as ASCII bytes.
fn encode_hex(data: &[u8], out: &mut Vec<u8>) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for &b in data {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
}

// ---- The built-in functions ----

/// ValidateUint8Array ( ta [ , accessMode ] ): the Uint8Array (a TypeError
/// for anything else, and for a view of an immutable buffer when it is to
/// be written).
fn validate_uint8_array(vm: &Vm, v: Value, write: bool, method: &str) -> JsResult<ObjId> {
    let Some((o, d)) = v.as_object().and_then(|o| Some((o, ta_data(&vm.heap, o)?))) else {
        return Err(JsError::type_error(format!(
            "{method}: this is not a Uint8Array"
        )));
    };
    if d.ty != ElementType::Uint8 {
        return Err(JsError::type_error(format!(
            "{method}: this is a {}, not a Uint8Array",
            d.ty.name()
        )));
    }
    if write && is_immutable(&vm.heap, d.buffer) {
        return Err(super::immutable_buffer(method));
    }
    Ok(o)
}

/// The string argument the decoders take (no coercion: anything else is a
/// TypeError).
fn require_string(v: Value, method: &str) -> JsResult<StrId> {
    match v {
        Value::String(s) => Ok(s),
        _ => Err(JsError::type_error(format!(
            "{method}: the input must be a string"
        ))),
    }
}

/// GetOptionsObject ( options ): None stands for the empty options object
/// (every option reads as undefined).
fn options_object(options: Value, method: &str) -> JsResult<Option<ObjId>> {
    match options {
        Value::Undefined => Ok(None),
        Value::Object(o) => Ok(Some(o)),
        _ => Err(JsError::type_error(format!(
            "{method}: options must be an object"
        ))),
    }
}

/// Get(opts, name) on the options object.
fn get_option(vm: &mut Vm, opts: Option<ObjId>, name: &str) -> JsResult<Value> {
    match opts {
        Some(o) => {
            let key = vm.key(name);
            vm.get_prop(o, key)
        }
        None => Ok(Value::Undefined),
    }
}

/// Which of `choices` the string `v` is (undefined: the first); a
/// TypeError for any other value (including String objects: the options
/// are never coerced).
fn string_option(vm: &Vm, v: Value, choices: &[&str], what: &str) -> JsResult<usize> {
    if v.is_undefined() {
        return Ok(0);
    }
    if let Value::String(s) = v {
        let view = vm.heap.str(s);
        if let Some(i) = choices.iter().position(|c| view.eq_str(c)) {
            return Ok(i);
        }
    }
    Err(JsError::type_error(format!(
        "{what} must be one of \"{}\"",
        choices.join("\", \"")
    )))
}

/// The `alphabet` option: true for "base64url".
fn alphabet_option(vm: &mut Vm, opts: Option<ObjId>) -> JsResult<bool> {
    let v = get_option(vm, opts, "alphabet")?;
    Ok(string_option(vm, v, &["base64", "base64url"], "alphabet")? == 1)
}

/// The `lastChunkHandling` option.
fn last_chunk_option(vm: &mut Vm, opts: Option<ObjId>) -> JsResult<LastChunk> {
    let v = get_option(vm, opts, "lastChunkHandling")?;
    let choices = ["loose", "strict", "stop-before-partial"];
    Ok(match string_option(vm, v, &choices, "lastChunkHandling")? {
        0 => LastChunk::Loose,
        1 => LastChunk::Strict,
        _ => LastChunk::StopBeforePartial,
    })
}

/// TypedArrayLength of a Uint8Array that must be in bounds, with its
/// buffer and byte offset (a TypeError when detached or out of bounds).
fn bytes_window(vm: &Vm, o: ObjId, method: &str) -> JsResult<(ObjId, usize, usize)> {
    let d = ta_data(&vm.heap, o).ok_or_else(|| super::not_typed_array(method))?;
    let len = view_length(&vm.heap, &d).ok_or_else(|| super::out_of_bounds(method))?;
    Ok((d.buffer, d.byte_offset, len))
}

/// GetUint8ArrayBytes ( ta ), encoded straight into ASCII by `encode`.
fn encode_view(
    vm: &mut Vm,
    o: ObjId,
    out_len: impl Fn(usize) -> usize,
    encode: impl Fn(&[u8], &mut Vec<u8>),
    method: &str,
) -> JsResult<Value> {
    let (buffer, offset, len) = bytes_window(vm, o, method)?;
    let n = out_len(len);
    if n > Vm::MAX_STRING_LENGTH {
        return Err(JsError::range_error("Invalid string length"));
    }
    let mut out = Vec::new();
    out.try_reserve_exact(n)
        .map_err(|_| JsError::range_error("Invalid string length"))?;
    let data = bytes(&vm.heap, buffer)
        .get(offset..offset + len)
        .unwrap_or(&[]);
    encode(data, &mut out);
    Ok(Value::String(vm.new_string_latin1(&out)))
}

/// Uint8Array.prototype.toBase64 ( [ options ] ).
fn to_base64(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Uint8Array.prototype.toBase64";
    let o = validate_uint8_array(vm, args.this, false, M)?;
    let opts = options_object(args.arg(0), M)?;
    let url = alphabet_option(vm, opts)?;
    let omit_padding = get_option(vm, opts, "omitPadding")?;
    let pad = !vm.to_boolean(omit_padding);
    let out_len = |n: usize| {
        let full = n / 3 * 4;
        match (n % 3, pad) {
            (0, _) => full,
            (_, true) => full + 4,
            (r, false) => full + r + 1,
        }
    };
    encode_view(vm, o, out_len, |d, out| encode_base64(d, url, pad, out), M)
}

/// Uint8Array.prototype.toHex ( ).
fn to_hex(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Uint8Array.prototype.toHex";
    let o = validate_uint8_array(vm, args.this, false, M)?;
    encode_view(vm, o, |n| n.saturating_mul(2), encode_hex, M)
}

/// A new %Uint8Array% holding the decoded bytes, or the SyntaxError the
/// decoder stopped at.
fn new_from_decoded(vm: &mut Vm, r: Decoded, method: &str) -> JsResult<Value> {
    if r.error {
        return Err(syntax_error(method));
    }
    Ok(Value::Object(vm.new_uint8_array_from_bytes(r.bytes)))
}

fn syntax_error(method: &str) -> JsError {
    let what = if method.ends_with("Hex") {
        "hex"
    } else {
        "base64"
    };
    JsError::syntax_error(format!("{method}: the input is not valid {what}"))
}

/// Uint8Array.fromBase64 ( string [ , options ] ).
fn from_base64_fn(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Uint8Array.fromBase64";
    let s = require_string(args.arg(0), M)?;
    let opts = options_object(args.arg(1), M)?;
    let url = alphabet_option(vm, opts)?;
    let last = last_chunk_option(vm, opts)?;
    let r = from_base64(vm.heap.str(s), url, last, usize::MAX)?;
    new_from_decoded(vm, r, M)
}

/// Uint8Array.fromHex ( string ).
fn from_hex_fn(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Uint8Array.fromHex";
    let s = require_string(args.arg(0), M)?;
    let r = from_hex(vm.heap.str(s), usize::MAX)?;
    new_from_decoded(vm, r, M)
}

/// SetUint8ArrayBytes, then the error (if any), then `{ read, written }`.
fn finish_set(vm: &mut Vm, into: ObjId, r: Decoded, method: &str) -> JsResult<Value> {
    let (buffer, offset, _) = bytes_window(vm, into, method)?;
    if let Some(dst) = bytes_mut(&mut vm.heap, buffer).get_mut(offset..offset + r.bytes.len()) {
        dst.copy_from_slice(&r.bytes);
    }
    if r.error {
        return Err(syntax_error(method));
    }
    let result = vm.new_plain_object();
    let key = vm.key("read");
    vm.create_data_property(result, key, Value::Number(r.read as f64))?;
    let key = vm.key("written");
    let written = Value::Number(r.bytes.len() as f64);
    vm.create_data_property(result, key, written)?;
    Ok(Value::Object(result))
}

/// Uint8Array.prototype.setFromBase64 ( string [ , options ] ).
fn set_from_base64(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Uint8Array.prototype.setFromBase64";
    let into = validate_uint8_array(vm, args.this, true, M)?;
    let s = require_string(args.arg(0), M)?;
    let opts = options_object(args.arg(1), M)?;
    let url = alphabet_option(vm, opts)?;
    let last = last_chunk_option(vm, opts)?;
    let (_, _, byte_len) = bytes_window(vm, into, M)?;
    let r = from_base64(vm.heap.str(s), url, last, byte_len)?;
    finish_set(vm, into, r, M)
}

/// Uint8Array.prototype.setFromHex ( string ).
fn set_from_hex(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Uint8Array.prototype.setFromHex";
    let into = validate_uint8_array(vm, args.this, true, M)?;
    let s = require_string(args.arg(0), M)?;
    let (_, _, byte_len) = bytes_window(vm, into, M)?;
    let r = from_hex(vm.heap.str(s), byte_len)?;
    finish_set(vm, into, r, M)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str, last: LastChunk, max: usize) -> Decoded {
        let units: Vec<u8> = s.bytes().collect();
        from_base64(StrView::Latin1(&units), false, last, max).unwrap_or(failed(0, vec![]))
    }

    #[test]
    fn base64_round_trips() {
        for data in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            let mut enc = Vec::new();
            encode_base64(data, false, true, &mut enc);
            let text = String::from_utf8(enc).unwrap_or_default();
            let r = b64(&text, LastChunk::Strict, usize::MAX);
            assert_eq!(r, ok(text.len(), data.to_vec()), "for {text}");
        }
    }

    #[test]
    fn base64_last_chunk_handling() {
        assert_eq!(b64("Zg", LastChunk::Loose, 9), ok(2, vec![102]));
        assert!(b64("Zg", LastChunk::Strict, 9).error);
        assert_eq!(b64("Zg", LastChunk::StopBeforePartial, 9), ok(0, vec![]));
        assert!(b64("Zh==", LastChunk::Strict, 9).error);
        assert_eq!(b64("Zh==", LastChunk::Loose, 9), ok(4, vec![102]));
        assert!(b64("Zg===", LastChunk::Loose, 9).error);
        assert_eq!(b64(" Z g = = ", LastChunk::Strict, 9), ok(9, vec![102]));
    }

    #[test]
    fn base64_stops_at_max_length_and_reports_errors_after_good_chunks() {
        assert_eq!(b64("Zm9vYmFy", LastChunk::Loose, 5), ok(4, b"foo".to_vec()));
        let r = b64("MjYyZm.9v", LastChunk::Loose, 9);
        assert_eq!(r, failed(4, b"262".to_vec()));
        assert_eq!(b64("#", LastChunk::Loose, 0), ok(0, vec![]));
    }

    #[test]
    fn hex_decodes_and_encodes() {
        let units: Vec<u8> = b"00fFa5".to_vec();
        let r = from_hex(StrView::Latin1(&units), usize::MAX).unwrap_or(failed(0, vec![]));
        assert_eq!(r, ok(6, vec![0, 255, 165]));
        let bad: Vec<u8> = b"0g".to_vec();
        assert!(from_hex(StrView::Latin1(&bad), 9).is_ok_and(|r| r.error));
        let mut out = Vec::new();
        encode_hex(&[0, 255, 165], &mut out);
        assert_eq!(out, b"00ffa5");
    }

    #[test]
    fn unpadded_url_encoding() {
        let mut out = Vec::new();
        encode_base64(&[199, 239, 242, 255], true, false, &mut out);
        assert_eq!(out, b"x-_y_w");
    }
}
