//! One classification of database errors for every table: a taken unique key names its field, a
//! broken reference or CHECK is told apart from a bug, and a database that cannot answer now is
//! "unavailable" (a 503 to the client), not a failure.

use std::future::Future;
use std::time::Duration;

use bahi_store::identity::{OrgId, Role, UserId, members, orgs, users};
use bahi_store::migrate::{Migrations, UpOptions};
use bahi_store::testing::{Arg, TestDatabase, try_exec};
use bahi_store::{Db, DbKind, PoolSettings, StoreError, keys};

async fn migrated(test_db: &TestDatabase, settings: &PoolSettings) -> Db {
    let db = Db::connect(&test_db.url, settings).await.unwrap();
    Migrations::store()
        .up(&db, &UpOptions::default())
        .await
        .unwrap();
    db
}

async fn an_org(db: &Db) -> OrgId {
    let mut tx = db.begin_write().await.unwrap();
    let org = orgs::create(
        &mut tx,
        &orgs::OrgFields::new("Acme", bahi_gst::StateCode::parse("29").unwrap()),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    org.id
}

async fn constraints_are_classified(test_db: TestDatabase) {
    let db = migrated(&test_db, &PoolSettings::default()).await;
    let org = an_org(&db).await;
    let mut tx = db.begin_write().await.unwrap();
    let user = users::create(&mut tx, "a@example.com", "A", "hash", Default::default())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.begin_write().await.unwrap();
    let taken = users::create(&mut tx, "A@Example.com", "B", "hash", Default::default()).await;
    assert!(
        matches!(&taken, Err(e) if e.is_duplicate(&keys::USERS_EMAIL)),
        "{taken:?}"
    );
    tx.rollback().await.unwrap();

    let mut tx = db.begin_write().await.unwrap();
    members::add(&mut tx, org, user.id, Role::Owner)
        .await
        .unwrap();
    let twice = members::add(&mut tx, org, user.id, Role::Viewer).await;
    assert!(
        matches!(&twice, Err(e) if e.is_duplicate(&keys::MEMBERSHIPS_PKEY)),
        "{twice:?}"
    );
    tx.rollback().await.unwrap();

    let mut tx = db.begin_write().await.unwrap();
    let nobody = members::add(&mut tx, org, UserId::new(), Role::Viewer).await;
    match (db.kind(), &nobody) {
        (DbKind::Postgres, Err(StoreError::MissingReference { field })) => {
            assert_eq!(field, "user_id");
        }
        (DbKind::Sqlite, Err(StoreError::Reference)) => {}
        other => panic!("{other:?}"),
    }
    tx.rollback().await.unwrap();

    let bad_role = try_exec(
        &db,
        "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'boss', $3)",
        [
            Arg::Uuid(org.0),
            Arg::Uuid(user.id.0),
            Arg::Time(time::OffsetDateTime::now_utc()),
        ],
    )
    .await;
    assert!(
        matches!(&bad_role, Err(StoreError::Check { .. })),
        "{bad_role:?}"
    );
}

#[tokio::test]
async fn constraints_are_classified_sqlite() {
    constraints_are_classified(TestDatabase::sqlite()).await;
}

#[tokio::test]
async fn constraints_are_classified_postgres() {
    if let Some(db) = TestDatabase::postgres().await {
        constraints_are_classified(db).await;
    }
}

#[tokio::test]
async fn a_locked_sqlite_database_is_unavailable_not_broken() {
    let test_db = TestDatabase::sqlite();
    let settings = PoolSettings {
        sqlite_busy_timeout: Duration::from_millis(100),
        ..PoolSettings::default()
    };
    let db = migrated(&test_db, &settings).await;
    let _writer = db.begin_write().await.unwrap();
    let second = db.begin_write().await;
    assert!(
        matches!(&second, Err(StoreError::Unavailable(_))),
        "{:?}",
        second.err()
    );
}

#[tokio::test]
async fn an_unreachable_postgres_is_unavailable_not_broken() {
    let settings = PoolSettings {
        acquire_timeout: Duration::from_millis(300),
        ..PoolSettings::default()
    };
    let db = Db::connect("postgres://postgres@127.0.0.1:9/nowhere", &settings)
        .await
        .unwrap();
    let answer = users::get(&db, UserId::new()).await;
    assert!(
        matches!(&answer, Err(StoreError::Unavailable(_))),
        "{answer:?}"
    );
}

/// A request dropped while its write transaction begins (a client that hangs up, a timeout)
/// must not leave a pooled connection inside a transaction: on SQLite it would hold the write
/// lock for good and every later write would fail; on PostgreSQL later statements would run in
/// a transaction nobody commits. (sqlx's `begin` is not cancel-safe: sqlx#3932, sqlx#4385.)
async fn a_cancelled_begin_leaves_no_transaction_behind(test_db: TestDatabase) {
    let settings = PoolSettings {
        max_connections: 2,
        sqlite_busy_timeout: Duration::from_millis(500),
        acquire_timeout: Duration::from_secs(2),
        ..PoolSettings::default()
    };
    let db = migrated(&test_db, &settings).await;
    // Cancel at every point of the begin, from before it starts to after it is done: poll it a
    // few times, letting the connection's thread run in between, then drop it. The pauses are
    // not waits for anything (every cancellation point must be safe, whatever the timing): they
    // spread the drops over the begin. Yields alone never let the connection's thread get as far
    // as BEGIN, and the test then passes without the fix.
    for polls in 1..12 {
        for pause in [0, 20, 80, 300] {
            let mut begin = Box::pin(db.begin_write());
            for _ in 0..polls {
                let step =
                    std::future::poll_fn(|cx| std::task::Poll::Ready(begin.as_mut().poll(cx)))
                        .await;
                if step.is_ready() {
                    break;
                }
                std::thread::sleep(Duration::from_micros(pause));
                tokio::task::yield_now().await;
            }
        }
    }
    // Every later write still goes through, on every connection of the pool.
    for _ in 0..6 {
        let written = tokio::time::timeout(Duration::from_secs(3), an_org(&db)).await;
        assert!(written.is_ok(), "a write is stuck behind a cancelled begin");
    }
    let outside = try_exec(&db, "SELECT 1", []).await;
    assert!(outside.is_ok(), "{outside:?}");
}

#[tokio::test]
async fn a_cancelled_begin_leaves_no_transaction_behind_sqlite() {
    a_cancelled_begin_leaves_no_transaction_behind(TestDatabase::sqlite()).await;
}

#[tokio::test]
async fn a_cancelled_begin_leaves_no_transaction_behind_postgres() {
    if let Some(db) = TestDatabase::postgres().await {
        a_cancelled_begin_leaves_no_transaction_behind(db).await;
    }
}
