//! Canonical export: the same scenario always gives the same bytes.
//!
//! Known fields come first, in the contract's order; fields this version does not know
//! follow in their object, sorted by name. Objects are indented by two spaces; lists of
//! plain values (tags, numbers) stay on one line. Whole numbers are written without a
//! fraction (`4`, not `4.0`). The text ends with a newline. Reading the output and writing
//! it again gives identical bytes.

use serde_json::Value;

use crate::model::*;

/// The scenario as canonical JSON text.
pub fn to_string(s: &Scenario) -> String {
    let mut out = String::with_capacity(256 + s.requests.len() * 256);
    write_node(&mut out, &scenario(s, true), 0);
    out.push('\n');
    out
}

/// The scenario without its requests (`"requests": []`), for reading the model, the
/// lists and the capacity without writing every request.
pub fn to_string_without_requests(s: &Scenario) -> String {
    let mut out = String::new();
    write_node(&mut out, &scenario(s, false), 0);
    out
}

/// One request as the file holds it (its values in the model's order of criteria).
pub fn request_to_string(r: &Request, m: &Model) -> String {
    let mut out = String::new();
    write_node(&mut out, &request(r, m), 0);
    out
}

/// A JSON tree whose objects keep the order they are built in.
enum Node<'a> {
    Str(&'a str),
    Owned(String),
    Num(f64),
    Int(u64),
    Bool(bool),
    Raw(&'a Value),
    List(Vec<Node<'a>>),
    Object(Vec<(&'a str, Node<'a>)>),
}

struct Obj<'a>(Vec<(&'a str, Node<'a>)>);

impl<'a> Obj<'a> {
    fn new() -> Self {
        Obj(Vec::new())
    }
    fn put(&mut self, key: &'a str, node: Node<'a>) -> &mut Self {
        self.0.push((key, node));
        self
    }
    fn opt<T>(&mut self, key: &'a str, v: Option<T>, f: impl FnOnce(T) -> Node<'a>) -> &mut Self {
        if let Some(v) = v {
            self.0.push((key, f(v)));
        }
        self
    }
    fn str(&mut self, key: &'a str, v: &'a str) -> &mut Self {
        self.put(key, Node::Str(v))
    }
    fn opt_str(&mut self, key: &'a str, v: &'a Option<String>) -> &mut Self {
        self.opt(key, v.as_deref(), Node::Str)
    }
    fn opt_num(&mut self, key: &'a str, v: Option<f64>) -> &mut Self {
        self.opt(key, v, Node::Num)
    }
    fn extra(mut self, extra: &'a Extra) -> Node<'a> {
        for (k, v) in extra {
            self.0.push((k.as_str(), Node::Raw(v)));
        }
        Node::Object(self.0)
    }
}

fn scenario(s: &Scenario, with_requests: bool) -> Node<'_> {
    let mut o = Obj::new();
    o.str("format", FORMAT)
        .put("version", Node::Int(VERSION))
        .str("name", &s.name);
    if let Some(d) = s.as_of {
        o.put("as_of", date(d));
    }
    o.put("model", model(&s.model));
    if !s.capacity.is_empty() {
        let entries: Vec<Node> = s.capacity.iter().map(capacity).collect();
        let node = if s.capacity_is_list || entries.len() > 1 {
            Node::List(entries)
        } else {
            entries.into_iter().next().expect("one entry")
        };
        o.put("capacity", node);
    }
    if !s.buckets.is_empty() {
        o.put(
            "buckets",
            Node::List(s.buckets.iter().map(bucket).collect()),
        );
    }
    if !s.sources.is_empty() {
        o.put(
            "sources",
            Node::List(s.sources.iter().map(source).collect()),
        );
    }
    if !s.accounts.is_empty() {
        o.put(
            "accounts",
            Node::List(s.accounts.iter().map(account).collect()),
        );
    }
    o.put(
        "requests",
        Node::List(if with_requests {
            s.requests.iter().map(|r| request(r, &s.model)).collect()
        } else {
            Vec::new()
        }),
    );
    o.extra(&s.extra)
}

fn date<'a>(d: crate::date::Date) -> Node<'a> {
    Node::Owned(d.to_string())
}

fn model(m: &Model) -> Node<'_> {
    let mut o = Obj::new();
    o.opt("method", m.method, |x| Node::Str(x.as_str()))
        .opt("use_confidence", m.use_confidence, Node::Bool)
        .put(
            "criteria",
            Node::List(m.criteria.iter().map(criterion).collect()),
        );
    o.extra(&m.extra)
}

fn criterion(c: &Criterion) -> Node<'_> {
    let mut o = Obj::new();
    o.str("id", &c.id)
        .str("label", &c.label)
        .str("direction", c.direction.as_str())
        .opt_num("weight", c.weight)
        .opt("scale", c.scale, |x| Node::Str(x.as_str()))
        .opt_num("min", c.min)
        .opt_num("max", c.max)
        .opt("transform", c.transform, |x| Node::Str(x.as_str()))
        .opt("derive", c.derive, |x| Node::Str(x.as_str()))
        .opt("horizon_days", c.horizon_days, |h| Node::Int(h as u64));
    o.extra(&c.extra)
}

fn capacity(c: &CapacityEntry) -> Node<'_> {
    let mut o = Obj::new();
    o.str("criterion", &c.criterion)
        .put("amount", Node::Num(c.amount));
    o.extra(&c.extra)
}

fn bucket(b: &Bucket) -> Node<'_> {
    let mut o = Obj::new();
    o.str("id", &b.id)
        .opt_str("label", &b.label)
        .opt_num("min_share", b.min_share)
        .opt_num("max_share", b.max_share);
    o.extra(&b.extra)
}

fn source(s: &Source) -> Node<'_> {
    let mut o = Obj::new();
    o.str("id", &s.id)
        .opt_str("label", &s.label)
        .opt_num("credibility", s.credibility);
    o.extra(&s.extra)
}

fn account(a: &Account) -> Node<'_> {
    let mut o = Obj::new();
    o.str("id", &a.id)
        .opt_str("name", &a.name)
        .opt_num("arr", a.arr)
        .opt_str("segment", &a.segment)
        .opt("strategic", a.strategic, Node::Bool);
    o.extra(&a.extra)
}

fn request<'a>(r: &'a Request, m: &'a Model) -> Node<'a> {
    let mut o = Obj::new();
    o.str("id", &r.id)
        .str("title", &r.title)
        .opt_str("description", &r.description)
        .opt_str("bucket", &r.bucket);
    if !r.values.is_empty() {
        // In the model's order of criteria, which is how a PM reads them.
        let values = m
            .criteria
            .iter()
            .filter_map(|c| r.values.get_key_value(&c.id))
            .map(|(k, v)| (k.as_str(), estimate(v)))
            .collect();
        o.put("values", Node::Object(values));
    }
    if !r.asks.is_empty() {
        o.put("asks", Node::List(r.asks.iter().map(ask).collect()));
    }
    if let Some(d) = r.deadline {
        o.put("deadline", date(d));
    }
    o.opt_num("confidence", r.confidence)
        .opt("plan", r.plan, |p| Node::Str(p.as_str()));
    if !r.tags.is_empty() {
        o.put(
            "tags",
            Node::List(r.tags.iter().map(|t| Node::Str(t)).collect()),
        );
    }
    o.extra(&r.extra)
}

fn estimate(e: &Estimate) -> Node<'_> {
    match e {
        Estimate::Number(x) => Node::Num(*x),
        Estimate::Range {
            low,
            likely,
            high,
            extra,
        } => {
            let mut o = Obj::new();
            o.put("low", Node::Num(*low))
                .put("likely", Node::Num(*likely))
                .put("high", Node::Num(*high));
            o.extra(extra)
        }
    }
}

fn ask(a: &Ask) -> Node<'_> {
    let mut o = Obj::new();
    o.opt_str("account", &a.account)
        .opt_str("source", &a.source)
        .opt("count", a.count, |c| Node::Int(c as u64));
    if let Some(d) = a.date {
        o.put("date", date(d));
    }
    o.opt_str("note", &a.note);
    o.extra(&a.extra)
}

fn write_node(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Str(s) => write_str(out, s),
        Node::Owned(s) => write_str(out, s),
        Node::Num(x) => write_num(out, *x),
        Node::Int(i) => out.push_str(&i.to_string()),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Raw(v) => write_value(out, v, indent),
        Node::List(items) => {
            let inline = items
                .iter()
                .all(|n| !matches!(n, Node::List(_) | Node::Object(_)) && !is_container(n));
            write_list(out, items.len(), inline, indent, |out, i, ind| {
                write_node(out, &items[i], ind)
            });
        }
        Node::Object(fields) => {
            write_object(out, fields.len(), indent, |out, i, ind| {
                write_str(out, fields[i].0);
                out.push_str(": ");
                write_node(out, &fields[i].1, ind);
            });
        }
    }
}

fn is_container(n: &Node) -> bool {
    matches!(n, Node::Raw(Value::Array(_) | Value::Object(_)))
}

/// Fields this version does not know, written as they were (object keys sorted).
fn write_value(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Array(items) => {
            let inline = items
                .iter()
                .all(|x| !matches!(x, Value::Array(_) | Value::Object(_)));
            write_list(out, items.len(), inline, indent, |out, i, ind| {
                write_value(out, &items[i], ind)
            });
        }
        Value::Object(map) => {
            let fields: Vec<(&String, &Value)> = map.iter().collect();
            write_object(out, fields.len(), indent, |out, i, ind| {
                write_str(out, fields[i].0);
                out.push_str(": ");
                write_value(out, fields[i].1, ind);
            });
        }
        // Numbers, strings, booleans and null as serde_json writes them.
        other => out.push_str(&other.to_string()),
    }
}

fn write_list(
    out: &mut String,
    len: usize,
    inline: bool,
    indent: usize,
    mut item: impl FnMut(&mut String, usize, usize),
) {
    if len == 0 {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for i in 0..len {
        if inline {
            if i > 0 {
                out.push_str(", ");
            }
            item(out, i, indent);
        } else {
            out.push_str(if i > 0 { ",\n" } else { "\n" });
            push_indent(out, indent + 1);
            item(out, i, indent + 1);
        }
    }
    if !inline {
        out.push('\n');
        push_indent(out, indent);
    }
    out.push(']');
}

fn write_object(
    out: &mut String,
    len: usize,
    indent: usize,
    mut field: impl FnMut(&mut String, usize, usize),
) {
    if len == 0 {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for i in 0..len {
        out.push_str(if i > 0 { ",\n" } else { "\n" });
        push_indent(out, indent + 1);
        field(out, i, indent + 1);
    }
    out.push('\n');
    push_indent(out, indent);
    out.push('}');
}

fn push_indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_str(out: &mut String, s: &str) {
    out.push_str(&Value::String(s.to_owned()).to_string());
}

/// Whole numbers without a fraction; others in the shortest form that reads back exactly.
pub(crate) fn write_num(out: &mut String, x: f64) {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        out.push_str(&(x as i64).to_string());
    } else {
        out.push_str(&Value::from(x).to_string());
    }
}
