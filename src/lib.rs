//! ally: an inclusive-language linter.
//!
//! Data flows one way: [`rules`] (TOML packs) → [`patterns`] (every spelling to look
//! for; the built-in packs' computed at build time, see [`builtin`]) → [`matcher`] →
//! [`scan`] (one text to findings, no I/O) → [`walk`] and [`check`]
//! (which files, read and decoded in parallel) → [`report`] (every output format).
//! [`config`] and [`suppress`] let a team shape what is reported.

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod builtin;
pub mod check;
pub mod config;
pub mod decode;
pub mod excerpt;
pub mod finding;
pub mod markdown;
pub mod matcher;
pub mod patterns;
pub mod position;
pub mod read;
pub mod report;
pub mod rules;
pub mod scan;
pub mod source_error;
pub mod suppress;
pub mod terminal;
pub mod url;
pub mod variants;
pub mod walk;
