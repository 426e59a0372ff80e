//! Linking across the library: finding where sources name an actor by one of its
//! aliases without a mention saying so (after an actor or alias is added), and linking
//! them all at once. The full-text index narrows the sources; the extraction matcher
//! (the same folding and case rules as import) finds the exact spans.

use crate::extract::matcher::{close_variants, is_acronym, variant_key, Matcher, Target};
use crate::model::{ActorRef, NewMention, ReviewStatus, UnlinkedMention, UnlinkedMentions};
use crate::store::CITATION_CONTEXT;
use crate::{Result, Store};

/// Actors the library already has under `name` written another way: the same letters
/// but for case, accents and dashes ("Nicolas Maduro", "nicolás maduro"), or a close
/// transliteration ("Hizballah" for Hezbollah), by any of their names. Asked before an
/// actor is created, so that a person merges instead of making a duplicate.
pub fn actors_like(store: &Store, name: &str) -> Result<Vec<ActorRef>> {
    let name = name.trim();
    let mut ids = store.find_actors_by_name(name)?;
    let key = variant_key(name);
    if !key.trim().is_empty() {
        for (id, alias) in store.all_aliases()? {
            if !ids.contains(&id) && variant_key(&alias) == key && close_variants(&alias, name) {
                ids.push(id);
            }
        }
    }
    ids.iter().take(5).map(|&id| Ok(ActorRef { id, name: store.actor(id)?.name })).collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, NewActor};

    #[test]
    fn a_name_written_another_way_finds_the_actor_the_library_has() {
        let mut store = Store::open_in_memory().unwrap();
        let actor = |store: &mut Store, name: &str, aliases: &[&str]| {
            store
                .insert_actor(&NewActor {
                    name: name.into(),
                    kind: ActorKind::Other,
                    description: String::new(),
                    aliases: aliases.iter().map(|a| a.to_string()).collect(),
                })
                .unwrap()
        };
        let maduro = actor(&mut store, "Nicolás Maduro", &[]);
        let hezbollah = actor(&mut store, "Hezbollah", &["Party of God"]);
        actor(&mut store, "Iran", &[]);
        let like = |name: &str| actors_like(&store, name).unwrap().iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(like("Nicolas Maduro"), [maduro], "accents");
        assert_eq!(like("  NICOLÁS   maduro "), [maduro], "case and spaces");
        assert_eq!(like("Hizbollah"), [hezbollah], "a transliteration");
        assert_eq!(like("party of god"), [hezbollah], "by an alias");
        assert!(like("Iraq").is_empty(), "one letter apart but another country");
        assert!(like("Nicolás Maduro Guerra").is_empty(), "his son");
        assert!(like("").is_empty());
    }
}
