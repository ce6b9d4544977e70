//! The scenario adapter: the planning [`Problem`] of a scenario (values from its scores,
//! efforts from the raw values of its capacity criteria, bucket shares × the primary
//! amount, pins), and its [`Plan`] in request indices and rank order.
//!
//! This is, with `report`, the planner's only contact with the model: the numbers below
//! it know nothing of scenarios.

use std::fmt;

use super::problem::{Problem, Solution, Stop};
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

impl Plan {
    /// The plan a solution of the scenario's [`problem()`] stands for. Needs no solver: the
    /// page builds it from what its Web Worker sends back.
    pub fn new(problem: &Problem, scores: &Scores, solution: &Solution) -> Plan {
        let mut selected = solution.indices();
        selected.sort_unstable_by_key(|&i| scores.rank[i]);
        let (effort, bucket_effort) = problem.totals(&solution.selected);
        Plan {
            selected,
            value: solution.value,
            effort,
            bucket_effort,
            optimal: solution.optimal,
            upper_bound: solution.upper_bound,
            nodes: solution.nodes,
            stopped: solution.stopped,
        }
    }
}

/// Why a scenario has no plan.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanError {
    /// The scenario has no capacity entry to plan against.
    NoCapacity,
    /// Something in the scenario cannot be planned (the message says what).
    Invalid(String),
    /// The numbers were refused, proven to have no plan, or the search stopped first.
    Solve(SolveError),
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::NoCapacity => f.write_str(
                "the scenario has no capacity to plan against: add a capacity entry (a cost criterion and the amount available)",
            ),
            PlanError::Invalid(m) => f.write_str(m),
            PlanError::Solve(SolveError::Infeasible(inf)) => write!(
                f,
                "no plan satisfies the constraints: {}",
                inf.messages().join("; ")
            ),
            PlanError::Solve(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for PlanError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PlanError::Solve(e) => Some(e),
            _ => None,
        }
    }
}

impl From<SolveError> for PlanError {
    fn from(e: SolveError) -> PlanError {
        PlanError::Solve(e)
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
        let k = entry.criterion;
        let criterion = &scenario.model.criteria[k].id;
        let raw = &table.columns[k].raw;
        if let Some(i) = (0..n).find(|&i| !(raw[i].is_finite() && raw[i] >= 0.0)) {
            return Err(PlanError::Invalid(format!(
                "request {} has effort {} on \"{}\"; an effort on a capacity must be a number ≥ 0",
                scenario.requests[i].id, raw[i], criterion
            )));
        }
        if !total_is_finite(raw) {
            return Err(PlanError::Invalid(format!(
                "the efforts on \"{criterion}\" add up to more than the largest number ({:e}), so a plan's total effort cannot be computed: bring them down",
                f64::MAX
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
    let bucket_of = scenario
        .requests
        .iter()
        .map(|r| r.bucket.map(|b| b as u32))
        .collect();
    // Archived requests are never planned; a request without a score counts for 0.
    let mut pins: Vec<Option<Pin>> = scenario
        .requests
        .iter()
        .map(|r| {
            if r.is_archived() {
                Some(Pin::Never)
            } else {
                r.plan
            }
        })
        .collect();
    for &(i, pin) in extra_pins {
        if i >= n {
            return Err(PlanError::Invalid(format!(
                "pin for request index {i}, but there are {n} requests"
            )));
        }
        if !table.archived[i] {
            pins[i] = Some(pin);
        }
    }
    let values: Vec<f64> = scores
        .value
        .iter()
        .map(|&v| if v.is_nan() { 0.0 } else { v })
        .collect();
    if let Some(i) = (0..n).find(|&i| !values[i].is_finite()) {
        return Err(PlanError::Invalid(format!(
            "request {} has value {}; a plan needs finite values",
            scenario.requests[i].id, values[i]
        )));
    }
    // Each value is finite, but a plan's total might not be (it would read "inf").
    if !total_is_finite(&values) {
        return Err(PlanError::Invalid(format!(
            "the requests' values add up to more than the largest number ({:e}), so a plan's total value cannot be computed: bring the values down (they come from the benefit criteria's values and weights)",
            f64::MAX
        )));
    }
    Ok(Problem {
        values,
        efforts,
        amounts,
        bucket_of,
        bucket_bounds,
        pins,
        capacity_names: scenario
            .capacity
            .iter()
            .map(|c| scenario.model.criteria[c.criterion].id.clone())
            .collect(),
        bucket_names: scenario.buckets.iter().map(|b| b.id.clone()).collect(),
    })
}

/// Whether the numbers' absolute values add up to a finite total.
fn total_is_finite(numbers: &[f64]) -> bool {
    numbers.iter().map(|x| x.abs()).sum::<f64>().is_finite()
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
    Ok(Plan::new(&problem, scores, &solution))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_support::{ids, scenario};

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
    fn a_scenario_without_capacity_cannot_be_planned() {
        let (mut s, table, scores) = scenario();
        s.capacity.clear();
        assert_eq!(plan(&s, &table, &scores, &[]), Err(PlanError::NoCapacity));
    }
}
