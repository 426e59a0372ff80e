//! Deterministic synthetic libraries for benchmarks: the same sizes give the same
//! store. Twenty dispatches, `actors` actors of every kind with an alias each, and
//! `claims` accepted claims between random pairs of them, each cited in a dispatch.

use crate::model::{ActorKind, Certainty, CitedClaim, NewActor, NewSource, Relation};
use crate::{Result, Store};

/// Fills `store` (meant to be empty) with the synthetic library.
pub fn fill(store: &mut Store, actors: usize, claims: usize) -> Result<()> {
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
    Ok(())
}
