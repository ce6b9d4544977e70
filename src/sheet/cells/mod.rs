//! One cell's text → a value, by the rules of §4 "Cells" and "Rows".
//!
//! - [`number`]: numbers with the file-wide decimal separator, thousands groups, currency
//!   signs and codes, `%` for confidence; counts and non-negative amounts;
//! - [`date`]: `YYYY-MM-DD`, `DD.MM.YYYY`, Jira's `dd/MMM/yy` and `A/B/YYYY` with a date
//!   order;
//! - [`range`]: a criterion's value from a row's `values.<c>` and `.low|likely|high`;
//! - [`words`]: `status` and `plan` words, lists of names, and ids made from text.
//!
//! Every function takes a cell's trimmed text, which the caller has already found not
//! empty (an empty cell means "no value"), and returns the value or the message of a
//! problem (`"abc" is not a number`); the caller adds the cell's place and header with
//! [`crate::sheet::SheetProblem::cell`]. Cost: linear in the cell's length, no allocation
//! on success except where a `String` is returned.

pub mod date;
pub mod number;
pub mod range;
pub mod words;

pub use date::{parse_date, DateOrder};
pub use number::{
    decide_decimal, decimal_evidence, parse_confidence, parse_count, parse_non_negative,
    parse_number, DecidedBy, DecimalChoice, DecimalSeparator,
};
pub use range::{combine_value, ValueCells};
pub use words::{parse_plan, parse_status, slug, split_list, unique_id, PlanPin, Status};
