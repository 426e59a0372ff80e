//! Links dropped from a browser, as the browser wrote them. The webview's own drop
//! handler (wry's) hands the page a dropped `text/uri-list` as paths, percent-decoded:
//! `?q=a%26b` arrives as `?q=a&b`, another address. Here a second handler on the same
//! GTK drop keeps the list as it came, and [`as_dropped`] puts the exact address back
//! for each decoded one the page asks to import. On other platforms nothing is kept and
//! paths pass as they are.

use std::sync::Mutex;

/// The addresses of the last drop that carried a `text/uri-list` (http and https only).
static LAST_DROP: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Listens to the window's drops beside the webview's own handler.
#[cfg(target_os = "linux")]
pub fn keep_dropped_addresses(window: &tauri::WebviewWindow) {
    use gtk::prelude::*;
    let kept = window.with_webview(|platform| {
        let view: webkit2gtk::WebView = platform.inner();
        view.connect_drag_data_received(|_, _, _, _, data, _, _| {
            let addresses: Vec<String> = data
                .uris()
                .iter()
                .map(|uri| uri.to_string())
                .filter(|uri| uri.starts_with("http://") || uri.starts_with("https://"))
                .collect();
            if !addresses.is_empty() {
                if let Ok(mut last) = LAST_DROP.lock() {
                    *last = addresses;
                }
            }
        });
    });
    if let Err(error) = kept {
        eprintln!("dossier: dropped links will arrive percent-decoded: {error}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn keep_dropped_addresses(_window: &tauri::WebviewWindow) {}

/// `path` as the browser gave it, when it is a dropped address the webview decoded.
pub fn as_dropped(path: String) -> String {
    if !(path.starts_with("http://") || path.starts_with("https://")) {
        return path;
    }
    let Ok(last) = LAST_DROP.lock() else { return path };
    last.iter().find(|raw| decoded(raw) == path).cloned().unwrap_or(path)
}

/// What the webview's handler makes of a dropped URI.
#[cfg(target_os = "linux")]
fn decoded(raw: &str) -> String {
    percent_encoding::percent_decode(raw.as_bytes()).decode_utf8_lossy().into_owned()
}

#[cfg(not(target_os = "linux"))]
fn decoded(raw: &str) -> String {
    raw.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoded_address_gets_its_escapes_back_and_other_paths_pass() {
        *LAST_DROP.lock().unwrap() = vec!["https://news.example.org/a%26b?q=x%2Fy&r=%C3%A9".to_string()];
        assert_eq!(
            as_dropped("https://news.example.org/a&b?q=x/y&r=é".into()),
            "https://news.example.org/a%26b?q=x%2Fy&r=%C3%A9"
        );
        assert_eq!(as_dropped("https://elsewhere.example/".into()), "https://elsewhere.example/");
        assert_eq!(as_dropped("/home/ana/a%26b.html".into()), "/home/ana/a%26b.html");
    }
}
