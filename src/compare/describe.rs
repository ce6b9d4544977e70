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

    /// The group's name in JSON (the page's review): `model`, `teams`, `accounts`,
    /// `buckets-capacity`, `requests-added`, `requests-removed`, `requests-changed`, `other`.
    pub fn id(self) -> &'static str {
        match self {
            Group::Model => "model",
            Group::Teams => "teams",
            Group::Accounts => "accounts",
            Group::BucketsAndCapacity => "buckets-capacity",
            Group::RequestsAdded => "requests-added",
            Group::RequestsRemoved => "requests-removed",
            Group::RequestsChanged => "requests-changed",
            Group::Other => "other",
        }
    }

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
    Subject::of(&change.path, &Scan { a, b }).name
}

/// The change in words: "Reach: weight 4 → 6", "request FS-113 “Offline mode” added",
/// "FS-102 “Bulk reassign”: Effort (person-weeks) 3 → 5", "name “Q1” → “Q2”". One line,
/// safe to print (text from the files is escaped or shortened).
pub fn describe(change: &Change, a: &Scenario, b: &Scenario) -> String {
    describe_with(change, &Scan { a, b })
}

/// Names items by id for many changes at once: [`describe`] and [`subject`] look each
/// name up in the scenarios' lists, which costs a pass over a list per change; this looks
/// it up in maps built once (what the page's review of 10,000 requests needs).
pub struct Names<'a> {
    criteria: NameMap<'a>,
    sources: NameMap<'a>,
    accounts: NameMap<'a>,
    buckets: NameMap<'a>,
    requests: NameMap<'a>,
}

type NameMap<'a> = std::collections::HashMap<&'a str, &'a str>;

impl<'a> Names<'a> {
    /// The names of both scenarios' items, B's where both have an item.
    ///
    /// Cost: one pass over every list of both scenarios.
    pub fn new(a: &'a Scenario, b: &'a Scenario) -> Names<'a> {
        fn map<'a, T>(
            a: &'a [T],
            b: &'a [T],
            f: impl Fn(&'a T) -> (&'a str, &'a str),
        ) -> NameMap<'a> {
            let mut m = NameMap::with_capacity(a.len().max(b.len()));
            m.extend(a.iter().map(&f));
            m.extend(b.iter().map(&f));
            m
        }
        Names {
            criteria: map(&a.model.criteria, &b.model.criteria, |c| (&c.id, &c.label)),
            sources: map(&a.sources, &b.sources, |x| (&x.id, x.display_label())),
            accounts: map(&a.accounts, &b.accounts, |x| (&x.id, x.display_name())),
            buckets: map(&a.buckets, &b.buckets, |x| (&x.id, x.display_label())),
            requests: map(&a.requests, &b.requests, |r| (&r.id, &r.title)),
        }
    }

    /// [`describe`], with the names looked up here.
    pub fn describe(&self, change: &Change) -> String {
        describe_with(change, self)
    }

    /// [`subject`], with the names looked up here.
    pub fn subject(&self, change: &Change) -> String {
        self.subject_at(&change.path)
    }

    /// What a path is about, in words (the item it is in).
    pub fn subject_at(&self, path: &[String]) -> String {
        Subject::of(path, self).name
    }

    /// A request's title, by id.
    pub fn title(&self, id: &str) -> Option<&'a str> {
        self.requests.get(id).copied()
    }

    /// The change in words without its subject: "credibility 0.5 → 0.8" for
    /// "Key-account managers: credibility 0.5 → 0.8"; "added" or "removed" for an item.
    pub fn detail(&self, change: &Change) -> String {
        let subject = Subject::of(&change.path, self);
        let rest = &change.path[subject.covers.min(change.path.len())..];
        if rest.is_empty() && !subject.name.is_empty() {
            return match change.kind {
                ChangeKind::Added => "added".into(),
                ChangeKind::Removed => "removed".into(),
                ChangeKind::Changed => describe_with(change, self),
            };
        }
        let words = describe_with(change, self);
        match words.strip_prefix(&subject.name) {
            Some(rest) if !subject.name.is_empty() => rest.trim_start_matches(": ").to_string(),
            _ => words,
        }
    }

    /// The words of the field a path names inside its subject ("credibility", "Effort",
    /// "weight of Reach"), empty when the path is the subject itself.
    pub fn field(&self, path: &[String]) -> String {
        let subject = Subject::of(path, self);
        let covers = subject.covers.min(path.len());
        field_words(&path[..covers], &path[covers..], self)
    }

    /// A JSON value in words as [`describe`] says it, for the field `path` ends with:
    /// keywords and dates bare, text quoted, lists of objects counted.
    pub fn value(&self, value: &Value, path: &[String]) -> String {
        words(
            Some(value),
            path.last().map(String::as_str).unwrap_or_default(),
        )
    }
}

/// Where names are found: each kind of item by id.
trait Lookup {
    fn criterion(&self, id: &str) -> Option<&str>;
    fn source(&self, id: &str) -> Option<&str>;
    fn account(&self, id: &str) -> Option<&str>;
    fn bucket(&self, id: &str) -> Option<&str>;
    /// A request's title.
    fn request(&self, id: &str) -> Option<&str>;
}

impl Lookup for Names<'_> {
    fn criterion(&self, id: &str) -> Option<&str> {
        self.criteria.get(id).copied()
    }
    fn source(&self, id: &str) -> Option<&str> {
        self.sources.get(id).copied()
    }
    fn account(&self, id: &str) -> Option<&str> {
        self.accounts.get(id).copied()
    }
    fn bucket(&self, id: &str) -> Option<&str> {
        self.buckets.get(id).copied()
    }
    fn request(&self, id: &str) -> Option<&str> {
        self.requests.get(id).copied()
    }
}

/// Names found by a pass over the lists, B first (for a change or two).
struct Scan<'a> {
    a: &'a Scenario,
    b: &'a Scenario,
}

impl<'s> Scan<'s> {
    fn find<T: 's>(
        &self,
        list: impl Fn(&'s Scenario) -> &'s [T],
        hit: impl Fn(&'s T) -> Option<&'s str>,
    ) -> Option<&'s str> {
        [self.b, self.a]
            .into_iter()
            .find_map(|s| list(s).iter().find_map(&hit))
    }
}

impl Lookup for Scan<'_> {
    fn criterion(&self, id: &str) -> Option<&str> {
        self.find(
            |s| &s.model.criteria,
            |c| (c.id == id).then_some(c.label.as_str()),
        )
    }
    fn source(&self, id: &str) -> Option<&str> {
        self.find(|s| &s.sources, |x| (x.id == id).then(|| x.display_label()))
    }
    fn account(&self, id: &str) -> Option<&str> {
        self.find(|s| &s.accounts, |x| (x.id == id).then(|| x.display_name()))
    }
    fn bucket(&self, id: &str) -> Option<&str> {
        self.find(|s| &s.buckets, |x| (x.id == id).then(|| x.display_label()))
    }
    fn request(&self, id: &str) -> Option<&str> {
        self.find(
            |s| &s.requests,
            |r| (r.id == id).then_some(r.title.as_str()),
        )
    }
}

fn describe_with(change: &Change, names: &dyn Lookup) -> String {
    let subject = Subject::of(&change.path, names);
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
        names,
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

fn criterion_label(id: &str, names: &dyn Lookup) -> String {
    names.criterion(id).map_or_else(|| label(id), label)
}

impl Subject {
    fn of(path: &[String], names: &dyn Lookup) -> Subject {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let (name, noun, covers) = match p.as_slice() {
            [] => ("the scenario".to_string(), None, 0),
            ["model", "criteria", id, ..] => (criterion_label(id, names), Some("criterion"), 3),
            ["model", "views", id, ..] => (format!("view {}", label(id)), None, 3),
            ["model", ..] => ("model".to_string(), None, 1),
            ["sources", id, ..] => {
                let name = names.source(id).map_or_else(|| label(id), label);
                (name, Some("team"), 2)
            }
            ["accounts", id, ..] => {
                let name = names.account(id).map_or_else(|| label(id), label);
                (name, Some("account"), 2)
            }
            ["buckets", id, ..] => {
                let name = names.bucket(id).map_or_else(|| label(id), label);
                (format!("bucket {name}"), None, 2)
            }
            ["capacity", criterion, ..] => (
                format!("capacity on {}", criterion_label(criterion, names)),
                None,
                2,
            ),
            ["requests", id, ..] => {
                let name = match names.request(id) {
                    Some(title) => format!("{} “{}”", label(id), label(title)),
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
fn field_words(head: &[String], rest: &[String], names: &dyn Lookup) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let key = rest[i].as_str();
        let in_request = head.first().map(String::as_str) == Some("requests");
        let in_view = head.get(1).map(String::as_str) == Some("views");
        if (in_request && key == "values" || in_view && key == "weights") && i + 1 < rest.len() {
            let what = criterion_label(&rest[i + 1], names);
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
