//! Republished copies in the store: found at import, a person's word winning over the
//! detector's, edges and claims counting independent sources, undo, sync, restore, and
//! the frozen v9 store read for copies after its upgrade.

use super::*;
use dossier_core::history;
use dossier_core::import::{self, FileOutcome, ImportOptions};

fn story(variant: &str) -> PathBuf {
    fixture(&format!("copies/tuning/conviasa-managua-flight.{variant}.txt"))
}

fn import_all(store: &mut Store, paths: &[PathBuf]) -> Vec<i32> {
    let options = ImportOptions { analyze: false, ..ImportOptions::default() };
    let report = import::import_paths(store, paths, &options);
    let mut ids = Vec::new();
    for path in paths {
        let file = report.files.iter().find(|f| f.path.ends_with(path.file_name().unwrap().to_str().unwrap()));
        match file.map(|f| &f.outcome) {
            Some(FileOutcome::Imported { source_id }) => ids.push(*source_id),
            other => panic!("{path:?}: {other:?}"),
        }
    }
    ids
}

/// The same claim cited in each source: one edge, Venezuela → Nicaragua.
fn cite_in_each(store: &mut Store, sources: &[i32]) -> (i32, i32) {
    let venezuela = actor(store, "Venezuela", ActorKind::State, &[]);
    let nicaragua = actor(store, "Nicaragua", ActorKind::State, &[]);
    for &source in sources {
        history::cite_claim(
            store,
            &CitedClaim {
                source_id: source,
                start: 0,
                end: 20,
                subject_id: venezuela,
                relation: Relation::CooperatesWith,
                relation_text: None,
                object_id: Some(nicaragua),
                date: None,
                attributed_to_id: None,
                certainty: Certainty::Reported,
            },
        )
        .unwrap();
    }
    (venezuela, nicaragua)
}

/// (distinct sources, independent sources) of the one edge of the network.
fn edge_counts(store: &Store, filter: &NetworkFilter) -> Option<(i32, i32)> {
    let network = store.network(filter).unwrap();
    assert!(network.source_counts.len() <= 1, "{network:?}");
    Some((*network.source_counts.first()?, *network.independent_counts.first()?))
}

#[test]
fn a_republished_and_a_translated_copy_are_found_at_import_and_an_edge_counts_them_once() {
    let (_dir, _path, mut store) = temp_store();
    let ids = import_all(
        &mut store,
        &[story("wire"), story("republished"), story("translated"), story("independent"), story("edited")],
    );
    let [wire, republished, translated, independent, edited] = ids[..] else { unreachable!() };

    let mut related: Vec<i32> =
        store.related_copies(wire).unwrap().iter().filter(|r| r.same_group).map(|r| r.source_id).collect();
    let mut copies = vec![republished, translated, edited];
    (related.sort(), copies.sort());
    assert_eq!(related, copies, "the independent piece is not a copy");
    let pairs = store.copy_pairs().unwrap();
    let translation = pairs
        .iter()
        .find(|p| [p.copy_id, p.original_id].contains(&translated) && [p.copy_id, p.original_id].contains(&wire))
        .expect("the translation is found");
    assert_eq!(translation.detected.as_ref().unwrap().evidence, CopyEvidence::Anchors);
    let reprint = store.related_copies(republished).unwrap();
    let found = reprint.iter().find(|r| r.source_id == wire).unwrap().detected.clone().unwrap();
    assert_eq!(found.evidence, CopyEvidence::Wording);
    assert!(found.likeness > 0.5, "{found:?}");
    assert!(store.related_copies(independent).unwrap().iter().all(|r| !r.same_group));
    // The Library says so on each row.
    let listed = store.list_sources(SourceSort::default(), PageRequest::new(0, 10)).unwrap().items;
    let copies_of = |id: i32| listed.iter().find(|s| s.id == id).unwrap().story_copies;
    assert_eq!((copies_of(wire), copies_of(translated), copies_of(independent)), (3, 3, 0));

    let claims: Vec<i32> = {
        cite_in_each(&mut store, &[wire, republished, translated, independent]);
        store.list_claims(ClaimFilter::default(), PageRequest::new(0, 10)).unwrap().items.iter().map(|c| c.id).collect()
    };
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((4, 2)), "three copies count once");
    // Grouped afresh from the claims (a filter on certainty), the counts agree.
    let per_claim = NetworkFilter { certainties: vec![Certainty::Reported], ..NetworkFilter::default() };
    assert_eq!(edge_counts(&store, &per_claim), Some((4, 2)));
    // "Hide single-source edges" counts independent sources.
    assert_eq!(edge_counts(&store, &NetworkFilter { min_sources: 2, ..NetworkFilter::default() }), Some((4, 2)));
    assert_eq!(edge_counts(&store, &NetworkFilter { min_sources: 3, ..NetworkFilter::default() }), None);
    // A claim cited in one copy alone rests on one independent source.
    assert_eq!(store.corroboration(claims[0]).unwrap(), Corroboration { sources: 1, independent: 1 });
}

#[test]
fn a_persons_word_wins_over_the_detector_and_is_undone_like_any_change() {
    let (_dir, path, mut store) = temp_store();
    let ids = import_all(&mut store, &[story("wire"), story("republished"), story("independent")]);
    let [wire, republished, independent] = ids[..] else { unreachable!() };
    cite_in_each(&mut store, &[wire, republished, independent]);
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((3, 2)));

    // Not a copy, says the person (a local paper that happens to quote the wire at length).
    history::judge_copy(&mut store, republished, wire, Some(CopyVerdict::Independent)).unwrap();
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((3, 3)));
    let related = store.related_copies(wire).unwrap();
    let judged = related.iter().find(|r| r.source_id == republished).unwrap();
    assert_eq!((judged.verdict, judged.same_group), (Some(CopyVerdict::Independent), false));
    assert!(judged.detected.is_some(), "what the detector found stays, overruled");
    // The same word again records nothing.
    let changes = history::recent(&store, 100).unwrap().len();
    history::judge_copy(&mut store, wire, republished, Some(CopyVerdict::Independent)).unwrap();
    assert_eq!(history::recent(&store, 100).unwrap().len(), changes);

    // One story, says the person, of two the detector did not pair.
    history::judge_copy(&mut store, independent, wire, Some(CopyVerdict::Copy)).unwrap();
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((3, 2)));
    let labels: Vec<String> = history::recent(&store, 2).unwrap().into_iter().map(|c| c.label).collect();
    assert!(labels[0].starts_with("Marked ") && labels[0].ends_with(" as one story"), "{labels:?}");
    assert!(labels[1].ends_with(" as independent"), "{labels:?}");

    // Undone after a restart, one at a time, back to the detector's word.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    history::undo(&mut store, None).unwrap();
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((3, 3)));
    history::undo(&mut store, None).unwrap();
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((3, 2)));
    assert!(store.related_copies(wire).unwrap().iter().all(|r| r.verdict.is_none()));

    // A word on a source and itself, or on a source that is not there, is refused.
    assert!(history::judge_copy(&mut store, wire, wire, Some(CopyVerdict::Copy)).is_err());
    assert!(history::judge_copy(&mut store, wire, 999, Some(CopyVerdict::Copy)).is_err());
}

#[test]
fn a_persons_independent_holds_even_through_a_third_source_and_a_deleted_source_leaves_no_trace() {
    let (_dir, path, mut store) = temp_store();
    let ids = import_all(&mut store, &[story("wire"), story("republished"), story("edited")]);
    let [wire, republished, edited] = ids[..] else { unreachable!() };
    cite_in_each(&mut store, &[republished, edited]);
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((2, 1)));
    let on_wire = |store: &Store| {
        let mut ids: Vec<i32> =
            store.related_copies(wire).unwrap().iter().filter(|r| r.same_group).map(|r| r.source_id).collect();
        ids.sort();
        ids
    };
    let mut both = vec![republished, edited];
    both.sort();
    assert_eq!(on_wire(&store), both);

    // The republished and the edited piece are independent by the person's word: they
    // never share a group, though both copy the wire; one of them stays with it.
    history::judge_copy(&mut store, republished, edited, Some(CopyVerdict::Independent)).unwrap();
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((2, 2)));
    assert_eq!(on_wire(&store).len(), 1, "{:?}", on_wire(&store));
    let apart = store.related_copies(republished).unwrap();
    let edited_row = apart.iter().find(|r| r.source_id == edited).unwrap();
    assert_eq!((edited_row.verdict, edited_row.same_group), (Some(CopyVerdict::Independent), false));
    history::undo(&mut store, None).unwrap();
    assert_eq!(edge_counts(&store, &NetworkFilter::default()), Some((2, 1)));
    assert_eq!(on_wire(&store), both);

    // A source deleted takes its filed terms with it (term by term, not by a scan).
    let postings = |source: i32| -> i64 {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row("SELECT count(*) FROM copy_postings WHERE source_id = ?1", [source], |r| r.get(0)).unwrap()
    };
    assert!(postings(edited) > 10);
    store.delete_source(edited).unwrap();
    assert_eq!(postings(edited), 0);
    assert!(postings(wire) > 10, "the others' stay");
}

#[test]
fn a_library_whose_sources_were_never_read_for_copies_is_read_once_and_the_same_is_found() {
    let (_dir, path, mut store) = temp_store();
    import_all(&mut store, &[story("wire"), story("republished"), story("translated"), story("independent")]);
    let before = store.copy_pairs().unwrap();
    assert_eq!(before.len(), 3, "{before:?}");
    {
        // As a library from before schema 10 is: nothing read.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DELETE FROM copy_scanned; DELETE FROM copy_postings; DELETE FROM copies_found;").unwrap();
    }
    assert!(store.copy_pairs().unwrap().is_empty());
    assert_eq!(store.find_copies().unwrap(), 3);
    assert_eq!(store.copy_pairs().unwrap(), before);
    assert_eq!(store.find_copies().unwrap(), 0, "each source is read once");
}

#[test]
fn the_frozen_version_9_store_is_read_for_copies_after_its_upgrade_and_its_edges_count_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.dossier");
    std::fs::copy(fixture("stores/v9.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "9");
    let old = super::history::raw_rows(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    // Upgraded, every edge counts each source as independent until the detector reads them.
    let network = store.network(&NetworkFilter::default()).unwrap();
    assert_eq!(network.source_counts, network.independent_counts);
    assert!(network.source_counts.iter().any(|&n| n >= 2), "{network:?}");

    // The Conviasa wire story (source 4) and its republished copy (source 6), imported
    // and analysed by the v9 build; the independent piece (5) is not a copy.
    assert_eq!(store.find_copies().unwrap(), 1);
    let pairs = store.copy_pairs().unwrap();
    assert_eq!((pairs[0].copy_id, pairs[0].original_id), (6, 4), "{pairs:?}");
    let network = store.network(&NetworkFilter::default()).unwrap();
    let fewer = network.source_counts.iter().zip(&network.independent_counts).filter(|(s, i)| i < s).count();
    assert!(fewer >= 1, "an edge cited in both copies now counts one independent source: {network:?}");
    drop(store);
    super::history::assert_rows_kept(&old, &super::history::raw_rows(&path));
}

#[test]
fn an_export_restores_with_the_persons_word_and_the_detector_reads_the_texts_again() {
    let (dir, _path, mut store) = temp_store();
    let ids = import_all(&mut store, &[story("wire"), story("republished"), story("independent")]);
    history::judge_copy(&mut store, ids[2], ids[0], Some(CopyVerdict::Copy)).unwrap();
    let pairs = store.copy_pairs().unwrap();
    let out = dir.path().join("export");
    dossier_core::export::export(&store, dossier_core::export::Format::Json, &dossier_core::export::Scope::All, &out)
        .unwrap();
    let bytes = std::fs::read(out.join("dossier.json")).unwrap();
    let restore = |store: &mut Store, bytes: &[u8]| {
        let file = dir.path().join("dossier.json");
        std::fs::write(&file, bytes).unwrap();
        dossier_core::export::import_json(store, &file)
    };

    let mut restored = Store::open(&dir.path().join("restored.dossier")).unwrap();
    restore(&mut restored, &bytes).unwrap();
    assert_eq!(restored.copy_pairs().unwrap(), pairs);

    // An export of version 9 (no verdicts then) restores into this version.
    let mut old: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    old["schema_version"] = 9.into();
    let tables = old["tables"].as_array_mut().unwrap();
    tables.retain(|t| t["name"] != "copy_verdicts");
    let mut from_v9 = Store::open(&dir.path().join("from-v9.dossier")).unwrap();
    restore(&mut from_v9, &serde_json::to_vec(&old).unwrap()).unwrap();
    assert_eq!(from_v9.copy_pairs().unwrap().len(), 1, "the detector's pair, without the person's word");
    // One from a version this one cannot read as it is, is refused with the reason.
    old["schema_version"] = 8.into();
    let mut from_v8 = Store::open(&dir.path().join("from-v8.dossier")).unwrap();
    let refused = restore(&mut from_v8, &serde_json::to_vec(&old).unwrap()).unwrap_err();
    assert!(refused.to_string().contains("store version 8"), "{refused}");
}

/// A claim cited in a story and in its republished copy stands on two sources, one
/// independent: the CSV's claims, GEXF and GraphML edges say both.
#[test]
fn exports_carry_independent_sources_beside_sources() {
    use dossier_core::export::{self, Format, Scope};
    let (dir, _path, mut store) = temp_store();
    let ids = import_all(&mut store, &[story("wire"), story("republished"), story("independent")]);
    let venezuela = actor(&mut store, "Venezuela", ActorKind::State, &[]);
    let nicaragua = actor(&mut store, "Nicaragua", ActorKind::State, &[]);
    let claim = claim(&mut store, venezuela, Relation::Visits, nicaragua, "a flight to Managua");
    store.set_claim_status(claim, ReviewStatus::Accepted).unwrap();
    for &source in &ids[..2] {
        cite(&mut store, claim, source, 0, 20);
    }
    let read = |store: &Store, format: Format, file: &str| {
        let out = dir.path().join(format!("{format:?}"));
        export::export(store, format, &Scope::All, &out).unwrap();
        std::fs::read_to_string(out.join(file)).unwrap()
    };
    let csv = read(&store, Format::Csv, "claims.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let column = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!((column("sources"), column("independent_sources")), ("2", "1"), "{csv}");
    let graphml = read(&store, Format::Graphml, "dossier.graphml");
    assert!(
        graphml.contains(r#"<data key="sources">2</data>"#)
            && graphml.contains(r#"<data key="independent_sources">1</data>"#)
    );
    let gexf = read(&store, Format::Gexf, "dossier.gexf");
    assert!(gexf.contains(r#"<attvalue for="independent_sources" value="1"/>"#), "{gexf}");
    let briefing = read(&store, Format::Briefing, "briefing.md");
    assert!(briefing.contains("2 sources, 1 independent"), "{briefing}");
    let vault = read(&store, Format::Vault, "Actors/Venezuela.md");
    assert!(vault.contains("1 claim, 2 sources, 1 independent"), "{vault}");

    // Independent by the person's word: two.
    history::judge_copy(&mut store, ids[0], ids[1], Some(CopyVerdict::Independent)).unwrap();
    assert!(read(&store, Format::Graphml, "dossier.graphml").contains(r#"<data key="independent_sources">2</data>"#));
    assert!(!read(&store, Format::Briefing, "briefing.md").contains("independent"));
}
