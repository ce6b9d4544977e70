//! Spreadsheets in (`sharing-v1.md` §4), end to end: the realistic exports of
//! `tests/data/csv/` (Jira, a feedback tool, Polish windows-1250, Russian windows-1251,
//! Excel's UTF-16), each result ranked and read back; `--into`; the command line's exit
//! codes; 10,000 rows; progress. The rules one by one are in `tests/import_csv.rs`.

mod common;
mod csv_helpers;

use common::{run_with_stdin, scratch, write_file};
use csv_helpers::*;
use thresh::date::Date;
use thresh::model::{Estimate, Scenario, Status};
use thresh::sheet::cells::DecimalSeparator;
use thresh::sheet::csv::{read_table, Delimiter};
use thresh::sheet::import::{import_bytes, import_text, Destination, Import};
use thresh::workbench::Workbench;
use thresh::{read, write, Ranking};

// ---------------------------------------------------------------------------------------
// The realistic exports, end to end

/// Ranks an imported scenario (every non-archived request ranked) and reads it back.
#[track_caller]
fn ranked(s: &Scenario) -> Ranking<'_> {
    reads_back(s);
    let ranking = Ranking::new(s).unwrap_or_else(|e| panic!("does not rank: {e}"));
    let archived = s.requests.iter().filter(|r| r.is_archived()).count();
    assert_eq!(ranking.scores.order.len(), s.requests.len() - archived);
    assert!(ranking.scores.unscorable.is_empty());
    ranking
}

#[test]
fn jira_export_into_a_new_scenario() {
    let import = import_bytes(&data("jira-export.csv"), None, &options(&[]), new()).unwrap();
    assert!(import.plan.problems.is_empty(), "{}", import.plan.problems);
    let s = import.scenario.clone().unwrap();
    assert_eq!(
        ids(&s),
        ["FSM-412", "FSM-415", "FSM-418", "FSM-421", "FSM-423", "FSM-430", "FSM-433"]
    );
    assert_eq!(
        warnings(&import),
        [
            "CSV:1: these columns have \"Issue id\", \"Issue Type\", \"Priority\", \"Created\" \
             no target and are ignored (--map HEADER=TARGET to use one)",
            "CSV:8:5 (header \"Status\"): \"In Review\" is not a status Thresh knows; it is \
             read as open",
        ]
    );
    let sso = request(&s, "FSM-421");
    assert_eq!(sso.title, "Single sign-on (OIDC)");
    assert_eq!(sso.tags, ["security", "enterprise", "sso"]);
    assert_eq!(sso.status, Some(Status::Done));
    assert_eq!(sso.deadline, Date::parse("2027-03-01"));
    assert_eq!(sso.bucket, None);
    assert_eq!(value(&s, "FSM-421", "cost"), Some(Estimate::Number(13.0)));
    let route = request(&s, "FSM-430");
    assert_eq!(route.title, "Route optimisation, phase 2");
    assert!(route
        .description
        .as_deref()
        .unwrap()
        .contains("\n\nOpen question"));
    assert_eq!(s.buckets[route.bucket.unwrap()].id, "fsm-310");
    let buckets: Vec<&str> = s.buckets.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(buckets, ["fsm-300", "fsm-310", "fsm-320"]);
    assert_eq!(value(&s, "FSM-433", "cost"), None);
    // The largest story points (21) set the cost scale: 25.
    let cost = &s.model.criteria[s.model.criterion_index("cost").unwrap()];
    assert_eq!(cost.max, Some(25.0));
    let ranking = ranked(&s);
    assert_eq!(ranking.archived_ids(), ["FSM-421", "FSM-423"]);
}

#[test]
fn a_whole_jira_backlog_of_150_issues_row_by_row() {
    let raw = data("jira-backlog.csv");
    let import = import_bytes(&raw, None, &options(&[]), new()).unwrap();
    assert!(import.plan.problems.is_empty(), "{}", import.plan.problems);
    let s = import.scenario.clone().unwrap();
    assert_eq!(s.requests.len(), 150);
    assert_eq!(import.plan.added.len(), 150);

    // Every row against the request it became, read independently with the text layer.
    let text = String::from_utf8(raw).unwrap();
    let table = read_table(&text, None).unwrap();
    let at = |name: &str| -> Vec<usize> {
        (0..table.header.cells.len())
            .filter(|&i| table.header_text(i) == name)
            .collect()
    };
    let col = |name: &str| at(name)[0];
    let mut unknown_status = 0;
    let mut customers = std::collections::BTreeSet::new();
    for row in &table.rows {
        let r = request(&s, row.text(col("Issue key")));
        assert_eq!(r.title, row.text(col("Summary")));
        let description = row.text(col("Description"));
        assert_eq!(r.description.as_deref(), Some(description));
        let tags: Vec<&str> = at("Labels")
            .into_iter()
            .map(|i| row.text(i))
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(r.tags, tags, "{}", r.id);
        let points = row.text(col("Custom field (Story Points)"));
        assert_eq!(
            value(&s, &r.id, "cost"),
            (!points.is_empty()).then(|| Estimate::Number(points.parse().unwrap())),
            "{}",
            r.id
        );
        let epic = row.text(col("Custom field (Epic Link)"));
        assert_eq!(
            r.bucket.map(|b| s.buckets[b].label.as_deref().unwrap()),
            (!epic.is_empty()).then_some(epic)
        );
        let due = row.text(col("Due date"));
        assert_eq!(r.deadline.is_some(), !due.is_empty(), "{}", r.id);
        let expected = match row.text(col("Status")) {
            "To Do" | "Backlog" => Status::Open,
            "Selected for Development" => Status::Planned,
            "In Progress" => Status::InProgress,
            "Done" => Status::Done,
            "Won't Do" => Status::Declined,
            _ => {
                unknown_status += 1;
                Status::Open
            }
        };
        assert_eq!(r.status, Some(expected), "{}", r.id);
        let named: Vec<&str> = at("Custom field (Customers)")
            .into_iter()
            .map(|i| row.text(i))
            .filter(|t| !t.is_empty())
            .collect();
        let asked: Vec<&str> = r
            .asks
            .iter()
            .map(|a| s.accounts[a.account.unwrap()].name.as_deref().unwrap())
            .collect();
        assert_eq!(asked, named, "{}", r.id);
        customers.extend(named);
    }
    assert!(unknown_status > 0);
    // One warning for the ignored columns, one per unknown status.
    assert_eq!(import.plan.warnings.len(), 1 + unknown_status);
    assert_eq!(s.accounts.len(), customers.len());
    assert_eq!(import.plan.accounts_created.len(), customers.len());
    let ranking = ranked(&s);
    assert!(ranking.scores.order.len() > 100);
}

/// The feedback tool writes one row per customer ask; `Northgrid Utilities, Inc.` holds
/// a comma, so it is one account only when the scenario already knows it.
#[test]
fn feedback_export_rows_with_one_id_add_up_their_asks() {
    let maps = options(&["Feature ID=id", "Insight source=source"]);
    let raw = data("feedback-export.csv");
    let import = import_bytes(&raw, None, &maps, new()).unwrap();
    let problems: Vec<String> = import
        .plan
        .problems
        .list
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [2, 6].map(|line| format!(
            "CSV:{line}:4 (header \"ARR\"): an ARR belongs to one account, and this row names \
             2: \"Northgrid Utilities\", \"Inc.\" (a name holding a comma or a semicolon is \
             split there)"
        ))
    );
    assert!(import.scenario.is_none());

    // Into a scenario that knows the account by its full name.
    let mut into = Workbench::empty("Feedback", today()).scenario().clone();
    into.accounts.push(thresh::model::Account {
        id: "northgrid".into(),
        name: Some("Northgrid Utilities, Inc.".into()),
        arr: Some(1_000_000.0),
        segment: None,
        strategic: Some(true),
        extra: Default::default(),
    });
    let import = import_bytes(&raw, None, &maps, Destination::Existing(&into)).unwrap();
    assert!(import.plan.problems.is_empty(), "{}", import.plan.problems);
    let s = import.scenario.clone().unwrap();
    assert_eq!(ids(&s), ["PB-1001", "PB-1002", "PB-1003"]);
    // Each row's customer is one ask and its votes one anonymous ask, from its source;
    // "0" votes add nothing.
    assert_eq!(
        asks(&s, "PB-1001"),
        [
            ("northgrid".into(), 1, "customer-success".into()),
            ("".into(), 3, "customer-success".into()),
            ("halvorsen-facility-services".into(), 1, "sales".into()),
            ("".into(), 1, "sales".into()),
            ("".into(), 12, "support".into()),
        ]
    );
    assert_eq!(
        asks(&s, "PB-1003"),
        [
            ("meridian-health-partners".into(), 1, "sales".into()),
            ("".into(), 5, "sales".into()),
            ("kestrel-water".into(), 1, "sales".into()),
        ]
    );
    let arr = |id: &str| s.accounts[s.account_index(id).unwrap()].arr;
    assert_eq!(arr("northgrid"), Some(1_250_000.0));
    assert_eq!(arr("kestrel-water"), Some(312_000.5));
    assert_eq!(import.plan.accounts_updated, ["northgrid"]);
    let sources: Vec<&str> = s.sources.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        sources,
        [
            "customer-success",
            "sales",
            "support",
            "key-account-managers"
        ]
    );
    // The same title on every row of an id: no warning but the ignored columns.
    assert_eq!(warnings(&import).len(), 1, "{:?}", warnings(&import));
    let ranking = ranked(&s);
    // Reach: PB-1001 has 2 accounts and 3 + 1 + 12 anonymous askers.
    let i = s.request_index("PB-1001").unwrap();
    assert_eq!(ranking.table.columns[0].raw[i], 18.0);
}

const POLISH_MAPS: [&str; 8] = [
    "Nr=id",
    "Tytuł=title",
    "Klient=account",
    "Roczny przychód=arr",
    "Koszt (osobodni)=values.cost",
    "Termin=deadline",
    "Pewność=confidence",
    "Etykiety=tags",
];

#[test]
fn polish_sheet_in_windows_1250_with_decimal_commas() {
    let raw = data("polish-backlog.csv");
    let e = import_bytes(&raw, None, &options(&POLISH_MAPS), new()).unwrap_err();
    assert!(
        e.to_string().contains("byte 0xB3 at line 1, column 8"),
        "{e}"
    );
    let import = import_bytes(&raw, Some("windows-1250"), &options(&POLISH_MAPS), new()).unwrap();
    // The file's one bad cell: 31 February.
    let problems: Vec<String> = import
        .plan
        .problems
        .list
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        ["CSV:7:6 (header \"Termin\"): \"31.02.2027\" is not a day of the calendar"]
    );
    assert!(import.scenario.is_none());
    assert_eq!(import.plan.encoding.as_deref(), Some("windows-1250"));
    assert_eq!(import.plan.delimiter, Some(Delimiter::Semicolon));

    // Fixed, the rest imports.
    let text = thresh::sheet::decode::decode_with_label(&raw, "windows-1250")
        .unwrap()
        .text
        .replace("31.02.2027", "28.02.2027");
    let (s, import) = ok_with(&text, &options(&POLISH_MAPS), new());
    assert_eq!(ids(&s), ["PL-1", "PL-2", "PL-3", "PL-4", "PL-5"]);
    assert_eq!(
        import.plan.decimal_reason().unwrap(),
        "a decimal comma: \"1 250 000,00 zł\" at line 2, column 4 (header \"Roczny przychód\") \
         shows it"
    );
    assert_eq!(value(&s, "PL-1", "cost"), Some(Estimate::Number(12.5)));
    assert_eq!(value(&s, "PL-3", "cost"), Some(Estimate::Number(3.25)));
    let confidence: Vec<Option<f64>> = s.requests.iter().map(|r| r.confidence).collect();
    assert_eq!(
        confidence,
        [Some(0.8), Some(0.75), Some(1.0), Some(0.5), None]
    );
    assert_eq!(request(&s, "PL-4").title, "Harmonogram; widok tygodniowy");
    assert_eq!(request(&s, "PL-4").tags, ["planowanie", "kalendarz"]);
    assert_eq!(request(&s, "PL-1").deadline, Date::parse("2027-06-30"));
    // PL-1 and PL-4 name one account with one ARR.
    let accounts: Vec<(&str, Option<f64>)> =
        s.accounts.iter().map(|a| (a.id.as_str(), a.arr)).collect();
    assert_eq!(
        accounts,
        [
            ("wodociągi-łódzkie-sp-z-o-o", Some(1_250_000.0)),
            (
                "przedsiębiorstwo-energetyczne-świętokrzyskie",
                Some(412_800.0)
            ),
            ("gdańskie-usługi-komunalne", Some(98_400.5)),
            ("zakład-gospodarki-ciepłowniczej-w-końskich", Some(64_000.0)),
        ]
    );
    assert_eq!(
        warnings(&import),
        [
            "CSV:3:7 (header \"Status\"): \"Otwarte\" is not a status Thresh knows; it is read \
          as open"
        ]
    );
    ranked(&s);
}

#[test]
fn russian_sheet_in_windows_1251() {
    let maps = options(&[
        "Название=title",
        "клиент=account",
        "выручка=arr",
        "ТРУДОЁМКОСТЬ=values.cost",
        "Срок=deadline",
        "Статус=status",
    ]);
    let import = import_bytes(&data("russian-backlog.csv"), Some("cp1251"), &maps, new()).unwrap();
    assert!(import.plan.problems.is_empty(), "{}", import.plan.problems);
    let s = import.scenario.clone().unwrap();
    assert_eq!(ids(&s), ["RU-1", "RU-2", "RU-3", "RU-4"]);
    assert_eq!(
        import.plan.decimal.as_ref().unwrap().separator,
        DecimalSeparator::Comma
    );
    let accounts: Vec<(&str, Option<f64>)> =
        s.accounts.iter().map(|a| (a.id.as_str(), a.arr)).collect();
    assert_eq!(
        accounts,
        [
            ("ооо-сибирская-энергия", Some(1_500_000.0)),
            ("ао-тёплый-дом", Some(2_300_000.5)),
            ("муп-водоканал", Some(780_000.0)),
            ("пао-ёлкинские-сети", Some(12_000_000.0)),
        ]
    );
    assert_eq!(request(&s, "RU-3").title, "Подпись клиента; планшет");
    assert_eq!(request(&s, "RU-3").status, Some(Status::Done));
    assert_eq!(value(&s, "RU-1", "cost"), Some(Estimate::Number(5.5)));
    assert_eq!(
        warnings(&import),
        [
            "CSV:5:7 (header \"Статус\"): \"Новая\" is not a status Thresh knows; it is read as \
          open"
        ]
    );
    // 12,000,000 of ARR behind RU-4: the ARR scale reaches 2e7 (rounded up from the data).
    let arr = &s.model.criteria[s.model.criterion_index("arr").unwrap()];
    assert_eq!(arr.max, Some(2e7));
    ranked(&s);
}

#[test]
fn excel_unicode_text_in_utf16() {
    let import = import_bytes(&data("excel-unicode.txt"), None, &options(&[]), new()).unwrap();
    assert!(import.plan.problems.is_empty(), "{}", import.plan.problems);
    assert_eq!(import.plan.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(import.plan.delimiter, Some(Delimiter::Tab));
    let s = import.scenario.clone().unwrap();
    assert_eq!(ids(&s), ["EX-1", "EX-2", "EX-3", "EX-4"]);
    assert_eq!(request(&s, "EX-3").title, "🚀 Launch checklist");
    assert_eq!(value(&s, "EX-4", "cost"), Some(Estimate::Number(0.25)));
    assert_eq!(request(&s, "EX-1").tags, ["mobile", "photos"]);
    let accounts: Vec<&str> = s.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        accounts,
        [
            "stadtwerke-müllheim-gmbh",
            "東京ガス株式会社",
            "αθήνα-ενέργεια-α-ε",
            "énergie-québec"
        ]
    );
    assert_eq!(import.plan.ignored(), ["Notes"]);
    ranked(&s);
}

// ---------------------------------------------------------------------------------------
// The command line

fn path(name: &str) -> String {
    format!("{}/tests/data/csv/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `thresh ARGS` with `SOURCE_DATE_EPOCH` set (so a new scenario's date is known).
fn thresh(args: &[&str]) -> common::Run {
    thresh_in(&std::env::temp_dir(), args)
}

fn thresh_in(dir: &std::path::Path, args: &[&str]) -> common::Run {
    let out = std::process::Command::new(common::BIN)
        .current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1803254400") // 2027-02-22 00:00 UTC
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the thresh binary runs");
    common::Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout_bytes: out.stdout,
    }
}

#[test]
fn cli_prints_the_scenario_in_canonical_form_and_warnings_on_standard_error() {
    let r = thresh(&["import-csv", &path("jira-export.csv")]);
    r.expect_code(0);
    let s = read::from_str(&r.stdout).unwrap();
    assert_eq!(write::to_string(&s), r.stdout, "canonical form");
    assert_eq!(s.name, "jira-export");
    assert_eq!(s.as_of, Date::parse("2027-02-22"));
    assert_eq!(s.requests.len(), 7);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert_eq!(
        lines[1],
        format!(
            "{}:8:5 (header \"Status\"): warning: \"In Review\" is not a status Thresh knows; \
             it is read as open",
            path("jira-export.csv")
        )
    );
    // The same through the library.
    let (again, _) = ok_with(
        &String::from_utf8(data("jira-export.csv")).unwrap(),
        &options(&[]),
        Destination::New {
            name: "jira-export",
            today: Date::parse("2027-02-22").unwrap(),
        },
    );
    assert_eq!(write::to_string(&again), r.stdout);
}

#[test]
fn cli_problems_go_to_standard_error_one_line_each_with_the_files_name_and_exit_2() {
    let dir = scratch("import-csv-problems");
    write_file(
        &dir,
        "backlog.csv",
        "Summary,Story Points,Confidence\nA,abc,80%\nB,3,150 %\nC,2,\n",
    );
    let r = thresh_in(&dir, &["import-csv", "backlog.csv"]);
    r.expect_code(2);
    assert!(r.stdout.is_empty());
    assert_eq!(
        r.stderr,
        "backlog.csv:2:2 (header \"Story Points\"): \"abc\" is not a number\n\
         backlog.csv:3:3 (header \"Confidence\"): \"150 %\" is not a confidence: it must be \
         from 0 to 1 (or 0 % to 100 %)\n"
    );
    // A --map naming no column: a problem of the whole file.
    let r = thresh_in(
        &dir,
        &["import-csv", "backlog.csv", "--map", "Owner=source"],
    );
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("backlog.csv: --map \"Owner\"=source: no column is headed \"Owner\""),
        "{}",
        r.stderr
    );
}

#[test]
fn cli_refuses_a_file_that_is_not_utf8_without_an_encoding_naming_the_first_bad_byte() {
    let file = path("polish-backlog.csv");
    let r = thresh(&["import-csv", &file]);
    r.expect_code(2);
    assert_eq!(
        r.stderr,
        format!(
            "{file}: the file is not UTF-8: byte 0xB3 at line 1, column 8 (offset 7) is not \
             UTF-8; name the file's encoding, for example --encoding windows-1250\n"
        )
    );
    let mut args = vec!["import-csv", &file, "--encoding", "windows-1250"];
    for map in POLISH_MAPS {
        args.extend(["--map", map]);
    }
    let r = thresh(&args);
    r.expect_code(2);
    assert!(
        r.stderr.contains(&format!(
            "{file}:7:6 (header \"Termin\"): \"31.02.2027\" is not a day of the calendar"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "{file}:3:7 (header \"Status\"): warning: \"Otwarte\""
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn cli_into_a_scenario_and_the_options() {
    let dir = scratch("import-csv-into");
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/field-service-q2.thresh.json"
    );
    write_file(
        &dir,
        "update.csv",
        "Key;Effort (person-weeks);Due;Customer;ARR\r\nFS-101;9,5;03/04/2027;Harbor Elevators;\"310 000\"\r\nNEW-1;2;;;\r\n",
    );
    let r = thresh_in(
        &dir,
        &[
            "import-csv",
            "update.csv",
            "--into",
            example,
            "--date-order",
            "dmy",
            "--delimiter",
            ";",
            "--decimal",
            ",",
        ],
    );
    r.expect_code(0);
    let s = read::from_str(&r.stdout).unwrap();
    assert_eq!(s.name, example_scenario().name);
    assert_eq!(value(&s, "FS-101", "effort"), Some(Estimate::Number(9.5)));
    assert_eq!(request(&s, "FS-101").deadline, Date::parse("2027-04-03"));
    assert_eq!(request(&s, "NEW-1").title, "");
    assert!(r.stderr.contains("no column maps to title"), "{}", r.stderr);
    // A --into that is not a scenario: exit 2, naming that file.
    write_file(&dir, "not.json", "{\"format\": \"x\"}");
    let r = thresh_in(&dir, &["import-csv", "update.csv", "--into", "not.json"]);
    r.expect_code(2);
    assert!(r.stderr.starts_with("not.json: "), "{}", r.stderr);
    // Standard input.
    let r = run_with_stdin(&["import-csv", "-"], b"title\nFrom a pipe\n");
    r.expect_code(0);
    let s = read::from_str(&r.stdout).unwrap();
    assert_eq!(s.requests[0].title, "From a pipe");
}

fn example_scenario() -> Scenario {
    example()
}

#[test]
fn cli_usage_mistakes_exit_1() {
    let file = path("jira-export.csv");
    for (args, says) in [
        (vec!["import-csv"], "import-csv needs a FILE"),
        (
            vec!["import-csv", &file, "--delimiter", "x"],
            "--delimiter \"x\"",
        ),
        (
            vec!["import-csv", &file, "--decimal", "x"],
            "--decimal \"x\": give , or .",
        ),
        (
            vec!["import-csv", &file, "--date-order", "ymd"],
            "give dmy or mdy",
        ),
        (
            vec!["import-csv", &file, "--encoding", "klingon"],
            "is not an encoding Thresh can read",
        ),
        (
            vec!["import-csv", &file, "--map"],
            "--map needs HEADER=TARGET",
        ),
        (vec!["import-csv", &file, "--json"], "takes no such option"),
        (
            vec!["import-csv", "-", "--into", "-"],
            "cannot both be read from standard input",
        ),
    ] {
        let r = thresh(&args);
        r.expect_code(1);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    let r = thresh(&["import-csv", "/no/such/file.csv"]);
    r.expect_code(1);
    assert!(r.stderr.contains("could not read"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------
// Size

#[test]
fn ten_thousand_rows_import_in_well_under_a_second() {
    let text = backlog::backlog_csv(10_000);
    let started = std::time::Instant::now();
    let import = import_text(&text, &options(&[]), new());
    let took = started.elapsed();
    assert!(import.plan.problems.is_empty(), "{}", import.plan.problems);
    let s = import.scenario.unwrap();
    assert_eq!(s.requests.len(), 3334);
    assert_eq!(s.accounts.len(), 997);
    assert_eq!(import.plan.rows, 10_000);
    // Natively optimised it takes about 0.1 s (`cargo bench --bench
    // import`); a debug build is several times slower, so the bound there only catches a
    // blow-up.
    let bound = if cfg!(debug_assertions) { 20.0 } else { 1.0 };
    assert!(took.as_secs_f64() < bound, "{took:?}");
    Ranking::new(&s).unwrap();
}

#[test]
fn a_name_too_long_for_an_id_is_cut_before_its_id_is_made() {
    let name = "İ".repeat(9_000);
    let (s, _) = ok(&format!("id,customer\nA,{name}\n"), &[]);
    assert_eq!(s.accounts[0].name.as_deref(), Some(name.as_str()));
    assert!(s.accounts[0].id.chars().count() <= 10_000);
}

#[test]
fn the_import_shown_in_docs_cli_md_is_the_programs_real_output() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let block = |command: &str| -> Vec<String> {
        let start = docs
            .find(&format!("$ {command}\n"))
            .unwrap_or_else(|| panic!("docs/cli.md shows `{command}`"))
            + command.len()
            + 3;
        docs[start..]
            .lines()
            .take_while(|l| !l.starts_with("```") && !l.starts_with("$ "))
            .map(String::from)
            .collect()
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch("import-csv-docs");
    let out = dir.join("backlog.thresh.json");
    let r = thresh_in(root, &["import-csv", "tests/data/csv/jira-export.csv"]);
    r.expect_code(0);
    std::fs::write(&out, &r.stdout).unwrap();
    assert_eq!(
        r.stderr.lines().collect::<Vec<_>>(),
        block(
            "SOURCE_DATE_EPOCH=1803254400 thresh import-csv tests/data/csv/jira-export.csv > \
             backlog.thresh.json"
        )
    );
    let ranked = thresh_in(root, &["rank", out.to_str().unwrap()]);
    assert_eq!(
        ranked.stdout.lines().map(str::trim_end).collect::<Vec<_>>(),
        block("thresh rank backlog.thresh.json")
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
    );
    let shown = block(
        "thresh import-csv tests/data/csv/feedback-export.csv --map \"Feature ID=id\" --map \
         \"Insight source=source\"",
    );
    let r = thresh_in(
        root,
        &[
            "import-csv",
            "tests/data/csv/feedback-export.csv",
            "--map",
            "Feature ID=id",
            "--map",
            "Insight source=source",
        ],
    );
    r.expect_code(2);
    assert_eq!(r.stderr.lines().collect::<Vec<_>>(), shown);
    let r = thresh_in(root, &["import-csv", "tests/data/csv/polish-backlog.csv"]);
    r.expect_code(2);
    assert_eq!(
        r.stderr.lines().collect::<Vec<_>>(),
        block("thresh import-csv tests/data/csv/polish-backlog.csv")
    );
}

#[test]
fn identical_asks_are_added_once_however_many_a_request_has() {
    // Past a few dozen asks the comparison goes through a set: the rule is the same.
    let mut csv = String::from("id,customer,votes,source\n");
    for round in 0..2 {
        for i in 0..100 {
            csv.push_str(&format!("F-1,Account {i},,Sales\n"));
            csv.push_str(&format!("F-1,,{},Support\n", 1 + i % 7));
        }
        csv.push_str(&format!("F-1,Account 0,,Support {round}\n"));
    }
    let (s, import) = ok(&csv, &[]);
    // 100 accounts, 7 distinct counts from Support, Account 0 from two more sources.
    assert_eq!(request(&s, "F-1").asks.len(), 100 + 7 + 2);
    assert_eq!(import.plan.asks_added, 109);
}

// ----- progress (the page's import of 100,000 rows shows it) -----

#[test]
fn progress_is_reported_cells_then_rows_then_the_check_and_the_import_is_the_same() {
    use thresh::sheet::import::{import_text_with_progress, ImportProgress, PROGRESS_ROWS};
    let rows = 2 * PROGRESS_ROWS + 17;
    let mut csv = String::from("id,title,story points\n");
    for i in 0..rows {
        csv.push_str(&format!("R-{i},Request {i},{}\n", i % 13 + 1));
    }
    let mut seen = Vec::new();
    let with = import_text_with_progress(&csv, &options(&[]), new(), &mut |p| seen.push(p));
    let total = rows;
    assert_eq!(
        seen,
        vec![
            ImportProgress::Cells,
            ImportProgress::Rows {
                done: PROGRESS_ROWS,
                total
            },
            ImportProgress::Rows {
                done: 2 * PROGRESS_ROWS,
                total
            },
            ImportProgress::Rows { done: total, total },
            ImportProgress::Check,
        ]
    );
    let without = import_text(&csv, &options(&[]), new());
    let text = |i: &Import| write::to_string(i.scenario.as_ref().expect("imports"));
    assert_eq!(text(&with), text(&without));

    // A file whose cells cannot be split stops before the rows: nothing more is reported.
    let mut seen = Vec::new();
    let bad = import_text_with_progress(
        "id,title\n\"R-1,never closed\n",
        &options(&[]),
        new(),
        &mut |p| seen.push(p),
    );
    assert!(bad.scenario.is_none());
    assert!(!seen.contains(&ImportProgress::Check), "{seen:?}");
}
