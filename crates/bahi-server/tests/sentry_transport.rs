//! With a DSN and Sentry's own HTTP transport (not a test double), starting error reporting and
//! sending an event must not panic — the TLS provider has to be in place. The DSN points at a
//! closed port on this machine, so the event is simply not delivered.

#[test]
fn the_real_transport_starts_and_sends_without_panicking() {
    let vars = std::collections::HashMap::from([
        ("BAHI_CONFIG".to_owned(), String::new()),
        (
            "SENTRY_DSN".to_owned(),
            "http://publickey@127.0.0.1:9/42".to_owned(),
        ),
    ]);
    let config = bahi_server::config::Config::load(&vars).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let guard = runtime
        .block_on(async { bahi_server::telemetry::init_sentry(&config) })
        .expect("a client with a DSN");
    sentry::capture_message("transport check", sentry::Level::Info);
    let client = sentry::Hub::main().client().expect("the client is bound");
    let _ = client.flush(Some(std::time::Duration::from_secs(2)));
    drop(guard);
}
