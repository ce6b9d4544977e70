//! Reading a scenario file: JSON text → [`Scenario`], or every problem found, each with its
//! JSON path and a message a PM can act on.
//!
//! Two passes over the text, neither of which builds a tree:
//! 1. [`json::scan`] checks the syntax of the whole text (so a syntax error is reported
//!    alone, with its line and column) and indexes the top-level fields;
//! 2. the object readers walk the text with a [`Cursor`] and build the model directly:
//!    [`model`] (criteria), [`lists`] (sources, accounts, buckets, capacity) and
//!    [`request`] (requests, their values and asks), on the primitives of [`fields`].
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

use crate::error::{limits, Problems, ReadError};
use crate::json::{self, Cursor, Field, Kind, Path, TopLevel, Value};
use crate::model::*;
use fields::{Ids, Item, Reader};

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
const TOP: [&str; 10] = [
    "format", "version", "name", "as_of", "model", "sources", "accounts", "buckets", "capacity",
    "requests",
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
        r.problem(
            &root.key("as_of"),
            format!(
                "as_of is missing; it is needed because the criterion {} is derived from deadlines",
                Value::str(&c.id).describe()
            ),
        );
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
fn all<T>(items: Option<Vec<Item<T>>>) -> Option<Vec<T>> {
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

/// Reads one request as it would stand at `requests[index]` of `scenario`: the same checks
/// as a whole file (references to the scenario's criteria, accounts, sources and buckets;
/// its id unique among the other requests). For editing one request without re-reading
/// the whole scenario.
pub fn request_in(scenario: &Scenario, text: &str, index: usize) -> Result<Request, Problems> {
    let root = Path::Root;
    let list = root.key("requests");
    let path = list.index(index);
    let text = match json::scan(text) {
        Ok(_) => text,
        Err(e) => {
            let mut p = Problems::default();
            p.push(&path, format!("this is not valid JSON: {}", e.message));
            return Err(p);
        }
    };
    let sources = Ids::new(scenario.sources.iter().map(|s| s.id.as_str()));
    let accounts = Ids::new(scenario.accounts.iter().map(|a| a.id.as_str()));
    let buckets = Ids::new(scenario.buckets.iter().map(|b| b.id.as_str()));
    let refs = request::References {
        criteria: Some(&scenario.model.criteria),
        capacity: &scenario.capacity,
        sources: &sources,
        accounts: &accounts,
        buckets: &buckets,
    };
    let mut r = Reader::default();
    let request = r.request(&mut Cursor::new(text, 0), &path, &refs).ok();
    if let Some(req) = &request {
        if let Some(other) = scenario
            .requests
            .iter()
            .enumerate()
            .position(|(i, o)| i != index && o.id == req.id)
        {
            r.problem(
                &path.key("id"),
                format!(
                    "the id {} is used twice: requests[{other}] has it too",
                    Value::str(&req.id).describe()
                ),
            );
        }
    }
    match request {
        Some(req) if r.problems.is_empty() => Ok(req),
        _ => Err(r.problems),
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
id_items!(Criterion, Source, Account, Bucket, Request);

impl<'a> Ids<'a> {
    /// The ids of a list as read, by position in the file. An item that could not be read
    /// still answers to its id (the scenario is refused then anyway, and references to
    /// it are not reported as dangling on top).
    fn of<T: IdItem>(items: &'a Option<Vec<Item<T>>>) -> Ids<'a> {
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
        item: fn(&mut Reader, &mut Cursor, &Path) -> Item<T>,
    ) -> Option<Vec<Item<T>>> {
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
                    self.problem(
                        path,
                        format!("the file has {n} {noun}; the limit is {limit}"),
                    );
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
    fn unique_ids<T: IdItem>(&mut self, items: &[Item<T>], path: &Path) {
        let mut first = std::collections::HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let id = match item {
                Ok(item) => item.id(),
                Err(Some(id)) => id.as_str(),
                Err(None) => continue,
            };
            if let Some(earlier) = first.insert(id, i) {
                first.insert(id, earlier);
                self.problem(
                    &path.index(i).key("id"),
                    format!(
                        "the id {} is used twice: {path}[{earlier}] has it too",
                        Value::str(id).describe()
                    ),
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
