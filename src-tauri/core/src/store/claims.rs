//! The `claims` table: who is said to be linked to whom, how, when, by whom, and how
//! firmly.

use super::{actors, found, last_id, now, Store};
use crate::model::{
    ActorRef, CitedClaim, CitedClaimIds, Claim, ClaimGrade, ClaimListing, ClaimSort, NewCitation, NewClaim, Origin,
    Page, PageRequest, Relation, ReviewStatus,
};
use crate::{edtf, Error, Result};
use rusqlite::{params, Connection, Row};

pub(super) const COLUMNS: &str = concat!(
    "c.id, c.subject_id, s.name, c.relation, c.relation_text, c.object_id, o.name, c.object_text,
     c.statement, c.date, c.attributed_to_id, t.name, c.certainty, c.status, c.origin,
     (SELECT count(*) FROM citations x WHERE x.claim_id = c.id), c.created_at, c.updated_at, c.date_checked,
     (SELECT author FROM sync_authors WHERE gid = c.gid AND act = 'made'), ",
    super::grades::claim_grade_columns!(),
    "
     FROM claims c
     JOIN actors s ON s.id = c.subject_id
     LEFT JOIN actors o ON o.id = c.object_id
     LEFT JOIN actors t ON t.id = c.attributed_to_id"
);

fn actor_ref(id: Option<i32>, name: Option<String>) -> Option<ActorRef> {
    Some(ActorRef { id: id?, name: name? })
}

pub(super) fn claim(row: &Row<'_>) -> rusqlite::Result<Claim> {
    Ok(Claim {
        id: row.get(0)?,
        subject: ActorRef { id: row.get(1)?, name: row.get(2)? },
        relation: row.get(3)?,
        relation_text: row.get(4)?,
        object: actor_ref(row.get(5)?, row.get(6)?),
        object_text: row.get(7)?,
        statement: row.get(8)?,
        date: row.get(9)?,
        attributed_to: actor_ref(row.get(10)?, row.get(11)?),
        certainty: row.get(12)?,
        status: row.get(13)?,
        origin: row.get(14)?,
        citation_count: row.get(15)?,
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
        date_checked: row.get(18)?,
        made_by: row.get(19)?,
        grade: {
            let set: Option<i32> = row.get(21)?;
            let suggested: i32 = row.get(22)?;
            ClaimGrade {
                reliability: row.get(20)?,
                credibility: set.unwrap_or(suggested),
                set: set.is_some(),
                suggested,
            }
        },
    })
}

pub(crate) fn insert(conn: &Connection, new: &NewClaim) -> Result<i32> {
    for (role, id) in
        [("subject", Some(new.subject_id)), ("object", new.object_id), ("attributed_to", new.attributed_to_id)]
    {
        if let Some(id) = id {
            if !actors::exists(conn, id)? {
                return Err(Error::Invalid(format!("the claim's {role} is actor {id}, which does not exist")));
            }
        }
    }
    if new.relation == Relation::Other && new.relation_text.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(Error::Invalid("a claim with relation 'other' needs the relation in words".into()));
    }
    let bounds = new.date.as_deref().map(edtf::bounds).transpose()?;
    let stamp = now();
    conn.execute(
        "INSERT INTO claims (subject_id, relation, relation_text, object_id, object_text, statement, date,
                             date_lower, date_upper, attributed_to_id, certainty, status, origin, created_at, updated_at,
                             date_checked, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?13 = 'user', ?15)",
        params![
            new.subject_id,
            new.relation,
            new.relation_text,
            new.object_id,
            new.object_text,
            new.statement,
            new.date,
            bounds.as_ref().and_then(|b| b.lower.clone()),
            bounds.as_ref().and_then(|b| b.upper.clone()),
            new.attributed_to_id,
            new.certainty,
            new.status,
            new.origin,
            stamp,
            super::new_gid(),
        ],
    )?;
    last_id(conn)
}

/// Which claims to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimFilter {
    /// Claims where this actor is the subject or the object.
    pub actor_id: Option<i32>,
    pub status: Option<ReviewStatus>,
}

fn cite(tx: &Connection, cited: &CitedClaim) -> Result<CitedClaimIds> {
    let claim_id = insert(
        tx,
        &NewClaim {
            subject_id: cited.subject_id,
            relation: cited.relation,
            relation_text: cited.relation_text.clone(),
            object_id: cited.object_id,
            object_text: None,
            statement: String::new(),
            date: cited.date.clone().filter(|d| !d.trim().is_empty()),
            attributed_to_id: cited.attributed_to_id,
            certainty: cited.certainty,
            status: ReviewStatus::Accepted,
            origin: Origin::User,
        },
    )?;
    let citation_id = super::citations::insert(
        tx,
        &NewCitation {
            claim_id: Some(claim_id),
            source_id: cited.source_id,
            start: cited.start,
            end: cited.end,
            speaker_id: cited.attributed_to_id,
            note: String::new(),
        },
    )?;
    Ok(CitedClaimIds { claim_id, citation_id })
}

impl Store {
    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn insert_claim(&mut self, new: &NewClaim) -> Result<i32> {
        self.write(|tx| insert(tx, new))
    }

    /// States a claim from a passage the analyst selected: the claim (accepted, theirs)
    /// and its citation, in one transaction.
    pub(crate) fn cite_claim(&mut self, cited: &CitedClaim) -> Result<CitedClaimIds> {
        self.write(|tx| cite(tx, cited))
    }

    /// States many claims with their citations in one transaction (all or none).
    pub(crate) fn cite_claims(&mut self, cited: &[CitedClaim]) -> Result<Vec<CitedClaimIds>> {
        self.write(|tx| cited.iter().map(|c| cite(tx, c)).collect())
    }

    /// Removes a claim stated from a passage together with its citation (undoing
    /// [`Store::cite_claim`]).
    pub(crate) fn remove_cited_claim(&mut self, ids: CitedClaimIds) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM citations WHERE id = ?1 AND claim_id = ?2",
                params![ids.citation_id, ids.claim_id],
            )?;
            super::hypotheses::refuse_if_weighed(tx, ids.claim_id)?;
            match tx.execute("DELETE FROM claims WHERE id = ?1", [ids.claim_id])? {
                0 => Err(Error::NotFound { entity: "claim", id: ids.claim_id }),
                _ => Ok(()),
            }
        })
    }

    pub fn claim(&self, id: i32) -> Result<Claim> {
        found(self.conn.query_row(&format!("SELECT {COLUMNS} WHERE c.id = ?1"), [id], claim), "claim", id)
    }

    pub fn list_claims(&self, filter: ClaimFilter, page: PageRequest) -> Result<Page<Claim>> {
        let listing = ClaimListing { actor_id: filter.actor_id, status: filter.status, ..ClaimListing::default() };
        self.find_claims(&listing, page)
    }

    /// The Claims list: naming an actor, of a status or relation, holding some words
    /// (of the parties, the relation or the statement), in an order.
    pub fn find_claims(&self, listing: &ClaimListing, page: PageRequest) -> Result<Page<Claim>> {
        let page = page.clamped();
        let words = listing.words.as_deref().and_then(super::search::fts_query);
        let condition = format!(
            "(?1 IS NULL OR c.subject_id = ?1 OR c.object_id = ?1) AND (?2 IS NULL OR c.status = ?2)
             AND (?3 IS NULL OR c.relation = ?3)
             AND (?4 IS NULL OR c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?4))
             AND (NOT ?5 OR (c.date IS NOT NULL AND NOT c.date_checked AND c.status = 'accepted'))
             AND {}",
            super::grades::passes_sql(8, 9)
        );
        let order = match listing.sort {
            ClaimSort::Made => "c.id",
            ClaimSort::Date => "c.date_lower IS NULL, c.date_lower, c.id",
            ClaimSort::Subject => "s.name COLLATE NOCASE, coalesce(o.name, c.object_text) COLLATE NOCASE, c.id",
            ClaimSort::Sources => {
                "(SELECT count(DISTINCT x.source_id) FROM citations x WHERE x.claim_id = c.id) DESC, c.id"
            }
        };
        let mut statement =
            self.conn.prepare(&format!("SELECT {COLUMNS} WHERE {condition} ORDER BY {order} LIMIT ?6 OFFSET ?7"))?;
        let unchecked = listing.unchecked_dates;
        let (reliability, credibility) = super::grades::filter_values(listing.grade);
        let values = params![
            listing.actor_id,
            listing.status,
            listing.relation,
            words,
            unchecked,
            page.limit,
            page.offset,
            reliability,
            credibility
        ];
        let items = statement.query_map(values, claim)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self.conn.query_row(
            &format!("SELECT count(*) FROM claims c WHERE {condition}"),
            params![
                listing.actor_id,
                listing.status,
                listing.relation,
                words,
                unchecked,
                0,
                0,
                reliability,
                credibility
            ],
            |row| row.get(0),
        )?;
        Ok(Page { items, total, offset: page.offset })
    }

    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn set_claim_status(&mut self, id: i32, status: ReviewStatus) -> Result<()> {
        self.update_claim(id, "status", &status)
    }

    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn set_claim_certainty(&mut self, id: i32, certainty: crate::model::Certainty) -> Result<()> {
        self.update_claim(id, "certainty", &certainty)
    }

    /// Sets a claim's date (EDTF, or none) and its bounds, as a person gives it: checked.
    pub(crate) fn set_claim_date(&mut self, id: i32, date: Option<&str>) -> Result<()> {
        let date = date.map(str::trim).filter(|d| !d.is_empty());
        let bounds = date.map(edtf::bounds).transpose()?;
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE claims SET date = ?2, date_lower = ?3, date_upper = ?4, date_checked = 1, updated_at = ?5
                  WHERE id = ?1",
                params![
                    id,
                    date,
                    bounds.as_ref().and_then(|b| b.lower.clone()),
                    bounds.as_ref().and_then(|b| b.upper.clone()),
                    now()
                ],
            )?;
            if changed == 0 {
                return Err(Error::NotFound { entity: "claim", id });
            }
            Ok(())
        })
    }

    /// Marks whether a person has looked at the claim's date and let it stand.
    pub(crate) fn set_claim_date_checked(&mut self, id: i32, checked: bool) -> Result<()> {
        self.update_claim(id, "date_checked", &checked)
    }

    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn set_claim_statement(&mut self, id: i32, statement: &str) -> Result<()> {
        self.update_claim(id, "statement", &statement)
    }

    /// Sets one column of a claim and stamps `updated_at`. `column` is one of ours, never input.
    fn update_claim(&mut self, id: i32, column: &'static str, value: &dyn rusqlite::ToSql) -> Result<()> {
        let sql = format!("UPDATE claims SET {column} = ?2, updated_at = ?3 WHERE id = ?1");
        self.write(|tx| match tx.execute(&sql, params![id, value, now()])? {
            0 => Err(Error::NotFound { entity: "claim", id }),
            _ => Ok(()),
        })
    }

    /// Deletes a claim; its citations stay as highlights of their sources.
    #[cfg(any(test, feature = "testing"))] // Only tests set a library up this way.
    pub(crate) fn delete_claim(&mut self, id: i32) -> Result<()> {
        self.write(|tx| match tx.execute("DELETE FROM claims WHERE id = ?1", [id])? {
            0 => Err(Error::NotFound { entity: "claim", id }),
            _ => Ok(()),
        })
    }
}
