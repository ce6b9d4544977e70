//! `thresh robust FILE [--json] [--samples N] [--seed S] [--top K]
//! [--weights around|any|views] [--spread s] [--plan]`: how sure the ranking is
//! (robustness-v1 §4) — sampled ranks and plans, and the tipping point of every weight.

use super::{load, not_acceptable, safe, Args, Failure};
use thresh::model::Scenario;
use thresh::robust::{self, Analysis, Error, Options, Weights};
use thresh::text::{self, one_line, shorten};

pub fn run(args: &Args) -> Result<String, Failure> {
    let file = args.file()?;
    let mut options = Options::default();
    if let Some(v) = once(args, "--samples")? {
        options.samples = v
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| bad("--samples", "a whole number ≥ 1", v))?;
    }
    if let Some(v) = once(args, "--seed")? {
        options.seed = v
            .parse::<u64>()
            .map_err(|_| bad("--seed", "a whole number from 0 to 18446744073709551615", v))?;
    }
    if let Some(v) = once(args, "--top")? {
        options.top = Some(
            v.parse::<usize>()
                .ok()
                .filter(|&k| k >= 1)
                .ok_or_else(|| bad("--top", "a whole number ≥ 1", v))?,
        );
    }
    let spread = match once(args, "--spread")? {
        Some(v) => Some(
            v.parse::<f64>()
                .ok()
                .filter(|s| (0.0..=1.0).contains(s))
                .ok_or_else(|| bad("--spread", "a number from 0 to 1", v))?,
        ),
        None => None,
    };
    let mode = once(args, "--weights")?.unwrap_or("around");
    if mode != "around" && spread.is_some() {
        return Err(option_failure(
            "--spread applies only with --weights around".into(),
        ));
    }
    options.plan = args.flag("--plan");

    let (name, scenario) = load(file)?;
    options.weights = match Weights::for_mode(mode, spread.unwrap_or(0.25), &scenario) {
        Some(weights) => weights.map_err(|e| not_acceptable(&name, &e.to_string()))?,
        None => {
            let [a, b, c] = Weights::MODES;
            return Err(bad("--weights", &format!("{a}, {b} or {c}"), mode));
        }
    };
    let analysis = robust::analyse(&scenario, &options).map_err(|e| match e {
        Error::Option(m) => not_acceptable(&name, &format!("--{m}")),
        Error::Plan(e) => not_acceptable(&name, &format!("--plan: {e}")),
        e => not_acceptable(&name, &e.to_string()),
    })?;
    Ok(if args.flag("--json") {
        analysis.to_json(&scenario)
    } else {
        table(&analysis, &scenario)
    })
}

/// The one value of an option given at most once.
fn once<'a>(args: &'a Args, option: &str) -> Result<Option<&'a str>, Failure> {
    match args.values(option).as_slice() {
        [] => Ok(None),
        [v] => Ok(Some(v)),
        _ => Err(option_failure(format!("give {option} once"))),
    }
}

fn option_failure(message: String) -> Failure {
    Failure { code: 2, message }
}

fn bad(option: &str, expected: &str, found: &str) -> Failure {
    option_failure(format!(
        "{option} must be {expected}, found \"{}\"",
        safe(found)
    ))
}

/// A fraction as a whole percentage that never reads 0 % or 100 % when it is not.
fn percent(x: f64) -> String {
    let p = (x * 100.0).round();
    if p == 0.0 && x > 0.0 {
        "<1%".into()
    } else if p == 100.0 && x < 1.0 {
        ">99%".into()
    } else {
        format!("{p}%")
    }
}

fn table(a: &Analysis, s: &Scenario) -> String {
    let reqs = &s.requests;
    let ids: Vec<_> = a
        .requests
        .iter()
        .map(|r| one_line(&reqs[r.request].id))
        .collect();
    let titles: Vec<_> = a
        .requests
        .iter()
        .map(|r| one_line(&reqs[r.request].title))
        .collect();
    let id_width = text::column_width(&ids, 2, usize::MAX);
    let title_width = text::column_width(&titles, 5, 36);
    let weights = a.weights.describe();
    let plan = a.plan_infeasible.is_some();
    let top_header = format!("top {}", a.top);
    let ranges = match a.ranges {
        0 => "no estimate given as a range".to_string(),
        1 => "1 estimate drawn from its range".to_string(),
        n => format!("{n} estimates drawn from their ranges"),
    };
    let mut out = format!(
        "{} samples (seed {}), {weights}; {ranges}\n\n",
        a.samples, a.seed
    );
    out.push_str(&format!(
        "{:>4}  {:<id_width$}  {:<title_width$}  {:>7}  {:>5}  {:>11}  {:>6}{}\n",
        "rank",
        "id",
        "title",
        top_header,
        "first",
        "ranks 5–95%",
        "median",
        if plan { "  in plan" } else { "" }
    ));
    for (k, r) in a.requests.iter().enumerate() {
        out.push_str(&format!(
            "{:>4}  {:<id_width$}  {:<title_width$}  {:>7}  {:>5}  {:>11}  {:>6}{}\n",
            r.rank,
            ids[k],
            shorten(&titles[k], title_width),
            percent(r.p_top),
            percent(r.acceptability[0]),
            format!("{}–{}", r.rank_p05, r.rank_p95),
            r.rank_median,
            r.p_plan
                .map(|p| format!("  {:>7}", percent(p)))
                .unwrap_or_default()
        ));
    }
    if let Some(n) = a.plan_infeasible {
        if n > 0 {
            out.push_str(&format!(
                "\n{n} of the {} samples had no feasible plan (counted as not in the plan)\n",
                a.samples
            ));
        }
    }
    out.push_str("\ntipping points (one weight moved, the others held; likely values)\n");
    for st in &a.stability {
        let c = &s.model.criteria[st.criterion];
        out.push_str(&format!(
            "  {} — {}, weight {}\n    {}\n    {}\n",
            one_line(&c.id),
            one_line(&c.label),
            text::typed(st.weight),
            one_line(&st.top_set_words(s)),
            one_line(&st.first_words(s))
        ));
    }
    match robust::decisive(&a.stability) {
        Some(d) => out.push_str(&format!("\n{}\n", one_line(&d.words(s, a.top)))),
        None => out.push_str(&format!(
            "\nno single weight's move changes the top {}\n",
            a.top
        )),
    }
    out
}
