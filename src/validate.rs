//! The rules of the contract that tie one part of a scenario to another, checked on the
//! model: after an edit made item by item, nothing must hold a scenario that its own file
//! would not read back.
//!
//! What a single field or item must satisfy (a credibility in [0, 1], `min < max`, a range
//! in order) is checked where the item is read ([`crate::read`]); what refers to other
//! parts (ids unique in their list, a capacity naming a cost criterion, values of a log or
//! capacity criterion not negative, `as_of` when a criterion derives from deadlines, at
//! least one weight above 0, the list limits, the team's views against the criteria) is
//! checked here, with the same messages.

use crate::error::Problems;
use crate::json::Value;
use crate::limits;
use crate::model::*;

/// `the id "x" is used twice: requests[3] has it too`.
pub fn id_used_twice(id: &str, list: &str, first: usize) -> String {
    format!(
        "the id {} is used twice: {list}[{first}] has it too",
        Value::str(id).describe()
    )
}

pub const NO_WEIGHT: &str = "at least one criterion must have a weight above 0";

pub fn as_of_needed(criterion: &str) -> String {
    format!(
        "as_of is missing; it is needed because the criterion {} is derived from deadlines",
        Value::str(criterion).describe()
    )
}

pub fn capacity_not_cost(criterion: &str) -> String {
    format!(
        "capacity must name a cost criterion (the effort on a resource); {} is a benefit criterion",
        Value::str(criterion).describe()
    )
}

pub fn capacity_named_twice(criterion: &str, first: usize) -> String {
    format!(
        "capacity[{first}] already names the criterion {}",
        Value::str(criterion).describe()
    )
}

pub fn negative_default_on_capacity(criterion: &str, default: f64) -> String {
    format!(
        "the criterion {} gives missing efforts the default {default}; efforts on a capacity must be ≥ 0",
        Value::str(criterion).describe()
    )
}

/// Why `code` is not a currency the page can show ARR in (`None` when it is one): an ISO
/// 4217 code is three capital letters (`EUR`, `USD`).
pub fn currency_problem(code: &str) -> Option<String> {
    let ok = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
    (!ok).then(|| {
        format!(
            "currency must be a three-letter ISO 4217 code in capitals, like \"EUR\" or \"USD\"; found {}",
            Value::str(code).describe()
        )
    })
}

pub fn over_limit(count: usize, noun: &str, limit: usize) -> String {
    format!("the file has {count} {noun}; the limit is {limit}")
}

// ----- the team's views (team-v1 §1) -----

/// The fewest and the most criteria one pairwise view may judge (team-v1 §1; Saaty's
/// random index is given up to 15).
pub const PAIRWISE_CRITERIA: std::ops::RangeInclusive<usize> = 2..=15;

/// The smallest and the largest ratio of a judgement (Saaty's scale, 1/9 to 9).
pub const RATIO_MIN: f64 = 1.0 / 9.0;
pub const RATIO_MAX: f64 = 9.0;

/// Whether a number is a ratio a judgement may give.
pub fn ratio_ok(r: f64) -> bool {
    (RATIO_MIN..=RATIO_MAX).contains(&r)
}

/// What [`ratio_ok`] checks, in words (the reader says `ratio must be …, found …`).
pub const RATIO_RULE: &str =
    "a number from 1/9 to 9 (\"a is ratio times as important as b\"; for less than 1/9, swap a and b)";

pub const NO_POINTS: &str = "at least one weight must be above 0 (a criterion not named gets 0)";

pub const NO_SAY: &str = "at least one view must have a say above 0: the team compromise is the views' mean weighted by their say";

pub const VIEW_KIND_MISSING: &str =
    "a view needs weights (points per criterion) or pairwise (judgements of pairs of criteria)";

pub const VIEW_KIND_BOTH: &str = "a view has weights or pairwise, not both: keep one of them";

pub fn judged_against_itself(criterion: &str) -> String {
    format!(
        "a and b are both {}; a judgement compares two different criteria",
        Value::str(criterion).describe()
    )
}

pub fn pair_judged_twice(a: &str, b: &str, first: usize) -> String {
    format!(
        "the pair {} and {} is already judged in pairwise[{first}]; judge each pair once",
        Value::str(a).describe(),
        Value::str(b).describe()
    )
}

pub fn pairwise_size(count: usize) -> String {
    let (lo, hi) = (PAIRWISE_CRITERIA.start(), PAIRWISE_CRITERIA.end());
    match count {
        0 => format!("a pairwise view judges {lo} to {hi} criteria; this one has no judgement"),
        _ => format!("a pairwise view judges {lo} to {hi} criteria; this one names {count}"),
    }
}

/// Pairs shown in the message about pairs not judged; the rest are counted.
const PAIRS_SHOWN: usize = 6;

pub fn pairs_not_judged(pairs: &[(&str, &str)]) -> String {
    let shown: Vec<String> = pairs
        .iter()
        .take(PAIRS_SHOWN)
        .map(|(a, b)| {
            format!(
                "{} and {}",
                Value::str(a).describe(),
                Value::str(b).describe()
            )
        })
        .collect();
    let more = match pairs.len().saturating_sub(PAIRS_SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "every pair of the criteria a pairwise view names must be judged once; not judged: {}{more}",
        shown.join(", ")
    )
}

/// The rules on a pairwise view's judgements taken together: `judged` holds each
/// judgement that could be read, as (its index in the list, a, b) with a ≠ b, and `listed`
/// how many the list has. A pair judged twice is reported at the later judgement (`Some`
/// of its index); the number of criteria named and the pairs not judged at the list
/// (`None`) — those only when every judgement could be read (`complete`), since an
/// unreadable one may have named them.
pub fn pairwise(
    judged: &[(usize, usize, usize)],
    listed: usize,
    complete: bool,
    criteria: &[Criterion],
) -> Vec<(Option<usize>, String)> {
    let mut out = Vec::new();
    let n = criteria.len();
    let mut first = vec![usize::MAX; n * n];
    let mut named = vec![false; n];
    for &(j, a, b) in judged {
        named[a] = true;
        named[b] = true;
        let pair = a.min(b) * n + a.max(b);
        if first[pair] == usize::MAX {
            first[pair] = j;
        } else {
            let message = pair_judged_twice(&criteria[a].id, &criteria[b].id, first[pair]);
            out.push((Some(j), message));
        }
    }
    if !complete {
        return out;
    }
    let set: Vec<usize> = (0..n).filter(|&k| named[k]).collect();
    if listed == 0 || !PAIRWISE_CRITERIA.contains(&set.len()) {
        out.push((None, pairwise_size(if listed == 0 { 0 } else { set.len() })));
        return out;
    }
    let mut missing = Vec::new();
    for (x, &a) in set.iter().enumerate() {
        for &b in &set[x + 1..] {
            if first[a * n + b] == usize::MAX {
                missing.push((criteria[a].id.as_str(), criteria[b].id.as_str()));
            }
        }
    }
    if !missing.is_empty() {
        out.push((None, pairs_not_judged(&missing)));
    }
    out
}

/// The problems removing criterion `k` would leave in the team's views — a pairwise view
/// left judging fewer than 2 criteria, a view left with no weight above 0 — so that the
/// removal can be refused before it is made.
pub fn removing_criterion(s: &Scenario, k: usize) -> Problems {
    let mut p = Problems::default();
    if s.model.views.is_empty() || k >= s.model.criteria.len() {
        return p;
    }
    let mut criteria = s.model.criteria.clone();
    criteria.remove(k);
    let mut views = s.model.views.clone();
    for v in &mut views {
        v.criterion_removed(k);
    }
    check_views(&mut p, &criteria, &views);
    p
}

/// Every cross-part rule broken by `s`, each at its path.
pub fn scenario(s: &Scenario) -> Problems {
    let mut p = Problems::default();
    let criteria = &s.model.criteria;
    unique(
        &mut p,
        "model.criteria",
        criteria.iter().map(|c| c.id.as_str()),
    );
    unique(&mut p, "sources", s.sources.iter().map(|x| x.id.as_str()));
    unique(&mut p, "accounts", s.accounts.iter().map(|x| x.id.as_str()));
    unique(&mut p, "buckets", s.buckets.iter().map(|x| x.id.as_str()));
    unique(&mut p, "requests", s.requests.iter().map(|x| x.id.as_str()));
    for (list, count, limit) in [
        ("model.criteria", criteria.len(), limits::MAX_CRITERIA),
        ("accounts", s.accounts.len(), limits::MAX_ACCOUNTS),
        ("requests", s.requests.len(), limits::MAX_REQUESTS),
    ] {
        if count > limit {
            let noun = list.trim_start_matches("model.");
            p.push(list, over_limit(count, noun, limit));
        }
    }
    if criteria.is_empty() {
        p.push("model.criteria", "the model needs at least one criterion");
    } else if criteria.iter().all(|c| c.weight() <= 0.0) {
        p.push("model.criteria", NO_WEIGHT);
    }
    if let Some(message) = s.currency.as_deref().and_then(currency_problem) {
        p.push("currency", message);
    }
    if s.as_of.is_none() {
        if let Some(c) = criteria.iter().find(|c| c.derive == Some(Derive::Deadline)) {
            p.push("as_of", as_of_needed(&c.id));
        }
    }
    let list = s.capacity_is_list || s.capacity.len() > 1;
    let mut named: Vec<usize> = Vec::new();
    for (i, e) in s.capacity.iter().enumerate() {
        let path = if list {
            format!("capacity[{i}].criterion")
        } else {
            "capacity.criterion".into()
        };
        let c = &criteria[e.criterion];
        if c.direction != Direction::Cost {
            p.push(&path, capacity_not_cost(&c.id));
        }
        if let Some(d) = c.default.filter(|&d| d < 0.0) {
            p.push(&path, negative_default_on_capacity(&c.id, d));
        }
        if let Some(first) = named.iter().position(|&k| k == e.criterion) {
            p.push(&path, capacity_named_twice(&c.id, first));
        }
        named.push(e.criterion);
    }
    check_views(&mut p, criteria, &s.model.views);
    // Values that must not be negative: under ln(1 + x), and efforts on a capacity.
    let non_negative: Vec<bool> = (0..criteria.len())
        .map(|k| criteria[k].transform() == Transform::Log || named.contains(&k))
        .collect();
    for (i, r) in s.requests.iter().enumerate() {
        for (k, e) in r.values.iter() {
            if non_negative[k] && e.low() < 0.0 {
                let mut path = format!("requests[{i}].values");
                crate::json::path::push_key(&mut path, &criteria[k].id);
                let name = crate::text::shorten(&criteria[k].id, 40);
                p.push(
                    path,
                    format!("{name} must be a number ≥ 0, found {}", e.low()),
                );
            }
        }
    }
    p
}

/// Every rule the team's views break against the model's criteria, each at its path (see
/// [`scenario`] for the whole file).
pub fn views(model: &Model) -> Problems {
    let mut p = Problems::default();
    check_views(&mut p, &model.criteria, &model.views);
    p
}

/// The team's views against the model's criteria: ids unique, says and points in range,
/// judgements of two different existing criteria within Saaty's scale, every pair of a
/// pairwise view's criteria judged once.
fn check_views(p: &mut Problems, criteria: &[Criterion], views: &[View]) {
    unique(p, "model.views", views.iter().map(|v| v.id.as_str()));
    let n = criteria.len();
    let number = |x: f64, ok: bool| x.is_finite() && ok;
    for (i, v) in views.iter().enumerate() {
        let at = format!("model.views[{i}]");
        if let Some(say) = v.say.filter(|&x| !number(x, x >= 0.0)) {
            p.push(
                format!("{at}.say"),
                format!("say must be a number ≥ 0, found {say}"),
            );
        }
        match &v.kind {
            ViewKind::Weights(points) => {
                let at = format!("{at}.weights");
                let mut fine = true;
                for (k, &x) in points.iter() {
                    if k >= n {
                        p.push(&at, "a weight names a criterion the model does not have");
                        fine = false;
                    } else if !number(x, x >= 0.0) {
                        let mut path = at.clone();
                        crate::json::path::push_key(&mut path, &criteria[k].id);
                        let name = crate::text::shorten(&criteria[k].id, 40);
                        p.push(path, format!("{name} must be a number ≥ 0, found {x}"));
                        fine = false;
                    }
                }
                if fine && !points.iter().any(|(_, &x)| x > 0.0) {
                    p.push(at, NO_POINTS);
                }
            }
            ViewKind::Pairwise(judgements) => {
                let at = format!("{at}.pairwise");
                let mut judged = Vec::new();
                for (j, x) in judgements.iter().enumerate() {
                    if x.a >= n || x.b >= n {
                        p.push(
                            format!("{at}[{j}]"),
                            "a judgement names a criterion the model does not have",
                        );
                    } else if x.a == x.b {
                        p.push(
                            format!("{at}[{j}].b"),
                            judged_against_itself(&criteria[x.a].id),
                        );
                    } else {
                        judged.push((j, x.a, x.b));
                    }
                    if !number(x.ratio, ratio_ok(x.ratio)) {
                        p.push(
                            format!("{at}[{j}].ratio"),
                            format!("ratio must be {RATIO_RULE}, found {}", x.ratio),
                        );
                    }
                }
                let complete = judged.len() == judgements.len();
                for (j, message) in pairwise(&judged, judgements.len(), complete, criteria) {
                    match j {
                        Some(j) => p.push(format!("{at}[{j}]"), message),
                        None => p.push(&at, message),
                    }
                }
            }
        }
    }
    if !views.is_empty() && !views.iter().any(|v| v.say() > 0.0) {
        p.push("model.views", NO_SAY);
    }
}

fn unique<'a>(p: &mut Problems, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut first = std::collections::HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(&earlier) = first.get(id) {
            p.push(format!("{list}[{i}].id"), id_used_twice(id, list, earlier));
        } else {
            first.insert(id, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../examples/field-service-q2.thresh.json");

    #[test]
    fn a_valid_scenario_breaks_no_rule() {
        let s = crate::read::from_str(EXAMPLE).unwrap();
        assert!(scenario(&s).is_empty(), "{}", scenario(&s));
    }

    #[test]
    fn cross_part_rules_are_checked_with_paths() {
        let mut s = crate::read::from_str(EXAMPLE).unwrap();
        s.requests[1].id = s.requests[0].id.clone();
        s.as_of = None;
        let effort = s.capacity[0].criterion;
        s.requests[2].values.set(effort, Estimate::Number(-1.0));
        for c in &mut s.model.criteria {
            c.weight = Some(0.0);
        }
        let text = scenario(&s).to_string();
        for needle in [
            "requests[1].id: the id",
            "as_of: as_of is missing",
            "requests[2].values.effort: effort must be a number ≥ 0",
            "model.criteria: at least one criterion",
        ] {
            assert!(text.contains(needle), "{needle} in {text}");
        }
    }
}
