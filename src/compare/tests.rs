//! Unit tests of the tree's rules and of placing the reader's problems; the contract's
//! cases are in tests/compare.rs and tests/compare_props.rs.

use super::merge::{place, tree_path};
use super::*;
use crate::json::Cursor;

fn tree(text: &str) -> Tree {
    crate::json::scan(text).unwrap();
    Tree::from_value(Cursor::new(text, 0).value())
}

fn path(p: &[&str]) -> Vec<String> {
    p.iter().map(|s| s.to_string()).collect()
}

#[test]
fn numbers_compare_by_value_and_defaults_equal_absence() {
    let a = tree(r#"{"model": {"criteria": [{"id": "c", "weight": 1}]}, "x": 1, "requests": []}"#);
    let b = tree(r#"{"model": {"method": "weighted-sum", "criteria": [{"id": "c"}]}, "x": 1.0}"#);
    assert!(a.same(&b));
    assert!(changes(&a, &b).is_empty());
    // Not a default where the shape has none: an unknown `weight` at the root is a key.
    let c = tree(r#"{"weight": 1}"#);
    assert_eq!(changes(&tree("{}"), &c).len(), 1);
}

#[test]
fn a_list_that_cannot_be_keyed_by_id_is_a_leaf() {
    // Items without ids, or an id used twice: the list is compared as written.
    let a = tree(r#"{"sources": [{"id": "s"}, {"id": "s"}]}"#);
    let b = tree(r#"{"sources": [{"id": "s"}]}"#);
    let c = changes(&a, &b);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].path, path(&["sources"]));
    assert_eq!(c[0].kind, ChangeKind::Changed);
}

#[test]
fn reader_paths_become_tree_paths_by_id() {
    let t = tree(
        r#"{"capacity": {"criterion": "cost", "amount": 1},
            "buckets": [{"id": "g", "min_share": 0.5, "max_share": 0.2}],
            "requests": [{"id": "A"}, {"id": "B", "asks": [{"account": "x"}],
                          "values": {"a-criterion-id-longer-than-forty-characters-here": 1}}]}"#,
    );
    assert_eq!(
        tree_path(&t, "requests[1].asks[0].account"),
        path(&["requests", "B", "asks"])
    );
    assert_eq!(
        tree_path(&t, "capacity.criterion"),
        path(&["capacity", "cost", "criterion"])
    );
    assert_eq!(
        tree_path(&t, "buckets[0].min_share"),
        path(&["buckets", "g", "min_share"])
    );
    assert_eq!(tree_path(&t, "as_of"), path(&["as_of"]));
    // A key shortened in the message is found by its beginning.
    let shortened = format!(
        "requests[1].values[\"{}…\"]",
        &"a-criterion-id-longer-than-forty-characters-here"[..39]
    );
    assert_eq!(
        tree_path(&t, &shortened),
        path(&[
            "requests",
            "B",
            "values",
            "a-criterion-id-longer-than-forty-characters-here"
        ])
    );
}

#[test]
fn problems_are_placed_at_the_referring_field_or_the_item() {
    for (from, to) in [
        (&["buckets", "g", "min_share"][..], &["buckets", "g"][..]),
        (
            &["model", "criteria", "fit", "max"],
            &["model", "criteria", "fit"],
        ),
        (&["requests", "R", "bucket"], &["requests", "R", "bucket"]),
        (&["requests", "R", "asks"], &["requests", "R", "asks"]),
        (
            &["requests", "R", "values", "cost", "low"],
            &["requests", "R", "values", "cost"],
        ),
        (&["requests", "R", "title"], &["requests", "R"]),
        (&["capacity", "cost"], &["capacity", "cost", "criterion"]),
        (
            &["model", "views", "pm", "weights", "cost"],
            &["model", "views", "pm", "weights", "cost"],
        ),
        (&["model", "criteria"], &["model", "criteria"]),
        (&["as_of"], &["as_of"]),
    ] {
        assert_eq!(place(path(from)), path(to), "{from:?}");
    }
}

#[test]
fn apply_creates_what_the_path_needs_and_refuses_a_path_through_a_leaf() {
    let a = tree(r#"{"requests": [], "x": 3}"#);
    let add = Change {
        path: path(&["sources", "s"]),
        kind: ChangeKind::Added,
        a: None,
        b: Some(Cursor::new(r#"{"id": "s"}"#, 0).value()),
    };
    let t = apply(&a, std::slice::from_ref(&add)).unwrap();
    assert_eq!(
        t.get(&path(&["sources", "s", "id"])).unwrap().as_str(),
        Some("s")
    );
    let through_leaf = Change {
        path: path(&["x", "y"]),
        ..add
    };
    assert!(apply(&a, &[through_leaf]).is_err());
}
