//! Full-text search over the FTS5 indexes of sources, actors, claims and notes, with
//! snippets returned as text fragments (never markup).

use super::Store;
use crate::model::{Fragment, Page, PageRequest, SearchHit, SearchKind};
use crate::Result;
use rusqlite::params;
use std::collections::HashMap;

const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// Turns what a person typed into an FTS5 query that cannot be a syntax error: words are
/// quoted, `"quoted phrases"` stay phrases, and the last word matches as a prefix while
/// it is being typed. `None` when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, next) = after.split_once('"').unwrap_or((after, ""));
            let words = words(phrase);
            if !words.is_empty() {
                terms.push(format!("\"{}\"", words.join(" ")));
            }
            rest = next;
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            for word in words(&rest[..end]) {
                terms.push(format!("\"{word}\""));
            }
            rest = &rest[end..];
        }
    }
    let typing_last_word = input.chars().last().is_some_and(|c| c.is_alphanumeric());
    if typing_last_word {
        if let Some(last) = terms.last_mut() {
            if !last.contains(' ') {
                last.push('*');
            }
        }
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The alphanumeric runs of `text` (what the unicode61 tokenizer would index).
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

fn fragments(snippet: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in snippet.chars() {
        if c == HIT_START || c == HIT_END {
            if !current.is_empty() {
                out.push(Fragment { text: std::mem::take(&mut current), hit });
            }
            hit = c == HIT_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(Fragment { text: current, hit });
    }
    out
}

impl Store {
    /// Ranked hits for `query` across everything (or one kind), a page at a time.
    ///
    /// Ranking reads only the indexes (a top-N sort), counting is a pass of its own;
    /// titles and snippets, which read the text, are made for the page's hits alone, in
    /// one more pass per kind. (Snippets made for every match took seconds for a common word in
    /// 100,000 sources; one query per hit took as long for a prefix.)
    pub fn search(&self, query: &str, kind: Option<SearchKind>, page: PageRequest) -> Result<Page<SearchHit>> {
        let page = page.clamped();
        let Some(fts) = fts_query(query) else {
            return Ok(Page { items: Vec::new(), total: 0, offset: page.offset });
        };
        let kinds: Vec<SearchKind> = [SearchKind::Actor, SearchKind::Source, SearchKind::Claim, SearchKind::Note]
            .into_iter()
            .filter(|k| kind.is_none_or(|wanted| wanted == *k))
            .collect();
        let arms: Vec<String> = kinds
            .iter()
            .map(|k| {
                let table = index_of(*k);
                format!("SELECT {} AS kind, rowid AS id, bm25({table}) AS score FROM {table} WHERE {table} MATCH ?1", *k as i32)
            })
            .collect();
        // (A count(*) OVER () here would sort every match instead of keeping the top N.)
        let ranked: Vec<(i32, i32)> = self
            .conn
            .prepare(&format!("SELECT kind, id FROM ({}) ORDER BY score, id LIMIT ?2 OFFSET ?3", arms.join(" UNION ALL ")))?
            .query_map(params![fts, page.limit, page.offset], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let total = kinds.iter().map(|k| self.count_matches(*k, &fts)).sum::<Result<i32>>()?;
        let mut shown: HashMap<(i32, i32), (String, String)> = HashMap::new();
        for k in &kinds {
            let ids: Vec<i32> = ranked.iter().filter(|(code, _)| *code == *k as i32).map(|(_, id)| *id).collect();
            let (Some(low), Some(high)) = (ids.iter().min(), ids.iter().max()) else { continue };
            let ids = serde_json::to_string(&ids).map_err(|e| crate::Error::Invalid(e.to_string()))?;
            let mut statement = self.conn.prepare_cached(&hits_query(*k))?;
            let rows = statement.query_map(params![fts, ids, low, high], |row| {
                Ok((row.get::<_, i32>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
            })?;
            for row in rows {
                let (id, title, snippet) = row?;
                shown.insert((*k as i32, id), (title, snippet));
            }
        }
        let items = ranked
            .iter()
            .filter_map(|&(code, id)| {
                let kind = kinds.iter().copied().find(|k| *k as i32 == code)?;
                let (title, snippet) = shown.remove(&(code, id))?;
                Some(SearchHit { kind, id, title, snippet: fragments(&snippet) })
            })
            .collect();
        Ok(Page { items, total, offset: page.offset })
    }

    fn count_matches(&self, kind: SearchKind, fts: &str) -> Result<i32> {
        let table = index_of(kind);
        let sql = format!("SELECT count(*) FROM {table} WHERE {table} MATCH ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([fts], |row| row.get(0))?)
    }
}

fn index_of(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Actor => "actors_fts",
        SearchKind::Source => "sources_fts",
        SearchKind::Claim => "claims_fts",
        SearchKind::Note => "notes_fts",
    }
}

/// The titles and snippets of some hits of one kind (?2: their ids as a JSON array;
/// ?3, ?4: the lowest and highest, which the index seeks to). One pass over the matches
/// in that range; the snippet, which reads the text, only for the hits asked for.
/// char(57344) and char(57345) mark the matched words.
fn hits_query(kind: SearchKind) -> String {
    let (title, joins) = match kind {
        SearchKind::Actor => ("a.name", "JOIN actors a ON a.id = h.id"),
        SearchKind::Source => ("s.title", "JOIN sources s ON s.id = h.id"),
        SearchKind::Claim => (
            "sa.name || ' — ' || replace(c.relation, '_', ' ') || ' — ' || coalesce(oa.name, c.object_text, '')",
            "JOIN claims c ON c.id = h.id JOIN actors sa ON sa.id = c.subject_id LEFT JOIN actors oa ON oa.id = c.object_id",
        ),
        SearchKind::Note => ("n.title", "JOIN notes n ON n.id = h.id"),
    };
    let table = index_of(kind);
    format!(
        "SELECT h.id, {title}, h.snippet FROM (
             SELECT rowid AS id, CASE WHEN rowid IN (SELECT value FROM json_each(?2))
                    THEN snippet({table}, -1, char(57344), char(57345), '…', 16) END AS snippet
               FROM {table} WHERE {table} MATCH ?1 AND rowid BETWEEN ?3 AND ?4) h
           {joins} WHERE h.snippet IS NOT NULL"
    )
}

impl Store {
    /// Ids of the sources whose title or text holds any of `phrases` as words (the
    /// full-text index's view: case and diacritics aside), in id order. A quick filter
    /// before exact matching; never misses a source that holds a phrase.
    pub fn sources_with_any_phrase(&self, phrases: &[String]) -> Result<Vec<i32>> {
        let terms: Vec<String> = phrases
            .iter()
            .map(|p| words(p))
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{}\"", w.join(" ")))
            .collect();
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut statement =
            self.conn.prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?1 ORDER BY rowid")?;
        let ids =
            statement.query_map([terms.join(" OR ")], |row| row.get(0))?.collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_queries_become_safe_fts_expressions() {
        assert_eq!(fts_query("hezbollah").as_deref(), Some("\"hezbollah\"*"));
        assert_eq!(fts_query("Iran Cuba ").as_deref(), Some("\"Iran\" \"Cuba\""));
        assert_eq!(fts_query("\"Secure Free\" soc").as_deref(), Some("\"Secure Free\" \"soc\"*"));
        assert_eq!(fts_query("AND OR NOT ( * :").as_deref(), Some("\"AND\" \"OR\" \"NOT\""));
        assert_eq!(fts_query("U.S.").as_deref(), Some("\"U\" \"S\""));
        assert_eq!(fts_query("  ( ) \" "), None);
    }

    #[test]
    fn snippets_split_into_marked_fragments() {
        let raw = format!("the {HIT_START}alliance{HIT_END} linking");
        assert_eq!(
            fragments(&raw),
            vec![
                Fragment { text: "the ".into(), hit: false },
                Fragment { text: "alliance".into(), hit: true },
                Fragment { text: " linking".into(), hit: false },
            ]
        );
    }
}
