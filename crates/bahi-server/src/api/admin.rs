//! Platform administration (API.md): every organisation, suspension, the detailed health document.

use std::time::Instant;

use axum::extract::State;
use bahi_app::identity::orgs;
use bahi_store::identity::audit::Depth;
use bahi_store::identity::orgs::Organisation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::{gstin_text, rfc3339};
use crate::http::extract::{Json, Page, Path};
use crate::http::paths::OrgPath;
use crate::http::{HttpError, PlatformAdminCaller};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminOrg {
    pub id: Uuid,
    pub legal_name: String,
    pub gstin: Option<String>,
    pub state_code: String,
    pub suspended: bool,
    pub created_at: String,
}

impl From<&Organisation> for AdminOrg {
    fn from(o: &Organisation) -> Self {
        Self {
            id: o.id.0,
            legal_name: o.legal_name.clone(),
            gstin: gstin_text(o.gstin.as_ref()),
            state_code: o.state_code.to_string(),
            suspended: o.suspended_at.is_some(),
            created_at: rfc3339(o.created_at),
        }
    }
}

/// Every organisation, newest first.
#[utoipa::path(get, path = "/v1/admin/orgs", tag = "admin",
    responses((status = 200, body = Page<AdminOrg>)))]
pub async fn list_orgs(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
) -> Result<Json<Page<AdminOrg>>, HttpError> {
    let items = orgs::all(&app.services, &admin, 200)
        .await?
        .iter()
        .map(Into::into)
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

/// Why an organisation is suspended; recorded in its audit log and the system's.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Suspension {
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

/// What the audit log says when a client suspends without giving a reason.
const NO_REASON_GIVEN: &str = "no reason given (suspended through the API)";

/// Suspend an organisation: its members get 403 on everything under it. The body is optional;
/// its `reason` is recorded.
#[utoipa::path(post, path = "/v1/admin/orgs/{id}/suspend", tag = "admin", params(("id" = Uuid, Path)),
    request_body(content = Option<Suspension>),
    responses((status = 200, body = AdminOrg)))]
pub async fn suspend(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    Path(path): Path<OrgPath>,
    body: Option<Json<Suspension>>,
) -> Result<Json<AdminOrg>, HttpError> {
    let reason = body.map_or_else(|| NO_REASON_GIVEN.to_owned(), |Json(s)| s.reason);
    let org = orgs::set_suspended(&app.services, &admin, path.id, Some(&reason)).await?;
    Ok(Json((&org).into()))
}

/// Reinstate a suspended organisation.
#[utoipa::path(post, path = "/v1/admin/orgs/{id}/unsuspend", tag = "admin", params(("id" = Uuid, Path)),
    responses((status = 200, body = AdminOrg)))]
pub async fn unsuspend(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    Path(path): Path<OrgPath>,
) -> Result<Json<AdminOrg>, HttpError> {
    let org = orgs::set_suspended(&app.services, &admin, path.id, None).await?;
    Ok(Json((&org).into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Check {
    pub name: String,
    /// `pass` or `fail`.
    pub status: String,
    pub detail: String,
    pub latency_ms: u128,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DetailedHealth {
    pub status: String,
    pub version: String,
    pub environment: String,
    pub database: String,
    pub checks: Vec<Check>,
}

/// Database latency, migrations, audit chains and versions.
#[utoipa::path(get, path = "/v1/admin/health", tag = "admin",
    responses((status = 200, body = DetailedHealth)))]
pub async fn health(
    _admin: PlatformAdminCaller,
    State(app): State<AppState>,
) -> Json<DetailedHealth> {
    let mut checks = Vec::new();
    let started = Instant::now();
    let ping = app.db().ping().await;
    checks.push(Check {
        name: "database".into(),
        status: if ping.is_ok() { "pass" } else { "fail" }.into(),
        detail: ping
            .err()
            .map_or_else(|| app.db().kind().name().to_owned(), |e| e.to_string()),
        latency_ms: started.elapsed().as_millis(),
    });
    let started = Instant::now();
    let (ok, detail) = match app.migrations.status(app.db()).await {
        Ok(s) if s.is_current() => (
            true,
            format!("{} schema migrations applied", s.applied_schema.len()),
        ),
        Ok(s) => (false, crate::health::pending_summary(&s)),
        Err(e) => (false, e.to_string()),
    };
    checks.push(Check {
        name: "migrations".into(),
        status: if ok { "pass" } else { "fail" }.into(),
        detail,
        latency_ms: started.elapsed().as_millis(),
    });
    let started = Instant::now();
    let verified = bahi_app::audit::verify_all(&app.services, Depth::SinceCheckpoint).await;
    let (ok, detail) = match verified {
        Ok(v) if v.first_bad.is_none() => (
            true,
            format!("{} events verified since the last checkpoints", v.events),
        ),
        Ok(v) => (
            false,
            v.first_bad
                .map(|(id, why)| format!("event {id}: {why}"))
                .unwrap_or_default(),
        ),
        Err(e) => (false, e.to_string()),
    };
    checks.push(Check {
        name: "audit_chain".into(),
        status: if ok { "pass" } else { "fail" }.into(),
        detail,
        latency_ms: started.elapsed().as_millis(),
    });
    let all_pass = checks.iter().all(|c| c.status == "pass");
    Json(DetailedHealth {
        status: if all_pass { "pass" } else { "fail" }.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        environment: app.config.env.as_str().into(),
        database: app.db().identity(),
        checks,
    })
}
