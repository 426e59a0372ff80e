//! Export speed, measured rather than asserted: a synthetic library of `actors` actors
//! and `claims` claims (each with a citation) in a store on disk, exported as a vault.

use super::{export, Format, Scope};
use crate::model::{ActorKind, Certainty, CitedClaim, NewActor, NewSource, Relation};
use crate::{Result, Store};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct ExportFigures {
    pub actors: usize,
    pub claims: usize,
    pub build_seconds: f64,
    pub export_seconds: f64,
    pub files: usize,
    pub megabytes: f64,
}

/// Builds the library in a temporary folder and exports it as a vault there.
pub fn bench_vault(actors: usize, claims: usize) -> Result<ExportFigures> {
    let scratch = crate::paths::Scratch::new("bench-export")?;
    let dir = scratch.path.as_path();
    let started = Instant::now();
    let mut store = Store::open(&dir.join("bench.dossier"))?;
    let sentence = "The ministry said the two sides signed an agreement on trade and security in the capital.";
    let mut sources = Vec::new();
    for i in 0..20 {
        let text = format!("Dispatch {i}\n\n{}", [sentence; 10].join(" "));
        let source = store.insert_source(&NewSource {
            title: format!("Dispatch {i}"),
            byline: Some(format!("Reporter {i}")),
            publisher: Some("Example Wire".into()),
            published: Some(format!("20{:02}-0{}", 10 + i % 14, 1 + i % 9)),
            media_type: "text/plain".into(),
            original: text.as_bytes().to_vec(),
            text,
            ..NewSource::default()
        })?;
        sources.push(source.id());
    }
    let kinds = [ActorKind::Person, ActorKind::Organization, ActorKind::State, ActorKind::ArmedGroup, ActorKind::Place];
    let new: Vec<NewActor> = (0..actors)
        .map(|i| NewActor {
            name: format!("Actor {i:05}"),
            kind: kinds[i % kinds.len()],
            description: String::new(),
            aliases: vec![format!("A{i}")],
        })
        .collect();
    let ids = store.insert_actors(&new)?;
    let relations = [Relation::AllyOf, Relation::Funds, Relation::Supplies, Relation::Meets, Relation::Supports];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    let start = "Dispatch 0\n\n".chars().count() as i32;
    let cited: Vec<CitedClaim> = (0..claims)
        .map(|i| CitedClaim {
            source_id: sources[next(sources.len())],
            start,
            end: start + sentence.chars().count() as i32,
            subject_id: ids[next(ids.len())],
            relation: relations[i % relations.len()],
            relation_text: None,
            object_id: Some(ids[next(ids.len())]),
            date: Some(format!("20{:02}", 10 + i % 14)),
            attributed_to_id: None,
            certainty: Certainty::Reported,
        })
        .collect();
    store.cite_claims(&cited)?;
    let build_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let report = export(&store, Format::Vault, &Scope::All, &dir.join("vault"))?;
    let export_seconds = started.elapsed().as_secs_f64();
    let bytes: u64 =
        report.files.iter().filter_map(|f| std::fs::metadata(dir.join("vault").join(f)).ok()).map(|m| m.len()).sum();
    Ok(ExportFigures {
        actors,
        claims,
        build_seconds,
        export_seconds,
        files: report.files.len(),
        megabytes: bytes as f64 / 1e6,
    })
}
