//! Suppression comments: `ally-ignore-line`, `ally-ignore-next-line`,
//! `ally-disable` … `ally-enable`, `ally-disable-file`, and woke's
//! `wokeignore:rule=`. The tool looks for the marker, not for a comment syntax, so the
//! markers work in every language.
//!
//! A marker's rule list names rule ids (`tech/master`) or written terms (`master`,
//! `white list`), comma-separated; without one it covers every rule. Text after ` -- `
//! is a reason for human readers. Names are resolved by the caller, so this module
//! knows nothing about rule packs.

use std::ops::Range;

use memchr::memmem;

use crate::rules::RuleId;
use crate::text::LineIndex;

/// Which rules a marker covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every rule.
    All,
    /// These rules (as the resolver named them); may be empty when every name was
    /// unknown, and then the marker covers nothing.
    Rules(Vec<RuleId>),
}

impl Scope {
    fn covers(&self, rule: RuleId) -> bool {
        match self {
            Scope::All => true,
            Scope::Rules(rules) => rules.contains(&rule),
        }
    }
}

/// What a marker does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// `ally-ignore-line`: its own line.
    IgnoreLine,
    /// `ally-ignore-next-line`: the line after it.
    IgnoreNextLine,
    /// `ally-disable`: from here to the matching `ally-enable`.
    Disable,
    /// `ally-enable`: ends disabled ranges.
    Enable,
    /// `ally-disable-file`: the whole file.
    DisableFile,
    /// `wokeignore:rule=`: its line, or the next when it stands alone.
    Woke,
}

/// One marker found in a text.
#[derive(Debug, Clone)]
pub struct Marker {
    /// What it does.
    pub kind: MarkerKind,
    /// The rules it covers.
    pub scope: Scope,
    /// The marker's own text (never flagged), from `ally-` to the end of its rule list
    /// and reason.
    pub span: Range<usize>,
    /// 1-based line of the marker.
    pub line: usize,
    /// Names in its list that matched no rule.
    pub unknown: Vec<String>,
}

/// A region where some rules are silent.
#[derive(Debug, Clone)]
struct Silence {
    /// Byte range covered.
    range: Range<usize>,
    scope: Scope,
    /// Index of the marker that made it.
    marker: usize,
}

/// The markers of one text and what they silence.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// Every marker, in order.
    pub markers: Vec<Marker>,
    /// The largest end of the spans of `markers[..=i]`, for [`Suppressions::in_marker`].
    marker_ends: Vec<usize>,
    /// Silences in the order they were made (which decides the marker that is credited
    /// when several cover one finding), then sorted by start.
    silences: Vec<(usize, Silence)>,
    /// The first silence in `silences` not yet active.
    next: usize,
    /// Indices of the silences that start at or before the last finding asked about and
    /// may still cover later ones: findings come in order, so this is a sweep.
    active: Vec<usize>,
    /// The start of the last finding asked about.
    last_query: usize,
    /// Whether each marker silenced a finding.
    used: Vec<bool>,
    /// Words that look like a misspelled marker (`ally-ignore-nextline`), and where.
    pub misspelled: Vec<std::ops::Range<usize>>,
}

/// The marker a misspelled one (`ally-ignore-nextline`) probably meant: a long
/// `ally-` word a couple of edits from a marker.
pub fn nearest_marker(word: &str) -> Option<&'static str> {
    if word.len() < 10 || KEYWORDS.iter().any(|(k, _)| *k == word) {
        return None;
    }
    let squeezed: String = word.chars().filter(|c| *c != '-').collect();
    KEYWORDS
        .iter()
        .map(|(k, _)| *k)
        .find(|k| k.chars().filter(|c| *c != '-').collect::<String>() == squeezed)
        .or_else(|| {
            crate::error::did_you_mean(word, KEYWORDS.iter().map(|(k, _)| *k))
                .filter(|k| crate::error::edit_distance(word, k) <= 2)
        })
}

const KEYWORDS: [(&str, MarkerKind); 5] = [
    ("ally-ignore-next-line", MarkerKind::IgnoreNextLine),
    ("ally-ignore-line", MarkerKind::IgnoreLine),
    ("ally-disable-file", MarkerKind::DisableFile),
    ("ally-disable", MarkerKind::Disable),
    ("ally-enable", MarkerKind::Enable),
];

/// Comment closers that end a marker's rule list.
const CLOSERS: [&str; 4] = ["-->", "*/", "--%>", "#}"];

impl Suppressions {
    /// Records the `ally-` word at `at` if it looks like a misspelled marker.
    fn note_misspelled(&mut self, text: &str, at: usize) {
        let word_len = text[at..]
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
            .count();
        let word = text[at..at + word_len].trim_end_matches('-');
        if nearest_marker(word).is_some() {
            self.misspelled.push(at..at + word.len());
        }
    }

    /// Finds the markers of `text`. `resolve` turns a name from a rule list into the
    /// rules it means (empty when unknown).
    pub fn parse(text: &str, resolve: &dyn Fn(&str) -> Vec<RuleId>) -> Suppressions {
        let mut found = Suppressions::default();
        if memmem::find(text.as_bytes(), b"ally-").is_none()
            && memmem::find(text.as_bytes(), b"wokeignore:").is_none()
        {
            return found;
        }
        let mut lines = LineIndex::new(text);
        let bytes = text.as_bytes();
        let mut candidates: Vec<(usize, bool)> = memmem::find_iter(bytes, b"ally-")
            .map(|i| (i, false))
            .chain(memmem::find_iter(bytes, b"wokeignore:rule=").map(|i| (i, true)))
            .collect();
        candidates.sort_unstable();
        // The end of the line the last candidate was on: found once per line, so a line
        // with thousands of markers is read once, not once per marker.
        let mut line_end = 0;
        for (index, &(at, woke)) in candidates.iter().enumerate() {
            if at > 0
                && (bytes[at - 1].is_ascii_alphanumeric()
                    || bytes[at - 1] == b'-'
                    || bytes[at - 1] == b'_')
            {
                continue;
            }
            let (kind, after_keyword) = if woke {
                (MarkerKind::Woke, at + "wokeignore:rule=".len())
            } else {
                let Some((keyword, kind)) =
                    KEYWORDS.iter().find(|(k, _)| text[at..].starts_with(k))
                else {
                    found.note_misspelled(text, at);
                    continue;
                };
                let end = at + keyword.len();
                // The keyword must end there: `ally-disabled` is not a marker.
                let continues_word = bytes
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
                if continues_word && !text[end..].starts_with("--") {
                    found.note_misspelled(text, at);
                    continue;
                }
                (*kind, end)
            };
            if line_end < after_keyword {
                line_end = memchr::memchr2(b'\n', b'\r', &bytes[after_keyword..])
                    .map_or(text.len(), |i| after_keyword + i);
            }
            // A second marker on the line ends this one's list.
            let limit = candidates
                .get(index + 1)
                .map_or(line_end, |&(next, _)| next.clamp(after_keyword, line_end));
            let rest = &text[after_keyword..limit];
            let (list, span_end) = if woke {
                // woke: the list runs to the first space or comment closer.
                let mut end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                for closer in CLOSERS {
                    if let Some(i) = rest[..end].find(closer) {
                        end = end.min(i);
                    }
                }
                (&rest[..end], after_keyword + end)
            } else {
                let mut end = rest.len();
                for closer in CLOSERS {
                    if let Some(i) = rest.find(closer) {
                        end = end.min(i);
                    }
                }
                let list_end = reason_start(&rest[..end]).unwrap_or(end);
                (&rest[..list_end], after_keyword + end)
            };
            let mut unknown = Vec::new();
            let scope = if list.trim().is_empty() {
                if woke {
                    Scope::Rules(Vec::new())
                } else {
                    Scope::All
                }
            } else {
                let mut rules = Vec::new();
                for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    let resolved = resolve(name);
                    if resolved.is_empty() {
                        unknown.push(name.to_owned());
                    }
                    for rule in resolved {
                        if !rules.contains(&rule) {
                            rules.push(rule);
                        }
                    }
                }
                Scope::Rules(rules)
            };
            let line = lines.line_of(at);
            found.markers.push(Marker {
                kind,
                scope,
                span: at..span_end,
                line,
                unknown,
            });
        }
        found.build_silences(text, &mut lines);
        found.used = vec![false; found.markers.len()];
        let mut largest = 0;
        found.marker_ends = found
            .markers
            .iter()
            .map(|m| {
                largest = largest.max(m.span.end);
                largest
            })
            .collect();
        found
    }

    fn build_silences(&mut self, text: &str, lines: &mut LineIndex) {
        let mut made: Vec<Silence> = Vec::new();
        let mut open: Vec<(usize, usize)> = Vec::new(); // (marker index, start offset)
        for (index, marker) in self.markers.iter().enumerate() {
            let silence = |range: Range<usize>, scope: Scope| Silence {
                range,
                scope,
                marker: index,
            };
            match marker.kind {
                MarkerKind::IgnoreLine => {
                    made.push(silence(lines.line_span(marker.line), marker.scope.clone()))
                }
                MarkerKind::IgnoreNextLine => made.push(silence(
                    lines.line_span(marker.line + 1),
                    marker.scope.clone(),
                )),
                MarkerKind::DisableFile => made.push(silence(0..text.len(), marker.scope.clone())),
                MarkerKind::Woke => {
                    let own = lines.line_span(marker.line);
                    let before = text[own.start..marker.span.start].trim();
                    // Alone on its line (only comment syntax before it): the next line.
                    let alone = before.chars().all(|c| !c.is_alphanumeric());
                    let line = if alone { marker.line + 1 } else { marker.line };
                    made.push(silence(lines.line_span(line), marker.scope.clone()));
                }
                MarkerKind::Disable => open.push((index, marker.span.end)),
                MarkerKind::Enable => {
                    let end = marker.span.start;
                    let mut still_open = Vec::new();
                    for (opener, start) in open.drain(..) {
                        let scope = &self.markers[opener].scope;
                        let closes = match (&marker.scope, scope) {
                            (Scope::All, _) => true,
                            (Scope::Rules(enabled), Scope::Rules(disabled)) => {
                                !disabled.is_empty() && disabled.iter().all(|r| enabled.contains(r))
                            }
                            (Scope::Rules(_), Scope::All) => false,
                        };
                        if closes {
                            made.push(Silence {
                                range: start..end,
                                scope: scope.clone(),
                                marker: opener,
                            });
                        } else {
                            still_open.push((opener, start));
                        }
                    }
                    open = still_open;
                }
            }
        }
        for (opener, start) in open {
            made.push(Silence {
                range: start..text.len(),
                scope: self.markers[opener].scope.clone(),
                marker: opener,
            });
        }
        // A silence like one made before it can never be the one credited: keep the
        // first, so that a line of many identical markers stays cheap to look up.
        let mut seen = std::collections::HashSet::new();
        self.silences = made
            .into_iter()
            .enumerate()
            .filter(|(_, s)| seen.insert((s.range.clone(), s.scope.clone())))
            .collect();
        self.silences
            .sort_by_key(|(_, silence)| silence.range.start);
    }

    /// Whether a finding of `rule` at `range` is silenced; records the marker as used.
    /// Findings are expected in order of position (any order works, more slowly).
    pub fn silences(&mut self, rule: RuleId, range: &Range<usize>) -> bool {
        let at = range.start;
        if at < self.last_query {
            self.next = 0;
            self.active.clear();
        }
        self.last_query = at;
        while let Some((_, silence)) = self.silences.get(self.next) {
            if silence.range.start > at {
                break;
            }
            self.active.push(self.next);
            self.next += 1;
        }
        let silences = &self.silences;
        self.active.retain(|&i| silences[i].1.range.end > at);
        // The silence made first wins, so the marker credited does not depend on order.
        let winner = self
            .active
            .iter()
            .map(|&i| &silences[i])
            .filter(|(_, silence)| silence.range.contains(&at) && silence.scope.covers(rule))
            .min_by_key(|(made, _)| *made);
        match winner {
            Some((_, silence)) => {
                self.used[silence.marker] = true;
                true
            }
            None => false,
        }
    }

    /// Whether `range` overlaps a marker's own text.
    pub fn in_marker(&self, range: &Range<usize>) -> bool {
        // Markers are in order of start: those starting before `range.end` are a
        // prefix, and one of them overlaps when the largest end among them is past
        // `range.start`.
        let before = self.markers.partition_point(|m| m.span.start < range.end);
        before > 0 && self.marker_ends[before - 1] > range.start
    }

    /// Markers that silenced nothing (`ally-enable` never counts).
    pub fn unused(&self) -> impl Iterator<Item = &Marker> {
        self.markers
            .iter()
            .zip(&self.used)
            .filter(|(m, used)| !**used && m.kind != MarkerKind::Enable)
            .map(|(m, _)| m)
    }
}

/// Where a reason starts in a rule list: at ` -- ` or a trailing `--`.
fn reason_start(list: &str) -> Option<usize> {
    let trimmed = list.trim_start();
    if trimmed.starts_with("--") {
        return Some(list.len() - trimmed.len());
    }
    list.find(" --").filter(|&i| {
        let after = &list[i + 3..];
        after.is_empty() || after.starts_with(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rule 0 is `whitelist`, rule 1 is `master`.
    fn resolve(name: &str) -> Vec<RuleId> {
        match name.to_lowercase().as_str() {
            "tech/whitelist" | "whitelist" | "white list" => vec![RuleId::new(0)],
            "tech/master" | "master" => vec![RuleId::new(1)],
            _ => vec![],
        }
    }

    /// The lines (1-based) on which the word `term` is silenced for rule `rule`.
    fn silenced_lines(text: &str, rule: usize) -> Vec<usize> {
        let mut s = Suppressions::parse(text, &resolve);
        let mut lines = LineIndex::new(text);
        let mut out = Vec::new();
        for at in text.match_indices("term").map(|(i, _)| i) {
            if s.silences(RuleId::new(rule), &(at..at + 4)) {
                out.push(lines.line_of(at));
            }
        }
        out
    }

    #[test]
    fn markers_in_any_comment_syntax() {
        let table: &[(&str, usize, &[usize])] = &[
            ("x term // ally-ignore-line\nterm\n", 0, &[1]),
            ("x term # ally-ignore-line tech/whitelist\nterm\n", 0, &[1]),
            ("x term # ally-ignore-line tech/master\nterm\n", 0, &[]),
            ("<!-- ally-ignore-next-line -->\nterm\nterm\n", 0, &[2]),
            ("term\n/* ally-disable whitelist */\nterm\nterm\n/* ally-enable whitelist */\nterm\n", 0, &[3, 4]),
            ("term\n# ally-disable\nterm\n# ally-enable\nterm\n", 1, &[3]),
            ("term\n# ally-disable-file master\nterm\n", 1, &[1, 3]),
            ("term\n# ally-disable-file master\nterm\n", 0, &[]),
            ("x term # wokeignore:rule=whitelist\nterm\n", 0, &[1]),
            ("# wokeignore:rule=whitelist\nterm\nterm\n", 0, &[2]),
            ("x term # ally-ignore-line tech/nope\n", 0, &[]),
            ("x term # ally-ignore-line -- a reason\n", 1, &[1]),
            ("x term <!-- ally-ignore-line master, whitelist -->\n", 0, &[1]),
            ("x term <!-- ally-ignore-line master, whitelist -->\n", 1, &[1]),
            ("x term\r\n<!-- ally-ignore-next-line -->\r\nterm\r\nterm\n", 0, &[3]),
        ];
        for (text, rule, want) in table {
            assert_eq!(silenced_lines(text, *rule), *want, "{text:?} rule {rule}");
        }
    }

    #[test]
    fn unknown_names_are_kept_and_markers_have_spans() {
        let text = "x <!-- ally-ignore-line tech/nope -- why -->\n";
        let s = Suppressions::parse(text, &resolve);
        assert_eq!(s.markers.len(), 1);
        assert_eq!(s.markers[0].unknown, vec!["tech/nope"]);
        assert_eq!(s.markers[0].scope, Scope::Rules(vec![]));
        assert_eq!(
            &text[s.markers[0].span.clone()],
            "ally-ignore-line tech/nope -- why "
        );
    }

    #[test]
    fn not_markers() {
        let s = Suppressions::parse(
            "really-ignore-line and ally-disabled and ally-enabled",
            &resolve,
        );
        assert!(s.markers.is_empty(), "{:?}", s.markers);
    }
}
