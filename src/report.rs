//! A scenario's ranking as the command line prints it: `rank --json` (§6) and a table.

use crate::error::ScoreError;
use crate::json::{self, Object, Value};
use crate::model::{Method, Scenario};
use crate::score::{Origin, Scores, Table};
use crate::text::{self, one_line, shorten};

/// Warnings beyond this many are counted, not listed.
const MAX_WARNINGS: usize = 50;

/// A scored scenario: the table, the scores under the model's weights, and warnings.
pub struct Ranking<'a> {
    pub scenario: &'a Scenario,
    pub table: Table,
    pub weights: Vec<f64>,
    pub scores: Scores,
}

impl<'a> Ranking<'a> {
    pub fn new(scenario: &'a Scenario) -> Result<Ranking<'a>, ScoreError> {
        let table = Table::new(scenario);
        let weights = scenario
            .model
            .criteria
            .iter()
            .map(|c| c.weight())
            .collect::<Vec<_>>();
        let scores = table.score(&scenario.model.criteria, &weights)?;
        Ok(Ranking {
            scenario,
            table,
            weights,
            scores,
        })
    }

    /// Things a PM should know about the ranking: criteria that sit out, requests that
    /// cannot be scored and why, values that were missing and how they were filled.
    pub fn warnings(&self) -> Vec<String> {
        let s = self.scenario;
        let criteria = &s.model.criteria;
        let mut out = Vec::new();
        let mut more = 0usize;
        let mut push = |w: String| {
            if out.len() < MAX_WARNINGS {
                out.push(w);
            } else {
                more += 1;
            }
        };
        for k in self.table.sitting_out() {
            push(format!(
                "no request has a value for {} and it has no default, so it sits out: it takes no part in the scores",
                Value::str(&criteria[k].id).describe()
            ));
        }
        for u in &self.scores.unscorable {
            push(format!(
                "{}: {}; it is ranked last, unscored",
                s.requests[u.request].id, u.reason
            ));
        }
        for (i, r) in s.requests.iter().enumerate() {
            if self.table.archived[i] {
                continue;
            }
            for (k, col) in self.table.columns.iter().enumerate() {
                if col.origin[i] == Origin::Filled && !col.sits_out {
                    let how = match criteria[k].default {
                        Some(_) => "the criterion's default",
                        None => "the worst value",
                    };
                    push(format!(
                        "{} has no value for {}; it was given {how}, {}",
                        r.id,
                        Value::str(&criteria[k].id).describe(),
                        text::typed(col.raw[i])
                    ));
                }
            }
        }
        if more > 0 {
            out.push(format!("… and {more} more warnings"));
        }
        out
    }

    /// The `rank --json` document.
    pub fn to_json(&self) -> String {
        let mut text = json::write::pretty(&self.to_value());
        text.push('\n');
        text
    }

    /// The `rank --json` document as a value: `{ranking: [{id, rank, score, value,
    /// utilities?, contributions?, flags}], warnings}`.
    pub fn to_value(&self) -> Value {
        let criteria = &self.scenario.model.criteria;
        let (table, scores) = (&self.table, &self.scores);
        let weighted_sum = table.method == Method::WeightedSum;
        // Per criterion taking part, a number; `null` for a request without a score.
        let by_criterion = |i: usize, number: &dyn Fn(usize) -> Option<f64>| -> Value {
            if !scores.is_scored(i) {
                return Value::Null;
            }
            let mut o = Object::new();
            for (k, c) in criteria.iter().enumerate() {
                if let Some(x) = number(k) {
                    o.push(c.id.clone(), Value::f64(x));
                }
            }
            Value::Object(o)
        };
        let ranking: Vec<Value> = scores
            .order
            .iter()
            .map(|&i| {
                let i = i as usize;
                let mut o = Object::new();
                o.push("id".into(), Value::str(&self.scenario.requests[i].id));
                o.push("rank".into(), Value::from(scores.rank[i]));
                o.push("score".into(), Value::f64(scores.score[i]));
                o.push("value".into(), Value::f64(scores.value[i]));
                if weighted_sum {
                    let u = by_criterion(i, &|k| scores.utility(table, k, i));
                    let c = by_criterion(i, &|k| scores.contribution(table, k, i));
                    o.push("utilities".into(), u);
                    o.push("contributions".into(), c);
                }
                o.push("flags".into(), Value::strings(scores.flags[i].names()));
                Value::Object(o)
            })
            .collect();
        let mut doc = Object::new();
        doc.push("ranking".into(), ranking.into());
        doc.push("warnings".into(), Value::strings(self.warnings()));
        let archived = self.archived_ids();
        if !archived.is_empty() {
            doc.push("archived".into(), Value::strings(archived));
        }
        Value::Object(doc)
    }

    /// The ids of the archived requests, in id order.
    pub fn archived_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = (0..self.table.len())
            .filter(|&i| self.table.archived[i])
            .map(|i| self.scenario.requests[i].id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }

    /// A readable table: rank, id, title, score, flags. Ids and titles are shown on one
    /// line each, with control and invisible characters escaped.
    pub fn to_table(&self) -> String {
        let reqs = &self.scenario.requests;
        let ids: Vec<_> = reqs.iter().map(|r| one_line(&r.id)).collect();
        let titles: Vec<_> = reqs.iter().map(|r| one_line(&r.title)).collect();
        let id_width = crate::text::column_width(&ids, 2, usize::MAX);
        let title_width = crate::text::column_width(&titles, 5, 48);
        let mut out = format!(
            "{:>4}  {:<id_width$}  {:<title_width$}  {:>10}  flags\n",
            "rank", "id", "title", "score"
        );
        for &i in &self.scores.order {
            let i = i as usize;
            let row = format!(
                "{:>4}  {:<id_width$}  {:<title_width$}  {:>10}  {}",
                self.scores.rank[i],
                ids[i],
                shorten(&titles[i], title_width),
                if self.scores.is_scored(i) {
                    text::score(self.scores.score[i])
                } else {
                    "—".to_string()
                },
                self.scores.flags[i].names().join(", ")
            );
            // No trailing spaces when a request has no flags: diffs and copies stay clean.
            out.push_str(row.trim_end());
            out.push('\n');
        }
        out
    }
}
