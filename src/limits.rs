//! The contract's limits (§1), defined once: the reader, the command line, the workbench
//! and the page (through the bindings) all use these.
//!
//! **Size.** The contract limits a file to 50 MiB of text. Thresh counts the JSON's own
//! bytes — everything but the spaces, tabs and line breaks between tokens — so that a
//! scenario's size does not depend on its layout: the canonical export of a 100,000-request
//! scenario (two-space indentation, one field per line) is half as large again as the same
//! scenario written compactly, and both read back. The whole file, indentation included,
//! may hold four times the limit (the bound that keeps a reader's memory finite when the
//! input is endless whitespace); the canonical layout stays far below that.

use crate::error::ReadError;

pub const MAX_CONTENT_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_FILE_BYTES: usize = 4 * MAX_CONTENT_BYTES;
pub const MAX_REQUESTS: usize = 100_000;
pub const MAX_ACCOUNTS: usize = 100_000;
pub const MAX_CRITERIA: usize = 64;
pub const MAX_STRING_CHARS: usize = 10_000;
/// Reported problems beyond this many are counted, not listed.
pub const MAX_PROBLEMS: usize = 100;

/// Counts a JSON text's own bytes (outside the whitespace between tokens), fed in pieces
/// as it is read, so that a reader can stop as soon as a limit is passed.
#[derive(Clone, Debug, Default)]
pub struct SizeCounter {
    /// All bytes fed.
    pub total: usize,
    /// Bytes that are not whitespace between tokens.
    pub content: usize,
    in_string: bool,
    escaped: bool,
}

impl SizeCounter {
    pub fn feed(&mut self, bytes: &[u8]) {
        self.total += bytes.len();
        let mut content = 0;
        for &b in bytes {
            if self.in_string {
                content += 1;
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                content += 1;
                self.in_string = b == b'"';
            }
        }
        self.content += content;
    }

    /// The limit passed so far, as the error to report.
    pub fn check(&self) -> Result<(), ReadError> {
        if self.content > MAX_CONTENT_BYTES {
            Err(ReadError::TooLarge {
                bytes: self.content,
                limit: MAX_CONTENT_BYTES,
                content: true,
            })
        } else if self.total > MAX_FILE_BYTES {
            Err(ReadError::TooLarge {
                bytes: self.total,
                limit: MAX_FILE_BYTES,
                content: false,
            })
        } else {
            Ok(())
        }
    }
}

/// Checks a whole text against the size limits.
pub fn check_size(bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.len() <= MAX_CONTENT_BYTES {
        return Ok(());
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
            content: false,
        });
    }
    let mut counter = SizeCounter::default();
    counter.feed(bytes);
    counter.check()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_does_not_count() {
        let mut c = SizeCounter::default();
        c.feed(b"{\n  \"a b\": [1, ");
        c.feed(b"\"x\\\" \"]\n}\n");
        assert_eq!(c.content, "{\"a b\":[1,\"x\\\" \"]}".len());
        assert_eq!(c.total, 25);
    }
}
