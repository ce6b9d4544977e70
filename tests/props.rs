//! Invariants of scoring and of the file format, checked on random scenarios (proptest).

use proptest::prelude::*;
use serde_json::{json, Value};
use thresh::{read, write, Ranking};

const SCALES: [&str; 4] = ["fixed", "minmax", "max", "sum"];

/// A criterion for weighted-sum: direction, weight, scale and transform drawn at random.
fn criterion(k: usize) -> impl Strategy<Value = Value> {
    (any::<bool>(), 0u8..=5, 0usize..4, any::<bool>()).prop_map(move |(benefit, w, scale, log)| {
        let mut c = json!({
            "id": format!("c{k}"), "label": format!("Criterion {k}"),
            "direction": if benefit { "benefit" } else { "cost" },
            "weight": if k == 0 { w.max(1) } else { w },
            "scale": SCALES[scale],
            "transform": if log { "log" } else { "linear" },
        });
        if scale == 0 {
            c["min"] = json!(0);
            c["max"] = json!(10);
        }
        c
    })
}

/// Positive values (every scale and method accepts them), some missing, some ranges.
fn value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        3 => (1u32..2000).prop_map(|x| Some(json!(x as f64 / 100.0))),
        1 => Just(None),
        1 => (1u32..500, 0u32..500, 0u32..500).prop_map(|(a, b, c)| {
            let (lo, li, hi) = (a as f64 / 10.0, (a + b) as f64 / 10.0, (a + b + c) as f64 / 10.0);
            Some(json!({"low": lo, "likely": li, "high": hi}))
        }),
    ]
}

fn request(i: usize, criteria: usize) -> impl Strategy<Value = Value> {
    (
        proptest::collection::vec(value(), criteria),
        0u8..=10,
        proptest::option::of(0u32..3),
    )
        .prop_map(move |(values, conf, bucket)| {
            let mut v = serde_json::Map::new();
            for (k, x) in values.into_iter().enumerate() {
                if let Some(x) = x {
                    v.insert(format!("c{k}"), x);
                }
            }
            let mut r = json!({
                "id": format!("R-{i:03}"), "title": format!("Request {i}"),
                "values": v, "confidence": conf as f64 / 10.0,
            });
            if let Some(b) = bucket {
                r["bucket"] = json!(format!("b{b}"));
            }
            r
        })
}

/// A weighted-sum scenario in which every criterion has at least one value.
fn scenario_doc() -> impl Strategy<Value = Value> {
    (1usize..5, 1usize..25)
        .prop_flat_map(|(k, n)| {
            let criteria: Vec<_> = (0..k).map(criterion).collect();
            let requests: Vec<_> = (0..n).map(|i| request(i, k)).collect();
            (criteria, requests)
        })
        .prop_map(|(criteria, mut requests)| {
            // Request 0 has every value, so no criterion is without values.
            for k in 0..criteria.len() {
                requests[0]["values"][format!("c{k}")] = json!(1.5 + k as f64);
            }
            json!({
                "format": "thresh.scenario", "version": 1, "name": "random",
                "model": {"method": "weighted-sum", "criteria": criteria},
                "buckets": [{"id": "b0"}, {"id": "b1"}, {"id": "b2"}],
                "requests": requests,
            })
        })
}

fn parse(doc: &Value) -> thresh::Scenario {
    read::from_str(&doc.to_string()).unwrap_or_else(|e| panic!("{e}\n{doc:#}"))
}

/// Each request's score (`None` when unscorable) and rank, by id.
fn scores_by_id(s: &thresh::Scenario) -> std::collections::BTreeMap<String, (Option<f64>, u32)> {
    let r = Ranking::new(s).unwrap();
    s.requests
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let score = r.scores.score[i];
            (
                q.id.clone(),
                ((!score.is_nan()).then_some(score), r.scores.rank[i]),
            )
        })
        .collect()
}

fn set_method(doc: &mut Value, method: &str) {
    doc["model"]["method"] = json!(method);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn weighted_sum_scores_lie_in_0_100_and_contributions_add_up(doc in scenario_doc()) {
        let s = parse(&doc);
        let r = Ranking::new(&s).unwrap();
        for i in 0..s.requests.len() {
            let score = r.scores.score[i];
            prop_assert!((0.0..=100.0 + 1e-9).contains(&score), "score {score}");
            let sum: f64 = r.table.contributions(i, &r.weights).iter().sum();
            prop_assert!((sum - score).abs() <= 1e-9, "{sum} vs {score}");
            for u in r.table.utilities(i).into_iter().flatten() {
                prop_assert!((0.0..=1.0 + 1e-12).contains(&u), "utility {u}");
            }
        }
    }

    #[test]
    fn input_order_does_not_change_the_ranking(doc in scenario_doc(), seed in any::<u64>(), method in 0usize..3) {
        let mut doc = doc;
        set_method(&mut doc, ["weighted-sum", "weighted-product", "ratio"][method]);
        let s = parse(&doc);
        // (Ratio without a cost criterion: every request unscorable, ranked by id.)
        prop_assert!(Ranking::new(&s).is_ok());
        let mut shuffled = doc.clone();
        let reqs = shuffled["requests"].as_array_mut().unwrap();
        // A deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..reqs.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            reqs.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(scores_by_id(&s), scores_by_id(&parse(&shuffled)));
    }

    #[test]
    fn raising_a_benefit_value_never_lowers_that_score(
        doc in scenario_doc(), pick in any::<prop::sample::Index>(), by in 1u32..500, method in 0usize..3,
    ) {
        let mut doc = doc;
        set_method(&mut doc, ["weighted-sum", "weighted-product", "ratio"][method]);
        let s = parse(&doc);
        let before = Ranking::new(&s).unwrap();
        let benefit: Vec<usize> = s.model.criteria.iter().enumerate()
            .filter(|(_, c)| c.direction == thresh::model::Direction::Benefit).map(|(k, _)| k).collect();
        if benefit.is_empty() { return Ok(()) }
        let k = benefit[pick.index(benefit.len())];
        let i = pick.index(s.requests.len());
        // Nothing to compare for a request without a score (ratio without a cost
        // criterion).
        if !before.scores.is_scored(i) { return Ok(()) }
        let old = before.table.columns[k].raw[i];
        let mut raised = doc.clone();
        raised["requests"][i]["values"][format!("c{k}")] = json!(old + by as f64 / 10.0);
        let raised = parse(&raised);
        let after = Ranking::new(&raised).unwrap();
        prop_assert!(after.scores.score[i] >= before.scores.score[i] - 1e-9,
            "{} -> {}", before.scores.score[i], after.scores.score[i]);
    }

    #[test]
    fn with_fixed_scales_adding_a_request_leaves_the_others_alone(doc in scenario_doc(), extra in request(999, 4)) {
        let mut doc = doc;
        for c in doc["model"]["criteria"].as_array_mut().unwrap() {
            c["scale"] = json!("fixed");
            c["min"] = json!(0);
            c["max"] = json!(10);
        }
        let s = parse(&doc);
        let before = scores_by_id(&s);
        let mut extra = extra;
        let k = s.model.criteria.len();
        let values = extra["values"].as_object_mut().unwrap();
        values.retain(|key, _| key[1..].parse::<usize>().unwrap() < k);
        doc["requests"].as_array_mut().unwrap().push(extra);
        let after = scores_by_id(&parse(&doc));
        for (id, (score, _)) in before {
            prop_assert_eq!(score, after[&id].0, "{}", id);
        }
    }

    #[test]
    fn fmt_is_idempotent_and_loses_nothing(doc in scenario_doc(), note in "\\PC{0,20}", n in any::<i32>(), f in -1e6f64..1e6) {
        let mut doc = doc;
        // Unknown fields at several levels.
        doc["x_top"] = json!({"nested": [note.clone(), n, f, null, true]});
        doc["model"]["x_model"] = json!(n);
        doc["model"]["criteria"][0]["x_criterion"] = json!(note);
        doc["requests"][0]["x_request"] = json!([{"b": 1, "a": f}]);
        doc["buckets"][0]["x_bucket"] = json!(false);
        let s = parse(&doc);
        let once = write::to_string(&s);
        let reread = read::from_str(&once).unwrap();
        prop_assert_eq!(&reread, &s);
        prop_assert_eq!(write::to_string(&reread), once.clone());
        prop_assert!(once.ends_with("}\n"), "no final newline");
        // Unknown fields are still in their objects.
        let v: Value = serde_json::from_str(&once).unwrap();
        prop_assert_eq!(&v["x_top"], &doc["x_top"]);
        prop_assert_eq!(&v["model"]["criteria"][0]["x_criterion"], &doc["model"]["criteria"][0]["x_criterion"]);
        prop_assert_eq!(&v["requests"][0]["x_request"], &doc["requests"][0]["x_request"]);
        prop_assert_eq!(&v["buckets"][0]["x_bucket"], &json!(false));
    }
}

/// Ids of every shape the tie order must sort: short ones (under the eight bytes compared
/// at once), long ones sharing their first eight bytes, several scripts, a NUL, an emoji.
fn tie_id() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("".to_string()),
        Just("REQ-0000".to_string()),
        Just("é".to_string()),
        Just("Ω".to_string()),
        Just("\u{0}".to_string()),
        Just("🙂".to_string()),
        "[a-c0-2]{1,3}",
    ];
    proptest::collection::vec(piece, 1..5)
        .prop_map(|parts| parts.concat())
        .prop_filter("an id is not empty", |id| !id.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// §4: equal scores are ranked by id in code-point order (the order of their UTF-8
    /// bytes, which is how `String` compares).
    #[test]
    fn equal_scores_rank_by_id_in_code_point_order(ids in proptest::collection::btree_set(tie_id(), 1..40)) {
        let requests: Vec<Value> = ids
            .iter()
            .rev()
            .map(|id| json!({"id": id, "title": "t", "values": {"v": 1}}))
            .collect();
        let doc = json!({
            "format": "thresh.scenario", "version": 1, "name": "ties",
            "model": {"criteria": [{"id": "v", "label": "V", "direction": "benefit"}]},
            "requests": requests,
        });
        let s = parse(&doc);
        let r = Ranking::new(&s).unwrap();
        let ranked: Vec<&str> = r.scores.order.iter().map(|&i| s.requests[i as usize].id.as_str()).collect();
        let expected: Vec<&str> = ids.iter().map(String::as_str).collect();
        prop_assert_eq!(ranked, expected);
    }
}
