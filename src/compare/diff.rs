//! Compare (§2): the changes from A to B, what they do to the ranking, and to the plan.

use std::collections::{HashMap, HashSet};

use super::changes::{changes, Change};
use super::tree::Tree;
use crate::json::{Object, Value};
use crate::model::Scenario;
use crate::report::Ranking;

/// A request's place in both rankings: `None` where it is absent, unscorable or archived.
#[derive(Clone, Debug, PartialEq)]
pub struct Movement {
    pub id: String,
    pub rank_a: Option<u32>,
    pub rank_b: Option<u32>,
    pub score_a: Option<f64>,
    pub score_b: Option<f64>,
}

impl Movement {
    pub fn to_value(&self) -> Value {
        crate::object! {
            "id": self.id.as_str(),
            "rank_a": self.rank_a,
            "rank_b": self.rank_b,
            "score_a": self.score_a,
            "score_b": self.score_b,
        }
    }
}

/// How the two plans differ, by request id: `only_a` in A's rank order, `only_b` and
/// `both` in B's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanDifference {
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
    pub both: Vec<String>,
}

impl PlanDifference {
    pub fn to_value(&self) -> Value {
        crate::object! {
            "only_a": Value::strings(&self.only_a),
            "only_b": Value::strings(&self.only_b),
            "both": Value::strings(&self.both),
        }
    }
}

/// Everything `thresh diff` reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    pub changes: Vec<Change>,
    /// Every request ranked in A or in B: B's rank order, then those with no rank in B in
    /// A's rank order.
    pub ranking: Vec<Movement>,
    /// When both scenarios have a capacity and both plans are feasible.
    pub plan: Option<PlanDifference>,
}

impl Diff {
    /// `{ "changes": [...], "ranking": [...], "plan"?: {...} }`.
    pub fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.push(
            "changes".into(),
            Value::Array(self.changes.iter().map(Change::to_value).collect()),
        );
        o.push(
            "ranking".into(),
            Value::Array(self.ranking.iter().map(Movement::to_value).collect()),
        );
        if let Some(p) = &self.plan {
            o.push("plan".into(), p.to_value());
        }
        Value::Object(o)
    }

    /// The `diff --json` document, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = crate::json::write::pretty(&self.to_value());
        text.push('\n');
        text
    }
}

/// Compares two scenarios: the changes from A to B, the ranking movement, and the plan
/// difference when both have a capacity and a feasible plan. A scenario that cannot be
/// scored (no weighted criterion has a value) ranks nothing.
///
/// Cost: both scenarios written and read as trees, one walk over them, both scored, and
/// both planned when they have a capacity (the planner dominates when its search is hard).
pub fn diff(a: &Scenario, b: &Scenario) -> Diff {
    diff_trees(a, &Tree::of(a), b, &Tree::of(b))
}

/// [`diff`] with each scenario's tree already made ([`Tree::of`] it).
pub fn diff_trees(a: &Scenario, tree_a: &Tree, b: &Scenario, tree_b: &Tree) -> Diff {
    let changes = changes(tree_a, tree_b);
    let ranking_a = Ranking::new(a).ok();
    let ranking_b = Ranking::new(b).ok();
    let ranking = movements(ranking_a.as_ref(), ranking_b.as_ref());
    let plan = match (&ranking_a, &ranking_b) {
        (Some(ra), Some(rb)) => plan_difference(ra, rb),
        _ => None,
    };
    Diff {
        changes,
        ranking,
        plan,
    }
}

/// A ranking's scored requests in rank order: (id, rank, score).
fn ranked<'a>(r: Option<&'a Ranking>) -> Vec<(&'a str, u32, f64)> {
    let Some(r) = r else {
        return Vec::new();
    };
    r.scores
        .order
        .iter()
        .map(|&i| i as usize)
        .filter(|&i| r.scores.is_scored(i))
        .map(|i| {
            (
                r.scenario.requests[i].id.as_str(),
                r.scores.rank[i],
                r.scores.score[i],
            )
        })
        .collect()
}

fn movements(a: Option<&Ranking>, b: Option<&Ranking>) -> Vec<Movement> {
    let in_a = ranked(a);
    let in_b = ranked(b);
    let by_id_a: HashMap<&str, (u32, f64)> = in_a.iter().map(|&(id, r, s)| (id, (r, s))).collect();
    let by_id_b: HashMap<&str, (u32, f64)> = in_b.iter().map(|&(id, r, s)| (id, (r, s))).collect();
    let mut out = Vec::with_capacity(in_b.len().max(in_a.len()));
    for &(id, rank, score) in &in_b {
        let there = by_id_a.get(id);
        out.push(Movement {
            id: id.to_string(),
            rank_a: there.map(|t| t.0),
            rank_b: Some(rank),
            score_a: there.map(|t| t.1),
            score_b: Some(score),
        });
    }
    for &(id, rank, score) in &in_a {
        if !by_id_b.contains_key(id) {
            out.push(Movement {
                id: id.to_string(),
                rank_a: Some(rank),
                rank_b: None,
                score_a: Some(score),
                score_b: None,
            });
        }
    }
    out
}

/// Both plans by id, or `None` when either scenario has no capacity or no feasible plan.
fn plan_difference(a: &Ranking, b: &Ranking) -> Option<PlanDifference> {
    let selected = |r: &Ranking| -> Option<Vec<String>> {
        let s = r.scenario;
        if s.capacity.is_empty() {
            return None;
        }
        let plan = crate::plan::plan(s, &r.table, &r.scores, &[]).ok()?;
        Some(
            plan.selected
                .iter()
                .map(|&i| s.requests[i].id.clone())
                .collect(),
        )
    };
    let (in_a, in_b) = (selected(a)?, selected(b)?);
    let set_a: HashSet<&str> = in_a.iter().map(String::as_str).collect();
    let set_b: HashSet<&str> = in_b.iter().map(String::as_str).collect();
    Some(PlanDifference {
        only_a: in_a
            .iter()
            .filter(|id| !set_b.contains(id.as_str()))
            .cloned()
            .collect(),
        only_b: in_b
            .iter()
            .filter(|id| !set_a.contains(id.as_str()))
            .cloned()
            .collect(),
        both: in_b
            .iter()
            .filter(|id| set_a.contains(id.as_str()))
            .cloned()
            .collect(),
    })
}
