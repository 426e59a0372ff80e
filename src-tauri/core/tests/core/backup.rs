//! Backups: made on request, daily and before migrations, pruned, checked, restored.

use super::*;
use dossier_core::store::backup;

#[test]
fn a_backup_restores_the_store_as_it_was_and_keeps_what_it_replaced() {
    let (_dir, path, mut store) = temp_store();
    let source = article(&mut store, ARTICLE);
    actor(&mut store, "Iran", ActorKind::State, &[]);
    let saved = store.backup().unwrap();
    let before = store.dump().unwrap();

    // The evidence changes after the backup…
    store.delete_source(source).unwrap();
    actor(&mut store, "Mistake", ActorKind::Other, &[]);
    drop(store);

    // …and the backup brings it back, the replaced store kept as a backup of its own.
    let replaced = backup::restore(&saved, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.dump().unwrap(), before);
    assert_eq!(hits(&store, "cooperation", SearchKind::Source), [source]);
    let kept = Store::open(&replaced).unwrap();
    assert_eq!(kept.stats().unwrap().sources, 0, "the replaced store is kept, as it was");
    let reasons: Vec<String> = backup::list(&path).unwrap().into_iter().map(|b| b.reason).collect();
    assert!(reasons.contains(&"manual".to_string()) && reasons.contains(&"before-restore".to_string()), "{reasons:?}");
}

#[test]
fn a_file_that_is_not_a_sound_store_is_never_restored() {
    let (dir, path, store) = temp_store();
    drop(store);
    let junk = dir.path().join("junk.dossier");
    std::fs::write(&junk, b"not a database at all, just text").unwrap();
    assert_eq!(backup::restore(&junk, &path).unwrap_err().code(), ErrorCode::NotADossierStore);
    let foreign = dir.path().join("foreign.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert_eq!(backup::restore(&foreign, &path).unwrap_err().code(), ErrorCode::NotADossierStore);
    assert!(Store::open(&path).unwrap().check_integrity().is_ok());
}

/// A "backup" from elsewhere whose schema carries a trigger that quietly rewrites claims
/// (and a view over them): never restored, and the store it would replace is untouched.
#[test]
fn a_backup_carrying_triggers_or_views_of_its_own_is_never_restored() {
    let (dir, path, mut store) = temp_store();
    article(&mut store, ARTICLE);
    let planted = dir.path().join("shared-by-a-colleague.dossier");
    store.backup().unwrap();
    let saved = backup::list(&path).unwrap().remove(0);
    std::fs::copy(&saved.path, &planted).unwrap();
    drop(store);
    rusqlite::Connection::open(&planted)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER soften AFTER INSERT ON claims BEGIN UPDATE claims SET certainty = 'confirmed' WHERE id = new.id; END;",
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = backup::restore(&planted, &path).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotADossierStore);
    assert!(err.to_string().contains("trigger soften"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the store it would have replaced is as it was");
}

/// A store refused for its schema (or too damaged to open) can still be replaced by a
/// backup: its files are kept aside as they are, and the backup comes back.
#[test]
fn a_store_that_cannot_be_opened_is_kept_as_it_is_and_restored_over() {
    let (_dir, path, mut store) = temp_store();
    article(&mut store, ARTICLE);
    let saved = store.backup().unwrap();
    drop(store);
    rusqlite::Connection::open(&path).unwrap().execute_batch("CREATE VIEW planted AS SELECT 1").unwrap();
    let refused = std::fs::read(&path).unwrap();
    assert_eq!(Store::open(&path).unwrap_err().code(), ErrorCode::NotADossierStore);
    let kept = backup::restore(&saved, &path).unwrap();
    assert_eq!(std::fs::read(&kept).unwrap(), refused, "the refused store is kept byte for byte");
    assert_eq!(Store::open(&path).unwrap().stats().unwrap().sources, 1);
}

#[test]
fn daily_backups_happen_once_a_day_and_only_the_last_ten_of_a_kind_are_kept() {
    let (_dir, path, store) = temp_store();
    assert!(store.daily_backup().unwrap().is_some());
    assert!(store.daily_backup().unwrap().is_none(), "one a day");
    for _ in 0..12 {
        store.backup().unwrap();
    }
    let backups = backup::list(&path).unwrap();
    assert_eq!(backups.iter().filter(|b| b.reason == "manual").count(), backup::KEEP);
    assert_eq!(backups.iter().filter(|b| b.reason == "daily").count(), 1);
    assert!(backups.windows(2).all(|w| w[0].made_at >= w[1].made_at), "newest first");
    for b in &backups {
        backup::verify(Path::new(&b.path)).unwrap();
    }
}

#[test]
fn an_older_store_is_backed_up_before_its_schema_moves_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.dossier");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/stores/v2.dossier"), &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backups = backup::list(&path).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, "before-migration");
    assert_eq!(pragma(Path::new(&backups[0].path), "user_version"), "2", "the backup is the store as it was");
    drop(store);
    Store::open(&path).unwrap();
    assert_eq!(backup::list(&path).unwrap().len(), 1, "nothing to migrate, nothing backed up");
}
