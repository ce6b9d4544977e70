//! The planning problem in numbers — the 0/1 programme — with the tolerance rule every
//! comparison with a bound follows, and the answer a solver gives ([`Solution`]).
//!
//! Nothing here searches: checking a selection ([`Problem::violations`]) is one pass over
//! the items per capacity. The report is built from a [`Solution`] and this module alone,
//! so it needs no solver.

use crate::model::Pin;

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
        if !self.values.iter().map(|v| v.abs()).sum::<f64>().is_finite() {
            return Err(
                "the values add up to more than the largest number, so totals cannot be computed"
                    .into(),
            );
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
            if !list.iter().sum::<f64>().is_finite() {
                return Err(format!(
                    "the efforts on capacity {name} add up to more than the largest number, so totals cannot be computed"
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

    pub(super) fn capacity_name(&self, k: usize) -> String {
        match self.capacity_names.get(k) {
            Some(name) => format!("\"{name}\""),
            None => format!("#{}", k + 1),
        }
    }

    pub(super) fn bucket_name(&self, b: usize) -> String {
        match self.bucket_names.get(b) {
            Some(name) => format!("\"{name}\""),
            None => format!("#{}", b + 1),
        }
    }
}

/// Why a search stopped before proving optimality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// [`Budget::max_nodes`](super::Budget::max_nodes) was reached.
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

/// A number in a message, as a PM typed it (see [`crate::text::typed`]).
pub(super) fn num(x: f64) -> String {
    crate::text::typed(x)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
