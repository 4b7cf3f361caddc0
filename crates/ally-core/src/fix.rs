//! Applying fixes: a pure function from a text and fixes to the fixed text. The host
//! decides what to do with it (the command line writes the file or prints a diff; an
//! editor sends the edits).

use crate::finding::{Applicability, Fix};

/// The article before `text[..at]` (`a` or `an`, any case, a whole word followed by
/// spaces), as (start, end, the article).
fn article_before(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let before = &text[..at];
    let word_end = before.trim_end_matches([' ', '\t']).len();
    if word_end == at {
        return None;
    }
    let head = &before[..word_end];
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let word = &head[word_start..];
    matches!(word, "a" | "A" | "an" | "An" | "AN").then_some((word_start, word_end, word))
}

/// Whether a word is said with a vowel sound first, and takes `an`: `an allowlist`,
/// `an hour`, but `a user`, `a one-time`, `a denylist`.
pub fn takes_an(word: &str) -> bool {
    let lower = word.to_lowercase();
    const CONSONANT_SOUND: &[&str] = &[
        "uni", "use", "usu", "uti", "ure", "uro", "eu", "ewe", "one", "once", "ubiq",
    ];
    const SILENT_H: &[&str] = &["hour", "honest", "honor", "honour", "heir"];
    if CONSONANT_SOUND.iter().any(|p| lower.starts_with(p)) {
        return false;
    }
    if SILENT_H.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    lower.starts_with(['a', 'e', 'i', 'o', 'u'])
}

/// The edit that makes the article before `text[at..]` agree with `replacement`
/// (`a whitelist` → `an allowlist`, `an blacklist` → `a denylist`), in the article's
/// case, or None when it agrees already or there is none.
pub fn article_edit(text: &str, at: usize, replacement: &str) -> Option<(usize, usize, String)> {
    let (start, end, article) = article_before(text, at)?;
    let wanted = if takes_an(replacement) { "an" } else { "a" };
    if article.eq_ignore_ascii_case(wanted) {
        return None;
    }
    let written = match article {
        "A" | "An" if wanted == "an" => "An",
        "A" | "An" => "A",
        "AN" => "A",
        _ => wanted,
    };
    let written =
        if article == "A" && wanted == "an" && replacement.chars().all(|c| !c.is_lowercase()) {
            "AN"
        } else {
            written
        };
    Some((start, end, written.to_owned()))
}

/// What [`apply_fixes`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The text with the fixes applied.
    pub text: String,
    /// How many fixes were applied.
    pub fixes: usize,
    /// How many fixes were left out because they overlapped one applied before them
    /// (in order of position) or did not fit the text.
    pub skipped: usize,
}

/// Applies the fixes at or above `at_least` (`Safe` for `--fix`; `Unsafe` adds the
/// unsafe ones; display-only fixes are never applied) to `text`.
///
/// Fixes are taken in order of position; a fix is applied whole or not at all, and
/// one that overlaps a fix already taken (or is out of the text, or not on character
/// boundaries) is skipped. Every byte outside the applied edits is kept as it was.
pub fn apply_fixes<'a>(
    text: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
    at_least: Applicability,
) -> Applied {
    let floor = at_least.max(Applicability::Unsafe);
    let mut chosen: Vec<&Fix> = fixes
        .into_iter()
        .filter(|fix| fix.applicability >= floor && !fix.edits.is_empty())
        .collect();
    chosen.sort_by_key(|fix| {
        let first = &fix.edits[0];
        (first.start.offset, first.end.offset)
    });
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    let (mut fixes_applied, mut skipped) = (0, 0);
    for fix in chosen {
        if !fits(text, fix, copied_to) {
            skipped += 1;
            continue;
        }
        for edit in &fix.edits {
            out.push_str(&text[copied_to..edit.start.offset]);
            out.push_str(&edit.replacement);
            copied_to = edit.end.offset;
        }
        fixes_applied += 1;
    }
    out.push_str(&text[copied_to..]);
    Applied {
        text: out,
        fixes: fixes_applied,
        skipped,
    }
}

/// Whether the edits of `fix` are in order, inside the text, on character boundaries,
/// and all at or after `from`.
fn fits(text: &str, fix: &Fix, from: usize) -> bool {
    let mut at = from;
    for edit in &fix.edits {
        let (start, end) = (edit.start.offset, edit.end.offset);
        if start < at
            || end < start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return false;
        }
        at = end;
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn articles_agree_with_the_replacement() {
        let cases = [
            ("We keep a whitelist.", "whitelist", "allowlist", Some("an")),
            (
                "Add it to an blacklist.",
                "blacklist",
                "denylist",
                Some("a"),
            ),
            (
                "A whitelist and a blacklist.",
                "whitelist",
                "allowlist",
                Some("An"),
            ),
            ("A blacklist.", "blacklist", "denylist", None),
            ("the whitelist", "whitelist", "allowlist", None),
            ("a\nwhitelist", "whitelist", "allowlist", None),
            ("Panama whitelist", "whitelist", "allowlist", None),
            ("A WHITELIST", "WHITELIST", "ALLOWLIST", Some("AN")),
        ];
        for (text, term, replacement, want) in cases {
            let at = text.find(term).unwrap();
            let got = article_edit(text, at, replacement).map(|(_, _, a)| a);
            assert_eq!(got.as_deref(), want, "{text}");
        }
        for (word, an) in [
            ("allowlist", true),
            ("user", false),
            ("hour", true),
            ("denylist", false),
            ("one-time", false),
            ("upgrade", true),
        ] {
            assert_eq!(takes_an(word), an, "{word}");
        }
    }

    use super::*;
    use crate::finding::Edit;
    use crate::test_support::numbers;
    use crate::text::Position;

    fn at(offset: usize) -> Position {
        Position {
            line: 1,
            column: offset + 1,
            offset,
            column_utf16: offset + 1,
        }
    }

    fn fix(edits: &[(usize, usize, &str)], applicability: Applicability) -> Fix {
        Fix {
            edits: edits
                .iter()
                .map(|&(start, end, replacement)| Edit {
                    start: at(start),
                    end: at(end),
                    replacement: replacement.to_owned(),
                })
                .collect(),
            applicability,
        }
    }

    #[test]
    fn fixes_apply_in_order_and_by_applicability() {
        let text = "a whitelist and a blacklist";
        let fixes = [
            fix(&[(0, 1, "an"), (2, 11, "allowlist")], Applicability::Safe),
            fix(&[(18, 27, "denylist")], Applicability::Unsafe),
            fix(&[(16, 17, "one")], Applicability::DisplayOnly),
        ];
        let safe = apply_fixes(text, &fixes, Applicability::Safe);
        assert_eq!(safe.text, "an allowlist and a blacklist");
        assert_eq!((safe.fixes, safe.skipped), (1, 0));
        let all = apply_fixes(text, &fixes, Applicability::Unsafe);
        assert_eq!(all.text, "an allowlist and a denylist");
        // Display-only fixes are never applied, whatever is asked.
        let never = apply_fixes(text, &fixes, Applicability::DisplayOnly);
        assert_eq!(never.text, all.text);
    }

    #[test]
    fn overlapping_and_broken_fixes_are_skipped_whole() {
        let text = "héllo world";
        let fixes = [
            fix(&[(0, 6, "hello")], Applicability::Safe),
            fix(&[(4, 8, "X"), (9, 10, "Y")], Applicability::Safe),
            fix(&[(1, 2, "e")], Applicability::Safe),
            fix(&[(7, 99, "Z")], Applicability::Safe),
        ];
        let applied = apply_fixes(text, &fixes, Applicability::Safe);
        assert_eq!(applied.text, "hello world");
        assert_eq!((applied.fixes, applied.skipped), (1, 3));
    }

    /// Whatever the fixes, every byte outside the applied edits is kept, in order, and
    /// each applied edit's replacement stands where its text stood.
    #[test]
    fn bytes_outside_applied_edits_never_change() {
        let mut next = numbers(0xDEAD_BEEF_1234_5678);
        let alphabet: Vec<char> = "ab é\n日-_".chars().collect();
        for _ in 0..2000 {
            let text: String = (0..next(40))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut fixes = Vec::new();
            for _ in 0..next(6) {
                let mut edits = Vec::new();
                let mut from = 0;
                for _ in 0..next(3) + 1 {
                    let start = bounds[next(bounds.len())].max(from);
                    let start = bounds
                        .iter()
                        .copied()
                        .find(|&b| b >= start)
                        .unwrap_or(text.len());
                    let end = bounds
                        .iter()
                        .copied()
                        .filter(|&b| b >= start)
                        .nth(next(3))
                        .unwrap_or(start);
                    edits.push((start, end, ["", "x", "ÿy"][next(3)]));
                    from = end;
                }
                let applicability = [
                    Applicability::Safe,
                    Applicability::Unsafe,
                    Applicability::DisplayOnly,
                ][next(3)];
                fixes.push(fix(&edits, applicability));
            }
            let applied = apply_fixes(&text, &fixes, Applicability::Unsafe);
            // Rebuild the expected text from the fixes that were taken.
            let mut taken: Vec<&Fix> = fixes
                .iter()
                .filter(|f| f.applicability >= Applicability::Unsafe && !f.edits.is_empty())
                .collect();
            taken.sort_by_key(|f| (f.edits[0].start.offset, f.edits[0].end.offset));
            let mut want = String::new();
            let mut copied = 0;
            let mut count = 0;
            for f in taken {
                if f.edits.iter().all(|e| e.start.offset >= copied) && fits(&text, f, copied) {
                    for e in &f.edits {
                        want.push_str(&text[copied..e.start.offset]);
                        want.push_str(&e.replacement);
                        copied = e.end.offset;
                    }
                    count += 1;
                }
            }
            want.push_str(&text[copied..]);
            assert_eq!(applied.text, want, "{text:?} {fixes:?}");
            assert_eq!(applied.fixes, count);
            // No fix: the text comes back unchanged.
            assert_eq!(apply_fixes(&text, &[], Applicability::Unsafe).text, text);
        }
    }
}
