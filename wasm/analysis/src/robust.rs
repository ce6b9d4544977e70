//! How sure the ranking is (robustness-v1, issue 11), sampled in the page's worker: the
//! worker hands over the scenario's file text (as the page exports it) and the settings,
//! then draws the samples in chunks ([`RobustRun::step`]) so that it can report progress
//! and stop between them, and finally takes the result as JSON text — the contract's
//! figures per request with the titles the page shows, and the findings in words (the
//! decisive weight, who is sure and who is a coin toss, every weight's tipping points).

use wasm_bindgen::prelude::*;

use thresh::json::{self, Value};
use thresh::model::Scenario;
use thresh::robust::{decisive, Analysis, Options, Run, Weights};
use thresh::text::thousands;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One request's figures from a robustness run (fractions 0–1; ranks from 1). */
export interface RobustRequest {
  index: number; id: string; title: string; rank: number; p_top: number;
  acceptability: number[]; rank_p05: number; rank_median: number; rank_p95: number;
  p_plan?: number;
}
/** A finished robustness run, as the "How sure?" view shows it. */
export interface RobustResult {
  samples: number; seed: number; top: number; weights: string; spread?: number;
  ranges: number; plan_infeasible?: number; requests: RobustRequest[];
  settings: string; findings: string[];
}
"#;

fn failure(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// A robustness analysis being drawn.
#[wasm_bindgen]
pub struct RobustRun {
    scenario: Scenario,
    run: Option<Run>,
    total: usize,
}

#[wasm_bindgen]
impl RobustRun {
    /// Prepares a run over the scenario file `text`: `samples` ≥ 1, `top` K (0 for the
    /// default, min(10, ranked)), `mode` `around` | `any` | `views`, `spread` (mode
    /// `around`), `plan` (the chance of making each sample's optimal plan; needs a
    /// capacity), `seed`. Throws an `Error` saying what cannot be done.
    #[wasm_bindgen(constructor)]
    pub fn new(
        text: &str,
        samples: u32,
        top: u32,
        mode: &str,
        spread: f64,
        plan: bool,
        seed: u32,
    ) -> Result<RobustRun, JsValue> {
        let scenario = thresh::read::from_str(text).map_err(|e| failure(&e.to_string()))?;
        let weights = Weights::for_mode(mode, spread, &scenario)
            .ok_or_else(|| failure(&format!("{mode} is not a mode of weights")))?
            .map_err(|e| failure(&e.to_string()))?;
        let options = Options {
            samples: samples as usize,
            seed: seed as u64,
            top: (top > 0).then_some(top as usize),
            weights,
            plan,
            ..Options::default()
        };
        let run = Run::new(&scenario, &options).map_err(|e| failure(&e.to_string()))?;
        Ok(RobustRun {
            scenario,
            run: Some(run),
            total: samples as usize,
        })
    }

    /// Draws up to `count` more samples; returns how many are drawn so far.
    pub fn step(&mut self, count: u32) -> u32 {
        self.run
            .as_mut()
            .map_or(self.total, |r| r.step(count as usize)) as u32
    }

    /// The samples asked for.
    pub fn total(&self) -> u32 {
        self.total as u32
    }

    /// K, the size of the top.
    pub fn top(&self) -> u32 {
        self.run.as_ref().map_or(0, |r| r.top()) as u32
    }

    /// Draws what is left and returns the result as JSON text (`RobustResult`); once.
    pub fn finish(&mut self) -> Result<String, JsValue> {
        let run = self
            .run
            .take()
            .ok_or_else(|| failure("this run is finished already"))?;
        let analysis = run.finish();
        Ok(result(&analysis, &self.scenario).to_compact())
    }
}

/// The page's document: the contract's (robustness-v1 §4) with titles, the settings and
/// the findings in words.
fn result(a: &Analysis, s: &Scenario) -> Value {
    let mut doc = a.to_value(s);
    if let Value::Object(o) = &mut doc {
        if let Some(Value::Array(requests)) = o.get_mut("requests") {
            for (r, v) in a.requests.iter().zip(requests.iter_mut()) {
                if let Value::Object(fields) = v {
                    let mut out = json::Object::new();
                    out.push("index".into(), Value::from(r.request));
                    for (k, x) in fields.iter() {
                        out.push(k.clone(), x.clone());
                        if k == "id" {
                            out.push("title".into(), Value::str(&s.requests[r.request].title));
                        }
                    }
                    *fields = out;
                }
            }
        }
        o.push("ranges".into(), Value::from(a.ranges));
        o.push("settings".into(), Value::from(settings(a)));
        o.push("findings".into(), Value::strings(findings(a, s)));
    }
    doc
}

/// "10,000 samples · top 10 · weights within ±25% of the model's · 3 estimates drawn from their ranges"
fn settings(a: &Analysis) -> String {
    let weights = a.weights.describe();
    let ranges = match a.ranges {
        0 => "no estimate given as a range".to_string(),
        1 => "1 estimate drawn from its range".to_string(),
        n => format!("{} estimates drawn from their ranges", thousands(n)),
    };
    let plan = if a.plan_infeasible.is_some() {
        " · each sample's optimal plan"
    } else {
        ""
    };
    format!(
        "{} samples · top {} · {weights} · {ranges}{plan}",
        thousands(a.samples),
        a.top
    )
}

/// Ids in a sentence: "FS-1", "FS-1 and FS-2", "FS-1, FS-2 and 5 more".
fn ids(list: &[&str]) -> String {
    const SHOWN: usize = 6;
    let (shown, rest) = list.split_at(list.len().min(SHOWN));
    match (shown, rest.len()) {
        ([one], 0) => one.to_string(),
        (_, 0) => format!(
            "{} and {}",
            shown[..shown.len() - 1].join(", "),
            shown[shown.len() - 1]
        ),
        (_, more) => format!("{} and {more} more", shown.join(", ")),
    }
}

/// The findings, most important first: which weight decides, who is sure of the top and
/// who is a coin toss, the plan, then each weighted criterion's tipping points.
fn findings(a: &Analysis, s: &Scenario) -> Vec<String> {
    let id = |i: usize| s.requests[i].id.as_str();
    let mut out = Vec::new();
    match decisive(&a.stability) {
        Some(d) => {
            // Named by its label, as the page names criteria.
            let words = d.words_naming(s, a.top, &s.model.criteria[d.criterion].label);
            out.push(format!("{}.", capital(&words)));
        }
        None => out.push(format!(
            "No single weight's move changes the top {}.",
            a.top
        )),
    }
    let sure: Vec<&str> = a
        .requests
        .iter()
        .filter(|r| r.p_top >= 0.95)
        .map(|r| id(r.request))
        .collect();
    let toss: Vec<&str> = a
        .requests
        .iter()
        .filter(|r| (0.3..=0.7).contains(&r.p_top))
        .map(|r| id(r.request))
        .collect();
    let verb = |n: usize| if n == 1 { "is" } else { "are" };
    if !sure.is_empty() {
        out.push(format!(
            "{} {} in the top {} in at least 95% of the samples.",
            ids(&sure),
            verb(sure.len()),
            a.top
        ));
    } else {
        out.push(format!(
            "No request is in the top {} in 95% of the samples.",
            a.top
        ));
    }
    if !toss.is_empty() {
        out.push(format!(
            "{} {} a coin toss: in the top {} in 30–70% of the samples.",
            ids(&toss),
            verb(toss.len()),
            a.top
        ));
    }
    if let Some(infeasible) = a.plan_infeasible {
        let in_plan: Vec<&str> = a
            .requests
            .iter()
            .filter(|r| r.p_plan.is_some_and(|p| p >= 0.95))
            .map(|r| id(r.request))
            .collect();
        let unsure: Vec<&str> = a
            .requests
            .iter()
            .filter(|r| r.p_plan.is_some_and(|p| (0.3..=0.7).contains(&p)))
            .map(|r| id(r.request))
            .collect();
        if !in_plan.is_empty() {
            out.push(format!(
                "{} {} in the plan in at least 95% of the samples.",
                ids(&in_plan),
                verb(in_plan.len())
            ));
        }
        if !unsure.is_empty() {
            out.push(format!(
                "{} {} in the plan in only 30–70% of the samples.",
                ids(&unsure),
                verb(unsure.len())
            ));
        }
        if infeasible > 0 {
            out.push(format!(
                "In {} of the {} samples no plan fits (counted as not in the plan).",
                thousands(infeasible),
                thousands(a.samples)
            ));
        }
    }
    for st in a.stability.iter().filter(|st| st.weight > 0.0) {
        out.push(format!(
            "{}: {}.",
            s.model.criteria[st.criterion].label,
            st.top_set_words(s)
        ));
    }
    out
}

fn capital(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
