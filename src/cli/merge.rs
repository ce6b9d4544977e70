//! `thresh merge BASE OURS THEIRS [-o OUT] [--json]`: a three-way merge of two edited
//! copies of one scenario (sharing contract §3), fit to be git's merge driver.
//!
//! Exit 0: the merged scenario (canonical) goes to OUT or standard output. Exit 4: the
//! merged scenario with ours' side at every conflict goes there all the same, and the
//! conflicts go to standard error, one line each. Exit 2: a file is not acceptable.

use std::io::Write;

use super::{load, safe, Args, Failure};
use thresh::compare::{self, Conflict};
use thresh::json::Value;
use thresh::text::one_line;

/// The exit code of a merge with conflicts.
pub const CONFLICTS: u8 = 4;

pub fn run(args: &Args) -> Result<String, Failure> {
    let [base, ours, theirs] = args.positional.as_slice() else {
        return Err(Failure::usage(
            "merge needs three files: BASE, OURS and THEIRS",
        ));
    };
    let (_, base) = load(base)?;
    let (_, ours) = load(ours)?;
    let (_, theirs) = load(theirs)?;
    let merge = compare::merge(&base, &ours, &theirs);
    let merged = merge.text();
    let out_file = args.values("-o").last().copied();
    if let Some(file) = out_file {
        std::fs::write(file, &merged).map_err(|e| Failure {
            code: 1,
            message: format!("{}: could not write: {e}", safe(file)),
        })?;
    }
    let stdout = if args.flag("--json") {
        merge.to_json()
    } else if out_file.is_some() {
        String::new()
    } else {
        merged
    };
    if merge.conflicts.is_empty() {
        return Ok(stdout);
    }
    // Exit 4 still prints the draft: written here, since a failure prints only its message.
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(safe(&stdout).as_bytes())
        .and_then(|_| out.flush());
    Err(Failure {
        code: CONFLICTS,
        message: merge
            .conflicts
            .iter()
            .map(line)
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// `conflict ["requests","R-1","values","cost"]: base 5, ours 8, theirs 3`, a side that
/// has nothing said `absent`, and what the reader said for a conflict it found.
fn line(c: &Conflict) -> String {
    let side = |v: &Option<Value>| v.as_ref().map_or("absent".to_string(), Value::to_compact);
    let mut l = format!(
        "conflict {}: base {}, ours {}, theirs {}",
        Value::strings(&c.path).to_compact(),
        side(&c.base),
        side(&c.ours),
        side(&c.theirs)
    );
    if let Some(p) = &c.problem {
        l.push_str(&format!(" ({p})"));
    }
    one_line(&l).into_owned()
}
