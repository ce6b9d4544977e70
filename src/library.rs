//! The PM's saved scenarios in a key-value store (the browser's local storage on the page).
//!
//! Keys are prefixed and versioned (`thresh.v1.`): `index` lists the scenarios (id, name),
//! `scenario.<id>` holds each one's canonical text. Rules that keep work safe:
//! - data that cannot be read is never overwritten: a damaged index is copied aside under
//!   `aside.<n>` before a new one is written; a damaged scenario stays where it is, listed as
//!   damaged with the reason, until the PM deletes it;
//! - a full store is reported (`StoreError::Full`) and nothing is lost: the work stays open
//!   in memory and the next save tries again;
//! - writes remember what they wrote, so a change announced by another tab can be told
//!   apart from our own.
//!
//! The store is a trait so the rules are tested natively; the page implements it over
//! `window.localStorage`.

use serde_json::{json, Value};
use std::collections::HashMap;

use crate::read;

pub const PREFIX: &str = "thresh.v1.";
const INDEX: &str = "thresh.v1.index";
const SCENARIO: &str = "thresh.v1.scenario.";
const ASIDE: &str = "thresh.v1.aside.";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The store has no room (the browser's QuotaExceededError).
    Full,
    /// Any other failure (storage disabled, private mode, …).
    Unavailable(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Full => f.write_str(
                "the browser's storage for this page is full: your work is still open here, but not saved — \
                 export it to a file, or delete other scenarios; saving resumes when there is room",
            ),
            StoreError::Unavailable(why) => write!(f, "the browser's storage cannot be used: {why}"),
        }
    }
}

pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory store, with an optional size limit to act out a full store.
#[derive(Default, Debug, Clone)]
pub struct MemoryStore {
    pub items: HashMap<String, String>,
    /// Total characters (keys and values) the store accepts; `None` for no limit.
    pub capacity: Option<usize>,
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.items.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(cap) = self.capacity {
            let used: usize = self
                .items
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > cap {
                return Err(StoreError::Full);
            }
        }
        self.items.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.items.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let mut k: Vec<String> = self.items.keys().cloned().collect();
        k.sort();
        Ok(k)
    }
}

/// One saved scenario as the list shows it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
    /// Why it cannot be opened, when it cannot.
    pub damaged: Option<String>,
}

pub struct Library<S: Store> {
    store: S,
    entries: Vec<Entry>,
    current: Option<String>,
    /// A hash of what this tab last wrote under each key.
    written: HashMap<String, u64>,
}

fn scenario_key(id: &str) -> String {
    format!("{SCENARIO}{id}")
}

/// FNV-1a: enough to recognise our own writes.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

impl<S: Store> Library<S> {
    /// Opens the library. Returns notices for the PM about anything found damaged.
    pub fn open(store: S) -> Result<(Library<S>, Vec<String>), StoreError> {
        let mut lib = Library {
            store,
            entries: Vec::new(),
            current: None,
            written: HashMap::new(),
        };
        let notices = lib.read_list()?;
        Ok((lib, notices))
    }

    /// Reads the list from the store (and checks every scenario in it).
    fn read_list(&mut self) -> Result<Vec<String>, StoreError> {
        let lib = self;
        let mut notices = Vec::new();
        let index = lib.store.get(INDEX)?;
        let parsed = index.as_deref().map(parse_index);
        match parsed {
            None => lib.rebuild_index()?,
            Some(Ok((entries, current))) => {
                lib.entries = entries;
                lib.current = current;
                // Scenarios saved by another tab after this index was written.
                let known: Vec<String> = lib.entries.iter().map(|e| scenario_key(&e.id)).collect();
                for key in lib.store.keys()? {
                    if let Some(id) = key.strip_prefix(SCENARIO) {
                        if !known.contains(&key) {
                            lib.entries.push(Entry {
                                id: id.to_string(),
                                name: id.to_string(),
                                damaged: None,
                            });
                        }
                    }
                }
            }
            Some(Err(why)) => {
                let aside = lib.put_aside(index.as_deref().unwrap_or_default())?;
                notices.push(format!(
                    "The list of saved scenarios could not be read ({why}). It was kept aside unchanged as \
                     \"{aside}\", and the list was rebuilt from the scenarios found."
                ));
                lib.rebuild_index()?;
            }
        }
        // Check each scenario can be read; a damaged one is listed as such, never rewritten.
        for e in &mut lib.entries {
            match lib.store.get(&scenario_key(&e.id))? {
                None => e.damaged = Some("its saved data is missing".into()),
                Some(text) => match read::from_str(&text) {
                    Ok(s) => {
                        e.name = s.name;
                        e.damaged = None;
                    }
                    Err(err) => {
                        let why = err
                            .to_string()
                            .lines()
                            .next()
                            .unwrap_or_default()
                            .to_string();
                        notices.push(format!(
                            "The saved scenario \"{}\" could not be read ({why}). It is kept as it is; export \
                             it to look at it, or delete it.",
                            e.name
                        ));
                        e.damaged = Some(why);
                    }
                },
            }
        }
        lib.entries
            .retain(|e| e.damaged.as_deref() != Some("its saved data is missing"));
        if lib.current.as_ref().is_some_and(|c| {
            !lib.entries
                .iter()
                .any(|e| &e.id == c && e.damaged.is_none())
        }) {
            lib.current = None;
        }
        // Best effort: a full store must not keep the library from opening (the index is
        // written again with the next save).
        match lib.write_index() {
            Ok(()) | Err(StoreError::Full) => {}
            Err(e) => return Err(e),
        }
        Ok(notices)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The scenario open when the page was last left.
    pub fn current(&self) -> Option<&str> {
        self.current.as_deref()
    }

    pub fn set_current(&mut self, id: &str) -> Result<(), StoreError> {
        self.current = Some(id.to_string());
        self.write_index()
    }

    /// The saved text of a scenario.
    pub fn load(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.store.get(&scenario_key(id))
    }

    /// Saves a scenario's canonical text under `id` (new or existing) and lists it.
    pub fn save(&mut self, id: &str, name: &str, text: &str) -> Result<(), StoreError> {
        if self
            .entries
            .iter()
            .any(|e| e.id == id && e.damaged.is_some())
        {
            return Err(StoreError::Unavailable(
                "that place holds damaged data, which is never overwritten".into(),
            ));
        }
        let key = scenario_key(id);
        self.store.set(&key, text)?;
        self.written.insert(key, fingerprint(text));
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(e) => e.name = name.to_string(),
            None => self.entries.push(Entry {
                id: id.to_string(),
                name: name.to_string(),
                damaged: None,
            }),
        }
        self.write_index()
    }

    /// A new id, not used by any saved scenario.
    pub fn new_id(&self) -> String {
        // Also ask the store: another tab may have saved under an id this tab has not seen.
        let taken = |id: &str| {
            self.entries.iter().any(|e| e.id == id)
                || !matches!(self.store.get(&scenario_key(id)), Ok(None))
        };
        (self.entries.len() + 1..)
            .map(|n| format!("s{n}"))
            .find(|id| !taken(id))
            .expect("a free id")
    }

    /// Deletes a saved scenario (the page keeps its text for undo).
    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        self.store.remove(&scenario_key(id))?;
        self.entries.retain(|e| e.id != id);
        if self.current.as_deref() == Some(id) {
            self.current = None;
        }
        self.write_index()
    }

    /// Whether a change to `key` with `value` (announced by the browser's `storage` event)
    /// is what this tab wrote itself.
    pub fn is_own_write(&self, key: &str, value: Option<&str>) -> bool {
        match (self.written.get(key), value) {
            (Some(h), Some(v)) => *h == fingerprint(v),
            _ => false,
        }
    }

    /// Which scenario a storage key belongs to, if any.
    pub fn scenario_id_of_key(key: &str) -> Option<&str> {
        key.strip_prefix(SCENARIO)
    }

    /// Re-reads the list after another tab changed it; on failure nothing changes.
    pub fn reload(&mut self) -> Result<Vec<String>, StoreError> {
        let entries = std::mem::take(&mut self.entries);
        let current = self.current.take();
        match self.read_list() {
            Ok(notices) => Ok(notices),
            Err(e) => {
                self.entries = entries;
                self.current = current;
                Err(e)
            }
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    fn rebuild_index(&mut self) -> Result<(), StoreError> {
        self.entries = self
            .store
            .keys()?
            .iter()
            .filter_map(|k| k.strip_prefix(SCENARIO))
            .map(|id| Entry {
                id: id.to_string(),
                name: id.to_string(),
                damaged: None,
            })
            .collect();
        Ok(())
    }

    /// Copies damaged text to a fresh `aside.<n>` key; returns the key.
    fn put_aside(&mut self, text: &str) -> Result<String, StoreError> {
        let keys = self.store.keys()?;
        let key = (1..)
            .map(|n| format!("{ASIDE}{n}"))
            .find(|k| !keys.contains(k))
            .expect("a free key");
        self.store.set(&key, text)?;
        Ok(key)
    }

    fn write_index(&mut self) -> Result<(), StoreError> {
        let index = json!({
            "scenarios": self.entries.iter().map(|e| json!({"id": e.id, "name": e.name})).collect::<Vec<_>>(),
            "current": self.current,
        })
        .to_string();
        if self.store.get(INDEX)?.as_deref() == Some(index.as_str()) {
            return Ok(());
        }
        self.store.set(INDEX, &index)?;
        self.written.insert(INDEX.to_string(), fingerprint(&index));
        Ok(())
    }
}

type ParsedIndex = (Vec<Entry>, Option<String>);

fn parse_index(text: &str) -> Result<ParsedIndex, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let list = v["scenarios"]
        .as_array()
        .ok_or("it has no list of scenarios")?;
    let mut entries = Vec::new();
    for item in list {
        let id = item["id"]
            .as_str()
            .filter(|s| !s.is_empty())
            .ok_or("an entry has no id")?;
        let name = item["name"].as_str().unwrap_or(id);
        entries.push(Entry {
            id: id.to_string(),
            name: name.to_string(),
            damaged: None,
        });
    }
    let current = v["current"].as_str().map(str::to_string);
    Ok((entries, current))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../examples/field-service-q2.thresh.json");

    #[test]
    fn save_list_load_delete() {
        let (mut lib, notices) = Library::open(MemoryStore::default()).unwrap();
        assert!(notices.is_empty() && lib.entries().is_empty());
        let id = lib.new_id();
        lib.save(&id, "Q2", EXAMPLE).unwrap();
        lib.set_current(&id).unwrap();
        let (lib2, _) = Library::open(lib.store().clone()).unwrap();
        assert_eq!(lib2.current(), Some(id.as_str()));
        assert_eq!(lib2.entries()[0].name, "Field-service app — Q2 2027");
        assert_eq!(lib2.load(&id).unwrap().as_deref(), Some(EXAMPLE));
        lib.delete(&id).unwrap();
        assert!(lib.entries().is_empty() && lib.current().is_none());
    }

    #[test]
    fn a_damaged_index_is_kept_aside_and_rebuilt() {
        let mut store = MemoryStore::default();
        store.set(INDEX, "{not json").unwrap();
        store.set("thresh.v1.scenario.s7", EXAMPLE).unwrap();
        let (lib, notices) = Library::open(store).unwrap();
        assert_eq!(lib.entries().len(), 1);
        assert_eq!(lib.entries()[0].id, "s7");
        assert!(notices[0].contains("thresh.v1.aside.1"), "{notices:?}");
        assert_eq!(
            lib.store().get("thresh.v1.aside.1").unwrap().as_deref(),
            Some("{not json")
        );
    }

    #[test]
    fn a_damaged_scenario_is_listed_and_never_overwritten() {
        let mut store = MemoryStore::default();
        store
            .set("thresh.v1.scenario.s1", "{\"format\": \"something else\"}")
            .unwrap();
        let (mut lib, notices) = Library::open(store).unwrap();
        assert_eq!(notices.len(), 1);
        assert!(lib.entries()[0].damaged.is_some());
        assert!(lib.save("s1", "x", EXAMPLE).is_err());
        assert_eq!(
            lib.store().get("thresh.v1.scenario.s1").unwrap().as_deref(),
            Some("{\"format\": \"something else\"}")
        );
        assert_ne!(lib.new_id(), "s1");
    }

    #[test]
    fn a_full_store_is_reported_and_saving_resumes_later() {
        let store = MemoryStore {
            capacity: Some(EXAMPLE.len() / 2),
            ..Default::default()
        };
        let (mut lib, _) = Library::open(store).unwrap();
        assert_eq!(lib.save("s1", "Q2", EXAMPLE), Err(StoreError::Full));
        lib.store.capacity = None;
        lib.save("s1", "Q2", EXAMPLE).unwrap();
        assert_eq!(lib.load("s1").unwrap().as_deref(), Some(EXAMPLE));
    }

    #[test]
    fn two_tabs_never_pick_the_same_new_id() {
        let (a, _) = Library::open(MemoryStore::default()).unwrap();
        let mut shared = a.store().clone();
        let (mut b, _) = Library::open(shared.clone()).unwrap();
        let id_a = a.new_id();
        shared.set(&scenario_key(&id_a), EXAMPLE).unwrap();
        b.store = shared;
        assert_ne!(b.new_id(), id_a);
    }

    #[test]
    fn a_full_store_does_not_keep_the_library_from_opening_and_reload_keeps_state_on_failure() {
        let mut store = MemoryStore::default();
        store.set("thresh.v1.scenario.s9", EXAMPLE).unwrap();
        store.capacity = Some(EXAMPLE.len() + 30);
        let (mut lib, _) = Library::open(store).unwrap();
        assert_eq!(lib.entries().len(), 1);
        assert!(lib.reload().is_ok());
        assert_eq!(lib.entries().len(), 1);
    }

    #[test]
    fn own_writes_are_recognised() {
        let (mut lib, _) = Library::open(MemoryStore::default()).unwrap();
        lib.save("s1", "Q2", EXAMPLE).unwrap();
        assert!(lib.is_own_write("thresh.v1.scenario.s1", Some(EXAMPLE)));
        assert!(!lib.is_own_write("thresh.v1.scenario.s1", Some("other")));
        assert_eq!(
            Library::<MemoryStore>::scenario_id_of_key("thresh.v1.scenario.s1"),
            Some("s1")
        );
    }
}
