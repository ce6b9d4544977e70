//! Dates in cells (§4 "Cells"): `YYYY-MM-DD` (what Thresh writes), `DD.MM.YYYY` (Polish,
//! Russian and German spreadsheets), Jira's `dd/MMM/yy` (`05/Mar/27 10:15 AM`), and
//! `A/B/YYYY` only with a date order: `03/04/2027` is 3 April in London and March 4 in
//! New York, and a file is never read one way by a guess (not even when A > 12, which
//! would make the reading depend on the day of the month).
//!
//! A time after the date (separated by a space, or a `T` for `YYYY-MM-DD`) is ignored:
//! deadlines are days. The calendar is [`crate::date::Date`]'s.

use crate::date::Date;

use super::super::quoted;

/// Which of `A/B/YYYY` is the day: `--date-order dmy|mdy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// Day, month, year: `25/12/2027`.
    Dmy,
    /// Month, day, year: `12/25/2027`.
    Mdy,
}

impl DateOrder {
    /// A `--date-order` argument: `dmy` or `mdy` (any case).
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            _ => None,
        }
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date in one of the forms above; `order` reads `A/B/YYYY`.
pub fn parse_date(text: &str, order: Option<DateOrder>) -> Result<Date, String> {
    let text = text.trim();
    if let Some(date) = iso_date(text)? {
        return Ok(date);
    }
    // The date is up to the first space; a time after it is ignored.
    let (date, time) = match text.split_once(char::is_whitespace) {
        Some((date, time)) => (date, time.trim_start()),
        None => (text, ""),
    };
    if !time.is_empty() && !time.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(not_a_date(text));
    }
    let real_day = |year: i32, month: u32, day: u32| {
        u8::try_from(month)
            .ok()
            .zip(u8::try_from(day).ok())
            .and_then(|(m, d)| Date::from_ymd(year, m, d))
            .ok_or_else(|| format!("{} is not a day of the calendar", quoted(text)))
    };
    let parts: Vec<&str> = date.split(['.', '/']).collect();
    let [a, b, y] = parts[..] else {
        return Err(not_a_date(text));
    };
    let dots = date.contains('.');
    if dots == date.contains('/') {
        return Err(not_a_date(text));
    }
    let a = small_number(a).ok_or_else(|| not_a_date(text))?;
    if dots {
        // DD.MM.YYYY
        let (month, year) = small_number(b)
            .zip(year4(y))
            .ok_or_else(|| not_a_date(text))?;
        return real_day(year, month, a);
    }
    if let Some(month) = month_name(b) {
        // Jira: dd/MMM/yy (two-digit years are this century's).
        let year = match y.len() {
            2 => y.parse::<i32>().ok().map(|yy| 2000 + yy),
            _ => year4(y),
        }
        .filter(|_| y.bytes().all(|c| c.is_ascii_digit()))
        .ok_or_else(|| not_a_date(text))?;
        return real_day(year, month, a);
    }
    // A/B/YYYY
    let (b, year) = small_number(b)
        .zip(year4(y))
        .ok_or_else(|| not_a_date(text))?;
    match order {
        Some(DateOrder::Dmy) => real_day(year, b, a),
        Some(DateOrder::Mdy) => real_day(year, a, b),
        None => Err(format!(
            "{} could be read day first or month first: give --date-order dmy or \
             --date-order mdy",
            quoted(text)
        )),
    }
}

/// `YYYY-MM-DD`, possibly followed by a time: Ok(None) when the text does not start like
/// one, an error when it does but names no day.
fn iso_date(text: &str) -> Result<Option<Date>, String> {
    let b = text.as_bytes();
    // All ten bytes ASCII, so slicing at 10 is on a character boundary.
    let looks_iso = b.len() >= 10
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
        && b[4] == b'-'
        && b[7] == b'-';
    if !looks_iso {
        return Ok(None);
    }
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(char::is_whitespace)) {
        return Err(not_a_date(text));
    }
    match Date::parse(&text[..10]) {
        Some(date) => Ok(Some(date)),
        None => Err(format!(
            "{} is not a day of the calendar (dates are YYYY-MM-DD)",
            quoted(text)
        )),
    }
}

fn not_a_date(text: &str) -> String {
    format!(
        "{} is not a date (write YYYY-MM-DD, DD.MM.YYYY or dd/Mon/yy)",
        quoted(text)
    )
}

/// One or two digits.
fn small_number(text: &str) -> Option<u32> {
    (matches!(text.len(), 1 | 2) && text.bytes().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn year4(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// An English month abbreviation, any case: `Mar`, `MAR`, `mar` → 3.
fn month_name(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn reads(text: &str, order: Option<DateOrder>, expected: &str) {
        assert_eq!(
            parse_date(text, order).map(|d| d.to_string()),
            Ok(expected.to_owned()),
            "{text:?}"
        );
    }

    #[test]
    fn iso_dates_with_an_ignored_time() {
        reads("2027-03-30", None, "2027-03-30");
        reads("2027-03-30T14:00:00Z", None, "2027-03-30");
        reads("2027-03-30 14:00", None, "2027-03-30");
        reads("2028-02-29", None, "2028-02-29");
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-3-30",
            "2027-03-30x",
            "2027-03-3",
            "2027-ab-€x",
        ] {
            assert!(parse_date(bad, None).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date("2027-02-29", None),
            Err("\"2027-02-29\" is not a day of the calendar (dates are YYYY-MM-DD)".into())
        );
    }

    #[test]
    fn day_month_year_with_dots() {
        reads("05.03.2027", None, "2027-03-05");
        reads("5.3.2027", None, "2027-03-05");
        reads("31.12.2027 23:59", None, "2027-12-31");
        // Dots are day first whatever the date order says.
        reads("05.03.2027", Some(DateOrder::Mdy), "2027-03-05");
        assert_eq!(
            parse_date("31.02.2027", None),
            Err("\"31.02.2027\" is not a day of the calendar".into())
        );
        for bad in [
            "05.03.27",
            "05.03",
            "005.03.2027",
            "05.03.2027.1",
            "5.3.2027 noon",
        ] {
            assert!(parse_date(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn jira_dates_with_english_months_in_any_case() {
        reads("05/Mar/27 10:15 AM", None, "2027-03-05");
        reads("5/mar/27 9:05 PM", None, "2027-03-05");
        reads("17/DEC/26 12:00 AM", None, "2026-12-17");
        reads("28/Feb/28", None, "2028-02-28");
        reads("01/Sep/2027", None, "2027-09-01");
        // The date order does not matter: the month is a word.
        reads("05/May/27", Some(DateOrder::Mdy), "2027-05-05");
        for (i, month) in MONTHS.iter().enumerate() {
            reads(
                &format!("1/{month}/30"),
                None,
                &format!("2030-{:02}-01", i + 1),
            );
        }
        for bad in [
            "30/Feb/27",
            "05/Mär/27",
            "05/March/27",
            "05/Mar/7",
            "05/Mar/027",
        ] {
            assert!(parse_date(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn slashed_numbers_need_a_date_order_even_when_one_is_over_12() {
        for text in ["03/04/2027", "25/04/2027", "04/25/2027"] {
            let e = parse_date(text, None).unwrap_err();
            assert!(e.contains("--date-order dmy"), "{e}");
            assert!(e.contains("--date-order mdy"), "{e}");
        }
        reads("03/04/2027", Some(DateOrder::Dmy), "2027-04-03");
        reads("03/04/2027", Some(DateOrder::Mdy), "2027-03-04");
        reads("25/4/2027 08:00", Some(DateOrder::Dmy), "2027-04-25");
        assert!(parse_date("25/04/2027", Some(DateOrder::Mdy))
            .unwrap_err()
            .contains("not a day of the calendar"));
        assert!(parse_date("03/04/27", Some(DateOrder::Dmy)).is_err());
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for bad in [
            "",
            "soon",
            "Q3",
            "2027",
            "46112",
            "2027/03/30",
            "03-04-2027",
            "05.03/2027",
            "March 5, 2027",
            "٠٥.٠٣.٢٠٢٧",
        ] {
            let e = parse_date(bad, Some(DateOrder::Dmy)).unwrap_err();
            assert!(
                e.contains("is not a date") || e.contains("calendar"),
                "{bad}: {e}"
            );
        }
        assert_eq!(
            parse_date("soon", None),
            Err("\"soon\" is not a date (write YYYY-MM-DD, DD.MM.YYYY or dd/Mon/yy)".into())
        );
    }

    #[test]
    fn date_order_arguments() {
        assert_eq!(DateOrder::parse("dmy"), Some(DateOrder::Dmy));
        assert_eq!(DateOrder::parse(" MDY "), Some(DateOrder::Mdy));
        assert_eq!(DateOrder::parse("ymd"), None);
    }
}
