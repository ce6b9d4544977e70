//! The scoring rules of the contract (§3 raw values, §4 scores, value and ranking), in one
//! place.
//!
//! Scoring is split in two so that a weight change is cheap:
//! - [`Table::new`] does everything that does not depend on the weights, once: raw values
//!   (given, derived, or filled with the criterion's `default` or worst value), transforms,
//!   which criteria sit out (no value anywhere), which requests each criterion would make
//!   unscorable were it weighted, every request's utility on every criterion, flags, the id
//!   order for ties.
//! - [`Table::score`] takes the weights and does one pass over those columns and a sort.
//!
//! Archived requests (`done`, `declined`) are in the table — their values are shown — but
//! take no part in scoring: not in the relative scales, not in the worst values, not
//! ranked. A request that the method cannot score under the weights (a cost of 0 to divide
//! by, a negative value where a logarithm is taken) is *unscorable*: it has no score, is
//! left out of the relative scales, and is ranked after every scorable request; it never
//! stops the others from being ranked. When that happens under relative scales the
//! utilities are computed again without it — once per set of such criteria, then cached —
//! so a weight change stays one pass in the common case.
//!
//! Rebuild the table when the scenario changes (a request, an ask, a scale, the method);
//! call `score` alone when only weights change.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Problems, ScoreError};
use crate::json::Value;
use crate::model::*;
use crate::validate;

mod pass;
mod rescore;
mod table;
#[cfg(test)]
mod tests;

use pass::*;
pub use rescore::{Draw, Rescorer};
use table::utilities;

/// Flags shown beside a request (bit set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags(pub u8);

impl Flags {
    /// A value was missing and got the criterion's default or worst value.
    pub const INCOMPLETE: Flags = Flags(1);
    /// The asks name exactly one distinct account and no anonymous asker.
    pub const SINGLE_ACCOUNT: Flags = Flags(2);
    /// The deadline is before `as_of`.
    pub const OVERDUE: Flags = Flags(4);
    /// The method cannot score it under these weights.
    pub const UNSCORABLE: Flags = Flags(8);

    pub const ALL: [(Flags, &'static str); 4] = [
        (Flags::INCOMPLETE, "incomplete"),
        (Flags::SINGLE_ACCOUNT, "single-account"),
        (Flags::OVERDUE, "overdue"),
        (Flags::UNSCORABLE, "unscorable"),
    ];

    pub fn contains(self, f: Flags) -> bool {
        self.0 & f.0 == f.0
    }
    fn insert(&mut self, f: Flags) {
        self.0 |= f.0;
    }
    /// The flags' names in the contract's words.
    pub fn names(self) -> Vec<&'static str> {
        Flags::ALL
            .iter()
            .filter(|(f, _)| self.contains(*f))
            .map(|(_, n)| *n)
            .collect()
    }
}

/// Where a request's raw value on a criterion came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Given in `values`.
    Given,
    /// Derived from asks or deadline.
    Derived,
    /// Missing: the criterion's default or worst value was used.
    Filled,
}

/// One criterion's numbers for every request, in request order.
#[derive(Clone, Debug)]
pub struct Column {
    pub direction: Direction,
    /// The raw value x (given, derived or filled).
    pub raw: Vec<f64>,
    pub origin: Vec<Origin>,
    pub transform: Transform,
    /// t = x or ln(1 + x), kept under the methods that score with it (weighted-product
    /// and ratio); weighted-sum keeps only the utilities (see [`Column::t`]).
    pub t: Vec<f64>,
    /// Utility in [0, 1] (weighted-sum), the relative scales taken over every request that
    /// is not archived. Under weights that leave some request unscorable they are computed
    /// again without it (see [`Scores::utility`]).
    pub utility: Vec<f64>,
    /// ln t (weighted-product only): weights other than 1 multiply it, so a weight change
    /// needs no logarithm.
    pub ln_t: Vec<f64>,
    /// The requests this criterion makes unscorable when its weight is above 0, and why.
    pub blocks: Vec<(u32, String)>,
    /// No request (archived ones aside) has a value and the criterion has no default: it
    /// takes no part in scoring, whatever its weight.
    pub sits_out: bool,
}

impl Column {
    /// Request `i`'s t = x or ln(1 + x).
    pub fn t(&self, i: usize) -> f64 {
        match self.t.get(i) {
            Some(&t) => t,
            None => self.transform.apply(self.raw[i]),
        }
    }
}

/// Everything about a scenario's requests that does not depend on the weights.
#[derive(Debug)]
pub struct Table {
    pub method: Method,
    /// Per request: its confidence when the model uses confidence, else 1.
    pub confidence: Vec<f64>,
    pub columns: Vec<Column>,
    /// Flags that do not depend on the weights (see [`Scores::flags`] for all of them).
    pub flags: Vec<Flags>,
    /// Per request: `done` or `declined`, so not ranked.
    pub archived: Vec<bool>,
    /// Request indices sorted by id (code-point order): ties in score go by this order.
    by_id: Vec<u32>,
    /// Position of each request in `by_id`.
    id_rank: Vec<u32>,
    /// The criteria (weighted-sum only) whose scale needs the utilities computed again
    /// when some request is unscorable, and what to exclude. Utilities computed for a set
    /// of unscorable requests, keyed by the set of active criteria that made them so.
    utility_cache: RefCell<HashMap<u64, Arc<Vec<Vec<f64>>>>>,
    /// Per criterion, the scale settings needed to compute utilities again.
    scales: Vec<(Scale, Option<f64>, Option<f64>)>,
}

impl Clone for Table {
    fn clone(&self) -> Table {
        Table {
            method: self.method,
            confidence: self.confidence.clone(),
            columns: self.columns.clone(),
            flags: self.flags.clone(),
            archived: self.archived.clone(),
            by_id: self.by_id.clone(),
            id_rank: self.id_rank.clone(),
            utility_cache: RefCell::new(HashMap::new()),
            scales: self.scales.clone(),
        }
    }
}

/// Why a request has no score.
#[derive(Clone, Debug, PartialEq)]
pub struct Unscorable {
    pub request: usize,
    /// The criterion that made it so, when one did.
    pub criterion: Option<usize>,
    pub reason: String,
}

/// Scores of every request under one set of weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    /// `NaN` for a request that is archived or unscorable.
    pub score: Vec<f64>,
    /// What the planner maximises: the score's formula over benefit criteria only; `NaN`
    /// where the score is.
    pub value: Vec<f64>,
    /// Ranked request indices, best first: the scorable ones by score, then the
    /// unscorable ones by id. Archived requests are not ranked.
    pub order: Vec<u32>,
    /// 1-based rank of each request; 0 for an archived one.
    pub rank: Vec<u32>,
    /// Every flag of every request, `unscorable` included.
    pub flags: Vec<Flags>,
    /// The unscorable requests, in request order, with why.
    pub unscorable: Vec<Unscorable>,
    /// Per criterion, whether it takes part (weight above 0, not sitting out).
    pub active: Vec<bool>,
    /// The weights scored with.
    pub weights: Vec<f64>,
    /// Utilities computed again without the unscorable requests (weighted-sum, when any
    /// active criterion made one so); `None` means the table's own.
    utilities: Option<Arc<Vec<Vec<f64>>>>,
}

impl Scores {
    /// Whether request `i` has a score.
    pub fn is_scored(&self, i: usize) -> bool {
        !self.score[i].is_nan()
    }

    /// The number of ranked requests (every request that is not archived).
    pub fn ranked(&self) -> usize {
        self.order.len()
    }

    /// Request `i`'s utility on criterion `k` as this scoring used it (weighted-sum;
    /// `None` when the criterion takes no part or the request has no score).
    pub fn utility(&self, table: &Table, k: usize, i: usize) -> Option<f64> {
        if table.method != Method::WeightedSum || !self.active[k] || !self.is_scored(i) {
            return None;
        }
        Some(match &self.utilities {
            Some(u) => u[k][i],
            None => table.columns[k].utility[i],
        })
    }

    /// Request `i`'s contribution of criterion `k` to its weighted-sum score,
    /// 100 × conf × w_c · u_c / W; the contributions add up to the score.
    pub fn contribution(&self, table: &Table, k: usize, i: usize) -> Option<f64> {
        let u = self.utility(table, k, i)?;
        let total: f64 = active_total(&self.weights, &self.active, |_| true);
        // Grouped as the score is (100 × conf × Σ w·u / W), so that they add up to it.
        Some(100.0 * table.confidence[i] * (self.weights[k] * u) / total)
    }

    /// Every request's contributions, request-major (`[r0c0, r0c1, …]`), 0 where there is
    /// none.
    pub fn all_contributions(&self, table: &Table) -> Vec<f64> {
        let total: f64 = active_total(&self.weights, &self.active, |_| true);
        table.request_major(0.0, |k, col, i| {
            if table.method != Method::WeightedSum || !self.active[k] || !self.is_scored(i) {
                return 0.0;
            }
            let u = match &self.utilities {
                Some(u) => u[k][i],
                None => col.utility[i],
            };
            100.0 * table.confidence[i] * (self.weights[k] * u) / total
        })
    }
}

/// Σ of the active weights of the criteria `keep` accepts.
fn active_total(weights: &[f64], active: &[bool], keep: impl Fn(usize) -> bool) -> f64 {
    (0..weights.len())
        .filter(|&k| active[k] && keep(k))
        .map(|k| weights[k])
        .sum()
}

impl Table {
    pub fn len(&self) -> usize {
        self.confidence.len()
    }

    pub fn is_empty(&self) -> bool {
        self.confidence.is_empty()
    }

    /// The criteria that sit out (no value anywhere, no default).
    pub fn sitting_out(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.columns.len()).filter(|&k| self.columns[k].sits_out)
    }

    /// Checks that these weights can score the table: one per criterion, each a number
    /// ≥ 0, and at least one criterion with a weight above 0 taking part.
    fn check(
        &self,
        criteria: &[Criterion],
        weights: &[f64],
        active: &[bool],
    ) -> Result<(), ScoreError> {
        let mut problems = Problems::default();
        if weights.len() != self.columns.len() {
            problems.push(
                "model.criteria",
                format!(
                    "{} weights given for {} criteria",
                    weights.len(),
                    self.columns.len()
                ),
            );
            return Err(ScoreError(problems));
        }
        for (k, &w) in weights.iter().enumerate() {
            if !(w.is_finite() && w >= 0.0) {
                problems.push(
                    format!("model.criteria[{k}].weight"),
                    format!("weight must be a number ≥ 0, found {w}"),
                );
            }
        }
        if !problems.is_empty() {
            return Err(ScoreError(problems));
        }
        if !weights.iter().any(|&w| w > 0.0) {
            problems.push("model.criteria", validate::NO_WEIGHT);
        } else if !active.iter().any(|&a| a) {
            let lacking: Vec<String> = (0..weights.len())
                .filter(|&k| weights[k] > 0.0)
                .map(|k| Value::str(&criteria[k].id).describe())
                .collect();
            problems.push(
                "model.criteria",
                format!(
                    "no request has a value for {}, so nothing can be scored; give at least one \
                     request a value (or the criterion a default), or weight another criterion",
                    lacking.join(", ")
                ),
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ScoreError(problems))
        }
    }

    /// Scores, values and the ranking under `weights` (one per criterion, in model order).
    /// Refused only when no criterion with a weight above 0 takes part; a request the
    /// method cannot score is flagged `unscorable` and ranked last instead.
    pub fn score(&self, criteria: &[Criterion], weights: &[f64]) -> Result<Scores, ScoreError> {
        let active = self.active(weights);
        self.check(criteria, weights, &active)?;
        let n = self.len();
        let directions: Vec<Direction> = self.columns.iter().map(|c| c.direction).collect();

        // Who cannot be scored under these weights, before anything is summed.
        let mut standing = initial_standing(&self.archived);
        let blocking = mark_blocked(
            self.method,
            &directions,
            &active,
            &mut standing,
            |k, mark| {
                for &(i, _) in &self.columns[k].blocks {
                    mark(i as usize);
                }
            },
        );

        let mut score = vec![f64::NAN; n];
        let mut value = vec![f64::NAN; n];
        let mut utilities = None;
        let mut scratch = Scratch::default();
        {
            let u: Arc<Vec<Vec<f64>>>;
            let utility: Vec<&[f64]> = if self.method != Method::WeightedSum || blocking == 0 {
                self.columns.iter().map(|c| c.utility.as_slice()).collect()
            } else {
                u = self.utilities_without(blocking, &standing);
                utilities = Some(u.clone());
                u.iter().map(Vec::as_slice).collect()
            };
            let inputs: Vec<Inputs> = self
                .columns
                .iter()
                .zip(utility)
                .map(|(c, utility)| Inputs {
                    benefit: c.direction == Direction::Benefit,
                    t: &c.t,
                    utility,
                    ln_t: &c.ln_t,
                })
                .collect();
            let pass = Pass {
                method: self.method,
                weights,
                active: &active,
                confidence: &self.confidence,
            };
            pass.combine(&inputs, &mut standing, &mut score, &mut value, &mut scratch);
        }

        let mut flags = self.flags.clone();
        let mut unscorable = Vec::new();
        for i in 0..n {
            let (criterion, reason) = match standing[i] {
                Standing::Scorable | Standing::Archived => continue,
                Standing::Blocked(k) => {
                    let k = k as usize;
                    let blocks = &self.columns[k].blocks;
                    // Pushed in request order, so sorted by request.
                    let at = blocks
                        .binary_search_by_key(&(i as u32), |b| b.0)
                        .expect("a request blocked by a criterion is in its list");
                    (Some(k), blocks[at].1.clone())
                }
                Standing::NoCost => (
                    None,
                    "the ratio method divides by the weighted cost criteria, and none has a weight above 0"
                        .into(),
                ),
                Standing::Denominator => {
                    let costs: Vec<&str> = (0..active.len())
                        .filter(|&k| active[k] && directions[k] == Direction::Cost)
                        .map(|k| criteria[k].id.as_str())
                        .collect();
                    (
                        None,
                        format!(
                            "the weighted cost ({}) is {}, and the ratio method divides by it",
                            costs.join(" + "),
                            crate::text::typed(scratch.denominator[i])
                        ),
                    )
                }
                Standing::TooLarge => (
                    None,
                    "its score is too large to compute: its values or the weights are too extreme"
                        .into(),
                ),
            };
            flags[i].insert(Flags::UNSCORABLE);
            unscorable.push(Unscorable {
                request: i,
                criterion,
                reason,
            });
        }
        let (order, rank) = self.rank(&score);
        Ok(Scores {
            score,
            value,
            order,
            rank,
            flags,
            unscorable,
            active,
            weights: weights.to_vec(),
            utilities,
        })
    }

    /// Per criterion, whether it takes part under `weights` (weight above 0, not sitting
    /// out).
    fn active(&self, weights: &[f64]) -> Vec<bool> {
        (0..self.columns.len())
            .map(|k| weights.get(k).is_some_and(|&w| w > 0.0) && !self.columns[k].sits_out)
            .collect()
    }

    /// The utilities with the relative scales taken over the requests that are neither
    /// archived nor unscorable, for the set of blocking criteria `mask` (cached).
    fn utilities_without(&self, mask: u64, standing: &[Standing]) -> Arc<Vec<Vec<f64>>> {
        if let Some(u) = self.utility_cache.borrow().get(&mask) {
            return u.clone();
        }
        let excluded: Vec<bool> = standing.iter().map(|&s| s != Standing::Scorable).collect();
        let u: Vec<Vec<f64>> = self
            .columns
            .iter()
            .zip(&self.scales)
            .map(|(col, &(scale, min, max))| {
                let t: Vec<f64> = (0..col.raw.len()).map(|i| col.t(i)).collect();
                utilities(t, scale, min, max, col.transform, col.direction, &excluded)
            })
            .collect();
        let u = Arc::new(u);
        self.utility_cache.borrow_mut().insert(mask, u.clone());
        u
    }

    /// Ranks the scorable requests by score, highest first (equal scores by id in
    /// code-point order), then the unscorable ones by id; archived requests get rank 0.
    fn rank(&self, score: &[f64]) -> (Vec<u32>, Vec<u32>) {
        let mut keys = Vec::new();
        let mut order = Vec::new();
        rank_into(self, score, &mut keys, &mut order);
        let mut rank = vec![0u32; self.len()];
        for (pos, &i) in order.iter().enumerate() {
            rank[i as usize] = pos as u32 + 1;
        }
        (order, rank)
    }

    /// Request `i`'s utility on each criterion (weighted-sum; `None` where the method has
    /// no utilities), the scales taken over every request that is not archived.
    pub fn utilities(&self, i: usize) -> Vec<Option<f64>> {
        self.columns
            .iter()
            .map(|c| c.utility.get(i).copied())
            .collect()
    }

    /// Request `i`'s contribution of each criterion to its weighted-sum score when no
    /// request is unscorable: 100 × conf × w_c · u_c / W, 0 for a criterion that takes
    /// no part. They add up to the score.
    pub fn contributions(&self, i: usize, weights: &[f64]) -> Vec<f64> {
        let takes_part = |k: usize| weights[k] > 0.0 && !self.columns[k].sits_out;
        let total: f64 = (0..weights.len())
            .filter(|&k| takes_part(k))
            .map(|k| weights[k])
            .sum();
        self.columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                if takes_part(k) {
                    100.0 * self.confidence[i] * weights[k] * c.utility[i] / total
                } else {
                    0.0
                }
            })
            .collect()
    }

    /// Every request's [`contributions`](Table::contributions), request-major
    /// (`[r0c0, r0c1, …]`).
    pub fn all_contributions(&self, weights: &[f64]) -> Vec<f64> {
        let k = self.columns.len();
        let mut out = Vec::with_capacity(self.len() * k);
        for i in 0..self.len() {
            out.extend(self.contributions(i, weights));
        }
        out
    }

    /// A number per request and criterion, laid out request-major (`[r0c0, r0c1, …]`),
    /// computed a column at a time: `cell(criterion, column, request)`.
    pub fn request_major<T: Copy>(
        &self,
        fill: T,
        cell: impl Fn(usize, &Column, usize) -> T,
    ) -> Vec<T> {
        let n = self.len();
        let k = self.columns.len();
        let mut out = vec![fill; n * k];
        for (c, col) in self.columns.iter().enumerate() {
            for i in 0..n {
                out[i * k + c] = cell(c, col, i);
            }
        }
        out
    }
}
