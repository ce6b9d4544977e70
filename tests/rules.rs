//! Every rule of the contract's §3 and §4, each with its edge cases, through the public API.

use serde_json::{json, Value};
use thresh::{read, Ranking, ReadError};

fn scenario(model: Value, requests: Value, extra: Value) -> thresh::Scenario {
    let mut doc = json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": model, "requests": requests,
    });
    if let Value::Object(m) = extra {
        doc.as_object_mut().unwrap().extend(m);
    }
    read::from_str(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn ranking(s: &thresh::Scenario) -> Ranking<'_> {
    Ranking::new(s).unwrap_or_else(|e| panic!("{e}"))
}

fn score_of(r: &Ranking, id: &str) -> f64 {
    let i = r.scenario.requests.iter().position(|q| q.id == id).unwrap();
    r.scores.score[i]
}

fn value_of(r: &Ranking, id: &str) -> f64 {
    let i = r.scenario.requests.iter().position(|q| q.id == id).unwrap();
    r.scores.value[i]
}

fn raw(r: &Ranking, criterion: usize, id: &str) -> f64 {
    let i = r.scenario.requests.iter().position(|q| q.id == id).unwrap();
    r.table.columns[criterion].raw[i]
}

fn order<'a>(r: &'a Ranking) -> Vec<&'a str> {
    r.scores
        .order
        .iter()
        .map(|&i| r.scenario.requests[i as usize].id.as_str())
        .collect()
}

fn flags(r: &Ranking, id: &str) -> Vec<&'static str> {
    let i = r.scenario.requests.iter().position(|q| q.id == id).unwrap();
    r.table.flags[i].names()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

fn score_error(s: &thresh::Scenario) -> String {
    match Ranking::new(s) {
        Ok(_) => panic!("expected the scenario not to score"),
        Err(e) => e.to_string(),
    }
}

fn read_error(doc: Value) -> String {
    match read::from_str(&doc.to_string()) {
        Ok(_) => panic!("expected a read error"),
        Err(e) => e.to_string(),
    }
}

fn one(id: &str, direction: &str, more: Value) -> Value {
    let mut c = json!({"id": id, "label": id, "direction": direction});
    c.as_object_mut()
        .unwrap()
        .extend(more.as_object().unwrap().clone());
    c
}

fn ws(criteria: Vec<Value>) -> Value {
    json!({"method": "weighted-sum", "criteria": criteria})
}

// ----- §3 raw values -----

#[test]
fn asks_count_counts_each_account_once_at_its_highest_credibility() {
    let s = scenario(
        ws(vec![one(
            "reach",
            "benefit",
            json!({"derive": "asks-count"}),
        )]),
        json!([
            {"id": "A", "title": "a", "asks": [
                {"account": "citi", "source": "named"},          // 0.5
                {"account": "citi", "source": "sales"},          // 0.8: the one that counts
                {"account": "nord"},                             // no source: 1
                {"source": "support", "count": 37},              // 37 × 0.9
                {"count": 2}                                     // 2 × 1
            ]},
            {"id": "B", "title": "b"}
        ]),
        json!({
            "sources": [{"id": "named", "credibility": 0.5}, {"id": "sales", "credibility": 0.8},
                        {"id": "support", "credibility": 0.9}],
            "accounts": [{"id": "citi", "arr": 100}, {"id": "nord"}]
        }),
    );
    let r = ranking(&s);
    close(raw(&r, 0, "A"), 0.8 + 1.0 + 37.0 * 0.9 + 2.0);
    assert_eq!(raw(&r, 0, "B"), 0.0, "no asks: 0, derived, not missing");
    assert!(flags(&r, "B").is_empty());
}

#[test]
fn asks_arr_counts_accounts_once_and_ignores_anonymous_asks() {
    let s = scenario(
        ws(vec![one("rev", "benefit", json!({"derive": "asks-arr"}))]),
        json!([
            {"id": "A", "title": "a", "asks": [
                {"account": "citi", "source": "named"},
                {"account": "citi", "source": "csm"},
                {"account": "small"},
                {"source": "csm", "count": 1000}
            ]},
            {"id": "B", "title": "only anonymous", "asks": [{"count": 5}]}
        ]),
        json!({
            "sources": [{"id": "named", "credibility": 0.5}, {"id": "csm", "credibility": 0.7}],
            "accounts": [{"id": "citi", "arr": 1200000}, {"id": "small"}]
        }),
    );
    let r = ranking(&s);
    close(raw(&r, 0, "A"), 1_200_000.0 * 0.7 + 0.0);
    assert_eq!(raw(&r, 0, "B"), 0.0);
}

#[test]
fn deadline_derivation_and_the_overdue_flag() {
    let s = scenario(
        ws(vec![one(
            "urgency",
            "benefit",
            json!({"derive": "deadline", "horizon_days": 100,
                                                 "scale": "fixed", "min": 0, "max": 10}),
        )]),
        json!([
            {"id": "due-today", "title": "x", "deadline": "2027-01-01"},
            {"id": "overdue", "title": "x", "deadline": "2026-12-01"},
            {"id": "in-25", "title": "x", "deadline": "2027-01-26"},
            {"id": "far", "title": "x", "deadline": "2028-01-01"},
            {"id": "none", "title": "x"}
        ]),
        json!({"as_of": "2027-01-01"}),
    );
    let r = ranking(&s);
    assert_eq!(raw(&r, 0, "due-today"), 10.0);
    assert_eq!(raw(&r, 0, "overdue"), 10.0);
    close(raw(&r, 0, "in-25"), 7.5);
    assert_eq!(raw(&r, 0, "far"), 0.0);
    assert_eq!(raw(&r, 0, "none"), 0.0);
    assert_eq!(flags(&r, "overdue"), vec!["overdue"]);
    assert!(
        flags(&r, "due-today").is_empty(),
        "due today is not overdue"
    );
    assert!(
        flags(&r, "none").is_empty(),
        "no deadline is neither incomplete nor overdue"
    );
}

#[test]
fn a_given_value_wins_over_derivation() {
    let s = scenario(
        ws(vec![one(
            "reach",
            "benefit",
            json!({"derive": "asks-count"}),
        )]),
        json!([{"id": "A", "title": "a", "values": {"reach": 42}, "asks": [{"count": 3}]}]),
        json!({}),
    );
    assert_eq!(raw(&ranking(&s), 0, "A"), 42.0);
}

#[test]
fn deadline_criterion_needs_as_of() {
    let e = read_error(json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": ws(vec![one("u", "benefit", json!({"derive": "deadline"}))]),
        "requests": []
    }));
    assert!(e.contains("as_of") && e.contains("\"u\""), "{e}");
}

#[test]
fn missing_values_get_the_worst_value_and_the_incomplete_flag() {
    // minmax benefit: worst present = lowest; cost: highest.
    let s = scenario(
        ws(vec![
            one("fit", "benefit", json!({})),
            one("cost", "cost", json!({})),
        ]),
        json!([
            {"id": "A", "title": "a", "values": {"fit": 3, "cost": 2}},
            {"id": "B", "title": "b", "values": {"fit": 7, "cost": 9}},
            {"id": "C", "title": "c"}
        ]),
        json!({}),
    );
    let r = ranking(&s);
    assert_eq!(raw(&r, 0, "C"), 3.0);
    assert_eq!(raw(&r, 1, "C"), 9.0);
    assert_eq!(flags(&r, "C"), vec!["incomplete"]);
    assert!(r
        .warnings()
        .iter()
        .any(|w| w.contains("C") && w.contains("fit")));
}

#[test]
fn missing_values_under_a_fixed_scale_get_the_scale_bound() {
    let s = scenario(
        ws(vec![
            one(
                "fit",
                "benefit",
                json!({"scale": "fixed", "min": 1, "max": 10}),
            ),
            one(
                "risk",
                "cost",
                json!({"scale": "fixed", "min": 0, "max": 5}),
            ),
        ]),
        json!([
            {"id": "A", "title": "a", "values": {"fit": 8, "risk": 2}},
            {"id": "B", "title": "b"}
        ]),
        json!({}),
    );
    let r = ranking(&s);
    assert_eq!(raw(&r, 0, "B"), 1.0);
    assert_eq!(raw(&r, 1, "B"), 5.0);
    assert_eq!(score_of(&r, "B"), 0.0);
}

#[test]
fn fixed_scale_fill_applies_only_to_weighted_sum() {
    let s = scenario(
        json!({"method": "weighted-product", "criteria": [
            one("fit", "benefit", json!({"scale": "fixed", "min": 1, "max": 10}))]}),
        json!([
            {"id": "A", "title": "a", "values": {"fit": 8}},
            {"id": "B", "title": "b", "values": {"fit": 4}},
            {"id": "C", "title": "c"}
        ]),
        json!({}),
    );
    assert_eq!(
        raw(&ranking(&s), 0, "C"),
        4.0,
        "worst present, not the scale's min"
    );
}

#[test]
fn a_criterion_without_any_value_sits_out_with_a_warning() {
    let s = scenario(
        ws(vec![
            one("fit", "benefit", json!({})),
            one("cost", "cost", json!({})),
        ]),
        json!([{"id": "A", "title": "a", "values": {"cost": 1}}, {"id": "B", "title": "b", "values": {"cost": 2}}]),
        json!({}),
    );
    let r = ranking(&s);
    assert_eq!(order(&r), vec!["A", "B"], "the others still rank");
    assert_eq!(
        score_of(&r, "A"),
        100.0,
        "fit takes no part, as if its weight were 0"
    );
    assert!(flags(&r, "A").is_empty(), "it flags nobody incomplete");
    let w = r.warnings().join("\n");
    assert!(w.contains("\"fit\"") && w.contains("sits out"), "{w}");
    assert!(r.scores.contribution(&r.table, 0, 0).is_none());

    // With a default it takes part, the default filling every request.
    let s = scenario(
        ws(vec![
            one(
                "fit",
                "benefit",
                json!({"default": 5, "scale": "fixed", "min": 0, "max": 10}),
            ),
            one("cost", "cost", json!({})),
        ]),
        json!([{"id": "A", "title": "a", "values": {"cost": 1}}, {"id": "B", "title": "b", "values": {"cost": 2}}]),
        json!({}),
    );
    let r = ranking(&s);
    assert_eq!(raw(&r, 0, "B"), 5.0);
    close(score_of(&r, "A"), 100.0 * (0.5 + 1.0) / 2.0);
    assert_eq!(flags(&r, "A"), vec!["incomplete"]);

    // When every weighted criterion sits out, nothing can be scored: the message names them.
    let s = scenario(
        ws(vec![
            one("fit", "benefit", json!({})),
            one("cost", "cost", json!({"weight": 0})),
        ]),
        json!([{"id": "A", "title": "a", "values": {"cost": 1}}]),
        json!({}),
    );
    let e = score_error(&s);
    assert!(
        e.contains("\"fit\"") && e.starts_with("model.criteria: "),
        "{e}"
    );
}

#[test]
fn an_empty_request_list_ranks_to_nothing() {
    let s = scenario(
        ws(vec![one("fit", "benefit", json!({}))]),
        json!([]),
        json!({}),
    );
    assert!(ranking(&s).scores.order.is_empty());
}

// ----- §4 weighted-sum scales -----

fn ws_scores(criterion: Value, values: &[f64]) -> Vec<f64> {
    let requests: Vec<Value> = values
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"id": format!("r{i}"), "title": "t", "values": {"c": v}}))
        .collect();
    let s = scenario(ws(vec![criterion]), Value::Array(requests), json!({}));
    let r = ranking(&s);
    (0..values.len()).map(|i| r.scores.score[i]).collect()
}

/// The reason each request is unscorable under a one-criterion weighted sum (`None` for a
/// scored one); unscorable requests also have no score and are ranked last.
fn ws_unscorable(criterion: Value, values: &[f64]) -> Vec<Option<String>> {
    let requests: Vec<Value> = values
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"id": format!("r{i}"), "title": "t", "values": {"c": v}}))
        .collect();
    let s = scenario(ws(vec![criterion]), Value::Array(requests), json!({}));
    let r = ranking(&s);
    (0..values.len())
        .map(|i| unscorable(&r, &format!("r{i}")))
        .collect()
}

/// Why a request is unscorable (checking the flag, the missing score and the rank after
/// every scored request), or `None` when it is scored.
fn unscorable(r: &Ranking, id: &str) -> Option<String> {
    let i = r.scenario.requests.iter().position(|q| q.id == id).unwrap();
    let u = r.scores.unscorable.iter().find(|u| u.request == i);
    assert_eq!(
        u.is_some(),
        r.scores.flags[i].names().contains(&"unscorable"),
        "{id}: the flag says so"
    );
    let u = u?;
    assert!(
        r.scores.score[i].is_nan() && r.scores.value[i].is_nan(),
        "{id}: no score"
    );
    let scored = r
        .scores
        .order
        .iter()
        .filter(|&&j| r.scores.is_scored(j as usize))
        .count();
    assert!(
        r.scores.rank[i] as usize > scored,
        "{id}: ranked after every scored request"
    );
    Some(u.reason.clone())
}

#[test]
fn fixed_scale_clamps_and_inverts_for_cost() {
    let b = ws_scores(
        one(
            "c",
            "benefit",
            json!({"scale": "fixed", "min": 2, "max": 12}),
        ),
        &[-5.0, 2.0, 7.0, 12.0, 99.0],
    );
    assert_eq!(b, vec![0.0, 0.0, 50.0, 100.0, 100.0]);
    let c = ws_scores(
        one("c", "cost", json!({"scale": "fixed", "min": 2, "max": 12})),
        &[-5.0, 2.0, 7.0, 12.0, 99.0],
    );
    assert_eq!(c, vec![100.0, 100.0, 50.0, 0.0, 0.0]);
}

#[test]
fn fixed_scale_with_log_transforms_its_bounds_too() {
    let s = ws_scores(
        one(
            "c",
            "benefit",
            json!({"scale": "fixed", "min": 0, "max": 99, "transform": "log"}),
        ),
        &[9.0],
    );
    close(s[0], 100.0 * 10f64.ln() / 100f64.ln());
}

#[test]
fn minmax_scale_and_its_hi_equals_lo_case() {
    let b = ws_scores(
        one("c", "benefit", json!({"scale": "minmax"})),
        &[1.0, 3.0, 5.0],
    );
    assert_eq!(b, vec![0.0, 50.0, 100.0]);
    let c = ws_scores(
        one("c", "cost", json!({"scale": "minmax"})),
        &[1.0, 3.0, 5.0],
    );
    assert_eq!(c, vec![100.0, 50.0, 0.0]);
    let same = ws_scores(one("c", "cost", json!({"scale": "minmax"})), &[4.0, 4.0]);
    assert_eq!(same, vec![100.0, 100.0], "hi = lo: every u is 1");
}

#[test]
fn max_scale_and_its_zero_cases() {
    let b = ws_scores(
        one("c", "benefit", json!({"scale": "max"})),
        &[0.0, 2.0, 8.0],
    );
    assert_eq!(b, vec![0.0, 25.0, 100.0]);
    let zero = ws_scores(one("c", "benefit", json!({"scale": "max"})), &[0.0, 0.0]);
    assert_eq!(zero, vec![0.0, 0.0], "hi = 0 gives 0");
    let c = ws_scores(one("c", "cost", json!({"scale": "max"})), &[2.0, 4.0, 8.0]);
    assert_eq!(c, vec![100.0, 50.0, 25.0]);
    // A cost of 0 cannot be divided by: that request is unscorable, the others rank, and
    // lo is taken over the scorable ones.
    let why = ws_unscorable(one("c", "cost", json!({"scale": "max"})), &[0.0, 4.0, 8.0]);
    assert!(
        why[0].as_deref().is_some_and(|w| w.contains("max scale")),
        "{why:?}"
    );
    assert_eq!(why[1..], [None, None]);
    let c = ws_scores(one("c", "cost", json!({"scale": "max"})), &[0.0, 4.0, 8.0]);
    assert_eq!(c[1..], [100.0, 50.0]);
    let why = ws_unscorable(one("c", "benefit", json!({"scale": "max"})), &[-1.0, 4.0]);
    assert!(why[0].is_some() && why[1].is_none(), "{why:?}");
}

#[test]
fn sum_scale_and_its_zero_cases() {
    let b = ws_scores(one("c", "benefit", json!({"scale": "sum"})), &[1.0, 3.0]);
    assert_eq!(b, vec![25.0, 75.0]);
    let zero = ws_scores(one("c", "benefit", json!({"scale": "sum"})), &[0.0, 0.0]);
    assert_eq!(zero, vec![0.0, 0.0], "Σt = 0 gives 0");
    let c = ws_scores(one("c", "cost", json!({"scale": "sum"})), &[1.0, 3.0]);
    close(c[0], 75.0);
    close(c[1], 25.0);
    // Σ runs over the scorable requests only.
    let why = ws_unscorable(one("c", "cost", json!({"scale": "sum"})), &[0.0, 1.0, 3.0]);
    assert!(
        why[0].as_deref().is_some_and(|w| w.contains("sum scale")),
        "{why:?}"
    );
    let c = ws_scores(one("c", "cost", json!({"scale": "sum"})), &[0.0, 1.0, 3.0]);
    close(c[1], 75.0);
    close(c[2], 25.0);
}

#[test]
fn log_transform_is_ln_1_plus_x() {
    let s = ws_scores(
        one("c", "benefit", json!({"scale": "max", "transform": "log"})),
        &[0.0, 1.0, 3.0],
    );
    close(s[1], 100.0 * 2f64.ln() / 4f64.ln());
    let e = read_error(json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": ws(vec![one("c", "benefit", json!({"transform": "log"}))]),
        "requests": [{"id": "a", "title": "a", "values": {"c": -1}}]
    }));
    assert!(
        e.contains("requests[0].values.c") && e.contains("≥ 0"),
        "{e}"
    );
}

#[test]
fn weighted_sum_weights_confidence_and_contributions() {
    let s = scenario(
        json!({"method": "weighted-sum", "criteria": [
            one("a", "benefit", json!({"weight": 3, "scale": "fixed", "min": 0, "max": 10})),
            one("b", "cost", json!({"weight": 1, "scale": "fixed", "min": 0, "max": 10}))
        ]}),
        json!([{"id": "X", "title": "x", "values": {"a": 5, "b": 2}, "confidence": 0.5}]),
        json!({}),
    );
    let r = ranking(&s);
    // 100 × 0.5 × (3 × 0.5 + 1 × 0.8) / 4
    close(score_of(&r, "X"), 100.0 * 0.5 * (1.5 + 0.8) / 4.0);
    let contrib = r.table.contributions(0, &r.weights);
    close(contrib[0], 100.0 * 0.5 * 1.5 / 4.0);
    close(contrib[1], 100.0 * 0.5 * 0.8 / 4.0);
    close(contrib.iter().sum::<f64>(), score_of(&r, "X"));
    // value: benefit criteria only, 100 × conf × Σ_b w u / Σ_b w
    close(value_of(&r, "X"), 100.0 * 0.5 * 1.5 / 3.0);
}

#[test]
fn use_confidence_false_ignores_confidence() {
    let s = scenario(
        json!({"use_confidence": false, "criteria": [one("a", "benefit", json!({"scale": "fixed", "min": 0, "max": 10}))]}),
        json!([{"id": "X", "title": "x", "values": {"a": 10}, "confidence": 0.1}]),
        json!({}),
    );
    assert_eq!(score_of(&ranking(&s), "X"), 100.0);
}

#[test]
fn all_weights_zero_is_refused() {
    let e = read_error(json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": ws(vec![one("c", "benefit", json!({"weight": 0}))]),
        "requests": []
    }));
    assert!(e.contains("weight above 0"), "{e}");
}

// ----- §4 weighted-product and ratio -----

#[test]
fn weighted_product_is_rice_with_unit_weights() {
    let s = scenario(
        json!({"method": "weighted-product", "criteria": [
            one("reach", "benefit", json!({})), one("impact", "benefit", json!({})),
            one("effort", "cost", json!({}))]}),
        json!([{"id": "X", "title": "x", "values": {"reach": 2000, "impact": 2, "effort": 3}, "confidence": 0.8}]),
        json!({}),
    );
    let r = ranking(&s);
    close(score_of(&r, "X"), 2000.0 * 2.0 * 0.8 / 3.0);
    close(value_of(&r, "X"), 2000.0 * 2.0 * 0.8);
}

#[test]
fn weighted_product_with_weights_and_the_positive_requirement() {
    let s = scenario(
        json!({"method": "weighted-product", "criteria": [
            one("v", "benefit", json!({"weight": 2})), one("e", "cost", json!({"weight": 0.5}))]}),
        json!([{"id": "X", "title": "x", "values": {"v": 3, "e": 4}}]),
        json!({}),
    );
    close(score_of(&ranking(&s), "X"), 9.0 / 2.0);

    // A benefit of 0 scores 0; a cost of 0 makes that request unscorable, not the others.
    let s = scenario(
        json!({"method": "weighted-product", "criteria": [
            one("v", "benefit", json!({})), one("e", "cost", json!({}))]}),
        json!([{"id": "X", "title": "x", "values": {"v": 0, "e": 4}}, {"id": "Y", "title": "y", "values": {"v": 1, "e": 0}},
               {"id": "Z", "title": "z", "values": {"v": 2, "e": 1}}]),
        json!({}),
    );
    let r = ranking(&s);
    assert_eq!(score_of(&r, "X"), 0.0);
    assert!(unscorable(&r, "X").is_none());
    let why = unscorable(&r, "Y").expect("Y cannot be scored");
    assert!(
        why.contains("e is 0") && why.contains("divides by it"),
        "{why}"
    );
    assert_eq!(order(&r), vec!["Z", "X", "Y"]);
    let w = r.warnings().join("\n");
    assert!(w.contains("Y: e is 0"), "{w}");

    // A criterion at weight 0 takes no part: it neither blocks nor zeroes anything.
    let s = scenario(
        json!({"method": "weighted-product", "criteria": [
            one("v", "benefit", json!({})), one("e", "cost", json!({})),
            one("z", "benefit", json!({"weight": 0}))]}),
        json!([{"id": "X", "title": "x", "values": {"v": 3, "e": 1, "z": 0}}]),
        json!({}),
    );
    assert_eq!(score_of(&ranking(&s), "X"), 3.0);
}

#[test]
fn ratio_is_wsjf_with_unit_weights_and_needs_a_positive_denominator() {
    let s = scenario(
        json!({"method": "ratio", "use_confidence": false, "criteria": [
            one("bv", "benefit", json!({})), one("tc", "benefit", json!({})), one("rr", "benefit", json!({})),
            one("size", "cost", json!({}))]}),
        json!([{"id": "X", "title": "x", "values": {"bv": 7, "tc": 9, "rr": 5, "size": 2}}]),
        json!({}),
    );
    let r = ranking(&s);
    assert_eq!(score_of(&r, "X"), 10.5);
    assert_eq!(value_of(&r, "X"), 21.0);

    // A denominator of 0: that request is unscorable; the others rank.
    let s = scenario(
        json!({"method": "ratio", "criteria": [one("bv", "benefit", json!({})), one("size", "cost", json!({}))]}),
        json!([{"id": "X", "title": "x", "values": {"bv": 7, "size": 0}}, {"id": "Y", "title": "y", "values": {"bv": 1, "size": 1}}]),
        json!({}),
    );
    let r = ranking(&s);
    let why = unscorable(&r, "X").expect("X cannot be scored");
    assert!(
        why.contains("size") && why.contains("divides by it"),
        "{why}"
    );
    assert_eq!(order(&r), vec!["Y", "X"]);

    // No cost criterion with a weight above 0: every request is unscorable, ranked by id.
    let s = scenario(
        json!({"method": "ratio", "criteria": [one("bv", "benefit", json!({})), one("size", "cost", json!({"weight": 0}))]}),
        json!([{"id": "X", "title": "x", "values": {"bv": 7, "size": 2}}, {"id": "A", "title": "a", "values": {"bv": 1, "size": 2}}]),
        json!({}),
    );
    let r = ranking(&s);
    assert!(unscorable(&r, "X").is_some_and(|w| w.contains("none has a weight above 0")));
    assert_eq!(order(&r), vec!["A", "X"]);
}

// ----- ranking and flags -----

#[test]
fn equal_scores_rank_by_id_in_code_point_order() {
    let s = scenario(
        ws(vec![one(
            "c",
            "benefit",
            json!({"scale": "fixed", "min": 0, "max": 1}),
        )]),
        json!([
            {"id": "b", "title": "t", "values": {"c": 1}},
            {"id": "B", "title": "t", "values": {"c": 1}},
            {"id": "é", "title": "t", "values": {"c": 1}},
            {"id": "a", "title": "t", "values": {"c": 1}},
            {"id": "top", "title": "t", "values": {"c": 2}},
            {"id": "Z", "title": "t", "values": {"c": 0}}
        ]),
        json!({}),
    );
    let r = ranking(&s);
    // "top" is clamped to 1 as well: a tie with the others.
    assert_eq!(order(&r), vec!["B", "a", "b", "top", "é", "Z"]);
    let ranks: Vec<u32> = r
        .scores
        .order
        .iter()
        .map(|&i| r.scores.rank[i as usize])
        .collect();
    assert_eq!(ranks, vec![1, 2, 3, 4, 5, 6]);
}

#[test]
fn never_requests_are_ranked_too() {
    let s = scenario(
        ws(vec![one("c", "benefit", json!({}))]),
        json!([{"id": "a", "title": "t", "values": {"c": 1}, "plan": "never"}, {"id": "b", "title": "t", "values": {"c": 0}}]),
        json!({}),
    );
    assert_eq!(order(&ranking(&s)), vec!["a", "b"]);
}

#[test]
fn single_account_flag() {
    let s = scenario(
        ws(vec![one(
            "reach",
            "benefit",
            json!({"derive": "asks-count"}),
        )]),
        json!([
            {"id": "one-account-twice", "title": "t", "asks": [{"account": "x", "source": "s"}, {"account": "x"}]},
            {"id": "two-accounts", "title": "t", "asks": [{"account": "x"}, {"account": "y"}]},
            {"id": "account-and-anonymous", "title": "t", "asks": [{"account": "x"}, {"count": 3}]},
            {"id": "anonymous-only", "title": "t", "asks": [{"count": 3}]},
            {"id": "no-asks", "title": "t"}
        ]),
        json!({"accounts": [{"id": "x"}, {"id": "y"}], "sources": [{"id": "s", "credibility": 0.2}]}),
    );
    let r = ranking(&s);
    assert_eq!(flags(&r, "one-account-twice"), vec!["single-account"]);
    for id in [
        "two-accounts",
        "account-and-anonymous",
        "anonymous-only",
        "no-asks",
    ] {
        assert!(flags(&r, id).is_empty(), "{id}");
    }
}

#[test]
fn rescoring_with_new_weights_equals_a_fresh_score() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/field-service-q2.thresh.json"
    ))
    .unwrap();
    let mut s = read::from_str(&text).unwrap();
    let table = thresh::Table::new(&s);
    let weights = [1.0, 4.0, 0.0, 2.5, 3.0];
    let rescored = table.score(&s.model.criteria, &weights).unwrap();
    for (c, w) in s.model.criteria.iter_mut().zip(weights) {
        c.weight = Some(w);
    }
    let fresh = ranking(&s).scores;
    assert_eq!(rescored, fresh);
}

// ----- reading -----

#[test]
fn newer_versions_and_foreign_files_get_their_own_messages() {
    let newer = read::from_str(r#"{"format": "thresh.scenario", "version": 2}"#).unwrap_err();
    assert_eq!(
        newer,
        ReadError::NewerVersion {
            found: 2,
            supported: 1
        }
    );
    assert!(newer.to_string().contains("version 2") && newer.to_string().contains("version 1"));
    let foreign = read::from_str(r#"{"nodes": []}"#).unwrap_err();
    assert!(matches!(foreign, ReadError::NotAScenario { .. }));
    assert!(foreign.to_string().starts_with("not a scenario file"));
    let array = read::from_str("[]").unwrap_err();
    assert!(matches!(array, ReadError::NotAScenario { .. }));
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let e =
        read::from_str("{\n  \"format\": \"thresh.scenario\",\n  \"version\": 1,,\n}").unwrap_err();
    match e {
        ReadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 16)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let e = read_error(json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": ws(vec![one("cost", "cost", json!({"weight": -1}))]),
        "buckets": [{"id": "g", "min_share": 0.8, "max_share": 0.2}],
        "requests": [
            {"id": "a", "title": "t", "values": {"cost": "eight"}, "bucket": "nope"},
            {"id": "a", "title": "t", "confidence": 2, "asks": [{"account": "ghost", "count": 2}]}
        ]
    }));
    for needle in [
        "model.criteria[0].weight: weight must be a number ≥ 0, found -1",
        "buckets[0].min_share",
        "requests[0].values.cost: cost must be a number or a range",
        "found \"eight\"",
        "requests[0].bucket: no bucket has the id \"nope\"",
        "requests[1].id: the id \"a\" is used twice",
        "requests[1].confidence",
        "requests[1].asks[0].account: no account has the id \"ghost\"",
        "requests[1].asks[0]: an ask names an account or carries a count",
    ] {
        assert!(e.contains(needle), "missing {needle:?} in:\n{e}");
    }
}

#[test]
fn limits_are_enforced_with_a_message_naming_them() {
    let long = "x".repeat(10_001);
    let e = read_error(json!({
        "format": "thresh.scenario", "version": 1, "name": long,
        "model": ws(vec![one("c", "benefit", json!({}))]), "requests": []
    }));
    assert!(
        e.contains("name is 10001 characters long; the limit is 10000"),
        "{e}"
    );
    let criteria: Vec<Value> = (0..65)
        .map(|i| one(&format!("c{i}"), "benefit", json!({})))
        .collect();
    let e = read_error(json!({
        "format": "thresh.scenario", "version": 1, "name": "t", "model": ws(criteria), "requests": []
    }));
    assert!(e.contains("65 criteria; the limit is 64"), "{e}");
    // The limit counts the JSON's own bytes, not its indentation (see src/limits.rs):
    // a string of 50 MiB is over it.
    let mut big = b"\"".to_vec();
    big.resize(50 * 1024 * 1024 + 1, b'x');
    big.push(b'"');
    assert!(matches!(
        read::from_slice(&big),
        Err(ReadError::TooLarge { .. })
    ));
}

#[test]
fn unknown_fields_keep_their_numbers_exactly_as_written() {
    let text = r#"{"format": "thresh.scenario", "version": 1.0, "name": "t",
        "x_big": 12345678901234567890123, "x_spelled": 1.0e2, "x_tiny": 5e-324,
        "model": {"criteria": [{"id": "c", "label": "c", "direction": "benefit"}]},
        "requests": []}"#;
    let out = thresh::write::to_string(&read::from_str(text).unwrap());
    // Kept exactly as written, exponent included.
    for kept in ["12345678901234567890123", "1.0e2", "5e-324"] {
        assert!(out.contains(kept), "{kept} lost in:\n{out}");
    }
    assert!(out.contains("\"version\": 1,"));
}

#[test]
fn unknown_fields_in_any_order_read_back_as_the_same_scenario() {
    // Found by fuzz/read_scenario: the canonical text sorts the keys of unknown fields, so
    // an ask with {"sourt", "sour=e"} came back with them the other way round, and the
    // scenario read back compared unequal although it means the same.
    let text = r#"{"format": "thresh.scenario", "version": 1, "name": "t", "z_last": 1, "a_first": {"y": 1, "x": [2]},
        "model": {"criteria": [{"id": "c", "label": "c", "direction": "benefit"}]},
        "requests": [{"id": "R", "title": "r", "asks": [{"sourt": "citi", "sour=e": "csm"}]}]}"#;
    let first = read::from_str(text).unwrap();
    let out = thresh::write::to_string(&first);
    assert!(out.find("\"sour=e\"").unwrap() < out.find("\"sourt\"").unwrap());
    let again = read::from_str(&out).unwrap();
    assert_eq!(again, first);
    assert_eq!(thresh::write::to_string(&again), out);
    // A different value is still a difference.
    let other = read::from_str(&text.replace("\"csm\"", "\"cs\"")).unwrap();
    assert_ne!(other, first);
}

#[test]
fn a_byte_order_mark_is_skipped_and_version_2_0_is_newer() {
    let text = "\u{feff}{\"format\": \"thresh.scenario\", \"version\": 2.0}";
    assert_eq!(
        read::from_str(text).unwrap_err(),
        ReadError::NewerVersion {
            found: 2,
            supported: 1
        }
    );
}

#[test]
fn overflowing_scores_are_left_unscored_not_ranked_by_them() {
    let s = scenario(
        json!({"method": "weighted-product", "criteria": [one("v", "benefit", json!({"weight": 50}))]}),
        json!([{"id": "X", "title": "x", "values": {"v": 1e300}}, {"id": "Y", "title": "y", "values": {"v": 2}}]),
        json!({}),
    );
    let r = ranking(&s);
    assert!(unscorable(&r, "X").is_some_and(|w| w.contains("too large")));
    assert_eq!(order(&r), vec!["Y", "X"]);
    // minmax over values spanning more than the largest float still scores.
    let s = ws_scores(one("c", "benefit", json!({})), &[-1.5e308, 0.0, 1.5e308]);
    assert_eq!(s, vec![0.0, 50.0, 100.0]);
}

#[test]
fn all_contributions_equal_the_per_request_ones() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/field-service-q2.thresh.json"
    ))
    .unwrap();
    let s = read::from_str(&text).unwrap();
    let r = ranking(&s);
    let all = r.table.all_contributions(&r.weights);
    let k = r.weights.len();
    for i in 0..s.requests.len() {
        assert_eq!(
            &all[i * k..(i + 1) * k],
            r.table.contributions(i, &r.weights).as_slice()
        );
    }
}
