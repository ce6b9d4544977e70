// Everything the spreadsheet layer (`thresh::sheet`, contract §4 and §5) does to a file,
// run on arbitrary bytes, with its invariants checked. Any panic is a bug.
//
// Shared by the fuzz target (`fuzz/fuzz_targets/read_sheet.rs`) and by
// `tests/sheet_fuzz_checks.rs`, which runs it on the test files under `cargo test` so
// that these checks compile and hold without a nightly toolchain. Included with
// `include!`, so it is plain items with no crate attributes.

use thresh::sheet::cells::{
    decide_decimal, parse_confidence, parse_count, parse_date, parse_non_negative, parse_number,
    parse_plan, parse_status, slug, split_list, DateOrder, DecimalSeparator,
};
use thresh::sheet::csv::{format_number, read_table, CsvStyle, CsvWriter, Delimiter, OutCell};
use thresh::sheet::guess::{map_columns, parse_map, CriterionInfo, Target};

/// Decodes, tokenizes, maps, reads every cell by its column's target, and writes the
/// table out and back in.
pub fn check_sheet(data: &[u8]) {
    // Without a label, or (when that fails) as windows-1250, which decodes any bytes.
    let decoded = match thresh::sheet::decode::decode(data) {
        Ok(d) => d,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            thresh::sheet::decode::decode_with_label(data, "windows-1250")
                .expect("windows-1250 decodes any bytes")
        }
    };
    for label in ["gbk", "utf-16le", "utf-8"] {
        let _ = thresh::sheet::decode::decode_with_label(data, label);
    }
    let text = decoded.text.as_ref();
    // Both the guessed delimiter and one given (by the input's length, to vary it).
    check_text(text, None);
    check_text(text, Some(Delimiter::ALL[data.len() % 4]));
}

fn criteria() -> [CriterionInfo<'static>; 4] {
    [
        CriterionInfo::from(("reach", "Reach", true, false)),
        CriterionInfo::from(("cost", "Cost", false, true)),
        CriterionInfo::from(("fit", "Portfolio fit", false, false)),
        CriterionInfo::from(("risk", "Risk", false, false)),
    ]
}

fn check_text(text: &str, given: Option<Delimiter>) {
    let table = match read_table(text, given) {
        Ok(table) => table,
        Err(problem) => {
            assert!(!problem.message.is_empty());
            return;
        }
    };
    if let Some(d) = given {
        assert_eq!(table.delimiter, d);
    }

    // Every cell placed, trimmed, with no CR; rows in file order, none empty.
    let mut last_line = 0;
    for row in std::iter::once(&table.header).chain(&table.rows) {
        assert!(row.line > last_line, "row lines go forward");
        last_line = row.line;
        assert!(row.cells.iter().any(|c| !c.text.is_empty()));
        for (i, cell) in row.cells.iter().enumerate() {
            assert_eq!((cell.line, cell.column), (row.line, i + 1));
            assert_eq!(cell.text.trim(), cell.text.as_ref());
            assert!(!cell.text.contains('\r'));
        }
    }
    for problem in &table.problems.list {
        assert!(problem.line >= 1 && problem.column >= 1, "{problem}");
    }

    // Mapping: guessed, and with a --map naming the first header.
    let criteria = criteria();
    let mapping = map_columns(&table.header, &[], &criteria);
    assert_eq!(mapping.columns.len(), table.header.cells.len());
    if let Ok(map) = parse_map(&format!("{}=values.risk", table.header.text(0)), &criteria) {
        let mapped = map_columns(&table.header, &[map], &criteria);
        if !table.header.text(0).is_empty() {
            assert!(mapped.columns[0].mapped);
        }
    }
    let numeric: Vec<usize> = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.target.as_ref().is_some_and(Target::is_numeric))
        .map(|(i, _)| i)
        .collect();
    let decimal = match decide_decimal(&table, &numeric, None) {
        Ok(choice) => choice.separator,
        Err(problem) => {
            assert!(problem.line >= 1 && problem.column >= 1, "{problem}");
            DecimalSeparator::Point
        }
    };

    // Every cell read as its column's target says; values in their ranges.
    for row in &table.rows {
        for (cell, column) in row.cells.iter().zip(&mapping.columns) {
            let cell_text = cell.text.as_ref();
            if cell_text.is_empty() {
                continue;
            }
            let _ = slug(cell_text);
            let Some(target) = &column.target else {
                continue;
            };
            check_cell(cell_text, target, decimal);
        }
    }

    // Out and back in: the same cells, formula-like text guarded with a `'`.
    let mut writer = CsvWriter::new(CsvStyle {
        delimiter: table.delimiter,
        decimal_comma: false,
    });
    for row in std::iter::once(&table.header).chain(&table.rows) {
        writer.row(row.cells.iter().map(|c| OutCell::Text(&c.text)));
    }
    let out = writer.finish();
    let body = out.strip_prefix('\u{FEFF}').expect("the writer starts with a BOM");
    let again = read_table(body, Some(table.delimiter)).expect("written text reads back");
    assert_eq!(again.rows.len(), table.rows.len());
    for (a, b) in std::iter::once((&table.header, &again.header))
        .chain(table.rows.iter().zip(&again.rows))
    {
        assert_eq!(a.cells.len(), b.cells.len());
        for (x, y) in a.cells.iter().zip(&b.cells) {
            if x.text.starts_with(['=', '+', '-', '@']) {
                assert_eq!(y.text, format!("'{}", x.text));
            } else {
                assert_eq!(y.text, x.text);
            }
        }
    }
}

fn check_cell(text: &str, target: &Target, decimal: DecimalSeparator) {
    match target {
        Target::Value { .. } | Target::Arr => {
            for separator in [decimal, DecimalSeparator::Point, DecimalSeparator::Comma] {
                if let Ok(x) = parse_number(text, separator) {
                    assert!(x.is_finite());
                    // What §5 writes reads back to the same number.
                    for comma in [false, true] {
                        let written = format_number(x, comma);
                        let back = if comma {
                            DecimalSeparator::Comma
                        } else {
                            DecimalSeparator::Point
                        };
                        assert_eq!(parse_number(&written, back), Ok(x), "{written}");
                    }
                }
            }
            if let Ok(x) = parse_non_negative(text, decimal) {
                assert!(x >= 0.0);
            }
        }
        Target::Confidence => {
            if let Ok(x) = parse_confidence(text, decimal) {
                assert!((0.0..=1.0).contains(&x));
            }
        }
        Target::Count => {
            let _ = parse_count(text, decimal);
        }
        Target::Deadline => {
            for order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
                if let Ok(date) = parse_date(text, order) {
                    let iso = date.to_string();
                    assert_eq!(thresh::date::Date::parse(&iso), Some(date));
                }
            }
        }
        Target::Status => {
            let (_, warning) = parse_status(text);
            if let Some(w) = warning {
                assert!(!w.is_empty());
            }
        }
        Target::Plan => {
            let _ = parse_plan(text);
        }
        Target::Tags | Target::Account => {
            for name in split_list(text) {
                assert!(!name.is_empty() && !name.contains([',', ';']));
                assert!(!slug(name).is_empty());
            }
        }
        _ => {}
    }
}
