//! One view in a file of its own (`thresh.view`, docs/team.md): written for a colleague to
//! fill in on their own machine and send back, and taken back into the scenario — added,
//! or replacing the view with the same id.
//!
//! The file carries the view as `model.views` holds one, the scenario's name and its
//! criteria (id, label, what each means) for the colleague to read, and instructions in
//! words. It is read by [`crate::read::view_file`] against the open scenario's criteria,
//! with every problem at its path; taking it in is one undoable step that a refused file
//! never reaches.

use crate::error::{Problems, ReadError};
use crate::explain;
use crate::json::write::{string, ListWriter, ObjectWriter};
use crate::json::Value;
use crate::model::{Scenario, View};
use crate::read::{self, VIEW_FORMAT, VIEW_VERSION};
use crate::write;

/// A view file for the view `view` of `s`, filled in as the view stands: the colleague
/// changes the numbers.
pub fn export(s: &Scenario, view: &View) -> String {
    file(s, |out, level| {
        write::view(out, level, view, &s.model.criteria)
    })
}

/// A view file for someone who has not given their weights yet: `weights` names every
/// criterion with a blank (`null`) to fill in. Read back before it is filled in, it is
/// refused with one problem per blank (`view.weights.reach must be a number ≥ 0, found
/// null`).
pub fn template(s: &Scenario, id: &str, label: &str) -> String {
    file(s, |out, level| {
        let mut o = ObjectWriter::new(out, level);
        o.str("id", id);
        o.str("label", label);
        let inner = o.member_level();
        let mut w = ObjectWriter::new(o.key("weights"), inner);
        for c in &s.model.criteria {
            w.key(&c.id).push_str("null");
        }
        w.finish();
        o.finish();
    })
}

/// The file around a view written by `view` at the indentation it is given.
fn file(s: &Scenario, view: impl FnOnce(&mut String, usize)) -> String {
    let criteria = &s.model.criteria;
    let method = s.model.method();
    let mut out = String::with_capacity(1024 + 256 * criteria.len());
    let mut o = ObjectWriter::new(&mut out, 0);
    o.str("format", VIEW_FORMAT);
    o.key("version").push_str(&VIEW_VERSION.to_string());
    o.str("scenario", &s.name);
    let level = o.member_level();
    let mut how = ListWriter::new(o.key("instructions"), level, false);
    for line in instructions(s) {
        string(how.item(), &line);
    }
    how.finish();
    let mut list = ListWriter::new(o.key("criteria"), level, false);
    for c in criteria {
        let item_level = list.item_level();
        let mut item = ObjectWriter::new(list.item(), item_level);
        item.str("id", &c.id);
        item.str("label", &c.label);
        item.str("direction", c.direction.as_str());
        item.str("meaning", &explain::describe_criterion(c, method));
        item.finish();
    }
    list.finish();
    view(o.key("view"), level);
    o.finish();
    out.push('\n');
    out
}

/// What the colleague reads first: how to fill the file in, with the scenario's own ids.
fn instructions(s: &Scenario) -> Vec<String> {
    let ids: Vec<&str> = s.model.criteria.iter().map(|c| c.id.as_str()).collect();
    let (a, b) = match ids.as_slice() {
        [a, b, ..] => (*a, *b),
        [a] => (*a, *a),
        [] => ("a", "b"),
    };
    vec![
        format!(
            "This file asks for your view of the weights of the scenario \"{}\". Fill in \
             \"view\" at the end, save the file, and send it back: it is taken into the \
             scenario as it is.",
            s.name
        ),
        "Give each criterion points in \"weights\": any numbers from 0 up. Only their \
         proportions count (4 and 2: the first matters twice as much as the second); a \
         criterion you give 0, or leave out, does not count for you."
            .into(),
        format!(
            "Or compare the criteria two at a time instead: replace \"weights\" with \
             \"pairwise\": [{{\"a\": \"{a}\", \"b\": \"{b}\", \"ratio\": 3}}, …], meaning \
             {a} is 3 times as important as {b}. A ratio is from 1/9 to 9 (1 equal, 3 \
             moderately, 5 strongly, 7 very strongly, 9 extremely more important; below 1 \
             when b matters more, e.g. 0.2 for 1/5). Judge every pair of the criteria you \
             name exactly once."
        ),
        "Keep \"id\" as it is: it is how your answer finds its place. \"criteria\" lists \
         the criteria and what each means; their ids are what \"weights\" and \"pairwise\" \
         name. \"say\", if present, is how much this view counts in the team's compromise: \
         the scenario's owner sets it."
            .into(),
    ]
}

/// A view file taken in: the view, where it goes, and what the PM should know.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The view as it goes into `model.views`.
    pub view: View,
    /// The index of the view with the same id, which it replaces; `None`: it is added.
    pub replaces: Option<usize>,
    /// Things worth saying that do not stop the import, in words.
    pub notes: Vec<String>,
}

/// Reads a view file against `s` and works out where it goes: replacing the view with the
/// same id (keeping that view's `say`, which is the scenario owner's to set) or added at
/// the end. The scenario is not changed here; see [`with_view`].
pub fn import(s: &Scenario, bytes: &[u8]) -> Result<Imported, ReadError> {
    let file = read::view_file(bytes, s)?;
    let mut view = file.view;
    let replaces = s.model.views.iter().position(|v| v.id == view.id);
    let mut notes = Vec::new();
    if let Some(i) = replaces {
        let kept = s.model.views[i].say;
        if view.say != kept {
            notes.push(format!(
                "The file gives this view a say of {}; it keeps its say of {} here (set it in \
                 the team's table).",
                crate::text::typed(view.say()),
                crate::text::typed(kept.unwrap_or(1.0))
            ));
        }
        view.say = kept;
    }
    if let Some(listed) = &file.criteria {
        let unseen: Vec<&str> = s
            .model
            .criteria
            .iter()
            .filter(|c| !listed.contains(&c.id))
            .map(|c| c.label.as_str())
            .collect();
        if !unseen.is_empty() {
            notes.push(format!(
                "The file did not show {} (added since it was written), so this view gives \
                 {} 0.",
                quoted_list(&unseen),
                if unseen.len() == 1 { "it" } else { "them" }
            ));
        }
    }
    if let Some(name) = file.scenario.as_deref().filter(|&n| n != s.name) {
        notes.push(format!(
            "The file was written for the scenario {}.",
            Value::str(name).describe()
        ));
    }
    Ok(Imported {
        view,
        replaces,
        notes,
    })
}

/// `s` with `view` at `index` of its views (replacing the view there, or appended when
/// `index` is the number of views).
pub fn with_view(s: &Scenario, index: usize, view: View) -> Result<Scenario, Problems> {
    let views = &s.model.views;
    if index > views.len() {
        let mut p = Problems::default();
        p.push("model.views", format!("there is no model.views[{index}]"));
        return Err(p);
    }
    let mut next = s.clone();
    if index == views.len() {
        next.model.views.push(view);
    } else {
        next.model.views[index] = view;
    }
    Ok(next)
}

/// "\"a\"", "\"a\" and \"b\"", "\"a\", \"b\" and \"c\"".
fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| Value::str(s).describe()).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
