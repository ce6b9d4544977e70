//! Helpers shared by the compare and merge tests (`tests/compare.rs`, `tests/compare_cli.rs`,
//! `tests/compare_page.rs`).
#![allow(dead_code)]

use serde_json::{json, Value};
use thresh::compare::{self, Merge, Tree};
use thresh::Scenario;

/// A small scenario: three criteria, a capacity, two buckets, two teams, two accounts and
/// four requests.
pub fn base() -> Value {
    json!({
        "format": "thresh.scenario", "version": 1, "name": "Quarter",
        "model": { "criteria": [
            { "id": "reach", "label": "Reach", "direction": "benefit", "weight": 4,
              "transform": "log", "derive": "asks-count" },
            { "id": "cost", "label": "Effort", "direction": "cost", "weight": 2 },
            { "id": "fit", "label": "Fit", "direction": "benefit", "scale": "fixed", "min": 0, "max": 10 }
        ] },
        "capacity": { "criterion": "cost", "amount": 10 },
        "buckets": [
            { "id": "growth", "label": "New revenue", "min_share": 0.1, "max_share": 0.6 },
            { "id": "retention", "label": "Retention" }
        ],
        "sources": [
            { "id": "key-account", "label": "Key-account managers", "credibility": 0.5 },
            { "id": "support", "label": "Support" }
        ],
        "accounts": [
            { "id": "citi", "name": "Citibank", "arr": 1200000, "strategic": true },
            { "id": "acme", "name": "Acme", "arr": 45000 }
        ],
        "requests": [
            { "id": "R-1", "title": "Offline mode", "bucket": "growth",
              "values": { "cost": 3, "fit": 8 },
              "asks": [ { "account": "citi", "source": "key-account" } ] },
            { "id": "R-2", "title": "Bulk reassign", "bucket": "retention",
              "values": { "cost": 2, "fit": 5 },
              "asks": [ { "account": "acme" }, { "source": "support", "count": 12 } ] },
            { "id": "R-3", "title": "Photo notes", "values": { "cost": 5, "fit": 6 }, "confidence": 0.8 },
            { "id": "R-4", "title": "Dark theme", "values": { "cost": 1, "fit": 2 }, "tags": ["ui"] }
        ]
    })
}

pub fn scenario(v: &Value) -> Scenario {
    thresh::read::from_str(&v.to_string())
        .unwrap_or_else(|e| panic!("a valid scenario: {e}\n{v:#}"))
}

pub fn merge(b: &Value, o: &Value, t: &Value) -> Merge {
    compare::merge(&scenario(b), &scenario(o), &scenario(t))
}

/// Our JSON value as serde_json's, to compare with `json!`.
pub fn sj(v: &thresh::json::Value) -> Value {
    serde_json::from_str(&v.to_compact()).unwrap()
}

/// The keys of the object at `at` in a JSON text, in the order written (serde_json sorts
/// them).
pub fn keys_in_order(text: &str, at: &[&str]) -> Vec<String> {
    let mut v = thresh::json::Cursor::new(text, 0).value();
    for key in at {
        v = match key.parse::<usize>() {
            Ok(i) => v.as_array().unwrap()[i].clone(),
            Err(_) => v.get(key).unwrap().clone(),
        };
    }
    v.as_object().unwrap().keys().map(String::from).collect()
}

pub fn path(p: &[&str]) -> Vec<String> {
    p.iter().map(|s| s.to_string()).collect()
}

/// The merged scenario's value at a path.
pub fn merged_at(m: &Merge, p: &[&str]) -> Option<Value> {
    m.tree.get(&path(p)).map(|v| sj(&v))
}

pub fn request_mut<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["requests"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == id)
        .unwrap()
}

pub fn remove_request(v: &mut Value, id: &str) {
    v["requests"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["id"] != id);
}

pub fn ids(m: &Merge) -> Vec<String> {
    m.scenario
        .as_ref()
        .expect("the merge reads")
        .requests
        .iter()
        .map(|r| r.id.clone())
        .collect()
}

pub fn same(m: &Merge, expected: &Value) {
    let want = Tree::of(&scenario(expected));
    let changes = compare::changes(&m.tree, &want);
    assert!(
        changes.is_empty(),
        "merged differs from expected: {changes:#?}"
    );
}

pub fn diff_changes(a: &Value, b: &Value) -> Vec<compare::Change> {
    compare::changes(&Tree::of(&scenario(a)), &Tree::of(&scenario(b)))
}
