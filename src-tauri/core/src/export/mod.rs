//! Exports: what the analyst built, written for the tools they use next — a Markdown
//! vault for Obsidian or Logseq, lossless JSON, CSV, GEXF and GraphML for Gephi and
//! networkx, CSL-JSON and BibTeX for Zotero and pandoc, FollowTheMoney for Aleph.
//!
//! Every export is built in a temporary folder beside the destination and moved into
//! place when complete, so a failed export leaves nothing half-written; a destination
//! that exists is replaced only when it is empty or an earlier Dossier export, and then
//! only the files that export wrote (its marker lists them with their hashes): what the
//! person added (an Obsidian vault's `.obsidian/`, their own notes) stays, and a file of
//! ours they changed is kept beside the new one as "name (edited)". Files are
//! written only through [`Output`], which takes names from [`names`] and refuses any
//! path that would leave the folder. The same store exports to the same bytes: every
//! list is in id order and nothing records when the export ran.

mod briefing;
mod cite;
mod csv;
mod ftm;
mod graph;
pub mod image;
mod json;
pub mod names;
mod select;
mod vault;
mod xml;

pub use select::{Scope, Selection};

use crate::{Error, Result, Store};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The file an export leaves in its folder, so that exporting again may replace it.
pub const MARKER: &str = ".dossier-export";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Markdown for Obsidian or Logseq: Actors/, Sources/, Notes/, Index.md.
    Vault,
    /// The whole store, lossless (`dossier import-json` restores it).
    Json,
    /// actors.csv, claims.csv, citations.csv, sources.csv (RFC 4180).
    Csv,
    /// GEXF 1.3 for Gephi and networkx.
    Gexf,
    /// GraphML for networkx, yEd, Cytoscape.
    Graphml,
    /// The sources as CSL-JSON, for Zotero and pandoc.
    Csl,
    /// The sources as BibTeX.
    Bibtex,
    /// One document for a selection, as Markdown and as printable HTML.
    Briefing,
    /// FollowTheMoney entities (JSON lines) for Aleph.
    Ftm,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Vault,
        Format::Briefing,
        Format::Json,
        Format::Csv,
        Format::Gexf,
        Format::Graphml,
        Format::Csl,
        Format::Bibtex,
        Format::Ftm,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Vault => "vault",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Gexf => "gexf",
            Format::Graphml => "graphml",
            Format::Csl => "csl",
            Format::Bibtex => "bibtex",
            Format::Briefing => "briefing",
            Format::Ftm => "ftm",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.as_str() == text)
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ExportReport {
    pub folder: String,
    /// Paths of the files written, relative to the folder, in order.
    pub files: Vec<String>,
    pub actors: i32,
    pub claims: i32,
    pub sources: i32,
    /// Files of an earlier export that the person changed since, which this export
    /// would have replaced: kept beside it under these names ("Iran (edited).md").
    pub kept_edited: Vec<String>,
}

/// Writes files under one folder, by relative paths made only of plain components.
pub struct Output {
    root: PathBuf,
    /// Each file written, with the SHA-256 of its bytes (listed in the marker).
    files: Vec<(String, String)>,
}

impl Output {
    /// Writes `bytes` at `relative` ("Actors/Iran.md"); refuses absolute paths and `..`.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = Path::new(relative);
        if relative.is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(Error::Invalid(format!("refusing to write outside the export folder: {relative:?}")));
        }
        let full = self.root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::ReadFile { path: parent.to_path_buf(), source })?;
        }
        std::fs::write(&full, bytes).map_err(|source| Error::ReadFile { path: full.clone(), source })?;
        self.files.push((relative.to_string(), crate::store::sha256_hex(bytes)));
        Ok(())
    }

    /// The marker: what wrote the folder, and every file it wrote with its hash, so that
    /// the next export into it replaces those files alone (and knows which were changed).
    fn marker(&self, format: Format) -> String {
        let mut text = format!(
            "Dossier export ({})\n\nThis folder was written by Dossier. Exporting again into it replaces the files \
             listed below and leaves everything else alone; a listed file you changed since is kept \
             beside the new one as \"name (edited)\".\n\n",
            format.as_str()
        );
        for (path, hash) in &self.files {
            text.push_str(&format!("{hash} {path}\n"));
        }
        text
    }
}

/// Exports `scope` of the store in `format` into the folder `out`.
pub fn export(store: &Store, format: Format, scope: &Scope, out: &Path) -> Result<ExportReport> {
    let library = store.library()?;
    let selection = Selection::of(&library, scope)?;
    let (actors, claims, sources) =
        (selection.actors.len() as i32, selection.claims.len() as i32, selection.sources.len() as i32);
    let (files, kept_edited) = publish(out, format, |output| {
        match format {
            Format::Vault => vault::write(&selection, output)?,
            Format::Json => {
                if !matches!(scope, Scope::All) {
                    return Err(Error::Invalid("the JSON export is of the whole store; choose no selection".into()));
                }
                json::write(store, output)?
            }
            Format::Csv => csv::write(&selection, output)?,
            Format::Gexf => graph::write_gexf(&selection, output)?,
            Format::Graphml => graph::write_graphml(&selection, output)?,
            Format::Csl => cite::write_csl(&selection, output)?,
            Format::Bibtex => cite::write_bibtex(&selection, output)?,
            Format::Briefing => briefing::write(&selection, scope, output)?,
            Format::Ftm => ftm::write(&selection, output)?,
        }
        Ok(())
    })?;
    Ok(ExportReport { folder: out.display().to_string(), files, actors, claims, sources, kept_edited })
}

/// Restores a JSON export (`dossier.json`, or the folder holding it) into `store`, which
/// must be new.
pub fn import_json(store: &mut Store, path: &Path) -> Result<()> {
    let file = if path.is_dir() { path.join("dossier.json") } else { path.to_path_buf() };
    let bytes = std::fs::read(&file).map_err(|source| Error::ReadFile { path: file.clone(), source })?;
    json::restore(store, &bytes)
}

/// Builds the export in a temporary folder beside `out`, then puts it in place, in one
/// rename. Over an earlier export, the new folder first takes in everything of the old
/// one that is not an unchanged file the earlier export wrote: the person's own files
/// (`.obsidian/`, notes written in Obsidian) stay, and a file of ours they changed is
/// kept as "name (edited)" when the new export writes one of that name. Returns the
/// files written and the names of the edited ones kept.
fn publish(
    out: &Path,
    format: Format,
    build: impl FnOnce(&mut Output) -> Result<()>,
) -> Result<(Vec<String>, Vec<String>)> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::ReadFile { path, source }
    };
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Invalid(format!("{} is not a folder to export into", out.display())))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    if out.exists() && !replaceable(out)? {
        return Err(Error::Invalid(format!(
            "{} exists and holds files that are not a Dossier export; choose an empty or new folder",
            out.display()
        )));
    }
    let unique = format!("{}-{}", std::process::id(), chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default());
    let temp = parent.join(format!(".{name}.partial-{unique}"));
    std::fs::create_dir(&temp).map_err(io(&temp))?;
    let mut output = Output { root: temp.clone(), files: Vec::new() };
    let built = build(&mut output)
        .and_then(|()| {
            let marker = output.marker(format);
            output.write(MARKER, marker.as_bytes())
        })
        .and_then(|()| if out.exists() { carry_over(out, &temp, &output.files) } else { Ok(Default::default()) });
    let (mut kept_edited, seen) = match built {
        Ok(carried) => carried,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&temp);
            return Err(err);
        }
    };
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{unique}"));
        if let Err(source) = swap(out, &temp, &old) {
            let _ = std::fs::remove_dir_all(&temp);
            return Err(Error::ReadFile { path: out.to_path_buf(), source });
        }
        late_arrivals(&old, out, &seen, Path::new(""), &mut kept_edited)?;
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
        kept_edited.sort();
    } else {
        std::fs::rename(&temp, out).map_err(io(out))?;
    }
    Ok((output.files.into_iter().map(|(path, _)| path).collect(), kept_edited))
}

/// The files an earlier export's marker lists, with their hashes; `None` for a marker
/// written before markers listed files.
fn listed(marker: &str) -> Option<HashMap<String, String>> {
    let files: HashMap<String, String> = marker
        .lines()
        .filter_map(|line| {
            let (hash, path) = line.split_once(' ')?;
            (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| (path.to_string(), hash.to_string()))
        })
        .collect();
    (!files.is_empty() || marker.contains("This folder was written by Dossier")).then_some(files)
}

/// Copies into `new` (a built export) what of the earlier export `old` must survive:
/// every entry that is not a file of ours nobody changed. A file is ours when the
/// earlier marker lists it with the hash it still has, when it is byte for byte what
/// the new export writes there, or (for a marker that lists no files, from before they
/// did) when the new export writes one of that name. An entry kept whose name the new
/// export also writes is kept as "name (edited)". Links are copied as links, never
/// followed. Returns the names set aside, and every path looked at.
fn carry_over(old: &Path, new: &Path, written: &[(String, String)]) -> Result<(Vec<String>, HashSet<String>)> {
    let marker = std::fs::read_to_string(old.join(MARKER)).unwrap_or_default();
    let ours = listed(&marker);
    let written: HashMap<&str, &str> = written.iter().map(|(path, hash)| (path.as_str(), hash.as_str())).collect();
    let mut kept_edited = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let folder = old.join(&relative);
        let entries = std::fs::read_dir(&folder).map_err(|source| Error::ReadFile { path: folder.clone(), source })?;
        let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = relative.join(entry.file_name());
            let shown = path.to_string_lossy().replace('\\', "/");
            seen.insert(shown.clone());
            if shown == MARKER {
                continue;
            }
            let from = entry.path();
            let kind = entry.file_type().map_err(|source| Error::ReadFile { path: from.clone(), source })?;
            if kind.is_dir() {
                if new.join(&path).is_file() {
                    // A folder of theirs where we now write a file: keep it under another name.
                    let aside = edited_name(new, &path);
                    copy_tree(&from, &new.join(&aside))?;
                    kept_edited.push(aside.to_string_lossy().replace('\\', "/"));
                } else {
                    stack.push(path);
                }
                continue;
            }
            let rewritten = written.get(shown.as_str()).copied();
            if kind.is_file() {
                let listed_hash = ours.as_ref().and_then(|files| files.get(&shown));
                let legacy_ours = ours.is_none() && rewritten.is_some();
                if legacy_ours {
                    continue;
                }
                if listed_hash.is_some() || rewritten.is_some() {
                    let bytes =
                        std::fs::read(&from).map_err(|source| Error::ReadFile { path: from.clone(), source })?;
                    let hash = crate::store::sha256_hex(&bytes);
                    if listed_hash == Some(&hash) || rewritten == Some(hash.as_str()) {
                        continue; // ours, unchanged: replaced by the new export, or gone with it
                    }
                }
            }
            let destination = if rewritten.is_some() || new.join(&path).is_dir() {
                let aside = edited_name(new, &path);
                kept_edited.push(aside.to_string_lossy().replace('\\', "/"));
                aside
            } else {
                path
            };
            copy_entry(&from, &new.join(&destination), kind)?;
        }
    }
    kept_edited.sort();
    Ok((kept_edited, seen))
}

/// After the swap: anything that appeared in the earlier export's folder while the new
/// one was being built (an editor saving a note) and was not looked at, moved into the
/// new folder rather than deleted with the old one.
fn late_arrivals(
    old: &Path,
    new: &Path,
    seen: &HashSet<String>,
    relative: &Path,
    kept: &mut Vec<String>,
) -> Result<()> {
    let folder = old.join(relative);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Ok(()) };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = relative.join(entry.file_name());
        let shown = path.to_string_lossy().replace('\\', "/");
        let is_dir = entry.file_type().is_ok_and(|k| k.is_dir());
        if seen.contains(&shown) {
            if is_dir {
                late_arrivals(old, new, seen, &path, kept)?;
            }
            continue;
        }
        let destination = if new.join(&path).exists() { edited_name(new, &path) } else { path.clone() };
        if let Some(parent) = new.join(&destination).parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::ReadFile { path: parent.to_path_buf(), source })?;
        }
        std::fs::rename(entry.path(), new.join(&destination))
            .map_err(|source| Error::ReadFile { path: entry.path(), source })?;
        if destination != path {
            kept.push(destination.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Swaps two folders in one step where the system can (Linux's RENAME_EXCHANGE), so
/// that no moment leaves the export's name empty or pointing at the wrong folder; else
/// two renames, the first undone if the second fails.
fn swap(out: &Path, built: &Path, aside: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
        let (from, to) = (c(built)?, c(out)?);
        // SAFETY: both are NUL-terminated paths this function owns for the call.
        let done = unsafe {
            libc::renameat2(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::RENAME_EXCHANGE)
        };
        if done == 0 {
            // The earlier export is now at `built`'s name: give it the name it is removed under.
            return std::fs::rename(built, aside);
        }
    }
    std::fs::rename(out, aside)?;
    if let Err(err) = std::fs::rename(built, out) {
        let _ = std::fs::rename(aside, out);
        return Err(err);
    }
    Ok(())
}

/// "Actors/Iran.md" → "Actors/Iran (edited).md", or "(edited 2)" and so on while taken.
fn edited_name(root: &Path, path: &Path) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
    (1..)
        .map(|n| {
            let suffix = if n == 1 { " (edited)".to_string() } else { format!(" (edited {n})") };
            parent.join(format!("{stem}{suffix}{extension}"))
        })
        .find(|candidate| !root.join(candidate).exists())
        .unwrap_or_else(|| path.to_path_buf())
}

fn copy_entry(from: &Path, to: &Path, kind: std::fs::FileType) -> Result<()> {
    let io = |source| Error::ReadFile { path: to.to_path_buf(), source };
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    if kind.is_symlink() {
        #[cfg(unix)]
        {
            let target = std::fs::read_link(from).map_err(io)?;
            return std::os::unix::fs::symlink(target, to).map_err(io);
        }
    }
    if kind.is_dir() {
        return copy_tree(from, to);
    }
    // A hard link costs nothing and keeps the file as it is; another filesystem (or one
    // without links) gets a copy. Never over an existing file.
    match std::fs::hard_link(from, to) {
        Err(err) if err.kind() != std::io::ErrorKind::AlreadyExists => {
            let mut target = std::fs::OpenOptions::new().write(true).create_new(true).open(to).map_err(io)?;
            let mut source = std::fs::File::open(from).map_err(io)?;
            std::io::copy(&mut source, &mut target).map(|_| ()).map_err(io)
        }
        other => other.map_err(io),
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|source| Error::ReadFile { path: to.to_path_buf(), source })?;
    let entries = std::fs::read_dir(from).map_err(|source| Error::ReadFile { path: from.to_path_buf(), source })?;
    for entry in entries.filter_map(|e| e.ok()) {
        let kind = entry.file_type().map_err(|source| Error::ReadFile { path: entry.path(), source })?;
        copy_entry(&entry.path(), &to.join(entry.file_name()), kind)?;
    }
    Ok(())
}

/// Whether an existing `out` may be replaced: an empty folder or an earlier export.
fn replaceable(out: &Path) -> Result<bool> {
    if !out.is_dir() {
        return Ok(false);
    }
    let mut entries = std::fs::read_dir(out).map_err(|source| Error::ReadFile { path: out.to_path_buf(), source })?;
    Ok(entries.next().is_none() || out.join(MARKER).is_file())
}
