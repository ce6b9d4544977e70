//! `thresh plan FILE [--json | --csv [--delimiter C] [--decimal-comma]] [--pin ID]...
//! [--drop ID]... [--max-nodes N]`: the best plan within capacity and portfolio shares; a
//! what-if with pins.

use super::{load, not_acceptable, ranking, Args, Failure};
use thresh::model::Pin;
use thresh::plan::{report, Budget, PlanError, SolveError};

pub fn run(args: &Args) -> Result<String, Failure> {
    let style = super::rank::csv_style(args)?;
    let mut budget = Budget::default();
    if let Some(n) = args.values("--max-nodes").pop() {
        budget.max_nodes = n
            .parse::<u64>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| Failure::usage("--max-nodes needs a whole number ≥ 1"))?;
    }
    let file = args.file()?;
    let (name, scenario) = load(file)?;
    let ranking = ranking(&name, &scenario)?;
    let mut what_if = Vec::new();
    for (ids, pin, option) in [
        (&args.values("--pin"), Pin::Must, "--pin"),
        (&args.values("--drop"), Pin::Never, "--drop"),
    ] {
        for id in ids {
            let i = scenario
                .requests
                .iter()
                .position(|r| &r.id == id)
                .ok_or_else(|| {
                    not_acceptable(
                        &name,
                        &format!("{option} {id}: no request has the id \"{id}\""),
                    )
                })?;
            if let Some((_, other)) = what_if.iter().find(|(j, _)| *j == i) {
                if *other != pin {
                    return Err(not_acceptable(
                        &name,
                        &format!("{id} is both pinned (--pin) and dropped (--drop); choose one"),
                    ));
                }
            }
            what_if.push((i, pin));
        }
    }
    let report = report::report(
        &scenario,
        &ranking.table,
        &ranking.scores,
        &what_if,
        &budget,
        None,
    )
    .map_err(|e| match e {
        PlanError::Solve(SolveError::Infeasible(why)) => Failure {
            code: 3,
            message: why
                .messages()
                .iter()
                .map(|m| format!("{name}: no plan satisfies the constraints: {m}"))
                .collect::<Vec<_>>()
                .join("\n"),
        },
        PlanError::Solve(SolveError::NotFound { .. }) => Failure {
            code: 1,
            message: format!("{name}: {e}"),
        },
        PlanError::NoCapacity
        | PlanError::Invalid(_)
        | PlanError::Solve(SolveError::Invalid(_)) => not_acceptable(&name, &e.to_string()),
    })?;
    Ok(if let Some(style) = style {
        report.to_csv(&scenario, &ranking.table, &ranking.scores, &what_if, style)
    } else if args.flag("--json") {
        report.to_json()
    } else {
        report.to_table(&scenario, &ranking.scores)
    })
}
