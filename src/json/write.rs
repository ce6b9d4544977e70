//! Writing JSON: strings escaped, and values laid out in one of two fixed layouts.
//!
//! - **Canonical** (the scenario file, §1 of the contract): two-space indentation, every
//!   non-empty object one member per line, lists of plain values on one line
//!   (`["a", "b"]`), lists holding containers one item per line; object members of
//!   [`Value`]s (fields this version does not know) sorted by key. [`ObjectWriter`] and
//!   [`write_canonical`] build it.
//! - **Report** ([`pretty`]): the command line's JSON documents — two-space indentation,
//!   every non-empty container one member per line, members in the order built.

use super::number;
use super::value::Value;

/// A string as a JSON string literal: `"`, `\\` and control characters escaped, and so are
/// the invisible characters that would change how the text shows on a screen (bidi
/// overrides, zero-width characters: see [`crate::text::is_hazard`]); everything else, all
/// of Unicode, is written as it is.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escaped = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x08 => Some("\\b"),
            0x0C => Some("\\f"),
            0..=0x1F | 0x7F => None,
            // Lead bytes of the hazardous characters above U+007F.
            0xC2 | 0xD8 | 0xE2 | 0xEF => {
                let c = s[i..].chars().next().expect("a character starts here");
                if !crate::text::is_hazard(c) {
                    i += c.len_utf8();
                    continue;
                }
                None
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[plain..i]);
        let c = s[i..].chars().next().expect("a character starts here");
        match escaped {
            Some(e) => out.push_str(e),
            None => out.push_str(&format!("\\u{:04x}", c as u32)),
        }
        i += c.len_utf8();
        plain = i;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// `s` as a JSON string literal.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    string(&mut out, s);
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// A value on one line without spaces.
pub fn compact(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                compact(out, x);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, k);
                out.push(':');
                compact(out, x);
            }
            out.push('}');
        }
    }
}

/// The command line's report layout, ending without a newline.
pub fn pretty(v: &Value) -> String {
    let mut out = String::new();
    pretty_into(&mut out, v, 0);
    out
}

fn pretty_into(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                out.push_str(if i > 0 { ",\n" } else { "\n" });
                indent(out, level + 1);
                pretty_into(out, x, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push(']');
        }
        Value::Object(o) if !o.is_empty() => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                out.push_str(if i > 0 { ",\n" } else { "\n" });
                indent(out, level + 1);
                string(out, k);
                out.push_str(": ");
                pretty_into(out, x, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push('}');
        }
        other => compact(out, other),
    }
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Object(_))
}

/// A value in the canonical layout at indentation `level` (object members sorted by key).
pub fn write_canonical(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Array(items) => {
            let mut list = ListWriter::new(out, level, !items.iter().any(is_container));
            for x in items {
                write_canonical(list.item(), x, level + 1);
            }
            list.finish();
        }
        Value::Object(o) => {
            let mut obj = ObjectWriter::new(out, level);
            for (k, x) in o.sorted() {
                obj.value(k, x);
            }
            obj.finish();
        }
        other => compact(out, other),
    }
}

/// Writes an object in the canonical layout, member by member.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    level: usize,
    members: usize,
}

impl<'a> ObjectWriter<'a> {
    /// Starts an object at indentation `level` (where its `{` stands).
    pub fn new(out: &'a mut String, level: usize) -> ObjectWriter<'a> {
        out.push('{');
        ObjectWriter {
            out,
            level,
            members: 0,
        }
    }

    /// Writes `"key": ` on a new line and returns the output for the value, which is
    /// written at indentation `level + 1`.
    pub fn key(&mut self, key: &str) -> &mut String {
        self.out
            .push_str(if self.members > 0 { ",\n" } else { "\n" });
        self.members += 1;
        indent(self.out, self.level + 1);
        string(self.out, key);
        self.out.push_str(": ");
        self.out
    }

    /// The indentation level of this object's members.
    pub fn member_level(&self) -> usize {
        self.level + 1
    }

    pub fn str(&mut self, key: &str, v: &str) {
        string(self.key(key), v);
    }

    pub fn opt_str(&mut self, key: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.str(key, v);
        }
    }

    /// A number in the canonical form (whole numbers without a fraction).
    pub fn num(&mut self, key: &str, x: f64) {
        let text = number::canonical(x);
        self.key(key).push_str(&text);
    }

    pub fn opt_num(&mut self, key: &str, x: Option<f64>) {
        if let Some(x) = x {
            self.num(key, x);
        }
    }

    pub fn bool(&mut self, key: &str, b: bool) {
        self.key(key).push_str(if b { "true" } else { "false" });
    }

    /// Any value, in the canonical layout.
    pub fn value(&mut self, key: &str, v: &Value) {
        let level = self.level + 1;
        write_canonical(self.key(key), v, level);
    }

    /// A list of strings on one line.
    pub fn strings<S: AsRef<str>>(&mut self, key: &str, items: &[S]) {
        let level = self.level + 1;
        let mut list = ListWriter::new(self.key(key), level, true);
        for s in items {
            string(list.item(), s.as_ref());
        }
        list.finish();
    }

    /// Fields this version does not know: sorted by key, after the known ones.
    pub fn extra(&mut self, extra: &super::Object) {
        for (k, v) in extra.sorted() {
            self.value(k, v);
        }
    }

    pub fn finish(self) {
        if self.members > 0 {
            self.out.push('\n');
            indent(self.out, self.level);
        }
        self.out.push('}');
    }
}

/// Writes a list in the canonical layout: on one line (`inline`, for plain values) or one
/// item per line.
pub struct ListWriter<'a> {
    out: &'a mut String,
    level: usize,
    inline: bool,
    items: usize,
}

impl<'a> ListWriter<'a> {
    pub fn new(out: &'a mut String, level: usize, inline: bool) -> ListWriter<'a> {
        out.push('[');
        ListWriter {
            out,
            level,
            inline,
            items: 0,
        }
    }

    /// The output for the next item, written at indentation `level + 1`.
    pub fn item(&mut self) -> &mut String {
        if self.inline {
            if self.items > 0 {
                self.out.push_str(", ");
            }
        } else {
            self.out.push_str(if self.items > 0 { ",\n" } else { "\n" });
            indent(self.out, self.level + 1);
        }
        self.items += 1;
        self.out
    }

    pub fn item_level(&self) -> usize {
        self.level + 1
    }

    pub fn finish(self) {
        if !self.inline && self.items > 0 {
            self.out.push('\n');
            indent(self.out, self.level);
        }
        self.out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{Cursor, Object};

    fn parse(text: &str) -> Value {
        crate::json::scan(text).unwrap();
        Cursor::new(text, 0).value()
    }

    #[test]
    fn strings_escape_what_json_requires() {
        assert_eq!(quoted("a\"b\\c\n\u{1}é😀"), r#""a\"b\\c\n\u0001é😀""#);
        assert_eq!(
            quoted("x\u{202e}y\u{85}\u{7f}"),
            r#""x\u202ey\u0085\u007f""#
        );
    }

    #[test]
    fn canonical_sorts_keys_and_keeps_numbers_as_written() {
        let v = parse(r#"{"b": [1, 2.50, 1e400], "a": {"z": [], "y": {}}, "c": [[1], "x"]}"#);
        let mut out = String::new();
        write_canonical(&mut out, &v, 0);
        assert_eq!(
            out,
            "{\n  \"a\": {\n    \"y\": {},\n    \"z\": []\n  },\n  \"b\": [1, 2.50, 1e400],\n  \"c\": [\n    [1],\n    \"x\"\n  ]\n}"
        );
    }

    #[test]
    fn pretty_is_the_report_layout() {
        let mut o = Object::new();
        o.push("ids".into(), Value::strings(["a", "b"]));
        o.push("empty".into(), Value::Array(vec![]));
        o.push("score".into(), Value::f64(100.0));
        assert_eq!(
            pretty(&Value::Object(o)),
            "{\n  \"ids\": [\n    \"a\",\n    \"b\"\n  ],\n  \"empty\": [],\n  \"score\": 100.0\n}"
        );
    }
}
