//! Error reporting: a failing handler gives exactly one Sentry event, with no cookie, token or
//! query string in it, and a panic is reported. One test function, because the Sentry client and
//! the log subscriber are process-wide; the client is set up before the async runtime starts its
//! threads, as `bahi serve` does. (`sentry_off.rs` covers running without a DSN.)

mod common;

use std::time::Duration;

use common::{Options, TestApp};
use reqwest::StatusCode;
use sentry::test::TestTransport;

const DSN: &str = "https://publickey@sentry.example.com/42";

#[test]
fn failures_reach_sentry_once_and_scrubbed() {
    bahi_server::telemetry::init(
        "info",
        bahi_server::config::LogFormat::Text,
        bahi_server::telemetry::LogTarget::Stderr,
    );
    let transport = TestTransport::new();
    let vars = std::collections::HashMap::from([
        ("BAHI_CONFIG".to_owned(), String::new()),
        ("SENTRY_DSN".to_owned(), DSN.to_owned()),
        ("BAHI_RELEASE".to_owned(), "bahi@test".to_owned()),
    ]);
    let config = bahi_server::config::Config::load(&vars).unwrap();
    let guard = bahi_server::telemetry::init_sentry_with(&config, Some(transport.clone()))
        .expect("a client with a DSN");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(exercise(&transport));
    drop(guard);
}

async fn exercise(transport: &TestTransport) {
    let app = TestApp::start_with(Options {
        vars: vec![("SENTRY_DSN", DSN.into())],
        ..Options::default()
    })
    .await;
    let failed = app
        .client
        .get(app.at("/__test/fail?token=bahi_supersecret&page=2"))
        .header("cookie", "bahi_session=cookie-secret-value")
        .header("authorization", "Bearer bahi_bearer_secret")
        .header("x-csrf-token", "csrf-secret-value")
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        !failed.text().await.unwrap().contains("deliberate"),
        "the client learns nothing internal"
    );
    let events = settle(transport, |events| {
        events.iter().any(|e| e.level == sentry::Level::Error)
    })
    .await;
    let errors: Vec<_> = events
        .iter()
        .filter(|e| e.level == sentry::Level::Error)
        .collect();
    assert_eq!(errors.len(), 1, "exactly one event: {events:#?}");
    let event = serde_json::to_string(errors[0]).unwrap();
    assert!(event.contains("deliberate failure"), "{event}");
    for secret in [
        "supersecret",
        "cookie-secret-value",
        "bahi_bearer_secret",
        "csrf-secret-value",
        "token=",
    ] {
        assert!(!event.contains(secret), "{secret} leaked into {event}");
    }
    assert_eq!(errors[0].release.as_deref(), Some("bahi@test"));
    assert_eq!(errors[0].environment.as_deref(), Some("development"));

    assert_eq!(
        app.get("/__test/panic").await.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server answers"
    );
    assert_eq!(
        app.get("/health/live").await.status(),
        StatusCode::OK,
        "and lives on"
    );
    let events = settle(transport, |events| {
        events
            .iter()
            .any(|e| serde_json::to_string(e).is_ok_and(|t| t.contains("deliberate panic")))
    })
    .await;
    assert!(
        events.iter().any(|e| serde_json::to_string(e)
            .unwrap()
            .contains("deliberate panic")),
        "the panic is captured: {events:#?}"
    );
}

/// Events are sent from the request's task: collects them until `arrived` says the expected
/// ones are in (or ten seconds pass), then gives a moment more for a stray duplicate to show.
async fn settle(
    transport: &TestTransport,
    arrived: impl Fn(&[sentry::protocol::Event<'static>]) -> bool,
) -> Vec<sentry::protocol::Event<'static>> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut events = Vec::new();
    loop {
        if let Some(client) = sentry::Hub::main().client() {
            client.flush(Some(Duration::from_millis(200)));
        }
        events.extend(transport.fetch_and_clear_events());
        if arrived(&events) || std::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if let Some(client) = sentry::Hub::main().client() {
        client.flush(Some(Duration::from_millis(200)));
    }
    events.extend(transport.fetch_and_clear_events());
    events
}
