//! Properties of compare and merge (sharing contract §1–§3) on random scenarios:
//! merge(b, x, b) = x, merge(b, b, y) = y, merge(b, x, x) = x, diff(a, a) is empty, and
//! taking every change of diff(a, b) in a gives b; also that changes never overlap and a
//! merge without conflicts reads.
//!
//! A scenario is drawn from bytes, each part of a small pool (criteria, teams, accounts,
//! buckets, requests) built from its own fixed block of bytes, so that a copy with a few
//! bytes changed is a copy with a few edits — items added, removed, reordered, leaves
//! changed, defaults spelled out or left out, unknown fields — as two people make them.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use thresh::compare::{self, Tree};
use thresh::Scenario;

/// Bytes per part; a scenario is `SIZE` bytes.
const TOP: usize = 8;
const CRITERION: usize = 8;
const SMALL: usize = 6;
const REQUEST: usize = 24;
const CRITERIA: [(&str, &str); 4] = [
    ("cost", "cost"),
    ("reach", "benefit"),
    ("fit", "benefit"),
    ("ux", "cost"),
];
const SOURCES: usize = 3;
const ACCOUNTS: usize = 3;
const BUCKETS: usize = 3;
const REQUESTS: usize = 8;
const SIZE: usize =
    TOP + CRITERIA.len() * CRITERION + (SOURCES + ACCOUNTS + BUCKETS) * SMALL + REQUESTS * REQUEST;

/// Reads choices from a block of bytes.
struct Block<'a>(&'a [u8], usize);

impl Block<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.0.get(self.1).copied().unwrap_or(0);
        self.1 += 1;
        b
    }
    fn pick(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }
    /// A value from `options`, or nothing (the first choice).
    fn maybe<T: Clone>(&mut self, options: &[T]) -> Option<T> {
        match self.pick(options.len() + 1) {
            0 => None,
            i => Some(options[i - 1].clone()),
        }
    }
}

/// An unknown field's value: numbers written two ways, text, a list, an object.
fn unknown(b: &mut Block) -> Option<Value> {
    b.maybe(&[
        json!(1),
        json!(1.0),
        json!(2.5),
        json!("note"),
        json!([1, 2]),
        json!({ "k": 1, "j": "x" }),
        json!({ "k": 2 }),
    ])
}

fn put(o: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        o.insert(key.into(), v);
    }
}

/// The scenario of `bytes` (always a valid one).
fn build(bytes: &[u8]) -> Value {
    let mut at = 0;
    let mut block = |len: usize| {
        let b = Block(&bytes[at..at + len], 0);
        at += len;
        b
    };

    let mut top = block(TOP);
    let mut doc = Map::new();
    doc.insert("format".into(), json!("thresh.scenario"));
    doc.insert("version".into(), json!(1));
    doc.insert(
        "name".into(),
        json!(["Quarter", "Q2", "Quarter"][top.pick(3)]),
    );
    put(
        &mut doc,
        "as_of",
        top.maybe(&[json!("2027-01-04"), json!("2027-02-01")]),
    );
    put(&mut doc, "x-top", unknown(&mut top));
    let mut model = Map::new();
    put(&mut model, "method", top.maybe(&[json!("weighted-sum")]));
    put(
        &mut model,
        "use_confidence",
        top.maybe(&[json!(true), json!(false)]),
    );
    put(&mut model, "x-model", unknown(&mut top));
    let capacity_form = top.pick(4);
    let ux_amount = [3, 4][top.pick(2)];
    let cost_amount = [10, 12, 10][top.pick(3)];

    // Criteria: `cost` always (the capacity's), the others when their block says so.
    let mut criteria = Vec::new();
    let mut present = Vec::new();
    for (k, (id, direction)) in CRITERIA.iter().enumerate() {
        let mut b = block(CRITERION);
        if k > 0 && b.pick(3) == 0 {
            continue;
        }
        let mut c = Map::new();
        c.insert("id".into(), json!(id));
        c.insert("label".into(), json!(["Label", id, "Other"][b.pick(3)]));
        c.insert("direction".into(), json!(direction));
        // Never 0 on `cost`, so some weight is above 0.
        let weights = if k == 0 {
            vec![json!(1), json!(2), json!(3.5)]
        } else {
            vec![json!(0), json!(1), json!(4)]
        };
        put(&mut c, "weight", b.maybe(&weights));
        match b.pick(3) {
            0 => {}
            1 => {
                c.insert("scale".into(), json!("minmax"));
            }
            _ => {
                c.insert("scale".into(), json!("fixed"));
                c.insert("min".into(), json!(0));
                c.insert("max".into(), json!([10, 20][b.pick(2)]));
            }
        }
        put(
            &mut c,
            "transform",
            b.maybe(&[json!("linear"), json!("log")]),
        );
        put(&mut c, "horizon_days", b.maybe(&[json!(180), json!(90)]));
        if *id == "reach" {
            put(
                &mut c,
                "derive",
                b.maybe(&[json!("asks-count"), json!("asks-arr")]),
            );
        }
        put(&mut c, "x-c", unknown(&mut b));
        criteria.push(Value::Object(c));
        present.push(*id);
    }
    model.insert("criteria".into(), json!(criteria));
    doc.insert("model".into(), Value::Object(model));

    // Capacity: absent, one object, or a list (with `ux` too when it is there).
    let cost_entry = json!({ "criterion": "cost", "amount": cost_amount });
    match capacity_form {
        0 => {}
        1 => {
            doc.insert("capacity".into(), cost_entry);
        }
        _ => {
            let mut list = vec![cost_entry];
            if present.contains(&"ux") && capacity_form == 3 {
                list.insert(0, json!({ "criterion": "ux", "amount": ux_amount }));
            }
            doc.insert("capacity".into(), json!(list));
        }
    }

    let mut list = |name: &str, count: usize, make: &dyn Fn(usize, &mut Block) -> Value| {
        let mut items = Vec::new();
        let mut ids = Vec::new();
        for i in 0..count {
            let mut b = block(SMALL);
            if b.pick(3) == 0 {
                continue;
            }
            let item = make(i, &mut b);
            ids.push(item["id"].as_str().unwrap().to_string());
            items.push(item);
        }
        // An empty list is sometimes written, sometimes not (the same, by §1).
        if !items.is_empty() || i_write_empty(name) {
            doc.insert(name.into(), json!(items));
        }
        ids
    };
    let sources = list("sources", SOURCES, &|i, b| {
        let mut o = Map::new();
        o.insert("id".into(), json!(format!("s{i}")));
        put(
            &mut o,
            "label",
            b.maybe(&[json!("Key-account managers"), json!("Support")]),
        );
        put(
            &mut o,
            "credibility",
            b.maybe(&[json!(1), json!(0.5), json!(0.8)]),
        );
        put(&mut o, "x-s", unknown(b));
        Value::Object(o)
    });
    let accounts = list("accounts", ACCOUNTS, &|i, b| {
        let mut o = Map::new();
        o.insert("id".into(), json!(format!("a{i}")));
        put(&mut o, "name", b.maybe(&[json!("Citibank"), json!("Acme")]));
        put(
            &mut o,
            "arr",
            b.maybe(&[json!(0), json!(45000), json!(1200000)]),
        );
        put(&mut o, "strategic", b.maybe(&[json!(false), json!(true)]));
        Value::Object(o)
    });
    let buckets = list("buckets", BUCKETS, &|i, b| {
        let mut o = Map::new();
        o.insert("id".into(), json!(format!("b{i}")));
        put(
            &mut o,
            "label",
            b.maybe(&[json!("Growth"), json!("Retention")]),
        );
        // min above max is dropped here; two copies may still bring one each.
        let min = b.maybe(&[json!(0), json!(0.6)]);
        let max = b.maybe(&[json!(1), json!(0.5)]);
        let fits = min.as_ref().map_or(0.0, |v| v.as_f64().unwrap())
            <= max.as_ref().map_or(1.0, |v| v.as_f64().unwrap());
        put(&mut o, "min_share", min.filter(|_| fits));
        put(&mut o, "max_share", max);
        Value::Object(o)
    });

    // Requests, in an order their blocks choose.
    let mut requests: Vec<(u8, Value)> = Vec::new();
    for i in 0..REQUESTS {
        let mut b = block(REQUEST);
        if b.pick(4) == 0 {
            continue;
        }
        let order = b.byte();
        let mut r = Map::new();
        r.insert("id".into(), json!(format!("R-{i}")));
        r.insert(
            "title".into(),
            json!(["Offline mode", "Dark theme", "SSO"][b.pick(3)]),
        );
        put(&mut r, "description", b.maybe(&[json!("Why it matters")]));
        if !buckets.is_empty() {
            put(
                &mut r,
                "bucket",
                b.maybe(&buckets.iter().map(|x| json!(x)).collect::<Vec<_>>()),
            );
        } else {
            b.byte();
        }
        let mut values = Map::new();
        for id in &present {
            let v = b.maybe(&[
                json!(1),
                json!(3),
                json!(0.5),
                json!({ "low": 1, "likely": 2, "high": 4 }),
            ]);
            put(&mut values, id, v);
        }
        for _ in present.len()..CRITERIA.len() {
            b.byte();
        }
        if !values.is_empty() {
            r.insert("values".into(), Value::Object(values));
        }
        let mut asks = Vec::new();
        for _ in 0..b.pick(3) {
            let mut a = Map::new();
            if !accounts.is_empty() && b.pick(2) == 0 {
                a.insert("account".into(), json!(accounts[b.pick(accounts.len())]));
            } else {
                put(&mut a, "count", b.maybe(&[json!(1), json!(12)]));
            }
            if !sources.is_empty() {
                put(
                    &mut a,
                    "source",
                    b.maybe(&sources.iter().map(|x| json!(x)).collect::<Vec<_>>()),
                );
            }
            asks.push(Value::Object(a));
        }
        if !asks.is_empty() {
            r.insert("asks".into(), json!(asks));
        }
        put(&mut r, "deadline", b.maybe(&[json!("2027-03-01")]));
        put(
            &mut r,
            "confidence",
            b.maybe(&[json!(1), json!(0.8), json!(0.5)]),
        );
        put(&mut r, "plan", b.maybe(&[json!("must"), json!("never")]));
        put(
            &mut r,
            "status",
            b.maybe(&[json!("open"), json!("planned"), json!("done")]),
        );
        put(
            &mut r,
            "tags",
            b.maybe(&[
                json!(["ui"]),
                json!(["ui", "quick"]),
                json!(["quick", "ui"]),
            ]),
        );
        put(&mut r, "x-r", unknown(&mut b));
        requests.push((order, Value::Object(r)));
    }
    requests.sort_by_key(|(order, _)| *order);
    doc.insert(
        "requests".into(),
        json!(requests.into_iter().map(|(_, r)| r).collect::<Vec<_>>()),
    );
    Value::Object(doc)
}

/// Whether an empty list is written out (deterministic per list, so both forms occur).
fn i_write_empty(name: &str) -> bool {
    name.len() % 2 == 0
}

fn scenario(doc: &Value) -> Scenario {
    thresh::read::from_str(&doc.to_string())
        .unwrap_or_else(|e| panic!("the generator makes valid scenarios: {e}\n{doc:#}"))
}

/// A copy of `bytes` with a few bytes changed: a few edits.
fn edited(bytes: &[u8], edits: &[(usize, u8)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(i, b) in edits {
        out[i % SIZE] = b;
    }
    out
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), SIZE)
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8)>> {
    proptest::collection::vec((0..SIZE, any::<u8>()), 0..8)
}

/// Places both sides edit, each its own way, at the same byte or near it (the same item):
/// where conflicts come from.
fn shared() -> impl Strategy<Value = Vec<(usize, usize, u8, u8)>> {
    proptest::collection::vec((0..SIZE, 0usize..6, any::<u8>(), any::<u8>()), 0..6)
}

/// The base and two edited copies, some of their edits at the same places.
fn three() -> impl Strategy<Value = (Scenario, Scenario, Scenario)> {
    (bytes(), edits(), edits(), shared()).prop_map(|(b, ex, ey, both)| {
        let mut ex = ex;
        let mut ey = ey;
        for (i, near, vx, vy) in both {
            ex.push((i, vx));
            ey.push((i + near, vy));
        }
        (
            scenario(&build(&b)),
            scenario(&build(&edited(&b, &ex))),
            scenario(&build(&edited(&b, &ey))),
        )
    })
}

fn tree(s: &Scenario) -> Tree {
    Tree::of(s)
}

fn assert_same(got: &Tree, want: &Tree) {
    let changes = compare::changes(got, want);
    assert!(changes.is_empty(), "left differs from right: {changes:#?}");
    assert!(got.same(want));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_generator_makes_valid_scenarios(b in bytes()) {
        scenario(&build(&b));
    }

    #[test]
    fn merge_b_x_b_is_x(b in bytes(), e in edits()) {
        let (base, x) = (scenario(&build(&b)), scenario(&build(&edited(&b, &e))));
        let m = compare::merge(&base, &x, &base);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_same(&m.tree, &tree(&x));
        prop_assert!(m.scenario.is_some());
    }

    #[test]
    fn merge_b_b_y_is_y(b in bytes(), e in edits()) {
        let (base, y) = (scenario(&build(&b)), scenario(&build(&edited(&b, &e))));
        let m = compare::merge(&base, &base, &y);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_same(&m.tree, &tree(&y));
    }

    #[test]
    fn merge_b_x_x_is_x(b in bytes(), e in edits()) {
        let (base, x) = (scenario(&build(&b)), scenario(&build(&edited(&b, &e))));
        let m = compare::merge(&base, &x, &x);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_same(&m.tree, &tree(&x));
        // And the text is x's canonical form, up to the capacity's form and defaults.
        let again = compare::merge(&x, &x, &x);
        prop_assert_eq!(again.text(), thresh::write::to_string(&x));
    }

    #[test]
    fn merging_unrelated_scenarios_holds_together(b in bytes(), x in bytes(), y in bytes()) {
        // Three scenarios drawn apart: anything may conflict, but nothing panics, every
        // conflict has its own path, and without conflicts the merge reads.
        let (b, x, y) = (scenario(&build(&b)), scenario(&build(&x)), scenario(&build(&y)));
        let m = compare::merge(&b, &x, &y);
        let mut paths: Vec<_> = m.conflicts.iter().map(|c| c.path.clone()).collect();
        paths.sort();
        paths.dedup();
        prop_assert_eq!(paths.len(), m.conflicts.len());
        if m.conflicts.is_empty() {
            prop_assert!(m.scenario.is_some());
        }
        let _ = m.text();
    }

    #[test]
    fn edits_on_both_sides_merge_and_read((base, x, y) in three()) {
        let m = compare::merge(&base, &x, &y);
        let (tb, tx, ty) = (tree(&base), tree(&x), tree(&y));
        let ours = compare::changes(&tb, &tx);
        let theirs = compare::changes(&tb, &ty);
        let overlap = |p: &[String], q: &[String]| p.starts_with(q) || q.starts_with(p);
        // Every change one side made where the other made none is in the merge as that
        // side made it (whatever else conflicts).
        for (mine, other, side) in [(&ours, &theirs, &tx), (&theirs, &ours, &ty)] {
            let differ = compare::changes(side, &m.tree);
            for c in mine.iter() {
                if other.iter().any(|d| overlap(&c.path, &d.path)) {
                    continue;
                }
                // A conflict elsewhere in the same item (remove-vs-change) is allowed to
                // take it away.
                if m.conflicts.iter().any(|k| overlap(&k.path, &c.path)) {
                    continue;
                }
                let off: Vec<_> = differ.iter().filter(|d| overlap(&d.path, &c.path)).collect();
                prop_assert!(off.is_empty(), "{:?} not merged: {:?}", c, off);
            }
        }
        if m.conflicts.is_empty() {
            prop_assert!(m.scenario.is_some(), "a merge without conflicts reads");
        }
    }

    #[test]
    fn diff_a_a_is_empty(b in bytes()) {
        let a = scenario(&build(&b));
        prop_assert!(compare::changes(&tree(&a), &tree(&a)).is_empty());
        let d = compare::diff(&a, &a);
        prop_assert!(d.changes.is_empty());
        prop_assert!(d.ranking.iter().all(|m| m.rank_a == m.rank_b && m.score_a == m.score_b));
        if let Some(p) = &d.plan {
            prop_assert!(p.only_a.is_empty() && p.only_b.is_empty());
        }
    }

    #[test]
    fn applying_all_of_diff_a_b_to_a_gives_b(b in bytes(), e in edits(), other in bytes()) {
        let a = scenario(&build(&b));
        for target in [scenario(&build(&edited(&b, &e))), scenario(&build(&other))] {
            let (ta, tb) = (tree(&a), tree(&target));
            let changes = compare::changes(&ta, &tb);
            // Each path once, none inside another.
            for (i, c) in changes.iter().enumerate() {
                for d in &changes[i + 1..] {
                    prop_assert!(!c.path.starts_with(&d.path) && !d.path.starts_with(&c.path),
                        "{:?} and {:?}", c.path, d.path);
                }
            }
            let applied = compare::apply(&ta, &changes).expect("changes of a apply to a");
            assert_same(&applied, &tb);
            let read = applied.to_scenario().expect("a reads as b does");
            assert_same(&tree(&read), &tb);
            // The changes back undo them.
            let back = compare::apply(&applied, &compare::changes(&applied, &ta)).unwrap();
            assert_same(&back, &ta);
        }
    }
}
