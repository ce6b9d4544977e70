use super::table::*;
use super::*;

#[test]
fn ordered_bits_preserve_order() {
    let xs = [-1e300, -2.5, -0.0, 0.0, 1e-300, 1.0, 3.5, 1e300];
    for w in xs.windows(2) {
        assert!(ordered_bits(w[0]) <= ordered_bits(w[1]), "{w:?}");
    }
    assert_eq!(ordered_bits(-0.0), ordered_bits(0.0));
}

#[test]
fn sorted_sum_ignores_term_order() {
    let a = [1e16, 1.0, -1e16, 3.0, 0.1];
    let b = [0.1, -1e16, 3.0, 1.0, 1e16];
    assert_eq!(sorted_sum(a.into_iter()), sorted_sum(b.into_iter()));
}
