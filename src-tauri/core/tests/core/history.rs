//! The change history: every change recorded with what takes it back, undo across
//! restarts, the history append-only, the frozen v3, v4 and v5 stores upgraded with every row.

use super::*;
use dossier_core::history;
use dossier_core::import::{self, FileOutcome, ImportOptions};
use dossier_core::store::UNDOABLE_CHANGES;
use serde_json::Value;

fn imported(store: &mut Store, name: &str) -> i32 {
    let report = import::import_paths(store, &[fixture(name)], &ImportOptions::default());
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{report:?}") };
    source_id
}

/// The library's content, without the history itself, the merge journal (which keeps
/// merges that were undone), timestamps, or the ids of rows that only name a pair
/// (aliases, tags): what a person would see, and the global ids another desktop knows
/// the rows by.
fn content(store: &Store) -> Vec<(String, Vec<Value>)> {
    let dump = store.dump().unwrap();
    let mut tables = Vec::new();
    for table in dump.tables {
        if table.name == "changes" || table.name == "actor_merges" {
            continue;
        }
        let mut rows: Vec<Value> = table
            .rows
            .into_iter()
            .map(|mut row| {
                row.retain(|column, _| !column.ends_with("_at"));
                if matches!(table.name.as_str(), "actor_aliases" | "source_tags") {
                    row.remove("id");
                    // An alias's global id is that of the act that added it: adding it
                    // back is another act.
                    row.remove("gid");
                }
                Value::Object(row)
            })
            .collect();
        rows.sort_by_key(|r| r.to_string());
        tables.push((table.name, rows));
    }
    tables
}

fn suggestion(store: &Store, source: i32, label: &str) -> i32 {
    let all = store.list_suggestions(Some(source), None, None, PageRequest::new(0, 500)).unwrap().items;
    all.iter().find(|s| s.label == label).unwrap_or_else(|| panic!("{label} not in {all:?}")).id
}

fn span_of(text: &str, needle: &str) -> (i32, i32) {
    let at = text.find(needle).unwrap();
    let start = text[..at].chars().count() as i32;
    (start, start + needle.chars().count() as i32)
}

fn labels(store: &Store) -> Vec<String> {
    history::recent(store, 100).unwrap().into_iter().map(|c| c.label).collect()
}

#[test]
fn every_kind_of_change_is_undone_after_a_restart_and_the_library_is_as_it_was() {
    let (_dir, path, mut store) = temp_store();
    let source = imported(&mut store, "extract/es-cooperacion.txt");
    let before = content(&store);
    let text = store.source(source).unwrap().text;

    let s = &mut store;
    // The library before each change, to compare with after each undo.
    let mut states = Vec::new();
    states.push(content(s));
    history::accept_suggestion(s, suggestion(s, source, "Nicolás Maduro (person)")).unwrap();
    let claim = suggestion(s, source, "Iran cooperates_with Venezuela");
    states.push(content(s));
    history::accept_suggestion(s, claim).unwrap();
    states.push(content(s));
    history::reject_suggestion(s, suggestion(s, source, "Joseph Humire (person)")).unwrap();
    let pending_claim = s
        .list_suggestions(
            Some(source),
            Some(SuggestionKind::Claim),
            Some(ReviewStatus::Suggested),
            PageRequest::new(0, 1),
        )
        .unwrap()
        .items[0]
        .id;
    states.push(content(s));
    history::edit_suggestion(
        s,
        pending_claim,
        &SuggestionEdit { relation: Some(Relation::Funds), ..Default::default() },
    )
    .unwrap();
    let maduro = s.find_actors_by_name("Nicolás Maduro").unwrap()[0];
    let iran = s.find_actors_by_name("Iran").unwrap()[0];
    let venezuela = s.find_actors_by_name("Venezuela").unwrap()[0];
    states.push(content(s));
    assert!(history::add_alias(s, maduro, "Presidente Maduro").unwrap());
    assert!(!history::add_alias(s, maduro, "Presidente Maduro").unwrap(), "adding it twice changes nothing");
    states.push(content(s));
    history::remove_alias(s, maduro, "Maduro").unwrap();
    states.push(content(s));
    history::rename_actor(s, venezuela, "República Bolivariana de Venezuela").unwrap();
    states.push(content(s));
    history::set_actor_kind(s, iran, ActorKind::Organization).unwrap();
    states.push(content(s));
    history::set_actor_description(s, iran, "Islamic Republic").unwrap();
    states.push(content(s));
    let extra = history::create_actor(
        s,
        &NewActor { name: "Irán".into(), kind: ActorKind::State, description: String::new(), aliases: vec![] },
    )
    .unwrap();
    states.push(content(s));
    history::merge_actors(s, iran, extra).unwrap();
    states.push(content(s));
    history::split_alias(s, maduro, "Presidente Maduro").unwrap();
    states.push(content(s));
    history::tag_source(s, source, "Venezuela file").unwrap();
    let (start, end) = span_of(&text, "Ambos países firmaron en junio de 2022");
    states.push(content(s));
    history::cite_claim(
        s,
        &CitedClaim {
            source_id: source,
            start,
            end,
            subject_id: iran,
            relation: Relation::SignsAgreementWith,
            relation_text: None,
            object_id: Some(venezuela),
            date: Some("2022-06".into()),
            attributed_to_id: None,
            certainty: Certainty::Asserted,
        },
    )
    .unwrap();
    let (start, end) = span_of(&text, "Mohammad Reza Ashtiani");
    states.push(content(s));
    history::link_span(s, source, start, end, iran).unwrap();
    states.push(content(s));
    // "Caracas" came with the actor suggestion accepted with the claim above.
    assert!(history::add_alias(s, venezuela, "régimen venezolano").unwrap());
    states.push(content(s));
    assert!(!history::link_unlinked_mentions(s, venezuela).unwrap().is_empty());
    states.push(content(s));
    let note = history::create_note(s, "Working theory", "Iran arms [[Venezuela]].").unwrap();
    states.push(content(s));
    history::update_note(s, note, "Working theory", "Iran and Venezuela sign; see [[Nicolás Maduro]].").unwrap();
    states.push(content(s));
    let doomed = history::create_note(s, "Scratch", "to delete").unwrap();
    states.push(content(s));
    history::delete_note(s, doomed).unwrap();
    states.push(content(s));
    history::untag_source(s, source, "Venezuela file").unwrap();

    let made = labels(s);
    assert_eq!(made.len(), 22, "{made:#?}");
    assert_eq!(made[0], "Removed the tag “Venezuela file”");
    assert!(made.contains(&"Merged Irán into Iran".to_string()), "{made:#?}");
    assert!(made.contains(&"Renamed Venezuela to República Bolivariana de Venezuela".to_string()), "{made:#?}");
    assert_ne!(content(s), before);

    // Close the app, open it again: every change can still be taken back, newest first.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    let mut undone = Vec::new();
    while let Some(change) = history::undo(&mut store, None).unwrap() {
        assert!(change.undone_at.is_some() && !change.undoable, "{change:?}");
        assert!(content(&store) == states.pop().unwrap(), "undoing “{}” did not restore the library", change.label);
        undone.push(change.label);
    }
    assert_eq!(undone, made);
    assert!(states.is_empty());
    assert_eq!(content(&store), before);
    assert!(history::recent(&store, 100).unwrap().iter().all(|c| !c.undoable));
}

#[test]
fn accepting_a_whole_source_is_one_change_and_one_undo() {
    let (_dir, _path, mut store) = temp_store();
    let source = imported(&mut store, "extract/es-cooperacion.txt");
    let before = content(&store);
    let accepted = history::accept_all(&mut store, Some(source)).unwrap();
    assert!(accepted.len() > 5, "{accepted:?}");
    assert_eq!(store.stats().unwrap().suggestions, 0);
    let made = labels(&store);
    assert_eq!(made.len(), 1);
    assert!(made[0].starts_with(&format!("Accepted {} suggestions in “Irán y Venezuela", accepted.len())), "{made:?}");
    history::undo(&mut store, None).unwrap().unwrap();
    assert_eq!(content(&store), before);
}

#[test]
fn a_failed_change_records_nothing_and_a_failed_undo_keeps_the_change() {
    let (_dir, _path, mut store) = temp_store();
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let error = history::merge_actors(&mut store, iran, iran).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert!(labels(&store).is_empty());

    let source = article(&mut store, ARTICLE);
    let created = history::create_actor(
        &mut store,
        &NewActor { name: "Humire".into(), kind: ActorKind::Person, description: String::new(), aliases: vec![] },
    )
    .unwrap();
    // A claim naming the new actor, made outside the history (as an import would).
    claim(&mut store, created, Relation::Funds, iran, "Humire funds Iran");
    let _ = source;
    let error = history::undo(&mut store, None).unwrap_err();
    assert!(error.to_string().contains("named by 1 claim"), "{error}");
    let history = history::recent(&store, 10).unwrap();
    assert!(history[0].undoable && history[0].undone_at.is_none(), "{history:?}");
    assert!(store.actor(created).is_ok(), "the failed undo changed nothing");
}

#[test]
fn only_the_latest_hundred_changes_can_be_undone() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    for n in 0..=UNDOABLE_CHANGES {
        history::tag_source(&mut store, source, &format!("tag {n}")).unwrap();
    }
    let recent = history::recent(&store, 1000).unwrap();
    assert_eq!(recent.len(), UNDOABLE_CHANGES as usize + 1);
    assert!(recent[..UNDOABLE_CHANGES as usize].iter().all(|c| c.undoable));
    let oldest = recent.last().unwrap();
    assert!(!oldest.undoable);
    let error = history::undo(&mut store, Some(oldest.id)).unwrap_err();
    assert!(error.to_string().contains("older than the last 100 changes"), "{error}");
    assert!(store.source_tags(source).unwrap().contains(&"tag 0".to_string()));
    // Any of the latest hundred can be taken back on its own, once.
    let middle = recent[50].id;
    history::undo(&mut store, Some(middle)).unwrap();
    assert!(history::undo(&mut store, Some(middle)).unwrap_err().to_string().contains("already undone"));
}

#[test]
fn the_history_cannot_be_rewritten() {
    let (_dir, path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    history::tag_source(&mut store, source, "to verify").unwrap();
    history::undo(&mut store, None).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in ["UPDATE changes SET label = 'nothing happened'", "DELETE FROM changes"] {
        let error = conn.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("append-only"), "{sql}: {error}");
    }
    let rows: i32 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 2, "the change and the row taking it back");
}

/// Every row of every table of `old` is in `new` as it was: the same rows, in the same
/// order, each value the same; a later migration may only add columns, at the end (as
/// migration 7 adds `claims.date_checked`).
pub(super) fn assert_rows_kept(
    old: &[(String, Vec<Vec<rusqlite::types::Value>>)],
    new: &[(String, Vec<Vec<rusqlite::types::Value>>)],
) {
    for (table, rows) in old {
        let now = &new.iter().find(|(t, _)| t == table).unwrap_or_else(|| panic!("{table} is gone")).1;
        assert_eq!(now.len(), rows.len(), "{table}");
        for (was, is) in rows.iter().zip(now) {
            assert!(is.len() >= was.len(), "{table} lost columns");
            assert_eq!(&is[..was.len()], &was[..], "{table}");
        }
    }
}

/// Every row of every table of `path`, read without Dossier.
pub(super) fn raw_rows(path: &Path) -> Vec<(String, Vec<Vec<rusqlite::types::Value>>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            // Ordered by every column: some tables have no rowid.
            let width = conn.prepare(&format!("SELECT * FROM {table}")).unwrap().column_count();
            let order: Vec<String> = (1..=width).map(|i| i.to_string()).collect();
            let mut statement = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {}", order.join(", "))).unwrap();
            let rows = statement
                .query_map([], |row| (0..width).map(|i| row.get::<_, rusqlite::types::Value>(i)).collect())
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (table, rows)
        })
        .collect()
}

/// A store written by schema v3 (committed as that version's CLI left it: three
/// articles, accepted, rejected and edited suggestions, a merge) opens under today's
/// schema with every row of every table as it was, and its merge can still be undone.
#[test]
fn a_version_3_store_is_migrated_with_every_row_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.dossier");
    std::fs::copy(fixture("stores/v3.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "3");
    let old = raw_rows(&path);
    assert!(old.iter().map(|(_, rows)| rows.len()).sum::<usize>() > 50, "{old:?}");

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let new = raw_rows(&path);
    assert_rows_kept(&old, &new);
    let changes = &new.iter().find(|(t, _)| t == "changes").unwrap().1;
    assert!(changes.is_empty());

    store = Store::open(&path).unwrap();
    assert!(history::undo(&mut store, None).unwrap().is_none(), "nothing was recorded before v4");
    let merges = store.actor_merges(None).unwrap();
    assert_eq!(merges.len(), 1);
    store.undo_merge(merges[0].id).unwrap();
    assert_eq!(store.find_actors_by_name("Islamic Republic of Iran").unwrap().len(), 1);
}

/// A store written by schema v4 (committed as 0.2.0's CLI left it: three articles,
/// suggestions accepted, edited and rejected, an actor merged) gains the kept edges of
/// v5, grouped from its claims, with every row of every older table as it was.
#[test]
fn a_version_4_store_gains_its_kept_edges_with_every_row_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.dossier");
    std::fs::copy(fixture("stores/v4.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "4");
    let old = raw_rows(&path);
    assert!(old.iter().all(|(table, _)| table != "edges"));

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let network = store.network(&NetworkFilter::default()).unwrap();
    let mut edges: Vec<String> = (0..network.edge_from.len())
        .map(|i| {
            let name = |at: i32| network.names[at as usize].clone();
            format!(
                "{} {} {} {}",
                name(network.edge_from[i]),
                network.relations[i].as_str(),
                name(network.edge_to[i]),
                network.certainties[i].as_str()
            )
        })
        .collect();
    edges.sort();
    assert_eq!(
        edges,
        [
            "Iran supplies Cuba alleged",
            "Miguel Díaz-Canel visits Iran asserted",
            "Paraguay accuses Hezbollah alleged",
            "Venezuela signs_agreement_with Iran reported"
        ]
    );
    drop(store);
    let new = raw_rows(&path);
    assert_rows_kept(&old, &new);
    let kept = &new.iter().find(|(t, _)| t == "edges").unwrap().1;
    assert_eq!(kept.len(), 4);
}

/// A store written by schema v5 (the CLI of 0.3.x: three articles, suggestions
/// accepted, quotations accepted, a claim rejected, an actor merged) is searchable by its
/// claims' parties and relations and by its quotations, with every row as it was.
#[test]
fn a_version_5_store_finds_its_claims_and_quotations_in_search_with_every_row_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.dossier");
    std::fs::copy(fixture("stores/v5.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "5");
    let old = raw_rows(&path);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let found = |store: &Store, query: &str, kind: SearchKind| -> Vec<String> {
        let page = store.search(query, Some(kind), PageRequest::new(0, 50)).unwrap();
        page.items.into_iter().map(|h| h.title).collect()
    };
    assert_eq!(found(&store, "Iran supplies", SearchKind::Claim), ["Iran — supplies — Venezuela"; 2]);
    assert_eq!(found(&store, "Lavrov meets", SearchKind::Claim), ["Sergei Lavrov — meets — Nicolás Maduro"]);
    let quotations = store.search("esquema", Some(SearchKind::Quotation), PageRequest::new(0, 50)).unwrap();
    assert_eq!(quotations.items.len(), 1);
    let passage = quotations.items[0].passage.unwrap();
    let quoted = store
        .citations_in_source(passage.source_id)
        .unwrap()
        .into_iter()
        .find(|c| (c.start, c.end) == (passage.start, passage.end))
        .unwrap();
    assert!(quoted.exact.contains("esquema") && quoted.claim_id.is_none(), "{quoted:?}");
    drop(store);
    let new = raw_rows(&path);
    assert_rows_kept(&old, &new);
}

#[test]
fn search_follows_claims_and_quotations_through_renames_merges_and_deletions() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let venezuela = actor(&mut store, "Venezuela", ActorKind::State, &[]);
    let humire = actor(&mut store, "Joseph Humire", ActorKind::Person, &[]);
    let claim_id = claim(&mut store, iran, Relation::SignsAgreementWith, venezuela, "");
    let start = ARTICLE.find('“').unwrap();
    let start = ARTICLE[..start].chars().count() as i32 + 1;
    let quotation = store
        .insert_citation(&NewCitation {
            claim_id: None,
            source_id: source,
            start,
            end: start + 44,
            speaker_id: Some(humire),
            note: String::new(),
        })
        .unwrap();
    let hits = |store: &Store, query: &str| -> Vec<(SearchKind, i32)> {
        store.search(query, None, PageRequest::new(0, 50)).unwrap().items.iter().map(|h| (h.kind, h.id)).collect()
    };
    assert!(hits(&store, "signs agreement").contains(&(SearchKind::Claim, claim_id)));
    assert!(hits(&store, "successful project").contains(&(SearchKind::Quotation, quotation)));
    assert!(hits(&store, "Humire successful").contains(&(SearchKind::Quotation, quotation)), "by its speaker");

    history::rename_actor(&mut store, iran, "Islamic Republic of Iran").unwrap();
    history::rename_actor(&mut store, humire, "J. Humire").unwrap();
    assert!(hits(&store, "Islamic Republic signs").contains(&(SearchKind::Claim, claim_id)), "the new name");
    assert!(!hits(&store, "Iran signs").is_empty(), "“Iran” is still in the new name");
    assert!(hits(&store, "J. Humire successful").contains(&(SearchKind::Quotation, quotation)));

    let bolivarian = actor(&mut store, "Bolivarian Republic", ActorKind::State, &[]);
    store.merge_actors(bolivarian, venezuela).unwrap();
    assert!(hits(&store, "Bolivarian").contains(&(SearchKind::Claim, claim_id)), "the object merged away");

    store.delete_claim(claim_id).unwrap();
    assert!(!hits(&store, "signs agreement").contains(&(SearchKind::Claim, claim_id)), "a deleted claim is gone");
}

#[test]
fn an_actor_known_elsewhere_by_its_acronym_is_reused_and_undo_takes_the_new_name_back() {
    let (_dir, _path, mut store) = temp_store();
    let first_text = "Interpol still seeks the suspects of the attack on the AMIA in Buenos Aires.";
    let first = article(&mut store, first_text);
    let second_text =
        "Hezbollah is responsible for the 1994 bombing of the Argentine-Israeli Mutual Association (AMIA).";
    let second = article(&mut store, second_text);
    let actor_suggestion = |name: &str, surfaces: &[&str], (start, end): (i32, i32)| {
        stored_suggestion(
            SuggestionKind::Actor,
            serde_json::json!({ "name": name, "kind": "organization", "surfaces": surfaces, "mentions": [{ "start": start, "end": end }] }),
        )
    };
    store.replace_suggestions(first, &[actor_suggestion("AMIA", &["AMIA"], span_of(first_text, "AMIA"))]).unwrap();
    let long = "Argentine-Israeli Mutual Association";
    let sentence = span_of(second_text, second_text.trim_end_matches('.'));
    store
        .replace_suggestions(
            second,
            &[
                actor_suggestion(long, &[long, "AMIA"], span_of(second_text, long)),
                stored_suggestion(
                    SuggestionKind::Claim,
                    serde_json::json!({
                        "subject": "Hezbollah", "relation": "attacks", "object": long, "date": "1994",
                        "attributed_to": null, "certainty": "asserted",
                        "citation": { "start": sentence.0, "end": sentence.1, "exact": "", "prefix": "", "suffix": "" }
                    }),
                ),
            ],
        )
        .unwrap();
    let id = suggestion(&store, first, "AMIA (organization)");
    history::accept_suggestion(&mut store, id).unwrap();
    let amia = store
        .list_actors(None, PageRequest::new(0, 10))
        .unwrap()
        .items
        .into_iter()
        .find(|a| a.name == "AMIA")
        .unwrap()
        .id;
    let before = content(&store);

    // The claim is accepted before its object's own suggestion: the acronym finds the actor.
    let id = suggestion(&store, second, &format!("Hezbollah attacks {long}"));
    let accepted = history::accept_suggestion(&mut store, id).unwrap();
    let claim = store.claim(accepted.claim_id.unwrap()).unwrap();
    assert_eq!(claim.object.as_ref().map(|o| o.id), Some(amia), "{claim:?}");
    assert!(store.actor(amia).unwrap().aliases.contains(&long.to_string()));
    let id = suggestion(&store, second, &format!("{long} (organization)"));
    history::accept_suggestion(&mut store, id).unwrap();
    let named: Vec<String> =
        store.list_actors(None, PageRequest::new(0, 10)).unwrap().items.into_iter().map(|a| a.name).collect();
    assert_eq!(named.iter().filter(|n| n.contains("Mutual") || *n == "AMIA").count(), 1, "{named:?}");

    history::undo(&mut store, None).unwrap().unwrap();
    history::undo(&mut store, None).unwrap().unwrap();
    assert!(content(&store) == before, "undo took back the claim and the alias the actor gained");
}

#[test]
fn correcting_a_sources_details_is_one_change_that_undo_takes_back() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let before = store.source_details(source).unwrap();
    assert_eq!(before.published.as_deref(), Some("2024-10-02"));
    let wanted = SourceDetails {
        title: "  Tehran and Caracas deepen military ties ".into(),
        byline: Some("Ana Ruiz".into()),
        publisher: Some(" ".into()),
        published: Some("2024-10".into()),
        url: Some("https://example.org/ties".into()),
    };
    let stored = history::set_source_details(&mut store, source, &wanted).unwrap();
    assert_eq!(stored.title, "Tehran and Caracas deepen military ties", "trimmed");
    assert_eq!(stored.publisher, None, "an empty field is unknown");
    let summary = store.source(source).unwrap().summary;
    assert_eq!((summary.published.as_deref(), summary.byline.as_deref()), (Some("2024-10"), Some("Ana Ruiz")));
    let after_the_5th = SourceFilter { published_from: Some("2024-10-05".into()), ..Default::default() };
    let page = store.filter_sources(SourceSort::default(), &after_the_5th, PageRequest::new(0, 10)).unwrap();
    assert_eq!(page.total, 1, "the date's bounds moved with it: October 2024 may be after the 5th");
    let change = &store.list_changes(1).unwrap()[0];
    assert_eq!(change.label, "Corrected the title, byline, date and address of “Tehran and Caracas deepen ties”");
    assert!(
        store.search("military", Some(SearchKind::Source), PageRequest::new(0, 5)).unwrap().total == 1,
        "the new title is searchable"
    );

    // Saving the same details again records nothing; a bad date or address changes nothing.
    history::set_source_details(&mut store, source, &stored).unwrap();
    assert_eq!(store.list_changes(5).unwrap().len(), 1);
    let bad_date = SourceDetails { published: Some("18 April 2024".into()), ..stored.clone() };
    assert_eq!(history::set_source_details(&mut store, source, &bad_date).unwrap_err().code(), ErrorCode::InvalidInput);
    let bad_url = SourceDetails { url: Some("javascript:alert(1)".into()), ..stored.clone() };
    let err = history::set_source_details(&mut store, source, &bad_url).unwrap_err();
    assert!(err.to_string().contains("not a web address"), "{err}");
    assert_eq!(store.source_details(source).unwrap(), stored);

    history::undo(&mut store, None).unwrap();
    assert_eq!(store.source_details(source).unwrap(), before);
}

#[test]
fn a_bulk_acceptance_takes_the_ticked_suggestions_as_one_change_and_undo_reopens_them_all() {
    let (_dir, _path, mut store) = temp_store();
    let source = imported(&mut store, "extract/es-cooperacion.txt");
    let candidates = dossier_core::triage::bulk_candidates(&store, source).unwrap();
    let kinds: Vec<SuggestionKind> = candidates.iter().map(|c| c.suggestion.kind).collect();
    assert!(kinds.windows(2).all(|w| w[0] == w[1] || w[0] == SuggestionKind::Actor || w[1] == SuggestionKind::Quote));
    assert!(!kinds.contains(&SuggestionKind::Date), "dates are not reviewed on their own");
    let ticked: Vec<i32> = candidates.iter().filter(|c| c.ticked).map(|c| c.suggestion.id).collect();
    let unticked: Vec<i32> = candidates.iter().filter(|c| !c.ticked).map(|c| c.suggestion.id).collect();
    assert!(candidates.iter().all(|c| c.ticked == c.second_look.is_none()));
    let pending_before = store.stats().unwrap().suggestions;

    let accepted = history::accept_suggestions(&mut store, &ticked).unwrap();
    assert!(accepted > 0 && accepted as usize <= ticked.len(), "{accepted} of {}", ticked.len());
    let changes = store.list_changes(5).unwrap();
    assert_eq!(changes.len(), 1, "one change");
    assert!(changes[0].label.starts_with(&format!("Accepted {accepted} suggestion")), "{}", changes[0].label);
    for id in &unticked {
        assert_eq!(store.suggestion(*id).unwrap().status, ReviewStatus::Suggested, "unticked stays pending");
    }
    assert_eq!(history::accept_suggestions(&mut store, &ticked).unwrap(), 0, "nothing left to accept");
    assert_eq!(store.list_changes(5).unwrap().len(), 1, "and nothing recorded");

    history::undo(&mut store, None).unwrap();
    assert_eq!(store.stats().unwrap().suggestions, pending_before);
    assert_eq!(store.stats().unwrap().claims, 0);
    assert_eq!(store.stats().unwrap().actors, 0);
}

#[test]
fn a_burst_of_saves_of_one_note_is_one_change_that_undo_takes_back_whole() {
    let (_dir, _path, mut store) = temp_store();
    let note = history::create_note(&mut store, "Working theory", "Iran").unwrap();
    for body in ["Iran arms", "Iran arms Hezbollah", "Iran arms Hezbollah through Syria."] {
        history::update_note(&mut store, note, "Working theory", body).unwrap();
    }
    history::update_note(&mut store, note, "Working theory", "Iran arms Hezbollah through Syria.").unwrap();
    let labels: Vec<String> = store.list_changes(10).unwrap().into_iter().map(|c| c.label).collect();
    assert_eq!(labels, ["Edited the note “Working theory”", "Wrote the note “Working theory”"]);
    assert_eq!(store.note(note).unwrap().body, "Iran arms Hezbollah through Syria.", "every save was written");

    // Another change ends the burst: the next save is a change of its own.
    let source = article(&mut store, ARTICLE);
    history::tag_source(&mut store, source, "Axis").unwrap();
    history::update_note(&mut store, note, "Working theory", "Iran arms Hezbollah through Syria and Iraq.").unwrap();
    assert_eq!(store.list_changes(10).unwrap().len(), 4);

    history::undo(&mut store, None).unwrap();
    history::undo(&mut store, None).unwrap();
    history::undo(&mut store, None).unwrap();
    assert_eq!(store.note(note).unwrap().body, "Iran", "the burst taken back whole");
}

/// A store written by schema v6 (the CLI of 0.3.x after migration 6: three articles, a
/// source's suggestions accepted in bulk, quotations and a claim accepted, a claim
/// rejected, an actor merged) gains the mark of a checked date, unset on its extracted
/// claims, with every row as it was.
#[test]
fn a_version_6_store_gains_checked_dates_with_every_row_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.dossier");
    std::fs::copy(fixture("stores/v6.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "6");
    let old = raw_rows(&path);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let claims = store.list_claims(ClaimFilter::default(), PageRequest::new(0, 100)).unwrap().items;
    assert_eq!(claims.len(), 8);
    assert!(claims.iter().all(|c| c.origin == Origin::Extracted && !c.date_checked), "nobody checked them");
    let timeline = store.timeline(&TimelineFilter::default(), PageRequest::new(0, 100)).unwrap();
    assert!(timeline.items.iter().filter(|i| i.kind == TimelineKind::Claim).all(|i| i.unchecked));
    drop(store);
    let new = raw_rows(&path);
    assert_rows_kept(&old, &new);
}

#[test]
fn a_claims_date_is_checked_when_accepted_on_its_own_or_confirmed_and_not_when_accepted_in_bulk() {
    let (_dir, _path, mut store) = temp_store();
    let source = imported(&mut store, "extract/es-cooperacion.txt");
    let dated = store
        .list_suggestions(Some(source), Some(SuggestionKind::Claim), None, PageRequest::new(0, 100))
        .unwrap()
        .items
        .into_iter()
        .filter(|s| matches!(&s.payload, SuggestionPayload::Claim(c) if c.date.is_some()))
        .map(|s| s.id)
        .collect::<Vec<_>>();
    assert!(dated.len() >= 2, "{dated:?}");
    let alone = history::accept_suggestion(&mut store, dated[0]).unwrap().claim_id.unwrap();
    assert!(store.claim(alone).unwrap().date_checked, "seen in Review with its date");
    history::accept_suggestions(&mut store, &dated[1..]).unwrap();
    let claims = store.list_claims(ClaimFilter::default(), PageRequest::new(0, 100)).unwrap().items;
    let bulk = claims.iter().find(|c| c.id != alone && c.date.is_some()).unwrap().id;
    assert!(!store.claim(bulk).unwrap().date_checked, "accepted unseen");
    let timeline = store.timeline(&TimelineFilter::default(), PageRequest::new(0, 100)).unwrap().items;
    let flag = |id: i32| timeline.iter().find(|i| i.kind == TimelineKind::Claim && i.id == id).map(|i| i.unchecked);
    assert_eq!((flag(alone), flag(bulk)), (Some(false), Some(true)));

    history::confirm_claim_date(&mut store, bulk).unwrap();
    assert!(store.claim(bulk).unwrap().date_checked);
    assert!(store.list_changes(1).unwrap()[0].label.starts_with("Confirmed the date of “"));
    history::confirm_claim_date(&mut store, bulk).unwrap();
    assert!(
        store.list_changes(1).unwrap()[0].label.starts_with("Confirmed the date of “"),
        "confirming twice records once"
    );
    history::undo(&mut store, None).unwrap();
    assert!(!store.claim(bulk).unwrap().date_checked, "undone");
}

#[test]
fn the_dates_waiting_for_a_look_are_listed_and_a_corrected_date_is_checked_until_undone() {
    let (_dir, _path, mut store) = temp_store();
    let source = imported(&mut store, "extract/es-cooperacion.txt");
    let claims: Vec<i32> = store
        .list_suggestions(Some(source), Some(SuggestionKind::Claim), None, PageRequest::new(0, 100))
        .unwrap()
        .items
        .iter()
        .map(|s| s.id)
        .collect();
    history::accept_suggestions(&mut store, &claims).unwrap();
    let waiting = |store: &Store| -> Vec<i32> {
        let listing = ClaimListing { unchecked_dates: true, ..Default::default() };
        store.find_claims(&listing, PageRequest::new(0, 100)).unwrap().items.iter().map(|c| c.id).collect()
    };
    let all = waiting(&store);
    assert!(!all.is_empty());
    for id in &all {
        let claim = store.claim(*id).unwrap();
        assert!(claim.date.is_some() && !claim.date_checked && claim.status == ReviewStatus::Accepted);
    }
    let first = all[0];
    let before = store.claim(first).unwrap().date;
    history::set_claim_date(&mut store, first, Some("2022-12")).unwrap();
    let dated = store.claim(first).unwrap();
    assert_eq!((dated.date.as_deref(), dated.date_checked), (Some("2022-12"), true));
    assert!(!waiting(&store).contains(&first), "a date given by a person waits no more");
    assert!(history::set_claim_date(&mut store, first, Some("December 2022")).is_err(), "EDTF only");
    history::undo(&mut store, None).unwrap();
    let back = store.claim(first).unwrap();
    assert_eq!((back.date, back.date_checked), (before, false));
    assert!(waiting(&store).contains(&first));
}

/// Every suggestion every released schema wrote (v2, the first with suggestions, to v6)
/// reads back as the typed record of its kind, edited ones included, with the label the
/// record gives.
#[test]
fn every_frozen_stores_suggestions_read_back_as_typed_records() {
    for version in 2..=6 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.dossier");
        std::fs::copy(fixture(&format!("stores/v{version}.dossier")), &path).unwrap();
        let store = Store::open(&path).unwrap();
        let all = store.list_suggestions(None, None, None, PageRequest::new(0, 500)).unwrap();
        assert!(all.total > 10 && all.items.len() as i32 == all.total, "v{version}: {}", all.total);
        for kind in [SuggestionKind::Actor, SuggestionKind::Quote, SuggestionKind::Date, SuggestionKind::Claim] {
            assert!(all.items.iter().any(|s| s.kind == kind), "v{version} has a {kind} suggestion");
        }
        for s in &all.items {
            assert_eq!(s.payload.kind(), s.kind, "v{version}: suggestion {}", s.id);
            assert_eq!(s.payload.label(), s.label, "v{version}: suggestion {}", s.id);
        }
    }
}

/// A stored suggestion whose record does not read as its kind is an error naming it,
/// never a record of defaults.
#[test]
fn a_suggestion_whose_record_does_not_read_is_an_error_not_a_default() {
    let (_dir, path, mut store) = temp_store();
    let source = article(&mut store, "Iran supplied drones to Venezuela.");
    store.replace_suggestions(source, &[actor_suggestion("Iran")]).unwrap();
    let id = store.list_suggestions(Some(source), None, None, PageRequest::default()).unwrap().items[0].id;
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE suggestions SET payload = '{\"name\": \"Iran\"}' WHERE id = ?1", [id]).unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    assert!(store.list_suggestions(Some(source), None, None, PageRequest::default()).is_err());
    let refused = history::accept_suggestion(&mut store, id).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert!(refused.to_string().contains(&format!("suggestion {id} is unreadable")), "{refused}");
    assert_eq!(store.stats().unwrap().actors, 0, "nothing was written");
}

/// Taking an old merge back by its id is a change like any other: it is in the history
/// with its label, and undoing it merges the actor again.
#[test]
fn taking_a_merge_back_by_its_id_is_recorded_and_undone_by_merging_again() {
    let (_dir, _path, mut store) = temp_store();
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let twin = actor(&mut store, "Irán", ActorKind::State, &["República Islámica"]);
    let merge = history::merge_actors(&mut store, iran, twin).unwrap().merge_id;
    // Another change since: the merge is no longer the latest.
    history::set_actor_description(&mut store, iran, "Islamic Republic").unwrap();

    let restored = history::unmerge(&mut store, merge).unwrap();
    assert_eq!(store.actor(restored).unwrap().name, "Irán");
    assert!(store.find_actors_by_name("República Islámica").unwrap().contains(&restored));
    let latest = &history::recent(&store, 1).unwrap()[0];
    assert_eq!(latest.label, "Took Irán back out of Iran");

    history::undo(&mut store, None).unwrap().expect("the unmerge is taken back");
    assert!(store.actor(restored).is_err(), "merged again");
    assert_eq!(store.find_actors_by_name("República Islámica").unwrap(), [iran]);
    assert_eq!(history::unmerge(&mut store, 999).unwrap_err().code(), ErrorCode::NotFound);
}

/// A changing call learns in one step what it did, the change it recorded and what that
/// change touched; a call that changed nothing reports no change.
#[test]
fn a_change_comes_back_with_its_history_entry_and_the_kinds_it_touched() {
    let (_dir, _path, mut store) = temp_store();
    let source = imported(&mut store, "extract/es-cooperacion.txt");
    let claim = suggestion(&store, source, "Iran cooperates_with Venezuela");
    let accepted = history::with_change(&mut store, |s| history::accept_suggestion(s, claim)).unwrap();
    assert!(accepted.value.claim_id.is_some());
    let change = accepted.change.expect("recorded");
    assert_eq!(change, history::recent(&store, 1).unwrap()[0]);
    for kind in [RecordKind::Suggestions, RecordKind::Claims, RecordKind::Citations, RecordKind::Actors] {
        assert!(accepted.touched.contains(&kind), "{kind} in {:?}", accepted.touched);
    }
    let iran = store.find_actors_by_name("Iran").unwrap()[0];
    let renamed = history::with_change(&mut store, |s| history::set_actor_description(s, iran, "state")).unwrap();
    assert_eq!(renamed.touched, [RecordKind::Actors]);
    let added = history::with_change(&mut store, |s| history::add_alias(s, iran, "Iran")).unwrap();
    assert_eq!((added.value, added.change, added.touched), (false, None, vec![]), "nothing changed");
}

/// The tables whose rows another desktop may need to name (migration 8).
const WITH_GLOBAL_IDS: [&str; 9] =
    ["sources", "actors", "actor_aliases", "mentions", "claims", "citations", "notes", "suggestions", "actor_merges"];

/// `(table, gid)` of every row of the tables with global ids, read without Dossier.
fn global_ids(path: &Path) -> Vec<(String, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut all = Vec::new();
    for table in WITH_GLOBAL_IDS {
        let mut statement = conn.prepare(&format!("SELECT gid FROM {table}")).unwrap();
        let gids: Vec<Option<String>> =
            statement.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        all.extend(gids.into_iter().map(|gid| (table.to_string(), gid)));
    }
    all
}

/// A UUIDv7 in lowercase text: `xxxxxxxx-xxxx-7xxx-[89ab]xxx-xxxxxxxxxxxx`.
fn is_uuid_v7(gid: &str) -> bool {
    let b = gid.as_bytes();
    gid.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b[14] == b'7'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
        && gid.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// A store written by schema v7 (the CLI of 0.3.x: three articles, one source accepted
/// in bulk, a quotation and a claim accepted, a claim rejected, an actor merged) gives
/// every row that syncs a global id, each a distinct UUIDv7, with every row as it was.
#[test]
fn a_version_7_store_gives_every_row_that_syncs_a_distinct_global_id_with_every_row_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.dossier");
    std::fs::copy(fixture("stores/v7.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "7");
    let old = raw_rows(&path);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    assert_rows_kept(&old, &raw_rows(&path));

    let gids = global_ids(&path);
    for table in
        ["sources", "actors", "actor_aliases", "mentions", "claims", "citations", "suggestions", "actor_merges"]
    {
        assert!(gids.iter().any(|(t, _)| t == table), "the fixture has rows in {table}");
    }
    let bad: Vec<_> = gids.iter().filter(|(_, gid)| !gid.as_deref().is_some_and(is_uuid_v7)).collect();
    assert!(bad.is_empty(), "{bad:?}");
    let distinct: std::collections::HashSet<_> = gids.iter().map(|(_, gid)| gid.clone()).collect();
    assert_eq!(distinct.len(), gids.len(), "every global id is distinct");
}

#[test]
fn new_rows_get_a_global_id_that_never_changes_and_comes_back_with_an_undone_deletion() {
    let (_dir, path, mut store) = temp_store();
    let source = imported(&mut store, "extract/en-drones.txt");
    let pending: Vec<i32> = store
        .list_suggestions(Some(source), None, None, PageRequest::new(0, 500))
        .unwrap()
        .items
        .iter()
        .map(|s| s.id)
        .collect();
    history::accept_suggestions(&mut store, &pending).unwrap();
    let note = history::create_note(&mut store, "Working theory", "Iran arms [[Venezuela]].").unwrap();
    let actors = store.list_actors(None, PageRequest::new(0, 100)).unwrap().items;
    let (kept, merged) = (actors[0].id, actors[1].id);
    let gid_of = |table: &str, id: i32| -> String {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row(&format!("SELECT gid FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).unwrap()
    };
    let gids = global_ids(&path);
    assert!(gids.len() > 20 && gids.iter().all(|(_, gid)| gid.as_deref().is_some_and(is_uuid_v7)), "{gids:?}");

    let (merged_gid, note_gid) = (gid_of("actors", merged), gid_of("notes", note));
    let aliases_before = global_ids(&path).into_iter().filter(|(t, _)| t == "actor_aliases").count();
    history::merge_actors(&mut store, kept, merged).unwrap();
    history::undo(&mut store, None).unwrap();
    assert_eq!(gid_of("actors", merged), merged_gid, "an unmerged actor is the actor it was");
    history::delete_note(&mut store, note).unwrap();
    history::undo(&mut store, None).unwrap();
    assert_eq!(gid_of("notes", note), note_gid, "an undeleted note is the note it was");
    let after = global_ids(&path);
    assert_eq!(after.iter().filter(|(t, _)| t == "actor_aliases").count(), aliases_before);
    let distinct: std::collections::HashSet<_> = after.iter().map(|(_, gid)| gid.clone()).collect();
    assert_eq!(distinct.len(), after.len());

    // Outside Dossier's writers too: a row without a global id, or a changed one, is refused.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let changed = conn.execute("UPDATE actors SET gid = ?2 WHERE id = ?1", rusqlite::params![kept, merged_gid]);
    assert!(changed.unwrap_err().to_string().contains("a global id never changes"));
    let missing = conn.execute("INSERT INTO notes (title, body, created_at, updated_at) VALUES ('t', '', '', '')", []);
    assert!(missing.unwrap_err().to_string().contains("a new row needs its global id"));
}

/// A store written by schema v8 (the v7 fixture opened by the v8 CLI, then three tags
/// and a note written into it as v8 writes them) keeps every row, gives each tag a
/// distinct global id, and captures nothing for a team until it joins one.
#[test]
fn a_version_8_store_gives_its_tags_global_ids_and_captures_nothing_until_it_joins_a_team() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.dossier");
    std::fs::copy(fixture("stores/v8.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "8");
    let old = raw_rows(&path);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let status = store.sync_status().unwrap();
    assert_eq!((status.investigation, status.pending), (None, 0));
    drop(store);
    let new = raw_rows(&path);
    assert_rows_kept(&old, &new);
    let tags = &new.iter().find(|(t, _)| t == "source_tags").unwrap().1;
    assert_eq!(tags.len(), 3);
    let gids: std::collections::HashSet<String> = tags
        .iter()
        .map(|r| match r.last() {
            Some(rusqlite::types::Value::Text(gid)) if is_uuid_v7(gid) => gid.clone(),
            other => panic!("a tag without a global id: {other:?}"),
        })
        .collect();
    assert_eq!(gids.len(), 3, "distinct");
}
