//! Date math and text for the `Date` built-in: the spec's time value
//! algorithms (21.4.1), the host's local time zone, formatting exactly as V8
//! prints dates (the toLocale* forms in Node's en-US patterns), and
//! Date.parse (ISO format plus V8's legacy forms). Pure
//! functions over f64 time values and Rust strings; no engine objects.
//!
//! Invariant: time values are UTC milliseconds; local time appears only
//! inside `local`, `format` (local forms) and `parse` (strings without an
//! offset), always through `local::local_tz_offset_ms` / `utc_from_local`.

mod format;
mod local;
mod locale;
mod parse;
mod time;
mod zone_names;

pub use format::{
    to_date_string, to_date_time_string, to_iso_string, to_time_string, to_utc_string, INVALID_DATE,
};
pub use local::{
    classify_zone, local_time, local_tz_offset_ms, time_zone_name, utc_from_local, zone_info,
    ZoneChoice, ZoneInfo,
};
pub use locale::{
    format as format_locale, HourCycle, LocaleFormat, Required, Style, Width, ZoneName,
};
pub use parse::{parse_date, parse_date_utf16};
pub use time::{
    date_fields, date_from_time, day, day_from_year, day_within_year, days_in_year, hour_from_time,
    in_leap_year, make_date, make_day, make_time, min_from_time, month_from_time, ms_from_time,
    sec_from_time, time_clip, time_from_year, time_within_day, week_day, year_from_time,
    DateFields, MAX_TIME, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND,
};
