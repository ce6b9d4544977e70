//! The command line's shared parts: arguments, failures and their exit codes, reading a
//! scenario from a file or standard input, and text made safe for a terminal. Each command
//! is a module with a `run(&Args) -> Result<String, Failure>`; `main.rs` lists them.

use std::io::Read;

use thresh::{read, ReadError, Scenario};

pub mod check;
pub mod diff;
pub mod fmt;
pub mod import_csv;
pub mod merge;
pub mod plan;
pub mod rank;
pub mod robust;
pub mod views;

/// A failure, with the exit code it maps to.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// A mistake in the command line itself (exit 1, with the usage).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: format!("{}\n\n{}", message.into(), crate::USAGE),
        }
    }
}

/// A command's arguments: positional ones (files) and options, in the order given.
pub struct Args {
    pub command: String,
    pub positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    /// Splits `args` (after the command name) by the command's options: those that take
    /// a value take the next argument, flags stand alone; any other option is refused —
    /// one that another command takes "takes no such option", the rest are unknown.
    pub fn parse(command: &crate::Command, args: &[String]) -> Result<Args, Failure> {
        let mut out = Args {
            command: command.name.to_string(),
            positional: Vec::new(),
            options: Vec::new(),
        };
        let mut rest = args.iter();
        while let Some(a) = rest.next() {
            // Options that take a value first: a short one (`merge … -o OUT`) does not
            // start with `--`.
            if let Some((_, what)) = command.with_value.iter().find(|(o, _)| o == a) {
                let v = rest
                    .next()
                    .ok_or_else(|| Failure::usage(format!("{a} needs {what}")))?;
                out.options.push((a.clone(), Some(v.clone())));
            } else if !a.starts_with("--") {
                out.positional.push(a.clone());
            } else if command.flags.contains(&a.as_str()) {
                out.options.push((a.clone(), None));
            } else if crate::known_option(a) {
                return Err(Failure::usage(format!(
                    "{} takes no such option",
                    command.name
                )));
            } else {
                return Err(Failure::usage(format!("unknown option {a}")));
            }
        }
        Ok(out)
    }

    /// The one FILE the command reads.
    pub fn file(&self) -> Result<&str, Failure> {
        match self.positional.as_slice() {
            [file] => Ok(file),
            [] => Err(Failure::usage(format!("{} needs a FILE", self.command))),
            _ => Err(Failure::usage("give one FILE")),
        }
    }

    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(o, _)| o == name)
    }

    /// Every value given to an option, in order.
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|(o, _)| o == name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }
}

/// Reads FILE (or standard input for `-`) in pieces, stopping as soon as it passes a size
/// limit, so that an endless input (`/dev/zero`, a runaway pipe) is refused, not held.
pub fn read_input(file: &str) -> Result<(String, Vec<u8>), Failure> {
    let name = if file == "-" { "<stdin>" } else { file }.to_string();
    let could_not = |e: std::io::Error| Failure {
        code: 1,
        message: format!("{}: could not read: {e}", safe(&name)),
    };
    let mut input: Box<dyn Read> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(file).map_err(could_not)?)
    };
    let mut bytes = Vec::new();
    let mut counter = thresh::limits::SizeCounter::default();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(could_not(e)),
        };
        counter.feed(&chunk[..n]);
        if let Err(e) = counter.check() {
            return Err(not_acceptable(&name, &e.to_string()));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    Ok((name, bytes))
}

/// Reads and parses FILE (or standard input for `-`).
pub fn load(file: &str) -> Result<(String, Scenario), Failure> {
    let (name, bytes) = read_input(file)?;
    match read::from_slice(&bytes) {
        Ok(s) => Ok((name, s)),
        Err(ReadError::Syntax {
            line,
            column,
            message,
        }) => Err(Failure {
            code: 2,
            message: format!("{}:{line}:{column}: {message}", safe(&name)),
        }),
        Err(e) => Err(not_acceptable(&name, &e.to_string())),
    }
}

/// Text from a file or the command line, made safe to print on a terminal.
pub fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    thresh::text::for_terminal(text)
}

/// Exit 2, with every line of the message prefixed by the file's name.
pub fn not_acceptable(name: &str, message: &str) -> Failure {
    let message = message
        .lines()
        .map(|l| format!("{}: {l}", safe(name)))
        .collect::<Vec<_>>()
        .join("\n");
    Failure { code: 2, message }
}

/// Scores a scenario, or exit 2 with why it cannot be scored.
pub fn ranking<'a>(name: &str, s: &'a Scenario) -> Result<thresh::Ranking<'a>, Failure> {
    thresh::Ranking::new(s).map_err(|e| not_acceptable(name, &e.0.to_string()))
}
