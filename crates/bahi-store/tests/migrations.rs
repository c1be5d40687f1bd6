//! The migration machinery against real databases: SQLite always, PostgreSQL when
//! `BAHI_TEST_DATABASE_URL` is set.

use std::sync::Arc;
use std::time::Duration;

use bahi_store::migrate::{
    Approval, BoxFuture, DataMigration, DataResult, MigrateError, Migrations, UpOptions,
};
use bahi_store::testing::TestDatabase;
use bahi_store::{Db, PoolSettings};

async fn open(test_db: &TestDatabase) -> Db {
    Db::connect(&test_db.url, &PoolSettings::default())
        .await
        .expect("connect")
}

async fn exec(db: &Db, sql: &str) {
    bahi_store::testing::exec(db, sql, []).await;
}

async fn count(db: &Db, sql: &str) -> i64 {
    bahi_store::testing::count(db, sql, []).await
}

/// A data migration defined by the test: fills `widgets.slug` from `name`.
struct Slugify {
    /// Makes `apply` slow, to hold the migration lock while another migrator tries.
    delay: Duration,
    fail: bool,
}

impl Slugify {
    fn quick() -> Arc<dyn DataMigration> {
        Arc::new(Self {
            delay: Duration::ZERO,
            fail: false,
        })
    }
}

impl DataMigration for Slugify {
    fn id(&self) -> &'static str {
        "2026-11-test-slugify-widgets"
    }
    fn description(&self) -> &'static str {
        "fill widgets.slug from the name"
    }
    fn plan<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<u64>> {
        Box::pin(async move {
            Ok(u64::try_from(
                count(db, "SELECT count(*) FROM widgets WHERE slug IS NULL").await,
            )?)
        })
    }
    fn apply<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<u64>> {
        Box::pin(async move {
            tokio::time::sleep(self.delay).await;
            if self.fail {
                return Err("deliberate failure".into());
            }
            const SQL: &str = "UPDATE widgets SET slug = lower(name) WHERE slug IS NULL";
            Ok(bahi_store::testing::try_exec(db, SQL, []).await?)
        })
    }
    fn verify<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<()>> {
        Box::pin(async move {
            match count(
                db,
                "SELECT count(*) FROM widgets WHERE slug IS NULL OR slug <> lower(name)",
            )
            .await
            {
                0 => Ok(()),
                n => Err(format!("{n} widgets have no slug or a wrong one").into()),
            }
        })
    }
}

async fn with_widgets(db: &Db) {
    Migrations::store()
        .up(db, &UpOptions::default())
        .await
        .expect("schema up");
    exec(
        db,
        "CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL, slug TEXT)",
    )
    .await;
    exec(db, "INSERT INTO widgets (id, name, slug) VALUES (1, 'Bolt', NULL), (2, 'Nut', NULL), (3, 'Gear', 'gear')").await;
}

async fn fresh_database_migrates_and_reports_current(test_db: TestDatabase) {
    let db = open(&test_db).await;
    let release = Migrations::store();
    let before = release.status(&db).await.unwrap();
    assert!(!before.is_current());
    assert!(before.applied_schema.is_empty());
    assert_eq!(
        before.pending_schema.len(),
        db.kind().schema_versions().len()
    );

    let report = release.up(&db, &UpOptions::default()).await.unwrap();
    assert_eq!(report.applied_schema.len(), before.pending_schema.len());
    assert!(
        report.snapshot.is_none(),
        "an empty database needs no snapshot"
    );

    let after = release.status(&db).await.unwrap();
    assert!(after.is_current(), "{after}");
    let again = release.up(&db, &UpOptions::default()).await.unwrap();
    assert!(again.applied_schema.is_empty() && again.applied_data.is_empty());
    let plan = release.plan(&db).await.unwrap();
    assert!(plan.is_empty());
}

#[tokio::test]
async fn fresh_database_migrates_and_reports_current_sqlite() {
    fresh_database_migrates_and_reports_current(TestDatabase::sqlite()).await;
}

#[tokio::test]
async fn fresh_database_migrates_and_reports_current_postgres() {
    if let Some(db) = TestDatabase::postgres().await {
        fresh_database_migrates_and_reports_current(db).await;
    }
}

async fn data_migration_plans_applies_once_and_verifies(test_db: TestDatabase) {
    let db = open(&test_db).await;
    with_widgets(&db).await;
    let migrations = Migrations::with_data(vec![Slugify::quick()]);

    let plan = migrations.plan(&db).await.unwrap();
    assert_eq!(plan.status.pending_data.len(), 1);
    assert_eq!(
        plan.status.pending_data[0].rows,
        Some(2),
        "dry run counts the rows to change"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM widgets WHERE slug IS NULL").await,
        2,
        "plan changes nothing"
    );
    assert!(plan.to_string().contains("2 rows to change"));

    let report = migrations.up(&db, &UpOptions::default()).await.unwrap();
    assert_eq!(
        report.applied_data,
        vec![("2026-11-test-slugify-widgets".to_owned(), 2)]
    );
    assert!(migrations.status(&db).await.unwrap().is_current());

    // Idempotent: a second apply (as after a crash before it was recorded) changes nothing.
    let m = Slugify::quick();
    assert_eq!(m.apply(&db).await.unwrap(), 0);
    let verified = migrations.verify(&db).await.unwrap();
    assert_eq!(verified.len(), 1);
    assert!(verified[0].1.is_ok());

    // verify catches a broken post-condition.
    exec(&db, "UPDATE widgets SET slug = 'wrong' WHERE id = 1").await;
    let verified = migrations.verify(&db).await.unwrap();
    assert!(
        verified[0]
            .1
            .as_ref()
            .is_err_and(|e| e.contains("1 widgets"))
    );
    if let Some(snapshot) = report.snapshot {
        let copy = Db::connect(
            &format!("sqlite://{}", snapshot.display()),
            &PoolSettings::default(),
        )
        .await
        .unwrap();
        assert_eq!(
            count(&copy, "SELECT count(*) FROM widgets WHERE slug IS NULL").await,
            2,
            "snapshot taken before the change"
        );
    } else {
        assert_ne!(
            db.kind(),
            bahi_store::DbKind::Sqlite,
            "SQLite is snapshotted before migrating"
        );
    }
}

#[tokio::test]
async fn data_migration_plans_applies_once_and_verifies_sqlite() {
    data_migration_plans_applies_once_and_verifies(TestDatabase::sqlite()).await;
}

#[tokio::test]
async fn data_migration_plans_applies_once_and_verifies_postgres() {
    if let Some(db) = TestDatabase::postgres().await {
        data_migration_plans_applies_once_and_verifies(db).await;
    }
}

async fn production_gate_needs_the_right_fingerprint(test_db: TestDatabase) {
    let db = open(&test_db).await;
    let release = Migrations::store();
    let gated = |approved: Option<&str>| UpOptions {
        approval: Approval::Required {
            approved: approved.map(str::to_owned),
        },
        ..UpOptions::default()
    };

    let Err(MigrateError::ApprovalRequired(plan)) = release.up(&db, &gated(None)).await else {
        panic!("production without approval must refuse");
    };
    assert!(plan.to_string().contains(&plan.fingerprint));
    let Err(MigrateError::WrongFingerprint { given, .. }) =
        release.up(&db, &gated(Some("0123abcd"))).await
    else {
        panic!("a wrong fingerprint must be refused");
    };
    assert_eq!(given, "0123abcd");
    assert!(
        release.status(&db).await.unwrap().applied_schema.is_empty(),
        "refusals change nothing"
    );

    // The same steps on another database get another fingerprint.
    let other_db = TestDatabase::sqlite();
    let other = release.plan(&open(&other_db).await).await.unwrap();
    assert_ne!(other.fingerprint, plan.fingerprint);

    let report = release
        .up(&db, &gated(Some(&plan.fingerprint)))
        .await
        .unwrap();
    assert!(!report.applied_schema.is_empty());
    // Nothing pending: no approval needed any more.
    release.up(&db, &gated(None)).await.unwrap();
}

#[tokio::test]
async fn production_gate_needs_the_right_fingerprint_sqlite() {
    production_gate_needs_the_right_fingerprint(TestDatabase::sqlite()).await;
}

#[tokio::test]
async fn production_gate_needs_the_right_fingerprint_postgres() {
    if let Some(db) = TestDatabase::postgres().await {
        production_gate_needs_the_right_fingerprint(db).await;
    }
}

#[tokio::test]
async fn second_postgres_migrator_gives_up_while_the_first_holds_the_lock() {
    let Some(test_db) = TestDatabase::postgres().await else {
        return;
    };
    let db = open(&test_db).await;
    with_widgets(&db).await;

    let slow = Migrations::with_data(vec![Arc::new(Slugify {
        delay: Duration::from_secs(3),
        fail: false,
    })]);
    let quick = Migrations::with_data(vec![Slugify::quick()]);
    let first = {
        let db = db.clone();
        tokio::spawn(async move { slow.up(&db, &UpOptions::default()).await })
    };
    // A readiness signal, not a guess: wait until the first migrator holds the lock.
    let lock_held = format!(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {} \
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        bahi_store::migrate::LOCK_KEY & 0xffff_ffff
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while count(&db, &lock_held).await == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the first migrator never took the lock"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let started = std::time::Instant::now();
    let second = quick
        .up(
            &db,
            &UpOptions {
                lock_timeout: Duration::from_secs(1),
                ..UpOptions::default()
            },
        )
        .await;
    assert!(
        matches!(second, Err(MigrateError::Locked { .. })),
        "{second:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the second migrator waits briefly, not forever"
    );
    assert!(
        second
            .unwrap_err()
            .to_string()
            .contains("another migration is running")
    );

    let first = first.await.unwrap().unwrap();
    assert_eq!(first.applied_data.len(), 1);
    let third = quick.up(&db, &UpOptions::default()).await.unwrap();
    assert!(
        third.applied_data.is_empty() && third.applied_schema.is_empty(),
        "nothing left to apply"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM widgets WHERE slug IS NULL").await,
        0
    );
}

#[tokio::test]
async fn failed_postgres_migration_leaves_no_lock_behind() {
    let Some(test_db) = TestDatabase::postgres().await else {
        return;
    };
    let db = open(&test_db).await;
    with_widgets(&db).await;

    let failing = Migrations::with_data(vec![Arc::new(Slugify {
        delay: Duration::ZERO,
        fail: true,
    })]);
    let err = failing.up(&db, &UpOptions::default()).await.unwrap_err();
    assert!(err.to_string().contains("deliberate failure"), "{err}");
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {} \
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                bahi_store::migrate::LOCK_KEY & 0xffff_ffff
            )
        )
        .await,
        0
    );
    let fixed = Migrations::with_data(vec![Slugify::quick()]);
    let report = fixed
        .up(
            &db,
            &UpOptions {
                lock_timeout: Duration::from_millis(300),
                ..UpOptions::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(report.applied_data.len(), 1);
}

#[tokio::test]
async fn edited_migration_history_is_refused() {
    let test_db = TestDatabase::sqlite();
    let db = open(&test_db).await;
    let release = Migrations::store();
    release.up(&db, &UpOptions::default()).await.unwrap();
    exec(
        &db,
        "UPDATE _sqlx_migrations SET checksum = x'00' WHERE version = 1",
    )
    .await;
    let status = release.status(&db).await.unwrap();
    assert!(!status.is_current());
    assert!(status.problems[0].contains("changed after it was applied"));

    exec(&db, "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'from the future', TRUE, x'00', 0)").await;
    let status = release.status(&db).await.unwrap();
    assert_eq!(status.ahead, vec![9999]);
}
