//! Node-compatible display of values: a port of Node 20's `util.inspect`
//! (formatValue / formatRaw) for what console.log and the uncaught-error
//! report need, without colours: depth 2, breakLength 80, compact 3 by
//! default, and the `%o` options (showHidden, showProxy, depth 4). This
//! half walks the object graph through the engine's embedding API; `names`
//! finds constructor names, tags and prefixes, `errors` formats errors, and
//! `layout` turns the pieces into lines.
//!
//! Invariant: like Node, inspecting runs user JavaScript only to read a
//! function's `name`, `constructor.name`, `Symbol.toStringTag`, an error's
//! `name`/`message`/`stack`/`cause`/`errors` and `prototype` (instanceof);
//! it never runs other getters or proxy traps and swallows what those
//! reads throw. Every object is visited at most once per path (cycles
//! print as `[Circular *N]`), and every value held across a call that can
//! run JS is rooted.

mod errors;
pub mod layout;
mod names;
mod web;

use jsvm_engine::api::PropertyKey;
use jsvm_engine::builtins::promise::PromiseState;
use jsvm_engine::describe::ObjectInfo;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use layout::{format_key, quote_units, reduce_to_single_string, Extras};
use names::{function_base, prefix};

/// Node's `maxArrayLength`.
const MAX_ARRAY_LENGTH: usize = 100;
/// Node's `maxStringLength`.
const MAX_STRING_LENGTH: usize = 10_000;
/// Strings shorter than this are never split over lines.
const MIN_LINE_WIDTH: usize = 16;

/// The `util.inspect` options jsvm uses.
#[derive(Clone, Copy, Debug)]
pub struct InspectOptions {
    /// Show non-enumerable properties and symbols (`[key]: value`).
    pub show_hidden: bool,
    /// Show proxies as `Proxy [ target, handler ]`.
    pub show_proxy: bool,
    /// How many levels to descend (None: no limit).
    pub depth: Option<usize>,
}

impl Default for InspectOptions {
    /// console.log's options.
    fn default() -> Self {
        InspectOptions {
            show_hidden: false,
            show_proxy: false,
            depth: Some(2),
        }
    }
}

impl InspectOptions {
    /// What `%o` uses: `{ showHidden: true, showProxy: true, depth: 4 }`.
    pub fn percent_o() -> Self {
        InspectOptions {
            show_hidden: true,
            show_proxy: true,
            depth: Some(4),
        }
    }
}

/// Formats `v` as `util.inspect(v)` does.
pub fn inspect(vm: &mut Vm, v: Value) -> String {
    inspect_with(vm, v, InspectOptions::default())
}

/// Formats `v` as `util.inspect(v, options)` does.
pub fn inspect_with(vm: &mut Vm, v: Value, options: InspectOptions) -> String {
    inspect_impl(vm, v, options, false)
}

/// `inspect(v)` for the uncaught-exception report. One difference: an
/// error whose stack has no frame lines shows unbracketed. In jsvm that
/// happens when no JS frame was running (an error made by the host or by a
/// built-in called from a job), where Node's stack would still list
/// internal or native frames (`at JSON.parse (<anonymous>)`,
/// `at processPromiseRejections (node:internal/...)`) and print
/// `Name: message` without brackets.
pub(crate) fn inspect_uncaught(vm: &mut Vm, v: Value) -> String {
    inspect_impl(vm, v, InspectOptions::default(), true)
}

fn inspect_impl(vm: &mut Vm, v: Value, options: InspectOptions, uncaught: bool) -> String {
    let mark = vm.roots_len();
    vm.push_root(v);
    let mut ctx = Ctx {
        options,
        seen: Vec::new(),
        circular: Vec::new(),
        indentation: 0,
        current_depth: 0,
        uncaught,
    };
    let s = ctx.format_value(vm, v, 0);
    vm.truncate_roots(mark);
    s
}

/// Formats a value for top-level console arguments: strings raw,
/// everything else as inspect shows it.
pub fn display(vm: &mut Vm, v: Value) -> String {
    match v {
        Value::String(s) => vm.string_to_rust(s),
        _ => inspect(vm, v),
    }
}

/// Number formatting as Node shows numbers (`-0` keeps its sign).
pub fn format_number(n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        "-0".to_string()
    } else {
        jsvm_engine::num::number_to_string(n)
    }
}

struct Ctx {
    options: InspectOptions,
    /// Objects on the current path (for cycle detection).
    seen: Vec<ObjId>,
    /// Objects found to be circular, with their `*N` reference numbers.
    circular: Vec<(ObjId, usize)>,
    indentation: usize,
    /// Depth of the most recently formatted object (Node's currentDepth).
    current_depth: usize,
    /// Formatting the uncaught-exception report (see `inspect_uncaught`).
    uncaught: bool,
}

/// How the entries of a container are produced (Node's `formatter`).
enum Formatter {
    None,
    Array(u64),
    Set(Vec<Value>),
    Map(Vec<(Value, Value)>),
    Iterator {
        pairs: bool,
        entries: Vec<Value>,
    },
    Promise(PromiseState, Value),
    WeakCollection,
    TypedArray {
        name: &'static str,
        length: usize,
        values: Vec<Value>,
    },
    ArrayBuffer {
        bytes: Vec<u8>,
        byte_length: Option<usize>,
    },
}

impl Ctx {
    /// `recurseTimes > ctx.depth`.
    fn too_deep(&self, recurse_times: usize) -> bool {
        matches!(self.options.depth, Some(d) if recurse_times > d)
    }

    fn format_value(&mut self, vm: &mut Vm, v: Value, recurse_times: usize) -> String {
        match v {
            Value::Undefined | Value::Uninit => "undefined".into(),
            Value::Null => "null".into(),
            Value::Boolean(b) => b.to_string(),
            Value::Number(n) => format_number(n),
            Value::String(s) => {
                let units = vm.string_units(s);
                self.format_string(&units)
            }
            Value::Symbol(s) => names::symbol_to_string(vm, s),
            Value::BigInt(b) => format!("{}n", vm.bigint_to_rust_string(b)),
            Value::Object(o) => self.format_object(vm, o, recurse_times),
        }
    }

    /// formatPrimitive for strings: quoted, cut at `maxStringLength`, split
    /// after newlines into `'a\n' +` lines when long.
    fn format_string(&self, units: &[u16]) -> String {
        let mut trailer = String::new();
        let units = if units.len() > MAX_STRING_LENGTH {
            let remaining = units.len() - MAX_STRING_LENGTH;
            trailer = format!(
                "... {remaining} more character{}",
                if remaining > 1 { "s" } else { "" }
            );
            &units[..MAX_STRING_LENGTH]
        } else {
            units
        };
        let len = units.len();
        if len > MIN_LINE_WIDTH && len > layout::BREAK_LENGTH.saturating_sub(self.indentation + 4) {
            let mut pieces = Vec::new();
            let mut start = 0;
            for (i, &u) in units.iter().enumerate() {
                if u == u16::from(b'\n') {
                    pieces.push(quote_units(&units[start..=i]));
                    start = i + 1;
                }
            }
            if start < units.len() {
                pieces.push(quote_units(&units[start..]));
            }
            let sep = format!(" +\n{}", " ".repeat(self.indentation + 2));
            return pieces.join(&sep) + &trailer;
        }
        quote_units(units) + &trailer
    }

    fn format_object(&mut self, vm: &mut Vm, o: ObjId, recurse_times: usize) -> String {
        let mut o = o;
        // Proxies: their target (or both parts with showProxy), without
        // running traps.
        if let ObjectInfo::Proxy { target, handler } = vm.inspect_info(o) {
            let Some(t) = target else {
                return "<Revoked Proxy>".into();
            };
            if self.options.show_proxy {
                return self.format_proxy(vm, t, handler, recurse_times);
            }
            o = t;
            while let ObjectInfo::Proxy { target, .. } = vm.inspect_info(o) {
                match target {
                    Some(t) => o = t,
                    None => return "<Revoked Proxy>".into(),
                }
            }
        }
        if self.seen.contains(&o) {
            let n = match self.circular.iter().find(|(c, _)| *c == o) {
                Some((_, n)) => *n,
                None => {
                    let n = self.circular.len() + 1;
                    self.circular.push((o, n));
                    n
                }
            };
            return format!("[Circular *{n}]");
        }
        // The runtime's Web API objects are shown as Node's custom
        // inspectors show them: `Name ${inspect(attributes, options)}`.
        if let Some(text) = web::search_params_text(vm, o, self.indentation) {
            return text;
        }
        if let Some((name, stand)) = web::stand_in(vm, o) {
            let sep = if name.is_empty() { "" } else { " " };
            let Some(depth) = self
                .options
                .depth
                .map_or(Some(None), |d| d.checked_sub(recurse_times).map(Some))
            else {
                return format!("{name}{sep}[Object]");
            };
            let options = InspectOptions {
                depth,
                ..self.options
            };
            let mark = vm.roots_len();
            vm.push_root(Value::Object(stand));
            let text = inspect_impl(vm, Value::Object(stand), options, false);
            vm.truncate_roots(mark);
            let indent = format!("\n{}", " ".repeat(self.indentation));
            return format!("{name}{sep}{}", text.replace('\n', &indent));
        }
        self.format_raw(vm, o, recurse_times)
    }

    /// Node's formatProxy (showProxy).
    fn format_proxy(
        &mut self,
        vm: &mut Vm,
        target: ObjId,
        handler: Option<ObjId>,
        recurse_times: usize,
    ) -> String {
        if self.too_deep(recurse_times) {
            return "Proxy [Array]".into();
        }
        let r = recurse_times + 1;
        self.indentation += 2;
        let handler = handler.map_or(Value::Null, Value::Object);
        let res = vec![
            self.format_value(vm, Value::Object(target), r),
            self.format_value(vm, handler, r),
        ];
        self.indentation -= 2;
        reduce_to_single_string(
            res,
            "",
            ("Proxy [", "]"),
            Extras::Array,
            self.indentation,
            self.current_depth.saturating_sub(r),
            false,
            false,
        )
    }

    /// Node's formatRaw.
    fn format_raw(&mut self, vm: &mut Vm, o: ObjId, recurse_times: usize) -> String {
        let mut proto_props: Option<Vec<String>> =
            (self.options.show_hidden && !self.too_deep(recurse_times)).then(Vec::new);
        let constructor = self.constructor_name(vm, o, recurse_times, &mut proto_props);
        if proto_props.as_ref().is_some_and(|p| p.is_empty()) {
            proto_props = None;
        }
        let no_proto = proto_props.is_none();
        let tag = names::to_string_tag(vm, o, self.options.show_hidden);
        let info = vm.inspect_info(o);
        let ctor = constructor.as_deref();
        let mut base = String::new();
        let mut braces = ("{".to_string(), "}".to_string());
        let mut extras = Extras::Object;
        let mut formatter = Formatter::None;
        let mut keys: Vec<PropertyKey> = Vec::new();

        let iterator_key = PropertyKey::Symbol(vm.symbols.iterator);
        let iterable = constructor.is_none() || vm.has_property(o, iterator_key).unwrap_or(false);
        let mut no_iterator = true;
        if iterable {
            no_iterator = false;
            match &info {
                ObjectInfo::Array => {
                    let len = names::array_length(vm, o);
                    let p = if ctor != Some("Array") || !tag.is_empty() {
                        prefix(ctor, &tag, "Array", &format!("({len})"))
                    } else {
                        String::new()
                    };
                    keys = names::own_keys(vm, o, self.options.show_hidden, true);
                    braces = (format!("{p}["), "]".into());
                    if len == 0 && keys.is_empty() && no_proto {
                        return format!("{}]", braces.0);
                    }
                    extras = Extras::Array;
                    formatter = Formatter::Array(len);
                }
                ObjectInfo::Set(values) => {
                    let p = prefix(ctor, &tag, "Set", &format!("({})", values.len()));
                    keys = names::own_keys(vm, o, self.options.show_hidden, false);
                    if values.is_empty() && keys.is_empty() && no_proto {
                        return format!("{p}{{}}");
                    }
                    root_all(vm, values);
                    formatter = Formatter::Set(values.clone());
                    braces = (format!("{p}{{"), "}".into());
                }
                ObjectInfo::Map(pairs) => {
                    let p = prefix(ctor, &tag, "Map", &format!("({})", pairs.len()));
                    keys = names::own_keys(vm, o, self.options.show_hidden, false);
                    if pairs.is_empty() && keys.is_empty() && no_proto {
                        return format!("{p}{{}}");
                    }
                    for &(k, v) in pairs {
                        vm.push_root(k);
                        vm.push_root(v);
                    }
                    formatter = Formatter::Map(pairs.clone());
                    braces = (format!("{p}{{"), "}".into());
                }
                ObjectInfo::TypedArray {
                    name,
                    length,
                    values,
                } => {
                    keys = names::own_keys(vm, o, self.options.show_hidden, true);
                    let fallback = if ctor.is_none() { *name } else { "" };
                    let p = prefix(ctor, &tag, fallback, &format!("({length})"));
                    braces = (format!("{p}["), "]".into());
                    if *length == 0 && keys.is_empty() && !self.options.show_hidden {
                        return format!("{}]", braces.0);
                    }
                    extras = Extras::Array;
                    formatter = Formatter::TypedArray {
                        name,
                        length: *length,
                        values: values.clone(),
                    };
                }
                ObjectInfo::CollectionIterator {
                    map,
                    pairs,
                    entries,
                } => {
                    keys = names::own_keys(vm, o, self.options.show_hidden, false);
                    let kind = if *map { "Map" } else { "Set" };
                    braces = (names::iterator_brace(kind, &tag), "}".into());
                    root_all(vm, entries);
                    formatter = Formatter::Iterator {
                        pairs: *pairs,
                        entries: entries.clone(),
                    };
                }
                _ => no_iterator = true,
            }
        }
        if no_iterator {
            keys = names::own_keys(vm, o, self.options.show_hidden, false);
            match &info {
                ObjectInfo::Function { class, flavor } => {
                    base = function_base(vm, o, *class, *flavor, ctor, &tag);
                    if keys.is_empty() && no_proto {
                        return base;
                    }
                }
                _ if ctor == Some("Object") => {
                    if matches!(info, ObjectInfo::Arguments) {
                        braces.0 = "[Arguments] {".into();
                    } else if !tag.is_empty() {
                        braces.0 = format!("{}{{", prefix(ctor, &tag, "Object", ""));
                    }
                    if keys.is_empty() && no_proto {
                        return format!("{}}}", braces.0);
                    }
                }
                ObjectInfo::RegExp(text) => {
                    base = text.clone();
                    let p = prefix(ctor, &tag, "RegExp", "");
                    if p != "RegExp " {
                        base = format!("{p}{base}");
                    }
                    if (keys.is_empty() && no_proto) || self.too_deep(recurse_times) {
                        return base;
                    }
                }
                ObjectInfo::Date(t) => {
                    base = if t.is_nan() {
                        "Invalid Date".into()
                    } else {
                        jsvm_engine::date::to_iso_string(*t).unwrap_or_default()
                    };
                    let p = prefix(ctor, &tag, "Date", "");
                    if p != "Date " {
                        base = format!("{p}{base}");
                    }
                    if keys.is_empty() && no_proto {
                        return base;
                    }
                }
                ObjectInfo::Error => {
                    base = self.format_error(vm, o, ctor, &tag, &mut keys);
                    if keys.is_empty() && no_proto {
                        return base;
                    }
                }
                ObjectInfo::ArrayBuffer {
                    shared,
                    bytes,
                    byte_length,
                } => {
                    let kind = if *shared {
                        "SharedArrayBuffer"
                    } else {
                        "ArrayBuffer"
                    };
                    braces.0 = format!("{}{{", prefix(ctor, &tag, kind, ""));
                    let k = vm.key("byteLength");
                    keys.insert(0, k);
                    formatter = Formatter::ArrayBuffer {
                        bytes: bytes.clone(),
                        byte_length: *byte_length,
                    };
                }
                ObjectInfo::DataView => {
                    braces.0 = format!("{}{{", prefix(ctor, &tag, "DataView", ""));
                    let front = [vm.key("byteLength"), vm.key("byteOffset"), vm.key("buffer")];
                    keys.splice(0..0, front);
                }
                ObjectInfo::Promise(state, result) => {
                    braces.0 = format!("{}{{", prefix(ctor, &tag, "Promise", ""));
                    vm.push_root(*result);
                    formatter = Formatter::Promise(*state, *result);
                }
                ObjectInfo::ModuleNamespace => {
                    // Node's formatRaw: `[Module: null prototype] {`.
                    braces.0 = format!("{}{{", prefix(ctor, &tag, "Module", ""));
                }
                ObjectInfo::Weak(kind) if *kind != "WeakRef" => {
                    braces.0 = format!("{}{{", prefix(ctor, &tag, kind, ""));
                    formatter = Formatter::WeakCollection;
                }
                ObjectInfo::Boxed(p) => {
                    base = self.boxed_base(vm, *p, ctor, &tag, &mut keys);
                    if keys.is_empty() && no_proto {
                        return base;
                    }
                }
                _ => {
                    let style = names::ctx_style(vm, o, ctor, &tag);
                    if keys.is_empty() && no_proto {
                        return format!("{style}{{}}");
                    }
                    braces.0 = format!("{style}{{");
                }
            }
        }

        if self.too_deep(recurse_times) {
            let style = names::ctx_style(vm, o, ctor, &tag);
            let name = style.strip_suffix(' ').unwrap_or(&style);
            return if constructor.is_some() {
                format!("[{name}]")
            } else {
                name.to_string()
            };
        }
        let r = recurse_times + 1;
        self.seen.push(o);
        self.current_depth = r;
        let mut numeric = false;
        let mut output = match formatter {
            Formatter::None => Vec::new(),
            Formatter::Array(len) => {
                let (items, all_numbers) = self.format_array(vm, o, len, r);
                numeric = all_numbers;
                items
            }
            Formatter::Set(values) => {
                self.indentation += 2;
                let mut out = Vec::new();
                for &v in values.iter().take(MAX_ARRAY_LENGTH) {
                    out.push(self.format_value(vm, v, r));
                }
                push_remaining(&mut out, values.len());
                self.indentation -= 2;
                out
            }
            Formatter::Map(pairs) => {
                self.indentation += 2;
                let mut out = Vec::new();
                for &(k, v) in pairs.iter().take(MAX_ARRAY_LENGTH) {
                    let k = self.format_value(vm, k, r);
                    let v = self.format_value(vm, v, r);
                    out.push(format!("{k} => {v}"));
                }
                push_remaining(&mut out, pairs.len());
                self.indentation -= 2;
                out
            }
            Formatter::Iterator { pairs, entries } => {
                if pairs {
                    if let Some(b) = braces.0.strip_suffix(" Iterator] {") {
                        braces.0 = format!("{b} Entries] {{");
                    }
                    self.format_map_iter_inner(vm, &entries, r)
                } else {
                    self.indentation += 2;
                    let mut out = Vec::new();
                    for &v in entries.iter().take(MAX_ARRAY_LENGTH) {
                        out.push(self.format_value(vm, v, r));
                    }
                    self.indentation -= 2;
                    push_remaining(&mut out, entries.len());
                    out
                }
            }
            Formatter::Promise(state, result) => {
                if state == PromiseState::Pending {
                    vec!["<pending>".to_string()]
                } else {
                    self.indentation += 2;
                    let s = self.format_value(vm, result, r);
                    self.indentation -= 2;
                    if state == PromiseState::Rejected {
                        vec![format!("<rejected> {s}")]
                    } else {
                        vec![s]
                    }
                }
            }
            Formatter::WeakCollection => vec!["<items unknown>".to_string()],
            Formatter::TypedArray {
                name,
                length,
                values,
            } => {
                numeric = true;
                self.format_typed_array(vm, o, name, length, &values, r)
            }
            Formatter::ArrayBuffer { bytes, byte_length } => {
                vec![array_buffer_contents(&bytes, byte_length)]
            }
        };
        if !keys.is_empty() {
            numeric = false;
        }
        for key in keys {
            output.push(self.format_property(vm, o, key, r, false));
        }
        if let Some(p) = proto_props {
            output.extend(p);
        }
        self.seen.pop();
        if let Some((_, n)) = self.circular.iter().find(|(c, _)| *c == o) {
            let reference = format!("<ref *{n}>");
            base = if base.is_empty() {
                reference
            } else {
                format!("{reference} {base}")
            };
        }
        let has_more = output.len() > MAX_ARRAY_LENGTH;
        let inner = self.current_depth.saturating_sub(r);
        reduce_to_single_string(
            output,
            &base,
            (&braces.0, &braces.1),
            extras,
            self.indentation,
            inner,
            numeric,
            has_more,
        )
    }

    /// Node's formatTypedArray: the elements as numbers, then (showHidden)
    /// the view's properties.
    fn format_typed_array(
        &mut self,
        vm: &mut Vm,
        o: ObjId,
        _name: &str,
        length: usize,
        values: &[Value],
        r: usize,
    ) -> Vec<String> {
        // Numbers, or (inline) BigInts shown as `10n`.
        let mut out: Vec<String> = values
            .iter()
            .take(MAX_ARRAY_LENGTH)
            .map(|&v| match v {
                Value::Number(n) => format_number(n),
                Value::BigInt(b) => format!("{}n", vm.bigint_to_rust_string(b)),
                _ => "undefined".to_string(),
            })
            .collect();
        push_remaining(&mut out, length);
        if self.options.show_hidden {
            self.indentation += 2;
            for key in [
                "BYTES_PER_ELEMENT",
                "length",
                "byteLength",
                "byteOffset",
                "buffer",
            ] {
                let k = vm.key(key);
                let v = vm.get_prop(o, k).unwrap_or(Value::Undefined);
                vm.push_root(v);
                let text = match v {
                    // formatValue(..., typedArray = true): a plain buffer
                    // shows only its length.
                    Value::Object(b)
                        if matches!(vm.inspect_info(b), ObjectInfo::ArrayBuffer { .. })
                            && names::own_keys(vm, b, true, false).is_empty() =>
                    {
                        let bl = vm.key("byteLength");
                        let len = vm.get_prop(b, bl).unwrap_or(Value::Undefined);
                        let len = self.format_value(vm, len, r);
                        format!("ArrayBuffer {{ byteLength: {len} }}")
                    }
                    _ => self.format_value(vm, v, r),
                };
                out.push(format!("[{key}]: {text}"));
            }
            self.indentation -= 2;
        }
        out
    }

    /// Node's formatMapIterInner for entries iterators: `[ key, value ]`.
    fn format_map_iter_inner(&mut self, vm: &mut Vm, entries: &[Value], r: usize) -> Vec<String> {
        let len = entries.len() / 2;
        let mut out = Vec::new();
        self.indentation += 2;
        for pair in entries.chunks(2).take(MAX_ARRAY_LENGTH) {
            let (k, v) = match pair {
                [k, v] => (*k, *v),
                _ => continue,
            };
            let res = vec![self.format_value(vm, k, r), self.format_value(vm, v, r)];
            out.push(reduce_to_single_string(
                res,
                "",
                ("[", "]"),
                Extras::Array,
                self.indentation,
                self.current_depth.saturating_sub(r),
                false,
                false,
            ));
        }
        self.indentation -= 2;
        push_remaining(&mut out, len);
        out
    }

    /// Node's formatArray with formatSpecialArray's hole handling: the
    /// entries, and whether every element is a number (right-aligned
    /// grouping).
    fn format_array(&mut self, vm: &mut Vm, o: ObjId, len: u64, r: usize) -> (Vec<String>, bool) {
        let mut output = Vec::new();
        let mut all_numbers = true;
        let mut i: u64 = 0;
        while i < len && output.len() < MAX_ARRAY_LENGTH {
            let key = names::index_key(vm, i);
            let desc = vm.get_own_property(o, key).ok().flatten();
            match desc {
                None => {
                    // A run of holes.
                    let mut j = i + 1;
                    while j < len {
                        let k = names::index_key(vm, j);
                        if vm.get_own_property(o, k).ok().flatten().is_some() {
                            break;
                        }
                        j += 1;
                    }
                    let n = j - i;
                    output.push(format!("<{n} empty item{}>", if n > 1 { "s" } else { "" }));
                    all_numbers = false;
                    i = j;
                }
                Some(d) => {
                    if !matches!(d.value, Some(Value::Number(_))) {
                        all_numbers = false;
                    }
                    output.push(self.format_property(vm, o, key, r, true));
                    i += 1;
                }
            }
        }
        let remaining = len - i;
        if remaining > 0 {
            output.push(format!(
                "... {remaining} more item{}",
                if remaining > 1 { "s" } else { "" }
            ));
        }
        (output, all_numbers)
    }

    /// Node's formatProperty: `key: value` (or the bare value for array
    /// elements), `[key]` for non-enumerable keys, `[Getter]` and friends
    /// for accessors (never called).
    fn format_property(
        &mut self,
        vm: &mut Vm,
        o: ObjId,
        key: PropertyKey,
        r: usize,
        array_element: bool,
    ) -> String {
        let (value, get, set, enumerable) = match vm.get_own_property(o, key).ok().flatten() {
            Some(d) => (
                d.value,
                d.get.flatten(),
                d.set.flatten(),
                d.enumerable.unwrap_or(false),
            ),
            // Inherited (e.g. an error's `cause` on its prototype).
            None => (
                Some(vm.get_prop(o, key).unwrap_or(Value::Undefined)),
                None,
                None,
                true,
            ),
        };
        let text = match value {
            Some(v) if !v.is_undefined() => {
                vm.push_root(v);
                self.indentation += 2;
                let s = self.format_value(vm, v, r);
                self.indentation -= 2;
                s
            }
            _ => match (get, set) {
                (Some(_), Some(_)) => "[Getter/Setter]".into(),
                (Some(_), None) => "[Getter]".into(),
                (None, Some(_)) => "[Setter]".into(),
                (None, None) => "undefined".into(),
            },
        };
        if array_element {
            return text;
        }
        let name = match key {
            PropertyKey::Symbol(s) => format!("[{}]", names::symbol_to_string(vm, s)),
            _ => {
                let name = match vm.key_to_value(key) {
                    Value::String(s) => vm.string_to_rust(s),
                    _ => String::new(),
                };
                if name == "__proto__" {
                    "['__proto__']".into()
                } else if !enumerable {
                    format!("[{}]", layout::escape_key(&name))
                } else {
                    format_key(&name)
                }
            }
        };
        format!("{name}: {text}")
    }

    /// Node's getBoxedBase.
    fn boxed_base(
        &mut self,
        vm: &mut Vm,
        p: Value,
        ctor: Option<&str>,
        tag: &str,
        keys: &mut Vec<PropertyKey>,
    ) -> String {
        let (type_name, shown) = match p {
            Value::Number(n) => ("Number", format_number(n)),
            Value::Boolean(b) => ("Boolean", b.to_string()),
            Value::String(s) => {
                let units = vm.string_units(s);
                keys.retain(|k| !matches!(k, PropertyKey::Index(_)));
                ("String", quote_units(&units))
            }
            Value::Symbol(s) => ("Symbol", names::symbol_to_string(vm, s)),
            Value::BigInt(b) => ("BigInt", format!("{}n", vm.bigint_to_rust_string(b))),
            _ => ("Object", String::new()),
        };
        let mut base = format!("[{type_name}");
        if Some(type_name) != ctor {
            match ctor {
                None => base.push_str(" (null prototype)"),
                Some(c) => base.push_str(&format!(" ({c})")),
            }
        }
        base.push_str(&format!(": {shown}]"));
        if !tag.is_empty() && Some(tag) != ctor {
            base.push_str(&format!(" [{tag}]"));
        }
        base
    }

    /// Node's getConstructorName, with addPrototypeProperties for
    /// showHidden: the name of the first `constructor` own data property
    /// on the chain whose function the object is an instance of; None for
    /// an object whose prototype is null; `Internal <Proto>` for chains
    /// without such a constructor.
    fn constructor_name(
        &mut self,
        vm: &mut Vm,
        o: ObjId,
        recurse_times: usize,
        proto_props: &mut Option<Vec<String>>,
    ) -> Option<String> {
        let ctor_key = vm.key("constructor");
        // None: not yet set (Node's `undefined`); Some(None): null.
        let mut first_proto: Option<Option<ObjId>> = None;
        let mut cur = Some(o);
        let mut steps = 0;
        while let Some(obj) = cur {
            if let Some(Value::Object(f)) = names::own_data(vm, obj, ctor_key) {
                if vm.is_callable(Value::Object(f)) {
                    let name = names::function_name(vm, f);
                    if !name.is_empty()
                        && vm
                            .ordinary_has_instance(Value::Object(f), Value::Object(o))
                            .unwrap_or(false)
                    {
                        if proto_props.is_some()
                            && (first_proto != Some(Some(obj)) || !names::is_builtin(vm, &name))
                        {
                            let start = first_proto.flatten().unwrap_or(o);
                            self.add_prototype_properties(vm, o, start, recurse_times, proto_props);
                        }
                        return Some(name);
                    }
                }
            }
            cur = vm.get_prototype_of(obj).ok().flatten();
            if first_proto.is_none() {
                first_proto = Some(cur);
            }
            steps += 1;
            if steps > 10_000 {
                break;
            }
        }
        let first = first_proto.flatten()?;
        let res = names::internal_name(vm, o);
        if self.too_deep(recurse_times) {
            return Some(format!("{res} <Complex prototype>"));
        }
        match self.constructor_name(vm, first, recurse_times + 1, proto_props) {
            Some(p) => Some(format!("{res} <{p}>")),
            None => {
                // inspect(firstProto, { depth: -1 }).
                let keys = names::own_keys(vm, first, false, false);
                let shown = if keys.is_empty() {
                    "[Object: null prototype] {}"
                } else {
                    "[Object: null prototype]"
                };
                Some(format!("{res} <{shown}>"))
            }
        }
    }

    /// Node's addPrototypeProperties: the non-function properties of up to
    /// three user-defined prototype layers, as `[key]: value` entries.
    fn add_prototype_properties(
        &mut self,
        vm: &mut Vm,
        main: ObjId,
        start: ObjId,
        recurse_times: usize,
        output: &mut Option<Vec<String>>,
    ) {
        let ctor_key = vm.key("constructor");
        let mut obj = start;
        let mut keys: Vec<PropertyKey> = Vec::new();
        let mut key_set: Vec<PropertyKey> = Vec::new();
        for depth in 0..3 {
            if depth != 0 || main == obj {
                match vm.get_prototype_of(obj).ok().flatten() {
                    Some(p) => obj = p,
                    None => return,
                }
                if let Some(Value::Object(f)) = names::own_data(vm, obj, ctor_key) {
                    if vm.is_callable(Value::Object(f)) {
                        let name = names::function_name(vm, f);
                        if names::is_builtin(vm, &name) {
                            return;
                        }
                    }
                }
            }
            if depth == 0 {
                key_set.clear();
            } else {
                key_set.extend(keys.iter().copied());
            }
            keys = vm.own_property_keys(obj).unwrap_or_default();
            self.seen.push(main);
            for &key in &keys {
                if key == ctor_key
                    || vm.has_own_property(main, key).unwrap_or(false)
                    || (depth != 0 && key_set.contains(&key))
                {
                    continue;
                }
                let Ok(Some(d)) = vm.get_own_property(obj, key) else {
                    continue;
                };
                if matches!(d.value, Some(v) if vm.is_callable(v)) {
                    continue;
                }
                let entry = self.format_property(vm, obj, key, recurse_times, false);
                if let Some(out) = output.as_mut() {
                    out.push(entry);
                }
            }
            self.seen.pop();
        }
    }
}

/// Node's formatArrayBuffer: `[Uint8Contents]: <00 01 ...>`.
fn array_buffer_contents(bytes: &[u8], byte_length: Option<usize>) -> String {
    let Some(total) = byte_length else {
        return "(detached)".to_string();
    };
    let hex: Vec<String> = bytes
        .iter()
        .take(MAX_ARRAY_LENGTH)
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut s = format!("[Uint8Contents]: <{}", hex.join(" "));
    if total > MAX_ARRAY_LENGTH {
        let remaining = total - MAX_ARRAY_LENGTH;
        s.push_str(&format!(
            " ... {remaining} more byte{}",
            if remaining > 1 { "s" } else { "" }
        ));
    }
    s.push('>');
    s
}

fn root_all(vm: &mut Vm, values: &[Value]) {
    for &v in values {
        vm.push_root(v);
    }
}

/// Node's remainingText when more than `maxArrayLength` entries exist.
fn push_remaining(out: &mut Vec<String>, total: usize) {
    if total > MAX_ARRAY_LENGTH {
        let remaining = total - MAX_ARRAY_LENGTH;
        out.push(format!(
            "... {remaining} more item{}",
            if remaining > 1 { "s" } else { "" }
        ));
    }
}
