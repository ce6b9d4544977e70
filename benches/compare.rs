//! Compare and merge speed (issue "Two people, one scenario"): diff and merge of two
//! 10,000-request scenarios, each beside its floor — writing the scenarios with
//! `write::to_string`, which any comparison of their trees must at least read — so the
//! ratio is read in one run on a noisy machine.
//!
//! - `changes`: both trees built (canonical text read back as JSON) and walked;
//! - `diff`: `changes` plus both rankings and both plans (what `thresh diff` computes);
//! - `merge`: three trees, the three-way walk, the merged scenario written and read back.
//!
//! Run: `cargo bench --bench compare` (part of `make bench`). The summary at the end
//! prints every figure and ratio from criterion's estimates.

use criterion::Criterion;
use std::hint::black_box;
use thresh::compare::{self, Tree};
use thresh::model::Estimate;
use thresh::{synthetic, write, Scenario};

#[path = "estimates.rs"]
mod estimates;

const N: usize = 10_000;
const GROUP: &str = "compare_10k";

/// The base with one person's edits: the weight of criterion `offset - 1`, a value on
/// `criterion` in every 50th request (starting at `offset`), 20 requests removed and 20
/// added.
fn edited(base: &Scenario, offset: usize, criterion: usize, tag: &str) -> Scenario {
    let mut s = base.clone();
    s.model.criteria[offset - 1].weight = Some(5.0 + offset as f64);
    for i in (offset..s.requests.len()).step_by(50) {
        let r = &mut s.requests[i];
        let x = r.values.get(criterion).map_or(1.0, Estimate::likely);
        r.values.set(criterion, Estimate::Number(x + 1.0));
    }
    for _ in 0..20 {
        s.requests.remove(offset * 100 + 7);
    }
    for i in 0..20 {
        let mut r = s.requests[i].clone();
        r.id = format!("{tag}-{i}");
        s.requests.push(r);
    }
    s
}

fn benches(c: &mut Criterion) {
    let base = synthetic::scenario(N, 1);
    // Ours edits costs (criterion 3), theirs fit (criterion 4), in other requests: a merge
    // without conflicts, the common case.
    let ours = edited(&base, 1, 3, "OURS");
    let theirs = edited(&base, 2, 4, "THEIRS");
    let check = compare::merge(&base, &ours, &theirs);
    println!(
        "{GROUP}: {} changes A→B, merge with {} conflicts, {} bytes of canonical text each",
        compare::changes(&Tree::of(&base), &Tree::of(&ours)).len(),
        check.conflicts.len(),
        write::to_string(&base).len()
    );

    let mut group = c.benchmark_group(GROUP);
    group.sample_size(20);
    group.bench_function("floor: write A and B", |b| {
        b.iter(|| black_box(write::to_string(&base).len() + write::to_string(&ours).len()))
    });
    group.bench_function("changes", |b| {
        b.iter(|| black_box(compare::changes(&Tree::of(&base), &Tree::of(&ours)).len()))
    });
    group.bench_function("diff", |b| {
        b.iter(|| black_box(compare::diff(&base, &ours).ranking.len()))
    });
    group.bench_function("floor: write base, ours and theirs", |b| {
        b.iter(|| {
            black_box(
                write::to_string(&base).len()
                    + write::to_string(&ours).len()
                    + write::to_string(&theirs).len(),
            )
        })
    });
    group.bench_function("merge", |b| {
        b.iter(|| black_box(compare::merge(&base, &ours, &theirs).conflicts.len()))
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();

    println!("\n{GROUP}: medians of this run, and the ratio to the floor");
    for (name, floor) in [
        ("changes", "floor: write A and B"),
        ("diff", "floor: write A and B"),
        ("merge", "floor: write base, ours and theirs"),
    ] {
        match (
            estimates::median(&[GROUP, name]),
            estimates::median(&[GROUP, floor]),
        ) {
            (Some(t), Some(f)) => println!(
                "  {name:<8} {:>8.1} ms   {floor:<36} {:>7.1} ms   ratio {:.1}",
                t / 1e6,
                f / 1e6,
                t / f
            ),
            _ => println!("  {name}: no estimate (run without a filter)"),
        }
    }
}
