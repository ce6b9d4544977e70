//! [`Table::new`]: everything about the requests that does not depend on the weights —
//! raw values (given, derived or filled), transforms, utilities, blockers, flags and the
//! id order that breaks ties — in one pass over the requests and one per criterion.

use super::*;
use crate::derive::{deadline_value, AskCounter};

impl Table {
    pub fn new(s: &Scenario) -> Table {
        let n = s.requests.len();
        let k = s.model.criteria.len();
        let method = s.model.method();
        let use_confidence = s.model.use_confidence();

        // Raw values, column by column: given values scattered from each request's own
        // (few) values, derived ones from the ask totals, the rest marked missing. Zeroed
        // columns come from the allocator without being written (not cloned from a
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
        // Everything read from a request is read in this one pass over them (a request is
        // a few cache lines; a second pass would fetch them all again).
        let mut archived = Vec::with_capacity(n);
        let mut confidence = Vec::with_capacity(n);
        let mut id_keys = Vec::with_capacity(n);
        for (i, r) in s.requests.iter().enumerate() {
            archived.push(r.is_archived());
            confidence.push(if use_confidence { r.confidence() } else { 1.0 });
            id_keys.push((id_prefix(&r.id), i as u32));
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
                let fill = fill_missing(c, method, &mut raw, &origin, &archived);
                if fill == Fill::Filled {
                    for (i, o) in origin.iter().enumerate() {
                        if *o == Origin::Filled {
                            flags[i].insert(Flags::INCOMPLETE);
                        }
                    }
                }
                column(c, method, raw, origin, &archived, fill == Fill::SitsOut)
            })
            .collect();

        let by_id = id_order(&s.requests, id_keys);
        let mut id_rank = vec![0u32; n];
        for (pos, &i) in by_id.iter().enumerate() {
            id_rank[i as usize] = pos as u32;
        }

        Table {
            method,
            confidence,
            columns,
            flags,
            archived,
            by_id,
            id_rank,
            utility_cache: RefCell::new(HashMap::new()),
            scales: s
                .model
                .criteria
                .iter()
                .map(|c| (c.scale(), c.min, c.max))
                .collect(),
        }
    }
}

/// An id's first eight bytes as one big-endian integer (zero-padded), read without a call
/// to `memcpy`: its order is the order of those bytes.
#[inline]
pub(super) fn id_prefix(id: &str) -> u64 {
    let b = id.as_bytes();
    match b.get(..8) {
        Some(head) => u64::from_be_bytes(head.try_into().expect("eight bytes")),
        None => b
            .iter()
            .enumerate()
            .fold(0, |k, (at, &byte)| k | (byte as u64) << (56 - 8 * at)),
    }
}

/// Request indices in code-point order of their ids. Sorted by each id's first eight
/// bytes as one integer (UTF-8's byte order is code-point order), then by the whole id
/// where those are equal: most comparisons are then of integers, not strings.
/// `keyed` holds each request's [`id_prefix`] and index.
pub(super) fn id_order(requests: &[Request], mut keyed: Vec<(u64, u32)>) -> Vec<u32> {
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

/// How a column's missing values were filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fill {
    /// Nothing was missing.
    Complete,
    /// Missing values got the criterion's default, fixed bound or worst value.
    Filled,
    /// No request has a value and there is no default: the criterion sits out.
    SitsOut,
}

/// A missing value gets the criterion's `default`; otherwise its worst value — the fixed
/// scale's bound under weighted-sum, else the worst value among the requests that have one
/// (archived ones aside).
pub(super) fn fill_missing(
    c: &Criterion,
    method: Method,
    raw: &mut [f64],
    origin: &[Origin],
    archived: &[bool],
) -> Fill {
    if c.derive.is_some() || !origin.contains(&Origin::Filled) {
        return Fill::Complete;
    }
    let fixed_bound = match (method, c.scale(), c.direction) {
        (Method::WeightedSum, Scale::Fixed, Direction::Benefit) => c.min,
        (Method::WeightedSum, Scale::Fixed, Direction::Cost) => c.max,
        _ => None,
    };
    let present = raw
        .iter()
        .zip(origin)
        .zip(archived)
        .filter(|((_, o), a)| **o != Origin::Filled && !**a)
        .map(|((x, _), _)| *x);
    let worst = match c.direction {
        Direction::Benefit => present.reduce(f64::min),
        Direction::Cost => present.reduce(f64::max),
    };
    let (fill, how) = match (c.default, worst) {
        (Some(d), _) => (d, Fill::Filled),
        (None, Some(w)) => (fixed_bound.unwrap_or(w), Fill::Filled),
        // With no value anywhere the criterion sits out; 0 keeps the column finite.
        (None, None) => (0.0, Fill::SitsOut),
    };
    for (x, o) in raw.iter_mut().zip(origin) {
        if *o == Origin::Filled {
            *x = fill;
        }
    }
    how
}

/// Transforms a criterion's raw values, finds the requests it would make unscorable, and
/// turns the values into utilities under its scale (weighted-sum).
pub(super) fn column(
    c: &Criterion,
    method: Method,
    raw: Vec<f64>,
    origin: Vec<Origin>,
    archived: &[bool],
    sits_out: bool,
) -> Column {
    let transform = c.transform();
    let t: Vec<f64> = raw.iter().map(|&x| transform.apply(x)).collect();
    let benefit = c.direction == Direction::Benefit;
    let shown = |i: usize| {
        let x = crate::text::typed(raw[i]);
        let how = match origin[i] {
            Origin::Given => "",
            Origin::Derived => " (derived)",
            Origin::Filled => " (missing, so given the worst value)",
        };
        match transform {
            Transform::Log => format!("ln(1 + {x}){how}"),
            Transform::Linear => format!("{x}{how}"),
        }
    };
    let id = crate::text::shorten(&c.id, 40);
    let mut blocks = Vec::new();
    if let Some(rule) = blocking(method, c.scale(), c.direction) {
        let why = |i: usize| match (method, benefit) {
            (Method::WeightedProduct, true) => format!(
                "{id} is {}, and the weighted-product method takes no negative value",
                shown(i)
            ),
            (Method::WeightedProduct, false) => format!(
                "{id} is {}, and the weighted-product method divides by it",
                shown(i)
            ),
            (_, true) => format!(
                "{id} is {}, and the {} scale needs values ≥ 0 (a utility lies in [0, 1])",
                shown(i),
                c.scale().as_str()
            ),
            (_, false) => format!(
                "{id} is {}, and the {} scale on a cost criterion divides by it",
                shown(i),
                c.scale().as_str()
            ),
        };
        for (i, &x) in t.iter().enumerate() {
            if !archived[i] && rule.blocks(x) {
                blocks.push((i as u32, why(i)));
            }
        }
    }
    let (t, utility, ln_t) = match method {
        Method::WeightedSum => {
            let u = utilities(t, c.scale(), c.min, c.max, transform, c.direction, archived);
            (Vec::new(), u, Vec::new())
        }
        Method::WeightedProduct => {
            let ln_t = t.iter().map(|x| x.ln()).collect();
            (t, Vec::new(), ln_t)
        }
        Method::Ratio => (t, Vec::new(), Vec::new()),
    };
    Column {
        direction: c.direction,
        raw,
        origin,
        transform,
        t,
        utility,
        ln_t,
        blocks,
        sits_out,
    }
}

/// Turns transformed values into utilities under a scale (§4's table), the relative
/// scales' lo, hi and Σ taken over the requests not `excluded`. Reuses `t`'s memory.
pub(super) fn utilities(
    mut t: Vec<f64>,
    scale: Scale,
    min: Option<f64>,
    max: Option<f64>,
    transform: Transform,
    direction: Direction,
    excluded: &[bool],
) -> Vec<f64> {
    let benefit = direction == Direction::Benefit;
    let counted = || t.iter().zip(excluded).filter(|(_, &e)| !e).map(|(&x, _)| x);
    // The relative scales' bounds (a fixed scale has its own).
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    if scale != Scale::Fixed {
        for (&x, &e) in t.iter().zip(excluded) {
            if !e {
                lo = lo.min(x);
                hi = hi.max(x);
            }
        }
    }
    match scale {
        Scale::Fixed => {
            // The reader guarantees min < max with a fixed scale.
            let (a, b) = (
                transform.apply(min.unwrap_or(0.0)),
                transform.apply(max.unwrap_or(1.0)),
            );
            // Halved when the bounds span more than the largest float (exact, so it
            // changes no other result).
            let h = if (b - a).is_finite() { 1.0 } else { 0.5 };
            for x in &mut t {
                let p = ((h * *x - h * a) / (h * b - h * a)).clamp(0.0, 1.0);
                *x = if benefit { p } else { 1.0 - p };
            }
        }
        Scale::MinMax => {
            // Halving is exact, so it changes no result, but keeps hi − lo finite when
            // the values span more than the largest float.
            let h = if (hi - lo).is_finite() { 1.0 } else { 0.5 };
            for x in &mut t {
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
            for x in &mut t {
                *x = if benefit {
                    if hi == 0.0 {
                        0.0
                    } else {
                        *x / hi
                    }
                } else {
                    lo / *x
                };
            }
        }
        Scale::Sum => {
            let total = if benefit {
                sorted_sum(counted())
            } else {
                sorted_sum(counted().map(|x| 1.0 / x))
            };
            for x in &mut t {
                *x = if benefit {
                    if total == 0.0 {
                        0.0
                    } else {
                        *x / total
                    }
                } else {
                    (1.0 / *x) / total
                };
            }
        }
    }
    t
}

/// A sum that does not depend on the order of its terms (so that reordering the requests
/// of a file cannot change a score in its last bits).
pub(super) fn sorted_sum(terms: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = terms.collect();
    v.sort_unstable_by(f64::total_cmp);
    v.iter().sum()
}
