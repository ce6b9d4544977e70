//! The scoring rules of the contract (§3 raw values, §4 scores, value and ranking), in one
//! place.
//!
//! Scoring is split in two so that a weight change is cheap:
//! - [`Table::new`] does everything that does not depend on the weights, once: raw values
//!   (given or derived), missing values filled, transforms, the scale bounds and every
//!   request's utility on every criterion, flags, the id order for ties.
//! - [`Table::score`] takes the weights and does one pass over those columns and a sort.
//!
//! Rebuild the table when the scenario changes (a request, an ask, a scale, the method);
//! call `score` alone when only weights change.

use crate::derive::{deadline_value, AskCounter};
use crate::error::{Problems, ScoreError};
use crate::model::*;

/// Flags shown beside a request (bit set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags(pub u8);

impl Flags {
    /// A value was missing and got the criterion's worst value.
    pub const INCOMPLETE: Flags = Flags(1);
    /// The asks name exactly one distinct account and no anonymous asker.
    pub const SINGLE_ACCOUNT: Flags = Flags(2);
    /// The deadline is before `as_of`.
    pub const OVERDUE: Flags = Flags(4);

    pub const ALL: [(Flags, &'static str); 3] = [
        (Flags::INCOMPLETE, "incomplete"),
        (Flags::SINGLE_ACCOUNT, "single-account"),
        (Flags::OVERDUE, "overdue"),
    ];

    pub fn contains(self, f: Flags) -> bool {
        self.0 & f.0 == f.0
    }
    fn insert(&mut self, f: Flags) {
        self.0 |= f.0;
    }
    /// The flags' names in the contract's words.
    pub fn names(self) -> Vec<&'static str> {
        Flags::ALL
            .iter()
            .filter(|(f, _)| self.contains(*f))
            .map(|(_, n)| *n)
            .collect()
    }
}

/// Where a request's raw value on a criterion came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Given in `values`.
    Given,
    /// Derived from asks or deadline.
    Derived,
    /// Missing: the criterion's worst value was used.
    Filled,
}

/// One criterion's numbers for every request, in request order.
#[derive(Clone, Debug)]
pub struct Column {
    pub direction: Direction,
    /// The raw value x (given, derived or filled).
    pub raw: Vec<f64>,
    pub origin: Vec<Origin>,
    pub transform: Transform,
    /// t = x or ln(1 + x), kept under the methods that score with it (weighted-product
    /// and ratio); weighted-sum keeps only the utilities (see [`Column::t`]).
    pub t: Vec<f64>,
    /// Utility in [0, 1] (weighted-sum); empty when `blockers` is not.
    pub utility: Vec<f64>,
    /// ln t (weighted-product only): weights other than 1 multiply it, so a weight change
    /// needs no logarithm.
    pub ln_t: Vec<f64>,
    /// Why this criterion cannot take part with a weight above 0 under the method.
    pub blockers: Problems,
    /// Whether any request has a value (given or derived).
    pub has_values: bool,
}

impl Column {
    /// Request `i`'s t = x or ln(1 + x).
    pub fn t(&self, i: usize) -> f64 {
        match self.t.get(i) {
            Some(&t) => t,
            None => self.transform.apply(self.raw[i]),
        }
    }
}

/// Everything about a scenario's requests that does not depend on the weights.
#[derive(Clone, Debug)]
pub struct Table {
    pub method: Method,
    /// Per request: its confidence when the model uses confidence, else 1.
    pub confidence: Vec<f64>,
    pub columns: Vec<Column>,
    pub flags: Vec<Flags>,
    /// Request indices sorted by id (code-point order): ties in score go by this order.
    by_id: Vec<u32>,
    /// Position of each request in `by_id`.
    id_rank: Vec<u32>,
}

/// Scores of every request under one set of weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub score: Vec<f64>,
    /// What the planner maximises: the score's formula over benefit criteria only.
    pub value: Vec<f64>,
    /// Request indices, best first.
    pub order: Vec<u32>,
    /// 1-based rank of each request.
    pub rank: Vec<u32>,
}

impl Table {
    pub fn new(s: &Scenario) -> Table {
        let n = s.requests.len();
        let k = s.model.criteria.len();
        let method = s.model.method();

        // Raw values, column by column: given values scattered from each request's own
        // (few) values, derived ones from the ask totals, the rest marked missing.
        // Zeroed columns come from the allocator without being written (not cloned from a
        // template); a cell is read only where its origin says it was set.
        let mut raw: Vec<Vec<f64>> = (0..k).map(|_| vec![0.0; n]).collect();
        let mut origin: Vec<Vec<Origin>> = s
            .model
            .criteria
            .iter()
            .map(|c| match c.derive {
                Some(_) => vec![Origin::Derived; n],
                None => vec![Origin::Filled; n],
            })
            .collect();
        let derived: Vec<(usize, Derive)> = s
            .model
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(c, crit)| crit.derive.map(|d| (c, d)))
            .collect();
        let mut counter = AskCounter::new(s);
        let mut flags = vec![Flags::default(); n];
        for (i, r) in s.requests.iter().enumerate() {
            let totals = if r.asks.is_empty() {
                Default::default()
            } else {
                counter.totals(&r.asks)
            };
            if totals.single_account {
                flags[i].insert(Flags::SINGLE_ACCOUNT);
            }
            if let (Some(d), Some(as_of)) = (r.deadline, s.as_of) {
                if d < as_of {
                    flags[i].insert(Flags::OVERDUE);
                }
            }
            for &(c, d) in &derived {
                raw[c][i] = match d {
                    Derive::AsksCount => totals.count,
                    Derive::AsksArr => totals.arr,
                    Derive::AsksStrategic => totals.strategic,
                    // The reader refuses a deadline criterion without `as_of`.
                    Derive::Deadline => s.as_of.map_or(0.0, |as_of| {
                        deadline_value(r.deadline, as_of, s.model.criteria[c].horizon_days())
                    }),
                };
            }
            for (c, e) in r.values.iter() {
                raw[c][i] = e.likely();
                origin[c][i] = Origin::Given;
            }
        }

        let columns = s
            .model
            .criteria
            .iter()
            .zip(raw.into_iter().zip(origin))
            .map(|(c, (mut raw, origin))| {
                if c.derive.is_none() && fill_missing(c, method, &mut raw, &origin) {
                    for (i, o) in origin.iter().enumerate() {
                        if *o == Origin::Filled {
                            flags[i].insert(Flags::INCOMPLETE);
                        }
                    }
                }
                column(c, method, raw, origin)
            })
            .collect();

        let use_confidence = s.model.use_confidence();
        let confidence = s
            .requests
            .iter()
            .map(|r| if use_confidence { r.confidence() } else { 1.0 })
            .collect();

        let by_id = id_order(&s.requests);
        let mut id_rank = vec![0u32; n];
        for (pos, &i) in by_id.iter().enumerate() {
            id_rank[i as usize] = pos as u32;
        }

        Table {
            method,
            confidence,
            columns,
            flags,
            by_id,
            id_rank,
        }
    }

    pub fn len(&self) -> usize {
        self.confidence.len()
    }

    pub fn is_empty(&self) -> bool {
        self.confidence.is_empty()
    }

    /// Checks that these weights can score the table under its method.
    fn check(&self, criteria: &[Criterion], weights: &[f64]) -> Result<(), ScoreError> {
        let mut problems = Problems::default();
        if weights.len() != self.columns.len() {
            problems.push(
                "model.criteria",
                format!(
                    "{} weights given for {} criteria",
                    weights.len(),
                    self.columns.len()
                ),
            );
            return Err(ScoreError(problems));
        }
        for (k, &w) in weights.iter().enumerate() {
            if !(w.is_finite() && w >= 0.0) {
                problems.push(
                    format!("model.criteria[{k}].weight"),
                    format!("weight must be a number ≥ 0, found {w}"),
                );
            }
        }
        if !weights.iter().any(|&w| w > 0.0) {
            problems.push(
                "model.criteria",
                "at least one criterion must have a weight above 0",
            );
        }
        for (k, col) in self.columns.iter().enumerate() {
            if weights[k] > 0.0 {
                if !col.has_values && !self.is_empty() {
                    problems.push(
                        format!("model.criteria[{k}]"),
                        format!(
                            "no request has a value for \"{}\", so the scenario cannot be scored; give at least one \
                             request a value or set its weight to 0",
                            criteria[k].id
                        ),
                    );
                }
                for p in &col.blockers.list {
                    problems.push(&p.path, p.message.clone());
                }
                problems.more += col.blockers.more;
            }
        }
        // (Each request's denominator is checked where it is computed, in `score`.)
        if self.method == Method::Ratio
            && !self.is_empty()
            && !(0..self.columns.len())
                .any(|k| self.columns[k].direction == Direction::Cost && weights[k] > 0.0)
        {
            problems.push(
                "model.criteria",
                "the ratio method divides by the weighted cost criteria, and none has a weight above 0",
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ScoreError(problems))
        }
    }

    /// Scores, values and the ranking under `weights` (one per criterion, in model order).
    pub fn score(&self, criteria: &[Criterion], weights: &[f64]) -> Result<Scores, ScoreError> {
        self.check(criteria, weights)?;
        let n = self.len();
        let active: Vec<usize> = (0..weights.len()).filter(|&k| weights[k] > 0.0).collect();
        let benefit = |k: usize| self.columns[k].direction == Direction::Benefit;
        let (score, value) = match self.method {
            Method::WeightedSum => {
                let total: f64 = active.iter().map(|&k| weights[k]).sum();
                let benefit_total: f64 = active
                    .iter()
                    .filter(|&&k| benefit(k))
                    .map(|&k| weights[k])
                    .sum();
                let mut all = vec![0.0; n];
                let mut benefits = vec![0.0; n];
                for &k in &active {
                    let (w, u) = (weights[k], &self.columns[k].utility);
                    let is_benefit = benefit(k);
                    for i in 0..n {
                        let wu = w * u[i];
                        all[i] += wu;
                        if is_benefit {
                            benefits[i] += wu;
                        }
                    }
                }
                for i in 0..n {
                    let scale = 100.0 * self.confidence[i];
                    all[i] = scale * all[i] / total;
                    benefits[i] = if benefit_total > 0.0 {
                        scale * benefits[i] / benefit_total
                    } else {
                        0.0
                    };
                }
                (all, benefits)
            }
            Method::WeightedProduct => {
                // Unit weights multiply directly (exact for RICE-style products); other
                // weights go through logarithms, one exp per request.
                let mut product = vec![1.0; n];
                let mut log_sum = vec![0.0; n];
                let mut benefit_product = vec![1.0; n];
                let mut benefit_log_sum = vec![0.0; n];
                for &k in &active {
                    let (w, t, ln_t) = (weights[k], &self.columns[k].t, &self.columns[k].ln_t);
                    let is_benefit = benefit(k);
                    for i in 0..n {
                        if w == 1.0 {
                            if is_benefit {
                                product[i] *= t[i];
                                benefit_product[i] *= t[i];
                            } else {
                                product[i] /= t[i];
                            }
                        } else {
                            let l = w * ln_t[i];
                            if is_benefit {
                                log_sum[i] += l;
                                benefit_log_sum[i] += l;
                            } else {
                                log_sum[i] -= l;
                            }
                        }
                    }
                }
                let score = (0..n)
                    .map(|i| self.confidence[i] * product[i] * exp_or_one(log_sum[i]))
                    .collect();
                let value = (0..n)
                    .map(|i| {
                        self.confidence[i] * benefit_product[i] * exp_or_one(benefit_log_sum[i])
                    })
                    .collect();
                (score, value)
            }
            Method::Ratio => {
                let mut numerator = vec![0.0; n];
                let mut denominator = vec![0.0; n];
                for &k in &active {
                    let (w, t) = (weights[k], &self.columns[k].t);
                    let target = if benefit(k) {
                        &mut numerator
                    } else {
                        &mut denominator
                    };
                    for i in 0..n {
                        target[i] += w * t[i];
                    }
                }
                let mut problems = Problems::default();
                for (i, &d) in denominator.iter().enumerate() {
                    if d.is_nan() || d <= 0.0 {
                        let names: Vec<&str> = active
                            .iter()
                            .filter(|&&k| !benefit(k))
                            .map(|&k| criteria[k].id.as_str())
                            .collect();
                        problems.push(
                            format!("requests[{i}]"),
                            format!(
                                "the ratio method needs the weighted cost ({}) above 0, found {d}",
                                names.join(" + ")
                            ),
                        );
                    }
                }
                if !problems.is_empty() {
                    return Err(ScoreError(problems));
                }
                let score = (0..n)
                    .map(|i| self.confidence[i] * numerator[i] / denominator[i])
                    .collect();
                let value = (0..n).map(|i| self.confidence[i] * numerator[i]).collect();
                (score, value)
            }
        };
        // Finite inputs can still overflow (a huge value raised to a large weight): say so
        // rather than rank a meaningless number.
        let mut overflow = Problems::default();
        for (i, (s, v)) in score.iter().zip(&value).enumerate() {
            if !s.is_finite() || !v.is_finite() {
                overflow.push(
                    format!("requests[{i}]"),
                    "its score is too large to compute: its values or the weights are too extreme",
                );
            }
        }
        if !overflow.is_empty() {
            return Err(ScoreError(overflow));
        }
        let (order, rank) = self.rank(&score);
        Ok(Scores {
            score,
            value,
            order,
            rank,
        })
    }

    /// Sorts by score, highest first; equal scores by id in code-point order.
    fn rank(&self, score: &[f64]) -> (Vec<u32>, Vec<u32>) {
        // One u128 key per request: the score's bits made order-preserving (then inverted
        // for "highest first") above the request's position in id order.
        let mut keys: Vec<u128> = score
            .iter()
            .zip(&self.id_rank)
            .map(|(&s, &r)| ((!ordered_bits(s) as u128) << 32) | r as u128)
            .collect();
        keys.sort_unstable();
        let order: Vec<u32> = keys
            .iter()
            .map(|&k| self.by_id[(k as u32) as usize])
            .collect();
        let mut rank = vec![0u32; order.len()];
        for (pos, &i) in order.iter().enumerate() {
            rank[i as usize] = pos as u32 + 1;
        }
        (order, rank)
    }

    /// Request `i`'s utility on each criterion (weighted-sum only; `None` where the
    /// criterion cannot be scored under the method).
    pub fn utilities(&self, i: usize) -> Vec<Option<f64>> {
        self.columns
            .iter()
            .map(|c| c.utility.get(i).copied())
            .collect()
    }

    /// Request `i`'s contribution of each criterion to its weighted-sum score:
    /// 100 × conf × w_c · u_c / W. They add up to the score.
    pub fn contributions(&self, i: usize, weights: &[f64]) -> Vec<f64> {
        let total: f64 = weights.iter().filter(|&&w| w > 0.0).sum();
        self.columns
            .iter()
            .zip(weights)
            .map(|(c, &w)| {
                if w > 0.0 {
                    100.0 * self.confidence[i] * w * c.utility[i] / total
                } else {
                    0.0
                }
            })
            .collect()
    }
}

impl Table {
    /// Every request's contributions, request-major (`[r0c0, r0c1, …]`); the same
    /// numbers as [`Table::contributions`].
    pub fn all_contributions(&self, weights: &[f64]) -> Vec<f64> {
        let total: f64 = weights.iter().filter(|&&w| w > 0.0).sum();
        self.request_major(0.0, |c, col, i| {
            let w = weights[c];
            if w > 0.0 {
                100.0 * self.confidence[i] * w * col.utility[i] / total
            } else {
                0.0
            }
        })
    }

    /// A number per request and criterion, laid out request-major (`[r0c0, r0c1, …]`),
    /// computed a column at a time: `cell(criterion, column, request)`.
    pub fn request_major<T: Copy>(
        &self,
        fill: T,
        cell: impl Fn(usize, &Column, usize) -> T,
    ) -> Vec<T> {
        let n = self.len();
        let k = self.columns.len();
        let mut out = vec![fill; n * k];
        for (c, col) in self.columns.iter().enumerate() {
            for i in 0..n {
                out[i * k + c] = cell(c, col, i);
            }
        }
        out
    }
}

fn exp_or_one(x: f64) -> f64 {
    if x == 0.0 {
        1.0
    } else {
        x.exp()
    }
}

/// Maps a float to bits whose unsigned order is the float's order (−0 and 0 made equal).
fn ordered_bits(x: f64) -> u64 {
    let bits = (x + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// Request indices in code-point order of their ids. Sorted by each id's first eight
/// bytes as one integer (UTF-8's byte order is code-point order), then by the whole id
/// where those are equal: most comparisons are then of integers, not strings.
fn id_order(requests: &[Request]) -> Vec<u32> {
    let prefix = |id: &str| {
        let mut k = [0u8; 8];
        let b = id.as_bytes();
        let n = b.len().min(8);
        k[..n].copy_from_slice(&b[..n]);
        u64::from_be_bytes(k)
    };
    let mut keyed: Vec<(u64, u32)> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| (prefix(&r.id), i as u32))
        .collect();
    keyed.sort_unstable();
    let mut order: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
    let mut start = 0;
    while start < keyed.len() {
        let end = start
            + keyed[start..]
                .iter()
                .take_while(|k| k.0 == keyed[start].0)
                .count();
        if end - start > 1 {
            order[start..end]
                .sort_unstable_by(|&a, &b| requests[a as usize].id.cmp(&requests[b as usize].id));
        }
        start = end;
    }
    order
}

/// A missing value gets the criterion's worst value: the fixed scale's bound under
/// weighted-sum, otherwise the worst value among the requests that have one.
/// Returns whether any value was missing.
fn fill_missing(c: &Criterion, method: Method, raw: &mut [f64], origin: &[Origin]) -> bool {
    if !origin.contains(&Origin::Filled) {
        return false;
    }
    let fixed_bound = match (method, c.scale(), c.direction) {
        (Method::WeightedSum, Scale::Fixed, Direction::Benefit) => c.min,
        (Method::WeightedSum, Scale::Fixed, Direction::Cost) => c.max,
        _ => None,
    };
    let present = raw
        .iter()
        .zip(origin)
        .filter(|(_, o)| **o != Origin::Filled)
        .map(|(x, _)| *x);
    let worst = fixed_bound.or_else(|| match c.direction {
        Direction::Benefit => present.reduce(f64::min),
        Direction::Cost => present.reduce(f64::max),
    });
    // With no value anywhere the criterion cannot carry weight (checked when scoring);
    // 0 keeps the column finite meanwhile.
    let worst = worst.unwrap_or(0.0);
    for (x, o) in raw.iter_mut().zip(origin) {
        if *o == Origin::Filled {
            *x = worst;
        }
    }
    true
}

/// Transforms a criterion's raw values and turns them into utilities under its scale.
fn column(c: &Criterion, method: Method, raw: Vec<f64>, origin: Vec<Origin>) -> Column {
    let transform = c.transform();
    let mut t: Vec<f64> = raw.iter().map(|&x| transform.apply(x)).collect();
    let has_values = origin.iter().any(|o| *o != Origin::Filled);
    let mut blockers = Problems::default();
    let where_ = |i: usize| {
        if origin[i] == Origin::Given {
            let mut path = format!("requests[{i}].values");
            crate::json::path::push_key(&mut path, &c.id);
            path
        } else {
            format!("requests[{i}]")
        }
    };
    let how = |i: usize| match origin[i] {
        Origin::Given => "",
        Origin::Derived => " (derived)",
        Origin::Filled => " (missing, so given the worst value)",
    };
    let mut require = |ok: &dyn Fn(f64) -> bool, rule: &str| {
        for (i, &x) in t.iter().enumerate() {
            if !ok(x) {
                let shown = if transform == Transform::Log {
                    format!("ln(1 + {})", raw[i])
                } else {
                    raw[i].to_string()
                };
                blockers.push(where_(i), format!("{rule}; {} is {shown}{}", c.id, how(i)));
            }
        }
    };
    let mut utility = Vec::new();
    match method {
        Method::WeightedProduct => require(
            &|t| t > 0.0,
            "the weighted-product method needs every value above 0",
        ),
        Method::Ratio => {}
        Method::WeightedSum => {
            let (lo, hi) = t
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                    (lo.min(x), hi.max(x))
                });
            let benefit = c.direction == Direction::Benefit;
            match c.scale() {
                Scale::Fixed => {
                    // The reader guarantees min < max with a fixed scale.
                    let (a, b) = (
                        transform.apply(c.min.unwrap_or(0.0)),
                        transform.apply(c.max.unwrap_or(1.0)),
                    );
                    // Halved when the bounds span more than the largest float (exact,
                    // so it changes no other result).
                    let h = if (b - a).is_finite() { 1.0 } else { 0.5 };
                    utility = std::mem::take(&mut t);
                    for x in &mut utility {
                        let p = ((h * *x - h * a) / (h * b - h * a)).clamp(0.0, 1.0);
                        *x = if benefit { p } else { 1.0 - p };
                    }
                }
                Scale::MinMax => {
                    // Halving is exact, so it changes no result, but keeps hi − lo finite
                    // when the values span more than the largest float.
                    let h = if (hi - lo).is_finite() { 1.0 } else { 0.5 };
                    utility = std::mem::take(&mut t);
                    for x in &mut utility {
                        *x = if hi == lo {
                            1.0
                        } else if benefit {
                            (h * *x - h * lo) / (h * hi - h * lo)
                        } else {
                            (h * hi - h * *x) / (h * hi - h * lo)
                        };
                    }
                }
                Scale::Max => {
                    if benefit {
                        require(
                            &|t| t >= 0.0,
                            "the max scale needs values ≥ 0 (a utility lies in [0, 1])",
                        );
                        utility = t
                            .iter()
                            .map(|&x| if hi == 0.0 { 0.0 } else { x / hi })
                            .collect();
                    } else {
                        require(
                            &|t| t > 0.0,
                            "the max scale on a cost criterion needs every value above 0",
                        );
                        utility = t.iter().map(|&x| lo / x).collect();
                    }
                }
                Scale::Sum => {
                    if benefit {
                        require(
                            &|t| t >= 0.0,
                            "the sum scale needs values ≥ 0 (a utility lies in [0, 1])",
                        );
                        let total = sorted_sum(t.iter().copied());
                        utility = t
                            .iter()
                            .map(|&x| if total == 0.0 { 0.0 } else { x / total })
                            .collect();
                    } else {
                        require(
                            &|t| t > 0.0,
                            "the sum scale on a cost criterion needs every value above 0",
                        );
                        let total = sorted_sum(t.iter().map(|&x| 1.0 / x));
                        utility = t.iter().map(|&x| (1.0 / x) / total).collect();
                    }
                }
            }
        }
    }
    if !blockers.is_empty() {
        utility.clear();
    }
    if method == Method::WeightedSum {
        // Scoring needs only the utilities; t is computed again where it is shown.
        t = Vec::new();
    }
    let ln_t = if method == Method::WeightedProduct {
        t.iter().map(|x| x.ln()).collect()
    } else {
        Vec::new()
    };
    Column {
        direction: c.direction,
        raw,
        origin,
        transform,
        t,
        utility,
        ln_t,
        blockers,
        has_values,
    }
}

/// A sum that does not depend on the order of its terms (so that reordering the requests
/// of a file cannot change a score in its last bits).
fn sorted_sum(terms: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = terms.collect();
    v.sort_unstable_by(f64::total_cmp);
    v.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_bits_preserve_order() {
        let xs = [-1e300, -2.5, -0.0, 0.0, 1e-300, 1.0, 3.5, 1e300];
        for w in xs.windows(2) {
            assert!(ordered_bits(w[0]) <= ordered_bits(w[1]), "{w:?}");
        }
        assert_eq!(ordered_bits(-0.0), ordered_bits(0.0));
    }

    #[test]
    fn sorted_sum_ignores_term_order() {
        let a = [1e16, 1.0, -1e16, 3.0, 0.1];
        let b = [0.1, -1e16, 3.0, 1.0, 1e16];
        assert_eq!(sorted_sum(a.into_iter()), sorted_sum(b.into_iter()));
    }
}
