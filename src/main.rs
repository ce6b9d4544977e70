//! `thresh`: the command line over the Thresh core (contract §6).
//!
//! Output goes to standard output, messages to standard error. Exit codes: 0 success,
//! 2 the input is not acceptable, 3 no plan satisfies the constraints, 4 a merge has
//! conflicts, 1 anything else.
//! Each command lives in its own module under `src/cli/`.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use cli::{safe, Args, Failure};

pub const USAGE: &str = "\
usage: thresh <command> FILE [options]

commands:
  check FILE                 validate the scenario; print a one-line summary
  fmt FILE                   print the scenario in canonical form (as export writes it)
  rank FILE [--json | --csv [--delimiter C] [--decimal-comma]]
                             the ranking: a table, JSON with --json, or CSV for a
                             spreadsheet with --csv (UTF-8 with a BOM; --delimiter ';'
                             --decimal-comma for a Polish or Russian spreadsheet)
  plan FILE [--json | --csv [--delimiter C] [--decimal-comma]] [--pin ID]...
       [--drop ID]... [--max-nodes N]
                             the best plan within capacity and portfolio shares
                             (--max-nodes: the search's budget, default 20000000)
  import-csv CSV [--into SCENARIO] [--map HEADER=TARGET]... [--delimiter C]
       [--decimal ,|.] [--encoding LABEL] [--date-order dmy|mdy]
                             a spreadsheet's rows as a scenario: a new one with the
                             default model, or added to SCENARIO; printed in canonical
                             form (problems: file:line:column, exit 2)
  views FILE [--json] [--top K]
                             the team's views of the weights: each view's weights,
                             the compromise, consistency, rankings and agreement at K
  diff A B [--json]          what changed from A to B; ranking and plan differences
  merge BASE OURS THEIRS [-o OUT] [--json]
                             three-way merge of two edited copies of BASE (a git
                             merge driver); conflicts to standard error, exit 4
  robust FILE [--json] [--samples N] [--seed S] [--top K]
         [--weights around|any|views] [--spread s] [--plan]
                             how sure the ranking is: ranks and plans under sampled
                             weights and estimates, and each weight's tipping points

FILE may be - to read standard input.
exit codes: 0 success, 2 input not acceptable, 3 no feasible plan, 4 merge conflicts,
1 anything else";

/// A command: its name, the options that take a value (with what that value is, for the
/// message when it is missing), its flags, and what runs it.
pub struct Command {
    pub name: &'static str,
    pub with_value: &'static [(&'static str, &'static str)],
    pub flags: &'static [&'static str],
    run: fn(&Args) -> Result<String, Failure>,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "check",
        with_value: &[],
        flags: &[],
        run: cli::check::run,
    },
    Command {
        name: "fmt",
        with_value: &[],
        flags: &[],
        run: cli::fmt::run,
    },
    Command {
        name: "rank",
        with_value: &[("--delimiter", "a delimiter: , ; | or tab")],
        flags: &["--json", "--csv", "--decimal-comma"],
        run: cli::rank::run,
    },
    Command {
        name: "plan",
        with_value: &[
            ("--pin", "a request id"),
            ("--drop", "a request id"),
            ("--max-nodes", "a whole number ≥ 1"),
            ("--delimiter", "a delimiter: , ; | or tab"),
        ],
        flags: &["--json", "--csv", "--decimal-comma"],
        run: cli::plan::run,
    },
    Command {
        name: "import-csv",
        with_value: &[
            ("--into", "a scenario file"),
            ("--map", "HEADER=TARGET"),
            ("--delimiter", "a delimiter: , ; | or tab"),
            ("--decimal", "a decimal separator: , or ."),
            ("--encoding", "an encoding label such as windows-1250"),
            ("--date-order", "dmy or mdy"),
        ],
        flags: &[],
        run: cli::import_csv::run,
    },
    Command {
        name: "views",
        with_value: &[("--top", "a number K (the size of the top)")],
        flags: &["--json"],
        run: cli::views::run,
    },
    Command {
        name: "diff",
        with_value: &[],
        flags: &["--json"],
        run: cli::diff::run,
    },
    Command {
        name: "merge",
        with_value: &[("-o", "a file to write the merged scenario to")],
        flags: &["--json"],
        run: cli::merge::run,
    },
    Command {
        name: "robust",
        with_value: &[
            ("--samples", "a number of samples"),
            ("--seed", "a seed"),
            ("--top", "the size of the top"),
            ("--weights", "around, any or views"),
            ("--spread", "a spread from 0 to 1"),
        ],
        flags: &["--json", "--plan"],
        run: cli::robust::run,
    },
];

/// Whether some command takes this option.
pub fn known_option(option: &str) -> bool {
    COMMANDS
        .iter()
        .any(|c| c.flags.contains(&option) || c.with_value.iter().any(|(o, _)| *o == option))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            // Tables quote the file too; JSON is already escaped, so this changes nothing
            // there. A CSV (§5: it starts with a BOM) is for a file or a pipe and goes out
            // byte for byte; shown on a terminal, it is made safe like the rest.
            let mut stdout = std::io::stdout().lock();
            let out = if out.starts_with('\u{FEFF}') && !stdout.is_terminal() {
                std::borrow::Cow::Borrowed(out.as_str())
            } else {
                safe(&out)
            };
            // A closed pipe (`thresh rank x | head`) is not an error worth a message.
            let _ = stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush());
            ExitCode::SUCCESS
        }
        Err(f) => {
            // Messages quote the file: nothing in it may reach the terminal raw.
            eprintln!("{}", safe(&f.message));
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
    let Some(c) = COMMANDS.iter().find(|c| c.name == command) else {
        return Err(Failure::usage(format!("unknown command {command}")));
    };
    (c.run)(&Args::parse(c, &args[1..])?)
}
