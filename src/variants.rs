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

/// Every spelling of a term: its inflected forms, each with every way of joining its
/// words. Lowercase; deduplicated; the written form first.
pub fn term_variants(term: &str, inflections: &[String]) -> Vec<String> {
    let lower = term.to_lowercase();
    let base = words(&lower);
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
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for form in &lasts {
        let mut parts: Vec<&str> = base[..base.len() - 1].to_vec();
        parts.push(form);
        if parts.len() == 1 {
            push(parts[0].to_owned());
        } else {
            for joiner in [" ", "-", "_", ""] {
                push(parts.join(joiner));
            }
            // A phrase wrapped at one of its gaps, as prose often is.
            for gap in 1..parts.len() {
                for newline in ["\n", "\r\n"] {
                    let mut s = parts[..gap].join(" ");
                    s.push_str(newline);
                    s.push_str(&parts[gap..].join(" "));
                    push(s);
                }
            }
        }
    }
    // A typographic apostrophe is the same letter to a reader.
    let curly: Vec<String> = out
        .iter()
        .filter(|s| s.contains('\''))
        .map(|s| s.replace('\'', "’"))
        .collect();
    out.extend(curly);
    out
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
    fn multi_word_terms_are_joined_every_way() {
        let v = term_variants("White List", &["ed".to_owned()]);
        for want in [
            "white list",
            "white-list",
            "white_list",
            "whitelist",
            "whitelisted",
            "white\nlist",
            "white\r\nlisted",
        ] {
            assert!(v.contains(&want.to_owned()), "{want} in {v:?}");
        }
        assert_eq!(v[0], "white list");
    }

    #[test]
    fn hyphenated_terms_are_multi_word() {
        let v = term_variants("man-hours", &[]);
        assert!(v.contains(&"man hours".to_owned()));
        assert!(v.contains(&"manhours".to_owned()));
        assert_eq!(term_key("Man-Hours"), term_key("man  hours"));
    }

    #[test]
    fn apostrophes_have_a_typographic_twin() {
        let v = term_variants("master's degree", &["s".to_owned()]);
        assert!(v.contains(&"master’s degrees".to_owned()));
    }

    #[test]
    fn spelling_key_ignores_joins_and_case() {
        assert_eq!(spelling_key("White_List"), spelling_key("whitelist"));
        assert_ne!(spelling_key("whitelist"), spelling_key("blacklist"));
    }
}
