//! `thresh rank FILE [--json]`: the ranking, as a table or as JSON.

use super::{load, ranking, Args, Failure};

pub fn run(args: &Args) -> Result<String, Failure> {
    let file = args.file()?;
    let (name, scenario) = load(file)?;
    let ranking = ranking(&name, &scenario)?;
    Ok(if args.flag("--json") {
        ranking.to_json()
    } else {
        ranking.to_table()
    })
}
