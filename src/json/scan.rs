//! The first pass over a JSON text: is it well-formed, and where are the top-level fields?
//!
//! One linear pass with no allocation but the index of the top-level object's fields (a
//! scenario has about ten). Strings are checked for valid escapes (a lone surrogate is an
//! error) and for raw control characters; numbers for the JSON grammar; nesting is limited
//! to [`MAX_DEPTH`] levels so that no later recursion can exhaust the stack.

use std::borrow::Cow;

use super::cursor::unescape;

/// Containers nested deeper than this are refused (a stack-safe bound for every reader).
pub const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the first byte that does not fit (the text's length at its end).
    pub offset: usize,
    pub message: String,
    /// The text ended before the value did (a cut-off file).
    pub eof: bool,
}

/// One field of the top-level object: its key and where its value starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub key: Cow<'a, str>,
    /// Byte offset of the value's first byte.
    pub value: usize,
}

/// What the text holds at its top level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TopLevel<'a> {
    /// An object, with its fields in the order written (duplicates included).
    Object(Vec<Field<'a>>),
    /// Any other value, starting at this offset.
    Other(usize),
}

/// Checks that `text` is exactly one JSON value (whitespace around it allowed) and indexes
/// the fields of a top-level object.
pub fn scan(text: &str) -> Result<TopLevel<'_>, SyntaxError> {
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        pos: 0,
    };
    s.ws();
    let start = s.pos;
    let top = if s.peek() == Some(b'{') {
        TopLevel::Object(s.top_object()?)
    } else {
        s.value(0)?;
        TopLevel::Other(start)
    };
    s.ws();
    if s.pos < s.b.len() {
        return Err(
            s.error("this is not valid JSON: trailing characters after the end of the document")
        );
    }
    Ok(top)
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line_start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
    // Count characters, not bytes; an offset inside a character counts that character.
    let column = 1 + before[line_start..]
        .iter()
        .filter(|&&c| (c & 0xC0) != 0x80)
        .count();
    (line, column)
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset: self.pos,
            message: message.into(),
            eof: false,
        }
    }

    fn eof(&self, inside: &str) -> SyntaxError {
        SyntaxError {
            offset: self.b.len(),
            message: format!("the file ends too early, inside {inside}; is it cut off?"),
            eof: true,
        }
    }

    /// What is wrong at the current byte when a value was expected.
    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self.peek() {
            None => self.eof("the document"),
            Some(c) => {
                let found = self.text[self.pos..].chars().next().unwrap_or('?');
                let shown = if c < 0x20 {
                    format!("the control character U+{:04X}", c)
                } else {
                    format!("{found:?}")
                };
                self.error(format!(
                    "this is not valid JSON: expected {expected}, found {shown}"
                ))
            }
        }
    }

    fn top_object(&mut self) -> Result<Vec<Field<'a>>, SyntaxError> {
        let mut fields = Vec::new();
        self.pos += 1; // '{'
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(fields);
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a field name in double quotes"));
            }
            let key_start = self.pos;
            self.string()?;
            let key = unescape(&self.text[key_start + 1..self.pos - 1]);
            self.colon()?;
            self.ws();
            fields.push(Field {
                key,
                value: self.pos,
            });
            self.value(1)?;
            if !self.after_member(b'}', "the object")? {
                return Ok(fields);
            }
        }
    }

    fn colon(&mut self) -> Result<(), SyntaxError> {
        self.ws();
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.eof("an object")),
            _ => Err(self.unexpected("':' after a field name")),
        }
    }

    /// After a member of a container: `true` when a `,` promises another one, `false` at
    /// the closing bracket.
    fn after_member(&mut self, close: u8, what: &str) -> Result<bool, SyntaxError> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.ws();
                if self.peek() == Some(close) {
                    return Err(self.error(format!(
                        "this is not valid JSON: a trailing comma before the end of {what}"
                    )));
                }
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            None => Err(self.eof(what)),
            _ => Err(self.unexpected(&format!("',' or '{}'", close as char))),
        }
    }

    fn value(&mut self, depth: usize) -> Result<(), SyntaxError> {
        self.ws();
        match self.peek() {
            Some(b'{') => self.container(depth, b'}'),
            Some(b'[') => self.container(depth, b']'),
            Some(b'"') => self.string(),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("a value")),
        }
    }

    fn container(&mut self, depth: usize, close: u8) -> Result<(), SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(format!(
                "the JSON is nested too deeply (over {MAX_DEPTH} levels)"
            )));
        }
        let (object, what) = if close == b'}' {
            (true, "an object")
        } else {
            (false, "a list")
        };
        self.pos += 1;
        self.ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(());
        }
        loop {
            if object {
                self.ws();
                if self.peek() != Some(b'"') {
                    return Err(self.unexpected("a field name in double quotes"));
                }
                self.string()?;
                self.colon()?;
            }
            self.value(depth + 1)?;
            if !self.after_member(close, what)? {
                return Ok(());
            }
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), SyntaxError> {
        for &w in word.as_bytes() {
            match self.peek() {
                Some(c) if c == w => self.pos += 1,
                None => return Err(self.eof("a value")),
                _ => return Err(self.unexpected(&format!("`{word}`"))),
            }
        }
        Ok(())
    }

    /// The JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<(), SyntaxError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.eof("a number")),
            _ => return Err(self.unexpected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.at_least_one_digit()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.at_least_one_digit()?;
        }
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn at_least_one_digit(&mut self) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => Err(self.eof("a number")),
            _ => Err(self.unexpected("a digit")),
        }
    }

    /// A string, from its opening quote to just past its closing one.
    fn string(&mut self) -> Result<(), SyntaxError> {
        self.pos += 1;
        loop {
            // The plain run: most of every string.
            while let Some(&c) = self.b.get(self.pos) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => self.escape()?,
                Some(c) => {
                    return Err(self.error(format!(
                        "this is not valid JSON: the control character U+{c:04X} must be escaped inside a string"
                    )))
                }
                None => return Err(self.eof("a string")),
            }
        }
    }

    fn escape(&mut self) -> Result<(), SyntaxError> {
        self.pos += 1; // '\'
        match self.peek() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'u') => {
                let at = self.pos - 1;
                self.pos += 1;
                let first = self.hex4()?;
                if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if self.b.get(self.pos) == Some(&b'\\')
                        && self.b.get(self.pos + 1) == Some(&b'u')
                    {
                        self.pos += 2;
                        let second = self.hex4()?;
                        if (0xDC00..0xE000).contains(&second) {
                            return Ok(());
                        }
                    }
                    Err(SyntaxError {
                        offset: at,
                        message: "this is not valid JSON: a lone surrogate in a \\u escape (not a character)".into(),
                        eof: false,
                    })
                } else if (0xDC00..0xE000).contains(&first) {
                    Err(SyntaxError {
                        offset: at,
                        message: "this is not valid JSON: a lone surrogate in a \\u escape (not a character)".into(),
                        eof: false,
                    })
                } else {
                    Ok(())
                }
            }
            None => Err(self.eof("a string")),
            _ => Err(self.unexpected("an escape (one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)")),
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                None => return Err(self.eof("a string")),
                _ => return Err(self.unexpected("a hexadecimal digit")),
            };
            v = v * 16 + d as u32;
            self.pos += 1;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SyntaxError {
        scan(text).expect_err(text)
    }

    #[test]
    fn well_formed_documents_pass() {
        for text in [
            "{}",
            " [ ] ",
            "0",
            "-0.5e+10",
            "\"a\\u00e9\\ud83d\\ude00\\n\"",
            "{\"a\": [1, 2, {\"b\": null}], \"c\": true, \"d\": false}",
            "\u{feff}".trim_start_matches('\u{feff}'),
        ]
        .iter()
        .filter(|t| !t.is_empty())
        {
            scan(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        }
    }

    #[test]
    fn the_top_level_object_is_indexed() {
        let text = r#"{"format": "x", "a\u0062": [1, {"z": 2}], "format": 3}"#;
        let TopLevel::Object(fields) = scan(text).unwrap() else {
            panic!()
        };
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_ref()).collect();
        assert_eq!(keys, ["format", "ab", "format"]);
        assert_eq!(&text[fields[1].value..fields[1].value + 1], "[");
    }

    #[test]
    fn errors_say_what_and_where() {
        let e = err("this is not JSON");
        assert_eq!(position("this is not JSON", e.offset), (1, 2));
        assert!(e.message.contains("not valid JSON"), "{e:?}");

        let e = err("  \n\n\t\n");
        assert!(e.eof && e.message.contains("ends too early"));
        assert_eq!(position("  \n\n\t\n", e.offset), (4, 1));

        assert!(err("{\"a\": 1,}").message.contains("trailing comma"));
        assert!(err("[1, 2,]").message.contains("trailing comma"));
        assert!(err("{} x").message.contains("trailing characters"));
        assert!(err("{'a': 1}").message.contains("not valid JSON"));
        assert!(err("[NaN]").message.contains("not valid JSON"));
        assert!(err("[01]").message.contains("not valid JSON"));
        assert!(err("[1.]").message.contains("not valid JSON"));
        assert!(err("[\"\u{0}\"]").message.contains("control character"));
        assert!(err("[\"\\ud800\"]").message.contains("surrogate"));
        assert!(err("[\"\\udc00\\ud800\"]").message.contains("surrogate"));
        assert!(err("[\"\\x\"]").message.contains("escape"));
        assert!(err("{\"a\" 1}").message.contains("':'"));
        assert!(err("[\"abc").eof);
        assert!(err("").eof);
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        scan(&ok).unwrap();
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(err(&deep).message.contains("nested too deeply"));
        let deep = format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(err(&deep).message.contains("nested too deeply"));
    }

    #[test]
    fn positions_count_characters() {
        let text = "{\n  \"é\": x";
        let e = err(text);
        assert_eq!(position(text, e.offset), (2, 8));
    }
}
