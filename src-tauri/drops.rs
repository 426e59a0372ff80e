//! Links dropped from a browser, as the browser wrote them. The webview's own drop
//! handler (wry's) hands the page a dropped `text/uri-list` as paths, percent-decoded:
//! `?q=a%26b` arrives as `?q=a&b`, another address. Here a second handler on the same
//! GTK drop keeps the list as it came, and [`as_dropped`] puts the exact address back
//! for each decoded one the page asks to import. It also notes whether the drag started
//! inside a web page: a page's script can put `file:///home/…` in what it lets people
//! drag, and files named that way are not imported. On other platforms nothing is kept and paths pass as they are.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The last drag over the window that carried a `text/uri-list`.
struct Dropped {
    at: Instant,
    uris: Vec<String>,
    /// Whether the drag started inside a web page (see [`WEB_PAGE_TARGETS`]).
    from_web_page: bool,
}

static LAST_DROP: Mutex<Option<Dropped>> = Mutex::new(None);

/// How long after a drag its list may still be asked for: the page imports at once.
const FRESH: Duration = Duration::from_secs(10);

/// Targets browsers add to a drag that starts inside a web page (its content, or data a
/// page's script set), and not to one from their own windows (a download, a tab).
const WEB_PAGE_TARGETS: [&str; 4] =
    ["chromium/x-renderer-taint", "text/_moz_htmlcontext", "text/_moz_htmlinfo", "application/x-moz-custom-clipdata"];

/// Listens to the window's drops beside the webview's own handler.
#[cfg(target_os = "linux")]
pub fn keep_dropped_addresses(window: &tauri::WebviewWindow) {
    use gtk::prelude::*;
    let kept = window.with_webview(|platform| {
        let view: webkit2gtk::WebView = platform.inner();
        view.connect_drag_data_received(|_, context, _, _, data, _, _| {
            let uris: Vec<String> = data.uris().iter().map(|uri| uri.to_string()).collect();
            if uris.is_empty() {
                return;
            }
            let from_web_page =
                context.list_targets().iter().any(|target| WEB_PAGE_TARGETS.contains(&target.name().as_str()));
            if let Ok(mut last) = LAST_DROP.lock() {
                *last = Some(Dropped { at: Instant::now(), uris, from_web_page });
            }
        });
    });
    if let Err(error) = kept {
        eprintln!("dossier: dropped links will arrive percent-decoded: {error}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn keep_dropped_addresses(_window: &tauri::WebviewWindow) {}

/// `paths` as the drop gave them: each address the webview decoded gets its escapes
/// back. Files a web page's drag named are refused with the reason.
pub fn as_dropped(paths: Vec<String>) -> Result<Vec<String>, String> {
    let last = LAST_DROP.lock().ok().and_then(|mut last| last.take()).filter(|d| d.at.elapsed() < FRESH);
    let Some(dropped) = last else { return Ok(paths) };
    let mut refused = Vec::new();
    let restored = paths
        .into_iter()
        .filter_map(|path| {
            let raw = dropped.uris.iter().find(|raw| decoded(raw) == path);
            match raw {
                Some(raw) if raw.starts_with("http://") || raw.starts_with("https://") => Some(raw.clone()),
                Some(_) if dropped.from_web_page => {
                    refused.push(path);
                    None
                }
                _ => Some(path),
            }
        })
        .collect();
    if refused.is_empty() {
        Ok(restored)
    } else {
        Err(format!("a web page's drag named files on this computer ({}); they were not imported", refused.join(", ")))
    }
}

/// What the webview's handler makes of a dropped URI: `file://` stripped, escapes decoded.
fn decoded(raw: &str) -> String {
    let path = raw.strip_prefix("file://").unwrap_or(raw);
    percent_decode(path)
}

#[cfg(target_os = "linux")]
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode(text.as_bytes()).decode_utf8_lossy().into_owned()
}

#[cfg(not(target_os = "linux"))]
fn percent_decode(text: &str) -> String {
    text.to_string()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn dropped(uris: &[&str], from_web_page: bool) {
        let uris = uris.iter().map(|u| u.to_string()).collect();
        *LAST_DROP.lock().unwrap() = Some(Dropped { at: Instant::now(), uris, from_web_page });
    }

    // One test: the tests of a binary share LAST_DROP.
    #[test]
    fn decoded_addresses_get_their_escapes_back_and_a_web_pages_files_are_refused() {
        dropped(&["https://news.example.org/a%26b?q=x%2Fy&r=%C3%A9"], true);
        let restored = as_dropped(vec!["https://news.example.org/a&b?q=x/y&r=é".into(), "/home/ana/a.html".into()]);
        assert_eq!(restored.unwrap(), ["https://news.example.org/a%26b?q=x%2Fy&r=%C3%A9", "/home/ana/a.html"]);
        // Taken once: a later import of the same words is what was typed.
        assert_eq!(as_dropped(vec!["https://x.example/a&b".into()]).unwrap(), ["https://x.example/a&b"]);

        dropped(&["file:///home/ana/.ssh/id_ed25519", "https://news.example.org/"], true);
        let refused = as_dropped(vec!["/home/ana/.ssh/id_ed25519".into(), "https://news.example.org/".into()]);
        assert!(refused.unwrap_err().contains("/home/ana/.ssh/id_ed25519"));

        // From a file manager, files are files.
        dropped(&["file:///home/ana/My%20notes.md"], false);
        assert_eq!(as_dropped(vec!["/home/ana/My notes.md".into()]).unwrap(), ["/home/ana/My notes.md"]);
    }
}
