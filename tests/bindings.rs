//! The TypeScript contract (`ui/src/bindings.ts`) is generated from the Rust commands and
//! types. This test fails when the committed file is stale; run
//! `DOSSIER_UPDATE_BINDINGS=1 cargo test --test bindings` (or `make bindings`) to refresh it.

use std::path::Path;

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("bindings.ts");
    dossier_app::specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust types by tests/bindings.rs (make bindings). Do not edit."),
            &fresh_path,
        )
        .expect("the bindings export");
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    if std::env::var_os("DOSSIER_UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed_path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings.ts is out of date with the Rust types; run `make bindings` and commit the result"
    );
}
