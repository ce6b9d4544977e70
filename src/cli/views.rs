//! `thresh views FILE [--json] [--top K]`: the team's views of the weights (team-v1 §3) —
//! each view's normalised weights, the spread, the team compromise, consistency, every
//! ranking and the agreement at K — as a table, or as JSON.

use super::{load, not_acceptable, safe, Args, Failure};
use thresh::team::{self, Team};

pub fn run(args: &Args) -> Result<String, Failure> {
    let file = args.file()?;
    let (name, scenario) = load(file)?;
    if scenario.model.views.is_empty() {
        return Err(not_acceptable(&name, &team::no_views().to_string()));
    }
    let ranked = scenario
        .requests
        .iter()
        .filter(|r| !r.is_archived())
        .count();
    let top = top(args, ranked).map_err(|m| not_acceptable(&name, &m))?;
    let team = Team::new(&scenario, top).map_err(|e| not_acceptable(&name, &e.to_string()))?;
    Ok(if args.flag("--json") {
        team.to_json()
    } else {
        team.to_table()
    })
}

/// `--top K`: a whole number from 1 to the number of requests ranked (robustness-v1 §2);
/// what is wrong with a bad value (the command then exits 2, naming the file).
fn top(args: &Args, ranked: usize) -> Result<Option<usize>, String> {
    match args.values("--top").as_slice() {
        [] => Ok(None),
        [k] => match k.parse::<usize>() {
            Ok(k) if (1..=ranked).contains(&k) => Ok(Some(k)),
            _ if ranked == 0 => Err(format!(
                "--top {}: there is no request to rank, so there is no top",
                safe(k)
            )),
            _ => Err(format!(
                "--top must be a whole number from 1 to {ranked} (the requests ranked), found {}",
                safe(k)
            )),
        },
        _ => Err("--top is given more than once".into()),
    }
}
