//! Where a missing value comes from: the asks behind a request, or its deadline (§3).
//!
//! Two views of the same rule: [`AskCounter`] totals every request's asks in one pass with
//! no allocation per request (what scoring uses), and [`asks`] breaks one request's asks
//! into the parts a PM reads in an explanation. Both add the same terms in the same order,
//! so the explanation's sum is the score's number to the last bit.

use crate::date::Date;
use crate::model::{Ask, Scenario};

/// The credibility of the team that relayed an ask: 1 without a source.
pub fn credibility(s: &Scenario, ask: &Ask) -> f64 {
    ask.source.map_or(1.0, |i| s.sources[i].credibility())
}

/// The label of the team that relayed an ask, if it names one.
pub fn source_label<'a>(s: &'a Scenario, ask: &Ask) -> Option<&'a str> {
    ask.source.map(|i| s.sources[i].display_label())
}

/// What a request's asks add up to, under each derivation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AskTotals {
    /// `asks-count`: each account once at its best credibility, plus count × credibility.
    pub count: f64,
    /// `asks-arr`: each account once, ARR × its best credibility.
    pub arr: f64,
    /// `asks-strategic`: each strategic account once, at its best credibility.
    pub strategic: f64,
    /// Exactly one distinct account and no anonymous ask.
    pub single_account: bool,
}

/// Totals the asks of many requests; one per scenario, reused from request to request.
pub struct AskCounter {
    /// Per source, its credibility; one more at the end for asks without a source.
    credibility: Vec<f64>,
    /// Per account, its ARR and whether it is strategic.
    arr: Vec<f64>,
    strategic: Vec<bool>,
    /// Per account: the best credibility among the current request's asks …
    best: Vec<f64>,
    /// … valid when its stamp is the current request's.
    stamp: Vec<u32>,
    /// The current request's distinct accounts, in order of first ask.
    distinct: Vec<u32>,
    generation: u32,
}

impl AskCounter {
    pub fn new(scenario: &Scenario) -> AskCounter {
        let n = scenario.accounts.len();
        let mut credibility: Vec<f64> = scenario.sources.iter().map(|s| s.credibility()).collect();
        credibility.push(1.0);
        AskCounter {
            credibility,
            arr: scenario.accounts.iter().map(|a| a.arr()).collect(),
            strategic: scenario.accounts.iter().map(|a| a.is_strategic()).collect(),
            best: vec![0.0; n],
            stamp: vec![0; n],
            distinct: Vec::new(),
            generation: 0,
        }
    }

    pub fn totals(&mut self, asks: &[Ask]) -> AskTotals {
        let no_source = self.credibility.len() - 1;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
        self.distinct.clear();
        let mut anonymous = 0.0;
        let mut anonymous_asks = 0;
        for ask in asks {
            let c = self.credibility[ask.source.unwrap_or(no_source)];
            match ask.account {
                Some(a) => {
                    if self.stamp[a] != self.generation {
                        self.stamp[a] = self.generation;
                        self.best[a] = c;
                        self.distinct.push(a as u32);
                    } else if c > self.best[a] {
                        self.best[a] = c;
                    }
                }
                None => {
                    anonymous += ask.count() as f64 * c;
                    anonymous_asks += 1;
                }
            }
        }
        let (mut accounts, mut arr, mut strategic) = (0.0, 0.0, 0.0);
        for &a in &self.distinct {
            let (a, c) = (a as usize, self.best[a as usize]);
            accounts += c;
            arr += self.arr[a] * c;
            if self.strategic[a] {
                strategic += c;
            }
        }
        AskTotals {
            count: accounts + anonymous,
            arr,
            strategic,
            single_account: self.distinct.len() == 1 && anonymous_asks == 0,
        }
    }
}

/// One distinct account among a request's asks.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountAsk {
    /// Index into `Scenario::accounts`.
    pub account: usize,
    /// Index of the ask (within the request) whose credibility counts.
    pub ask: usize,
    /// The highest credibility among this account's asks.
    pub credibility: f64,
    pub arr: f64,
    pub strategic: bool,
    /// How many of the request's asks name this account.
    pub asks: usize,
}

/// An ask that carries a count of anonymous askers.
#[derive(Clone, Debug, PartialEq)]
pub struct AnonymousAsk {
    pub ask: usize,
    pub count: u32,
    pub credibility: f64,
}

/// One request's asks as they count: each distinct account once, with the most credible
/// of its asks; each anonymous ask as it is.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AskBreakdown {
    pub accounts: Vec<AccountAsk>,
    pub anonymous: Vec<AnonymousAsk>,
}

/// The parts of one request's asks, for explaining a derived value.
pub fn asks(s: &Scenario, asks: &[Ask]) -> AskBreakdown {
    let mut out = AskBreakdown::default();
    for (ask_index, ask) in asks.iter().enumerate() {
        let c = credibility(s, ask);
        match ask.account {
            Some(account) => match out.accounts.iter_mut().find(|a| a.account == account) {
                Some(seen) => {
                    seen.asks += 1;
                    if c > seen.credibility {
                        seen.credibility = c;
                        seen.ask = ask_index;
                    }
                }
                None => out.accounts.push(AccountAsk {
                    account,
                    ask: ask_index,
                    credibility: c,
                    arr: s.accounts[account].arr(),
                    strategic: s.accounts[account].is_strategic(),
                    asks: 1,
                }),
            },
            None => out.anonymous.push(AnonymousAsk {
                ask: ask_index,
                count: ask.count(),
                credibility: c,
            }),
        }
    }
    out
}

/// `deadline`: 10 × clamp(1 − d / horizon, 0, 1), with d the days from `as_of` to the
/// deadline. Due today or overdue gives 10; no deadline gives 0 (not time-critical).
pub fn deadline_value(deadline: Option<Date>, as_of: Date, horizon_days: u32) -> f64 {
    match deadline {
        None => 0.0,
        Some(d) => {
            let days = as_of.days_until(d) as f64;
            10.0 * (1.0 - days / horizon_days as f64).clamp(0.0, 1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn deadline_value_follows_the_contract() {
        let as_of = day("2027-01-04");
        assert_eq!(deadline_value(None, as_of, 180), 0.0);
        assert_eq!(deadline_value(Some(as_of), as_of, 180), 10.0);
        assert_eq!(deadline_value(Some(day("2026-12-01")), as_of, 180), 10.0);
        // 85 days left of a 180-day horizon.
        let v = deadline_value(Some(day("2027-03-30")), as_of, 180);
        assert!((v - 10.0 * (1.0 - 85.0 / 180.0)).abs() < 1e-12);
        // At or beyond the horizon: 0.
        assert_eq!(deadline_value(Some(day("2027-07-03")), as_of, 180), 0.0);
        assert_eq!(deadline_value(Some(day("2028-01-01")), as_of, 180), 0.0);
    }

    #[test]
    fn totals_and_breakdown_agree() {
        let s = crate::read::from_str(
            r#"{"format": "thresh.scenario", "version": 1, "name": "n",
              "model": {"criteria": [{"id": "v", "label": "V", "direction": "benefit"}]},
              "sources": [{"id": "ka", "credibility": 0.5}, {"id": "cs", "credibility": 0.8}],
              "accounts": [{"id": "a", "arr": 100, "strategic": true}, {"id": "b", "arr": 10}],
              "requests": [
                {"id": "r1", "title": "t", "values": {"v": 1}, "asks": [
                  {"account": "a", "source": "ka"}, {"account": "b"}, {"account": "a", "source": "cs"},
                  {"count": 3, "source": "ka"}]},
                {"id": "r2", "title": "t", "values": {"v": 1}, "asks": [{"account": "b", "source": "cs"}]},
                {"id": "r3", "title": "t", "values": {"v": 1}}]}"#,
        )
        .unwrap();
        let mut counter = AskCounter::new(&s);
        let t = counter.totals(&s.requests[0].asks);
        assert_eq!(t.count, 0.8 + 1.0 + 3.0 * 0.5);
        assert_eq!(t.arr, 100.0 * 0.8 + 10.0);
        assert_eq!(t.strategic, 0.8);
        assert!(!t.single_account);
        let b = asks(&s, &s.requests[0].asks);
        assert_eq!(b.accounts.len(), 2);
        assert_eq!(b.accounts[0].ask, 2);
        let t = counter.totals(&s.requests[1].asks);
        assert!(t.single_account && t.count == 0.8 && t.strategic == 0.0);
        let t = counter.totals(&s.requests[2].asks);
        assert_eq!(t, AskTotals::default());
        assert!(t.count.is_sign_positive(), "no asks give +0, not -0");
    }
}
