//! Date (ECMAScript 21.4): the constructor (every overload), Date.now,
//! Date.parse, Date.UTC, and Date.prototype's getters, setters, string
//! forms, toJSON, valueOf and @@toPrimitive, plus Annex B's getYear,
//! setYear and toGMTString. The time math, the local time zone, parsing
//! and formatting are `crate::date`'s.
//!
//! Invariant: a Date object's [[DateValue]] is the f64 in its
//! `ObjectKind::Date`, always a TimeClip result (an integral time value
//! within ±8.64e15 ms, or NaN). Setters convert every argument (in order)
//! before looking at whether the time value is NaN, as the spec orders it.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::date;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::ops::PreferredType;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::support::{intrinsics, kind, kind_mut, link_constructor, new_object_with_kind};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).date_prototype;
        let ctor = super::class_support::install_constructor(
            vm,
            realm,
            "Date",
            7,
            date_constructor,
            |i, c| i.date = c,
        );
        link_constructor(vm, ctor, proto);
        vm.define_method(ctor, "now", 0, date_now);
        vm.define_method(ctor, "parse", 1, date_parse);
        vm.define_method(ctor, "UTC", 7, date_utc);

        let methods: &[(&str, u32, NativeFn)] = &[
            ("getDate", 0, get_date),
            ("getDay", 0, get_day),
            ("getFullYear", 0, get_full_year),
            ("getHours", 0, get_hours),
            ("getMilliseconds", 0, get_milliseconds),
            ("getMinutes", 0, get_minutes),
            ("getMonth", 0, get_month),
            ("getSeconds", 0, get_seconds),
            ("getTime", 0, get_time),
            ("getTimezoneOffset", 0, get_timezone_offset),
            ("getUTCDate", 0, get_utc_date),
            ("getUTCDay", 0, get_utc_day),
            ("getUTCFullYear", 0, get_utc_full_year),
            ("getUTCHours", 0, get_utc_hours),
            ("getUTCMilliseconds", 0, get_utc_milliseconds),
            ("getUTCMinutes", 0, get_utc_minutes),
            ("getUTCMonth", 0, get_utc_month),
            ("getUTCSeconds", 0, get_utc_seconds),
            ("getYear", 0, get_year),
            ("setDate", 1, set_date),
            ("setFullYear", 3, set_full_year),
            ("setHours", 4, set_hours),
            ("setMilliseconds", 1, set_milliseconds),
            ("setMinutes", 3, set_minutes),
            ("setMonth", 2, set_month),
            ("setSeconds", 2, set_seconds),
            ("setTime", 1, set_time),
            ("setUTCDate", 1, set_utc_date),
            ("setUTCFullYear", 3, set_utc_full_year),
            ("setUTCHours", 4, set_utc_hours),
            ("setUTCMilliseconds", 1, set_utc_milliseconds),
            ("setUTCMinutes", 3, set_utc_minutes),
            ("setUTCMonth", 2, set_utc_month),
            ("setUTCSeconds", 2, set_utc_seconds),
            ("setYear", 1, set_year),
            ("toDateString", 0, to_date_string),
            ("toISOString", 0, to_iso_string),
            ("toJSON", 1, to_json),
            ("toLocaleDateString", 0, to_locale_date_string),
            ("toLocaleString", 0, to_locale_string),
            ("toLocaleTimeString", 0, to_locale_time_string),
            ("toString", 0, to_string),
            ("toTimeString", 0, to_time_string),
            ("valueOf", 0, value_of),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
        // toGMTString is the same function object as toUTCString (B.2.3.3).
        let to_utc = vm.define_method(proto, "toUTCString", 0, to_utc_string);
        let gmt = vm.key("toGMTString");
        vm.define_value(proto, gmt, Value::Object(to_utc), Attrs::METHOD);
        let tp = vm.symbols.to_primitive;
        let f = vm.define_method_sym(proto, tp, 1, to_primitive);
        vm.define_value(
            proto,
            PropertyKey::Symbol(tp),
            Value::Object(f),
            Attrs::CONFIGURABLE_ONLY,
        );
    });
}

/// The current time value: the host's clock (`VmOptions::clock`) if it
/// has one, else the system clock, in whole milliseconds since the epoch.
pub fn current_time(vm: &Vm) -> f64 {
    match vm.options.clock {
        Some(clock) => date::time_clip(clock().floor()),
        None => now_ms(),
    }
}

/// The system clock's time value (whole milliseconds since the epoch).
pub fn now_ms() -> f64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as f64,
        Err(e) => -(e.duration().as_millis() as f64),
    }
}

/// thisTimeValue: the object and its [[DateValue]], or a TypeError.
fn this_time_value(vm: &Vm, this: Value, method: &str) -> JsResult<(ObjId, f64)> {
    if let Some(o) = this.as_object() {
        if let ObjectKind::Date(t) = kind(vm, o) {
            return Ok((o, *t));
        }
    }
    Err(JsError::type_error(format!(
        "Date.prototype.{method} called on an object that is not a Date"
    )))
}

fn set_time_value(vm: &mut Vm, o: ObjId, t: f64) {
    if let ObjectKind::Date(v) = kind_mut(vm, o) {
        *v = t;
    }
}

/// MakeFullYear(year) (21.4.1.31): years 0-99 mean 1900-1999.
fn make_full_year(year: f64) -> f64 {
    if year.is_nan() {
        return f64::NAN;
    }
    let truncated = year.trunc();
    if (0.0..=99.0).contains(&truncated) {
        1900.0 + truncated
    } else {
        truncated
    }
}

/// The time value of date components (Date ( ...values ) step 5 and
/// Date.UTC): converts every present argument with ToNumber, in order.
fn time_from_components(vm: &mut Vm, args: &[Value]) -> JsResult<f64> {
    let mut n = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, slot) in n.iter_mut().enumerate() {
        match args.get(i) {
            Some(&v) => *slot = vm.to_number(v)?,
            None if i == 0 => *slot = f64::NAN,
            None => {}
        }
    }
    let yr = make_full_year(n[0]);
    Ok(date::make_date(
        date::make_day(yr, n[1], n[2]),
        date::make_time(n[3], n[4], n[5], n[6]),
    ))
}

/// Date ( ...values ) (21.4.2.1).
fn date_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        let s = date::to_date_time_string(current_time(vm));
        return Ok(Value::String(vm.new_string(&s)));
    };
    let tv = match args.args.len() {
        0 => current_time(vm),
        1 => {
            let value = args.arg(0);
            let date_value = match value.as_object().map(|o| kind(vm, o)) {
                Some(ObjectKind::Date(t)) => Some(*t),
                _ => None,
            };
            match date_value {
                Some(t) => date::time_clip(t),
                None => {
                    let v = vm.to_primitive(value, PreferredType::Default)?;
                    match v {
                        Value::String(s) => {
                            let units = vm.string_units(s);
                            date::parse_date_utf16(&units)
                        }
                        other => date::time_clip(vm.to_number(other)?),
                    }
                }
            }
        }
        _ => {
            let final_date = time_from_components(vm, args.args)?;
            date::time_clip(date::utc_from_local(final_date))
        }
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.date_prototype)?;
    let o = new_object_with_kind(vm, Some(proto), ObjectKind::Date(tv));
    Ok(Value::Object(o))
}

/// Date.now ( ) (21.4.3.1).
fn date_now(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(current_time(vm)))
}

/// Date.parse ( string ) (21.4.3.2).
fn date_parse(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    let units = vm.string_units(s);
    Ok(Value::Number(date::parse_date_utf16(&units)))
}

/// Date.UTC ( year [ , month [ , date [ , hours [ , minutes [ , seconds [ , ms ] ] ] ] ] ] )
/// (21.4.3.4).
fn date_utc(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let t = time_from_components(vm, args.args)?;
    Ok(Value::Number(date::time_clip(t)))
}

// ---- Getters ----

/// A getter: NaN for an invalid date, else `f` of the (local or UTC)
/// time value.
fn getter(
    vm: &Vm,
    args: &CallArgs,
    method: &str,
    local: bool,
    f: fn(f64) -> f64,
) -> JsResult<Value> {
    let (_, t) = this_time_value(vm, args.this, method)?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    let t = if local { date::local_time(t) } else { t };
    Ok(Value::Number(f(t)))
}

macro_rules! getters {
    ($($name:ident = $method:literal, $local:expr, $f:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
                getter(vm, args, $method, $local, $f)
            }
        )*
    };
}

getters! {
    get_date = "getDate", true, date::date_from_time;
    get_day = "getDay", true, date::week_day;
    get_full_year = "getFullYear", true, date::year_from_time;
    get_hours = "getHours", true, date::hour_from_time;
    get_milliseconds = "getMilliseconds", true, date::ms_from_time;
    get_minutes = "getMinutes", true, date::min_from_time;
    get_month = "getMonth", true, date::month_from_time;
    get_seconds = "getSeconds", true, date::sec_from_time;
    get_utc_date = "getUTCDate", false, date::date_from_time;
    get_utc_day = "getUTCDay", false, date::week_day;
    get_utc_full_year = "getUTCFullYear", false, date::year_from_time;
    get_utc_hours = "getUTCHours", false, date::hour_from_time;
    get_utc_milliseconds = "getUTCMilliseconds", false, date::ms_from_time;
    get_utc_minutes = "getUTCMinutes", false, date::min_from_time;
    get_utc_month = "getUTCMonth", false, date::month_from_time;
    get_utc_seconds = "getUTCSeconds", false, date::sec_from_time;
    get_year = "getYear", true, |t| date::year_from_time(t) - 1900.0;
}

/// Date.prototype.getTime ( ) (21.4.4.10).
fn get_time(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, t) = this_time_value(vm, args.this, "getTime")?;
    Ok(Value::Number(t))
}

/// Date.prototype.getTimezoneOffset ( ) (21.4.4.11).
fn get_timezone_offset(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, t) = this_time_value(vm, args.this, "getTimezoneOffset")?;
    if t.is_nan() {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(
        (t - date::local_time(t)) / date::MS_PER_MINUTE,
    ))
}

// ---- Setters ----

/// The first component a setter sets; it also sets the following ones
/// up to its argument count (setHours: hour, minute, second, ms).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Month,
    Date,
    Hour,
    Minute,
    Second,
    Millisecond,
}

/// The shared algorithm of the component setters (21.4.4.20-21.4.4.29):
/// read [[DateValue]], convert the arguments (the first always, the others
/// only when present), return NaN for an invalid date (setFullYear and
/// setUTCFullYear start from +0 instead), recompose and store.
fn set_components(
    vm: &mut Vm,
    args: &CallArgs,
    method: &str,
    first: Field,
    count: usize,
    local: bool,
) -> JsResult<Value> {
    let (o, t) = this_time_value(vm, args.this, method)?;
    let mut given = [None; 4];
    for (i, slot) in given.iter_mut().enumerate().take(count) {
        if i == 0 || i < args.args.len() {
            *slot = Some(vm.to_number(args.arg(i))?);
        }
    }
    let t = if t.is_nan() {
        if first != Field::Year {
            return Ok(Value::Number(f64::NAN));
        }
        0.0
    } else if local {
        date::local_time(t)
    } else {
        t
    };
    let mut c = [
        date::year_from_time(t),
        date::month_from_time(t),
        date::date_from_time(t),
        date::hour_from_time(t),
        date::min_from_time(t),
        date::sec_from_time(t),
        date::ms_from_time(t),
    ];
    let base = first as usize;
    for (i, g) in given.iter().enumerate().take(count) {
        if let (Some(v), Some(slot)) = (g, c.get_mut(base + i)) {
            *slot = *v;
        }
    }
    let new_date = if base <= Field::Date as usize {
        date::make_date(date::make_day(c[0], c[1], c[2]), date::time_within_day(t))
    } else {
        date::make_date(date::day(t), date::make_time(c[3], c[4], c[5], c[6]))
    };
    let u = date::time_clip(if local {
        date::utc_from_local(new_date)
    } else {
        new_date
    });
    set_time_value(vm, o, u);
    Ok(Value::Number(u))
}

macro_rules! setters {
    ($($name:ident = $method:literal, $first:ident, $count:literal, $local:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
                set_components(vm, args, $method, Field::$first, $count, $local)
            }
        )*
    };
}

setters! {
    set_date = "setDate", Date, 1, true;
    set_full_year = "setFullYear", Year, 3, true;
    set_hours = "setHours", Hour, 4, true;
    set_milliseconds = "setMilliseconds", Millisecond, 1, true;
    set_minutes = "setMinutes", Minute, 3, true;
    set_month = "setMonth", Month, 2, true;
    set_seconds = "setSeconds", Second, 2, true;
    set_utc_date = "setUTCDate", Date, 1, false;
    set_utc_full_year = "setUTCFullYear", Year, 3, false;
    set_utc_hours = "setUTCHours", Hour, 4, false;
    set_utc_milliseconds = "setUTCMilliseconds", Millisecond, 1, false;
    set_utc_minutes = "setUTCMinutes", Minute, 3, false;
    set_utc_month = "setUTCMonth", Month, 2, false;
    set_utc_seconds = "setUTCSeconds", Second, 2, false;
}

/// Date.prototype.setTime ( time ) (21.4.4.27).
fn set_time(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, _) = this_time_value(vm, args.this, "setTime")?;
    let t = vm.to_number(args.arg(0))?;
    let v = date::time_clip(t);
    set_time_value(vm, o, v);
    Ok(Value::Number(v))
}

/// Date.prototype.setYear ( year ) (B.2.3.2).
fn set_year(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, t) = this_time_value(vm, args.this, "setYear")?;
    let y = vm.to_number(args.arg(0))?;
    let t = if t.is_nan() { 0.0 } else { date::local_time(t) };
    let yyyy = make_full_year(y);
    let d = date::make_day(yyyy, date::month_from_time(t), date::date_from_time(t));
    let new_date = date::make_date(d, date::time_within_day(t));
    let u = date::time_clip(date::utc_from_local(new_date));
    set_time_value(vm, o, u);
    Ok(Value::Number(u))
}

// ---- String forms ----

fn string_form(
    vm: &mut Vm,
    args: &CallArgs,
    method: &str,
    f: fn(f64) -> String,
) -> JsResult<Value> {
    let (_, t) = this_time_value(vm, args.this, method)?;
    let s = f(t);
    Ok(Value::String(vm.new_string(&s)))
}

fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_form(vm, args, "toString", date::to_date_time_string)
}
fn to_date_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_form(vm, args, "toDateString", date::to_date_string)
}
fn to_time_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_form(vm, args, "toTimeString", date::to_time_string)
}
fn to_utc_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    string_form(vm, args, "toUTCString", date::to_utc_string)
}
fn to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    locale_form(vm, args, "toLocaleString", date::Required::Any)
}
fn to_locale_date_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    locale_form(vm, args, "toLocaleDateString", date::Required::Date)
}
fn to_locale_time_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    locale_form(vm, args, "toLocaleTimeString", date::Required::Time)
}

/// Date.prototype.toLocale{,Date,Time}String(locales, options) (ECMA-402
/// 21.3.x): the options as Intl.DateTimeFormat reads them, formatted in
/// the en-US patterns of `date::format_locale` (the locale is ignored).
fn locale_form(
    vm: &mut Vm,
    args: &CallArgs,
    method: &str,
    required: date::Required,
) -> JsResult<Value> {
    let (_, t) = this_time_value(vm, args.this, method)?;
    let format = locale_options(vm, args.arg(1), method, required)?;
    let s = date::format_locale(t, &format.with_defaults(required));
    Ok(Value::String(vm.new_string(&s)))
}

/// Reads Intl.DateTimeFormat options (CreateDateTimeFormat's order and
/// checks; getters run).
fn locale_options(
    vm: &mut Vm,
    options: Value,
    method: &str,
    required: date::Required,
) -> JsResult<date::LocaleFormat> {
    use date::Width as W;
    let mut f = date::LocaleFormat::default();
    if options.is_undefined() {
        return Ok(f);
    }
    let o = vm.to_object(options)?;
    vm.push_root(Value::Object(o));
    let read = |vm: &mut Vm, name: &str, allowed: &[&str]| -> JsResult<Option<String>> {
        let key = vm.key(name);
        let v = vm.get(o, key, Value::Object(o))?;
        if v.is_undefined() {
            return Ok(None);
        }
        let s = vm.to_string(v)?;
        let s = vm.string_to_rust(s);
        if !allowed.is_empty() && !allowed.contains(&s.as_str()) {
            return Err(JsError::range_error(format!(
                "Value {s} out of range for Date.prototype.{method} options property {name}"
            )));
        }
        Ok(Some(s))
    };
    let width = |s: Option<String>| {
        s.map(|s| match s.as_str() {
            "numeric" => W::Numeric,
            "2-digit" => W::TwoDigit,
            "narrow" => W::Narrow,
            "short" => W::Short,
            _ => W::Long,
        })
    };
    const NUMERIC: &[&str] = &["numeric", "2-digit"];
    const TEXT: &[&str] = &["narrow", "short", "long"];
    const MONTH: &[&str] = &["numeric", "2-digit", "narrow", "short", "long"];
    read(vm, "localeMatcher", &["lookup", "best fit"])?;
    read(vm, "calendar", &[])?;
    read(vm, "numberingSystem", &[])?;
    let hour12_key = vm.key("hour12");
    let hour12 = vm.get(o, hour12_key, Value::Object(o))?;
    if !hour12.is_undefined() {
        f.hour12 = Some(vm.to_boolean(hour12));
    }
    f.hour_cycle =
        read(vm, "hourCycle", &["h11", "h12", "h23", "h24"])?.map(|s| match s.as_str() {
            "h11" => date::HourCycle::H11,
            "h12" => date::HourCycle::H12,
            "h23" => date::HourCycle::H23,
            _ => date::HourCycle::H24,
        });
    if let Some(zone) = read(vm, "timeZone", &[])? {
        match date::classify_zone(&zone) {
            date::ZoneChoice::Utc => f.utc = true,
            date::ZoneChoice::Local => {}
            date::ZoneChoice::Other => {
                return Err(JsError::type_error(format!(
                    "not yet supported: time zone {zone} (only UTC and the host's zone)"
                )))
            }
            date::ZoneChoice::Invalid => {
                return Err(JsError::range_error(format!(
                    "Invalid time zone specified: {zone}"
                )))
            }
        }
    }
    let mut explicit: Option<&str> = None;
    let mut note = |name: &'static str, present: bool| {
        if present && explicit.is_none() {
            explicit = Some(name);
        }
    };
    f.weekday = width(read(vm, "weekday", TEXT)?);
    note("weekday", f.weekday.is_some());
    f.era = width(read(vm, "era", TEXT)?);
    note("era", f.era.is_some());
    f.year = width(read(vm, "year", NUMERIC)?);
    note("year", f.year.is_some());
    f.month = width(read(vm, "month", MONTH)?);
    note("month", f.month.is_some());
    f.day = width(read(vm, "day", NUMERIC)?);
    note("day", f.day.is_some());
    let day_period = read(vm, "dayPeriod", TEXT)?;
    note("dayPeriod", day_period.is_some());
    f.hour = width(read(vm, "hour", NUMERIC)?);
    note("hour", f.hour.is_some());
    f.minute = width(read(vm, "minute", NUMERIC)?);
    note("minute", f.minute.is_some());
    f.second = width(read(vm, "second", NUMERIC)?);
    note("second", f.second.is_some());
    let fsd_key = vm.key("fractionalSecondDigits");
    let fsd = vm.get(o, fsd_key, Value::Object(o))?;
    if !fsd.is_undefined() {
        let n = vm.to_number(fsd)?;
        if !(1.0..=3.0).contains(&n) {
            return Err(JsError::range_error(
                "fractionalSecondDigits value is out of range.",
            ));
        }
        f.fractional_second_digits = n.floor() as u8;
        note("fractionalSecondDigits", true);
    }
    f.time_zone_name = read(
        vm,
        "timeZoneName",
        &[
            "short",
            "long",
            "shortOffset",
            "longOffset",
            "shortGeneric",
            "longGeneric",
        ],
    )?
    .map(|s| match s.as_str() {
        "short" | "shortGeneric" => date::ZoneName::Short,
        "shortOffset" => date::ZoneName::ShortOffset,
        "longOffset" => date::ZoneName::LongOffset,
        _ => date::ZoneName::Long,
    });
    note("timeZoneName", f.time_zone_name.is_some());
    read(vm, "formatMatcher", &["basic", "best fit"])?;
    let style = |s: Option<String>| {
        s.map(|s| match s.as_str() {
            "full" => date::Style::Full,
            "long" => date::Style::Long,
            "medium" => date::Style::Medium,
            _ => date::Style::Short,
        })
    };
    const STYLES: &[&str] = &["full", "long", "medium", "short"];
    f.date_style = style(read(vm, "dateStyle", STYLES)?);
    f.time_style = style(read(vm, "timeStyle", STYLES)?);
    if required == date::Required::Date && f.time_style.is_some() {
        return Err(JsError::type_error("Invalid option : timeStyle"));
    }
    if required == date::Required::Time && f.date_style.is_some() {
        return Err(JsError::type_error("Invalid option : dateStyle"));
    }
    if f.date_style.is_some() || f.time_style.is_some() {
        if let Some(name) = explicit {
            let which = if f.date_style.is_some() {
                "dateStyle"
            } else {
                "timeStyle"
            };
            return Err(JsError::type_error(format!(
                "Can't set option {name} when {which} is used"
            )));
        }
    }
    Ok(f)
}

/// Date.prototype.toISOString ( ) (21.4.4.36).
fn to_iso_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, t) = this_time_value(vm, args.this, "toISOString")?;
    match date::to_iso_string(t) {
        Some(s) => Ok(Value::String(vm.new_string(&s))),
        None => Err(JsError::range_error("Invalid time value")),
    }
}

/// Date.prototype.toJSON ( key ) (21.4.4.37).
fn to_json(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.this)?;
    vm.push_root(Value::Object(o));
    let tv = vm.to_primitive(Value::Object(o), PreferredType::Number)?;
    if let Value::Number(n) = tv {
        if !n.is_finite() {
            return Ok(Value::Null);
        }
    }
    let key = vm.key("toISOString");
    vm.invoke(Value::Object(o), key, &[])
}

/// Date.prototype.valueOf ( ) (21.4.4.44).
fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, t) = this_time_value(vm, args.this, "valueOf")?;
    Ok(Value::Number(t))
}

/// Date.prototype [ @@toPrimitive ] ( hint ) (21.4.4.45).
fn to_primitive(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if !args.this.is_object() {
        return Err(JsError::type_error(
            "Date.prototype[Symbol.toPrimitive] called on a non-object",
        ));
    }
    let hint = args.arg(0);
    let try_first = match hint.as_string() {
        Some(s) => {
            let view = vm.heap.str(s);
            if view.eq_str("string") || view.eq_str("default") {
                Some(PreferredType::String)
            } else if view.eq_str("number") {
                Some(PreferredType::Number)
            } else {
                None
            }
        }
        None => None,
    };
    let Some(try_first) = try_first else {
        return Err(JsError::type_error(
            "Invalid hint for Date.prototype[Symbol.toPrimitive]",
        ));
    };
    vm.ordinary_to_primitive(args.this, try_first)
}

#[cfg(test)]
mod tests {
    use super::super::class_test_support::{call, new, num, s, text, vm};
    use super::super::support::current;
    use super::*;

    #[test]
    fn utc_and_components() {
        let mut vm = vm();
        let ctor = Value::Object(current(&vm).date);
        let t = call(
            &mut vm,
            ctor,
            "UTC",
            &[Value::Number(2020.0), Value::Number(0.0)],
        );
        assert_eq!(num(t), 1577836800000.0);
        // Two-digit years mean 19xx: Date.UTC(99) is 1999-01-01.
        let t = call(&mut vm, ctor, "UTC", &[Value::Number(99.0)]);
        assert_eq!(num(t), 915148800000.0);
        let none = call(&mut vm, ctor, "UTC", &[]);
        assert!(num(none).is_nan());
    }

    #[test]
    fn setters_convert_before_nan_check() {
        let mut vm = vm();
        let dc = current(&vm).date;
        let d = new(&mut vm, dc, &[Value::Number(f64::NAN)]);
        let r = call(&mut vm, d, "setHours", &[Value::Number(1.0)]);
        assert!(num(r).is_nan());
        // setFullYear starts from +0 for an invalid date.
        let r = call(&mut vm, d, "setUTCFullYear", &[Value::Number(2000.0)]);
        assert_eq!(num(r), 946684800000.0);
        let r = call(
            &mut vm,
            d,
            "setUTCMonth",
            &[Value::Number(1.0), Value::Number(29.0)],
        );
        assert_eq!(num(r), 951782400000.0);
        let iso = call(&mut vm, d, "toISOString", &[]);
        assert_eq!(text(&vm, iso), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn parse_string_and_invalid() {
        let mut vm = vm();
        let dc = current(&vm).date;
        let iso = s(&mut vm, "2000-01-01T00:00:00Z");
        let d = new(&mut vm, dc, &[iso]);
        assert_eq!(num(call(&mut vm, d, "getTime", &[])), 946684800000.0);
        let bad = new(&mut vm, dc, &[Value::Number(9e15)]);
        assert!(
            super::super::class_test_support::try_call(&mut vm, bad, "toISOString", &[]).is_err()
        );
        let st = call(&mut vm, bad, "toString", &[]);
        assert_eq!(text(&vm, st), "Invalid Date");
        let j = call(&mut vm, bad, "toJSON", &[]);
        assert!(j.is_null());
    }

    #[test]
    fn to_primitive_hints() {
        let mut vm = vm();
        let dc = current(&vm).date;
        let d = new(&mut vm, dc, &[Value::Number(0.0)]);
        let tp = vm.symbols.to_primitive;
        let hint = s(&mut vm, "number");
        let v = vm.invoke(d, PropertyKey::Symbol(tp), &[hint]).unwrap();
        assert_eq!(num(v), 0.0);
        let hint = s(&mut vm, "default");
        let v = vm.invoke(d, PropertyKey::Symbol(tp), &[hint]).unwrap();
        assert!(v.as_string().is_some());
        let hint = s(&mut vm, "bogus");
        assert!(vm.invoke(d, PropertyKey::Symbol(tp), &[hint]).is_err());
    }

    #[test]
    fn the_host_clock_drives_now_and_new_date() {
        let mut vm = vm();
        vm.options.clock = Some(|| 86_400_000.75);
        let ctor = Value::Object(current(&vm).date);
        assert_eq!(num(call(&mut vm, ctor, "now", &[])), 86_400_000.0);
        let dc = current(&vm).date;
        let d = new(&mut vm, dc, &[]);
        assert_eq!(num(call(&mut vm, d, "getTime", &[])), 86_400_000.0);
        let iso = call(&mut vm, d, "toISOString", &[]);
        assert_eq!(text(&vm, iso), "1970-01-02T00:00:00.000Z");
    }
}
