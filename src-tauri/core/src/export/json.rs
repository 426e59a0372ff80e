//! The lossless JSON export: the whole store as `dossier.json`, every row of every
//! table (originals as base64), tagged with a format and the store's schema version.

use super::Output;
use crate::store::Dump;
use crate::{Error, Result, Store};
use serde::{Deserialize, Serialize};

/// The file's format identifier; bump when the file's shape changes.
pub const FORMAT: &str = "dossier-store/1";

#[derive(Serialize, Deserialize)]
pub struct JsonExport {
    pub format: String,
    #[serde(flatten)]
    pub dump: Dump,
}

pub fn write(store: &Store, output: &mut Output) -> Result<()> {
    let export = JsonExport { format: FORMAT.into(), dump: store.dump()? };
    let mut bytes =
        serde_json::to_vec_pretty(&export).map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
    bytes.push(b'\n');
    output.write("dossier.json", &bytes)
}

/// Restores a JSON export into `store`, which must be new (empty).
pub fn restore(store: &mut Store, bytes: &[u8]) -> Result<()> {
    let export: JsonExport =
        serde_json::from_slice(bytes).map_err(|e| Error::Invalid(format!("not a Dossier JSON export: {e}")))?;
    if export.format != FORMAT {
        return Err(Error::Invalid(format!("unknown export format '{}' (this Dossier reads {FORMAT})", export.format)));
    }
    store.restore(&export.dump)?;
    // What the detector finds is not exported: it reads the restored texts again. The
    // restore stands if that fails; the app's next start reads them.
    if let Err(error) = store.find_copies() {
        eprintln!("dossier: looking for republished copies failed: {error}");
    }
    Ok(())
}
