//! Spreadsheets out (`sharing-v1.md` §5): `rank --csv`, `plan --csv` and the accounts
//! view's CSV, read back with the sheet reader and compared with `rank --json` and
//! `plan --json`; the `;` + decimal comma variant; formula injection neutralised.

mod common;

use common::*;
use serde_json::Value;
use thresh::model::{Estimate, Request, Scenario};
use thresh::plan::{report::report, Budget};
use thresh::score::Origin;
use thresh::sheet::cells::{parse_number, DecimalSeparator};
use thresh::sheet::csv::{read_table, CsvStyle, Delimiter, Table};
use thresh::sheet::decode::decode;
use thresh::sheet::export::accounts_csv;
use thresh::Ranking;

fn field_service() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/field-service-q2.thresh.json"
    )
    .to_string()
}

fn example() -> Scenario {
    thresh::read::from_str(include_str!("../examples/field-service-q2.thresh.json")).unwrap()
}

/// The CSV's bytes: a UTF-8 BOM, CRLF after every row (and no bare LF outside quotes, so
/// none at all in these files).
#[track_caller]
fn spreadsheet_bytes(bytes: &[u8]) -> String {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a UTF-8 BOM first");
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "CRLF line ends"
    );
    text
}

fn cells(table: &Table<'_>) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
        .collect()
}

fn header(table: &Table<'_>) -> Vec<String> {
    table
        .header
        .cells
        .iter()
        .map(|c| c.text.to_string())
        .collect()
}

/// A JSON number or null as the CSV writes it: the number's text, or an empty cell.
fn as_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        v => v.to_string(),
    }
}

fn read(text: &str, delimiter: Delimiter) -> Table<'_> {
    let decoded = decode(text.as_bytes()).unwrap();
    assert!(decoded.bom);
    let text: &str = match decoded.text {
        std::borrow::Cow::Borrowed(t) => t,
        std::borrow::Cow::Owned(_) => unreachable!("UTF-8 is borrowed"),
    };
    let table = read_table(text, Some(delimiter)).unwrap();
    assert!(table.problems.is_empty(), "{}", table.problems);
    table
}

#[test]
fn rank_csv_reads_back_as_rank_json_says() {
    let file = field_service();
    let csv = run(&["rank", &file, "--csv"]);
    csv.expect_code(0);
    let text = spreadsheet_bytes(&csv.stdout_bytes);
    let json = run(&["rank", &file, "--json"]);
    json.expect_code(0);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    let ranking = doc["ranking"].as_array().unwrap();

    let s = example();
    let library = Ranking::new(&s).unwrap();
    let table = read(&text, Delimiter::Comma);
    let mut expected_header: Vec<String> =
        ["rank", "id", "title", "bucket", "status", "score", "value"]
            .map(String::from)
            .to_vec();
    expected_header.extend(s.model.criteria.iter().map(|c| c.label.clone()));
    expected_header.push("flags".into());
    assert_eq!(header(&table), expected_header);
    assert_eq!(table.rows.len(), ranking.len());
    let n = s.model.criteria.len();
    for (row, entry) in cells(&table).iter().zip(ranking) {
        assert_eq!(row[0], entry["rank"].to_string());
        assert_eq!(row[1], entry["id"].as_str().unwrap());
        assert_eq!(row[5], as_cell(&entry["score"]), "{}", row[1]);
        assert_eq!(row[6], as_cell(&entry["value"]), "{}", row[1]);
        let flags: Vec<&str> = entry["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(row[7 + n], flags.join(" "));
        let i = s.request_index(&row[1]).unwrap();
        let r = &s.requests[i];
        assert_eq!(row[2], r.title);
        assert_eq!(
            row[3],
            r.bucket.map_or("", |b| s.buckets[b].display_label())
        );
        assert_eq!(row[4], r.status().as_str());
        for (k, column) in library.table.columns.iter().enumerate() {
            let cell = &row[7 + k];
            if column.origin[i] == Origin::Filled {
                assert_eq!(cell, "", "{} {}", r.id, s.model.criteria[k].id);
            } else {
                let x = parse_number(cell, DecimalSeparator::Point).unwrap();
                assert_eq!(x, column.raw[i], "{} {}", r.id, s.model.criteria[k].id);
            }
        }
    }
    // A value the file gives is its raw value; a range's is its likely value.
    let fs102 = cells(&table)
        .into_iter()
        .find(|r| r[1] == "FS-102")
        .unwrap();
    let effort = s.model.criterion_index("effort").unwrap();
    let Some(Estimate::Range(range)) = s.requests[1].values.get(effort) else {
        panic!("FS-102's effort is a range")
    };
    assert_eq!(fs102[7 + effort], range.likely.to_string());
}

#[test]
fn archived_requests_are_not_listed_and_unscorable_ones_have_empty_scores() {
    let mut s = example();
    s.requests[0].status = Some(thresh::model::Status::Done);
    s.model.method = Some(thresh::model::Method::WeightedProduct);
    let fit = s.model.criterion_index("fit").unwrap();
    s.requests[1].values.set(fit, Estimate::Number(-1.0));
    let ranking = Ranking::new(&s).unwrap();
    let unscorable: Vec<&str> = ranking
        .scores
        .unscorable
        .iter()
        .map(|u| s.requests[u.request].id.as_str())
        .collect();
    assert!(unscorable.contains(&s.requests[1].id.as_str()));
    let text = ranking.to_csv(CsvStyle::default());
    let table = read(&text, Delimiter::Comma);
    let rows = cells(&table);
    assert_eq!(rows.len(), s.requests.len() - 1);
    assert!(rows.iter().all(|r| r[1] != s.requests[0].id));
    // Ranked last, without a score or a value.
    for (row, id) in rows[rows.len() - unscorable.len()..]
        .iter()
        .zip(&unscorable)
    {
        assert!(unscorable.contains(&row[1].as_str()), "{row:?} {id}");
        assert_eq!((row[5].as_str(), row[6].as_str()), ("", ""));
        assert!(row.last().unwrap().contains("unscorable"));
    }
}

#[test]
fn semicolons_and_decimal_commas_for_a_polish_or_russian_spreadsheet() {
    let file = field_service();
    let plain = run(&["rank", &file, "--csv"]);
    let local = run(&[
        "rank",
        &file,
        "--csv",
        "--delimiter",
        ";",
        "--decimal-comma",
    ]);
    local.expect_code(0);
    let plain_text = spreadsheet_bytes(&plain.stdout_bytes);
    let local_text = spreadsheet_bytes(&local.stdout_bytes);
    let a = read(&plain_text, Delimiter::Comma);
    let b = read(&local_text, Delimiter::Semicolon);
    assert_eq!(header(&a), header(&b));
    let mut decimals = 0;
    for (x, y) in cells(&a).iter().zip(&cells(&b)) {
        for (p, q) in x.iter().zip(y) {
            match parse_number(p, DecimalSeparator::Point) {
                Ok(n) if !p.contains(' ') => {
                    assert_eq!(parse_number(q, DecimalSeparator::Comma), Ok(n), "{p} / {q}");
                    decimals += usize::from(q.contains(','));
                    assert!(!q.contains('.'), "{q}");
                }
                _ => assert_eq!(p, q),
            }
        }
    }
    assert!(decimals > 10, "scores are written with a decimal comma");
    // A spreadsheet's tab-separated variant, from the plan.
    let tabs = run(&["plan", &file, "--csv", "--delimiter", "tab"]);
    tabs.expect_code(0);
    let text = spreadsheet_bytes(&tabs.stdout_bytes);
    assert!(text
        .lines()
        .next()
        .unwrap()
        .contains("id\ttitle\tbucket\tin plan"));
}

#[test]
fn text_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote() {
    let mut s = example();
    let hostile = [
        "=HYPERLINK(\"http://x\")",
        "+1 555",
        "-2 weeks",
        "@SUM(A1)",
        "\tx",
        "\rx",
    ];
    for (r, title) in s.requests.iter_mut().zip(hostile) {
        r.title = title.to_string();
    }
    s.buckets[0].label = Some("=cmd|' /C calc'!A0".into());
    let fit = s.model.criterion_index("fit").unwrap();
    s.model.criteria[fit].min = Some(-10.0);
    s.requests[6].values.set(fit, Estimate::Number(-2.0));
    let ranking = Ranking::new(&s).unwrap();
    let text = ranking.to_csv(CsvStyle::default());
    let table = read(&text, Delimiter::Comma);
    let rows = cells(&table);
    let title = |id: &str| rows.iter().find(|r| r[1] == id).unwrap()[2].clone();
    for (r, expected) in s.requests.iter().zip(hostile) {
        // (A carriage return inside a cell reads back as a line break.)
        assert_eq!(title(&r.id), format!("'{expected}").replace('\r', "\n"));
    }
    let bucket = &rows.iter().find(|r| r[1] == s.requests[0].id).unwrap()[3];
    assert_eq!(bucket, "'=cmd|' /C calc'!A0");
    // Numbers are numbers, negative ones too.
    let row = rows.iter().find(|r| r[1] == s.requests[6].id).unwrap();
    assert_eq!(row[7 + fit], "-2");
    // Through the command line too (its output is written byte for byte to a pipe).
    let dir = scratch("csv-out-formulas");
    let path = write_file(&dir, "hostile.json", thresh::write::to_string(&s));
    let r = run(&["rank", path.to_str().unwrap(), "--csv"]);
    r.expect_code(0);
    assert_eq!(r.stdout_bytes, text.as_bytes());
}

#[test]
fn plan_csv_says_what_is_in_the_plan_and_why_the_rest_is_left_out() {
    let file = field_service();
    let csv = run(&["plan", &file, "--csv"]);
    csv.expect_code(0);
    let text = spreadsheet_bytes(&csv.stdout_bytes);
    let json = run(&["plan", &file, "--json"]);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    let selected: Vec<&str> = doc["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let ranked: Value = serde_json::from_str(&run(&["rank", &file, "--json"]).stdout).unwrap();
    let ranked = ranked["ranking"].as_array().unwrap();

    let s = example();
    let table = read(&text, Delimiter::Comma);
    assert_eq!(
        header(&table),
        [
            "id",
            "title",
            "bucket",
            "in plan",
            "Effort (person-weeks)",
            "value",
            "why left out"
        ]
    );
    let rows = cells(&table);
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let rank_order: Vec<&str> = ranked.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, rank_order);
    let library = Ranking::new(&s).unwrap();
    let effort = s.capacity[0].criterion;
    let mut total = 0.0;
    for (row, entry) in rows.iter().zip(ranked) {
        let chosen = selected.contains(&row[0].as_str());
        assert_eq!(row[3], if chosen { "yes" } else { "no" });
        let i = s.request_index(&row[0]).unwrap();
        let need = parse_number(&row[4], DecimalSeparator::Point).unwrap();
        assert_eq!(need, library.table.columns[effort].raw[i]);
        assert_eq!(row[5], as_cell(&entry["value"]));
        assert_eq!(row[6].is_empty(), chosen, "{row:?}");
        if chosen {
            total += need;
        }
    }
    assert_eq!(total, doc["effort"]["effort"].as_f64().unwrap());
    assert!(
        rows.iter().any(|r| r[3] == "no"),
        "the example leaves something out"
    );

    // A drop says so.
    let dropped = selected[0];
    let r = run(&["plan", &file, "--csv", "--drop", dropped]);
    r.expect_code(0);
    let text = spreadsheet_bytes(&r.stdout_bytes);
    let rows = cells(&read(&text, Delimiter::Comma));
    let row = rows.iter().find(|r| r[0] == dropped).unwrap();
    assert_eq!(
        (row[3].as_str(), row[6].as_str()),
        ("no", "pinned as never")
    );
}

#[test]
fn why_left_out_below_the_cut_line_too() {
    let s = example();
    let ranking = Ranking::new(&s).unwrap();
    let plan = report(
        &s,
        &ranking.table,
        &ranking.scores,
        &[],
        &Budget::default(),
        None,
    )
    .unwrap();
    let text = plan.to_csv(
        &s,
        &ranking.table,
        &ranking.scores,
        &[],
        CsvStyle::default(),
    );
    let rows = cells(&read(&text, Delimiter::Comma));
    for row in rows.iter().filter(|r| r[3] == "no") {
        assert!(
            row[6].starts_with("needs ")
                || row[6].starts_with("bucket ")
                || row[6].starts_with("pinned")
                || row[6].starts_with("its value is 0")
                || row[6].starts_with("it fits"),
            "{row:?}"
        );
    }
    // The report's own reasons for the requests above the cut line are kept.
    for skipped in &plan.skipped {
        let row = rows.iter().find(|r| r[0] == skipped.id).unwrap();
        assert_eq!(row[6], skipped.reason);
    }
}

#[test]
fn the_accounts_view_as_csv() {
    let s = example();
    let ranking = Ranking::new(&s).unwrap();
    let plan = report(
        &s,
        &ranking.table,
        &ranking.scores,
        &[],
        &Budget::default(),
        None,
    )
    .unwrap();
    let style = CsvStyle {
        delimiter: Delimiter::Semicolon,
        decimal_comma: true,
    };
    let text = accounts_csv(
        &s,
        &ranking.table,
        Some(&ranking.scores),
        Some(&plan),
        style,
    );
    let table = read(&text, Delimiter::Semicolon);
    assert_eq!(
        header(&table),
        ["account", "ARR", "request", "title", "rank", "score", "in plan"]
    );
    let rows = cells(&table);
    // One row per account and request it asks for.
    let asks: usize = thresh::explain::accounts(&s, &ranking.table, Some(&ranking.scores))
        .iter()
        .map(|a| a.asks.len().max(1))
        .sum();
    assert_eq!(rows.len(), asks);
    let northgrid: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[0] == "Northgrid Utilities")
        .collect();
    assert!(northgrid.len() > 1);
    for row in &northgrid {
        assert_eq!(row[1], "840000");
        let i = s.request_index(&row[2]).unwrap();
        assert_eq!(row[3], s.requests[i].title);
        assert_eq!(row[4], ranking.scores.rank[i].to_string());
        assert_eq!(
            parse_number(&row[5], DecimalSeparator::Comma).unwrap(),
            ranking.scores.score[i]
        );
        let chosen = plan.selected_indices.contains(&i);
        assert_eq!(row[6], if chosen { "yes" } else { "no" });
    }
    // In rank order.
    let ranks: Vec<u32> = northgrid.iter().map(|r| r[4].parse().unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");

    // An account that asks for nothing still has its row; without a plan, `in plan` is
    // empty.
    let mut s = example();
    s.accounts.push(thresh::model::Account {
        id: "quiet".into(),
        name: Some("Quiet Co".into()),
        arr: Some(5.0),
        segment: None,
        strategic: None,
        extra: Default::default(),
    });
    let ranking = Ranking::new(&s).unwrap();
    let text = accounts_csv(
        &s,
        &ranking.table,
        Some(&ranking.scores),
        None,
        CsvStyle::default(),
    );
    let rows = cells(&read(&text, Delimiter::Comma));
    assert_eq!(
        rows.last().unwrap(),
        &["Quiet Co", "5", "", "", "", "", ""]
            .map(String::from)
            .to_vec()
    );
    assert!(rows.iter().all(|r| r[6].is_empty()));
}

#[test]
fn csv_options_go_together() {
    let file = field_service();
    for (args, says) in [
        (
            vec!["rank", file.as_str(), "--delimiter", ";"],
            "--delimiter and --decimal-comma go with --csv",
        ),
        (
            vec!["plan", file.as_str(), "--decimal-comma"],
            "--delimiter and --decimal-comma go with --csv",
        ),
        (
            vec!["rank", file.as_str(), "--csv", "--json"],
            "give --json or --csv, not both",
        ),
        (
            vec!["rank", file.as_str(), "--csv", "--delimiter", ":"],
            "--delimiter \":\"",
        ),
        (
            vec!["check", file.as_str(), "--csv"],
            "takes no such option",
        ),
    ] {
        let r = run(&args);
        r.expect_code(1);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn an_imported_backlog_goes_out_as_csv() {
    // Monday's backlog in, the ranking out: the Jira file through import-csv and rank --csv.
    let dir = scratch("csv-out-jira");
    let imported = run(&[
        "import-csv",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/csv/jira-backlog.csv"
        ),
    ]);
    imported.expect_code(0);
    let path = write_file(&dir, "backlog.thresh.json", &imported.stdout);
    let r = run(&["rank", path.to_str().unwrap(), "--csv"]);
    r.expect_code(0);
    let text = spreadsheet_bytes(&r.stdout_bytes);
    let table = read(&text, Delimiter::Comma);
    let s = thresh::read::from_str(&imported.stdout).unwrap();
    let archived = s
        .requests
        .iter()
        .filter(|r: &&Request| r.is_archived())
        .count();
    assert_eq!(table.rows.len(), s.requests.len() - archived);
}

/// The lines a `$ COMMAND` example in docs/cli.md shows as its output (up to the next
/// command or the end of the block; `…` lines skipped).
fn documented(command: &str) -> Vec<String> {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let start = docs
        .find(&format!("$ {command}\n"))
        .unwrap_or_else(|| panic!("docs/cli.md shows `{command}`"))
        + command.len()
        + 3;
    docs[start..]
        .lines()
        .take_while(|l| !l.starts_with("```") && !l.starts_with("$ "))
        .filter(|l| *l != "…")
        .map(String::from)
        .collect()
}

#[test]
fn the_csv_shown_in_docs_cli_md_is_the_programs_real_output() {
    for command in [
        "thresh rank examples/field-service-q2.thresh.json --csv",
        "thresh plan examples/field-service-q2.thresh.json --csv",
    ] {
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        let r = run_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &args);
        r.expect_code(0);
        let real = r
            .stdout
            .trim_start_matches('\u{feff}')
            .replace("\r\n", "\n");
        let real: Vec<&str> = real.lines().collect();
        let shown = documented(command);
        assert!(shown.len() >= 3, "{command}");
        for line in &shown {
            assert!(
                real.contains(&line.as_str()),
                "{command}: {line}\nnot in\n{real:#?}"
            );
        }
    }
}
