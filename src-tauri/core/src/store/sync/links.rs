//! Links by id in a note's body (`[[actor:12|Hezbollah]]`) name a row by its local id,
//! which differs from desktop to desktop. In operations they travel by global id
//! (`[[actor:@0190…|Hezbollah]]`): written so as an operation is sealed, and back to the
//! local id as it is applied. Only the id changes; the rest of the link stays as written.
//!
//! A link whose row has not arrived yet keeps its global id until the whole pull is
//! applied (a store joining sends its notes before its claims), then [`settle`] writes
//! it by local id, or by its words when the row is gone (`[[Hezbollah]]`, resolved by
//! name as any such link; a link without words of its own becomes plain text). Outside
//! a pull, a stored body never holds the global form.
//!
//! Not handled yet: a body keeps the local id of a linked actor merged or deleted later
//! (merges move `note_links`, not the text), and SQLite may give that id to a new row;
//! the link then names the new row on one desktop and keeps its words on another.

use super::{Entry, Row};
use crate::model::LinkTarget;
use crate::wikilink::{self, LinkSpec, RawLink};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
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

/// Where, in a link as written, the text after `kind:` runs (spaces skipped) while
/// `keep` holds: the id to replace.
fn id_span(whole: &str, kind: &str, keep: impl Fn(char) -> bool) -> Option<std::ops::Range<usize>> {
    let colon = whole.find(kind)? + kind.len();
    let after = &whole[colon..];
    let after_colon = after.trim_start().strip_prefix(':')?;
    let start = whole.len() - after_colon.trim_start().len();
    let length: usize = whole[start..].chars().take_while(|c| keep(*c)).map(char::len_utf8).sum();
    (length > 0).then_some(start..start + length)
}

/// A link that names no row any more: its words, as a link by name; a link that had no
/// words of its own (`[[actor:12]]`) as the plain word for its kind, so that it names
/// nothing and reads the same on every desktop.
fn words_of(whole: &str, target: LinkTarget) -> String {
    let inner = whole.trim_start_matches("[[").trim_end_matches("]]");
    match inner.split_once('|') {
        Some((_, words)) if !words.trim().is_empty() => format!("[[{words}]]"),
        _ => target.as_str().to_string(),
    }
}

/// `body` with its links by local id written by global id (as `name` gives it).
pub(super) fn to_global(conn: &Connection, body: &str, name: impl Fn(&str) -> String) -> Result<String> {
    let mut failed = None;
    let out = wikilink::rewrite_some(body, |whole, link| {
        let LinkSpec::ById(target, id) = link.spec else { return None };
        let gid: rusqlite::Result<Option<String>> = conn
            .prepare_cached(&format!("SELECT gid FROM {} WHERE id = ?1", table_of(target)))
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional());
        let gid = match gid {
            Ok(gid) => gid,
            Err(e) => {
                failed = Some(e);
                None
            }
        };
        let span = id_span(whole, target.as_str(), |c| c.is_ascii_digit());
        Some(match (gid, span) {
            (Some(gid), Some(span)) => format!("{}@{}{}", &whole[..span.start], name(&gid), &whole[span.end..]),
            _ => words_of(whole, target),
        })
    });
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(out),
    }
}

/// The kind and global id of a link written by global id.
fn global(link: &RawLink) -> Option<(LinkTarget, &str)> {
    let LinkSpec::ByName(written) = &link.spec else { return None };
    let (kind, gid) = written.split_once(":@")?;
    Some((LinkTarget::parse(kind.trim())?, gid.trim()))
}

/// `body` with its links by global id written by the local id `local` gives them; a
/// link whose row is not here stays by global id, or (`settling`) keeps its words.
pub(super) fn to_local(
    body: &str,
    settling: bool,
    mut local: impl FnMut(&str, &str) -> Result<Option<i64>>,
) -> Result<String> {
    let mut failed = None;
    let out = wikilink::rewrite_some(body, |whole, link| {
        let (target, gid) = global(link)?;
        let found = match local(table_of(target), gid) {
            Ok(found) => found,
            Err(e) => {
                failed = Some(e);
                None
            }
        };
        let is_gid = |c: char| c.is_ascii_hexdigit() || c == '-';
        let span = id_span(whole, target.as_str(), |c| c == '@' || is_gid(c));
        match (found, span) {
            (Some(id), Some(span)) => Some(format!("{}{id}{}", &whole[..span.start], &whole[span.end..])),
            _ if settling => Some(words_of(whole, target)),
            _ => None,
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// After a pull: the notes still holding links by global id get them by local id now
/// that every row of the pull is here, or keep their words; their links are read again.
pub(super) fn settle(conn: &Connection, local: impl Fn(&str, &str) -> Result<Option<i64>>) -> Result<()> {
    let waiting: Vec<(i64, String)> = conn
        .prepare("SELECT id, body FROM notes WHERE instr(body, ':@') > 0")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, body) in waiting {
        let settled = to_local(&body, true, &local)?;
        if settled != body {
            conn.execute("UPDATE notes SET body = ?2 WHERE id = ?1", params![id, settled])?;
            crate::store::notes::write_links(conn, id as i32, &settled)?;
        }
    }
    Ok(())
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

    fn library() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE actors (id INTEGER PRIMARY KEY, gid TEXT);
             CREATE TABLE sources (id INTEGER PRIMARY KEY, gid TEXT);
             CREATE TABLE claims (id INTEGER PRIMARY KEY, gid TEXT);
             CREATE TABLE notes (id INTEGER PRIMARY KEY, gid TEXT);
             INSERT INTO actors VALUES (12, '0190aaaa-0000-7000-8000-00000000000c');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn links_by_id_travel_by_global_id_and_come_back_local_with_the_rest_as_written() {
        let conn = library();
        let body = "See [[actor:12| Hezbollah ]], [[actor:12]], [[actor:99|Gone]], [[actor:98]], [[ Joseph Humire ]] \
                    and [[Iran|the state]]. [[open";
        let global = to_global(&conn, body, str::to_string).unwrap();
        let g = "0190aaaa-0000-7000-8000-00000000000c";
        assert_eq!(
            global,
            format!(
                "See [[actor:@{g}| Hezbollah ]], [[actor:@{g}]], [[Gone]], actor, [[ Joseph Humire ]] and \
                 [[Iran|the state]]. [[open"
            )
        );
        let here = |table: &str, gid: &str| Ok((table == "actors" && gid == g).then_some(7));
        let back = to_local(&global, false, here).unwrap();
        assert_eq!(
            back,
            "See [[actor:7| Hezbollah ]], [[actor:7]], [[Gone]], actor, [[ Joseph Humire ]] and [[Iran|the state]]. \
             [[open"
        );
        // A row not here yet: the link waits by global id, then keeps its words.
        let waiting = to_local(&global, false, |_, _| Ok(None)).unwrap();
        assert_eq!(waiting, global);
        let settled = to_local(&global, true, |_, _| Ok(None)).unwrap();
        assert!(settled.starts_with("See [[ Hezbollah ]], actor, [[Gone]], actor, [[ Joseph"), "{settled}");
    }
}
