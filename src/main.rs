//! `thresh`: the command line over the Thresh core (contract §6).
//!
//! Output goes to standard output, messages to standard error. Exit codes: 0 success,
//! 2 the input is not acceptable, 3 no plan satisfies the constraints, 1 anything else.

use std::io::{Read, Write};
use std::process::ExitCode;

use thresh::model::Pin;
use thresh::plan::{report, Budget, PlanError, SolveError};
use thresh::{read, write, Ranking, ReadError, Scenario};

const USAGE: &str = "\
usage: thresh <command> FILE [options]

commands:
  check FILE                 validate the scenario; print a one-line summary
  fmt FILE                   print the scenario in canonical form (as export writes it)
  rank FILE [--json]         the ranking: a table, or JSON with --json
  plan FILE [--json] [--pin ID]... [--drop ID]... [--max-nodes N]
                             the best plan within capacity and portfolio shares
                             (--max-nodes: the search's budget, default 20000000)

FILE may be - to read standard input.
exit codes: 0 success, 2 input not acceptable, 3 no feasible plan, 1 anything else";

/// A failure, with the exit code it maps to.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: format!("{}\n\n{USAGE}", message.into()),
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`thresh rank x | head`) is not an error worth a message.
            let _ = stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush());
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::usage("no command given"));
    };
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        return Ok(format!("{USAGE}\n"));
    }
    if matches!(command.as_str(), "-V" | "--version") {
        return Ok(format!("thresh {}\n", env!("CARGO_PKG_VERSION")));
    }
    let mut file = None;
    let mut json = false;
    let mut pins = Vec::new();
    let mut drops = Vec::new();
    let mut budget = Budget::default();
    let mut max_nodes_given = false;
    let mut rest = args[1..].iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--json" => json = true,
            "--pin" | "--drop" => {
                let id = rest
                    .next()
                    .ok_or_else(|| Failure::usage(format!("{a} needs a request id")))?;
                if a == "--pin" { &mut pins } else { &mut drops }.push(id.clone());
            }
            "--max-nodes" => {
                budget.max_nodes = rest
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .filter(|&n| n > 0)
                    .ok_or_else(|| Failure::usage("--max-nodes needs a whole number ≥ 1"))?;
                max_nodes_given = true;
            }
            s if s.starts_with("--") => return Err(Failure::usage(format!("unknown option {s}"))),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err(Failure::usage("give one FILE"));
                }
            }
        }
    }
    let file = file.ok_or_else(|| Failure::usage(format!("{command} needs a FILE")))?;
    let allowed_options = match command.as_str() {
        "check" | "fmt" => !json && pins.is_empty() && drops.is_empty() && !max_nodes_given,
        "rank" => pins.is_empty() && drops.is_empty() && !max_nodes_given,
        "plan" => true,
        other => return Err(Failure::usage(format!("unknown command {other}"))),
    };
    if !allowed_options {
        return Err(Failure::usage(format!("{command} takes no such option")));
    }

    let (name, scenario) = load(&file)?;
    match command.as_str() {
        "check" => {
            let ranking =
                Ranking::new(&scenario).map_err(|e| not_acceptable(&name, &e.0.to_string()))?;
            Ok(summary(&name, &scenario, &ranking))
        }
        "fmt" => Ok(write::to_string(&scenario)),
        "rank" => {
            let ranking =
                Ranking::new(&scenario).map_err(|e| not_acceptable(&name, &e.0.to_string()))?;
            Ok(if json {
                ranking.to_json()
            } else {
                ranking.to_table()
            })
        }
        "plan" => {
            let ranking =
                Ranking::new(&scenario).map_err(|e| not_acceptable(&name, &e.0.to_string()))?;
            let mut what_if = Vec::new();
            for (ids, pin, option) in [(&pins, Pin::Must, "--pin"), (&drops, Pin::Never, "--drop")]
            {
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
                                &format!(
                                    "{id} is both pinned (--pin) and dropped (--drop); choose one"
                                ),
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
            Ok(if json {
                report.to_json()
            } else {
                report.to_table(&scenario, &ranking.scores)
            })
        }
        _ => unreachable!("commands are matched above"),
    }
}

/// Reads and parses FILE (or standard input for `-`).
fn load(file: &str) -> Result<(String, Scenario), Failure> {
    let (name, bytes) = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Failure {
                code: 1,
                message: format!("<stdin>: could not read: {e}"),
            })?;
        ("<stdin>".to_string(), buf)
    } else {
        let bytes = std::fs::read(file).map_err(|e| Failure {
            code: 1,
            message: format!("{file}: could not read: {e}"),
        })?;
        (file.to_string(), bytes)
    };
    match read::from_slice(&bytes) {
        Ok(s) => Ok((name, s)),
        Err(ReadError::Syntax {
            line,
            column,
            message,
        }) => Err(Failure {
            code: 2,
            message: format!("{name}:{line}:{column}: {message}"),
        }),
        Err(e) => Err(not_acceptable(&name, &e.to_string())),
    }
}

/// Exit 2, with every line of the message prefixed by the file's name.
fn not_acceptable(name: &str, message: &str) -> Failure {
    let message = message
        .lines()
        .map(|l| format!("{name}: {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    Failure { code: 2, message }
}

fn summary(name: &str, s: &Scenario, ranking: &Ranking) -> String {
    let flagged = |f| ranking.table.flags.iter().filter(|x| x.contains(f)).count();
    let incomplete = flagged(thresh::score::Flags::INCOMPLETE);
    format!(
        "{name}: ok — \"{}\": {} requests, {} criteria ({}), {} accounts, {} sources{}\n",
        s.name,
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
