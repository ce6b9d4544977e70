//! Invariants of the planner, checked on random problems (proptest):
//! - on small problems (n ≤ 16, 1–3 capacities, decimal efforts, buckets with minimum and
//!   maximum shares, pins) the planner's value equals exhaustive search, or both find no
//!   plan;
//! - every returned plan satisfies every constraint, is worth what it says, and a plan
//!   claimed optimal is optimal — also when the node budget is tiny;
//! - pinning a request as must never raises the optimum; dropping (never) a selected one
//!   never raises it; pinning a selected one or dropping an unselected one changes nothing.
//!
//! `cargo test --release --test plan_props -- --ignored bench` times the planner on
//! portfolio-shaped problems of 1,000 and 10,000 requests (see `bench_*` below).

use std::time::Instant;

use proptest::prelude::*;
use thresh::model::Pin;
use thresh::plan::{at_least, at_most, solve, Budget, Problem, SolveError};

/// Efforts: zero sometimes, mostly one decimal, sometimes two.
fn effort() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        6 => (1u32..=100).prop_map(|x| x as f64 / 10.0),
        2 => (1u32..=1000).prop_map(|x| x as f64 / 100.0),
    ]
}

/// Values: whole numbers, cents, any real (a few negative), zero.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (0u32..100).prop_map(f64::from),
        3 => (0u32..10_000).prop_map(|x| x as f64 / 100.0),
        2 => -5.0f64..60.0,
        1 => Just(0.0),
    ]
}

fn pin() -> impl Strategy<Value = Option<Pin>> {
    prop_oneof![
        16 => Just(None),
        1 => Just(Some(Pin::Must)),
        2 => Just(Some(Pin::Never)),
    ]
}

/// A bucket's shares of the primary amount: no minimum half the time, a maximum or none.
fn shares() -> impl Strategy<Value = (f64, f64, bool)> {
    (
        prop_oneof![1 => Just(0.0), 1 => 0.0f64..0.4],
        0.0f64..0.8,
        any::<bool>(),
    )
}

/// A random problem of up to `max_n` items.
fn problem(max_n: usize) -> impl Strategy<Value = Problem> {
    (0..=max_n, 1..=3usize, 0..=3usize).prop_flat_map(|(n, k, nb)| {
        (
            proptest::collection::vec(value(), n),
            proptest::collection::vec(proptest::collection::vec(effort(), n), k),
            proptest::collection::vec(0.1f64..1.0, k),
            proptest::collection::vec(0u32..=3, n),
            proptest::collection::vec(shares(), nb),
            proptest::collection::vec(pin(), n),
        )
            .prop_map(move |(values, efforts, fractions, buckets, shares, pins)| {
                // Amounts: a fraction of the total effort, with one decimal.
                let amounts: Vec<f64> = efforts
                    .iter()
                    .zip(&fractions)
                    .map(|(e, f)| ((e.iter().sum::<f64>() * f * 10.0).round() / 10.0).max(0.1))
                    .collect();
                let a0 = amounts[0];
                Problem {
                    values,
                    efforts,
                    bucket_of: buckets
                        .iter()
                        .map(|&b| (b < nb as u32).then_some(b))
                        .collect(),
                    bucket_bounds: shares
                        .iter()
                        .map(|&(lo, width, open)| {
                            (
                                lo * a0,
                                if open {
                                    f64::INFINITY
                                } else {
                                    (lo + width) * a0
                                },
                            )
                        })
                        .collect(),
                    pins,
                    amounts,
                    ..Problem::default()
                }
            })
    })
}

/// The best value over every subset (the contract's rule, sums in item order), or None.
fn exhaustive(p: &Problem) -> Option<f64> {
    let n = p.len();
    let mut best: Option<f64> = None;
    let mut sums = vec![0.0; p.amounts.len()];
    let mut buckets = vec![0.0; p.bucket_bounds.len()];
    'subsets: for mask in 0u32..(1u32 << n) {
        let chosen = |i: usize| mask >> i & 1 == 1;
        for i in 0..n {
            match p.pins.get(i).copied().flatten() {
                Some(Pin::Must) if !chosen(i) => continue 'subsets,
                Some(Pin::Never) if chosen(i) => continue 'subsets,
                _ => {}
            }
        }
        sums.iter_mut().for_each(|x| *x = 0.0);
        buckets.iter_mut().for_each(|x| *x = 0.0);
        let mut value = 0.0;
        for i in (0..n).filter(|&i| chosen(i)) {
            value += p.values[i];
            for (k, s) in sums.iter_mut().enumerate() {
                *s += p.efforts[k][i];
            }
            if let Some(b) = p.bucket(i) {
                buckets[b] += p.efforts[0][i];
            }
        }
        let fits = sums.iter().zip(&p.amounts).all(|(&s, &a)| at_most(s, a))
            && buckets
                .iter()
                .zip(&p.bucket_bounds)
                .all(|(&s, &(lo, hi))| at_least(s, lo) && at_most(s, hi));
        if fits {
            best = Some(best.map_or(value, |b| b.max(value)));
        }
    }
    best
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-7 * (1.0 + a.abs().max(b.abs()))
}

/// The optimum, or None when the planner proves there is no plan. Checks the plan.
fn optimum(p: &Problem) -> Option<f64> {
    match solve(p, &Budget::default(), None) {
        Ok(s) => {
            assert!(
                p.is_feasible(&s.selected),
                "{:?}",
                p.violations(&s.selected)
            );
            assert!(close(p.value_of(&s.selected), s.value));
            assert!(s.optimal && s.stopped.is_none());
            Some(s.value)
        }
        Err(SolveError::Infeasible(inf)) => {
            assert!(!inf.reasons.is_empty() && !inf.to_string().is_empty());
            None
        }
        Err(e) => panic!("{e}"),
    }
}

fn with_pin(p: &Problem, i: usize, pin: Pin) -> Problem {
    let mut q = p.clone();
    if q.pins.is_empty() {
        q.pins = vec![None; q.len()];
    }
    q.pins[i] = Some(pin);
    q
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_planner_matches_exhaustive_search(p in problem(16)) {
        let expected = exhaustive(&p);
        match (optimum(&p), expected) {
            (Some(v), Some(e)) => prop_assert!(close(v, e), "planner {v}, exhaustive {e}"),
            (None, None) => {}
            (got, want) => prop_assert!(false, "planner {got:?}, exhaustive {want:?}"),
        }
    }

    #[test]
    fn pins_never_raise_the_optimum(p in problem(12), pick in any::<proptest::sample::Index>()) {
        let Some(base) = optimum(&p) else { return Ok(()) };
        let s = solve(&p, &Budget::default(), None).unwrap();
        if p.is_empty() {
            return Ok(());
        }
        let i = pick.index(p.len());
        let pinned = p.pins.get(i).copied().flatten();
        if pinned.is_none() {
            // Must: never more; when i was already selected, exactly the same.
            match optimum(&with_pin(&p, i, Pin::Must)) {
                Some(v) => {
                    prop_assert!(v <= base + 1e-7 * (1.0 + base.abs()), "must {i}: {v} > {base}");
                    if s.selected[i] {
                        prop_assert!(close(v, base));
                    }
                }
                None => prop_assert!(!s.selected[i], "pinning a selected request made it infeasible"),
            }
        }
        if pinned != Some(Pin::Must) {
            // Never: never more; when i was not selected, exactly the same.
            match optimum(&with_pin(&p, i, Pin::Never)) {
                Some(v) => {
                    prop_assert!(v <= base + 1e-7 * (1.0 + base.abs()), "never {i}: {v} > {base}");
                    if !s.selected[i] {
                        prop_assert!(close(v, base));
                    }
                }
                None => prop_assert!(s.selected[i], "dropping an unselected request made it infeasible"),
            }
        }
    }

    #[test]
    fn plans_within_a_tiny_budget_are_feasible_and_honest(p in problem(14), nodes in 1u64..200, dp in any::<bool>()) {
        let budget = Budget { max_nodes: nodes, progress_every: 7, max_dp_cells: if dp { 1_000_000 } else { 0 } };
        let expected = exhaustive(&p);
        match solve(&p, &budget, None) {
            Ok(s) => {
                prop_assert!(p.is_feasible(&s.selected), "{:?}", p.violations(&s.selected));
                prop_assert!(close(p.value_of(&s.selected), s.value));
                let best = expected.expect("a plan exists");
                prop_assert!(s.value <= best + 1e-7 * (1.0 + best.abs()));
                prop_assert!(s.upper_bound >= best - 1e-7 * (1.0 + best.abs()), "bound {} below the optimum {best}", s.upper_bound);
                if s.optimal {
                    prop_assert!(close(s.value, best), "claims optimal at {} but the optimum is {best}", s.value);
                }
            }
            Err(SolveError::Infeasible(_)) => prop_assert_eq!(expected, None),
            Err(SolveError::NotFound { .. }) => {}
            Err(e) => prop_assert!(false, "{}", e),
        }
    }

    #[test]
    fn larger_plans_satisfy_every_constraint(p in problem(60)) {
        let budget = Budget { max_nodes: 200_000, ..Budget::default() };
        match solve(&p, &budget, None) {
            Ok(s) => {
                prop_assert!(p.is_feasible(&s.selected), "{:?}", p.violations(&s.selected));
                prop_assert!(close(p.value_of(&s.selected), s.value));
                prop_assert!(s.upper_bound >= s.value);
                prop_assert_eq!(s.optimal, s.stopped.is_none());
            }
            Err(SolveError::Infeasible(inf)) => prop_assert!(!inf.reasons.is_empty()),
            Err(SolveError::NotFound { .. }) => {}
            Err(e) => prop_assert!(false, "{}", e),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Portfolio-shaped problems: the planner's timings (run with --release --ignored).
// ---------------------------------------------------------------------------------------

/// A small deterministic generator (xorshift), so the timings are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` requests in 4 buckets with shares like a PM's (growth 30–60 %, retention ≤ 50 %,
/// efficiency ≤ 30 %, platform ≤ 25 %), efforts in person-weeks with one decimal (0.5 to
/// ~20, skewed small), values like weighted-sum scores (0–100 × confidence), capacity a
/// quarter of the total effort; `second` adds a frontend capacity used by some requests.
fn portfolio(n: usize, seed: u64, second: bool) -> Problem {
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let effort: Vec<f64> = (0..n)
        .map(|_| ((0.5 + 19.5 * r.unit().powi(2)) * 10.0).round() / 10.0)
        .collect();
    let values: Vec<f64> = (0..n)
        .map(|i| {
            let benefit = 100.0 * (0.3 * r.unit() + 0.7 * r.unit() * (effort[i] / 20.0).sqrt());
            let confidence = [0.5, 0.8, 1.0][(r.unit() * 3.0) as usize];
            benefit * confidence
        })
        .collect();
    let total: f64 = effort.iter().sum();
    let amount = (total * 0.25).round();
    let shares = [(0.3, 0.6), (0.0, 0.5), (0.0, 0.3), (0.0, 0.25)];
    let mut efforts = vec![effort];
    let mut amounts = vec![amount];
    if second {
        let frontend: Vec<f64> = (0..n)
            .map(|_| {
                if r.unit() < 0.5 {
                    (r.unit() * 80.0).round() / 10.0
                } else {
                    0.0
                }
            })
            .collect();
        amounts.push((frontend.iter().sum::<f64>() * 0.2).round());
        efforts.push(frontend);
    }
    Problem {
        values,
        efforts,
        amounts,
        bucket_of: (0..n).map(|_| Some((r.next() % 4) as u32)).collect(),
        bucket_bounds: shares
            .iter()
            .map(|&(lo, hi)| (lo * amount, hi * amount))
            .collect(),
        pins: (0..n)
            .map(|_| match r.next() % 100 {
                0 => Some(Pin::Must),
                1 => Some(Pin::Never),
                _ => None,
            })
            .collect(),
        ..Problem::default()
    }
}

#[test]
fn a_portfolio_of_300_is_planned_optimally_in_a_debug_build() {
    for seed in 1..=3 {
        let p = portfolio(300, seed, seed == 3);
        let s = solve(&p, &Budget::default(), None).unwrap();
        assert!(p.is_feasible(&s.selected));
        assert!(s.optimal, "seed {seed}: gap {}", s.gap());
    }
}

fn time(label: &str, p: &Problem, budget: &Budget) {
    let start = Instant::now();
    let s = solve(p, budget, None).unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert!(p.is_feasible(&s.selected));
    eprintln!(
        "{label}: {:.3} s, {} nodes, value {:.2}, {}",
        secs,
        s.nodes,
        s.value,
        if s.optimal {
            "optimal".to_string()
        } else {
            format!("gap {:.4} ({:.4} %)", s.gap(), 100.0 * s.gap() / s.value)
        }
    );
}

#[test]
#[ignore = "timings: cargo test --release --test plan_props -- --ignored bench"]
fn bench_portfolios() {
    let budget = Budget::default();
    for seed in 1..=5 {
        time(
            &format!("1,000 requests, 4 buckets, seed {seed}"),
            &portfolio(1_000, seed, false),
            &budget,
        );
    }
    for seed in 1..=5 {
        time(
            &format!("1,000 requests, 4 buckets, 2 capacities, seed {seed}"),
            &portfolio(1_000, seed, true),
            &budget,
        );
    }
    for seed in 1..=3 {
        time(
            &format!("10,000 requests, 4 buckets, seed {seed}"),
            &portfolio(10_000, seed, false),
            &budget,
        );
    }
    for seed in 1..=3 {
        time(
            &format!("10,000 requests, 4 buckets, 2 capacities, seed {seed}"),
            &portfolio(10_000, seed, true),
            &budget,
        );
    }
}

/// `thresh::synthetic`'s scenario with a capacity of a quarter of the total effort and
/// bucket shares like a PM's (the same set-up as `benches/plan.rs`).
fn synthetic_portfolio(n: usize, seed: u64) -> thresh::Scenario {
    let mut s = thresh::synthetic::scenario(n, seed);
    let total: f64 = s
        .requests
        .iter()
        .map(|r| s.value_of(r, "cost").unwrap().likely())
        .sum();
    s.capacity[0].amount = (total / 4.0).round();
    for (b, (lo, hi)) in s
        .buckets
        .iter_mut()
        .zip([(0.3, 0.6), (0.0, 0.5), (0.0, 0.3), (0.0, 0.25)])
    {
        b.min_share = Some(lo);
        b.max_share = Some(hi);
    }
    s
}

#[test]
#[ignore = "timings: cargo test --release --test plan_props -- --ignored bench"]
fn bench_synthetic_scenarios() {
    for (n, seed) in [
        (1_000, 42),
        (1_000, 7),
        (10_000, 42),
        (10_000, 7),
        (100_000, 42),
    ] {
        let s = synthetic_portfolio(n, seed);
        let ranking = thresh::Ranking::new(&s).unwrap();
        let start = Instant::now();
        let plan = thresh::plan::plan(&s, &ranking.table, &ranking.scores, &[]).unwrap();
        eprintln!(
            "synthetic scenario, {n} requests (seed {seed}): {:.3} s, {} nodes, {} selected, value {:.2}, {}",
            start.elapsed().as_secs_f64(),
            plan.nodes,
            plan.selected.len(),
            plan.value,
            if plan.optimal { "optimal".into() } else { format!("gap {:.4}", plan.upper_bound - plan.value) }
        );
    }
}
