//! The tables of republished copies (migration 10): what the detector read and found
//! (`copy_scanned`, `copy_postings`, `copies_found`, never synced: every desktop finds
//! the same in the same texts), a person's verdicts on pairs (`copy_verdicts`, synced),
//! and the groups of copies both make (`copy_groups`), by which edges and claims count
//! independent sources.
//!
//! Invariant: after any write here, `copy_groups` holds exactly the groups of two or
//! more sources joined by found copies that no verdict calls independent and by
//! verdicts that call them one story, each source with its group's least id.

use super::{now, Store};
use crate::copies::Fingerprint;
use crate::model::{CopyVerdict, Corroboration, DetectedCopy, RelatedCopy};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The candidates a new text is compared with in full, those sharing the most terms. A
/// story run by many sites joins their group through any one of them.
const MOST_CANDIDATES: usize = 5;

/// The newest sources filed under a term that a new text looks at.
const POSTINGS_PER_TERM: i64 = 128;

/// The sources sharing most terms whose counts are looked at.
const MOST_LOOKED_AT: usize = 200;

/// Terms of each kind: sampled shingles (non-negative) and figures (negative).
#[derive(Debug, Clone, Copy, Default)]
struct TermCounts {
    words: i32,
    figures: i32,
}

impl TermCounts {
    fn of(terms: &[i64]) -> TermCounts {
        let words = terms.iter().filter(|t| **t >= 0).count() as i32;
        TermCounts { words, figures: terms.len() as i32 - words }
    }
}

/// A pair of sources the detector found to be copies of one story (the later first), or
/// a person judged.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CopyPair {
    pub copy_id: i32,
    pub original_id: i32,
    pub detected: Option<DetectedCopy>,
    pub verdict: Option<CopyVerdict>,
}

impl Store {
    /// Reads for copies every source the detector has not read yet (new imports,
    /// sources pulled from the team, a library from before schema 10), a hundred in a
    /// transaction with the groups they change. Returns how many copies it found.
    pub fn find_copies(&mut self) -> Result<i32> {
        let unread = unread(&self.conn)?;
        let mut found = 0;
        // A hundred sources a transaction: their postings land on shared pages, written
        // once, where one source a transaction wrote each of its pages for it alone.
        for chunk in unread.chunks(100) {
            found += self.write(|tx| {
                let found = chunk.iter().map(|&id| read_for_copies(tx, id)).sum::<Result<i32>>()?;
                if found > 0 {
                    // In the same transaction: the groups never lag the copies found.
                    regroup(tx)?;
                }
                Ok(found)
            })?;
        }
        Ok(found)
    }

    /// The sources related to `source_id` as copies of one story: found by the
    /// detector, judged by a person, or in its group through a third source.
    pub fn related_copies(&self, source_id: i32) -> Result<Vec<RelatedCopy>> {
        super::sources::text_of(&self.conn, source_id)?;
        let mut others: BTreeSet<i32> = BTreeSet::new();
        let mut statement = self.conn.prepare_cached(
            "SELECT original_id FROM copies_found WHERE copy_id = ?1
             UNION SELECT copy_id FROM copies_found WHERE original_id = ?1
             UNION SELECT other_id FROM copy_verdicts WHERE source_id = ?1
             UNION SELECT source_id FROM copy_verdicts WHERE other_id = ?1
             UNION SELECT source_id FROM copy_groups
                    WHERE group_id = (SELECT group_id FROM copy_groups WHERE source_id = ?1) AND source_id <> ?1",
        )?;
        for id in statement.query_map([source_id], |row| row.get(0))? {
            others.insert(id?);
        }
        let group = group_of(&self.conn, source_id)?;
        let mut related = Vec::with_capacity(others.len());
        for other in others {
            let (title, publisher, published) = self.conn.query_row(
                "SELECT title, publisher, published FROM sources WHERE id = ?1",
                [other],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            related.push(RelatedCopy {
                source_id: other,
                title,
                publisher,
                published,
                detected: detected(&self.conn, source_id, other)?,
                verdict: verdict_on(&self.conn, source_id, other)?,
                same_group: group.is_some() && group == group_of(&self.conn, other)?,
            });
        }
        related.sort_by_key(|r| (!r.same_group, r.source_id));
        Ok(related)
    }

    /// Every pair found by the detector or judged by a person, in source order.
    pub fn copy_pairs(&self) -> Result<Vec<CopyPair>> {
        let mut pairs: BTreeMap<(i32, i32), CopyPair> = BTreeMap::new();
        let mut statement = self.conn.prepare("SELECT copy_id, original_id, evidence, likeness FROM copies_found")?;
        for row in statement.query_map([], |row| {
            Ok(DetectedCopy {
                copy_id: row.get(0)?,
                original_id: row.get(1)?,
                evidence: row.get(2)?,
                likeness: row.get(3)?,
            })
        })? {
            let found = row?;
            let key = (found.copy_id.min(found.original_id), found.copy_id.max(found.original_id));
            pairs.insert(
                key,
                CopyPair {
                    copy_id: found.copy_id,
                    original_id: found.original_id,
                    detected: Some(found),
                    verdict: None,
                },
            );
        }
        let mut statement = self.conn.prepare("SELECT source_id, other_id, copy FROM copy_verdicts")?;
        for row in statement.query_map([], |row| Ok((row.get::<_, i32>(0)?, row.get::<_, i32>(1)?, row.get(2)?)))? {
            let (a, b, copy): (i32, i32, bool) = row?;
            let verdict = if copy { CopyVerdict::Copy } else { CopyVerdict::Independent };
            pairs
                .entry((a.min(b), a.max(b)))
                .or_insert(CopyPair { copy_id: a.max(b), original_id: a.min(b), detected: None, verdict: None })
                .verdict = Some(verdict);
        }
        let mut pairs: Vec<CopyPair> = pairs.into_values().collect();
        pairs.sort_by_key(|p| (p.copy_id.min(p.original_id), p.copy_id.max(p.original_id)));
        Ok(pairs)
    }

    /// A person's word on two sources (none: the detector decides again). Returns the
    /// word it replaces.
    pub(crate) fn set_copy_verdict(
        &mut self,
        source_id: i32,
        other_id: i32,
        verdict: Option<CopyVerdict>,
    ) -> Result<Option<CopyVerdict>> {
        if source_id == other_id {
            return Err(Error::Invalid("a source is not a copy of itself".into()));
        }
        self.write(|tx| {
            let hash = |id: i32| -> Result<String> {
                super::found(tx.query_row("SELECT sha256 FROM sources WHERE id = ?1", [id], |r| r.get(0)), "source", id)
            };
            // The pair in the order of the sources' SHA-256, the same on every desktop.
            let (a, b) =
                if hash(source_id)? <= hash(other_id)? { (source_id, other_id) } else { (other_id, source_id) };
            let before = verdict_on(tx, a, b)?;
            match verdict {
                None => {
                    tx.execute("DELETE FROM copy_verdicts WHERE source_id = ?1 AND other_id = ?2", params![a, b])?;
                }
                Some(verdict) => {
                    let copy = verdict == CopyVerdict::Copy;
                    let changed = tx.execute(
                        "UPDATE copy_verdicts SET copy = ?3 WHERE source_id = ?1 AND other_id = ?2 AND copy <> ?3",
                        params![a, b, copy],
                    )?;
                    if changed == 0 && before.is_none() {
                        tx.execute(
                            "INSERT INTO copy_verdicts (gid, source_id, other_id, copy, created_at)
                             VALUES (?1, ?2, ?3, ?4, ?5)",
                            params![super::new_gid(), a, b, copy, now()],
                        )?;
                    }
                }
            }
            regroup(tx)?;
            Ok(before)
        })
    }

    /// How many sources a claim's citations come from, and how many are independent.
    pub fn corroboration(&self, claim_id: i32) -> Result<Corroboration> {
        super::found(
            self.conn.query_row("SELECT 1 FROM claims WHERE id = ?1", [claim_id], |_| Ok(())),
            "claim",
            claim_id,
        )?;
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT x.source_id), count(DISTINCT coalesce(g.group_id, x.source_id))
               FROM citations x LEFT JOIN copy_groups g ON g.source_id = x.source_id
              WHERE x.claim_id = ?1",
            [claim_id],
            |row| Ok(Corroboration { sources: row.get(0)?, independent: row.get(1)? }),
        )?)
    }
}

fn unread(conn: &Connection) -> Result<Vec<i32>> {
    Ok(conn
        .prepare_cached("SELECT id FROM sources WHERE id NOT IN (SELECT source_id FROM copy_scanned) ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// [`Store::find_copies`] inside a transaction already open (the end of a pull, which
/// may bring sources and verdicts).
pub(crate) fn catch_up(tx: &Connection) -> Result<i32> {
    let mut found = 0;
    for id in unread(tx)? {
        found += read_for_copies(tx, id)?;
    }
    regroup(tx)?;
    Ok(found)
}

/// Reads one source for copies: compares it with the earlier sources that share its
/// terms, records what it copies (or what copies it, by date), and files its terms.
fn read_for_copies(tx: &Connection, id: i32) -> Result<i32> {
    let Some((text, published)) = tx
        .query_row("SELECT text, published_lower FROM sources WHERE id = ?1", [id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
        })
        .optional()?
    else {
        return Ok(0);
    };
    let fingerprint = Fingerprint::of(&text);
    let terms = fingerprint.terms();
    let mine = TermCounts::of(&terms);
    // Shared terms per earlier source, reading the newest postings of each term only:
    // a term in every article (boilerplate, the year) costs no more than a rare one,
    // and a story's copies share many rare ones.
    let mut shared: HashMap<i32, TermCounts> = HashMap::new();
    let mut postings = tx.prepare_cached(
        "SELECT source_id FROM copy_postings WHERE term = ?1 AND source_id <> ?2 ORDER BY source_id DESC LIMIT ?3",
    )?;
    for &term in &terms {
        for other in postings.query_map(params![term, id, POSTINGS_PER_TERM], |row| row.get::<_, i32>(0))? {
            let counts = shared.entry(other?).or_default();
            if term >= 0 {
                counts.words += 1;
            } else {
                counts.figures += 1;
            }
        }
    }
    // Those sharing the most first; past the first few hundred, none could be a copy
    // that those before it are not.
    let mut shared: Vec<(i32, TermCounts)> = shared.into_iter().collect();
    shared.sort_unstable_by_key(|(other, common)| (std::cmp::Reverse((common.words, common.figures)), *other));
    shared.truncate(MOST_LOOKED_AT);
    let mut counted = tx.prepare_cached("SELECT words, figures FROM copy_scanned WHERE source_id = ?1")?;
    let mut ranked: Vec<(TermCounts, i32)> = Vec::new();
    for (other, common) in shared {
        let theirs = counted
            .query_row([other], |row| Ok(TermCounts { words: row.get(0)?, figures: row.get(1)? }))
            .optional()?
            .unwrap_or_default();
        if crate::copies::worth_comparing(
            (common.words, common.figures),
            (mine.words, mine.figures),
            (theirs.words, theirs.figures),
        ) {
            ranked.push((common, other));
        }
    }
    ranked.sort_by_key(|(common, other)| (std::cmp::Reverse((common.words, common.figures)), *other));
    ranked.truncate(MOST_CANDIDATES);
    let mut read = tx.prepare_cached("SELECT text, published_lower FROM sources WHERE id = ?1")?;
    let mut candidates: Vec<(i32, String, Option<String>)> = Vec::with_capacity(ranked.len());
    for (_, other) in ranked {
        let (text, published) = read.query_row([other], |row| Ok((row.get(0)?, row.get(1)?)))?;
        candidates.push((other, text, published));
    }
    let mut found = 0;
    for (other, other_text, other_published) in candidates {
        let Some((evidence, likeness)) = fingerprint.judge(&Fingerprint::of(&other_text)) else { continue };
        // The copy is the later one: by publication when both dates say, else by import.
        let later = match (&published, &other_published) {
            (Some(mine), Some(theirs)) if mine != theirs => mine > theirs,
            _ => id > other,
        };
        let (copy, original) = if later { (id, other) } else { (other, id) };
        tx.execute(
            "INSERT OR REPLACE INTO copies_found (copy_id, original_id, evidence, likeness) VALUES (?1, ?2, ?3, ?4)",
            params![copy, original, evidence, likeness],
        )?;
        found += 1;
    }
    let mut file = tx.prepare_cached("INSERT OR IGNORE INTO copy_postings (term, source_id) VALUES (?1, ?2)")?;
    for term in &terms {
        file.execute(params![term, id])?;
    }
    let filed = serde_json::to_string(&terms).map_err(|e| Error::Invalid(e.to_string()))?;
    tx.execute(
        "INSERT OR IGNORE INTO copy_scanned (source_id, words, figures, terms) VALUES (?1, ?2, ?3, ?4)",
        params![id, mine.words, mine.figures, filed],
    )?;
    Ok(found)
}

fn group_of(conn: &Connection, id: i32) -> Result<Option<i32>> {
    Ok(conn.query_row("SELECT group_id FROM copy_groups WHERE source_id = ?1", [id], |r| r.get(0)).optional()?)
}

fn detected(conn: &Connection, a: i32, b: i32) -> Result<Option<DetectedCopy>> {
    Ok(conn
        .query_row(
            "SELECT copy_id, original_id, evidence, likeness FROM copies_found
              WHERE (copy_id = ?1 AND original_id = ?2) OR (copy_id = ?2 AND original_id = ?1)",
            params![a, b],
            |row| {
                Ok(DetectedCopy {
                    copy_id: row.get(0)?,
                    original_id: row.get(1)?,
                    evidence: row.get(2)?,
                    likeness: row.get(3)?,
                })
            },
        )
        .optional()?)
}

fn verdict_on(conn: &Connection, a: i32, b: i32) -> Result<Option<CopyVerdict>> {
    let copy: Option<bool> = conn
        .query_row(
            "SELECT copy FROM copy_verdicts WHERE (source_id = ?1 AND other_id = ?2) OR (source_id = ?2 AND other_id = ?1)
              ORDER BY id DESC LIMIT 1",
            params![a, b],
            |r| r.get(0),
        )
        .optional()?;
    Ok(copy.map(|copy| if copy { CopyVerdict::Copy } else { CopyVerdict::Independent }))
}

/// Sources joined into groups, each group's root its least source.
#[derive(Default)]
struct Groups {
    parent: BTreeMap<i32, i32>,
}

impl Groups {
    /// The group's least source; a source in no group is its own.
    fn root(&self, id: i32) -> i32 {
        let mut at = id;
        while let Some(&up) = self.parent.get(&at) {
            if up == at {
                break;
            }
            at = up;
        }
        at
    }

    fn join(&mut self, a: i32, b: i32) {
        self.parent.entry(a).or_insert(a);
        self.parent.entry(b).or_insert(b);
        let (ra, rb) = (self.root(a), self.root(b));
        let low = ra.min(rb);
        // Each of these straight to the root, so that chains stay short.
        for id in [ra, rb, a, b] {
            self.parent.insert(id, low);
        }
    }
}

/// Brings `copy_groups` up to date with the found copies and the verdicts, writing only
/// the rows that change (its triggers note the edges to count again).
pub(crate) fn regroup(conn: &Connection) -> Result<()> {
    let pairs = |sql: &str| -> Result<Vec<(i32, i32)>> {
        Ok(conn.prepare(sql)?.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    };
    let key = |(a, b): (i32, i32)| (a.min(b), a.max(b));
    let apart: Vec<(i32, i32)> =
        pairs("SELECT source_id, other_id FROM copy_verdicts WHERE copy = 0")?.into_iter().map(key).collect();
    let said_apart: HashSet<(i32, i32)> = apart.iter().copied().collect();
    let mut groups = Groups::default();
    // The person's "one story" first, as said; then what the detector found, the most
    // alike first (the same order on every desktop), never joining two sources the
    // person called independent, even through a third.
    for (a, b) in pairs("SELECT source_id, other_id FROM copy_verdicts WHERE copy = 1 ORDER BY id")? {
        groups.join(a, b);
    }
    let found = pairs(
        "SELECT copy_id, original_id FROM copies_found
          ORDER BY likeness DESC, min(copy_id, original_id), max(copy_id, original_id)",
    )?;
    for (a, b) in found.into_iter().map(key).filter(|pair| !said_apart.contains(pair)) {
        let (ra, rb) = (groups.root(a), groups.root(b));
        let splits_apart = apart.iter().any(|&(x, y)| {
            let (rx, ry) = (groups.root(x), groups.root(y));
            (rx, ry) == (ra, rb) || (rx, ry) == (rb, ra)
        });
        if ra != rb && !splits_apart {
            groups.join(a, b);
        }
    }
    let wanted: BTreeMap<i32, i32> = groups.parent.keys().map(|&id| (id, groups.root(id))).collect();

    let current: BTreeMap<i32, i32> = pairs("SELECT source_id, group_id FROM copy_groups")?.into_iter().collect();
    for (id, _) in current.iter().filter(|(id, _)| !wanted.contains_key(id)) {
        conn.execute("DELETE FROM copy_groups WHERE source_id = ?1", [id])?;
    }
    for (id, group) in wanted.iter().filter(|(id, group)| current.get(id) != Some(group)) {
        conn.execute(
            "INSERT INTO copy_groups (source_id, group_id) VALUES (?1, ?2)
             ON CONFLICT (source_id) DO UPDATE SET group_id = excluded.group_id",
            params![id, group],
        )?;
    }
    Ok(())
}
