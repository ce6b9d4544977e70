//! The team's views on the page (issue 13): a pairwise view given one pair at a time
//! (Harker's method for the pairs not compared yet), the judgements named when they
//! contradict each other with the value to try and the CR it would give, the view file a
//! colleague fills in (written, read back, refused with paths when malformed, taken into
//! the scenario), the Team view's summary, and its changes — each one undo step, a refused
//! one changing nothing — including the team's weights used and the PM's own put back.

use proptest::prelude::*;
use thresh::json::Value;
use thresh::model::{Judgement, Scenario, ViewKind};
use thresh::read::{self, VIEW_FILE_BYTES};
use thresh::team::page::{self, OWN_WEIGHTS};
use thresh::team::saaty::{self, Pairwise};
use thresh::team::{self, file, Team};
use thresh::workbench::Workbench;
use thresh::ReadError;

const TEAM_EXAMPLE: &str = include_str!("../examples/field-service-team.thresh.json");
const EXAMPLE: &str = include_str!("../examples/field-service-q2.thresh.json");

fn team_example() -> Scenario {
    read::from_str(TEAM_EXAMPLE).unwrap()
}

fn close(x: f64, y: f64, tolerance: f64) -> bool {
    (x - y).abs() <= tolerance
}

fn j(a: usize, b: usize, ratio: f64) -> Judgement {
    Judgement {
        a,
        b,
        ratio,
        extra: Default::default(),
    }
}

/// Judgements of every pair of `w.len()` criteria that agree exactly with weights `w`.
fn consistent(w: &[f64]) -> Vec<Judgement> {
    let mut out = Vec::new();
    for a in 0..w.len() {
        for b in a + 1..w.len() {
            out.push(j(a, b, w[a] / w[b]));
        }
    }
    out
}

/// Every problem of a refused read, as `path: message` lines.
fn problems(e: ReadError) -> Vec<String> {
    match e {
        ReadError::Invalid(p) => p.list.iter().map(|p| p.to_string()).collect(),
        ReadError::Syntax {
            line,
            column,
            message,
        } => vec![format!("line {line}, column {column}: {message}")],
        other => panic!("{other:?}"),
    }
}

fn assert_has(lines: &[String], needle: &str) {
    assert!(
        lines.iter().any(|l| l.contains(needle)),
        "{needle:?} in\n{}",
        lines.join("\n")
    );
}

// ----- a pairwise view given one pair at a time -----

#[test]
fn with_every_pair_judged_partial_is_the_complete_method() {
    let s = team_example();
    let ViewKind::Pairwise(js) = &s.model.views[1].kind else {
        panic!()
    };
    let full = Pairwise::new(js);
    let over = Pairwise::over(full.criteria.clone(), js).unwrap();
    assert_eq!(full, over);
}

#[test]
fn a_star_of_pairs_gives_the_weights_it_implies_and_no_inconsistency() {
    // The first criterion against each of the others: the weights are determined, and
    // nothing can contradict anything yet.
    let js = vec![j(0, 1, 2.0), j(0, 2, 4.0), j(0, 3, 1.0 / 2.0)];
    let p = Pairwise::over(vec![0, 1, 2, 3], &js).unwrap();
    // w0 = 2 w1 = 4 w2 = w3 / 2  →  proportional to 4, 2, 1, 8.
    for (got, want) in p.weights.iter().zip([4.0, 2.0, 1.0, 8.0]) {
        assert!(close(*got, want / 15.0, 1e-12), "{:?}", p.weights);
    }
    assert!(close(p.lambda_max, 4.0, 1e-9));
    assert_eq!((p.ci, p.cr), (0.0, 0.0));
    assert!(p.advice(&js, 2).is_empty());
}

#[test]
fn pairs_that_do_not_connect_every_criterion_give_no_weights() {
    assert!(Pairwise::over(vec![0, 1, 2, 3], &[j(0, 1, 3.0), j(2, 3, 2.0)]).is_none());
    assert!(Pairwise::over(vec![0, 1, 2], &[]).is_none());
    assert!(Pairwise::over(vec![4, 7], &[j(7, 4, 3.0)]).is_some());
}

/// Harker's method: the weights of the pairs compared are those of the complete matrix
/// whose missing pairs hold the ratio the weights imply (a fixed point), so λmax and CR
/// read as for that matrix.
#[test]
fn a_pair_not_compared_counts_as_what_the_others_imply() {
    let js = vec![
        j(0, 1, 3.0),
        j(0, 2, 5.0),
        j(1, 2, 4.0),
        j(0, 3, 1.0 / 2.0),
        j(2, 3, 1.0 / 7.0),
    ]; // (1, 3) not judged
    let p = Pairwise::over(vec![0, 1, 2, 3], &js).unwrap();
    let w = &p.weights;
    let mut filled = js.clone();
    filled.push(j(1, 3, w[1] / w[3]));
    let q = Pairwise::new(&filled);
    for (x, y) in w.iter().zip(&q.weights) {
        assert!(close(*x, *y, 1e-9), "{w:?} vs {:?}", q.weights);
    }
    assert!(close(p.lambda_max, q.lambda_max, 1e-9));
    assert!(close(p.cr, q.cr, 1e-9));
    // The shares of the inconsistency still add up to λmax − n (over the pairs judged).
    let total: f64 = p.fits.iter().map(|f| f.share).sum();
    assert!(close(total, 1.0, 1e-12));
}

// ----- the judgements that contradict the others -----

#[test]
fn one_judgement_turned_round_is_named_with_the_value_that_fits() {
    // Consistent judgements of weights 8 : 4 : 2 : 1, then "c0 vs c2" said the wrong way
    // round (1/4 instead of 4).
    let mut js = consistent(&[8.0, 4.0, 2.0, 1.0]);
    let wrong = js.iter().position(|x| (x.a, x.b) == (0, 2)).unwrap();
    js[wrong].ratio = 1.0 / 4.0;
    let p = Pairwise::over(vec![0, 1, 2, 3], &js).unwrap();
    assert!(p.is_inconsistent(), "CR {}", p.cr);
    let advice = p.advice(&js, 2);
    assert!(!advice.is_empty());
    let best = &advice[0];
    assert_eq!(best.judgement, wrong);
    assert_eq!((best.a, best.b, best.ratio), (0, 2, 0.25));
    // The others alone say 4 exactly; the weights of all of them, pulled by the wrong
    // one, would say much less.
    assert!(close(best.implied, 4.0, 1e-9), "{best:?}");
    assert_eq!(best.suggested, 4.0);
    let all = p.fits.iter().find(|f| f.judgement == wrong).unwrap();
    assert!(all.implied < 1.0, "{all:?}");
    assert!(
        best.cr_after < 1e-9,
        "back to consistent: {}",
        best.cr_after
    );
    assert!(advice.len() <= 2);
    assert!(advice.windows(2).all(|w| w[0].cr_after <= w[1].cr_after));
}

/// The value the others imply, worked out the slow way: the judgement left out, the
/// weights of the rest.
fn others_imply(criteria: &[usize], js: &[Judgement], i: usize) -> f64 {
    let mut others = js.to_vec();
    others.remove(i);
    let p = Pairwise::over(criteria.to_vec(), &others).unwrap();
    let place = |k: usize| criteria.iter().position(|&c| c == k).unwrap();
    p.weights[place(js[i].a)] / p.weights[place(js[i].b)]
}

#[test]
fn the_first_advice_is_the_largest_improvement_of_any_one_judgement() {
    let s = team_example();
    let ViewKind::Pairwise(js) = &s.model.views[1].kind else {
        panic!()
    };
    let p = Pairwise::new(js);
    assert!(p.is_inconsistent());
    let advice = p.advice(js, 10);
    assert!(!advice.is_empty());
    // By brute force: every judgement set to the value the others imply.
    let mut best = f64::INFINITY;
    for i in 0..js.len() {
        let mut trial = js.clone();
        trial[i].ratio = saaty::on_scale(others_imply(&p.criteria, js, i));
        best = best.min(Pairwise::new(&trial).cr);
    }
    assert!(close(advice[0].cr_after, best, 1e-12));
    for a in &advice {
        assert!(a.cr_after < p.cr);
        assert!(close(
            a.implied,
            others_imply(&p.criteria, js, a.judgement),
            1e-12
        ));
        let mut trial = js.clone();
        trial[a.judgement].ratio = a.suggested;
        assert!(close(Pairwise::new(&trial).cr, a.cr_after, 1e-12));
    }
}

#[test]
fn consistent_enough_judgements_get_no_advice() {
    let mut js = consistent(&[5.0, 3.0, 2.0, 1.0]);
    js[0].ratio = 2.0; // 5/3 said as 2: a little off, CR well under 0.1
    let p = Pairwise::new(&js);
    assert!(p.cr > 0.0 && !p.is_inconsistent(), "CR {}", p.cr);
    assert!(p.advice(&js, 2).is_empty());
}

#[test]
fn advice_for_fifteen_criteria_is_quick() {
    // The largest view the contract allows, with noise: one eigenvector per judgement.
    let n = 15;
    let mut js = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let r = ((a * 7 + b * 3) % 17) as f64 / 2.0 + 1.0;
            js.push(j(
                a,
                b,
                if (a + b) % 3 == 0 {
                    1.0 / r.min(9.0)
                } else {
                    r.min(9.0)
                },
            ));
        }
    }
    let t0 = std::time::Instant::now();
    let p = Pairwise::new(&js);
    let advice = p.advice(&js, 2);
    let spent = t0.elapsed();
    assert!(p.is_inconsistent());
    assert!(!advice.is_empty());
    // Generous for a debug build on a shared machine; release is ~100× faster.
    assert!(spent.as_secs_f64() < 5.0, "{spent:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the judgements, an advised change lowers CR by exactly the amount it says,
    /// and the first advice is at least as good as any other.
    #[test]
    fn advice_is_what_it_says(ratios in proptest::collection::vec(0usize..17, 6)) {
        let scale = |i: usize| if i < 8 { 1.0 / (9 - i) as f64 } else { (i - 7) as f64 };
        let pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
        let js: Vec<Judgement> = pairs.iter().zip(&ratios).map(|(&(a, b), &r)| j(a, b, scale(r))).collect();
        let p = Pairwise::new(&js);
        let advice = p.advice(&js, 6);
        if !p.is_inconsistent() {
            prop_assert!(advice.is_empty());
        }
        for a in &advice {
            let mut trial = js.clone();
            trial[a.judgement].ratio = a.suggested;
            prop_assert!((Pairwise::new(&trial).cr - a.cr_after).abs() < 1e-9);
            prop_assert!(a.cr_after < p.cr);
            prop_assert!(advice[0].cr_after <= a.cr_after);
        }
    }

    /// Dropping judgements (keeping the pairs connected) never panics, and gives weights
    /// that sum to 1.
    #[test]
    fn partial_weights_sum_to_one(ratios in proptest::collection::vec(0usize..17, 6), keep in proptest::collection::vec(any::<bool>(), 6)) {
        let scale = |i: usize| if i < 8 { 1.0 / (9 - i) as f64 } else { (i - 7) as f64 };
        let pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];
        let js: Vec<Judgement> = pairs.iter().zip(&ratios).zip(&keep)
            .filter(|(_, &k)| k).map(|((&(a, b), &r), _)| j(a, b, scale(r))).collect();
        if let Some(p) = Pairwise::over(vec![0, 1, 2, 3], &js) {
            prop_assert!((p.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            prop_assert!(p.weights.iter().all(|&w| w > 0.0));
            prop_assert!(p.lambda_max >= 4.0 - 1e-9);
            let _ = p.advice(&js, 2);
        }
    }
}

// ----- the pairwise check the page calls as the person goes -----

fn check(criteria: &[usize], js: &[Judgement]) -> Value {
    page::pairwise_check(5, criteria, js).unwrap()
}

#[test]
fn the_pairwise_check_as_the_person_goes() {
    let v = check(&[0, 2, 3], &[j(0, 2, 3.0)]);
    assert_eq!(v.get("pairs").unwrap().as_f64(), Some(3.0));
    assert_eq!(v.get("compared").unwrap().as_f64(), Some(1.0));
    assert_eq!(v.get("connected"), Some(&Value::Bool(false)));
    assert_eq!(v.get("weights"), Some(&Value::Null));

    let v = check(&[0, 2, 3], &[j(0, 2, 3.0), j(0, 3, 9.0)]);
    assert_eq!(v.get("connected"), Some(&Value::Bool(true)));
    assert_eq!(v.get("complete"), Some(&Value::Bool(false)));
    let w = v.get("weights").unwrap().as_array().unwrap();
    assert_eq!(w.len(), 5, "over the model's criteria");
    assert_eq!(w[1].as_f64(), Some(0.0), "not compared: 0");
    assert_eq!(v.get("cr").unwrap().as_f64(), Some(0.0));

    // c3 9× less than c0 but 9× more than c2, which is a third of c0: a contradiction.
    let js = [j(0, 2, 3.0), j(0, 3, 9.0), j(3, 2, 9.0)];
    let v = check(&[0, 2, 3], &js);
    assert_eq!(v.get("complete"), Some(&Value::Bool(true)));
    assert_eq!(v.get("inconsistent"), Some(&Value::Bool(true)));
    let advice = v.get("advice").unwrap().as_array().unwrap();
    assert!(!advice.is_empty() && advice.len() <= 2);
    let first = &advice[0];
    for key in [
        "judgement",
        "a",
        "b",
        "ratio",
        "implied",
        "suggested",
        "share",
        "cr_after",
    ] {
        assert!(first.get(key).is_some(), "{key} in {}", first.to_compact());
    }
    assert!(
        first.get("cr_after").unwrap().as_f64().unwrap() < v.get("cr").unwrap().as_f64().unwrap()
    );
}

#[test]
fn the_pairwise_check_refuses_what_no_view_may_hold() {
    let err =
        |criteria: &[usize], js: &[Judgement]| page::pairwise_check(5, criteria, js).unwrap_err();
    assert!(err(&[0], &[]).contains("2 to 15"));
    assert!(err(&[0, 9], &[]).contains("no criterion 9"));
    assert!(err(&[0, 0, 1], &[]).contains("twice"));
    assert!(err(&[0, 1], &[j(0, 0, 2.0)]).contains("two different"));
    assert!(err(&[0, 1], &[j(0, 2, 2.0)]).contains("two different"));
    assert!(err(&[0, 1], &[j(0, 1, 12.0)]).contains("1/9 to 9"));
    assert!(err(&[0, 1], &[j(0, 1, 2.0), j(1, 0, 0.5)]).contains("judged before"));
}

// ----- the view file -----

#[test]
fn a_view_file_reads_back_as_the_view_it_was_written_from() {
    let s = team_example();
    for (i, v) in s.model.views.iter().enumerate() {
        let text = file::export(&s, v);
        assert!(text.starts_with("{\n  \"format\": \"thresh.view\",\n  \"version\": 1,"));
        assert!(text.contains("\"instructions\""));
        assert!(text.contains("\"meaning\""), "each criterion explained");
        let f = read::view_file(text.as_bytes(), &s).unwrap();
        assert_eq!(&f.view, v, "view {i}");
        assert_eq!(f.scenario.as_deref(), Some(s.name.as_str()));
        let ids: Vec<String> = s.model.criteria.iter().map(|c| c.id.clone()).collect();
        assert_eq!(f.criteria, Some(ids));
        // It is JSON that any tool reads.
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["view"]["id"], v.id.as_str());
    }
}

#[test]
fn a_template_is_refused_until_every_blank_is_filled_in() {
    let s = team_example();
    let text = file::template(&s, "finance", "Finance");
    let lines = problems(read::view_file(text.as_bytes(), &s).unwrap_err());
    assert_eq!(lines.len(), s.model.criteria.len(), "{lines:?}");
    assert_has(
        &lines,
        "view.weights.reach: reach must be a number ≥ 0, found null",
    );
    // Filled in as a colleague would, in a text editor.
    let filled = text
        .replace("\"reach\": null", "\"reach\": 2")
        .replace("\"revenue\": null", "\"revenue\": 5")
        .replace("\"urgency\": null", "\"urgency\": 1")
        .replace("\"effort\": null", "\"effort\": 2")
        .replace("\"fit\": null", "\"fit\": 0");
    let f = read::view_file(filled.as_bytes(), &s).unwrap();
    assert_eq!(f.view.id, "finance");
    let w = team::view_weights(&f.view, 5).vector;
    assert!(close(w[1], 0.5, 1e-15) && w[4] == 0.0, "{w:?}");
}

/// A view file as text with `view` given.
fn view_file_text(view: &str) -> String {
    format!(r#"{{"format": "thresh.view", "version": 1, "scenario": "x", "view": {view}}}"#)
}

#[test]
fn malformed_view_files_are_refused_with_the_place() {
    let s = team_example();
    let read = |text: &str| problems(read::view_file(text.as_bytes(), &s).unwrap_err());
    let cases: Vec<(String, &str)> = vec![
        ("{\"format\": \"thresh.view\",".into(), "line 1, column 26"),
        ("[1, 2]".into(), "a view file is a JSON object, found a list"),
        ("{\"version\": 1}".into(), "format: format is missing"),
        (TEAM_EXAMPLE.into(), "format: this is a whole scenario"),
        ("{\"format\": \"thresh.views\", \"version\": 1}".into(), "format: format must be \"thresh.view\""),
        ("{\"format\": 7}".into(), "found 7"),
        ("{\"format\": \"thresh.view\", \"version\": 2, \"view\": {}}".into(), "version: this is a version 2 view file"),
        ("{\"format\": \"thresh.view\", \"version\": \"1\", \"view\": {\"id\": \"x\", \"label\": \"X\", \"weights\": {\"fit\": 1}}}".into(), "version: version must be a whole number ≥ 1, found \"1\""),
        ("{\"format\": \"thresh.view\", \"view\": {\"id\": \"x\", \"label\": \"X\", \"weights\": {\"fit\": 1}}}".into(), "version: version is missing"),
        ("{\"format\": \"thresh.view\", \"version\": 1}".into(), "view: view is missing"),
        (view_file_text("[]"), "view: view must be an object, found a list"),
        (view_file_text(r#"{"label": "X", "weights": {"fit": 1}}"#), "view.id: id is missing"),
        (view_file_text(r#"{"id": "x", "weights": {"fit": 1}}"#), "view.label: label is missing"),
        (view_file_text(r#"{"id": "x", "label": "X"}"#), "view: "),
        (view_file_text(r#"{"id": "x", "label": "X", "weights": {"speed": 1}}"#), "view.weights.speed: no criterion has the id \"speed\""),
        (view_file_text(r#"{"id": "x", "label": "X", "weights": {"fit": -1}}"#), "view.weights.fit: fit must be a number ≥ 0, found -1"),
        (view_file_text(r#"{"id": "x", "label": "X", "weights": {"fit": 0}}"#), "view.weights: at least one weight must be above 0"),
        (view_file_text(r#"{"id": "x", "label": "X", "weights": {"fit": 1}, "pairwise": []}"#), "view: "),
        (view_file_text(r#"{"id": "x", "label": "X", "say": -2, "weights": {"fit": 1}}"#), "view.say: say must be a number ≥ 0, found -2"),
        (view_file_text(r#"{"id": "x", "label": "X", "pairwise": [{"a": "fit", "b": "reach", "ratio": 12}]}"#), "view.pairwise[0].ratio: ratio must be a number from 1/9 to 9"),
        (view_file_text(r#"{"id": "x", "label": "X", "pairwise": [{"a": "fit", "b": "fit", "ratio": 2}]}"#), "view.pairwise[0].b"),
        (view_file_text(r#"{"id": "x", "label": "X", "pairwise": [{"a": "fit", "b": "reach", "ratio": 2}, {"a": "reach", "b": "fit", "ratio": 2}]}"#), "view.pairwise[1]: the pair"),
        (view_file_text(r#"{"id": "x", "label": "X", "pairwise": [{"a": "fit", "b": "reach", "ratio": 2}, {"a": "fit", "b": "urgency", "ratio": 2}]}"#), "view.pairwise: every pair"),
        (view_file_text(r#"{"id": "x", "label": "X", "pairwise": [{"a": "fit", "ratio": 2}]}"#), "view.pairwise[0].b: b is missing"),
        (view_file_text(r#"{"id": "", "label": "X", "weights": {"fit": 1}}"#), "view.id: id must not be empty"),
        ("{\"format\": \"thresh.view\", \"version\": 1, \"scenario\": 3, \"view\": {\"id\": \"x\", \"label\": \"X\", \"weights\": {\"fit\": 1}}}".into(), "scenario: scenario must be text, found 3"),
        ("{\"format\": \"thresh.view\", \"version\": 1, \"criteria\": {}, \"view\": {\"id\": \"x\", \"label\": \"X\", \"weights\": {\"fit\": 1}}}".into(), "criteria: criteria must be a list, found an object"),
        ("{\"format\": \"thresh.view\", \"version\": 1, \"criteria\": [{\"label\": \"Fit\"}], \"view\": {\"id\": \"x\", \"label\": \"X\", \"weights\": {\"fit\": 1}}}".into(), "criteria[0].id: id is missing"),
        ("{\"format\": \"thresh.view\", \"version\": 1, \"view\": {\"id\": \"x\", \"label\": \"X\", \"weights\": {\"fit\": 1}}, \"view\": {}}".into(), "view: view is written twice"),
        ("{\"format\": \"thresh.view\", \"version\": 1, \"view\": {\"id\": \"x\", \"label\": \"X\", \"weights\": {\"fit\": 1, \"fit\": 2}}}".into(), "view.weights.fit"),
    ];
    for (text, needle) in &cases {
        assert_has(&read(text), needle);
    }
    // Bytes that are not UTF-8, UTF-16, too many bytes.
    assert_has(
        &problems(read::view_file(b"{\"format\": \"thresh.view\xff\"}", &s).unwrap_err()),
        "not UTF-8",
    );
    assert_has(
        &problems(read::view_file(b"\xff\xfe{\x00}\x00", &s).unwrap_err()),
        "UTF-16",
    );
    let big = vec![b' '; VIEW_FILE_BYTES + 1];
    assert_has(
        &problems(read::view_file(&big, &s).unwrap_err()),
        "the limit is 1024 KiB",
    );
    // A byte-order mark and unknown fields (the instructions, a later version's) are fine.
    let ok = format!(
        "\u{feff}{}",
        view_file_text(r#"{"id": "x", "label": "X", "weights": {"fit": 1}, "note": "kept"}"#)
            .replace(
                "\"scenario\"",
                "\"instructions\": [\"…\"], \"later\": {\"a\": 1}, \"scenario\""
            )
    );
    let f = read::view_file(ok.as_bytes(), &s).unwrap();
    assert_eq!(f.view.extra.get("note"), Some(&Value::str("kept")));
}

#[test]
fn one_view_as_the_page_puts_it() {
    let s = team_example();
    let v = read::view_in(
        &s,
        3,
        r#"{"id": "fin", "label": "Finance", "weights": {"revenue": 1}}"#,
    )
    .unwrap();
    assert_eq!(v.id, "fin");
    let p = read::view_in(
        &s,
        3,
        r#"{"id": "cs", "label": "Finance", "weights": {"revenue": 1}}"#,
    )
    .unwrap_err();
    assert_eq!(
        p.list[0].to_string(),
        "model.views[3].id: the id \"cs\" is used twice: model.views[1] has it too"
    );
    // In its own place, its own id is fine.
    assert!(read::view_in(
        &s,
        1,
        r#"{"id": "cs", "label": "CS", "weights": {"revenue": 1}}"#
    )
    .is_ok());
    let p = read::view_in(
        &s,
        0,
        r#"{"id": "pm", "label": "PM", "weights": {"nope": 1}}"#,
    )
    .unwrap_err();
    assert_eq!(p.list[0].path, "model.views[0].weights.nope");
    let p = read::view_in(&s, 0, "{").unwrap_err();
    assert!(p.list[0]
        .to_string()
        .starts_with("model.views[0]: this is not valid JSON"));
}

// ----- taking a view file in -----

#[test]
fn a_view_file_replaces_the_view_with_its_id_and_keeps_its_say() {
    let s = team_example();
    let kat = &s.model.views[2];
    assert_eq!(kat.say, Some(0.5));
    let text = file::export(&s, kat)
        .replace("\"say\": 0.5", "\"say\": 9")
        .replace("\"revenue\": 5", "\"revenue\": 1");
    let imported = file::import(&s, text.as_bytes()).unwrap();
    assert_eq!(imported.replaces, Some(2));
    assert_eq!(imported.view.say, Some(0.5), "the say is the scenario's");
    assert!(
        imported.notes[0].contains("a say of 9; it keeps its say of 0.5"),
        "{:?}",
        imported.notes
    );

    let mut wb = Workbench::new(s.clone());
    let before = wb.export();
    let done = page::import_view(&mut wb, text.as_bytes()).unwrap();
    assert_eq!(done.replaces, Some(2));
    let after = wb.scenario();
    assert_eq!(after.model.views.len(), 3);
    let ViewKind::Weights(points) = &after.model.views[2].kind else {
        panic!()
    };
    assert_eq!(points.get(1), Some(&1.0));
    assert!(wb.undo());
    assert_eq!(wb.export(), before, "one undo step");
}

#[test]
fn a_view_file_with_a_new_id_is_added_and_says_what_changed_since() {
    let s = team_example();
    let text = file::template(&s, "finance", "Finance")
        .replace("null", "1")
        .replace("\"scenario\": \"", "\"scenario\": \"Old name of ");
    // The scenario has gained a criterion since the file was written.
    let mut grown = s.clone();
    let mut extra = grown.model.criteria[4].clone();
    extra.id = "risk".into();
    extra.label = "Risk".into();
    grown.model.criteria.push(extra);
    let mut wb = Workbench::new(grown);
    let imported = page::import_view(&mut wb, text.as_bytes()).unwrap();
    assert_eq!(imported.replaces, None);
    assert_eq!(wb.scenario().model.views.len(), 4);
    assert_eq!(wb.scenario().model.views[3].id, "finance");
    let notes = imported.notes.join("\n");
    assert!(
        notes.contains(
            "did not show \"Risk\" (added since it was written), so this view gives it 0"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("written for the scenario \"Old name of"),
        "{notes}"
    );
}

#[test]
fn a_refused_view_file_changes_nothing() {
    let mut wb = Workbench::new(team_example());
    let before = wb.export();
    let bad = view_file_text(r#"{"id": "pm", "label": "PM", "weights": {"speed": 1}}"#);
    let e = page::import_view(&mut wb, bad.as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "view.weights.speed: no criterion has the id \"speed\""
    );
    assert_eq!(wb.export(), before);
    assert!(!wb.can_undo());
    // The only view left with a say of 0 breaks a rule of the scenario: refused too.
    let mut one = team_example();
    one.model.views.truncate(1);
    let mut wb = Workbench::new(one);
    let zero = view_file_text(r#"{"id": "pm", "label": "PM", "say": 0, "weights": {"fit": 1}}"#);
    let imported = file::import(wb.scenario(), zero.as_bytes()).unwrap();
    assert_eq!(imported.view.say, None, "the scenario's say is kept");
    let before = wb.export();
    page::import_view(&mut wb, zero.as_bytes()).unwrap();
    assert_ne!(wb.export(), before);
}

// ----- the Team view's summary and its changes -----

#[test]
fn the_summary_has_what_the_team_view_draws() {
    let s = team_example();
    let table = thresh::Table::new(&s);
    let v = page::summary(&s, &table, None);
    let views = v.get("views").unwrap().as_array().unwrap();
    assert_eq!(views.len(), 3);
    assert_eq!(views[0].get("kind").unwrap().as_str(), Some("weights"));
    let cs = &views[1];
    assert_eq!(cs.get("kind").unwrap().as_str(), Some("pairwise"));
    for key in [
        "lambda_max",
        "ci",
        "cr",
        "inconsistent",
        "criteria",
        "advice",
        "worst",
        "raw",
    ] {
        assert!(cs.get(key).is_some(), "{key}");
    }
    assert_eq!(
        cs.get("raw").unwrap().get("id").unwrap().as_str(),
        Some("cs")
    );
    let team = v.get("team").unwrap();
    let t = Team::new(&s, None).unwrap();
    assert_eq!(
        team.get("words").unwrap().as_array().unwrap().len(),
        t.agreement_words().len()
    );
    assert_eq!(team.get("top").unwrap().as_f64(), Some(10.0));
    let scaled: Vec<f64> = team
        .get("scaled")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert!(
        close(scaled.iter().sum::<f64>(), 13.0, 0.03),
        "scaled to W = 13: {scaled:?}"
    );
    assert!(
        scaled
            .iter()
            .all(|x| (x * 100.0 - (x * 100.0).round()).abs() < 1e-9),
        "2 decimals"
    );
    assert_eq!(v.get("own"), Some(&Value::Null));
    assert_eq!(v.get("using_team"), Some(&Value::Bool(false)));

    // Without views: nothing to show but the empty list.
    let plain = read::from_str(EXAMPLE).unwrap();
    let v = page::summary(&plain, &thresh::Table::new(&plain), None);
    assert_eq!(v.get("views").unwrap().as_array().unwrap().len(), 0);
    assert_eq!(v.get("team"), Some(&Value::Null));
    assert_eq!(v.get("error"), Some(&Value::Null));
}

#[test]
fn the_teams_weights_are_used_and_the_pms_own_come_back() {
    let s = team_example();
    let own: Vec<f64> = s.model.criteria.iter().map(|c| c.weight()).collect();
    let mut wb = Workbench::new(s.clone());
    let before = wb.export();
    page::use_team_weights(&mut wb).unwrap();
    let team = Team::new(&s, None).unwrap();
    let expected = page::team_weights(&s, &team.table, &team.compromise);
    let now: Vec<f64> = wb
        .scenario()
        .model
        .criteria
        .iter()
        .map(|c| c.weight())
        .collect();
    assert_eq!(now, expected);
    // The ranking now is the team's (rounding to 2 decimals changes no place here).
    assert_eq!(wb.scores().unwrap().order, team.team.order);
    // Kept in the scenario, in the file.
    assert_eq!(page::own_weights(wb.scenario()).unwrap(), Some(own.clone()));
    let text = wb.export();
    assert!(
        text.contains(&format!(
            "\"{OWN_WEIGHTS}\": {{\n      \"effort\": 3,\n      \"fit\": 1,\n      \"reach\": 4,"
        )),
        "{text}"
    );
    let table = thresh::Table::new(wb.scenario());
    let v = page::summary(wb.scenario(), &table, None);
    assert_eq!(v.get("using_team"), Some(&Value::Bool(true)));
    // A reload (the file read again) still knows them.
    let mut reopened = Workbench::open(&text).unwrap();
    page::use_own_weights(&mut reopened).unwrap();
    assert_eq!(
        reopened.export(),
        before,
        "exactly as before, the field gone"
    );
    // Undo, step by step.
    assert!(wb.undo());
    assert_eq!(wb.export(), before);
    assert!(wb.redo());
    // Using the team's weights again (the views changed) keeps the PM's own from before.
    let changed = r#"{"id": "kat", "label": "Key-account team", "say": 0.5, "weights": {"revenue": 1, "fit": 3}}"#;
    page::put_view(&mut wb, 2, changed).unwrap();
    page::use_team_weights(&mut wb).unwrap();
    assert_eq!(page::own_weights(wb.scenario()).unwrap(), Some(own));
    page::use_own_weights(&mut wb).unwrap();
    assert!(page::use_own_weights(&mut wb)
        .unwrap_err()
        .to_string()
        .contains("no weights from before"));
}

#[test]
fn kept_weights_that_were_damaged_by_hand_are_named() {
    let text = TEAM_EXAMPLE.replace(
        "\"views\": [",
        "\"weights_before_team\": {\"reach\": \"four\", \"gone\": 1, \"fit\": 2},\n    \"views\": [",
    );
    let s = read::from_str(&text).unwrap();
    let p = page::own_weights(&s).unwrap_err();
    assert_eq!(
        p.to_string(),
        "model.weights_before_team.reach: reach must be a number ≥ 0, found \"four\""
    );
    let mut wb = Workbench::new(s);
    let before = wb.export();
    assert!(page::use_own_weights(&mut wb).is_err());
    assert_eq!(wb.export(), before);
}

#[test]
fn views_are_put_and_removed_in_one_undo_step_each() {
    let mut wb = Workbench::new(team_example());
    let start = wb.export();
    let id = page::fresh_view_id(wb.scenario(), "head-of-support-emea");
    assert_eq!(id, "head-of-support-emea");
    let judgements = r#"[{"a": "urgency", "b": "reach", "ratio": 3}, {"a": "urgency", "b": "fit", "ratio": 5}, {"a": "reach", "b": "fit", "ratio": 2}]"#;
    page::put_view(
        &mut wb,
        3,
        &format!(
            r#"{{"id": "{id}", "label": "Head of Support (EMEA)", "pairwise": {judgements}}}"#
        ),
    )
    .unwrap();
    assert_eq!(wb.scenario().model.views.len(), 4);
    let added = wb.export();
    page::put_view(
        &mut wb,
        3,
        &format!(r#"{{"id": "{id}", "label": "Support", "say": 2, "pairwise": {judgements}}}"#),
    )
    .unwrap();
    assert_eq!(wb.scenario().model.views[3].label, "Support");
    // The same view again: nothing to undo.
    let text =
        format!(r#"{{"id": "{id}", "label": "Support", "say": 2, "pairwise": {judgements}}}"#);
    page::put_view(&mut wb, 3, &text).unwrap();
    page::remove_view(&mut wb, 0).unwrap();
    assert_eq!(wb.scenario().model.views[0].id, "cs");
    // Refused: no such place, an id used twice, the say of every view 0.
    let now = wb.export();
    assert!(page::remove_view(&mut wb, 9).is_err());
    assert!(page::put_view(
        &mut wb,
        9,
        r#"{"id": "z", "label": "Z", "weights": {"fit": 1}}"#
    )
    .is_err());
    assert!(page::put_view(
        &mut wb,
        0,
        r#"{"id": "kat", "label": "Z", "weights": {"fit": 1}}"#
    )
    .is_err());
    assert_eq!(wb.export(), now);
    let mut single = Workbench::new(
        read::from_str(&TEAM_EXAMPLE.replace("\"say\": 0.5,", "\"say\": 0,")).unwrap(),
    );
    page::remove_view(&mut single, 0).unwrap();
    let e = page::remove_view(&mut single, 0).unwrap_err();
    assert!(e.to_string().contains("say above 0"), "{e}");
    // Back, one step at a time.
    assert!(wb.undo());
    assert!(wb.undo());
    assert_eq!(wb.export(), added);
    assert!(wb.undo());
    assert_eq!(wb.export(), start);
    // Fresh ids.
    let s = wb.scenario();
    assert_eq!(page::fresh_view_id(s, "cs"), "cs-2");
    assert_eq!(page::fresh_view_id(s, ""), "view");
}

#[test]
fn a_view_that_cannot_rank_is_said_in_the_summary() {
    // A view weighing only a criterion that sits out (no request has a value for it).
    let text = TEAM_EXAMPLE
        .replace(
            "\"criteria\": [",
            "\"criteria\": [\n      {\"id\": \"nps\", \"label\": \"NPS\", \"direction\": \"benefit\", \"weight\": 0},",
        )
        .replace(
            "\"views\": [",
            "\"views\": [\n      {\"id\": \"odd\", \"label\": \"Odd\", \"weights\": {\"nps\": 1}},",
        );
    let s = read::from_str(&text).unwrap();
    let v = page::summary(&s, &thresh::Table::new(&s), None);
    assert_eq!(v.get("team"), Some(&Value::Null));
    let error = v.get("error").unwrap().as_str().unwrap();
    assert!(
        error.starts_with("model.views[0]: with the view \"odd\"'s weights"),
        "{error}"
    );
    assert_eq!(v.get("views").unwrap().as_array().unwrap().len(), 4);
}
