//! The application state handlers share: a cheap clonable handle (`AppState(Arc<App>)`).

use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bahi_app::Services;
use bahi_store::Db;
use bahi_store::migrate::Migrations;

use crate::config::Config;

pub struct App {
    pub config: Config,
    /// What the use cases need: the database and the deployment's rules.
    pub services: Services,
    /// The migrations this release expects to find applied (readiness compares against them).
    pub migrations: Migrations,
    pub schema: SchemaGate,
    pub metrics: crate::metrics::Metrics,
}

impl App {
    #[must_use]
    pub fn db(&self) -> &Db {
        &self.services.db
    }
}

#[derive(Clone)]
pub struct AppState(Arc<App>);

impl AppState {
    #[must_use]
    pub fn new(config: Config, db: Db, migrations: Migrations) -> Self {
        let metrics = crate::metrics::Metrics::new(&config.sentry.release, db.kind().name());
        let services = Services::new(db, config.policy());
        Self(Arc::new(App {
            config,
            services,
            migrations,
            schema: SchemaGate::default(),
            metrics,
        }))
    }
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.0
    }
}

/// Whether the database holds every migration this release needs. Until it does, the API and
/// the pages answer 503 instead of failing on a missing table (production does not migrate by
/// itself). Once current it stays current: later releases only add to the schema.
#[derive(Default)]
pub struct SchemaGate {
    current: AtomicBool,
    /// When a check last found the schema behind; checks queue here, so requests that arrive
    /// during one wait for its answer instead of being refused.
    failed_at: tokio::sync::Mutex<Option<Instant>>,
}

/// How often a server that is waiting for its migrations looks again.
const RECHECK: Duration = Duration::from_secs(5);

impl SchemaGate {
    pub async fn is_current(&self, db: &Db, migrations: &Migrations) -> bool {
        if self.current.load(Ordering::Acquire) {
            return true;
        }
        let mut failed_at = self.failed_at.lock().await;
        if self.current.load(Ordering::Acquire) {
            return true;
        }
        if failed_at.is_some_and(|t| t.elapsed() < RECHECK) {
            return false;
        }
        let current = migrations.status(db).await.is_ok_and(|s| s.is_current());
        if current {
            self.current.store(true, Ordering::Release);
        } else {
            *failed_at = Some(Instant::now());
        }
        current
    }
}
