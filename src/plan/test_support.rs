//! Small problems and checks shared by the planner's unit tests.

use super::problem::{Problem, Solution};
use super::solve::{solve, Budget, SolveError};
use crate::model::Scenario;
use crate::score::{Scores, Table};

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

/// Six requests, two capacities, two buckets, one request pinned never.
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

pub(super) fn scenario() -> (Scenario, Table, Scores) {
    let s = crate::read::from_str(SCENARIO).unwrap();
    let table = Table::new(&s);
    let weights: Vec<f64> = s.model.criteria.iter().map(|c| c.weight()).collect();
    let scores = table.score(&s.model.criteria, &weights).unwrap();
    (s, table, scores)
}

/// The ids of requests given by index.
pub(super) fn ids(s: &Scenario, list: &[usize]) -> Vec<String> {
    list.iter().map(|&i| s.requests[i].id.clone()).collect()
}
