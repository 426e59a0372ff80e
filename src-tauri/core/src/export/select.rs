//! What an export covers: the whole library, an actor and its neighbourhood, the
//! sources of a tag, or the claims of a date range — with everything those stand on.

use crate::model::{Actor, Citation, Claim, LinkTarget, Note, ReviewStatus};
use crate::store::{Library, SourceRecord};
use crate::{edtf, Error, Result};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scope {
    All,
    /// The actor, and the actors up to `hops` claims away from it.
    Actor {
        id: i32,
        hops: i32,
    },
    /// The sources with this tag, and the claims they are cited for.
    Tag {
        tag: String,
    },
    /// Claims dated (at least partly) between these days, inclusive.
    Dates {
        from: Option<String>,
        to: Option<String>,
    },
}

/// The records an export writes, each list in id order. Rejected claims are left out.
pub struct Selection<'a> {
    pub actors: Vec<&'a Actor>,
    pub claims: Vec<&'a Claim>,
    /// The passages cited for the claims and the quotations, together.
    pub citations: Vec<&'a Citation>,
    /// Accepted quotations: passages with a speaker (or none) that back no claim.
    pub quotations: Vec<&'a Citation>,
    pub sources: Vec<&'a SourceRecord>,
    pub notes: Vec<&'a Note>,
    pub tags: &'a [(i32, String)],
    /// The matrices of competing hypotheses weighing a claim of the selection (every
    /// one, for the whole library).
    pub matrices: Vec<&'a crate::model::Matrix>,
    copy_groups: &'a HashMap<i32, i32>,
    /// Lookups, so that writing a large library stays linear.
    citations_by_claim: HashMap<i32, Vec<&'a Citation>>,
    quotations_by_speaker: HashMap<i32, Vec<&'a Citation>>,
    claims_by_actor: HashMap<i32, Vec<&'a Claim>>,
    source_by_id: HashMap<i32, &'a SourceRecord>,
    actor_ids: std::collections::HashSet<i32>,
}

impl<'a> Selection<'a> {
    pub fn of(library: &'a Library, scope: &Scope) -> Result<Selection<'a>> {
        let live: Vec<&Claim> = library.claims.iter().filter(|c| c.status != ReviewStatus::Rejected).collect();
        let parties = |c: &Claim| -> Vec<i32> {
            [Some(c.subject.id), c.object.as_ref().map(|o| o.id), c.attributed_to.as_ref().map(|a| a.id)]
                .into_iter()
                .flatten()
                .collect()
        };
        let citations_of: HashMap<i32, Vec<&Citation>> =
            library.citations.iter().filter_map(|c| Some((c.claim_id?, c))).fold(HashMap::new(), |mut map, (id, c)| {
                map.entry(id).or_default().push(c);
                map
            });
        let (claims, mut actor_ids) = scoped_claims(library, scope, live, &citations_of)?;
        for c in &claims {
            actor_ids.extend(parties(c));
        }
        let mut citations: Vec<&Citation> =
            claims.iter().flat_map(|c| citations_of.get(&c.id).into_iter().flatten().copied()).collect();
        let mut source_ids: BTreeSet<i32> = citations.iter().map(|c| c.source_id).collect();
        let tagged: BTreeSet<i32> = match scope {
            Scope::Tag { tag } => library.tags.iter().filter(|(_, t)| t == tag.trim()).map(|(s, _)| *s).collect(),
            _ => BTreeSet::new(),
        };
        source_ids.extend(&tagged);
        if matches!(scope, Scope::All) {
            source_ids.extend(library.sources.iter().map(|s| s.summary.id));
        }
        // Quotations go along with their speaker, or with their source for a tag; in a
        // date range, those spoken by its actors in the sources it cites.
        let quotations: Vec<&Citation> = library
            .citations
            .iter()
            .filter(|x| x.claim_id.is_none())
            .filter(|x| {
                let speaker = x.speaker.as_ref().map(|s| s.id);
                match scope {
                    Scope::All => true,
                    Scope::Actor { .. } => speaker.is_some_and(|s| actor_ids.contains(&s)),
                    Scope::Tag { .. } => tagged.contains(&x.source_id),
                    Scope::Dates { .. } => {
                        source_ids.contains(&x.source_id) && speaker.is_some_and(|s| actor_ids.contains(&s))
                    }
                }
            })
            .collect();
        for x in &quotations {
            source_ids.insert(x.source_id);
            actor_ids.extend(x.speaker.as_ref().map(|s| s.id));
        }
        citations.extend(&quotations);
        citations.sort_by_key(|c| c.id);
        let actors: Vec<&Actor> = library.actors.iter().filter(|a| actor_ids.contains(&a.id)).collect();
        let sources: Vec<&SourceRecord> =
            library.sources.iter().filter(|s| source_ids.contains(&s.summary.id)).collect();
        let claim_ids: BTreeSet<i32> = claims.iter().map(|c| c.id).collect();
        // Notes go along when they link to something exported (all of them for the whole library).
        let notes: Vec<&Note> = library
            .notes
            .iter()
            .filter(|n| {
                matches!(scope, Scope::All)
                    || n.links.iter().any(|l| match l.target {
                        LinkTarget::Actor => actor_ids.contains(&l.target_id),
                        LinkTarget::Source => source_ids.contains(&l.target_id),
                        LinkTarget::Claim => claim_ids.contains(&l.target_id),
                        LinkTarget::Note => false,
                    })
            })
            .collect();
        let mut citations_by_claim: HashMap<i32, Vec<&Citation>> = HashMap::new();
        for c in &citations {
            if let Some(claim) = c.claim_id {
                citations_by_claim.entry(claim).or_default().push(c);
            }
        }
        let mut quotations_by_speaker: HashMap<i32, Vec<&Citation>> = HashMap::new();
        for x in &quotations {
            if let Some(speaker) = &x.speaker {
                quotations_by_speaker.entry(speaker.id).or_default().push(x);
            }
        }
        let mut claims_by_actor: HashMap<i32, Vec<&Claim>> = HashMap::new();
        for c in &claims {
            claims_by_actor.entry(c.subject.id).or_default().push(c);
            if let Some(o) = c.object.as_ref().filter(|o| o.id != c.subject.id) {
                claims_by_actor.entry(o.id).or_default().push(c);
            }
        }
        let source_by_id = sources.iter().map(|s| (s.summary.id, *s)).collect();
        let actor_ids = actors.iter().map(|a| a.id).collect();
        let matrices = library
            .matrices
            .iter()
            // A part of the library takes the matrices that weigh only claims of it (and
            // some): a matrix is read whole or not at all.
            .filter(|m| {
                matches!(scope, Scope::All)
                    || (!m.rows.is_empty() && m.rows.iter().all(|r| claim_ids.contains(&r.claim.id)))
            })
            .collect();
        Ok(Selection {
            actors,
            claims,
            citations,
            quotations,
            sources,
            notes,
            tags: &library.tags,
            matrices,
            copy_groups: &library.copy_groups,
            citations_by_claim,
            quotations_by_speaker,
            claims_by_actor,
            source_by_id,
            actor_ids,
        })
    }

    /// Citations of a claim, in id order.
    pub fn citations_of(&self, claim_id: i32) -> impl Iterator<Item = &&'a Citation> {
        self.citations_by_claim.get(&claim_id).into_iter().flatten()
    }

    /// Quotations an actor is named the speaker of, in id order.
    pub fn quotations_by(&self, actor_id: i32) -> &[&'a Citation] {
        self.quotations_by_speaker.get(&actor_id).map_or(&[], Vec::as_slice)
    }

    /// Claims naming an actor as subject or object, in id order.
    pub fn claims_of(&self, actor_id: i32) -> &[&'a Claim] {
        self.claims_by_actor.get(&actor_id).map_or(&[], Vec::as_slice)
    }

    pub fn has_actor(&self, id: i32) -> bool {
        self.actor_ids.contains(&id)
    }

    pub fn source(&self, id: i32) -> Option<&'a SourceRecord> {
        self.source_by_id.get(&id).copied()
    }

    /// How many distinct sources cite a claim.
    pub fn sources_of(&self, claim_id: i32) -> usize {
        self.citations_of(claim_id).map(|c| c.source_id).collect::<BTreeSet<_>>().len()
    }

    /// How many of those are independent: a group of copies of one story counts once.
    pub fn independent_sources_of(&self, claim_id: i32) -> usize {
        self.citations_of(claim_id).map(|c| self.story_of(c.source_id)).collect::<BTreeSet<_>>().len()
    }

    /// The story a source tells: its group of copies' id, or its own when it has none.
    pub fn story_of(&self, source_id: i32) -> i32 {
        self.copy_groups.get(&source_id).copied().unwrap_or(source_id)
    }
}

/// The claims a scope exports, and the actors it takes whatever their claims: every one
/// for the whole library, those within `hops` for an actor's neighbourhood.
fn scoped_claims<'a>(
    library: &'a Library,
    scope: &Scope,
    live: Vec<&'a Claim>,
    citations_of: &HashMap<i32, Vec<&'a Citation>>,
) -> Result<(Vec<&'a Claim>, BTreeSet<i32>)> {
    Ok(match scope {
        Scope::All => (live, library.actors.iter().map(|a| a.id).collect()),
        Scope::Actor { id, hops } => {
            if !library.actors.iter().any(|a| a.id == *id) {
                return Err(Error::NotFound { entity: "actor", id: *id });
            }
            let mut reached: BTreeSet<i32> = BTreeSet::from([*id]);
            for _ in 0..(*hops).max(0) {
                let next: Vec<i32> = live
                    .iter()
                    .filter(|c| {
                        reached.contains(&c.subject.id) || c.object.as_ref().is_some_and(|o| reached.contains(&o.id))
                    })
                    .flat_map(|c| [Some(c.subject.id), c.object.as_ref().map(|o| o.id)])
                    .flatten()
                    .collect();
                let before = reached.len();
                reached.extend(next);
                if reached.len() == before {
                    break;
                }
            }
            let claims: Vec<&Claim> = live
                .into_iter()
                .filter(|c| {
                    reached.contains(&c.subject.id) && c.object.as_ref().is_none_or(|o| reached.contains(&o.id))
                })
                .collect();
            (claims, reached)
        }
        Scope::Tag { tag } => {
            let sources: BTreeSet<i32> =
                library.tags.iter().filter(|(_, t)| t == tag.trim()).map(|(s, _)| *s).collect();
            let claims: Vec<&Claim> = live
                .into_iter()
                .filter(|c| citations_of.get(&c.id).is_some_and(|cs| cs.iter().any(|x| sources.contains(&x.source_id))))
                .collect();
            (claims, BTreeSet::new())
        }
        Scope::Dates { from, to } => {
            // A range end is a day, month or year (EDTF); it covers all of its days.
            let from = match from.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(d) => edtf::bounds(d)?.lower,
                None => None,
            };
            let to = match to.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(d) => edtf::bounds(d)?.upper,
                None => None,
            };
            let claims: Vec<&Claim> = live
                .into_iter()
                .filter(|c| {
                    let Some(bounds) = c.date.as_deref().and_then(|d| edtf::bounds(d).ok()) else { return false };
                    let after = from.as_ref().is_none_or(|f| bounds.upper.as_ref().is_none_or(|u| u >= f));
                    let before = to.as_ref().is_none_or(|t| bounds.lower.as_ref().is_none_or(|l| l <= t));
                    (bounds.lower.is_some() || bounds.upper.is_some()) && after && before
                })
                .collect();
            (claims, BTreeSet::new())
        }
    })
}
