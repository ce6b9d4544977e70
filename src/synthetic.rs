//! Large, realistic-looking scenarios for benchmarks (native and in the browser).
//!
//! Deterministic for a given size and seed, so that figures can be compared over time.

use crate::date::Date;
use crate::model::*;

/// A small, fast pseudo-random generator (xorshift64*); quality is ample for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn criterion(id: &str, direction: Direction, weight: f64) -> Criterion {
    Criterion {
        weight: Some(weight),
        ..Criterion::new(id, id, direction)
    }
}

/// Where the criteria of [`scenario`] stand in its model.
const COST: usize = 3;
const FIT: usize = 4;

/// A scenario with `requests` requests over the default five criteria (reach and revenue
/// derived from asks, urgency from deadlines, cost, fit), a thousand accounts, four
/// sources and four buckets.
pub fn scenario(requests: usize, seed: u64) -> Scenario {
    let request_count = requests;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let criteria = vec![
        Criterion {
            transform: Some(Transform::Log),
            derive: Some(Derive::AsksCount),
            ..criterion("reach", Direction::Benefit, 4.0)
        },
        Criterion {
            transform: Some(Transform::Log),
            derive: Some(Derive::AsksArr),
            ..criterion("revenue", Direction::Benefit, 1.0)
        },
        Criterion {
            scale: Some(Scale::Fixed),
            min: Some(0.0),
            max: Some(10.0),
            derive: Some(Derive::Deadline),
            ..criterion("urgency", Direction::Benefit, 3.0)
        },
        criterion("cost", Direction::Cost, 2.0),
        Criterion {
            scale: Some(Scale::Fixed),
            min: Some(0.0),
            max: Some(10.0),
            ..criterion("fit", Direction::Benefit, 1.0)
        },
    ];
    let sources: Vec<Source> = [
        ("named-account", 0.5),
        ("inside-sales", 0.8),
        ("support", 1.0),
        ("csm", 0.7),
    ]
    .iter()
    .map(|(id, c)| Source {
        id: (*id).into(),
        label: None,
        credibility: Some(*c),
        extra: Extra::new(),
    })
    .collect();
    let account_count = 1000.min(requests.max(10));
    let accounts: Vec<Account> = (0..account_count)
        .map(|i| Account {
            id: format!("acct-{i:05}"),
            name: Some(format!("Customer {i}")),
            arr: Some((rng.below(2_000) * 1_000) as f64),
            segment: None,
            strategic: None,
            extra: Extra::new(),
        })
        .collect();
    let buckets: Vec<Bucket> = ["growth", "retention", "efficiency", "platform"]
        .iter()
        .map(|id| Bucket {
            id: (*id).into(),
            label: None,
            min_share: None,
            max_share: Some(0.5),
            extra: Extra::new(),
        })
        .collect();
    let as_of = Date::from_ymd(2027, 1, 4).expect("a real date");
    let requests = (0..requests)
        .map(|i| {
            let mut values = Values::new();
            values.set(COST, Estimate::Number((1 + rng.below(200)) as f64 / 10.0));
            if rng.below(10) > 0 {
                values.set(FIT, Estimate::Number(rng.below(11) as f64));
            }
            let asks = (0..rng.below(5))
                .map(|_| {
                    let anonymous = rng.below(3) == 0;
                    Ask {
                        account: (!anonymous).then(|| rng.below(account_count as u64) as usize),
                        source: Some(rng.below(sources.len() as u64) as usize),
                        count: anonymous.then(|| 1 + rng.below(60) as u32),
                        date: None,
                        note: None,
                        extra: Extra::new(),
                    }
                })
                .collect();
            Request {
                id: format!("R-{i:06}"),
                title: format!("Synthetic request {i}"),
                description: None,
                bucket: Some(rng.below(buckets.len() as u64) as usize),
                values,
                asks,
                deadline: (rng.below(4) == 0).then(|| {
                    as_of
                        .add_days(rng.below(365) as i64 - 30)
                        .expect("in range")
                }),
                confidence: Some(0.5 + 0.5 * rng.unit()),
                plan: None,
                status: None,
                tags: Vec::new(),
                extra: Extra::new(),
            }
        })
        .collect();
    Scenario {
        name: format!("Synthetic scenario ({request_count} requests)"),
        as_of: Some(as_of),
        currency: None,
        model: Model {
            method: Some(Method::WeightedSum),
            use_confidence: Some(true),
            criteria,
            views: Vec::new(),
            extra: Extra::new(),
        },
        capacity: vec![CapacityEntry {
            criterion: COST,
            amount: 40.0,
            extra: Extra::new(),
        }],
        capacity_is_list: false,
        buckets,
        sources,
        accounts,
        requests,
        extra: Extra::new(),
    }
}

/// [`scenario`] made to plan like a PM's quarter: the capacity a quarter of the total
/// effort, and bucket shares growth 30–60 %, retention ≤ 50 %, efficiency ≤ 30 %,
/// platform ≤ 25 %. Efforts have one decimal.
pub fn portfolio(requests: usize, seed: u64) -> Scenario {
    let mut s = scenario(requests, seed);
    let total: f64 = s
        .requests
        .iter()
        .map(|r| r.values.get(COST).map_or(0.0, Estimate::likely))
        .sum();
    s.capacity[0].amount = (total / 4.0).round().max(1.0);
    let shares = [(0.3, 0.6), (0.0, 0.5), (0.0, 0.3), (0.0, 0.25)];
    for (b, (lo, hi)) in s.buckets.iter_mut().zip(shares) {
        b.min_share = Some(lo);
        b.max_share = Some(hi);
    }
    s.name = format!("Synthetic portfolio ({requests} requests)");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_scenarios_are_valid_and_deterministic() {
        let s = super::scenario(500, 7);
        let text = crate::write::to_string(&s);
        let back = crate::read::from_str(&text).expect("valid");
        assert_eq!(back, s);
        assert_eq!(text, crate::write::to_string(&super::scenario(500, 7)));
        crate::Ranking::new(&s).expect("scores");
    }
}
