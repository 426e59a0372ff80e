//! The quotation finder and its speaker attribution on arbitrary text: never a crash,
//! quotations inside the text and in order.
#![no_main]

use dossier_core::extract::quotes::find_quotes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let quotes = find_quotes(text);
    for quote in &quotes {
        assert!(quote.start <= quote.end && quote.end <= text.len());
        assert!(text.is_char_boundary(quote.start) && text.is_char_boundary(quote.end));
    }
    assert!(quotes.windows(2).all(|w| w[0].start <= w[1].start));
});
