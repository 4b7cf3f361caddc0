//! Turning a file's bytes into text: byte-order marks, UTF-16, invalid UTF-8 and
//! binary detection. Offsets in reports are into the decoded UTF-8 text.

use std::borrow::Cow;

/// How many leading bytes are looked at to decide whether a file is binary.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// The encoding a text was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8 {
        /// The text started with a byte-order mark (dropped).
        bom: bool,
        /// Invalid bytes were replaced with U+FFFD.
        lossy: bool,
    },
    /// UTF-16 little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian, with a byte-order mark.
    Utf16Be,
}

/// A decoded text, or the reason there is none.
#[derive(Debug)]
pub enum Decoded<'a> {
    /// The file's text and its encoding.
    Text(Cow<'a, str>, Encoding),
    /// The file holds a NUL byte in its first block and no UTF-16 byte-order mark.
    Binary,
}

/// Decodes a file's bytes. A UTF-8 byte-order mark is dropped (it is not a column);
/// UTF-16 with a byte-order mark is converted; invalid UTF-8 becomes U+FFFD so the
/// terms around it are still found.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Decoded::Text(
                Cow::Borrowed(text),
                Encoding::Utf8 {
                    bom: true,
                    lossy: false,
                },
            ),
            Err(_) => Decoded::Text(
                String::from_utf8_lossy(rest),
                Encoding::Utf8 {
                    bom: true,
                    lossy: true,
                },
            ),
        };
    }
    for (bom, encoding, kind) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, _) = encoding.decode_without_bom_handling(rest);
            return Decoded::Text(text, kind);
        }
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if memchr::memchr(0, head).is_some() {
        return Decoded::Binary;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::Text(
            Cow::Borrowed(text),
            Encoding::Utf8 {
                bom: false,
                lossy: false,
            },
        ),
        Err(_) => Decoded::Text(
            String::from_utf8_lossy(bytes),
            Encoding::Utf8 {
                bom: false,
                lossy: true,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        match decode(bytes) {
            Decoded::Text(t, _) => t.into_owned(),
            Decoded::Binary => panic!("binary"),
        }
    }

    #[test]
    fn encodings() {
        assert_eq!(text(b"\xEF\xBB\xBFab"), "ab");
        let mut le = vec![0xFF, 0xFE];
        le.extend("hé\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text(&le), "hé\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("hé".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text(&be), "hé");
        assert_eq!(text(b"caf\xe9 x"), "caf\u{FFFD} x");
        assert!(matches!(decode(b"a\0b"), Decoded::Binary));
        assert_eq!(text(b""), "");
    }
}
