//! The requests: their fields, their values (numbers or three-point ranges) and their asks.

use super::fields::{with_id, Field, Ids, ListItem, Reader};
use super::lists::members;
use crate::error::limits;
use crate::json::{Cursor, Kind, Path};
use crate::model::*;
use crate::validate;

const REQUEST_FIELDS: [&str; 11] = [
    "id",
    "title",
    "description",
    "bucket",
    "values",
    "asks",
    "deadline",
    "confidence",
    "plan",
    "status",
    "tags",
];
const ASK_FIELDS: [&str; 5] = ["account", "source", "count", "date", "note"];
const RANGE_FIELDS: [&str; 3] = ["low", "likely", "high"];

/// What requests may refer to.
pub(super) struct References<'a> {
    /// `None` when the model itself could not be read: then values cannot be resolved,
    /// and unknown criterion ids are not reported again for every request.
    pub criteria: Option<&'a [Criterion]>,
    pub capacity: &'a [CapacityEntry],
    pub sources: &'a Ids<'a>,
    pub accounts: &'a Ids<'a>,
    pub buckets: &'a Ids<'a>,
}

fn unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

impl Reader {
    pub(super) fn requests(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        refs: &References,
    ) -> Option<Vec<ListItem<Request>>> {
        if !self.list(cur, path) {
            return None;
        }
        let mark = self.problems.mark();
        let mut items = Vec::new();
        cur.enter_array();
        while cur.next_item() {
            if items.len() == limits::MAX_REQUESTS {
                let n = items.len() + super::count_rest(cur);
                // Over the limit, the items' own problems are beside the point.
                self.problems.truncate(mark);
                self.problem(
                    path,
                    validate::over_limit(n, "requests", limits::MAX_REQUESTS),
                );
                return None;
            }
            let p = path.index(items.len());
            items.push(self.request(cur, &p, refs));
        }
        self.unique_ids(&items, path);
        Some(items)
    }

    pub(super) fn request(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        refs: &References,
    ) -> ListItem<Request> {
        if !self.object(cur, path) {
            return Err(None);
        }
        let (mut id, mut title) = (None, None);
        let mut description = Ok(None);
        let mut bucket = Ok(None);
        let mut values = Some(Values::new());
        let mut asks = Some(Vec::new());
        let mut deadline = Ok(None);
        let mut confidence = Ok(None);
        let mut plan: Field<Pin> = Ok(None);
        let mut status: Field<Status> = Ok(None);
        let mut tags = Some(Vec::new());
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &REQUEST_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 => id = r.id(cur, p),
                1 => title = r.string(cur, p),
                2 => description = r.optional_string(cur, p),
                3 => bucket = r.reference(cur, p, refs.buckets, "bucket"),
                4 => values = r.values(cur, p, refs),
                5 => asks = r.asks(cur, p, refs),
                6 => deadline = r.optional_date(cur, p),
                7 => confidence = r.optional_number(cur, p, unit, "a number from 0 to 1"),
                8 => plan = r.word(cur, p, Pin::parse, Pin::ALL, Pin::as_str),
                9 => status = r.word(cur, p, Status::parse, Status::ALL, Status::as_str),
                _ => tags = r.strings(cur, p),
            },
        );
        if !seen.has(0) {
            self.missing(&path.key("id"), "");
        }
        if !seen.has(1) {
            self.missing(&path.key("title"), "");
        }
        with_id(
            id,
            (|| {
                Some(Request {
                    id: String::new(),
                    title: title?,
                    description: description.ok()?,
                    bucket: bucket.ok()?,
                    values: values?,
                    asks: asks?,
                    deadline: deadline.ok()?,
                    confidence: confidence.ok()?,
                    plan: plan.ok()?,
                    status: status.ok()?,
                    tags: tags?,
                    extra,
                })
            })(),
        )
    }

    /// A list of strings (tags).
    fn strings(&mut self, cur: &mut Cursor, path: &Path) -> Option<Vec<String>> {
        if !self.list(cur, path) {
            return None;
        }
        let mut items = Vec::new();
        let mut ok = true;
        let mut i = 0;
        cur.enter_array();
        while cur.next_item() {
            match self.string(cur, &path.index(i)) {
                Some(s) => items.push(s),
                None => ok = false,
            }
            i += 1;
        }
        ok.then_some(items)
    }

    fn values(&mut self, cur: &mut Cursor, path: &Path, refs: &References) -> Option<Values> {
        if !self.object(cur, path) {
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        cur.enter_object();
        while let Some(key) = cur.next_key() {
            let p = path.key(&key);
            // Without a readable model, values are still checked as numbers or ranges,
            // but cannot be resolved (and unknown ids are not reported again).
            let Some(criteria) = refs.criteria else {
                ok &= self.estimate(cur, &p, false).is_some();
                continue;
            };
            let Some(k) = self.criterion_key(cur, &p, criteria, &key) else {
                ok = false;
                continue;
            };
            if out.iter().any(|(j, _)| *j == k) {
                self.duplicate(cur, &p);
                ok = false;
                continue;
            }
            // Efforts on a capacity, and values under ln(1 + x), must not be negative.
            let non_negative = criteria[k].transform() == Transform::Log
                || refs.capacity.iter().any(|e| e.criterion == k);
            match self.estimate(cur, &p, non_negative) {
                Some(e) => out.push((k, e)),
                None => ok = false,
            }
        }
        ok.then(|| out.into_iter().collect())
    }

    /// A value on one criterion: a number or `{ "low", "likely", "high" }`.
    fn estimate(&mut self, cur: &mut Cursor, path: &Path, non_negative: bool) -> Option<Estimate> {
        let (test, rule): (fn(f64) -> bool, &str) = if non_negative {
            (|x| x >= 0.0, "a number ≥ 0")
        } else {
            (|_| true, "a number")
        };
        match cur.kind() {
            Kind::Number => self.number(cur, path, test, rule).map(Estimate::Number),
            Kind::Object => self.range(cur, path, test, rule),
            _ => {
                let found = super::fields::describe(cur);
                let name = path.field_name();
                self.problem(
                    path,
                    format!(
                        "{name} must be {rule} or a range {{\"low\", \"likely\", \"high\"}}, found {found}"
                    ),
                );
                None
            }
        }
    }

    fn range(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        test: fn(f64) -> bool,
        rule: &str,
    ) -> Option<Estimate> {
        let mut points: [Option<f64>; 3] = [None; 3];
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &RANGE_FIELDS,
            &mut extra,
            |r, cur, k, p| {
                points[k] = r.number(cur, p, test, rule);
            },
        );
        for (k, name) in RANGE_FIELDS.iter().enumerate() {
            if !seen.has(k) {
                self.missing(&path.key(name), ": a range needs low, likely and high");
            }
        }
        let [Some(low), Some(likely), Some(high)] = points else {
            return None;
        };
        if low <= likely && likely <= high {
            Some(Estimate::Range(Box::new(Range {
                low,
                likely,
                high,
                extra,
            })))
        } else {
            let name = path.field_name();
            self.problem(
                path,
                format!(
                    "{name} must have low ≤ likely ≤ high, found low {low}, likely {likely}, high {high}"
                ),
            );
            None
        }
    }

    fn asks(&mut self, cur: &mut Cursor, path: &Path, refs: &References) -> Option<Vec<Ask>> {
        if !self.list(cur, path) {
            return None;
        }
        let mut asks = Vec::new();
        let mut ok = true;
        let mut i = 0;
        cur.enter_array();
        while cur.next_item() {
            match self.ask(cur, &path.index(i), refs) {
                Some(a) => asks.push(a),
                None => ok = false,
            }
            i += 1;
        }
        ok.then_some(asks)
    }

    fn ask(&mut self, cur: &mut Cursor, path: &Path, refs: &References) -> Option<Ask> {
        if !self.object(cur, path) {
            return None;
        }
        let (mut account, mut source) = (Ok(None), Ok(None));
        let mut count = Ok(None);
        let mut date = Ok(None);
        let mut note = Ok(None);
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &ASK_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 => account = r.reference(cur, p, refs.accounts, "account"),
                1 => source = r.reference(cur, p, refs.sources, "source"),
                2 => {
                    count = r
                        .optional_number(
                            cur,
                            p,
                            |x| x >= 1.0 && x.fract() == 0.0 && x <= u32::MAX as f64,
                            "a whole number ≥ 1",
                        )
                        .map(|c| c.map(|c| c as u32))
                }
                3 => date = r.optional_date(cur, p),
                _ => note = r.optional_string(cur, p),
            },
        );
        if seen.has(0) && seen.has(2) {
            self.problem(
                path,
                "an ask names an account or carries a count of anonymous askers, not both",
            );
        }
        Some(Ask {
            account: account.ok()?,
            source: source.ok()?,
            count: count.ok()?,
            date: date.ok()?,
            note: note.ok()?,
            extra,
        })
    }
}
