//! The rules of the contract that tie one part of a scenario to another, checked on the
//! model: after an edit made item by item, nothing must hold a scenario that its own file
//! would not read back.
//!
//! What a single field or item must satisfy (a credibility in [0, 1], `min < max`, a range
//! in order) is checked where the item is read ([`crate::read`]); what refers to other
//! parts (ids unique in their list, a capacity naming a cost criterion, values of a log or
//! capacity criterion not negative, `as_of` when a criterion derives from deadlines, at
//! least one weight above 0, the list limits) is checked here, with the same messages.

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

pub fn over_limit(count: usize, noun: &str, limit: usize) -> String {
    format!("the file has {count} {noun}; the limit is {limit}")
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
