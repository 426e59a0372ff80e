//! Migration 12's tables: questions weighed by competing hypotheses, the claims brought
//! to them as evidence and each claim's rating under each hypothesis; the matrix they
//! make, scored by `ach.rs`; and the rows a deletion takes, kept whole for its undo.

use super::{claims, found, last_id, now, Store};
use crate::model::{AchRating, Hypothesis, Matrix, MatrixRow, Question, RatingCell};
use crate::{ach, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

const QUESTION: &str = "SELECT q.id, q.title,
        (SELECT count(*) FROM hypotheses h WHERE h.question_id = q.id),
        (SELECT count(*) FROM question_evidence e WHERE e.question_id = q.id),
        q.created_at, q.updated_at
   FROM questions q";

fn question(row: &rusqlite::Row<'_>) -> rusqlite::Result<Question> {
    Ok(Question {
        id: row.get(0)?,
        title: row.get(1)?,
        hypotheses: row.get(2)?,
        evidence: row.get(3)?,
        created_at: row.get(4)?,
        updated_at: row.get(5)?,
    })
}

fn hypothesis(row: &rusqlite::Row<'_>) -> rusqlite::Result<Hypothesis> {
    Ok(Hypothesis {
        id: row.get(0)?,
        question_id: row.get(1)?,
        statement: row.get(2)?,
        notes: row.get(3)?,
        created_at: row.get(4)?,
        made_by: row.get(5)?,
    })
}

const HYPOTHESIS: &str = "SELECT h.id, h.question_id, h.statement, h.notes, h.created_at,
        (SELECT author FROM sync_authors WHERE gid = h.gid AND act = 'made')
   FROM hypotheses h";

/// Rows of migration 12 as they were, every column kept (ids and global ids too), so
/// that an undo puts back exactly what a deletion took.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchRows {
    #[serde(default)]
    pub questions: Vec<(i32, String, String, String, String)>,
    #[serde(default)]
    pub hypotheses: Vec<(i32, String, i32, String, String, String, String)>,
    #[serde(default)]
    pub evidence: Vec<(i32, String, i32, i32, String)>,
    #[serde(default)]
    pub ratings: Vec<(i32, String, i32, i32, String, String, String)>,
}

/// The rows of a question (`question`), of a hypothesis with its ratings
/// (`hypothesis`), or of one claim's evidence row with its ratings (`evidence`).
fn rows_of(conn: &Connection, part: &str, a: i32, b: i32) -> Result<AchRows> {
    let (questions, hypotheses, evidence, ratings) = match part {
        "question" => (
            "id = ?1",
            "question_id = ?1",
            "question_id = ?1",
            "hypothesis_id IN (SELECT id FROM hypotheses WHERE question_id = ?1)",
        ),
        "hypothesis" => ("0", "id = ?1", "0", "hypothesis_id = ?1"),
        _ => (
            "0",
            "0",
            "question_id = ?1 AND claim_id = ?2",
            "claim_id = ?2 AND hypothesis_id IN (SELECT id FROM hypotheses WHERE question_id = ?1)",
        ),
    };
    let mut rows = AchRows::default();
    let mut read = conn.prepare(&format!(
        "SELECT id, gid, title, created_at, updated_at FROM questions WHERE {questions} AND ?2 = ?2"
    ))?;
    rows.questions = read
        .query_map(params![a, b], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut read = conn.prepare(&format!(
        "SELECT id, gid, question_id, statement, notes, created_at, updated_at FROM hypotheses WHERE {hypotheses} AND ?2 = ?2"
    ))?;
    rows.hypotheses = read
        .query_map(params![a, b], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut read = conn.prepare(&format!(
        "SELECT id, gid, question_id, claim_id, added_at FROM question_evidence WHERE {evidence} AND ?2 = ?2"
    ))?;
    rows.evidence = read
        .query_map(params![a, b], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut read = conn.prepare(&format!(
        "SELECT id, gid, hypothesis_id, claim_id, rating, comment, rated_at FROM hypothesis_ratings WHERE {ratings} AND ?2 = ?2"
    ))?;
    rows.ratings = read
        .query_map(params![a, b], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Refuses to delete a claim that a matrix of hypotheses weighs (taking back its
/// acceptance would silently lose the ratings made on it since).
pub(super) fn refuse_if_weighed(conn: &Connection, claim_id: i32) -> Result<()> {
    let weighed: Option<String> = conn
        .query_row(
            "SELECT q.title FROM question_evidence e JOIN questions q ON q.id = e.question_id WHERE e.claim_id = ?1 LIMIT 1",
            [claim_id],
            |r| r.get(0),
        )
        .optional()?;
    match weighed {
        Some(title) => Err(Error::Invalid(format!(
            "the claim is weighed in the question “{title}” now; take it out of that matrix first"
        ))),
        None => Ok(()),
    }
}

fn statement(text: &str, what: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::Invalid(format!("a {what} needs words")));
    }
    Ok(text.to_string())
}

impl Store {
    /// Every question, the latest changed first.
    pub fn questions(&self) -> Result<Vec<Question>> {
        let mut read = self.conn.prepare(&format!("{QUESTION} ORDER BY q.updated_at DESC, q.id DESC"))?;
        let all = read.query_map([], question)?.collect::<rusqlite::Result<_>>()?;
        Ok(all)
    }

    pub fn question(&self, id: i32) -> Result<Question> {
        found(self.conn.query_row(&format!("{QUESTION} WHERE q.id = ?1"), [id], question), "question", id)
    }

    pub fn hypothesis(&self, id: i32) -> Result<Hypothesis> {
        found(self.conn.query_row(&format!("{HYPOTHESIS} WHERE h.id = ?1"), [id], hypothesis), "hypothesis", id)
    }

    pub(crate) fn insert_question(&mut self, title: &str) -> Result<i32> {
        let title = statement(title, "question")?;
        self.write(|tx| {
            let stamp = now();
            tx.execute(
                "INSERT INTO questions (gid, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![super::new_gid(), title, stamp],
            )?;
            last_id(tx)
        })
    }

    /// Renames a question; returns its title before.
    pub(crate) fn rename_question(&mut self, id: i32, title: &str) -> Result<String> {
        let title = statement(title, "question")?;
        self.write(|tx| {
            let before: String =
                found(tx.query_row("SELECT title FROM questions WHERE id = ?1", [id], |r| r.get(0)), "question", id)?;
            tx.execute(
                "UPDATE questions SET title = ?2, updated_at = ?3 WHERE id = ?1 AND title IS NOT ?2",
                params![id, title, now()],
            )?;
            Ok(before)
        })
    }

    fn touch_question(tx: &Connection, id: i32) -> Result<()> {
        tx.execute("UPDATE questions SET updated_at = ?2 WHERE id = ?1", params![id, now()])?;
        Ok(())
    }

    pub(crate) fn insert_hypothesis(&mut self, question_id: i32, text: &str, notes: &str) -> Result<i32> {
        let text = statement(text, "hypothesis")?;
        self.write(|tx| {
            found(
                tx.query_row("SELECT 1 FROM questions WHERE id = ?1", [question_id], |_| Ok(())),
                "question",
                question_id,
            )?;
            let stamp = now();
            tx.execute(
                "INSERT INTO hypotheses (gid, question_id, statement, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![super::new_gid(), question_id, text, notes.trim(), stamp],
            )?;
            let id = last_id(tx)?;
            Self::touch_question(tx, question_id)?;
            Ok(id)
        })
    }

    /// Rewords a hypothesis and its notes; returns both before.
    pub(crate) fn edit_hypothesis(&mut self, id: i32, text: &str, notes: &str) -> Result<(String, String)> {
        let text = statement(text, "hypothesis")?;
        self.write(|tx| {
            let before: (String, String, i32) = found(
                tx.query_row("SELECT statement, notes, question_id FROM hypotheses WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                }),
                "hypothesis",
                id,
            )?;
            let changed = tx.execute(
                "UPDATE hypotheses SET statement = ?2, notes = ?3, updated_at = ?4
                  WHERE id = ?1 AND (statement IS NOT ?2 OR notes IS NOT ?3)",
                params![id, text, notes.trim(), now()],
            )?;
            if changed > 0 {
                Self::touch_question(tx, before.2)?;
            }
            Ok((before.0, before.1))
        })
    }

    /// Brings a claim to a question as evidence (a row of its matrix); false when it
    /// already was.
    pub(crate) fn add_evidence(&mut self, question_id: i32, claim_id: i32) -> Result<bool> {
        self.write(|tx| {
            found(tx.query_row("SELECT 1 FROM questions WHERE id = ?1", [question_id], |_| Ok(())), "question", question_id)?;
            found(tx.query_row("SELECT 1 FROM claims WHERE id = ?1", [claim_id], |_| Ok(())), "claim", claim_id)?;
            let added = tx.execute(
                "INSERT OR IGNORE INTO question_evidence (gid, question_id, claim_id, added_at) VALUES (?1, ?2, ?3, ?4)",
                params![super::new_gid(), question_id, claim_id, now()],
            )? > 0;
            if added {
                Self::touch_question(tx, question_id)?;
            }
            Ok(added)
        })
    }

    /// Rates a claim under a hypothesis (none takes the rating away); the claim becomes
    /// evidence of the hypothesis's question if it was not. Returns the cell before and
    /// whether the claim was brought to the question by it.
    pub(crate) fn rate(
        &mut self,
        hypothesis_id: i32,
        claim_id: i32,
        rating: Option<AchRating>,
        comment: &str,
    ) -> Result<(Option<RatingCell>, bool)> {
        self.write(|tx| {
            let question_id: i32 = found(
                tx.query_row("SELECT question_id FROM hypotheses WHERE id = ?1", [hypothesis_id], |r| r.get(0)),
                "hypothesis",
                hypothesis_id,
            )?;
            found(tx.query_row("SELECT 1 FROM claims WHERE id = ?1", [claim_id], |_| Ok(())), "claim", claim_id)?;
            let before = tx
                .query_row(
                    "SELECT rating, comment FROM hypothesis_ratings WHERE hypothesis_id = ?1 AND claim_id = ?2",
                    params![hypothesis_id, claim_id],
                    |r| Ok(RatingCell { rating: r.get(0)?, comment: r.get(1)? }),
                )
                .optional()?;
            let mut brought = false;
            let changed = match rating {
                None => tx.execute(
                    "DELETE FROM hypothesis_ratings WHERE hypothesis_id = ?1 AND claim_id = ?2",
                    params![hypothesis_id, claim_id],
                )?,
                Some(rating) if before.is_some() => tx.execute(
                    "UPDATE hypothesis_ratings SET rating = ?3, comment = ?4, rated_at = ?5
                      WHERE hypothesis_id = ?1 AND claim_id = ?2 AND (rating <> ?3 OR comment <> ?4)",
                    params![hypothesis_id, claim_id, rating, comment.trim(), now()],
                )?,
                Some(rating) => {
                    brought = tx.execute(
                        "INSERT OR IGNORE INTO question_evidence (gid, question_id, claim_id, added_at) VALUES (?1, ?2, ?3, ?4)",
                        params![super::new_gid(), question_id, claim_id, now()],
                    )? > 0;
                    tx.execute(
                        "INSERT INTO hypothesis_ratings (gid, hypothesis_id, claim_id, rating, comment, rated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![super::new_gid(), hypothesis_id, claim_id, rating, comment.trim(), now()],
                    )?
                }
            };
            if changed > 0 {
                Self::touch_question(tx, question_id)?;
            }
            Ok((before, brought))
        })
    }

    /// Deletes a question with its hypotheses, evidence and ratings, a hypothesis with
    /// its ratings, or a claim's evidence row in a question with its ratings; returns
    /// every row it took, for the undo.
    pub(crate) fn delete_ach(&mut self, part: AchPart) -> Result<AchRows> {
        self.write(|tx| {
            let (name, a, b) = match part {
                AchPart::Question(id) => ("question", id, 0),
                AchPart::Hypothesis(id) => ("hypothesis", id, 0),
                AchPart::Evidence { question_id, claim_id } => ("evidence", question_id, claim_id),
            };
            let rows = rows_of(tx, name, a, b)?;
            match part {
                AchPart::Question(id) => {
                    if rows.questions.is_empty() {
                        return Err(Error::NotFound { entity: "question", id });
                    }
                    // Children first, so that each row's deletion is its own entry to sync.
                    for (id, ..) in &rows.ratings {
                        tx.execute("DELETE FROM hypothesis_ratings WHERE id = ?1", [id])?;
                    }
                    tx.execute("DELETE FROM question_evidence WHERE question_id = ?1", [id])?;
                    tx.execute("DELETE FROM hypotheses WHERE question_id = ?1", [id])?;
                    tx.execute("DELETE FROM questions WHERE id = ?1", [id])?;
                }
                AchPart::Hypothesis(id) => {
                    let Some(h) = rows.hypotheses.first() else {
                        return Err(Error::NotFound { entity: "hypothesis", id });
                    };
                    tx.execute("DELETE FROM hypothesis_ratings WHERE hypothesis_id = ?1", [id])?;
                    tx.execute("DELETE FROM hypotheses WHERE id = ?1", [id])?;
                    Self::touch_question(tx, h.2)?;
                }
                AchPart::Evidence { question_id, claim_id } => {
                    if rows.evidence.is_empty() {
                        return Err(Error::Invalid(format!(
                            "claim {claim_id} is not evidence of question {question_id}"
                        )));
                    }
                    for (id, ..) in &rows.ratings {
                        tx.execute("DELETE FROM hypothesis_ratings WHERE id = ?1", [id])?;
                    }
                    tx.execute(
                        "DELETE FROM question_evidence WHERE question_id = ?1 AND claim_id = ?2",
                        params![question_id, claim_id],
                    )?;
                    Self::touch_question(tx, question_id)?;
                }
            }
            Ok(rows)
        })
    }

    /// Puts rows a deletion took back as they were (undo): with their ids when those are
    /// still free (another row may have taken one since), and their global ids always.
    /// What hangs from a row deleted since (a hypothesis, a claim) stays out.
    pub(crate) fn restore_ach(&mut self, rows: &AchRows) -> Result<()> {
        self.write(|tx| {
            let free = |table: &str, id: i32| -> Result<Option<i32>> {
                let taken: bool =
                    tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), [id], |r| r.get(0))?;
                Ok((!taken).then_some(id))
            };
            let mut questions = std::collections::HashMap::new();
            for (id, gid, title, created, updated) in &rows.questions {
                tx.execute(
                    "INSERT INTO questions (id, gid, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![free("questions", *id)?, gid, title, created, updated],
                )?;
                questions.insert(*id, last_id(tx)?);
            }
            let question = |id: &i32| questions.get(id).copied().unwrap_or(*id);
            let mut hypotheses = std::collections::HashMap::new();
            for (id, gid, q, text, notes, created, updated) in &rows.hypotheses {
                let added = tx.execute(
                    "INSERT INTO hypotheses (id, gid, question_id, statement, notes, created_at, updated_at)
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?3)",
                    params![free("hypotheses", *id)?, gid, question(q), text, notes, created, updated],
                )?;
                if added > 0 {
                    hypotheses.insert(*id, last_id(tx)?);
                }
            }
            for (id, gid, q, claim, added) in &rows.evidence {
                // A claim or question deleted since is not brought back by this undo.
                tx.execute(
                    "INSERT OR IGNORE INTO question_evidence (id, gid, question_id, claim_id, added_at)
                     SELECT ?1, ?2, ?3, ?4, ?5
                      WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?4) AND EXISTS (SELECT 1 FROM questions WHERE id = ?3)",
                    params![free("question_evidence", *id)?, gid, question(q), claim, added],
                )?;
            }
            for (id, gid, hypothesis, claim, rating, comment, rated) in &rows.ratings {
                let hypothesis = hypotheses.get(hypothesis).copied().unwrap_or(*hypothesis);
                // Only under a hypothesis that is there, for a claim that is evidence of its question.
                tx.execute(
                    "INSERT OR IGNORE INTO hypothesis_ratings (id, gid, hypothesis_id, claim_id, rating, comment, rated_at)
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
                      WHERE EXISTS (SELECT 1 FROM question_evidence e JOIN hypotheses h ON h.question_id = e.question_id
                                     WHERE h.id = ?3 AND e.claim_id = ?4)",
                    params![free("hypothesis_ratings", *id)?, gid, hypothesis, claim, rating, comment, rated],
                )?;
            }
            Ok(())
        })
    }

    /// Whether a question, hypothesis or claim row has anything hanging from it (a
    /// hypothesis or evidence, ratings), which taking back its making would lose.
    pub(crate) fn ach_has_children(&self, part: AchPart) -> Result<bool> {
        let (name, a, b) = match part {
            AchPart::Question(id) => ("question", id, 0),
            AchPart::Hypothesis(id) => ("hypothesis", id, 0),
            AchPart::Evidence { question_id, claim_id } => ("evidence", question_id, claim_id),
        };
        let rows = rows_of(&self.conn, name, a, b)?;
        Ok(match part {
            AchPart::Question(_) => !rows.hypotheses.is_empty() || !rows.evidence.is_empty(),
            _ => !rows.ratings.is_empty(),
        })
    }

    /// A question's matrix: its hypotheses in the order made, its evidence in the order
    /// brought (or by diagnosticity, the most telling first), each row's cells and the
    /// scores.
    pub fn matrix(&self, question_id: i32, by_diagnosticity: bool) -> Result<Matrix> {
        let question = self.question(question_id)?;
        let mut read = self.conn.prepare(&format!("{HYPOTHESIS} WHERE h.question_id = ?1 ORDER BY h.id"))?;
        let hypotheses: Vec<Hypothesis> =
            read.query_map([question_id], hypothesis)?.collect::<rusqlite::Result<_>>()?;
        let mut read = self.conn.prepare(&format!(
            "SELECT {} JOIN question_evidence e ON e.claim_id = c.id WHERE e.question_id = ?1 ORDER BY e.id",
            claims::COLUMNS
        ))?;
        let claims: Vec<crate::model::Claim> =
            read.query_map([question_id], claims::claim)?.collect::<rusqlite::Result<_>>()?;
        let mut cells = self.conn.prepare(
            "SELECT r.hypothesis_id, r.claim_id, r.rating, r.comment FROM hypothesis_ratings r
               JOIN hypotheses h ON h.id = r.hypothesis_id WHERE h.question_id = ?1",
        )?;
        let mut rated = std::collections::HashMap::new();
        for row in cells.query_map([question_id], |r| {
            Ok(((r.get::<_, i32>(0)?, r.get::<_, i32>(1)?), RatingCell { rating: r.get(2)?, comment: r.get(3)? }))
        })? {
            let (key, cell) = row?;
            rated.insert(key, cell);
        }
        let mut rows: Vec<MatrixRow> = claims
            .into_iter()
            .map(|claim| {
                let cells: Vec<Option<RatingCell>> =
                    hypotheses.iter().map(|h| rated.get(&(h.id, claim.id)).cloned()).collect();
                let ratings: Vec<Option<AchRating>> = cells.iter().map(|c| c.as_ref().map(|c| c.rating)).collect();
                MatrixRow {
                    no_diagnostic_value: hypotheses.len() > 1
                        && ratings.iter().all(Option::is_some)
                        && ach::diagnosticity(&ratings) == 0,
                    diagnosticity: ach::diagnosticity(&ratings),
                    weight: ach::weight(claim.grade.credibility),
                    claim,
                    cells,
                }
            })
            .collect();
        if by_diagnosticity {
            rows.sort_by_key(|r| std::cmp::Reverse(r.diagnosticity));
        }
        let ratings: Vec<(Vec<Option<AchRating>>, f64)> =
            rows.iter().map(|r| (r.cells.iter().map(|c| c.as_ref().map(|c| c.rating)).collect(), r.weight)).collect();
        let scores = ach::scores(&ratings, hypotheses.len());
        let mut matrix = Matrix { question, hypotheses, scores, rows, reading: Vec::new() };
        matrix.reading = ach::reading(&matrix);
        Ok(matrix)
    }

    /// The questions a claim is evidence in.
    pub fn questions_of_claim(&self, claim_id: i32) -> Result<Vec<Question>> {
        let mut read = self.conn.prepare(&format!(
            "{QUESTION} WHERE q.id IN (SELECT question_id FROM question_evidence WHERE claim_id = ?1) ORDER BY q.title"
        ))?;
        let all = read.query_map([claim_id], question)?.collect::<rusqlite::Result<_>>()?;
        Ok(all)
    }
}

/// A part of an analysis a deletion takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AchPart {
    Question(i32),
    Hypothesis(i32),
    Evidence { question_id: i32, claim_id: i32 },
}
