//! Dynamic programming over one knapsack row: Pisinger's expanding core ("A minimal
//! algorithm for the 0-1 knapsack problem", Operations Research 45, 1997), for problems
//! whose only binding constraint, after presolve and fixing, is one capacity (or one
//! bucket maximum) with efforts on a grid of 10⁻ᵈ.
//!
//! Items are taken in Dantzig's order (value per effort, best first); the *break
//! solution* takes every item before the first that does not fit. Most items of an
//! optimal plan agree with it, so the programme starts from that one plan and widens a
//! *core* of undecided items around the break item, one item at a time, alternately from
//! each side: an item after the core may be added, an item before it removed. A *state* is
//! a plan that agrees with the break solution outside the core: its effort and value. At
//! every step:
//! - each state gives two, with the new item flipped or not, merged in effort order;
//! - a state no lighter and worth no more than another is dropped (dominance), so the list
//!   holds at most one state per effort and its values rise with the effort;
//! - a state whose bound cannot beat the best plan found is dropped. Adding can only use
//!   items after the core, worth at most `e_t` per effort unit (the next item's ratio), and
//!   making room can only remove items before it, worth at least `e_s` per unit; so a state
//!   under the capacity by `r` is worth at most `value + r × e_t`, one over it by `r` at
//!   most `value − r × e_s` (Dantzig's bound taken from the state);
//! - a state within the capacity is a plan: the best one is the incumbent.
//!
//! The search ends when no state is left (the incumbent is optimal) or every item is in
//! the core. Where the bounds are tight most items never enter the core; where they are
//! not (the hard classes), the list still holds at most one state per effort, and the
//! bounds keep only efforts near the capacity. Cost: O(states) per step; memory: the list,
//! twice. On Pisinger's hard classes at a thousand items it holds under 50,000 states and
//! visits a few million, where the dense programme fills n × capacity cells.
//!
//! A state does not carry its whole plan: it keeps one bit per step for the last 64 steps.
//! When the best state was found later than that, the programme runs again up to the step
//! it was found at, keeping only the states that can still reach its value (few, with the
//! optimum known), and stores the list every 64 steps; the plan is then read backwards
//! through those lists.
//!
//! Every state visited counts as a node of the budget; a cancel is heard between steps.

use super::problem::{Problem, Stop};
use super::solve::{Control, Fixed, Outcome, Row, Search};

/// An item of the programme.
#[derive(Clone, Copy, Debug)]
struct Item {
    /// Its index in the problem.
    index: usize,
    /// Effort on the row, in grid units (≥ 1).
    weight: i64,
    value: f64,
}

impl Item {
    fn ratio(&self) -> f64 {
        self.value / self.weight as f64
    }
}

/// One step of the core's growth.
#[derive(Clone, Copy, Debug)]
struct Step {
    /// The item's position in Dantzig's order.
    pos: usize,
    /// Whether states may add it (it follows the core) or remove it (it precedes it).
    adds: bool,
    /// Value per effort of the next item to add after this step (0 when none is left),
    /// and of the next item to remove (infinite when none is left).
    add_ratio: f64,
    remove_ratio: f64,
}

/// A single-row problem, ready for the programme.
pub(super) struct CoreDp {
    /// The free items worth something with effort on the row, in Dantzig's order.
    items: Vec<Item>,
    /// Free items worth something without effort on the row: always in.
    always: Vec<usize>,
    /// What is left of the row, in grid units.
    capacity: i64,
    /// The most states the list may hold before the programme gives up.
    max_states: usize,
}

/// A list of states in effort order, values rising (structure of arrays).
#[derive(Clone, Default)]
struct States {
    weight: Vec<i64>,
    value: Vec<f64>,
    /// The state's flips in the current window of 64 steps: bit j for step 64k + j.
    bits: Vec<u64>,
}

impl States {
    fn start(weight: i64, value: f64) -> States {
        States {
            weight: vec![weight],
            value: vec![value],
            bits: vec![0],
        }
    }

    fn len(&self) -> usize {
        self.weight.len()
    }

    fn clear(&mut self) {
        self.weight.clear();
        self.value.clear();
        self.bits.clear();
    }

    fn push(&mut self, weight: i64, value: f64, bits: u64) {
        self.weight.push(weight);
        self.value.push(value);
        self.bits.push(bits);
    }
}

/// The best plan the programme found: a state within the capacity, with its flips in the
/// window it was found in and the step it was found at.
#[derive(Clone, Copy, Debug)]
struct Found {
    weight: i64,
    value: f64,
    bits: u64,
    step: usize,
}

/// What a state must reach to be kept, and the best plan so far. Values are relative to
/// the items fixed in and those always in.
struct Target {
    /// Keep states whose bound is at least this.
    keep: f64,
    /// A better plan is better by at least this (as in the search).
    improve: f64,
    /// Record feasible states worth more than this (`None`: record nothing).
    record_above: Option<f64>,
    /// Values closer than this are equal.
    tol: f64,
    found: Option<Found>,
}

impl Target {
    /// Takes a state within the capacity as the best plan when it is better.
    fn consider(&mut self, weight: i64, value: f64, bits: u64, step: usize) {
        if self.record_above.is_some_and(|above| value > above) {
            self.found = Some(Found {
                weight,
                value,
                bits,
                step,
            });
            self.record_above = Some(value + self.tol);
            self.keep = self.keep.max(value + self.improve);
        }
    }
}

/// Steps per window of decision bits.
const WINDOW: usize = 64;

impl CoreDp {
    /// The programme for the free items on `row`, when their efforts on it are all on a
    /// grid of 10⁻ᵈ (d ≤ 4) and their total fits in 62 bits; `None` otherwise.
    pub(super) fn new(
        p: &Problem,
        fixed: &Fixed,
        free: &[usize],
        row: Row,
        max_states: usize,
    ) -> Option<CoreDp> {
        // Items worth nothing never help a single row.
        let worth: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&i| p.values[i] > 0.0)
            .collect();
        let scale = (0..=4).map(|d| 10f64.powi(d)).find(|&scale| {
            worth.iter().all(|&i| {
                let y = row.effort(p, i) * scale;
                (y - y.round()).abs() <= 1e-12 * y.abs().max(1.0) && y.round() < 1e15
            })
        })?;
        let total: f64 = worth.iter().map(|&i| row.effort(p, i) * scale).sum();
        if total >= 2f64.powi(62) {
            return None;
        }
        let (mut items, mut always) = (Vec::new(), Vec::new());
        for &i in &worth {
            let weight = (row.effort(p, i) * scale).round() as i64;
            if weight == 0 {
                always.push(i);
            } else {
                items.push(Item {
                    index: i,
                    weight,
                    value: p.values[i],
                });
            }
        }
        // Dantzig's order (by the same ratios the bounds use); ties by index, so that runs
        // are repeatable.
        items.sort_by(|a, b| b.ratio().total_cmp(&a.ratio()).then(a.index.cmp(&b.index)));
        // The residual includes the tolerance's slack: efforts on the grid fill it exactly.
        let capacity = (row.residual(fixed) * scale).floor().max(0.0) as i64;
        Some(CoreDp {
            items,
            always,
            capacity,
            max_states,
        })
    }

    /// Runs the programme and offers its best plan to `search`: `Some(Proven)` when the
    /// search's incumbent is then optimal, `Some(Stopped(bound))` when `ctl` stopped it,
    /// `None` when the list outgrew `max_states` (the caller searches otherwise).
    pub(super) fn run(
        &self,
        search: &mut Search,
        fixed: &Fixed,
        ctl: &mut Control,
    ) -> Option<Outcome> {
        let p = search.p;
        let base: f64 = (0..p.len())
            .filter(|&i| fixed.state[i] == Some(true))
            .map(|i| p.values[i])
            .chain(self.always.iter().map(|&i| p.values[i]))
            .sum();
        let break_item = self.break_item();
        let schedule = self.schedule(break_item);
        let (start_weight, start_value) = self.items[..break_item]
            .iter()
            .fold((0, 0.0), |(w, v), it| (w + it.weight, v + it.value));
        let incumbent = search.best.as_ref().map(|b| b.value - base);
        let precision = search.precision;
        let mut target = Target {
            keep: incumbent.map_or(f64::NEG_INFINITY, |v| v + precision.improve),
            improve: precision.improve,
            record_above: Some(incumbent.map_or(f64::NEG_INFINITY, |v| v + precision.tol)),
            tol: precision.tol,
            found: None,
        };
        // The break solution is a plan, and the first state.
        target.consider(start_weight, start_value, 0, 0);
        let mut states = States::start(start_weight, start_value);
        let mut next = States::default();
        let mut outcome = Outcome::Proven;
        for (k, step) in schedule.iter().enumerate() {
            if k % WINDOW == 0 {
                states.bits.fill(0);
            }
            let highest = self.step(&states, &mut next, k, step, &mut target);
            ctl.nodes += states.len() as u64;
            std::mem::swap(&mut states, &mut next);
            if states.len() == 0 {
                break;
            }
            if states.len() > self.max_states {
                return None;
            }
            if ctl.nodes >= ctl.next_check {
                let best = target.found.map(|f| f.value).or(incumbent);
                let upper = base + best.map_or(highest, |b| b.max(highest));
                let go = ctl.checkpoint(|| {
                    let best_value = search.best.as_ref().map(|b| b.value);
                    let ub = search.root_bound.min(upper.max(search.excluded_bound));
                    (best_value, best_value.map_or(ub, |b| ub.max(b)))
                });
                if !go {
                    outcome = Outcome::Stopped(upper);
                    break;
                }
            }
        }
        let Some(found) = target.found else {
            return Some(outcome);
        };
        let upper = match outcome {
            Outcome::Proven => base + found.value,
            Outcome::Stopped(upper) => upper,
        };
        // After a cancel, only a plan that needs no second run is worth rebuilding.
        if ctl.stopped == Some(Stop::Cancelled) && found.step >= WINDOW {
            return Some(outcome);
        }
        // Rebuilding the best plan redoes at most the work done so far: it may pass the
        // node limit, and only a cancel stops it.
        let best_value = search.best.as_ref().map(|b| b.value);
        let limit = ctl.limit;
        ctl.set_limit(u64::MAX);
        let start = (start_weight, start_value);
        let rebuilt = self.rebuild(
            &found,
            &schedule,
            start,
            ctl,
            precision.tol,
            (best_value, upper),
        );
        ctl.set_limit(limit);
        match rebuilt {
            Some(flipped) => {
                let mut selected = fixed.selection();
                for &i in &self.always {
                    selected[i] = true;
                }
                for (pos, item) in self.items.iter().enumerate() {
                    selected[item.index] = (pos < break_item) != flipped[pos];
                }
                search.offer(selected);
                Some(outcome)
            }
            None => {
                debug_assert!(
                    ctl.stopped == Some(Stop::Cancelled),
                    "the programme's best plan could not be rebuilt"
                );
                Some(Outcome::Stopped(upper))
            }
        }
    }

    /// The position of the first item (in Dantzig's order) that does not fit after the
    /// ones before it; `n` when all fit.
    fn break_item(&self) -> usize {
        let mut left = self.capacity;
        for (pos, item) in self.items.iter().enumerate() {
            if item.weight > left {
                return pos;
            }
            left -= item.weight;
        }
        self.items.len()
    }

    /// The order the core grows in: alternately the item after it and the item before it,
    /// then the side that is left.
    fn schedule(&self, break_item: usize) -> Vec<Step> {
        let n = self.items.len();
        let ratio = |pos: usize| self.items[pos].ratio();
        // The core is [before, after).
        let (mut before, mut after) = (break_item, break_item);
        let mut out = Vec::with_capacity(n);
        while before > 0 || after < n {
            let adds = after < n && (out.len() % 2 == 0 || before == 0);
            let pos = if adds {
                after += 1;
                after - 1
            } else {
                before -= 1;
                before
            };
            out.push(Step {
                pos,
                adds,
                add_ratio: if after < n { ratio(after) } else { 0.0 },
                remove_ratio: if before > 0 {
                    ratio(before - 1)
                } else {
                    f64::INFINITY
                },
            });
        }
        out
    }

    /// Step `k`: every state of `from` keeps its choice of the step's item or flips it;
    /// the two lists are merged into `to` in effort order, without dominated states and
    /// states whose bound cannot reach the target. Returns the highest bound kept.
    fn step(
        &self,
        from: &States,
        to: &mut States,
        k: usize,
        step: &Step,
        target: &mut Target,
    ) -> f64 {
        let item = self.items[step.pos];
        let (dw, dv) = if step.adds {
            (item.weight, item.value)
        } else {
            (-item.weight, -item.value)
        };
        let bit = 1u64 << (k % WINDOW);
        let c = self.capacity;
        to.clear();
        let n = from.len();
        let (mut i, mut j) = (0, 0);
        let mut last = f64::NEG_INFINITY;
        let mut highest = f64::NEG_INFINITY;
        while i < n || j < n {
            // The unchanged state first on a tie of effort when it is worth as much.
            let unchanged = j == n
                || (i < n && {
                    let (wi, wj) = (from.weight[i], from.weight[j] + dw);
                    wi < wj || (wi == wj && from.value[i] >= from.value[j] + dv)
                });
            let (w, v, b) = if unchanged {
                i += 1;
                (from.weight[i - 1], from.value[i - 1], from.bits[i - 1])
            } else {
                j += 1;
                (
                    from.weight[j - 1] + dw,
                    from.value[j - 1] + dv,
                    from.bits[j - 1] | bit,
                )
            };
            // Dominated: a state of no more effort is worth at least as much.
            if v <= last {
                continue;
            }
            last = v;
            let bound = if w <= c {
                target.consider(w, v, b, k);
                v + (c - w) as f64 * step.add_ratio
            } else {
                v - (w - c) as f64 * step.remove_ratio
            };
            if bound >= target.keep {
                highest = highest.max(bound);
                to.push(w, v, b);
            }
        }
        highest
    }

    /// The positions the best plan flips against the break solution. When it was found
    /// within the first window its bits say it all; otherwise the programme runs again up
    /// to that window, keeping the states that can still reach its value, stores the list
    /// at every window's end and reads the plan backwards through them. `None` when
    /// cancelled (`report` is what progress reports meanwhile), or if the lists do not lead
    /// back to the break solution (they always should).
    fn rebuild(
        &self,
        found: &Found,
        schedule: &[Step],
        start: (i64, f64),
        ctl: &mut Control,
        tol: f64,
        report: (Option<f64>, f64),
    ) -> Option<Vec<bool>> {
        let mut flipped = vec![false; self.items.len()];
        // Marks the flips of window `w` and returns the state before them.
        let mut undo = |w: usize, bits: u64, weight: i64, value: f64| {
            let (mut weight, mut value) = (weight, value);
            for j in (0..WINDOW).filter(|j| bits >> j & 1 == 1) {
                let step = &schedule[w * WINDOW + j];
                let item = self.items[step.pos];
                flipped[step.pos] = true;
                if step.adds {
                    (weight, value) = (weight - item.weight, value - item.value);
                } else {
                    (weight, value) = (weight + item.weight, value + item.value);
                }
            }
            (weight, value)
        };
        let window = found.step / WINDOW;
        let (mut weight, mut value) = undo(window, found.bits, found.weight, found.value);
        if window > 0 {
            let lists =
                self.window_ends(window, schedule, start, found.value - tol, ctl, report)?;
            for w in (0..window).rev() {
                let list = &lists[w];
                // Of the states within the effort, the heaviest is the most valuable.
                let k = list
                    .weight
                    .partition_point(|&x| x <= weight)
                    .checked_sub(1)?;
                if list.value[k] < value - tol {
                    return None;
                }
                (weight, value) = undo(w, list.bits[k], list.weight[k], list.value[k]);
            }
        }
        (weight == start.0 && (value - start.1).abs() <= tol).then_some(flipped)
    }

    /// The lists at the end of windows 0 .. `windows`, each with its window's bits, from a
    /// run that keeps only the states whose bound reaches `keep`; `None` when cancelled.
    fn window_ends(
        &self,
        windows: usize,
        schedule: &[Step],
        start: (i64, f64),
        keep: f64,
        ctl: &mut Control,
        report: (Option<f64>, f64),
    ) -> Option<Vec<States>> {
        let mut target = Target {
            keep,
            improve: 0.0,
            record_above: None,
            tol: 0.0,
            found: None,
        };
        let mut states = States::start(start.0, start.1);
        let mut next = States::default();
        let mut out = Vec::with_capacity(windows);
        for (k, step) in schedule[..windows * WINDOW].iter().enumerate() {
            if k % WINDOW == 0 && k > 0 {
                out.push(states.clone());
                states.bits.fill(0);
            }
            self.step(&states, &mut next, k, step, &mut target);
            ctl.nodes += states.len() as u64;
            std::mem::swap(&mut states, &mut next);
            if ctl.nodes >= ctl.next_check && !ctl.checkpoint(|| report) {
                return None;
            }
        }
        out.push(states);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Pin;
    use crate::plan::problem::{slack, Problem, Stop};
    use crate::plan::solve::{solve, Budget, Progress};
    use crate::plan::test_support::*;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn unit(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// The best value of a single-capacity problem with efforts in multiples of `unit`, by
    /// the dense programme over every capacity; `None` when the musts do not fit.
    fn dense_optimum(p: &Problem, unit: f64) -> Option<f64> {
        let units = |x: f64| (x / unit).round() as i64;
        let mut left = ((p.amounts[0] + slack(p.amounts[0])) / unit).floor() as i64;
        let mut base = 0.0;
        let mut items = Vec::new();
        for i in 0..p.len() {
            match p.pin(i) {
                Some(Pin::Must) => {
                    left -= units(p.efforts[0][i]);
                    base += p.values[i];
                }
                Some(Pin::Never) => {}
                None if p.values[i] > 0.0 => items.push((units(p.efforts[0][i]), p.values[i])),
                None => {}
            }
        }
        if left < 0 {
            return None;
        }
        let mut best = vec![0.0f64; left as usize + 1];
        for (w, v) in items {
            for cap in (w..=left).rev() {
                best[cap as usize] = best[cap as usize].max(best[(cap - w) as usize] + v);
            }
        }
        Some(base + best[left as usize])
    }

    /// Single-capacity problems of up to 60 items: efforts in hundredths (some zero),
    /// values whole, in cents or any real (some not positive), a few pins.
    fn single_rows(count: usize, seed: u64) -> Vec<Problem> {
        let mut r = Rng(seed);
        (0..count)
            .map(|_| {
                let n = 1 + (r.unit() * 60.0) as usize;
                let efforts: Vec<f64> = (0..n)
                    .map(|_| match (r.unit() * 10.0) as u32 {
                        0 => 0.0,
                        1..=5 => (1.0 + r.unit() * 9.0).round(),
                        _ => (1.0 + r.unit() * 999.0).round() / 100.0,
                    })
                    .collect();
                let values: Vec<f64> = (0..n)
                    .map(|i| match (r.unit() * 4.0) as u32 {
                        // Strongly correlated, the hard case for bounds.
                        0 => efforts[i] + 2.0,
                        1 => (r.unit() * 100.0).round(),
                        2 => (r.unit() * 10_000.0).round() / 100.0 - 5.0,
                        _ => r.unit() * 60.0,
                    })
                    .collect();
                let amount =
                    (efforts.iter().sum::<f64>() * (0.1 + 0.6 * r.unit()) * 100.0).round() / 100.0;
                let mut p = knapsack(&values, &efforts, amount);
                p.pins = (0..n)
                    .map(|_| match (r.unit() * 40.0) as u32 {
                        0 => Some(Pin::Must),
                        1 | 2 => Some(Pin::Never),
                        _ => None,
                    })
                    .collect();
                p
            })
            .collect()
    }

    #[test]
    fn single_rows_match_the_dense_programme_and_the_tree_search() {
        let tree_only = Budget {
            max_nodes: 100_000,
            max_dp_cells: 0,
            ..Budget::default()
        };
        for (k, p) in single_rows(150, 0x5EED).iter().enumerate() {
            let Some(expected) = dense_optimum(p, 0.01) else {
                continue;
            };
            let s = solved(p);
            assert!(s.optimal, "problem {k}");
            let close = |x: f64| (x - expected).abs() <= 1e-9 * (1.0 + expected.abs());
            assert!(close(s.value), "problem {k}: {} vs {expected}", s.value);
            let t = solve(p, &tree_only, None).unwrap();
            assert!(
                !t.optimal || close(t.value),
                "problem {k}: tree {}",
                t.value
            );
        }
    }

    /// Pisinger's circle class (values on an arc over the efforts), n = 150: the
    /// programme's best plan is found after more than 64 steps, so it is rebuilt through
    /// the lists at the windows' ends.
    fn circle(n: usize) -> Problem {
        let mut r = Rng(1);
        let w: Vec<f64> = (0..n).map(|_| (1.0 + r.unit() * 999.0).round()).collect();
        let v: Vec<f64> = w
            .iter()
            .map(|w| (2.0 / 3.0 * (4.0e6 - (w - 2000.0) * (w - 2000.0)).sqrt()).floor())
            .collect();
        knapsack(&v, &w, (w.iter().sum::<f64>() / 2.0).floor())
    }

    #[test]
    fn a_stopped_or_cancelled_programme_claims_only_what_it_proved() {
        let p = circle(150);
        let optimum = dense_optimum(&p, 1.0).unwrap();
        assert_eq!(solved(&p).value, optimum);
        for max_nodes in [1, 1_000, 20_000, 200_000] {
            let budget = Budget {
                max_nodes,
                progress_every: 1_000,
                ..Budget::default()
            };
            let s = solve(&p, &budget, None).unwrap();
            assert!(p.is_feasible(&s.selected));
            assert!(
                s.value <= optimum && s.upper_bound >= optimum,
                "{max_nodes}"
            );
            assert!(s.optimal || s.stopped == Some(Stop::Budget), "{max_nodes}");
        }
        let mut calls = 0;
        let mut cancel = |pr: &Progress| {
            calls += 1;
            assert!(pr.best_value.is_none_or(|v| v <= pr.upper_bound));
            assert!(pr.upper_bound >= optimum);
            calls < 3
        };
        let budget = Budget {
            progress_every: 500,
            ..Budget::default()
        };
        let s = solve(&p, &budget, Some(&mut cancel)).unwrap();
        assert_eq!(s.stopped, Some(Stop::Cancelled));
        assert!(!s.optimal && s.upper_bound >= optimum && p.is_feasible(&s.selected));
    }

    #[test]
    fn a_programme_outgrowing_its_cells_hands_over_to_the_tree_search() {
        // Weakly correlated: values within ±10 of the efforts.
        let mut r = Rng(7);
        let w: Vec<f64> = (0..200).map(|_| (1.0 + r.unit() * 99.0).round()).collect();
        let v: Vec<f64> = w
            .iter()
            .map(|w| (w + r.unit() * 20.0 - 10.0).max(1.0).round())
            .collect();
        let p = knapsack(&v, &w, (w.iter().sum::<f64>() / 2.0).floor());
        let budget = Budget {
            max_dp_cells: 10,
            ..Budget::default()
        };
        let s = solve(&p, &budget, None).unwrap();
        assert!(s.optimal);
        assert_eq!(s.value, dense_optimum(&p, 1.0).unwrap());
        assert_eq!(s.value, solved(&p).value);
    }
}
