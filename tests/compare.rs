//! Compare and merge by the sharing contract (§1–§3): every row of the merge table,
//! remove-vs-change, both-added, list order, validation conflicts, defaults equal to
//! absence, unknown fields. The `diff` and `merge` commands are in `tests/compare_cli.rs`.

mod compare_helpers;

use compare_helpers::*;
use serde_json::{json, Value};
use thresh::compare::{self, ChangeKind, Tree};

// ----- §3: the merge table -----

#[test]
fn row_1_unchanged_on_both_sides_gives_the_base() {
    let b = base();
    let m = merge(&b, &b, &b);
    assert!(m.conflicts.is_empty());
    same(&m, &b);
    assert_eq!(m.text(), thresh::write::to_string(&scenario(&b)));
}

#[test]
fn row_1_unchanged_ours_takes_theirs() {
    let b = base();
    let mut t = base();
    request_mut(&mut t, "R-2")["values"]["cost"] = json!(7);
    t["sources"][0]["credibility"] = json!(0.8);
    let m = merge(&b, &b, &t);
    assert!(m.conflicts.is_empty());
    same(&m, &t);
}

#[test]
fn row_2_changed_ours_with_theirs_unchanged_takes_ours() {
    let b = base();
    let mut o = base();
    o["model"]["criteria"][0]["weight"] = json!(6);
    request_mut(&mut o, "R-4")["tags"] = json!(["ui", "quick"]);
    let m = merge(&b, &o, &b);
    assert!(m.conflicts.is_empty());
    same(&m, &o);
}

#[test]
fn row_3_changed_to_the_same_on_both_sides_takes_that() {
    let b = base();
    let mut o = base();
    request_mut(&mut o, "R-1")["values"]["cost"] = json!(4);
    let mut t = o.clone();
    // Written differently, the same value: numbers by value.
    request_mut(&mut t, "R-1")["values"]["cost"] = json!(4.0);
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        merged_at(&m, &["requests", "R-1", "values", "cost"]),
        Some(json!(4))
    );
}

#[test]
fn row_4_changed_differently_is_a_conflict_with_ours_taken() {
    let b = base();
    let mut o = base();
    let mut t = base();
    request_mut(&mut o, "R-1")["values"]["cost"] = json!(4);
    request_mut(&mut t, "R-1")["values"]["cost"] = json!(6);
    // Edits elsewhere merge as usual.
    request_mut(&mut t, "R-2")["title"] = json!("Bulk reassign of jobs");
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["requests", "R-1", "values", "cost"]));
    assert_eq!(c.base.as_ref().map(sj), Some(json!(3)));
    assert_eq!(c.ours.as_ref().map(sj), Some(json!(4)));
    assert_eq!(c.theirs.as_ref().map(sj), Some(json!(6)));
    assert_eq!(
        merged_at(&m, &["requests", "R-1", "values", "cost"]),
        Some(json!(4))
    );
    assert_eq!(
        merged_at(&m, &["requests", "R-2", "title"]),
        Some(json!("Bulk reassign of jobs"))
    );
    // Ours' side everywhere: the draft still reads.
    assert!(m.scenario.is_some());
}

#[test]
fn every_kind_of_leaf_merges_by_the_table() {
    // One edit per side on different leaves of every kind: each is taken.
    let b = base();
    let mut o = base();
    let mut t = base();
    o["name"] = json!("Quarter 2");
    o["model"]["method"] = json!("weighted-sum");
    o["accounts"][1]["strategic"] = json!(true);
    request_mut(&mut o, "R-3")["deadline"] = json!("2027-05-01");
    o["as_of"] = json!("2027-01-04");
    t["capacity"]["amount"] = json!(12);
    t["buckets"][1]["max_share"] = json!(0.4);
    request_mut(&mut t, "R-3")["status"] = json!("planned");
    request_mut(&mut t, "R-4")["values"]["cost"] = json!({"low": 1, "likely": 2, "high": 4});
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let mut want = o.clone();
    want["capacity"]["amount"] = json!(12);
    want["buckets"][1]["max_share"] = json!(0.4);
    request_mut(&mut want, "R-3")["status"] = json!("planned");
    request_mut(&mut want, "R-4")["values"]["cost"] = json!({"low": 1, "likely": 2, "high": 4});
    same(&m, &want);
}

// ----- §3: removed and changed, added on both sides, list order -----

#[test]
fn removed_by_ours_and_changed_by_theirs_is_one_conflict_at_the_item() {
    let b = base();
    let mut o = base();
    remove_request(&mut o, "R-2");
    let mut t = base();
    // Changed deep inside the item, twice: still one conflict, at the item.
    request_mut(&mut t, "R-2")["values"]["fit"] = json!(9);
    request_mut(&mut t, "R-2")["asks"] = json!([{ "account": "citi" }]);
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["requests", "R-2"]));
    assert_eq!(
        c.base.as_ref().map(|v| sj(v)["values"]["fit"].clone()),
        Some(json!(5))
    );
    assert_eq!(c.ours, None);
    assert_eq!(
        c.theirs.as_ref().map(|v| sj(v)["values"]["fit"].clone()),
        Some(json!(9))
    );
    // Ours' side: removed.
    assert_eq!(ids(&m), ["R-1", "R-3", "R-4"]);
}

#[test]
fn changed_by_ours_and_removed_by_theirs_keeps_ours() {
    let b = base();
    let mut o = base();
    o["accounts"][1]["arr"] = json!(50000);
    let mut t = base();
    t["accounts"].as_array_mut().unwrap().remove(1);
    // Theirs removed the account's ask too, so the merged file reads.
    request_mut(&mut t, "R-2")["asks"] = json!([{ "source": "support", "count": 12 }]);
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["accounts", "acme"]));
    assert_eq!(c.theirs, None);
    assert_eq!(
        c.ours.as_ref().map(|v| sj(v)["arr"].clone()),
        Some(json!(50000))
    );
    assert_eq!(
        merged_at(&m, &["accounts", "acme", "arr"]),
        Some(json!(50000))
    );
}

#[test]
fn removed_on_one_side_and_unchanged_on_the_other_is_removed() {
    let b = base();
    let mut o = base();
    remove_request(&mut o, "R-3");
    let mut t = base();
    remove_request(&mut t, "R-4");
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(ids(&m), ["R-1", "R-2"]);
}

#[test]
fn a_key_removed_and_changed_is_a_conflict_at_the_key() {
    let b = base();
    let mut o = base();
    request_mut(&mut o, "R-3")
        .as_object_mut()
        .unwrap()
        .remove("confidence");
    let mut t = base();
    request_mut(&mut t, "R-3")["confidence"] = json!(0.6);
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["requests", "R-3", "confidence"]));
    // Ours has nothing there: its key is left out, though confidence defaults to 1.
    assert_eq!(c.ours, None);
    assert_eq!(merged_at(&m, &["requests", "R-3", "confidence"]), None);
}

#[test]
fn items_added_by_both_sides_merge_leaf_by_leaf() {
    let b = base();
    let mut o = base();
    let mut t = base();
    let new = |extra: Value| {
        let mut r = json!({ "id": "R-9", "title": "Audit export", "values": { "cost": 2 } });
        for (k, v) in extra.as_object().unwrap() {
            r[k] = v.clone();
        }
        r
    };
    o["requests"]
        .as_array_mut()
        .unwrap()
        .push(new(json!({ "bucket": "growth", "tags": ["audit"] })));
    t["requests"].as_array_mut().unwrap().push(new(
        json!({ "values": { "cost": 2, "fit": 7 }, "confidence": 0.9 }),
    ));
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        merged_at(&m, &["requests", "R-9"]),
        Some(
            json!({ "id": "R-9", "title": "Audit export", "bucket": "growth",
                      "values": { "cost": 2, "fit": 7 }, "tags": ["audit"], "confidence": 0.9 })
        )
    );
}

#[test]
fn items_added_by_both_sides_conflict_where_their_leaves_differ() {
    let b = base();
    let mut o = base();
    let mut t = base();
    o["sources"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "csm", "label": "CSM", "credibility": 0.7 }));
    t["sources"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "csm", "label": "Customer success", "credibility": 0.7 }));
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["sources", "csm", "label"]));
    assert_eq!(c.base, None);
    assert_eq!(c.ours.as_ref().map(sj), Some(json!("CSM")));
    assert_eq!(c.theirs.as_ref().map(sj), Some(json!("Customer success")));
}

#[test]
fn keys_added_by_both_sides_merge_too() {
    let b = base();
    let mut o = base();
    let mut t = base();
    // An unknown object added under the same key by both: merged member by member.
    o["x-sync"] = json!({ "jira": "PROJ", "every": 5 });
    t["x-sync"] = json!({ "jira": "PROJ", "owner": "ana" });
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        merged_at(&m, &["x-sync"]),
        Some(json!({ "jira": "PROJ", "every": 5, "owner": "ana" }))
    );
}

#[test]
fn merged_lists_keep_ours_order_then_theirs_only_items_in_theirs_order() {
    let b = base();
    let mut o = base();
    let mut t = base();
    // Ours reorders and adds two; theirs adds two (one the same id as ours) and reorders.
    let rs = o["requests"].as_array_mut().unwrap();
    rs.reverse();
    rs.push(json!({ "id": "R-6", "title": "Six" }));
    rs.insert(1, json!({ "id": "R-5", "title": "Five" }));
    let rs = t["requests"].as_array_mut().unwrap();
    rs.swap(0, 1);
    rs.insert(0, json!({ "id": "R-8", "title": "Eight" }));
    rs.push(json!({ "id": "R-5", "title": "Five" }));
    rs.push(json!({ "id": "R-7", "title": "Seven" }));
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        ids(&m),
        ["R-4", "R-5", "R-3", "R-2", "R-1", "R-6", "R-8", "R-7"]
    );
}

#[test]
fn a_merged_capacity_is_a_list_unless_one_entry_and_ours_had_one_object() {
    let b = base();
    let mut t = base();
    t["capacity"] = json!([{ "criterion": "cost", "amount": 12 }]);
    // Ours had one object: the merged single entry stays one object.
    let m = merge(&b, &b, &t);
    assert!(m.conflicts.is_empty());
    assert_eq!(
        merged_at(&m, &["capacity"]),
        Some(json!({ "criterion": "cost", "amount": 12 }))
    );
    // Ours has a list: a list.
    let m = merge(&b, &t, &b);
    assert_eq!(
        merged_at(&m, &["capacity"]),
        Some(json!([{ "criterion": "cost", "amount": 12 }]))
    );
    // The capacity is keyed by its criterion: an entry added on each side.
    let mut o = base();
    o["model"]["criteria"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "ux", "label": "Design", "direction": "cost" }));
    let mut t2 = o.clone();
    t2["capacity"] =
        json!([{ "criterion": "cost", "amount": 10 }, { "criterion": "ux", "amount": 3 }]);
    o["capacity"]["amount"] = json!(11);
    let m = merge(&b, &o, &t2);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        merged_at(&m, &["capacity"]),
        Some(json!([{ "criterion": "cost", "amount": 11 }, { "criterion": "ux", "amount": 3 }]))
    );
    // A capacity removed by ours and changed by theirs: one conflict at `capacity`.
    let mut o = base();
    o.as_object_mut().unwrap().remove("capacity");
    let mut t = base();
    t["capacity"]["amount"] = json!(20);
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].path, path(&["capacity"]));
}

// ----- §3: validation conflicts -----

#[test]
fn a_request_added_in_a_bucket_the_other_side_removed_conflicts_at_its_bucket() {
    let b = base();
    let mut o = base();
    o["requests"].as_array_mut().unwrap().push(
        json!({ "id": "R-9", "title": "New", "bucket": "retention", "values": { "cost": 1 } }),
    );
    let mut t = base();
    t["buckets"].as_array_mut().unwrap().remove(1);
    request_mut(&mut t, "R-2")
        .as_object_mut()
        .unwrap()
        .remove("bucket");
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["requests", "R-9", "bucket"]));
    assert_eq!(c.ours.as_ref().map(sj), Some(json!("retention")));
    assert_eq!((&c.base, &c.theirs), (&None, &None));
    assert!(
        c.problem.as_deref().unwrap().contains("retention"),
        "{:?}",
        c.problem
    );
    // A draft for a person: it does not read, but it is written, ours' side in it.
    assert!(m.scenario.is_none());
    let text = m.text();
    assert!(
        text.contains("\"R-9\"") && text.contains("\"retention\""),
        "{text}"
    );
    let draft: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(draft["buckets"].as_array().unwrap().len(), 1);
}

#[test]
fn a_reference_inside_asks_conflicts_at_the_requests_asks_once() {
    let b = base();
    let mut o = base();
    // Two asks of one request name an account theirs removes, and a team it removes.
    request_mut(&mut o, "R-3")["asks"] = json!([{ "account": "acme", "source": "key-account" }, { "account": "acme", "note": "again" }]);
    let mut t = base();
    t["accounts"].as_array_mut().unwrap().remove(1);
    t["sources"].as_array_mut().unwrap().remove(0);
    request_mut(&mut t, "R-1")["asks"] = json!([{ "account": "citi" }]);
    request_mut(&mut t, "R-2")["asks"] = json!([{ "source": "support", "count": 12 }]);
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["requests", "R-3", "asks"]));
    assert_eq!(
        c.ours.as_ref().map(sj),
        Some(request_mut(&mut o.clone(), "R-3")["asks"].clone())
    );
    assert_eq!(c.base, None);
    assert_eq!(c.theirs, None);
}

#[test]
fn a_capacity_on_a_criterion_the_other_side_removed_conflicts_at_its_criterion() {
    let mut b = base();
    b["model"]["criteria"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "ux", "label": "Design", "direction": "cost" }));
    let mut o = b.clone();
    o["capacity"] =
        json!([{ "criterion": "cost", "amount": 10 }, { "criterion": "ux", "amount": 3 }]);
    let mut t = b.clone();
    t["model"]["criteria"].as_array_mut().unwrap().pop();
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["capacity", "ux", "criterion"]));
    assert_eq!(c.ours.as_ref().map(sj), Some(json!("ux")));
}

#[test]
fn a_value_on_a_criterion_the_other_side_removed_conflicts_at_the_value() {
    let b = base();
    let mut o = base();
    request_mut(&mut o, "R-4")["values"]["fit"] = json!(3);
    let mut t = base();
    t["model"]["criteria"].as_array_mut().unwrap().pop();
    for r in t["requests"].as_array_mut().unwrap() {
        r["values"].as_object_mut().unwrap().remove("fit");
    }
    let m = merge(&b, &o, &t);
    // R-4's fit was changed by ours and removed by theirs: a conflict of the table; the
    // merged file then names a criterion that is gone: the same path, reported once.
    let paths: Vec<_> = m.conflicts.iter().map(|c| c.path.clone()).collect();
    assert_eq!(
        paths,
        [path(&["requests", "R-4", "values", "fit"])],
        "{:?}",
        m.conflicts
    );
}

#[test]
fn a_problem_between_two_fields_of_one_item_conflicts_at_the_item() {
    let b = base();
    let mut o = base();
    o["buckets"][0]["min_share"] = json!(0.5);
    let mut t = base();
    t["buckets"][0]["max_share"] = json!(0.3);
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.path, path(&["buckets", "growth"]));
    let ours = c.ours.as_ref().map(sj).unwrap();
    assert_eq!(
        (ours["min_share"].clone(), ours["max_share"].clone()),
        (json!(0.5), json!(0.3))
    );
    assert_eq!(
        c.theirs.as_ref().map(|v| sj(v)["max_share"].clone()),
        Some(json!(0.3))
    );

    // A criterion's bounds likewise.
    let mut o = base();
    o["model"]["criteria"][2]["min"] = json!(5);
    let mut t = base();
    t["model"]["criteria"][2]["max"] = json!(4);
    let m = merge(&b, &o, &t);
    let paths: Vec<_> = m.conflicts.iter().map(|c| c.path.clone()).collect();
    assert_eq!(paths, [path(&["model", "criteria", "fit"])]);
}

// ----- §1: defaults equal to absence, absent lists, numbers, unknown fields -----

#[test]
fn defaults_equal_absence_in_diff() {
    let a = base();
    let mut b = base();
    // Spelled out, every default changes nothing.
    b["model"]["method"] = json!("weighted-sum");
    b["model"]["use_confidence"] = json!(true);
    b["model"]["criteria"][1]["scale"] = json!("minmax");
    b["model"]["criteria"][1]["transform"] = json!("linear");
    b["model"]["criteria"][1]["horizon_days"] = json!(180);
    b["model"]["criteria"][2]["weight"] = json!(1);
    b["sources"][1]["credibility"] = json!(1);
    b["accounts"][1]["strategic"] = json!(false);
    b["buckets"][1]["min_share"] = json!(0);
    b["buckets"][1]["max_share"] = json!(1);
    request_mut(&mut b, "R-1")["confidence"] = json!(1);
    request_mut(&mut b, "R-1")["status"] = json!("open");
    assert_eq!(diff_changes(&a, &b), []);
    assert_eq!(diff_changes(&b, &a), []);
    assert!(Tree::of(&scenario(&a)).same(&Tree::of(&scenario(&b))));

    // Absent against a value that is not the default: changed, the default on that side.
    let mut c = base();
    c["model"]["criteria"][2]["weight"] = json!(3);
    let changes = diff_changes(&a, &c);
    assert_eq!(changes.len(), 1);
    let ch = &changes[0];
    assert_eq!(ch.path, path(&["model", "criteria", "fit", "weight"]));
    assert_eq!(ch.kind, ChangeKind::Changed);
    assert_eq!(
        (ch.a.as_ref().map(sj), ch.b.as_ref().map(sj)),
        (Some(json!(1)), Some(json!(3)))
    );
    // And back: from 3 to absent is 3 → 1.
    let back = diff_changes(&c, &a);
    assert_eq!(
        (back[0].a.as_ref().map(sj), back[0].b.as_ref().map(sj)),
        (Some(json!(3)), Some(json!(1)))
    );

    // A field with no default is added or removed.
    let mut d = base();
    request_mut(&mut d, "R-1")["plan"] = json!("must");
    let changes = diff_changes(&a, &d);
    assert_eq!(changes[0].kind, ChangeKind::Added);
    assert_eq!(changes[0].a, None);
}

#[test]
fn defaults_equal_absence_in_merge() {
    let b = base();
    // Ours writes the default out (no change); theirs changes it: theirs.
    let mut o = base();
    o["model"]["criteria"][2]["weight"] = json!(1);
    let mut t = base();
    t["model"]["criteria"][2]["weight"] = json!(2);
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(
        merged_at(&m, &["model", "criteria", "fit", "weight"]),
        Some(json!(2))
    );
    // Ours removes a field to its default, theirs writes that default: the same change.
    let mut o = base();
    o["sources"][0]
        .as_object_mut()
        .unwrap()
        .remove("credibility");
    let mut t = base();
    t["sources"][0]["credibility"] = json!(1.0);
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
}

#[test]
fn an_absent_id_keyed_list_equals_an_empty_one() {
    let tree = |v: Value| Tree::from_value(thresh::json::Cursor::new(&v.to_string(), 0).value());
    let a = tree(json!({ "requests": [], "model": { "criteria": [] } }));
    let b =
        tree(json!({ "sources": [], "model": { "criteria": [], "views": [] }, "requests": [] }));
    assert!(a.same(&b));
    assert_eq!(compare::changes(&a, &b), []);
    // One item in a list the other side does not write: the item is the change.
    let c =
        tree(json!({ "sources": [{ "id": "s" }], "requests": [], "model": { "criteria": [] } }));
    let changes = compare::changes(&a, &c);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].path, path(&["sources", "s"]));
    assert_eq!(changes[0].kind, ChangeKind::Added);
    // An absent capacity is a key like any other.
    let d = tree(
        json!({ "capacity": { "criterion": "c", "amount": 1 }, "requests": [], "model": { "criteria": [] } }),
    );
    let changes = compare::changes(&a, &d);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].path, path(&["capacity"]));
}

#[test]
fn id_keyed_lists_compare_by_id_whatever_their_order() {
    let a = base();
    let mut b = base();
    b["requests"].as_array_mut().unwrap().reverse();
    b["model"]["criteria"].as_array_mut().unwrap().swap(0, 2);
    b["accounts"].as_array_mut().unwrap().reverse();
    assert_eq!(diff_changes(&a, &b), []);
    // Other lists are leaves: order counts there.
    let mut c = base();
    request_mut(&mut c, "R-2")["asks"]
        .as_array_mut()
        .unwrap()
        .reverse();
    let changes = diff_changes(&a, &c);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].path, path(&["requests", "R-2", "asks"]));
}

#[test]
fn unknown_fields_take_part_like_any_other() {
    let mut a = base();
    a["x-origin"] = json!({ "tool": "jira", "synced": 1 });
    request_mut(&mut a, "R-1")["x-jira"] = json!({ "key": "FS-1", "points": 3 });
    let mut b = a.clone();
    // 1 and 1.0 are the same number; the rest differ.
    b["x-origin"]["synced"] = json!(1.0);
    request_mut(&mut b, "R-1")["x-jira"]["key"] = json!("FS-2");
    request_mut(&mut b, "R-2")["x-rice"] = json!(12.5);
    let changes = diff_changes(&a, &b);
    let paths: Vec<_> = changes.iter().map(|c| (c.path.clone(), c.kind)).collect();
    assert_eq!(
        paths,
        [
            (
                path(&["requests", "R-1", "x-jira", "key"]),
                ChangeKind::Changed
            ),
            (path(&["requests", "R-2", "x-rice"]), ChangeKind::Added),
        ]
    );
    // And in a merge: each side's unknown edit is taken, kept in the output.
    let mut o = a.clone();
    o["x-origin"]["tool"] = json!("linear");
    let m = merge(&a, &o, &b);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let text = m.text();
    let out: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(out["x-origin"]["tool"], json!("linear"));
    assert_eq!(
        request_mut(&mut out.clone(), "R-1")["x-jira"]["key"],
        json!("FS-2")
    );
    assert_eq!(request_mut(&mut out.clone(), "R-2")["x-rice"], json!(12.5));
}

#[test]
fn a_value_whose_type_differs_is_one_leaf_change() {
    let a = base();
    let mut b = base();
    request_mut(&mut b, "R-1")["values"]["cost"] = json!({ "low": 2, "likely": 3, "high": 5 });
    let changes = diff_changes(&a, &b);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].path,
        path(&["requests", "R-1", "values", "cost"])
    );
    assert_eq!(changes[0].kind, ChangeKind::Changed);
}

// ----- §2: changes, ranking, plan -----

#[test]
fn changes_are_reported_once_at_the_highest_path() {
    let a = base();
    let mut b = base();
    remove_request(&mut b, "R-1");
    b["requests"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "R-9", "title": "New", "values": { "cost": 1 } }));
    b["sources"][0]["credibility"] = json!(0.8);
    let changes = diff_changes(&a, &b);
    let shown: Vec<_> = changes
        .iter()
        .map(|c| (c.path.join("/"), c.kind.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("sources/key-account/credibility".to_string(), "changed"),
            ("requests/R-1".to_string(), "removed"),
            ("requests/R-9".to_string(), "added"),
        ]
    );
    let removed = &changes[1];
    assert_eq!(
        removed.a.as_ref().map(|v| sj(v)["title"].clone()),
        Some(json!("Offline mode"))
    );
    assert_eq!(removed.b, None);
    // The same twice gives the same order.
    assert_eq!(changes, diff_changes(&a, &b));
}

#[test]
fn ranking_lists_b_order_then_those_only_ranked_in_a() {
    let a = base();
    let mut b = base();
    remove_request(&mut b, "R-3");
    request_mut(&mut b, "R-4")["status"] = json!("done");
    b["requests"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "R-9", "title": "New", "values": { "cost": 1, "fit": 10 } }));
    let (sa, sb) = (scenario(&a), scenario(&b));
    let d = compare::diff(&sa, &sb);
    let rb = thresh::Ranking::new(&sb).unwrap();
    let ra = thresh::Ranking::new(&sa).unwrap();
    let order_b: Vec<&str> = rb
        .scores
        .order
        .iter()
        .map(|&i| sb.requests[i as usize].id.as_str())
        .collect();
    let order_a: Vec<&str> = ra
        .scores
        .order
        .iter()
        .map(|&i| sa.requests[i as usize].id.as_str())
        .collect();
    let listed: Vec<&str> = d.ranking.iter().map(|m| m.id.as_str()).collect();
    let mut want: Vec<&str> = order_b.clone();
    want.extend(order_a.iter().filter(|id| !order_b.contains(id)));
    assert_eq!(listed, want);
    let r4 = d.ranking.iter().find(|m| m.id == "R-4").unwrap();
    assert!(
        r4.rank_a.is_some() && r4.rank_b.is_none() && r4.score_b.is_none(),
        "archived in B: {r4:?}"
    );
    let r9 = d.ranking.iter().find(|m| m.id == "R-9").unwrap();
    assert!(r9.rank_a.is_none() && r9.rank_b.is_some());
    // Both have a capacity and a feasible plan: the plan difference is there.
    let p = d.plan.as_ref().expect("both plans");
    for id in &p.only_a {
        assert!(!p.only_b.contains(id) && !p.both.contains(id));
    }
}

#[test]
fn no_plan_difference_without_a_capacity_on_both_sides() {
    let a = base();
    let mut b = base();
    b.as_object_mut().unwrap().remove("capacity");
    let d = compare::diff(&scenario(&a), &scenario(&b));
    assert_eq!(d.plan, None);
    assert!(!d.to_json().contains("\"plan\""));
}

#[test]
fn changes_in_words() {
    let a = base();
    let mut b = base();
    b["sources"][0]["credibility"] = json!(0.8);
    b["model"]["criteria"][0]["weight"] = json!(6);
    request_mut(&mut b, "R-2")["values"]["cost"] = json!(5);
    request_mut(&mut b, "R-3")["status"] = json!("done");
    b["buckets"][0]["max_share"] = json!(0.5);
    b["capacity"]["amount"] = json!(12);
    remove_request(&mut b, "R-4");
    b["name"] = json!("Quarter 2");
    let (sa, sb) = (scenario(&a), scenario(&b));
    let words: Vec<String> = compare::changes(&Tree::of(&sa), &Tree::of(&sb))
        .iter()
        .map(|c| compare::describe(c, &sa, &sb))
        .collect();
    for want in [
        "Key-account managers: credibility 0.5 → 0.8",
        "Reach: weight 4 → 6",
        "R-2 “Bulk reassign”: Effort 2 → 5",
        "R-3 “Photo notes”: status open → done",
        "bucket New revenue: max share 0.6 → 0.5",
        "capacity on Effort: amount 10 → 12",
        "request R-4 “Dark theme” removed",
        "name \"Quarter\" → \"Quarter 2\"",
    ] {
        assert!(words.iter().any(|w| w == want), "{want:?} in {words:#?}");
    }
}

#[test]
fn apply_takes_changes_one_by_one() {
    let a = base();
    let mut b = base();
    b["sources"][0]["credibility"] = json!(0.8);
    b["buckets"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "platform", "label": "Platform" }));
    b["requests"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "R-9", "title": "New", "bucket": "platform" }));
    let (ta, tb) = (Tree::of(&scenario(&a)), Tree::of(&scenario(&b)));
    let changes = compare::changes(&ta, &tb);
    assert_eq!(changes.len(), 3);
    // Only the credibility: a valid scenario with that change alone.
    let credibility = changes
        .iter()
        .find(|c| c.path[0] == "sources")
        .unwrap()
        .clone();
    let one = compare::apply(&ta, std::slice::from_ref(&credibility)).unwrap();
    let s = one.to_scenario().unwrap();
    assert_eq!(s.sources[0].credibility, Some(0.8));
    assert_eq!(compare::changes(&one, &tb).len(), 2);
    // The request without its bucket does not read; with it, it does.
    let request = changes
        .iter()
        .find(|c| c.path[0] == "requests")
        .unwrap()
        .clone();
    let without = compare::apply(&ta, std::slice::from_ref(&request)).unwrap();
    assert!(without.to_scenario().is_err());
    let all = compare::apply(&ta, &changes).unwrap();
    assert!(all.same(&tb));
    assert_eq!(all.to_scenario().unwrap(), scenario(&b));
}
