//! `grade`: the Admiralty grades: a source's reliability (A–F, its own or its site's
//! default) and a claim's credibility (1–6, a person's or the suggested one).

use crate::{json, one_line};
use dossier_core::model::{credibility_words, Reliability};
use dossier_core::{history, Error, Store};
use std::io::Write;
use std::process::ExitCode;

/// What `dossier grade` takes.
#[derive(Debug, clap::Args)]
pub struct GradeArgs {
    #[command(subcommand)]
    pub action: GradeAction,
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum GradeAction {
    /// A source's reliability; with a grade (A–F, or `none`), sets the source's own.
    Source { source: i32, grade: Option<String> },
    /// A site's default reliability, which its sources without their own take; with a
    /// grade (A–F, or `none`), sets it.
    Site { site: String, grade: Option<String> },
    /// Every site, its default and how many sources take it.
    Sites,
    /// A claim's grade (its best source's reliability and its credibility); with a
    /// credibility (1–6, or `none` for the suggestion), sets it.
    Claim { claim: i32, credibility: Option<String> },
}

fn reliability(text: &str) -> Result<Option<Reliability>, Error> {
    if text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Reliability::parse(text)
        .map(Some)
        .ok_or_else(|| Error::Invalid(format!("a reliability grade is A to F (or none), not '{text}'")))
}

fn words(grade: Option<Reliability>) -> String {
    grade.map_or("not graded".into(), |r| format!("{r} ({})", r.words()))
}

pub(crate) fn run(store: &mut Store, args: GradeArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    match args.action {
        GradeAction::Source { source, grade } => {
            if let Some(grade) = grade {
                history::grade_source(store, source, reliability(&grade)?)?;
            }
            let grade = store.source_grade(source)?;
            if args.json {
                return json(out, &grade).map(|()| ExitCode::SUCCESS);
            }
            let from = match (grade.own, grade.site_default, &grade.site) {
                (Some(_), _, _) => "its own grade".to_string(),
                (None, Some(_), Some(site)) => format!("the default of {site}"),
                _ => "no grade of its own or of its site".to_string(),
            };
            writeln!(
                out,
                "#{source} {}: {}, {from}",
                one_line(&store.source_title_and_text(source)?.0),
                words(grade.reliability)
            )?;
        }
        GradeAction::Site { site, grade } => {
            if let Some(grade) = grade {
                history::grade_site(store, &site, reliability(&grade)?)?;
            }
            let key = dossier_core::store::grades::site_key(&site).unwrap_or_default();
            let sites = store.site_grades()?;
            let found = sites.into_iter().find(|s| s.site == key);
            if args.json {
                return json(out, &found).map(|()| ExitCode::SUCCESS);
            }
            match found {
                Some(s) => writeln!(
                    out,
                    "{}: {} by default; {} source(s), {} taking the default",
                    s.site,
                    words(s.reliability),
                    s.sources,
                    s.inheriting
                )?,
                None => writeln!(out, "{key}: no sources and no default")?,
            }
        }
        GradeAction::Sites => {
            let sites = store.site_grades()?;
            if args.json {
                return json(out, &sites).map(|()| ExitCode::SUCCESS);
            }
            for s in &sites {
                let grade = s.reliability.map_or("-", |r| r.as_str());
                writeln!(out, "{grade}  {:>5} sources ({:>5} taking it)  {}", s.sources, s.inheriting, s.site)?;
            }
            if sites.is_empty() {
                writeln!(out, "no sites")?;
            }
        }
        GradeAction::Claim { claim, credibility } => {
            if let Some(text) = credibility {
                let value = match text.as_str() {
                    t if t.eq_ignore_ascii_case("none") => None,
                    t => Some(t.parse::<i32>().ok().filter(|c| credibility_words(*c).is_some()).ok_or_else(|| {
                        Error::Invalid(format!("a credibility grade is 1 to 6 (or none), not '{t}'"))
                    })?),
                };
                history::grade_claim(store, claim, value)?;
            }
            let found = store.claim(claim)?;
            if args.json {
                return json(out, &found.grade).map(|()| ExitCode::SUCCESS);
            }
            let grade = &found.grade;
            let how = if grade.set {
                "graded by a person".to_string()
            } else {
                format!("suggested: {}", store.credibility_reason(claim)?.1)
            };
            writeln!(
                out,
                "#{claim} {}: {} — {}; {}, {how}",
                one_line(&format!(
                    "{} {} {}",
                    found.subject.name,
                    found.relation_words(),
                    found.object.as_ref().map_or(found.object_text.clone().unwrap_or_default(), |o| o.name.clone())
                )),
                grade.label(),
                words(grade.reliability),
                credibility_words(grade.credibility).unwrap_or("")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
