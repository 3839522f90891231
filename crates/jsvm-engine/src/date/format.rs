//! Date to string, exactly as V8 prints it: toString, toDateString,
//! toTimeString (21.4.4.41 and the DateString / TimeString /
//! TimeZoneString helpers), toUTCString, toISOString (the toLocale* forms
//! are in `locale`).
//!
//! Every function takes a time value (UTC milliseconds, already TimeClipped)
//! and returns "Invalid Date" for NaN, except [`to_iso_string`], which
//! returns `None` so the caller can throw its RangeError.
//!
//! Invariant: the local forms read the host zone through `super::local`
//! only; the UTC forms never do.

use super::local::{time_zone_name, zone_info};
use super::time::{date_fields, DateFields};
use std::fmt::Write;

/// What the string forms print for a NaN time value.
pub const INVALID_DATE: &str = "Invalid Date";

const WEEK_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn week_day_name(f: &DateFields) -> &'static str {
    WEEK_DAYS.get(f.week_day as usize).copied().unwrap_or("")
}

fn month_name(f: &DateFields) -> &'static str {
    MONTHS.get(f.month as usize).copied().unwrap_or("")
}

/// A year as DateString prints it: at least four digits, "-" for negative.
fn push_year(out: &mut String, year: i64) {
    if year < 0 {
        out.push('-');
    }
    let _ = write!(out, "{:04}", year.unsigned_abs());
}

/// Local fields and the offset (ms) for the UTC time `t`.
fn local_parts(t: f64) -> Option<(DateFields, f64)> {
    if !t.is_finite() {
        return None;
    }
    let offset = zone_info(t).offset_ms;
    date_fields(t + offset).map(|f| (f, offset))
}

/// DateString (21.4.4.41.2): "Tue Mar 01 2022".
fn push_date_string(out: &mut String, f: &DateFields) {
    let _ = write!(out, "{} {} {:02} ", week_day_name(f), month_name(f), f.date);
    push_year(out, f.year);
}

/// TimeString (21.4.4.41.1) without the trailing zone: "10:00:00 GMT".
fn push_time_string(out: &mut String, f: &DateFields) {
    let _ = write!(out, "{:02}:{:02}:{:02} GMT", f.hour, f.minute, f.second);
}

/// TimeZoneString (21.4.4.41.3): "+0100 (Central European Standard Time)".
/// Offsets with seconds (local mean time) print their whole minutes.
fn push_time_zone_string(out: &mut String, offset_ms: f64, name: &str) {
    let minutes = (offset_ms / 60_000.0).trunc() as i64;
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    let _ = write!(out, "{}{:02}{:02} ({})", sign, m / 60, m % 60, name);
}

/// toString from local fields, the offset and the zone name.
fn compose_date_time(f: &DateFields, offset_ms: f64, name: &str) -> String {
    let mut out = String::with_capacity(64);
    push_date_string(&mut out, f);
    out.push(' ');
    push_time_string(&mut out, f);
    push_time_zone_string(&mut out, offset_ms, name);
    out
}

/// Date.prototype.toString:
/// "Tue Mar 01 2022 10:00:00 GMT+0100 (Central European Standard Time)".
pub fn to_date_time_string(t: f64) -> String {
    let Some((f, offset)) = local_parts(t) else {
        return INVALID_DATE.to_owned();
    };
    compose_date_time(&f, offset, &time_zone_name(t))
}

/// Date.prototype.toDateString: "Tue Mar 01 2022".
pub fn to_date_string(t: f64) -> String {
    let Some((f, _)) = local_parts(t) else {
        return INVALID_DATE.to_owned();
    };
    let mut out = String::with_capacity(16);
    push_date_string(&mut out, &f);
    out
}

/// Date.prototype.toTimeString:
/// "10:00:00 GMT+0100 (Central European Standard Time)".
pub fn to_time_string(t: f64) -> String {
    let Some((f, offset)) = local_parts(t) else {
        return INVALID_DATE.to_owned();
    };
    let mut out = String::with_capacity(48);
    push_time_string(&mut out, &f);
    push_time_zone_string(&mut out, offset, &time_zone_name(t));
    out
}

/// Date.prototype.toUTCString (21.4.4.43): "Tue, 01 Mar 2022 09:00:00 GMT".
pub fn to_utc_string(t: f64) -> String {
    let Some(f) = date_fields(t) else {
        return INVALID_DATE.to_owned();
    };
    let mut out = String::with_capacity(32);
    let _ = write!(
        out,
        "{}, {:02} {} ",
        week_day_name(&f),
        f.date,
        month_name(&f)
    );
    push_year(&mut out, f.year);
    let _ = write!(out, " {:02}:{:02}:{:02} GMT", f.hour, f.minute, f.second);
    out
}

/// Date.prototype.toISOString (21.4.4.36): "2022-03-01T09:00:00.000Z", with
/// six-digit signed years outside 0..=9999. `None` for an invalid date (the
/// caller throws a RangeError).
pub fn to_iso_string(t: f64) -> Option<String> {
    let f = date_fields(t)?;
    let mut out = String::with_capacity(27);
    if (0..=9999).contains(&f.year) {
        let _ = write!(out, "{:04}", f.year);
    } else {
        let sign = if f.year < 0 { '-' } else { '+' };
        let _ = write!(out, "{}{:06}", sign, f.year.unsigned_abs());
    }
    let _ = write!(
        out,
        "-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        f.month + 1,
        f.date,
        f.hour,
        f.minute,
        f.second,
        f.millisecond
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_forms() {
        // (time value, toUTCString, toISOString) from node 20.
        let cases: &[(f64, &str, &str)] = &[
            (
                0.0,
                "Thu, 01 Jan 1970 00:00:00 GMT",
                "1970-01-01T00:00:00.000Z",
            ),
            (
                -1.0,
                "Wed, 31 Dec 1969 23:59:59 GMT",
                "1969-12-31T23:59:59.999Z",
            ),
            (
                1646128800000.0,
                "Tue, 01 Mar 2022 10:00:00 GMT",
                "2022-03-01T10:00:00.000Z",
            ),
            (
                -62198755200000.0,
                "Fri, 01 Jan -0001 00:00:00 GMT",
                "-000001-01-01T00:00:00.000Z",
            ),
            (
                -62167219200000.0,
                "Sat, 01 Jan 0000 00:00:00 GMT",
                "0000-01-01T00:00:00.000Z",
            ),
            (
                8.64e15,
                "Sat, 13 Sep 275760 00:00:00 GMT",
                "+275760-09-13T00:00:00.000Z",
            ),
            (
                -8.64e15,
                "Tue, 20 Apr -271821 00:00:00 GMT",
                "-271821-04-20T00:00:00.000Z",
            ),
            (
                253402300800000.0,
                "Sat, 01 Jan 10000 00:00:00 GMT",
                "+010000-01-01T00:00:00.000Z",
            ),
            (
                1709208000123.0,
                "Thu, 29 Feb 2024 12:00:00 GMT",
                "2024-02-29T12:00:00.123Z",
            ),
        ];
        for &(t, utc, iso) in cases {
            assert_eq!(to_utc_string(t), utc);
            assert_eq!(to_iso_string(t).as_deref(), Some(iso));
        }
        assert_eq!(to_utc_string(f64::NAN), "Invalid Date");
        assert_eq!(to_iso_string(f64::NAN), None);
    }

    #[test]
    fn composed_local_forms() {
        // node 20, TZ=Europe/Berlin: new Date(2022, 2, 1, 10).toString()
        let local = 1646128800000.0; // 2022-03-01T10:00 as a local time value
        let f = date_fields(local).unwrap_or_else(|| panic!("fields"));
        assert_eq!(
            compose_date_time(&f, 3_600_000.0, "Central European Standard Time"),
            "Tue Mar 01 2022 10:00:00 GMT+0100 (Central European Standard Time)"
        );
        // node 20, TZ=America/New_York: new Date(1800, 0, 1).toString()
        let local = -5364662400000.0; // 1800-01-01T00:00 local
        let f = date_fields(local).unwrap_or_else(|| panic!("fields"));
        assert_eq!(
            compose_date_time(&f, -17_762_000.0, "Eastern Standard Time"),
            "Wed Jan 01 1800 00:00:00 GMT-0456 (Eastern Standard Time)"
        );
        // node 20, TZ=Europe/Berlin: new Date(1800, 0, 1).toString()
        assert_eq!(
            compose_date_time(&f, 3_208_000.0, "Central European Standard Time"),
            "Wed Jan 01 1800 00:00:00 GMT+0053 (Central European Standard Time)"
        );
    }

    #[test]
    fn local_forms_invalid() {
        for s in [
            to_date_time_string(f64::NAN),
            to_date_string(f64::NAN),
            to_time_string(f64::NAN),
        ] {
            assert_eq!(s, "Invalid Date");
        }
    }
}
