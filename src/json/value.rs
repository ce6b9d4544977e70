//! A JSON value that keeps what it was given: numbers as written, object members in order.

use super::number;

/// A JSON number, kept as the text it was written with (so it comes back exactly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(Box<str>);

impl Number {
    /// A number from its JSON text; the caller has checked the grammar.
    pub fn from_text(text: &str) -> Number {
        Number(text.into())
    }

    /// A float in the shortest form that reads back exactly, with a fraction when whole
    /// (`100.0`): how the command line's JSON writes scores. Not finite: `null` is the
    /// caller's business, so this writes `0`.
    pub fn from_f64(x: f64) -> Number {
        Number(number::shortest(x).into())
    }

    pub fn from_u64(x: u64) -> Number {
        Number(x.to_string().into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as a float (±∞ when it is too large for one).
    pub fn as_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

/// An object's members in the order they were written or built. Two objects are equal
/// when they have the same members in any order (as JSON means them; the canonical writer
/// sorts the keys of the fields it does not know, so the order is not kept across a save).
#[derive(Clone, Debug, Default)]
pub struct Object(Vec<(String, Value)>);

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        // Keys are unique (the reader refuses one written twice; `insert` replaces), so
        // equal sorted member lists mean the same members.
        self.len() == other.len() && (self.0 == other.0 || self.sorted() == other.sorted())
    }
}

impl Object {
    pub fn new() -> Object {
        Object(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key`, replacing its value in place when it is there; returns the old value.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(old) => Some(std::mem::replace(old, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Appends a member the caller knows is not there yet.
    pub fn push(&mut self, key: String, value: Value) {
        self.0.push((key, value));
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The members sorted by key (code-point order), as the canonical form writes them.
    pub fn sorted(&self) -> Vec<(&String, &Value)> {
        let mut members: Vec<_> = self.iter().collect();
        members.sort_unstable_by(|a, b| a.0.cmp(b.0));
        members
    }
}

impl FromIterator<(String, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Object {
        let mut o = Object::new();
        for (k, v) in iter {
            o.insert(k, v);
        }
        o
    }
}

impl IntoIterator for Object {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

impl Value {
    /// A float, or `null` when it is not finite.
    pub fn f64(x: f64) -> Value {
        if x.is_finite() {
            Value::Number(Number::from_f64(x))
        } else {
            Value::Null
        }
    }

    pub fn u64(x: u64) -> Value {
        Value::Number(Number::from_u64(x))
    }

    pub fn str(s: &str) -> Value {
        Value::String(s.to_string())
    }

    /// A list of strings.
    pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Value {
        Value::Array(items.into_iter().map(|s| Value::str(s.as_ref())).collect())
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The member `key` of an object (`None` for anything else).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// A short description for "found …" in messages: the value itself when it is short,
    /// its kind when it is a container, a string cut to 40 characters.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => crate::text::shorten(n.as_str(), 40),
            Value::String(s) => super::write::quoted(&crate::text::shorten(s, 40)),
            Value::Array(_) => "a list".into(),
            Value::Object(_) => "an object".into(),
        }
    }

    /// The value on one line with no spaces (for tests and messages).
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        super::write::compact(&mut out, self);
        out
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Value {
        Value::Object(o)
    }
}

/// Builds a JSON object from `"key": value` pairs, each value converted with
/// [`Value::from`] (numbers, strings, booleans, options as `null`, lists).
#[macro_export]
macro_rules! object {
    ($($key:literal : $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut o = $crate::json::Object::new();
        $( o.push($key.to_string(), $crate::json::Value::from($value)); )*
        $crate::json::Value::Object(o)
    }};
}

impl From<f64> for Value {
    /// A float; not finite becomes `null`.
    fn from(x: f64) -> Value {
        Value::f64(x)
    }
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(x: $t) -> Value {
                Value::Number(Number::from_text(&x.to_string()))
            }
        }
    )*};
}
from_integer!(u8, u16, u32, u64, usize, i32, i64);

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::String(s.clone())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Value {
        Value::Array(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Clone + Into<Value>> From<&[T]> for Value {
    fn from(v: &[T]) -> Value {
        Value::Array(v.iter().cloned().map(Into::into).collect())
    }
}
