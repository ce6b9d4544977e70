//! The floor for `Table::new` (see floors.rs).

use thresh::model::{Direction, Scale, Transform};

/// Asks counted per account with a stamp array: reach (each account once at its best
/// credibility, plus the anonymous asks), the ARR behind it, and whether exactly one
/// account and no anonymous asker asked.
struct AskCount {
    best: Vec<f64>,
    stamp: Vec<u32>,
    seen: Vec<usize>,
}

impl AskCount {
    fn new(s: &thresh::Scenario) -> AskCount {
        AskCount {
            best: vec![0.0; s.accounts.len()],
            stamp: vec![u32::MAX; s.accounts.len()],
            seen: Vec::new(),
        }
    }

    fn count(
        &mut self,
        s: &thresh::Scenario,
        i: usize,
        r: &thresh::model::Request,
    ) -> (f64, f64, bool) {
        let AskCount { best, stamp, seen } = self;
        seen.clear();
        let (mut anonymous, mut anonymous_asks) = (0.0, 0);
        for a in &r.asks {
            let c = a.source.map_or(1.0, |j| s.sources[j].credibility());
            match a.account {
                Some(j) if stamp[j] == i as u32 => best[j] = best[j].max(c),
                Some(j) => {
                    stamp[j] = i as u32;
                    best[j] = c;
                    seen.push(j);
                }
                None => {
                    anonymous += a.count() as f64 * c;
                    anonymous_asks += 1;
                }
            }
        }
        let (mut reach, mut revenue) = (0.0, 0.0);
        for &j in seen.iter() {
            reach += best[j];
            revenue += best[j] * s.accounts[j].arr();
        }
        (
            reach + anonymous,
            revenue,
            seen.len() == 1 && anonymous_asks == 0,
        )
    }
}

/// The floor for `Table::new`: the same derivation for the synthetic model written as
/// plain loops — asks counted per account with a stamp array, deadlines, the worst value
/// for missing fit, ln(1 + x), min–max and fixed utilities — with none of the table's
/// generality (any model, any method, origins, blockers, flags, tie order).
pub fn hand_written_table(s: &thresh::Scenario) -> Vec<Vec<f64>> {
    let n = s.requests.len();
    let k = s.model.criteria.len();
    let mut raw = vec![vec![0.0f64; n]; k];
    let mut asks = AskCount::new(s);
    let as_of = s.as_of.expect("synthetic scenarios have as_of");
    for (i, r) in s.requests.iter().enumerate() {
        let (reach, revenue, _) = asks.count(s, i, r);
        raw[0][i] = reach;
        raw[1][i] = revenue;
        raw[2][i] = thresh::derive::deadline_value(r.deadline, as_of, 180);
        raw[3][i] = f64::NAN;
        raw[4][i] = f64::NAN;
        for (c, e) in r.values.iter() {
            raw[c][i] = e.likely();
        }
    }
    let worst = raw[4]
        .iter()
        .copied()
        .filter(|x| !x.is_nan())
        .fold(f64::INFINITY, f64::min);
    for x in raw[4].iter_mut().filter(|x| x.is_nan()) {
        *x = worst;
    }
    s.model
        .criteria
        .iter()
        .zip(raw)
        .map(|(c, mut col)| {
            to_utility(c, &mut col);
            col
        })
        .collect()
}

/// What the table keeps beside the utilities, written by hand for the synthetic model.
pub struct Outputs {
    pub raw: Vec<Vec<f64>>,
    pub utility: Vec<Vec<f64>>,
    /// Per criterion and request: the value was given (not derived or filled).
    pub given: Vec<Vec<bool>>,
    /// Per request: single-account (1), overdue (2), incomplete (4).
    pub flags: Vec<u8>,
    pub confidence: Vec<f64>,
    pub archived: Vec<bool>,
    /// Each request's position in id order.
    pub id_rank: Vec<u32>,
}

/// The second floor for `Table::new`: the same outputs as the table (raw values kept
/// beside the utilities, where each value came from, flags, confidence, archived, the
/// id order that breaks ties), still written as plain loops for the synthetic model
/// only, so none of the table's generality (any model, any method, blockers, messages).
pub fn hand_written_outputs(s: &thresh::Scenario) -> Outputs {
    let n = s.requests.len();
    let k = s.model.criteria.len();
    let mut raw = vec![vec![0.0f64; n]; k];
    let mut given = vec![vec![false; n]; k];
    let mut flags = vec![0u8; n];
    let mut confidence = Vec::with_capacity(n);
    let mut archived = Vec::with_capacity(n);
    let mut ids: Vec<&str> = Vec::with_capacity(n);
    let mut asks = AskCount::new(s);
    let as_of = s.as_of.expect("synthetic scenarios have as_of");
    for (i, r) in s.requests.iter().enumerate() {
        archived.push(r.is_archived());
        confidence.push(r.confidence());
        ids.push(&r.id);
        let (reach, revenue, single_account) = asks.count(s, i, r);
        if single_account {
            flags[i] |= 1;
        }
        if r.deadline.is_some_and(|d| d < as_of) {
            flags[i] |= 2;
        }
        raw[0][i] = reach;
        raw[1][i] = revenue;
        raw[2][i] = thresh::derive::deadline_value(r.deadline, as_of, 180);
        for (c, e) in r.values.iter() {
            raw[c][i] = e.likely();
            given[c][i] = true;
        }
    }
    let worst = (0..n)
        .filter(|&i| given[4][i])
        .map(|i| raw[4][i])
        .fold(f64::INFINITY, f64::min);
    for i in 0..n {
        if !given[4][i] {
            raw[4][i] = worst;
            flags[i] |= 4;
        }
    }
    let utility = s
        .model
        .criteria
        .iter()
        .zip(&raw)
        .map(|(c, col)| {
            let mut u = col.clone();
            to_utility(c, &mut u);
            u
        })
        .collect();
    // The id order: a plain sort of the indices by id.
    let mut by_id: Vec<u32> = (0..n as u32).collect();
    by_id.sort_unstable_by(|&a, &b| ids[a as usize].cmp(ids[b as usize]));
    let mut id_rank = vec![0u32; n];
    for (pos, &i) in by_id.iter().enumerate() {
        id_rank[i as usize] = pos as u32;
    }
    Outputs {
        raw,
        utility,
        given,
        flags,
        confidence,
        archived,
        id_rank,
    }
}

/// A column's values turned into utilities in place, for the synthetic model's scales:
/// ln(1 + x) where the criterion says so, then fixed (clamped) or min–max, reversed for
/// a cost.
fn to_utility(c: &thresh::model::Criterion, col: &mut [f64]) {
    if c.transform() == Transform::Log {
        col.iter_mut().for_each(|x| *x = x.ln_1p());
    }
    let cost = c.direction == Direction::Cost;
    if c.scale() == Scale::Fixed {
        let (lo, hi) = (c.min.unwrap(), c.max.unwrap());
        col.iter_mut().for_each(|x| {
            let p = ((*x - lo) / (hi - lo)).clamp(0.0, 1.0);
            *x = if cost { 1.0 - p } else { p };
        });
    } else {
        let (lo, hi) = col
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(x), hi.max(x))
            });
        col.iter_mut().for_each(|x| {
            *x = if cost {
                (hi - *x) / (hi - lo)
            } else {
                (*x - lo) / (hi - lo)
            };
        });
    }
}
