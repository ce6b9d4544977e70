//! Fuzzes the view file (`thresh.view`, docs/team.md) with arbitrary bytes, read against
//! the field-service scenario with the team's three views.
//!
//! For every input:
//! - `thresh::read::view_file` returns (never panics), Ok or Err; an Err names every
//!   problem (a syntax error has a line and a column; the others a path in the file);
//! - on Ok, the view breaks no rule of team-v1 §1 against the scenario's criteria, and the
//!   file written for it (`team::file::export`) reads back to the same view;
//! - taking it into an open scenario (`team::page::import_view`) either leaves a valid
//!   scenario whose canonical text reads back, with the view in place of the one with its
//!   id (the say kept) or added, and one undo step back to exactly the scenario before —
//!   or changes nothing; the Team view's summary of the result can be made;
//! - the same bytes as one view put by the page (`read::view_in`) never panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thresh::model::Scenario;
use thresh::team::{file, page};
use thresh::workbench::Workbench;

const TEAM: &str = include_str!("../../examples/field-service-team.thresh.json");

fuzz_target!(|data: &[u8]| {
    let scenario: Scenario = thresh::read::from_str(TEAM).expect("the example reads");
    let read = thresh::read::view_file(data, &scenario);
    match &read {
        Err(thresh::ReadError::Invalid(p)) => assert!(!p.is_empty(), "a refusal names a problem"),
        Err(thresh::ReadError::Syntax { line, column, .. }) => assert!(*line >= 1 && *column >= 1),
        Err(other) => panic!("a view file is refused with problems or a syntax error, not {other:?}"),
        Ok(f) => {
            let mut with = scenario.clone();
            with.model.views = vec![f.view.clone()];
            let problems = thresh::validate::views(&with.model);
            assert!(problems.is_empty(), "a view read breaks no rule: {problems}");
            let text = file::export(&scenario, &f.view);
            let again = thresh::read::view_file(text.as_bytes(), &scenario)
                .unwrap_or_else(|e| panic!("the file written does not read back: {e}\n{text}"));
            assert_eq!(again.view, f.view, "the file written reads back differently\n{text}");
        }
    }

    let mut wb = Workbench::new(scenario.clone());
    let before = wb.export();
    match page::import_view(&mut wb, data) {
        Ok(imported) => {
            assert!(read.is_ok(), "taken in, so it read");
            let s = wb.scenario();
            let at = s.model.views.iter().position(|v| v.id == imported.view.id).expect("in place");
            assert_eq!(s.model.views[at], imported.view);
            if let Some(i) = imported.replaces {
                assert_eq!(at, i);
                assert_eq!(imported.view.say, scenario.model.views[i].say, "the say is kept");
            } else {
                assert_eq!(at, scenario.model.views.len(), "added at the end");
            }
            let text = wb.export();
            let back = thresh::read::from_str(&text)
                .unwrap_or_else(|e| panic!("the scenario with the view does not read back: {e}\n{text}"));
            assert_eq!(&back, wb.scenario());
            let _ = page::summary(wb.scenario(), wb.table(), None);
            assert!(wb.undo());
            assert_eq!(wb.export(), before, "one undo step back");
        }
        Err(_) => assert_eq!(wb.export(), before, "a refused file changes nothing"),
    }

    if let Ok(text) = std::str::from_utf8(data) {
        let _ = thresh::read::view_in(&scenario, 1, text);
        let _ = thresh::read::view_in(&scenario, 3, text);
    }
});
