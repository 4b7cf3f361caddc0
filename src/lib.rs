//! The internals of the `ally` command line: walking, reading, configuration,
//! settings, reports. The engine is the `ally-core` crate; this library exists so that
//! the binary, its tests and the fuzz targets share one implementation. It is not a
//! stable API.

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod args;
pub mod baseline;
pub mod changed;
pub mod check;
pub mod config;
pub mod diagnostics;
pub mod fix;
pub mod read;
pub mod report;
pub mod settings;
pub mod terminal;
pub mod walk;
pub mod workspace;
