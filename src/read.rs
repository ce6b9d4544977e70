//! Reading a scenario file: JSON text → [`Scenario`], or every problem found, each with its
//! JSON path and a message a PM can act on.
//!
//! The text is parsed to a `serde_json::Value` first (which gives line and column for
//! syntax errors), then converted field by field. Conversion never stops at the first
//! problem: it records it, skips the bad field, and goes on, so that one run lists
//! everything to fix. Known fields are removed from each object as they are read; what is
//! left is kept as that object's `extra`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde_json::{Map, Value};

use crate::date::Date;
use crate::error::{limits, Problems, ReadError};
use crate::model::*;

/// Reads a scenario from UTF-8 JSON bytes.
pub fn from_slice(bytes: &[u8]) -> Result<Scenario, ReadError> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            limit: limits::MAX_FILE_BYTES,
        });
    }
    // A byte-order mark is not JSON, but editors on Windows write one: skip it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(syntax_error)?;
    from_value(value)
}

/// Reads a scenario from JSON text.
pub fn from_str(text: &str) -> Result<Scenario, ReadError> {
    from_slice(text.as_bytes())
}

fn syntax_error(e: serde_json::Error) -> ReadError {
    use serde_json::error::Category;
    let text = e.to_string();
    // serde_json appends " at line L column C"; we report the position separately.
    let detail = text.split(" at line ").next().unwrap_or(&text).to_string();
    let message = match e.classify() {
        Category::Eof => format!("the file ends too early ({detail}); is it cut off?"),
        Category::Io => format!("could not read the file ({detail})"),
        Category::Syntax if detail.contains("recursion limit") => {
            "the JSON is nested too deeply (over 128 levels)".to_string()
        }
        _ => format!("this is not valid JSON: {detail}"),
    };
    ReadError::Syntax {
        line: e.line().max(1),
        column: e.column().max(1),
        message,
    }
}

/// Converts parsed JSON to a scenario, checking every rule of the contract that does not
/// depend on the scoring method.
pub fn from_value(value: Value) -> Result<Scenario, ReadError> {
    let Value::Object(mut top) = value else {
        return Err(ReadError::NotAScenario {
            reason: format!("the file holds {}, not a JSON object", describe(&value)),
        });
    };
    match top.remove("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            return Err(ReadError::NotAScenario {
                reason: format!("its \"format\" is {}, not \"{FORMAT}\"", describe(&other)),
            })
        }
        None => {
            return Err(ReadError::NotAScenario {
                reason: format!("it has no \"format\": \"{FORMAT}\" field"),
            })
        }
    }
    let mut r = Reader::default();
    let root = Path::Root;
    match top.remove("version") {
        // Any whole number counts, however it is spelled (`1`, `1.0`, `2e0`).
        Some(Value::Number(n)) if n.as_f64().is_some_and(|v| v >= 1.0 && v.fract() == 0.0) => {
            let v = n.as_f64().unwrap_or(0.0);
            if v > VERSION as f64 {
                return Err(ReadError::NewerVersion {
                    found: if v < u64::MAX as f64 {
                        v as u64
                    } else {
                        u64::MAX
                    },
                    supported: VERSION,
                });
            }
        }
        Some(other) => r.problem(
            &root.key("version"),
            format!(
                "version must be a whole number ≥ 1, found {}",
                describe(&other)
            ),
        ),
        None => r.problem(
            &root.key("version"),
            "version is missing (this contract is version 1)",
        ),
    }
    let scenario = r.scenario(top, &root);
    if r.problems.is_empty() {
        Ok(scenario.expect("a scenario is built whenever no problem was recorded"))
    } else {
        Err(ReadError::Invalid(r.problems))
    }
}

/// Reads one request as it would stand at `requests[index]` of `scenario`: the same checks
/// as a whole file (references to the scenario's criteria, accounts, sources and buckets;
/// its id unique among the other requests). For editing one request without re-reading
/// the whole scenario.
pub fn request_in(scenario: &Scenario, value: Value, index: usize) -> Result<Request, Problems> {
    let ids_of = |ids: &mut dyn Iterator<Item = &String>| -> Ids {
        ids.enumerate().map(|(i, id)| (id.clone(), i)).collect()
    };
    let sources = ids_of(&mut scenario.sources.iter().map(|s| &s.id));
    let accounts = ids_of(&mut scenario.accounts.iter().map(|a| &a.id));
    let buckets = ids_of(&mut scenario.buckets.iter().map(|b| &b.id));
    let capacity_criteria: Vec<&str> = scenario
        .capacity
        .iter()
        .map(|c| c.criterion.as_str())
        .collect();
    let refs = References {
        criteria: &scenario.model.criteria,
        criteria_known: true,
        sources: &sources,
        accounts: &accounts,
        buckets: &buckets,
        capacity_criteria: &capacity_criteria,
    };
    let mut other_ids: Ids = scenario
        .requests
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut r = Reader::default();
    let root = Path::Root;
    let list = root.key("requests");
    let request = r.request(value, &list.index(index), &refs, &mut other_ids, index);
    match request {
        Some(req) if r.problems.is_empty() => Ok(req),
        _ => Err(r.problems),
    }
}

/// A JSON path, built on the stack as the reader descends and only formatted for a message.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }
    fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
    /// The name a message uses for the field: its key, or its parent's key for a list item.
    fn field_name(&self) -> String {
        match self {
            Path::Root => "the file".into(),
            Path::Key(_, k) => (*k).into(),
            Path::Index(p, i) => format!("{}[{i}]", p.field_name()),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                write!(f, "{parent}")?;
                let plain = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if plain {
                    if !matches!(parent, Path::Root) {
                        f.write_str(".")?;
                    }
                    f.write_str(key)
                } else {
                    write!(f, "[{}]", Value::String((*key).to_string()))
                }
            }
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// A short description of a JSON value for "found …" in messages.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let mut short: String = s.chars().take(40).collect();
            if short.len() < s.len() {
                short.push('…');
            }
            Value::String(short).to_string()
        }
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[derive(Default)]
struct Reader {
    problems: Problems,
}

/// The ids of one list, for uniqueness and references.
type Ids = HashMap<String, usize>;

impl Reader {
    fn problem(&mut self, path: &Path, message: impl Into<String>) {
        self.problems.push(path, message);
    }

    fn wrong_type(&mut self, path: &Path, expected: &str, found: &Value) {
        let name = path.field_name();
        self.problem(
            path,
            format!("{name} must be {expected}, found {}", describe(found)),
        );
    }

    fn object(&mut self, value: Value, path: &Path) -> Option<Map<String, Value>> {
        match value {
            Value::Object(m) => Some(m),
            other => {
                self.wrong_type(path, "an object", &other);
                None
            }
        }
    }

    fn list(&mut self, value: Value, path: &Path) -> Option<Vec<Value>> {
        match value {
            Value::Array(a) => Some(a),
            other => {
                self.wrong_type(path, "a list", &other);
                None
            }
        }
    }

    fn check_length(&mut self, s: &str, path: &Path) -> bool {
        if s.len() > limits::MAX_STRING_CHARS && s.chars().count() > limits::MAX_STRING_CHARS {
            self.problem(
                path,
                format!(
                    "{} is {} characters long; the limit is {}",
                    path.field_name(),
                    s.chars().count(),
                    limits::MAX_STRING_CHARS
                ),
            );
            false
        } else {
            true
        }
    }

    fn string(&mut self, value: Value, path: &Path) -> Option<String> {
        match value {
            Value::String(s) => self.check_length(&s, path).then_some(s),
            other => {
                self.wrong_type(path, "text", &other);
                None
            }
        }
    }

    fn required_string(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: &Path,
    ) -> Option<String> {
        let p = path.key(key);
        match m.remove(key) {
            Some(v) => self.string(v, &p),
            None => {
                self.problem(&p, format!("{key} is missing"));
                None
            }
        }
    }

    fn optional_string(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: &Path,
    ) -> Result<Option<String>, ()> {
        match m.remove(key) {
            None => Ok(None),
            Some(v) => self.string(v, &path.key(key)).map(Some).ok_or(()),
        }
    }

    fn id(
        &mut self,
        m: &mut Map<String, Value>,
        path: &Path,
        ids: &mut Ids,
        index: usize,
        list: &str,
    ) -> Option<String> {
        let p = path.key("id");
        let id = self.required_string(m, "id", path)?;
        if id.is_empty() {
            self.problem(&p, "id must not be empty");
            return None;
        }
        if let Some(first) = ids.get(&id) {
            self.problem(
                &p,
                format!(
                    "the id {} is used twice: {list}[{first}] has it too",
                    Value::String(id.clone())
                ),
            );
            return None;
        }
        ids.insert(id.clone(), index);
        Some(id)
    }

    /// A finite number satisfying `ok`, where `rule` says in words what `ok` checks.
    fn number(
        &mut self,
        value: Value,
        path: &Path,
        ok: impl Fn(f64) -> bool,
        rule: &str,
    ) -> Option<f64> {
        let name = path.field_name();
        match value.as_f64() {
            Some(x) if x.is_finite() && ok(x) => Some(x),
            Some(x) if x.is_finite() => {
                self.problem(path, format!("{name} must be {rule}, found {x}"));
                None
            }
            _ => {
                self.problem(
                    path,
                    format!("{name} must be {rule}, found {}", describe(&value)),
                );
                None
            }
        }
    }

    fn optional_number(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: &Path,
        ok: impl Fn(f64) -> bool,
        rule: &str,
    ) -> Result<Option<f64>, ()> {
        match m.remove(key) {
            None => Ok(None),
            Some(v) => self.number(v, &path.key(key), ok, rule).map(Some).ok_or(()),
        }
    }

    fn optional_bool(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: &Path,
    ) -> Result<Option<bool>, ()> {
        match m.remove(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(other) => {
                self.wrong_type(&path.key(key), "true or false", &other);
                Err(())
            }
        }
    }

    fn optional_date(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: &Path,
    ) -> Result<Option<Date>, ()> {
        let p = path.key(key);
        match m.remove(key) {
            None => Ok(None),
            Some(Value::String(s)) => match Date::parse(&s) {
                Some(d) => Ok(Some(d)),
                None => {
                    self.problem(
                        &p,
                        format!(
                            "{key} must be a date written YYYY-MM-DD, found {}",
                            describe(&Value::String(s))
                        ),
                    );
                    Err(())
                }
            },
            Some(other) => {
                self.wrong_type(&p, "a date written YYYY-MM-DD", &other);
                Err(())
            }
        }
    }

    /// One of a fixed set of words.
    fn optional_word<T: Copy>(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: &Path,
        words: &[(&str, T)],
    ) -> Result<Option<T>, ()> {
        let p = path.key(key);
        let Some(v) = m.remove(key) else {
            return Ok(None);
        };
        if let Value::String(s) = &v {
            if let Some((_, t)) = words.iter().find(|(w, _)| w == s) {
                return Ok(Some(*t));
            }
        }
        let choices: Vec<String> = words.iter().map(|(w, _)| format!("\"{w}\"")).collect();
        self.problem(
            &p,
            format!(
                "{key} must be one of {}, found {}",
                choices.join(", "),
                describe(&v)
            ),
        );
        Err(())
    }

    /// Checks the strings of fields this version does not know against the length limit.
    fn extra(&mut self, m: Map<String, Value>, path: &Path) -> Extra {
        for (k, v) in &m {
            self.check_length(k, path);
            self.check_extra_value(v, &path.key(k));
        }
        m
    }

    fn check_extra_value(&mut self, v: &Value, path: &Path) {
        match v {
            Value::String(s) => {
                self.check_length(s, path);
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.check_extra_value(x, &path.index(i));
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    self.check_length(k, path);
                    self.check_extra_value(x, &path.key(k));
                }
            }
            _ => {}
        }
    }

    /// Takes an optional list field, checking its length against `limit`.
    fn optional_list(
        &mut self,
        m: &mut Map<String, Value>,
        key: &str,
        path: &Path,
        limit: Option<(usize, &str)>,
    ) -> Vec<Value> {
        let p = path.key(key);
        let Some(v) = m.remove(key) else {
            return Vec::new();
        };
        let Some(items) = self.list(v, &p) else {
            return Vec::new();
        };
        if let Some((limit, noun)) = limit {
            if items.len() > limit {
                self.problem(
                    &p,
                    format!("the file has {} {noun}; the limit is {limit}", items.len()),
                );
                return Vec::new();
            }
        }
        items
    }

    // ----- the scenario, object by object -----

    fn scenario(&mut self, mut top: Map<String, Value>, root: &Path) -> Option<Scenario> {
        let name = self.required_string(&mut top, "name", root);
        let as_of = self.optional_date(&mut top, "as_of", root);

        let model = match top.remove("model") {
            Some(v) => self.model(v, &root.key("model")),
            None => {
                self.problem(
                    &root.key("model"),
                    "model is missing (it lists the criteria and their weights)",
                );
                None
            }
        };
        let criteria: &[Criterion] = model.as_ref().map(|m| m.criteria.as_slice()).unwrap_or(&[]);
        let criteria_known = model.is_some();

        if let (Ok(None), Some(c)) = (
            &as_of,
            criteria.iter().find(|c| c.derive == Some(Derive::Deadline)),
        ) {
            self.problem(
                &root.key("as_of"),
                format!(
                    "as_of is missing; it is needed because the criterion \"{}\" is derived from deadlines",
                    c.id
                ),
            );
        }

        let mut source_ids = Ids::new();
        let sources: Vec<Source> = self
            .optional_list(&mut top, "sources", root, None)
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| self.source(v, &root.key("sources").index(i), &mut source_ids, i))
            .collect();

        let mut account_ids = Ids::new();
        let accounts: Vec<Account> = self
            .optional_list(
                &mut top,
                "accounts",
                root,
                Some((limits::MAX_ACCOUNTS, "accounts")),
            )
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| {
                self.account(v, &root.key("accounts").index(i), &mut account_ids, i)
            })
            .collect();

        let mut bucket_ids = Ids::new();
        let buckets: Vec<Bucket> = self
            .optional_list(&mut top, "buckets", root, None)
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| self.bucket(v, &root.key("buckets").index(i), &mut bucket_ids, i))
            .collect();

        let (capacity, capacity_is_list) = match top.remove("capacity") {
            None => (Vec::new(), false),
            Some(Value::Array(items)) => {
                let p = root.key("capacity");
                let mut seen = HashMap::new();
                let entries = items
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        self.capacity(v, &p.index(i), criteria, criteria_known, &mut seen, i)
                    })
                    .collect();
                (entries, true)
            }
            Some(v) => {
                let mut seen = HashMap::new();
                let entry = self.capacity(
                    v,
                    &root.key("capacity"),
                    criteria,
                    criteria_known,
                    &mut seen,
                    0,
                );
                (entry.into_iter().collect(), false)
            }
        };
        let capacity_criteria: Vec<&str> = capacity.iter().map(|c| c.criterion.as_str()).collect();

        let refs = References {
            criteria,
            criteria_known,
            sources: &source_ids,
            accounts: &account_ids,
            buckets: &bucket_ids,
            capacity_criteria: &capacity_criteria,
        };
        let requests = match top.remove("requests") {
            None => {
                self.problem(
                    &root.key("requests"),
                    "requests is missing (it may be an empty list)",
                );
                None
            }
            Some(v) => {
                let p = root.key("requests");
                self.list(v, &p).and_then(|items| {
                    if items.len() > limits::MAX_REQUESTS {
                        self.problem(
                            &p,
                            format!(
                                "the file has {} requests; the limit is {}",
                                items.len(),
                                limits::MAX_REQUESTS
                            ),
                        );
                        return None;
                    }
                    let mut ids = Ids::new();
                    let requests: Vec<Request> = items
                        .into_iter()
                        .enumerate()
                        .filter_map(|(i, v)| self.request(v, &p.index(i), &refs, &mut ids, i))
                        .collect();
                    Some(requests)
                })
            }
        };

        let extra = self.extra(top, root);
        if !self.problems.is_empty() {
            return None;
        }
        Some(Scenario {
            name: name?,
            as_of: as_of.ok()?,
            model: model?,
            capacity,
            capacity_is_list,
            buckets,
            sources,
            accounts,
            requests: requests?,
            extra,
        })
    }

    fn model(&mut self, v: Value, path: &Path) -> Option<Model> {
        let mut m = self.object(v, path)?;
        let method = self.optional_word(
            &mut m,
            "method",
            path,
            &[
                ("weighted-sum", Method::WeightedSum),
                ("weighted-product", Method::WeightedProduct),
                ("ratio", Method::Ratio),
            ],
        );
        let use_confidence = self.optional_bool(&mut m, "use_confidence", path);
        let cp = path.key("criteria");
        let criteria = match m.remove("criteria") {
            None => {
                self.problem(
                    &cp,
                    "criteria is missing: the model needs at least one criterion",
                );
                None
            }
            Some(v) => self.list(v, &cp).and_then(|items| {
                if items.is_empty() {
                    self.problem(&cp, "the model needs at least one criterion");
                    return None;
                }
                if items.len() > limits::MAX_CRITERIA {
                    self.problem(
                        &cp,
                        format!(
                            "the model has {} criteria; the limit is {}",
                            items.len(),
                            limits::MAX_CRITERIA
                        ),
                    );
                    return None;
                }
                let n = items.len();
                let mut ids = Ids::new();
                let criteria: Vec<Criterion> = items
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, v)| self.criterion(v, &cp.index(i), &mut ids, i))
                    .collect();
                if criteria.len() < n {
                    // Some criterion is invalid: references to criteria cannot be checked
                    // against a partial list without reporting false problems.
                    return None;
                }
                if criteria.iter().all(|c| c.weight() <= 0.0) {
                    self.problem(&cp, "at least one criterion must have a weight above 0");
                }
                Some(criteria)
            }),
        };
        let extra = self.extra(m, path);
        Some(Model {
            method: method.ok()?,
            use_confidence: use_confidence.ok()?,
            criteria: criteria?,
            extra,
        })
    }

    fn criterion(
        &mut self,
        v: Value,
        path: &Path,
        ids: &mut Ids,
        index: usize,
    ) -> Option<Criterion> {
        let mut m = self.object(v, path)?;
        let id = self.id(&mut m, path, ids, index, "model.criteria");
        let label = self.required_string(&mut m, "label", path);
        let dp = path.key("direction");
        let direction = match m.remove("direction") {
            None => {
                self.problem(&dp, "direction is missing: \"benefit\" (more is better) or \"cost\" (less is better)");
                Err(())
            }
            Some(v) => {
                let mut tmp = Map::new();
                tmp.insert("direction".into(), v);
                self.optional_word(
                    &mut tmp,
                    "direction",
                    path,
                    &[("benefit", Direction::Benefit), ("cost", Direction::Cost)],
                )
                .map(|d| d.expect("present"))
            }
        };
        let weight = self.optional_number(&mut m, "weight", path, |x| x >= 0.0, "a number ≥ 0");
        let scale = self.optional_word(
            &mut m,
            "scale",
            path,
            &[
                ("fixed", Scale::Fixed),
                ("minmax", Scale::MinMax),
                ("max", Scale::Max),
                ("sum", Scale::Sum),
            ],
        );
        let min = self.optional_number(&mut m, "min", path, |_| true, "a number");
        let max = self.optional_number(&mut m, "max", path, |_| true, "a number");
        let transform = self.optional_word(
            &mut m,
            "transform",
            path,
            &[("linear", Transform::Linear), ("log", Transform::Log)],
        );
        let derive = self.optional_word(
            &mut m,
            "derive",
            path,
            &[
                ("asks-count", Derive::AsksCount),
                ("asks-arr", Derive::AsksArr),
                ("deadline", Derive::Deadline),
            ],
        );
        let horizon_days = match self.optional_number(
            &mut m,
            "horizon_days",
            path,
            |x| x >= 1.0 && x.fract() == 0.0 && x <= u32::MAX as f64,
            "a whole number of days > 0",
        ) {
            Ok(h) => Ok(h.map(|h| h as u32)),
            Err(()) => Err(()),
        };

        match (scale, min, max) {
            // Given bounds must be in order whatever the scale (they are kept for a later
            // switch to a fixed scale).
            (_, Ok(Some(lo)), Ok(Some(hi))) if lo >= hi => self.problem(
                &path.key("max"),
                format!("max must be greater than min, found min {lo} and max {hi}"),
            ),
            (Ok(Some(Scale::Fixed)), Ok(Some(lo)), Ok(Some(_))) => {
                if transform == Ok(Some(Transform::Log)) && lo < 0.0 {
                    self.problem(
                        &path.key("min"),
                        format!("min must be ≥ 0 with the log transform (ln(1 + x) needs x ≥ 0), found {lo}"),
                    );
                }
            }
            (Ok(Some(Scale::Fixed)), Ok(_), Ok(_)) => self.problem(
                path,
                "a fixed scale needs both min and max (the values that map to 0 and to 1)",
            ),
            _ => {}
        }
        let extra = self.extra(m, path);
        Some(Criterion {
            id: id?,
            label: label?,
            direction: direction.ok()?,
            weight: weight.ok()?,
            scale: scale.ok()?,
            min: min.ok()?,
            max: max.ok()?,
            transform: transform.ok()?,
            derive: derive.ok()?,
            horizon_days: horizon_days.ok()?,
            extra,
        })
    }

    fn source(&mut self, v: Value, path: &Path, ids: &mut Ids, index: usize) -> Option<Source> {
        let mut m = self.object(v, path)?;
        let id = self.id(&mut m, path, ids, index, "sources");
        let label = self.optional_string(&mut m, "label", path);
        let credibility = self.optional_number(
            &mut m,
            "credibility",
            path,
            |x| (0.0..=1.0).contains(&x),
            "a number from 0 to 1",
        );
        let extra = self.extra(m, path);
        Some(Source {
            id: id?,
            label: label.ok()?,
            credibility: credibility.ok()?,
            extra,
        })
    }

    fn account(&mut self, v: Value, path: &Path, ids: &mut Ids, index: usize) -> Option<Account> {
        let mut m = self.object(v, path)?;
        let id = self.id(&mut m, path, ids, index, "accounts");
        let name = self.optional_string(&mut m, "name", path);
        let arr = self.optional_number(&mut m, "arr", path, |x| x >= 0.0, "a number ≥ 0");
        let segment = self.optional_string(&mut m, "segment", path);
        let strategic = self.optional_bool(&mut m, "strategic", path);
        let extra = self.extra(m, path);
        Some(Account {
            id: id?,
            name: name.ok()?,
            arr: arr.ok()?,
            segment: segment.ok()?,
            strategic: strategic.ok()?,
            extra,
        })
    }

    fn bucket(&mut self, v: Value, path: &Path, ids: &mut Ids, index: usize) -> Option<Bucket> {
        let mut m = self.object(v, path)?;
        let id = self.id(&mut m, path, ids, index, "buckets");
        let label = self.optional_string(&mut m, "label", path);
        let share = |x: f64| (0.0..=1.0).contains(&x);
        let min_share =
            self.optional_number(&mut m, "min_share", path, share, "a share from 0 to 1");
        let max_share =
            self.optional_number(&mut m, "max_share", path, share, "a share from 0 to 1");
        if let (Ok(lo), Ok(hi)) = (min_share, max_share) {
            let (lo, hi) = (lo.unwrap_or(0.0), hi.unwrap_or(1.0));
            if lo > hi {
                self.problem(
                    &path.key("min_share"),
                    format!("min_share ({lo}) must not be above max_share ({hi})"),
                );
            }
        }
        let extra = self.extra(m, path);
        Some(Bucket {
            id: id?,
            label: label.ok()?,
            min_share: min_share.ok()?,
            max_share: max_share.ok()?,
            extra,
        })
    }

    fn capacity(
        &mut self,
        v: Value,
        path: &Path,
        criteria: &[Criterion],
        criteria_known: bool,
        seen: &mut HashMap<String, usize>,
        index: usize,
    ) -> Option<CapacityEntry> {
        let mut m = self.object(v, path)?;
        let criterion = self.required_string(&mut m, "criterion", path);
        if let Some(c) = &criterion {
            let p = path.key("criterion");
            match criteria.iter().find(|k| &k.id == c) {
                None if criteria_known => self.problem(
                    &p,
                    format!("no criterion has the id {}", Value::String(c.clone())),
                ),
                Some(k) if k.direction != Direction::Cost => self.problem(
                    &p,
                    format!(
                        "capacity must name a cost criterion (the effort on a resource); \"{c}\" is a benefit criterion"
                    ),
                ),
                _ => {}
            }
            if let Some(first) = seen.insert(c.clone(), index) {
                self.problem(
                    &p,
                    format!("capacity[{first}] already names the criterion \"{c}\""),
                );
            }
        }
        let amount = match m.remove("amount") {
            Some(v) => self.number(v, &path.key("amount"), |x| x > 0.0, "a number > 0"),
            None => {
                self.problem(
                    &path.key("amount"),
                    "amount is missing (the capacity available)",
                );
                None
            }
        };
        let extra = self.extra(m, path);
        Some(CapacityEntry {
            criterion: criterion?,
            amount: amount?,
            extra,
        })
    }

    fn request(
        &mut self,
        v: Value,
        path: &Path,
        refs: &References,
        ids: &mut Ids,
        index: usize,
    ) -> Option<Request> {
        let mut m = self.object(v, path)?;
        let id = self.id(&mut m, path, ids, index, "requests");
        let title = self.required_string(&mut m, "title", path);
        let description = self.optional_string(&mut m, "description", path);
        let bucket = self.optional_string(&mut m, "bucket", path);
        if let Ok(Some(b)) = &bucket {
            if !refs.buckets.contains_key(b) {
                self.problem(
                    &path.key("bucket"),
                    format!("no bucket has the id {}", Value::String(b.clone())),
                );
            }
        }
        let values = match m.remove("values") {
            None => Some(BTreeMap::new()),
            Some(v) => self.values(v, &path.key("values"), refs),
        };
        let asks = match m.remove("asks") {
            None => Some(Vec::new()),
            Some(v) => {
                let p = path.key("asks");
                self.list(v, &p).map(|items| {
                    items
                        .into_iter()
                        .enumerate()
                        .filter_map(|(i, v)| self.ask(v, &p.index(i), refs))
                        .collect()
                })
            }
        };
        let deadline = self.optional_date(&mut m, "deadline", path);
        let confidence = self.optional_number(
            &mut m,
            "confidence",
            path,
            |x| (0.0..=1.0).contains(&x),
            "a number from 0 to 1",
        );
        let plan = self.optional_word(
            &mut m,
            "plan",
            path,
            &[("must", Pin::Must), ("never", Pin::Never)],
        );
        let tags = match m.remove("tags") {
            None => Some(Vec::new()),
            Some(v) => {
                let p = path.key("tags");
                self.list(v, &p).map(|items| {
                    items
                        .into_iter()
                        .enumerate()
                        .filter_map(|(i, v)| self.string(v, &p.index(i)))
                        .collect()
                })
            }
        };
        let extra = self.extra(m, path);
        Some(Request {
            id: id?,
            title: title?,
            description: description.ok()?,
            bucket: bucket.ok()?,
            values: values?,
            asks: asks?,
            deadline: deadline.ok()?,
            confidence: confidence.ok()?,
            plan: plan.ok()?,
            tags: tags?,
            extra,
        })
    }

    fn values(
        &mut self,
        v: Value,
        path: &Path,
        refs: &References,
    ) -> Option<BTreeMap<String, Estimate>> {
        let m = self.object(v, path)?;
        let mut out = BTreeMap::new();
        let mut ok = true;
        for (key, v) in m {
            let p = path.key(&key);
            let criterion = refs.criteria.iter().find(|c| c.id == key);
            if criterion.is_none() && refs.criteria_known {
                self.problem(
                    &p,
                    format!("no criterion has the id {}", Value::String(key.clone())),
                );
                ok = false;
                continue;
            }
            // Efforts on a capacity, and values under ln(1 + x), must not be negative.
            let needs_non_negative = criterion.is_some_and(|c| c.transform() == Transform::Log)
                || refs.capacity_criteria.contains(&key.as_str());
            let (test, rule): (fn(f64) -> bool, &str) = if needs_non_negative {
                (|x| x >= 0.0, "a number ≥ 0")
            } else {
                (|_| true, "a number")
            };
            let estimate = match v {
                Value::Object(mut r) => {
                    let low = self.range_point(&mut r, "low", &p, test, rule);
                    let likely = self.range_point(&mut r, "likely", &p, test, rule);
                    let high = self.range_point(&mut r, "high", &p, test, rule);
                    let extra = self.extra(r, &p);
                    match (low, likely, high) {
                        (Some(low), Some(likely), Some(high)) => {
                            if low <= likely && likely <= high {
                                Some(Estimate::Range {
                                    low,
                                    likely,
                                    high,
                                    extra,
                                })
                            } else {
                                self.problem(
                                    &p,
                                    format!(
                                        "{key} must have low ≤ likely ≤ high, found low {low}, likely {likely}, high {high}"
                                    ),
                                );
                                None
                            }
                        }
                        _ => None,
                    }
                }
                v @ Value::Number(_) => self.number(v, &p, test, rule).map(Estimate::Number),
                other => {
                    self.problem(
                        &p,
                        format!(
                            "{key} must be {rule} or a range {{\"low\", \"likely\", \"high\"}}, found {}",
                            describe(&other)
                        ),
                    );
                    None
                }
            };
            match estimate {
                Some(e) => {
                    out.insert(key, e);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn range_point(
        &mut self,
        r: &mut Map<String, Value>,
        key: &str,
        path: &Path,
        test: fn(f64) -> bool,
        rule: &str,
    ) -> Option<f64> {
        let p = path.key(key);
        match r.remove(key) {
            Some(v) => self.number(v, &p, test, rule),
            None => {
                self.problem(
                    &p,
                    format!("{key} is missing: a range needs low, likely and high"),
                );
                None
            }
        }
    }

    fn ask(&mut self, v: Value, path: &Path, refs: &References) -> Option<Ask> {
        let mut m = self.object(v, path)?;
        let account = self.optional_string(&mut m, "account", path);
        if let Ok(Some(a)) = &account {
            if !refs.accounts.contains_key(a) {
                self.problem(
                    &path.key("account"),
                    format!("no account has the id {}", Value::String(a.clone())),
                );
            }
        }
        let source = self.optional_string(&mut m, "source", path);
        if let Ok(Some(s)) = &source {
            if !refs.sources.contains_key(s) {
                self.problem(
                    &path.key("source"),
                    format!("no source has the id {}", Value::String(s.clone())),
                );
            }
        }
        let count = self
            .optional_number(
                &mut m,
                "count",
                path,
                |x| x >= 1.0 && x.fract() == 0.0 && x <= u32::MAX as f64,
                "a whole number ≥ 1",
            )
            .map(|c| c.map(|c| c as u32));
        if let (Ok(Some(_)), Ok(Some(_))) = (&account, &count) {
            self.problem(
                path,
                "an ask names an account or carries a count of anonymous askers, not both",
            );
        }
        let date = self.optional_date(&mut m, "date", path);
        let note = self.optional_string(&mut m, "note", path);
        let extra = self.extra(m, path);
        Some(Ask {
            account: account.ok()?,
            source: source.ok()?,
            count: count.ok()?,
            date: date.ok()?,
            note: note.ok()?,
            extra,
        })
    }
}

/// What requests may refer to.
struct References<'a> {
    criteria: &'a [Criterion],
    /// False when the model itself could not be read: then unknown criterion ids are not
    /// reported again for every request.
    criteria_known: bool,
    sources: &'a Ids,
    accounts: &'a Ids,
    buckets: &'a Ids,
    capacity_criteria: &'a [&'a str],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_contract() {
        let root = Path::Root;
        let r = root.key("requests");
        let i = r.index(3);
        let v = i.key("values");
        let c = v.key("cost");
        assert_eq!(c.to_string(), "requests[3].values.cost");
        let odd = v.key("a b");
        assert_eq!(odd.to_string(), "requests[3].values[\"a b\"]");
    }

    #[test]
    fn long_strings_are_shortened_in_messages() {
        let s = "x".repeat(100);
        let d = describe(&Value::String(s));
        assert!(d.chars().count() < 50, "{d}");
    }
}
