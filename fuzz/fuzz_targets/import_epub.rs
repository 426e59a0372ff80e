//! The epub reader on arbitrary bytes: it may refuse them, never crash or hang.
#![no_main]

use dossier_core::import::{extract, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    // A panic the reader catches itself is handled; only one that escapes is a crash.
    init: {
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let _ = extract(Format::Epub, data);
    }
);
