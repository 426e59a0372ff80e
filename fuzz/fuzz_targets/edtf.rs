//! EDTF parsing and the date finder on arbitrary text: never a crash, and bounds that are
//! in order whenever a date parses.
#![no_main]

use dossier_core::{edtf, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(bounds) = edtf::bounds(text) {
        if let (Some(lower), Some(upper)) = (bounds.lower, bounds.upper) {
            assert!(lower <= upper, "{text:?}: {lower} > {upper}");
        }
    }
    for date in extract::dates(text, Some(2024)) {
        assert!(date.start <= date.end);
    }
});
