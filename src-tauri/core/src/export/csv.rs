//! CSV (RFC 4180): one file per record type, a header row, CRLF line ends, fields
//! quoted when they hold a comma, a quote or a line break.
//!
//! These files are opened in spreadsheets, which run a cell starting with `=`, `+`, `-`
//! or `@` as a formula (and strip a leading tab or carriage return before deciding).
//! Text from sources reaches every column, so such a cell is written with a leading `'`
//! (OWASP's advice for CSV injection): a spreadsheet shows it as text. The JSON export
//! keeps every value exactly; the README written beside the files says so.

use super::{Output, Selection};
use crate::Result;

/// What a spreadsheet would read as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn field(value: &str) -> String {
    let inert = if value.starts_with(FORMULA_STARTS) { format!("'{value}") } else { value.to_string() };
    if inert.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

const README: &str = "\
Dossier export: CSV

actors.csv     one row per actor: id, name, kind, other names (separated by \" | \"), description
claims.csv     one row per claim: subject and object (id and name), relation, date (EDTF),
               who asserts it, certainty, review status, how many sources and how many
               of them independent (republished copies of one story count once),
               its grade (Admiralty system): the best reliability A-F among its
               sources, its credibility 1-6, both as \"B2\", and whether a person set
               the credibility (else Dossier suggested it), citation ids, the analyst
               who recorded it (in a team, as its log says)
citations.csv  one row per cited passage: the claim it supports (empty for a quotation,
               a passage kept for its speaker alone), its source, the exact words with
               some context before and after, offsets, the speaker
sources.csv    one row per source: title, byline, site, published date, address, language,
               media type, original file name, SHA-256 of the original, when it was imported,
               its reliability A-F (its own grade, else its site's; empty: not graded)

The files are RFC 4180: UTF-8, a header row, CRLF line ends, fields in double quotes when
they hold a comma, a quote or a line break.

Cells that a spreadsheet would run as a formula -- text starting with =, +, -, @, a tab
or a carriage return -- start with an apostrophe (') so that they stay text: a title
stored as \"-2% in a year\" reads '-2% in a year here. Remove that one apostrophe from such
cells to get the text as stored; the JSON export (dossier.json) keeps every value exactly.
";

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
    output.write("README.txt", README.as_bytes())?;
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
                "independent_sources",
                "reliability",
                "credibility",
                "grade",
                "credibility_set",
                "citation_ids",
                "made_by",
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
                    selection.independent_sources_of(c.id).to_string(),
                    opt(c.grade.reliability),
                    c.grade.credibility.to_string(),
                    c.grade.label(),
                    c.grade.set.to_string(),
                    citations.join(" "),
                    opt(c.made_by.as_ref()),
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
                "reliability",
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
                    opt(m.reliability),
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

    #[test]
    fn cells_a_spreadsheet_would_run_stay_text() {
        assert_eq!(
            field("=HYPERLINK(\"https://x.example\",\"Open\")"),
            "\"'=HYPERLINK(\"\"https://x.example\"\",\"\"Open\"\")\""
        );
        assert_eq!(field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\t=1"), "'\t=1");
        assert_eq!(field("\r=1"), "\"'\r=1\"");
        assert_eq!(field("a = b"), "a = b", "only a leading sign counts");
        assert_eq!(field("42"), "42");
    }
}
