//! The scenario adapter: the planning [`Problem`] of a scenario (values from its scores,
//! efforts from the raw values of its capacity criteria, bucket shares × the primary
//! amount, pins), and its [`Plan`] in request indices and rank order.
//!
//! This is, with `report`, the planner's only contact with the model: the numbers below
//! it know nothing of scenarios.

use std::fmt;

use super::infeasible::Infeasible;
use super::problem::{Problem, Stop};
use super::solve::{solve, Budget, Progress, SolveError};
use crate::model::{Pin, Scenario};
use crate::score::{Scores, Table};

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
