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

pub mod bench;
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
        .and_then(|()| if out.exists() { carry_over(out, &temp, &output.files) } else { Ok(Vec::new()) });
    let kept_edited = match built {
        Ok(kept) => kept,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&temp);
            return Err(err);
        }
    };
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{unique}"));
        std::fs::rename(out, &old).map_err(io(out))?;
        if let Err(source) = std::fs::rename(&temp, out) {
            // Put the earlier export back rather than leave nothing.
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&temp);
            return Err(Error::ReadFile { path: out.to_path_buf(), source });
        }
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    } else {
        std::fs::rename(&temp, out).map_err(io(out))?;
    }
    Ok((output.files.into_iter().map(|(path, _)| path).collect(), kept_edited))
}

/// The files an earlier export's marker lists, with their hashes. A marker from before
/// markers listed files lists none: then every file is kept unless the new export
/// writes one of that name.
fn listed(marker: &str) -> std::collections::HashMap<String, String> {
    marker
        .lines()
        .filter_map(|line| {
            let (hash, path) = line.split_once(' ')?;
            (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| (path.to_string(), hash.to_string()))
        })
        .collect()
}

/// Copies into `new` (a built export) what of the earlier export `old` must survive:
/// every entry that is not a file the earlier export wrote and nobody changed since.
/// An entry whose name the new export also writes is kept as "name (edited)".
/// Returns those names. Links are copied as links, never followed.
fn carry_over(old: &Path, new: &Path, written: &[(String, String)]) -> Result<Vec<String>> {
    let marker = std::fs::read_to_string(old.join(MARKER)).unwrap_or_default();
    let ours = listed(&marker);
    let written: std::collections::HashSet<&str> = written.iter().map(|(path, _)| path.as_str()).collect();
    let mut kept_edited = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let folder = old.join(&relative);
        let entries = std::fs::read_dir(&folder).map_err(|source| Error::ReadFile { path: folder.clone(), source })?;
        let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = relative.join(entry.file_name());
            let shown = path.to_string_lossy().replace('\\', "/");
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
            if kind.is_file() {
                if let Some(hash) = ours.get(&shown) {
                    let bytes =
                        std::fs::read(&from).map_err(|source| Error::ReadFile { path: from.clone(), source })?;
                    if crate::store::sha256_hex(&bytes) == *hash {
                        continue; // ours, unchanged: replaced by the new export, or gone with it
                    }
                }
            }
            let destination = if written.contains(shown.as_str()) || new.join(&path).is_dir() {
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
    Ok(kept_edited)
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
    // A hard link costs nothing and keeps the file as it is; another filesystem gets a copy.
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ())).map_err(io)
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
