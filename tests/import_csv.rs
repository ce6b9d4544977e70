//! Spreadsheets in (`sharing-v1.md` §4): rows into a scenario, rule by rule with small
//! inline CSVs. The realistic exports of `tests/data/csv/`, the command line and size are
//! in `tests/import_csv_files.rs`.

mod csv_helpers;

use csv_helpers::*;
use thresh::date::Date;
use thresh::model::{Estimate, Pin, Status};
use thresh::sheet::cells::{DateOrder, DecidedBy, DecimalSeparator};
use thresh::sheet::csv::Delimiter;
use thresh::sheet::import::{import_bytes, import_text, target_names, Destination, ImportOptions};
use thresh::Ranking;

// ---------------------------------------------------------------------------------------
// The default model, the header and the columns

#[test]
fn a_new_scenario_has_the_default_model_and_the_rows() {
    let (s, import) = ok(
        "id,title,description,effort,fit,deadline\n\
         A-1,  Offline mode  ,Works in basements,5,8,2027-06-30\n\
         A-2,Bulk reassign,,3,,\n",
        &[],
    );
    let criteria: Vec<&str> = s.model.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        criteria,
        ["reach", "arr", "strategic", "urgency", "cost", "fit"]
    );
    assert_eq!(s.name, "Imported");
    assert_eq!(s.as_of, Some(today()));
    assert_eq!(ids(&s), ["A-1", "A-2"]);
    let a1 = request(&s, "A-1");
    // Text cells are trimmed.
    assert_eq!(a1.title, "Offline mode");
    assert_eq!(a1.description.as_deref(), Some("Works in basements"));
    assert_eq!(a1.deadline, Date::parse("2027-06-30"));
    assert_eq!(value(&s, "A-1", "cost"), Some(Estimate::Number(5.0)));
    assert_eq!(value(&s, "A-1", "fit"), Some(Estimate::Number(8.0)));
    // Empty cells mean "no value".
    let a2 = request(&s, "A-2");
    assert_eq!(a2.description, None);
    assert_eq!(value(&s, "A-2", "fit"), None);
    assert_eq!(a2.deadline, None);

    let plan = &import.plan;
    assert_eq!(plan.added, ["A-1", "A-2"]);
    assert!(plan.updated.is_empty());
    assert_eq!(plan.rows, 2);
    let targets: Vec<String> = plan
        .columns
        .iter()
        .map(|c| c.target.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(
        targets,
        [
            "id",
            "title",
            "description",
            "values.cost",
            "values.fit",
            "deadline"
        ]
    );
    assert_eq!(plan.delimiter, Some(Delimiter::Comma));
    assert!(plan.delimiter_guessed);
    assert_eq!(plan.encoding, None);
    assert!(warnings(&import).is_empty(), "{:?}", warnings(&import));
    Ranking::new(&s).unwrap();
}

#[test]
fn the_header_is_the_first_non_empty_line_and_empty_rows_are_skipped() {
    let (s, import) = ok(
        "\n\n\"Summary\";\"Story Points\"\r\n;\r\nFirst;3\r\n\r\n;;\r\nSecond;5\r\n",
        &[],
    );
    assert_eq!(import.plan.header_line, 3);
    assert_eq!(import.plan.delimiter, Some(Delimiter::Semicolon));
    assert_eq!(import.plan.rows, 2);
    let titles: Vec<&str> = s.requests.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["First", "Second"]);
    assert_eq!(ids(&s), ["R-1", "R-2"]);
}

#[test]
fn quoted_cells_hold_delimiters_quotes_and_line_breaks() {
    let (s, _) = ok(
        "id,title,description\r\nQ-1,\"Export, then import\",\"Line one\r\nline \"\"two\"\"\"\r\n",
        &[],
    );
    let q = request(&s, "Q-1");
    assert_eq!(q.title, "Export, then import");
    assert_eq!(q.description.as_deref(), Some("Line one\nline \"two\""));
}

#[test]
fn a_column_that_maps_to_nothing_is_named_in_one_warning() {
    let (_, import) = ok("id,title,Priority,Reporter\nA,a,High,Ann\n", &[]);
    assert_eq!(
        warnings(&import),
        [
            "CSV:1: these columns have \"Priority\", \"Reporter\" no target and are ignored \
          (--map HEADER=TARGET to use one)"
        ]
    );
    assert_eq!(import.plan.ignored(), ["Priority", "Reporter"]);
}

#[test]
fn a_criterion_that_derives_its_value_is_never_guessed() {
    // Reach, ARR-behind-the-asks and Urgency are derived in the default model: a column
    // headed with their id or label is someone's number, not the model's.
    let (s, import) = ok("id,title,Reach,Urgency,urgency,cost\nA,a,100,9,9,2\n", &[]);
    assert_eq!(value(&s, "A", "reach"), None);
    assert_eq!(value(&s, "A", "urgency"), None);
    assert_eq!(value(&s, "A", "cost"), Some(Estimate::Number(2.0)));
    assert_eq!(import.plan.ignored(), ["Reach", "Urgency", "urgency"]);
    // A --map may still name it: a value given overrides the derived one.
    let (s, _) = ok("id,title,Reach\nA,a,7\n", &["Reach=values.reach"]);
    assert_eq!(value(&s, "A", "reach"), Some(Estimate::Number(7.0)));
}

#[test]
fn the_table_wins_over_criterion_labels_and_effort_words_name_the_first_cost_criterion() {
    for header in [
        "effort",
        "Estimate",
        "story points",
        " Size ",
        "job size",
        "cost",
        "Cost",
    ] {
        let (s, _) = ok(&format!("id,{header}\nA,4\n"), &[]);
        assert_eq!(
            value(&s, "A", "cost"),
            Some(Estimate::Number(4.0)),
            "{header}"
        );
    }
    // "Portfolio fit" is the label of fit.
    let (s, _) = ok("id,Portfolio Fit\nA,9\n", &[]);
    assert_eq!(value(&s, "A", "fit"), Some(Estimate::Number(9.0)));
}

#[test]
fn target_names_list_every_target_of_the_scenario() {
    let names = target_names(&example());
    for name in [
        "id",
        "title",
        "tags",
        "account",
        "arr",
        "count",
        "ignore",
        "values.effort",
        "values.effort.low",
        "values.fit.high",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
}

// ---------------------------------------------------------------------------------------
// --map

#[test]
fn a_map_names_a_column_by_its_header_in_any_case() {
    let (s, import) = ok(
        "Nr;Tytuł;Koszt (osobodni)\nPL-1;Zgłoszenia;12,5\n",
        &["nr=id", "TYTUŁ=title", "koszt (osobodni) = values.cost"],
    );
    assert_eq!(request(&s, "PL-1").title, "Zgłoszenia");
    assert_eq!(value(&s, "PL-1", "cost"), Some(Estimate::Number(12.5)));
    assert!(import.plan.columns.iter().all(|c| c.mapped));
}

#[test]
fn a_map_naming_no_column_or_an_unknown_criterion_is_a_problem() {
    assert_eq!(
        problems("id,title\nA,a\n", &["Owner=source"]),
        ["CSV: --map \"Owner\"=source: no column is headed \"Owner\""]
    );
    assert_eq!(
        problems("id,title,Risk\nA,a,3\n", &["Risk=values.risk"]),
        [
            "CSV: --map \"Risk=values.risk\": \"values.risk\" names no criterion of the model \
          (its criteria: reach, arr, strategic, urgency, cost, fit)"
        ]
    );
    let p = problems("id,title\nA,a\n", &["title"]);
    assert!(p[0].contains("needs the form HEADER=TARGET"), "{p:?}");
    let p = problems("id,title\nA,a\n", &["title=name"]);
    assert!(p[0].contains("is not a target"), "{p:?}");
}

#[test]
fn two_columns_on_one_target_are_a_problem_except_tags_account_and_ignore() {
    assert_eq!(
        problems("id,Summary,Title\nA,a,b\n", &[]),
        [
            "CSV:1:3 (header \"Title\"): \"Summary\" (column 2) and \"Title\" (column 3) both \
          map to title; map one of them to ignore with --map"
        ]
    );
    // Mapping one of them away settles it.
    let (s, _) = ok("id,Summary,Title\nA,a,b\n", &["Title=ignore"]);
    assert_eq!(request(&s, "A").title, "a");
    // Jira repeats Labels; several columns may name accounts.
    let (s, _) = ok(
        "id,Labels,Labels,Labels,Customer,Company\nA,mobile,offline,,Acme,Globex\n",
        &[],
    );
    assert_eq!(request(&s, "A").tags, ["mobile", "offline"]);
    assert_eq!(asks(&s, "A").len(), 2);
}

// ---------------------------------------------------------------------------------------
// Rows with one id; ids

#[test]
fn rows_with_the_same_id_are_one_request_whose_asks_add_up() {
    let (s, import) = ok(
        "id,title,customer,arr,votes,source\n\
         F-1,Offline mode,Acme,1000,,Sales\n\
         F-1,Offline mode,Globex,2000,,Support\n\
         F-1,Offline mode,,,12,Support\n\
         F-2,SSO,Acme,1000,,Sales\n",
        &[],
    );
    assert_eq!(ids(&s), ["F-1", "F-2"]);
    assert_eq!(
        asks(&s, "F-1"),
        [
            ("acme".into(), 1, "sales".into()),
            ("globex".into(), 1, "support".into()),
            ("".into(), 12, "support".into())
        ]
    );
    assert_eq!(import.plan.added, ["F-1", "F-2"]);
    assert_eq!(import.plan.asks_added, 4);
    assert!(warnings(&import).is_empty(), "{:?}", warnings(&import));
    // The asks count: reach (asks-count) of F-1 is 1 + 1 + 12.
    let ranking = Ranking::new(&s).unwrap();
    let f1 = s.request_index("F-1").unwrap();
    assert_eq!(ranking.table.columns[0].raw[f1], 14.0);
}

#[test]
fn rows_that_disagree_on_a_field_keep_the_last_rows_value_with_a_warning() {
    let (s, import) = ok(
        "id,title,cost,status,tags\n\
         F-1,Offline mode,5,open,mobile\n\
         F-1,Offline mode (v2),,,\n\
         F-1,Offline mode (v2),8,done,mobile\n",
        &[],
    );
    let f = request(&s, "F-1");
    assert_eq!(f.title, "Offline mode (v2)");
    assert_eq!(value(&s, "F-1", "cost"), Some(Estimate::Number(8.0)));
    assert_eq!(f.status, Some(Status::Done));
    assert_eq!(
        warnings(&import),
        [
            "CSV:3:2 (header \"title\"): F-1: rows with this id disagree on its title: \
             \"Offline mode\" before, \"Offline mode (v2)\" here; the last row's is kept",
            "CSV:4:3 (header \"cost\"): F-1: rows with this id disagree on its value of cost: \
             5 before, 8 here; the last row's is kept",
            "CSV:4:4 (header \"status\"): F-1: rows with this id disagree on its status: open \
             before, done here; the last row's is kept",
        ]
    );
}

#[test]
fn without_an_id_column_ids_continue_after_the_highest_r_n() {
    let (s, _) = ok("title\nFirst\nSecond\n", &[]);
    assert_eq!(ids(&s), ["R-1", "R-2"]);
    // Into a scenario with R-7 and R-03 (the page writes R-03): R-8 comes next.
    let mut into = example();
    into.requests[0].id = "R-7".into();
    into.requests[1].id = "R-03".into();
    into.requests[2].id = "R-x".into();
    let (s, import) = ok_with(
        "title\nThird\nFourth\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    assert_eq!(import.plan.added, ["R-8", "R-9"]);
    assert_eq!(request(&s, "R-8").title, "Third");
}

#[test]
fn a_row_with_an_empty_id_cell_gets_a_new_id_that_no_later_row_names() {
    let (s, import) = ok("id,title\n,First\nR-4,Fourth\n,Second\n", &[]);
    assert_eq!(ids(&s), ["R-5", "R-4", "R-6"]);
    assert_eq!(
        warnings(&import),
        ["CSV:2: this row and 1 more have no id, so they were given new ones (R-n)"]
    );
}

// ---------------------------------------------------------------------------------------
// --into

#[test]
fn into_a_scenario_rows_update_the_fields_they_give_and_values_merge_by_criterion() {
    let into = example();
    let before = request(&into, "FS-102").clone();
    let (s, import) = ok_with(
        "id,title,effort.ignored,Effort (person-weeks),deadline,notes\n\
         FS-102,,x,14,2027-09-30,kept out\n\
         FS-900,Brand-new,y,3,,\n",
        &ImportOptions {
            maps: vec!["effort.ignored=ignore".into(), "notes=ignore".into()],
            ..ImportOptions::default()
        },
        Destination::Existing(&into),
    );
    assert_eq!(import.plan.updated, ["FS-102"]);
    assert_eq!(import.plan.added, ["FS-900"]);
    let after = request(&s, "FS-102");
    // The title cell is empty: the title stays. Effort is replaced, fit kept.
    assert_eq!(after.title, before.title);
    assert_eq!(value(&s, "FS-102", "effort"), Some(Estimate::Number(14.0)));
    assert_eq!(value(&s, "FS-102", "fit"), value(&into, "FS-102", "fit"));
    assert_eq!(after.deadline, Date::parse("2027-09-30"));
    assert_eq!(after.asks, before.asks);
    assert_eq!(after.bucket, before.bucket);
    // Everything else in the scenario is as it was.
    assert_eq!(s.model, into.model);
    assert_eq!(s.accounts, into.accounts);
    assert_eq!(s.requests.len(), into.requests.len() + 1);
    for r in &into.requests {
        if r.id != "FS-102" {
            assert_eq!(request(&s, &r.id), r);
        }
    }
    Ranking::new(&s).unwrap();
}

#[test]
fn a_range_merges_in_place_of_a_number_and_the_other_way_round() {
    let into = example();
    let (s, _) = ok_with(
        "id,values.effort.low,values.effort.likely,values.effort.high,values.fit\n\
         FS-101,6,9,15,\n\
         FS-102,,10,,7\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    let Some(Estimate::Range(r)) = value(&s, "FS-101", "effort") else {
        panic!("a range")
    };
    assert_eq!((r.low, r.likely, r.high), (6.0, 9.0, 15.0));
    assert_eq!(value(&s, "FS-102", "effort"), Some(Estimate::Number(10.0)));
    assert_eq!(value(&s, "FS-102", "fit"), Some(Estimate::Number(7.0)));
}

#[test]
fn an_ask_identical_to_one_the_request_has_is_not_added_again() {
    let into = example();
    // FS-101 has northgrid by key-account, alpine by sales, 23 tickets.
    let (s, import) = ok_with(
        "id,account,source,tickets\n\
         FS-101,Northgrid Utilities,Key-account managers,\n\
         FS-101,northgrid,sales,\n\
         FS-101,,tickets,23\n\
         FS-101,,tickets,5\n\
         FS-101,harbor,,\n\
         FS-101,Harbor Elevators,,\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    let added: Vec<(String, u32, String)> =
        asks(&s, "FS-101")[asks(&into, "FS-101").len()..].to_vec();
    assert_eq!(
        added,
        [
            ("northgrid".into(), 1, "sales".into()),
            ("".into(), 5, "tickets".into()),
            ("harbor".into(), 1, "".into()),
        ]
    );
    assert_eq!(import.plan.asks_added, 3);
    assert!(import.plan.accounts_created.is_empty());
    assert!(import.plan.sources_created.is_empty());
}

// ---------------------------------------------------------------------------------------
// Accounts, buckets, sources

#[test]
fn accounts_are_matched_by_id_or_name_and_created_with_ids_made_from_their_names() {
    let into = example();
    let (s, import) = ok_with(
        "id,title,customers\n\
         N-1,a,\"  METRO TRANSIT AUTHORITY ; alpine\"\n\
         N-2,b,\"Łódź Energia, Inc.; Northgrid\"\n\
         N-3,c,łódź energia\n\
         N-4,d,Harbor!\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    assert_eq!(
        asks(&s, "N-1"),
        [
            ("metro-transit".into(), 1, "".into()),
            ("alpine".into(), 1, "".into())
        ]
    );
    let created: Vec<(&str, &str)> = import
        .plan
        .accounts_created
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    // "Harbor!" is not "harbor" (the id) nor "Harbor Elevators": a new account, whose
    // id from its name collides with harbor's.
    assert_eq!(
        created,
        [
            ("łódź-energia", "Łódź Energia"),
            ("inc", "Inc."),
            ("harbor-2", "Harbor!")
        ]
    );
    assert_eq!(
        asks(&s, "N-2"),
        [
            ("łódź-energia".into(), 1, "".into()),
            ("inc".into(), 1, "".into()),
            ("northgrid".into(), 1, "".into())
        ]
    );
    // Matched case-insensitively by the name this file gave it.
    assert_eq!(asks(&s, "N-3"), [("łódź-energia".into(), 1, "".into())]);
    let account = &s.accounts[s.account_index("łódź-energia").unwrap()];
    assert_eq!(account.name.as_deref(), Some("Łódź Energia"));
    assert_eq!(account.arr, None);
}

#[test]
fn a_cell_whose_whole_text_is_a_known_account_is_not_split() {
    let mut into = example();
    into.accounts[0].name = Some("Northgrid Utilities, Inc.".into());
    let (s, import) = ok_with(
        "id,customer,arr\nX-1,\"Northgrid Utilities, Inc.\",900000\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    assert_eq!(asks(&s, "X-1"), [("northgrid".into(), 1, "".into())]);
    assert_eq!(s.accounts[0].arr, Some(900_000.0));
    assert_eq!(import.plan.accounts_updated, ["northgrid"]);
}

#[test]
fn buckets_and_sources_are_matched_by_id_or_label_and_created_when_new() {
    let into = example();
    let (s, import) = ok_with(
        "id,title,epic,team,votes\n\
         B-1,a,new revenue,INSIDE SALES,3\n\
         B-2,b,Growth,success,1\n\
         B-3,c,Moonshots,Partner channel,2\n\
         B-4,d,moonshots,partner channel,1\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    let bucket = |id: &str| {
        let r = request(&s, id);
        s.buckets[r.bucket.unwrap()].id.as_str()
    };
    assert_eq!(
        [bucket("B-1"), bucket("B-2"), bucket("B-3"), bucket("B-4")],
        ["growth", "growth", "moonshots", "moonshots"]
    );
    assert_eq!(asks(&s, "B-1"), [("".into(), 3, "sales".into())]);
    assert_eq!(asks(&s, "B-2"), [("".into(), 1, "success".into())]);
    assert_eq!(asks(&s, "B-4"), [("".into(), 1, "partner-channel".into())]);
    let created = |list: &[thresh::sheet::import::Created]| -> Vec<(String, String)> {
        list.iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    };
    assert_eq!(
        created(&import.plan.buckets_created),
        [("moonshots".to_string(), "Moonshots".to_string())]
    );
    assert_eq!(
        created(&import.plan.sources_created),
        [("partner-channel".to_string(), "Partner channel".to_string())]
    );
    let source = &s.sources[s.source_index("partner-channel").unwrap()];
    assert_eq!(source.credibility, None);
    let bucket = &s.buckets[s.bucket_index("moonshots").unwrap()];
    assert_eq!((bucket.min_share, bucket.max_share), (None, None));
}

#[test]
fn new_ids_are_slugs_of_any_script_numbered_on_a_collision() {
    let (s, _) = ok(
        "id,bucket,customer\n\
         A,Nowe przychody!,東京ガス株式会社\n\
         B,nowe-przychody,***\n\
         C,Nowe — przychody,Стройка\n",
        &[],
    );
    let buckets: Vec<(&str, &str)> = s
        .buckets
        .iter()
        .map(|b| (b.id.as_str(), b.label.as_deref().unwrap()))
        .collect();
    // "nowe-przychody" is the first bucket's id; "Nowe — przychody" is new and its slug
    // collides.
    assert_eq!(
        buckets,
        [
            ("nowe-przychody", "Nowe przychody!"),
            ("nowe-przychody-2", "Nowe — przychody")
        ]
    );
    let accounts: Vec<&str> = s.accounts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(accounts, ["東京ガス株式会社", "item", "стройка"]);
}

#[test]
fn arr_sets_the_rows_account_and_needs_exactly_one() {
    let (s, import) = ok(
        "id,customer,arr\nA,Acme,\"$1,200,000\"\nB,Acme,\nC,Globex,0\n",
        &[],
    );
    let arr: Vec<Option<f64>> = s.accounts.iter().map(|a| a.arr).collect();
    assert_eq!(arr, [Some(1_200_000.0), Some(0.0)]);
    assert!(import.plan.accounts_updated.is_empty());
    assert_eq!(
        problems("id,customer,arr\nA,,1000\nB,\"Acme; Globex\",2000\n", &[]),
        [
            "CSV:2:3 (header \"arr\"): an ARR belongs to one account, and this row names none \
             (a name holding a comma or a semicolon is split there)",
            "CSV:3:3 (header \"arr\"): an ARR belongs to one account, and this row names 2: \
             \"Acme\", \"Globex\" (a name holding a comma or a semicolon is split there)",
        ]
    );
}

#[test]
fn rows_disagreeing_on_an_accounts_arr_the_last_wins_with_a_warning() {
    let (s, import) = ok(
        "id,title,customer,arr\nA,a,Acme,1000\nB,b,acme,1000\nC,c,ACME,1500.5\n",
        &[],
    );
    assert_eq!(s.accounts.len(), 1);
    assert_eq!(s.accounts[0].arr, Some(1500.5));
    assert_eq!(
        warnings(&import),
        [
            "CSV:4:4 (header \"arr\"): rows disagree on the ARR of \"Acme\" (acme): 1000 at \
          line 3, 1500.5 here; the last row's is kept"
        ]
    );
    // Into a scenario, the file's ARR replaces the account's, and the plan says so.
    let into = example();
    let (s, import) = ok_with(
        "id,customer,arr\nFS-101,Harbor Elevators,333000\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    assert_eq!(
        s.accounts[s.account_index("harbor").unwrap()].arr,
        Some(333_000.0)
    );
    assert_eq!(import.plan.accounts_updated, ["harbor"]);
    assert!(warnings(&import).is_empty());
}

#[test]
fn a_count_of_one_or_more_is_one_anonymous_ask_and_zero_adds_nothing() {
    let (s, import) = ok(
        "id,votes,channel\nA,3,Support\nB,0,Support\nC,,Support\nD,1,\n",
        &[],
    );
    assert_eq!(asks(&s, "A"), [("".into(), 3, "support".into())]);
    assert!(asks(&s, "B").is_empty());
    assert!(asks(&s, "C").is_empty());
    assert_eq!(asks(&s, "D"), [("".into(), 1, "".into())]);
    assert_eq!(request(&s, "D").asks[0].count, Some(1));
    // A source only relayed asks is created.
    assert_eq!(import.plan.sources_created.len(), 1);
    assert_eq!(
        problems("id,votes\nA,1.5\nB,-2\nC,many\n", &[]),
        [
            "CSV:2:2 (header \"votes\"): \"1.5\" is not a count: it must be a whole number from 0",
            "CSV:3:2 (header \"votes\"): \"-2\" is not a count: it must be a whole number from 0",
            "CSV:4:2 (header \"votes\"): \"many\" is not a number",
        ]
    );
}

#[test]
fn an_account_and_a_count_on_one_row_make_two_asks_with_the_rows_source() {
    let (s, _) = ok("id,customer,tickets,source\nA,Acme,4,Support\n", &[]);
    assert_eq!(
        asks(&s, "A"),
        [
            ("acme".into(), 1, "support".into()),
            ("".into(), 4, "support".into())
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Cells

#[test]
fn ranges_come_from_low_likely_and_high_together() {
    let (s, _) = ok(
        "id,values.cost.low,values.cost.likely,values.cost.high\nA,2,3,8\nB,,5,\nC,,,\n",
        &[],
    );
    let Some(Estimate::Range(r)) = value(&s, "A", "cost") else {
        panic!("a range")
    };
    assert_eq!((r.low, r.likely, r.high), (2.0, 3.0, 8.0));
    assert_eq!(value(&s, "B", "cost"), Some(Estimate::Number(5.0)));
    assert_eq!(value(&s, "C", "cost"), None);
    // Mapped by hand from a PM's own headers.
    let (s, _) = ok(
        "id,best,likely,worst\nA,1,2,4\n",
        &[
            "best=values.cost.low",
            "likely=values.cost.likely",
            "worst=values.cost.high",
        ],
    );
    assert!(matches!(value(&s, "A", "cost"), Some(Estimate::Range(_))));
    assert_eq!(
        problems(
            "id,values.cost.low,values.cost.likely,values.cost.high,cost\nA,2,,8,\nB,5,3,8,\nC,,,,\nD,1,2,3,2\n",
            &[]
        ),
        [
            "CSV:2:2 (header \"values.cost.low\"): a range needs low, likely and high: \
             values.cost.likely is empty",
            "CSV:3:2 (header \"values.cost.low\"): values.cost must have low ≤ likely ≤ high, \
             found low 5, likely 3, high 8",
            "CSV:5:5 (header \"cost\"): values.cost and its range points are both given; give \
             one or the other",
        ]
    );
}

#[test]
fn status_words_and_an_unknown_one_read_as_open_with_a_warning() {
    let (s, import) = ok(
        "id,status\nA,To Do\nB,Selected for Development\nC,IN PROGRESS\nD,Shipped\nE,Won’t Do\nF,In Review\nG,\n",
        &[],
    );
    let statuses: Vec<Option<Status>> = s.requests.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Open),
            Some(Status::Planned),
            Some(Status::InProgress),
            Some(Status::Done),
            Some(Status::Declined),
            Some(Status::Open),
            None
        ]
    );
    assert_eq!(
        warnings(&import),
        [
            "CSV:7:2 (header \"status\"): \"In Review\" is not a status Thresh knows; it is \
             read as open",
            "CSV: no column maps to title, so the new requests have none (--map HEADER=title \
             to name one)"
        ]
    );
    // Archived requests stay in the file and are not ranked.
    let ranking = Ranking::new(&s).unwrap();
    assert_eq!(ranking.archived_ids(), ["D", "E"]);
}

#[test]
fn plan_cells_are_must_never_or_empty() {
    let (s, _) = ok("id,plan\nA, MUST \nB,never\nC,\n", &["plan=plan"]);
    let pins: Vec<Option<Pin>> = s.requests.iter().map(|r| r.plan).collect();
    assert_eq!(pins, [Some(Pin::Must), Some(Pin::Never), None]);
    assert_eq!(
        problems("id,Pin\nA,Q3\n", &["Pin=plan"]),
        [
            "CSV:2:2 (header \"Pin\"): \"Q3\" is not a plan pin: write must, never or leave it \
          empty"
        ]
    );
}

#[test]
fn tags_and_accounts_cells_hold_several_names() {
    let (s, _) = ok(
        "id,tags,labels\nA,\"mobile, offline; sync\",sync\nB,,\n",
        &[],
    );
    assert_eq!(request(&s, "A").tags, ["mobile", "offline", "sync"]);
    assert!(request(&s, "B").tags.is_empty());
}

#[test]
fn deadlines_in_every_form_and_a_b_yyyy_only_with_a_date_order() {
    let (s, _) = ok(
        "id,due date\nA,2027-06-30\nB,30.06.2027\nC,30/Jun/27 5:00 PM\nD,2027-06-30T09:00:00Z\n",
        &[],
    );
    for r in &s.requests {
        assert_eq!(r.deadline, Date::parse("2027-06-30"), "{}", r.id);
    }
    let csv = "id,deadline\nA,03/04/2027\nB,25/12/2027\n";
    assert_eq!(
        problems(csv, &[]),
        [
            "CSV:2:2 (header \"deadline\"): \"03/04/2027\" could be read day first or month \
             first: give --date-order dmy or --date-order mdy",
            "CSV:3:2 (header \"deadline\"): \"25/12/2027\" could be read day first or month \
             first: give --date-order dmy or --date-order mdy",
        ]
    );
    let dmy = ImportOptions {
        date_order: Some(DateOrder::Dmy),
        ..ImportOptions::default()
    };
    let (s, _) = ok_with(csv, &dmy, new());
    assert_eq!(request(&s, "A").deadline, Date::parse("2027-04-03"));
    assert_eq!(request(&s, "B").deadline, Date::parse("2027-12-25"));
    let mdy = ImportOptions {
        date_order: Some(DateOrder::Mdy),
        ..ImportOptions::default()
    };
    assert_eq!(
        problems_with(csv, &mdy, new()),
        ["CSV:3:2 (header \"deadline\"): \"25/12/2027\" is not a day of the calendar"]
    );
    assert_eq!(
        problems("id,deadline\nA,next week\n", &[]),
        [
            "CSV:2:2 (header \"deadline\"): \"next week\" is not a date (write YYYY-MM-DD, \
          DD.MM.YYYY or dd/Mon/yy)"
        ]
    );
}

#[test]
fn confidence_from_0_to_1_or_a_percentage() {
    let (s, _) = ok("id,confidence\nA,80%\nB,75 %\nC,0.5\nD,1\n", &[]);
    let c: Vec<Option<f64>> = s.requests.iter().map(|r| r.confidence).collect();
    assert_eq!(c, [Some(0.8), Some(0.75), Some(0.5), Some(1.0)]);
    assert_eq!(
        problems("id,confidence\nA,150 %\nB,1.2\n", &[]),
        [
            "CSV:2:2 (header \"confidence\"): \"150 %\" is not a confidence: it must be from 0 \
             to 1 (or 0 % to 100 %)",
            "CSV:3:2 (header \"confidence\"): \"1.2\" is not a confidence: it must be from 0 \
             to 1 (or 0 % to 100 %)",
        ]
    );
}

#[test]
fn values_out_of_their_range_are_problems() {
    // The first cost criterion, a negative ARR.
    assert_eq!(
        problems("id,customer,arr,cost,fit\nA,Acme,-5,-1,-3\n", &[]),
        [
            "CSV:2:3 (header \"arr\"): \"-5\" is negative; it must be 0 or more",
            "CSV:2:4 (header \"cost\"): \"-1\" is negative; it must be 0 or more",
        ]
    );
    // A capacity's criterion (effort in the example); a criterion under log.
    let mut into = example();
    into.model.criteria[4].transform = Some(thresh::model::Transform::Log);
    assert_eq!(
        problems_with(
            "id,effort,fit,values.effort.low,values.effort.likely,values.effort.high\n\
             FS-101,-2,-1,,,\nFS-102,,,-1,2,3\n",
            &options(&["effort=values.effort"]),
            Destination::Existing(&into),
        ),
        [
            "CSV:2:2 (header \"effort\"): \"-2\" is negative; it must be 0 or more",
            "CSV:2:3 (header \"fit\"): \"-1\" is negative; it must be 0 or more",
            "CSV:3:4 (header \"values.effort.low\"): \"-1\" is negative; it must be 0 or more",
        ]
    );
    // A benefit on a linear scale may be negative.
    let (s, _) = ok("id,fit\nA,-2\n", &[]);
    assert_eq!(value(&s, "A", "fit"), Some(Estimate::Number(-2.0)));
}

#[test]
fn every_cell_that_cannot_be_read_is_a_problem_at_its_line_and_column_and_nothing_is_written() {
    let csv = "Summary,Story Points,Due date\n\
               \"Multi\nline\",abc,2027-01-01\n\
               Fine,3,\n\
               Bad again,1.2.3,soon\n";
    assert_eq!(
        problems(csv, &[]),
        [
            // The row begins on line 2 (its title spans two lines).
            "CSV:2:2 (header \"Story Points\"): \"abc\" is not a number",
            "CSV:5:2 (header \"Story Points\"): \"1.2.3\" is not a number (a number has one \
             decimal separator)",
            "CSV:5:3 (header \"Due date\"): \"soon\" is not a date (write YYYY-MM-DD, \
             DD.MM.YYYY or dd/Mon/yy)",
        ]
    );
}

#[test]
fn problems_past_a_hundred_are_counted_not_listed() {
    let mut csv = String::from("id,cost\n");
    for i in 0..150 {
        csv.push_str(&format!("A-{i},x{i}\n"));
    }
    let import = import_text(&csv, &options(&[]), new());
    assert!(import.scenario.is_none());
    assert_eq!(import.plan.problems.list.len(), 100);
    assert_eq!(import.plan.problems.len(), 150);
    assert!(
        import
            .plan
            .to_value()
            .get("more_problems")
            .unwrap()
            .as_f64()
            == Some(50.0)
    );
}

#[test]
fn malformed_quoting_is_a_problem() {
    let p = problems("id,title\nA,\"unclosed\nB,b\n", &[]);
    assert!(p[0].starts_with("CSV:2:2"), "{p:?}");
    let p = problems("id,title\nA,a,extra\n", &[]);
    assert!(p[0].contains("the header has 2 columns"), "{p:?}");
    assert_eq!(
        problems("\n\n", &[]),
        ["CSV: the file has no header line: it is empty or holds only empty lines"]
    );
}

// ---------------------------------------------------------------------------------------
// Numbers and the decimal separator

#[test]
fn one_decimal_separator_per_file_decided_by_the_numbers_or_the_delimiter() {
    // A comma with two digits after it.
    let (s, import) = ok("id;cost;arr;customer\nA;1,5;1.250.000;X\nB;3;;\n", &[]);
    assert_eq!(value(&s, "A", "cost"), Some(Estimate::Number(1.5)));
    assert_eq!(s.accounts[0].arr, Some(1_250_000.0));
    let choice = import.plan.decimal.clone().unwrap();
    assert_eq!(choice.separator, DecimalSeparator::Comma);
    assert_eq!(
        choice.decided_by,
        DecidedBy::Cell {
            line: 2,
            column: 2,
            text: "1,5".into()
        }
    );
    assert_eq!(
        import.plan.decimal_reason().unwrap(),
        "a decimal comma: \"1,5\" at line 2, column 2 (header \"cost\") shows it"
    );
    // Only groups of three: the delimiter decides (`;` means a comma, `,` a point).
    let (s, import) = ok("id;cost\nA;1.500\n", &[]);
    assert_eq!(value(&s, "A", "cost"), Some(Estimate::Number(1500.0)));
    assert_eq!(
        import.plan.decimal_reason().unwrap(),
        "a decimal comma: no number in the file shows its decimal separator, and the \
         delimiter is a semicolon (what spreadsheets write where the decimal separator is a \
         comma)"
    );
    let (s, _) = ok("id,cost\nA,\"1,500\"\n", &[]);
    assert_eq!(value(&s, "A", "cost"), Some(Estimate::Number(1500.0)));
    // --decimal decides whatever the cells show.
    let given = ImportOptions {
        decimal: Some(DecimalSeparator::Comma),
        ..ImportOptions::default()
    };
    let (s, import) = ok_with("id,cost\nA,\"1,500\"\n", &given, new());
    assert_eq!(value(&s, "A", "cost"), Some(Estimate::Number(1.5)));
    assert_eq!(
        import.plan.decimal_reason().unwrap(),
        "a decimal comma, as given"
    );
    // Both uses in one file: refused, naming a cell of each.
    assert_eq!(
        problems("id;cost;arr;customer\nA;1,5;;\nB;2.25;;\n", &[]),
        [
            "CSV:3:2 (header \"cost\"): \"2.25\" has a decimal point but \"1,5\" at 2:2 (header \
          \"cost\") has a decimal comma; a file has one decimal separator: give --decimal , or \
          --decimal ."
        ]
    );
    // Currencies and spaces grouping thousands.
    let (s, _) = ok(
        "id;customer;arr\nA;X;1 250 000,00 zł\nB;Y;2\u{a0}300\u{a0}000,50 руб.\nC;Z;EUR 5,5\n",
        &[],
    );
    let arr: Vec<f64> = s.accounts.iter().map(|a| a.arr.unwrap()).collect();
    assert_eq!(arr, [1_250_000.0, 2_300_000.5, 5.5]);
}

// ---------------------------------------------------------------------------------------
// A new scenario's scales

#[test]
fn a_new_scenarios_fixed_scales_take_their_bounds_from_the_data() {
    let (s, _) = ok(
        "id,customer,arr,story points\nA,Acme,3200000,40\nB,Globex,10,1\n",
        &[],
    );
    let max = |id: &str| s.model.criteria[s.model.criterion_index(id).unwrap()].max;
    assert_eq!(max("arr"), Some(5e6));
    assert_eq!(max("cost"), Some(50.0));
    assert_eq!(max("reach"), Some(1.0));
    // Without data the default bounds stay.
    let (s, _) = ok("id,title\nA,a\n", &[]);
    let max = |id: &str| s.model.criteria[s.model.criterion_index(id).unwrap()].max;
    assert_eq!(
        (max("arr"), max("cost"), max("reach")),
        (Some(1e6), Some(20.0), Some(20.0))
    );
    // Into a scenario the model is the user's: untouched.
    let into = example();
    let (s, _) = ok_with(
        "id,effort\nFS-101,400\n",
        &options(&[]),
        Destination::Existing(&into),
    );
    assert_eq!(s.model, into.model);
}

// ---------------------------------------------------------------------------------------
// The plan for the page

#[test]
fn the_plan_for_the_page_has_every_part() {
    let import = import_text(
        "Key;Summary;Customer;ARR;Story Points;Owner\nK-1;One;Acme;1 000,50;3;Ann\nK-2;Two;Globex;;5;Bob\n",
        &options(&[]),
        new(),
    );
    let v = import.plan.to_value();
    let get = |k: &str| v.get(k).unwrap_or_else(|| panic!("{k}")).clone();
    assert_eq!(get("delimiter").as_str(), Some(";"));
    assert_eq!(get("rows").as_f64(), Some(2.0));
    let columns = get("columns");
    let columns = columns.as_array().unwrap();
    assert_eq!(columns.len(), 6);
    assert_eq!(columns[2].get("target").unwrap().as_str(), Some("account"));
    assert_eq!(columns[5].get("target").unwrap().to_compact(), "null");
    assert_eq!(
        get("decimal").get("why").unwrap().as_str(),
        Some("a decimal comma: \"1 000,50\" at line 2, column 4 (header \"ARR\") shows it")
    );
    assert_eq!(get("added").to_compact(), r#"["K-1","K-2"]"#);
    assert_eq!(
        get("accounts_created").to_compact(),
        r#"[{"id":"acme","name":"Acme"},{"id":"globex","name":"Globex"}]"#
    );
    assert_eq!(get("ignored").to_compact(), r#"["Owner"]"#);
    assert_eq!(get("preview").as_array().unwrap().len(), 2);
    assert_eq!(
        get("summary").as_str(),
        Some("2 rows, 2 requests added, 0 updated, 2 asks added, 2 accounts created")
    );
    assert_eq!(get("problems").to_compact(), "[]");
    assert_eq!(get("warnings").as_array().unwrap().len(), 1);
}

#[test]
fn the_plan_is_made_even_when_there_are_problems() {
    let import = import_text(
        "id,cost,Owner\nA,abc,Ann\n",
        &options(&["Nope=title"]),
        new(),
    );
    assert!(import.scenario.is_none());
    assert_eq!(import.plan.columns.len(), 3);
    assert_eq!(import.plan.problems.len(), 2);
}

// ---------------------------------------------------------------------------------------
// Bytes and encodings

#[test]
fn bytes_are_decoded_as_utf8_utf16_or_the_encoding_given() {
    let utf8 = "\u{feff}id,title\nA,Łódź\n".as_bytes();
    let import = import_bytes(utf8, None, &options(&[]), new()).unwrap();
    assert_eq!(import.plan.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(import.scenario.unwrap().requests[0].title, "Łódź");

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "id\ttitle\r\nA\tŁódź\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let import = import_bytes(&utf16, None, &options(&[]), new()).unwrap();
    assert_eq!(import.plan.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(import.plan.delimiter, Some(Delimiter::Tab));
    assert_eq!(import.scenario.unwrap().requests[0].title, "Łódź");

    let cp1250 = b"id;title\nA;\xA3\xF3d\x9F\n";
    let e = import_bytes(cp1250, None, &options(&[]), new()).unwrap_err();
    assert!(
        e.to_string().contains("byte 0xA3 at line 2, column 3"),
        "{e}"
    );
    let import = import_bytes(cp1250, Some("windows-1250"), &options(&[]), new()).unwrap();
    assert_eq!(import.plan.encoding.as_deref(), Some("windows-1250"));
    assert_eq!(import.scenario.unwrap().requests[0].title, "Łódź");
    // A byte the named encoding does not have: replaced, with a warning.
    let import = import_bytes(b"id,title\nA,\x81\n", Some("gbk"), &options(&[]), new()).unwrap();
    assert_eq!(
        warnings(&import),
        [
            "CSV: some bytes are not GBK and were replaced by \u{fffd}: the file is probably in \
          another encoding"
        ]
    );
    assert!(import_bytes(b"id\n", Some("klingon"), &options(&[]), new()).is_err());
}
