//! Operating bahi: `doctor` scores a deployment, `backup` and `restore` keep data safe.

mod common;

use common::*;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bahi_store::testing::TestDatabase;

const STRONG_SECRET: &str = "k8Jq2ZxW9vLr4Tn7Bc1Md5Fg3Hs6Yp0Ue-Qa_Oi";

#[test]
fn doctor_names_each_gap_of_a_bare_development_setup() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &[], &["doctor"]);
    assert!(out.status.success(), "informational without --strict");
    let report = text(&out.stdout);
    for gap in [
        "environment set explicitly",
        "secret key",
        "pending migrations",
        "allowed origins",
        "public URL is https",
        "Sentry",
        "mail",
        "platform admin",
        "audit chain",
    ] {
        let line = report
            .lines()
            .find(|l| l.contains(gap))
            .unwrap_or_else(|| panic!("{gap} in {report}"));
        assert!(
            line.trim_start().starts_with("MISS") && line.contains(" — "),
            "{line}"
        );
    }
    assert!(report.contains("Score: 1/10"), "{report}");
    let strict = run(dir.path(), &[], &["doctor", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn doctor_gives_ten_out_of_ten_to_a_production_like_setup() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let test_db = rt.block_on(TestDatabase::new());
    let dir = tempfile::tempdir().unwrap();
    let vars = [
        ("BAHI_ENV", "production"),
        ("DATABASE_URL", test_db.url.as_str()),
        ("BAHI_SECRET_KEY", STRONG_SECRET),
        ("BAHI_PUBLIC_URL", "https://books.example.com"),
        ("BAHI_ALLOWED_ORIGINS", "https://books.example.com"),
        ("SENTRY_DSN", "https://publickey@sentry.example.com/42"),
        ("BAHI_SMTP_URL", "smtps://mailer@smtp.example.com:465"),
        ("BAHI_MAIL_FROM", "bahi <books@example.com>"),
    ];
    let plan = text(&run(dir.path(), &vars, &["migrate", "plan"]).stdout);
    let fingerprint = plan
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint: "))
        .unwrap()
        .trim()
        .to_owned();
    assert!(
        run(
            dir.path(),
            &vars,
            &["migrate", "up", "--approve", &fingerprint]
        )
        .status
        .success()
    );
    assert!(
        run(
            dir.path(),
            &vars,
            &[
                "admin",
                "create-platform-admin",
                "--email",
                "ops@example.com"
            ]
        )
        .status
        .success()
    );
    let before = text(&run(dir.path(), &vars, &["doctor"]).stdout);
    if test_db.kind == bahi_store::DbKind::Sqlite {
        assert!(
            before.contains("MISS  database engine and backups"),
            "SQLite in production needs a fresh backup: {before}"
        );
        let backup = run(dir.path(), &vars, &["backup"]);
        assert!(backup.status.success(), "{}", text(&backup.stderr));
    }
    let out = run(dir.path(), &vars, &["doctor", "--strict"]);
    let report = text(&out.stdout);
    assert!(report.contains("Score: 10/10"), "{report}");
    assert!(out.status.success());
}

#[test]
fn sqlite_backup_restores_and_restore_refuses_a_live_database() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let vars = [("PORT", port.as_str()), ("BAHI_BIND", "127.0.0.1")];
    assert!(run(dir.path(), &vars, &["migrate", "up"]).status.success());
    assert!(
        run(
            dir.path(),
            &vars,
            &[
                "admin",
                "create-platform-admin",
                "--email",
                "kept@example.com"
            ]
        )
        .status
        .success()
    );
    let backup = run(dir.path(), &vars, &["backup", "--to", "snap.db"]);
    assert!(backup.status.success(), "{}", text(&backup.stderr));
    assert!(text(&backup.stdout).contains("integrity ok"));
    assert!(
        !run(dir.path(), &vars, &["backup", "--to", "snap.db"])
            .status
            .success(),
        "never overwrites a backup"
    );

    // Work done after the backup…
    assert!(
        run(
            dir.path(),
            &vars,
            &[
                "admin",
                "create-platform-admin",
                "--email",
                "later@example.com"
            ]
        )
        .status
        .success()
    );

    // …cannot be rolled back under a running server.
    let server = Server(
        bahi(dir.path(), &vars, &["serve"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_err() {
        assert!(Instant::now() < deadline, "server starts");
        std::thread::sleep(Duration::from_millis(50));
    }
    let refused = run(dir.path(), &vars, &["restore", "--from", "snap.db"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("is live"),
        "{}",
        text(&refused.stderr)
    );
    drop(server);

    let restored = run(dir.path(), &vars, &["restore", "--from", "snap.db"]);
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(
        text(&restored.stdout).contains("kept at"),
        "the replaced database is kept"
    );
    let reset = run(
        dir.path(),
        &vars,
        &["admin", "reset-password", "--email", "later@example.com"],
    );
    assert!(
        !reset.status.success(),
        "the account made after the backup is gone"
    );
    let kept = run(
        dir.path(),
        &vars,
        &["admin", "reset-password", "--email", "kept@example.com"],
    );
    assert!(kept.status.success(), "{}", text(&kept.stderr));

    std::fs::write(dir.path().join("junk.db"), b"not a database").unwrap();
    assert!(
        !run(dir.path(), &vars, &["restore", "--from", "junk.db"])
            .status
            .success(),
        "a broken backup is refused"
    );
}

#[test]
fn postgres_backup_uses_pg_dump() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some(test_db) = rt.block_on(TestDatabase::postgres()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let vars = [("DATABASE_URL", test_db.url.as_str())];
    assert!(run(dir.path(), &vars, &["migrate", "up"]).status.success());
    let out = run(dir.path(), &vars, &["backup", "--to", "bahi.dump"]);
    let has_pg_dump = Command::new("pg_dump")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_pg_dump {
        assert!(
            out.status.success(),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let dump = std::fs::read(dir.path().join("bahi.dump")).unwrap();
        assert!(dump.starts_with(b"PGDMP"), "a custom-format dump");
    } else {
        assert!(
            text(&out.stdout).contains("pg_dump -Fc"),
            "prints the command"
        );
    }
    let restore = run(dir.path(), &vars, &["restore", "--from", "bahi.dump"]);
    assert!(!restore.status.success(), "restore is for SQLite");
}

#[test]
fn doctor_fails_production_on_plain_http_without_strict() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let test_db = rt.block_on(TestDatabase::new());
    let dir = tempfile::tempdir().unwrap();
    let vars = [
        ("BAHI_ENV", "production"),
        ("DATABASE_URL", test_db.url.as_str()),
        ("BAHI_SECRET_KEY", STRONG_SECRET),
        ("BAHI_PUBLIC_URL", "http://books.example.com"),
    ];
    let out = run(dir.path(), &vars, &["doctor"]);
    let report = text(&out.stdout);
    let line = report
        .lines()
        .find(|l| l.contains("public URL is https"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(line.trim_start().starts_with("FAIL"), "{line}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failure, not advice: {report}"
    );
}
