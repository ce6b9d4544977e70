#![cfg(target_arch = "wasm32")]
//! The bindings of the analyses' Web Worker (www/analysis-worker.js): "How sure?"
//! ([`robust`], robustness-v1) and compare and merge ([`compare`], sharing-v1 §1–§3). Each
//! reads scenario files itself, off the main thread. Their own module, apart from the
//! planner's: the plan view loads only the solver, and these load only when the "How
//! sure?" view or the compare dialog is used. Built as its own module (fast, not small).

mod compare;
mod robust;
