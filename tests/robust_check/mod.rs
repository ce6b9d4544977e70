//! Tipping points checked against the ranking itself (shared by `tests/robust.rs` and
//! `tests/robust_props.rs`): every end is confirmed by scoring the scenario with the
//! weight just inside and just past it, and points inside and beyond by scoring there.
//!
//! The ranking's arithmetic rounds: two requests whose scores are equal in exact
//! arithmetic can come out in either order. So a set is checked as *admissible* at a
//! weight — no request outside it scores clearly above one inside (by more than a relative
//! 1e-12, or scored against unscored, or ahead by id among the unscored) — rather than
//! compared with the sorted order; probes are a relative 1e-6 from each end, far above
//! rounding.
#![allow(dead_code)]

use std::collections::BTreeSet;

use thresh::model::{Direction, Method};
use thresh::robust::{self, Stability};
use thresh::{Scenario, Scores, Table};

pub const DELTA: f64 = 1e-6;
const TIE: f64 = 1e-12;

/// The ranking with criterion `c` at weight `w`.
pub fn scores_at(s: &Scenario, table: &Table, c: usize, w: f64) -> Scores {
    let mut weights = s.model.weights();
    weights[c] = w;
    table.score(&s.model.criteria, &weights).expect("scores")
}

/// The ranking's top `k` (request indices, best first) with criterion `c` at weight `w`.
pub fn top_at(s: &Scenario, table: &Table, c: usize, w: f64, k: usize) -> Vec<usize> {
    scores_at(s, table, c, w).order[..k]
        .iter()
        .map(|&i| i as usize)
        .collect()
}

pub fn set(v: &[usize]) -> BTreeSet<usize> {
    v.iter().copied().collect()
}

/// The ranking at weight `w`, or `None` where its arithmetic cannot be trusted: far out a
/// weighted-product score overflows (the ranking then leaves it unscored) or underflows
/// towards 0, which the exact tipping points (compared in logarithms) do not model.
fn probe(s: &Scenario, table: &Table, c: usize, w: f64) -> Option<Scores> {
    let scores = scores_at(s, table, c, w);
    if scores
        .unscorable
        .iter()
        .any(|u| u.reason.contains("too large"))
    {
        return None;
    }
    let product = table.method == Method::WeightedProduct;
    let fine = (0..table.len()).filter(|&i| scores.is_scored(i)).all(|i| {
        let x = scores.score[i];
        if x != 0.0 {
            return x.abs() > 1e-250 && x.abs() < 1e250;
        }
        // Under weighted-product a 0 is exact only from a confidence of 0 or a benefit
        // value of 0.
        !product
            || table.confidence[i] == 0.0
            || (0..table.columns.len()).any(|k| {
                scores.active[k]
                    && table.columns[k].direction == Direction::Benefit
                    && table.columns[k].t(i) == 0.0
            })
    });
    fine.then_some(scores)
}

/// Whether j is clearly ranked above i.
fn clearly_above(table: &Table, scores: &Scores, j: usize, i: usize) -> bool {
    let (sj, si) = (scores.is_scored(j), scores.is_scored(i));
    if sj != si {
        return sj;
    }
    if !sj {
        return table.id_positions()[j] < table.id_positions()[i];
    }
    let (x, y) = (scores.score[j], scores.score[i]);
    x - y > TIE * (x.abs() + y.abs())
}

/// Whether `inside` can be the top set (the first request when it has one member).
fn admissible(table: &Table, scores: &Scores, inside: &BTreeSet<usize>) -> bool {
    let ranked = (0..table.len()).filter(|&i| !table.archived[i]);
    ranked
        .filter(|j| !inside.contains(j))
        .all(|j| inside.iter().all(|&i| !clearly_above(table, scores, j, i)))
}

/// Checks one criterion's intervals by scoring the scenario at weights just inside and
/// just past each end, at points inside and far beyond open ends.
pub fn check_stability(s: &Scenario, table: &Table, st: &Stability) {
    let c = st.criterion;
    let name = &s.model.criteria[c].id;
    let k = st.top;
    let t = &st.top_set;
    let f = &st.first;
    // The reference: the ranking at the weight, or just above 0.
    let nearest_end = [t.high, f.high]
        .into_iter()
        .flatten()
        .fold(1.0f64, f64::min);
    let w0 = if st.weight > 0.0 {
        st.weight
    } else {
        nearest_end * 1e-6
    };
    let reference = set(&top_at(s, table, c, w0, k));
    let first = BTreeSet::from([st.first_request]);
    let at_w0 = scores_at(s, table, c, w0);
    assert!(
        admissible(table, &at_w0, &first),
        "{name}: first request {}",
        st.first_request
    );
    // Holds at w (or the ranking is not to be trusted there).
    let holds = |w: f64, inside: &BTreeSet<usize>| {
        probe(s, table, c, w).is_none_or(|p| admissible(table, &p, inside))
    };
    // Changes at w: `inside` no longer admissible, and `enters` not below `leaves` (tied
    // with it when several cross at the end).
    let changes = |w: f64, inside: &BTreeSet<usize>, enters: usize, leaves: usize| {
        probe(s, table, c, w).is_none_or(|p| {
            !admissible(table, &p, inside) && !clearly_above(table, &p, leaves, enters)
        })
    };

    for (interval, inside, what) in [
        (
            (
                t.low,
                t.high,
                t.at_low.map(|x| (x.enters, x.leaves)),
                t.at_high.map(|x| (x.enters, x.leaves)),
            ),
            &reference,
            "top set",
        ),
        (
            (
                f.low,
                f.high,
                f.at_low.map(|x| (x.overtaken_by, st.first_request)),
                f.at_high.map(|x| (x.overtaken_by, st.first_request)),
            ),
            &first,
            "first",
        ),
    ] {
        let (low, high, at_low, at_high) = interval;
        match (high, at_high) {
            (Some(h), Some((enters, leaves))) => {
                assert!(h >= st.weight, "{name}: {what}: high {h} below the weight");
                assert!(
                    h == st.weight || holds(h * (1.0 - DELTA), inside),
                    "{name}: {what} changes before high {h}"
                );
                assert!(
                    changes(h * (1.0 + DELTA), inside, enters, leaves),
                    "{name}: {what}: past high {h}, {enters} does not replace {leaves}"
                );
            }
            (None, None) => {
                for m in [2.0, 10.0, 1e3, 1e6] {
                    let w = w0.max(1.0) * m;
                    assert!(holds(w, inside), "{name}: {what} changes at {w}");
                }
            }
            _ => panic!("{name}: {what}: high and at_high disagree"),
        }
        match at_low {
            Some((enters, leaves)) => {
                assert!(low > 0.0 && low <= st.weight, "{name}: {what}: low {low}");
                assert!(
                    low == st.weight || holds(low * (1.0 + DELTA), inside),
                    "{name}: {what} changes after low {low}"
                );
                assert!(
                    changes(low * (1.0 - DELTA), inside, enters, leaves),
                    "{name}: {what}: below low {low}, {enters} does not replace {leaves}"
                );
            }
            None => {
                assert_eq!(low, 0.0, "{name}: {what}: low without at_low");
                for m in [0.5, 0.1, 1e-3, 1e-6] {
                    assert!(
                        holds(w0 * m, inside),
                        "{name}: {what} changes at {}",
                        w0 * m
                    );
                }
            }
        }
        let hi = high.unwrap_or(w0 * 4.0 + 1.0);
        for q in [0.1, 0.3, 0.5, 0.7, 0.9] {
            let w = low + q * (hi - low);
            assert!(holds(w, inside), "{name}: {what} changes inside, at {w}");
        }
    }
}

/// Every criterion's tipping points for the top `top`, checked.
pub fn check_all(s: &Scenario, top: usize) -> Vec<Stability> {
    let table = Table::new(s);
    let scores = table.score(&s.model.criteria, &s.model.weights()).unwrap();
    let all = robust::tipping_points(&table, &s.model.criteria, &scores, top);
    let taking_part = table.columns.iter().filter(|c| !c.sits_out).count();
    assert_eq!(
        all.len(),
        taking_part,
        "one entry per criterion that does not sit out"
    );
    for st in &all {
        check_stability(s, &table, st);
    }
    all
}
