//! The model: method, confidence, the criteria with their scales and derivations, and the
//! team's views of the weights (read in [`super::views`]).

use super::fields::{with_id, Field, ListItem, Reader, Seen};
use crate::error::limits;
use crate::json::{Cursor, Path};
use crate::model::*;
use crate::validate;

const MODEL_FIELDS: [&str; 4] = ["method", "use_confidence", "criteria", "views"];

const CRITERION_FIELDS: [&str; 12] = [
    "id",
    "label",
    "direction",
    "weight",
    "scale",
    "min",
    "max",
    "transform",
    "derive",
    "horizon_days",
    "default",
    "weight_range",
];

impl Reader {
    pub(super) fn model(&mut self, cur: &mut Cursor, path: &Path) -> Option<Model> {
        if !self.object(cur, path) {
            return None;
        }
        let mut seen = Seen::default();
        let mut method: Field<Method> = Ok(None);
        let mut use_confidence: Field<bool> = Ok(None);
        let mut criteria = None;
        // Views name criteria: they are read once the criteria are, wherever they stand.
        let mut views_at = None;
        let mut extra = Extra::new();
        cur.enter_object();
        while let Some(key) = cur.next_key() {
            let Some(k) = MODEL_FIELDS.iter().position(|f| *f == key) else {
                self.extra_member(cur, path, key, &mut extra);
                continue;
            };
            let p = path.key(MODEL_FIELDS[k]);
            if !seen.first(k) {
                self.duplicate(cur, &p);
                continue;
            }
            match k {
                0 => method = self.word(cur, &p, Method::parse, Method::ALL, Method::as_str),
                1 => use_confidence = self.optional_bool(cur, &p),
                2 => criteria = self.criteria(cur, &p),
                _ => {
                    views_at = Some(cur.clone());
                    cur.skip();
                }
            }
        }
        if !seen.has(2) {
            self.missing(
                &path.key("criteria"),
                ": the model needs at least one criterion",
            );
        }
        let views = match views_at {
            Some(mut c) => self.views(&mut c, &path.key("views"), criteria.as_deref()),
            None => Some(Vec::new()),
        };
        Some(Model {
            method: method.ok()?,
            use_confidence: use_confidence.ok()?,
            criteria: criteria?,
            views: views?,
            extra,
        })
    }

    fn criteria(&mut self, cur: &mut Cursor, path: &Path) -> Option<Vec<Criterion>> {
        if !self.list(cur, path) {
            return None;
        }
        let mut items = Vec::new();
        cur.enter_array();
        while cur.next_item() {
            if items.len() == limits::MAX_CRITERIA {
                let n = items.len() + super::count_rest(cur);
                self.problem(
                    path,
                    validate::over_limit(n, "criteria", limits::MAX_CRITERIA),
                );
                return None;
            }
            let p = path.index(items.len());
            items.push(self.criterion(cur, &p));
        }
        if items.is_empty() {
            self.problem(path, "the model needs at least one criterion");
            return None;
        }
        self.unique_ids(&items, path);
        // With a criterion unread, references to criteria cannot be checked against a
        // partial list without reporting false problems: the model counts as unread.
        let criteria: Vec<Criterion> = items.into_iter().map(Result::ok).collect::<Option<_>>()?;
        if criteria.iter().all(|c| c.weight() <= 0.0) {
            self.problem(path, validate::NO_WEIGHT);
        }
        Some(criteria)
    }

    pub(super) fn criterion(&mut self, cur: &mut Cursor, path: &Path) -> ListItem<Criterion> {
        if !self.object(cur, path) {
            return Err(None);
        }
        let mut seen = Seen::default();
        let (mut id, mut label, mut direction) = (None, None, None);
        let mut weight: Field<f64> = Ok(None);
        let mut scale: Field<Scale> = Ok(None);
        let (mut min, mut max): (Field<f64>, Field<f64>) = (Ok(None), Ok(None));
        let mut transform: Field<Transform> = Ok(None);
        let mut derive: Field<Derive> = Ok(None);
        let mut horizon_days: Field<u32> = Ok(None);
        let mut default: Field<f64> = Ok(None);
        let mut weight_range: Field<WeightRange> = Ok(None);
        let mut extra = Extra::new();
        cur.enter_object();
        while let Some(key) = cur.next_key() {
            let Some(k) = CRITERION_FIELDS.iter().position(|f| *f == key) else {
                self.extra_member(cur, path, key, &mut extra);
                continue;
            };
            let p = path.key(CRITERION_FIELDS[k]);
            if !seen.first(k) {
                self.duplicate(cur, &p);
                continue;
            }
            let any = |_: f64| true;
            match k {
                0 => id = self.id(cur, &p),
                1 => label = self.string(cur, &p),
                2 => {
                    direction = self
                        .word(cur, &p, Direction::parse, Direction::ALL, Direction::as_str)
                        .ok()
                        .flatten()
                }
                3 => weight = self.optional_number(cur, &p, |x| x >= 0.0, "a number ≥ 0"),
                4 => scale = self.word(cur, &p, Scale::parse, Scale::ALL, Scale::as_str),
                5 => min = self.optional_number(cur, &p, any, "a number"),
                6 => max = self.optional_number(cur, &p, any, "a number"),
                7 => {
                    transform =
                        self.word(cur, &p, Transform::parse, Transform::ALL, Transform::as_str)
                }
                8 => derive = self.word(cur, &p, Derive::parse, Derive::ALL, Derive::as_str),
                9 => {
                    horizon_days = self
                        .optional_number(
                            cur,
                            &p,
                            |x| x >= 1.0 && x.fract() == 0.0 && x <= u32::MAX as f64,
                            "a whole number of days > 0",
                        )
                        .map(|h| h.map(|h| h as u32))
                }
                10 => default = self.optional_number(cur, &p, any, "a number"),
                _ => weight_range = self.weight_range(cur, &p),
            }
        }
        if !seen.has(0) {
            self.missing(&path.key("id"), "");
        }
        if !seen.has(1) {
            self.missing(&path.key("label"), "");
        }
        if !seen.has(2) {
            self.missing(
                &path.key("direction"),
                ": \"benefit\" (more is better) or \"cost\" (less is better)",
            );
        }
        self.check_bounds(path, scale, min, max, transform);
        let log = transform == Ok(Some(Transform::Log));
        if let (true, Ok(Some(d))) = (log, default) {
            if d < 0.0 {
                self.problem(
                    &path.key("default"),
                    format!("default must be ≥ 0 with the log transform (ln(1 + x) needs x ≥ 0), found {d}"),
                );
            }
        }
        if let (Ok(w), Ok(Some(range))) = (weight, &weight_range) {
            let w = w.unwrap_or(DEFAULT_WEIGHT);
            if !(range.low <= w && w <= range.high) {
                self.problem(
                    &path.key("weight_range"),
                    format!(
                        "weight_range must hold the weight (low ≤ weight ≤ high), found low {}, weight {w}, high {}",
                        range.low, range.high
                    ),
                );
            }
        }
        with_id(
            id,
            (|| {
                Some(Criterion {
                    id: String::new(),
                    label: label?,
                    direction: direction?,
                    weight: weight.ok()?,
                    scale: scale.ok()?,
                    min: min.ok()?,
                    max: max.ok()?,
                    transform: transform.ok()?,
                    derive: derive.ok()?,
                    horizon_days: horizon_days.ok()?,
                    default: default.ok()?,
                    weight_range: weight_range.ok()?,
                    extra,
                })
            })(),
        )
    }

    /// Bounds in order whatever the scale (they are kept for a later switch to a fixed
    /// scale); a fixed scale needs both.
    fn check_bounds(
        &mut self,
        path: &Path,
        scale: Field<Scale>,
        min: Field<f64>,
        max: Field<f64>,
        transform: Field<Transform>,
    ) {
        match (scale, min, max) {
            (_, Ok(Some(lo)), Ok(Some(hi))) if lo >= hi => self.problem(
                &path.key("max"),
                format!("max must be greater than min, found min {lo} and max {hi}"),
            ),
            (Ok(Some(Scale::Fixed)), Ok(Some(lo)), Ok(Some(_)))
                if transform == Ok(Some(Transform::Log)) && lo < 0.0 =>
            {
                self.problem(
                    &path.key("min"),
                    format!("min must be ≥ 0 with the log transform (ln(1 + x) needs x ≥ 0), found {lo}"),
                );
            }
            (Ok(Some(Scale::Fixed)), Ok(Some(_)), Ok(Some(_))) => {}
            (Ok(Some(Scale::Fixed)), Ok(_), Ok(_)) => self.problem(
                path,
                "a fixed scale needs both min and max (the values that map to 0 and to 1)",
            ),
            _ => {}
        }
    }

    /// `{ "low": a, "high": b }` with 0 ≤ a ≤ b (the weight between them is checked by
    /// the criterion).
    fn weight_range(&mut self, cur: &mut Cursor, path: &Path) -> Field<WeightRange> {
        if !self.object(cur, path) {
            return Err(());
        }
        let mut seen = Seen::default();
        let (mut low, mut high) = (None, None);
        let mut extra = Extra::new();
        let mut ok = true;
        cur.enter_object();
        while let Some(key) = cur.next_key() {
            let k = match key.as_ref() {
                "low" => 0,
                "high" => 1,
                _ => {
                    self.extra_member(cur, path, key, &mut extra);
                    continue;
                }
            };
            let p = path.key(["low", "high"][k]);
            if !seen.first(k) {
                self.duplicate(cur, &p);
                continue;
            }
            let x = self.number(cur, &p, |x| x >= 0.0, "a number ≥ 0");
            ok &= x.is_some();
            if k == 0 {
                low = x;
            } else {
                high = x;
            }
        }
        for (k, name) in ["low", "high"].iter().enumerate() {
            if !seen.has(k) {
                self.missing(&path.key(name), ": a weight range needs low and high");
                ok = false;
            }
        }
        match (low, high) {
            (Some(low), Some(high)) if ok => Ok(Some(WeightRange { low, high, extra })),
            _ => Err(()),
        }
    }
}
