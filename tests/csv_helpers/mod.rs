//! Helpers shared by the spreadsheet import's tests (`tests/import_csv.rs`,
//! `tests/import_csv_files.rs`).
#![allow(dead_code)]

pub mod backlog;

use thresh::date::Date;
use thresh::model::{Estimate, Scenario};
use thresh::sheet::import::{import_text, Destination, Import, ImportOptions};
use thresh::{read, write};

pub fn today() -> Date {
    Date::parse("2027-03-01").unwrap()
}

pub fn new() -> Destination<'static> {
    Destination::New {
        name: "Imported",
        today: today(),
    }
}

pub fn options(maps: &[&str]) -> ImportOptions {
    ImportOptions {
        maps: maps.iter().map(|m| m.to_string()).collect(),
        ..ImportOptions::default()
    }
}

/// Imports into a new scenario; panics with the problems when there are any.
#[track_caller]
pub fn ok(csv: &str, maps: &[&str]) -> (Scenario, Import) {
    ok_with(csv, &options(maps), new())
}

#[track_caller]
pub fn ok_with(csv: &str, options: &ImportOptions, into: Destination<'_>) -> (Scenario, Import) {
    let import = import_text(csv, options, into);
    assert!(
        import.plan.problems.is_empty(),
        "problems:\n{}",
        import.plan.problems
    );
    let s = import
        .scenario
        .clone()
        .expect("a scenario without problems");
    reads_back(&s);
    (s, import)
}

/// The problems of an import that must fail, one string each; nothing is written.
#[track_caller]
pub fn problems(csv: &str, maps: &[&str]) -> Vec<String> {
    problems_with(csv, &options(maps), new())
}

#[track_caller]
pub fn problems_with(csv: &str, options: &ImportOptions, into: Destination<'_>) -> Vec<String> {
    let import = import_text(csv, options, into);
    assert!(import.scenario.is_none(), "a scenario despite problems");
    assert!(!import.plan.problems.is_empty());
    import
        .plan
        .problems
        .list
        .iter()
        .map(|p| p.to_string())
        .collect()
}

pub fn warnings(import: &Import) -> Vec<String> {
    import
        .plan
        .warnings
        .list
        .iter()
        .map(|p| p.to_string())
        .collect()
}

/// The canonical text reads back to the same scenario, and writes the same bytes again.
#[track_caller]
pub fn reads_back(s: &Scenario) {
    let text = write::to_string(s);
    let again = read::from_str(&text).unwrap_or_else(|e| panic!("does not read back: {e}"));
    assert_eq!(&again, s);
    assert_eq!(write::to_string(&again), text);
}

pub fn request<'s>(s: &'s Scenario, id: &str) -> &'s thresh::model::Request {
    s.requests
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no request {id}"))
}

pub fn value(s: &Scenario, id: &str, criterion: &str) -> Option<Estimate> {
    s.value_of(request(s, id), criterion).cloned()
}

/// A request's asks as (account id or "", count, source id or "").
pub fn asks(s: &Scenario, id: &str) -> Vec<(String, u32, String)> {
    request(s, id)
        .asks
        .iter()
        .map(|a| {
            (
                s.account_id(a).unwrap_or("").to_string(),
                a.count(),
                s.source_id(a).unwrap_or("").to_string(),
            )
        })
        .collect()
}

pub fn ids(s: &Scenario) -> Vec<&str> {
    s.requests.iter().map(|r| r.id.as_str()).collect()
}

pub fn example() -> Scenario {
    read::from_str(include_str!("../../examples/field-service-q2.thresh.json")).unwrap()
}

pub fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
