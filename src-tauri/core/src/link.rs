//! Linking across the library: finding where sources name an actor by one of its
//! aliases without a mention saying so (after an actor or alias is added), and linking
//! them all at once. The full-text index narrows the sources; the extraction matcher
//! (the same folding and case rules as import) finds the exact spans.

use crate::extract::matcher::{is_acronym, Matcher, Target};
use crate::model::{NewMention, ReviewStatus, UnlinkedMention, UnlinkedMentions};
use crate::store::CITATION_CONTEXT;
use crate::{Result, Store};

/// Where the library names `actor_id` by one of its aliases with no mention of any
/// actor over that span: the count, the number of sources, and the first `limit`.
pub fn unlinked_mentions(store: &Store, actor_id: i32, limit: usize) -> Result<UnlinkedMentions> {
    let mut out = UnlinkedMentions::default();
    for_each_unlinked(store, actor_id, |found| {
        out.sources += 1;
        out.total += found.len() as i32;
        let room = limit.saturating_sub(out.items.len());
        out.items.extend(found.into_iter().take(room));
    })?;
    Ok(out)
}

/// Links every unlinked mention of `actor_id` (as accepted mentions), in one
/// transaction. Returns the new mentions' ids (for undoing).
pub fn link_unlinked_mentions(store: &mut Store, actor_id: i32) -> Result<Vec<i32>> {
    let actor = store.actor(actor_id)?;
    let mut mentions = Vec::new();
    for_each_unlinked(store, actor_id, |found| {
        mentions.extend(found.into_iter().map(|m| NewMention {
            source_id: m.source_id,
            actor_id: Some(actor_id),
            start: m.start,
            end: m.end,
            surface: m.surface,
            kind: Some(actor.kind),
            status: ReviewStatus::Accepted,
        }))
    })?;
    store.insert_mentions(&mentions)
}

fn for_each_unlinked(store: &Store, actor_id: i32, mut each: impl FnMut(Vec<UnlinkedMention>)) -> Result<()> {
    let actor = store.actor(actor_id)?;
    let matcher = Matcher::new(actor.aliases.iter().map(|alias| {
        let target =
            Target { id: 0, exact_case: is_acronym(alias), capitalised: alias.starts_with(char::is_uppercase) };
        (alias.clone(), target)
    }));
    for source_id in store.sources_with_any_phrase(&actor.aliases)? {
        let (title, text) = store.source_title_and_text(source_id)?;
        let hits = matcher.find(&text);
        if hits.is_empty() {
            continue;
        }
        let linked: Vec<(i32, i32)> = store
            .mentions_in_source(source_id)?
            .into_iter()
            .filter(|m| m.actor_id.is_some())
            .map(|m| (m.start, m.end))
            .collect();
        let mut points = crate::extract::CodePoints::new(&text);
        let found: Vec<UnlinkedMention> = hits
            .into_iter()
            .filter_map(|hit| {
                let (start, end) = (points.at(hit.start), points.at(hit.end));
                if linked.iter().any(|(s, e)| *s < end && *e > start) {
                    return None;
                }
                let before: Vec<char> = text[..hit.start].chars().rev().take(CITATION_CONTEXT as usize).collect();
                Some(UnlinkedMention {
                    source_id,
                    source_title: title.clone(),
                    start,
                    end,
                    surface: text[hit.start..hit.end].to_string(),
                    prefix: before.into_iter().rev().collect(),
                    suffix: text[hit.end..].chars().take(CITATION_CONTEXT as usize).collect(),
                })
            })
            .collect();
        if !found.is_empty() {
            each(found);
        }
    }
    Ok(())
}
