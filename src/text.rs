//! Text for people: numbers written for reading, long strings shortened, and anything
//! from a file made safe to print on a terminal.

use std::borrow::Cow;

/// A number for people: at most `decimals` decimals, no trailing zeros, no `-0`.
pub fn number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// A count with thousands separated by commas, for messages: `100000` → `100,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number as a PM typed it, without binary noise: about eight significant digits
/// (`0.1 + 0.2` reads `0.3`), at most twelve decimals.
pub fn typed(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return number(x, 0);
    }
    let decimals = (8 - x.abs().log10().floor() as i64).clamp(0, 12) as usize;
    number(x, decimals)
}

/// A score: one decimal, unless more is needed to tell it apart from 0.
pub fn score(x: f64) -> String {
    if x != 0.0 && x.abs() < 0.05 {
        format!("{x:.3e}")
    } else {
        format!("{x:.1}")
    }
}

/// `s` cut to `max` characters, ending in `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some(_) => {
            let cut = s
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(s.len(), |(i, _)| i);
            let mut t = s[..cut].to_string();
            t.push('…');
            t
        }
    }
}

/// Whether a character must not reach a terminal or a reader as it is: control
/// characters (C0, DEL, C1), the bidirectional overrides and isolates that reorder what
/// is shown, and zero-width characters that hide text.
pub fn is_hazard(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Text safe to print on a terminal: every [hazard](is_hazard) except the line break
/// written as a visible escape (`\u{1b}`, `\u{202e}`), everything else as it is.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_hazard(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c != '\n' && is_hazard(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A line of a table or a message: like [`for_terminal`], and line breaks escaped too.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hazard) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            c if is_hazard(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A table column's width in characters: its widest cell, within `min..=max`.
pub fn column_width<S: AsRef<str>>(
    cells: impl IntoIterator<Item = S>,
    min: usize,
    max: usize,
) -> usize {
    cells
        .into_iter()
        .map(|s| s.as_ref().chars().count())
        .max()
        .unwrap_or(min)
        .clamp(min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        assert_eq!(number(4.0, 2), "4");
        assert_eq!(number(0.126, 2), "0.13");
        assert_eq!(number(25.1, 2), "25.1");
        assert_eq!(number(-0.0001, 2), "0");
        assert_eq!(typed(0.1 + 0.2), "0.3");
        assert_eq!(typed(43.5), "43.5");
        assert_eq!(typed(0.0), "0");
        assert_eq!(score(65.8123), "65.8");
        assert_eq!(score(0.001234), "1.234e-3");
    }

    #[test]
    fn shorten_counts_characters() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "ab…");
        assert_eq!(shorten("ééééé", 4), "ééé…");
    }

    #[test]
    fn terminal_text_shows_hazards_as_escapes() {
        assert_eq!(for_terminal("plain ✓"), "plain ✓");
        assert_eq!(for_terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(for_terminal("x\u{202e}y\u{200b}"), "x\\u{202e}y\\u{200b}");
        assert_eq!(for_terminal("two\nlines"), "two\nlines");
        assert_eq!(one_line("two\nlines\r"), "two\\nlines\\u{d}");
    }

    #[test]
    fn a_column_is_as_wide_as_its_widest_cell_within_its_bounds() {
        assert_eq!(super::column_width(["a", "abc"], 2, 10), 3);
        assert_eq!(super::column_width(["a"], 2, 10), 2);
        assert_eq!(super::column_width(Vec::<&str>::new(), 2, 10), 2);
        assert_eq!(super::column_width(["ééééé"], 2, 4), 4);
    }
}
