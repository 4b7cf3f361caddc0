//! Text: decoding bytes, lines and columns, what kind of text a file holds and which
//! parts of it are prose, and the tokens (URLs, encoded data) a writer cannot reword.

pub mod decode;
pub mod excerpt;
pub mod line_index;
pub mod markdown;
pub mod tokens;

pub use decode::{decode, Decoded, Encoding, BINARY_SNIFF_LEN};
pub use excerpt::{Excerpt, ExcerptLine};
pub use line_index::{LineIndex, Position};

/// What kind of text a file holds, which decides what is linted and how safe fixes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Markdown (`.md`, `.markdown`, `.mdx`): prose is linted, code is skipped unless
    /// asked.
    Markdown,
    /// Prose in another format (plain text, reStructuredText, HTML, ...): fixes are safe.
    Prose,
    /// Source code: identifiers, comments and strings are linted; fixes are unsafe.
    Code,
}

impl FileKind {
    /// The kind of a file, from its name: the one place extensions are read.
    pub fn from_path(path: &str) -> FileKind {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let Some((_, extension)) = name.rsplit_once('.') else {
            return FileKind::Prose;
        };
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdx" => FileKind::Markdown,
            "txt" | "text" | "rst" | "adoc" | "asciidoc" | "org" | "tex" | "html" | "htm"
            | "xhtml" | "textile" | "wiki" | "mediawiki" | "pod" | "rdoc" | "1" | "2" | "3"
            | "4" | "5" | "6" | "7" | "8" | "man" => FileKind::Prose,
            _ => FileKind::Code,
        }
    }
}

/// Whether `c` ends a line (`\n`, or `\r` alone or before `\n`).
pub fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_extensions() {
        let table = [
            ("docs/a.md", FileKind::Markdown),
            ("A.MARKDOWN", FileKind::Markdown),
            ("page.mdx", FileKind::Markdown),
            ("notes.txt", FileKind::Prose),
            ("README", FileKind::Prose),
            ("ally.1", FileKind::Prose),
            ("src/main.rs", FileKind::Code),
            ("dir.md/file.py", FileKind::Code),
            ("C:\\docs\\a.md", FileKind::Markdown),
        ];
        for (path, want) in table {
            assert_eq!(FileKind::from_path(path), want, "{path}");
        }
    }
}
