//! Spreadsheets out (`sharing-v1.md` §5): the ranking, the plan and the accounts view as
//! CSV — what `rank --csv`, `plan --csv` and the page's "Export as CSV" write, from one
//! piece of code.
//!
//! Every table is written by [`CsvWriter`]: UTF-8 with a BOM, CRLF line ends, the
//! delimiter and decimal separator of a [`CsvStyle`], text that a spreadsheet would run
//! as a formula with a leading `'`, numbers as numbers in full precision (as `rank
//! --json` writes them; a missing number — an unscorable request's score — is an empty
//! cell).
//!
//! Cost: one pass over the ranked requests; the plan's "why left out" looks at each
//! capacity and the request's bucket.

use std::collections::HashSet;

use super::csv::{CsvStyle, CsvWriter, OutCell};
use crate::model::{Pin, Scenario};
use crate::plan::at_most;
use crate::plan::report::PlanReport;
use crate::report::Ranking;
use crate::score::{Origin, Scores, Table};
use crate::text::number;

impl Ranking<'_> {
    /// The ranking as CSV: see [`ranking_csv`].
    pub fn to_csv(&self, style: CsvStyle) -> String {
        ranking_csv(self.scenario, &self.table, &self.scores, style)
    }
}

/// The ranking as CSV: `rank`, `id`, `title`, `bucket` (its label), `status`, `score`,
/// `value`, one column per criterion headed by its label (the raw value, empty when the
/// request has none), `flags` (space-separated); one row per ranked request in rank order
/// (archived requests are not ranked, so not listed). The page passes its workbench's
/// table and scores (the weights on its sliders); the command line a [`Ranking`]'s.
pub fn ranking_csv(s: &Scenario, table: &Table, scores: &Scores, style: CsvStyle) -> String {
    let mut w = CsvWriter::new(style);
    let mut header = vec!["rank", "id", "title", "bucket", "status", "score", "value"];
    header.extend(s.model.criteria.iter().map(|c| c.label.as_str()));
    header.push("flags");
    w.text_row(&header);
    for &i in &scores.order {
        let i = i as usize;
        let r = &s.requests[i];
        let bucket = r.bucket.map_or("", |b| s.buckets[b].display_label());
        let flags = scores.flags[i].names().join(" ");
        let mut cells = vec![
            OutCell::Number(f64::from(scores.rank[i])),
            OutCell::Text(&r.id),
            OutCell::Text(&r.title),
            OutCell::Text(bucket),
            OutCell::Text(r.status().as_str()),
            OutCell::Number(scores.score[i]),
            OutCell::Number(scores.value[i]),
        ];
        cells.extend(table.columns.iter().map(|column| {
            if column.origin[i] == Origin::Filled {
                OutCell::Empty
            } else {
                OutCell::Number(column.raw[i])
            }
        }));
        cells.push(OutCell::Text(&flags));
        w.row(cells);
    }
    w.finish()
}

impl PlanReport {
    /// The plan as CSV: `id`, `title`, `bucket`, `in plan` (`yes`/`no`), the effort on
    /// each capacity (headed by its criterion's label), `value`, `why left out` (empty for
    /// a selected request); one row per ranked request, in rank order. `what_if` are the
    /// pins and drops the plan was made under (they say why a request is left out).
    pub fn to_csv(
        &self,
        s: &Scenario,
        table: &Table,
        scores: &Scores,
        what_if: &[(usize, Pin)],
        style: CsvStyle,
    ) -> String {
        let mut w = CsvWriter::new(style);
        let mut header = vec!["id", "title", "bucket", "in plan"];
        header.extend(self.capacity.iter().map(|c| c.label.as_str()));
        header.extend(["value", "why left out"]);
        w.text_row(&header);
        let selected: HashSet<usize> = self.selected_indices.iter().copied().collect();
        for &i in &scores.order {
            let i = i as usize;
            let r = &s.requests[i];
            let chosen = selected.contains(&i);
            let why = if chosen {
                String::new()
            } else {
                self.why_left_out(s, table, scores, what_if, i)
            };
            let mut cells = vec![
                OutCell::Text(&r.id),
                OutCell::Text(&r.title),
                OutCell::Text(r.bucket.map_or("", |b| s.buckets[b].display_label())),
                OutCell::Text(if chosen { "yes" } else { "no" }),
            ];
            cells.extend(
                s.capacity
                    .iter()
                    .map(|e| OutCell::Number(table.columns[e.criterion].raw[i])),
            );
            cells.push(OutCell::Number(scores.value[i]));
            cells.push(OutCell::Text(&why));
            w.row(cells);
        }
        w.finish()
    }

    /// Why request `i`, not in the plan, is left out: the report's reason for a request
    /// above the cut line; for the others the same tests in the same order — pinned out,
    /// more than a capacity has left, over its bucket's maximum — then no value, or a
    /// better combination.
    pub fn why_left_out(
        &self,
        s: &Scenario,
        table: &Table,
        scores: &Scores,
        what_if: &[(usize, Pin)],
        i: usize,
    ) -> String {
        if let Some(skipped) = self.skipped.iter().find(|k| k.index == i) {
            return skipped.reason.clone();
        }
        let r = &s.requests[i];
        let pin = crate::plan::report::pin_of(s, what_if, i);
        if pin == Some(Pin::Never) {
            return "pinned as never".into();
        }
        if !scores.is_scored(i) {
            return "unscorable, so it adds no value to a plan".into();
        }
        let need = |k: usize| table.columns[k].raw[i];
        for (c, entry) in self.capacity.iter().zip(&s.capacity) {
            let need = need(entry.criterion);
            if !at_most(c.used + need, c.amount) {
                return format!(
                    "needs {} of {}; the plan leaves {} of {}",
                    number(need, 2),
                    c.label,
                    number((c.amount - c.used).max(0.0), 2),
                    number(c.amount, 2)
                );
            }
        }
        if let Some(b) = r.bucket.and_then(|b| self.bucket_use.get(b)) {
            let need = s.capacity.first().map_or(0.0, |e| need(e.criterion));
            if !at_most(b.used + need, b.max) {
                return format!(
                    "bucket \"{}\" would go over its maximum share ({} of {})",
                    b.label,
                    number(b.max, 2),
                    self.capacity.first().map_or("", |c| c.label.as_str())
                );
            }
        }
        if scores.value[i] <= 0.0 {
            return "its value is 0, so it adds nothing to the plan".into();
        }
        "it fits, but a combination of other requests is worth more".into()
    }
}

/// The accounts view as CSV: `account` (its name), `ARR`, `request`, `title`, `rank`,
/// `score`, `in plan` (`yes`/`no`; empty without a plan); one row per account and request
/// it asks for (the account's asks in rank order, archived requests last), and one row
/// with only the account for an account that asks for nothing.
pub fn accounts_csv(
    s: &Scenario,
    table: &Table,
    scores: Option<&Scores>,
    plan: Option<&PlanReport>,
    style: CsvStyle,
) -> String {
    let mut w = CsvWriter::new(style);
    w.text_row(&[
        "account", "ARR", "request", "title", "rank", "score", "in plan",
    ]);
    let selected: Option<HashSet<usize>> =
        plan.map(|p| p.selected_indices.iter().copied().collect());
    for account in crate::explain::accounts(s, table, scores) {
        let head = [OutCell::Text(&account.name), OutCell::Number(account.arr)];
        if account.asks.is_empty() {
            w.row(head.into_iter().chain([OutCell::Empty; 5]));
            continue;
        }
        for ask in &account.asks {
            let in_plan = selected.as_ref().map_or("", |p| {
                if p.contains(&ask.request) {
                    "yes"
                } else {
                    "no"
                }
            });
            w.row(
                head.into_iter().chain([
                    OutCell::Text(&ask.id),
                    OutCell::Text(&ask.title),
                    ask.rank
                        .map_or(OutCell::Empty, |r| OutCell::Number(f64::from(r))),
                    ask.score.map_or(OutCell::Empty, OutCell::Number),
                    OutCell::Text(in_plan),
                ]),
            );
        }
    }
    w.finish()
}
