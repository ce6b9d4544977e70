//! The team's weights (team-v1): several people's views of the weights, where they
//! differ, whether it matters for the ranking, and a compromise.
//!
//! - [`saaty`]: a pairwise view's weights by Saaty's eigenvector method, λmax, CI, CR and
//!   the judgements that make it inconsistent, each with a value that would sit better.
//! - [`view_weights`], [`vectors`], [`says`], [`compromise`], [`spread`]: each view's
//!   weights normalised over the model's criteria (sum 1), the say-weighted team
//!   compromise, the smallest and largest weight any view gives a criterion.
//! - [`as_weights`]: a normalised vector made into weights to rank with — scaled to the
//!   model's total weight W of the criteria taking part, as team-v1 §2 and robustness-v1
//!   §1 say (the scale matters under weighted-product and for the planner's value).
//! - [`file`]: one view in a file of its own (`thresh.view`), for a colleague to fill in
//!   and send back, and taken back into the scenario.
//! - [`page`]: the page's Team view — the views, the compromise and the agreement as one
//!   JSON value, a pairwise view checked as it is given, and the changes it makes.
//! - [`Team`]: everything `thresh views` shows — each view's ranking and top K, the team
//!   ranking, the agreement at K and the words that say it (`team/report.rs` writes the
//!   JSON of team-v1 §3 and the table).
//!
//! Cost: the scenario's [`Table`] is built once; each view then costs one
//! [`Table::score`] (one pass and a sort), and a pairwise view O(n³) per squaring for its
//! n ≤ 15 criteria. No clock, no threads, deterministic.

pub mod file;
pub mod page;
mod report;
pub mod saaty;

use std::borrow::Cow;

use crate::error::{Problems, ScoreError};
use crate::json::Value;
use crate::model::{Scenario, View, ViewKind};
use crate::score::{Scores, Table};
use crate::validate;

pub use saaty::{Advice, Fit, Pairwise, CR_LIMIT};

/// The size of the top when none is asked for: 10, or every ranked request when there
/// are fewer (robustness-v1 §2).
pub fn default_top(ranked: usize) -> usize {
    ranked.min(10)
}

/// One view worked out: its normalised weights and, for a pairwise view, Saaty's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewWeights {
    /// Over the model's criteria, in model order; sums to 1. A criterion the view does not
    /// name has 0.
    pub vector: Vec<f64>,
    /// For a `pairwise` view: the eigenvector, λmax, CI, CR and the judgements' fits.
    pub pairwise: Option<Pairwise>,
}

/// A view's weights normalised over `criteria` criteria: its points divided by their sum,
/// or the principal eigenvector of its judgements. The view must be valid (as read, or
/// checked with [`validate::views`]).
pub fn view_weights(view: &View, criteria: usize) -> ViewWeights {
    match &view.kind {
        ViewKind::Weights(points) => {
            let total: f64 = points.iter().map(|(_, &x)| x).sum();
            let mut vector = vec![0.0; criteria];
            for (k, &x) in points.iter() {
                vector[k] = x / total;
            }
            ViewWeights {
                vector,
                pairwise: None,
            }
        }
        ViewKind::Pairwise(judgements) => {
            let p = Pairwise::new(judgements);
            ViewWeights {
                vector: p.vector(criteria),
                pairwise: Some(p),
            }
        }
    }
}

/// The problem of a scenario without views, for a command that needs them.
pub fn no_views() -> ScoreError {
    let mut p = Problems::default();
    p.push(
        "model.views",
        "the scenario has no views of the weights; add model.views (each person's weights, \
         or pairwise judgements) to compare them",
    );
    ScoreError(p)
}

/// For the robustness analysis' mode `views` (robustness-v1 §1): every view's weights,
/// normalised over the model's criteria (model order, each vector sums to 1), in the order
/// of `model.views`. Mix them with Dirichlet(1, …, 1) coefficients, then make the mix
/// weights with [`as_weights`]. Says are in [`says`] (the mode itself ignores them).
///
/// Refused, with the problem at its path, when the scenario has no views (`--weights
/// views` then exits 2) or a view breaks a rule of team-v1 §1 (only possible for a
/// scenario built in code: the reader refuses such files).
pub fn vectors(s: &Scenario) -> Result<Vec<Vec<f64>>, ScoreError> {
    check(s)?;
    let n = s.model.criteria.len();
    Ok(s.model
        .views
        .iter()
        .map(|v| view_weights(v, n).vector)
        .collect())
}

/// Every view's say (default 1), in the order of `model.views`.
pub fn says(s: &Scenario) -> Vec<f64> {
    s.model.views.iter().map(View::say).collect()
}

/// Views present and valid.
fn check(s: &Scenario) -> Result<(), ScoreError> {
    if s.model.views.is_empty() {
        return Err(no_views());
    }
    let problems = validate::views(&s.model);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ScoreError(problems))
    }
}

/// The say-weighted mean of normalised vectors (the team compromise; it sums to 1). The
/// says must not all be 0.
pub fn compromise(vectors: &[Vec<f64>], says: &[f64]) -> Vec<f64> {
    let n = vectors.first().map_or(0, Vec::len);
    let total: f64 = says.iter().sum();
    let mut out = vec![0.0; n];
    for (v, &say) in vectors.iter().zip(says) {
        for (o, &x) in out.iter_mut().zip(v) {
            *o += say * x;
        }
    }
    for o in &mut out {
        *o /= total;
    }
    out
}

/// Per criterion, the smallest and the largest weight any of the vectors gives it.
pub fn spread(vectors: &[Vec<f64>]) -> Vec<(f64, f64)> {
    let n = vectors.first().map_or(0, Vec::len);
    (0..n)
        .map(|k| {
            vectors
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v[k]), hi.max(v[k]))
                })
        })
        .collect()
}

/// The model's total weight W: the sum of the weights of the criteria that take part (a
/// criterion that sits out, scenario-v1 §3, does not).
pub fn total_weight(s: &Scenario, table: &Table) -> f64 {
    s.model
        .criteria
        .iter()
        .zip(&table.columns)
        .filter(|(_, col)| !col.sits_out)
        .map(|(c, _)| c.weight())
        .sum()
}

/// A normalised vector as weights to rank with: each entry times W ([`total_weight`]); a
/// criterion that sits out gets 0 (it takes no part whatever its weight; the others are
/// not scaled up to make up for it).
pub fn as_weights(vector: &[f64], s: &Scenario, table: &Table) -> Vec<f64> {
    let w = total_weight(s, table);
    vector
        .iter()
        .zip(&table.columns)
        .map(|(&x, col)| if col.sits_out { 0.0 } else { x * w })
        .collect()
}

/// The share of the top K every list agrees on: the number of requests in the top `k` of
/// every list, over `k`; `None` when k is 0 (nothing is ranked).
pub fn agreement(tops: &[&[u32]], k: usize) -> Option<f64> {
    (k > 0).then(|| in_every(tops).len() as f64 / k as f64)
}

/// The requests in every one of the lists (each without repeats), in the order of the
/// first. Linear in the lists' lengths: K may be every request. (A count per request index
/// rather than a hash map: the page's module is smaller without one more map type.)
fn in_every(tops: &[&[u32]]) -> Vec<u32> {
    let Some((first, rest)) = tops.split_first() else {
        return Vec::new();
    };
    let size = tops
        .iter()
        .flat_map(|t| t.iter())
        .max()
        .map_or(0, |&i| i as usize + 1);
    let mut seen = vec![0usize; size];
    for top in rest {
        for &i in top.iter() {
            seen[i as usize] += 1;
        }
    }
    first
        .iter()
        .copied()
        .filter(|&i| seen[i as usize] == rest.len())
        .collect()
}

/// One view with its ranking.
#[derive(Clone, Debug)]
pub struct ViewRanking {
    pub weights: ViewWeights,
    /// The scenario ranked with the view's weights ([`as_weights`]).
    pub scores: Scores,
}

/// A request in the top K of some views but not of all.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// Request index.
    pub request: usize,
    /// The views (indices into `model.views`) in whose top K it is.
    pub in_top_of: Vec<usize>,
}

/// The team's views of one scenario, worked out (team-v1 §2): what `thresh views` shows
/// and the page draws.
#[derive(Debug)]
pub struct Team<'a> {
    pub scenario: &'a Scenario,
    /// The scenario's table: built here ([`Team::new`]) or borrowed ([`Team::with_table`]).
    pub table: Cow<'a, Table>,
    /// K: the size of the top compared.
    pub top: usize,
    /// In the order of `model.views`.
    pub views: Vec<ViewRanking>,
    /// The say-weighted mean of the views' vectors (sums to 1).
    pub compromise: Vec<f64>,
    /// Per criterion, (smallest, largest) weight any view gives it.
    pub spread: Vec<(f64, f64)>,
    /// The scenario ranked with the compromise.
    pub team: Scores,
}

impl<'a> Team<'a> {
    /// Works out every view, the compromise and the rankings. `top` is K, default
    /// [`default_top`]; a K above the number of ranked requests is taken as that number.
    ///
    /// Refused when the scenario has no views, when its own weights cannot rank it (no
    /// criterion with a weight above 0 takes part: W is 0), or when a view's weights
    /// cannot (it weighs only criteria that sit out) — each problem at its path.
    pub fn new(scenario: &'a Scenario, top: Option<usize>) -> Result<Team<'a>, ScoreError> {
        check(scenario)?;
        Team::from_table(scenario, Cow::Owned(Table::new(scenario)), top)
    }

    /// [`Team::new`] with the scenario's table already built (the page's workbench keeps
    /// one: building it again would derive every value again, and even a copy costs more
    /// than ranking a few views — this runs on every frame of a weight drag when the page
    /// shows each view's ranks).
    pub fn with_table(
        scenario: &'a Scenario,
        table: &'a Table,
        top: Option<usize>,
    ) -> Result<Team<'a>, ScoreError> {
        Team::from_table(scenario, Cow::Borrowed(table), top)
    }

    fn from_table(
        scenario: &'a Scenario,
        table: Cow<'a, Table>,
        top: Option<usize>,
    ) -> Result<Team<'a>, ScoreError> {
        check(scenario)?;
        let criteria = &scenario.model.criteria;
        table.score(criteria, &scenario.model.weights())?;
        let n = criteria.len();
        let mut views = Vec::with_capacity(scenario.model.views.len());
        let mut problems = Problems::default();
        for (i, view) in scenario.model.views.iter().enumerate() {
            let weights = view_weights(view, n);
            let at = format!("model.views[{i}]");
            let whose = format!("the view {}", Value::str(&view.id).describe());
            match rank(scenario, &table, &weights.vector, &at, &whose) {
                Ok(scores) => views.push(ViewRanking { weights, scores }),
                Err(e) => {
                    for p in e.0.list {
                        problems.push(p.path, p.message);
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(ScoreError(problems));
        }
        let vectors: Vec<Vec<f64>> = views.iter().map(|v| v.weights.vector.clone()).collect();
        let compromise = compromise(&vectors, &says(scenario));
        let spread = spread(&vectors);
        let team = rank(
            scenario,
            &table,
            &compromise,
            "model.views",
            "the team compromise",
        )?;
        let ranked = team.ranked();
        let top = top.unwrap_or_else(|| default_top(ranked)).min(ranked);
        Ok(Team {
            scenario,
            table,
            top,
            views,
            compromise,
            spread,
            team,
        })
    }

    /// The number of ranked requests (every request that is not archived).
    pub fn ranked(&self) -> usize {
        self.team.ranked()
    }

    /// The top K of a ranking (request indices, best first).
    pub fn top_of<'s>(&self, scores: &'s Scores) -> &'s [u32] {
        &scores.order[..self.top.min(scores.order.len())]
    }

    /// The requests in the top K of every view, in the team's order.
    pub fn in_every_top(&self) -> Vec<u32> {
        let mut tops: Vec<&[u32]> = vec![&self.team.order];
        tops.extend(self.views.iter().map(|v| self.top_of(&v.scores)));
        in_every(&tops)
    }

    /// Agreement at K: the number of requests in the top K of every view (whatever its
    /// say), over K; `None` when nothing is ranked.
    pub fn agreement(&self) -> Option<f64> {
        let tops: Vec<&[u32]> = self.views.iter().map(|v| self.top_of(&v.scores)).collect();
        agreement(&tops, self.top)
    }

    /// The requests in the top K of some views but not of all, in the team's order.
    pub fn splits(&self) -> Vec<Split> {
        let n = self.scenario.requests.len();
        let in_top: Vec<Vec<bool>> = self
            .views
            .iter()
            .map(|v| {
                let mut member = vec![false; n];
                for &i in self.top_of(&v.scores) {
                    member[i as usize] = true;
                }
                member
            })
            .collect();
        let mut out: Vec<Split> = Vec::new();
        for &i in &self.team.order {
            let i = i as usize;
            let in_top_of: Vec<usize> = (0..self.views.len()).filter(|&v| in_top[v][i]).collect();
            if !in_top_of.is_empty() && in_top_of.len() < self.views.len() {
                out.push(Split {
                    request: i,
                    in_top_of,
                });
            }
        }
        out
    }

    /// The agreement in words, for people: first the count ("7 of the top 10 are in
    /// everyone's top 10"), then one line per request some views have in their top K and
    /// others not ("FS-104 is in Key-account team's top 10 only"), in the team's order.
    pub fn agreement_words(&self) -> Vec<String> {
        let k = self.top;
        if k == 0 {
            return vec!["There are no requests to rank".into()];
        }
        let agreed = self.in_every_top().len();
        let mut out = vec![match agreed {
            0 => format!("None of the top {k} is in everyone's top {k}"),
            a if a == k => format!("All of the top {k} are in everyone's top {k}"),
            1 => format!("1 of the top {k} is in everyone's top {k}"),
            a => format!("{a} of the top {k} are in everyone's top {k}"),
        }];
        let views = &self.scenario.model.views;
        let label = |v: usize| views[v].label.as_str();
        for split in self.splits() {
            let id = &self.scenario.requests[split.request].id;
            let outside: Vec<usize> = (0..views.len())
                .filter(|v| !split.in_top_of.contains(v))
                .collect();
            out.push(match (split.in_top_of.as_slice(), outside.as_slice()) {
                ([only], _) => format!("{id} is in {}'s top {k} only", label(*only)),
                (_, [missing]) => {
                    format!("{id} is in everyone's top {k} but {}'s", label(*missing))
                }
                (inside, outside) => format!(
                    "{id} is in the top {k} of {}, not of {}",
                    and_list(inside.iter().map(|&v| label(v))),
                    and_list(outside.iter().map(|&v| label(v)))
                ),
            });
        }
        out
    }

    /// [`Team::agreement_words`] as one sentence: "7 of the top 10 are in everyone's top
    /// 10; FS-104 is in Key-account team's top 10 only."
    pub fn agreement_sentence(&self) -> String {
        let mut s = self.agreement_words().join("; ");
        s.push('.');
        s
    }
}

/// "a", "a and b", "a, b and c".
fn and_list<'s>(items: impl Iterator<Item = &'s str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The scenario ranked with a normalised vector; a refusal is said at `at`, for `whose`
/// weights.
fn rank(
    s: &Scenario,
    table: &Table,
    vector: &[f64],
    at: &str,
    whose: &str,
) -> Result<Scores, ScoreError> {
    let weights = as_weights(vector, s, table);
    table.score(&s.model.criteria, &weights).map_err(|e| {
        let mut p = Problems::default();
        for problem in e.0.list {
            p.push(at, format!("with {whose}'s weights, {}", problem.message));
        }
        ScoreError(p)
    })
}
