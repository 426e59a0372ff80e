//! The relevance search orders by: `dossier_rank()`, an FTS5 auxiliary function
//! registered on every connection the store opens.
//!
//! It is BM25 exactly as FTS5's own `bm25()` computes it (k1 = 1.2, b = 0.75, every
//! column weighted 1, lower is better), except where each phrase's document frequency
//! comes from. `bm25()` counts the rows holding each phrase by reading the phrase's whole
//! index on every query: 30–50 ms for a common phrase in 100,000 sources, before any row
//! is ranked. `dossier_rank()` is told instead how many rows of a sample hold each phrase
//! (search counts them in the newest rows) and scales that to the table.
//!
//! `dossier_rank(table, sampled, hits_0, hits_1, …)`: `sampled` rows were looked at
//! (0: the whole table), `hits_i` of them hold phrase *i*. With no counts every phrase
//! weighs the same, which orders a one-phrase query exactly as `bm25()` would.

use crate::{Error, Result};
use rusqlite::{ffi, Connection};
use std::ffi::{c_int, c_void, CStr};
use std::ptr;

pub const FUNCTION: &str = "dossier_rank";
const NAME: &CStr = c"dossier_rank";
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Registers `dossier_rank()` with the FTS5 module of `conn`.
pub fn register(conn: &Connection) -> Result<()> {
    let failed = |what: &str| Error::Invalid(format!("cannot register the search ranking: {what}"));
    // SAFETY: the statement is prepared, bound, stepped and finalized on this connection's
    // own handle while `conn` is borrowed; FTS5 writes the API pointer into `api`, which
    // outlives the statement. This is the documented way to reach fts5_api.
    let api = unsafe {
        let db = conn.handle();
        let mut statement: *mut ffi::sqlite3_stmt = ptr::null_mut();
        if ffi::sqlite3_prepare_v2(db, c"SELECT fts5(?1)".as_ptr(), -1, &mut statement, ptr::null_mut())
            != ffi::SQLITE_OK
        {
            return Err(failed("this SQLite has no FTS5"));
        }
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        ffi::sqlite3_bind_pointer(statement, 1, (&raw mut api).cast::<c_void>(), c"fts5_api_ptr".as_ptr(), None);
        ffi::sqlite3_step(statement);
        ffi::sqlite3_finalize(statement);
        api
    };
    if api.is_null() {
        return Err(failed("FTS5 gave no API"));
    }
    // SAFETY: `api` points to the connection's FTS5 module, which lives as long as the
    // connection; the function keeps no user data.
    let status = unsafe {
        let Some(create) = (*api).xCreateFunction else { return Err(failed("FTS5 cannot add functions")) };
        create(api, NAME.as_ptr(), ptr::null_mut(), Some(rank), None)
    };
    if status != ffi::SQLITE_OK {
        return Err(failed(&format!("SQLite status {status}")));
    }
    Ok(())
}

/// The inverse document frequency of a phrase held by `rows_with` of `rows` rows, as FTS5
/// computes it (never below a millionth, so a phrase in every row still counts a little).
fn idf(rows: f64, rows_with: f64) -> f64 {
    ((rows - rows_with + 0.5) / (rows_with + 0.5)).ln().max(1e-6)
}

/// One phrase's share of the score: `hits` occurrences in a row of `length` tokens.
fn term_score(idf: f64, hits: f64, length: f64, average_length: f64) -> f64 {
    idf * hits * (K1 + 1.0) / (hits + K1 * (1.0 - B + B * length / average_length))
}

/// The auxiliary function itself. It never unwinds: every missing API entry or failed
/// call ends in an SQL error for the query.
unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    context: *mut ffi::sqlite3_context,
    argument_count: c_int,
    arguments: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 calls this with a valid API table, context and `argument_count`
    // arguments, for the row being ranked.
    unsafe {
        match score(&*api, fts, argument_count, arguments) {
            Some(value) => ffi::sqlite3_result_double(context, value),
            None => ffi::sqlite3_result_error(context, c"dossier_rank failed".as_ptr(), -1),
        }
    }
}

unsafe fn score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    argument_count: c_int,
    arguments: *mut *mut ffi::sqlite3_value,
) -> Option<f64> {
    // SAFETY: as for `rank`: every pointer handed over is FTS5's own for this row, and
    // `arguments` holds `argument_count` values.
    unsafe {
        let argument = |i: c_int| -> Option<f64> {
            (i < argument_count).then(|| ffi::sqlite3_value_double(*arguments.offset(i as isize)))
        };
        let mut rows: i64 = 0;
        ok((api.xRowCount?)(fts, &mut rows))?;
        let mut tokens: i64 = 0;
        ok((api.xColumnTotalSize?)(fts, -1, &mut tokens))?;
        let mut length: c_int = 0;
        ok((api.xColumnSize?)(fts, -1, &mut length))?;
        let average_length = match tokens as f64 / rows.max(1) as f64 {
            average if average > 0.0 => average,
            _ => 1.0,
        };
        let rows = rows as f64;
        let sampled = argument(0).filter(|n| *n > 0.0).unwrap_or(rows).min(rows);

        let phrase_first = api.xPhraseFirst?;
        let phrase_next = api.xPhraseNext?;
        let mut total = 0.0;
        for phrase in 0..(api.xPhraseCount?)(fts) {
            let weight = match argument(1 + phrase) {
                Some(hits) if sampled > 0.0 => idf(rows, hits * rows / sampled),
                _ => 1.0,
            };
            let mut iterator = ffi::Fts5PhraseIter { a: ptr::null(), b: ptr::null() };
            let (mut column, mut offset) = (0, 0);
            ok(phrase_first(fts, phrase, &mut iterator, &mut column, &mut offset))?;
            let mut hits = 0.0;
            while column >= 0 {
                hits += 1.0;
                phrase_next(fts, &mut iterator, &mut column, &mut offset);
            }
            total += term_score(weight, hits, f64::from(length), average_length);
        }
        Some(-total)
    }
}

fn ok(status: c_int) -> Option<()> {
    (status == ffi::SQLITE_OK).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(title, text);
             INSERT INTO t VALUES ('Iran and Hezbollah', 'Iran funds Hezbollah, officials said. Iran denies it.');
             INSERT INTO t VALUES ('Cuba', 'A trade agreement between Cuba and Venezuela was signed in Caracas.');
             INSERT INTO t VALUES ('Caracas visit', 'The minister visited Caracas; Hezbollah was not mentioned at all.');
             INSERT INTO t VALUES ('Long report', 'Hezbollah Hezbollah and Iran, according to officials, and a great many other words to make this row the longest of them all by far.');
             INSERT INTO t VALUES ('Agreement', 'According to officials the agreement with Iran covers oil.');",
        )
        .unwrap();
        conn
    }

    fn ranked(conn: &Connection, query: &str, function: &str) -> Vec<(i64, f64)> {
        conn.prepare(&format!("SELECT rowid, {function} AS score FROM t WHERE t MATCH ?1 ORDER BY score, rowid"))
            .unwrap()
            .query_map([query], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn rows_with(conn: &Connection, phrase: &str) -> i64 {
        conn.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [phrase], |row| row.get(0)).unwrap()
    }

    #[test]
    fn with_exact_counts_it_scores_as_fts5_bm25_does() {
        let conn = library();
        for phrases in [
            vec!["\"iran\""],
            vec!["\"iran\"", "\"hezbollah\""],
            vec!["\"according to officials\"", "\"iran\""],
            vec!["\"caracas\"", "\"hez\"*"],
        ] {
            let query = phrases.join(" ");
            let counts: Vec<String> = phrases.iter().map(|p| rows_with(&conn, p).to_string()).collect();
            let ours = ranked(&conn, &query, &format!("dossier_rank(t, 0, {})", counts.join(", ")));
            let theirs = ranked(&conn, &query, "bm25(t)");
            assert!(!theirs.is_empty(), "{query} matches something");
            assert_eq!(ours.len(), theirs.len(), "{query}");
            for ((our_row, our_score), (their_row, their_score)) in ours.iter().zip(&theirs) {
                assert_eq!(our_row, their_row, "{query}");
                assert!((our_score - their_score).abs() < 1e-9, "{query}: {our_score} vs {their_score}");
            }
        }
    }

    #[test]
    fn a_sample_scales_to_the_table_and_weighs_rare_phrases_more() {
        let conn = library();
        // Five rows; of a sample of 2, "iran" is in 2 (so about 5 of 5) and "caracas" in 0.
        let score = |hits_iran: i32, hits_caracas: i32| -> f64 {
            conn.query_row(
                "SELECT dossier_rank(t, 2, ?1, ?2) FROM t WHERE t MATCH 'iran OR caracas' AND rowid = 1",
                [hits_iran, hits_caracas],
                |row| row.get(0),
            )
            .unwrap()
        };
        // Row 1 holds "iran" only: rarer "iran" scores it higher (more negative).
        assert!(score(0, 2) < score(2, 0), "{} vs {}", score(0, 2), score(2, 0));
    }

    #[test]
    fn one_phrase_without_counts_orders_as_bm25() {
        let conn = library();
        let ours: Vec<i64> = ranked(&conn, "\"hezbollah\"", "dossier_rank(t)").into_iter().map(|(id, _)| id).collect();
        let theirs: Vec<i64> = ranked(&conn, "\"hezbollah\"", "bm25(t)").into_iter().map(|(id, _)| id).collect();
        assert_eq!(ours, theirs);
    }
}
