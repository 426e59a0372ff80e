//! Keeping the full-text indexes compact. Every write to an FTS5 table adds a small
//! segment to its index, and FTS5's automatic merging keeps their number bounded but not
//! minimal: a library filled by many small imports is searched through several segments
//! per term. Tidying merges each index down to one segment (what FTS5's `optimize` does)
//! in small steps, each its own short transaction followed by a checkpoint, so the WAL
//! stays small and a person's writes wait at most one step. The app tidies when it is
//! idle; `dossier tidy` does it on demand.

use super::Store;
use crate::Result;

/// Every full-text index in the store.
pub const FTS_TABLES: [&str; 5] = ["sources_fts", "claims_fts", "actors_fts", "notes_fts", "quotations_fts"];

/// One step's work: FTS5 merges until about this many leaf pages (4 kB each) are
/// written, so a step writes a few MB to the WAL at most.
pub const TIDY_STEP_PAGES: i64 = 256;

impl Store {
    /// How many segments each full-text index is spread over, by table.
    pub fn search_index_segments(&self) -> Result<Vec<(&'static str, i64)>> {
        FTS_TABLES
            .iter()
            .map(|table| {
                // FTS5's file format numbers each page of a segment's b-tree with the
                // segment's id in the bits above 37 (rowids below that are the index's
                // own records).
                let segments: i64 = self.conn.query_row(
                    &format!("SELECT count(DISTINCT rowid >> 37) FROM {table}_data WHERE rowid >> 37 > 0"),
                    [],
                    |row| row.get(0),
                )?;
                Ok((*table, segments))
            })
            .collect()
    }

    /// Does one bounded step of merging on the first index that has work left; returns
    /// `false` when every index is down to one segment (nothing was written).
    pub fn tidy_search_index_step(&self) -> Result<bool> {
        for table in FTS_TABLES {
            let before = self.conn.total_changes();
            // A negative page count treats all the index's segments as one level, so
            // repeated steps end in a single segment, as `optimize` would, but a few
            // hundred pages at a time.
            self.conn
                .execute(&format!("INSERT INTO {table} ({table}, rank) VALUES ('merge', ?1)"), [-TIDY_STEP_PAGES])?;
            // FTS5's documented signal: fewer than two changes means there was no work.
            if self.conn.total_changes() - before >= 2 {
                // Let the next step reuse the WAL instead of growing it.
                self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Tidies every full-text index to the end; returns the number of steps taken.
    pub fn tidy_search_index(&self) -> Result<u32> {
        let mut steps = 0;
        while self.tidy_search_index_step()? {
            steps += 1;
        }
        Ok(steps)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::NewSource;
    use crate::store::Store;

    fn source(n: usize) -> NewSource {
        let text = format!(
            "Report {n}. Officials said the shipments of drones continued through the port of Bandar Abbas in {}.",
            1990 + n % 30
        );
        NewSource {
            title: format!("Report {n} on the shipments"),
            byline: None,
            publisher: None,
            published: None,
            url: None,
            language: None,
            media_type: "text/plain".into(),
            original_name: None,
            original: text.clone().into_bytes(),
            status: None,
            text,
            html: None,
            ocr: None,
            capture: None,
        }
    }

    #[test]
    fn tidying_leaves_one_segment_per_index_and_the_same_matches() {
        let mut store = Store::open_in_memory().unwrap();
        // One transaction per source: the way a library grows from many small imports.
        for n in 0..300 {
            store.insert_source(&source(n)).unwrap();
        }
        let segments = |store: &Store| {
            store.search_index_segments().unwrap().into_iter().find(|(t, _)| *t == "sources_fts").unwrap().1
        };
        let before = segments(&store);
        assert!(before > 1, "many small writes leave several segments ({before})");
        let matches = |store: &Store| -> Vec<i64> {
            let mut statement = store
                .conn
                .prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'drones AND 199*' ORDER BY rowid")
                .unwrap();
            statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
        };
        let found = matches(&store);
        assert!(found.len() >= 100, "a third of the reports are from the 1990s");

        let steps = store.tidy_search_index().unwrap();
        assert!(steps >= 1);
        assert_eq!(segments(&store), 1);
        assert_eq!(matches(&store), found);
        store.conn.execute("INSERT INTO sources_fts (sources_fts) VALUES ('integrity-check')", []).unwrap();
        assert!(!store.tidy_search_index_step().unwrap(), "a tidy index has nothing left to merge");
    }
}
