//! A scenario's ranking as the command line prints it: `rank --json` (§6) and a table.

use crate::error::ScoreError;
use crate::json::{self, Object, Value};
use crate::model::{Method, Scenario};
use crate::object;
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

    /// Things a PM should know about the ranking: values that were missing and filled.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut more = 0usize;
        for (i, r) in self.scenario.requests.iter().enumerate() {
            for (k, col) in self.table.columns.iter().enumerate() {
                if col.origin[i] == Origin::Filled {
                    if out.len() < MAX_WARNINGS {
                        out.push(format!(
                            "{} has no value for \"{}\"; it was given the worst value, {}",
                            r.id, self.scenario.model.criteria[k].id, col.raw[i]
                        ));
                    } else {
                        more += 1;
                    }
                }
            }
        }
        if more > 0 {
            out.push(format!("… and {more} more missing values"));
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
        let weighted_sum = self.table.method == Method::WeightedSum;
        let by_criterion = |values: Vec<Option<f64>>| -> Value {
            let mut o = Object::new();
            for (c, v) in criteria.iter().zip(values) {
                if let Some(v) = v {
                    o.push(c.id.clone(), Value::f64(v));
                }
            }
            Value::Object(o)
        };
        let ranking: Vec<Value> = self
            .scores
            .order
            .iter()
            .map(|&i| {
                let i = i as usize;
                let mut o = Object::new();
                o.push("id".into(), Value::str(&self.scenario.requests[i].id));
                o.push("rank".into(), Value::from(self.scores.rank[i]));
                o.push("score".into(), Value::f64(self.scores.score[i]));
                o.push("value".into(), Value::f64(self.scores.value[i]));
                if weighted_sum {
                    o.push("utilities".into(), by_criterion(self.table.utilities(i)));
                    let contributions = self.table.contributions(i, &self.weights);
                    o.push(
                        "contributions".into(),
                        by_criterion(contributions.into_iter().map(Some).collect()),
                    );
                }
                o.push("flags".into(), Value::strings(self.table.flags[i].names()));
                Value::Object(o)
            })
            .collect();
        object! {
            "ranking": ranking,
            "warnings": Value::strings(self.warnings()),
        }
    }

    /// A readable table: rank, id, title, score, flags. Ids and titles are shown on one
    /// line each, with control and invisible characters escaped.
    pub fn to_table(&self) -> String {
        let reqs = &self.scenario.requests;
        let ids: Vec<_> = reqs.iter().map(|r| one_line(&r.id)).collect();
        let titles: Vec<_> = reqs.iter().map(|r| one_line(&r.title)).collect();
        let id_width = ids
            .iter()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(2)
            .max(2);
        let title_width = titles
            .iter()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 48);
        let mut out = format!(
            "{:>4}  {:<id_width$}  {:<title_width$}  {:>10}  flags\n",
            "rank", "id", "title", "score"
        );
        for &i in &self.scores.order {
            let i = i as usize;
            out.push_str(&format!(
                "{:>4}  {:<id_width$}  {:<title_width$}  {:>10}  {}\n",
                self.scores.rank[i],
                ids[i],
                shorten(&titles[i], title_width),
                text::score(self.scores.score[i]),
                self.table.flags[i].names().join(", ")
            ));
        }
        out
    }
}
