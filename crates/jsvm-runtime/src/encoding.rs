//! `TextEncoder` and `TextDecoder` (WHATWG Encoding Standard) for UTF-8,
//! the one encoding the runtime supports: `encode`, `encodeInto`,
//! `decode(input, {stream})` with `fatal` and `ignoreBOM`, and the label
//! aliases of UTF-8 (anything else is a RangeError, as in Node without
//! ICU's other encodings).
//!
//! The decoder core (`Utf8Decoder`) is plain Rust: Rust's UTF-8 validation
//! replaces maximal invalid subparts exactly as the Encoding Standard's
//! UTF-8 decoder does, and a sequence cut at the end of a streamed chunk
//! waits (at most three bytes) for the next one.
//!
//! Invariant: a TextDecoder's record holds its whole decoder state — the
//! pending bytes packed in one number, the BOM-seen and do-not-flush
//! flags — so there is no Rust-side state to leak when it is collected.

use jsvm_engine::api::{CallArgs, ErrorKind};
use jsvm_engine::error::JsResult;
use jsvm_engine::string::StrView;
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

use crate::errors::{coded_error, invalid_arg_type};
use crate::host_object::{self as ho, Brand};

/// TextDecoder record slots.
const D_FATAL: u32 = 1;
const D_IGNORE_BOM: u32 = 2;
/// The decoder's pending bytes (see `Utf8Decoder::pack`).
const D_PENDING: u32 = 3;
const D_BOM_SEEN: u32 = 4;
const D_DO_NOT_FLUSH: u32 = 5;
const D_SLOTS: u32 = 5;

/// The labels of UTF-8 (Encoding Standard, "Names and labels").
const UTF8_LABELS: [&str; 6] = [
    "unicode-1-1-utf-8",
    "unicode11utf8",
    "unicode20utf8",
    "utf-8",
    "utf8",
    "x-unicode20utf8",
];

/// Why decoding stopped short.
#[derive(Debug, PartialEq, Eq)]
pub struct InvalidData;

/// Where decoded text goes: a Rust `String`, or UTF-16 code units for a
/// JS string (`Utf16Text`), without an intermediate copy.
pub trait TextOut {
    /// Appends `bytes`, which are valid UTF-8.
    fn push_valid(&mut self, bytes: &[u8]);
    /// Appends U+FFFD.
    fn push_replacement(&mut self);
    /// The current length (in the sink's units).
    fn len(&self) -> usize;
    /// Removes a U+FEFF at position `start`, if there is one.
    fn strip_bom_at(&mut self, start: usize);
}

impl TextOut for String {
    fn push_valid(&mut self, bytes: &[u8]) {
        self.push_str(std::str::from_utf8(bytes).unwrap_or_default());
    }
    fn push_replacement(&mut self) {
        self.push('\u{fffd}');
    }
    fn len(&self) -> usize {
        String::len(self)
    }
    fn strip_bom_at(&mut self, start: usize) {
        if self.get(start..).is_some_and(|s| s.starts_with('\u{feff}')) {
            self.replace_range(start..start + 3, "");
        }
    }
}

/// Decoded text as UTF-16 code units (and whether it is all ASCII, which
/// makes a Latin-1 string).
#[derive(Debug, Default)]
pub struct Utf16Text {
    pub units: Vec<u16>,
}

impl TextOut for Utf16Text {
    fn push_valid(&mut self, bytes: &[u8]) {
        widen_utf8(&mut self.units, bytes);
    }
    fn push_replacement(&mut self) {
        self.units.push(0xfffd);
    }
    fn len(&self) -> usize {
        self.units.len()
    }
    fn strip_bom_at(&mut self, start: usize) {
        if self.units.get(start) == Some(&0xfeff) {
            self.units.remove(start);
        }
    }
}

/// Appends the UTF-16 code units of `bytes`, which must be valid UTF-8
/// (anything else only gives wrong units, never a panic). ASCII runs are
/// widened eight bytes at a time.
pub fn widen_utf8(units: &mut Vec<u16>, bytes: &[u8]) {
    units.reserve(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            if word.iter().all(|&b| b < 0x80) {
                units.extend(word.iter().map(|&b| b as u16));
                i += 8;
                continue;
            }
        }
        let b0 = bytes[i] as u32;
        let cont = |k: usize| bytes.get(i + k).map_or(0, |&b| (b & 0x3f) as u32);
        let (cp, n) = if b0 < 0x80 {
            (b0, 1)
        } else if b0 < 0xe0 {
            (((b0 & 0x1f) << 6) | cont(1), 2)
        } else if b0 < 0xf0 {
            (((b0 & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3)
        } else {
            (
                ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
                4,
            )
        };
        if cp < 0x10000 {
            units.push(cp as u16);
        } else {
            let v = cp - 0x10000;
            units.push(0xd800 | ((v >> 10) & 0x3ff) as u16);
            units.push(0xdc00 | (v & 0x3ff) as u16);
        }
        i += n;
    }
}

/// A streaming UTF-8 decoder: the Encoding Standard's UTF-8 decoder plus
/// the BOM handling of TextDecoder's "serialize I/O queue".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Utf8Decoder {
    /// Bytes of an incomplete sequence carried over from the last chunk
    /// (a valid prefix of a UTF-8 sequence, at most 3 bytes).
    pending: Vec<u8>,
    /// A first code point was produced (or a BOM skipped).
    bom_seen: bool,
    ignore_bom: bool,
    fatal: bool,
}

impl Utf8Decoder {
    pub fn new(fatal: bool, ignore_bom: bool) -> Utf8Decoder {
        Utf8Decoder {
            pending: Vec::new(),
            bom_seen: false,
            ignore_bom,
            fatal,
        }
    }

    /// Decodes `input`, appending to `out`. With `stream`, an incomplete
    /// sequence at the end is kept for the next call; without it, the
    /// stream ends here (an incomplete sequence is an error) and the
    /// decoder is reset. A fatal decoder returns `InvalidData` on the first
    /// error (and is reset).
    pub fn decode(
        &mut self,
        mut input: &[u8],
        stream: bool,
        out: &mut impl TextOut,
    ) -> Result<(), InvalidData> {
        let start = out.len();
        let r = self.decode_inner(&mut input, stream, out);
        if !self.ignore_bom && !self.bom_seen && out.len() > start {
            out.strip_bom_at(start);
            self.bom_seen = true;
        }
        if r.is_err() || !stream {
            self.pending.clear();
            self.bom_seen = false;
        }
        r
    }

    fn decode_inner(
        &mut self,
        input: &mut &[u8],
        stream: bool,
        out: &mut impl TextOut,
    ) -> Result<(), InvalidData> {
        if !self.pending.is_empty() {
            self.finish_pending(input, stream, out)?;
        }
        // Each round validates up to the next error (std's validation,
        // with its fast ASCII path), hands the valid bytes on, and deals
        // with the maximal invalid subpart or the incomplete end.
        let mut rest = *input;
        loop {
            match std::str::from_utf8(rest) {
                Ok(_) => {
                    out.push_valid(rest);
                    return Ok(());
                }
                Err(e) => {
                    let (valid, bad) = rest.split_at(e.valid_up_to());
                    out.push_valid(valid);
                    match e.error_len() {
                        Some(n) => {
                            if self.fatal {
                                return Err(InvalidData);
                            }
                            out.push_replacement();
                            rest = bad.get(n..).unwrap_or(&[]);
                        }
                        None => {
                            if stream {
                                self.pending = bad.to_vec();
                                return Ok(());
                            }
                            if self.fatal {
                                return Err(InvalidData);
                            }
                            out.push_replacement();
                            return Ok(());
                        }
                    }
                }
            }
        }
    }

    /// Completes the sequence left pending by the previous chunk with the
    /// first bytes of `input` (consuming them).
    fn finish_pending(
        &mut self,
        input: &mut &[u8],
        stream: bool,
        out: &mut impl TextOut,
    ) -> Result<(), InvalidData> {
        let have = self.pending.len();
        let need = sequence_length(self.pending[0]);
        let take = need.saturating_sub(have).min(input.len());
        let mut seq = std::mem::take(&mut self.pending);
        seq.extend_from_slice(&input[..take]);
        match std::str::from_utf8(&seq) {
            Ok(_) => {
                out.push_valid(&seq);
                *input = &input[take..];
                Ok(())
            }
            Err(e) => match e.error_len() {
                None => {
                    // Still incomplete: `input` was too short.
                    *input = &input[take..];
                    if stream {
                        self.pending = seq;
                        return Ok(());
                    }
                    if self.fatal {
                        return Err(InvalidData);
                    }
                    out.push_replacement();
                    Ok(())
                }
                Some(n) => {
                    // The maximal subpart ends before the offending byte,
                    // which is decoded again as part of `input`.
                    if self.fatal {
                        return Err(InvalidData);
                    }
                    out.push_replacement();
                    let used = n.saturating_sub(have);
                    *input = &input[used.min(input.len())..];
                    Ok(())
                }
            },
        }
    }

    /// The pending bytes as one number: `len * 2^24 + b0 * 2^16 + b1 * 2^8
    /// + b2` (for storing in a record).
    fn pack(&self) -> f64 {
        let mut n: u32 = (self.pending.len() as u32) << 24;
        for (i, &b) in self.pending.iter().take(3).enumerate() {
            n |= (b as u32) << (16 - 8 * i);
        }
        n as f64
    }

    fn unpack(n: f64) -> Vec<u8> {
        if !(n.is_finite() && n >= 0.0) {
            return Vec::new();
        }
        let n = n as u32;
        let len = ((n >> 24) as usize).min(3);
        (0..len).map(|i| (n >> (16 - 8 * i)) as u8).collect()
    }
}

/// A JS string of Rust text: ASCII text as Latin-1 bytes, anything else
/// as UTF-16 units.
pub fn js_string_of(vm: &mut Vm, s: &str) -> Value {
    if s.is_ascii() {
        return Value::String(vm.new_string_latin1(s.as_bytes()));
    }
    let mut units = Vec::new();
    widen_utf8(&mut units, s.as_bytes());
    Value::String(vm.new_string_utf16(&units))
}

/// The length of the sequence a lead byte starts (1 for anything that
/// cannot start a longer one).
fn sequence_length(lead: u8) -> usize {
    match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 1,
    }
}

/// The encoding a label names (only UTF-8 here); labels are matched
/// after trimming ASCII whitespace, ASCII case-insensitively.
pub fn resolve_label(label: &str) -> Option<&'static str> {
    let l = label
        .trim_matches(|c: char| matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' '))
        .to_ascii_lowercase();
    UTF8_LABELS.contains(&l.as_str()).then_some("utf-8")
}

/// UTF-8 bytes of a JS string, lone surrogates as U+FFFD (UTF-8 encode of
/// a USVString).
pub fn utf8_of(vm: &Vm, s: jsvm_engine::value::StrId) -> Vec<u8> {
    vm.string_to_rust(s).into_bytes()
}

pub fn install(vm: &mut Vm) {
    let (_, proto) = ho::define_class(vm, "TextEncoder", 0, text_encoder_ctor, None);
    ho::register_proto(Brand::TextEncoder, proto);
    vm.define_method(proto, "encode", 0, encode);
    vm.define_method(proto, "encodeInto", 2, encode_into);
    ho::getter(vm, proto, "encoding", encoder_encoding);

    let (_, proto) = ho::define_class(vm, "TextDecoder", 0, text_decoder_ctor, None);
    ho::register_proto(Brand::TextDecoder, proto);
    vm.define_method(proto, "decode", 0, decode);
    ho::getter(vm, proto, "encoding", decoder_encoding);
    ho::getter(vm, proto, "fatal", decoder_fatal);
    ho::getter(vm, proto, "ignoreBOM", decoder_ignore_bom);
}

fn text_encoder_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "TextEncoder", Brand::TextEncoder)?;
    ho::attach(vm, o, Brand::TextEncoder, 0);
    Ok(Value::Object(o))
}

fn encoder_encoding(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::TextEncoder)?;
    Ok(ho::js_string(vm, "utf-8"))
}

/// `encode(input = "")`: a new Uint8Array of the UTF-8 bytes.
fn encode(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::TextEncoder)?;
    let bytes = match a.arg(0) {
        Value::Undefined => Vec::new(),
        v => {
            let s = vm.to_string(v)?;
            utf8_of(vm, s)
        }
    };
    Ok(Value::Object(vm.new_uint8_array_from_bytes(bytes)))
}

/// `encodeInto(source, destination)`: writes whole UTF-8 sequences while
/// they fit; returns `{ read, written }` (UTF-16 units read, bytes
/// written).
fn encode_into(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::TextEncoder)?;
    let s = vm.to_string(a.arg(0))?;
    let dest = a.arg(1);
    if !vm.is_uint8_array(dest) {
        return Err(invalid_arg_type(
            vm,
            "dest",
            "an instance of Uint8Array",
            dest,
        ));
    }
    let units: Vec<u16> = match vm.heap.str(s) {
        StrView::Latin1(b) => b.iter().map(|&c| c as u16).collect(),
        StrView::Utf16(u) => u.to_vec(),
    };
    let (read, written) = match vm.buffer_source_bytes_mut(dest) {
        Some(out) => encode_units_into(&units, out),
        None => (0, 0),
    };
    let result = vm.new_plain_object();
    let key = vm.key("read");
    vm.create_data_property(result, key, Value::Number(read as f64))?;
    let key = vm.key("written");
    vm.create_data_property(result, key, Value::Number(written as f64))?;
    Ok(Value::Object(result))
}

/// Encodes UTF-16 `units` into `out` as far as whole characters fit;
/// returns (units read, bytes written).
pub fn encode_units_into(units: &[u16], out: &mut [u8]) -> (usize, usize) {
    let mut read = 0;
    let mut written = 0;
    while read < units.len() {
        let u = units[read];
        let (c, n) = match u {
            0xd800..=0xdbff => match units.get(read + 1) {
                Some(&lo @ 0xdc00..=0xdfff) => {
                    let cp = 0x10000 + (((u as u32) - 0xd800) << 10) + ((lo as u32) - 0xdc00);
                    (char::from_u32(cp).unwrap_or('\u{fffd}'), 2)
                }
                _ => ('\u{fffd}', 1),
            },
            0xdc00..=0xdfff => ('\u{fffd}', 1),
            _ => (char::from_u32(u as u32).unwrap_or('\u{fffd}'), 1),
        };
        let len = c.len_utf8();
        if written + len > out.len() {
            break;
        }
        c.encode_utf8(&mut out[written..written + len]);
        written += len;
        read += n;
    }
    (read, written)
}

/// `new TextDecoder(label = "utf-8", { fatal, ignoreBOM })`.
fn text_decoder_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "TextDecoder", Brand::TextDecoder)?;
    vm.push_root(Value::Object(o));
    let label = match a.arg(0) {
        Value::Undefined => "utf-8".to_string(),
        v => ho::to_rust_string(vm, v)?,
    };
    if resolve_label(&label).is_none() {
        let message = format!("The \"{label}\" encoding is not supported");
        return Err(coded_error(
            vm,
            ErrorKind::RangeError,
            &message,
            "ERR_ENCODING_NOT_SUPPORTED",
        ));
    }
    let options = a.arg(1);
    let fatal = ho::dict_member(vm, options, "fatal")?;
    let fatal = vm.to_boolean(fatal);
    let ignore_bom = ho::dict_member(vm, options, "ignoreBOM")?;
    let ignore_bom = vm.to_boolean(ignore_bom);
    let rec = ho::attach(vm, o, Brand::TextDecoder, D_SLOTS);
    ho::set(vm, rec, D_FATAL, Value::Boolean(fatal));
    ho::set(vm, rec, D_IGNORE_BOM, Value::Boolean(ignore_bom));
    ho::set(vm, rec, D_PENDING, Value::Number(0.0));
    ho::set(vm, rec, D_BOM_SEEN, Value::Boolean(false));
    ho::set(vm, rec, D_DO_NOT_FLUSH, Value::Boolean(false));
    Ok(Value::Object(o))
}

fn decoder_encoding(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::TextDecoder)?;
    Ok(ho::js_string(vm, "utf-8"))
}

fn decoder_fatal(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::TextDecoder)?;
    Ok(Value::Boolean(ho::get_bool(vm, rec, D_FATAL)))
}

fn decoder_ignore_bom(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::TextDecoder)?;
    Ok(Value::Boolean(ho::get_bool(vm, rec, D_IGNORE_BOM)))
}

/// `decode(input, { stream })` (Encoding Standard, TextDecoder decode).
fn decode(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::TextDecoder)?;
    let input = a.arg(0);
    if !input.is_undefined() && vm.buffer_source_kind(input).is_none() {
        return Err(invalid_arg_type(
            vm,
            "input",
            "an instance of ArrayBuffer or ArrayBufferView",
            input,
        ));
    }
    let stream = ho::dict_member(vm, a.arg(1), "stream")?;
    let stream = vm.to_boolean(stream);
    let mut decoder = Utf8Decoder::new(
        ho::get_bool(vm, rec, D_FATAL),
        ho::get_bool(vm, rec, D_IGNORE_BOM),
    );
    if ho::get_bool(vm, rec, D_DO_NOT_FLUSH) {
        decoder.pending = Utf8Decoder::unpack(ho::get_number(vm, rec, D_PENDING));
        decoder.bom_seen = ho::get_bool(vm, rec, D_BOM_SEEN);
    }
    let mut out = Utf16Text::default();
    let bytes = vm.buffer_source_bytes(input).unwrap_or(&[]);
    // ASCII input (the common case) becomes a Latin-1 string directly.
    let ascii = decoder.pending.is_empty() && bytes.is_ascii();
    let latin1 = if ascii { Some(bytes.to_vec()) } else { None };
    let r = match latin1 {
        Some(_) => Ok(()),
        None => decoder.decode(bytes, stream, &mut out),
    };
    if latin1.is_some() {
        // What `decode` does to the state: nothing is pending, and no BOM
        // starts ASCII text, but a first code point counts as seen.
        if !stream {
            decoder.bom_seen = false;
        } else if !bytes.is_empty() {
            decoder.bom_seen = true;
        }
    }
    ho::set(vm, rec, D_PENDING, Value::Number(decoder.pack()));
    ho::set(vm, rec, D_BOM_SEEN, Value::Boolean(decoder.bom_seen));
    ho::set(vm, rec, D_DO_NOT_FLUSH, Value::Boolean(stream && r.is_ok()));
    if r.is_err() {
        return Err(coded_error(
            vm,
            ErrorKind::TypeError,
            "The encoded data was not valid for encoding utf-8",
            "ERR_ENCODING_INVALID_ENCODED_DATA",
        ));
    }
    Ok(match latin1 {
        Some(b) => Value::String(vm.new_string_latin1(&b)),
        None => Value::String(vm.new_string_utf16(&out.units)),
    })
}

/// Decodes a whole body as UTF-8 text (fetch's "UTF-8 decode": a leading
/// BOM is dropped, errors become U+FFFD).
pub fn utf8_decode_body(bytes: &[u8]) -> String {
    let mut out = String::new();
    let _ = Utf8Decoder::new(false, false).decode(bytes, false, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream_all(chunks: &[&[u8]], fatal: bool) -> Result<String, InvalidData> {
        let mut d = Utf8Decoder::new(fatal, false);
        let mut out = String::new();
        for c in chunks {
            d.decode(c, true, &mut out)?;
        }
        d.decode(&[], false, &mut out)?;
        Ok(out)
    }

    #[test]
    fn every_split_of_multibyte_text_decodes_whole() {
        let text = "aé✓日🚀z";
        let bytes = text.as_bytes();
        for i in 0..=bytes.len() {
            for j in i..=bytes.len() {
                let got = stream_all(&[&bytes[..i], &bytes[i..j], &bytes[j..]], true);
                assert_eq!(got.as_deref(), Ok(text), "split at {i},{j}");
            }
        }
        // One byte at a time.
        let singles: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(stream_all(&singles, true).as_deref(), Ok(text));
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let mut out = String::new();
        let mut d = Utf8Decoder::new(false, false);
        d.decode(b"a\xffb\xe2\x82c", false, &mut out).ok();
        assert_eq!(out, "a\u{fffd}b\u{fffd}c");
        // Maximal subparts: F0 80 is two errors (80 is not a valid second
        // byte after F0), E2 82 at the end one.
        out.clear();
        d.decode(b"\xf0\x80x\xe2\x82", false, &mut out).ok();
        assert_eq!(out, "\u{fffd}\u{fffd}x\u{fffd}");
        // A pending prefix followed by a bad byte: one U+FFFD, then the
        // byte is decoded on its own.
        out.clear();
        d.decode(b"\xe2", true, &mut out).ok();
        d.decode(b"A", false, &mut out).ok();
        assert_eq!(out, "\u{fffd}A");
    }

    #[test]
    fn an_incomplete_end_is_an_error_only_when_the_stream_ends() {
        let mut d = Utf8Decoder::new(true, false);
        let mut out = String::new();
        assert_eq!(d.decode(b"\xf0\x9f", true, &mut out), Ok(()));
        assert_eq!(out, "");
        assert_eq!(d.decode(b"", false, &mut out), Err(InvalidData));
        // The decoder was reset by the error.
        out.clear();
        assert_eq!(d.decode(b"ok", false, &mut out), Ok(()));
        assert_eq!(out, "ok");
        assert_eq!(stream_all(&[b"\xff"], true), Err(InvalidData));
    }

    #[test]
    fn the_bom_is_dropped_once_unless_ignored() {
        let mut d = Utf8Decoder::new(false, false);
        let mut out = String::new();
        d.decode(b"\xef\xbb", true, &mut out).ok();
        d.decode(b"\xbfhi\xef\xbb\xbf", false, &mut out).ok();
        assert_eq!(out, "hi\u{feff}");
        let mut d = Utf8Decoder::new(false, true);
        out.clear();
        d.decode(b"\xef\xbb\xbfhi", false, &mut out).ok();
        assert_eq!(out, "\u{feff}hi");
    }

    #[test]
    fn pending_bytes_pack_into_a_number() {
        let mut d = Utf8Decoder::new(false, false);
        let mut out = String::new();
        d.decode(b"\xf0\x9f\x9a", true, &mut out).ok();
        let packed = d.pack();
        assert_eq!(Utf8Decoder::unpack(packed), vec![0xf0, 0x9f, 0x9a]);
        assert_eq!(Utf8Decoder::unpack(0.0), Vec::<u8>::new());
    }

    #[test]
    fn text_widens_to_utf16() {
        for s in [
            "ab é✓ 🚀x",
            "",
            "plain ascii longer than eight bytes",
            "日本語🚀🚀",
        ] {
            let mut units = Vec::new();
            widen_utf8(&mut units, s.as_bytes());
            assert_eq!(units, s.encode_utf16().collect::<Vec<u16>>());
        }
        let mut out = Utf16Text::default();
        let mut d = Utf8Decoder::new(false, false);
        d.decode(b"\xef\xbb\xbfa\xf0\x9f", true, &mut out).ok();
        d.decode(b"\x9a\x80\xff", false, &mut out).ok();
        assert_eq!(
            out.units,
            "a🚀\u{fffd}".encode_utf16().collect::<Vec<u16>>()
        );
    }

    #[test]
    fn labels_resolve_case_insensitively() {
        assert_eq!(resolve_label(" UTF8 "), Some("utf-8"));
        assert_eq!(resolve_label("unicode-1-1-utf-8"), Some("utf-8"));
        assert_eq!(resolve_label("latin2"), None);
    }

    #[test]
    fn encode_into_stops_before_a_character_that_does_not_fit() {
        let units: Vec<u16> = "a€😀".encode_utf16().collect();
        let mut buf = [0u8; 5];
        assert_eq!(encode_units_into(&units, &mut buf), (2, 4));
        let mut buf = [0u8; 8];
        assert_eq!(encode_units_into(&units, &mut buf), (4, 8));
        let lone = [0xd800u16, 0x41];
        let mut buf = [0u8; 4];
        assert_eq!(encode_units_into(&lone, &mut buf), (2, 4));
        assert_eq!(&buf, b"\xef\xbf\xbdA");
    }
}
