//! A plan as people read it — the command line's `plan` output and the page's plan view:
//! the chosen requests, capacity used per resource, bucket shares against their targets,
//! why a request above the cut line is left out, and what a what-if displaces and adds.
//!
//! [`PlanReport::new`] needs only a [`Plan`] (which [`Plan::new`] makes from a
//! [`Solution`](super::Solution)), never the search, so the page can build the report from
//! what its Web Worker sends back; [`report`] is the one function here that plans.

use crate::json::Value;
use crate::object;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::problem::{at_most, TOLERANCE};
use super::scenario::{plan_with, Plan, PlanError};
use super::solve::{Budget, Progress};
use crate::model::{Pin, Scenario};
use crate::score::{Scores, Table};

/// One capacity entry: how much the plan uses of it.
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityUse {
    pub criterion: String,
    pub label: String,
    pub amount: f64,
    pub used: f64,
}

/// One bucket: its share of the primary capacity against its targets.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub index: usize,
    pub id: String,
    pub reason: String,
}

/// The plan of a scenario (after any what-if), with everything a PM reads off it.
#[derive(Debug, Clone, PartialEq)]
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
    /// This plan's value minus the plan's value without the what-if (never above 0 for a
    /// what-if that only narrows the choice).
    pub value_change: f64,
    /// The two plans are not both proven optimal and their difference in value is within
    /// the search gap: `value_change` is not a proven gain or loss (a note says more).
    pub value_change_within_gap: bool,
    /// Whether the plan is proven optimal; if not, `upper_bound` bounds any plan's value.
    pub optimal: bool,
    pub upper_bound: f64,
    /// Search nodes the planner visited (not in the JSON).
    pub nodes: u64,
    /// Selected request indices, in rank order (not in the JSON: ids are what last).
    pub selected_indices: Vec<usize>,
    pub capacity: Vec<CapacityUse>,
    pub bucket_use: Vec<BucketUse>,
    /// Requests ranked above the last selected one that the plan leaves out.
    pub skipped: Vec<Skipped>,
    /// Sentences for people: that the search stopped before proving the plan optimal, that
    /// the plan without the what-if could not be made (so nothing is displaced), or that a
    /// what-if's difference in value is within the search gap.
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
    // One local closure lends the caller's callback to each search in turn.
    let mut call = |p: &Progress| progress.as_mut().is_none_or(|f| f(p));
    if what_if.is_empty() {
        let plan = plan_with(s, table, scores, &[], budget, Some(&mut call))?;
        return Ok(PlanReport::new(s, table, scores, &plan, what_if));
    }
    let mut new = plan_with(s, table, scores, what_if, budget, Some(&mut call))?;
    let old = match plan_with(s, table, scores, &[], budget, Some(&mut call)) {
        Ok(old) => old,
        Err(e) => {
            let mut r = PlanReport::new(s, table, scores, &new, what_if);
            r.notes.insert(
                0,
                format!(
                    "without the pins and drops there is no plan ({e}), so nothing is displaced"
                ),
            );
            r.added = r.selected.clone();
            return Ok(r);
        }
    };
    // Pins and drops of requests the file leaves free (or pins as the file does) only
    // narrow the choice: every plan with them is a plan without them.
    let narrows = what_if
        .iter()
        .all(|&(i, pin)| s.requests[i].plan.is_none_or(|p| p == pin));
    let tolerance = TOLERANCE * (1.0 + scores.value.iter().map(|v| v.abs()).sum::<f64>());
    if narrows {
        // So the bound proven without them bounds the plan with them too.
        new.upper_bound = new.upper_bound.min(old.upper_bound).max(new.value);
        if !new.optimal && new.upper_bound - new.value <= tolerance {
            new.optimal = true;
            new.stopped = None;
        }
    }
    let mut r = PlanReport::new(s, table, scores, &new, what_if);
    let before: Vec<String> = old
        .selected
        .iter()
        .map(|&i| s.requests[i].id.clone())
        .collect();
    r.compare_with(s, scores, &before, old.value);
    r.weigh_what_if(&old, &new, narrows, tolerance);
    Ok(r)
}

impl PlanReport {
    /// The report of `plan`, a plan of the scenario under the `what_if` pins (request
    /// index, must/never; they say why a request is left out). Nothing is compared yet:
    /// see [`PlanReport::compare_with`].
    pub fn new(
        s: &Scenario,
        table: &Table,
        scores: &Scores,
        plan: &Plan,
        what_if: &[(usize, Pin)],
    ) -> PlanReport {
        PlanReport::with_skipped_limit(s, table, scores, plan, what_if, usize::MAX)
    }

    /// [`PlanReport::new`], saying why only for the first `limit` requests left out (in
    /// rank order): what a page shows of a plan of 100,000 requests, without writing a
    /// reason for every one of them.
    pub fn with_skipped_limit(
        s: &Scenario,
        table: &Table,
        scores: &Scores,
        plan: &Plan,
        what_if: &[(usize, Pin)],
        limit: usize,
    ) -> PlanReport {
        let capacity: Vec<CapacityUse> = s
            .capacity
            .iter()
            .zip(&plan.effort)
            .map(|(c, &used)| CapacityUse {
                criterion: s.model.criteria[c.criterion].id.clone(),
                label: s.model.criteria[c.criterion].label.clone(),
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
        let mut notes = Vec::new();
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
        let skipped = skipped(
            s,
            table,
            scores,
            plan,
            (&capacity, &bucket_use),
            what_if,
            limit,
        );
        PlanReport {
            selected: plan
                .selected
                .iter()
                .map(|&i| s.requests[i].id.clone())
                .collect(),
            value: plan.value,
            effort: capacity
                .iter()
                .map(|c| (c.criterion.clone(), c.used))
                .collect(),
            buckets: bucket_use.iter().map(|b| (b.id.clone(), b.used)).collect(),
            displaced: Vec::new(),
            added: Vec::new(),
            value_change: 0.0,
            value_change_within_gap: false,
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

    /// Sets what this plan displaces and adds against an earlier plan, given by its
    /// request ids and value: the plan without a what-if, or the plan the page showed
    /// before a change. Displaced are in the earlier plan and not in this one, added the
    /// other way round; both in this scenario's rank order (ids no request has any more
    /// last, by id).
    pub fn compare_with(&mut self, s: &Scenario, scores: &Scores, before: &[String], value: f64) {
        let was: HashSet<&str> = before.iter().map(String::as_str).collect();
        let now: HashSet<&str> = self.selected.iter().map(String::as_str).collect();
        let rank: HashMap<&str, u32> = s
            .requests
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), scores.rank[i]))
            .collect();
        let in_rank_order = |mut ids: Vec<&str>| {
            ids.sort_unstable_by_key(|id| (rank.get(id).copied().unwrap_or(u32::MAX), *id));
            ids.into_iter().map(str::to_string).collect::<Vec<_>>()
        };
        self.displaced = in_rank_order(was.difference(&now).copied().collect());
        self.added = in_rank_order(now.difference(&was).copied().collect());
        self.value_change = self.value - value;
    }

    /// Weighs a what-if's change in value (`new` against `old`, already compared) by what
    /// the two searches proved. A what-if that `narrows` the choice can only lower or keep
    /// the best value: a plan worth more with it is one the search without it missed, so
    /// that is no gain. And when either plan is not proven optimal, a difference within
    /// the search gap is said to be so.
    fn weigh_what_if(&mut self, old: &Plan, new: &Plan, narrows: bool, tolerance: f64) {
        let difference = new.value - old.value;
        if narrows {
            self.value_change = difference.min(0.0);
        }
        if old.optimal && new.optimal {
            return;
        }
        let gap = (old.upper_bound - old.value).max(new.upper_bound - new.value);
        if narrows && difference > tolerance {
            self.value_change_within_gap = true;
            self.notes.push(format!(
                "this plan is worth {} more than the plan found without the pins and drops, which \
                 the search did not prove optimal; pinning and dropping can only lower or keep the \
                 best value, so the difference is within the search gap, not a gain",
                crate::text::number(difference, 2)
            ));
        } else if difference.abs() <= gap + tolerance {
            self.value_change_within_gap = true;
            self.notes.push(format!(
                "the two plans differ in value by {}, within the search gap ({}): the search did \
                 not prove {} optimal, so this is not a proven {}",
                crate::text::number(difference, 2),
                crate::text::number(gap, 2),
                match (old.optimal, new.optimal) {
                    (false, false) => "either plan",
                    (false, true) => "the plan without the pins and drops",
                    _ => "this plan",
                },
                if difference > 0.0 { "gain" } else { "loss" }
            ));
        }
    }
}

/// Why each request ranked above the cut line is not in the plan, every reason that
/// applies: pinned out; too big for what is left of each resource, and its bucket full; or,
/// when neither, a better combination.
fn skipped(
    s: &Scenario,
    table: &Table,
    scores: &Scores,
    plan: &Plan,
    (capacity, buckets): (&[CapacityUse], &[BucketUse]),
    what_if: &[(usize, Pin)],
    limit: usize,
) -> Vec<Skipped> {
    let Some(last_rank) = plan.selected.iter().map(|&i| scores.rank[i]).max() else {
        return Vec::new();
    };
    let chosen: HashSet<usize> = plan.selected.iter().copied().collect();
    let columns: Vec<usize> = s.capacity.iter().map(|c| c.criterion).collect();
    let number = |x: f64| crate::text::number(x, 2);
    let mut out = Vec::new();
    for &i in &scores.order {
        let i = i as usize;
        if scores.rank[i] > last_rank || out.len() >= limit {
            break;
        }
        if chosen.contains(&i) {
            continue;
        }
        let r = &s.requests[i];
        let pin = pin_of(s, what_if, i);
        // Every reason that applies: each resource it does not fit, and its bucket's maximum.
        let mut reasons: Vec<String> = Vec::new();
        if pin == Some(Pin::Never) {
            reasons.push("pinned as never".to_string());
        } else {
            for (c, need) in capacity
                .iter()
                .zip(&columns)
                .map(|(c, &k)| (c, table.columns[k].raw[i]))
                .filter(|(c, need)| !at_most(c.used + need, c.amount))
            {
                reasons.push(format!(
                    "needs {} of {}; the plan leaves {} of {}",
                    number(need),
                    c.label,
                    number((c.amount - c.used).max(0.0)),
                    number(c.amount)
                ));
            }
            if let Some(b) = r.bucket.and_then(|b| buckets.get(b)).filter(|b| {
                let need = columns.first().map_or(0.0, |&k| table.columns[k].raw[i]);
                !at_most(b.used + need, b.max)
            }) {
                reasons.push(format!(
                    "bucket \"{}\" would go over its maximum share ({} of {})",
                    b.label,
                    number(b.max),
                    capacity.first().map_or(String::new(), |c| c.label.clone())
                ));
            }
            if reasons.is_empty() {
                reasons
                    .push("it fits, but a combination of other requests is worth more".to_string());
            }
        }
        let reason = reasons.join("; and ");
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
        let mut text = crate::json::write::pretty(&self.to_value());
        text.push('\n');
        text
    }

    /// The report as `plan --json` writes it (the page reads the same).
    pub fn to_value(&self) -> Value {
        let map = |m: &BTreeMap<String, f64>| -> Value {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::f64(*v))).collect())
        };
        let capacity: Vec<Value> = self
            .capacity
            .iter()
            .map(|c| object! {"criterion": &c.criterion, "label": &c.label, "amount": c.amount, "used": c.used})
            .collect();
        let bucket_use: Vec<Value> = self
            .bucket_use
            .iter()
            .map(|b| {
                object! {
                    "id": &b.id, "label": &b.label, "used": b.used, "min": b.min, "max": b.max,
                    "min_share": b.min_share, "max_share": b.max_share,
                }
            })
            .collect();
        let skipped: Vec<Value> = self
            .skipped
            .iter()
            .map(|k| object! {"index": k.index, "id": &k.id, "reason": &k.reason})
            .collect();
        object! {
            "selected": Value::strings(&self.selected),
            "value": self.value,
            "effort": map(&self.effort),
            "buckets": map(&self.buckets),
            "displaced": Value::strings(&self.displaced),
            "added": Value::strings(&self.added),
            "value_change": self.value_change,
            "value_change_within_gap": self.value_change_within_gap,
            "optimal": self.optimal,
            "upper_bound": self.upper_bound,
            "capacity": capacity,
            "bucket_use": bucket_use,
            "skipped": skipped,
            "notes": Value::strings(&self.notes),
        }
    }

    /// A readable table: the plan in rank order, capacity per resource, bucket shares.
    pub fn to_table(&self, s: &Scenario, scores: &Scores) -> String {
        let n = crate::text::number;
        let mut out = String::new();
        let id_w = crate::text::column_width(&self.selected, 2, usize::MAX);
        out.push_str(&format!(
            "{:>4}  {:<id_w$}  {:<40}  {:>10}\n",
            "rank", "id", "title", "value"
        ));
        for &i in &self.selected_indices {
            let r = &s.requests[i];
            let title = crate::text::shorten(&crate::text::one_line(&r.title), 40);
            out.push_str(&format!(
                "{:>4}  {:<id_w$}  {:<40}  {:>10}\n",
                scores.rank[i],
                crate::text::one_line(&r.id),
                title,
                crate::text::score(scores.value[i])
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
            let change = format!(
                "{}{}",
                if self.value_change >= 0.0 { "+" } else { "" },
                n(self.value_change, 2)
            );
            out.push_str(&format!(
                "\nwhat-if: displaces {}; adds {}; value {}\n",
                list_or_none(&self.displaced),
                list_or_none(&self.added),
                match (self.value_change_within_gap, self.value_change == 0.0) {
                    (false, _) => change,
                    (true, true) => "within the search gap (see the note)".to_string(),
                    (true, false) => format!("{change}, within the search gap (see the note)"),
                }
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

fn list_or_none(v: &[String]) -> String {
    if v.is_empty() {
        "nothing".into()
    } else {
        v.join(", ")
    }
}

/// Request `i`'s pin in a what-if: the last `--pin`/`--drop` naming it, or else the file's.
pub fn pin_of(s: &Scenario, what_if: &[(usize, Pin)], i: usize) -> Option<Pin> {
    what_if
        .iter()
        .rev()
        .find(|(j, _)| *j == i)
        .map(|(_, p)| *p)
        .or(s.requests[i].plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_support::{ids, scenario};
    use crate::plan::{plan, solve, FlatProblem, SolveError};
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
    fn a_request_left_out_gives_every_reason() {
        // FS-108 (Platform, 5 weeks) neither fits what is left of the effort nor its
        // bucket's maximum: both are said.
        let s = crate::read::from_str(EXAMPLE).unwrap();
        let r = Ranking::new(&s).unwrap();
        let p = report(&s, &r.table, &r.scores, &[], &Budget::default(), None).unwrap();
        let why = &p.skipped.iter().find(|k| k.id == "FS-108").unwrap().reason;
        assert!(
            why.starts_with("needs 5 of Effort (person-weeks); the plan leaves"),
            "{why}"
        );
        assert!(
            why.contains("; and bucket \"Platform\" would go over its maximum share"),
            "{why}"
        );
    }

    #[test]
    fn a_report_is_built_from_the_solution_alone() {
        // The page's way: the problem goes to its Web Worker as flat numbers, the solution
        // comes back flat, and the report is built here with no search on this side.
        let s = crate::read::from_str(EXAMPLE).unwrap();
        let r = Ranking::new(&s).unwrap();
        let problem = crate::plan::problem(&s, &r.table, &r.scores, &[]).unwrap();
        let worker = |flat: FlatProblem| {
            let p = flat.to_problem().unwrap();
            solve(&p, &Budget::default(), None).unwrap().to_flat()
        };
        let solution = worker(problem.to_flat())
            .to_solution(problem.len())
            .unwrap();
        let plan = Plan::new(&problem, &r.scores, &solution);
        let built = PlanReport::new(&s, &r.table, &r.scores, &plan, &[]);
        let planned = report(&s, &r.table, &r.scores, &[], &Budget::default(), None).unwrap();
        assert_eq!(built, planned);
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

    #[test]
    fn what_ifs_of_a_small_scenario_report_what_they_displace_and_add() {
        let (s, table, scores) = scenario();
        let what_if =
            |pins: &[(usize, Pin)]| report(&s, &table, &scores, pins, &Budget::default(), None);
        // Pin C: retention holds one of B and C, so B goes.
        let with_c = plan(&s, &table, &scores, &[(2, Pin::Must)]).unwrap();
        assert_eq!(ids(&s, &with_c.selected), ["A", "C", "D"]);
        let change = what_if(&[(2, Pin::Must)]).unwrap();
        assert_eq!(change.displaced, ["B"]);
        assert_eq!(change.added, ["C"]);
        assert!((change.value_change + 10.0).abs() < 1e-9);
        // Pin E: D no longer fits beside A, B and E.
        let change = what_if(&[(4, Pin::Must)]).unwrap();
        assert_eq!(change.displaced, ["D"]);
        assert_eq!(change.added, ["E"]);
        // Drop B: C takes its place.
        let change = what_if(&[(1, Pin::Never)]).unwrap();
        assert_eq!(
            (change.displaced, change.added),
            (vec!["B".to_string()], vec!["C".to_string()])
        );
        // An extra pin overrides the file's: F is "never" in the file.
        let with_f = plan(&s, &table, &scores, &[(5, Pin::Must)]).unwrap();
        assert!(with_f.selected.contains(&5));
        // Drop A: growth's minimum of 3 cannot be met by E alone.
        match plan(&s, &table, &scores, &[(0, Pin::Never)]) {
            Err(e @ PlanError::Solve(SolveError::Infeasible(_))) => assert_eq!(
                e.to_string(),
                "no plan satisfies the constraints: bucket \"growth\" needs at least 3 of \"cost\" but its requests can give at most 1: short by 2"
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            plan(&s, &table, &scores, &[(9, Pin::Must)]),
            Err(PlanError::Invalid(_))
        ));
    }
}
