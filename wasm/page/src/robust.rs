//! How sure the ranking is (robustness-v1, issue 11), the page's side: the exact tipping
//! points of every weight for the model panel's sliders (recomputed on every weight move
//! from the workbench's prepared table: no copy, no sampling; a few ms for 10,000
//! requests), value ranges typed as text (`3-5-9`, `3..9`), and where the ranges are for
//! the ranking's marks. The sampling itself runs in the analyses' worker module
//! (wasm/analysis/src/robust.rs).

use js_sys::{Float64Array, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::interop::{message_error, to_js};
use crate::WasmWorkbench;
use thresh::json::{Object, Value};
use thresh::model::Estimate;
use thresh::robust::{decisive, tipping_points, Interval, SetChange};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Who enters and who leaves the top K just beyond an end of a weight's band (request ids). */
export interface TippingChange { enters: string; leaves: string }
/** One weight's tipping points (robustness-v1 §3) and the model panel's words for them. */
export interface TippingBand {
  /** The criterion's index in the model. */
  criterion: number; weight: number;
  /** The top K holds for weights in (low, high); high null: at every weight above. */
  low: number; high: number | null;
  at_low: TippingChange | null; at_high: TippingChange | null;
  /** "the top 10 holds from 2.4 to 6.1; above 6.1, FS-108 replaces FS-109" */
  words: string;
  /** "FS-103 stays first from 3.2 up; below 3.2, FS-106 is first" */
  first_words: string;
}
/** Every weight's band for the top K, and the weight whose smallest move changes the top. */
export interface Tipping {
  top: number; bands: TippingBand[];
  decisive: { criterion: number; to: number; words: string } | null;
}
/** A value typed as text: a number, or a range low / likely / high. */
export type ParsedValue = number | { low: number; likely: number; high: number };
/** The values given as ranges: cell = request · criteria + criterion, with their three points. */
export interface ValueRanges { cells: Uint32Array; low: Float64Array; likely: Float64Array; high: Float64Array }
"#;

#[wasm_bindgen(js_class = Workbench)]
impl WasmWorkbench {
    /// Every weight's tipping points for the top `top` (default min(10, ranked)), with the
    /// words the sliders show, and the decisive weight ("ARR behind the asks decides:
    /// moving its weight from 2 to 5.08 changes the top 10 (FS-102 replaces FS-112)");
    /// `null` when nothing is ranked.
    #[wasm_bindgen(unchecked_return_type = "Tipping | null")]
    pub fn tipping(&self, top: Option<u32>) -> JsValue {
        let Ok(scores) = self.0.scores() else {
            return JsValue::NULL;
        };
        let ranked = scores.order.len();
        if ranked == 0 {
            return JsValue::NULL;
        }
        let k = top
            .map(|t| t as usize)
            .filter(|&t| t > 0)
            .unwrap_or_else(|| thresh::team::default_top(ranked))
            .min(ranked);
        let s = self.0.scenario();
        let stability = tipping_points(self.0.table(), &s.model.criteria, scores, k);
        let id = |i: usize| Value::str(&s.requests[i].id);
        let change = |c: &Option<SetChange>| match c {
            Some(c) => thresh::object! {"enters": id(c.enters), "leaves": id(c.leaves)},
            None => Value::Null,
        };
        let bands: Vec<Value> = stability
            .iter()
            .map(|st| {
                let t: &Interval<SetChange> = &st.top_set;
                let mut o = Object::new();
                o.push("criterion".into(), Value::from(st.criterion));
                o.push("weight".into(), Value::f64(st.weight));
                o.push("low".into(), Value::f64(t.low));
                o.push("high".into(), Value::from(t.high));
                o.push("at_low".into(), change(&t.at_low));
                o.push("at_high".into(), change(&t.at_high));
                o.push("words".into(), Value::from(st.top_set_words(s)));
                o.push("first_words".into(), Value::from(st.first_words(s)));
                Value::Object(o)
            })
            .collect();
        let decisive = match decisive(&stability) {
            Some(d) => thresh::object! {
                "criterion": d.criterion, "to": d.to, "words": d.words_naming(s, k, &s.model.criteria[d.criterion].label),
            },
            None => Value::Null,
        };
        to_js(&thresh::object! {"top": k, "bands": bands, "decisive": decisive})
    }

    /// A value as the PM typed it: `4.5`, or a range `3-5-9` / `3..5..9` (low, likely,
    /// high) or `3..9` / `3-9` (likely halfway). Throws an `Error` saying what is wrong.
    #[wasm_bindgen(unchecked_return_type = "ParsedValue")]
    pub fn parse_value(&self, text: &str) -> Result<JsValue, JsValue> {
        match parse_value_text(text).map_err(|m| message_error(&m))? {
            Parsed::Number(x) => Ok(JsValue::from_f64(x)),
            Parsed::Range(low, likely, high) => Ok(to_js(
                &thresh::object! {"low": low, "likely": likely, "high": high},
            )),
        }
    }

    /// The values given as ranges (sparse: most values are numbers).
    #[wasm_bindgen(unchecked_return_type = "ValueRanges")]
    pub fn value_ranges(&self) -> JsValue {
        let s = self.0.scenario();
        let k = s.model.criteria.len();
        let (mut cells, mut low, mut likely, mut high) = (vec![], vec![], vec![], vec![]);
        for (i, r) in s.requests.iter().enumerate() {
            for (c, e) in r.values.iter() {
                if let Estimate::Range(range) = e {
                    cells.push((i * k + c) as u32);
                    low.push(range.low);
                    likely.push(range.likely);
                    high.push(range.high);
                }
            }
        }
        let out = js_sys::Object::new();
        let set = |key: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&out, &key.into(), &v);
        };
        set("cells", Uint32Array::from(cells.as_slice()).into());
        set("low", Float64Array::from(low.as_slice()).into());
        set("likely", Float64Array::from(likely.as_slice()).into());
        set("high", Float64Array::from(high.as_slice()).into());
        out.into()
    }
}

#[derive(Debug, PartialEq)]
enum Parsed {
    Number(f64),
    Range(f64, f64, f64),
}

/// See [`WasmWorkbench::parse_value`]. En and em dashes read as `..`; a `-` right after a
/// number (or after the spaces following one) separates, any other `-` is a sign, so
/// `-2-0-3` is the range −2, 0, 3 and `1e-3` a number.
fn parse_value_text(text: &str) -> Result<Parsed, String> {
    let t = text.trim().replace(['–', '—'], "..");
    if t.is_empty() {
        return Err(
            "type a number, or a range as low-likely-high (3-5-9) or low..high (3..9)".into(),
        );
    }
    let parts: Vec<String> = if t.contains("..") {
        t.split("..").map(|p| p.trim().to_string()).collect()
    } else {
        let mut parts = vec![String::new()];
        let mut after_number = false;
        for ch in t.chars() {
            if ch == '-' && after_number {
                parts.push(String::new());
                after_number = false;
                continue;
            }
            if ch.is_ascii_digit() || ch == '.' {
                after_number = true;
            } else if !ch.is_whitespace() {
                after_number = false;
            }
            parts.last_mut().expect("never empty").push(ch);
        }
        parts.into_iter().map(|p| p.trim().to_string()).collect()
    };
    let mut numbers = Vec::with_capacity(parts.len());
    for p in &parts {
        match p.parse::<f64>() {
            Ok(x) if x.is_finite() => numbers.push(x),
            _ => {
                return Err(if parts.len() == 1 {
                    format!("\"{text}\" is not a number; a range is written low-likely-high (3-5-9) or low..high (3..9)")
                } else {
                    format!("\"{p}\" in \"{text}\" is not a number; a range is written low-likely-high (3-5-9) or low..high (3..9)")
                })
            }
        }
    }
    match numbers[..] {
        [x] => Ok(Parsed::Number(x)),
        [low, high] if low <= high => Ok(Parsed::Range(low, low + (high - low) / 2.0, high)),
        [low, likely, high] if low <= likely && likely <= high => {
            Ok(Parsed::Range(low, likely, high))
        }
        [_, _] | [_, _, _] => Err(format!(
            "\"{text}\" is not in order: a range goes from low to high (3-5-9 or 3..9)"
        )),
        _ => Err(format!(
            "\"{text}\" has {} numbers; a range has three (low-likely-high, 3-5-9) or two (low..high, 3..9)",
            numbers.len()
        )),
    }
}
