//! The team's views as the page's Team view shows and edits them (www/views/team.js): the
//! views with their normalised weights and consistency, the compromise, the spread and the
//! agreement in words ([`summary`]); a pairwise view checked as it is being given, one
//! judgement at a time ([`pairwise_check`]); and the changes — a view put, removed or
//! taken in from its file, the team's weights used, the PM's own weights back — each one
//! undoable step of the [`Workbench`].
//!
//! **The PM's own weights** ([`OWN_WEIGHTS`]). "Use the team's weights" replaces the
//! model's weights; "Use mine" must be able to go back even after a reload, another tab,
//! or the scenario sent to a colleague and returned — undo alone cannot (its history lives
//! in the tab). So the weights from before are kept in the scenario itself, in the model's
//! field `weights_before_team` (`{criterion id: weight}`), which the file format keeps like
//! any field it does not know; "Use mine" puts them back and removes the field. While the
//! field is there it keeps the weights from before the team's were *first* used: using the
//! team's weights again (after the views changed) does not overwrite the PM's own.
//!
//! Cost: [`summary`] ranks the scenario once per view and once for the compromise (see
//! [`Team`]); [`pairwise_check`] is one eigenvector per judgement at most.

use super::{as_weights, total_weight, view_weights, Team, CR_LIMIT};
use crate::error::{Problems, ReadError};
use crate::json::{Cursor, Number, Object, Value};
use crate::model::{Judgement, Scenario, ViewKind};
use crate::object;
use crate::score::Table;
use crate::team::file::{self, Imported};
use crate::team::saaty::{Advice, Fit, Pairwise};
use crate::validate;
use crate::workbench::Workbench;

/// Judgements named when a view is inconsistent: "the one or two that most contradict
/// the others".
pub const ADVICE: usize = 2;

/// The model's field keeping the PM's own weights while the team's are used.
pub const OWN_WEIGHTS: &str = "weights_before_team";

/// Everything the Team view draws, as a JSON value:
///
/// - `views`: per view `{id, label, say, kind: "weights" | "pairwise", weights (normalised,
///   in the model's order of criteria), raw (the view as the file holds it)}`, and for a
///   pairwise view `lambda_max, ci, cr, inconsistent, criteria (the indices it judges),
///   advice, worst` (see [`pairwise_check`]);
/// - `team`: `{weights (the compromise), scaled (the weights "Use the team's weights"
///   sets), spread ([low, high] per criterion), top (K), ranked, agreement, words}`, or
///   `null` when there are no views or they cannot rank the scenario (`error` says why);
/// - `own`: the PM's weights from before the team's were used (model order), or `null`;
///   `own_problem`: why the kept weights cannot be used, when they cannot;
/// - `using_team`: the model's weights are the team's (as "Use the team's weights" sets them);
/// - `current`: the model's weights now, normalised like a view's (sum 1).
pub fn summary(s: &Scenario, table: &Table, top: Option<usize>) -> Value {
    let criteria = &s.model.criteria;
    let n = criteria.len();
    let views: Vec<Value> = s
        .model
        .views
        .iter()
        .map(|v| {
            let worked = view_weights(v, n);
            let mut raw = String::new();
            crate::write::view(&mut raw, 0, v, criteria);
            let mut o = Object::new();
            o.push("id".into(), Value::str(&v.id));
            o.push("label".into(), Value::str(&v.label));
            o.push("say".into(), Value::f64(v.say()));
            o.push(
                "kind".into(),
                match v.kind {
                    ViewKind::Weights(_) => "weights",
                    ViewKind::Pairwise(_) => "pairwise",
                }
                .into(),
            );
            o.push("weights".into(), worked.vector.as_slice().into());
            o.push("raw".into(), Cursor::new(&raw, 0).value());
            if let (Some(p), ViewKind::Pairwise(judgements)) = (&worked.pairwise, &v.kind) {
                consistency(&mut o, p, judgements);
            }
            Value::Object(o)
        })
        .collect();
    let mut out = Object::new();
    out.push("views".into(), views.into());
    let (team, error, using_team) = if s.model.views.is_empty() {
        (Value::Null, Value::Null, false)
    } else {
        match Team::with_table(s, table, top) {
            Ok(team) => {
                let scaled = team_weights(s, &team.table, &team.compromise);
                // Within the rounding: the weights set moved W itself by a rounding or two.
                let step = 1.5 / rounding(total_weight(s, &team.table));
                let using = criteria
                    .iter()
                    .zip(&scaled)
                    .all(|(c, &w)| (c.weight() - w).abs() <= step);
                let spread: Vec<Value> = team
                    .spread
                    .iter()
                    .map(|&(lo, hi)| vec![lo, hi].into())
                    .collect();
                let v = object! {
                    "weights": team.compromise.as_slice(),
                    "scaled": scaled,
                    "spread": spread,
                    "top": team.top,
                    "ranked": team.ranked(),
                    "agreement": team.agreement(),
                    "words": Value::strings(team.agreement_words()),
                };
                (v, Value::Null, using)
            }
            Err(e) => (Value::Null, Value::from(e.to_string()), false),
        }
    };
    out.push("team".into(), team);
    out.push("error".into(), error);
    let (own, own_problem) = match own_weights(s) {
        Ok(Some(w)) => (Value::from(w), Value::Null),
        Ok(None) => (Value::Null, Value::Null),
        Err(p) => (Value::Null, Value::from(p.to_string())),
    };
    out.push("own".into(), own);
    out.push("own_problem".into(), own_problem);
    out.push("using_team".into(), using_team.into());
    let weights: Vec<f64> = criteria.iter().map(|c| c.weight()).collect();
    out.push("current".into(), shares(&weights).into());
    Value::Object(out)
}

/// Points as shares of their sum (all 0 when they sum to 0): how a `weights` view's points
/// are normalised.
pub fn shares(points: &[f64]) -> Vec<f64> {
    let total: f64 = points.iter().filter(|x| x.is_finite() && **x > 0.0).sum();
    points
        .iter()
        .map(|&x| {
            if total > 0.0 && x.is_finite() && x > 0.0 {
                x / total
            } else {
                0.0
            }
        })
        .collect()
}

/// λmax, CI, CR, whether inconsistent, the criteria judged, the advice and the worst
/// judgements of a pairwise view, into `o`.
fn consistency(o: &mut Object, p: &Pairwise, judgements: &[Judgement]) {
    o.push("lambda_max".into(), Value::f64(p.lambda_max));
    o.push("ci".into(), Value::f64(p.ci));
    o.push("cr".into(), Value::f64(p.cr));
    o.push("inconsistent".into(), p.is_inconsistent().into());
    o.push("criteria".into(), p.criteria.as_slice().into());
    let advice: Vec<Value> = p
        .advice(judgements, ADVICE)
        .iter()
        .map(advice_value)
        .collect();
    o.push("advice".into(), advice.into());
    let worst: Vec<Value> = p.worst(ADVICE).iter().map(fit_value).collect();
    o.push("worst".into(), worst.into());
}

fn fit_value(f: &Fit) -> Value {
    object! {
        "judgement": f.judgement, "a": f.a, "b": f.b, "ratio": f.ratio,
        "implied": f.implied, "suggested": f.suggested, "share": f.share,
    }
}

fn advice_value(a: &Advice) -> Value {
    object! {
        "judgement": a.judgement, "a": a.a, "b": a.b, "ratio": a.ratio,
        "implied": a.implied, "suggested": a.suggested, "share": a.share,
        "cr_after": a.cr_after,
    }
}

/// Judgements of a pairwise view being given (`criteria`: the model's indices of the
/// criteria it compares; `judgements`: the pairs judged so far), worked out as the page
/// shows them while the person goes: `{pairs, compared, complete, connected, weights
/// (model order; null until the pairs compared connect every criterion), lambda_max, ci,
/// cr, inconsistent, advice, worst}`. A pair not compared yet counts as the ratio the
/// others imply (Harker's method, [`Pairwise::over`]). `advice` lists at most [`ADVICE`]
/// changes ([`Pairwise::advice`]) — a judgement, the ratio the other judgements imply for
/// its pair (`implied`) and on Saaty's scale (`suggested`), and the CR with it
/// (`cr_after`) — best first, when CR is above 0.1; `worst` the judgements with the
/// largest share of the inconsistency.
///
/// Refused, with what is wrong, when the criteria or judgements break team-v1 §1 (other
/// than pairs not yet judged).
pub fn pairwise_check(
    criteria_count: usize,
    criteria: &[usize],
    judgements: &[Judgement],
) -> Result<Value, String> {
    let mut set = criteria.to_vec();
    set.sort_unstable();
    set.dedup();
    if set.len() != criteria.len() {
        return Err("a criterion is named twice".into());
    }
    if let Some(&k) = set.iter().find(|&&k| k >= criteria_count) {
        return Err(format!("there is no criterion {k}"));
    }
    if !validate::PAIRWISE_CRITERIA.contains(&set.len()) {
        return Err(format!(
            "a pairwise view compares {} to {} criteria, not {}",
            validate::PAIRWISE_CRITERIA.start(),
            validate::PAIRWISE_CRITERIA.end(),
            set.len()
        ));
    }
    // Pairs judged, by place in the set: an n × n table (n ≤ 15).
    let n = set.len();
    let mut judged = vec![false; n * n];
    for (i, j) in judgements.iter().enumerate() {
        if j.a == j.b || set.binary_search(&j.a).is_err() || set.binary_search(&j.b).is_err() {
            return Err(format!(
                "judgement {i} must compare two different criteria of the view"
            ));
        }
        if !(j.ratio.is_finite() && validate::ratio_ok(j.ratio)) {
            return Err(format!(
                "judgement {i}: the ratio must be {}, found {}",
                validate::RATIO_RULE,
                j.ratio
            ));
        }
        let (a, b) = (place(&set, j.a), place(&set, j.b));
        if std::mem::replace(&mut judged[a.min(b) * n + a.max(b)], true) {
            return Err(format!("judgement {i} judges a pair judged before"));
        }
    }
    let pairs = n * (n - 1) / 2;
    let mut o = Object::new();
    o.push("pairs".into(), pairs.into());
    o.push("compared".into(), judgements.len().into());
    o.push("complete".into(), (judgements.len() == pairs).into());
    match Pairwise::over(set, judgements) {
        Some(p) => {
            o.push("connected".into(), true.into());
            o.push("weights".into(), p.vector(criteria_count).into());
            consistency(&mut o, &p, judgements);
        }
        None => {
            o.push("connected".into(), false.into());
            o.push("weights".into(), Value::Null);
            o.push("cr".into(), Value::Null);
            o.push("inconsistent".into(), false.into());
            o.push("advice".into(), Value::Array(Vec::new()));
            o.push("worst".into(), Value::Array(Vec::new()));
        }
    }
    o.push("limit".into(), Value::f64(CR_LIMIT));
    Ok(Value::Object(o))
}

/// Where criterion `k` stands in a sorted set that holds it.
fn place(set: &[usize], k: usize) -> usize {
    set.binary_search(&k).unwrap_or(0)
}

/// What the team's weights are rounded to, as a multiplier: 100 (2 decimals) for a total
/// weight W ≥ 1, more decimals below.
fn rounding(w: f64) -> f64 {
    10f64.powi((2 - w.log10().floor() as i32).clamp(2, 12))
}

/// The weights "Use the team's weights" sets: the compromise scaled to the model's total
/// weight W ([`as_weights`]), rounded so a person can read them (2 decimals for W ≥ 1,
/// more for smaller totals); a criterion that sits out keeps its weight (it takes no part
/// whatever its weight).
pub fn team_weights(s: &Scenario, table: &Table, compromise: &[f64]) -> Vec<f64> {
    let scale = rounding(total_weight(s, table));
    as_weights(compromise, s, table)
        .into_iter()
        .zip(&table.columns)
        .zip(&s.model.criteria)
        .map(|((x, col), c)| {
            if col.sits_out {
                c.weight()
            } else {
                (x * scale).round() / scale
            }
        })
        .collect()
}

/// The PM's weights kept from before the team's were used (model order; a criterion not
/// kept — added since — has its weight as it is), or `None` when none are kept; refused,
/// with the place, when the kept field is not `{criterion id: number ≥ 0}`.
pub fn own_weights(s: &Scenario) -> Result<Option<Vec<f64>>, Problems> {
    let Some(kept) = s.model.extra.get(OWN_WEIGHTS) else {
        return Ok(None);
    };
    let at = format!("model.{OWN_WEIGHTS}");
    let mut p = Problems::default();
    let Some(kept) = kept.as_object() else {
        p.push(
            &at,
            format!(
                "{OWN_WEIGHTS} must be an object of weights by criterion id, found {}",
                kept.describe()
            ),
        );
        return Err(p);
    };
    let mut weights: Vec<f64> = s.model.criteria.iter().map(|c| c.weight()).collect();
    for (id, v) in kept.iter() {
        let Some(k) = s.model.criteria.iter().position(|c| &c.id == id) else {
            continue; // a criterion removed since: nothing to put back
        };
        match v.as_f64().filter(|x| x.is_finite() && *x >= 0.0) {
            Some(x) => weights[k] = x,
            None => {
                let mut path = at.clone();
                crate::json::path::push_key(&mut path, id);
                p.push(
                    path,
                    format!(
                        "{} must be a number ≥ 0, found {}",
                        crate::text::shorten(id, 40),
                        v.describe()
                    ),
                );
            }
        }
    }
    if p.is_empty() {
        Ok(Some(weights))
    } else {
        Err(p)
    }
}

// ----- changes, each one undoable step -----

/// Puts a view (its JSON as `model.views` holds it) at `index` of the views, replacing
/// the view there, or adds it when `index` is the number of views. Putting the view that
/// is there already changes nothing (and makes no undo step).
pub fn put_view(wb: &mut Workbench, index: usize, text: &str) -> Result<(), Problems> {
    let view = crate::read::view_in(wb.scenario(), index, text)?;
    if wb.scenario().model.views.get(index) == Some(&view) {
        return Ok(()); // the same view: no undo step that undoes nothing
    }
    let next = file::with_view(wb.scenario(), index, view)?;
    wb.replace(next)
}

/// Removes view `index`.
pub fn remove_view(wb: &mut Workbench, index: usize) -> Result<(), Problems> {
    if index >= wb.scenario().model.views.len() {
        let mut p = Problems::default();
        p.push("model.views", format!("there is no model.views[{index}]"));
        return Err(p);
    }
    let mut next = wb.scenario().clone();
    next.model.views.remove(index);
    wb.replace(next)
}

/// Takes a view file in (see [`file::import`]): the view with its id replaced, or added.
/// A refused file changes nothing.
pub fn import_view(wb: &mut Workbench, bytes: &[u8]) -> Result<Imported, ReadError> {
    let imported = file::import(wb.scenario(), bytes)?;
    let index = imported.replaces.unwrap_or(wb.scenario().model.views.len());
    let next =
        file::with_view(wb.scenario(), index, imported.view.clone()).map_err(ReadError::Invalid)?;
    wb.replace(next).map_err(ReadError::Invalid)?;
    Ok(imported)
}

/// Sets the model's weights to the team's ([`team_weights`]), keeping the PM's own in
/// [`OWN_WEIGHTS`] unless weights from before are kept already.
pub fn use_team_weights(wb: &mut Workbench) -> Result<(), Problems> {
    let s = wb.scenario();
    let team = Team::with_table(s, wb.table(), None).map_err(|e| e.0)?;
    let scaled = team_weights(s, &team.table, &team.compromise);
    let mut next = s.clone();
    if own_weights(s).ok().flatten().is_none() {
        let mut kept = Object::new();
        for c in &s.model.criteria {
            let w = crate::json::number::canonical(c.weight());
            kept.push(c.id.clone(), Value::Number(Number::from_text(&w)));
        }
        next.model
            .extra
            .insert(OWN_WEIGHTS.into(), Value::Object(kept));
    }
    for (c, w) in next.model.criteria.iter_mut().zip(scaled) {
        c.weight = Some(w);
    }
    wb.replace(next)
}

/// Puts the PM's own weights back ([`OWN_WEIGHTS`]) and forgets them.
pub fn use_own_weights(wb: &mut Workbench) -> Result<(), Problems> {
    let s = wb.scenario();
    let Some(weights) = own_weights(s)? else {
        let mut p = Problems::default();
        p.push(
            "",
            "there are no weights from before the team's to go back to (they are kept when \
             the team's weights are used)",
        );
        return Err(p);
    };
    let mut next = s.clone();
    next.model.extra.remove(OWN_WEIGHTS);
    for (c, w) in next.model.criteria.iter_mut().zip(weights) {
        c.weight = Some(w);
    }
    wb.replace(next)
}

/// An id for a new view: `base` (the page makes it from the label: `Head of CS` →
/// `head-of-cs`), or `view` when it is empty, made unique among the views (`-2`, `-3`, …
/// added).
pub fn fresh_view_id(s: &Scenario, base: &str) -> String {
    let base = if base.is_empty() { "view" } else { base };
    crate::workbench::unused_id(base, |id| s.model.views.iter().any(|v| v.id == id))
}
