//! Grades (migration 11): a source's reliability A–F, its own or its site's default, and
//! a claim's credibility 1–6, set by a person or suggested from the claim. The SQL that
//! reads a claim's grade lives here, for the lists and filters that need it.

use super::{found, now, Store};
use crate::model::{Certainty, GradeFilter, Reliability, SiteGrade, SourceGrade};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};

/// The suggested credibility as SQL, over `certainty`, `attributed_to_id`, `cited`
/// (citations) and `independent` (independent sources among them); see
/// [`suggest_credibility`], which it must equal.
macro_rules! credibility_case {
    () => {
        "CASE WHEN cited = 0 THEN 6
              WHEN certainty IN ('asserted', 'reported') AND independent >= 2 THEN 1
              WHEN certainty = 'asserted' AND attributed_to_id IS NULL THEN 2
              WHEN certainty IN ('asserted', 'reported', 'believed') THEN 3
              WHEN certainty = 'alleged' THEN 4
              WHEN certainty = 'denied' THEN 5
              ELSE 6 END"
    };
}

/// The suggested credibility of claim `c`.
macro_rules! suggested_credibility {
    () => {
        concat!(
            "(SELECT ",
            $crate::store::grades::credibility_case!(),
            " FROM (SELECT c.certainty AS certainty, c.attributed_to_id AS attributed_to_id, count(*) AS cited,
                           count(DISTINCT coalesce(cg.group_id, cx.source_id)) AS independent
                      FROM citations cx LEFT JOIN copy_groups cg ON cg.source_id = cx.source_id
                     WHERE cx.claim_id = c.id))"
        )
    };
}

/// Claim `c`'s best source reliability, credibility set by a person, and suggested
/// credibility: three columns.
macro_rules! claim_grade_columns {
    () => {
        concat!(
            "(SELECT min(r.reliability) FROM citations rx JOIN source_reliability r ON r.source_id = rx.source_id
               WHERE rx.claim_id = c.id),
             (SELECT credibility FROM claim_grades WHERE claim_id = c.id), ",
            $crate::store::grades::suggested_credibility!()
        )
    };
}
pub(crate) use {claim_grade_columns, credibility_case, suggested_credibility};

/// Whether claim `c` passes a grade filter given as `?R` (a letter, NULL for no filter)
/// and `?C` (the credibility): its best source at least that reliable (not graded
/// reads F) and its credibility (the person's, else the suggestion) at least that good.
pub(super) fn passes_sql(reliability: usize, credibility: usize) -> String {
    format!(
        "(?{reliability} IS NULL OR (
             coalesce((SELECT min(r.reliability) FROM citations rx JOIN source_reliability r ON r.source_id = rx.source_id
                        WHERE rx.claim_id = c.id), 'F') <= ?{reliability}
             AND coalesce((SELECT credibility FROM claim_grades WHERE claim_id = c.id), {}) <= ?{credibility}))",
        suggested_credibility!()
    )
}

/// A grade filter as the two parameters of [`passes_sql`].
pub(super) fn filter_values(filter: Option<GradeFilter>) -> (Option<Reliability>, Option<i32>) {
    (filter.map(|f| f.reliability), filter.map(|f| f.credibility))
}

/// The credibility Dossier suggests for a claim, and why: confirmed (1) when two or more
/// independent sources state it (asserted or reported); probably true (2) when a source
/// asserts it in its own voice; possibly true (3) when it is reported, believed or
/// asserted by someone the source quotes; doubtful (4) when alleged; improbable (5) when
/// denied; cannot be judged (6) with no citation.
pub fn suggest_credibility(
    certainty: Certainty,
    attributed: bool,
    cited: i32,
    independent: i32,
) -> (i32, &'static str) {
    use Certainty::*;
    match certainty {
        _ if cited == 0 => (6, "no passage cites it"),
        Asserted | Reported if independent >= 2 => (1, "independent sources state it"),
        Asserted if !attributed => (2, "the source asserts it in its own voice"),
        Asserted => (3, "asserted by someone the source quotes"),
        Reported => (3, "the source reports it"),
        Believed => (3, "the source gives it as a belief"),
        Alleged => (4, "an allegation"),
        Denied => (5, "denied"),
    }
}

fn check_credibility(credibility: i32) -> Result<()> {
    match crate::model::credibility_words(credibility) {
        Some(_) => Ok(()),
        None => Err(Error::Invalid(format!("a credibility grade is 1 to 6, not {credibility}"))),
    }
}

/// A site as grades are kept under it, by the rules of migration 13's `source_sites`: an
/// address with a scheme gives its host (without login, port or a trailing dot; an IPv6
/// host in its brackets), anything else is a publisher's name trimmed of spaces; ASCII
/// letters in lower case, "www." and a trailing dot dropped.
pub fn site_key(site: &str) -> Option<String> {
    let host = address_host(site).filter(|h| !h.is_empty());
    let named = host.unwrap_or_else(|| site.trim_matches(' ')).to_ascii_lowercase();
    let named = named.strip_prefix("www.").unwrap_or(&named).trim_end_matches('.').to_string();
    (!named.is_empty()).then_some(named)
}

/// The host of a web address with a scheme, as `source_sites` reads it.
fn address_host(url: &str) -> Option<&str> {
    let at = url.find("://").filter(|&at| at > 0)?;
    let scheme = &url[..at];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    if !valid {
        return None;
    }
    let after = &url[at + 3..];
    let rest = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
    let authority = rest.find('@').map_or(rest, |i| &rest[i + 1..]);
    Some(match (authority.starts_with('['), authority.find(']')) {
        (true, Some(end)) => &authority[..=end],
        _ => &authority[..authority.find(':').unwrap_or(authority.len())],
    })
}

/// Sets one grade (a row of `table` under `key`, its value in `column`; names of ours,
/// never input), or takes it away with none; returns the grade before. A grade set to
/// what it was writes nothing.
fn set_grade<T>(
    tx: &rusqlite::Connection,
    table: &str,
    key_column: &str,
    key: &dyn rusqlite::ToSql,
    column: &str,
    value: Option<T>,
) -> Result<Option<T>>
where
    T: rusqlite::ToSql + rusqlite::types::FromSql,
{
    let before: Option<T> = tx
        .query_row(&format!("SELECT {column} FROM {table} WHERE {key_column} = ?1"), [key], |r| r.get(0))
        .optional()?;
    match value {
        None => {
            tx.execute(&format!("DELETE FROM {table} WHERE {key_column} = ?1"), [key])?;
        }
        Some(value) if before.is_some() => {
            tx.execute(
                &format!("UPDATE {table} SET {column} = ?2, graded_at = ?3 WHERE {key_column} = ?1 AND {column} <> ?2"),
                params![key, value, now()],
            )?;
        }
        Some(value) => {
            tx.execute(
                &format!("INSERT INTO {table} (gid, {key_column}, {column}, graded_at) VALUES (?1, ?2, ?3, ?4)"),
                params![super::new_gid(), key, value, now()],
            )?;
        }
    }
    Ok(before)
}

impl Store {
    /// A source's reliability and where it comes from.
    pub fn source_grade(&self, source_id: i32) -> Result<SourceGrade> {
        found(
            self.conn.query_row(
                "SELECT source_id, site, own, site_default, reliability FROM source_reliability WHERE source_id = ?1",
                [source_id],
                |r| {
                    Ok(SourceGrade {
                        source_id: r.get(0)?,
                        site: r.get(1)?,
                        own: r.get(2)?,
                        site_default: r.get(3)?,
                        reliability: r.get(4)?,
                    })
                },
            ),
            "source",
            source_id,
        )
    }

    /// Grades a source itself (or takes its own grade away, leaving its site's); returns
    /// its own grade before.
    pub(crate) fn set_source_reliability(
        &mut self,
        source_id: i32,
        reliability: Option<Reliability>,
    ) -> Result<Option<Reliability>> {
        self.write(|tx| {
            found(tx.query_row("SELECT 1 FROM sources WHERE id = ?1", [source_id], |_| Ok(())), "source", source_id)?;
            set_grade(tx, "source_grades", "source_id", &source_id, "reliability", reliability)
        })
    }

    /// Sets the default reliability of a site (or takes it away); every source from it
    /// without a grade of its own takes it. Returns the default before.
    pub(crate) fn set_site_reliability(
        &mut self,
        site: &str,
        reliability: Option<Reliability>,
    ) -> Result<Option<Reliability>> {
        let site = site_key(site).ok_or_else(|| Error::Invalid("a site default needs the site's name".into()))?;
        self.write(|tx| set_grade(tx, "site_grades", "site", &site, "reliability", reliability))
    }

    /// Every site: those with sources (most first) and those graded without any, with
    /// their defaults and how many sources take them.
    pub fn site_grades(&self) -> Result<Vec<SiteGrade>> {
        let mut statement = self.conn.prepare(
            "SELECT site, (SELECT reliability FROM site_grades d WHERE d.site = all_sites.site),
                    sum(source), sum(source AND own IS NULL)
               FROM (SELECT site, 1 AS source, own FROM source_reliability WHERE site IS NOT NULL
                     UNION ALL SELECT site, 0, NULL FROM site_grades) all_sites
              GROUP BY site ORDER BY sum(source) DESC, site",
        )?;
        let sites = statement
            .query_map([], |r| {
                Ok(SiteGrade { site: r.get(0)?, reliability: r.get(1)?, sources: r.get(2)?, inheriting: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(sites)
    }

    /// Grades a claim's credibility (or takes the grade away, leaving the suggestion);
    /// returns the grade before.
    pub(crate) fn set_claim_credibility(&mut self, claim_id: i32, credibility: Option<i32>) -> Result<Option<i32>> {
        if let Some(credibility) = credibility {
            check_credibility(credibility)?;
        }
        self.write(|tx| {
            found(tx.query_row("SELECT 1 FROM claims WHERE id = ?1", [claim_id], |_| Ok(())), "claim", claim_id)?;
            set_grade(tx, "claim_grades", "claim_id", &claim_id, "credibility", credibility)
        })
    }

    /// The credibility Dossier suggests for a claim, and why.
    pub fn credibility_reason(&self, claim_id: i32) -> Result<(i32, &'static str)> {
        let (certainty, attributed, cited, independent): (Certainty, bool, i32, i32) = found(
            self.conn.query_row(
                "SELECT c.certainty, c.attributed_to_id IS NOT NULL,
                        (SELECT count(*) FROM citations x WHERE x.claim_id = c.id),
                        (SELECT count(DISTINCT coalesce(g.group_id, x.source_id))
                           FROM citations x LEFT JOIN copy_groups g ON g.source_id = x.source_id
                          WHERE x.claim_id = c.id)
                   FROM claims c WHERE c.id = ?1",
                [claim_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            ),
            "claim",
            claim_id,
        )?;
        Ok(suggest_credibility(certainty, attributed, cited, independent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggestion_in_sql_is_the_suggestion_in_rust() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let sql = concat!(
            "SELECT ",
            credibility_case!(),
            " FROM (SELECT ?1 AS certainty, ?2 AS attributed_to_id, ?3 AS cited, ?4 AS independent)"
        );
        let mut seen = std::collections::BTreeSet::new();
        for &certainty in Certainty::ALL {
            for attributed in [false, true] {
                for (cited, independent) in [(0, 0), (1, 1), (2, 1), (2, 2), (5, 3)] {
                    let by_rust = suggest_credibility(certainty, attributed, cited, independent).0;
                    let by_sql: i32 = conn
                        .query_row(sql, params![certainty, attributed.then_some(7), cited, independent], |r| r.get(0))
                        .unwrap();
                    assert_eq!(by_sql, by_rust, "{certainty} attributed={attributed} {cited}/{independent}");
                    seen.insert(by_rust);
                }
            }
        }
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn sites_are_kept_in_lower_case_without_www() {
        assert_eq!(site_key(" WWW.Reuters.com ").as_deref(), Some("reuters.com"));
        assert_eq!(site_key("  "), None);
    }

    #[test]
    fn a_grade_filter_reads_letter_and_number() {
        let f = GradeFilter::parse("b2").unwrap();
        assert_eq!((f.reliability, f.credibility), (Reliability::B, 2));
        assert!(GradeFilter::parse("B7").is_none());
        assert!(GradeFilter::parse("G1").is_none());
        assert!(GradeFilter::parse("").is_none());
    }
}
