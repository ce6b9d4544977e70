//! The robustness analysis against its speed goals (robustness-v1 §5), each beside a floor
//! measured in the same run so that the ratio is read on a noisy machine:
//!
//! - sampling: 1,000 requests × 10,000 samples (every effort a range, weights around the
//!   model's) in about a second — floor: the plain weighted sum and sort of 10,000 weight
//!   vectors over fixed utility columns (no draws of values, no rules);
//! - tipping points of 10,000 requests in a few milliseconds — floor: one sort of 10,000
//!   scores;
//! - p_plan for 200 requests × 1,000 samples in seconds — floor: the same samples with
//!   each plan searched cold (not started from the previous sample's plan); once with
//!   every effort drawn from a range (the plan search cannot finish by its dynamic
//!   programme on such efforts, and the previous plan seldom fits the new ones), once with
//!   the efforts fixed and the weights and fit drawn. (Measured with the solver's node
//!   counts on these instances: the previous plan fits 59 samples in 60 when efforts are
//!   fixed and never when they are drawn, and either way the searches take as many nodes
//!   — the solver's own first plans are already near the optimum and proving optimality
//!   is the work — so the two figures differ by noise.)
//!
//! Run: `cargo bench --bench robust` (part of `make bench`; about six minutes, most of it
//! the plans: criterion runs each at least ten times). The summary at the end prints every
//! ratio from criterion's estimates.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion};
use thresh::model::{Estimate, Range, Scenario};
use thresh::robust::{self, Options, Rng, Weights};
use thresh::{synthetic, Table};

#[path = "estimates.rs"]
mod estimates;

/// `s` with every request's effort (`cost`) an estimate from 0.7 to 1.6 times its value.
fn with_effort_ranges(mut s: Scenario) -> Scenario {
    let cost = s.model.criterion_index("cost").expect("a cost criterion");
    for r in &mut s.requests {
        if let Some(x) = r.values.get(cost).map(Estimate::likely) {
            r.values.set(
                cost,
                Estimate::Range(Box::new(Range {
                    low: 0.7 * x,
                    likely: x,
                    high: 1.6 * x,
                    extra: Default::default(),
                })),
            );
        }
    }
    s
}

/// `s` with every request's fit an estimate from one point below to two above it.
fn with_fit_ranges(mut s: Scenario) -> Scenario {
    let fit = s.model.criterion_index("fit").expect("a fit criterion");
    for r in &mut s.requests {
        if let Some(x) = r.values.get(fit).map(Estimate::likely) {
            r.values.set(
                fit,
                Estimate::Range(Box::new(Range {
                    low: (x - 1.0).max(0.0),
                    likely: x,
                    high: x + 2.0,
                    extra: Default::default(),
                })),
            );
        }
    }
    s
}

/// The floor for sampling: per sample, uniform weights around the model's, the weighted
/// sum over fixed utility columns, a sort.
fn weighted_sum_and_sort(utilities: &[Vec<f64>], base: &[f64], samples: usize) -> u32 {
    let n = utilities[0].len();
    let mut rng = Rng::new(1);
    let mut score = vec![0.0; n];
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut first = 0;
    for _ in 0..samples {
        score.fill(0.0);
        for (u, &w) in utilities.iter().zip(base) {
            let w = w * (0.75 + 0.5 * rng.uniform());
            for (s, &x) in score.iter_mut().zip(u) {
                *s += w * x;
            }
        }
        order.sort_unstable_by(|&a, &b| score[b as usize].total_cmp(&score[a as usize]));
        first ^= order[0];
    }
    first
}

fn benches(c: &mut Criterion) {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs each benchmark once in
    // a debug build, where the full sizes take many minutes: there, far fewer samples
    // (the groups keep their names).
    let (sampled, planned) = if std::env::args().any(|a| a == "--bench") {
        (10_000, 1_000)
    } else {
        (1_000, 10)
    };
    // Sampling.
    let scenario = with_effort_ranges(synthetic::scenario(1_000, 42));
    let table = Table::new(&scenario);
    let utilities: Vec<Vec<f64>> = table.columns.iter().map(|c| c.utility.clone()).collect();
    let base = scenario.model.weights();
    let options = Options {
        samples: sampled,
        ..Options::default()
    };
    let mut group = c.benchmark_group("sampling_1000x10000");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("thresh", "robust::analyse"), |b| {
        b.iter(|| black_box(robust::analyse(black_box(&scenario), &options).unwrap().top))
    });
    group.bench_function(BenchmarkId::new("floor", "weighted sum + sort"), |b| {
        b.iter(|| black_box(weighted_sum_and_sort(&utilities, &base, sampled)))
    });
    group.finish();

    // Tipping points.
    let scenario = synthetic::scenario(10_000, 42);
    let table = Table::new(&scenario);
    let criteria = &scenario.model.criteria;
    let scores = table.score(criteria, &scenario.model.weights()).unwrap();
    let mut group = c.benchmark_group("tipping_10000");
    group.sample_size(50);
    group.bench_function(BenchmarkId::new("thresh", "tipping_points"), |b| {
        b.iter(|| black_box(robust::tipping_points(&table, criteria, black_box(&scores), 10).len()))
    });
    group.bench_function(BenchmarkId::new("floor", "sort of 10,000 scores"), |b| {
        b.iter(|| {
            let mut s = scores.score.clone();
            s.sort_unstable_by(|a, b| b.total_cmp(a));
            black_box(s[0])
        })
    });
    group.finish();

    // p_plan: every effort drawn, then efforts fixed (fit drawn instead).
    let drawn_efforts = with_effort_ranges(synthetic::portfolio(200, 42));
    let fixed_efforts = with_fit_ranges(synthetic::portfolio(200, 42));
    let plan = |warm_start: bool| Options {
        samples: planned,
        plan: true,
        warm_start,
        weights: Weights::Around { spread: 0.25 },
        ..Options::default()
    };
    let (warm, cold) = (plan(true), plan(false));
    for (name, scenario) in [
        ("p_plan_200x1000", &drawn_efforts),
        ("p_plan_200x1000_fixed_efforts", &fixed_efforts),
    ] {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        group.warm_up_time(std::time::Duration::from_millis(1));
        group.bench_function(BenchmarkId::new("thresh", "warm-started plans"), |b| {
            b.iter(|| black_box(robust::analyse(scenario, &warm).unwrap().plan_infeasible))
        });
        group.bench_function(BenchmarkId::new("floor", "cold plans"), |b| {
            b.iter(|| black_box(robust::analyse(scenario, &cold).unwrap().plan_infeasible))
        });
        group.finish();
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();

    println!("\nratios (median, this run)");
    let rows = [
        (
            "sampling_1000x10000",
            "robust::analyse",
            "weighted sum + sort",
            "goal: about 1 s",
        ),
        (
            "tipping_10000",
            "tipping_points",
            "sort of 10,000 scores",
            "goal: a few ms",
        ),
        (
            "p_plan_200x1000",
            "warm-started plans",
            "cold plans",
            "goal: seconds",
        ),
        (
            "p_plan_200x1000_fixed_efforts",
            "warm-started plans",
            "cold plans",
            "goal: seconds",
        ),
    ];
    for (group, ours, floor, goal) in rows {
        match (estimates::median(&[group, "thresh", ours]), estimates::median(&[group, "floor", floor])) {
            (Some(a), Some(b)) => println!(
                "  {group:<30} {ours:<20} {:>10.2} ms   {floor:<22} {:>10.2} ms   ratio {:>6.2}   ({goal})",
                a / 1e6,
                b / 1e6,
                a / b
            ),
            _ => println!("  {group}: no estimate (run without a filter)"),
        }
    }
}
