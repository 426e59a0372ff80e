//! Team sync, the store's side: operations captured, sealed, pushed to a log and applied
//! from it. The log here is an in-process list in the server's order (the PostgreSQL
//! server, with its own tests, is exercised in `dossier-sync`'s); every store is a real
//! file.

use super::*;
use dossier_core::history;
use dossier_core::import::{self, FileOutcome, ImportOptions};
use dossier_core::store::random_changes::{random_change, Rng};
use dossier_core::store::sync::IncomingOp;
use std::collections::{BTreeSet, HashMap};

const INVESTIGATION: &str = "0193a7d0-0000-4000-8000-000000000001";

/// A team's log: operations in order, and the originals' bytes by SHA-256.
#[derive(Default)]
struct Log {
    ops: Vec<IncomingOp>,
    blobs: HashMap<String, Vec<u8>>,
    /// Tables whose rows may be dropped as they arrive: an alias, tag or mention of an
    /// actor or source deleted meanwhile goes with it, as it would have had it been
    /// there. None, unless a test says so; never a claim or a citation.
    may_drop: Vec<&'static str>,
    dropped: usize,
}

impl Log {
    /// Pushes what `store` has sealed, then pulls and applies what it has not seen.
    fn sync(&mut self, store: &mut Store, author: &str) -> dossier_core::store::sync::Applied {
        self.push(store, author);
        self.pull(store)
    }

    fn push(&mut self, store: &mut Store, author: &str) {
        store.join_investigation(INVESTIGATION).unwrap();
        for op in store.seal_outbox().unwrap() {
            for sha in &op.originals {
                if let Some(bytes) = store.original_by_sha256(sha).unwrap() {
                    self.blobs.insert(sha.clone(), bytes);
                }
            }
            let seq = match self.ops.iter().find(|o| o.op_id == op.op_id) {
                Some(known) => known.seq,
                None => {
                    let seq = self.ops.len() as i64 + 1;
                    self.ops.push(IncomingOp {
                        seq,
                        op_id: op.op_id.clone(),
                        author: author.into(),
                        payload: op.payload,
                    });
                    seq
                }
            };
            store.mark_pushed(&op.op_id, seq).unwrap();
        }
    }

    /// Pulls and applies everything `store` has not seen, as the server's client does.
    fn pull(&mut self, store: &mut Store) -> dossier_core::store::sync::Applied {
        store.join_investigation(INVESTIGATION).unwrap();
        let cursor = store.sync_status().unwrap().cursor;
        let new: Vec<IncomingOp> = self.ops.iter().filter(|o| o.seq > cursor).cloned().collect();
        self.apply(store, &new, cursor)
    }

    fn apply(&mut self, store: &mut Store, new: &[IncomingOp], cursor: i64) -> dossier_core::store::sync::Applied {
        let wanted = store.originals_wanted(new).unwrap();
        let blobs = wanted.iter().filter_map(|sha| Some((sha.clone(), self.blobs.get(sha)?.clone()))).collect();
        let applied = store.apply_pulled(new, &blobs).unwrap().expect("pushed before pulling");
        if !applied.dropped.is_empty() && std::env::var("DOSSIER_SYNC_DEBUG").is_ok() {
            let all: Vec<_> = self.ops.iter().map(|o| format!("{} {} {}", o.seq, o.author, o.payload)).collect();
            std::fs::write(std::env::temp_dir().join("sync-log.txt"), all.join("\n")).unwrap();
            eprintln!("puller cursor was {cursor}");
        }
        let lost: Vec<&String> = applied
            .dropped
            .iter()
            .filter(|d| !self.may_drop.iter().any(|t| d.contains(&format!("adding {t} "))))
            .collect();
        assert!(lost.is_empty(), "{lost:?}");
        self.dropped += applied.dropped.len();
        applied
    }
}

fn desktop(dir: &tempfile::TempDir, name: &str) -> Store {
    Store::open(&dir.path().join(format!("{name}.dossier"))).unwrap()
}

fn imported(store: &mut Store, name: &str) -> i32 {
    let report = import::import_paths(store, &[fixture(name)], &ImportOptions::default());
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{report:?}") };
    source_id
}

fn pending(store: &Store, source: i32) -> Vec<i32> {
    store
        .list_suggestions(Some(source), None, None, PageRequest::new(0, 500))
        .unwrap()
        .items
        .iter()
        .map(|s| s.id)
        .collect()
}

fn gids(store: &Store, table: &str) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    let mut statement = conn.prepare(&format!("SELECT gid FROM {table}")).unwrap();
    let found = statement.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    found
}

fn actor_named(store: &Store, name: &str) -> i32 {
    let actors = store.list_actors(None, PageRequest::new(0, 500)).unwrap().items;
    actors.iter().find(|a| a.name == name).unwrap_or_else(|| panic!("no actor {name}: {actors:?}")).id
}

/// An acceptance on one desktop and a rejection of the same suggestion on another: the
/// later in the log stands, what the acceptance wrote stays, and both desktops list the
/// suggestion as disputed (a conflict on its status) until a person looks at it.
#[test]
fn a_suggestion_accepted_on_one_desktop_and_rejected_on_another_is_disputed_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    imported(&mut a, "extract/en-drones.txt");
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    let claim = |store: &Store| {
        store
            .list_suggestions(None, Some(SuggestionKind::Claim), None, PageRequest::new(0, 100))
            .unwrap()
            .items
            .into_iter()
            .find(|s| s.status == ReviewStatus::Suggested)
            .unwrap()
    };
    let on_a = claim(&a);
    let on_b = b.list_suggestions(None, Some(SuggestionKind::Claim), None, PageRequest::new(0, 100)).unwrap().items;
    let on_b = on_b.into_iter().find(|s| s.label == on_a.label && s.span_start == on_a.span_start).unwrap();
    history::accept_suggestion(&mut a, on_a.id).unwrap();
    history::reject_suggestion(&mut b, on_b.id).unwrap();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben"); // the rejection is later in the log
    log.sync(&mut a, "ana");
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
    assert_eq!(a.suggestion(on_a.id).unwrap().status, ReviewStatus::Rejected);
    assert!(a.stats().unwrap().claims > 0, "what the acceptance wrote stays");
    for store in [&a, &b] {
        let disputed: Vec<_> =
            store.sync_conflicts(10).unwrap().into_iter().filter(|c| c.table == "suggestions").collect();
        assert_eq!(disputed.len(), 1, "{disputed:?}");
        assert_eq!(disputed[0].record.as_deref(), Some(on_a.label.as_str()));
        assert_eq!(
            (disputed[0].kept.as_deref(), disputed[0].other.as_deref()),
            (Some("\"rejected\""), Some("\"accepted\""))
        );
    }
}

/// A store pulls only on top of what it pushed: with a change not pushed yet, nothing
/// is applied until it is.
#[test]
fn a_store_with_changes_not_yet_pushed_applies_nothing_until_it_pushes_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    imported(&mut a, "extract/en-drones.txt");
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    history::create_note(&mut a, "From ana", "").unwrap();
    log.push(&mut a, "ana");
    history::create_note(&mut b, "From ben", "").unwrap();
    let cursor = b.sync_status().unwrap().cursor;
    let waiting = b.apply_pulled(&log.ops[cursor as usize..], &HashMap::new()).unwrap();
    assert!(waiting.is_none(), "nothing applied before ben's note is pushed");
    assert_eq!(b.sync_status().unwrap().cursor, cursor);
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
    assert_eq!(b.list_notes(PageRequest::new(0, 10)).unwrap().items.len(), 2);
}

/// A store that has not joined a team records nothing for one.
#[test]
fn a_store_that_has_not_joined_an_investigation_captures_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = desktop(&dir, "alone");
    imported(&mut store, "extract/en-drones.txt");
    let status = store.sync_status().unwrap();
    assert_eq!((status.investigation, status.pending, status.cursor), (None, 0, 0));
}

#[test]
fn a_second_desktop_gets_the_whole_library_with_originals_and_the_same_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let source = imported(&mut a, "extract/en-drones.txt");
    let ids = pending(&a, source);
    history::accept_suggestions(&mut a, &ids).unwrap();
    let note = history::create_note(&mut a, "Working theory", "Who arms [[Venezuela]]?").unwrap();
    history::tag_source(&mut a, source, "drones").unwrap();
    assert!(a.sync_status().unwrap().pending == 0, "joining queues the library, not before");

    let mut log = Log::default();
    log.sync(&mut a, "ana");
    assert_eq!(a.sync_status().unwrap().pending, 0, "everything pushed");
    let applied = log.sync(&mut b, "ben");
    assert!(applied.ops >= 1 && applied.entries > 20, "{applied:?}");

    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
    for table in
        ["sources", "actors", "actor_aliases", "claims", "citations", "mentions", "suggestions", "notes", "source_tags"]
    {
        assert_eq!(gids(&a, table), gids(&b, table), "{table}");
        assert!(!gids(&a, table).is_empty(), "{table} has rows");
    }
    let on_b = b.list_sources(SourceSort::default(), PageRequest::new(0, 10)).unwrap().items;
    assert_eq!(on_b.len(), 1);
    let sha = &a.source(source).unwrap().sha256;
    assert_eq!(b.original_by_sha256(sha).unwrap(), a.original_by_sha256(sha).unwrap(), "the original travelled");
    assert_eq!(b.source(on_b[0].id).unwrap().text, a.source(source).unwrap().text, "text as text, not re-extracted");
    let b_note = b.list_notes(PageRequest::new(0, 10)).unwrap().items[0].id;
    assert_eq!(b.note(b_note).unwrap().links.len(), a.note(note).unwrap().links.len(), "links resolved there too");
    assert_eq!(b.stats().unwrap(), a.stats().unwrap());
    // Who made each claim is what the log says, on both desktops.
    for store in [&a, &b] {
        let claims = store.list_claims(ClaimFilter::default(), PageRequest::new(0, 100)).unwrap().items;
        assert!(!claims.is_empty());
        for listed in claims {
            assert_eq!(store.claim(listed.id).unwrap().made_by.as_deref(), Some("ana"));
        }
    }
    // Pulling again changes nothing.
    let again = log.sync(&mut b, "ben");
    assert_eq!((again.ops, again.entries), (0, 0));
}

#[test]
fn changes_made_on_both_desktops_meet_and_the_later_of_two_edits_of_one_field_wins_with_the_other_noted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let source = imported(&mut a, "extract/en-drones.txt");
    let ids = pending(&a, source);
    history::accept_suggestions(&mut a, &ids).unwrap();
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");

    let iran_a = actor_named(&a, "Iran");
    let iran_b = actor_named(&b, "Iran");
    history::set_actor_description(&mut a, iran_a, "Islamic Republic").unwrap();
    history::set_actor_description(&mut b, iran_b, "State sponsor, per Treasury").unwrap();
    history::add_alias(&mut a, iran_a, "Persia").unwrap();
    history::add_alias(&mut b, iran_b, "Islamic Republic of Iran").unwrap();
    history::create_note(&mut b, "Ben's note", "Check the dates.").unwrap();

    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben"); // b's edit is later in the log
    log.sync(&mut a, "ana");
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
    let described = a.actor(iran_a).unwrap();
    assert_eq!(described.description, "State sponsor, per Treasury", "the later in the log wins");
    let aliases: Vec<&str> = described.aliases.iter().map(String::as_str).collect();
    assert!(aliases.contains(&"Persia") && aliases.contains(&"Islamic Republic of Iran"), "{aliases:?}");
    for store in [&a, &b] {
        let conflicts = store.sync_conflicts(10).unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].column, "description");
        assert_eq!(conflicts[0].kept.as_deref(), Some("\"State sponsor, per Treasury\""));
        assert_eq!(conflicts[0].other.as_deref(), Some("\"Islamic Republic\""));
        assert_eq!(conflicts[0].record.as_deref(), Some("Iran"));
    }
    a.resolve_sync_conflict(a.sync_conflicts(10).unwrap()[0].id).unwrap();
    assert!(a.sync_conflicts(10).unwrap().is_empty(), "looked at");
    assert_eq!(a.sync_status().unwrap().conflicts, 0);
    assert!(a.resolve_sync_conflict(9999).is_err());
}

#[test]
fn the_same_article_imported_on_two_desktops_becomes_one_source_with_both_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let on_a = imported(&mut a, "extract/en-drones.txt");
    let on_b = imported(&mut b, "extract/en-drones.txt");
    let first = pending(&a, on_a)[0];
    history::reject_suggestion(&mut a, first).unwrap();
    let tagged = history::tag_source(&mut b, on_b, "drones").unwrap();
    assert!(tagged);
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");
    for store in [&a, &b] {
        assert_eq!(store.stats().unwrap().sources, 1);
        assert_eq!(
            store
                .source_tags(store.list_sources(SourceSort::default(), PageRequest::new(0, 5)).unwrap().items[0].id)
                .unwrap(),
            ["drones"]
        );
    }
    assert_eq!(a.stats().unwrap(), b.stats().unwrap(), "one set of suggestions, not two");
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
}

#[test]
fn a_claim_cited_on_one_desktop_keeps_its_actor_that_another_deleted_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let source = imported(&mut a, "extract/en-drones.txt");
    let mut log = Log::default();
    let lone = history::create_actor(
        &mut a,
        &NewActor { name: "Unit 190".into(), kind: ActorKind::ArmedGroup, description: String::new(), aliases: vec![] },
    )
    .unwrap();
    let _iran = history::create_actor(
        &mut a,
        &NewActor { name: "Iran".into(), kind: ActorKind::State, description: String::new(), aliases: vec![] },
    )
    .unwrap();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");

    // a deletes the actor (nothing names it there); b cites a claim about it meanwhile.
    a.delete_actor(lone).unwrap();
    let (b_lone, b_iran) = (actor_named(&b, "Unit 190"), actor_named(&b, "Iran"));
    let b_source = b.list_sources(SourceSort::default(), PageRequest::new(0, 5)).unwrap().items[0].id;
    let cited = history::cite_claim(
        &mut b,
        &CitedClaim {
            source_id: b_source,
            start: 0,
            end: 20,
            subject_id: b_lone,
            relation: Relation::Supplies,
            relation_text: None,
            object_id: Some(b_iran),
            date: None,
            attributed_to_id: None,
            certainty: Certainty::Reported,
        },
    )
    .unwrap();
    assert!(cited.citation_id > 0);
    let _ = source;
    log.sync(&mut a, "ana"); // the deletion goes first in the log
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");
    for store in [&a, &b] {
        assert_eq!(gids(store, "citations").len(), 1, "the citation survives");
        let back = actor_named(store, "Unit 190");
        assert!(back > 0);
    }
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
}

/// How many seeds the random test runs: `DOSSIER_SYNC_SEEDS`, else 12.
fn seeds() -> u64 {
    std::env::var("DOSSIER_SYNC_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(12)
}

/// Three desktops make random changes and sync in random orders; once all have synced
/// twice more they hold the same library, and no citation ever made is lost.
#[test]
fn three_desktops_making_random_changes_and_syncing_in_random_orders_converge() {
    let mut total_citations = 0;
    for seed in 1..=(seeds()) {
        let dir = tempfile::tempdir().unwrap();
        let mut stores = vec![desktop(&dir, "a"), desktop(&dir, "b"), desktop(&dir, "c")];
        let names = ["ana", "ben", "cy"];
        imported(&mut stores[0], "extract/en-drones.txt");
        imported(&mut stores[1], "extract/es-cooperacion.txt");
        imported(&mut stores[2], "extract/en-drones.txt"); // the same article as a's
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut log = Log { may_drop: dossier_core::store::random_changes::MAY_DROP.to_vec(), ..Log::default() };
        let mut cited: BTreeSet<String> = BTreeSet::new();
        let mut withdrawn: BTreeSet<String> = BTreeSet::new();
        for step in 0..120 {
            let who = rng.below(3);
            if rng.below(4) == 0 {
                log.sync(&mut stores[who], names[who]);
            } else {
                let before = gids(&stores[who], "citations");
                random_change(&mut stores[who], &mut rng, names[who], step);
                let after = gids(&stores[who], "citations");
                // A person's own undo may take back a citation; that is the only way.
                for gone in before.difference(&after) {
                    cited.remove(gone);
                    withdrawn.insert(gone.clone());
                }
                cited.extend(after.into_iter().filter(|g| !withdrawn.contains(g)));
                continue;
            }
            cited.extend(gids(&stores[who], "citations").into_iter().filter(|g| !withdrawn.contains(g)));
        }
        for _ in 0..2 {
            for (who, store) in stores.iter_mut().enumerate() {
                log.sync(store, names[who]);
            }
        }
        let prints: Vec<String> = stores.iter().map(|s| s.sync_fingerprint().unwrap()).collect();
        for store in &stores[1..] {
            let (first, other) = (stores[0].sync_content().unwrap(), store.sync_content().unwrap());
            let only_first: Vec<_> = first.iter().filter(|r| !other.contains(r)).take(4).collect();
            let only_other: Vec<_> = other.iter().filter(|r| !first.contains(r)).take(4).collect();
            // DOSSIER_SYNC_DEBUG=1 writes the log and both contents to the temporary folder to compare.
            if !(only_first.is_empty() && only_other.is_empty()) && std::env::var("DOSSIER_SYNC_DEBUG").is_ok() {
                let all: Vec<_> = log.ops.iter().map(|o| format!("{} {} {}", o.seq, o.author, o.payload)).collect();
                std::fs::write(std::env::temp_dir().join("sync-log.txt"), all.join("\n")).unwrap();
                let dump = |s: &Store| {
                    s.sync_content()
                        .unwrap()
                        .iter()
                        .map(|r| format!("{} {} {}", r.0, r.1, r.2))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                std::fs::write(std::env::temp_dir().join("sync-first.txt"), dump(&stores[0])).unwrap();
                std::fs::write(std::env::temp_dir().join("sync-other.txt"), dump(store)).unwrap();
            }
            assert!(only_first.is_empty() && only_other.is_empty(), "seed {seed}: {only_first:#?}\n{only_other:#?}");
        }
        assert!(prints.iter().all(|p| *p == prints[0]), "seed {seed}: {prints:?}");
        // The same groups of copies, so the same counts of independent sources.
        let edges = |store: &Store| {
            let n = store.network(&NetworkFilter::default()).unwrap();
            let mut edges: Vec<_> = (0..n.edge_from.len())
                .map(|i| {
                    let (from, to) = (n.edge_from[i] as usize, n.edge_to[i] as usize);
                    let relation = n.relations[i].as_str();
                    (n.names[from].clone(), n.names[to].clone(), relation, n.source_counts[i], n.independent_counts[i])
                })
                .collect();
            edges.sort();
            edges
        };
        for store in &stores {
            assert_eq!(edges(store), edges(&stores[0]), "seed {seed}");
        }
        for store in &stores {
            let missing: Vec<_> = cited.difference(&gids(store, "citations")).cloned().collect();
            assert!(missing.is_empty(), "seed {seed}: citations lost {missing:?}");
            assert_eq!(store.stats().unwrap(), stores[0].stats().unwrap(), "seed {seed}");
        }
        total_citations += cited.len();
        eprintln!(
            "seed {seed}: {} operations ({} on copies, {} on grades, {} on hypotheses), {} citations kept, {} entries dropped, fingerprint {}",
            log.ops.len(),
            log.ops.iter().filter(|o| o.payload.contains("copy_verdicts")).count(),
            log.ops.iter().filter(|o| o.payload.contains("_grades")).count(),
            log.ops.iter().filter(|o| o.payload.contains("hypothes") || o.payload.contains("questions")).count(),
            cited.len(),
            log.dropped,
            &prints[0][..12]
        );
    }
    assert!(total_citations > 0, "the random changes cite");
}

/// Who made and who last edited a record travels with it: the actor's and the note's
/// pages say it, the claim says who recorded it, and the exports carry it (the CSV's
/// `made_by`, the vault's front matter, the JSON dump's `sync_authors`, which restores).
#[test]
fn who_made_and_who_last_edited_a_record_shows_on_every_desktop_and_in_the_exports() {
    use dossier_core::export::{self, Format, Scope};
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    imported(&mut a, "extract/en-drones.txt");
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    let claim = pending(&a, 1).into_iter().find(|id| a.suggestion(*id).unwrap().kind == SuggestionKind::Claim).unwrap();
    history::accept_suggestion(&mut a, claim).unwrap();
    let note = history::create_note(&mut a, "Flights", "Who paid for [[Iran]]'s drones?").unwrap();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    let on_b = b.list_notes(PageRequest::new(0, 10)).unwrap().items[0].id;
    history::update_note(&mut b, on_b, "Flights", "Who paid? Caracas, in gold.").unwrap();
    let iran = actor_named(&b, "Iran");
    history::set_actor_description(&mut b, iran, "State").unwrap();
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");

    let iran_on_a = actor_named(&a, "Iran");
    for (store, iran) in [(&a, iran_on_a), (&b, iran)] {
        let authors = store.actor(iran).unwrap().authors;
        assert_eq!((authors.made_by.as_deref(), authors.edited_by.as_deref()), (Some("ana"), Some("ben")));
        let claims = store.list_claims(ClaimFilter::default(), PageRequest::new(0, 10)).unwrap().items;
        assert!(claims.iter().all(|c| c.made_by.as_deref() == Some("ana")), "{claims:?}");
    }
    let note = a.note(note).unwrap().authors;
    assert_eq!((note.made_by.as_deref(), note.edited_by.as_deref()), (Some("ana"), Some("ben")));

    let out = dir.path().join("csv");
    export::export(&a, Format::Csv, &Scope::All, &out).unwrap();
    let claims_csv = std::fs::read_to_string(out.join("claims.csv")).unwrap();
    let header = claims_csv.lines().next().unwrap();
    assert!(header.ends_with(",made_by"), "{header}");
    assert!(claims_csv.lines().nth(1).unwrap().ends_with(",ana"), "{claims_csv}");
    let vault = dir.path().join("vault");
    export::export(&a, Format::Vault, &Scope::All, &vault).unwrap();
    let iran_page = std::fs::read_to_string(vault.join("Actors/Iran.md")).unwrap();
    assert!(iran_page.contains("made_by: \"ana\"\nedited_by: \"ben\"\n---"), "{iran_page}");
    let json = dir.path().join("json");
    export::export(&a, Format::Json, &Scope::All, &json).unwrap();
    let mut restored = desktop(&dir, "restored");
    export::import_json(&mut restored, &json.join("dossier.json")).unwrap();
    let authors = restored.actor(actor_named(&restored, "Iran")).unwrap().authors;
    assert_eq!(authors.made_by.as_deref(), Some("ana"), "the JSON export keeps who made what");
}

/// A link by id in a note names the same row on every desktop, though its local id
/// differs from one desktop to another; a link to a row gone keeps its words.
#[test]
fn a_notes_links_by_id_name_the_same_actor_on_every_desktop() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    // Ben's desktop has actors of its own first, so that its ids differ from ana's.
    for name in ["Conviasa", "Mahan Air", "Emtrasur"] {
        let actor =
            NewActor { name: name.into(), kind: ActorKind::Organization, description: String::new(), aliases: vec![] };
        history::create_actor(&mut b, &actor).unwrap();
    }
    let mut log = Log::default();
    let iran = history::create_actor(
        &mut a,
        &NewActor { name: "Iran".into(), kind: ActorKind::State, description: String::new(), aliases: vec![] },
    )
    .unwrap();
    let gone = 9_999; // no such actor
    let body = format!("Who paid [[actor:{iran}|Tehran]]? Not [[actor:{gone}|the front]]. See [[ Caracas ]].");
    let note = history::create_note(&mut a, "Payments", &body).unwrap();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");

    let iran_on_b = actor_named(&b, "Iran");
    assert_ne!(iran_on_b, iran, "the test needs different local ids");
    let on_b = b.list_notes(PageRequest::new(0, 10)).unwrap().items[0].id;
    let read = b.note(on_b).unwrap();
    assert_eq!(read.body, format!("Who paid [[actor:{iran_on_b}|Tehran]]? Not [[the front]]. See [[ Caracas ]]."));
    assert!(read.links.iter().any(|l| l.target == LinkTarget::Actor && l.target_id == iran_on_b), "{:?}", read.links);

    history::update_note(&mut b, on_b, "Payments", &format!("{} Gold, says [[actor:{iran_on_b}|Iran]].", read.body))
        .unwrap();
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");
    assert!(a.note(note).unwrap().body.ends_with(&format!("Gold, says [[actor:{iran}|Iran]].")));
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
}

/// A store joining sends its notes before its claims, and a note may link a note made
/// after it: a desktop receiving the library links them once every row is there.
#[test]
fn links_to_claims_and_later_notes_arrive_with_a_joining_library() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    history::create_note(&mut b, "Ben's own first note", "").unwrap();
    let source = imported(&mut a, "extract/en-drones.txt");
    let suggestion =
        pending(&a, source).into_iter().find(|id| a.suggestion(*id).unwrap().kind == SuggestionKind::Claim).unwrap();
    let claim = history::accept_suggestion(&mut a, suggestion).unwrap().claim_id.unwrap();
    let first = history::create_note(&mut a, "Leads", "").unwrap();
    let second = history::create_note(&mut a, "Open questions", "").unwrap();
    let body = format!("[[claim:{claim}|The shipment]] raises [[note:{second}|questions]]; see [[note:{second}]].");
    history::update_note(&mut a, first, "Leads", &body).unwrap();
    let mut log = Log::default();
    log.sync(&mut a, "ana"); // joins: the whole library, notes before claims
    log.sync(&mut b, "ben");

    let notes = b.list_notes(PageRequest::new(0, 10)).unwrap().items;
    let id_of = |title: &str| notes.iter().find(|n| n.title == title).unwrap().id;
    let claim_on_b = b.list_claims(ClaimFilter::default(), PageRequest::new(0, 10)).unwrap().items[0].id;
    let (leads, questions) = (b.note(id_of("Leads")).unwrap(), id_of("Open questions"));
    assert_ne!(questions, second, "the test needs different local ids");
    assert_eq!(
        leads.body,
        format!("[[claim:{claim_on_b}|The shipment]] raises [[note:{questions}|questions]]; see [[note:{questions}]].")
    );
    assert_eq!(leads.links.len(), 2, "{:?}", leads.links);
    log.sync(&mut a, "ana"); // ben's own note
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
}

/// Copies found on one desktop are found on the other from the texts the pull brings;
/// a person's word on a pair travels, and both desktops count the edge alike.
#[test]
fn a_persons_word_on_two_sources_travels_and_both_desktops_count_independent_sources_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let story = |variant: &str| fixture(&format!("copies/tuning/conviasa-managua-flight.{variant}.txt"));
    let options = ImportOptions { analyze: false, ..ImportOptions::default() };
    import::import_paths(&mut a, &[story("wire"), story("republished")], &options);
    let sources: Vec<i32> =
        a.list_sources(SourceSort::default(), PageRequest::new(0, 10)).unwrap().items.iter().map(|s| s.id).collect();
    let venezuela = actor(&mut a, "Venezuela", ActorKind::State, &[]);
    let nicaragua = actor(&mut a, "Nicaragua", ActorKind::State, &[]);
    for &source in &sources {
        let claim = CitedClaim {
            source_id: source,
            start: 0,
            end: 12,
            subject_id: venezuela,
            relation: Relation::Visits,
            relation_text: None,
            object_id: Some(nicaragua),
            date: None,
            attributed_to_id: None,
            certainty: Certainty::Reported,
        };
        history::cite_claim(&mut a, &claim).unwrap();
    }
    let counts = |store: &Store| {
        let network = store.network(&NetworkFilter::default()).unwrap();
        (network.source_counts.clone(), network.independent_counts.clone())
    };
    assert_eq!(counts(&a), (vec![2], vec![1]), "before syncing");
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    assert_eq!(counts(&a), (vec![2], vec![1]));
    assert_eq!(counts(&b), counts(&a), "the pulled texts were read for copies");

    let on_b: Vec<i32> =
        b.list_sources(SourceSort::default(), PageRequest::new(0, 10)).unwrap().items.iter().map(|s| s.id).collect();
    history::judge_copy(&mut b, on_b[0], on_b[1], Some(CopyVerdict::Independent)).unwrap();
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");
    assert_eq!(counts(&a), (vec![2], vec![2]), "ben's word stands on ana's desktop");
    assert_eq!(counts(&b), counts(&a));
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
    let related = a.related_copies(sources[0]).unwrap();
    assert_eq!(related[0].verdict, Some(CopyVerdict::Independent));

    // Taken back on ben's desktop: the detector's word again, on both.
    history::undo(&mut b, None).unwrap();
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");
    assert_eq!(counts(&a), (vec![2], vec![1]));
    assert_eq!(counts(&a), counts(&b));
}

/// What OCR said of a scan (its confidence, its doubtful words) is part of the source:
/// it travels with it, and the desktops agree on it.
#[test]
fn what_ocr_said_of_a_scan_travels_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let ocr = SourceOcr {
        engine: "Tesseract 5.3.0".into(),
        languages: "eng+spa".into(),
        pages: 2,
        words: 6,
        confidence: 88,
        doubtful: vec![TextSpan { start: 10, end: 14 }],
    };
    let scan = NewSource {
        title: "Scanned memo".into(),
        media_type: "application/pdf".into(),
        original: b"%PDF-1.4 a scan".to_vec(),
        text: "Officials rnet the delegation in Caracas.".into(),
        ocr: Some(ocr.clone()),
        ..NewSource::default()
    };
    let id = a.insert_source(&scan).unwrap().id();
    assert_eq!(a.source(id).unwrap().ocr.as_ref(), Some(&ocr));
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    let on_b = b.list_sources(SourceSort::default(), PageRequest::new(0, 10)).unwrap().items;
    assert_eq!(on_b[0].ocr_confidence, Some(88));
    assert_eq!(b.source(on_b[0].id).unwrap().ocr, Some(ocr));
    assert_eq!(gids(&a, "source_ocr"), gids(&b, "source_ocr"));
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
}

/// A fetched page's chain of custody (addresses, redirects, status, headers, time of
/// capture, hash) is part of the source: it travels with it unchanged.
#[test]
fn a_fetched_pages_chain_of_custody_travels_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let body = b"<html><body><p>Iran and Venezuela signed a pact.</p></body></html>".to_vec();
    let capture = SourceCapture {
        kind: CaptureKind::Fetched,
        address: Some("https://t.example/pact".into()),
        final_address: Some("https://news.example.org/2024/pact".into()),
        status: Some(200),
        redirects: vec![CaptureRedirect { address: "https://t.example/pact".into(), status: 301 }],
        headers: vec![
            CaptureHeader { name: "content-type".into(), value: "text/html; charset=utf-8".into() },
            CaptureHeader { name: "last-modified".into(), value: "Tue, 04 Jun 2024 10:00:00 GMT".into() },
        ],
        captured_at: "2026-12-07T21:00:00Z".into(),
        sha256: "0f".repeat(32),
    };
    let page = NewSource {
        title: "Pact".into(),
        media_type: "text/html".into(),
        original: body,
        text: "Iran and Venezuela signed a pact.".into(),
        url: Some("https://news.example.org/2024/pact".into()),
        capture: Some(capture.clone()),
        ..NewSource::default()
    };
    let id = a.insert_source(&page).unwrap().id();
    assert_eq!(a.source(id).unwrap().capture.as_ref(), Some(&capture));
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    let on_b = b.list_sources(SourceSort::default(), PageRequest::new(0, 10)).unwrap().items;
    assert_eq!(b.source(on_b[0].id).unwrap().capture, Some(capture));
    assert_eq!(gids(&a, "source_capture"), gids(&b, "source_capture"));
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
}

/// The same scan imported on two desktops, one without OCR and one with it: the team
/// keeps one text, and what OCR said is shown only with the text it read.
#[test]
fn what_ocr_said_is_shown_only_with_the_text_it_read() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = (desktop(&dir, "a"), desktop(&dir, "b"));
    let typed = "Page one, typed.";
    let original = b"%PDF-1.4 a partly scanned file".to_vec();
    let page = |text: &str, ocr| NewSource {
        title: "Partly scanned".into(),
        media_type: "application/pdf".into(),
        original: original.clone(),
        text: text.into(),
        ocr,
        ..NewSource::default()
    };
    a.insert_source(&page(typed, None)).unwrap();
    let ocr = SourceOcr {
        engine: "Tesseract 5.3.0".into(),
        languages: "eng".into(),
        pages: 1,
        words: 4,
        confidence: 71,
        doubtful: vec![TextSpan { start: 28, end: 33 }],
    };
    b.insert_source(&page(&format!("{typed}\n\nPage two, scanned."), Some(ocr.clone()))).unwrap();
    let mut log = Log::default();
    log.sync(&mut a, "ana");
    log.sync(&mut b, "ben");
    log.sync(&mut a, "ana");
    for store in [&a, &b] {
        let listed = &store.list_sources(SourceSort::default(), PageRequest::new(0, 10)).unwrap().items;
        assert_eq!(listed.len(), 1, "one source for one file");
        let source = store.source(listed[0].id).unwrap();
        let read_by_ocr = source.text.ends_with("scanned.");
        assert_eq!(source.ocr.as_ref(), read_by_ocr.then_some(&ocr), "{:?}", source.text);
        assert_eq!(listed[0].ocr_confidence, read_by_ocr.then_some(71));
    }
    assert_eq!(a.sync_fingerprint().unwrap(), b.sync_fingerprint().unwrap());
}
