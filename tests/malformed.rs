//! Files that are not acceptable scenarios: the program refuses each with exit code 2 and a
//! message that names the file and where the problem is — and never panics.
//!
//! The corpus is `tests/data/malformed/*.json`; every file there is run (new files are
//! picked up without touching this test). Files too big to commit (a huge string, a file
//! over the size limit) are made at test time.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{json, Value};
use thresh::{read, Ranking, ReadError};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed")
}

/// Every file of the corpus, by name, sorted.
fn corpus() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("tests/data/malformed")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

// ----- the whole corpus -----

/// Every corpus file: `check` and `rank` exit 2, print nothing on stdout, and say on
/// stderr what is wrong, naming the file; no panic.
#[test]
fn every_corpus_file_is_refused_with_exit_2() {
    let files = corpus();
    assert!(
        files.len() >= 80,
        "the corpus has only {} files",
        files.len()
    );
    let dir = corpus_dir();
    let mut failures = Vec::new();
    for file in &files {
        for command in ["check", "rank"] {
            let r = run_in(&dir, &[command, file.as_str()]);
            let mut why = Vec::new();
            if r.code != Some(2) {
                why.push(format!("exit code {:?}", r.code));
            }
            if r.stderr.contains("panicked") {
                why.push("panicked".to_string());
            }
            if r.stderr.trim().is_empty() {
                why.push("nothing on stderr".to_string());
            } else if !r.stderr.lines().all(|l| l.starts_with(file.as_str())) {
                why.push("a line of stderr does not start with the file's name".to_string());
            }
            if !r.stdout.is_empty() {
                why.push("output on stdout".to_string());
            }
            if !why.is_empty() {
                failures.push(format!(
                    "{command} {file}: {}\n{}",
                    why.join(", "),
                    r.stderr
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The same files through the library: reading fails, or the scenario cannot be scored.
#[test]
fn every_corpus_file_is_refused_by_the_library() {
    for file in corpus() {
        let bytes = std::fs::read(corpus_dir().join(&file)).unwrap();
        match read::from_slice(&bytes) {
            Err(ReadError::Syntax { line, message, .. }) => {
                assert!(line >= 1, "{file}");
                assert!(!message.is_empty(), "{file}");
            }
            Err(ReadError::Invalid(problems)) => assert!(!problems.is_empty(), "{file}"),
            Err(e) => assert!(!e.to_string().is_empty(), "{file}"),
            Ok(s) => {
                let e = Ranking::new(&s)
                    .err()
                    .unwrap_or_else(|| panic!("{file} reads and scores"));
                assert!(!e.0.is_empty(), "{file}");
            }
        }
    }
}

/// Each file is also refused on standard input, named `<stdin>`.
#[test]
fn corpus_files_on_standard_input() {
    for file in corpus() {
        let bytes = std::fs::read(corpus_dir().join(&file)).unwrap();
        let r = run_with_stdin(&["check", "-"], &bytes);
        r.expect_code(2);
        assert!(r.stderr.starts_with("<stdin>"), "{file}: {}", r.stderr);
    }
}

// ----- specific files, specific places -----

/// (file, what a line of stderr starts with, a word that line contains — or one of several
/// separated by `|`). Paths are the contract's JSON paths; syntax errors give line and
/// column.
const EXPECTED: &[(&str, &str, &str)] = &[
    // Not JSON.
    ("not-json.json", "not-json.json:1:2: ", "not valid JSON"),
    ("empty.json", "empty.json:1:", "ends too early"),
    (
        "whitespace-only.json",
        "whitespace-only.json:4:",
        "ends too early",
    ),
    ("truncated.json", "truncated.json:", "ends too early"),
    (
        "truncated-in-string.json",
        "truncated-in-string.json:4:",
        "ends too early",
    ),
    (
        "trailing-garbage.json",
        "trailing-garbage.json:",
        "trailing characters",
    ),
    (
        "trailing-comma.json",
        "trailing-comma.json:",
        "trailing comma",
    ),
    (
        "single-quotes.json",
        "single-quotes.json:1:",
        "not valid JSON",
    ),
    (
        "deeply-nested-arrays.json",
        "deeply-nested-arrays.json:1:",
        "nested too deeply",
    ),
    (
        "deeply-nested-objects.json",
        "deeply-nested-objects.json:1:",
        "nested too deeply",
    ),
    (
        "deeply-nested-unknown-field.json",
        "deeply-nested-unknown-field.json:",
        "nested too deeply",
    ),
    // 1e400 overflows f64: a syntax error, or the field's own message naming its path.
    (
        "number-out-of-range.json",
        "number-out-of-range.json:",
        "out of range|capacity.amount",
    ),
    ("nan-literal.json", "nan-literal.json:", "not valid JSON"),
    (
        "invalid-utf8.json",
        "invalid-utf8.json:4:",
        "not valid JSON",
    ),
    (
        "invalid-utf8-overlong.json",
        "invalid-utf8-overlong.json:",
        "not valid JSON",
    ),
    ("nul-byte.json", "nul-byte.json:1:", "not valid JSON"),
    // A key written twice in one object: refused at its path, never "the last wins".
    (
        "duplicate-key-requests.json",
        "duplicate-key-requests.json: requests: ",
        "twice",
    ),
    (
        "duplicate-key-in-request.json",
        "duplicate-key-in-request.json: requests[0].title: ",
        "twice",
    ),
    (
        "duplicate-key-in-criterion.json",
        "duplicate-key-in-criterion.json: model.criteria[0].weight: ",
        "twice",
    ),
    // JSON, but not a scenario of this version.
    (
        "top-level-array.json",
        "top-level-array.json: not a scenario file",
        "a list",
    ),
    (
        "top-level-string.json",
        "top-level-string.json: not a scenario file",
        "JSON object",
    ),
    (
        "top-level-null.json",
        "top-level-null.json: not a scenario file",
        "null",
    ),
    (
        "format-wrong.json",
        "format-wrong.json: not a scenario file",
        "thresh.scenaro",
    ),
    (
        "format-missing.json",
        "format-missing.json: not a scenario file",
        "format",
    ),
    (
        "format-not-text.json",
        "format-not-text.json: not a scenario file",
        "format",
    ),
    ("version-2.json", "version-2.json: ", "version 2"),
    (
        "version-huge.json",
        "version-huge.json: ",
        "version 18446744073709551615",
    ),
    ("version-0.json", "version-0.json: version: ", "≥ 1"),
    ("version-text.json", "version-text.json: version: ", "\"1\""),
    (
        "version-fraction.json",
        "version-fraction.json: version: ",
        "1.5",
    ),
    (
        "version-missing.json",
        "version-missing.json: version: ",
        "missing",
    ),
    // Required fields.
    ("name-missing.json", "name-missing.json: name: ", "missing"),
    (
        "model-missing.json",
        "model-missing.json: model: ",
        "missing",
    ),
    (
        "requests-missing.json",
        "requests-missing.json: requests: ",
        "missing",
    ),
    (
        "criteria-missing.json",
        "criteria-missing.json: model.criteria: ",
        "missing",
    ),
    (
        "criteria-empty.json",
        "criteria-empty.json: model.criteria: ",
        "at least one criterion",
    ),
    (
        "title-missing.json",
        "title-missing.json: requests[2].title: ",
        "missing",
    ),
    (
        "direction-missing.json",
        "direction-missing.json: model.criteria[2].direction: ",
        "missing",
    ),
    (
        "amount-missing.json",
        "amount-missing.json: capacity.amount: ",
        "missing",
    ),
    (
        "as-of-missing-with-deadline.json",
        "as-of-missing-with-deadline.json: as_of: ",
        "urgency",
    ),
    // Words outside their set.
    (
        "method-unknown.json",
        "method-unknown.json: model.method: ",
        "weighted-average",
    ),
    (
        "direction-unknown.json",
        "direction-unknown.json: model.criteria[0].direction: ",
        "\"up\"",
    ),
    (
        "scale-unknown.json",
        "scale-unknown.json: model.criteria[2].scale: ",
        "zscore",
    ),
    (
        "transform-unknown.json",
        "transform-unknown.json: model.criteria[0].transform: ",
        "sqrt",
    ),
    (
        "derive-unknown.json",
        "derive-unknown.json: model.criteria[0].derive: ",
        "\"asks\"",
    ),
    (
        "plan-unknown.json",
        "plan-unknown.json: requests[0].plan: ",
        "maybe",
    ),
    // Dangling references.
    (
        "dangling-bucket.json",
        "dangling-bucket.json: requests[1].bucket: ",
        "\"platform\"",
    ),
    (
        "dangling-account.json",
        "dangling-account.json: requests[1].asks[0].account: ",
        "\"boeing\"",
    ),
    (
        "dangling-source.json",
        "dangling-source.json: requests[0].asks[1].source: ",
        "\"twitter\"",
    ),
    (
        "dangling-capacity-criterion.json",
        "dangling-capacity-criterion.json: capacity.criterion: ",
        "\"effort\"",
    ),
    (
        "capacity-names-benefit-criterion.json",
        "capacity-names-benefit-criterion.json: capacity.criterion: ",
        "benefit",
    ),
    (
        "dangling-values-key.json",
        "dangling-values-key.json: requests[2].values.effort: ",
        "\"effort\"",
    ),
    // Duplicate ids.
    (
        "duplicate-criterion-id.json",
        "duplicate-criterion-id.json: model.criteria[3].id: ",
        "model.criteria[0]",
    ),
    (
        "duplicate-request-id.json",
        "duplicate-request-id.json: requests[2].id: ",
        "requests[0]",
    ),
    (
        "duplicate-account-id.json",
        "duplicate-account-id.json: accounts[1].id: ",
        "accounts[0]",
    ),
    (
        "duplicate-source-id.json",
        "duplicate-source-id.json: sources[1].id: ",
        "sources[0]",
    ),
    (
        "duplicate-bucket-id.json",
        "duplicate-bucket-id.json: buckets[1].id: ",
        "buckets[0]",
    ),
    (
        "duplicate-capacity-criterion.json",
        "duplicate-capacity-criterion.json: capacity[1].criterion: ",
        "capacity[0]",
    ),
    ("empty-id.json", "empty-id.json: requests[1].id: ", "empty"),
    // Numbers out of range.
    (
        "weight-negative.json",
        "weight-negative.json: model.criteria[1].weight: ",
        "-1",
    ),
    (
        "weights-all-zero.json",
        "weights-all-zero.json: model.criteria: ",
        "weight above 0",
    ),
    (
        "credibility-above-1.json",
        "credibility-above-1.json: sources[0].credibility: ",
        "1.5",
    ),
    (
        "credibility-negative.json",
        "credibility-negative.json: sources[1].credibility: ",
        "-0.2",
    ),
    (
        "confidence-negative.json",
        "confidence-negative.json: requests[1].confidence: ",
        "-0.1",
    ),
    (
        "confidence-above-1.json",
        "confidence-above-1.json: requests[0].confidence: ",
        "80",
    ),
    (
        "min-share-above-max-share.json",
        "min-share-above-max-share.json: buckets[0].min_share: ",
        "max_share",
    ),
    (
        "share-above-1.json",
        "share-above-1.json: buckets[1].max_share: ",
        "1.2",
    ),
    (
        "count-zero.json",
        "count-zero.json: requests[0].asks[1].count: ",
        "whole number",
    ),
    (
        "count-fraction.json",
        "count-fraction.json: requests[0].asks[1].count: ",
        "1.5",
    ),
    (
        "count-negative.json",
        "count-negative.json: requests[0].asks[1].count: ",
        "-3",
    ),
    (
        "ask-account-and-count.json",
        "ask-account-and-count.json: requests[1].asks[0]: ",
        "not both",
    ),
    (
        "horizon-days-zero.json",
        "horizon-days-zero.json: model.criteria[1].horizon_days: ",
        "> 0",
    ),
    (
        "horizon-days-fraction.json",
        "horizon-days-fraction.json: model.criteria[1].horizon_days: ",
        "90.5",
    ),
    (
        "fixed-without-min-max.json",
        "fixed-without-min-max.json: model.criteria[3]: ",
        "min and max",
    ),
    (
        "fixed-without-max.json",
        "fixed-without-max.json: model.criteria[3]: ",
        "min and max",
    ),
    (
        "fixed-min-equals-max.json",
        "fixed-min-equals-max.json: model.criteria[3].max: ",
        "greater than min",
    ),
    (
        "fixed-min-above-max.json",
        "fixed-min-above-max.json: model.criteria[3].max: ",
        "greater than min",
    ),
    (
        "fixed-log-negative-min.json",
        "fixed-log-negative-min.json: model.criteria[3].min: ",
        "log",
    ),
    (
        "range-low-above-likely.json",
        "range-low-above-likely.json: requests[1].values.cost: ",
        "low ≤ likely ≤ high",
    ),
    (
        "range-likely-above-high.json",
        "range-likely-above-high.json: requests[1].values.cost: ",
        "low ≤ likely ≤ high",
    ),
    (
        "range-missing-high.json",
        "range-missing-high.json: requests[1].values.cost.high: ",
        "missing",
    ),
    (
        "arr-negative.json",
        "arr-negative.json: accounts[1].arr: ",
        "-45000",
    ),
    (
        "amount-zero.json",
        "amount-zero.json: capacity.amount: ",
        "> 0",
    ),
    (
        "capacity-effort-negative.json",
        "capacity-effort-negative.json: requests[2].values.cost: ",
        "≥ 0",
    ),
    (
        "log-value-negative.json",
        "log-value-negative.json: requests[0].values.reach: ",
        "≥ 0",
    ),
    // Dates.
    (
        "date-february-30.json",
        "date-february-30.json: requests[0].deadline: ",
        "2027-02-30",
    ),
    (
        "date-wrong-form.json",
        "date-wrong-form.json: as_of: ",
        "YYYY-MM-DD",
    ),
    (
        "date-with-time.json",
        "date-with-time.json: requests[0].asks[0].date: ",
        "YYYY-MM-DD",
    ),
    (
        "date-month-13.json",
        "date-month-13.json: requests[0].asks[0].date: ",
        "2026-13-01",
    ),
    // The team's views (team-v1 §1).
    (
        "view-pair-judged-twice.json",
        "view-pair-judged-twice.json: model.views[1].pairwise[3]: ",
        "already judged in pairwise[0]",
    ),
    (
        "view-ratio-12.json",
        "view-ratio-12.json: model.views[1].pairwise[1].ratio: ",
        "found 12",
    ),
    (
        "view-ratio-text.json",
        "view-ratio-text.json: model.views[1].pairwise[2].ratio: ",
        "\"1/3\"",
    ),
    (
        "view-ratio-missing.json",
        "view-ratio-missing.json: model.views[1].pairwise[2].ratio: ",
        "missing",
    ),
    (
        "view-unknown-criterion.json",
        "view-unknown-criterion.json: model.views[1].pairwise[2].b: ",
        "\"effort\"",
    ),
    (
        "view-weights-unknown-criterion.json",
        "view-weights-unknown-criterion.json: model.views[0].weights.revenue: ",
        "\"revenue\"",
    ),
    (
        "view-judged-against-itself.json",
        "view-judged-against-itself.json: model.views[1].pairwise[0].b: ",
        "two different criteria",
    ),
    (
        "view-pair-not-judged.json",
        "view-pair-not-judged.json: model.views[1].pairwise: ",
        "\"reach\" and \"fit\"",
    ),
    (
        "view-pairwise-empty.json",
        "view-pairwise-empty.json: model.views[1].pairwise: ",
        "2 to 15",
    ),
    (
        "view-pairwise-16-criteria.json",
        "view-pairwise-16-criteria.json: model.views[1].pairwise: ",
        "names 16",
    ),
    (
        "view-weights-all-zero.json",
        "view-weights-all-zero.json: model.views[0].weights: ",
        "above 0",
    ),
    (
        "view-weight-negative.json",
        "view-weight-negative.json: model.views[0].weights.cost: ",
        "-2",
    ),
    (
        "view-weights-and-pairwise.json",
        "view-weights-and-pairwise.json: model.views[0]: ",
        "not both",
    ),
    (
        "view-without-weights.json",
        "view-without-weights.json: model.views[0]: ",
        "weights|pairwise",
    ),
    (
        "view-label-missing.json",
        "view-label-missing.json: model.views[1].label: ",
        "missing",
    ),
    (
        "view-id-twice.json",
        "view-id-twice.json: model.views[1].id: ",
        "model.views[0]",
    ),
    (
        "view-say-negative.json",
        "view-say-negative.json: model.views[1].say: ",
        "-1",
    ),
    (
        "view-says-all-zero.json",
        "view-says-all-zero.json: model.views: ",
        "say above 0",
    ),
    (
        "view-duplicate-key-in-judgement.json",
        "view-duplicate-key-in-judgement.json: model.views[1].pairwise[1].ratio: ",
        "twice",
    ),
    (
        "views-not-a-list.json",
        "views-not-a-list.json: model.views: ",
        "a list",
    ),
    // Reads, but cannot be scored.
];

#[test]
fn specific_files_name_specific_paths() {
    let dir = corpus_dir();
    let files = corpus();
    let mut failures = Vec::new();
    for (file, prefix, word) in EXPECTED {
        assert!(
            files.iter().any(|f| f == file),
            "{file} is not in the corpus"
        );
        let r = run_in(&dir, &["check", file]);
        r.expect_code(2);
        match r.stderr.lines().find(|l| l.starts_with(prefix)) {
            Some(line) if word.split('|').any(|w| line.contains(w)) => {}
            Some(line) => failures.push(format!("{file}: {line:?} lacks {word:?}")),
            None => failures.push(format!(
                "{file}: no line starts with {prefix:?}:\n{}",
                r.stderr
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One run reports every problem of a file, not just the first.
#[test]
fn many_problems_are_all_reported_in_one_run() {
    let dir = corpus_dir();
    let cases: [(&str, &[&str]); 2] = [
        (
            "many-problems.json",
            &[
                "as_of",
                "model.criteria[1].weight",
                "model.criteria[2].id",
                "capacity.amount",
                "buckets[0].min_share",
                "sources[0].credibility",
                "accounts[1].arr",
                "requests[0].bucket",
                "requests[0].asks[0].account",
                "requests[0].asks[1].count",
                "requests[1].confidence",
                "requests[1].values.fit",
                "requests[2].id",
                "requests[2].deadline",
                "requests[2].plan",
            ],
        ),
        (
            "wrong-types.json",
            &[
                "name",
                "as_of",
                "model.use_confidence",
                "model.criteria[0].label",
                "model.criteria[0].weight",
                "model.criteria[1].horizon_days",
                "model.criteria[3].min",
                "buckets[0].label",
                "buckets[1].max_share",
                "sources[0].credibility",
                "accounts[0].arr",
                "accounts[0].strategic",
                "accounts[1].segment",
                "requests[0].description",
                "requests[0].confidence",
                "requests[0].tags",
                "requests[0].asks[0].note",
                "requests[0].asks[1].count",
                "requests[1].values.cost.likely",
                "requests[1].asks",
                "requests[2].values",
            ],
        ),
    ];
    for (file, paths) in cases {
        let r = run_in(&dir, &["check", file]);
        r.expect_code(2);
        let lines: Vec<&str> = r.stderr.lines().collect();
        for path in paths {
            let prefix = format!("{file}: {path}: ");
            assert!(
                lines.iter().any(|l| l.starts_with(&prefix)),
                "{file}: {path} is not reported:\n{}",
                r.stderr
            );
        }
        assert_eq!(
            lines.len(),
            paths.len(),
            "{file}: one line per problem:\n{}",
            r.stderr
        );
    }
}

/// Past 100 problems the rest are counted, not listed.
#[test]
fn more_than_100_problems_are_counted() {
    let dir = corpus_dir();
    let r = run_in(&dir, &["check", "more-than-100-problems.json"]);
    r.expect_code(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 101, "{}", r.stderr);
    assert!(lines[0].starts_with("more-than-100-problems.json: requests[0].confidence: "));
    assert!(lines[99].starts_with("more-than-100-problems.json: requests[99].confidence: "));
    assert!(
        lines[100].ends_with("… and 50 more problems"),
        "{}",
        lines[100]
    );
}

// ----- a wrong type for every field -----

/// Sets the value at a JSON pointer, adding the last key to an object if it is not there.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer");
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"));
    match target {
        Value::Object(m) => {
            m.insert(last.to_string(), value);
        }
        Value::Array(a) => a[last.parse::<usize>().unwrap()] = value,
        other => panic!("{parent} is {other}"),
    }
}

/// (JSON pointer, a value of the wrong type, the path the message must give).
fn wrong_types() -> Vec<(&'static str, Value, &'static str)> {
    vec![
        ("/name", json!(42), "name"),
        ("/as_of", json!(20270104), "as_of"),
        ("/model", json!([]), "model"),
        ("/requests", json!({}), "requests"),
        ("/buckets", json!("growth"), "buckets"),
        ("/sources", json!(1), "sources"),
        ("/accounts", json!(null), "accounts"),
        ("/capacity", json!(40), "capacity"),
        ("/capacity/criterion", json!(5), "capacity.criterion"),
        ("/capacity/amount", json!("40"), "capacity.amount"),
        ("/model/method", json!(1), "model.method"),
        (
            "/model/use_confidence",
            json!("yes"),
            "model.use_confidence",
        ),
        ("/model/criteria", json!({}), "model.criteria"),
        ("/model/criteria/0", json!("reach"), "model.criteria[0]"),
        ("/model/criteria/0/id", json!(5), "model.criteria[0].id"),
        (
            "/model/criteria/0/label",
            json!(["Reach"]),
            "model.criteria[0].label",
        ),
        (
            "/model/criteria/0/direction",
            json!(true),
            "model.criteria[0].direction",
        ),
        (
            "/model/criteria/0/weight",
            json!("4"),
            "model.criteria[0].weight",
        ),
        (
            "/model/criteria/0/scale",
            json!(1),
            "model.criteria[0].scale",
        ),
        (
            "/model/criteria/0/transform",
            json!(false),
            "model.criteria[0].transform",
        ),
        (
            "/model/criteria/0/derive",
            json!([]),
            "model.criteria[0].derive",
        ),
        ("/model/criteria/1/min", json!("0"), "model.criteria[1].min"),
        (
            "/model/criteria/1/max",
            json!(null),
            "model.criteria[1].max",
        ),
        (
            "/model/criteria/1/horizon_days",
            json!("180"),
            "model.criteria[1].horizon_days",
        ),
        ("/buckets/0", json!(["growth"]), "buckets[0]"),
        ("/buckets/0/id", json!(1), "buckets[0].id"),
        ("/buckets/0/label", json!(false), "buckets[0].label"),
        ("/buckets/0/min_share", json!("0.2"), "buckets[0].min_share"),
        ("/buckets/0/max_share", json!([]), "buckets[0].max_share"),
        ("/sources/0", json!(0.5), "sources[0]"),
        ("/sources/0/id", json!(null), "sources[0].id"),
        ("/sources/0/label", json!(1), "sources[0].label"),
        (
            "/sources/0/credibility",
            json!("high"),
            "sources[0].credibility",
        ),
        ("/accounts/0", json!(true), "accounts[0]"),
        ("/accounts/0/id", json!(7), "accounts[0].id"),
        ("/accounts/0/name", json!(1), "accounts[0].name"),
        ("/accounts/0/arr", json!("1.2M"), "accounts[0].arr"),
        ("/accounts/0/segment", json!(1), "accounts[0].segment"),
        (
            "/accounts/0/strategic",
            json!("true"),
            "accounts[0].strategic",
        ),
        ("/requests/0", json!("R-1"), "requests[0]"),
        ("/requests/0/id", json!(1), "requests[0].id"),
        ("/requests/0/title", json!(1), "requests[0].title"),
        (
            "/requests/0/description",
            json!({}),
            "requests[0].description",
        ),
        ("/requests/0/bucket", json!(1), "requests[0].bucket"),
        ("/requests/0/values", json!([]), "requests[0].values"),
        (
            "/requests/0/values/cost",
            json!("8"),
            "requests[0].values.cost",
        ),
        (
            "/requests/0/values/fit",
            json!(null),
            "requests[0].values.fit",
        ),
        ("/requests/0/asks", json!({}), "requests[0].asks"),
        ("/requests/0/asks/0", json!("citi"), "requests[0].asks[0]"),
        (
            "/requests/0/asks/0/account",
            json!(1),
            "requests[0].asks[0].account",
        ),
        (
            "/requests/0/asks/0/source",
            json!(1),
            "requests[0].asks[0].source",
        ),
        (
            "/requests/0/asks/0/date",
            json!(1),
            "requests[0].asks[0].date",
        ),
        (
            "/requests/0/asks/0/note",
            json!(1),
            "requests[0].asks[0].note",
        ),
        (
            "/requests/0/asks/1/count",
            json!("12"),
            "requests[0].asks[1].count",
        ),
        (
            "/requests/0/deadline",
            json!(20270330),
            "requests[0].deadline",
        ),
        (
            "/requests/0/confidence",
            json!("0.5"),
            "requests[0].confidence",
        ),
        ("/requests/0/plan", json!(true), "requests[0].plan"),
        ("/requests/0/tags", json!("a"), "requests[0].tags"),
        ("/requests/0/tags/0", json!(1), "requests[0].tags[0]"),
        (
            "/requests/1/values/cost/low",
            json!("2"),
            "requests[1].values.cost.low",
        ),
        (
            "/requests/1/values/cost/likely",
            json!([]),
            "requests[1].values.cost.likely",
        ),
        (
            "/requests/1/values/cost/high",
            json!({}),
            "requests[1].values.cost.high",
        ),
    ]
}

#[test]
fn a_wrong_type_anywhere_is_reported_at_its_path() {
    // The base file is valid.
    let base = full_scenario();
    let s = read::from_str(&base.to_string()).expect("the base scenario reads");
    Ranking::new(&s).expect("the base scenario scores");

    let mut failures = Vec::new();
    for (pointer, value, path) in wrong_types() {
        let mut doc = base.clone();
        set(&mut doc, pointer, value.clone());
        match read::from_str(&doc.to_string()) {
            Err(ReadError::Invalid(problems)) => {
                match problems.list.iter().find(|p| p.path == path) {
                    Some(p) if p.message.contains("must") || p.message.contains("found") => {}
                    Some(p) => failures.push(format!("{pointer}: unclear message {:?}", p.message)),
                    None => failures.push(format!(
                        "{pointer} = {value}: no problem at {path}: {problems}"
                    )),
                }
            }
            Err(e) => failures.push(format!("{pointer} = {value}: {e}")),
            Ok(_) => failures.push(format!("{pointer} = {value}: accepted")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ----- made at test time: huge strings, huge files, limits -----

/// A change made to the base scenario.
type Change = Box<dyn Fn(&mut Value)>;

#[test]
fn a_string_over_10000_characters_is_refused() {
    let dir = scratch("malformed-huge-string");
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "huge-title.json",
            Box::new(|d| d["requests"][0]["title"] = json!("x".repeat(10_001))),
            "requests[0].title: ",
        ),
        (
            "huge-id.json",
            Box::new(|d| d["requests"][2]["id"] = json!("R".repeat(20_000))),
            "requests[2].id: ",
        ),
        (
            "huge-multibyte.json",
            Box::new(|d| d["name"] = json!("é".repeat(10_001))),
            "name: ",
        ),
        (
            "huge-unknown-field.json",
            Box::new(|d| d["requests"][0]["x-note"] = json!("n".repeat(50_000))),
            "requests[0].x-note: ",
        ),
        (
            "huge-nested-unknown.json",
            Box::new(|d| d["model"]["x"] = json!({ "deep": ["w".repeat(10_001)] })),
            "model.x.deep[0]: ",
        ),
        (
            "huge-key.json",
            Box::new(|d| {
                d["accounts"][0]
                    .as_object_mut()
                    .unwrap()
                    .insert("k".repeat(10_001), json!(1));
            }),
            "accounts[0]: ",
        ),
    ];
    for (file, change, prefix) in cases {
        let mut doc = full_scenario();
        change(&mut doc);
        write_file(&dir, file, doc.to_string());
        let r = run_in(&dir, &["check", file]);
        r.expect_code(2);
        let line = r
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("{file}: {prefix}")))
            .unwrap_or_else(|| panic!("{file}: no line for {prefix}:\n{}", r.stderr));
        assert!(
            line.contains("10000") || line.contains("10,000"),
            "{file}: the limit is named: {line}"
        );
        assert!(
            line.chars().count() < 400,
            "{file}: the message does not repeat the string"
        );
    }
    // At the limit, in characters not bytes: accepted.
    let mut doc = full_scenario();
    doc["requests"][0]["title"] = json!("x".repeat(10_000));
    doc["name"] = json!("é".repeat(10_000));
    doc["requests"][1]["description"] = json!("😀".repeat(10_000));
    write_file(&dir, "at-limit.json", doc.to_string());
    run_in(&dir, &["check", "at-limit.json"]).expect_code(0);
}

#[test]
fn a_file_over_50_mib_is_refused_naming_the_limit() {
    // Library: nothing is parsed. The limit counts the JSON's own bytes, not the
    // whitespace between them (src/limits.rs), so these are 50 MiB of a number's digits.
    let big = vec![b'7'; 50 * 1024 * 1024 + 1];
    match read::from_slice(&big) {
        Err(e @ ReadError::TooLarge { .. }) => assert!(e.to_string().contains("50 MiB"), "{e}"),
        other => panic!("{other:?}"),
    }
    // Command line.
    let dir = scratch("malformed-too-large");
    write_file(&dir, "too-large.json", &big);
    drop(big);
    let r = run_in(&dir, &["check", "too-large.json"]);
    let _ = std::fs::remove_file(dir.join("too-large.json"));
    r.expect_code(2);
    assert!(r.stderr.starts_with("too-large.json: "), "{}", r.stderr);
    assert!(r.stderr.contains("50 MiB"), "{}", r.stderr);
}

#[test]
fn list_limits_are_named() {
    // 100,001 requests.
    let mut text = String::from(
        r#"{"format": "thresh.scenario", "version": 1, "name": "n", "model": {"criteria": [{"id": "v", "label": "v", "direction": "benefit"}]}, "accounts": [], "requests": ["#,
    );
    text.push_str(&vec!["{}"; 100_001].join(","));
    text.push_str("]}");
    match read::from_str(&text) {
        Err(ReadError::Invalid(p)) => {
            assert_eq!(p.list.len(), 1, "{p}");
            assert_eq!(p.list[0].path, "requests");
            assert!(p.list[0].message.contains("100000"), "{p}");
        }
        other => panic!("{other:?}"),
    }
    // 100,001 accounts.
    let mut doc = full_scenario();
    doc["accounts"] = Value::Array(
        (0..100_001)
            .map(|i| json!({ "id": format!("a{i}") }))
            .collect(),
    );
    doc["requests"] = json!([]);
    match read::from_str(&doc.to_string()) {
        Err(ReadError::Invalid(p)) => {
            assert!(
                p.list
                    .iter()
                    .any(|x| x.path == "accounts" && x.message.contains("100000")),
                "{p}"
            );
        }
        other => panic!("{other:?}"),
    }
    // 64 criteria are fine; 65 are not.
    let criteria = |n: usize| -> Value {
        Value::Array(
            (0..n)
                .map(|i| json!({ "id": format!("c{i}"), "label": "c", "direction": "benefit" }))
                .collect(),
        )
    };
    let mut doc = full_scenario();
    doc["model"]["criteria"] = criteria(64);
    doc["requests"] = json!([{ "id": "r", "title": "t", "values": { "c0": 1 } }]);
    doc.as_object_mut().unwrap().remove("capacity");
    let s = read::from_str(&doc.to_string()).expect("64 criteria read");
    assert_eq!(s.model.criteria.len(), 64);
    doc["model"]["criteria"] = criteria(65);
    match read::from_str(&doc.to_string()) {
        Err(ReadError::Invalid(p)) => {
            assert!(
                p.list
                    .iter()
                    .any(|x| x.path == "model.criteria" && x.message.contains("64")),
                "{p}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn binary_garbage_and_deep_nesting_on_standard_input() {
    let inputs: Vec<Vec<u8>> = vec![
        b"[".repeat(100_000),
        b"{\"a\":".repeat(50_000),
        vec![0xff, 0xfe, 0x00, 0x7b],
        (0..=255u8).cycle().take(4096).collect(),
        "\u{feff}{}".as_bytes().to_vec(),
        b"{\"format\": \"thresh.scenario\", \"version\": 1e999}".to_vec(),
    ];
    for input in inputs {
        let r = run_with_stdin(&["rank", "-", "--json"], &input);
        r.expect_code(2);
        assert!(r.stderr.starts_with("<stdin>"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

// ----- valid but extreme numbers -----

/// Finite inputs the reader accepts must give finite scores — or be refused with exit 2.
/// Contract §1 "Numbers are finite", §6 `score`/`value` are numbers. (Each case once gave
/// NaN, printed as `NaN` in the table and `null` in `rank --json`, with exit 0.)
#[test]
fn extreme_values_score_finitely_or_are_refused() {
    let dir = scratch("malformed-extreme");
    let cases = [
        // minmax: hi − lo = 1e308 − (−1e308) = ∞, so r1's utility is ∞ / ∞ = NaN.
        json!({"format": "thresh.scenario", "version": 1, "name": "x", "model": {"criteria": [
            {"id": "a", "label": "a", "direction": "benefit"}, {"id": "c", "label": "c", "direction": "cost"}]},
            "requests": [{"id": "r1", "title": "t", "values": {"a": 1e308, "c": 1}},
                         {"id": "r2", "title": "t", "values": {"a": -1e308, "c": 2}}]}),
        // ratio: numerator and denominator both overflow to ∞.
        json!({"format": "thresh.scenario", "version": 1, "name": "x", "model": {"method": "ratio", "criteria": [
            {"id": "a", "label": "a", "direction": "benefit"}, {"id": "b", "label": "b", "direction": "benefit"},
            {"id": "c", "label": "c", "direction": "cost"}, {"id": "d", "label": "d", "direction": "cost"}]},
            "requests": [{"id": "r1", "title": "t", "values": {"a": 1e308, "b": 1e308, "c": 1e308, "d": 1e308}},
                         {"id": "r2", "title": "t", "values": {"a": 1, "b": 1, "c": 1, "d": 1}}]}),
        // weighted-product: 1e-300 × 1e-300 underflows to 0, exp(2 ln 1e300) overflows to ∞.
        json!({"format": "thresh.scenario", "version": 1, "name": "x", "model": {"method": "weighted-product", "criteria": [
            {"id": "a", "label": "a", "direction": "benefit"}, {"id": "b", "label": "b", "direction": "benefit"},
            {"id": "c", "label": "c", "direction": "benefit", "weight": 2}]},
            "requests": [{"id": "r1", "title": "t", "values": {"a": 1e-300, "b": 1e-300, "c": 1e300}},
                         {"id": "r2", "title": "t", "values": {"a": 1, "b": 1, "c": 1}}]}),
        // weighted-sum: W = 1e308 + 1e308 = ∞ and Σ w·u = ∞ for r1, so ∞ / ∞ = NaN.
        json!({"format": "thresh.scenario", "version": 1, "name": "x", "model": {"criteria": [
            {"id": "a", "label": "a", "direction": "benefit", "weight": 1e308},
            {"id": "c", "label": "c", "direction": "cost", "weight": 1e308}]},
            "requests": [{"id": "r1", "title": "t", "values": {"a": 2, "c": 1}},
                         {"id": "r2", "title": "t", "values": {"a": 1, "c": 2}}]}),
    ];
    let mut failures = Vec::new();
    for (k, doc) in cases.iter().enumerate() {
        let file = format!("extreme-{k}.json");
        write_file(&dir, &file, doc.to_string());
        let r = run_in(&dir, &["rank", &file, "--json"]);
        match r.code {
            Some(2) => assert!(r.stderr.starts_with(&file), "{}", r.stderr),
            Some(0) => {
                let out: Value = serde_json::from_str(&r.stdout).unwrap();
                for item in out["ranking"].as_array().unwrap() {
                    // A request the method cannot score has no number at all (null), and
                    // says why in its flag; every other number is finite.
                    let unscored = item["flags"]
                        .as_array()
                        .is_some_and(|f| f.iter().any(|x| x == "unscorable"));
                    for key in ["score", "value"] {
                        if unscored {
                            if !item[key].is_null() {
                                failures.push(format!(
                                    "{file}: {} is unscorable but has {key} {}",
                                    item["id"], item[key]
                                ));
                            }
                        } else if !item[key].as_f64().is_some_and(f64::is_finite) {
                            failures
                                .push(format!("{file}: {} has {key} {}", item["id"], item[key]));
                        }
                    }
                    for key in ["utilities", "contributions"] {
                        if let Some(m) = item.get(key).and_then(Value::as_object) {
                            for (c, x) in m {
                                if !x.as_f64().is_some_and(f64::is_finite) {
                                    failures
                                        .push(format!("{file}: {} has {key}.{c} {x}", item["id"]));
                                }
                            }
                        }
                    }
                }
            }
            other => failures.push(format!("{file}: exit {other:?}: {}", r.stderr)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
