//! Fuzzes the CSV import (contract §4: rows into a scenario) with arbitrary bytes as a
//! CSV, into the example scenario (guessed columns, then columns mapped and options
//! chosen by the input's bytes) and into a new one: no input may panic, and an accepted
//! import must read back to the same scenario, keep everything the scenario had, rank
//! and write its CSV.
//!
//! The checks live in `fuzz/import_checks.rs`, shared with `tests/import_fuzz_checks.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../import_checks.rs");

fuzz_target!(|data: &[u8]| {
    check_import(data);
});
