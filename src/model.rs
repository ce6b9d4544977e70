//! The scenario as the program holds it: every field of the v1 contract, typed.
//!
//! Optional fields stay `Option` so that a file round-trips exactly as it was written:
//! a default the author left implicit is not made explicit on export. The accessors
//! (`weight()`, `scale()`, …) apply the contract's defaults in one place.
//!
//! Every object keeps the fields this version does not know in `extra`; the writer puts
//! them back, in the same object.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

use crate::date::Date;

/// Fields of a JSON object that this version does not know, kept for the round trip.
pub type Extra = Map<String, Value>;

/// The value of `format` every scenario file carries.
pub const FORMAT: &str = "thresh.scenario";
/// The newest scenario version this build reads and writes.
pub const VERSION: u64 = 1;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    /// The day urgency is measured from.
    pub as_of: Option<Date>,
    pub model: Model,
    /// Capacity entries; the first is the primary one.
    pub capacity: Vec<CapacityEntry>,
    /// Whether the file wrote `capacity` as a list (kept so the file round-trips as written).
    pub capacity_is_list: bool,
    pub buckets: Vec<Bucket>,
    pub sources: Vec<Source>,
    pub accounts: Vec<Account>,
    pub requests: Vec<Request>,
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    WeightedSum,
    WeightedProduct,
    Ratio,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::WeightedSum, Method::WeightedProduct, Method::Ratio];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::WeightedSum => "weighted-sum",
            Method::WeightedProduct => "weighted-product",
            Method::Ratio => "ratio",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub method: Option<Method>,
    pub use_confidence: Option<bool>,
    pub criteria: Vec<Criterion>,
    pub extra: Extra,
}

impl Model {
    pub fn method(&self) -> Method {
        self.method.unwrap_or(Method::WeightedSum)
    }

    pub fn use_confidence(&self) -> bool {
        self.use_confidence.unwrap_or(true)
    }

    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// More is better.
    Benefit,
    /// Less is better.
    Cost,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Benefit => "benefit",
            Direction::Cost => "cost",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Fixed,
    MinMax,
    Max,
    Sum,
}

impl Scale {
    pub const ALL: [Scale; 4] = [Scale::Fixed, Scale::MinMax, Scale::Max, Scale::Sum];

    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Fixed => "fixed",
            Scale::MinMax => "minmax",
            Scale::Max => "max",
            Scale::Sum => "sum",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transform {
    Linear,
    /// ln(1 + x).
    Log,
}

impl Transform {
    pub fn as_str(self) -> &'static str {
        match self {
            Transform::Linear => "linear",
            Transform::Log => "log",
        }
    }

    pub fn apply(self, x: f64) -> f64 {
        match self {
            Transform::Linear => x,
            Transform::Log => x.ln_1p(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derive {
    AsksCount,
    AsksArr,
    Deadline,
}

impl Derive {
    pub fn as_str(self) -> &'static str {
        match self {
            Derive::AsksCount => "asks-count",
            Derive::AsksArr => "asks-arr",
            Derive::Deadline => "deadline",
        }
    }
}

pub const DEFAULT_WEIGHT: f64 = 1.0;
pub const DEFAULT_HORIZON_DAYS: u32 = 180;

#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    pub direction: Direction,
    pub weight: Option<f64>,
    pub scale: Option<Scale>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub transform: Option<Transform>,
    pub derive: Option<Derive>,
    pub horizon_days: Option<u32>,
    pub extra: Extra,
}

impl Criterion {
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(DEFAULT_WEIGHT)
    }
    pub fn scale(&self) -> Scale {
        self.scale.unwrap_or(Scale::MinMax)
    }
    pub fn transform(&self) -> Transform {
        self.transform.unwrap_or(Transform::Linear)
    }
    pub fn horizon_days(&self) -> u32 {
        self.horizon_days.unwrap_or(DEFAULT_HORIZON_DAYS)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CapacityEntry {
    /// A cost criterion whose raw values are each request's effort on this resource.
    pub criterion: String,
    pub amount: f64,
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    pub id: String,
    pub label: Option<String>,
    pub min_share: Option<f64>,
    pub max_share: Option<f64>,
    pub extra: Extra,
}

impl Bucket {
    pub fn min_share(&self) -> f64 {
        self.min_share.unwrap_or(0.0)
    }
    pub fn max_share(&self) -> f64 {
        self.max_share.unwrap_or(1.0)
    }
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub label: Option<String>,
    pub credibility: Option<f64>,
    pub extra: Extra,
}

impl Source {
    pub fn credibility(&self) -> f64 {
        self.credibility.unwrap_or(1.0)
    }
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    pub id: String,
    pub name: Option<String>,
    pub arr: Option<f64>,
    pub segment: Option<String>,
    pub strategic: Option<bool>,
    pub extra: Extra,
}

impl Account {
    pub fn arr(&self) -> f64 {
        self.arr.unwrap_or(0.0)
    }
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pin {
    Must,
    Never,
}

impl Pin {
    pub fn as_str(self) -> &'static str {
        match self {
            Pin::Must => "must",
            Pin::Never => "never",
        }
    }
}

/// A request's input on one criterion: a number, or a three-point estimate.
#[derive(Clone, Debug, PartialEq)]
pub enum Estimate {
    Number(f64),
    Range {
        low: f64,
        likely: f64,
        high: f64,
        extra: Extra,
    },
}

impl Estimate {
    /// The number every computation except the robustness analysis uses.
    pub fn likely(&self) -> f64 {
        match self {
            Estimate::Number(x) => *x,
            Estimate::Range { likely, .. } => *likely,
        }
    }
    /// The smallest number the estimate admits.
    pub fn low(&self) -> f64 {
        match self {
            Estimate::Number(x) => *x,
            Estimate::Range { low, .. } => *low,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub bucket: Option<String>,
    /// Keyed by criterion id.
    pub values: BTreeMap<String, Estimate>,
    pub asks: Vec<Ask>,
    pub deadline: Option<Date>,
    pub confidence: Option<f64>,
    pub plan: Option<Pin>,
    pub tags: Vec<String>,
    pub extra: Extra,
}

impl Request {
    pub fn confidence(&self) -> f64 {
        self.confidence.unwrap_or(1.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    pub account: Option<String>,
    pub source: Option<String>,
    /// Anonymous askers (tickets, votes); only without `account`.
    pub count: Option<u32>,
    pub date: Option<Date>,
    pub note: Option<String>,
    pub extra: Extra,
}

impl Ask {
    pub fn count(&self) -> u32 {
        self.count.unwrap_or(1)
    }
}
