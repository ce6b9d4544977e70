//! `thresh check FILE`: validate; print a one-line summary.

use super::{load, ranking, Args, Failure};
use thresh::{Ranking, Scenario};

pub fn run(args: &Args) -> Result<String, Failure> {
    let file = args.file()?;
    let (name, scenario) = load(file)?;
    let ranking = ranking(&name, &scenario)?;
    Ok(summary(&name, &scenario, &ranking))
}

fn summary(name: &str, s: &Scenario, ranking: &Ranking) -> String {
    let flagged = |f| ranking.table.flags.iter().filter(|x| x.contains(f)).count();
    let incomplete = flagged(thresh::score::Flags::INCOMPLETE);
    format!(
        "{}: ok — \"{}\": {} requests, {} criteria ({}), {} accounts, {} sources{}\n",
        thresh::text::one_line(name),
        thresh::text::one_line(&s.name),
        s.requests.len(),
        s.model.criteria.len(),
        s.model.method().as_str(),
        s.accounts.len(),
        s.sources.len(),
        if incomplete > 0 {
            format!("; {incomplete} incomplete")
        } else {
            String::new()
        }
    )
}
