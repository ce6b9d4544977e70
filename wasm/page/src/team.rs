//! The team's views of the weights (team-v1, issue 13) for the page's Team view and the
//! ranking's rank strip: thin bindings over [`thresh::team::page`] and
//! [`thresh::team::file`]. Every change is one undo step of the workbench; a refused one
//! changes nothing and throws an `Error` with the problems.

use js_sys::Uint32Array;
use wasm_bindgen::prelude::*;

use crate::interop::{message_error, problems_error, to_js};
use crate::WasmWorkbench;
use thresh::json::Value;
use thresh::model::Judgement;
use thresh::team::{file, page, Team};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A judgement the page can advise changing: "a is ratio times as important as b" (criterion indices). */
export interface JudgementFit {
  judgement: number; a: number; b: number; ratio: number; implied: number; suggested: number;
  share: number; cr_after?: number;
}
/** A pairwise view's consistency: λmax, CI, CR, and what to change first when CR > 0.1. */
export interface Consistency {
  lambda_max: number; ci: number; cr: number; inconsistent: boolean; criteria: number[];
  advice: JudgementFit[]; worst: JudgementFit[];
}
/** One view as the Team view shows it: normalised weights in the model's order of criteria. */
export interface TeamViewEntry extends Partial<Consistency> {
  id: string; label: string; say: number; kind: "weights" | "pairwise"; weights: number[];
  raw: { [field: string]: any };
}
/** The Team view's numbers (thresh::team::page::summary). */
export interface TeamSummary {
  views: TeamViewEntry[];
  team: { weights: number[]; scaled: number[]; spread: [number, number][]; top: number;
          ranked: number; agreement: number | null; words: string[] } | null;
  error: string | null; own: number[] | null; own_problem: string | null; using_team: boolean;
  current: number[];
}
/** A pairwise view being given, checked after each judgement. */
export interface PairwiseCheck {
  pairs: number; compared: number; complete: boolean; connected: boolean;
  weights: number[] | null; lambda_max?: number; ci?: number; cr: number | null;
  inconsistent: boolean; criteria?: number[]; advice: JudgementFit[]; worst: JudgementFit[];
  limit: number;
}
/** Each view's rank of every request, for the ranking's rank strip. */
export interface TeamRanks {
  ids: string[]; labels: string[]; top: number;
  /** View-major: ranks[v * n + i] is request i's rank by view v (0: archived). */
  ranks: Uint32Array; team: Uint32Array; words: string[]; agreement: number | null;
}
/** A view file taken in. */
export interface ViewImport { id: string; label: string; replaced: boolean; notes: string[] }
"#;

fn top_k(top: Option<u32>) -> Option<usize> {
    top.map(|k| k as usize).filter(|&k| k > 0)
}

#[wasm_bindgen(js_class = Workbench)]
impl WasmWorkbench {
    /// The views with their normalised weights and consistency, the compromise, the spread
    /// and the agreement at K (`top`, default 10) in words.
    #[wasm_bindgen(unchecked_return_type = "TeamSummary")]
    pub fn team(&self, top: Option<u32>) -> JsValue {
        to_js(&page::summary(
            self.0.scenario(),
            self.0.table(),
            top_k(top),
        ))
    }

    /// How many views of the weights the scenario has.
    pub fn view_count(&self) -> usize {
        self.0.scenario().model.views.len()
    }

    /// Points as shares of their sum (a `weights` view's normalisation), for the editor.
    pub fn points_shares(&self, points: &[f64]) -> Vec<f64> {
        page::shares(points)
    }

    /// Each view's rank of every request and the team's, with the agreement at K in
    /// words; `null` when there are no views or they cannot rank the scenario.
    #[wasm_bindgen(unchecked_return_type = "TeamRanks | null")]
    pub fn team_ranks(&self, top: Option<u32>) -> JsValue {
        let s = self.0.scenario();
        if s.model.views.is_empty() {
            return JsValue::NULL;
        }
        let Ok(team) = Team::with_table(s, self.0.table(), top_k(top)) else {
            return JsValue::NULL;
        };
        let mut ranks = Vec::with_capacity(team.views.len() * s.requests.len());
        for v in &team.views {
            ranks.extend_from_slice(&v.scores.rank);
        }
        let views = &s.model.views;
        let out = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&out, &k.into(), &v);
        };
        set(
            "ids",
            to_js(&Value::strings(views.iter().map(|v| v.id.as_str()))),
        );
        set(
            "labels",
            to_js(&Value::strings(views.iter().map(|v| v.label.as_str()))),
        );
        set("top", JsValue::from(team.top as u32));
        set("ranks", Uint32Array::from(ranks.as_slice()).into());
        set("team", Uint32Array::from(team.team.rank.as_slice()).into());
        set("words", to_js(&Value::strings(team.agreement_words())));
        set(
            "agreement",
            team.agreement().map_or(JsValue::NULL, JsValue::from),
        );
        out.into()
    }

    /// A pairwise view being given: `criteria` the model's indices it compares,
    /// `judgements` the pairs judged so far as flat triples `[a, b, ratio, …]` ("a is
    /// ratio times as important as b").
    #[wasm_bindgen(unchecked_return_type = "PairwiseCheck")]
    pub fn pairwise_check(&self, criteria: &[u32], judgements: &[f64]) -> Result<JsValue, JsValue> {
        if judgements.len() % 3 != 0 {
            return Err(message_error("judgements come as triples: a, b, ratio"));
        }
        let judgements: Vec<Judgement> = judgements
            .chunks(3)
            .map(|t| Judgement {
                a: t[0] as usize,
                b: t[1] as usize,
                ratio: t[2],
                extra: Default::default(),
            })
            .collect();
        let criteria: Vec<usize> = criteria.iter().map(|&k| k as usize).collect();
        page::pairwise_check(
            self.0.scenario().model.criteria.len(),
            &criteria,
            &judgements,
        )
        .map(|v| to_js(&v))
        .map_err(|m| message_error(&m))
    }

    /// Puts a view (JSON as `model.views` holds one) at `index`, replacing the view there,
    /// or adds it when `index` is the number of views.
    pub fn put_view(&mut self, index: usize, json: &str) -> Result<(), JsValue> {
        page::put_view(&mut self.0, index, json).map_err(|p| problems_error(&p))
    }

    pub fn remove_view(&mut self, index: usize) -> Result<(), JsValue> {
        page::remove_view(&mut self.0, index).map_err(|p| problems_error(&p))
    }

    /// An unused view id: `base` (made from the label by the page), `-2`, `-3`, … added
    /// when it is taken.
    pub fn fresh_view_id(&self, base: &str) -> String {
        page::fresh_view_id(self.0.scenario(), base)
    }

    /// View `index` as a file of its own (`thresh.view`) for a colleague to fill in.
    pub fn export_view(&self, index: usize) -> Result<String, JsValue> {
        let s = self.0.scenario();
        let view = s
            .model
            .views
            .get(index)
            .ok_or_else(|| message_error(&format!("there is no view {index}")))?;
        Ok(file::export(s, view))
    }

    /// A view file with blanks for someone who has not given their weights yet.
    pub fn view_template(&self, id: &str, label: &str) -> String {
        file::template(self.0.scenario(), id, label)
    }

    /// Takes a view file in: added, or replacing the view with its id. A refused file
    /// changes nothing; the error names every problem and its place.
    #[wasm_bindgen(unchecked_return_type = "ViewImport")]
    pub fn import_view(&mut self, bytes: &[u8]) -> Result<JsValue, JsValue> {
        let done =
            page::import_view(&mut self.0, bytes).map_err(|e| message_error(&e.to_string()))?;
        Ok(to_js(&thresh::object! {
            "id": done.view.id.as_str(),
            "label": done.view.label.as_str(),
            "replaced": done.replaces.is_some(),
            "notes": Value::strings(&done.notes),
        }))
    }

    /// Sets the model's weights to the team compromise scaled to the model's total weight,
    /// keeping the PM's own in the scenario for [`use_own_weights`].
    ///
    /// [`use_own_weights`]: WasmWorkbench::use_own_weights
    pub fn use_team_weights(&mut self) -> Result<(), JsValue> {
        page::use_team_weights(&mut self.0).map_err(|p| problems_error(&p))
    }

    /// Puts back the weights the PM had before the team's were used.
    pub fn use_own_weights(&mut self) -> Result<(), JsValue> {
        page::use_own_weights(&mut self.0).map_err(|p| problems_error(&p))
    }
}
