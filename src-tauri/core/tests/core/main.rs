//! Integration tests of the core on real SQLite files in temporary folders.

use dossier_core::model::*;
use dossier_core::store::testing::UnrecordedWrites;
use dossier_core::store::{ClaimFilter, Inserted, APPLICATION_ID, LATEST_VERSION};
use dossier_core::{ErrorCode, Store};
use std::path::{Path, PathBuf};

mod backup;
mod copies;
mod export;
mod grades;
mod history;
mod hypotheses;
mod import;
mod linking;
mod network;
mod ocr;
mod sync;
mod web;

const ARTICLE: &str = "Tehran and Caracas deepen ties\n\n\
Iran signed a cooperation agreement with Venezuela in 2022, officials said. \
“The alliance is the most successful project in the region,” Joseph Humire said in February. \
Hezbollah has maintained a presence in the region for decades.\n";

/// A file of the project's own test fixtures (`tests/fixtures`).
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn temp_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.dossier");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

fn article(store: &mut Store, text: &str) -> i32 {
    store
        .insert_source(&NewSource {
            title: text.lines().next().unwrap().to_string(),
            media_type: "text/plain".into(),
            original: text.as_bytes().to_vec(),
            text: text.to_string(),
            published: Some("2024-10-02".into()),
            ..NewSource::default()
        })
        .unwrap()
        .id()
}

fn actor(store: &mut Store, name: &str, kind: ActorKind, aliases: &[&str]) -> i32 {
    store
        .insert_actor(&NewActor {
            name: name.into(),
            kind,
            description: String::new(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        })
        .unwrap()
}

fn claim(store: &mut Store, subject: i32, relation: Relation, object: i32, statement: &str) -> i32 {
    store
        .insert_claim(&NewClaim {
            subject_id: subject,
            relation,
            relation_text: None,
            object_id: Some(object),
            object_text: None,
            statement: statement.into(),
            date: Some("2022".into()),
            attributed_to_id: None,
            certainty: Certainty::Asserted,
            status: ReviewStatus::Suggested,
            origin: Origin::Extracted,
        })
        .unwrap()
}

fn cite(store: &mut Store, claim_id: i32, source_id: i32, start: i32, end: i32) -> i32 {
    store
        .insert_citation(&NewCitation {
            claim_id: Some(claim_id),
            source_id,
            start,
            end,
            speaker_id: None,
            note: String::new(),
        })
        .unwrap()
}

fn hits(store: &Store, query: &str, kind: SearchKind) -> Vec<i32> {
    store.search(query, Some(kind), PageRequest::default()).unwrap().items.into_iter().map(|h| h.id).collect()
}

/// A suggestion as the store keeps it: `json` is the record of its kind.
fn stored_suggestion(kind: SuggestionKind, json: serde_json::Value) -> NewSuggestion {
    NewSuggestion::of(SuggestionPayload::from_stored(kind, &json.to_string()).expect("a whole record of its kind"))
}

/// The suggestion of an actor of no known kind named `name`, mentioned at `[0, 4)`.
fn actor_suggestion(name: &str) -> NewSuggestion {
    stored_suggestion(
        SuggestionKind::Actor,
        serde_json::json!({ "name": name, "kind": "other", "surfaces": [], "mentions": [{ "start": 0, "end": 4 }] }),
    )
}

fn pragma(path: &Path, name: &str) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get::<_, rusqlite::types::Value>(0))
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
}

#[test]
fn a_new_store_is_migrated_to_the_latest_schema_with_wal_and_its_application_id() {
    let (_dir, path, store) = temp_store();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.stats().unwrap(), Stats::default());
    drop(store);
    assert_eq!(pragma(&path, "user_version"), LATEST_VERSION.to_string());
    assert_eq!(pragma(&path, "application_id"), APPLICATION_ID.to_string());
    assert_eq!(pragma(&path, "journal_mode"), "wal");
}

#[test]
fn reopening_a_store_keeps_its_rows_and_does_not_migrate_again() {
    let (_dir, path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &["Islamic Republic of Iran", "Iranian"]);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.source(source).unwrap().summary.title, "Tehran and Caracas deepen ties");
    assert_eq!(store.actor(iran).unwrap().aliases, vec!["Iran", "Islamic Republic of Iran", "Iranian"]);
    assert_eq!(store.stats().unwrap().aliases, 3);
}

#[test]
fn a_sqlite_file_of_another_program_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x');",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotADossierStore);
    assert!(err.to_string().contains("is not a Dossier store"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(pragma(&path, "user_version"), "0");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "These are my notes, not a database. ".repeat(200)).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotADossierStore);
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
}

#[test]
fn a_store_from_a_newer_dossier_is_refused() {
    let (_dir, path, store) = temp_store();
    drop(store);
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreTooNew);
    assert!(err.to_string().contains("newer Dossier"), "{err}");
}

/// A store file from elsewhere with SQL of its own in its schema (a trigger rewriting
/// claims, a view) is refused before anything runs or is written, at any schema version.
#[test]
fn a_store_whose_schema_is_not_ours_is_refused_and_left_untouched() {
    let (dir, path, store) = temp_store();
    drop(store);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER soften AFTER INSERT ON claims BEGIN UPDATE claims SET certainty = 'confirmed' WHERE id = new.id; END;
             CREATE VIEW everything AS SELECT * FROM claims;",
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(!wal.exists(), "the store was closed whole");
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotADossierStore);
    assert!(err.to_string().contains("trigger soften") && err.to_string().contains("view everything"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    assert!(std::fs::metadata(&wal).map_or(true, |m| m.len() == 0), "nothing written to a WAL either");

    // An old store (schema v1) with a table of its own is refused before its migration.
    let old = dir.path().join("old.dossier");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/stores/v1.dossier"), &old).unwrap();
    rusqlite::Connection::open(&old).unwrap().execute_batch("CREATE TABLE stash (x)").unwrap();
    let err = Store::open(&old).unwrap_err();
    assert!(err.to_string().contains("table stash"), "{err}");
    assert_eq!(pragma(&old, "user_version"), "1", "not migrated");
    assert!(!dir.path().join("backups").exists(), "nothing backed up either: nothing was touched");
}

#[test]
fn the_same_bytes_are_stored_once() {
    let (_dir, _path, mut store) = temp_store();
    let first = article(&mut store, ARTICLE);
    let again = store
        .insert_source(&NewSource {
            title: "Other title".into(),
            media_type: "text/plain".into(),
            original: ARTICLE.as_bytes().to_vec(),
            text: ARTICLE.into(),
            ..NewSource::default()
        })
        .unwrap();
    assert_eq!(again, Inserted::Duplicate(first));
    assert_eq!(store.stats().unwrap().sources, 1);
    assert_eq!(store.source_original(first).unwrap(), ARTICLE.as_bytes());
}

#[test]
fn citations_are_cut_from_the_source_text_by_code_points() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let text = store.source(source).unwrap().text;
    let byte_start = text.find("“The alliance").unwrap();
    let start = text[..byte_start].chars().count() as i32;
    let exact = "“The alliance is the most successful project in the region,”";
    let end = start + exact.chars().count() as i32;
    let humire = actor(&mut store, "Joseph Humire", ActorKind::Person, &["Humire"]);
    let id = store
        .insert_citation(&NewCitation {
            claim_id: None,
            source_id: source,
            start,
            end,
            speaker_id: Some(humire),
            note: String::new(),
        })
        .unwrap();
    let citation = &store.citations_in_source(source).unwrap()[0];
    assert_eq!(citation.id, id);
    assert_eq!(citation.exact, exact);
    assert_eq!(citation.prefix.chars().count(), 32);
    assert!(citation.prefix.ends_with("officials said. "), "{}", citation.prefix);
    assert!(citation.suffix.starts_with(" Joseph Humire said"), "{}", citation.suffix);
    assert_eq!(citation.speaker.as_ref().unwrap().name, "Joseph Humire");

    let outside = store.insert_citation(&NewCitation {
        claim_id: None,
        source_id: source,
        start: 10,
        end: 10_000,
        speaker_id: None,
        note: String::new(),
    });
    assert_eq!(outside.unwrap_err().code(), ErrorCode::InvalidInput);
}

#[test]
fn mentions_must_match_the_text_they_point_at() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let start = ARTICLE.find("Iran signed").unwrap() as i32; // ASCII before it: bytes = code points
    let good = NewMention {
        source_id: source,
        actor_id: Some(iran),
        start,
        end: start + 4,
        surface: "Iran".into(),
        kind: Some(ActorKind::State),
        status: ReviewStatus::Suggested,
    };
    let wrong = NewMention { surface: "Cuba".into(), ..good.clone() };
    assert_eq!(store.insert_mentions(&[good.clone(), wrong]).unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(store.stats().unwrap().mentions, 0, "a failed batch writes nothing");
    store.insert_mentions(&[good]).unwrap();
    assert_eq!(store.mentions_in_source(source).unwrap()[0].surface, "Iran");
    assert_eq!(store.list_sources(SourceSort::ImportedDesc, PageRequest::default()).unwrap().items[0].actor_count, 1);
}

#[test]
fn actors_named_by_claims_cannot_be_deleted_from_under_them() {
    let (_dir, _path, mut store) = temp_store();
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &[]);
    let spare = actor(&mut store, "Spare", ActorKind::Other, &[]);
    claim(&mut store, hezbollah, Relation::ProxyOf, iran, "Hezbollah acts on behalf of Iran");
    let err = store.delete_actor(iran).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("merge"), "{err}");
    store.delete_actor(spare).unwrap();
    assert_eq!(store.actor(spare).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn claims_refer_only_to_actors_that_exist() {
    let (_dir, _path, mut store) = temp_store();
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let err = store
        .insert_claim(&NewClaim {
            subject_id: iran,
            relation: Relation::Funds,
            relation_text: None,
            object_id: Some(999),
            object_text: None,
            statement: String::new(),
            date: None,
            attributed_to_id: None,
            certainty: Certainty::Alleged,
            status: ReviewStatus::Suggested,
            origin: Origin::User,
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(store.stats().unwrap().claims, 0);
}

#[test]
fn deleting_a_source_takes_its_mentions_and_citations_but_keeps_claims() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let venezuela = actor(&mut store, "Venezuela", ActorKind::State, &[]);
    let signed = claim(&mut store, iran, Relation::SignsAgreementWith, venezuela, "Iran signed with Venezuela");
    cite(&mut store, signed, source, 32, 60);
    store
        .insert_mentions(&[NewMention {
            source_id: source,
            actor_id: Some(iran),
            start: 32,
            end: 36,
            surface: "Iran".into(),
            kind: None,
            status: ReviewStatus::Accepted,
        }])
        .unwrap();
    assert_eq!(store.claim(signed).unwrap().citation_count, 1);
    store.delete_source(source).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.sources, stats.mentions, stats.citations, stats.claims), (0, 0, 0, 1));
    assert_eq!(store.claim(signed).unwrap().citation_count, 0);
}

#[test]
fn deleting_a_claim_leaves_its_citations_as_highlights() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let venezuela = actor(&mut store, "Venezuela", ActorKind::State, &[]);
    let signed = claim(&mut store, iran, Relation::SignsAgreementWith, venezuela, "");
    cite(&mut store, signed, source, 32, 60);
    store.delete_claim(signed).unwrap();
    let highlights = store.citations_in_source(source).unwrap();
    assert_eq!(highlights.len(), 1);
    assert_eq!(highlights[0].claim_id, None);
}

#[test]
fn source_search_follows_inserts_renames_and_deletes() {
    let (_dir, _path, mut store) = temp_store();
    let source = store
        .insert_source(&NewSource {
            title: "Old headline".into(),
            media_type: "text/plain".into(),
            original: ARTICLE.as_bytes().to_vec(),
            text: ARTICLE.into(),
            ..NewSource::default()
        })
        .unwrap()
        .id();
    assert_eq!(hits(&store, "hezbollah", SearchKind::Source), vec![source]);
    assert_eq!(hits(&store, "headline", SearchKind::Source), vec![source]);
    assert_eq!(hits(&store, "tehran caracas", SearchKind::Source), vec![source]);
    store.rename_source(source, "Bolivia, Iran’s most successful project").unwrap();
    assert_eq!(hits(&store, "bolivia", SearchKind::Source), vec![source]);
    assert!(hits(&store, "headline", SearchKind::Source).is_empty(), "the old title is gone from the index");
    assert_eq!(hits(&store, "presence", SearchKind::Source), vec![source], "the text is still indexed");
    store.delete_source(source).unwrap();
    assert!(hits(&store, "hezbollah", SearchKind::Source).is_empty());
}

#[test]
fn actor_search_covers_names_and_aliases_as_they_change() {
    let (_dir, _path, mut store) = temp_store();
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &["Hizballah"]);
    assert_eq!(hits(&store, "hizballah", SearchKind::Actor), vec![hezbollah]);
    store.add_alias(hezbollah, "Party of God").unwrap();
    assert_eq!(hits(&store, "party god", SearchKind::Actor), vec![hezbollah]);
    store.remove_alias(hezbollah, "Hizballah").unwrap();
    assert!(hits(&store, "hizballah", SearchKind::Actor).is_empty());
    store.rename_actor(hezbollah, "Hizbullah").unwrap();
    assert_eq!(hits(&store, "hizbullah", SearchKind::Actor), vec![hezbollah]);
    store.delete_actor(hezbollah).unwrap();
    assert!(hits(&store, "party", SearchKind::Actor).is_empty());
}

#[test]
fn claim_and_note_search_follow_edits() {
    let (_dir, _path, mut store) = temp_store();
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let cuba = actor(&mut store, "Cuba", ActorKind::State, &[]);
    let visit = claim(&mut store, cuba, Relation::Visits, iran, "Díaz-Canel visited Iran in December");
    assert_eq!(hits(&store, "diaz canel", SearchKind::Claim), vec![visit], "diacritics fold");
    store.set_claim_statement(visit, "The Cuban figurehead travelled to Tehran").unwrap();
    assert!(hits(&store, "december", SearchKind::Claim).is_empty());
    assert_eq!(hits(&store, "figurehead", SearchKind::Claim), vec![visit]);

    let note = store.insert_note("Open questions", "Who brokered the 2022 visit?").unwrap();
    assert_eq!(hits(&store, "brokered", SearchKind::Note), vec![note]);
    store.update_note(note, "Open questions", "Check the flight records.").unwrap();
    assert!(hits(&store, "brokered", SearchKind::Note).is_empty());
    assert_eq!(hits(&store, "flight", SearchKind::Note), vec![note]);
    store.delete_note(note).unwrap();
    assert!(hits(&store, "flight", SearchKind::Note).is_empty());
}

#[test]
fn search_snippets_mark_hits_as_text_fragments() {
    let (_dir, _path, mut store) = temp_store();
    article(&mut store, "Markup <b>stays</b> text\n\nThe <script>alert(1)</script> Hezbollah presence.");
    let page = store.search("hezbollah", None, PageRequest::default()).unwrap();
    assert_eq!(page.total, 1);
    let snippet = &page.items[0].snippet;
    assert!(snippet.iter().any(|f| f.hit && f.text == "Hezbollah"), "{snippet:?}");
    assert!(snippet.iter().any(|f| !f.hit && f.text.contains("<script>")), "markup comes back as plain text");
    assert!(store.search("\"unbalanced", None, PageRequest::default()).is_ok());
    assert!(store.search("NEAR(", None, PageRequest::default()).is_ok());
}

#[test]
fn search_pages_through_ranked_hits_of_every_kind_with_the_total_on_every_page() {
    let (_dir, _path, mut store) = temp_store();
    for i in 0..7 {
        // More mentions of the word rank higher (bm25), whatever the id.
        let words = ["tanker"; 8][..(1 + i % 4)].join(" ");
        article(&mut store, &format!("Dispatch {i}\n\nA report on {words} traffic near the port."));
    }
    actor(&mut store, "Tanker Fleet Holding", ActorKind::Organization, &[]);
    let note = store.insert_note("Tankers", "Follow the tanker money.").unwrap();
    let all: Vec<_> = store.search("tanker ", None, PageRequest::new(0, 100)).unwrap().items;
    assert_eq!(all.len(), 9, "7 sources, an actor, a note: {all:?}");
    assert!(all.iter().any(|h| h.kind == SearchKind::Note && h.id == note));
    assert!(all.iter().all(|h| h.snippet.iter().any(|f| f.hit)), "every hit has its snippet: {all:?}");
    let mut paged = Vec::new();
    for offset in [0, 4, 8] {
        let page = store.search("tanker ", None, PageRequest::new(offset, 4)).unwrap();
        assert_eq!(page.total, 9, "the total on the page at {offset}");
        paged.extend(page.items.into_iter().map(|h| (h.kind, h.id)));
    }
    assert_eq!(paged, all.iter().map(|h| (h.kind, h.id)).collect::<Vec<_>>(), "pages follow the ranking");
    let past = store.search("tanker ", None, PageRequest::new(40, 4)).unwrap();
    assert_eq!((past.items.len(), past.total), (0, 9), "past the end: no hits, the same total");
}

#[test]
fn note_wikilinks_resolve_by_id_and_by_name_and_give_backlinks() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let humire = actor(&mut store, "Joseph Humire", ActorKind::Person, &["Humire"]);
    let note = store
        .insert_note(
            "Sources on Bolivia",
            &format!(
                "[[Humire]] says so in [[source:{source}|the piece]]; [[Nobody]] and [[actor:999]] resolve to nothing."
            ),
        )
        .unwrap();
    let links = store.note(note).unwrap().links;
    assert_eq!(
        links,
        vec![
            NoteLink { target: LinkTarget::Actor, target_id: humire, label: "Humire".into() },
            NoteLink { target: LinkTarget::Source, target_id: source, label: "the piece".into() },
        ]
    );
    store.rename_actor(humire, "J. Humire").unwrap();
    assert_eq!(store.backlinks(LinkTarget::Actor, humire).unwrap()[0].id, note, "links by id survive renames");
    assert_eq!(store.backlinks(LinkTarget::Source, source).unwrap().len(), 1);
}

#[test]
fn lists_are_paged_and_clamped() {
    let (_dir, _path, mut store) = temp_store();
    for i in 0..7 {
        article(&mut store, &format!("Article {i}\n\nBody {i}"));
    }
    let page = store.list_sources(SourceSort::TitleAsc, PageRequest::new(5, 10)).unwrap();
    assert_eq!((page.total, page.offset, page.items.len()), (7, 5, 2));
    assert_eq!(page.items[0].title, "Article 5");
    let huge = store.list_sources(SourceSort::ImportedDesc, PageRequest::new(-3, 1_000_000)).unwrap();
    assert_eq!((huge.offset, huge.items.len()), (0, 7));
}

#[test]
fn invalid_dates_are_refused_before_anything_is_written() {
    let (_dir, _path, mut store) = temp_store();
    let err = store
        .insert_source(&NewSource {
            title: "Dated".into(),
            media_type: "text/plain".into(),
            original: b"x".to_vec(),
            text: "x".into(),
            published: Some("June 2023".into()),
            ..NewSource::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(store.stats().unwrap().sources, 0);
}

#[test]
fn claims_are_listed_by_actor_and_status_with_names_joined() {
    let (_dir, _path, mut store) = temp_store();
    let iran = actor(&mut store, "Iran", ActorKind::State, &[]);
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &[]);
    let cuba = actor(&mut store, "Cuba", ActorKind::State, &[]);
    let proxy = claim(&mut store, hezbollah, Relation::ProxyOf, iran, "");
    let visit = claim(&mut store, cuba, Relation::Visits, iran, "");
    claim(&mut store, cuba, Relation::AllyOf, hezbollah, "");
    store.set_claim_status(visit, ReviewStatus::Accepted).unwrap();

    let of_iran =
        store.list_claims(ClaimFilter { actor_id: Some(iran), status: None }, PageRequest::default()).unwrap();
    assert_eq!(of_iran.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![proxy, visit]);
    assert_eq!(of_iran.items[0].subject.name, "Hezbollah");
    assert_eq!(of_iran.items[0].object.as_ref().unwrap().name, "Iran");
    let accepted = store
        .list_claims(ClaimFilter { actor_id: None, status: Some(ReviewStatus::Accepted) }, PageRequest::default())
        .unwrap();
    assert_eq!((accepted.total, accepted.items[0].id), (1, visit));
}

/// Extraction runs on whatever text import produced: it must never panic. Every text
/// we hold (fixtures, and the seed when present) is analysed whole and cut at many
/// points, which leaves quotations, names and sentences unfinished.
#[test]
fn analysis_survives_real_texts_cut_anywhere() {
    use dossier_core::extract::{actors::Lexicon, analyze};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut texts: Vec<String> = Vec::new();
    for dir in ["tests/fixtures/articles", "tests/fixtures/extract"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    if let Ok(seed) = std::fs::read_to_string(root.join("../shared/seed/article.txt")) {
        texts.push(seed);
    }
    let lexicon = Lexicon::builtin();
    for text in &texts {
        let whole = analyze(text, &lexicon, Some(dossier_core::extract::Published::year(2024)));
        let chars = text.chars().count() as i32;
        for span in whole.actors.iter().flat_map(|a| &a.mentions) {
            assert!(0 <= span.start && span.start < span.end && span.end <= chars);
        }
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(13).collect();
        for &cut in &boundaries {
            analyze(&text[..cut], &lexicon, None);
            analyze(&text[cut..], &lexicon, None);
        }
    }
    assert!(texts.len() >= 5);
}

#[test]
fn the_lexicon_of_the_library_lists_every_actor_with_its_aliases() {
    let (_dir, _path, mut store) = temp_store();
    let hezbollah = actor(&mut store, "Hezbollah", ActorKind::ArmedGroup, &["Hizballah"]);
    actor(&mut store, "Joseph Humire", ActorKind::Person, &[]);
    let names = store.actor_names().unwrap();
    assert_eq!(names.len(), 2);
    assert_eq!(names[0].0, "Hezbollah");
    assert_eq!(names[0].1, ActorKind::ArmedGroup);
    assert_eq!(names[0].2, vec!["Hezbollah", "Hizballah"]);
    store.add_alias(hezbollah, "Hizbullah").unwrap();
    assert_eq!(store.actor_names().unwrap()[0].2.len(), 3);
}

/// A store written by schema v1 (committed as it was) opens under today's schema with
/// everything in it.
#[test]
fn a_version_1_store_is_migrated_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.dossier");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/stores/v1.dossier"), &path).unwrap();
    assert_eq!(pragma(&path, "user_version"), "1");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let stats = store.stats().unwrap();
    assert_eq!((stats.sources, stats.actors, stats.aliases, stats.suggestions), (4, 1, 2, 0));
    let hits = store.search("Guaira", Some(SearchKind::Source), PageRequest::default()).unwrap();
    assert_eq!(hits.total, 1, "the full-text index came through the migration");
    assert_eq!(store.actor_names().unwrap()[0].2, vec!["Hezbollah", "Hizballah"]);
}

#[test]
fn suggestions_of_a_source_are_replaced_but_decisions_are_kept() {
    let (_dir, _path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    let suggestion = actor_suggestion;
    store.replace_suggestions(source, &[suggestion("iran"), suggestion("venezuela")]).unwrap();
    let listed = store.list_suggestions(Some(source), None, None, PageRequest::default()).unwrap();
    assert_eq!(listed.total, 2);
    let iran = listed.items.iter().find(|s| s.label == "iran (other)").unwrap().id;
    store.set_suggestion_status(iran, ReviewStatus::Rejected).unwrap();
    assert_eq!(store.stats().unwrap().suggestions, 1);

    let venezuela = listed.items.iter().find(|s| s.label == "venezuela (other)").unwrap().id;

    // Re-analysis proposes the same two and a new one: the rejected one stays rejected,
    // the pending one keeps its id.
    store.replace_suggestions(source, &[suggestion("iran"), suggestion("venezuela"), suggestion("cuba")]).unwrap();
    let pending =
        store.list_suggestions(Some(source), None, Some(ReviewStatus::Suggested), PageRequest::default()).unwrap();
    let mut labels: Vec<&str> = pending.items.iter().map(|s| s.label.as_str()).collect();
    labels.sort();
    assert_eq!(labels, ["cuba (other)", "venezuela (other)"]);
    assert!(pending.items.iter().any(|s| s.id == venezuela));
    assert_eq!(store.list_suggestions(Some(source), None, None, PageRequest::default()).unwrap().total, 3);
    // A pending suggestion not proposed again goes.
    store.replace_suggestions(source, &[suggestion("cuba")]).unwrap();
    let all = store.list_suggestions(Some(source), None, None, PageRequest::default()).unwrap();
    assert_eq!(all.items.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["iran (other)", "cuba (other)"]);
    assert_eq!(store.set_suggestion_status(9999, ReviewStatus::Accepted).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn the_library_filters_by_words_site_language_and_published_days() {
    let (_dir, _path, mut store) = temp_store();
    let add = |store: &mut Store, title: &str, site: &str, language: &str, published: &str| {
        store
            .insert_source(&NewSource {
                title: title.into(),
                publisher: Some(site.into()),
                language: Some(language.into()),
                published: Some(published.into()),
                media_type: "text/plain".into(),
                original: title.as_bytes().to_vec(),
                text: format!("{title}\n\nBody of the piece about drones and oil."),
                ..NewSource::default()
            })
            .unwrap()
            .id()
    };
    let wire = add(&mut store, "Drones for Caracas", "Example Wire", "en", "2023-06-14");
    let diario = add(&mut store, "Petróleo y sanciones", "El Diario", "es-VE", "2022");
    let old = add(&mut store, "An older dispatch", "Example Wire", "en", "2019-01");
    fn ids(store: &Store, filter: SourceFilter) -> Vec<i32> {
        let page = store.filter_sources(SourceSort::TitleAsc, &filter, PageRequest::default()).unwrap();
        page.items.iter().map(|s| s.id).collect()
    }
    assert_eq!(ids(&store, SourceFilter { query: Some("caracas".into()), ..Default::default() }), [wire]);
    assert_eq!(ids(&store, SourceFilter { site: Some("Example Wire".into()), ..Default::default() }), [old, wire]);
    assert_eq!(ids(&store, SourceFilter { language: Some("es".into()), ..Default::default() }), [diario]);
    // A year overlaps a range when any of its days does.
    let range = SourceFilter {
        published_from: Some("2022-06-01".into()),
        published_to: Some("2023-12-31".into()),
        ..Default::default()
    };
    assert_eq!(ids(&store, range), [wire, diario]);
    assert!(ids(&store, SourceFilter { query: Some("\"((".into()), ..Default::default() }).is_empty());
    let bad = SourceFilter { published_from: Some("June".into()), ..Default::default() };
    assert_eq!(
        store.filter_sources(SourceSort::TitleAsc, &bad, PageRequest::default()).unwrap_err().code(),
        ErrorCode::InvalidInput
    );
    let facets = store.source_facets().unwrap();
    assert_eq!((facets.sites[0].value.as_str(), facets.sites[0].count), ("Example Wire", 2));
    assert_eq!(facets.languages.len(), 2);

    assert!(store.tag_source(diario, " Bolivia file ").unwrap());
    assert!(!store.tag_source(diario, "Bolivia file").unwrap(), "tagged once");
    store.tag_source(old, "Bolivia file").unwrap();
    store.tag_source(old, "to verify").unwrap();
    assert_eq!(store.source_tags(old).unwrap(), ["Bolivia file", "to verify"]);
    let tagged = SourceFilter { tag: Some("Bolivia file".into()), ..Default::default() };
    assert_eq!(ids(&store, tagged), [old, diario]);
    assert_eq!(store.source_facets().unwrap().tags[0].count, 2);
    store.untag_source(old, "Bolivia file").unwrap();
    assert_eq!(store.untag_source(old, "Bolivia file").unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(store.tag_source(old, "  ").unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(store.tag_source(9999, "x").unwrap_err().code(), ErrorCode::NotFound);
}
