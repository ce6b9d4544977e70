//! The bundled example, `examples/field-service-q2.thresh.json`, ranks as documented in the
//! README. A few of its numbers are worked out by hand here from the contract's formulas,
//! so this test does not merely pin the program's own output.

use thresh::{read, Ranking};

const EXAMPLE: &str = include_str!("../examples/field-service-q2.thresh.json");

#[test]
fn the_example_ranks_as_documented() {
    let s = read::from_str(EXAMPLE).unwrap();
    let r = Ranking::new(&s).unwrap();
    let expected = [
        ("FS-103", 65.2, vec![]),
        ("FS-111", 50.9, vec!["incomplete", "overdue"]),
        ("FS-106", 48.8, vec![]),
        ("FS-109", 48.2, vec![]),
        ("FS-101", 47.4, vec![]),
        ("FS-108", 47.3, vec![]),
        ("FS-104", 46.8, vec!["single-account"]),
        ("FS-105", 39.3, vec![]),
        ("FS-110", 37.4, vec!["single-account"]),
        ("FS-112", 29.0, vec![]),
        ("FS-102", 18.0, vec![]),
        ("FS-107", 15.6, vec![]),
    ];
    for (pos, &i) in r.scores.order.iter().enumerate() {
        let i = i as usize;
        let (id, score, ref flags) = expected[pos];
        assert_eq!(s.requests[i].id, id, "rank {}", pos + 1);
        assert_eq!(
            format!("{:.1}", r.scores.score[i]),
            format!("{score:.1}"),
            "{id}"
        );
        assert_eq!(&r.table.flags[i].names(), flags, "{id}");
    }
}

#[test]
fn the_example_by_hand() {
    let s = read::from_str(EXAMPLE).unwrap();
    let r = Ranking::new(&s).unwrap();
    let at = |id: &str| s.requests.iter().position(|q| q.id == id).unwrap();
    // W = 4 + 2 + 3 + 3 + 1 = 13.
    let total_weight = 13.0;

    // FS-104: deadline 2027-05-15, as_of 2027-04-01: 44 days of a 120-day horizon.
    // urgency = 10 × (1 − 44/120); fixed 0..10 → u = urgency / 10; confidence 0.9.
    let i = at("FS-104");
    let urgency = 10.0 * (1.0 - 44.0 / 120.0);
    assert!((r.table.columns[2].raw[i] - urgency).abs() < 1e-12);
    let contribution = 100.0 * 0.9 * 3.0 * (urgency / 10.0) / total_weight;
    assert!((r.table.contributions(i, &r.weights)[2] - contribution).abs() < 1e-9);

    // FS-101: reach = Northgrid 0.5 (key-account) + Alpine 0.8 + Solarline 0.8 (sales)
    // + 23 tickets × 1 = 25.1; revenue = 840000 × 0.5 + 150000 × 0.8 + 42000 × 0.8.
    let i = at("FS-101");
    assert!((r.table.columns[0].raw[i] - 25.1).abs() < 1e-12);
    assert!((r.table.columns[1].raw[i] - (420_000.0 + 120_000.0 + 33_600.0)).abs() < 1e-6);

    // FS-111 has no fit: a fixed 0..10 benefit scale gives it the scale's min, 0.
    let i = at("FS-111");
    assert_eq!(r.table.columns[4].raw[i], 0.0);

    // FS-106 (every scale fixed, so no other request's values enter): effort 3 on a 0..20
    // cost scale gives u = 1 − 3/20; fit 5 → 0.5; reach 64 tickets is past the log
    // scale's top (ln 65 > ln 51), so u = 1; revenue 0 → 0; no deadline → 0.
    let i = at("FS-106");
    let expected =
        100.0 * 0.9 * (4.0 * 1.0 + 2.0 * 0.0 + 3.0 * 0.0 + 3.0 * (1.0 - 3.0 / 20.0) + 1.0 * 0.5)
            / total_weight;
    assert!(
        (r.scores.score[i] - expected).abs() < 1e-9,
        "{} vs {expected}",
        r.scores.score[i]
    );
}
