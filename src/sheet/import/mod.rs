//! Rows into a scenario (`sharing-v1.md` §4 "How a row becomes asks" and "Rows"): a
//! decoded CSV file or pasted table becomes requests, asks, accounts, buckets and sources
//! of a new scenario with the default model, or of an existing one (`--into`).
//!
//! [`import_text`] is what the page calls with text its `TextDecoder` made;
//! [`import_bytes`] decodes first (natively, with `--encoding`). Both return an
//! [`Import`]: a [`ImportPlan`] of what will happen — each column's target, the decimal
//! separator and why, requests added and updated, accounts, buckets and sources created
//! with their new ids, warnings, and problems by line and column — and, only when there is
//! no problem, the scenario. The plan is made even when there are problems, so the
//! page's mapping step can show the columns while the user fixes the mapping.
//!
//! The rules, in the order they apply:
//! - the first non-empty line is the header; each column's target is its `--map`, or
//!   guessed from its header ([`super::guess`]); `--map` problems and two columns on one
//!   target (other than `tags`, `account`, `ignore`) are problems;
//! - one decimal separator per file ([`super::cells::decide_decimal`]);
//! - every cell is read by its column's target; a cell that cannot be read, or a value
//!   out of its range (a negative ARR; a negative value of the first cost criterion, of a
//!   capacity's criterion or of a criterion under `log`; a count of 1.5; confidence
//!   150 %), is a problem at its line and column, and the row is not applied;
//! - rows with the same id are one request: their asks add up, any other field they
//!   disagree on takes the last row's value with a warning; without an id (no `id`
//!   column, or an empty cell) a row gets `R-n`, continuing after the highest `R-n` of the
//!   scenario and of the file;
//! - a row whose id the scenario has updates the fields it gives (an empty cell changes
//!   nothing); values merge criterion by criterion; its asks are added, except one
//!   identical to an ask the request already has (the same account, or the same count,
//!   and the same source);
//! - accounts are matched by id or name, buckets and sources by id or label (case
//!   ignored, trimmed), and created when new with ids made from the text; an `account`
//!   cell whose whole text matches a known account is that account (a name holding a
//!   comma, `Northgrid Utilities, Inc.`), otherwise it is split at `,` and `;`;
//! - `arr` needs exactly one account in the row; rows disagreeing on an account's ARR:
//!   the last wins, with a warning;
//! - a new scenario's fixed scales then take their bounds from the data, as the default
//!   preset chooses them for a scenario that has data (see [`fit_default_bounds`]);
//! - the result is written and read back ([`crate::write`], [`crate::read`]): a scenario
//!   that would not read back is a problem, never returned.
//!
//! Cost: linear in the file (one pass over the rows; accounts, buckets, sources and
//! request ids are found through hash maps), plus one write and one read of the result;
//! 10,000 rows take about a tenth of a second natively, a quarter of it the write and
//! read back, against 4 ms to tokenize the same text (`cargo bench --bench import`).

mod plan;
mod rows;

use crate::date::Date;
use crate::model::{Derive, Direction, Scenario};
use crate::workbench::Workbench;

use super::cells::{decide_decimal, DateOrder, DecimalSeparator};
use super::csv::{read_table, Delimiter};
use super::guess::{map_columns, parse_map, CriterionInfo, Point, Target};
use super::{SheetProblem, SheetProblems};

pub use plan::{Created, ImportPlan, PlannedColumn};

/// How to read the file: what `--delimiter`, `--decimal`, `--date-order` and `--map` say
/// (each `None` or empty when not given).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub delimiter: Option<Delimiter>,
    pub decimal: Option<DecimalSeparator>,
    pub date_order: Option<DateOrder>,
    /// `HEADER=TARGET` arguments, as given.
    pub maps: Vec<String>,
}

/// Where the rows go.
#[derive(Clone, Copy, Debug)]
pub enum Destination<'a> {
    /// A new scenario with the default model, named `name`, `as_of` today.
    New { name: &'a str, today: Date },
    /// Added to (or updating) this scenario (`--into`).
    Existing(&'a Scenario),
}

/// What an import did, or would do.
#[derive(Clone, Debug)]
pub struct Import {
    pub plan: ImportPlan,
    /// The new or updated scenario; `None` when there is any problem.
    pub scenario: Option<Scenario>,
}

/// Imports decoded text (a BOM at its start is skipped).
pub fn import_text(text: &str, options: &ImportOptions, destination: Destination<'_>) -> Import {
    import_decoded(
        text,
        options,
        destination,
        ImportPlan::default(),
        &mut |_| {},
    )
}

/// How far an import has got, for a progress bar (the page's import reads 100,000 rows in
/// a worker and shows this).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportProgress {
    /// The text is split into rows and cells (this step reports only its end).
    Cells,
    /// `done` of `total` rows have been read into requests.
    Rows { done: usize, total: usize },
    /// Every row is read: the scenario is being written and read back.
    Check,
}

/// Rows between two [`ImportProgress::Rows`] reports.
pub const PROGRESS_ROWS: usize = 2_000;

/// [`import_text`], telling `progress` how far it has got: [`ImportProgress::Cells`] once
/// the cells are split, [`ImportProgress::Rows`] every [`PROGRESS_ROWS`] rows (and after
/// the last), [`ImportProgress::Check`] before the scenario is written and read back. An
/// import that stops at a problem before the rows reports less.
pub fn import_text_with_progress(
    text: &str,
    options: &ImportOptions,
    destination: Destination<'_>,
    progress: &mut dyn FnMut(ImportProgress),
) -> Import {
    import_decoded(text, options, destination, ImportPlan::default(), progress)
}

/// Decodes `bytes` — UTF-8 (BOM skipped) or UTF-16 by its BOM, or the WHATWG `encoding`
/// given — and imports the text. Fails only when the bytes cannot be decoded: not UTF-8
/// without an encoding (the error names the first byte that is not), or a label that
/// names no encoding. Bytes the named encoding cannot decode become U+FFFD, with a
/// warning.
#[cfg(not(target_arch = "wasm32"))]
pub fn import_bytes(
    bytes: &[u8],
    encoding: Option<&str>,
    options: &ImportOptions,
    destination: Destination<'_>,
) -> Result<Import, super::decode::DecodeError> {
    let decoded = match encoding {
        Some(label) => super::decode::decode_with_label(bytes, label)?,
        None => super::decode::decode(bytes)?,
    };
    let mut plan = ImportPlan {
        encoding: Some(decoded.encoding.to_string()),
        ..ImportPlan::default()
    };
    if decoded.lossy {
        plan.warnings.push(SheetProblem::file(format!(
            "some bytes are not {} and were replaced by �: the file is probably in another \
             encoding",
            decoded.encoding
        )));
    }
    Ok(import_decoded(
        &decoded.text,
        options,
        destination,
        plan,
        &mut |_| {},
    ))
}

/// What the mapping needs to know of a scenario's criteria.
pub fn criterion_infos(s: &Scenario) -> Vec<CriterionInfo<'_>> {
    let first_cost = first_cost_criterion(s);
    s.model
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| CriterionInfo {
            id: &c.id,
            label: &c.label,
            derives: c.derive.is_some(),
            is_first_cost: Some(k) == first_cost,
        })
        .collect()
}

/// Every target a column of a file imported into `s` may have, as `--map` names them
/// (the page's choices in the mapping step): the fixed ones, then for each criterion
/// `values.<id>` and its range points.
pub fn target_names(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Target::FIXED.iter().map(Target::to_string).collect();
    for c in &s.model.criteria {
        for point in [
            None,
            Some(Point::Low),
            Some(Point::Likely),
            Some(Point::High),
        ] {
            out.push(
                Target::Value {
                    criterion: c.id.clone(),
                    point,
                }
                .to_string(),
            );
        }
    }
    out
}

/// The model's first cost criterion (effort, story points, … guess it; its values must
/// not be negative).
fn first_cost_criterion(s: &Scenario) -> Option<usize> {
    s.model
        .criteria
        .iter()
        .position(|c| c.direction == Direction::Cost)
}

fn import_decoded(
    text: &str,
    options: &ImportOptions,
    destination: Destination<'_>,
    mut plan: ImportPlan,
    progress: &mut dyn FnMut(ImportProgress),
) -> Import {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (scenario, new) = match destination {
        Destination::New { name, today } => {
            (Workbench::empty(name, today).scenario().clone(), true)
        }
        Destination::Existing(s) => (s.clone(), false),
    };
    let table = match read_table(text, options.delimiter) {
        Ok(table) => table,
        Err(problem) => {
            plan.problems.push(problem);
            return Import {
                plan,
                scenario: None,
            };
        }
    };
    progress(ImportProgress::Cells);
    plan.delimiter = Some(table.delimiter);
    plan.delimiter_guessed = table.delimiter_guessed;
    plan.header_line = table.header.line;
    plan.rows = table.rows.len();
    plan.preview = table
        .rows
        .iter()
        .take(plan::PREVIEW_ROWS)
        .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
        .collect();
    append(&mut plan.problems, &table.problems);

    let criteria = criterion_infos(&scenario);
    let mut maps = Vec::new();
    for argument in &options.maps {
        match parse_map(argument, &criteria) {
            Ok(map) => maps.push(map),
            Err(message) => plan.problems.push(SheetProblem::file(message)),
        }
    }
    let mapping = map_columns(&table.header, &maps, &criteria);
    append(&mut plan.problems, &mapping.problems);
    if let Some(warning) = mapping.warning.clone() {
        plan.warnings.push(warning);
    }
    plan.columns = table
        .header
        .cells
        .iter()
        .zip(&mapping.columns)
        .map(|(cell, column)| PlannedColumn {
            column: cell.column,
            header: cell.text.to_string(),
            target: column.target.clone(),
            mapped: column.mapped,
        })
        .collect();
    let columns = rows::Columns::new(&mapping, &scenario);
    let numeric: Vec<usize> = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.target.as_ref().is_some_and(Target::is_numeric))
        .map(|(i, _)| i)
        .collect();
    let decimal = match decide_decimal(&table, &numeric, options.decimal) {
        Ok(choice) => choice,
        Err(problem) => {
            // Every number would be read wrongly one way or the other: say this once
            // rather than once per cell.
            plan.problems.push(problem);
            return Import {
                plan,
                scenario: None,
            };
        }
    };
    let separator = decimal.separator;
    plan.decimal = Some(decimal);

    let mut importer = rows::Importer::new(scenario, &table, &columns, separator, options);
    let total = table.rows.len();
    for (n, row) in table.rows.iter().enumerate() {
        importer.row(row, &mut plan);
        if (n + 1) % PROGRESS_ROWS == 0 {
            progress(ImportProgress::Rows { done: n + 1, total });
        }
    }
    progress(ImportProgress::Rows { done: total, total });
    let mut scenario = importer.finish(&mut plan);
    if !plan.problems.is_empty() {
        return Import {
            plan,
            scenario: None,
        };
    }
    if new {
        fit_default_bounds(&mut scenario);
    }
    progress(ImportProgress::Check);
    // The contract's promise: what is written reads back. Reading the written text also
    // gives the scenario exactly as a later reader will see it.
    match crate::read::from_str(&crate::write::to_string(&scenario)) {
        Ok(again) => Import {
            plan,
            scenario: Some(again),
        },
        Err(e) => {
            for line in e.to_string().lines() {
                plan.problems.push(SheetProblem::file(format!(
                    "the scenario the rows make would not read back: {line}"
                )));
            }
            Import {
                plan,
                scenario: None,
            }
        }
    }
}

fn append(to: &mut SheetProblems, from: &SheetProblems) {
    for p in &from.list {
        to.push(p.clone());
    }
    to.more += from.more;
}

/// A new scenario's default model, with the bounds of its fixed scales taken from the
/// imported data where the default preset takes them from data (reach, ARR, strategic
/// accounts, cost): the largest value, rounded up to 1, 2, 2.5 or 5 × 10ⁿ. Without this
/// the empty scenario's bounds (20 story points, an ARR of 1,000,000) would clamp every
/// larger value to the same utility.
pub fn fit_default_bounds(s: &mut Scenario) {
    let Some(preset) = crate::presets::find("default") else {
        return;
    };
    for slot in preset.slots() {
        if slot.max_from_data.is_none() {
            continue;
        }
        let Some(k) = s.model.criterion_index(&slot.criterion.id) else {
            continue;
        };
        let active = || s.requests.iter().filter(|r| !r.is_archived());
        let largest = match s.model.criteria[k].derive {
            Some(how) => {
                let mut counter = crate::derive::AskCounter::new(s);
                active()
                    .map(|r| {
                        let totals = counter.totals(&r.asks);
                        match how {
                            Derive::AsksCount => totals.count,
                            Derive::AsksArr => totals.arr,
                            Derive::AsksStrategic => totals.strategic,
                            Derive::Deadline => 0.0,
                        }
                    })
                    .fold(f64::NEG_INFINITY, f64::max)
            }
            None => active()
                .filter_map(|r| r.values.get(k).map(crate::model::Estimate::high))
                .fold(f64::NEG_INFINITY, f64::max),
        };
        if largest > 0.0 && largest.is_finite() {
            let max = crate::presets::round_up(largest);
            let c = &mut s.model.criteria[k];
            if c.min.is_none_or(|min| min < max) {
                c.max = Some(max);
            }
        }
    }
}
