//! Desktops syncing through a real PostgreSQL server: each test starts a throwaway
//! cluster, makes a team of analysts with an investigation, and syncs real store files
//! through it.

use dossier_core::history;
use dossier_core::import::{self, FileOutcome, ImportOptions};
use dossier_core::model::*;
use dossier_core::Store;
use dossier_sync::client;
use dossier_sync::server;
use dossier_sync::testing::Cluster;
use std::path::{Path, PathBuf};

struct Team {
    cluster: Cluster,
    investigation: String,
    dir: tempfile::TempDir,
}

fn team() -> Team {
    let cluster = Cluster::start();
    let mut admin = cluster.admin();
    server::init(&mut admin).unwrap();
    let desk = server::create_team(&mut admin, "Caracas desk").unwrap();
    for analyst in ["ana", "ben", "cy"] {
        server::add_member(&mut admin, desk, analyst, Some(&format!("{analyst}'s password"))).unwrap();
    }
    let other = server::create_team(&mut admin, "Sports desk").unwrap();
    server::add_member(&mut admin, other, "dee", Some("dee's password")).unwrap();
    let investigation = server::create_investigation(&mut admin, desk, "Iran–Venezuela flights").unwrap();
    Team { cluster, investigation, dir: tempfile::tempdir().unwrap() }
}

impl Team {
    fn desktop(&self, name: &str) -> Store {
        Store::open(&self.dir.path().join(format!("{name}.dossier"))).unwrap()
    }
    fn analyst(&self, name: &str) -> postgres::Client {
        self.cluster.connect(name, &format!("{name}'s password")).unwrap()
    }
    /// A connection to a server that may be down: one that fails every call then.
    fn analyst_or_none(&self, name: &str) -> postgres::Client {
        match self.cluster.connect(name, &format!("{name}'s password")) {
            Ok(client) => client,
            Err(_) => {
                self.cluster.restart();
                let client = self.analyst(name);
                self.cluster.crash();
                client
            }
        }
    }
    fn sync(&self, store: &mut Store, name: &str) -> client::Report {
        let report = client::sync_once(store, &mut self.analyst(name), &self.investigation).unwrap();
        assert!(report.applied.dropped.is_empty(), "{:?}", report.applied.dropped);
        report
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn imported(store: &mut Store, name: &str) -> i32 {
    let report = import::import_paths(store, &[fixture(name)], &ImportOptions::default());
    let FileOutcome::Imported { source_id } = report.files[0].outcome else { panic!("{report:?}") };
    source_id
}

fn pending(store: &Store, source: Option<i32>) -> Vec<i32> {
    let page = store.list_suggestions(source, None, None, PageRequest::new(0, 500)).unwrap();
    page.items.iter().filter(|s| s.status == ReviewStatus::Suggested).map(|s| s.id).collect()
}

#[test]
fn a_claim_accepted_on_one_desktop_reaches_another_through_the_server_with_the_source_and_its_original() {
    let team = team();
    let (mut ana, mut ben) = (team.desktop("ana"), team.desktop("ben"));
    let source = imported(&mut ana, "extract/en-drones.txt");
    let first = team.sync(&mut ana, "ana");
    assert!(first.pushed >= 1 && first.originals_up == 1, "{first:?}");
    let joined = team.sync(&mut ben, "ben");
    assert!(joined.applied.ops >= 1 && joined.originals_down == 1, "{joined:?}");
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());

    let claims = |store: &Store| {
        store
            .list_suggestions(None, None, None, PageRequest::new(0, 500))
            .unwrap()
            .items
            .into_iter()
            .filter(|s| s.kind == SuggestionKind::Claim)
            .collect::<Vec<_>>()
    };
    let claim = claims(&ana)[0].id;
    history::accept_suggestion(&mut ana, claim).unwrap();
    let pushed = team.sync(&mut ana, "ana");
    assert_eq!(pushed.pushed, 1);
    let pulled = team.sync(&mut ben, "ben");
    assert_eq!(pulled.applied.ops, 1);
    assert_eq!(ben.stats().unwrap().claims, ana.stats().unwrap().claims);
    assert!(ben.stats().unwrap().claims > 0);
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());
    let sha = ana.source(source).unwrap().sha256;
    assert_eq!(ben.original_by_sha256(&sha).unwrap(), ana.original_by_sha256(&sha).unwrap());
    let status = ben.sync_status().unwrap();
    assert_eq!((status.pending, status.cursor), (0, pulled.cursor));
}

#[test]
fn an_analyst_of_another_team_cannot_sync_with_the_investigation() {
    let team = team();
    let mut dee = team.desktop("dee");
    imported(&mut dee, "extract/en-drones.txt");
    let refused = client::sync_once(&mut dee, &mut team.analyst("dee"), &team.investigation).unwrap_err();
    assert!(refused.to_string().contains("not a member"), "{refused}");
    // Nothing was pushed: the outbox still holds the library for a later try.
    assert!(dee.sync_status().unwrap().pending > 0);
}

/// A desktop that pushed, then died before it recorded the push, pushes the same
/// operations again: the server takes each once, and nobody applies one twice.
#[test]
fn a_push_repeated_after_a_crash_is_taken_once() {
    let team = team();
    let (mut ana, mut ben) = (team.desktop("ana"), team.desktop("ben"));
    imported(&mut ana, "extract/en-drones.txt");
    ana.join_investigation(&team.investigation).unwrap();
    let device = ana.sync_status().unwrap().device.unwrap();
    let sealed = ana.seal_outbox().unwrap();
    let mut conn = team.analyst("ana");
    for op in &sealed {
        let new = server::NewOp { op_id: &op.op_id, device: &device, based_on: op.based_on, payload: &op.payload };
        server::push(&mut conn, &team.investigation, &new).unwrap();
        // … and the desktop dies here, before mark_pushed.
    }
    for sha in sealed.iter().flat_map(|op| op.originals.clone()) {
        let bytes = ana.original_by_sha256(&sha).unwrap().unwrap();
        server::put_blob(&mut conn, &team.investigation, &sha, &bytes).unwrap();
    }
    drop(ana);
    let mut ana = team.desktop("ana");
    let again = team.sync(&mut ana, "ana");
    assert_eq!(again.pushed, sealed.len());
    let log = server::pull(&mut conn, &team.investigation, 0, 10_000).unwrap();
    assert_eq!(log.len(), sealed.len(), "each operation once in the log");
    team.sync(&mut ben, "ben");
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());
    assert_eq!(ana.stats().unwrap(), ben.stats().unwrap());
}

/// The server's connection is cut in the middle of a sync (pg_terminate_backend): the
/// sync fails with a message, nothing is lost or half-applied, and the next one finishes.
#[test]
fn a_connection_cut_in_the_middle_of_a_sync_loses_nothing_and_the_next_sync_finishes() {
    let team = team();
    let (mut ana, mut ben) = (team.desktop("ana"), team.desktop("ben"));
    imported(&mut ana, "extract/en-drones.txt");
    imported(&mut ana, "extract/es-cooperacion.txt");
    let ids = pending(&ana, None);
    history::accept_suggestions(&mut ana, &ids).unwrap();
    ana.join_investigation(&team.investigation).unwrap();
    let before = ana.sync_status().unwrap().pending;

    // Cut ana's connection after her first push.
    let mut conn = team.analyst("ana");
    let pid: i32 = conn.query_one("SELECT pg_backend_pid()", &[]).unwrap().get(0);
    let device = ana.sync_status().unwrap().device.unwrap();
    let sealed = ana.seal_outbox().unwrap();
    let first = &sealed[0];
    for sha in &first.originals {
        server::put_blob(&mut conn, &team.investigation, sha, &ana.original_by_sha256(sha).unwrap().unwrap()).unwrap();
    }
    let seq = server::push(
        &mut conn,
        &team.investigation,
        &server::NewOp { op_id: &first.op_id, device: &device, based_on: first.based_on, payload: &first.payload },
    )
    .unwrap();
    ana.mark_pushed(&first.op_id, seq).unwrap();
    team.cluster.admin().execute("SELECT pg_terminate_backend($1)", &[&pid]).unwrap();
    let cut = client::sync_once(&mut ana, &mut conn, &team.investigation);
    assert!(cut.is_err(), "the cut connection fails the sync");
    assert!(ana.sync_status().unwrap().pending <= before);

    let done = team.sync(&mut ana, "ana");
    assert_eq!(ana.sync_status().unwrap().pending, 0, "{done:?}");
    team.sync(&mut ben, "ben");
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());
}

/// A desktop offline for a thousand changes syncs them in one go, and its colleagues'
/// changes meanwhile meet them.
#[test]
fn a_desktop_offline_for_a_thousand_changes_syncs_them_and_meets_the_others() {
    let team = team();
    let (mut ana, mut ben) = (team.desktop("ana"), team.desktop("ben"));
    imported(&mut ana, "extract/en-drones.txt");
    team.sync(&mut ana, "ana");
    team.sync(&mut ben, "ben");
    let actor = history::create_actor(
        &mut ben,
        &NewActor {
            name: "Conviasa".into(),
            kind: ActorKind::Organization,
            description: String::new(),
            aliases: vec![],
        },
    )
    .unwrap();
    for i in 0..1000 {
        history::set_actor_description(&mut ben, actor, &format!("draft {i}")).unwrap();
    }
    let ids = pending(&ana, None);
    history::accept_suggestions(&mut ana, &ids).unwrap();
    team.sync(&mut ana, "ana");
    let offline = team.sync(&mut ben, "ben");
    assert!(offline.pushed_entries >= 1000, "{offline:?}");
    team.sync(&mut ana, "ana");
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());
    let conviasa = ana
        .list_actors(None, PageRequest::new(0, 500))
        .unwrap()
        .items
        .into_iter()
        .find(|a| a.name == "Conviasa")
        .unwrap();
    assert_eq!(ana.actor(conviasa.id).unwrap().description, "draft 999");
}

/// The server dies (`pg_ctl stop -m immediate`) in the middle of a push, before the push
/// commits, and again between two pushes: the desktop's sync fails with a message, and
/// once the server is back the next sync pushes everything once.
#[test]
fn the_server_killed_in_the_middle_of_a_push_loses_nothing_and_takes_nothing_twice() {
    let team = team();
    let (mut ana, mut ben) = (team.desktop("ana"), team.desktop("ben"));
    imported(&mut ana, "extract/en-drones.txt");
    ana.join_investigation(&team.investigation).unwrap();
    let device = ana.sync_status().unwrap().device.unwrap();
    let sealed = ana.seal_outbox().unwrap();
    let op = &sealed[0];
    let mut conn = team.analyst("ana");
    for sha in &op.originals {
        server::put_blob(&mut conn, &team.investigation, sha, &ana.original_by_sha256(sha).unwrap().unwrap()).unwrap();
    }
    let mut tx = conn.transaction().unwrap();
    let new = server::NewOp { op_id: &op.op_id, device: &device, based_on: op.based_on, payload: &op.payload };
    server::push(&mut tx, &team.investigation, &new).unwrap();
    team.cluster.crash(); // before the push commits
    assert!(tx.commit().is_err());
    let down = client::sync_once(&mut ana, &mut conn, &team.investigation);
    assert!(down.is_err(), "a dead server fails the sync");
    assert!(client::connect(&format!(
        "host={} user=ana password=x dbname=postgres connect_timeout=2",
        team.cluster.socket_folder().display()
    ))
    .is_err());

    team.cluster.restart();
    let mut admin = team.cluster.admin();
    assert_eq!(server::pull(&mut admin, &team.investigation, 0, 100).unwrap().len(), 0, "the uncommitted push is gone");
    let first = team.sync(&mut ana, "ana");
    assert_eq!(first.pushed, sealed.len());

    // Killed again between two syncs of ana's, with more to push.
    let ids = pending(&ana, None);
    history::accept_suggestions(&mut ana, &ids).unwrap();
    team.cluster.crash();
    assert!(client::sync_once(&mut ana, &mut team.analyst_or_none("ana"), &team.investigation).is_err());
    team.cluster.restart();
    team.sync(&mut ana, "ana");
    team.sync(&mut ben, "ben");
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());
    let log = server::pull(&mut team.cluster.admin(), &team.investigation, 0, 10_000).unwrap();
    let ids: std::collections::HashSet<_> = log.iter().map(|o| o.op_id.clone()).collect();
    assert_eq!(ids.len(), log.len(), "no operation twice");
    assert_eq!(ana.sync_status().unwrap().pending, 0);
}

/// The citations a store holds, by global id.
fn citation_gids(store: &Store) -> std::collections::BTreeSet<String> {
    store
        .sync_content()
        .unwrap()
        .into_iter()
        .filter(|(table, _, _)| table == "citations")
        .map(|(_, gid, _)| gid)
        .collect()
}

/// Three desktops make random changes (dossier-core's kinds: decisions, edits, aliases,
/// tags, notes, citations, merges, splits, copies, grades, hypotheses, undo…) and sync through the server
/// in random orders; once each has synced twice more they hold the same library, and
/// no citation anyone made is lost (only its maker's undo takes one back). Seeds:
/// `DOSSIER_SYNC_SEEDS` (4 unless set).
#[test]
fn three_desktops_syncing_through_the_server_in_random_orders_converge_and_keep_every_citation() {
    use dossier_core::store::random_changes::{random_change, Rng};
    let seeds: u64 = std::env::var("DOSSIER_SYNC_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(4);
    let team = team();
    let mut admin = team.cluster.admin();
    let desk = server::team_id(&mut admin, "Caracas desk").unwrap();
    let names = ["ana", "ben", "cy"];
    let mut analysts: Vec<postgres::Client> = names.iter().map(|n| team.analyst(n)).collect();
    let (mut synced, mut changes) = (0, 0);
    for seed in 1..=seeds {
        // Each seed its own investigation, so that its log starts empty.
        let investigation = server::create_investigation(&mut admin, desk, &format!("seed {seed}")).unwrap();
        let mut stores: Vec<Store> = names.iter().map(|n| team.desktop(&format!("{n}-{seed}"))).collect();
        imported(&mut stores[0], "extract/en-drones.txt");
        imported(&mut stores[1], "extract/es-cooperacion.txt");
        imported(&mut stores[2], "extract/en-drones.txt"); // the same article as ana's
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let (mut cited, mut withdrawn) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
        let mut sync = |store: &mut Store, who: usize| {
            let report = client::sync_once(store, &mut analysts[who], &investigation).unwrap();
            // An alias, tag, mention, grade or rating of something deleted meanwhile goes
            // with it; never anything else.
            let lost: Vec<_> = report
                .applied
                .dropped
                .iter()
                .filter(|d| {
                    !dossier_core::store::random_changes::MAY_DROP.iter().any(|t| d.contains(&format!("adding {t} ")))
                })
                .collect();
            assert!(lost.is_empty(), "seed {seed}: {lost:?}");
        };
        for step in 0..120 {
            let who = rng.below(3);
            if rng.below(4) == 0 {
                sync(&mut stores[who], who);
                synced += 1;
            } else {
                let before = citation_gids(&stores[who]);
                random_change(&mut stores[who], &mut rng, names[who], step);
                changes += 1;
                let after = citation_gids(&stores[who]);
                for gone in before.difference(&after) {
                    cited.remove(gone);
                    withdrawn.insert(gone.clone());
                }
                cited.extend(after.into_iter().filter(|g| !withdrawn.contains(g)));
            }
        }
        for _ in 0..2 {
            for (who, store) in stores.iter_mut().enumerate() {
                sync(store, who);
                synced += 1;
            }
        }
        let prints: Vec<String> = stores.iter().map(|s| s.sync_fingerprint().unwrap()).collect();
        assert!(prints.iter().all(|p| *p == prints[0]), "seed {seed}: the desktops differ");
        let kept = citation_gids(&stores[0]);
        let missing: Vec<_> = cited.difference(&kept).collect();
        assert!(missing.is_empty(), "seed {seed}: citations lost: {missing:?}");
    }
    eprintln!("{seeds} seeds: {changes} random changes, {synced} syncs through the server; the three desktops agree");
}

/// Over the network a desktop encrypts: with the server's certificate checked against
/// the team's authority it connects and syncs; without that authority, or unencrypted,
/// it is refused with the reason; encrypted without checking it connects; and a login
/// the server admits by certificate connects with its certificate and no password.
#[test]
fn a_desktop_syncs_over_tls_and_an_unchecked_or_unencrypted_connection_is_refused_or_said() {
    use dossier_sync::settings::{TeamSettings, Tls};
    use dossier_sync::testing::CERTIFICATE_LOGIN;
    let cluster = Cluster::start_with_tls();
    let files = cluster.tls().unwrap().clone();
    let mut admin = cluster.admin();
    server::init(&mut admin).unwrap();
    let desk = server::create_team(&mut admin, "Caracas desk").unwrap();
    server::add_member(&mut admin, desk, "ana", Some("ana's password")).unwrap();
    server::add_member(&mut admin, desk, CERTIFICATE_LOGIN, None).unwrap();
    let investigation = server::create_investigation(&mut admin, desk, "Flights").unwrap();
    let path = |p: &Path| Some(p.display().to_string());
    let ana = TeamSettings {
        host: "localhost".into(),
        port: files.port,
        database: "postgres".into(),
        user: "ana".into(),
        password: Some("ana's password".into()),
        investigation: investigation.clone(),
        tls: Tls::Verified,
        ca_file: path(&files.ca),
        client_cert: None,
        client_key: None,
    };
    ana.check().unwrap();
    let encrypted = |client: &mut postgres::Client| -> bool {
        client.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0)
    };

    let mut checked = client::connect_with(&ana.config(), &ana.security()).unwrap();
    assert!(encrypted(&mut checked));
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("ana.dossier")).unwrap();
    imported(&mut store, "extract/en-drones.txt");
    let report = client::sync_once(&mut store, &mut checked, &investigation).unwrap();
    assert!(report.pushed >= 1 && report.originals_up == 1, "{report:?}");

    let unknown_authority = TeamSettings { ca_file: None, ..ana.clone() };
    let refused = client::connect_with(&unknown_authority.config(), &unknown_authority.security()).err().unwrap();
    assert!(refused.to_string().contains("certificate verify failed"), "{refused}");

    let unchecked = TeamSettings { tls: Tls::Encrypted, ca_file: None, ..ana.clone() };
    let mut unchecked = client::connect_with(&unchecked.config(), &unchecked.security()).unwrap();
    assert!(encrypted(&mut unchecked));

    let clear = TeamSettings { tls: Tls::Off, ..ana.clone() };
    let refused = client::connect_with(&clear.config(), &clear.security()).err().unwrap().to_string();
    assert!(refused.contains("no encryption"), "the server admits no unencrypted login over the network: {refused}");

    let carol = TeamSettings {
        user: CERTIFICATE_LOGIN.into(),
        password: None,
        client_cert: path(&files.client_cert),
        client_key: path(&files.client_key),
        ..ana.clone()
    };
    let mut by_certificate = client::connect_with(&carol.config(), &carol.security()).unwrap();
    let who: String = by_certificate.query_one("SELECT session_user::text", &[]).unwrap().get(0);
    assert_eq!(who, CERTIFICATE_LOGIN);
    assert!(server::investigation_name(&mut by_certificate, &investigation).unwrap().is_some());
}
