//! The `sources`, `source_originals`, `source_ocr` and `source_capture` tables: imported articles, their
//! metadata, their stored text, their original bytes, and what OCR said of the text.

use super::{found, last_id, now, Store};
use crate::model::{
    CaptureHeader, CaptureKind, CaptureRedirect, Facet, NewSource, Page, PageRequest, Source, SourceCapture,
    SourceDetails, SourceFacets, SourceFilter, SourceOcr, SourceSort, SourceStatus, SourceSummary, TextSpan,
};
use crate::{edtf, text, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

/// What inserting a source did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New(i32),
    /// A source with the same SHA-256 was already in the store; nothing was written.
    Duplicate(i32),
}

impl Inserted {
    pub fn id(self) -> i32 {
        match self {
            Inserted::New(id) | Inserted::Duplicate(id) => id,
        }
    }
}

pub(super) const SUMMARY_COLUMNS: &str = "s.id, s.title, s.byline, s.publisher, s.published, s.url, s.language,
     s.media_type, s.status, s.imported_at,
     (SELECT count(DISTINCT m.actor_id) FROM mentions m WHERE m.source_id = s.id AND m.actor_id IS NOT NULL),
     (SELECT count(DISTINCT c.claim_id) FROM citations c WHERE c.source_id = s.id AND c.claim_id IS NOT NULL),
     (SELECT max(count(*) - 1, 0) FROM copy_groups g
       WHERE g.group_id = (SELECT group_id FROM copy_groups WHERE source_id = s.id)),
     (SELECT reliability FROM source_reliability WHERE source_id = s.id),
     (SELECT o.confidence FROM source_ocr o WHERE o.source_id = s.id AND o.text_length = length(s.text))";

/// How many columns [`SUMMARY_COLUMNS`] are: a query's own columns follow them.
pub(super) const SUMMARY_WIDTH: usize = 15;

pub(super) fn summary(row: &Row<'_>) -> rusqlite::Result<SourceSummary> {
    Ok(SourceSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        byline: row.get(2)?,
        publisher: row.get(3)?,
        published: row.get(4)?,
        url: row.get(5)?,
        language: row.get(6)?,
        media_type: row.get(7)?,
        status: row.get(8)?,
        imported_at: row.get(9)?,
        actor_count: row.get(10)?,
        claim_count: row.get(11)?,
        story_copies: row.get(12)?,
        reliability: row.get(13)?,
        ocr_confidence: row.get(14)?,
    })
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn find_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<i32>> {
    Ok(conn.query_row("SELECT id FROM sources WHERE sha256 = ?1", [sha256], |row| row.get(0)).optional()?)
}

pub(crate) fn insert(conn: &Connection, new: &NewSource) -> Result<Inserted> {
    let sha256 = sha256_hex(&new.original);
    if let Some(id) = find_by_sha256(conn, &sha256)? {
        return Ok(Inserted::Duplicate(id));
    }
    let title = new.title.trim();
    if title.is_empty() {
        return Err(Error::Invalid("a source needs a title".into()));
    }
    let bounds = new.published.as_deref().map(edtf::bounds).transpose()?;
    let stored_text = text::to_stored_form(&new.text);
    let status =
        new.status.unwrap_or(if stored_text.trim().is_empty() { SourceStatus::NoText } else { SourceStatus::Ok });
    conn.execute(
        "INSERT INTO sources (title, byline, publisher, published, published_lower, published_upper, url,
                              language, media_type, original_name, sha256, byte_size, status, imported_at, text, html, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            text::to_stored_form(title),
            new.byline,
            new.publisher,
            new.published,
            bounds.as_ref().and_then(|b| b.lower.clone()),
            bounds.as_ref().and_then(|b| b.upper.clone()),
            new.url,
            new.language,
            new.media_type,
            new.original_name,
            sha256,
            new.original.len() as i32,
            status,
            now(),
            stored_text,
            new.html,
            super::new_gid(),
        ],
    )?;
    let id = last_id(conn)?;
    conn.execute("INSERT INTO source_originals (source_id, bytes) VALUES (?1, ?2)", params![id, new.original])?;
    if let Some(ocr) = &new.ocr {
        let doubtful: Vec<[i32; 2]> = ocr.doubtful.iter().map(|span| [span.start, span.end]).collect();
        conn.execute(
            "INSERT INTO source_ocr (gid, source_id, engine, languages, pages, words, confidence, doubtful,
                                     text_length, text_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                super::new_gid(),
                id,
                ocr.engine,
                ocr.languages,
                ocr.pages,
                ocr.words,
                ocr.confidence.clamp(0, 100),
                serde_json::to_string(&doubtful).unwrap_or_else(|_| "[]".into()),
                stored_text.chars().count() as i64,
                sha256_hex(stored_text.as_bytes()),
            ],
        )?;
    }
    if let Some(capture) = &new.capture {
        let redirects: Vec<serde_json::Value> =
            capture.redirects.iter().map(|r| serde_json::json!({ "address": r.address, "status": r.status })).collect();
        let headers: Vec<serde_json::Value> =
            capture.headers.iter().map(|h| serde_json::json!({ "name": h.name, "value": h.value })).collect();
        conn.execute(
            "INSERT INTO source_capture (gid, source_id, kind, address, final_address, status, redirects, headers,
                                         captured_at, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                super::new_gid(),
                id,
                capture.kind.as_str(),
                capture.address,
                capture.final_address,
                capture.status,
                serde_json::Value::Array(redirects).to_string(),
                serde_json::Value::Array(headers).to_string(),
                capture.captured_at,
                capture.sha256,
            ],
        )?;
    }
    Ok(Inserted::New(id))
}

/// A source's chain of custody on the web (the `source_capture` table), if it has one.
fn capture_of(conn: &Connection, source_id: i32) -> Result<Option<SourceCapture>> {
    type Row = (String, Option<String>, Option<String>, Option<i32>, String, String, String, String);
    let row: Option<Row> = conn
        .query_row(
            "SELECT kind, address, final_address, status, redirects, headers, captured_at, sha256
               FROM source_capture WHERE source_id = ?1",
            params![source_id],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(|(kind, address, final_address, status, redirects, headers, captured_at, sha256)| {
        // Written by us; a row from elsewhere that says otherwise lists nothing.
        let list = |json: &str, fields: [&str; 2]| -> Vec<(String, serde_json::Value)> {
            let items: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(json).unwrap_or_default();
            items
                .into_iter()
                .filter_map(|mut item| {
                    let first = item.remove(fields[0])?.as_str()?.to_string();
                    Some((first, item.remove(fields[1])?))
                })
                .collect()
        };
        let redirects = list(&redirects, ["address", "status"])
            .into_iter()
            .filter_map(|(address, status)| Some(CaptureRedirect { address, status: status.as_i64()? as i32 }))
            .collect();
        let headers = list(&headers, ["name", "value"])
            .into_iter()
            .filter_map(|(name, value)| Some(CaptureHeader { name, value: value.as_str()?.to_string() }))
            .collect();
        let kind = if kind == "clipping" { CaptureKind::Clipping } else { CaptureKind::Fetched };
        SourceCapture { kind, address, final_address, status, redirects, headers, captured_at, sha256 }
    }))
}

/// What OCR said of a source's text (the `source_ocr` table), if it read this very text
/// (a teammate's copy of the same file, imported without OCR, may be the text kept).
fn ocr_of(conn: &Connection, source_id: i32, text: &str) -> Result<Option<SourceOcr>> {
    let row = conn
        .query_row(
            "SELECT engine, languages, pages, words, confidence, doubtful FROM source_ocr
              WHERE source_id = ?1 AND text_sha256 = ?2",
            params![source_id, sha256_hex(text.as_bytes())],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i32>(2)?,
                    row.get::<_, i32>(3)?,
                    row.get::<_, i32>(4)?,
                    row.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(|(engine, languages, pages, words, confidence, doubtful)| {
        // Written by us as pairs; a row from elsewhere that says otherwise marks nothing.
        let pairs: Vec<[i32; 2]> = serde_json::from_str(&doubtful).unwrap_or_default();
        let doubtful = pairs
            .into_iter()
            .filter(|[start, end]| 0 <= *start && start < end)
            .map(|[start, end]| TextSpan { start, end })
            .collect();
        SourceOcr { engine, languages, pages, words, confidence, doubtful }
    }))
}

pub(crate) fn text_of(conn: &Connection, id: i32) -> Result<String> {
    found(conn.query_row("SELECT text FROM sources WHERE id = ?1", [id], |row| row.get(0)), "source", id)
}

/// `details` with its text trimmed, empty fields as unknown, and checked: a title, a
/// date EDTF can read, an address on the web.
fn cleaned(details: &SourceDetails) -> Result<SourceDetails> {
    let field = |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let title = details.title.trim().to_string();
    if title.is_empty() {
        return Err(Error::Invalid("a source needs a title".into()));
    }
    let published = field(&details.published);
    if let Some(date) = &published {
        edtf::bounds(date)?;
    }
    let url = match field(&details.url) {
        Some(url) => Some(text::web_address(&url).ok_or_else(|| {
            Error::Invalid(format!("“{url}” is not a web address (one starting with http:// or https://)"))
        })?),
        None => None,
    };
    Ok(SourceDetails { title, byline: field(&details.byline), publisher: field(&details.publisher), published, url })
}

impl Store {
    /// The details of a source a person may correct.
    pub fn source_details(&self, id: i32) -> Result<SourceDetails> {
        found(
            self.conn.query_row(
                "SELECT title, byline, publisher, published, url FROM sources WHERE id = ?1",
                [id],
                |row| {
                    Ok(SourceDetails {
                        title: row.get(0)?,
                        byline: row.get(1)?,
                        publisher: row.get(2)?,
                        published: row.get(3)?,
                        url: row.get(4)?,
                    })
                },
            ),
            "source",
            id,
        )
    }

    /// Replaces a source's details (the published date's bounds with it); returns them
    /// as stored, trimmed and checked.
    pub(crate) fn set_source_details(&mut self, id: i32, details: &SourceDetails) -> Result<SourceDetails> {
        let details = cleaned(details)?;
        let bounds = details.published.as_deref().map(edtf::bounds).transpose()?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE sources SET title = ?2, byline = ?3, publisher = ?4, published = ?5, published_lower = ?6,
                                    published_upper = ?7, url = ?8
                  WHERE id = ?1",
                params![
                    id,
                    text::to_stored_form(&details.title),
                    details.byline,
                    details.publisher,
                    details.published,
                    bounds.as_ref().and_then(|b| b.lower.clone()),
                    bounds.as_ref().and_then(|b| b.upper.clone()),
                    details.url,
                ],
            )?;
            if changed == 0 {
                return Err(Error::NotFound { entity: "source", id });
            }
            Ok(())
        })?;
        self.source_details(id)
    }

    /// Adds a source in one transaction, or reports the existing one with the same bytes.
    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn insert_source(&mut self, new: &NewSource) -> Result<Inserted> {
        self.write(|tx| insert(tx, new))
    }

    /// Adds many sources in one transaction (synthetic libraries; import writes one
    /// source per transaction so that a crash keeps what was finished).
    pub(crate) fn insert_sources(&mut self, new: &[NewSource]) -> Result<Vec<Inserted>> {
        self.write(|tx| new.iter().map(|source| insert(tx, source)).collect())
    }

    /// The SHA-256 of every stored original, with its source: lets a batch skip files
    /// it already holds without reading them.
    pub fn source_hashes(&self) -> Result<std::collections::HashMap<String, i32>> {
        let mut statement = self.conn.prepare("SELECT sha256, id FROM sources")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every source id, oldest first (for library-wide passes such as re-analysis).
    pub fn source_ids(&self) -> Result<Vec<i32>> {
        let mut statement = self.conn.prepare("SELECT id FROM sources ORDER BY id")?;
        let ids = statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(ids)
    }

    /// A source's title and stored text, without the rest of the row.
    pub fn source_title_and_text(&self, id: i32) -> Result<(String, String)> {
        found(
            self.conn.query_row("SELECT title, text FROM sources WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?))),
            "source",
            id,
        )
    }

    pub fn source(&self, id: i32) -> Result<Source> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, s.original_name, s.sha256, s.byte_size, s.text, s.html FROM sources s WHERE s.id = ?1"
        );
        found(
            self.conn.query_row(&sql, [id], |row| {
                Ok(Source {
                    summary: summary(row)?,
                    original_name: row.get(SUMMARY_WIDTH)?,
                    sha256: row.get(SUMMARY_WIDTH + 1)?,
                    byte_size: row.get(SUMMARY_WIDTH + 2)?,
                    text: row.get(SUMMARY_WIDTH + 3)?,
                    html: row.get(SUMMARY_WIDTH + 4)?,
                    ocr: None,
                    capture: None,
                })
            }),
            "source",
            id,
        )
        .and_then(|source| {
            Ok(Source { ocr: ocr_of(&self.conn, id, &source.text)?, capture: capture_of(&self.conn, id)?, ..source })
        })
    }

    /// The original bytes of a source, as imported.
    pub fn source_original(&self, id: i32) -> Result<Vec<u8>> {
        found(
            self.conn.query_row("SELECT bytes FROM source_originals WHERE source_id = ?1", [id], |row| row.get(0)),
            "source",
            id,
        )
    }

    pub fn list_sources(&self, sort: SourceSort, page: PageRequest) -> Result<Page<SourceSummary>> {
        self.filter_sources(sort, &SourceFilter::default(), page)
    }

    /// The Library: sources matching `filter`, sorted, a page at a time.
    pub fn filter_sources(
        &self,
        sort: SourceSort,
        filter: &SourceFilter,
        page: PageRequest,
    ) -> Result<Page<SourceSummary>> {
        let page = page.clamped();
        let order = match sort {
            SourceSort::ImportedDesc => "s.imported_at DESC, s.id DESC",
            SourceSort::PublishedDesc => "s.published_lower IS NULL, s.published_lower DESC, s.id DESC",
            SourceSort::TitleAsc => "s.title COLLATE NOCASE ASC, s.id ASC",
        };
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let query = match text(&filter.query) {
            Some(q) => match super::search::fts_query(&q) {
                Some(fts) => Some(fts),
                // Only punctuation typed: nothing can match.
                None => return Ok(Page { items: Vec::new(), total: 0, offset: page.offset }),
            },
            None => None,
        };
        let day = |v: &Option<String>| -> Result<Option<String>> {
            match text(v) {
                Some(d) if chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").is_ok() => Ok(Some(d)),
                Some(d) => Err(Error::Invalid(format!("'{d}' is not a day (YYYY-MM-DD)"))),
                None => Ok(None),
            }
        };
        let (from, to) = (day(&filter.published_from)?, day(&filter.published_to)?);
        let conditions = "(?1 IS NULL OR s.id IN (SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?1))
             AND (?2 IS NULL OR s.publisher = ?2)
             AND (?3 IS NULL OR s.language = ?3 OR s.language LIKE ?3 || '-%')
             AND (?4 IS NULL OR s.published_upper >= ?4)
             AND (?5 IS NULL OR s.published_lower <= ?5)
             AND (?6 IS NULL OR EXISTS (SELECT 1 FROM source_tags t WHERE t.source_id = s.id AND t.tag = ?6))
             AND (?9 IS NULL OR coalesce((SELECT reliability FROM source_reliability WHERE source_id = s.id), 'F') <= ?9)";
        let tag = text(&filter.tag).map(|t| text::to_stored_form(&t));
        let reliability = filter.reliability;
        let args = params![query, text(&filter.site), text(&filter.language), from, to, tag, 0, 0, reliability];
        let sql =
            format!("SELECT {SUMMARY_COLUMNS} FROM sources s WHERE {conditions} ORDER BY {order} LIMIT ?7 OFFSET ?8");
        let mut statement = self.conn.prepare(&sql)?;
        let items = statement
            .query_map(
                params![
                    query,
                    text(&filter.site),
                    text(&filter.language),
                    from,
                    to,
                    tag,
                    page.limit,
                    page.offset,
                    reliability
                ],
                summary,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total =
            self.conn
                .query_row(&format!("SELECT count(*) FROM sources s WHERE {conditions}"), args, |row| row.get(0))?;
        Ok(Page { items, total, offset: page.offset })
    }

    /// The library's sites and languages, most sources first (at most 100 of each).
    pub fn source_facets(&self) -> Result<SourceFacets> {
        let facet = |column: &str| -> Result<Vec<Facet>> {
            let mut statement = self.conn.prepare(&format!(
                "SELECT {column}, count(*) FROM sources WHERE coalesce({column}, '') <> ''
                  GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT 100"
            ))?;
            let rows = statement
                .query_map([], |r| Ok(Facet { value: r.get(0)?, count: r.get(1)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        let mut statement = self
            .conn
            .prepare("SELECT tag, count(*) FROM source_tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 200")?;
        let tags = statement
            .query_map([], |r| Ok(Facet { value: r.get(0)?, count: r.get(1)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(SourceFacets { sites: facet("publisher")?, languages: facet("language")?, tags })
    }

    /// A source's tags, in name order.
    pub fn source_tags(&self, source_id: i32) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare("SELECT tag FROM source_tags WHERE source_id = ?1 ORDER BY tag")?;
        let tags = statement.query_map([source_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(tags)
    }

    /// Tags a source; a tag it already has is left as it is. Returns whether it was new.
    pub(crate) fn tag_source(&mut self, source_id: i32, tag: &str) -> Result<bool> {
        let tag = text::to_stored_form(tag.trim());
        if tag.is_empty() {
            return Err(Error::Invalid("a tag cannot be empty".into()));
        }
        self.write(|tx| {
            text_of(tx, source_id)?;
            Ok(tx.execute(
                "INSERT OR IGNORE INTO source_tags (source_id, tag, gid) VALUES (?1, ?2, ?3)",
                params![source_id, tag, super::new_gid()],
            )? > 0)
        })
    }

    pub(crate) fn untag_source(&mut self, source_id: i32, tag: &str) -> Result<()> {
        let tag = text::to_stored_form(tag.trim());
        self.write(|tx| {
            match tx.execute("DELETE FROM source_tags WHERE source_id = ?1 AND tag = ?2", params![source_id, tag])? {
                0 => Err(Error::Invalid(format!("source {source_id} has no tag '{tag}'"))),
                _ => Ok(()),
            }
        })
    }

    /// Deletes a source with everything derived from it (mentions, citations). Claims
    /// stay: they may stand on other sources.
    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn delete_source(&mut self, id: i32) -> Result<()> {
        self.write(|tx| match tx.execute("DELETE FROM sources WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound { entity: "source", id }),
            _ => Ok(()),
        })
    }

    /// Changes a source's title (the one metadata field the person edits most).
    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn rename_source(&mut self, id: i32, title: &str) -> Result<()> {
        let title = text::to_stored_form(title.trim());
        if title.is_empty() {
            return Err(Error::Invalid("a source needs a title".into()));
        }
        self.write(|tx| match tx.execute("UPDATE sources SET title = ?2 WHERE id = ?1", params![id, title])? {
            0 => Err(Error::NotFound { entity: "source", id }),
            _ => Ok(()),
        })
    }
}
