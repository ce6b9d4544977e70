//! The robustness analysis (robustness-v1.md): the analytic case, Beta-PERT against the
//! Beta distribution, tipping points checked by moving the weight across each end, the
//! JSON document's shape, and `thresh robust` on the command line.

mod common;
mod robust_check;

use std::collections::BTreeSet;

use robust_check::{check_all, set, top_at};
use serde_json::{json, Value as Json};
use thresh::robust::{self, Options, Pert, Rng, Weights};
use thresh::{Scenario, Table};

/// A scenario from its model and requests (as JSON).
fn scenario(method: &str, criteria: Json, requests: Json) -> Scenario {
    let doc = json!({
        "format": "thresh.scenario", "version": 1, "name": "test",
        "model": { "method": method, "criteria": criteria },
        "requests": requests,
    });
    thresh::read::from_str(&doc.to_string()).expect("a valid scenario")
}

fn ids(s: &Scenario, requests: impl IntoIterator<Item = usize>) -> Vec<String> {
    requests
        .into_iter()
        .map(|i| s.requests[i].id.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------
// The analytic case
// ---------------------------------------------------------------------------------------

/// Three requests scoring (1, 0), (0, 1), (0.6, 0.6) on two criteria, weights anywhere:
/// with p = the first criterion's share, uniform on (0, 1), the first wins when p > 0.6,
/// the second when p < 0.4, the third between: acceptabilities of rank 1 are 0.4, 0.4,
/// 0.2, and the mean weights when first (central weights) are (0.8, 0.2), (0.2, 0.8),
/// (0.5, 0.5).
///
/// Bound: N = 200,000 samples, fixed seed. A fraction p has standard error
/// √(p(1 − p)/N) ≤ 0.0011; the tolerance 0.006 is over 5 standard errors. A central weight
/// is a mean of ≥ 40,000 uniform shares of spread ≤ 0.4/√12, standard error ≤ 0.0006;
/// the tolerance 0.003 is 5 of them.
#[test]
fn analytic_case_under_mode_any() {
    let s = scenario(
        "weighted-sum",
        json!([
            { "id": "a", "label": "A", "direction": "benefit", "weight": 1 },
            { "id": "b", "label": "B", "direction": "benefit", "weight": 1 }
        ]),
        json!([
            { "id": "X", "title": "x", "values": { "a": 1, "b": 0 } },
            { "id": "Y", "title": "y", "values": { "a": 0, "b": 1 } },
            { "id": "Z", "title": "z", "values": { "a": 0.6, "b": 0.6 } }
        ]),
    );
    let options = Options {
        samples: 200_000,
        seed: 20_260_101,
        top: Some(3),
        weights: Weights::Any,
        ..Options::default()
    };
    let a = robust::analyse(&s, &options).unwrap();
    let by_id = |id: &str| {
        a.requests
            .iter()
            .find(|r| s.requests[r.request].id == id)
            .unwrap()
    };
    for (id, first, central) in [
        ("X", 0.4, [0.8, 0.2]),
        ("Y", 0.4, [0.2, 0.8]),
        ("Z", 0.2, [0.5, 0.5]),
    ] {
        let r = by_id(id);
        assert!(
            (r.acceptability[0] - first).abs() < 0.006,
            "{id}: first-rank acceptability {} (expected {first})",
            r.acceptability[0]
        );
        let c = r.central_weights.as_ref().expect("first in some samples");
        for k in 0..2 {
            assert!(
                (c[k] - central[k]).abs() < 0.003,
                "{id}: central weights {c:?} (expected {central:?})"
            );
        }
        assert_eq!(r.p_top, 1.0, "three requests are always in the top 3");
    }
    // Z is second whenever it is not first (it is never last: 0.6 beats min(p, 1 − p)).
    let z = by_id("Z");
    assert!((z.acceptability[1] - 0.8).abs() < 0.006, "{z:?}");
    assert_eq!(z.acceptability[2], 0.0);
    assert_eq!((z.rank_p05, z.rank_p95), (1, 2));
}

// ---------------------------------------------------------------------------------------
// Beta-PERT against the Beta distribution
// ---------------------------------------------------------------------------------------

/// ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms; about 15 digits).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (k, g) in G.iter().enumerate().skip(1) {
        a += g / (x + k as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The regularised incomplete beta function I_x(a, b): the CDF of Beta(a, b) at x, by
/// its continued fraction (modified Lentz), on the side where it converges fast.
fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - beta_cdf(1.0 - x, b, a);
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp() / a;
    let tiny = 1e-300;
    let (mut c, mut d) = (1.0, 1.0 - (a + b) * x / (a + 1.0));
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut f = d;
    for m in 1..500 {
        let m = m as f64;
        for numerator in [
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0)),
        ] {
            d = 1.0 + numerator * d;
            if d.abs() < tiny {
                d = tiny;
            }
            c = 1.0 + numerator / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            f *= c * d;
        }
        if (c * d - 1.0).abs() < 1e-15 {
            break;
        }
    }
    front * f
}

#[test]
fn incomplete_beta_is_right_where_known() {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_x(1, 3) = 1 − (1 − x)³; I_0.5(a, a) = 0.5.
    for x in [0.1, 0.37, 0.5, 0.9] {
        assert!((beta_cdf(x, 1.0, 1.0) - x).abs() < 1e-12);
        assert!((beta_cdf(x, 2.0, 1.0) - x * x).abs() < 1e-12);
        assert!((beta_cdf(x, 1.0, 3.0) - (1.0 - (1.0 - x).powi(3))).abs() < 1e-12);
    }
    assert!((beta_cdf(0.5, 2.7, 2.7) - 0.5).abs() < 1e-12);
}

/// Kolmogorov–Smirnov: the largest gap between the empirical CDF of `draws` and `cdf`.
fn ks_distance(mut draws: Vec<f64>, cdf: impl Fn(f64) -> f64) -> f64 {
    draws.sort_by(f64::total_cmp);
    let n = draws.len() as f64;
    draws
        .iter()
        .enumerate()
        .map(|(k, &x)| {
            let f = cdf(x);
            (f - k as f64 / n).abs().max(((k + 1) as f64 / n - f).abs())
        })
        .fold(0.0, f64::max)
}

/// Beta-PERT draws of ranges against the Beta CDF they should follow. Bound: with
/// n = 100,000 draws and a fixed seed, the KS distance must stay below 1.95/√n ≈ 0.0062,
/// the critical value at a 0.1 % level (a correct sampler passes this for 999 seeds in
/// 1000; this seed is fixed, so the test is deterministic).
#[test]
fn pert_follows_the_beta_distribution() {
    let n = 100_000;
    let bound = 1.95 / (n as f64).sqrt();
    for (seed, (low, likely, high)) in [
        (1, (2.0, 3.0, 10.0)),
        (2, (0.0, 5.0, 5.0)),
        (3, (-4.0, -1.0, 8.0)),
    ] {
        let pert = Pert::new(low, likely, high).unwrap();
        let (a, b) = Pert::shapes(low, likely, high);
        let mut rng = Rng::new(seed);
        let draws: Vec<f64> = (0..n).map(|_| pert.sample(&mut rng)).collect();
        assert!(draws.iter().all(|&x| (low..=high).contains(&x)));
        let d = ks_distance(draws, |x| beta_cdf((x - low) / (high - low), a, b));
        assert!(
            d < bound,
            "range ({low}, {likely}, {high}): KS distance {d} ≥ {bound}"
        );
    }
    // The sampler's bias would show: Beta(2, 5) drawn directly too.
    let mut rng = Rng::new(9);
    let draws: Vec<f64> = (0..n).map(|_| rng.beta(2.0, 5.0)).collect();
    let d = ks_distance(draws, |x| beta_cdf(x, 2.0, 5.0));
    assert!(d < bound, "Beta(2, 5): KS distance {d}");
}

/// The same law through the whole analysis: B's value is a range (2, 3, 10), A's is 5, so
/// B ranks first exactly when its draw passes 5: p_top(B) = 1 − I_{3/8}(1.5, 4.5) with
/// K = 1. Bound: N = 100,000, tolerance 5 standard errors of a fraction (≤ 0.0016).
#[test]
fn ranges_are_drawn_from_beta_pert_in_the_analysis() {
    let s = scenario(
        "weighted-sum",
        json!([{ "id": "v", "label": "V", "direction": "benefit", "weight": 1,
                 "scale": "fixed", "min": 0, "max": 10 }]),
        json!([
            { "id": "A", "title": "a", "values": { "v": 5 } },
            { "id": "B", "title": "b", "values": { "v": { "low": 2, "likely": 3, "high": 10 } } }
        ]),
    );
    let n = 100_000;
    let a = robust::analyse(
        &s,
        &Options {
            samples: n,
            seed: 5,
            top: Some(1),
            weights: Weights::Around { spread: 0.0 },
            ..Options::default()
        },
    )
    .unwrap();
    let expected = 1.0 - beta_cdf(3.0 / 8.0, 1.5, 4.5);
    let b = a.requests.iter().find(|r| r.request == 1).unwrap();
    let tolerance = 5.0 * (expected * (1.0 - expected) / n as f64).sqrt();
    assert!(
        (b.p_top - expected).abs() < tolerance,
        "p_top {} expected {expected} ± {tolerance}",
        b.p_top
    );
}

// ---------------------------------------------------------------------------------------
// Tipping points: move the weight just inside and just past each end
// ---------------------------------------------------------------------------------------

fn example(path: &str) -> Scenario {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap();
    thresh::read::from_str(&text).unwrap()
}

#[test]
fn tipping_points_of_the_examples_hold_up_to_each_end() {
    for path in [
        "tests/data/banking-q1.json",
        "examples/field-service-q2.thresh.json",
    ] {
        let s = example(path);
        for top in [1, 3, 10] {
            let all = check_all(&s, top);
            assert!(
                all.iter().any(|st| st.top_set.high.is_some()),
                "{path}: some weight changes the top {top}"
            );
        }
    }
}

#[test]
fn tipping_points_under_weighted_product_and_weight_zero() {
    // RICE-like: reach × impact × confidence / effort, with weights not 1 and a criterion
    // at weight 0 that reorders everything once it counts.
    let s = scenario(
        "weighted-product",
        json!([
            { "id": "reach", "label": "R", "direction": "benefit", "weight": 1.5 },
            { "id": "impact", "label": "I", "direction": "benefit", "weight": 1 },
            { "id": "effort", "label": "E", "direction": "cost", "weight": 0.7 },
            { "id": "risk", "label": "K", "direction": "cost", "weight": 0 }
        ]),
        json!([
            { "id": "A", "title": "a", "values": { "reach": 900, "impact": 1, "effort": 5, "risk": 9 } },
            { "id": "B", "title": "b", "values": { "reach": 300, "impact": 3, "effort": 2, "risk": 1 } },
            { "id": "C", "title": "c", "values": { "reach": 100, "impact": 2, "effort": 1, "risk": 2 } },
            { "id": "D", "title": "d", "values": { "reach": 2000, "impact": 0.5, "effort": 8, "risk": 3 } },
            { "id": "E", "title": "e", "values": { "reach": 50, "impact": 0, "effort": 1, "risk": 1 } },
            { "id": "F", "title": "f", "values": { "reach": 700, "impact": 2, "effort": 13, "risk": 5 } }
        ]),
    );
    let all = check_all(&s, 2);
    let risk = all.iter().find(|st| st.criterion == 3).unwrap();
    assert_eq!(risk.weight, 0.0);
    assert_eq!(risk.top_set.low, 0.0);
    assert!(risk.top_set.at_low.is_none() && risk.first.at_low.is_none());
    assert!(
        risk.top_set.high.is_some(),
        "weighting risk reorders the top 2"
    );
    check_all(&s, 1);
    check_all(&s, 4);
}

#[test]
fn tipping_points_under_weighted_sum_with_weight_zero_and_unscorable() {
    // A `max` scale makes a negative value unscorable once its criterion counts; the
    // criterion is at weight 0, so just above 0 the ranking differs from the scenario's.
    let s = scenario(
        "weighted-sum",
        json!([
            { "id": "value", "label": "V", "direction": "benefit", "weight": 2 },
            { "id": "cost", "label": "C", "direction": "cost", "weight": 1 },
            { "id": "bonus", "label": "B", "direction": "benefit", "weight": 0, "scale": "max" }
        ]),
        json!([
            { "id": "A", "title": "a", "values": { "value": 10, "cost": 5, "bonus": 1 } },
            { "id": "B", "title": "b", "values": { "value": 8, "cost": 2, "bonus": -3 } },
            { "id": "C", "title": "c", "values": { "value": 6, "cost": 1, "bonus": 9 } },
            { "id": "D", "title": "d", "values": { "value": 3, "cost": 4, "bonus": 4 } },
            { "id": "E", "title": "e", "values": { "value": 7, "cost": 6, "bonus": 0 }, "status": "done" }
        ]),
    );
    let all = check_all(&s, 2);
    let bonus = all.iter().find(|st| st.criterion == 2).unwrap();
    // B is unscorable as soon as bonus counts: the reference just above 0 differs from
    // the scenario's ranking.
    let table = Table::new(&s);
    let own = table.score(&s.model.criteria, &s.model.weights()).unwrap();
    let own_top: BTreeSet<usize> = own.order[..2].iter().map(|&i| i as usize).collect();
    let reference = top_at(&s, &table, 2, 1e-9, 2);
    assert_ne!(own_top, set(&reference));
    assert!(!reference.contains(&1), "B is unscorable once bonus counts");
    assert_eq!(bonus.first_request, reference[0]);
    check_all(&s, 1);
    check_all(&s, 3);
}

#[test]
fn tipping_points_under_ratio_where_a_denominator_reaches_zero() {
    // X's weighted cost is 3 − w (its second cost is −1): X's score rises towards w = 3,
    // where the denominator reaches 0 and X becomes unscorable.
    let s = scenario(
        "ratio",
        json!([
            { "id": "value", "label": "V", "direction": "benefit", "weight": 1 },
            { "id": "c1", "label": "C1", "direction": "cost", "weight": 1 },
            { "id": "c2", "label": "C2", "direction": "cost", "weight": 1 }
        ]),
        json!([
            { "id": "X", "title": "x", "values": { "value": 10, "c1": 3, "c2": -1 } },
            { "id": "Y", "title": "y", "values": { "value": 5, "c1": 1, "c2": 1 } },
            { "id": "Z", "title": "z", "values": { "value": 4, "c1": 1, "c2": 0.5 } },
            { "id": "W", "title": "w", "values": { "value": 9, "c1": 2, "c2": 2 } }
        ]),
    );
    let all = check_all(&s, 1);
    let c2 = all.iter().find(|st| st.criterion == 2).unwrap();
    assert_eq!(ids(&s, [c2.first_request]), ["X"]);
    let high = c2.first.high.expect("X stops being first");
    assert!(
        (high - 3.0).abs() < 1e-9,
        "X's denominator reaches 0 at 3, found {high}"
    );
    check_all(&s, 2);
    check_all(&s, 3);
    // Going down from 1: the cost c1 at weight 0 makes only c2 count; no end there.
    check_all(&s, 4);
}

#[test]
fn tipping_points_in_words() {
    let s = example("tests/data/banking-q1.json");
    let table = Table::new(&s);
    let scores = table.score(&s.model.criteria, &s.model.weights()).unwrap();
    let all = robust::tipping_points(&table, &s.model.criteria, &scores, 10);
    let revenue = all
        .iter()
        .find(|st| s.model.criteria[st.criterion].id == "revenue")
        .unwrap();
    let words = revenue.top_set_words(&s);
    assert!(words.starts_with("the top 10 holds from "), "{words}");
    assert!(
        words.contains("; below ") && words.contains(" replaces "),
        "{words}"
    );
    let d = robust::decisive(&all).expect("some weight changes the top");
    let t = &all[d.index].top_set;
    let nearest = all
        .iter()
        .filter(|st| st.weight > 0.0)
        .flat_map(|st| {
            let t = &st.top_set;
            [
                t.at_low.map(|_| st.weight - t.low),
                t.high.map(|h| h - st.weight),
            ]
        })
        .flatten()
        .fold(f64::INFINITY, f64::min);
    assert_eq!((d.to - d.from).abs(), nearest);
    assert!(d.to == t.low || Some(d.to) == t.high);
    let words = d.words(&s, 10);
    assert!(
        words.contains(" decides: moving its weight from "),
        "{words}"
    );
}

// ---------------------------------------------------------------------------------------
// The JSON document
// ---------------------------------------------------------------------------------------

/// The keys of the objects at one indentation of the pretty layout, in order.
fn keys_at(text: &str, indent: usize) -> Vec<String> {
    let prefix = " ".repeat(indent) + "\"";
    text.lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_once("\":").map(|(k, _)| k.to_string()))
        .collect()
}

#[test]
fn json_document_has_the_contracts_shape() {
    let s = example("examples/field-service-q2.thresh.json");
    let options = Options {
        samples: 300,
        seed: 11,
        plan: true,
        ..Options::default()
    };
    let a = robust::analyse(&s, &options).unwrap();
    let text = a.to_json(&s);
    assert_eq!(
        keys_at(&text, 2),
        [
            "samples",
            "seed",
            "top",
            "weights",
            "spread",
            "requests",
            "stability",
            "plan_infeasible"
        ]
    );
    let request_keys = keys_at(&text, 6);
    let per_request = [
        "id",
        "rank",
        "p_top",
        "acceptability",
        "rank_p05",
        "rank_median",
        "rank_p95",
        "p_plan",
    ];
    let stability_keys = ["criterion", "weight", "top_set", "first"];
    // Requests, then stability entries, at the same depth.
    let n = s.requests.len();
    assert_eq!(
        request_keys.len(),
        n * per_request.len() + 5 * stability_keys.len()
    );
    for chunk in request_keys[..n * per_request.len()].chunks(per_request.len()) {
        assert_eq!(chunk, per_request);
    }
    for chunk in request_keys[n * per_request.len()..].chunks(stability_keys.len()) {
        assert_eq!(chunk, stability_keys);
    }
    let interval_keys = keys_at(&text, 8);
    for chunk in interval_keys.chunks(4) {
        assert_eq!(chunk, ["low", "high", "at_low", "at_high"]);
    }

    let doc: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["samples"], 300);
    assert_eq!(doc["seed"], 11);
    assert_eq!(doc["top"], 10);
    assert_eq!(doc["weights"], "around");
    assert_eq!(doc["spread"].as_f64(), Some(0.25));
    let requests = doc["requests"].as_array().unwrap();
    // In the scenario's own ranking.
    let ranking = thresh::Ranking::new(&s).unwrap();
    let own: Vec<&str> = ranking
        .scores
        .order
        .iter()
        .map(|&i| s.requests[i as usize].id.as_str())
        .collect();
    let listed: Vec<&str> = requests.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(listed, own);
    for (k, r) in requests.iter().enumerate() {
        assert_eq!(r["rank"], k + 1);
        assert_eq!(r["acceptability"].as_array().unwrap().len(), 10);
        let p = r["p_plan"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
    }
    assert!(doc["plan_infeasible"].as_u64().is_some());
    for st in doc["stability"].as_array().unwrap() {
        for part in ["top_set", "first"] {
            let t = &st[part];
            assert!(t["low"].as_f64().is_some());
            assert!(t["high"].is_null() || t["high"].as_f64().is_some());
            assert_eq!(t["at_low"].is_null(), t["low"] == 0);
            assert_eq!(t["at_high"].is_null(), t["high"].is_null());
        }
        if let Some(end) = st["top_set"]["at_high"].as_object() {
            assert_eq!(end.keys().collect::<Vec<_>>(), ["enters", "leaves"]);
        }
        if let Some(end) = st["first"]["at_high"].as_object() {
            assert_eq!(end.keys().collect::<Vec<_>>(), ["overtaken_by"]);
        }
    }
    // The contract's example writes the weight as the file does.
    assert!(text.contains("\"weight\": 4,"), "{text}");

    // Without a plan and in mode `any`: no p_plan, no plan_infeasible, no spread.
    let a = robust::analyse(
        &s,
        &Options {
            samples: 50,
            weights: Weights::Any,
            top: Some(2),
            ..Options::default()
        },
    )
    .unwrap();
    let text = a.to_json(&s);
    assert_eq!(
        keys_at(&text, 2),
        ["samples", "seed", "top", "weights", "requests", "stability"]
    );
    assert!(!text.contains("p_plan"));
}

#[test]
fn views_are_mixed_uniformly() {
    // Two views, each all on one criterion: a Dirichlet(1, 1) mix is the analytic case.
    let s = scenario(
        "weighted-sum",
        json!([
            { "id": "a", "label": "A", "direction": "benefit", "weight": 3 },
            { "id": "b", "label": "B", "direction": "benefit", "weight": 1 }
        ]),
        json!([
            { "id": "X", "title": "x", "values": { "a": 1, "b": 0 } },
            { "id": "Y", "title": "y", "values": { "a": 0, "b": 1 } },
            { "id": "Z", "title": "z", "values": { "a": 0.6, "b": 0.6 } }
        ]),
    );
    let views = Weights::Views(vec![vec![2.0, 0.0], vec![0.0, 5.0]]);
    let a = robust::analyse(
        &s,
        &Options {
            samples: 100_000,
            weights: views,
            top: Some(1),
            ..Options::default()
        },
    )
    .unwrap();
    let first: Vec<f64> = (0..3)
        .map(|i| a.requests.iter().find(|r| r.request == i).unwrap().p_top)
        .collect();
    // 5 standard errors at N = 100,000.
    for (p, expected) in first.iter().zip([0.4, 0.4, 0.2]) {
        assert!((p - expected).abs() < 0.008, "{first:?}");
    }
    assert_eq!(
        robust::analyse(
            &s,
            &Options {
                weights: Weights::Views(vec![]),
                ..Options::default()
            }
        ),
        Err(robust::Error::NoViews)
    );
    assert_eq!(Weights::views_of(&s), Err(robust::Error::NoViews));
}

/// The team's own views (team-v1): `--weights views` mixes the scenario's views, one
/// normalised vector each; one view alone is that view's ranking in every sample.
#[test]
fn the_scenarios_views_are_the_team_views() {
    let s = example("examples/field-service-team.thresh.json");
    let Weights::Views(vectors) = Weights::views_of(&s).unwrap() else {
        panic!("mode views");
    };
    assert_eq!(vectors, thresh::team::vectors(&s).unwrap());
    assert_eq!(vectors.len(), s.model.views.len());

    // One view, no ranges: every sample ranks as that view does.
    let mut one = s.clone();
    one.model.views.truncate(1);
    for r in &mut one.requests {
        let ranges: Vec<usize> = r
            .values
            .iter()
            .filter(|(_, e)| matches!(e, thresh::model::Estimate::Range(_)))
            .map(|(k, _)| k)
            .collect();
        for k in ranges {
            let x = r.values.get(k).unwrap().likely();
            r.values.set(k, thresh::model::Estimate::Number(x));
        }
    }
    let a = robust::analyse(
        &one,
        &Options {
            samples: 200,
            top: Some(4),
            weights: Weights::views_of(&one).unwrap(),
            ..Options::default()
        },
    )
    .unwrap();
    let table = Table::new(&one);
    let view = thresh::team::vectors(&one).unwrap().remove(0);
    let weights = thresh::team::as_weights(&view, &one, &table);
    let ranking = table.score(&one.model.criteria, &weights).unwrap();
    for r in &a.requests {
        let rank = ranking.rank[r.request];
        assert_eq!(r.rank_median, rank, "{}", one.requests[r.request].id);
        assert_eq!(r.p_top, if rank <= 4 { 1.0 } else { 0.0 });
    }

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = common::run_in(
        dir,
        &[
            "robust",
            "examples/field-service-team.thresh.json",
            "--weights",
            "views",
            "--samples",
            "300",
            "--json",
        ],
    );
    run.expect_code(0);
    assert_eq!(
        keys_at(&run.stdout, 2),
        ["samples", "seed", "top", "weights", "requests", "stability"]
    );
    assert!(run.stdout.contains("\"weights\": \"views\","));
}

// ---------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------

#[test]
fn command_line_output_is_deterministic_and_readable() {
    let file = "examples/field-service-q2.thresh.json";
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let args = [
        "robust",
        file,
        "--json",
        "--samples",
        "400",
        "--seed",
        "7",
        "--plan",
    ];
    let one = common::run_in(dir, &args);
    one.expect_code(0);
    let two = common::run_in(dir, &args);
    assert_eq!(
        one.stdout, two.stdout,
        "the same seed gives the same output"
    );
    let other = common::run_in(
        dir,
        &[
            "robust",
            file,
            "--json",
            "--samples",
            "400",
            "--seed",
            "8",
            "--plan",
        ],
    );
    assert_ne!(one.stdout, other.stdout, "another seed gives other samples");
    let doc: Json = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(doc["samples"], 400);
    assert_eq!(doc["seed"], 7);

    let table = common::run_in(dir, &["robust", file, "--samples", "200", "--top", "3"]);
    table.expect_code(0);
    let out = &table.stdout;
    assert!(
        out.starts_with("200 samples (seed 1), weights within ±25% of the model's"),
        "{out}"
    );
    assert!(out.contains("rank  id      title"), "{out}");
    assert!(out.contains("top 3  first  ranks 5–95%  median"), "{out}");
    assert!(out.contains("tipping points (one weight moved, the others held; likely values)"));
    assert!(out.contains("the top 3 holds"), "{out}");
    assert!(out.contains(" decides: moving its weight from "), "{out}");

    // The largest seed, and standard input.
    let big = common::run_in(
        dir,
        &[
            "robust",
            file,
            "--samples",
            "5",
            "--seed",
            "18446744073709551615",
            "--json",
        ],
    );
    big.expect_code(0);
    assert!(big.stdout.contains("\"seed\": 18446744073709551615,"));
    let input = std::fs::read(dir.join(file)).unwrap();
    let piped = common::run_with_stdin(
        &[
            "robust",
            "-",
            "--samples",
            "400",
            "--seed",
            "7",
            "--plan",
            "--json",
        ],
        &input,
    );
    assert_eq!(piped.stdout, one.stdout);
}

#[test]
fn command_line_refuses_bad_options_and_files_with_2() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = "examples/field-service-q2.thresh.json";
    for (args, says) in [
        (
            vec!["--samples", "0"],
            "--samples must be a whole number ≥ 1",
        ),
        (
            vec!["--samples", "ten"],
            "--samples must be a whole number ≥ 1",
        ),
        (vec!["--seed", "-1"], "--seed must be a whole number"),
        (vec!["--top", "0"], "--top must be a whole number ≥ 1"),
        (
            vec!["--top", "13"],
            "--top must be a whole number from 1 to 12",
        ),
        (
            vec!["--spread", "1.5"],
            "--spread must be a number from 0 to 1",
        ),
        (
            vec!["--spread", "NaN"],
            "--spread must be a number from 0 to 1",
        ),
        (
            vec!["--weights", "all"],
            "--weights must be around, any or views",
        ),
        (
            vec!["--weights", "any", "--spread", "0.1"],
            "--spread applies only with --weights around",
        ),
        (
            vec!["--samples", "5", "--samples", "6"],
            "give --samples once",
        ),
        (
            vec!["--weights", "views"],
            "model.views: the scenario has no views of the weights",
        ),
    ] {
        let mut all = vec!["robust", file];
        all.extend(&args);
        let r = common::run_in(dir, &all);
        r.expect_code(2);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    // Usage mistakes stay exit 1, as for every command.
    common::run_in(dir, &["robust", file, "--pin", "FS-101"]).expect_code(1);
    common::run_in(dir, &["robust", file, "--samples"]).expect_code(1);
    common::run_in(dir, &["robust"]).expect_code(1);

    // --plan without a capacity; a file that is not a scenario.
    let scratch = common::scratch("robust-cli");
    let mut doc = common::full_scenario();
    doc.as_object_mut().unwrap().remove("capacity");
    let no_capacity = common::write_file(&scratch, "no-capacity.json", doc.to_string());
    let r = common::run(&[
        std::ffi::OsStr::new("robust"),
        no_capacity.as_os_str(),
        std::ffi::OsStr::new("--plan"),
    ]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("--plan: the scenario has no capacity"),
        "{}",
        r.stderr
    );
    common::run(&[std::ffi::OsStr::new("robust"), no_capacity.as_os_str()]).expect_code(0);
    let not_json = common::write_file(&scratch, "bad.json", "{ nope");
    common::run(&[std::ffi::OsStr::new("robust"), not_json.as_os_str()]).expect_code(2);
}
