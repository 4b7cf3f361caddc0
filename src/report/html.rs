//! One self-contained HTML page (work in progress).

use std::io::{self, Write};

use super::{Report, Reporter};

/// The HTML page.
pub struct Html;

impl Reporter for Html {
    fn write(&self, _report: &Report, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("the HTML report is not written yet"))
    }
}
