//! The page's side of compare and merge: the page's Web Worker compares, takes and merges
//! (wasm/analysis, `thresh::compare::page`) and answers with a scenario file's text; this
//! puts that text in place of the open scenario as one undoable step.

use wasm_bindgen::prelude::*;

use crate::interop::problems_error;
use crate::WasmWorkbench;

#[wasm_bindgen(js_class = Workbench)]
impl WasmWorkbench {
    /// Replaces the whole scenario with a scenario file's text (changes taken from another
    /// scenario, a merge) as one undoable step. A text that does not read changes nothing;
    /// the error's `problems` say why.
    pub fn replace_text(&mut self, text: &str) -> Result<(), JsValue> {
        self.0.replace_text(text).map_err(|p| problems_error(&p))
    }
}
