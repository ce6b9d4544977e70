//! The floor for `Table::new` (see floors.rs).

use thresh::model::{Direction, Scale, Transform};

/// The floor for `Table::new`: the same derivation for the synthetic model written as
/// plain loops — asks counted per account with a stamp array, deadlines, the worst value
/// for missing fit, ln(1 + x), min–max and fixed utilities — with none of the table's
/// generality (any model, any method, origins, blockers, flags, tie order).
pub fn hand_written_table(s: &thresh::Scenario) -> Vec<Vec<f64>> {
    let n = s.requests.len();
    let k = s.model.criteria.len();
    let mut raw = vec![vec![0.0f64; n]; k];
    let mut best = vec![0.0f64; s.accounts.len()];
    let mut stamp = vec![u32::MAX; s.accounts.len()];
    let mut seen = Vec::new();
    let as_of = s.as_of.expect("synthetic scenarios have as_of");
    for (i, r) in s.requests.iter().enumerate() {
        seen.clear();
        let mut anonymous = 0.0;
        for a in &r.asks {
            let c = a.source.map_or(1.0, |j| s.sources[j].credibility());
            match a.account {
                Some(j) if stamp[j] == i as u32 => best[j] = best[j].max(c),
                Some(j) => {
                    stamp[j] = i as u32;
                    best[j] = c;
                    seen.push(j);
                }
                None => anonymous += a.count() as f64 * c,
            }
        }
        let (mut reach, mut revenue) = (anonymous, 0.0);
        for &j in &seen {
            reach += best[j];
            revenue += best[j] * s.accounts[j].arr();
        }
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
            if c.transform() == Transform::Log {
                col.iter_mut().for_each(|x| *x = x.ln_1p());
            }
            let (lo, hi) = match c.scale() {
                Scale::Fixed => (c.min.unwrap(), c.max.unwrap()),
                _ => col
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                        (lo.min(x), hi.max(x))
                    }),
            };
            let cost = c.direction == Direction::Cost;
            col.iter_mut().for_each(|x| {
                let u = ((*x - lo) / (hi - lo)).clamp(0.0, 1.0);
                *x = if cost { 1.0 - u } else { u };
            });
            col
        })
        .collect()
}
