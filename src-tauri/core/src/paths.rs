//! Where the default store lives: the platform's app-data folder, shared with the
//! desktop app (Tauri's `app_data_dir` for the same identifier).

use std::path::PathBuf;

/// The app's identifier, as in `tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "org.dossier.desktop";

/// File name of the default store inside the app-data folder.
pub const DEFAULT_STORE_FILE: &str = "library.dossier";

/// The environment variable that names another store file.
pub const STORE_ENV: &str = "DOSSIER_DB";

/// The store to open: `explicit` (from `--db`), else `$DOSSIER_DB`, else the default.
pub fn store_path(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| std::env::var_os(STORE_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| app_data_dir().map(|dir| dir.join(DEFAULT_STORE_FILE)))
}

/// Whether a store was named explicitly (`--db` or `$DOSSIER_DB`) rather than defaulted.
pub fn store_named(explicit: &Option<PathBuf>) -> bool {
    explicit.is_some() || std::env::var_os(STORE_ENV).is_some_and(|v| !v.is_empty())
}

/// The platform's per-user data folder for Dossier.
pub fn app_data_dir() -> Option<PathBuf> {
    let home = || std::env::var_os("HOME").filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home().map(|h| h.join(".local/share")))
    }?;
    Some(base.join(APP_IDENTIFIER))
}

/// Creates `dir` and any missing parents, each new folder readable by this user only
/// (0700): the store, its backups and the window's state are the person's evidence.
/// Folders that exist already keep their permissions.
pub fn create_private_dir_all(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// A file name safe to create anywhere: letters, digits, spaces, dots, dashes and
/// underscores from `name` (others become `_`), no leading dot, at most 100 characters,
/// never empty. Cut from the front, so that the extension, by which the system chooses
/// a viewer for an original, survives (an export's names are `export::names::stem`,
/// which keeps the start of a title and what Obsidian's links allow instead).
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_') { c } else { '_' }).collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    let short: String = trimmed.chars().rev().take(100).collect::<Vec<_>>().into_iter().rev().collect();
    if short.is_empty() {
        "original".into()
    } else {
        short
    }
}

#[cfg(test)]
mod safe_name_tests {
    use super::safe_file_name;

    #[cfg(unix)]
    #[test]
    fn new_data_folders_are_private_to_their_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("share/org.dossier.desktop");
        super::create_private_dir_all(&deep).unwrap();
        for folder in [dir.path().join("share"), deep.clone()] {
            let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", folder.display());
        }
        super::create_private_dir_all(&deep).unwrap();
    }

    #[test]
    fn odd_names_become_plain_file_names() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("report 2023.pdf"), "report 2023.pdf");
        assert_eq!(safe_file_name(".bashrc"), "bashrc");
        assert_eq!(safe_file_name("a\nb<script>.html"), "a_b_script_.html");
        assert_eq!(safe_file_name(""), "original");
        assert!(safe_file_name(&"x".repeat(500)).chars().count() == 100);
        assert!(safe_file_name(&format!("{}.html", "y".repeat(300))).ends_with(".html"));
    }
}
