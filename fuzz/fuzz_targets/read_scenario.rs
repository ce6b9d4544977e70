//! Fuzzes the scenario reader, the canonical writer and scoring with arbitrary bytes.
//!
//! For every input:
//! - `thresh::read::from_slice` returns (never panics), Ok or Err;
//! - on Ok, the canonical text `thresh::write::to_string` reads back, means the same
//!   scenario, and writes again to identical bytes (export is idempotent, contract §1);
//! - `thresh::Ranking::new` returns; on Ok every score and value is finite, and the
//!   ranking's JSON, table and warnings can be produced (none of them may panic).
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
        // Scores that cannot be computed are refused, never NaN or infinite.
        for (i, (score, value)) in ranking
            .scores
            .score
            .iter()
            .zip(&ranking.scores.value)
            .enumerate()
        {
            assert!(
                score.is_finite() && value.is_finite(),
                "request {i}: score {score}, value {value}\n{first}"
            );
        }
        let _ = ranking.to_json();
        let _ = ranking.to_table();
        let _ = ranking.warnings();
    }
});
