//! Calendar dates as the scenario writes them: `YYYY-MM-DD`, nothing else.
//!
//! The calendar arithmetic (month lengths, leap years, day differences) is the `time`
//! crate's; this module only fixes the one textual form the contract allows.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day) and
    /// checks that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            b[range].iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
            })
        };
        let year = digits(0..4)? as i32;
        let month = time::Month::try_from(digits(5..7)? as u8).ok()?;
        let day = digits(8..10)? as u8;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).whole_days()
    }

    pub fn add_days(self, days: i64) -> Option<Date> {
        self.0.checked_add(time::Duration::days(days)).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_one_allowed_form() {
        let d = Date::parse("2027-03-30").unwrap();
        assert_eq!(d.to_string(), "2027-03-30");
        for bad in [
            "2027-3-30",
            "2027/03/30",
            "27-03-30",
            "2027-02-30",
            "2027-13-01",
            "2027-00-10",
            "２０２７-03-30",
            "2027-03-30T00:00",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2028-02-29").is_some());
        assert!(Date::parse("2027-02-29").is_none());
    }

    #[test]
    fn counts_days_across_months_and_leap_years() {
        let a = Date::parse("2027-01-04").unwrap();
        assert_eq!(a.days_until(Date::parse("2027-03-30").unwrap()), 85);
        assert_eq!(a.days_until(Date::parse("2026-12-31").unwrap()), -4);
        let feb = Date::parse("2028-02-28").unwrap();
        assert_eq!(feb.days_until(Date::parse("2028-03-01").unwrap()), 2);
    }
}
