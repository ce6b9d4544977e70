//! Planning speed: the optimal plan of a scenario (capacity, four buckets with minimum
//! and maximum shares, efforts with one decimal), from its scores to the plan.
//!
//! - 1,000 requests: time to the proven optimum;
//! - 10,000 requests: time to the optimum, or to the default node budget with the gap
//!   printed before measuring.
//!
//! And the knapsack itself, on Pisinger's hard classes (`hard_knapsack`: the 24 instances
//! of tests/pisinger, n = 1,000, R = 1,000 and 10,000): for each, the time of the plain
//! dense dynamic programme (one run, printed: the floor to beat) beside the planner's,
//! which criterion then measures.
//!
//! Run: `cargo bench --bench plan` (needs `[[bench]] name = "plan" harness = false` in
//! Cargo.toml).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};
use thresh::plan::{plan, solve, Budget, Problem};
use thresh::{synthetic, Ranking, Scenario};

#[path = "../tests/pisinger/mod.rs"]
mod pisinger;

fn portfolio(n: usize, seed: u64) -> Scenario {
    synthetic::portfolio(n, seed)
}

/// The same portfolio with a second capacity ("frontend", on about half the requests).
fn two_capacities(s: &Scenario, ranking: &Ranking) -> Problem {
    let mut p = thresh::plan::problem(s, &ranking.table, &ranking.scores, &[]).unwrap();
    let n = p.len();
    let frontend: Vec<f64> = (0..n)
        .map(|i| {
            let h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
            if h % 2 == 0 {
                (h % 80) as f64 / 10.0
            } else {
                0.0
            }
        })
        .collect();
    p.amounts.push((frontend.iter().sum::<f64>() / 5.0).round());
    p.efforts.push(frontend);
    p
}

fn plans(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan");
    group.sample_size(10);
    for (n, seed) in [(1_000usize, 42u64), (10_000, 7), (10_000, 42)] {
        let s = portfolio(n, seed);
        let ranking = Ranking::new(&s).unwrap();
        let first = plan(&s, &ranking.table, &ranking.scores, &[]).unwrap();
        println!(
            "plan/{n} (seed {seed}): {} of {n} selected, {} nodes, {}",
            first.selected.len(),
            first.nodes,
            if first.optimal {
                "optimal".to_string()
            } else {
                format!(
                    "stopped with a gap of {:.4}",
                    first.upper_bound - first.value
                )
            }
        );
        group.bench_with_input(
            BenchmarkId::new(format!("portfolio_seed{seed}"), n),
            &s,
            |b, s| {
                b.iter(|| {
                    black_box(
                        plan(black_box(s), &ranking.table, &ranking.scores, &[])
                            .unwrap()
                            .value,
                    )
                })
            },
        );
        if n == 1_000 {
            let p = two_capacities(&s, &ranking);
            let first = solve(&p, &Budget::default(), None).unwrap();
            println!(
                "plan/{n} with 2 capacities: {} nodes, {}",
                first.nodes,
                if first.optimal {
                    "optimal".to_string()
                } else {
                    format!("gap {:.4}", first.gap())
                }
            );
            group.bench_with_input(BenchmarkId::new("two_capacities", n), &p, |b, p| {
                b.iter(|| black_box(solve(black_box(p), &Budget::default(), None).unwrap().value))
            });
        }
    }
    group.finish();
}

fn hard_knapsacks(c: &mut Criterion) {
    let mut group = c.benchmark_group("hard_knapsack");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    // `cargo bench` passes --bench. `cargo test --all-targets` runs each benchmark once in
    // a debug build, without it: there the dense programme (a minute an instance) is left out.
    let measuring = std::env::args().any(|a| a == "--bench");
    let (mut dense_total, mut planner_total) = (0.0, 0.0);
    for instance in pisinger::full_set() {
        let problem = instance.problem();
        if measuring {
            let start = Instant::now();
            let optimum = instance.dense_optimum();
            let dense = start.elapsed().as_secs_f64();
            let start = Instant::now();
            let s = solve(&problem, &Budget::default(), None).unwrap();
            let planner = start.elapsed().as_secs_f64();
            let label = instance.label();
            assert!(s.optimal && s.value == optimum as f64, "{label}");
            dense_total += dense;
            planner_total += planner;
            println!(
                "hard_knapsack {label}: dense DP {:8.1} ms, planner {:7.2} ms ({} nodes), optimum {optimum}",
                dense * 1e3,
                planner * 1e3,
                s.nodes
            );
        }
        let id = format!("class{}_R{}", instance.class, instance.range);
        group.bench_with_input(BenchmarkId::new(id, 1_000), &problem, |b, p| {
            b.iter(|| black_box(solve(black_box(p), &Budget::default(), None).unwrap().value))
        });
    }
    if measuring {
        println!(
            "hard_knapsack, 24 instances: dense DP {dense_total:.2} s in all, planner {:.1} ms in all (one run each)",
            planner_total * 1e3
        );
    }
    group.finish();
}

criterion_group!(benches, plans, hard_knapsacks);
criterion_main!(benches);
