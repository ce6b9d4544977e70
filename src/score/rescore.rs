//! Re-scoring draws of uncertain values (for the robustness analysis, `crate::robust`).

use super::table::fill_missing;
use super::*;

impl Scores {
    /// Each criterion's utilities as this scoring used them (weighted-sum; the table's,
    /// or those computed again without the unscorable requests), one slice per criterion,
    /// for passes over whole columns. A value is meaningful only where
    /// [`Scores::utility`] gives one (the criterion active, the request scored).
    pub fn utility_columns<'a>(&'a self, table: &'a Table) -> Vec<&'a [f64]> {
        match &self.utilities {
            Some(u) => u.iter().map(Vec::as_slice).collect(),
            None => table.columns.iter().map(|c| c.utility.as_slice()).collect(),
        }
    }
}

impl Table {
    /// Each request's position in id order (code-point order of ids), which breaks ties
    /// in score: the robustness analysis's tipping points order requests as the ranking
    /// does.
    pub fn id_positions(&self) -> &[u32] {
        &self.id_rank
    }
}

/// Scores one [`Table`] again and again, each time with the raw values of some columns
/// replaced (a draw of the uncertain values) and new weights — by the same rules and the
/// same code as [`Table::score`], without rebuilding anything: constant columns are read
/// from the table as prepared, varying ones are filled (a missing value filled with the
/// worst value present takes the worst of the draw's values; defaults and fixed-scale
/// fills stay), transformed and scaled again (relative scales over the draw's values)
/// into buffers kept from draw to draw.
///
/// Cost per draw: one pass over each varying column (plus a logarithm per value under
/// weighted-product), the weighted pass over the active columns, and a sort of the
/// ranked requests. Nothing is allocated once the buffers have grown, except when a
/// varying value makes a request unscorable under a relative scale (then the constant
/// columns' utilities are computed again for that draw).
///
/// Every method takes the `Table` the rescorer was made for.
pub struct Rescorer {
    varying: Vec<bool>,
    directions: Vec<Direction>,
    rules: Vec<Option<Blocking>>,
    /// Per varying criterion: the draw's raw values (the table's, then overwritten).
    raw: Vec<Vec<f64>>,
    /// Per varying criterion: t, turned into utilities in place under weighted-sum.
    work: Vec<Vec<f64>>,
    /// Per varying criterion under weighted-product: ln t.
    ln_t: Vec<Vec<f64>>,
    /// Per constant criterion, utilities computed for this draw when needed.
    fresh: Vec<Vec<f64>>,
    active: Vec<bool>,
    standing: Vec<Standing>,
    excluded: Vec<bool>,
    score: Vec<f64>,
    value: Vec<f64>,
    keys: Vec<u128>,
    order: Vec<u32>,
    scratch: Scratch,
}

/// One draw's scores, values and ranking (borrowed from the [`Rescorer`]).
pub struct Draw<'a> {
    /// `NaN` for a request that is archived or unscorable in this draw.
    pub score: &'a [f64],
    /// What the planner maximises; `NaN` where the score is.
    pub value: &'a [f64],
    /// Ranked request indices, best first (archived requests left out).
    pub order: &'a [u32],
}

impl Rescorer {
    /// A rescorer for `table` whose criteria `varying[k]` get new raw values each draw (a
    /// criterion that sits out never varies).
    pub fn new(table: &Table, varying: &[bool]) -> Rescorer {
        let k = table.columns.len();
        let varying: Vec<bool> = (0..k)
            .map(|c| varying.get(c).copied().unwrap_or(false) && !table.columns[c].sits_out)
            .collect();
        let raw = (0..k)
            .map(|c| {
                if varying[c] {
                    table.columns[c].raw.clone()
                } else {
                    Vec::new()
                }
            })
            .collect();
        Rescorer {
            directions: table.columns.iter().map(|c| c.direction).collect(),
            rules: table
                .columns
                .iter()
                .zip(&table.scales)
                .map(|(c, s)| blocking(table.method, s.0, c.direction))
                .collect(),
            varying,
            raw,
            work: vec![Vec::new(); k],
            ln_t: vec![Vec::new(); k],
            fresh: vec![Vec::new(); k],
            active: Vec::new(),
            standing: Vec::new(),
            excluded: Vec::new(),
            score: vec![f64::NAN; table.len()],
            value: vec![f64::NAN; table.len()],
            keys: Vec::new(),
            order: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// Whether criterion `k` varies from draw to draw.
    pub fn varies(&self, k: usize) -> bool {
        self.varying[k]
    }

    /// Criterion `k`'s raw values for the next draw, to overwrite where they vary (a
    /// varying criterion only). Cells not written keep the table's value; missing ones
    /// are filled again when the draw is scored.
    pub fn raw_mut(&mut self, k: usize) -> &mut [f64] {
        assert!(self.varying[k], "criterion {k} does not vary");
        &mut self.raw[k]
    }

    /// Criterion `k`'s raw values in the last draw scored (the table's when it does not
    /// vary), missing values filled.
    pub fn raw<'a>(&'a self, table: &'a Table, k: usize) -> &'a [f64] {
        if self.varying[k] {
            &self.raw[k]
        } else {
            &table.columns[k].raw
        }
    }

    /// Scores and ranks the draw under `weights` (one per criterion, ≥ 0), exactly as
    /// [`Table::score`] would score a scenario holding these values and weights. A draw
    /// in which no criterion takes part ranks every request as unscorable.
    pub fn score(&mut self, table: &Table, criteria: &[Criterion], weights: &[f64]) -> Draw<'_> {
        let n = table.len();
        let method = table.method;
        let Rescorer {
            varying,
            directions,
            rules,
            raw,
            work,
            ln_t,
            fresh,
            active,
            standing,
            excluded,
            score,
            value,
            keys,
            order,
            scratch,
        } = self;
        active.clear();
        active.extend(
            (0..table.columns.len())
                .map(|k| weights.get(k).is_some_and(|&w| w > 0.0) && !table.columns[k].sits_out),
        );

        // The varying columns: fill, transform.
        for k in (0..varying.len()).filter(|&k| varying[k]) {
            let col = &table.columns[k];
            fill_missing(
                &criteria[k],
                method,
                &mut raw[k],
                &col.origin,
                &table.archived,
            );
            let t = &mut work[k];
            t.clear();
            t.extend(raw[k].iter().map(|&x| col.transform.apply(x)));
            if method == Method::WeightedProduct {
                ln_t[k].clear();
                ln_t[k].extend(t.iter().map(|x| x.ln()));
            }
        }

        // Who cannot be scored.
        reset_standing(&table.archived, standing);
        if !active.contains(&true) {
            for s in standing.iter_mut().filter(|s| **s == Standing::Scorable) {
                *s = Standing::NoCost;
            }
        }
        let blocking = mark_blocked(method, directions, active, standing, |k, mark| {
            if varying[k] {
                if let Some(rule) = rules[k] {
                    for (i, &t) in work[k].iter().enumerate() {
                        if !table.archived[i] && rule.blocks(t) {
                            mark(i);
                        }
                    }
                }
            } else {
                for &(i, _) in &table.columns[k].blocks {
                    mark(i as usize);
                }
            }
        });

        // Utilities (weighted-sum): relative scales over the draw's scorable requests.
        let mut cached: Option<Arc<Vec<Vec<f64>>>> = None;
        let mut use_fresh = false;
        if method == Method::WeightedSum {
            excluded.clear();
            excluded.extend(standing.iter().map(|&s| s != Standing::Scorable));
            let varying_mask: u64 = (0..varying.len())
                .filter(|&k| varying[k])
                .fold(0, |m, k| m | 1 << k);
            if blocking != 0 && blocking & varying_mask == 0 {
                // Only constant columns block: the excluded set is the table's for this
                // mask, and so are the constant columns' utilities (cached).
                cached = Some(table.utilities_without(blocking, standing));
            } else if blocking != 0 {
                use_fresh = true;
                for k in (0..varying.len()).filter(|&k| active[k] && !varying[k]) {
                    let col = &table.columns[k];
                    let (scale, min, max) = table.scales[k];
                    let mut t = std::mem::take(&mut fresh[k]);
                    t.clear();
                    t.extend((0..n).map(|i| col.t(i)));
                    fresh[k] =
                        utilities(t, scale, min, max, col.transform, col.direction, excluded);
                }
            }
            for k in (0..varying.len()).filter(|&k| varying[k]) {
                let col = &table.columns[k];
                let (scale, min, max) = table.scales[k];
                let t = std::mem::take(&mut work[k]);
                work[k] = utilities(t, scale, min, max, col.transform, col.direction, excluded);
            }
        }

        let inputs: Vec<Inputs> = (0..table.columns.len())
            .map(|k| {
                let col = &table.columns[k];
                let benefit = directions[k] == Direction::Benefit;
                if varying[k] {
                    return Inputs {
                        benefit,
                        t: &work[k],
                        utility: &work[k],
                        ln_t: &ln_t[k],
                    };
                }
                let utility: &[f64] = match (&cached, use_fresh && active[k]) {
                    (Some(u), _) => &u[k],
                    (None, true) => &fresh[k],
                    (None, false) => &col.utility,
                };
                Inputs {
                    benefit,
                    t: &col.t,
                    utility,
                    ln_t: &col.ln_t,
                }
            })
            .collect();
        Pass {
            method,
            weights,
            active,
            confidence: &table.confidence,
        }
        .combine(&inputs, standing, score, value, scratch);
        rank_into(table, score, keys, order);
        Draw {
            score,
            value,
            order,
        }
    }
}
