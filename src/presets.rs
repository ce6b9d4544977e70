//! The well-known frameworks as presets of the one engine: the default four criteria,
//! RICE, ICE, WSJF and value/effort.
//!
//! Applying a preset never deletes data: criteria the preset does not use stay in the
//! model with weight 0 (their values are kept and come back with another preset), and a
//! criterion the preset shares with the model by id keeps its values and the fields this
//! version does not know.

use crate::model::*;

pub struct Preset {
    pub id: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    pub method: Method,
    pub use_confidence: bool,
    criteria: fn() -> Vec<Criterion>,
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

use Direction::{Benefit, Cost};

pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "default",
        label: "Reach, urgency, cost, fit",
        description: "Weighted sum of reach (from the asks), urgency (from deadlines), cost and portfolio fit.",
        method: Method::WeightedSum,
        use_confidence: true,
        criteria: || {
            vec![
                Criterion {
                    scale: Some(Scale::MinMax),
                    transform: Some(Transform::Log),
                    derive: Some(Derive::AsksCount),
                    ..c("reach", "Reach", Benefit, 4.0)
                },
                Criterion {
                    derive: Some(Derive::Deadline),
                    horizon_days: Some(180),
                    ..fixed(c("urgency", "Urgency", Benefit, 3.0), 0.0, 10.0)
                },
                Criterion {
                    scale: Some(Scale::MinMax),
                    ..c("cost", "Cost", Cost, 2.0)
                },
                fixed(c("fit", "Portfolio fit", Benefit, 1.0), 0.0, 10.0),
            ]
        },
    },
    Preset {
        id: "rice",
        label: "RICE",
        description: "Reach × Impact × Confidence / Effort. Reach counts the asks; impact 0.25–3; effort in person-weeks.",
        method: Method::WeightedProduct,
        use_confidence: true,
        criteria: || {
            vec![
                Criterion {
                    derive: Some(Derive::AsksCount),
                    ..c("reach", "Reach", Benefit, 1.0)
                },
                fixed(c("impact", "Impact", Benefit, 1.0), 0.25, 3.0),
                c("cost", "Effort", Cost, 1.0),
            ]
        },
    },
    Preset {
        id: "ice",
        label: "ICE",
        description: "Impact × Confidence × Ease, each rated 1–10.",
        method: Method::WeightedProduct,
        use_confidence: true,
        criteria: || {
            vec![
                fixed(c("impact", "Impact", Benefit, 1.0), 1.0, 10.0),
                fixed(c("ease", "Ease", Benefit, 1.0), 1.0, 10.0),
            ]
        },
    },
    Preset {
        id: "wsjf",
        label: "WSJF",
        description: "(Business value + time criticality + risk reduction) / job size, as in SAFe.",
        method: Method::Ratio,
        use_confidence: false,
        criteria: || {
            vec![
                c("business_value", "Business value", Benefit, 1.0),
                c("time_criticality", "Time criticality", Benefit, 1.0),
                c("risk_reduction", "Risk reduction / opportunity", Benefit, 1.0),
                c("cost", "Job size", Cost, 1.0),
            ]
        },
    },
    Preset {
        id: "value-effort",
        label: "Value / effort",
        description: "Value divided by effort.",
        method: Method::Ratio,
        use_confidence: true,
        criteria: || {
            vec![
                c("value", "Value", Benefit, 1.0),
                c("cost", "Effort", Cost, 1.0),
            ]
        },
    },
];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

impl Preset {
    /// The preset's criteria as it defines them.
    pub fn criteria(&self) -> Vec<Criterion> {
        (self.criteria)()
    }

    /// Applies the preset to a scenario's model (see the module's rules): the preset's
    /// criteria first, in its order, then the model's other criteria with weight 0.
    ///
    /// A preset's effort criterion (id `cost`) takes over the model's own effort criterion
    /// when the model has no `cost` — the primary capacity's criterion, or the first cost
    /// criterion — so the PM's estimates keep counting.
    pub fn apply(&self, s: &mut Scenario) {
        let old = &s.model.criteria;
        let mut criteria = self.criteria();
        if old.iter().all(|c| c.id != "cost") {
            let effort = s
                .capacity
                .first()
                .map(|e| e.criterion)
                .or_else(|| old.iter().position(|c| c.direction == Direction::Cost));
            if let Some(k) = effort {
                for c in criteria.iter_mut().filter(|c| c.id == "cost") {
                    c.id = old[k].id.clone();
                    c.label = old[k].label.clone();
                }
            }
        }
        // Old index → new index; shared criteria keep what this version does not know.
        let mut moved = vec![0; old.len()];
        for (k, o) in old.iter().enumerate() {
            match criteria.iter().position(|c| c.id == o.id) {
                Some(j) => {
                    criteria[j].extra = o.extra.clone();
                    moved[k] = j;
                }
                None => {
                    moved[k] = criteria.len();
                    criteria.push(Criterion {
                        weight: Some(0.0),
                        ..o.clone()
                    });
                }
            }
        }
        s.replace_criteria(criteria, &moved);
        s.model.method = Some(self.method);
        s.model.use_confidence = Some(self.use_confidence);
    }

    /// Whether the preset derives a criterion from deadlines (it then needs `as_of`).
    pub fn uses_deadlines(&self) -> bool {
        self.criteria()
            .iter()
            .any(|c| c.derive == Some(Derive::Deadline))
    }
}
