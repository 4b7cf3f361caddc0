//! Arbitrary UTF-8 through the Markdown region finder, skipping and linting code.
//! Regions must lie in the text, on char boundaries, be non-empty and come in
//! increasing, non-overlapping order.
#![no_main]

use ally_core::{markdown_regions as regions, CodePolicy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for policy in [CodePolicy::Skip, CodePolicy::Lint] {
        let mut previous_end = 0;
        for region in regions(text, policy) {
            let r = &region.range;
            assert!(
                r.start < r.end,
                "{policy:?}: empty or reversed region {r:?}"
            );
            assert!(
                r.end <= text.len(),
                "{policy:?}: region {r:?} past the end ({} bytes)",
                text.len()
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{policy:?}: region {r:?} not on char boundaries"
            );
            assert!(
                r.start >= previous_end,
                "{policy:?}: region {r:?} overlaps or precedes the previous one (ending at {previous_end})"
            );
            previous_end = r.end;
        }
    }
});
