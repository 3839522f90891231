//! The host's local time zone: LocalTZA for a UTC time (DST included), the
//! local→UTC conversion UTC(t) (21.4.1.26) with the spec's disambiguation,
//! and the zone's long name for Date.prototype.toString.
//!
//! Offsets come from libc (`localtime_r` and `tm_gmtoff`), so the `TZ`
//! environment variable and the system tz database decide, as for every
//! other program. The zone id (for the long name) is `TZ` when it names a
//! zone, else the target of /etc/localtime, else /etc/timezone.
//!
//! Invariant: every function accepts any f64 and never panics; a time libc
//! cannot convert is treated as UTC (offset 0).

use super::time::{civil_from_days, day_i, days_from_civil, MS_PER_DAY, MS_PER_SECOND};
use super::zone_names::{NAMES, NONE, ZONES};
use std::sync::OnceLock;

/// What libc says about one UTC instant.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneInfo {
    /// Local time minus UTC, in milliseconds (DST included).
    pub offset_ms: f64,
    /// Whether daylight saving time is in effect.
    pub is_dst: bool,
    /// The abbreviation libc gives ("CET", "EDT", "+03").
    pub abbreviation: String,
}

#[cfg(unix)]
extern "C" {
    /// POSIX tzset(3) (not exported by the libc crate).
    fn tzset();
}

#[cfg(unix)]
fn query_libc(seconds: i64) -> Option<ZoneInfo> {
    static TZSET: std::sync::Once = std::sync::Once::new();
    TZSET.call_once(|| {
        // SAFETY: tzset only reads the environment and the tz database; it
        // runs once, before any localtime_r call of ours.
        unsafe { tzset() }
    });
    // time_t is 32 bits on some targets: out-of-range times fail there.
    #[allow(clippy::useless_conversion)]
    let time: libc::time_t = seconds.try_into().ok()?;
    // SAFETY: `tm` is plain data that localtime_r fully initializes on
    // success; both pointers are valid for the call.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let result = unsafe { libc::localtime_r(&time, &mut tm) };
    if result.is_null() {
        return None;
    }
    let abbreviation = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null tm_zone points to a NUL-terminated string
        // owned by libc that lives as long as the tz data.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    Some(ZoneInfo {
        offset_ms: tm.tm_gmtoff as f64 * MS_PER_SECOND,
        is_dst: tm.tm_isdst > 0,
        abbreviation,
    })
}

#[cfg(not(unix))]
fn query_libc(_seconds: i64) -> Option<ZoneInfo> {
    None
}

/// The zone information for the UTC time value `t_utc`.
pub fn zone_info(t_utc: f64) -> ZoneInfo {
    let utc = || ZoneInfo {
        offset_ms: 0.0,
        is_dst: false,
        abbreviation: "UTC".to_owned(),
    };
    if !t_utc.is_finite() {
        return utc();
    }
    let seconds = (t_utc / MS_PER_SECOND).floor();
    if seconds.abs() > 1e15 {
        return utc();
    }
    query_libc(seconds as i64).unwrap_or_else(utc)
}

/// LocalTZA(t, true) (21.4.1.20): the local offset in milliseconds (DST
/// included) at the UTC time `t_utc`.
pub fn local_tz_offset_ms(t_utc: f64) -> f64 {
    zone_info(t_utc).offset_ms
}

/// LocalTime(t) (21.4.1.25): the local time value for the UTC time `t`.
pub fn local_time(t_utc: f64) -> f64 {
    t_utc + local_tz_offset_ms(t_utc)
}

/// UTC(t) (21.4.1.26): the UTC time value for the local time `t_local`.
/// A local time that occurs twice (clocks going back) takes the earlier
/// instant; one skipped by clocks going forward is read with the offset in
/// force before the transition. NaN and infinities are returned unchanged.
pub fn utc_from_local(t_local: f64) -> f64 {
    if !t_local.is_finite() {
        return t_local;
    }
    utc_from_local_with(t_local, local_tz_offset_ms)
}

/// UTC(t) for an arbitrary offset function (testable without the host
/// zone).
fn utc_from_local_with(t_local: f64, offset_at: impl Fn(f64) -> f64) -> f64 {
    // Offsets in force around this local time: any offset valid at an
    // instant within a day either side of `t_local` read as UTC.
    let mut candidates: [f64; 3] = [
        offset_at(t_local - MS_PER_DAY),
        offset_at(t_local),
        offset_at(t_local + MS_PER_DAY),
    ];
    candidates.sort_by(|a, b| b.total_cmp(a));
    // The instants whose local time is `t_local`; the largest offset gives
    // the earliest instant.
    for &offset in &candidates {
        let instant = t_local - offset;
        if offset_at(instant) == offset {
            return instant;
        }
    }
    // A skipped local time: use the offset from before the transition.
    let before = t_local - MS_PER_DAY;
    let offset_before = offset_at(before - offset_at(before));
    t_local - offset_before
}

/// The IANA id of the local zone, if one can be found.
fn zone_id() -> Option<&'static str> {
    static ID: OnceLock<Option<String>> = OnceLock::new();
    ID.get_or_init(find_zone_id).as_deref()
}

fn id_from_path(path: &str) -> Option<String> {
    path.rsplit_once("zoneinfo/").map(|(_, id)| id.to_owned())
}

fn find_zone_id() -> Option<String> {
    if let Some(tz) = std::env::var_os("TZ") {
        let tz = tz.to_string_lossy();
        let tz = tz.strip_prefix(':').unwrap_or(&tz);
        if tz.is_empty() {
            return Some("UTC".to_owned());
        }
        if tz.starts_with('/') {
            let resolved = std::fs::canonicalize(tz).ok();
            return id_from_path(tz)
                .or_else(|| resolved.and_then(|p| id_from_path(&p.to_string_lossy())));
        }
        return Some(tz.to_owned());
    }
    if let Ok(target) = std::fs::read_link("/etc/localtime") {
        if let Some(id) = id_from_path(&target.to_string_lossy()) {
            return Some(id);
        }
    }
    std::fs::read_to_string("/etc/timezone")
        .ok()
        .map(|s| s.trim().to_owned())
}

/// What an Intl `timeZone` option names, as far as jsvm can format it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneChoice {
    Utc,
    /// The host's own zone.
    Local,
    /// A real IANA zone other than the host's (not supported here).
    Other,
    /// Not a time zone.
    Invalid,
}

/// Classifies a `timeZone` option value (ids compare case-insensitively,
/// as ECMA-402 does).
pub fn classify_zone(id: &str) -> ZoneChoice {
    const UTC: &[&str] = &[
        "utc",
        "etc/utc",
        "gmt",
        "etc/gmt",
        "uct",
        "etc/uct",
        "universal",
        "etc/universal",
        "zulu",
        "etc/zulu",
        "etc/gmt0",
        "gmt0",
        "etc/gmt+0",
        "etc/gmt-0",
        "gmt+0",
        "gmt-0",
        "etc/greenwich",
        "greenwich",
    ];
    let lower = id.to_ascii_lowercase();
    if UTC.contains(&lower.as_str()) {
        return ZoneChoice::Utc;
    }
    if zone_id().is_some_and(|z| z.eq_ignore_ascii_case(id)) {
        return ZoneChoice::Local;
    }
    if ZONES
        .iter()
        .any(|(zone, _, _)| zone.eq_ignore_ascii_case(id))
    {
        ZoneChoice::Other
    } else {
        ZoneChoice::Invalid
    }
}

/// `GMT+hh:mm` for an offset, the form V8 prints for zones without a name.
fn gmt_offset_name(offset_ms: f64) -> String {
    let minutes = (offset_ms / 60_000.0).trunc() as i64;
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("GMT{}{:02}:{:02}", sign, m / 60, m % 60)
}

/// Long names for a few abbreviations, used when the zone id is unknown
/// (e.g. a POSIX `TZ` string): `(abbreviation, offset in minutes, name)`.
const ABBREVIATIONS: &[(&str, i64, &str)] = &[
    ("UTC", 0, "Coordinated Universal Time"),
    ("UCT", 0, "Coordinated Universal Time"),
    ("GMT", 0, "Greenwich Mean Time"),
    ("WET", 0, "Western European Standard Time"),
    ("WEST", 60, "Western European Summer Time"),
    ("BST", 60, "British Summer Time"),
    ("CET", 60, "Central European Standard Time"),
    ("CEST", 120, "Central European Summer Time"),
    ("MET", 60, "Central European Standard Time"),
    ("MEST", 120, "Central European Summer Time"),
    ("EET", 120, "Eastern European Standard Time"),
    ("EEST", 180, "Eastern European Summer Time"),
    ("MSK", 180, "Moscow Standard Time"),
    ("IST", 330, "India Standard Time"),
    ("CST", 480, "China Standard Time"),
    ("JST", 540, "Japan Standard Time"),
    ("KST", 540, "Korean Standard Time"),
    ("AEST", 600, "Australian Eastern Standard Time"),
    ("AEDT", 660, "Australian Eastern Daylight Time"),
    ("NZST", 720, "New Zealand Standard Time"),
    ("NZDT", 780, "New Zealand Daylight Time"),
    ("HST", -600, "Hawaii-Aleutian Standard Time"),
    ("AKST", -540, "Alaska Standard Time"),
    ("AKDT", -480, "Alaska Daylight Time"),
    ("PST", -480, "Pacific Standard Time"),
    ("PDT", -420, "Pacific Daylight Time"),
    ("MST", -420, "Mountain Standard Time"),
    ("MDT", -360, "Mountain Daylight Time"),
    ("CST", -360, "Central Standard Time"),
    ("CDT", -300, "Central Daylight Time"),
    ("EST", -300, "Eastern Standard Time"),
    ("EDT", -240, "Eastern Daylight Time"),
    ("AST", -240, "Atlantic Standard Time"),
    ("ADT", -180, "Atlantic Daylight Time"),
];

/// The long name for zone `id` (if known) and the libc information.
fn long_name(id: Option<&str>, info: &ZoneInfo) -> String {
    if let Some(id) = id {
        if let Ok(i) = ZONES.binary_search_by(|(zone, _, _)| zone.cmp(&id)) {
            let (_, standard, daylight) = ZONES[i];
            let index = if info.is_dst { daylight } else { standard };
            if index != NONE {
                if let Some(name) = NAMES.get(index as usize) {
                    return (*name).to_owned();
                }
            }
            return gmt_offset_name(info.offset_ms);
        }
    }
    let minutes = (info.offset_ms / 60_000.0).trunc() as i64;
    ABBREVIATIONS
        .iter()
        .find(|(abbr, off, _)| *abbr == info.abbreviation && *off == minutes)
        .map(|(_, _, name)| (*name).to_owned())
        .unwrap_or_else(|| gmt_offset_name(info.offset_ms))
}

/// The last UTC time (ms) V8 looks up DST names for directly: 2^31 - 1
/// seconds after the epoch (January 2038).
const MAX_EPOCH_TIME_MS: f64 = 2147483647000.0;

/// A year in 2008..=2035 that is a leap year exactly when `year` is and
/// whose January 1 falls on the same weekday (the equivalent-year rule of
/// ES5 15.9.1.9, which V8 still applies to zone names).
fn equivalent_year(year: i64) -> i64 {
    let jan1 = days_from_civil(year, 0, 1);
    let week_day = (jan1 + 4).rem_euclid(7);
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    let recent = if leap { 1956 } else { 1967 } + (week_day * 12) % 28;
    2008 + (recent + 3 * 28 - 2008) % 28
}

/// The same month, day and time of day in the equivalent year (`t`
/// itself when it is not a usable time value).
fn equivalent_time(t: f64) -> f64 {
    let Some(days) = day_i(t) else {
        return t;
    };
    let within = t - days as f64 * MS_PER_DAY;
    let (year, month, date) = civil_from_days(days);
    let new_days = days_from_civil(equivalent_year(year), month, date as i64);
    new_days as f64 * MS_PER_DAY + within
}

/// The long name of the local zone at the UTC time `t_utc`, as V8 prints it
/// in parentheses in Date.prototype.toString ("Coordinated Universal Time",
/// "Central European Summer Time", or "GMT+03:00" for unnamed zones).
/// Like V8, whether the daylight name applies is decided, for times before
/// 1970 or after 2038, at the same date in an equivalent recent year.
pub fn time_zone_name(t_utc: f64) -> String {
    let mut info = zone_info(t_utc);
    if t_utc.is_finite() && !(0.0..=MAX_EPOCH_TIME_MS).contains(&t_utc) {
        info.is_dst = zone_info(equivalent_time(t_utc)).is_dst;
    }
    long_name(zone_id(), &info)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zone at +1h that moves to +2h at UTC instant `switch` (and back at
    /// `back`), like Central Europe.
    fn toy_offset(switch: f64, back: f64) -> impl Fn(f64) -> f64 {
        move |t| {
            if t >= switch && t < back {
                7_200_000.0
            } else {
                3_600_000.0
            }
        }
    }

    #[test]
    fn local_to_utc_disambiguation() {
        // 2022-03-27T01:00Z: Berlin goes from 02:00 CET to 03:00 CEST.
        let switch = 1648342800000.0;
        // 2022-10-30T01:00Z: back from 03:00 CEST to 02:00 CET.
        let back = 1667091600000.0;
        let f = toy_offset(switch, back);
        let hour = 3_600_000.0;
        // Local 2022-03-27 01:30 (before): UTC 00:30.
        let local_0130 = switch + hour - 1_800_000.0;
        assert_eq!(utc_from_local_with(local_0130, &f), switch - 1_800_000.0);
        // Local 02:30 does not exist: read with the old offset (+1), which
        // is 01:30Z, i.e. 03:30 CEST.
        let local_0230 = switch + hour + 1_800_000.0;
        assert_eq!(utc_from_local_with(local_0230, &f), switch + 1_800_000.0);
        // Local 03:30 after the switch: +2.
        let local_0330 = switch + 2.0 * hour + 1_800_000.0;
        assert_eq!(utc_from_local_with(local_0330, &f), switch + 1_800_000.0);
        // Local 2022-10-30 02:30 occurs twice: the earlier one (CEST).
        let local_0230_oct = back + hour + 1_800_000.0;
        assert_eq!(utc_from_local_with(local_0230_oct, &f), back - 1_800_000.0);
    }

    #[test]
    fn equivalent_years() {
        // Same leap-ness and weekday of January 1, within 2008..=2035.
        assert_eq!(equivalent_year(1964), 2020);
        assert_eq!(equivalent_year(2022), 2011);
        assert_eq!(equivalent_year(1970), 2015);
        for year in [-271821, -1, 0, 1600, 1900, 1969, 2040, 2100, 275760] {
            let eq = equivalent_year(year);
            assert!((2008..=2035).contains(&eq), "{year} -> {eq}");
            let wd = |y: i64| (days_from_civil(y, 0, 1) + 4).rem_euclid(7);
            let leap = |y: i64| days_from_civil(y + 1, 0, 1) - days_from_civil(y, 0, 1) == 366;
            assert_eq!((wd(eq), leap(eq)), (wd(year), leap(year)), "{year} -> {eq}");
        }
        // 1964-10-22T12:00Z maps to 2020-10-22T12:00Z.
        assert_eq!(equivalent_time(-163857600000.0), 1603368000000.0);
    }

    #[test]
    fn names() {
        let info = |offset_min: f64, dst: bool, abbr: &str| ZoneInfo {
            offset_ms: offset_min * 60_000.0,
            is_dst: dst,
            abbreviation: abbr.to_owned(),
        };
        // Names checked against node 20 with TZ set to each zone.
        assert_eq!(
            long_name(Some("UTC"), &info(0.0, false, "UTC")),
            "Coordinated Universal Time"
        );
        assert_eq!(
            long_name(Some("Etc/UTC"), &info(0.0, false, "UTC")),
            "Coordinated Universal Time"
        );
        assert_eq!(
            long_name(Some("Europe/Berlin"), &info(60.0, false, "CET")),
            "Central European Standard Time"
        );
        assert_eq!(
            long_name(Some("Europe/Berlin"), &info(120.0, true, "CEST")),
            "Central European Summer Time"
        );
        assert_eq!(
            long_name(Some("America/New_York"), &info(-240.0, true, "EDT")),
            "Eastern Daylight Time"
        );
        assert_eq!(
            long_name(Some("America/Sao_Paulo"), &info(-180.0, false, "-03")),
            "Brasilia Standard Time"
        );
        assert_eq!(
            long_name(Some("Etc/GMT-3"), &info(180.0, false, "+03")),
            "GMT+03:00"
        );
        assert_eq!(
            long_name(Some("Africa/Casablanca"), &info(0.0, false, "+00")),
            "GMT+00:00"
        );
        assert_eq!(
            long_name(Some("Asia/Kolkata"), &info(330.0, false, "IST")),
            "India Standard Time"
        );
        // Unknown ids fall back on the abbreviation, then on the offset.
        assert_eq!(
            long_name(None, &info(-360.0, false, "CST")),
            "Central Standard Time"
        );
        assert_eq!(
            long_name(None, &info(480.0, false, "CST")),
            "China Standard Time"
        );
        assert_eq!(
            long_name(Some("Nowhere/Else"), &info(-570.0, false, "-0930")),
            "GMT-09:30"
        );
    }
}
