//! Without `SENTRY_DSN` nothing is set up: no client, no event, and failures are plain 500s.

mod common;

use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn no_dsn_means_no_client_and_no_panic() {
    bahi_server::telemetry::init(
        "info",
        bahi_server::config::LogFormat::Text,
        bahi_server::telemetry::LogTarget::Stderr,
    );
    let vars = std::collections::HashMap::from([
        ("BAHI_CONFIG".to_owned(), String::new()),
        ("SENTRY_DSN".to_owned(), String::new()),
    ]);
    let config = bahi_server::config::Config::load(&vars).unwrap();
    assert!(config.sentry_dsn.is_none(), "an empty DSN is no DSN");
    assert!(bahi_server::telemetry::init_sentry(&config).is_none());
    assert!(sentry::Hub::current().client().is_none());
    let app = TestApp::start().await;
    assert_eq!(
        app.get("/__test/fail").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        app.get("/__test/panic").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert!(sentry::Hub::current().client().is_none());
}
