//! The Markdown vault (Obsidian, Logseq): `Actors/<name>.md` with YAML front matter,
//! relations, claims and the actor's quotations, each claim's citations and each
//! quotation as footnotes with the exact words and where they were written; `Sources/<title>.md` with metadata and highlights;
//! `Notes/<title>.md` with the analyst's notes, their `[[links]]` pointing at the
//! exported files; and `Index.md`. Every `[[link]]` written resolves to a file of the
//! vault; text from sources and users is escaped so that it cannot make one.

use super::names::Folder;
use super::{Output, Selection};
use crate::model::{AchRating, Actor, Authorship, Claim, LinkTarget, Note};
use crate::wikilink::{self, LinkSpec};
use crate::Result;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// A YAML scalar that is always a double-quoted string, whatever it holds.
fn yaml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // Written as escapes so that no "[[" in the file can read as a link.
            '[' => out.push_str("\\x5B"),
            ']' => out.push_str("\\x5D"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text from a source or a user, made inert as Markdown on one line: what would be
/// markup (links, emphasis, HTML, headings) is escaped with a backslash.
pub(super) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            // `%%` starts an Obsidian comment (hiding the rest of a page), `$` math.
            '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '#' | '|' | '~' | '^' | '=' | '%' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A source's address as a Markdown autolink when it is a web address, else as inert
/// text (a `javascript:` address stays words; nothing in it can break the line).
fn address(url: &str) -> String {
    match crate::text::web_address(url) {
        Some(web) => format!("<{}>", web.replace(['<', '>'], "")),
        None => text(url),
    }
}

/// A link label cannot hold what ends or splits a wikilink, nor what a Markdown reader
/// that does not know wikilinks would take for code or HTML (a backtick starts a
/// Dataview query in Obsidian): those become look-alikes.
fn label(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            '|' => '/',
            '`' => '\'',
            '<' => '‹',
            '>' => '›',
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .filter(|c| !c.is_control())
        .collect()
}

/// Where each exported record lives in the vault.
struct Files {
    actors: HashMap<i32, String>,
    sources: HashMap<i32, String>,
    notes: HashMap<i32, String>,
    hypotheses: HashMap<i32, String>,
}

impl Files {
    fn link(&self, target: LinkTarget, id: i32, shown: &str) -> Option<String> {
        let (folder, stem) = match target {
            LinkTarget::Actor => ("Actors", self.actors.get(&id)?),
            LinkTarget::Source => ("Sources", self.sources.get(&id)?),
            LinkTarget::Note => ("Notes", self.notes.get(&id)?),
            LinkTarget::Claim => return None,
        };
        Some(format!("[[{folder}/{stem}|{}]]", label(shown)))
    }

    fn actor(&self, id: i32, name: &str) -> String {
        self.link(LinkTarget::Actor, id, name).unwrap_or_else(|| text(name))
    }
}

pub fn write(selection: &Selection<'_>, output: &mut Output) -> Result<()> {
    let mut files =
        Files { actors: HashMap::new(), sources: HashMap::new(), notes: HashMap::new(), hypotheses: HashMap::new() };
    let mut folder = Folder::default();
    for a in &selection.actors {
        files.actors.insert(a.id, folder.claim(&a.name));
    }
    let mut folder = Folder::default();
    for s in &selection.sources {
        files.sources.insert(s.summary.id, folder.claim(&s.summary.title));
    }
    let mut folder = Folder::default();
    for n in &selection.notes {
        files.notes.insert(n.id, folder.claim(&n.title));
    }
    let mut folder = Folder::default();
    for m in &selection.matrices {
        for h in &m.hypotheses {
            files.hypotheses.insert(h.id, folder.claim(&h.statement));
        }
    }

    for actor in &selection.actors {
        let page = actor_page(selection, &files, actor);
        output.write(&format!("Actors/{}.md", files.actors[&actor.id]), page.as_bytes())?;
    }
    let mut highlights_by_source: HashMap<i32, Vec<&crate::model::Citation>> = HashMap::new();
    for c in &selection.citations {
        highlights_by_source.entry(c.source_id).or_default().push(c);
    }
    let claims_by_id: HashMap<i32, &Claim> = selection.claims.iter().map(|c| (c.id, *c)).collect();
    for source in &selection.sources {
        let page = source_page(selection, &files, source, &highlights_by_source, &claims_by_id);
        output.write(&format!("Sources/{}.md", files.sources[&source.summary.id]), page.as_bytes())?;
    }
    for note in &selection.notes {
        let page = note_page(&files, note);
        output.write(&format!("Notes/{}.md", files.notes[&note.id]), page.as_bytes())?;
    }
    for m in &selection.matrices {
        for (column, h) in m.hypotheses.iter().enumerate() {
            let page = hypothesis_page(selection, &files, m, column);
            output.write(&format!("Hypotheses/{}.md", files.hypotheses[&h.id]), page.as_bytes())?;
        }
    }
    output.write("Index.md", index(selection, &files).as_bytes())
}

/// A relation on an actor's page: the other actor's name, the claims, their sources.
type RelationLine = (String, usize, std::collections::BTreeSet<i32>);

fn actor_page(selection: &Selection<'_>, files: &Files, actor: &Actor) -> String {
    let mut p = String::new();
    let _ = writeln!(p, "---");
    let _ = writeln!(p, "id: {}", actor.id);
    let _ = writeln!(p, "name: {}", yaml(&actor.name));
    let _ = writeln!(p, "kind: {}", yaml(actor.kind.as_str()));
    let aliases: Vec<&String> = actor.aliases.iter().filter(|a| **a != actor.name).collect();
    if aliases.is_empty() {
        let _ = writeln!(p, "aliases: []");
    } else {
        let _ = writeln!(p, "aliases:");
        for a in aliases {
            let _ = writeln!(p, "  - {}", yaml(a));
        }
    }
    let _ = writeln!(p, "tags:\n  - {}", yaml(&format!("dossier/{}", actor.kind.as_str())));
    p.push_str(&authorship(&actor.authors));
    let _ = writeln!(p, "---\n\n# {}\n", text(&actor.name));
    if !actor.description.trim().is_empty() {
        let _ = writeln!(p, "{}\n", text(&actor.description));
    }
    let claims = selection.claims_of(actor.id);
    // Relations: one line per (relation, direction, other actor), with claim and source counts.
    let mut relations: BTreeMap<(String, bool, i32), RelationLine> = BTreeMap::new();
    for c in claims {
        let Some(object) = &c.object else { continue };
        let other = if c.subject.id == actor.id { object } else { &c.subject };
        // A mutual relation ("ally of") reads the same both ways: one line.
        let outgoing = c.subject.id == actor.id || c.relation.is_mutual();
        let entry = relations.entry((c.relation_words(), outgoing, other.id)).or_insert((
            other.name.clone(),
            0,
            Default::default(),
        ));
        entry.1 += 1;
        entry.2.extend(selection.citations_of(c.id).map(|x| x.source_id));
    }
    if !relations.is_empty() {
        let _ = writeln!(p, "## Relations\n");
        for ((words, outgoing, other), (name, count, sources)) in &relations {
            let link = files.actor(*other, name);
            let stories: std::collections::BTreeSet<i32> = sources.iter().map(|s| selection.story_of(*s)).collect();
            let counts = format!(
                "{count} claim{}, {} source{}{}",
                if *count == 1 { "" } else { "s" },
                sources.len(),
                if sources.len() == 1 { "" } else { "s" },
                if stories.len() < sources.len() { format!(", {} independent", stories.len()) } else { String::new() }
            );
            if *outgoing {
                let _ = writeln!(p, "- **{}** {link} — {counts}", text(words));
            } else {
                let _ = writeln!(p, "- {link} **{}** {} — {counts}", text(words), text(&actor.name));
            }
        }
        let _ = writeln!(p);
    }
    let mut notes = Vec::new();
    if !claims.is_empty() {
        let _ = writeln!(p, "## Claims\n");
        for c in claims {
            let mut line = format!("- {} {} ", files.actor(c.subject.id, &c.subject.name), text(&c.relation_words()));
            match (&c.object, &c.object_text) {
                (Some(o), _) => line.push_str(&files.actor(o.id, &o.name)),
                (None, Some(t)) => line.push_str(&text(t)),
                (None, None) => {}
            }
            let mut details = Vec::new();
            if let Some(d) = &c.date {
                details.push(text(d));
            }
            details.push(c.certainty.as_str().to_string());
            if let Some(a) = &c.attributed_to {
                details.push(format!("according to {}", files.actor(a.id, &a.name)));
            }
            details.push(format!("graded {}", c.grade.label()));
            if let Some(analyst) = &c.made_by {
                details.push(format!("recorded by {}", text(analyst)));
            }
            let _ = write!(line, " ({})", details.join(", "));
            for citation in selection.citations_of(c.id) {
                notes.push(*citation);
                let _ = write!(line, "[^{}]", notes.len());
            }
            let _ = writeln!(p, "{line}");
        }
        let _ = writeln!(p);
    }
    let quotations = selection.quotations_by(actor.id);
    if !quotations.is_empty() {
        let _ = writeln!(p, "## Quotations\n");
        for x in quotations {
            notes.push(*x);
            let _ = writeln!(p, "- “{}”[^{}]", text(&x.exact), notes.len());
        }
        let _ = writeln!(p);
    }
    p.push_str(&footnotes(selection, files, &notes));
    p
}

/// The footnotes of a page: each passage's exact words and where they were written.
fn footnotes(selection: &Selection<'_>, files: &Files, notes: &[&crate::model::Citation]) -> String {
    let mut p = String::new();
    for (i, citation) in notes.iter().enumerate() {
        let mut where_ = vec![files
            .link(LinkTarget::Source, citation.source_id, &citation.source_title)
            .unwrap_or_else(|| text(&citation.source_title))];
        if let Some(source) = selection.source(citation.source_id) {
            let m = &source.summary;
            for part in [m.author(), m.publisher.as_deref(), m.published.as_deref()].into_iter().flatten() {
                where_.push(text(part));
            }
            if let Some(url) = &m.url {
                where_.push(address(url));
            }
            if let Some(r) = m.reliability {
                where_.push(format!("reliability {r}"));
            }
            where_.push(format!("SHA-256 {}", source.sha256));
        }
        let speaker =
            citation.speaker.as_ref().map(|s| format!(" ({})", files.actor(s.id, &s.name))).unwrap_or_default();
        let _ = writeln!(p, "[^{}]: “{}”{speaker} — {}", i + 1, text(&citation.exact), where_.join(", "));
    }
    p
}

/// A hypothesis's page: its question, notes and standing, then the claims consistent
/// with it and those against it (with the rating's comment), each cited in footnotes.
fn hypothesis_page(selection: &Selection<'_>, files: &Files, matrix: &crate::model::Matrix, column: usize) -> String {
    let h = &matrix.hypotheses[column];
    let score = &matrix.scores[column];
    let mut p = String::new();
    let _ = writeln!(p, "---");
    let _ = writeln!(p, "id: {}", h.id);
    let _ = writeln!(p, "hypothesis: {}", yaml(&h.statement));
    let _ = writeln!(p, "question: {}", yaml(&matrix.question.title));
    let _ = writeln!(p, "inconsistency: {:.2}", score.inconsistency);
    let _ = writeln!(p, "tags:\n  - \"dossier/hypothesis\"");
    if let Some(author) = &h.made_by {
        let _ = writeln!(p, "made_by: {}", yaml(author));
    }
    let _ = writeln!(p, "---\n\n# {}\n", text(&h.statement));
    let _ = writeln!(
        p,
        "A hypothesis on *{}* (H{} of {}).\n",
        text(&matrix.question.title),
        column + 1,
        matrix.hypotheses.len()
    );
    if !h.notes.trim().is_empty() {
        let _ = writeln!(p, "{}\n", text(h.notes.trim()));
    }
    let _ = writeln!(
        p,
        "Weighted inconsistency **{:.2}**: {} claim{} against it, {} consistent with it.\n",
        score.inconsistency,
        score.inconsistent,
        if score.inconsistent == 1 { "" } else { "s" },
        score.consistent
    );
    let mut notes: Vec<&crate::model::Citation> = Vec::new();
    for (heading, wanted) in [
        ("Evidence against", [AchRating::VeryInconsistent, AchRating::Inconsistent]),
        ("Evidence for", [AchRating::VeryConsistent, AchRating::Consistent]),
    ] {
        let rows: Vec<_> = matrix
            .rows
            .iter()
            .filter_map(|r| r.cells[column].as_ref().filter(|c| wanted.contains(&c.rating)).map(|c| (r, c)))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(p, "## {heading}\n");
        for (row, cell) in rows {
            let c = &row.claim;
            let mut line = format!(
                "- **{}** {} {} ",
                cell.rating.as_str(),
                files.actor(c.subject.id, &c.subject.name),
                text(&c.relation_words())
            );
            match (&c.object, &c.object_text) {
                (Some(o), _) => line.push_str(&files.actor(o.id, &o.name)),
                (None, Some(t)) => line.push_str(&text(t)),
                (None, None) => {}
            }
            let _ = write!(line, " (graded {}", c.grade.label());
            if row.no_diagnostic_value {
                line.push_str(", fits every hypothesis alike");
            }
            line.push(')');
            if !cell.comment.trim().is_empty() {
                let _ = write!(line, " — {}", text(cell.comment.trim()));
            }
            for citation in selection.citations_of(c.id) {
                notes.push(*citation);
                let _ = write!(line, "[^{}]", notes.len());
            }
            let _ = writeln!(p, "{line}");
        }
        let _ = writeln!(p);
    }
    let others: Vec<String> = matrix
        .hypotheses
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != column)
        .filter_map(|(_, other)| {
            files.hypotheses.get(&other.id).map(|stem| format!("[[Hypotheses/{stem}|{}]]", label(&other.statement)))
        })
        .collect();
    if !others.is_empty() {
        let _ = writeln!(p, "Competing: {}\n", others.join(", "));
    }
    p.push_str(&footnotes(selection, files, &notes));
    p
}

fn source_page(
    selection: &Selection<'_>,
    files: &Files,
    source: &crate::store::SourceRecord,
    highlights_by_source: &HashMap<i32, Vec<&crate::model::Citation>>,
    claims_by_id: &HashMap<i32, &Claim>,
) -> String {
    let m = &source.summary;
    let mut p = String::new();
    let _ = writeln!(p, "---");
    let _ = writeln!(p, "id: {}", m.id);
    let _ = writeln!(p, "title: {}", yaml(&m.title));
    for (key, value) in [
        ("byline", &m.byline),
        ("site", &m.publisher),
        ("published", &m.published),
        ("url", &m.url),
        ("language", &m.language),
        ("original_file", &source.original_name),
    ] {
        if let Some(v) = value {
            let _ = writeln!(p, "{key}: {}", yaml(v));
        }
    }
    let _ = writeln!(p, "sha256: {}", yaml(&source.sha256));
    if let Some(r) = m.reliability {
        let _ = writeln!(p, "reliability: {}", yaml(r.as_str()));
    }
    let from = selection.tags.partition_point(|(s, _)| *s < m.id);
    let tags: Vec<&String> = selection.tags[from..].iter().take_while(|(s, _)| *s == m.id).map(|(_, t)| t).collect();
    let _ = writeln!(p, "tags:");
    let _ = writeln!(p, "  - \"dossier/source\"");
    for t in tags {
        let _ = writeln!(p, "  - {}", yaml(&t.split_whitespace().collect::<Vec<_>>().join("-")));
    }
    let _ = writeln!(p, "---\n\n# {}\n", text(&m.title));
    let mut meta = Vec::new();
    if let Some(b) = m.author() {
        meta.push(format!("By {}", text(b)));
    }
    for v in [&m.publisher, &m.published].into_iter().flatten() {
        meta.push(text(v));
    }
    if let Some(url) = &m.url {
        meta.push(address(url));
    }
    if !meta.is_empty() {
        let _ = writeln!(p, "{}\n", meta.join(" · "));
    }
    let highlights: Vec<_> = highlights_by_source.get(&m.id).into_iter().flatten().collect();
    if !highlights.is_empty() {
        let _ = writeln!(p, "## Highlights\n");
        for c in highlights {
            let _ = writeln!(p, "> {}", text(&c.exact));
            if let Some(claim) = c.claim_id.and_then(|id| claims_by_id.get(&id)) {
                let object = claim.object.as_ref().map(|o| files.actor(o.id, &o.name)).unwrap_or_default();
                let _ = writeln!(
                    p,
                    ">\n> — {} {} {object}",
                    files.actor(claim.subject.id, &claim.subject.name),
                    text(&claim.relation_words())
                );
            } else if let Some(speaker) = &c.speaker {
                let _ = writeln!(p, ">\n> — said by {}", files.actor(speaker.id, &speaker.name));
            }
            let _ = writeln!(p);
        }
    }
    p
}

fn note_page(files: &Files, note: &Note) -> String {
    let body = wikilink::rewrite(&note.body, |link| {
        let resolved = match &link.spec {
            LinkSpec::ById(target, id) => Some((*target, *id)),
            LinkSpec::ByName(_) => note.links.iter().find(|l| l.label == link.label).map(|l| (l.target, l.target_id)),
        };
        // A link to something not exported (or a claim) is kept as its words.
        resolved.and_then(|(target, id)| files.link(target, id, &link.label)).unwrap_or_else(|| text(&link.label))
    });
    format!(
        "---\nid: {}\ntitle: {}\ntags:\n  - \"dossier/note\"\n{}---\n\n# {}\n\n{}\n",
        note.id,
        yaml(&note.title),
        authorship(&note.authors),
        text(&note.title),
        escape_outside_links(&body)
    )
}

/// Who made and last edited a record, as front-matter properties (in a team's store).
fn authorship(authors: &Authorship) -> String {
    let mut lines = String::new();
    for (key, value) in [("made_by", &authors.made_by), ("edited_by", &authors.edited_by)] {
        if let Some(analyst) = value {
            let _ = writeln!(lines, "{key}: {}", yaml(analyst));
        }
    }
    lines
}

/// Note bodies are Markdown the person wrote: kept as written, except that brackets
/// outside the links Dossier wrote cannot open new ones.
fn escape_outside_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        let is_ours = after.starts_with("Actors/") || after.starts_with("Sources/") || after.starts_with("Notes/");
        match after.find("]]") {
            Some(close) if is_ours => {
                out.push_str(&rest[..open].replace("]]", "\\]\\]"));
                out.push_str(&rest[open..open + 2 + close + 2]);
                rest = &after[close + 2..];
            }
            _ => {
                out.push_str(&rest[..open].replace("]]", "\\]\\]"));
                out.push_str("\\[\\[");
                rest = after;
            }
        }
    }
    out.push_str(&rest.replace("]]", "\\]\\]"));
    out
}

fn index(selection: &Selection<'_>, files: &Files) -> String {
    let mut p = String::from("# Dossier export\n\n");
    let _ = writeln!(
        p,
        "{} actors, {} claims, {} sources, {} notes.\n",
        selection.actors.len(),
        selection.claims.len(),
        selection.sources.len(),
        selection.notes.len()
    );
    if !selection.actors.is_empty() {
        let _ = writeln!(p, "## Actors\n");
        let mut actors: Vec<&&Actor> = selection.actors.iter().collect();
        actors.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        for a in actors {
            let _ = writeln!(p, "- {} ({})", files.actor(a.id, &a.name), a.kind.words());
        }
        let _ = writeln!(p);
    }
    if !selection.sources.is_empty() {
        let _ = writeln!(p, "## Sources\n");
        for s in &selection.sources {
            let link = files.link(LinkTarget::Source, s.summary.id, &s.summary.title).unwrap_or_default();
            let _ = writeln!(p, "- {link}");
        }
        let _ = writeln!(p);
    }
    if !selection.notes.is_empty() {
        let _ = writeln!(p, "## Notes\n");
        for n in &selection.notes {
            let _ = writeln!(p, "- {}", files.link(LinkTarget::Note, n.id, &n.title).unwrap_or_default());
        }
    }
    for m in selection.matrices.iter().filter(|m| !m.hypotheses.is_empty()) {
        let _ = writeln!(p, "\n## Hypotheses: {}\n", text(&m.question.title));
        for (h, score) in m.hypotheses.iter().zip(&m.scores) {
            let stem = &files.hypotheses[&h.id];
            let _ = writeln!(
                p,
                "- [[Hypotheses/{stem}|{}]] — weighted inconsistency {:.2}",
                label(&h.statement),
                score.inconsistency
            );
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_hold_anything_as_strings() {
        assert_eq!(yaml("plain"), "\"plain\"");
        assert_eq!(yaml("---"), "\"---\"");
        assert_eq!(yaml(": leading colon"), "\": leading colon\"");
        assert_eq!(yaml("say \"hi\"\\ now\nnext\u{7}"), "\"say \\\"hi\\\"\\\\ now\\nnext\\u0007\"");
        assert_eq!(yaml("a]] [[b"), "\"a\\x5D\\x5D \\x5B\\x5Bb\"");
    }

    #[test]
    fn source_text_cannot_make_links_or_markup() {
        assert_eq!(text("[[Evil]] *bold* <b>"), "\\[\\[Evil\\]\\] \\*bold\\* \\<b\\>");
        assert_eq!(text("50%% off $5"), "50\\%\\% off \\$5");
        assert_eq!(label("a]]b|c[[d"), "a))b/c((d");
        assert_eq!(label("`$= dv.current()` <b>"), "'$= dv.current()' ‹b›");
        assert_eq!(
            escape_outside_links("x [[Actors/Iran|Iran]] y [[raw]] z ]]"),
            "x [[Actors/Iran|Iran]] y \\[\\[raw\\]\\] z \\]\\]"
        );
        assert_eq!(escape_outside_links("a ]] b [[ c"), "a \\]\\] b \\[\\[ c");
    }

    #[test]
    fn addresses_never_break_a_line_or_become_live_links() {
        assert_eq!(address("https://news.example/a\r\n# Heading"), "<https://news.example/a#%20Heading>");
        assert_eq!(address("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(address("x\r\n<script>"), "x  \\<script\\>");
    }
}
