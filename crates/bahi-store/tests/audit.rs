//! The audit chain: keyed hashes, signed heads and checkpoints, append-only tables. Each forgery
//! a database writer could try — edit and recompute, truncate and roll the head back, erase a
//! chain — is shown detected, on both engines.

use bahi_store::identity::OrgId;
use bahi_store::identity::audit::{self, AuditKeys, Depth, NewEvent, Scope};
use bahi_store::identity::orgs;
use bahi_store::migrate::{Migrations, UpOptions};
use bahi_store::testing::{Arg, TestDatabase, count, drop_audit_guards, exec, text, try_exec};
use bahi_store::{Db, PoolSettings};
use sha2::{Digest, Sha256};

const SECRET: &[u8] = b"a test secret of more than thirty-two bytes, random enough";
const NEXT_SECRET: &[u8] = b"the next secret, after a rotation, also long enough to pass";

/// Runs a test body on SQLite, and on PostgreSQL when the suite has one.
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(bahi_store::testing::TestDatabase::sqlite()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(db) = bahi_store::testing::TestDatabase::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}

on_both_engines!(
    the_database_refuses_to_change_the_trail,
    edits_reorders_and_deletions_are_detected,
    edit_and_recompute_is_detected,
    truncate_and_roll_back_the_head_is_detected,
    a_replayed_old_head_is_caught_by_a_checkpoint,
    an_erased_chain_is_detected,
    verification_from_a_checkpoint_reads_only_what_is_new,
    rotated_keys_keep_old_rows_verifiable,
    rows_from_before_keys_verify_until_sealed,
);

fn keys() -> AuditKeys {
    AuditKeys::new(SECRET, &[])
}

async fn event(db: &Db, keys: &AuditKeys, org: Option<OrgId>, summary: &str) {
    let mut tx = db.begin_write().await.unwrap();
    audit::append(
        &mut tx,
        keys,
        NewEvent {
            org_id: org,
            action: "test.event".into(),
            entity_type: "test".into(),
            summary: summary.into(),
            ..NewEvent::default()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// An organisation with five events on its chain.
async fn org_with_events(db: &Db, name: &str) -> OrgId {
    let mut tx = db.begin_write().await.unwrap();
    let org = orgs::create(
        &mut tx,
        &orgs::OrgFields::new(name, bahi_gst::StateCode::parse("29").unwrap()),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    for i in 0..5 {
        event(db, &keys(), Some(org.id), &format!("event {i}")).await;
    }
    org.id
}

/// An organisation with five events on its chain, and one system event.
async fn setup(test_db: &TestDatabase) -> (Db, OrgId) {
    let db = Db::connect(&test_db.url, &PoolSettings::default())
        .await
        .unwrap();
    Migrations::store()
        .up(&db, &UpOptions::default())
        .await
        .unwrap();
    let org = org_with_events(&db, "Acme").await;
    event(&db, &keys(), None, "system").await;
    (db, org)
}

async fn verify(db: &Db, keys: &AuditKeys) -> audit::Verification {
    audit::verify(db, keys, Scope::All, Depth::Full)
        .await
        .unwrap()
}

fn failure(v: &audit::Verification) -> String {
    v.first_bad
        .as_ref()
        .map(|(_, why)| why.clone())
        .unwrap_or_default()
}

fn org_chain(org: OrgId) -> Arg {
    Arg::Text(org.to_string())
}

async fn the_database_refuses_to_change_the_trail(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    let ok = verify(&db, &keys()).await;
    assert_eq!((ok.events, ok.first_bad.clone()), (6, None));
    let one = audit::verify(&db, &keys(), Scope::Org(org), Depth::Full)
        .await
        .unwrap();
    assert_eq!(one.events, 5);
    let listed = audit::list(&db, Some(org), None, 3).await.unwrap();
    assert_eq!(
        listed.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![5, 4, 3],
        "newest first"
    );
    assert_eq!(audit::checkpoint(&db, &keys()).await.unwrap(), 2);
    for sql in [
        "UPDATE audit_events SET summary = 'nothing happened'",
        "DELETE FROM audit_events",
        "UPDATE audit_checkpoints SET seq = 1",
        "DELETE FROM audit_checkpoints",
    ] {
        let refused = try_exec(&db, sql, []).await;
        assert!(refused.is_err(), "{sql} was allowed");
    }
    if db.kind() == bahi_store::DbKind::Postgres {
        assert!(try_exec(&db, "TRUNCATE audit_events", []).await.is_err());
    }
    assert_eq!(
        verify(&db, &keys()).await.first_bad,
        None,
        "nothing changed"
    );
}

/// Swaps the organisation chain's rows 2 and 3 (doing it twice puts them back).
async fn swap_rows_2_and_3(db: &Db) {
    exec(
        db,
        "UPDATE audit_events SET seq = 100 WHERE seq = 2 AND chain <> 'system'",
        [],
    )
    .await;
    exec(
        db,
        "UPDATE audit_events SET seq = 2 WHERE seq = 3 AND chain <> 'system'",
        [],
    )
    .await;
    exec(db, "UPDATE audit_events SET seq = 3 WHERE seq = 100", []).await;
}

async fn edits_reorders_and_deletions_are_detected(test_db: TestDatabase) {
    let (db, _org) = setup(&test_db).await;
    drop_audit_guards(&db).await;

    exec(
        &db,
        "UPDATE audit_events SET summary = 'nothing happened' WHERE seq = 3 AND chain <> 'system'",
        [],
    )
    .await;
    let bad = verify(&db, &keys()).await;
    assert!(failure(&bad).contains("edited"), "{bad:?}");
    exec(
        &db,
        "UPDATE audit_events SET summary = 'event 2' WHERE seq = 3 AND chain <> 'system'",
        [],
    )
    .await;
    assert_eq!(verify(&db, &keys()).await.first_bad, None, "restored");

    swap_rows_2_and_3(&db).await;
    assert!(
        verify(&db, &keys()).await.first_bad.is_some(),
        "reorder detected"
    );
    swap_rows_2_and_3(&db).await;
    assert_eq!(verify(&db, &keys()).await.first_bad, None, "restored");

    exec(
        &db,
        "DELETE FROM audit_events WHERE seq = 5 AND chain <> 'system'",
        [],
    )
    .await;
    let bad = verify(&db, &keys()).await;
    assert!(failure(&bad).contains("newest rows deleted"), "{bad:?}");
    exec(
        &db,
        "DELETE FROM audit_events WHERE seq = 2 AND chain <> 'system'",
        [],
    )
    .await;
    let bad = verify(&db, &keys()).await;
    assert!(failure(&bad).contains("sequence jumps"), "{bad:?}");
}

/// The hash the trail used before keys: plain SHA-256 over the row's fields. Anyone can compute
/// it, which is why keyed rows may never be replaced by such rows.
fn plain_hash(e: &audit::AuditEvent) -> String {
    let fields = serde_json::json!([
        1,
        e.id.to_string(),
        e.chain,
        e.seq,
        e.org_id.map(|o| o.to_string()),
        e.at.unix_timestamp_nanos().to_string(),
        e.actor_user_id.map(|u| u.to_string()),
        e.actor_email,
        e.action,
        e.entity_type,
        e.entity_id,
        e.summary,
        e.ip,
        e.prev_hash,
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// Rewrites the organisation's chain from row 3 on with a new summary for row 3, recomputing
/// every hash the only way an attacker without the key can, and moves the head to match.
/// `drop_key_ids` passes the rewritten rows off as rows from before keyed hashes.
async fn rewrite_from_row_3(db: &Db, org: OrgId, drop_key_ids: bool) {
    let mut rows = audit::list(db, Some(org), None, 100).await.unwrap();
    rows.reverse();
    let mut prev = rows[1].hash.clone();
    for e in rows.iter_mut().skip(2) {
        if e.seq == 3 {
            e.summary = "nothing happened".into();
        }
        e.prev_hash = prev.clone();
        e.hash = plain_hash(e);
        exec(
            db,
            "UPDATE audit_events SET summary = $1, prev_hash = $2, hash = $3 WHERE id = $4",
            [
                Arg::Text(e.summary.clone()),
                Arg::Text(e.prev_hash.clone()),
                Arg::Text(e.hash.clone()),
                Arg::Uuid(e.id),
            ],
        )
        .await;
        if drop_key_ids {
            exec(
                db,
                "UPDATE audit_events SET key_id = NULL WHERE id = $1",
                [Arg::Uuid(e.id)],
            )
            .await;
        }
        prev = e.hash.clone();
    }
    exec(
        db,
        "UPDATE audit_chains SET last_hash = $1, key_id = NULL, mac = NULL WHERE chain = $2",
        [Arg::Text(prev), org_chain(org)],
    )
    .await;
}

async fn edit_and_recompute_is_detected(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    let other = org_with_events(&db, "Other").await;
    drop_audit_guards(&db).await;
    rewrite_from_row_3(&db, org, false).await;
    rewrite_from_row_3(&db, other, true).await;
    let bad = audit::verify(&db, &keys(), Scope::Org(org), Depth::Full)
        .await
        .unwrap();
    assert!(
        failure(&bad).contains("edited"),
        "a plain hash under a key id: {bad:?}"
    );
    let bad = audit::verify(&db, &keys(), Scope::Org(other), Depth::Full)
        .await
        .unwrap();
    assert!(
        failure(&bad).contains("unkeyed row follows keyed ones"),
        "rows passed off as from before keys: {bad:?}"
    );
}

/// The head of the organisation's chain: count, last hash, key id and signature.
async fn head_of(db: &Db, org: OrgId) -> (i64, String, String, String) {
    let seq = count(
        db,
        "SELECT last_seq FROM audit_chains WHERE chain = $1",
        [org_chain(org)],
    )
    .await;
    let field = |column: &str| format!("SELECT {column} FROM audit_chains WHERE chain = $1");
    let hash = text(db, &field("last_hash"), [org_chain(org)]).await;
    let key_id = text(db, &field("key_id"), [org_chain(org)]).await;
    let mac = text(db, &field("mac"), [org_chain(org)]).await;
    (
        seq,
        hash.unwrap_or_default(),
        key_id.unwrap_or_default(),
        mac.unwrap_or_default(),
    )
}

async fn truncate_and_roll_back_the_head_is_detected(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    drop_audit_guards(&db).await;
    let row_3 = audit::list(&db, Some(org), Some(4), 1).await.unwrap();
    exec(
        &db,
        "DELETE FROM audit_events WHERE chain = $1 AND seq > 3",
        [org_chain(org)],
    )
    .await;
    exec(
        &db,
        "UPDATE audit_chains SET last_seq = 3, last_hash = $1 WHERE chain = $2",
        [Arg::Text(row_3[0].hash.clone()), org_chain(org)],
    )
    .await;
    let bad = verify(&db, &keys()).await;
    assert!(
        failure(&bad).contains("head does not match its signature"),
        "{bad:?}"
    );
    exec(
        &db,
        "UPDATE audit_chains SET key_id = NULL, mac = NULL WHERE chain = $1",
        [org_chain(org)],
    )
    .await;
    let bad = verify(&db, &keys()).await;
    assert!(failure(&bad).contains("lost its signature"), "{bad:?}");
}

async fn a_replayed_old_head_is_caught_by_a_checkpoint(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    // The attacker keeps a copy of the head as it was after row 3 … (here: after row 5)
    let (old_seq, old_hash, old_key, old_mac) = head_of(&db, org).await;
    event(&db, &keys(), Some(org), "event 5").await;
    event(&db, &keys(), Some(org), "event 6").await;
    assert_eq!(audit::checkpoint(&db, &keys()).await.unwrap(), 2);
    // … then deletes the newest rows and puts the old, validly signed head back.
    drop_audit_guards(&db).await;
    exec(
        &db,
        "DELETE FROM audit_events WHERE chain = $1 AND seq > $2",
        [org_chain(org), Arg::Int(old_seq)],
    )
    .await;
    exec(
        &db,
        "UPDATE audit_chains SET last_seq = $1, last_hash = $2, key_id = $3, mac = $4 WHERE chain = $5",
        [
            Arg::Int(old_seq),
            Arg::Text(old_hash),
            Arg::Text(old_key),
            Arg::Text(old_mac),
            org_chain(org),
        ],
    )
    .await;
    let bad = verify(&db, &keys()).await;
    assert!(
        failure(&bad).contains("a checkpoint recorded 7 rows but the head says 5"),
        "{bad:?}"
    );
    let quick = audit::verify(&db, &keys(), Scope::All, Depth::SinceCheckpoint)
        .await
        .unwrap();
    assert!(quick.first_bad.is_some(), "the quick check sees it too");
}

async fn an_erased_chain_is_detected(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    drop_audit_guards(&db).await;
    exec(
        &db,
        "DELETE FROM audit_events WHERE chain = $1",
        [org_chain(org)],
    )
    .await;
    exec(
        &db,
        "DELETE FROM audit_chains WHERE chain = $1",
        [org_chain(org)],
    )
    .await;
    let bad = verify(&db, &keys()).await;
    assert!(
        failure(&bad).contains("no audit chain (it was erased)"),
        "{bad:?}"
    );
    let one = audit::verify(&db, &keys(), Scope::Org(org), Depth::Full)
        .await
        .unwrap();
    assert!(one.first_bad.is_some());
}

async fn verification_from_a_checkpoint_reads_only_what_is_new(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    let first = audit::verify_and_checkpoint(&db, &keys(), Scope::All, Depth::SinceCheckpoint)
        .await
        .unwrap();
    assert_eq!(
        (first.events, first.first_bad),
        (6, None),
        "no checkpoint yet: everything"
    );
    event(&db, &keys(), Some(org), "new").await;
    let quick = audit::verify(&db, &keys(), Scope::All, Depth::SinceCheckpoint)
        .await
        .unwrap();
    assert_eq!(
        (quick.events, quick.first_bad),
        (3, None),
        "each chain's checkpointed row, and the one new row"
    );
    drop_audit_guards(&db).await;
    exec(
        &db,
        "UPDATE audit_events SET summary = 'changed' WHERE chain = $1 AND seq = 5",
        [org_chain(org)],
    )
    .await;
    let quick = audit::verify(&db, &keys(), Scope::All, Depth::SinceCheckpoint)
        .await
        .unwrap();
    assert!(
        quick.first_bad.is_some(),
        "the checkpointed row itself is checked"
    );
}

async fn rotated_keys_keep_old_rows_verifiable(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    let rotated = AuditKeys::new(NEXT_SECRET, &[SECRET]);
    assert_eq!(verify(&db, &rotated).await.first_bad, None);
    event(&db, &rotated, Some(org), "after rotation").await;
    assert_eq!(verify(&db, &rotated).await.first_bad, None);
    let forgot_the_old_key = AuditKeys::new(NEXT_SECRET, &[]);
    let bad = verify(&db, &forgot_the_old_key).await;
    assert!(failure(&bad).contains("unknown key"), "{bad:?}");
}

async fn rows_from_before_keys_verify_until_sealed(test_db: TestDatabase) {
    let (db, org) = setup(&test_db).await;
    drop_audit_guards(&db).await;
    // Turn the organisation's chain into what the previous release wrote: plain hashes, no key
    // ids, an unsigned head.
    let mut rows = audit::list(&db, Some(org), None, 100).await.unwrap();
    rows.reverse();
    let mut prev = "0".repeat(64);
    for e in &mut rows {
        e.prev_hash = prev.clone();
        e.key_id = None;
        e.hash = plain_hash(e);
        exec(
            &db,
            "UPDATE audit_events SET prev_hash = $1, hash = $2, key_id = NULL WHERE id = $3",
            [
                Arg::Text(e.prev_hash.clone()),
                Arg::Text(e.hash.clone()),
                Arg::Uuid(e.id),
            ],
        )
        .await;
        prev = e.hash.clone();
    }
    exec(
        &db,
        "UPDATE audit_chains SET last_hash = $1, key_id = NULL, mac = NULL WHERE chain = $2",
        [Arg::Text(prev), org_chain(org)],
    )
    .await;
    assert_eq!(
        verify(&db, &keys()).await.first_bad,
        None,
        "old rows verify"
    );
    audit::checkpoint(&db, &keys()).await.unwrap();
    let (_, _, key_id, _) = head_of(&db, org).await;
    assert_eq!(
        key_id,
        keys().current().id(),
        "the checkpoint signed the head"
    );
    event(&db, &keys(), Some(org), "first keyed row").await;
    assert_eq!(verify(&db, &keys()).await.first_bad, None);
    // Rewriting a sealed old row is caught by the checkpoint.
    exec(
        &db,
        "UPDATE audit_events SET summary = 'forged' WHERE chain = $1 AND seq = 2",
        [org_chain(org)],
    )
    .await;
    assert!(verify(&db, &keys()).await.first_bad.is_some());
}
