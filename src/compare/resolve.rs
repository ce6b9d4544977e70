//! Deciding a merge's conflicts: the PM picks ours or theirs at each conflict (the page's
//! merge view), and the merge is finished into a scenario that reads.
//!
//! A side chosen at a conflict puts that side's own value at its path (absent where the
//! side has nothing there). Most choices leave a scenario that reads. A choice that keeps
//! a reference the other side broke — "keep my new request in bucket Mobile", which they
//! removed — brings the item it refers to back from the chosen side. A problem that no
//! choice covers (a choice elsewhere created it) becomes a new conflict to decide.

use std::collections::{HashMap, HashSet};

use super::changes::set;
use super::merge::{merge_trees, place, tree_path, Conflict};
use super::take::{referred, related};
use super::tree::{Shape, Tree};
use crate::error::ReadError;
use crate::model::Scenario;

/// Rounds of "read, mend what the choices cover" before the rest is handed back.
const MAX_ROUNDS: usize = 8;

/// A side of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "ours" => Some(Side::Ours),
            "theirs" => Some(Side::Theirs),
            _ => None,
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}

/// A merge finished.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub scenario: Scenario,
    /// Items brought back from the side chosen, so that what it refers to is there (paths).
    pub restored: Vec<Vec<String>>,
}

/// Merges `ours` and `theirs` (edited copies of `base`) with a side chosen at each conflict
/// (`choices` by path). `Err` holds the conflicts still to decide: those of the merge with
/// no choice, or — when every one has a choice — the problems the choices left that none
/// of them covers (each at its place, with the reader's message), for a second round.
///
/// Cost: one [`merge_trees`], then per round the result written and read; usually one.
pub fn resolve(
    base: &Tree,
    ours: &Tree,
    theirs: &Tree,
    choices: &HashMap<Vec<String>, Side>,
) -> Result<Resolved, Vec<Conflict>> {
    let merged = merge_trees(base, ours, theirs);
    let mut tree = merged.tree;
    let side_tree = |side: Side| match side {
        Side::Ours => ours,
        Side::Theirs => theirs,
    };
    let undecided: Vec<Conflict> = merged
        .conflicts
        .iter()
        .filter(|c| c.path.is_empty() || !choices.contains_key(&c.path))
        .cloned()
        .collect();
    if !undecided.is_empty() {
        return Err(undecided);
    }
    let mut applied = HashSet::new();
    let choose = |tree: &mut Tree, path: &[String], side: Side| -> bool {
        let value = side_tree(side).get(path);
        set(&mut tree.root, Shape::Root, path, value).is_ok()
    };
    for c in &merged.conflicts {
        choose(&mut tree, &c.path, choices[&c.path]);
        applied.insert(c.path.clone());
    }
    let mut restored = Vec::new();
    let mut left = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let problems = match tree.to_scenario() {
            Ok(scenario) => return Ok(Resolved { scenario, restored }),
            Err(ReadError::Invalid(p)) => p.list,
            Err(other) => {
                return Err(vec![Conflict {
                    path: Vec::new(),
                    base: None,
                    ours: None,
                    theirs: None,
                    problem: Some(other.to_string()),
                }])
            }
        };
        let mut mended = false;
        let mut seen = HashSet::new();
        left.clear();
        for p in problems {
            let at = place(tree_path(&tree, &p.path));
            if !seen.insert(at.clone()) {
                continue;
            }
            // A choice made in an earlier round, for a conflict found then.
            if !applied.contains(&at) {
                if let Some(&side) = choices.get(&at) {
                    mended |= choose(&mut tree, &at, side);
                    applied.insert(at);
                    continue;
                }
            }
            // The choice the problem lies under: what the kept value refers to comes back
            // from that side (never an item the PM decided about).
            let covering = choices
                .iter()
                .filter(|(path, _)| !at.is_empty() && related(path, &at))
                .max_by_key(|(path, _)| path.len())
                .map(|(_, &side)| side);
            let mut brought = false;
            if let (Some(side), Some(value)) = (covering, tree.get(&at)) {
                for item in referred(&at, &value) {
                    if tree.node(&item).is_some() || choices.keys().any(|c| related(c, &item)) {
                        continue;
                    }
                    let found = [side, side.other()]
                        .into_iter()
                        .find_map(|s| side_tree(s).get(&item));
                    if let Some(v) = found {
                        if set(&mut tree.root, Shape::Root, &item, Some(v)).is_ok() {
                            restored.push(item);
                            brought = true;
                        }
                    }
                }
            }
            if brought {
                mended = true;
                continue;
            }
            left.push(Conflict {
                base: base.get(&at),
                ours: ours.get(&at),
                theirs: theirs.get(&at),
                path: at,
                problem: Some(p.message),
            });
        }
        if !mended {
            return Err(left);
        }
    }
    Err(left)
}
