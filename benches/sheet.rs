//! CSV tokenizing speed: 10,000 rows × 12 columns, beside a floor.
//!
//! Goal (§4 import): a few milliseconds natively. The `csv` crate is not a dependency, so
//! the floor is the least any tokenizer must do — a plain `str::split` over lines and
//! delimiters of the same (unquoted) text, trimming each cell — and the two lines of
//! output read as a ratio in one run. A third line tokenizes a file in which every
//! title is quoted and holds the delimiter (no floor: `split` cannot read it).
//!
//! Run: `cargo bench --bench sheet`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use thresh::sheet::csv::{read_table, Delimiter};

const ROWS: usize = 10_000;
const HEADER: &str =
    "id,title,account,arr,votes,cost,deadline,status,bucket,tags,confidence,description";

fn row(i: usize, quoted_title: bool) -> String {
    let title = if quoted_title {
        format!("\"Feature {i}, phase {}\"", i % 3)
    } else {
        format!("Feature {i} phase {}", i % 3)
    };
    format!(
        "FS-{i},{title},Account {},{}.50,{},{},2027-{:02}-{:02},open,core,mobile,0.{},\
         Plain description of request number {i}\r\n",
        i % 97,
        1000 + i * 7,
        i % 13,
        1 + i % 21,
        1 + i % 12,
        1 + i % 28,
        i % 10
    )
}

fn file(quoted_titles: bool) -> String {
    let mut text = format!("{HEADER}\r\n");
    for i in 0..ROWS {
        text.push_str(&row(i, quoted_titles));
    }
    text
}

/// The floor: split into lines and cells, trim, count (what any reader must touch).
fn split_floor(text: &str) -> usize {
    text.split("\r\n")
        .filter(|line| !line.is_empty())
        .map(|line| {
            line.split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .count()
        })
        .sum()
}

fn tokenize(c: &mut Criterion) {
    let plain = file(false);
    let quoted = file(true);
    // Same text, same cells: the floor and the tokenizer do comparable work.
    let table = read_table(&plain, None).unwrap();
    assert_eq!(table.delimiter, Delimiter::Comma);
    assert_eq!(table.rows.len(), ROWS);
    assert_eq!(split_floor(&plain), (ROWS + 1) * 12);

    let mut group = c.benchmark_group("csv_10000x12");
    group.sample_size(50);
    group.throughput(Throughput::Bytes(plain.len() as u64));
    group.bench_function("floor_str_split", |b| {
        b.iter(|| black_box(split_floor(black_box(&plain))))
    });
    group.bench_function("read_table", |b| {
        b.iter(|| black_box(read_table(black_box(&plain), None).unwrap().rows.len()))
    });
    group.bench_function("read_table_quoted_titles", |b| {
        b.iter(|| black_box(read_table(black_box(&quoted), None).unwrap().rows.len()))
    });
    group.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
