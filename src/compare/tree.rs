//! The tree that is compared (sharing contract §1): objects key by key, the id-keyed lists
//! item by item by id, everything else a leaf compared as JSON, and defaults equal to
//! absence.
//!
//! A [`Tree`] is built from a scenario's canonical text (so it holds exactly what the file
//! holds, unknown fields included) and written back as text for the reader. Each object
//! knows its [`Shape`] — where it stands in the scenario — which says which of its members
//! are id-keyed lists and which have a documented default.
//!
//! The items of the id-keyed lists are kept as their text ([`Node::Raw`]) and read as
//! objects only when they are compared with an item whose text differs: in canonical text
//! an item written the same is the same item, and two edited copies of a scenario of
//! 10,000 requests share almost all of them. (Text that differs may still be the same item
//! — a field written at its default — so differing text is read and compared by §1.)

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::ReadError;
use crate::json::write::{ListWriter, ObjectWriter};
use crate::json::{Cursor, Kind, Value};
use crate::model::{self, Method, Scale, Scenario, Status, Transform};

/// Where an object stands in a scenario: what its members hold and which have defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Root,
    Model,
    Criterion,
    View,
    Source,
    Account,
    Bucket,
    Request,
    CapacityEntry,
    /// Any other object (values, ranges, weight ranges, unknown fields' objects).
    Plain,
}

/// What a member of an object holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    Object(Shape),
    /// An id-keyed list whose items have this shape.
    List(Shape),
    /// `capacity`: one entry or a list of them, keyed by `criterion`; an absent capacity
    /// is a key like any other (not an empty list).
    Capacity,
}

/// The slot of member `key` of an object of shape `parent`.
pub(crate) fn slot(parent: Shape, key: &str) -> Slot {
    match (parent, key) {
        (Shape::Root, "model") => Slot::Object(Shape::Model),
        (Shape::Root, "sources") => Slot::List(Shape::Source),
        (Shape::Root, "accounts") => Slot::List(Shape::Account),
        (Shape::Root, "buckets") => Slot::List(Shape::Bucket),
        (Shape::Root, "requests") => Slot::List(Shape::Request),
        (Shape::Root, "capacity") => Slot::Capacity,
        (Shape::Model, "criteria") => Slot::List(Shape::Criterion),
        (Shape::Model, "views") => Slot::List(Shape::View),
        _ => Slot::Object(Shape::Plain),
    }
}

/// The member that keys an item of a list.
fn key_field(item: Shape) -> &'static str {
    if item == Shape::CapacityEntry {
        "criterion"
    } else {
        "id"
    }
}

/// A documented default: a number, a keyword or a boolean.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Fixed {
    Number(f64),
    Word(&'static str),
    Bool(bool),
}

impl Fixed {
    /// Whether a node is this default, as a leaf (numbers by value).
    pub(crate) fn matches(self, node: &Node) -> bool {
        match (self, node) {
            (Fixed::Number(x), Node::Leaf(Value::Number(n))) => n.as_f64() == x,
            (Fixed::Word(w), Node::Leaf(Value::String(s))) => s == w,
            (Fixed::Bool(b), Node::Leaf(Value::Bool(c))) => b == *c,
            _ => false,
        }
    }

    pub(crate) fn value(self) -> Value {
        match self {
            Fixed::Number(x) => Value::Number(crate::json::Number::from_text(
                &crate::json::number::canonical(x),
            )),
            Fixed::Word(w) => Value::str(w),
            Fixed::Bool(b) => Value::Bool(b),
        }
    }
}

/// The table of defaults (scenario-v1 §2, §3, §5; team-v1 §1): a field absent from an
/// object compared key by key equals the field present with this value. Fields without a
/// default (`derive`, `default`, `plan`, `deadline`, …) are added or removed like any key.
/// An ask's `count` (default 1) is not here: asks are a leaf list, compared as written.
pub(crate) fn default_of(shape: Shape, key: &str) -> Option<Fixed> {
    Some(match (shape, key) {
        (Shape::Model, "method") => Fixed::Word(Method::WeightedSum.as_str()),
        (Shape::Model, "use_confidence") => Fixed::Bool(true),
        (Shape::Criterion, "weight") => Fixed::Number(model::DEFAULT_WEIGHT),
        (Shape::Criterion, "scale") => Fixed::Word(Scale::MinMax.as_str()),
        (Shape::Criterion, "transform") => Fixed::Word(Transform::Linear.as_str()),
        (Shape::Criterion, "horizon_days") => Fixed::Number(f64::from(model::DEFAULT_HORIZON_DAYS)),
        (Shape::View, "say") => Fixed::Number(1.0),
        (Shape::Source, "credibility") => Fixed::Number(1.0),
        (Shape::Account, "arr") => Fixed::Number(0.0),
        (Shape::Account, "strategic") => Fixed::Bool(false),
        (Shape::Bucket, "min_share") => Fixed::Number(0.0),
        (Shape::Bucket, "max_share") => Fixed::Number(1.0),
        (Shape::Request, "confidence") => Fixed::Number(1.0),
        (Shape::Request, "status") => Fixed::Word(Status::Open.as_str()),
        _ => return None,
    })
}

/// A node of the tree.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// Numbers, strings, booleans, `null`, lists that are not id-keyed.
    Leaf(Value),
    /// An object compared key by key; members in the order written.
    Object {
        shape: Shape,
        members: Vec<(String, Node)>,
    },
    /// An id-keyed list (or the capacity), compared item by item. Boxed: leaves and
    /// objects are most nodes, and stay small.
    Keyed(Box<Keyed>),
    /// An item of an id-keyed list as the JSON text it was read from, standing for the
    /// object of `shape` that text describes (see the module's doc); [`Node::expand`]
    /// reads it. Never nested: what it expands to holds no `Raw`.
    Raw(Box<Raw>),
}

/// An item's text, and where it stands.
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub shape: Shape,
    pub text: Box<str>,
}

/// FxHash (as rustc uses): ids are short strings from our own files, and the standard
/// hasher's resistance to chosen keys costs more than the rest of an item's lookup.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Index = HashMap<String, usize, std::hash::BuildHasherDefault<IdHasher>>;

/// An id-keyed list: items in the order written, found by id.
#[derive(Clone, Debug)]
pub(crate) struct Keyed {
    pub item: Shape,
    pub items: Vec<(String, Node)>,
    index: Index,
    /// The capacity written as one object rather than a list.
    pub one_object: bool,
}

impl Keyed {
    pub(crate) fn new(item: Shape, items: Vec<(String, Node)>, one_object: bool) -> Keyed {
        let index = items
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), i))
            .collect();
        Keyed {
            item,
            items,
            index,
            one_object,
        }
    }

    /// An empty list (what an absent id-keyed list equals); allocates nothing.
    pub(crate) fn empty(item: Shape) -> Keyed {
        Keyed {
            item,
            items: Vec::new(),
            index: Index::default(),
            one_object: false,
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.items[i].1)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Node> {
        let i = *self.index.get(id)?;
        Some(&mut self.items[i].1)
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Appends an item, or replaces the item with the same id in place.
    pub(crate) fn set(&mut self, id: String, node: Node) {
        match self.index.get(&id) {
            Some(&i) => self.items[i].1 = node,
            None => {
                self.index.insert(id.clone(), self.items.len());
                self.items.push((id, node));
            }
        }
    }

    pub(crate) fn remove(&mut self, id: &str) {
        if let Some(i) = self.index.remove(id) {
            self.items.remove(i);
            for (_, j) in self.index.iter_mut() {
                if *j > i {
                    *j -= 1;
                }
            }
        }
    }
}

/// Every shape, for the table of empty lists.
const SHAPES: [Shape; 10] = [
    Shape::Root,
    Shape::Model,
    Shape::Criterion,
    Shape::View,
    Shape::Source,
    Shape::Account,
    Shape::Bucket,
    Shape::Request,
    Shape::CapacityEntry,
    Shape::Plain,
];

/// An empty id-keyed list of `item`s: what an absent id-keyed list equals. Shared, so that
/// a walk can stand it beside the other side's list without building one.
pub(crate) fn empty_list(item: Shape) -> &'static Node {
    static EMPTY: OnceLock<Vec<Node>> = OnceLock::new();
    let all = EMPTY.get_or_init(|| {
        SHAPES
            .iter()
            .map(|&s| Node::keyed(Keyed::empty(s)))
            .collect()
    });
    let i = SHAPES.iter().position(|&s| s == item).expect("every shape");
    &all[i]
}

/// The member `key` of `members`, looked for first at `i` (both sides of a comparison
/// usually write their members in the same order), then everywhere.
pub(crate) fn member_at<'a>(
    members: &'a [(String, Node)],
    i: usize,
    key: &str,
) -> Option<&'a Node> {
    match members.get(i) {
        Some((k, n)) if k == key => Some(n),
        _ => member(members, key),
    }
}

impl Node {
    pub(crate) fn keyed(k: Keyed) -> Node {
        Node::Keyed(Box::new(k))
    }

    /// Reads the value a cursor stands at (in well-formed text) as the node for `slot`,
    /// without a [`Value`] in between for the objects and id-keyed lists.
    pub(crate) fn read(cur: &mut Cursor, slot: Slot) -> Node {
        match (cur.kind(), slot) {
            (Kind::Object, Slot::Object(shape)) => Node::read_object(cur, shape),
            (Kind::Object, Slot::Capacity) => {
                let entry = Node::read_object(cur, Shape::CapacityEntry);
                match entry.member("criterion") {
                    Some(Node::Leaf(Value::String(id))) => {
                        let id = id.clone();
                        Node::keyed(Keyed::new(Shape::CapacityEntry, vec![(id, entry)], true))
                    }
                    _ => Node::Leaf(entry.value()),
                }
            }
            (Kind::Array, Slot::List(item)) => Node::read_list(cur, item),
            (Kind::Array, Slot::Capacity) => Node::read_list(cur, Shape::CapacityEntry),
            _ => Node::Leaf(cur.value()),
        }
    }

    fn read_object(cur: &mut Cursor, shape: Shape) -> Node {
        let mut members: Vec<(String, Node)> = Vec::new();
        cur.enter_object();
        while let Some(key) = cur.next_key() {
            let node = Node::read(cur, slot(shape, &key));
            // A key written twice keeps its last value, as everywhere else.
            match members.iter_mut().find(|(k, _)| *k == key) {
                Some(m) => m.1 = node,
                None => members.push((key.into_owned(), node)),
            }
        }
        Node::Object { shape, members }
    }

    fn read_list(cur: &mut Cursor, item: Shape) -> Node {
        let key = key_field(item);
        let mut items: Vec<(String, Node)> = Vec::new();
        let mut index = Index::default();
        let mut keyable = true;
        // Capacity entries stay objects: small, and written as one object or a list.
        let raw = item != Shape::CapacityEntry;
        cur.enter_array();
        while cur.next_item() {
            let (node, id) = if cur.kind() != Kind::Object {
                (Node::Leaf(cur.value()), None)
            } else if raw {
                Node::read_raw(cur, item, key)
            } else {
                let node = Node::read_object(cur, item);
                let id = match node.member(key) {
                    Some(Node::Leaf(Value::String(id))) => Some(id.clone()),
                    _ => None,
                };
                (node, id)
            };
            let id = match id {
                Some(id) if keyable => id,
                _ => {
                    keyable = false;
                    String::new()
                }
            };
            if keyable && index.insert(id.clone(), items.len()).is_some() {
                keyable = false;
            }
            items.push((id, node));
        }
        if !keyable {
            // Not a list of items with distinct ids: a leaf, compared as written.
            return Node::Leaf(Value::Array(items.iter().map(|(_, n)| n.value()).collect()));
        }
        Node::keyed(Keyed {
            item,
            items,
            index,
            one_object: false,
        })
    }

    /// An object the cursor stands at, kept as its text, and its key field's string (the
    /// last one, as reading it would keep) if it has one.
    fn read_raw(cur: &mut Cursor, shape: Shape, key: &str) -> (Node, Option<String>) {
        let start = cur.offset();
        let text = cur.text();
        let mut id = None;
        cur.enter_object();
        while let Some(k) = cur.next_key() {
            if k == key && cur.kind() == Kind::String {
                id = Some(cur.string().into_owned());
            } else {
                if k == key {
                    id = None;
                }
                cur.skip();
            }
        }
        let raw = Raw {
            shape,
            text: text[start..cur.offset()].into(),
        };
        (Node::Raw(Box::new(raw)), id)
    }

    /// The object a [`Node::Raw`] stands for; `None` for any other node.
    pub(crate) fn expand(&self) -> Option<Node> {
        match self {
            Node::Raw(r) => Some(Node::read_object(&mut Cursor::new(&r.text, 0), r.shape)),
            _ => None,
        }
    }

    /// The node, a [`Node::Raw`] read as the object it stands for.
    pub(crate) fn expanded(&self) -> Cow<'_, Node> {
        match self.expand() {
            Some(n) => Cow::Owned(n),
            None => Cow::Borrowed(self),
        }
    }

    /// The node of `value` standing in `slot`: an id-keyed list only when every item is an
    /// object with a string key and no key repeats (otherwise the list is a leaf).
    pub(crate) fn from_value(value: Value, slot: Slot) -> Node {
        match (slot, value) {
            (Slot::Object(shape), Value::Object(o)) => Node::object(shape, o),
            (Slot::List(item), Value::Array(items)) if keyable(&items, key_field(item)) => {
                Node::keyed(keyed_from_values(item, items, false))
            }
            (Slot::Capacity, Value::Object(o))
                if o.get("criterion").and_then(Value::as_str).is_some() =>
            {
                let items = vec![Value::Object(o)];
                Node::keyed(keyed_from_values(Shape::CapacityEntry, items, true))
            }
            (Slot::Capacity, Value::Array(items)) if keyable(&items, "criterion") => {
                Node::keyed(keyed_from_values(Shape::CapacityEntry, items, false))
            }
            (_, v) => Node::Leaf(v),
        }
    }

    fn object(shape: Shape, o: crate::json::Object) -> Node {
        let members = o
            .into_iter()
            .map(|(k, v)| {
                let node = Node::from_value(v, slot(shape, &k));
                (k, node)
            })
            .collect();
        Node::Object { shape, members }
    }

    /// The node as JSON (an id-keyed list as a list; a one-object capacity as the object).
    pub(crate) fn value(&self) -> Value {
        match self {
            Node::Leaf(v) => v.clone(),
            Node::Object { members, .. } => Value::Object(
                members
                    .iter()
                    .map(|(k, n)| (k.clone(), n.value()))
                    .collect(),
            ),
            Node::Keyed(k) if k.one_object && k.items.len() == 1 => k.items[0].1.value(),
            Node::Keyed(k) => Value::Array(k.items.iter().map(|(_, n)| n.value()).collect()),
            Node::Raw(r) => Cursor::new(&r.text, 0).value(),
        }
    }

    /// An object's member.
    pub(crate) fn member(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object { members, .. } => member(members, key),
            _ => None,
        }
    }
}

pub(crate) fn member<'a>(members: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    members.iter().find(|(k, _)| k == key).map(|(_, n)| n)
}

fn keyable(items: &[Value], key: &str) -> bool {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items
        .iter()
        .all(|v| match v.get(key).and_then(Value::as_str) {
            Some(id) => seen.insert(id),
            None => false,
        })
}

fn keyed_from_values(item: Shape, items: Vec<Value>, one_object: bool) -> Keyed {
    let key = key_field(item);
    let items = items
        .into_iter()
        .map(|v| {
            let id = v
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let node = match v {
                Value::Object(o) => Node::object(item, o),
                other => Node::Leaf(other),
            };
            (id, node)
        })
        .collect();
    Keyed::new(item, items, one_object)
}

/// Whether two JSON values are equal as JSON: numbers by value (`1` equals `1.0`), object
/// members in any order.
pub(crate) fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x.as_str() == y.as_str() {
                return true;
            }
            let (p, q) = (x.as_f64(), y.as_f64());
            // Numbers too large for a float are compared as written.
            p.is_finite() && p == q
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Null, Value::Null) => true,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => false,
    }
}

/// Whether two nodes are equal by §1: objects key by key with defaults, id-keyed lists
/// item by item whatever their order, leaves as JSON.
pub(crate) fn same(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Leaf(x), Node::Leaf(y)) => same_json(x, y),
        (Node::Object { shape, members: ma }, Node::Object { members: mb, .. }) => {
            ma.iter()
                .enumerate()
                .all(|(i, (k, x))| same_member(*shape, k, Some(x), member_at(mb, i, k)))
                && mb
                    .iter()
                    .enumerate()
                    .filter(|(i, (k, _))| member_at(ma, *i, k).is_none())
                    .all(|(_, (k, y))| same_member(*shape, k, None, Some(y)))
        }
        (Node::Keyed(x), Node::Keyed(y)) => {
            x.items.len() == y.items.len()
                && x.items
                    .iter()
                    .all(|(id, n)| y.get(id).is_some_and(|m| same(n, m)))
        }
        // An item written the same is the same item; otherwise it is read and compared.
        (Node::Raw(x), Node::Raw(y)) if x.text == y.text => true,
        (Node::Raw(_), _) | (_, Node::Raw(_)) => same(&a.expanded(), &b.expanded()),
        // Kinds that differ (a list that is id-keyed on one side only): as JSON.
        _ => same_json(&a.value(), &b.value()),
    }
}

/// Whether member `key` of an object of shape `shape` is the same on both sides, an
/// absent member equal to its default (or, for an id-keyed list, to an empty list).
pub(crate) fn same_member(shape: Shape, key: &str, a: Option<&Node>, b: Option<&Node>) -> bool {
    same_or_default(a, b, default_of(shape, key), slot(shape, key))
}

/// [`same_member`] with the default and the slot given.
pub(crate) fn same_or_default(
    a: Option<&Node>,
    b: Option<&Node>,
    default: Option<Fixed>,
    slot: Slot,
) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => same(x, y),
        (None, None) => true,
        (Some(x), None) | (None, Some(x)) => {
            default.is_some_and(|d| d.matches(x))
                || (matches!(slot, Slot::List(_))
                    && matches!(x, Node::Keyed(k) if k.items.is_empty()))
        }
    }
}

/// A scenario as the tree that compare and merge see.
#[derive(Clone, Debug)]
pub struct Tree {
    pub(crate) root: Node,
}

impl Tree {
    /// The tree of a scenario: its canonical text, read back.
    ///
    /// Cost: writing the text (what [`crate::write::to_string`] costs) and one pass over
    /// it; the tree holds about the text's size again.
    pub fn of(s: &Scenario) -> Tree {
        let text = crate::write::to_string(s);
        Tree {
            root: Node::read(&mut Cursor::new(&text, 0), Slot::Object(Shape::Root)),
        }
    }

    /// The tree of a JSON document (a scenario's JSON, or anything else: what is not a
    /// scenario's shape is compared as leaves).
    pub fn from_value(value: Value) -> Tree {
        Tree {
            root: Node::from_value(value, Slot::Object(Shape::Root)),
        }
    }

    /// The document as JSON, members and items in the tree's order.
    pub fn to_value(&self) -> Value {
        self.root.value()
    }

    /// The document as text in the canonical layout (two-space indentation, lists of plain
    /// values on one line), members in the tree's order. For a scenario in canonical form
    /// (field order included), read it with [`Tree::to_scenario`] and write that.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        write_node(&mut out, &self.root, 0);
        out.push('\n');
        out
    }

    /// The scenario this tree describes, through the reader (every problem with its path).
    pub fn to_scenario(&self) -> Result<Scenario, ReadError> {
        crate::read::from_str(&self.to_text())
    }

    /// The JSON at a path (`["requests", "FS-101", "values", "cost"]`), `None` where
    /// nothing is written (a default is not filled in).
    pub fn get(&self, path: &[String]) -> Option<Value> {
        self.node(path).map(|n| n.value())
    }

    /// The node at a path (an item kept as text is read, and returned read).
    pub(crate) fn node(&self, path: &[String]) -> Option<Cow<'_, Node>> {
        node_at(&self.root, path)
    }

    /// Whether two trees are equal by §1 (defaults equal to absence, lists by id, numbers
    /// by value): exactly when [`changes`](super::changes) between them is empty.
    pub fn same(&self, other: &Tree) -> bool {
        same(&self.root, &other.root)
    }
}

/// The node at `path` below `node`.
fn node_at<'a>(node: &'a Node, path: &[String]) -> Option<Cow<'a, Node>> {
    let Some((key, rest)) = path.split_first() else {
        return Some(node.expanded());
    };
    let child = match node {
        Node::Object { members, .. } => member(members, key)?,
        Node::Keyed(k) => k.get(key)?,
        Node::Leaf(_) => return None,
        Node::Raw(_) => {
            let read = node.expand()?;
            return node_at(&read, path).map(|n| Cow::Owned(n.into_owned()));
        }
    };
    node_at(child, rest)
}

/// Writes a node in the canonical layout, keeping its members' order. An item kept as
/// text is written as read: at the place it was read from, that is the canonical layout.
pub(crate) fn write_node(out: &mut String, node: &Node, level: usize) {
    match node {
        Node::Raw(r) => out.push_str(&r.text),
        Node::Leaf(v) => write_value(out, v, level),
        Node::Object { members, .. } => {
            let mut o = ObjectWriter::new(out, level);
            let inner = o.member_level();
            for (k, n) in members {
                write_node(o.key(k), n, inner);
            }
            o.finish();
        }
        Node::Keyed(k) if k.one_object && k.items.len() == 1 => {
            write_node(out, &k.items[0].1, level)
        }
        Node::Keyed(k) => {
            let mut list = ListWriter::new(out, level, k.items.is_empty());
            let inner = list.item_level();
            for (_, n) in &k.items {
                write_node(list.item(), n, inner);
            }
            list.finish();
        }
    }
}

/// A JSON value in the canonical layout, keeping its members' order.
fn write_value(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Object(o) => {
            let mut w = ObjectWriter::new(out, level);
            let inner = w.member_level();
            for (k, x) in o.iter() {
                write_value(w.key(k), x, inner);
            }
            w.finish();
        }
        Value::Array(items) => {
            let inline = !items
                .iter()
                .any(|x| matches!(x, Value::Array(_) | Value::Object(_)));
            let mut list = ListWriter::new(out, level, inline);
            let inner = list.item_level();
            for x in items {
                write_value(list.item(), x, inner);
            }
            list.finish();
        }
        other => crate::json::write::compact(out, other),
    }
}
