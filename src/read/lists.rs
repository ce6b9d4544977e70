//! The lists requests refer to — sources, accounts, buckets — and the capacity.

use super::fields::{with_id, Field, ListItem, Reader, Seen};
use crate::json::{Cursor, Kind, Path, Value};
use crate::model::*;
use crate::validate;

const SOURCE_FIELDS: [&str; 3] = ["id", "label", "credibility"];
const ACCOUNT_FIELDS: [&str; 5] = ["id", "name", "arr", "segment", "strategic"];
const BUCKET_FIELDS: [&str; 4] = ["id", "label", "min_share", "max_share"];
const CAPACITY_FIELDS: [&str; 2] = ["criterion", "amount"];

/// Walks an object's members: known ones (by their position in `fields`) go to `known`
/// once each — a second one is reported and skipped — and the rest are kept in `extra`.
/// Returns which known fields were seen.
pub(super) fn members(
    r: &mut Reader,
    cur: &mut Cursor,
    path: &Path,
    fields: &[&'static str],
    extra: &mut Extra,
    mut known: impl FnMut(&mut Reader, &mut Cursor, usize, &Path),
) -> Seen {
    let mut seen = Seen::default();
    cur.enter_object();
    while let Some(key) = cur.next_key() {
        let Some(k) = fields.iter().position(|f| *f == key) else {
            r.extra_member(cur, path, key, extra);
            continue;
        };
        let p = path.key(fields[k]);
        if seen.first(k) {
            known(r, cur, k, &p);
        } else {
            r.duplicate(cur, &p);
        }
    }
    seen
}

fn share(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

impl Reader {
    pub(super) fn source(&mut self, cur: &mut Cursor, path: &Path) -> ListItem<Source> {
        if !self.object(cur, path) {
            return Err(None);
        }
        let (mut id, mut label, mut credibility) = (None, Ok(None), Ok(None));
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &SOURCE_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 => id = r.id(cur, p),
                1 => label = r.optional_string(cur, p),
                _ => credibility = r.optional_number(cur, p, share, "a number from 0 to 1"),
            },
        );
        if !seen.has(0) {
            self.missing(&path.key("id"), "");
        }
        with_id(
            id,
            (|| {
                Some(Source {
                    id: String::new(),
                    label: label.ok()?,
                    credibility: credibility.ok()?,
                    extra,
                })
            })(),
        )
    }

    pub(super) fn account(&mut self, cur: &mut Cursor, path: &Path) -> ListItem<Account> {
        if !self.object(cur, path) {
            return Err(None);
        }
        let mut id = None;
        let (mut name, mut segment): (Field<String>, Field<String>) = (Ok(None), Ok(None));
        let mut arr = Ok(None);
        let mut strategic = Ok(None);
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &ACCOUNT_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 => id = r.id(cur, p),
                1 => name = r.optional_string(cur, p),
                2 => arr = r.optional_number(cur, p, |x| x >= 0.0, "a number ≥ 0"),
                3 => segment = r.optional_string(cur, p),
                _ => strategic = r.optional_bool(cur, p),
            },
        );
        if !seen.has(0) {
            self.missing(&path.key("id"), "");
        }
        with_id(
            id,
            (|| {
                Some(Account {
                    id: String::new(),
                    name: name.ok()?,
                    arr: arr.ok()?,
                    segment: segment.ok()?,
                    strategic: strategic.ok()?,
                    extra,
                })
            })(),
        )
    }

    pub(super) fn bucket(&mut self, cur: &mut Cursor, path: &Path) -> ListItem<Bucket> {
        if !self.object(cur, path) {
            return Err(None);
        }
        let (mut id, mut label) = (None, Ok(None));
        let (mut min_share, mut max_share) = (Ok(None), Ok(None));
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &BUCKET_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 => id = r.id(cur, p),
                1 => label = r.optional_string(cur, p),
                2 => min_share = r.optional_number(cur, p, share, "a share from 0 to 1"),
                _ => max_share = r.optional_number(cur, p, share, "a share from 0 to 1"),
            },
        );
        if !seen.has(0) {
            self.missing(&path.key("id"), "");
        }
        if let (Ok(lo), Ok(hi)) = (min_share, max_share) {
            let (lo, hi) = (lo.unwrap_or(0.0), hi.unwrap_or(1.0));
            if lo > hi {
                self.problem(
                    &path.key("min_share"),
                    format!("min_share ({lo}) must not be above max_share ({hi})"),
                );
            }
        }
        with_id(
            id,
            (|| {
                Some(Bucket {
                    id: String::new(),
                    label: label.ok()?,
                    min_share: min_share.ok()?,
                    max_share: max_share.ok()?,
                    extra,
                })
            })(),
        )
    }

    /// `capacity`: one entry or a list of them (which form is kept for the round trip).
    /// Without a readable model the entries' criteria cannot be resolved; the model's
    /// problems are reported instead.
    pub(super) fn capacity(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        model: Option<&Model>,
    ) -> (Vec<CapacityEntry>, bool) {
        let mut named: Vec<(usize, usize)> = Vec::new(); // (criterion, entry index)
        if cur.kind() != Kind::Array {
            let entry = self.capacity_entry(cur, path, model, &mut named, 0);
            return (entry.into_iter().collect(), false);
        }
        let mut entries = Vec::new();
        let mut index = 0;
        cur.enter_array();
        while cur.next_item() {
            let p = path.index(index);
            entries.extend(self.capacity_entry(cur, &p, model, &mut named, index));
            index += 1;
        }
        (entries, true)
    }

    pub(super) fn capacity_entry(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        model: Option<&Model>,
        named: &mut Vec<(usize, usize)>,
        index: usize,
    ) -> Option<CapacityEntry> {
        if !self.object(cur, path) {
            return None;
        }
        let (mut criterion, mut amount) = (None, None);
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &CAPACITY_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 => criterion = r.capacity_criterion(cur, p, model, named, index),
                _ => amount = r.number(cur, p, |x| x > 0.0, "a number > 0"),
            },
        );
        if !seen.has(0) {
            self.missing(&path.key("criterion"), "");
        }
        if !seen.has(1) {
            self.missing(&path.key("amount"), " (the capacity available)");
        }
        Some(CapacityEntry {
            criterion: criterion?,
            amount: amount?,
            extra,
        })
    }

    /// The cost criterion a capacity entry names, by index.
    fn capacity_criterion(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        model: Option<&Model>,
        named: &mut Vec<(usize, usize)>,
        index: usize,
    ) -> Option<usize> {
        let id = self.string(cur, path)?;
        let model = model?;
        let Some(k) = model.criterion_index(&id) else {
            self.problem(
                path,
                format!("no criterion has the id {}", Value::str(&id).describe()),
            );
            return None;
        };
        let c = &model.criteria[k];
        if c.direction != Direction::Cost {
            self.problem(path, validate::capacity_not_cost(&id));
        }
        if let Some(d) = c.default.filter(|&d| d < 0.0) {
            self.problem(path, validate::negative_default_on_capacity(&id, d));
        }
        if let Some((_, first)) = named.iter().find(|(c, _)| *c == k) {
            self.problem(path, validate::capacity_named_twice(&id, *first));
            return None;
        }
        named.push((k, index));
        Some(k)
    }
}
