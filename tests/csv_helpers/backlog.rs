//! The large CSV the import is timed on, shared by a test and a benchmark.

/// A backlog export as a feedback tool writes it: `rows` rows, three per request, 997
/// accounts (the 10,000-row import of `tests/import_csv_files.rs` and `benches/import.rs`).
pub fn backlog_csv(rows: usize) -> String {
    let mut text = String::from(
        "id,title,customer,arr,votes,story points,deadline,status,epic,tags,confidence,description\r\n",
    );
    for i in 0..rows {
        let request = i / 3;
        text.push_str(&format!(
            "FS-{request},\"Feature {request}, phase {}\",Account {},{}.50,{},{},2027-{:02}-{:02},{},\
             Epic {},\"mobile, sync\",0.{},Plain description of request {request}\r\n",
            request % 3,
            i % 997,
            1000 + (i % 997) * 7,
            i % 13,
            1 + request % 21,
            1 + request % 12,
            1 + request % 28,
            ["open", "to do", "in progress", "done"][request % 4],
            request % 9,
            1 + request % 9,
        ));
    }
    text
}
