//! The `thresh` command line (contract §6), run as a user runs it: the built binary, its
//! exit codes, standard output and standard error.

mod common;

use common::*;
use serde_json::{json, Value};

fn example() -> String {
    example_path().to_string_lossy().into_owned()
}

/// The bundled example, which has a capacity and buckets to plan with.
fn field_service() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/field-service-q2.thresh.json"
    )
    .to_string()
}

// ----- check, rank, fmt on the example -----

#[test]
fn check_prints_a_one_line_summary() {
    let r = run(&["check", &example()]);
    r.expect_code(0);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stdout.contains("ok"), "{}", r.stdout);
    assert!(r.stdout.contains("12 requests"), "{}", r.stdout);
    assert!(r.stdout.contains("banking-q1.json"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn check_reads_standard_input() {
    let bytes = std::fs::read(example_path()).unwrap();
    let r = run_with_stdin(&["check", "-"], &bytes);
    r.expect_code(0);
    assert!(
        r.stdout.contains("<stdin>") && r.stdout.contains("ok"),
        "{}",
        r.stdout
    );
}

#[test]
fn rank_prints_a_table_in_rank_order() {
    let r = run(&["rank", &example()]);
    r.expect_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 13, "a header and 12 rows:\n{}", r.stdout);
    assert!(
        lines[0].contains("rank") && lines[0].contains("score"),
        "{}",
        lines[0]
    );
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "R-03", "R-07", "R-06", "R-02", "R-08", "R-04", "R-10", "R-12", "R-01", "R-11", "R-09",
            "R-05"
        ]
    );
    assert!(lines[1].contains("52.8"), "{}", lines[1]);
    assert!(lines[6].contains("single-account"), "{}", lines[6]);
    assert!(lines[8].contains("incomplete"), "{}", lines[8]);
}

#[test]
fn rank_json_has_the_contract_shape() {
    let r = run(&["rank", &example(), "--json"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).expect("rank --json prints JSON");
    let obj = doc.as_object().expect("an object");
    let mut keys: Vec<&str> = obj.keys().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["ranking", "warnings"]);
    let warnings = doc["warnings"].as_array().expect("warnings is a list");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].as_str().unwrap().contains("R-12"));

    let criteria = ["reach", "revenue", "urgency", "cost", "fit"];
    let ranking = doc["ranking"].as_array().expect("ranking is a list");
    assert_eq!(ranking.len(), 12);
    let mut previous = f64::INFINITY;
    for (pos, item) in ranking.iter().enumerate() {
        let mut keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "contributions",
                "flags",
                "id",
                "rank",
                "score",
                "utilities",
                "value"
            ],
            "{item}"
        );
        let id = item["id"].as_str().expect("id is text");
        assert_eq!(item["rank"].as_u64(), Some(pos as u64 + 1), "{id}");
        let score = item["score"].as_f64().expect("score is a number");
        assert!(item["value"].as_f64().is_some(), "{id}");
        assert!(score <= previous, "{id}: scores go down the ranking");
        previous = score;
        assert!(item["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f.is_string()));

        let utilities = item["utilities"].as_object().expect("utilities");
        let contributions = item["contributions"].as_object().expect("contributions");
        // Keys in the model's order of criteria.
        assert_eq!(utilities.len(), 5);
        assert_eq!(contributions.len(), 5);
        let mut sum = 0.0;
        for c in criteria {
            let u = utilities[c]
                .as_f64()
                .unwrap_or_else(|| panic!("{id}: utility {c}"));
            assert!((0.0..=1.0).contains(&u), "{id}: utility {c} = {u}");
            sum += contributions[c]
                .as_f64()
                .unwrap_or_else(|| panic!("{id}: contribution {c}"));
        }
        assert!(
            (sum - score).abs() <= 1e-9,
            "{id}: contributions add to {sum}, score {score}"
        );
    }
    let top = &ranking[0];
    assert_eq!(top["id"], "R-03");
    assert_eq!(ranking[7]["flags"], json!(["incomplete"]));
    assert_eq!(ranking[5]["flags"], json!(["single-account"]));

    // The option may come before the file.
    let before = run(&["rank", "--json", &example()]);
    before.expect_code(0);
    assert_eq!(before.stdout, r.stdout);
}

#[test]
fn rank_json_leaves_out_utilities_without_weighted_sum() {
    let dir = scratch("cli-product");
    let doc = json!({
        "format": "thresh.scenario", "version": 1, "name": "RICE",
        "model": { "method": "weighted-product", "criteria": [
            { "id": "reach", "label": "Reach", "direction": "benefit" },
            { "id": "effort", "label": "Effort", "direction": "cost" } ] },
        "requests": [
            { "id": "a", "title": "A", "values": { "reach": 10, "effort": 2 }, "confidence": 0.5 },
            { "id": "b", "title": "B", "values": { "reach": 3, "effort": 1 } } ]
    });
    let path = write_file(&dir, "rice.json", doc.to_string());
    let r = run(&["rank", path.to_str().unwrap(), "--json"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    for item in doc["ranking"].as_array().unwrap() {
        assert!(item.get("utilities").is_none(), "{item}");
        assert!(item.get("contributions").is_none(), "{item}");
    }
    // 10 × 0.5 / 2 = 2.5 and 3 / 1 = 3: b first.
    assert_eq!(doc["ranking"][0]["id"], "b");
    assert_eq!(doc["ranking"][0]["score"].as_f64(), Some(3.0));
    assert_eq!(doc["ranking"][1]["score"].as_f64(), Some(2.5));
}

// ----- fmt -----

#[test]
fn fmt_is_idempotent_through_standard_input() {
    let first = run(&["fmt", &example()]);
    first.expect_code(0);
    assert!(first.stdout.ends_with("}\n"), "a final newline");
    assert!(
        first.stdout.contains("\n  \"model\": {\n    \"method\""),
        "two-space indentation"
    );
    let second = run_with_stdin(&["fmt", "-"], &first.stdout_bytes);
    second.expect_code(0);
    assert_eq!(
        second.stdout_bytes, first.stdout_bytes,
        "fmt | fmt - changes the bytes"
    );
    let third = run_with_stdin(&["fmt", "-"], &second.stdout_bytes);
    third.expect_code(0);
    assert_eq!(third.stdout_bytes, first.stdout_bytes);
    // The canonical file ranks exactly as the original.
    let a = run(&["rank", &example(), "--json"]);
    let b = run_with_stdin(&["rank", "-", "--json"], &first.stdout_bytes);
    b.expect_code(0);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn fmt_keeps_the_meaning_of_every_field() {
    let dir = scratch("cli-fmt-full");
    let original = full_scenario();
    let path = write_file(&dir, "full.json", original.to_string());
    let out = run(&["fmt", path.to_str().unwrap()]);
    out.expect_code(0);
    let again = run_with_stdin(&["fmt", "-"], &out.stdout_bytes);
    again.expect_code(0);
    assert_eq!(again.stdout, out.stdout);
    let a = thresh::read::from_str(&original.to_string()).unwrap();
    let b = thresh::read::from_str(&out.stdout).unwrap();
    assert_eq!(a, b);
    // Numbers as the contract writes them: whole numbers without a fraction.
    let written: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        written["requests"][1]["values"]["cost"],
        json!({"low": 2, "likely": 3, "high": 5})
    );
    assert!(out.stdout.contains("\"amount\": 40"), "{}", out.stdout);
    assert!(out.stdout.contains("\"confidence\": 0.5"), "{}", out.stdout);
}

/// The unknown fields `fmt_keeps_unknown_fields_at_every_level` plants: (JSON pointer of
/// the object, key, value).
fn unknown_fields() -> Vec<(&'static str, &'static str, Value)> {
    let odd = json!({ "nested": { "deep": [1, 2.5, -3, null, true, "ü ✓"] }, "big": 12345678901234567890u64 });
    vec![
        (
            "",
            "x-top",
            json!({ "owner": "pm@example.com", "history": [1, 2, 3] }),
        ),
        ("", "zz_last", json!("kept")),
        ("/model", "x-model", json!("model note")),
        ("/model/criteria/0", "x-criterion", odd.clone()),
        ("/model/criteria/2", "color", json!("#ff0000")),
        ("/capacity", "x-capacity", json!({ "unit": "person-weeks" })),
        ("/buckets/0", "x-bucket", json!([{ "a": 1 }, { "b": [] }])),
        ("/sources/1", "x-source", json!(0.125)),
        (
            "/accounts/0",
            "x-account",
            json!({ "crm_id": "0015000000XyZ" }),
        ),
        (
            "/requests/0",
            "x-request",
            json!({ "jira": "PAY-17", "links": ["a", "b"] }),
        ),
        ("/requests/0/asks/0", "x-ask", json!(null)),
        ("/requests/0/asks/1", "x-ask-2", json!(false)),
        (
            "/requests/1/values/cost",
            "x-range",
            json!({ "how": "three-point", "by": ["ana", "bo"] }),
        ),
        ("/requests/3", "Unicode ключ", json!(-0.5)),
    ]
}

#[test]
fn fmt_keeps_unknown_fields_at_every_level() {
    let mut doc = full_scenario();
    for (at, key, value) in unknown_fields() {
        let target = doc.pointer_mut(at).unwrap_or_else(|| panic!("no {at}"));
        target
            .as_object_mut()
            .unwrap()
            .insert(key.to_string(), value);
    }
    let dir = scratch("cli-fmt-unknown");
    let path = write_file(
        &dir,
        "unknown.json",
        serde_json::to_string_pretty(&doc).unwrap(),
    );
    let out = run(&["fmt", path.to_str().unwrap()]);
    out.expect_code(0);
    let written: Value = serde_json::from_str(&out.stdout).unwrap();
    for (at, key, value) in unknown_fields() {
        let object = written
            .pointer(at)
            .unwrap_or_else(|| panic!("fmt lost {at}"));
        assert_eq!(
            object.get(key),
            Some(&value),
            "{at} → {key}\n{}",
            out.stdout
        );
    }
    // And the whole document is unchanged in meaning.
    assert_eq!(written, doc);
    let again = run_with_stdin(&["fmt", "-"], &out.stdout_bytes);
    again.expect_code(0);
    assert_eq!(again.stdout, out.stdout);

    // Capacity as a list keeps its entries' unknown fields, and stays a list.
    let mut listed = full_scenario();
    listed["capacity"] = json!([{ "criterion": "cost", "amount": 40, "x-entry": [1] }]);
    let path = write_file(&dir, "listed.json", listed.to_string());
    let out = run(&["fmt", path.to_str().unwrap()]);
    out.expect_code(0);
    let written: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(written["capacity"], listed["capacity"]);
}

// ----- exit codes and messages -----

#[test]
fn bad_input_exits_2_naming_the_file_and_the_json_path() {
    let dir = scratch("cli-bad-path");
    let mut doc = full_scenario();
    doc["requests"][3]["values"]["cost"] = json!("cheap");
    let path = write_file(&dir, "bad-cost.json", doc.to_string());
    for command in ["check", "fmt", "rank"] {
        let r = run(&[command, path.to_str().unwrap()]);
        r.expect_code(2);
        assert!(r.stdout.is_empty(), "{command}: nothing on stdout");
        let line = r
            .stderr
            .lines()
            .find(|l| l.contains("requests[3].values.cost"))
            .unwrap_or_else(|| panic!("{command}: no path in {}", r.stderr));
        assert!(
            line.starts_with(path.to_str().unwrap()),
            "{command}: {line}"
        );
        assert!(
            line.contains("\"cheap\""),
            "{command}: the message shows the value: {line}"
        );
    }
    // The same through standard input names <stdin>.
    let r = run_with_stdin(&["check", "-"], doc.to_string().as_bytes());
    r.expect_code(2);
    assert!(
        r.stderr.starts_with("<stdin>: requests[3].values.cost"),
        "{}",
        r.stderr
    );
}

#[test]
fn syntax_errors_exit_2_with_line_and_column() {
    let dir = scratch("cli-syntax");
    let text = "{\n  \"format\": \"thresh.scenario\",\n  \"version\": 1,\n  oops\n}\n";
    let path = write_file(&dir, "syntax.json", text);
    let r = run(&["check", path.to_str().unwrap()]);
    r.expect_code(2);
    let prefix = format!("{}:4:3:", path.display());
    assert!(
        r.stderr.starts_with(&prefix),
        "expected {prefix} in {}",
        r.stderr
    );
    assert!(r.stderr.contains("not valid JSON"), "{}", r.stderr);

    // A file cut off says so.
    let cut = write_file(
        &dir,
        "cut.json",
        "{\n  \"format\": \"thresh.scenario\",\n  \"version\": ",
    );
    let r = run(&["rank", cut.to_str().unwrap()]);
    r.expect_code(2);
    assert!(
        r.stderr.starts_with(&format!("{}:3:", cut.display())),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ends too early"), "{}", r.stderr);

    let r = run_with_stdin(&["fmt", "-"], b"[1, 2,");
    r.expect_code(2);
    assert!(r.stderr.starts_with("<stdin>:1:"), "{}", r.stderr);
}

#[test]
fn scenarios_that_cannot_be_scored_exit_2() {
    // Only when no weighted criterion has any value is there nothing to rank.
    let dir = scratch("cli-unscorable");
    let mut doc = full_scenario();
    doc["model"]["criteria"] = json!([
        { "id": "cost", "label": "Cost", "direction": "cost", "weight": 0 },
        { "id": "fit", "label": "Fit", "direction": "benefit", "weight": 0 },
        { "id": "risk", "label": "Risk", "direction": "benefit" }
    ]);
    let path = write_file(&dir, "nothing.json", doc.to_string());
    for command in ["check", "rank"] {
        let r = run(&[command, path.to_str().unwrap()]);
        r.expect_code(2);
        assert!(
            r.stderr
                .starts_with(&format!("{}: model.criteria: ", path.display())),
            "{command}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("\"risk\""), "{}", r.stderr);
    }
    // fmt does not score: the file is well-formed.
    run(&["fmt", path.to_str().unwrap()]).expect_code(0);
}

/// Files the first edition refused to rank (tests/data/amended/) rank now: the criterion
/// without values sits out, a benefit of 0 scores 0, and without a weighted cost criterion
/// every request is unscorable — each said in a warning, never blocking the ranking.
#[test]
fn what_the_first_edition_refused_now_ranks_with_warnings() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/amended");
    for (file, warning, unscored) in [
        ("criterion-without-any-value.json", "\"risk\"", 0),
        ("product-value-zero.json", "", 0),
        ("ratio-without-cost.json", "none has a weight above 0", 5),
    ] {
        let path = format!("{dir}/{file}");
        let r = run(&["rank", &path, "--json"]);
        r.expect_code(0);
        let out: Value = serde_json::from_str(&r.stdout).unwrap();
        let ranking = out["ranking"].as_array().unwrap();
        let nulls = ranking.iter().filter(|x| x["score"].is_null()).count();
        assert_eq!(nulls, unscored.min(ranking.len()), "{file}: {}", r.stdout);
        let warnings: Vec<&str> = out["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            warning.is_empty() || warnings.iter().any(|w| w.contains(warning)),
            "{file}: {warnings:?}"
        );
        run(&["check", &path]).expect_code(0);
    }
    // A benefit of 0 under weighted-product scores 0 rather than blocking.
    let r = run(&["rank", &format!("{dir}/product-value-zero.json"), "--json"]);
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(out["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["score"] == json!(0.0)));
}

#[test]
fn a_newer_version_names_both_versions() {
    let dir = scratch("cli-version");
    let mut doc = full_scenario();
    doc["version"] = json!(2);
    let path = write_file(&dir, "v2.json", doc.to_string());
    let r = run(&["check", path.to_str().unwrap()]);
    r.expect_code(2);
    assert!(r.stderr.starts_with(path.to_str().unwrap()), "{}", r.stderr);
    assert!(r.stderr.contains("version 2"), "{}", r.stderr);
    assert!(r.stderr.contains("version 1"), "{}", r.stderr);
}

#[test]
fn other_json_is_not_a_scenario_file() {
    let dir = scratch("cli-not-scenario");
    for (file, text) in [
        (
            "package.json",
            r#"{ "name": "left-pad", "version": "1.3.0" }"#.to_string(),
        ),
        (
            "other-format.json",
            r#"{ "format": "thresh.plan", "version": 1 }"#.to_string(),
        ),
        ("list.json", "[1, 2, 3]".to_string()),
        ("string.json", "\"thresh.scenario\"".to_string()),
    ] {
        let path = write_file(&dir, file, text);
        let r = run(&["check", path.to_str().unwrap()]);
        r.expect_code(2);
        assert!(
            r.stderr.starts_with(path.to_str().unwrap()),
            "{file}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("not a scenario file"),
            "{file}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_missing_file_exits_1_naming_it() {
    let dir = scratch("cli-missing");
    let path = dir.join("no-such-file.json");
    let r = run(&["check", path.to_str().unwrap()]);
    r.expect_code(1);
    assert!(r.stderr.contains("no-such-file.json"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn usage_errors_exit_1() {
    let ex = example();
    for (args, says) in [
        (vec![], "no command"),
        (
            vec!["frobnicate", ex.as_str()],
            "unknown command frobnicate",
        ),
        (vec!["rank"], "rank needs a FILE"),
        (vec!["rank", ex.as_str(), "--xml"], "unknown option --xml"),
        (vec!["check", ex.as_str(), "--json"], "takes no such option"),
        (vec!["rank", ex.as_str(), ex.as_str()], "give one FILE"),
        (
            vec!["plan", ex.as_str(), "--pin"],
            "--pin needs a request id",
        ),
    ] {
        let r = run(&args);
        r.expect_code(1);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("usage: thresh"), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
}

/// While the planner is being built, `plan` says so and exits 1 (contract §6: "1 anything
/// else"). Once it lands, `plan --json` must print the contract's document instead; this
/// test then checks its shape, so it does not need rewriting the day `plan` arrives.
#[test]
fn plan_json_has_the_contract_keys_and_respects_capacity() {
    let r = run(&["plan", &field_service(), "--json"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).expect("plan --json prints JSON");
    for key in [
        "selected",
        "value",
        "effort",
        "buckets",
        "displaced",
        "added",
    ] {
        assert!(doc.get(key).is_some(), "plan --json lacks {key}: {doc}");
    }
    assert!(
        doc["effort"]["effort"].as_f64().unwrap() <= 36.0 + 1e-9,
        "{doc}"
    );
    assert_eq!(doc["displaced"], serde_json::json!([]));
    assert_eq!(doc["optimal"], serde_json::json!(true));
    // The readable table names the capacity and the buckets.
    let r = run(&["plan", &field_service()]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("capacity") && r.stdout.contains("New revenue"),
        "{}",
        r.stdout
    );
}

#[test]
fn plan_what_if_reports_displaced_and_added() {
    let r = run(&["plan", &field_service(), "--json", "--pin", "FS-107"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        doc["added"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("FS-107")),
        "{doc}"
    );
    assert!(!doc["displaced"].as_array().unwrap().is_empty(), "{doc}");
    assert!(doc["value_change"].as_f64().unwrap() <= 1e-9);
    let r = run(&["plan", &field_service(), "--json", "--drop", "FS-103"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["displaced"], serde_json::json!(["FS-103"]), "{doc}");
}

#[test]
fn plan_infeasible_exits_3_and_says_which_constraint_fails_by_how_much() {
    let r = run(&[
        "plan",
        &field_service(),
        "--pin",
        "FS-107",
        "--pin",
        "FS-102",
        "--pin",
        "FS-101",
        "--pin",
        "FS-105",
    ]);
    r.expect_code(3);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("over by 5"), "{}", r.stderr);
    assert!(
        r.stderr.contains("field-service-q2.thresh.json"),
        "{}",
        r.stderr
    );
}

#[test]
fn plan_with_an_unknown_id_or_without_capacity_is_not_acceptable() {
    let r = run(&["plan", &field_service(), "--pin", "NOPE"]);
    r.expect_code(2);
    assert!(r.stderr.contains("--pin NOPE"), "{}", r.stderr);
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(field_service()).unwrap()).unwrap();
    doc.as_object_mut().unwrap().remove("capacity");
    let r = run_with_stdin(&["plan", "-"], doc.to_string().as_bytes());
    r.expect_code(2);
    assert!(r.stderr.contains("capacity"), "{}", r.stderr);
}

/// Ten requests worth 1e308 each: every value is a number, their total is not. The plan is
/// refused like an overflowing score, not printed as "total value inf".
#[test]
fn plan_refuses_values_whose_total_overflows() {
    let requests: Vec<Value> = (0..10)
        .map(|i| json!({"id": format!("R{i}"), "title": "huge", "values": {"v": 1e308, "cost": 1}}))
        .collect();
    let doc = json!({
        "format": "thresh.scenario", "version": 1, "name": "overflow",
        "model": {"method": "weighted-product", "criteria": [
            {"id": "v", "label": "V", "direction": "benefit", "weight": 1},
            {"id": "cost", "label": "Cost", "direction": "cost", "weight": 0}]},
        "capacity": {"criterion": "cost", "amount": 100},
        "requests": requests
    });
    let path = write_file(
        &scratch("cli-plan-overflow"),
        "overflow.json",
        doc.to_string(),
    );
    for extra in [&[][..], &["--json"][..]] {
        let mut args = vec!["plan", path.to_str().unwrap()];
        args.extend(extra);
        let r = run(&args);
        r.expect_code(2);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        assert!(r.stderr.starts_with(path.to_str().unwrap()), "{}", r.stderr);
        assert!(
            r.stderr
                .contains("values add up to more than the largest number"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("inf"), "{}", r.stderr);
    }
}

/// A trap for a greedy start: C is worth most per effort, but A and B together are worth
/// more and fill both capacities. With a budget of one node the search keeps C, unproven;
/// pinning A leaves only B to decide, so that plan is proven optimal and worth more. A pin
/// can only lower or keep the best value: the difference is the first search's gap, not a
/// gain, and the what-if says so.
#[test]
fn plan_what_if_reports_no_gain_that_optimality_forbids() {
    let doc = json!({
        "format": "thresh.scenario", "version": 1, "name": "greedy trap",
        "model": {"criteria": [
            {"id": "impact", "label": "Impact", "direction": "benefit", "scale": "fixed", "min": 0, "max": 10},
            {"id": "cost", "label": "Cost", "direction": "cost", "weight": 0},
            {"id": "frontend", "label": "Frontend", "direction": "cost", "weight": 0}]},
        "capacity": [{"criterion": "cost", "amount": 10}, {"criterion": "frontend", "amount": 2}],
        "requests": [
            {"id": "A", "title": "a", "values": {"impact": 6, "cost": 5, "frontend": 1}},
            {"id": "B", "title": "b", "values": {"impact": 5, "cost": 5, "frontend": 1}},
            {"id": "C", "title": "c", "values": {"impact": 9, "cost": 6, "frontend": 1}}]
    });
    let path = write_file(&scratch("cli-plan-gap"), "trap.json", doc.to_string());
    let file = path.to_str().unwrap();
    let r = run(&["plan", file, "--json", "--max-nodes", "1"]);
    r.expect_code(0);
    let base: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(base["optimal"], json!(false), "{base}");
    assert_eq!(base["selected"], json!(["C"]), "{base}");

    let r = run(&["plan", file, "--json", "--max-nodes", "1", "--pin", "A"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["selected"], json!(["A", "B"]), "{doc}");
    assert!(doc["value"].as_f64().unwrap() > base["value"].as_f64().unwrap());
    assert!(doc["value_change"].as_f64().unwrap() <= 0.0, "{doc}");
    assert_eq!(doc["value_change_within_gap"], json!(true), "{doc}");
    assert!(
        doc["notes"]
            .to_string()
            .contains("within the search gap, not a gain"),
        "{doc}"
    );
    let r = run(&["plan", file, "--max-nodes", "1", "--pin", "A"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("value within the search gap") && !r.stdout.contains("value +"),
        "{}",
        r.stdout
    );

    // With the default budget both plans are proven: A and B either way, nothing changes.
    let r = run(&["plan", file, "--json", "--pin", "A"]);
    r.expect_code(0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["optimal"], json!(true));
    assert_eq!(
        (doc["displaced"].clone(), doc["added"].clone()),
        (json!([]), json!([]))
    );
    assert_eq!(doc["value_change_within_gap"], json!(false), "{doc}");
}

#[test]
fn plan_max_nodes_needs_a_positive_whole_number() {
    for n in ["0", "-5", "many", "1.5"] {
        let r = run(&["plan", &field_service(), "--max-nodes", n]);
        r.expect_code(1);
        assert!(
            r.stderr.contains("--max-nodes needs a whole number"),
            "{n}: {}",
            r.stderr
        );
    }
    let r = run(&["rank", &field_service(), "--max-nodes", "5"]);
    r.expect_code(1);
    assert!(r.stderr.contains("takes no such option"), "{}", r.stderr);
}

#[test]
fn help_and_version() {
    let r = run(&["--help"]);
    r.expect_code(0);
    assert!(r.stdout.starts_with("usage: thresh"), "{}", r.stdout);
    for c in ["check", "fmt", "rank", "plan"] {
        assert!(r.stdout.contains(c), "{c}");
    }
    let r = run(&["--version"]);
    r.expect_code(0);
    assert_eq!(r.stdout, format!("thresh {}\n", env!("CARGO_PKG_VERSION")));
}

// ----- hostile input: nothing reaches the terminal raw, nothing is read without bound -----

/// The example with `edit` applied to its JSON.
fn example_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(&std::fs::read(field_service()).unwrap()).unwrap();
    edit(&mut doc);
    serde_json::to_vec(&doc).unwrap()
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal_raw() {
    let hostile = "Fix \u{1b}[2J\u{1b}[Hrank 1 FAKE\u{202e}gnp.exe\u{200b}\r\nsecond line";
    let bytes = example_with(|d| {
        d["requests"][0]["title"] = json!(hostile);
        d["requests"][1]["id"] = json!("ID\u{1b}]0;pwned\u{7}");
        d["name"] = json!("Q2 \u{1b}[31mred");
    });
    for args in [
        &["rank", "-"][..],
        &["check", "-"],
        &["plan", "-"],
        &["fmt", "-"],
        &["rank", "-", "--json"],
    ] {
        let r = run_with_stdin(args, &bytes);
        r.expect_code(0);
        for (what, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            for c in ['\u{1b}', '\u{202e}', '\u{200b}', '\u{7}', '\r'] {
                assert!(
                    !text.contains(c),
                    "{args:?}: {what} holds U+{:04X}:\n{text}",
                    c as u32
                );
            }
        }
    }
    // The table keeps one line per request; the escape is visible.
    let r = run_with_stdin(&["rank", "-"], &bytes);
    assert_eq!(r.stdout.lines().count(), 13, "{}", r.stdout);
    assert!(r.stdout.contains("\\u{1b}[2J"), "{}", r.stdout);
    // Messages that quote a hostile key are escaped too.
    let bytes = example_with(|d| d["requests"][0]["values"]["\u{1b}[2Jx"] = json!(1));
    let r = run_with_stdin(&["check", "-"], &bytes);
    r.expect_code(2);
    assert!(!r.stderr.contains('\u{1b}'), "{}", r.stderr);
}

#[test]
fn a_huge_key_gives_a_short_message() {
    let key = "k".repeat(5 * 1024 * 1024);
    let bytes = example_with(|d| d["requests"][0]["values"][key.as_str()] = json!(1));
    let r = run_with_stdin(&["check", "-"], &bytes);
    r.expect_code(2);
    assert!(
        r.stderr.len() < 2_000,
        "{} bytes of message",
        r.stderr.len()
    );
    assert!(r.stderr.contains("requests[0].values["), "{}", r.stderr);
}

#[test]
fn an_endless_input_is_refused_at_the_limit_without_reading_it_all() {
    // /dev/zero never ends: the size limit stops the read (NUL bytes count as content).
    let r = run(&["check", "/dev/zero"]);
    r.expect_code(2);
    assert!(r.stderr.contains("50 MiB"), "{}", r.stderr);
    assert!(r.stderr.starts_with("/dev/zero: "), "{}", r.stderr);
}

#[test]
fn a_pretty_file_over_50_mib_with_less_content_reads() {
    // 60 MB of indentation around a small scenario: the limit counts content, not layout.
    let text = std::fs::read_to_string(field_service()).unwrap();
    let padded = text.replacen('{', &format!("{{{}", " ".repeat(60 * 1024 * 1024)), 1);
    let r = run_with_stdin(&["check", "-"], padded.as_bytes());
    r.expect_code(0);
}
