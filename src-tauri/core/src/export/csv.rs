//! CSV (RFC 4180): one file per record type, a header row, CRLF line ends, fields
//! quoted when they hold a comma, a quote or a line break.

use super::{Output, Selection};
use crate::Result;

fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = String::new();
    let line = |cells: Vec<String>| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| h.to_string()).collect()));
    for row in rows {
        out.push_str(&line(row));
    }
    out.into_bytes()
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn write(selection: &Selection<'_>, output: &mut Output) -> Result<()> {
    output.write(
        "actors.csv",
        &table(
            &["id", "name", "kind", "aliases", "description"],
            selection.actors.iter().map(|a| {
                let aliases: Vec<&str> = a.aliases.iter().filter(|x| **x != a.name).map(String::as_str).collect();
                vec![
                    a.id.to_string(),
                    a.name.clone(),
                    a.kind.as_str().into(),
                    aliases.join(" | "),
                    a.description.clone(),
                ]
            }),
        ),
    )?;
    output.write(
        "claims.csv",
        &table(
            &[
                "id",
                "subject_id",
                "subject",
                "relation",
                "relation_text",
                "object_id",
                "object",
                "date",
                "attributed_to",
                "certainty",
                "status",
                "origin",
                "sources",
                "citation_ids",
            ],
            selection.claims.iter().map(|c| {
                let citations: Vec<String> = selection.citations_of(c.id).map(|x| x.id.to_string()).collect();
                vec![
                    c.id.to_string(),
                    c.subject.id.to_string(),
                    c.subject.name.clone(),
                    c.relation.as_str().into(),
                    opt(c.relation_text.as_ref()),
                    opt(c.object.as_ref().map(|o| o.id)),
                    c.object.as_ref().map(|o| o.name.clone()).or_else(|| c.object_text.clone()).unwrap_or_default(),
                    opt(c.date.as_ref()),
                    opt(c.attributed_to.as_ref().map(|a| a.name.clone())),
                    c.certainty.as_str().into(),
                    c.status.as_str().into(),
                    c.origin.as_str().into(),
                    selection.sources_of(c.id).to_string(),
                    citations.join(" "),
                ]
            }),
        ),
    )?;
    output.write(
        "citations.csv",
        &table(
            &["id", "claim_id", "source_id", "source", "exact", "prefix", "suffix", "start", "end", "speaker"],
            selection.citations.iter().map(|c| {
                vec![
                    c.id.to_string(),
                    opt(c.claim_id),
                    c.source_id.to_string(),
                    c.source_title.clone(),
                    c.exact.clone(),
                    c.prefix.clone(),
                    c.suffix.clone(),
                    c.start.to_string(),
                    c.end.to_string(),
                    opt(c.speaker.as_ref().map(|s| s.name.clone())),
                ]
            }),
        ),
    )?;
    output.write(
        "sources.csv",
        &table(
            &[
                "id",
                "title",
                "byline",
                "site",
                "published",
                "url",
                "language",
                "media_type",
                "original_name",
                "sha256",
                "imported_at",
            ],
            selection.sources.iter().map(|s| {
                let m = &s.summary;
                vec![
                    m.id.to_string(),
                    m.title.clone(),
                    opt(m.byline.as_ref()),
                    opt(m.publisher.as_ref()),
                    opt(m.published.as_ref()),
                    opt(m.url.as_ref()),
                    opt(m.language.as_ref()),
                    m.media_type.clone(),
                    opt(s.original_name.as_ref()),
                    s.sha256.clone(),
                    m.imported_at.clone(),
                ]
            }),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
