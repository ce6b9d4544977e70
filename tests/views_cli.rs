//! `thresh views FILE [--json] [--top K]` (team-v1 §3), run as a user runs it: the JSON's
//! shape exactly as the contract gives it, the table, and the exit codes.

mod common;

use common::*;
use thresh::json::{Cursor, Value};

const TEAM: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/field-service-team.thresh.json"
);
const NO_VIEWS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/field-service-q2.thresh.json"
);

/// The output as our own JSON value, whose objects keep their keys in order.
fn parse(text: &str) -> Value {
    thresh::json::scan(text).expect("valid JSON");
    Cursor::new(text, 0).value()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().expect("an object").keys().collect()
}

fn items(v: &Value) -> &[Value] {
    v.as_array().expect("a list")
}

fn ids(v: &Value) -> Vec<&str> {
    items(v).iter().map(|x| x.as_str().unwrap()).collect()
}

const CRITERIA: [&str; 5] = ["reach", "revenue", "urgency", "effort", "fit"];

#[test]
fn json_has_the_contracts_shape() {
    let r = run(&["views", TEAM, "--json"]);
    r.expect_code(0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let doc = parse(&r.stdout);
    assert_eq!(keys(&doc), ["views", "team", "ranks", "agreement"]);

    let views = items(doc.get("views").unwrap());
    assert_eq!(views.len(), 3);
    // lambda_max, ci and cr for pairwise views only.
    assert_eq!(keys(&views[0]), ["id", "label", "weights", "top"]);
    assert_eq!(
        keys(&views[1]),
        ["id", "label", "weights", "lambda_max", "ci", "cr", "top"]
    );
    assert_eq!(keys(&views[2]), ["id", "label", "weights", "top"]);
    let view_ids: Vec<&str> = views
        .iter()
        .map(|v| v.get("id").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(view_ids, ["pm", "cs", "kat"]);
    assert_eq!(
        views[1].get("label").unwrap().as_str(),
        Some("Head of customer success")
    );
    for v in views {
        let w = v.get("weights").unwrap();
        assert_eq!(keys(w), CRITERIA);
        let sum: f64 = CRITERIA
            .iter()
            .map(|c| w.get(c).unwrap().as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-12, "{sum}");
        assert_eq!(items(v.get("top").unwrap()).len(), 10);
    }
    // pm's points 4, 2, 3, 3, 1 over 13.
    let pm = views[0].get("weights").unwrap();
    assert_eq!(pm.get("reach").unwrap().as_f64(), Some(4.0 / 13.0));
    let cr = views[1].get("cr").unwrap().as_f64().unwrap();
    let ci = views[1].get("ci").unwrap().as_f64().unwrap();
    let lambda = views[1].get("lambda_max").unwrap().as_f64().unwrap();
    assert!((ci - (lambda - 4.0) / 3.0).abs() < 1e-12 && (cr - ci / 0.90).abs() < 1e-12);

    let team = doc.get("team").unwrap();
    assert_eq!(keys(team), ["weights", "spread", "top"]);
    assert_eq!(keys(team.get("weights").unwrap()), CRITERIA);
    let spread = team.get("spread").unwrap();
    assert_eq!(keys(spread), CRITERIA);
    for c in CRITERIA {
        let pair = items(spread.get(c).unwrap());
        assert_eq!(pair.len(), 2);
        let (lo, hi) = (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
        let given: Vec<f64> = views
            .iter()
            .map(|v| v.get("weights").unwrap().get(c).unwrap().as_f64().unwrap())
            .collect();
        assert_eq!(lo, given.iter().copied().fold(f64::INFINITY, f64::min));
        assert_eq!(hi, given.iter().copied().fold(f64::NEG_INFINITY, f64::max));
    }
    let team_top = ids(team.get("top").unwrap());
    assert_eq!(team_top.len(), 10);

    // ranks: every ranked request, in the team's order, with each view's rank.
    let ranks = items(doc.get("ranks").unwrap());
    assert_eq!(ranks.len(), 12);
    for (pos, r) in ranks.iter().enumerate() {
        assert_eq!(keys(r), ["id", "team", "by_view"]);
        assert_eq!(r.get("team").unwrap().as_f64(), Some(pos as f64 + 1.0));
        assert_eq!(keys(r.get("by_view").unwrap()), ["pm", "cs", "kat"]);
    }
    let ranked_ids: Vec<&str> = ranks
        .iter()
        .map(|r| r.get("id").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(&ranked_ids[..10], team_top.as_slice());
    // Each view's top is its ranks 1 … 10.
    for (v, view) in views.iter().enumerate() {
        let id = view_ids[v];
        let mut by_rank: Vec<(f64, &str)> = ranks
            .iter()
            .map(|r| {
                let rank = r.get("by_view").unwrap().get(id).unwrap().as_f64().unwrap();
                (rank, r.get("id").unwrap().as_str().unwrap())
            })
            .collect();
        by_rank.sort_by(|a, b| a.0.total_cmp(&b.0));
        let top: Vec<&str> = by_rank[..10].iter().map(|x| x.1).collect();
        assert_eq!(top, ids(view.get("top").unwrap()), "{id}");
    }
    assert_eq!(doc.get("agreement").unwrap().as_f64(), Some(0.8));
}

#[test]
fn json_with_a_smaller_top() {
    let r = run(&["views", TEAM, "--json", "--top", "3"]);
    r.expect_code(0);
    let doc = parse(&r.stdout);
    for v in items(doc.get("views").unwrap()) {
        assert_eq!(items(v.get("top").unwrap()).len(), 3);
    }
    assert_eq!(items(doc.get("team").unwrap().get("top").unwrap()).len(), 3);
    // ranks still lists every request.
    assert_eq!(items(doc.get("ranks").unwrap()).len(), 12);
    let a = doc.get("agreement").unwrap().as_f64().unwrap();
    assert!([0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0].contains(&a), "{a}");
    // The same numbers as the library's.
    let s = thresh::read::from_str(&std::fs::read_to_string(TEAM).unwrap()).unwrap();
    let t = thresh::team::Team::new(&s, Some(3)).unwrap();
    assert_eq!(r.stdout, t.to_json());
}

#[test]
fn the_table_is_for_people() {
    let r = run(&["views", TEAM]);
    r.expect_code(0);
    let out = &r.stdout;
    assert!(
        out.starts_with("3 views of the weights; 12 requests ranked, top 10\n"),
        "{out}"
    );
    let lines: Vec<&str> = out.lines().collect();
    let header = lines.iter().find(|l| l.starts_with("criterion")).unwrap();
    for word in ["pm", "cs", "kat", "spread", "team"] {
        assert!(header.contains(word), "{header}");
    }
    // One row per criterion, its weights with three decimals.
    let reach = lines.iter().find(|l| l.starts_with("reach")).unwrap();
    assert!(reach.contains("0.308"), "{reach}");
    for c in CRITERIA {
        assert!(lines.iter().any(|l| l.starts_with(c)), "{c}");
    }
    // Says, CR with its flag, who is who.
    assert!(lines
        .iter()
        .any(|l| l.starts_with("say") && l.contains("0.5")));
    let cr = lines.iter().find(|l| l.starts_with("CR")).unwrap();
    assert!(cr.contains('!') && cr.contains('—'), "{cr}");
    assert!(out.contains("cs: Head of customer success"), "{out}");
    assert!(
        out.contains("Head of customer success's judgements are inconsistent (CR 0.143"),
        "{out}"
    );
    assert!(out.contains("urgency vs effort judged 3"), "{out}");
    assert!(out.contains("agreement at 10: 0.8\n"), "{out}");
    assert!(
        out.contains("  8 of the top 10 are in everyone's top 10\n"),
        "{out}"
    );
    assert!(
        out.contains("  FS-102 is in Key-account team's top 10 only\n"),
        "{out}"
    );
    // Ranks by view: a header and the 12 requests in the team's order.
    let at = lines.iter().position(|l| l.starts_with("team")).unwrap();
    assert!(lines[at].contains("title") && lines[at].ends_with("kat"));
    let rows = &lines[at + 1..];
    assert_eq!(rows.len(), 12, "{out}");
    assert!(rows[0].trim_start().starts_with("1  FS-111"), "{}", rows[0]);
}

#[test]
fn without_views_exit_2() {
    let r = run(&["views", NO_VIEWS]);
    r.expect_code(2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.starts_with(NO_VIEWS) && r.stderr.contains("model.views"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("no views"), "{}", r.stderr);
    run(&["views", NO_VIEWS, "--json"]).expect_code(2);
}

#[test]
fn bad_tops_exit_2_and_usage_mistakes_exit_1() {
    for k in ["0", "13", "-1", "x", "2.5", ""] {
        let r = run(&["views", TEAM, "--top", k]);
        r.expect_code(2);
        assert!(
            r.stderr.starts_with(&format!(
                "{TEAM}: --top must be a whole number from 1 to 12"
            )),
            "{k}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty());
    }
    run(&["views", TEAM, "--top", "12"]).expect_code(0);
    run(&["views", TEAM, "--top", "1", "--top", "2"]).expect_code(2);
    let r = run(&["views", TEAM, "--top"]);
    r.expect_code(1);
    assert!(r.stderr.contains("--top needs"), "{}", r.stderr);
    let r = run(&["views", TEAM, "--pin", "FS-101"]);
    r.expect_code(1);
    assert!(
        r.stderr.contains("views takes no such option"),
        "{}",
        r.stderr
    );
    run(&["views"]).expect_code(1);
    run(&["views", TEAM, TEAM]).expect_code(1);
    // --top belongs to views: other commands refuse it.
    run(&["rank", TEAM, "--top", "3"]).expect_code(1);
}

#[test]
fn a_file_with_bad_views_exits_2_with_the_path() {
    let dir = scratch("views-cli-bad");
    let text = std::fs::read_to_string(TEAM)
        .unwrap()
        .replace(r#""ratio": 0.25"#, r#""ratio": 12"#);
    write_file(&dir, "bad.json", text);
    let r = run_in(&dir, &["views", "bad.json"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .starts_with("bad.json: model.views[1].pairwise[5].ratio: "),
        "{}",
        r.stderr
    );
    run_in(&dir, &["check", "bad.json"]).expect_code(2);
}

#[test]
fn views_reads_standard_input_and_fmt_keeps_views() {
    let bytes = std::fs::read(TEAM).unwrap();
    let r = run_with_stdin(&["views", "-", "--json"], &bytes);
    r.expect_code(0);
    assert_eq!(r.stdout, run(&["views", TEAM, "--json"]).stdout);
    let r = run(&["fmt", TEAM]);
    r.expect_code(0);
    assert_eq!(
        r.stdout_bytes, bytes,
        "the example is canonical and keeps its views"
    );
    // The other commands read a file with views as before.
    run(&["check", TEAM]).expect_code(0);
    run(&["rank", TEAM]).expect_code(0);
}

#[test]
fn the_usage_names_views() {
    let r = run(&["--help"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("views FILE [--json] [--top K]"),
        "{}",
        r.stdout
    );
}

#[test]
fn labels_and_ids_reach_the_terminal_escaped() {
    let dir = scratch("views-cli-escape");
    let text = std::fs::read_to_string(TEAM)
        .unwrap()
        .replace("Key-account team", "Key\\u001b[2Jaccount");
    write_file(&dir, "esc.json", text);
    let r = run_in(&dir, &["views", "esc.json"]);
    r.expect_code(0);
    assert!(!r.stdout.contains('\u{1b}'), "{}", r.stdout);
    assert!(r.stdout.contains("Key\\u{1b}[2Jaccount"), "{}", r.stdout);
}

/// The table shown in docs/cli.md is the program's real output.
#[test]
fn the_documented_table_is_real() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = std::fs::read_to_string(root.join("docs/cli.md")).unwrap();
    let command = "$ thresh views examples/field-service-team.thresh.json\n";
    let start = docs.find(command).expect("the example in docs/cli.md") + command.len();
    let shown = &docs[start..start + docs[start..].find("```").unwrap()];
    let r = run_in(root, &["views", "examples/field-service-team.thresh.json"]);
    r.expect_code(0);
    assert_eq!(shown, r.stdout);
}

#[test]
fn with_nothing_to_rank_the_agreement_is_null() {
    let dir = scratch("views-cli-empty");
    let text = std::fs::read_to_string(TEAM).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["requests"] = serde_json::json!([]);
    let doc = doc.as_object_mut().unwrap();
    doc.remove("capacity");
    doc.remove("buckets");
    write_file(&dir, "empty.json", serde_json::to_string(doc).unwrap());
    let r = run_in(&dir, &["views", "empty.json", "--json"]);
    r.expect_code(0);
    let out = parse(&r.stdout);
    assert!(
        matches!(out.get("agreement"), Some(Value::Null)),
        "{}",
        r.stdout
    );
    assert!(items(out.get("ranks").unwrap()).is_empty());
    run_in(&dir, &["views", "empty.json"]).expect_code(0);
    let r = run_in(&dir, &["views", "empty.json", "--top", "1"]);
    r.expect_code(2);
    assert!(r
        .stderr
        .starts_with("empty.json: --top 1: there is no request to rank"));
}
