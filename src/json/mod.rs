//! JSON, as Thresh needs it: read without building a tree, written in two fixed layouts.
//!
//! The scenario reader walks the text with a [`Cursor`] and builds the model directly, so a
//! 40 MB file costs one pass over its bytes and the model itself, not a tree of values in
//! between. Before that walk, [`scan`] checks the whole text once (syntax, nesting depth,
//! escapes) and indexes the top-level object's fields, so that syntax errors are reported
//! alone, with their line and column, and the reader may take the fields in any order.
//!
//! [`Value`] holds what the reader does not know (fields kept for the round trip) and the
//! documents the command line prints. Numbers keep the text they were written with, so an
//! unknown field's `12345678901234567890` or `1.50` comes back exactly as it came in.
//!
//! [`write`] lays a value out either as the scenario's canonical form or as the command
//! line's JSON reports; [`number`] writes floats the shortest way that reads back exactly.

mod cursor;
pub mod number;
pub mod path;
mod scan;
mod value;
pub mod write;

pub use cursor::{Cursor, Kind};
pub use path::Path;
pub use scan::{position, scan, Field, SyntaxError, TopLevel, MAX_DEPTH};
pub use value::{Number, Object, Value};
