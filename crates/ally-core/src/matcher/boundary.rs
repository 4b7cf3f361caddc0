//! Where a word may start or end: identifier-aware boundaries (`isWhite|listed`,
//! `XML|White`, `master|2`), and whether a match is cased like a word.

use crate::patterns::PatternKind;

/// Whether the letters of `text[start..end]` are cased like a word: `whitelist`,
/// `Whitelist`, `WHITELIST`, or camelCase at the joins of a multi-word term
/// (`whiteList`). Random case such as `fAg` or `FAg` in encoded data is not a word.
pub(crate) fn plausible(text: &str, start: usize, end: usize, kind: PatternKind) -> bool {
    let PatternKind::Term { multi_word, .. } = kind else {
        return true;
    };
    if multi_word {
        // Each word may be cased on its own (`OK boomer`, `I2C master`, `whiteList`).
        return true;
    }
    // Each run of letters is a word of its own (`Master/Slave`, `MASTER/SLAVE`).
    text[start..end]
        .split(|c: char| !c.is_alphabetic())
        .all(|word| {
            let letters: Vec<char> = word.chars().collect();
            let camel = letters
                .windows(2)
                .any(|w| w[0].is_lowercase() && w[1].is_uppercase());
            let acronym_then_word = letters
                .windows(3)
                .any(|w| w[0].is_uppercase() && w[1].is_uppercase() && w[2].is_lowercase());
            !camel && !acronym_then_word
        })
}

/// Whether a match of a term of several words spans white space (in code, words
/// apart are not a phrase).
pub(crate) fn spans_white_space(text: &str, start: usize, end: usize, kind: PatternKind) -> bool {
    matches!(
        kind,
        PatternKind::Term {
            multi_word: true,
            ..
        }
    ) && text[start..end].contains(char::is_whitespace)
}

/// Whether a word may start or end at byte offset `at`: the edge of the text, a
/// character that is not a letter or digit, a letter/digit change, a camelCase change
/// (`isWhite|listed`), or the end of an acronym before a capitalised word (`XML|White`).
pub fn is_boundary(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() {
        return true;
    }
    let bytes = text.as_bytes();
    let (before, after) = (bytes[at - 1], bytes[at]);
    if before.is_ascii() && after.is_ascii() {
        // The rules below, for bytes: most text is ASCII, and decoding characters
        // here cost 7% of a single-document run (callgrind).
        if !before.is_ascii_alphanumeric() || !after.is_ascii_alphanumeric() {
            return true;
        }
        if before.is_ascii_alphabetic() != after.is_ascii_alphabetic() {
            return true;
        }
        if before.is_ascii_lowercase() && after.is_ascii_uppercase() {
            return true;
        }
        return before.is_ascii_uppercase()
            && after.is_ascii_uppercase()
            && text[at + 1..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
    }
    boundary_between_chars(text, at)
}

/// [`is_boundary`] for any characters, `at` inside the text.
fn boundary_between_chars(text: &str, at: usize) -> bool {
    if !text.is_char_boundary(at) {
        return false;
    }
    let before = text[..at].chars().next_back();
    let mut rest = text[at..].chars();
    let after = rest.next();
    let (Some(before), Some(after)) = (before, after) else {
        return true;
    };
    if !before.is_alphanumeric() || !after.is_alphanumeric() {
        return true;
    }
    if before.is_alphabetic() != after.is_alphabetic() {
        return true;
    }
    if before.is_lowercase() && after.is_uppercase() {
        return true;
    }
    before.is_uppercase() && after.is_uppercase() && rest.next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::numbers;

    /// The byte-level rules for ASCII agree with the character rules everywhere, over
    /// an alphabet of ASCII and other letters, digits, case pairs and punctuation.
    #[test]
    fn ascii_boundaries_agree_with_the_character_rules() {
        let alphabet: Vec<char> = "aAbZz09 _-.'(éÉßΣσЖжİ日本٣²ǅ’\u{a0}\u{301}"
            .chars()
            .collect();
        let mut next = numbers(0x1234_5678_9ABC_DEF1);
        for _ in 0..5000 {
            let text: String = (0..12).map(|_| alphabet[next(alphabet.len())]).collect();
            for at in 1..text.len() {
                if text.is_char_boundary(at) {
                    assert_eq!(
                        is_boundary(&text, at),
                        boundary_between_chars(&text, at),
                        "{text:?} at {at}"
                    );
                } else {
                    assert!(
                        !is_boundary(&text, at),
                        "{text:?} at {at}: inside a character"
                    );
                }
            }
        }
    }

    /// The rules, as a table.
    #[test]
    fn boundaries_follow_identifiers() {
        let table = [
            ("isWhitelisted", 2, true),
            ("isWhitelisted", 3, false),
            ("XMLWhite", 3, true),
            ("XMLWhite", 2, false),
            ("master2", 6, true),
            ("ÜberWeiß", 5, true),
            ("überweiß", 5, false),
            ("日本語", 3, false),
            ("a_b", 1, true),
            ("Ab", 1, false),
        ];
        for (text, at, want) in table {
            assert_eq!(is_boundary(text, at), want, "{text} at {at}");
        }
    }
}
