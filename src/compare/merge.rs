//! Merge (§3): two edited copies of one scenario, three ways, leaf by leaf; then the merged
//! scenario read back, and each problem the merge made a conflict at the referring field.

use std::collections::HashSet;

use super::changes::absent_as_empty;
use super::tree::{
    default_of, member_at, same_or_default, slot, Fixed, Keyed, Node, Shape, Slot, Tree,
};
use crate::error::ReadError;
use crate::json::path::Segment;
use crate::json::{Object, Value};
use crate::model::Scenario;

/// A place where the two sides cannot both be taken. A side is `None` where it has nothing
/// at the path (even when the field has a default).
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub path: Vec<String>,
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
    /// For a conflict found by reading the merged scenario, what the reader said (not part
    /// of the JSON document; the command line shows it after the sides).
    pub problem: Option<String>,
}

impl Conflict {
    /// `{ "path": [...], "base": v, "ours": v, "theirs": v }`, a side left out where absent.
    pub fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.push("path".into(), Value::strings(&self.path));
        for (key, side) in [
            ("base", &self.base),
            ("ours", &self.ours),
            ("theirs", &self.theirs),
        ] {
            if let Some(v) = side {
                o.push(key.into(), v.clone());
            }
        }
        Value::Object(o)
    }
}

/// The outcome of a merge.
#[derive(Clone, Debug)]
pub struct Merge {
    /// The merged tree, ours' side at every conflict.
    pub tree: Tree,
    /// The merged scenario, when it reads (always when there is no conflict).
    pub scenario: Option<Scenario>,
    /// Leaf conflicts in the order met (ours' members and items first), then the problems
    /// of the merged scenario in the reader's order; one per path.
    pub conflicts: Vec<Conflict>,
}

impl Merge {
    /// The merged scenario as text: canonical when it reads; otherwise (a draft for a
    /// person to resolve) the tree in the canonical layout, in its own order.
    pub fn text(&self) -> String {
        match &self.scenario {
            Some(s) => crate::write::to_string(s),
            None => self.tree.to_text(),
        }
    }

    /// The merged scenario as JSON (canonical field order when it reads).
    pub fn merged_value(&self) -> Value {
        match &self.scenario {
            Some(s) => Tree::of(s).to_value(),
            None => self.tree.to_value(),
        }
    }

    /// `{ "merged": {scenario}, "conflicts": [...] }`.
    pub fn to_value(&self) -> Value {
        crate::object! {
            "merged": self.merged_value(),
            "conflicts": Value::Array(self.conflicts.iter().map(Conflict::to_value).collect()),
        }
    }

    /// The `merge --json` document, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = crate::json::write::pretty(&self.to_value());
        text.push('\n');
        text
    }
}

/// Merges `ours` and `theirs`, two edited copies of `base` (each a scenario that reads).
///
/// Cost: the three scenarios written and read as trees, one walk over them, and the merged
/// tree written and read once more to validate it.
pub fn merge(base: &Scenario, ours: &Scenario, theirs: &Scenario) -> Merge {
    merge_trees(&Tree::of(base), &Tree::of(ours), &Tree::of(theirs))
}

/// [`merge`] on trees. Every problem the merged tree has when read is taken for one the
/// merge created, so the three trees should be scenarios that read.
pub fn merge_trees(base: &Tree, ours: &Tree, theirs: &Tree) -> Merge {
    let mut conflicts = Vec::new();
    let mut path = Vec::new();
    let root = merge_node(
        &mut path,
        Some(&base.root),
        Some(&ours.root),
        Some(&theirs.root),
        None,
        Slot::Object(Shape::Root),
        &mut conflicts,
    )
    .unwrap_or(Node::Object {
        shape: Shape::Root,
        members: Vec::new(),
    });
    let mut tree = Tree { root };
    capacity_form(&mut tree, ours);
    let scenario = validate(&mut conflicts, &tree, base, theirs);
    Merge {
        tree,
        scenario,
        conflicts,
    }
}

/// "A merged capacity is a list, unless it has one entry and ours had one object."
fn capacity_form(tree: &mut Tree, ours: &Tree) {
    let ours_one_object = matches!(
        ours.root.member("capacity"),
        Some(Node::Keyed(k)) if k.one_object
    );
    if let Node::Object { members, .. } = &mut tree.root {
        if let Some((_, Node::Keyed(k))) = members.iter_mut().find(|(key, _)| key == "capacity") {
            k.one_object = ours_one_object && k.items.len() == 1;
        }
    }
}

fn conflict(
    path: &[&str],
    base: Option<&Node>,
    ours: Option<&Node>,
    theirs: Option<&Node>,
) -> Conflict {
    Conflict {
        path: path.iter().map(|k| k.to_string()).collect(),
        base: base.map(Node::value),
        ours: ours.map(Node::value),
        theirs: theirs.map(Node::value),
        problem: None,
    }
}

/// The merged node at `path` (`None`: absent), by the table of §3.
fn merge_node<'a>(
    path: &mut Vec<&'a str>,
    base: Option<&'a Node>,
    ours: Option<&'a Node>,
    theirs: Option<&'a Node>,
    default: Option<Fixed>,
    slot: Slot,
    conflicts: &mut Vec<Conflict>,
) -> Option<Node> {
    // Items kept as text: the same text on two sides is the same item (the common case,
    // decided without reading them); otherwise they are read and merged as objects.
    let raw = |n: Option<&Node>| matches!(n, Some(Node::Raw(_)));
    if raw(base) || raw(ours) || raw(theirs) {
        let text = |n: Option<&'a Node>| match n {
            Some(Node::Raw(r)) => Some(&*r.text),
            _ => None,
        };
        let (b, o, t) = (text(base), text(ours), text(theirs));
        let written = |x: Option<&str>, y: Option<&str>| x.is_some() && x == y;
        if written(o, b) || (ours.is_none() && base.is_none()) {
            return theirs.cloned();
        }
        if written(t, b) || (theirs.is_none() && base.is_none()) {
            return ours.cloned();
        }
        if written(o, t) {
            return ours.cloned();
        }
        let read = |n: Option<&Node>| n.map(|n| n.expanded().into_owned());
        let (rb, ro, rt) = (read(base), read(ours), read(theirs));
        let owned: Vec<String> = path.iter().map(|k| k.to_string()).collect();
        let mut p: Vec<&str> = owned.iter().map(String::as_str).collect();
        return merge_node(
            &mut p,
            rb.as_ref(),
            ro.as_ref(),
            rt.as_ref(),
            default,
            slot,
            conflicts,
        );
    }
    // Containers on all three sides: member by member, item by item.
    match (base, ours, theirs) {
        (
            Some(b @ Node::Object { .. }),
            Some(o @ Node::Object { .. }),
            Some(t @ Node::Object { .. }),
        ) => {
            return Some(merge_objects(path, Some(b), o, t, conflicts));
        }
        (Some(Node::Keyed(b)), Some(Node::Keyed(o)), Some(Node::Keyed(t))) => {
            return Some(Node::keyed(merge_keyed(path, Some(b), o, t, conflicts)));
        }
        _ => {}
    }
    let same = |x: Option<&Node>, y: Option<&Node>| same_or_default(x, y, default, slot);
    if same(ours, base) {
        return theirs.cloned();
    }
    if same(theirs, base) {
        return ours.cloned();
    }
    if same(ours, theirs) {
        return ours.cloned();
    }
    // Both changed it, differently. Containers added on both sides (or both put in place
    // of a value of another kind) merge as if the base had none.
    match (ours, theirs) {
        (Some(o @ Node::Object { .. }), Some(t @ Node::Object { .. })) => {
            let b = base.filter(|b| matches!(b, Node::Object { .. }));
            return Some(merge_objects(path, b, o, t, conflicts));
        }
        (Some(Node::Keyed(o)), Some(Node::Keyed(t))) => {
            let b = match base {
                Some(Node::Keyed(b)) => Some(&**b),
                _ => None,
            };
            return Some(Node::keyed(merge_keyed(path, b, o, t, conflicts)));
        }
        _ => {}
    }
    // A leaf changed differently, or an item or key removed on one side and changed on the
    // other: one conflict here, ours' side taken.
    conflicts.push(conflict(path, base, ours, theirs));
    ours.cloned()
}

fn members(node: Option<&Node>) -> &[(String, Node)] {
    match node {
        Some(Node::Object { members, .. }) => members,
        _ => &[],
    }
}

/// Objects key by key: ours' members in ours' order, then those only theirs has.
fn merge_objects<'a>(
    path: &mut Vec<&'a str>,
    base: Option<&'a Node>,
    ours: &'a Node,
    theirs: &'a Node,
    conflicts: &mut Vec<Conflict>,
) -> Node {
    let Node::Object { shape, .. } = ours else {
        unreachable!("merge_objects is given objects")
    };
    let shape = *shape;
    let (mb, mo, mt) = (members(base), members(Some(ours)), members(Some(theirs)));
    let mut out = Vec::with_capacity(mo.len().max(mt.len()));
    let theirs_only = mt
        .iter()
        .enumerate()
        .filter(|(i, (k, _))| member_at(mo, *i, k).is_none());
    let keys = mo.iter().enumerate().chain(theirs_only);
    for (i, (key, _)) in keys {
        let slot = slot(shape, key);
        let ours_has = member_at(mo, i, key).is_some();
        let mut sides = [
            member_at(mb, i, key),
            member_at(mo, i, key),
            member_at(mt, i, key),
        ];
        absent_as_empty(slot, &mut sides);
        path.push(key);
        let merged = merge_node(
            path,
            sides[0],
            sides[1],
            sides[2],
            default_of(shape, key),
            slot,
            conflicts,
        );
        path.pop();
        match merged {
            // An empty list that ours did not write stays unwritten (absent = empty).
            Some(Node::Keyed(k))
                if k.items.is_empty() && !ours_has && matches!(slot, Slot::List(_)) => {}
            Some(n) => out.push((key.clone(), n)),
            None => {}
        }
    }
    Node::Object {
        shape,
        members: out,
    }
}

/// Id-keyed lists item by item: ours' items in ours' order, then theirs-only items in
/// theirs' order. Items both sides removed are gone.
fn merge_keyed<'a>(
    path: &mut Vec<&'a str>,
    base: Option<&'a Keyed>,
    ours: &'a Keyed,
    theirs: &'a Keyed,
    conflicts: &mut Vec<Conflict>,
) -> Keyed {
    let item = ours.item;
    let in_base = |id: &str| base.and_then(|b| b.get(id));
    let mut items = Vec::with_capacity(ours.items.len().max(theirs.items.len()));
    for (id, o) in &ours.items {
        path.push(id);
        let merged = merge_node(
            path,
            in_base(id),
            Some(o),
            theirs.get(id),
            None,
            Slot::Object(item),
            conflicts,
        );
        path.pop();
        if let Some(n) = merged {
            items.push((id.clone(), n));
        }
    }
    for (id, t) in &theirs.items {
        if ours.contains(id) {
            continue;
        }
        path.push(id);
        let merged = merge_node(
            path,
            in_base(id),
            None,
            Some(t),
            None,
            Slot::Object(item),
            conflicts,
        );
        path.pop();
        if let Some(n) = merged {
            items.push((id.clone(), n));
        }
    }
    Keyed::new(item, items, ours.one_object)
}

/// Reads the merged tree; each problem becomes a conflict at the field that refers (ours'
/// side the merged value), one per path, none where a leaf conflict already is.
fn validate(
    conflicts: &mut Vec<Conflict>,
    merged: &Tree,
    base: &Tree,
    theirs: &Tree,
) -> Option<Scenario> {
    let problems = match merged.to_scenario() {
        Ok(s) => return Some(s),
        Err(ReadError::Invalid(problems)) => problems.list,
        Err(other) => {
            // Not a problem of one field (the merged text is over a size limit): one
            // conflict for the whole scenario, its sides too large to repeat.
            conflicts.push(Conflict {
                path: Vec::new(),
                base: None,
                ours: None,
                theirs: None,
                problem: Some(other.to_string()),
            });
            return None;
        }
    };
    let mut seen: HashSet<Vec<String>> = conflicts.iter().map(|c| c.path.clone()).collect();
    for p in problems {
        let path = place(tree_path(merged, &p.path));
        if !seen.insert(path.clone()) {
            continue;
        }
        conflicts.push(Conflict {
            base: base.get(&path),
            ours: merged.get(&path),
            theirs: theirs.get(&path),
            path,
            problem: Some(p.message),
        });
    }
    None
}

/// A reader's path (`requests[3].asks[0].account`) as a tree path (ids for items), as
/// far as the tree goes: it stops at a leaf (`["requests", "FS-101", "asks"]`).
pub(crate) fn tree_path(tree: &Tree, reader_path: &str) -> Vec<String> {
    let segments = crate::json::path::segments(reader_path);
    let mut out = Vec::new();
    walk(&tree.root, &segments, &mut out);
    out
}

/// [`tree_path`] below `node`.
fn walk(mut node: &Node, segments: &[Segment], out: &mut Vec<String>) {
    let mut i = 0;
    while i < segments.len() {
        match (node, &segments[i]) {
            (Node::Raw(_), _) => {
                let read = node.expand().expect("a raw node reads");
                walk(&read, &segments[i..], out);
                return;
            }
            (Node::Object { members, .. }, Segment::Key(k)) => {
                let found = members.iter().find(|(key, _)| key == k).or_else(|| {
                    // Paths shorten keys over 40 characters to 39 and `…`.
                    let prefix = k.strip_suffix('…')?;
                    members
                        .iter()
                        .find(|(key, _)| key.chars().count() > 40 && key.starts_with(prefix))
                });
                match found {
                    Some((key, child)) => {
                        out.push(key.clone());
                        node = child;
                    }
                    None => {
                        out.push(k.clone());
                        break;
                    }
                }
            }
            (Node::Keyed(k), Segment::Index(n)) => match k.items.get(*n) {
                Some((id, item)) => {
                    out.push(id.clone());
                    node = item;
                }
                None => break,
            },
            // A capacity written as one object: `capacity.criterion` is its entry's.
            (Node::Keyed(k), Segment::Key(_)) if k.one_object && k.items.len() == 1 => {
                let (id, item) = &k.items[0];
                out.push(id.clone());
                node = item;
                continue;
            }
            _ => break,
        }
        i += 1;
    }
}

/// Where a problem is reported (§3): at the field that refers — a request's `bucket`, a
/// value's criterion, the request's `asks` for a reference inside them, a view's weight,
/// a capacity entry's `criterion` — and at the item for a problem between two of its
/// fields (a `min_share` above its `max_share`, a `min` not below the `max`).
pub(crate) fn place(mut path: Vec<String>) -> Vec<String> {
    let keep = match path
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["capacity", _, ..] => {
            path.truncate(2);
            path.push("criterion".into());
            return path;
        }
        ["requests", _, "bucket" | "asks", ..] => 3,
        ["requests", _, "values", _, ..] => 4,
        ["requests", _, ..] => 2,
        ["model", "views", _, "weights", _, ..] => 5,
        ["model", "views", _, "pairwise", ..] => 4,
        ["model", "criteria" | "views", _, ..] => 3,
        ["sources" | "accounts" | "buckets", _, ..] => 2,
        _ => path.len(),
    };
    path.truncate(keep);
    path
}
