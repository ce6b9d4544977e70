//! Why no plan exists: the reasons [`solve`](super::solve) finds before any search (musts
//! over a capacity or a bucket maximum, bucket minimums out of reach, minimums that need
//! more of a capacity than it has), the diagnosis after a search that found nothing, and
//! the sentences a PM reads.
//!
//! The presolve tests are linear in the items (one sort per bucket for the fractional
//! test); the diagnosis re-solves the problem once per bucket with a minimum, each with a
//! small node budget.

use std::fmt;

use super::problem::{at_most, num, Problem};
use super::solve::{solve_with, Budget, Control, Fixed, SolveError};

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
    pub(super) fn new(p: &Problem, reasons: Vec<Reason>) -> Infeasible {
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

/// What the must requests alone break: a capacity (`must_cap`: their effort on each) or a
/// bucket maximum (`must_bucket`: their primary effort in each).
pub(super) fn musts_break_bounds(
    p: &Problem,
    must_cap: &[f64],
    must_bucket: &[f64],
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for (k, (&need, &amount)) in must_cap.iter().zip(&p.amounts).enumerate() {
        if !at_most(need, amount) {
            reasons.push(Reason::MustsOverCapacity {
                capacity: k,
                need,
                amount,
            });
        }
    }
    for (b, (&used, &(_, max))) in must_bucket.iter().zip(&p.bucket_bounds).enumerate() {
        if !at_most(used, max) {
            reasons.push(Reason::MustsOverBucketMax {
                bucket: b,
                used,
                max,
            });
        }
    }
    reasons
}

/// The bucket minimums no plan can meet, with the musts in and the `free` items left: a
/// bucket whose free requests cannot make up what it lacks, or minimums that together
/// need more of a capacity than it has left, even taking requests in part.
pub(super) fn minimums_out_of_reach(
    p: &Problem,
    fixed: &Fixed,
    free: &[usize],
    must_cap: &[f64],
    must_bucket: &[f64],
) -> Vec<Reason> {
    let nb = p.bucket_bounds.len();
    let mut reach = vec![0.0; nb];
    for &i in free {
        if let Some(b) = p.bucket(i) {
            reach[b] += p.efforts[0][i];
        }
    }
    let mut reasons = Vec::new();
    for b in 0..nb {
        if fixed.lo_res[b] > 0.0 && reach[b] < fixed.lo_res[b] {
            reasons.push(Reason::BucketMinUnreachable {
                bucket: b,
                min: p.bucket_bounds[b].0,
                reachable: must_bucket[b] + reach[b],
            });
        }
    }
    if !reasons.is_empty() || fixed.lo_res.iter().all(|&r| r <= 0.0) {
        return reasons;
    }
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
                    least_effort_for_minimum(p, free, b, short, k)
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
    reasons
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
pub(super) fn diagnose_minimums(p: &Problem, budget: &Budget) -> Vec<Reason> {
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
        let nodes = budget.max_nodes.min(200_000);
        let small = Budget {
            max_nodes: nodes,
            progress_every: nodes,
            ..budget.clone()
        };
        let mut ctl = Control::new(&small, None);
        match solve_with(&alone, &small, &mut ctl, false, None) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pin;
    use crate::plan::test_support::*;

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
}
