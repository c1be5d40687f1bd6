//! The application state handlers share: a cheap clonable handle (`AppState(Arc<App>)`).

use std::ops::Deref;
use std::sync::Arc;

use bahi_store::Db;
use bahi_store::migrate::Migrations;

use crate::config::Config;

pub struct App {
    pub config: Config,
    pub db: Db,
    /// The migrations this release expects to find applied (readiness compares against them).
    pub migrations: Migrations,
}

#[derive(Clone)]
pub struct AppState(Arc<App>);

impl AppState {
    #[must_use]
    pub fn new(config: Config, db: Db, migrations: Migrations) -> Self {
        Self(Arc::new(App {
            config,
            db,
            migrations,
        }))
    }
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.0
    }
}
