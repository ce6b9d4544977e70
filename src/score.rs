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

use crate::derive::{deadline_value, AskCounter};
use crate::error::{Problems, ScoreError};
use crate::json::Value;
use crate::model::*;
use crate::validate;

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
    pub fn new(s: &Scenario) -> Table {
        let n = s.requests.len();
        let k = s.model.criteria.len();
        let method = s.model.method();
        let archived: Vec<bool> = s.requests.iter().map(Request::is_archived).collect();

        // Raw values, column by column: given values scattered from each request's own
        // (few) values, derived ones from the ask totals, the rest marked missing. Zeroed
        // columns come from the allocator without being written (not cloned from a
        // template); a cell is read only where its origin says it was set.
        let mut raw: Vec<Vec<f64>> = (0..k).map(|_| vec![0.0; n]).collect();
        let mut origin: Vec<Vec<Origin>> = s
            .model
            .criteria
            .iter()
            .map(|c| match c.derive {
                Some(_) => vec![Origin::Derived; n],
                None => vec![Origin::Filled; n],
            })
            .collect();
        let derived: Vec<(usize, Derive)> = s
            .model
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(c, crit)| crit.derive.map(|d| (c, d)))
            .collect();
        let mut counter = AskCounter::new(s);
        let mut flags = vec![Flags::default(); n];
        for (i, r) in s.requests.iter().enumerate() {
            let totals = if r.asks.is_empty() {
                Default::default()
            } else {
                counter.totals(&r.asks)
            };
            if totals.single_account {
                flags[i].insert(Flags::SINGLE_ACCOUNT);
            }
            if let (Some(d), Some(as_of)) = (r.deadline, s.as_of) {
                if d < as_of {
                    flags[i].insert(Flags::OVERDUE);
                }
            }
            for &(c, d) in &derived {
                raw[c][i] = match d {
                    Derive::AsksCount => totals.count,
                    Derive::AsksArr => totals.arr,
                    Derive::AsksStrategic => totals.strategic,
                    // The reader refuses a deadline criterion without `as_of`.
                    Derive::Deadline => s.as_of.map_or(0.0, |as_of| {
                        deadline_value(r.deadline, as_of, s.model.criteria[c].horizon_days())
                    }),
                };
            }
            for (c, e) in r.values.iter() {
                raw[c][i] = e.likely();
                origin[c][i] = Origin::Given;
            }
        }

        let columns = s
            .model
            .criteria
            .iter()
            .zip(raw.into_iter().zip(origin))
            .map(|(c, (mut raw, origin))| {
                let fill = fill_missing(c, method, &mut raw, &origin, &archived);
                if fill == Fill::Filled {
                    for (i, o) in origin.iter().enumerate() {
                        if *o == Origin::Filled {
                            flags[i].insert(Flags::INCOMPLETE);
                        }
                    }
                }
                column(c, method, raw, origin, &archived, fill == Fill::SitsOut)
            })
            .collect();

        let use_confidence = s.model.use_confidence();
        let confidence = s
            .requests
            .iter()
            .map(|r| if use_confidence { r.confidence() } else { 1.0 })
            .collect();

        let by_id = id_order(&s.requests);
        let mut id_rank = vec![0u32; n];
        for (pos, &i) in by_id.iter().enumerate() {
            id_rank[i as usize] = pos as u32;
        }

        Table {
            method,
            confidence,
            columns,
            flags,
            archived,
            by_id,
            id_rank,
            utility_cache: RefCell::new(HashMap::new()),
            scales: s
                .model
                .criteria
                .iter()
                .map(|c| (c.scale(), c.min, c.max))
                .collect(),
        }
    }

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

// =====================================================================================
// The scoring rules as passes over columns, shared by [`Table::score`] and [`Rescorer`]
// (which re-scores draws of uncertain values): who is unscorable, how the methods add
// up, how the ranking is ordered. One implementation, whichever columns it reads.
// =====================================================================================

/// Where a request stands in one scoring: scored, or why not (as a code; `Table::score`
/// words the reasons).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    Scorable,
    Archived,
    /// Made unscorable by this criterion's value (the first such active criterion).
    Blocked(u32),
    /// Ratio with no cost criterion weighted above 0.
    NoCost,
    /// Ratio with a weighted cost ≤ 0 (the value is in [`Scratch::denominator`]).
    Denominator,
    /// The score or value overflowed.
    TooLarge,
}

/// What makes a value unscorable on a criterion weighted above 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Blocking {
    /// t < 0 (a logarithm, or a utility that must lie in [0, 1]).
    Negative,
    /// t ≤ 0 (divided by).
    NotPositive,
}

impl Blocking {
    fn blocks(self, t: f64) -> bool {
        match self {
            Blocking::Negative => t < 0.0,
            Blocking::NotPositive => t <= 0.0,
        }
    }
}

/// The values a criterion cannot score under a method and scale (§4), if any.
fn blocking(method: Method, scale: Scale, direction: Direction) -> Option<Blocking> {
    let benefit = direction == Direction::Benefit;
    match (method, scale, benefit) {
        (Method::WeightedProduct, _, true) => Some(Blocking::Negative),
        (Method::WeightedProduct, _, false) => Some(Blocking::NotPositive),
        (Method::WeightedSum, Scale::Max | Scale::Sum, true) => Some(Blocking::Negative),
        (Method::WeightedSum, Scale::Max | Scale::Sum, false) => Some(Blocking::NotPositive),
        _ => None,
    }
}

fn initial_standing(archived: &[bool]) -> Vec<Standing> {
    let mut out = Vec::new();
    reset_standing(archived, &mut out);
    out
}

fn reset_standing(archived: &[bool], out: &mut Vec<Standing>) {
    out.clear();
    out.extend(archived.iter().map(|&a| {
        if a {
            Standing::Archived
        } else {
            Standing::Scorable
        }
    }));
}

/// Marks the requests that the active criteria make unscorable — the first such criterion
/// in model order is the reason — and, under ratio with no active cost criterion, every
/// request. `blocked_by(k, mark)` calls `mark` for each request criterion `k` blocks.
/// Returns the set of active criteria that blocked some request, as a bit mask.
fn mark_blocked(
    method: Method,
    directions: &[Direction],
    active: &[bool],
    standing: &mut [Standing],
    mut blocked_by: impl FnMut(usize, &mut dyn FnMut(usize)),
) -> u64 {
    let mut mask = 0u64;
    for k in (0..active.len()).filter(|&k| active[k]) {
        let mut any = false;
        blocked_by(k, &mut |i| {
            any = true;
            if standing[i] == Standing::Scorable {
                standing[i] = Standing::Blocked(k as u32);
            }
        });
        if any {
            mask |= 1 << k;
        }
    }
    if method == Method::Ratio
        && !(0..active.len()).any(|k| active[k] && directions[k] == Direction::Cost)
    {
        for s in standing.iter_mut().filter(|s| **s == Standing::Scorable) {
            *s = Standing::NoCost;
        }
    }
    mask
}

/// One criterion's numbers as a scoring pass reads them (empty where the method does not
/// use them).
#[derive(Clone, Copy)]
struct Inputs<'a> {
    benefit: bool,
    t: &'a [f64],
    utility: &'a [f64],
    ln_t: &'a [f64],
}

/// Buffers a pass reuses.
#[derive(Default)]
struct Scratch {
    a: Vec<f64>,
    b: Vec<f64>,
    c: Vec<f64>,
    d: Vec<f64>,
    /// Ratio: each request's weighted cost.
    denominator: Vec<f64>,
}

fn filled(v: &mut Vec<f64>, n: usize, x: f64) -> &mut Vec<f64> {
    v.clear();
    v.resize(n, x);
    v
}

/// The weights of one scoring.
struct Pass<'a> {
    method: Method,
    weights: &'a [f64],
    active: &'a [bool],
    confidence: &'a [f64],
}

impl Pass<'_> {
    /// Scores and values (§4) of the requests still `Scorable`, `NaN` for the others;
    /// marks the ratio method's non-positive denominators and overflows.
    fn combine(
        &self,
        columns: &[Inputs],
        standing: &mut [Standing],
        score: &mut [f64],
        value: &mut [f64],
        scratch: &mut Scratch,
    ) {
        let n = standing.len();
        let (weights, active) = (self.weights, self.active);
        score.fill(f64::NAN);
        value.fill(f64::NAN);
        let scorable = |s: Standing| s == Standing::Scorable;
        match self.method {
            Method::WeightedSum => {
                let total = active_total(weights, active, |_| true);
                let benefit_total = active_total(weights, active, |k| columns[k].benefit);
                let Scratch { a, b, .. } = scratch;
                let all = filled(a, n, 0.0);
                let benefits = filled(b, n, 0.0);
                for k in (0..active.len()).filter(|&k| active[k]) {
                    let (w, u) = (weights[k], columns[k].utility);
                    let is_benefit = columns[k].benefit;
                    for i in 0..n {
                        let wu = w * u[i];
                        all[i] += wu;
                        if is_benefit {
                            benefits[i] += wu;
                        }
                    }
                }
                for i in (0..n).filter(|&i| scorable(standing[i])) {
                    let scale = 100.0 * self.confidence[i];
                    score[i] = scale * all[i] / total;
                    value[i] = if benefit_total > 0.0 {
                        scale * benefits[i] / benefit_total
                    } else {
                        0.0
                    };
                }
            }
            Method::WeightedProduct => {
                // Unit weights multiply directly (exact for RICE-style products); other
                // weights go through logarithms, one exp per request.
                let Scratch { a, b, c, d, .. } = scratch;
                let product = filled(a, n, 1.0);
                let log_sum = filled(b, n, 0.0);
                let benefit_product = filled(c, n, 1.0);
                let benefit_log_sum = filled(d, n, 0.0);
                for k in (0..active.len()).filter(|&k| active[k]) {
                    let (w, t, ln_t) = (weights[k], columns[k].t, columns[k].ln_t);
                    let is_benefit = columns[k].benefit;
                    for i in 0..n {
                        if w == 1.0 {
                            if is_benefit {
                                product[i] *= t[i];
                                benefit_product[i] *= t[i];
                            } else {
                                product[i] /= t[i];
                            }
                        } else {
                            let l = w * ln_t[i];
                            if is_benefit {
                                log_sum[i] += l;
                                benefit_log_sum[i] += l;
                            } else {
                                log_sum[i] -= l;
                            }
                        }
                    }
                }
                for i in (0..n).filter(|&i| scorable(standing[i])) {
                    score[i] = self.confidence[i] * product[i] * exp_or_one(log_sum[i]);
                    value[i] =
                        self.confidence[i] * benefit_product[i] * exp_or_one(benefit_log_sum[i]);
                }
            }
            Method::Ratio => {
                let Scratch { a, denominator, .. } = scratch;
                let numerator = filled(a, n, 0.0);
                let denominator = filled(denominator, n, 0.0);
                for k in (0..active.len()).filter(|&k| active[k]) {
                    let (w, t) = (weights[k], columns[k].t);
                    let target = if columns[k].benefit {
                        &mut *numerator
                    } else {
                        &mut *denominator
                    };
                    for i in 0..n {
                        target[i] += w * t[i];
                    }
                }
                for i in 0..n {
                    if !scorable(standing[i]) {
                        continue;
                    }
                    let d = denominator[i];
                    if d.is_nan() || d <= 0.0 {
                        standing[i] = Standing::Denominator;
                        continue;
                    }
                    score[i] = self.confidence[i] * numerator[i] / d;
                    value[i] = self.confidence[i] * numerator[i];
                }
            }
        }
        // Finite inputs can still overflow (a huge value raised to a large weight): such a
        // request is left unranked with the reason rather than ranked by a meaningless
        // number.
        for i in 0..n {
            if scorable(standing[i]) && !(score[i].is_finite() && value[i].is_finite()) {
                standing[i] = Standing::TooLarge;
                score[i] = f64::NAN;
                value[i] = f64::NAN;
            }
        }
    }
}

/// The ranking (§4): the scored requests by score, highest first, equal scores by id in
/// code-point order, then the unscored ones by id; archived requests are left out.
/// Request indices into `order`, best first.
fn rank_into(table: &Table, score: &[f64], keys: &mut Vec<u128>, order: &mut Vec<u32>) {
    // One u128 key per ranked request: 0/1 for scorable/unscorable at the top, the
    // score's bits made order-preserving (inverted for "highest first"), the request's
    // position in id order.
    keys.clear();
    keys.extend((0..table.len()).filter(|&i| !table.archived[i]).map(|i| {
        let s = score[i];
        let (group, bits) = if s.is_nan() {
            (1u128, 0u64)
        } else {
            (0, !ordered_bits(s))
        };
        (group << 96) | ((bits as u128) << 32) | table.id_rank[i] as u128
    }));
    keys.sort_unstable();
    order.clear();
    order.extend(keys.iter().map(|&k| table.by_id[(k as u32) as usize]));
}

// =====================================================================================
// Re-scoring draws of uncertain values (for the robustness analysis, `crate::robust`)
// =====================================================================================

impl Scores {
    /// Each criterion's utilities as this scoring used them (weighted-sum; the table's,
    /// or those computed again without the unscorable requests), one slice per criterion,
    /// for passes over whole columns. A value is meaningful only where
    /// [`Scores::utility`] gives one (the criterion active, the request scored).
    pub fn utility_columns<'a>(&'a self, table: &'a Table) -> Vec<&'a [f64]> {
        match &self.utilities {
            Some(u) => u.iter().map(Vec::as_slice).collect(),
            None => table.columns.iter().map(|c| c.utility.as_slice()).collect(),
        }
    }
}

impl Table {
    /// Each request's position in id order (code-point order of ids), which breaks ties
    /// in score: the robustness analysis's tipping points order requests as the ranking
    /// does.
    pub fn id_positions(&self) -> &[u32] {
        &self.id_rank
    }
}

/// Scores one [`Table`] again and again, each time with the raw values of some columns
/// replaced (a draw of the uncertain values) and new weights — by the same rules and the
/// same code as [`Table::score`], without rebuilding anything: constant columns are read
/// from the table as prepared, varying ones are filled (a missing value filled with the
/// worst value present takes the worst of the draw's values; defaults and fixed-scale
/// fills stay), transformed and scaled again (relative scales over the draw's values)
/// into buffers kept from draw to draw.
///
/// Cost per draw: one pass over each varying column (plus a logarithm per value under
/// weighted-product), the weighted pass over the active columns, and a sort of the
/// ranked requests. Nothing is allocated once the buffers have grown, except when a
/// varying value makes a request unscorable under a relative scale (then the constant
/// columns' utilities are computed again for that draw).
///
/// Every method takes the `Table` the rescorer was made for.
pub struct Rescorer {
    varying: Vec<bool>,
    directions: Vec<Direction>,
    rules: Vec<Option<Blocking>>,
    /// Per varying criterion: the draw's raw values (the table's, then overwritten).
    raw: Vec<Vec<f64>>,
    /// Per varying criterion: t, turned into utilities in place under weighted-sum.
    work: Vec<Vec<f64>>,
    /// Per varying criterion under weighted-product: ln t.
    ln_t: Vec<Vec<f64>>,
    /// Per constant criterion, utilities computed for this draw when needed.
    fresh: Vec<Vec<f64>>,
    active: Vec<bool>,
    standing: Vec<Standing>,
    excluded: Vec<bool>,
    score: Vec<f64>,
    value: Vec<f64>,
    keys: Vec<u128>,
    order: Vec<u32>,
    scratch: Scratch,
}

/// One draw's scores, values and ranking (borrowed from the [`Rescorer`]).
pub struct Draw<'a> {
    /// `NaN` for a request that is archived or unscorable in this draw.
    pub score: &'a [f64],
    /// What the planner maximises; `NaN` where the score is.
    pub value: &'a [f64],
    /// Ranked request indices, best first (archived requests left out).
    pub order: &'a [u32],
}

impl Rescorer {
    /// A rescorer for `table` whose criteria `varying[k]` get new raw values each draw (a
    /// criterion that sits out never varies).
    pub fn new(table: &Table, varying: &[bool]) -> Rescorer {
        let k = table.columns.len();
        let varying: Vec<bool> = (0..k)
            .map(|c| varying.get(c).copied().unwrap_or(false) && !table.columns[c].sits_out)
            .collect();
        let raw = (0..k)
            .map(|c| {
                if varying[c] {
                    table.columns[c].raw.clone()
                } else {
                    Vec::new()
                }
            })
            .collect();
        Rescorer {
            directions: table.columns.iter().map(|c| c.direction).collect(),
            rules: table
                .columns
                .iter()
                .zip(&table.scales)
                .map(|(c, s)| blocking(table.method, s.0, c.direction))
                .collect(),
            varying,
            raw,
            work: vec![Vec::new(); k],
            ln_t: vec![Vec::new(); k],
            fresh: vec![Vec::new(); k],
            active: Vec::new(),
            standing: Vec::new(),
            excluded: Vec::new(),
            score: vec![f64::NAN; table.len()],
            value: vec![f64::NAN; table.len()],
            keys: Vec::new(),
            order: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// Whether criterion `k` varies from draw to draw.
    pub fn varies(&self, k: usize) -> bool {
        self.varying[k]
    }

    /// Criterion `k`'s raw values for the next draw, to overwrite where they vary (a
    /// varying criterion only). Cells not written keep the table's value; missing ones
    /// are filled again when the draw is scored.
    pub fn raw_mut(&mut self, k: usize) -> &mut [f64] {
        assert!(self.varying[k], "criterion {k} does not vary");
        &mut self.raw[k]
    }

    /// Criterion `k`'s raw values in the last draw scored (the table's when it does not
    /// vary), missing values filled.
    pub fn raw<'a>(&'a self, table: &'a Table, k: usize) -> &'a [f64] {
        if self.varying[k] {
            &self.raw[k]
        } else {
            &table.columns[k].raw
        }
    }

    /// Scores and ranks the draw under `weights` (one per criterion, ≥ 0), exactly as
    /// [`Table::score`] would score a scenario holding these values and weights. A draw
    /// in which no criterion takes part ranks every request as unscorable.
    pub fn score(&mut self, table: &Table, criteria: &[Criterion], weights: &[f64]) -> Draw<'_> {
        let n = table.len();
        let method = table.method;
        let Rescorer {
            varying,
            directions,
            rules,
            raw,
            work,
            ln_t,
            fresh,
            active,
            standing,
            excluded,
            score,
            value,
            keys,
            order,
            scratch,
        } = self;
        active.clear();
        active.extend(
            (0..table.columns.len())
                .map(|k| weights.get(k).is_some_and(|&w| w > 0.0) && !table.columns[k].sits_out),
        );

        // The varying columns: fill, transform.
        for k in (0..varying.len()).filter(|&k| varying[k]) {
            let col = &table.columns[k];
            fill_missing(
                &criteria[k],
                method,
                &mut raw[k],
                &col.origin,
                &table.archived,
            );
            let t = &mut work[k];
            t.clear();
            t.extend(raw[k].iter().map(|&x| col.transform.apply(x)));
            if method == Method::WeightedProduct {
                ln_t[k].clear();
                ln_t[k].extend(t.iter().map(|x| x.ln()));
            }
        }

        // Who cannot be scored.
        reset_standing(&table.archived, standing);
        if !active.contains(&true) {
            for s in standing.iter_mut().filter(|s| **s == Standing::Scorable) {
                *s = Standing::NoCost;
            }
        }
        let blocking = mark_blocked(method, directions, active, standing, |k, mark| {
            if varying[k] {
                if let Some(rule) = rules[k] {
                    for (i, &t) in work[k].iter().enumerate() {
                        if !table.archived[i] && rule.blocks(t) {
                            mark(i);
                        }
                    }
                }
            } else {
                for &(i, _) in &table.columns[k].blocks {
                    mark(i as usize);
                }
            }
        });

        // Utilities (weighted-sum): relative scales over the draw's scorable requests.
        let mut cached: Option<Arc<Vec<Vec<f64>>>> = None;
        let mut use_fresh = false;
        if method == Method::WeightedSum {
            excluded.clear();
            excluded.extend(standing.iter().map(|&s| s != Standing::Scorable));
            let varying_mask: u64 = (0..varying.len())
                .filter(|&k| varying[k])
                .fold(0, |m, k| m | 1 << k);
            if blocking != 0 && blocking & varying_mask == 0 {
                // Only constant columns block: the excluded set is the table's for this
                // mask, and so are the constant columns' utilities (cached).
                cached = Some(table.utilities_without(blocking, standing));
            } else if blocking != 0 {
                use_fresh = true;
                for k in (0..varying.len()).filter(|&k| active[k] && !varying[k]) {
                    let col = &table.columns[k];
                    let (scale, min, max) = table.scales[k];
                    let mut t = std::mem::take(&mut fresh[k]);
                    t.clear();
                    t.extend((0..n).map(|i| col.t(i)));
                    fresh[k] =
                        utilities(t, scale, min, max, col.transform, col.direction, excluded);
                }
            }
            for k in (0..varying.len()).filter(|&k| varying[k]) {
                let col = &table.columns[k];
                let (scale, min, max) = table.scales[k];
                let t = std::mem::take(&mut work[k]);
                work[k] = utilities(t, scale, min, max, col.transform, col.direction, excluded);
            }
        }

        let inputs: Vec<Inputs> = (0..table.columns.len())
            .map(|k| {
                let col = &table.columns[k];
                let benefit = directions[k] == Direction::Benefit;
                if varying[k] {
                    return Inputs {
                        benefit,
                        t: &work[k],
                        utility: &work[k],
                        ln_t: &ln_t[k],
                    };
                }
                let utility: &[f64] = match (&cached, use_fresh && active[k]) {
                    (Some(u), _) => &u[k],
                    (None, true) => &fresh[k],
                    (None, false) => &col.utility,
                };
                Inputs {
                    benefit,
                    t: &col.t,
                    utility,
                    ln_t: &col.ln_t,
                }
            })
            .collect();
        Pass {
            method,
            weights,
            active,
            confidence: &table.confidence,
        }
        .combine(&inputs, standing, score, value, scratch);
        rank_into(table, score, keys, order);
        Draw {
            score,
            value,
            order,
        }
    }
}

fn exp_or_one(x: f64) -> f64 {
    if x == 0.0 {
        1.0
    } else {
        x.exp()
    }
}

/// Maps a float to bits whose unsigned order is the float's order (−0 and 0 made equal).
fn ordered_bits(x: f64) -> u64 {
    let bits = (x + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// Request indices in code-point order of their ids. Sorted by each id's first eight
/// bytes as one integer (UTF-8's byte order is code-point order), then by the whole id
/// where those are equal: most comparisons are then of integers, not strings.
fn id_order(requests: &[Request]) -> Vec<u32> {
    let prefix = |id: &str| {
        let mut k = [0u8; 8];
        let b = id.as_bytes();
        let n = b.len().min(8);
        k[..n].copy_from_slice(&b[..n]);
        u64::from_be_bytes(k)
    };
    let mut keyed: Vec<(u64, u32)> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| (prefix(&r.id), i as u32))
        .collect();
    keyed.sort_unstable();
    let mut order: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
    let mut start = 0;
    while start < keyed.len() {
        let end = start
            + keyed[start..]
                .iter()
                .take_while(|k| k.0 == keyed[start].0)
                .count();
        if end - start > 1 {
            order[start..end]
                .sort_unstable_by(|&a, &b| requests[a as usize].id.cmp(&requests[b as usize].id));
        }
        start = end;
    }
    order
}

/// How a column's missing values were filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fill {
    /// Nothing was missing.
    Complete,
    /// Missing values got the criterion's default, fixed bound or worst value.
    Filled,
    /// No request has a value and there is no default: the criterion sits out.
    SitsOut,
}

/// A missing value gets the criterion's `default`; otherwise its worst value — the fixed
/// scale's bound under weighted-sum, else the worst value among the requests that have one
/// (archived ones aside).
fn fill_missing(
    c: &Criterion,
    method: Method,
    raw: &mut [f64],
    origin: &[Origin],
    archived: &[bool],
) -> Fill {
    if c.derive.is_some() || !origin.contains(&Origin::Filled) {
        return Fill::Complete;
    }
    let fixed_bound = match (method, c.scale(), c.direction) {
        (Method::WeightedSum, Scale::Fixed, Direction::Benefit) => c.min,
        (Method::WeightedSum, Scale::Fixed, Direction::Cost) => c.max,
        _ => None,
    };
    let present = raw
        .iter()
        .zip(origin)
        .zip(archived)
        .filter(|((_, o), a)| **o != Origin::Filled && !**a)
        .map(|((x, _), _)| *x);
    let worst = match c.direction {
        Direction::Benefit => present.reduce(f64::min),
        Direction::Cost => present.reduce(f64::max),
    };
    let (fill, how) = match (c.default, worst) {
        (Some(d), _) => (d, Fill::Filled),
        (None, Some(w)) => (fixed_bound.unwrap_or(w), Fill::Filled),
        // With no value anywhere the criterion sits out; 0 keeps the column finite.
        (None, None) => (0.0, Fill::SitsOut),
    };
    for (x, o) in raw.iter_mut().zip(origin) {
        if *o == Origin::Filled {
            *x = fill;
        }
    }
    how
}

/// Transforms a criterion's raw values, finds the requests it would make unscorable, and
/// turns the values into utilities under its scale (weighted-sum).
fn column(
    c: &Criterion,
    method: Method,
    raw: Vec<f64>,
    origin: Vec<Origin>,
    archived: &[bool],
    sits_out: bool,
) -> Column {
    let transform = c.transform();
    let t: Vec<f64> = raw.iter().map(|&x| transform.apply(x)).collect();
    let benefit = c.direction == Direction::Benefit;
    let shown = |i: usize| {
        let x = crate::text::typed(raw[i]);
        let how = match origin[i] {
            Origin::Given => "",
            Origin::Derived => " (derived)",
            Origin::Filled => " (missing, so given the worst value)",
        };
        match transform {
            Transform::Log => format!("ln(1 + {x}){how}"),
            Transform::Linear => format!("{x}{how}"),
        }
    };
    let id = crate::text::shorten(&c.id, 40);
    let mut blocks = Vec::new();
    if let Some(rule) = blocking(method, c.scale(), c.direction) {
        let why = |i: usize| match (method, benefit) {
            (Method::WeightedProduct, true) => format!(
                "{id} is {}, and the weighted-product method takes no negative value",
                shown(i)
            ),
            (Method::WeightedProduct, false) => format!(
                "{id} is {}, and the weighted-product method divides by it",
                shown(i)
            ),
            (_, true) => format!(
                "{id} is {}, and the {} scale needs values ≥ 0 (a utility lies in [0, 1])",
                shown(i),
                c.scale().as_str()
            ),
            (_, false) => format!(
                "{id} is {}, and the {} scale on a cost criterion divides by it",
                shown(i),
                c.scale().as_str()
            ),
        };
        for (i, &x) in t.iter().enumerate() {
            if !archived[i] && rule.blocks(x) {
                blocks.push((i as u32, why(i)));
            }
        }
    }
    let (t, utility, ln_t) = match method {
        Method::WeightedSum => {
            let u = utilities(t, c.scale(), c.min, c.max, transform, c.direction, archived);
            (Vec::new(), u, Vec::new())
        }
        Method::WeightedProduct => {
            let ln_t = t.iter().map(|x| x.ln()).collect();
            (t, Vec::new(), ln_t)
        }
        Method::Ratio => (t, Vec::new(), Vec::new()),
    };
    Column {
        direction: c.direction,
        raw,
        origin,
        transform,
        t,
        utility,
        ln_t,
        blocks,
        sits_out,
    }
}

/// Turns transformed values into utilities under a scale (§4's table), the relative
/// scales' lo, hi and Σ taken over the requests not `excluded`. Reuses `t`'s memory.
fn utilities(
    mut t: Vec<f64>,
    scale: Scale,
    min: Option<f64>,
    max: Option<f64>,
    transform: Transform,
    direction: Direction,
    excluded: &[bool],
) -> Vec<f64> {
    let benefit = direction == Direction::Benefit;
    let counted = || t.iter().zip(excluded).filter(|(_, &e)| !e).map(|(&x, _)| x);
    // The relative scales' bounds (a fixed scale has its own).
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    if scale != Scale::Fixed {
        for (&x, &e) in t.iter().zip(excluded) {
            if !e {
                lo = lo.min(x);
                hi = hi.max(x);
            }
        }
    }
    match scale {
        Scale::Fixed => {
            // The reader guarantees min < max with a fixed scale.
            let (a, b) = (
                transform.apply(min.unwrap_or(0.0)),
                transform.apply(max.unwrap_or(1.0)),
            );
            // Halved when the bounds span more than the largest float (exact, so it
            // changes no other result).
            let h = if (b - a).is_finite() { 1.0 } else { 0.5 };
            for x in &mut t {
                let p = ((h * *x - h * a) / (h * b - h * a)).clamp(0.0, 1.0);
                *x = if benefit { p } else { 1.0 - p };
            }
        }
        Scale::MinMax => {
            // Halving is exact, so it changes no result, but keeps hi − lo finite when
            // the values span more than the largest float.
            let h = if (hi - lo).is_finite() { 1.0 } else { 0.5 };
            for x in &mut t {
                *x = if hi == lo {
                    1.0
                } else if benefit {
                    (h * *x - h * lo) / (h * hi - h * lo)
                } else {
                    (h * hi - h * *x) / (h * hi - h * lo)
                };
            }
        }
        Scale::Max => {
            for x in &mut t {
                *x = if benefit {
                    if hi == 0.0 {
                        0.0
                    } else {
                        *x / hi
                    }
                } else {
                    lo / *x
                };
            }
        }
        Scale::Sum => {
            let total = if benefit {
                sorted_sum(counted())
            } else {
                sorted_sum(counted().map(|x| 1.0 / x))
            };
            for x in &mut t {
                *x = if benefit {
                    if total == 0.0 {
                        0.0
                    } else {
                        *x / total
                    }
                } else {
                    (1.0 / *x) / total
                };
            }
        }
    }
    t
}

/// A sum that does not depend on the order of its terms (so that reordering the requests
/// of a file cannot change a score in its last bits).
fn sorted_sum(terms: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = terms.collect();
    v.sort_unstable_by(f64::total_cmp);
    v.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_bits_preserve_order() {
        let xs = [-1e300, -2.5, -0.0, 0.0, 1e-300, 1.0, 3.5, 1e300];
        for w in xs.windows(2) {
            assert!(ordered_bits(w[0]) <= ordered_bits(w[1]), "{w:?}");
        }
        assert_eq!(ordered_bits(-0.0), ordered_bits(0.0));
    }

    #[test]
    fn sorted_sum_ignores_term_order() {
        let a = [1e16, 1.0, -1e16, 3.0, 0.1];
        let b = [0.1, -1e16, 3.0, 1.0, 1e16];
        assert_eq!(sorted_sum(a.into_iter()), sorted_sum(b.into_iter()));
    }
}
