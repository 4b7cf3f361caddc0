//! Arbitrary UTF-8 as `ally.toml`: parsing and applying it to the built-in rules may
//! fail with an error but must not panic, and neither may rendering the error.
#![no_main]

use std::path::Path;

use ally::config::Config;
use ally::diagnostics::render_source_error;
use ally_core::SourceError;
use libfuzzer_sys::fuzz_target;

fn render(err: &SourceError) {
    let _ = render_source_error(err, false);
    let _ = err.to_string();
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = match Config::parse("ally.toml", text, Path::new(".")) {
        Ok(config) => config,
        Err(err) => return render(&err),
    };
    if let Err(err) = config.apply(&mut ally_packs::rule_set()) {
        render(&err);
    }
});
