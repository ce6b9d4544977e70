//! A scenario's ranking as the command line prints it: `rank --json` (§6) and a table.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::ScoreError;
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
        let criteria = &self.scenario.model.criteria;
        let weighted_sum = self.table.method == Method::WeightedSum;
        let ranking: Vec<RankedJson> = self
            .scores
            .order
            .iter()
            .map(|&i| {
                let i = i as usize;
                let by_criterion = |values: Vec<Option<f64>>| {
                    CriterionMap(
                        criteria
                            .iter()
                            .zip(values)
                            .filter_map(|(c, v)| v.map(|v| (c.id.as_str(), v)))
                            .collect(),
                    )
                };
                RankedJson {
                    id: &self.scenario.requests[i].id,
                    rank: self.scores.rank[i],
                    score: self.scores.score[i],
                    value: self.scores.value[i],
                    utilities: weighted_sum.then(|| by_criterion(self.table.utilities(i))),
                    contributions: weighted_sum.then(|| {
                        by_criterion(
                            self.table
                                .contributions(i, &self.weights)
                                .into_iter()
                                .map(Some)
                                .collect(),
                        )
                    }),
                    flags: self.table.flags[i].names(),
                }
            })
            .collect();
        let doc = RankJson {
            ranking,
            warnings: self.warnings(),
        };
        let mut text = serde_json::to_string_pretty(&doc).expect("plain data serialises");
        text.push('\n');
        text
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

#[derive(serde::Serialize)]
struct RankJson<'a> {
    ranking: Vec<RankedJson<'a>>,
    warnings: Vec<String>,
}

#[derive(serde::Serialize)]
struct RankedJson<'a> {
    id: &'a str,
    rank: u32,
    score: f64,
    value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    utilities: Option<CriterionMap<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contributions: Option<CriterionMap<'a>>,
    flags: Vec<&'static str>,
}

/// Criterion id → number, in the model's order of criteria.
struct CriterionMap<'a>(Vec<(&'a str, f64)>);

impl Serialize for CriterionMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}
