//! Reshaping actors (merge, undo, split), editing suggestions, and linking an actor's
//! unlinked mentions across the library.

use super::*;
use dossier_core::link;

/// Code-point span of the `nth` occurrence of `needle` in `text`.
fn span_of(text: &str, needle: &str, nth: usize) -> (i32, i32) {
    let (at, _) = text.match_indices(needle).nth(nth).unwrap();
    let start = text[..at].chars().count() as i32;
    (start, start + needle.chars().count() as i32)
}

fn mention(store: &mut Store, source: i32, actor: i32, text: &str, surface: &str, nth: usize) -> i32 {
    let (start, end) = span_of(text, surface, nth);
    store
        .insert_mentions(&[NewMention {
            source_id: source,
            actor_id: Some(actor),
            start,
            end,
            surface: surface.into(),
            kind: None,
            status: ReviewStatus::Accepted,
        }])
        .unwrap()[0]
}

fn mention_actors(store: &Store, source: i32) -> Vec<(String, Option<i32>)> {
    store.mentions_in_source(source).unwrap().into_iter().map(|m| (m.surface, m.actor_id)).collect()
}

const SPLIT_ARTICLE: &str = "Notes on the network\n\n\
Hezbollah and Iran signed a pact in 2022. \
Separately, the Party of God militia in Iraq met Iran's envoy.\n";

#[test]
fn merging_moves_every_row_and_undoing_puts_each_back() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let kept = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &["Hizballah"]);
    let merged = actor(&mut store, "Hizbullah", ActorKind::Other, &["Party of God"]);
    let proxy = claim(&mut store, merged, Relation::ProxyOf, iran, "Hizbullah acts for Iran");
    let backed = claim(&mut store, iran, Relation::Supports, merged, "Iran backs Hizbullah");
    mention(&mut store, source, merged, ARTICLE, "Hezbollah", 0);
    let note = store.insert_note("Open questions", "Is [[Hizbullah]] the same as [[Hezbollah]]?").unwrap();
    let before_kept = store.actor(kept).unwrap();
    let before_merged = store.actor(merged).unwrap();

    let outcome = store.merge_actors(kept, merged).unwrap();
    assert_eq!((outcome.kept_id, outcome.aliases_added, outcome.mentions, outcome.claims), (kept, 2, 1, 2));
    assert_eq!(store.actor(merged).unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(store.actor(kept).unwrap().aliases, ["Hezbollah", "Hizballah", "Hizbullah", "Party of God"]);
    assert_eq!(store.claim(proxy).unwrap().subject.id, kept);
    assert_eq!(store.claim(backed).unwrap().object.as_ref().unwrap().id, kept);
    assert_eq!(mention_actors(&store, source), [("Hezbollah".to_string(), Some(kept))]);
    let backlinks: Vec<i32> = store.backlinks(LinkTarget::Actor, kept).unwrap().into_iter().map(|n| n.id).collect();
    assert_eq!(backlinks, [note]);
    let history = store.actor_merges(Some(kept)).unwrap();
    assert_eq!((history[0].merged_name.as_str(), history[0].undone_at.is_none()), ("Hizbullah", true));

    let restored = store.undo_merge(outcome.merge_id).unwrap();
    assert_eq!(restored, merged, "the actor gets its old id back");
    let after_merged = store.actor(merged).unwrap();
    assert_eq!(
        (after_merged.name, after_merged.kind, after_merged.aliases),
        (before_merged.name, before_merged.kind, before_merged.aliases)
    );
    assert_eq!(store.actor(kept).unwrap().aliases, before_kept.aliases);
    assert_eq!(store.claim(proxy).unwrap().subject.id, merged);
    assert_eq!(store.claim(backed).unwrap().object.as_ref().unwrap().id, merged);
    assert_eq!(mention_actors(&store, source), [("Hezbollah".to_string(), Some(merged))]);
    assert_eq!(store.backlinks(LinkTarget::Actor, merged).unwrap().len(), 1);
    assert_eq!(store.backlinks(LinkTarget::Actor, kept).unwrap().len(), 1, "the note links both, as before");
    assert!(store.actor_merges(Some(kept)).unwrap()[0].undone_at.is_some());
    assert_eq!(store.undo_merge(outcome.merge_id).unwrap_err().code(), ErrorCode::InvalidInput);
}

#[test]
fn a_merge_stays_undoable_after_the_kept_actor_is_merged_again() {
    let (_dir, _path, mut store) = temp_store();
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let a = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &[]);
    let b = actor(&mut store, "Hizbullah", ActorKind::ArmedGroup, &[]);
    let c = actor(&mut store, "Lebanese Hezbollah", ActorKind::ArmedGroup, &[]);
    let on_b = claim(&mut store, b, Relation::ProxyOf, iran, "");
    let first = store.merge_actors(a, b).unwrap();
    store.merge_actors(c, a).unwrap();
    assert_eq!(store.claim(on_b).unwrap().subject.id, c);
    assert_eq!(store.actor_merges(Some(c)).unwrap().len(), 2, "the older merge follows the kept actor");

    let restored = store.undo_merge(first.merge_id).unwrap();
    assert_eq!(store.claim(on_b).unwrap().subject.id, restored);
    assert_eq!(store.actor(restored).unwrap().name, "Hizbullah");
    assert!(!store.actor(c).unwrap().aliases.contains(&"Hizbullah".to_string()));
    assert_eq!(store.merge_actors(c, c).unwrap_err().code(), ErrorCode::InvalidInput);
}

#[test]
fn splitting_an_alias_takes_its_mentions_and_the_claims_cited_only_by_it() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, SPLIT_ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &["Party of God"]);
    mention(&mut store, source, hezbollah, SPLIT_ARTICLE, "Hezbollah", 0);
    mention(&mut store, source, hezbollah, SPLIT_ARTICLE, "Party of God", 0);
    let pact = claim(&mut store, hezbollah, Relation::SignsAgreementWith, iran, "");
    let (s, e) = span_of(SPLIT_ARTICLE, "Hezbollah and Iran signed a pact in 2022.", 0);
    cite(&mut store, pact, source, s, e);
    let meeting = claim(&mut store, hezbollah, Relation::Meets, iran, "");
    let (s, e) = span_of(SPLIT_ARTICLE, "Separately, the Party of God militia in Iraq met Iran's envoy.", 0);
    cite(&mut store, meeting, source, s, e);

    let outcome = store.split_alias(hezbollah, "party of god").unwrap();
    assert_eq!((outcome.mentions, outcome.claims), (1, 1));
    let split = store.actor(outcome.actor_id).unwrap();
    assert_eq!((split.name.as_str(), split.kind), ("Party of God", ActorKind::ArmedGroup));
    assert_eq!(store.actor(hezbollah).unwrap().aliases, ["Hezbollah"]);
    assert_eq!(store.claim(pact).unwrap().subject.id, hezbollah);
    assert_eq!(store.claim(meeting).unwrap().subject.id, outcome.actor_id);
    assert_eq!(
        mention_actors(&store, source),
        [("Hezbollah".to_string(), Some(hezbollah)), ("Party of God".to_string(), Some(outcome.actor_id))]
    );
    assert_eq!(store.split_alias(hezbollah, "Hezbollah").unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(store.split_alias(hezbollah, "Hizballah").unwrap_err().code(), ErrorCode::InvalidInput);
}

#[test]
fn an_edited_suggestion_is_accepted_as_edited_and_survives_reanalysis() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let (s, e) = span_of(ARTICLE, "Iran signed a cooperation agreement with Venezuela in 2022, officials said.", 0);
    let proposed = stored_suggestion(
        SuggestionKind::Claim,
        serde_json::json!({
            "subject": "Iran", "relation": "cooperates_with", "object": "Venezuela", "date": "2022",
            "attributed_to": null, "certainty": "asserted",
            "citation": { "start": s, "end": e, "exact": "", "prefix": "", "suffix": "" }
        }),
    );
    store.replace_suggestions(source, std::slice::from_ref(&proposed)).unwrap();
    let id = store.list_suggestions(Some(source), None, None, PageRequest::default()).unwrap().items[0].id;

    let edit = SuggestionEdit {
        relation: Some(Relation::SignsAgreementWith),
        certainty: Some(Certainty::Reported),
        date: Some("2022-03".into()),
        ..SuggestionEdit::default()
    };
    let edited = store.edit_suggestion(id, &edit).unwrap();
    assert_eq!(edited.label, "Iran signs_agreement_with Venezuela");
    let bad_date = SuggestionEdit { date: Some("March".into()), ..SuggestionEdit::default() };
    assert_eq!(store.edit_suggestion(id, &bad_date).unwrap_err().code(), ErrorCode::InvalidInput);
    let wrong_field = SuggestionEdit { speaker: Some("Humire".into()), ..SuggestionEdit::default() };
    assert_eq!(store.edit_suggestion(id, &wrong_field).unwrap_err().code(), ErrorCode::InvalidInput);
    let no_subject = SuggestionEdit { subject: Some(" ".into()), ..SuggestionEdit::default() };
    assert_eq!(store.edit_suggestion(id, &no_subject).unwrap_err().code(), ErrorCode::InvalidInput);

    // Re-analysis proposes the original again: the edited one is kept, not replaced.
    store.replace_suggestions(source, &[proposed]).unwrap();
    let pending = store.list_suggestions(Some(source), None, None, PageRequest::default()).unwrap();
    assert_eq!(
        pending.items.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
        ["Iran signs_agreement_with Venezuela"]
    );

    let accepted = store.accept_suggestion(id).unwrap();
    let claim = store.claim(accepted.claim_id.unwrap()).unwrap();
    assert_eq!(
        (claim.relation, claim.certainty, claim.date.as_deref()),
        (Relation::SignsAgreementWith, Certainty::Reported, Some("2022-03"))
    );
    assert_eq!(
        store.edit_suggestion(id, &edit).unwrap_err().code(),
        ErrorCode::InvalidInput,
        "decided suggestions stay as decided"
    );
}

#[test]
fn a_new_alias_finds_its_unlinked_mentions_across_the_library_and_links_them_at_once() {
    let (_dir, _path, mut store) = temp_store();
    let first = article(&mut store, ARTICLE);
    let second = article(&mut store, "Party notes\n\nHEZBOLLAH denied it. The party of god (lower case) is a phrase. Hizbullah's envoy and the Party of God met.\n");
    let third = article(&mut store, "Unrelated\n\nNothing about the group here.\n");
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &[]);
    mention(&mut store, first, hezbollah, ARTICLE, "Hezbollah", 0);
    store.add_alias(hezbollah, "Party of God").unwrap();
    store.add_alias(hezbollah, "Hizbullah").unwrap();

    let unlinked = link::unlinked_mentions(&store, hezbollah, 2).unwrap();
    assert_eq!((unlinked.total, unlinked.sources), (3, 1), "{unlinked:?}");
    assert_eq!(unlinked.items.len(), 2);
    assert_eq!(unlinked.items[0].surface, "HEZBOLLAH");
    assert_eq!(unlinked.items[1].surface, "Hizbullah");
    assert!(unlinked.items[1].suffix.starts_with("'s envoy"));
    assert_eq!(unlinked.items[0].source_id, second);

    assert_eq!(link::link_unlinked_mentions(&mut store, hezbollah).unwrap().len(), 3);
    let linked: Vec<String> = mention_actors(&store, second).into_iter().map(|(s, _)| s).collect();
    assert_eq!(linked, ["HEZBOLLAH", "Hizbullah", "Party of God"]);
    assert!(store.mentions_in_source(third).unwrap().is_empty());
    assert_eq!(link::unlinked_mentions(&store, hezbollah, 10).unwrap().total, 0, "linking twice adds nothing");
}

/// A store written by schema v2 (committed as it was) opens under today's schema with its
/// decisions and records.
#[test]
fn a_version_2_store_is_migrated_and_keeps_its_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.dossier");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/stores/v2.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "2");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let stats = store.stats().unwrap();
    assert_eq!((stats.sources, stats.actors, stats.claims, stats.citations, stats.mentions), (3, 4, 1, 2, 2));
    let rejected = store.list_suggestions(None, None, Some(ReviewStatus::Rejected), PageRequest::default()).unwrap();
    assert_eq!(rejected.total, 1);
    // The new schema's features work on the old rows.
    let maduro = store.find_actors_by_name("Nicolás Maduro").unwrap()[0];
    let hezbollah = store.find_actors_by_name("Hezbollah").unwrap()[0];
    let merge = store.merge_actors(hezbollah, maduro).unwrap();
    assert_eq!(merge.mentions, 2);
    store.undo_merge(merge.merge_id).unwrap();
    assert_eq!(store.stats().unwrap(), stats);
}

#[test]
fn undoing_an_acceptance_removes_what_it_wrote_and_reopens_the_suggestion() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let existing = actor(&mut store, "Iran", ActorKind::State, &[]);
    let (s, e) = span_of(ARTICLE, "Iran signed a cooperation agreement with Venezuela in 2022, officials said.", 0);
    let (vs, ve) = span_of(ARTICLE, "Venezuela", 0);
    let suggestions = [
        stored_suggestion(
            SuggestionKind::Claim,
            serde_json::json!({
                "subject": "Iran", "relation": "signs_agreement_with", "object": "Venezuela", "date": null,
                "attributed_to": null, "certainty": "asserted",
                "citation": { "start": s, "end": e, "exact": "", "prefix": "", "suffix": "" }
            }),
        ),
        stored_suggestion(
            SuggestionKind::Actor,
            serde_json::json!({ "name": "Iran", "kind": "state", "surfaces": ["Islamic Republic"],
                                "mentions": [{ "start": vs, "end": ve }] }),
        ),
    ];
    store.replace_suggestions(source, &suggestions).unwrap();
    let listed = store.list_suggestions(Some(source), None, None, PageRequest::default()).unwrap();
    let claim_suggestion = listed.items.iter().find(|s| s.kind == SuggestionKind::Claim).unwrap();
    assert_eq!(claim_suggestion.exact, "Iran signed a cooperation agreement with Venezuela in 2022, officials said.");
    assert!(claim_suggestion.prefix.ends_with("ties\n\n") && claim_suggestion.suffix.starts_with(" “The alliance"));
    assert_eq!(claim_suggestion.source_title, "Tehran and Caracas deepen ties");
    let actor_suggestion = listed.items.iter().find(|s| s.kind == SuggestionKind::Actor).unwrap().id;
    let claim_suggestion = claim_suggestion.id;
    let before = store.stats().unwrap();

    let accepted = store.accept_suggestion(claim_suggestion).unwrap();
    assert_eq!(accepted.actors_created, 1, "Venezuela is new, Iran is reused");
    store.accept_suggestion(actor_suggestion).unwrap();
    assert_eq!(store.actor(existing).unwrap().aliases, ["Iran", "Islamic Republic"]);

    store.reopen_suggestion(claim_suggestion).unwrap();
    store.reopen_suggestion(actor_suggestion).unwrap();
    let after = store.stats().unwrap();
    assert_eq!((after.claims, after.citations, after.mentions, after.actors), (before.claims, before.citations, 0, 1));
    assert_eq!(store.actor(existing).unwrap().aliases, ["Iran"], "the alias the acceptance added is gone");
    assert_eq!(after.suggestions, 2);
    // Rejections are reopened too, and accepting again works.
    store.set_suggestion_status(actor_suggestion, ReviewStatus::Rejected).unwrap();
    store.reopen_suggestion(actor_suggestion).unwrap();
    assert_eq!(store.accept_suggestion(claim_suggestion).unwrap().actors_created, 1);
}

#[test]
fn an_actor_page_lists_relations_by_sources_and_mentions_and_previews_a_merge() {
    let (_dir, _path, mut store) = temp_store();
    let first = article(&mut store, ARTICLE);
    let second = article(&mut store, SPLIT_ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &["Hizbullah"]);
    let party = actor(&mut store, "Party of God", ActorKind::Other, &["Hizbullah"]);
    // Two sources state the pact, one of them twice.
    for (source, text, sentence) in [
        (first, ARTICLE, "Hezbollah has maintained a presence in the region for decades."),
        (second, SPLIT_ARTICLE, "Hezbollah and Iran signed a pact in 2022."),
        (second, SPLIT_ARTICLE, "Separately, the Party of God militia in Iraq met Iran's envoy."),
    ] {
        let (s, e) = span_of(text, sentence, 0);
        store
            .cite_claim(&CitedClaim {
                source_id: source,
                start: s,
                end: e,
                subject_id: hezbollah,
                relation: Relation::ProxyOf,
                relation_text: None,
                object_id: Some(iran),
                date: None,
                attributed_to_id: None,
                certainty: Certainty::Asserted,
            })
            .unwrap();
    }
    let relations = store.actor_relations(hezbollah).unwrap();
    assert_eq!(relations.len(), 1);
    assert_eq!(
        (relations[0].relation, relations[0].outgoing, relations[0].claims, relations[0].sources),
        (Relation::ProxyOf, true, 3, 2)
    );
    assert_eq!(relations[0].other.name, "Iran");
    assert!(!store.actor_relations(iran).unwrap()[0].outgoing);

    // A mutual relation stated both ways is one relation, its sources counted once.
    for (subject, object) in [(iran, hezbollah), (hezbollah, iran)] {
        let (s, e) = span_of(SPLIT_ARTICLE, "Hezbollah and Iran signed a pact in 2022.", 0);
        let claim = CitedClaim {
            source_id: second,
            start: s,
            end: e,
            subject_id: subject,
            relation: Relation::AllyOf,
            relation_text: None,
            object_id: Some(object),
            date: None,
            attributed_to_id: None,
            certainty: Certainty::Asserted,
        };
        store.cite_claim(&claim).unwrap();
    }
    for (actor, other) in [(iran, "Hezbollah"), (hezbollah, "Iran")] {
        let allies: Vec<_> =
            store.actor_relations(actor).unwrap().into_iter().filter(|r| r.relation == Relation::AllyOf).collect();
        assert_eq!(allies.len(), 1, "{allies:?}");
        assert_eq!(
            (allies[0].outgoing, allies[0].claims, allies[0].sources, allies[0].other.name.as_str()),
            (true, 2, 1, other)
        );
    }

    let (s, e) = span_of(SPLIT_ARTICLE, "Party of God", 0);
    let mention = store.link_span(second, s, e, party).unwrap();
    let mentions = store.actor_mentions(party, PageRequest::default()).unwrap();
    assert_eq!((mentions.total, mentions.items[0].surface.as_str()), (1, "Party of God"));
    assert!(mentions.items[0].prefix.ends_with("the ") && mentions.items[0].suffix.starts_with(" militia"));

    let preview = store.merge_preview(hezbollah, party).unwrap();
    assert_eq!(preview, MergePreview { aliases: 1, mentions: 1, claims: 0, citations: 0, notes: 0 });
    let moved = store.merge_actors(hezbollah, party).unwrap();
    assert_eq!((moved.aliases_added, moved.mentions), (preview.aliases, preview.mentions));
    store.delete_mentions(&[mention]).unwrap();
    assert_eq!(store.delete_mentions(&[mention]).unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(store.link_span(second, 5, 500_000, iran).unwrap_err().code(), ErrorCode::InvalidInput);
}

#[test]
fn the_actor_and_claim_lists_find_by_words_narrow_by_kind_or_relation_and_sort() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &["Islamic Republic"]);
    let guard = actor(&mut store, "Iranian Revolutionary Guard", ActorKind::ArmedGroup, &[]);
    let venezuela = actor(&mut store, "Venezuela", ActorKind::State, &[]);
    let supply = claim(&mut store, iran, Relation::Supplies, venezuela, "");
    let ally = claim(&mut store, guard, Relation::AllyOf, venezuela, "");
    cite(&mut store, supply, source, 0, 10);
    store.set_claim_status(ally, ReviewStatus::Accepted).unwrap();

    let actors = |listing: ActorListing| -> Vec<String> {
        store.find_actors(&listing, PageRequest::new(0, 50)).unwrap().items.into_iter().map(|a| a.name).collect()
    };
    let words = |w: &str| Some(w.to_string());
    assert_eq!(
        actors(ActorListing { words: words("iran"), ..Default::default() }),
        ["Iran", "Iranian Revolutionary Guard"]
    );
    assert_eq!(actors(ActorListing { words: words("islamic"), ..Default::default() }), ["Iran"], "by an alias");
    assert_eq!(actors(ActorListing { kind: Some(ActorKind::State), ..Default::default() }), ["Iran", "Venezuela"]);
    assert_eq!(
        actors(ActorListing { sort: ActorSort::Claims, ..Default::default() }),
        ["Venezuela", "Iran", "Iranian Revolutionary Guard"],
        "most claims first, then by name"
    );
    assert_eq!(actors(ActorListing { sort: ActorSort::Added, ..Default::default() })[0], "Venezuela");

    let claims = |listing: ClaimListing| -> Vec<i32> {
        store.find_claims(&listing, PageRequest::new(0, 50)).unwrap().items.into_iter().map(|c| c.id).collect()
    };
    assert_eq!(
        claims(ClaimListing { words: words("supplies"), ..Default::default() }),
        [supply],
        "by the relation's words"
    );
    assert_eq!(
        claims(ClaimListing { words: words("guard venezuela"), ..Default::default() }),
        [ally],
        "by the parties"
    );
    assert_eq!(claims(ClaimListing { relation: Some(Relation::AllyOf), ..Default::default() }), [ally]);
    assert_eq!(claims(ClaimListing { status: Some(ReviewStatus::Accepted), ..Default::default() }), [ally]);
    assert_eq!(claims(ClaimListing { sort: ClaimSort::Sources, ..Default::default() }), [supply, ally], "cited first");
    assert_eq!(claims(ClaimListing { sort: ClaimSort::Subject, ..Default::default() }), [supply, ally]);
}
