//! Source code: comments, strings and code, by a table of each language's comment and
//! string syntax (the shapes tokei's language list shows; enough to tell a comment
//! from a string from code, not to parse).

use std::ops::Range;

use memchr::memchr;

use super::{Region, TextKind};

/// How one language writes comments and strings.
#[derive(Debug, PartialEq, Eq)]
pub struct Syntax {
    /// The language's name.
    pub name: &'static str,
    /// Line comment markers (`//`, `#`).
    pub line: &'static [&'static str],
    /// Block comment delimiters (`/*`, `*/`).
    pub block: &'static [(&'static str, &'static str)],
    /// Whether block comments nest (Rust, Swift, Haskell).
    pub nested: bool,
    /// String delimiters, longest first (`"""` before `"`).
    pub strings: &'static [(&'static str, &'static str)],
    /// Whether `'` starts a string (not in Rust, where it starts lifetimes and chars).
    pub quote_strings: bool,
    /// Whether the file holds settings or data (YAML, TOML, JSON, INI) rather than a
    /// program: its bare words are keys and values, not names a program defines.
    pub data: bool,
}

const C_LINE: &[&str] = &["//"];
const C_BLOCK: &[(&str, &str)] = &[("/*", "*/")];
const HASH: &[&str] = &["#"];
const DQ: &[(&str, &str)] = &[("\"", "\"")];
const DQ_SQ: &[(&str, &str)] = &[("\"", "\""), ("'", "'")];

/// The languages ally knows by extension.
static SYNTAXES: &[(&[&str], Syntax)] = &[
    (
        &["rs"],
        Syntax {
            name: "Rust",
            line: C_LINE,
            block: C_BLOCK,
            nested: true,
            strings: DQ,
            quote_strings: false,
            data: false,
        },
    ),
    (
        &[
            "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "m", "mm", "java", "cs", "kt", "kts",
            "scala", "dart", "groovy", "gradle", "proto", "zig", "d", "sol", "v", "css", "scss",
            "less", "ino",
        ],
        Syntax {
            name: "C family",
            line: C_LINE,
            block: C_BLOCK,
            nested: false,
            strings: &[("\"\"\"", "\"\"\""), ("\"", "\""), ("'", "'")],
            quote_strings: true,
            data: false,
        },
    ),
    (
        &[
            "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "vue", "svelte",
        ],
        Syntax {
            name: "JavaScript",
            line: C_LINE,
            block: C_BLOCK,
            nested: false,
            strings: &[("`", "`"), ("\"", "\""), ("'", "'")],
            quote_strings: true,
            data: false,
        },
    ),
    (
        &["go"],
        Syntax {
            name: "Go",
            line: C_LINE,
            block: C_BLOCK,
            nested: false,
            strings: &[("`", "`"), ("\"", "\"")],
            quote_strings: false,
            data: false,
        },
    ),
    (
        &["swift"],
        Syntax {
            name: "Swift",
            line: C_LINE,
            block: C_BLOCK,
            nested: true,
            strings: &[("\"\"\"", "\"\"\""), ("\"", "\"")],
            quote_strings: false,
            data: false,
        },
    ),
    (
        &["php"],
        Syntax {
            name: "PHP",
            line: &["//", "#"],
            block: C_BLOCK,
            nested: false,
            strings: DQ_SQ,
            quote_strings: true,
            data: false,
        },
    ),
    (
        &["py", "pyi", "pyw"],
        Syntax {
            name: "Python",
            line: HASH,
            block: &[],
            nested: false,
            strings: &[
                ("\"\"\"", "\"\"\""),
                ("'''", "'''"),
                ("\"", "\""),
                ("'", "'"),
            ],
            quote_strings: true,
            data: false,
        },
    ),
    (
        &["rb", "rake", "gemspec"],
        Syntax {
            name: "Ruby",
            line: HASH,
            block: &[("=begin", "=end")],
            nested: false,
            strings: DQ_SQ,
            quote_strings: true,
            data: false,
        },
    ),
    (
        &[
            "sh",
            "bash",
            "zsh",
            "fish",
            "ksh",
            "pl",
            "pm",
            "t",
            "r",
            "tcl",
            "awk",
            "cmake",
            "mk",
            "make",
            "tf",
            "hcl",
            "nix",
            "cr",
            "ex",
            "exs",
            "jl",
            "nim",
            "coffee",
            "ps1",
            "psm1",
            "dockerfile",
        ],
        Syntax {
            name: "hash comments",
            line: HASH,
            block: &[],
            nested: false,
            strings: DQ_SQ,
            quote_strings: true,
            data: false,
        },
    ),
    (
        &[
            "yml",
            "yaml",
            "toml",
            "cfg",
            "conf",
            "ini",
            "gitignore",
            "gitattributes",
            "editorconfig",
            "env",
        ],
        Syntax {
            name: "settings",
            line: HASH,
            block: &[],
            nested: false,
            strings: DQ_SQ,
            quote_strings: true,
            data: true,
        },
    ),
    (
        &[
            "sql", "lua", "hs", "lhs", "elm", "ada", "adb", "ads", "vhd", "vhdl",
        ],
        Syntax {
            name: "dash comments",
            line: &["--"],
            block: &[("/*", "*/"), ("{-", "-}"), ("--[[", "]]")],
            nested: false,
            strings: DQ_SQ,
            quote_strings: true,
            data: false,
        },
    ),
    (
        &[
            "clj", "cljs", "cljc", "edn", "el", "lisp", "lsp", "scm", "ss", "rkt", "asm", "s",
        ],
        Syntax {
            name: "semicolon comments",
            line: &[";"],
            block: &[],
            nested: false,
            strings: DQ,
            quote_strings: false,
            data: false,
        },
    ),
    (
        // Autoconf, Autotest and m4: `dnl` comments to the end of the line, and `#`.
        &["ac", "m4", "at"],
        Syntax {
            name: "m4",
            line: &["dnl ", "#"],
            block: &[],
            nested: false,
            strings: &[],
            quote_strings: false,
            data: false,
        },
    ),
    (
        &["erl", "hrl"],
        Syntax {
            name: "percent comments",
            line: &["%"],
            block: &[],
            nested: false,
            strings: DQ,
            quote_strings: false,
            data: false,
        },
    ),
    (
        &["vim"],
        Syntax {
            name: "Vim script",
            line: &["\""],
            block: &[],
            nested: false,
            strings: &[("'", "'")],
            quote_strings: true,
            data: false,
        },
    ),
    (
        &["json", "jsonc", "json5", "ipynb"],
        Syntax {
            name: "JSON",
            line: C_LINE,
            block: C_BLOCK,
            nested: false,
            strings: DQ,
            quote_strings: false,
            data: true,
        },
    ),
    (
        &["bat", "cmd"],
        Syntax {
            name: "Batch",
            line: &["REM ", "rem ", "::"],
            block: &[],
            nested: false,
            strings: DQ,
            quote_strings: false,
            data: false,
        },
    ),
];

/// Names of files without an extension that hold code.
static NAMED: &[(&str, &str)] = &[
    ("Makefile", "mk"),
    ("makefile", "mk"),
    ("GNUmakefile", "mk"),
    ("Dockerfile", "dockerfile"),
    ("Rakefile", "rb"),
    ("Gemfile", "rb"),
    ("Jenkinsfile", "groovy"),
    ("CMakeLists.txt", "cmake"),
    ("BUILD", "py"),
    ("WORKSPACE", "py"),
    (".gitignore", "gitignore"),
    (".gitattributes", "gitattributes"),
    (".editorconfig", "editorconfig"),
];

/// The syntax of a file, by its name or extension.
pub fn syntax_for(name: &str, extension: Option<&str>) -> Option<&'static Syntax> {
    let by_name = NAMED.iter().find(|(n, _)| *n == name).map(|(_, e)| *e);
    let extension = by_name.or(extension)?.to_ascii_lowercase();
    SYNTAXES
        .iter()
        .find(|(extensions, _)| extensions.contains(&extension.as_str()))
        .map(|(_, syntax)| syntax)
}

/// The comments, strings and code of `text`, in order, covering it whole.
pub(crate) fn regions(text: &str, syntax: &Syntax) -> Vec<Region> {
    let bytes = text.as_bytes();
    let mut out: Vec<Region> = Vec::new();
    let mut push = |range: Range<usize>, kind: TextKind| {
        if range.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.kind == kind && last.range.end == range.start => {
                last.range.end = range.end;
            }
            _ => out.push(Region::plain(range, kind)),
        }
    };
    // The bytes that can start a comment or a string: only there is more looked at.
    let mut firsts = [false; 256];
    let markers = syntax
        .line
        .iter()
        .chain(syntax.block.iter().map(|(open, _)| open))
        .chain(syntax.strings.iter().map(|(open, _)| open));
    for marker in markers {
        firsts[marker.as_bytes()[0] as usize] = true;
    }
    let mut code_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if !firsts[byte as usize] {
            at += 1;
            continue;
        }
        let rest = &text[at..];
        // A marker that starts with a letter (`REM`, `=begin`'s kin) counts only at the
        // start of a line.
        if byte.is_ascii_alphabetic() && at > 0 && bytes[at - 1] != b'\n' {
            at += 1;
            continue;
        }
        if let Some(marker) = syntax.line.iter().find(|m| rest.starts_with(**m)) {
            push(code_start..at, TextKind::Code);
            let end = memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |k| at + k);
            push(at + marker.len()..end, TextKind::Comment);
            at = end;
            code_start = end;
            continue;
        }
        if let Some((open, close)) = syntax.block.iter().find(|(open, _)| rest.starts_with(open)) {
            push(code_start..at, TextKind::Code);
            let end = block_end(text, at + open.len(), open, close, syntax.nested);
            let inner_end = if text[..end].ends_with(close) {
                end - close.len()
            } else {
                end
            };
            push(
                at + open.len()..inner_end.max(at + open.len()),
                TextKind::Comment,
            );
            at = end;
            code_start = end;
            continue;
        }
        let string = syntax
            .strings
            .iter()
            .filter(|(open, _)| syntax.quote_strings || *open != "'")
            .find(|(open, _)| rest.starts_with(open));
        if let Some((open, close)) = string {
            push(code_start..at, TextKind::Code);
            let start = at + open.len();
            let end = string_end(text, start, close, open.len() == 1 && *open != "`");
            let inner_end = if end - start >= close.len() && text[..end].ends_with(close) {
                end - close.len()
            } else {
                end
            };
            push(start..inner_end.max(start), TextKind::String);
            at = end;
            code_start = end;
            continue;
        }
        at += 1;
    }
    push(code_start..bytes.len(), TextKind::Code);
    out
}

/// Where a block comment opened before `from` ends (just past its closer).
fn block_end(text: &str, from: usize, open: &str, close: &str, nested: bool) -> usize {
    let mut depth = 1;
    let mut at = from;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with(close) {
            depth -= 1;
            at += close.len();
            if depth == 0 {
                return at;
            }
            continue;
        }
        if nested && rest.starts_with(open) {
            depth += 1;
            at += open.len();
            continue;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    text.len()
}

/// Where a string that starts at `from` ends (just past its closer). A one-character
/// quote ends at the end of the line if it is not closed, and `\` escapes.
fn string_end(text: &str, from: usize, close: &str, single_line: bool) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        if bytes[at] == b'\\' {
            // The backslash and the character it escapes, however many bytes that is.
            at += 1;
            at += text[at..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if single_line && bytes[at] == b'\n' {
            return at;
        }
        if text[at..].starts_with(close) {
            return at + close.len();
        }
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    bytes.len().min(at.max(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(name: &str, text: &str) -> Vec<(TextKind, String)> {
        let extension = name.rsplit_once('.').map(|(_, e)| e);
        let syntax = syntax_for(name, extension).expect("a known language");
        regions(text, syntax)
            .into_iter()
            .map(|r| (r.kind, text[r.range].to_owned()))
            .filter(|(kind, _)| *kind != TextKind::Code)
            .collect()
    }

    /// Found by fuzzing: a backslash before a character of several bytes.
    #[test]
    fn an_escaped_multibyte_character_ends_no_string_early() {
        let text = "x = \"caf\\é whitelist\"\ny = 'a\\😀'\n";
        let got = kinds("a.py", text);
        assert_eq!(got[0], (TextKind::String, "caf\\é whitelist".to_owned()));
        assert_eq!(got[1], (TextKind::String, "a\\😀".to_owned()));
    }

    #[test]
    fn comments_and_strings_by_language() {
        use TextKind::{Comment, String as Str};
        type Case<'a> = (&'a str, &'a str, &'a [(TextKind, &'a str)]);
        let table: &[Case] = &[
            (
                "a.py",
                "# The whitelist\nx = \"a host\"  # note\ny = '''doc\nstring'''\n",
                &[
                    (Comment, " The whitelist"),
                    (Str, "a host"),
                    (Comment, " note"),
                    (Str, "doc\nstring"),
                ],
            ),
            (
                "a.rs",
                "fn f<'a>(x: &'a str) { /* outer /* inner */ still */ let s = \"hi\"; } // end",
                &[
                    (Comment, " outer /* inner */ still "),
                    (Str, "hi"),
                    (Comment, " end"),
                ],
            ),
            (
                "a.go",
                "s := `raw\nstring` // c\n",
                &[(Str, "raw\nstring"), (Comment, " c")],
            ),
            (
                "a.js",
                "const t = `x ${y}`; // the list\n",
                &[(Str, "x ${y}"), (Comment, " the list")],
            ),
            (
                "a.c",
                "/* The master count */ int x = '\\'';\n",
                &[(Comment, " The master count "), (Str, "\\'")],
            ),
            (
                "a.sql",
                "-- the list\nSELECT 'x';\n",
                &[(Comment, " the list"), (Str, "x")],
            ),
            (
                "Makefile",
                "all: # build it\n\techo \"hi\"\n",
                &[(Comment, " build it"), (Str, "hi")],
            ),
            ("a.py", "x = \"unclosed\ny = 1\n", &[(Str, "unclosed")]),
        ];
        for (name, text, want) in table {
            let want: Vec<(TextKind, String)> =
                want.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(kinds(name, text), want, "{name}: {text:?}");
        }
    }

    #[test]
    fn regions_cover_the_text_in_order() {
        let text = "/* a */ b \"c\" // d\n e '";
        let syntax = syntax_for("x.c", Some("c")).unwrap();
        let regions = regions(text, syntax);
        let mut at = 0;
        for region in &regions {
            assert!(region.range.start >= at, "{regions:?}");
            at = region.range.end;
        }
        assert!(at <= text.len());
    }
}
