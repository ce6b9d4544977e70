//! The tokenizer's cost, checked without a clock: it makes one allocation per row (the
//! row's list of cells), none per cell, whatever the machine's speed. This is what
//! keeps 10,000 rows × 12 columns in a few milliseconds (`cargo bench --bench sheet`
//! measures it, beside a plain `str::split` of the same text).
//!
//! The count is per thread, so the test harness's own allocations do not disturb it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use thresh::sheet::csv::{read_table, Delimiter};

struct CountingAllocator;

thread_local! {
    // `const`: no lazy initialisation, so the allocator never allocates to count.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn allocations_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    (result, ALLOCATIONS.with(Cell::get) - before)
}

/// 10,000 rows × 12 columns as a backlog export looks: ids, titles (some quoted with the
/// delimiter inside), numbers, dates, names.
fn backlog(rows: usize) -> String {
    let mut text = String::from(
        "id,title,account,arr,votes,cost,deadline,status,bucket,tags,confidence,description\r\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "FS-{i},\"Feature {i}, phase {}\",Account {},{}.50,{},{},2027-{:02}-{:02},open,\
             core,\"mobile, sync\",0.{},Plain description of request {i}\r\n",
            i % 3,
            i % 97,
            1000 + i * 7,
            i % 13,
            1 + i % 21,
            1 + i % 12,
            1 + i % 28,
            i % 10
        ));
    }
    text
}

#[test]
fn tokenizing_allocates_once_per_row_not_per_cell() {
    const ROWS: usize = 10_000;
    let text = backlog(ROWS);
    let (table, allocations) = allocations_during(|| read_table(&text, None).unwrap());
    assert_eq!(table.delimiter, Delimiter::Comma);
    assert_eq!(table.rows.len(), ROWS);
    assert!(table.rows.iter().all(|r| r.cells.len() == 12));
    assert!(table.problems.is_empty(), "{}", table.problems);
    // One per row, plus the header and the list of rows growing by doubling (~15).
    assert!(
        allocations <= ROWS + 64,
        "{allocations} allocations for {ROWS} rows of 12 cells"
    );
}

#[test]
fn only_cells_that_change_when_unquoted_are_copied() {
    // `""` and a CRLF inside quotes change the text, so those cells are copied: a
    // string and at most one growth of it each, not one allocation per character.
    let mut text = String::from("a,b\n");
    for _ in 0..1000 {
        text.push_str("\"say \"\"hi\"\"\",\"two\r\nlines\"\n");
    }
    let (table, allocations) = allocations_during(|| read_table(&text, None).unwrap());
    assert_eq!(table.rows.len(), 1000);
    assert_eq!(table.rows[0].text(0), "say \"hi\"");
    assert!(
        allocations <= 1000 * (1 + 2 * 2) + 64,
        "{allocations} allocations"
    );
}
