// Rows into a scenario (`thresh::sheet::import`, contract §4) on arbitrary bytes, with
// its promises checked. Any panic is a bug.
//
// Shared by the fuzz target (`fuzz/fuzz_targets/import_csv.rs`) and by
// `tests/import_fuzz_checks.rs`, which runs it on the test files under `cargo test` so
// that these checks compile and hold without a nightly toolchain. Included with
// `include!`, so it is plain items with no crate attributes.

use thresh::sheet::cells::{DateOrder, DecimalSeparator};
use thresh::sheet::csv::{read_table, Delimiter};
use thresh::sheet::import::{import_bytes, target_names, Destination, Import, ImportOptions};

const EXAMPLE_SCENARIO: &str = include_str!("../examples/field-service-q2.thresh.json");

/// Imports `data` as a CSV into the example scenario (guessed columns, then columns
/// mapped by the input's own bytes, with options chosen by them) and into a new scenario,
/// and checks every outcome.
pub fn check_import(data: &[u8]) {
    let example = thresh::read::from_str(EXAMPLE_SCENARIO).expect("the example reads");
    // Not UTF-8: read as windows-1250, which decodes any bytes (a bad label must fail).
    let encoding = match thresh::sheet::decode::decode(data) {
        Ok(_) => None,
        Err(_) => Some("windows-1250"),
    };
    assert!(import_bytes(
        data,
        Some("no-such-encoding"),
        &ImportOptions::default(),
        Destination::Existing(&example)
    )
    .is_err());
    let byte = |i: usize| data.get(i).copied().unwrap_or(0) as usize;

    let guessed = ImportOptions::default();
    let import =
        import_bytes(data, encoding, &guessed, Destination::Existing(&example)).expect("decodes");
    check_outcome(&import, Some(&example));

    // Every header mapped to a target the input's bytes choose, with options they choose.
    let targets = target_names(&example);
    let text = match encoding {
        None => thresh::sheet::decode::decode(data)
            .unwrap()
            .text
            .into_owned(),
        Some(label) => thresh::sheet::decode::decode_with_label(data, label)
            .unwrap()
            .text
            .into_owned(),
    };
    let maps: Vec<String> = match read_table(&text, None) {
        Ok(table) => table
            .header
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}={}", c.text, targets[byte(i) % targets.len()]))
            .collect(),
        Err(_) => vec!["nothing=title".into()],
    };
    let chosen = ImportOptions {
        delimiter: (byte(0) % 5 < 4).then(|| Delimiter::ALL[byte(0) % 4]),
        decimal: [
            None,
            Some(DecimalSeparator::Point),
            Some(DecimalSeparator::Comma),
        ][byte(1) % 3],
        date_order: [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)][byte(2) % 3],
        maps,
    };
    let import =
        import_bytes(data, encoding, &chosen, Destination::Existing(&example)).expect("decodes");
    check_outcome(&import, Some(&example));

    let today = thresh::date::Date::parse("2027-03-01").unwrap();
    let import = import_bytes(
        data,
        encoding,
        &guessed,
        Destination::New {
            name: "Fuzzed",
            today,
        },
    )
    .expect("decodes");
    check_outcome(&import, None);
}

fn check_outcome(import: &Import, into: Option<&thresh::Scenario>) {
    let plan = &import.plan;
    // A plan for the page, whatever happened.
    let value = plan.to_value();
    assert!(value.get("columns").is_some());
    let _ = plan.summary();
    let _ = plan.decimal_reason();
    for p in plan.problems.list.iter().chain(&plan.warnings.list) {
        assert!(!p.message.is_empty());
        assert!(p.to_string().starts_with("CSV"));
        if p.column > 0 {
            assert!(p.line > 0, "{p}");
        }
    }
    let Some(s) = &import.scenario else {
        assert!(!plan.problems.is_empty(), "no scenario and no problem");
        return;
    };
    assert!(plan.problems.is_empty(), "a scenario despite problems");
    // What is written reads back, to the same scenario and the same bytes.
    let text = thresh::write::to_string(s);
    let again = thresh::read::from_str(&text).expect("an accepted import reads back");
    assert_eq!(&again, s);
    assert_eq!(thresh::write::to_string(&again), text);
    // Nothing of the scenario is lost: its requests, accounts, buckets and sources are
    // all there, first and in order, the new ones after them.
    if let Some(into) = into {
        assert_eq!(s.model, into.model);
        assert_eq!(s.requests.len(), into.requests.len() + plan.added.len());
        for (a, b) in into.requests.iter().zip(&s.requests) {
            assert_eq!(a.id, b.id);
            assert!(b.asks.len() >= a.asks.len());
        }
        assert_eq!(
            s.accounts.len(),
            into.accounts.len() + plan.accounts_created.len()
        );
        assert_eq!(
            s.buckets.len(),
            into.buckets.len() + plan.buckets_created.len()
        );
        assert_eq!(
            s.sources.len(),
            into.sources.len() + plan.sources_created.len()
        );
    }
    for id in &plan.added {
        assert!(s.request_index(id).is_some(), "{id}");
    }
    for c in &plan.accounts_created {
        assert!(s.account_index(&c.id).is_some(), "{}", c.id);
    }
    // It ranks, or says why not; the CSV out of it is written.
    if let Ok(ranking) = thresh::Ranking::new(s) {
        let csv = ranking.to_csv(thresh::sheet::csv::CsvStyle::default());
        assert!(csv.starts_with('\u{FEFF}'));
    }
}
