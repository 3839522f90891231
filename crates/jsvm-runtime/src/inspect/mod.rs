//! Node-compatible display of values (`util.inspect` as console.log uses
//! it: depth 2, breakLength 80, compact 3, no colours). This half walks the
//! object graph through the engine's embedding API (never running getters);
//! `layout` turns the pieces into lines.
//!
//! Invariant: inspecting never runs user JavaScript except to read a
//! function's `name` and an object's `constructor.name`, which Node reads
//! too; every object is visited at most once per path (cycles print as
//! `[Circular *N]`).

pub mod layout;

use jsvm_engine::api::PropertyKey;
use jsvm_engine::describe::{FunctionFlavor, ObjectInfo};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use layout::{format_key, quote_str, reduce_to_single_string, Extras};

/// Node's default `depth` for console.log.
const DEPTH: usize = 2;
/// Node's `maxArrayLength`.
const MAX_ARRAY_LENGTH: usize = 100;
/// Strings shorter than this are never split over lines.
const MIN_LINE_WIDTH: usize = 16;

/// Formats `v` as `util.inspect(v)` does.
pub fn inspect(vm: &mut Vm, v: Value) -> String {
    let mut ctx = Ctx::default();
    ctx.format_value(vm, v, 0, false)
}

/// Formats a primitive for `%s`-like contexts and top-level console
/// arguments: strings raw, everything else as inspect shows it.
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

#[derive(Default)]
struct Ctx {
    /// Objects on the current path (for cycle detection).
    seen: Vec<ObjId>,
    /// Objects found to be circular, with their `*N` reference numbers.
    circular: Vec<(ObjId, usize)>,
    indentation: usize,
    /// Depth of the most recently formatted object (Node's currentDepth).
    current_depth: usize,
}

impl Ctx {
    fn format_value(&mut self, vm: &mut Vm, v: Value, depth: usize, nested: bool) -> String {
        match v {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Boolean(b) => b.to_string(),
            Value::Number(n) => format_number(n),
            Value::String(s) => {
                let text = vm.string_to_rust(s);
                self.format_string(&text, nested)
            }
            Value::Symbol(s) => symbol_to_string(vm, s),
            Value::Uninit => "undefined".into(),
            Value::Object(o) => self.format_object(vm, o, depth),
        }
    }

    /// Quoted string, split at newlines into `'a\n' +` lines when long.
    fn format_string(&self, text: &str, _nested: bool) -> String {
        let len = text.encode_utf16().count();
        if len > MIN_LINE_WIDTH
            && len > layout::BREAK_LENGTH.saturating_sub(self.indentation + 4)
            && text.trim_end_matches('\n').contains('\n')
        {
            let mut pieces = Vec::new();
            let mut rest = text;
            while let Some(i) = rest.find('\n') {
                pieces.push(quote_str(&rest[..=i]));
                rest = &rest[i + 1..];
            }
            if !rest.is_empty() {
                pieces.push(quote_str(rest));
            }
            let sep = format!(" +\n{}", " ".repeat(self.indentation + 2));
            return pieces.join(&sep);
        }
        quote_str(text)
    }

    fn format_object(&mut self, vm: &mut Vm, o: ObjId, depth: usize) -> String {
        let mut o = o;
        // Proxies show their target, without running traps (Node's default).
        while let ObjectInfo::Proxy { target } = vm.inspect_info(o) {
            match target {
                Some(t) => o = t,
                None => return "<Revoked Proxy>".into(),
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
        self.format_raw(vm, o, depth)
    }

    fn format_raw(&mut self, vm: &mut Vm, o: ObjId, depth: usize) -> String {
        let info = vm.inspect_info(o);
        let constructor = constructor_name(vm, o);
        let tag = to_string_tag(vm, o, constructor.as_deref());
        let mut keys = enumerable_keys(
            vm,
            o,
            matches!(info, ObjectInfo::Array | ObjectInfo::Arguments),
        );
        let mut base = String::new();
        let mut braces = ("{".to_string(), "}".to_string());
        let mut extras = Extras::Object;
        let mut entries: Entries = Entries::None;

        match &info {
            ObjectInfo::Array => {
                let len = array_length(vm, o);
                let prefix = if constructor.as_deref() != Some("Array") || !tag.is_empty() {
                    prefix(constructor.as_deref(), &tag, "Array", &format!("({len})"))
                } else {
                    String::new()
                };
                if len == 0 && keys.is_empty() {
                    return format!("{prefix}[]");
                }
                braces = (format!("{prefix}["), "]".into());
                extras = Extras::Array;
                entries = Entries::Array(len);
            }
            ObjectInfo::Arguments => {
                let len = array_length(vm, o);
                braces = ("[Arguments] [".into(), "]".into());
                if len == 0 && keys.is_empty() {
                    return "[Arguments] []".into();
                }
                extras = Extras::Array;
                entries = Entries::Array(len);
            }
            ObjectInfo::Map(pairs) => {
                let p = prefix(
                    constructor.as_deref(),
                    &tag,
                    "Map",
                    &format!("({})", pairs.len()),
                );
                if pairs.is_empty() && keys.is_empty() {
                    return format!("{p}{{}}");
                }
                braces = (format!("{p}{{"), "}".into());
                entries = Entries::Map(pairs.clone());
            }
            ObjectInfo::Set(values) => {
                let p = prefix(
                    constructor.as_deref(),
                    &tag,
                    "Set",
                    &format!("({})", values.len()),
                );
                if values.is_empty() && keys.is_empty() {
                    return format!("{p}{{}}");
                }
                braces = (format!("{p}{{"), "}".into());
                entries = Entries::Set(values.clone());
            }
            ObjectInfo::Function { class, flavor } => {
                base = function_base(vm, o, *class, *flavor, constructor.as_deref(), &tag);
                if keys.is_empty() {
                    return base;
                }
            }
            ObjectInfo::RegExp(text) => {
                base = text.clone();
                let p = prefix(constructor.as_deref(), &tag, "RegExp", "");
                if p != "RegExp " {
                    base = format!("{p}{base}");
                }
                if keys.is_empty() {
                    return base;
                }
            }
            ObjectInfo::Date(t) => {
                base = if t.is_nan() {
                    "Invalid Date".into()
                } else {
                    jsvm_engine::date::to_iso_string(*t).unwrap_or_default()
                };
                if keys.is_empty() {
                    return base;
                }
            }
            ObjectInfo::Error => {
                base = self.format_error(vm, o, constructor.as_deref(), &mut keys);
                if keys.is_empty() {
                    return base;
                }
            }
            ObjectInfo::Boxed(p) => {
                let (type_name, shown) = match *p {
                    Value::Number(n) => ("Number", format_number(n)),
                    Value::Boolean(b) => ("Boolean", b.to_string()),
                    Value::String(s) => {
                        let text = vm.string_to_rust(s);
                        keys.retain(|k| !matches!(k, PropertyKey::Index(_)));
                        ("String", quote_str(&text))
                    }
                    Value::Symbol(s) => ("Symbol", symbol_to_string(vm, s)),
                    _ => ("Object", String::new()),
                };
                base = format!("[{type_name}: {shown}]");
                if keys.is_empty() {
                    return base;
                }
            }
            ObjectInfo::Proxy { .. } => {}
            ObjectInfo::Ordinary | ObjectInfo::Other | ObjectInfo::Weak(_) => {
                if let ObjectInfo::Weak(kind) = &info {
                    let p = prefix(constructor.as_deref(), &tag, kind, "");
                    return format!("{p}{{ <items unknown> }}");
                }
                if constructor.as_deref() == Some("Object") {
                    if !tag.is_empty() {
                        braces.0 =
                            format!("{}{{", prefix(constructor.as_deref(), &tag, "Object", ""));
                    }
                } else {
                    braces.0 = format!("{}{{", prefix(constructor.as_deref(), &tag, "Object", ""));
                }
                if keys.is_empty() {
                    return format!("{}}}", braces.0);
                }
            }
        }

        if depth > DEPTH {
            let name = prefix(constructor.as_deref(), &tag, "Object", "");
            let name = name.trim_end();
            let name =
                if matches!(info, ObjectInfo::Array) && constructor.as_deref() == Some("Array") {
                    "Array"
                } else {
                    name
                };
            return format!("[{name}]");
        }
        let depth = depth + 1;
        self.seen.push(o);
        self.current_depth = depth;
        let mut output = Vec::new();
        let mut has_more = false;
        let mut numeric = false;
        match entries {
            Entries::Array(len) => {
                let (items, more, all_numbers) = self.format_array(vm, o, len, depth);
                output = items;
                has_more = more;
                numeric = all_numbers;
            }
            Entries::Map(pairs) => {
                self.indentation += 2;
                for (k, v) in pairs {
                    let k = self.format_value(vm, k, depth, true);
                    let v = self.format_value(vm, v, depth, true);
                    output.push(format!("{k} => {v}"));
                }
                self.indentation -= 2;
            }
            Entries::Set(values) => {
                self.indentation += 2;
                for v in values {
                    output.push(self.format_value(vm, v, depth, true));
                }
                self.indentation -= 2;
            }
            Entries::None => {}
        }
        for key in keys {
            output.push(self.format_property(vm, o, key, depth, Extras::Object));
        }
        self.seen.pop();
        if let Some((_, n)) = self.circular.iter().find(|(c, _)| *c == o) {
            let reference = format!("<ref *{n}>");
            if base.is_empty() {
                braces.0 = format!("{reference} {}", braces.0);
            } else {
                base = format!("{reference} {base}");
            }
        }
        let inner = self.current_depth.saturating_sub(depth);
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

    /// Node's formatArray + formatArrayBuffer's hole handling: returns the
    /// entries, whether a "more items" line was added, and whether every
    /// element is a number (right-aligned grouping).
    fn format_array(
        &mut self,
        vm: &mut Vm,
        o: ObjId,
        len: u64,
        depth: usize,
    ) -> (Vec<String>, bool, bool) {
        let mut output = Vec::new();
        let mut all_numbers = true;
        let mut i: u64 = 0;
        while i < len && output.len() < MAX_ARRAY_LENGTH {
            let key = index_key(vm, i);
            let desc = vm.get_own_property(o, key).ok().flatten();
            match desc {
                None => {
                    // A run of holes.
                    let mut j = i + 1;
                    while j < len {
                        let k = index_key(vm, j);
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
                    output.push(self.format_property(vm, o, key, depth, Extras::Array));
                    i += 1;
                }
            }
        }
        let remaining = len - i;
        let more = remaining > 0;
        if more {
            output.push(format!(
                "... {remaining} more item{}",
                if remaining > 1 { "s" } else { "" }
            ));
        }
        (output, more, all_numbers)
    }

    fn format_property(
        &mut self,
        vm: &mut Vm,
        o: ObjId,
        key: PropertyKey,
        depth: usize,
        extras: Extras,
    ) -> String {
        let desc = vm.get_own_property(o, key).ok().flatten();
        let text = match desc {
            Some(d) if d.value.is_some() => {
                self.indentation += 2;
                let s = self.format_value(vm, d.value.unwrap_or(Value::Undefined), depth, true);
                self.indentation -= 2;
                s
            }
            Some(d) => match (d.get.flatten(), d.set.flatten()) {
                (Some(_), Some(_)) => "[Getter/Setter]".into(),
                (Some(_), None) => "[Getter]".into(),
                (None, Some(_)) => "[Setter]".into(),
                (None, None) => "undefined".into(),
            },
            None => "undefined".into(),
        };
        if extras == Extras::Array {
            return text;
        }
        let name = match key {
            PropertyKey::Symbol(s) => format!("[{}]", symbol_to_string(vm, s)),
            PropertyKey::Index(i) => quote_str(&i.to_string()),
            PropertyKey::Atom(_) => {
                let v = vm.key_to_value(key);
                let name = match v {
                    Value::String(s) => vm.string_to_rust(s),
                    _ => String::new(),
                };
                if name == "__proto__" {
                    "['__proto__']".into()
                } else {
                    format_key(&name)
                }
            }
        };
        format!("{name}: {text}")
    }

    /// Node's formatError: the stack (or `[Name: message]`), with the
    /// constructor name put in front when it differs from `name`, and the
    /// keys already visible in the stack removed.
    fn format_error(
        &mut self,
        vm: &mut Vm,
        o: ObjId,
        constructor: Option<&str>,
        keys: &mut Vec<PropertyKey>,
    ) -> String {
        let name = read_string_prop(vm, o, "name").unwrap_or_else(|| "Error".into());
        let message = read_string_prop(vm, o, "message").unwrap_or_default();
        let stack = match read_string_prop(vm, o, "stack") {
            Some(s) if !s.is_empty() => s,
            _ => {
                if message.is_empty() {
                    format!("[{name}]")
                } else {
                    format!("[{name}: {message}]")
                }
            }
        };
        // removeDuplicateErrorKeys
        for prop in ["name", "message", "stack"] {
            if let Some(v) = read_string_prop(vm, o, prop) {
                if stack.contains(&v) {
                    let k = vm.key(prop);
                    keys.retain(|x| *x != k);
                }
            }
        }
        let mut stack = stack;
        if let Some(ctor) = constructor {
            let len = name.len();
            let looks_normal = name.ends_with("Error")
                && stack.starts_with(&name)
                && matches!(stack.as_bytes().get(len), None | Some(b':') | Some(b'\n'));
            if looks_normal && ctor != name {
                stack = if ctor.contains(&name) {
                    format!("{ctor}{}", &stack[len..])
                } else {
                    format!("{ctor} [{name}]{}", &stack[len..])
                };
            }
        }
        if self.indentation > 0 {
            let pad = " ".repeat(self.indentation);
            stack = stack.replace('\n', &format!("\n{pad}"));
        }
        stack
    }
}

enum Entries {
    None,
    Array(u64),
    Map(Vec<(Value, Value)>),
    Set(Vec<Value>),
}

fn index_key(vm: &mut Vm, i: u64) -> PropertyKey {
    if i < u32::MAX as u64 {
        PropertyKey::Index(i as u32)
    } else {
        vm.key(&i.to_string())
    }
}

fn array_length(vm: &mut Vm, o: ObjId) -> u64 {
    let k = vm.key("length");
    match vm
        .get_own_property(o, k)
        .ok()
        .flatten()
        .and_then(|d| d.value)
    {
        Some(Value::Number(n)) if n >= 0.0 => n as u64,
        _ => 0,
    }
}

/// Own enumerable keys (strings then symbols); array indices are left out
/// for arrays (they are formatted as elements).
fn enumerable_keys(vm: &mut Vm, o: ObjId, skip_indices: bool) -> Vec<PropertyKey> {
    let keys = vm.own_property_keys(o).unwrap_or_default();
    let mut out = Vec::new();
    for key in keys {
        if skip_indices && matches!(key, PropertyKey::Index(_)) {
            continue;
        }
        if let Ok(Some(d)) = vm.get_own_property(o, key) {
            if d.enumerable == Some(true) {
                out.push(key);
            }
        }
    }
    out
}

fn read_string_prop(vm: &mut Vm, o: ObjId, name: &str) -> Option<String> {
    let k = vm.key(name);
    match vm.get_prop(o, k).ok()? {
        Value::String(s) => Some(vm.string_to_rust(s)),
        _ => None,
    }
}

/// Node's getConstructorName: the name of the first `constructor` own data
/// property on the prototype chain (starting at the object itself); None
/// for an object whose chain has no such property and ends in null.
fn constructor_name(vm: &mut Vm, o: ObjId) -> Option<String> {
    let ctor_key = vm.key("constructor");
    let name_key = vm.key("name");
    let mut cur = Some(o);
    let mut steps = 0;
    while let Some(obj) = cur {
        if let Ok(Some(d)) = vm.get_own_property(obj, ctor_key) {
            if let Some(Value::Object(f)) = d.value {
                if vm.is_callable(Value::Object(f)) {
                    if let Ok(Value::String(s)) = vm.get_prop(f, name_key) {
                        let name = vm.string_to_rust(s);
                        if !name.is_empty() {
                            return Some(name);
                        }
                    }
                }
            }
        }
        cur = vm.get_prototype_of(obj).ok().flatten();
        steps += 1;
        if steps > 1000 {
            break;
        }
    }
    // Chains without a named constructor: Node prints the internal class
    // name; a null prototype is `None`.
    if vm.get_prototype_of(o).ok().flatten().is_none() {
        None
    } else {
        Some("Object".into())
    }
}

/// `obj[Symbol.toStringTag]` when it is a non-empty string different from
/// the constructor name (Node ignores it otherwise).
fn to_string_tag(vm: &mut Vm, o: ObjId, constructor: Option<&str>) -> String {
    let sym = vm.symbols.to_string_tag;
    let key = PropertyKey::Symbol(sym);
    // Read without running getters: walk the chain for a data property.
    let mut cur = Some(o);
    while let Some(obj) = cur {
        match vm.get_own_property(obj, key) {
            Ok(Some(d)) => {
                if let Some(Value::String(s)) = d.value {
                    let tag = vm.string_to_rust(s);
                    if !tag.is_empty() && Some(tag.as_str()) != constructor {
                        return tag;
                    }
                }
                return String::new();
            }
            Ok(None) => cur = vm.get_prototype_of(obj).ok().flatten(),
            Err(_) => return String::new(),
        }
    }
    String::new()
}

/// Node's getPrefix.
fn prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None => {
            if !tag.is_empty() && fallback != tag {
                format!("[{fallback}{size}: null prototype] [{tag}] ")
            } else {
                format!("[{fallback}{size}: null prototype] ")
            }
        }
        Some(c) => {
            if !tag.is_empty() && c != tag {
                format!("{c}{size} [{tag}] ")
            } else {
                format!("{c}{size} ")
            }
        }
    }
}

/// Node's getFunctionBase / getClassBase.
fn function_base(
    vm: &mut Vm,
    f: ObjId,
    class: bool,
    flavor: FunctionFlavor,
    constructor: Option<&str>,
    tag: &str,
) -> String {
    let name_key = vm.key("name");
    let name = match vm.get_prop(f, name_key) {
        Ok(Value::String(s)) => vm.string_to_rust(s),
        _ => String::new(),
    };
    if class {
        let own_name = matches!(vm.get_own_property(f, name_key), Ok(Some(_)));
        let shown = if own_name && !name.is_empty() {
            name.as_str()
        } else {
            "(anonymous)"
        };
        let mut base = format!("class {shown}");
        if let Some(c) = constructor {
            if c != "Function" {
                base.push_str(&format!(" [{c}]"));
            }
        }
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        if constructor.is_some() {
            if let Ok(Some(parent)) = vm.get_prototype_of(f) {
                if let Ok(Value::String(s)) = vm.get_prop(parent, name_key) {
                    let super_name = vm.string_to_rust(s);
                    if !super_name.is_empty() {
                        base.push_str(&format!(" extends {super_name}"));
                    }
                }
            }
        } else {
            base.push_str(" extends [null prototype]");
        }
        return format!("[{base}]");
    }
    let type_name = match flavor {
        FunctionFlavor::Normal => "Function",
        FunctionFlavor::Async => "AsyncFunction",
        FunctionFlavor::Generator => "GeneratorFunction",
        FunctionFlavor::AsyncGenerator => "AsyncGeneratorFunction",
    };
    let mut base = format!("[{type_name}");
    if constructor.is_none() {
        base.push_str(" (null prototype)");
    }
    if name.is_empty() {
        base.push_str(" (anonymous)");
    } else {
        base.push_str(&format!(": {name}"));
    }
    base.push(']');
    if let Some(c) = constructor {
        if c != type_name && c != "Function" {
            base.push_str(&format!(" {c}"));
        }
    }
    if !tag.is_empty() && constructor != Some(tag) {
        base.push_str(&format!(" [{tag}]"));
    }
    base
}

fn symbol_to_string(vm: &mut Vm, s: jsvm_engine::value::SymId) -> String {
    match vm.symbol_description(s) {
        Some(d) => format!("Symbol({d})"),
        None => "Symbol()".into(),
    }
}
