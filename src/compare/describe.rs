//! A change in words a PM reads ("Key-account managers: credibility 0.5 → 0.8"), and the
//! group it is listed under. The command line's `diff` summary and the page say the same.

use super::changes::{Change, ChangeKind};
use crate::json::Value;
use crate::model::Scenario;
use crate::text::{one_line, shorten};

/// Where a change is listed in a summary, in the order summaries list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Method, confidence, criteria and their weights, views.
    Model,
    /// Sources: the teams that relay asks.
    Teams,
    Accounts,
    BucketsAndCapacity,
    RequestsAdded,
    RequestsRemoved,
    RequestsChanged,
    /// The name, `as_of`, fields this version does not know.
    Other,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::Model,
        Group::Teams,
        Group::Accounts,
        Group::BucketsAndCapacity,
        Group::RequestsAdded,
        Group::RequestsRemoved,
        Group::RequestsChanged,
        Group::Other,
    ];

    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::Model => "Model and weights",
            Group::Teams => "Teams",
            Group::Accounts => "Accounts",
            Group::BucketsAndCapacity => "Buckets and capacity",
            Group::RequestsAdded => "Requests added",
            Group::RequestsRemoved => "Requests removed",
            Group::RequestsChanged => "Requests changed",
            Group::Other => "Other",
        }
    }
}

/// The group a change is listed under.
pub fn group(change: &Change) -> Group {
    match change.path.first().map(String::as_str) {
        Some("model") => Group::Model,
        Some("sources") => Group::Teams,
        Some("accounts") => Group::Accounts,
        Some("buckets" | "capacity") => Group::BucketsAndCapacity,
        Some("requests") if change.path.len() == 2 => match change.kind {
            ChangeKind::Added => Group::RequestsAdded,
            ChangeKind::Removed => Group::RequestsRemoved,
            ChangeKind::Changed => Group::RequestsChanged,
        },
        Some("requests") => Group::RequestsChanged,
        _ => Group::Other,
    }
}

/// What a change is about, in words: the item it is in (named by its label, name or
/// title, from B when B has it, else from A) and how many keys of the path that covers.
pub fn subject(change: &Change, a: &Scenario, b: &Scenario) -> String {
    Subject::of(&change.path, a, b).name
}

/// The change in words: "Reach: weight 4 → 6", "request FS-113 “Offline mode” added",
/// "FS-102 “Bulk reassign”: Effort (person-weeks) 3 → 5", "name “Q1” → “Q2”". One line,
/// safe to print (text from the files is escaped or shortened).
pub fn describe(change: &Change, a: &Scenario, b: &Scenario) -> String {
    let subject = Subject::of(&change.path, a, b);
    let rest = &change.path[subject.covers.min(change.path.len())..];
    if rest.is_empty() && !subject.name.is_empty() {
        let noun = subject.noun.map(|n| format!("{n} ")).unwrap_or_default();
        return match change.kind {
            ChangeKind::Added => format!("{noun}{} added", subject.name),
            ChangeKind::Removed => format!("{noun}{} removed", subject.name),
            ChangeKind::Changed => format!(
                "{}: {} → {}",
                subject.name,
                words(change.a.as_ref(), ""),
                words(change.b.as_ref(), "")
            ),
        };
    }
    let field = field_words(
        &change.path[..subject.covers.min(change.path.len())],
        rest,
        a,
        b,
    );
    let last = rest.last().map(String::as_str).unwrap_or_default();
    let what = match change.kind {
        ChangeKind::Changed => format!(
            "{field} {} → {}",
            words(change.a.as_ref(), last),
            words(change.b.as_ref(), last)
        ),
        ChangeKind::Added => format!("{field} set to {}", words(change.b.as_ref(), last)),
        ChangeKind::Removed => format!("{field} {} removed", words(change.a.as_ref(), last)),
    };
    if subject.name.is_empty() {
        what
    } else {
        format!("{}: {what}", subject.name)
    }
}

struct Subject {
    name: String,
    /// What the item is ("request", "team"), said when it is added or removed.
    noun: Option<&'static str>,
    /// How many keys of the path name the subject.
    covers: usize,
}

/// A label from a scenario, fit for one line.
fn label(s: &str) -> String {
    one_line(&shorten(s, 40)).into_owned()
}

fn criterion_label(id: &str, a: &Scenario, b: &Scenario) -> String {
    [b, a]
        .iter()
        .find_map(|s| s.model.criteria.iter().find(|c| c.id == id))
        .map_or_else(|| label(id), |c| label(&c.label))
}

impl Subject {
    fn of(path: &[String], a: &Scenario, b: &Scenario) -> Subject {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let (name, noun, covers) = match p.as_slice() {
            [] => ("the scenario".to_string(), None, 0),
            ["model", "criteria", id, ..] => (criterion_label(id, a, b), Some("criterion"), 3),
            ["model", "views", id, ..] => (format!("view {}", label(id)), None, 3),
            ["model", ..] => ("model".to_string(), None, 1),
            ["sources", id, ..] => {
                let found = [b, a]
                    .iter()
                    .find_map(|s| s.sources.iter().find(|x| x.id == *id));
                let name = found.map_or_else(|| label(id), |x| label(x.display_label()));
                (name, Some("team"), 2)
            }
            ["accounts", id, ..] => {
                let found = [b, a]
                    .iter()
                    .find_map(|s| s.accounts.iter().find(|x| x.id == *id));
                let name = found.map_or_else(|| label(id), |x| label(x.display_name()));
                (name, Some("account"), 2)
            }
            ["buckets", id, ..] => {
                let found = [b, a]
                    .iter()
                    .find_map(|s| s.buckets.iter().find(|x| x.id == *id));
                let name = found.map_or_else(|| label(id), |x| label(x.display_label()));
                (format!("bucket {name}"), None, 2)
            }
            ["capacity", criterion, ..] => (
                format!("capacity on {}", criterion_label(criterion, a, b)),
                None,
                2,
            ),
            ["requests", id, ..] => {
                let found = [b, a]
                    .iter()
                    .find_map(|s| s.requests.iter().find(|x| x.id == *id));
                let name = match found {
                    Some(r) => format!("{} “{}”", label(id), label(&r.title)),
                    None => label(id),
                };
                (name, Some("request"), 2)
            }
            _ => (String::new(), None, 0),
        };
        Subject { name, noun, covers }
    }
}

/// The field's words: a request's value by its criterion's label ("Effort 3 → 5"), other
/// keys with their underscores as spaces ("min share", "weight range low").
fn field_words(head: &[String], rest: &[String], a: &Scenario, b: &Scenario) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let key = rest[i].as_str();
        let in_request = head.first().map(String::as_str) == Some("requests");
        let in_view = head.get(1).map(String::as_str) == Some("views");
        if (in_request && key == "values" || in_view && key == "weights") && i + 1 < rest.len() {
            let what = criterion_label(&rest[i + 1], a, b);
            parts.push(if in_view {
                format!("weight of {what}")
            } else {
                what
            });
            i += 2;
            continue;
        }
        parts.push(label(&key.replace('_', " ")));
        i += 1;
    }
    parts.join(" ")
}

/// A value in words: numbers as written, dates and keywords as they are, other text quoted
/// and shortened, lists of objects counted ("3 asks"), nothing as "nothing".
fn words(v: Option<&Value>, field: &str) -> String {
    let Some(v) = v else {
        return "nothing".into();
    };
    match v {
        Value::String(s) if is_word(s, field) => s.clone(),
        Value::Array(items)
            if items
                .iter()
                .any(|x| matches!(x, Value::Object(_) | Value::Array(_))) =>
        {
            let noun = if field == "asks" { "ask" } else { "item" };
            format!(
                "{} {noun}{}",
                items.len(),
                if items.len() == 1 { "" } else { "s" }
            )
        }
        Value::Array(_) | Value::Object(_) => one_line(&shorten(&v.to_compact(), 60)).into_owned(),
        other => other.describe(),
    }
}

/// Keywords, ids and dates: shown without quotes (other text is quoted).
fn is_word(s: &str, field: &str) -> bool {
    const WORDS: [&str; 13] = [
        "method",
        "direction",
        "scale",
        "transform",
        "derive",
        "status",
        "plan",
        "as_of",
        "deadline",
        "date",
        "bucket",
        "criterion",
        "id",
    ];
    WORDS.contains(&field)
        && !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
}
