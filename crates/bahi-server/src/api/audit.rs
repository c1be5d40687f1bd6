//! The organisation's audit trail (API.md, Audit): accountants and up.

use axum::extract::State;
use bahi_app::{Accountant, audit};
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::AuditEventOut;
use crate::http::extract::{Json, Page, PageParams, Paging};
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// The organisation's events, newest first.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/audit-events", tag = "audit", params(("org_id" = uuid::Uuid, Path), PageParams),
    responses((status = 200, body = Page<AuditEventOut>)))]
pub async fn list(
    member: Member<Accountant>,
    State(app): State<AppState>,
    paging: Paging,
) -> Result<Json<Page<AuditEventOut>>, HttpError> {
    let before = paging.after_number()?;
    let events = audit::list(&app.services, &member, before, paging.fetch()).await?;
    Ok(Json(paging.page(
        events,
        |e| e.seq.to_string(),
        |e| (&e).into(),
    )))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Verification {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_bad_event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Recomputes the organisation's whole hash chain, and compares it with its signed head and
/// checkpoints.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/audit-events/verify", tag = "audit", params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = Verification)))]
pub async fn verify(
    member: Member<Accountant>,
    State(app): State<AppState>,
) -> Result<Json<Verification>, HttpError> {
    let v = audit::verify_org(&app.services, &member).await?;
    Ok(Json(match v.first_bad {
        None => Verification {
            ok: true,
            events: Some(v.events),
            first_bad_event: None,
            reason: None,
        },
        Some((id, why)) => Verification {
            ok: false,
            events: None,
            first_bad_event: Some(id),
            reason: Some(why),
        },
    }))
}
