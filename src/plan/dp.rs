//! Dynamic programming over one knapsack row.

use super::problem::Problem;
use super::problem::Stop;
use super::solve::{Control, Fixed, Progress, Row};

/// The exact dynamic programme over one knapsack row with efforts on a grid of 10⁻ᵈ.
pub(super) struct Dp {
    /// (item, effort in grid units) of the free items worth something with effort on the row.
    pub(super) items: Vec<(usize, usize)>,
    /// Free items worth something with no effort on the row: always in.
    pub(super) always: Vec<usize>,
    pub(super) capacity: usize,
}

/// Prepares the DP when the row's efforts and the free items allow it within `max_cells`.
pub(super) fn dp_plan(
    p: &Problem,
    fixed: &Fixed,
    free: &[usize],
    row: Row,
    max_cells: u64,
) -> Option<Dp> {
    let residual = row.residual(fixed);
    let worth: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&i| p.values[i] > 0.0)
        .collect();
    for d in 0..=4 {
        let scale = 10f64.powi(d);
        let on_grid = |x: f64| {
            let y = x * scale;
            (y - y.round()).abs() <= 1e-12 * y.abs().max(1.0) && y.round() < 1e15
        };
        if !worth.iter().all(|&i| on_grid(row.effort(p, i))) {
            continue;
        }
        let mut items = Vec::new();
        let mut always = Vec::new();
        for &i in &worth {
            let w = (row.effort(p, i) * scale).round() as usize;
            if w == 0 {
                always.push(i);
            } else {
                items.push((i, w));
            }
        }
        let total: usize = items.iter().map(|x| x.1).sum();
        let capacity = ((residual * scale).floor().max(0.0) as usize).min(total);
        let cells = items.len() as u64 * (capacity as u64 + 1);
        if cells > max_cells {
            return None;
        }
        return Some(Dp {
            items,
            always,
            capacity,
        });
    }
    None
}

impl Dp {
    pub(super) fn cells(&self) -> u64 {
        self.items.len() as u64 * (self.capacity as u64 + 1)
    }

    /// The optimal selection, or `None` when cancelled.
    pub(super) fn run(
        &self,
        p: &Problem,
        fixed: &Fixed,
        ctl: &mut Control,
        best_value: Option<f64>,
        upper_bound: f64,
    ) -> Option<Vec<bool>> {
        let c = self.capacity;
        let words = (c + 1).div_ceil(64);
        let mut best = vec![0.0f64; c + 1];
        let mut took = vec![0u64; self.items.len() * words];
        let mut cells = 0u64;
        for (j, &(i, w)) in self.items.iter().enumerate() {
            let v = p.values[i];
            let bits = &mut took[j * words..(j + 1) * words];
            for cap in (w..=c).rev() {
                let candidate = best[cap - w] + v;
                if candidate > best[cap] {
                    best[cap] = candidate;
                    bits[cap / 64] |= 1 << (cap % 64);
                }
            }
            // The DP is bounded by `max_dp_cells`, not by nodes; it only listens for a cancel.
            cells += (c + 1) as u64;
            if cells >= 1 << 22 {
                cells = 0;
                if let Some(f) = ctl.progress.as_deref_mut() {
                    let go = f(&Progress {
                        nodes: ctl.nodes,
                        best_value,
                        upper_bound,
                    });
                    if !go {
                        ctl.stopped = Some(Stop::Cancelled);
                        return None;
                    }
                }
            }
        }
        let mut sel = fixed.selection();
        for &i in &self.always {
            sel[i] = true;
        }
        let mut cap = c;
        for (j, &(i, w)) in self.items.iter().enumerate().rev() {
            if took[j * words + cap / 64] >> (cap % 64) & 1 == 1 {
                sel[i] = true;
                cap -= w;
            }
        }
        Some(sel)
    }
}
