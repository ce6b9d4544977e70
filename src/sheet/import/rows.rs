//! Rows into requests: each row's cells read by their column's target (problems at their
//! cells), then applied to the scenario — requests found by id or added, fields set with
//! the last row winning, asks added once, accounts, buckets and sources found or created.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::date::Date;
use crate::model::{
    Account, Ask, Bucket, Estimate, Extra, Pin, Range, Request, Scenario, Source, Status, Transform,
};
use crate::text::typed;

use super::super::cells::{
    combine_value, parse_confidence, parse_count, parse_date, parse_non_negative, parse_number,
    parse_plan, parse_status, split_list, unique_id, DecimalSeparator, PlanPin, ValueCells,
};
use super::super::csv::{Cell, Row, Table};
use super::super::guess::{Mapping, Point, Target};
use super::super::{quoted, SheetProblem};
use super::plan::{Created, ImportPlan};
use super::ImportOptions;

/// The columns of one criterion (indices from 0).
#[derive(Clone, Debug, Default)]
struct ValueColumns {
    criterion: usize,
    plain: Option<usize>,
    low: Option<usize>,
    likely: Option<usize>,
    high: Option<usize>,
    /// Its values must not be negative: the first cost criterion, a capacity's criterion,
    /// a criterion under ln(1 + x).
    non_negative: bool,
}

/// Which column fills which field (indices from 0). Where two columns share a target
/// that may not repeat, the mapping has a problem and the first is used.
#[derive(Clone, Debug, Default)]
pub(super) struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    description: Option<usize>,
    bucket: Option<usize>,
    deadline: Option<usize>,
    confidence: Option<usize>,
    status: Option<usize>,
    plan: Option<usize>,
    arr: Option<usize>,
    source: Option<usize>,
    count: Option<usize>,
    tags: Vec<usize>,
    accounts: Vec<usize>,
    values: Vec<ValueColumns>,
}

impl Columns {
    pub(super) fn new(mapping: &Mapping, s: &Scenario) -> Columns {
        let mut c = Columns::default();
        let first_cost = super::first_cost_criterion(s);
        for (i, column) in mapping.columns.iter().enumerate() {
            let Some(target) = &column.target else {
                continue;
            };
            let slot = match target {
                Target::Id => &mut c.id,
                Target::Title => &mut c.title,
                Target::Description => &mut c.description,
                Target::Bucket => &mut c.bucket,
                Target::Deadline => &mut c.deadline,
                Target::Confidence => &mut c.confidence,
                Target::Status => &mut c.status,
                Target::Plan => &mut c.plan,
                Target::Arr => &mut c.arr,
                Target::Source => &mut c.source,
                Target::Count => &mut c.count,
                Target::Tags => {
                    c.tags.push(i);
                    continue;
                }
                Target::Account => {
                    c.accounts.push(i);
                    continue;
                }
                Target::Ignore => continue,
                Target::Value { criterion, point } => {
                    let Some(k) = s.model.criterion_index(criterion) else {
                        continue;
                    };
                    let at = match c.values.iter().position(|v| v.criterion == k) {
                        Some(at) => at,
                        None => {
                            let criterion = &s.model.criteria[k];
                            c.values.push(ValueColumns {
                                criterion: k,
                                non_negative: Some(k) == first_cost
                                    || criterion.transform() == Transform::Log
                                    || s.capacity.iter().any(|e| e.criterion == k),
                                ..ValueColumns::default()
                            });
                            c.values.len() - 1
                        }
                    };
                    let v = &mut c.values[at];
                    match point {
                        None => &mut v.plain,
                        Some(Point::Low) => &mut v.low,
                        Some(Point::Likely) => &mut v.likely,
                        Some(Point::High) => &mut v.high,
                    }
                }
            };
            slot.get_or_insert(i);
        }
        c.values.sort_by_key(|v| v.criterion);
        c
    }
}

/// An account a row names: one the scenario (or an earlier row) has, or a new name.
#[derive(Clone, Copy, Debug)]
enum AccountName<'r> {
    Known(usize),
    New(&'r str),
}

/// What one row says, every cell read and checked.
struct RowValues<'r> {
    id: Option<&'r str>,
    title: Option<&'r str>,
    description: Option<&'r str>,
    bucket: Option<&'r str>,
    tags: Vec<&'r str>,
    deadline: Option<Date>,
    confidence: Option<f64>,
    status: Option<Status>,
    plan: Option<Pin>,
    values: Vec<(usize, Estimate)>,
    accounts: Vec<AccountName<'r>>,
    arr: Option<f64>,
    source: Option<&'r str>,
    count: u32,
}

/// A request's fields, one bit each, to know which an earlier row of the file has set.
mod field {
    pub const TITLE: u16 = 1;
    pub const DESCRIPTION: u16 = 2;
    pub const BUCKET: u16 = 4;
    pub const TAGS: u16 = 8;
    pub const DEADLINE: u16 = 16;
    pub const CONFIDENCE: u16 = 32;
    pub const STATUS: u16 = 64;
    pub const PLAN: u16 = 128;
}

/// What the rows of this file have set on one request.
#[derive(Clone, Copy, Debug, Default)]
struct Touched {
    /// Touched by a row at all.
    any: bool,
    fields: u16,
    /// Criteria (by index; a model has at most 64) whose value a row has set.
    values: u64,
}

/// An ask as §4 compares them: the same account (or the same count) and the same source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct AskKey {
    account: Option<usize>,
    /// The count of an anonymous ask; None for an account's.
    count: Option<u32>,
    source: Option<usize>,
}

impl AskKey {
    fn of(ask: &Ask) -> AskKey {
        AskKey {
            account: ask.account,
            count: ask.account.is_none().then(|| ask.count()),
            source: ask.source,
        }
    }
}

/// Up to this many asks, a new ask is compared with each; beyond, through a set.
const ASKS_SCANNED: usize = 32;

/// Ids and names (or labels) of one list, lower case, to their item's index.
#[derive(Default)]
struct Lookup {
    ids: HashMap<String, usize>,
    names: HashMap<String, usize>,
    /// The exact ids, for new ids' collisions.
    taken: HashSet<String>,
}

impl Lookup {
    fn new<'i>(items: impl Iterator<Item = (&'i str, Option<&'i str>)>) -> Lookup {
        let mut l = Lookup::default();
        for (i, (id, name)) in items.enumerate() {
            l.add(i, id, name);
        }
        l
    }

    /// Adds item `i`; an id or name already known keeps its first item.
    fn add(&mut self, i: usize, id: &str, name: Option<&str>) {
        self.ids.entry(key(id).into_owned()).or_insert(i);
        if let Some(name) = name {
            self.names.entry(key(name).into_owned()).or_insert(i);
        }
        self.taken.insert(id.to_owned());
    }

    /// By id, then by name.
    fn find(&self, text: &str) -> Option<usize> {
        let k = key(text);
        self.ids
            .get(k.as_ref())
            .or_else(|| self.names.get(k.as_ref()))
            .copied()
    }

    /// An id made from `text`, unused in the list. A name so long that its id would pass
    /// the limit on strings is cut first (lower case can lengthen text, `İ` to two
    /// characters; no character to more than three), so the id always reads back.
    fn new_id(&self, text: &str) -> String {
        const ROOM: usize = crate::limits::MAX_STRING_CHARS / 3 - 16;
        let text = match text.char_indices().nth(ROOM) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        unique_id(text, |id| self.taken.contains(id))
    }
}

/// How ids, names and labels are compared: trimmed, case ignored. Borrowed when the text
/// is already its own key (lower-case ASCII, trimmed), as most ids are.
fn key(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// `R-12` → 12.
fn r_number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix("R-")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Applies rows to a scenario.
pub(super) struct Importer<'t, 'a> {
    s: Scenario,
    table: &'t Table<'a>,
    columns: &'t Columns,
    separator: DecimalSeparator,
    options: &'t ImportOptions,
    requests: HashMap<String, usize>,
    /// Requests the scenario had before the import.
    existing: usize,
    touched: Vec<Touched>,
    asks: HashMap<usize, HashSet<AskKey>>,
    accounts: Lookup,
    /// Per account, the line of the row that last set its ARR in this file.
    arr_set_by: HashMap<usize, usize>,
    /// The ARR each existing account had before the import.
    arr_before: Vec<Option<f64>>,
    buckets: Lookup,
    sources: Lookup,
    next_r: u64,
    /// Rows that got an `R-n` id because their id cell was empty (one warning says so).
    unnamed_rows: Vec<usize>,
}

impl<'t, 'a> Importer<'t, 'a> {
    pub(super) fn new(
        s: Scenario,
        table: &'t Table<'a>,
        columns: &'t Columns,
        separator: DecimalSeparator,
        options: &'t ImportOptions,
    ) -> Importer<'t, 'a> {
        let requests: HashMap<String, usize> = s
            .requests
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        // `R-n` continues after the highest of the scenario's and the file's, so that a
        // row without an id never takes an id a later row names.
        let in_file = columns
            .id
            .into_iter()
            .flat_map(|c| table.rows.iter().filter_map(move |r| r_number(r.text(c))));
        let highest = s
            .requests
            .iter()
            .filter_map(|r| r_number(&r.id))
            .chain(in_file)
            .max()
            .unwrap_or(0);
        Importer {
            accounts: Lookup::new(
                s.accounts
                    .iter()
                    .map(|a| (a.id.as_str(), a.name.as_deref())),
            ),
            buckets: Lookup::new(
                s.buckets
                    .iter()
                    .map(|b| (b.id.as_str(), b.label.as_deref())),
            ),
            sources: Lookup::new(
                s.sources
                    .iter()
                    .map(|x| (x.id.as_str(), x.label.as_deref())),
            ),
            arr_before: s.accounts.iter().map(|a| a.arr).collect(),
            existing: s.requests.len(),
            touched: vec![Touched::default(); s.requests.len()],
            requests,
            s,
            table,
            columns,
            separator,
            options,
            asks: HashMap::new(),
            arr_set_by: HashMap::new(),
            next_r: highest.saturating_add(1),
            unnamed_rows: Vec::new(),
        }
    }

    /// Reads one row and, when every cell reads, applies it.
    pub(super) fn row(&mut self, row: &Row<'_>, plan: &mut ImportPlan) {
        let (problems, warnings) = (plan.problems.list.len(), plan.warnings.list.len());
        if let Some(values) = self.read(row, plan) {
            self.apply(row, values, plan);
        }
        // A row's problems and warnings in the order of its cells.
        plan.problems.list[problems..].sort_by_key(|p| p.column);
        plan.warnings.list[warnings..].sort_by_key(|p| p.column);
    }

    /// The scenario, with the warnings that are said once for the whole file.
    pub(super) fn finish(self, plan: &mut ImportPlan) -> Scenario {
        if self.columns.title.is_none() && !plan.added.is_empty() {
            plan.warnings.push(SheetProblem::file(
                "no column maps to title, so the new requests have none \
                 (--map HEADER=title to name one)",
            ));
        }
        if let Some(&first) = self.unnamed_rows.first() {
            let message = match self.unnamed_rows.len() - 1 {
                0 => "the row has no id, so it was given a new one (R-n)".to_string(),
                more => format!(
                    "this row and {more} more have no id, so they were given new ones (R-n)"
                ),
            };
            plan.warnings.push(SheetProblem::at(first, 0, message));
        }
        for (i, before) in self.arr_before.iter().enumerate() {
            if self.s.accounts[i].arr != *before {
                plan.accounts_updated.push(self.s.accounts[i].id.clone());
            }
        }
        self.s
    }

    // ----- reading

    fn cell<'r>(&self, row: &'r Row<'_>, column: Option<usize>) -> Option<&'r Cell<'r>> {
        let cell = row.cells.get(column?)?;
        (!cell.text.is_empty()).then_some(cell)
    }

    fn text<'r>(&self, row: &'r Row<'_>, column: Option<usize>) -> Option<&'r str> {
        self.cell(row, column).map(|c| c.text.as_ref())
    }

    /// Reads a cell with `parse`; a failure is a problem at the cell.
    fn parsed<T>(
        &self,
        row: &Row<'_>,
        column: Option<usize>,
        ok: &mut bool,
        plan: &mut ImportPlan,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let cell = self.cell(row, column)?;
        match parse(&cell.text) {
            Ok(x) => Some(x),
            Err(message) => {
                plan.problems.push(self.table.problem(cell, message));
                *ok = false;
                None
            }
        }
    }

    fn read<'r>(&self, row: &'r Row<'_>, plan: &mut ImportPlan) -> Option<RowValues<'r>> {
        let c = self.columns;
        let sep = self.separator;
        let mut ok = true;
        let deadline = self.parsed(row, c.deadline, &mut ok, plan, |t| {
            parse_date(t, self.options.date_order)
        });
        let confidence = self.parsed(row, c.confidence, &mut ok, plan, |t| {
            parse_confidence(t, sep)
        });
        let plan_pin = self
            .parsed(row, c.plan, &mut ok, plan, parse_plan)
            .flatten()
            .map(|p| match p {
                PlanPin::Must => Pin::Must,
                PlanPin::Never => Pin::Never,
            });
        let status = self.cell(row, c.status).map(|cell| {
            let (status, warning) = parse_status(&cell.text);
            if let Some(warning) = warning {
                plan.warnings.push(self.table.problem(cell, warning));
            }
            Status::parse(status.as_str()).unwrap_or(Status::Open)
        });
        let arr = self.parsed(row, c.arr, &mut ok, plan, |t| parse_non_negative(t, sep));
        let count = self
            .parsed(row, c.count, &mut ok, plan, |t| parse_count(t, sep))
            .unwrap_or(0);
        let mut values = Vec::new();
        for v in &c.values {
            let read = |column, ok: &mut bool, plan: &mut ImportPlan| {
                self.parsed(row, column, ok, plan, |t| {
                    if v.non_negative {
                        parse_non_negative(t, sep)
                    } else {
                        parse_number(t, sep).map(|x| x + 0.0)
                    }
                })
            };
            let before = ok;
            let plain = read(v.plain, &mut ok, plan);
            let low = read(v.low, &mut ok, plan);
            let likely = read(v.likely, &mut ok, plan);
            let high = read(v.high, &mut ok, plan);
            if ok != before {
                continue;
            }
            let id = &self.s.model.criteria[v.criterion].id;
            match combine_value(id, plain, low, likely, high) {
                Ok(None) => {}
                Ok(Some(ValueCells::Number(x))) => values.push((v.criterion, Estimate::Number(x))),
                Ok(Some(ValueCells::Range { low, likely, high })) => values.push((
                    v.criterion,
                    Estimate::Range(Box::new(Range {
                        low,
                        likely,
                        high,
                        extra: Extra::new(),
                    })),
                )),
                Err(message) => {
                    let first = [v.plain, v.low, v.likely, v.high]
                        .into_iter()
                        .find_map(|column| self.cell(row, column))
                        .expect("a value was read from some cell");
                    plan.problems.push(self.table.problem(first, message));
                    ok = false;
                }
            }
        }
        let accounts = self.account_names(row);
        if arr.is_some() && accounts.len() != 1 {
            let cell = self
                .cell(row, c.arr)
                .expect("the ARR was read from its cell");
            let named = match accounts.len() {
                0 => "names none".to_string(),
                n => format!(
                    "names {n}: {}",
                    accounts
                        .iter()
                        .map(|a| quoted(match a {
                            AccountName::Known(i) => self.s.accounts[*i].display_name(),
                            AccountName::New(name) => name,
                        }))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            plan.problems.push(self.table.problem(
                cell,
                format!(
                    "an ARR belongs to one account, and this row {named} (a name holding a \
                     comma or a semicolon is split there)"
                ),
            ));
            ok = false;
        }
        if !ok {
            return None;
        }
        let mut tags: Vec<&str> = Vec::new();
        for &column in &c.tags {
            for tag in split_list(row.text(column)) {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
        Some(RowValues {
            id: self.text(row, c.id),
            title: self.text(row, c.title),
            description: self.text(row, c.description),
            bucket: self.text(row, c.bucket),
            tags,
            deadline,
            confidence,
            status,
            plan: plan_pin,
            values,
            accounts,
            arr,
            source: self.text(row, c.source),
            count,
        })
    }

    /// The accounts a row names, each once: a cell whose whole text is a known account is
    /// that account; otherwise its names separated by `,` or `;`.
    fn account_names<'r>(&self, row: &'r Row<'_>) -> Vec<AccountName<'r>> {
        let mut out: Vec<AccountName<'r>> = Vec::new();
        let mut push = |name: AccountName<'r>| {
            let same = |a: &AccountName<'r>| match (a, &name) {
                (AccountName::Known(x), AccountName::Known(y)) => x == y,
                (AccountName::New(x), AccountName::New(y)) => key(x) == key(y),
                _ => false,
            };
            if !out.iter().any(same) {
                out.push(name);
            }
        };
        for &column in &self.columns.accounts {
            let text = row.text(column);
            if text.is_empty() {
                continue;
            }
            if let Some(i) = self.accounts.find(text) {
                push(AccountName::Known(i));
                continue;
            }
            for name in split_list(text) {
                push(match self.accounts.find(name) {
                    Some(i) => AccountName::Known(i),
                    None => AccountName::New(name),
                });
            }
        }
        out
    }

    // ----- applying

    fn apply(&mut self, row: &Row<'_>, v: RowValues<'_>, plan: &mut ImportPlan) {
        let r = self.request(row, v.id, plan);
        let earlier = self.touched[r];
        self.touched[r].any = true;
        let c = self.columns;
        let line = row.line;
        macro_rules! set {
            // `$same`: whether the request already has the row's value (then nothing is
            // made or replaced: most rows of one id repeat its title).
            ($bit:expr, $column:expr, $field:literal, $slot:ident, $same:expr, $new:expr, $show:expr) => {{
                if !$same {
                    let new = $new;
                    let request = &mut self.s.requests[r];
                    let old = std::mem::replace(&mut request.$slot, new);
                    if earlier.fields & $bit != 0 {
                        let show = $show;
                        let message = format!(
                            "{}: rows with this id disagree on its {}: {} before, {} here; \
                             the last row's is kept",
                            request.id,
                            $field,
                            show(&old),
                            show(&request.$slot)
                        );
                        plan.warnings.push(self.located(line, $column, message));
                    }
                }
                self.touched[r].fields |= $bit;
            }};
        }
        let text = |x: &String| quoted(x);
        if let Some(title) = v.title {
            set!(
                field::TITLE,
                c.title,
                "title",
                title,
                self.s.requests[r].title == title,
                title.to_owned(),
                text
            );
        }
        if let Some(description) = v.description {
            set!(
                field::DESCRIPTION,
                c.description,
                "description",
                description,
                self.s.requests[r].description.as_deref() == Some(description),
                Some(description.to_owned()),
                |x: &Option<String>| quoted(x.as_deref().unwrap_or(""))
            );
        }
        if let Some(bucket) = v.bucket {
            let b = Some(self.bucket(bucket, plan));
            let buckets = &self.s.buckets;
            set!(
                field::BUCKET,
                c.bucket,
                "bucket",
                bucket,
                self.s.requests[r].bucket == b,
                b,
                |x: &Option<usize>| x.map_or("none".into(), |b| quoted(buckets[b].display_label()))
            );
        }
        if !v.tags.is_empty() {
            set!(
                field::TAGS,
                c.tags.first().copied(),
                "tags",
                tags,
                self.s.requests[r]
                    .tags
                    .iter()
                    .map(String::as_str)
                    .eq(v.tags.iter().copied()),
                v.tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>(),
                |x: &Vec<String>| quoted(&x.join(", "))
            );
        }
        if let Some(deadline) = v.deadline {
            set!(
                field::DEADLINE,
                c.deadline,
                "deadline",
                deadline,
                self.s.requests[r].deadline == Some(deadline),
                Some(deadline),
                |x: &Option<Date>| x.map_or("none".into(), |d| d.to_string())
            );
        }
        if let Some(confidence) = v.confidence {
            set!(
                field::CONFIDENCE,
                c.confidence,
                "confidence",
                confidence,
                self.s.requests[r].confidence == Some(confidence),
                Some(confidence),
                |x: &Option<f64>| x.map_or("none".into(), typed)
            );
        }
        if let Some(status) = v.status {
            set!(
                field::STATUS,
                c.status,
                "status",
                status,
                self.s.requests[r].status == Some(status),
                Some(status),
                |x: &Option<Status>| x.map_or("open", Status::as_str).to_string()
            );
        }
        if let Some(pin) = v.plan {
            set!(
                field::PLAN,
                c.plan,
                "plan",
                plan,
                self.s.requests[r].plan == Some(pin),
                Some(pin),
                |x: &Option<Pin>| x.map_or("none", Pin::as_str).to_string()
            );
        }
        for (k, estimate) in v.values {
            // A model has at most 64 criteria (a valid scenario's limit).
            let bit = 1u64.checked_shl(k as u32).unwrap_or(0);
            let request = &mut self.s.requests[r];
            if earlier.values & bit != 0 && request.values.get(k) != Some(&estimate) {
                let id = &self.s.model.criteria[k].id;
                let message = format!(
                    "{}: rows with this id disagree on its value of {id}: {} before, {} here; \
                     the last row's is kept",
                    request.id,
                    request.values.get(k).map_or("none".into(), show_estimate),
                    show_estimate(&estimate)
                );
                let column = c.values.iter().find(|x| x.criterion == k).and_then(|x| {
                    [x.plain, x.low, x.likely, x.high]
                        .into_iter()
                        .find(|&col| self.cell(row, col).is_some())
                        .flatten()
                });
                plan.warnings.push(self.located(line, column, message));
            }
            self.s.requests[r].values.set(k, estimate);
            self.touched[r].values |= bit;
        }

        // Asks: one per account named, one for a count of anonymous askers.
        if v.accounts.is_empty() && v.count == 0 {
            return;
        }
        let source = v.source.map(|text| self.source(text, plan));
        let accounts: Vec<usize> = v
            .accounts
            .iter()
            .map(|name| self.account(*name, plan))
            .collect();
        if let Some(arr) = v.arr {
            self.set_arr(accounts[0], arr, line, plan);
        }
        for account in accounts {
            self.add_ask(r, Some(account), None, source, plan);
        }
        if v.count > 0 {
            self.add_ask(r, None, Some(v.count), source, plan);
        }
    }

    /// A warning or problem at a row's cell in `column` (from 0), or at the row.
    fn located(&self, line: usize, column: Option<usize>, message: String) -> SheetProblem {
        match column {
            Some(i) => {
                SheetProblem::at(line, i + 1, message).with_header(self.table.header_text(i))
            }
            None => SheetProblem::at(line, 0, message),
        }
    }

    /// The request a row fills: the one with its id, or a new one.
    fn request(&mut self, row: &Row<'_>, id: Option<&str>, plan: &mut ImportPlan) -> usize {
        if let Some(&r) = id.and_then(|id| self.requests.get(id)) {
            if r < self.existing && !self.touched[r].any {
                plan.updated.push(self.s.requests[r].id.clone());
            }
            return r;
        }
        let id = match id {
            Some(id) => id.to_owned(),
            None => {
                if self.columns.id.is_some() {
                    self.unnamed_rows.push(row.line);
                }
                loop {
                    let id = format!("R-{}", self.next_r);
                    self.next_r = self.next_r.saturating_add(1);
                    if !self.requests.contains_key(&id) {
                        break id;
                    }
                }
            }
        };
        let r = self.s.requests.len();
        self.s.requests.push(Request::new(&id, ""));
        self.touched.push(Touched::default());
        self.requests.insert(id.clone(), r);
        plan.added.push(id);
        r
    }

    fn bucket(&mut self, text: &str, plan: &mut ImportPlan) -> usize {
        if let Some(b) = self.buckets.find(text) {
            return b;
        }
        let id = self.buckets.new_id(text);
        let b = self.s.buckets.len();
        self.buckets.add(b, &id, Some(text));
        self.s.buckets.push(Bucket {
            id: id.clone(),
            label: Some(text.to_owned()),
            min_share: None,
            max_share: None,
            extra: Extra::new(),
        });
        plan.buckets_created.push(Created {
            id,
            name: text.to_owned(),
        });
        b
    }

    fn source(&mut self, text: &str, plan: &mut ImportPlan) -> usize {
        if let Some(x) = self.sources.find(text) {
            return x;
        }
        let id = self.sources.new_id(text);
        let x = self.s.sources.len();
        self.sources.add(x, &id, Some(text));
        self.s.sources.push(Source {
            id: id.clone(),
            label: Some(text.to_owned()),
            credibility: None,
            extra: Extra::new(),
        });
        plan.sources_created.push(Created {
            id,
            name: text.to_owned(),
        });
        x
    }

    fn account(&mut self, name: AccountName<'_>, plan: &mut ImportPlan) -> usize {
        let name = match name {
            AccountName::Known(i) => return i,
            // An earlier row of this file may have created it.
            AccountName::New(name) => match self.accounts.find(name) {
                Some(i) => return i,
                None => name,
            },
        };
        let id = self.accounts.new_id(name);
        let i = self.s.accounts.len();
        self.accounts.add(i, &id, Some(name));
        self.s.accounts.push(Account {
            id: id.clone(),
            name: Some(name.to_owned()),
            arr: None,
            segment: None,
            strategic: None,
            extra: Extra::new(),
        });
        plan.accounts_created.push(Created {
            id,
            name: name.to_owned(),
        });
        i
    }

    fn set_arr(&mut self, account: usize, arr: f64, line: usize, plan: &mut ImportPlan) {
        let a = &mut self.s.accounts[account];
        if let Some(&earlier) = self.arr_set_by.get(&account) {
            if a.arr != Some(arr) {
                let message = format!(
                    "rows disagree on the ARR of {} ({}): {} at line {earlier}, {} here; the \
                     last row's is kept",
                    quoted(a.display_name()),
                    a.id,
                    a.arr.map_or("none".into(), typed),
                    typed(arr)
                );
                plan.warnings
                    .push(self.located(line, self.columns.arr, message));
            }
        }
        self.s.accounts[account].arr = Some(arr);
        self.arr_set_by.insert(account, line);
    }

    fn add_ask(
        &mut self,
        r: usize,
        account: Option<usize>,
        count: Option<u32>,
        source: Option<usize>,
        plan: &mut ImportPlan,
    ) {
        let ask = Ask {
            account,
            source,
            count,
            date: None,
            note: None,
            extra: Extra::new(),
        };
        let new = AskKey::of(&ask);
        let asks = &mut self.s.requests[r].asks;
        // A request has a few asks: a scan beats a set. One with many (a feature a whole
        // feedback export asks for) gets a set, so the file stays linear.
        let added = if asks.len() < ASKS_SCANNED {
            !asks.iter().any(|a| AskKey::of(a) == new)
        } else {
            self.asks
                .entry(r)
                .or_insert_with(|| asks.iter().map(AskKey::of).collect())
                .insert(new)
        };
        if added {
            asks.push(ask);
            plan.asks_added += 1;
        }
    }
}

fn show_estimate(e: &Estimate) -> String {
    match e {
        Estimate::Number(x) => typed(*x),
        Estimate::Range(r) => format!(
            "{} / {} / {} (low / likely / high)",
            typed(r.low),
            typed(r.likely),
            typed(r.high)
        ),
    }
}
