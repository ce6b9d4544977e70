//! Helpers shared by the command-line tests (`tests/cli.rs`, `tests/malformed.rs`).
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `thresh` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_thresh");

/// The example scenario, a copy of the bundled one.
pub fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/banking-q1.json")
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            stdout_bytes: out.stdout,
        }
    }

    /// Asserts the exit code, showing both streams when it differs; never a panic inside
    /// the program.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert!(
            !self.stderr.contains("panicked"),
            "the program panicked:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `thresh ARGS` with no standard input.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the thresh binary runs");
    Run::from(out)
}

/// Runs `thresh ARGS` in the directory `dir` (so that messages name files as given).
pub fn run_in<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> Run {
    let out = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the thresh binary runs");
    Run::from(out)
}

/// Runs `thresh ARGS` with `input` on standard input.
pub fn run_with_stdin<S: AsRef<std::ffi::OsStr>>(args: &[S], input: &[u8]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the thresh binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    // Write on a thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child
        .wait_with_output()
        .expect("the thresh binary finishes");
    writer.join().unwrap();
    Run::from(out)
}

/// A scratch directory for files made at test time, unique to `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Writes `contents` to `dir/file` and returns the path.
pub fn write_file(dir: &Path, file: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(file);
    std::fs::write(&path, contents).expect("a scratch file");
    path
}

/// A small valid scenario that uses every field of the contract, as JSON.
pub fn full_scenario() -> serde_json::Value {
    serde_json::json!({
        "format": "thresh.scenario",
        "version": 1,
        "name": "Every field",
        "as_of": "2027-01-04",
        "model": {
            "method": "weighted-sum",
            "use_confidence": true,
            "criteria": [
                { "id": "reach", "label": "Reach", "direction": "benefit", "weight": 4,
                  "scale": "minmax", "transform": "log", "derive": "asks-count" },
                { "id": "urgency", "label": "Urgency", "direction": "benefit", "weight": 3,
                  "scale": "fixed", "min": 0, "max": 10, "derive": "deadline", "horizon_days": 180 },
                { "id": "cost", "label": "Cost", "direction": "cost", "weight": 2, "scale": "minmax" },
                { "id": "fit", "label": "Fit", "direction": "benefit", "weight": 1,
                  "scale": "fixed", "min": 0, "max": 10 }
            ]
        },
        "capacity": { "criterion": "cost", "amount": 40 },
        "buckets": [
            { "id": "growth", "label": "New revenue", "min_share": 0.2, "max_share": 0.6 },
            { "id": "retention", "label": "Retention", "max_share": 0.5 }
        ],
        "sources": [
            { "id": "sales", "label": "Sales", "credibility": 0.5 },
            { "id": "support", "label": "Support", "credibility": 1 }
        ],
        "accounts": [
            { "id": "citi", "name": "Citibank", "arr": 1200000, "segment": "banking", "strategic": true },
            { "id": "acme", "name": "Acme", "arr": 45000 }
        ],
        "requests": [
            { "id": "R-1", "title": "First", "description": "The first one", "bucket": "growth",
              "values": { "cost": 8, "fit": 6 },
              "asks": [ { "account": "citi", "source": "sales", "date": "2026-10-01", "note": "asked twice" },
                        { "source": "support", "count": 12 } ],
              "deadline": "2027-03-30", "confidence": 0.5, "plan": "must", "tags": ["a", "b"] },
            { "id": "R-2", "title": "Second", "bucket": "retention",
              "values": { "cost": { "low": 2, "likely": 3, "high": 5 }, "fit": 4 },
              "asks": [ { "account": "acme" } ], "confidence": 0.8 },
            { "id": "R-3", "title": "Third", "values": { "cost": 5, "fit": 9 }, "plan": "never" },
            { "id": "R-4", "title": "Fourth", "values": { "cost": 1, "fit": 2 } }
        ]
    })
}
