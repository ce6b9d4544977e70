//! The planning problem and its solution as flat arrays of numbers, for the page to hand
//! its Web Worker as typed arrays (`Float64Array`, `Uint32Array`, `Uint8Array`) instead of
//! the scenario's text: the worker solves the numbers without re-reading or re-scoring,
//! and the page builds the report from the [`Solution`] it gets back
//! ([`Plan::new`](super::Plan::new), [`PlanReport::new`](super::report::PlanReport::new)).
//!
//! Encoding and decoding copy each array once. Names (of capacities and buckets) are not
//! numbers and do not travel: a decoded problem has none, so its messages say
//! "capacity #1"; the receiver may set [`Problem::capacity_names`] and
//! [`Problem::bucket_names`] itself.

use super::problem::{Problem, Solution, Stop};
use crate::model::Pin;

/// In [`FlatProblem::bucket_of`]: the item is in no bucket.
pub const NO_BUCKET: u32 = u32::MAX;

/// In [`FlatProblem::pins`].
pub const PIN_NONE: u8 = 0;
pub const PIN_MUST: u8 = 1;
pub const PIN_NEVER: u8 = 2;

/// In [`FlatSolution::stopped`].
pub const STOPPED_NOT: u8 = 0;
pub const STOPPED_BUDGET: u8 = 1;
pub const STOPPED_CANCELLED: u8 = 2;

/// A [`Problem`] as flat arrays. With `n` items, `m` capacities and `b` buckets:
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlatProblem {
    /// `n` values.
    pub values: Vec<f64>,
    /// `m × n` efforts, one row per capacity: item `i`'s effort on capacity `k` is at
    /// `k × n + i`.
    pub efforts: Vec<f64>,
    /// `m` amounts.
    pub amounts: Vec<f64>,
    /// `n` bucket indices ([`NO_BUCKET`] for none), or empty when no item is in a bucket.
    pub bucket_of: Vec<u32>,
    /// `2 × b` numbers: each bucket's least and most primary effort (the most may be +∞).
    pub bucket_bounds: Vec<f64>,
    /// `n` pins ([`PIN_NONE`], [`PIN_MUST`], [`PIN_NEVER`]), or empty when none is pinned.
    pub pins: Vec<u8>,
}

impl Problem {
    /// The problem as flat arrays (names left out).
    pub fn to_flat(&self) -> FlatProblem {
        FlatProblem {
            values: self.values.clone(),
            efforts: self.efforts.concat(),
            amounts: self.amounts.clone(),
            bucket_of: self
                .bucket_of
                .iter()
                .map(|b| b.unwrap_or(NO_BUCKET))
                .collect(),
            bucket_bounds: self
                .bucket_bounds
                .iter()
                .flat_map(|&(lo, hi)| [lo, hi])
                .collect(),
            pins: self
                .pins
                .iter()
                .map(|pin| match pin {
                    None => PIN_NONE,
                    Some(Pin::Must) => PIN_MUST,
                    Some(Pin::Never) => PIN_NEVER,
                })
                .collect(),
        }
    }
}

impl FlatProblem {
    /// The problem these arrays encode, or what is wrong with their shapes. The numbers
    /// themselves are checked by [`solve`](super::solve), as for any problem.
    pub fn to_problem(&self) -> Result<Problem, String> {
        let n = self.values.len();
        let m = self.amounts.len();
        if self.efforts.len() != m * n {
            return Err(format!(
                "{} efforts for {m} capacities and {n} items (expected {})",
                self.efforts.len(),
                m * n
            ));
        }
        if !self.bucket_of.is_empty() && self.bucket_of.len() != n {
            return Err(format!(
                "{} bucket entries for {n} items",
                self.bucket_of.len()
            ));
        }
        if self.bucket_bounds.len() % 2 != 0 {
            return Err(format!(
                "{} bucket bounds: two numbers per bucket",
                self.bucket_bounds.len()
            ));
        }
        if !self.pins.is_empty() && self.pins.len() != n {
            return Err(format!("{} pins for {n} items", self.pins.len()));
        }
        let pins = self
            .pins
            .iter()
            .enumerate()
            .map(|(i, &pin)| match pin {
                PIN_NONE => Ok(None),
                PIN_MUST => Ok(Some(Pin::Must)),
                PIN_NEVER => Ok(Some(Pin::Never)),
                other => Err(format!("item {i} has pin code {other}; codes are 0, 1, 2")),
            })
            .collect::<Result<_, _>>()?;
        Ok(Problem {
            values: self.values.clone(),
            efforts: if n == 0 {
                vec![Vec::new(); m]
            } else {
                self.efforts.chunks(n).map(<[f64]>::to_vec).collect()
            },
            amounts: self.amounts.clone(),
            bucket_of: self
                .bucket_of
                .iter()
                .map(|&b| (b != NO_BUCKET).then_some(b))
                .collect(),
            bucket_bounds: self
                .bucket_bounds
                .chunks(2)
                .map(|pair| (pair[0], pair[1]))
                .collect(),
            pins,
            capacity_names: Vec::new(),
            bucket_names: Vec::new(),
        })
    }
}

/// A [`Solution`] as flat numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlatSolution {
    /// The selected items' indices, ascending.
    pub selected: Vec<u32>,
    pub value: f64,
    pub upper_bound: f64,
    pub optimal: bool,
    pub nodes: u64,
    /// Why the search stopped early: [`STOPPED_NOT`], [`STOPPED_BUDGET`] or
    /// [`STOPPED_CANCELLED`].
    pub stopped: u8,
}

impl Solution {
    /// The solution as flat numbers.
    pub fn to_flat(&self) -> FlatSolution {
        FlatSolution {
            selected: self.indices().into_iter().map(|i| i as u32).collect(),
            value: self.value,
            upper_bound: self.upper_bound,
            optimal: self.optimal,
            nodes: self.nodes,
            stopped: match self.stopped {
                None => STOPPED_NOT,
                Some(Stop::Budget) => STOPPED_BUDGET,
                Some(Stop::Cancelled) => STOPPED_CANCELLED,
            },
        }
    }
}

impl FlatSolution {
    /// The solution of a problem of `n` items these numbers encode, or what is wrong.
    pub fn to_solution(&self, n: usize) -> Result<Solution, String> {
        let mut selected = vec![false; n];
        let mut last = None;
        for &i in &self.selected {
            if (i as usize) >= n || last.is_some_and(|l| l >= i) {
                return Err(format!(
                    "selected item {i}: indices must ascend and be below {n}"
                ));
            }
            selected[i as usize] = true;
            last = Some(i);
        }
        let stopped = match self.stopped {
            STOPPED_NOT => None,
            STOPPED_BUDGET => Some(Stop::Budget),
            STOPPED_CANCELLED => Some(Stop::Cancelled),
            other => return Err(format!("stop code {other}; codes are 0, 1, 2")),
        };
        Ok(Solution {
            selected,
            value: self.value,
            upper_bound: self.upper_bound,
            optimal: self.optimal,
            nodes: self.nodes,
            stopped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::solve::{solve, Budget};
    use crate::plan::test_support::*;

    fn two_capacities_buckets_pins() -> Problem {
        Problem {
            values: vec![10.0, 8.5, 7.0, 3.0, -1.0],
            efforts: vec![vec![3.0, 2.0, 2.5, 1.0, 0.5], vec![1.0, 3.0, 0.0, 0.5, 2.0]],
            amounts: vec![6.0, 4.0],
            bucket_of: vec![Some(0), None, Some(1), Some(0), Some(1)],
            bucket_bounds: vec![(1.0, 4.0), (0.0, f64::INFINITY)],
            pins: vec![None, Some(Pin::Must), None, Some(Pin::Never), None],
            ..Problem::default()
        }
    }

    #[test]
    fn problems_round_trip() {
        let full = two_capacities_buckets_pins();
        let flat = full.to_flat();
        assert_eq!(flat.efforts.len(), 2 * 5);
        assert_eq!(
            flat.efforts[5..7],
            [1.0, 3.0],
            "row-major: capacity 1 after 0"
        );
        assert_eq!(flat.bucket_of, [0, NO_BUCKET, 1, 0, 1]);
        assert_eq!(flat.bucket_bounds, [1.0, 4.0, 0.0, f64::INFINITY]);
        assert_eq!(
            flat.pins,
            [PIN_NONE, PIN_MUST, PIN_NONE, PIN_NEVER, PIN_NONE]
        );
        assert_eq!(flat.to_problem().unwrap(), full);
        // Empty lists stay empty; no items at all; a scenario's problem without its names.
        let bare = knapsack(&[60.0, 100.0], &[10.0, 20.0], 25.0);
        let mut unnamed = bare.clone();
        unnamed.capacity_names.clear();
        assert_eq!(bare.to_flat().to_problem().unwrap(), unnamed);
        let mut none = knapsack(&[], &[], 5.0);
        none.capacity_names.clear();
        assert_eq!(none.to_flat().to_problem().unwrap(), none);
        let (s, table, scores) = scenario();
        let mut p = crate::plan::problem(&s, &table, &scores, &[]).unwrap();
        let back = p.to_flat().to_problem().unwrap();
        p.capacity_names.clear();
        p.bucket_names.clear();
        assert_eq!(back, p);
    }

    #[test]
    fn malformed_flat_problems_say_what_is_wrong() {
        let good = two_capacities_buckets_pins().to_flat();
        let wrong = |change: fn(&mut FlatProblem)| {
            let mut f = good.clone();
            change(&mut f);
            f.to_problem().unwrap_err()
        };
        assert!(wrong(|f| {
            f.efforts.pop();
        })
        .contains("9 efforts for 2 capacities and 5 items"));
        assert!(wrong(|f| f.bucket_of.truncate(3)).contains("3 bucket entries"));
        assert!(wrong(|f| {
            f.bucket_bounds.pop();
        })
        .contains("two numbers per bucket"));
        assert!(wrong(|f| f.pins[2] = 7).contains("pin code 7"));
        assert!(wrong(|f| {
            f.pins.pop();
        })
        .contains("4 pins for 5 items"));
    }

    #[test]
    fn solutions_round_trip() {
        let p = two_capacities_buckets_pins();
        let s = solve(&p, &Budget::default(), None).unwrap();
        let flat = s.to_flat();
        assert_eq!(
            flat.selected,
            s.indices().iter().map(|&i| i as u32).collect::<Vec<_>>()
        );
        assert_eq!(flat.to_solution(p.len()).unwrap(), s);
        // A stopped search keeps why it stopped.
        let p = subset_sum(40);
        let budget = Budget {
            max_nodes: 500,
            max_dp_cells: 0,
            ..Budget::default()
        };
        let s = solve(&p, &budget, None).unwrap();
        assert_eq!(s.to_flat().stopped, STOPPED_BUDGET);
        assert_eq!(s.to_flat().to_solution(p.len()).unwrap(), s);
        // Indices out of range or out of order, unknown stop codes.
        let bad = |selected: Vec<u32>, stopped: u8| {
            FlatSolution {
                selected,
                stopped,
                ..FlatSolution::default()
            }
            .to_solution(4)
            .unwrap_err()
        };
        assert!(bad(vec![1, 4], 0).contains("below 4"));
        assert!(bad(vec![2, 1], 0).contains("ascend"));
        assert!(bad(vec![1, 1], 0).contains("ascend"));
        assert!(bad(vec![], 3).contains("stop code 3"));
    }
}
