//! The JSON object (ECMAScript 25.5): `JSON.parse` with the reviver's
//! InternalizeJSONProperty walk, `JSON.stringify` with replacer functions
//! and property lists, `space`, `toJSON`, boxed primitives and cycle
//! detection, and `@@toStringTag`; plus JSON.parse source text access
//! (proposal-json-parse-with-source: the reviver's `context.source`,
//! `JSON.rawJSON`, `JSON.isRawJSON`).
//!
//! Invariant: the parser is iterative (arbitrarily deep input cannot
//! overflow the Rust stack) and runs no JavaScript, so the values it builds
//! need no rooting until the reviver runs; its SyntaxError messages follow
//! V8's (Node 20) wording and positions. The reviver walk and the serializer
//! recurse once per nesting level and stop with V8's RangeError ("Maximum
//! call stack size exceeded") past `MAX_DEPTH` levels or when the Rust
//! stack runs low (`Vm::stack_exhausted`), whichever comes first; Node
//! stops at about 4,000 levels, so anything Node serializes works here.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::object::kind::ObjectKind;
use crate::string::{CodeUnit, Flat, StrBuilder, StrView};
use crate::value::{ObjId, PropertyKey, RealmId, StrId, Value};
use crate::vm::Vm;

use super::array::{get_index, length_of};
use super::array_methods::MAX_STRING_LENGTH;
use super::string::code_point_at;
use super::support::{define_to_string_tag, intrinsics, kind};

/// Nesting depth at which the reviver walk and the serializer give up
/// (well past Node's stack-bound limit of about 4,000 levels).
const MAX_DEPTH: usize = 20_000;

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let json = intrinsics(vm, realm).json;
        vm.define_method(json, "isRawJSON", 1, is_raw_json);
        vm.define_method(json, "parse", 2, parse);
        vm.define_method(json, "rawJSON", 1, raw_json);
        vm.define_method(json, "stringify", 3, stringify);
        define_to_string_tag(vm, json, "JSON");
    });
}

fn too_deep() -> JsError {
    JsError::range_error("Maximum call stack size exceeded")
}

// ---- JSON.parse ----

/// A copy of the body of string `s` in its own representation (the
/// parser reads it while allocating on the heap it lives in).
fn text_of(vm: &Vm, s: StrId) -> Flat {
    match vm.heap.str(s) {
        StrView::Latin1(b) => Flat::Latin1(b.into()),
        StrView::Utf16(u) => Flat::Utf16(u.into()),
    }
}

/// Parses `text` (records wanted or not), whatever its representation.
fn parse_text(vm: &mut Vm, text: &Flat, records: bool) -> JsResult<(Value, Option<Rec>)> {
    match text {
        Flat::Latin1(b) => Parser { s: &b[..], pos: 0 }.parse(vm, records),
        Flat::Utf16(u) => Parser { s: &u[..], pos: 0 }.parse(vm, records),
    }
}

/// JSON.parse(text, reviver) (25.5.1), with the reviver's context argument
/// carrying the source text of primitive values.
fn parse(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    let text = text_of(vm, s);
    let reviver = args.arg(1);
    let revive = vm.is_callable(reviver);
    let (value, rec) = parse_text(vm, &text, revive)?;
    if !revive {
        return Ok(value);
    }
    vm.push_root(value);
    let root = vm.new_plain_object();
    vm.push_root(Value::Object(root));
    vm.create_data_property_or_throw(root, PropertyKey::Atom(atoms::EMPTY), value)?;
    let reviving = Reviving {
        reviver,
        source: text.view(),
    };
    internalize(
        vm,
        &reviving,
        root,
        PropertyKey::Atom(atoms::EMPTY),
        rec.as_ref(),
        0,
    )
}

/// What InternalizeJSONProperty needs besides its holder and name.
struct Reviving<'a> {
    reviver: Value,
    source: StrView<'a>,
}

/// InternalizeJSONProperty(holder, name, reviver, valCtx) (25.5.1.1).
fn internalize(
    vm: &mut Vm,
    r: &Reviving,
    holder: ObjId,
    name: PropertyKey,
    rec: Option<&Rec>,
    depth: usize,
) -> JsResult<Value> {
    if depth > MAX_DEPTH || vm.stack_exhausted() {
        return Err(too_deep());
    }
    let val = vm.get_prop(holder, name)?;
    vm.push_root(val);
    let context = vm.new_plain_object();
    vm.push_root(Value::Object(context));
    // The record applies only while the value is still the parsed one.
    let rec = rec.filter(|rec| vm.same_value(rec.value(), val));
    if let Some(Rec::Prim(_, a, b)) = rec {
        let src = Value::String(vm.new_string_view(r.source.slice(*a, *b)));
        let key = vm.key("source");
        vm.create_data_property_or_throw(context, key, src)?;
    }
    if let Value::Object(o) = val {
        let base = vm.roots_len();
        if vm.is_array(val)? {
            let elements: &[Rec] = match rec {
                Some(Rec::Array(_, e)) => e,
                _ => &[],
            };
            let len = length_of(vm, o)?;
            for i in 0..len {
                let key = super::support::index_key(vm, i);
                let er = elements.get(i as usize);
                let e = internalize(vm, r, o, key, er, depth + 1)?;
                if e.is_undefined() {
                    vm.delete(o, key)?;
                } else {
                    vm.create_data_property(o, key, e)?;
                }
                vm.truncate_roots(base);
            }
        } else {
            let entries: &[(PropertyKey, Rec)] = match rec {
                Some(Rec::Object(_, e)) => e,
                _ => &[],
            };
            let keys = enumerable_own_string_keys(vm, o)?;
            for key in keys {
                let er = entries.iter().find(|(k, _)| *k == key).map(|(_, rec)| rec);
                let e = internalize(vm, r, o, key, er, depth + 1)?;
                if e.is_undefined() {
                    vm.delete(o, key)?;
                } else {
                    vm.create_data_property(o, key, e)?;
                }
                vm.truncate_roots(base);
            }
        }
    }
    let name_v = vm.key_to_value(name);
    vm.push_root(name_v);
    vm.call(
        r.reviver,
        Value::Object(holder),
        &[name_v, val, Value::Object(context)],
    )
}

/// JSON.rawJSON(text) (proposal-json-parse-with-source): a frozen
/// null-prototype object whose `rawJSON` is the text of a JSON primitive.
fn raw_json(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let text = text_of(vm, s);
    let v = text.view();
    let first = v.get(0);
    let last = v.len().checked_sub(1).and_then(|i| v.get(i));
    let bad_edge = |u: Option<u16>| matches!(u, None | Some(0x09 | 0x0A | 0x0D | 0x20));
    if bad_edge(first) || bad_edge(last) {
        return Err(JsError::syntax_error(
            "JSON.rawJSON cannot be called with an empty string or leading/trailing whitespace",
        ));
    }
    if matches!(first, Some(0x7B | 0x5B)) {
        return Err(JsError::syntax_error(
            "JSON.rawJSON cannot be called with an object or array",
        ));
    }
    parse_text(vm, &text, false)?;
    let obj = vm.alloc_object(ObjectKind::RawJson, None);
    vm.push_root(Value::Object(obj));
    let key = vm.key("rawJSON");
    vm.create_data_property_or_throw(obj, key, Value::String(s))?;
    vm.set_integrity_level_fast(obj, true);
    Ok(Value::Object(obj))
}

/// JSON.isRawJSON(O): true for objects made by `JSON.rawJSON`.
fn is_raw_json(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(matches!(
        args.arg(0),
        Value::Object(o) if matches!(kind(vm, o), ObjectKind::RawJson)
    )))
}

/// EnumerableOwnProperties(O, key) restricted to string keys (7.3.23).
fn enumerable_own_string_keys(vm: &mut Vm, o: ObjId) -> JsResult<Vec<PropertyKey>> {
    let keys = vm.own_property_keys(o)?;
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        if matches!(k, PropertyKey::Symbol(_)) {
            continue;
        }
        if let Some(d) = vm.get_own_property(o, k)? {
            if d.enumerable == Some(true) {
                out.push(k);
            }
        }
    }
    Ok(out)
}

/// An open container while parsing (with the parse records of its
/// members when they are wanted).
enum Frame {
    Array(Vec<Value>, Vec<Rec>),
    /// The object, the key of the value being parsed, and the members'
    /// records by key.
    Object(ObjId, PropertyKey, Vec<(PropertyKey, Rec)>),
}

/// A JSON Parse Record (proposal-json-parse-with-source): the value a
/// piece of source produced, and for primitives the source span.
enum Rec {
    Prim(Value, usize, usize),
    Array(ObjId, Vec<Rec>),
    Object(ObjId, Vec<(PropertyKey, Rec)>),
}

impl Rec {
    fn value(&self) -> Value {
        match self {
            Rec::Prim(v, _, _) => *v,
            Rec::Array(o, _) | Rec::Object(o, _) => Value::Object(*o),
        }
    }
}

struct Parser<'a, T> {
    s: &'a [T],
    pos: usize,
}

/// A string literal's contents: the source text itself when it has no
/// escapes, else the decoded units.
enum Lit<'a, T> {
    Raw(&'a [T]),
    Decoded(Vec<u16>),
}

impl<T: CodeUnit> Lit<'_, T> {
    fn view(&self) -> StrView<'_> {
        match self {
            Lit::Raw(r) => T::view_of(r),
            Lit::Decoded(u) => StrView::Utf16(u),
        }
    }
}

const MAX_CONTEXT: usize = 10;

impl<'a, T: CodeUnit> Parser<'a, T> {
    #[inline]
    fn peek(&self) -> Option<u16> {
        self.s.get(self.pos).map(|&c| c.into())
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn err_at(&self, msg: &str, pos: usize) -> JsError {
        JsError::syntax_error(format!("{msg} in JSON at position {pos}"))
    }

    fn eos(&self) -> JsError {
        JsError::syntax_error("Unexpected end of JSON input")
    }

    /// The "Unexpected token" error for the character at `pos` (or the end
    /// of input), with V8's source context.
    fn unexpected(&self, pos: usize) -> JsError {
        if pos >= self.s.len() {
            return self.eos();
        }
        let units = T::view_of(self.s).to_units();
        let src = String::from_utf16_lossy(&units);
        if matches!(
            src.as_str(),
            "undefined" | "NaN" | "Infinity" | "[object Object]"
        ) {
            return JsError::syntax_error(format!("\"{src}\" is not valid JSON"));
        }
        let (cp, _, _) = code_point_at(&units, pos);
        let tok = char::from_u32(cp).unwrap_or('\u{FFFD}');
        let len = units.len();
        let ctx = |a: usize, b: usize| String::from_utf16_lossy(&units[a..b.min(len)]);
        let msg = if len < MAX_CONTEXT * 2 + 1 {
            format!("Unexpected token '{tok}', \"{src}\" is not valid JSON")
        } else if pos < MAX_CONTEXT {
            format!(
                "Unexpected token '{tok}', \"{}\"... is not valid JSON",
                ctx(0, pos + MAX_CONTEXT)
            )
        } else if pos < len - MAX_CONTEXT {
            format!(
                "Unexpected token '{tok}', ...\"{}\"... is not valid JSON",
                ctx(pos - MAX_CONTEXT, pos + MAX_CONTEXT)
            )
        } else {
            format!(
                "Unexpected token '{tok}', ...\"{}\" is not valid JSON",
                ctx(pos - MAX_CONTEXT, len)
            )
        };
        JsError::syntax_error(msg)
    }

    /// Parses the whole text. With `records`, also returns the JSON Parse
    /// Record tree (source text access for the reviver), with every value
    /// in it rooted.
    fn parse(mut self, vm: &mut Vm, records: bool) -> JsResult<(Value, Option<Rec>)> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            // Parse one value (or open a container).
            self.skip_ws();
            let start = self.pos;
            let mut value = match self.peek() {
                None => return Err(self.eos()),
                Some(c) if c == b'{' as u16 => {
                    self.pos += 1;
                    self.skip_ws();
                    let obj = vm.new_plain_object();
                    if self.peek() == Some(b'}' as u16) {
                        self.pos += 1;
                        Value::Object(obj)
                    } else {
                        // V8 names what it expected, even at the end of input.
                        let key = match self.peek() {
                            Some(q) if q == b'"' as u16 => self.property_name(vm, true)?,
                            _ => return Err(self.err_at("Expected property name or '}'", self.pos)),
                        };
                        stack.push(Frame::Object(obj, key, Vec::new()));
                        continue 'value;
                    }
                }
                Some(c) if c == b'[' as u16 => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']' as u16) {
                        self.pos += 1;
                        Value::Object(vm.new_array(&[]))
                    } else {
                        stack.push(Frame::Array(Vec::new(), Vec::new()));
                        continue 'value;
                    }
                }
                Some(c) if c == b'"' as u16 => {
                    let lit = self.string()?;
                    Value::String(vm.new_string_view(lit.view()))
                }
                Some(c) if c == b'-' as u16 || (b'0' as u16..=b'9' as u16).contains(&c) => {
                    Value::Number(self.number()?)
                }
                Some(c) if c == b't' as u16 => {
                    self.literal("true")?;
                    Value::Boolean(true)
                }
                Some(c) if c == b'f' as u16 => {
                    self.literal("false")?;
                    Value::Boolean(false)
                }
                Some(c) if c == b'n' as u16 => {
                    self.literal("null")?;
                    Value::Null
                }
                Some(_) => return Err(self.unexpected(self.pos)),
            };
            let mut rec = if records {
                vm.push_root(value);
                Some(match value {
                    Value::Object(o) if vm.is_array(value)? => Rec::Array(o, Vec::new()),
                    Value::Object(o) => Rec::Object(o, Vec::new()),
                    _ => Rec::Prim(value, start, self.pos),
                })
            } else {
                None
            };
            // Attach the value to its container; close finished containers.
            loop {
                let Some(top) = stack.last_mut() else {
                    self.skip_ws();
                    if self.pos < self.s.len() {
                        return Err(JsError::syntax_error(format!(
                            "Unexpected non-whitespace character after JSON at position {}",
                            self.pos
                        )));
                    }
                    return Ok((value, rec));
                };
                self.skip_ws();
                match top {
                    Frame::Array(items, recs) => {
                        items.push(value);
                        if let Some(r) = rec.take() {
                            recs.push(r);
                        }
                        match self.peek() {
                            Some(c) if c == b',' as u16 => {
                                self.pos += 1;
                                continue 'value;
                            }
                            Some(c) if c == b']' as u16 => {
                                self.pos += 1;
                                let Some(Frame::Array(items, recs)) = stack.pop() else {
                                    unreachable_frame()?
                                };
                                let a = vm.new_array(&items);
                                value = Value::Object(a);
                                if records {
                                    vm.push_root(value);
                                    rec = Some(Rec::Array(a, recs));
                                }
                            }
                            _ => {
                                return Err(self
                                    .err_at("Expected ',' or ']' after array element", self.pos))
                            }
                        }
                    }
                    Frame::Object(obj, key, entries) => {
                        let (obj, key) = (*obj, *key);
                        vm.create_data_property(obj, key, value)?;
                        if let Some(r) = rec.take() {
                            // A repeated name: the last value wins.
                            entries.retain(|(k, _)| *k != key);
                            entries.push((key, r));
                        }
                        match self.peek() {
                            Some(c) if c == b',' as u16 => {
                                self.pos += 1;
                                self.skip_ws();
                                let key = match self.peek() {
                                    Some(q) if q == b'"' as u16 => self.property_name(vm, false)?,
                                    _ => {
                                        return Err(self.err_at(
                                            "Expected double-quoted property name",
                                            self.pos,
                                        ))
                                    }
                                };
                                if let Some(Frame::Object(_, k, _)) = stack.last_mut() {
                                    *k = key;
                                }
                                continue 'value;
                            }
                            Some(c) if c == b'}' as u16 => {
                                self.pos += 1;
                                let Some(Frame::Object(_, _, entries)) = stack.pop() else {
                                    unreachable_frame()?
                                };
                                value = Value::Object(obj);
                                if records {
                                    vm.push_root(value);
                                    rec = Some(Rec::Object(obj, entries));
                                }
                            }
                            _ => {
                                return Err(self
                                    .err_at("Expected ',' or '}' after property value", self.pos))
                            }
                        }
                    }
                }
            }
        }
    }

    /// A property name and the ':' after it. At the end of input V8 says
    /// what it expected only after an object's first name.
    fn property_name(&mut self, vm: &mut Vm, first: bool) -> JsResult<PropertyKey> {
        let lit = self.string()?;
        self.skip_ws();
        match self.peek() {
            Some(c) if c == b':' as u16 => self.pos += 1,
            None if !first => return Err(self.eos()),
            _ => return Err(self.err_at("Expected ':' after property name", self.pos)),
        }
        Ok(vm.key_from_view(lit.view()))
    }

    fn literal(&mut self, word: &str) -> JsResult<()> {
        for b in word.bytes() {
            match self.peek() {
                None => return Err(self.eos()),
                Some(c) if c == b as u16 => self.pos += 1,
                Some(_) => return Err(self.unexpected(self.pos)),
            }
        }
        Ok(())
    }

    /// A string literal starting at the opening quote.
    fn string(&mut self) -> JsResult<Lit<'a, T>> {
        self.pos += 1;
        let start = self.pos;
        let s: &'a [T] = self.s;
        // Most literals have no escapes: their text is the source itself.
        loop {
            let Some(&c) = s.get(self.pos) else {
                return Err(self.err_at("Unterminated string", s.len()));
            };
            let c: u16 = c.into();
            if c == b'"' as u16 {
                self.pos += 1;
                return Ok(Lit::Raw(&s[start..self.pos - 1]));
            }
            if c == b'\\' as u16 {
                break;
            }
            if c < 0x20 {
                return Err(self.err_at("Bad control character in string literal", self.pos));
            }
            self.pos += 1;
        }
        let mut out: Vec<u16> = s[start..self.pos].iter().map(|&c| c.into()).collect();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err_at("Unterminated string", self.s.len()));
            };
            if c == b'"' as u16 {
                self.pos += 1;
                return Ok(Lit::Decoded(out));
            }
            if c < 0x20 {
                return Err(self.err_at("Bad control character in string literal", self.pos));
            }
            if c != b'\\' as u16 {
                out.push(c);
                self.pos += 1;
                continue;
            }
            self.pos += 1;
            let Some(e) = self.peek() else {
                return Err(self.err_at("Unterminated string", self.s.len()));
            };
            let simple = match e {
                0x22 => Some(0x22),
                0x5C => Some(0x5C),
                0x2F => Some(0x2F),
                0x62 => Some(0x08),
                0x66 => Some(0x0C),
                0x6E => Some(0x0A),
                0x72 => Some(0x0D),
                0x74 => Some(0x09),
                _ => None,
            };
            if let Some(u) = simple {
                out.push(u);
                self.pos += 1;
                continue;
            }
            if e != b'u' as u16 {
                return Err(self.err_at("Bad escaped character", self.pos));
            }
            self.pos += 1;
            let mut v: u16 = 0;
            for _ in 0..4 {
                let Some(h) = self.peek() else {
                    return Err(self.err_at("Bad Unicode escape", self.pos));
                };
                let d = match h {
                    0x30..=0x39 => h - 0x30,
                    0x41..=0x46 => h - 0x41 + 10,
                    0x61..=0x66 => h - 0x61 + 10,
                    _ => return Err(self.err_at("Bad Unicode escape", self.pos)),
                };
                v = v * 16 + d;
                self.pos += 1;
            }
            out.push(v);
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if (0x30..=0x39).contains(&c) {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.pos - start
    }

    fn number(&mut self) -> JsResult<f64> {
        let start = self.pos;
        if self.peek() == Some(b'-' as u16) {
            self.pos += 1;
        }
        match self.peek() {
            Some(0x30) => {
                self.pos += 1;
                if matches!(self.peek(), Some(0x30..=0x39)) {
                    return Err(self.err_at("Unexpected number", self.pos));
                }
            }
            Some(0x31..=0x39) => {
                self.digits();
            }
            _ => return Err(self.err_at("No number after minus sign", self.pos)),
        }
        if self.peek() == Some(b'.' as u16) {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.err_at("Unterminated fractional number", self.pos));
            }
        }
        if matches!(self.peek(), Some(0x65) | Some(0x45)) {
            self.pos += 1;
            if matches!(self.peek(), Some(0x2B) | Some(0x2D)) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.err_at("Exponent part is missing a number", self.pos));
            }
        }
        Ok(number_value(&self.s[start..self.pos]))
    }
}

/// The value of a JSON number's (already validated, ASCII) text: exact
/// integer arithmetic for up to 15 digits, else Rust's correctly rounded
/// decimal parsing.
fn number_value<T: CodeUnit>(text: &[T]) -> f64 {
    let (neg, digits) = match text.split_first() {
        Some((&c, rest)) if c.into() == b'-' as u16 => (true, rest),
        _ => (false, text),
    };
    if digits.len() <= 15 && digits.iter().all(|&c| (0x30..=0x39).contains(&c.into())) {
        let v = digits
            .iter()
            .fold(0u64, |v, &c| v * 10 + (c.into() - 0x30) as u64) as f64;
        return if neg { -v } else { v };
    }
    let ascii: Vec<u8> = text.iter().map(|&c| c.into() as u8).collect();
    std::str::from_utf8(&ascii)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

/// Never happens: the frame on top was just matched. Kept as an error
/// rather than a panic.
fn unreachable_frame<T>() -> JsResult<T> {
    Err(JsError::type_error(
        "internal error: JSON parser frame mismatch",
    ))
}

// ---- JSON.stringify ----

struct Serializer {
    replacer: Option<Value>,
    property_list: Option<Vec<PropertyKey>>,
    gap: Vec<u16>,
    indent: Vec<u16>,
    /// The objects being serialized, outermost first (the spec's `stack`),
    /// each with the key it was reached by (for the circular-structure
    /// message), and the objects as a set for the cycle check.
    stack: Vec<(ObjId, PropertyKey)>,
    on_stack: hashbrown::HashSet<ObjId>,
    out: StrBuilder,
    /// Quoted property names already produced (keys repeat across objects).
    quoted_keys: hashbrown::HashMap<PropertyKey, StrBuilder>,
}

/// JSON.stringify(value, replacer, space) (25.5.2).
fn stringify(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (value, replacer, space) = (args.arg(0), args.arg(1), args.arg(2));
    let mut ser = Serializer {
        replacer: None,
        property_list: None,
        gap: Vec::new(),
        indent: Vec::new(),
        stack: Vec::new(),
        on_stack: hashbrown::HashSet::new(),
        out: StrBuilder::new(),
        quoted_keys: hashbrown::HashMap::new(),
    };
    if let Value::Object(r) = replacer {
        if vm.is_callable(replacer) {
            ser.replacer = Some(replacer);
        } else if vm.is_array(replacer)? {
            let mut list: Vec<PropertyKey> = Vec::new();
            let len = length_of(vm, r)?;
            for k in 0..len {
                let v = get_index(vm, r, k)?;
                let item = match v {
                    Value::String(_) | Value::Number(_) => Some(v),
                    Value::Object(o)
                        if matches!(kind(vm, o), ObjectKind::String(_) | ObjectKind::Number(_)) =>
                    {
                        Some(Value::String(vm.to_string(v)?))
                    }
                    _ => None,
                };
                if let Some(item) = item {
                    let s = vm.to_string(item)?;
                    let key = vm.to_property_key(Value::String(s))?;
                    if !list.contains(&key) {
                        list.push(key);
                    }
                }
            }
            ser.property_list = Some(list);
        }
    }
    let mut space = space;
    if let Value::Object(o) = space {
        match kind(vm, o) {
            ObjectKind::Number(_) => space = Value::Number(vm.to_number(space)?),
            ObjectKind::String(_) => space = Value::String(vm.to_string(space)?),
            _ => {}
        }
    }
    match space {
        Value::Number(_) => {
            let n = vm.to_integer_or_infinity(space)?.min(10.0);
            if n >= 1.0 {
                ser.gap = vec![b' ' as u16; n as usize];
            }
        }
        Value::String(s) => {
            let mut u = vm.string_units(s);
            u.truncate(10);
            ser.gap = u;
        }
        _ => {}
    }
    let wrapper = vm.new_plain_object();
    vm.push_root(Value::Object(wrapper));
    vm.create_data_property_or_throw(wrapper, PropertyKey::Atom(atoms::EMPTY), value)?;
    if ser.serialize_property(vm, PropertyKey::Atom(atoms::EMPTY), wrapper)? {
        Ok(Value::String(vm.new_string_built(ser.out)))
    } else {
        Ok(Value::Undefined)
    }
}

/// QuoteJSONString(value) (25.5.2.3), appended to `out`.
pub fn quote_json_string(out: &mut StrBuilder, v: StrView<'_>) {
    match v {
        StrView::Latin1(b) => quote_units(out, b),
        StrView::Utf16(u) => quote_units(out, u),
    }
}

/// QuoteJSONString over one representation: runs that need no escape are
/// copied whole.
fn quote_units<T: CodeUnit>(out: &mut StrBuilder, s: &[T]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_unit(b'"' as u16);
    let mut run = 0;
    let mut i = 0;
    while i < s.len() {
        let c: u16 = s[i].into();
        if c >= 0x20 && c != 0x22 && c != 0x5C && !(0xD800..0xE000).contains(&c) {
            i += 1;
            continue;
        }
        if (0xD800..0xDC00).contains(&c)
            && s.get(i + 1)
                .is_some_and(|&t| (0xDC00..0xE000).contains(&t.into()))
        {
            // A surrogate pair is copied as it is.
            i += 2;
            continue;
        }
        out.push_view(T::view_of(&s[run..i]));
        let esc = match c {
            0x08 => Some("\\b"),
            0x09 => Some("\\t"),
            0x0A => Some("\\n"),
            0x0C => Some("\\f"),
            0x0D => Some("\\r"),
            0x22 => Some("\\\""),
            0x5C => Some("\\\\"),
            _ => None,
        };
        match esc {
            Some(e) => out.push_str(e),
            None => {
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push_unit(HEX[((c >> shift) & 0xF) as usize] as u16);
                }
            }
        }
        i += 1;
        run = i;
    }
    out.push_view(T::view_of(&s[run..]));
    out.push_unit(b'"' as u16);
}

impl Serializer {
    fn check_len(&self) -> JsResult<()> {
        if self.out.len() > MAX_STRING_LENGTH {
            Err(JsError::range_error("Invalid string length"))
        } else {
            Ok(())
        }
    }

    /// SerializeJSONProperty(state, key, holder) (25.5.2.2): appends the
    /// serialization to `out` and returns true, or returns false for
    /// undefined (nothing appended).
    fn serialize_property(
        &mut self,
        vm: &mut Vm,
        key: PropertyKey,
        holder: ObjId,
    ) -> JsResult<bool> {
        let mut value = vm.get_prop(holder, key)?;
        vm.push_root(value);
        if matches!(value, Value::Object(_) | Value::BigInt(_)) {
            let to_json = vm.get_v(value, PropertyKey::Atom(atoms::TO_JSON))?;
            if vm.is_callable(to_json) {
                let k = vm.key_to_value(key);
                vm.push_root(k);
                value = vm.call(to_json, value, &[k])?;
                vm.push_root(value);
            }
        }
        if let Some(r) = self.replacer {
            let k = vm.key_to_value(key);
            vm.push_root(k);
            value = vm.call(r, Value::Object(holder), &[k, value])?;
            vm.push_root(value);
        }
        if let Value::Object(o) = value {
            match kind(vm, o) {
                ObjectKind::RawJson => {
                    let key = vm.key("rawJSON");
                    let raw = vm.get_prop(o, key)?;
                    if let Value::String(rs) = raw {
                        self.out.push_view(vm.heap.str(rs));
                    }
                    self.check_len()?;
                    return Ok(true);
                }
                ObjectKind::Number(_) => value = Value::Number(vm.to_number(value)?),
                ObjectKind::String(_) => value = Value::String(vm.to_string(value)?),
                ObjectKind::Boolean(b) => value = Value::Boolean(*b),
                ObjectKind::BigInt(b) => value = Value::BigInt(*b),
                _ => {}
            }
        }
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Boolean(true) => self.out.push_str("true"),
            Value::Boolean(false) => self.out.push_str("false"),
            Value::String(s) => quote_json_string(&mut self.out, vm.heap.str(s)),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    self.out.push_integer(n as i64);
                } else if n.is_finite() {
                    self.out.push_str(&crate::num::number_to_string(n));
                } else {
                    self.out.push_str("null");
                }
            }
            Value::BigInt(_) => {
                return Err(JsError::type_error("Do not know how to serialize a BigInt"))
            }
            Value::Object(o) if !vm.is_callable(value) => {
                if vm.is_array(value)? {
                    self.serialize_array(vm, o, key)?;
                } else {
                    self.serialize_object(vm, o, key)?;
                }
            }
            _ => return Ok(false),
        }
        self.check_len()?;
        Ok(true)
    }

    fn enter(&mut self, vm: &mut Vm, o: ObjId, key: PropertyKey) -> JsResult<Vec<u16>> {
        if self.on_stack.contains(&o) {
            return Err(JsError::type_error(self.circular_message(vm, o, key)));
        }
        if self.stack.len() >= MAX_DEPTH || vm.stack_exhausted() {
            return Err(too_deep());
        }
        self.stack.push((o, key));
        self.on_stack.insert(o);
        let stepback = self.indent.clone();
        self.indent.extend_from_slice(&self.gap);
        Ok(stepback)
    }

    /// V8's message for a cycle: where it starts, the path (at most two
    /// steps, "...", and the last one) and the key that closes it.
    fn circular_message(&self, vm: &mut Vm, o: ObjId, closing: PropertyKey) -> String {
        const PREFIX: usize = 2;
        const POSTFIX: usize = 1;
        fn step(vm: &mut Vm, msg: &mut String, key: PropertyKey, obj: ObjId) {
            let name = constructor_name_no_js(vm, obj);
            let key = key_text(vm, key);
            msg.push_str(&format!(
                "\n    |     {key} -> object with constructor '{name}'"
            ));
        }
        let start = self.stack.iter().position(|(x, _)| *x == o).unwrap_or(0);
        let rest = self.stack.get(start + 1..).unwrap_or(&[]);
        let mut msg = format!(
            "Converting circular structure to JSON\n    --> starting at object with constructor '{}'",
            constructor_name_no_js(vm, o)
        );
        let prefix_end = rest.len().min(PREFIX);
        for &(obj, k) in &rest[..prefix_end] {
            step(vm, &mut msg, k, obj);
        }
        if rest.len() > prefix_end + POSTFIX {
            msg.push_str("\n    |     ...");
        }
        for &(obj, k) in &rest[prefix_end.max(rest.len().saturating_sub(POSTFIX))..] {
            step(vm, &mut msg, k, obj);
        }
        msg.push_str(&format!(
            "\n    --- {} closes the circle",
            key_text(vm, closing)
        ));
        msg
    }

    fn leave(&mut self, stepback: Vec<u16>) {
        if let Some((o, _)) = self.stack.pop() {
            self.on_stack.remove(&o);
        }
        self.indent = stepback;
    }

    /// Writes the separator before member `i` of a container.
    fn member_separator(&mut self, i: usize) {
        if i > 0 {
            self.out.push_unit(b',' as u16);
        }
        if !self.gap.is_empty() {
            self.out.push_unit(b'\n' as u16);
            self.out.push_units(&self.indent);
        }
    }

    fn close(&mut self, count: usize, stepback: &[u16], close: u8) {
        if count > 0 && !self.gap.is_empty() {
            self.out.push_unit(b'\n' as u16);
            self.out.push_units(stepback);
        }
        self.out.push_unit(close as u16);
    }

    /// SerializeJSONObject(state, value) (25.5.2.5).
    fn serialize_object(&mut self, vm: &mut Vm, o: ObjId, key: PropertyKey) -> JsResult<()> {
        let stepback = self.enter(vm, o, key)?;
        let keys = match &self.property_list {
            Some(l) => l.clone(),
            None => enumerable_own_string_keys(vm, o)?,
        };
        self.out.push_unit(b'{' as u16);
        let mut count = 0;
        for key in keys {
            let mark = self.out.len();
            self.member_separator(count);
            if let Some(q) = self.quoted_keys.get(&key) {
                self.out.push_view(q.view());
            } else {
                let mut q = StrBuilder::new();
                match vm.key_to_value(key) {
                    Value::String(s) => quote_json_string(&mut q, vm.heap.str(s)),
                    _ => quote_json_string(&mut q, StrView::Latin1(&[])),
                }
                self.out.push_view(q.view());
                if self.quoted_keys.len() < 4096 {
                    self.quoted_keys.insert(key, q);
                }
            }
            self.out.push_unit(b':' as u16);
            if !self.gap.is_empty() {
                self.out.push_unit(b' ' as u16);
            }
            if self.serialize_property(vm, key, o)? {
                count += 1;
            } else {
                self.out.truncate(mark);
            }
        }
        self.close(count, &stepback, b'}');
        self.leave(stepback);
        Ok(())
    }

    /// SerializeJSONArray(state, value) (25.5.2.6).
    fn serialize_array(&mut self, vm: &mut Vm, o: ObjId, key: PropertyKey) -> JsResult<()> {
        let stepback = self.enter(vm, o, key)?;
        let len = length_of(vm, o)?;
        self.out.push_unit(b'[' as u16);
        for i in 0..len {
            self.member_separator(i as usize);
            let key = super::support::index_key(vm, i);
            if !self.serialize_property(vm, key, o)? {
                self.out.push_str("null");
            }
            self.check_len()?;
        }
        self.close(len as usize, &stepback, b']');
        self.leave(stepback);
        Ok(())
    }
}

/// V8's JSReceiver::GetConstructorName for messages, without running JS:
/// the name of the first `constructor` data property on the chain, else
/// "Object".
fn constructor_name_no_js(vm: &Vm, o: ObjId) -> String {
    let from_ctor = super::error::data_property_no_js(vm, o, PropertyKey::Atom(atoms::CONSTRUCTOR))
        .and_then(|c| match c {
            Value::Object(c) => {
                super::error::data_property_no_js(vm, c, PropertyKey::Atom(atoms::NAME))
            }
            _ => None,
        })
        .and_then(|n| match n {
            Value::String(s) => Some(vm.heap.str(s).to_rust_lossy()),
            _ => None,
        })
        .filter(|n| !n.is_empty());
    from_ctor.unwrap_or_else(|| "Object".to_string())
}

/// `index 3` or `property 'name'`, as V8's circular-structure message
/// shows a key.
fn key_text(vm: &mut Vm, key: PropertyKey) -> String {
    match key {
        PropertyKey::Index(i) => format!("index {i}"),
        _ => match vm.key_to_value(key) {
            Value::String(s) => format!("property '{}'", vm.string_to_rust(s)),
            _ => "property ''".to_string(),
        },
    }
}

/// JSON.stringify for Rust callers (e.g. the runtime's console): the
/// serialization of `v` with no replacer and no gap, or None for undefined.
pub fn stringify_value(vm: &mut Vm, v: Value) -> JsResult<Option<Vec<u16>>> {
    let mut ser = Serializer {
        replacer: None,
        property_list: None,
        gap: Vec::new(),
        indent: Vec::new(),
        stack: Vec::new(),
        on_stack: hashbrown::HashSet::new(),
        out: StrBuilder::new(),
        quoted_keys: hashbrown::HashMap::new(),
    };
    let wrapper = vm.new_plain_object();
    vm.push_root(Value::Object(wrapper));
    vm.create_data_property_or_throw(wrapper, PropertyKey::Atom(atoms::EMPTY), v)?;
    if ser.serialize_property(vm, PropertyKey::Atom(atoms::EMPTY), wrapper)? {
        Ok(Some(ser.out.into_units()))
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::quote_json_string;

    #[test]
    fn quoting() {
        use crate::string::{Flat, StrBuilder};
        let quoted = |f: Flat| {
            let mut out = StrBuilder::new();
            quote_json_string(&mut out, f.view());
            String::from_utf16_lossy(&out.into_units())
        };
        let s: Vec<u16> = "a\"\n\u{1}".encode_utf16().chain([0xD800]).collect();
        assert_eq!(quoted(Flat::Utf16(s.into())), "\"a\\\"\\n\\u0001\\ud800\"");
        let s: Vec<u16> = "\u{1F600}\\".encode_utf16().chain([0xDC00, 0x41]).collect();
        assert_eq!(quoted(Flat::Utf16(s.into())), "\"\u{1F600}\\\\\\udc00A\"");
        assert_eq!(
            quoted(Flat::Latin1(b"x\ty\xe9\"".to_vec().into())),
            "\"x\\ty\u{e9}\\\"\""
        );
        assert_eq!(quoted(Flat::Latin1(b"".to_vec().into())), "\"\"");
    }

    #[test]
    fn numbers() {
        assert_eq!(
            super::number_value(b"-0".as_slice()).to_bits(),
            (-0.0f64).to_bits()
        );
        assert_eq!(
            super::number_value(b"123456789012345".as_slice()),
            123456789012345.0
        );
        assert_eq!(
            super::number_value(b"1234567890123456789".as_slice()),
            1234567890123456789.0
        );
        assert_eq!(super::number_value(&[0x31u16, 0x2E, 0x35]), 1.5);
        assert_eq!(super::number_value(b"-2.5e-3".as_slice()), -0.0025);
    }
}

#[cfg(test)]
mod vm_tests {
    use super::super::support::testing::*;
    use crate::value::Value;

    fn parse_err(vm: &mut crate::vm::Vm, src: &str) -> String {
        let t = s(vm, src);
        let r = call(vm, "JSON.parse", Value::Undefined, &[t]);
        err_text(vm, r)
    }

    fn roundtrip(vm: &mut crate::vm::Vm, src: &str, space: Value) -> String {
        let t = s(vm, src);
        let v = call(vm, "JSON.parse", Value::Undefined, &[t]).unwrap();
        let r = call(
            vm,
            "JSON.stringify",
            Value::Undefined,
            &[v, Value::Undefined, space],
        )
        .unwrap();
        text(vm, r)
    }

    #[test]
    fn parse_and_stringify() {
        let mut vm = vm();
        assert_eq!(
            roundtrip(
                &mut vm,
                r#" {"a": [1, 2.5e3, -0, "x\u0041\n"], "b": {"c": null, "d": true}} "#,
                Value::Undefined
            ),
            r#"{"a":[1,2500,0,"xA\n"],"b":{"c":null,"d":true}}"#
        );
        assert_eq!(
            roundtrip(&mut vm, r#"{"a":[1,{}],"b":[]}"#, n(2.0)),
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}"
        );
        assert_eq!(
            roundtrip(&mut vm, r#""\ud800""#, Value::Undefined),
            r#""\ud800""#
        );
        assert_eq!(
            parse_err(&mut vm, r#"{"a":}"#),
            r#"SyntaxError: Unexpected token '}', "{"a":}" is not valid JSON"#
        );
        assert_eq!(
            parse_err(&mut vm, "[1 2]"),
            "SyntaxError: Expected ',' or ']' after array element in JSON at position 3"
        );
        assert_eq!(
            parse_err(&mut vm, ""),
            "SyntaxError: Unexpected end of JSON input"
        );
        assert_eq!(
            parse_err(&mut vm, "01"),
            "SyntaxError: Unexpected number in JSON at position 1"
        );
        assert_eq!(
            parse_err(&mut vm, r#"{"a":1,}"#),
            "SyntaxError: Expected double-quoted property name in JSON at position 7"
        );
        assert_eq!(
            parse_err(
                &mut vm,
                "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,x,16,17,18,19,20,21]"
            ),
            r#"SyntaxError: Unexpected token 'x', ...",13,14,15,x,16,17,18"... is not valid JSON"#
        );
        let deep = "[".repeat(100000) + &"]".repeat(100000);
        let t = s(&mut vm, &deep);
        assert!(call(&mut vm, "JSON.parse", Value::Undefined, &[t]).is_ok());
    }

    #[test]
    fn raw_json() {
        let mut vm = vm();
        let t = s(&mut vm, "1e1000");
        let raw = call(&mut vm, "JSON.rawJSON", Value::Undefined, &[t]).unwrap();
        let a = arr(&mut vm, &[raw, n(1.0)]);
        let r = call(&mut vm, "JSON.stringify", Value::Undefined, &[a]).unwrap();
        assert_eq!(text(&mut vm, r), "[1e1000,1]");
        let r = call(&mut vm, "JSON.isRawJSON", Value::Undefined, &[raw]).unwrap();
        assert!(matches!(r, Value::Boolean(true)));
        let t = s(&mut vm, " 1");
        let r = call(&mut vm, "JSON.rawJSON", Value::Undefined, &[t]);
        assert!(err_text(&mut vm, r).starts_with("SyntaxError"));
        let t = s(&mut vm, "{}");
        let r = call(&mut vm, "JSON.rawJSON", Value::Undefined, &[t]);
        assert!(err_text(&mut vm, r).starts_with("SyntaxError"));
    }

    #[test]
    fn cycles() {
        let mut vm = vm();
        let a = arr(&mut vm, &[]);
        call(&mut vm, "Array.prototype.push", a, &[a]).unwrap();
        let r = call(&mut vm, "JSON.stringify", Value::Undefined, &[a]);
        assert_eq!(
            err_text(&mut vm, r),
            "TypeError: Converting circular structure to JSON\n    --> starting at object with \
             constructor 'Array'\n    --- index 0 closes the circle"
        );
        let r = call(
            &mut vm,
            "JSON.stringify",
            Value::Undefined,
            &[Value::Undefined],
        )
        .unwrap();
        assert!(r.is_undefined());
        let r = call(&mut vm, "JSON.stringify", Value::Undefined, &[n(-0.0)]).unwrap();
        assert_eq!(text(&mut vm, r), "0");
    }
}

#[cfg(test)]
mod depth_tests {
    use super::super::support::testing::*;
    use crate::value::Value;

    /// `[[[...]]]` nested `depth` times, built without JS.
    fn nested(vm: &mut crate::vm::Vm, depth: usize) -> Value {
        let mut v = arr(vm, &[]);
        for _ in 0..depth {
            v = arr(vm, &[v]);
            vm.push_root(v);
        }
        v
    }

    /// Node serializes about 4,000 levels; so does jsvm (given the stack
    /// the CLI runs on).
    #[test]
    fn deep_nesting_serializes_like_node() {
        let h = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(|| {
                let mut vm = vm();
                let v = nested(&mut vm, 5000);
                let r = call(&mut vm, "JSON.stringify", Value::Undefined, &[v]);
                match r {
                    Ok(r) => text(&mut vm, r),
                    Err(_) => err_text(&mut vm, r),
                }
            })
            .expect("thread starts");
        let t = h.join().expect("no overflow");
        assert_eq!(t.len(), 2 * 5001, "{}", &t[..t.len().min(80)]);
        assert!(t.starts_with("[[[") && t.ends_with("]]]"));
    }

    /// On a small thread stack the serializer stops with a RangeError
    /// instead of overflowing.
    #[test]
    fn small_stacks_give_a_range_error() {
        let h = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let mut vm = vm();
                let v = nested(&mut vm, 20_000);
                let r = call(&mut vm, "JSON.stringify", Value::Undefined, &[v]);
                match r {
                    Ok(_) => "ok".to_string(),
                    Err(_) => err_text(&mut vm, r),
                }
            })
            .expect("thread starts");
        let out = h.join().expect("no overflow");
        assert!(
            out == "ok" || out == "RangeError: Maximum call stack size exceeded",
            "{out}"
        );
    }
}
