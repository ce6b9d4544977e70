//! `thresh merge` as git's merge driver (sharing contract §3), in a real repository:
//! `.gitattributes` says `*.thresh.json merge=thresh`, `git config merge.thresh.driver
//! '<thresh> merge %O %A %B -o %A'`. Two branches that edit different requests merge by
//! themselves; the same field edited two ways stops the merge, the file holding ours' side.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

const FILE: &str = "q2.thresh.json";

/// Runs git in `dir`, returning whether it succeeded and what it printed.
fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        // Nothing from the machine's or the user's git configuration.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (success, text) = git(dir, args);
    assert!(success, "git {args:?} failed:\n{text}");
    text
}

fn scenario() -> Value {
    json!({
        "format": "thresh.scenario", "version": 1, "name": "Q2",
        "model": { "criteria": [
            { "id": "cost", "label": "Effort", "direction": "cost", "weight": 2 },
            { "id": "fit", "label": "Fit", "direction": "benefit", "scale": "fixed", "min": 0, "max": 10 }
        ] },
        "requests": [
            { "id": "R-1", "title": "Offline mode", "values": { "cost": 3, "fit": 8 } },
            { "id": "R-2", "title": "Bulk reassign", "values": { "cost": 2, "fit": 5 } },
            { "id": "R-3", "title": "Photo notes", "values": { "cost": 5, "fit": 6 } }
        ]
    })
}

/// The scenario with request `index`'s cost set, in canonical form (as a team keeps it).
fn with_cost(base: &Value, index: usize, cost: u32) -> String {
    let mut v = base.clone();
    v["requests"][index]["values"]["cost"] = json!(cost);
    let s = thresh::read::from_str(&v.to_string()).unwrap();
    thresh::write::to_string(&s)
}

/// A repository with the driver set up and the scenario committed on `main`.
fn repository(name: &str) -> PathBuf {
    let dir = common::scratch(name);
    ok(&dir, &["init", "-q", "-b", "main"]);
    ok(&dir, &["config", "user.name", "Test"]);
    ok(&dir, &["config", "user.email", "test@example.com"]);
    ok(&dir, &["config", "commit.gpgsign", "false"]);
    std::fs::write(dir.join(".gitattributes"), "*.thresh.json merge=thresh\n").unwrap();
    let driver = format!("'{}' merge %O %A %B -o %A", env!("CARGO_BIN_EXE_thresh"));
    ok(
        &dir,
        &["config", "merge.thresh.name", "Thresh scenario merge"],
    );
    ok(&dir, &["config", "merge.thresh.driver", &driver]);
    std::fs::write(dir.join(FILE), with_cost(&scenario(), 0, 3)).unwrap();
    ok(&dir, &["add", "."]);
    ok(&dir, &["commit", "-q", "-m", "the quarter"]);
    dir
}

/// Commits `text` as the scenario on a new branch `branch` made from `main`.
fn branch(dir: &Path, branch: &str, text: &str) {
    ok(dir, &["checkout", "-q", "-b", branch, "main"]);
    std::fs::write(dir.join(FILE), text).unwrap();
    ok(dir, &["commit", "-q", "-am", branch]);
}

fn cost(text: &str, id: &str) -> f64 {
    let v: Value = serde_json::from_str(text).unwrap();
    v["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()["values"]["cost"]
        .as_f64()
        .unwrap()
}

#[test]
fn git_merges_edits_of_different_requests_by_itself() {
    let dir = repository("git-merge-clean");
    // Both branches change the file (so git calls the driver), on lines close together.
    branch(&dir, "ana", &with_cost(&scenario(), 1, 4));
    let mut theirs = scenario();
    theirs["requests"][1]["values"]["cost"] = json!(2);
    branch(&dir, "ben", &with_cost(&theirs, 2, 7));
    ok(&dir, &["checkout", "-q", "ana"]);
    let out = ok(&dir, &["merge", "--no-edit", "ben"]);
    assert!(!out.contains("CONFLICT"), "{out}");
    let merged = std::fs::read_to_string(dir.join(FILE)).unwrap();
    assert_eq!(cost(&merged, "R-2"), 4.0, "ana's edit\n{merged}");
    assert_eq!(cost(&merged, "R-3"), 7.0, "ben's edit\n{merged}");
    // Committed, canonical, and readable.
    let (clean, status) = git(&dir, &["status", "--porcelain"]);
    assert!(clean && status.trim().is_empty(), "{status}");
    let s = thresh::read::from_str(&merged).unwrap();
    assert_eq!(merged, thresh::write::to_string(&s));
}

#[test]
fn git_stops_on_a_field_edited_two_ways_with_ours_in_the_file() {
    let dir = repository("git-merge-conflict");
    branch(&dir, "ana", &with_cost(&scenario(), 1, 4));
    branch(&dir, "ben", &with_cost(&scenario(), 1, 9));
    ok(&dir, &["checkout", "-q", "ana"]);
    let (success, out) = git(&dir, &["merge", "--no-edit", "ben"]);
    assert!(!success, "the merge must stop:\n{out}");
    assert!(out.contains("CONFLICT") && out.contains(FILE), "{out}");
    // The driver's line names the field and the three sides.
    assert!(
        out.contains(r#"conflict ["requests","R-2","values","cost"]: base 2, ours 4, theirs 9"#),
        "{out}"
    );
    // The file holds ours' side, as a scenario (no conflict markers), left unmerged.
    let merged = std::fs::read_to_string(dir.join(FILE)).unwrap();
    assert!(!merged.contains("<<<<<<<"), "{merged}");
    assert_eq!(cost(&merged, "R-2"), 4.0);
    let (_, status) = git(&dir, &["status", "--porcelain"]);
    assert!(status.contains(&format!("UU {FILE}")), "{status}");
}

#[test]
fn git_merges_edits_on_neighbouring_lines_that_a_text_merge_would_not() {
    // Cost and fit of one request are adjacent lines: git's own line merge stops there;
    // the driver sees two different fields.
    let dir = repository("git-merge-neighbours");
    branch(&dir, "ana", &with_cost(&scenario(), 1, 4));
    let mut fit = scenario();
    fit["requests"][1]["values"]["fit"] = json!(9);
    branch(&dir, "ben", &with_cost(&fit, 1, 2));
    ok(&dir, &["checkout", "-q", "ana"]);
    let out = ok(&dir, &["merge", "--no-edit", "ben"]);
    assert!(!out.contains("CONFLICT"), "{out}");
    let merged: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(FILE)).unwrap()).unwrap();
    assert_eq!(
        merged["requests"][1]["values"],
        json!({ "cost": 4, "fit": 9 })
    );
}
