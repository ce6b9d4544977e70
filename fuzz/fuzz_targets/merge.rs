//! Fuzzes compare and merge (sharing contract §1–§3) with three scenarios split from the
//! input at NUL bytes (base, ours, theirs; a missing part repeats the base).
//!
//! For every input whose three parts read as scenarios:
//! - `thresh::compare::merge` returns (never panics), each conflict at its own path;
//! - with no conflict, the merged scenario reads, and its text is canonical (it reads back
//!   and writes again to the same bytes);
//! - merge(base, ours, base) is ours, with no conflict (§3's table, first row);
//! - taking every change from base to ours gives ours (§2), and the changes' words can be
//!   said.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thresh::compare::{self, Tree};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let Some(first) = parts.next() else {
        return;
    };
    let (second, third) = (parts.next().unwrap_or(first), parts.next().unwrap_or(first));
    let read = |bytes: &[u8]| thresh::read::from_slice(bytes).ok();
    let (Some(base), Some(ours), Some(theirs)) = (read(first), read(second), read(third)) else {
        return;
    };

    let m = compare::merge(&base, &ours, &theirs);
    let mut paths: Vec<&Vec<String>> = m.conflicts.iter().map(|c| &c.path).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), m.conflicts.len(), "one conflict per path");
    let text = m.text();
    let _ = m.to_json();
    if m.conflicts.is_empty() {
        let merged = m.scenario.as_ref().expect("a merge without conflicts reads");
        let again = thresh::read::from_str(&text)
            .unwrap_or_else(|e| panic!("the merged text does not read: {e}\n{text}"));
        assert_eq!(thresh::write::to_string(&again), text, "the merged text is canonical");
        assert_eq!(thresh::write::to_string(merged), text);
    }

    let (tb, to) = (Tree::of(&base), Tree::of(&ours));
    let same = compare::merge(&base, &ours, &base);
    assert!(same.conflicts.is_empty(), "merge(b, x, b): {:?}", same.conflicts);
    assert!(same.tree.same(&to), "merge(b, x, b) is x");

    let changes = compare::changes(&tb, &to);
    for c in &changes {
        let _ = compare::describe(c, &base, &ours);
    }
    let applied = compare::apply(&tb, &changes).expect("changes of base apply to base");
    assert!(applied.same(&to), "applying every change gives ours");
    let _ = compare::diff(&base, &ours).to_json();
});
