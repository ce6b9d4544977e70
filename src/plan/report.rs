//! A plan as people read it — the command line's `plan` output and the page's plan view:
//! the chosen requests, capacity used per resource, bucket shares against their targets,
//! and for a what-if, what it displaces and adds.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::model::{Pin, Scenario};
use crate::plan::{self, Budget, Change, Plan, PlanError, Progress};
use crate::score::{Scores, Table};

/// One capacity entry: how much the plan uses of it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct CapacityUse {
    pub criterion: String,
    pub label: String,
    pub amount: f64,
    pub used: f64,
}

/// One bucket: its share of the primary capacity against its targets.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct BucketUse {
    pub id: String,
    pub label: String,
    /// Primary effort of the plan's requests in the bucket.
    pub used: f64,
    /// The targets in primary effort (shares × the primary amount).
    pub min: f64,
    pub max: f64,
    pub min_share: f64,
    pub max_share: f64,
}

/// A request ranked above the cut line that the plan leaves out, and why.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Skipped {
    pub index: usize,
    pub id: String,
    pub reason: String,
}

/// The plan of a scenario (after any what-if), with everything a PM reads off it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PlanReport {
    /// Selected request ids in rank order.
    pub selected: Vec<String>,
    pub value: f64,
    /// Effort per capacity criterion.
    pub effort: BTreeMap<String, f64>,
    /// Primary effort per bucket.
    pub buckets: BTreeMap<String, f64>,
    /// In the plan without the what-if, not in this one.
    pub displaced: Vec<String>,
    /// In this plan, not in the plan without the what-if.
    pub added: Vec<String>,
    /// This plan's value minus the plan's value without the what-if.
    pub value_change: f64,
    /// Whether the plan is proven optimal; if not, `upper_bound` bounds any plan's value.
    pub optimal: bool,
    pub upper_bound: f64,
    /// Search nodes the planner visited (not in the JSON).
    #[serde(skip)]
    pub nodes: u64,
    /// Selected request indices, in rank order (not in the JSON: ids are what last).
    #[serde(skip)]
    pub selected_indices: Vec<usize>,
    pub capacity: Vec<CapacityUse>,
    pub bucket_use: Vec<BucketUse>,
    /// Requests ranked above the last selected one that the plan leaves out.
    pub skipped: Vec<Skipped>,
    /// Said when the plan without the what-if could not be made (so nothing is displaced).
    pub notes: Vec<String>,
}

/// Plans the scenario; with `what_if` pins (request index, must/never), plans again with
/// them and reports the difference against the plan without them.
pub fn report(
    s: &Scenario,
    table: &Table,
    scores: &Scores,
    what_if: &[(usize, Pin)],
    budget: &Budget,
    mut progress: Option<&mut dyn FnMut(&Progress) -> bool>,
) -> Result<PlanReport, PlanError> {
    let mut notes = Vec::new();
    // One local closure lends the caller's callback to each search in turn.
    let mut call = |p: &Progress| progress.as_mut().is_none_or(|f| f(p));
    let (plan, change) = if what_if.is_empty() {
        (
            plan::plan_with(s, table, scores, &[], budget, Some(&mut call))?,
            None,
        )
    } else {
        let new = plan::plan_with(s, table, scores, what_if, budget, Some(&mut call))?;
        match plan::plan_with(s, table, scores, &[], budget, Some(&mut call)) {
            Ok(old) => {
                let change = plan::compare(&old, &new);
                (new, Some(change))
            }
            Err(e) => {
                notes.push(format!(
                    "without the pins and drops there is no plan ({e}), so nothing is displaced"
                ));
                let change = Change {
                    displaced: Vec::new(),
                    added: new.selected.clone(),
                    value_change: 0.0,
                };
                (new, Some(change))
            }
        }
    };
    Ok(build(s, table, scores, &plan, change, notes, what_if))
}

fn build(
    s: &Scenario,
    table: &Table,
    scores: &Scores,
    plan: &Plan,
    change: Option<Change>,
    mut notes: Vec<String>,
    what_if: &[(usize, Pin)],
) -> PlanReport {
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&i| s.requests[i].id.clone())
            .collect::<Vec<_>>()
    };
    let label_of = |id: &str| {
        s.model
            .criterion_index(id)
            .map_or(id.to_string(), |k| s.model.criteria[k].label.clone())
    };
    let capacity: Vec<CapacityUse> = s
        .capacity
        .iter()
        .zip(&plan.effort)
        .map(|(c, &used)| CapacityUse {
            criterion: c.criterion.clone(),
            label: label_of(&c.criterion),
            amount: c.amount,
            used,
        })
        .collect();
    let primary = s.capacity.first().map_or(0.0, |c| c.amount);
    let bucket_use: Vec<BucketUse> = s
        .buckets
        .iter()
        .zip(&plan.bucket_effort)
        .map(|(b, &used)| BucketUse {
            id: b.id.clone(),
            label: b.display_label().to_string(),
            used,
            min: b.min_share() * primary,
            max: b.max_share() * primary,
            min_share: b.min_share(),
            max_share: b.max_share(),
        })
        .collect();
    if !plan.optimal {
        notes.push(format!(
            "the search stopped before proving this plan optimal: no plan is worth more than {:.6} \
             (this one is worth {:.6}, a gap of {:.3}%)",
            plan.upper_bound,
            plan.value,
            if plan.upper_bound.abs() > 0.0 {
                100.0 * (plan.upper_bound - plan.value) / plan.upper_bound.abs()
            } else {
                0.0
            }
        ));
    }
    let skipped = skipped(s, table, scores, plan, &capacity, &bucket_use, what_if);
    let (displaced, added, value_change) = match change {
        Some(c) => (ids(&c.displaced), ids(&c.added), c.value_change),
        None => (Vec::new(), Vec::new(), 0.0),
    };
    PlanReport {
        selected: ids(&plan.selected),
        value: plan.value,
        effort: capacity
            .iter()
            .map(|c| (c.criterion.clone(), c.used))
            .collect(),
        buckets: bucket_use.iter().map(|b| (b.id.clone(), b.used)).collect(),
        displaced,
        added,
        value_change,
        optimal: plan.optimal,
        upper_bound: plan.upper_bound,
        nodes: plan.nodes,
        selected_indices: plan.selected.clone(),
        capacity,
        bucket_use,
        skipped,
        notes,
    }
}

/// Why each request ranked above the cut line is not in the plan, in the first words that
/// apply: pinned out, too big for what is left, its bucket full, or a better combination.
fn skipped(
    s: &Scenario,
    table: &Table,
    scores: &Scores,
    plan: &Plan,
    capacity: &[CapacityUse],
    buckets: &[BucketUse],
    what_if: &[(usize, Pin)],
) -> Vec<Skipped> {
    let Some(last_rank) = plan.selected.iter().map(|&i| scores.rank[i]).max() else {
        return Vec::new();
    };
    let chosen: std::collections::HashSet<usize> = plan.selected.iter().copied().collect();
    let columns: Vec<usize> = s
        .capacity
        .iter()
        .filter_map(|c| s.model.criterion_index(&c.criterion))
        .collect();
    let number = |x: f64| crate::explain::number(x, 2);
    let mut out = Vec::new();
    for &i in &scores.order {
        let i = i as usize;
        if scores.rank[i] > last_rank {
            break;
        }
        if chosen.contains(&i) {
            continue;
        }
        let r = &s.requests[i];
        // A what-if pin overrides the file's.
        let pin = what_if
            .iter()
            .rev()
            .find(|(j, _)| *j == i)
            .map(|(_, p)| *p)
            .or(r.plan);
        let reason = if pin == Some(Pin::Never) {
            "pinned as never".to_string()
        } else if let Some((c, need)) = capacity
            .iter()
            .zip(&columns)
            .map(|(c, &k)| (c, table.columns[k].raw[i]))
            .find(|(c, need)| !plan::at_most(c.used + need, c.amount))
        {
            format!(
                "needs {} of {}; the plan leaves {} of {}",
                number(need),
                c.label,
                number((c.amount - c.used).max(0.0)),
                number(c.amount)
            )
        } else if let Some(b) = r
            .bucket
            .as_ref()
            .and_then(|id| buckets.iter().find(|b| &b.id == id))
            .filter(|b| {
                let need = columns.first().map_or(0.0, |&k| table.columns[k].raw[i]);
                !plan::at_most(b.used + need, b.max)
            })
        {
            format!(
                "bucket \"{}\" would go over its maximum share ({} of {})",
                b.label,
                number(b.max),
                capacity.first().map_or(String::new(), |c| c.label.clone())
            )
        } else {
            "it fits, but a combination of other requests is worth more".to_string()
        };
        out.push(Skipped {
            index: i,
            id: r.id.clone(),
            reason,
        });
    }
    out
}

impl PlanReport {
    /// The `plan --json` document: the contract's keys first (the fields' order), then
    /// this build's extras.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("plain data");
        text.push('\n');
        text
    }

    /// A readable table: the plan in rank order, capacity per resource, bucket shares.
    pub fn to_table(&self, s: &Scenario, scores: &Scores) -> String {
        let n = crate::explain::number;
        let mut out = String::new();
        let id_w = self
            .selected
            .iter()
            .map(|id| id.chars().count())
            .max()
            .unwrap_or(2)
            .max(2);
        out.push_str(&format!(
            "{:>4}  {:<id_w$}  {:<40}  {:>10}\n",
            "rank", "id", "title", "value"
        ));
        for &i in &self.selected_indices {
            let r = &s.requests[i];
            let title: String = if r.title.chars().count() > 40 {
                r.title
                    .chars()
                    .take(39)
                    .chain(std::iter::once('…'))
                    .collect()
            } else {
                r.title.clone()
            };
            out.push_str(&format!(
                "{:>4}  {:<id_w$}  {:<40}  {:>10}\n",
                scores.rank[i],
                r.id,
                title,
                crate::report::format_score(scores.value[i])
            ));
        }
        out.push_str(&format!(
            "\n{} requests, total value {}{}\n",
            self.selected.len(),
            n(self.value, 2),
            if self.optimal {
                " (optimal)"
            } else {
                " (not proven optimal)"
            }
        ));
        out.push_str("\ncapacity\n");
        for c in &self.capacity {
            out.push_str(&format!(
                "  {:<24} {:>8} of {:<8} ({:.0}%)\n",
                c.label,
                n(c.used, 2),
                n(c.amount, 2),
                if c.amount > 0.0 {
                    100.0 * c.used / c.amount
                } else {
                    0.0
                }
            ));
        }
        if !self.bucket_use.is_empty() {
            out.push_str("\nbuckets (share of the primary capacity)\n");
            for b in &self.bucket_use {
                let primary = self.capacity.first().map_or(0.0, |c| c.amount);
                out.push_str(&format!(
                    "  {:<24} {:>8}  {:>4.0}%  target {:.0}%–{:.0}%\n",
                    b.label,
                    n(b.used, 2),
                    if primary > 0.0 {
                        100.0 * b.used / primary
                    } else {
                        0.0
                    },
                    100.0 * b.min_share,
                    100.0 * b.max_share
                ));
            }
        }
        if !self.displaced.is_empty() || !self.added.is_empty() {
            out.push_str(&format!(
                "\nwhat-if: displaces {}; adds {}; value {}{}\n",
                list_or_none(&self.displaced),
                list_or_none(&self.added),
                if self.value_change >= 0.0 { "+" } else { "" },
                n(self.value_change, 2)
            ));
        }
        if !self.skipped.is_empty() {
            out.push_str("\nabove the cut line but not in the plan\n");
            for k in &self.skipped {
                out.push_str(&format!("  {:<id_w$}  {}\n", k.id, k.reason));
            }
        }
        for note in &self.notes {
            out.push_str(&format!("\nnote: {note}\n"));
        }
        out
    }
}

/// Sets what `report` displaces and adds relative to an earlier plan given by its request
/// ids and value (the page compares with the plan it showed before a change).
pub fn compare_with(
    report: &mut PlanReport,
    s: &Scenario,
    scores: &Scores,
    before: &[String],
    before_value: f64,
) {
    use std::collections::HashSet;
    let was: HashSet<&str> = before.iter().map(String::as_str).collect();
    let now: HashSet<&str> = report.selected.iter().map(String::as_str).collect();
    let rank: std::collections::HashMap<&str, u32> = s
        .requests
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), scores.rank[i]))
        .collect();
    let in_rank_order = |mut ids: Vec<&str>| {
        ids.sort_by_key(|id| (rank.get(id).copied().unwrap_or(u32::MAX), *id));
        ids.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    report.displaced = in_rank_order(was.difference(&now).copied().collect());
    report.added = in_rank_order(now.difference(&was).copied().collect());
    report.value_change = report.value - before_value;
}

fn list_or_none(v: &[String]) -> String {
    if v.is_empty() {
        "nothing".into()
    } else {
        v.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ranking;

    const EXAMPLE: &str = include_str!("../../examples/field-service-q2.thresh.json");

    #[test]
    fn the_example_plans_within_capacity_and_buckets() {
        let s = crate::read::from_str(EXAMPLE).unwrap();
        let r = Ranking::new(&s).unwrap();
        let p = report(&s, &r.table, &r.scores, &[], &Budget::default(), None).unwrap();
        assert!(p.optimal);
        assert!(p.capacity[0].used <= 36.0 + 1e-9);
        for b in &p.bucket_use {
            assert!(b.used <= b.max + 1e-9 && b.used + 1e-9 >= b.min, "{b:?}");
        }
        assert!(!p.selected.contains(&"FS-112".to_string()), "pinned never");
        // Ranks ascend.
        let ranks: Vec<u32> = p
            .selected_indices
            .iter()
            .map(|&i| r.scores.rank[i])
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]));
        let table = p.to_table(&s, &r.scores);
        assert!(table.contains("capacity") && table.contains("Effort (person-weeks)"));
    }

    #[test]
    fn a_what_if_reports_what_it_displaces_and_adds() {
        let s = crate::read::from_str(EXAMPLE).unwrap();
        let r = Ranking::new(&s).unwrap();
        let base = report(&s, &r.table, &r.scores, &[], &Budget::default(), None).unwrap();
        let big = s.requests.iter().position(|q| q.id == "FS-107").unwrap();
        assert!(!base.selected.contains(&"FS-107".to_string()));
        let what_if = report(
            &s,
            &r.table,
            &r.scores,
            &[(big, Pin::Must)],
            &Budget::default(),
            None,
        )
        .unwrap();
        assert!(what_if.added.contains(&"FS-107".to_string()));
        assert!(!what_if.displaced.is_empty());
        assert!(
            what_if.value_change <= 1e-9,
            "pinning never raises the optimum"
        );
        for id in &what_if.displaced {
            assert!(base.selected.contains(id) && !what_if.selected.contains(id));
        }
    }
}
