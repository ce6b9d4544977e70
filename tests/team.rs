//! The team's views of the weights (team-v1): Saaty's eigenvector method against published
//! numbers, the numbers of §2 by their definitions, properties over generated views, the
//! views in the file (reading, problems at their paths, the round trip) and in the model
//! (criteria removed, reordered, replaced), and the function the robustness analysis calls.

use proptest::prelude::*;
use thresh::edit::{Edit, List};
use thresh::model::{Judgement, Scenario, ViewKind};
use thresh::team::{self, saaty, Team};
use thresh::workbench::Workbench;
use thresh::{read, validate, write, Ranking, ReadError, Table};

const TEAM_EXAMPLE: &str = include_str!("../examples/field-service-team.thresh.json");

fn example() -> Scenario {
    read::from_str(TEAM_EXAMPLE).unwrap()
}

fn close(x: f64, y: f64, tolerance: f64) -> bool {
    (x - y).abs() <= tolerance
}

/// A scenario with criteria `c0 … c{n-1}` (benefit, weight 1, values on every request)
/// and the views given as JSON text.
fn scenario_text(n: usize, views: &str) -> String {
    let criteria: Vec<String> = (0..n)
        .map(|k| format!(r#"{{"id": "c{k}", "label": "C{k}", "direction": "benefit"}}"#))
        .collect();
    let requests: Vec<String> = (0..6)
        .map(|i| {
            let values: Vec<String> = (0..n)
                .map(|k| format!(r#""c{k}": {}"#, (i * 7 + k * 3) % 10))
                .collect();
            format!(
                r#"{{"id": "R-{i}", "title": "R{i}", "values": {{{}}}}}"#,
                values.join(", ")
            )
        })
        .collect();
    format!(
        r#"{{"format": "thresh.scenario", "version": 1, "name": "t",
           "model": {{"criteria": [{}], "views": {views}}},
           "requests": [{}]}}"#,
        criteria.join(", "),
        requests.join(", ")
    )
}

fn problems(text: &str) -> Vec<String> {
    match read::from_str(text) {
        Err(ReadError::Invalid(p)) => p.list.iter().map(|p| p.to_string()).collect(),
        other => panic!("{other:?}"),
    }
}

fn judgements_json(judgements: &[(usize, usize, f64)]) -> String {
    let items: Vec<String> = judgements
        .iter()
        .map(|(a, b, r)| format!(r#"{{"a": "c{a}", "b": "c{b}", "ratio": {r:?}}}"#))
        .collect();
    format!("[{}]", items.join(", "))
}

// ----- published numbers -----

/// Saaty, "The Analytic Hierarchy Process" (McGraw-Hill, 1980): the relative consumption
/// of drinks in the US — coffee, wine, tea, beer, sodas, milk, water — judged in pairs.
/// Published eigenvector 0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327, λmax ≈ 7.18
/// (the actual consumption shares were 0.180, 0.010, 0.040, 0.120, 0.180, 0.140, 0.330).
const DRINKS: [[f64; 7]; 7] = [
    [1.0, 9.0, 5.0, 2.0, 1.0, 1.0, 1.0 / 2.0],
    [
        1.0 / 9.0,
        1.0,
        1.0 / 3.0,
        1.0 / 9.0,
        1.0 / 9.0,
        1.0 / 9.0,
        1.0 / 9.0,
    ],
    [
        1.0 / 5.0,
        3.0,
        1.0,
        1.0 / 3.0,
        1.0 / 4.0,
        1.0 / 3.0,
        1.0 / 9.0,
    ],
    [1.0 / 2.0, 9.0, 3.0, 1.0, 1.0 / 2.0, 1.0, 1.0 / 3.0],
    [1.0, 9.0, 4.0, 2.0, 1.0, 2.0, 1.0 / 2.0],
    [1.0, 9.0, 3.0, 1.0, 1.0 / 2.0, 1.0, 1.0 / 3.0],
    [2.0, 9.0, 9.0, 3.0, 2.0, 3.0, 1.0],
];
const DRINKS_WEIGHTS: [f64; 7] = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327];
const DRINK_NAMES: [&str; 7] = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"];

#[test]
fn saatys_drinks_matrix_gives_the_published_weights() {
    let matrix: Vec<f64> = DRINKS.iter().flatten().copied().collect();
    let (w, lambda) = saaty::principal(&matrix, 7);
    for (k, (&got, &published)) in w.iter().zip(&DRINKS_WEIGHTS).enumerate() {
        assert!(
            close(got, published, 0.001),
            "{}: {got} (published {published})",
            DRINK_NAMES[k]
        );
    }
    assert!(close(lambda, 7.177, 0.0005), "λmax {lambda}");
    let (ci, cr) = saaty::consistency(lambda, 7);
    assert!(close(ci, (lambda - 7.0) / 6.0, 1e-15));
    assert!(close(cr, ci / 1.32, 1e-15), "RI(7) = 1.32");
}

/// The same judgements as a view in a file, each written the way a person says it ("water
/// is 2 times as important as coffee"): the view's vector is the published one.
#[test]
fn the_drinks_as_a_pairwise_view_in_a_file() {
    let mut judgements = Vec::new();
    for (a, row) in DRINKS.iter().enumerate() {
        for (b, &r) in row.iter().enumerate().skip(a + 1) {
            let (a, b, r) = if r >= 1.0 { (a, b, r) } else { (b, a, 1.0 / r) };
            let r = r.round();
            judgements.push(format!(
                r#"{{"a": "{}", "b": "{}", "ratio": {r}}}"#,
                DRINK_NAMES[a], DRINK_NAMES[b]
            ));
        }
    }
    let criteria: Vec<String> = DRINK_NAMES
        .iter()
        .map(|d| format!(r#"{{"id": "{d}", "label": "{d}", "direction": "benefit"}}"#))
        .collect();
    let text = format!(
        r#"{{"format": "thresh.scenario", "version": 1, "name": "drinks",
           "model": {{"criteria": [{}],
                      "views": [{{"id": "saaty", "label": "Saaty 1980", "pairwise": [{}]}}]}},
           "requests": []}}"#,
        criteria.join(", "),
        judgements.join(", ")
    );
    let s = read::from_str(&text).unwrap();
    let v = &team::vectors(&s).unwrap()[0];
    for (k, (&got, &published)) in v.iter().zip(&DRINKS_WEIGHTS).enumerate() {
        assert!(close(got, published, 0.001), "{}: {got}", DRINK_NAMES[k]);
    }
    let worked = team::view_weights(&s.model.views[0], 7);
    let p = worked.pairwise.unwrap();
    assert!(close(p.lambda_max, 7.177, 0.0005), "{}", p.lambda_max);
    assert!(!p.is_inconsistent(), "CR {}", p.cr);
}

/// One criterion x times as important as each of n − 1 equal others gets x/(x + n − 1),
/// and the judgements are consistent: λmax = n, CR = 0.
#[test]
fn one_criterion_x_times_each_of_the_others() {
    for n in 2..=15 {
        for x in [1.0, 1.5, 2.0, 3.0, 7.0, 9.0, 1.0 / 4.0, 1.0 / 9.0] {
            let mut judgements = Vec::new();
            for a in 0..n {
                for b in a + 1..n {
                    let ratio = if a == 0 { x } else { 1.0 };
                    judgements.push(Judgement {
                        a,
                        b,
                        ratio,
                        extra: Default::default(),
                    });
                }
            }
            let p = saaty::Pairwise::new(&judgements);
            let expected = x / (x + n as f64 - 1.0);
            assert!(
                close(p.weights[0], expected, 1e-12),
                "n {n}, x {x}: {} ≠ {expected}",
                p.weights[0]
            );
            for &w in &p.weights[1..] {
                assert!(close(w, 1.0 / (x + n as f64 - 1.0), 1e-12), "n {n}, x {x}");
            }
            assert!(close(p.lambda_max, n as f64, 1e-9), "n {n}, x {x}");
            assert_eq!((p.ci, p.cr), (0.0, 0.0), "n {n}, x {x}");
            assert!(p.worst(3).is_empty());
        }
    }
}

#[test]
fn the_random_index_is_saatys_table() {
    let stated = [
        0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ];
    for (n, ri) in (3..=15).zip(stated) {
        assert_eq!(saaty::random_index(n), Some(ri), "n {n}");
        let lambda = n as f64 + 0.3;
        let (ci, cr) = saaty::consistency(lambda, n);
        assert!(close(ci, 0.3 / (n as f64 - 1.0), 1e-15));
        assert!(close(cr, ci / ri, 1e-15), "n {n}");
    }
    // CR = 0 for n ≤ 2, whatever λ says.
    for n in 0..=2 {
        assert_eq!(saaty::consistency(n as f64 + 0.5, n), (0.0, 0.0));
    }
    assert_eq!(saaty::random_index(16), None);
}

#[test]
fn the_contracts_example_view() {
    // team-v1 §1 and §3: "cs" gives reach 0.23, urgency 0.65, cost 0.12, fit 0,
    // λmax 3.004, CI 0.002, CR 0.003.
    let text = scenario_text(4, "[]")
        .replace(r#""views": []"#, r#""views": [
          { "id": "pm", "label": "Product manager", "weights": { "c0": 4, "c1": 3, "c2": 2, "c3": 1 } },
          { "id": "cs", "label": "Head of customer success", "say": 1,
            "pairwise": [ { "a": "c1", "b": "c0", "ratio": 3 },
                          { "a": "c1", "b": "c2", "ratio": 5 },
                          { "a": "c0", "b": "c2", "ratio": 2 } ] } ]"#);
    let s = read::from_str(&text).unwrap();
    let v = team::vectors(&s).unwrap();
    assert_eq!(v[0], [0.4, 0.3, 0.2, 0.1]);
    let rounded: Vec<String> = v[1].iter().map(|x| format!("{x:.2}")).collect();
    assert_eq!(rounded, ["0.23", "0.65", "0.12", "0.00"]);
    let p = team::view_weights(&s.model.views[1], 4).pairwise.unwrap();
    assert_eq!(format!("{:.3}", p.lambda_max), "3.004");
    assert_eq!(format!("{:.3}", p.ci), "0.002");
    assert_eq!(format!("{:.3}", p.cr), "0.003");
}

// ----- inconsistency and suggestions -----

#[test]
fn the_shares_of_the_inconsistency_add_up_to_lambda() {
    let s = example();
    let p = team::view_weights(&s.model.views[1], 5).pairwise.unwrap();
    assert!(p.is_inconsistent(), "the example's cs view: CR {}", p.cr);
    // λmax − n = (1/n) Σ (ε + 1/ε − 2) over the judgements.
    let place = |k: usize| p.criteria.iter().position(|&c| c == k).unwrap();
    let n = p.criteria.len() as f64;
    let sum: f64 = p
        .fits
        .iter()
        .map(|f| {
            let e = f.ratio * p.weights[place(f.b)] / p.weights[place(f.a)];
            e + 1.0 / e - 2.0
        })
        .sum();
    assert!(close(p.lambda_max - n, sum / n, 1e-12));
    assert!(close(
        p.fits.iter().map(|f| f.share).sum::<f64>(),
        1.0,
        1e-12
    ));
    assert!(p.fits.windows(2).all(|w| w[0].share >= w[1].share));
    for f in &p.fits {
        assert!(close(
            f.implied,
            p.weights[place(f.a)] / p.weights[place(f.b)],
            1e-15
        ));
    }
    // The judgement that weighs most, replaced by its suggestion, makes the view
    // consistent enough.
    let worst = &p.worst(1)[0];
    let mut fixed = s.clone();
    let ViewKind::Pairwise(js) = &mut fixed.model.views[1].kind else {
        panic!()
    };
    js[worst.judgement].ratio = worst.suggested;
    let q = team::view_weights(&fixed.model.views[1], 5)
        .pairwise
        .unwrap();
    assert!(q.cr < p.cr && !q.is_inconsistent(), "{} → {}", p.cr, q.cr);
}

// ----- the team -----

#[test]
fn the_example_team() {
    let s = example();
    let t = Team::new(&s, None).unwrap();
    assert_eq!(t.top, 10);
    // pm gives the model's own weights: its ranking is the scenario's.
    let own = Ranking::new(&s).unwrap();
    assert_eq!(t.views[0].scores.order, own.scores.order);
    // The compromise is the say-weighted mean (says 1, 1, 0.5).
    for k in 0..5 {
        let mean = (t.views[0].weights.vector[k]
            + t.views[1].weights.vector[k]
            + 0.5 * t.views[2].weights.vector[k])
            / 2.5;
        assert!(close(t.compromise[k], mean, 1e-15));
        let all = t.views.iter().map(|v| v.weights.vector[k]);
        let lo = all.clone().fold(f64::INFINITY, f64::min);
        let hi = all.fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(t.spread[k], (lo, hi));
    }
    assert!(close(t.compromise.iter().sum::<f64>(), 1.0, 1e-12));
    // Each ranking is the table scored with the vector scaled to W = 13.
    let table = Table::new(&s);
    for v in &t.views {
        let w: Vec<f64> = v.weights.vector.iter().map(|x| x * 13.0).collect();
        let scores = table.score(&s.model.criteria, &w).unwrap();
        assert_eq!(scores.order, v.scores.order);
    }
    // Agreement at 10, counted by hand from the tops.
    let tops: Vec<Vec<u32>> = t
        .views
        .iter()
        .map(|v| v.scores.order[..10].to_vec())
        .collect();
    let agreed = (0..s.requests.len() as u32)
        .filter(|i| tops.iter().all(|t| t.contains(i)))
        .count();
    assert_eq!(t.agreement(), Some(agreed as f64 / 10.0));
    assert_eq!(t.agreement(), Some(0.8));
    assert_eq!(
        t.agreement_words(),
        [
            "8 of the top 10 are in everyone's top 10",
            "FS-106 is in everyone's top 10 but Key-account team's",
            "FS-112 is in everyone's top 10 but Key-account team's",
            "FS-102 is in Key-account team's top 10 only",
            "FS-107 is in Key-account team's top 10 only",
        ]
    );
    assert!(t
        .agreement_sentence()
        .starts_with("8 of the top 10 are in everyone's top 10; FS-106 is"));
    assert!(t.agreement_sentence().ends_with("top 10 only."));
}

#[test]
fn words_for_views_in_between() {
    // Four views of two criteria with four requests: who is in whose top 1.
    let views = r#"[
      {"id": "a", "label": "Ann", "weights": {"c0": 1}},
      {"id": "b", "label": "Bo", "weights": {"c0": 1}},
      {"id": "c", "label": "Cy", "weights": {"c1": 1}},
      {"id": "d", "label": "Di", "weights": {"c1": 1}}]"#;
    let s = read::from_str(&scenario_text(2, views)).unwrap();
    let t = Team::new(&s, Some(1)).unwrap();
    let words = t.agreement_words();
    assert_eq!(words[0], "None of the top 1 is in everyone's top 1");
    assert!(
        words[1..].iter().all(
            |w| w.contains("is in the top 1 of Ann and Bo, not of Cy and Di")
                || w.contains("is in the top 1 of Cy and Di, not of Ann and Bo")
        ),
        "{words:?}"
    );
    assert_eq!(t.agreement(), Some(0.0));
    let t = Team::new(&s, Some(6)).unwrap();
    assert_eq!(
        t.agreement_words(),
        ["All of the top 6 are in everyone's top 6"]
    );
    assert_eq!(t.agreement(), Some(1.0));
}

#[test]
fn a_view_that_weighs_only_a_criterion_sitting_out_is_refused_at_its_path() {
    // c1 has no value anywhere: it sits out; a view weighing only c1 ranks nothing.
    let text = scenario_text(
        2,
        r#"[{"id": "a", "label": "A", "weights": {"c0": 1}},
                                    {"id": "b", "label": "B", "weights": {"c1": 1}}]"#,
    );
    let text = regex_free_drop_values(&text, "c1");
    let s = read::from_str(&text).unwrap();
    let e = Team::new(&s, None).unwrap_err();
    assert_eq!(e.0.list[0].path, "model.views[1]", "{e}");
    assert!(e.0.list[0].message.contains("\"b\""), "{e}");
    // The vectors themselves are fine: the robustness analysis drops the criterion.
    let v = team::vectors(&s).unwrap();
    assert_eq!(v[1], [0.0, 1.0]);
}

/// The text without any `"c": n` value (the criterion then has no value anywhere).
fn regex_free_drop_values(text: &str, c: &str) -> String {
    let mut out = text.to_string();
    for x in 0..10 {
        out = out.replace(&format!(r#", "{c}": {x}"#), "");
    }
    out
}

// ----- for the robustness analysis -----

#[test]
fn vectors_and_weights_for_the_robustness_analysis() {
    let s = example();
    let v = team::vectors(&s).unwrap();
    let t = Team::new(&s, None).unwrap();
    assert_eq!(v.len(), 3);
    for (v, worked) in v.iter().zip(&t.views) {
        assert_eq!(v, &worked.weights.vector);
        assert!(close(v.iter().sum::<f64>(), 1.0, 1e-12));
    }
    assert_eq!(team::says(&s), [1.0, 1.0, 0.5]);
    let table = Table::new(&s);
    assert_eq!(team::total_weight(&s, &table), 13.0);
    let w = team::as_weights(&v[2], &s, &table);
    for (w, x) in w.iter().zip(&v[2]) {
        assert!(close(*w, x * 13.0, 1e-12));
    }

    // A criterion that sits out drops out of W and gets 0; the others are not scaled up.
    let mut out = s.clone();
    let fit = out.model.criterion_index("fit").unwrap();
    for r in &mut out.requests {
        r.values.remove(fit);
    }
    let table = Table::new(&out);
    assert!(table.columns[fit].sits_out);
    assert_eq!(team::total_weight(&out, &table), 12.0);
    let w = team::as_weights(&v[0], &out, &table);
    assert_eq!(w[fit], 0.0);
    assert!(close(w[0], v[0][0] * 12.0, 1e-12));

    // No views: refused, at model.views.
    let plain = read::from_str(include_str!("../examples/field-service-q2.thresh.json")).unwrap();
    let e = team::vectors(&plain).unwrap_err();
    assert_eq!(e.0.list[0].path, "model.views");
    assert!(Team::new(&plain, None).is_err());
}

// ----- the file: reading and writing -----

#[test]
fn views_round_trip_through_the_canonical_form() {
    let s = example();
    let out = write::to_string(&s);
    assert_eq!(out, TEAM_EXAMPLE, "the example is in canonical form");
    let again = read::from_str(&out).unwrap();
    assert_eq!(again, s);

    // Unknown fields in views and judgements are kept; fields in canonical order.
    let text = scenario_text(
        3,
        r#"[{"pairwise": [{"x-why": "tickets", "ratio": 0.5, "b": "c0", "a": "c2"},
                          {"a": "c0", "b": "c1", "ratio": 3}, {"a": "c1", "b": "c2", "ratio": 1}],
             "x-team": {"k": [1, 2]}, "say": 2, "label": "L", "id": "v"},
            {"weights": {"c2": 0, "c0": 2.50}, "label": "W", "id": "w"}]"#,
    );
    let s = read::from_str(&text).unwrap();
    let out = write::to_string(&s);
    let view = out.find(r#""id": "v""#).unwrap();
    let order = [
        r#""label": "L""#,
        r#""say": 2"#,
        r#""pairwise""#,
        r#""a": "c2""#,
        r#""b": "c0""#,
        r#""ratio": 0.5"#,
        r#""x-why": "tickets""#,
        r#""x-team""#,
    ];
    let mut at = view;
    for needle in order {
        let found = out[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {out}"));
        at += found;
    }
    // Weights in the model's order of criteria, a 0 kept as written.
    let w = out.find(r#""id": "w""#).unwrap();
    let c0 = out[w..].find(r#""c0": 2.5"#).unwrap();
    let c2 = out[w..].find(r#""c2": 0"#).unwrap();
    assert!(c0 < c2, "{out}");
    assert_eq!(write::to_string(&read::from_str(&out).unwrap()), out);
}

#[test]
fn views_may_come_before_the_criteria() {
    let text = r#"{"format": "thresh.scenario", "version": 1, "name": "n",
      "model": {"views": [{"id": "v", "label": "V", "weights": {"b": 1}}],
                "criteria": [{"id": "a", "label": "A", "direction": "benefit"},
                             {"id": "b", "label": "B", "direction": "cost"}]},
      "requests": []}"#;
    let s = read::from_str(text).unwrap();
    let ViewKind::Weights(points) = &s.model.views[0].kind else {
        panic!()
    };
    assert_eq!(points.get(1), Some(&1.0));
    assert_eq!(points.get(0), None);
}

#[test]
fn views_problems_have_their_paths() {
    let cases: &[(&str, &str)] = &[
        (
            r#"[{"id": "v", "label": "V", "weights": {"c0": 1, "c0": 2}}]"#,
            "model.views[0].weights.c0: c0 is written twice",
        ),
        (
            r#"[{"id": "v", "label": "V", "weights": {"c0": "1"}}]"#,
            "model.views[0].weights.c0: c0 must be a number ≥ 0, found \"1\"",
        ),
        (
            r#"[{"id": "v", "label": "V", "weights": [1]}]"#,
            "model.views[0].weights: weights must be an object, found a list",
        ),
        (
            r#"[{"id": "", "label": "V", "weights": {"c0": 1}}]"#,
            "model.views[0].id: id must not be empty",
        ),
        (
            r#"[{"label": "V", "weights": {"c0": 1}}]"#,
            "model.views[0].id: id is missing",
        ),
        (
            r#"[{"id": "v", "label": 3, "weights": {"c0": 1}}]"#,
            "model.views[0].label: label must be text, found 3",
        ),
        (
            r#"[{"id": "v", "label": "V", "say": "much", "weights": {"c0": 1}}]"#,
            "model.views[0].say: say must be a number ≥ 0, found \"much\"",
        ),
        (
            r#"[{"id": "v", "label": "V", "pairwise": {"a": "c0"}}]"#,
            "model.views[0].pairwise: pairwise must be a list, found an object",
        ),
        (
            r#"[{"id": "v", "label": "V", "pairwise": ["c0"]}]"#,
            "model.views[0].pairwise[0]: pairwise[0] must be an object",
        ),
        (
            r#"[{"id": "v", "label": "V", "pairwise": [{"a": 1, "b": "c1", "ratio": 2}]}]"#,
            "model.views[0].pairwise[0].a: a must be text, found 1",
        ),
        (
            r#"[{"id": "v", "label": "V", "pairwise": [{"a": "c0", "b": "c1", "ratio": 0.1}]}]"#,
            "model.views[0].pairwise[0].ratio: ratio must be a number from 1/9 to 9",
        ),
        (
            r#"[{"id": "v", "label": "V", "pairwise": [{"a": "c0", "b": "c1", "ratio": 2},
                 {"a": "c1", "b": "c2", "ratio": 2}]}]"#,
            "model.views[0].pairwise: every pair of the criteria a pairwise view names must be judged once; not judged: \"c0\" and \"c2\"",
        ),
        (
            r#"{"v": 1}"#,
            "model.views: views must be a list, found an object",
        ),
    ];
    for (views, expected) in cases {
        let p = problems(&scenario_text(3, views));
        assert!(
            p.iter().any(|p| p.starts_with(expected)),
            "{views}: expected {expected}, got {p:?}"
        );
    }
    // 1/9 and 9 themselves are on the scale.
    let ok = scenario_text(
        2,
        r#"[{"id": "v", "label": "V", "pairwise": [{"a": "c0", "b": "c1", "ratio": 0.1111111111111111}]},
            {"id": "w", "label": "W", "pairwise": [{"a": "c0", "b": "c1", "ratio": 9}]}]"#,
    );
    read::from_str(&ok).unwrap();
}

#[test]
fn with_the_criteria_unreadable_views_name_no_criterion_problem() {
    let text = scenario_text(
        2,
        r#"[{"id": "v", "label": "V", "say": -1, "pairwise": [{"a": "c0", "b": "zz", "ratio": 2}]}]"#,
    )
    .replace(r#""direction": "benefit"}, {"id": "c1""#, r#""direction": "up"}, {"id": "c1""#);
    let p = problems(&text);
    assert!(
        p.iter()
            .any(|p| p.starts_with("model.criteria[0].direction")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|p| p.starts_with("model.views[0].say")),
        "{p:?}"
    );
    assert!(!p.iter().any(|p| p.contains("zz")), "{p:?}");
}

// ----- the model: criteria removed, reordered, replaced -----

fn vector_by_id(s: &Scenario) -> Vec<Vec<(String, f64)>> {
    team::vectors(s)
        .unwrap()
        .into_iter()
        .map(|v| {
            let mut by_id: Vec<(String, f64)> = s
                .model
                .criteria
                .iter()
                .zip(v)
                .map(|(c, x)| (c.id.clone(), x))
                .collect();
            by_id.sort_by(|a, b| a.0.cmp(&b.0));
            by_id
        })
        .collect()
}

fn same_vectors(x: &[Vec<(String, f64)>], y: &[Vec<(String, f64)>]) -> bool {
    x.len() == y.len()
        && x.iter().zip(y).all(|(a, b)| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(p, q)| p.0 == q.0 && close(p.1, q.1, 1e-12))
        })
}

#[test]
fn removing_a_criterion_takes_its_points_and_judgements() {
    let mut s = example();
    let reach = s.model.criterion_index("reach").unwrap();
    s.remove_criterion(reach);
    assert!(
        validate::scenario(&s).is_empty(),
        "{}",
        validate::scenario(&s)
    );
    let text = write::to_string(&s);
    let again = read::from_str(&text).unwrap();
    assert_eq!(again, s);
    // pm lost its reach points; cs its three judgements naming reach.
    let ViewKind::Weights(pm) = &s.model.views[0].kind else {
        panic!()
    };
    assert_eq!(pm.len(), 4);
    let ViewKind::Pairwise(cs) = &s.model.views[1].kind else {
        panic!()
    };
    assert_eq!(cs.len(), 3);
    assert!(!text.contains("\"reach\""), "{text}");
}

#[test]
fn reordering_and_replacing_criteria_keep_every_view() {
    let s = example();
    let before = vector_by_id(&s);
    let mut reversed = s.clone();
    reversed.reorder_criteria(&[4, 3, 2, 1, 0]);
    assert!(validate::scenario(&reversed).is_empty());
    assert!(same_vectors(&vector_by_id(&reversed), &before));
    assert_eq!(
        read::from_str(&write::to_string(&reversed)).unwrap(),
        reversed
    );

    // A preset replaces the criteria; the old ones stay at weight 0, views follow them.
    let mut rice = s.clone();
    let preview = thresh::presets::preview(thresh::presets::find("rice").unwrap(), &rice);
    preview.apply(&mut rice, thresh::date::Date::parse("2027-04-01").unwrap());
    assert!(
        validate::scenario(&rice).is_empty(),
        "{}",
        validate::scenario(&rice)
    );
    let after: Vec<Vec<(String, f64)>> = vector_by_id(&rice)
        .into_iter()
        .map(|v| v.into_iter().filter(|(_, x)| *x > 0.0).collect())
        .collect();
    let before: Vec<Vec<(String, f64)>> = before
        .into_iter()
        .map(|v| v.into_iter().filter(|(_, x)| *x > 0.0).collect())
        .collect();
    assert!(same_vectors(&after, &before), "{after:?}\n{before:?}");
}

#[test]
fn the_workbench_refuses_a_removal_that_would_break_a_view() {
    let text = scenario_text(
        3,
        r#"[{"id": "duo", "label": "Duo", "pairwise": [{"a": "c0", "b": "c1", "ratio": 3}]},
            {"id": "solo", "label": "Solo", "weights": {"c2": 1}}]"#,
    );
    let mut w = Workbench::open(&text).unwrap();
    let before = w.scenario().clone();
    let p = w.apply(Edit::Remove(List::Criteria, 0)).unwrap_err();
    assert_eq!(p.list[0].path, "model.views[0].pairwise", "{p}");
    let p = w.apply(Edit::Remove(List::Criteria, 2)).unwrap_err();
    assert_eq!(p.list[0].path, "model.views[1].weights", "{p}");
    assert_eq!(w.scenario(), &before);
    // Once the pairwise view judges three criteria, c0 may go.
    let more = text.replace(
        r#"[{"a": "c0", "b": "c1", "ratio": 3}]"#,
        r#"[{"a": "c0", "b": "c1", "ratio": 3}, {"a": "c0", "b": "c2", "ratio": 1},
            {"a": "c2", "b": "c1", "ratio": 2}]"#,
    );
    let mut w = Workbench::open(&more).unwrap();
    w.apply(Edit::Remove(List::Criteria, 0)).unwrap();
    let ViewKind::Pairwise(js) = &w.scenario().model.views[0].kind else {
        panic!()
    };
    assert_eq!(js.len(), 1);
    assert_eq!((js[0].a, js[0].b, js[0].ratio), (1, 0, 2.0));
}

#[test]
fn validate_checks_views_built_in_code() {
    let mut s = example();
    s.model.views[1].id = "pm".into();
    s.model.views[2].say = Some(-1.0);
    if let ViewKind::Pairwise(js) = &mut s.model.views[1].kind {
        js[0].ratio = 10.0;
        js[2].b = js[2].a;
    }
    let text = validate::scenario(&s).to_string();
    for needle in [
        "model.views[1].id: the id \"pm\" is used twice",
        "model.views[2].say: say must be a number ≥ 0",
        "model.views[1].pairwise[0].ratio: ratio must be",
        "model.views[1].pairwise[2].b: a and b are both",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    assert!(team::vectors(&s).is_err());
}

// ----- properties -----

/// A complete set of judgements of some of `n` criteria (2 to 8 of them): every pair once,
/// a ratio anywhere on the 1/9 … 9 scale, either way round, in a shuffled order.
fn pairwise_strategy(n: usize) -> impl Strategy<Value = (Vec<usize>, Vec<(usize, usize, f64)>)> {
    proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 2..=n.min(8))
        .prop_flat_map(|set| {
            let pairs: Vec<(usize, usize)> = set
                .iter()
                .enumerate()
                .flat_map(|(i, &a)| set[i + 1..].iter().map(move |&b| (a, b)))
                .collect();
            let m = pairs.len();
            (
                Just(set),
                Just(pairs),
                proptest::collection::vec(-(9f64.ln())..=9f64.ln(), m),
                proptest::collection::vec(any::<bool>(), m),
            )
        })
        .prop_flat_map(|(set, pairs, logs, flips)| {
            let judgements: Vec<(usize, usize, f64)> = pairs
                .iter()
                .zip(logs.iter().zip(&flips))
                .map(|(&(a, b), (&l, &flip))| {
                    let r = l.exp().clamp(1.0 / 9.0, 9.0);
                    if flip {
                        (b, a, 1.0 / r)
                    } else {
                        (a, b, r)
                    }
                })
                .collect();
            (Just(set), Just(judgements).prop_shuffle())
        })
}

/// The same as [`saaty::principal`] the slow, obvious way: plain power iteration.
fn power_iteration(matrix: &[f64], n: usize) -> (Vec<f64>, f64) {
    let mut w = vec![1.0 / n as f64; n];
    let mut lambda = 0.0;
    for _ in 0..20_000 {
        let next: Vec<f64> = (0..n)
            .map(|i| (0..n).map(|j| matrix[i * n + j] * w[j]).sum())
            .collect();
        lambda = next.iter().sum();
        w = next.iter().map(|x| x / lambda).collect();
    }
    (w, lambda)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn weights_views_normalise_to_one(points in proptest::collection::vec(0u32..100, 1..8)) {
        prop_assume!(points.iter().any(|&p| p > 0));
        let n = points.len();
        let body: Vec<String> = points.iter().enumerate().map(|(k, p)| format!(r#""c{k}": {p}"#)).collect();
        let views = format!(r#"[{{"id": "v", "label": "V", "weights": {{{}}}}}]"#, body.join(", "));
        let s = read::from_str(&scenario_text(n, &views)).unwrap();
        let v = &team::vectors(&s).unwrap()[0];
        prop_assert!(close(v.iter().sum::<f64>(), 1.0, 1e-12));
        let total: u32 = points.iter().sum();
        for (x, &p) in v.iter().zip(&points) {
            prop_assert!(close(*x, p as f64 / total as f64, 1e-15));
        }
    }

    #[test]
    fn pairwise_views_normalise_and_agree_with_power_iteration((set, judgements) in pairwise_strategy(9)) {
        let views = format!(r#"[{{"id": "v", "label": "V", "pairwise": {}}}]"#, judgements_json(&judgements));
        let s = read::from_str(&scenario_text(9, &views)).unwrap();
        let worked = team::view_weights(&s.model.views[0], 9);
        let v = &worked.vector;
        prop_assert!(close(v.iter().sum::<f64>(), 1.0, 1e-12));
        for (k, &x) in v.iter().enumerate() {
            prop_assert_eq!(x > 0.0, set.contains(&k), "criterion {} has {}", k, x);
        }
        let p = worked.pairwise.unwrap();
        let m = set.len();
        prop_assert!(p.lambda_max >= m as f64 - 1e-9);
        prop_assert!(p.ci >= 0.0 && p.cr >= 0.0);
        // An independent, slow computation of the same eigenvector.
        let mut matrix = vec![1.0; m * m];
        let place = |k: usize| set.iter().position(|&c| c == k).unwrap();
        for &(a, b, r) in &judgements {
            matrix[place(a) * m + place(b)] = r;
            matrix[place(b) * m + place(a)] = 1.0 / r;
        }
        let (w, lambda) = power_iteration(&matrix, m);
        for (i, &x) in w.iter().enumerate() {
            prop_assert!(close(x, p.weights[i], 1e-9), "{} vs {}", x, p.weights[i]);
        }
        prop_assert!(close(lambda, p.lambda_max, 1e-9));
        if p.ci > 0.0 {
            prop_assert!(close(p.fits.iter().map(|f| f.share).sum::<f64>(), 1.0, 1e-9));
        }
    }

    #[test]
    fn consistent_judgements_have_cr_zero(weights in proptest::collection::vec(1.0f64..9.0, 3..=15)) {
        let n = weights.len();
        let mut judgements = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                judgements.push(Judgement { a, b, ratio: weights[a] / weights[b], extra: Default::default() });
            }
        }
        let p = saaty::Pairwise::new(&judgements);
        prop_assert_eq!(p.cr, 0.0);
        prop_assert_eq!(p.ci, 0.0);
        let total: f64 = weights.iter().sum();
        for (x, w) in p.weights.iter().zip(&weights) {
            prop_assert!(close(*x, w / total, 1e-12));
        }
    }

    #[test]
    fn permuting_criteria_permutes_weights(
        (set, judgements) in pairwise_strategy(6),
        points in proptest::collection::vec(0u32..20, 6),
        order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        prop_assume!(points.iter().any(|&p| p > 0));
        let _ = set;
        let body: Vec<String> = points.iter().enumerate().map(|(k, p)| format!(r#""c{k}": {p}"#)).collect();
        let views = format!(
            r#"[{{"id": "w", "label": "W", "weights": {{{}}}}},
                {{"id": "p", "label": "P", "say": 2, "pairwise": {}}}]"#,
            body.join(", "),
            judgements_json(&judgements)
        );
        let s = read::from_str(&scenario_text(6, &views)).unwrap();
        let before = team::vectors(&s).unwrap();
        let mut moved = s.clone();
        moved.reorder_criteria(&order);
        let after = team::vectors(&moved).unwrap();
        for (b, a) in before.iter().zip(&after) {
            for (new, &old) in order.iter().enumerate() {
                prop_assert!(close(a[new], b[old], 1e-12), "{} vs {}", a[new], b[old]);
            }
        }
        let t0 = Team::new(&s, None).unwrap();
        let t1 = Team::new(&moved, None).unwrap();
        for (new, &old) in order.iter().enumerate() {
            prop_assert!(close(t1.compromise[new], t0.compromise[old], 1e-12));
        }
        prop_assert_eq!(read::from_str(&write::to_string(&moved)).unwrap(), moved);
    }

    #[test]
    fn the_compromise_of_one_view_is_that_view((_, judgements) in pairwise_strategy(5), say in 0.1f64..5.0) {
        let views = format!(
            r#"[{{"id": "only", "label": "Only", "say": {say:?}, "pairwise": {}}}]"#,
            judgements_json(&judgements)
        );
        let s = read::from_str(&scenario_text(5, &views)).unwrap();
        let t = Team::new(&s, None).unwrap();
        let v = &t.views[0].weights.vector;
        for (k, &x) in v.iter().enumerate() {
            prop_assert!(close(t.compromise[k], x, 1e-15));
            prop_assert_eq!(t.spread[k], (x, x));
        }
        prop_assert_eq!(&t.team.order, &t.views[0].scores.order);
        prop_assert_eq!(t.agreement(), Some(1.0));
    }
}

proptest! {
    // Each case runs a slow reference computation of a 15×15 matrix.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn extreme_judgements_of_many_criteria_converge(
        signs in proptest::collection::vec(any::<bool>(), 105),
        n in 10usize..=15,
    ) {
        // Every judgement 9 or 1/9: the most inconsistent matrices the scale allows.
        let mut judgements = Vec::new();
        let mut matrix = vec![1.0; n * n];
        let mut next = signs.iter();
        for a in 0..n {
            for b in a + 1..n {
                let ratio = if *next.next().unwrap() { 9.0 } else { 1.0 / 9.0 };
                judgements.push(Judgement { a, b, ratio, extra: Default::default() });
                matrix[a * n + b] = ratio;
                matrix[b * n + a] = 1.0 / ratio;
            }
        }
        let p = saaty::Pairwise::new(&judgements);
        let (w, lambda) = power_iteration(&matrix, n);
        for (x, y) in w.iter().zip(&p.weights) {
            prop_assert!(close(*x, *y, 1e-9), "{} vs {}", x, y);
        }
        prop_assert!(close(lambda, p.lambda_max, 1e-8));
        prop_assert!(close(p.weights.iter().sum::<f64>(), 1.0, 1e-12));
    }
}
