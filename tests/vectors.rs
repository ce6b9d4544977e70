//! Published scoring test vectors, run through the public API.
//!
//! Every row of `tests/data/vectors/*.csv` (sources and errata in the README beside them) is
//! written as a scenario in the contract's JSON, read with `thresh::read::from_str`, scored
//! with `thresh::Ranking::new`, and the score compared with the source's recomputed number
//! (relative tolerance 1e-9 against a recomputation from the inputs in f64, and to the
//! CSV's own precision against its `recomputed*` column). Where a source states a ranking,
//! the ranking is asserted too.
//!
//! The last tests pin the bundled example (`tests/data/banking-q1.json`) to its documented
//! ranking, and recompute three of its scores by hand from the contract's formulas so that
//! the test does not merely repeat the program's own output.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use thresh::{read, Ranking, Scenario};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vectors");

// ----- helpers -----

/// One CSV row, by column name.
type Row = BTreeMap<String, String>;

/// A small RFC 4180 reader: commas, double-quoted fields, `""` inside quotes.
fn parse_csv(text: &str) -> Vec<Row> {
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => record.push(std::mem::take(&mut field)),
                '\r' => {}
                '\n' => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                c => field.push(c),
            }
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    let mut it = records
        .into_iter()
        .filter(|r| !(r.len() == 1 && r[0].is_empty()));
    let header = it.next().expect("a header line");
    it.map(|r| {
        assert_eq!(
            r.len(),
            header.len(),
            "row {r:?} has the wrong number of fields"
        );
        header.iter().cloned().zip(r).collect()
    })
    .collect()
}

fn load(name: &str) -> Vec<Row> {
    let path = format!("{VECTORS}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows = parse_csv(&text);
    assert!(!rows.is_empty(), "{path} has no rows");
    rows
}

/// A number as the CSVs write it (thousands separators allowed: "1,067").
fn num(row: &Row, col: &str) -> f64 {
    let s = row[col].replace(',', "");
    s.trim()
        .parse()
        .unwrap_or_else(|_| panic!("column {col} of {row:?} is not a number"))
}

fn opt_num(row: &Row, col: &str) -> Option<f64> {
    let s = row[col].trim();
    (!s.is_empty()).then(|| num(row, col))
}

/// |a − b| ≤ rel × max(|a|, |b|).
fn assert_close(actual: f64, expected: f64, rel: f64, what: &str) {
    let scale = actual.abs().max(expected.abs());
    assert!(
        (actual - expected).abs() <= rel * scale,
        "{what}: got {actual}, expected {expected} (relative tolerance {rel})"
    );
}

/// Rounds half away from zero to `dp` decimals, as the sources round for display.
fn round_dp(x: f64, dp: i32) -> f64 {
    let f = 10f64.powi(dp);
    (x * f).round() / f
}

/// A criterion object for the scenario JSON.
fn criterion(id: &str, direction: &str, weight: f64) -> Value {
    json!({ "id": id, "label": id, "direction": direction, "weight": weight })
}

/// Reads a scenario built in the test; it must be valid.
fn scenario(
    method: &str,
    use_confidence: bool,
    criteria: Vec<Value>,
    requests: Vec<Value>,
) -> Scenario {
    let doc = json!({
        "format": "thresh.scenario",
        "version": 1,
        "name": "test vectors",
        "model": { "method": method, "use_confidence": use_confidence, "criteria": criteria },
        "requests": requests,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap();
    read::from_str(&text).unwrap_or_else(|e| panic!("the test scenario does not read: {e}\n{text}"))
}

fn ranking(s: &Scenario) -> Ranking<'_> {
    Ranking::new(s).unwrap_or_else(|e| panic!("the test scenario does not score: {e}"))
}

fn index_of(s: &Scenario, id: &str) -> usize {
    s.requests
        .iter()
        .position(|r| r.id == id)
        .unwrap_or_else(|| panic!("no request {id}"))
}

/// Asserts that `better` ranks strictly above `worse`.
fn assert_ranks_above(s: &Scenario, r: &Ranking, better: &str, worse: &str) {
    let (b, w) = (index_of(s, better), index_of(s, worse));
    assert!(
        r.scores.rank[b] < r.scores.rank[w],
        "{better} (rank {}, score {}) should rank above {worse} (rank {}, score {})",
        r.scores.rank[b],
        r.scores.score[b],
        r.scores.rank[w],
        r.scores.score[w]
    );
}

/// Asserts that the ranking's order is the order of `expected` scores, highest first.
fn assert_order_follows(s: &Scenario, r: &Ranking, expected: &BTreeMap<String, f64>) {
    let mut want: Vec<(&String, f64)> = expected.iter().map(|(k, v)| (k, *v)).collect();
    // Highest first; equal scores by id (contract §4).
    want.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then(a.0.cmp(b.0)));
    let got: Vec<&str> = r
        .scores
        .order
        .iter()
        .map(|&i| s.requests[i as usize].id.as_str())
        .collect();
    let want: Vec<&str> = want.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(got, want);
}

// ----- RICE -----

/// RICE = Reach × Impact × Confidence / Effort.
/// Sources: tools.noemacore.com/rice-scoring; hashbuilds.com/patterns/what-is-rice-score;
/// timeclick-software/awesome-time-tracking details/rice-framework.md;
/// agentskills.market (menkesu awesome-pm-skills). See tests/data/vectors/README.md.
#[test]
fn rice_vectors() {
    let rows = load("rice_vectors.csv");
    let criteria = vec![
        criterion("reach", "benefit", 1.0),
        criterion("impact", "benefit", 1.0),
        criterion("effort", "cost", 1.0),
    ];
    let requests = rows
        .iter()
        .map(|r| {
            json!({
                "id": r["id"], "title": r["id"],
                "values": { "reach": num(r, "reach"), "impact": num(r, "impact"), "effort": num(r, "effort") },
                "confidence": num(r, "confidence"),
            })
        })
        .collect();
    let s = scenario("weighted-product", true, criteria, requests);
    let rk = ranking(&s);
    let mut expected = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let id = &row["id"];
        let score = rk.scores.score[i];
        let (reach, impact, conf, effort) = (
            num(row, "reach"),
            num(row, "impact"),
            num(row, "confidence"),
            num(row, "effort"),
        );
        assert_close(score, reach * impact * conf / effort, 1e-9, id);
        // The CSV's recomputation is written to 6 decimals.
        assert_close(
            score,
            num(row, "recomputed_exact"),
            1e-9_f64.max(5e-7 / score),
            id,
        );
        // As published: exactly, or after rounding to a whole number ("1,067").
        let published = num(row, "published_score");
        match row["matches_published"].as_str() {
            "yes" => assert_close(score, published, 1e-9, id),
            "yes_after_rounding" => assert_eq!(score.round(), published, "{id}"),
            other => panic!("{id}: unexpected matches_published {other}"),
        }
        // The value (benefits only) is reach × impact × confidence.
        assert_close(rk.scores.value[i], reach * impact * conf, 1e-9, id);
        expected.insert(id.clone(), reach * impact * conf / effort);
    }
    // noemacore: "Feature B: Dark Mode (ranks above Smart Search)".
    assert_ranks_above(&s, &rk, "noemacore_dark_mode", "noemacore_smart_search");
    // hashbuilds: the critical bug (effort 0.5) tops the list, the enterprise ask is "Low RICE".
    assert_eq!(
        s.requests[rk.scores.order[0] as usize].id,
        "hashbuilds_critical_bug"
    );
    assert_eq!(
        s.requests[*rk.scores.order.last().unwrap() as usize].id,
        "hashbuilds_enterprise"
    );
    assert_order_follows(&s, &rk, &expected);
}

/// With `use_confidence: false` the same RICE inputs give Reach × Impact / Effort: the
/// confidence is ignored, not applied twice or forgotten when it is on.
/// Source: the rows of rice_vectors.csv (see README).
#[test]
fn rice_without_confidence_ignores_it() {
    let rows = load("rice_vectors.csv");
    let criteria = vec![
        criterion("reach", "benefit", 1.0),
        criterion("impact", "benefit", 1.0),
        criterion("effort", "cost", 1.0),
    ];
    let requests = rows
        .iter()
        .map(|r| {
            json!({
                "id": r["id"], "title": r["id"],
                "values": { "reach": num(r, "reach"), "impact": num(r, "impact"), "effort": num(r, "effort") },
                "confidence": num(r, "confidence"),
            })
        })
        .collect();
    let s = scenario("weighted-product", false, criteria, requests);
    let rk = ranking(&s);
    for (i, row) in rows.iter().enumerate() {
        let expected = num(row, "reach") * num(row, "impact") / num(row, "effort");
        assert_close(rk.scores.score[i], expected, 1e-9, &row["id"]);
    }
}

// ----- (Reach × Impact) / Effort, ydb-embedded-ui -----

/// (Reach × Impact) / Effort with labels mapped to numbers.
/// Source: github.com/ydb-platform/ydb-embedded-ui priority-estimation-tests.md @14aa346e.
#[test]
fn ydb_reach_impact_effort_vectors() {
    let rows = load("rie_variant_ydb_vectors.csv");

    // First, the transcription: the numbers in each row follow from its labels under the
    // source's mapping, defaults and "last label of a kind wins".
    for row in &rows {
        let (mut reach, mut impact, mut effort) = ("low", "low", "medium");
        for label in row["labels_in_order"]
            .split_whitespace()
            .filter(|l| *l != "(none)")
        {
            let (kind, level) = label.split_once(':').expect("kind:level");
            match kind {
                "reach" => reach = level,
                "impact" => impact = level,
                "effort" => effort = level,
                _ => panic!("unknown label {label}"),
            }
        }
        let pick = |level: &str, low: f64, medium: f64, high: f64| match level {
            "low" => low,
            "medium" => medium,
            "high" => high,
            other => panic!("unknown level {other}"),
        };
        assert_eq!(
            pick(reach, 50.0, 75.0, 100.0),
            num(row, "reach"),
            "case {}",
            row["case"]
        );
        assert_eq!(
            pick(impact, 75.0, 137.5, 200.0),
            num(row, "impact"),
            "case {}",
            row["case"]
        );
        assert_eq!(
            pick(effort, 2.0, 5.0, 10.0),
            num(row, "effort"),
            "case {}",
            row["case"]
        );
    }

    let criteria = vec![
        criterion("reach", "benefit", 1.0),
        criterion("impact", "benefit", 1.0),
        criterion("effort", "cost", 1.0),
    ];
    let id = |row: &Row| format!("case-{:0>2}", row["case"]);
    let requests = rows
        .iter()
        .map(|r| {
            json!({
                "id": id(r), "title": r["labels_in_order"],
                "values": { "reach": num(r, "reach"), "impact": num(r, "impact"), "effort": num(r, "effort") },
            })
        })
        .collect();
    let s = scenario("weighted-product", false, criteria, requests);
    let rk = ranking(&s);
    for (i, row) in rows.iter().enumerate() {
        let what = id(row);
        let score = rk.scores.score[i];
        assert_close(
            score,
            num(row, "reach") * num(row, "impact") / num(row, "effort"),
            1e-9,
            &what,
        );
        assert_close(score, num(row, "recomputed_exact"), 1e-9, &what);
        let published = num(row, "published_score");
        match row["matches_published"].as_str() {
            "yes" => assert_close(score, published, 1e-9, &what),
            // 2062.5 is published as 2063: round half up (banker's rounding gives 2062).
            "yes_after_round_half_up" => {
                assert_eq!((score + 0.5).floor(), published, "{what}");
                assert_ne!(
                    score, published,
                    "{what}: the full-precision score is not rounded"
                );
            }
            other => panic!("{what}: unexpected matches_published {other}"),
        }
        assert!(
            rk.table.flags[i].names().is_empty(),
            "{what}: {:?}",
            rk.table.flags[i].names()
        );
    }
    // Equal scores (cases 1 and 6; 4 and 8; 5 and 9; 12 and 13) rank by id, ascending.
    assert_ranks_above(&s, &rk, "case-01", "case-06");
    assert_ranks_above(&s, &rk, "case-04", "case-08");
    assert_ranks_above(&s, &rk, "case-05", "case-09");
    assert_ranks_above(&s, &rk, "case-12", "case-13");
    // Case 2 (high, high, low effort) is the best of the table.
    assert_eq!(s.requests[rk.scores.order[0] as usize].id, "case-02");
    let expected = rows
        .iter()
        .map(|r| (id(r), num(r, "recomputed_exact")))
        .collect();
    assert_order_follows(&s, &rk, &expected);
}

// ----- (Impact × Criticality × Strategic) / √Effort -----

/// A custom score with effort weighted 0.5 (t^−0.5): irrational results, so the published
/// values (1 dp) are a tolerance test and the recomputation a 1e-9 one.
/// Source: github.com/nichm/shell-config .github/LABELS.md.
#[test]
fn sqrt_effort_variant_vectors() {
    let rows = load("variant_sqrt_effort_vectors.csv");
    let criteria = vec![
        criterion("impact", "benefit", 1.0),
        criterion("criticality", "benefit", 1.0),
        criterion("strategic", "benefit", 1.0),
        criterion("effort", "cost", 0.5),
    ];
    let requests = rows
        .iter()
        .map(|r| {
            json!({
                "id": r["id"], "title": r["id"],
                "values": {
                    "impact": num(r, "impact"), "criticality": num(r, "criticality"),
                    "strategic": num(r, "strategic"), "effort": num(r, "effort"),
                },
            })
        })
        .collect();
    let s = scenario("weighted-product", false, criteria, requests);
    let rk = ranking(&s);
    let mut expected = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let id = &row["id"];
        let score = rk.scores.score[i];
        let exact = num(row, "impact") * num(row, "criticality") * num(row, "strategic")
            / num(row, "effort").sqrt();
        assert_close(score, exact, 1e-9, id);
        // The CSV's recomputation has 6 decimals.
        assert!(
            (score - num(row, "recomputed")).abs() < 5e-7,
            "{id}: {score}"
        );
        // As published, to 1 dp.
        assert_eq!(row["matches_published_1dp"], "yes");
        assert_eq!(
            round_dp(score, 1),
            num(row, "published_score"),
            "{id}: {score}"
        );
        expected.insert(id.clone(), exact);
    }
    assert_ranks_above(&s, &rk, "production_outage", "customer_escalation");
    assert_order_follows(&s, &rk, &expected);
}

// ----- WSJF -----

/// WSJF = (User-Business Value + Time Criticality + RR/OE) / Job Size, with the engine's
/// `value` (benefits only, under `ratio`) as the cost of delay.
/// Sources: extrapinchofsalt.com/pm/frameworks/wsjf.html; danmaxdanilov/logseq-plugin-wsjf-priority
/// README; jchyip.medium.com (CoD only); beginpm.com (low authority). See README.
#[test]
fn wsjf_vectors() {
    let rows = load("wsjf_vectors.csv");
    let criteria = vec![
        criterion("business_value", "benefit", 1.0),
        criterion("time_criticality", "benefit", 1.0),
        criterion("rr_oe", "benefit", 1.0),
        criterion("job_size", "cost", 1.0),
    ];
    let requests = rows
        .iter()
        .map(|r| {
            let mut values = json!({
                "business_value": num(r, "user_business_value"),
                "time_criticality": num(r, "time_criticality"),
                "rr_oe": num(r, "rr_oe"),
            });
            if let Some(size) = opt_num(r, "job_size") {
                values["job_size"] = json!(size);
            }
            json!({ "id": r["id"], "title": r["id"], "values": values })
        })
        .collect();
    let s = scenario("ratio", false, criteria, requests);
    let rk = ranking(&s);
    let largest_job = rows
        .iter()
        .filter_map(|r| opt_num(r, "job_size"))
        .fold(f64::MIN, f64::max);
    let mut expected = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let id = &row["id"];
        let cod =
            num(row, "user_business_value") + num(row, "time_criticality") + num(row, "rr_oe");
        assert_close(cod, num(row, "recomputed_cod"), 1e-12, id);
        assert_close(cod, num(row, "published_cod"), 1e-12, id);
        // value = conf × Σ_benefit w·t: the cost of delay.
        assert_close(rk.scores.value[i], cod, 1e-9, id);
        match opt_num(row, "job_size") {
            Some(size) => {
                let score = rk.scores.score[i];
                assert_close(score, cod / size, 1e-9, id);
                assert_close(score, num(row, "recomputed_wsjf"), 1e-9, id);
                // Published to at most 1 dp (1.875 → 1.9).
                assert_eq!(
                    round_dp(score, 1),
                    round_dp(num(row, "published_wsjf"), 1),
                    "{id}"
                );
                if row["note"].contains("rounded") {
                    assert_ne!(score, num(row, "published_wsjf"));
                } else {
                    assert_close(score, num(row, "published_wsjf"), 1e-9, id);
                }
                assert!(rk.table.flags[i].names().is_empty(), "{id}");
                expected.insert(id.clone(), cod / size);
            }
            None => {
                // No job size (jchyip gives the CoD only): contract §3, the missing cost is
                // the worst present, the largest job size, and the request is flagged.
                assert_eq!(rk.table.flags[i].names(), vec!["incomplete"], "{id}");
                assert_close(rk.scores.score[i], cod / largest_job, 1e-9, id);
                expected.insert(id.clone(), cod / largest_job);
            }
        }
    }
    // beginpm: "B outranks A despite lower CoD".
    assert_ranks_above(&s, &rk, "beginpm_task_b", "beginpm_task_a");
    let (a, b) = (
        index_of(&s, "beginpm_task_a"),
        index_of(&s, "beginpm_task_b"),
    );
    assert!(rk.scores.value[b] < rk.scores.value[a]);
    // extrapinchofsalt: the ad bug (10.5) before the podcast feed (1.9).
    assert_ranks_above(&s, &rk, "extrapinch_ad_bug", "extrapinch_podcast_feed");
    assert_order_follows(&s, &rk, &expected);
}

// ----- weighted scoring -----

/// Parses "cost:0.4 benefit:0.4 risk:0.2" and "4 5 3".
fn weights_and_ratings(row: &Row) -> (Vec<(String, f64)>, Vec<f64>) {
    let weights: Vec<(String, f64)> = row["criteria_weights"]
        .split_whitespace()
        .map(|cw| {
            let (c, w) = cw.split_once(':').expect("criterion:weight");
            (c.to_string(), w.parse().expect("a weight"))
        })
        .collect();
    let ratings: Vec<f64> = row["ratings"]
        .split_whitespace()
        .map(|r| r.parse().expect("a rating"))
        .collect();
    assert_eq!(weights.len(), ratings.len(), "{}", row["id"]);
    (weights, ratings)
}

/// score = Σ weight × rating, expressed as weighted-sum over fixed scales 0..M: the engine's
/// score is 100 × Σ(w·r/M) / Σw, so the weighted rating is score × M / 100 (Σw = 1 here).
/// Sources: askfilo.com Q&A (with arithmetic errors, kept as "published ≠ correct");
/// occupyd.com/when-would-you-use-a-weighted-scoring-model.html.
#[test]
fn weighted_scoring_vectors() {
    let rows = load("weighted_scoring_vectors.csv");
    // One scenario per group of rows sharing a model (the same criteria and weights).
    let mut groups: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for row in &rows {
        groups
            .entry(row["criteria_weights"].clone())
            .or_default()
            .push(row);
    }
    assert_eq!(
        groups.len(),
        3,
        "askfilo projects, askfilo vendors, occupyd"
    );
    let mut computed: BTreeMap<String, f64> = BTreeMap::new();
    for group in groups.values() {
        let (weights, _) = weights_and_ratings(group[0]);
        // askfilo rates 1..5; occupyd 0..100.
        let all: Vec<f64> = group
            .iter()
            .flat_map(|r| weights_and_ratings(r).1)
            .collect();
        let top: f64 = if all.iter().all(|&r| r <= 5.0) {
            5.0
        } else {
            100.0
        };
        let total_weight: f64 = weights.iter().map(|(_, w)| w).sum();
        let criteria = weights
            .iter()
            .map(|(c, w)| {
                json!({ "id": c, "label": c, "direction": "benefit", "weight": w,
                        "scale": "fixed", "min": 0, "max": top })
            })
            .collect();
        let requests = group
            .iter()
            .map(|r| {
                let (weights, ratings) = weights_and_ratings(r);
                let values: serde_json::Map<String, Value> = weights
                    .iter()
                    .zip(&ratings)
                    .map(|((c, _), r)| (c.clone(), json!(r)))
                    .collect();
                json!({ "id": r["id"], "title": r["id"], "values": values })
            })
            .collect();
        let s = scenario("weighted-sum", false, criteria, requests);
        let rk = ranking(&s);
        for (i, row) in group.iter().enumerate() {
            let id = &row["id"];
            let (weights, ratings) = weights_and_ratings(row);
            let score = rk.scores.score[i];
            // The contract's formula, written out: u = r / M, score = 100 Σ w·u / Σw.
            let by_contract = 100.0
                * weights
                    .iter()
                    .zip(&ratings)
                    .map(|((_, w), r)| w * (r / top))
                    .sum::<f64>()
                / total_weight;
            assert_close(score, by_contract, 1e-9, id);
            // Back to the source's scale: Σ w·r.
            let weighted_rating = score * top / 100.0 * total_weight;
            let sum_w_r: f64 = weights.iter().zip(&ratings).map(|((_, w), r)| w * r).sum();
            assert_close(weighted_rating, sum_w_r, 1e-9, id);
            assert_close(weighted_rating, num(row, "recomputed_exact"), 1e-9, id);
            // Contributions add up to the score (§4).
            let contributions: f64 = rk.table.contributions(i, &rk.weights).iter().sum();
            assert_close(contributions, score, 1e-12, id);
            match (
                row["matches_published"].as_str(),
                opt_num(row, "published_score"),
            ) {
                ("yes", Some(published)) => assert_close(weighted_rating, published, 1e-9, id),
                // The source's arithmetic is wrong: we must not reproduce its number.
                ("NO", Some(published)) => assert!(
                    (weighted_rating - published).abs() > 0.05,
                    "{id}: computed {weighted_rating}, the source's wrong {published}"
                ),
                // Vendor Z: the published value was cut off; only the recomputation counts.
                ("", None) => {}
                other => panic!("{id}: unexpected {other:?}"),
            }
            computed.insert(id.clone(), weighted_rating);
        }
        let expected = group
            .iter()
            .map(|r| (r["id"].clone(), num(r, "recomputed_exact")))
            .collect();
        assert_order_follows(&s, &rk, &expected);
        if group.iter().any(|r| r["id"] == "askfilo_project_A") {
            // README: the source says A and C tie at 4.0; correct is A (4.2) > C (4.0) > B (3.8).
            let order: Vec<&str> = rk
                .scores
                .order
                .iter()
                .map(|&i| s.requests[i as usize].id.as_str())
                .collect();
            assert_eq!(
                order,
                [
                    "askfilo_project_A",
                    "askfilo_project_C",
                    "askfilo_project_B"
                ]
            );
        }
        if group.iter().any(|r| r["id"] == "askfilo_vendor_X") {
            // Correct: X (4.3) > Y (4.0) > Z (3.7); published X 4.2, Y 4.1.
            let order: Vec<&str> = rk
                .scores
                .order
                .iter()
                .map(|&i| s.requests[i as usize].id.as_str())
                .collect();
            assert_eq!(
                order,
                ["askfilo_vendor_X", "askfilo_vendor_Y", "askfilo_vendor_Z"]
            );
        }
    }
    // The errata, spelled out (README): A is 4.2 not 4.0, X 4.3 not 4.2, Y 4.0 not 4.1.
    for (id, correct, wrong) in [
        ("askfilo_project_A", 4.2, 4.0),
        ("askfilo_vendor_X", 4.3, 4.2),
        ("askfilo_vendor_Y", 4.0, 4.1),
    ] {
        assert_close(computed[id], correct, 1e-9, id);
        assert!((computed[id] - wrong).abs() > 0.05, "{id}");
    }
    // occupyd: 7.5 + 15.2 + 16 + 44.1 = 82.8.
    assert_close(
        computed["occupyd_weighted_average"],
        7.5 + 15.2 + 16.0 + 44.1,
        1e-9,
        "occupyd",
    );
}

// ----- the bundled example -----

fn banking() -> Scenario {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/banking-q1.json");
    let text = std::fs::read_to_string(path).expect("tests/data/banking-q1.json");
    read::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The example ranks as documented: order, scores to 1 dp, flags.
/// Source: the project's example scenario (tests/data/banking-q1.json).
#[test]
fn banking_example_ranks_as_documented() {
    let s = banking();
    let rk = ranking(&s);
    let expected = [
        ("R-03", 52.8, &[][..]),
        ("R-07", 48.0, &[]),
        ("R-06", 40.7, &[]),
        ("R-02", 39.7, &[]),
        ("R-08", 34.5, &[]),
        ("R-04", 34.0, &["single-account"]),
        ("R-10", 27.4, &["single-account"]),
        ("R-12", 21.3, &["incomplete"]),
        ("R-01", 20.3, &[]),
        ("R-11", 16.4, &[]),
        ("R-09", 14.1, &[]),
        ("R-05", 11.6, &[]),
    ];
    assert_eq!(rk.scores.order.len(), expected.len());
    for (pos, (&i, (id, score, flags))) in rk.scores.order.iter().zip(expected).enumerate() {
        let i = i as usize;
        assert_eq!(s.requests[i].id, id, "position {}", pos + 1);
        assert_eq!(rk.scores.rank[i] as usize, pos + 1, "{id}");
        assert_eq!(
            format!("{:.1}", rk.scores.score[i]),
            format!("{score:.1}"),
            "{id}"
        );
        assert_eq!(rk.table.flags[i].names(), flags, "{id}");
    }
    // One warning: R-12 has no fit and was given the fixed scale's min, 0.
    let warnings = rk.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("R-12") && warnings[0].contains("fit"),
        "{warnings:?}"
    );
}

/// Three of the example's scores, recomputed by hand from the contract (§3, §4) without the
/// engine's columns, so that the documented numbers are checked, not just repeated.
///
/// Model: weighted-sum, use_confidence; W = 4 + 1 + 3 + 2 + 1 = 11.
/// - reach (w 4): asks-count, ln(1 + x), minmax. Over the 12 requests the lowest x is R-04's
///   0.5 (Boeing via named-account, credibility 0.5) and the highest R-07's 88 (88 support
///   tickets at credibility 1): lo = ln 1.5, hi = ln 89.
/// - revenue (w 1): asks-arr, ln(1 + x), minmax. Lowest 0 (R-03, R-07: anonymous asks only),
///   highest R-05: Shell 1,500,000 × 0.5 + Citi 1,200,000 × 0.7 + Nordbank 240,000 × 0.7
///   = 1,758,000: lo = ln 1 = 0, hi = ln 1,758,001.
/// - urgency (w 3): deadline, horizon 180, fixed 0..10 → u = value / 10.
/// - cost (w 2): minmax over 8,5,3,6,13,5,2,3,10,2,12,4: lo 2, hi 13, u = (13 − x) / 11.
/// - fit (w 1): fixed 0..10 → u = fit / 10; missing → the scale's min, 0 (§3).
#[test]
fn banking_example_scores_by_hand() {
    let s = banking();
    let rk = ranking(&s);
    let score_of = |id: &str| rk.scores.score[index_of(&s, id)];
    let w_total = 4.0 + 1.0 + 3.0 + 2.0 + 1.0;
    let reach_u = |x: f64| ((1.0 + x).ln() - 1.5f64.ln()) / (89f64.ln() - 1.5f64.ln());
    let revenue_u = |x: f64| (1.0 + x).ln() / 1_758_001f64.ln();
    let cost_u = |x: f64| (13.0 - x) / 11.0;

    // R-07 "In-app guide": 88 support tickets (credibility 1) → reach x = 88 = hi, u = 1;
    // no account → revenue 0, u = 0; no deadline → urgency 0; cost 2 = lo → u = 1;
    // fit 6 → 0.6; confidence 0.8.
    // score = 100 × 0.8 × (4·1 + 1·0 + 3·0 + 2·1 + 1·0.6) / 11 = 80 × 6.6 / 11 = 48.
    let r07 = 100.0 * 0.8 * (4.0 * 1.0 + 0.0 + 0.0 + 2.0 * 1.0 + 0.6) / w_total;
    assert_close(r07, 48.0, 1e-12, "R-07 by hand");
    assert_close(score_of("R-07"), r07, 1e-9, "R-07");

    // R-01 "MCBSP-2017": asks Citi via named-account (0.5) and Nordbank via inside-sales
    // (0.8) → reach x = 0.5 + 0.8 = 1.3; revenue x = 1,200,000 × 0.5 + 240,000 × 0.8 =
    // 792,000; deadline 2027-03-30 is 85 days after as_of 2027-01-04 (27 days left in
    // January + 28 + 30) → urgency 10 × (1 − 85/180) = 5.2777…, u = 0.52777…;
    // cost 8 → 5/11; fit 6 → 0.6; confidence 0.5.
    let days = 27.0 + 28.0 + 30.0;
    assert_eq!(days, 85.0);
    let r01_sum = 4.0 * reach_u(1.3)
        + 1.0 * revenue_u(792_000.0)
        + 3.0 * (10.0 * (1.0 - days / 180.0)) / 10.0
        + 2.0 * cost_u(8.0)
        + 1.0 * 0.6;
    let r01 = 100.0 * 0.5 * r01_sum / w_total;
    assert_close(score_of("R-01"), r01, 1e-9, "R-01");
    assert_eq!(format!("{r01:.1}"), "20.3");

    // R-12 "Role-based access": Univ via inside-sales (0.8), Acme via csm (0.7) → reach
    // x = 1.5; revenue x = 80,000 × 0.8 + 45,000 × 0.7 = 95,500; no deadline → 0; cost 4 →
    // 9/11; fit missing → 0 (incomplete); confidence 0.8.
    let r12 = 100.0
        * 0.8
        * (4.0 * reach_u(1.5) + 1.0 * revenue_u(95_500.0) + 0.0 + 2.0 * cost_u(4.0) + 0.0)
        / w_total;
    assert_close(score_of("R-12"), r12, 1e-9, "R-12");
    assert_eq!(format!("{r12:.1}"), "21.3");

    // R-03 "Bulk edit": 52 support tickets → reach x = 52; no account → revenue 0; cost 3
    // → 10/11; fit 5 → 0.5; confidence 1.
    let r03 = 100.0 * 1.0 * (4.0 * reach_u(52.0) + 0.0 + 0.0 + 2.0 * cost_u(3.0) + 0.5) / w_total;
    assert_close(score_of("R-03"), r03, 1e-9, "R-03");
    assert_eq!(format!("{r03:.1}"), "52.8");

    // R-04 "Custom audit export": Boeing via named-account → reach x = 0.5 = lo (u 0),
    // revenue 900,000 × 0.5 = 450,000; deadline 2027-02-15 is 27 + 15 = 42 days away →
    // urgency 10 × (1 − 42/180); cost 6 → 7/11; fit 2 → 0.2; confidence 0.8.
    let r04 = 100.0
        * 0.8
        * (0.0 + revenue_u(450_000.0) + 3.0 * (1.0 - 42.0 / 180.0) + 2.0 * cost_u(6.0) + 0.2)
        / w_total;
    assert_close(score_of("R-04"), r04, 1e-9, "R-04");
    assert_eq!(format!("{r04:.1}"), "34.0");
}
