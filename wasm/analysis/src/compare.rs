//! Compare and merge for the page's Web Worker (`thresh::compare::page`): scenario files'
//! bytes in, JSON text out. The worker parses the answer and posts it to the page; the
//! page puts a resulting scenario text in place with `Workbench.replace_text`.
//!
//! A file that does not read throws an `Error` whose `kind` is `"file"`, whose `file` is
//! `"ours"`, `"theirs"`, `"base"` or `"request"`, and whose message names every problem's
//! place.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use thresh::compare::page::{self, File, FileError};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A change in words, at its path (keys from the root, ids for items). */
export interface ReviewChange {
  path: string[]; kind: "added" | "removed" | "changed";
  words: string; subject: string; detail: string;
}
/** Changes grouped as a summary lists them. */
export interface ChangeGroup { id: string; title: string; changes: ReviewChange[] }
/** A request's place in both rankings (null where it is not ranked). */
export interface RankMove {
  id: string; title: string | null; rank_a: number | null; rank_b: number | null;
  score_a: number | null; score_b: number | null;
}
/** What changed from the open scenario (a) to another (b), and what it does. */
export interface Review {
  a: { name: string; requests: number }; b: { name: string; requests: number };
  count: number; groups: ChangeGroup[]; ranking: RankMove[]; ranked: number; moved: number;
  plan: { only_a: { id: string; title: string | null }[]; only_b: { id: string; title: string | null }[];
          only_a_count: number; only_b_count: number; both: number } | null;
}
/** Changes taken: the open scenario's new text, and the changes in words. */
export interface Taken { text: string; taken: string[]; along: string[] }
/** A conflict of a merge, in words. */
export interface MergeConflict {
  path: string[]; subject: string; field: string; base: string; ours: string; theirs: string;
  problem: string | null;
}
/** A merge: its conflicts, what it brings in, and the merged text when nothing needs deciding. */
export interface MergeReview {
  conflicts: MergeConflict[]; incoming: ChangeGroup[]; incoming_count: number;
  ours_changes: number; theirs_changes: number; text: string | null;
}
/** A merge finished (text), or what is still to decide (conflicts). */
export interface Resolution { text?: string; restored?: string[]; conflicts?: MergeConflict[] }
"#;

fn failure(e: FileError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let _ = Reflect::set(&err, &"kind".into(), &"file".into());
    let _ = Reflect::set(&err, &"file".into(), &e.file.into());
    err.into()
}

fn missing(what: &str) -> JsValue {
    failure(FileError {
        file: "request",
        message: format!("there is no {what} to compare with"),
    })
}

/// The files of one comparison or merge, each read once: the other side (their file, or
/// another saved scenario) and the base. The open scenario is given with each request,
/// as it is then; the last one read is kept with its bytes, so that the same text given
/// again (a take after a review, a merge after it was prepared) is not read again.
#[wasm_bindgen]
pub struct Comparison {
    theirs: Option<File>,
    base: Option<File>,
    ours: Option<(Vec<u8>, File)>,
}

impl Default for Comparison {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Comparison {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Comparison {
        Comparison {
            theirs: None,
            base: None,
            ours: None,
        }
    }

    /// Compares, takes and merges once on a small generated scenario, so that the engine
    /// has compiled this code at full speed before the PM's files come (see
    /// `thresh::compare::page::warm_up`); returns the changes that review found.
    pub fn warm_up() -> usize {
        page::warm_up()
    }

    /// Reads the other side's file; a file that does not read leaves none.
    pub fn set_theirs(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        self.theirs = None;
        self.theirs = Some(File::read("theirs", bytes).map_err(failure)?);
        Ok(())
    }

    /// Reads the base of a merge (the export their file came from).
    pub fn set_base(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        self.base = None;
        self.base = Some(File::read("base", bytes).map_err(failure)?);
        Ok(())
    }

    /// Reads the open scenario ahead of a request (while the PM picks a file), so that the
    /// request that gives the same bytes finds it read.
    pub fn prepare_ours(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        self.read_ours(bytes)
    }

    /// Reads the open scenario's bytes, unless they are the ones kept (comparing 4 MB of
    /// bytes costs about a hundredth of reading them).
    fn read_ours(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        if !matches!(&self.ours, Some((kept, _)) if kept.as_slice() == bytes) {
            self.ours = None;
            let file = File::read("ours", bytes).map_err(failure)?;
            self.ours = Some((bytes.to_vec(), file));
        }
        Ok(())
    }

    fn ours(&self) -> &File {
        &self.ours.as_ref().expect("read_ours first").1
    }

    fn theirs(&self) -> Result<&File, JsValue> {
        self.theirs.as_ref().ok_or_else(|| missing("file"))
    }

    fn base(&self) -> Result<&File, JsValue> {
        self.base.as_ref().ok_or_else(|| missing("base"))
    }

    /// What changed from the open scenario (`ours`) to theirs: a `Review` as JSON.
    pub fn review(&mut self, ours: &[u8]) -> Result<String, JsValue> {
        self.read_ours(ours)?;
        Ok(page::review(self.ours(), self.theirs()?))
    }

    /// The open scenario with changes of theirs taken (`request`: `{"paths": [...]}` or
    /// `{"all": true}`): a `Taken` as JSON.
    pub fn take(&mut self, ours: &[u8], request: &str) -> Result<String, JsValue> {
        self.read_ours(ours)?;
        page::take(self.ours(), self.theirs()?, request).map_err(failure)
    }

    /// Theirs merged into the open scenario against the base: a `MergeReview` as JSON.
    pub fn merge(&mut self, ours: &[u8]) -> Result<String, JsValue> {
        self.read_ours(ours)?;
        Ok(page::merge(self.base()?, self.ours(), self.theirs()?))
    }

    /// The merge finished with a side chosen at each conflict (`choices`: `[{path,
    /// side}]`): a `Resolution` as JSON.
    pub fn resolve(&mut self, ours: &[u8], choices: &str) -> Result<String, JsValue> {
        self.read_ours(ours)?;
        page::resolve(self.base()?, self.ours(), self.theirs()?, choices).map_err(failure)
    }
}
