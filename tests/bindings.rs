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

#[test]
fn the_desktop_entry_associates_only_files_the_importer_reads() {
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json")).unwrap(),
    )
    .unwrap();
    let importable: Vec<&str> = dossier_core::import::Format::EXTENSIONS.iter().map(|(e, _)| *e).collect();
    let associations = config["bundle"]["fileAssociations"].as_array().expect("file associations");
    let associated: Vec<&str> =
        associations.iter().flat_map(|a| a["ext"].as_array().unwrap()).map(|e| e.as_str().unwrap()).collect();
    assert!(associated.len() >= 10, "the associations were not read: {associated:?}");
    for extension in associated {
        assert!(importable.contains(&extension), ".{extension} is associated with Dossier but import does not read it");
    }
}
