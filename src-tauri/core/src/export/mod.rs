//! Exports: what the analyst built, written for the tools they use next — a Markdown
//! vault for Obsidian or Logseq, lossless JSON, CSV, GEXF and GraphML for Gephi and
//! networkx, CSL-JSON and BibTeX for Zotero and pandoc, FollowTheMoney for Aleph.
//!
//! Every export is built in a temporary folder beside the destination and moved into
//! place when complete, so a failed export leaves nothing half-written; a destination
//! that exists is replaced only when it is empty or an earlier Dossier export. Files are
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
}

/// Writes files under one folder, by relative paths made only of plain components.
pub struct Output {
    root: PathBuf,
    files: Vec<String>,
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
        self.files.push(relative.to_string());
        Ok(())
    }
}

/// Exports `scope` of the store in `format` into the folder `out`.
pub fn export(store: &Store, format: Format, scope: &Scope, out: &Path) -> Result<ExportReport> {
    let library = store.library()?;
    let selection = Selection::of(&library, scope)?;
    let (actors, claims, sources) =
        (selection.actors.len() as i32, selection.claims.len() as i32, selection.sources.len() as i32);
    let files = publish(out, |output| {
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
        output.write(MARKER, format!("Dossier export ({})\n", format.as_str()).as_bytes())
    })?;
    Ok(ExportReport { folder: out.display().to_string(), files, actors, claims, sources })
}

/// Restores a JSON export (`dossier.json`, or the folder holding it) into `store`, which
/// must be new.
pub fn import_json(store: &mut Store, path: &Path) -> Result<()> {
    let file = if path.is_dir() { path.join("dossier.json") } else { path.to_path_buf() };
    let bytes = std::fs::read(&file).map_err(|source| Error::ReadFile { path: file.clone(), source })?;
    json::restore(store, &bytes)
}

/// Builds the export in a temporary folder beside `out`, then puts it in place.
fn publish(out: &Path, build: impl FnOnce(&mut Output) -> Result<()>) -> Result<Vec<String>> {
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
    if let Err(err) = build(&mut output) {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(err);
    }
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
    Ok(output.files)
}

/// Whether an existing `out` may be replaced: an empty folder or an earlier export.
fn replaceable(out: &Path) -> Result<bool> {
    if !out.is_dir() {
        return Ok(false);
    }
    let mut entries = std::fs::read_dir(out).map_err(|source| Error::ReadFile { path: out.to_path_buf(), source })?;
    Ok(entries.next().is_none() || out.join(MARKER).is_file())
}
