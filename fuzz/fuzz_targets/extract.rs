//! The whole analysis (actors, quotations and their speakers, dates, claims) on arbitrary
//! text: never a crash, and every offset inside the text.
#![no_main]

use dossier_core::extract::{actors::Lexicon, analyze, Published};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lexicon = LEXICON.get_or_init(Lexicon::builtin);
    let length = text.chars().count() as i32;
    // Half the inputs are read against a publication day, which dates "last Thursday",
    // "el año pasado" and days without a year.
    let published = (data.len() % 2 == 1).then(|| Published { year: 2024, month: Some(1), day: Some(1) });
    let analysis = analyze(text, lexicon, published);
    for quote in &analysis.quotes {
        assert!(0 <= quote.start && quote.start <= quote.end && quote.end <= length);
    }
    for claim in &analysis.claims {
        assert!(claim.citation.end <= length);
    }
    for actor in &analysis.actors {
        assert!(actor.mentions.iter().all(|m| m.end <= length));
    }
});
