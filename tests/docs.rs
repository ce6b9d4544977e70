//! The documentation shows the program's real output. Every example in README.md and
//! docs/*.md that starts with `$ thresh …` is run, and what the page shows below it must be
//! what the command prints: line for line, with a line that is only `…` standing for any
//! number of lines left out. A command whose files are not in the repository (a
//! `broken.json` the reader is asked to imagine) or that uses a shell pipe is not run.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One `$ thresh …` line and the lines shown under it.
struct Example {
    place: String,
    command: String,
    shown: Vec<String>,
}

fn examples(file: &Path) -> Vec<Example> {
    let text = std::fs::read_to_string(file).unwrap();
    let name = file.strip_prefix(ROOT).unwrap().display().to_string();
    let mut found = Vec::new();
    let mut in_block = false;
    let mut current: Option<Example> = None;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            if let Some(example) = current.take() {
                found.push(example);
            }
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            if let Some(example) = current.take() {
                found.push(example);
            }
            current = Some(Example {
                place: format!("{name}:{}", n + 1),
                command: command.to_string(),
                shown: Vec::new(),
            });
        } else if let Some(example) = current.as_mut() {
            example.shown.push(line.trim_end().to_string());
        }
    }
    found
}

/// What `thresh` is asked to do: its arguments, the environment set before it, and where
/// standard output goes (`> FILE`).
struct Run {
    env: Vec<(String, String)>,
    args: Vec<String>,
    output_to: Option<String>,
}

fn parse(command: &str) -> Option<Run> {
    // A pipe, input from a file, or a command continued on the next line is not run.
    if command.contains('|') || command.contains('<') || command.ends_with('\\') {
        return None;
    }
    let mut words = shell_words(command)?.into_iter().peekable();
    let mut env = Vec::new();
    while let Some(word) = words.peek() {
        match word.split_once('=') {
            Some((key, value)) if key.chars().all(|c| c.is_ascii_uppercase() || c == '_') => {
                env.push((key.to_string(), value.to_string()));
                words.next();
            }
            _ => break,
        }
    }
    if words.next()? != "thresh" {
        return None;
    }
    let mut args = Vec::new();
    let mut output_to = None;
    while let Some(word) = words.next() {
        if word == ">" {
            output_to = Some(words.next()?);
        } else {
            args.push(word);
        }
    }
    Some(Run {
        env,
        args,
        output_to,
    })
}

/// The words of a command line as a POSIX shell splits them (quotes, no expansions).
fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' if in_word => {
                words.push(std::mem::take(&mut word));
                in_word = false;
            }
            ' ' => {}
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => word.push(c),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => word.push(chars.next()?),
                        c => word.push(c),
                    }
                }
            }
            '$' | '`' | '*' | '~' => return None,
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Some(words)
}

/// Whether `shown` is `actual` with runs of lines left out where `shown` says `…`.
fn matches(shown: &[String], actual: &[&str]) -> bool {
    match shown.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => {
            actual
                .first()
                .is_some_and(|line| line.trim_end() == first.trim_end())
                && matches(rest, &actual[1..])
        }
    }
}

#[test]
fn every_example_in_the_documentation_is_the_programs_real_output() {
    let scratch = std::env::temp_dir().join(format!("thresh-docs-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut files = vec![PathBuf::from(ROOT).join("README.md")];
    for entry in std::fs::read_dir(Path::new(ROOT).join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in &files {
        // Files an example writes (`> backlog.thresh.json`), for the examples after it.
        let mut written: Vec<String> = Vec::new();
        for example in examples(file) {
            let Some(run) = parse(&example.command) else {
                continue;
            };
            let args: Vec<String> = run
                .args
                .iter()
                .map(|a| {
                    if written.contains(a) {
                        scratch.join(a).display().to_string()
                    } else {
                        a.clone()
                    }
                })
                .collect();
            let missing = args.iter().skip(1).any(|a| {
                !a.starts_with('-')
                    && (a.ends_with(".json") || a.ends_with(".csv"))
                    && !Path::new(ROOT).join(a).exists()
            });
            if missing {
                continue;
            }
            let output = Command::new(env!("CARGO_BIN_EXE_thresh"))
                .args(&args)
                .envs(run.env.iter().map(|(k, v)| (k, v)))
                .current_dir(ROOT)
                .output()
                .unwrap();
            // A CSV's byte order mark is invisible on the page.
            let stdout = String::from_utf8_lossy(&output.stdout).replacen('\u{feff}', "", 1);
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            let actual: Vec<&str> = match &run.output_to {
                Some(name) => {
                    std::fs::write(scratch.join(name), &output.stdout).unwrap();
                    written.push(name.clone());
                    stderr.lines().collect()
                }
                None => stdout.lines().chain(stderr.lines()).collect(),
            };
            // A block may end on the command's own blank line; the page shows none.
            let mut shown = example.shown.clone();
            while shown.last().is_some_and(|l| l.is_empty()) {
                shown.pop();
            }
            checked += 1;
            if !matches(&shown, &actual) {
                wrong.push(format!(
                    "{}: `{}` prints\n{}\nbut the documentation shows\n{}",
                    example.place,
                    example.command,
                    actual.join("\n"),
                    shown.join("\n")
                ));
            }
        }
    }
    std::fs::remove_dir_all(&scratch).ok();
    assert!(checked >= 15, "only {checked} examples were found to check");
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn left_out_lines_match_any_run_and_others_match_exactly() {
    let shown = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(matches(&shown(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&shown(&["a", "…", "d"]), &["a", "d"]));
    assert!(matches(&shown(&["a  ", "  …"]), &["a", "b"]));
    assert!(!matches(&shown(&["a", "d"]), &["a", "b", "d"]));
    assert!(!matches(&shown(&["a", "…", "e"]), &["a", "b", "d"]));
    assert!(!matches(&shown(&["a"]), &["a", "b"]));
    assert_eq!(
        shell_words(r#"thresh import-csv x.csv --map "Feature ID=id" --delimiter ';'"#).unwrap(),
        [
            "thresh",
            "import-csv",
            "x.csv",
            "--map",
            "Feature ID=id",
            "--delimiter",
            ";"
        ]
    );
    assert!(parse("cat scenario.json | thresh rank -").is_none());
    let run = parse("SOURCE_DATE_EPOCH=1 thresh import-csv a.csv > b.json").unwrap();
    assert_eq!(
        run.env,
        [("SOURCE_DATE_EPOCH".to_string(), "1".to_string())]
    );
    assert_eq!(run.output_to.as_deref(), Some("b.json"));
}
