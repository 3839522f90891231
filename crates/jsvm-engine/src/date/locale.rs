//! Locale-formatted dates for Date.prototype.toLocaleString /
//! toLocaleDateString / toLocaleTimeString with Intl.DateTimeFormat-style
//! options, in the en-US patterns Node 20 (ICU 7x) prints: "3/7/2024,
//! 9:05:03 AM", "March 7, 2024 at 9:05 AM", "Thu, Mar 7", "09:05",
//! "9:05:03 AM UTC", `dateStyle` / `timeStyle`, hour cycles (including
//! V8's `hour12: false` = h24, "24:00"), eras and fractional seconds.
//!
//! Not covered: other locales (every locale formats as en-US), calendars
//! and numbering systems, and time zones other than UTC and the host's own
//! (the caller reports those as not supported). Unusual component
//! combinations fall back on the closest pattern here, which may differ
//! from ICU's best-fit choice.
//!
//! Invariant: pure functions of a time value and a `LocaleFormat`; never
//! panics for any f64.

use std::fmt::Write;

use super::format::INVALID_DATE;
use super::local::{local_tz_offset_ms, time_zone_name, zone_info};
use super::time::{date_fields, DateFields};

/// How wide a component is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    Numeric,
    TwoDigit,
    Narrow,
    Short,
    Long,
}

/// `dateStyle` / `timeStyle`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Full,
    Long,
    Medium,
    Short,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HourCycle {
    H11,
    H12,
    H23,
    H24,
}

/// `timeZoneName`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneName {
    Short,
    Long,
    ShortOffset,
    LongOffset,
}

/// What `toLocale*String` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Required {
    /// toLocaleString: date and time by default.
    Any,
    /// toLocaleDateString.
    Date,
    /// toLocaleTimeString.
    Time,
}

/// The resolved options (already validated by the caller).
#[derive(Clone, Debug, Default)]
pub struct LocaleFormat {
    pub weekday: Option<Width>,
    pub era: Option<Width>,
    pub year: Option<Width>,
    pub month: Option<Width>,
    pub day: Option<Width>,
    pub hour: Option<Width>,
    pub minute: Option<Width>,
    pub second: Option<Width>,
    /// 0 (none) to 3.
    pub fractional_second_digits: u8,
    pub time_zone_name: Option<ZoneName>,
    pub hour12: Option<bool>,
    pub hour_cycle: Option<HourCycle>,
    /// Format in UTC rather than the host's zone.
    pub utc: bool,
    pub date_style: Option<Style>,
    pub time_style: Option<Style>,
}

impl LocaleFormat {
    fn has_date(&self) -> bool {
        self.weekday.is_some() || self.year.is_some() || self.month.is_some() || self.day.is_some()
    }
    fn has_time(&self) -> bool {
        self.hour.is_some()
            || self.minute.is_some()
            || self.second.is_some()
            || self.fractional_second_digits > 0
    }

    /// ToDateTimeOptions' defaults: numeric date and/or time components
    /// when none were asked for; the styles expand to their components.
    pub fn with_defaults(mut self, required: Required) -> LocaleFormat {
        if self.date_style.is_some() || self.time_style.is_some() {
            return self;
        }
        let need = match required {
            Required::Any => !self.has_date() && !self.has_time(),
            Required::Date => !self.has_date(),
            Required::Time => !self.has_time(),
        };
        if need {
            if required != Required::Time {
                self.year = Some(Width::Numeric);
                self.month = Some(Width::Numeric);
                self.day = Some(Width::Numeric);
            }
            if required != Required::Date {
                self.hour = Some(Width::Numeric);
                self.minute = Some(Width::Numeric);
                self.second = Some(Width::Numeric);
            }
        }
        self
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

fn text(name: &str, width: Width) -> String {
    match width {
        Width::Long => name.to_string(),
        Width::Narrow => name.chars().take(1).collect(),
        _ => name.chars().take(3).collect(),
    }
}

fn number(n: i64, width: Width) -> String {
    if width == Width::TwoDigit {
        format!("{:02}", n.rem_euclid(100))
    } else {
        n.to_string()
    }
}

/// The date with the options `o` (defaults already applied).
pub fn format(t: f64, o: &LocaleFormat) -> String {
    let offset = if o.utc { 0.0 } else { local_tz_offset_ms(t) };
    let Some(f) = t.is_finite().then(|| date_fields(t + offset)).flatten() else {
        return INVALID_DATE.to_owned();
    };
    let mut o = o.clone();
    let mut long_join = false;
    if let Some(style) = o.date_style {
        o.year = Some(if style == Style::Short {
            Width::TwoDigit
        } else {
            Width::Numeric
        });
        o.day = Some(Width::Numeric);
        o.month = Some(match style {
            Style::Full | Style::Long => Width::Long,
            Style::Medium => Width::Short,
            Style::Short => Width::Numeric,
        });
        if style == Style::Full {
            o.weekday = Some(Width::Long);
        }
        long_join = matches!(style, Style::Full | Style::Long);
    }
    if let Some(style) = o.time_style {
        o.hour = Some(Width::Numeric);
        o.minute = Some(Width::TwoDigit);
        if style != Style::Short {
            o.second = Some(Width::TwoDigit);
        }
        o.time_zone_name = match style {
            Style::Full => Some(ZoneName::Long),
            Style::Long => Some(ZoneName::Short),
            _ => o.time_zone_name,
        };
    }
    if o.date_style.is_none() && o.month == Some(Width::Long) {
        long_join = true;
    }
    let date = date_part(&f, &o);
    let mut time = time_part(&f, &o);
    if let Some(z) = o.time_zone_name {
        let name = zone_text(t, offset, o.utc, z);
        if time.is_empty() {
            time = name;
        } else {
            time = format!("{time} {name}");
        }
    }
    match (date.is_empty(), time.is_empty()) {
        (true, _) => time,
        (_, true) => date,
        _ => {
            let only_weekday = o.weekday.is_some()
                && o.year.is_none()
                && o.month.is_none()
                && o.day.is_none()
                && o.era.is_none();
            let sep = if only_weekday {
                " "
            } else if long_join {
                " at "
            } else {
                ", "
            };
            format!("{date}{sep}{time}")
        }
    }
}

/// The year as ICU shows it with an era (1 BC is year 1).
fn era_year(f: &DateFields, o: &LocaleFormat) -> i64 {
    if f.year <= 0 && (o.era.is_some() || o.year.is_some()) {
        1 - f.year
    } else {
        f.year
    }
}

fn date_part(f: &DateFields, o: &LocaleFormat) -> String {
    let year = o.year.map(|w| number(era_year(f, o), w));
    let day = o.day.map(|w| number(f.date as i64, w));
    let weekday = o.weekday.map(|w| text(DAYS[f.week_day as usize % 7], w));
    let month_name = MONTHS[f.month as usize % 12];
    let mut out = match o.month {
        Some(w @ (Width::Long | Width::Short | Width::Narrow)) => {
            let m = text(month_name, w);
            let md = match &day {
                Some(d) => format!("{m} {d}"),
                None => m,
            };
            let body = match (&year, &day) {
                (Some(y), Some(_)) => format!("{md}, {y}"),
                (Some(y), None) => format!("{md} {y}"),
                (None, _) => md,
            };
            match &weekday {
                Some(wd) if o.year.is_some() && o.day.is_none() => format!("{body} {wd}"),
                Some(wd) => format!("{wd}, {body}"),
                None => body,
            }
        }
        Some(w) => {
            let mut parts = vec![number(f.month as i64 + 1, w)];
            parts.extend(day.clone());
            parts.extend(year.clone());
            let body = parts.join("/");
            match &weekday {
                Some(wd) => format!("{wd}, {body}"),
                None => body,
            }
        }
        None => match (&year, &day, &weekday) {
            (Some(y), Some(d), _) => format!("{y} (day: {d})"),
            (Some(y), None, Some(wd)) => format!("{y} {wd}"),
            (Some(y), None, None) => y.clone(),
            (None, Some(d), Some(wd)) => format!("{d} {wd}"),
            (None, Some(d), None) => d.clone(),
            (None, None, Some(wd)) => wd.clone(),
            (None, None, None) => String::new(),
        },
    };
    if let Some(w) = o.era {
        let name = match (f.year <= 0, w) {
            (false, Width::Long) => "Anno Domini",
            (true, Width::Long) => "Before Christ",
            (false, Width::Narrow) => "A",
            (true, Width::Narrow) => "B",
            (false, _) => "AD",
            (true, _) => "BC",
        };
        if out.is_empty() {
            out = name.to_string();
        } else {
            let _ = write!(out, " {name}");
        }
    }
    out
}

fn time_part(f: &DateFields, o: &LocaleFormat) -> String {
    let cycle = match o.hour12 {
        Some(true) => HourCycle::H12,
        // V8 (Node 20) resolves `hour12: false` in en-US to h24.
        Some(false) => HourCycle::H24,
        None => o.hour_cycle.unwrap_or(HourCycle::H12),
    };
    let twelve = matches!(cycle, HourCycle::H11 | HourCycle::H12);
    let fraction = |out: &mut String| {
        let digits = o.fractional_second_digits.min(3) as usize;
        if digits > 0 {
            let ms = format!("{:03}", f.millisecond);
            out.push_str(&ms[..digits]);
        }
    };
    let mut out = String::new();
    match o.hour {
        Some(w) => {
            let h = match cycle {
                HourCycle::H11 => f.hour % 12,
                HourCycle::H12 => match f.hour % 12 {
                    0 => 12,
                    h => h,
                },
                HourCycle::H23 => f.hour,
                HourCycle::H24 => match f.hour {
                    0 => 24,
                    h => h,
                },
            };
            let padded = w == Width::TwoDigit || !twelve;
            if padded {
                let _ = write!(out, "{h:02}");
            } else {
                let _ = write!(out, "{h}");
            }
            if o.minute.is_some() || o.second.is_some() {
                let _ = write!(out, ":{:02}", f.minute);
            }
            if o.second.is_some() {
                let _ = write!(out, ":{:02}", f.second);
                if o.fractional_second_digits > 0 {
                    out.push('.');
                    fraction(&mut out);
                }
            }
            if twelve {
                out.push_str(if f.hour < 12 { " AM" } else { " PM" });
            }
        }
        None => match (o.minute, o.second) {
            (Some(_), Some(_)) => {
                let _ = write!(out, "{:02}:{:02}", f.minute, f.second);
                if o.fractional_second_digits > 0 {
                    out.push('.');
                    fraction(&mut out);
                }
            }
            (Some(_), None) => {
                let _ = write!(out, "{}", f.minute);
            }
            (None, Some(_)) => {
                let _ = write!(out, "{}", f.second);
                if o.fractional_second_digits > 0 {
                    out.push('.');
                    fraction(&mut out);
                }
            }
            (None, None) => fraction(&mut out),
        },
    }
    out
}

/// The time zone's name in en-US: US zones and UTC by abbreviation,
/// others as "GMT+1"; long names as in Date.prototype.toString.
fn zone_text(t: f64, offset: f64, utc: bool, z: ZoneName) -> String {
    let gmt = |long: bool| {
        let minutes = (offset / 60_000.0).round() as i64;
        if minutes == 0 {
            return "GMT".to_string();
        }
        let sign = if minutes < 0 { '-' } else { '+' };
        let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
        if long {
            format!("GMT{sign}{h:02}:{m:02}")
        } else if m == 0 {
            format!("GMT{sign}{h}")
        } else {
            format!("GMT{sign}{h}:{m:02}")
        }
    };
    match z {
        ZoneName::ShortOffset if offset == 0.0 => "GMT+0".into(),
        ZoneName::ShortOffset => gmt(false),
        ZoneName::LongOffset if offset == 0.0 => "GMT+00:00".into(),
        ZoneName::LongOffset => gmt(true),
        ZoneName::Long if utc => "Coordinated Universal Time".into(),
        ZoneName::Long => time_zone_name(t),
        ZoneName::Short if utc => "UTC".into(),
        ZoneName::Short => {
            let abbr = zone_info(t).abbreviation;
            const US: &[&str] = &[
                "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT",
                "HST",
            ];
            if US.contains(&abbr.as_str()) {
                abbr
            } else {
                gmt(false)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024-03-07T09:05:03.045Z, formatted in UTC.
    const T: f64 = 1709802303045.0;

    fn fmt(o: LocaleFormat, required: Required) -> String {
        let o = LocaleFormat { utc: true, ..o }.with_defaults(required);
        format(T, &o)
    }

    #[test]
    fn defaults_like_node() {
        let o = LocaleFormat::default();
        assert_eq!(fmt(o.clone(), Required::Any), "3/7/2024, 9:05:03 AM");
        assert_eq!(fmt(o.clone(), Required::Date), "3/7/2024");
        assert_eq!(fmt(o, Required::Time), "9:05:03 AM");
    }

    #[test]
    fn default_pieces() {
        // From node 20 with TZ=UTC: toLocaleDateString / toLocaleTimeString.
        let cases: &[(f64, &str, &str)] = &[
            (0.0, "1/1/1970", "12:00:00 AM"),
            (1646128800000.0, "3/1/2022", "10:00:00 AM"),
            (1646172000000.0, "3/1/2022", "10:00:00 PM"),
            (1646164800000.0, "3/1/2022", "8:00:00 PM"),
            (-1.0, "12/31/1969", "11:59:59 PM"),
            (-62198755200000.0, "1/1/2", "12:00:00 AM"),
            (-62167219200000.0, "1/1/1", "12:00:00 AM"),
            (-8.64e15, "4/20/271822", "12:00:00 AM"),
            (1646136000000.0, "3/1/2022", "12:00:00 PM"),
        ];
        let utc = LocaleFormat {
            utc: true,
            ..LocaleFormat::default()
        };
        for &(t, date, time) in cases {
            let d = format(t, &utc.clone().with_defaults(Required::Date));
            let tm = format(t, &utc.clone().with_defaults(Required::Time));
            assert_eq!((d.as_str(), tm.as_str()), (date, time), "{t}");
        }
    }

    #[test]
    fn components_like_node() {
        let long_date = LocaleFormat {
            year: Some(Width::Numeric),
            month: Some(Width::Long),
            day: Some(Width::Numeric),
            ..LocaleFormat::default()
        };
        assert_eq!(fmt(long_date.clone(), Required::Date), "March 7, 2024");
        assert_eq!(
            fmt(long_date, Required::Time),
            "March 7, 2024 at 9:05:03 AM"
        );
        let short = LocaleFormat {
            weekday: Some(Width::Short),
            month: Some(Width::Short),
            day: Some(Width::Numeric),
            ..LocaleFormat::default()
        };
        assert_eq!(fmt(short, Required::Any), "Thu, Mar 7");
        let clock = LocaleFormat {
            hour: Some(Width::Numeric),
            minute: Some(Width::TwoDigit),
            hour12: Some(false),
            ..LocaleFormat::default()
        };
        assert_eq!(fmt(clock, Required::Time), "09:05");
        let styles = LocaleFormat {
            date_style: Some(Style::Medium),
            time_style: Some(Style::Long),
            ..LocaleFormat::default()
        };
        assert_eq!(fmt(styles, Required::Any), "Mar 7, 2024, 9:05:03 AM UTC");
        let frac = LocaleFormat {
            hour: Some(Width::Numeric),
            minute: Some(Width::Numeric),
            second: Some(Width::Numeric),
            fractional_second_digits: 2,
            ..LocaleFormat::default()
        };
        assert_eq!(fmt(frac, Required::Any), "9:05:03.04 AM");
        assert_eq!(format(f64::NAN, &LocaleFormat::default()), "Invalid Date");
    }
}
