//! The core's speed against its floors, side by side in one run (issue "The layout to
//! grow on"): reading a 100,000-request file, preparing its table, and re-scoring it after
//! a weight change — each beside the simplest code that does the same work, so the ratio
//! is read in one run on a noisy machine. Also the memory a read takes, against the
//! file's size.
//!
//! Run: `cargo bench --bench floors` (part of `make bench`). The summary at the end prints
//! every ratio from criterion's estimates.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{BenchmarkId, Criterion};
use thresh::score::{Flags, Origin};
use thresh::{synthetic, Table};

/// Counts the bytes allocated now and at most, to measure a read's peak memory.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, size) };
        if !q.is_null() {
            if size > layout.size() {
                let now =
                    NOW.fetch_add(size - layout.size(), Ordering::Relaxed) + size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const N: usize = 100_000;

/// A floor for the reader: the same file deserialised by serde derive into plain structs
/// (no paths, no problems, unknown fields dropped).
mod typed {
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct File {
        pub name: String,
        pub model: serde_json::Value,
        #[serde(default)]
        pub accounts: Vec<serde_json::Value>,
        pub requests: Vec<Request>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Request {
        pub id: String,
        pub title: String,
        pub bucket: Option<String>,
        #[serde(default)]
        pub values: BTreeMap<String, f64>,
        #[serde(default)]
        pub asks: Vec<Ask>,
        pub deadline: Option<String>,
        pub confidence: Option<f64>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Ask {
        pub account: Option<String>,
        pub source: Option<String>,
        pub count: Option<u32>,
    }
}

#[path = "floors_floor.rs"]
mod floor;
use floor::{hand_written_outputs, hand_written_table};

#[path = "estimates.rs"]
mod estimates;

/// The second floor must derive what the table derives, or its time says nothing.
fn check_outputs_floor(scenario: &thresh::Scenario) {
    let table = Table::new(scenario);
    let floor = hand_written_outputs(scenario);
    for (k, col) in table.columns.iter().enumerate() {
        assert_eq!(col.raw, floor.raw[k], "raw values of criterion {k}");
        assert_eq!(col.utility, floor.utility[k], "utilities of criterion {k}");
        let given: Vec<bool> = col.origin.iter().map(|&o| o == Origin::Given).collect();
        assert_eq!(given, floor.given[k], "origins of criterion {k}");
    }
    let flags: Vec<u8> = table
        .flags
        .iter()
        .map(|f| {
            u8::from(f.contains(Flags::SINGLE_ACCOUNT))
                | u8::from(f.contains(Flags::OVERDUE)) << 1
                | u8::from(f.contains(Flags::INCOMPLETE)) << 2
        })
        .collect();
    assert_eq!(flags, floor.flags, "flags");
    assert_eq!(table.confidence, floor.confidence, "confidence");
    assert_eq!(table.archived, floor.archived, "archived");
    assert_eq!(table.id_positions(), floor.id_rank.as_slice(), "id order");
}

/// The floor for a re-score: a weighted sum of the utility columns and a sort.
fn weighted_sum_and_sort(columns: &[Vec<f64>], weights: &[f64]) -> Vec<u32> {
    let n = columns[0].len();
    let mut score = vec![0.0; n];
    for (col, &w) in columns.iter().zip(weights) {
        for (s, u) in score.iter_mut().zip(col) {
            *s += w * u;
        }
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by(|&a, &b| score[b as usize].total_cmp(&score[a as usize]));
    order
}

fn floors(c: &mut Criterion) {
    let scenario = synthetic::scenario(N, 42);
    let text = thresh::write::to_string(&scenario);

    let mut group = c.benchmark_group("read_100k");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("thresh", "read::from_str"), |b| {
        b.iter(|| {
            black_box(
                thresh::read::from_str(black_box(&text))
                    .unwrap()
                    .requests
                    .len(),
            )
        })
    });
    group.bench_function(BenchmarkId::new("floor", "serde_json::Value"), |b| {
        b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap()))
    });
    group.bench_function(BenchmarkId::new("floor", "serde derive"), |b| {
        b.iter(|| {
            black_box(
                serde_json::from_str::<typed::File>(black_box(&text))
                    .unwrap()
                    .requests
                    .len(),
            )
        })
    });
    group.finish();

    check_outputs_floor(&scenario);
    let mut group = c.benchmark_group("table_100k");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("thresh", "Table::new"), |b| {
        b.iter(|| black_box(Table::new(black_box(&scenario)).len()))
    });
    group.bench_function(BenchmarkId::new("floor", "hand-written pass"), |b| {
        b.iter(|| black_box(hand_written_table(black_box(&scenario)).len()))
    });
    group.bench_function(BenchmarkId::new("floor", "hand-written outputs"), |b| {
        b.iter(|| black_box(hand_written_outputs(black_box(&scenario)).id_rank.len()))
    });
    group.finish();

    let table = Table::new(&scenario);
    let utilities: Vec<Vec<f64>> = table.columns.iter().map(|c| c.utility.clone()).collect();
    let criteria = &scenario.model.criteria;
    let weight_sets = [[4.0, 1.0, 3.0, 2.0, 1.0], [1.0, 2.0, 0.5, 3.0, 4.0]];
    let mut group = c.benchmark_group("rescore_100k");
    group.sample_size(20);
    let mut flip = 0;
    group.bench_function(BenchmarkId::new("thresh", "Table::score"), |b| {
        b.iter(|| {
            flip ^= 1;
            black_box(
                table
                    .score(criteria, black_box(&weight_sets[flip]))
                    .unwrap()
                    .order[0],
            )
        })
    });
    group.bench_function(BenchmarkId::new("floor", "weighted sum + sort"), |b| {
        b.iter(|| {
            flip ^= 1;
            black_box(weighted_sum_and_sort(&utilities, black_box(&weight_sets[flip]))[0])
        })
    });
    group.finish();
}

/// Peak memory of one read, beside the file's size.
fn memory() -> (usize, usize) {
    let text = thresh::write::to_string(&synthetic::scenario(N, 42));
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let s = thresh::read::from_str(&text).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - base;
    drop(s);
    (text.len(), peak)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    floors(&mut c);
    c.final_summary();

    println!("\nratios (median, this run)");
    let rows = [
        (
            "read_100k",
            ("thresh", "read::from_str"),
            ("floor", "serde_json::Value"),
        ),
        (
            "read_100k",
            ("thresh", "read::from_str"),
            ("floor", "serde derive"),
        ),
        (
            "table_100k",
            ("thresh", "Table::new"),
            ("floor", "hand-written pass"),
        ),
        (
            "table_100k",
            ("thresh", "Table::new"),
            ("floor", "hand-written outputs"),
        ),
        (
            "rescore_100k",
            ("thresh", "Table::score"),
            ("floor", "weighted sum + sort"),
        ),
    ];
    for (group, (f, p), (ff, fp)) in rows {
        match (
            estimates::median(&[group, f, p]),
            estimates::median(&[group, ff, fp]),
        ) {
            (Some(a), Some(b)) => println!(
                "  {group:<14} {p:<18} {:>9.1} ms   {fp:<20} {:>9.1} ms   ratio {:.2}",
                a / 1e6,
                b / 1e6,
                a / b
            ),
            _ => println!("  {group}: no estimate (run without a filter)"),
        }
    }
    let (file, peak) = memory();
    println!(
        "  memory: reading a {:.1} MB file peaks at {:.1} MB allocated ({:.2}× the file)",
        file as f64 / 1e6,
        peak as f64 / 1e6,
        peak as f64 / file as f64
    );
}
