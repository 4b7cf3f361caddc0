//! The language a text is written in: from a path's conventions (`po/fr.po`,
//! `Messages_fr.properties`, `README.fr.md`, a locale folder such as `docs/fr/`), and
//! from the text itself when it is long enough to tell (the `whatlang` crate). The
//! engine checks a text only with the packs written for its language.

/// Codes of languages (ISO 639-1) that name locale folders and file suffixes. `id`
/// (Indonesian) is left out: a folder named `id/` is far more often identifiers.
const CODES: &[&str] = &[
    "af", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es",
    "et", "eu", "fa", "fi", "fil", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "is",
    "it", "ja", "ka", "kk", "km", "kn", "ko", "ky", "lo", "lt", "lv", "mk", "ml", "mn", "mr", "ms",
    "my", "nb", "ne", "nl", "nn", "no", "pa", "pl", "pt", "ro", "ru", "si", "sk", "sl", "sq", "sr",
    "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "uz", "vi", "zh",
];

/// Folders whose children are named by locale (`docs/fr/`, `i18n/pt-BR/`).
const LOCALE_PARENTS: &[&str] = &[
    "docs",
    "doc",
    "i18n",
    "l10n",
    "locale",
    "locales",
    "translations",
    "translation",
    "lang",
    "langs",
    "languages",
    "_articles",
    "content",
    "po",
];

/// The language of a locale code (`fr`, `pt-BR`, `zh_CN`, `en`), lowercased, if it is
/// one ally knows.
pub fn locale(code: &str) -> Option<String> {
    let primary = code.split(['-', '_', '.', '@']).next()?;
    let rest = &code[primary.len()..];
    let region_ok = rest.is_empty()
        || (rest.len() >= 3
            && rest.len() <= 8
            && rest[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let lower = primary.to_ascii_lowercase();
    (region_ok && primary.len() <= 3 && CODES.contains(&lower.as_str())).then_some(lower)
}

/// What a path's conventions say of its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathLanguage {
    /// Nothing.
    Unknown,
    /// This language, by the file's name or a locale folder under a known parent.
    Named(String),
    /// This language, if the folder `sibling` (a folder named `en` beside the locale
    /// folder) exists: the host, which can look, decides.
    IfEnglishBeside {
        /// The language the folder is named for.
        language: String,
        /// The path of the English folder that would confirm it, `/`-separated.
        sibling: String,
    },
}

/// A page named with a locale after its own extension, as Apache httpd's manual does
/// (`glossary.xml.tr`, `index.html.ko.euc-kr`): that extension (`xml`, `html`, `htm`,
/// `md`, `txt`, `rst`, `adoc`), lowercased, and the page's language.
pub fn translated_page(name: &str) -> Option<(String, String)> {
    let pieces: Vec<&str> = name.split('.').collect();
    pieces.windows(2).skip(1).find_map(|pair| {
        let extension = pair[0].to_ascii_lowercase();
        let document = matches!(
            extension.as_str(),
            "xml" | "html" | "htm" | "md" | "txt" | "rst" | "adoc"
        );
        let locale_like =
            pair[1].len() <= 5 && pair[1].starts_with(|c: char| c.is_ascii_lowercase());
        if !(document && locale_like) {
            return None;
        }
        locale(pair[1]).map(|lang| (extension, lang))
    })
}

/// The language a path's conventions give: `po/fr.po`, `fr.po`,
/// `Messages_fr.properties`, `README.fr.md`, `README-fr.md`, `docs/fr/guide.md`,
/// `i18n/pt-BR/intro.md`, or a locale folder beside an `en/` sibling.
pub fn from_path(path: &str) -> PathLanguage {
    let parts: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let Some((name, folders)) = parts.split_last() else {
        return PathLanguage::Unknown;
    };
    if let Some((_, lang)) = translated_page(name) {
        return PathLanguage::Named(lang);
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let extension = extension.to_ascii_lowercase();
    if matches!(extension.as_str(), "po") {
        if let Some(lang) = locale(stem) {
            return PathLanguage::Named(lang);
        }
    }
    if extension == "properties" {
        if let Some((_, suffix)) = stem.split_once('_') {
            if let Some(lang) = locale(suffix) {
                return PathLanguage::Named(lang);
            }
        }
    }
    // README.fr.md, index.de.html, README-es.md, guide_pt-BR.md: documents only (a
    // source file named parser-de.rs is not German).
    let document = matches!(
        extension.as_str(),
        "md" | "markdown" | "mdx" | "rst" | "adoc" | "asciidoc" | "txt" | "html" | "htm" | "xhtml"
    );
    if let Some((_, suffix)) = stem.rsplit_once(['.', '-', '_']).filter(|_| document) {
        if suffix.len() <= 5
            && suffix
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase())
        {
            if let Some(lang) = locale(suffix) {
                return PathLanguage::Named(lang);
            }
        }
        // README.pt-BR.md: the suffix holds a dash itself.
        if let Some((_, longer)) = stem.rsplit_once('.') {
            if longer.contains(['-', '_']) && longer.len() <= 8 {
                if let Some(lang) = locale(longer) {
                    return PathLanguage::Named(lang);
                }
            }
        }
    }
    for (k, folder) in folders.iter().enumerate().rev() {
        // A translated tree named with a locale suffix: `pages.ko/`, `docs.pt_BR/`.
        if let Some((base, suffix)) = folder.rsplit_once('.') {
            if !base.is_empty()
                && suffix.len() <= 5
                && suffix.starts_with(|c: char| c.is_ascii_lowercase())
            {
                if let Some(lang) = locale(suffix) {
                    return PathLanguage::Named(lang);
                }
            }
        }
        let Some(lang) = locale(folder) else {
            continue;
        };
        let parent = k.checked_sub(1).map(|p| folders[p].to_ascii_lowercase());
        if parent
            .as_deref()
            .is_some_and(|p| LOCALE_PARENTS.contains(&p))
        {
            return PathLanguage::Named(lang);
        }
        if folder.len() <= 5 && lang != "en" {
            let sibling = folders[..k]
                .iter()
                .chain(std::iter::once(&"en"))
                .copied()
                .collect::<Vec<_>>()
                .join("/");
            return PathLanguage::IfEnglishBeside {
                language: lang,
                sibling,
            };
        }
        if lang == "en" {
            return PathLanguage::Named(lang);
        }
    }
    PathLanguage::Unknown
}

/// Whether a language tag names English (`en`, `en-GB`, `en_US`, `eng`).
pub fn is_english(tag: &str) -> bool {
    same_language(tag, "en")
}

/// Whether two language tags name the same language (their primary subtags agree).
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| {
        let p = t
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match p.as_str() {
            "eng" => "en".to_owned(),
            "fra" | "fre" => "fr".to_owned(),
            "deu" | "ger" => "de".to_owned(),
            "spa" => "es".to_owned(),
            "por" => "pt".to_owned(),
            _ => p,
        }
    };
    primary(a) == primary(b)
}

/// How many letters a text needs before its language is guessed from it: short texts
/// (a sentence or two) are too easily mistaken, and are taken as English.
const DETECT_MIN_LETTERS: usize = 160;

/// The language of a text, guessed from its words, when there are enough of them and
/// the guess is reliable. Only the first few kilobytes are read.
pub fn detect<'a>(pieces: impl IntoIterator<Item = &'a str>) -> Option<String> {
    const SAMPLE: usize = 4096;
    let mut sample = String::new();
    for piece in pieces {
        let mut take = piece.len().min(SAMPLE - sample.len().min(SAMPLE));
        while !piece.is_char_boundary(take) {
            take -= 1;
        }
        sample.push_str(&piece[..take]);
        sample.push(' ');
        if sample.len() >= SAMPLE {
            break;
        }
    }
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < DETECT_MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    if code == "lat" {
        // Lorem ipsum: filler around the words a template holds, not a language.
        return None;
    }
    // whatlang names languages by ISO 639-3; say the usual two letters where known.
    let two = match code {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "nld" => "nl",
        "rus" => "ru",
        "jpn" => "ja",
        "cmn" => "zh",
        "kor" => "ko",
        "pol" => "pl",
        "swe" => "sv",
        "dan" => "da",
        "fin" => "fi",
        "tur" => "tr",
        "ces" => "cs",
        "ukr" => "uk",
        "ind" => "id",
        "vie" => "vi",
        "tha" => "th",
        "ara" => "ar",
        "heb" => "he",
        "hin" => "hi",
        "ell" => "el",
        "ron" => "ro",
        "hun" => "hu",
        "bul" => "bg",
        "srp" => "sr",
        "hrv" => "hr",
        "slk" => "sk",
        "slv" => "sl",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "cat" => "ca",
        "nob" => "nb",
        "pes" => "fa",
        "zul" => "zu",
        "afr" => "af",
        "epo" => "eo",
        other => other,
    };
    Some(two.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_languages() {
        let named = |l: &str| PathLanguage::Named(l.to_owned());
        let table = [
            ("po/fr.po", named("fr")),
            ("catalog/messages.po", PathLanguage::Unknown),
            ("po/en_GB.po", named("en")),
            ("src/main/resources/Messages_fr.properties", named("fr")),
            (
                "src/main/resources/Messages.properties",
                PathLanguage::Unknown,
            ),
            ("README.fr.md", named("fr")),
            ("README-es.md", named("es")),
            ("README.md", PathLanguage::Unknown),
            ("docs/fr/guide.md", named("fr")),
            ("docs/en/guide.md", named("en")),
            ("i18n/pt-BR/intro.md", named("pt")),
            ("src/id/README.md", PathLanguage::Unknown),
            ("notes/compte-rendu.txt", PathLanguage::Unknown),
            ("src/parser-de.rs", PathLanguage::Unknown),
            ("guide-de.md", named("de")),
            ("pages.ko/common/lame.md", named("ko")),
            ("docs/manual/glossary.xml.tr", named("tr")),
            ("docs/manual/index.html.ko.euc-kr", named("ko")),
            ("docs/manual/glossary.xml", PathLanguage::Unknown),
            ("docs/manual/glossary.html.en", named("en")),
            ("pages.pt_BR/linux/amixer.md", named("pt")),
            ("pages/linux/amixer.md", PathLanguage::Unknown),
            ("lib/v1.2/notes.md", PathLanguage::Unknown),
            ("src/config.rs/notes.md", PathLanguage::Unknown),
            (
                "site/de/index.md",
                PathLanguage::IfEnglishBeside {
                    language: "de".to_owned(),
                    sibling: "site/en".to_owned(),
                },
            ),
        ];
        for (path, want) in table {
            assert_eq!(from_path(path), want, "{path}");
        }
    }

    #[test]
    fn text_tells_its_language_when_long_enough() {
        let french = "Compte rendu de la réunion de mardi. Le déploiement de la nouvelle version a pris du retard, car plusieurs tests échouaient encore lundi soir. L'équipe a décidé de reporter la mise en production à la semaine prochaine, le temps de corriger les erreurs.";
        assert_eq!(detect([french]).as_deref(), Some("fr"));
        assert_eq!(detect(["Add the host to the whitelist."]), None);
        let filler = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(10);
        assert_eq!(detect([filler.as_str()]), None, "lorem ipsum is filler");
        assert!(is_english("en_GB") && is_english("eng") && !is_english("fr"));
    }
}
