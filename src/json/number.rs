//! Floats as JSON text: the shortest digits that read back to the same float.
//!
//! The digits come from the standard library's shortest round-trip formatting (`{:e}`);
//! the layout is the one most JSON writers use (serde_json's, via ryu): plain decimals for
//! magnitudes from 1e-5 to below 1e16, an exponent beyond (`1e16`, `1.5e-7`).

/// The shortest text that reads back to `x`, with `.0` on whole numbers (`100.0`), as the
/// command line's JSON reports write floats. `x` must be finite.
pub fn shortest(x: f64) -> String {
    layout(x, true)
}

/// The scenario file's form: whole numbers below 10¹⁵ without a fraction (`4`, not `4.0`),
/// the rest as [`shortest`]. `x` must be finite.
pub fn canonical(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // -0 is written 0: the canonical form has one spelling for zero.
        return (x as i64).to_string();
    }
    layout(x, true)
}

fn layout(x: f64, whole_with_fraction: bool) -> String {
    debug_assert!(x.is_finite());
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // "{:e}" gives the shortest round-trip digits: "-1.2345e-7", "1e16".
    let sci = format!("{x:e}");
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} writes an exponent");
    let exponent: i32 = exponent.parse().expect("{:e} writes a whole exponent");
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let length = digits.len() as i32;
    // The value is 0.d₁d₂… × 10^kk.
    let kk = exponent + 1;
    let k = kk - length;
    let mut out = String::with_capacity(24);
    if negative {
        out.push('-');
    }
    if 0 <= k && kk <= 16 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', k as usize));
        if whole_with_fraction {
            out.push_str(".0");
        }
    } else if 0 < kk && kk <= 16 {
        out.push_str(&digits[..kk as usize]);
        out.push('.');
        out.push_str(&digits[kk as usize..]);
    } else if -5 < kk && kk <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-kk) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if length > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push_str(&(kk - 1).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_match_the_usual_json_writers() {
        let cases = [
            (0.1, "0.1"),
            (100.0, "100.0"),
            (65.8, "65.8"),
            (-2.5, "-2.5"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e16"),
            (1.5e16, "1.5e16"),
            (123456.789, "123456.789"),
            (0.00001, "0.00001"),
            (1.5e-7, "1.5e-7"),
            (1e-5, "0.00001"),
            (1e-6, "1e-6"),
            (f64::MAX, "1.7976931348623157e308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (5e-324, "5e-324"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (0.30000000000000004, "0.30000000000000004"),
        ];
        for (x, want) in cases {
            assert_eq!(shortest(x), want, "{x:e}");
        }
    }

    #[test]
    fn canonical_drops_the_fraction_of_whole_numbers() {
        assert_eq!(canonical(4.0), "4");
        assert_eq!(canonical(-0.0), "0");
        assert_eq!(canonical(420000.0), "420000");
        assert_eq!(canonical(0.5), "0.5");
        assert_eq!(canonical(1e15), "1000000000000000.0");
        assert_eq!(canonical(2e300), "2e300");
    }

    #[test]
    fn every_layout_reads_back_exactly() {
        let mut x = 1.234_567_890_123e-300_f64;
        while x < 1e300 {
            for v in [x, -x, x * 3.0, x / 7.0] {
                let s = shortest(v);
                assert_eq!(s.parse::<f64>().unwrap(), v, "{s}");
                assert_eq!(canonical(v).parse::<f64>().unwrap(), v);
            }
            x *= 13.7;
        }
    }
}
