//! Numbers in cells, with one decimal separator per file (§4 "Cells").
//!
//! The file's separator is `--decimal`, or what its numeric cells show — a separator
//! followed by one, two, or four or more digits at the end of a number cannot be grouping
//! thousands, so it is the decimal one — or, when they show nothing (only groups of three,
//! or no separator at all), what the delimiter implies: `;` is what spreadsheets in
//! decimal-comma locales write, so `,`; anything else `.`. Cells showing both are refused:
//! reading either way would silently turn 1,5 into 15 or 1.234 into 1.234.
//!
//! With the separator fixed, the other one, spaces and no-break spaces (U+00A0, U+202F)
//! group thousands in threes; a currency sign or code before or after is dropped; for
//! confidence a trailing `%` divides by 100. The text is rewritten to ASCII and handed to
//! the standard library's `f64` parser, so a number reads exactly as in JSON.

use super::super::csv::{Delimiter, Table};
use super::super::{quoted, SheetProblem};

/// The decimal separator of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecimalSeparator {
    Point,
    Comma,
}

impl DecimalSeparator {
    pub fn as_char(self) -> char {
        match self {
            DecimalSeparator::Point => '.',
            DecimalSeparator::Comma => ',',
        }
    }

    /// The separator that groups thousands when this one is decimal.
    fn grouping(self) -> char {
        match self {
            DecimalSeparator::Point => ',',
            DecimalSeparator::Comma => '.',
        }
    }

    /// A `--decimal` argument: `,` or `.` (or `comma`, `point`, `dot`).
    pub fn parse(text: &str) -> Option<DecimalSeparator> {
        match text.trim().to_ascii_lowercase().as_str() {
            "," | "comma" => Some(DecimalSeparator::Comma),
            "." | "point" | "dot" => Some(DecimalSeparator::Point),
            _ => None,
        }
    }

    /// "a decimal comma" / "a decimal point", for messages.
    fn described(self) -> &'static str {
        match self {
            DecimalSeparator::Point => "a decimal point",
            DecimalSeparator::Comma => "a decimal comma",
        }
    }
}

/// What decided a file's decimal separator (the page shows it in the mapping step).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecidedBy {
    /// `--decimal`, or the user's choice in the page.
    Given,
    /// A numeric cell that shows it (the first one found).
    Cell {
        line: usize,
        column: usize,
        text: String,
    },
    /// No numeric cell shows it: the delimiter's convention.
    Delimiter(Delimiter),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecimalChoice {
    pub separator: DecimalSeparator,
    pub decided_by: DecidedBy,
}

/// Decides the file's decimal separator from the cells of `numeric_columns` (indices from
/// 0: the columns mapped to numbers), unless `given`. A file whose cells show both uses
/// is a problem naming one cell of each.
pub fn decide_decimal(
    table: &Table<'_>,
    numeric_columns: &[usize],
    given: Option<DecimalSeparator>,
) -> Result<DecimalChoice, SheetProblem> {
    if let Some(separator) = given {
        return Ok(DecimalChoice {
            separator,
            decided_by: DecidedBy::Given,
        });
    }
    // The first cell showing each separator, by file order.
    let mut first: [Option<&super::super::csv::Cell<'_>>; 2] = [None, None];
    for row in &table.rows {
        for &column in numeric_columns {
            let Some(cell) = row.cells.get(column) else {
                continue;
            };
            let Some(separator) = decimal_evidence(&cell.text) else {
                continue;
            };
            let slot = separator as usize;
            if first[slot].is_none() {
                first[slot] = Some(cell);
            }
        }
        if let [Some(point), Some(comma)] = first {
            let (earlier, later) = if (point.line, point.column) <= (comma.line, comma.column) {
                (point, comma)
            } else {
                (comma, point)
            };
            let shows = |cell: &super::super::csv::Cell<'_>| {
                let separator = decimal_evidence(&cell.text).unwrap_or(DecimalSeparator::Point);
                separator.described()
            };
            return Err(table.problem(
                later,
                format!(
                    "{} has {} but {} at {}:{} (header {}) has {}; a file has one decimal \
                     separator: give --decimal , or --decimal .",
                    quoted(&later.text),
                    shows(later),
                    quoted(&earlier.text),
                    earlier.line,
                    earlier.column,
                    quoted(table.header_text(earlier.column - 1)),
                    shows(earlier),
                ),
            ));
        }
    }
    let decided = |cell: &super::super::csv::Cell<'_>, separator| DecimalChoice {
        separator,
        decided_by: DecidedBy::Cell {
            line: cell.line,
            column: cell.column,
            text: cell.text.to_string(),
        },
    };
    Ok(match first {
        [Some(cell), _] => decided(cell, DecimalSeparator::Point),
        [_, Some(cell)] => decided(cell, DecimalSeparator::Comma),
        [None, None] => DecimalChoice {
            separator: match table.delimiter {
                Delimiter::Semicolon => DecimalSeparator::Comma,
                _ => DecimalSeparator::Point,
            },
            decided_by: DecidedBy::Delimiter(table.delimiter),
        },
    })
}

/// The decimal separator a number shows, if any: its last `,` or `.` followed by one,
/// two, or four or more digits up to the end of the number (`1,5`, `12,75`, `0.3333`),
/// in a text that reads as a number with that separator. `1,234` and `1.234` show
/// nothing (a thousands group), nor does `12`.
pub fn decimal_evidence(text: &str) -> Option<DecimalSeparator> {
    let parts = NumberParts::split(text, true)?;
    let last = parts.digits.rfind(['.', ','])?;
    let after = &parts.digits[last + 1..];
    let decimals = after.bytes().take_while(u8::is_ascii_digit).count();
    // Only when the separator ends the digits (no exponent after them).
    if decimals != after.len() || decimals == 0 || decimals == 3 {
        return None;
    }
    let separator = if parts.digits.as_bytes()[last] == b',' {
        DecimalSeparator::Comma
    } else {
        DecimalSeparator::Point
    };
    parts.value(separator).ok().map(|_| separator)
}

/// A number, with `separator` as the decimal separator: an optional sign, digits grouped
/// in threes by the other separator or (no-break) spaces, a fraction, an exponent
/// (`1,5E+03`, as spreadsheets write large numbers), and a currency sign or code before
/// or after.
pub fn parse_number(text: &str, separator: DecimalSeparator) -> Result<f64, String> {
    let parts = NumberParts::split(text, false).ok_or_else(|| not_a_number(text, ""))?;
    parts
        .value(separator)
        .map_err(|hint| not_a_number(text, hint))
}

/// A number that is not negative (an ARR, an amount of effort).
pub fn parse_non_negative(text: &str, separator: DecimalSeparator) -> Result<f64, String> {
    let x = parse_number(text, separator)?;
    if x < 0.0 {
        return Err(format!(
            "{} is negative; it must be 0 or more",
            quoted(text)
        ));
    }
    Ok(x + 0.0) // -0 → 0
}

/// A count of anonymous asks (votes, tickets): a whole number from 0.
pub fn parse_count(text: &str, separator: DecimalSeparator) -> Result<u32, String> {
    let x = parse_number(text, separator)?;
    if x < 0.0 || x.fract() != 0.0 || x > u32::MAX as f64 {
        return Err(format!(
            "{} is not a count: it must be a whole number from 0",
            quoted(text)
        ));
    }
    Ok(x as u32)
}

/// A confidence from 0 to 1; with a trailing `%`, a percentage from 0 % to 100 %.
pub fn parse_confidence(text: &str, separator: DecimalSeparator) -> Result<f64, String> {
    let parts = NumberParts::split(text, true).ok_or_else(|| not_a_number(text, ""))?;
    let x = parts
        .value(separator)
        .map_err(|hint| not_a_number(text, hint))?;
    let x = if parts.percent { x / 100.0 } else { x };
    if !(0.0..=1.0).contains(&x) {
        return Err(format!(
            "{} is not a confidence: it must be from 0 to 1 (or 0 % to 100 %)",
            quoted(text)
        ));
    }
    Ok(x + 0.0)
}

fn not_a_number(text: &str, hint: &str) -> String {
    format!("{} is not a number{hint}", quoted(text))
}

/// Currency signs and codes dropped before or after a number, longest first so that
/// `руб.` is not read as `р.` and a stray `уб`.
const CURRENCIES: [&str; 16] = [
    "руб.", "PLN", "EUR", "USD", "RUB", "CNY", "GBP", "р.", "zł", "zl", "$", "€", "£", "¥", "元",
    "₽",
];

/// Whitespace that may separate a sign, a currency or `%` from the digits, and that
/// groups thousands.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

/// A number's text with its decorations taken off.
struct NumberParts<'a> {
    negative: bool,
    /// Digits, separators, group spaces and an exponent.
    digits: &'a str,
    percent: bool,
}

impl<'a> NumberParts<'a> {
    /// Takes off a trailing `%` (when `allow_percent`), currencies before and after, and a
    /// sign (before or after a leading currency: `-$5`, `$-5`). None when what is left has
    /// no digit.
    fn split(text: &'a str, allow_percent: bool) -> Option<NumberParts<'a>> {
        let mut s = text.trim();
        let mut percent = false;
        if allow_percent {
            if let Some(rest) = s.strip_suffix('%') {
                s = rest.trim_end_matches(is_space);
                percent = true;
            }
        }
        let unsuffixed = strip_currency_suffix(s);
        let had_suffix = unsuffixed.len() < s.len();
        s = unsuffixed;
        let (mut negative, mut signed) = (false, false);
        if let Some((neg, rest)) = strip_sign(s) {
            (negative, signed, s) = (neg, true, rest);
        }
        // One currency: a number does not say "$5 USD".
        if !had_suffix {
            s = strip_currency_prefix(s);
        }
        if !signed {
            if let Some((neg, rest)) = strip_sign(s) {
                (negative, s) = (neg, rest);
            }
        }
        if !s.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
            return None;
        }
        s.bytes()
            .any(|b| b.is_ascii_digit())
            .then_some(NumberParts {
                negative,
                digits: s,
                percent,
            })
    }

    /// The value with `separator` as the decimal separator; on failure, a hint for the
    /// message (possibly empty).
    fn value(&self, separator: DecimalSeparator) -> Result<f64, &'static str> {
        let decimal = separator.as_char();
        let grouping = separator.grouping();
        let (mantissa, exponent) = match self.digits.find(['e', 'E']) {
            Some(at) => (&self.digits[..at], Some(&self.digits[at + 1..])),
            None => (self.digits, None),
        };
        let (whole, fraction) = match mantissa.split_once(decimal) {
            Some((w, f)) => (w, Some(f)),
            None => (mantissa, None),
        };
        let mut ascii = String::with_capacity(self.digits.len() + 2);
        if self.negative {
            ascii.push('-');
        }
        // Whole part: digits, or groups of three after a first group of one to three.
        let mut groups = whole.split(|c: char| c == grouping || is_space(c));
        let first = groups.next().unwrap_or("");
        let grouped = first.len() < whole.len();
        let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(first) || (grouped && !(1..=3).contains(&first.len())) {
            return Err(hint_for(whole, decimal, grouping));
        }
        ascii.push_str(first);
        for group in groups {
            if group.len() != 3 || !all_digits(group) {
                return Err(hint_for(whole, decimal, grouping));
            }
            ascii.push_str(group);
        }
        if let Some(fraction) = fraction {
            if fraction.is_empty() || !all_digits(fraction) {
                return Err(if fraction.contains([decimal, grouping]) {
                    TWO_SEPARATORS
                } else {
                    ""
                });
            }
            if first.is_empty() {
                ascii.push('0');
            }
            ascii.push('.');
            ascii.push_str(fraction);
        } else if first.is_empty() {
            return Err("");
        }
        if let Some(exponent) = exponent {
            let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            if digits.is_empty() || !all_digits(digits) {
                return Err("");
            }
            ascii.push('e');
            ascii.push_str(exponent);
        }
        match ascii.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            Ok(_) => Err(" (it is too large)"),
            Err(_) => Err(""),
        }
    }
}

const TWO_SEPARATORS: &str = " (a number has one decimal separator)";

/// Why the digits before the decimal separator do not read, in words: said only when
/// they are digits and separators (`12 votes` is simply not a number).
fn hint_for(whole: &str, decimal: char, grouping: char) -> &'static str {
    let mut groups = whole.split(|c: char| c == grouping || is_space(c));
    if !groups.all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return "";
    }
    let after_group = whole
        .rsplit(|c: char| c == grouping || is_space(c))
        .next()
        .unwrap_or("");
    if whole.contains(grouping) && after_group.len() != 3 {
        // `1,5` in a file whose decimal separator is `.`.
        if decimal == '.' {
            " (the file's decimal separator is \".\"; \",\" groups thousands in threes)"
        } else {
            " (the file's decimal separator is \",\"; \".\" groups thousands in threes)"
        }
    } else {
        " (thousands are grouped in threes)"
    }
}

fn strip_sign(s: &str) -> Option<(bool, &str)> {
    let (negative, rest) = if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        (true, rest)
    } else {
        (false, s.strip_prefix('+')?)
    };
    Some((negative, rest.trim_start_matches(is_space)))
}

fn strip_currency_prefix(s: &str) -> &str {
    // Most cells start with a digit, which no currency does: the common case costs one
    // comparison.
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return s;
    }
    for currency in CURRENCIES {
        if let Some(head) = s.get(..currency.len()) {
            if same_currency(head, currency) {
                return s[currency.len()..].trim_start_matches(is_space);
            }
        }
    }
    s
}

fn strip_currency_suffix(s: &str) -> &str {
    // No currency ends with a digit.
    if s.ends_with(|c: char| c.is_ascii_digit()) {
        return s;
    }
    for currency in CURRENCIES {
        if let Some(at) = s.len().checked_sub(currency.len()) {
            if let Some(tail) = s.get(at..) {
                if same_currency(tail, currency) {
                    return s[..at].trim_end_matches(is_space);
                }
            }
        }
    }
    s
}

/// Codes in any case (`pln`, `Zł`, `РУБ.`): people type them every way.
fn same_currency(text: &str, currency: &str) -> bool {
    // Compared character by character: no allocation (this runs for every currency on
    // every number cell).
    text == currency
        || text
            .chars()
            .flat_map(char::to_lowercase)
            .eq(currency.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::super::super::csv::read_table;
    use super::*;
    use DecimalSeparator::{Comma, Point};

    #[track_caller]
    fn reads(text: &str, separator: DecimalSeparator, expected: f64) {
        assert_eq!(parse_number(text, separator), Ok(expected), "{text:?}");
    }

    #[track_caller]
    fn refuses(text: &str, separator: DecimalSeparator) -> String {
        let e = parse_number(text, separator).expect_err(text);
        assert!(e.starts_with(&quoted(text)), "{e}");
        e
    }

    // --- evidence

    #[test]
    fn one_two_or_four_and_more_digits_after_a_separator_show_it() {
        for (text, shown) in [
            ("1,5", Some(Comma)),
            ("12,75", Some(Comma)),
            ("0,3333", Some(Comma)),
            ("1.234,5", Some(Comma)),
            ("1 234,56", Some(Comma)),
            ("12,75 zł", Some(Comma)),
            ("-3,5", Some(Comma)),
            ("80,5 %", Some(Comma)),
            (",5", Some(Comma)),
            ("1.5", Some(Point)),
            ("12.75", Some(Point)),
            ("1,234.5", Some(Point)),
            ("$1,200.00", Some(Point)),
            ("3.14159", Some(Point)),
            // Groups of three, or no separator: nothing shown.
            ("1,234", None),
            ("1.234", None),
            ("1.234.567", None),
            ("1 234", None),
            ("12", None),
            ("1e5", None),
            ("1.5e3", None),
            // Not numbers under either reading: nothing shown.
            ("1,5,7", None),
            ("v1.2", None),
            ("abc", None),
            ("", None),
            ("1.5.", None),
        ] {
            assert_eq!(decimal_evidence(text), shown, "{text:?}");
        }
    }

    fn table(text: &str) -> Table<'_> {
        read_table(text, None).unwrap()
    }

    #[test]
    fn numeric_cells_decide_the_separator() {
        let t = table("title;cost;votes\nA;1 200;3\nB;12,5;4\nC;7;1\n");
        let choice = decide_decimal(&t, &[1, 2], None).unwrap();
        assert_eq!(choice.separator, Comma);
        assert_eq!(
            choice.decided_by,
            DecidedBy::Cell {
                line: 3,
                column: 2,
                text: "12,5".into()
            }
        );
        let t = table("title,cost\nA,\"1,200\"\nB,2.25\n");
        assert_eq!(decide_decimal(&t, &[1], None).unwrap().separator, Point);
    }

    #[test]
    fn only_the_numeric_columns_count() {
        // "1.5" in the title column shows nothing about the numbers.
        let t = table("title;cost\nv1.5;3\n");
        let choice = decide_decimal(&t, &[1], None).unwrap();
        assert_eq!(choice.separator, Comma);
        assert_eq!(
            choice.decided_by,
            DecidedBy::Delimiter(Delimiter::Semicolon)
        );
    }

    #[test]
    fn when_the_cells_show_nothing_the_delimiter_decides() {
        for (text, separator) in [
            ("a;cost\nx;1.234\n", Comma),
            ("a,cost\nx,\"1,234\"\n", Point),
            ("a\tcost\nx\t1 234\n", Point),
            ("a|cost\nx|12\n", Point),
        ] {
            let t = table(text);
            let choice = decide_decimal(&t, &[1], None).unwrap();
            assert_eq!(choice.separator, separator, "{text:?}");
            assert_eq!(choice.decided_by, DecidedBy::Delimiter(t.delimiter));
        }
    }

    #[test]
    fn a_given_separator_wins_without_looking() {
        let t = table("a;cost\nx;1.5\ny;2,5\n");
        let choice = decide_decimal(&t, &[1], Some(Point)).unwrap();
        assert_eq!(
            (choice.separator, choice.decided_by),
            (Point, DecidedBy::Given)
        );
    }

    #[test]
    fn both_uses_are_refused_naming_one_cell_of_each() {
        let t = table("title;Effort;Confidence\nA;1,5;\nB;2;\nC;;0.25\nD;4,75;0.5\n");
        let e = decide_decimal(&t, &[1, 2], None).unwrap_err();
        assert_eq!((e.line, e.column), (4, 3));
        assert_eq!(
            e.to_string(),
            "CSV:4:3 (header \"Confidence\"): \"0.25\" has a decimal point but \"1,5\" at 2:2 \
             (header \"Effort\") has a decimal comma; a file has one decimal separator: give \
             --decimal , or --decimal ."
        );
    }

    // --- parsing

    #[test]
    fn plain_numbers_and_signs() {
        reads("0", Point, 0.0);
        reads("42", Point, 42.0);
        reads("-3", Point, -3.0);
        reads("+3", Point, 3.0);
        reads("\u{2212}3", Point, -3.0);
        reads("2.5", Point, 2.5);
        reads("2,5", Comma, 2.5);
        reads(".5", Point, 0.5);
        reads(",5", Comma, 0.5);
        reads("007", Point, 7.0);
        reads("0.1", Point, 0.1);
        reads("1e3", Point, 1000.0);
        reads("1,5E+03", Comma, 1500.0);
        reads("2.5e-2", Point, 0.025);
    }

    #[test]
    fn the_other_separator_and_spaces_group_thousands_in_threes() {
        reads("1,234", Point, 1234.0);
        reads("1,234,567.25", Point, 1_234_567.25);
        reads("1.234", Comma, 1234.0);
        reads("1.234.567,5", Comma, 1_234_567.5);
        reads("1 234 567", Point, 1_234_567.0);
        reads("1\u{00A0}234,5", Comma, 1234.5);
        reads("1\u{202F}234", Comma, 1234.0);
        reads("-12 000", Comma, -12000.0);
        for bad in ["1,23", "12,3456", "1234,567", ",123", "1,,234", "1  234"] {
            refuses(bad, Point);
        }
        for bad in ["1.23.456", "1.2345", "1 23"] {
            refuses(bad, Comma);
        }
    }

    #[test]
    fn a_separator_of_the_wrong_kind_is_explained() {
        let e = refuses("1,5", Point);
        assert_eq!(
            e,
            "\"1,5\" is not a number (the file's decimal separator is \".\"; \",\" groups \
             thousands in threes)"
        );
        let e = refuses("2.25", Comma);
        assert!(e.contains("decimal separator is \",\""), "{e}");
        let e = refuses("1.5.5", Point);
        assert!(e.ends_with("(a number has one decimal separator)"), "{e}");
    }

    #[test]
    fn currency_signs_and_codes_before_or_after_are_dropped() {
        reads("$1,200", Point, 1200.0);
        reads("$ 1,200.50", Point, 1200.5);
        reads("-$5", Point, -5.0);
        reads("$-5", Point, -5.0);
        reads("€12,50", Comma, 12.5);
        reads("12,50 €", Comma, 12.5);
        reads("£3", Point, 3.0);
        reads("¥300", Point, 300.0);
        reads("元300", Point, 300.0);
        reads("300元", Point, 300.0);
        reads("1 500 ₽", Comma, 1500.0);
        reads("1 500 руб.", Comma, 1500.0);
        reads("1\u{00A0}500,5\u{00A0}руб.", Comma, 1500.5);
        reads("1500 р.", Comma, 1500.0);
        reads("12 500,00 zł", Comma, 12500.0);
        reads("12500zl", Comma, 12500.0);
        reads("PLN 12 500", Comma, 12500.0);
        reads("12 500 pln", Comma, 12500.0);
        reads("EUR 5", Point, 5.0);
        reads("5 USD", Point, 5.0);
        reads("5 RUB", Point, 5.0);
        reads("5 CNY", Point, 5.0);
        reads("GBP5", Point, 5.0);
        reads("5 РУБ.", Point, 5.0);
        reads("5 Zł", Point, 5.0);
        // One currency, not one at each end; no unknown ones; not on its own.
        refuses("$5 USD", Point);
        refuses("5 CHF", Point);
        refuses("5 руб", Point);
        refuses("$", Point);
        refuses("zł", Comma);
    }

    #[test]
    fn text_and_ill_formed_numbers_are_refused() {
        for bad in [
            "abc", "", "-", "+", ".", ",", "1.", "1,", "1e", "1e+", "e5", "1.5e3.2", "12 votes",
            "5-", "--5", "- -5", "1_000", "0x10", "NaN", "inf", "١٢", "½", "5%",
        ] {
            assert!(parse_number(bad, Point).is_err(), "{bad:?}");
            assert!(parse_number(bad, Comma).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_number("abc", Point),
            Err("\"abc\" is not a number".into())
        );
        assert_eq!(
            parse_number("1e999", Point),
            Err("\"1e999\" is not a number (it is too large)".into())
        );
    }

    #[test]
    fn confidence_reads_a_trailing_percent_and_stays_in_range() {
        assert_eq!(parse_confidence("0.8", Point), Ok(0.8));
        assert_eq!(parse_confidence("80%", Point), Ok(0.8));
        assert_eq!(parse_confidence("80 %", Point), Ok(0.8));
        assert_eq!(parse_confidence("12,5\u{00A0}%", Comma), Ok(0.125));
        assert_eq!(parse_confidence("100%", Point), Ok(1.0));
        assert_eq!(parse_confidence("0 %", Point), Ok(0.0));
        assert_eq!(parse_confidence("1", Point), Ok(1.0));
        for out in ["150 %", "80", "-0.1", "-5%", "1.01"] {
            let e = parse_confidence(out, Point).unwrap_err();
            assert!(e.contains("is not a confidence"), "{out}: {e}");
        }
        assert!(parse_confidence("%", Point)
            .unwrap_err()
            .contains("is not a number"));
        assert!(parse_confidence("high", Point).is_err());
        // `%` belongs to confidence only.
        assert!(parse_number("80%", Point).is_err());
    }

    #[test]
    fn counts_are_whole_and_not_negative() {
        assert_eq!(parse_count("0", Point), Ok(0));
        assert_eq!(parse_count("12", Point), Ok(12));
        assert_eq!(parse_count("1,200", Point), Ok(1200));
        assert_eq!(parse_count("1 200", Comma), Ok(1200));
        assert_eq!(parse_count("3.0", Point), Ok(3));
        for bad in ["1.5", "-1", "5000000000", "many"] {
            assert!(parse_count(bad, Point).is_err(), "{bad}");
        }
        assert_eq!(
            parse_count("1.5", Point),
            Err("\"1.5\" is not a count: it must be a whole number from 0".into())
        );
    }

    #[test]
    fn amounts_are_not_negative() {
        assert_eq!(parse_non_negative("$120,000", Point), Ok(120000.0));
        assert_eq!(parse_non_negative("0", Point), Ok(0.0));
        assert_eq!(
            parse_non_negative("-0", Point).map(f64::to_bits),
            Ok(0f64.to_bits())
        );
        assert_eq!(
            parse_non_negative("-$5", Point),
            Err("\"-$5\" is negative; it must be 0 or more".into())
        );
    }

    #[test]
    fn decimal_arguments() {
        assert_eq!(DecimalSeparator::parse(","), Some(Comma));
        assert_eq!(DecimalSeparator::parse("."), Some(Point));
        assert_eq!(DecimalSeparator::parse("Comma"), Some(Comma));
        assert_eq!(DecimalSeparator::parse("dot"), Some(Point));
        assert_eq!(DecimalSeparator::parse(";"), None);
    }
}
