//! CSV import speed (sharing-v1 §4): 10,000 rows of a feedback-tool export — several
//! rows per request, a customer and its ARR, votes, story points, a deadline, a status,
//! an epic, tags, a confidence and a description per row — into a new scenario, beside
//! its floor: tokenizing the same text with `sheet::csv::read_table` alone (what any
//! import must do before it can map a row). A third line is the write and read of the
//! resulting scenario that the import does to prove it reads back.
//!
//! Goal: well under a second natively. Run: `cargo bench --bench import`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use thresh::date::Date;
use thresh::sheet::csv::read_table;
use thresh::sheet::import::{import_text, Destination, ImportOptions};

const ROWS: usize = 10_000;

#[path = "../tests/csv_helpers/backlog.rs"]
mod backlog;
use backlog::backlog_csv as backlog;

fn import(c: &mut Criterion) {
    let text = backlog(ROWS);
    let today = Date::parse("2027-03-01").unwrap();
    let destination = || Destination::New {
        name: "Bench",
        today,
    };
    let options = ImportOptions::default();
    let done = import_text(&text, &options, destination());
    assert!(done.plan.problems.is_empty(), "{}", done.plan.problems);
    let scenario = done.scenario.expect("imported");
    assert_eq!(scenario.requests.len(), ROWS.div_ceil(3));

    let mut group = c.benchmark_group("import_10000_rows");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("floor_read_table", |b| {
        b.iter(|| black_box(read_table(black_box(&text), None).unwrap().rows.len()))
    });
    group.bench_function("import_text", |b| {
        b.iter(|| {
            let import = import_text(black_box(&text), &options, destination());
            black_box(import.scenario.map(|s| s.requests.len()))
        })
    });
    group.bench_function("of_which_write_and_read_back", |b| {
        b.iter(|| {
            let text = thresh::write::to_string(black_box(&scenario));
            black_box(thresh::read::from_str(&text).unwrap().requests.len())
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
