//! What changed from one tree to another (§2), and taking some of those changes.

use super::tree::{default_of, empty_list, member_at, same, slot, Keyed, Node, Shape, Slot, Tree};
use crate::json::{Object, Value};

/// How a path differs between the two sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Only B has it.
    Added,
    /// Only A has it.
    Removed,
    /// Both have it (or one has it and the other its default), with different values.
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One change, at the highest path where the two sides differ. `a` is A's value (`None`
/// when added), `b` is B's (`None` when removed); a default stands for an absent field.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Keys from the root, an id standing for an item of an id-keyed list.
    pub path: Vec<String>,
    pub kind: ChangeKind,
    pub a: Option<Value>,
    pub b: Option<Value>,
}

impl Change {
    /// `{ "path": [...], "kind": "changed", "a": v, "b": v }`, `a` or `b` left out where
    /// the side has nothing.
    pub fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.push("path".into(), Value::strings(&self.path));
        o.push("kind".into(), Value::str(self.kind.as_str()));
        if let Some(a) = &self.a {
            o.push("a".into(), a.clone());
        }
        if let Some(b) = &self.b {
            o.push("b".into(), b.clone());
        }
        Value::Object(o)
    }
}

/// Every change from `a` to `b`, each once, at the highest path where they differ. The
/// order is A's (members and items as written), then what only B has, in B's order.
///
/// Cost: one walk over both trees, a hash lookup per item of an id-keyed list; nothing is
/// allocated but the changes.
pub fn changes(a: &Tree, b: &Tree) -> Vec<Change> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    diff_node(&mut path, &a.root, &b.root, &mut out);
    out
}

/// The changes from `a` to `b`, two nodes found at `path` (their paths start with it).
pub(crate) fn changes_between(path: &[String], a: &Node, b: &Node) -> Vec<Change> {
    let mut out = Vec::new();
    let mut p: Vec<&str> = path.iter().map(String::as_str).collect();
    diff_node(&mut p, a, b, &mut out);
    out
}

fn push(
    out: &mut Vec<Change>,
    path: &[&str],
    kind: ChangeKind,
    a: Option<Value>,
    b: Option<Value>,
) {
    out.push(Change {
        path: path.iter().map(|k| k.to_string()).collect(),
        kind,
        a,
        b,
    });
}

fn diff_node<'a>(path: &mut Vec<&'a str>, a: &'a Node, b: &'a Node, out: &mut Vec<Change>) {
    match (a, b) {
        // Items written the same are the same; others are read and compared.
        (Node::Raw(x), Node::Raw(y)) if x.text == y.text => {}
        (Node::Raw(_), _) | (_, Node::Raw(_)) => {
            let owned: Vec<String> = path.iter().map(|k| k.to_string()).collect();
            out.extend(changes_between(&owned, &a.expanded(), &b.expanded()));
        }
        (Node::Object { shape, members: ma }, Node::Object { members: mb, .. }) => {
            for (i, (k, x)) in ma.iter().enumerate() {
                diff_member(path, *shape, k, Some(x), member_at(mb, i, k), out);
            }
            for (i, (k, y)) in mb.iter().enumerate() {
                if member_at(ma, i, k).is_none() {
                    diff_member(path, *shape, k, None, Some(y), out);
                }
            }
        }
        (Node::Keyed(x), Node::Keyed(y)) => {
            for (id, n) in &x.items {
                path.push(id);
                match y.get(id) {
                    Some(m) => diff_node(path, n, m, out),
                    None => push(out, path, ChangeKind::Removed, Some(n.value()), None),
                }
                path.pop();
            }
            for (id, m) in &y.items {
                if !x.contains(id) {
                    path.push(id);
                    push(out, path, ChangeKind::Added, None, Some(m.value()));
                    path.pop();
                }
            }
        }
        _ => {
            if !same(a, b) {
                push(
                    out,
                    path,
                    ChangeKind::Changed,
                    Some(a.value()),
                    Some(b.value()),
                );
            }
        }
    }
}

/// An absent id-keyed list equals an empty one: when some side has the list and another
/// has nothing, the nothing becomes an empty list.
pub(crate) fn absent_as_empty(slot: Slot, sides: &mut [Option<&Node>]) {
    let Slot::List(item) = slot else {
        return;
    };
    if sides.iter().any(|s| matches!(s, Some(Node::Keyed(_)))) {
        for s in sides.iter_mut() {
            if s.is_none() {
                *s = Some(empty_list(item));
            }
        }
    }
}

fn diff_member<'a>(
    path: &mut Vec<&'a str>,
    shape: Shape,
    key: &'a str,
    a: Option<&'a Node>,
    b: Option<&'a Node>,
    out: &mut Vec<Change>,
) {
    let mut sides = [a, b];
    absent_as_empty(slot(shape, key), &mut sides);
    path.push(key);
    let default = default_of(shape, key);
    match sides {
        [Some(x), Some(y)] => diff_node(path, x, y, out),
        [Some(x), None] => match default {
            Some(d) if d.matches(x) => {}
            Some(d) => push(
                out,
                path,
                ChangeKind::Changed,
                Some(x.value()),
                Some(d.value()),
            ),
            None => push(out, path, ChangeKind::Removed, Some(x.value()), None),
        },
        [None, Some(y)] => match default {
            Some(d) if d.matches(y) => {}
            Some(d) => push(
                out,
                path,
                ChangeKind::Changed,
                Some(d.value()),
                Some(y.value()),
            ),
            None => push(out, path, ChangeKind::Added, None, Some(y.value())),
        },
        [None, None] => {}
    }
    path.pop();
}

/// Why a change could not be taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyError {
    pub path: Vec<String>,
    pub message: String,
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            Value::strings(&self.path).to_compact(),
            self.message
        )
    }
}

impl std::error::Error for ApplyError {}

/// `a` with `changes` taken, each setting its path to B's value (or removing it when B
/// has none). Any subset of `changes(a, b)` can be taken, in any order (their paths never
/// overlap); taking them all gives a tree [`same`](Tree::same) as `b`. Whether the
/// result is a valid scenario is the reader's to say ([`Tree::to_scenario`]): taking a
/// request without the bucket it was added with leaves a dangling reference.
///
/// A list or object that the path needs and `a` lacks is created; a path that runs
/// through a leaf is refused.
pub fn apply(a: &Tree, changes: &[super::Change]) -> Result<Tree, ApplyError> {
    let mut tree = a.clone();
    for c in changes {
        set(&mut tree.root, Shape::Root, &c.path, c.b.clone()).map_err(|message| ApplyError {
            path: c.path.clone(),
            message,
        })?;
    }
    Ok(tree)
}

/// Sets (or with `None` removes) the node at `path` below `node` (an object of `shape`).
pub(crate) fn set(
    node: &mut Node,
    shape: Shape,
    path: &[String],
    value: Option<Value>,
) -> Result<(), String> {
    let Some((key, rest)) = path.split_first() else {
        return Err("a change at the root replaces the whole scenario; it cannot be taken".into());
    };
    match node {
        Node::Object { members, .. } => {
            let slot = slot(shape, key);
            let at = members.iter().position(|(k, _)| k == key);
            if rest.is_empty() {
                match (at, value) {
                    (Some(i), Some(v)) => members[i].1 = Node::from_value(v, slot),
                    (None, Some(v)) => members.push((key.clone(), Node::from_value(v, slot))),
                    (Some(i), None) => {
                        members.remove(i);
                    }
                    (None, None) => {}
                }
                return Ok(());
            }
            let i = match at {
                Some(i) => i,
                None if value.is_none() => return Ok(()),
                None => {
                    let fresh = match slot {
                        Slot::List(item) => Node::keyed(Keyed::empty(item)),
                        Slot::Capacity => Node::keyed(Keyed::empty(Shape::CapacityEntry)),
                        Slot::Object(s) => Node::Object {
                            shape: s,
                            members: Vec::new(),
                        },
                    };
                    members.push((key.clone(), fresh));
                    members.len() - 1
                }
            };
            let child_shape = match slot {
                Slot::Object(s) => s,
                Slot::List(item) => item,
                Slot::Capacity => Shape::CapacityEntry,
            };
            set(&mut members[i].1, child_shape, rest, value)
        }
        Node::Keyed(k) => {
            let item = k.item;
            if rest.is_empty() {
                match value {
                    Some(v) => {
                        let node = match v {
                            Value::Object(_) => Node::from_value(v, Slot::Object(item)),
                            other => Node::Leaf(other),
                        };
                        k.set(key.clone(), node);
                    }
                    None => k.remove(key),
                }
                return Ok(());
            }
            match k.get_mut(key) {
                // (An item kept as text is read by the `Raw` arm below.)
                Some(child) => set(child, item, rest, value),
                None if value.is_none() => Ok(()),
                None => Err(format!(
                    "there is no item with the id {}",
                    Value::str(key).describe()
                )),
            }
        }
        Node::Leaf(_) => Err(format!(
            "{} is not an object here, so the change does not fit",
            Value::str(key).describe()
        )),
        Node::Raw(_) => {
            let read = node.expand().expect("a raw node reads");
            *node = read;
            set(node, shape, path, value)
        }
    }
}
