//! Bounds: the Lagrangian relaxation of every active constraint but one capacity,
//! Dantzig's LP bound on the knapsack row that is kept, the subgradient steps that
//! tighten the multipliers, and reduced-cost fixing.
//!
//! One bound costs a sort of the free items by modified value per effort (O(n log n));
//! the subgradient takes at most 400 of them.

use super::problem::{Problem, Stop};
use super::solve::{Active, Control, Fixed, Progress, Search};

/// The Lagrangian relaxation: one capacity kept as a knapsack row, the other active
/// constraints moved into the values with multipliers.
pub(super) struct Relaxation {
    pub(super) kept: usize,
    pub(super) caps: Vec<usize>,
    pub(super) hi: Vec<usize>,
    pub(super) lo: Vec<usize>,
}

impl Relaxation {
    pub(super) fn new(p: &Problem, fixed: &Fixed, free: &[usize], active: &Active) -> Relaxation {
        // Keep the tightest active capacity: the one the free items overfill most.
        let load = |k: usize| {
            free.iter().map(|&i| p.efforts[k][i]).sum::<f64>() / fixed.cap_res[k].max(1e-300)
        };
        let kept = active
            .caps
            .iter()
            .copied()
            .max_by(|&a, &b| load(a).total_cmp(&load(b)).then(b.cmp(&a)))
            .unwrap_or(0);
        Relaxation {
            kept,
            caps: active.caps.iter().copied().filter(|&k| k != kept).collect(),
            hi: active.hi.clone(),
            lo: active.lo.clone(),
        }
    }

    pub(super) fn rows(&self) -> usize {
        self.caps.len() + self.hi.len() + self.lo.len()
    }

    /// The free items' modified values under multipliers `pi` (capacities, then bucket
    /// maximums, then bucket minimums), and the relaxation's constant.
    pub(super) fn modified(
        &self,
        p: &Problem,
        fixed: &Fixed,
        free: &[usize],
        pi: &[f64],
        vt: &mut Vec<f64>,
    ) -> f64 {
        let (nc, nh) = (self.caps.len(), self.hi.len());
        let mut per_bucket = vec![0.0; p.bucket_bounds.len()];
        let mut constant = 0.0;
        for (j, &k) in self.caps.iter().enumerate() {
            constant += pi[j] * fixed.cap_res[k];
        }
        for (j, &b) in self.hi.iter().enumerate() {
            per_bucket[b] += pi[nc + j];
            constant += pi[nc + j] * fixed.hi_res[b];
        }
        for (j, &b) in self.lo.iter().enumerate() {
            per_bucket[b] -= pi[nc + nh + j];
            constant -= pi[nc + nh + j] * fixed.lo_res[b];
        }
        vt.clear();
        for &i in free {
            let mut x = p.values[i];
            for (j, &k) in self.caps.iter().enumerate() {
                x -= pi[j] * p.efforts[k][i];
            }
            if let Some(b) = p.bucket(i) {
                x -= per_bucket[b] * p.efforts[0][i];
            }
            vt.push(x);
        }
        constant
    }

    /// Each relaxed row's slack (right-hand side less use) under fractional choices `x`.
    fn slacks(&self, p: &Problem, fixed: &Fixed, free: &[usize], x: &[(usize, f64)]) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.rows());
        for &k in &self.caps {
            out.push(
                fixed.cap_res[k]
                    - x.iter()
                        .map(|&(j, f)| f * p.efforts[k][free[j]])
                        .sum::<f64>(),
            );
        }
        let bucket_use = |b: usize| -> f64 {
            x.iter()
                .filter(|&&(j, _)| p.bucket(free[j]) == Some(b))
                .map(|&(j, f)| f * p.efforts[0][free[j]])
                .sum()
        };
        for &b in &self.hi {
            out.push(fixed.hi_res[b] - bucket_use(b));
        }
        for &b in &self.lo {
            out.push(bucket_use(b) - fixed.lo_res[b]);
        }
        out
    }
}

/// Sort key of an item in Dantzig's order: modified value per effort, items without
/// effort first when worth something and last when they cost.
fn ratio(vt: f64, a: f64) -> f64 {
    if a > 0.0 {
        vt / a
    } else if vt > 0.0 {
        f64::INFINITY
    } else if vt < 0.0 {
        f64::NEG_INFINITY
    } else {
        0.0
    }
}

pub(super) fn sort_by_ratio(order: &mut [usize], vt: &[f64], a: &[f64]) {
    order.sort_unstable_by(|&x, &y| {
        ratio(vt[y], a[y])
            .total_cmp(&ratio(vt[x], a[x]))
            .then(x.cmp(&y))
    });
}

/// Dantzig's bound over items in `order` (positions into `vt`, `a`): the LP value, the
/// critical ratio, and the LP's choices (position, fraction).
fn dantzig(order: &[usize], vt: &[f64], a: &[f64], cap: f64) -> (f64, f64, Vec<(usize, f64)>) {
    let (mut value, mut left) = (0.0, cap.max(0.0));
    let mut chosen = Vec::new();
    for &j in order {
        if vt[j] <= 0.0 {
            break;
        }
        if a[j] <= left {
            left -= a[j];
            value += vt[j];
            chosen.push((j, 1.0));
        } else {
            let f = left / a[j];
            value += vt[j] * f;
            chosen.push((j, f));
            return (value, vt[j] / a[j], chosen);
        }
    }
    (value, 0.0, chosen)
}

impl Search<'_> {
    /// Subgradient steps on the Lagrangian dual; returns the best multipliers and the
    /// bound they give (base value included).
    pub(super) fn subgradient(
        &mut self,
        relax: &Relaxation,
        fixed: &Fixed,
        free: &[usize],
        mut pi: Vec<f64>,
        ctl: &mut Control,
    ) -> (Vec<f64>, f64) {
        let p = self.p;
        let base: f64 = (0..p.len())
            .filter(|&i| fixed.state[i] == Some(true))
            .map(|i| p.values[i])
            .sum();
        let a: Vec<f64> = free.iter().map(|&i| p.efforts[relax.kept][i]).collect();
        let cap = fixed.cap_res[relax.kept];
        let mut vt = Vec::with_capacity(free.len());
        let mut order: Vec<usize> = (0..free.len()).collect();
        let mut best = (pi.clone(), f64::INFINITY);
        if relax.rows() == 0 {
            let constant = relax.modified(p, fixed, free, &pi, &mut vt);
            sort_by_ratio(&mut order, &vt, &a);
            return (pi, base + constant + dantzig(&order, &vt, &a, cap).0);
        }
        // Polyak steps towards a level `delta` below the best bound so far; `delta` halves
        // (and the walk restarts from the best multipliers) whenever the bound stalls, so
        // the steps shrink as the bound converges, whatever the incumbent's quality.
        let max_iterations = 400;
        let mut delta = f64::NAN;
        let mut stall = 0;
        for it in 0..max_iterations {
            let constant = relax.modified(p, fixed, free, &pi, &mut vt);
            sort_by_ratio(&mut order, &vt, &a);
            let (lp, _, x) = dantzig(&order, &vt, &a, cap);
            let bound = base + constant + lp;
            if bound < best.1 - self.precision.tol {
                best = (pi.clone(), bound);
                stall = 0;
            } else {
                stall += 1;
            }
            if it == 0 {
                delta = match &self.best {
                    Some(b) => ((bound - b.value) / 2.0).max(self.precision.tol),
                    None => 0.05 * bound.abs() + 1.0,
                };
            }
            if stall >= 5 {
                delta /= 2.0;
                stall = 0;
                pi.clone_from(&best.0);
                continue;
            }
            if it % 10 == 0 {
                let by_modified: Vec<usize> = order.iter().map(|&j| free[j]).collect();
                self.greedy(fixed, &by_modified);
                // Large problems spend a while here: let the caller see it and cancel.
                if let Some(f) = ctl.progress.as_deref_mut() {
                    let best_value = self.best.as_ref().map(|b| b.value);
                    // Later rounds bound only the plans fixing kept: add what it excluded.
                    let upper_bound = self
                        .root_bound
                        .min(best.1.max(self.excluded_bound))
                        .max(best_value.unwrap_or(f64::NEG_INFINITY));
                    if !f(&Progress {
                        nodes: ctl.nodes,
                        best_value,
                        upper_bound,
                    }) {
                        ctl.stopped = Some(Stop::Cancelled);
                        break;
                    }
                }
            }
            if best.1 < self.threshold() || delta < 1e-9 * best.1.abs().max(1.0) {
                break;
            }
            // Move against the subgradient, projected on π ≥ 0.
            let mut g = relax.slacks(p, fixed, free, &x);
            for (gj, &pj) in g.iter_mut().zip(&pi) {
                if pj <= 0.0 && *gj > 0.0 {
                    *gj = 0.0;
                }
            }
            let norm: f64 = g.iter().map(|x| x * x).sum();
            if norm <= 0.0 {
                break; // the LP choice meets every relaxed row: the bound is the LP's
            }
            let step = (bound - (best.1 - delta)) / norm;
            for (pj, gj) in pi.iter_mut().zip(&g) {
                *pj = (*pj - step * gj).max(0.0);
            }
        }
        {
            relax.modified(p, fixed, free, &best.0, &mut vt);
            sort_by_ratio(&mut order, &vt, &a);
            let by_modified: Vec<usize> = order.iter().map(|&j| free[j]).collect();
            self.greedy(fixed, &by_modified);
        }
        best
    }

    /// Reduced-cost fixing under multipliers `pi`: items whose flip from the LP's choice
    /// cannot beat the incumbent are fixed. Returns the free items left, or `None` when
    /// that proves no better plan exists.
    pub(super) fn reduce(
        &mut self,
        relax: &Relaxation,
        fixed: &mut Fixed,
        free: &[usize],
        pi: &[f64],
    ) -> Option<Vec<usize>> {
        let p = self.p;
        if self.best.is_none() {
            return Some(free.to_vec());
        }
        let base: f64 = (0..p.len())
            .filter(|&i| fixed.state[i] == Some(true))
            .map(|i| p.values[i])
            .sum();
        let a: Vec<f64> = free.iter().map(|&i| p.efforts[relax.kept][i]).collect();
        let cap = fixed.cap_res[relax.kept];
        let mut vt = Vec::new();
        let constant = relax.modified(p, fixed, free, pi, &mut vt);
        let mut order: Vec<usize> = (0..free.len()).collect();
        sort_by_ratio(&mut order, &vt, &a);
        let (_, r, _) = dantzig(&order, &vt, &a, cap);
        // LP duality: value ≤ U − Σ |c_j| over the items that differ from the LP's choice.
        let c: Vec<f64> = vt.iter().zip(&a).map(|(v, a)| v - r * a).collect();
        let u = base + constant + r * cap.max(0.0) + c.iter().map(|x| x.max(0.0)).sum::<f64>();
        let mut changed = false;
        for (j, &i) in free.iter().enumerate() {
            let flipped = u - c[j].abs();
            if c[j] != 0.0 && flipped < self.threshold() {
                self.excluded_bound = self.excluded_bound.max(flipped);
                changed = true;
                if c[j] > 0.0 {
                    fixed.take(p, i);
                } else {
                    fixed.state[i] = Some(false);
                }
            }
        }
        if !changed {
            return Some(free.to_vec());
        }
        if fixed.broken() {
            return None;
        }
        fixed.drop_unfit(p);
        let rest = fixed.free();
        // A bucket minimum out of reach now proves the incumbent optimal.
        let nb = p.bucket_bounds.len();
        let mut reach = vec![0.0; nb];
        for &i in &rest {
            if let Some(b) = p.bucket(i) {
                reach[b] += p.efforts[0][i];
            }
        }
        if (0..nb).any(|b| fixed.lo_res[b] > 0.0 && reach[b] < fixed.lo_res[b]) {
            return None;
        }
        Some(rest)
    }
}
