//! JSON paths as messages write them: `requests[3].values.cost`, `values["a b"]`.
//!
//! A [`Path`] is built on the stack while a reader descends (no allocation per level) and
//! is only formatted when a problem is reported.

use std::fmt;

#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    /// The name a message uses for the field: its key, or its parent's key for an item.
    pub fn field_name(&self) -> String {
        match self {
            Path::Root => "the file".into(),
            Path::Key(_, k) => crate::text::shorten(k, 40),
            Path::Index(p, i) => format!("{}[{i}]", p.field_name()),
        }
    }
}

/// Whether a key is written `.key` (letters, digits, `_`, `-`) rather than `["key"]`.
fn is_plain(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

/// Appends one key to a path's text: `.key` (nothing before it at the root) or
/// `["key"]`; a key longer than 40 characters is shortened with `…`.
pub fn push_key(out: &mut String, key: &str) {
    if is_plain(key) && key.len() <= 40 {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        out.push('[');
        super::write::string(out, &crate::text::shorten(key, 40));
        out.push(']');
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                push_key(out, key);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push_str(&format!("[{i}]"));
            }
        }
    }
}

/// One step of a path: a key or a list index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// The steps of a path as [`Path`] and [`push_key`] write it (`a.b[2]["c d"]`), so that a
/// problem can be placed beside its field without reading its message. A shortened key
/// (ending in `…`) stays shortened.
pub fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'.' => i += 1,
            b'[' if b.get(i + 1) == Some(&b'"') => {
                // A quoted key: its end is the first `"]` not escaped.
                let start = i + 1;
                let mut j = start + 1;
                while j < b.len() && !(b[j] == b'"' && b.get(j + 1) == Some(&b']')) {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let literal = &path[start..(j + 1).min(path.len())];
                let key = super::cursor::unescape(literal.trim_matches('"'));
                out.push(Segment::Key(key.into_owned()));
                i = j + 2;
            }
            b'[' => {
                let end = path[i..].find(']').map_or(path.len(), |e| i + e);
                match path[i + 1..end].parse() {
                    Ok(n) => out.push(Segment::Index(n)),
                    Err(_) => out.push(Segment::Key(path[i + 1..end].to_string())),
                }
                i = end + 1;
            }
            _ => {
                let end = path[i..].find(['.', '[']).map_or(path.len(), |e| i + e);
                out.push(Segment::Key(path[i..end].to_string()));
                i = end;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_read_back_what_paths_write() {
        use Segment::*;
        let root = Path::Root;
        let r = root.key("requests");
        let i = r.index(3);
        let v = i.key("values");
        for key in ["cost", "a b", "__proto__", "x\"]y", "ü.[1]"] {
            let text = v.key(key).to_string();
            assert_eq!(
                segments(&text),
                [
                    Key("requests".into()),
                    Index(3),
                    Key("values".into()),
                    Key(key.into())
                ],
                "{text}"
            );
        }
        assert_eq!(segments(""), []);
    }

    #[test]
    fn paths_read_like_the_contract() {
        let root = Path::Root;
        let r = root.key("requests");
        let i = r.index(3);
        let v = i.key("values");
        assert_eq!(v.key("cost").to_string(), "requests[3].values.cost");
        assert_eq!(v.key("a b").to_string(), "requests[3].values[\"a b\"]");
        let long = "k".repeat(5_000_000);
        let shown = v.key(&long).to_string();
        assert!(shown.chars().count() < 100, "{}", shown.len());
    }
}
