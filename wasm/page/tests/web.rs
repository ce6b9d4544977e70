#![cfg(target_arch = "wasm32")]
//! The page's bindings in a real browser (headless Chromium through wasm-bindgen-test):
//! the workbench as JavaScript sees it (typed arrays, structured results as plain
//! JavaScript values, errors as JS `Error`s carrying their problems) and the
//! files read exactly as the command line reads them.
//!
//! Run: `make test-wasm`, or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`
//! with `.tools/bin` on `PATH`.

use serde_json::Value;
use thresh_page::WasmWorkbench;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TODAY: &str = "2027-04-01";

// ----- helpers -----

/// The JS `Error`'s message and name of a value thrown across the boundary.
fn error_parts(v: &JsValue) -> (String, String) {
    let e = v
        .dyn_ref::<js_sys::Error>()
        .expect("a JavaScript Error, not a bare value");
    (String::from(e.message()), String::from(e.name()))
}

fn js_error_message(e: JsValue) -> String {
    error_parts(&e).0
}

/// A JavaScript value as JSON, to read it with serde_json.
fn json_of(v: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(v).expect("plain data");
    serde_json::from_str(&String::from(text)).expect("JSON")
}

fn ids_in_order(wb: &WasmWorkbench) -> Vec<String> {
    let requests = json_of(&wb.requests());
    wb.order()
        .to_vec()
        .iter()
        .map(|&i| requests[i as usize]["id"].as_str().unwrap().to_string())
        .collect()
}

// ----- the workbench -----

#[wasm_bindgen_test]
fn the_example_ranks_with_fs103_first() {
    let wb = WasmWorkbench::example();
    assert!(wb.score_error().is_none(), "{:?}", wb.score_error());
    let ids = ids_in_order(&wb);
    assert_eq!(ids.len(), wb.request_count());
    assert!(!ids.is_empty());
    assert_eq!(ids[0], "FS-103");
    assert_eq!(wb.name(), "Field-service app — Q2 2027");
}

#[wasm_bindgen_test]
fn typed_arrays_have_the_documented_lengths() {
    let wb = WasmWorkbench::example();
    let n = wb.request_count() as u32;
    let k = wb.criteria_count() as u32;
    assert!(n > 0 && k > 0);
    assert_eq!(wb.order().length(), n);
    assert_eq!(wb.ranks().length(), n);
    assert_eq!(wb.scores().length(), n);
    assert_eq!(wb.values().length(), n);
    assert_eq!(wb.movement().length(), n);
    assert_eq!(wb.flags().length(), n);
    assert_eq!(wb.raw_values().length(), n * k);
    assert_eq!(wb.origins().length(), n * k);
    assert_eq!(wb.contributions().length(), n * k);
    // The order is a permutation, and ranks agree with it.
    let order = wb.order().to_vec();
    let ranks = wb.ranks().to_vec();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..n).collect::<Vec<_>>());
    assert!(ranks[order[0] as usize] <= ranks[order[n as usize - 1] as usize]);
    // Scores are finite numbers, best first.
    let scores = wb.scores().to_vec();
    assert!(scores.iter().all(|s| s.is_finite()));
    assert!(scores[order[0] as usize] >= scores[order[n as usize - 1] as usize]);
}

#[wasm_bindgen_test]
fn a_weight_change_reorders_without_a_new_revision() {
    let base = WasmWorkbench::example();
    let before = base.order().to_vec();
    let k = base.criteria_count();
    let mut reordered = false;
    for c in 0..k {
        for w in [0.0, 50.0] {
            let mut wb = WasmWorkbench::example();
            let revision = wb.revision();
            wb.set_weight(c, w).expect("a valid weight");
            assert_eq!(
                wb.revision(),
                revision,
                "a weight change keeps the revision"
            );
            assert_eq!(wb.order().length() as usize, wb.request_count());
            if wb.order().to_vec() != before {
                reordered = true;
                // Movement reports the change: somebody moved.
                assert!(wb.movement().to_vec().iter().any(|&m| m != 0));
            }
        }
    }
    assert!(reordered, "no weight change reordered the example");
    let mut wb = WasmWorkbench::example();
    assert!(js_error_message(wb.set_weight(0, -1.0).unwrap_err()).contains("weight"));
    assert!(wb.set_weight(k, 1.0).is_err());
    assert!(wb.set_weight(0, f64::NAN).is_err());
}

#[wasm_bindgen_test]
fn a_weight_change_is_one_undo_step() {
    let mut wb = WasmWorkbench::example();
    let original = wb.export();
    wb.set_weight(0, 0.0).unwrap();
    wb.set_weight(0, 1.0).unwrap();
    wb.commit();
    assert!(wb.can_undo());
    assert_ne!(wb.export(), original);
    assert!(wb.undo());
    assert_eq!(wb.export(), original);
    assert!(wb.redo());
    assert_ne!(wb.export(), original);
}

#[wasm_bindgen_test]
fn export_round_trips_through_open() {
    let wb = WasmWorkbench::example();
    let text = wb.export();
    let again = WasmWorkbench::open(&text).expect("the export opens");
    assert_eq!(again.export(), text);
    assert_eq!(ids_in_order(&again), ids_in_order(&wb));
}

#[wasm_bindgen_test]
fn bad_text_is_refused_with_a_js_error() {
    for text in ["", "not json", "{\"format\": \"something else\"}", "[]"] {
        match WasmWorkbench::open(text) {
            Ok(_) => panic!("{text:?} opened"),
            Err(e) => assert!(!js_error_message(e).is_empty(), "{text:?}: empty message"),
        }
    }
    assert!(WasmWorkbench::empty("x", "not a date").is_err());
}

#[wasm_bindgen_test]
fn an_invalid_request_is_refused_and_changes_nothing() {
    let mut wb = WasmWorkbench::example();
    let before = wb.export();
    let revision = wb.revision();
    let mut request = json_of(&wb.request(0).unwrap());
    request["values"]["effort"] = Value::String("a lot".into());
    let e = wb.put_request(0, &request.to_string()).unwrap_err();
    let problems = json_of(&js_sys::Reflect::get(&e, &"problems".into()).unwrap());
    assert_eq!(
        problems[0]["path"], "requests[0].values.effort",
        "{problems}"
    );
    assert_eq!(
        problems[0]["steps"],
        serde_json::json!(["requests", 0, "values", "effort"])
    );
    let msg = js_error_message(e);
    assert!(msg.contains("effort"), "the message names the field: {msg}");
    let checked = json_of(&wb.check_request(0, &request.to_string()));
    assert_eq!(
        checked, problems,
        "checking gives the same problems as applying"
    );
    assert!(wb.put_request(0, "{not json").is_err());
    assert!(wb
        .put_request(wb.request_count() + 1, &request.to_string())
        .is_err());
    assert_eq!(wb.export(), before);
    assert_eq!(wb.revision(), revision);
    // The same request, repaired, is accepted and bumps the revision.
    request["values"]["effort"] = Value::from(3);
    wb.put_request(0, &request.to_string())
        .expect("a valid request");
    assert!(wb.revision() > revision);
    assert_ne!(wb.export(), before);
}

#[wasm_bindgen_test]
fn files_are_read_exactly_as_the_command_line_reads_them() {
    let text = WasmWorkbench::example().export();
    // Invalid UTF-8 is refused, not replaced; so are UTF-16 and keys written twice.
    let mut bytes = text.clone().into_bytes();
    let at = text.find("Field-service").unwrap();
    bytes[at] = 0xFF;
    let e = js_error_message(WasmWorkbench::open_bytes(&bytes).err().unwrap());
    assert!(e.contains("0xFF") && e.contains("UTF-8"), "{e}");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let e = js_error_message(WasmWorkbench::open_bytes(&utf16).err().unwrap());
    assert!(e.contains("UTF-16"), "{e}");
    let twice = text.replacen("\"name\"", "\"name\": \"x\",\n  \"name\"", 1);
    let e = js_error_message(WasmWorkbench::open_bytes(twice.as_bytes()).err().unwrap());
    assert!(e.starts_with("name: ") && e.contains("twice"), "{e}");
}

#[wasm_bindgen_test]
fn empty_and_synthetic_scenarios() {
    let wb = WasmWorkbench::empty("New", TODAY).unwrap();
    assert_eq!(wb.request_count(), 0);
    assert_eq!(wb.order().length(), 0);
    assert!(WasmWorkbench::open(&wb.export()).is_ok());
    let big = WasmWorkbench::synthetic(2_000, 7);
    assert_eq!(big.request_count(), 2_000);
    assert_eq!(big.order().length(), 2_000);
}

// ----- how sure the ranking is (issue 11) -----

#[wasm_bindgen_test]
fn values_typed_as_text_are_numbers_or_ranges() {
    let wb = WasmWorkbench::example();
    let parse = |t: &str| wb.parse_value(t).map(|v| json_of(&v));
    let number = |t: &str| parse(t).unwrap().as_f64().unwrap();
    let range = |t: &str| {
        let v = parse(t).unwrap();
        let at = |k: &str| v[k].as_f64().unwrap();
        (at("low"), at("likely"), at("high"))
    };
    assert_eq!(number(" 4.5 "), 4.5);
    assert_eq!(number("-2"), -2.0);
    assert_eq!(number("1e-3"), 0.001);
    assert_eq!(range("3-5-9"), (3.0, 5.0, 9.0));
    assert_eq!(range("3 - 5 - 9"), (3.0, 5.0, 9.0));
    assert_eq!(range("3..9"), (3.0, 6.0, 9.0));
    assert_eq!(range("3–9"), (3.0, 6.0, 9.0));
    assert_eq!(range("3..5..9"), (3.0, 5.0, 9.0));
    assert_eq!(range("-2-0-3"), (-2.0, 0.0, 3.0));
    for bad in ["9-5-3", "three", "1-2-3-4", "", "3..", "inf"] {
        let e = js_error_message(parse(bad).err().expect(bad));
        assert!(!e.is_empty(), "{bad}");
    }
    assert!(js_error_message(parse("9-5-3").err().unwrap()).contains("not in order"));
}

#[wasm_bindgen_test]
fn tipping_bands_name_who_enters_and_the_decisive_weight() {
    let wb = WasmWorkbench::example();
    let t = json_of(&wb.tipping(Some(3)));
    assert_eq!(t["top"], 3);
    let bands = t["bands"].as_array().unwrap();
    assert!(!bands.is_empty());
    for b in bands {
        let words = b["words"].as_str().unwrap();
        assert!(words.starts_with("the top 3 holds"), "{words}");
        assert!(b["low"].as_f64().unwrap() <= b["weight"].as_f64().unwrap());
    }
    let d = &t["decisive"];
    assert!(d["words"].as_str().unwrap().contains(" decides: "), "{d}");
    // The ranges the example gives, as cells.
    let r = wb.value_ranges();
    let cells = js_sys::Uint32Array::from(js_sys::Reflect::get(&r, &"cells".into()).unwrap());
    let example = WasmWorkbench::example().export();
    assert_eq!(
        cells.length() as usize,
        example.matches("\"likely\"").count()
    );
}
