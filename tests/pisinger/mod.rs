//! Pisinger's hard knapsack instances, generated here from a fixed seed (nothing is
//! downloaded), and the plain dense dynamic programme that gives their optimum.
//!
//! The classes are those of D. Pisinger, "Where are the hard knapsack problems?",
//! Computers & Operations Research 32 (2005) 2271–2284, with its numbering. Weights are
//! drawn uniformly from [1, R]; with R/10 written `R/10` (integer division):
//!
//! - 1 uncorrelated: p_j uniform in [1, R];
//! - 2 weakly correlated: p_j uniform in [w_j − R/10, w_j + R/10], and p_j ≥ 1;
//! - 3 strongly correlated: p_j = w_j + R/10;
//! - 4 inverse strongly correlated: p_j uniform in [1, R], w_j = p_j + R/10;
//! - 5 almost strongly correlated: p_j uniform in [w_j + R/10 − R/500, w_j + R/10 + R/500];
//! - 6 subset sum: p_j = w_j;
//! - 11–13 spanner instances span(v, m) with v = 2, m = 10, over classes 1, 2 and 3: v
//!   "spanner" items are drawn by that class's rule and "normalised by dividing the profits
//!   and weights by m + 1" (here rounded up, so that none is 0); each of the n items is a
//!   spanner item chosen at random times a multiplier a uniform in [1, m];
//! - 14 multiple strongly correlated mstr(k1, k2, d) with k1 = 3R/10, k2 = 2R/10, d = 6:
//!   p_j = w_j + k1 when d divides w_j, else w_j + k2;
//! - 15 profit ceiling pceil(d) with d = 3: p_j = d ⌈w_j / d⌉;
//! - 16 circle circle(d) with d = 2/3: p_j = d √(4R² − (w_j − 2R)²), rounded down.
//!
//! The capacity is half the total weight (rounded down); the paper's series of 100 vary it,
//! this collection takes the middle one.

#![allow(dead_code)]

use thresh::plan::Problem;

/// The twelve classes: number and name.
pub const CLASSES: [(u32, &str); 12] = [
    (1, "uncorrelated"),
    (2, "weakly correlated"),
    (3, "strongly correlated"),
    (4, "inverse strongly correlated"),
    (5, "almost strongly correlated"),
    (6, "subset sum"),
    (11, "uncorrelated spanner(2,10)"),
    (12, "weakly correlated spanner(2,10)"),
    (13, "strongly correlated spanner(2,10)"),
    (14, "multiple strongly correlated mstr(3R/10,2R/10,6)"),
    (15, "profit ceiling pceil(3)"),
    (16, "circle circle(2/3)"),
];

/// One generated instance: integer profits and weights, and the capacity.
#[derive(Clone, Debug)]
pub struct Instance {
    pub class: u32,
    pub range: u64,
    pub profits: Vec<u64>,
    pub weights: Vec<u64>,
    pub capacity: u64,
}

impl Instance {
    /// `class 3, R = 1000, n = 1000`.
    pub fn label(&self) -> String {
        format!(
            "class {:>2}, R = {:>5}, n = {}",
            self.class,
            self.range,
            self.weights.len()
        )
    }

    /// The instance as the planner's problem: one capacity, no buckets, no pins.
    pub fn problem(&self) -> Problem {
        Problem {
            values: self.profits.iter().map(|&p| p as f64).collect(),
            efforts: vec![self.weights.iter().map(|&w| w as f64).collect()],
            amounts: vec![self.capacity as f64],
            ..Problem::default()
        }
    }

    /// The optimum by the plain dynamic programme over every capacity from 0 to c:
    /// O(n × c) time, O(c) memory. The floor any knapsack algorithm is measured against.
    pub fn dense_optimum(&self) -> u64 {
        let c = self.capacity as usize;
        let mut best = vec![0u64; c + 1];
        for (&p, &w) in self.profits.iter().zip(&self.weights) {
            let w = w as usize;
            if w > c {
                continue;
            }
            for cap in (w..=c).rev() {
                let with = best[cap - w] + p;
                if with > best[cap] {
                    best[cap] = with;
                }
            }
        }
        best[c]
    }
}

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [lo, hi] (the modulo's bias is below 10⁻¹⁴ for these ranges).
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// One item of a traditional class (1–6) with range `r`: (profit, weight).
fn traditional(class: u32, r: i64, rng: &mut Rng) -> (i64, i64) {
    let w = rng.between(1, r);
    match class {
        1 => (rng.between(1, r), w),
        2 => (rng.between((w - r / 10).max(1), w + r / 10), w),
        3 => (w + r / 10, w),
        4 => {
            let p = rng.between(1, r);
            (p, p + r / 10)
        }
        5 => (rng.between(w + r / 10 - r / 500, w + r / 10 + r / 500), w),
        6 => (w, w),
        _ => unreachable!("class {class} is not a traditional one"),
    }
}

/// Instance `class` with `n` items and range `r`, from `seed`.
pub fn generate(class: u32, n: usize, r: u64, seed: u64) -> Instance {
    let mut rng = Rng(seed ^ (u64::from(class) << 48) ^ r);
    let r = r as i64;
    let items: Vec<(i64, i64)> = match class {
        1..=6 => (0..n).map(|_| traditional(class, r, &mut rng)).collect(),
        11..=13 => {
            let (v, m) = (2, 10);
            let spanners: Vec<(i64, i64)> = (0..v)
                .map(|_| {
                    let (p, w) = traditional(class - 10, r, &mut rng);
                    ((p + m) / (m + 1), (w + m) / (m + 1))
                })
                .collect();
            (0..n)
                .map(|_| {
                    let (p, w) = spanners[rng.between(0, v as i64 - 1) as usize];
                    let a = rng.between(1, m);
                    (a * p, a * w)
                })
                .collect()
        }
        14 => (0..n)
            .map(|_| {
                let w = rng.between(1, r);
                let k = if w % 6 == 0 { 3 * r / 10 } else { 2 * r / 10 };
                (w + k, w)
            })
            .collect(),
        15 => (0..n)
            .map(|_| {
                let w = rng.between(1, r);
                (3 * ((w + 2) / 3), w)
            })
            .collect(),
        16 => (0..n)
            .map(|_| {
                let w = rng.between(1, r);
                let (w_f, r_f) = (w as f64, r as f64);
                let p = (2.0 / 3.0 * (4.0 * r_f * r_f - (w_f - 2.0 * r_f).powi(2)).sqrt()).floor();
                (p as i64, w)
            })
            .collect(),
        _ => panic!("no class {class}"),
    };
    let profits: Vec<u64> = items.iter().map(|&(p, _)| p as u64).collect();
    let weights: Vec<u64> = items.iter().map(|&(_, w)| w as u64).collect();
    let capacity = weights.iter().sum::<u64>() / 2;
    Instance {
        class,
        range: r as u64,
        profits,
        weights,
        capacity,
    }
}

/// The 24 instances of the benchmark: every class at n = 1,000 for R = 1,000 and 10,000.
pub fn full_set() -> Vec<Instance> {
    set(1_000, &[1_000, 10_000])
}

/// Every class at `n` items for each range in `ranges`.
pub fn set(n: usize, ranges: &[u64]) -> Vec<Instance> {
    ranges
        .iter()
        .flat_map(|&r| {
            CLASSES
                .iter()
                .map(move |&(class, _)| generate(class, n, r, SEED))
        })
        .collect()
}

/// The fixed seed of every instance here.
pub const SEED: u64 = 20_050_101;
