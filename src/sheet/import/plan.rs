//! What an import will do, as the page's mapping step shows it and the command line's
//! messages say it.

use crate::json::Value;
use crate::object;

use super::super::cells::{DecidedBy, DecimalChoice, DecimalSeparator};
use super::super::csv::Delimiter;
use super::super::guess::Target;
use super::super::{quoted, SheetProblems};

/// Data rows the plan keeps for the mapping step's preview.
pub const PREVIEW_ROWS: usize = 5;

/// One column of the file and the field it fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedColumn {
    /// Its position, from 1.
    pub column: usize,
    pub header: String,
    /// None: it maps to nothing and is ignored (the warnings name it).
    pub target: Option<Target>,
    /// Set by a `--map` (not guessed).
    pub mapped: bool,
}

/// An account, bucket or source the import creates: its new id and the text it was made
/// from (an account's name, a bucket's or source's label).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    pub name: String,
}

/// What an import will do. Filled as far as the file could be read: a file without a
/// header has only its problem; a file whose cells show both decimal separators has its
/// columns but no rows read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// The encoding the bytes were decoded with (None for text the caller decoded).
    pub encoding: Option<String>,
    pub delimiter: Option<Delimiter>,
    /// Whether the delimiter was guessed from the header line.
    pub delimiter_guessed: bool,
    /// The file line of the header.
    pub header_line: usize,
    pub columns: Vec<PlannedColumn>,
    pub decimal: Option<DecimalChoice>,
    /// Data rows in the file (empty rows skipped).
    pub rows: usize,
    /// The first data rows' cells, for the mapping step.
    pub preview: Vec<Vec<String>>,
    /// Ids of the requests added, in file order.
    pub added: Vec<String>,
    /// Ids of the scenario's requests that rows update, in file order.
    pub updated: Vec<String>,
    /// Asks added to requests (identical asks not counted: they are not added).
    pub asks_added: usize,
    pub accounts_created: Vec<Created>,
    /// Ids of the scenario's accounts whose ARR the file changes.
    pub accounts_updated: Vec<String>,
    pub buckets_created: Vec<Created>,
    pub sources_created: Vec<Created>,
    pub warnings: SheetProblems,
    /// Any problem: nothing is written.
    pub problems: SheetProblems,
}

impl ImportPlan {
    /// The headers of the columns that map to nothing.
    pub fn ignored(&self) -> Vec<&str> {
        self.columns
            .iter()
            .filter(|c| c.target.is_none())
            .map(|c| c.header.as_str())
            .collect()
    }

    /// The decimal separator chosen and why, in a sentence: `a decimal comma: "12,5" at
    /// line 2, column 5 (header "Koszt") shows it`.
    pub fn decimal_reason(&self) -> Option<String> {
        let choice = self.decimal.as_ref()?;
        let what = match choice.separator {
            DecimalSeparator::Point => "a decimal point",
            DecimalSeparator::Comma => "a decimal comma",
        };
        Some(match &choice.decided_by {
            DecidedBy::Given => format!("{what}, as given"),
            DecidedBy::Cell { line, column, text } => {
                let header = self
                    .columns
                    .get(column.wrapping_sub(1))
                    .map(|c| format!(" (header {})", quoted(&c.header)))
                    .unwrap_or_default();
                format!(
                    "{what}: {} at line {line}, column {column}{header} shows it",
                    quoted(text)
                )
            }
            DecidedBy::Delimiter(d) => format!(
                "{what}: no number in the file shows its decimal separator, and the delimiter \
                 is a {}{}",
                d.name(),
                if *d == Delimiter::Semicolon {
                    " (what spreadsheets write where the decimal separator is a comma)"
                } else {
                    ""
                }
            ),
        })
    }

    /// One sentence: rows read, requests added and updated, what was created.
    pub fn summary(&self) -> String {
        let mut parts = vec![
            count(self.rows, "row", "rows"),
            format!("{} added", count(self.added.len(), "request", "requests")),
            format!("{} updated", self.updated.len()),
            format!("{} added", count(self.asks_added, "ask", "asks")),
        ];
        for (list, one, many) in [
            (&self.accounts_created, "account", "accounts"),
            (&self.buckets_created, "bucket", "buckets"),
            (&self.sources_created, "source", "sources"),
        ] {
            if !list.is_empty() {
                parts.push(format!("{} created", count(list.len(), one, many)));
            }
        }
        if !self.accounts_updated.is_empty() {
            parts.push(format!(
                "the ARR of {} changed",
                count(self.accounts_updated.len(), "account", "accounts")
            ));
        }
        parts.join(", ")
    }

    /// The plan for the page: `{encoding, delimiter, delimiter_guessed, header_line,
    /// columns: [{column, header, target, mapped}], decimal: {separator, decided_by, cell?,
    /// why}, rows, preview, added, updated, asks_added, accounts_created: [{id, name}],
    /// accounts_updated, buckets_created, sources_created, ignored, summary, warnings,
    /// problems, more_warnings, more_problems}`.
    pub fn to_value(&self) -> Value {
        let created = |list: &[Created]| -> Value {
            list.iter()
                .map(|c| object! {"id": &c.id, "name": &c.name})
                .collect::<Vec<_>>()
                .into()
        };
        let columns: Vec<Value> = self
            .columns
            .iter()
            .map(|c| {
                object! {
                    "column": c.column, "header": &c.header,
                    "target": c.target.as_ref().map(Target::to_string), "mapped": c.mapped,
                }
            })
            .collect();
        let decimal = self.decimal.as_ref().map(|d| {
            let (by, cell) = match &d.decided_by {
                DecidedBy::Given => ("given", Value::Null),
                DecidedBy::Cell { line, column, text } => (
                    "cell",
                    object! {"line": *line, "column": *column, "text": text},
                ),
                DecidedBy::Delimiter(_) => ("delimiter", Value::Null),
            };
            object! {
                "separator": d.separator.as_char().to_string(), "decided_by": by, "cell": cell,
                "why": self.decimal_reason(),
            }
        });
        let preview: Vec<Value> = self.preview.iter().map(Value::strings).collect();
        let messages = |p: &SheetProblems| Value::strings(p.list.iter().map(|x| x.to_string()));
        object! {
            "encoding": self.encoding.as_deref(),
            "delimiter": self.delimiter.map(|d| d.as_char().to_string()),
            "delimiter_guessed": self.delimiter_guessed,
            "header_line": self.header_line,
            "columns": columns,
            "decimal": decimal,
            "rows": self.rows,
            "preview": preview,
            "added": Value::strings(&self.added),
            "updated": Value::strings(&self.updated),
            "asks_added": self.asks_added,
            "accounts_created": created(&self.accounts_created),
            "accounts_updated": Value::strings(&self.accounts_updated),
            "buckets_created": created(&self.buckets_created),
            "sources_created": created(&self.sources_created),
            "ignored": Value::strings(self.ignored()),
            "summary": self.summary(),
            "warnings": messages(&self.warnings),
            "more_warnings": self.warnings.more,
            "problems": messages(&self.problems),
            "more_problems": self.problems.more,
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
