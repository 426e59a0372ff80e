//! The briefing: one document for a selection — who is in it, how they are related and
//! on what evidence, what they said, when, and the analyst's notes — as Markdown (`briefing.md`) and as
//! a self-contained HTML page (`briefing.html`: no scripts, no external files, styled
//! for print).

use super::vault::text as md;
use super::xml::escape as html;
use super::{Output, Scope, Selection};
use crate::edtf;
use crate::model::{Claim, LinkTarget, Note};
use crate::wikilink::{self, LinkSpec};
use crate::Result;
use std::fmt::Write;

fn title(scope: &Scope, selection: &Selection<'_>) -> String {
    match scope {
        Scope::All => "Briefing: the whole library".into(),
        Scope::Actor { id, hops } => {
            let name = selection.actors.iter().find(|a| a.id == *id).map_or("an actor", |a| a.name.as_str());
            format!("Briefing: {name} and the actors {hops} claim{} away", if *hops == 1 { "" } else { "s" })
        }
        Scope::Tag { tag } => format!("Briefing: sources tagged “{tag}”"),
        Scope::Dates { from, to } => format!(
            "Briefing: claims from {} to {}",
            from.as_deref().unwrap_or("the beginning"),
            to.as_deref().unwrap_or("today")
        ),
    }
}

fn object(c: &Claim) -> String {
    c.object.as_ref().map(|o| o.name.clone()).or_else(|| c.object_text.clone()).unwrap_or_default()
}

/// Dated claims, earliest first (by the first day their date allows).
fn timeline<'s>(selection: &'s Selection<'_>) -> Vec<(String, &'s Claim)> {
    let mut dated: Vec<(String, &Claim)> = selection
        .claims
        .iter()
        .filter_map(|c| {
            let date = c.date.as_deref()?;
            let lower = edtf::bounds(date).ok()?.lower.or_else(|| edtf::bounds(date).ok()?.upper)?;
            Some((lower, *c))
        })
        .collect();
    dated.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    dated
}

fn counts(selection: &Selection<'_>, actor: i32) -> (usize, usize) {
    let claims = selection.claims_of(actor);
    let mut sources: Vec<i32> = claims.iter().flat_map(|c| selection.citations_of(c.id).map(|x| x.source_id)).collect();
    sources.sort_unstable();
    sources.dedup();
    (claims.len(), sources.len())
}

fn source_line(selection: &Selection<'_>, source_id: i32) -> Vec<String> {
    let Some(s) = selection.source(source_id) else { return Vec::new() };
    let m = &s.summary;
    let reliability = m.reliability.map(|r| format!("reliability {r}"));
    [Some(m.title.as_str()), m.author(), m.publisher.as_deref(), m.published.as_deref(), m.url.as_deref()]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .chain(reliability)
        .collect()
}

pub fn write(selection: &Selection<'_>, scope: &Scope, output: &mut Output) -> Result<()> {
    output.write("briefing.md", markdown(selection, scope).as_bytes())?;
    output.write("briefing.html", page(selection, scope).as_bytes())
}

fn markdown(selection: &Selection<'_>, scope: &Scope) -> String {
    let mut p = format!("# {}\n\n", md(&title(scope, selection)));
    let _ = writeln!(
        p,
        "{} actors, {} claims, {} sources.\n",
        selection.actors.len(),
        selection.claims.len(),
        selection.sources.len()
    );
    let _ = writeln!(
        p,
        "## Actors\n\n| Actor | Kind | Description | Claims | Sources |\n| --- | --- | --- | ---: | ---: |"
    );
    for a in &selection.actors {
        let (claims, sources) = counts(selection, a.id);
        let _ = writeln!(
            p,
            "| {} | {} | {} | {claims} | {sources} |",
            md(&a.name),
            a.kind.words(),
            md(a.description.trim())
        );
    }
    let _ = writeln!(p, "\n## Relations\n");
    for c in &selection.claims {
        let mut details = vec![c.certainty.as_str().to_string()];
        if let Some(d) = &c.date {
            details.insert(0, md(d));
        }
        if let Some(a) = &c.attributed_to {
            details.push(format!("according to {}", md(&a.name)));
        }
        details.push(format!("graded {}", c.grade.label()));
        let (sources, independent) = (selection.sources_of(c.id), selection.independent_sources_of(c.id));
        if independent < sources {
            details.push(format!("{sources} sources, {independent} independent"));
        }
        let _ = writeln!(
            p,
            "- **{}** {} **{}** ({})",
            md(&c.subject.name),
            md(&c.relation_words()),
            md(&object(c)),
            details.join(", ")
        );
        for x in selection.citations_of(c.id) {
            let _ =
                writeln!(p, "  > “{}”  \n  > — {}", md(&x.exact), md(&source_line(selection, x.source_id).join(", ")));
        }
    }
    if !selection.quotations.is_empty() {
        let _ = writeln!(p, "\n## Quotations\n");
        for x in &selection.quotations {
            let speaker = x.speaker.as_ref().map_or("Unattributed", |s| s.name.as_str());
            let _ = writeln!(
                p,
                "- **{}**: “{}”  \n  — {}",
                md(speaker),
                md(&x.exact),
                md(&source_line(selection, x.source_id).join(", "))
            );
        }
    }
    for m in &selection.matrices {
        let _ = writeln!(p, "\n## Hypotheses: {}\n", md(&m.question.title));
        for (i, h) in m.hypotheses.iter().enumerate() {
            let notes = if h.notes.trim().is_empty() { String::new() } else { format!(" — {}", md(h.notes.trim())) };
            let _ = writeln!(p, "- **H{}** {}{notes}", i + 1, md(&h.statement));
        }
        if !m.hypotheses.is_empty() {
            let heads: String = (1..=m.hypotheses.len()).map(|i| format!(" H{i} |")).collect();
            let rule: String = m.hypotheses.iter().map(|_| " :-: |").collect();
            let _ = writeln!(p, "\n| Claim | Grade | Diagnosticity |{heads}\n| --- | :-: | :-: |{rule}");
            for r in &m.rows {
                let cells: String =
                    r.cells.iter().map(|c| format!(" {} |", c.as_ref().map_or("–", |c| c.rating.as_str()))).collect();
                let claim = format!("{} {} {}", r.claim.subject.name, r.claim.relation_words(), object(&r.claim));
                let _ = writeln!(p, "| {} | {} | {} |{cells}", md(&claim), r.claim.grade.label(), r.diagnosticity);
            }
            let scores: String = m.scores.iter().map(|s| format!(" **{:.2}** |", s.inconsistency)).collect();
            let _ = writeln!(p, "| Weighted inconsistency | | |{scores}");
            let _ = writeln!(
                p,
                "\nCC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent; \
                 inconsistency adds I 1 and II 2 times the claim's weight (credibility 1: 1.5, 2: 1.25, 3 and 6: 1, 4: 0.75, 5: 0.5).\n"
            );
        }
        for line in &m.reading {
            let _ = writeln!(p, "{}  ", md(&line));
        }
    }
    let dated = timeline(selection);
    if !dated.is_empty() {
        let _ = writeln!(p, "\n## Timeline\n");
        for (_, c) in dated {
            let _ = writeln!(
                p,
                "- {} — {} {} {}",
                md(c.date.as_deref().unwrap_or("")),
                md(&c.subject.name),
                md(&c.relation_words()),
                md(&object(c))
            );
        }
    }
    if !selection.notes.is_empty() {
        let _ = writeln!(p, "\n## Notes\n");
        for n in &selection.notes {
            let _ = writeln!(p, "### {}\n\n{}\n", md(&n.title), note_markdown(selection, n, Anchors::Sections));
        }
    }
    let _ = writeln!(p, "\n## Sources\n");
    for s in &selection.sources {
        let _ = writeln!(p, "- {} (SHA-256 {})", md(&source_line(selection, s.summary.id).join(", ")), s.sha256);
    }
    p
}

/// Whether the briefing has a place a link to this record can point at.
fn in_briefing(selection: &Selection<'_>, target: LinkTarget, id: i32) -> bool {
    match target {
        LinkTarget::Actor => selection.has_actor(id),
        LinkTarget::Source => selection.source(id).is_some(),
        LinkTarget::Claim => selection.claims.iter().any(|c| c.id == id),
        LinkTarget::Note => selection.notes.iter().any(|n| n.id == id),
    }
}

/// Where a note's links point: in the Markdown file, at the section of the record
/// (Markdown readers name sections after their headings, and raw HTML anchors would be
/// markup in the file); in the HTML page, at the record's own row.
#[derive(Clone, Copy)]
enum Anchors {
    Sections,
    Records,
}

/// A note's body as Markdown inside the briefing: its `[[links]]` become links to the
/// records they name (or their words, for what the briefing leaves out), its headings sit under the note's title, its line breaks stay breaks, and
/// HTML written in it is escaped.
fn note_markdown(selection: &Selection<'_>, note: &Note, anchors: Anchors) -> String {
    let body = wikilink::rewrite(&note.body, |link| {
        let resolved = match &link.spec {
            LinkSpec::ById(target, id) => Some((*target, *id)),
            LinkSpec::ByName(_) => note.links.iter().find(|l| l.label == link.label).map(|l| (l.target, l.target_id)),
        };
        match resolved.filter(|(target, id)| in_briefing(selection, *target, *id)) {
            Some((target, id)) => {
                let anchor = match (anchors, target) {
                    (Anchors::Records, _) => format!("{}-{id}", target.as_str()),
                    (Anchors::Sections, LinkTarget::Actor) => "actors".into(),
                    (Anchors::Sections, LinkTarget::Claim) => "relations".into(),
                    (Anchors::Sections, LinkTarget::Source) => "sources".into(),
                    (Anchors::Sections, LinkTarget::Note) => "notes".into(),
                };
                format!("[{}](#{anchor})", md(&link.label))
            }
            None => md(&link.label),
        }
    });
    let mut out = String::with_capacity(body.len() + 64);
    let mut fenced = false;
    let lines: Vec<&str> = body.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fenced = !fenced;
        }
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        if !fenced && (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            // "# The axis" in a note is a heading of the note, below the note's own (###).
            out.push_str(&"#".repeat((hashes + 3).min(6)));
            out.push_str(&trimmed[hashes..]);
        } else if fenced || trimmed.starts_with("```") {
            out.push_str(line);
        } else {
            // HTML in a note is its words: no Markdown reader of the file may run it.
            out.push_str(&line.replace('<', "\\<"));
        }
        let next_is_text = lines.get(i + 1).is_some_and(|next| !next.trim().is_empty());
        if !fenced && !line.trim().is_empty() && next_is_text && !trimmed.starts_with("```") {
            // A line break in a note is a break (as Obsidian shows it), not a space.
            out.push_str("  ");
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// A note's body as HTML: its Markdown rendered with the links of [`note_markdown`];
/// HTML written in the note stays text, and only links within the briefing or to web
/// addresses stay links (a picture is its description: the page loads nothing).
fn note_html(selection: &Selection<'_>, note: &Note) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let markdown = note_markdown(selection, note, Anchors::Records);
    let safe = |dest: &str| dest.starts_with('#') || crate::text::web_address(dest).is_some();
    let mut dropped_links: Vec<bool> = Vec::new();
    let events = Parser::new(&markdown).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { dest_url, link_type, title, id }) => {
            let keep = safe(&dest_url);
            dropped_links.push(!keep);
            keep.then_some(Event::Start(Tag::Link { dest_url, link_type, title, id }))
        }
        Event::End(TagEnd::Link) => (!dropped_links.pop().unwrap_or(true)).then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::SoftBreak => Some(Event::HardBreak),
        other => Some(other),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

const STYLE: &str = "body{font-family:Georgia,'Noto Serif',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;\
color:#1d2430;line-height:1.5}h1,h2,h3{font-family:system-ui,sans-serif}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left}td.n{text-align:right}\
blockquote{margin:.3rem 0 .6rem 1rem;padding-left:.7rem;border-left:3px solid #ccc}\
.meta{color:#555;font-size:.9em}table.matrix td.c,table.matrix th.c{text-align:center}\
td.rCC,td.rC{background:#e3f1e3}td.rI{background:#f8e1dc}td.rII{background:#efc3b8;font-weight:700}\
tr.flat td{color:#888}tr.score td{border-top:2px solid #1d2430}.reading{font-style:italic}@media print{body{margin:0;max-width:none;font-size:11pt}\
h2{page-break-after:avoid}li,blockquote,tr{page-break-inside:avoid}a{color:inherit;text-decoration:none}}";

fn page(selection: &Selection<'_>, scope: &Scope) -> String {
    let heading = title(scope, selection);
    let mut p = String::new();
    let _ = writeln!(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
    let _ = writeln!(
        p,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    );
    let _ = writeln!(p, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>", html(&heading));
    let _ = writeln!(p, "<h1>{}</h1>", html(&heading));
    let _ = writeln!(
        p,
        "<p class=\"meta\">{} actors, {} claims, {} sources.</p>",
        selection.actors.len(),
        selection.claims.len(),
        selection.sources.len()
    );
    let _ = writeln!(
        p,
        "<h2>Actors</h2>\n<table>\n<tr><th>Actor</th><th>Kind</th><th>Description</th><th>Claims</th><th>Sources</th></tr>"
    );
    for a in &selection.actors {
        let (claims, sources) = counts(selection, a.id);
        let _ = writeln!(
            p,
            "<tr id=\"actor-{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{claims}</td><td class=\"n\">{sources}</td></tr>",
            a.id,
            html(&a.name),
            html(&a.kind.words()),
            html(a.description.trim())
        );
    }
    let _ = writeln!(p, "</table>\n<h2>Relations</h2>\n<ul>");
    for c in &selection.claims {
        let mut details = vec![c.certainty.as_str().to_string()];
        if let Some(d) = &c.date {
            details.insert(0, d.clone());
        }
        if let Some(a) = &c.attributed_to {
            details.push(format!("according to {}", a.name));
        }
        details.push(format!("graded {}", c.grade.label()));
        let (sources, independent) = (selection.sources_of(c.id), selection.independent_sources_of(c.id));
        if independent < sources {
            details.push(format!("{sources} sources, {independent} independent"));
        }
        let _ = write!(
            p,
            "<li id=\"claim-{}\"><strong>{}</strong> {} <strong>{}</strong> <span class=\"meta\">({})</span>",
            c.id,
            html(&c.subject.name),
            html(&c.relation_words()),
            html(&object(c)),
            html(&details.join(", "))
        );
        for x in selection.citations_of(c.id) {
            let _ = write!(
                p,
                "<blockquote>“{}”<br><span class=\"meta\">— {}</span></blockquote>",
                html(&x.exact),
                html(&source_line(selection, x.source_id).join(", "))
            );
        }
        let _ = writeln!(p, "</li>");
    }
    let _ = writeln!(p, "</ul>");
    if !selection.quotations.is_empty() {
        let _ = writeln!(p, "<h2>Quotations</h2>\n<ul>");
        for x in &selection.quotations {
            let speaker = x.speaker.as_ref().map_or("Unattributed", |s| s.name.as_str());
            let _ = writeln!(
                p,
                "<li><strong>{}</strong><blockquote>“{}”<br><span class=\"meta\">— {}</span></blockquote></li>",
                html(speaker),
                html(&x.exact),
                html(&source_line(selection, x.source_id).join(", "))
            );
        }
        let _ = writeln!(p, "</ul>");
    }
    for m in &selection.matrices {
        let _ = writeln!(
            p,
            "<h2 id=\"question-{}\">Hypotheses: {}</h2>\n<ol class=\"hypotheses\">",
            m.question.id,
            html(&m.question.title)
        );
        for h in &m.hypotheses {
            let notes = if h.notes.trim().is_empty() {
                String::new()
            } else {
                format!(" <span class=\"meta\">{}</span>", html(h.notes.trim()))
            };
            let _ = writeln!(p, "<li>{}{notes}</li>", html(&h.statement));
        }
        let _ = writeln!(p, "</ol>");
        if !m.hypotheses.is_empty() {
            let heads: String = (1..=m.hypotheses.len()).map(|i| format!("<th class=\"c\">H{i}</th>")).collect();
            let _ = writeln!(
                p,
                "<table class=\"matrix\">\n<tr><th>Claim</th><th class=\"c\">Grade</th><th class=\"c\">Diagnosticity</th>{heads}</tr>"
            );
            for r in &m.rows {
                let cells: String = r
                    .cells
                    .iter()
                    .map(|c| match c {
                        Some(c) => format!(
                            "<td class=\"c r{}\" title=\"{}\">{}</td>",
                            c.rating.as_str(),
                            html(&c.comment),
                            c.rating.as_str()
                        ),
                        None => "<td class=\"c\">–</td>".to_string(),
                    })
                    .collect();
                let claim = format!("{} {} {}", r.claim.subject.name, r.claim.relation_words(), object(&r.claim));
                let flat = if r.no_diagnostic_value { " class=\"flat\"" } else { "" };
                let _ = writeln!(
                    p,
                    "<tr{flat}><td><a href=\"#claim-{}\">{}</a></td><td class=\"c\">{}</td><td class=\"c\">{}</td>{cells}</tr>",
                    r.claim.id,
                    html(&claim),
                    r.claim.grade.label(),
                    r.diagnosticity
                );
            }
            let scores: String = m
                .scores
                .iter()
                .map(|s| format!("<td class=\"c\"><strong>{:.2}</strong></td>", s.inconsistency))
                .collect();
            let _ = writeln!(
                p,
                "<tr class=\"score\"><td>Weighted inconsistency</td><td></td><td></td>{scores}</tr>\n</table>"
            );
            let _ = writeln!(
                p,
                "<p class=\"meta\">CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent; \
                 inconsistency adds I 1 and II 2 times the claim's weight (credibility 1: 1.5, 2: 1.25, 3 and 6: 1, 4: 0.75, 5: 0.5). \
                 Greyed rows rate every hypothesis alike.</p>"
            );
        }
        let _ = writeln!(
            p,
            "<p class=\"reading\">{}</p>",
            m.reading.iter().map(|l| html(l)).collect::<Vec<_>>().join("<br>")
        );
    }
    let dated = timeline(selection);
    if !dated.is_empty() {
        let _ = writeln!(p, "<h2>Timeline</h2>\n<ul>");
        for (_, c) in dated {
            let _ = writeln!(
                p,
                "<li>{} — {} {} {}</li>",
                html(c.date.as_deref().unwrap_or("")),
                html(&c.subject.name),
                html(&c.relation_words()),
                html(&object(c))
            );
        }
        let _ = writeln!(p, "</ul>");
    }
    if !selection.notes.is_empty() {
        let _ = writeln!(p, "<h2>Notes</h2>");
        for n in &selection.notes {
            let _ = writeln!(
                p,
                "<h3 id=\"note-{}\">{}</h3>\n<div class=\"note\">{}</div>",
                n.id,
                html(&n.title),
                note_html(selection, n)
            );
        }
    }
    let _ = writeln!(p, "<h2>Sources</h2>\n<ul>");
    for s in &selection.sources {
        let _ = writeln!(
            p,
            "<li id=\"source-{}\">{} <span class=\"meta\">SHA-256 {}</span></li>",
            s.summary.id,
            html(&source_line(selection, s.summary.id).join(", ")),
            html(&s.sha256)
        );
    }
    let _ = writeln!(p, "</ul>\n</body>\n</html>");
    p
}
