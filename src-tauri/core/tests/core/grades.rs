//! Grading: a source's reliability, its own or its site's default (inherited by every
//! source from the site without its own, new ones too); a claim's credibility, suggested
//! from the claim or set by a person; the "B2 or better" filters; undo.

use super::*;
use dossier_core::history;

fn page(url: Option<&str>, publisher: Option<&str>, title: &str) -> NewSource {
    let text = format!("{title}\n\nIran supplied drones to Venezuela, the report said. {title}.\n");
    NewSource {
        title: title.into(),
        url: url.map(str::to_string),
        publisher: publisher.map(str::to_string),
        media_type: "text/html".into(),
        original: text.as_bytes().to_vec(),
        text,
        ..NewSource::default()
    }
}

fn add(store: &mut Store, url: Option<&str>, publisher: Option<&str>, title: &str) -> i32 {
    store.insert_source(&page(url, publisher, title)).unwrap().id()
}

fn reliability(store: &Store, source: i32) -> (Option<Reliability>, Option<Reliability>, Option<Reliability>) {
    let grade = store.source_grade(source).unwrap();
    (grade.own, grade.site_default, grade.reliability)
}

#[test]
fn sources_without_their_own_grade_take_their_sites_default_new_ones_too() {
    let (_dir, _path, mut store) = temp_store();
    let first = add(&mut store, Some("https://www.Wire-Agency.com/world/1"), Some("Wire Agency"), "First");
    let second = add(&mut store, Some("https://wire-agency.com:443/world/2?x=1"), None, "Second");
    let other = add(&mut store, Some("http://blog.example.org"), None, "Other");
    let no_url = add(&mut store, None, Some("  Al Mayadeen "), "No address");
    assert_eq!(store.source_grade(first).unwrap().site.as_deref(), Some("wire-agency.com"));
    assert_eq!(store.source_grade(second).unwrap().site.as_deref(), Some("wire-agency.com"));
    assert_eq!(store.source_grade(other).unwrap().site.as_deref(), Some("blog.example.org"));
    assert_eq!(store.source_grade(no_url).unwrap().site.as_deref(), Some("al mayadeen"));
    assert_eq!(reliability(&store, first), (None, None, None), "nothing is graded at first");

    history::grade_site(&mut store, "www.wire-agency.com", Some(Reliability::B)).unwrap();
    assert_eq!(reliability(&store, first), (None, Some(Reliability::B), Some(Reliability::B)));
    assert_eq!(reliability(&store, second).2, Some(Reliability::B));
    assert_eq!(reliability(&store, other).2, None, "another site keeps no grade");

    // A source's own grade wins over its site's, and stays when the site's changes.
    history::grade_source(&mut store, first, Some(Reliability::A)).unwrap();
    history::grade_site(&mut store, "wire-agency.com", Some(Reliability::C)).unwrap();
    assert_eq!(reliability(&store, first), (Some(Reliability::A), Some(Reliability::C), Some(Reliability::A)));
    assert_eq!(reliability(&store, second).2, Some(Reliability::C));

    // A source imported later from the site takes the default.
    let later = add(&mut store, Some("https://wire-agency.com/world/3"), None, "Later");
    assert_eq!(reliability(&store, later).2, Some(Reliability::C));

    let sites = store.site_grades().unwrap();
    let wire = sites.iter().find(|s| s.site == "wire-agency.com").unwrap();
    assert_eq!((wire.reliability, wire.sources, wire.inheriting), (Some(Reliability::C), 3, 2));

    // Taking the source's own grade away leaves its site's; undo puts each back.
    history::grade_source(&mut store, first, None).unwrap();
    assert_eq!(reliability(&store, first).2, Some(Reliability::C));
    history::undo(&mut store, None).unwrap();
    assert_eq!(reliability(&store, first).2, Some(Reliability::A));
    history::undo(&mut store, None).unwrap(); // the site back to B
    assert_eq!(reliability(&store, second).2, Some(Reliability::B));
    assert_eq!(reliability(&store, later).2, Some(Reliability::B));

    // The Library's filter reads not graded as F.
    let at_least = |r: Reliability| {
        let filter = SourceFilter { reliability: Some(r), ..SourceFilter::default() };
        let mut ids: Vec<i32> = store
            .filter_sources(SourceSort::TitleAsc, &filter, PageRequest::default())
            .unwrap()
            .items
            .iter()
            .map(|s| s.id)
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(at_least(Reliability::A), vec![first]);
    assert_eq!(at_least(Reliability::B), vec![first, second, later]);
    assert_eq!(at_least(Reliability::F).len(), 5);
    let row = store.source(second).unwrap().summary;
    assert_eq!(row.reliability, Some(Reliability::B));

    // Grading the same again records nothing.
    let changes = store.list_changes(100).unwrap().len();
    history::grade_source(&mut store, first, Some(Reliability::A)).unwrap();
    assert_eq!(store.list_changes(100).unwrap().len(), changes);
    let bad = history::grade_site(&mut store, "  ", Some(Reliability::A)).unwrap_err();
    assert_eq!(bad.code(), ErrorCode::InvalidInput);
}

/// Iran, Venezuela and an official, made once per store.
fn parties(store: &mut Store) -> (i32, i32, i32) {
    let known = store.list_actors(None, PageRequest::default()).unwrap().items;
    let id = |name: &str| known.iter().find(|a| a.name == name).map(|a| a.id);
    if let (Some(iran), Some(venezuela), Some(official)) = (id("Iran"), id("Venezuela"), id("An official")) {
        return (iran, venezuela, official);
    }
    let iran = actor(store, "Iran", ActorKind::State, &[]);
    let venezuela = actor(store, "Venezuela", ActorKind::State, &[]);
    (iran, venezuela, actor(store, "An official", ActorKind::Person, &[]))
}

fn claim_on(store: &mut Store, sources: &[i32], certainty: Certainty, attributed: bool) -> (i32, i32, i32) {
    let (iran, venezuela, official) = parties(store);
    let id = store
        .insert_claim(&NewClaim {
            subject_id: iran,
            relation: Relation::Supplies,
            relation_text: None,
            object_id: Some(venezuela),
            object_text: None,
            statement: String::new(),
            date: Some("2022".into()),
            attributed_to_id: attributed.then_some(official),
            certainty,
            status: ReviewStatus::Accepted,
            origin: Origin::User,
        })
        .unwrap();
    for &source in sources {
        cite(store, id, source, 0, 10);
    }
    (id, iran, venezuela)
}

#[test]
fn a_claims_credibility_is_suggested_from_how_it_is_stated_and_a_persons_grade_wins() {
    let (_dir, _path, mut store) = temp_store();
    let one = add(&mut store, Some("https://one.example/a"), None, "One");
    let two = add(&mut store, Some("https://two.example/b"), None, "Two");
    let (asserted, ..) = claim_on(&mut store, &[one], Certainty::Asserted, false);
    let grade = store.claim(asserted).unwrap().grade;
    assert_eq!((grade.reliability, grade.credibility, grade.set, grade.suggested), (None, 2, false, 2));
    assert_eq!(grade.label(), "–2");

    // Quoted rather than in the source's voice: possibly true; alleged: doubtful.
    let (quoted, ..) = claim_on(&mut store, &[one], Certainty::Asserted, true);
    assert_eq!(store.claim(quoted).unwrap().grade.credibility, 3);
    let (alleged, ..) = claim_on(&mut store, &[one], Certainty::Alleged, false);
    assert_eq!(store.claim(alleged).unwrap().grade.credibility, 4);
    let (denied, ..) = claim_on(&mut store, &[one], Certainty::Denied, false);
    assert_eq!(store.claim(denied).unwrap().grade.credibility, 5);
    let (uncited, ..) = claim_on(&mut store, &[], Certainty::Asserted, false);
    assert_eq!(store.claim(uncited).unwrap().grade.credibility, 6);
    assert!(store.credibility_reason(uncited).unwrap().1.contains("no passage"));
    // The suggestion read with every claim (SQL) is the one explained (Rust), claim by claim.
    for id in [asserted, quoted, alleged, denied, uncited] {
        assert_eq!(store.claim(id).unwrap().grade.suggested, store.credibility_reason(id).unwrap().0, "claim {id}");
    }

    // Two independent sources confirm it; made one story, they no longer do.
    let (confirmed, ..) = claim_on(&mut store, &[one, two], Certainty::Reported, false);
    assert_eq!(store.claim(confirmed).unwrap().grade.credibility, 1);
    history::judge_copy(&mut store, one, two, Some(CopyVerdict::Copy)).unwrap();
    assert_eq!(store.claim(confirmed).unwrap().grade.credibility, 3);
    assert_eq!(store.credibility_reason(confirmed).unwrap().0, 3);

    // The best graded source is the claim's reliability.
    history::grade_source(&mut store, one, Some(Reliability::D)).unwrap();
    history::grade_source(&mut store, two, Some(Reliability::B)).unwrap();
    assert_eq!(store.claim(confirmed).unwrap().grade.label(), "B3");

    history::grade_claim(&mut store, confirmed, Some(2)).unwrap();
    let grade = store.claim(confirmed).unwrap().grade;
    assert_eq!((grade.credibility, grade.set, grade.suggested), (2, true, 3));
    let entry = store.list_changes(1).unwrap().remove(0);
    assert!(entry.label.contains("2 (probably true)"), "{}", entry.label);
    history::undo(&mut store, None).unwrap();
    assert_eq!(store.claim(confirmed).unwrap().grade.set, false);
    let bad = history::grade_claim(&mut store, confirmed, Some(7)).unwrap_err();
    assert_eq!(bad.code(), ErrorCode::InvalidInput);
}

#[test]
fn only_b2_or_better_keeps_claims_edges_and_timeline_items_graded_so() {
    let (_dir, _path, mut store) = temp_store();
    let good = add(&mut store, Some("https://good.example/a"), None, "Good");
    let poor = add(&mut store, Some("https://poor.example/b"), None, "Poor");
    history::grade_site(&mut store, "good.example", Some(Reliability::B)).unwrap();
    history::grade_source(&mut store, poor, Some(Reliability::E)).unwrap();
    let (strong, iran, venezuela) = claim_on(&mut store, &[good], Certainty::Asserted, false); // B2
    let (weak, ..) = claim_on(&mut store, &[poor], Certainty::Asserted, false); // E2
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &[]);
    let alleged = store
        .insert_claim(&NewClaim {
            subject_id: iran,
            relation: Relation::Funds,
            relation_text: None,
            object_id: Some(hezbollah),
            object_text: None,
            statement: String::new(),
            date: Some("2023".into()),
            attributed_to_id: None,
            certainty: Certainty::Alleged,
            status: ReviewStatus::Accepted,
            origin: Origin::User,
        })
        .unwrap();
    cite(&mut store, alleged, good, 0, 10); // B4

    let b2 = GradeFilter::parse("B2").unwrap();
    let listed = |store: &Store, grade: Option<GradeFilter>| {
        let listing = ClaimListing { grade, ..ClaimListing::default() };
        let page = store.find_claims(&listing, PageRequest::default()).unwrap();
        assert_eq!(page.total as usize, page.items.len());
        page.items.iter().map(|c| c.id).collect::<Vec<_>>()
    };
    assert_eq!(listed(&store, None), vec![strong, weak, alleged]);
    assert_eq!(listed(&store, Some(b2)), vec![strong]);
    assert!(store.claim(weak).unwrap().grade.passes(GradeFilter::parse("E2")));
    assert!(!store.claim(weak).unwrap().grade.passes(Some(b2)));

    // The graph: the Iran → Hezbollah edge (B4) goes; Iran → Venezuela stands on one claim.
    let all = store.network(&NetworkFilter::default()).unwrap();
    assert_eq!(all.relations.len(), 2);
    let graded = store.network(&NetworkFilter { grade: Some(b2), ..NetworkFilter::default() }).unwrap();
    assert_eq!(graded.relations, vec![Relation::Supplies]);
    assert_eq!(graded.claim_counts, vec![1]);
    assert_eq!(graded.names.iter().filter(|n| n.as_str() == "Iran").count(), 1);
    let _ = venezuela;

    // A person's grade moves a claim in or out.
    history::grade_claim(&mut store, alleged, Some(2)).unwrap();
    assert_eq!(listed(&store, Some(b2)), vec![strong, alleged]);

    // The timeline: only claims so graded (and sources so reliable).
    let timeline = |grade| {
        store
            .timeline(&TimelineFilter { grade, ..TimelineFilter::default() }, PageRequest::default())
            .unwrap()
            .items
            .iter()
            .filter(|i| i.kind == TimelineKind::Claim)
            .map(|i| i.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(timeline(None).len(), 3);
    assert_eq!(timeline(Some(b2)), vec![strong, alleged]);
}

#[test]
fn a_claim_accepted_with_a_grade_is_one_change_and_its_undo_takes_the_grade_too() {
    let (_dir, _path, mut store) = temp_store();
    let source = add(&mut store, Some("https://one.example/a"), None, "One");
    let claim = stored_suggestion(
        SuggestionKind::Claim,
        serde_json::json!({
            "subject": "Iran", "relation": "supplies", "object": "Venezuela", "date": null,
            "attributed_to": null, "certainty": "reported",
            "citation": { "start": 0, "end": 3, "exact": "", "prefix": "", "suffix": "" }
        }),
    );
    store.replace_suggestions(source, &[claim, actor_suggestion("Hezbollah")]).unwrap();
    let all = store.list_suggestions(Some(source), None, None, PageRequest::new(0, 50)).unwrap().items;
    let id_of = |kind: SuggestionKind| all.iter().find(|s| s.kind == kind).unwrap().id;
    let changes = store.list_changes(100).unwrap().len();
    let accepted = history::accept_graded(&mut store, id_of(SuggestionKind::Claim), Some(2)).unwrap();
    let claim = accepted.claim_id.unwrap();
    let grade = store.claim(claim).unwrap().grade;
    assert_eq!((grade.credibility, grade.set, grade.suggested), (2, true, 3));
    let log = store.list_changes(100).unwrap();
    assert_eq!(log.len(), changes + 1);
    assert!(log[0].label.ends_with(", graded 2 (probably true)"), "{}", log[0].label);
    history::undo(&mut store, None).unwrap();
    assert!(store.claim(claim).is_err());
    assert_eq!(store.stats().unwrap().claims, 0);

    let refused = history::accept_graded(&mut store, id_of(SuggestionKind::Actor), Some(2)).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
}

#[test]
fn the_site_a_source_is_graded_under_is_the_site_a_person_types() {
    let (_dir, _path, mut store) = temp_store();
    let addresses = [
        ("https://WWW.Wire-Example.com/world/1", "wire-example.com"),
        ("https://user:secret@news.example.org:8443/a?b=c", "news.example.org"),
        ("http://someone@example.net", "example.net"),
        ("https://example.com./page", "example.com"),
        ("https://[2001:db8::1]:443/x", "[2001:db8::1]"),
        ("https://example.com#top", "example.com"),
    ];
    for (i, (url, site)) in addresses.iter().enumerate() {
        let id = add(&mut store, Some(url), None, &format!("Address {i}"));
        assert_eq!(store.source_grade(id).unwrap().site.as_deref(), Some(*site), "{url}");
        assert_eq!(dossier_core::store::grades::site_key(url).as_deref(), Some(*site), "typed {url}");
    }
    // Not an address with a scheme: the publisher names the site.
    let publishers = [
        (Some("a.com/?u=https://b.com"), Some("Le Monde"), "le monde"),
        (None, Some("  www.Daily.Example. "), "daily.example"),
        (None, Some("Élysée Presse"), "Élysée presse"),
        (Some("https:///nothing"), Some("Agency"), "agency"),
    ];
    for (i, (url, publisher, site)) in publishers.iter().enumerate() {
        let id = add(&mut store, *url, *publisher, &format!("Publisher {i}"));
        assert_eq!(store.source_grade(id).unwrap().site.as_deref(), Some(*site), "{url:?} {publisher:?}");
        assert_eq!(dossier_core::store::grades::site_key(publisher.unwrap()).as_deref(), Some(*site));
        // A default set under the typed name reaches the source.
        history::grade_site(&mut store, publisher.unwrap(), Some(Reliability::D)).unwrap();
        assert_eq!(store.source_grade(id).unwrap().reliability, Some(Reliability::D), "{publisher:?}");
    }
    let none = add(&mut store, Some("not an address"), None, "Nothing");
    assert_eq!(store.source_grade(none).unwrap().site, None);
}
