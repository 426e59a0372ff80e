//! Links by id in a note's body (`[[actor:12|Hezbollah]]`) name a row by its local id,
//! which differs from desktop to desktop. In operations they travel by global id
//! (`[[actor:@0190…|Hezbollah]]`): written so as an operation is sealed, and back to the
//! local id as it is applied. A link to a row gone on either side keeps its words
//! (`[[Hezbollah]]`, resolved by name as any such link). A stored body never holds the
//! global form.
//!
//! Not handled yet: a body keeps the local id of a linked actor merged or deleted later
//! (merges move `note_links`, not the text), and SQLite may give that id to a new row;
//! the link then names the new row on one desktop and keeps its words on another.

use super::{Entry, Row};
use crate::model::LinkTarget;
use crate::wikilink::{self, LinkSpec};
use crate::Result;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// The table a link's kind names.
fn table_of(target: LinkTarget) -> &'static str {
    match target {
        LinkTarget::Actor => "actors",
        LinkTarget::Source => "sources",
        LinkTarget::Claim => "claims",
        LinkTarget::Note => "notes",
    }
}

/// A link kept by its words alone.
fn by_name(label: &str) -> String {
    format!("[[{label}]]")
}

/// `body` with its links by local id written by global id (as `name` gives it).
pub(super) fn to_global(conn: &Connection, body: &str, name: impl Fn(&str) -> String) -> Result<String> {
    let mut failed = None;
    let out = wikilink::rewrite_some(body, |link| match &link.spec {
        LinkSpec::ById(target, id) => Some({
            let gid: rusqlite::Result<Option<String>> = conn
                .prepare_cached(&format!("SELECT gid FROM {} WHERE id = ?1", table_of(*target)))
                .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional());
            match gid {
                Ok(Some(gid)) => format!("[[{}:@{}|{}]]", target.as_str(), name(&gid), link.label),
                Ok(None) => by_name(&link.label),
                Err(e) => {
                    failed = Some(e);
                    by_name(&link.label)
                }
            }
        }),
        LinkSpec::ByName(_) => None,
    });
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(out),
    }
}

/// `body` with its links by global id written by the local id `local` gives them.
pub(super) fn to_local(body: &str, mut local: impl FnMut(&str, &str) -> Result<Option<i64>>) -> Result<String> {
    let mut failed = None;
    let out = wikilink::rewrite_some(body, |link| {
        let LinkSpec::ByName(written) = &link.spec else { return None };
        let (kind, gid) = written.split_once(":@")?;
        let target = LinkTarget::parse(kind)?;
        Some(match local(table_of(target), gid.trim()) {
            Ok(Some(id)) => format!("[[{}:{id}|{}]]", target.as_str(), link.label),
            Ok(None) => by_name(&link.label),
            Err(e) => {
                failed = Some(e);
                by_name(&link.label)
            }
        })
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Rewrites the body in each notes row of `entry` with `change`.
pub(super) fn map_note_bodies(entry: &mut Entry, mut change: impl FnMut(&str) -> Result<String>) -> Result<()> {
    let mut body = |row: &mut Row| -> Result<()> {
        if let Some(Value::String(text)) = row.get("body") {
            if text.contains("[[") {
                let changed = change(text)?;
                row.insert("body".into(), Value::String(changed));
            }
        }
        Ok(())
    };
    match entry {
        Entry::Insert { table, row, .. } | Entry::Delete { table, row, .. } if table == "notes" => body(row),
        Entry::Update { table, old, new, .. } if table == "notes" => {
            body(old)?;
            body(new)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_by_id_travel_by_global_id_and_come_back_local_and_the_rest_stays_as_written() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE actors (id INTEGER PRIMARY KEY, gid TEXT);
             CREATE TABLE sources (id INTEGER PRIMARY KEY, gid TEXT);
             CREATE TABLE claims (id INTEGER PRIMARY KEY, gid TEXT);
             CREATE TABLE notes (id INTEGER PRIMARY KEY, gid TEXT);
             INSERT INTO actors VALUES (12, 'g-hezbollah');",
        )
        .unwrap();
        let body = "See [[actor:12|Hezbollah]], [[actor:99|Gone]], [[ Joseph Humire ]] and [[Iran|the state]]. [[open";
        let global = to_global(&conn, body, str::to_string).unwrap();
        assert_eq!(
            global,
            "See [[actor:@g-hezbollah|Hezbollah]], [[Gone]], [[ Joseph Humire ]] and [[Iran|the state]]. [[open"
        );
        let here =
            to_local(&global, |table, gid| Ok((table == "actors" && gid == "g-hezbollah").then_some(7))).unwrap();
        assert_eq!(here, "See [[actor:7|Hezbollah]], [[Gone]], [[ Joseph Humire ]] and [[Iran|the state]]. [[open");
        let missing = to_local(&global, |_, _| Ok(None)).unwrap();
        assert!(missing.starts_with("See [[Hezbollah]],"), "{missing}");
    }
}
