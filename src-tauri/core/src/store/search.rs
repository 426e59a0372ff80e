//! Full-text search over the FTS5 indexes of sources, actors, claims, quotations and notes, with
//! snippets returned as text fragments (never markup).

use super::{rank, Store};
use crate::model::{Fragment, PageRequest, PassageRef, SearchHit, SearchKind, SearchPage};
use crate::Result;
use rusqlite::{params, params_from_iter, OptionalExtension};
use std::collections::HashMap;

const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// Turns what a person typed into an FTS5 query that cannot be a syntax error: words are
/// quoted, `"quoted phrases"` stay phrases, and the last word matches as a prefix while
/// it is being typed. `None` when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let phrases = fts_phrases(input);
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

/// The phrases of [`fts_query`], in order (FTS5 numbers them so).
fn fts_phrases(input: &str) -> Vec<String> {
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
    terms
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

/// How many of the newest matches of each kind are ranked. Ranking reads every match it
/// ranks; a word found in nearly every one of 100,000 sources would take 70–200 ms to
/// rank in full, for a first page that the newest 10,000 fill as well. (Search engines
/// cap the same way: Elasticsearch counts hits exactly up to 10,000.)
pub const SEARCH_WINDOW: i32 = 10_000;

/// How many of the newest rows of each kind a phrase is counted in, to weigh the phrases
/// of a query against each other (see `rank.rs`).
const SAMPLE: i64 = 2_000;

impl Store {
    /// Ranked hits for `query` across everything (or one kind), a page at a time.
    pub fn search(&self, query: &str, kind: Option<SearchKind>, page: PageRequest) -> Result<SearchPage> {
        self.search_within(query, kind, page, SEARCH_WINDOW)
    }

    /// Search, ranking at most the newest `window` matches of each kind.
    ///
    /// One pass per kind over its newest matches scores them (`dossier_rank`, which reads
    /// only the index); titles and snippets, which read the text, are made for the page's
    /// hits alone. (Snippets made for every match took seconds for a common word in
    /// 100,000 sources; one query per hit took as long for a prefix.)
    pub(crate) fn search_within(
        &self,
        query: &str,
        kind: Option<SearchKind>,
        page: PageRequest,
        window: i32,
    ) -> Result<SearchPage> {
        let page = page.clamped();
        let phrases = fts_phrases(query);
        let mut results = SearchPage { items: Vec::new(), total: 0, offset: page.offset, capped: false, window };
        if phrases.is_empty() {
            return Ok(results);
        }
        let fts = phrases.join(" ");
        let kinds: Vec<SearchKind> =
            [SearchKind::Actor, SearchKind::Source, SearchKind::Claim, SearchKind::Note, SearchKind::Quotation]
                .into_iter()
                .filter(|k| kind.is_none_or(|wanted| wanted == *k))
                .collect();
        let mut ranked: Vec<(f64, i32, SearchKind)> = Vec::new();
        for k in &kinds {
            let weights = self.phrase_weights(*k, &phrases)?;
            let table = index_of(*k);
            let extra: String = (0..weights.len()).map(|i| format!(", ?{}", i + 3)).collect();
            let sql = format!(
                "SELECT rowid, {}({table}{extra}) FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
                rank::FUNCTION
            );
            // One more than the window tells "exactly the window" from "more".
            let mut values: Vec<rusqlite::types::Value> = vec![fts.clone().into(), (i64::from(window) + 1).into()];
            values.extend(weights.iter().map(|w| rusqlite::types::Value::Real(*w)));
            let mut statement = self.conn.prepare_cached(&sql)?;
            let before = ranked.len();
            let rows = statement
                .query_map(params_from_iter(values), |row| Ok((row.get::<_, f64>(1)?, row.get::<_, i32>(0)?)))?;
            for row in rows {
                let (score, id) = row?;
                ranked.push((score, id, *k));
            }
            if ranked.len() - before > window as usize {
                ranked.pop();
                results.capped = true;
            }
        }
        let tiers = self.actor_name_tiers(query, &ranked)?;
        let tier = |hit: &(f64, i32, SearchKind)| match hit.2 {
            SearchKind::Actor => tiers.get(&hit.1).copied().unwrap_or(NameMatch::Within),
            _ => NameMatch::NotAnActor,
        };
        ranked.sort_by(|a, b| {
            tier(a).cmp(&tier(b)).then(a.0.total_cmp(&b.0)).then(a.1.cmp(&b.1)).then((a.2 as i32).cmp(&(b.2 as i32)))
        });
        results.total = i32::try_from(ranked.len()).unwrap_or(i32::MAX);
        let shown: Vec<(i32, SearchKind)> =
            ranked.iter().skip(page.offset as usize).take(page.limit as usize).map(|(_, id, k)| (*id, *k)).collect();

        // Snippets are made on the index for the page's hits alone: one pass over the
        // matches between the lowest and highest id shown. A prefix ("fund*") would be
        // expanded over the whole library again for that pass (16 ms at 100,000 sources),
        // so with one the shown rows are copied into a small index of their own, where the
        // same tokenizer marks the same words.
        let prefixed = phrases.iter().any(|p| p.ends_with('*'));
        let mut texts: HashMap<(i32, i32), (String, String, Option<PassageRef>)> = HashMap::new();
        for k in &kinds {
            let ids: Vec<i32> = shown.iter().filter(|(_, hit_kind)| hit_kind == k).map(|(id, _)| *id).collect();
            let (Some(low), Some(high)) = (ids.iter().min().copied(), ids.iter().max().copied()) else { continue };
            let ids = serde_json::to_string(&ids).map_err(|e| crate::Error::Invalid(e.to_string()))?;
            if prefixed {
                self.copy_hits(*k, &ids)?;
            }
            let mut statement = self.conn.prepare_cached(&hits_query(*k, prefixed))?;
            let rows = statement.query_map(params![fts, ids, low, high], |row| {
                let passage = match row.get::<_, Option<i32>>(3)? {
                    Some(source_id) => Some(PassageRef { source_id, start: row.get(4)?, end: row.get(5)? }),
                    None => None,
                };
                Ok((row.get::<_, i32>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?, passage))
            })?;
            for row in rows {
                let (id, title, snippet, passage) = row?;
                texts.insert((*k as i32, id), (title, snippet, passage));
            }
        }
        results.items = shown
            .into_iter()
            .filter_map(|(id, kind)| {
                let (title, snippet, passage) = texts.remove(&(kind as i32, id))?;
                Some(SearchHit { kind, id, title, snippet: fragments(&snippet), passage })
            })
            .collect();
        Ok(results)
    }

    /// How the query matches the names of the actors among `ranked`: a person typing a
    /// name wants that actor before any source or claim that mentions it.
    fn actor_name_tiers(&self, query: &str, ranked: &[(f64, i32, SearchKind)]) -> Result<HashMap<i32, NameMatch>> {
        let ids: Vec<i32> = ranked.iter().filter(|h| h.2 == SearchKind::Actor).map(|h| h.1).collect();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let wanted = crate::text::normalize_name(query);
        let wanted = words(&wanted);
        let ids = serde_json::to_string(&ids).map_err(|e| crate::Error::Invalid(e.to_string()))?;
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?1))
             UNION ALL
             SELECT actor_id, alias FROM actor_aliases WHERE actor_id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut tiers: HashMap<i32, NameMatch> = HashMap::new();
        let rows = statement.query_map([ids], |row| Ok((row.get::<_, i32>(0)?, row.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            let name = crate::text::normalize_name(&name);
            let tier = NameMatch::of(&wanted, &words(&name));
            let best = tiers.entry(id).or_insert(tier);
            *best = (*best).min(tier);
        }
        Ok(tiers)
    }

    /// Puts the indexed columns of some rows of one kind (`ids`, a JSON array) alone into
    /// `temp.search_hits`, indexed.
    fn copy_hits(&self, kind: SearchKind, ids: &str) -> Result<()> {
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS search_hit_texts (id INTEGER PRIMARY KEY, first TEXT, second TEXT);
             CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_hits USING fts5 (
                 first, second, content = 'search_hit_texts', content_rowid = 'id',
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO search_hits (search_hits) VALUES ('delete-all');
             DELETE FROM search_hit_texts;",
        )?;
        self.conn.prepare_cached(&copy_hits_query(kind))?.execute([ids])?;
        self.conn.execute_batch("INSERT INTO search_hits (search_hits) VALUES ('rebuild');")?;
        Ok(())
    }

    /// The arguments that weigh a query's phrases in `dossier_rank`: how many of the
    /// newest rows of `kind` were sampled (0: all of them), then how many hold each
    /// phrase. None for one phrase, whose weight changes no order.
    fn phrase_weights(&self, kind: SearchKind, phrases: &[String]) -> Result<Vec<f64>> {
        if phrases.len() < 2 {
            return Ok(Vec::new());
        }
        let table = index_of(kind);
        let content = content_of(kind);
        let oldest_sampled: Option<i64> = self
            .conn
            .prepare_cached(&format!("SELECT id FROM {content} ORDER BY id DESC LIMIT 1 OFFSET ?1"))?
            .query_row([SAMPLE - 1], |row| row.get(0))
            .optional()?;
        let (sampled, from) = match oldest_sampled {
            Some(id) => (SAMPLE, id),
            None => (0, i64::MIN),
        };
        let mut weights = vec![sampled as f64];
        let mut count = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM {table} WHERE {table} MATCH ?1 AND rowid >= ?2"))?;
        for phrase in phrases {
            let hits: i64 = count.query_row(params![phrase, from], |row| row.get(0))?;
            weights.push(hits as f64);
        }
        Ok(weights)
    }
}

/// Search hits in the order of how they match a typed name: an actor named exactly so,
/// one whose name starts so, any other actor, then everything else (by rank within each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameMatch {
    Exact,
    Prefix,
    Within,
    NotAnActor,
}

impl NameMatch {
    /// `wanted` and `name` as words, folded; the last word typed may be unfinished.
    fn of(wanted: &[&str], name: &[&str]) -> NameMatch {
        let Some((last, whole)) = wanted.split_last() else { return NameMatch::Within };
        let starts = name.len() >= wanted.len()
            && name.iter().zip(whole).all(|(n, w)| n == w)
            && name[whole.len()].starts_with(last);
        if starts && name.len() == wanted.len() && name[whole.len()] == *last {
            NameMatch::Exact
        } else if starts {
            NameMatch::Prefix
        } else {
            NameMatch::Within
        }
    }
}

/// The table each kind's index is kept from (same row ids).
fn content_of(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Actor => "actors",
        SearchKind::Source => "sources",
        SearchKind::Claim => "claims",
        SearchKind::Note => "notes",
        SearchKind::Quotation => "citations",
    }
}

fn index_of(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Actor => "actors_fts",
        SearchKind::Source => "sources_fts",
        SearchKind::Claim => "claims_fts",
        SearchKind::Note => "notes_fts",
        SearchKind::Quotation => "quotations_fts",
    }
}

/// The titles and snippets of some hits of one kind (?1: the query; ?2: their ids as a
/// JSON array; ?3, ?4: the lowest and highest, which the index seeks to), from the kind's
/// index or from `temp.search_hits`. One pass over the matches in that range; the snippet,
/// which reads the text, only for the hits asked for. char(57344) and char(57345) mark the
/// matched words.
fn hits_query(kind: SearchKind, from_copy: bool) -> String {
    let (title, joins) = match kind {
        SearchKind::Quotation => (
            "coalesce(a.name, 'Unattributed') || ' in ' || s.title",
            "JOIN citations x ON x.id = h.id JOIN sources s ON s.id = x.source_id LEFT JOIN actors a ON a.id = x.speaker_id",
        ),
        SearchKind::Actor => ("a.name", "JOIN actors a ON a.id = h.id"),
        SearchKind::Source => ("s.title", "JOIN sources s ON s.id = h.id"),
        SearchKind::Claim => (
            "sa.name || ' — ' || replace(c.relation, '_', ' ') || ' — ' || coalesce(oa.name, c.object_text, '')",
            "JOIN claims c ON c.id = h.id JOIN actors sa ON sa.id = c.subject_id LEFT JOIN actors oa ON oa.id = c.object_id",
        ),
        SearchKind::Note => ("n.title", "JOIN notes n ON n.id = h.id"),
    };
    let table = if from_copy { "search_hits" } else { index_of(kind) };
    // Columns 3–5: the passage (a quotation's source and span), NULL for other kinds.
    let passage =
        if kind == SearchKind::Quotation { "x.source_id, x.span_start, x.span_end" } else { "NULL, NULL, NULL" };
    format!(
        "SELECT h.id, {title}, h.snippet, {passage} FROM (
             SELECT rowid AS id, CASE WHEN rowid IN (SELECT value FROM json_each(?2))
                    THEN snippet({table}, -1, char(57344), char(57345), '…', 16) END AS snippet
               FROM {table} WHERE {table} MATCH ?1 AND rowid BETWEEN ?3 AND ?4) h
           {joins} WHERE h.snippet IS NOT NULL"
    )
}

/// Copies the indexed columns of some rows of one kind (?1: their ids as a JSON array)
/// into `temp.search_hit_texts`.
fn copy_hits_query(kind: SearchKind) -> String {
    let table = index_of(kind);
    let (first, second) = match kind {
        SearchKind::Actor => ("name", "aliases"),
        SearchKind::Source => ("title", "text"),
        SearchKind::Claim => ("parties", "statement"),
        SearchKind::Note => ("title", "body"),
        SearchKind::Quotation => ("words", "speaker"),
    };
    format!(
        "INSERT INTO temp.search_hit_texts (id, first, second)
         SELECT rowid, {first}, {second} FROM {table} WHERE rowid IN (SELECT value FROM json_each(?1))"
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
    use crate::model::NewSource;

    #[test]
    fn a_typed_name_puts_the_actor_so_named_before_anything_mentioning_it() {
        let mut store = Store::open_in_memory().unwrap();
        let text = "Iran and Iran again: Díaz-Canel met Canel's ministers in Iran.";
        store
            .insert_source(&NewSource {
                title: "article".into(),
                media_type: "text/plain".into(),
                original: text.as_bytes().to_vec(),
                text: text.into(),
                ..NewSource::default()
            })
            .unwrap();
        let actor = |store: &mut Store, name: &str| {
            store
                .insert_actor(&crate::model::NewActor {
                    name: name.into(),
                    kind: crate::model::ActorKind::Other,
                    description: String::new(),
                    aliases: vec![],
                })
                .unwrap()
        };
        let guard = actor(&mut store, "Iranian Revolutionary Guard Corps");
        let iran = actor(&mut store, "Iran");
        let canel = actor(&mut store, "Miguel Díaz-Canel");
        let first = |store: &Store, query: &str| {
            let hits = store.search(query, None, PageRequest::new(0, 10)).unwrap().items;
            hits.iter().map(|h| (h.kind, h.id)).collect::<Vec<_>>()
        };
        assert_eq!(first(&store, "Iran")[..2], [(SearchKind::Actor, iran), (SearchKind::Actor, guard)]);
        assert_eq!(first(&store, "iran ")[0], (SearchKind::Actor, iran), "a finished word");
        assert_eq!(first(&store, "Canel")[0], (SearchKind::Actor, canel));
        assert_eq!(first(&store, "diaz canel")[0], (SearchKind::Actor, canel), "without accents or a dash");
    }

    #[test]
    fn name_matches_are_exact_prefix_or_within() {
        assert_eq!(NameMatch::of(&["iran"], &["iran"]), NameMatch::Exact);
        assert_eq!(NameMatch::of(&["ira"], &["iran"]), NameMatch::Prefix);
        assert_eq!(NameMatch::of(&["iran"], &["iranian", "guard"]), NameMatch::Prefix);
        assert_eq!(NameMatch::of(&["diaz", "can"], &["diaz", "canel"]), NameMatch::Prefix);
        assert_eq!(NameMatch::of(&["canel"], &["miguel", "diaz", "canel"]), NameMatch::Within);
        assert_eq!(NameMatch::of(&[], &["iran"]), NameMatch::Within);
    }

    fn store_with_dispatches(count: usize) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let sources: Vec<NewSource> = (0..count)
            .map(|i| {
                // Every dispatch names the tanker; every third one twice (more relevant),
                // and every fifth one Bogotá, which the index folds to "bogota".
                let twice = if i % 3 == 0 { " The tanker sailed on." } else { "" };
                let city = if i % 5 == 0 { " It left Bogotá first." } else { "" };
                let text = format!("Dispatch {i}: a tanker reached the port of La Guaira.{twice}{city}");
                NewSource {
                    title: format!("Dispatch {i}"),
                    media_type: "text/plain".into(),
                    original: text.clone().into_bytes(),
                    text,
                    ..NewSource::default()
                }
            })
            .collect();
        store.insert_sources(&sources).unwrap();
        store
    }

    #[test]
    fn past_the_window_only_the_newest_matches_are_ranked_and_the_page_says_so() {
        let store = store_with_dispatches(30);
        let page = store.search_within("tanker ", Some(SearchKind::Source), PageRequest::new(0, 50), 10).unwrap();
        assert!(page.capped);
        assert_eq!((page.total, page.window, page.items.len()), (10, 10, 10));
        let mut ids: Vec<i32> = page.items.iter().map(|h| h.id).collect();
        // The best first: the three newest dispatches naming the tanker twice (i = 21, 24, 27).
        let best: std::collections::BTreeSet<i32> = ids[..3].iter().copied().collect();
        assert_eq!(best, [22, 25, 28].into(), "{ids:?}");
        ids.sort();
        assert_eq!(ids, (21..=30).collect::<Vec<_>>());

        let all = store.search_within("tanker ", Some(SearchKind::Source), PageRequest::new(0, 50), 30).unwrap();
        assert!(!all.capped);
        assert_eq!((all.total, all.items.len()), (30, 30));
        let rare = store.search_within("Bogota", Some(SearchKind::Source), PageRequest::new(0, 50), 10).unwrap();
        assert!(!rare.capped, "6 matches fit a window of 10");
        assert_eq!(rare.total, 6);
    }

    #[test]
    fn snippets_mark_prefixes_and_folded_diacritics_as_the_index_matches_them() {
        let store = store_with_dispatches(10);
        let page = store.search("bogo", Some(SearchKind::Source), PageRequest::new(0, 50)).unwrap();
        assert_eq!(page.total, 2);
        for hit in &page.items {
            let marked: Vec<&str> = hit.snippet.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect();
            assert_eq!(marked, ["Bogotá"], "{:?}", hit.snippet);
        }
        let phrase =
            store.search("\"port of la guaira\" tank", Some(SearchKind::Source), PageRequest::new(0, 3)).unwrap();
        assert_eq!((phrase.total, phrase.items.len()), (10, 3));
        let marked: Vec<&str> = phrase.items[0].snippet.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect();
        assert!(marked.contains(&"port of La Guaira") && marked.contains(&"tanker"), "{marked:?}");
    }

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
