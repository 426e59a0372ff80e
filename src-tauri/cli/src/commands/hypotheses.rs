//! `hypotheses`: Analysis of Competing Hypotheses — questions, their hypotheses, the
//! claims brought to them as evidence, the ratings, and the matrix with its scores.

use crate::{json, one_line};
use dossier_core::model::{AchRating, Matrix};
use dossier_core::{history, Error, Store};
use std::io::Write;
use std::process::ExitCode;

/// What `dossier hypotheses` takes.
#[derive(Debug, clap::Args)]
pub struct HypothesesArgs {
    #[command(subcommand)]
    pub action: Option<HypothesesAction>,
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum HypothesesAction {
    /// Every question, with how many hypotheses and claims it has (the default).
    List,
    /// Open a question to weigh.
    New { title: String },
    /// Add a hypothesis to a question.
    Add {
        question: i32,
        statement: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Bring claims to a question as evidence (rows of its matrix).
    Evidence { question: i32, claims: Vec<i32> },
    /// Rate how a claim bears on a hypothesis: CC, C, N, I, II, or none.
    Rate {
        hypothesis: i32,
        claim: i32,
        rating: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// A question's matrix: the claims' ratings under each hypothesis, each row's
    /// diagnosticity, and each hypothesis's weighted inconsistency.
    Matrix {
        question: i32,
        /// The most telling rows first.
        #[arg(long)]
        by_diagnosticity: bool,
    },
    /// Delete a question with its hypotheses and ratings (the claims stay).
    Delete { question: i32 },
}

/// The matrix as a person reads it in a terminal, with its reading below.
pub fn print_matrix(out: &mut impl Write, matrix: &Matrix) -> std::io::Result<()> {
    writeln!(out, "{}", one_line(&matrix.question.title))?;
    for (i, h) in matrix.hypotheses.iter().enumerate() {
        writeln!(out, "  H{}  #{:<4} {}", i + 1, h.id, one_line(&h.statement))?;
    }
    let heads: String = (1..=matrix.hypotheses.len()).map(|i| format!("{:>7}", format!("H{i}"))).collect();
    writeln!(out, "{:<7} {:<5} {:<5} {heads}  claim", "#", "grade", "diag")?;
    for row in &matrix.rows {
        let cells: String =
            row.cells.iter().map(|c| format!("{:>7}", c.as_ref().map_or("-", |c| c.rating.as_str()))).collect();
        let claim = &row.claim;
        let object = claim.object.as_ref().map(|o| o.name.clone()).or(claim.object_text.clone()).unwrap_or_default();
        let low = if row.no_diagnostic_value { " (no diagnostic value)" } else { "" };
        writeln!(
            out,
            "{:<7} {:<5} {:<5} {cells}  {}{low}",
            format!("#{}", claim.id),
            claim.grade.label(),
            row.diagnosticity,
            one_line(&format!("{} {} {object}", claim.subject.name, claim.relation_words()))
        )?;
    }
    let scores: String = matrix.scores.iter().map(|s| format!("{:>7.2}", s.inconsistency)).collect();
    writeln!(out, "{:<19} {scores}  weighted inconsistency (lower: less evidence against)", "")?;
    for line in &matrix.reading {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

pub(crate) fn run(store: &mut Store, args: HypothesesArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    match args.action.unwrap_or(HypothesesAction::List) {
        HypothesesAction::List => {
            let questions = store.questions()?;
            if args.json {
                return json(out, &questions).map(|()| ExitCode::SUCCESS);
            }
            for q in &questions {
                writeln!(
                    out,
                    "#{:<5} {} hypotheses, {} claims  {}",
                    q.id,
                    q.hypotheses,
                    q.evidence,
                    one_line(&q.title)
                )?;
            }
            if questions.is_empty() {
                writeln!(out, "no questions yet: dossier hypotheses new \"…\"")?;
            }
        }
        HypothesesAction::New { title } => {
            let id = history::new_question(store, &title)?;
            writeln!(out, "question #{id}")?;
        }
        HypothesesAction::Add { question, statement, notes } => {
            let id = history::add_hypothesis(store, question, &statement, &notes)?;
            writeln!(out, "hypothesis #{id}")?;
        }
        HypothesesAction::Evidence { question, claims } => {
            let mut added = 0;
            for claim in claims {
                added += i32::from(history::add_evidence(store, question, claim)?);
            }
            writeln!(out, "{added} claim(s) brought to question #{question}")?;
        }
        HypothesesAction::Rate { hypothesis, claim, rating, comment } => {
            let rating = match rating.as_str() {
                r if r.eq_ignore_ascii_case("none") => None,
                r => Some(
                    AchRating::parse(r)
                        .ok_or_else(|| Error::Invalid(format!("a rating is CC, C, N, I or II (or none), not '{r}'")))?,
                ),
            };
            history::rate(store, hypothesis, claim, rating, &comment)?;
            writeln!(out, "#{claim} under hypothesis #{hypothesis}: {}", rating.map_or("unrated", |r| r.words()))?;
        }
        HypothesesAction::Matrix { question, by_diagnosticity } => {
            let matrix = store.matrix(question, by_diagnosticity)?;
            if args.json {
                return json(out, &matrix).map(|()| ExitCode::SUCCESS);
            }
            print_matrix(out, &matrix)?;
        }
        HypothesesAction::Delete { question } => {
            history::delete_question(store, question)?;
            writeln!(out, "question #{question} deleted (dossier undo puts it back)")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
