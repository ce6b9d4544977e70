//! How sure the ranking is (the robustness contract, `robustness-v1.md`): the ranking
//! sampled under uncertain weights and estimates, and the exact tipping points of every
//! weight.
//!
//! - **Sampling** ([`Run`], [`analyse`]): each of N samples draws a weight vector
//!   ([`Weights`]: around the model's weights, anywhere on the simplex, or a random
//!   compromise of the team's views) and a value for every range (Beta-PERT), then scores
//!   and ranks the sample by the scoring rules themselves ([`crate::score::Rescorer`]:
//!   the table's prepared columns are reused; only the columns with ranges are filled,
//!   transformed and scaled again). Per request: the chance to be in the top K, the
//!   chance of each of the first K ranks (acceptability), rank percentiles and, with a
//!   plan, the chance to be in each sample's optimal plan (each sample's plan search
//!   starts from the previous sample's plan when that still fits).
//! - **Tipping points** ([`tipping_points`]): exact, no sampling.
//!
//! Deterministic: the same scenario, options and seed give the same numbers; no clock, no
//! thread. The draws are the same bits on every platform, natively and in WebAssembly (a
//! seeded xoshiro256**, and a logarithm and exponential of our own, see [`random`]); the
//! scoring is the ranking's own, whose logarithms (weighted-product, `log` transforms) come
//! from the platform, so two platforms could differ only where two scores tie to the last
//! bit. A [`Run`] goes in steps so that a page's worker can report progress and stop
//! between them.
//!
//! Cost: per sample, a draw per weight and per range (two Gamma draws each), one pass
//! over each column with ranges, the weighted pass over the active columns and a sort of
//! the ranked requests — about 1,000 requests × 10,000 samples a second on one core
//! (`benches/robust.rs`). Memory: the ranks are kept as a histogram per request (n² counts)
//! or, when there are more requests than samples, as every sample's ranks (n · N), the
//! smaller of the two.

pub mod random;
mod tipping;

use std::fmt;

use crate::json::{self, Number, Object, Value};
use crate::model::{Criterion, Estimate, Scenario};
use crate::plan::{self, Budget, PlanError, Problem};
use crate::score::{Rescorer, Scores, Table};
use crate::ScoreError;

pub use random::{Gamma, Pert, Rng};
pub use tipping::{decisive, tipping_points, Decisive, Interval, Overtake, SetChange, Stability};

/// How each sample draws its weights (§1).
#[derive(Clone, Debug, PartialEq)]
pub enum Weights {
    /// Every criterion with weight w > 0 uniform on [w (1 − spread), w (1 + spread)]; one
    /// with a `weight_range` uniform on it instead; weight 0 and no range stays 0.
    /// 0 ≤ spread ≤ 1.
    Around { spread: f64 },
    /// Uniform on the simplex of the criteria weighted above 0, scaled to the model's
    /// total weight.
    Any,
    /// A uniformly random compromise of the team's views: Dirichlet(1, …, 1) mixing
    /// coefficients over these vectors (one weight per criterion, in model order; each is
    /// normalised to sum 1 here), scaled to the model's total weight. The scenario's own
    /// views (`team-v1.md`) are [`Weights::views_of`]; an empty list is
    /// [`Error::NoViews`].
    Views(Vec<Vec<f64>>),
}

impl Weights {
    /// The modes' names in the contract (§1).
    pub const MODES: [&'static str; 3] = ["around", "any", "views"];

    /// The mode's name in the contract: `around`, `any`, `views`.
    pub fn name(&self) -> &'static str {
        match self {
            Weights::Around { .. } => Weights::MODES[0],
            Weights::Any => Weights::MODES[1],
            Weights::Views(_) => Weights::MODES[2],
        }
    }

    /// The weights of the mode named `mode` for this scenario (`spread` counts for
    /// `around` only); `None` when no mode has that name, [`Error::NoViews`] for `views`
    /// on a scenario without views.
    pub fn for_mode(
        mode: &str,
        spread: f64,
        scenario: &Scenario,
    ) -> Option<Result<Weights, Error>> {
        match Weights::MODES.iter().position(|&m| m == mode)? {
            0 => Some(Ok(Weights::Around { spread })),
            1 => Some(Ok(Weights::Any)),
            _ => Some(Weights::views_of(scenario)),
        }
    }

    /// The weights' draw in words, as the table and the page's settings say it.
    pub fn describe(&self) -> String {
        match self {
            Weights::Around { spread } => format!(
                "weights within ±{}% of the model's",
                crate::text::number(spread * 100.0, 1)
            ),
            Weights::Any => "weights anywhere (every mix of the criteria weighted above 0)".into(),
            Weights::Views(v) => format!(
                "weights a random compromise of the team's {} views",
                v.len()
            ),
        }
    }

    /// Mode `views` over the scenario's own views (`model.views`, each normalised by
    /// [`crate::team::vectors`]; their says take no part, §1). Refused when the scenario
    /// has no views.
    pub fn views_of(scenario: &Scenario) -> Result<Weights, Error> {
        if scenario.model.views.is_empty() {
            return Err(Error::NoViews);
        }
        crate::team::vectors(scenario)
            .map(Weights::Views)
            .map_err(Error::Score)
    }
}

/// What to compute.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// N ≥ 1.
    pub samples: usize,
    pub seed: u64,
    /// K; `None` for min(10, the number of ranked requests).
    pub top: Option<usize>,
    pub weights: Weights,
    /// Compute `p_plan` (the scenario needs a capacity).
    pub plan: bool,
    /// Start each sample's plan search from the previous sample's plan (on by default;
    /// off only to measure what it saves).
    pub warm_start: bool,
    /// The search budget of each sample's plan.
    pub plan_budget: Budget,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            samples: 10_000,
            seed: 1,
            top: None,
            weights: Weights::Around { spread: 0.25 },
            plan: false,
            warm_start: true,
            plan_budget: Budget::default(),
        }
    }
}

/// Why the analysis cannot run.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// An option out of its range; the message names it (`samples`, `top`, `spread`).
    Option(String),
    /// No request is ranked (every one archived, or none at all).
    NoRequests,
    /// The scenario cannot be scored.
    Score(ScoreError),
    /// Mode `views` with no views.
    NoViews,
    /// A plan was asked for and cannot be made (no capacity, bad efforts).
    Plan(PlanError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Option(m) => f.write_str(m),
            Error::NoRequests => {
                f.write_str("no request is ranked, so there is nothing to analyse")
            }
            Error::Score(e) => write!(f, "{e}"),
            Error::NoViews => write!(f, "{}", crate::team::no_views()),
            Error::Plan(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// One request's figures (§2).
#[derive(Clone, Debug, PartialEq)]
pub struct RequestResult {
    /// The request's index in the scenario.
    pub request: usize,
    /// Its rank in the scenario's own ranking.
    pub rank: u32,
    /// Fraction of samples with rank ≤ K.
    pub p_top: f64,
    /// K fractions: rank 1, 2, …, K.
    pub acceptability: Vec<f64>,
    /// Nearest-rank percentiles of its sampled ranks: the ⌈q·N⌉-th smallest.
    pub rank_p05: u32,
    pub rank_median: u32,
    pub rank_p95: u32,
    /// With a plan: the fraction of samples whose optimal plan holds it.
    pub p_plan: Option<f64>,
    /// The mean weight vector (each sample's normalised to sum 1 over the criteria that
    /// take part) of the samples in which it ranks first — SMAA's central weights; `None`
    /// when it is never first. Not in the contract's JSON.
    pub central_weights: Option<Vec<f64>>,
}

/// The analysis: per request, in the order of the scenario's own ranking, and per
/// criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub samples: usize,
    pub seed: u64,
    pub top: usize,
    pub weights: Weights,
    /// The ranges drawn in each sample (values given as a range with low < high, on
    /// requests that are not archived). Not in the contract's JSON.
    pub ranges: usize,
    pub requests: Vec<RequestResult>,
    pub stability: Vec<Stability>,
    /// With a plan: the samples in which no plan satisfies the constraints (or none was
    /// found within the budget); they count as "not in" for every request.
    pub plan_infeasible: Option<usize>,
}

/// Runs the whole analysis.
pub fn analyse(scenario: &Scenario, options: &Options) -> Result<Analysis, Error> {
    Ok(Run::new(scenario, options)?.finish())
}

/// A range drawn in every sample.
#[derive(Clone, Copy, Debug)]
struct Cell {
    criterion: usize,
    request: usize,
    pert: Pert,
}

/// How a sample's weights are drawn, prepared.
#[derive(Clone, Debug)]
enum WeightDraw {
    /// Per criterion (low, width): uniform on [low, low + width].
    Around(Vec<(f64, f64)>),
    /// Exp(1) per member, normalised, scaled by `total` where `keep`.
    Simplex {
        members: Vec<usize>,
        keep: Vec<bool>,
        total: f64,
    },
    /// Dirichlet(1, …, 1) over normalised vectors, scaled by `total` where `keep`.
    Views {
        vectors: Vec<Vec<f64>>,
        keep: Vec<bool>,
        total: f64,
    },
}

impl WeightDraw {
    fn new(scenario: &Scenario, table: &Table, mode: &Weights) -> Result<WeightDraw, Error> {
        let criteria = &scenario.model.criteria;
        let takes_part = |k: usize| criteria[k].weight() > 0.0 && !table.columns[k].sits_out;
        let keep: Vec<bool> = (0..criteria.len())
            .map(|k| !table.columns[k].sits_out)
            .collect();
        let total: f64 = (0..criteria.len())
            .filter(|&k| takes_part(k))
            .map(|k| criteria[k].weight())
            .sum();
        Ok(match mode {
            Weights::Around { spread } => {
                let s = *spread;
                if !(0.0..=1.0).contains(&s) {
                    return Err(Error::Option(format!(
                        "spread must be a number from 0 to 1, found {s}"
                    )));
                }
                WeightDraw::Around(
                    criteria
                        .iter()
                        .map(|c| match &c.weight_range {
                            Some(r) => (r.low, r.high - r.low),
                            None if c.weight() > 0.0 => {
                                (c.weight() * (1.0 - s), 2.0 * s * c.weight())
                            }
                            None => (0.0, 0.0),
                        })
                        .collect(),
                )
            }
            Weights::Any => WeightDraw::Simplex {
                members: (0..criteria.len())
                    .filter(|&k| criteria[k].weight() > 0.0)
                    .collect(),
                keep,
                total,
            },
            Weights::Views(views) => {
                if views.is_empty() {
                    return Err(Error::NoViews);
                }
                let mut vectors = Vec::with_capacity(views.len());
                for (v, view) in views.iter().enumerate() {
                    let sum: f64 = view.iter().sum();
                    if view.len() != criteria.len()
                        || view.iter().any(|x| !(x.is_finite() && *x >= 0.0))
                        || !(sum > 0.0 && sum.is_finite())
                    {
                        return Err(Error::Option(format!(
                            "view {} must give one weight ≥ 0 to each of the {} criteria, not all 0",
                            v + 1,
                            criteria.len()
                        )));
                    }
                    vectors.push(view.iter().map(|x| x / sum).collect());
                }
                WeightDraw::Views {
                    vectors,
                    keep,
                    total,
                }
            }
        })
    }

    fn draw(&self, rng: &mut Rng, out: &mut [f64]) {
        match self {
            WeightDraw::Around(bounds) => {
                for (w, &(low, width)) in out.iter_mut().zip(bounds) {
                    *w = if width > 0.0 {
                        low + width * rng.uniform()
                    } else {
                        low
                    };
                }
            }
            WeightDraw::Simplex {
                members,
                keep,
                total,
            } => {
                out.fill(0.0);
                let mut sum = 0.0;
                for &k in members {
                    let e = rng.exp1();
                    out[k] = e;
                    sum += e;
                }
                for (k, w) in out.iter_mut().enumerate() {
                    *w = if keep[k] { *w / sum * total } else { 0.0 };
                }
            }
            WeightDraw::Views {
                vectors,
                keep,
                total,
            } => {
                out.fill(0.0);
                let mut sum = 0.0;
                for v in vectors {
                    let e = rng.exp1();
                    sum += e;
                    for (w, x) in out.iter_mut().zip(v) {
                        *w += e * x;
                    }
                }
                for (k, w) in out.iter_mut().enumerate() {
                    *w = if keep[k] { *w / sum * total } else { 0.0 };
                }
            }
        }
    }
}

/// Where every sample's ranks are kept, whichever is smaller: a histogram of ranks per
/// request (n² counts) or every sample's ranks (n · N).
#[derive(Clone, Debug)]
enum RankStore {
    /// `counts[slot · n + rank − 1]`.
    Histogram(Vec<u32>),
    /// `ranks[sample · n + slot]` (ranks from 0).
    Every(Vec<u32>),
}

/// The plan of every sample.
struct PlanState {
    problem: Problem,
    /// (capacity entry, criterion) of the capacities whose efforts vary.
    varying_efforts: Vec<(usize, usize)>,
    last: Option<Vec<bool>>,
    counts: Vec<u32>,
    infeasible: usize,
}

/// The sampling, in steps: [`Run::new`] prepares, [`Run::step`] draws some samples,
/// [`Run::finish`] draws the rest and adds the tipping points.
pub struct Run {
    options: Options,
    top: usize,
    table: Table,
    criteria: Vec<Criterion>,
    base: Scores,
    rescorer: Rescorer,
    rng: Rng,
    /// Sorted by criterion, then request.
    cells: Vec<Cell>,
    weight_draw: WeightDraw,
    weights: Vec<f64>,
    done: usize,
    /// Each request's position in the scenario's own ranking (its slot).
    slot: Vec<u32>,
    ranks: RankStore,
    /// Per request, Σ of the normalised weights of the samples where it is first.
    central: Vec<f64>,
    first_count: Vec<u32>,
    plan: Option<PlanState>,
}

impl Run {
    pub fn new(scenario: &Scenario, options: &Options) -> Result<Run, Error> {
        if options.samples == 0 {
            return Err(Error::Option(
                "samples must be a whole number ≥ 1, found 0".into(),
            ));
        }
        let table = Table::new(scenario);
        let criteria = scenario.model.criteria.clone();
        let base = table
            .score(&criteria, &scenario.model.weights())
            .map_err(Error::Score)?;
        let m = base.order.len();
        if m == 0 {
            return Err(Error::NoRequests);
        }
        let top = options.top.unwrap_or(crate::team::default_top(m));
        if top == 0 || top > m {
            return Err(Error::Option(format!(
                "top must be a whole number from 1 to {m} (the number of requests ranked), found {top}"
            )));
        }
        let weight_draw = WeightDraw::new(scenario, &table, &options.weights)?;

        let mut cells = Vec::new();
        for (i, r) in scenario.requests.iter().enumerate() {
            if table.archived[i] {
                continue;
            }
            for (k, e) in r.values.iter() {
                if let Estimate::Range(range) = e {
                    if let Some(pert) = Pert::new(range.low, range.likely, range.high) {
                        cells.push(Cell {
                            criterion: k,
                            request: i,
                            pert,
                        });
                    }
                }
            }
        }
        cells.sort_by_key(|c| (c.criterion, c.request));
        let mut varying = vec![false; criteria.len()];
        for c in &cells {
            varying[c.criterion] = true;
        }
        let rescorer = Rescorer::new(&table, &varying);

        let plan = if options.plan {
            let problem = plan::problem(scenario, &table, &base, &[]).map_err(Error::Plan)?;
            let mut varying_efforts = Vec::new();
            for (entry, cap) in scenario.capacity.iter().enumerate() {
                let k = cap.criterion;
                if !varying[k] {
                    continue;
                }
                if let Some(c) = cells
                    .iter()
                    .find(|c| c.criterion == k && c.pert.low() < 0.0)
                {
                    return Err(Error::Plan(PlanError::Invalid(format!(
                        "request {}'s range on \"{}\" goes below 0; an effort on a capacity must be ≥ 0",
                        scenario.requests[c.request].id, criteria[k].id
                    ))));
                }
                varying_efforts.push((entry, k));
            }
            Some(PlanState {
                problem,
                varying_efforts,
                last: None,
                counts: vec![0; scenario.requests.len()],
                infeasible: 0,
            })
        } else {
            None
        };

        let mut slot = vec![u32::MAX; scenario.requests.len()];
        for (pos, &i) in base.order.iter().enumerate() {
            slot[i as usize] = pos as u32;
        }
        let ranks = if m <= options.samples {
            RankStore::Histogram(vec![0; m * m])
        } else {
            RankStore::Every(vec![0; m * options.samples])
        };
        let n = scenario.requests.len();
        Ok(Run {
            top,
            rng: Rng::new(options.seed),
            weights: vec![0.0; criteria.len()],
            central: vec![0.0; n * criteria.len()],
            first_count: vec![0; n],
            options: options.clone(),
            table,
            criteria,
            base,
            rescorer,
            cells,
            weight_draw,
            done: 0,
            slot,
            ranks,
            plan,
        })
    }

    /// Samples drawn so far, and the number asked for.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.options.samples)
    }

    /// K, the size of the top.
    pub fn top(&self) -> usize {
        self.top
    }

    /// Draws up to `count` more samples; returns the number drawn so far.
    pub fn step(&mut self, count: usize) -> usize {
        let end = self.done.saturating_add(count).min(self.options.samples);
        while self.done < end {
            self.sample();
            self.done += 1;
        }
        self.done
    }

    fn sample(&mut self) {
        let Run {
            table,
            criteria,
            rescorer,
            rng,
            cells,
            weight_draw,
            weights,
            slot,
            ranks,
            central,
            first_count,
            plan,
            done,
            options,
            ..
        } = self;
        weight_draw.draw(rng, weights);
        let mut start = 0;
        while start < cells.len() {
            let k = cells[start].criterion;
            let raw = rescorer.raw_mut(k);
            let mut end = start;
            while end < cells.len() && cells[end].criterion == k {
                raw[cells[end].request] = cells[end].pert.sample(rng);
                end += 1;
            }
            start = end;
        }

        let draw = rescorer.score(table, criteria, weights);
        let m = draw.order.len();
        match ranks {
            RankStore::Histogram(counts) => {
                for (pos, &i) in draw.order.iter().enumerate() {
                    counts[slot[i as usize] as usize * m + pos] += 1;
                }
            }
            RankStore::Every(all) => {
                let row = &mut all[*done * m..(*done + 1) * m];
                for (pos, &i) in draw.order.iter().enumerate() {
                    row[slot[i as usize] as usize] = pos as u32;
                }
            }
        }
        let first = draw.order[0] as usize;
        let c = weights.len();
        let taking_part = |k: usize| weights[k] > 0.0 && !table.columns[k].sits_out;
        let sum: f64 = (0..c).filter(|&k| taking_part(k)).map(|k| weights[k]).sum();
        if sum > 0.0 {
            first_count[first] += 1;
            for k in (0..c).filter(|&k| taking_part(k)) {
                central[first * c + k] += weights[k] / sum;
            }
        }
        if let Some(p) = plan {
            for (v, &x) in p.problem.values.iter_mut().zip(draw.value) {
                *v = if x.is_nan() { 0.0 } else { x };
            }
            for &(entry, k) in &p.varying_efforts {
                p.problem.efforts[entry].copy_from_slice(rescorer.raw(table, k));
            }
            let start = if options.warm_start {
                p.last.as_deref()
            } else {
                None
            };
            match plan::solve_from(&p.problem, &options.plan_budget, None, start) {
                Ok(solution) => {
                    for (count, &s) in p.counts.iter_mut().zip(&solution.selected) {
                        *count += s as u32;
                    }
                    p.last = Some(solution.selected);
                }
                Err(_) => p.infeasible += 1,
            }
        }
    }

    /// Draws the samples not drawn yet and completes the analysis with the tipping
    /// points.
    pub fn finish(mut self) -> Analysis {
        self.step(usize::MAX);
        let n_samples = self.done;
        let m = self.base.order.len();
        let k = self.top;
        let c = self.criteria.len();
        let fraction = |count: u64| count as f64 / n_samples as f64;
        // Nearest rank: the ⌈q·N⌉-th smallest, q = percent / 100, in whole numbers.
        let nth = |percent: usize| (percent * n_samples).div_ceil(100).max(1);
        let requests = self
            .base
            .order
            .iter()
            .enumerate()
            .map(|(slot, &i)| {
                let i = i as usize;
                let (counts, percentiles): (Vec<u64>, [u32; 3]) = match &self.ranks {
                    RankStore::Histogram(all) => {
                        let row = &all[slot * m..(slot + 1) * m];
                        let counts = row[..k].iter().map(|&x| x as u64).collect();
                        let percentile = |q: usize| {
                            let target = nth(q) as u64;
                            let mut seen = 0u64;
                            for (pos, &x) in row.iter().enumerate() {
                                seen += x as u64;
                                if seen >= target {
                                    return pos as u32 + 1;
                                }
                            }
                            m as u32
                        };
                        (counts, [percentile(5), percentile(50), percentile(95)])
                    }
                    RankStore::Every(all) => {
                        let mut mine: Vec<u32> =
                            (0..n_samples).map(|s| all[s * m + slot]).collect();
                        let mut counts = vec![0u64; k];
                        for &r in &mine {
                            if (r as usize) < k {
                                counts[r as usize] += 1;
                            }
                        }
                        let mut percentile = |q: usize| {
                            let (_, x, _) = mine.select_nth_unstable(nth(q) - 1);
                            *x + 1
                        };
                        let p = [percentile(5), percentile(50), percentile(95)];
                        (counts, p)
                    }
                };
                let central_weights = (self.first_count[i] > 0).then(|| {
                    let count = self.first_count[i] as f64;
                    self.central[i * c..(i + 1) * c]
                        .iter()
                        .map(|x| x / count)
                        .collect()
                });
                RequestResult {
                    request: i,
                    rank: self.base.rank[i],
                    p_top: fraction(counts.iter().sum()),
                    acceptability: counts.iter().map(|&x| fraction(x)).collect(),
                    rank_p05: percentiles[0],
                    rank_median: percentiles[1],
                    rank_p95: percentiles[2],
                    p_plan: self.plan.as_ref().map(|p| fraction(p.counts[i] as u64)),
                    central_weights,
                }
            })
            .collect();
        Analysis {
            samples: n_samples,
            seed: self.options.seed,
            top: k,
            weights: self.options.weights.clone(),
            ranges: self.cells.len(),
            requests,
            stability: tipping_points(&self.table, &self.criteria, &self.base, k),
            plan_infeasible: self.plan.as_ref().map(|p| p.infeasible),
        }
    }
}

/// A weight as the scenario file writes it (`4`, not `4.0`).
fn weight_value(x: f64) -> Value {
    if x.is_finite() {
        Value::Number(Number::from_text(&json::number::canonical(x)))
    } else {
        Value::Null
    }
}

impl Analysis {
    /// The `robust --json` document (§4), fields in the contract's order.
    pub fn to_value(&self, scenario: &Scenario) -> Value {
        let id = |i: usize| Value::str(&scenario.requests[i].id);
        let mut doc = Object::new();
        doc.push("samples".into(), Value::from(self.samples));
        doc.push("seed".into(), Value::from(self.seed));
        doc.push("top".into(), Value::from(self.top));
        doc.push("weights".into(), Value::str(self.weights.name()));
        if let Weights::Around { spread } = self.weights {
            doc.push("spread".into(), Value::f64(spread));
        }
        let requests = self
            .requests
            .iter()
            .map(|r| {
                let mut o = Object::new();
                o.push("id".into(), id(r.request));
                o.push("rank".into(), Value::from(r.rank));
                o.push("p_top".into(), Value::f64(r.p_top));
                o.push("acceptability".into(), Value::from(r.acceptability.clone()));
                o.push("rank_p05".into(), Value::from(r.rank_p05));
                o.push("rank_median".into(), Value::from(r.rank_median));
                o.push("rank_p95".into(), Value::from(r.rank_p95));
                if let Some(p) = r.p_plan {
                    o.push("p_plan".into(), Value::f64(p));
                }
                Value::Object(o)
            })
            .collect::<Vec<_>>();
        doc.push("requests".into(), Value::Array(requests));
        let stability = self
            .stability
            .iter()
            .map(|st| {
                let set_change = |c: &SetChange| {
                    let mut o = Object::new();
                    o.push("enters".into(), id(c.enters));
                    o.push("leaves".into(), id(c.leaves));
                    Value::Object(o)
                };
                let overtake = |c: &Overtake| {
                    let mut o = Object::new();
                    o.push("overtaken_by".into(), id(c.overtaken_by));
                    Value::Object(o)
                };
                let mut o = Object::new();
                o.push(
                    "criterion".into(),
                    Value::str(&scenario.model.criteria[st.criterion].id),
                );
                o.push("weight".into(), weight_value(st.weight));
                o.push("top_set".into(), interval_value(&st.top_set, set_change));
                o.push("first".into(), interval_value(&st.first, overtake));
                Value::Object(o)
            })
            .collect::<Vec<_>>();
        doc.push("stability".into(), Value::Array(stability));
        if let Some(x) = self.plan_infeasible {
            doc.push("plan_infeasible".into(), Value::from(x));
        }
        Value::Object(doc)
    }

    /// [`Analysis::to_value`] as the command line prints it (with a final newline).
    pub fn to_json(&self, scenario: &Scenario) -> String {
        let mut text = json::write::pretty(&self.to_value(scenario));
        text.push('\n');
        text
    }
}

fn interval_value<T>(t: &Interval<T>, end: impl Fn(&T) -> Value) -> Value {
    let mut o = Object::new();
    o.push("low".into(), weight_value(t.low));
    o.push("high".into(), t.high.map_or(Value::Null, weight_value));
    o.push("at_low".into(), t.at_low.as_ref().map_or(Value::Null, &end));
    o.push(
        "at_high".into(),
        t.at_high.as_ref().map_or(Value::Null, &end),
    );
    Value::Object(o)
}
