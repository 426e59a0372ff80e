//! Sync figures on a throwaway PostgreSQL cluster (`make bench`, in release): the first
//! sync of a large library to an empty server and onto a second desktop, an
//! incremental sync of 1,000 changes, and five writers pushing 10,000 operations each
//! at once. It prints figures and asserts only that the stores agree and the log has no
//! gap. Run: cargo test --release -p dossier-sync --test bench -- --ignored --nocapture

use dossier_core::bench::synthetic::{fill_library, Library};
use dossier_core::history;
use dossier_core::model::PageRequest;
use dossier_core::Store;
use dossier_sync::client;
use dossier_sync::server::{self, NewOp};
use dossier_sync::testing::Cluster;
use std::time::{Duration, Instant};

fn sources() -> usize {
    std::env::var("DOSSIER_BENCH_SOURCES").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000)
}

#[test]
#[ignore = "a benchmark: make bench runs it"]
fn sync_figures() {
    let cluster = Cluster::start();
    let mut admin = cluster.admin();
    server::init(&mut admin).unwrap();
    let desk = server::create_team(&mut admin, "Bench desk").unwrap();
    for analyst in ["ana", "ben", "w0", "w1", "w2", "w3", "w4"] {
        server::add_member(&mut admin, desk, analyst, Some("pw")).unwrap();
    }
    let investigation = server::create_investigation(&mut admin, desk, "Bench").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut ana = Store::open(&dir.path().join("ana.dossier")).unwrap();
    let mut ben = Store::open(&dir.path().join("ben.dossier")).unwrap();
    let library = Library { sources: sources(), actors: 2_000, claims: 20_000, seed: 7 };
    fill_library(&mut ana, &library).unwrap();
    let stats = ana.stats().unwrap();
    println!(
        "library: {} sources, {} actors, {} claims, {} citations, {} suggestions",
        stats.sources, stats.actors, stats.claims, stats.citations, stats.suggestions
    );

    let connect = |who: &str| cluster.connect(who, "pw").unwrap();
    let started = Instant::now();
    let pushed = client::sync_once(&mut ana, &mut connect("ana"), &investigation).unwrap();
    let push_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let pulled = client::sync_once(&mut ben, &mut connect("ben"), &investigation).unwrap();
    let pull_secs = started.elapsed().as_secs_f64();
    let log_bytes: i64 = admin
        .query_one("SELECT coalesce(sum(pg_column_size(payload)), 0)::bigint FROM dossier.ops", &[])
        .unwrap()
        .get(0);
    println!(
        "first sync: push {} operations ({} rows, {} originals) in {push_secs:.1} s; onto a second desktop {} operations in {pull_secs:.1} s; log {:.1} MB",
        pushed.pushed,
        pushed.pushed_entries,
        pushed.originals_up,
        pulled.applied.ops,
        log_bytes as f64 / 1e6
    );
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());

    // 1,000 changes, each a change of its own, synced from one desktop to the other.
    let actors = ana.list_actors(None, PageRequest::new(0, 500)).unwrap().items;
    for i in 0..1_000 {
        history::set_actor_description(&mut ana, actors[i % actors.len()].id, &format!("revised {i}")).unwrap();
    }
    let (mut ana_server, mut ben_server) = (connect("ana"), connect("ben"));
    let started = Instant::now();
    let pushed = client::sync_once(&mut ana, &mut ana_server, &investigation).unwrap();
    let push_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let pulled = client::sync_once(&mut ben, &mut ben_server, &investigation).unwrap();
    let pull_secs = started.elapsed().as_secs_f64();
    println!(
        "incremental: 1000 changes pushed as {} operations in {push_secs:.2} s, pulled and applied ({} rows) in {pull_secs:.2} s: {:.2} s end to end",
        pushed.pushed,
        pulled.applied.entries,
        push_secs + pull_secs
    );
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());

    // 1,000 operations: a change synced at once, a thousand times; the other desktop
    // then pulls and applies the thousand in one go.
    let started = Instant::now();
    for i in 0..1_000 {
        history::set_actor_description(&mut ana, actors[i % actors.len()].id, &format!("again {i}")).unwrap();
        client::sync_once(&mut ana, &mut ana_server, &investigation).unwrap();
    }
    let pushes_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let pulled = client::sync_once(&mut ben, &mut ben_server, &investigation).unwrap();
    let pull_secs = started.elapsed().as_secs_f64();
    println!(
        "1000 operations: pushed one by one (each a whole sync) in {pushes_secs:.2} s; pulled and applied ({} operations) in {pull_secs:.2} s",
        pulled.applied.ops
    );
    assert_eq!(ana.sync_fingerprint().unwrap(), ben.sync_fingerprint().unwrap());

    // Five writers, 10,000 operations each, at once.
    let each = 10_000;
    let started = Instant::now();
    let waits: Vec<Vec<Duration>> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..5)
            .map(|w| {
                let mut conn = connect(&format!("w{w}"));
                let investigation = investigation.clone();
                scope.spawn(move || {
                    let device = uuid::Uuid::now_v7().to_string();
                    let payload = r#"{"format":1,"entries":[]}"#;
                    (0..each)
                        .map(|_| {
                            let op_id = uuid::Uuid::now_v7().to_string();
                            let began = Instant::now();
                            let op = NewOp { op_id: &op_id, device: &device, based_on: 0, payload };
                            server::push(&mut conn, &investigation, &op).unwrap();
                            began.elapsed()
                        })
                        .collect()
                })
            })
            .collect();
        writers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let secs = started.elapsed().as_secs_f64();
    let mut all: Vec<Duration> = waits.into_iter().flatten().collect();
    all.sort();
    let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)].as_secs_f64() * 1000.0;
    let (count, first, last): (i64, i64, i64) = {
        let row = admin
            .query_one(
                "SELECT count(*), min(seq), max(seq) FROM dossier.ops WHERE investigation_id = $1::text::uuid",
                &[&investigation],
            )
            .unwrap();
        (row.get(0), row.get(1), row.get(2))
    };
    assert_eq!(count, last - first + 1, "numbers without gaps");
    println!(
        "many writers: 5 × {each} operations in {secs:.1} s ({:.0} per second); a push waited p50 {:.1} ms, p99 {:.1} ms, at most {:.1} ms; log numbered 1..{last} without gaps",
        (5 * each) as f64 / secs,
        at(0.5),
        at(0.99),
        at(1.0)
    );
}
