//! HTML pages: the main content (boilerplate removed by `dom_smoothie`, a port of
//! Readability.js), the page's metadata, the clean text every offset points into, and a
//! sanitized rendition of the content for the reader view.
//!
//! The rendition keeps structure (headings, paragraphs, lists, quotes, tables, links)
//! and nothing that runs or loads: no scripts, styles, event handlers, frames, objects,
//! forms, images or relative URLs.

use super::Extracted;
use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};
use std::collections::{HashMap, HashSet};

/// Element count beyond which a page is not worth scoring; such pages fall back to their
/// whole text. Real articles stay far below it (the largest test page has ~30,000).
const MAX_ELEMENTS: usize = 200_000;

/// Nesting beyond which main-content scoring (quadratic in depth) is skipped and the
/// page keeps all of its text. Real pages nest a few dozen levels.
const MAX_SCORED_DEPTH: usize = 500;

/// Net open tags beyond which a page is not parsed into a tree at all: building a tree
/// costs time quadratic in nesting (parsers scan the open elements for every tag), so
/// such pages keep their text by stripping tags instead.
const MAX_PARSED_NESTING: usize = 5_000;

/// Reads a decoded HTML page.
pub fn read_html(html: &str) -> Result<Extracted, String> {
    let html = &*without_scripts_and_styles(html);
    let nesting = nesting_estimate(html);
    if nesting > MAX_PARSED_NESTING {
        let text = clean_block_text(&flat_text(html));
        return Ok(Extracted { title: html_title(html), text, ..Extracted::default() });
    }
    let document = Document::from(html);
    // The estimate ignores implied elements (html, body, tbody…): walk the tree only when it is close.
    if nesting > MAX_SCORED_DEPTH - 16 && depth_exceeds(&document, MAX_SCORED_DEPTH) {
        return Ok(whole_text(document, html_title(html), None, None));
    }
    remove_prompts(&document);
    let head = Head::of(&document);
    let (url, language, head_title, marked) = (head.url, head.language, head.title, head.published);
    let config = Config { text_mode: TextMode::Formatted, max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let base = url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = Readability::with_document(document, base, Some(config)).map_err(|e| e.to_string())?;
    match readability.parse() {
        Ok(article) => {
            let text = clean_block_text(&article.text_content);
            let title = clean_inline(&article.title);
            Ok(Extracted {
                title: non_empty(title).or(head_title),
                byline: article.byline.map(|b| clean_inline(&b)).and_then(non_empty),
                publisher: article.site_name.map(|s| clean_inline(&s)).and_then(non_empty),
                published: article.published_time.as_deref().and_then(published_date).or(marked),
                url,
                language: article.lang.map(|l| clean_inline(&l)).and_then(non_empty).or(language),
                html: Some(sanitize(&article.content)),
                text,
                ..Extracted::default()
            })
        }
        Err(ReadabilityError::GrabFailed | ReadabilityError::TooManyElements(..)) => {
            // Not an article (an index page, a form, a huge table): keep all of its text.
            Ok(whole_text(Document::from(html), head_title, url, language))
        }
        Err(err) => Err(err.to_string()),
    }
}

/// Elements that never hold children, or whose end tag pages commonly leave out: they
/// do not count towards nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "colgroup", "!doctype",
];

/// How deep the tags of `html` nest, counted from the text without parsing it.
fn nesting_estimate(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        i += offset + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'!'))
            .map_or(bytes.len(), |e| start + e);
        if end == start {
            continue;
        }
        let name = &bytes[start..end];
        if NOT_NESTING.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let self_closing =
            bytes[end..].iter().position(|&b| b == b'>').is_some_and(|gt| gt > 0 && bytes[end + gt - 1] == b'/');
        if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The page with its styles and scripts emptied (JSON-LD metadata kept): nothing in them
/// is read, and tokenizing them is a good part of parsing a real page (on the
/// readability test pages, scripts are 28 % of the bytes and styles 15 %). The elements
/// stay, empty, and their content ends where a tokenizer ends it: at the first `</script`
/// or `</style`. An element left open keeps its content.
fn without_scripts_and_styles(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut kept = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(lt) = memchr_lt(&bytes[at..]).map(|i| at + i) {
        let rest = &bytes[lt + 1..];
        let name: &[u8] = if rest.len() > 6 && rest[..6].eq_ignore_ascii_case(b"script") {
            b"script"
        } else if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"style") {
            b"style"
        } else {
            at = lt + 1;
            continue;
        };
        let after = lt + 1 + name.len();
        if !matches!(bytes[after], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            at = after;
            continue;
        }
        let Some(open_end) = bytes[after..].iter().position(|&b| b == b'>').map(|i| after + i + 1) else { break };
        if name == b"script" && find_ascii_ci(&html[lt..open_end], "ld+json").is_some() {
            at = open_end;
            continue;
        }
        let closing: &str = if name == b"script" { "</script" } else { "</style" };
        let Some(close) = find_ascii_ci(&html[open_end..], closing).map(|i| open_end + i) else { break };
        if close > open_end {
            kept.push_str(&html[copied..open_end]);
            copied = close;
        }
        at = close + closing.len();
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    kept.push_str(&html[copied..]);
    std::borrow::Cow::Owned(kept)
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', bytes)
}

/// The text of `html` with its tags stripped (scripts and styles with their content),
/// block ends as line breaks and character references decoded.
fn flat_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "pre",
        "table",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = &html[find_ascii_ci(html, "<body").unwrap_or(0)..];
    while let Some(lt) = rest.find('<') {
        out.push_str(&html_escape::decode_html_entities(&rest[..lt]));
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[gt + 1..];
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style" | "title" | "template") {
            let end = find_ascii_ci(rest, &format!("</{name}")).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    out.push_str(&html_escape::decode_html_entities(rest));
    out
}

/// Where the ASCII `needle` first occurs in `haystack`, ignoring ASCII case (a byte
/// offset on a character boundary, since the needle starts with an ASCII byte).
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let (&first, rest) = needle.split_first()?;
    let mut at = 0;
    // Candidates by the first byte in either case (memchr's vectorized scan), then the rest.
    while let Some(found) = memchr::memchr2(first.to_ascii_lowercase(), first.to_ascii_uppercase(), &hay[at..]) {
        let start = at + found;
        if hay.get(start + 1..start + needle.len()).is_some_and(|tail| tail.eq_ignore_ascii_case(rest)) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

fn html_title(html: &str) -> Option<String> {
    // Only the head is worth parsing again for a title.
    let end = find_ascii_ci(html, "</head").or_else(|| find_ascii_ci(html, "<body")).unwrap_or(0);
    let head = Document::from(&html[..end]);
    non_empty(clean_inline(&head.select("title").first().text()))
}

/// All of a page's text but its scripts and page furniture.
fn whole_text(document: Document, title: Option<String>, url: Option<String>, language: Option<String>) -> Extracted {
    document.select("script, style, noscript, template, nav, header, footer").remove();
    let text = clean_block_text(&document.select("body").formatted_text());
    Extracted { title, url, language, text, ..Extracted::default() }
}

/// Whether any node of `document` sits deeper than `limit`, found without recursion.
fn depth_exceeds(document: &Document, limit: usize) -> bool {
    let mut node = document.root();
    let mut depth = 0usize;
    loop {
        if let Some(child) = node.first_child() {
            node = child;
            depth += 1;
            if depth > limit {
                return true;
            }
            continue;
        }
        loop {
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                break;
            }
            match node.parent() {
                Some(parent) if depth > 0 => {
                    node = parent;
                    depth -= 1;
                }
                _ => return false,
            }
        }
    }
}

/// Reads an HTML fragment (a paste from a browser): no boilerplate to remove, so its
/// whole text is kept.
pub fn read_fragment(html: &str) -> Extracted {
    let document = Document::fragment(html);
    document.select("script, style, noscript, template").remove();
    let text = clean_block_text(&document.formatted_text());
    Extracted { html: Some(sanitize(html)), text, ..Extracted::default() }
}

/// Subscription walls, newsletter, sign-up and donation boxes, advertising slots, "read
/// also" and most-read lists (English, Spanish, Portuguese), video transcripts, author
/// boxes, cookie banners and breadcrumbs: blocks of at most 400 characters whose class or id says what they
/// are. Longer blocks are kept whatever their name, so that an article wrapped in, say,
/// `subscriber-content` survives. (Names that articles also wear — `share`, `video`,
/// `social`, `related`, `promo` — cost the readability test pages more than they gave.)
fn remove_prompts(document: &Document) {
    const NAMES: &[&str] = &[
        "paywall",
        "regwall",
        "subscribe",
        "subscription",
        "suscrip",
        "assinatura",
        "assinante",
        "newsletter",
        "signup",
        "sign-up",
        "advert",
        "ad-slot",
        "adslot",
        "ad-unit",
        "ad-container",
        "publicidad",
        "publicidade",
        "donate",
        "donation",
        "support-us",
        "relacionad",
        "leia-tambem",
        "lea-tambien",
        "te-puede-interesar",
        "most-read",
        "mostread",
        "most-viewed",
        "mais-lidas",
        "mas-leido",
        "mas-leidas",
        "transcript",
        "author-bio",
        "author-box",
        "author-card",
        "autor-bio",
        "comentarios",
        "cookie",
        "consent",
        "breadcrumb",
        "tag-list",
    ];
    const MAX_PROMPT_CHARS: usize = 400;
    // Every element's class and id is looked at: one automaton, built once, matching
    // ASCII case-insensitively, each name with "-" and with "_".
    static AUTOMATON: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let Some(automaton) = AUTOMATON
        .get_or_init(|| {
            let names = NAMES.iter().flat_map(|n| [n.to_string(), n.replace('-', "_")]);
            aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(names).ok()
        })
        .as_ref()
    else {
        return;
    };
    let named_as_boilerplate =
        |value: Option<tendril::StrTendril>| value.is_some_and(|v| automaton.is_match(v.as_ref() as &str));
    let named: Vec<_> = document
        .root()
        .descendants_it()
        .filter(|n| n.is_element() && (named_as_boilerplate(n.attr("class")) || named_as_boilerplate(n.attr("id"))))
        .filter(|n| !matches!(n.node_name().as_deref(), Some("body" | "html" | "main" | "article")))
        .collect();
    for node in named {
        if node.text().chars().count() <= MAX_PROMPT_CHARS {
            node.remove_from_parent();
        }
    }
}

/// What the `<head>` says about the page, read by walking the head's children only
/// (a selector would scan the whole document).
struct Head {
    url: Option<String>,
    language: Option<String>,
    title: Option<String>,
    /// The date the page marks as published outside the places Readability reads
    /// (JSON-LD, `article:published_time`): microdata and the common `<meta name>`s.
    published: Option<String>,
}

impl Head {
    fn of(document: &Document) -> Head {
        let root = document.html_root();
        let language = root.attr("lang").map(|l| l.trim().to_string()).filter(|l| !l.is_empty() && l.len() <= 35);
        let (mut canonical, mut og_url, mut title) = (None, None, None);
        if let Some(head) = root.element_children().into_iter().find(|c| c.has_name("head")) {
            for child in head.element_children() {
                if child.has_name("link") && child.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    canonical = canonical.or_else(|| child.attr("href").map(|h| h.trim().to_string()));
                } else if child.has_name("meta") && child.attr("property").is_some_and(|p| &*p == "og:url") {
                    og_url = og_url.or_else(|| child.attr("content").map(|h| h.trim().to_string()));
                } else if child.has_name("title") && title.is_none() {
                    title = non_empty(clean_inline(&child.text()));
                }
            }
        }
        let absolute = |u: &String| u.starts_with("http://") || u.starts_with("https://");
        let url = canonical.filter(absolute).or(og_url.filter(absolute));
        Head { url, language, title, published: marked_published(document) }
    }
}

/// Where pages mark their publication date besides JSON-LD and Open Graph, most
/// trusted first: schema.org microdata (`<meta itemprop="datePublished" content>`,
/// `<time itemprop="datePublished" datetime>`), then `<meta name>`s newsrooms use.
const PUBLISHED_MARKS: &[(&str, &str)] = &[
    ("[itemprop=datePublished][content]", "content"),
    ("[itemprop=datePublished][datetime]", "datetime"),
    ("meta[name=pubdate]", "content"),
    ("meta[name=publishdate]", "content"),
    ("meta[name='article:published_time']", "content"),
    ("meta[name='DC.date.issued']", "content"),
    ("meta[name='dcterms.created']", "content"),
    ("meta[name=date]", "content"),
];

fn marked_published(document: &Document) -> Option<String> {
    PUBLISHED_MARKS.iter().find_map(|(selector, attribute)| {
        document.select(selector).nodes().iter().find_map(|node| node.attr(attribute).and_then(|v| published_date(&v)))
    })
}

/// A published date as EDTF at the precision the page gives: `2015-07-24`, `2015-07`
/// or `2015`. Dates are taken as written, in the page's own time zone.
pub fn published_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    // Shapes are checked on bytes: a page's date may hold any character, and slicing a
    // string inside one would panic.
    let b = raw.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let digits_then = |n: usize, dash: usize| digits(0..n) && b.get(dash) == Some(&b'-');
    if digits_then(4, 4) && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10) {
        let day = &raw[..10];
        return chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|_| day.to_string());
    }
    if b.len() == 7 && digits_then(4, 4) && digits(5..7) {
        return (1..=12).contains(&raw[5..].parse::<u32>().ok()?).then(|| raw.to_string());
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if raw.len() == 4 && digits(raw) {
        return Some(raw.to_string());
    }
    if let Ok(date) = chrono::DateTime::parse_from_rfc2822(raw) {
        return Some(date.format("%Y-%m-%d").to_string());
    }
    for format in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%Y%m%d"] {
        if let Ok(date) = chrono::NaiveDate::parse_from_str(raw, format) {
            return Some(date.format("%Y-%m-%d").to_string());
        }
    }
    None
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// One line: whitespace runs become one space.
fn clean_inline(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs separated by one blank line, lines trimmed, no runs of spaces.
pub(crate) fn clean_block_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = line.split([' ', '\t', '\u{a0}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

/// The reader view's HTML: structure only. Links keep absolute http(s) and mailto
/// targets and open nothing by themselves (the UI decides what a click does).
pub fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "article",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    ]
    .into_iter()
    .collect();
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href"].into_iter().collect()),
        ("td", ["colspan", "rowspan"].into_iter().collect()),
        ("th", ["colspan", "rowspan", "scope"].into_iter().collect()),
        ("time", ["datetime"].into_iter().collect()),
        ("ol", ["start"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .clean_content_tags(["script", "style", "template", "noscript", "iframe", "object", "svg", "math"].into())
        .tag_attributes(tag_attributes)
        .generic_attributes(["lang", "dir", "title"].into())
        .url_schemes(["http", "https", "mailto"].into())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<title>Tehran's envoy meets Caracas officials | The Meridian Ledger</title>
<meta property="og:site_name" content="The Meridian Ledger">
<meta property="og:url" content="https://meridian.example/world/2024/envoy">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-03-05T08:30:00-04:00">
<script>window.track = 1</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Tehran's envoy meets Caracas officials</h1>
<p>CARACAS — An Iranian delegation arrived in the Venezuelan capital on Monday for talks on
energy and security cooperation, officials said, the third such visit this year.</p>
<p onclick="steal()">The visit follows months of reports that the two governments have expanded
flights between their capitals, which analysts at several institutes describe as a lifeline
for sanctioned industries in both countries.</p>
<p>“We are partners, not clients,” the Venezuelan foreign minister told reporters at the
airport, according to a transcript released by his office.</p>
<iframe src="https://ads.example/frame"></iframe>
<img src="https://tracker.example/pixel.gif">
<p>Neither government published the terms of the agreements signed during the visit, and
opposition lawmakers demanded that they be presented to the National Assembly.</p>
</article>
<aside class="related"><a href="/a">Related: Oil output falls</a></aside>
<footer>© The Meridian Ledger</footer>
</body></html>"#;

    #[test]
    fn articles_keep_their_metadata_and_main_text() {
        let page = read_html(ARTICLE).unwrap();
        assert_eq!(page.title.as_deref(), Some("Tehran's envoy meets Caracas officials"));
        assert_eq!(page.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(page.publisher.as_deref(), Some("The Meridian Ledger"));
        assert_eq!(page.published.as_deref(), Some("2024-03-05"));
        assert_eq!(page.url.as_deref(), Some("https://meridian.example/world/2024/envoy"));
        assert_eq!(page.language.as_deref(), Some("en"));
        assert!(page.text.contains("“We are partners, not clients,” the Venezuelan foreign minister"));
        assert!(!page.text.contains("Sport"), "navigation leaked into the text: {}", page.text);
        assert!(!page.text.contains("Related"), "related links leaked into the text");
        assert!(page.text.contains("\n\n"), "paragraphs are separated");
    }

    #[test]
    fn the_reader_rendition_runs_and_loads_nothing() {
        let html = read_html(ARTICLE).unwrap().html.unwrap();
        for forbidden in ["<script", "onclick", "<iframe", "<img", "tracker.example", "window.track"] {
            assert!(!html.contains(forbidden), "{forbidden} survived: {html}");
        }
        assert!(html.contains("<p>"));
    }

    #[test]
    fn sanitizer_strips_every_way_of_running_code() {
        let hostile = r#"<p style="background:url(https://x.example/a)">a</p>
            <a href="javascript:alert(1)">b</a><a href="/relative">c</a><a href="https://ok.example/">d</a>
            <svg><script>alert(1)</script></svg><object data="x.swf"></object><embed src="x">
            <form action="https://x.example"><input name="q"></form><base href="https://evil.example/">
            <math><mi xlink:href="javascript:alert(1)">e</mi></math><img src=x onerror=alert(1)>
            <meta http-equiv="refresh" content="0;url=https://evil.example"><link rel=stylesheet href=x.css>"#;
        let clean = sanitize(hostile);
        for forbidden in [
            "style=",
            "javascript:",
            "/relative",
            "<svg",
            "<script",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<base",
            "<math",
            "onerror",
            "<meta",
            "<link",
            "<img",
        ] {
            assert!(!clean.contains(forbidden), "{forbidden} survived: {clean}");
        }
        assert!(clean.contains(r#"href="https://ok.example/""#));
    }

    #[test]
    fn subscription_prompts_go_but_long_blocks_named_alike_stay() {
        let long = "The council delayed the results again, observers said. ".repeat(12);
        let page = format!(
            "<html><body><div class=\"subscriber-content\"><article><h1>Results</h1><p>{long}</p>\
             <div class=\"paywall-box\"><p>Subscribe to continue reading</p></div></article></div></body></html>"
        );
        let read = read_html(&page).unwrap();
        assert!(read.text.contains("The council delayed the results again"), "{}", read.text);
        assert!(!read.text.contains("Subscribe to continue"), "{}", read.text);
    }

    #[test]
    fn read_also_boxes_ad_slots_and_cookie_banners_go_in_any_of_our_languages() {
        let body = "El fiscal acusó a la red de lavar dinero a través de casas de cambio, dijeron fuentes judiciales. "
            .repeat(8);
        let page = format!(
            "<html><body><nav class=\"breadcrumb\"><a href=\"/\">Inicio</a> › <a href=\"/j\">Justicia</a></nav>\
             <article><h1>Juicio</h1><p>{body}</p>\
             <div class=\"publicidad-slot\">PUBLICIDAD</div>\
             <aside class=\"lea-tambien\"><a href=\"/x\">Lea también: otra nota</a></aside>\
             <div class=\"leia_tambem\"><a href=\"/y\">Leia também: outra matéria</a></div>\
             <p>{body}</p></article>\
             <div id=\"cookie-consent\">Usamos cookies para mejorar su experiencia.</div></body></html>"
        );
        let read = read_html(&page).unwrap();
        assert!(read.text.contains("El fiscal acusó a la red"), "{}", read.text);
        for gone in ["PUBLICIDAD", "Lea también", "Leia também", "cookies", "Inicio"] {
            assert!(!read.text.contains(gone), "{gone} stayed: {}", read.text);
        }
    }

    #[test]
    fn pages_that_are_not_articles_keep_their_text() {
        let page =
            read_html("<html><head><title>Index</title></head><body><ul><li>One</li><li>Two</li></ul></body></html>")
                .unwrap();
        assert_eq!(page.title.as_deref(), Some("Index"));
        assert!(page.text.contains("One") && page.text.contains("Two"));
    }

    #[test]
    fn pages_nested_absurdly_deep_keep_their_text_without_a_tree() {
        let n = 100_000;
        let page = format!(
            "<html><head><title>Deep</title></head><body>{}<p>bottom &amp; end</p><script>x()</script>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        assert!(nesting_estimate(&page) >= n);
        let read = read_html(&page).unwrap();
        assert_eq!((read.title.as_deref(), read.text.as_str()), (Some("Deep"), "bottom & end"));
    }

    #[test]
    fn nesting_is_estimated_from_tags_that_hold_children() {
        assert_eq!(nesting_estimate("<html><body><div><p>a<p>b<br><img src=x/><span/></div></body></html>"), 3);
        assert_eq!(nesting_estimate("<ul><li>a<li>b</ul> 1 < 2"), 1);
    }

    #[test]
    fn scripts_and_styles_are_emptied_before_parsing_and_json_ld_kept() {
        let page = "<head><STYLE media=x>p{color:red}</style><script type=\"application/ld+json\">{\"a\":1}</script>\
                    <script>if (a<b) document.write('</p>')</SCRIPT ></head><body><p>Text <scripted>x</scripted>\
                    <script src=a.js></script><styles>y</styles></p><script>never closed <p>kept";
        assert_eq!(
            without_scripts_and_styles(page),
            "<head><STYLE media=x></style><script type=\"application/ld+json\">{\"a\":1}</script>\
             <script></SCRIPT ></head><body><p>Text <scripted>x</scripted>\
             <script src=a.js></script><styles>y</styles></p><script>never closed <p>kept"
        );
        assert!(matches!(without_scripts_and_styles("<p>no scripts</p>"), std::borrow::Cow::Borrowed(_)));
        // A page ending inside a tag name.
        assert_eq!(without_scripts_and_styles("<p>x</p><scrip"), "<p>x</p><scrip");
        assert_eq!(without_scripts_and_styles("<p>x</p><script"), "<p>x</p><script");
    }

    #[test]
    fn pages_nested_deep_but_parseable_keep_their_text_without_scoring() {
        let n = 2_000;
        let page = format!(
            "<html><head><title>Deep</title></head><body>{}<p>bottom</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let read = read_html(&page).unwrap();
        assert_eq!((read.title.as_deref(), read.text.as_str()), (Some("Deep"), "bottom"));
        let shallow = Document::from("<html><body><div><p>a</p></div><p>b</p></body></html>");
        assert!(!depth_exceeds(&shallow, 10));
        assert!(depth_exceeds(&shallow, 3));
    }

    #[test]
    fn a_date_marked_only_in_microdata_or_a_meta_name_is_the_published_date() {
        let body = "<article><h1>Port deal</h1>".to_string()
            + &"<p>Iran and Venezuela signed a port agreement that worries officials in Washington.</p>".repeat(8)
            + "</article>";
        let microdata = format!(
            "<html><head><title>Port deal</title><meta itemprop=\"datePublished\" content=\"2017-01-13T00:00:04-05:00\"></head><body>{body}</body></html>"
        );
        assert_eq!(read_html(&microdata).unwrap().published.as_deref(), Some("2017-01-13"));
        let time = format!(
            "<html><head><title>Port deal</title></head><body><time itemprop=\"datePublished\" datetime=\"2018-12-21 12:55:00\">21.dez.2018</time>{body}</body></html>"
        );
        assert_eq!(read_html(&time).unwrap().published.as_deref(), Some("2018-12-21"));
        let named = format!(
            "<html><head><title>Port deal</title><meta name=\"pubdate\" content=\"2019-04\"></head><body>{body}</body></html>"
        );
        assert_eq!(read_html(&named).unwrap().published.as_deref(), Some("2019-04"));
        let none = format!("<html><head><title>Port deal</title><meta name=\"date\" content=\"soon\"></head><body>{body}</body></html>");
        assert_eq!(read_html(&none).unwrap().published, None);
    }

    #[test]
    fn published_dates_keep_the_precision_given() {
        assert_eq!(published_date("2015-07-24T05:36:09+01:00").as_deref(), Some("2015-07-24"));
        assert_eq!(published_date("2017-11-03 03:01:00.000000").as_deref(), Some("2017-11-03"));
        assert_eq!(published_date("2019-04").as_deref(), Some("2019-04"));
        assert_eq!(published_date("2019").as_deref(), Some("2019"));
        assert_eq!(published_date("Tue, 1 Jul 2003 10:52:37 +0200").as_deref(), Some("2003-07-01"));
        assert_eq!(published_date("March 5, 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(published_date("2019-13-45"), None);
        assert_eq!(published_date("yesterday"), None);
        // Found by fuzzing: a character of several bytes where a digit should be.
        assert_eq!(published_date("20\u{FFFD}`24-02-20T16:00:00Z"), None);
        assert_eq!(published_date("2024-0\u{e9}"), None);
        assert_eq!(published_date("\u{e9}\u{e9}\u{e9}-02-20"), None);
    }

    #[test]
    fn block_text_is_trimmed_into_paragraphs() {
        assert_eq!(clean_block_text("  a  b \n\n\n\n c\nd  \n"), "a b\n\nc\nd");
    }
}
