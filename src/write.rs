//! Canonical export: the same scenario always gives the same bytes.
//!
//! Known fields come first, in the contract's order; fields this version does not know
//! follow in their object, sorted by name. Objects are indented by two spaces; lists of
//! plain values (tags, numbers) stay on one line. Whole numbers are written without a
//! fraction (`4`, not `4.0`); numbers in unknown fields exactly as they were written. The
//! text ends with a newline. Reading the output and writing it again gives identical bytes.
//!
//! The text is written straight from the model, without a tree in between.

use crate::json::write::{ListWriter, ObjectWriter};
use crate::model::*;

/// The scenario as canonical JSON text.
pub fn to_string(s: &Scenario) -> String {
    let mut out = String::with_capacity(256 + s.requests.len() * 320);
    scenario(&mut out, s, true);
    out.push('\n');
    out
}

/// The scenario without its requests (`"requests": []`), for reading the model, the
/// lists and the capacity without writing every request.
pub fn to_string_without_requests(s: &Scenario) -> String {
    let mut out = String::new();
    scenario(&mut out, s, false);
    out
}

/// One request as the file holds it (its values in the model's order of criteria).
pub fn request_to_string(r: &Request, s: &Scenario) -> String {
    let mut out = String::new();
    request(&mut out, 0, r, s);
    out
}

fn scenario(out: &mut String, s: &Scenario, with_requests: bool) {
    let mut o = ObjectWriter::new(out, 0);
    o.str("format", FORMAT);
    o.key("version").push_str(&VERSION.to_string());
    o.str("name", &s.name);
    if let Some(d) = s.as_of {
        o.str("as_of", &d.to_string());
    }
    o.opt_str("currency", s.currency.as_deref());
    let level = o.member_level();
    model(o.key("model"), level, &s.model);
    if !s.capacity.is_empty() {
        let entry = |out: &mut String, level, c: &CapacityEntry| {
            let mut e = ObjectWriter::new(out, level);
            e.str("criterion", &s.model.criteria[c.criterion].id);
            e.num("amount", c.amount);
            e.extra(&c.extra);
            e.finish();
        };
        let out = o.key("capacity");
        if s.capacity_is_list || s.capacity.len() > 1 {
            list(out, level, &s.capacity, entry);
        } else {
            entry(out, level, &s.capacity[0]);
        }
    }
    if !s.buckets.is_empty() {
        list(o.key("buckets"), level, &s.buckets, |out, level, b| {
            let mut e = ObjectWriter::new(out, level);
            e.str("id", &b.id);
            e.opt_str("label", b.label.as_deref());
            e.opt_num("min_share", b.min_share);
            e.opt_num("max_share", b.max_share);
            e.extra(&b.extra);
            e.finish();
        });
    }
    if !s.sources.is_empty() {
        list(o.key("sources"), level, &s.sources, |out, level, src| {
            let mut e = ObjectWriter::new(out, level);
            e.str("id", &src.id);
            e.opt_str("label", src.label.as_deref());
            e.opt_num("credibility", src.credibility);
            e.extra(&src.extra);
            e.finish();
        });
    }
    if !s.accounts.is_empty() {
        list(o.key("accounts"), level, &s.accounts, |out, level, a| {
            let mut e = ObjectWriter::new(out, level);
            e.str("id", &a.id);
            e.opt_str("name", a.name.as_deref());
            e.opt_num("arr", a.arr);
            e.opt_str("segment", a.segment.as_deref());
            if let Some(b) = a.strategic {
                e.bool("strategic", b);
            }
            e.extra(&a.extra);
            e.finish();
        });
    }
    let requests: &[Request] = if with_requests { &s.requests } else { &[] };
    list(o.key("requests"), level, requests, |out, level, r| {
        request(out, level, r, s)
    });
    o.extra(&s.extra);
    o.finish();
}

/// A list of objects, one per line (`[]` when empty).
fn list<T>(out: &mut String, level: usize, items: &[T], item: impl Fn(&mut String, usize, &T)) {
    let mut l = ListWriter::new(out, level, false);
    for x in items {
        let level = l.item_level();
        item(l.item(), level, x);
    }
    l.finish();
}

fn model(out: &mut String, level: usize, m: &Model) {
    let mut o = ObjectWriter::new(out, level);
    if let Some(method) = m.method {
        o.str("method", method.as_str());
    }
    if let Some(b) = m.use_confidence {
        o.bool("use_confidence", b);
    }
    let level = o.member_level();
    list(o.key("criteria"), level, &m.criteria, criterion);
    if !m.views.is_empty() {
        list(o.key("views"), level, &m.views, |out, level, v| {
            view(out, level, v, &m.criteria)
        });
    }
    o.extra(&m.extra);
    o.finish();
}

/// A view: id, label, say, then its weights (in the model's order of criteria) or its
/// judgements (in the order given). Written at indentation `level` (a view file has one).
pub fn view(out: &mut String, level: usize, v: &View, criteria: &[Criterion]) {
    let mut o = ObjectWriter::new(out, level);
    o.str("id", &v.id);
    o.str("label", &v.label);
    o.opt_num("say", v.say);
    let level = o.member_level();
    match &v.kind {
        ViewKind::Weights(points) => {
            let mut w = ObjectWriter::new(o.key("weights"), level);
            for (k, &x) in points.iter() {
                w.num(&criteria[k].id, x);
            }
            w.finish();
        }
        ViewKind::Pairwise(judgements) => {
            list(o.key("pairwise"), level, judgements, |out, level, j| {
                let mut e = ObjectWriter::new(out, level);
                e.str("a", &criteria[j.a].id);
                e.str("b", &criteria[j.b].id);
                e.num("ratio", j.ratio);
                e.extra(&j.extra);
                e.finish();
            });
        }
    }
    o.extra(&v.extra);
    o.finish();
}

fn criterion(out: &mut String, level: usize, c: &Criterion) {
    let mut o = ObjectWriter::new(out, level);
    o.str("id", &c.id);
    o.str("label", &c.label);
    o.str("direction", c.direction.as_str());
    o.opt_num("weight", c.weight);
    o.opt_str("scale", c.scale.map(Scale::as_str));
    o.opt_num("min", c.min);
    o.opt_num("max", c.max);
    o.opt_str("transform", c.transform.map(Transform::as_str));
    o.opt_str("derive", c.derive.map(Derive::as_str));
    if let Some(h) = c.horizon_days {
        o.key("horizon_days").push_str(&h.to_string());
    }
    o.opt_num("default", c.default);
    if let Some(r) = &c.weight_range {
        let level = o.member_level();
        let mut w = ObjectWriter::new(o.key("weight_range"), level);
        w.num("low", r.low);
        w.num("high", r.high);
        w.extra(&r.extra);
        w.finish();
    }
    o.extra(&c.extra);
    o.finish();
}

fn request(out: &mut String, level: usize, r: &Request, s: &Scenario) {
    let mut o = ObjectWriter::new(out, level);
    o.str("id", &r.id);
    o.str("title", &r.title);
    o.opt_str("description", r.description.as_deref());
    o.opt_str("bucket", r.bucket.map(|b| s.buckets[b].id.as_str()));
    let level = o.member_level();
    if !r.values.is_empty() {
        // In the model's order of criteria, which is how a PM reads them.
        let mut v = ObjectWriter::new(o.key("values"), level);
        for (k, e) in r.values.iter() {
            let id = &s.model.criteria[k].id;
            match e {
                Estimate::Number(x) => v.num(id, *x),
                Estimate::Range(range) => {
                    let level = v.member_level();
                    let mut w = ObjectWriter::new(v.key(id), level);
                    w.num("low", range.low);
                    w.num("likely", range.likely);
                    w.num("high", range.high);
                    w.extra(&range.extra);
                    w.finish();
                }
            }
        }
        v.finish();
    }
    if !r.asks.is_empty() {
        list(o.key("asks"), level, &r.asks, |out, level, a| {
            let mut e = ObjectWriter::new(out, level);
            e.opt_str("account", s.account_id(a));
            e.opt_str("source", s.source_id(a));
            if let Some(c) = a.count {
                e.key("count").push_str(&c.to_string());
            }
            if let Some(d) = a.date {
                e.str("date", &d.to_string());
            }
            e.opt_str("note", a.note.as_deref());
            e.extra(&a.extra);
            e.finish();
        });
    }
    if let Some(d) = r.deadline {
        o.str("deadline", &d.to_string());
    }
    o.opt_num("confidence", r.confidence);
    o.opt_str("plan", r.plan.map(Pin::as_str));
    o.opt_str("status", r.status.map(Status::as_str));
    if !r.tags.is_empty() {
        o.strings("tags", &r.tags);
    }
    o.extra(&r.extra);
    o.finish();
}
