//! The team's views of the weights (`model.views`, team-v1 §1): points given directly, or
//! judgements of pairs of criteria. Read after the criteria, whatever the order of the
//! model's fields, so that the criteria they name resolve to indices.

use super::fields::{with_id, Field, Ids, ListItem, Reader};
use super::lists::members;
use crate::json::{Cursor, Path};
use crate::model::*;
use crate::validate;

const VIEW_FIELDS: [&str; 5] = ["id", "label", "say", "weights", "pairwise"];
const JUDGEMENT_FIELDS: [&str; 3] = ["a", "b", "ratio"];

/// The criteria views may name: `None` when the criteria could not be read, and then the
/// views' own fields are still checked, but nothing that names a criterion is (it would
/// only repeat the criteria's problems).
type Criteria<'a> = Option<(&'a [Criterion], &'a Ids<'a>)>;

impl Reader {
    pub(super) fn views(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        criteria: Option<&[Criterion]>,
    ) -> Option<Vec<View>> {
        if !self.list(cur, path) {
            return None;
        }
        let ids = criteria.map(|c| Ids::new(c.iter().map(|c| c.id.as_str())));
        let known: Criteria = criteria.zip(ids.as_ref());
        let mut items = Vec::new();
        cur.enter_array();
        while cur.next_item() {
            let p = path.index(items.len());
            items.push(self.view(cur, &p, known));
        }
        self.unique_ids(&items, path);
        let views: Vec<View> = items.into_iter().map(Result::ok).collect::<Option<_>>()?;
        if !views.is_empty() && !views.iter().any(|v| v.say() > 0.0) {
            self.problem(path, validate::NO_SAY);
        }
        Some(views)
    }

    pub(super) fn view(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        criteria: Criteria,
    ) -> ListItem<View> {
        if !self.object(cur, path) {
            return Err(None);
        }
        let (mut id, mut label) = (None, None);
        let mut say = Ok(None);
        let mut weights: Field<Points> = Ok(None);
        let mut pairwise: Field<Vec<Judgement>> = Ok(None);
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &VIEW_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 => id = r.id(cur, p),
                1 => label = r.string(cur, p),
                2 => say = r.optional_number(cur, p, |x| x >= 0.0, "a number ≥ 0"),
                3 => weights = r.points(cur, p, criteria),
                _ => pairwise = r.pairwise(cur, p, criteria),
            },
        );
        if !seen.has(0) {
            self.missing(&path.key("id"), "");
        }
        if !seen.has(1) {
            self.missing(&path.key("label"), " (a person or a role)");
        }
        let kind = match (seen.has(3), seen.has(4)) {
            (true, true) => {
                self.problem(path, validate::VIEW_KIND_BOTH);
                None
            }
            (false, false) => {
                self.problem(path, validate::VIEW_KIND_MISSING);
                None
            }
            (true, false) => weights.ok().flatten().map(ViewKind::Weights),
            (false, true) => pairwise.ok().flatten().map(ViewKind::Pairwise),
        };
        with_id(
            id,
            (|| {
                Some(View {
                    id: String::new(),
                    label: label?,
                    say: say.ok()?,
                    kind: kind?,
                    extra,
                })
            })(),
        )
    }

    /// `weights`: `{ criterion id: number ≥ 0 }`, at least one above 0.
    fn points(&mut self, cur: &mut Cursor, path: &Path, criteria: Criteria) -> Field<Points> {
        if !self.object(cur, path) {
            return Err(());
        }
        let mut out = Points::new();
        let mut ok = true;
        cur.enter_object();
        while let Some(key) = cur.next_key() {
            let p = path.key(&key);
            let rule = "a number ≥ 0";
            let Some((criteria, _)) = criteria else {
                ok &= self.number(cur, &p, |x| x >= 0.0, rule).is_some();
                continue;
            };
            let Some(k) = self.criterion_key(cur, &p, criteria, &key) else {
                ok = false;
                continue;
            };
            if out.get(k).is_some() {
                self.duplicate(cur, &p);
                ok = false;
                continue;
            }
            match self.number(cur, &p, |x| x >= 0.0, rule) {
                Some(x) => out.set(k, x),
                None => ok = false,
            }
        }
        if !ok || criteria.is_none() {
            return Err(());
        }
        if !out.iter().any(|(_, &x)| x > 0.0) {
            self.problem(path, validate::NO_POINTS);
            return Err(());
        }
        Ok(Some(out))
    }

    /// `pairwise`: a list of judgements; every pair of the criteria named judged exactly
    /// once, 2 to 15 criteria.
    fn pairwise(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        criteria: Criteria,
    ) -> Field<Vec<Judgement>> {
        if !self.list(cur, path) {
            return Err(());
        }
        let mut read = Vec::new();
        let mut listed = 0;
        cur.enter_array();
        while cur.next_item() {
            if let Some(j) = self.judgement(cur, &path.index(listed), criteria) {
                read.push((listed, j));
            }
            listed += 1;
        }
        let Some((criteria, _)) = criteria else {
            return Err(());
        };
        let judged: Vec<(usize, usize, usize)> = read.iter().map(|(i, j)| (*i, j.a, j.b)).collect();
        let complete = read.len() == listed;
        let problems = validate::pairwise(&judged, listed, complete, criteria);
        let fine = complete && problems.is_empty();
        for (at, message) in problems {
            match at {
                Some(j) => self.problem(&path.index(j), message),
                None => self.problem(path, message),
            }
        }
        if fine {
            Ok(Some(read.into_iter().map(|(_, j)| j).collect()))
        } else {
            Err(())
        }
    }

    /// `{ "a": id, "b": id, "ratio": r }` with a ≠ b and 1/9 ≤ r ≤ 9.
    fn judgement(
        &mut self,
        cur: &mut Cursor,
        path: &Path,
        criteria: Criteria,
    ) -> Option<Judgement> {
        if !self.object(cur, path) {
            return None;
        }
        let (mut a, mut b) = (Err(()), Err(()));
        let mut ratio = None;
        let mut extra = Extra::new();
        let seen = members(
            self,
            cur,
            path,
            &JUDGEMENT_FIELDS,
            &mut extra,
            |r, cur, k, p| match k {
                0 | 1 => {
                    let end = match criteria {
                        Some((_, ids)) => r.reference(cur, p, ids, "criterion"),
                        None => r.string(cur, p).map(|_| None).ok_or(()),
                    };
                    if k == 0 {
                        a = end;
                    } else {
                        b = end;
                    }
                }
                _ => ratio = r.number(cur, p, validate::ratio_ok, validate::RATIO_RULE),
            },
        );
        for (k, name) in JUDGEMENT_FIELDS.iter().enumerate() {
            if !seen.has(k) {
                self.missing(
                    &path.key(name),
                    ": a judgement says a is ratio times as important as b",
                );
            }
        }
        let (Ok(Some(a)), Ok(Some(b))) = (a, b) else {
            return None;
        };
        if a == b {
            let (criteria, _) = criteria?;
            self.problem(
                &path.key("b"),
                validate::judged_against_itself(&criteria[a].id),
            );
            return None;
        }
        Some(Judgement {
            a,
            b,
            ratio: ratio?,
            extra,
        })
    }
}
