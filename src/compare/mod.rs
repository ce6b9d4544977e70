//! Compare two scenarios and merge two edited copies of one (the sharing contract, §1–§3).
//!
//! Both see a scenario as a [`Tree`] (§1): objects compared key by key, the id-keyed lists
//! (`model.criteria`, `model.views`, `sources`, `accounts`, `buckets`, `requests`, and
//! `capacity` by its `criterion`) item by item by id whatever their order, everything else
//! a leaf compared as JSON (numbers by value: `1` equals `1.0`). A field absent from an
//! object equals the field with its documented default (a criterion without `weight` has
//! weight 1), and an absent id-keyed list equals an empty one. Unknown fields take part
//! like any other. A path is the list of keys from the root, an id standing for an item:
//! `["requests", "FS-101", "values", "cost"]`.
//!
//! - [`changes`] lists what changed from A to B, each at the highest path where the sides
//!   differ; [`diff`] adds the ranking movement and the plan difference (§2);
//!   [`describe`] says a change in words, [`group`] where a summary lists it.
//! - [`apply`] takes some of those changes (the page takes them one by one).
//! - [`merge`] merges two edited copies of a base three ways, leaf by leaf, then reads the
//!   merged scenario and turns each problem the merge created into a conflict (§3).
//! - [`take`] takes changes by path with what they need to stay valid, and [`resolve`]
//!   finishes a merge with a side chosen at each conflict (the page's review and merge);
//!   [`page`] is the page's whole protocol: files in, JSON text out.
//!
//! Cost: a tree is the scenario's canonical text read back as JSON (about the size of the
//! text, built in one pass); comparing walks the trees once, with a hash lookup per item of
//! an id-keyed list. A merge also writes and reads the merged scenario once. Nothing here
//! reads a clock or starts a thread.

mod changes;
mod describe;
mod diff;
mod merge;
pub mod page;
mod resolve;
mod take;
mod tree;

pub use changes::{apply, changes, ApplyError, Change, ChangeKind};
pub use describe::{describe, group, subject, Group, Names};
pub use diff::{diff, diff_trees, Diff, Movement, PlanDifference};
pub use merge::{merge, merge_trees, Conflict, Merge};
pub use resolve::{resolve, Resolved, Side};
pub use take::{take, TakeError, Taken};
pub use tree::Tree;

#[cfg(test)]
mod tests;
