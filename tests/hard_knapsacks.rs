//! The planner on Pisinger's hard knapsack classes (tests/pisinger: generated from a fixed
//! seed), against the plain dense dynamic programme's optimum.
//!
//! - In every `cargo test`: the twelve classes at n = 120 for R = 1,000 and n = 40 for
//!   R = 10,000 (small enough for the dense programme in a debug build).
//! - `cargo test --release --test hard_knapsacks -- --ignored`: the 24 instances of the
//!   benchmark (n = 1,000, R = 1,000 and 10,000), each timed beside the dense programme.
//!   `benches/plan.rs` measures the same instances with criterion.

mod pisinger;

use std::time::Instant;

use pisinger::{Instance, CLASSES};
use thresh::plan::{solve, Budget};

/// Solves `instance` with the default budget and checks the plan: feasible, worth what it
/// says, proven optimal, and worth the dense programme's optimum. Returns the seconds the
/// planner took and the nodes it counted.
fn check(instance: &Instance, optimum: u64) -> (f64, u64) {
    let problem = instance.problem();
    let start = Instant::now();
    let s = solve(&problem, &Budget::default(), None)
        .unwrap_or_else(|e| panic!("{}: {e}", instance.label()));
    let secs = start.elapsed().as_secs_f64();
    let label = instance.label();
    assert!(
        problem.is_feasible(&s.selected),
        "{label}: {:?}",
        problem.violations(&s.selected)
    );
    assert_eq!(problem.value_of(&s.selected), s.value, "{label}");
    assert!(
        s.optimal,
        "{label}: not proven optimal after {} nodes (value {}, bound {}, optimum {optimum})",
        s.nodes, s.value, s.upper_bound
    );
    assert_eq!(s.value, optimum as f64, "{label}");
    (secs, s.nodes)
}

#[test]
fn the_generator_follows_the_definitions() {
    for &(class, _) in &CLASSES {
        let i = pisinger::generate(class, 300, 1_000, pisinger::SEED);
        assert_eq!(i.weights.len(), 300);
        assert_eq!(i.capacity, i.weights.iter().sum::<u64>() / 2);
        assert!(i.weights.iter().chain(&i.profits).all(|&x| x >= 1));
        let pairs = || i.profits.iter().zip(&i.weights).map(|(&p, &w)| (p, w));
        match class {
            3 => assert!(pairs().all(|(p, w)| p == w + 100)),
            4 => assert!(pairs().all(|(p, w)| w == p + 100)),
            5 => assert!(pairs().all(|(p, w)| (w + 98..=w + 102).contains(&p))),
            6 => assert!(pairs().all(|(p, w)| p == w)),
            11..=13 => {
                // Every item is a multiple (1 to 10) of one of two spanner items.
                let mut ratios: Vec<(u64, u64)> = pairs()
                    .map(|(p, w)| {
                        let g = gcd(p, w);
                        (p / g, w / g)
                    })
                    .collect();
                ratios.sort_unstable();
                ratios.dedup();
                assert!(ratios.len() <= 2, "class {class}: {ratios:?}");
            }
            14 => assert!(pairs().all(|(p, w)| p == w + if w % 6 == 0 { 300 } else { 200 })),
            15 => assert!(pairs().all(|(p, w)| p % 3 == 0 && p >= w && p < w + 3)),
            _ => {}
        }
    }
    // The same seed gives the same instance.
    let a = pisinger::generate(16, 50, 10_000, 7);
    let b = pisinger::generate(16, 50, 10_000, 7);
    assert_eq!((a.profits, a.weights), (b.profits, b.weights));
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

#[test]
fn small_hard_instances_reach_the_dense_optimum() {
    let start = Instant::now();
    for instance in pisinger::set(120, &[1_000])
        .into_iter()
        .chain(pisinger::set(40, &[10_000]))
    {
        check(&instance, instance.dense_optimum());
    }
    eprintln!(
        "24 small hard instances: {:.2} s",
        start.elapsed().as_secs_f64()
    );
}

#[test]
#[ignore = "timings: cargo test --release --test hard_knapsacks -- --ignored"]
fn the_24_hard_instances_reach_the_dense_optimum() {
    let (mut dense_total, mut planner_total) = (0.0, 0.0);
    for instance in pisinger::full_set() {
        let start = Instant::now();
        let optimum = instance.dense_optimum();
        let dense = start.elapsed().as_secs_f64();
        let (planner, nodes) = check(&instance, optimum);
        dense_total += dense;
        planner_total += planner;
        eprintln!(
            "{}: optimum {optimum:>9}, dense DP {dense:>7.3} s, planner {planner:>7.4} s ({nodes} nodes)",
            instance.label()
        );
    }
    eprintln!("24 instances: dense DP {dense_total:.2} s, planner {planner_total:.3} s");
}
