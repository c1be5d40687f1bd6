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
