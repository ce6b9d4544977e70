//! The driver: presolve, the budget, progress and cancel, and the order in which the
//! relaxation, the dynamic programme and the branch and bound are tried.
//!
//! [`solve`] applies the pins and reports what they break, leaves out what cannot fit,
//! drops the constraints nothing can break, then hands the rest to the Lagrangian bounds
//! (`relax`), the tree search (`search`) and the dynamic programme (`dp`). Work is
//! counted in nodes against [`Budget::max_nodes`]; the progress callback is the only way
//! out mid-search. Nothing here reads a clock or starts a thread.

use std::fmt;

use super::dp::CoreDp;
use super::infeasible::{diagnose_minimums, minimums_out_of_reach, musts_break_bounds, Infeasible};
use super::problem::{slack, Problem, Solution, Stop, TOLERANCE};
use super::relax::{sort_by_ratio, Relaxation};
use super::search::Tree;
use crate::model::Pin;

/// How much work the search may do.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    /// Search nodes (tree nodes, and states the dynamic programme visits) after which the
    /// search stops and returns the best plan found so far.
    pub max_nodes: u64,
    /// The progress callback is called every this many nodes.
    pub progress_every: u64,
    /// Cells the dynamic programme may hold at once: its states (an effort and the best
    /// value for it, 24 bytes each, twice while a step merges: 2,000,000 take about 100 MB);
    /// past this many the branch and bound takes over. 0 turns the programme off.
    pub max_dp_cells: u64,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            max_nodes: 20_000_000,
            progress_every: 65_536,
            max_dp_cells: 2_000_000,
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
    solve_from(problem, budget, progress, None)
}

/// [`solve`], with `start` — a selection believed good, such as the plan of a nearby
/// problem — offered as the first incumbent (taken only when it satisfies every
/// constraint). A good start can prune more; the answer is as optimal either way.
pub fn solve_from(
    problem: &Problem,
    budget: &Budget,
    progress: Option<&mut dyn FnMut(&Progress) -> bool>,
    start: Option<&[bool]>,
) -> Result<Solution, SolveError> {
    problem.validate().map_err(SolveError::Invalid)?;
    let mut ctl = Control::new(budget, progress);
    solve_with(problem, budget, &mut ctl, true, start)
}

/// Node counting, the budget and the progress callback.
pub(super) struct Control<'f> {
    pub(super) nodes: u64,
    /// Stop at this many nodes (a phase may move it for a while).
    pub(super) limit: u64,
    every: u64,
    pub(super) next_check: u64,
    pub(super) progress: Option<&'f mut dyn FnMut(&Progress) -> bool>,
    pub(super) stopped: Option<Stop>,
}

impl<'f> Control<'f> {
    pub(super) fn new(
        budget: &Budget,
        progress: Option<&'f mut dyn FnMut(&Progress) -> bool>,
    ) -> Control<'f> {
        let every = budget.progress_every.max(1);
        Control {
            nodes: 0,
            limit: budget.max_nodes,
            every,
            next_check: every.min(budget.max_nodes),
            progress,
            stopped: None,
        }
    }

    /// Called at a checkpoint: false when the search must stop. `bounds` gives the
    /// incumbent's value and the proven upper bound, computed only when needed.
    pub(super) fn checkpoint(&mut self, bounds: impl FnOnce() -> (Option<f64>, f64)) -> bool {
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

    pub(super) fn set_limit(&mut self, limit: u64) {
        self.limit = limit;
        self.next_check = (self.nodes + self.every)
            .min(self.limit)
            .max(self.nodes + 1);
    }
}

/// The problem after pins and fixings: each item in, out or free, and what is left of
/// every bound (tolerance included).
#[derive(Clone, Debug)]
pub(super) struct Fixed {
    pub(super) state: Vec<Option<bool>>,
    /// Per capacity: amount + slack − efforts of the items in.
    pub(super) cap_res: Vec<f64>,
    /// Per bucket: maximum + slack − primary effort of its items in.
    pub(super) hi_res: Vec<f64>,
    /// Per bucket: minimum − slack − primary effort of its items in (met when ≤ 0).
    pub(super) lo_res: Vec<f64>,
}

impl Fixed {
    pub(super) fn take(&mut self, p: &Problem, i: usize) {
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
    pub(super) fn fits(&self, p: &Problem, i: usize) -> bool {
        p.efforts
            .iter()
            .zip(&self.cap_res)
            .all(|(list, &r)| list[i] <= r)
            && p.bucket(i)
                .is_none_or(|b| p.efforts[0][i] <= self.hi_res[b])
    }

    pub(super) fn broken(&self) -> bool {
        self.cap_res.iter().chain(&self.hi_res).any(|&r| r < 0.0)
    }

    /// Leaves out the free items that no longer fit on their own.
    pub(super) fn drop_unfit(&mut self, p: &Problem) {
        for i in 0..p.len() {
            if self.state[i].is_none() && !self.fits(p, i) {
                self.state[i] = Some(false);
            }
        }
    }

    pub(super) fn free(&self) -> Vec<usize> {
        (0..self.state.len())
            .filter(|&i| self.state[i].is_none())
            .collect()
    }

    pub(super) fn selection(&self) -> Vec<bool> {
        self.state.iter().map(|s| *s == Some(true)).collect()
    }
}

/// The best plan so far.
pub(super) struct Incumbent {
    pub(super) selected: Vec<bool>,
    pub(super) value: f64,
}

/// What the solver knows about how much better a plan can be.
#[derive(Clone, Copy)]
pub(super) struct Precision {
    /// Values closer than this are equal.
    pub(super) tol: f64,
    /// A better plan is better by at least this (the values' step less `tol`, or `tol`).
    pub(super) improve: f64,
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

pub(super) fn solve_with(
    p: &Problem,
    budget: &Budget,
    ctl: &mut Control,
    diagnose: bool,
    start: Option<&[bool]>,
) -> Result<Solution, SolveError> {
    let n = p.len();

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
    let (must_cap, must_bucket) = p.totals(&fixed.selection());
    for (r, need) in fixed.cap_res.iter_mut().zip(&must_cap) {
        *r -= need;
    }
    for (b, used) in must_bucket.iter().enumerate() {
        fixed.hi_res[b] -= used;
        fixed.lo_res[b] -= used;
    }
    let reasons = musts_break_bounds(p, &must_cap, &must_bucket);
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
    let reasons = minimums_out_of_reach(p, &fixed, &free, &must_cap, &must_bucket);
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
    if let Some(start) = start.filter(|s| s.len() == n) {
        search.offer(start.to_vec());
    }
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

/// The constraints that some selection of the free items could break.
#[derive(Clone, Debug)]
pub(super) struct Active {
    pub(super) caps: Vec<usize>,
    pub(super) hi: Vec<usize>,
    pub(super) lo: Vec<usize>,
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
pub(super) enum Row {
    Capacity(usize),
    BucketMax(usize),
}

impl Row {
    pub(super) fn effort(self, p: &Problem, i: usize) -> f64 {
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

    pub(super) fn residual(self, fixed: &Fixed) -> f64 {
        match self {
            Row::Capacity(k) => fixed.cap_res[k],
            Row::BucketMax(b) => fixed.hi_res[b],
        }
    }
}

pub(super) enum Outcome {
    /// The search finished: the incumbent is optimal, or there is no plan.
    Proven,
    /// The search stopped; no plan is worth more than this (the open nodes' bound).
    Stopped(f64),
}

pub(super) struct Search<'a> {
    pub(super) p: &'a Problem,
    pub(super) precision: Precision,
    pub(super) best: Option<Incumbent>,
    /// The best any plan excluded by reduced-cost fixing could be worth.
    pub(super) excluded_bound: f64,
    /// A bound on every plan (the best Lagrangian bound).
    pub(super) root_bound: f64,
}

impl Search<'_> {
    /// Considers a selection as the new incumbent: taken when feasible (checked on fresh
    /// sums) and better.
    pub(super) fn offer(&mut self, selected: Vec<bool>) {
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
    pub(super) fn threshold(&self) -> f64 {
        match &self.best {
            Some(b) => b.value + self.precision.improve,
            None => f64::NEG_INFINITY,
        }
    }

    pub(super) fn greedy(&mut self, fixed: &Fixed, order: &[usize]) {
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

    pub(super) fn run(
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

        // One binding row left after fixing, efforts on a grid: the dynamic programme
        // settles it; the tree search takes over only if the programme's list grows too
        // long.
        let dp_row = Active::new(p, &fixed, &free)
            .single_row()
            .filter(|_| budget.max_dp_cells > 0);
        if let Some(dp) =
            dp_row.and_then(|row| CoreDp::new(p, &fixed, &free, row, budget.max_dp_cells as usize))
        {
            if let Some(outcome) = dp.run(self, &fixed, ctl) {
                return outcome;
            }
        }

        // The tree search, in chunks of growing size. Between chunks a better incumbent
        // fixes more items by reduced costs and the search restarts on fewer; otherwise it
        // resumes where it stopped.
        let total_limit = ctl.limit;
        let mut fixed_at = self.best.as_ref().map(|b| b.value);
        let mut chunk = 100_000u64;
        let mut tree = Tree::new(self, &relax, &fixed, &free, &pi);
        let outcome = loop {
            ctl.set_limit((ctl.nodes + chunk).min(total_limit));
            let outcome = tree.search(self, ctl);
            if matches!(outcome, Outcome::Proven)
                || ctl.stopped != Some(Stop::Budget)
                || ctl.nodes >= total_limit
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
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::problem::at_most;
    use crate::plan::test_support::*;

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
}
