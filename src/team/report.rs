//! The team's views as `thresh views` prints them: the JSON of team-v1 §3 and a table a
//! person reads.

use super::Team;
use crate::json::{self, Object, Value};
use crate::text::{column_width, one_line, shorten};

/// Judgements listed under an inconsistent view in the table.
const WORST_SHOWN: usize = 3;

impl Team<'_> {
    /// The `views --json` document.
    pub fn to_json(&self) -> String {
        let mut text = json::write::pretty(&self.to_value());
        text.push('\n');
        text
    }

    /// The `views --json` document as a value (team-v1 §3): `{views: [{id, label, weights,
    /// lambda_max?, ci?, cr?, top}], team: {weights, spread, top}, ranks: [{id, team,
    /// by_view}], agreement}`. `agreement` is `null` when nothing is ranked.
    pub fn to_value(&self) -> Value {
        let s = self.scenario;
        let criteria = &s.model.criteria;
        let by_criterion = |numbers: &[f64]| -> Value {
            let mut o = Object::new();
            for (c, &x) in criteria.iter().zip(numbers) {
                o.push(c.id.clone(), Value::f64(x));
            }
            Value::Object(o)
        };
        let ids = |order: &[u32]| -> Value {
            Value::strings(order.iter().map(|&i| s.requests[i as usize].id.as_str()))
        };
        let views: Vec<Value> = s
            .model
            .views
            .iter()
            .zip(&self.views)
            .map(|(view, worked)| {
                let mut o = Object::new();
                o.push("id".into(), Value::str(&view.id));
                o.push("label".into(), Value::str(&view.label));
                o.push("weights".into(), by_criterion(&worked.weights.vector));
                if let Some(p) = &worked.weights.pairwise {
                    o.push("lambda_max".into(), Value::f64(p.lambda_max));
                    o.push("ci".into(), Value::f64(p.ci));
                    o.push("cr".into(), Value::f64(p.cr));
                }
                o.push("top".into(), ids(self.top_of(&worked.scores)));
                Value::Object(o)
            })
            .collect();
        let mut spread = Object::new();
        for (c, &(lo, hi)) in criteria.iter().zip(&self.spread) {
            spread.push(c.id.clone(), vec![Value::f64(lo), Value::f64(hi)].into());
        }
        let mut team = Object::new();
        team.push("weights".into(), by_criterion(&self.compromise));
        team.push("spread".into(), Value::Object(spread));
        team.push("top".into(), ids(self.top_of(&self.team)));
        let ranks: Vec<Value> = self
            .team
            .order
            .iter()
            .map(|&i| {
                let i = i as usize;
                let mut by_view = Object::new();
                for (view, worked) in s.model.views.iter().zip(&self.views) {
                    by_view.push(view.id.clone(), Value::from(worked.scores.rank[i]));
                }
                let mut o = Object::new();
                o.push("id".into(), Value::str(&s.requests[i].id));
                o.push("team".into(), Value::from(self.team.rank[i]));
                o.push("by_view".into(), Value::Object(by_view));
                Value::Object(o)
            })
            .collect();
        let mut doc = Object::new();
        doc.push("views".into(), views.into());
        doc.push("team".into(), Value::Object(team));
        doc.push("ranks".into(), ranks.into());
        doc.push("agreement".into(), Value::from(self.agreement()));
        Value::Object(doc)
    }

    /// A readable table: criteria × views (normalised weights), spread and the team
    /// compromise; says and CR; the judgements behind an inconsistent view; the agreement
    /// in words; every request's rank by the team and by each view.
    pub fn to_table(&self) -> String {
        let s = self.scenario;
        let views = &s.model.views;
        let criteria = &s.model.criteria;
        let heads: Vec<String> = views
            .iter()
            .map(|v| shorten(&one_line(&v.id), 12))
            .collect();
        let width: Vec<usize> = heads.iter().map(|h| h.chars().count().max(6)).collect();
        let names: Vec<String> = criteria
            .iter()
            .map(|c| shorten(&one_line(&c.id), 24))
            .collect();
        let name_width = column_width(&names, 9, usize::MAX);

        let mut out = format!(
            "{} views of the weights; {} requests ranked, top {}\n\n",
            views.len(),
            self.ranked(),
            self.top
        );
        // Weights: one row per criterion.
        let mut line = format!("{:<name_width$}", "criterion");
        for (h, w) in heads.iter().zip(&width) {
            line.push_str(&format!("  {h:>w$}"));
        }
        line.push_str(&format!("  {:>13}  {:>6}", "spread", "team"));
        out.push_str(line.trim_end());
        out.push('\n');
        for (k, name) in names.iter().enumerate() {
            let mut line = format!("{name:<name_width$}");
            for (v, w) in self.views.iter().zip(&width) {
                line.push_str(&format!("  {:>w$.3}", v.weights.vector[k]));
            }
            let (lo, hi) = self.spread[k];
            line.push_str(&format!(
                "  {:>13}  {:>6.3}",
                format!("{lo:.3}–{hi:.3}"),
                self.compromise[k]
            ));
            out.push_str(&line);
            out.push('\n');
        }
        let mut line = format!("{:<name_width$}", "say");
        for (v, w) in views.iter().zip(&width) {
            line.push_str(&format!("  {:>w$}", crate::text::typed(v.say())));
        }
        out.push_str(&line);
        out.push('\n');
        let mut line = format!("{:<name_width$}", "CR");
        for (v, w) in self.views.iter().zip(&width) {
            let cr = match &v.weights.pairwise {
                Some(p) if p.is_inconsistent() => format!("{:.3}!", p.cr),
                Some(p) => format!("{:.3}", p.cr),
                None => "—".into(),
            };
            line.push_str(&format!("  {cr:>w$}"));
        }
        out.push_str(&line);
        out.push('\n');

        // Who is who.
        out.push('\n');
        for (view, head) in views.iter().zip(&heads) {
            out.push_str(&format!(
                "{head}: {}\n",
                shorten(&one_line(&view.label), 60)
            ));
        }

        // Inconsistent judgements.
        for (view, worked) in views.iter().zip(&self.views) {
            let Some(p) = worked
                .weights
                .pairwise
                .as_ref()
                .filter(|p| p.is_inconsistent())
            else {
                continue;
            };
            out.push_str(&format!(
                "\n{}'s judgements are inconsistent (CR {:.3}, above {}); the judgements that add most to it:\n",
                shorten(&one_line(&view.label), 60),
                p.cr,
                super::CR_LIMIT
            ));
            for f in p.worst(WORST_SHOWN) {
                out.push_str(&format!(
                    "  {} vs {} judged {}, the weights imply {}: try {} ({:.0}% of the inconsistency)\n",
                    shorten(&one_line(&criteria[f.a].id), 24),
                    shorten(&one_line(&criteria[f.b].id), 24),
                    ratio(f.ratio),
                    crate::text::number(f.implied, 2),
                    ratio(f.suggested),
                    100.0 * f.share
                ));
            }
        }

        // Agreement.
        out.push('\n');
        match self.agreement() {
            Some(a) => out.push_str(&format!(
                "agreement at {}: {}\n",
                self.top,
                crate::text::number(a, 2)
            )),
            None => out.push_str("agreement: nothing is ranked\n"),
        }
        for words in self.agreement_words() {
            out.push_str(&format!("  {}\n", one_line(&words)));
        }

        // Ranks by view.
        let ids: Vec<String> = s.requests.iter().map(|r| one_line(&r.id).into()).collect();
        let id_width = column_width(
            self.team.order.iter().map(|&i| &ids[i as usize]),
            2,
            usize::MAX,
        );
        let title_width = 32;
        out.push('\n');
        let mut line = format!(
            "{:>4}  {:<id_width$}  {:<title_width$}",
            "team", "id", "title"
        );
        for (h, w) in heads.iter().zip(&width) {
            line.push_str(&format!("  {h:>w$}"));
        }
        out.push_str(line.trim_end());
        out.push('\n');
        for &i in &self.team.order {
            let i = i as usize;
            let title = shorten(&one_line(&s.requests[i].title), title_width);
            let mut line = format!(
                "{:>4}  {:<id_width$}  {title:<title_width$}",
                self.team.rank[i], ids[i]
            );
            for (v, w) in self.views.iter().zip(&width) {
                line.push_str(&format!("  {:>w$}", v.scores.rank[i]));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// A judgement's ratio as people write it: `3`, `1/3`.
fn ratio(r: f64) -> String {
    if r < 1.0 && (1.0 / r - (1.0 / r).round()).abs() < 1e-9 {
        format!("1/{}", (1.0 / r).round())
    } else {
        crate::text::number(r, 2)
    }
}
