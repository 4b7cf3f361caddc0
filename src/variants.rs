//! Derived spellings: how one written term becomes every pattern the matcher looks for.
//!
//! `white list` is written once and found as `white list`, `white-list`, `white_list`,
//! `whitelist` (and, through case-insensitive matching, `WhiteList`, `WHITE_LIST`). A
//! rule's inflections add endings to the last word with English spelling rules.

/// Splits a term into its words: separated by white space, `-` or `_`.
fn words(term: &str) -> Vec<&str> {
    term.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect()
}

/// The key that identifies a written term: lowercase words joined by one space.
/// Two terms with the same key are the same term (`man-hours` and `man hours`).
pub fn term_key(term: &str) -> String {
    words(&term.to_lowercase()).join(" ")
}

/// The key that identifies a spelling however its words are joined: lowercase, with
/// spaces, `-` and `_` removed (`White_List` and `whitelist` agree).
pub fn spelling_key(text: &str) -> String {
    text.chars()
        .filter(|c| !(c.is_whitespace() || *c == '-' || *c == '_'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
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

/// Folds a spelling the way the matcher folds text: `-`, `_` and white space become
/// one space, `’` becomes `'`, and ASCII letters are lowercased.
pub fn fold_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_gap = false;
    for c in text.chars() {
        if is_gap_char(c) {
            if !in_gap {
                out.push(' ');
            }
            in_gap = true;
            continue;
        }
        in_gap = false;
        match c {
            '’' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim().to_owned()
}

/// Characters that join words: folded to a single space before matching.
pub fn is_gap_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '\u{00A0}' | '\u{2010}' | '\u{2011}')
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
    }
}
