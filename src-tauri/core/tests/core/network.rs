//! The network behind the graph view: edges grouped from accepted claims, counted by
//! distinct sources, filtered, focused; and the evidence behind one edge.

use super::*;

/// Cites `passage` of `text` (source `source`) as the claim `(subject, relation, object)`.
fn cite(
    store: &mut Store,
    (source, text): (i32, &str),
    passage: &str,
    claim: (i32, Relation, i32),
    date: &str,
    certainty: Certainty,
) {
    let (subject, relation, object) = claim;
    let at = text.find(passage).unwrap();
    let start = text[..at].chars().count() as i32;
    store
        .cite_claim(&CitedClaim {
            source_id: source,
            start,
            end: start + passage.chars().count() as i32,
            subject_id: subject,
            relation,
            relation_text: None,
            object_id: Some(object),
            date: Some(date.into()).filter(|d: &String| !d.is_empty()),
            attributed_to_id: None,
            certainty,
        })
        .unwrap();
}

const SECOND: &str = "Hezbollah and Tehran\n\nIran funds Hezbollah, a defector alleged in 1994. \
Iran funds Hezbollah still, officials said in 2022. Venezuela hosted Hezbollah envoys.\n";

fn library() -> (tempfile::TempDir, Store, [i32; 4]) {
    let (dir, _path, mut store) = temp_store();
    let first = article(&mut store, ARTICLE);
    let second = article(&mut store, SECOND);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let venezuela = actor(&mut store, "Venezuela", ActorKind::State, &[]);
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &[]);
    let humire = actor(&mut store, "Joseph Humire", ActorKind::Person, &[]);
    let s = &mut store;
    cite(
        s,
        (first, ARTICLE),
        "Iran signed a cooperation agreement with Venezuela",
        (iran, Relation::SignsAgreementWith, venezuela),
        "2022",
        Certainty::Asserted,
    );
    cite(
        s,
        (first, ARTICLE),
        "Hezbollah has maintained a presence",
        (iran, Relation::Funds, hezbollah),
        "",
        Certainty::Reported,
    );
    cite(
        s,
        (second, SECOND),
        "Iran funds Hezbollah, a defector alleged in 1994",
        (iran, Relation::Funds, hezbollah),
        "1994",
        Certainty::Alleged,
    );
    cite(
        s,
        (second, SECOND),
        "Iran funds Hezbollah still",
        (iran, Relation::Funds, hezbollah),
        "2022",
        Certainty::Asserted,
    );
    cite(
        s,
        (second, SECOND),
        "Venezuela hosted Hezbollah envoys",
        (venezuela, Relation::Supports, hezbollah),
        "",
        Certainty::Asserted,
    );
    (dir, store, [iran, venezuela, hezbollah, humire])
}

/// Edges as "Subject relation Object: claims/sources certainty", sorted.
fn edges(network: &Network) -> Vec<String> {
    let mut out: Vec<String> = (0..network.edge_from.len())
        .map(|i| {
            format!(
                "{} {} {}: {}/{} {}",
                network.names[network.edge_from[i] as usize],
                network.relations[i].as_str(),
                network.names[network.edge_to[i] as usize],
                network.claim_counts[i],
                network.source_counts[i],
                network.certainties[i].as_str()
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn edges_group_accepted_claims_and_count_distinct_sources() {
    let (_dir, store, [_, _, hezbollah, _]) = library();
    let all = store.network(&NetworkFilter::default()).unwrap();
    assert_eq!(
        edges(&all),
        [
            "Iran funds Hezbollah: 3/2 asserted",
            "Iran signs_agreement_with Venezuela: 1/1 asserted",
            "Venezuela supports Hezbollah: 1/1 asserted"
        ]
    );
    assert_eq!(all.names.len(), 3, "Humire has no claim, so no node");
    let h = all.actor_ids.iter().position(|&id| id == hezbollah).unwrap();
    assert_eq!((all.kinds[h], all.degrees[h]), (ActorKind::ArmedGroup, 2));
    assert_eq!(all.omitted_edges, 0);
}

#[test]
fn filters_keep_what_they_name() {
    let (_dir, store, [iran, venezuela, _, humire]) = library();
    let with = |filter: NetworkFilter| edges(&store.network(&filter).unwrap());
    assert_eq!(with(NetworkFilter { min_sources: 2, ..Default::default() }), ["Iran funds Hezbollah: 3/2 asserted"]);
    assert_eq!(
        with(NetworkFilter { from: Some("1990-01-01".into()), to: Some("1999-12-31".into()), ..Default::default() }),
        ["Iran funds Hezbollah: 1/1 alleged"],
        "undated claims go when a date range is set"
    );
    assert_eq!(
        with(NetworkFilter { certainties: vec![Certainty::Reported, Certainty::Alleged], ..Default::default() }),
        ["Iran funds Hezbollah: 2/2 reported"]
    );
    assert_eq!(
        with(NetworkFilter { kinds: vec![ActorKind::State], ..Default::default() }),
        ["Iran signs_agreement_with Venezuela: 1/1 asserted"]
    );
    assert_eq!(
        with(NetworkFilter { relations: vec![Relation::Supports], ..Default::default() }),
        ["Venezuela supports Hezbollah: 1/1 asserted"]
    );
    assert_eq!(with(NetworkFilter { source_id: Some(1), ..Default::default() }).len(), 2);
    // Focus: one hop from Venezuela reaches Iran and Hezbollah, and the edge between them.
    assert_eq!(with(NetworkFilter { focus: Some(venezuela), hops: 1, ..Default::default() }).len(), 3);
    let lonely = store.network(&NetworkFilter { focus: Some(humire), hops: 2, ..Default::default() }).unwrap();
    assert_eq!((lonely.names.as_slice(), lonely.edge_from.len()), (&["Joseph Humire".to_string()][..], 0));
    let _ = iran;
}

#[test]
fn an_edge_opens_its_claims_with_their_quotations() {
    let (_dir, store, [iran, _, hezbollah, _]) = library();
    let evidence = store.edge_evidence(iran, hezbollah, Relation::Funds).unwrap();
    let dates: Vec<Option<&str>> = evidence.iter().map(|e| e.claim.date.as_deref()).collect();
    assert_eq!(dates, [Some("1994"), Some("2022"), None]);
    assert_eq!(evidence[0].citations[0].exact, "Iran funds Hezbollah, a defector alleged in 1994");
    assert_eq!(evidence[2].citations[0].source_title, "Tehran and Caracas deepen ties");
}

#[test]
fn the_timeline_orders_claims_and_sources_by_date_with_undated_ones_last() {
    let (_dir, mut store, [iran, venezuela, hezbollah, _]) = library();
    let second = 2;
    cite(
        &mut store,
        (second, SECOND),
        "Venezuela hosted",
        (venezuela, Relation::Meets, iran),
        "XXXX-12",
        Certainty::Asserted,
    );
    cite(
        &mut store,
        (second, SECOND),
        "officials said",
        (iran, Relation::Visits, venezuela),
        "2023-06?",
        Certainty::Reported,
    );
    let all = store.timeline(&TimelineFilter::default(), PageRequest::default()).unwrap();
    let shown: Vec<String> = all
        .items
        .iter()
        .map(|i| {
            format!(
                "{} {} {}{}",
                i.date,
                i.lower.as_deref().unwrap_or("-"),
                i.label,
                if i.uncertain { " (?)" } else { "" }
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "1994 1994-01-01 Iran funds Hezbollah",
            "2022 2022-01-01 Iran signs agreement with Venezuela",
            "2022 2022-01-01 Iran funds Hezbollah",
            "2023-06? 2023-06-01 Iran visits Venezuela (?)",
            "2024-10-02 2024-10-02 Tehran and Caracas deepen ties",
            "2024-10-02 2024-10-02 Hezbollah and Tehran",
            "XXXX-12 - Venezuela meets Iran"
        ]
    );
    assert_eq!(all.total, 7);
    assert_eq!(all.items[0].source_id, Some(second));
    // One actor's claims only (no sources then), and one relation.
    let funds = TimelineFilter { actor_ids: vec![hezbollah], relations: vec![Relation::Funds], grade: None };
    let page = store.timeline(&funds, PageRequest::new(1, 1)).unwrap();
    assert_eq!((page.total, page.items.len(), page.items[0].label.as_str()), (2, 1, "Iran funds Hezbollah"));
    assert_eq!(page.items[0].date, "2022");
}

/// The edges of a network as (from, relation, to) by actor id, sorted.
fn edge_set(network: &Network) -> Vec<(i32, &'static str, i32)> {
    let mut edges: Vec<_> = (0..network.edge_from.len())
        .map(|i| {
            let id = |at: i32| network.actor_ids[at as usize];
            (id(network.edge_from[i]), network.relations[i].as_str(), id(network.edge_to[i]))
        })
        .collect();
    edges.sort();
    edges
}

#[test]
fn a_focused_network_is_the_filtered_network_cut_to_the_neighbourhood() {
    let (_dir, _path, mut store) = temp_store();
    dossier_core::bench::synthetic::fill(&mut store, 300, 1500).unwrap();
    let filters = [
        NetworkFilter::default(),
        NetworkFilter { relations: vec![Relation::Funds, Relation::Meets], ..NetworkFilter::default() },
        NetworkFilter { from: Some("2015-01-01".into()), to: Some("2018-12-31".into()), ..NetworkFilter::default() },
        NetworkFilter { min_sources: 2, ..NetworkFilter::default() },
    ];
    for filter in filters {
        let whole = store.network(&filter).unwrap();
        let whole_edges = edge_set(&whole);
        for (focus, hops) in [(1, 1), (1, 2), (150, 1), (150, 2), (299, 2)] {
            // Breadth-first over the whole filtered network, as the view would.
            let mut near = std::collections::HashSet::from([focus]);
            for _ in 0..hops {
                let reached: Vec<i32> = whole_edges
                    .iter()
                    .filter_map(|&(a, _, b)| match (near.contains(&a), near.contains(&b)) {
                        (true, false) => Some(b),
                        (false, true) => Some(a),
                        _ => None,
                    })
                    .collect();
                near.extend(reached);
            }
            let expected: Vec<_> =
                whole_edges.iter().copied().filter(|(a, _, b)| near.contains(a) && near.contains(b)).collect();
            let focused = store.network(&NetworkFilter { focus: Some(focus), hops, ..filter.clone() }).unwrap();
            assert_eq!(edge_set(&focused), expected, "focus {focus}, {hops} hops, {filter:?}");
        }
    }
}

/// The network read from the kept `edges` equals the claims grouped afresh (the path a
/// certainty filter takes; naming every certainty filters nothing), row for row in SQL too.
fn assert_edges_kept(store: &Store, when: &str) {
    let kept = store.network(&NetworkFilter::default()).unwrap();
    let every_certainty =
        vec![Certainty::Asserted, Certainty::Reported, Certainty::Believed, Certainty::Alleged, Certainty::Denied];
    let afresh = store.network(&NetworkFilter { certainties: every_certainty, ..NetworkFilter::default() }).unwrap();
    assert_eq!(edges(&kept), edges(&afresh), "after {when}");
    assert_eq!(kept.independent_counts, afresh.independent_counts, "after {when}");
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    let differ: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM (SELECT * FROM edges EXCEPT SELECT * FROM edge_totals))
                  + (SELECT count(*) FROM (SELECT * FROM edge_totals EXCEPT SELECT * FROM edges))",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(differ, 0, "edges and edge_totals differ after {when}");
}

#[test]
fn the_kept_edges_follow_every_kind_of_write() {
    let (_dir, mut store, [iran, venezuela, hezbollah, humire]) = library();
    assert_edges_kept(&store, "citing claims");
    assert_eq!(edges(&store.network(&NetworkFilter::default()).unwrap())[0], "Iran funds Hezbollah: 3/2 asserted");

    let funds: Vec<Claim> = store
        .list_claims(ClaimFilter { actor_id: Some(hezbollah), status: None }, PageRequest::new(0, 10))
        .unwrap()
        .items
        .into_iter()
        .filter(|c| c.relation == Relation::Funds)
        .collect();
    let asserted = funds.iter().find(|c| c.certainty == Certainty::Asserted).unwrap().id;
    store.set_claim_certainty(asserted, Certainty::Denied).unwrap();
    assert_edges_kept(&store, "a certainty edited");
    assert_eq!(edges(&store.network(&NetworkFilter::default()).unwrap())[0], "Iran funds Hezbollah: 3/2 reported");

    store.set_claim_status(asserted, ReviewStatus::Rejected).unwrap();
    assert_edges_kept(&store, "a claim rejected");
    store.set_claim_status(asserted, ReviewStatus::Accepted).unwrap();
    assert_edges_kept(&store, "a claim accepted again");

    // A new claim and a second citation of it from another source.
    let third = article(&mut store, "Humire and Iran\n\nJoseph Humire met Iranian envoys in Caracas.\n");
    let met = claim(&mut store, humire, Relation::Meets, iran, "Joseph Humire met Iranian envoys");
    store.set_claim_status(met, ReviewStatus::Accepted).unwrap();
    assert_edges_kept(&store, "a claim with no citation accepted");
    crate::cite(&mut store, met, third, 16, 40);
    crate::cite(&mut store, met, third, 0, 6);
    assert_edges_kept(&store, "citations added");

    // Two sources marked one story, and the mark taken back.
    let (first, second) = (store.source_ids().unwrap()[0], store.source_ids().unwrap()[1]);
    dossier_core::history::judge_copy(&mut store, first, second, Some(CopyVerdict::Copy)).unwrap();
    assert_edges_kept(&store, "two sources marked one story");
    let network = store.network(&NetworkFilter::default()).unwrap();
    assert_eq!((network.source_counts[0], network.independent_counts[0]), (2, 1), "{network:?}");
    dossier_core::history::undo(&mut store, None).unwrap();
    assert_edges_kept(&store, "the mark taken back");
    let network = store.network(&NetworkFilter::default()).unwrap();
    assert_eq!((network.source_counts[0], network.independent_counts[0]), (2, 2), "{network:?}");

    let merge = store.merge_actors(venezuela, humire).unwrap();
    assert_edges_kept(&store, "a merge");
    store.undo_merge(merge.merge_id).unwrap();
    assert_edges_kept(&store, "a merge undone");

    let first_source = store.source_ids().unwrap()[0];
    store.delete_source(first_source).unwrap();
    assert_edges_kept(&store, "a source deleted, with its citations");
    store.delete_claim(met).unwrap();
    assert_edges_kept(&store, "a claim deleted");
    assert!(!edges(&store.network(&NetworkFilter::default()).unwrap()).iter().any(|e| e.contains("meets")));

    dossier_core::bench::synthetic::fill(&mut store, 200, 1000).unwrap();
    assert_edges_kept(&store, "a synthetic library added");
}
