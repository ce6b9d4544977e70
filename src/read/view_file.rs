//! One person's view of the weights on its own: the small `thresh.view` file a colleague
//! fills in and sends back (docs/team.md), and one view as the page edits it. Both are read
//! against an open scenario's criteria with the scenario file's own rules (team-v1 §1),
//! every problem at its JSON path: `view.weights.speed: no criterion has the id "speed"`.
//!
//! A view file:
//!
//! ```json
//! { "format": "thresh.view", "version": 1,
//!   "scenario": "Field service — Q2 2027",
//!   "criteria": [ { "id": "reach", "label": "Reach (accounts asking)" }, … ],
//!   "view": { "id": "cs", "label": "Head of customer success", "weights": { "reach": 3, … } } }
//! ```
//!
//! `view` is required and is a view exactly as `model.views` holds one; `scenario` (the
//! name of the scenario it was written for) and `criteria` (what the colleague was shown)
//! are optional and only inform; any other top-level field (the instructions the page
//! writes) is ignored. Cost: one scan and one walk of a text of at most
//! [`VIEW_FILE_BYTES`].

use super::fields::{self, Ids, Reader};
use super::{syntax_error, utf8};
use crate::error::{Problems, ReadError};
use crate::json::{self, Cursor, Field, Kind, Path, TopLevel, Value};
use crate::model::{Scenario, View, FORMAT};
use crate::validate;

/// The `format` of a view file.
pub const VIEW_FORMAT: &str = "thresh.view";
/// The version of the view-file format this build writes and reads.
pub const VIEW_VERSION: u64 = 1;
/// A view file is a few kilobytes; anything above this is refused unread.
pub const VIEW_FILE_BYTES: usize = 1024 * 1024;

/// The top-level fields of a view file, in the order they are read.
const TOP: [&str; 5] = ["format", "version", "scenario", "criteria", "view"];

/// A view file as read.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewFile {
    /// The name of the scenario the file was written for, when it says.
    pub scenario: Option<String>,
    /// The ids of the criteria the file listed for its reader (in its order), when it
    /// lists them.
    pub criteria: Option<Vec<String>>,
    /// The view, its criteria resolved against the scenario's.
    pub view: View,
}

/// Reads a view file's bytes against the criteria of `s`. Refused with every problem at
/// its path (`view.pairwise[2].ratio: …`), or with the line and column of a syntax error.
pub fn view_file(bytes: &[u8], s: &Scenario) -> Result<ViewFile, ReadError> {
    if bytes.len() > VIEW_FILE_BYTES {
        return Err(one(
            "",
            format!(
                "the file is {} KiB; a view file holds one person's weights and is a few KiB \
                 (the limit is {} KiB) — to open a whole scenario, use Import",
                bytes.len() / 1024,
                VIEW_FILE_BYTES / 1024
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = utf8(bytes)?;
    let fields = match json::scan(text).map_err(|e| syntax_error(text, e))? {
        TopLevel::Object(fields) => fields,
        TopLevel::Other(at) => {
            let found = fields::describe(&mut Cursor::new(text, at));
            return Err(one(
                "",
                format!("a view file is a JSON object, found {found}"),
            ));
        }
    };
    let mut r = Reader::default();
    let root = Path::Root;
    let mut at: [Option<usize>; TOP.len()] = [None; TOP.len()];
    for Field { key, value } in &fields {
        match TOP.iter().position(|k| k == key) {
            Some(k) if at[k].is_none() => at[k] = Some(*value),
            Some(_) => r.duplicate(&mut Cursor::new(text, *value), &root.key(key)),
            None => {} // the instructions, or fields of a later version: not needed
        }
    }
    let cursor = |k: usize| at[k].map(|pos| Cursor::new(text, pos));

    // Not a view file at all: said alone, nothing else is read.
    let format = cursor(0).map(|mut c| c.value());
    match format.as_ref().map(|v| v.as_str()) {
        Some(Some(VIEW_FORMAT)) => {}
        Some(Some(FORMAT)) => {
            return Err(one(
                "format",
                "this is a whole scenario, not one person's view of the weights: open it \
                 with Import in the top bar",
            ))
        }
        Some(_) => {
            let found = format.as_ref().map_or(String::new(), Value::describe);
            return Err(one(
                "format",
                format!("format must be \"{VIEW_FORMAT}\" in a view file, found {found}"),
            ));
        }
        None => {
            return Err(one(
                "format",
                format!(
                    "format is missing: a view file says \"format\": \"{VIEW_FORMAT}\" \
                     (is this a view file?)"
                ),
            ))
        }
    }
    version(&mut r, cursor(1), &root.key("version"))?;
    let scenario = match cursor(2) {
        Some(mut c) => r.string(&mut c, &root.key("scenario")),
        None => None,
    };
    let criteria =
        cursor(3).and_then(|mut c| listed_criteria(&mut r, &mut c, &root.key("criteria")));

    let known = &s.model.criteria;
    let ids = Ids::new(known.iter().map(|c| c.id.as_str()));
    let view = match cursor(4) {
        Some(mut c) => r.view(&mut c, &root.key("view"), Some((known, &ids))).ok(),
        None => {
            r.missing(
                &root.key("view"),
                " (the person's view of the weights: id, label, and weights or pairwise)",
            );
            None
        }
    };
    match view {
        Some(view) if r.problems.is_empty() => Ok(ViewFile {
            scenario,
            criteria,
            view,
        }),
        _ => Err(ReadError::Invalid(r.problems)),
    }
}

/// Reads one view (its JSON as `model.views` holds it) as it would stand at
/// `model.views[index]` of `s` (replacing the view there, or appended when `index` is the
/// number of views): its fields, the criteria it names, and its id unique among the other
/// views. For the page, which edits views one at a time.
pub fn view_in(s: &Scenario, index: usize, text: &str) -> Result<View, Problems> {
    let root = Path::Root;
    let model = root.key("model");
    let views = model.key("views");
    let path = views.index(index);
    if let Err(e) = json::scan(text) {
        let mut p = Problems::default();
        p.push(path, format!("this is not valid JSON: {}", e.message));
        return Err(p);
    }
    let known = &s.model.criteria;
    let ids = Ids::new(known.iter().map(|c| c.id.as_str()));
    let mut r = Reader::default();
    let view = r
        .view(&mut Cursor::new(text, 0), &path, Some((known, &ids)))
        .ok();
    if let Some(v) = &view {
        let others = s
            .model
            .views
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index);
        if let Some((other, _)) = others.into_iter().find(|(_, o)| o.id == v.id) {
            r.problem(
                &path.key("id"),
                validate::id_used_twice(&v.id, "model.views", other),
            );
        }
    }
    match view {
        Some(view) if r.problems.is_empty() => Ok(view),
        _ => Err(r.problems),
    }
}

/// `version`: a whole number ≥ 1, and not newer than this build reads.
fn version(r: &mut Reader, cur: Option<Cursor>, path: &Path) -> Result<(), ReadError> {
    let Some(mut cur) = cur else {
        r.problem(path, "version is missing (this format is version 1)");
        return Ok(());
    };
    if cur.kind() != Kind::Number {
        r.wrong_type(&mut cur, path, "a whole number ≥ 1");
        return Ok(());
    }
    let v = cur.value();
    let x = v.as_f64().unwrap_or(f64::NAN);
    if !(x >= 1.0 && x.fract() == 0.0) {
        r.problem(
            path,
            format!("version must be a whole number ≥ 1, found {}", v.describe()),
        );
    } else if x > VIEW_VERSION as f64 {
        return Err(one(
            "version",
            format!(
                "this is a version {} view file; this build of Thresh reads version \
                 {VIEW_VERSION} — import it with a newer Thresh",
                v.describe()
            ),
        ));
    }
    Ok(())
}

/// `criteria`: the criteria the file showed its reader, each an object with an `id`
/// (other fields, such as `label` and `description`, are for people). Their ids, in order.
fn listed_criteria(r: &mut Reader, cur: &mut Cursor, path: &Path) -> Option<Vec<String>> {
    if !r.list(cur, path) {
        return None;
    }
    let (mut ids, mut fine) = (Vec::new(), true);
    let mut i = 0;
    cur.enter_array();
    while cur.next_item() {
        let p = path.index(i);
        i += 1;
        if !r.object(cur, &p) {
            fine = false;
            continue;
        }
        let (mut id, mut seen) = (None, false);
        cur.enter_object();
        while let Some(key) = cur.next_key() {
            if key != "id" {
                cur.skip();
            } else if seen {
                r.duplicate(cur, &p.key("id"));
            } else {
                seen = true;
                id = r.id(cur, &p.key("id"));
            }
        }
        if !seen {
            r.missing(&p.key("id"), "");
        }
        match id {
            Some(id) => ids.push(id),
            None => fine = false,
        }
    }
    fine.then_some(ids)
}

/// A file refused for one problem.
fn one(path: &str, message: impl Into<String>) -> ReadError {
    let mut p = Problems::default();
    p.push(path, message);
    ReadError::Invalid(p)
}
