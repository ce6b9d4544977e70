//! CSV in and out: an RFC 4180 tokenizer for §4 and the writer for §5.
//!
//! In: the delimiter is `,`, `;`, tab or `|`, given or guessed from the header line (the
//! most frequent outside quotes). Quoted cells may hold delimiters, `""` and line breaks
//! (a CRLF or a lone CR inside a cell becomes `\n`); lines end with CRLF, LF or CR. The
//! first non-empty line is the header; rows whose cells are all empty are skipped; every
//! cell is trimmed and knows the file line on which its row begins and its column from 1.
//! Malformed quoting is read leniently (so every problem in a file can be listed at once)
//! but never silently: each case is a [`SheetProblem`] in [`Table::problems`].
//!
//! Out: UTF-8 with a BOM, CRLF line ends, the delimiter of choice; text that a
//! spreadsheet would run as a formula gets a leading `'`; numbers are written as numbers,
//! in full precision, optionally with a decimal comma.
//!
//! Cost: one pass over the bytes (delimiters, quotes and line ends are ASCII, so UTF-8 is
//! scanned byte by byte); a cell without `""` or a CR is borrowed from the text, so a row
//! costs one allocation.

use std::borrow::Cow;

use super::limits::{MAX_CELL_CHARS, MAX_DATA_ROWS};
use super::{SheetProblem, SheetProblems};
use crate::text::thousands;

/// The cell separators §4 allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
    Pipe,
}

impl Delimiter {
    /// In the order a tie in [`guess_delimiter`] is broken.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Comma,
        Delimiter::Semicolon,
        Delimiter::Tab,
        Delimiter::Pipe,
    ];

    pub fn as_char(self) -> char {
        self.as_byte() as char
    }

    fn as_byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
            Delimiter::Pipe => b'|',
        }
    }

    /// A `--delimiter` argument: the character itself, or `tab` / `\t` (a tab is awkward
    /// to type in a shell).
    pub fn parse(text: &str) -> Option<Delimiter> {
        match text {
            "," => Some(Delimiter::Comma),
            ";" => Some(Delimiter::Semicolon),
            "\t" | "\\t" => Some(Delimiter::Tab),
            "|" => Some(Delimiter::Pipe),
            _ if text.eq_ignore_ascii_case("tab") => Some(Delimiter::Tab),
            _ => None,
        }
    }

    /// How messages and the page name it.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
            Delimiter::Pipe => "pipe",
        }
    }
}

/// One cell: its text (trimmed, unquoted) and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell<'a> {
    pub text: Cow<'a, str>,
    /// The file line on which the cell's row begins (the first line is 1).
    pub line: usize,
    /// The cell's position in its row, from 1.
    pub column: usize,
}

/// One row of cells, as many as the line holds (possibly fewer or more than the header).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The file line on which the row begins.
    pub line: usize,
    pub cells: Vec<Cell<'a>>,
}

impl<'a> Row<'a> {
    /// The text of the cell at `index` (from 0); empty past the end of a short row.
    pub fn text(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", |c| &c.text)
    }

    fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

/// A tokenized file: its header, its data rows and what was wrong with its quoting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table<'a> {
    pub delimiter: Delimiter,
    /// Whether the delimiter was guessed from the header line (not given).
    pub delimiter_guessed: bool,
    pub header: Row<'a>,
    /// Data rows, empty ones skipped, in file order.
    pub rows: Vec<Row<'a>>,
    /// Malformed quoting, cells over the size limit, cells past the header's last column.
    /// The table holds the lenient reading of each; the import should refuse the file.
    pub problems: SheetProblems,
}

impl<'a> Table<'a> {
    /// The header of the column at `index` (from 0); empty past the header's end.
    pub fn header_text(&self, index: usize) -> &str {
        self.header.text(index)
    }

    /// A problem with a cell, named by its column's header.
    pub fn problem(&self, cell: &Cell<'_>, message: impl Into<String>) -> SheetProblem {
        SheetProblem::cell(cell, self.header_text(cell.column - 1), message)
    }
}

/// Tokenizes `text` (already decoded, BOM removed). The delimiter is `given`, or guessed
/// from the header line.
///
/// Fails only for a file with no header (nothing but empty lines) or with more than
/// [`MAX_DATA_ROWS`] data rows; every other problem is listed in [`Table::problems`].
pub fn read_table(text: &str, given: Option<Delimiter>) -> Result<Table<'_>, SheetProblem> {
    // When guessing, start at the line guessed from: a line above it such as `;;;` has
    // no text, but it is not empty if the guess turns out to be another delimiter.
    let (delimiter, start) = match given {
        Some(d) => (d, HeaderLine { offset: 0, line: 1 }),
        None => {
            let start = header_line(text);
            (guess_from(text, start.offset), start)
        }
    };
    let mut tokenizer = Tokenizer {
        text,
        bytes: text.as_bytes(),
        pos: start.offset,
        line: start.line,
        delimiter: delimiter.as_byte(),
        ends_plain_text: byte_set(&[delimiter.as_byte(), b'\r', b'\n', b'"']),
        row_problems: Vec::new(),
    };
    let mut problems = SheetProblems::default();
    let mut header: Option<Row<'_>> = None;
    // Sized from the header line's length (rows are usually longer, so this rarely
    // grows), at most the row limit.
    let header_len = text[start.offset..]
        .find(['\r', '\n'])
        .unwrap_or(text.len())
        .max(1);
    let mut rows = Vec::with_capacity((text.len() / header_len).min(MAX_DATA_ROWS + 1));
    let mut width = 8;
    while let Some(row) = tokenizer.next_row(width) {
        if row.is_empty() {
            for p in tokenizer.row_problems.drain(..) {
                problems.push(p);
            }
            continue;
        }
        let Some(header) = &header else {
            width = row.cells.len();
            for p in tokenizer.row_problems.drain(..) {
                problems.push(p);
            }
            header = Some(row);
            continue;
        };
        if rows.len() == MAX_DATA_ROWS {
            return Err(SheetProblem::at(
                row.line,
                0,
                format!(
                    "the file has more than {} data rows; split it into smaller files",
                    thousands(MAX_DATA_ROWS)
                ),
            ));
        }
        for p in tokenizer.row_problems.drain(..) {
            let named = match header.cells.get(p.column.wrapping_sub(1)) {
                Some(h) => p.with_header(&h.text),
                None => p,
            };
            problems.push(named);
        }
        if let Some(extra) = row.cells[header.cells.len().min(row.cells.len())..]
            .iter()
            .find(|c| !c.text.is_empty())
        {
            problems.push(SheetProblem::at(
                extra.line,
                extra.column,
                format!(
                    "{} is in column {} but the header has {} columns; a cell that holds \
                     the delimiter ({}) must be quoted",
                    super::quoted(&extra.text),
                    extra.column,
                    header.cells.len(),
                    delimiter.name()
                ),
            ));
        }
        rows.push(row);
    }
    let header = header.ok_or_else(|| {
        SheetProblem::file("the file has no header line: it is empty or holds only empty lines")
    })?;
    Ok(Table {
        delimiter,
        delimiter_guessed: given.is_none(),
        header,
        rows,
        problems,
    })
}

/// The delimiter that occurs most often outside quotes in the header line (the first
/// line with text); ties go to the earlier of `,` `;` tab `|`, and a header without any
/// of them (one column) gives `,`.
pub fn guess_delimiter(text: &str) -> Delimiter {
    guess_from(text, header_line(text).offset)
}

fn guess_from(text: &str, header_offset: usize) -> Delimiter {
    let candidates = Delimiter::ALL.map(Delimiter::as_byte);
    let mut counts = [0usize; 4];
    let mut in_quotes = false;
    for &b in &text.as_bytes()[header_offset..] {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\r' | b'\n' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..counts.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    Delimiter::ALL[best]
}

fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    for &b in bytes {
        set[b as usize] = true;
    }
    set
}

/// Where the header line starts.
struct HeaderLine {
    offset: usize,
    /// Its file line, from 1.
    line: usize,
}

/// The first line with text: lines of nothing but blanks and delimiters (`;;;` that a
/// spreadsheet writes for an empty row) are passed over. A line with a quote is never
/// passed over (it may open a cell that spans lines).
fn header_line(text: &str) -> HeaderLine {
    let bytes = text.as_bytes();
    let mut offset = 0;
    let mut line = 1;
    while offset < bytes.len() {
        let end = bytes[offset..]
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .map_or(bytes.len(), |n| offset + n);
        let only_blanks = text[offset..end]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '|'));
        if !only_blanks || end == bytes.len() {
            break;
        }
        offset = end + 1;
        if bytes[end] == b'\r' && bytes.get(offset) == Some(&b'\n') {
            offset += 1;
        }
        line += 1;
    }
    HeaderLine { offset, line }
}

struct Tokenizer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The file line at `pos`.
    line: usize,
    delimiter: u8,
    /// The bytes that end a run of plain text: the delimiter, CR, LF and `"`.
    ends_plain_text: [bool; 256],
    /// Problems of the row just read, before the reader knows its headers.
    row_problems: Vec<SheetProblem>,
}

impl<'a> Tokenizer<'a> {
    fn next_row(&mut self, width: usize) -> Option<Row<'a>> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let line = self.line;
        let mut cells = Vec::with_capacity(width);
        loop {
            let column = cells.len() + 1;
            let text = self.cell(line, column);
            if text.len() > MAX_CELL_CHARS {
                let chars = text.chars().count();
                if chars > MAX_CELL_CHARS {
                    self.row_problems.push(SheetProblem::at(
                        line,
                        column,
                        format!(
                            "the cell has {} characters; the limit is {}",
                            thousands(chars),
                            thousands(MAX_CELL_CHARS)
                        ),
                    ));
                }
            }
            cells.push(Cell { text, line, column });
            match self.bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => self.pos += 1,
                Some(b'\r') => {
                    self.pos += 1;
                    if self.bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    break;
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    break;
                }
                _ => break,
            }
        }
        Some(Row { line, cells })
    }

    /// Reads one cell from `pos`, leaving `pos` on the delimiter or line end after it.
    fn cell(&mut self, row_line: usize, column: usize) -> Cow<'a, str> {
        let start = self.pos;
        let mut p = start;
        while p < self.bytes.len() && self.is_blank(self.bytes[p]) {
            p += 1;
        }
        if self.bytes.get(p) == Some(&b'"') {
            return self.quoted_cell(p, row_line, column);
        }
        let end = self.unquoted_end(p, row_line, column);
        self.pos = end;
        Cow::Borrowed(self.text[start..end].trim())
    }

    /// The end of unquoted text starting at `from`; a quote inside it is a problem (kept
    /// as text).
    fn unquoted_end(&mut self, from: usize, row_line: usize, column: usize) -> usize {
        let mut p = from;
        let mut stray_quote = false;
        loop {
            // The hot loop: one table look-up per ordinary byte.
            while p < self.bytes.len() && !self.ends_plain_text[self.bytes[p] as usize] {
                p += 1;
            }
            if self.bytes.get(p) != Some(&b'"') {
                break;
            }
            stray_quote = true;
            p += 1;
        }
        if stray_quote {
            self.row_problems.push(SheetProblem::at(
                row_line,
                column,
                "a quote inside a cell that does not start with one; quote the whole cell \
                 and double each quote inside it (\"\")",
            ));
        }
        p
    }

    fn quoted_cell(&mut self, open: usize, row_line: usize, column: usize) -> Cow<'a, str> {
        let open_line = self.line;
        let content_start = open + 1;
        let mut p = content_start;
        let mut segment = content_start;
        // Built only when the content differs from the text: a `""` or a CR inside.
        let mut owned: Option<String> = None;
        let content_end;
        loop {
            let Some(&b) = self.bytes.get(p) else {
                let where_ = if open_line == row_line {
                    String::new()
                } else {
                    format!(" (on line {open_line})")
                };
                self.row_problems.push(SheetProblem::at(
                    row_line,
                    column,
                    format!(
                        "the quote that opens this cell{where_} is never closed; the rest of \
                         the file was read as this one cell"
                    ),
                ));
                content_end = p;
                break;
            };
            match b {
                b'"' if self.bytes.get(p + 1) == Some(&b'"') => {
                    owned
                        .get_or_insert_with(String::new)
                        .push_str(&self.text[segment..=p]);
                    p += 2;
                    segment = p;
                }
                b'"' => {
                    content_end = p;
                    p += 1;
                    break;
                }
                b'\r' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[segment..p]);
                    s.push('\n');
                    p += 1;
                    if self.bytes.get(p) == Some(&b'\n') {
                        p += 1;
                    }
                    self.line += 1;
                    segment = p;
                }
                b'\n' => {
                    self.line += 1;
                    p += 1;
                }
                _ => p += 1,
            }
        }
        let mut content = match owned {
            Some(mut s) => {
                s.push_str(&self.text[segment..content_end]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&self.text[content_start..content_end]),
        };
        // Blanks may follow the closing quote; anything else is kept, with a problem.
        let mut after = p;
        while after < self.bytes.len() && self.is_blank(self.bytes[after]) {
            after += 1;
        }
        match self.bytes.get(after) {
            Some(&b) if b != self.delimiter && b != b'\r' && b != b'\n' => {
                self.row_problems.push(SheetProblem::at(
                    row_line,
                    column,
                    "text after the closing quote of a quoted cell; a quote inside a quoted \
                     cell must be doubled (\"\")",
                ));
                let end = self.unquoted_end(after, row_line, column);
                content.to_mut().push_str(&self.text[p..end]);
                self.pos = end;
            }
            _ => self.pos = after,
        }
        trim_cow(content)
    }

    /// A space (or a tab when tab is not the delimiter) around a quoted cell.
    fn is_blank(&self, b: u8) -> bool {
        b == b' ' || (b == b'\t' && self.delimiter != b'\t')
    }
}

fn trim_cow(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => {
            let trimmed = s.trim();
            if trimmed.len() == s.len() {
                Cow::Owned(s)
            } else {
                Cow::Owned(trimmed.to_owned())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Out (§5)

/// One cell to write.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OutCell<'a> {
    Text(&'a str),
    /// Written in full precision; NaN and infinities (which no ranking produces) as an
    /// empty cell.
    Number(f64),
    Empty,
}

/// How to write: the delimiter and the decimal separator (`--delimiter ';'
/// --decimal-comma` is what a Polish or Russian spreadsheet opens directly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvStyle {
    pub delimiter: Delimiter,
    pub decimal_comma: bool,
}

impl Default for CsvStyle {
    fn default() -> CsvStyle {
        CsvStyle {
            delimiter: Delimiter::Comma,
            decimal_comma: false,
        }
    }
}

/// Writes RFC 4180 CSV: a UTF-8 BOM first (so Excel reads UTF-8), CRLF after every row.
#[derive(Clone, Debug)]
pub struct CsvWriter {
    out: String,
    style: CsvStyle,
}

impl CsvWriter {
    pub fn new(style: CsvStyle) -> CsvWriter {
        CsvWriter {
            out: String::from('\u{FEFF}'),
            style,
        }
    }

    /// Appends one row.
    pub fn row<'c>(&mut self, cells: impl IntoIterator<Item = OutCell<'c>>) {
        let delimiter = self.style.delimiter.as_char();
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(delimiter);
            }
            match cell {
                OutCell::Text(text) => push_text(&mut self.out, text, delimiter),
                OutCell::Number(x) => {
                    let number = format_number(x, self.style.decimal_comma);
                    push_field(&mut self.out, &number, delimiter);
                }
                OutCell::Empty => {}
            }
        }
        self.out.push_str("\r\n");
    }

    /// Appends a row of text cells (a header).
    pub fn text_row<S: AsRef<str>>(&mut self, cells: &[S]) {
        self.row(cells.iter().map(|c| OutCell::Text(c.as_ref())));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A number as `rank --json` writes it: whole numbers without a fraction, others in the
/// shortest form that reads back exactly; `,` for the decimal point when asked. Not
/// finite: empty.
pub fn format_number(x: f64, decimal_comma: bool) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let mut text = crate::json::number::canonical(x);
    if decimal_comma {
        text = text.replace('.', ",");
    }
    text
}

/// Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a CR
/// first) is written with a leading `'`, which spreadsheets show as text.
fn push_text(out: &mut String, text: &str, delimiter: char) {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        let guarded = format!("'{text}");
        push_field(out, &guarded, delimiter);
    } else {
        push_field(out, text, delimiter);
    }
}

fn push_field(out: &mut String, text: &str, delimiter: char) {
    let needs_quotes = text.contains([delimiter, '"', '\r', '\n']);
    if needs_quotes {
        out.push('"');
        for (i, part) in text.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'t>(table: &'t Table<'_>) -> Vec<Vec<&'t str>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
            .collect()
    }

    fn header<'t>(table: &'t Table<'_>) -> Vec<&'t str> {
        table.header.cells.iter().map(|c| c.text.as_ref()).collect()
    }

    fn read(text: &str) -> Table<'_> {
        read_table(text, None).unwrap()
    }

    // --- delimiter

    #[test]
    fn the_delimiter_is_the_most_frequent_outside_quotes_in_the_header() {
        assert_eq!(
            guess_delimiter("id,title,cost\n1;2;3;4;5;6\n"),
            Delimiter::Comma
        );
        assert_eq!(guess_delimiter("id;title;cost,eur\n"), Delimiter::Semicolon);
        assert_eq!(guess_delimiter("id\ttitle\tcost\r\n"), Delimiter::Tab);
        assert_eq!(guess_delimiter("id|title|cost\n"), Delimiter::Pipe);
        // Delimiters inside quotes do not count, even across a line break.
        assert_eq!(
            guess_delimiter("\"a,b,c,d\";\"e,\nf\";g\n1,2,3,4,5\n"),
            Delimiter::Semicolon
        );
        // Ties go to the earlier in `,` `;` tab `|`; no delimiter at all means `,`.
        assert_eq!(guess_delimiter("a;b,c\n"), Delimiter::Comma);
        assert_eq!(guess_delimiter("a|b\tc\n"), Delimiter::Tab);
        assert_eq!(guess_delimiter("title\n"), Delimiter::Comma);
        assert_eq!(guess_delimiter(""), Delimiter::Comma);
    }

    #[test]
    fn the_delimiter_is_guessed_from_the_first_line_with_text() {
        assert_eq!(
            guess_delimiter("\n  \r\n;;;\n\t,|\nid|title|x,y\n"),
            Delimiter::Pipe
        );
        // A line with a quote is the header line, even with no text.
        assert_eq!(
            guess_delimiter("\"\";\"\"\nid|title|x,y\n"),
            Delimiter::Semicolon
        );
        let table = read(";;;\r\n\r\nid|title\r\n1|A\r\n");
        assert_eq!(table.delimiter, Delimiter::Pipe);
        assert!(table.delimiter_guessed);
        assert_eq!(header(&table), ["id", "title"]);
        assert_eq!(table.header.line, 3);
    }

    #[test]
    fn a_given_delimiter_wins_over_the_guess() {
        let table = read_table("a,b;c\n1,2;3\n", Some(Delimiter::Semicolon)).unwrap();
        assert!(!table.delimiter_guessed);
        assert_eq!(header(&table), ["a,b", "c"]);
        assert_eq!(cells(&table), [["1,2", "3"]]);
    }

    #[test]
    fn delimiter_arguments() {
        assert_eq!(Delimiter::parse(","), Some(Delimiter::Comma));
        assert_eq!(Delimiter::parse(";"), Some(Delimiter::Semicolon));
        assert_eq!(Delimiter::parse("|"), Some(Delimiter::Pipe));
        for tab in ["\t", "\\t", "tab", "TAB"] {
            assert_eq!(Delimiter::parse(tab), Some(Delimiter::Tab), "{tab:?}");
        }
        for bad in ["", ":", ",,", " ", "comma"] {
            assert_eq!(Delimiter::parse(bad), None, "{bad:?}");
        }
        for d in Delimiter::ALL {
            assert_eq!(Delimiter::parse(&d.as_char().to_string()), Some(d));
        }
    }

    // --- quoting

    #[test]
    fn quoted_cells_hold_delimiters_quotes_and_line_breaks() {
        let text = "id,description\r\n\
                    A-1,\"Sync, then retry\"\r\n\
                    A-2,\"The \"\"big\"\" one\"\r\n\
                    A-3,\"two\r\nlines\"\r\n\
                    A-4,\"lf\nonly\"\r\n\
                    A-5,\"old\rmac\"\r\n";
        let table = read(text);
        assert!(table.problems.is_empty(), "{}", table.problems);
        assert_eq!(
            cells(&table),
            [
                ["A-1", "Sync, then retry"],
                ["A-2", "The \"big\" one"],
                ["A-3", "two\nlines"],
                ["A-4", "lf\nonly"],
                ["A-5", "old\nmac"],
            ]
        );
        // Each row knows the line on which it begins, line breaks in cells counted.
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4, 6, 8]);
    }

    #[test]
    fn plain_cells_are_borrowed_not_copied() {
        let table = read("a,b\n x ,\"y\"\n\"p\"\"q\",\"r\r\ns\"\n");
        let row = &table.rows[0];
        assert!(matches!(row.cells[0].text, Cow::Borrowed("x")));
        assert!(matches!(row.cells[1].text, Cow::Borrowed("y")));
        let row = &table.rows[1];
        assert!(matches!(&row.cells[0].text, Cow::Owned(s) if s == "p\"q"));
        assert!(matches!(&row.cells[1].text, Cow::Owned(s) if s == "r\ns"));
    }

    #[test]
    fn blanks_around_a_quoted_cell_are_allowed() {
        let table = read("a,b,c\n  \"x, y\"  , \"z\"\t,w\n");
        assert!(table.problems.is_empty(), "{}", table.problems);
        assert_eq!(cells(&table), [["x, y", "z", "w"]]);
        // With tab as the delimiter a tab is not a blank but the next cell.
        let table = read("a\tb\tc\n\"x\"\t\"y\"\t\n");
        assert!(table.problems.is_empty(), "{}", table.problems);
        assert_eq!(cells(&table), [["x", "y", ""]]);
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_a_problem_and_kept() {
        let table = read("title,size\n\"ok\",1\n27\" monitor,2\n");
        assert_eq!(cells(&table)[1], ["27\" monitor", "2"]);
        assert_eq!(table.problems.len(), 1);
        let p = &table.problems.list[0];
        assert_eq!((p.line, p.column), (3, 1));
        assert_eq!(p.header.as_deref(), Some("title"));
        assert!(p
            .to_string()
            .starts_with("CSV:3:1 (header \"title\"): a quote inside"));
    }

    #[test]
    fn text_after_a_closing_quote_is_a_problem_and_kept() {
        let table = read("a,b\nx,\"The \"big\" one\"\n");
        assert_eq!(cells(&table), [["x", "The big\" one\""]]);
        let p = &table.problems.list[0];
        assert_eq!((p.line, p.column), (2, 2));
        assert!(p.message.starts_with("text after the closing quote"), "{p}");
    }

    #[test]
    fn an_unterminated_quote_takes_the_rest_of_the_file_with_a_problem() {
        let table = read("id,notes\nA-1,\"open\nA-2,never closed\n");
        assert_eq!(cells(&table), [["A-1", "open\nA-2,never closed"]]);
        assert_eq!(table.problems.len(), 1);
        let p = &table.problems.list[0];
        assert_eq!((p.line, p.column), (2, 2));
        assert!(p.message.contains("never closed"), "{p}");

        // Opened on a later line than its row begins: the message says where.
        let table = read("a,b,c\n\"x\ny\",\"z\n");
        let p = &table.problems.list[0];
        assert_eq!((p.line, p.column), (2, 2));
        assert!(p.message.contains("(on line 3)"), "{p}");

        // In the header: no header name, and the file still has its header.
        let table = read("\"id,title\n");
        assert_eq!(header(&table), ["id,title"]);
        assert_eq!(table.problems.list[0].header, None);
    }

    // --- lines, rows and cells

    #[test]
    fn line_ends_may_be_crlf_lf_or_cr_and_mixed() {
        let table = read("a,b\r\n1,2\n3,4\r5,6");
        assert_eq!(cells(&table), [["1", "2"], ["3", "4"], ["5", "6"]]);
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 4]);
    }

    #[test]
    fn the_first_non_empty_line_is_the_header_and_empty_rows_are_skipped() {
        let text = "\r\n   \r\n,,\r\nid,title\r\n\r\n1,A\r\n , \r\n\"\",\"\"\r\n2,B\r\n\r\n";
        let table = read(text);
        assert_eq!(header(&table), ["id", "title"]);
        assert_eq!(table.header.line, 4);
        assert_eq!(cells(&table), [["1", "A"], ["2", "B"]]);
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [6, 9]);
    }

    #[test]
    fn every_cell_knows_its_line_and_column() {
        let table = read("a;b;c\n1;\"x\ny\";3\n4;5;6\n");
        let where_: Vec<(usize, usize)> = table
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| (c.line, c.column)))
            .collect();
        assert_eq!(where_, [(2, 1), (2, 2), (2, 3), (4, 1), (4, 2), (4, 3)]);
        let cell = &table.rows[1].cells[2];
        assert_eq!(
            table.problem(cell, "\"6\" is odd").to_string(),
            "CSV:4:3 (header \"c\"): \"6\" is odd"
        );
    }

    #[test]
    fn cells_are_trimmed_quoted_or_not() {
        let table = read("a,b,c\n  x  ,\" y \",\u{00A0}z\u{202F}\n");
        assert_eq!(cells(&table), [["x", "y", "z"]]);
    }

    #[test]
    fn short_rows_are_fine_and_extra_cells_are_a_problem_only_with_text() {
        let table = read("a,b,c\n1\n1,2,3,,\n1,2,3,4\n");
        assert_eq!(table.rows[0].text(2), "");
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.problems.len(), 1, "{}", table.problems);
        let p = &table.problems.list[0];
        assert_eq!((p.line, p.column), (4, 4));
        assert!(p.message.contains("must be quoted"), "{p}");
        assert_eq!(table.header_text(7), "");
    }

    #[test]
    fn a_header_only_file_has_no_rows_and_an_empty_file_no_header() {
        let table = read("id,title\n");
        assert!(table.rows.is_empty());
        for empty in ["", "\n\n", " \r\n , \r\n"] {
            let e = read_table(empty, None).unwrap_err();
            assert_eq!(e.line, 0);
            assert!(e.message.contains("no header"), "{e}");
        }
    }

    #[test]
    fn a_trailing_delimiter_makes_an_empty_last_cell() {
        let table = read("a;b;\n1;2;\n");
        assert_eq!(header(&table), ["a", "b", ""]);
        assert_eq!(cells(&table), [["1", "2", ""]]);
    }

    // --- limits

    #[test]
    fn more_than_the_row_limit_is_refused_naming_the_limit() {
        let mut text = String::from("id\n");
        for i in 0..MAX_DATA_ROWS {
            text.push_str(&format!("{i}\n"));
        }
        assert_eq!(read(&text).rows.len(), MAX_DATA_ROWS);
        // Empty rows do not count.
        text.push_str("\n,\n");
        assert!(read_table(&text, None).is_ok());
        text.push_str("one too many\n");
        let e = read_table(&text, None).unwrap_err();
        assert_eq!(e.line, MAX_DATA_ROWS + 4);
        assert!(e.message.contains("more than 100,000 data rows"), "{e}");
    }

    #[test]
    fn a_cell_over_the_size_limit_is_a_problem() {
        let fits = "é".repeat(MAX_CELL_CHARS);
        let text = format!("a,b\nx,\"{fits}\"\n");
        assert!(read_table(&text, None).unwrap().problems.is_empty());
        let over = "x".repeat(MAX_CELL_CHARS + 1);
        let text = format!("a,b\nx,{over}\n");
        let table = read_table(&text, None).unwrap();
        let p = &table.problems.list[0];
        assert_eq!((p.line, p.column, p.header.as_deref()), (2, 2, Some("b")));
        assert_eq!(
            p.message,
            "the cell has 10,001 characters; the limit is 10,000"
        );
    }

    #[test]
    fn thousands_in_messages() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    // --- out

    fn written(style: CsvStyle, rows: &[Vec<OutCell<'_>>]) -> String {
        let mut w = CsvWriter::new(style);
        for row in rows {
            w.row(row.iter().copied());
        }
        w.finish()
    }

    #[test]
    fn output_is_utf8_with_a_bom_and_crlf_and_quotes_only_when_needed() {
        use OutCell::*;
        let mut w = CsvWriter::new(CsvStyle::default());
        w.text_row(&["rank", "id", "title"]);
        w.row([Number(1.0), Text("FS-1"), Text("Sync, then \"retry\"")]);
        w.row([Number(2.0), Text("FS-2"), Text("two\nlines")]);
        w.row([Empty, Text("Łódź"), Empty]);
        assert_eq!(
            w.finish(),
            "\u{FEFF}rank,id,title\r\n\
             1,FS-1,\"Sync, then \"\"retry\"\"\"\r\n\
             2,FS-2,\"two\nlines\"\r\n\
             ,Łódź,\r\n"
        );
    }

    #[test]
    fn formula_like_text_gets_a_leading_apostrophe_but_numbers_do_not() {
        use OutCell::*;
        let out = written(
            CsvStyle::default(),
            &[vec![
                Text("=HYPERLINK(\"x\")"),
                Text("+1"),
                Text("-2"),
                Text("@SUM(A1)"),
                Text("\tindent"),
                Text("\rcr"),
                Text("a=b"),
                Number(-2.5),
            ]],
        );
        assert_eq!(
            out,
            "\u{FEFF}\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tindent,\"'\rcr\",a=b,-2.5\r\n"
        );
        // With tab as the delimiter, a guarded tab cell must be quoted.
        let style = CsvStyle {
            delimiter: Delimiter::Tab,
            decimal_comma: false,
        };
        assert_eq!(
            written(style, &[vec![Text("\tx"), Text("y")]]),
            "\u{FEFF}\"'\tx\"\ty\r\n"
        );
    }

    #[test]
    fn numbers_in_full_precision_with_an_optional_decimal_comma() {
        assert_eq!(format_number(3.0, false), "3");
        assert_eq!(format_number(-0.0, false), "0");
        assert_eq!(format_number(65.8, false), "65.8");
        assert_eq!(format_number(0.1 + 0.2, false), "0.30000000000000004");
        assert_eq!(format_number(1e-7, false), "1e-7");
        assert_eq!(format_number(2.5e20, false), "2.5e20");
        assert_eq!(format_number(1234.5, true), "1234,5");
        assert_eq!(format_number(f64::NAN, false), "");
        assert_eq!(format_number(f64::INFINITY, true), "");

        use OutCell::*;
        let polish = CsvStyle {
            delimiter: Delimiter::Semicolon,
            decimal_comma: true,
        };
        assert_eq!(
            written(polish, &[vec![Text("a;b"), Number(12.75), Number(4.0)]]),
            "\u{FEFF}\"a;b\";12,75;4\r\n"
        );
        // A decimal comma with `,` as the delimiter is quoted.
        let odd = CsvStyle {
            delimiter: Delimiter::Comma,
            decimal_comma: true,
        };
        assert_eq!(written(odd, &[vec![Number(1.5)]]), "\u{FEFF}\"1,5\"\r\n");
    }

    #[test]
    fn what_is_written_reads_back() {
        use OutCell::*;
        for delimiter in Delimiter::ALL {
            let style = CsvStyle {
                delimiter,
                decimal_comma: false,
            };
            let rows = vec![
                vec![Text("id"), Text("title"), Text("note")],
                vec![Text("A;1"), Text("x|y,z\tw"), Text("say \"hi\"\r\nbye")],
                vec![Text("B"), Number(0.25), Text("=1+1")],
            ];
            let out = written(style, &rows);
            let decoded = super::super::decode::decode(out.as_bytes()).unwrap();
            let table = read_table(&decoded.text, None).unwrap();
            assert_eq!(table.delimiter, delimiter);
            assert!(table.problems.is_empty(), "{}", table.problems);
            assert_eq!(
                cells(&table),
                [
                    ["A;1", "x|y,z\tw", "say \"hi\"\nbye"],
                    ["B", "0.25", "'=1+1"]
                ]
            );
        }
    }
}
