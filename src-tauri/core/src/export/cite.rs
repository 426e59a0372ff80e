//! Sources as references for citation managers and pandoc: CSL-JSON (`sources.json`,
//! Zotero and citeproc read it) and BibTeX (`sources.bib`). Each source gets one key,
//! the same in both: family name, year and first word of the title ("caruzo2024alliance"),
//! unique in id order.

use super::{Output, Selection};
use crate::store::SourceRecord;
use crate::{Error, Result};
use serde_json::{json, Value};
use std::collections::HashSet;

/// A person's name as CSL wants it: family and given, or a literal for one word.
fn person(name: &str) -> Value {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => json!({ "literal": "" }),
        [one] => json!({ "literal": one }),
        [given @ .., family] => json!({ "family": family, "given": given.join(" ") }),
    }
}

/// The names of a byline ("By A and B", "A, B y C").
fn authors(byline: &str) -> Vec<String> {
    let trimmed = byline.trim();
    let trimmed = ["By ", "by ", "Por ", "por "].iter().find_map(|p| trimmed.strip_prefix(p)).unwrap_or(trimmed);
    trimmed
        .split([',', ';'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" y ")).flat_map(|p| p.split(" e ")))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Year, month and day of an EDTF date as far as it gives them ("2024-10" → [2024, 10]).
fn date_parts(edtf: &str) -> Option<Vec<i64>> {
    let day = edtf.split(['/', 'T']).next()?;
    let parts: Vec<i64> = day.split('-').map_while(|p| p.parse().ok()).take(3).collect();
    (!parts.is_empty() && parts[0] > 0).then_some(parts)
}

fn key_word(text: &str) -> String {
    let folded = crate::text::normalize_name(text);
    folded.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// One key per source, in id order.
fn keys(sources: &[&SourceRecord]) -> Vec<String> {
    let mut taken = HashSet::new();
    sources
        .iter()
        .map(|s| {
            let m = &s.summary;
            let family = m
                .byline
                .as_deref()
                .and_then(|b| authors(b).into_iter().next())
                .and_then(|a| a.split_whitespace().last().map(key_word));
            let year = m.published.as_deref().and_then(date_parts).map(|p| p[0].to_string()).unwrap_or_default();
            let first =
                m.title.split_whitespace().map(key_word).find(|w| w.len() > 3).unwrap_or_else(|| "source".into());
            let base = format!("{}{year}{first}", family.filter(|f| !f.is_empty()).unwrap_or_else(|| "anon".into()));
            let mut key = base.clone();
            let mut suffix = b'a';
            while !taken.insert(key.clone()) {
                key = format!("{base}{}", suffix as char);
                suffix = suffix.saturating_add(1);
                if suffix > b'z' {
                    key = format!("{base}-{}", m.id);
                    taken.insert(key.clone());
                    break;
                }
            }
            key
        })
        .collect()
}

pub fn write_csl(selection: &Selection<'_>, output: &mut Output) -> Result<()> {
    let keys = keys(&selection.sources);
    let items: Vec<Value> = selection
        .sources
        .iter()
        .zip(&keys)
        .map(|(s, key)| {
            let m = &s.summary;
            let kind = if m.publisher.is_some() {
                "article-newspaper"
            } else if m.url.is_some() {
                "webpage"
            } else {
                "document"
            };
            let mut item = json!({ "id": key, "type": kind, "title": m.title });
            let object = item.as_object_mut().expect("an object");
            if let Some(byline) = &m.byline {
                let names: Vec<Value> = authors(byline).iter().map(|a| person(a)).collect();
                if !names.is_empty() {
                    object.insert("author".into(), Value::Array(names));
                }
            }
            if let Some(site) = &m.publisher {
                object.insert("container-title".into(), site.clone().into());
            }
            if let Some(parts) = m.published.as_deref().and_then(date_parts) {
                object.insert("issued".into(), json!({ "date-parts": [parts] }));
            }
            if let Some(parts) = date_parts(&m.imported_at) {
                object.insert("accessed".into(), json!({ "date-parts": [parts] }));
            }
            if let Some(url) = m.url.as_deref().and_then(crate::text::web_address) {
                object.insert("URL".into(), url.into());
            }
            if let Some(language) = &m.language {
                object.insert("language".into(), language.clone().into());
            }
            object.insert("note".into(), format!("SHA-256 {}", s.sha256).into());
            item
        })
        .collect();
    let mut bytes =
        serde_json::to_vec_pretty(&items).map_err(|e| Error::Invalid(format!("cannot write CSL-JSON: {e}")))?;
    bytes.push(b'\n');
    output.write("sources.json", &bytes)
}

/// Text inside a BibTeX field: the characters TeX gives meaning to are escaped, braces
/// balanced by escaping them all.
fn tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            // BibTeX counts braces even after a backslash: "\}" would close the field
            // and let a title write fields of its own. These commands keep them balanced.
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn write_bibtex(selection: &Selection<'_>, output: &mut Output) -> Result<()> {
    let keys = keys(&selection.sources);
    let mut bib = String::new();
    for (s, key) in selection.sources.iter().zip(&keys) {
        let m = &s.summary;
        let entry = if m.publisher.is_some() { "article" } else { "misc" };
        let mut fields: Vec<(&str, String)> = vec![("title", format!("{{{}}}", tex(&m.title)))];
        if let Some(byline) = &m.byline {
            let names: Vec<String> = authors(byline)
                .iter()
                .map(|a| {
                    let words: Vec<&str> = a.split_whitespace().collect();
                    match words.as_slice() {
                        [given @ .., family] if !given.is_empty() => {
                            format!("{}, {}", tex(family), tex(&given.join(" ")))
                        }
                        _ => format!("{{{}}}", tex(a)),
                    }
                })
                .collect();
            if !names.is_empty() {
                fields.push(("author", names.join(" and ")));
            }
        }
        if let Some(site) = &m.publisher {
            fields.push(("journal", tex(site)));
        }
        if let Some(parts) = m.published.as_deref().and_then(date_parts) {
            fields.push(("year", parts[0].to_string()));
            if let Some(month) = parts.get(1) {
                fields.push(("month", month.to_string()));
            }
        }
        if let Some(url) = m.url.as_deref().and_then(crate::text::web_address) {
            fields.push(("url", url.replace(['{', '}', '\\'], "")));
        }
        if let Some(parts) = date_parts(&m.imported_at) {
            let day: Vec<String> = parts.iter().map(|p| format!("{p:02}")).collect();
            fields.push(("urldate", day.join("-")));
        }
        if let Some(language) = &m.language {
            fields.push(("language", tex(language)));
        }
        fields.push(("note", format!("SHA-256 {}", s.sha256)));
        bib.push_str(&format!("@{entry}{{{key},\n"));
        for (name, value) in fields {
            bib.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        bib.push_str("}\n\n");
    }
    output.write("sources.bib", bib.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_split_into_people_and_dates_into_parts() {
        assert_eq!(authors("By Christian K. Caruzo and Ana Lima"), ["Christian K. Caruzo", "Ana Lima"]);
        assert_eq!(authors("Por Andrés Ríos y Carla Paz, Reuters"), ["Andrés Ríos", "Carla Paz", "Reuters"]);
        assert_eq!(person("Christian K. Caruzo"), json!({ "family": "Caruzo", "given": "Christian K." }));
        assert_eq!(person("Reuters"), json!({ "literal": "Reuters" }));
        assert_eq!(date_parts("2024-10-02"), Some(vec![2024, 10, 2]));
        assert_eq!(date_parts("2024-10"), Some(vec![2024, 10]));
        assert_eq!(date_parts("2017/2021"), Some(vec![2017]));
        assert_eq!(date_parts("XXXX-12"), None);
    }

    #[test]
    fn tex_specials_are_escaped() {
        assert_eq!(
            tex("50% & {braces} $5 #1 a_b \\ ^ ~"),
            "50\\% \\& \\textbraceleft{}braces\\textbraceright{} \\$5 \\#1 a\\_b \\textbackslash{} \\^{} \\~{}"
        );
    }

    /// However a title is written, a field's braces stay balanced: it cannot close its
    /// field and add others (BibTeX counts "\}" as a brace).
    #[test]
    fn a_title_cannot_close_its_field() {
        for hostile in ["x}, author = {Evil", "x\\}, note = \\{y", "}}}}", "{{{", "a\\", "\\}"] {
            let field = tex(hostile);
            let mut depth = 0i32;
            for c in field.chars() {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                assert!(depth >= 0, "{hostile:?} -> {field:?} closes the field");
            }
            assert_eq!(depth, 0, "{hostile:?} -> {field:?}");
        }
    }
}
