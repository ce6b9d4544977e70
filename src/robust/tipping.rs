//! Exact tipping points (§3 of the robustness contract): for each criterion, how far its
//! weight can move — every other weight held, likely values — before the set of the top K
//! requests changes, and before the first request does.
//!
//! With one weight w varying, every request's score is P(w) / Q(w) with P and Q linear in
//! w, scored where Q > 0, and either every P or every Q constant in w:
//! - weighted-sum: P = conf · (Σ_other w_k u_k + w · u_c), Q = 1 (the common divisor W
//!   is positive and cancels);
//! - weighted-product: P = ln conf + Σ_other ±w_k ln t_k ± w ln t_c (logarithms of the
//!   scores), Q = 1; a score of 0 stays below every positive score at every w;
//! - ratio: P = conf · numerator, Q = denominator, one of them moving with w.
//!
//! So two requests swap where P_i Q_j − P_j Q_i, linear in w, crosses 0, and a request
//! changes from scored to unscored where its Q crosses 0 (ratio, a cost weight): every end
//! of an interval is one of these points, computed in closed form.
//!
//! The top set changes first where some request outside it passes some request inside,
//! so only the pairs (inside, outside) are examined, and for `first` only the pairs
//! (first, other): O(K · n) per criterion, with most pairs dismissed by one comparison of
//! slopes. The requests that cross at the end found are then ordered just beyond it to
//! say who enters and who leaves.

use std::cmp::Ordering;

use crate::model::{Criterion, Direction, Method, Scenario};
use crate::score::{Scores, Table};
use crate::text;

/// How far one weight can move: the open interval (low, high) around the current weight
/// inside which something holds, and what happens just beyond each finite end.
#[derive(Clone, Debug, PartialEq)]
pub struct Interval<T> {
    /// The largest weight below the current one at which it changes, or 0 (with `at_low`
    /// `None`) when it holds all the way down.
    pub low: f64,
    /// The smallest weight above the current one at which it changes; `None` when never.
    pub high: Option<f64>,
    pub at_low: Option<T>,
    pub at_high: Option<T>,
}

/// At an end of `top_set`: a request in the top K just beyond the end that is not inside
/// the interval (`enters`), and the reverse (`leaves`); request indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetChange {
    pub enters: usize,
    pub leaves: usize,
}

/// At an end of `first`: the request first just beyond it (a request index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overtake {
    pub overtaken_by: usize,
}

/// One criterion's tipping points.
#[derive(Clone, Debug, PartialEq)]
pub struct Stability {
    /// The criterion's index in the model.
    pub criterion: usize,
    /// Its current weight.
    pub weight: f64,
    /// K, the size of the top.
    pub top: usize,
    /// Where the set of the K best-ranked requests stays the same.
    pub top_set: Interval<SetChange>,
    /// Where the first request stays first.
    pub first: Interval<Overtake>,
    /// The request first at the current weight — just above 0 for a criterion at weight
    /// 0, which can differ from the scenario's own first.
    pub first_request: usize,
}

/// The tipping points of every criterion that does not sit out (weight 0 included), in
/// model order, for the top `top` (clamped to the number of ranked requests). `scores`
/// is the table's scoring under the model's weights. Empty when nothing is ranked.
///
/// Cost: per criterion, one pass over the columns to set up the scores as functions of
/// the weight, a selection of the top K, and at most K · n pair comparisons (most
/// dismissed by comparing slopes); under weighted-sum a criterion at weight 0 is scored
/// once more (its utilities may differ once it takes part).
pub fn tipping_points(
    table: &Table,
    criteria: &[Criterion],
    scores: &Scores,
    top: usize,
) -> Vec<Stability> {
    // The scenario's own ranking, as positions among the ranked requests: the reference
    // at a weight above 0 (so that a tie is broken exactly as the ranking breaks it).
    let mut position = vec![usize::MAX; table.len()];
    for (x, i) in (0..table.len()).filter(|&i| !table.archived[i]).enumerate() {
        position[i] = x;
    }
    let ranking: Vec<usize> = scores.order.iter().map(|&i| position[i as usize]).collect();
    (0..table.columns.len())
        .filter(|&c| !table.columns[c].sits_out)
        .filter_map(|c| {
            let pencil = Pencil::new(table, criteria, scores, c)?;
            pencil.stability(c, scores.weights[c], top, &ranking)
        })
        .collect()
}

/// Classes of requests in a pencil.
const NORMAL: u8 = 0;
/// Weighted-product score 0: below every positive score, at every weight.
const ZERO: u8 = 1;
/// Unscorable at every weight.
const OUT: u8 = 2;

/// Relative size of a rounding difference: slopes closer than this are parallel, values
/// at weight 0 closer than this are tied (so two requests equal at 0 cross at 0, not at a
/// rounding error above it).
const NOISE: f64 = 1e-12;

/// Ranks of key tiers (lower is better) when ordering at a point.
const TIER_PLUS_INFINITY: u8 = 0;
const TIER_FINITE: u8 = 1;
const TIER_MINUS_INFINITY: u8 = 2;
const TIER_ZERO: u8 = 3;
const TIER_UNSCORED: u8 = 4;

/// Every ranked request's score as P(w) / Q(w) in the one varying weight w (see the
/// module documentation). Indexed by position among the ranked requests.
struct Pencil {
    /// Request index of each position.
    members: Vec<usize>,
    p0: Vec<f64>,
    p1: Vec<f64>,
    q0: Vec<f64>,
    q1: Vec<f64>,
    class: Vec<u8>,
    /// Position in id order (ties).
    id: Vec<u32>,
    /// Whether some Q moves with w (ratio, a cost criterion): then a request can become
    /// unscorable along the way, and pairs are examined in full.
    moving_q: bool,
    /// P / Q and P' / Q as lines a + b·w (when no Q moves).
    a: Vec<f64>,
    b: Vec<f64>,
}

impl Pencil {
    fn new(table: &Table, criteria: &[Criterion], scores: &Scores, c: usize) -> Option<Pencil> {
        let n = table.len();
        let weights = &scores.weights;
        let mut active = scores.active.clone();
        active[c] = true;
        let members: Vec<usize> = (0..n).filter(|&i| !table.archived[i]).collect();
        let m = members.len();
        let conf = &table.confidence;
        let benefit = |k: usize| table.columns[k].direction == Direction::Benefit;
        let others: Vec<usize> = (0..active.len()).filter(|&k| active[k] && k != c).collect();
        let blocked_by_column = |s: &Scores| {
            let mut out = vec![false; n];
            for u in s.unscorable.iter().filter(|u| u.criterion.is_some()) {
                out[u.request] = true;
            }
            out
        };
        let (mut p0, mut p1) = (vec![0.0; m], vec![0.0; m]);
        let (mut q0, mut q1) = (vec![1.0; m], vec![0.0; m]);
        let mut class = vec![NORMAL; m];
        let mut moving_q = false;
        match table.method {
            Method::WeightedSum => {
                // Utilities depend on who is unscorable, which depends on whether c takes
                // part: at weight 0 score once more with c in.
                let rescored;
                let s: &Scores = if weights[c] > 0.0 {
                    scores
                } else {
                    let mut w = weights.clone();
                    w[c] = 1.0;
                    rescored = table.score(criteria, &w).ok()?;
                    &rescored
                };
                let out = blocked_by_column(s);
                let u = s.utility_columns(table);
                // Column by column: Σ over the other criteria, then c's utility.
                for &k in &others {
                    let (w, u) = (weights[k], u[k]);
                    for (x, &i) in members.iter().enumerate() {
                        p0[x] += w * u[i];
                    }
                }
                for (x, &i) in members.iter().enumerate() {
                    if out[i] {
                        class[x] = OUT;
                        continue;
                    }
                    p0[x] *= conf[i];
                    p1[x] = conf[i] * u[c][i];
                }
            }
            Method::WeightedProduct => {
                let mut out = blocked_by_column(scores);
                for &(i, _) in &table.columns[c].blocks {
                    out[i as usize] = true;
                }
                let sign = |k: usize| if benefit(k) { 1.0 } else { -1.0 };
                for (x, &i) in members.iter().enumerate() {
                    if out[i] {
                        class[x] = OUT;
                        continue;
                    }
                    let ln_t = |k: usize| table.columns[k].ln_t[i];
                    let rest: f64 = others.iter().map(|&k| sign(k) * weights[k] * ln_t(k)).sum();
                    p0[x] = conf[i].ln() + rest;
                    p1[x] = sign(c) * ln_t(c);
                    if p0[x].is_nan() || p1[x].is_nan() {
                        class[x] = OUT;
                    } else if p0[x] == f64::NEG_INFINITY || p1[x] == f64::NEG_INFINITY {
                        class[x] = ZERO;
                    }
                }
            }
            Method::Ratio => {
                let any_cost = (0..active.len()).any(|k| active[k] && !benefit(k));
                moving_q = !benefit(c);
                for (x, &i) in members.iter().enumerate() {
                    if !any_cost {
                        class[x] = OUT;
                        continue;
                    }
                    let t = |k: usize| table.columns[k].t(i);
                    let numerator: f64 = others
                        .iter()
                        .filter(|&&k| benefit(k))
                        .map(|&k| weights[k] * t(k))
                        .sum();
                    let denominator: f64 = others
                        .iter()
                        .filter(|&&k| !benefit(k))
                        .map(|&k| weights[k] * t(k))
                        .sum();
                    p0[x] = conf[i] * numerator;
                    q0[x] = denominator;
                    if benefit(c) {
                        p1[x] = conf[i] * t(c);
                    } else {
                        q1[x] = t(c);
                    }
                    if [p0[x], p1[x], q0[x], q1[x]].iter().any(|v| !v.is_finite()) {
                        class[x] = OUT;
                    }
                }
            }
        }
        let (mut a, mut b) = (vec![0.0; m], vec![0.0; m]);
        if !moving_q {
            for x in 0..m {
                if class[x] == NORMAL && q0[x] > 0.0 {
                    a[x] = p0[x] / q0[x];
                    b[x] = p1[x] / q0[x];
                } else if class[x] == NORMAL {
                    // Q is constant and not positive: unscorable at every weight.
                    class[x] = OUT;
                }
            }
        }
        let id_positions = table.id_positions();
        Some(Pencil {
            id: members.iter().map(|&i| id_positions[i]).collect(),
            members,
            p0,
            p1,
            q0,
            q1,
            class,
            moving_q,
            a,
            b,
        })
    }

    fn len(&self) -> usize {
        self.members.len()
    }

    /// Position x's place at weight w: a tier, then the score (P / Q) — higher first.
    fn key_at(&self, x: usize, w: f64) -> (u8, f64, f64) {
        match self.class[x] {
            OUT => (TIER_UNSCORED, 0.0, 0.0),
            ZERO => (TIER_ZERO, 0.0, 0.0),
            _ => {
                let q = self.q0[x] + self.q1[x] * w;
                if q > 0.0 {
                    (TIER_FINITE, (self.p0[x] + self.p1[x] * w) / q, 0.0)
                } else {
                    (TIER_UNSCORED, 0.0, 0.0)
                }
            }
        }
    }

    /// Position x's place just above weight 0: a tier (a ratio whose denominator is
    /// 0 at w = 0 is ±∞ there), the score at 0, its slope, all higher first.
    fn key_above_zero(&self, x: usize) -> (u8, f64, f64) {
        let (p0, p1, q0, q1) = (self.p0[x], self.p1[x], self.q0[x], self.q1[x]);
        match self.class[x] {
            OUT => (TIER_UNSCORED, 0.0, 0.0),
            ZERO => (TIER_ZERO, 0.0, 0.0),
            _ if q0 > 0.0 => (TIER_FINITE, p0 / q0, (p1 * q0 - p0 * q1) / (q0 * q0)),
            _ if q0 == 0.0 && q1 > 0.0 => {
                if p0 > 0.0 {
                    (TIER_PLUS_INFINITY, p0 / q1, 0.0)
                } else if p0 < 0.0 {
                    (TIER_MINUS_INFINITY, p0 / q1, 0.0)
                } else {
                    (TIER_FINITE, 0.0, 0.0)
                }
            }
            _ => (TIER_UNSCORED, 0.0, 0.0),
        }
    }

    /// Orders positions by their keys (best first), ties by id.
    fn compare(&self, x: usize, kx: (u8, f64, f64), y: usize, ky: (u8, f64, f64)) -> Ordering {
        // + 0.0 makes −0 and 0 equal (as the ranking's order does).
        let desc = |a: f64, b: f64| (b + 0.0).total_cmp(&(a + 0.0));
        kx.0.cmp(&ky.0)
            .then(desc(kx.1, ky.1))
            .then(desc(kx.2, ky.2))
            .then(self.id[x].cmp(&self.id[y]))
    }

    /// The `count` best positions just above weight 0, best first.
    fn best(&self, count: usize) -> Vec<usize> {
        let mut keys: Vec<(u8, f64, f64)> =
            (0..self.len()).map(|x| self.key_above_zero(x)).collect();
        // Values equal but for rounding are equal: the slope decides, as it does just
        // above 0 (snapped to a grid of NOISE × the largest magnitude, which keeps the
        // order total).
        let scored = |k: &(u8, f64, f64)| k.0 != TIER_UNSCORED && k.0 != TIER_ZERO;
        for part in [1, 2] {
            let get = |k: &(u8, f64, f64)| if part == 1 { k.1 } else { k.2 };
            let scale = keys
                .iter()
                .filter(|k| scored(k))
                .map(|k| get(k).abs())
                .fold(0.0, f64::max);
            let quantum = scale * NOISE;
            if quantum > 0.0 && quantum.is_finite() {
                for k in keys.iter_mut().filter(|k| scored(k)) {
                    let x = (get(k) / quantum).round();
                    if part == 1 {
                        k.1 = x;
                    } else {
                        k.2 = x;
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        let cmp = |&x: &usize, &y: &usize| self.compare(x, keys[x], y, keys[y]);
        if count < order.len() {
            order.select_nth_unstable_by(count, cmp);
            order.truncate(count);
        }
        order.sort_unstable_by(cmp);
        order
    }

    /// Positions ordered at weight w, best first.
    fn ordered_at(&self, mut xs: Vec<usize>, w: f64) -> Vec<usize> {
        xs.sort_unstable_by(|&x, &y| self.compare(x, self.key_at(x, w), y, self.key_at(y, w)));
        xs.dedup();
        xs
    }

    /// Whether i is ranked above j at weight w (w > 0); scores equal but for rounding
    /// count as i above (a tie does not reorder a pair).
    fn ahead(&self, i: usize, j: usize, w: f64) -> bool {
        let scored = |x: usize| self.class[x] != OUT && self.q0[x] + self.q1[x] * w > 0.0;
        let (si, sj) = (scored(i), scored(j));
        if si != sj {
            return si;
        }
        let by_id = self.id[i] < self.id[j];
        if !si {
            return by_id;
        }
        let (zi, zj) = (self.class[i] == ZERO, self.class[j] == ZERO);
        if zi != zj {
            return zj;
        }
        if zi {
            return true;
        }
        let p = |x: usize| self.p0[x] + self.p1[x] * w;
        let q = |x: usize| self.q0[x] + self.q1[x] * w;
        let (x, y) = (p(i) * q(j), p(j) * q(i));
        x - y >= -NOISE * (x.abs() + y.abs())
    }

    /// The first weight beyond `from` — in (from, ∞) going up, in (0, from) going down —
    /// past which j is ranked above i, given that i is above j at `from` (just above it
    /// when `from` is 0). `from` itself when j is above i right past it.
    fn event(&self, i: usize, j: usize, from: f64, up: bool) -> Option<f64> {
        if !self.moving_q {
            // Lines a + b·w with a constant status: only two scored requests can swap,
            // where their lines cross.
            if self.class[i] != NORMAL || self.class[j] != NORMAL {
                return None;
            }
            let slope = self.b[i] - self.b[j];
            if slope.abs() <= NOISE * self.b[i].abs().max(self.b[j].abs()) {
                // Parallel but for rounding: they never cross.
                return None;
            }
            let mut gap = self.a[i] - self.a[j];
            if gap.abs() <= NOISE * self.a[i].abs().max(self.a[j].abs()) {
                // Equal at weight 0 but for rounding: they cross at 0, outside (0, ∞).
                gap = 0.0;
            }
            let root = gap / (self.b[j] - self.b[i]);
            return if up {
                (slope < 0.0).then(|| root.max(from))
            } else {
                (slope > 0.0 && root > 0.0).then(|| root.min(from))
            };
        }
        if self.class[j] == OUT {
            return None;
        }
        // Where the pair's order can change: the crossing of the linear P_i Q_j − P_j Q_i,
        // and where either denominator reaches 0.
        let mut alpha = self.p0[i] * self.q0[j] - self.p0[j] * self.q0[i];
        if alpha.abs()
            <= NOISE * ((self.p0[i] * self.q0[j]).abs() + (self.p0[j] * self.q0[i]).abs())
        {
            alpha = 0.0;
        }
        let beta = self.p0[i] * self.q1[j] + self.p1[i] * self.q0[j]
            - self.p0[j] * self.q1[i]
            - self.p1[j] * self.q0[i];
        let beta_scale = (self.p0[i] * self.q1[j]).abs()
            + (self.p1[i] * self.q0[j]).abs()
            + (self.p0[j] * self.q1[i]).abs()
            + (self.p1[j] * self.q0[i]).abs();
        let mut points = [f64::NAN; 3];
        if beta.abs() > NOISE * beta_scale {
            points[0] = -alpha / beta;
        }
        if self.q1[i] != 0.0 {
            points[1] = -self.q0[i] / self.q1[i];
        }
        if self.q1[j] != 0.0 {
            points[2] = -self.q0[j] / self.q1[j];
        }
        let mut points: Vec<f64> = points
            .into_iter()
            .filter(|&p| p.is_finite() && if up { p > from } else { p > 0.0 && p < from })
            .collect();
        if up {
            points.sort_by(f64::total_cmp);
        } else {
            points.sort_by(|x, y| y.total_cmp(x));
        }
        // The order is constant between consecutive points: look at each piece's middle.
        let mut start = from;
        for k in 0..=points.len() {
            let end = points.get(k).copied();
            let probe = match (end, up) {
                (Some(e), _) => start + (e - start) / 2.0,
                (None, true) => (start * 2.0).max(start + 1.0),
                (None, false) => start / 2.0,
            };
            if !self.ahead(i, j, probe) {
                return Some(start);
            }
            match end {
                Some(e) => start = e,
                None => break,
            }
        }
        None
    }

    /// The first end beyond `from` at which the set `inside` (the first `inside.len()`
    /// positions at the reference) loses one of its members to a position outside it,
    /// with the positions that cross there and a pair that crosses first.
    fn first_change(
        &self,
        inside: &[usize],
        is_inside: &[bool],
        from: f64,
        up: bool,
    ) -> Option<(f64, Vec<usize>, (usize, usize))> {
        let earlier = |e: f64, than: f64| if up { e < than } else { e > than };
        // j's first crossing of any member, the end snapped to `from` when they are tied
        // there but for rounding.
        let first_event = |j: usize| -> Option<(f64, usize)> {
            let mut first: Option<(f64, usize)> = None;
            for &i in inside {
                if let Some(mut e) = self.event(i, j, from, up) {
                    if (e - from).abs() <= NOISE * from {
                        e = from;
                    }
                    if first.is_none_or(|(w, _)| earlier(e, w)) {
                        first = Some((e, i));
                    }
                }
            }
            first
        };
        let mut best: Option<(f64, (usize, usize))> = None;
        let mut found: Vec<(usize, f64)> = Vec::new();
        if self.moving_q {
            for j in (0..self.len()).filter(|&j| !is_inside[j]) {
                if let Some((e, i)) = first_event(j) {
                    found.push((j, e));
                    if best.is_none_or(|(w, _)| earlier(e, w)) {
                        best = Some((e, (i, j)));
                    }
                }
            }
        } else {
            // Lines: the members' lowest line is concave, so an outsider's gap to it is
            // convex in w; an outsider clearly below it at the best end found so far has
            // crossed no member before that end and is passed over with one evaluation.
            let lines: Vec<usize> = inside
                .iter()
                .copied()
                .filter(|&x| self.class[x] == NORMAL)
                .collect();
            let (min_b, max_b) = lines
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
                    (l.min(self.b[x]), h.max(self.b[x]))
                });
            let lowest = |w: f64| {
                lines
                    .iter()
                    .map(|&i| self.a[i] + self.b[i] * w)
                    .fold(f64::INFINITY, f64::min)
            };
            let mut bar: Option<(f64, f64)> = None;
            for j in (0..self.len()).filter(|&j| !is_inside[j]) {
                // Only a scored line can pass a member; going up it must be steeper than
                // some member, going down less steep.
                if self.class[j] != NORMAL
                    || (up && self.b[j] <= min_b)
                    || (!up && self.b[j] >= max_b)
                {
                    continue;
                }
                if let Some((w, floor)) = bar {
                    let key = self.a[j] + self.b[j] * w;
                    if key + NOISE * (key.abs() + floor.abs()) < floor {
                        continue;
                    }
                }
                if let Some((e, i)) = first_event(j) {
                    found.push((j, e));
                    if best.is_none_or(|(w, _)| earlier(e, w)) {
                        best = Some((e, (i, j)));
                        bar = Some((e, lowest(e)));
                    }
                }
            }
        }
        let (end, pair) = best?;
        // Outsiders crossing at (numerically) the same end.
        let near = |e: f64| (e - end).abs() <= 1e-12 * end.abs().max(f64::MIN_POSITIVE);
        let crossing: Vec<usize> = found
            .into_iter()
            .filter(|&(_, e)| near(e))
            .map(|(j, _)| j)
            .collect();
        Some((end, crossing, pair))
    }

    /// A weight just beyond an end, where the crossings at the end have happened and no
    /// other has (but for ties within a relative 1e-9).
    fn beyond(end: f64, up: bool) -> f64 {
        let step = (end.abs() * 1e-9).max(f64::MIN_POSITIVE);
        if up {
            end + step
        } else {
            end - step
        }
    }

    fn top_set_end(
        &self,
        inside: &[usize],
        is_inside: &[bool],
        from: f64,
        up: bool,
    ) -> Option<(f64, SetChange)> {
        let (end, crossing, (i, j)) = self.first_change(inside, is_inside, from, up)?;
        let mut candidates = inside.to_vec();
        candidates.extend(&crossing);
        let ordered = self.ordered_at(candidates, Pencil::beyond(end, up));
        let new_top = &ordered[..inside.len().min(ordered.len())];
        let enters = new_top.iter().copied().find(|&x| !is_inside[x]);
        let leaves = ordered[new_top.len()..]
            .iter()
            .copied()
            .find(|&x| is_inside[x]);
        let change = match (enters, leaves) {
            (Some(e), Some(l)) => SetChange {
                enters: self.members[e],
                leaves: self.members[l],
            },
            // Just beyond is too close to tell: the pair that crossed first.
            _ => SetChange {
                enters: self.members[j],
                leaves: self.members[i],
            },
        };
        Some((end, change))
    }

    fn first_end(&self, f: usize, from: f64, up: bool) -> Option<(f64, Overtake)> {
        let mut is_inside = vec![false; self.len()];
        is_inside[f] = true;
        let (end, crossing, (_, j)) = self.first_change(&[f], &is_inside, from, up)?;
        let mut candidates = vec![f];
        candidates.extend(&crossing);
        let ordered = self.ordered_at(candidates, Pencil::beyond(end, up));
        let by = match ordered.first() {
            Some(&x) if x != f => x,
            _ => j,
        };
        Some((
            end,
            Overtake {
                overtaken_by: self.members[by],
            },
        ))
    }

    /// `ranking`: the scenario's own ranking (positions), the reference when the weight
    /// is above 0; at weight 0 the reference is the ranking just above 0.
    fn stability(
        &self,
        criterion: usize,
        weight: f64,
        top: usize,
        ranking: &[usize],
    ) -> Option<Stability> {
        let m = self.len();
        if m == 0 || ranking.len() != m {
            return None;
        }
        let k = top.clamp(1, m);
        let at = (weight > 0.0).then_some(weight);
        let inside = match at {
            Some(_) => ranking[..k].to_vec(),
            None => self.best(k),
        };
        let mut is_inside = vec![false; m];
        for &x in &inside {
            is_inside[x] = true;
        }
        let f = inside[0];
        let up = self.top_set_end(&inside, &is_inside, weight, true);
        let down = at.and_then(|w| self.top_set_end(&inside, &is_inside, w, false));
        let first_up = self.first_end(f, weight, true);
        let first_down = at.and_then(|w| self.first_end(f, w, false));
        Some(Stability {
            criterion,
            weight,
            top: k,
            top_set: interval(down, up),
            first: interval(first_down, first_up),
            first_request: self.members[f],
        })
    }
}

fn interval<T>(down: Option<(f64, T)>, up: Option<(f64, T)>) -> Interval<T> {
    let (low, at_low) = match down {
        Some((w, t)) => (w, Some(t)),
        None => (0.0, None),
    };
    let (high, at_high) = match up {
        Some((w, t)) => (Some(w), Some(t)),
        None => (None, None),
    };
    Interval {
        low,
        high,
        at_low,
        at_high,
    }
}

// ---------------------------------------------------------------------------------------
// In words, for the page and the table
// ---------------------------------------------------------------------------------------

/// A weight for people: three significant digits, more when needed to tell it from the
/// weight it is compared with.
fn weight_words(x: f64, beside: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return text::typed(x);
    }
    for digits in 3..=9 {
        let decimals = (digits as i64 - 1 - x.abs().log10().floor() as i64).clamp(0, 12);
        let s = text::number(x, decimals as usize);
        if x == beside || s != text::typed(beside) || digits == 9 {
            return s;
        }
    }
    text::typed(x)
}

impl Stability {
    /// "the top 10 holds from 2.41 to 6.1; below 2.41, FS-102 replaces FS-110; above 6.1,
    /// FS-108 replaces FS-109".
    pub fn top_set_words(&self, s: &Scenario) -> String {
        let id = |i: usize| s.requests[i].id.as_str();
        let t = &self.top_set;
        let mut out = format!("the top {} holds {}", self.top, self.span(t.low, t.high));
        if let Some(c) = t.at_low {
            out.push_str(&format!(
                "; below {}, {} replaces {}",
                weight_words(t.low, self.weight),
                id(c.enters),
                id(c.leaves)
            ));
        }
        if let (Some(h), Some(c)) = (t.high, t.at_high) {
            out.push_str(&format!(
                "; above {}, {} replaces {}",
                weight_words(h, self.weight),
                id(c.enters),
                id(c.leaves)
            ));
        }
        out
    }

    /// "FS-103 stays first from 3.2 up; below 3.2, FS-106 is first".
    pub fn first_words(&self, s: &Scenario) -> String {
        let id = |i: usize| s.requests[i].id.as_str();
        let f = &self.first;
        let mut out = format!(
            "{} stays first {}",
            id(self.first_request),
            self.span(f.low, f.high)
        );
        if let Some(o) = f.at_low {
            out.push_str(&format!(
                "; below {}, {} is first",
                weight_words(f.low, self.weight),
                id(o.overtaken_by)
            ));
        }
        if let (Some(h), Some(o)) = (f.high, f.at_high) {
            out.push_str(&format!(
                "; above {}, {} is first",
                weight_words(h, self.weight),
                id(o.overtaken_by)
            ));
        }
        out
    }

    fn span(&self, low: f64, high: Option<f64>) -> String {
        let w = |x: f64| weight_words(x, self.weight);
        match (low > 0.0, high) {
            (false, None) => "at every weight".into(),
            (false, Some(h)) => format!("up to {}", w(h)),
            (true, None) => format!("from {} up", w(low)),
            (true, Some(h)) => format!("from {} to {}", w(low), w(h)),
        }
    }
}

/// The weight whose smallest move changes the top: among the criteria weighted above 0,
/// the one with an end of `top_set` nearest its current weight (in weight units; the
/// first in model order on a tie).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decisive {
    /// Index into the list of [`Stability`] it was found in.
    pub index: usize,
    pub criterion: usize,
    pub from: f64,
    /// The end of the interval: the weight at which the top changes.
    pub to: f64,
    pub change: SetChange,
}

/// See [`Decisive`]; `None` when no weight above 0 can change the top.
pub fn decisive(stability: &[Stability]) -> Option<Decisive> {
    let mut best: Option<(f64, Decisive)> = None;
    for (index, st) in stability.iter().enumerate() {
        if st.weight <= 0.0 {
            continue;
        }
        let t = &st.top_set;
        let ends = [t.at_low.map(|c| (t.low, c)), t.high.zip(t.at_high)];
        for (to, change) in ends.into_iter().flatten() {
            let distance = (to - st.weight).abs();
            if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                best = Some((
                    distance,
                    Decisive {
                        index,
                        criterion: st.criterion,
                        from: st.weight,
                        to,
                        change,
                    },
                ));
            }
        }
    }
    best.map(|(_, d)| d)
}

impl Decisive {
    /// "effort decides: moving its weight from 3 to 3.4 changes the top 10 (FS-108
    /// replaces FS-109)", the criterion named by its id (as the command line names it).
    pub fn words(&self, s: &Scenario, top: usize) -> String {
        self.words_naming(s, top, &s.model.criteria[self.criterion].id)
    }

    /// [`Decisive::words`] with the criterion called `name` (the page says its label).
    pub fn words_naming(&self, s: &Scenario, top: usize, name: &str) -> String {
        let id = |i: usize| s.requests[i].id.as_str();
        format!(
            "{name} decides: moving its weight from {} to {} changes the top {top} ({} replaces {})",
            text::typed(self.from),
            weight_words(self.to, self.from),
            id(self.change.enters),
            id(self.change.leaves)
        )
    }
}
