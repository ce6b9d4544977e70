//! Invariants of the robustness analysis on random scenarios (proptest): probabilities in
//! [0, 1], each rank's acceptabilities summing to 1 over the requests, p_top the sum of
//! the first K acceptabilities, the same numbers for the same seed (however the run is
//! split into steps), and every sample scored exactly as the scenario holding its values
//! would be; and the tipping points of random scenarios confirmed by scoring at each end.

mod robust_check;

use proptest::prelude::*;
use serde_json::{json, Value};
use thresh::model::Estimate;
use thresh::robust::{self, Options, Pert, Rng, Run, Weights};
use thresh::score::Rescorer;
use thresh::{Scenario, Table};

const METHODS: [&str; 3] = ["weighted-sum", "weighted-product", "ratio"];
const SCALES: [&str; 4] = ["minmax", "fixed", "max", "sum"];

fn criterion(k: usize) -> impl Strategy<Value = Value> {
    (
        any::<bool>(),
        0u8..=4,
        0usize..4,
        proptest::option::of(0u8..3),
    )
        .prop_map(move |(benefit, w, scale, range)| {
            let weight = if k == 0 { w.max(1) } else { w } as f64;
            let mut c = json!({
                "id": format!("c{k}"), "label": format!("C{k}"),
                "direction": if benefit { "benefit" } else { "cost" },
                "weight": weight, "scale": SCALES[scale],
            });
            if scale == 1 {
                c["min"] = json!(0);
                c["max"] = json!(10);
            }
            if let Some(r) = range {
                c["weight_range"] =
                    json!({ "low": weight * r as f64 / 4.0, "high": weight + r as f64 });
            }
            c
        })
}

/// Small whole numbers (so that ties happen), some negative, some missing, some ranges.
fn value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        4 => (-2i32..12).prop_map(|x| Some(json!(x))),
        1 => Just(None),
        2 => (-2i32..8, 0i32..4, 0i32..5).prop_map(|(a, b, c)| {
            Some(json!({ "low": a, "likely": a + b, "high": a + b + c }))
        }),
    ]
}

fn request(i: usize, criteria: usize) -> impl Strategy<Value = Value> {
    (
        proptest::collection::vec(value(), criteria),
        prop_oneof![Just(1.0), Just(0.5), Just(0.8), Just(0.0)],
        0u8..10,
    )
        .prop_map(move |(values, conf, status)| {
            let mut v = serde_json::Map::new();
            for (k, x) in values.into_iter().enumerate() {
                if let Some(x) = x {
                    v.insert(format!("c{k}"), x);
                }
            }
            let mut r = json!({
                "id": format!("R-{:02}", (i * 7) % 11), "title": "t",
                "values": v, "confidence": conf,
            });
            if status == 0 {
                r["status"] = json!("done");
            }
            r
        })
}

/// A scenario, and whether to plan it (with a capacity on criterion 0 when it is a cost).
fn scenario() -> impl Strategy<Value = Scenario> {
    (0usize..3, 1usize..=4, 1usize..=7, any::<bool>())
        .prop_flat_map(|(method, criteria, requests, capacity)| {
            let cs = (0..criteria).map(criterion).collect::<Vec<_>>();
            let rs = (0..requests)
                .map(|i| request(i, criteria))
                .collect::<Vec<_>>();
            (Just(method), cs, rs, Just(capacity))
        })
        .prop_filter_map(
            "a scenario the reader accepts and that scores",
            |(m, cs, rs, capacity)| {
                let mut doc = json!({
                    "format": "thresh.scenario", "version": 1, "name": "p",
                    "model": { "method": METHODS[m], "criteria": cs }, "requests": rs,
                });
                if capacity && doc["model"]["criteria"][0]["direction"] == "cost" {
                    doc["capacity"] = json!({ "criterion": "c0", "amount": 10 });
                }
                let s = thresh::read::from_str(&doc.to_string()).ok()?;
                thresh::Ranking::new(&s).ok()?;
                s.requests.iter().any(|r| !r.is_archived()).then_some(s)
            },
        )
}

fn options() -> impl Strategy<Value = Options> {
    (
        1usize..40,
        any::<u64>(),
        1usize..8,
        prop_oneof![Just(None), (0u8..=4).prop_map(Some)],
    )
        .prop_map(|(samples, seed, top, spread)| Options {
            samples,
            seed,
            top: Some(top),
            weights: match spread {
                Some(s) => Weights::Around {
                    spread: s as f64 / 4.0,
                },
                None => Weights::Any,
            },
            ..Options::default()
        })
}

fn ranked(s: &Scenario) -> usize {
    s.requests.iter().filter(|r| !r.is_archived()).count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn fractions_add_up(s in scenario(), mut o in options()) {
        let m = ranked(&s);
        o.top = o.top.map(|k| k.min(m));
        o.plan = !s.capacity.is_empty();
        let a = robust::analyse(&s, &o).unwrap();
        prop_assert_eq!(a.requests.len(), m);
        let k = a.top;
        for r in &a.requests {
            prop_assert!((0.0..=1.0).contains(&r.p_top));
            prop_assert_eq!(r.acceptability.len(), k);
            prop_assert!(r.acceptability.iter().all(|p| (0.0..=1.0).contains(p)));
            let sum: f64 = r.acceptability.iter().sum();
            prop_assert!((r.p_top - sum).abs() < 1e-12, "p_top {} vs Σ {}", r.p_top, sum);
            prop_assert!(1 <= r.rank_p05 && r.rank_p05 <= r.rank_median);
            prop_assert!(r.rank_median <= r.rank_p95 && r.rank_p95 as usize <= m);
            if let Some(p) = r.p_plan {
                prop_assert!((0.0..=1.0).contains(&p));
            }
        }
        prop_assert_eq!(a.plan_infeasible.is_some(), o.plan);
        if let Some(n) = a.plan_infeasible {
            prop_assert!(n <= o.samples);
        }
        for rank in 0..k {
            let sum: f64 = a.requests.iter().map(|r| r.acceptability[rank]).sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "rank {}: Σ = {}", rank + 1, sum);
        }
        // p_top over requests adds up to K.
        let total: f64 = a.requests.iter().map(|r| r.p_top).sum();
        prop_assert!((total - k as f64).abs() < 1e-9);
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers(s in scenario(), mut o in options(), step in 1usize..9) {
        o.top = o.top.map(|k| k.min(ranked(&s)));
        o.plan = !s.capacity.is_empty();
        let a = robust::analyse(&s, &o).unwrap();
        let b = robust::analyse(&s, &o).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.to_json(&s), b.to_json(&s));
        // A run in steps (as a page's worker runs it) gives the same.
        let mut run = Run::new(&s, &o).unwrap();
        while run.progress().0 < o.samples {
            run.step(step);
        }
        prop_assert_eq!(&run.finish(), &a);
    }

    #[test]
    fn each_sample_is_scored_as_a_scenario_with_its_values(
        s in scenario(),
        seed in any::<u64>(),
        weights in proptest::collection::vec(0u8..6, 8),
    ) {
        let table = Table::new(&s);
        let c = s.model.criteria.len();
        let weights: Vec<f64> = (0..c).map(|k| weights[k] as f64 / 2.0).collect();
        // Draw every range, as the analysis does.
        let mut rng = Rng::new(seed);
        let mut drawn = s.clone();
        let mut varying = vec![false; c];
        let mut cells = Vec::new();
        for (i, r) in s.requests.iter().enumerate().filter(|(_, r)| !r.is_archived()) {
            for (k, e) in r.values.iter() {
                if let Estimate::Range(range) = e {
                    if let Some(p) = Pert::new(range.low, range.likely, range.high) {
                        let x = p.sample(&mut rng);
                        drawn.requests[i].values.set(k, Estimate::Number(x));
                        varying[k] = true;
                        cells.push((k, i, x));
                    }
                }
            }
        }
        let mut rescorer = Rescorer::new(&table, &varying);
        for &(k, i, x) in &cells {
            if rescorer.varies(k) {
                rescorer.raw_mut(k)[i] = x;
            }
        }
        let direct = Table::new(&drawn);
        match direct.score(&s.model.criteria, &weights) {
            Ok(expected) => {
                let draw = rescorer.score(&table, &s.model.criteria, &weights);
                prop_assert_eq!(draw.order, &expected.order[..]);
                for i in 0..s.requests.len() {
                    prop_assert_eq!(draw.score[i].to_bits(), expected.score[i].to_bits(), "score of {}", i);
                    prop_assert_eq!(draw.value[i].to_bits(), expected.value[i].to_bits(), "value of {}", i);
                }
                for k in 0..c {
                    prop_assert_eq!(rescorer.raw(&table, k), &direct.columns[k].raw[..]);
                }
            }
            Err(_) => {
                // No criterion takes part: every request unscored, in id order.
                let draw = rescorer.score(&table, &s.model.criteria, &weights);
                prop_assert!(draw.score.iter().all(|x| x.is_nan()));
            }
        }
    }

    #[test]
    fn tipping_points_hold_up_to_each_end(s in scenario(), top in 1usize..8) {
        robust_check::check_all(&s, top.min(ranked(&s)));
    }
}
