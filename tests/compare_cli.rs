//! The `diff` and `merge` commands (sharing contract §1–§3): exit codes, summaries, the
//! JSON shapes, drafts with conflicts, files that are not acceptable.

mod common;
mod compare_helpers;

use common::*;
use compare_helpers::*;
use serde_json::{json, Value};

// ----- the command line -----

struct Files {
    dir: std::path::PathBuf,
}

impl Files {
    fn new(name: &str) -> Files {
        Files {
            dir: scratch(&format!("compare-{name}")),
        }
    }
    fn put(&self, file: &str, v: &Value) -> String {
        write_file(&self.dir, file, serde_json::to_string_pretty(v).unwrap())
            .to_string_lossy()
            .into_owned()
    }
}

#[test]
fn diff_exits_0_and_prints_a_summary() {
    let f = Files::new("diff-summary");
    let a = f.put("a.json", &base());
    let mut bv = base();
    bv["sources"][0]["credibility"] = json!(0.8);
    remove_request(&mut bv, "R-1");
    let b = f.put("b.json", &bv);
    let r = run(&["diff", &a, &b]);
    r.expect_code(0);
    for want in [
        "2 changes",
        "Teams",
        "Key-account managers: credibility 0.5 → 0.8",
        "Requests removed (1)",
        "R-1 “Offline mode”",
        "Ranking:",
    ] {
        assert!(r.stdout.contains(want), "{want:?} in\n{}", r.stdout);
    }
    let same = run(&["diff", &a, &a]);
    same.expect_code(0);
    assert!(same.stdout.contains("no changes"), "{}", same.stdout);
}

#[test]
fn diff_json_has_the_contracts_shape() {
    let f = Files::new("diff-json");
    let a = f.put("a.json", &base());
    let mut bv = base();
    bv["model"]["criteria"][0]["weight"] = json!(6);
    bv["requests"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "R-9", "title": "New", "values": { "cost": 1, "fit": 9 } }));
    remove_request(&mut bv, "R-4");
    let b = f.put("b.json", &bv);
    let r = run(&["diff", &a, &b, "--json"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        keys_in_order(&r.stdout, &[]),
        ["changes", "ranking", "plan"]
    );
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(
        changes[0],
        json!({ "path": ["model", "criteria", "reach", "weight"], "kind": "changed", "a": 4, "b": 6 })
    );
    let added = changes.iter().find(|c| c["kind"] == "added").unwrap();
    assert_eq!(added["path"], json!(["requests", "R-9"]));
    assert!(added.get("a").is_none() && added["b"]["id"] == "R-9");
    let removed = changes.iter().find(|c| c["kind"] == "removed").unwrap();
    assert!(removed.get("b").is_none() && removed["a"]["id"] == "R-4");
    for i in 0..doc["ranking"].as_array().unwrap().len() {
        let keys = keys_in_order(&r.stdout, &["ranking", &i.to_string()]);
        assert_eq!(keys, ["id", "rank_a", "rank_b", "score_a", "score_b"]);
    }
    let r9 = doc["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "R-9")
        .unwrap();
    assert_eq!(
        (r9["rank_a"].clone(), r9["score_a"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(
        keys_in_order(&r.stdout, &["plan"]),
        ["only_a", "only_b", "both"]
    );
}

#[test]
fn diff_refuses_files_that_are_not_acceptable() {
    let f = Files::new("diff-bad");
    let a = f.put("a.json", &base());
    let mut bad = base();
    request_mut(&mut bad, "R-1")["bucket"] = json!("nowhere");
    let b = f.put("bad.json", &bad);
    let r = run(&["diff", &a, &b]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("bad.json") && r.stderr.contains("requests[0].bucket"),
        "{}",
        r.stderr
    );
    run(&["diff", &a]).expect_code(1);
    run(&["diff", &a, &a, &a]).expect_code(1);
}

#[test]
fn merge_exits_0_with_the_canonical_merge_on_stdout_or_in_out() {
    let f = Files::new("merge-clean");
    let b = f.put("base.json", &base());
    let mut ov = base();
    request_mut(&mut ov, "R-1")["values"]["cost"] = json!(4);
    let o = f.put("ours.json", &ov);
    let mut tv = base();
    request_mut(&mut tv, "R-2")["values"]["cost"] = json!(6);
    let t = f.put("theirs.json", &tv);
    let r = run(&["merge", &b, &o, &t]);
    r.expect_code(0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let mut want = ov.clone();
    request_mut(&mut want, "R-2")["values"]["cost"] = json!(6);
    assert_eq!(r.stdout, thresh::write::to_string(&scenario(&want)));
    // -o OUT: the file gets it, standard output nothing; the options in any order.
    let out = f.dir.join("out.json");
    let r = run(&["merge", "-o", out.to_str().unwrap(), &b, &o, &t]);
    r.expect_code(0);
    assert!(r.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        thresh::write::to_string(&scenario(&want))
    );
    // --json: { merged, conflicts }.
    let r = run(&["merge", &b, &o, &t, "--json"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(keys_in_order(&r.stdout, &[]), ["merged", "conflicts"]);
    assert_eq!(doc["conflicts"], json!([]));
    let merged: Value = serde_json::from_str(&thresh::write::to_string(&scenario(&want))).unwrap();
    assert_eq!(doc["merged"], merged);
}

#[test]
fn merge_exits_4_with_ours_side_and_one_line_per_conflict() {
    let f = Files::new("merge-conflict");
    let b = f.put("base.json", &base());
    let mut ov = base();
    request_mut(&mut ov, "R-1")["values"]["cost"] = json!(4);
    remove_request(&mut ov, "R-3");
    let o = f.put("ours.json", &ov);
    let mut tv = base();
    request_mut(&mut tv, "R-1")["values"]["cost"] = json!(6);
    request_mut(&mut tv, "R-3")["title"] = json!("Photo notes\u{1b}[2J");
    let t = f.put("theirs.json", &tv);
    let out = f.dir.join("out.json");
    let r = run(&["merge", &b, &o, &t, "-o", out.to_str().unwrap()]);
    r.expect_code(4);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert_eq!(
        lines[0],
        r#"conflict ["requests","R-1","values","cost"]: base 3, ours 4, theirs 6"#
    );
    assert!(
        lines[1].starts_with(r#"conflict ["requests","R-3"]: base {"#),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("ours absent"), "{}", lines[1]);
    // Terminal-safe: the escape character arrives escaped.
    assert!(!r.stderr.contains('\u{1b}'), "{}", r.stderr);
    // The file holds ours' side, and reads (the conflicts were leaves).
    let merged = thresh::read::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        merged.requests[0].values.get(1).map(|e| e.likely()),
        Some(4.0)
    );
    assert!(merged.request_index("R-3").is_none());

    // --json: the conflicts with their sides, a side's key left out where absent.
    let r = run(&["merge", &b, &o, &t, "--json"]);
    r.expect_code(4);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let conflicts = doc["conflicts"].as_array().unwrap();
    assert_eq!(
        conflicts[0],
        json!({ "path": ["requests", "R-1", "values", "cost"], "base": 3, "ours": 4, "theirs": 6 })
    );
    assert_eq!(
        keys_in_order(&r.stdout, &["conflicts", "1"]),
        ["path", "base", "theirs"]
    );
    assert_eq!(doc["merged"]["format"], json!("thresh.scenario"));
}

#[test]
fn merge_with_a_validation_conflict_writes_the_draft_and_exits_4() {
    let f = Files::new("merge-validation");
    let b = f.put("base.json", &base());
    let mut ov = base();
    ov["requests"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "R-9", "title": "New", "bucket": "retention" }));
    let o = f.put("ours.json", &ov);
    let mut tv = base();
    tv["buckets"].as_array_mut().unwrap().remove(1);
    request_mut(&mut tv, "R-2")
        .as_object_mut()
        .unwrap()
        .remove("bucket");
    let t = f.put("theirs.json", &tv);
    let r = run(&["merge", &b, &o, &t]);
    r.expect_code(4);
    assert!(
        r.stderr.starts_with(
            r#"conflict ["requests","R-9","bucket"]: base absent, ours "retention", theirs absent"#
        ),
        "{}",
        r.stderr
    );
    let draft: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        request_mut(&mut draft.clone(), "R-9")["bucket"],
        json!("retention")
    );
    let r = run(&["merge", &b, &o, &t, "--json"]);
    r.expect_code(4);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        doc["conflicts"],
        json!([{ "path": ["requests", "R-9", "bucket"], "ours": "retention" }])
    );
}

#[test]
fn merge_refuses_files_that_are_not_acceptable() {
    let f = Files::new("merge-bad");
    let b = f.put("base.json", &base());
    let bad = write_file(&f.dir, "bad.json", "{ not json")
        .to_string_lossy()
        .into_owned();
    for args in [[&b, &b, &bad], [&bad, &b, &b], [&b, &bad, &b]] {
        let r = run(&["merge", args[0], args[1], args[2]]);
        r.expect_code(2);
        assert!(r.stderr.contains("bad.json"), "{}", r.stderr);
    }
    run(&["merge", &b, &b]).expect_code(1);
    run(&["merge", &b, &b, &b, "-o"]).expect_code(1);
    run(&["rank", &b, "-o", "x"]).expect_code(1);
}

#[test]
fn usage_lists_diff_and_merge() {
    let r = run(&["--help"]);
    r.expect_code(0);
    assert!(r.stdout.contains("diff A B") && r.stdout.contains("merge BASE OURS THEIRS"));
}
