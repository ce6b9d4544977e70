//! Thresh: score, rank and plan the feature requests of a B2B product.
//!
//! The core is plain Rust with no browser dependency:
//! - [`model`]: the scenario, every field of the v1 file format;
//! - [`read`] and [`write`]: the file format in and out (every problem reported with its
//!   JSON path; canonical, byte-stable export);
//! - [`derive`] and [`score`]: raw values from asks and deadlines, utilities, scores,
//!   value and ranking — the scoring rules live in `score`;
//! - [`report`]: the ranking as the command line prints it;
//! - [`plan`]: the optimal plan within capacity and portfolio shares, and its report;
//! - [`explain`]: every number explained, the chart and the accounts view;
//! - [`presets`]: RICE, ICE, WSJF, value/effort and the default model;
//! - [`robust`]: how sure the ranking is — sampled weights and estimates, tipping points;
//! - [`workbench`]: the open scenario with edits, undo and cheap re-scoring (the page's state);
//! - [`team`]: several people's views of the weights, their compromise and agreement.
//!
//! The `thresh` binary (`src/main.rs`) is the command line over this library.

pub mod compare;
pub mod date;
pub mod derive;
pub mod edit;
pub mod error;
pub mod explain;
pub mod json;
pub mod limits;
pub mod model;
pub mod plan;
pub mod presets;
pub mod read;
pub mod report;
pub mod robust;
pub mod score;
pub mod sheet;
pub mod synthetic;
pub mod team;
pub mod text;
pub mod validate;
pub mod view;
pub mod workbench;
pub mod write;

pub use error::{Problem, Problems, ReadError, ScoreError};
pub use model::Scenario;
pub use report::Ranking;
pub use score::{Scores, Table};
