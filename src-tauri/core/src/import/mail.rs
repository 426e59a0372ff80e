//! MIME formats: e-mail (`.eml`) and web archives (`.mhtml`, a page saved with its
//! resources as one MIME message). `mail-parser` decodes the parts, transfer encodings
//! and charsets.
//!
//! An e-mail's text starts with its From, To, Date and Subject lines, so that who wrote
//! to whom, and when, can be cited like any other passage.

use super::html::{read_fragment, read_html, sanitize};
use super::Extracted;
use mail_parser::{Address, Message, MessageParser, MimeHeaders};

fn parse(bytes: &[u8]) -> Result<Message<'_>, String> {
    MessageParser::default().parse(bytes).ok_or_else(|| "not a MIME message: no headers could be read".to_string())
}

/// Reads an e-mail message.
pub fn read_eml(bytes: &[u8]) -> Result<Extracted, String> {
    let message = parse(bytes)?;
    if message.from().is_none() && message.subject().is_none() && message.date().is_none() {
        return Err("not an e-mail: it has no From, Subject or Date header".into());
    }
    let from = message.from().map(describe_addresses);
    let to = message.to().map(describe_addresses);
    let date = message.date().map(|d| d.to_rfc822());
    let subject = message.subject().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));

    let html_body = message.html_part(0).filter(|p| p.is_text_html()).and_then(|p| p.text_contents());
    let plain_body = message.text_part(0).filter(|p| !p.is_text_html()).and_then(|p| p.text_contents());
    let body = match (plain_body, html_body) {
        (Some(text), _) => super::html::clean_block_text(text),
        (None, Some(html)) => read_fragment(html).text,
        (None, None) => String::new(),
    };
    let mut text = String::new();
    for (label, value) in [("From", &from), ("To", &to), ("Date", &date), ("Subject", &subject)] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            text.push_str(&format!("{label}: {value}\n"));
        }
    }
    if !body.is_empty() {
        text.push('\n');
        text.push_str(&body);
    }
    let byline = message.from().and_then(|a| a.first()).and_then(|a| a.name().or(a.address())).map(str::to_string);
    Ok(Extracted {
        title: subject.filter(|s| !s.is_empty()),
        byline,
        published: message
            .date()
            .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
            .filter(|d| crate::edtf::is_valid(d)),
        language: message.content_language().as_text().map(str::to_string),
        html: html_body.map(sanitize),
        text: text.trim_end().to_string(),
        ..Extracted::default()
    })
}

fn describe_addresses(address: &Address<'_>) -> String {
    address
        .iter()
        .map(|a| match (a.name(), a.address()) {
            (Some(name), Some(address)) => format!("{name} <{address}>"),
            (Some(name), None) => name.to_string(),
            (None, Some(address)) => address.to_string(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a web archive: the page inside it, as an HTML page.
pub fn read_mhtml(bytes: &[u8]) -> Result<Extracted, String> {
    let message = parse(bytes)?;
    let page = message.parts.iter().find(|p| p.is_text_html()).ok_or("not a web archive: it holds no HTML page")?;
    let html = page.text_contents().ok_or("not a web archive: its HTML part cannot be decoded")?;
    let mut extracted = read_html(html)?;
    let location = message
        .header_raw("Snapshot-Content-Location")
        .or_else(|| page.content_location())
        .map(str::trim)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_string);
    extracted.url = extracted.url.or(location);
    if extracted.title.is_none() {
        extracted.title = message.subject().map(str::to_string);
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EML: &str = "From: =?UTF-8?Q?Luc=C3=ADa_Fern=C3=A1ndez?= <lucia@diario.example>\r\n\
To: Desk <desk@diario.example>\r\n\
Subject: =?UTF-8?Q?Fwd=3A_naviera_iran=C3=AD?= in La Guaira\r\n\
Date: Wed, 14 Jun 2023 21:05:00 -0400\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=iso-8859-1\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
El ministro confirm=F3 la ruta Bandar Abbas =96 La Guaira.\r\n\
\r\n\
--b1\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<p onclick=\"x()\">El ministro confirmó la ruta.</p><script>alert(1)</script>\r\n\
--b1--\r\n";

    #[test]
    fn emails_keep_sender_date_subject_and_decoded_body() {
        let mail = read_eml(EML.as_bytes()).unwrap();
        assert_eq!(mail.title.as_deref(), Some("Fwd: naviera iraní in La Guaira"));
        assert_eq!(mail.byline.as_deref(), Some("Lucía Fernández"));
        assert_eq!(mail.published.as_deref(), Some("2023-06-14"));
        assert!(mail
            .text
            .starts_with("From: Lucía Fernández <lucia@diario.example>\nTo: Desk <desk@diario.example>\nDate: "));
        assert!(mail.text.ends_with("\n\nEl ministro confirmó la ruta Bandar Abbas – La Guaira."), "{}", mail.text);
        let html = mail.html.unwrap();
        assert!(!html.contains("onclick") && !html.contains("script"), "{html}");
    }

    #[test]
    fn files_without_mail_headers_are_refused() {
        assert!(read_eml(b"just some words\nand more").unwrap_err().contains("not an e-mail"));
    }

    #[test]
    fn web_archives_read_the_page_inside() {
        let mhtml = "From: <Saved by Blink>\r\n\
Snapshot-Content-Location: https://wire.example/2024/havana-visit\r\n\
Subject: Envoy visits Havana\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related; type=\"text/html\"; boundary=\"----MultipartBoundary--x\"\r\n\
\r\n\
------MultipartBoundary--x\r\n\
Content-Type: text/html\r\n\
Content-Location: https://wire.example/2024/havana-visit\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
<html><head><title>Envoy visits Havana</title></head><body><article><p>The envoy met officials in Ha=\r\n\
vana on Monday, the ministry said in a statement that gave no details of the talks.</p></article></body></html>\r\n\
------MultipartBoundary--x\r\n\
Content-Type: image/png\r\n\
Content-Transfer-Encoding: base64\r\n\
Content-Location: https://wire.example/logo.png\r\n\
\r\n\
iVBORw0KGgo=\r\n\
------MultipartBoundary--x--\r\n";
        let page = read_mhtml(mhtml.as_bytes()).unwrap();
        assert_eq!(page.title.as_deref(), Some("Envoy visits Havana"));
        assert_eq!(page.url.as_deref(), Some("https://wire.example/2024/havana-visit"));
        assert!(page.text.contains("The envoy met officials in Havana on Monday"), "{}", page.text);
    }
}
