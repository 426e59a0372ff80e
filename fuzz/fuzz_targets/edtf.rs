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
    // Read against a publication day, as an import does, so that relative dates run too;
    // every value the finder writes is EDTF that parses.
    let published = extract::Published { year: 2024, month: Some(1), day: Some(1) };
    for date in extract::dates(text, Some(published)) {
        assert!(date.start <= date.end);
        assert!(edtf::bounds(&date.edtf).is_ok(), "{text:?}: {}", date.edtf);
    }
});
