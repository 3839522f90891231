//! The time value algorithms of ECMA-262 21.4.1: Day, TimeWithinDay, the
//! year/month/date decomposition, WeekDay, the hour..ms fields, MakeTime,
//! MakeDay, MakeDate and TimeClip.
//!
//! Time values are f64 milliseconds since 1970-01-01T00:00:00Z. The field
//! functions take a finite time value (they return NaN for NaN, which the
//! spec never passes them, and for magnitudes far past any time value); the
//! Make* functions take arbitrary Numbers and propagate NaN exactly as the
//! spec's steps do.
//!
//! Invariant: the calendar is the proleptic Gregorian one with no leap
//! seconds, and every result here is exact (day counts are computed in i64).

/// Milliseconds in a second, minute, hour and day (21.4.1.2, 21.4.1.14).
pub const MS_PER_SECOND: f64 = 1000.0;
/// Milliseconds in a minute.
pub const MS_PER_MINUTE: f64 = 60_000.0;
/// Milliseconds in an hour.
pub const MS_PER_HOUR: f64 = 3_600_000.0;
/// Milliseconds in a day.
pub const MS_PER_DAY: f64 = 86_400_000.0;
/// The largest magnitude of a valid time value (21.4.1.1): 100,000,000 days.
pub const MAX_TIME: f64 = 8.64e15;

/// Day(t) (21.4.1.3): the day number containing `t`.
pub fn day(t: f64) -> f64 {
    (t / MS_PER_DAY).floor()
}

/// TimeWithinDay(t) (21.4.1.3): milliseconds since the start of the day.
pub fn time_within_day(t: f64) -> f64 {
    t.rem_euclid(MS_PER_DAY)
}

/// DaysInYear(y) (21.4.1.4).
pub fn days_in_year(y: f64) -> f64 {
    if is_leap_year(y as i64) {
        366.0
    } else {
        365.0
    }
}

fn is_leap_year(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// The number of days from 1970-01-01 to January 1 of year `y`, exact.
fn days_from_year_i(y: i64) -> i64 {
    365 * (y - 1970) + (y - 1969).div_euclid(4) - (y - 1901).div_euclid(100)
        + (y - 1601).div_euclid(400)
}

/// DayFromYear(y) (21.4.1.5), in f64 as the spec writes it (exact for
/// any year a time value can reach).
pub fn day_from_year(y: f64) -> f64 {
    if !y.is_finite() {
        return f64::NAN;
    }
    365.0 * (y - 1970.0) + ((y - 1969.0) / 4.0).floor() - ((y - 1901.0) / 100.0).floor()
        + ((y - 1601.0) / 400.0).floor()
}

/// TimeFromYear(y) (21.4.1.6).
pub fn time_from_year(y: f64) -> f64 {
    MS_PER_DAY * day_from_year(y)
}

/// Days before the first of each month (0-based), common and leap years.
const CUMULATIVE_DAYS: [[i64; 13]; 2] = [
    [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
    [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
];

/// The civil date of a day number: (year, month 0..=11, date 1..=31).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Estimate the year from the mean Gregorian year, then correct.
    let mut y = 1970 + (days as f64 / 365.2425).floor() as i64;
    while days_from_year_i(y) > days {
        y -= 1;
    }
    while days_from_year_i(y + 1) <= days {
        y += 1;
    }
    let day_in_year = days - days_from_year_i(y);
    let table = &CUMULATIVE_DAYS[is_leap_year(y) as usize];
    let mut month = 0;
    while month < 11 && table[month + 1] <= day_in_year {
        month += 1;
    }
    (y, month as u32, (day_in_year - table[month] + 1) as u32)
}

/// The day number of a civil date (month 0..=11, date 1-based).
pub(crate) fn days_from_civil(year: i64, month: u32, date: i64) -> i64 {
    let table = &CUMULATIVE_DAYS[is_leap_year(year) as usize];
    days_from_year_i(year) + table[month.min(11) as usize] + date - 1
}

/// Beyond this magnitude (1000 times TimeClip's range, so far past any
/// local or UTC time value) the field functions give NaN instead of
/// risking integer overflow in the calendar arithmetic.
const MAX_FIELD_TIME: f64 = 8.64e18;

/// Day(t) as an integer, for finite `t` within [`MAX_FIELD_TIME`].
pub(crate) fn day_i(t: f64) -> Option<i64> {
    (t.is_finite() && t.abs() <= MAX_FIELD_TIME).then(|| day(t) as i64)
}

/// YearFromTime(t) (21.4.1.7).
pub fn year_from_time(t: f64) -> f64 {
    day_i(t).map_or(f64::NAN, |d| civil_from_days(d).0 as f64)
}

/// DayWithinYear(t) (21.4.1.8).
pub fn day_within_year(t: f64) -> f64 {
    day_i(t).map_or(f64::NAN, |d| {
        (d - days_from_year_i(civil_from_days(d).0)) as f64
    })
}

/// InLeapYear(t) (21.4.1.9): 1 in a leap year, else 0.
pub fn in_leap_year(t: f64) -> f64 {
    match day_i(t) {
        None => f64::NAN,
        Some(d) if is_leap_year(civil_from_days(d).0) => 1.0,
        Some(_) => 0.0,
    }
}

/// MonthFromTime(t) (21.4.1.10): 0 for January .. 11 for December.
pub fn month_from_time(t: f64) -> f64 {
    day_i(t).map_or(f64::NAN, |d| civil_from_days(d).1 as f64)
}

/// DateFromTime(t) (21.4.1.11): the day of the month, 1..=31.
pub fn date_from_time(t: f64) -> f64 {
    day_i(t).map_or(f64::NAN, |d| civil_from_days(d).2 as f64)
}

/// WeekDay(t) (21.4.1.12): 0 for Sunday .. 6 for Saturday.
pub fn week_day(t: f64) -> f64 {
    (day(t) + 4.0).rem_euclid(7.0)
}

/// HourFromTime(t) (21.4.1.13).
pub fn hour_from_time(t: f64) -> f64 {
    (t / MS_PER_HOUR).floor().rem_euclid(24.0)
}

/// MinFromTime(t) (21.4.1.13).
pub fn min_from_time(t: f64) -> f64 {
    (t / MS_PER_MINUTE).floor().rem_euclid(60.0)
}

/// SecFromTime(t) (21.4.1.13).
pub fn sec_from_time(t: f64) -> f64 {
    (t / MS_PER_SECOND).floor().rem_euclid(60.0)
}

/// msFromTime(t) (21.4.1.13).
pub fn ms_from_time(t: f64) -> f64 {
    t.rem_euclid(MS_PER_SECOND)
}

/// ToIntegerOrInfinity of a Number (never -0).
fn integer(x: f64) -> f64 {
    crate::num::to_integer_or_infinity(x)
}

/// MakeTime(hour, min, sec, ms) (21.4.1.14), with the spec's IEEE 754
/// arithmetic order.
pub fn make_time(hour: f64, min: f64, sec: f64, ms: f64) -> f64 {
    if !hour.is_finite() || !min.is_finite() || !sec.is_finite() || !ms.is_finite() {
        return f64::NAN;
    }
    let h = integer(hour);
    let m = integer(min);
    let s = integer(sec);
    let milli = integer(ms);
    ((h * MS_PER_HOUR + m * MS_PER_MINUTE) + s * MS_PER_SECOND) + milli
}

/// The year range MakeDay can place (the same bounds V8 uses); any day
/// outside it is far past what TimeClip accepts.
const MAX_MAKE_DAY_YEAR: f64 = 1_000_000.0;
const MAX_MAKE_DAY_MONTH: f64 = 10_000_000.0;

/// MakeDay(year, month, date) (21.4.1.15).
pub fn make_day(year: f64, month: f64, date: f64) -> f64 {
    if !year.is_finite() || !month.is_finite() || !date.is_finite() {
        return f64::NAN;
    }
    let y = integer(year);
    let m = integer(month);
    let dt = integer(date);
    if y.abs() > MAX_MAKE_DAY_YEAR || m.abs() > MAX_MAKE_DAY_MONTH {
        // "If this is not possible (because some argument is out of
        // range), return NaN."
        return f64::NAN;
    }
    let (y, m) = (y as i64, m as i64);
    let ym = y + m.div_euclid(12);
    let mn = m.rem_euclid(12) as u32;
    let first = days_from_civil(ym, mn, 1);
    first as f64 + dt - 1.0
}

/// MakeDate(day, time) (21.4.1.16).
pub fn make_date(day: f64, time: f64) -> f64 {
    if !day.is_finite() || !time.is_finite() {
        return f64::NAN;
    }
    let tv = day * MS_PER_DAY + time;
    if !tv.is_finite() {
        return f64::NAN;
    }
    tv
}

/// TimeClip(time) (21.4.1.31): NaN outside ±8.64e15, else the integer part
/// (turning -0 into +0).
pub fn time_clip(time: f64) -> f64 {
    if !time.is_finite() || time.abs() > MAX_TIME {
        return f64::NAN;
    }
    integer(time)
}

/// The broken-down fields of a (local or UTC) time value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateFields {
    /// The proleptic Gregorian year (0 is 1 BC).
    pub year: i64,
    /// 0 for January .. 11 for December.
    pub month: u32,
    /// Day of the month, 1..=31.
    pub date: u32,
    /// 0 for Sunday .. 6 for Saturday.
    pub week_day: u32,
    /// 0..=23.
    pub hour: u32,
    /// 0..=59.
    pub minute: u32,
    /// 0..=59.
    pub second: u32,
    /// 0..=999.
    pub millisecond: u32,
}

/// All fields of a time value at once (`None` for NaN, infinities and
/// magnitudes past 8.64e18).
pub fn date_fields(t: f64) -> Option<DateFields> {
    let d = day_i(t)?;
    let (year, month, date) = civil_from_days(d);
    let within = time_within_day(t) as i64;
    Some(DateFields {
        year,
        month,
        date,
        week_day: (d + 4).rem_euclid(7) as u32,
        hour: (within / 3_600_000) as u32,
        minute: (within / 60_000 % 60) as u32,
        second: (within / 1000 % 60) as u32,
        millisecond: (within % 1000) as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[test]
    fn decomposition() {
        // (time value, year, month, date, weekday, h, m, s, ms) from node's
        // getUTC* methods.
        let cases: &[(f64, i64, u32, u32, u32, u32, u32, u32, u32)] = &[
            (0.0, 1970, 0, 1, 4, 0, 0, 0, 0),
            (-1.0, 1969, 11, 31, 3, 23, 59, 59, 999),
            (951782400000.0, 2000, 1, 29, 2, 0, 0, 0, 0),
            (1646128800000.0, 2022, 2, 1, 2, 10, 0, 0, 0),
            (8.64e15, 275760, 8, 13, 6, 0, 0, 0, 0),
            (-8.64e15, -271821, 3, 20, 2, 0, 0, 0, 0),
            (-62198755200000.0, -1, 0, 1, 5, 0, 0, 0, 0),
            (-62135596800001.0, 0, 11, 31, 0, 23, 59, 59, 999),
            (4107542399999.0, 2100, 1, 28, 0, 23, 59, 59, 999),
            (-2208988800000.0, 1900, 0, 1, 1, 0, 0, 0, 0),
            (1709208000123.0, 2024, 1, 29, 4, 12, 0, 0, 123),
        ];
        for &(t, y, mo, d, wd, h, mi, s, ms) in cases {
            let f = date_fields(t).unwrap_or_else(|| panic!("{t}"));
            assert_eq!(
                (
                    f.year,
                    f.month,
                    f.date,
                    f.week_day,
                    f.hour,
                    f.minute,
                    f.second,
                    f.millisecond
                ),
                (y, mo, d, wd, h, mi, s, ms),
                "{t}"
            );
            assert_eq!(year_from_time(t), y as f64);
            assert_eq!(month_from_time(t), mo as f64);
            assert_eq!(date_from_time(t), d as f64);
            assert_eq!(week_day(t), wd as f64);
            assert_eq!(hour_from_time(t), h as f64);
            assert_eq!(min_from_time(t), mi as f64);
            assert_eq!(sec_from_time(t), s as f64);
            assert_eq!(ms_from_time(t), ms as f64);
        }
        assert_eq!(in_leap_year(951782400000.0), 1.0);
        assert_eq!(in_leap_year(4107542399999.0), 0.0);
        assert_eq!(day_within_year(951782400000.0), 59.0);
        assert_eq!(days_in_year(2000.0), 366.0);
        assert_eq!(days_in_year(1900.0), 365.0);
        assert_eq!(day_from_year(2000.0), 10957.0);
        assert_eq!(time_from_year(1969.0), -31536000000.0);
        assert!(year_from_time(f64::NAN).is_nan());
        assert!(year_from_time(1e300).is_nan());
        assert!(date_fields(-1e300).is_none());
        assert_eq!(day_from_year(-271821.0), -100000109.0);
    }

    #[test]
    fn make_functions() {
        // Values checked against node's Date.UTC.
        let utc = |y: f64, mo: f64, d: f64, h: f64, mi: f64, s: f64, ms: f64| {
            time_clip(make_date(make_day(y, mo, d), make_time(h, mi, s, ms)))
        };
        let cases: &[([f64; 7], f64)] = &[
            ([2022.0, 2.0, 1.0, 10.0, 0.0, 0.0, 0.0], 1646128800000.0),
            ([2022.0, 14.0, 1.0, 0.0, 0.0, 0.0, 0.0], 1677628800000.0),
            ([2022.0, -1.0, 1.0, 0.0, 0.0, 0.0, 0.0], 1638316800000.0),
            ([2022.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], 1640908800000.0),
            ([2022.0, 0.0, 1.5, 25.7, -1.2, 0.0, 0.9], 1641085140000.0),
            ([275760.0, 8.0, 13.0, 0.0, 0.0, 0.0, 0.0], 8.64e15),
            ([275760.0, 8.0, 13.0, 0.0, 0.0, 0.0, 1.0], f64::NAN),
            ([-271821.0, 3.0, 20.0, 0.0, 0.0, 0.0, 0.0], -8.64e15),
            ([-271821.0, 3.0, 19.0, 23.0, 59.0, 59.0, 999.0], f64::NAN),
            ([f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0], f64::NAN),
            ([2022.0, f64::INFINITY, 1.0, 0.0, 0.0, 0.0, 0.0], f64::NAN),
            ([1970.0, 0.0, 1.0, 0.0, 0.0, 0.0, -0.5], 0.0),
            ([1e7, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0], f64::NAN),
            ([0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0], -62167219200000.0),
            ([1970.0, 0.0, 1.0, 0.0, 0.0, 0.0, 8.64e15], 8.64e15),
            ([1970.0, 0.0, 1e8 + 1.0, 0.0, 0.0, 0.0, 0.0], 8.64e15),
            ([1e6, 0.0, -365e6, 0.0, 0.0, 0.0, 0.0], -41215305600000.0),
            ([1e6 + 1.0, 0.0, -365e6, 0.0, 0.0, 0.0, 0.0], f64::NAN),
            (
                [2000.0, 1e7, 1.0 - 3e8, 0.0, 0.0, 0.0, 0.0],
                378406598400000.0,
            ),
            ([2000.0, 1e7 + 1.0, 1.0 - 3e8, 0.0, 0.0, 0.0, 0.0], f64::NAN),
        ];
        for (args, want) in cases {
            let got = utc(
                args[0], args[1], args[2], args[3], args[4], args[5], args[6],
            );
            assert!(same(got, *want), "{args:?}: got {got}, want {want}");
        }
        assert!(same(time_clip(-0.0), 0.0));
        assert!(same(time_clip(-0.9), 0.0));
        assert!(make_time(1.0, f64::NAN, 0.0, 0.0).is_nan());
        assert!(make_date(f64::INFINITY, 0.0).is_nan());
        assert!(make_date(1.7e308, 0.0).is_nan());
    }
}
