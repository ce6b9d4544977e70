//! Every number on screen, explained: how a criterion turns values into utilities, where a
//! request's raw value comes from, and what each criterion contributes to its score.
//!
//! The explanations are computed from the same parts the numbers are (the ask breakdown of
//! `derive`, the columns of `score`), so they cannot drift from the arithmetic.

use crate::derive::{self, AskBreakdown};
use crate::json::Value;
use crate::model::*;
use crate::object;
use crate::score::{Origin, Scores, Table};
use crate::text::number;

/// A criterion in plain words: where its values come from, direction, scale, transform.
pub fn describe_criterion(c: &Criterion, method: Method) -> String {
    let source = match c.derive {
        Some(Derive::AsksCount) => {
            "counted from the accounts that asked, each once, weighted by the credibility of the \
                                   team that relayed the ask, plus anonymous askers × credibility"
                .to_string()
        }
        Some(Derive::AsksArr) => {
            "the ARR of the accounts that asked, each once, weighted by the credibility of the \
                                 team that relayed the ask"
                .to_string()
        }
        Some(Derive::AsksStrategic) => {
            "counted from the strategic accounts that asked, each once, weighted by the \
             credibility of the team that relayed the ask"
                .to_string()
        }
        Some(Derive::Deadline) => format!(
            "from the deadline: 10 when due (or overdue), falling to 0 at {} days or more ahead",
            c.horizon_days()
        ),
        None => "the value you enter for each request".to_string(),
    };
    let direction = match c.direction {
        Direction::Benefit => "more is better",
        Direction::Cost => "less is better",
    };
    let transform = match c.transform() {
        Transform::Linear => "",
        Transform::Log => "; log scale, ln(1 + x), so each doubling counts about the same",
    };
    let scale = match method {
        Method::WeightedSum => match c.scale() {
            Scale::Fixed => format!(
                "; fixed scale from {} to {}, so adding a request never moves the others",
                number(c.min.unwrap_or(0.0), 3),
                number(c.max.unwrap_or(1.0), 3)
            ),
            Scale::MinMax => "; compared across these requests (lowest to highest), so adding a request can move others"
                .into(),
            Scale::Max => "; as a share of the highest value among these requests".into(),
            Scale::Sum => "; as a share of the total over these requests".into(),
        },
        Method::WeightedProduct => "; multiplied into the score, raised to its weight".into(),
        Method::Ratio => match c.direction {
            Direction::Benefit => "; added (× weight) above the line of the ratio".into(),
            Direction::Cost => "; added (× weight) below the line of the ratio".into(),
        },
    };
    format!("{}: {source}; {direction}{transform}{scale}.", c.label)
}

/// One criterion's part in one request's score.
#[derive(Debug)]
pub struct CriterionPart {
    pub id: String,
    pub label: String,
    pub raw: f64,
    /// "given", "derived" or "missing".
    pub origin: &'static str,
    /// The transformed value t.
    pub t: f64,
    pub utility: Option<f64>,
    pub contribution: Option<f64>,
    /// Where the raw value came from, written out.
    pub derivation: String,
    /// How the raw value became a utility.
    pub scaling: String,
}

#[derive(Debug)]
pub struct RequestExplanation {
    pub id: String,
    pub title: String,
    pub rank: Option<u32>,
    pub score: Option<f64>,
    pub value: Option<f64>,
    pub confidence: f64,
    pub formula: String,
    pub parts: Vec<CriterionPart>,
    pub flags: Vec<&'static str>,
}

/// Explains request `i`: every criterion's raw value, its derivation and its contribution.
pub fn request(
    s: &Scenario,
    table: &Table,
    scores: Option<&Scores>,
    i: usize,
) -> RequestExplanation {
    let r = &s.requests[i];
    let asks = derive::asks(s, &r.asks);
    let method = s.model.method();
    let parts = s
        .model
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let col = &table.columns[k];
            let raw = col.raw[i];
            let derivation = match col.origin[i] {
                Origin::Given => match r.values.get(k) {
                    Some(Estimate::Range(range)) => format!(
                        "{} {} (entered; likely of {}–{})",
                        c.label,
                        number(range.likely, 2),
                        number(range.low, 2),
                        number(range.high, 2)
                    ),
                    _ => format!("{} {} (entered)", c.label, number(raw, 2)),
                },
                Origin::Filled => format!(
                    "{} {}: no value entered, so it gets the worst value{}",
                    c.label,
                    number(raw, 2),
                    if method == Method::WeightedSum && c.scale() == Scale::Fixed {
                        " of its fixed scale"
                    } else {
                        " among the other requests"
                    }
                ),
                Origin::Derived => derivation(s, c, r, &asks, raw),
            };
            let t = col.t(i);
            // As this scoring used it; without scores, the table's own (weighted-sum).
            let utility = match scores {
                Some(sc) => sc.utility(table, k, i),
                None => col.utility.get(i).copied(),
            };
            let scaling = match (c.transform(), utility) {
                (Transform::Log, Some(u)) => format!(
                    "ln(1 + {}) = {} → utility {}",
                    number(raw, 2),
                    number(t, 3),
                    number(u, 3)
                ),
                (Transform::Linear, Some(u)) => format!("utility {}", number(u, 3)),
                (Transform::Log, None) => format!("ln(1 + {}) = {}", number(raw, 2), number(t, 3)),
                (Transform::Linear, None) => String::new(),
            };
            CriterionPart {
                id: c.id.clone(),
                label: c.label.clone(),
                raw,
                origin: match col.origin[i] {
                    Origin::Given => "given",
                    Origin::Derived => "derived",
                    Origin::Filled => "missing",
                },
                t,
                utility,
                contribution: scores.and_then(|sc| sc.contribution(table, k, i)),
                derivation,
                scaling,
            }
        })
        .collect();
    let formula = match method {
        Method::WeightedSum => "score = 100 × confidence × Σ (weight × utility) / Σ weights".into(),
        Method::WeightedProduct => "score = confidence × Π benefit^weight / Π cost^weight".into(),
        Method::Ratio => "score = confidence × Σ (weight × benefit) / Σ (weight × cost)".into(),
    };
    RequestExplanation {
        id: r.id.clone(),
        title: r.title.clone(),
        rank: scores.map(|sc| sc.rank[i]).filter(|&r| r > 0),
        score: scores.map(|sc| sc.score[i]).filter(|x| !x.is_nan()),
        value: scores.map(|sc| sc.value[i]).filter(|x| !x.is_nan()),
        confidence: table.confidence[i],
        formula,
        parts,
        flags: table.flags[i].names(),
    }
}

/// "Reach 2.1 = Nordbank 0.8 (Inside sales) + Citibank 0.5 (Named-account team) + …".
fn derivation(s: &Scenario, c: &Criterion, r: &Request, asks: &AskBreakdown, raw: f64) -> String {
    let source_label = |ask: usize| derive::source_label(s, &r.asks[ask]).unwrap_or("no source");
    // "Citibank 0.5 (Named-account team)": an account, its credibility, who relayed it.
    let account_term = |a: &derive::AccountAsk| {
        format!(
            "{} {} ({})",
            s.accounts[a.account].display_name(),
            number(a.credibility, 2),
            source_label(a.ask)
        )
    };
    let label = &c.label;
    match c.derive {
        Some(Derive::AsksCount) => {
            let mut terms: Vec<String> = asks.accounts.iter().map(account_term).collect();
            terms.extend(asks.anonymous.iter().map(|a| {
                format!(
                    "{} askers × {} ({})",
                    a.count,
                    number(a.credibility, 2),
                    source_label(a.ask)
                )
            }));
            if terms.is_empty() {
                format!("{label} 0: nobody has asked")
            } else {
                format!("{label} {} = {}", number(raw, 2), terms.join(" + "))
            }
        }
        Some(Derive::AsksArr) => {
            let terms: Vec<String> = asks
                .accounts
                .iter()
                .map(|a| {
                    format!(
                        "{} {} × {} ({})",
                        s.accounts[a.account].display_name(),
                        number(a.arr, 0),
                        number(a.credibility, 2),
                        source_label(a.ask)
                    )
                })
                .collect();
            if terms.is_empty() {
                format!("{label} 0: no account has asked")
            } else {
                format!("{label} {} = {}", number(raw, 0), terms.join(" + "))
            }
        }
        Some(Derive::AsksStrategic) => {
            let strategic = asks.accounts.iter().filter(|a| a.strategic);
            let terms: Vec<String> = strategic.map(account_term).collect();
            if terms.is_empty() {
                format!("{label} 0: no strategic account has asked")
            } else {
                format!("{label} {} = {}", number(raw, 2), terms.join(" + "))
            }
        }
        Some(Derive::Deadline) => match (r.deadline, s.as_of) {
            (Some(d), Some(as_of)) => {
                let days = as_of.days_until(d);
                let when = if days < 0 {
                    format!("{} days overdue", -days)
                } else if days == 0 {
                    "due today".to_string()
                } else {
                    format!("{days} days left of a {}-day horizon", c.horizon_days())
                };
                format!("{label} {} = deadline {d}, {when}", number(raw, 2))
            }
            _ => format!("{label} 0: no deadline, so not time-critical"),
        },
        None => format!("{label} {}", number(raw, 2)),
    }
}

/// One point of the value-versus-effort chart.
#[derive(Debug, PartialEq)]
pub struct Chart {
    /// Effort per request (the primary capacity's criterion, or the first cost criterion).
    pub x: Vec<f64>,
    /// Value per request (the score over benefit criteria).
    pub y: Vec<f64>,
    pub x_label: String,
    pub y_label: String,
    pub x_median: f64,
    pub y_median: f64,
}

/// The value-versus-effort chart: one point per request and the median lines that split
/// it into quick wins, big bets, fill-ins and money pits.
pub fn chart(s: &Scenario, table: &Table, scores: &Scores) -> Option<Chart> {
    let k = s.capacity.first().map(|c| c.criterion).or_else(|| {
        s.model
            .criteria
            .iter()
            .position(|c| c.direction == Direction::Cost)
    })?;
    // Requests without a score (archived, unscorable) have no point: null on both axes.
    let scored = |i: usize| scores.is_scored(i);
    let x: Vec<f64> = (0..table.len())
        .map(|i| {
            if scored(i) {
                table.columns[k].raw[i]
            } else {
                f64::NAN
            }
        })
        .collect();
    let y: Vec<f64> = (0..table.len())
        .map(|i| if scored(i) { scores.value[i] } else { f64::NAN })
        .collect();
    let present = |v: &[f64]| {
        v.iter()
            .copied()
            .filter(|x| !x.is_nan())
            .collect::<Vec<_>>()
    };
    Some(Chart {
        x_median: median(&present(&x)),
        y_median: median(&present(&y)),
        x_label: s.model.criteria[k].label.clone(),
        y_label: "Value".into(),
        x,
        y,
    })
}

/// The median, by selection rather than a sort (linear: 100,000 values in a few ms).
fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    let m = s.len() / 2;
    let (below, &mut upper, _) = s.select_nth_unstable_by(m, f64::total_cmp);
    if v.len() % 2 == 1 {
        upper
    } else {
        let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lower + upper) / 2.0
    }
}

/// An account and what it asks for: what a PM tells the account manager.
#[derive(Debug)]
pub struct AccountView {
    pub index: usize,
    pub id: String,
    pub name: String,
    pub arr: f64,
    pub segment: Option<String>,
    pub strategic: bool,
    /// Its asks, best ranked first (archived requests last); the first `top` of them when
    /// the view was asked for fewer (see [`accounts_top`]).
    pub asks: Vec<AccountAskView>,
    /// How many requests it asks for, in all.
    pub asks_total: usize,
    /// How many of its asks are for requests nobody else asks for.
    pub single_account: usize,
}

#[derive(Debug)]
pub struct AccountAskView {
    pub request: usize,
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub rank: Option<u32>,
    pub score: Option<f64>,
    pub single_account: bool,
    /// The request's `status` word (`open` when the file has none).
    pub status: &'static str,
    /// `must`, `never`, or none.
    pub pin: Option<&'static str>,
}

pub fn accounts(s: &Scenario, table: &Table, scores: Option<&Scores>) -> Vec<AccountView> {
    account_views(s, table, scores, usize::MAX, None)
}

/// Every account with its `top` best-ranked asks (and how many it has in all).
pub fn accounts_top(
    s: &Scenario,
    table: &Table,
    scores: Option<&Scores>,
    top: usize,
) -> Vec<AccountView> {
    account_views(s, table, scores, top, None)
}

/// The accounts in the order a PM reads them — the largest ARR first, then by name — as
/// indices.
pub fn accounts_by_arr(s: &Scenario) -> Vec<usize> {
    let mut order: Vec<usize> = (0..s.accounts.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&s.accounts[a], &s.accounts[b]);
        y.arr()
            .total_cmp(&x.arr())
            .then_with(|| x.display_name().cmp(y.display_name()))
            .then(a.cmp(&b))
    });
    order
}

/// A page of the accounts in [`accounts_by_arr`] order: `count` of them from `start`, each
/// with its `top` best-ranked asks. Only the asks of the accounts on the page are
/// gathered, so a page costs one light pass over the requests whatever their number.
pub fn accounts_page(
    s: &Scenario,
    table: &Table,
    scores: Option<&Scores>,
    top: usize,
    start: usize,
    count: usize,
) -> Vec<AccountView> {
    let order = accounts_by_arr(s);
    let page = &order[start.min(order.len())..start.saturating_add(count).min(order.len())];
    let mut wanted = vec![false; s.accounts.len()];
    for &a in page {
        wanted[a] = true;
    }
    // In file order; put in the page's order by each account's place on it.
    let mut views: Vec<Option<AccountView>> = account_views(s, table, scores, top, Some(&wanted))
        .into_iter()
        .map(Some)
        .collect();
    let mut at = vec![0; s.accounts.len()];
    for (k, v) in views.iter().enumerate() {
        at[v.as_ref().map_or(0, |v| v.index)] = k;
    }
    page.iter().filter_map(|&a| views[at[a]].take()).collect()
}

/// Account `index` with every ask (`None` when there is no such account).
pub fn account(
    s: &Scenario,
    table: &Table,
    scores: Option<&Scores>,
    index: usize,
) -> Option<AccountView> {
    let mut wanted = vec![false; s.accounts.len()];
    *wanted.get_mut(index)? = true;
    account_views(s, table, scores, usize::MAX, Some(&wanted)).pop()
}

/// The accounts (only the `wanted` ones, when given) with their `top` best-ranked asks.
/// Each account counts once per request, with its most credible ask (the first of them)
/// naming the team that relayed it, as `derive::asks` counts it — without building the
/// whole breakdown of every request.
fn account_views(
    s: &Scenario,
    table: &Table,
    scores: Option<&Scores>,
    top: usize,
    wanted: Option<&[bool]>,
) -> Vec<AccountView> {
    let rank_of = |i: usize| scores.map(|sc| sc.rank[i]).filter(|&r| r > 0);
    let single_of = |i: usize| table.flags[i].contains(crate::score::Flags::SINGLE_ACCOUNT);
    // Per account: (rank or MAX, request, ask), for every request it asks for.
    let mut asked: Vec<Vec<(u32, u32, u32)>> = vec![Vec::new(); s.accounts.len()];
    let mut single_account = vec![0usize; s.accounts.len()];
    for (i, r) in s.requests.iter().enumerate() {
        let key = rank_of(i).unwrap_or(u32::MAX);
        for (j, ask) in r.asks.iter().enumerate() {
            let Some(a) = ask.account else { continue };
            if wanted.is_some_and(|w| !w[a]) || r.asks[..j].iter().any(|b| b.account == Some(a)) {
                continue;
            }
            let mut best = j;
            for (m, other) in r.asks.iter().enumerate().skip(j + 1) {
                if other.account == Some(a)
                    && derive::credibility(s, other) > derive::credibility(s, &r.asks[best])
                {
                    best = m;
                }
            }
            asked[a].push((key, i as u32, best as u32));
            if single_of(i) {
                single_account[a] += 1;
            }
        }
    }
    s.accounts
        .iter()
        .enumerate()
        .zip(asked)
        .filter(|((index, _), _)| wanted.is_none_or(|w| w[*index]))
        .map(|((index, a), mut list)| {
            let asks_total = list.len();
            let shown = top.min(list.len());
            if shown < list.len() {
                list.select_nth_unstable(shown);
                list.truncate(shown);
            }
            list.sort_unstable();
            let asks = list
                .into_iter()
                .map(|(_, i, ask)| {
                    let (i, r) = (i as usize, &s.requests[i as usize]);
                    AccountAskView {
                        request: i,
                        id: r.id.clone(),
                        title: r.title.clone(),
                        source: derive::source_label(s, &r.asks[ask as usize]).map(str::to_string),
                        rank: rank_of(i),
                        score: scores.map(|sc| sc.score[i]).filter(|x| !x.is_nan()),
                        single_account: single_of(i),
                        status: r.status().as_str(),
                        pin: r.plan.map(Pin::as_str),
                    }
                })
                .collect();
            AccountView {
                index,
                id: a.id.clone(),
                name: a.display_name().to_string(),
                arr: a.arr(),
                segment: a.segment.clone(),
                strategic: a.strategic.unwrap_or(false),
                asks,
                asks_total,
                single_account: single_account[index],
            }
        })
        .collect()
}

impl Chart {
    /// At most `limit` requests to draw, in rank order: the best-ranked first (a fifth of
    /// the budget, up to 100), the highest efforts (up to 20), then every n-th of the rest
    /// in rank order, so the sample spreads over the whole range of scores. Every request
    /// with a point when there are no more than `limit`.
    pub fn sample(&self, scores: &Scores, limit: usize) -> Vec<usize> {
        let ranked: Vec<usize> = scores
            .order
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| !self.x[i].is_nan() && !self.y[i].is_nan())
            .collect();
        if ranked.len() <= limit {
            return ranked;
        }
        let mut keep = vec![false; self.x.len()];
        let best = (limit / 5).min(100);
        for &i in &ranked[..best] {
            keep[i] = true;
        }
        let mut by_effort = ranked.clone();
        let heavy = 20.min(limit - best);
        by_effort.select_nth_unstable_by(heavy, |&a, &b| self.x[b].total_cmp(&self.x[a]));
        for &i in &by_effort[..heavy] {
            keep[i] = true;
        }
        let taken = keep.iter().filter(|&&k| k).count();
        let rest: Vec<usize> = ranked.iter().copied().filter(|&i| !keep[i]).collect();
        let room = limit.saturating_sub(taken);
        if room > 0 {
            let step = rest.len() as f64 / room as f64;
            for j in 0..room {
                keep[rest[(j as f64 * step) as usize]] = true;
            }
        }
        ranked.into_iter().filter(|&i| keep[i]).collect()
    }
}

// ----- as the page reads them -----

impl CriterionPart {
    pub fn to_value(&self) -> Value {
        object! {
            "id": &self.id, "label": &self.label, "raw": self.raw, "origin": self.origin,
            "t": self.t, "utility": self.utility, "contribution": self.contribution,
            "derivation": &self.derivation, "scaling": &self.scaling,
        }
    }
}

impl RequestExplanation {
    pub fn to_value(&self) -> Value {
        object! {
            "id": &self.id, "title": &self.title, "rank": self.rank, "score": self.score,
            "value": self.value, "confidence": self.confidence, "formula": &self.formula,
            "parts": self.parts.iter().map(CriterionPart::to_value).collect::<Vec<_>>(),
            "flags": Value::strings(&self.flags),
        }
    }
}

impl Chart {
    pub fn to_value(&self) -> Value {
        object! {
            "x": self.x.as_slice(), "y": self.y.as_slice(),
            "x_label": &self.x_label, "y_label": &self.y_label,
            "x_median": self.x_median, "y_median": self.y_median,
        }
    }
}

impl AccountView {
    pub fn to_value(&self) -> Value {
        let asks: Vec<Value> = self
            .asks
            .iter()
            .map(|a| {
                object! {
                    "request": a.request, "id": &a.id, "title": &a.title, "source": a.source.as_deref(),
                    "rank": a.rank, "score": a.score, "single_account": a.single_account,
                    "status": a.status, "pin": a.pin,
                }
            })
            .collect();
        object! {
            "index": self.index, "id": &self.id, "name": &self.name, "arr": self.arr,
            "segment": self.segment.as_deref(), "strategic": self.strategic, "asks": asks,
            "asks_total": self.asks_total, "single_account": self.single_account,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../examples/field-service-q2.thresh.json");

    #[test]
    fn accounts_top_keeps_the_best_ranked_asks_and_counts_them_all() {
        let s = crate::read::from_str(EXAMPLE).unwrap();
        let table = Table::new(&s);
        let weights: Vec<f64> = s.model.criteria.iter().map(|c| c.weight()).collect();
        let scores = table.score(&s.model.criteria, &weights).unwrap();
        let all = accounts(&s, &table, Some(&scores));
        let top = accounts_top(&s, &table, Some(&scores), 1);
        for (a, t) in all.iter().zip(&top) {
            assert_eq!(a.asks.len(), t.asks_total);
            assert_eq!(a.asks_total, t.asks_total);
            assert_eq!(t.asks.len(), a.asks.len().min(1));
            assert_eq!(
                a.asks.first().map(|q| q.request),
                t.asks.first().map(|q| q.request)
            );
            let one = account(&s, &table, Some(&scores), a.index).unwrap();
            assert_eq!(one.asks.len(), a.asks.len());
            assert_eq!(one.single_account, a.single_account);
        }
        assert!(account(&s, &table, Some(&scores), s.accounts.len()).is_none());
        // Pages in ARR order, the largest first, cover every account once.
        let by_arr = accounts_by_arr(&s);
        let pages: Vec<usize> = (0..s.accounts.len())
            .step_by(3)
            .flat_map(|start| accounts_page(&s, &table, Some(&scores), 2, start, 3))
            .map(|v| v.index)
            .collect();
        assert_eq!(pages, by_arr);
        assert!(by_arr
            .windows(2)
            .all(|w| s.accounts[w[0]].arr() >= s.accounts[w[1]].arr()));
        // The same asks as the breakdown every explanation uses.
        for a in &all {
            let expected: usize = s
                .requests
                .iter()
                .filter(|r| {
                    derive::asks(&s, &r.asks)
                        .accounts
                        .iter()
                        .any(|x| x.account == a.index)
                })
                .count();
            assert_eq!(a.asks_total, expected, "{}", a.id);
        }
    }

    #[test]
    fn a_chart_sample_keeps_the_best_the_heaviest_and_spreads_the_rest() {
        let s = crate::synthetic::scenario(5000, 7);
        let table = Table::new(&s);
        let weights: Vec<f64> = s.model.criteria.iter().map(|c| c.weight()).collect();
        let scores = table.score(&s.model.criteria, &weights).unwrap();
        let c = chart(&s, &table, &scores).unwrap();
        let sample = c.sample(&scores, 500);
        assert_eq!(sample.len(), 500);
        let first: Vec<usize> = scores.order[..100].iter().map(|&i| i as usize).collect();
        assert_eq!(&sample[..100], &first[..]);
        let heaviest =
            c.x.iter()
                .filter(|x| !x.is_nan())
                .fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        assert!(sample.iter().any(|&i| c.x[i] == heaviest));
        // In rank order, and reaching the bottom of the ranking.
        let pos: Vec<u32> = sample.iter().map(|&i| scores.rank[i]).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]));
        assert!(*pos.last().unwrap() > 4500);
        assert_eq!(c.sample(&scores, 10_000).len(), 5000);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), 0.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[5.0, 5.0, 1.0, 9.0, 7.0, 2.0]), 5.0);
        assert_eq!(median(&[2.0]), 2.0);
    }
}
