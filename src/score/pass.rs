//! The scoring rules as passes over columns, shared by [`Table::score`] and
//! [`Rescorer`] (which re-scores draws of uncertain values): who is unscorable, how the
//! methods add up, how the ranking is ordered. One implementation, whichever columns it
//! reads.

use super::*;

/// Where a request stands in one scoring: scored, or why not (as a code; `Table::score`
/// words the reasons).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Standing {
    Scorable,
    Archived,
    /// Made unscorable by this criterion's value (the first such active criterion).
    Blocked(u32),
    /// Ratio with no cost criterion weighted above 0.
    NoCost,
    /// Ratio with a weighted cost ≤ 0 (the value is in [`Scratch::denominator`]).
    Denominator,
    /// The score or value overflowed.
    TooLarge,
}

/// What makes a value unscorable on a criterion weighted above 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Blocking {
    /// t < 0 (a logarithm, or a utility that must lie in [0, 1]).
    Negative,
    /// t ≤ 0 (divided by).
    NotPositive,
}

impl Blocking {
    pub(super) fn blocks(self, t: f64) -> bool {
        match self {
            Blocking::Negative => t < 0.0,
            Blocking::NotPositive => t <= 0.0,
        }
    }
}

/// The values a criterion cannot score under a method and scale (§4), if any.
pub(super) fn blocking(method: Method, scale: Scale, direction: Direction) -> Option<Blocking> {
    let benefit = direction == Direction::Benefit;
    match (method, scale, benefit) {
        (Method::WeightedProduct, _, true) => Some(Blocking::Negative),
        (Method::WeightedProduct, _, false) => Some(Blocking::NotPositive),
        (Method::WeightedSum, Scale::Max | Scale::Sum, true) => Some(Blocking::Negative),
        (Method::WeightedSum, Scale::Max | Scale::Sum, false) => Some(Blocking::NotPositive),
        _ => None,
    }
}

pub(super) fn initial_standing(archived: &[bool]) -> Vec<Standing> {
    let mut out = Vec::new();
    reset_standing(archived, &mut out);
    out
}

pub(super) fn reset_standing(archived: &[bool], out: &mut Vec<Standing>) {
    out.clear();
    out.extend(archived.iter().map(|&a| {
        if a {
            Standing::Archived
        } else {
            Standing::Scorable
        }
    }));
}

/// Marks the requests that the active criteria make unscorable — the first such criterion
/// in model order is the reason — and, under ratio with no active cost criterion, every
/// request. `blocked_by(k, mark)` calls `mark` for each request criterion `k` blocks.
/// Returns the set of active criteria that blocked some request, as a bit mask.
pub(super) fn mark_blocked(
    method: Method,
    directions: &[Direction],
    active: &[bool],
    standing: &mut [Standing],
    mut blocked_by: impl FnMut(usize, &mut dyn FnMut(usize)),
) -> u64 {
    let mut mask = 0u64;
    for k in (0..active.len()).filter(|&k| active[k]) {
        let mut any = false;
        blocked_by(k, &mut |i| {
            any = true;
            if standing[i] == Standing::Scorable {
                standing[i] = Standing::Blocked(k as u32);
            }
        });
        if any {
            mask |= 1 << k;
        }
    }
    if method == Method::Ratio
        && !(0..active.len()).any(|k| active[k] && directions[k] == Direction::Cost)
    {
        for s in standing.iter_mut().filter(|s| **s == Standing::Scorable) {
            *s = Standing::NoCost;
        }
    }
    mask
}

/// One criterion's numbers as a scoring pass reads them (empty where the method does not
/// use them).
#[derive(Clone, Copy)]
pub(super) struct Inputs<'a> {
    pub(super) benefit: bool,
    pub(super) t: &'a [f64],
    pub(super) utility: &'a [f64],
    pub(super) ln_t: &'a [f64],
}

/// Buffers a pass reuses.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) a: Vec<f64>,
    pub(super) b: Vec<f64>,
    pub(super) c: Vec<f64>,
    pub(super) d: Vec<f64>,
    /// Ratio: each request's weighted cost.
    pub(super) denominator: Vec<f64>,
}

pub(super) fn filled(v: &mut Vec<f64>, n: usize, x: f64) -> &mut Vec<f64> {
    v.clear();
    v.resize(n, x);
    v
}

/// The weights of one scoring.
pub(super) struct Pass<'a> {
    pub(super) method: Method,
    pub(super) weights: &'a [f64],
    pub(super) active: &'a [bool],
    pub(super) confidence: &'a [f64],
}

impl Pass<'_> {
    /// Scores and values (§4) of the requests still `Scorable`, `NaN` for the others;
    /// marks the ratio method's non-positive denominators and overflows.
    pub(super) fn combine(
        &self,
        columns: &[Inputs],
        standing: &mut [Standing],
        score: &mut [f64],
        value: &mut [f64],
        scratch: &mut Scratch,
    ) {
        let n = standing.len();
        let (weights, active) = (self.weights, self.active);
        score.fill(f64::NAN);
        value.fill(f64::NAN);
        let scorable = |s: Standing| s == Standing::Scorable;
        match self.method {
            Method::WeightedSum => {
                let total = active_total(weights, active, |_| true);
                let benefit_total = active_total(weights, active, |k| columns[k].benefit);
                let Scratch { a, b, .. } = scratch;
                let all = filled(a, n, 0.0);
                let benefits = filled(b, n, 0.0);
                for k in (0..active.len()).filter(|&k| active[k]) {
                    let (w, u) = (weights[k], columns[k].utility);
                    let is_benefit = columns[k].benefit;
                    for i in 0..n {
                        let wu = w * u[i];
                        all[i] += wu;
                        if is_benefit {
                            benefits[i] += wu;
                        }
                    }
                }
                for i in (0..n).filter(|&i| scorable(standing[i])) {
                    let scale = 100.0 * self.confidence[i];
                    score[i] = scale * all[i] / total;
                    value[i] = if benefit_total > 0.0 {
                        scale * benefits[i] / benefit_total
                    } else {
                        0.0
                    };
                }
            }
            Method::WeightedProduct => {
                // Unit weights multiply directly (exact for RICE-style products); other
                // weights go through logarithms, one exp per request.
                let Scratch { a, b, c, d, .. } = scratch;
                let product = filled(a, n, 1.0);
                let log_sum = filled(b, n, 0.0);
                let benefit_product = filled(c, n, 1.0);
                let benefit_log_sum = filled(d, n, 0.0);
                for k in (0..active.len()).filter(|&k| active[k]) {
                    let (w, t, ln_t) = (weights[k], columns[k].t, columns[k].ln_t);
                    let is_benefit = columns[k].benefit;
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
                for i in (0..n).filter(|&i| scorable(standing[i])) {
                    score[i] = self.confidence[i] * product[i] * exp_or_one(log_sum[i]);
                    value[i] =
                        self.confidence[i] * benefit_product[i] * exp_or_one(benefit_log_sum[i]);
                }
            }
            Method::Ratio => {
                let Scratch { a, denominator, .. } = scratch;
                let numerator = filled(a, n, 0.0);
                let denominator = filled(denominator, n, 0.0);
                for k in (0..active.len()).filter(|&k| active[k]) {
                    let (w, t) = (weights[k], columns[k].t);
                    let target = if columns[k].benefit {
                        &mut *numerator
                    } else {
                        &mut *denominator
                    };
                    for i in 0..n {
                        target[i] += w * t[i];
                    }
                }
                for i in 0..n {
                    if !scorable(standing[i]) {
                        continue;
                    }
                    let d = denominator[i];
                    if d.is_nan() || d <= 0.0 {
                        standing[i] = Standing::Denominator;
                        continue;
                    }
                    score[i] = self.confidence[i] * numerator[i] / d;
                    value[i] = self.confidence[i] * numerator[i];
                }
            }
        }
        // Finite inputs can still overflow (a huge value raised to a large weight): such a
        // request is left unranked with the reason rather than ranked by a meaningless
        // number.
        for i in 0..n {
            if scorable(standing[i]) && !(score[i].is_finite() && value[i].is_finite()) {
                standing[i] = Standing::TooLarge;
                score[i] = f64::NAN;
                value[i] = f64::NAN;
            }
        }
    }
}

/// The ranking (§4): the scored requests by score, highest first, equal scores by id in
/// code-point order, then the unscored ones by id; archived requests are left out.
/// Request indices into `order`, best first.
pub(super) fn rank_into(table: &Table, score: &[f64], keys: &mut Vec<u128>, order: &mut Vec<u32>) {
    // One u128 key per ranked request: 0/1 for scorable/unscorable at the top, the
    // score's bits made order-preserving (inverted for "highest first"), the request's
    // position in id order.
    keys.clear();
    keys.extend((0..table.len()).filter(|&i| !table.archived[i]).map(|i| {
        let s = score[i];
        let (group, bits) = if s.is_nan() {
            (1u128, 0u64)
        } else {
            (0, !ordered_bits(s))
        };
        (group << 96) | ((bits as u128) << 32) | table.id_rank[i] as u128
    }));
    keys.sort_unstable();
    order.clear();
    order.extend(keys.iter().map(|&k| table.by_id[(k as u32) as usize]));
}

pub(super) fn exp_or_one(x: f64) -> f64 {
    if x == 0.0 {
        1.0
    } else {
        x.exp()
    }
}

/// Maps a float to bits whose unsigned order is the float's order (−0 and 0 made equal).
pub(super) fn ordered_bits(x: f64) -> u64 {
    let bits = (x + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}
