//! Listening and graceful shutdown: on SIGTERM or SIGINT the server stops accepting, lets
//! in-flight requests finish (up to the shutdown timeout), then returns.

use std::future::Future;
use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::state::AppState;

/// Binds the configured address.
pub async fn bind(app: &AppState) -> std::io::Result<TcpListener> {
    TcpListener::bind(SocketAddr::new(app.config.bind, app.config.port)).await
}

/// Serves until `shutdown` resolves, then drains in-flight requests for at most `grace`.
pub async fn run(
    listener: TcpListener,
    app: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let grace = app.config.shutdown_timeout;
    let checkpoints = tokio::spawn(audit_checkpoints(app.clone()));
    let _stop_checkpoints = AbortOnDrop(checkpoints);
    let _stop_outbox = outbox_worker(&app).map(AbortOnDrop);
    // Always on: a business's webhooks need no setting of the server's.
    let _stop_inbox = AbortOnDrop(tokio::spawn(bahi_app::gateways::inbox::run(
        app.services.clone(),
        INBOX_EVERY,
        std::future::pending(),
    )));
    let _stop_reminders = app
        .config
        .mail
        .is_some()
        .then(|| AbortOnDrop(tokio::spawn(reminders(app.clone()))));
    let router = crate::router(app);
    let (signalled_tx, signalled_rx) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        shutdown.await;
        tracing::info!("shutting down: finishing in-flight requests");
        let _ = signalled_tx.send(());
    };
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown);
    let server = tokio::spawn(async move { server.await });
    tokio::pin!(server);
    tokio::select! {
        finished = &mut server => return finished.unwrap_or_else(|e| Err(std::io::Error::other(e))),
        _ = signalled_rx => {}
    }
    match tokio::time::timeout(grace, &mut server).await {
        Ok(finished) => finished.unwrap_or_else(|e| Err(std::io::Error::other(e))),
        Err(_) => {
            tracing::warn!(
                grace_secs = grace.as_secs(),
                "in-flight requests did not finish in time; stopping anyway"
            );
            Ok(())
        }
    }
}

/// How often the gateway inbox is looked at besides when a webhook wakes it (retries, and
/// events another replica claimed and dropped).
const INBOX_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// How often the server verifies what the audit trail gained and records checkpoints, so that
/// health checks and `doctor` read only what is new.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(600);

async fn audit_checkpoints(app: AppState) {
    use bahi_store::identity::audit::Depth;
    let mut ticks = tokio::time::interval_at(
        tokio::time::Instant::now() + CHECKPOINT_EVERY,
        CHECKPOINT_EVERY,
    );
    loop {
        ticks.tick().await;
        match bahi_app::audit::verify_all(&app.services, Depth::SinceCheckpoint).await {
            Ok(v) => match v.first_bad {
                None => tracing::debug!(events = v.events, "audit trail verified"),
                Some((at, why)) => {
                    tracing::error!(at = %at, reason = %why, "the audit trail does not verify")
                }
            },
            Err(error) => tracing::warn!(%error, "could not verify the audit trail"),
        }
    }
}

/// The outbox's delivery worker, when mail is configured. A send cut off by shutdown is sent
/// again once its claim lapses (delivery is at least once).
fn outbox_worker(app: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    let (_, delivery) = app.config.mail.as_ref()?;
    match bahi_app::mail::worker::Worker::new(&app.services, delivery.clone()) {
        Ok(worker) => Some(tokio::spawn(worker.run())),
        Err(error) => {
            tracing::error!(%error, "mail cannot be delivered");
            None
        }
    }
}

/// Queues the payment reminders that are due, now and then every interval. Safe with several
/// replicas: each invoice's step is queued once (the outbox's idempotency key).
async fn reminders(app: AppState) {
    let mut ticks = tokio::time::interval(app.config.reminders_every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let now = time::OffsetDateTime::now_utc();
        match bahi_app::sales::reminders::send_due(&app.services, now).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "payment reminders queued"),
            Err(error) => tracing::warn!(%error, "payment reminders could not be queued"),
        }
    }
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Resolves on SIGTERM (what platforms send) or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
