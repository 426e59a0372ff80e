//! Fetching a page from its web address: a link dropped from a browser, *Import from
//! address…*, `dossier import https://…`. One GET; redirects are followed here, one at
//! a time, so that each is checked (`http` and `https` only) and recorded. The body is
//! read up to the file size limit, within one deadline for the whole chain, and kept
//! as the server sent it with its chain of custody ([`SourceCapture`]): the address
//! asked for, the final address, each redirect, the status, the headers that matter,
//! the time of capture and the body's SHA-256. Nothing fetched runs: the body goes to
//! the file readers like a file.

use crate::model::{CaptureHeader, CaptureKind, CaptureRedirect, SourceCapture};
use std::time::{Duration, Instant};
use url::Url;

/// Bounds on one fetch.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    pub max_bytes: u64,
    /// For the whole chain of redirects and the body.
    pub seconds: u64,
    pub redirects: usize,
}

impl FetchLimits {
    /// A file's size limit, 30 seconds and 10 redirects.
    pub fn with_max_bytes(max_bytes: u64) -> FetchLimits {
        FetchLimits { max_bytes, seconds: 30, redirects: 10 }
    }
}

/// A page as the server sent it, with its chain of custody.
#[derive(Debug)]
pub struct Fetched {
    pub body: Vec<u8>,
    pub capture: SourceCapture,
}

impl Fetched {
    /// The media type the server gave, lower case, without parameters.
    pub fn media_type(&self) -> Option<String> {
        let value = self.capture.headers.iter().find(|h| h.name == "content-type")?.value.as_str();
        let media = value.split(';').next()?.trim().to_ascii_lowercase();
        (!media.is_empty()).then_some(media)
    }
}

impl Fetched {
    /// The file name the server gives in Content-Disposition (`attachment; filename="a.pdf"`).
    pub fn file_name(&self) -> Option<String> {
        let value = &self.capture.headers.iter().find(|h| h.name == "content-disposition")?.value;
        let at = value.to_ascii_lowercase().find("filename=")?;
        let name = value[at + "filename=".len()..].split(';').next()?.trim().trim_matches('"');
        // Only a name: a server's path (`../../x`) says nothing more.
        let name = name.rsplit(['/', '\\']).next()?.trim();
        (!name.is_empty()).then(|| name.to_string())
    }
}

/// The headers kept with a capture: what says what the body is and when it was made.
const KEPT_HEADERS: [&str; 8] = [
    "content-type",
    "content-length",
    "content-language",
    "content-disposition",
    "date",
    "last-modified",
    "etag",
    "server",
];

/// `text` as a web address Dossier fetches: `http` or `https` with a host.
pub fn web_address(text: &str) -> Option<Url> {
    let url = Url::parse(text.trim()).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())).then_some(url)
}

/// Fetches `address`, following at most `limits.redirects` redirects, and says why in
/// words a person understands when it cannot (offline, an error status, too large…).
pub fn fetch(address: &Url, limits: FetchLimits) -> Result<Fetched, String> {
    if web_address(address.as_str()).is_none() {
        return Err(format!("not a web address Dossier fetches (only http and https): {address}"));
    }
    let deadline = Duration::from_secs(limits.seconds);
    let started = Instant::now();
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::NativeTls)
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(format!("Dossier/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut current = address.clone();
    let mut redirects = Vec::new();
    let too_slow = || format!("no complete answer within {} s", limits.seconds);
    loop {
        let remaining = deadline.checked_sub(started.elapsed()).filter(|d| !d.is_zero()).ok_or_else(too_slow)?;
        // As browsers do, this machine's own servers are asked directly, never through
        // a proxy named in the environment.
        let proxy = if is_loopback(&current) { None } else { agent.config().proxy().cloned() };
        let uri = current.as_str().parse::<ureq::http::Uri>().ok();
        let through = proxy
            .as_ref()
            .filter(|p| uri.as_ref().is_none_or(|uri| !p.is_no_proxy(uri)))
            .map(|p| format!("{}:{}", p.host(), p.port()));
        let failure = |error: &ureq::Error| match &through {
            Some(proxy) => {
                format!("{} (through the proxy {proxy} set in the environment)", failure(error, &current, limits))
            }
            None => failure(error, &current, limits),
        };
        let mut response = agent
            .get(current.as_str())
            .config()
            .timeout_global(Some(remaining))
            .proxy(proxy)
            .build()
            .call()
            .map_err(|error| failure(&error))?;
        let status = response.status();
        // A server may write non-ASCII in Location; joining percent-encodes it.
        let location = response.headers().get("location").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        if status.is_redirection() {
            let Some(location) = location.filter(|l| !l.trim().is_empty()) else {
                // A 304 or a redirect to nowhere: its body is not the page.
                return Err(format!("the server answered {} without saying where the page is", status.as_u16()));
            };
            let next =
                current.join(location.trim()).map_err(|_| format!("redirected to a broken address: {location}"))?;
            if web_address(next.as_str()).is_none() {
                return Err(format!("redirected to {next}, which is not a web address; not followed"));
            }
            // A page on the web must not make this machine ask its own servers or its
            // network's (a router, a printer, a cloud's metadata service).
            if is_local(&next) && !is_local(address) {
                return Err(format!(
                    "redirected to {next}, an address on this computer or its local network; not followed"
                ));
            }
            redirects.push(CaptureRedirect { address: current.to_string(), status: i32::from(status.as_u16()) });
            if redirects.len() > limits.redirects {
                return Err(format!("more than {} redirects; not followed further", limits.redirects));
            }
            current = next;
            continue;
        }
        if status.is_client_error() || status.is_server_error() {
            let words = status.canonical_reason().map(|r| format!(" {r}")).unwrap_or_default();
            return Err(format!("the server answered {}{words}", status.as_u16()));
        }
        let headers: Vec<CaptureHeader> = KEPT_HEADERS
            .iter()
            .filter_map(|&name| {
                let value = String::from_utf8_lossy(response.headers().get(name)?.as_bytes()).into_owned();
                Some(CaptureHeader { name: name.into(), value })
            })
            .collect();
        let declared =
            response.headers().get("content-length").and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
        if let Some(size) = declared.filter(|&size| size > limits.max_bytes) {
            return Err(too_large(size, limits.max_bytes));
        }
        let body =
            response.body_mut().with_config().limit(limits.max_bytes).read_to_vec().map_err(|error| failure(&error))?;
        let captured_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let capture = SourceCapture {
            kind: CaptureKind::Fetched,
            address: Some(address.to_string()),
            final_address: Some(current.to_string()),
            status: Some(i32::from(status.as_u16())),
            redirects,
            headers,
            captured_at,
            sha256: crate::store::sha256_hex(&body),
        };
        return Ok(Fetched { body, capture });
    }
}

/// Whether `address` names this computer or its local network by a literal address (or
/// `localhost`, `*.local`): loopback, private, link-local, unique-local or unspecified.
fn is_local(address: &Url) -> bool {
    match address.host() {
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost") || name.ends_with(".local")
        }
        Some(url::Host::Ipv4(ip)) => local_v4(ip),
        Some(url::Host::Ipv6(ip)) => match ip.to_ipv4_mapped() {
            Some(v4) => local_v4(v4),
            None => {
                let first = ip.segments()[0];
                ip.is_loopback() || ip.is_unspecified() || first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80
            }
        },
        None => false,
    }
}

fn local_v4(ip: std::net::Ipv4Addr) -> bool {
    ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified() || ip.octets()[0] == 0
}

fn is_loopback(address: &Url) -> bool {
    match address.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn too_large(size: u64, limit: u64) -> String {
    format!("too large: {}, limit {}", super::human_size(size), super::human_size(limit))
}

/// What went wrong, for a person: offline, a name that does not resolve, a refusal…
fn failure(error: &ureq::Error, at: &Url, limits: FetchLimits) -> String {
    let host = at.host_str().unwrap_or("the server");
    match error {
        ureq::Error::HostNotFound => format!("{host} could not be found: offline, or a mistyped address"),
        // The resolver's own words ("failed to lookup address information: Temporary
        // failure in name resolution") come as an I/O error.
        ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
            format!("{host} could not be found: offline, or a mistyped address")
        }
        ureq::Error::ConnectionFailed => format!("could not connect to {host}: offline, or the server is down"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            format!("{host} refused the connection: the server is down or the address is wrong")
        }
        ureq::Error::Io(io) if matches!(io.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock) => {
            format!("no complete answer within {} s", limits.seconds)
        }
        ureq::Error::Timeout(_) => format!("no complete answer within {} s", limits.seconds),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("too large: more than the limit, {}", super::human_size(limits.max_bytes))
        }
        ureq::Error::Tls(why) => format!("no secure connection to {host}: {why}"),
        other => format!("could not fetch from {host}: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_addresses_with_a_host_are_fetched() {
        assert!(web_address("https://example.org/a?b=c").is_some());
        assert!(web_address("  http://127.0.0.1:8080/page  ").is_some());
        for refused in
            ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "data:text/html,x", "/tmp/a"]
        {
            assert!(web_address(refused).is_none(), "{refused}");
        }
        assert!(is_loopback(&Url::parse("http://127.0.0.1:8080/").unwrap()));
        assert!(is_loopback(&Url::parse("http://[::1]/").unwrap()));
        assert!(is_loopback(&Url::parse("http://LOCALHOST/").unwrap()));
        assert!(!is_loopback(&Url::parse("https://example.org/").unwrap()));
        for local in [
            "http://127.0.0.2/",
            "http://10.1.2.3/",
            "http://192.168.1.1/admin",
            "http://172.16.0.1/",
            "http://169.254.169.254/latest/meta-data",
            "http://0.0.0.0:8080/",
            "http://[::ffff:127.0.0.1]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://printer.local/",
            "http://LocalHost./",
        ] {
            assert!(is_local(&Url::parse(local).unwrap()), "{local}");
        }
        for public in
            ["https://93.184.216.34/", "https://news.example.org/", "http://[2001:db8::1]/", "http://172.32.0.1/"]
        {
            assert!(!is_local(&Url::parse(public).unwrap()), "{public}");
        }
        let refused = fetch(&Url::parse("file:///etc/passwd").unwrap(), FetchLimits::with_max_bytes(1)).unwrap_err();
        assert!(refused.contains("only http and https"), "{refused}");
    }
}
