//! Pictures of the graph view, as the page drew them: a PNG (the canvases composited)
//! or an SVG (built by the page from the laid-out graph). They are written into a
//! folder the person chose, under a name that never replaces an existing file, and only
//! after checking they are what they claim to be.

use crate::{text, Error, Result};
use serde::Deserialize;
use specta::Type;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Png,
    Svg,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// A picture larger than this is not one the graph view made.
const MAX_BYTES: usize = 64 << 20;

/// The bytes of `data`: a `data:image/png;base64,` URL for PNG, the document for SVG.
fn bytes_of(format: ImageFormat, data: &str) -> Result<Vec<u8>> {
    let bad = |why: &str| Error::Invalid(format!("the picture of the graph is not usable: {why}"));
    if data.len() > MAX_BYTES * 4 / 3 + 64 {
        return Err(bad("it is too large"));
    }
    match format {
        ImageFormat::Png => {
            let encoded = data.strip_prefix("data:image/png;base64,").ok_or_else(|| bad("not a PNG data URL"))?;
            let bytes = text::base64_decode(encoded).ok_or_else(|| bad("its base64 is broken"))?;
            if !bytes.starts_with(PNG_SIGNATURE) {
                return Err(bad("not a PNG"));
            }
            Ok(bytes)
        }
        ImageFormat::Svg => {
            let document = data.trim_start();
            let lowered = document.to_ascii_lowercase();
            if !(lowered.starts_with("<svg") || lowered.starts_with("<?xml")) || !lowered.contains("</svg>") {
                return Err(bad("not an SVG document"));
            }
            // The page builds it from text nodes; anything active means something went wrong.
            for active in ["<script", "<foreignobject", "javascript:", "<iframe", "<use"] {
                if lowered.contains(active) {
                    return Err(bad(&format!("it holds {active}")));
                }
            }
            if has_handler(&lowered) {
                return Err(bad("it holds an event handler"));
            }
            Ok(document.as_bytes().to_vec())
        }
    }
}

/// Whether an SVG has an `on…=` attribute (an event handler) inside a tag.
fn has_handler(svg: &str) -> bool {
    let mut in_tag = false;
    let bytes = svg.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b' ' | b'\t' | b'\n' if in_tag => {
                let rest = &svg[i + 1..];
                if rest.starts_with("on") {
                    let name: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                    if name.len() > 2 && rest[name.len()..].trim_start().starts_with('=') {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// Writes the picture into `folder` as "Dossier graph.png" (or ".svg"), numbered when
/// that name is taken; returns the file written.
pub fn save(folder: &Path, format: ImageFormat, data: &str) -> Result<PathBuf> {
    let bytes = bytes_of(format, data)?;
    if !folder.is_dir() {
        return Err(Error::Invalid(format!("{} is not a folder", folder.display())));
    }
    let extension = match format {
        ImageFormat::Png => "png",
        ImageFormat::Svg => "svg",
    };
    for n in 1..1000 {
        let name =
            if n == 1 { format!("Dossier graph.{extension}") } else { format!("Dossier graph ({n}).{extension}") };
        let path = folder.join(name);
        // `create_new` never replaces a file, even one appearing meanwhile.
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                use std::io::Write;
                file.write_all(&bytes).and_then(|()| file.sync_all())?;
                return Ok(path);
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(Error::ReadFile { path, source }),
        }
    }
    Err(Error::Invalid(format!("{} holds too many pictures of the graph already", folder.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="1" y="2">&lt;script&gt; on=</text></svg>"##;

    #[test]
    fn pictures_are_written_under_new_names_only_when_they_are_what_they_claim() {
        let dir = tempfile::tempdir().unwrap();
        let png = format!("data:image/png;base64,{}", text::base64_encode(b"\x89PNG\r\n\x1a\nrest"));
        let first = save(dir.path(), ImageFormat::Png, &png).unwrap();
        let second = save(dir.path(), ImageFormat::Png, &png).unwrap();
        assert_eq!(first.file_name().unwrap(), "Dossier graph.png");
        assert_eq!(second.file_name().unwrap(), "Dossier graph (2).png");
        assert_eq!(save(dir.path(), ImageFormat::Svg, SVG).unwrap().file_name().unwrap(), "Dossier graph.svg");

        for (format, data) in [
            (ImageFormat::Png, "data:image/png;base64,aGVsbG8="),
            (ImageFormat::Png, "data:text/html;base64,aGVsbG8="),
            (ImageFormat::Svg, "<html></html>"),
            (ImageFormat::Svg, r#"<svg><script>alert(1)</script></svg>"#),
            (ImageFormat::Svg, r#"<svg><circle onload="alert(1)"/></svg>"#),
            (ImageFormat::Svg, r#"<svg><a href="javascript:alert(1)">x</a></svg>"#),
        ] {
            assert!(save(dir.path(), format, data).is_err(), "{data}");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3, "nothing else was written");
    }
}
