//! The branch and bound: a depth-first search over the free items in Dantzig's order,
//! with Martello and Toth's U2 bound at every node (O(log n) from prefix sums), bucket
//! minimums tracked exactly, and a state stack so that a stopped search resumes where it
//! was. Memory: one row of bounds per level, O(n × (capacities + buckets)).

use super::relax::{sort_by_ratio, Relaxation};
use super::solve::{Control, Fixed, Outcome, Search};

/// The depth-first search over the free items in Dantzig's order.
///
/// Level `d` decides the item at position `d`; `states` holds, per level, what is left of
/// each tracked bound and the sums so far, so going back restores exact numbers.
pub(super) struct Tree {
    m: usize,
    item: Vec<usize>,
    v: Vec<f64>,
    vt: Vec<f64>,
    /// Tracked capacities per position (slot 0: the kept row).
    nc: usize,
    eff: Vec<f64>,
    /// Tracked buckets.
    nbk: usize,
    bslot: Vec<u32>,
    ab: Vec<f64>,
    lo_active: Vec<bool>,
    /// Per level: the primary effort of each tracked bucket's items at positions ≥ level.
    suffix: Vec<f64>,
    /// Slot of the primary capacity among the tracked ones.
    primary_slot: Option<usize>,
    /// Positions with a positive modified value come first; prefix sums over them.
    npos: usize,
    pa: Vec<f64>,
    pv: Vec<f64>,
    /// Base value (items fixed in) plus the Lagrangian constant.
    constant: f64,
    base: f64,
    width: usize,
    states: Vec<f64>,
    branch: Vec<u8>,
    taken: Vec<bool>,
    fixed_selection: Vec<bool>,
    /// Where a stopped search resumes.
    pub(super) level: usize,
}

pub(super) const NO_BUCKET: u32 = u32::MAX;
/// Branch states: the second branch (skip / take) is still to explore, or nothing is.
pub(super) const ALT_SKIP: u8 = 0;
pub(super) const ALT_TAKE: u8 = 1;
pub(super) const DONE: u8 = 2;

impl Tree {
    pub(super) fn new(
        search: &Search,
        relax: &Relaxation,
        fixed: &Fixed,
        free: &[usize],
        pi: &[f64],
    ) -> Tree {
        let p = search.p;
        let mut vt_free = Vec::new();
        let lagrange_constant = relax.modified(p, fixed, free, pi, &mut vt_free);
        let a_free: Vec<f64> = free.iter().map(|&i| p.efforts[relax.kept][i]).collect();
        let mut order: Vec<usize> = (0..free.len()).collect();
        sort_by_ratio(&mut order, &vt_free, &a_free);
        let m = free.len();

        let mut caps = vec![relax.kept];
        caps.extend(relax.caps.iter().copied());
        let nc = caps.len();
        let primary_slot = caps.iter().position(|&k| k == 0);
        let mut tracked: Vec<usize> = relax.hi.iter().chain(&relax.lo).copied().collect();
        tracked.sort_unstable();
        tracked.dedup();
        let nbk = tracked.len();
        let mut slot_of = vec![NO_BUCKET; p.bucket_bounds.len()];
        for (s, &b) in tracked.iter().enumerate() {
            slot_of[b] = s as u32;
        }
        let lo_active = tracked.iter().map(|b| relax.lo.contains(b)).collect();

        let item: Vec<usize> = order.iter().map(|&j| free[j]).collect();
        let v = item.iter().map(|&i| p.values[i]).collect();
        let vt: Vec<f64> = order.iter().map(|&j| vt_free[j]).collect();
        let mut eff = Vec::with_capacity(m * nc);
        for &i in &item {
            for &k in &caps {
                eff.push(p.efforts[k][i]);
            }
        }
        let bslot: Vec<u32> = item
            .iter()
            .map(|&i| p.bucket(i).map_or(NO_BUCKET, |b| slot_of[b]))
            .collect();
        let ab: Vec<f64> = item.iter().map(|&i| p.efforts[0][i]).collect();
        let mut suffix = vec![0.0; (m + 1) * nbk];
        for d in (0..m).rev() {
            for s in 0..nbk {
                suffix[d * nbk + s] = suffix[(d + 1) * nbk + s];
            }
            if bslot[d] != NO_BUCKET {
                suffix[d * nbk + bslot[d] as usize] += ab[d];
            }
        }
        let npos = vt.iter().take_while(|&&x| x > 0.0).count();
        let mut pa = vec![0.0; npos + 1];
        let mut pv = vec![0.0; npos + 1];
        for d in 0..npos {
            pa[d + 1] = pa[d] + eff[d * nc];
            pv[d + 1] = pv[d] + vt[d];
        }
        let base: f64 = (0..p.len())
            .filter(|&i| fixed.state[i] == Some(true))
            .map(|i| p.values[i])
            .sum();

        let width = nc + 2 * nbk + 2;
        let mut states = vec![0.0; (m + 1) * width];
        for (s, &k) in caps.iter().enumerate() {
            states[s] = fixed.cap_res[k];
        }
        for (s, &b) in tracked.iter().enumerate() {
            states[nc + s] = fixed.hi_res[b];
            states[nc + nbk + s] = fixed.lo_res[b];
        }
        Tree {
            m,
            item,
            v,
            vt,
            nc,
            eff,
            nbk,
            bslot,
            ab,
            lo_active,
            suffix,
            primary_slot,
            npos,
            pa,
            pv,
            constant: base + lagrange_constant,
            base,
            width,
            states,
            branch: vec![DONE; m],
            taken: vec![false; m],
            fixed_selection: fixed.selection(),
            level: 0,
        }
    }

    /// Dantzig's bound over positions `d..` with `left` of the kept row.
    fn lp_from(&self, d: usize, left: f64) -> f64 {
        if d >= self.npos {
            return 0.0;
        }
        let target = self.pa[d] + left;
        // Last s with pa[s] ≤ pa[d] + left: positions d..s fit whole.
        let s = d + self.pa[d..=self.npos].partition_point(|&x| x <= target) - 1;
        let whole = self.pv[s] - self.pv[d];
        if s == self.npos {
            return whole;
        }
        // Martello and Toth's U2: the break item s is either out (the next item fills the
        // rest in part) or in (the last whole item makes room in part). Both at most
        // Dantzig's bound, and one of the two holds for every plan.
        let rest = (left - (self.pa[s] - self.pa[d])).max(0.0);
        let ratio = |q: usize| self.vt[q] / self.eff[q * self.nc];
        let without = whole
            + if s + 1 < self.npos {
                rest * ratio(s + 1)
            } else {
                0.0
            };
        let with = if s > d {
            whole + self.vt[s] - (self.eff[s * self.nc] - rest) * ratio(s - 1)
        } else {
            f64::NEG_INFINITY // item s alone does not fit
        };
        without.max(with)
    }

    fn state(&self, d: usize) -> &[f64] {
        &self.states[d * self.width..(d + 1) * self.width]
    }

    fn bound_at(&self, d: usize) -> f64 {
        let s = self.state(d);
        self.constant + s[self.width - 1] + self.lp_from(d, s[0])
    }

    fn fits(&self, d: usize) -> bool {
        let s = self.state(d);
        let e = &self.eff[d * self.nc..(d + 1) * self.nc];
        if e.iter().zip(s).any(|(a, r)| a > r) {
            return false;
        }
        let b = self.bslot[d];
        b == NO_BUCKET || self.ab[d] <= s[self.nc + b as usize]
    }

    /// Whether the bucket minimums can still be met from level `d`.
    fn minimums_reachable(&self, d: usize) -> bool {
        let s = self.state(d);
        let mut total = 0.0;
        for j in 0..self.nbk {
            let need = s[self.nc + self.nbk + j];
            if self.lo_active[j] && need > 0.0 {
                if self.suffix[d * self.nbk + j] < need {
                    return false;
                }
                total += need;
            }
        }
        self.primary_slot.is_none_or(|ps| total <= s[ps])
    }

    fn minimums_met(&self, d: usize) -> bool {
        let s = self.state(d);
        (0..self.nbk).all(|j| !self.lo_active[j] || s[self.nc + self.nbk + j] <= 0.0)
    }

    /// Level `d + 1`'s state: level `d`'s, with the item at `d` taken or not.
    fn descend(&mut self, d: usize, take: bool) {
        let w = self.width;
        let (head, tail) = self.states.split_at_mut((d + 1) * w);
        let (from, to) = (&head[d * w..], &mut tail[..w]);
        to.copy_from_slice(from);
        self.taken[d] = take;
        if take {
            for (r, a) in to[..self.nc]
                .iter_mut()
                .zip(&self.eff[d * self.nc..(d + 1) * self.nc])
            {
                *r -= a;
            }
            let b = self.bslot[d];
            if b != NO_BUCKET {
                to[self.nc + b as usize] -= self.ab[d];
                to[self.nc + self.nbk + b as usize] -= self.ab[d];
            }
            to[w - 2] += self.v[d];
            to[w - 1] += self.vt[d];
        }
    }

    fn selection(&self, upto: usize) -> Vec<bool> {
        let mut sel = self.fixed_selection.clone();
        for d in 0..upto {
            if self.taken[d] {
                sel[self.item[d]] = true;
            }
        }
        sel
    }

    /// A bound on every plan still to explore when the search is at level `level`.
    pub(super) fn open_bound(&self, level: usize) -> f64 {
        let mut ub = if level == self.m {
            self.base + self.state(level)[self.width - 2]
        } else {
            self.bound_at(level)
        };
        for q in 0..level {
            let s = self.state(q);
            let alt = match self.branch[q] {
                ALT_SKIP => self.constant + s[self.width - 1] + self.lp_from(q + 1, s[0]),
                ALT_TAKE => {
                    self.constant
                        + s[self.width - 1]
                        + self.vt[q]
                        + self.lp_from(q + 1, s[0] - self.eff[q * self.nc])
                }
                _ => continue,
            };
            ub = ub.max(alt);
        }
        ub
    }

    /// Searches (or resumes searching) until the tree is exhausted or `ctl` says stop.
    pub(super) fn search(&mut self, search: &mut Search, ctl: &mut Control) -> Outcome {
        let mut level = self.level;
        loop {
            ctl.nodes += 1;
            if ctl.nodes >= ctl.next_check {
                let best = search.best.as_ref().map(|b| b.value);
                let go = ctl.checkpoint(|| {
                    let ub = search
                        .root_bound
                        .min(self.open_bound(level).max(search.excluded_bound));
                    (best, best.map_or(ub, |b| ub.max(b)))
                });
                if !go {
                    self.level = level;
                    return Outcome::Stopped(self.open_bound(level));
                }
            }
            let prune = if level == self.m {
                if self.minimums_met(level) {
                    let value = self.base + self.state(level)[self.width - 2];
                    if value >= search.threshold() - search.precision.tol {
                        search.offer(self.selection(level));
                    }
                }
                true
            } else {
                !self.minimums_reachable(level) || self.bound_at(level) < search.threshold()
            };
            if !prune {
                let d = level;
                let can_take = self.fits(d);
                if self.vt[d] > 0.0 {
                    self.branch[d] = DONE;
                    if can_take {
                        self.branch[d] = ALT_SKIP;
                    }
                    self.descend(d, can_take);
                } else {
                    self.branch[d] = if can_take { ALT_TAKE } else { DONE };
                    self.descend(d, false);
                }
                level += 1;
                continue;
            }
            // Back to the deepest level with a branch left.
            loop {
                if level == 0 {
                    return Outcome::Proven;
                }
                level -= 1;
                match self.branch[level] {
                    ALT_SKIP => {
                        self.branch[level] = DONE;
                        self.descend(level, false);
                        level += 1;
                        break;
                    }
                    ALT_TAKE => {
                        self.branch[level] = DONE;
                        self.descend(level, true);
                        level += 1;
                        break;
                    }
                    _ => {}
                }
            }
        }
    }
}
