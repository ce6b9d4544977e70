//! What the page shows of a scenario besides the numbers: the model with each criterion
//! described in words, the lists, the requests' light fields, and the contract's words the
//! page offers in its menus (methods, scales, presets…) — each as a JSON value, so the
//! words are written once, here and in [`crate::model`].

use crate::json::path::{segments, Segment};
use crate::json::{Cursor, Object, Value};
use crate::model::*;
use crate::object;
use crate::presets::PRESETS;
use crate::{explain, limits, write};

/// Everything but the requests: `name`, `as_of`, `method`, `use_confidence`, `criteria`
/// (with defaults applied and a `description` in words), `criteria_raw` (the criteria as
/// the file holds them, unknown fields too, for editing forms), `buckets`, `sources`,
/// `accounts`, `capacity` (as the file holds them), and the words the page offers:
/// `methods`, `scales`, `transforms`, `derives`, `directions`, `statuses`, `pins`,
/// `presets` and the `limits`.
pub fn model(s: &Scenario) -> Value {
    // The file's own form of everything but the requests (unknown fields included).
    let text = write::to_string_without_requests(s);
    let Value::Object(file) = Cursor::new(&text, 0).value() else {
        unreachable!("a scenario is written as an object")
    };
    let method = s.model.method();
    let criteria: Vec<Value> = s
        .model
        .criteria
        .iter()
        .map(|c| {
            object! {
                "id": &c.id, "label": &c.label, "direction": c.direction.as_str(),
                "weight": c.weight(), "scale": c.scale().as_str(), "min": c.min, "max": c.max,
                "transform": c.transform().as_str(), "derive": c.derive.map(Derive::as_str),
                "horizon_days": c.horizon_days(), "default": c.default,
                "description": explain::describe_criterion(c, method),
            }
        })
        .collect();
    let mut out = Object::new();
    for (k, v) in file {
        match k.as_str() {
            "requests" => {}
            "model" => {
                out.push(
                    "criteria_raw".into(),
                    v.get("criteria").cloned().unwrap_or(Value::Null),
                );
            }
            _ => out.push(k, v),
        }
    }
    out.insert("method".into(), method.as_str().into());
    out.insert("use_confidence".into(), s.model.use_confidence().into());
    out.insert("criteria".into(), criteria.into());
    let words = |all: Vec<&'static str>| Value::strings(all);
    out.insert(
        "methods".into(),
        words(Method::ALL.iter().map(|m| m.as_str()).collect()),
    );
    out.insert(
        "scales".into(),
        words(Scale::ALL.iter().map(|m| m.as_str()).collect()),
    );
    out.insert(
        "transforms".into(),
        words(Transform::ALL.iter().map(|m| m.as_str()).collect()),
    );
    out.insert(
        "derives".into(),
        words(Derive::ALL.iter().map(|m| m.as_str()).collect()),
    );
    out.insert(
        "directions".into(),
        words(Direction::ALL.iter().map(|m| m.as_str()).collect()),
    );
    out.insert(
        "statuses".into(),
        words(Status::ALL.iter().map(|m| m.as_str()).collect()),
    );
    out.insert(
        "pins".into(),
        words(Pin::ALL.iter().map(|m| m.as_str()).collect()),
    );
    out.insert(
        "presets".into(),
        PRESETS
            .iter()
            .map(|p| object! {"id": p.id, "label": p.label, "description": p.description})
            .collect::<Vec<_>>()
            .into(),
    );
    out.insert("limits".into(), limits());
    Value::Object(out)
}

/// The contract's limits, for the page to check input against before Rust refuses it.
pub fn limits() -> Value {
    object! {
        "content_bytes": limits::MAX_CONTENT_BYTES, "file_bytes": limits::MAX_FILE_BYTES,
        "requests": limits::MAX_REQUESTS, "accounts": limits::MAX_ACCOUNTS,
        "criteria": limits::MAX_CRITERIA, "string_chars": limits::MAX_STRING_CHARS,
    }
}

/// The requests' light fields for the table and its filters, in file order, as compact
/// JSON text: `[{id, title, bucket, tags, plan, status}]` (`bucket` an id). Written
/// straight to text, not through a [`Value`]: the page reads it on every change to the
/// requests, and at 100,000 requests building the tree cost twice what writing the text
/// does.
pub fn requests_text(s: &Scenario) -> String {
    use crate::json::write::string;
    let mut out = String::with_capacity(2 + s.requests.len() * 96);
    out.push('[');
    for (i, r) in s.requests.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":");
        string(&mut out, &r.id);
        out.push_str(",\"title\":");
        string(&mut out, &r.title);
        out.push_str(",\"bucket\":");
        match r.bucket {
            Some(b) => string(&mut out, &s.buckets[b].id),
            None => out.push_str("null"),
        }
        out.push_str(",\"tags\":[");
        for (j, tag) in r.tags.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            string(&mut out, tag);
        }
        out.push_str("],\"plan\":");
        match r.plan {
            Some(pin) => string(&mut out, pin.as_str()),
            None => out.push_str("null"),
        }
        out.push_str(",\"status\":");
        string(&mut out, r.status().as_str());
        out.push('}');
    }
    out.push(']');
    out
}

/// Problems as the page reads them: `[{path, steps, message}]`, where `steps` is the
/// path as a list of keys and indices (so a problem can be shown beside its field).
pub fn problems(p: &crate::Problems) -> Value {
    let list: Vec<Value> = p
        .list
        .iter()
        .map(|x| {
            let steps: Vec<Value> = segments(&x.path)
                .into_iter()
                .map(|s| match s {
                    Segment::Key(k) => Value::String(k),
                    Segment::Index(i) => Value::from(i),
                })
                .collect();
            object! {"path": &x.path, "steps": steps, "message": &x.message}
        })
        .collect();
    list.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_view_has_the_file_lists_and_the_words() {
        let s = crate::read::from_str(include_str!("../examples/field-service-q2.thresh.json"))
            .unwrap();
        let v = model(&s);
        assert_eq!(v.get("name").and_then(Value::as_str), Some(s.name.as_str()));
        assert!(v.get("requests").is_none());
        assert_eq!(
            v.get("criteria").and_then(Value::as_array).map(Vec::len),
            Some(5)
        );
        assert!(v.get("capacity").is_some() && v.get("buckets").is_some());
        assert_eq!(
            v.get("methods").map(Value::to_compact).as_deref(),
            Some(r#"["weighted-sum","weighted-product","ratio"]"#)
        );
    }

    /// The requests' text is what a JSON value of the same fields would write, whatever
    /// the strings hold (quotes, control and invisible characters, other scripts).
    #[test]
    fn the_requests_text_is_the_json_of_their_light_fields() {
        let mut s = crate::read::from_str(include_str!("../examples/field-service-q2.thresh.json"))
            .unwrap();
        s.requests[0].title = "Quote \" back\\slash\nline\u{202e}bidi\u{0} Zażółć 🙂".into();
        s.requests[1].tags = vec!["a\"b".into(), "ü".into()];
        s.requests[2].plan = Some(Pin::Must);
        let expected: Value = s
            .requests
            .iter()
            .map(|r| {
                object! {
                    "id": &r.id, "title": &r.title,
                    "bucket": r.bucket.map(|b| s.buckets[b].id.as_str()),
                    "tags": Value::strings(&r.tags), "plan": r.plan.map(Pin::as_str),
                    "status": r.status().as_str(),
                }
            })
            .collect::<Vec<_>>()
            .into();
        let text = requests_text(&s);
        assert_eq!(text, expected.to_compact());
        assert_eq!(Cursor::new(&text, 0).value(), expected);
        assert_eq!(
            requests_text(&Scenario {
                requests: vec![],
                ..s
            }),
            "[]"
        );
    }
}
