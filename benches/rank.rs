//! Ranking speed: from a parsed scenario (derive, transform, utilities, score, sort), and
//! a re-score after a weight change (one pass over the prepared columns and a sort).
//!
//! Goal (issue 2): re-scoring 100,000 requests in under 20 ms on one core.
//! Run: `cargo bench --bench rank` (or `make bench`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use thresh::{synthetic, Ranking, Table};

fn rank(c: &mut Criterion) {
    let mut group = c.benchmark_group("rank");
    group.sample_size(20);
    for n in [1_000usize, 10_000, 100_000] {
        let scenario = synthetic::scenario(n, 42);
        let text = thresh::write::to_string(&scenario);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("parse_and_rank", n), &text, |b, text| {
            b.iter(|| {
                let s = thresh::read::from_str(black_box(text)).unwrap();
                let r = Ranking::new(&s).unwrap();
                black_box(r.scores.order.len())
            })
        });
        group.bench_with_input(BenchmarkId::new("rank_parsed", n), &scenario, |b, s| {
            b.iter(|| black_box(Ranking::new(black_box(s)).unwrap().scores.order.len()))
        });
        let table = Table::new(&scenario);
        let criteria = &scenario.model.criteria;
        let weight_sets = [[4.0, 1.0, 3.0, 2.0, 1.0], [1.0, 2.0, 0.5, 3.0, 4.0]];
        let mut flip = 0;
        group.bench_with_input(
            BenchmarkId::new("rescore_after_weight_change", n),
            &table,
            |b, table| {
                b.iter(|| {
                    flip ^= 1;
                    black_box(
                        table
                            .score(criteria, black_box(&weight_sets[flip]))
                            .unwrap()
                            .order[0],
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, rank);
criterion_main!(benches);
