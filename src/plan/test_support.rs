//! Small problems and checks shared by the planner's unit tests.

use super::problem::{Problem, Solution};
use super::solve::{solve, Budget, SolveError};

pub(super) fn knapsack(values: &[f64], efforts: &[f64], amount: f64) -> Problem {
    Problem {
        values: values.to_vec(),
        efforts: vec![efforts.to_vec()],
        amounts: vec![amount],
        capacity_names: vec!["cost".into()],
        ..Problem::default()
    }
}

pub(super) fn solved(p: &Problem) -> Solution {
    let s = solve(p, &Budget::default(), None).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        p.is_feasible(&s.selected),
        "{:?}",
        p.violations(&s.selected)
    );
    assert!((p.value_of(&s.selected) - s.value).abs() < 1e-9);
    s
}

pub(super) fn infeasible(p: &Problem) -> Vec<String> {
    match solve(p, &Budget::default(), None) {
        Err(SolveError::Infeasible(inf)) => inf.messages(),
        other => panic!("expected infeasible, got {other:?}"),
    }
}

/// Every subset, for small problems: the best value, or None when none is feasible.
pub(super) fn brute_force(p: &Problem) -> Option<f64> {
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

pub(super) fn with_buckets(
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

/// A problem the search cannot settle at its root: values equal efforts (a subset sum).
pub(super) fn subset_sum(n: usize) -> Problem {
    let w: Vec<f64> = (0..n)
        .map(|i| (1000 + (i * 7919) % 997) as f64 + 0.5)
        .collect();
    let amount = w.iter().sum::<f64>() / 2.0 + 0.25;
    knapsack(&w, &w, amount)
}
