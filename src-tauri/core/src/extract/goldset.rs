//! Gold sets for `eval-extract`: folders of hand annotations and the texts they describe.
//! Two layouts are read. `NAME.gold.json` beside `NAME.txt` (our own pieces, the seed's
//! layout); and `NAME.json` alone, an annotation of a real page that is not ours to copy,
//! whose `id` names a folder of Readability's test pages (`../shared/corpus/
//! readability-test-pages/<id>/`): its text is that page's `expected.html` made plain
//! the way the annotators' `html2text.py` made it ([`page_text`]), and its year is the
//! page's published year, as an import would give the analysis.

use super::evaluate::Gold;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// One annotated text, ready to analyse.
#[derive(Debug)]
pub struct Case {
    pub name: String,
    /// `en`, `es`, `pt`… from the gold (else from the name's `xx-` prefix).
    pub language: String,
    pub text: String,
    /// When the text was published, when it says so.
    pub published: Option<super::Published>,
    pub gold: Gold,
}

/// The cases of `folder` (see the module's layouts); real pages are read from `pages`.
pub fn load(folder: &Path, pages: &Path) -> Result<Vec<Case>> {
    let read = |path: &Path| std::fs::read(path).map_err(|source| Error::ReadFile { path: path.to_path_buf(), source });
    let gold_of = |path: &Path| -> Result<Gold> {
        serde_json::from_slice(&read(path)?)
            .map_err(|e| Error::Invalid(format!("{}: not a gold file: {e}", path.display())))
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|source| Error::ReadFile { path: folder.to_path_buf(), source })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut cases = Vec::new();
    for path in entries {
        let Some(file) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if let Some(name) = file.strip_suffix(".gold.json") {
            let text_path = path.with_file_name(format!("{name}.txt"));
            if !text_path.is_file() {
                continue;
            }
            let gold = gold_of(&path)?;
            let text = String::from_utf8_lossy(&read(&text_path)?).into_owned();
            let published = published_line(&text);
            let language = gold.lang.clone().unwrap_or_else(|| name.get(..2).unwrap_or("").to_string());
            cases.push(Case {
                name: name.to_string(),
                language,
                text: crate::text::to_stored_form(&text),
                published,
                gold,
            });
        } else if let Some(name) = file.strip_suffix(".json") {
            let gold = gold_of(&path)?;
            let id = gold.id.clone().unwrap_or_else(|| name.to_string());
            let page = pages.join(&id);
            let html = read(&page.join("expected.html")).map_err(|_| {
                Error::Invalid(format!(
                    "{file} annotates the page {id}, which is not in {} (is ../shared beside the project?)",
                    pages.display()
                ))
            })?;
            let published = std::fs::read(page.join("expected-metadata.json"))
                .ok()
                .and_then(|m| serde_json::from_slice::<serde_json::Value>(&m).ok())
                .and_then(|m| m["publishedTime"].as_str().and_then(super::Published::parse));
            let language = gold.lang.clone().unwrap_or_else(|| "en".into());
            let text = crate::text::to_stored_form(&page_text(&String::from_utf8_lossy(&html)));
            cases.push(Case { name: name.to_string(), language, text, published, gold });
        }
    }
    if cases.is_empty() {
        return Err(Error::Invalid(format!(
            "{} holds no gold files (NAME.gold.json + NAME.txt, or NAME.json annotating a page)",
            folder.display()
        )));
    }
    Ok(cases)
}

/// The publication date at the head of one of our pieces ("Published: 2024-03-15"),
/// read as an import of the text file reads it.
fn published_line(text: &str) -> Option<super::Published> {
    crate::import::extract(crate::import::Format::Text, text.as_bytes())
        .ok()?
        .published
        .as_deref()
        .and_then(super::Published::parse)
}

const BLOCK: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "dl",
    "dt",
    "dd",
    "aside",
    "main",
    "nav",
    "hr",
    "caption",
    "address",
];
const SKIP: &[&str] = &["script", "style", "noscript", "template"];

/// An HTML page's text the way the annotators' `html2text.py` makes it: a block element
/// starts and ends a block, `<br>` is a space, script, style, noscript and template are
/// left out, entities are decoded, whitespace inside a block collapses to one space, and
/// blocks are joined by a blank line.
pub fn page_text(html: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut buffer = String::new();
    let mut skip = 0usize;
    let flush = |buffer: &mut String, blocks: &mut Vec<String>| {
        let collapsed = buffer.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            blocks.push(collapsed);
        }
        buffer.clear();
    };
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip == 0 {
                buffer.push_str(&html_escape::decode_html_entities(rest));
            }
            break;
        };
        if skip == 0 {
            buffer.push_str(&html_escape::decode_html_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name: String = rest[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // A lone "<" is text.
            if skip == 0 {
                buffer.push('<');
            }
            rest = &rest[1..];
            continue;
        }
        let end = tag_end(rest);
        let self_closing = rest[..end].trim_end_matches('>').trim_end().ends_with('/');
        rest = &rest[end..];
        let name = name.as_str();
        if closing {
            if SKIP.contains(&name) {
                skip = skip.saturating_sub(1);
            } else if BLOCK.contains(&name) {
                flush(&mut buffer, &mut blocks);
            }
            continue;
        }
        if SKIP.contains(&name) && !self_closing {
            skip += 1;
            // Script and style hold raw text up to their end tag.
            if name == "script" || name == "style" {
                let lower = rest.to_ascii_lowercase();
                match lower.find(&format!("</{name}")) {
                    Some(at) => rest = &rest[at..],
                    None => rest = "",
                }
            }
        } else if BLOCK.contains(&name) {
            flush(&mut buffer, &mut blocks);
        } else if name == "br" && skip == 0 {
            buffer.push(' ');
        }
    }
    flush(&mut buffer, &mut blocks);
    let mut text = blocks.join("\n\n");
    text.push('\n');
    text
}

/// Where a tag that starts `rest` ends (past its `>`), quotes in attributes respected.
fn tag_end(rest: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    rest.len()
}

/// Python's `\s` on text: Unicode white space, and the file/group/record/unit separators.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_blocks_of_text_as_the_annotators_made_them() {
        let html = "<div><h1>Envoy &amp; minister</h1><p>The envoy<br>landed\n  in <b>Havana</b>.</p>\
            <script>if (a < b) { x = '</p>'; }</script><style>p{}</style><!-- a <p> comment -->\
            <ul><li>One</li><li>Two&nbsp;words</li></ul><p title=\"a > b\">Last</p></div>";
        assert_eq!(page_text(html), "Envoy & minister\n\nThe envoy landed in Havana.\n\nOne\n\nTwo words\n\nLast\n");
    }

    /// The texts the annotators of `../shared/corpus/gold` worked on were made by their
    /// html2text.py: ours must be the same, character for character, or gold surfaces
    /// would not be found.
    #[test]
    fn page_text_is_the_annotators_text_of_every_shared_gold_page() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let Ok(texts) = std::fs::read_dir(shared.join("gold/text")) else {
            eprintln!("skipped: {} is absent", shared.display());
            return;
        };
        let mut compared = 0;
        for entry in texts.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().trim_end_matches(".txt").to_string();
            let html = std::fs::read_to_string(shared.join("readability-test-pages").join(&name).join("expected.html"))
                .unwrap();
            let theirs = std::fs::read_to_string(entry.path()).unwrap();
            assert_eq!(page_text(&html), theirs, "{name}");
            compared += 1;
        }
        assert!(compared >= 10, "{compared} pages compared");
    }

    #[test]
    fn a_published_line_gives_the_date() {
        let published = published_line("Headline\n\nPublished: 2024-03-15\n\nBody").unwrap();
        assert_eq!((published.year, published.month, published.day), (2024, Some(3), Some(15)));
        assert_eq!(published_line("Headline\n\nBody"), None);
    }
}
