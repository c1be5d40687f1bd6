//! The audit chain: appends link each row to the one before; editing, deleting or reordering a
//! row is detected by `verify`.

use bahi_store::identity::OrgId;
use bahi_store::identity::audit::{self, NewEvent};
use bahi_store::identity::orgs::{self, OrgFields};
use bahi_store::migrate::{Migrations, UpOptions};
use bahi_store::testing::TestDatabase;
use bahi_store::{Db, PoolSettings};

async fn setup(test_db: &TestDatabase) -> (Db, OrgId) {
    let db = Db::connect(&test_db.url, &PoolSettings::default())
        .await
        .unwrap();
    Migrations::release()
        .up(&db, &UpOptions::default())
        .await
        .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    let org = orgs::create(
        &mut tx,
        &OrgFields {
            legal_name: "Acme".into(),
            state_code: "29".into(),
            round_off_totals: true,
            ..OrgFields::default()
        },
    )
    .await
    .unwrap();
    for i in 0..5 {
        audit::append(
            &mut tx,
            NewEvent {
                org_id: Some(org.id),
                action: "test.event".into(),
                entity_type: "test".into(),
                summary: format!("event {i}"),
                ..NewEvent::default()
            },
        )
        .await
        .unwrap();
    }
    audit::append(
        &mut tx,
        NewEvent {
            action: "platform.event".into(),
            entity_type: "test".into(),
            summary: "system".into(),
            ..NewEvent::default()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (db, org.id)
}

async fn exec(db: &Db, sql: &str) {
    match db {
        Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(drop),
        Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(drop),
    }
    .unwrap();
}

/// Swaps the organisation chain's rows 2 and 3 (doing it twice puts them back).
async fn swap_rows_2_and_3(db: &Db) {
    exec(
        db,
        "UPDATE audit_events SET seq = 100 WHERE seq = 2 AND chain <> 'system'",
    )
    .await;
    exec(
        db,
        "UPDATE audit_events SET seq = 2 WHERE seq = 3 AND chain <> 'system'",
    )
    .await;
    exec(db, "UPDATE audit_events SET seq = 3 WHERE seq = 100").await;
}

async fn tampering_is_detected(kind: fn() -> TestDatabase, pg: Option<TestDatabase>) {
    let test_db = match pg {
        Some(db) => db,
        None => kind(),
    };
    let (db, org) = setup(&test_db).await;
    let ok = audit::verify(&db, None).await.unwrap();
    assert_eq!((ok.events, ok.first_bad.clone()), (6, None));
    assert_eq!(audit::verify(&db, Some(Some(org))).await.unwrap().events, 5);
    let listed = audit::list(&db, Some(org), None, 3).await.unwrap();
    assert_eq!(
        listed.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![5, 4, 3],
        "newest first"
    );

    // Edited.
    exec(
        &db,
        "UPDATE audit_events SET summary = 'nothing happened' WHERE seq = 3 AND chain <> 'system'",
    )
    .await;
    let bad = audit::verify(&db, None).await.unwrap();
    assert!(
        bad.first_bad
            .as_ref()
            .is_some_and(|(_, why)| why.contains("edited")),
        "{bad:?}"
    );
    exec(
        &db,
        "UPDATE audit_events SET summary = 'event 2' WHERE seq = 3 AND chain <> 'system'",
    )
    .await;
    assert_eq!(
        audit::verify(&db, None).await.unwrap().first_bad,
        None,
        "restored"
    );

    // Reordered: two rows swap places.
    swap_rows_2_and_3(&db).await;
    assert!(
        audit::verify(&db, None).await.unwrap().first_bad.is_some(),
        "reorder detected"
    );
    swap_rows_2_and_3(&db).await;
    assert_eq!(
        audit::verify(&db, None).await.unwrap().first_bad,
        None,
        "restored"
    );

    // Deleted in the middle, and at the end.
    exec(
        &db,
        "DELETE FROM audit_events WHERE seq = 5 AND chain <> 'system'",
    )
    .await;
    let bad = audit::verify(&db, None).await.unwrap();
    assert!(
        bad.first_bad
            .as_ref()
            .is_some_and(|(_, why)| why.contains("newest rows deleted")),
        "{bad:?}"
    );
    exec(
        &db,
        "DELETE FROM audit_events WHERE seq = 2 AND chain <> 'system'",
    )
    .await;
    let bad = audit::verify(&db, None).await.unwrap();
    assert!(
        bad.first_bad
            .as_ref()
            .is_some_and(|(_, why)| why.contains("sequence jumps")),
        "{bad:?}"
    );
}

#[tokio::test]
async fn tampering_is_detected_sqlite() {
    tampering_is_detected(TestDatabase::sqlite, None).await;
}

#[tokio::test]
async fn tampering_is_detected_postgres() {
    if let Some(pg) = TestDatabase::postgres().await {
        tampering_is_detected(TestDatabase::sqlite, Some(pg)).await;
    }
}
