//! The plan (contract §5): the set of requests worth the most in total that fits every
//! capacity and every portfolio bucket's share, with pinned requests in or out.
//!
//! Two layers:
//! - [`Problem`] and [`solve`]: the 0/1 programme in numbers only — values, efforts per
//!   capacity, amounts, buckets with absolute bounds on primary effort, pins. It knows
//!   nothing of scenarios, so it is tested on published knapsack instances.
//! - [`plan`]: builds the problem from a scenario, its [`Table`] and [`Scores`], solves it
//!   and reports the plan as a PM reads it; [`compare`] says what a what-if changes.
//!
//! # Tolerance
//!
//! Efforts with decimals add up inexactly (0.1 + 0.2 is not 0.3 in binary), so every
//! comparison with a bound allows a relative tolerance of [`TOLERANCE`]: a total `x` is
//! within an upper bound `B` when `x ≤ B + 1e-9 × max(|B|, 1)`, and within a lower bound
//! `L` when `x ≥ L − 1e-9 × max(|L|, 1)` (see [`at_most`], [`at_least`]). The absolute
//! floor of 1e-9 keeps bounds near 0 meaningful. Every plan [`solve`] returns satisfies
//! [`Problem::violations`] — the same rule — checked on fresh sums.
//!
//! Values are compared with `1e-9 × (1 + Σ|v|)`: "optimal" means no plan is worth more
//! than the returned one by more than that (far below any difference a PM sees).
//!
//! # Algorithm
//!
//! Exact branch and bound, in this order:
//! 1. Pins are applied; musts that break a capacity or a bucket maximum, bucket minimums
//!    that the bucket's requests cannot reach, and minimums that together need more of a
//!    capacity than it has (a fractional, hence valid, test) are reported as
//!    [`Infeasible`] before any search. Requests that cannot fit on their own are left
//!    out, requests with no effort at all and a positive value are taken.
//! 2. Constraints that no selection can break are dropped; with none left the answer is
//!    every request of positive value.
//! 3. One capacity (the tightest) is kept as a knapsack row; the other capacities and
//!    the bucket bounds are relaxed with Lagrange multipliers, found by subgradient steps
//!    aimed a shrinking distance below the best bound so far (so they converge whatever
//!    the incumbent's quality). For any multipliers ≥ 0 the relaxation's LP value
//!    (Dantzig's bound: items by modified value per effort, the first that does not fit
//!    taken in part) bounds every plan, so a poor multiplier only weakens the bound, never
//!    makes it wrong. Greedy plans along the way give the first incumbent.
//! 4. Reduced-cost fixing: with the LP's critical ratio `r`, an item's reduced value
//!    `c = ṽ − r·a` bounds what flipping it from the LP's choice costs; items whose flip
//!    cannot beat the incumbent are fixed.
//! 5. Depth-first search over the remaining items in ratio order, the LP's preferred branch
//!    first. Each node's bound is Martello and Toth's U2 (Dantzig's bound with the break
//!    item decided both ways) in O(log n) from prefix sums; nodes that cannot reach a
//!    bucket minimum any more are cut. When all values are multiples of 10⁻ᵈ (integers,
//!    cents) a better plan must be better by that step, which prunes much more. The search
//!    runs in chunks of growing size: after a chunk that improved the incumbent, the
//!    multipliers are refined, more items are fixed and the search restarts on fewer.
//! 6. With a single binding constraint and efforts that are multiples of 10⁻ᵈ, a dynamic
//!    programme over capacity finishes what the search could not within a first share of
//!    the budget (strongly correlated knapsacks are hard for bounds, easy for DP).
//!
//! After a search that proves no plan exists, each bucket minimum is tried alone (the
//! other buckets' bounds lifted) to say which one fails, or that they fail together.
//!
//! The search counts nodes; past [`Budget::max_nodes`], or when the progress callback
//! returns `false`, it stops and returns the best plan found with a proven upper bound
//! (`optimal` is then `false`). Nothing here reads a clock or starts a thread, so it runs
//! unchanged in a Web Worker.

use std::fmt;

pub mod report;

use crate::model::{Pin, Scenario};
use crate::score::{Scores, Table};

/// Relative tolerance of every comparison with a bound (see the module documentation).
pub const TOLERANCE: f64 = 1e-9;

/// How far a total may pass `bound` and still be within it.
pub fn slack(bound: f64) -> f64 {
    TOLERANCE * bound.abs().max(1.0)
}

/// Whether `total` is within the upper bound `bound` (tolerance included).
pub fn at_most(total: f64, bound: f64) -> bool {
    total <= bound + slack(bound)
}

/// Whether `total` is within the lower bound `bound` (tolerance included).
pub fn at_least(total: f64, bound: f64) -> bool {
    total >= bound - slack(bound)
}

// ---------------------------------------------------------------------------------------
// The problem in numbers
// ---------------------------------------------------------------------------------------

/// A planning problem in numbers: choose items to maximise total value.
///
/// Item `i` has value `values[i]` and effort `efforts[k][i]` on capacity `k`; the chosen
/// items' efforts on capacity `k` add up to at most `amounts[k]`. Capacity 0 is the
/// primary one: bucket `b` bounds the primary effort of its chosen items to
/// `bucket_bounds[b].0 ..= bucket_bounds[b].1`. Pinned items are in (`Must`) or out
/// (`Never`). `bucket_of` and `pins` may be left empty (no buckets, no pins); the names
/// only serve messages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problem {
    pub values: Vec<f64>,
    /// One list per capacity, one effort (≥ 0) per item.
    pub efforts: Vec<Vec<f64>>,
    /// One per capacity, ≥ 0; at least one capacity.
    pub amounts: Vec<f64>,
    /// Each item's bucket, if any (empty: no item is in a bucket).
    pub bucket_of: Vec<Option<u32>>,
    /// Per bucket: the least and the most primary effort of its chosen items (the most
    /// may be infinite).
    pub bucket_bounds: Vec<(f64, f64)>,
    /// Each item's pin, if any (empty: no pins).
    pub pins: Vec<Option<Pin>>,
    /// Capacity names for messages (empty: "capacity #1", …).
    pub capacity_names: Vec<String>,
    /// Bucket names for messages (empty: "bucket #1", …).
    pub bucket_names: Vec<String>,
}

impl Problem {
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn bucket(&self, i: usize) -> Option<usize> {
        self.bucket_of.get(i).copied().flatten().map(|b| b as usize)
    }

    pub fn pin(&self, i: usize) -> Option<Pin> {
        self.pins.get(i).copied().flatten()
    }

    /// Checks sizes and numbers; the message says what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        let n = self.len();
        if self.amounts.is_empty() {
            return Err("a plan needs at least one capacity".into());
        }
        if self.efforts.len() != self.amounts.len() {
            return Err(format!(
                "{} effort lists for {} capacities",
                self.efforts.len(),
                self.amounts.len()
            ));
        }
        for (i, v) in self.values.iter().enumerate() {
            if !v.is_finite() {
                return Err(format!("item {i} has value {v}; values must be finite"));
            }
        }
        for (k, (list, &amount)) in self.efforts.iter().zip(&self.amounts).enumerate() {
            let name = self.capacity_name(k);
            if list.len() != n {
                return Err(format!(
                    "capacity {name} has {} efforts for {n} items",
                    list.len()
                ));
            }
            if !(amount.is_finite() && amount >= 0.0) {
                return Err(format!(
                    "capacity {name} has amount {amount}; it must be a number ≥ 0"
                ));
            }
            if let Some((i, e)) = list
                .iter()
                .enumerate()
                .find(|(_, e)| !(e.is_finite() && **e >= 0.0))
            {
                return Err(format!(
                    "item {i} has effort {e} on capacity {name}; efforts must be numbers ≥ 0"
                ));
            }
        }
        if !self.bucket_of.is_empty() && self.bucket_of.len() != n {
            return Err(format!(
                "{} bucket entries for {n} items",
                self.bucket_of.len()
            ));
        }
        if !self.pins.is_empty() && self.pins.len() != n {
            return Err(format!("{} pin entries for {n} items", self.pins.len()));
        }
        for (b, &(lo, hi)) in self.bucket_bounds.iter().enumerate() {
            if !(lo.is_finite() && lo >= 0.0 && !hi.is_nan() && lo <= hi) {
                return Err(format!(
                    "bucket {} has bounds {lo} ..= {hi}; they must satisfy 0 ≤ least ≤ most",
                    self.bucket_name(b)
                ));
            }
        }
        if let Some(i) = (0..n).find(|&i| {
            self.bucket(i)
                .is_some_and(|b| b >= self.bucket_bounds.len())
        }) {
            return Err(format!(
                "item {i} is in bucket {}, which does not exist",
                self.bucket(i).unwrap_or(0)
            ));
        }
        Ok(())
    }

    /// Total value of a selection (one flag per item), summed in item order.
    pub fn value_of(&self, selected: &[bool]) -> f64 {
        self.values
            .iter()
            .zip(selected)
            .filter(|(_, s)| **s)
            .map(|(v, _)| v)
            .sum()
    }

    /// A selection's effort per capacity and primary effort per bucket, summed in item order.
    pub fn totals(&self, selected: &[bool]) -> (Vec<f64>, Vec<f64>) {
        let efforts = self
            .efforts
            .iter()
            .map(|list| {
                list.iter()
                    .zip(selected)
                    .filter(|(_, s)| **s)
                    .map(|(e, _)| e)
                    .sum()
            })
            .collect();
        let mut buckets = vec![0.0; self.bucket_bounds.len()];
        for (i, _) in selected.iter().enumerate().filter(|(_, s)| **s) {
            if let Some(b) = self.bucket(i) {
                buckets[b] += self.efforts[0][i];
            }
        }
        (efforts, buckets)
    }

    /// Every constraint a selection breaks, in words; empty when it satisfies them all.
    pub fn violations(&self, selected: &[bool]) -> Vec<String> {
        let mut out = Vec::new();
        if selected.len() != self.len() {
            out.push(format!("{} flags for {} items", selected.len(), self.len()));
            return out;
        }
        let (efforts, buckets) = self.totals(selected);
        for (k, (&total, &amount)) in efforts.iter().zip(&self.amounts).enumerate() {
            if !at_most(total, amount) {
                out.push(format!(
                    "uses {} of capacity {} ({} available)",
                    num(total),
                    self.capacity_name(k),
                    num(amount)
                ));
            }
        }
        for (b, (&total, &(lo, hi))) in buckets.iter().zip(&self.bucket_bounds).enumerate() {
            if !at_least(total, lo) {
                out.push(format!(
                    "bucket {} has {}, below its minimum {}",
                    self.bucket_name(b),
                    num(total),
                    num(lo)
                ));
            }
            if !at_most(total, hi) {
                out.push(format!(
                    "bucket {} has {}, above its maximum {}",
                    self.bucket_name(b),
                    num(total),
                    num(hi)
                ));
            }
        }
        for (i, &s) in selected.iter().enumerate() {
            match self.pin(i) {
                Some(Pin::Must) if !s => {
                    out.push(format!("item {i} is a must but is not selected"))
                }
                Some(Pin::Never) if s => {
                    out.push(format!("item {i} is pinned never but is selected"))
                }
                _ => {}
            }
        }
        out
    }

    /// Whether a selection satisfies every constraint.
    pub fn is_feasible(&self, selected: &[bool]) -> bool {
        self.violations(selected).is_empty()
    }

    fn capacity_name(&self, k: usize) -> String {
        match self.capacity_names.get(k) {
            Some(name) => format!("\"{name}\""),
            None => format!("#{}", k + 1),
        }
    }

    fn bucket_name(&self, b: usize) -> String {
        match self.bucket_names.get(b) {
            Some(name) => format!("\"{name}\""),
            None => format!("#{}", b + 1),
        }
    }
}

/// How much work the search may do.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    /// Search nodes after which the search stops and returns the best plan found so far.
    pub max_nodes: u64,
    /// The progress callback is called every this many nodes.
    pub progress_every: u64,
    /// Cells (items × capacity units) the dynamic programme may use; 0 turns it off.
    /// Memory is one bit per cell plus 8 bytes per capacity unit.
    pub max_dp_cells: u64,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            max_nodes: 20_000_000,
            progress_every: 65_536,
            max_dp_cells: 50_000_000,
        }
    }
}

/// What the search reports while it runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub nodes: u64,
    /// The best plan's value so far, if one was found.
    pub best_value: Option<f64>,
    /// No plan is worth more than this (proven).
    pub upper_bound: f64,
}

/// Why a search stopped before proving optimality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// [`Budget::max_nodes`] was reached.
    Budget,
    /// The progress callback returned `false`.
    Cancelled,
}

/// The best plan found and what is proven about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    /// One flag per item.
    pub selected: Vec<bool>,
    pub value: f64,
    /// No plan is worth more than this (proven); equal to `value` when optimal.
    pub upper_bound: f64,
    /// Whether no plan is worth more (within the value tolerance).
    pub optimal: bool,
    /// Search nodes used.
    pub nodes: u64,
    /// Why the search stopped early, when it did.
    pub stopped: Option<Stop>,
}

impl Solution {
    /// How much more the best plan could be worth: `upper_bound − value` (0 when optimal).
    pub fn gap(&self) -> f64 {
        (self.upper_bound - self.value).max(0.0)
    }

    /// The selected items' indices, ascending.
    pub fn indices(&self) -> Vec<usize> {
        self.selected
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .map(|(i, _)| i)
            .collect()
    }
}

/// Why [`solve`] returned no plan.
#[derive(Clone, Debug, PartialEq)]
pub enum SolveError {
    /// The problem is malformed (sizes, negative efforts, …).
    Invalid(String),
    /// Proven: no selection satisfies every constraint.
    Infeasible(Infeasible),
    /// The search stopped before finding any plan, and did not prove there is none.
    NotFound { nodes: u64, stopped: Stop },
}

impl fmt::Display for SolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SolveError::Invalid(m) => f.write_str(m),
            SolveError::Infeasible(inf) => write!(f, "{inf}"),
            SolveError::NotFound { nodes, stopped } => write!(
                f,
                "no plan was found before the search {} (after {nodes} nodes); it is not proven that none exists",
                match stopped {
                    Stop::Budget => "reached its budget",
                    Stop::Cancelled => "was cancelled",
                }
            ),
        }
    }
}

impl std::error::Error for SolveError {}

/// One reason no plan exists. Efforts on buckets are primary efforts.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// The must requests alone need more of a capacity than its amount.
    MustsOverCapacity {
        capacity: usize,
        need: f64,
        amount: f64,
    },
    /// The must requests of a bucket alone are above its maximum.
    MustsOverBucketMax { bucket: usize, used: f64, max: f64 },
    /// Even every request of the bucket that could be chosen stays below its minimum.
    BucketMinUnreachable {
        bucket: usize,
        min: f64,
        reachable: f64,
    },
    /// Meeting the bucket minimums, with the must requests, needs at least `need` of a
    /// capacity (the least any plan needs, even taking requests in part).
    MinimumsOverCapacity {
        capacity: usize,
        need: f64,
        amount: f64,
    },
    /// No combination of the bucket's requests that fits the capacities lands between its
    /// minimum and maximum (the other buckets aside).
    BucketRangeUnreachable { bucket: usize, min: f64, max: f64 },
    /// The bucket minimums cannot all be met together within the capacities.
    /// `each_alone`: it was checked that each one alone can be met.
    Joint {
        buckets: Vec<(usize, f64)>,
        each_alone: bool,
    },
}

/// Proven: no plan satisfies the constraints, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Infeasible {
    pub reasons: Vec<Reason>,
    capacity_names: Vec<String>,
    bucket_names: Vec<String>,
}

impl Infeasible {
    fn new(p: &Problem, reasons: Vec<Reason>) -> Infeasible {
        Infeasible {
            reasons,
            capacity_names: (0..p.amounts.len()).map(|k| p.capacity_name(k)).collect(),
            bucket_names: (0..p.bucket_bounds.len())
                .map(|b| p.bucket_name(b))
                .collect(),
        }
    }

    /// One sentence per reason.
    pub fn messages(&self) -> Vec<String> {
        let cap = |k: usize| {
            self.capacity_names
                .get(k)
                .cloned()
                .unwrap_or_else(|| format!("#{}", k + 1))
        };
        let bucket = |b: usize| {
            self.bucket_names
                .get(b)
                .cloned()
                .unwrap_or_else(|| format!("#{}", b + 1))
        };
        let primary = cap(0);
        self.reasons
            .iter()
            .map(|r| match r {
                Reason::MustsOverCapacity { capacity, need, amount } => format!(
                    "the must requests need {} of capacity {} ({} available): over by {}",
                    num(*need),
                    cap(*capacity),
                    num(*amount),
                    num(need - amount)
                ),
                Reason::MustsOverBucketMax { bucket: b, used, max } => format!(
                    "the must requests in bucket {} use {} of {primary}, above its maximum share {}: over by {}",
                    bucket(*b),
                    num(*used),
                    num(*max),
                    num(used - max)
                ),
                Reason::BucketMinUnreachable { bucket: b, min, reachable } => format!(
                    "bucket {} needs at least {} of {primary} but its requests can give at most {}: short by {}",
                    bucket(*b),
                    num(*min),
                    num(*reachable),
                    num(min - reachable)
                ),
                Reason::MinimumsOverCapacity { capacity, need, amount } => format!(
                    "meeting the bucket minimums, with the must requests, needs at least {} of capacity {} ({} available): over by {}",
                    num(*need),
                    cap(*capacity),
                    num(*amount),
                    num(need - amount)
                ),
                Reason::BucketRangeUnreachable { bucket: b, min, max } => {
                    if max.is_finite() {
                        format!(
                            "bucket {} needs between {} and {} of {primary}, and no combination of its requests that fits the capacities lands in that range",
                            bucket(*b),
                            num(*min),
                            num(*max)
                        )
                    } else {
                        format!(
                            "bucket {} needs at least {} of {primary}, and no combination of its requests that fits the capacities reaches it",
                            bucket(*b),
                            num(*min)
                        )
                    }
                }
                Reason::Joint { buckets, each_alone } => {
                    if buckets.is_empty() {
                        "no plan satisfies every constraint at once".to_string()
                    } else {
                        let list: Vec<String> = buckets
                            .iter()
                            .map(|(b, min)| format!("bucket {} at least {}", bucket(*b), num(*min)))
                            .collect();
                        format!(
                            "the bucket minimums cannot all be met at once within the capacities ({} of {primary}){}",
                            list.join(", "),
                            if *each_alone { "; each alone can be met" } else { "" }
                        )
                    }
                }
            })
            .collect()
    }
}

impl fmt::Display for Infeasible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages().join("\n"))
    }
}

/// A number for a message: up to 9 significant digits, trailing zeros dropped, so that
/// sums of decimals read as the PM typed them (0.1 + 0.2 reads 0.3).
fn num(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == 0.0 {
        return "0".into();
    }
    let digits = (8 - x.abs().log10().floor() as i64).clamp(0, 12) as usize;
    let s = format!("{x:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

// ---------------------------------------------------------------------------------------
// Solving
// ---------------------------------------------------------------------------------------

/// Solves a planning problem: the most valuable selection that satisfies every
/// constraint, or why there is none.
///
/// `progress` is called every [`Budget::progress_every`] nodes; returning `false` stops
/// the search, which then returns the best plan so far (not claimed optimal).
pub fn solve(
    problem: &Problem,
    budget: &Budget,
    progress: Option<&mut dyn FnMut(&Progress) -> bool>,
) -> Result<Solution, SolveError> {
    problem.validate().map_err(SolveError::Invalid)?;
    let mut ctl = Control {
        nodes: 0,
        limit: budget.max_nodes,
        every: budget.progress_every.max(1),
        next_check: budget.progress_every.max(1).min(budget.max_nodes),
        progress,
        stopped: None,
    };
    solve_with(problem, budget, &mut ctl, true)
}

/// Node counting, the budget and the progress callback.
struct Control<'f> {
    nodes: u64,
    /// Stop at this many nodes (a phase may lower it for a while).
    limit: u64,
    every: u64,
    next_check: u64,
    progress: Option<&'f mut dyn FnMut(&Progress) -> bool>,
    stopped: Option<Stop>,
}

impl Control<'_> {
    /// Called at a checkpoint: false when the search must stop. `bounds` gives the
    /// incumbent's value and the proven upper bound, computed only when needed.
    fn checkpoint(&mut self, bounds: impl FnOnce() -> (Option<f64>, f64)) -> bool {
        if self.nodes >= self.limit {
            self.stopped = Some(Stop::Budget);
            return false;
        }
        if let Some(f) = self.progress.as_deref_mut() {
            let (best_value, upper_bound) = bounds();
            let go = f(&Progress {
                nodes: self.nodes,
                best_value,
                upper_bound,
            });
            if !go {
                self.stopped = Some(Stop::Cancelled);
                return false;
            }
        }
        self.next_check = (self.nodes + self.every).min(self.limit);
        true
    }

    fn set_limit(&mut self, limit: u64) {
        self.limit = limit;
        self.next_check = (self.nodes + self.every)
            .min(self.limit)
            .max(self.nodes + 1);
    }
}

/// The problem after pins and fixings: each item in, out or free, and what is left of
/// every bound (tolerance included).
#[derive(Clone, Debug)]
struct Fixed {
    state: Vec<Option<bool>>,
    /// Per capacity: amount + slack − efforts of the items in.
    cap_res: Vec<f64>,
    /// Per bucket: maximum + slack − primary effort of its items in.
    hi_res: Vec<f64>,
    /// Per bucket: minimum − slack − primary effort of its items in (met when ≤ 0).
    lo_res: Vec<f64>,
}

impl Fixed {
    fn take(&mut self, p: &Problem, i: usize) {
        self.state[i] = Some(true);
        for (k, list) in p.efforts.iter().enumerate() {
            self.cap_res[k] -= list[i];
        }
        if let Some(b) = p.bucket(i) {
            self.hi_res[b] -= p.efforts[0][i];
            self.lo_res[b] -= p.efforts[0][i];
        }
    }

    /// Whether item `i` fits alongside the items in.
    fn fits(&self, p: &Problem, i: usize) -> bool {
        p.efforts
            .iter()
            .zip(&self.cap_res)
            .all(|(list, &r)| list[i] <= r)
            && p.bucket(i)
                .is_none_or(|b| p.efforts[0][i] <= self.hi_res[b])
    }

    fn broken(&self) -> bool {
        self.cap_res.iter().chain(&self.hi_res).any(|&r| r < 0.0)
    }

    /// Leaves out the free items that no longer fit on their own.
    fn drop_unfit(&mut self, p: &Problem) {
        for i in 0..p.len() {
            if self.state[i].is_none() && !self.fits(p, i) {
                self.state[i] = Some(false);
            }
        }
    }

    fn free(&self) -> Vec<usize> {
        (0..self.state.len())
            .filter(|&i| self.state[i].is_none())
            .collect()
    }

    fn selection(&self) -> Vec<bool> {
        self.state.iter().map(|s| *s == Some(true)).collect()
    }
}

/// The best plan so far.
struct Incumbent {
    selected: Vec<bool>,
    value: f64,
}

/// What the solver knows about how much better a plan can be.
#[derive(Clone, Copy)]
struct Precision {
    /// Values closer than this are equal.
    tol: f64,
    /// A better plan is better by at least this (the values' step less `tol`, or `tol`).
    improve: f64,
}

impl Precision {
    fn new(p: &Problem, free: &[usize]) -> Precision {
        let tol = TOLERANCE * (1.0 + p.values.iter().map(|v| v.abs()).sum::<f64>());
        // Values that are all multiples of 10^-d: totals move in steps of 10^-d.
        let step = (0..=6).map(|d| 10f64.powi(-d)).find(|&step| {
            free.iter().all(|&i| {
                let x = p.values[i] / step;
                (x - x.round()).abs() <= 1e-9 * x.abs().max(1.0)
            })
        });
        // Valid while rounding errors stay below `tol` (they are far below it).
        let improve = match step {
            Some(step) if step > 2.0 * tol => step - tol,
            _ => tol,
        };
        Precision { tol, improve }
    }
}

fn solve_with(
    p: &Problem,
    budget: &Budget,
    ctl: &mut Control,
    diagnose: bool,
) -> Result<Solution, SolveError> {
    let n = p.len();
    let nb = p.bucket_bounds.len();
    let primary = &p.efforts[0];

    // 1. Pins, and what the musts alone break.
    let mut fixed = Fixed {
        state: vec![None; n],
        cap_res: p.amounts.iter().map(|&a| a + slack(a)).collect(),
        hi_res: p
            .bucket_bounds
            .iter()
            .map(|&(_, hi)| hi + slack(hi))
            .collect(),
        lo_res: p
            .bucket_bounds
            .iter()
            .map(|&(lo, _)| lo - slack(lo))
            .collect(),
    };
    for i in 0..n {
        match p.pin(i) {
            Some(Pin::Must) => fixed.state[i] = Some(true),
            Some(Pin::Never) => fixed.state[i] = Some(false),
            None => {}
        }
    }
    let musts = fixed.selection();
    let (must_cap, must_bucket) = p.totals(&musts);
    let mut reasons = Vec::new();
    for (k, (&need, &amount)) in must_cap.iter().zip(&p.amounts).enumerate() {
        fixed.cap_res[k] -= need;
        if !at_most(need, amount) {
            reasons.push(Reason::MustsOverCapacity {
                capacity: k,
                need,
                amount,
            });
        }
    }
    for (b, (&used, &(_, max))) in must_bucket.iter().zip(&p.bucket_bounds).enumerate() {
        fixed.hi_res[b] -= used;
        fixed.lo_res[b] -= used;
        if !at_most(used, max) {
            reasons.push(Reason::MustsOverBucketMax {
                bucket: b,
                used,
                max,
            });
        }
    }
    if !reasons.is_empty() {
        return Err(SolveError::Infeasible(Infeasible::new(p, reasons)));
    }

    // 2. Items that cannot fit on their own stay out; items with no effort at all only
    //    add value.
    fixed.drop_unfit(p);
    for i in 0..n {
        if fixed.state[i].is_none() && p.efforts.iter().all(|list| list[i] == 0.0) {
            fixed.state[i] = Some(p.values[i] > 0.0);
        }
    }

    // 3. Bucket minimums: reachable at all, and within the capacities even in part.
    let free = fixed.free();
    let mut reach = vec![0.0; nb];
    for &i in &free {
        if let Some(b) = p.bucket(i) {
            reach[b] += primary[i];
        }
    }
    for b in 0..nb {
        if fixed.lo_res[b] > 0.0 && reach[b] < fixed.lo_res[b] {
            reasons.push(Reason::BucketMinUnreachable {
                bucket: b,
                min: p.bucket_bounds[b].0,
                reachable: must_bucket[b] + reach[b],
            });
        }
    }
    if reasons.is_empty() && fixed.lo_res.iter().any(|&r| r > 0.0) {
        for (k, &must) in must_cap.iter().enumerate() {
            let need = |exact: bool| -> f64 {
                (0..nb)
                    .filter(|&b| fixed.lo_res[b] > 0.0)
                    .map(|b| {
                        let short = if exact {
                            p.bucket_bounds[b].0 - must_bucket[b]
                        } else {
                            fixed.lo_res[b]
                        };
                        least_effort_for_minimum(p, &free, b, short, k)
                    })
                    .sum()
            };
            // Decided with the tolerance on both sides; reported for the exact minimums.
            if need(false) > fixed.cap_res[k] {
                reasons.push(Reason::MinimumsOverCapacity {
                    capacity: k,
                    need: must + need(true),
                    amount: p.amounts[k],
                });
            }
        }
    }
    if !reasons.is_empty() {
        return Err(SolveError::Infeasible(Infeasible::new(p, reasons)));
    }

    // 4. Constraints no selection of the free items can break are dropped.
    let precision = Precision::new(p, &free);
    let active = Active::new(p, &fixed, &free);
    if active.is_empty() {
        let mut sel = fixed.selection();
        for &i in &free {
            sel[i] = p.values[i] > 0.0;
        }
        return Ok(finish(p, sel, None, true, ctl));
    }

    let mut search = Search {
        p,
        precision,
        best: None,
        excluded_bound: f64::NEG_INFINITY,
        root_bound: f64::INFINITY,
    };
    let result = search.run(budget, ctl, fixed, &active);
    match (result, search.best.take()) {
        (Outcome::Proven, Some(best)) => Ok(finish(p, best.selected, None, true, ctl)),
        (Outcome::Proven, None) => {
            let reasons = if diagnose {
                diagnose_minimums(p, budget)
            } else {
                Vec::new()
            };
            Err(SolveError::Infeasible(Infeasible::new(p, reasons)))
        }
        (Outcome::Stopped(open_bound), Some(best)) => {
            let ub = search
                .root_bound
                .min(open_bound.max(search.excluded_bound).max(best.value));
            let sel = best.selected;
            Ok(finish(p, sel, Some(ub), false, ctl))
        }
        (Outcome::Stopped(_), None) => Err(SolveError::NotFound {
            nodes: ctl.nodes,
            stopped: ctl.stopped.unwrap_or(Stop::Budget),
        }),
    }
}

fn finish(
    p: &Problem,
    selected: Vec<bool>,
    upper_bound: Option<f64>,
    optimal: bool,
    ctl: &Control,
) -> Solution {
    debug_assert!(p.is_feasible(&selected), "{:?}", p.violations(&selected));
    let value = p.value_of(&selected);
    Solution {
        selected,
        value,
        upper_bound: upper_bound.unwrap_or(value).max(value),
        optimal,
        nodes: ctl.nodes,
        stopped: if optimal { None } else { ctl.stopped },
    }
}

/// The least effort on capacity `k` that brings bucket `b`'s primary effort up by `need`,
/// taking its free requests in part if need be (so no plan can do with less).
fn least_effort_for_minimum(p: &Problem, free: &[usize], b: usize, need: f64, k: usize) -> f64 {
    let mut items: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&i| p.bucket(i) == Some(b) && p.efforts[0][i] > 0.0)
        .collect();
    items.sort_by(|&x, &y| {
        let rx = p.efforts[k][x] / p.efforts[0][x];
        let ry = p.efforts[k][y] / p.efforts[0][y];
        rx.total_cmp(&ry).then(x.cmp(&y))
    });
    let (mut got, mut cost) = (0.0, 0.0);
    for i in items {
        let a = p.efforts[0][i];
        if got + a >= need {
            cost += p.efforts[k][i] * (need - got) / a;
            return cost;
        }
        got += a;
        cost += p.efforts[k][i];
    }
    cost
}

/// After the search proved that no plan exists: which bucket minimum fails on its own, or
/// that they fail together.
fn diagnose_minimums(p: &Problem, budget: &Budget) -> Vec<Reason> {
    let with_min: Vec<usize> = (0..p.bucket_bounds.len())
        .filter(|&b| p.bucket_bounds[b].0 > 0.0)
        .collect();
    let mut reasons = Vec::new();
    let mut each_alone = true;
    for &b in &with_min {
        // The same problem with only bucket b's bounds.
        let mut alone = p.clone();
        for (c, bounds) in alone.bucket_bounds.iter_mut().enumerate() {
            if c != b {
                *bounds = (0.0, f64::INFINITY);
            }
        }
        let small = Budget {
            max_nodes: budget.max_nodes.min(200_000),
            ..budget.clone()
        };
        let mut ctl = Control {
            nodes: 0,
            limit: small.max_nodes,
            every: small.max_nodes.max(1),
            next_check: small.max_nodes.max(1),
            progress: None,
            stopped: None,
        };
        match solve_with(&alone, &small, &mut ctl, false) {
            Ok(_) => {}
            Err(SolveError::Infeasible(_)) => reasons.push(Reason::BucketRangeUnreachable {
                bucket: b,
                min: p.bucket_bounds[b].0,
                max: p.bucket_bounds[b].1,
            }),
            Err(_) => each_alone = false,
        }
    }
    if reasons.is_empty() {
        reasons.push(Reason::Joint {
            buckets: with_min
                .iter()
                .map(|&b| (b, p.bucket_bounds[b].0))
                .collect(),
            each_alone: each_alone && !with_min.is_empty(),
        });
    }
    reasons
}

/// The constraints that some selection of the free items could break.
#[derive(Clone, Debug)]
struct Active {
    caps: Vec<usize>,
    hi: Vec<usize>,
    lo: Vec<usize>,
}

impl Active {
    fn new(p: &Problem, fixed: &Fixed, free: &[usize]) -> Active {
        let nb = p.bucket_bounds.len();
        let caps = (0..p.amounts.len())
            .filter(|&k| free.iter().map(|&i| p.efforts[k][i]).sum::<f64>() > fixed.cap_res[k])
            .collect();
        let mut in_bucket = vec![0.0; nb];
        for &i in free {
            if let Some(b) = p.bucket(i) {
                in_bucket[b] += p.efforts[0][i];
            }
        }
        let hi = (0..nb)
            .filter(|&b| in_bucket[b] > fixed.hi_res[b])
            .collect();
        let lo = (0..nb).filter(|&b| fixed.lo_res[b] > 0.0).collect();
        Active { caps, hi, lo }
    }

    fn is_empty(&self) -> bool {
        self.caps.is_empty() && self.hi.is_empty() && self.lo.is_empty()
    }

    /// The one knapsack row, when it is the only constraint left: a capacity or a
    /// bucket maximum.
    fn single_row(&self) -> Option<Row> {
        match (self.caps.as_slice(), self.hi.as_slice(), self.lo.is_empty()) {
            ([k], [], true) => Some(Row::Capacity(*k)),
            ([], [b], true) => Some(Row::BucketMax(*b)),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Row {
    Capacity(usize),
    BucketMax(usize),
}

impl Row {
    fn effort(self, p: &Problem, i: usize) -> f64 {
        match self {
            Row::Capacity(k) => p.efforts[k][i],
            Row::BucketMax(b) => {
                if p.bucket(i) == Some(b) {
                    p.efforts[0][i]
                } else {
                    0.0
                }
            }
        }
    }

    fn residual(self, fixed: &Fixed) -> f64 {
        match self {
            Row::Capacity(k) => fixed.cap_res[k],
            Row::BucketMax(b) => fixed.hi_res[b],
        }
    }
}

enum Outcome {
    /// The search finished: the incumbent is optimal, or there is no plan.
    Proven,
    /// The search stopped; no plan is worth more than this (the open nodes' bound).
    Stopped(f64),
}

/// The Lagrangian relaxation: one capacity kept as a knapsack row, the other active
/// constraints moved into the values with multipliers.
struct Relaxation {
    kept: usize,
    caps: Vec<usize>,
    hi: Vec<usize>,
    lo: Vec<usize>,
}

impl Relaxation {
    fn new(p: &Problem, fixed: &Fixed, free: &[usize], active: &Active) -> Relaxation {
        // Keep the tightest active capacity: the one the free items overfill most.
        let load = |k: usize| {
            free.iter().map(|&i| p.efforts[k][i]).sum::<f64>() / fixed.cap_res[k].max(1e-300)
        };
        let kept = active
            .caps
            .iter()
            .copied()
            .max_by(|&a, &b| load(a).total_cmp(&load(b)).then(b.cmp(&a)))
            .unwrap_or(0);
        Relaxation {
            kept,
            caps: active.caps.iter().copied().filter(|&k| k != kept).collect(),
            hi: active.hi.clone(),
            lo: active.lo.clone(),
        }
    }

    fn rows(&self) -> usize {
        self.caps.len() + self.hi.len() + self.lo.len()
    }

    /// The free items' modified values under multipliers `pi` (capacities, then bucket
    /// maximums, then bucket minimums), and the relaxation's constant.
    fn modified(
        &self,
        p: &Problem,
        fixed: &Fixed,
        free: &[usize],
        pi: &[f64],
        vt: &mut Vec<f64>,
    ) -> f64 {
        let (nc, nh) = (self.caps.len(), self.hi.len());
        let mut per_bucket = vec![0.0; p.bucket_bounds.len()];
        let mut constant = 0.0;
        for (j, &k) in self.caps.iter().enumerate() {
            constant += pi[j] * fixed.cap_res[k];
        }
        for (j, &b) in self.hi.iter().enumerate() {
            per_bucket[b] += pi[nc + j];
            constant += pi[nc + j] * fixed.hi_res[b];
        }
        for (j, &b) in self.lo.iter().enumerate() {
            per_bucket[b] -= pi[nc + nh + j];
            constant -= pi[nc + nh + j] * fixed.lo_res[b];
        }
        vt.clear();
        for &i in free {
            let mut x = p.values[i];
            for (j, &k) in self.caps.iter().enumerate() {
                x -= pi[j] * p.efforts[k][i];
            }
            if let Some(b) = p.bucket(i) {
                x -= per_bucket[b] * p.efforts[0][i];
            }
            vt.push(x);
        }
        constant
    }

    /// Each relaxed row's slack (right-hand side less use) under fractional choices `x`.
    fn slacks(&self, p: &Problem, fixed: &Fixed, free: &[usize], x: &[(usize, f64)]) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.rows());
        for &k in &self.caps {
            out.push(
                fixed.cap_res[k]
                    - x.iter()
                        .map(|&(j, f)| f * p.efforts[k][free[j]])
                        .sum::<f64>(),
            );
        }
        let bucket_use = |b: usize| -> f64 {
            x.iter()
                .filter(|&&(j, _)| p.bucket(free[j]) == Some(b))
                .map(|&(j, f)| f * p.efforts[0][free[j]])
                .sum()
        };
        for &b in &self.hi {
            out.push(fixed.hi_res[b] - bucket_use(b));
        }
        for &b in &self.lo {
            out.push(bucket_use(b) - fixed.lo_res[b]);
        }
        out
    }
}

/// Sort key of an item in Dantzig's order: modified value per effort, items without
/// effort first when worth something and last when they cost.
fn ratio(vt: f64, a: f64) -> f64 {
    if a > 0.0 {
        vt / a
    } else if vt > 0.0 {
        f64::INFINITY
    } else if vt < 0.0 {
        f64::NEG_INFINITY
    } else {
        0.0
    }
}

fn sort_by_ratio(order: &mut [usize], vt: &[f64], a: &[f64]) {
    order.sort_unstable_by(|&x, &y| {
        ratio(vt[y], a[y])
            .total_cmp(&ratio(vt[x], a[x]))
            .then(x.cmp(&y))
    });
}

/// Dantzig's bound over items in `order` (positions into `vt`, `a`): the LP value, the
/// critical ratio, and the LP's choices (position, fraction).
fn dantzig(order: &[usize], vt: &[f64], a: &[f64], cap: f64) -> (f64, f64, Vec<(usize, f64)>) {
    let (mut value, mut left) = (0.0, cap.max(0.0));
    let mut chosen = Vec::new();
    for &j in order {
        if vt[j] <= 0.0 {
            break;
        }
        if a[j] <= left {
            left -= a[j];
            value += vt[j];
            chosen.push((j, 1.0));
        } else {
            let f = left / a[j];
            value += vt[j] * f;
            chosen.push((j, f));
            return (value, vt[j] / a[j], chosen);
        }
    }
    (value, 0.0, chosen)
}

struct Search<'a> {
    p: &'a Problem,
    precision: Precision,
    best: Option<Incumbent>,
    /// The best any plan excluded by reduced-cost fixing could be worth.
    excluded_bound: f64,
    /// A bound on every plan (the best Lagrangian bound).
    root_bound: f64,
}

impl Search<'_> {
    /// Considers a selection as the new incumbent: taken when feasible (checked on fresh
    /// sums) and better.
    fn offer(&mut self, selected: Vec<bool>) {
        let value = self.p.value_of(&selected);
        if let Some(best) = &self.best {
            if value <= best.value + self.precision.tol {
                return;
            }
        }
        if self.p.is_feasible(&selected) {
            self.best = Some(Incumbent { selected, value });
        }
    }

    /// The value a plan must exceed to be worth searching for.
    fn threshold(&self) -> f64 {
        match &self.best {
            Some(b) => b.value + self.precision.improve,
            None => f64::NEG_INFINITY,
        }
    }

    fn greedy(&mut self, fixed: &Fixed, order: &[usize]) {
        let p = self.p;
        let mut f = fixed.clone();
        if f.lo_res.iter().any(|&r| r > 0.0) {
            for &i in order {
                if let Some(b) = p.bucket(i) {
                    if f.state[i].is_none() && f.lo_res[b] > 0.0 && f.fits(p, i) {
                        f.take(p, i);
                    }
                }
            }
            if f.lo_res.iter().any(|&r| r > 0.0) {
                return;
            }
        }
        for &i in order {
            if f.state[i].is_none() && p.values[i] > 0.0 && f.fits(p, i) {
                f.take(p, i);
            }
        }
        self.offer(f.selection());
    }

    fn run(
        &mut self,
        budget: &Budget,
        ctl: &mut Control,
        mut fixed: Fixed,
        active: &Active,
    ) -> Outcome {
        let p = self.p;
        let mut free = fixed.free();

        // A first incumbent: greedy by value per primary effort.
        {
            let mut order = free.clone();
            let v: Vec<f64> = p.values.clone();
            sort_by_ratio(&mut order, &v, &p.efforts[0]);
            self.greedy(&fixed, &order);
        }

        let relax = Relaxation::new(p, &fixed, &free, active);
        let dp_row = if budget.max_dp_cells > 0 {
            active.single_row()
        } else {
            None
        };

        // Lagrangian multipliers and reduced-cost fixing, twice if the first round fixed
        // something (the smaller problem has a tighter relaxation).
        let mut pi = vec![0.0; relax.rows()];
        for round in 0..2 {
            if free.is_empty() {
                break;
            }
            let (best_pi, bound) = self.subgradient(&relax, &fixed, &free, pi.clone(), ctl);
            pi = best_pi;
            if round == 0 {
                // Only the first round's bound covers every plan; later rounds bound the
                // plans that fixing kept.
                self.root_bound = bound;
            }
            if ctl.stopped.is_some() {
                return Outcome::Stopped(bound);
            }
            if self.best.is_some() && bound < self.threshold() {
                return Outcome::Proven;
            }
            let before = free.len();
            match self.reduce(&relax, &mut fixed, &free, &pi) {
                Some(rest) => free = rest,
                None => return Outcome::Proven,
            }
            if free.len() == before || relax.rows() == 0 {
                break;
            }
        }
        if free.is_empty() {
            self.offer(fixed.selection());
            return Outcome::Proven;
        }

        // The tree search, in chunks of growing size. Between chunks a better incumbent
        // fixes more items by reduced costs and the search restarts on fewer; otherwise it
        // resumes where it stopped. With a DP to fall back on, the search only gets a
        // first share of the budget.
        let total_limit = ctl.limit;
        let mut search_limit = total_limit;
        if let Some(dp) = dp_row.and_then(|row| dp_plan(p, &fixed, &free, row, budget.max_dp_cells))
        {
            // A node costs about as much as 8 DP cells: give the search that much first,
            // since it usually proves optimality long before.
            search_limit = ctl.nodes
                + (dp.cells() / 8)
                    .max(50_000)
                    .min(total_limit.saturating_sub(ctl.nodes));
        }
        let mut fixed_at = self.best.as_ref().map(|b| b.value);
        let mut chunk = 100_000u64;
        let mut tree = Tree::new(self, &relax, &fixed, &free, &pi);
        let outcome = loop {
            ctl.set_limit((ctl.nodes + chunk).min(search_limit));
            let outcome = tree.search(self, ctl);
            if matches!(outcome, Outcome::Proven)
                || ctl.stopped != Some(Stop::Budget)
                || ctl.nodes >= search_limit
            {
                break outcome;
            }
            ctl.stopped = None;
            chunk = chunk.saturating_mul(2);
            let best = self.best.as_ref().map(|b| b.value);
            let improved = match (fixed_at, best) {
                (Some(before), Some(now)) => now > before + self.precision.improve,
                (None, Some(_)) => true,
                _ => false,
            };
            if !improved {
                continue;
            }
            fixed_at = best;
            let (better_pi, bound) = self.subgradient(&relax, &fixed, &free, pi.clone(), ctl);
            pi = better_pi;
            if bound < self.threshold() {
                break Outcome::Proven;
            }
            if ctl.stopped.is_some() {
                break Outcome::Stopped(tree.open_bound(tree.level));
            }
            match self.reduce(&relax, &mut fixed, &free, &pi) {
                None => break Outcome::Proven,
                Some(rest) if rest.is_empty() => {
                    self.offer(fixed.selection());
                    break Outcome::Proven;
                }
                Some(rest) if rest.len() < free.len() => {
                    free = rest;
                    tree = Tree::new(self, &relax, &fixed, &free, &pi);
                }
                Some(_) => {}
            }
        };
        ctl.set_limit(total_limit);
        match (outcome, dp_row) {
            (Outcome::Stopped(ub), Some(row))
                if ctl.stopped == Some(Stop::Budget) && ctl.nodes < total_limit =>
            {
                // Fixings may have changed since the share was set: plan the DP afresh.
                match dp_plan(p, &fixed, &free, row, budget.max_dp_cells) {
                    Some(dp) => {
                        ctl.stopped = None;
                        let best = self.best.as_ref().map(|b| b.value);
                        match dp.run(p, &fixed, ctl, best, ub) {
                            Some(sel) => {
                                self.offer(sel);
                                if self.best.is_some() {
                                    Outcome::Proven
                                } else {
                                    Outcome::Stopped(ub)
                                }
                            }
                            None => Outcome::Stopped(ub),
                        }
                    }
                    None => Outcome::Stopped(ub),
                }
            }
            (outcome, _) => outcome,
        }
    }

    /// Subgradient steps on the Lagrangian dual; returns the best multipliers and the
    /// bound they give (base value included).
    fn subgradient(
        &mut self,
        relax: &Relaxation,
        fixed: &Fixed,
        free: &[usize],
        mut pi: Vec<f64>,
        ctl: &mut Control,
    ) -> (Vec<f64>, f64) {
        let p = self.p;
        let base: f64 = (0..p.len())
            .filter(|&i| fixed.state[i] == Some(true))
            .map(|i| p.values[i])
            .sum();
        let a: Vec<f64> = free.iter().map(|&i| p.efforts[relax.kept][i]).collect();
        let cap = fixed.cap_res[relax.kept];
        let mut vt = Vec::with_capacity(free.len());
        let mut order: Vec<usize> = (0..free.len()).collect();
        let mut best = (pi.clone(), f64::INFINITY);
        if relax.rows() == 0 {
            let constant = relax.modified(p, fixed, free, &pi, &mut vt);
            sort_by_ratio(&mut order, &vt, &a);
            return (pi, base + constant + dantzig(&order, &vt, &a, cap).0);
        }
        // Polyak steps towards a level `delta` below the best bound so far; `delta` halves
        // (and the walk restarts from the best multipliers) whenever the bound stalls, so
        // the steps shrink as the bound converges, whatever the incumbent's quality.
        let max_iterations = 400;
        let mut delta = f64::NAN;
        let mut stall = 0;
        for it in 0..max_iterations {
            let constant = relax.modified(p, fixed, free, &pi, &mut vt);
            sort_by_ratio(&mut order, &vt, &a);
            let (lp, _, x) = dantzig(&order, &vt, &a, cap);
            let bound = base + constant + lp;
            if bound < best.1 - self.precision.tol {
                best = (pi.clone(), bound);
                stall = 0;
            } else {
                stall += 1;
            }
            if it == 0 {
                delta = match &self.best {
                    Some(b) => ((bound - b.value) / 2.0).max(self.precision.tol),
                    None => 0.05 * bound.abs() + 1.0,
                };
            }
            if stall >= 5 {
                delta /= 2.0;
                stall = 0;
                pi.clone_from(&best.0);
                continue;
            }
            if it % 10 == 0 {
                let by_modified: Vec<usize> = order.iter().map(|&j| free[j]).collect();
                self.greedy(fixed, &by_modified);
                // Large problems spend a while here: let the caller see it and cancel.
                if let Some(f) = ctl.progress.as_deref_mut() {
                    let best_value = self.best.as_ref().map(|b| b.value);
                    // Later rounds bound only the plans fixing kept: add what it excluded.
                    let upper_bound = self
                        .root_bound
                        .min(best.1.max(self.excluded_bound))
                        .max(best_value.unwrap_or(f64::NEG_INFINITY));
                    if !f(&Progress {
                        nodes: ctl.nodes,
                        best_value,
                        upper_bound,
                    }) {
                        ctl.stopped = Some(Stop::Cancelled);
                        break;
                    }
                }
            }
            if best.1 < self.threshold() || delta < 1e-9 * best.1.abs().max(1.0) {
                break;
            }
            // Move against the subgradient, projected on π ≥ 0.
            let mut g = relax.slacks(p, fixed, free, &x);
            for (gj, &pj) in g.iter_mut().zip(&pi) {
                if pj <= 0.0 && *gj > 0.0 {
                    *gj = 0.0;
                }
            }
            let norm: f64 = g.iter().map(|x| x * x).sum();
            if norm <= 0.0 {
                break; // the LP choice meets every relaxed row: the bound is the LP's
            }
            let step = (bound - (best.1 - delta)) / norm;
            for (pj, gj) in pi.iter_mut().zip(&g) {
                *pj = (*pj - step * gj).max(0.0);
            }
        }
        {
            relax.modified(p, fixed, free, &best.0, &mut vt);
            sort_by_ratio(&mut order, &vt, &a);
            let by_modified: Vec<usize> = order.iter().map(|&j| free[j]).collect();
            self.greedy(fixed, &by_modified);
        }
        best
    }

    /// Reduced-cost fixing under multipliers `pi`: items whose flip from the LP's choice
    /// cannot beat the incumbent are fixed. Returns the free items left, or `None` when
    /// that proves no better plan exists.
    fn reduce(
        &mut self,
        relax: &Relaxation,
        fixed: &mut Fixed,
        free: &[usize],
        pi: &[f64],
    ) -> Option<Vec<usize>> {
        let p = self.p;
        if self.best.is_none() {
            return Some(free.to_vec());
        }
        let base: f64 = (0..p.len())
            .filter(|&i| fixed.state[i] == Some(true))
            .map(|i| p.values[i])
            .sum();
        let a: Vec<f64> = free.iter().map(|&i| p.efforts[relax.kept][i]).collect();
        let cap = fixed.cap_res[relax.kept];
        let mut vt = Vec::new();
        let constant = relax.modified(p, fixed, free, pi, &mut vt);
        let mut order: Vec<usize> = (0..free.len()).collect();
        sort_by_ratio(&mut order, &vt, &a);
        let (_, r, _) = dantzig(&order, &vt, &a, cap);
        // LP duality: value ≤ U − Σ |c_j| over the items that differ from the LP's choice.
        let c: Vec<f64> = vt.iter().zip(&a).map(|(v, a)| v - r * a).collect();
        let u = base + constant + r * cap.max(0.0) + c.iter().map(|x| x.max(0.0)).sum::<f64>();
        let mut changed = false;
        for (j, &i) in free.iter().enumerate() {
            let flipped = u - c[j].abs();
            if c[j] != 0.0 && flipped < self.threshold() {
                self.excluded_bound = self.excluded_bound.max(flipped);
                changed = true;
                if c[j] > 0.0 {
                    fixed.take(p, i);
                } else {
                    fixed.state[i] = Some(false);
                }
            }
        }
        if !changed {
            return Some(free.to_vec());
        }
        if fixed.broken() {
            return None;
        }
        fixed.drop_unfit(p);
        let rest = fixed.free();
        // A bucket minimum out of reach now proves the incumbent optimal.
        let nb = p.bucket_bounds.len();
        let mut reach = vec![0.0; nb];
        for &i in &rest {
            if let Some(b) = p.bucket(i) {
                reach[b] += p.efforts[0][i];
            }
        }
        if (0..nb).any(|b| fixed.lo_res[b] > 0.0 && reach[b] < fixed.lo_res[b]) {
            return None;
        }
        Some(rest)
    }
}

/// The depth-first search over the free items in Dantzig's order.
///
/// Level `d` decides the item at position `d`; `states` holds, per level, what is left of
/// each tracked bound and the sums so far, so going back restores exact numbers.
struct Tree {
    m: usize,
    item: Vec<usize>,
    v: Vec<f64>,
    vt: Vec<f64>,
    /// Tracked capacities per position (slot 0: the kept row).
    nc: usize,
    eff: Vec<f64>,
    /// Tracked buckets.
    nbk: usize,
    bslot: Vec<u32>,
    ab: Vec<f64>,
    lo_active: Vec<bool>,
    /// Per level: the primary effort of each tracked bucket's items at positions ≥ level.
    suffix: Vec<f64>,
    /// Slot of the primary capacity among the tracked ones.
    primary_slot: Option<usize>,
    /// Positions with a positive modified value come first; prefix sums over them.
    npos: usize,
    pa: Vec<f64>,
    pv: Vec<f64>,
    /// Base value (items fixed in) plus the Lagrangian constant.
    constant: f64,
    base: f64,
    width: usize,
    states: Vec<f64>,
    branch: Vec<u8>,
    taken: Vec<bool>,
    fixed_selection: Vec<bool>,
    /// Where a stopped search resumes.
    level: usize,
}

const NO_BUCKET: u32 = u32::MAX;
/// Branch states: the second branch (skip / take) is still to explore, or nothing is.
const ALT_SKIP: u8 = 0;
const ALT_TAKE: u8 = 1;
const DONE: u8 = 2;

impl Tree {
    fn new(search: &Search, relax: &Relaxation, fixed: &Fixed, free: &[usize], pi: &[f64]) -> Tree {
        let p = search.p;
        let mut vt_free = Vec::new();
        let lagrange_constant = relax.modified(p, fixed, free, pi, &mut vt_free);
        let a_free: Vec<f64> = free.iter().map(|&i| p.efforts[relax.kept][i]).collect();
        let mut order: Vec<usize> = (0..free.len()).collect();
        sort_by_ratio(&mut order, &vt_free, &a_free);
        let m = free.len();

        let mut caps = vec![relax.kept];
        caps.extend(relax.caps.iter().copied());
        let nc = caps.len();
        let primary_slot = caps.iter().position(|&k| k == 0);
        let mut tracked: Vec<usize> = relax.hi.iter().chain(&relax.lo).copied().collect();
        tracked.sort_unstable();
        tracked.dedup();
        let nbk = tracked.len();
        let mut slot_of = vec![NO_BUCKET; p.bucket_bounds.len()];
        for (s, &b) in tracked.iter().enumerate() {
            slot_of[b] = s as u32;
        }
        let lo_active = tracked.iter().map(|b| relax.lo.contains(b)).collect();

        let item: Vec<usize> = order.iter().map(|&j| free[j]).collect();
        let v = item.iter().map(|&i| p.values[i]).collect();
        let vt: Vec<f64> = order.iter().map(|&j| vt_free[j]).collect();
        let mut eff = Vec::with_capacity(m * nc);
        for &i in &item {
            for &k in &caps {
                eff.push(p.efforts[k][i]);
            }
        }
        let bslot: Vec<u32> = item
            .iter()
            .map(|&i| p.bucket(i).map_or(NO_BUCKET, |b| slot_of[b]))
            .collect();
        let ab: Vec<f64> = item.iter().map(|&i| p.efforts[0][i]).collect();
        let mut suffix = vec![0.0; (m + 1) * nbk];
        for d in (0..m).rev() {
            for s in 0..nbk {
                suffix[d * nbk + s] = suffix[(d + 1) * nbk + s];
            }
            if bslot[d] != NO_BUCKET {
                suffix[d * nbk + bslot[d] as usize] += ab[d];
            }
        }
        let npos = vt.iter().take_while(|&&x| x > 0.0).count();
        let mut pa = vec![0.0; npos + 1];
        let mut pv = vec![0.0; npos + 1];
        for d in 0..npos {
            pa[d + 1] = pa[d] + eff[d * nc];
            pv[d + 1] = pv[d] + vt[d];
        }
        let base: f64 = (0..p.len())
            .filter(|&i| fixed.state[i] == Some(true))
            .map(|i| p.values[i])
            .sum();

        let width = nc + 2 * nbk + 2;
        let mut states = vec![0.0; (m + 1) * width];
        for (s, &k) in caps.iter().enumerate() {
            states[s] = fixed.cap_res[k];
        }
        for (s, &b) in tracked.iter().enumerate() {
            states[nc + s] = fixed.hi_res[b];
            states[nc + nbk + s] = fixed.lo_res[b];
        }
        Tree {
            m,
            item,
            v,
            vt,
            nc,
            eff,
            nbk,
            bslot,
            ab,
            lo_active,
            suffix,
            primary_slot,
            npos,
            pa,
            pv,
            constant: base + lagrange_constant,
            base,
            width,
            states,
            branch: vec![DONE; m],
            taken: vec![false; m],
            fixed_selection: fixed.selection(),
            level: 0,
        }
    }

    /// Dantzig's bound over positions `d..` with `left` of the kept row.
    fn lp_from(&self, d: usize, left: f64) -> f64 {
        if d >= self.npos {
            return 0.0;
        }
        let target = self.pa[d] + left;
        // Last s with pa[s] ≤ pa[d] + left: positions d..s fit whole.
        let s = d + self.pa[d..=self.npos].partition_point(|&x| x <= target) - 1;
        let whole = self.pv[s] - self.pv[d];
        if s == self.npos {
            return whole;
        }
        // Martello and Toth's U2: the break item s is either out (the next item fills the
        // rest in part) or in (the last whole item makes room in part). Both at most
        // Dantzig's bound, and one of the two holds for every plan.
        let rest = (left - (self.pa[s] - self.pa[d])).max(0.0);
        let ratio = |q: usize| self.vt[q] / self.eff[q * self.nc];
        let without = whole
            + if s + 1 < self.npos {
                rest * ratio(s + 1)
            } else {
                0.0
            };
        let with = if s > d {
            whole + self.vt[s] - (self.eff[s * self.nc] - rest) * ratio(s - 1)
        } else {
            f64::NEG_INFINITY // item s alone does not fit
        };
        without.max(with)
    }

    fn state(&self, d: usize) -> &[f64] {
        &self.states[d * self.width..(d + 1) * self.width]
    }

    fn bound_at(&self, d: usize) -> f64 {
        let s = self.state(d);
        self.constant + s[self.width - 1] + self.lp_from(d, s[0])
    }

    fn fits(&self, d: usize) -> bool {
        let s = self.state(d);
        let e = &self.eff[d * self.nc..(d + 1) * self.nc];
        if e.iter().zip(s).any(|(a, r)| a > r) {
            return false;
        }
        let b = self.bslot[d];
        b == NO_BUCKET || self.ab[d] <= s[self.nc + b as usize]
    }

    /// Whether the bucket minimums can still be met from level `d`.
    fn minimums_reachable(&self, d: usize) -> bool {
        let s = self.state(d);
        let mut total = 0.0;
        for j in 0..self.nbk {
            let need = s[self.nc + self.nbk + j];
            if self.lo_active[j] && need > 0.0 {
                if self.suffix[d * self.nbk + j] < need {
                    return false;
                }
                total += need;
            }
        }
        self.primary_slot.is_none_or(|ps| total <= s[ps])
    }

    fn minimums_met(&self, d: usize) -> bool {
        let s = self.state(d);
        (0..self.nbk).all(|j| !self.lo_active[j] || s[self.nc + self.nbk + j] <= 0.0)
    }

    /// Level `d + 1`'s state: level `d`'s, with the item at `d` taken or not.
    fn descend(&mut self, d: usize, take: bool) {
        let w = self.width;
        let (head, tail) = self.states.split_at_mut((d + 1) * w);
        let (from, to) = (&head[d * w..], &mut tail[..w]);
        to.copy_from_slice(from);
        self.taken[d] = take;
        if take {
            for (r, a) in to[..self.nc]
                .iter_mut()
                .zip(&self.eff[d * self.nc..(d + 1) * self.nc])
            {
                *r -= a;
            }
            let b = self.bslot[d];
            if b != NO_BUCKET {
                to[self.nc + b as usize] -= self.ab[d];
                to[self.nc + self.nbk + b as usize] -= self.ab[d];
            }
            to[w - 2] += self.v[d];
            to[w - 1] += self.vt[d];
        }
    }

    fn selection(&self, upto: usize) -> Vec<bool> {
        let mut sel = self.fixed_selection.clone();
        for d in 0..upto {
            if self.taken[d] {
                sel[self.item[d]] = true;
            }
        }
        sel
    }

    /// A bound on every plan still to explore when the search is at level `level`.
    fn open_bound(&self, level: usize) -> f64 {
        let mut ub = if level == self.m {
            self.base + self.state(level)[self.width - 2]
        } else {
            self.bound_at(level)
        };
        for q in 0..level {
            let s = self.state(q);
            let alt = match self.branch[q] {
                ALT_SKIP => self.constant + s[self.width - 1] + self.lp_from(q + 1, s[0]),
                ALT_TAKE => {
                    self.constant
                        + s[self.width - 1]
                        + self.vt[q]
                        + self.lp_from(q + 1, s[0] - self.eff[q * self.nc])
                }
                _ => continue,
            };
            ub = ub.max(alt);
        }
        ub
    }

    /// Searches (or resumes searching) until the tree is exhausted or `ctl` says stop.
    fn search(&mut self, search: &mut Search, ctl: &mut Control) -> Outcome {
        let mut level = self.level;
        loop {
            ctl.nodes += 1;
            if ctl.nodes >= ctl.next_check {
                let best = search.best.as_ref().map(|b| b.value);
                let go = ctl.checkpoint(|| {
                    let ub = search
                        .root_bound
                        .min(self.open_bound(level).max(search.excluded_bound));
                    (best, best.map_or(ub, |b| ub.max(b)))
                });
                if !go {
                    self.level = level;
                    return Outcome::Stopped(self.open_bound(level));
                }
            }
            let prune = if level == self.m {
                if self.minimums_met(level) {
                    let value = self.base + self.state(level)[self.width - 2];
                    if value >= search.threshold() - search.precision.tol {
                        search.offer(self.selection(level));
                    }
                }
                true
            } else {
                !self.minimums_reachable(level) || self.bound_at(level) < search.threshold()
            };
            if !prune {
                let d = level;
                let can_take = self.fits(d);
                if self.vt[d] > 0.0 {
                    self.branch[d] = DONE;
                    if can_take {
                        self.branch[d] = ALT_SKIP;
                    }
                    self.descend(d, can_take);
                } else {
                    self.branch[d] = if can_take { ALT_TAKE } else { DONE };
                    self.descend(d, false);
                }
                level += 1;
                continue;
            }
            // Back to the deepest level with a branch left.
            loop {
                if level == 0 {
                    return Outcome::Proven;
                }
                level -= 1;
                match self.branch[level] {
                    ALT_SKIP => {
                        self.branch[level] = DONE;
                        self.descend(level, false);
                        level += 1;
                        break;
                    }
                    ALT_TAKE => {
                        self.branch[level] = DONE;
                        self.descend(level, true);
                        level += 1;
                        break;
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The exact dynamic programme over one knapsack row with efforts on a grid of 10⁻ᵈ.
struct Dp {
    /// (item, effort in grid units) of the free items worth something with effort on the row.
    items: Vec<(usize, usize)>,
    /// Free items worth something with no effort on the row: always in.
    always: Vec<usize>,
    capacity: usize,
}

/// Prepares the DP when the row's efforts and the free items allow it within `max_cells`.
fn dp_plan(p: &Problem, fixed: &Fixed, free: &[usize], row: Row, max_cells: u64) -> Option<Dp> {
    let residual = row.residual(fixed);
    let worth: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&i| p.values[i] > 0.0)
        .collect();
    for d in 0..=4 {
        let scale = 10f64.powi(d);
        let on_grid = |x: f64| {
            let y = x * scale;
            (y - y.round()).abs() <= 1e-12 * y.abs().max(1.0) && y.round() < 1e15
        };
        if !worth.iter().all(|&i| on_grid(row.effort(p, i))) {
            continue;
        }
        let mut items = Vec::new();
        let mut always = Vec::new();
        for &i in &worth {
            let w = (row.effort(p, i) * scale).round() as usize;
            if w == 0 {
                always.push(i);
            } else {
                items.push((i, w));
            }
        }
        let total: usize = items.iter().map(|x| x.1).sum();
        let capacity = ((residual * scale).floor().max(0.0) as usize).min(total);
        let cells = items.len() as u64 * (capacity as u64 + 1);
        if cells > max_cells {
            return None;
        }
        return Some(Dp {
            items,
            always,
            capacity,
        });
    }
    None
}

impl Dp {
    fn cells(&self) -> u64 {
        self.items.len() as u64 * (self.capacity as u64 + 1)
    }

    /// The optimal selection, or `None` when cancelled.
    fn run(
        &self,
        p: &Problem,
        fixed: &Fixed,
        ctl: &mut Control,
        best_value: Option<f64>,
        upper_bound: f64,
    ) -> Option<Vec<bool>> {
        let c = self.capacity;
        let words = (c + 1).div_ceil(64);
        let mut best = vec![0.0f64; c + 1];
        let mut took = vec![0u64; self.items.len() * words];
        let mut cells = 0u64;
        for (j, &(i, w)) in self.items.iter().enumerate() {
            let v = p.values[i];
            let bits = &mut took[j * words..(j + 1) * words];
            for cap in (w..=c).rev() {
                let candidate = best[cap - w] + v;
                if candidate > best[cap] {
                    best[cap] = candidate;
                    bits[cap / 64] |= 1 << (cap % 64);
                }
            }
            // The DP is bounded by `max_dp_cells`, not by nodes; it only listens for a cancel.
            cells += (c + 1) as u64;
            if cells >= 1 << 22 {
                cells = 0;
                if let Some(f) = ctl.progress.as_deref_mut() {
                    let go = f(&Progress {
                        nodes: ctl.nodes,
                        best_value,
                        upper_bound,
                    });
                    if !go {
                        ctl.stopped = Some(Stop::Cancelled);
                        return None;
                    }
                }
            }
        }
        let mut sel = fixed.selection();
        for &i in &self.always {
            sel[i] = true;
        }
        let mut cap = c;
        for (j, &(i, w)) in self.items.iter().enumerate().rev() {
            if took[j * words + cap / 64] >> (cap % 64) & 1 == 1 {
                sel[i] = true;
                cap -= w;
            }
        }
        Some(sel)
    }
}

// ---------------------------------------------------------------------------------------
// Plans of a scenario
// ---------------------------------------------------------------------------------------

/// A scenario's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Selected request indices, in rank order.
    pub selected: Vec<usize>,
    /// Total value of the selected requests.
    pub value: f64,
    /// Total effort per capacity entry (same order as `scenario.capacity`).
    pub effort: Vec<f64>,
    /// Primary effort per bucket (same order as `scenario.buckets`).
    pub bucket_effort: Vec<f64>,
    /// Whether the plan is proven optimal.
    pub optimal: bool,
    /// No plan is worth more than this; equal to `value` when optimal.
    pub upper_bound: f64,
    pub nodes: u64,
    pub stopped: Option<Stop>,
}

/// Why a scenario has no plan.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanError {
    /// The scenario has no capacity entry to plan against.
    NoCapacity,
    /// Something in the inputs cannot be planned (message says what).
    Invalid(String),
    /// Proven: no plan satisfies the constraints.
    Infeasible(Infeasible),
    /// The search stopped before finding a plan and did not prove there is none.
    NotFound { nodes: u64, stopped: Stop },
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::NoCapacity => f.write_str(
                "the scenario has no capacity to plan against: add a capacity entry (a cost criterion and the amount available)",
            ),
            PlanError::Invalid(m) => f.write_str(m),
            PlanError::Infeasible(inf) => write!(f, "no plan satisfies the constraints: {}", inf.messages().join("; ")),
            PlanError::NotFound { nodes, stopped } => write!(
                f,
                "{}",
                SolveError::NotFound {
                    nodes: *nodes,
                    stopped: *stopped
                }
            ),
        }
    }
}

impl std::error::Error for PlanError {}

impl From<SolveError> for PlanError {
    fn from(e: SolveError) -> PlanError {
        match e {
            SolveError::Invalid(m) => PlanError::Invalid(m),
            SolveError::Infeasible(inf) => PlanError::Infeasible(inf),
            SolveError::NotFound { nodes, stopped } => PlanError::NotFound { nodes, stopped },
        }
    }
}

/// The planning problem of a scenario: values from `scores.value`, efforts from the raw
/// values of the capacity criteria, bucket shares × the primary amount, the requests'
/// pins overridden by `extra_pins` (request index, pin).
pub fn problem(
    scenario: &Scenario,
    table: &Table,
    scores: &Scores,
    extra_pins: &[(usize, Pin)],
) -> Result<Problem, PlanError> {
    let n = scenario.requests.len();
    if scenario.capacity.is_empty() {
        return Err(PlanError::NoCapacity);
    }
    if scores.value.len() != n || table.len() != n {
        return Err(PlanError::Invalid(format!(
            "the scores cover {} requests and the table {}, the scenario has {n}",
            scores.value.len(),
            table.len()
        )));
    }
    let mut efforts = Vec::with_capacity(scenario.capacity.len());
    for entry in &scenario.capacity {
        let k = scenario
            .model
            .criterion_index(&entry.criterion)
            .ok_or_else(|| {
                PlanError::Invalid(format!(
                    "capacity names the criterion \"{}\", which the model does not have",
                    entry.criterion
                ))
            })?;
        let raw = &table.columns[k].raw;
        if let Some(i) = (0..n).find(|&i| !(raw[i].is_finite() && raw[i] >= 0.0)) {
            return Err(PlanError::Invalid(format!(
                "request {} has effort {} on \"{}\"; an effort on a capacity must be a number ≥ 0",
                scenario.requests[i].id, raw[i], entry.criterion
            )));
        }
        efforts.push(raw.clone());
    }
    let amounts: Vec<f64> = scenario.capacity.iter().map(|c| c.amount).collect();
    let primary = amounts[0];
    let bucket_bounds = scenario
        .buckets
        .iter()
        .map(|b| (b.min_share() * primary, b.max_share() * primary))
        .collect();
    let mut bucket_of = Vec::with_capacity(n);
    for r in &scenario.requests {
        bucket_of.push(match &r.bucket {
            None => None,
            Some(id) => Some(
                scenario
                    .buckets
                    .iter()
                    .position(|b| &b.id == id)
                    .ok_or_else(|| {
                        PlanError::Invalid(format!(
                            "request {} names the bucket \"{id}\", which does not exist",
                            r.id
                        ))
                    })? as u32,
            ),
        });
    }
    let mut pins: Vec<Option<Pin>> = scenario.requests.iter().map(|r| r.plan).collect();
    for &(i, pin) in extra_pins {
        if i >= n {
            return Err(PlanError::Invalid(format!(
                "pin for request index {i}, but there are {n} requests"
            )));
        }
        pins[i] = Some(pin);
    }
    if let Some(i) = (0..n).find(|&i| !scores.value[i].is_finite()) {
        return Err(PlanError::Invalid(format!(
            "request {} has value {}; a plan needs finite values",
            scenario.requests[i].id, scores.value[i]
        )));
    }
    Ok(Problem {
        values: scores.value.clone(),
        efforts,
        amounts,
        bucket_of,
        bucket_bounds,
        pins,
        capacity_names: scenario
            .capacity
            .iter()
            .map(|c| c.criterion.clone())
            .collect(),
        bucket_names: scenario.buckets.iter().map(|b| b.id.clone()).collect(),
    })
}

/// The scenario's plan under the default [`Budget`].
pub fn plan(
    scenario: &Scenario,
    table: &Table,
    scores: &Scores,
    extra_pins: &[(usize, Pin)],
) -> Result<Plan, PlanError> {
    plan_with(
        scenario,
        table,
        scores,
        extra_pins,
        &Budget::default(),
        None,
    )
}

/// The scenario's plan under `budget`, reporting progress (return `false` to cancel).
pub fn plan_with(
    scenario: &Scenario,
    table: &Table,
    scores: &Scores,
    extra_pins: &[(usize, Pin)],
    budget: &Budget,
    progress: Option<&mut dyn FnMut(&Progress) -> bool>,
) -> Result<Plan, PlanError> {
    let problem = problem(scenario, table, scores, extra_pins)?;
    let solution = solve(&problem, budget, progress)?;
    let mut selected = solution.indices();
    selected.sort_by_key(|&i| scores.rank[i]);
    let (effort, bucket_effort) = problem.totals(&solution.selected);
    Ok(Plan {
        selected,
        value: solution.value,
        effort,
        bucket_effort,
        optimal: solution.optimal,
        upper_bound: solution.upper_bound,
        nodes: solution.nodes,
        stopped: solution.stopped,
    })
}

/// What a what-if changes: requests displaced (in the old plan, not the new), added (in
/// the new, not the old), each in its plan's rank order, and the change in total value.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub displaced: Vec<usize>,
    pub added: Vec<usize>,
    pub value_change: f64,
}

/// Compares a plan with the plan of a what-if (a request pinned as must, or dropped).
pub fn compare(old: &Plan, new: &Plan) -> Change {
    let in_new: std::collections::HashSet<usize> = new.selected.iter().copied().collect();
    let in_old: std::collections::HashSet<usize> = old.selected.iter().copied().collect();
    Change {
        displaced: old
            .selected
            .iter()
            .copied()
            .filter(|i| !in_new.contains(i))
            .collect(),
        added: new
            .selected
            .iter()
            .copied()
            .filter(|i| !in_old.contains(i))
            .collect(),
        value_change: new.value - old.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knapsack(values: &[f64], efforts: &[f64], amount: f64) -> Problem {
        Problem {
            values: values.to_vec(),
            efforts: vec![efforts.to_vec()],
            amounts: vec![amount],
            capacity_names: vec!["cost".into()],
            ..Problem::default()
        }
    }

    fn solved(p: &Problem) -> Solution {
        let s = solve(p, &Budget::default(), None).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            p.is_feasible(&s.selected),
            "{:?}",
            p.violations(&s.selected)
        );
        assert!((p.value_of(&s.selected) - s.value).abs() < 1e-9);
        s
    }

    fn infeasible(p: &Problem) -> Vec<String> {
        match solve(p, &Budget::default(), None) {
            Err(SolveError::Infeasible(inf)) => inf.messages(),
            other => panic!("expected infeasible, got {other:?}"),
        }
    }

    /// Every subset, for small problems: the best value, or None when none is feasible.
    fn brute_force(p: &Problem) -> Option<f64> {
        let n = p.len();
        let mut best: Option<f64> = None;
        for mask in 0u32..(1 << n) {
            let sel: Vec<bool> = (0..n).map(|i| mask >> i & 1 == 1).collect();
            if p.is_feasible(&sel) {
                let v = p.value_of(&sel);
                best = Some(best.map_or(v, |b: f64| b.max(v)));
            }
        }
        best
    }

    #[test]
    fn the_tolerance_rule() {
        assert!(at_most(0.1 + 0.2, 0.3));
        assert!(at_most(40.0 + 4e-8, 40.0));
        assert!(!at_most(40.0 + 1e-7, 40.0));
        assert!(at_most(1e-9, 0.0));
        assert!(!at_most(2e-9, 0.0));
        assert!(at_least(0.3 - 1e-12, 0.1 + 0.2));
        assert!(!at_least(11.99, 12.0));
        assert!(at_most(1e300, f64::INFINITY));
    }

    #[test]
    fn numbers_in_messages_read_as_typed() {
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(43.5), "43.5");
        assert_eq!(num(40.0), "40");
        assert_eq!(num(3.5000000000000036), "3.5");
        assert_eq!(num(-2.0), "-2");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(1234567.25), "1234567.25");
        assert_eq!(num(1e-7), "0.0000001");
    }

    #[test]
    fn optimal_where_greedy_is_not() {
        // By value per effort: 60/10, 100/20, 120/30; greedy takes 10 + 20 = 160.
        let p = knapsack(&[60.0, 100.0, 120.0], &[10.0, 20.0, 30.0], 50.0);
        let s = solved(&p);
        assert_eq!(s.indices(), vec![1, 2]);
        assert_eq!(s.value, 220.0);
        assert!(s.optimal);
        assert_eq!(s.upper_bound, s.value);
        assert_eq!(s.gap(), 0.0);
    }

    #[test]
    fn decimals_add_up_within_the_tolerance() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary: still within 0.3.
        let p = knapsack(&[1.0, 1.0, 5.0], &[0.1, 0.2, 0.35], 0.3);
        let s = solved(&p);
        assert_eq!(s.indices(), vec![0, 1]);
        // Three efforts of 0.1 fill 0.3 exactly.
        let p = knapsack(&[1.0, 1.0, 1.0, 1.0], &[0.1, 0.1, 0.1, 0.1], 0.3);
        assert_eq!(solved(&p).value, 3.0);
        // Many decimal efforts filling the capacity exactly: 7 × 1.1 = 7.7.
        let p = knapsack(&[1.0; 10], &[1.1; 10], 7.7);
        assert_eq!(solved(&p).value, 7.0);
        // Just over is over.
        let p = knapsack(&[1.0, 1.0], &[0.2, 0.1000001], 0.3);
        assert_eq!(solved(&p).value, 1.0);
    }

    #[test]
    fn pins_are_honoured() {
        let mut p = knapsack(&[10.0, 1.0, 9.0], &[5.0, 5.0, 5.0], 10.0);
        p.pins = vec![Some(Pin::Never), Some(Pin::Must), None];
        let s = solved(&p);
        assert_eq!(s.indices(), vec![1, 2]);
        assert_eq!(s.value, 10.0);
    }

    #[test]
    fn musts_over_capacity_say_by_how_much() {
        let mut p = knapsack(&[1.0, 1.0, 1.0], &[20.0, 23.5, 1.0], 40.0);
        p.pins = vec![Some(Pin::Must), Some(Pin::Must), None];
        assert_eq!(
            infeasible(&p),
            vec!["the must requests need 43.5 of capacity \"cost\" (40 available): over by 3.5"]
        );
        // Unnamed capacities are numbered; every failing capacity is listed.
        let p = Problem {
            values: vec![1.0, 1.0],
            efforts: vec![vec![3.0, 3.0], vec![0.1, 0.2]],
            amounts: vec![5.0, 0.25],
            pins: vec![Some(Pin::Must), Some(Pin::Must)],
            ..Problem::default()
        };
        assert_eq!(
            infeasible(&p),
            vec![
                "the must requests need 6 of capacity #1 (5 available): over by 1",
                "the must requests need 0.3 of capacity #2 (0.25 available): over by 0.05",
            ]
        );
    }

    fn with_buckets(
        mut p: Problem,
        bucket_of: &[Option<u32>],
        bounds: &[(f64, f64)],
        names: &[&str],
    ) -> Problem {
        p.bucket_of = bucket_of.to_vec();
        p.bucket_bounds = bounds.to_vec();
        p.bucket_names = names.iter().map(|s| s.to_string()).collect();
        p
    }

    #[test]
    fn musts_above_a_bucket_maximum() {
        let mut p = knapsack(&[1.0, 1.0, 1.0], &[12.0, 10.0, 1.0], 100.0);
        p.pins = vec![Some(Pin::Must), Some(Pin::Must), None];
        let p = with_buckets(p, &[Some(0), Some(0), None], &[(0.0, 20.0)], &["retention"]);
        assert_eq!(
            infeasible(&p),
            vec!["the must requests in bucket \"retention\" use 22 of \"cost\", above its maximum share 20: over by 2"]
        );
    }

    #[test]
    fn a_bucket_minimum_its_requests_cannot_reach() {
        let mut p = knapsack(&[1.0, 1.0, 1.0, 1.0], &[4.0, 5.0, 3.0, 1.0], 40.0);
        p.pins = vec![None, None, Some(Pin::Never), None];
        let p = with_buckets(
            p,
            &[Some(0), Some(0), Some(0), None],
            &[(12.0, 40.0)],
            &["growth"],
        );
        assert_eq!(
            infeasible(&p),
            vec!["bucket \"growth\" needs at least 12 of \"cost\" but its requests can give at most 9: short by 3"]
        );
    }

    #[test]
    fn bucket_minimums_over_a_capacity() {
        // Primary: the two minimums need 20 of 15.
        let p = knapsack(&[1.0; 4], &[10.0, 10.0, 10.0, 10.0], 15.0);
        let p = with_buckets(
            p,
            &[Some(0), Some(0), Some(1), Some(1)],
            &[(8.0, 15.0), (12.0, 15.0)],
            &["growth", "retention"],
        );
        assert_eq!(
            infeasible(&p),
            vec!["meeting the bucket minimums, with the must requests, needs at least 20 of capacity \"cost\" (15 available): over by 5"]
        );
        // A second capacity: growth needs both its requests (5 + 5 ≥ 10), which need
        // 2 + 3.5 = 5.5 of "frontend" (5 available).
        let p = Problem {
            values: vec![1.0; 3],
            efforts: vec![vec![5.0, 5.0, 5.0], vec![2.0, 3.5, 0.0]],
            amounts: vec![100.0, 5.0],
            bucket_of: vec![Some(0), Some(0), None],
            bucket_bounds: vec![(10.0, 100.0)],
            pins: vec![None, None, Some(Pin::Must)],
            capacity_names: vec!["backend".into(), "frontend".into()],
            bucket_names: vec!["growth".into()],
        };
        assert_eq!(
            infeasible(&p),
            vec!["meeting the bucket minimums, with the must requests, needs at least 5.5 of capacity \"frontend\" (5 available): over by 0.5"]
        );
        // With 5.5 available it is a plan.
        let mut q = p.clone();
        q.amounts[1] = 5.5;
        assert_eq!(solved(&q).value, 3.0);
    }

    #[test]
    fn a_bucket_range_no_combination_lands_in() {
        // Efforts 6 and 7 give 0, 6, 7 or 13: none in 10..=12.
        let p = knapsack(&[5.0, 5.0, 1.0], &[6.0, 7.0, 1.0], 40.0);
        let p = with_buckets(p, &[Some(0), Some(0), None], &[(10.0, 12.0)], &["growth"]);
        assert_eq!(
            infeasible(&p),
            vec!["bucket \"growth\" needs between 10 and 12 of \"cost\", and no combination of its requests that fits the capacities lands in that range"]
        );
    }

    #[test]
    fn bucket_minimums_that_fail_only_together() {
        // Each bucket needs both its items (6 + 6 ≥ 10): 24 in all, capacity 23.
        let p = knapsack(&[1.0; 4], &[6.0; 4], 23.0);
        let p = with_buckets(
            p,
            &[Some(0), Some(0), Some(1), Some(1)],
            &[(10.0, 23.0), (10.0, 23.0)],
            &["growth", "retention"],
        );
        assert_eq!(
            infeasible(&p),
            vec!["the bucket minimums cannot all be met at once within the capacities (bucket \"growth\" at least 10, bucket \"retention\" at least 10 of \"cost\"); each alone can be met"]
        );
    }

    #[test]
    fn bucket_minimum_and_maximum_shape_the_plan() {
        // Without buckets: items 0, 1, 2 (value 30). Growth needs ≥ 4 of its own.
        let p = knapsack(
            &[10.0, 10.0, 10.0, 2.0, 1.0],
            &[2.0, 2.0, 2.0, 4.0, 2.0],
            8.0,
        );
        let p = with_buckets(
            p,
            &[Some(1), Some(1), Some(1), Some(0), Some(0)],
            &[(4.0, 8.0), (0.0, 8.0)],
            &["growth", "retention"],
        );
        let s = solved(&p);
        assert_eq!(s.value, 22.0);
        assert_eq!(brute_force(&p), Some(22.0));
        // A maximum of 4 on bucket 1 leaves room for one of growth's cheaper items.
        let mut q = p.clone();
        q.bucket_bounds[1] = (0.0, 4.0);
        let s = solved(&q);
        assert_eq!(s.value, 22.0);
        let (_, per_bucket) = q.totals(&s.selected);
        assert!(per_bucket[1] <= 4.0 && per_bucket[0] >= 4.0);
        // With 6 available and growth's minimum gone: two of bucket 1 and the cheap one.
        q.bucket_bounds[0] = (0.0, 8.0);
        q.amounts[0] = 6.0;
        assert_eq!(solved(&q).value, 21.0);
        assert_eq!(brute_force(&q), Some(21.0));
    }

    #[test]
    fn a_minimum_can_require_a_request_of_negative_value() {
        let p = knapsack(&[5.0, -1.0, 3.0], &[1.0, 2.0, 1.0], 10.0);
        let s = solved(&p);
        assert_eq!(s.indices(), vec![0, 2]);
        let p = with_buckets(p, &[None, Some(0), None], &[(1.5, 10.0)], &["platform"]);
        let s = solved(&p);
        assert_eq!(s.indices(), vec![0, 1, 2]);
        assert_eq!(s.value, 7.0);
    }

    #[test]
    fn requests_without_effort_and_without_value() {
        let p = knapsack(&[4.0, 0.0, 3.0, 7.0], &[0.0, 0.0, 5.0, 6.0], 5.0);
        let s = solved(&p);
        assert_eq!(s.indices(), vec![0, 2]);
        // Nothing can fit: the plan is empty, and optimal.
        let p = knapsack(&[4.0, 7.0], &[6.0, 9.0], 5.0);
        let s = solved(&p);
        assert!(s.indices().is_empty() && s.optimal);
        // No requests at all.
        let s = solved(&knapsack(&[], &[], 5.0));
        assert!(s.selected.is_empty() && s.value == 0.0);
    }

    #[test]
    fn several_capacities() {
        let p = Problem {
            values: vec![10.0, 8.0, 7.0, 3.0],
            efforts: vec![vec![3.0, 2.0, 2.0, 1.0], vec![1.0, 3.0, 2.5, 0.5]],
            amounts: vec![5.0, 4.0],
            ..Problem::default()
        };
        let s = solved(&p);
        assert_eq!(Some(s.value), brute_force(&p));
        // {0, 1} uses 5 and 4: exactly both amounts.
        assert_eq!(s.indices(), vec![0, 1]);
    }

    #[test]
    fn integer_values_prune_by_whole_steps_and_cents_by_cents() {
        let p = knapsack(&[3.0, 4.0, 5.0], &[2.0, 3.0, 4.0], 5.0);
        let pr = Precision::new(&p, &[0, 1, 2]);
        assert!((pr.improve - (1.0 - pr.tol)).abs() < 1e-12);
        let p = knapsack(&[3.25, 4.5, 5.01], &[2.0, 3.0, 4.0], 5.0);
        assert!((Precision::new(&p, &[0, 1, 2]).improve - 0.01).abs() < 1e-6);
        let p = knapsack(&[1.0 / 3.0, 4.5], &[2.0, 3.0], 5.0);
        assert!(Precision::new(&p, &[0, 1]).improve < 1e-6);
    }

    /// A problem the search cannot settle at its root: values equal efforts (a subset sum).
    fn subset_sum(n: usize) -> Problem {
        let w: Vec<f64> = (0..n)
            .map(|i| (1000 + (i * 7919) % 997) as f64 + 0.5)
            .collect();
        let amount = w.iter().sum::<f64>() / 2.0 + 0.25;
        knapsack(&w, &w, amount)
    }

    #[test]
    fn the_budget_stops_the_search_without_claiming_optimality() {
        let p = subset_sum(40);
        let budget = Budget {
            max_nodes: 500,
            max_dp_cells: 0,
            ..Budget::default()
        };
        let s = solve(&p, &budget, None).unwrap();
        assert!(!s.optimal);
        assert_eq!(s.stopped, Some(Stop::Budget));
        assert!(p.is_feasible(&s.selected));
        assert!(s.upper_bound >= s.value && s.gap() > 0.0);
        assert!(
            at_most(s.upper_bound, p.amounts[0]),
            "the LP bound is at most the capacity"
        );
    }

    #[test]
    fn progress_is_reported_and_can_cancel() {
        let p = subset_sum(40);
        let budget = Budget {
            max_nodes: 1_000_000,
            progress_every: 100,
            max_dp_cells: 0,
        };
        let mut calls = Vec::new();
        let mut cb = |pr: &Progress| {
            calls.push(*pr);
            calls.len() < 3
        };
        let s = solve(&p, &budget, Some(&mut cb)).unwrap();
        assert_eq!(calls.len(), 3);
        assert!(calls.windows(2).all(|w| w[0].nodes < w[1].nodes));
        assert!(calls
            .iter()
            .all(|c| c.best_value.is_some_and(|v| v <= c.upper_bound)));
        assert_eq!(s.stopped, Some(Stop::Cancelled));
        assert!(!s.optimal && s.nodes < 1000);
        assert!(p.is_feasible(&s.selected));
    }

    #[test]
    fn a_cancel_is_heard_before_the_tree_search() {
        // Buckets are relaxed with multipliers: the subgradient reports progress too.
        let n = 60;
        let e: Vec<f64> = (0..n).map(|i| 1.0 + (i * 37 % 17) as f64 / 2.0).collect();
        let v: Vec<f64> = (0..n).map(|i| 3.0 + (i * 53 % 29) as f64).collect();
        let p = with_buckets(
            knapsack(&v, &e, 60.0),
            &(0..n).map(|i| Some((i % 3) as u32)).collect::<Vec<_>>(),
            &[(20.0, 30.0), (0.0, 15.0), (0.0, 25.0)],
            &["a", "b", "c"],
        );
        let mut calls = 0;
        let mut cancel = |pr: &Progress| {
            calls += 1;
            assert!(pr.best_value.is_none_or(|v| v <= pr.upper_bound));
            false
        };
        match solve(&p, &Budget::default(), Some(&mut cancel)) {
            Ok(s) => {
                assert!(!s.optimal && s.stopped == Some(Stop::Cancelled));
                assert!(p.is_feasible(&s.selected) && s.upper_bound >= s.value);
                assert_eq!(s.nodes, 0, "stopped before the tree search");
            }
            Err(SolveError::NotFound { stopped, .. }) => assert_eq!(stopped, Stop::Cancelled),
            Err(e) => panic!("{e}"),
        }
        assert_eq!(calls, 1);
        // Uncancelled, the same problem is solved to optimality.
        let s = solved(&p);
        assert!(s.optimal);
    }

    #[test]
    fn invalid_problems_are_refused() {
        let bad = |p: Problem| {
            matches!(
                solve(&p, &Budget::default(), None),
                Err(SolveError::Invalid(_))
            )
        };
        assert!(bad(knapsack(&[1.0], &[-1.0], 5.0)));
        assert!(bad(knapsack(&[f64::NAN], &[1.0], 5.0)));
        assert!(bad(knapsack(&[1.0, 2.0], &[1.0], 5.0)));
        assert!(bad(knapsack(&[1.0], &[1.0], -5.0)));
        assert!(bad(Problem {
            values: vec![1.0],
            ..Problem::default()
        }));
        let p = with_buckets(
            knapsack(&[1.0], &[1.0], 5.0),
            &[Some(1)],
            &[(0.0, 1.0)],
            &["x"],
        );
        assert!(bad(p));
        let p = with_buckets(
            knapsack(&[1.0], &[1.0], 5.0),
            &[Some(0)],
            &[(2.0, 1.0)],
            &["x"],
        );
        assert!(bad(p));
    }

    #[test]
    fn small_problems_match_every_subset() {
        // A fixed family of small problems with buckets, two capacities and pins.
        let mut seed = 12345u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..200 {
            let n = 1 + (rnd() * 10.0) as usize;
            let e0: Vec<f64> = (0..n).map(|_| (rnd() * 50.0).round() / 10.0).collect();
            let e1: Vec<f64> = (0..n).map(|_| (rnd() * 30.0).round() / 10.0).collect();
            let a0 = (e0.iter().sum::<f64>() * (0.2 + 0.6 * rnd()) * 10.0).round() / 10.0;
            let p = Problem {
                values: (0..n).map(|_| (rnd() * 100.0).round() / 4.0).collect(),
                efforts: vec![e0, e1.clone()],
                amounts: vec![a0, (e1.iter().sum::<f64>() * 0.6 * 10.0).round() / 10.0],
                bucket_of: (0..n)
                    .map(|_| [None, Some(0), Some(1)][(rnd() * 3.0) as usize])
                    .collect(),
                bucket_bounds: vec![(0.2 * a0 * rnd(), a0 * (0.4 + rnd())), (0.0, 0.5 * a0)],
                pins: (0..n)
                    .map(|_| {
                        [None, None, None, Some(Pin::Must), Some(Pin::Never)]
                            [(rnd() * 5.0) as usize]
                    })
                    .collect(),
                ..Problem::default()
            };
            let expected = brute_force(&p);
            match solve(&p, &Budget::default(), None) {
                Ok(s) => {
                    assert!(p.is_feasible(&s.selected));
                    assert!(s.optimal);
                    let best = expected.expect("brute force found no plan but the solver did");
                    assert!(
                        (s.value - best).abs() < 1e-9,
                        "{} vs {best}: {p:?}",
                        s.value
                    );
                }
                Err(SolveError::Infeasible(_)) => assert_eq!(expected, None, "{p:?}"),
                Err(e) => panic!("{e}"),
            }
        }
    }

    // ---- plans of scenarios ----

    const SCENARIO: &str = r#"{
      "format": "thresh.scenario", "version": 1, "name": "plan test",
      "model": { "criteria": [
        { "id": "impact", "label": "Impact", "direction": "benefit", "scale": "fixed", "min": 0, "max": 10 },
        { "id": "cost", "label": "Cost", "direction": "cost", "weight": 0 },
        { "id": "frontend", "label": "Frontend", "direction": "cost", "weight": 0 } ] },
      "capacity": [ { "criterion": "cost", "amount": 10 }, { "criterion": "frontend", "amount": 3 } ],
      "buckets": [ { "id": "growth", "min_share": 0.3 }, { "id": "retention", "max_share": 0.5 } ],
      "requests": [
        { "id": "A", "title": "a", "bucket": "growth",    "values": { "impact": 9, "cost": 4, "frontend": 1 } },
        { "id": "B", "title": "b", "bucket": "retention", "values": { "impact": 8, "cost": 3, "frontend": 1 } },
        { "id": "C", "title": "c", "bucket": "retention", "values": { "impact": 7, "cost": 3, "frontend": 0.5 } },
        { "id": "D", "title": "d",                         "values": { "impact": 6, "cost": { "low": 1, "likely": 2.5, "high": 4 }, "frontend": 0.5 } },
        { "id": "E", "title": "e", "bucket": "growth",    "values": { "impact": 2, "cost": 1, "frontend": 0 } },
        { "id": "F", "title": "f",                         "values": { "impact": 10, "cost": 1, "frontend": 0 }, "plan": "never" }
      ] }"#;

    fn scenario() -> (Scenario, Table, Scores) {
        let s = crate::read::from_str(SCENARIO).unwrap();
        let table = Table::new(&s);
        let weights: Vec<f64> = s.model.criteria.iter().map(|c| c.weight()).collect();
        let scores = table.score(&s.model.criteria, &weights).unwrap();
        (s, table, scores)
    }

    fn ids(s: &Scenario, list: &[usize]) -> Vec<String> {
        list.iter().map(|&i| s.requests[i].id.clone()).collect()
    }

    #[test]
    fn a_scenario_plan() {
        let (s, table, scores) = scenario();
        let plan = plan(&s, &table, &scores, &[]).unwrap();
        // Values are 10 × impact. Growth needs at least 3 of "cost" (only A gives that);
        // retention's maximum of 5 keeps one of B and C; D's likely cost is 2.5; F is
        // never. A + B + D = 9.5 of 10 is worth 230; adding E (1) would pass 10.
        assert_eq!(ids(&s, &plan.selected), ["A", "B", "D"]);
        assert!((plan.value - 230.0).abs() < 1e-9);
        assert_eq!(plan.effort, vec![9.5, 2.5]);
        assert_eq!(plan.bucket_effort, vec![4.0, 3.0]);
        assert!(plan.optimal && plan.upper_bound == plan.value && plan.stopped.is_none());
    }

    #[test]
    fn what_ifs_report_what_they_displace_and_add() {
        let (s, table, scores) = scenario();
        let base = plan(&s, &table, &scores, &[]).unwrap();
        // Pin C: retention holds one of B and C, so B goes.
        let with_c = plan(&s, &table, &scores, &[(2, Pin::Must)]).unwrap();
        assert_eq!(ids(&s, &with_c.selected), ["A", "C", "D"]);
        let change = compare(&base, &with_c);
        assert_eq!(ids(&s, &change.displaced), ["B"]);
        assert_eq!(ids(&s, &change.added), ["C"]);
        assert!((change.value_change + 10.0).abs() < 1e-9);
        // Pin E: D no longer fits beside A, B and E.
        let with_e = plan(&s, &table, &scores, &[(4, Pin::Must)]).unwrap();
        let change = compare(&base, &with_e);
        assert_eq!(ids(&s, &change.displaced), ["D"]);
        assert_eq!(ids(&s, &change.added), ["E"]);
        // Drop B: C takes its place.
        let without_b = plan(&s, &table, &scores, &[(1, Pin::Never)]).unwrap();
        let change = compare(&base, &without_b);
        assert_eq!(
            (ids(&s, &change.displaced), ids(&s, &change.added)),
            (vec!["B".to_string()], vec!["C".to_string()])
        );
        // An extra pin overrides the file's: F is "never" in the file.
        let with_f = plan(&s, &table, &scores, &[(5, Pin::Must)]).unwrap();
        assert!(with_f.selected.contains(&5));
        // Drop A: growth's minimum of 3 cannot be met by E alone.
        match plan(&s, &table, &scores, &[(0, Pin::Never)]) {
            Err(e @ PlanError::Infeasible(_)) => assert_eq!(
                e.to_string(),
                "no plan satisfies the constraints: bucket \"growth\" needs at least 3 of \"cost\" but its requests can give at most 1: short by 2"
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            plan(&s, &table, &scores, &[(9, Pin::Must)]),
            Err(PlanError::Invalid(_))
        ));
    }

    #[test]
    fn a_scenario_without_capacity_cannot_be_planned() {
        let (mut s, table, scores) = scenario();
        s.capacity.clear();
        assert_eq!(plan(&s, &table, &scores, &[]), Err(PlanError::NoCapacity));
    }
}
