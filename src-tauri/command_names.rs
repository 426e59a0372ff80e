// The app's IPC commands, by name. Shared by build.rs (which declares them to Tauri's
// permission system) and lib.rs (whose test checks it against the registered handlers).
pub const COMMANDS: &[&str] = &[
    "store_info",
    "list_sources",
    "get_source",
    "list_actors",
    "get_actor",
    "list_claims",
    "get_claim",
    "citations_of_claim",
    "citations_in_source",
    "mentions_in_source",
    "list_notes",
    "get_note",
    "search",
    "import_paths",
    "cancel_import",
    "import_pasted",
];
