//! Spelling: the one definition of how text and terms are compared.
//!
//! - **Joiners** ([`is_joiner`]): white space (including line breaks and no-break
//!   spaces), `-`, `_` and the Unicode hyphens U+2010 and U+2011. A run of joiners
//!   counts as one space, so `white list`, `white-list`, `white_list` and a phrase
//!   wrapped across lines are one spelling.
//! - **Folding** ([`fold_char`]): letters lowercased (all of Unicode, `Ü` as `ü`),
//!   the right single quote `’` as `'`. The matcher folds the text with these rules
//!   (ASCII a block at a time, the rest a character at a time) and the patterns are
//!   folded with them too, so a term finds itself in any case.
//! - **Derived spellings** ([`term_variants`]): `white list` is written once and
//!   found spaced and closed up (`whitelist`), with the rule's inflections on its last
//!   word (`whitelisted`), following English spelling rules ([`inflect`]).

/// Whether `c` joins words: white space, `-`, `_`, U+2010 or U+2011.
pub fn is_joiner(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '\u{2010}' | '\u{2011}')
}

/// What folding makes of one character that is not a joiner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoldedChar {
    /// The character as it is (it has no lowercase of its own).
    Same,
    /// One character in its place.
    One(char),
    /// Several characters in its place (`İ` lowercases to `i` and a combining dot).
    Many(String),
}

/// Folds one character that is not a joiner: `’` becomes `'`, letters are lowercased.
pub fn fold_char(c: char) -> FoldedChar {
    if c == '’' {
        return FoldedChar::One('\'');
    }
    if c.is_ascii() {
        let lower = c.to_ascii_lowercase();
        return if lower == c {
            FoldedChar::Same
        } else {
            FoldedChar::One(lower)
        };
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(one), None) if one == c => FoldedChar::Same,
        (Some(one), None) => FoldedChar::One(one),
        (Some(first), Some(second)) => {
            let mut many = String::new();
            many.push(first);
            many.push(second);
            many.extend(lower);
            FoldedChar::Many(many)
        }
        (None, _) => FoldedChar::Same,
    }
}

/// Appends the folded form of `c` (not a joiner) to `out`.
pub fn push_folded(out: &mut String, c: char) {
    match fold_char(c) {
        FoldedChar::Same => out.push(c),
        FoldedChar::One(one) => out.push(one),
        FoldedChar::Many(many) => out.push_str(&many),
    }
}

/// Splits a term into its words, separated by joiners.
fn words(term: &str) -> impl Iterator<Item = &str> {
    term.split(is_joiner).filter(|w| !w.is_empty())
}

/// The key that identifies a written term: folded words joined by one space. Two
/// terms with the same key are the same term (`man-hours` and `Man Hours`).
pub fn term_key(term: &str) -> String {
    fold_pattern(term)
}

/// The key that identifies a spelling however its words are joined: folded, with the
/// joiners removed (`White_List` and `whitelist` agree).
pub fn spelling_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| !is_joiner(c)) {
        push_folded(&mut out, c);
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// `word` with an ending added, following common English spelling rules.
pub fn inflect(word: &str, ending: &str) -> String {
    let mut chars = word.chars().rev();
    let last = chars.next().unwrap_or(' ');
    let before = chars.next().unwrap_or(' ');
    let consonant_y = last == 'y' && !is_vowel(before);
    let stem = &word[..word.len() - last.len_utf8()];
    match ending {
        "s" => {
            if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
                format!("{word}es")
            } else if consonant_y {
                format!("{stem}ies")
            } else {
                format!("{word}s")
            }
        }
        "ed" | "er" | "ers" | "est" => {
            if last == 'e' {
                format!("{word}{}", &ending[1..])
            } else if consonant_y {
                format!("{stem}i{ending}")
            } else {
                format!("{word}{ending}")
            }
        }
        "ing" => {
            if let Some(stem) = word.strip_suffix("ie") {
                format!("{stem}ying")
            } else if last == 'e' && before != 'e' && word.len() > 2 {
                format!("{stem}ing")
            } else {
                format!("{word}ing")
            }
        }
        _ => format!("{word}{ending}"),
    }
}

/// Folds a spelling the way the matcher folds text: each run of joiners becomes one
/// space (none at the ends), and every other character is folded ([`fold_char`]).
pub fn fold_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in words(text).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            push_folded(&mut out, c);
        }
    }
    out
}

/// Every spelling of a term that the matcher looks for, in folded form (see
/// [`fold_pattern`]): each inflected form with its words spaced and closed up
/// (`white list`, `whitelist`, `white lists`, `whitelists`, ...; for short phrases
/// every mix, `nonwhite people`). Hyphens, underscores,
/// line breaks and runs of spaces need no spellings of their own: the matcher folds
/// them to one space in the text, so `white-list`, `WHITE_LIST` and a phrase wrapped
/// across lines are found too, whatever mix of joiners they use.
pub fn term_variants(term: &str, inflections: &[String]) -> Vec<String> {
    let folded = fold_pattern(term);
    let base: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if base.is_empty() {
        return Vec::new();
    }
    let last = base[base.len() - 1];
    let mut lasts = vec![last.to_owned()];
    for ending in inflections {
        let form = inflect(last, ending);
        if !lasts.contains(&form) {
            lasts.push(form);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for form in &lasts {
        let mut parts: Vec<&str> = base[..base.len() - 1].to_vec();
        parts.push(form);
        for joined in joinings(&parts) {
            if !out.contains(&joined) {
                out.push(joined);
            }
        }
    }
    out
}

/// The words joined at each gap by a space or by nothing: every combination for
/// phrases of up to four words (`non white people`, `nonwhite people`, ...), and
/// all-spaced or all-closed for longer ones. The spaced form comes first.
fn joinings(parts: &[&str]) -> Vec<String> {
    let gaps = parts.len() - 1;
    if gaps > 3 {
        return vec![parts.join(" "), parts.concat()];
    }
    (0..1u32 << gaps)
        .map(|closed| {
            let mut joined = String::from(parts[0]);
            for (gap, part) in parts[1..].iter().enumerate() {
                if closed & (1 << gap) == 0 {
                    joined.push(' ');
                }
                joined.push_str(part);
            }
            joined
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_follow_spelling_rules() {
        let cases = [
            ("list", "s", "lists"),
            ("box", "s", "boxes"),
            ("match", "s", "matches"),
            ("party", "s", "parties"),
            ("day", "s", "days"),
            ("list", "ed", "listed"),
            ("retire", "ed", "retired"),
            ("deny", "ed", "denied"),
            ("list", "ing", "listing"),
            ("retire", "ing", "retiring"),
            ("see", "ing", "seeing"),
            ("die", "ing", "dying"),
            ("lame", "er", "lamer"),
            ("crazy", "est", "craziest"),
            ("insane", "ly", "insanely"),
        ];
        for (word, ending, want) in cases {
            assert_eq!(inflect(word, ending), want, "{word} + {ending}");
        }
    }

    #[test]
    fn multi_word_terms_are_spaced_and_closed() {
        let v = term_variants("White List", &["ed".to_owned()]);
        assert_eq!(
            v,
            vec!["white list", "whitelist", "white listed", "whitelisted"]
        );
    }

    #[test]
    fn hyphens_underscores_and_runs_of_space_fold_to_one_space() {
        assert_eq!(
            term_variants("man-hours", &[]),
            vec!["man hours", "manhours"]
        );
        assert_eq!(fold_pattern("First-class  _citizen"), "first class citizen");
        assert_eq!(fold_pattern("master’s"), "master's");
        assert_eq!(term_key("Man-Hours"), term_key("man  hours"));
    }

    #[test]
    fn spelling_key_ignores_joins_and_case() {
        assert_eq!(spelling_key("White_List"), spelling_key("whitelist"));
        assert_ne!(spelling_key("whitelist"), spelling_key("blacklist"));
        assert_eq!(spelling_key("Überweiß"), spelling_key("ÜBERWEIß"));
        assert_eq!(spelling_key("Élan\u{a0}vital"), "élanvital");
    }

    #[test]
    fn folding_lowercases_all_of_unicode() {
        let table = [
            ("Überweiß", "überweiß"),
            ("ÉLAN VITAL", "élan vital"),
            ("Élan\u{2010}vital", "élan vital"),
            ("ΣΟΦΊΑ", "σοφία"),
            ("master’s", "master's"),
            ("  A\u{3000}b\t", "a b"),
            ("日本", "日本"),
        ];
        for (text, want) in table {
            assert_eq!(fold_pattern(text), want, "{text}");
        }
        assert_eq!(fold_char('İ'), FoldedChar::Many("i\u{307}".to_owned()));
        assert_eq!(fold_char('ß'), FoldedChar::Same);
        assert_eq!(fold_char('A'), FoldedChar::One('a'));
    }

    #[test]
    fn joiners_are_white_space_hyphens_and_underscores() {
        for c in [
            ' ', '\t', '\n', '\r', '\u{a0}', '\u{2010}', '\u{2011}', '\u{3000}', '-', '_',
        ] {
            assert!(is_joiner(c), "{c:?}");
        }
        for c in ['.', '\'', '’', '\u{200b}', 'a', '/'] {
            assert!(!is_joiner(c), "{c:?}");
        }
    }
}
