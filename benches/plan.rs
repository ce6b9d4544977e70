//! Planning speed: the optimal plan of a scenario (capacity, four buckets with minimum
//! and maximum shares, efforts with one decimal), from its scores to the plan.
//!
//! - 1,000 requests: time to the proven optimum;
//! - 10,000 requests: time to the optimum, or to the default node budget with the gap
//!   printed before measuring.
//!
//! Run: `cargo bench --bench plan` (needs `[[bench]] name = "plan" harness = false` in
//! Cargo.toml).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use thresh::plan::{plan, solve, Budget, Problem};
use thresh::{synthetic, Ranking, Scenario};

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

criterion_group!(benches, plans);
criterion_main!(benches);
