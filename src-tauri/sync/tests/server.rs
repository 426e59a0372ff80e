//! The team server on a real PostgreSQL: each test starts a throwaway cluster of its own
//! (`dossier_sync::testing::Cluster`), makes teams and analysts, and stops it when it
//! ends.

use dossier_sync::described;
use dossier_sync::server::{self, NewOp};
use dossier_sync::testing::Cluster;
use postgres::fallible_iterator::FallibleIterator;

/// A server with Dossier's schema, two teams, an analyst in each, and an investigation
/// of the first team.
struct Team {
    cluster: Cluster,
    investigation: String,
}

fn team() -> Team {
    let cluster = Cluster::start();
    let mut admin = cluster.admin();
    server::init(&mut admin).unwrap();
    server::init(&mut admin).expect("init is idempotent");
    let desk = server::create_team(&mut admin, "Caracas desk").unwrap();
    let other = server::create_team(&mut admin, "Sports desk").unwrap();
    server::add_member(&mut admin, desk, "alice", Some("alice's password")).unwrap();
    server::add_member(&mut admin, desk, "carol", Some("carol's password")).unwrap();
    server::add_member(&mut admin, other, "bob", Some("bob's password")).unwrap();
    let investigation = server::create_investigation(&mut admin, desk, "Iran–Venezuela flights").unwrap();
    Team { cluster, investigation }
}

fn op<'a>(op_id: &'a str, payload: &'a str) -> NewOp<'a> {
    NewOp { op_id, device: "0190f0a0-0000-7000-8000-00000000d001", based_on: 0, payload }
}

fn uuid(n: u32) -> String {
    format!("0190f0a0-0000-7000-8000-{n:012x}")
}

#[test]
fn analysts_of_a_team_push_and_pull_its_investigation_signed_with_their_login() {
    let team = team();
    let mut alice = team.cluster.connect("alice", "alice's password").unwrap();
    let mut carol = team.cluster.connect("carol", "carol's password").unwrap();
    let first = server::push(&mut alice, &team.investigation, &op(&uuid(1), r#"{"accept":"claim"}"#)).unwrap();
    let second = server::push(&mut carol, &team.investigation, &op(&uuid(2), r#"{"note":"theory"}"#)).unwrap();
    assert_eq!((first, second), (1, 2));

    let pulled = server::pull(&mut carol, &team.investigation, 0, 100).unwrap();
    assert_eq!(pulled.iter().map(|o| (o.seq, o.author.as_str())).collect::<Vec<_>>(), [(1, "alice"), (2, "carol")]);
    assert_eq!(pulled[0].payload, r#"{"accept": "claim"}"#);
    assert_eq!(server::pull(&mut alice, &team.investigation, 1, 100).unwrap().len(), 1, "after a cursor");

    // A wrong password is no way in.
    assert!(team.cluster.connect("alice", "guess").is_err());
}

#[test]
fn another_team_sees_nothing_and_nobody_forges_changes_or_writes_into_the_log() {
    let team = team();
    let mut alice = team.cluster.connect("alice", "alice's password").unwrap();
    server::push(&mut alice, &team.investigation, &op(&uuid(1), r#"{"a":1}"#)).unwrap();

    let mut bob = team.cluster.connect("bob", "bob's password").unwrap();
    assert!(server::pull(&mut bob, &team.investigation, 0, 100).unwrap().is_empty(), "another team's log is not his");
    let seen: i64 = bob.query_one("SELECT count(*) FROM dossier.investigations", &[]).unwrap().get(0);
    assert_eq!(seen, 0, "nor its investigations");
    let teams: Vec<String> =
        bob.query("SELECT name FROM dossier.teams", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(teams, ["Sports desk"]);
    assert_eq!(server::investigation_name(&mut bob, &team.investigation).unwrap(), None, "a desktop's check says so");
    assert_eq!(
        server::investigation_name(&mut alice, &team.investigation).unwrap(),
        Some(("Iran–Venezuela flights".to_string(), "Caracas desk".to_string()))
    );
    let refused = server::push(&mut bob, &team.investigation, &op(&uuid(2), r#"{"b":1}"#)).unwrap_err();
    assert!(refused.to_string().contains("not a member"), "{refused}");

    // Alice cannot write the log but through push, nor sign as someone else, nor
    // change or remove what is there.
    let forged = alice.execute(
        "INSERT INTO dossier.ops (investigation_id, seq, op_id, author, device, based_on, payload)
         VALUES ($1::text::uuid, 99, $2::text::uuid, 'carol', $2::text::uuid, 0, '{}')",
        &[&team.investigation, &uuid(3)],
    );
    assert!(described(&forged.unwrap_err()).contains("permission denied"));
    for statement in [
        "UPDATE dossier.ops SET payload = '{}'",
        "DELETE FROM dossier.ops",
        "TRUNCATE dossier.ops",
        "UPDATE dossier.investigations SET last_seq = 0",
        "INSERT INTO dossier.members (team_id, role_name) SELECT id, 'alice' FROM dossier.teams",
    ] {
        let refused = described(&alice.batch_execute(statement).unwrap_err());
        assert!(refused.contains("permission denied"), "{statement}: {refused}");
    }
    // Acting as a role she holds, she still signs as herself.
    alice.batch_execute("SET ROLE dossier_member").unwrap();
    server::push(&mut alice, &team.investigation, &op(&uuid(4), r#"{"c":1}"#)).unwrap();
    alice.batch_execute("RESET ROLE").unwrap();

    // Not even the server's own administrator changes the log.
    let mut admin = team.cluster.admin();
    for statement in ["UPDATE dossier.ops SET payload = '{}'", "DELETE FROM dossier.ops", "TRUNCATE dossier.ops"] {
        let refused = described(&admin.batch_execute(statement).unwrap_err());
        assert!(refused.contains("append-only"), "{statement}: {refused}");
    }
    let kept = server::pull(&mut alice, &team.investigation, 0, 100).unwrap();
    let kept: Vec<_> = kept.iter().map(|o| (o.seq, o.author.as_str(), o.payload.as_str())).collect();
    assert_eq!(kept, [(1, "alice", r#"{"a": 1}"#), (2, "alice", r#"{"c": 1}"#)]);
}

#[test]
fn concurrent_pushes_take_consecutive_numbers_and_a_pushed_again_operation_is_kept_once() {
    let team = team();
    let pushers: Vec<_> = [("alice", "alice's password"), ("carol", "carol's password")]
        .into_iter()
        .enumerate()
        .map(|(who, (user, password))| {
            let mut client = team.cluster.connect(user, password).unwrap();
            let investigation = team.investigation.clone();
            std::thread::spawn(move || {
                let mut numbers = Vec::new();
                for i in 0..150u32 {
                    let id = uuid(1000 * (who as u32 + 1) + i);
                    let payload = format!(r#"{{"n":{i}}}"#);
                    numbers.push(server::push(&mut client, &investigation, &op(&id, &payload)).unwrap());
                    // Every third operation is pushed twice, as after an answer lost on the way.
                    if i % 3 == 0 {
                        let again = server::push(&mut client, &investigation, &op(&id, &payload)).unwrap();
                        assert_eq!(again, *numbers.last().unwrap());
                    }
                }
                numbers
            })
        })
        .collect();
    let mut numbers: Vec<i64> = pushers.into_iter().flat_map(|p| p.join().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=300).collect::<Vec<i64>>(), "300 operations, numbered 1 to 300 with no gap");

    let mut alice = team.cluster.connect("alice", "alice's password").unwrap();
    let mut pulled = Vec::new();
    let mut cursor = 0;
    loop {
        let page = server::pull(&mut alice, &team.investigation, cursor, 64).unwrap();
        let Some(last) = page.last() else { break };
        cursor = last.seq;
        pulled.extend(page);
    }
    assert_eq!(pulled.len(), 300);
    assert!(pulled.windows(2).all(|w| w[1].seq == w[0].seq + 1));
    let authors: std::collections::BTreeSet<&str> = pulled.iter().map(|o| o.author.as_str()).collect();
    assert_eq!(authors.into_iter().collect::<Vec<_>>(), ["alice", "carol"]);
}

#[test]
fn a_listening_desktop_is_told_when_the_log_grows() {
    let team = team();
    let mut listener = team.cluster.connect("carol", "carol's password").unwrap();
    listener.batch_execute(&format!("LISTEN {}", server::channel_of(&team.investigation))).unwrap();
    let mut alice = team.cluster.connect("alice", "alice's password").unwrap();
    server::push(&mut alice, &team.investigation, &op(&uuid(1), "{}")).unwrap();
    let mut notifications = listener.notifications();
    let notice =
        notifications.timeout_iter(std::time::Duration::from_secs(10)).next().unwrap().expect("a notice within 10 s");
    assert_eq!(notice.payload(), "1");
}

#[test]
fn analysts_names_are_checked_before_they_reach_the_server() {
    let cluster = Cluster::start();
    let mut admin = cluster.admin();
    server::init(&mut admin).unwrap();
    let desk = server::create_team(&mut admin, "Desk").unwrap();
    for bad in ["Alice", "al ice", "alice; DROP TABLE dossier.ops", "pg_alice", ""] {
        assert!(server::add_member(&mut admin, desk, bad, Some("x")).is_err(), "{bad:?}");
    }
    // A password with quotes is quoted by the server.
    server::add_member(&mut admin, desk, "dan", Some("it's \"quoted\"")).unwrap();
    assert!(cluster.connect("dan", "it's \"quoted\"").is_ok());
}

#[test]
fn blobs_are_stored_once_under_their_sha256_and_read_only_by_the_team() {
    let team = team();
    let mut alice = team.cluster.connect("alice", "alice's password").unwrap();
    let text = "Iran supplied drones to Venezuela's air force, officials say.".as_bytes();
    let sha = sha256_hex(text);
    assert!(server::put_blob(&mut alice, &team.investigation, &sha, text).unwrap(), "new");
    assert!(!server::put_blob(&mut alice, &team.investigation, &sha, text).unwrap(), "stored once");
    let wrong = server::put_blob(&mut alice, &team.investigation, &sha, b"other bytes").unwrap_err();
    assert!(wrong.to_string().contains("not those of SHA-256"), "{wrong}");
    let mut carol = team.cluster.connect("carol", "carol's password").unwrap();
    assert_eq!(server::blob(&mut carol, &team.investigation, &sha).unwrap().as_deref(), Some(text));

    let mut bob = team.cluster.connect("bob", "bob's password").unwrap();
    assert_eq!(server::blob(&mut bob, &team.investigation, &sha).unwrap(), None, "another team reads nothing");
    assert!(server::put_blob(&mut bob, &team.investigation, &sha, text).is_err());
    let refused = described(&alice.batch_execute("DELETE FROM dossier.blobs").unwrap_err());
    assert!(refused.contains("permission denied"), "{refused}");
    let mut admin = team.cluster.admin();
    let refused = described(&admin.batch_execute("UPDATE dossier.blobs SET bytes = ''").unwrap_err());
    assert!(refused.contains("append-only"), "{refused}");
}

/// SHA-256 in lower-case hex, by the system's `sha256sum` (a tool apart from the server).
fn sha256_hex(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap().to_string()
}
