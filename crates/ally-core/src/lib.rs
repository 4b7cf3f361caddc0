//! The engine of ally, an inclusive-language linter: text and compiled rules in, sorted
//! findings and fix edits out.
//!
//! It uses no file system, environment, process, threads or console (the crate's
//! `clippy.toml` makes any of them a lint error), so the command line, an editor
//! integration and a language server all call the same [`Engine::check`].
//!
//! Data flows one way: [rule packs](parse_pack) (TOML, parsed strictly) → patterns
//! (every spelling of every term, exception and allowed phrase, folded by the rules in
//! [`spelling`]) → a matcher (leftmost-longest, then identifier-aware word boundaries)
//! → [`Engine::check`] (the prose of each kind of text, suppression comments, URLs and
//! encoded data left alone) → [`Finding`]s with [`Fix`]es, which [`apply_fixes`]
//! applies.
//!
//! ```
//! use std::sync::Arc;
//! use ally_core::{Document, Engine, EngineOptions, RuleMask, RuleSet};
//!
//! let mut rules = RuleSet::default();
//! rules.add_pack("ours.toml", r#"
//! [pack]
//! id = "ours"
//! name = "Our words"
//!
//! [[source]]
//! id = "guide"
//! title = "Our style guide"
//! url = "https://example.org/style"
//!
//! [[rule]]
//! id = "whitelist"
//! terms = ["white list"]
//! alternatives = ["allowlist", "allow list"]
//! fix = "allowlist"
//! explanation = "Say what the list does."
//! sources = ["guide"]
//! "#, None).unwrap();
//! let engine = Engine::new(&rules, &[], EngineOptions::default()).unwrap();
//! let path: Arc<str> = Arc::from("notes.md");
//! let nothing_off = RuleMask::new();
//! let text = "Add the host to the whiteList.";
//! let findings = engine.check(&Document::new(&path, text, &nothing_off)).findings;
//! assert_eq!(findings[0].matched, "whiteList");
//! assert_eq!(findings[0].fix.as_ref().unwrap().edits[0].replacement, "allowList");
//! ```

#![warn(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
#![deny(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod compiled;
mod context;
mod engine;
mod error;
mod finding;
mod fix;
mod matcher;
mod patterns;
mod rules;
pub mod spelling;
mod suppress;
mod text;

#[cfg(test)]
mod test_support;

pub use engine::{
    meta_rules, Checked, Document, Engine, EngineOptions, MISSPELLED_MARKER_ID, UNKNOWN_RULE_ID,
    UNUSED_SUPPRESSION_ID,
};
pub use error::{did_you_mean, unknown_key_note, SourceError};
pub use finding::{
    defined_identifiers, message, replacement, resolve_ownership, suggestions, Applicability, Edit,
    Finding, Fix, Identifier,
};
pub use fix::{apply_fixes, Applied};
pub use matcher::{is_boundary, AutomatonJob, Workload};
pub use rules::{
    is_valid_id, parse_pack, Context, Exception, Origin, Pack, PackFile, PackText, ParsedPack,
    Rule, RuleId, RuleMask, RuleSet, Severity, Source,
};
pub use suppress::{Marker, MarkerKind, Scope, Suppressions};
pub use text::language::{self, PathLanguage};
pub use text::markdown::CodePolicy;
pub use text::source::Syntax;
pub use text::tokens::TokenJudge;
pub use text::{
    decode, is_bundled_library, is_finished_record, is_generated, is_line_break, scan, Decoded,
    Encoding, Excerpt, ExcerptLine, Format, Gap, LineIndex, Position, Region, Scanned, TextKind,
    BINARY_SNIFF_LEN,
};
