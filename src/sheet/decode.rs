//! Bytes → text, as §4 "Text" says: UTF-8 (a BOM skipped), UTF-16 with a BOM (what Excel
//! saves as "Unicode text"), or, natively, any WHATWG encoding named by a label
//! (`--encoding windows-1250`).
//!
//! Without a label, bytes that are not UTF-8 are refused with the place of the first bad
//! byte: guessing a legacy encoding silently turns "zł" into "z³" in every cell. The page
//! decodes with the browser's `TextDecoder` instead of [`decode_with_label`], so the
//! WebAssembly build carries no encoding tables (`encoding_rs` is a native-only
//! dependency).
//!
//! Cost: one validation pass over the bytes; UTF-8 text without a BOM is borrowed, not
//! copied.

use std::borrow::Cow;
use std::fmt;

use super::SheetProblem;

pub const UTF_8: &str = "UTF-8";
pub const UTF_16LE: &str = "UTF-16LE";
pub const UTF_16BE: &str = "UTF-16BE";

/// Decoded text and how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding used, by its WHATWG name: `UTF-8`, `UTF-16LE`, `windows-1250`, …
    pub encoding: &'static str,
    /// Whether a byte order mark was found (and skipped).
    pub bom: bool,
    /// Whether some bytes could not be decoded and became U+FFFD (only with a label; the
    /// caller should warn that the encoding is probably not the file's).
    pub lossy: bool,
}

/// Why bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8 and no encoding given: the first byte that is not UTF-8, with its offset
    /// in the file (from 0, BOM included) and its line and column (characters, from 1).
    NotUtf8 {
        byte: u8,
        offset: usize,
        line: usize,
        column: usize,
    },
    /// Valid UTF-8 holding a NUL character: no spreadsheet writes one, but UTF-16 without
    /// a BOM looks exactly like this.
    NulCharacter {
        offset: usize,
        line: usize,
        column: usize,
    },
    /// UTF-16 (by its BOM) that ends in half a character or holds an unpaired surrogate.
    NotUtf16 {
        encoding: &'static str,
        offset: usize,
    },
    /// A label that names no WHATWG encoding, or one Thresh cannot read text with.
    UnknownEncoding(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotUtf8 {
                byte,
                offset,
                line,
                column,
            } => write!(
                f,
                "the file is not UTF-8: byte 0x{byte:02X} at line {line}, column {column} \
                 (offset {offset}) is not UTF-8; name the file's encoding, for example \
                 --encoding windows-1250"
            ),
            DecodeError::NulCharacter {
                offset,
                line,
                column,
            } => write!(
                f,
                "the file holds a NUL character at line {line}, column {column} (offset \
                 {offset}); if it is UTF-16 without a byte order mark, name it with \
                 --encoding utf-16le or --encoding utf-16be"
            ),
            DecodeError::NotUtf16 { encoding, offset } => write!(
                f,
                "the file starts with a {encoding} byte order mark but is not {encoding} \
                 from offset {offset}"
            ),
            DecodeError::UnknownEncoding(label) => write!(
                f,
                "{} is not an encoding Thresh can read (use a WHATWG label such as utf-8, \
                 windows-1250, windows-1251 or gbk)",
                super::quoted(label)
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

impl From<DecodeError> for SheetProblem {
    fn from(e: DecodeError) -> SheetProblem {
        SheetProblem::file(e.to_string())
    }
}

/// Decodes a file whose encoding was not given: UTF-16 by its BOM, otherwise UTF-8 (a BOM
/// skipped). Bytes that are not UTF-8 are an error naming the first of them.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, UTF_16LE, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, UTF_16BE, u16::from_be_bytes);
    }
    let decoded = decode_utf8(bytes)?;
    if let Some(at) = decoded.text.find('\0') {
        let bom = if decoded.bom { 3 } else { 0 };
        let (line, column) = line_and_column(&decoded.text[..at]);
        return Err(DecodeError::NulCharacter {
            offset: at + bom,
            line,
            column,
        });
    }
    Ok(decoded)
}

/// Decodes with the encoding a WHATWG label names (`windows-1250`, `cp1251`, `gbk`,
/// `latin1`, …; case and surrounding spaces ignored). UTF-8 stays strict (a bad byte is an
/// error, as without a label); other encodings replace undecodable bytes with U+FFFD and
/// say so in [`Decoded::lossy`], as the page's `TextDecoder` does. A BOM of the named
/// encoding is skipped.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_with_label<'a>(bytes: &'a [u8], label: &str) -> Result<Decoded<'a>, DecodeError> {
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .filter(|e| *e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| DecodeError::UnknownEncoding(label.to_owned()))?;
    if encoding == encoding_rs::UTF_8 {
        return decode_utf8(bytes);
    }
    let bom = encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e == encoding);
    let (text, lossy) = encoding.decode_with_bom_removal(bytes);
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        bom,
        lossy,
    })
}

fn decode_utf8(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    let (body, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            bom,
            lossy: false,
        }),
        Err(e) => {
            let good = e.valid_up_to();
            // The prefix up to the bad byte is valid by definition.
            let prefix = std::str::from_utf8(&body[..good]).unwrap_or_default();
            let (line, column) = line_and_column(prefix);
            Err(DecodeError::NotUtf8 {
                byte: body[good],
                offset: good + if bom { 3 } else { 0 },
                line,
                column,
            })
        }
    }
}

fn decode_utf16<'a>(
    body: &[u8],
    encoding: &'static str,
    unit: fn([u8; 2]) -> u16,
) -> Result<Decoded<'a>, DecodeError> {
    const BOM_BYTES: usize = 2;
    let units = body.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(body.len());
    let mut offset = BOM_BYTES;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                text.push(c);
                offset += c.len_utf16() * 2;
            }
            Err(_) => return Err(DecodeError::NotUtf16 { encoding, offset }),
        }
    }
    if body.len() % 2 == 1 {
        return Err(DecodeError::NotUtf16 {
            encoding,
            offset: BOM_BYTES + body.len() - 1,
        });
    }
    Ok(Decoded {
        text: Cow::Owned(text),
        encoding,
        bom: true,
        lossy: false,
    })
}

/// The line (from 1) and column (characters, from 1) just after `prefix`: CRLF, LF and a
/// lone CR each end a line, as in the tokenizer.
fn line_and_column(prefix: &str) -> (usize, usize) {
    let bytes = prefix.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' => {
                line += 1;
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (line, prefix[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_its_bom_skipped() {
        let plain = decode("id,title\n1,Zażółć".as_bytes()).unwrap();
        assert_eq!(plain.text, "id,title\n1,Zażółć");
        assert!(matches!(plain.text, Cow::Borrowed(_)));
        assert_eq!(
            (plain.encoding, plain.bom, plain.lossy),
            (UTF_8, false, false)
        );

        let with_bom = decode(b"\xEF\xBB\xBFid,title\n").unwrap();
        assert_eq!(with_bom.text, "id,title\n");
        assert_eq!((with_bom.encoding, with_bom.bom), (UTF_8, true));

        assert_eq!(decode(b"").unwrap().text, "");
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap().text, "");
    }

    #[test]
    fn the_first_byte_that_is_not_utf8_is_named_with_its_place() {
        // windows-1250 "Łódź" after two lines (CRLF and a lone CR each end one).
        let bytes = b"id;title\r\nA-1;ok\rA-2;\xA3\xF3d\x9F";
        let e = decode(bytes).unwrap_err();
        assert_eq!(
            e,
            DecodeError::NotUtf8 {
                byte: 0xA3,
                offset: 21,
                line: 3,
                column: 5
            }
        );
        let message = e.to_string();
        assert!(
            message.contains("byte 0xA3 at line 3, column 5 (offset 21)"),
            "{message}"
        );
        assert!(message.contains("--encoding"), "{message}");

        // Columns count characters, not bytes; the BOM counts in the offset only.
        let e = decode(b"\xEF\xBB\xBF\xC5\xBC\xC3\xB3\xC5\x82w,\xFF").unwrap_err();
        assert_eq!(
            e,
            DecodeError::NotUtf8 {
                byte: 0xFF,
                offset: 3 + 8,
                line: 1,
                column: 6
            }
        );

        // A sequence cut short at the end of the file.
        assert!(matches!(
            decode(b"ab\xC5"),
            Err(DecodeError::NotUtf8 {
                byte: 0xC5,
                offset: 2,
                ..
            })
        ));
    }

    #[test]
    fn a_nul_character_is_refused_as_probably_utf16_without_bom() {
        let e = decode(b"i\0d\0").unwrap_err();
        assert_eq!(
            e,
            DecodeError::NulCharacter {
                offset: 1,
                line: 1,
                column: 2
            }
        );
        assert!(e.to_string().contains("--encoding utf-16le"));
    }

    #[test]
    fn utf16_with_a_bom_in_either_order() {
        let text = "Title\tPoints\r\nÉtude 😀\t3\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding, d.bom), (text, UTF_16LE, true));
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), (text, UTF_16BE));
        assert_eq!(decode(&[0xFF, 0xFE]).unwrap().text, "");
    }

    #[test]
    fn broken_utf16_is_refused_with_its_offset() {
        // Half a character at the end.
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, b'b']).unwrap_err(),
            DecodeError::NotUtf16 {
                encoding: UTF_16LE,
                offset: 4
            }
        );
        // A lone high surrogate followed by "a".
        assert_eq!(
            decode(&[0xFF, 0xFE, b'x', 0, 0x3D, 0xD8, b'a', 0]).unwrap_err(),
            DecodeError::NotUtf16 {
                encoding: UTF_16LE,
                offset: 4
            }
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_label_names_the_encoding() {
        // "Łódź;12,5 zł" in windows-1250.
        let bytes = b"\xA3\xF3d\x9F;12,5 z\xB3";
        let d = decode_with_label(bytes, " Windows-1250 ").unwrap();
        assert_eq!(d.text, "Łódź;12,5 zł");
        assert_eq!((d.encoding, d.bom, d.lossy), ("windows-1250", false, false));

        // "Москва;1 500 руб." in windows-1251, by another label of it.
        let bytes = b"\xCC\xEE\xF1\xEA\xE2\xE0;1 500 \xF0\xF3\xE1.";
        let d = decode_with_label(bytes, "cp1251").unwrap();
        assert_eq!(d.text, "Москва;1 500 руб.");
        assert_eq!(d.encoding, "windows-1251");

        // "需求" in GBK.
        let d = decode_with_label(b"\xD0\xE8\xC7\xF3", "gbk").unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("需求", "GBK"));

        // latin1 is windows-1252 in WHATWG.
        assert_eq!(
            decode_with_label(b"caf\xE9", "latin1").unwrap().encoding,
            "windows-1252"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_label_skips_only_its_own_bom_and_says_when_bytes_were_replaced() {
        let d = decode_with_label(b"\xFF\xFEa\0b\0", "utf-16le").unwrap();
        assert_eq!((d.text.as_ref(), d.bom), ("ab", true));
        let d = decode_with_label(b"a\0b\0", "utf-16le").unwrap();
        assert_eq!((d.text.as_ref(), d.bom), ("ab", false));

        // A truncated GBK pair becomes U+FFFD, and the caller hears of it.
        let d = decode_with_label(b"ok\xD0", "gbk").unwrap();
        assert_eq!(d.text, "ok\u{FFFD}");
        assert!(d.lossy);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_utf8_label_stays_strict_and_unknown_labels_are_refused() {
        assert_eq!(
            decode_with_label(b"\xEF\xBB\xBFok", "UTF8").unwrap().text,
            "ok"
        );
        assert!(matches!(
            decode_with_label(b"z\xB3", "utf-8"),
            Err(DecodeError::NotUtf8 { byte: 0xB3, .. })
        ));
        for label in ["klingon", "", "iso-2022-kr"] {
            let e = decode_with_label(b"x", label).unwrap_err();
            assert_eq!(e, DecodeError::UnknownEncoding(label.to_owned()));
        }
        let problem = SheetProblem::from(DecodeError::UnknownEncoding("klingon".into()));
        assert!(problem
            .to_string()
            .starts_with("CSV: \"klingon\" is not an encoding"));
    }
}
