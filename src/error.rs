//! What can be wrong with a scenario, said so a PM can find and fix it.

use std::fmt;

pub use crate::limits;

/// One thing wrong with a scenario, at one place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path such as `requests[3].values.cost`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A list of problems, capped: past `limits::MAX_PROBLEMS` they are only counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    pub list: Vec<Problem>,
    /// Problems found but not listed.
    pub more: usize,
}

impl Problems {
    pub fn push(&mut self, path: impl fmt::Display, message: impl Into<String>) {
        if self.list.len() < limits::MAX_PROBLEMS {
            self.list.push(Problem {
                path: path.to_string(),
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Where the list stands now, to [`truncate`](Problems::truncate) back to.
    pub fn mark(&self) -> (usize, usize) {
        (self.list.len(), self.more)
    }

    /// Forgets the problems recorded since `mark`.
    pub fn truncate(&mut self, mark: (usize, usize)) {
        self.list.truncate(mark.0);
        self.more = mark.1;
    }

    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_problems(f, &self.list, self.more)
    }
}

/// A list of problems one per line, and how many more were found but not listed.
pub(crate) fn write_problems<P: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    list: &[P],
    more: usize,
) -> fmt::Result {
    for (i, p) in list.iter().enumerate() {
        if i > 0 {
            writeln!(f)?;
        }
        write!(f, "{p}")?;
    }
    if more > 0 {
        write!(f, "\n… and {more} more problems")?;
    }
    Ok(())
}

/// Why a text could not be read as a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The text is over a size limit; nothing was parsed. `content` says whether the
    /// bytes counted are the JSON without its indentation (the contract's limit) or the
    /// whole file (the bound on indentation).
    TooLarge {
        bytes: usize,
        limit: usize,
        content: bool,
    },
    /// Not well-formed JSON (or not UTF-8).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed JSON, but not a Thresh scenario at all.
    NotAScenario { reason: String },
    /// A scenario from a newer version of Thresh.
    NewerVersion { found: u64, supported: u64 },
    /// A scenario with problems in its fields.
    Invalid(Problems),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge {
                bytes,
                limit,
                content: true,
            } => write!(
                f,
                "the file holds {} MiB of JSON (not counting indentation and line breaks); the limit is {} MiB",
                mib(*bytes),
                limit / (1024 * 1024)
            ),
            ReadError::TooLarge { bytes, limit, .. } => write!(
                f,
                "the file is {} MiB; the limit is {} MiB in all (and 50 MiB not counting indentation and line breaks)",
                mib(*bytes),
                limit / (1024 * 1024)
            ),
            ReadError::Syntax {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            ReadError::NotAScenario { reason } => write!(f, "not a scenario file: {reason}"),
            ReadError::NewerVersion { found, supported } => write!(
                f,
                "this is a version {found} scenario; this build of Thresh reads version {supported} \
                 and older — open it with a newer Thresh"
            ),
            ReadError::Invalid(problems) => write!(f, "{problems}"),
        }
    }
}

impl std::error::Error for ReadError {}

fn mib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// Why a scenario that reads well cannot be scored as its model says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreError(pub Problems);

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for ScoreError {}
