//! `thresh fmt FILE`: the scenario in the canonical form that export writes.

use super::{load, Args, Failure};

pub fn run(args: &Args) -> Result<String, Failure> {
    let file = args.file()?;
    let (_, scenario) = load(file)?;
    Ok(thresh::write::to_string(&scenario))
}
