//! The well-known frameworks as presets of the one engine: the default model (reach, ARR,
//! strategic accounts, urgency, cost, fit), RICE, ICE, WSJF and value/effort.
//!
//! A preset is a list of *slots*, each saying where its numbers come from. Applied to a
//! scenario, a slot reuses the data already there when it fits — a criterion derived the
//! same way (reach from the asks, urgency from deadlines), the effort the capacity is
//! measured in, a rating with the same id — and is added otherwise, with a `default` so
//! that every request is ranked at once and bounds chosen from the data. [`preview`] says
//! what will happen before anything does; [`Preview::apply`] does it.
//!
//! Applying a preset never deletes data: criteria the preset does not use stay in the
//! model with weight 0 (their values are kept and come back with another preset).
//!
//! The default model uses fixed scales only, so that adding, removing or editing one
//! request never changes another request's score.

use crate::derive::{deadline_value, AskCounter};
use crate::json::Value;
use crate::model::*;
use crate::object;

/// Where a preset criterion's numbers come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Derived from the asks or deadlines: reuses a criterion derived the same way.
    Derived,
    /// The effort: reuses the primary capacity's criterion, or the first cost criterion.
    Effort,
    /// A rating the PM gives: reuses a criterion with one of these ids.
    Rating(&'static [&'static str]),
}

/// One criterion of a preset.
pub struct Slot {
    /// The criterion as the preset adds it when nothing can be reused.
    pub criterion: Criterion,
    pub source: Source,
    /// For a fixed scale whose `max` is chosen from the data: the `max` when there is none.
    pub max_from_data: Option<f64>,
}

pub struct Preset {
    pub id: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    pub method: Method,
    pub use_confidence: bool,
    slots: fn() -> Vec<Slot>,
}

/// A criterion of a preset: id, label, direction, weight, then the rest by struct update.
fn c(id: &str, label: &str, direction: Direction, weight: f64) -> Criterion {
    Criterion {
        weight: Some(weight),
        ..Criterion::new(id, label, direction)
    }
}

/// A fixed scale from `min` to `max`.
fn fixed(criterion: Criterion, min: f64, max: f64) -> Criterion {
    Criterion {
        scale: Some(Scale::Fixed),
        min: Some(min),
        max: Some(max),
        ..criterion
    }
}

fn derived(criterion: Criterion, how: Derive) -> Slot {
    Slot {
        criterion: Criterion {
            derive: Some(how),
            ..criterion
        },
        source: Source::Derived,
        max_from_data: None,
    }
}

fn slot(criterion: Criterion, source: Source) -> Slot {
    Slot {
        criterion,
        source,
        max_from_data: None,
    }
}

impl Slot {
    /// The scale's `max` chosen from the data, `fallback` without data.
    fn max_from_data(self, fallback: f64) -> Slot {
        Slot {
            max_from_data: Some(fallback),
            ..self
        }
    }
}

fn rated(criterion: Criterion, default: f64, ids: &'static [&'static str]) -> Slot {
    slot(
        Criterion {
            default: Some(default),
            ..criterion
        },
        Source::Rating(ids),
    )
}

use Direction::{Benefit, Cost};

pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "default",
        label: "Reach, ARR, strategic, urgency, cost, fit",
        description: "A weighted sum of how many accounts ask (reach), the ARR behind them, how many strategic accounts ask, urgency from deadlines, cost and portfolio fit — on fixed scales, so adding a request never moves the others.",
        method: Method::WeightedSum,
        use_confidence: true,
        slots: || {
            vec![
                derived(
                    Criterion {
                        transform: Some(Transform::Log),
                        ..fixed(c("reach", "Reach", Benefit, 4.0), 0.0, 20.0)
                    },
                    Derive::AsksCount,
                )
                .max_from_data(20.0),
                derived(
                    Criterion {
                        transform: Some(Transform::Log),
                        ..fixed(c("arr", "ARR behind the asks", Benefit, 2.0), 0.0, 1e6)
                    },
                    Derive::AsksArr,
                )
                .max_from_data(1e6),
                derived(
                    fixed(c("strategic", "Strategic accounts asking", Benefit, 1.0), 0.0, 5.0),
                    Derive::AsksStrategic,
                )
                .max_from_data(5.0),
                derived(
                    Criterion {
                        horizon_days: Some(180),
                        ..fixed(c("urgency", "Urgency", Benefit, 3.0), 0.0, 10.0)
                    },
                    Derive::Deadline,
                ),
                slot(fixed(c("cost", "Cost", Cost, 2.0), 0.0, 20.0), Source::Effort)
                    .max_from_data(20.0),
                rated(
                    fixed(c("fit", "Portfolio fit", Benefit, 1.0), 0.0, 10.0),
                    5.0,
                    &["fit"],
                ),
            ]
        },
    },
    Preset {
        id: "rice",
        label: "RICE",
        description: "Reach × Impact × Confidence / Effort. Reach counts the asks; impact 0.25–3 (1 until you rate it); effort in person-weeks.",
        method: Method::WeightedProduct,
        use_confidence: true,
        slots: || {
            vec![
                derived(c("reach", "Reach", Benefit, 1.0), Derive::AsksCount),
                rated(
                    fixed(c("impact", "Impact", Benefit, 1.0), 0.25, 3.0),
                    1.0,
                    &["impact"],
                ),
                slot(c("cost", "Effort", Cost, 1.0), Source::Effort),
            ]
        },
    },
    Preset {
        id: "ice",
        label: "ICE",
        description: "Impact × Confidence × Ease. Impact 1–10 (5 until you rate it); ease is the inverse of the effort.",
        method: Method::WeightedProduct,
        use_confidence: true,
        slots: || {
            vec![
                rated(
                    fixed(c("impact", "Impact", Benefit, 1.0), 1.0, 10.0),
                    5.0,
                    &["impact"],
                ),
                slot(c("cost", "Effort (ease is its inverse)", Cost, 1.0), Source::Effort),
            ]
        },
    },
    Preset {
        id: "wsjf",
        label: "WSJF",
        description: "(Business value + time criticality + risk reduction) / job size, as in SAFe. Time criticality comes from deadlines, job size from the effort; value and risk reduction are ratings (5 and 1 until you rate them).",
        method: Method::Ratio,
        use_confidence: false,
        slots: || {
            vec![
                rated(
                    c("business_value", "Business value", Benefit, 1.0),
                    5.0,
                    &["business_value", "value"],
                ),
                derived(
                    Criterion {
                        horizon_days: Some(180),
                        ..c("time_criticality", "Time criticality", Benefit, 1.0)
                    },
                    Derive::Deadline,
                ),
                rated(
                    c("risk_reduction", "Risk reduction / opportunity", Benefit, 1.0),
                    1.0,
                    &["risk_reduction"],
                ),
                slot(c("cost", "Job size", Cost, 1.0), Source::Effort),
            ]
        },
    },
    Preset {
        id: "value-effort",
        label: "Value / effort",
        description: "Value divided by effort. Value is a rating (5 until you rate it); effort in person-weeks.",
        method: Method::Ratio,
        use_confidence: true,
        slots: || {
            vec![
                rated(c("value", "Value", Benefit, 1.0), 5.0, &["value", "business_value"]),
                slot(c("cost", "Effort", Cost, 1.0), Source::Effort),
            ]
        },
    },
];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// What a preset slot will be, on one scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// An existing criterion (by index) takes the slot: its data counts, its weight is set.
    Reuse { existing: usize, weight: f64 },
    /// A new criterion is added.
    Add(Criterion),
}

/// What applying a preset to a scenario will do, said before it is done.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub preset: &'static str,
    pub method: Method,
    pub use_confidence: bool,
    /// One step per slot, in the preset's order.
    pub steps: Vec<Step>,
    /// Existing criteria the preset does not use: kept, with weight 0.
    pub zeroed: Vec<usize>,
    /// The preset derives urgency from deadlines and the scenario has no `as_of`: today
    /// becomes it.
    pub needs_as_of: bool,
}

impl Preset {
    /// The preset's slots as it defines them.
    pub fn slots(&self) -> Vec<Slot> {
        (self.slots)()
    }

    /// The criteria the preset adds to a scenario without data (a new, empty scenario).
    pub fn criteria(&self) -> Vec<Criterion> {
        self.slots().into_iter().map(|s| s.criterion).collect()
    }
}

/// What applying `preset` to `s` will do: which existing criteria feed which slot, which
/// are added (with bounds chosen from the data), which go to weight 0.
pub fn preview(preset: &'static Preset, s: &Scenario) -> Preview {
    let criteria = &s.model.criteria;
    let mut taken = vec![false; criteria.len()];
    let mut steps = Vec::new();
    for slot in preset.slots() {
        let weight = slot.criterion.weight();
        let free = |k: &usize| !taken[*k];
        let reuse = match slot.source {
            Source::Derived => (0..criteria.len())
                .filter(free)
                .find(|&k| criteria[k].derive == slot.criterion.derive),
            Source::Effort => s
                .capacity
                .first()
                .map(|e| e.criterion)
                .filter(free)
                .or_else(|| {
                    (0..criteria.len()).filter(free).find(|&k| {
                        criteria[k].direction == Direction::Cost && criteria[k].derive.is_none()
                    })
                }),
            Source::Rating(ids) => (0..criteria.len()).filter(free).find(|&k| {
                ids.contains(&criteria[k].id.as_str())
                    && criteria[k].direction == slot.criterion.direction
            }),
        };
        match reuse {
            Some(k) => {
                taken[k] = true;
                steps.push(Step::Reuse {
                    existing: k,
                    weight,
                });
            }
            None => {
                let mut new = slot.criterion.clone();
                // An id of its own, should the scenario use the preset's for another thing.
                let mut n = 2;
                while criteria.iter().any(|c| c.id == new.id) {
                    new.id = format!("{}-{n}", slot.criterion.id);
                    n += 1;
                }
                if let Some(fallback) = slot.max_from_data {
                    new.max = Some(max_from_data(s, &new).unwrap_or(fallback));
                }
                steps.push(Step::Add(new));
            }
        }
    }
    let zeroed = (0..criteria.len()).filter(|&k| !taken[k]).collect();
    let derives_deadlines = steps.iter().any(|step| match step {
        Step::Reuse { existing, .. } => criteria[*existing].derive == Some(Derive::Deadline),
        Step::Add(c) => c.derive == Some(Derive::Deadline),
    });
    Preview {
        preset: preset.id,
        method: preset.method,
        use_confidence: preset.use_confidence,
        steps,
        zeroed,
        needs_as_of: derives_deadlines && s.as_of.is_none(),
    }
}

impl Preview {
    /// Applies the preview: the preset's criteria first, in its order, then the others with
    /// weight 0; values, capacity and views follow their criteria.
    pub fn apply(&self, s: &mut Scenario, today: crate::date::Date) {
        let old = s.model.criteria.clone();
        let mut criteria = Vec::new();
        let mut moved = vec![0; old.len()];
        for step in &self.steps {
            match step {
                Step::Reuse { existing, weight } => {
                    moved[*existing] = criteria.len();
                    criteria.push(Criterion {
                        weight: Some(*weight),
                        ..old[*existing].clone()
                    });
                }
                Step::Add(c) => criteria.push(c.clone()),
            }
        }
        for &k in &self.zeroed {
            moved[k] = criteria.len();
            criteria.push(Criterion {
                weight: Some(0.0),
                ..old[k].clone()
            });
        }
        s.replace_criteria(criteria, &moved);
        s.model.method = Some(self.method);
        s.model.use_confidence = Some(self.use_confidence);
        if self.needs_as_of {
            s.as_of = Some(today);
        }
    }

    /// What will happen, in words, one line per criterion: which existing criterion feeds
    /// each of the preset's, which are added (and what values they start with), which go
    /// to weight 0.
    pub fn lines(&self, s: &Scenario) -> Vec<String> {
        let criteria = &s.model.criteria;
        let mut out = Vec::new();
        for step in &self.steps {
            out.push(match step {
                Step::Reuse { existing, weight } => {
                    let c = &criteria[*existing];
                    let missing = missing_values(s, *existing);
                    let mut line = format!(
                        "{}: uses your {} ({}), weight {}",
                        c.label,
                        quote(&c.label),
                        where_from(c),
                        crate::text::typed(*weight)
                    );
                    if missing > 0 {
                        line.push_str(&format!(
                            "; {missing} request{} without a value get{} {}",
                            if missing == 1 { "" } else { "s" },
                            if missing == 1 { "s" } else { "" },
                            match c.default {
                                Some(d) => format!("the default {}", crate::text::typed(d)),
                                None => "the worst value".into(),
                            }
                        ));
                    }
                    line
                }
                Step::Add(c) => {
                    let mut line = format!(
                        "{}: added ({}), weight {}",
                        c.label,
                        where_from(c),
                        crate::text::typed(c.weight())
                    );
                    if let (Some(Scale::Fixed), Some(lo), Some(hi)) = (c.scale, c.min, c.max) {
                        line.push_str(&format!(
                            ", scale {} to {}",
                            crate::text::typed(lo),
                            crate::text::typed(hi)
                        ));
                    }
                    if let Some(d) = c.default {
                        line.push_str(&format!(
                            "; every request gets {} until you rate it",
                            crate::text::typed(d)
                        ));
                    }
                    line
                }
            });
        }
        for &k in &self.zeroed {
            out.push(format!(
                "{}: kept with weight 0 (its values stay for later)",
                criteria[k].label
            ));
        }
        if self.needs_as_of {
            out.push("Urgency counts days from today (the scenario had no date).".into());
        }
        out
    }

    /// The preview for the page: `{preset, method, lines, added, reused, zeroed}`.
    pub fn to_value(&self, s: &Scenario) -> Value {
        let added: Vec<Value> = self
            .steps
            .iter()
            .filter_map(|step| match step {
                Step::Add(c) => Some(Value::str(&c.id)),
                _ => None,
            })
            .collect();
        let reused: Vec<Value> = self
            .steps
            .iter()
            .filter_map(|step| match step {
                Step::Reuse { existing, .. } => Some(Value::str(&s.model.criteria[*existing].id)),
                _ => None,
            })
            .collect();
        let zeroed: Vec<Value> = self
            .zeroed
            .iter()
            .map(|&k| Value::str(&s.model.criteria[k].id))
            .collect();
        object! {
            "preset": self.preset, "method": self.method.as_str(),
            "lines": Value::strings(self.lines(s)),
            "added": added, "reused": reused, "zeroed": zeroed,
        }
    }
}

/// "from the asks", "from deadlines", "entered per request".
fn where_from(c: &Criterion) -> &'static str {
    match c.derive {
        Some(Derive::AsksCount) => "counted from the asks",
        Some(Derive::AsksArr) => "ARR from the asks",
        Some(Derive::AsksStrategic) => "strategic accounts among the asks",
        Some(Derive::Deadline) => "from deadlines",
        None if c.direction == Direction::Cost => "the effort entered per request",
        None => "a rating entered per request",
    }
}

fn quote(label: &str) -> String {
    format!("“{label}”")
}

/// How many requests (archived ones aside) have no value on criterion `k`.
fn missing_values(s: &Scenario, k: usize) -> usize {
    if s.model.criteria[k].derive.is_some() {
        return 0;
    }
    s.requests
        .iter()
        .filter(|r| !r.is_archived() && r.values.get(k).is_none())
        .count()
}

/// A fixed scale's `max` for a new criterion from the scenario's data: the largest value
/// the criterion would have (derived, or the effort entered), rounded up to a round number
/// (1, 2, 2.5 or 5 × 10ⁿ). `None` without data.
fn max_from_data(s: &Scenario, c: &Criterion) -> Option<f64> {
    let active = s.requests.iter().filter(|r| !r.is_archived());
    let largest = match c.derive {
        Some(how) => {
            let mut counter = AskCounter::new(s);
            active
                .map(|r| match how {
                    Derive::AsksCount => counter.totals(&r.asks).count,
                    Derive::AsksArr => counter.totals(&r.asks).arr,
                    Derive::AsksStrategic => counter.totals(&r.asks).strategic,
                    Derive::Deadline => s
                        .as_of
                        .map_or(0.0, |d| deadline_value(r.deadline, d, c.horizon_days())),
                })
                .fold(f64::NEG_INFINITY, f64::max)
        }
        None => {
            let effort = s.capacity.first().map(|e| e.criterion).or_else(|| {
                s.model
                    .criteria
                    .iter()
                    .position(|k| k.direction == Direction::Cost)
            })?;
            active
                .filter_map(|r| r.values.get(effort).map(Estimate::high))
                .fold(f64::NEG_INFINITY, f64::max)
        }
    };
    (largest > 0.0).then(|| round_up(largest))
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `x` (> 0).
pub fn round_up(x: f64) -> f64 {
    let mut p = 10f64.powf(x.log10().floor());
    loop {
        for m in [1.0, 2.0, 2.5, 5.0] {
            if m * p >= x {
                return m * p;
            }
        }
        p *= 10.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../examples/field-service-q2.thresh.json");

    #[test]
    fn round_numbers() {
        assert_eq!(round_up(1.0), 1.0);
        assert_eq!(round_up(1.3), 2.0);
        assert_eq!(round_up(2.1), 2.5);
        assert_eq!(round_up(37.0), 50.0);
        assert_eq!(round_up(420_000.0), 500_000.0);
        assert_eq!(round_up(0.03), 0.05);
    }

    #[test]
    fn presets_reuse_the_data_that_is_there() {
        let s = crate::read::from_str(EXAMPLE).unwrap();
        let rice = preview(find("rice").unwrap(), &s);
        let reach = s.model.criterion_index("reach").unwrap();
        let effort = s.model.criterion_index("effort").unwrap();
        assert_eq!(
            rice.steps[0],
            Step::Reuse {
                existing: reach,
                weight: 1.0
            }
        );
        assert!(
            matches!(&rice.steps[1], Step::Add(c) if c.id == "impact" && c.default == Some(1.0))
        );
        assert_eq!(
            rice.steps[2],
            Step::Reuse {
                existing: effort,
                weight: 1.0
            }
        );
        let lines = rice.lines(&s).join("\n");
        assert!(
            lines.contains("Effort (person-weeks): uses your"),
            "{lines}"
        );
        assert!(lines.contains("kept with weight 0"), "{lines}");
    }

    #[test]
    fn the_default_model_on_the_example_chooses_bounds_from_the_data() {
        let s = crate::read::from_str(EXAMPLE).unwrap();
        let p = preview(find("default").unwrap(), &s);
        let strategic = p.steps.iter().find_map(|step| match step {
            Step::Add(c) if c.id == "strategic" => Some(c.clone()),
            _ => None,
        });
        let strategic = strategic.expect("strategic is added");
        assert_eq!(strategic.scale, Some(Scale::Fixed));
        assert!(strategic.max.unwrap() >= 1.0);
    }

    #[test]
    fn every_preset_ranks_every_request_of_the_example() {
        for preset in &PRESETS {
            let mut s = crate::read::from_str(EXAMPLE).unwrap();
            preview(preset, &s).apply(&mut s, crate::date::Date::parse("2027-04-01").unwrap());
            let text = crate::write::to_string(&s);
            let s = crate::read::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            let r = crate::Ranking::new(&s).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            assert!(
                r.scores.unscorable.is_empty(),
                "{}: {:?}",
                preset.id,
                r.scores.unscorable
            );
            assert!(
                r.table.sitting_out().next().is_none() || preset.id == "default",
                "{}: a criterion sits out",
                preset.id
            );
            assert_eq!(r.scores.order.len(), s.requests.len(), "{}", preset.id);
        }
    }
}
