//! Spreadsheets in and out (contract `sharing-v1.md` §4 and §5): the text layer, with no
//! knowledge of the scenario model.
//!
//! Importing a CSV file or a table pasted from a spreadsheet goes through four steps, one
//! module each, all pure functions over bytes and strings:
//! - [`decode`]: bytes → text (UTF-8, UTF-16 with a BOM, or a WHATWG label natively);
//! - [`csv`]: text → a [`csv::Table`] of trimmed cells that know their `line:column`, and
//!   the CSV writer of §5;
//! - [`guess`]: each header → the field it fills ([`guess::Target`]), from the contract's
//!   table, the model's criteria (given as plain data) and `--map HEADER=TARGET`;
//! - [`cells`]: one cell's text → a number (with the file-wide decimal separator), a date,
//!   a status, a plan pin, a list of names, or an id made from text.
//!
//! Two layers use these with the model:
//! - [`import`]: rows into a scenario (asks, rows with one id merged, `--into`), with a
//!   plan of what will happen for the page's mapping step;
//! - [`export`]: the ranking, the plan and the accounts view as CSV (§5).
//!
//! Cost: every step is linear in the size of the input. The tokenizer borrows the text of
//! every cell that needs no unquoting, so a row costs one allocation (its list of cells);
//! 10,000 rows × 12 columns tokenize in a few milliseconds (`cargo bench --bench sheet`).
//!
//! Nothing here panics on any input: what cannot be read is a [`SheetProblem`] with the
//! line on which its row begins, the cell's column from 1 and the column's header.

pub mod cells;
pub mod csv;
pub mod decode;
pub mod export;
pub mod guess;
pub mod import;

use std::fmt;

/// The limits of §4's import (over one, the file is refused with a message naming it).
pub mod limits {
    /// Data rows (the header and skipped empty rows not counted).
    pub const MAX_DATA_ROWS: usize = 100_000;
    /// Characters in one cell, after unquoting.
    pub const MAX_CELL_CHARS: usize = crate::error::limits::MAX_STRING_CHARS;
    /// Problems listed; more are only counted.
    pub const MAX_PROBLEMS: usize = crate::error::limits::MAX_PROBLEMS;
}

/// One thing wrong (or worth a warning) in a spreadsheet, at one place in it.
///
/// Displayed as `CSV:12:4 (header "Story Points"): "abc" is not a number`; the caller puts
/// the file's name in front. `line` 0 means the whole file, `column` 0 the whole line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetProblem {
    /// The file line on which the row begins (the first line is 1).
    pub line: usize,
    /// The cell's position in its row, from 1.
    pub column: usize,
    /// The header of the cell's column, when there is one.
    pub header: Option<String>,
    pub message: String,
}

impl SheetProblem {
    /// A problem with the whole file.
    pub fn file(message: impl Into<String>) -> SheetProblem {
        SheetProblem {
            line: 0,
            column: 0,
            header: None,
            message: message.into(),
        }
    }

    /// A problem with one place in the file.
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> SheetProblem {
        SheetProblem {
            line,
            column,
            header: None,
            message: message.into(),
        }
    }

    /// A problem with one cell, named by its column's header.
    pub fn cell(cell: &csv::Cell<'_>, header: &str, message: impl Into<String>) -> SheetProblem {
        SheetProblem {
            line: cell.line,
            column: cell.column,
            header: Some(header.to_owned()),
            message: message.into(),
        }
    }

    /// The same problem, naming the column's header.
    pub fn with_header(mut self, header: &str) -> SheetProblem {
        self.header = Some(header.to_owned());
        self
    }

    /// The problem with the file's name where [`Display`](fmt::Display) writes `CSV`:
    /// `backlog.csv:12:4 (header "Story Points"): "abc" is not a number`, as the command
    /// line prints it.
    pub fn in_file(&self, name: &str) -> String {
        let shown = self.to_string();
        format!("{name}{}", &shown[3..])
    }
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CSV")?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        if let Some(header) = &self.header {
            write!(f, " (header {})", quoted(header))?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SheetProblem {}

/// Problems in the order found, capped: past [`limits::MAX_PROBLEMS`] they are only counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetProblems {
    pub list: Vec<SheetProblem>,
    /// Problems found but not listed.
    pub more: usize,
}

impl SheetProblems {
    pub fn push(&mut self, problem: SheetProblem) {
        if self.list.len() < limits::MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// All problems found, listed or not.
    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }
}

impl fmt::Display for SheetProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_problems(f, &self.list, self.more)
    }
}

/// A cell's text as messages quote it: in double quotes, shortened past 60 characters,
/// with line breaks and other control characters escaped so a message stays on one line.
pub(crate) fn quoted(text: &str) -> String {
    const SHOWN: usize = 60;
    let mut out = String::with_capacity(text.len().min(SHOWN * 4) + 2);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        if i == SHOWN {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_reads_as_the_contract_writes_it() {
        let p = SheetProblem {
            line: 12,
            column: 4,
            header: Some("Story Points".into()),
            message: "\"abc\" is not a number".into(),
        };
        assert_eq!(
            p.to_string(),
            "CSV:12:4 (header \"Story Points\"): \"abc\" is not a number"
        );
        assert_eq!(
            SheetProblem::at(3, 0, "too many cells").to_string(),
            "CSV:3: too many cells"
        );
        assert_eq!(
            SheetProblem::file("the file is empty").to_string(),
            "CSV: the file is empty"
        );
        assert_eq!(
            SheetProblem::at(2, 1, "x").with_header("Key").to_string(),
            "CSV:2:1 (header \"Key\"): x"
        );
    }

    #[test]
    fn quoting_keeps_a_message_on_one_line_and_short() {
        assert_eq!(quoted("a\"b\r\nc\td"), r#""a\"b\r\nc\td""#);
        assert_eq!(quoted("\u{7}"), r#""\u{0007}""#);
        let long = "x".repeat(100);
        assert_eq!(quoted(&long), format!("\"{}…\"", "x".repeat(60)));
        assert_eq!(quoted("Łódź"), "\"Łódź\"");
    }

    #[test]
    fn problems_past_the_cap_are_counted_not_listed() {
        let mut problems = SheetProblems::default();
        for i in 0..limits::MAX_PROBLEMS + 5 {
            problems.push(SheetProblem::at(i + 1, 1, "bad"));
        }
        assert_eq!(problems.list.len(), limits::MAX_PROBLEMS);
        assert_eq!(problems.len(), limits::MAX_PROBLEMS + 5);
        assert!(problems.to_string().ends_with("… and 5 more problems"));
        assert!(SheetProblems::default().is_empty());
    }
}
