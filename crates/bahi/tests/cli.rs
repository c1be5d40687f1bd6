//! The `bahi` binary as an operator runs it: configuration errors, the production migration
//! gate, the PostgreSQL migration lock, health checks and graceful shutdown on SIGTERM.

mod common;

use common::*;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use bahi_store::testing::TestDatabase;
use sqlx::Connection;

const SECRET: &str = "a-test-secret-that-is-long-enough-0123456789";

fn wait_for(url: &str, status: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if get_status(url) == Ok(status) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn get_text(url: &str) -> Option<String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    rt.block_on(async { reqwest::get(url).await.ok()?.text().await.ok() })
}

fn get_status(url: &str) -> Result<u16, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async {
        reqwest::get(url)
            .await
            .map(|r| r.status().as_u16())
            .map_err(|e| e.to_string())
    })
}

#[test]
fn bad_configuration_exits_before_listening_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &[("PORT", "eighty")], &["serve"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains("PORT") && stderr.contains("eighty"),
        "{stderr}"
    );
    assert!(!dir.path().join("data").exists(), "nothing was created");

    let out = run(dir.path(), &[("BAHI_ENV", "production")], &["serve"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("BAHI_SECRET_KEY: is required in production"));

    let out = run(
        dir.path(),
        &[("BAHI_ENV", "prod"), ("DATABASE_URL", "mysql://x")],
        &["migrate", "status"],
    );
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.trim().lines().count(),
        2,
        "every problem at once: {stderr}"
    );
    assert!(stderr.contains("BAHI_ENV") && stderr.contains("DATABASE_URL"));
}

#[test]
fn production_serve_stays_unready_until_the_approved_plan_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port().to_string();
    let db_url = format!("sqlite://{}", dir.path().join("data/bahi.db").display());
    let vars = [
        ("BAHI_ENV", "production"),
        ("BAHI_SECRET_KEY", SECRET),
        ("DATABASE_URL", db_url.as_str()),
        ("PORT", port.as_str()),
        ("BAHI_BIND", "127.0.0.1"),
    ];

    // A database that already holds data, and this release's migrations pending.
    {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let db = bahi_store::Db::connect(&db_url, &Default::default())
                .await
                .unwrap();
            let bahi_store::Db::Sqlite(pool) = &db else {
                unreachable!()
            };
            sqlx::raw_sql("CREATE TABLE keep_me (n INTEGER); INSERT INTO keep_me VALUES (7);")
                .execute(pool)
                .await
                .unwrap();
            db.close().await;
        });
    }

    let mut server = serve(dir.path(), &vars);
    let ready = format!("http://127.0.0.1:{port}/health/ready");
    assert!(
        wait_for(&format!("http://127.0.0.1:{port}/health/live"), 200),
        "server starts"
    );
    assert_eq!(
        get_status(&ready),
        Ok(503),
        "pending migrations keep readiness failing"
    );

    let refused = run(dir.path(), &vars, &["migrate", "up"]);
    assert!(!refused.status.success());
    let plan = text(&refused.stdout);
    assert!(plan.contains("schema 0001 data migrations"), "{plan}");
    let fingerprint = plan
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint: "))
        .expect("fingerprint")
        .trim()
        .to_owned();
    assert!(text(&refused.stderr).contains("--approve"));

    let wrong = run(
        dir.path(),
        &vars,
        &["migrate", "up", "--approve", "deadbeef"],
    );
    assert!(!wrong.status.success());
    assert!(text(&wrong.stderr).contains("does not match"));
    assert_eq!(get_status(&ready), Ok(503));

    let planned = run(dir.path(), &vars, &["migrate", "plan"]);
    assert!(
        text(&planned.stdout).contains(&fingerprint),
        "plan shows the same fingerprint"
    );

    let applied = run(
        dir.path(),
        &vars,
        &["migrate", "up", "--approve", &fingerprint],
    );
    let stdout = text(&applied.stdout);
    assert!(
        applied.status.success(),
        "{stdout}{}",
        text(&applied.stderr)
    );
    assert!(stdout.contains("applied schema 0001"), "{stdout}");
    let snapshot = stdout
        .lines()
        .find_map(|l| l.strip_prefix("snapshot: "))
        .expect("a snapshot on SQLite");
    assert!(Path::new(snapshot.trim()).is_file());
    assert!(wait_for(&ready, 200), "ready once migrated");

    let again = run(
        dir.path(),
        &[&vars[..], &[("BAHI_MIGRATIONS_APPROVED", "")]].concat(),
        &["migrate", "up"],
    );
    assert!(again.status.success());
    assert!(text(&again.stdout).contains("nothing pending"));

    let status = run(dir.path(), &vars, &["migrate", "status"]);
    assert!(text(&status.stdout).contains("up to date"));
    let verify = run(dir.path(), &vars, &["migrate", "verify"]);
    assert!(verify.status.success());

    // The server logged why it was not ready, in JSON (production).
    let _ = server.0.kill();
    let output = std::mem::replace(&mut server.0, Command::new("true").spawn().unwrap())
        .wait_with_output()
        .unwrap();
    let log = text(&output.stdout);
    let line = log
        .lines()
        .find(|l| l.contains("migrations pending"))
        .expect("the pending migrations are logged");
    let parsed: serde_json::Value =
        serde_json::from_str(line).expect("JSON log lines in production");
    assert_eq!(parsed["level"], "WARN");
}

#[test]
fn approval_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("bahi.db").display());
    let vars = [
        ("BAHI_ENV", "production"),
        ("BAHI_SECRET_KEY", SECRET),
        ("DATABASE_URL", db_url.as_str()),
    ];
    let plan = text(&run(dir.path(), &vars, &["migrate", "plan"]).stdout);
    let fingerprint = plan
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint: "))
        .unwrap()
        .trim()
        .to_owned();
    let approved = [
        &vars[..],
        &[("BAHI_MIGRATIONS_APPROVED", fingerprint.as_str())],
    ]
    .concat();
    let out = run(dir.path(), &approved, &["migrate", "up"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("applied schema 0001"));
}

#[test]
fn sigterm_lets_the_slow_request_finish_then_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port().to_string();
    let mut server = serve(
        dir.path(),
        &[("PORT", port.as_str()), ("BAHI_BIND", "127.0.0.1")],
    );
    let base = format!("http://127.0.0.1:{port}");
    assert!(
        wait_for(&format!("{base}/health/ready"), 200),
        "fresh SQLite folder becomes ready"
    );
    assert!(
        dir.path().join("data/bahi.db").is_file(),
        "the default database is created in ./data"
    );

    let slow = std::thread::spawn({
        let url = format!("{base}/__test/slow?ms=2000");
        move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async { reqwest::get(url).await.unwrap().text().await.unwrap() })
        }
    });
    // A readiness signal, not a guess: the server says when the request is in flight.
    let deadline = Instant::now() + Duration::from_secs(10);
    while get_text(&format!("{base}/__test/in-flight")).as_deref() != Some("1") {
        assert!(Instant::now() < deadline, "the slow request never started");
        std::thread::sleep(Duration::from_millis(10));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(
        slow.join().unwrap(),
        "slept 2000 ms",
        "the in-flight request completes"
    );
    let status = server.0.wait().unwrap();
    assert_eq!(status.code(), Some(0), "exits 0 after draining");
}

#[test]
fn healthcheck_reports_the_local_server() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port().to_string();
    let vars = [("PORT", port.as_str()), ("BAHI_BIND", "127.0.0.1")];
    let down = run(dir.path(), &vars, &["healthcheck"]);
    assert_eq!(down.status.code(), Some(1));
    assert!(text(&down.stderr).contains("unhealthy"));

    let _server = serve(dir.path(), &vars);
    assert!(wait_for(
        &format!("http://127.0.0.1:{port}/health/live"),
        200
    ));
    let up = run(dir.path(), &vars, &["healthcheck"]);
    assert_eq!(up.status.code(), Some(0), "{}", text(&up.stderr));
}

#[test]
fn second_migrator_on_postgres_exits_with_a_clear_message() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some(test_db) = rt.block_on(TestDatabase::postgres()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let vars = [
        ("DATABASE_URL", test_db.url.as_str()),
        ("BAHI_ENV", "staging"),
        ("BAHI_SECRET_KEY", SECRET),
    ];

    // Another migrator holds the lock.
    let mut holder = rt
        .block_on(sqlx::PgConnection::connect(&test_db.url))
        .unwrap();
    rt.block_on(
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(bahi_store::migrate::LOCK_KEY)
            .execute(&mut holder),
    )
    .unwrap();
    let started = Instant::now();
    let blocked = run(dir.path(), &vars, &["migrate", "up", "--lock-timeout", "1"]);
    assert!(!blocked.status.success());
    assert!(
        text(&blocked.stderr).contains("another migration is running"),
        "{}",
        text(&blocked.stderr)
    );
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "gives up after the lock timeout"
    );
    rt.block_on(holder.close()).unwrap();

    let first = run(dir.path(), &vars, &["migrate", "up"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("applied schema 0001"));
    let third = run(dir.path(), &vars, &["migrate", "up"]);
    assert!(text(&third.stdout).contains("nothing pending"));
    drop(test_db);
}
