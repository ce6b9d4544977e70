//! The well-known frameworks as presets of the one engine: the default four criteria,
//! RICE, ICE, WSJF and value/effort.
//!
//! Applying a preset never deletes data: criteria the preset does not use stay in the
//! model with weight 0 (their values are kept and come back with another preset), and a
//! criterion the preset shares with the model by id keeps its values.

use serde_json::{json, Value};

pub struct Preset {
    pub id: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    method: &'static str,
    use_confidence: bool,
    criteria: fn() -> Vec<Value>,
}

pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "default",
        label: "Reach, urgency, cost, fit",
        description: "Weighted sum of reach (from the asks), urgency (from deadlines), cost and portfolio fit.",
        method: "weighted-sum",
        use_confidence: true,
        criteria: || {
            vec![
                json!({"id": "reach", "label": "Reach", "direction": "benefit", "weight": 4, "scale": "minmax",
                       "transform": "log", "derive": "asks-count"}),
                json!({"id": "urgency", "label": "Urgency", "direction": "benefit", "weight": 3, "scale": "fixed",
                       "min": 0, "max": 10, "derive": "deadline", "horizon_days": 180}),
                json!({"id": "cost", "label": "Cost", "direction": "cost", "weight": 2, "scale": "minmax"}),
                json!({"id": "fit", "label": "Portfolio fit", "direction": "benefit", "weight": 1, "scale": "fixed",
                       "min": 0, "max": 10}),
            ]
        },
    },
    Preset {
        id: "rice",
        label: "RICE",
        description: "Reach × Impact × Confidence / Effort. Reach counts the asks; impact 0.25–3; effort in person-weeks.",
        method: "weighted-product",
        use_confidence: true,
        criteria: || {
            vec![
                json!({"id": "reach", "label": "Reach", "direction": "benefit", "weight": 1, "derive": "asks-count"}),
                json!({"id": "impact", "label": "Impact", "direction": "benefit", "weight": 1, "scale": "fixed",
                       "min": 0.25, "max": 3}),
                json!({"id": "cost", "label": "Effort", "direction": "cost", "weight": 1}),
            ]
        },
    },
    Preset {
        id: "ice",
        label: "ICE",
        description: "Impact × Confidence × Ease, each rated 1–10.",
        method: "weighted-product",
        use_confidence: true,
        criteria: || {
            vec![
                json!({"id": "impact", "label": "Impact", "direction": "benefit", "weight": 1, "scale": "fixed",
                       "min": 1, "max": 10}),
                json!({"id": "ease", "label": "Ease", "direction": "benefit", "weight": 1, "scale": "fixed",
                       "min": 1, "max": 10}),
            ]
        },
    },
    Preset {
        id: "wsjf",
        label: "WSJF",
        description: "(Business value + time criticality + risk reduction) / job size, as in SAFe.",
        method: "ratio",
        use_confidence: false,
        criteria: || {
            vec![
                json!({"id": "business_value", "label": "Business value", "direction": "benefit", "weight": 1}),
                json!({"id": "time_criticality", "label": "Time criticality", "direction": "benefit", "weight": 1}),
                json!({"id": "risk_reduction", "label": "Risk reduction / opportunity", "direction": "benefit",
                       "weight": 1}),
                json!({"id": "cost", "label": "Job size", "direction": "cost", "weight": 1}),
            ]
        },
    },
    Preset {
        id: "value-effort",
        label: "Value / effort",
        description: "Value divided by effort.",
        method: "ratio",
        use_confidence: true,
        criteria: || {
            vec![
                json!({"id": "value", "label": "Value", "direction": "benefit", "weight": 1}),
                json!({"id": "cost", "label": "Effort", "direction": "cost", "weight": 1}),
            ]
        },
    },
];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

impl Preset {
    /// Applies the preset to a scenario's JSON `model` in place (see the module's rules).
    ///
    /// A preset's effort criterion (id `cost`) takes over the model's own effort criterion
    /// when the model has no `cost`: `effort_id` names it (the primary capacity's
    /// criterion, or the first cost criterion), so the PM's estimates keep counting.
    pub fn apply(&self, model: &mut Value, effort_id: Option<&str>) {
        let existing: Vec<Value> = model["criteria"].as_array().cloned().unwrap_or_default();
        let mut criteria: Vec<Value> = (self.criteria)();
        let has_cost = existing.iter().any(|c| c["id"] == "cost");
        if let (false, Some(effort)) = (has_cost, effort_id) {
            let own_label = existing
                .iter()
                .find(|c| c["id"] == effort)
                .map(|c| c["label"].clone());
            for c in criteria.iter_mut().filter(|c| c["id"] == "cost") {
                c["id"] = json!(effort);
                if let Some(label) = &own_label {
                    c["label"] = label.clone();
                }
            }
        }
        let ids: Vec<String> = criteria
            .iter()
            .map(|c| c["id"].as_str().unwrap_or("").to_string())
            .collect();
        // Keep what this version does not know on shared criteria.
        for c in criteria.iter_mut() {
            if let Some(old) = existing.iter().find(|o| o["id"] == c["id"]) {
                if let (Some(old), Some(new)) = (old.as_object(), c.as_object_mut()) {
                    for (k, v) in old {
                        if !KNOWN_CRITERION_FIELDS.contains(&k.as_str()) {
                            new.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
        }
        for mut old in existing {
            if !ids.iter().any(|id| old["id"] == Value::String(id.clone())) {
                old["weight"] = json!(0);
                criteria.push(old);
            }
        }
        model["method"] = json!(self.method);
        model["use_confidence"] = json!(self.use_confidence);
        model["criteria"] = Value::Array(criteria);
    }

    /// Whether the preset derives a criterion from deadlines (it then needs `as_of`).
    pub fn uses_deadlines(&self) -> bool {
        (self.criteria)().iter().any(|c| c["derive"] == "deadline")
    }
}

const KNOWN_CRITERION_FIELDS: [&str; 10] = [
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
];
