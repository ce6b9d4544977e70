//! Reading a scenario file: JSON text → [`Scenario`], or every problem found, each with its
//! JSON path and a message a PM can act on.
//!
//! Two passes over the text, neither of which builds a tree:
//! 1. [`json::scan`] checks the syntax of the whole text (so a syntax error is reported
//!    alone, with its line and column) and indexes the top-level fields;
//! 2. the object readers walk the text with a [`Cursor`] and build the model directly:
//!    [`model`] (criteria), [`views`] (the team's views of the weights), [`lists`]
//!    (sources, accounts, buckets, capacity) and [`request`] (requests, their values and
//!    asks), on the primitives of [`fields`].
//!
//! Reading never stops at the first problem: it records it, skips the bad field, and goes
//! on, so that one run lists everything to fix. References (a request's bucket, an ask's
//! account) are resolved to indices as they are read; the top-level fields are read in the
//! order that makes this possible, whatever order the file has them in.
//!
//! Cost: one pass to scan, one to read; memory is the model itself (strings without
//! escapes are borrowed from the text until they are stored).
//!
//! [`json::scan`]: crate::json::scan

mod fields;
mod lists;
mod model;
mod request;
mod view_file;
mod views;

pub use view_file::{view_file, view_in, ViewFile, VIEW_FILE_BYTES, VIEW_FORMAT, VIEW_VERSION};

use crate::edit::{Item, List};
use crate::error::{limits, Problems, ReadError};
use crate::json::{self, Cursor, Field, Kind, Path, TopLevel};
use crate::model::*;
use crate::validate;
use fields::{Ids, ListItem, Reader};

/// Reads a scenario from UTF-8 JSON bytes.
pub fn from_slice(bytes: &[u8]) -> Result<Scenario, ReadError> {
    limits::check_size(bytes)?;
    // A byte-order mark is not JSON, but editors on Windows write one: skip it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = utf8(bytes)?;
    from_checked_text(text)
}

/// Reads a scenario from JSON text.
pub fn from_str(text: &str) -> Result<Scenario, ReadError> {
    from_slice(text.as_bytes())
}

/// The text of UTF-8 bytes, or the place of the first byte that is not UTF-8 (UTF-16 is
/// named as such: Windows tools write it).
fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ReadError::Syntax {
            line: 1,
            column: 1,
            message: "this is not valid JSON: the file is UTF-16 text; Thresh reads UTF-8 (save it as UTF-8)"
                .into(),
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..at]).expect("valid up to here");
        let (line, column) = json::position(valid, at);
        ReadError::Syntax {
            line,
            column,
            message: format!(
                "this is not valid JSON: the byte 0x{:02X} is not UTF-8 (is the file in another encoding? save it as UTF-8)",
                bytes[at]
            ),
        }
    })
}

fn syntax_error(text: &str, e: json::SyntaxError) -> ReadError {
    let (line, column) = json::position(text, e.offset);
    ReadError::Syntax {
        line,
        column,
        message: e.message,
    }
}

/// The known top-level fields, in the order they are read (lists that others refer to
/// first).
const TOP: [&str; 11] = [
    "format", "version", "name", "as_of", "model", "sources", "accounts", "buckets", "capacity",
    "requests", "currency",
];

fn from_checked_text(text: &str) -> Result<Scenario, ReadError> {
    let fields = match json::scan(text).map_err(|e| syntax_error(text, e))? {
        TopLevel::Object(fields) => fields,
        TopLevel::Other(at) => {
            let found = fields::describe(&mut Cursor::new(text, at));
            return Err(ReadError::NotAScenario {
                reason: format!(
                    "the file holds {}, not a JSON object",
                    if found.starts_with('"') {
                        format!("the string {found}")
                    } else {
                        found
                    }
                ),
            });
        }
    };
    let mut r = Reader::default();
    let root = Path::Root;
    // Each known field's value (the first, when one is written twice); the rest kept.
    let mut at: [Option<usize>; TOP.len()] = [None; TOP.len()];
    let mut extra = Extra::new();
    for Field { key, value } in &fields {
        match TOP.iter().position(|k| k == key) {
            Some(k) if at[k].is_none() => at[k] = Some(*value),
            Some(_) => r.duplicate(&mut Cursor::new(text, *value), &root.key(key)),
            None => r.extra_member(
                &mut Cursor::new(text, *value),
                &root,
                key.clone(),
                &mut extra,
            ),
        }
    }
    let cursor = |k: usize| at[k].map(|pos| Cursor::new(text, pos));

    check_format(cursor(0))?;
    check_version(&mut r, cursor(1), &root)?;

    let name = match cursor(2) {
        Some(mut c) => r.string(&mut c, &root.key("name")),
        None => {
            r.problem(&root.key("name"), "name is missing");
            None
        }
    };
    let as_of: fields::Field<_> = match cursor(3) {
        Some(mut c) => r.optional_date(&mut c, &root.key("as_of")),
        None => Ok(None),
    };
    let currency: fields::Field<_> = match cursor(10) {
        Some(mut c) => r
            .optional_string(&mut c, &root.key("currency"))
            .and_then(
                |code| match code.as_deref().and_then(validate::currency_problem) {
                    Some(message) => {
                        r.problem(&root.key("currency"), message);
                        Err(())
                    }
                    None => Ok(code),
                },
            ),
        None => Ok(None),
    };
    let model = match cursor(4) {
        Some(mut c) => r.model(&mut c, &root.key("model")),
        None => {
            r.problem(
                &root.key("model"),
                "model is missing (it lists the criteria and their weights)",
            );
            None
        }
    };
    let criteria: &[Criterion] = model.as_ref().map(|m| m.criteria.as_slice()).unwrap_or(&[]);
    if let (Ok(None), Some(c)) = (
        &as_of,
        criteria.iter().find(|c| c.derive == Some(Derive::Deadline)),
    ) {
        r.problem(&root.key("as_of"), validate::as_of_needed(&c.id));
    }

    let sources = r.id_list(cursor(5), &root.key("sources"), None, Reader::source);
    let accounts = r.id_list(
        cursor(6),
        &root.key("accounts"),
        Some((limits::MAX_ACCOUNTS, "accounts")),
        Reader::account,
    );
    let buckets = r.id_list(cursor(7), &root.key("buckets"), None, Reader::bucket);
    let (capacity, capacity_is_list) = match cursor(8) {
        None => (Vec::new(), false),
        Some(mut c) => r.capacity(&mut c, &root.key("capacity"), model.as_ref()),
    };

    let requests = match cursor(9) {
        None => {
            r.problem(
                &root.key("requests"),
                "requests is missing (it may be an empty list)",
            );
            None
        }
        Some(mut c) => {
            let sources_ix = Ids::of(&sources);
            let accounts_ix = Ids::of(&accounts);
            let buckets_ix = Ids::of(&buckets);
            let refs = request::References {
                criteria: model.as_ref().map(|m| m.criteria.as_slice()),
                capacity: &capacity,
                sources: &sources_ix,
                accounts: &accounts_ix,
                buckets: &buckets_ix,
            };
            r.requests(&mut c, &root.key("requests"), &refs)
        }
    };

    if !r.problems.is_empty() {
        return Err(ReadError::Invalid(r.problems));
    }
    let scenario = (|| {
        Some(Scenario {
            name: name?,
            as_of: as_of.ok()?,
            currency: currency.ok()?,
            model: model?,
            capacity,
            capacity_is_list,
            buckets: all(buckets)?,
            sources: all(sources)?,
            accounts: all(accounts)?,
            requests: all(requests)?,
            extra,
        })
    })();
    scenario.ok_or_else(|| {
        // Every refusal records a problem; this is a reader defect, said as such.
        let mut p = Problems::default();
        p.push(
            "",
            "the file could not be read (an internal error); please report it",
        );
        ReadError::Invalid(p)
    })
}

/// Every item of a list that was read, or `None` when one was not.
fn all<T>(items: Option<Vec<ListItem<T>>>) -> Option<Vec<T>> {
    items?.into_iter().map(Result::ok).collect()
}

/// `"format": "thresh.scenario"`, or this is not a scenario file at all.
fn check_format(cur: Option<Cursor>) -> Result<(), ReadError> {
    let Some(mut cur) = cur else {
        return Err(ReadError::NotAScenario {
            reason: format!("it has no \"format\": \"{FORMAT}\" field"),
        });
    };
    let v = cur.value();
    if v.as_str() == Some(FORMAT) {
        Ok(())
    } else {
        Err(ReadError::NotAScenario {
            reason: format!("its \"format\" is {}, not \"{FORMAT}\"", v.describe()),
        })
    }
}

/// A whole number ≥ 1, however it is spelled (`1`, `1.0`, `2e0`); newer than this build
/// reads is refused on its own.
fn check_version(r: &mut Reader, cur: Option<Cursor>, root: &Path) -> Result<(), ReadError> {
    let path = root.key("version");
    let Some(mut cur) = cur else {
        r.problem(&path, "version is missing (this contract is version 1)");
        return Ok(());
    };
    let v = if cur.kind() == Kind::Number {
        cur.value()
    } else {
        let found = fields::describe(&mut cur);
        r.problem(
            &path,
            format!("version must be a whole number ≥ 1, found {found}"),
        );
        return Ok(());
    };
    let x = v.as_f64().unwrap_or(f64::NAN);
    if x >= 1.0 && x.fract() == 0.0 {
        if x > VERSION as f64 {
            return Err(ReadError::NewerVersion {
                found: if x < u64::MAX as f64 {
                    x as u64
                } else {
                    u64::MAX
                },
                supported: VERSION,
            });
        }
    } else {
        r.problem(
            &path,
            format!("version must be a whole number ≥ 1, found {}", v.describe()),
        );
    }
    Ok(())
}

/// Reads one item of a list as it would stand at `index` of `scenario` (replacing the item
/// there, or appended when `index` is the list's length): the same checks as a whole file
/// — its own fields, its references to the scenario's criteria, accounts, sources and
/// buckets — and its id unique among the list's other items. For editing one item without
/// re-reading the whole scenario.
pub fn item_in(s: &Scenario, list: List, index: usize, text: &str) -> Result<Item, Problems> {
    // The item's path as the reader builds it: `model.criteria[2]`, `capacity`, ….
    let root = Path::Root;
    let model = root.key("model");
    let parent = match list {
        List::Criteria => model.key("criteria"),
        other => root.key(other.path()),
    };
    let indexed = parent.index(index);
    let path = if list.item_path(s, index).ends_with(']') {
        &indexed
    } else {
        &parent
    };
    if let Err(e) = json::scan(text) {
        let mut p = Problems::default();
        p.push(path, format!("this is not valid JSON: {}", e.message));
        return Err(p);
    }
    let sources = Ids::new(s.sources.iter().map(|x| x.id.as_str()));
    let accounts = Ids::new(s.accounts.iter().map(|x| x.id.as_str()));
    let buckets = Ids::new(s.buckets.iter().map(|x| x.id.as_str()));
    let refs = request::References {
        criteria: Some(&s.model.criteria),
        capacity: &s.capacity,
        sources: &sources,
        accounts: &accounts,
        buckets: &buckets,
    };
    let mut r = Reader::default();
    let mut cur = Cursor::new(text, 0);
    let item = match list {
        List::Criteria => r.criterion(&mut cur, path).ok().map(Item::Criterion),
        List::Sources => r.source(&mut cur, path).ok().map(Item::Source),
        List::Accounts => r.account(&mut cur, path).ok().map(Item::Account),
        List::Buckets => r.bucket(&mut cur, path).ok().map(Item::Bucket),
        List::Capacity => {
            let mut named: Vec<(usize, usize)> = s
                .capacity
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(i, e)| (e.criterion, i))
                .collect();
            r.capacity_entry(&mut cur, path, Some(&s.model), &mut named, index)
                .map(Item::Capacity)
        }
        List::Requests => r.request(&mut cur, path, &refs).ok().map(Item::Request),
    };
    if let Some(id) = item.as_ref().and_then(item_id) {
        let others = (0..list.len(s)).filter(|&i| i != index);
        if let Some(other) = others.into_iter().find(|&i| list.id_at(s, i) == id) {
            r.problem(
                &path.key("id"),
                validate::id_used_twice(id, list.path(), other),
            );
        }
    }
    match item {
        Some(item) if r.problems.is_empty() => Ok(item),
        _ => Err(r.problems),
    }
}

/// Reads one request as it would stand at `requests[index]` (see [`item_in`]).
pub fn request_in(scenario: &Scenario, text: &str, index: usize) -> Result<Request, Problems> {
    match item_in(scenario, List::Requests, index, text)? {
        Item::Request(r) => Ok(r),
        _ => unreachable!("a request list reads requests"),
    }
}

fn item_id(item: &Item) -> Option<&str> {
    match item {
        Item::Criterion(x) => Some(&x.id),
        Item::Source(x) => Some(&x.id),
        Item::Account(x) => Some(&x.id),
        Item::Bucket(x) => Some(&x.id),
        Item::Request(x) => Some(&x.id),
        Item::Capacity(_) => None,
    }
}

/// An item of an id-keyed list.
trait IdItem {
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
}

macro_rules! id_items {
    ($($t:ty),*) => { $(impl IdItem for $t {
        fn id(&self) -> &str { &self.id }
        fn set_id(&mut self, id: String) { self.id = id; }
    })* };
}
id_items!(Criterion, Source, Account, Bucket, Request, View);

impl<'a> Ids<'a> {
    /// The ids of a list as read, by position in the file. An item that could not be read
    /// still answers to its id (the scenario is refused then anyway, and references to
    /// it are not reported as dangling on top).
    fn of<T: IdItem>(items: &'a Option<Vec<ListItem<T>>>) -> Ids<'a> {
        let read = items.iter().flatten().enumerate();
        Ids::from_pairs(read.filter_map(|(i, item)| match item {
            Ok(item) => Some((item.id(), i)),
            Err(id) => Some((id.as_deref()?, i)),
        }))
    }
}

impl Reader {
    /// An optional id-keyed list: each item read by `item`, ids checked for uniqueness.
    /// `None` when the list itself is not acceptable; items that are not, are `None`.
    fn id_list<T: IdItem>(
        &mut self,
        cur: Option<Cursor>,
        path: &Path,
        limit: Option<(usize, &str)>,
        item: fn(&mut Reader, &mut Cursor, &Path) -> ListItem<T>,
    ) -> Option<Vec<ListItem<T>>> {
        let Some(mut cur) = cur else {
            return Some(Vec::new());
        };
        if !self.list(&mut cur, path) {
            return None;
        }
        let mark = self.problems.mark();
        let mut items = Vec::new();
        cur.enter_array();
        while cur.next_item() {
            if let Some((limit, noun)) = limit {
                if items.len() == limit {
                    let n = limit + count_rest(&mut cur);
                    // Over the limit, the items' own problems are beside the point.
                    self.problems.truncate(mark);
                    self.problem(path, validate::over_limit(n, noun, limit));
                    return None;
                }
            }
            let p = path.index(items.len());
            items.push(item(self, &mut cur, &p));
        }
        self.unique_ids(&items, path);
        Some(items)
    }

    /// Reports every id used twice in a list (at the later item's `id`).
    fn unique_ids<T: IdItem>(&mut self, items: &[ListItem<T>], path: &Path) {
        let mut first = std::collections::HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let id = match item {
                Ok(item) => item.id(),
                Err(Some(id)) => id.as_str(),
                Err(None) => continue,
            };
            if let Some(earlier) = first.insert(id, i) {
                first.insert(id, earlier);
                let list = path.to_string();
                self.problem(
                    &path.index(i).key("id"),
                    validate::id_used_twice(id, &list, earlier),
                );
            }
        }
    }
}

/// Counts the items left in a list (the cursor past them afterwards).
fn count_rest(cur: &mut Cursor) -> usize {
    let mut n = 0;
    loop {
        cur.skip();
        n += 1;
        if !cur.next_item() {
            return n;
        }
    }
}

#[cfg(test)]
mod tests;
