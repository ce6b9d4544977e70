//! Where a missing value comes from: the asks behind a request, or its deadline (§3).
//!
//! The breakdowns here are both the computation and its explanation: the page shows
//! the same parts the numbers are summed from.

use std::collections::HashMap;

use crate::date::Date;
use crate::model::{Ask, Scenario};

/// Lookups from ids to what derivation needs, built once per scenario.
pub struct Directory<'a> {
    accounts: HashMap<&'a str, usize>,
    sources: HashMap<&'a str, usize>,
    scenario: &'a Scenario,
}

impl<'a> Directory<'a> {
    pub fn new(scenario: &'a Scenario) -> Self {
        Directory {
            accounts: scenario
                .accounts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), i))
                .collect(),
            sources: scenario
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
            scenario,
        }
    }

    /// The credibility of the team that relayed an ask: 1 without a source.
    pub fn credibility(&self, ask: &Ask) -> f64 {
        ask.source
            .as_deref()
            .and_then(|s| self.sources.get(s))
            .map_or(1.0, |&i| self.scenario.sources[i].credibility())
    }

    /// The label of the team that relayed an ask, if it names one.
    pub fn source_label(&self, ask: &Ask) -> Option<&'a str> {
        let scenario = self.scenario;
        ask.source
            .as_deref()
            .and_then(|s| self.sources.get(s))
            .map(|&i| scenario.sources[i].display_label())
    }

    pub fn account_index(&self, id: &str) -> Option<usize> {
        self.accounts.get(id).copied()
    }

    /// The asks of one request, as they count: each distinct account once, with the most
    /// credible of its asks; each anonymous ask as it is.
    pub fn asks(&self, asks: &[Ask]) -> AskBreakdown {
        let mut accounts: Vec<AccountAsk> = Vec::new();
        let mut anonymous = Vec::new();
        // Account → its slot in `accounts`; only built for requests with many asks, where
        // a linear search per ask would be quadratic.
        let mut slots: Option<HashMap<usize, usize>> = (asks.len() > 32).then(HashMap::new);
        for (ask_index, ask) in asks.iter().enumerate() {
            let credibility = self.credibility(ask);
            match ask.account.as_deref().and_then(|a| self.account_index(a)) {
                Some(account) => match match &slots {
                    Some(m) => m.get(&account).map(|&k| &mut accounts[k]),
                    None => accounts.iter_mut().find(|a| a.account == account),
                } {
                    Some(seen) => {
                        seen.asks += 1;
                        if credibility > seen.credibility {
                            seen.credibility = credibility;
                            seen.ask = ask_index;
                        }
                    }
                    None => {
                        if let Some(m) = &mut slots {
                            m.insert(account, accounts.len());
                        }
                        accounts.push(AccountAsk {
                            account,
                            ask: ask_index,
                            credibility,
                            arr: self.scenario.accounts[account].arr(),
                            asks: 1,
                        });
                    }
                },
                None => anonymous.push(AnonymousAsk {
                    ask: ask_index,
                    count: ask.count(),
                    credibility,
                }),
            }
        }
        AskBreakdown {
            accounts,
            anonymous,
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

#[derive(Clone, Debug, PartialEq, Default)]
pub struct AskBreakdown {
    pub accounts: Vec<AccountAsk>,
    pub anonymous: Vec<AnonymousAsk>,
}

impl AskBreakdown {
    /// `asks-count`: accounts once each at their credibility, plus count × credibility.
    pub fn count_value(&self) -> f64 {
        let accounts: f64 = self.accounts.iter().map(|a| a.credibility).sum();
        let anonymous: f64 = self
            .anonymous
            .iter()
            .map(|a| a.count as f64 * a.credibility)
            .sum();
        accounts + anonymous
    }

    /// `asks-arr`: accounts once each, ARR × credibility; anonymous asks add nothing.
    pub fn arr_value(&self) -> f64 {
        self.accounts.iter().map(|a| a.arr * a.credibility).sum()
    }

    /// Exactly one distinct account and no anonymous ask.
    pub fn is_single_account(&self) -> bool {
        self.accounts.len() == 1 && self.anonymous.is_empty()
    }
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
}
