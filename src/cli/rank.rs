//! `thresh rank FILE [--json | --csv [--delimiter C] [--decimal-comma]]`: the ranking, as
//! a table, as JSON, or as CSV for a spreadsheet (sharing-v1 §5).

use super::{load, ranking, Args, Failure};
use thresh::sheet::csv::{CsvStyle, Delimiter};

pub fn run(args: &Args) -> Result<String, Failure> {
    let style = csv_style(args)?;
    let file = args.file()?;
    let (name, scenario) = load(file)?;
    let ranking = ranking(&name, &scenario)?;
    Ok(match style {
        Some(style) => ranking.to_csv(style),
        None if args.flag("--json") => ranking.to_json(),
        None => ranking.to_table(),
    })
}

/// `--csv` with its `--delimiter C` and `--decimal-comma` (shared by `rank` and `plan`):
/// None without `--csv`; a usage mistake for `--csv` with `--json`, or a `--delimiter`
/// or `--decimal-comma` without `--csv`.
pub fn csv_style(args: &Args) -> Result<Option<CsvStyle>, Failure> {
    let delimiter = args.values("--delimiter").pop();
    let decimal_comma = args.flag("--decimal-comma");
    if !args.flag("--csv") {
        if delimiter.is_some() || decimal_comma {
            return Err(Failure::usage(
                "--delimiter and --decimal-comma go with --csv",
            ));
        }
        return Ok(None);
    }
    if args.flag("--json") {
        return Err(Failure::usage("give --json or --csv, not both"));
    }
    let delimiter = match delimiter {
        None => Delimiter::Comma,
        Some(d) => Delimiter::parse(d).ok_or_else(|| {
            Failure::usage(format!("--delimiter {d:?}: give one of , ; | or tab"))
        })?,
    };
    Ok(Some(CsvStyle {
        delimiter,
        decimal_comma,
    }))
}
