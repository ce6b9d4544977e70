//! Invariants of the spreadsheet layer (`thresh::sheet`) on random input (proptest):
//! nothing panics; what the writer writes the reader reads back; unquoted text
//! tokenizes exactly as a plain split; numbers and dates written in every accepted form
//! read back to the same value; ids made from text are well formed.

use proptest::prelude::*;
use thresh::date::Date;
use thresh::sheet::cells::{
    decimal_evidence, parse_confidence, parse_date, parse_number, slug, unique_id, DateOrder,
    DecimalSeparator,
};
use thresh::sheet::csv::{read_table, CsvStyle, CsvWriter, Delimiter, OutCell};
use thresh::sheet::decode::decode;
use thresh::sheet::guess::{guess_target, parse_target, CriterionInfo};

fn delimiter() -> impl Strategy<Value = Delimiter> {
    prop::sample::select(Delimiter::ALL.to_vec())
}

/// Text a cell may hold after reading: trimmed, no NUL (refused by decode), line breaks
/// as `\n` — with the characters that matter to CSV drawn often.
fn cell_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ]{0,6}",
        1 => prop::sample::select(vec![
            ",", ";", "\t", "|", "\"", "\"\"", "\n", "\r\n", "\r", "=", "+", "-", "@", "'",
            "Łódź", "東京", "😀", "\u{00A0}", "\u{FEFF}",
        ])
        .prop_map(str::to_owned),
        1 => "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..5).prop_map(|pieces| {
        let text = pieces.concat().replace('\0', "");
        text.trim().to_owned()
    })
}

/// What the reader gives for a cell the writer was given.
fn as_read(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_tokenizer_never_panics_and_places_every_cell(
        text in "\\PC{0,200}|[a,;\"\t|\r\n ]{0,200}",
        given in prop::option::of(delimiter()),
    ) {
        let Ok(table) = read_table(&text, given) else { return Ok(()) };
        let mut last_line = table.header.line;
        for (k, row) in std::iter::once(&table.header).chain(&table.rows).enumerate() {
            prop_assert!(k == 0 || row.line > last_line);
            last_line = row.line;
            prop_assert!(!row.cells.iter().all(|c| c.text.is_empty()));
            for (i, cell) in row.cells.iter().enumerate() {
                prop_assert_eq!(cell.column, i + 1);
                prop_assert_eq!(cell.line, row.line);
                prop_assert_eq!(cell.text.trim(), cell.text.as_ref());
                prop_assert!(!cell.text.contains('\r'));
            }
        }
        for problem in &table.problems.list {
            prop_assert!(problem.line >= 1 && problem.column >= 1);
            let _ = problem.to_string();
        }
    }

    #[test]
    fn what_is_written_is_read_back(
        delimiter in delimiter(),
        width in 1usize..5,
        cells in prop::collection::vec(cell_text(), 0..40),
        header in prop::collection::vec("[A-Za-z][A-Za-z ]{0,8}[a-z]", 5),
    ) {
        let header = &header[..width];
        let rows: Vec<&[String]> = cells.chunks_exact(width).collect();
        let mut writer = CsvWriter::new(CsvStyle { delimiter, decimal_comma: false });
        writer.text_row(header);
        for row in &rows {
            writer.row(row.iter().map(|c| OutCell::Text(c)));
        }
        let out = writer.finish();
        let bom = out.starts_with('\u{FEFF}');
        prop_assert!(bom);
        prop_assert!(out.ends_with("\r\n"));
        let decoded = decode(out.as_bytes()).unwrap();
        let table = read_table(&decoded.text, Some(delimiter)).unwrap();
        prop_assert!(table.problems.is_empty(), "{}", table.problems);
        let expected: Vec<Vec<String>> = rows
            .iter()
            .filter(|row| row.iter().any(|c| !c.is_empty()))
            .map(|row| row.iter().map(|c| as_read(c)).collect())
            .collect();
        let got: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect();
        prop_assert_eq!(got, expected);
        // The header line alone decides the delimiter when its cells hold none.
        prop_assert_eq!(read_table(&decoded.text, None).unwrap().delimiter,
            if width == 1 { Delimiter::Comma } else { delimiter });
    }

    #[test]
    fn unquoted_text_tokenizes_as_a_plain_split(
        delimiter in delimiter(),
        lines in (1usize..5).prop_flat_map(|width| prop::collection::vec(
            prop::collection::vec("[ a-zA-Z0-9.,;|\tŁ东\u{00A0}]{0,5}", width), 1..20)),
        line_end in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        let d = delimiter.as_char();
        let lines: Vec<Vec<String>> = lines
            .into_iter()
            .map(|cells| cells.into_iter().map(|c| c.replace(d, "")).collect())
            .collect();
        let text: String = lines
            .iter()
            .map(|cells| cells.join(&d.to_string()) + line_end)
            .collect();
        let split: Vec<(usize, Vec<&str>)> = lines
            .iter()
            .enumerate()
            .map(|(i, cells)| (i + 1, cells.iter().map(|c| c.trim()).collect::<Vec<_>>()))
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
            .collect();
        match read_table(&text, Some(delimiter)) {
            Err(e) => prop_assert!(split.is_empty(), "{e}"),
            Ok(table) => {
                prop_assert!(table.problems.is_empty(), "{}", table.problems);
                let got: Vec<(usize, Vec<&str>)> = std::iter::once(&table.header)
                    .chain(&table.rows)
                    .map(|r| (r.line, r.cells.iter().map(|c| c.text.as_ref()).collect()))
                    .collect();
                prop_assert_eq!(got, split);
            }
        }
    }

    #[test]
    fn utf8_and_utf16_decode_to_the_same_text(text in "[^\u{0}]{0,60}") {
        // A text that starts with U+FEFF is indistinguishable from one with a BOM.
        if !text.starts_with('\u{FEFF}') {
            prop_assert_eq!(decode(text.as_bytes()).unwrap().text, text.as_str());
        }
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        prop_assert_eq!(decode(&with_bom).unwrap().text, text.as_str());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        prop_assert_eq!(decode(&le).unwrap().text, text.as_str());
        prop_assert_eq!(decode(&be).unwrap().text, text.as_str());
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        if let Err(e) = decode(&bytes) {
            let _ = e.to_string();
        }
        #[cfg(not(target_arch = "wasm32"))]
        for label in ["windows-1250", "gbk", "utf-16be", "utf-8"] {
            let _ = thresh::sheet::decode::decode_with_label(&bytes, label);
        }
    }

    #[test]
    fn numbers_written_every_accepted_way_read_back(
        whole in 0u64..10_000_000_000,
        fraction in prop::option::of("[0-9]{1,4}"),
        negative in any::<bool>(),
        decimal in prop::sample::select(vec![DecimalSeparator::Point, DecimalSeparator::Comma]),
        group in prop::sample::select(vec!["", "other", " ", "\u{00A0}", "\u{202F}"]),
        currency in prop::sample::select(vec![
            "", "$", "€", "£", "¥", "元", "₽", "р.", "руб.", "zł", "zl", "PLN", "EUR", "USD",
            "RUB", "CNY", "GBP",
        ]),
        currency_after in any::<bool>(),
    ) {
        let separator = match group {
            "other" => match decimal { DecimalSeparator::Point => ",", DecimalSeparator::Comma => "." },
            g => g,
        };
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push_str(separator);
            }
            grouped.push(c);
        }
        let mut number = grouped;
        if let Some(f) = &fraction {
            number.push(decimal.as_char());
            number.push_str(f);
        }
        let sign = if negative { "-" } else { "" };
        let text = if currency_after {
            format!("{sign}{number} {currency}")
        } else {
            format!("{sign}{currency}{number}")
        };
        let ascii = format!("{sign}{whole}.{}", fraction.as_deref().unwrap_or("0"));
        let expected: f64 = ascii.parse().unwrap();
        prop_assert_eq!(parse_number(text.trim(), decimal), Ok(expected), "{}", text);
        // The evidence never contradicts the separator the number was written with.
        if let Some(shown) = decimal_evidence(text.trim()) {
            prop_assert_eq!(shown, decimal, "{}", text);
        }
    }

    #[test]
    fn number_parsing_never_panics_and_gives_finite_values(text in "\\PC{0,12}|[-+0-9.,  %$€zł]{0,12}") {
        for separator in [DecimalSeparator::Point, DecimalSeparator::Comma] {
            if let Ok(x) = parse_number(&text, separator) {
                prop_assert!(x.is_finite());
            }
            if let Ok(x) = parse_confidence(&text, separator) {
                prop_assert!((0.0..=1.0).contains(&x));
            }
        }
        let _ = decimal_evidence(&text);
    }

    #[test]
    fn dates_written_every_accepted_way_read_back(
        days in 0i64..36_500,
        time in prop::sample::select(vec!["", " 10:15 AM", " 23:59", " 0:00:00"]),
    ) {
        let date = Date::from_ymd(2000, 1, 1).unwrap().add_days(days).unwrap();
        let iso = date.to_string();
        let (y, m, d) = (&iso[..4], &iso[5..7], &iso[8..10]);
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
            "Sep", "Oct", "Nov", "Dec"];
        let month_name = MONTHS[m.parse::<usize>().unwrap() - 1];
        for (text, order) in [
            (format!("{iso}{time}"), None),
            (format!("{iso}T{}", time.trim()), None),
            (format!("{d}.{m}.{y}{time}"), None),
            (format!("{d}/{month_name}/{}{time}", &y[2..]), None),
            (format!("{d}/{}/{}", month_name.to_uppercase(), &y[2..]), None),
            (format!("{d}/{m}/{y}{time}"), Some(DateOrder::Dmy)),
            (format!("{m}/{d}/{y}"), Some(DateOrder::Mdy)),
        ] {
            prop_assert_eq!(parse_date(&text, order), Ok(date), "{}", text);
        }
        let ambiguous = format!("{d}/{m}/{y}");
        let refused = parse_date(&ambiguous, None).unwrap_err();
        prop_assert!(refused.contains("--date-order"), "{}", refused);
    }

    #[test]
    fn date_parsing_never_panics(text in "\\PC{0,16}|[0-9./:A-Za-z -]{0,16}") {
        for order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
            let _ = parse_date(&text, order);
        }
    }

    #[test]
    fn ids_from_text_are_well_formed(text in "\\PC{0,30}", taken in prop::collection::hash_set("[a-z]{1,3}(-[0-9])?", 0..20)) {
        let id = slug(&text);
        prop_assert!(!id.is_empty());
        prop_assert!(!id.starts_with('-') && !id.ends_with('-') && !id.contains("--"), "{}", id);
        prop_assert_eq!(slug(&id), id.clone());
        prop_assert_eq!(id.to_lowercase(), id.clone());
        let unique = unique_id(&text, |candidate| taken.contains(candidate));
        prop_assert!(!taken.contains(&unique));
        let numbered = unique.starts_with(&format!("{id}-"));
        prop_assert!(unique == id || numbered, "{} from {}", unique, id);
    }

    #[test]
    fn guessing_never_panics_and_target_names_read_back(header in "\\PC{0,24}") {
        let criteria = [
            CriterionInfo::from(("reach", "Reach", true, false)),
            CriterionInfo::from(("cost", "Cost", false, true)),
            CriterionInfo::from(("fit", "Portfolio fit", false, false)),
        ];
        if let Some(target) = guess_target(&header, &criteria) {
            prop_assert_eq!(parse_target(&target.to_string(), &criteria), Ok(target));
        }
        let _ = parse_target(&header, &criteria);
    }
}
