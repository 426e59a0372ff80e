//! What the app remembers between runs that is not the library: the main window's size
//! and position, the store it last opened, and the languages OCR reads in. Kept as small
//! files beside the default store; a missing or unreadable file means "nothing
//! remembered", never an error.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The main window's geometry in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowGeometry {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

impl WindowGeometry {
    /// Sizes below the window's minimum or absurdly large are not restored.
    pub fn is_plausible(&self) -> bool {
        (320..=20_000).contains(&self.width) && (240..=20_000).contains(&self.height)
    }
}

/// Where the window's geometry is kept.
pub fn window_file() -> Option<PathBuf> {
    crate::paths::app_data_dir().map(|dir| dir.join("window.json"))
}

pub fn load_window(file: &Path) -> Option<WindowGeometry> {
    let text = std::fs::read_to_string(file).ok()?;
    serde_json::from_str::<WindowGeometry>(&text).ok().filter(WindowGeometry::is_plausible)
}

/// Writes the geometry (through a temporary file, so a crash leaves the old one whole).
pub fn save_window(file: &Path, geometry: &WindowGeometry) -> std::io::Result<()> {
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = file.with_extension("json.new");
    std::fs::write(&temporary, serde_json::to_vec(geometry)?)?;
    std::fs::rename(temporary, file)
}

/// Where the languages OCR reads in are kept (for the app and the command line alike).
pub fn ocr_file() -> Option<PathBuf> {
    crate::paths::app_data_dir().map(|dir| dir.join("ocr.json"))
}

/// The languages OCR reads in: the person's choice, else English, Spanish and Portuguese.
pub fn load_ocr(file: Option<&Path>) -> crate::import::ocr::OcrSettings {
    file.and_then(|file| std::fs::read_to_string(file).ok())
        .and_then(|text| serde_json::from_str::<crate::import::ocr::OcrSettings>(&text).ok())
        .filter(|settings| !settings.languages.is_empty())
        .unwrap_or_default()
}

/// Keeps the languages OCR reads in (through a temporary file, as the geometry is).
pub fn save_ocr(file: &Path, settings: &crate::import::ocr::OcrSettings) -> std::io::Result<()> {
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = file.with_extension("json.new");
    std::fs::write(&temporary, serde_json::to_vec(settings)?)?;
    std::fs::rename(temporary, file)
}

/// Where the path of the store the app last opened is kept.
pub fn last_store_file() -> Option<PathBuf> {
    crate::paths::app_data_dir().map(|dir| dir.join("last-store"))
}

/// The store the app last opened, if it is still there.
pub fn last_store(file: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(file).ok()?;
    let path = PathBuf::from(text.trim_end_matches('\n'));
    (path.is_absolute() && path.is_file()).then_some(path)
}

pub fn remember_store(file: &Path, store: &Path) -> std::io::Result<()> {
    let store = std::path::absolute(store)?;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = file.with_extension("new");
    std::fs::write(&temporary, format!("{}\n", store.display()))?;
    std::fs::rename(temporary, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ocr_languages_round_trip_and_none_chosen_means_the_default() {
        use crate::import::ocr::OcrSettings;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("deep/ocr.json");
        assert_eq!(load_ocr(Some(&file)), OcrSettings::default());
        assert_eq!(load_ocr(None), OcrSettings::default());
        let arabic = OcrSettings { languages: vec!["ara".into(), "eng".into()] };
        save_ocr(&file, &arabic).unwrap();
        assert_eq!(load_ocr(Some(&file)), arabic);
        save_ocr(&file, &OcrSettings { languages: vec![] }).unwrap();
        assert_eq!(load_ocr(Some(&file)), OcrSettings::default());
        std::fs::write(&file, "not json").unwrap();
        assert_eq!(load_ocr(Some(&file)), OcrSettings::default());
    }

    #[test]
    fn the_window_geometry_round_trips_and_nonsense_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("deep/window.json");
        assert_eq!(load_window(&file), None);
        let geometry = WindowGeometry { x: -20, y: 40, width: 1000, height: 700, maximized: false };
        save_window(&file, &geometry).unwrap();
        assert_eq!(load_window(&file), Some(geometry));
        std::fs::write(&file, "{\"x\":0,\"y\":0,\"width\":5,\"height\":5,\"maximized\":false}").unwrap();
        assert_eq!(load_window(&file), None, "too small to be a real window");
        std::fs::write(&file, "not json").unwrap();
        assert_eq!(load_window(&file), None);
    }

    #[test]
    fn the_last_store_is_remembered_while_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("last-store");
        let store = dir.path().join("cases/Bolivia file.dossier");
        assert_eq!(last_store(&file), None);
        remember_store(&file, &store).unwrap();
        assert_eq!(last_store(&file), None, "not there yet");
        std::fs::create_dir_all(store.parent().unwrap()).unwrap();
        std::fs::write(&store, b"").unwrap();
        assert_eq!(last_store(&file), Some(store.clone()));
        std::fs::remove_file(&store).unwrap();
        assert_eq!(last_store(&file), None, "a store deleted since is forgotten");
    }
}
