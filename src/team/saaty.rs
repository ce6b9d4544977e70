//! Saaty's eigenvector method (team-v1 §2): the weights a set of pairwise judgements
//! implies, and how consistent the judgements are.
//!
//! The judgements of n criteria fill an n×n positive reciprocal matrix A (a_ii = 1,
//! a_ab = r, a_ba = 1/r). Its principal right eigenvector, normalised to sum 1, is the
//! weights; its principal eigenvalue λmax is at least n, and equal to n exactly when the
//! judgements are consistent (a_ab · a_bc = a_ac throughout). CI = (λmax − n)/(n − 1) and
//! CR = CI / RI(n), with Saaty's random index RI; CR above 0.1 is reported as
//! inconsistent.
//!
//! The eigenvector is found by repeated squaring: A, A², A⁴, … (each rescaled so its
//! entries stay near 1), whose normalised row sums converge to the principal eigenvector
//! (Perron–Frobenius: A is positive, so A^m ≈ λmax^m · w·vᵀ). Every squaring doubles the
//! power, so the error, which shrinks like (λ₂/λmax)^m, is below rounding after a few
//! dozen squarings even for the slowest matrices the 1/9–9 scale allows. Cost: O(n³) per
//! squaring, n ≤ 15 — microseconds.

use crate::model::Judgement;

/// Saaty's random index RI(n), for n = 0 … 15 (as team-v1 §2 states it; 0 for n ≤ 2,
/// where every set of judgements is consistent).
pub const RANDOM_INDEX: [f64; 16] = [
    0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/// CR above this is reported as inconsistent (a warning, not an error).
pub const CR_LIMIT: f64 = 0.1;

/// Saaty's random index for n criteria; `None` beyond 15.
pub fn random_index(n: usize) -> Option<f64> {
    RANDOM_INDEX.get(n).copied()
}

/// The principal eigenvector (normalised to sum 1) and eigenvalue of a positive n×n
/// matrix, given row by row (`matrix[i * n + j]`).
pub fn principal(matrix: &[f64], n: usize) -> (Vec<f64>, f64) {
    assert_eq!(matrix.len(), n * n, "an n×n matrix");
    if n == 0 {
        return (Vec::new(), 0.0);
    }
    let row_sums = |m: &[f64]| -> Vec<f64> {
        let sums: Vec<f64> = m.chunks(n).map(|row| row.iter().sum()).collect();
        let total: f64 = sums.iter().sum();
        sums.into_iter().map(|x| x / total).collect()
    };
    let mut m = matrix.to_vec();
    let mut w = row_sums(&m);
    // 64 squarings reach A^(2^64): far past any convergence the 1/9–9 scale allows.
    for _ in 0..64 {
        m = square(&m, n);
        let next = row_sums(&m);
        let change = next
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        if change <= 4.0 * f64::EPSILON {
            break;
        }
    }
    // λmax from A·w = λ·w, summed over the rows (Σ w = 1).
    let lambda = (0..n)
        .map(|i| (0..n).map(|j| matrix[i * n + j] * w[j]).sum::<f64>())
        .sum::<f64>();
    (w, lambda)
}

/// M², rescaled so that its largest entry is 1 (the direction is what matters).
fn square(m: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n * n];
    for i in 0..n {
        for k in 0..n {
            let x = m[i * n + k];
            for j in 0..n {
                out[i * n + j] += x * m[k * n + j];
            }
        }
    }
    let top = out.iter().copied().fold(0.0, f64::max);
    for x in &mut out {
        *x /= top;
    }
    out
}

/// CI and CR of n criteria with principal eigenvalue λmax. Rounding noise below 1e-12 is
/// taken as the 0 it stands for, so consistent judgements give CI = CR = 0 exactly.
pub fn consistency(lambda_max: f64, n: usize) -> (f64, f64) {
    if n <= 2 {
        return (0.0, 0.0);
    }
    let ci = (lambda_max - n as f64) / (n as f64 - 1.0);
    let ci = if ci < 1e-12 { 0.0 } else { ci };
    let cr = match random_index(n) {
        Some(ri) if ri > 0.0 => ci / ri,
        _ => 0.0,
    };
    (ci, cr)
}

/// The value on Saaty's scale (1 to 9 and their reciprocals) nearest to a ratio: a ratio
/// ≥ 1 rounded to a whole number from 1 to 9, one below 1 the reciprocal of its
/// reciprocal so rounded — so that x and 1/x always round to reciprocal values.
pub fn on_scale(ratio: f64) -> f64 {
    if ratio >= 1.0 {
        ratio.round().clamp(1.0, 9.0)
    } else {
        1.0 / (1.0 / ratio).round().clamp(1.0, 9.0)
    }
}

/// How one judgement sits with the weights all the judgements imply.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// Its index in the view's list of judgements.
    pub judgement: usize,
    /// Criterion indices (the model's).
    pub a: usize,
    pub b: usize,
    /// The ratio as judged: a is `ratio` times as important as b.
    pub ratio: f64,
    /// The ratio the weights imply, w_a / w_b.
    pub implied: f64,
    /// Its share of the inconsistency λmax − n (0 to 1; the shares add up to 1 unless the
    /// judgements are consistent, where every share is 0).
    pub share: f64,
    /// `implied` on Saaty's scale: the judgement that would sit best with the others.
    pub suggested: f64,
}

/// A pairwise view worked out by Saaty's eigenvector method.
///
/// **Which judgements make it inconsistent.** With w the eigenvector and, for the
/// judgement "a is r times as important as b", ε = r · w_b / w_a (1 when the judgement
/// agrees with the weights exactly), λmax − n = (1/n) Σ (ε + 1/ε − 2) over the
/// judgements — an identity for the principal eigenvector (row i of A·w = λmax·w gives
/// λmax = Σ_j a_ij w_j / w_i; average over i and pair the terms ij and ji). Each
/// judgement's term is its exact part of the inconsistency; `fits` lists them largest
/// first, each with its share. The judgement at the top deviates most (in the ratio sense,
/// ε or 1/ε farthest from 1) from what the other judgements, through the weights, say it
/// should be; the value suggested for it is w_a / w_b put on Saaty's scale
/// ([`on_scale`]). Changing one judgement moves the weights too, so a suggestion is a
/// place to start a conversation, not a guarantee of CR ≤ 0.1.
#[derive(Clone, Debug, PartialEq)]
pub struct Pairwise {
    /// The criteria the view judges (the model's indices, ascending).
    pub criteria: Vec<usize>,
    /// Their weights, in the order of `criteria`; they sum to 1.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub ci: f64,
    pub cr: f64,
    /// Every judgement's part in the inconsistency, largest first (ties in list order).
    pub fits: Vec<Fit>,
}

impl Pairwise {
    /// Works out a view's judgements, which must be valid (as the reader and
    /// [`crate::validate`] ensure): every pair of the criteria named judged once, a ≠ b.
    pub fn new(judgements: &[Judgement]) -> Pairwise {
        let mut criteria: Vec<usize> = judgements.iter().flat_map(|j| [j.a, j.b]).collect();
        criteria.sort_unstable();
        criteria.dedup();
        Pairwise::over(criteria, judgements)
            .expect("judging every pair of the criteria connects them")
    }

    /// Works out judgements of some of the pairs of `criteria` (the model's indices,
    /// ascending, no repeats) — a view being given one pair at a time — by Harker's method
    /// for incomplete comparisons: a pair not judged yet counts as the ratio the weights
    /// imply, w_a / w_b, so it adds nothing to the inconsistency. In the matrix this is
    /// a_ab = 0 for a pair not judged and a_aa = 1 + the number of pairs of `a` not
    /// judged; the weights and λmax are then those of the reciprocal matrix filled in with
    /// the implied ratios, so CI and CR are read as for a complete one. With every pair
    /// judged it is [`Pairwise::new`] exactly.
    ///
    /// `None` when the pairs judged do not yet connect every criterion (nothing then
    /// says how one group weighs against another). Each judgement must name two different
    /// criteria of `criteria`, and no pair may be judged twice.
    pub fn over(criteria: Vec<usize>, judgements: &[Judgement]) -> Option<Pairwise> {
        let n = criteria.len();
        let place = |k: usize| criteria.binary_search(&k).expect("a criterion of the set");
        let mut matrix = vec![0.0; n * n];
        // Pairs not judged, per criterion: all of them to start with.
        let mut missing = vec![n.saturating_sub(1); n];
        let mut group: Vec<usize> = (0..n).collect();
        for j in judgements {
            let (a, b) = (place(j.a), place(j.b));
            matrix[a * n + b] = j.ratio;
            matrix[b * n + a] = 1.0 / j.ratio;
            missing[a] -= 1;
            missing[b] -= 1;
            let (ga, gb) = (root(&mut group, a), root(&mut group, b));
            group[ga] = gb;
        }
        let first = (n > 0).then(|| root(&mut group, 0));
        if (0..n).any(|i| Some(root(&mut group, i)) != first) {
            return None;
        }
        for (i, m) in missing.iter().enumerate() {
            matrix[i * n + i] = 1.0 + *m as f64;
        }
        let (weights, lambda_max) = principal(&matrix, n);
        let (ci, cr) = consistency(lambda_max, n);
        let terms: Vec<f64> = judgements
            .iter()
            .map(|j| {
                let e = j.ratio * weights[place(j.b)] / weights[place(j.a)];
                (e + 1.0 / e - 2.0).max(0.0)
            })
            .collect();
        let total: f64 = terms.iter().sum();
        let mut fits: Vec<Fit> = judgements
            .iter()
            .enumerate()
            .map(|(i, j)| {
                let implied = weights[place(j.a)] / weights[place(j.b)];
                Fit {
                    judgement: i,
                    a: j.a,
                    b: j.b,
                    ratio: j.ratio,
                    implied,
                    share: if ci > 0.0 { terms[i] / total } else { 0.0 },
                    suggested: on_scale(implied),
                }
            })
            .collect();
        fits.sort_unstable_by(|x, y| {
            y.share
                .total_cmp(&x.share)
                .then(x.judgement.cmp(&y.judgement))
        });
        Some(Pairwise {
            criteria,
            weights,
            lambda_max,
            ci,
            cr,
            fits,
        })
    }

    /// CR above 0.1.
    pub fn is_inconsistent(&self) -> bool {
        self.cr > CR_LIMIT
    }

    /// The weights over all `criteria_count` criteria of the model (0 for those not judged).
    pub fn vector(&self, criteria_count: usize) -> Vec<f64> {
        let mut v = vec![0.0; criteria_count];
        for (&k, &w) in self.criteria.iter().zip(&self.weights) {
            v[k] = w;
        }
        v
    }

    /// The judgements that contribute most to the inconsistency — at most `limit`, and
    /// none when the judgements are consistent enough (CR ≤ 0.1).
    pub fn worst(&self, limit: usize) -> &[Fit] {
        if !self.is_inconsistent() {
            return &[];
        }
        let contributing = self.fits.iter().take_while(|f| f.share > 0.0).count();
        &self.fits[..contributing.min(limit)]
    }

    /// What to change first when the judgements are inconsistent (CR above 0.1): for
    /// each judgement, the ratio the *other* judgements imply for its pair (the weights
    /// worked out without it, by [`Pairwise::over`], which counts its pair as not
    /// compared), that ratio on Saaty's scale as the value to try, and the CR the set
    /// would have with it; the changes that lower CR most — at most `limit`, best first
    /// (ties: the larger share of the inconsistency, then the order of the list). A
    /// judgement the others say nothing about (without it the criteria fall apart in
    /// two), one already at the value the others imply, or one whose change would not
    /// lower CR is not advised. `judgements` must be those this was worked out from
    /// ([`Pairwise::new`] or [`Pairwise::over`]).
    ///
    /// Leaving the judgement out matters: a judgement said the wrong way round pulls the
    /// weights towards itself, so the ratio the weights of *all* the judgements imply
    /// ([`Fit::implied`]) only goes part of the way back; the others alone say where it
    /// should be.
    ///
    /// Cost: two eigenvectors per judgement (at most 210 for 15 criteria, each O(n³) per
    /// squaring) — milliseconds at the largest, so it can follow a slider.
    pub fn advice(&self, judgements: &[Judgement], limit: usize) -> Vec<Advice> {
        if !self.is_inconsistent() || limit == 0 {
            return Vec::new();
        }
        let mut out: Vec<Advice> = Vec::new();
        for fit in &self.fits {
            let i = fit.judgement;
            let mut others = judgements.to_vec();
            others.remove(i);
            let Some(without) = Pairwise::over(self.criteria.clone(), &others) else {
                continue;
            };
            let place = |k: usize| self.criteria.binary_search(&k).expect("judged");
            let implied = without.weights[place(fit.a)] / without.weights[place(fit.b)];
            let suggested = on_scale(implied);
            if (suggested / fit.ratio - 1.0).abs() < 1e-9 {
                continue;
            }
            let mut trial = judgements.to_vec();
            trial[i].ratio = suggested;
            let after = Pairwise::over(self.criteria.clone(), &trial).map(|p| p.cr);
            match after {
                Some(cr_after) if cr_after < self.cr => out.push(Advice {
                    judgement: i,
                    a: fit.a,
                    b: fit.b,
                    ratio: fit.ratio,
                    implied,
                    suggested,
                    share: fit.share,
                    cr_after,
                }),
                _ => {}
            }
        }
        out.sort_unstable_by(|x, y| {
            x.cr_after
                .total_cmp(&y.cr_after)
                .then(y.share.total_cmp(&x.share))
                .then(x.judgement.cmp(&y.judgement))
        });
        out.truncate(limit);
        out
    }
}

/// A change to one judgement that makes a set of judgements more consistent.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// Its index in the list of judgements.
    pub judgement: usize,
    /// Criterion indices (the model's): "a is `ratio` times as important as b".
    pub a: usize,
    pub b: usize,
    pub ratio: f64,
    /// The ratio the other judgements imply for the pair (w_a / w_b without this one).
    pub implied: f64,
    /// `implied` on Saaty's scale: the value to try.
    pub suggested: f64,
    /// The judgement's share of the inconsistency as it stands ([`Fit::share`]).
    pub share: f64,
    /// CR with the judgement set to `suggested`, the others as they are.
    pub cr_after: f64,
}

/// The representative of `i`'s group (union–find, paths halved on the way).
fn root(group: &mut [usize], mut i: usize) -> usize {
    while group[i] != i {
        group[i] = group[group[i]];
        i = group[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_rounding_is_reciprocal() {
        assert_eq!(on_scale(3.4), 3.0);
        assert_eq!(on_scale(1.0 / 3.4), 1.0 / 3.0);
        assert_eq!(on_scale(12.0), 9.0);
        assert_eq!(on_scale(0.01), 1.0 / 9.0);
        assert_eq!(on_scale(1.2), 1.0);
        assert_eq!(on_scale(0.9), 1.0);
    }

    #[test]
    fn two_by_two_is_exact() {
        let (w, l) = principal(&[1.0, 4.0, 0.25, 1.0], 2);
        assert!(
            (w[0] - 0.8).abs() < 1e-15 && (w[1] - 0.2).abs() < 1e-15,
            "{w:?}"
        );
        assert!((l - 2.0).abs() < 1e-12);
        assert_eq!(consistency(l, 2), (0.0, 0.0));
    }
}
