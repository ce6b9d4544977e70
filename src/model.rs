//! The scenario as the program holds it: every field of the v1 contract, typed.
//!
//! Optional fields stay `Option` so that a file round-trips exactly as it was written:
//! a default the author left implicit is not made explicit on export. The accessors
//! (`weight()`, `scale()`, …) apply the contract's defaults in one place.
//!
//! References are resolved when a file is read: an ask holds the *index* of its account
//! and source, a request the index of its bucket and its values keyed by criterion index.
//! Scoring then needs no lookups by text, and renaming an id changes one place. Code that
//! removes or reorders a list must remap the indices ([`Scenario::remove_account`] and
//! friends do).
//!
//! The team's views of the weights (`model.views`, team-v1) refer to criteria by index
//! too: a view's points and judgements follow a criterion that moves and go with one that
//! is removed.
//!
//! Every object keeps the fields this version does not know in `extra`; the writer puts
//! them back, in the same object.

use crate::date::Date;
use crate::json::Object;

/// Fields of a JSON object that this version does not know, kept for the round trip.
pub type Extra = Object;

/// The value of `format` every scenario file carries.
pub const FORMAT: &str = "thresh.scenario";
/// The newest scenario version this build reads and writes.
pub const VERSION: u64 = 1;

/// A closed set of words of the contract: each variant with its word, `ALL` in the
/// contract's order, `as_str` and `parse`. The reader, the writer and the page's model
/// view all use these, so a word is written once.
macro_rules! keywords {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(word: &str) -> Option<$name> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keywords! {
    /// How criteria combine into a score (§2, §4).
    Method {
        WeightedSum = "weighted-sum",
        WeightedProduct = "weighted-product",
        Ratio = "ratio",
    }
}

keywords! {
    Direction {
        /// More is better.
        Benefit = "benefit",
        /// Less is better.
        Cost = "cost",
    }
}

keywords! {
    /// How a value becomes a utility under weighted-sum.
    Scale {
        Fixed = "fixed",
        MinMax = "minmax",
        Max = "max",
        Sum = "sum",
    }
}

keywords! {
    Transform {
        Linear = "linear",
        /// ln(1 + x).
        Log = "log",
    }
}

keywords! {
    /// Where a missing value comes from (§3).
    Derive {
        AsksCount = "asks-count",
        AsksArr = "asks-arr",
        AsksStrategic = "asks-strategic",
        Deadline = "deadline",
    }
}

keywords! {
    /// A request pinned in or out of the plan.
    Pin {
        Must = "must",
        Never = "never",
    }
}

keywords! {
    /// Where a request stands in its life; `done` and `declined` are archived.
    Status {
        Open = "open",
        Planned = "planned",
        InProgress = "in-progress",
        Done = "done",
        Declined = "declined",
    }
}

impl Status {
    /// Archived requests stay in the file but take no part in ranking or planning.
    pub fn is_archived(self) -> bool {
        matches!(self, Status::Done | Status::Declined)
    }
}

impl Transform {
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Transform::Linear => x,
            Transform::Log => x.ln_1p(),
        }
    }
}

pub const DEFAULT_WEIGHT: f64 = 1.0;
pub const DEFAULT_HORIZON_DAYS: u32 = 180;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    /// The day urgency is measured from.
    pub as_of: Option<Date>,
    /// The currency ARR is counted in (an ISO 4217 code such as `EUR`), for showing it.
    pub currency: Option<String>,
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

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub method: Option<Method>,
    pub use_confidence: Option<bool>,
    pub criteria: Vec<Criterion>,
    /// The team's views of the weights (team-v1); empty when the file has none.
    pub views: Vec<View>,
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

    /// Every criterion's weight, in model order.
    pub fn weights(&self) -> Vec<f64> {
        self.criteria.iter().map(Criterion::weight).collect()
    }
}

/// How uncertain a weight is (used only by the robustness analysis).
#[derive(Clone, Debug, PartialEq)]
pub struct WeightRange {
    pub low: f64,
    pub high: f64,
    pub extra: Extra,
}

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
    /// The value a request without one gets (instead of the worst value).
    pub default: Option<f64>,
    pub weight_range: Option<WeightRange>,
    pub extra: Extra,
}

impl Criterion {
    /// A criterion with only the required fields set.
    pub fn new(id: &str, label: &str, direction: Direction) -> Criterion {
        Criterion {
            id: id.into(),
            label: label.into(),
            direction,
            weight: None,
            scale: None,
            min: None,
            max: None,
            transform: None,
            derive: None,
            horizon_days: None,
            default: None,
            weight_range: None,
            extra: Extra::new(),
        }
    }

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
    /// Index of a cost criterion whose raw values are each request's effort on this
    /// resource.
    pub criterion: usize,
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
    pub fn is_strategic(&self) -> bool {
        self.strategic.unwrap_or(false)
    }
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// A three-point estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    pub low: f64,
    pub likely: f64,
    pub high: f64,
    pub extra: Extra,
}

/// A request's input on one criterion: a number, or a three-point estimate.
#[derive(Clone, Debug, PartialEq)]
pub enum Estimate {
    Number(f64),
    Range(Box<Range>),
}

impl Estimate {
    /// The number every computation except the robustness analysis uses.
    pub fn likely(&self) -> f64 {
        match self {
            Estimate::Number(x) => *x,
            Estimate::Range(r) => r.likely,
        }
    }
    /// The smallest number the estimate admits.
    pub fn low(&self) -> f64 {
        match self {
            Estimate::Number(x) => *x,
            Estimate::Range(r) => r.low,
        }
    }
    /// The largest number the estimate admits.
    pub fn high(&self) -> f64 {
        match self {
            Estimate::Number(x) => *x,
            Estimate::Range(r) => r.high,
        }
    }
}

/// Something per criterion, keyed by criterion index and kept in criterion order: a
/// request's given values ([`Values`]), a view's points ([`Points`]). A criterion may be
/// absent.
#[derive(Clone, Debug, PartialEq)]
pub struct ByCriterion<T>(Vec<(usize, T)>);

/// A request's given values, keyed by criterion index, in criterion order.
pub type Values = ByCriterion<Estimate>;

/// A view's points, keyed by criterion index, in criterion order (a criterion not named
/// has none, which counts as 0).
pub type Points = ByCriterion<f64>;

impl<T> Default for ByCriterion<T> {
    fn default() -> ByCriterion<T> {
        ByCriterion(Vec::new())
    }
}

impl<T> ByCriterion<T> {
    pub fn new() -> ByCriterion<T> {
        ByCriterion(Vec::new())
    }

    pub fn get(&self, criterion: usize) -> Option<&T> {
        self.0
            .binary_search_by_key(&criterion, |(k, _)| *k)
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Sets (or replaces) the entry of a criterion.
    pub fn set(&mut self, criterion: usize, x: T) {
        match self.0.binary_search_by_key(&criterion, |(k, _)| *k) {
            Ok(i) => self.0[i].1 = x,
            Err(i) => self.0.insert(i, (criterion, x)),
        }
    }

    pub fn remove(&mut self, criterion: usize) -> Option<T> {
        let i = self.0.binary_search_by_key(&criterion, |(k, _)| *k).ok()?;
        Some(self.0.remove(i).1)
    }

    /// (criterion index, entry), in criterion order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &T)> {
        self.0.iter().map(|(k, x)| (*k, x))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// After criterion `removed` left the model: its entry goes, later indices shift.
    fn criterion_removed(&mut self, removed: usize) {
        self.0.retain(|(k, _)| *k != removed);
        for (k, _) in &mut self.0 {
            if *k > removed {
                *k -= 1;
            }
        }
    }

    /// After the criteria were reordered: `new_index[old]` is each criterion's new place.
    fn criteria_moved(&mut self, new_index: &[usize]) {
        for (k, _) in &mut self.0 {
            *k = new_index[*k];
        }
        self.0.sort_unstable_by_key(|(k, _)| *k);
    }
}

impl<T> FromIterator<(usize, T)> for ByCriterion<T> {
    fn from_iter<I: IntoIterator<Item = (usize, T)>>(iter: I) -> ByCriterion<T> {
        let mut v = ByCriterion::new();
        for (k, x) in iter {
            v.set(k, x);
        }
        v
    }
}

/// One person's (or role's) view of the weights (team-v1 §1).
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub id: String,
    /// A person or a role.
    pub label: String,
    /// How much the view counts in the team compromise (≥ 0, default 1).
    pub say: Option<f64>,
    pub kind: ViewKind,
    pub extra: Extra,
}

impl View {
    pub fn say(&self) -> f64 {
        self.say.unwrap_or(1.0)
    }

    /// After criterion `removed` left the model: its points or the judgements naming it
    /// go, later indices shift.
    pub fn criterion_removed(&mut self, removed: usize) {
        match &mut self.kind {
            ViewKind::Weights(points) => points.criterion_removed(removed),
            ViewKind::Pairwise(judgements) => {
                judgements.retain(|j| j.a != removed && j.b != removed);
                let shift = |k: &mut usize| {
                    if *k > removed {
                        *k -= 1;
                    }
                };
                for j in judgements {
                    shift(&mut j.a);
                    shift(&mut j.b);
                }
            }
        }
    }

    /// After the criteria were reordered: `new_index[old]` is each criterion's new place.
    /// Judgements keep their order in the list.
    pub fn criteria_moved(&mut self, new_index: &[usize]) {
        match &mut self.kind {
            ViewKind::Weights(points) => points.criteria_moved(new_index),
            ViewKind::Pairwise(judgements) => {
                for j in judgements {
                    j.a = new_index[j.a];
                    j.b = new_index[j.b];
                }
            }
        }
    }
}

/// How a view states its weights: exactly one of the two.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewKind {
    /// Points given directly (`weights`); a criterion not named gets 0.
    Weights(Points),
    /// Judgements of pairs (`pairwise`), in the order the file lists them.
    Pairwise(Vec<Judgement>),
}

/// "Criterion `a` is `ratio` times as important as criterion `b`" (1/9 ≤ ratio ≤ 9).
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// Criterion index.
    pub a: usize,
    /// Criterion index, not `a`.
    pub b: usize,
    pub ratio: f64,
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Index into `Scenario::buckets`.
    pub bucket: Option<usize>,
    pub values: Values,
    pub asks: Vec<Ask>,
    pub deadline: Option<Date>,
    pub confidence: Option<f64>,
    pub plan: Option<Pin>,
    pub status: Option<Status>,
    pub tags: Vec<String>,
    pub extra: Extra,
}

impl Request {
    /// A request with only an id and a title.
    pub fn new(id: &str, title: &str) -> Request {
        Request {
            id: id.into(),
            title: title.into(),
            description: None,
            bucket: None,
            values: Values::new(),
            asks: Vec::new(),
            deadline: None,
            confidence: None,
            plan: None,
            status: None,
            tags: Vec::new(),
            extra: Extra::new(),
        }
    }

    pub fn confidence(&self) -> f64 {
        self.confidence.unwrap_or(1.0)
    }

    pub fn status(&self) -> Status {
        self.status.unwrap_or(Status::Open)
    }

    pub fn is_archived(&self) -> bool {
        self.status().is_archived()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    /// Index into `Scenario::accounts`.
    pub account: Option<usize>,
    /// Index into `Scenario::sources`.
    pub source: Option<usize>,
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

/// Removing or reordering a list that others refer to, with the references kept right.
impl Scenario {
    pub fn bucket_index(&self, id: &str) -> Option<usize> {
        self.buckets.iter().position(|b| b.id == id)
    }
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.id == id)
    }
    pub fn account_index(&self, id: &str) -> Option<usize> {
        self.accounts.iter().position(|a| a.id == id)
    }
    pub fn request_index(&self, id: &str) -> Option<usize> {
        self.requests.iter().position(|r| r.id == id)
    }

    /// Removes a criterion and every value given on it; capacity entries naming it go too,
    /// and so do the views' points on it and their judgements naming it.
    pub fn remove_criterion(&mut self, k: usize) -> Criterion {
        for r in &mut self.requests {
            r.values.criterion_removed(k);
        }
        for v in &mut self.model.views {
            v.criterion_removed(k);
        }
        self.capacity.retain(|c| c.criterion != k);
        for c in &mut self.capacity {
            if c.criterion > k {
                c.criterion -= 1;
            }
        }
        self.model.criteria.remove(k)
    }

    /// Puts the criteria in a new order: `order[new] = old`.
    pub fn reorder_criteria(&mut self, order: &[usize]) {
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut old: Vec<Option<Criterion>> = std::mem::take(&mut self.model.criteria)
            .into_iter()
            .map(Some)
            .collect();
        self.model.criteria = order
            .iter()
            .map(|&o| old[o].take().expect("a permutation"))
            .collect();
        for r in &mut self.requests {
            r.values.criteria_moved(&new_index);
        }
        for c in &mut self.capacity {
            c.criterion = new_index[c.criterion];
        }
        for v in &mut self.model.views {
            v.criteria_moved(&new_index);
        }
    }

    /// Puts a new list of criteria in place: `moved[old]` is where each old criterion's
    /// values, capacity entries and views' points and judgements go.
    pub fn replace_criteria(&mut self, criteria: Vec<Criterion>, moved: &[usize]) {
        for r in &mut self.requests {
            r.values.criteria_moved(moved);
        }
        for c in &mut self.capacity {
            c.criterion = moved[c.criterion];
        }
        for v in &mut self.model.views {
            v.criteria_moved(moved);
        }
        self.model.criteria = criteria;
    }

    /// Removes an account; asks naming it go with it.
    pub fn remove_account(&mut self, i: usize) -> Account {
        for r in &mut self.requests {
            r.asks.retain(|a| a.account != Some(i));
            for a in &mut r.asks {
                if let Some(j) = &mut a.account {
                    if *j > i {
                        *j -= 1;
                    }
                }
            }
        }
        self.accounts.remove(i)
    }

    /// Removes a source; asks it relayed lose their source (credibility 1).
    pub fn remove_source(&mut self, i: usize) -> Source {
        for r in &mut self.requests {
            for a in &mut r.asks {
                a.source = match a.source {
                    Some(j) if j == i => None,
                    Some(j) if j > i => Some(j - 1),
                    other => other,
                };
            }
        }
        self.sources.remove(i)
    }

    /// Removes a bucket; its requests are left without one.
    pub fn remove_bucket(&mut self, i: usize) -> Bucket {
        for r in &mut self.requests {
            r.bucket = match r.bucket {
                Some(j) if j == i => None,
                Some(j) if j > i => Some(j - 1),
                other => other,
            };
        }
        self.buckets.remove(i)
    }

    /// A request's given value on the criterion with this id.
    pub fn value_of<'a>(&self, r: &'a Request, criterion: &str) -> Option<&'a Estimate> {
        r.values.get(self.model.criterion_index(criterion)?)
    }

    /// The id of the account an ask names.
    pub fn account_id(&self, ask: &Ask) -> Option<&str> {
        ask.account.map(|i| self.accounts[i].id.as_str())
    }

    /// The id of the source an ask names.
    pub fn source_id(&self, ask: &Ask) -> Option<&str> {
        ask.source.map(|i| self.sources[i].id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Some(*m));
        }
        assert_eq!(Derive::parse("asks-strategic"), Some(Derive::AsksStrategic));
        assert_eq!(Status::parse("in-progress"), Some(Status::InProgress));
        assert_eq!(Scale::parse("zscore"), None);
        assert!(Status::Done.is_archived() && !Status::Planned.is_archived());
    }

    #[test]
    fn views_follow_their_criteria() {
        let judgement = |a, b, ratio| Judgement {
            a,
            b,
            ratio,
            extra: Extra::new(),
        };
        let mut pairwise = View {
            id: "p".into(),
            label: "P".into(),
            say: None,
            kind: ViewKind::Pairwise(vec![
                judgement(2, 0, 3.0),
                judgement(1, 2, 0.5),
                judgement(0, 1, 2.0),
            ]),
            extra: Extra::new(),
        };
        let mut points = View {
            kind: ViewKind::Weights([(0, 1.0), (2, 3.0)].into_iter().collect()),
            ..pairwise.clone()
        };
        // Criteria 0, 1, 2 become 2, 0, 1.
        pairwise.criteria_moved(&[2, 0, 1]);
        points.criteria_moved(&[2, 0, 1]);
        let ViewKind::Pairwise(js) = &pairwise.kind else {
            panic!()
        };
        let ends: Vec<(usize, usize)> = js.iter().map(|j| (j.a, j.b)).collect();
        assert_eq!(ends, [(1, 2), (0, 1), (2, 0)]);
        let ViewKind::Weights(p) = &points.kind else {
            panic!()
        };
        assert_eq!(p.iter().collect::<Vec<_>>(), [(1, &3.0), (2, &1.0)]);
        // Removing criterion 0 takes the judgements naming it and its points.
        pairwise.criterion_removed(0);
        points.criterion_removed(0);
        let ViewKind::Pairwise(js) = &pairwise.kind else {
            panic!()
        };
        assert_eq!(js.len(), 1);
        assert_eq!((js[0].a, js[0].b, js[0].ratio), (0, 1, 3.0));
        let ViewKind::Weights(p) = &points.kind else {
            panic!()
        };
        assert_eq!(p.iter().collect::<Vec<_>>(), [(0, &3.0), (1, &1.0)]);
        assert_eq!(pairwise.say(), 1.0);
    }

    #[test]
    fn values_stay_in_criterion_order() {
        let mut v = Values::new();
        v.set(3, Estimate::Number(3.0));
        v.set(1, Estimate::Number(1.0));
        v.set(3, Estimate::Number(4.0));
        assert_eq!(v.iter().map(|(k, _)| k).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(v.get(3).map(Estimate::likely), Some(4.0));
        v.criterion_removed(1);
        assert_eq!(v.iter().map(|(k, _)| k).collect::<Vec<_>>(), [2]);
    }
}
