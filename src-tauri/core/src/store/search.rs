//! Full-text search over the FTS5 indexes of sources, actors, claims and notes, with
//! snippets returned as text fragments (never markup).

use super::Store;
use crate::model::{Fragment, Page, PageRequest, SearchHit, SearchKind};
use crate::Result;
use rusqlite::params;

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
    pub fn search(&self, query: &str, kind: Option<SearchKind>, page: PageRequest) -> Result<Page<SearchHit>> {
        let page = page.clamped();
        let Some(fts) = fts_query(query) else {
            return Ok(Page { items: Vec::new(), total: 0, offset: page.offset });
        };
        let want = |k: SearchKind| kind.is_none_or(|wanted| wanted == k);
        let mut arms: Vec<String> = Vec::new();
        let snippet = |table: &str| format!("snippet({table}, -1, char(57344), char(57345), '…', 16)");
        if want(SearchKind::Actor) {
            arms.push(format!(
                "SELECT 'actor', a.id, a.name, {}, bm25(actors_fts) FROM actors_fts JOIN actors a ON a.id = actors_fts.rowid WHERE actors_fts MATCH ?1",
                snippet("actors_fts")
            ));
        }
        if want(SearchKind::Source) {
            arms.push(format!(
                "SELECT 'source', s.id, s.title, {}, bm25(sources_fts) FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid WHERE sources_fts MATCH ?1",
                snippet("sources_fts")
            ));
        }
        if want(SearchKind::Claim) {
            arms.push(format!(
                "SELECT 'claim', c.id, sa.name || ' — ' || replace(c.relation, '_', ' ') || ' — ' || coalesce(oa.name, c.object_text, ''),
                        {}, bm25(claims_fts)
                   FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid
                   JOIN actors sa ON sa.id = c.subject_id LEFT JOIN actors oa ON oa.id = c.object_id
                  WHERE claims_fts MATCH ?1",
                snippet("claims_fts")
            ));
        }
        if want(SearchKind::Note) {
            arms.push(format!(
                "SELECT 'note', n.id, n.title, {}, bm25(notes_fts) FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH ?1",
                snippet("notes_fts")
            ));
        }
        let union = arms.join(" UNION ALL ");
        let mut statement = self.conn.prepare(&format!("SELECT * FROM ({union}) ORDER BY 5, 2 LIMIT ?2 OFFSET ?3"))?;
        let items = statement
            .query_map(params![fts, page.limit, page.offset], |row| {
                let kind = match row.get::<_, String>(0)?.as_str() {
                    "actor" => SearchKind::Actor,
                    "source" => SearchKind::Source,
                    "claim" => SearchKind::Claim,
                    _ => SearchKind::Note,
                };
                Ok(SearchHit {
                    kind,
                    id: row.get(1)?,
                    title: row.get(2)?,
                    snippet: fragments(&row.get::<_, String>(3)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self.conn.query_row(&format!("SELECT count(*) FROM ({union})"), [&fts], |row| row.get(0))?;
        Ok(Page { items, total, offset: page.offset })
    }
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
