//! Configuration: defaults, the optional file, the environment on top, and every bad value named.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use bahi_server::config::{Config, Environment, LogFormat, SETTINGS};

fn load(pairs: &[(&str, &str)]) -> Result<Config, Vec<String>> {
    let mut vars: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    vars.entry("BAHI_CONFIG".to_owned()).or_default();
    Config::load(&vars).map_err(|e| e.0.iter().map(ToString::to_string).collect())
}

const SECRET: &str = "0123456789abcdef0123456789abcdef-long-enough";

#[test]
fn development_defaults_need_nothing() {
    let config = load(&[]).unwrap();
    assert_eq!(config.env, Environment::Development);
    assert_eq!(config.database_url, "sqlite://data/bahi.db");
    assert_eq!(
        (config.bind, config.port),
        (IpAddr::V4(Ipv4Addr::LOCALHOST), 8080)
    );
    assert_eq!(config.public_url.as_str(), "http://127.0.0.1:8080/");
    assert!(config.secret_key_generated && config.secret_key.as_bytes().len() >= 32);
    assert_eq!(
        config.allowed_origins,
        vec!["http://127.0.0.1:8080".to_owned()]
    );
    assert_eq!(config.log_format, LogFormat::Text);
    assert!(config.auto_migrate);
    assert!(!config.secure_cookies);
    assert_eq!(config.request_timeout, Duration::from_secs(30));
}

#[test]
fn production_changes_the_defaults_and_requires_a_secret() {
    let errors = load(&[("BAHI_ENV", "production")]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("BAHI_SECRET_KEY: is required in production"),
        "{errors:?}"
    );

    let config = load(&[("BAHI_ENV", "production"), ("BAHI_SECRET_KEY", SECRET)]).unwrap();
    assert_eq!(config.log_format, LogFormat::Json);
    assert!(config.secure_cookies);
    assert!(!config.auto_migrate, "production never migrates by itself");
    assert!(!config.secret_key_generated);

    let staging = load(&[("BAHI_ENV", "staging"), ("BAHI_SECRET_KEY", SECRET)]).unwrap();
    assert!(!staging.auto_migrate);
}

#[test]
fn a_platform_port_listens_on_every_interface() {
    let config = load(&[("PORT", "3000")]).unwrap();
    assert_eq!(
        (config.bind, config.port),
        (IpAddr::V4(Ipv4Addr::UNSPECIFIED), 3000)
    );
    let pinned = load(&[("PORT", "3000"), ("BAHI_BIND", "127.0.0.1")]).unwrap();
    assert_eq!(pinned.bind, IpAddr::V4(Ipv4Addr::LOCALHOST));
}

#[test]
fn every_bad_value_is_reported_naming_its_variable() {
    let errors = load(&[
        ("BAHI_ENV", "prod"),
        ("DATABASE_URL", "mysql://localhost/x"),
        ("PORT", "0"),
        ("BAHI_BIND", "localhost"),
        ("BAHI_PUBLIC_URL", "ftp://example.com"),
        ("BAHI_SECRET_KEY", "short"),
        ("BAHI_ALLOWED_ORIGINS", "*"),
        ("SENTRY_DSN", "not a dsn"),
        ("BAHI_SMTP_URL", "http://mail"),
        ("BAHI_MAIL_FROM", "nobody"),
        ("BAHI_MIGRATIONS_APPROVED", "not-hex!"),
        ("BAHI_DB_MAX_CONNECTIONS", "0"),
        ("BAHI_REQUEST_TIMEOUT_SECS", "-1"),
        ("BAHI_LOG_FORMAT", "xml"),
        ("BAHI_LOG", "[[["),
    ])
    .unwrap_err();
    let named: Vec<&str> = errors
        .iter()
        .map(|e| e.split(':').next().unwrap())
        .collect();
    for var in [
        "BAHI_ENV",
        "DATABASE_URL",
        "PORT",
        "BAHI_BIND",
        "BAHI_PUBLIC_URL",
        "BAHI_SECRET_KEY",
        "BAHI_ALLOWED_ORIGINS",
        "SENTRY_DSN",
        "BAHI_SMTP_URL",
        "BAHI_MAIL_FROM",
        "BAHI_MIGRATIONS_APPROVED",
        "BAHI_DB_MAX_CONNECTIONS",
        "BAHI_REQUEST_TIMEOUT_SECS",
        "BAHI_LOG_FORMAT",
        "BAHI_LOG",
    ] {
        assert!(named.contains(&var), "{var} not named in {errors:#?}");
    }
    let secret_error = errors
        .iter()
        .find(|e| e.starts_with("BAHI_SECRET_KEY"))
        .unwrap();
    assert!(!secret_error.contains("short"), "secrets are never echoed");
}

#[test]
fn database_passwords_stay_out_of_errors_and_logs() {
    let errors = load(&[("DATABASE_URL", "postgres://u:hunter2@db:notaport/x")]).unwrap_err();
    assert!(errors.iter().all(|e| !e.contains("hunter2")), "{errors:?}");
    let config = load(&[(
        "DATABASE_URL",
        "postgres://u:hunter2@db:5432/bahi?sslmode=require",
    )])
    .unwrap();
    assert!(!config.database_identity().contains("hunter2"));
    assert!(!format!("{config:?}").contains(SECRET));
}

#[test]
fn origins_are_normalised_and_paths_refused() {
    let config = load(&[(
        "BAHI_ALLOWED_ORIGINS",
        "https://app.example.com, https://admin.example.com:8443",
    )])
    .unwrap();
    assert_eq!(
        config.allowed_origins,
        vec!["https://app.example.com", "https://admin.example.com:8443"]
    );
    let errors = load(&[("BAHI_ALLOWED_ORIGINS", "https://app.example.com/path")]).unwrap_err();
    assert!(errors[0].contains("without a path"));
}

#[test]
fn file_values_sit_under_the_environment() {
    let dir = tempfile_dir();
    let path = dir.join("bahi.toml");
    std::fs::write(&path, "port = 9001\nbind = \"0.0.0.0\"\nrequest_timeout_secs = 12\nallowed_origins = [\"https://a.example\", \"https://b.example\"]\n").unwrap();
    let file = path.to_string_lossy().into_owned();
    let config = load(&[("BAHI_CONFIG", &file), ("PORT", "9002")]).unwrap();
    assert_eq!(config.port, 9002, "the environment wins");
    assert_eq!(
        config.bind,
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        "the file fills what the environment leaves"
    );
    assert_eq!(config.request_timeout, Duration::from_secs(12));
    assert_eq!(config.allowed_origins.len(), 2);
    assert_eq!(config.file.as_deref(), Some(path.as_path()));

    std::fs::write(&path, "prot = 9001\n").unwrap();
    let errors = load(&[("BAHI_CONFIG", &file)]).unwrap_err();
    assert!(
        errors[0].starts_with("BAHI_CONFIG") && errors[0].contains("unknown key \"prot\""),
        "{errors:?}"
    );

    let errors = load(&[("BAHI_CONFIG", "/no/such/bahi.toml")]).unwrap_err();
    assert!(errors[0].contains("no such file"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_setting_has_a_distinct_variable_and_key() {
    let mut vars: Vec<_> = SETTINGS.iter().map(|s| s.var).collect();
    let mut keys: Vec<_> = SETTINGS.iter().map(|s| s.key).collect();
    vars.sort_unstable();
    vars.dedup();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(vars.len(), SETTINGS.len());
    assert_eq!(keys.len(), SETTINGS.len());
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bahi-config-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn production_refuses_a_secret_key_with_little_entropy() {
    let forty_eight_a = "a".repeat(48);
    let errors = load(&[
        ("BAHI_ENV", "production"),
        ("BAHI_SECRET_KEY", &forty_eight_a),
    ])
    .unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("BAHI_SECRET_KEY: has too little variety"),
        "{errors:?}"
    );
    assert!(
        !errors[0].contains(&forty_eight_a),
        "the key is never echoed"
    );
    // Development takes it (nothing there is secret), as does a real key in production.
    assert!(load(&[("BAHI_SECRET_KEY", &forty_eight_a)]).is_ok());
    assert!(load(&[("BAHI_ENV", "production"), ("BAHI_SECRET_KEY", SECRET)]).is_ok());
}

#[test]
fn previous_secret_keys_keep_the_audit_trail_verifiable() {
    let rotated = load(&[
        (
            "BAHI_SECRET_KEY",
            "the-new-key-0123456789abcdefghijklmnopqrstuv",
        ),
        ("BAHI_SECRET_KEY_PREVIOUS", SECRET),
    ])
    .unwrap();
    let before = load(&[("BAHI_SECRET_KEY", SECRET)]).unwrap();
    assert_ne!(
        rotated.audit_keys.current().id(),
        before.audit_keys.current().id(),
        "new rows are signed with the new key"
    );
    let short = load(&[("BAHI_SECRET_KEY_PREVIOUS", "short")]).unwrap_err();
    assert!(
        short[0].starts_with("BAHI_SECRET_KEY_PREVIOUS"),
        "{short:?}"
    );
    let generated = load(&[]).unwrap();
    assert_eq!(
        generated.audit_keys.current().id(),
        bahi_store::identity::audit::AuditKeys::development()
            .current()
            .id(),
        "a development server without a key signs with the fixed development key"
    );
}
