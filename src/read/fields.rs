//! The field primitives every object reader uses: text, numbers, dates, words, ids,
//! booleans and fields this version does not know, each checked and reported at its path.
//!
//! A field reader takes a [`Cursor`] standing at the field's value and leaves it past the
//! value, whatever happened: a value of the wrong kind is described in the problem
//! ("found a list", "found \"eight\"") and skipped.

use std::borrow::Cow;

use crate::date::Date;
use crate::error::{limits, Problems};
use crate::json::{Cursor, Kind, Object, Path, Value};
use crate::text::shorten;

/// A field's reading: absent (`Ok(None)`), read (`Ok(Some)`), or refused (`Err`, a problem
/// was recorded).
pub(crate) type Field<T> = Result<Option<T>, ()>;

/// Collects every problem while the objects are read.
#[derive(Default)]
pub(crate) struct Reader {
    pub problems: Problems,
}

/// Which known keys of one object were seen: a key written twice is a problem.
#[derive(Default)]
pub(crate) struct Seen(u64);

impl Seen {
    /// Whether this is the first time known key number `bit` is seen.
    pub fn first(&mut self, bit: usize) -> bool {
        let mask = 1u64 << bit;
        let first = self.0 & mask == 0;
        self.0 |= mask;
        first
    }

    pub fn has(&self, bit: usize) -> bool {
        self.0 & (1u64 << bit) != 0
    }
}

impl Reader {
    pub fn problem(&mut self, path: &Path, message: impl Into<String>) {
        self.problems.push(path, message);
    }

    /// A known key written twice in one object: the first value counts, this one is
    /// reported and skipped.
    pub fn duplicate(&mut self, cur: &mut Cursor, path: &Path) {
        cur.skip();
        let name = path.field_name();
        self.problem(
            path,
            format!("{name} is written twice in this object; keep one of them"),
        );
    }

    /// The index of the criterion that a key of a `{criterion id: …}` object names; an id no
    /// criterion has is reported and its value skipped.
    pub fn criterion_key(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        criteria: &[crate::model::Criterion],
        key: &str,
    ) -> Option<usize> {
        let k = criteria.iter().position(|c| c.id == key);
        if k.is_none() {
            self.problem(
                path,
                format!("no criterion has the id {}", Value::str(key).describe()),
            );
            cur.skip();
        }
        k
    }

    pub fn wrong_type(&mut self, cur: &mut Cursor, path: &Path, expected: &str) {
        let found = describe(cur);
        let name = path.field_name();
        self.problem(path, format!("{name} must be {expected}, found {found}"));
    }

    /// Whether the cursor stands at an object; otherwise the problem is recorded.
    pub fn object(&mut self, cur: &mut Cursor, path: &Path) -> bool {
        if cur.kind() == Kind::Object {
            true
        } else {
            self.wrong_type(cur, path, "an object");
            false
        }
    }

    /// Whether the cursor stands at a list; otherwise the problem is recorded.
    pub fn list(&mut self, cur: &mut Cursor, path: &Path) -> bool {
        if cur.kind() == Kind::Array {
            true
        } else {
            self.wrong_type(cur, path, "a list");
            false
        }
    }

    /// Checks a string against the length limit.
    pub fn check_length(&mut self, s: &str, path: &Path) -> bool {
        if s.len() > limits::MAX_STRING_CHARS && s.chars().count() > limits::MAX_STRING_CHARS {
            self.problem(
                path,
                format!(
                    "{} is {} characters long; the limit is {}",
                    path.field_name(),
                    s.chars().count(),
                    limits::MAX_STRING_CHARS
                ),
            );
            false
        } else {
            true
        }
    }

    pub fn string(&mut self, cur: &mut Cursor, path: &Path) -> Option<String> {
        if cur.kind() != Kind::String {
            self.wrong_type(cur, path, "text");
            return None;
        }
        let s = cur.string();
        self.check_length(&s, path).then(|| s.into_owned())
    }

    /// An id: text, not empty.
    pub fn id(&mut self, cur: &mut Cursor, path: &Path) -> Option<String> {
        let id = self.string(cur, path)?;
        if id.is_empty() {
            self.problem(path, "id must not be empty");
            return None;
        }
        Some(id)
    }

    /// Records that a required field is missing (`why` may explain what it is for).
    pub fn missing(&mut self, path: &Path, why: &str) {
        let name = path.field_name();
        self.problem(path, format!("{name} is missing{why}"));
    }

    pub fn optional_string(&mut self, cur: &mut Cursor, path: &Path) -> Field<String> {
        self.string(cur, path).map(Some).ok_or(())
    }

    /// A reference to an item of another list, by its id: the index `ids` gives it.
    pub fn reference(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        ids: &Ids,
        what: &str,
    ) -> Field<usize> {
        if cur.kind() != Kind::String {
            self.wrong_type(cur, path, "text");
            return Err(());
        }
        let id = cur.string();
        match ids.get(&id) {
            Some(i) => Ok(Some(i)),
            None => {
                self.problem(
                    path,
                    format!(
                        "no {what} has the id {}",
                        Value::String(id.into_owned()).describe()
                    ),
                );
                Err(())
            }
        }
    }

    /// A finite number satisfying `ok`, where `rule` says in words what `ok` checks.
    pub fn number(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        ok: impl Fn(f64) -> bool,
        rule: &str,
    ) -> Option<f64> {
        let name = path.field_name();
        if cur.kind() != Kind::Number {
            let found = describe(cur);
            self.problem(path, format!("{name} must be {rule}, found {found}"));
            return None;
        }
        let text = cur.number_text();
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() && ok(x) => Some(x),
            _ => {
                self.problem(
                    path,
                    format!("{name} must be {rule}, found {}", shorten(text, 40)),
                );
                None
            }
        }
    }

    pub fn optional_number(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        ok: impl Fn(f64) -> bool,
        rule: &str,
    ) -> Field<f64> {
        self.number(cur, path, ok, rule).map(Some).ok_or(())
    }

    pub fn optional_bool(&mut self, cur: &mut Cursor, path: &Path) -> Field<bool> {
        if cur.kind() == Kind::Bool {
            Ok(Some(cur.boolean()))
        } else {
            self.wrong_type(cur, path, "true or false");
            Err(())
        }
    }

    pub fn optional_date(&mut self, cur: &mut Cursor, path: &Path) -> Field<Date> {
        if cur.kind() != Kind::String {
            self.wrong_type(cur, path, "a date written YYYY-MM-DD");
            return Err(());
        }
        let s = cur.string();
        match Date::parse(&s) {
            Some(d) => Ok(Some(d)),
            None => {
                let name = path.field_name();
                self.problem(
                    path,
                    format!(
                        "{name} must be a date written YYYY-MM-DD, found {}",
                        Value::String(s.into_owned()).describe()
                    ),
                );
                Err(())
            }
        }
    }

    /// One of a closed set of words (a keyword enum's `parse` and `ALL`).
    pub fn word<T: Copy>(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        parse: fn(&str) -> Option<T>,
        all: &[T],
        as_str: fn(T) -> &'static str,
    ) -> Field<T> {
        if cur.kind() == Kind::String {
            let s = cur.string();
            if let Some(t) = parse(&s) {
                return Ok(Some(t));
            }
            let found = Value::String(s.into_owned()).describe();
            self.word_problem(path, all, as_str, &found);
        } else {
            let found = describe(cur);
            self.word_problem(path, all, as_str, &found);
        }
        Err(())
    }

    fn word_problem<T: Copy>(
        &mut self,
        path: &Path,
        all: &[T],
        as_str: fn(T) -> &'static str,
        found: &str,
    ) {
        let choices: Vec<String> = all.iter().map(|&w| format!("\"{}\"", as_str(w))).collect();
        let name = path.field_name();
        self.problem(
            path,
            format!(
                "{name} must be one of {}, found {found}",
                choices.join(", ")
            ),
        );
    }

    /// A field this version does not know, kept as it is; its strings and keys are checked
    /// against the length limit and its objects for keys written twice.
    pub fn extra_value(&mut self, cur: &mut Cursor, path: &Path) -> Value {
        match cur.kind() {
            Kind::String => {
                let s = cur.string();
                self.check_length(&s, path);
                Value::String(s.into_owned())
            }
            Kind::Array => {
                let mut items = Vec::new();
                cur.enter_array();
                while cur.next_item() {
                    let p = path.index(items.len());
                    items.push(self.extra_value(cur, &p));
                }
                Value::Array(items)
            }
            Kind::Object => {
                let mut object = Object::new();
                cur.enter_object();
                while let Some(key) = cur.next_key() {
                    self.extra_member(cur, path, key, &mut object);
                }
                Value::Object(object)
            }
            _ => cur.value(),
        }
    }

    /// A member of an object that is not one of its known fields: kept in `extra`.
    pub fn extra_member(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        key: Cow<str>,
        extra: &mut Object,
    ) {
        self.check_length(&key, path);
        let p = path.key(&key);
        if extra.get(&key).is_some() {
            self.duplicate(cur, &p);
            return;
        }
        let v = self.extra_value(cur, &p);
        extra.push(key.into_owned(), v);
    }
}

/// A short description of the value the cursor stands at (which it then skips).
pub(crate) fn describe(cur: &mut Cursor) -> String {
    match cur.kind() {
        Kind::Array => {
            cur.skip();
            "a list".into()
        }
        Kind::Object => {
            cur.skip();
            "an object".into()
        }
        _ => cur.value().describe(),
    }
}

/// The ids of one list, to resolve references: borrowed from the items read.
#[derive(Default)]
pub(crate) struct Ids<'a>(std::collections::HashMap<&'a str, usize>);

impl<'a> Ids<'a> {
    /// Indexes (id, index) pairs; an id given twice keeps its first index.
    pub fn from_pairs(pairs: impl Iterator<Item = (&'a str, usize)>) -> Ids<'a> {
        let mut map = std::collections::HashMap::new();
        for (id, i) in pairs {
            map.entry(id).or_insert(i);
        }
        Ids(map)
    }

    /// Indexes ids in list order.
    pub fn new(ids: impl Iterator<Item = &'a str>) -> Ids<'a> {
        Ids::from_pairs(ids.enumerate().map(|(i, id)| (id, i)))
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.0.get(id).copied()
    }
}

/// An item of an id-keyed list as read: the item, or — when it could not be read — its id
/// if that much could be (so that ids used twice are still reported).
pub(crate) type ListItem<T> = Result<T, Option<String>>;

/// Puts the id into an item built without it (`built` is `None` when a field failed).
pub(crate) fn with_id<T: super::IdItem>(id: Option<String>, built: Option<T>) -> ListItem<T> {
    match (id, built) {
        (Some(id), Some(mut item)) => {
            item.set_id(id);
            Ok(item)
        }
        (id, _) => Err(id),
    }
}
