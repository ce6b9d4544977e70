//! Words in cells (§4 "Cells" and "Rows"): `status` and `plan` words, lists of names in
//! `tags` and `account` cells, and the id made from a name for a new account, bucket or
//! source.
//!
//! The enums here are the contract's words, not the model's types, so that this layer
//! does not move when the model does; the mapping step converts them by [`Status::as_str`]
//! and [`PlanPin::as_str`].

use super::super::quoted;

/// A request's status, in the contract's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Open,
    Planned,
    InProgress,
    Done,
    Declined,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Declined => "declined",
        }
    }
}

/// The words of §4 for each status (after [`status_key`]).
const STATUS_WORDS: [(&str, Status); 20] = [
    ("open", Status::Open),
    ("to do", Status::Open),
    ("backlog", Status::Open),
    ("new", Status::Open),
    ("planned", Status::Planned),
    ("selected", Status::Planned),
    ("in progress", Status::InProgress),
    ("doing", Status::InProgress),
    ("done", Status::Done),
    ("closed", Status::Done),
    ("resolved", Status::Done),
    ("released", Status::Done),
    ("shipped", Status::Done),
    ("won't do", Status::Declined),
    ("declined", Status::Declined),
    ("rejected", Status::Declined),
    // Not in §4's table, but ways of writing its words: the contract's own spelling,
    // and Jira's (its default workflow names "selected" in full).
    ("won t do", Status::Declined),
    ("wont do", Status::Declined),
    ("todo", Status::Open),
    ("selected for development", Status::Planned),
];

/// A status cell: the status, and a warning when the word is not one §4 knows (read as
/// `open`). Case, surrounding spaces, `-` or `_` for a space, and a typographic
/// apostrophe are ignored: `In-Progress`, `IN_PROGRESS`, `Won’t Do`.
pub fn parse_status(text: &str) -> (Status, Option<String>) {
    let key = status_key(text);
    match STATUS_WORDS.iter().find(|(word, _)| *word == key) {
        Some(&(_, status)) => (status, None),
        None => (
            Status::Open,
            Some(format!(
                "{} is not a status Thresh knows; it is read as open",
                quoted(text)
            )),
        ),
    }
}

/// Lower case, `’` as `'`, `-` and `_` as spaces, runs of spaces as one, trimmed.
fn status_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '-' | '_' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if !(c == ' ' && key.ends_with(' ')) {
            key.push(c);
        }
    }
    key.trim().to_owned()
}

/// A `plan` pin in the contract's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanPin {
    Must,
    Never,
}

impl PlanPin {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanPin::Must => "must",
            PlanPin::Never => "never",
        }
    }
}

/// A `plan` cell: `must`, `never` (case and surrounding spaces ignored) or empty (no pin).
pub fn parse_plan(text: &str) -> Result<Option<PlanPin>, String> {
    let word = text.trim();
    if word.is_empty() {
        Ok(None)
    } else if word.eq_ignore_ascii_case("must") {
        Ok(Some(PlanPin::Must))
    } else if word.eq_ignore_ascii_case("never") {
        Ok(Some(PlanPin::Never))
    } else {
        Err(format!(
            "{} is not a plan pin: write must, never or leave it empty",
            quoted(text)
        ))
    }
}

/// The names in a `tags` or `account` cell, separated by `,` or `;`, each trimmed; empty
/// names (`a,,b`, a trailing `;`) are dropped.
pub fn split_list(text: &str) -> Vec<&str> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

/// An id made from a name: lower case, every run of characters that are not letters or
/// digits (of any script) replaced by `-`, `-` trimmed from both ends, `item` when
/// nothing is left. `Northgrid Utilities, Inc.` → `northgrid-utilities-inc`,
/// `Łódź Energia` → `łódź-energia`, `東京ガス` → `東京ガス`.
///
/// A combining mark (U+0300–U+036F and the other combining blocks) counts as part of
/// the letter before it, so `é` written as `e` + U+0301 (as macOS writes file names)
/// does not split a word.
pub fn slug(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || is_combining_mark(c) {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.push(c);
        } else {
            pending_dash = true;
        }
    }
    if id.is_empty() {
        id.push_str("item");
    }
    id
}

/// [`slug`], with `-2`, `-3`, … added while `is_taken` says the id is used.
pub fn unique_id(text: &str, is_taken: impl Fn(&str) -> bool) -> String {
    let base = slug(text);
    if !is_taken(&base) {
        return base;
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !is_taken(id))
        .expect("an unused suffix exists below u64::MAX")
}

/// The Unicode blocks of combining marks (diacritics for Latin, Greek, Cyrillic, …).
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_status_word_of_the_contract() {
        for (words, status) in [
            (&["open", "to do", "backlog", "new"][..], Status::Open),
            (&["planned", "selected"][..], Status::Planned),
            (&["in progress", "doing"][..], Status::InProgress),
            (
                &["done", "closed", "resolved", "released", "shipped"][..],
                Status::Done,
            ),
            (&["won't do", "declined", "rejected"][..], Status::Declined),
        ] {
            for word in words {
                for variant in [word.to_string(), word.to_uppercase(), format!("  {word}\t")] {
                    assert_eq!(parse_status(&variant), (status, None), "{variant:?}");
                }
            }
        }
    }

    #[test]
    fn status_spellings_that_mean_the_same_word() {
        for (text, status) in [
            ("In Progress", Status::InProgress),
            ("in-progress", Status::InProgress),
            ("IN_PROGRESS", Status::InProgress),
            ("in   progress", Status::InProgress),
            ("To Do", Status::Open),
            ("To-Do", Status::Open),
            ("TODO", Status::Open),
            ("Won’t Do", Status::Declined),
            ("Wont do", Status::Declined),
            ("Selected for Development", Status::Planned),
        ] {
            assert_eq!(parse_status(text).0, status, "{text}");
        }
    }

    #[test]
    fn an_unknown_status_is_open_with_a_warning() {
        let (status, warning) = parse_status("Triage");
        assert_eq!(status, Status::Open);
        assert_eq!(
            warning.as_deref(),
            Some("\"Triage\" is not a status Thresh knows; it is read as open")
        );
        assert!(parse_status("In Review").1.is_some());
        assert_eq!(Status::InProgress.as_str(), "in-progress");
    }

    #[test]
    fn plan_cells() {
        assert_eq!(parse_plan("must"), Ok(Some(PlanPin::Must)));
        assert_eq!(parse_plan(" MUST "), Ok(Some(PlanPin::Must)));
        assert_eq!(parse_plan("Never"), Ok(Some(PlanPin::Never)));
        assert_eq!(parse_plan(""), Ok(None));
        assert_eq!(parse_plan("  "), Ok(None));
        assert_eq!(
            parse_plan("maybe"),
            Err("\"maybe\" is not a plan pin: write must, never or leave it empty".into())
        );
        assert!(parse_plan("yes").is_err());
        assert_eq!(PlanPin::Never.as_str(), "never");
    }

    #[test]
    fn lists_split_on_commas_and_semicolons() {
        assert_eq!(split_list("mobile"), ["mobile"]);
        assert_eq!(
            split_list("mobile, offline;sync"),
            ["mobile", "offline", "sync"]
        );
        assert_eq!(split_list(" a ,, ; b ;"), ["a", "b"]);
        assert!(split_list(" ; , ").is_empty());
        assert_eq!(
            split_list("Northgrid Utilities; Łódź Energia S.A."),
            ["Northgrid Utilities", "Łódź Energia S.A."]
        );
    }

    #[test]
    fn ids_from_text() {
        for (text, id) in [
            ("Northgrid Utilities, Inc.", "northgrid-utilities-inc"),
            ("  Key-account managers  ", "key-account-managers"),
            ("Łódź Energia S.A.", "łódź-energia-s-a"),
            ("ООО «Сибирская энергия»", "ооо-сибирская-энергия"),
            ("東京ガス", "東京ガス"),
            ("Ünïcödé__and   spaces", "ünïcödé-and-spaces"),
            ("Cafe\u{301} Noir", "cafe\u{301}-noir"),
            ("AT&T", "at-t"),
            ("v2.0 (beta)", "v2-0-beta"),
            ("---", "item"),
            ("", "item"),
            ("   ", "item"),
            ("🚀", "item"),
            ("R&D 🚀 team", "r-d-team"),
            ("١٢٣ عربى", "١٢٣-عربى"),
        ] {
            assert_eq!(slug(text), id, "{text:?}");
        }
    }

    #[test]
    fn colliding_ids_get_a_number() {
        let taken: HashSet<&str> = ["acme", "acme-2", "item"].into_iter().collect();
        let free = |id: &str| taken.contains(id);
        assert_eq!(unique_id("Acme", free), "acme-3");
        assert_eq!(unique_id("Globex", free), "globex");
        assert_eq!(unique_id("!!!", free), "item-2");
        assert_eq!(unique_id("ACME 2", free), "acme-2-2");
    }
}
