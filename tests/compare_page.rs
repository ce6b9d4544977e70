//! The page's compare and merge (issue 12): taking changes by path with what they need,
//! finishing a merge with a side chosen at each conflict, the JSON the page's worker hands
//! over (`thresh::compare::page`), and the Workbench's whole-scenario step that takes it.

use std::collections::HashMap;

mod compare_helpers;

use compare_helpers::{base, path, remove_request, request_mut, scenario};
use serde_json::{json, Value};
use thresh::compare::{self, page, Side, TakeError, Tree};
use thresh::workbench::Workbench;
use thresh::Scenario;

// ----- helpers -----

fn tree(v: &Value) -> Tree {
    Tree::of(&scenario(v))
}

/// A scenario as JSON (canonical text read back), to look at its fields.
fn json_of(s: &Scenario) -> Value {
    serde_json::from_str(&thresh::write::to_string(s)).unwrap()
}

fn request<'a>(v: &'a Value, id: &str) -> Option<&'a Value> {
    v["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
}

fn bytes(v: &Value) -> Vec<u8> {
    thresh::write::to_string(&scenario(v)).into_bytes()
}

/// A scenario read as the page's worker reads a file.
fn file(v: &Value) -> page::File {
    page::File::read("theirs", &bytes(v)).unwrap()
}

fn answer(text: &str) -> Value {
    assert!(text.ends_with('\n'));
    serde_json::from_str(text).unwrap()
}

/// A colleague's copy: credibility raised, two requests added (one in a new bucket), an
/// effort re-estimated.
fn theirs() -> Value {
    let mut t = base();
    t["sources"][0]["credibility"] = json!(0.8);
    t["buckets"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "mobile", "label": "Mobile" }));
    t["requests"].as_array_mut().unwrap().extend([
        json!({ "id": "R-5", "title": "Tablet layout", "bucket": "mobile",
                "values": { "cost": 2, "fit": 9 }, "asks": [ { "account": "citi" } ] }),
        json!({ "id": "R-6", "title": "Audit export", "values": { "cost": 1, "fit": 7 } }),
    ]);
    request_mut(&mut t, "R-3")["values"]["cost"] = json!(4);
    t
}

// ----- taking changes -----

#[test]
fn one_change_is_taken_alone() {
    let (a, b) = (base(), theirs());
    let taken = compare::take(
        &tree(&a),
        &tree(&b),
        &[path(&["sources", "key-account", "credibility"])],
        false,
    )
    .unwrap();
    let s = json_of(&taken.scenario);
    assert_eq!(s["sources"][0]["credibility"], json!(0.8));
    assert_eq!(
        request(&s, "R-3").unwrap()["values"]["cost"],
        json!(5),
        "not taken"
    );
    assert!(request(&s, "R-5").is_none());
    assert_eq!(taken.taken.len(), 1);
    assert!(taken.along.is_empty());
}

#[test]
fn a_request_is_taken_with_the_bucket_it_was_added_in() {
    let (a, b) = (base(), theirs());
    let taken = compare::take(&tree(&a), &tree(&b), &[path(&["requests", "R-5"])], false).unwrap();
    let s = json_of(&taken.scenario);
    assert_eq!(request(&s, "R-5").unwrap()["bucket"], "mobile");
    assert!(s["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == "mobile"));
    assert_eq!(taken.along.len(), 1);
    assert_eq!(taken.along[0].path, path(&["buckets", "mobile"]));
    // R-6 (no bucket) alone needs nothing along.
    let taken = compare::take(&tree(&a), &tree(&b), &[path(&["requests", "R-6"])], false).unwrap();
    assert!(taken.along.is_empty());
}

#[test]
fn a_removal_is_taken_with_the_changes_that_stop_referring_to_it() {
    // B removed the bucket "growth" and moved R-1 into "retention".
    let a = base();
    let mut b = base();
    b["buckets"].as_array_mut().unwrap().remove(0);
    request_mut(&mut b, "R-1")["bucket"] = json!("retention");
    let taken =
        compare::take(&tree(&a), &tree(&b), &[path(&["buckets", "growth"])], false).unwrap();
    let s = json_of(&taken.scenario);
    assert_eq!(s["buckets"].as_array().unwrap().len(), 1);
    assert_eq!(request(&s, "R-1").unwrap()["bucket"], "retention");
    assert_eq!(taken.along[0].path, path(&["requests", "R-1", "bucket"]));
}

#[test]
fn taking_all_gives_the_other_scenario_and_a_stale_path_takes_nothing() {
    let (a, b) = (base(), theirs());
    let taken = compare::take(&tree(&a), &tree(&b), &[], true).unwrap();
    assert!(Tree::of(&taken.scenario).same(&tree(&b)));
    assert_eq!(
        taken.taken.len(),
        compare::changes(&tree(&a), &tree(&b)).len()
    );
    // A path that is not a change (the open scenario has it already).
    let e = compare::take(
        &tree(&b),
        &tree(&b),
        &[path(&["sources", "key-account", "credibility"])],
        false,
    )
    .unwrap_err();
    assert_eq!(e, TakeError::Nothing);
}

// ----- finishing a merge -----

fn choices(list: &[(&[&str], Side)]) -> HashMap<Vec<String>, Side> {
    list.iter().map(|(p, s)| (path(p), *s)).collect()
}

#[test]
fn a_conflict_is_decided_either_way() {
    let b = base();
    let mut o = base();
    let mut t = base();
    request_mut(&mut o, "R-2")["values"]["cost"] = json!(8);
    request_mut(&mut t, "R-2")["values"]["cost"] = json!(3);
    t["sources"][0]["credibility"] = json!(0.8);
    let at: &[&str] = &["requests", "R-2", "values", "cost"];
    // No choice: the conflict is handed back.
    let left = compare::resolve(&tree(&b), &tree(&o), &tree(&t), &HashMap::new()).unwrap_err();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].path, path(at));
    for (side, cost) in [(Side::Ours, 8), (Side::Theirs, 3)] {
        let r = compare::resolve(&tree(&b), &tree(&o), &tree(&t), &choices(&[(at, side)])).unwrap();
        let s = json_of(&r.scenario);
        assert_eq!(
            request(&s, "R-2").unwrap()["values"]["cost"],
            json!(cost),
            "{side:?}"
        );
        assert_eq!(
            s["sources"][0]["credibility"],
            json!(0.8),
            "their clean change is in"
        );
    }
}

#[test]
fn removed_against_changed_is_decided_at_the_item() {
    let b = base();
    let mut o = base();
    let mut t = base();
    remove_request(&mut o, "R-4");
    request_mut(&mut t, "R-4")["title"] = json!("Dark mode");
    let at: &[&str] = &["requests", "R-4"];
    let r = compare::resolve(
        &tree(&b),
        &tree(&o),
        &tree(&t),
        &choices(&[(at, Side::Ours)]),
    )
    .unwrap();
    assert!(request(&json_of(&r.scenario), "R-4").is_none());
    let r = compare::resolve(
        &tree(&b),
        &tree(&o),
        &tree(&t),
        &choices(&[(at, Side::Theirs)]),
    )
    .unwrap();
    assert_eq!(
        request(&json_of(&r.scenario), "R-4").unwrap()["title"],
        "Dark mode"
    );
}

#[test]
fn keeping_a_reference_the_other_side_broke_brings_the_item_back() {
    // Ours adds R-9 in "growth"; theirs removes "growth" (moving R-1 to retention).
    let b = base();
    let mut o = base();
    o["requests"].as_array_mut().unwrap().push(
        json!({ "id": "R-9", "title": "Payouts", "bucket": "growth", "values": { "cost": 1, "fit": 4 } }),
    );
    let mut t = base();
    t["buckets"].as_array_mut().unwrap().remove(0);
    request_mut(&mut t, "R-1")["bucket"] = json!("retention");
    let merged = compare::merge(&scenario(&b), &scenario(&o), &scenario(&t));
    let at: &[&str] = &["requests", "R-9", "bucket"];
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].path, path(at));

    let r = compare::resolve(
        &tree(&b),
        &tree(&o),
        &tree(&t),
        &choices(&[(at, Side::Ours)]),
    )
    .unwrap();
    let s = json_of(&r.scenario);
    assert_eq!(request(&s, "R-9").unwrap()["bucket"], "growth");
    assert!(s["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == "growth"));
    assert_eq!(r.restored, vec![path(&["buckets", "growth"])]);
    assert_eq!(
        request(&s, "R-1").unwrap()["bucket"],
        "retention",
        "their move stays"
    );

    let r = compare::resolve(
        &tree(&b),
        &tree(&o),
        &tree(&t),
        &choices(&[(at, Side::Theirs)]),
    )
    .unwrap();
    let s = json_of(&r.scenario);
    assert!(
        request(&s, "R-9").unwrap().get("bucket").is_none(),
        "R-9 without a bucket"
    );
    assert!(!s["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == "growth"));
    assert!(r.restored.is_empty());
}

#[test]
fn a_problem_no_choice_covers_is_a_new_conflict() {
    // Theirs removes the account "acme" and the ask of R-2 that named it; ours removes
    // R-2's other ask, so the asks conflict. Choosing ours keeps the ask naming acme:
    // acme comes back from ours (the choice covers the asks).
    let b = base();
    let mut o = base();
    request_mut(&mut o, "R-2")["asks"] = json!([{ "account": "acme" }]);
    let mut t = base();
    t["accounts"].as_array_mut().unwrap().remove(1);
    request_mut(&mut t, "R-2")["asks"] = json!([{ "source": "support", "count": 12 }]);
    let at: &[&str] = &["requests", "R-2", "asks"];
    let r = compare::resolve(
        &tree(&b),
        &tree(&o),
        &tree(&t),
        &choices(&[(at, Side::Ours)]),
    )
    .unwrap();
    let s = json_of(&r.scenario);
    assert!(s["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == "acme"));
    // Deciding the account's removal too (theirs) leaves a problem no choice mends: it is
    // handed back as a conflict at the asks, with the reader's message.
    let both = choices(&[(at, Side::Ours), (&["accounts", "acme"], Side::Theirs)]);
    let left = compare::resolve(&tree(&b), &tree(&o), &tree(&t), &both).unwrap_err();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].path, path(at));
    assert!(
        left[0].problem.as_deref().unwrap().contains("acme"),
        "{:?}",
        left[0].problem
    );
}

// ----- the page's protocol -----

#[test]
fn a_review_says_each_change_in_words_grouped() {
    let r = answer(&page::review(&file(&base()), &file(&theirs())));
    assert_eq!(r["count"], 5);
    assert_eq!(r["a"]["requests"], 4);
    assert_eq!(r["b"]["requests"], 6);
    let ids: Vec<&str> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "teams",
            "buckets-capacity",
            "requests-added",
            "requests-changed"
        ]
    );
    let teams = &r["groups"][0];
    assert_eq!(teams["title"], "Teams");
    let c = &teams["changes"][0];
    assert_eq!(c["words"], "Key-account managers: credibility 0.5 → 0.8");
    assert_eq!(c["subject"], "Key-account managers");
    assert_eq!(c["detail"], "credibility 0.5 → 0.8");
    assert_eq!(c["path"], json!(["sources", "key-account", "credibility"]));
    let changed = &r["groups"][3]["changes"][0];
    assert_eq!(changed["words"], "R-3 “Photo notes”: Effort 5 → 4");
    assert_eq!(changed["detail"], "Effort 5 → 4");
    let added = &r["groups"][2]["changes"];
    assert_eq!(added[0]["words"], "request R-5 “Tablet layout” added");
    assert_eq!(added[0]["detail"], "added");
    // The ranking side by side: every request ranked on either side, B's order first.
    assert_eq!(r["ranked"], 6);
    let ranking = r["ranking"].as_array().unwrap();
    assert!(ranking
        .iter()
        .any(|m| m["id"] == "R-5" && m["rank_a"].is_null() && m["title"] == "Tablet layout"));
    assert_eq!(ranking[0]["rank_b"], 1);
    assert!(
        r["moved"].as_u64().unwrap() >= 2,
        "the two added requests moved in"
    );
    // Both have a capacity: the plan's ins and outs.
    let plan = &r["plan"];
    assert!(plan["only_b_count"].as_u64().is_some() && plan["both"].as_u64().is_some());
}

#[test]
fn a_bad_file_is_named_with_its_place() {
    let mut bad = theirs();
    request_mut(&mut bad, "R-3")["values"]["cost"] = json!("eight");
    let e = page::File::read("theirs", bad.to_string().as_bytes())
        .err()
        .unwrap();
    assert_eq!(e.file, "theirs");
    assert!(
        e.message.contains("requests[2].values.cost"),
        "{}",
        e.message
    );
    let e = page::File::read("base", b"{").err().unwrap();
    assert_eq!(e.file, "base");
    assert!(e.message.contains("line 1"), "{}", e.message);
}

#[test]
fn take_answers_with_the_text_and_what_came_along() {
    let req = r#"{"paths": [["requests", "R-5"]]}"#;
    let r = answer(&page::take(&file(&base()), &file(&theirs()), req).unwrap());
    assert_eq!(r["taken"], json!(["request R-5 “Tablet layout” added"]));
    assert_eq!(r["along"], json!(["bucket Mobile added"]));
    let s = scenario(&serde_json::from_str(r["text"].as_str().unwrap()).unwrap());
    assert_eq!(s.requests.len(), 5);
    let all = answer(&page::take(&file(&base()), &file(&theirs()), r#"{"all": true}"#).unwrap());
    let s = thresh::read::from_str(all["text"].as_str().unwrap()).unwrap();
    assert!(Tree::of(&s).same(&tree(&theirs())));
    let e = page::take(&file(&theirs()), &file(&theirs()), req).unwrap_err();
    assert_eq!(e.file, "request");
    assert!(e.message.contains("already has it"), "{}", e.message);
}

#[test]
fn merge_answers_with_conflicts_in_words_then_resolve_finishes_it() {
    let b = base();
    let mut o = base();
    o["model"]["criteria"][1]["weight"] = json!(3);
    request_mut(&mut o, "R-3")["values"]["cost"] = json!(6);
    let t = theirs(); // R-3's cost 4: a conflict with ours' 6
    let m = answer(&page::merge(&file(&b), &file(&o), &file(&t)));
    assert!(m["text"].is_null(), "something to decide");
    assert_eq!(m["ours_changes"], 2);
    assert_eq!(m["theirs_changes"], 5);
    let c = &m["conflicts"][0];
    assert_eq!(c["path"], json!(["requests", "R-3", "values", "cost"]));
    assert_eq!(c["subject"], "R-3 “Photo notes”");
    assert_eq!(c["field"], "Effort");
    assert_eq!(
        (c["base"].as_str(), c["ours"].as_str(), c["theirs"].as_str()),
        (Some("5"), Some("6"), Some("4"))
    );
    assert!(c["problem"].is_null());
    // What the merge brings in: their four other changes (not ours, not the conflict).
    assert_eq!(m["incoming_count"], 4);
    let words: Vec<&str> = m["incoming"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["changes"].as_array().unwrap())
        .map(|c| c["words"].as_str().unwrap())
        .collect();
    assert!(
        words.contains(&"Key-account managers: credibility 0.5 → 0.8"),
        "{words:?}"
    );

    let undecided = answer(&page::resolve(&file(&b), &file(&o), &file(&t), "[]").unwrap());
    assert_eq!(undecided["conflicts"].as_array().unwrap().len(), 1);
    let choice = r#"[{"path": ["requests", "R-3", "values", "cost"], "side": "theirs"}]"#;
    let done = answer(&page::resolve(&file(&b), &file(&o), &file(&t), choice).unwrap());
    let s = json_of(&thresh::read::from_str(done["text"].as_str().unwrap()).unwrap());
    assert_eq!(request(&s, "R-3").unwrap()["values"]["cost"], json!(4));
    assert_eq!(
        s["model"]["criteria"][1]["weight"],
        json!(3),
        "ours' own change kept"
    );
    assert_eq!(
        s["sources"][0]["credibility"],
        json!(0.8),
        "theirs' change in"
    );
    assert!(request(&s, "R-5").is_some());
}

#[test]
fn a_conflict_at_an_item_says_what_each_side_did() {
    let b = base();
    let mut o = base();
    remove_request(&mut o, "R-4");
    let mut t = base();
    request_mut(&mut t, "R-4")["title"] = json!("Dark mode");
    request_mut(&mut t, "R-4")["values"]["cost"] = json!(2);
    let m = answer(&page::merge(&file(&b), &file(&o), &file(&t)));
    let c = &m["conflicts"][0];
    assert_eq!(c["subject"], "R-4 “Dark mode”");
    assert_eq!(c["field"], "");
    assert_eq!(c["ours"], "removed");
    assert_eq!(
        c["theirs"],
        "title \"Dark theme\" → \"Dark mode\"; Effort 1 → 2"
    );
}

#[test]
fn a_merge_without_conflicts_gives_its_text_at_once() {
    let b = base();
    let mut o = base();
    o["model"]["criteria"][1]["weight"] = json!(3);
    let m = answer(&page::merge(&file(&b), &file(&o), &file(&theirs())));
    assert!(m["conflicts"].as_array().unwrap().is_empty());
    let s = json_of(&thresh::read::from_str(m["text"].as_str().unwrap()).unwrap());
    assert_eq!(s["model"]["criteria"][1]["weight"], json!(3));
    assert_eq!(s["sources"][0]["credibility"], json!(0.8));
}

// ----- the Workbench's step -----

#[test]
fn a_replaced_text_is_one_undo_step_and_a_bad_one_changes_nothing() {
    let mut w = Workbench::new(scenario(&base()));
    let before = w.export();
    let ours = page::File::read("ours", before.as_bytes()).unwrap();
    let taken = answer(&page::take(&ours, &file(&theirs()), r#"{"all": true}"#).unwrap());
    w.replace_text(taken["text"].as_str().unwrap()).unwrap();
    assert_eq!(w.scenario().requests.len(), 6);
    assert!(w.undo());
    assert_eq!(w.export(), before);
    assert!(w.redo());
    assert_eq!(w.scenario().requests.len(), 6);
    let now = w.export();
    let problems = w
        .replace_text("{\"format\": \"thresh.scenario\", \"version\": 1}")
        .unwrap_err();
    assert!(!problems.is_empty());
    assert_eq!(w.export(), now);
}

#[test]
fn the_warm_up_runs_every_part_of_the_protocol() {
    // Its edits: a weight on each side (a conflict), requests removed, a title changed.
    assert!(page::warm_up() >= 3);
}
