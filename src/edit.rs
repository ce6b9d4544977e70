//! The changes a PM makes to an open scenario, typed: which field, which list, which item.
//!
//! The page sends an item as the file writes it (one JSON object, read with the file's own
//! rules by [`read::item_in`](crate::read::item_in)); everything else is a value of the
//! right type. [`Workbench::apply`](crate::workbench::Workbench::apply) applies an edit and
//! keeps the scenario valid: an edit that would leave it unreadable is refused with every
//! problem, and changes nothing.

use crate::date::Date;
use crate::model::*;

/// The lists of a scenario that are edited item by item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Criteria,
    Sources,
    Accounts,
    Buckets,
    Capacity,
    Requests,
}

impl List {
    pub const ALL: [List; 6] = [
        List::Criteria,
        List::Sources,
        List::Accounts,
        List::Buckets,
        List::Capacity,
        List::Requests,
    ];

    /// The list's place in the file, as paths write it.
    pub fn path(self) -> &'static str {
        match self {
            List::Criteria => "model.criteria",
            List::Sources => "sources",
            List::Accounts => "accounts",
            List::Buckets => "buckets",
            List::Capacity => "capacity",
            List::Requests => "requests",
        }
    }

    pub fn parse(path: &str) -> Option<List> {
        List::ALL.into_iter().find(|l| l.path() == path)
    }

    /// How many items the list has.
    pub fn len(self, s: &Scenario) -> usize {
        match self {
            List::Criteria => s.model.criteria.len(),
            List::Sources => s.sources.len(),
            List::Accounts => s.accounts.len(),
            List::Buckets => s.buckets.len(),
            List::Capacity => s.capacity.len(),
            List::Requests => s.requests.len(),
        }
    }

    /// The id of item `i` (a capacity entry has none: "").
    pub fn id_at(self, s: &Scenario, i: usize) -> &str {
        match self {
            List::Criteria => &s.model.criteria[i].id,
            List::Sources => &s.sources[i].id,
            List::Accounts => &s.accounts[i].id,
            List::Buckets => &s.buckets[i].id,
            List::Requests => &s.requests[i].id,
            List::Capacity => "",
        }
    }

    /// The path of item `index` (a single capacity entry written as an object is
    /// `capacity`).
    pub fn item_path(self, s: &Scenario, index: usize) -> String {
        if self == List::Capacity && !s.capacity_is_list && s.capacity.len() <= 1 && index == 0 {
            "capacity".into()
        } else {
            format!("{}[{index}]", self.path())
        }
    }
}

/// One item of a list.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Criterion(Criterion),
    Source(Source),
    Account(Account),
    Bucket(Bucket),
    Capacity(CapacityEntry),
    Request(Request),
}

impl Item {
    pub fn list(&self) -> List {
        match self {
            Item::Criterion(_) => List::Criteria,
            Item::Source(_) => List::Sources,
            Item::Account(_) => List::Accounts,
            Item::Bucket(_) => List::Buckets,
            Item::Capacity(_) => List::Capacity,
            Item::Request(_) => List::Requests,
        }
    }
}

/// A change to the open scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Name(String),
    AsOf(Option<Date>),
    /// The currency ARR is shown in (an ISO 4217 code); `None` removes it.
    Currency(Option<String>),
    Method(Option<Method>),
    UseConfidence(Option<bool>),
    /// Replaces item `index` of the item's list, or appends it when `index` is the
    /// list's length.
    Put(usize, Item),
    /// Removes an item. A criterion takes its values and capacity entries with it; an
    /// account, source or bucket that something still refers to is refused, with the
    /// places that refer to it.
    Remove(List, usize),
    /// Pins a request in or out of the plan, or unpins it.
    Pin(usize, Option<Pin>),
}
