//! FollowTheMoney entities (JSON lines, `entities.ftm.json`) for Aleph and the FtM tools.
//!
//! Mapping: a person is a `Person`; an organization or an armed group an
//! `Organization` (FtM has no armed-group schema); a state a `PublicBody`; a place an
//! `Address`; anything else a `LegalEntity`. A source is a `Document` (its SHA-256 in
//! `notes`: FtM's checksum type holds SHA-1 only). A claim is a `Membership`
//! (member_of an organization), `Directorship` (leads one), `Representation` (proxy_of:
//! the proxy is the agent, its principal the client), `Associate` (two people allied,
//! cooperating or meeting) or else an `UnknownLink` whose `role` is the relation; each
//! has its `proof` (the sources' documents), the quotation as `summary`, who asserts it
//! and how firmly as `description`, and its date (an EDTF decade or interval as start
//! and end dates). A quotation is a `Note` on its speaker: the words as `description`,
//! the source's document as `proof`.

use super::{Output, Selection};
use crate::model::{ActorKind, Relation};
use crate::{edtf, Error, Result};
use serde_json::{json, Map, Value};

fn actor_id(id: i32) -> String {
    format!("dossier-actor-{id}")
}

fn schema_of(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Organization | ActorKind::ArmedGroup => "Organization",
        ActorKind::State => "PublicBody",
        ActorKind::Place => "Address",
        ActorKind::Other => "LegalEntity",
    }
}

fn entity(id: String, schema: &str, properties: Map<String, Value>) -> String {
    json!({ "id": id, "schema": schema, "properties": properties }).to_string()
}

fn put(properties: &mut Map<String, Value>, name: &str, values: impl IntoIterator<Item = String>) {
    let values: Vec<Value> = values.into_iter().filter(|v| !v.trim().is_empty()).map(Value::String).collect();
    if !values.is_empty() {
        properties.insert(name.into(), Value::Array(values));
    }
}

/// FtM dates from an EDTF date: one `date`, or a `startDate`/`endDate` pair for an
/// interval or a decade; nothing for a date with no year.
fn dates(value: &str) -> Vec<(&'static str, String)> {
    let plain = |d: &str| {
        let parts: Vec<&str> = d.split('-').collect();
        !parts.is_empty() && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    if plain(value) {
        return vec![("date", value.to_string())];
    }
    match edtf::bounds(value) {
        Ok(b) => {
            let mut out = Vec::new();
            if let Some(lower) = b.lower {
                out.push(("startDate", lower));
            }
            if let Some(upper) = b.upper {
                out.push(("endDate", upper));
            }
            out
        }
        Err(_) => Vec::new(),
    }
}

/// The link schema for a claim between two actors of the given kinds, and the names
/// of its two ends.
fn link_schema(
    relation: Relation,
    subject: ActorKind,
    object: ActorKind,
) -> (&'static str, &'static str, &'static str) {
    let organization_like = matches!(object, ActorKind::Organization | ActorKind::ArmedGroup | ActorKind::State);
    let legal = |k: ActorKind| k != ActorKind::Place;
    match relation {
        Relation::MemberOf if legal(subject) && organization_like => ("Membership", "member", "organization"),
        Relation::Leads if legal(subject) && organization_like => ("Directorship", "director", "organization"),
        Relation::ProxyOf if legal(subject) && legal(object) => ("Representation", "agent", "client"),
        Relation::AllyOf | Relation::CooperatesWith | Relation::Meets
            if subject == ActorKind::Person && object == ActorKind::Person =>
        {
            ("Associate", "person", "associate")
        }
        _ => ("UnknownLink", "subject", "object"),
    }
}

pub fn write(selection: &Selection<'_>, output: &mut Output) -> Result<()> {
    let mut lines = Vec::new();
    for a in &selection.actors {
        let mut p = Map::new();
        let schema = schema_of(a.kind);
        if a.kind == ActorKind::Place {
            put(&mut p, "full", [a.name.clone()]);
        } else {
            put(&mut p, "name", [a.name.clone()]);
        }
        put(&mut p, "alias", a.aliases.iter().filter(|x| **x != a.name).cloned());
        put(&mut p, "description", [a.description.clone()]);
        lines.push(entity(actor_id(a.id), schema, p));
    }
    for s in &selection.sources {
        let m = &s.summary;
        let mut p = Map::new();
        put(&mut p, "title", [m.title.clone()]);
        put(&mut p, "fileName", [s.original_name.clone().unwrap_or_else(|| format!("source-{}", m.id))]);
        put(&mut p, "author", m.byline.clone());
        put(&mut p, "publisher", m.publisher.clone());
        put(&mut p, "sourceUrl", m.url.as_deref().and_then(crate::text::web_address));
        put(&mut p, "mimeType", [m.media_type.clone()]);
        if let Some(published) = &m.published {
            for (name, value) in dates(published) {
                if name == "date" {
                    put(&mut p, "publishedAt", [value]);
                }
            }
        }
        let mut notes = vec![format!("SHA-256 {}", s.sha256)];
        if let Some(r) = m.reliability {
            notes.push(format!("Reliability {r} ({})", r.words()));
        }
        put(&mut p, "notes", notes);
        lines.push(entity(format!("dossier-source-{}", m.id), "Document", p));
    }
    for c in &selection.claims {
        let Some(object) = &c.object else { continue };
        let kind_of = |id: i32| selection.actors.iter().find(|a| a.id == id).map(|a| a.kind);
        let (Some(subject_kind), Some(object_kind)) = (kind_of(c.subject.id), kind_of(object.id)) else { continue };
        let (schema, from, to) = link_schema(c.relation, subject_kind, object_kind);
        let mut p = Map::new();
        put(&mut p, from, [actor_id(c.subject.id)]);
        put(&mut p, to, [actor_id(object.id)]);
        let role = if schema == "Associate" { "relationship" } else { "role" };
        put(&mut p, role, [c.relation_words()]);
        if let Some(date) = &c.date {
            for (name, value) in dates(date) {
                put(&mut p, name, [value]);
            }
        }
        let citations: Vec<_> = selection.citations_of(c.id).collect();
        put(&mut p, "summary", citations.iter().map(|x| format!("“{}” ({})", x.exact, x.source_title)));
        let asserted = match &c.attributed_to {
            Some(a) => format!("{} according to {}", c.certainty.as_str(), a.name),
            None => format!("{} by the source", c.certainty.as_str()),
        };
        let graded = format!(
            "graded {} ({}; {})",
            c.grade.label(),
            c.grade.reliability.map_or("no source graded", |r| r.words()),
            crate::model::credibility_words(c.grade.credibility).unwrap_or_default()
        );
        put(&mut p, "description", [format!("{asserted}; {graded}")]);
        let mut proofs: Vec<String> = citations.iter().map(|x| format!("dossier-source-{}", x.source_id)).collect();
        proofs.sort();
        proofs.dedup();
        put(&mut p, "proof", proofs);
        lines.push(entity(format!("dossier-claim-{}", c.id), schema, p));
    }
    for x in &selection.quotations {
        let mut p = Map::new();
        put(&mut p, "description", [x.exact.clone()]);
        put(&mut p, "entity", x.speaker.iter().map(|s| actor_id(s.id)));
        put(&mut p, "proof", [format!("dossier-source-{}", x.source_id)]);
        let said = match &x.speaker {
            Some(s) => format!("quotation of {} in {}", s.name, x.source_title),
            None => format!("unattributed quotation in {}", x.source_title),
        };
        put(&mut p, "summary", [said]);
        lines.push(entity(format!("dossier-quotation-{}", x.id), "Note", p));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    if lines.is_empty() {
        return Err(Error::Invalid("nothing to export as FollowTheMoney entities".into()));
    }
    output.write("entities.ftm.json", text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_take_the_closest_link_schema() {
        assert_eq!(link_schema(Relation::MemberOf, ActorKind::Person, ActorKind::ArmedGroup).0, "Membership");
        assert_eq!(link_schema(Relation::MemberOf, ActorKind::Person, ActorKind::Person).0, "UnknownLink");
        assert_eq!(
            link_schema(Relation::ProxyOf, ActorKind::ArmedGroup, ActorKind::State),
            ("Representation", "agent", "client")
        );
        assert_eq!(link_schema(Relation::Meets, ActorKind::Person, ActorKind::Person).0, "Associate");
        assert_eq!(link_schema(Relation::Visits, ActorKind::Person, ActorKind::Place).0, "UnknownLink");
        assert_eq!(link_schema(Relation::Leads, ActorKind::Person, ActorKind::State).0, "Directorship");
    }

    #[test]
    fn edtf_dates_become_ftm_dates_or_ranges() {
        assert_eq!(dates("2022-06"), [("date", "2022-06".to_string())]);
        assert_eq!(dates("199X"), [("startDate", "1990-01-01".to_string()), ("endDate", "1999-12-31".to_string())]);
        assert_eq!(
            dates("2017/2021"),
            [("startDate", "2017-01-01".to_string()), ("endDate", "2021-12-31".to_string())]
        );
        assert!(dates("XXXX-12").is_empty());
    }
}
