//! The amendments to the scenario contract ("Changes since the first edition" of
//! scenario-v1.md): request status and archived requests, criterion `default` and
//! `weight_range`, `derive: asks-strategic`, criteria that sit out, unscorable requests.

use serde_json::{json, Value};
use thresh::plan::{plan, Budget};
use thresh::{read, write, Ranking};

fn scenario(doc: Value) -> thresh::Scenario {
    read::from_str(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn base(requests: Value) -> Value {
    json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": {"criteria": [
            {"id": "v", "label": "Value", "direction": "benefit", "scale": "minmax"},
            {"id": "e", "label": "Effort", "direction": "cost", "scale": "minmax"}
        ]},
        "capacity": {"criterion": "e", "amount": 10},
        "requests": requests
    })
}

fn ids(r: &Ranking) -> Vec<String> {
    r.scores
        .order
        .iter()
        .map(|&i| r.scenario.requests[i as usize].id.clone())
        .collect()
}

#[test]
fn archived_requests_take_no_part_in_ranking_scales_worst_values_or_the_plan() {
    let s = scenario(base(json!([
        {"id": "A", "title": "a", "values": {"v": 5, "e": 2}},
        {"id": "B", "title": "b", "values": {"v": 1, "e": 4}},
        // Archived: its huge value must not stretch the min–max scale, and it is not ranked.
        {"id": "Z", "title": "z", "values": {"v": 100, "e": 1}, "status": "done"},
        {"id": "Y", "title": "y", "values": {"e": 9}, "status": "declined"},
        // Missing v: the worst value among the non-archived requests (1), not Y's.
        {"id": "C", "title": "c", "values": {"e": 3}, "status": "in-progress"}
    ])));
    let r = Ranking::new(&s).unwrap();
    assert_eq!(ids(&r), ["A", "C", "B"]);
    let z = s.request_index("Z").unwrap();
    assert_eq!(r.scores.rank[z], 0);
    assert!(r.scores.score[z].is_nan());
    // min–max over A, B, C only: A has the highest value (5 → utility 1).
    assert_eq!(r.scores.utility(&r.table, 0, 0), Some(1.0));
    let c = s.request_index("C").unwrap();
    assert_eq!(
        r.table.columns[0].raw[c], 1.0,
        "worst among the non-archived"
    );
    let out: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(
        out["archived"],
        json!(["Y", "Z"]),
        "archived ids, in id order"
    );
    assert_eq!(out["ranking"].as_array().unwrap().len(), 3);
    // Never planned, even pinned.
    let mut pinned = s.clone();
    pinned.requests[z].plan = Some(thresh::model::Pin::Must);
    let r = Ranking::new(&pinned).unwrap();
    let p = plan(&pinned, &r.table, &r.scores, &[]).unwrap();
    assert!(!p.selected.contains(&z));
    let _ = Budget::default();
}

#[test]
fn status_words_round_trip_and_open_is_the_default() {
    let s = scenario(base(json!([
        {"id": "A", "title": "a", "values": {"v": 1, "e": 1}, "status": "planned"},
        {"id": "B", "title": "b", "values": {"v": 1, "e": 1}}
    ])));
    assert_eq!(s.requests[1].status(), thresh::model::Status::Open);
    let text = write::to_string(&s);
    assert!(text.contains("\"status\": \"planned\""));
    assert_eq!(
        text.matches("\"status\"").count(),
        1,
        "a default is not written"
    );
    let bad = base(json!([{"id": "A", "title": "a", "status": "finished"}]));
    let e = read::from_str(&bad.to_string()).unwrap_err().to_string();
    assert!(
        e.contains("requests[0].status") && e.contains("\"in-progress\""),
        "{e}"
    );
}

#[test]
fn a_default_fills_missing_values_instead_of_the_worst() {
    let mut doc = base(json!([
        {"id": "A", "title": "a", "values": {"v": 9, "e": 2}},
        {"id": "B", "title": "b", "values": {"e": 2}}
    ]));
    doc["model"]["criteria"][0]["default"] = json!(4);
    let s = scenario(doc);
    let r = Ranking::new(&s).unwrap();
    assert_eq!(r.table.columns[0].raw[1], 4.0);
    assert_eq!(r.scores.flags[1].names(), ["incomplete"]);
    let w = r.warnings().join("\n");
    assert!(
        w.contains("B has no value for \"v\"; it was given the criterion's default, 4"),
        "{w}"
    );
}

#[test]
fn weight_range_is_read_checked_and_kept() {
    let mut doc = base(json!([]));
    doc["model"]["criteria"][0]["weight"] = json!(2);
    doc["model"]["criteria"][0]["weight_range"] = json!({"low": 1, "high": 3.5, "x-note": "guess"});
    let s = scenario(doc.clone());
    let range = s.model.criteria[0].weight_range.as_ref().unwrap();
    assert_eq!((range.low, range.high), (1.0, 3.5));
    let text = write::to_string(&s);
    assert_eq!(write::to_string(&read::from_str(&text).unwrap()), text);
    assert!(text.contains("\"x-note\": \"guess\""));
    for (range, path) in [
        (
            json!({"low": 3, "high": 4}),
            "model.criteria[0].weight_range",
        ),
        (
            json!({"low": -1, "high": 4}),
            "model.criteria[0].weight_range.low",
        ),
        (json!({"low": 1}), "model.criteria[0].weight_range.high"),
        (json!([1, 2]), "model.criteria[0].weight_range"),
    ] {
        doc["model"]["criteria"][0]["weight_range"] = range;
        let e = read::from_str(&doc.to_string()).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{path}: ")), "{e}");
    }
}

#[test]
fn asks_strategic_counts_strategic_accounts_once_at_their_best_credibility() {
    let doc = json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": {"criteria": [{"id": "s", "label": "Strategic", "direction": "benefit", "derive": "asks-strategic"}]},
        "sources": [{"id": "ka", "credibility": 0.5}, {"id": "cs", "credibility": 0.9}],
        "accounts": [{"id": "big", "strategic": true}, {"id": "small"}, {"id": "gov", "strategic": true}],
        "requests": [
            {"id": "A", "title": "a", "asks": [{"account": "big", "source": "ka"}, {"account": "big", "source": "cs"},
                                               {"account": "small"}, {"count": 40}, {"account": "gov"}]},
            {"id": "B", "title": "b", "asks": [{"account": "small"}, {"count": 3}]}
        ]
    });
    let s = scenario(doc);
    let r = Ranking::new(&s).unwrap();
    assert_eq!(r.table.columns[0].raw[0], 0.9 + 1.0);
    assert_eq!(
        r.table.columns[0].raw[1], 0.0,
        "anonymous and other accounts add nothing"
    );
}

#[test]
fn an_unscorable_request_counts_0_in_the_plan() {
    let doc = json!({
        "format": "thresh.scenario", "version": 1, "name": "t",
        "model": {"method": "ratio", "criteria": [
            {"id": "v", "label": "Value", "direction": "benefit"},
            {"id": "e", "label": "Effort", "direction": "cost"}]},
        "capacity": {"criterion": "e", "amount": 10},
        "requests": [
            {"id": "A", "title": "a", "values": {"v": 5, "e": 2}},
            {"id": "Z", "title": "z", "values": {"v": 50, "e": 0}}
        ]
    });
    let s = scenario(doc);
    let r = Ranking::new(&s).unwrap();
    assert!(!r.scores.is_scored(1));
    let p = plan(&s, &r.table, &r.scores, &[]).unwrap();
    assert!((p.value - 5.0).abs() < 1e-9, "Z counts 0: {}", p.value);
}
