//! The spreadsheet layer (`thresh::sheet`) against realistic exports: Jira, a feedback
//! tool, Polish (windows-1250) and Russian (windows-1251) Excel sheets, and Excel's
//! UTF-16 "Unicode text". How each file was made: `tests/data/csv/README.md`.

use thresh::sheet::cells::{
    decide_decimal, parse_confidence, parse_count, parse_date, parse_non_negative, parse_number,
    parse_status, slug, split_list, unique_id, DecidedBy, DecimalSeparator, Status,
};
use thresh::sheet::csv::{read_table, CsvStyle, CsvWriter, Delimiter, OutCell, Table};
use thresh::sheet::decode::{decode, decode_with_label, DecodeError};
use thresh::sheet::guess::{map_columns, parse_map, ColumnMap, CriterionInfo, Mapping};
use thresh::sheet::SheetProblem;

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The default model's criteria as §4 names them: reach, arr, strategic and urgency are
/// derived; cost is the first cost criterion.
fn default_model() -> Vec<CriterionInfo<'static>> {
    [
        ("reach", "Reach", true, false),
        ("arr", "ARR", true, false),
        ("strategic", "Strategic accounts", true, false),
        ("urgency", "Urgency", true, false),
        ("cost", "Cost", false, true),
        ("fit", "Portfolio fit", false, false),
    ]
    .into_iter()
    .map(CriterionInfo::from)
    .collect()
}

fn targets(mapping: &Mapping) -> Vec<String> {
    mapping
        .columns
        .iter()
        .map(|c| c.target.as_ref().map_or("-".into(), |t| t.to_string()))
        .collect()
}

fn column(table: &Table<'_>, header: &str) -> usize {
    table
        .header
        .cells
        .iter()
        .position(|c| c.text == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

/// The texts of one column, one per row.
fn texts<'t>(table: &'t Table<'_>, header: &str) -> Vec<&'t str> {
    let i = column(table, header);
    table.rows.iter().map(|r| r.text(i)).collect()
}

fn numeric_columns(mapping: &Mapping) -> Vec<usize> {
    mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.target.as_ref().is_some_and(|t| t.is_numeric()))
        .map(|(i, _)| i)
        .collect()
}

fn maps(arguments: &[&str]) -> Vec<ColumnMap> {
    arguments
        .iter()
        .map(|a| parse_map(a, &default_model()).unwrap())
        .collect()
}

// --- Jira

#[test]
fn jira_export() {
    let raw = bytes("jira-export.csv");
    let decoded = decode(&raw).unwrap();
    assert_eq!((decoded.encoding, decoded.bom), ("UTF-8", false));
    let table = read_table(&decoded.text, None).unwrap();
    assert_eq!(table.delimiter, Delimiter::Comma);
    assert!(table.problems.is_empty(), "{}", table.problems);
    assert_eq!(table.header.cells.len(), 14);
    // Rows begin on the line their first cell is on, line breaks in descriptions counted.
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4, 5, 6, 7, 8, 12]);

    let mapping = map_columns(&table.header, &[], &default_model());
    assert_eq!(
        targets(&mapping),
        [
            "title",
            "id",
            "-",
            "-",
            "status",
            "-",
            "deadline",
            "tags",
            "tags",
            "tags",
            "values.cost",
            "bucket",
            "description",
            "-"
        ]
    );
    assert!(mapping.problems.is_empty(), "{}", mapping.problems);
    assert_eq!(
        mapping.warning.as_ref().unwrap().to_string(),
        "CSV:1: these columns have \"Issue id\", \"Issue Type\", \"Priority\", \"Created\" no \
         target and are ignored (--map HEADER=TARGET to use one)"
    );

    // Story points show no decimal separator; the comma delimiter means a point.
    let choice = decide_decimal(&table, &numeric_columns(&mapping), None).unwrap();
    assert_eq!(choice.separator, DecimalSeparator::Point);
    assert_eq!(choice.decided_by, DecidedBy::Delimiter(Delimiter::Comma));
    let points: Vec<Option<f64>> = texts(&table, "Custom field (Story Points)")
        .iter()
        .map(|t| (!t.is_empty()).then(|| parse_non_negative(t, choice.separator).unwrap()))
        .collect();
    assert_eq!(
        points,
        [
            Some(8.0),
            Some(5.0),
            Some(3.0),
            Some(13.0),
            Some(2.0),
            Some(21.0),
            None
        ]
    );

    let deadlines: Vec<String> = texts(&table, "Due date")
        .iter()
        .map(|t| {
            if t.is_empty() {
                String::new()
            } else {
                parse_date(t, None).unwrap().to_string()
            }
        })
        .collect();
    assert_eq!(
        deadlines,
        [
            "2027-06-30",
            "2027-05-15",
            "",
            "2027-03-01",
            "",
            "2027-12-31",
            ""
        ]
    );
    assert_eq!(
        parse_date(texts(&table, "Created")[0], None)
            .unwrap()
            .to_string(),
        "2027-01-12"
    );

    let statuses: Vec<(Status, bool)> = texts(&table, "Status")
        .iter()
        .map(|t| {
            let (status, warning) = parse_status(t);
            (status, warning.is_some())
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (Status::InProgress, false),
            (Status::Open, false),
            (Status::Planned, false),
            (Status::Done, false),
            (Status::Declined, false),
            (Status::Open, true), // "In Review"
            (Status::Open, false),
        ]
    );

    // Three Labels columns add up.
    let labels: Vec<usize> = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.target.as_ref().is_some_and(|t| t.to_string() == "tags"))
        .map(|(i, _)| i)
        .collect();
    let sso_row = &table.rows[3];
    let tags: Vec<&str> = labels
        .iter()
        .flat_map(|&i| split_list(sso_row.text(i)))
        .collect();
    assert_eq!(tags, ["security", "enterprise", "sso"]);

    // Quotes, commas and line breaks in descriptions, CRLF-free.
    let descriptions = texts(&table, "Description");
    assert_eq!(
        descriptions[1],
        "Arrows, circles and a \"before/after\" pair; see the Northgrid thread."
    );
    assert_eq!(
        descriptions[5],
        "Phase 1 shipped in 2026.\nPhase 2: time windows, skills, van capacity.\n\n\
         Open question: \"soft\" vs \"hard\" windows?"
    );
    assert_eq!(texts(&table, "Summary")[5], "Route optimisation, phase 2");
    assert_eq!(descriptions[6], "");
}

// --- Feedback tool

#[test]
fn feedback_export_one_row_per_customer_ask() {
    let raw = bytes("feedback-export.csv");
    let decoded = decode(&raw).unwrap();
    assert_eq!((decoded.encoding, decoded.bom), ("UTF-8", true));
    let table = read_table(&decoded.text, None).unwrap();
    assert_eq!(table.delimiter, Delimiter::Comma);
    assert!(table.problems.is_empty(), "{}", table.problems);
    assert_eq!(table.header.text(0), "Feature ID");
    // The empty line 7 is skipped.
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 8, 9]);
    assert_eq!(
        texts(&table, "Feature ID"),
        ["PB-1001", "PB-1001", "PB-1001", "PB-1002", "PB-1002", "PB-1003", "PB-1003"]
    );

    // "Feature ID" and "Insight source" are not in §4's table: mapped by hand.
    let maps = maps(&["feature id=id", "Insight Source=source"]);
    let mapping = map_columns(&table.header, &maps, &default_model());
    assert_eq!(
        targets(&mapping),
        ["id", "title", "account", "arr", "count", "source", "-", "-"]
    );
    assert!(mapping.columns[0].mapped && !mapping.columns[1].mapped);
    assert!(mapping.problems.is_empty(), "{}", mapping.problems);

    // "$312,000.50" shows the decimal point.
    let choice = decide_decimal(&table, &numeric_columns(&mapping), None).unwrap();
    assert_eq!(choice.separator, DecimalSeparator::Point);
    assert_eq!(
        choice.decided_by,
        DecidedBy::Cell {
            line: 5,
            column: 4,
            text: "$312,000.50".into()
        }
    );
    let arr: Vec<Option<f64>> = texts(&table, "ARR")
        .iter()
        .map(|t| (!t.is_empty()).then(|| parse_non_negative(t, choice.separator).unwrap()))
        .collect();
    assert_eq!(
        arr,
        [
            Some(1_250_000.0),
            Some(86_400.0),
            None,
            Some(312_000.5),
            Some(1_250_000.0),
            Some(2_040_000.0),
            Some(312_000.5)
        ]
    );
    let votes: Vec<u32> = texts(&table, "Votes")
        .iter()
        .map(|t| parse_count(t, choice.separator).unwrap())
        .collect();
    assert_eq!(votes, [3, 1, 12, 2, 1, 5, 0]);

    // §4: an account cell holds several names separated by `,` or `;` — so a company
    // name with a comma is two names unless the mapping step says otherwise.
    assert_eq!(
        split_list(texts(&table, "Customer")[0]),
        ["Northgrid Utilities", "Inc."]
    );
    assert!(split_list(texts(&table, "Customer")[2]).is_empty());

    // New accounts get ids from their names, numbered on a collision.
    let mut ids: Vec<String> = Vec::new();
    for name in texts(&table, "Customer").iter().flat_map(|t| split_list(t)) {
        if !ids.iter().any(|id| *id == slug(name)) {
            let id = unique_id(name, |id| ids.iter().any(|taken| taken == id));
            ids.push(id);
        }
    }
    assert_eq!(
        ids,
        [
            "northgrid-utilities",
            "inc",
            "halvorsen-facility-services",
            "kestrel-water",
            "meridian-health-partners"
        ]
    );

    assert_eq!(
        parse_date(texts(&table, "Created at")[0], None)
            .unwrap()
            .to_string(),
        "2027-01-14"
    );
    let notes = texts(&table, "Note");
    assert_eq!(notes[5], "\"No SSO, no deal\" - procurement");
    assert_eq!(notes[6], "=HYPERLINK(\"http://example.invalid\")");
}

// --- Polish Excel, windows-1250

#[test]
fn polish_sheet_is_refused_without_its_encoding_naming_the_first_bad_byte() {
    let raw = bytes("polish-backlog.csv");
    let e = decode(&raw).unwrap_err();
    // "Nr;Tytu" then ł, 0xB3 in windows-1250.
    assert_eq!(
        e,
        DecodeError::NotUtf8 {
            byte: 0xB3,
            offset: 7,
            line: 1,
            column: 8
        }
    );
    assert_eq!(
        SheetProblem::from(e).to_string(),
        "CSV: the file is not UTF-8: byte 0xB3 at line 1, column 8 (offset 7) is not UTF-8; \
         name the file's encoding, for example --encoding windows-1250"
    );
}

#[test]
fn polish_sheet_in_windows_1250() {
    let raw = bytes("polish-backlog.csv");
    let decoded = decode_with_label(&raw, "windows-1250").unwrap();
    assert_eq!((decoded.encoding, decoded.lossy), ("windows-1250", false));
    let table = read_table(&decoded.text, None).unwrap();
    assert_eq!(table.delimiter, Delimiter::Semicolon);
    assert!(table.problems.is_empty(), "{}", table.problems);
    assert_eq!(table.header.text(5), "Termin", "header: {:?}", table.header);
    // The `;;;;;;;;` row (line 5) is skipped.
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 6, 7]);

    // Polish headers, mapped by hand; matched in any case (TYTUŁ matches Tytuł).
    let maps = maps(&[
        "Nr=id",
        "TYTUŁ=title",
        "klient=account",
        "Roczny przychód=arr",
        "Koszt (osobodni)=values.cost",
        "Termin=deadline",
        "Pewność=confidence",
        "Etykiety=tags",
    ]);
    let mapping = map_columns(&table.header, &maps, &default_model());
    assert_eq!(
        targets(&mapping),
        [
            "id",
            "title",
            "account",
            "arr",
            "values.cost",
            "deadline",
            "status",
            "confidence",
            "tags"
        ]
    );
    assert!(mapping.problems.is_empty(), "{}", mapping.problems);
    assert_eq!(mapping.warning, None);

    let choice = decide_decimal(&table, &numeric_columns(&mapping), None).unwrap();
    assert_eq!(choice.separator, DecimalSeparator::Comma);
    assert_eq!(
        choice.decided_by,
        DecidedBy::Cell {
            line: 2,
            column: 4,
            text: "1 250 000,00 zł".into()
        }
    );
    let comma = choice.separator;
    let arr: Vec<f64> = texts(&table, "Roczny przychód")
        .iter()
        .map(|t| parse_non_negative(t, comma).unwrap())
        .collect();
    assert_eq!(
        arr,
        [1_250_000.0, 412_800.0, 98_400.5, 1_250_000.0, 64_000.0]
    );
    let cost: Vec<f64> = texts(&table, "Koszt (osobodni)")
        .iter()
        .map(|t| parse_number(t, comma).unwrap())
        .collect();
    assert_eq!(cost, [12.5, 8.0, 3.25, 21.0, 2.0]);
    let confidence: Vec<Option<f64>> = texts(&table, "Pewność")
        .iter()
        .map(|t| (!t.is_empty()).then(|| parse_confidence(t, comma).unwrap()))
        .collect();
    assert_eq!(
        confidence,
        [Some(0.8), Some(0.75), Some(1.0), Some(0.5), None]
    );

    // Read with the wrong separator, the cost column says why it fails.
    let e = parse_number("12,5", DecimalSeparator::Point).unwrap_err();
    assert!(e.contains("the file's decimal separator is \".\""), "{e}");

    // DD.MM.YYYY; 31.02 is a problem with its place and header.
    let deadline = column(&table, "Termin");
    let mut problems = Vec::new();
    let mut deadlines = Vec::new();
    for row in &table.rows {
        let cell = &row.cells[deadline];
        if cell.text.is_empty() {
            continue;
        }
        match parse_date(&cell.text, None) {
            Ok(date) => deadlines.push(date.to_string()),
            Err(message) => problems.push(table.problem(cell, message).to_string()),
        }
    }
    assert_eq!(deadlines, ["2027-06-30", "2027-09-15", "2027-12-01"]);
    assert_eq!(
        problems,
        ["CSV:7:6 (header \"Termin\"): \"31.02.2027\" is not a day of the calendar"]
    );

    let statuses: Vec<(Status, bool)> = texts(&table, "Status")
        .iter()
        .map(|t| {
            let (s, w) = parse_status(t);
            (s, w.is_some())
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (Status::InProgress, false),
            (Status::Open, true), // "Otwarte"
            (Status::Done, false),
            (Status::Planned, false),
            (Status::Open, false)
        ]
    );

    let tags: Vec<Vec<&str>> = texts(&table, "Etykiety")
        .iter()
        .map(|t| split_list(t))
        .collect();
    assert_eq!(tags[0], ["mobilne", "zgłoszenia"]);
    assert_eq!(tags[3], ["planowanie", "kalendarz"]);
    assert!(tags[4].is_empty());
    assert_eq!(texts(&table, "Tytuł")[3], "Harmonogram; widok tygodniowy");
    assert_eq!(
        slug(texts(&table, "Klient")[0]),
        "wodociągi-łódzkie-sp-z-o-o"
    );
    assert_eq!(
        texts(&table, "Tytuł")[4],
        "Żółte oznaczenie zleceń po terminie"
    );
}

// --- Russian Excel, windows-1251

#[test]
fn russian_sheet_in_windows_1251() {
    let raw = bytes("russian-backlog.csv");
    // "ID;" then Н, 0xCD in windows-1251.
    assert_eq!(
        decode(&raw).unwrap_err(),
        DecodeError::NotUtf8 {
            byte: 0xCD,
            offset: 3,
            line: 1,
            column: 4
        }
    );
    let decoded = decode_with_label(&raw, "cp1251").unwrap();
    assert_eq!(decoded.encoding, "windows-1251");
    let table = read_table(&decoded.text, None).unwrap();
    assert_eq!(table.delimiter, Delimiter::Semicolon);
    assert!(table.problems.is_empty(), "{}", table.problems);

    // Only ID is guessed; the Cyrillic headers are named in the one warning.
    let mapping = map_columns(&table.header, &[], &default_model());
    assert_eq!(targets(&mapping), ["id", "-", "-", "-", "-", "-", "-"]);
    assert_eq!(
        mapping.warning.as_ref().unwrap().message,
        "these columns have \"Название\", \"Клиент\", \"Выручка\", \"Трудоёмкость\", \"Срок\", \
         \"Статус\" no target and are ignored (--map HEADER=TARGET to use one)"
    );

    let maps = maps(&[
        "Название=title",
        "клиент=account",
        "выручка=arr",
        "ТРУДОЁМКОСТЬ=values.cost",
        "Срок=deadline",
        "Статус=status",
    ]);
    let mapping = map_columns(&table.header, &maps, &default_model());
    assert_eq!(
        targets(&mapping),
        [
            "id",
            "title",
            "account",
            "arr",
            "values.cost",
            "deadline",
            "status"
        ]
    );
    assert_eq!(mapping.warning, None);
    let choice = decide_decimal(&table, &numeric_columns(&mapping), None).unwrap();
    assert_eq!(choice.separator, DecimalSeparator::Comma);
    let revenue: Vec<f64> = texts(&table, "Выручка")
        .iter()
        .map(|t| parse_non_negative(t, choice.separator).unwrap())
        .collect();
    assert_eq!(revenue, [1_500_000.0, 2_300_000.5, 780_000.0, 12_000_000.0]);
    let cost: Vec<f64> = texts(&table, "Трудоёмкость")
        .iter()
        .map(|t| parse_number(t, choice.separator).unwrap())
        .collect();
    assert_eq!(cost, [5.5, 3.0, 2.75, 13.0]);
    assert_eq!(
        parse_date(texts(&table, "Срок")[0], None)
            .unwrap()
            .to_string(),
        "2027-09-15"
    );
    assert_eq!(texts(&table, "Название")[2], "Подпись клиента; планшет");
    assert_eq!(parse_status(texts(&table, "Статус")[3]).0, Status::Open);
    assert!(parse_status(texts(&table, "Статус")[3]).1.is_some());
    assert_eq!(slug(texts(&table, "Клиент")[3]), "пао-ёлкинские-сети");
}

// --- Excel "Unicode text", UTF-16LE

#[test]
fn excel_unicode_text_in_utf16() {
    let raw = bytes("excel-unicode.txt");
    assert_eq!(&raw[..2], &[0xFF, 0xFE]);
    let decoded = decode(&raw).unwrap();
    assert_eq!((decoded.encoding, decoded.bom), ("UTF-16LE", true));
    let table = read_table(&decoded.text, None).unwrap();
    assert_eq!(table.delimiter, Delimiter::Tab);
    assert!(table.problems.is_empty(), "{}", table.problems);
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 5, 6]);

    let mapping = map_columns(&table.header, &[], &default_model());
    assert_eq!(
        targets(&mapping),
        [
            "id",
            "title",
            "account",
            "values.cost",
            "deadline",
            "tags",
            "-"
        ]
    );

    let choice = decide_decimal(&table, &numeric_columns(&mapping), None).unwrap();
    assert_eq!(choice.separator, DecimalSeparator::Point);
    let effort: Vec<f64> = texts(&table, "Effort")
        .iter()
        .map(|t| parse_number(t, choice.separator).unwrap())
        .collect();
    assert_eq!(effort, [3.0, 8.0, 1.5, 0.25]);

    let notes = texts(&table, "Notes");
    assert_eq!(notes[1], "line one\nline two");
    assert_eq!(notes[2], "a \"quoted\" word\tand a tab");
    assert_eq!(notes[3], "=not a formula");
    assert_eq!(texts(&table, "Title")[2], "🚀 Launch checklist");
    let accounts: Vec<String> = texts(&table, "Account").iter().map(|t| slug(t)).collect();
    assert_eq!(
        accounts,
        [
            "stadtwerke-müllheim-gmbh",
            "東京ガス株式会社",
            "αθήνα-ενέργεια-α-ε",
            "énergie-québec"
        ]
    );
}

// --- Out and back in

/// Every file, written by the §5 writer and read again, gives the same cells, except
/// that text a spreadsheet would run as a formula gains a leading `'`.
#[test]
fn every_file_survives_a_round_trip_through_the_writer() {
    let files: [(&str, Option<&str>); 5] = [
        ("jira-export.csv", None),
        ("feedback-export.csv", None),
        ("polish-backlog.csv", Some("windows-1250")),
        ("russian-backlog.csv", Some("windows-1251")),
        ("excel-unicode.txt", None),
    ];
    for (name, label) in files {
        let raw = bytes(name);
        let decoded = match label {
            Some(label) => decode_with_label(&raw, label).unwrap(),
            None => decode(&raw).unwrap(),
        };
        let table = read_table(&decoded.text, None).unwrap();
        for delimiter in Delimiter::ALL {
            let mut writer = CsvWriter::new(CsvStyle {
                delimiter,
                decimal_comma: false,
            });
            for row in std::iter::once(&table.header).chain(&table.rows) {
                writer.row(row.cells.iter().map(|c| OutCell::Text(&c.text)));
            }
            let out = writer.finish();
            let again = decode(out.as_bytes()).unwrap();
            let reread = read_table(&again.text, Some(delimiter)).unwrap();
            assert!(reread.problems.is_empty(), "{name}: {}", reread.problems);
            for (a, b) in std::iter::once((&table.header, &reread.header))
                .chain(table.rows.iter().zip(&reread.rows))
            {
                let expected: Vec<String> = a
                    .cells
                    .iter()
                    .map(|c| {
                        if c.text.starts_with(['=', '+', '-', '@']) {
                            format!("'{}", c.text)
                        } else {
                            c.text.to_string()
                        }
                    })
                    .collect();
                let got: Vec<&str> = b.cells.iter().map(|c| c.text.as_ref()).collect();
                assert_eq!(got, expected, "{name} with {delimiter:?}");
            }
            assert_eq!(reread.rows.len(), table.rows.len(), "{name}");
        }
    }
}
