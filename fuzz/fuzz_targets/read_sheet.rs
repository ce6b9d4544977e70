//! Fuzzes the spreadsheet layer (CSV import, contract §4; CSV export, §5) with arbitrary
//! bytes: decoding (UTF-8, UTF-16 by BOM, WHATWG labels), tokenizing with a guessed and a
//! given delimiter, header guessing and `--map`, the decimal separator rule, every kind of
//! cell, and the writer's output read back to the same cells.
//!
//! The checks live in `fuzz/sheet_checks.rs`, shared with `tests/sheet_fuzz_checks.rs`
//! (which runs them on the test files under plain `cargo test`).
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../sheet_checks.rs");

fuzz_target!(|data: &[u8]| {
    check_sheet(data);
});
