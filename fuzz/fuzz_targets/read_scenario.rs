//! Fuzzes the scenario reader, the canonical writer and scoring with arbitrary bytes.
//!
//! For every input:
//! - `thresh::read::from_slice` returns (never panics), Ok or Err;
//! - on Ok, the canonical text `thresh::write::to_string` reads back, means the same
//!   scenario, and writes again to identical bytes (export is idempotent, contract §1);
//! - `thresh::Ranking::new` returns; on Ok every score and value is finite or the request
//!   is archived or flagged unscorable (then it has none), the ranking's JSON (which must
//!   itself be valid JSON), table and warnings can be produced, and a plan — when the
//!   scenario has a capacity — is made within a small budget or refused with a reason
//!   (none of them may panic). This is the whole read → score → write round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(scenario) = thresh::read::from_slice(data) else {
        return;
    };

    let first = thresh::write::to_string(&scenario);
    let again = match thresh::read::from_str(&first) {
        Ok(s) => s,
        Err(e) => panic!("the canonical text does not read back: {e}\n{first}"),
    };
    // Same meaning. An empty capacity list is not written at all, so whether it was a
    // list is not kept for it; everything else must be equal.
    let mut expected = scenario.clone();
    if expected.capacity.is_empty() {
        expected.capacity_is_list = again.capacity_is_list;
    }
    assert_eq!(
        again, expected,
        "the canonical text reads back differently\n{first}"
    );
    let second = thresh::write::to_string(&again);
    assert_eq!(
        first, second,
        "writing the canonical text again changes its bytes"
    );

    if let Ok(ranking) = thresh::Ranking::new(&scenario) {
        // A score that cannot be computed is left out (the request unscorable), never an
        // infinite number.
        let scores = &ranking.scores;
        for (i, (score, value)) in scores.score.iter().zip(&scores.value).enumerate() {
            let unscored = ranking.table.archived[i]
                || scores.flags[i].contains(thresh::score::Flags::UNSCORABLE);
            assert!(
                (score.is_finite() && value.is_finite()) || (unscored && score.is_nan()),
                "request {i}: score {score}, value {value}\n{first}"
            );
        }
        let json = ranking.to_json();
        assert!(thresh::json::scan(&json).is_ok(), "rank --json is not JSON:\n{json}");
        let _ = ranking.to_table();
        let _ = ranking.warnings();
        if !scenario.capacity.is_empty() {
            let budget = thresh::plan::Budget {
                max_nodes: 20_000,
                ..Default::default()
            };
            if let Ok(report) = thresh::plan::report::report(
                &scenario,
                &ranking.table,
                &ranking.scores,
                &[],
                &budget,
                None,
            ) {
                let json = report.to_json();
                assert!(thresh::json::scan(&json).is_ok(), "plan --json is not JSON:\n{json}");
                let _ = report.to_table(&scenario, &ranking.scores);
            }
        }
    }
});
