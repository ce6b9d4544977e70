//! `thresh diff A B [--json]`: what changed from A to B, and what it does to the ranking
//! and the plan (sharing contract §2). Without `--json`, a summary a person reads: the
//! changes in words, grouped; the requests that moved in the ranking; the plan's ins and
//! outs.

use std::collections::HashMap;

use super::{load, Args, Failure};
use thresh::compare::{self, ChangeKind, Diff, Group};
use thresh::text::{one_line, shorten};
use thresh::Scenario;

/// Lines listed per group (and per part of the ranking and plan) before "… and N more".
const MAX_LINES: usize = 30;

pub fn run(args: &Args) -> Result<String, Failure> {
    let [a, b] = args.positional.as_slice() else {
        return Err(Failure::usage("diff needs two files, A and B"));
    };
    let (name_a, a) = load(a)?;
    let (name_b, b) = load(b)?;
    let diff = compare::diff(&a, &b);
    Ok(if args.flag("--json") {
        diff.to_json()
    } else {
        summary(&name_a, &a, &name_b, &b, &diff)
    })
}

/// A request named for a person: `FS-101 “Photo annotations”`, from the side that has it.
fn request_name(id: &str, first: &Scenario, second: &Scenario) -> String {
    let found = [first, second]
        .iter()
        .find_map(|s| s.requests.iter().find(|r| r.id == id));
    let id = one_line(&shorten(id, 40)).into_owned();
    match found {
        Some(r) => format!("{id} “{}”", one_line(&shorten(&r.title, 40))),
        None => id,
    }
}

/// Pushes up to [`MAX_LINES`] lines, then how many were left out.
fn list(out: &mut Vec<String>, lines: Vec<String>) {
    let n = lines.len();
    out.extend(lines.into_iter().take(MAX_LINES).map(|l| format!("  {l}")));
    if n > MAX_LINES {
        out.push(format!("  … and {} more", n - MAX_LINES));
    }
}

fn summary(name_a: &str, a: &Scenario, name_b: &str, b: &Scenario, diff: &Diff) -> String {
    let mut out = Vec::new();
    let n = diff.changes.len();
    if n == 0 {
        out.push(format!(
            "{name_a} and {name_b} are the same scenario: no changes"
        ));
    } else {
        out.push(format!(
            "{name_a} → {name_b}: {n} change{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    changes(&mut out, a, b, diff);
    ranking(&mut out, a, b, diff);
    plan(&mut out, a, b, diff);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn changes(out: &mut Vec<String>, a: &Scenario, b: &Scenario, diff: &Diff) {
    for g in Group::ALL {
        let in_group: Vec<_> = diff
            .changes
            .iter()
            .filter(|c| compare::group(c) == g)
            .collect();
        if in_group.is_empty() {
            continue;
        }
        let lines: Vec<String> = match g {
            Group::RequestsAdded | Group::RequestsRemoved => in_group
                .iter()
                .map(|c| match c.kind {
                    ChangeKind::Removed => request_name(&c.path[1], a, b),
                    _ => request_name(&c.path[1], b, a),
                })
                .collect(),
            // One line per request, its changes after its name.
            Group::RequestsChanged => {
                let mut order: Vec<&str> = Vec::new();
                let mut fields: HashMap<&str, Vec<String>> = HashMap::new();
                for c in &in_group {
                    let id = c.path[1].as_str();
                    let words = compare::describe(c, a, b);
                    let subject = compare::subject(c, a, b);
                    let field = words
                        .strip_prefix(&format!("{subject}: "))
                        .unwrap_or(&words)
                        .to_string();
                    fields
                        .entry(id)
                        .or_insert_with(|| {
                            order.push(id);
                            Vec::new()
                        })
                        .push(field);
                }
                order
                    .iter()
                    .map(|id| format!("{}: {}", request_name(id, b, a), fields[id].join("; ")))
                    .collect()
            }
            _ => in_group
                .iter()
                .map(|c| compare::describe(c, a, b))
                .collect(),
        };
        out.push(String::new());
        let count = match g {
            Group::RequestsAdded | Group::RequestsRemoved | Group::RequestsChanged => {
                format!(" ({})", lines.len())
            }
            _ => String::new(),
        };
        out.push(format!("{}{count}", g.title()));
        list(out, lines);
    }
}

fn ranking(out: &mut Vec<String>, a: &Scenario, b: &Scenario, diff: &Diff) {
    let moved: Vec<String> = diff
        .ranking
        .iter()
        .filter(|m| m.rank_a != m.rank_b)
        .map(|m| match (m.rank_a, m.rank_b) {
            (Some(ra), Some(rb)) => format!(
                "{}  {ra} → {rb}{}",
                request_name(&m.id, b, a),
                match (m.score_a, m.score_b) {
                    (Some(x), Some(y)) => format!(
                        "  (score {} → {})",
                        thresh::text::score(x),
                        thresh::text::score(y)
                    ),
                    _ => String::new(),
                }
            ),
            (None, Some(rb)) => format!(
                "{}  ranked {rb} (not ranked in A)",
                request_name(&m.id, b, a)
            ),
            (Some(ra), None) => format!("{}  was {ra}, not ranked in B", request_name(&m.id, a, b)),
            (None, None) => request_name(&m.id, b, a),
        })
        .collect();
    let kept = diff.ranking.len() - moved.len();
    out.push(String::new());
    if moved.is_empty() {
        out.push(format!(
            "Ranking: no request moved ({kept} ranked the same)"
        ));
        return;
    }
    out.push(format!(
        "Ranking: {} moved, {kept} kept their rank",
        moved.len()
    ));
    list(out, moved);
}

fn plan(out: &mut Vec<String>, a: &Scenario, b: &Scenario, diff: &Diff) {
    let Some(p) = &diff.plan else {
        return;
    };
    out.push(String::new());
    out.push(format!(
        "Plan: {} in, {} out, {} in both",
        p.only_b.len(),
        p.only_a.len(),
        p.both.len()
    ));
    if !p.only_b.is_empty() {
        out.push("  in (only in B's plan):".into());
        let lines = p
            .only_b
            .iter()
            .map(|id| format!("  {}", request_name(id, b, a)))
            .collect();
        list(out, lines);
    }
    if !p.only_a.is_empty() {
        out.push("  out (only in A's plan):".into());
        let lines = p
            .only_a
            .iter()
            .map(|id| format!("  {}", request_name(id, a, b)))
            .collect();
        list(out, lines);
    }
}
