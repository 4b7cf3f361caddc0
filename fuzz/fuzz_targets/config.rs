//! Arbitrary UTF-8 as `ally.toml`: parsing and applying it to the built-in rules may
//! fail with an error but must not panic, and neither may rendering the error.
#![no_main]

use std::path::Path;

use ally::config::Config;
use ally::source_error::SourceError;
use libfuzzer_sys::fuzz_target;

fn render(err: &SourceError) {
    let _ = err.render(false);
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
    if let Err(err) = config.apply(&mut ally::builtin::rule_set()) {
        render(&err);
    }
});
