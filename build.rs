//! Compiles the built-in rule packs (every `rules/*.toml`, in name order) into tables
//! in the binary, so that start-up neither parses TOML nor derives spellings.
//!
//! The packs are parsed and validated with the same code that loads a team's packs
//! (`src/rules.rs`), and their matcher entries derived with the matcher's own code
//! (`src/patterns.rs`): a broken pack, or two rules claiming one spelling, fails the
//! build with the usual `file:line:column` message.

#[path = "src/patterns.rs"]
#[allow(dead_code)]
mod patterns;
#[path = "src/rules.rs"]
#[allow(dead_code)]
mod rules;
#[path = "src/source_error.rs"]
#[allow(dead_code)]
mod source_error;
#[path = "src/terminal.rs"]
#[allow(dead_code)]
mod terminal;
#[path = "src/variants.rs"]
#[allow(dead_code)]
mod variants;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use patterns::{Entry, EntryRef};
use rules::{RuleSet, Severity};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    for module in ["patterns", "rules", "source_error", "terminal", "variants"] {
        println!("cargo:rerun-if-changed=src/{module}.rs");
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the rules/ folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();

    let mut set = RuleSet::default();
    let mut paths = Vec::new();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a readable pack");
        if let Err(err) = set.add_pack(&format!("rules/{name}"), &text, None) {
            fail(&err);
        }
        paths.push(path);
    }

    // Every rule's entries, enabled or not: a team may turn any pack on, so no two
    // built-in rules may share a spelling.
    let mut entries: Vec<Entry> = Vec::new();
    for (index, rule) in set.rules.iter().enumerate() {
        patterns::rule_entries(index, rule, &mut entries);
    }
    patterns::sort(&mut entries);
    if let Err(err) =
        patterns::collapse(entries.iter().map(Entry::as_ref), &set.rules, |r, t, m| {
            set.term_error(r, t, m)
        })
    {
        fail(&err);
    }

    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_packs.rs");
    std::fs::write(out, generate(&set, &paths, &entries)).expect("write builtin_packs.rs");
}

#[allow(clippy::print_stderr)]
fn fail(err: &source_error::SourceError) -> ! {
    eprintln!("a built-in rule pack is invalid:\n{}", err.render(false));
    std::process::exit(1);
}

/// Strings and lists of strings as numbers: every string once in one text, so that
/// the tables hold no pointers (a pointer in a static costs a relocation, and a page
/// written, at every start of the program).
#[derive(Default)]
struct Strings {
    text: String,
    spans: Vec<(usize, usize)>,
    ids: HashMap<String, usize>,
    lists: Vec<usize>,
}

impl Strings {
    /// The id of `s`.
    fn id(&mut self, s: &str) -> usize {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let start = self.text.len();
        self.text.push_str(s);
        self.spans.push((start, self.text.len()));
        self.ids.insert(s.to_owned(), self.spans.len() - 1);
        self.spans.len() - 1
    }

    /// The range in the list table of these strings' ids.
    fn list<'a>(&mut self, items: impl IntoIterator<Item = &'a String>) -> (usize, usize) {
        let ids: Vec<usize> = items.into_iter().map(|s| self.id(s)).collect();
        let start = self.lists.len();
        self.lists.extend(ids);
        (start, self.lists.len())
    }
}

/// The tables `src/builtin.rs` includes.
fn generate(set: &RuleSet, paths: &[std::path::PathBuf], entries: &[Entry]) -> String {
    let mut code = String::from("// Written by build.rs from rules/*.toml: do not edit.\n\n");
    code.push_str(
        "/// The built-in pack files: (name, text).\npub const PACKS: &[(&str, &str)] = &[\n",
    );
    for path in paths {
        let name = path.file_name().expect("a file name").to_string_lossy();
        let path = path.display().to_string();
        writeln!(code, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n\n");

    let mut strings = Strings::default();
    let mut headers = String::new();
    for pack in &set.packs {
        writeln!(
            headers,
            "    StaticPack {{ id: {}, name: {}, description: {}, language: {}, enabled: {} }},",
            strings.id(&pack.id),
            strings.id(&pack.name),
            strings.id(&pack.description),
            strings.id(&pack.language),
            pack.enabled
        )
        .unwrap();
    }
    let mut sources: Vec<(usize, usize, usize)> = Vec::new();
    let mut source_lists: Vec<usize> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut rules = String::new();
    for rule in &set.rules {
        let severity = match rule.severity {
            Severity::Info => "Info",
            Severity::Warning => "Warning",
            Severity::Error => "Error",
        };
        let cited_start = source_lists.len();
        for source in &rule.sources {
            let stored = (
                strings.id(&source.id),
                strings.id(&source.title),
                strings.id(&source.url),
            );
            let index = match sources.iter().position(|s| *s == stored) {
                Some(index) => index,
                None => {
                    sources.push(stored);
                    sources.len() - 1
                }
            };
            source_lists.push(index);
        }
        let spans_start = spans.len();
        spans.extend(rule.origin.term_spans.iter().map(|r| (r.start, r.end)));
        let fix = rule.fix.as_ref().map(|f| strings.id(f));
        writeln!(
            rules,
            "    StaticRule {{ file: {}, id: {}, pack: {}, terms: {:?}, term_spans: {:?}, \
             alternatives: {:?}, fix: {fix:?}, severity: Severity::{severity}, explanation: {}, \
             sources: {:?}, exceptions: {:?}, inflections: {:?}, enabled: {} }},",
            rule.origin.file,
            strings.id(&rule.id),
            strings.id(&rule.pack),
            strings.list(&rule.terms),
            (spans_start, spans.len()),
            strings.list(&rule.alternatives),
            strings.id(&rule.explanation),
            (cited_start, source_lists.len()),
            strings.list(&rule.exceptions),
            strings.list(&rule.inflections),
            rule.enabled,
        )
        .unwrap();
    }
    writeln!(
        code,
        "/// The pack headers, in load order.\nstatic HEADERS: [StaticPack; {}] = [\n{headers}];\n\n\
         /// The rules, in load order.\nstatic RULES: [StaticRule; {}] = [\n{rules}];\n\n\
         /// Every string of the tables, end to end.\nconst TEXT: &str = {:?};\n\n\
         /// Where each string is in `TEXT`.\nstatic STRINGS: [(usize, usize); {}] = {:?};\n\n\
         /// Lists of strings (terms, alternatives, ...): indices into `STRINGS`.\nstatic LISTS: [usize; {}] = {:?};\n\n\
         /// Sources: (id, title, url) as indices into `STRINGS`.\nstatic SOURCES: [(usize, usize, usize); {}] = {:?};\n\n\
         /// Each rule's sources: indices into `SOURCES`.\nstatic SOURCE_LISTS: [usize; {}] = {:?};\n\n\
         /// Each rule's term spans in its pack file.\nstatic SPANS: [(usize, usize); {}] = {:?};\n",
        set.packs.len(),
        set.rules.len(),
        strings.text,
        strings.spans.len(),
        strings.spans,
        strings.lists.len(),
        strings.lists,
        sources.len(),
        sources,
        source_lists.len(),
        source_lists,
        spans.len(),
        spans,
    )
    .unwrap();

    let mut spellings = String::new();
    let mut stored = String::new();
    for entry in entries {
        let entry: EntryRef<'_> = entry.as_ref();
        spellings
            .push_str(std::str::from_utf8(entry.spelling).expect("folded spellings are UTF-8"));
        let (tag, owner, term) = patterns::store(&entry);
        write!(stored, "({}, {tag}, {owner}, {term}), ", spellings.len()).unwrap();
    }
    writeln!(
        code,
        "/// Every rule's matcher entries, sorted (see `patterns::Precompiled`).\n\
         pub static PRECOMPILED: Precompiled = Precompiled {{\n    rules: {},\n    spellings: {:?}.as_bytes(),\n    entries: &[{stored}],\n}};",
        set.rules.len(),
        spellings,
    )
    .unwrap();
    code
}
