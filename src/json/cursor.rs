//! Walking a JSON text that [`scan`](super::scan) has already checked.
//!
//! A [`Cursor`] reads one value at a time where it stands, with no tree in between: the
//! scenario reader asks for the kind of value, then takes it as a string, a number, the
//! keys of an object or the items of a list. Strings without escapes are borrowed from the
//! text. Because the text is known to be well-formed, nothing here reports syntax errors;
//! should it be given malformed text anyway, it stops early rather than panic.

use std::borrow::Cow;

use super::value::{Number, Object, Value};

/// The kind of value a cursor stands at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    /// Past the end, or at a byte no value starts with (only in unchecked text).
    End,
}

/// A position in a well-formed JSON text.
#[derive(Clone)]
pub struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    /// Just entered a container: its first member has no comma before it.
    fresh: bool,
}

impl<'a> Cursor<'a> {
    /// A cursor at byte `pos` of `text` (the start of a value, or whitespace before one).
    pub fn new(text: &'a str, pos: usize) -> Cursor<'a> {
        Cursor {
            text,
            pos,
            fresh: false,
        }
    }

    pub fn offset(&self) -> usize {
        self.pos
    }

    /// The whole text the cursor walks.
    pub fn text(&self) -> &'a str {
        self.text
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// The kind of the next value (whitespace skipped).
    pub fn kind(&mut self) -> Kind {
        self.ws();
        match self.peek() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            _ => Kind::End,
        }
    }

    /// Enters an object: call [`next_key`](Cursor::next_key) until it returns `None`.
    pub fn enter_object(&mut self) {
        self.ws();
        if self.peek() == Some(b'{') {
            self.pos += 1;
            self.fresh = true;
        }
    }

    /// The next key of the object entered, the cursor left at its value; `None` (the
    /// cursor past the `}`) when there is none. The caller reads or skips every value.
    pub fn next_key(&mut self) -> Option<Cow<'a, str>> {
        self.ws();
        if !std::mem::take(&mut self.fresh) && self.peek() == Some(b',') {
            self.pos += 1;
            self.ws();
        }
        match self.peek() {
            Some(b'"') => {
                let key = self.string();
                self.ws();
                if self.peek() == Some(b':') {
                    self.pos += 1;
                }
                Some(key)
            }
            Some(b'}') => {
                self.pos += 1;
                None
            }
            _ => {
                self.pos = self.text.len();
                None
            }
        }
    }

    /// Enters a list: call [`next_item`](Cursor::next_item) before each item.
    pub fn enter_array(&mut self) {
        self.ws();
        if self.peek() == Some(b'[') {
            self.pos += 1;
            self.fresh = true;
        }
    }

    /// Whether another item follows in the list entered (the cursor then stands at it);
    /// `false` leaves the cursor past the `]`.
    pub fn next_item(&mut self) -> bool {
        self.ws();
        let first = std::mem::take(&mut self.fresh);
        match self.peek() {
            Some(b']') => {
                self.pos += 1;
                false
            }
            Some(b',') if !first => {
                self.pos += 1;
                true
            }
            Some(_) if first => true,
            _ => {
                self.pos = self.text.len();
                false
            }
        }
    }

    /// A string value (the cursor must stand at one), its escapes resolved.
    pub fn string(&mut self) -> Cow<'a, str> {
        self.ws();
        let start = self.pos + 1;
        let b = self.bytes();
        let mut i = start;
        while i < b.len() {
            match b[i] {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        let end = i.min(b.len());
        self.pos = (end + 1).min(b.len());
        unescape(&self.text[start.min(end)..end])
    }

    /// A number's text as written (the cursor must stand at one).
    pub fn number_text(&mut self) -> &'a str {
        self.ws();
        let start = self.pos;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    /// `true` or `false` (the cursor must stand at one).
    pub fn boolean(&mut self) -> bool {
        self.ws();
        let t = self.peek() == Some(b't');
        self.pos += if t { 4 } else { 5 };
        self.pos = self.pos.min(self.text.len());
        t
    }

    /// Skips the value the cursor stands at.
    pub fn skip(&mut self) {
        match self.kind() {
            Kind::Object | Kind::Array => {
                // Count brackets outside strings (the text is well-formed).
                let b = self.bytes();
                let mut depth = 0usize;
                while self.pos < b.len() {
                    match b[self.pos] {
                        b'"' => {
                            self.string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            Kind::String => {
                self.string();
            }
            Kind::Number => {
                self.number_text();
            }
            Kind::Bool => {
                self.boolean();
            }
            Kind::Null => self.pos = (self.pos + 4).min(self.text.len()),
            Kind::End => {}
        }
    }

    /// The value the cursor stands at, as a [`Value`]. `visit` sees every string and
    /// key on the way (with the path below this value), e.g. to check lengths; a key
    /// written twice in one object keeps its last value and is reported to `duplicate`.
    pub fn value(&mut self) -> Value {
        self.value_with(&mut |_| {})
    }

    /// [`value`](Cursor::value), calling `duplicate` with each key written twice in one
    /// object (the last one is kept).
    pub fn value_with(&mut self, duplicate: &mut dyn FnMut(&str)) -> Value {
        match self.kind() {
            Kind::Null | Kind::End => {
                self.skip();
                Value::Null
            }
            Kind::Bool => Value::Bool(self.boolean()),
            Kind::Number => Value::Number(Number::from_text(self.number_text())),
            Kind::String => Value::String(self.string().into_owned()),
            Kind::Array => {
                let mut items = Vec::new();
                self.enter_array();
                while self.next_item() {
                    items.push(self.value_with(duplicate));
                }
                Value::Array(items)
            }
            Kind::Object => {
                let mut object = Object::new();
                // Linear lookups while the object is small; a set once it is not.
                let mut seen: Option<std::collections::HashSet<String>> = None;
                self.enter_object();
                while let Some(key) = self.next_key() {
                    let v = self.value_with(duplicate);
                    let twice = match &mut seen {
                        Some(set) => !set.insert(key.to_string()),
                        None => object.get(&key).is_some(),
                    };
                    if twice {
                        duplicate(&key);
                        object.insert(key.into_owned(), v);
                    } else {
                        object.push(key.into_owned(), v);
                    }
                    if seen.is_none() && object.len() > 16 {
                        seen = Some(object.iter().map(|(k, _)| k.clone()).collect());
                    }
                }
                Value::Object(object)
            }
        }
    }
}

/// A JSON string's content (between its quotes) with its escapes resolved; borrowed when
/// it has none. Invalid escapes (only in unchecked text) become U+FFFD.
pub(crate) fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let first = hex4(&mut chars);
                let code = match first {
                    Some(hi @ 0xD800..=0xDBFF) => {
                        let mut ahead = chars.clone();
                        match (ahead.next(), ahead.next(), hex4(&mut ahead)) {
                            (Some('\\'), Some('u'), Some(lo @ 0xDC00..=0xDFFF)) => {
                                chars = ahead;
                                Some(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            }
                            _ => None,
                        }
                    }
                    other => other,
                };
                out.push(code.and_then(char::from_u32).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

fn hex4(chars: &mut std::str::Chars) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_objects_and_lists() {
        let text = r#" { "a" : [1, "x\"y", true, null, {"b": -2.5e3}], "c": {} } "#;
        let mut c = Cursor::new(text, 0);
        assert_eq!(c.kind(), Kind::Object);
        c.enter_object();
        assert_eq!(c.next_key().as_deref(), Some("a"));
        c.enter_array();
        assert!(c.next_item());
        assert_eq!(c.number_text(), "1");
        assert!(c.next_item());
        assert_eq!(c.string(), "x\"y");
        assert!(c.next_item());
        assert!(c.boolean());
        assert!(c.next_item());
        assert_eq!(c.kind(), Kind::Null);
        c.skip();
        assert!(c.next_item());
        c.skip();
        assert!(!c.next_item());
        assert_eq!(c.next_key().as_deref(), Some("c"));
        assert_eq!(c.value(), Value::Object(Object::new()));
        assert_eq!(c.next_key(), None);
    }

    #[test]
    fn empty_containers() {
        let mut c = Cursor::new("[ ]", 0);
        c.enter_array();
        assert!(!c.next_item());
        let mut c = Cursor::new("{ }", 0);
        c.enter_object();
        assert_eq!(c.next_key(), None);
    }

    #[test]
    fn skip_steps_over_brackets_in_strings() {
        let text = r#"[{"a": "]}\"["}, 3]"#;
        let mut c = Cursor::new(text, 0);
        c.enter_array();
        assert!(c.next_item());
        c.skip();
        assert!(c.next_item());
        assert_eq!(c.number_text(), "3");
    }

    #[test]
    fn escapes_resolve() {
        assert_eq!(unescape(r"a\u00e9\ud83d\ude00\n\/"), "aé😀\n/");
        assert!(matches!(unescape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn duplicates_are_reported_and_the_last_kept() {
        let mut seen = Vec::new();
        let v = Cursor::new(r#"{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}"#, 0)
            .value_with(&mut |k| seen.push(k.to_string()));
        assert_eq!(seen, ["c", "a"]);
        assert_eq!(v.to_compact(), r#"{"a":3,"b":{"c":2}}"#);
    }
}
