//! `bahi backup` and `bahi restore`.
//!
//! SQLite: a consistent snapshot (`VACUUM INTO`) checked with `PRAGMA integrity_check`; restore
//! puts a checked snapshot in place, refusing while `bahi serve` has the database open.
//! PostgreSQL: `pg_dump -Fc` when it is installed, else the exact command to run.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use bahi_store::{Db, PoolSettings};
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

/// The file `bahi serve` holds a shared lock on while it has a SQLite database open.
#[must_use]
pub fn serve_lock_path(db_path: &Path) -> PathBuf {
    let mut name = db_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".serve-lock");
    db_path.with_file_name(name)
}

/// Held by `bahi serve` for its whole life (shared: several servers may share a file).
pub fn hold_serve_lock(db_path: &Path) -> std::io::Result<File> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(serve_lock_path(db_path))?;
    file.lock_shared()?;
    Ok(file)
}

/// Opens the file read-only (changing nothing, not even the journal mode) and checks it.
async fn integrity_ok(path: &Path) -> Result<(), String> {
    use sqlx::Connection;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| e.to_string())?;
    let result: Result<String, sqlx::Error> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await;
    let tables: Result<i64, sqlx::Error> =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = '_sqlx_migrations'")
            .fetch_one(&mut conn)
            .await;
    let _ = conn.close().await;
    match (result, tables) {
        (Ok(ok), Ok(1)) if ok == "ok" => Ok(()),
        (Ok(ok), Ok(1)) => Err(format!("integrity check failed: {ok}")),
        (Ok(_), Ok(_)) => Err("it is not a bahi database (no migration history)".into()),
        (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
    }
}

pub async fn backup(db: &Db, database_url: &str, to: Option<PathBuf>) -> ExitCode {
    match db {
        Db::Sqlite(_) => {
            let Some(dir) = db.sqlite_backup_dir() else {
                return ExitCode::FAILURE;
            };
            let dest = to.unwrap_or_else(|| bahi_store::fresh_snapshot_path(&dir, "bahi", ""));
            if dest.exists() {
                eprintln!(
                    "bahi backup: {} already exists; choose another path",
                    dest.display()
                );
                return ExitCode::FAILURE;
            }
            if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
                && let Err(e) = std::fs::create_dir_all(dir)
            {
                eprintln!("bahi backup: cannot create {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
            if let Err(e) = db.snapshot_sqlite(&dest).await {
                eprintln!("bahi backup: snapshot failed: {e}");
                return ExitCode::FAILURE;
            }
            if let Err(why) = integrity_ok(&dest).await {
                eprintln!(
                    "bahi backup: the snapshot at {} is not sound ({why}); it was removed",
                    dest.display()
                );
                let _ = std::fs::remove_file(&dest);
                return ExitCode::FAILURE;
            }
            let size = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
            println!("backup: {} ({size} bytes, integrity ok)", dest.display());
            ExitCode::SUCCESS
        }
        Db::Postgres(pool) => pg_dump(
            &pool.connect_options(),
            database_url,
            to.unwrap_or_else(|| PathBuf::from(format!("bahi-{}.dump", bahi_store::utc_stamp()))),
        ),
    }
}

/// Runs `pg_dump -Fc` with the connection in environment variables (so the password is not on
/// the command line for `ps` to show), or prints the command when pg_dump is not installed.
fn pg_dump(options: &PgConnectOptions, database_url: &str, dest: PathBuf) -> ExitCode {
    let database = options.get_database().unwrap_or("postgres").to_owned();
    let (host, port, user) = (
        options.get_host().to_owned(),
        options.get_port(),
        options.get_username().to_owned(),
    );
    let found = Command::new("pg_dump")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!(
            "pg_dump is not installed here. Run, from a machine that has it (PostgreSQL client of the server's major version or newer):\n  PGPASSWORD=… pg_dump -Fc -h {host} -p {port} -U {user} -d {database} -f {}",
            dest.display()
        );
        return ExitCode::FAILURE;
    }
    // Passed through PGPASSWORD, only when the URL has one.
    let password = url::Url::parse(database_url)
        .ok()
        .and_then(|u| u.password().map(percent_decode));
    let mut command = Command::new("pg_dump");
    command
        .args([
            "-Fc",
            "-h",
            &host,
            "-p",
            &port.to_string(),
            "-U",
            &user,
            "-d",
            &database,
            "-f",
        ])
        .arg(&dest);
    if let Some(p) = password {
        command.env("PGPASSWORD", p);
    }
    match command.status() {
        Ok(s) if s.success() => {
            println!(
                "backup: {} (pg_dump custom format; restore with pg_restore)",
                dest.display()
            );
            ExitCode::SUCCESS
        }
        Ok(s) => {
            eprintln!("bahi backup: pg_dump failed ({s})");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("bahi backup: cannot run pg_dump: {e}");
            ExitCode::FAILURE
        }
    }
}

fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("p={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Replaces a SQLite database with a checked snapshot, keeping the replaced file beside it.
pub async fn restore(database_url: &str, from: &Path) -> ExitCode {
    let db = match Db::connect(database_url, &PoolSettings::default()).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("bahi restore: {e}");
            return ExitCode::FAILURE;
        }
    };
    let target = db.sqlite_path();
    db.close().await;
    let Some(target) = target else {
        eprintln!(
            "bahi restore: restoring is for SQLite; restore PostgreSQL with pg_restore from a `bahi backup` dump"
        );
        return ExitCode::FAILURE;
    };
    if let Err(why) = integrity_ok(from).await {
        eprintln!("bahi restore: {} cannot be restored: {why}", from.display());
        return ExitCode::FAILURE;
    }
    let lock = match File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(serve_lock_path(&target))
    {
        Ok(f) => f,
        Err(e) => {
            eprintln!("bahi restore: cannot open the lock file: {e}");
            return ExitCode::FAILURE;
        }
    };
    if lock.try_lock().is_err() {
        eprintln!(
            "bahi restore: refused: {} is live (bahi serve has it open); stop the server first",
            target.display()
        );
        return ExitCode::FAILURE;
    }
    let kept = target.with_file_name(format!(
        "{}.replaced-{}",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bahi_store::utc_stamp()
    ));
    if target.exists() {
        if let Err(e) = std::fs::rename(&target, &kept) {
            eprintln!("bahi restore: cannot move the current database aside: {e}");
            return ExitCode::FAILURE;
        }
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", target.display()));
            if side.exists() {
                let _ =
                    std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", kept.display())));
            }
        }
        println!("the replaced database is kept at {}", kept.display());
    }
    if let Err(e) = std::fs::copy(from, &target) {
        eprintln!("bahi restore: copy failed: {e}");
        return ExitCode::FAILURE;
    }
    drop(lock);
    println!("restored {} from {}", target.display(), from.display());
    ExitCode::SUCCESS
}
