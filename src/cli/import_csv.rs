//! `thresh import-csv CSV [--into SCENARIO] [--map HEADER=TARGET]... [--delimiter C]
//! [--decimal ,|.] [--encoding LABEL] [--date-order dmy|mdy]`: a spreadsheet's rows as a
//! scenario (sharing-v1 §4), printed in canonical form.
//!
//! Without `--into` the rows make a new scenario with the default model, named after the
//! file, dated today (UTC; `SOURCE_DATE_EPOCH`, when set, says which day that is, for
//! reproducible output). Problems go to standard error one line each, the file's name in
//! front (`backlog.csv:12:4 (header "Story Points"): "abc" is not a number`), and exit 2
//! with nothing printed; warnings go to standard error too, without failing.

use std::path::Path;

use super::{load, not_acceptable, read_input, safe, Args, Failure};
use thresh::date::Date;
use thresh::sheet::cells::{DateOrder, DecimalSeparator};
use thresh::sheet::csv::Delimiter;
use thresh::sheet::decode::DecodeError;
use thresh::sheet::import::{import_bytes, Destination, ImportOptions};

pub fn run(args: &Args) -> Result<String, Failure> {
    let options = options(args)?;
    let file = args.file()?;
    let into = last(args, "--into");
    if file == "-" && into == Some("-") {
        return Err(Failure::usage(
            "the CSV and --into cannot both be read from standard input",
        ));
    }
    let encoding = last(args, "--encoding");
    let loaded = into.map(load).transpose()?;
    let (name, bytes) = read_input(file)?;
    let title = scenario_name(file);
    let destination = match &loaded {
        Some((_, scenario)) => Destination::Existing(scenario),
        None => Destination::New {
            name: &title,
            today: today(),
        },
    };
    let import = import_bytes(&bytes, encoding, &options, destination).map_err(|e| match e {
        DecodeError::UnknownEncoding(_) => Failure::usage(format!("--encoding: {e}")),
        e => not_acceptable(&name, &e.to_string()),
    })?;
    let plan = &import.plan;
    for warning in &plan.warnings.list {
        let mut warning = warning.clone();
        warning.message = format!("warning: {}", warning.message);
        eprintln!("{}", safe(&warning.in_file(&name)));
    }
    if plan.warnings.more > 0 {
        eprintln!(
            "{}: warning: … and {} more warnings",
            safe(&name),
            plan.warnings.more
        );
    }
    match import.scenario {
        Some(scenario) if plan.problems.is_empty() => Ok(thresh::write::to_string(&scenario)),
        _ => {
            let mut lines: Vec<String> = plan
                .problems
                .list
                .iter()
                .map(|p| p.in_file(&name))
                .collect();
            if plan.problems.more > 0 {
                lines.push(format!(
                    "{name}: … and {} more problems",
                    plan.problems.more
                ));
            }
            if lines.is_empty() {
                lines.push(format!("{name}: the rows could not be imported"));
            }
            Err(Failure {
                code: 2,
                message: lines.join("\n"),
            })
        }
    }
}

fn last<'a>(args: &'a Args, option: &str) -> Option<&'a str> {
    args.values(option).pop()
}

fn options(args: &Args) -> Result<ImportOptions, Failure> {
    let delimiter = last(args, "--delimiter")
        .map(|d| {
            Delimiter::parse(d).ok_or_else(|| {
                Failure::usage(format!("--delimiter {d:?}: give one of , ; | or tab"))
            })
        })
        .transpose()?;
    let decimal = last(args, "--decimal")
        .map(|d| {
            DecimalSeparator::parse(d)
                .ok_or_else(|| Failure::usage(format!("--decimal {d:?}: give , or .")))
        })
        .transpose()?;
    let date_order = last(args, "--date-order")
        .map(|d| {
            DateOrder::parse(d)
                .ok_or_else(|| Failure::usage(format!("--date-order {d:?}: give dmy or mdy")))
        })
        .transpose()?;
    Ok(ImportOptions {
        delimiter,
        decimal,
        date_order,
        maps: args.values("--map").into_iter().map(String::from).collect(),
    })
}

/// A new scenario is named after its file: `backlog.csv` → `backlog`.
fn scenario_name(file: &str) -> String {
    if file == "-" {
        return "Imported from a spreadsheet".into();
    }
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "Imported from a spreadsheet".into())
}

/// Today (UTC), or the day `SOURCE_DATE_EPOCH` (seconds since 1970) falls on.
fn today() -> Date {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let epoch = Date::from_ymd(1970, 1, 1).expect("1970-01-01 is a day");
    epoch.add_days(seconds.div_euclid(86_400)).unwrap_or(epoch)
}
