//! Seeded random numbers for the robustness analysis: the same seed gives the same draws
//! on every platform, natively and in WebAssembly.
//!
//! - [`Rng`]: xoshiro256** (Blackman and Vigna), its state filled from the seed by
//!   splitmix64 — 32 bytes of state, four shifts and a multiply per number, no clock and
//!   no `getrandom`.
//! - Continuous draws: uniform, Exp(1), standard normal (Marsaglia and Tsang's ziggurat
//!   in Doornik's 128-block form: one 64-bit number, a comparison and a product in 99 %
//!   of draws), Gamma (Marsaglia and Tsang), Beta (as X / (X + Y) of two Gammas) and
//!   Beta-PERT — about 25 ns a PERT draw.
//!
//! Platform-identical draws need platform-identical arithmetic: `+ − × ÷` and `sqrt` are
//! exactly rounded everywhere, but the standard library's `ln` and `exp` come from each
//! platform's maths library. So draws use [`ln`] and [`exp`], written here from
//! `+ − × ÷` only (a few units in the last place from the true values, and the same bits
//! everywhere); the ziggurat's tables are computed with them.

/// The xoshiro256** generator.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
    /// The normal's tables (shared, computed once).
    zig: &'static Ziggurat,
}

impl Rng {
    /// A generator whose state is four outputs of splitmix64 started at `seed` (any seed,
    /// 0 included, gives a valid non-zero state).
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
            zig: ziggurat(),
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform on [0, 1), in steps of 2⁻⁵³.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform on (0, 1): never 0, so its logarithm is finite.
    pub fn uniform_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    /// Exp(1): −ln U.
    pub fn exp1(&mut self) -> f64 {
        -ln(self.uniform_open())
    }

    /// Standard normal, by the ziggurat (Marsaglia and Tsang 2000; Doornik 2005's
    /// ZIGNOR with 128 blocks): the block index and the uniform come from disjoint bits
    /// of one 64-bit number.
    pub fn normal(&mut self) -> f64 {
        let z = self.zig;
        loop {
            let bits = self.next_u64();
            let i = (bits & 0x7f) as usize;
            // Uniform on [−1, 1) from the top 53 bits.
            let u = (bits >> 11) as f64 * (1.0 / (1u64 << 52) as f64) - 1.0;
            if u.abs() < z.ratio[i] {
                return u * z.x[i];
            }
            if i == 0 {
                return self.normal_tail(u < 0.0);
            }
            // The wedge: accept under the density.
            let x = u * z.x[i];
            let f0 = exp(-0.5 * (z.x[i] * z.x[i] - x * x));
            let f1 = exp(-0.5 * (z.x[i + 1] * z.x[i + 1] - x * x));
            if f1 + self.uniform() * (f0 - f1) < 1.0 {
                return x;
            }
        }
    }

    /// The normal's tail beyond the ziggurat's base (Marsaglia 1964).
    fn normal_tail(&mut self, negative: bool) -> f64 {
        loop {
            let x = ln(self.uniform_open()) / ZIGGURAT_R;
            let y = ln(self.uniform_open());
            if -2.0 * y >= x * x {
                return if negative {
                    x - ZIGGURAT_R
                } else {
                    ZIGGURAT_R - x
                };
            }
        }
    }

    /// Gamma(shape, 1); see [`Gamma`] to draw many with the same shape.
    pub fn gamma(&mut self, shape: f64) -> f64 {
        Gamma::new(shape).sample(self)
    }

    /// Beta(a, b), as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        let y = self.gamma(b);
        x / (x + y)
    }
}

/// The ziggurat's base: where the tail starts, and each block's area (Doornik's
/// constants for 128 blocks).
const ZIGGURAT_R: f64 = 3.442_619_855_899;
const ZIGGURAT_V: f64 = 9.912_563_035_262_17e-3;

/// Block edges and the ratios of neighbouring edges.
#[derive(Debug)]
struct Ziggurat {
    x: [f64; 129],
    ratio: [f64; 128],
}

fn ziggurat() -> &'static Ziggurat {
    static TABLES: std::sync::OnceLock<Ziggurat> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut x = [0.0; 129];
        let mut f = exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R);
        x[0] = ZIGGURAT_V / f;
        x[1] = ZIGGURAT_R;
        for i in 2..128 {
            x[i] = (-2.0 * ln(ZIGGURAT_V / x[i - 1] + f)).sqrt();
            f = exp(-0.5 * x[i] * x[i]);
        }
        let mut ratio = [0.0; 128];
        for i in 0..128 {
            ratio[i] = x[i + 1] / x[i];
        }
        Ziggurat { x, ratio }
    })
}

/// Gamma(shape, 1) with its constants computed once: Marsaglia and Tsang's method ("A
/// simple method for generating gamma variables", 2000) for shape ≥ 1, about 1.02 normals
/// and uniforms per draw and a logarithm in 2 % of them; shape < 1 by the boost
/// Gamma(shape + 1) · U^(1/shape) (not used by the analysis: Beta-PERT shapes are ≥ 1).
#[derive(Clone, Copy, Debug)]
pub struct Gamma {
    d: f64,
    c: f64,
    /// 1 / shape when shape < 1.
    boost: Option<f64>,
}

impl Gamma {
    /// `shape` must be > 0 and finite.
    pub fn new(shape: f64) -> Gamma {
        debug_assert!(shape > 0.0 && shape.is_finite(), "gamma shape {shape}");
        let (a, boost) = if shape < 1.0 {
            (shape + 1.0, Some(1.0 / shape))
        } else {
            (shape, None)
        };
        let d = a - 1.0 / 3.0;
        Gamma {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
            boost,
        }
    }

    pub fn sample(&self, rng: &mut Rng) -> f64 {
        let (d, c) = (self.d, self.c);
        let x = loop {
            let z = rng.normal();
            let v = 1.0 + c * z;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = rng.uniform_open();
            let z2 = z * z;
            if u < 1.0 - 0.0331 * z2 * z2 || ln(u) < 0.5 * z2 + d * (1.0 - v + ln(v)) {
                break d * v;
            }
        };
        match self.boost {
            // Rare (never in the analysis), so the platform's pow is acceptable here.
            Some(inv) => x * rng.uniform_open().powf(inv),
            None => x,
        }
    }
}

/// The Beta-PERT distribution of a range `{low, likely, high}` with low < high (§1 of the
/// robustness contract): low + (high − low) · B, B ~ Beta(α, β) with
/// α = 1 + 4 (likely − low) / (high − low), β = 1 + 4 (high − likely) / (high − low);
/// its mean is (low + 4 likely + high) / 6.
#[derive(Clone, Copy, Debug)]
pub struct Pert {
    low: f64,
    width: f64,
    alpha: Gamma,
    beta: Gamma,
}

impl Pert {
    /// `None` unless low < high and low ≤ likely ≤ high (all finite).
    pub fn new(low: f64, likely: f64, high: f64) -> Option<Pert> {
        if !(low < high && low <= likely && likely <= high && (high - low).is_finite()) {
            return None;
        }
        let (a, b) = Pert::shapes(low, likely, high);
        Some(Pert {
            low,
            width: high - low,
            alpha: Gamma::new(a),
            beta: Gamma::new(b),
        })
    }

    /// The range's low end.
    pub fn low(&self) -> f64 {
        self.low
    }

    /// The Beta shapes (α, β) of a range.
    pub fn shapes(low: f64, likely: f64, high: f64) -> (f64, f64) {
        let w = high - low;
        (
            1.0 + 4.0 * (likely - low) / w,
            1.0 + 4.0 * (high - likely) / w,
        )
    }

    pub fn sample(&self, rng: &mut Rng) -> f64 {
        let x = self.alpha.sample(rng);
        let y = self.beta.sample(rng);
        // Clamped: rounding must not step outside the range.
        (self.low + self.width * (x / (x + y))).min(self.low + self.width)
    }
}

/// Natural logarithm from `+ − × ÷` only, so that it gives the same bits on every
/// platform: x = 2^e · m with m in [√½, √2), ln m = 2 atanh(s) with s = (m − 1)/(m + 1),
/// |s| ≤ 0.172, summed to 23rd order. Within a few units in the last place of the true
/// logarithm. ln 0 = −∞, ln of a negative number or NaN is NaN, ln ∞ = ∞.
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let (mut x, mut e) = (x, 0i64);
    if x < f64::MIN_POSITIVE {
        // Subnormal: scale into the normal range first (exact).
        x *= (1u64 << 54) as f64;
        e -= 54;
    }
    let bits = x.to_bits();
    e += ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    // 1 + z/3 + z²/5 + … + z¹¹/23, by Horner.
    let mut p = 1.0 / 23.0;
    for k in (0..11).rev() {
        p = p * z + 1.0 / (2 * k + 1) as f64;
    }
    // ln 2 split in two (fdlibm's constants) so that e · LN2_HI is exact.
    const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
    let e = e as f64;
    e * LN2_HI + (e * LN2_LO + 2.0 * s * p)
}

/// e^x from `+ − × ÷` only, so that it gives the same bits on every platform:
/// x = k ln 2 + r with |r| ≤ ½ ln 2, e^r summed to 13th order, scaled by 2^k. Within a
/// few units in the last place of the true value. exp(−∞) = 0, exp(NaN) is NaN.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.782_712_893_384 {
        return f64::INFINITY;
    }
    if x < -745.2 {
        return 0.0;
    }
    const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
    // Rounded half away from 0 by a truncating cast (exact, and no call to a library).
    let y = x * std::f64::consts::LOG2_E;
    let k = (y + 0.5f64.copysign(y)) as i64 as f64;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // 1 + r + r²/2! + … + r¹³/13!, by Horner.
    let mut p = 1.0;
    for n in (1..=13).rev() {
        p = 1.0 + p * r / n as f64;
    }
    // × 2^k in two steps, so that results below the smallest normal number come out
    // right.
    let k = k as i64;
    let half = k / 2;
    let two_to = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    p * two_to(half) * two_to(k - half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_is_close_to_the_platform_logarithm() {
        let mut rng = Rng::new(3);
        let mut xs = vec![1.0, 2.0, 0.5, 1e-300, 5e-324, 1e300, f64::MAX, 1.0 + 1e-15];
        xs.extend((0..10_000).map(|_| rng.uniform_open() * 1e3));
        xs.extend((0..10_000).map(|_| rng.uniform_open()));
        for x in xs {
            let (ours, std) = (ln(x), x.ln());
            let tolerance = 4.0 * f64::EPSILON * std.abs().max(1e-300);
            assert!(
                (ours - std).abs() <= tolerance,
                "ln({x}) = {ours}, std {std}"
            );
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
    }

    #[test]
    fn exp_is_close_to_the_platform_exponential() {
        let mut rng = Rng::new(4);
        let mut xs = vec![0.0, 1.0, -1.0, 700.0, -700.0, -740.0, 1e-10, -0.5];
        xs.extend((0..20_000).map(|_| (rng.uniform() - 0.5) * 100.0));
        for x in xs {
            let (ours, std) = (exp(x), x.exp());
            let tolerance = 4.0 * f64::EPSILON * std;
            let subnormal = std < f64::MIN_POSITIVE;
            assert!(
                (ours - std).abs() <= tolerance || (subnormal && (ours - std).abs() <= 4e-323),
                "exp({x}) = {ours}, std {std}"
            );
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
    }

    #[test]
    fn a_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5)
            .scan(Rng::new(42), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..5)
            .scan(Rng::new(42), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(Rng::new(0).next_u64(), Rng::new(1).next_u64());
    }

    #[test]
    fn moments_are_right() {
        let mut rng = Rng::new(7);
        let n = 200_000;
        let mean = |f: &mut dyn FnMut(&mut Rng) -> f64, rng: &mut Rng| {
            let xs: Vec<f64> = (0..n).map(|_| f(rng)).collect();
            let m = xs.iter().sum::<f64>() / n as f64;
            let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
            (m, v)
        };
        // Means within 5 standard errors.
        let (m, v) = mean(&mut |r| r.uniform(), &mut rng);
        assert!(
            (m - 0.5).abs() < 5.0 * (1.0f64 / 12.0 / n as f64).sqrt(),
            "{m}"
        );
        assert!((v - 1.0 / 12.0).abs() < 0.002, "{v}");
        let (m, v) = mean(&mut |r| r.exp1(), &mut rng);
        assert!((m - 1.0).abs() < 5.0 / (n as f64).sqrt(), "{m}");
        assert!((v - 1.0).abs() < 0.03, "{v}");
        let (m, v) = mean(&mut |r| r.normal(), &mut rng);
        assert!(m.abs() < 5.0 / (n as f64).sqrt(), "{m}");
        assert!((v - 1.0).abs() < 0.02, "{v}");
        for shape in [0.5, 1.0, 2.5, 5.0] {
            let g = Gamma::new(shape);
            let (m, v) = mean(&mut |r| g.sample(r), &mut rng);
            let se = (shape / n as f64).sqrt();
            assert!((m - shape).abs() < 5.0 * se, "gamma({shape}) mean {m}");
            assert!(
                (v - shape).abs() < 0.05 * shape,
                "gamma({shape}) variance {v}"
            );
        }
        let p = Pert::new(2.0, 3.0, 10.0).unwrap();
        let (m, _) = mean(&mut |r| p.sample(r), &mut rng);
        assert!(
            (m - (2.0 + 12.0 + 10.0) / 6.0).abs() < 0.02,
            "pert mean {m}"
        );
    }
}
